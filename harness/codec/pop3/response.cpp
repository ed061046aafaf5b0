#include "codec/pop3/response.hpp"

#include <utility>

namespace mailspec::codec::pop3 {
namespace {

char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// rchar = %x21-2E / %x30-5C / %x5E-7F (RFC 2449 §3)
bool is_rchar(char c) {
  auto const u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7F && u != '/' && u != ']';
}

// The line without its line end (CRLF, or a lenient bare LF).
std::string_view without_eol(std::string_view line) {
  if (line.ends_with("\r\n")) return line.substr(0, line.size() - 2);
  if (line.ends_with('\n')) return line.substr(0, line.size() - 1);
  return line;
}

}  // namespace

std::string parse_resp_code(std::string_view text) {
  if (text.empty() || text.front() != '[') return {};
  auto const close = text.find(']');
  if (close == std::string_view::npos) return {};
  auto const inner = text.substr(1, close - 1);
  bool level_start = true;
  for (char c : inner) {
    if (c == '/' && !level_start) {
      level_start = true;
    } else if (is_rchar(c)) {
      level_start = false;
    } else {
      return {};
    }
  }
  return level_start ? std::string() : std::string(inner);
}

response_parser::response_parser(parse_mode mode, response_limits limits) : mode_(mode), limits_(limits) {}

std::size_t response_parser::put(std::string_view in, std::error_code& ec) {
  if (state_ == state::failed) {
    ec = error_;
    return 0;
  }
  ec.clear();
  if (state_ == state::done) return 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!consume(in[i], offset_++)) {
      ec = error_;
      return i + 1;
    }
    if (state_ == state::done) return i + 1;
  }
  ec = error::need_more;
  return in.size();
}

void response_parser::put_eof(std::error_code& ec) {
  if (state_ != state::failed && state_ != state::done && response_.size != 0) fail(error::unexpected_eof, offset_);
  if (state_ == state::failed) {
    ec = error_;
  } else {
    ec.clear();
  }
}

response response_parser::take() {
  if (state_ != state::done) return {};
  response out = std::move(response_);
  response_ = {};
  state_ = state::status;
  line_octets_ = 0;
  expect_multiline_ = false;
  warnings_.next_unit();
  return out;
}

void response_parser::reset() { *this = response_parser(mode_, limits_); }

// Limits first, so that nothing past a limit is ever stored.
bool response_parser::consume(char c, std::size_t at) {
  if (response_.size++ == 0) response_.offset = at;
  bool const in_status = state_ == state::status || state_ == state::status_cr;
  if (in_status) {
    if (response_.st.raw_line.size() >= limits_.max_status_line) return fail(error::line_too_long, at);
    response_.st.raw_line += c;
  } else if (++line_octets_ > limits_.max_body_line) {
    return fail(error::line_too_long, at);
  }
  if (in_status || response_.raw.size() < response_.st.raw_line.size() + limits_.max_stored_body) response_.raw += c;
  switch (state_) {
    case state::status: return on_status(c, at);
    case state::status_cr: return on_status_cr(c, at);
    case state::line_start: return on_line_start(c, at);
    case state::dot: return on_dot(c, at);
    case state::dot_cr: return on_dot_cr(c, at);
    case state::body: return on_body(c, at);
    case state::body_cr: return on_body_cr(c, at);
    case state::done:
    case state::failed: break;
  }
  return false;
}

bool response_parser::on_status(char c, std::size_t at) {
  if (response_.st.raw_line.size() == 1) {
    response_.st.offset = at;
    // Fail at once on a stream that is not POP3 at all, rather than after 512 octets.
    if (c != '+' && c != '-') return fail(error::bad_status, at);
  }
  switch (c) {
    case '\r':
      cr_offset_ = at;
      state_ = state::status_cr;
      return true;
    case '\n': return deviation(error::bare_lf, at, "bare-lf", "status line ended with LF without CR") && end_status();
    case '\0': return deviation(error::nul_byte, at, "nul-byte", "NUL in status line");
    default: return true;
  }
}

bool response_parser::on_status_cr(char c, std::size_t at) {
  if (c == '\n') return end_status();
  if (!deviation(error::bare_cr, cr_offset_, "bare-cr", "CR not followed by LF kept in the status text")) return false;
  state_ = state::status;
  return on_status(c, at);
}

