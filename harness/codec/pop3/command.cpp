#include "codec/pop3/command.hpp"

#include <utility>

namespace mailspec::codec::pop3 {
namespace {

char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// VCHAR = %x21-7E
bool is_vchar(char c) { return c >= 0x21 && c <= 0x7E; }

// Index of the first octet that is not VCHAR, or s.size().
std::size_t first_non_vchar(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_vchar(s[i])) ++i;
  return i;
}

}  // namespace

command_parser::command_parser(parse_mode mode, command_limits limits) : mode_(mode), limits_(limits) {}

std::size_t command_parser::put(std::string_view in, std::error_code& ec) {
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

void command_parser::put_eof(std::error_code& ec) {
  if (state_ != state::failed && state_ != state::done && !command_.raw.empty()) fail(error::unexpected_eof, offset_);
  if (state_ == state::failed) {
    ec = error_;
  } else {
    ec.clear();
  }
}

command command_parser::take() {
  if (state_ != state::done) return {};
  command out = std::move(command_);
  command_ = {};
  state_ = state::line;
  warnings_.next_unit();
  return out;
}

void command_parser::reset() { *this = command_parser(mode_, limits_); }

bool command_parser::consume(char c, std::size_t at) {
  if (command_.raw.empty()) command_.offset = at;
  if (command_.raw.size() >= limits_.max_line) return fail(error::line_too_long, at);
  command_.raw += c;
  return state_ == state::cr ? on_cr(c, at) : on_line(c, at);
}

bool command_parser::on_line(char c, std::size_t at) {
  switch (c) {
    case '\r':
      cr_offset_ = at;
      state_ = state::cr;
      return true;
    case '\n': return deviation(error::bare_lf, at, "bare-lf", "command ended with LF without CR") && end_line(1);
    case '\0': return deviation(error::nul_byte, at, "nul-byte", "NUL in command");
    default: return true;
  }
}

bool command_parser::on_cr(char c, std::size_t at) {
  if (c == '\n') return end_line(2);
  if (!deviation(error::bare_cr, cr_offset_, "bare-cr", "CR not followed by LF kept in the command")) return false;
  state_ = state::line;
  return on_line(c, at);
}

// command = keyword *(SP param) CRLF (RFC 2449 §3)
bool command_parser::end_line(std::size_t eol_size) {
  std::string_view const line = std::string_view(command_.raw).substr(0, command_.raw.size() - eol_size);
  auto const sp = line.find(' ');
  auto const keyword = line.substr(0, sp);
  if (!check_keyword(keyword)) return false;
  for (char c : keyword) command_.keyword += to_upper(c);
  for (auto start = sp; start != std::string_view::npos;) {
    auto const end = line.find(' ', start + 1);
    if (!add_arg(line.substr(start + 1, end - start - 1), command_.offset + start + 1)) return false;
    start = end;
  }
  state_ = state::done;
  return true;
}

// keyword = 3*4VCHAR
bool command_parser::check_keyword(std::string_view keyword) {
  auto const bad = first_non_vchar(keyword);
  if (bad < keyword.size()) {
    return deviation(error::bad_command, command_.offset + bad, "bad-keyword", "keyword octet outside VCHAR");
  }
  if (keyword.size() < 3 || keyword.size() > 4) {
    return deviation(error::bad_command, command_.offset, "bad-keyword", "keyword not 3 or 4 characters long");
  }
  return true;
}

// param = 1*VCHAR, at most 40 of them (RFC 1939 §3)
bool command_parser::add_arg(std::string_view arg, std::size_t at) {
  if (arg.empty()) return deviation(error::bad_argument, at, "empty-argument", "doubled or trailing SP");
  if (auto const bad = first_non_vchar(arg); bad < arg.size() &&
      !deviation(error::bad_argument, at + bad, "bad-argument", "argument octet outside VCHAR")) {
    return false;
  }
  if (arg.size() > limits_.max_arg &&
      !deviation(error::argument_too_long, at + limits_.max_arg, "long-argument", "argument over 40 characters")) {
    return false;
  }
  command_.args.emplace_back(arg);
  return true;
}

bool command_parser::deviation(error e, std::size_t at, std::string_view code, std::string detail) {
  if (mode_ == parse_mode::strict) return fail(e, at);
  warnings_.add(at, code, std::move(detail));
  return true;
}

bool command_parser::fail(error e, std::size_t at) {
  state_ = state::failed;
  error_ = e;
  error_offset_ = at;
  return false;
}

std::string serialize(command const& c) {
  std::string out = c.keyword;
  for (auto const& arg : c.args) out += " " + arg;
  return out + "\r\n";
}

}  // namespace mailspec::codec::pop3
