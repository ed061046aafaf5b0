// IMAP server responses (RFC 9051 §7, §9): framing, literals, lists, response codes. Options: bit 0
// lenient. Whole and split runs agree (literals are consumed in bulk, so split points matter); every
// response is contiguous and parse(serialize(r)) is equivalent to r.
#include "codec/imap/response.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  auto const make = [&] { return imap::response_parser(in.mode()); };
  auto const run = fuzz::whole_and_split(in, make, imap::error::need_more);
  std::size_t next = 0;
  for (auto const& r : run.units) {
    FUZZ_CHECK(r.offset == next && r.raw.size() == r.size);
    next += r.size;
    imap::response_limits room;  // serialize() may write a line longer than it was received
    room.max_line *= 2;
    imap::response_parser again(in.mode(), room);
    auto const back = fuzz::drive(again, imap::serialize(r), fuzz::chunker::whole(), imap::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && !back.error && imap::equivalent(back.units[0], r));
  }
  return 0;
}
