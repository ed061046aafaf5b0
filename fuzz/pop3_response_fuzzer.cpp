// POP3 responses (RFC 1939 §3, RFC 2449). Options: bit 0 lenient; bits 1-7 say, in turn for the
// responses of the stream, whether a "+OK" opens a multi-line body (expect_multiline). Whole and split
// runs agree; every response is a fixed point of serialize -> parse, byte-stuffing included.
#include "codec/pop3/response.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  auto const multiline = [&](pop3::response_parser& p, std::size_t n) {
    p.expect_multiline((in.options >> (1 + n % 7) & 1) != 0);
  };
  auto const make = [&] { return pop3::response_parser(in.mode()); };
  auto const run = fuzz::whole_and_split(in, make, pop3::error::need_more, multiline);
  std::size_t next = 0;
  for (auto const& r : run.units) {
    FUZZ_CHECK(r.offset == next && r.raw.size() == r.size && r.body.size() == r.body_size);
    FUZZ_CHECK(!r.multiline || r.st.ok);
    next += r.size;
    pop3::response_limits room;  // a bare LF comes back as CRLF, "+ok" + "x" as "+OK x"
    room.max_status_line *= 2;
    room.max_body_line *= 2;
    pop3::response_parser again(in.mode(), room);
    auto const setup = [&](pop3::response_parser& p, std::size_t) { p.expect_multiline(r.multiline); };
    auto const back = fuzz::drive(again, pop3::serialize(r), fuzz::chunker::whole(), pop3::error::need_more, setup);
    FUZZ_CHECK(back.units.size() == 1 && !back.error);
    auto const& b = back.units[0];
    FUZZ_CHECK(b.st.ok == r.st.ok && b.st.text == r.st.text && b.st.code == r.st.code);
    FUZZ_CHECK(b.multiline == r.multiline && b.body == r.body && b.line_count == r.line_count);
  }
  return 0;
}
