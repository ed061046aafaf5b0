#include "codec/imap/grammar_reader.hpp"

#include "codec/common/observation.hpp"
#include "codec/imap/syntax.hpp"

#include <algorithm>
#include <tuple>

namespace mailspec::codec::imap::grammar_detail {

using syntax::is_atom_char;
using syntax::is_digit;

namespace {

/// Octets of the well-formed UTF8-2 / UTF8-3 / UTF8-4 sequence at s[i] (RFC 3629), else 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto const b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  auto const tail = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xbf) { return b(k) >= lo && b(k) <= hi; };
  unsigned const c = b(0);
  if (c >= 0xc2 && c <= 0xdf) return tail(1) ? 2 : 0;
  if (c == 0xe0) return tail(1, 0xa0) && tail(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) return tail(1) && tail(2) ? 3 : 0;
  if (c == 0xed) return tail(1, 0x80, 0x9f) && tail(2) ? 3 : 0;
  if (c == 0xf0) return tail(1, 0x90) && tail(2) && tail(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return tail(1) && tail(2) && tail(3) ? 4 : 0;
  if (c == 0xf4) return tail(1, 0x80, 0x8f) && tail(2) && tail(3) ? 4 : 0;
  return 0;
}

constexpr std::uint64_t max32 = 0xffffffffu;

}  // namespace

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && syntax::upper(a) == syntax::upper(b);
}

// ---------------------------------------------------------------------------------------------
// Cursor and failures

bool reader::eat(char c) {
  if (!at(c)) return false;
  ++pos_;
  return true;
}

bool reader::fail(std::string_view rule, std::string_view detail) { return fail_at(pos_, rule, detail); }

bool reader::fail_at(std::size_t at, std::string_view rule, std::string_view detail) {
  if (error_) return false;
  grammar_error e;
  e.rule = std::string(rule);
  std::tie(e.rfc, e.section) = rule_section(rule);
  e.offset = at;
  e.detail = std::string(detail);
  std::size_t const from = at > 24 ? at - 24 : 0;
  std::string const before = quote_bytes(in_.substr(from, at - from));
  std::string const after = at < in_.size() ? quote_bytes(in_.substr(at, 40)) : std::string("(end)");
  e.near = (from > 0 ? "..." : "") + before + ">>" + after + (at + 40 < in_.size() ? "..." : "");
  error_ = std::move(e);
  return false;
}

grammar_error reader::take_error() {
  grammar_error e = error_.value_or(grammar_error{});
  error_.reset();
  return e;
}

bool reader::sp(std::string_view rule) {
  if (!eat(' ')) return fail(rule, "expected SP");
  if (at(' ')) return fail(rule, "expected one SP, got two");
  return true;
}

bool reader::expect(char c, std::string_view rule) {
  if (eat(c)) return true;
  return fail(rule, std::string("expected '") + c + "'");
}

bool reader::crlf(std::string_view rule) {
  if (at('\r') && peek(1) == '\n') {
    pos_ += 2;
    return true;
  }
  if (at(' ')) return fail(rule, "extra SP before CRLF");
  return fail(rule, "expected CRLF");
}

bool reader::enter(std::size_t& depth, std::string_view rule) {
  if (++depth > max_depth_) return fail(rule, "nested too deeply");
  return true;
}

// ---------------------------------------------------------------------------------------------
// Atoms and numbers

std::string_view reader::peek_atom() const {
  std::size_t end = pos_;
  while (end < in_.size() && is_atom_char(static_cast<unsigned char>(in_[end]))) ++end;
  return in_.substr(pos_, end - pos_);
}

bool reader::atom(std::string& out, std::string_view rule, std::string_view extra) {
  std::size_t end = pos_;
  while (end < in_.size()) {
    auto const c = static_cast<unsigned char>(in_[end]);
    if (!is_atom_char(c) && extra.find(static_cast<char>(c)) == std::string_view::npos) break;
    ++end;
  }
  if (end == pos_) return fail(rule, "expected an atom");
  out = std::string(in_.substr(pos_, end - pos_));
  pos_ = end;
  return true;
}

bool reader::keyword(std::string_view kw) {
  if (!equals_ci(peek_atom(), kw)) return false;
  pos_ += kw.size();
  return true;
}

std::string reader::take_word() {
  std::string w = syntax::upper(peek_atom());
  pos_ += w.size();
  return w;
}

