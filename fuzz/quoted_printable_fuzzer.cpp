// Quoted-printable (RFC 2045 §6.7). Options: bit 0 lenient decoding, bit 1 binary encoding. The decoder
// agrees whole and split, and strictly decoding qp_encode(body) gives the body back.
#include "codec/mime/transfer.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

struct decoded {
  std::string output;
  std::error_code error;
  std::size_t error_offset = 0;
  warning_list warnings;
  friend bool operator==(decoded const&, decoded const&) = default;
};

decoded qp_decode(std::string_view text, parse_mode mode, fuzz::chunker chunks) {
  mime::qp_decoder decoder(mode);
  decoded out;
  while (!text.empty() && !out.error) {
    auto const piece = text.substr(0, chunks.next(text.size()));
    FUZZ_CHECK(decoder.put(piece, out.error) == piece.size() || out.error);
    text.remove_prefix(piece.size());
  }
  if (!out.error) decoder.put_eof(out.error);
  return {decoder.output(), out.error, out.error ? decoder.error_offset() : 0, decoder.warnings()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  auto const whole = qp_decode(in.body, in.mode(), fuzz::chunker::whole());
  FUZZ_CHECK(whole == qp_decode(in.body, in.mode(), fuzz::chunker(in.split)));

  auto const encoded = mime::qp_encode(in.body, (in.options & 2) != 0);
  auto const back = qp_decode(encoded, parse_mode::strict, fuzz::chunker(in.split));
  FUZZ_CHECK(!back.error && back.output == in.body);
  return 0;
}
