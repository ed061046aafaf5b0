// IMAP in the interpreter against scripted peers, and data-driven (each-file) cases: several commands in flight with tags the script
// chooses, tagged replies out of order, untagged responses kept per command, unsolicited responses
// (EXPUNGE during IDLE), and capabilities announced on the session (after LOGIN, [CAPABILITY] codes).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "script/interpreter.hpp"
#include "script/parser.hpp"
#include "script/registry.hpp"
#include "support/fake_peer.hpp"
#include "support/imap_case.hpp"
#include "support/temp_suites.hpp"

namespace ms = mailspec::script;
using mailspec::testing::fake_peer;
using mailspec::testing::wire;
using namespace std::chrono_literals;

namespace {

ms::case_result run_imap(std::string const& body, fake_peer const& p) {
  return mailspec::testing::run_imap_case(body, p, "5.5");
}
using mailspec::testing::tag_of;

// Reads two commands, then answers the second before the first (RFC 9051 §5.5 lets a server complete
// commands in flight in any order), with untagged data belonging to each.
fake_peer out_of_order(std::string const& first_status) {
  return fake_peer([first_status](wire& w) {
    w.send("* OK hi\r\n");
    std::string const a = w.line(), b = w.line();
    w.send("* CAPABILITY IMAP4rev1 IDLE\r\n" + tag_of(b) + " OK capability done\r\n");
    w.send("* 4 EXISTS\r\n" + tag_of(a) + " " + first_status + " noop done\r\n");
    w.drain(300ms);
  });
}

constexpr char const* two_in_flight = R"(  connect
  need greeting
  command a1 "NOOP"
  command b2 "CAPABILITY"
  expect tagged a1 OK
  expect untagged EXISTS 4
  expect tagged b2 OK
  expect untagged CAPABILITY /IDLE/
)";

}  // namespace

