#pragma once
// Base64 (RFC 4648 §4), once for every codec: the encoder, the one-shot decoder SASL exchanges use
// (RFC 4954 §4, RFC 9051 §6.2.2: one line, arriving whole), and the incremental decoding step a
// streamed body needs (MIME, RFC 2045 §6.8), which leaves the strict-or-lenient decision to its caller.
// Standard library only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailspec::codec {

/** Base64 of `data`, padded with "=", without line breaks. */
std::string base64_encode(std::string_view data);

/** Decodes base64 text whole. strict: only the alphabet, then "=" padding to a multiple of four
    characters, with zero pad bits; no white space. Not strict: SP, TAB, CR and LF are skipped and
    the padding may be missing (it must be right if present). Returns nullopt for anything else. */
std::optional<std::string> base64_decode(std::string_view text, bool strict = true);

/// Value of a base64 alphabet character (0-63), or -1.
int base64_sextet(char c);

/// What base64_stream_decoder asks its caller about before it reads past it.
enum class base64_irregularity {
  bad_char,            // an octet outside the alphabet (and, unless skipped, white space)
  misplaced_padding,   // "=" where no padding fits: before the second sextet, or after the padding
  short_padding,       // "xx=" then a sextet: the second "=" is missing
  data_after_padding,  // a sextet after a closed quantum: another encoding follows
  truncated,           // finish() inside a quantum
};

/** Decodes base64 text that arrives in pieces, one octet per put(), appending octets to `out` as
    quanta complete. Every irregularity is first put to `go_on(irregularity)`: false stops right there
    (nothing read, put()/finish() return false); true reads on the lenient way: a bad octet or
    misplaced "=" is dropped, "xx=" before a sextet closes that quantum, data after the padding starts
    a new encoding, and finish() decodes what a partial quantum holds. */
class base64_stream_decoder {
 public:
  /// `skip_space`: SP, TAB, CR and LF are passed over (else they are bad_char).
  explicit base64_stream_decoder(bool skip_space = true) : skip_space_(skip_space) {}

  template <class GoOn>
  bool put(char c, std::string& out, GoOn&& go_on) {
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
      return skip_space_ || go_on(base64_irregularity::bad_char);
    }
    if (c == '=') {
      if (ended_ || count_ < 2) return go_on(base64_irregularity::misplaced_padding);
      ++pads_;
      if (count_ == 3 || pads_ == 2) end_quantum(out);
      return true;
    }
    int const v = base64_sextet(c);
    if (v < 0) return go_on(base64_irregularity::bad_char);
    if (pads_ > 0) {
      if (!go_on(base64_irregularity::short_padding)) return false;
      end_quantum(out);
    }
    if (ended_) {
      if (!go_on(base64_irregularity::data_after_padding)) return false;
      ended_ = false;
    }
    add_sextet(static_cast<std::uint32_t>(v), out);
    return true;
  }

  template <class GoOn>
  bool finish(std::string& out, GoOn&& go_on) {
    if (count_ == 0 && pads_ == 0) return true;
    if (!go_on(base64_irregularity::truncated)) return false;
    end_quantum(out);
    return true;
  }

  /** Bulk decoding: when no quantum is open and no padding was seen, decodes the longest prefix of
      p[0..n) made of whole quanta of alphabet characters and returns how many characters that was (a
      multiple of four, possibly 0). The same as put() of each of them, without the per-octet cost. */
  std::size_t put_quanta(char const* p, std::size_t n, std::string& out);

  std::size_t sextets() const { return count_; }  // in the open quantum
  std::size_t pads() const { return pads_; }      // "=" seen in the open quantum

  /// A closed short quantum had bits set below its last octet: not the canonical encoding (RFC 4648 §3.5).
  bool nonzero_pad_bits() const { return nonzero_pad_bits_; }

 private:
  void add_sextet(std::uint32_t v, std::string& out);
  void end_quantum(std::string& out);

  bool skip_space_;
  std::uint32_t quantum_ = 0;  // sextets of the open quantum, first in the high bits
  unsigned count_ = 0;         // sextets in quantum_
  unsigned pads_ = 0;
  bool ended_ = false;         // padding closed the data
  bool nonzero_pad_bits_ = false;
};

}  // namespace mailspec::codec
