#pragma once
// Content-Transfer-Encoding (RFC 2045 §6): incremental base64 (§6.8) and quoted-printable (§6.7)
// decoders, and one-shot encoders. Decoding a body split anywhere gives the same octets and the
// same warnings as decoding it whole; decode(encode(x)) == x.
#include "codec/common/base64.hpp"
#include "codec/common/observation.hpp"
#include "codec/mime/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace mailspec::codec::mime {

namespace detail {

/// What both decoders share: mode, decoded output, absolute offsets, warnings, failed state.
class decoder_base {
 public:
  /** Octets decoded so far and not yet taken. */
  std::string const& output() const { return output_; }

  /** Moves the decoded octets out; decoding goes on where it was. */
  std::string take_output() { return std::exchange(output_, {}); }

  /** Forgets the decoded octets (after reading output()), keeping the buffer for the next ones. */
  void discard_output() { output_.clear(); }

  codec::warning_list const& warnings() const { return warnings_.list(); }
  std::size_t error_offset() const { return error_offset_; }

 protected:
  explicit decoder_base(parse_mode mode) : mode_(mode) {}

  // Both return false once the decoder has failed, true if decoding goes on.
  bool deviation(error e, char const* code, char const* detail, std::size_t at);
  bool deviation(error e, char const* code, char const* detail) {
    return deviation(e, code, detail, offset_);
  }
  bool fail(error e, std::size_t at);
  bool count_line(unsigned char c);  // RFC 2045: encoded lines of at most 76 characters
  /// Characters (no CR or LF) a bulk path may take without passing the point where count_line() warns
  /// (76, RFC 2045 §6.7 rule 5 and §6.8); past it on this line the warning is out already.
  std::size_t line_room() const { return line_length_ > 76 ? static_cast<std::size_t>(-1) : 76 - line_length_; }

  parse_mode mode_;
  std::string output_;
  std::size_t offset_ = 0;  // absolute offset of the octet being decoded
  std::size_t line_length_ = 0;
  bool failed_ = false;
  std::error_code error_;
  std::size_t error_offset_ = 0;
  codec::detail::warning_sink warnings_{codec::detail::every_warning};
};

}  // namespace detail

/** Incremental decoder of a base64 body (RFC 2045 §6.8).

    put() decodes all of `in` into output() and returns in.size() with ec cleared: a body has no
    end of its own, so the caller says where it ends with put_eof(), which checks the last
    quantum. Line breaks and white space are skipped. On an error ec is set, put() returns the
    octets consumed before the offending one, error_offset() names it (absolute offset since
    construction or reset()), and the decoder stays failed until reset().

    strict: an octet outside the alphabet, misplaced padding, data after the padding, a line
    longer than 76 characters or a truncated last quantum is an error. lenient: the octet is
    dropped or the data is decoded as far as it goes, with a warning (at most 1024 kept). */
class base64_decoder : public detail::decoder_base {
 public:
  /// What lenient decoding does with base64 after the padding: read it as more data, or take the padding
  /// as the end of the data (RFC 2045 §6.8 allows that reading; GMime and Python's email take it).
  enum class after_padding { decode, stop };

  explicit base64_decoder(parse_mode mode = parse_mode::strict, after_padding after = after_padding::decode)
      : decoder_base(mode), after_(after) {}

  std::size_t put(std::string_view in, std::error_code& ec);
  void put_eof(std::error_code& ec);
  void reset() { *this = base64_decoder(mode_, after_); }

 private:
  bool on_octet(unsigned char c);
  bool on_irregularity(base64_irregularity irregularity);

  base64_stream_decoder quanta_;  // the shared base64 decoding step (codec/common/base64.hpp)
  after_padding after_;
  bool stopped_ = false;  // after_padding::stop and data came after the padding: the rest is skipped
};

/** Base64 of `data` in lines of `line` characters (0: one line) joined by CRLF, with no CRLF
    after the last line. RFC 2045 §6.8 allows at most 76. */
std::string base64_encode_mime(std::string_view data, std::size_t line = 76);

/** Incremental decoder of a quoted-printable body (RFC 2045 §6.7); same contract as
    base64_decoder. "=HH" gives the octet, "=" CRLF is a soft line break, CRLF is copied, and
    white space at the end of a line is deleted (rule 3).

    strict: lower-case hex, "=" followed by anything else, a bare CR or LF, an octet that must be
    encoded, trailing white space, a line over 76 characters, or "=" at the end is an error.
    lenient: lower-case hex is decoded, a bad "=" is kept as it is, a bare CR or LF is copied,
    trailing white space is dropped, "=" at the end is dropped, each with a warning. */
class qp_decoder : public detail::decoder_base {
 public:
  explicit qp_decoder(parse_mode mode = parse_mode::strict) : decoder_base(mode) {}

  std::size_t put(std::string_view in, std::error_code& ec);
  void put_eof(std::error_code& ec);
  void reset() { *this = qp_decoder(mode_); }

 private:
  enum class state { text, cr, equals, hex, equals_space, equals_cr };

  bool on_octet(unsigned char c);
  std::size_t bulk(std::string_view in);
  bool on_text(unsigned char c);
  bool on_cr(unsigned char c);
  bool on_equals(unsigned char c);
  bool on_hex(unsigned char c);
  bool on_equals_space(unsigned char c);
  bool on_equals_cr(unsigned char c);
  bool hex_digit(unsigned char c, bool& is_hex);
  void hold_space(unsigned char c);
  void flush_space();
  bool hard_break(char const* line_break);
  bool bad_equals(std::string const& kept);

  state state_ = state::text;
  std::string space_;  // SP/TAB not yet known to be inside the line (rule 3)
  char hex1_ = 0;      // first digit of "=HH"
};

/** Quoted-printable of `data` (RFC 2045 §6.7): lines of at most 76 characters with soft breaks,
    "=" and octets outside 33..126 as "=HH", SP and TAB literal except before a line break or the
    end. Text mode (binary = false): CRLF in `data` is a line break, a lone CR or LF is encoded.
    Binary mode: every octet is data, CR and LF included. No CRLF is added at the end. */
std::string qp_encode(std::string_view data, bool binary = false);

}  // namespace mailspec::codec::mime
