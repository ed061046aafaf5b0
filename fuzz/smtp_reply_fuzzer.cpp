// SMTP replies (RFC 5321 §4.2). Options: bit 0 lenient, bit 1 UTF-8 text (RFC 6531). A stream parsed
// whole and split gives the same replies; every reply is contiguous and a fixed point of serialize -> parse.
#include "codec/smtp/reply.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

bool same_lines(smtp::reply const& a, smtp::reply const& b) {
  return std::equal(a.lines.begin(), a.lines.end(), b.lines.begin(), b.lines.end(), [](auto const& x, auto const& y) {
    return x.code == y.code && x.separator == y.separator && x.text == y.text;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  smtp::reply_limits limits;
  limits.utf8_text = (in.options & 2) != 0;
  auto const make = [&] { return smtp::reply_parser(in.mode(), limits); };
  auto const run = fuzz::whole_and_split(in, make, smtp::error::need_more);
  std::size_t next = 0;
  for (auto const& r : run.units) {
    FUZZ_CHECK(r.offset == next && r.raw.size() == r.size && !r.lines.empty());
    next += r.size;
    // A bare LF comes back as CRLF: room in the limits for the extra octets.
    auto again_limits = limits;
    again_limits.max_line *= 2;
    again_limits.max_reply *= 2;
    smtp::reply_parser again(in.mode(), again_limits);
    auto const back = fuzz::drive(again, smtp::serialize(r), fuzz::chunker::whole(), smtp::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && !back.error);
    FUZZ_CHECK(back.units[0].code == r.code && back.units[0].enhanced == r.enhanced && same_lines(back.units[0], r));
  }
  return 0;
}
