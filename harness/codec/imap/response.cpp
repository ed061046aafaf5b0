#include "codec/imap/response.hpp"

#include "codec/imap/syntax.hpp"

#include <algorithm>
#include <string>

namespace mailspec::codec::imap {
namespace {

using namespace syntax;

constexpr std::size_t no_section = std::string::npos;

// "*" and "%" are list-wildcards, not ATOM-CHARs; a response still carries them in the flag "\*"
// and in sequence sets such as "1:*" (ESEARCH ALL, VANISHED).
bool wildcard_allowed(std::string_view atom) {
  return atom == "\\*" || atom.find_first_not_of("0123456789:,*") == std::string_view::npos;
}

}  // namespace

std::uint64_t value::number() const {
  if (k != kind::number) return 0;
  return to_number64(text).value_or(0);
}

bool response::is_status() const {
  return name == "OK" || name == "NO" || name == "BAD" || name == "BYE" || name == "PREAUTH";
}

bool equivalent(value const& a, value const& b) {
  if (a.k != b.k || a.text != b.text || a.binary != b.binary) return false;
  return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(),
                    [](value const& x, value const& y) { return equivalent(x, y); });
}

bool equivalent(response const& a, response const& b) {
  auto const same = [](std::vector<value> const& x, std::vector<value> const& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                      [](value const& p, value const& q) { return equivalent(p, q); });
  };
  return a.t == b.t && a.tag == b.tag && a.number == b.number && a.name == b.name &&
         a.code == b.code && same(a.code_args, b.code_args) && a.text == b.text &&
         same(a.data, b.data);
}

// ---------------------------------------------------------------------------------------------
// response_parser: driver

response_parser::response_parser(parse_mode mode, response_limits limits)
    : mode_(mode), limits_(limits) {}

