// POP3 commands (RFC 1939 §3, RFC 2449 §4). Options: bit 0 lenient, bit 2 tiny limits. Whole and split
// runs agree; commands are contiguous and within the limits; every command is a fixed point of
// serialize -> parse.
#include "codec/pop3/command.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  pop3::command_limits limits;
  if (in.options & 4) limits = {.max_line = 16, .max_arg = 4};
  auto const make = [&](parse_mode mode) { return pop3::command_parser(mode, limits); };
  auto const run = fuzz::run_parser(in, make, pop3::error::need_more);
  std::size_t next = 0;
  for (auto const& c : run.units) {
    FUZZ_CHECK(c.offset == next && c.raw.size() <= limits.max_line);
    for (auto const& arg : c.args) {
      FUZZ_CHECK(!arg.empty() && (in.mode() == parse_mode::lenient || arg.size() <= limits.max_arg));
    }
    next += c.raw.size();
    pop3::command_parser again(in.mode(), {.max_line = 512, .max_arg = 255});  // a bare LF comes back as CRLF
    auto const back = fuzz::drive(again, pop3::serialize(c), fuzz::chunker::whole(), pop3::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && back.units[0].keyword == c.keyword && back.units[0].args == c.args);
  }
  return 0;
}
