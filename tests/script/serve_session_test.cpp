// Server-role cases run in-process: the client's octets go into one end of a socketpair, the case runs
// on the other (session::connection::adopt), as the serve_session fuzz target does. The SMTP server
// dialect's `bdat` matcher (RFC 3030 §2), and IMAP literals sent without waiting for "+".
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "script/interpreter.hpp"
#include "script/parser.hpp"
#include "script/target_url.hpp"

namespace ms = mailspec::script;
namespace session = mailspec::session;

namespace {

constexpr char const* script = R"(case smtp-client.bdat
  title "t"
  rfc 3030 2 MUST
  send "220 ready"
  need command EHLO
  send "250-x" "250 CHUNKING"
  need command MAIL
  send "250 ok"
  need command RCPT
  send "250 ok"
  expect bdat
  expect equals "${bdat.size}/${bdat.last}" "5/"
  send "250 ok"
  expect bdat text /^world$/
  expect equals "${bdat.size}/${bdat.last}" "5/LAST"
  send "250 ok"
  expect bdat
  expect equals "${bdat.size}/${bdat.last}" "0/LAST"
  send "250 ok"
  need command QUIT
  send "221 bye"
end
)";

/// Runs the script's case as the server for a client that sends `input` then closes.
ms::case_result serve(std::string const& input, char const* text = script, std::string const& suite = "smtp-client") {
  auto parsed = ms::parse_script(text, "suites/" + suite + "/t.mspec", suite);
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors.front();
  int fds[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
  EXPECT_EQ(::send(fds[1], input.data(), input.size(), MSG_NOSIGNAL), static_cast<ssize_t>(input.size()));
  ::close(fds[1]);
  ms::run_config cfg;
  cfg.tgt = ms::parse_target(suite == "smtp-client" ? "smtp://127.0.0.1:25" : "imap://127.0.0.1:143");
  cfg.read_timeout = ms::millis(1000);
  session::io_context io;
  session::io_result r;
  auto conn = session::connection::adopt(io, fds[0], session::role::server, nullptr, "main", r);
  EXPECT_TRUE(conn) << r.message;
  return ms::run_case_on(parsed.cases.at(0), cfg, std::move(conn));
}

std::string const start = "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\n";

TEST(ServeBdat, ChunksAndTheLastOne) {
  auto const res = serve(start + "BDAT 5\r\nhelloBDAT 5 LAST\r\nworldBDAT 0 last\r\nQUIT\r\n");
  EXPECT_EQ(res.v, ms::verdict::pass) << res.reason;
}

TEST(ServeBdat, ChunkOctetsAreNotCommands) {
  // The chunk is CRLF "." CRLF, DATA's terminator: the reader counts octets, it does not parse lines.
  auto const res = serve(start + "BDAT 5\r\n\r\n.\r\nBDAT 5 LAST\r\nworldBDAT 0 LAST\r\nQUIT\r\n");
  EXPECT_EQ(res.v, ms::verdict::pass) << res.reason;
}

TEST(ServeBdat, BadArgumentsFailCitingRfc3030) {
  auto const res = serve(start + "BDAT five\r\nhello");
  EXPECT_EQ(res.v, ms::verdict::fail) << res.reason;
  ASSERT_TRUE(res.evidence && res.evidence->rfc);
  EXPECT_EQ(res.evidence->rfc->rfc, 3030);
  EXPECT_EQ(res.evidence->rfc->section, "2");
}

TEST(ServeBdat, DataInsteadOfBdatIsAMismatch) {
  auto const res = serve(start + "DATA\r\n");
  EXPECT_EQ(res.v, ms::verdict::fail) << res.reason;
  ASSERT_TRUE(res.evidence);
  EXPECT_NE(res.evidence->actual.find("DATA"), std::string::npos) << res.evidence->actual;
}

TEST(ServeBdat, ShortChunkFailsAtTheStep) {
  // The client closes 3 octets into a 10-octet chunk: as for any unit cut by a close, the step that
  // wanted it fails at its level (the engine's rule for `expect`), quoting the octets that came.
  auto const res = serve(start + "BDAT 10 LAST\r\nabc");
  EXPECT_EQ(res.v, ms::verdict::fail) << res.reason;
  ASSERT_TRUE(res.evidence);
  EXPECT_EQ(res.evidence->expected, "the 10 octets of the BDAT chunk");
  EXPECT_NE(res.evidence->actual.find("abc"), std::string::npos) << res.evidence->actual;
}

constexpr char const* imap_script = R"(case imap-client.literals
  title "t"
  rfc 9051 7.5 MUST
  send "* OK ready"
  need command LOGIN
  expect equals "${cmd.literal}" "alice"
  send "${cmd.tag} OK logged in"
  need command LOGOUT
  send "* BYE" "${cmd.tag} OK bye"
end
)";

TEST(ServeImap, LiteralOctetsSentWithTheAnnouncement) {
  // All of it at once, as a client that does not wait for "+" sends it: the octets after "{5}\r\n" are
  // the literal, read as they came (they used to be left in the buffer while the case waited for more).
  auto const res = serve("a1 LOGIN {5}\r\nalice {14}\r\nalice-password\r\na2 LOGOUT\r\n", imap_script, "imap-client");
  EXPECT_EQ(res.v, ms::verdict::pass) << res.reason;
}

}  // namespace
