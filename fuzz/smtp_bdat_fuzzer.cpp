// SMTP CHUNKING (RFC 3030 §2) as a server reads it: command lines (smtp::command_parser), and after each
// BDAT command whose arguments parse_bdat() accepts, exactly chunk-size octets (smtp::bdat_reader). Options:
// bit 0 lenient command lines, bit 2 tiny limits (16-octet lines, 4 octets of each chunk kept). Whole and
// split runs read the same commands, chunks and errors; chunks are contiguous, counted in full and kept
// up to the limit; BDAT arguments survive serialize -> parse.
#include "codec/smtp/bdat.hpp"
#include "codec/smtp/command.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

struct unit {
  smtp::command cmd;
  std::optional<smtp::bdat_chunk> chunk;
  friend bool operator==(unit const&, unit const&) = default;
};

struct session_outcome {
  std::vector<unit> units;
  std::error_code error;
  friend bool operator==(session_outcome const&, session_outcome const&) = default;
};

session_outcome run(fuzz::input const& in, fuzz::chunker chunks) {
  bool const tiny = (in.options & 4) != 0;
  smtp::command_parser commands(in.mode(), {.max_line = tiny ? 16u : 512u});
  smtp::bdat_reader reader({.max_content = tiny ? 4u : 1u << 20});
  session_outcome out;
  bool in_chunk = false;
  std::size_t offset = 0;  // octets consumed so far, by either reader
  std::string_view rest = in.body;
  std::error_code ec;
  while (!rest.empty()) {
    std::string_view piece = rest.substr(0, chunks.next(rest.size()));
    rest.remove_prefix(piece.size());
    while (true) {
      std::size_t const n = in_chunk ? reader.put(piece, ec) : commands.put(piece, ec);
      FUZZ_CHECK(n <= piece.size());
      piece.remove_prefix(n);
      offset += n;
      if (ec == smtp::error::need_more) {
        FUZZ_CHECK(piece.empty());
        break;
      }
      if (ec) {
        out.error = ec;
        return out;
      }
      if (in_chunk) {
        auto c = reader.take();
        FUZZ_CHECK(c.end_offset - c.offset == c.size && c.content.size() == std::min<std::uint64_t>(c.size, tiny ? 4u : 1u << 20));
        out.units.back().chunk = std::move(c);
        in_chunk = false;
        continue;
      }
      out.units.push_back({commands.take(), std::nullopt});
      auto const& cmd = out.units.back().cmd;
      if (cmd.verb != "BDAT") continue;
      std::error_code bad;
      auto const args = smtp::parse_bdat(cmd.args, bad);
      FUZZ_CHECK(args.has_value() == !bad);
      if (!args) continue;  // a server answers 501 and reads the next command line
      std::string const line = smtp::serialize(*args);
      auto const back = smtp::parse_bdat(std::string_view(line).substr(5, line.size() - 7), bad);
      FUZZ_CHECK(back && *back == *args);
      reader.start(*args);
      if (reader.done()) {
        out.units.back().chunk = reader.take();
      } else {
        in_chunk = true;
      }
    }
  }
  if (in_chunk) {
    reader.put_eof(ec);
  } else {
    commands.put_eof(ec);
  }
  out.error = ec;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  auto const whole = run(in, fuzz::chunker::whole());
  FUZZ_CHECK(whole == run(in, fuzz::chunker(in.split)));
  return 0;
}
