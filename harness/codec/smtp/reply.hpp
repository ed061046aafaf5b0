#pragma once
// SMTP reply parser and serializer: RFC 5321 §4.2 (Reply-line grammar), §4.5.3.1.5 (512-octet reply
// lines), RFC 3463 / RFC 2034 enhanced status codes. Sans-IO, standard library only.
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
class reply_parser {
 public:
  explicit reply_parser(parse_mode mode = parse_mode::strict, reply_limits limits = {});

  /** Consume octets. Returns the number consumed. Stops right after the last octet of one complete
      reply: then ec is cleared and done() is true; the caller calls take(), and put()s the unconsumed
      rest. If the input ends inside a reply, consumes everything and sets ec = error::need_more (also
      for empty input). On a grammar/limit error sets ec to that error, error_offset() says which octet
      (absolute offset from construction), and the parser stays failed until reset(): further put()
      calls consume nothing and return the same error. While done(), put() consumes nothing. */
  std::size_t put(std::string_view in, std::error_code& ec);

  /** End of input: ec = error::unexpected_eof if inside a reply (the parser then fails), the stored
      error if failed, else cleared. */
  void put_eof(std::error_code& ec);

  bool done() const { return state_ == state::done; }

  /** Moves the reply out and gets ready for the next one; offsets keep counting. */
  reply take();

  /** Forget everything, including the failure state, warnings and the offset count. */
  void reset();

  warning_list const& warnings() const { return warnings_.list(); }
  void clear_warnings() { warnings_.clear(); }
  std::size_t error_offset() const { return error_offset_; }
  std::size_t offset() const { return offset_; }  // octets consumed since construction or reset()

 private:
  enum class state { code, separator, text, cr, done, failed };

  bool consume(char c, std::size_t at);
  bool on_code(char c, std::size_t at);
  bool on_code_complete();
  bool on_separator(char c, std::size_t at);
  bool on_text(char c, std::size_t at);
  bool on_cr(char c, std::size_t at);
  bool end_line();
  bool deviation(error e, std::size_t at, std::string_view code, std::string detail);
  bool fail(error e, std::size_t at);

  parse_mode mode_;
  reply_limits limits_;
  state state_ = state::code;
  reply reply_;
  reply_line line_;
  int digits_ = 0;
  std::size_t line_octets_ = 0;
  std::size_t cr_offset_ = 0;
  bool last_line_ = false;
  std::size_t offset_ = 0;
  std::error_code error_;
  std::size_t error_offset_ = 0;
  detail::warning_sink warnings_;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

/** Wire form with CRLF line ends: "-" after the code of every line but the last, the last line's own
    separator (' ' or '\0'). parse(serialize(r)) == r for parsed replies, apart from offsets and raw
    octets of lines that were not CRLF-terminated. */
std::string serialize(reply const& r);

}  // namespace mailspec::codec::smtp
