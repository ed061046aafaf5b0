// SMTP replies (RFC 5321 §4.2). Options: bit 0 lenient, bit 1 UTF-8 text (RFC 6531), bit 2 tiny limits.
// Whole and split runs agree; replies are contiguous, within the limits, and fixed points of
// serialize -> parse.
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
  if (in.options & 4) limits = {.max_line = 12, .max_lines = 3, .max_reply = 30};
  limits.utf8_text = (in.options & 2) != 0;
  auto const make = [&](parse_mode mode) { return smtp::reply_parser(mode, limits); };
  auto const run = fuzz::run_parser(in, make, smtp::error::need_more);
  std::size_t next = 0;
  for (auto const& r : run.units) {
    FUZZ_CHECK(r.offset == next && r.raw.size() == r.size && r.size <= limits.max_reply);
    FUZZ_CHECK(!r.lines.empty() && r.lines.size() <= limits.max_lines);
    for (auto const& l : r.lines) FUZZ_CHECK(4 + l.text.size() <= limits.max_line);  // code, text, line end
    next += r.size;
    // Parsed again with room for the CR a bare LF gains.
    smtp::reply_parser again(in.mode(), {.max_line = 1024, .utf8_text = limits.utf8_text});
    auto const back = fuzz::drive(again, smtp::serialize(r), fuzz::chunker::whole(), smtp::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && !back.error);
    FUZZ_CHECK(back.units[0].code == r.code && back.units[0].enhanced == r.enhanced && same_lines(back.units[0], r));
  }
  return 0;
}
