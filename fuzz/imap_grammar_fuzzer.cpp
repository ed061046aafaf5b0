// The strict IMAP response grammar (RFC 9051 §9 and the extensions' syntax) over framed responses, and
// modified UTF-7. Options: bit 0 parse the body directly (no framer), bit 1 also check the body as a
// modified UTF-7 name. Whole and split framing agree; a parse error lies within the response; whatever
// parses serializes to octets that parse to the same typed value and serialize identically again.
#include "codec/imap/grammar.hpp"
#include "codec/imap/mutf7.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

void check_one(std::string_view raw) {
  auto const g = imap::parse_typed(raw, 16);
  if (!g) {
    FUZZ_CHECK(g.error && g.error->offset <= raw.size() && !g.error->rule.empty());
    return;
  }
  std::string const once = imap::serialize(*g.value);
  auto const back = imap::parse_typed(once, 1 << 10);
  FUZZ_CHECK(back && *back.value == *g.value && imap::serialize(*back.value) == once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  if (in.options & 2) {
    auto const utf8 = imap::mutf7_decode(in.body);
    if (utf8) FUZZ_CHECK(imap::mutf7_decode(imap::mutf7_encode(*utf8).value()) == *utf8);
  }
  if (in.options & 1) {
    check_one(in.body);
    return 0;
  }
  auto const make = [](parse_mode) { return imap::response_parser(parse_mode::strict); };
  fuzz::input strict = in;
  strict.options = 0;  // strict framing only: the grammar reads what a strict framer delivers
  auto const run = fuzz::run_parser(strict, make, imap::error::need_more);
  for (auto const& r : run.units) check_one(r.raw);
  return 0;
}
