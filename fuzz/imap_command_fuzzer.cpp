// IMAP client commands (RFC 9051 §6, §9), as a fake server reads them. Options: bit 0 lenient, bit 1
// LITERAL+ (no 4096-octet cap on {n+}), bit 2 tiny limits, bits 4-7 say in turn for the units of the
// stream whether the server expects a line other than a command: a SASL line if bit 3, else DONE. Whole and split
// runs agree, literal stops included (the driver goes on after each as if "+" had been sent); commands are
// contiguous (lenient: but for skipped empty lines) and within the limits; parse(serialize(c)) is equivalent to c.
#include "codec/imap/command.hpp"
#include "fuzz_driver.hpp"

#include <functional>

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

imap::line_kind kind_of(imap::command const& c) {
  if (!c.tag.empty()) return imap::line_kind::command;
  return c.name == "DONE" ? imap::line_kind::idle_done : imap::line_kind::sasl_response;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  imap::command_limits limits{.literal_minus = (in.options & 2) == 0};
  if (in.options & 4) {
    limits = {.max_line = 40, .max_literal = 16, .max_command = 96, .max_depth = 2, .max_items = 8,
              .max_nonsync_literal = 8, .literal_minus = limits.literal_minus};
  }
  auto const expect = [&](imap::command_parser& p, std::size_t n) {
    if (in.options >> (4 + n % 4) & 1) p.expect(in.options & 8 ? imap::line_kind::sasl_response : imap::line_kind::idle_done);
  };
  auto const make = [&](parse_mode mode) { return imap::command_parser(mode, limits); };
  auto const run = fuzz::run_parser(in, make, imap::error::need_more, expect);
  std::size_t next = 0;
  for (auto const& c : run.units) {
    // Contiguous, but for the empty lines a lenient parser skips between commands.
    FUZZ_CHECK((c.offset == next || (in.options & 1 && c.offset > next)) && c.raw.size() == c.size);
    FUZZ_CHECK(c.size <= limits.max_command);
    FUZZ_CHECK(count(c.args, limits.max_depth, limits.max_literal) <= limits.max_items);
    next = c.offset + c.size;
    imap::command_parser again(in.mode(), {.max_line = 1 << 20});  // serialize() may write longer lines
    auto const same_kind = [&](imap::command_parser& p, std::size_t) { p.expect(kind_of(c)); };
    auto const back = fuzz::drive(again, imap::serialize(c), fuzz::chunker::whole(), imap::error::need_more, same_kind);
    FUZZ_CHECK(back.units.size() == 1 && !back.error && imap::equivalent(back.units[0], c));
  }
  auto const& stops = run.pauses;  // each after the LF of a literal's announcement, in the body
  FUZZ_CHECK(std::adjacent_find(stops.begin(), stops.end(), std::greater_equal<>()) == stops.end());
  FUZZ_CHECK(stops.empty() || (stops.front() > 0 && stops.back() <= in.body.size() && in.body[stops.back() - 1] == '\n'));
  return 0;
}
