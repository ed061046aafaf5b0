// SMTP command lines and the MAIL/RCPT argument grammar (RFC 5321 §4.1.1-4.1.3). Options: bit 0 lenient,
// bit 1 reads the arguments of other verbs as a reverse-path, bit 2 a 16-octet line limit. Whole and split
// runs agree; commands fit the limit; commands, paths and ESMTP parameters survive serialize -> parse.
#include "codec/smtp/command.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

// MAIL/RCPT arguments in canonical form parse strictly to the same thing.
void check_path_args(std::optional<smtp::path_args> const& args, std::string_view keyword, bool reverse) {
  if (!args) return;
  std::string wire = std::string(keyword) + smtp::serialize(args->address);
  for (auto const& p : args->params) wire += " " + p.keyword + (p.value ? "=" + *p.value : "");
  std::error_code ec;
  auto const back = reverse ? smtp::parse_mail_from(wire, ec) : smtp::parse_rcpt_to(wire, ec);
  FUZZ_CHECK(back && *back == *args);
}

void check_arguments(smtp::command const& c, fuzz::input const& in) {
  std::error_code ec;
  warning_list warnings;
  if (c.verb == "MAIL") return check_path_args(smtp::parse_mail_from(c.args, ec, in.mode(), &warnings), "FROM:", true);
  if (c.verb == "RCPT") return check_path_args(smtp::parse_rcpt_to(c.args, ec, in.mode(), &warnings), "TO:", false);
  if (auto const p = smtp::parse_path(c.args, (in.options & 2) != 0, ec)) FUZZ_CHECK(smtp::serialize(*p) == c.args);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  smtp::command_limits const limits{.max_line = in.options & 4 ? 16u : 512u};
  auto const make = [&](parse_mode mode) { return smtp::command_parser(mode, limits); };
  auto const run = fuzz::run_parser(in, make, smtp::error::need_more);
  std::size_t next = 0;
  for (auto const& c : run.units) {
    FUZZ_CHECK(c.offset == next && c.raw.size() <= limits.max_line);
    next += c.raw.size();
    smtp::command_parser again(in.mode(), {.max_line = 1024});  // a bare LF comes back as CRLF
    auto const back = fuzz::drive(again, smtp::serialize(c), fuzz::chunker::whole(), smtp::error::need_more);
    FUZZ_CHECK(back.units.size() == 1 && back.units[0].verb == c.verb && back.units[0].args == c.args);
    check_arguments(c, in);
  }
  return 0;
}
