#include "codec/sasl/base64.hpp"

#include <cstdint>

namespace mailspec::codec::sasl {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    std::uint32_t const v = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 |
                            static_cast<unsigned char>(data[i + 2]);
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  std::size_t const rest = data.size() - i;
  if (rest == 0) return out;
  std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
  if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
  out += alphabet[v >> 18];
  out += alphabet[(v >> 12) & 63];
  out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
  out += '=';
  return out;
}

std::optional<std::string> base64_decode(std::string_view text, bool strict) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t chars = 0;
  std::size_t pad = 0;
  for (char c : text) {
    if (!strict && is_space(c)) continue;
    if (c == '=') {
      ++pad;
      continue;
    }
    int const v = sextet(c);
    if (v < 0 || pad > 0) return std::nullopt;  // not base64, or data after the padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    ++chars;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
      acc &= (1u << bits) - 1;
    }
  }
  std::size_t const rest = chars % 4;
  if (rest == 1) return std::nullopt;
  std::size_t const want = rest == 0 ? 0 : 4 - rest;
  if (strict && (pad != want || acc != 0)) return std::nullopt;
  if (!strict && pad != 0 && pad != want) return std::nullopt;
  return out;
}

}  // namespace mailspec::codec::sasl
