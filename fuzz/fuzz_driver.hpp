#pragma once
// What the fuzz targets share: the 2-octet input header, the chunker that splits the rest of the input
// into put() calls, a driver for any parser with the codec contract (put / put_eof / done / take), and
// FUZZ_CHECK, which stops the process so that libFuzzer (or the replay main) reports the input.
//
// Input layout of the stream targets:  [options] [split] body...
//   options  target-specific bits; bit 0 selects lenient mode where the parser has modes
//   split    bits 0-2: chunks are 1 to 2^(split & 7) octets (0: one octet at a time); bits 3-7 seed them
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "codec/common/observation.hpp"

#define MAILSPEC_FUZZ_STR2(x) #x
#define MAILSPEC_FUZZ_STR(x) MAILSPEC_FUZZ_STR2(x)
/// Invariant check: prints what failed and where, then traps (a crash libFuzzer saves the input for).
#define FUZZ_CHECK(cond) \
  ::mailspec::fuzz::check(static_cast<bool>(cond), #cond " (" __FILE__ ":" MAILSPEC_FUZZ_STR(__LINE__) ")")

namespace mailspec::fuzz {

inline void check(bool ok, char const* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::fflush(stderr);
  __builtin_trap();
}

struct input {
  std::uint8_t options = 0;
  std::uint8_t split = 0;
  std::string_view body;
  codec::parse_mode mode() const { return options & 1 ? codec::parse_mode::lenient : codec::parse_mode::strict; }
};

inline input read_input(std::uint8_t const* data, std::size_t size) {
  input in;
  if (size > 0) in.options = data[0];
  if (size > 1) in.split = data[1];
  if (size > 2) in.body = std::string_view(reinterpret_cast<char const*>(data) + 2, size - 2);
  return in;
}

/// Lengths of successive put() calls: pseudo-random from `split`, or the whole rest at once.
class chunker {
 public:
  static chunker whole() { return chunker(); }
  explicit chunker(std::uint8_t split)
      : state_(0x9e3779b9u ^ (std::uint32_t{split} << 8)), max_(std::size_t{1} << (split & 7)), whole_(false) {}

  std::size_t next(std::size_t left) {
    if (whole_) return left;
    state_ ^= state_ << 13;  // xorshift32: cheap and the same on every platform
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return std::min<std::size_t>(left, 1 + state_ % max_);
  }

 private:
  chunker() = default;
  std::uint32_t state_ = 1;
  std::size_t max_ = 1;
  bool whole_ = true;
};

/// Everything a caller of a parser can observe, so that two runs can be compared with ==.
template <class Unit>
struct outcome {
  std::vector<Unit> units;
  std::error_code error;  // the first error other than need_more, from put() or put_eof()
  std::size_t error_offset = 0;
  codec::warning_list warnings;
  std::vector<std::size_t> pauses;  // input offsets where an IMAP command parser awaited a literal
  friend bool operator==(outcome const&, outcome const&) = default;
};

struct no_setup {
  template <class Parser>
  void operator()(Parser&, std::size_t) const {}
};

/** Feeds `in` to `parser` in the chunks `chunks` gives, taking every unit as it completes, then put_eof().
    `setup(parser, n)` runs before unit n (e.g. POP3's expect_multiline). Checks the partial-input contract
    on the way: put() never consumes more than it was given, need_more means all of it was consumed, and
    a completed unit comes with ec cleared. A parser with literal_pending() (imap::command_parser) may stop
    with need_more before the end of a piece: the stop is recorded in `pauses` and put() goes on. */
template <class Parser, class Setup = no_setup>
auto drive(Parser& parser, std::string_view in, chunker chunks, std::error_code need_more, Setup setup = {}) {
  outcome<decltype(parser.take())> out;
  std::size_t const size = in.size();
  setup(parser, 0);
  std::error_code ec;
  while (!in.empty()) {
    std::string_view piece = in.substr(0, chunks.next(in.size()));
    in.remove_prefix(piece.size());
    while (true) {
      std::size_t const n = parser.put(piece, ec);
      FUZZ_CHECK(n <= piece.size());
      piece.remove_prefix(n);
      if (parser.done()) {
        FUZZ_CHECK(!ec);
        out.units.push_back(parser.take());
        FUZZ_CHECK(out.units.size() <= size);  // every unit consumes at least one octet
        setup(parser, out.units.size());
        continue;
      }
      if (ec != need_more) break;
      if constexpr (requires { parser.literal_pending(); }) {
        // Stopped after a synchronising literal's announcement: the server has sent "+", go on.
        if (parser.literal_pending()) {
          FUZZ_CHECK(n > 0);
          out.pauses.push_back(size - in.size() - piece.size());
          continue;
        }
      }
      FUZZ_CHECK(piece.empty());
      break;
    }
    if (ec && ec != need_more) break;
  }
  if (!ec || ec == need_more) parser.put_eof(ec);
  if (ec) {
    out.error = ec;
    out.error_offset = parser.error_offset();
  }
  out.warnings = parser.warnings();
  FUZZ_CHECK(out.error_offset <= size);  // offsets name octets of the input (or its end)
  for (auto const& w : out.warnings) FUZZ_CHECK(w.offset <= size);
  return out;
}

/** Runs fresh parsers from `make(mode)` over the body in the mode the header selects, whole and split as
    the header says: both runs must observe the same. In strict mode the body is also read leniently:
    lenient mode only turns errors into warnings, so every unit the strict run completed must open the
    lenient run unchanged. Returns the whole run's outcome. */
template <class Make, class Setup = no_setup>
auto run_parser(input const& in, Make make, std::error_code need_more, Setup setup = {}) {
  auto whole_parser = make(in.mode());
  auto const whole = drive(whole_parser, in.body, chunker::whole(), need_more, setup);
  auto split_parser = make(in.mode());
  FUZZ_CHECK(whole == drive(split_parser, in.body, chunker(in.split), need_more, setup));
  if (in.mode() == codec::parse_mode::strict) {
    auto lenient_parser = make(codec::parse_mode::lenient);
    auto const lenient = drive(lenient_parser, in.body, chunker::whole(), need_more, setup);
    FUZZ_CHECK(lenient.units.size() >= whole.units.size() &&
               std::equal(whole.units.begin(), whole.units.end(), lenient.units.begin()));
  }
  return whole;
}

/// What a body decoder (mime::base64_decoder, mime::qp_decoder: put / put_eof, no units) gives.
struct decoded {
  std::string output;
  std::error_code error;
  std::size_t error_offset = 0;
  codec::warning_list warnings;
  friend bool operator==(decoded const&, decoded const&) = default;
};

/// Feeds `text` to `decoder` in the chunks `chunks` gives, then put_eof(). put() consumes all it is given
/// unless it fails.
template <class Decoder>
decoded decode(Decoder decoder, std::string_view text, chunker chunks) {
  std::size_t const size = text.size();
  decoded out;
  while (!text.empty() && !out.error) {
    auto const piece = text.substr(0, chunks.next(text.size()));
    FUZZ_CHECK(decoder.put(piece, out.error) == piece.size() || out.error);
    text.remove_prefix(piece.size());
  }
  if (!out.error) decoder.put_eof(out.error);
  out = {decoder.output(), out.error, out.error ? decoder.error_offset() : 0, decoder.warnings()};
  FUZZ_CHECK(out.error_offset <= size);
  for (auto const& w : out.warnings) FUZZ_CHECK(w.offset <= size);
  return out;
}

}  // namespace mailspec::fuzz
