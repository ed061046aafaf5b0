#include "codec/smtp/data.hpp"

#include <utility>

namespace mailspec::codec::smtp {
std::string dot_stuff(std::string_view body) {
  std::string out;
  out.reserve(body.size() + body.size() / 64 + 5);
  bool at_line_start = true;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (at_line_start && body[i] == '.') out += '.';
    out += body[i];
    at_line_start = body[i] == '\n' && i > 0 && body[i - 1] == '\r';
  }
  if (!body.empty() && !out.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

eod_detector::eod_detector(parse_mode mode, data_limits limits) : mode_(mode), limits_(limits) {}

std::size_t eod_detector::put(std::string_view in, std::error_code& ec) {
  if (state_ == state::failed) {
    ec = error::unexpected_eof;
    return 0;
  }
  ec.clear();
  if (state_ == state::done) return 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!step(in[i], offset_)) return i;
    ++offset_;
    if (state_ == state::done) return i + 1;
  }
  ec = error::need_more;
  return in.size();
}

void eod_detector::put_eof(std::error_code& ec) {
  ec.clear();
  if (state_ == state::done || (state_ != state::failed && offset_ == unit_start_)) return;
  if (state_ != state::failed) error_offset_ = offset_;
  state_ = state::failed;
  ec = error::unexpected_eof;
}

data_result eod_detector::take() {
  if (state_ != state::done) return {};
  data_result out = std::move(result_);
  result_ = {};
  before_ = eol::crlf;
  before_size_ = 0;
  before_offset_ = unit_start_ = offset_;
  state_ = state::line_start;
  warnings_.next_unit();
  return out;
}

void eod_detector::reset() { *this = eod_detector(mode_, limits_); }

// Returns false when the data ended before `c`, which then stays unconsumed.
bool eod_detector::step(char c, std::size_t at) {
  switch (state_) {
    case state::mid: return on_mid(c, at);
    case state::cr: return on_cr(c, at);
    case state::line_start: return on_line_start(c, at);
    case state::dot: return on_dot(c, at);
    case state::dot_cr: return on_dot_cr(c, at);
    case state::done:
    case state::failed: break;
  }
  return false;
}

bool eod_detector::on_mid(char c, std::size_t at) {
  append(c);
  state_ = state::mid;
  if (c == '\r') {
    cr_offset_ = at;
    state_ = state::cr;
  } else if (c == '\n' && mode_ == parse_mode::lenient) {
    line_start(eol::lf, at, 1);
  }
  return true;
}

bool eod_detector::on_cr(char c, std::size_t at) {
  if (c == '\n') {
    append(c);
    line_start(eol::crlf, cr_offset_, 2);
    return true;
  }
  if (mode_ == parse_mode::lenient) {
    line_start(eol::cr, cr_offset_, 1);
    return on_line_start(c, at);
  }
  return on_mid(c, at);
}

bool eod_detector::on_line_start(char c, std::size_t at) {
  if (c != '.') return on_mid(c, at);
  state_ = state::dot;
  return true;
}

// The dot is not content either way: it is the terminator's, or a stuffed dot (RFC 5321 §4.5.2).
bool eod_detector::on_dot(char c, std::size_t at) {
  if (c == '\r') {
    cr_offset_ = at;
    state_ = state::dot_cr;
    return true;
  }
  if (c == '\n' && mode_ == parse_mode::lenient) {
    finish(eol::lf, at + 1);
    return true;
  }
  return on_mid(c, at);
}

bool eod_detector::on_dot_cr(char c, std::size_t at) {
  if (c == '\n') {
    finish(eol::crlf, at + 1);
    return true;
  }
  if (mode_ == parse_mode::lenient) {
    finish(eol::cr, at);
    return false;
  }
  append('\r');
  state_ = state::cr;
  return on_cr(c, at);
}

void eod_detector::line_start(eol kind, std::size_t at, std::size_t size) {
  before_ = kind;
  before_offset_ = at;
  before_size_ = size;
  state_ = state::line_start;
}

void eod_detector::append(char c) {
  ++result_.content_size;
  if (result_.content.size() < limits_.max_content) result_.content += c;
}

void eod_detector::finish(eol after, std::size_t end) {
  static constexpr std::string_view names[] = {"crlf", "lf", "cr"};
  static constexpr std::string_view octets[] = {"\r\n", "\n", "\r"};
  // The line end before the dot is the terminator's first part, not content.
  result_.content_size -= before_size_;
  if (result_.content.size() > result_.content_size) result_.content.resize(result_.content_size);
  result_.terminator_offset = before_offset_;
  result_.end_offset = end;
  result_.terminator = octets[static_cast<int>(before_)].substr(0, before_size_);
  result_.terminator += '.';
  result_.terminator += octets[static_cast<int>(after)];
  result_.variant = std::string(names[static_cast<int>(before_)]) + "." + std::string(names[static_cast<int>(after)]);
  if (result_.variant != "crlf.crlf") {
    warnings_.add(before_offset_, "nonstandard-eod",
                  "data ended by \"" + quote_bytes(result_.terminator) + "\" (" + result_.variant + "), not CRLF.CRLF");
  }
  state_ = state::done;
}

}  // namespace mailspec::codec::smtp
