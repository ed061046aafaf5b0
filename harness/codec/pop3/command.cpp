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

command_parser::command_parser(parse_mode mode, command_limits limits) : basic_line_parser(mode), limits_(limits) {}

codec::detail::line_words command_parser::words() const {
  return {"command ended with LF without CR", "CR not followed by LF kept in the command", "NUL in command"};
}

// command = keyword *(SP param) CRLF (RFC 2449 §3)
bool command_parser::on_line_end(std::size_t, std::size_t eol_size) {
  std::string_view const line = std::string_view(unit_.raw).substr(0, unit_.raw.size() - eol_size);
  auto const sp = line.find(' ');
  auto const keyword = line.substr(0, sp);
  if (!check_keyword(keyword)) return false;
  for (char c : keyword) unit_.keyword += to_upper(c);
  for (auto start = sp; start != std::string_view::npos;) {
    auto const end = line.find(' ', start + 1);
    if (!add_arg(line.substr(start + 1, end - start - 1), unit_.offset + start + 1)) return false;
    start = end;
  }
  finish();
  return true;
}

// keyword = 3*4VCHAR
bool command_parser::check_keyword(std::string_view keyword) {
  auto const bad = first_non_vchar(keyword);
  if (bad < keyword.size()) {
    return deviation(error::bad_command, unit_.offset + bad, "bad-keyword", "keyword octet outside VCHAR");
  }
  if (keyword.size() < 3 || keyword.size() > 4) {
    return deviation(error::bad_command, unit_.offset, "bad-keyword", "keyword not 3 or 4 characters long");
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
  unit_.args.emplace_back(arg);
  return true;
}

std::string serialize(command const& c) {
  std::string out = c.keyword;
  for (auto const& arg : c.args) out += " " + arg;
  return out + "\r\n";
}

}  // namespace mailspec::codec::pop3
