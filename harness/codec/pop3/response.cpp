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

response_parser::response_parser(parse_mode mode, response_limits limits) : basic_line_parser(mode), limits_(limits) {}

std::size_t response_parser::line_limit() const {
  return state_ == state::status ? limits_.max_status_line : limits_.max_body_line;
}

codec::detail::line_words response_parser::words() const {
  switch (state_) {
    case state::status:
      return {"status line ended with LF without CR", "CR not followed by LF kept in the status text",
              "NUL in status line"};
    case state::dot: return {"terminator \".\" ended with LF without CR", "CR not followed by LF kept in the body", ""};
    default: return {"body line ended with LF without CR", "CR not followed by LF kept in the body", ""};
  }
}

bool response_parser::on_line_start(std::size_t at) {
  if (state_ == state::status) unit_.st.offset = at;
  return true;
}

// Storage is bounded: the status line (itself limited) always, the rest up to max_stored_body.
bool response_parser::on_octet(char c, std::size_t at) {
  ++unit_.size;
  bool const in_status = state_ == state::status;
  if (in_status) unit_.st.raw_line += c;
  if (in_status || unit_.raw.size() < unit_.st.raw_line.size() + limits_.max_stored_body) unit_.raw += c;
  // Fail at once on a stream that is not POP3 at all, rather than after 512 octets.
  if (in_status && unit_.st.raw_line.size() == 1 && c != '+' && c != '-') return fail(error::bad_status, at);
  return true;
}

// A body CR is body (RFC 1939 §3 keeps line ends); the CR after a terminator dot is the terminator's.
bool response_parser::on_line_break(char c, std::size_t at) {
  if (c == '\r' && (state_ == state::line_start || state_ == state::body)) return append_body(c, at);
  return true;
}

bool response_parser::on_content(char c, std::size_t at) {
  switch (state_) {
    case state::status: return check_nul(c, at);
    case state::line_start:
      if (c == '.') {
        state_ = state::dot;
        return true;
      }
      break;
    default: break;
  }
  // The dot before this octet, if any, was byte-stuffing (RFC 1939 §3): not body.
  state_ = state::body;
  return append_body(c, at);
}

bool response_parser::on_bare_cr(std::size_t at) {
  if (state_ == state::status) return true;
  bool const after_dot = state_ == state::dot;
  state_ = state::body;
  // Only after a dot is the CR not stored yet (it might have been the terminator's).
  return !after_dot || append_body('\r', at);
}

bool response_parser::on_line_end(std::size_t at, std::size_t) {
  switch (state_) {
    case state::status: return end_status();
    case state::dot:
      finish();
      return true;
    default: return end_body_line(at);
  }
}

// status = "+OK" / "-ERR", then [SP text] CRLF (RFC 2449 §3); upper case (RFC 1939 §3).
bool response_parser::end_status() {
  auto& st = unit_.st;
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
  unit_.multiline = st.ok && expect_multiline_;
  if (unit_.multiline) {
    state_ = state::line_start;
  } else {
    finish();
  }
  return true;
}

bool response_parser::end_body_line(std::size_t at) {
  if (!append_body('\n', at)) return false;
  ++unit_.line_count;
  state_ = state::line_start;
  return true;
}

bool response_parser::append_body(char c, std::size_t at) {
  if (++unit_.body_size > limits_.max_body) return fail(error::body_too_long, at);
  if (unit_.body.size() < limits_.max_stored_body) {
    unit_.body += c;
  } else {
    unit_.body_truncated = true;
  }
  return true;
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
