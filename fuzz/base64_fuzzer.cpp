// Base64: the one-shot SASL codec (RFC 4648 §4) and the incremental MIME decoder (RFC 2045 §6.8).
// Options: bit 0 lenient; bits 1-7 pick the MIME line length (1-76). The MIME decoder agrees whole and
// split; strict SASL text is canonical; a strict MIME success decodes as the SASL codec does; and
// encode -> decode gives the octets back in both codecs.
#include "codec/mime/transfer.hpp"
#include "codec/sasl/base64.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  bool const strict = in.mode() == parse_mode::strict;
  auto const sasl = sasl::base64_decode(in.body, strict);
  if (sasl && strict) FUZZ_CHECK(sasl::base64_encode(*sasl) == in.body);
  mime::base64_decoder const decoder(in.mode());
  auto const mime = fuzz::decode(decoder, in.body, fuzz::chunker::whole());
  FUZZ_CHECK(mime == fuzz::decode(decoder, in.body, fuzz::chunker(in.split)));
  if (strict && !mime.error) FUZZ_CHECK(sasl::base64_decode(in.body, false) == mime.output);

  FUZZ_CHECK(sasl::base64_decode(sasl::base64_encode(in.body)) == in.body);
  std::size_t const line = 1 + (in.options >> 1) % 76;
  auto const encoded = mime::base64_encode_mime(in.body, line);
  auto const back = fuzz::decode(mime::base64_decoder(parse_mode::strict), encoded, fuzz::chunker(in.split));
  FUZZ_CHECK(!back.error && back.output == in.body);
  return 0;
}
