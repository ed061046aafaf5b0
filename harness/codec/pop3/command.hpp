#pragma once
// POP3 command parser and serializer: RFC 1939 §3 (keyword, arguments of at most 40 characters, single
// SP separators), RFC 2449 §4 (255-octet command line). Sans-IO, standard library only.
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
class command_parser {
 public:
  explicit command_parser(parse_mode mode = parse_mode::strict, command_limits limits = {});

  /** Consume octets. Returns the number consumed. Stops right after the last octet of one complete
      command: then ec is cleared and done() is true; the caller calls take(), and put()s the unconsumed
      rest. If the input ends inside a line, consumes everything and sets ec = error::need_more (also for
      empty input). On a grammar/limit error sets ec to that error, error_offset() says which octet
      (absolute offset from construction), and the parser stays failed until reset(). */
  std::size_t put(std::string_view in, std::error_code& ec);

  /** End of input: ec = error::unexpected_eof if inside a line, the stored error if failed, else cleared. */
  void put_eof(std::error_code& ec);

  bool done() const { return state_ == state::done; }

  /** Moves the command out and gets ready for the next one; offsets keep counting. */
  command take();

  /** Forget everything, including the failure state, warnings and the offset count. */
  void reset();

  warning_list const& warnings() const { return warnings_.list(); }
  void clear_warnings() { warnings_.clear(); }
  std::size_t error_offset() const { return error_offset_; }
  std::size_t offset() const { return offset_; }

 private:
  enum class state { line, cr, done, failed };

  bool consume(char c, std::size_t at);
  bool on_line(char c, std::size_t at);
  bool on_cr(char c, std::size_t at);
  bool end_line(std::size_t eol_size);
  bool check_keyword(std::string_view keyword);
  bool add_arg(std::string_view arg, std::size_t at);
  bool deviation(error e, std::size_t at, std::string_view code, std::string detail);
  bool fail(error e, std::size_t at);

  parse_mode mode_;
  command_limits limits_;
  state state_ = state::line;
  command command_;
  std::size_t cr_offset_ = 0;
  std::size_t offset_ = 0;
  std::error_code error_;
  std::size_t error_offset_ = 0;
  detail::warning_sink warnings_;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

/** `keyword *(SP arg) CRLF`. */
std::string serialize(command const& c);

}  // namespace mailspec::codec::pop3
