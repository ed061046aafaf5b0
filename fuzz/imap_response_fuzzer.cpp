// IMAP server responses (RFC 9051 §7, §9): framing, literals, lists, response codes. Options: bit 0
// lenient, bit 2 tiny limits. Whole and split runs agree (literals are consumed in bulk, so split points
// matter); responses are contiguous and within the limits; parse(serialize(r)) is equivalent to r.
#include "codec/imap/response.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

// Values in `values` and below, at most `depth` lists deep; literals within `max_literal`.
std::size_t count(std::vector<imap::value> const& values, std::size_t depth, std::size_t max_literal) {
  std::size_t n = values.size();
  for (auto const& v : values) {
    FUZZ_CHECK(v.k != imap::value::kind::literal || v.text.size() <= max_literal);
    if (v.k != imap::value::kind::list) continue;
    FUZZ_CHECK(depth > 0);
    n += count(v.items, depth - 1, max_literal);
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  imap::response_limits limits;
  if (in.options & 4) limits = {.max_line = 40, .max_literal = 16, .max_response = 96, .max_depth = 2, .max_items = 8};
  auto const make = [&](parse_mode mode) { return imap::response_parser(mode, limits); };
  auto const run = fuzz::run_parser(in, make, imap::error::need_more);
  std::size_t next = 0;
  for (auto const& r : run.units) {
    FUZZ_CHECK(r.offset == next && r.raw.size() == r.size && r.size <= limits.max_response);
    FUZZ_CHECK(count(r.data, limits.max_depth, limits.max_literal) + count(r.code_args, limits.max_depth, 0) <=
               limits.max_items);
    next += r.size;
    imap::response_parser again(in.mode(), {.max_line = 1 << 20});  // serialize() may write longer lines
    auto const back = fuzz::drive(again, imap::serialize(r), fuzz::chunker::whole(), imap::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && !back.error && imap::equivalent(back.units[0], r));
  }
  return 0;
}