std::size_t response_parser::put(std::string_view in, std::error_code& ec) {
  ec.clear();
  if (failed_) {
    ec = error_;
    return 0;
  }
  if (done_) return 0;
  std::size_t i = 0;
  while (i < in.size() && !done_ && !failed_) {
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
  cur_.raw.append(in.data(), i);
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

void response_parser::put_eof(std::error_code& ec) {
  ec.clear();
  if (!failed_ && !done_ && offset_ > start_) fail(error::unexpected_eof, offset_);
  if (failed_) ec = error_;
}

response response_parser::take() {
  if (!done_) return {};
  response r = std::move(cur_);
  begin_response();
  return r;
}

void response_parser::reset() { *this = response_parser(mode_, limits_); }

void response_parser::begin_response() {
  cur_ = response{};
  tok_ = value{};
  stack_.clear();
  word_.clear();
  state_ = state::start;
  in_code_ = after_space_ = after_list_ = done_ = false;
  start_ = offset_;
  line_length_ = 0;
  items_ = 0;
}

bool response_parser::within_limits() {
  if (offset_ - start_ >= limits_.max_response) {
    fail(error::response_too_large);
    return false;
  }
  if (++line_length_ > limits_.max_line) {
    fail(error::line_too_long);
    return false;
  }
  return true;
}

bool response_parser::fail(error e, std::size_t at) {
  failed_ = true;
  error_ = e;
  error_offset_ = at;
  return true;
}

bool response_parser::deviation(error e, char const* code, char const* detail, std::size_t at) {
  if (mode_ == parse_mode::strict) {
    fail(e, at);
    return false;
  }
  warnings_.add(at, code, detail);
  return true;
}

bool response_parser::step(unsigned char c) {
  switch (state_) {
    case state::start: return on_start(c);
    case state::tag: return on_tag(c);
    case state::star_space: return on_star_space(c);
    case state::plus: return on_plus(c);
    case state::word: return on_word(c);
    case state::resp_text: return on_resp_text(c);
    case state::code_name: return on_code_name(c);
    case state::after_code: return on_after_code(c);
    case state::text: return on_text(c);
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
  }
  return fail(error::bad_syntax);
}

// ---------------------------------------------------------------------------------------------
// Response head: tag / "*" / "+", number, name

bool response_parser::on_start(unsigned char c) {
  if (c == '*') {
    cur_.t = response::type::untagged;
    state_ = state::star_space;
  } else if (c == '+') {
    cur_.t = response::type::continuation;
    state_ = state::plus;
  } else if (is_tag_char(c)) {
    cur_.t = response::type::tagged;
    cur_.tag += static_cast<char>(c);
    state_ = state::tag;
  } else {
    return fail(error::bad_tag);
  }
  return true;
}

bool response_parser::on_tag(unsigned char c) {
  if (c == ' ') {
    state_ = state::word;
  } else if (is_tag_char(c)) {
    cur_.tag += static_cast<char>(c);
  } else {
    return fail(error::bad_tag);
  }
  return true;
}

bool response_parser::on_star_space(unsigned char c) {
  if (c != ' ') return fail(error::bad_syntax);
  state_ = state::word;
  return true;
}

bool response_parser::on_plus(unsigned char c) {
  if (c == ' ') {
    state_ = state::resp_text;
    return true;
  }
  if (is_line_end(c)) return line_end(c);  // "+" CRLF: an empty continuation
  if (!deviation(error::bad_syntax, "missing-space", "no SP after '+'")) return true;
  state_ = state::resp_text;
  return false;
}

bool response_parser::on_word(unsigned char c) {
  if (is_atom_char(c)) {
    if (word_.empty()) word_offset_ = offset_;
    word_ += static_cast<char>(c);
    return true;
  }
  if (c == ' ' || is_line_end(c)) return word_end(c);
  return fail(error::bad_syntax);
}

bool response_parser::word_end(unsigned char c) {
  if (word_.empty()) return fail(error::bad_syntax);
  if (cur_.t == response::type::untagged && !cur_.number && all_digits(word_)) {
    auto const n = to_number64(word_);
    if (!n) return fail(error::bad_number, word_offset_);
    if (c != ' ') return fail(error::bad_syntax);  // "* 23" CRLF: a number needs a name
    cur_.number = *n;
    word_.clear();
    return true;
  }
  cur_.name = upper(word_);
  word_.clear();
  return name_end(c);
}

bool response_parser::name_end(unsigned char c) {
  bool const status = cur_.is_status();
  if (cur_.t == response::type::tagged && cur_.name != "OK" && cur_.name != "NO" &&
      cur_.name != "BAD") {
    if (!status) return fail(error::bad_syntax, word_offset_);
    if (!deviation(error::bad_syntax, "tagged-bye-preauth", "BYE or PREAUTH with a tag",
                   word_offset_)) {
      return true;
    }
  }
  if (status && cur_.number) return fail(error::bad_syntax, word_offset_);
  if (status) {
    if (c == ' ') {
      state_ = state::resp_text;
      return true;
    }
    if (!deviation(error::bad_syntax, "missing-text", "status response without SP and text")) {
      return true;
    }
    return line_end(c);
  }
  if (c != ' ') return line_end(c);
  state_ = state::token;
  after_space_ = true;
  return true;
}

// ---------------------------------------------------------------------------------------------
// resp-text: optional [code args] then free text to CRLF

bool response_parser::on_resp_text(unsigned char c) {
  if (c == '[') {
    state_ = state::code_name;
    return true;
  }
  if (is_line_end(c)) return line_end(c);
  state_ = state::text;
  return false;
}

bool response_parser::on_code_name(unsigned char c) {
  if (is_atom_char(c)) {
    if (word_.empty()) word_offset_ = offset_;
    word_ += static_cast<char>(c);
    return true;
  }
  if (is_line_end(c)) return fail(error::unbalanced);
  if ((c != ']' && c != ' ') || word_.empty()) return fail(error::bad_syntax);
  cur_.code = upper(word_);
  word_.clear();
  if (c == ']') {
    state_ = state::after_code;
  } else {
    in_code_ = true;
    after_space_ = true;
    state_ = state::token;
  }
  return true;
}

bool response_parser::on_after_code(unsigned char c) {
  if (c == ' ') {
    state_ = state::text;
    return true;
  }
  if (!deviation(error::bad_syntax, "missing-space", "no SP after ']' of the response code")) {
    return true;
  }
  if (is_line_end(c)) return line_end(c);
  state_ = state::text;
  return false;
}

bool response_parser::on_text(unsigned char c) {
  if (is_line_end(c)) return line_end(c);
  if (c == 0 && !deviation(error::bad_syntax, "nul-octet", "NUL in resp-text")) return true;
  cur_.text += static_cast<char>(c);
  return true;
}

bool response_parser::line_end(unsigned char c) {
  if (c == '\r') {
    state_ = state::lf;
    return true;
  }
  if (!deviation(error::bare_lf, "bare-lf", "line ended with LF without CR")) return true;
  done_ = true;
  return true;
}

bool response_parser::on_lf(unsigned char c) {
  if (c != '\n') return fail(error::bad_syntax);  // CR must be followed by LF
  done_ = true;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tokens: data after the name, and code arguments up to ']'

bool response_parser::on_token(unsigned char c) {
  bool const spaced = after_space_;
  after_space_ = false;
  bool const closing = c == ')' || is_line_end(c) || (in_code_ && c == ']');
  if (closing && spaced &&
      !deviation(error::bad_syntax, "extra-space", "SP before a closing delimiter")) {
    return true;
  }
  switch (c) {
    case ' ':
      after_space_ = true;
      deviation(error::bad_syntax, "extra-space", "two SP between tokens");
      return true;
    case '(': return open_list();
    case ')': return close_list();
    case '\r': case '\n': return tokens_end(c);
    case '"':
      if (begin_value(value::kind::quoted)) state_ = state::quoted;
      return true;
    default: break;
  }
  if (in_code_ && c == ']') return close_code();
  if (!in_code_ && c == '{') {
    if (!begin_value(value::kind::literal)) return true;
    literal_left_ = literal_digits_ = 0;
    state_ = state::literal_count;
    return true;
  }
  if (!begin_value(value::kind::atom)) return true;
  if (!in_code_ && c == '~') {  // literal8 "~{n}" or an atom that starts with "~"
    tok_.text.push_back('~');  // begin_value() left it empty
    state_ = state::tilde;
    return true;
  }
  state_ = state::atom;
  return false;
}

bool response_parser::on_after_token(unsigned char c) {
  switch (c) {
    case ' ':
      after_space_ = true;
      state_ = state::token;
      return true;
    case ')': return close_list();
    case '\r': case '\n': return tokens_end(c);
    default: break;
  }
  if (in_code_ && c == ']') return close_code();
  if (c == '(' && after_list_) return open_list();  // body-type-mpart: "(...)(...)"
  if (!deviation(error::bad_syntax, "missing-space", "no SP between tokens")) return true;
  state_ = state::token;
  return false;
}

bool response_parser::begin_value(value::kind k) {
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

void response_parser::place(value&& v) {
  if (!stack_.empty()) {
    stack_.back().items.push_back(std::move(v));
  } else if (in_code_) {
    cur_.code_args.push_back(std::move(v));
  } else {
    cur_.data.push_back(std::move(v));
  }
  state_ = state::after_token;
  after_list_ = false;
}

bool response_parser::open_list() {
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

bool response_parser::close_list() {
  if (stack_.empty()) return fail(error::unbalanced);
  value v = std::move(stack_.back());
  stack_.pop_back();
  place(std::move(v));
  after_list_ = true;
  return true;
}

bool response_parser::close_code() {
  if (!stack_.empty()) return fail(error::unbalanced);
  in_code_ = false;
  state_ = state::after_code;
  return true;
}

bool response_parser::tokens_end(unsigned char c) {
  if (in_code_ || !stack_.empty()) return fail(error::unbalanced);
  return line_end(c);
}

// ---------------------------------------------------------------------------------------------
// Atoms, sections and partials

bool response_parser::on_tilde(unsigned char c) {
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

bool response_parser::on_atom(unsigned char c) {
  bool const delimiter = c == ' ' || c == '(' || c == ')' || is_line_end(c) ||
                         (in_code_ ? c == ']' : (c == '"' || c == '{'));
  if (delimiter) {
    finish_atom();
    return false;
  }
  if (!in_code_ && c == '[' && !tok_.text.empty()) {
    atom_base_ = tok_.text.size();
    section_quoted_ = section_escape_ = false;
    state_ = state::section;
  }
  tok_.text += static_cast<char>(c);
  return true;
}

// A section reads to its ']', spaces and parentheses included: BODY[HEADER.FIELDS (A B)].
bool response_parser::on_section(unsigned char c) {
  if (is_line_end(c)) return fail(error::bad_syntax);
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

bool response_parser::on_section_end(unsigned char c) {
  if (c != '<') {
    finish_atom();
    return false;
  }
  tok_.text += '<';
  state_ = state::partial;
  return true;
}

bool response_parser::on_partial(unsigned char c) {
  if (!is_digit(c) && c != '.' && c != '>') return fail(error::bad_syntax);
  tok_.text += static_cast<char>(c);
  if (c == '>') finish_atom();
  return true;
}

bool response_parser::check_atom() {
  auto const base = std::string_view(tok_.text).substr(0, atom_base_);
  for (std::size_t i = 0; i < base.size(); ++i) {
    auto const c = static_cast<unsigned char>(base[i]);
    bool ok = c > 0x20 && c < 0x7f;
    if (ok && !in_code_) {
      ok = !(c == '\\' && i > 0) && !((c == '*' || c == '%') && !wildcard_allowed(base));
    }
    if (!ok) {
      return deviation(error::bad_syntax, "bad-atom-char", "octet not allowed in an atom",
                       tok_.offset + i);
    }
  }
  return true;
}

bool response_parser::finish_atom() {
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
// Quoted strings

bool response_parser::on_quoted(unsigned char c) {
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

bool response_parser::on_quoted_escape(unsigned char c) {
  if (is_line_end(c)) return fail(error::bad_quoted);
  state_ = state::quoted;
  if (c != '"' && c != '\\') {
    // A sloppy server that meant the backslash itself: keep both octets.
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
// Literals: {n} CRLF n octets, ~{n} CRLF n octets

bool response_parser::on_literal_count(unsigned char c) {
  if (is_digit(c)) {
    if (!add_count_digit(literal_left_, c, limits_.max_literal)) return fail(error::literal_too_large);
    ++literal_digits_;
    return true;
  }
  if (literal_digits_ == 0) return fail(error::bad_literal);
  if (c != '+') return on_literal_close(c);
  if (!deviation(error::bad_literal, "non-sync-literal", "a server sent a {n+} literal")) {
    return true;
  }
  state_ = state::literal_plus;
  return true;
}

bool response_parser::on_literal_close(unsigned char c) {
  if (c != '}') return fail(error::bad_literal);
  std::uint64_t const head = offset_ + 1 - start_ + 2;  // through the CRLF that follows
  if (literal_left_ > limits_.max_response || head + literal_left_ > limits_.max_response) {
    return fail(error::response_too_large);
  }
  state_ = state::literal_cr;
  return true;
}

bool response_parser::on_literal_cr(unsigned char c) {
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

bool response_parser::on_literal_lf(unsigned char c) {
  if (c != '\n') return fail(error::bad_literal);
  return begin_literal_body();
}

bool response_parser::begin_literal_body() {
  line_length_ = 0;  // the line after the literal is a new line
  literal_nul_seen_ = false;
  if (literal_left_ == 0) {
    place(std::move(tok_));
  } else {
    state_ = state::literal_body;
  }
  return true;
}

std::size_t response_parser::on_literal_body(std::string_view in) {
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
  if (!failed_ && literal_left_ == 0) place(std::move(tok_));
  return n;
}

// ---------------------------------------------------------------------------------------------
// Serialisation

namespace {

void append_value(std::string& out, value const& v) {
  switch (v.k) {
    case value::kind::atom:
    case value::kind::number: out += v.text; break;
    case value::kind::nil: out += "NIL"; break;
    case value::kind::quoted:
      out += '"';
      for (char c : v.text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
      break;
    case value::kind::literal:
      if (v.binary) out += '~';
      out += '{' + std::to_string(v.text.size()) + "}\r\n";
      out += v.text;
      break;
    case value::kind::list:
      out += '(';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ' ';
        append_value(out, v.items[i]);
      }
      out += ')';
      break;
  }
}

void append_resp_text(std::string& out, response const& r) {
  if (!r.code.empty()) {
    out += '[';
    out += r.code;
    for (value const& v : r.code_args) {
      out += ' ';
      append_value(out, v);
    }
    out += "] ";
  }
  out += r.text;
}

}  // namespace

std::string serialize(value const& v) {
  std::string out;
  append_value(out, v);
  return out;
}

std::string serialize(response const& r) {
  std::string out;
  switch (r.t) {
    case response::type::tagged: out += r.tag + ' ' + r.name + ' '; break;
    case response::type::continuation: out += "+ "; break;
    case response::type::untagged:
      out += "* ";
      if (r.number) out += std::to_string(*r.number) + ' ';
      out += r.name;
      if (r.is_status()) out += ' ';
      break;
  }
  if (r.t != response::type::untagged || r.is_status()) {
    append_resp_text(out, r);
  } else {
    for (value const& v : r.data) {
      out += ' ';
      append_value(out, v);
    }
  }
  out += "\r\n";
  return out;
}

}  // namespace mailspec::codec::imap

namespace mailspec::codec::imap {

std::string quote_string(std::string_view text) {
  std::string q = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') q += '\\';
    q += ch;
  }
  return q + "\"";
}

}  // namespace mailspec::codec::imap
