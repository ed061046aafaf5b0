#pragma once
// SMTP reply parser and serializer: RFC 5321 §4.2 (Reply-line grammar), §4.5.3.1.5 (512-octet reply
// lines), RFC 3463 / RFC 2034 enhanced status codes. Sans-IO, standard library only.
#include "codec/common/line_parser.hpp"
#include "codec/common/observation.hpp"
#include "codec/smtp/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::smtp {

/// RFC 3463 status-code: class "." subject "." detail.
struct enhanced_code {
  int klass = 0;
  int subject = 0;
  int detail = 0;
  std::string text() const;  // "2.1.0"
  friend bool operator==(enhanced_code const&, enhanced_code const&) = default;
};

/** RFC 3463 status-code at the start of `text` ("2.1.0 Ok" -> 2.1.0): class 2, 4 or 5, subject and detail
    1-3 digits each, then SP or the end of `text`. Anything else yields nullopt. */
std::optional<enhanced_code> parse_enhanced(std::string_view text);

struct reply_line {
  std::size_t offset = 0;  // stream offset of the line's first octet
  int code = -1;           // this line's code (differs from reply::code only in lenient mode); -1: reply::code
  char separator = ' ';    // '-' (more lines follow), ' ', or '\0' (nothing between code and text)
  std::string text{};      // after the separator, without the line end
  friend bool operator==(reply_line const&, reply_line const&) = default;
};

struct reply {
  int code = 0;                             // the first line's code
  std::vector<reply_line> lines{};          // at least one when parsed
  std::optional<enhanced_code> enhanced{};  // from the first line's text
  std::size_t offset = 0;                   // stream offset of the first octet
  std::size_t size = 0;                     // octets, incl. every line end
  std::string raw{};                        // exact octets of the reply
  std::string text() const;                 // lines' text joined with "\n"
  friend bool operator==(reply const&, reply const&) = default;
};

struct reply_limits {
  std::size_t max_line = 512;          // octets incl. CRLF (RFC 5321 §4.5.3.1.5)
  std::size_t max_lines = 1000;        // lines per reply
  std::size_t max_reply = 256 * 1024;  // octets per reply
  bool utf8_text = false;              // strict mode accepts octets >= 0x80 in text (RFC 6531 sessions)
};

/** Incremental SMTP reply parser.

    Strict mode accepts exactly RFC 5321 §4.2: `*(code "-" [textstring] CRLF) code [SP textstring] CRLF`,
    codes 200..599 with second digit 0-5, one code per reply. Lenient mode also accepts, each with a
    warning: bare LF line ends ("bare-lf"), lone CR kept in text ("bare-cr"), NUL and other octets outside
    textstring ("nul-byte", "bad-text"), "250 " with no text ("empty-text"), codes outside the range
    ("code-range"), lines of one reply with different codes ("code-mismatch"), and text right after the
    code ("bad-separator", the line is then the last one, separator '\0'). Three digits are needed in
    both modes; limits apply in both modes and are never exceeded in memory. */
class reply_parser : public codec::detail::basic_line_parser<reply_parser, error> {
 public:
  explicit reply_parser(parse_mode mode = parse_mode::strict, reply_limits limits = {});

  // put(), put_eof(), done(), take(), reset(), warnings(), clear_warnings(), error_offset() and
  // offset() come from basic_line_parser (codec/common/line_parser.hpp), which states the
  // partial-input contract; a unit is one whole reply, however many lines it has.

 private:
  friend basic_line_parser;  // calls the hooks below
  enum class state { code, separator, text };

  codec::detail::line_words words() const;
  bool on_line_start(std::size_t at);
  bool on_octet(char c, std::size_t at);
  bool on_line_break(char c, std::size_t at);
  bool on_content(char c, std::size_t at);
  bool on_bare_cr(std::size_t at);
  bool on_line_end(std::size_t at, std::size_t eol_size);
  bool on_code(char c, std::size_t at);
  bool on_code_complete();
  bool on_separator(char c, std::size_t at);
  bool on_text(char c, std::size_t at);

  reply_limits limits_;
  state state_ = state::code;
  reply unit_;
  reply_line line_;
  int digits_ = 0;
  bool last_line_ = false;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

/** Wire form with CRLF line ends: "-" after the code of every line but the last, the last line's own
    separator (' ' or '\0'). parse(serialize(r)) == r for parsed replies, apart from offsets and raw
    octets of lines that were not CRLF-terminated. */
std::string serialize(reply const& r);

}  // namespace mailspec::codec::smtp