bool reader::number64(std::uint64_t& out, std::string_view rule, bool nonzero) {
  std::size_t const start = pos_;
  std::size_t end = pos_;
  while (end < in_.size() && is_digit(static_cast<unsigned char>(in_[end]))) ++end;
  if (end == start) return fail(rule, "expected a number");
  auto const v = syntax::to_number64(in_.substr(start, end - start));
  if (!v) return fail(rule, "number above 2^63-1");
  if (nonzero && *v == 0) return fail(rule, "expected a non-zero number");
  pos_ = end;
  out = *v;
  return true;
}

bool reader::number(std::uint32_t& out, std::string_view rule) {
  std::size_t const start = pos_;
  std::uint64_t v = 0;
  if (!number64(v, rule)) return false;
  if (v > max32) return fail_at(start, rule, "number above 4294967295");
  out = static_cast<std::uint32_t>(v);
  return true;
}

bool reader::nz_number(std::uint32_t& out, std::string_view rule) {
  std::size_t const start = pos_;
  if (!number(out, rule)) return false;
  if (out == 0) return fail_at(start, rule, "expected a non-zero number (nz-number)");
  return true;
}

// ---------------------------------------------------------------------------------------------
// Strings

bool reader::nil() {
  if (!equals_ci(peek_atom(), "NIL")) return false;
  pos_ += 3;
  return true;
}

bool reader::quoted(std::string& out, std::string_view rule) {
  if (!expect('"', rule)) return false;
  out.clear();
  while (!at_end()) {
    auto const c = static_cast<unsigned char>(in_[pos_]);
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      char const e = peek(1);
      if (e != '"' && e != '\\') return fail(rule, "a backslash in a quoted string escapes only DQUOTE or \\");
      out += e;
      pos_ += 2;
    } else if (c >= 0x80) {
      std::size_t const n = utf8_length(in_, pos_);
      if (n == 0) return fail(rule, "not UTF-8 in a quoted string");
      out.append(in_.substr(pos_, n));
      pos_ += n;
    } else if (c == 0 || c == '\r' || c == '\n') {
      return fail(rule, "NUL, CR or LF in a quoted string");
    } else {
      out += static_cast<char>(c);
      ++pos_;
    }
  }
  return fail(rule, "quoted string not closed");
}

bool reader::literal(std::string& out, std::string_view rule, bool* was8, bool allow8) {
  bool const eight = at('~');
  if (eight && !allow8) return fail(rule, "literal8 (~{n}) where only a literal is allowed");
  if (eight) ++pos_;
  if (!expect('{', rule)) return false;
  std::uint64_t n = 0;
  if (!number64(n, rule)) return false;
  if (at('+')) return fail(rule, "a server may not send a non-synchronizing literal {n+}");
  if (!expect('}', rule) || !crlf(rule)) return false;
  if (n > in_.size() - pos_) return fail(rule, "literal longer than the response");
  out = std::string(in_.substr(pos_, static_cast<std::size_t>(n)));
  if (!eight && out.find('\0') != std::string::npos) {
    return fail_at(pos_ + out.find('\0'), rule, "NUL in a literal (CHAR8 excludes it; only literal8 may hold it)");
  }
  pos_ += static_cast<std::size_t>(n);
  if (was8) *was8 = eight;
  return true;
}

bool reader::string(std::string& out, std::string_view rule) {
  if (at('"')) return quoted(out, rule);
  if (at('{')) return literal(out, rule);
  return fail(rule, "expected a string (quoted or literal)");
}

bool reader::nstring(imap::nstring& out, std::string_view rule) {
  if (nil()) {
    out.reset();
    return true;
  }
  std::string s;
  if (!string(s, rule)) return false;
  out = std::move(s);
  return true;
}

bool reader::astring(std::string& out, std::string_view rule) {
  if (at('"') || at('{')) return string(out, rule);
  return atom(out, rule, "]");
}

bool reader::delimiter(std::optional<char>& out, std::string_view rule) {
  if (nil()) {
    out.reset();
    return true;
  }
  std::size_t const start = pos_;
  std::string s;
  if (!quoted(s, rule)) return false;
  if (s.size() != 1 || static_cast<unsigned char>(s[0]) >= 0x80) {
    return fail_at(start, rule, "a hierarchy delimiter is one quoted 7-bit character or NIL");
  }
  out = s[0];
  return true;
}

// ---------------------------------------------------------------------------------------------
// Flags, sequence sets, dates

