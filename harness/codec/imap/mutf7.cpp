#include "codec/imap/mutf7.hpp"

#include <cstdint>
#include <vector>

namespace mailspec::codec::imap {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int sextet(char c) {
  auto const p = alphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

bool problem(mutf7_problem* why, std::size_t at, char const* detail) {
  if (why) *why = {at, detail};
  return false;
}

/// Decodes the base64 run name[from, to) (between "&" and "-") into UTF-8.
bool decode_run(std::string_view name, std::size_t from, std::size_t to, std::string& out, mutf7_problem* why) {
  std::vector<std::uint16_t> units;
  std::uint32_t bits = 0;
  int nbits = 0;
  for (std::size_t i = from; i < to; ++i) {
    int const s = sextet(name[i]);
    if (s < 0) return problem(why, i, "octet outside the modified base64 alphabet");
    bits = (bits << 6) | static_cast<std::uint32_t>(s);
    nbits += 6;
    if (nbits >= 16) {
      nbits -= 16;
      units.push_back(static_cast<std::uint16_t>(bits >> nbits));
      bits &= (1u << nbits) - 1;
    }
  }
  if (nbits >= 6 || bits != 0) return problem(why, to, "non-zero or excess padding bits in a base64 run");
  if (units.empty()) return problem(why, from, "a shift that encodes nothing");
  for (std::size_t i = 0; i < units.size(); ++i) {
    std::uint32_t cp = units[i];
    if (cp >= 0xd800 && cp <= 0xdbff) {
      if (i + 1 >= units.size() || units[i + 1] < 0xdc00 || units[i + 1] > 0xdfff) {
        return problem(why, from, "a high surrogate without its low surrogate");
      }
      cp = 0x10000 + ((cp - 0xd800) << 10) + (units[++i] - 0xdc00);
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      return problem(why, from, "a low surrogate without a high surrogate");
    } else if (cp >= 0x20 && cp <= 0x7e) {
      return problem(why, from, "printable US-ASCII encoded in base64 (it must stand for itself)");
    }
    append_utf8(out, cp);
  }
  return true;
}

/// The code point of the UTF-8 sequence at s[i] and its length, or length 0 if malformed.
std::pair<std::uint32_t, std::size_t> next_utf8(std::string_view s, std::size_t i) {
  auto const c = static_cast<unsigned char>(s[i]);
  std::size_t const n = c < 0x80 ? 1 : c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
  if (n == 0 || i + n > s.size()) return {0, 0};
  std::uint32_t cp = n == 1 ? c : c & (0x7f >> n);
  for (std::size_t k = 1; k < n; ++k) {
    auto const t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xc0) != 0x80) return {0, 0};
    cp = (cp << 6) | (t & 0x3f);
  }
  static constexpr std::uint32_t min_of[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_of[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return {0, 0};
  return {cp, n};
}

void flush_run(std::string& out, std::vector<std::uint16_t>& units) {
  if (units.empty()) return;
  out += '&';
  std::uint32_t bits = 0;
  int nbits = 0;
  for (auto u : units) {
    bits = (bits << 16) | u;
    nbits += 16;
    while (nbits >= 6) {
      nbits -= 6;
      out += alphabet[(bits >> nbits) & 0x3f];
    }
    bits &= (1u << nbits) - 1;
  }
  if (nbits > 0) out += alphabet[(bits << (6 - nbits)) & 0x3f];
  out += '-';
  units.clear();
}

}  // namespace

std::optional<std::string> mutf7_decode(std::string_view name, mutf7_problem* why) {
  std::string out;
  std::size_t last_run_end = std::string_view::npos;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto const c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c > 0x7e) return problem(why, i, "octet outside printable US-ASCII"), std::nullopt;
    if (c != '&') {
      out += static_cast<char>(c);
      continue;
    }
    std::size_t const dash = name.find('-', i + 1);
    if (dash == std::string_view::npos) return problem(why, i, "\"&\" without its closing \"-\""), std::nullopt;
    if (dash == i + 1) {
      out += '&';
      i = dash;
      continue;
    }
    if (last_run_end == i) return problem(why, i, "two base64 runs in a row (they must be one)"), std::nullopt;
    if (!decode_run(name, i + 1, dash, out, why)) return std::nullopt;
    i = dash;
    last_run_end = dash + 1;
  }
  return out;
}

std::optional<std::string> mutf7_encode(std::string_view utf8) {
  std::string out;
  std::vector<std::uint16_t> units;
  for (std::size_t i = 0; i < utf8.size();) {
    auto const [cp, n] = next_utf8(utf8, i);
    if (n == 0) return std::nullopt;
    i += n;
    if (cp >= 0x20 && cp <= 0x7e) {
      flush_run(out, units);
      out += cp == '&' ? std::string("&-") : std::string(1, static_cast<char>(cp));
    } else if (cp >= 0x10000) {
      units.push_back(static_cast<std::uint16_t>(0xd800 + ((cp - 0x10000) >> 10)));
      units.push_back(static_cast<std::uint16_t>(0xdc00 + ((cp - 0x10000) & 0x3ff)));
    } else {
      units.push_back(static_cast<std::uint16_t>(cp));
    }
  }
  flush_run(out, units);
  return out;
}

}  // namespace mailspec::codec::imap
