// POP3 commands (RFC 1939 §3, RFC 2449 §4). Options: bit 0 lenient. Whole and split runs agree; every
// command is a fixed point of serialize -> parse.
#include "codec/pop3/command.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  auto const make = [&] { return pop3::command_parser(in.mode()); };
  auto const run = fuzz::whole_and_split(in, make, pop3::error::need_more);
  std::size_t next = 0;
  for (auto const& c : run.units) {
    FUZZ_CHECK(c.offset == next);
    next += c.raw.size();
    pop3::command_parser again(in.mode(), {.max_line = 512, .max_arg = 40});  // a bare LF comes back as CRLF
    auto const back = fuzz::drive(again, pop3::serialize(c), fuzz::chunker::whole(), pop3::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && back.units[0].keyword == c.keyword && back.units[0].args == c.args);
  }
  return 0;
}
