#pragma once
// Character classes and small helpers of the IMAP formal syntax (RFC 9051 §9) shared by the response
// and command parsers. Internal to codec/imap.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailspec::codec::imap::syntax {

inline constexpr std::uint64_t max_number64 = (std::uint64_t{1} << 63) - 1;  // RFC 9051 number64

inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

inline bool is_line_end(unsigned char c) { return c == '\r' || c == '\n'; }

// ATOM-CHAR: any CHAR except atom-specials.
inline bool is_atom_char(unsigned char c) {
  if (c <= 0x20 || c >= 0x7f) return false;
  switch (c) {
    case '(': case ')': case '{': case '%': case '*': case '"': case '\\': case ']': return false;
    default: return true;
  }
}

// tag = 1*<any ASTRING-CHAR except "+">; ASTRING-CHAR = ATOM-CHAR / "]".
inline bool is_tag_char(unsigned char c) { return c != '+' && (is_atom_char(c) || c == ']'); }

inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

/// The value of a number64, or nullopt for a non-digit or a value above 2^63-1.
inline std::optional<std::uint64_t> to_number64(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) {
    auto const d = static_cast<std::uint64_t>(c - '0');
    if (!is_digit(c) || v > (max_number64 - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

/// Adds one digit to a literal's octet count. False if the count would exceed `cap` (or 2^63-1):
/// the limit is checked on the digit that exceeds it, before any octet of the literal is kept.
inline bool add_count_digit(std::uint64_t& count, unsigned char digit, std::uint64_t cap) {
  cap = std::min(cap, max_number64);
  auto const d = static_cast<std::uint64_t>(digit - '0');
  if (cap < d || count > (cap - d) / 10) return false;
  count = count * 10 + d;
  return true;
}

inline std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace mailspec::codec::imap::syntax
