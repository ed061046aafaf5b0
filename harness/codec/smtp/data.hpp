#pragma once
// SMTP DATA transparency (RFC 5321 §4.5.2): dot-stuffing for the client side, and end-of-data detection
// for the server side, including the bare-CR/LF terminators behind SMTP smuggling (CVE-2023-51764,
// CVE-2023-51765, CVE-2023-51766). Sans-IO, standard library only.
#include "codec/common/observation.hpp"
#include "codec/smtp/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mailspec::codec::smtp {

/** The octets to send after DATA's 354: `body` with a "." doubled at the start of the body and after
    every CRLF, CRLF appended unless the body already ends with CRLF (an empty body gets none), then
    ".\r\n". Bare CR and LF pass unchanged and do not start a line, so smuggling probes stay intact. */
std::string dot_stuff(std::string_view body);

struct data_limits {
  std::size_t max_content = 16 * 1024 * 1024;  // octets of content kept; more are counted, not stored
};

struct data_result {
  std::string content{};              // unstuffed, without the terminator; at most max_content octets
  std::size_t content_size = 0;       // octets of the unstuffed content, counted past max_content too
  std::size_t terminator_offset = 0;  // stream offset of the terminator's first octet
  std::size_t end_offset = 0;         // stream offset just past the terminator
  std::string terminator{};           // exact octets that ended the data, e.g. "\r\n.\r\n", or ".\r\n" at the start
  std::string variant{};              // "<before>.<after>", each crlf, lf or cr: "crlf.crlf", "lf.lf", "cr.lf", ...
  friend bool operator==(data_result const&, data_result const&) = default;
};

/** Incremental end-of-data detector for the octets after DATA's 354.

    The data starts right after a CRLF, so "." CRLF as the very first line ends it too (variant
    "crlf.crlf", terminator ".\r\n"). A line starting with "." that is not the terminator loses that dot.
    Strict mode: only CRLF "." CRLF ends the data; bare CR and LF are content. Lenient mode: a line also
    ends at a bare LF or bare CR, and "." followed by CRLF, LF or CR ends the data: <LF>.<LF>, <CR>.<CR>,
    <CR><LF>.<LF>, <LF>.<CR><LF>, <CR>.<LF>, <LF>.<CR>, ... each recorded as a warning "nonstandard-eod"
    naming the variant. On any input lenient mode ends at or before strict mode. */
class eod_detector {
 public:
  explicit eod_detector(parse_mode mode = parse_mode::strict, data_limits limits = {});

  /** Consume octets. Returns the number consumed. Stops right after the last octet of the terminator:
      then ec is cleared and done() is true; the caller calls take(), and put()s the unconsumed rest.
      (Lenient "." CR then another octet ends the data before that octet, which is left unconsumed.)
      If the input ends inside the data, consumes everything and sets ec = error::need_more (also for
      empty input). There are no grammar errors; content beyond max_content is counted, not stored. */
  std::size_t put(std::string_view in, std::error_code& ec);

  /** End of input: ec = error::unexpected_eof if any data octet arrived since the start (the detector
      then fails), else cleared. */
  void put_eof(std::error_code& ec);

  bool done() const { return state_ == state::done; }

  /** Moves the result out; the detector then expects the next DATA content (again after a CRLF). */
  data_result take();

  /** Forget everything, including the offset count and warnings. */
  void reset();

  warning_list const& warnings() const { return warnings_.list(); }
  void clear_warnings() { warnings_.clear(); }
  std::size_t error_offset() const { return error_offset_; }
  std::size_t offset() const { return offset_; }

 private:
  enum class state { mid, cr, line_start, dot, dot_cr, done, failed };
  enum class eol { crlf, lf, cr };

  bool step(char c, std::size_t at);
  bool on_mid(char c, std::size_t at);
  bool on_cr(char c, std::size_t at);
  bool on_line_start(char c, std::size_t at);
  bool on_dot(char c, std::size_t at);
  bool on_dot_cr(char c, std::size_t at);
  void line_start(eol kind, std::size_t at, std::size_t size);
  void append(char c);
  void finish(eol after, std::size_t end);

  parse_mode mode_;
  data_limits limits_;
  state state_ = state::line_start;
  data_result result_;
  eol before_ = eol::crlf;         // line end before the current line
  std::size_t before_offset_ = 0;  // where that line end started
  std::size_t before_size_ = 0;    // its octets (0 at the start of the data)
  std::size_t cr_offset_ = 0;
  std::size_t unit_start_ = 0;
  std::size_t offset_ = 0;
  std::size_t error_offset_ = 0;
  detail::warning_sink warnings_;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

}  // namespace mailspec::codec::smtp