// status = "+OK" / "-ERR", then [SP text] CRLF (RFC 2449 §3); upper case (RFC 1939 §3).
bool response_parser::end_status() {
  auto& st = response_.st;
  std::string_view const line = without_eol(st.raw_line);
  std::string_view const indicator = line.front() == '+' ? "+OK" : "-ERR";
  std::size_t matched = 0;
  while (matched < indicator.size() && matched < line.size() && to_upper(line[matched]) == indicator[matched]) {
    ++matched;
  }
  if (matched < indicator.size()) return fail(error::bad_status, st.offset + matched);
  if (line.substr(0, matched) != indicator &&
      !deviation(error::bad_status, st.offset, "status-case", "status indicator not in upper case")) {
    return false;
  }
  auto text = line.substr(matched);
  if (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  } else if (!text.empty() && !deviation(error::bad_status, st.offset + matched, "no-space-after-status",
                                         "text right after the status indicator")) {
    return false;
  }
  st.ok = indicator == "+OK";
  st.text = text;
  st.code = parse_resp_code(text);
  response_.multiline = st.ok && expect_multiline_;
  state_ = response_.multiline ? state::line_start : state::done;
  return true;
}

bool response_parser::on_line_start(char c, std::size_t at) {
  if (c != '.') return on_body(c, at);
  state_ = state::dot;
  return true;
}

// The dot is not body either way: it is the terminator's, or byte-stuffing (RFC 1939 §3).
bool response_parser::on_dot(char c, std::size_t at) {
  if (c == '\r') {
    cr_offset_ = at;
    state_ = state::dot_cr;
    return true;
  }
  if (c == '\n') {
    if (!deviation(error::bare_lf, at, "bare-lf", "terminator \".\" ended with LF without CR")) return false;
    state_ = state::done;
    return true;
  }
  state_ = state::body;
  return on_body(c, at);
}

bool response_parser::on_dot_cr(char c, std::size_t at) {
  if (c == '\n') {
    state_ = state::done;
    return true;
  }
  if (!deviation(error::bare_cr, cr_offset_, "bare-cr", "CR not followed by LF kept in the body")) return false;
  state_ = state::body;
  return append_body('\r', cr_offset_) && on_body(c, at);
}

bool response_parser::on_body(char c, std::size_t at) {
  if (c == '\r') {
    cr_offset_ = at;
    state_ = state::body_cr;
    return append_body(c, at);
  }
  if (c == '\n') {
    return deviation(error::bare_lf, at, "bare-lf", "body line ended with LF without CR") && append_body(c, at) &&
           end_body_line();
  }
  state_ = state::body;
  return append_body(c, at);
}

bool response_parser::on_body_cr(char c, std::size_t at) {
  if (c == '\n') return append_body(c, at) && end_body_line();
  if (!deviation(error::bare_cr, cr_offset_, "bare-cr", "CR not followed by LF kept in the body")) return false;
  state_ = state::body;
  return on_body(c, at);
}

bool response_parser::end_body_line() {
  ++response_.line_count;
  line_octets_ = 0;
  state_ = state::line_start;
  return true;
}

bool response_parser::append_body(char c, std::size_t at) {
  if (++response_.body_size > limits_.max_body) return fail(error::body_too_long, at);
  if (response_.body.size() < limits_.max_stored_body) {
    response_.body += c;
  } else {
    response_.body_truncated = true;
  }
  return true;
}

bool response_parser::deviation(error e, std::size_t at, std::string_view code, std::string detail) {
  if (mode_ == parse_mode::strict) return fail(e, at);
  warnings_.add(at, code, std::move(detail));
  return true;
}

bool response_parser::fail(error e, std::size_t at) {
  state_ = state::failed;
  error_ = e;
  error_offset_ = at;
  return false;
}

std::string serialize(response const& r) {
  std::string out = r.st.ok ? "+OK" : "-ERR";
  if (!r.st.text.empty()) out += " " + r.st.text;
  out += "\r\n";
  if (!r.st.ok || !r.multiline) return out;
  bool at_line_start = true;
  for (char c : r.body) {
    if (at_line_start && c == '.') out += '.';
    out += c;
    at_line_start = c == '\n';
  }
  if (!r.body.empty() && r.body.back() != '\n') out += "\r\n";
  return out + ".\r\n";
}

}  // namespace mailspec::codec::pop3
