#include "codec/smtp/reply.hpp"

#include <utility>

namespace mailspec::codec::smtp {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// textstring = 1*(%d09 / %d32-126), RFC 5321 §4.2; `utf8` admits RFC 6531 text.
bool is_text(char c, bool utf8) {
  auto const u = static_cast<unsigned char>(c);
  return u == 9 || (u >= 32 && u <= 126) || (utf8 && u >= 0x80);
}

// 1*3DIGIT at text[pos]; advances pos past them.
std::optional<int> one_to_three_digits(std::string_view text, std::size_t& pos) {
  std::size_t const start = pos;
  int value = 0;
  while (pos < text.size() && pos - start < 3 && is_digit(text[pos])) value = value * 10 + (text[pos++] - '0');
  if (pos == start) return std::nullopt;
  return value;
}

std::string three_digits(int code) {
  if (code < 0 || code > 999) return std::to_string(code);
  return {static_cast<char>('0' + code / 100), static_cast<char>('0' + code / 10 % 10),
          static_cast<char>('0' + code % 10)};
}

}  // namespace

std::string enhanced_code::text() const {
  return std::to_string(klass) + "." + std::to_string(subject) + "." + std::to_string(detail);
}

std::optional<enhanced_code> parse_enhanced(std::string_view text) {
  if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.') {
    return std::nullopt;
  }
  std::size_t pos = 2;
  auto const subject = one_to_three_digits(text, pos);
  if (!subject || pos >= text.size() || text[pos] != '.') return std::nullopt;
  ++pos;
  auto const detail = one_to_three_digits(text, pos);
  if (!detail || (pos < text.size() && text[pos] != ' ')) return std::nullopt;
  return enhanced_code{text[0] - '0', *subject, *detail};
}

std::string reply::text() const {
  std::string out;
  for (auto const& line : lines) {
    if (&line != &lines.front()) out += '\n';
    out += line.text;
  }
  return out;
}

reply_parser::reply_parser(parse_mode mode, reply_limits limits) : basic_line_parser(mode), limits_(limits) {}

codec::detail::line_words reply_parser::words() const {
  return {"reply line ended with LF without CR", "CR not followed by LF kept in the text", "NUL in reply text"};
}

bool reply_parser::on_line_start(std::size_t at) {
  if (unit_.lines.size() >= limits_.max_lines) return fail(error::too_many_lines, at);
  line_.offset = at;
  return true;
}

bool reply_parser::on_octet(char c, std::size_t at) {
  if (++unit_.size > limits_.max_reply) return fail(error::reply_too_long, at);
  unit_.raw += c;
  return true;
}

// A line end needs the three digits first; right after them it makes this line the last one.
bool reply_parser::on_line_break(char, std::size_t at) {
  if (state_ == state::code) return fail(error::bad_code, at);
  if (state_ == state::separator) {
    last_line_ = true;
    line_.separator = '\0';
  }
  return true;
}

bool reply_parser::on_content(char c, std::size_t at) {
  switch (state_) {
    case state::code: return on_code(c, at);
    case state::separator: return on_separator(c, at);
    case state::text: return on_text(c, at);
  }
  return false;
}

bool reply_parser::on_bare_cr(std::size_t) {
  line_.text += '\r';
  state_ = state::text;
  return true;
}

// Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 §4.2). Three digits are needed even when lenient:
// without them the octets cannot be read as a reply at all.
bool reply_parser::on_code(char c, std::size_t at) {
  if (!is_digit(c)) return fail(error::bad_code, at);
  int const digit = c - '0';
  bool const in_range = digits_ == 0 ? (digit >= 2 && digit <= 5) : digits_ == 1 ? digit <= 5 : true;
  if (!in_range && !deviation(error::bad_code, at, "code-range", "reply code outside %x32-35 %x30-35 %x30-39")) {
    return false;
  }
  line_.code = (line_.code < 0 ? 0 : line_.code) * 10 + digit;
  if (++digits_ < 3) return true;
  return on_code_complete();
}

bool reply_parser::on_code_complete() {
  state_ = state::separator;
  if (unit_.lines.empty()) {
    unit_.code = line_.code;
    return true;
  }
  if (line_.code == unit_.code) return true;
  return deviation(error::code_mismatch, line_.offset, "code-mismatch",
                   "line code " + three_digits(line_.code) + " in a " + three_digits(unit_.code) + " reply");
}

bool reply_parser::on_separator(char c, std::size_t at) {
  last_line_ = c != '-';
  line_.separator = c == '-' || c == ' ' ? c : '\0';
  state_ = state::text;
  if (c == '-' || c == ' ') return true;
  return deviation(error::bad_separator, at, "bad-separator", "text right after the reply code") && on_text(c, at);
}

bool reply_parser::on_text(char c, std::size_t at) {
  if (c == '\0') {
    if (!check_nul(c, at)) return false;
  } else if (!is_text(c, limits_.utf8_text) &&
             !deviation(error::bad_text, at, "bad-text", "octet outside textstring")) {
    return false;
  }
  line_.text += c;
  return true;
}

bool reply_parser::on_line_end(std::size_t, std::size_t) {
  // "334 " + CRLF: the ABNF's textstring is 1*, but RFC 5321 §4.2.1 tells servers to send the SP even
  // with no text, and RFC 4954 §4 defines "334 " for an empty challenge. Accepted in both modes; noted.
  if (line_.separator == ' ' && line_.text.empty()) {
    warnings_.add(line_.offset + 4, "empty-text", "SP after the reply code but no text");
  }
  unit_.lines.push_back(std::move(line_));
  line_ = {};
  digits_ = 0;
  state_ = state::code;
  if (!last_line_) return true;
  unit_.enhanced = parse_enhanced(unit_.lines.front().text);
  finish();
  return true;
}

std::string serialize(reply const& r) {
  if (r.lines.empty()) return three_digits(r.code) + "\r\n";
  std::string out;
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    auto const& line = r.lines[i];
    out += three_digits(line.code < 0 ? r.code : line.code);
    bool const last = i + 1 == r.lines.size();
    char const separator = !last ? '-' : line.separator == '-' ? ' ' : line.separator;
    if (separator != '\0') out += separator;
    out += line.text;
    out += "\r\n";
  }
  return out;
}

}  // namespace mailspec::codec::smtp
