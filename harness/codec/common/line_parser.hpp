#pragma once
// The line framing every line-based parser shares (SMTP commands and replies, POP3 commands and
// responses): the push loop, CRLF / bare LF / bare CR / NUL handling, the per-line octet limit, the
// strict-or-warn decision and the failed state. A protocol parser derives from basic_line_parser
// (CRTP, in the spirit of Beast's basic_parser) and supplies only its grammar as hooks.
// Standard library only.
#include "codec/common/observation.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace mailspec::codec::detail {

/// Which value of a codec's error enum each framing condition yields. The default takes the values of
/// the same names; a codec whose enum names them otherwise passes its own struct of the same shape.
template <class Error>
struct line_errors {
  static constexpr Error need_more = Error::need_more;            // input ended inside a unit
  static constexpr Error unexpected_eof = Error::unexpected_eof;  // put_eof() inside a unit
  static constexpr Error line_too_long = Error::line_too_long;    // a line passed line_limit()
  static constexpr Error bare_lf = Error::bare_lf;                // strict: LF without CR
  static constexpr Error bare_cr = Error::bare_cr;                // strict: CR without LF
  static constexpr Error nul_byte = Error::nul_byte;              // strict: NUL where check_nul() is asked
};

/// Warning details for the line the parser is in, so a warning names what it was reading.
struct line_words {
  char const* bare_lf;  // e.g. "reply line ended with LF without CR"
  char const* bare_cr;  // e.g. "CR not followed by LF kept in the text"
  char const* nul;      // e.g. "NUL in reply text"
};

/** Base of the line-based parsers. Public: the push API every such parser offers (put, put_eof, done,
    take, reset, warnings, error_offset, offset). The derived parser keeps the unit it builds in
    `unit_` (take() moves it out; the base sets its `offset` at the unit's first octet) and its limits
    in `limits_` (reset() keeps them), and makes this base a friend so that it can call the hooks.

    For each octet the base, in this order: calls on_line_start(at) at a line's first octet (unit and
    line limits, offsets); fails with line_too_long once the line passes line_limit() octets (CRLF
    included); calls on_octet(c, at) (storage, unit limits; by default appends to unit_.raw); then
    frames it:
    - LF after CR ends the line: on_line_end(lf_offset, 2).
    - an octet after a CR that is not LF: a "bare-cr" deviation at the CR, then on_bare_cr(cr_offset)
      (the CR is content after all), then the octet is framed afresh.
    - CR: on_line_break(CR, at), then the line end is pending.
    - LF alone: on_line_break(LF, at), a "bare-lf" deviation, then on_line_end(at, 1).
    - anything else: on_content(c, at); by default NUL is a "nul-byte" deviation (check_nul()).
    Every hook returns false when the parser has failed (through fail() or deviation()). The derived
    parser calls finish() when a unit is complete; take() calls on_take() before it starts the next.
    Required hooks: words() and on_line_end(); the others default to the plain-line behaviour below. */