TEST(ImapInFlight, TaggedRepliesInTheOtherOrderAreMatchedByTag) {
  auto p = out_of_order("OK");
  auto r = run_imap(two_in_flight, p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  bool sent_own_tags = false;
  for (auto const& e : r.transcript) sent_own_tags = sent_own_tags || e.data.rfind("b2 CAPABILITY", 0) == 0;
  EXPECT_TRUE(sent_own_tags);
}

TEST(ImapInFlight, TheAnswerToTheRightTagIsJudged) {
  auto p = out_of_order("NO");
  auto r = run_imap(two_in_flight, p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  ASSERT_TRUE(r.evidence);
  EXPECT_EQ(r.evidence->step, "t.mspec:8");  // `expect tagged a1 OK`, though b2 came first
  EXPECT_NE(r.evidence->actual.find("a1 NO noop done"), std::string::npos) << r.evidence->actual;
}

TEST(ImapInFlight, ATagNeverSentEndsTheReadAsAMismatch) {
  fake_peer p([](wire& w) {
    w.send("* OK hi\r\n");
    w.line();
    w.send("zz9 OK who asked\r\n");
    w.drain(300ms);
  });
  auto r = run_imap("  connect\n  need greeting\n  command \"NOOP\"\n  expect tagged OK\n", p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("zz9 OK who asked"), std::string::npos) << r.reason;
}

namespace {

// SELECT, then IDLE; `expunge` says whether a message is expunged while the client idles.
fake_peer idling(bool expunge) {
  return fake_peer([expunge](wire& w) {
    w.send("* OK hi\r\n");
    std::string const select = w.line();
    w.send("* 2 EXISTS\r\n* 1 EXPUNGE\r\n* 1 EXISTS\r\n" + tag_of(select) + " OK [READ-WRITE] selected\r\n");
    std::string const idle = w.line();
    w.send("+ idling\r\n");
    if (expunge) w.send("* 1 EXPUNGE\r\n* 0 EXISTS\r\n");
    if (w.line() == "DONE\r\n") w.send(tag_of(idle) + " OK idle done\r\n");
    w.drain(300ms);
  });
}

constexpr char const* expunge_during_idle = R"(  connect
  need greeting
  command "SELECT INBOX"
  need tagged OK
  idle
  need continuation
  expect unsolicited EXPUNGE 1 within 1s
  expect unsolicited EXISTS 0 within 1s
  done
  expect tagged OK
)";

}  // namespace

TEST(ImapInFlight, AnUnsolicitedExpungeDuringIdleIsSeen) {
  auto p = idling(true);
  auto r = run_imap(expunge_during_idle, p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

TEST(ImapInFlight, TheSelectsOwnExpungeIsNotUnsolicited) {
  // The EXPUNGE in the SELECT's responses belongs to SELECT: only one sent during IDLE would do.
  auto p = idling(false);
  auto r = run_imap(expunge_during_idle, p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  ASSERT_TRUE(r.evidence);
  EXPECT_EQ(r.evidence->step, "t.mspec:10");
  EXPECT_NE(r.evidence->expected.find("unsolicited untagged EXPUNGE 1 within 1000 ms"), std::string::npos)
      << r.evidence->expected;
}

TEST(ImapInFlight, CapabilitiesAnnouncedAfterLoginMeetConditions) {
  fake_peer p([](wire& w) {
    w.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
    std::string const login = w.line();
    w.send(tag_of(login) + " OK [CAPABILITY IMAP4rev1 CONDSTORE] logged in\r\n");
    for (std::string l = w.line(); !l.empty(); l = w.line()) w.send(tag_of(l) + " OK " + l.substr(l.find(' ') + 1));
  });
  auto r = run_imap("  connect\n  need greeting\n  login user \"u\" password \"p\"\n"
                    "  if ext CONDSTORE\n    command \"ENABLE CONDSTORE\"\n  else\n    command \"NOOP nope\"\n  end\n"
                    "  expect tagged OK text /ENABLE/\n",
                    p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

// ---- data-driven cases: one template over the files of a directory (for corpora such as MIME) ----------

TEST(EachFile, OneCasePerFileWithItsOwnIdAndTheFileBound) {
  std::string const dir = mailspec::testing::temp_suites(
      "case imap.corpus.append\n  title \"APPEND a message\"\n  rfc 9051 6.3.12 MUST\n  each-file msg \"corpus/*.eml\"\n"
      "  connect\n  command \"APPEND INBOX\" literal-file ${msg}\n  expect tagged OK\nend\n",
      "imap");
  std::filesystem::create_directories(dir + "/imap/corpus");
  std::ofstream(dir + "/imap/corpus/b two.eml") << "Subject: b\r\n\r\nbody b\r\n";
  std::ofstream(dir + "/imap/corpus/a.eml") << "Subject: a\r\n\r\nbody a\r\n";
  std::ofstream(dir + "/imap/corpus/notes.txt") << "not a message";
  ms::registry reg;
  reg.load_directory(dir);
  ASSERT_TRUE(reg.errors().empty()) << reg.errors().front();
  ASSERT_EQ(reg.cases().size(), 2u);
  EXPECT_EQ(reg.cases()[0].id, "imap.corpus.append.a");
  EXPECT_EQ(reg.cases()[1].id, "imap.corpus.append.b-two");
  EXPECT_EQ(reg.cases()[1].title, "APPEND a message (b two.eml)");
  EXPECT_EQ(reg.cases()[0].bindings.at("msg.name"), "a.eml");

  // The bound file is what the literal carries.
  std::string got;
  fake_peer p([&got](wire& w) {
    w.send("* OK hi\r\n");
    std::string const append = w.line();
    w.send("+ go\r\n");
    got = w.octets(22);
    w.line();
    w.send(tag_of(append) + " OK appended\r\n");
    w.drain(200ms);
  });
  ms::run_config cfg;
  cfg.tgt = {ms::protocol::imap, "imap", "127.0.0.1", p.port(), false, "imap://127.0.0.1"};
  cfg.read_timeout = 1500ms;
  cfg.caps.probed = true;
  auto r = ms::run_case(reg.cases()[0], cfg);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(got, "Subject: a\r\n\r\nbody a\r\n");
}

TEST(EachFile, NoMatchingFileIsAnError) {
  std::string const dir = mailspec::testing::temp_suites(
      "case smtp.none\n  title \"t\"\n  rfc 5321 4.1 MUST\n  each-file m \"nothing/*.eml\"\n  connect\nend\n");
  ms::registry reg;
  reg.load_directory(dir);
  ASSERT_EQ(reg.errors().size(), 1u);
  EXPECT_NE(reg.errors()[0].find("each-file: no file matches"), std::string::npos) << reg.errors()[0];
}

TEST(Compute, ArithmeticOnCaptures) {
  fake_peer p([](wire& w) {
    w.send("* OK hi\r\n");
    std::string const sel = w.line();
    w.send("* 3 EXISTS\r\n* OK [UIDNEXT 9] next\r\n" + tag_of(sel) + " OK done\r\n");
    w.drain(200ms);
  });
  auto r = run_imap("  connect\n  need greeting\n  command \"SELECT INBOX\"\n  need tagged OK\n  capture next /UIDNEXT (\\d+)/\n"
                    "  compute last \"${next}\" minus \"1\"\n  compute most \"${last}\" max \"3\"\n  expect equals \"${most}\" \"8\"\n"
                    "  compute bad \"x\" plus \"1\"\n",
                    p);
  EXPECT_EQ(r.v, ms::verdict::error) << r.reason;  // the last line: 'x' is not a number
  EXPECT_NE(r.reason.find("compute: 'x' is not a decimal number"), std::string::npos) << r.reason;
  EXPECT_FALSE(r.evidence);  // the equals check before it passed
}
