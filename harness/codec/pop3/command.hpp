#pragma once
// POP3 command parser and serializer: RFC 1939 §3 (keyword, arguments of at most 40 characters, single
// SP separators), RFC 2449 §4 (255-octet command line). Sans-IO, standard library only.
#include "codec/common/line_parser.hpp"
#include "codec/common/observation.hpp"
#include "codec/pop3/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::pop3 {

struct command {
  std::string keyword{};            // upper-cased
  std::vector<std::string> args{};  // split at SP
  std::size_t offset = 0;           // stream offset of the first octet
  std::string raw{};                // exact octets incl. the line end
  friend bool operator==(command const&, command const&) = default;
};

struct command_limits {
  std::size_t max_line = 255;  // octets incl. CRLF (RFC 2449 §4)
  std::size_t max_arg = 40;    // characters per argument (RFC 1939 §3)
};

/** Incremental POP3 command parser: `keyword *(SP arg) CRLF`, keyword 3*4VCHAR, arg 1*VCHAR of at most 40.

    Strict mode rejects bare LF, lone CR, NUL, a keyword of another length or with other octets, empty
    arguments (doubled or trailing SP), arguments with non-printable octets and arguments over 40
    characters. Lenient mode records "bare-lf" (the LF ends the line), "bare-cr", "nul-byte",
    "bad-keyword", "empty-argument" (skipped), "bad-argument" and "long-argument" instead. The line
    limit applies in both modes. A PASS password with spaces arrives as several args (RFC 1939 §7 lets a
    server read it as one): join them, or read `raw`. SASL continuation lines (RFC 5034) are not commands. */
class command_parser : public codec::detail::basic_line_parser<command_parser, error> {
 public:
  explicit command_parser(parse_mode mode = parse_mode::strict, command_limits limits = {});

  // put(), put_eof(), done(), take(), reset(), warnings(), clear_warnings(), error_offset() and
  // offset() come from basic_line_parser (codec/common/line_parser.hpp), which states the
  // partial-input contract; a unit is one command line.

 private:
  friend basic_line_parser;  // calls the hooks below

  codec::detail::line_words words() const;
  bool on_line_end(std::size_t at, std::size_t eol_size);
  bool check_keyword(std::string_view keyword);
  bool add_arg(std::string_view arg, std::size_t at);

  command_limits limits_;
  command unit_;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

/** `keyword *(SP arg) CRLF`. */
std::string serialize(command const& c);

}  // namespace mailspec::codec::pop3