template <class Derived, class Error, class Errors = line_errors<Error>>
class basic_line_parser {
 public:
  /** Consume octets. Returns the number consumed. Stops right after the last octet of one complete
      unit: then ec is cleared and done() is true; the caller calls take(), and put()s the unconsumed
      rest. If the input ends inside a unit, consumes everything and sets ec to need_more (also for
      empty input). On a grammar/limit error sets ec to that error, error_offset() says which octet
      (absolute offset from construction), and the parser stays failed until reset(): further put()
      calls consume nothing and return the same error. While done(), put() consumes nothing. */
  std::size_t put(std::string_view in, std::error_code& ec) {
    if (phase_ == phase::failed) {
      ec = error_;
      return 0;
    }
    ec.clear();
    if (phase_ == phase::done) return 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (!consume(in[i], offset_++)) {
        ec = error_;
        return i + 1;
      }
      if (phase_ == phase::done) return i + 1;
    }
    ec = Errors::need_more;
    return in.size();
  }

  /** End of input: ec = unexpected_eof if inside a unit (the parser then fails), the stored error if
      failed, else cleared. */
  void put_eof(std::error_code& ec) {
    if (phase_ == phase::parsing && offset_ > unit_start_) fail(Errors::unexpected_eof, offset_);
    if (phase_ == phase::failed) {
      ec = error_;
    } else {
      ec.clear();
    }
  }

  bool done() const { return phase_ == phase::done; }

  /** Moves the unit out and gets ready for the next one; offsets keep counting. Returns an empty
      unit unless done(). */
  auto take() {
    auto& d = derived();
    if (phase_ != phase::done) return decltype(d.unit_){};
    d.on_take();
    phase_ = phase::parsing;
    unit_start_ = offset_;
    line_octets_ = 0;
    cr_pending_ = false;
    warnings_.next_unit();
    return std::exchange(d.unit_, {});
  }

  /** Forget everything, including the failure state, warnings and the offset count. */
  void reset() { derived() = Derived(mode_, derived().limits_); }

  warning_list const& warnings() const { return warnings_.list(); }
  void clear_warnings() { warnings_.clear(); }
  std::size_t error_offset() const { return error_offset_; }
  std::size_t offset() const { return offset_; }  // octets consumed since construction or reset()

 protected:
  explicit basic_line_parser(parse_mode mode) : mode_(mode) {}

  /// Strict: fail with `e` at `at`. Lenient: record the warning and go on.
  bool deviation(Error e, std::size_t at, std::string_view code, std::string detail) {
    if (mode_ == parse_mode::strict) return fail(e, at);
    warnings_.add(at, code, std::move(detail));
    return true;
  }

  bool fail(Error e, std::size_t at) {
    phase_ = phase::failed;
    error_ = e;
    error_offset_ = at;
    return false;
  }

  bool check_nul(char c, std::size_t at) {
    return c != '\0' || deviation(Errors::nul_byte, at, "nul-byte", derived().words().nul);
  }

  /// The unit is complete: put() stops after this octet.
  void finish() { phase_ = phase::done; }

  // Default hooks; a derived parser hides those it needs.
  std::size_t line_limit() const { return static_cast<Derived const&>(*this).limits_.max_line; }
  void on_take() {}
  bool on_line_start(std::size_t) { return true; }
  bool on_octet(char c, std::size_t) {
    derived().unit_.raw += c;
    return true;
  }
  bool on_line_break(char, std::size_t) { return true; }
  bool on_content(char c, std::size_t at) { return check_nul(c, at); }
  bool on_bare_cr(std::size_t) { return true; }

  parse_mode mode_;
  warning_sink warnings_;

 private:
  enum class phase { parsing, done, failed };

  Derived& derived() { return static_cast<Derived&>(*this); }

  // Limits first, so that nothing past a limit is ever stored.
  bool consume(char c, std::size_t at) {
    auto& d = derived();
    if (at == unit_start_) d.unit_.offset = at;
    if (line_octets_ == 0 && !d.on_line_start(at)) return false;
    if (++line_octets_ > d.line_limit()) return fail(Errors::line_too_long, at);
    return d.on_octet(c, at) && frame(c, at);
  }

  bool frame(char c, std::size_t at) {
    auto& d = derived();
    if (cr_pending_) {
      cr_pending_ = false;
      if (c == '\n') return end_line(at, 2);
      if (!deviation(Errors::bare_cr, cr_offset_, "bare-cr", d.words().bare_cr) || !d.on_bare_cr(cr_offset_)) {
        return false;
      }
    }
    switch (c) {
      case '\r':
        if (!d.on_line_break(c, at)) return false;
        cr_pending_ = true;
        cr_offset_ = at;
        return true;
      case '\n':
        return d.on_line_break(c, at) && deviation(Errors::bare_lf, at, "bare-lf", d.words().bare_lf) &&
               end_line(at, 1);
      default: return d.on_content(c, at);
    }
  }

  bool end_line(std::size_t at, std::size_t eol_size) {
    line_octets_ = 0;
    return derived().on_line_end(at, eol_size);
  }

  phase phase_ = phase::parsing;
  bool cr_pending_ = false;
  std::size_t cr_offset_ = 0;
  std::size_t line_octets_ = 0;
  std::size_t offset_ = 0;
  std::size_t unit_start_ = 0;
  std::error_code error_;
  std::size_t error_offset_ = 0;
};

}  // namespace mailspec::codec::detail
