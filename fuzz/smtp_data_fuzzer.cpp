// SMTP DATA transparency (RFC 5321 §4.5.2) and end-of-data detection, smuggling variants included. The
// body goes through the strict and the lenient detector, whole and split (the options octet is unused):
// lenient mode must end at or before strict mode. Then dot_stuff(body) read by the strict detector must
// give the body back.
#include "codec/smtp/data.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  auto const detect = [&](parse_mode mode) {  // whole and split agree, in each mode
    smtp::eod_detector whole(mode), split(mode);
    auto const out = fuzz::drive(whole, in.body, fuzz::chunker::whole(), smtp::error::need_more);
    FUZZ_CHECK(out == fuzz::drive(split, in.body, fuzz::chunker(in.split), smtp::error::need_more));
    return out;
  };
  auto const strict = detect(parse_mode::strict);
  auto const lenient = detect(parse_mode::lenient);
  if (!strict.units.empty()) {
    FUZZ_CHECK(!lenient.units.empty() && lenient.units[0].end_offset <= strict.units[0].end_offset);
  }

  std::string const stuffed = smtp::dot_stuff(in.body);
  smtp::eod_detector detector;
  std::error_code ec;
  FUZZ_CHECK(detector.put(stuffed, ec) == stuffed.size() && detector.done());
  auto const result = detector.take();
  // The body's last CRLF, if any, is the terminator's first part.
  auto const body = in.body.ends_with("\r\n") ? in.body.substr(0, in.body.size() - 2) : in.body;
  FUZZ_CHECK(result.content == body && result.variant == "crlf.crlf" && result.end_offset == stuffed.size());
  return 0;
}
