// POP3 responses (RFC 1939 §3, RFC 2449). Options: bit 0 lenient, bits 1-6 say, in turn for the responses
// of the stream, whether a "+OK" opens a multi-line body (expect_multiline), bit 7 tiny limits. Whole and
// split runs agree; responses are contiguous, within the limits, and fixed points of serialize -> parse.
#include "codec/pop3/response.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  pop3::response_limits limits;
  if (in.options & 0x80) limits = {.max_status_line = 16, .max_body_line = 12, .max_body = 40, .max_stored_body = 8};
  auto const multiline = [&](pop3::response_parser& p, std::size_t n) {
    p.expect_multiline((in.options >> (1 + n % 6) & 1) != 0);
  };
  auto const make = [&](parse_mode mode) { return pop3::response_parser(mode, limits); };
  auto const run = fuzz::run_parser(in, make, pop3::error::need_more, multiline);
  std::size_t next = 0;
  for (auto const& r : run.units) {
    FUZZ_CHECK(r.offset == next && r.st.raw_line.size() <= limits.max_status_line && (!r.multiline || r.st.ok));
    FUZZ_CHECK(r.raw.size() == std::min(r.size, r.st.raw_line.size() + limits.max_stored_body));
    FUZZ_CHECK(r.body.size() == std::min(r.body_size, limits.max_stored_body) && r.body_size <= limits.max_body);
    FUZZ_CHECK(r.body_truncated == (r.body_size > limits.max_stored_body));
    next += r.size;
    if (r.body_truncated) continue;
    // Parsed again with room for the octets serialize() may add: a CR to a bare LF, SP after "+OK".
    pop3::response_parser again(in.mode(), {.max_status_line = 1024, .max_body_line = 1 << 20});
    auto const setup = [&](pop3::response_parser& p, std::size_t) { p.expect_multiline(r.multiline); };
    auto const back = fuzz::drive(again, pop3::serialize(r), fuzz::chunker::whole(), pop3::error::need_more, setup);
    FUZZ_CHECK(back.units.size() == 1 && !back.error);
    auto const& b = back.units[0];
    FUZZ_CHECK(b.st.ok == r.st.ok && b.st.text == r.st.text && b.st.code == r.st.code);
    FUZZ_CHECK(b.multiline == r.multiline && b.body == r.body && b.line_count == r.line_count);
  }
  return 0;
}