bool reader::flag(std::string& out, std::string_view rule, bool perm) {
  std::size_t const start = pos_;
  if (eat('\\')) {
    if (eat('*')) {
      if (!perm) return fail_at(start, rule, "\\* is allowed only in PERMANENTFLAGS");
      out = "\\*";
      return true;
    }
    if (!atom(out, rule)) return false;
    out.insert(0, "\\");
    return true;
  }
  return atom(out, rule);
}

bool reader::flag_list(std::vector<std::string>& out, std::string_view rule, bool perm) {
  if (!expect('(', rule)) return false;
  out.clear();
  while (!eat(')')) {
    if (!out.empty() && !sp(rule)) return false;
    std::string f;
    if (!flag(f, rule, perm)) return false;
    out.push_back(std::move(f));
  }
  return true;
}

bool reader::seq_number(std::uint32_t& out, std::string_view rule, bool star) {
  if (at('*')) {
    if (!star) return fail(rule, "\"*\" is not allowed in a uid-set");
    ++pos_;
    out = 0;
    return true;
  }
  return nz_number(out, rule);
}

bool reader::seq_set(sequence_set& out, std::string_view rule, bool star) {
  out.clear();
  do {
    seq_range r;
    if (!seq_number(r.first, rule, star)) return false;
    r.last = r.first;
    if (eat(':') && !seq_number(r.last, rule, star)) return false;
    out.push_back(r);
  } while (eat(','));
  return true;
}

bool reader::date_time(imap::date_time& out, std::string_view rule) {
  static constexpr std::string_view months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  std::size_t const start = pos_;
  auto const digits = [&](std::size_t at, std::size_t n, int& v) {
    v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      char const c = at + i < in_.size() ? in_[at + i] : '\0';
      if (!is_digit(static_cast<unsigned char>(c))) return false;
      v = v * 10 + (c - '0');
    }
    return true;
  };
  // DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE: 28 octets
  std::string_view const s = in_.substr(pos_, 28);
  if (s.size() < 28 || s[0] != '"' || s[27] != '"') return fail(rule, "expected \"dd-Mon-yyyy hh:mm:ss +zzzz\"");
  int day = 0;
  bool const day_ok = s[1] == ' ' ? digits(pos_ + 2, 1, day) : digits(pos_ + 1, 2, day);
  auto const month = std::find(std::begin(months), std::end(months), syntax::upper(s.substr(4, 3)));
  bool ok = day_ok && day >= 1 && day <= 31 && s[3] == '-' && month != std::end(months) && s[7] == '-' &&
            digits(pos_ + 8, 4, out.year) && s[12] == ' ' && digits(pos_ + 13, 2, out.hour) && s[15] == ':' &&
            digits(pos_ + 16, 2, out.minute) && s[18] == ':' && digits(pos_ + 19, 2, out.second) && s[21] == ' ' &&
            (s[22] == '+' || s[22] == '-') && digits(pos_ + 23, 4, out.zone);
  ok = ok && out.hour < 24 && out.minute < 60 && out.second < 61 && out.zone % 100 < 60;
  if (!ok) return fail_at(start, rule, "expected \"dd-Mon-yyyy hh:mm:ss +zzzz\" with valid fields");
  out.day = day;
  out.month = static_cast<int>(month - std::begin(months)) + 1;
  out.zone = (out.zone / 100 * 60 + out.zone % 100) * (s[22] == '-' ? -1 : 1);
  pos_ += 28;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Generic values: extension data

