#include "codec/imap/command.hpp"

#include "codec/common/base64.hpp"
#include "codec/imap/syntax.hpp"

#include <algorithm>
#include <string>

namespace mailspec::codec::imap {
namespace {

using namespace syntax;

constexpr std::size_t no_section = std::string::npos;

// The fetch-atts that take a [section] (RFC 9051 §9 fetch-att). Elsewhere "[" is an ATOM-CHAR and
// "]" an ASTRING-CHAR, so that a mailbox named "a[b" stays one atom.
bool takes_section(std::string_view atom) {
  std::string const u = upper(atom);
  return u == "BODY" || u == "BODY.PEEK" || u == "BINARY" || u == "BINARY.PEEK" || u == "BINARY.SIZE";
}

// What an unquoted argument may hold: ASTRING-CHAR (astring), list-wildcards (list-mailbox, and "*"
// in a sequence set) and a leading "\" (flag). Which of them a given argument allows is the
// business of the layer that knows the command.
bool is_argument_char(unsigned char c, bool first) {
  return is_atom_char(c) || c == ']' || c == '*' || c == '%' || (c == '\\' && first);
}

// partial = "<" number64 "." nz-number64 ">": `digits` is what lies between "<" and ">".
bool is_partial_range(std::string_view digits) {
  auto const dot = digits.find('.');
  return dot != std::string_view::npos && all_digits(digits.substr(0, dot)) &&
         all_digits(digits.substr(dot + 1)) && digits.find_first_not_of("0.", dot) != std::string_view::npos;
}

}  // namespace

bool equivalent(command const& a, command const& b) {
  return a.tag == b.tag && a.name == b.name && a.uid == b.uid &&
         std::equal(a.args.begin(), a.args.end(), b.args.begin(), b.args.end(),
                    [](value const& x, value const& y) { return equivalent(x, y); });
}

// ---------------------------------------------------------------------------------------------
// command_parser: driver

command_parser::command_parser(parse_mode mode, command_limits limits)
    : mode_(mode), limits_(limits) {}

std::size_t command_parser::put(std::string_view in, std::error_code& ec) {
  ec.clear();
  pending_ = false;  // called again after a stop: the server sent its continuation request
  if (failed_) {
    ec = error_;
    return 0;
  }
  if (done_) return 0;
  std::size_t i = 0;
  while (i < in.size() && !done_ && !failed_ && !pending_) {
    if (state_ == state::literal_body) {
      i += on_literal_body(in.substr(i));
      continue;
    }
    if (!within_limits()) break;
    auto const c = static_cast<unsigned char>(in[i]);
    // A state returns false to hand the same octet to the state it switched to.
    while (!step(c) && !failed_) {
    }
    if (failed_) break;
    ++i;
    ++offset_;
  }
  keep_raw(in.substr(0, i));
  if (failed_) {
    ec = error_;
  } else if (done_) {
    cur_.offset = start_;
    cur_.size = offset_ - start_;
  } else {
    ec = error::need_more;
  }
  return i;
}

void command_parser::keep_raw(std::string_view consumed) {
  // The command's octets are the last ones consumed: an empty line skipped before it is not one.
  std::size_t const mine = offset_ - start_ - cur_.raw.size();
  cur_.raw.append(consumed.substr(consumed.size() - mine));
}

void command_parser::put_eof(std::error_code& ec) {
  ec.clear();
  if (!failed_ && !done_ && offset_ > start_) fail(error::unexpected_eof, offset_);
  if (failed_) ec = error_;
}

command command_parser::take() {
  if (!done_) return {};
  command c = std::move(cur_);
  begin_command();
  return c;
}

command command_parser::reset_command() {
  bool const mid_line = failed_ || (!pending_ && !done_ && offset_ > start_);
  command partial = std::move(cur_);
  partial.offset = start_;
  partial.size = offset_ - start_;
  failed_ = pending_ = false;
  error_.clear();
  begin_command();
  if (mid_line) state_ = state::skip_line;
  return partial;
}

void command_parser::reset() { *this = command_parser(mode_, limits_); }

void command_parser::begin_command() {
  cur_ = command{};
  tok_ = value{};
  stack_.clear();
  word_.clear();
  state_ = state::start;
  expect_ = line_kind::command;
  after_space_ = section_literal_ = done_ = false;
  start_ = offset_;
  line_length_ = 0;
  items_ = 0;
  warnings_.next_unit();
}

bool command_parser::within_limits() {
  if (state_ == state::skip_line) return true;  // discarded octets are kept nowhere
  if (offset_ - start_ >= limits_.max_command) return !fail(error::command_too_large);
  if (++line_length_ > limits_.max_line) return !fail(error::line_too_long);
  return true;
}

bool command_parser::fail(error e, std::size_t at) {
  failed_ = true;
  error_ = e;
  error_offset_ = at;
  return true;
}

bool command_parser::deviation(error e, char const* code, char const* detail, std::size_t at) {
  if (mode_ == parse_mode::strict) {
    fail(e, at);
    return false;
  }
  warnings_.add(at, code, detail);
  return true;
}

bool command_parser::step(unsigned char c) {
  bool const announcing = state_ == state::literal_count || state_ == state::literal_plus ||
                          state_ == state::literal_cr || state_ == state::literal_lf;
  if (announcing && section_literal_) tok_.text += static_cast<char>(c);
  switch (state_) {
    case state::start: return on_start(c);
    case state::tag: return on_tag(c);
    case state::name: return on_name(c);
    case state::token: return on_token(c);
    case state::tilde: return on_tilde(c);
    case state::atom: return on_atom(c);
    case state::section: return on_section(c);
    case state::section_end: return on_section_end(c);
    case state::partial: return on_partial(c);
    case state::quoted: return on_quoted(c);
    case state::quoted_escape: return on_quoted_escape(c);
    case state::literal_count: return on_literal_count(c);
    case state::literal_plus: return on_literal_close(c);
    case state::literal_cr: return on_literal_cr(c);
    case state::literal_lf: return on_literal_lf(c);
    case state::literal_body: return true;  // handled in bulk by put()
    case state::after_token: return on_after_token(c);
    case state::lf: return on_lf(c);
    case state::done_line: return on_done_line(c);
    case state::sasl_line: return on_sasl_line(c);
    case state::skip_line: return on_skip_line(c);
  }
  return fail(error::bad_syntax);
}

// ---------------------------------------------------------------------------------------------
// Line starts: a command, IDLE's DONE, a SASL response; lines to skip

bool command_parser::on_start(unsigned char c) {
  if (expect_ == line_kind::idle_done) {
    state_ = state::done_line;
    return false;
  }
  if (expect_ == line_kind::sasl_response) {
    if (begin_value(value::kind::atom)) state_ = state::sasl_line;
    return false;
  }
  if (is_line_end(c)) {
    // Some clients send a stray CRLF after a command; a tolerant server skips it.
    if (!deviation(error::bad_tag, "empty-line", "empty line instead of a command")) return true;
    state_ = state::skip_line;
    return false;
  }
  state_ = state::tag;
  return false;
}

bool command_parser::on_skip_line(unsigned char c) {
  start_ = offset_ + 1;  // the skipped octets belong to no command
  if (c == '\n') {
    state_ = state::start;
    line_length_ = 0;
  }
  return true;
}

bool command_parser::on_done_line(unsigned char c) {
  static constexpr std::string_view done = "DONE";
  std::size_t const n = word_.size();
  if (n == done.size() && is_line_end(c)) {
    cur_.name = "DONE";
    return line_end(c);
  }
  if (n < done.size() && (c == done[n] || c == done[n] - 'A' + 'a')) {  // ABNF: any case
    word_ += static_cast<char>(c);
    return true;
  }
  // A client that skipped DONE: the lenient reading takes the line for the command it is.
  if (!deviation(error::bad_syntax, "not-done", "expected DONE to end IDLE")) return true;
  cur_.tag = std::move(word_);
  word_.clear();
  state_ = state::tag;
  return false;
}

bool command_parser::on_sasl_line(unsigned char c) {
  if (is_line_end(c)) {
    place(std::move(tok_));
    return line_end(c);
  }
  // base64 (RFC 9051 §9), or "*" alone to cancel; padding and length are the SASL layer's to judge.
  bool const ok = tok_.text != "*" &&
                  (base64_sextet(static_cast<char>(c)) >= 0 || c == '=' || (c == '*' && tok_.text.empty()));
  if (!ok && !deviation(error::bad_syntax, "bad-base64", "octet not allowed in a SASL response")) {
    return true;
  }
  tok_.text += static_cast<char>(c);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Command head: tag SP ["UID" SP] name

bool command_parser::on_tag(unsigned char c) {
  if (c == ' ') {
    if (cur_.tag.empty()) return fail(error::bad_tag);
    state_ = state::name;
    return true;
  }
  if (is_line_end(c)) return fail(cur_.tag.empty() ? error::bad_tag : error::bad_syntax);
  if (!is_tag_char(c)) {
    // Any other visible octet ("A+1", "*1") still reads as part of a tag; controls do not.
    if (c < 0x21 || c > 0x7e) return fail(error::bad_tag);
    if (!deviation(error::bad_tag, "bad-tag-char", "octet not allowed in a tag")) return true;
  }
  cur_.tag += static_cast<char>(c);
  return true;
}

bool command_parser::on_name(unsigned char c) {
  if (is_atom_char(c)) {
    word_ += static_cast<char>(c);
    return true;
  }
  if (word_.empty()) {
    if (c != ' ') return fail(error::bad_syntax);  // no command name
    deviation(error::bad_syntax, "double-space", "two SP before the command name");
    return true;
  }
  if (c != ' ' && !is_line_end(c)) return fail(error::bad_syntax);
  return name_end(c);
}

bool command_parser::name_end(unsigned char c) {
  std::string name = upper(word_);
  word_.clear();
  if (c == ' ' && name == "UID" && !cur_.uid) {  // RFC 9051 §6.4.9: the command follows
    cur_.uid = true;
    return true;
  }
  cur_.name = std::move(name);
  if (c != ' ') return line_end(c);
  state_ = state::token;
  after_space_ = true;
  space_offset_ = offset_;
  return true;
}

bool command_parser::line_end(unsigned char c) {
  if (c == '\r') {
    state_ = state::lf;
    return true;
  }
  if (!deviation(error::bare_lf, "bare-lf", "line ended with LF without CR")) return true;
  done_ = true;
  return true;
}

bool command_parser::on_lf(unsigned char c) {
  if (c != '\n') return fail(error::bad_syntax);  // CR must be followed by LF
  done_ = true;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Arguments

bool command_parser::on_token(unsigned char c) {
  bool const spaced = after_space_;
  after_space_ = false;
  if (spaced && (c == ')' || is_line_end(c)) &&
      !deviation(error::bad_syntax, "trailing-space", "SP before the end of a list or line",
                 space_offset_)) {
    return true;
  }
  switch (c) {
    case ' ':
      if (!deviation(error::bad_syntax, spaced ? "double-space" : "extra-space",
                     spaced ? "two SP between arguments" : "SP after '('")) {
        return true;
      }
      after_space_ = true;
      space_offset_ = offset_;
      return true;
    case '(': return open_list();
    case ')': return close_list();
    case '\r': case '\n': return tokens_end(c);
    case '"':
      if (begin_value(value::kind::quoted)) state_ = state::quoted;
      return true;
    case '{': return begin_literal();
    default: break;
  }
  if (!begin_value(value::kind::atom)) return true;
  if (c != '~') {
    state_ = state::atom;
    return false;
  }
  tok_.text.push_back('~');  // literal8 "~{n}", or an atom that starts with "~"
  state_ = state::tilde;
  return true;
}

bool command_parser::on_after_token(unsigned char c) {
  switch (c) {
    case ' ':
      after_space_ = true;
      space_offset_ = offset_;
      state_ = state::token;
      return true;
    case ')': return close_list();
    case '\r': case '\n': return tokens_end(c);
    default: break;
  }
  if (!deviation(error::bad_syntax, "missing-space", "no SP between arguments")) return true;
  state_ = state::token;
  return false;
}

bool command_parser::begin_value(value::kind k) {
  if (++items_ > limits_.max_items) {
    fail(error::too_many_items);
    return false;
  }
  tok_ = value{};
  tok_.k = k;
  tok_.offset = offset_;
  atom_base_ = no_section;
  return true;
}

void command_parser::place(value&& v) {
  if (stack_.empty()) {
    cur_.args.push_back(std::move(v));
  } else {
    stack_.back().items.push_back(std::move(v));
  }
  state_ = state::after_token;
}

bool command_parser::open_list() {
  if (stack_.size() >= limits_.max_depth) return fail(error::too_deep);
  if (++items_ > limits_.max_items) return fail(error::too_many_items);
  value v;
  v.k = value::kind::list;
  v.offset = offset_;
  stack_.push_back(std::move(v));
  after_space_ = false;
  state_ = state::token;
  return true;
}

bool command_parser::close_list() {
  if (stack_.empty()) return fail(error::unbalanced);
  value v = std::move(stack_.back());
  stack_.pop_back();
  place(std::move(v));
  return true;
}

bool command_parser::tokens_end(unsigned char c) {
  if (!stack_.empty()) return fail(error::unbalanced);
  return line_end(c);
}

// ---------------------------------------------------------------------------------------------
// Atoms, fetch-att sections and partials

bool command_parser::on_tilde(unsigned char c) {
  if (c != '{') {  // "~" is an ATOM-CHAR: an atom that starts with it
    state_ = state::atom;
    return false;
  }
  tok_.k = value::kind::literal;
  tok_.binary = true;
  tok_.text.clear();
  literal_left_ = literal_digits_ = 0;
  state_ = state::literal_count;
  return true;
}

bool command_parser::on_atom(unsigned char c) {
  bool const delimiter =
      c == ' ' || c == '(' || c == ')' || c == '"' || c == '{' || is_line_end(c);
  if (delimiter) {
    finish_atom();
    return false;
  }
  if (c == '[' && atom_base_ == no_section && takes_section(tok_.text)) {
    atom_base_ = tok_.text.size();
    section_quoted_ = section_escape_ = false;
    state_ = state::section;
  }
  tok_.text += static_cast<char>(c);
  return true;
}

// A section reads to its ']', spaces and parentheses included: BODY[HEADER.FIELDS (A "B")].
bool command_parser::on_section(unsigned char c) {
  if (is_line_end(c)) return fail(error::bad_syntax);
  if (c == '{' && !section_quoted_) {
    // header-fld-name is an astring, so a literal may stand there. It stays in the atom in its
    // wire form, so that the atom is still the fetch-att as sent.
    tok_.text += '{';
    section_literal_ = true;
    literal_left_ = literal_digits_ = 0;
    state_ = state::literal_count;
    return true;
  }
  bool const bad = c < 0x20 || c == 0x7f || (c > 0x7f && !section_quoted_);
  if (bad && !deviation(error::bad_syntax, "bad-atom-char", "octet not allowed in a section")) {
    return true;
  }
  tok_.text += static_cast<char>(c);
  if (section_escape_) {
    section_escape_ = false;
  } else if (section_quoted_) {
    section_escape_ = c == '\\';
    section_quoted_ = c != '"';
  } else if (c == '"') {
    section_quoted_ = true;
  } else if (c == ']') {
    state_ = state::section_end;
  }
  return true;
}

bool command_parser::on_section_end(unsigned char c) {
  if (c != '<') {
    finish_atom();
    return false;
  }
  partial_at_ = tok_.text.size();
  tok_.text += '<';
  state_ = state::partial;
  return true;
}

bool command_parser::on_partial(unsigned char c) {
  if (!is_digit(c) && c != '.' && c != '>') return fail(error::bad_syntax);
  if (c == '>') {
    auto const range = std::string_view(tok_.text).substr(partial_at_ + 1);
    if (!is_partial_range(range) &&
        !deviation(error::bad_syntax, "bad-partial", "partial is not <offset.length>")) {
      return true;
    }
  }
  tok_.text += static_cast<char>(c);
  if (c == '>') finish_atom();
  return true;
}

bool command_parser::check_atom() {
  auto const base = std::string_view(tok_.text).substr(0, atom_base_);
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (!is_argument_char(static_cast<unsigned char>(base[i]), i == 0)) {
      return deviation(error::bad_syntax, "bad-atom-char", "octet not allowed in an atom",
                       tok_.offset + i);
    }
  }
  return true;
}

bool command_parser::finish_atom() {
  if (!check_atom()) return false;
  if (atom_base_ == no_section) {
    if (upper(tok_.text) == "NIL") {
      tok_.k = value::kind::nil;
      tok_.text.clear();
    } else if (all_digits(tok_.text)) {
      if (to_number64(tok_.text)) {
        tok_.k = value::kind::number;
      } else if (!deviation(error::bad_number, "number-too-large", "number above 2^63-1",
                            tok_.offset)) {
        return false;
      }
    }
  }
  place(std::move(tok_));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Quoted strings: only \" and \\ are escapes (RFC 9051 §9 quoted-specials)

bool command_parser::on_quoted(unsigned char c) {
  switch (c) {
    case '"': place(std::move(tok_)); return true;
    case '\\': state_ = state::quoted_escape; return true;
    case '\r': case '\n': return fail(error::bad_quoted);
    case 0:
      if (!deviation(error::bad_quoted, "nul-octet", "NUL in a quoted string")) return true;
      break;
    default: break;
  }
  tok_.text += static_cast<char>(c);
  return true;
}

bool command_parser::on_quoted_escape(unsigned char c) {
  if (is_line_end(c)) return fail(error::bad_quoted);
  state_ = state::quoted;
  if (c != '"' && c != '\\') {
    // A sloppy client that meant the backslash itself: keep both octets.
    if (!deviation(error::bad_quoted, "bad-escape", "backslash before other than DQUOTE or \\",
                   offset_ - 1)) {
      return true;
    }
    tok_.text += '\\';
  }
  tok_.text += static_cast<char>(c);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Literals: {n} CRLF, {n+} CRLF (RFC 7888), ~{n} CRLF (RFC 3516), then n octets

bool command_parser::begin_literal() {
  if (!begin_value(value::kind::literal)) return true;
  literal_left_ = literal_digits_ = 0;
  state_ = state::literal_count;
  return true;
}

bool command_parser::on_literal_count(unsigned char c) {
  if (is_digit(c)) {
    if (!add_count_digit(literal_left_, c, limits_.max_literal)) return fail(error::literal_too_large);
    ++literal_digits_;
    return true;
  }
  if (literal_digits_ == 0) return fail(error::bad_literal);
  non_sync_ = c == '+';
  if (!non_sync_) return on_literal_close(c);
  state_ = state::literal_plus;
  if (limits_.literal_minus && literal_left_ > limits_.max_nonsync_literal) {
    deviation(error::nonsync_literal_too_large, "nonsync-literal-too-large",
              "a {n+} literal above the LITERAL- limit");
  }
  return true;
}

bool command_parser::on_literal_close(unsigned char c) {
  if (c != '}') return fail(error::bad_literal);
  std::uint64_t const head = offset_ + 1 - start_ + 2;  // through the CRLF that follows
  if (literal_left_ > limits_.max_command || head + literal_left_ > limits_.max_command) {
    return fail(error::command_too_large);
  }
  state_ = state::literal_cr;
  return true;
}

bool command_parser::on_literal_cr(unsigned char c) {
  if (c == '\r') {
    state_ = state::literal_lf;
    return true;
  }
  if (c != '\n') return fail(error::bad_literal);
  if (!deviation(error::bare_lf, "bare-lf", "literal announcement ended with LF without CR")) {
    return true;
  }
  return begin_literal_body();
}

bool command_parser::on_literal_lf(unsigned char c) {
  if (c != '\n') return fail(error::bad_literal);
  return begin_literal_body();
}

bool command_parser::begin_literal_body() {
  line_length_ = 0;  // the line after the literal is a new line
  literal_nul_seen_ = false;
  pending_ = !non_sync_;  // put() stops here: the client waits for "+" (RFC 9051 §4.3)
  if (literal_left_ == 0) {
    end_literal();
  } else {
    state_ = state::literal_body;
  }
  return true;
}

std::size_t command_parser::on_literal_body(std::string_view in) {
  auto n = static_cast<std::size_t>(std::min<std::uint64_t>(literal_left_, in.size()));
  if (!tok_.binary && !literal_nul_seen_) {
    auto const nul = in.substr(0, n).find('\0');
    if (nul != std::string_view::npos) {
      literal_nul_seen_ = true;  // one warning per literal is enough
      if (!deviation(error::bad_literal, "nul-in-literal", "NUL in a non-binary literal",
                     offset_ + nul)) {
        n = nul;
      }
    }
  }
  tok_.text.append(in.data(), n);
  offset_ += n;
  literal_left_ -= n;
  if (!failed_ && literal_left_ == 0) end_literal();
  return n;
}

void command_parser::end_literal() {
  if (section_literal_) {  // back inside the section, after the literal's octets
    section_literal_ = false;
    state_ = state::section;
  } else {
    place(std::move(tok_));
  }
}

// ---------------------------------------------------------------------------------------------
// Serialisation

std::string serialize(command const& c) {
  std::string out;
  if (!c.tag.empty()) out += c.tag + ' ';
  if (c.uid) out += "UID ";
  out += c.name;
  for (value const& v : c.args) {
    if (!out.empty()) out += ' ';  // a SASL line is its one argument alone
    out += serialize(v);
  }
  out += "\r\n";
  return out;
}

}  // namespace mailspec::codec::imap
