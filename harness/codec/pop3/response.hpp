#pragma once
// POP3 response parser and serializer: RFC 1939 §3 (status indicators, multi-line responses and
// byte-stuffing), RFC 2449 §4 (512-octet first line) and §8 (extended response codes). Sans-IO,
// standard library only.
#include "codec/common/line_parser.hpp"
#include "codec/common/observation.hpp"
#include "codec/pop3/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mailspec::codec::pop3 {

struct status {
  bool ok = false;         // "+OK" rather than "-ERR"
  std::string text{};      // after "+OK " / "-ERR ", without the line end
  std::string code{};      // RFC 2449 resp-code inside "[..]" at the start of text ("IN-USE", "SYS/TEMP"), or ""
  std::size_t offset = 0;  // stream offset of the status line
  std::string raw_line{};  // exact octets of the status line, line end included
  friend bool operator==(status const&, status const&) = default;
};

struct response {
  status st{};
  bool multiline = false;       // a dot-terminated body followed the status line
  std::string body{};           // unstuffed, line ends kept as received, terminator excluded; bounded
  std::size_t body_size = 0;    // octets of the unstuffed body, counted past max_stored_body too
  bool body_truncated = false;  // body_size > max_stored_body
  std::size_t line_count = 0;   // body lines, terminator excluded
  std::size_t offset = 0;       // stream offset of the first octet
  std::size_t size = 0;         // octets incl. the terminator
  std::string raw{};            // exact octets, at most the status line + max_stored_body
  friend bool operator==(response const&, response const&) = default;
};

struct response_limits {
  std::size_t max_status_line = 512;               // octets incl. CRLF (RFC 1939 §3, RFC 2449 §4)
  std::size_t max_body_line = 64 * 1024;           // octets per body line incl. CRLF and stuffing dot
  std::size_t max_body = std::size_t(1) << 32;     // unstuffed body octets; more is an error
  std::size_t max_stored_body = 16 * 1024 * 1024;  // body octets kept; more are counted, not stored
};

/** RFC 2449 §8 resp-code at the start of `text` ("[SYS/TEMP] x" -> "SYS/TEMP"): "[" resp-level
    *("/" resp-level) "]" with resp-level = 1*rchar. "" when `text` does not start with one. */
std::string parse_resp_code(std::string_view text);

/** Incremental POP3 response parser.

    Strict mode: the status line is "+OK" or "-ERR" in upper case, then SP text or CRLF; lines end in
    CRLF; no NUL in the status line. Lenient mode also accepts, with warnings: other letter case
    ("status-case"), text right after the indicator ("no-space-after-status"), bare LF line ends
    ("bare-lf"; ".\n" then ends a body), lone CR kept as text ("bare-cr"), NUL ("nul-byte"). A body
    line starting with "." loses it; the body ends at the line ".\r\n". Limits apply in both modes. */
class response_parser : public codec::detail::basic_line_parser<response_parser, error> {
 public:
  explicit response_parser(parse_mode mode = parse_mode::strict, response_limits limits = {});

  /** Whether a "+OK" opens a dot-terminated body: depends on the command (LIST without argument, RETR,
      TOP, UIDL without argument, CAPA...). Set it before each response; it applies to the response whose
      status line has not completed yet, and take() sets it back to false. A "-ERR" is always one line. */
  void expect_multiline(bool multiline) { expect_multiline_ = multiline; }

  // put(), put_eof(), done(), take(), reset(), warnings(), clear_warnings(), error_offset() and
  // offset() come from basic_line_parser (codec/common/line_parser.hpp), which states the
  // partial-input contract; a unit is one response, its body and terminator included.

 private:
  friend basic_line_parser;  // calls the hooks below
  enum class state { status, line_start, dot, body };

  std::size_t line_limit() const;
  codec::detail::line_words words() const;
  void on_take() {
    expect_multiline_ = false;
    state_ = state::status;
  }
  bool on_line_start(std::size_t at);
  bool on_octet(char c, std::size_t at);
  bool on_line_break(char c, std::size_t at);
  bool on_content(char c, std::size_t at);
  bool on_bare_cr(std::size_t at);
  bool on_line_end(std::size_t at, std::size_t eol_size);
  bool end_status();
  bool end_body_line(std::size_t at);
  bool append_body(char c, std::size_t at);

  response_limits limits_;
  bool expect_multiline_ = false;
  state state_ = state::status;
  response unit_;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

/** Wire form: "+OK" / "-ERR", SP and text when text is not empty, CRLF; for a multi-line "+OK" the body
    with a "." doubled at the start of every line (after any LF), CRLF added if the body does not end in
    a line end, and ".\r\n". */
std::string serialize(response const& r);

}  // namespace mailspec::codec::pop3