bool reader::generic(value& out, std::string_view rule, std::size_t depth) {
  out = value{};
  if (at('(')) {
    if (!enter(depth, rule)) return false;
    ++pos_;
    out.k = value::kind::list;
    while (!eat(')')) {
      // lists may follow each other without SP (RFC 5256 THREAD: "(3 6 (4 23)(44 7 96))")
      bool const adjacent = at('(') && !out.items.empty() && out.items.back().k == value::kind::list;
      if (!out.items.empty() && !adjacent && !sp(rule)) return false;
      value v;
      if (!generic(v, rule, depth)) return false;
      out.items.push_back(std::move(v));
    }
    return true;
  }
  if (at('"') || at('{') || (at('~') && peek(1) == '{')) {
    out.k = value::kind::literal;
    if (at('"')) out.k = value::kind::quoted;
    if (at('"')) return quoted(out.text, rule);
    if (!literal(out.text, rule, &out.binary, true)) return false;
    if (!out.binary) out.k = value::kind::quoted;  // typed values keep strings one way: quoted
    return true;
  }
  if (nil()) {
    out.k = value::kind::nil;
    return true;
  }
  // An atom; "*", "\" and "[...]" are let through so sequence sets, flags and sections stay one token.
  std::size_t end = pos_;
  int brackets = 0;
  while (end < in_.size()) {
    char const c = in_[end];
    if (c == '[') ++brackets;
    if (c == ']' && --brackets < 0) break;
    bool const inside = brackets > 0 && c != '\r' && c != '\n';
    if (!inside && !is_atom_char(static_cast<unsigned char>(c)) && c != '*' && c != '\\' && c != ']') break;
    ++end;
  }
  if (end == pos_) return fail(rule, "expected an atom, number, string, NIL or list");
  out.text = std::string(in_.substr(pos_, end - pos_));
  out.k = syntax::all_digits(out.text) && syntax::to_number64(out.text) ? value::kind::number : value::kind::atom;
  pos_ = end;
  return true;
}

bool reader::tagged_ext_val(value& out, std::string_view rule) {
  out = value{};
  if (at('(')) {
    ++pos_;
    out.k = value::kind::list;
    while (!eat(')')) {
      if (!out.items.empty() && !sp(rule)) return false;
      value v;
      if (!tagged_ext_comp(v, rule, 1)) return false;
      out.items.push_back(std::move(v));
    }
    return true;
  }
  // Not in the ABNF, but RFC 9051 §7.3.1's own example sends a string here ("Sample "text""): accepted.
  if (at('"') || at('{')) {
    out.k = value::kind::quoted;
    return string(out.text, rule);
  }
  // tagged-ext-simple: sequence-set / number / number64
  std::size_t const start = pos_;
  std::size_t end = pos_;
  while (end < in_.size() && (is_digit(static_cast<unsigned char>(in_[end])) || in_[end] == ':' || in_[end] == ',' ||
                              in_[end] == '*')) {
    ++end;
  }
  out.text = std::string(in_.substr(start, end - start));
  if (syntax::all_digits(out.text)) {
    out.k = value::kind::number;
    std::uint64_t n = 0;
    return number64(n, rule);
  }
  out.k = value::kind::atom;
  sequence_set s;
  if (end == start) return fail(rule, "expected a number, sequence set or list");
  if (!seq_set(s, rule)) return false;
  if (pos_ != end) return fail(rule, "malformed sequence set");
  return true;
}

bool reader::tagged_ext_comp(value& out, std::string_view rule, std::size_t depth) {
  if (at('(')) {
    if (!enter(depth, rule)) return false;
    ++pos_;
    out.k = value::kind::list;
    while (!eat(')')) {
      if (!out.items.empty() && !sp(rule)) return false;
      value v;
      if (!tagged_ext_comp(v, rule, depth)) return false;
      out.items.push_back(std::move(v));
    }
    return true;
  }
  out.k = at('"') || at('{') ? value::kind::quoted : value::kind::atom;  // strings one way, as in generic()
  return astring(out.text, rule);
}

// ---------------------------------------------------------------------------------------------
// resp-text and text

bool reader::text(std::string& out, std::string_view rule, bool code_text) {
  std::size_t const start = pos_;
  while (!at_end()) {
    auto const c = static_cast<unsigned char>(in_[pos_]);
    if (c == '\r' || c == '\n' || (code_text && c == ']')) break;
    if (c == 0) return fail(rule, "NUL in text");
    std::size_t const n = c >= 0x80 ? utf8_length(in_, pos_) : 1;
    if (n == 0) return fail(rule, "octet not allowed in text (not UTF-8)");
    pos_ += n;
  }
  out = std::string(in_.substr(start, pos_ - start));
  return true;
}

bool reader::resp_text(resp_cond& out, std::string_view rule) {
  if (at('[')) {
    ++pos_;
    imap::resp_code code;
    if (!resp_code(code) || !expect(']', "resp-text")) return false;
    out.code = std::move(code);
    // RFC 9051 makes the text optional, but not the SP after "]"
    if (!eat(' ')) return fail("resp-text", "expected SP after \"]\"");
  }
  return text(out.text, rule, false);
}

bool reader::resp_code(imap::resp_code& out) {
  if (!atom(out.name, "resp-text-code")) return false;
  out.name = syntax::upper(out.name);
  return code_args(out);
}

}  // namespace mailspec::codec::imap::grammar_detail
