// Quoted-printable (RFC 2045 §6.7). Options: bit 0 lenient decoding, bit 1 binary encoding. The decoder
// agrees whole and split, and strictly decoding qp_encode(body) gives the body back.
#include "codec/mime/transfer.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  mime::qp_decoder const decoder(in.mode());
  auto const whole = fuzz::decode(decoder, in.body, fuzz::chunker::whole());
  FUZZ_CHECK(whole == fuzz::decode(decoder, in.body, fuzz::chunker(in.split)));

  auto const encoded = mime::qp_encode(in.body, (in.options & 2) != 0);
  auto const back = fuzz::decode(mime::qp_decoder(parse_mode::strict), encoded, fuzz::chunker(in.split));
  FUZZ_CHECK(!back.error && back.output == in.body);
  return 0;
}
