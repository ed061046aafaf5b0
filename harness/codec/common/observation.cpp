#include "codec/common/observation.hpp"

#include <algorithm>
#include <string>

namespace mailspec::codec {

void detail::warning_sink::add(std::size_t offset, std::string_view code, std::string detail) {
  if (policy_.once_per_code && std::find(seen_.begin(), seen_.end(), code) != seen_.end()) return;
  if (list_.size() > policy_.cap) return;
  if (policy_.once_per_code) seen_.emplace_back(code);
  if (list_.size() == policy_.cap) {
    list_.push_back({offset, std::string(policy_.capped_code), std::string(policy_.capped_detail)});
    return;
  }
  list_.push_back({offset, std::string(code), std::move(detail)});
}

std::string quote_bytes(std::string_view bytes) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else {
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 0xf];
        }
    }
  }
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string unquote_bytes(std::string_view quoted) {
  std::string out;
  out.reserve(quoted.size());
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    char c = quoted[i];
    if (c != '\\' || i + 1 >= quoted.size()) {
      out += c;
      continue;
    }
    char e = quoted[++i];
    switch (e) {
      case '\\': out += '\\'; break;
      case 'r': out += '\r'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'x':
        if (i + 2 < quoted.size() && hex_value(quoted[i + 1]) >= 0 && hex_value(quoted[i + 2]) >= 0) {
          out += static_cast<char>(hex_value(quoted[i + 1]) * 16 + hex_value(quoted[i + 2]));
          i += 2;
        } else {
          out += "\\x";
        }
        break;
      default:
        out += '\\';
        out += e;
    }
  }
  return out;
}

std::string quote_bytes_cut(std::string_view bytes, std::size_t max) {
  if (bytes.size() <= max) return quote_bytes(bytes);
  return quote_bytes(bytes.substr(0, max)) + "... (" + std::to_string(bytes.size() - max) + " more octets)";
}

}  // namespace mailspec::codec
