// The IMAP client dialect checks every response against the strict grammar (codec/imap/grammar.hpp):
// a syntax error fails the case, naming the ABNF rule, its RFC section and the octets, with credentials
// redacted; responses the grammar accepts go on as before.
#include <gtest/gtest.h>

#include "script/interpreter.hpp"
#include "script/parser.hpp"
#include "support/fake_peer.hpp"
#include "support/imap_case.hpp"

namespace ms = mailspec::script;
using mailspec::testing::fake_peer;
using mailspec::testing::wire;
using namespace std::chrono_literals;

namespace {

ms::case_result run_imap(std::string const& body, fake_peer const& p) {
  return mailspec::testing::run_imap_case(body, p, "7.5.2");
}
using mailspec::testing::tag_of;

/// Greets, then answers each command with `untagged` and a tagged OK.
fake_peer answering(std::string untagged) {
  return fake_peer([untagged](wire& w) {
    w.send("* OK [CAPABILITY IMAP4rev1] hi\r\n");
    for (std::string l = w.line(); !l.empty(); l = w.line()) w.send(untagged + tag_of(l) + " OK done\r\n");
  });
}

constexpr char const* fetch_case = "  connect\n  need greeting\n  command \"FETCH 1 (UID FLAGS)\"\n  expect tagged OK\n";

}  // namespace

TEST(ImapGrammarCheck, WellFormedResponsesPass) {
  auto p = answering("* 1 FETCH (UID 7 FLAGS (\\Seen))\r\n");
  auto r = run_imap(fetch_case, p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

TEST(ImapGrammarCheck, ASyntaxErrorFailsNamingTheRuleTheSectionAndTheOctets) {
  auto p = answering("* 1 FETCH (UID 0 FLAGS (\\Seen))\r\n");  // uniqueid is nz-number
  auto r = run_imap(fetch_case, p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("rule uniqueid"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("RFC 9051 \xC2\xA7" "9"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("(UID >>0 FLAGS"), std::string::npos) << r.reason;
  ASSERT_TRUE(r.evidence);
  ASSERT_TRUE(r.evidence->rfc);
  EXPECT_EQ(r.evidence->rfc->rfc, 9051);
  EXPECT_EQ(r.evidence->rfc->section, "9");
  EXPECT_NE(r.evidence->actual.find("UID 0"), std::string::npos) << r.evidence->actual;
}

TEST(ImapGrammarCheck, AnExtensionsSyntaxIsNamedByItsRfc) {
  auto p = answering("* VANISHED 1:*\r\n");  // RFC 7162 known-uids: no "*"
  auto r = run_imap(fetch_case, p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  ASSERT_TRUE(r.evidence && r.evidence->rfc);
  EXPECT_EQ(r.evidence->rfc->rfc, 7162);
  EXPECT_NE(r.reason.find("rule known-uids"), std::string::npos) << r.reason;
}

TEST(ImapGrammarCheck, AMalformedGreetingFails) {
  fake_peer p([](wire& w) {
    w.send("* OK [UIDNEXT 0] hi\r\n");
    w.drain(300ms);
  });
  auto r = run_imap("  connect\n  expect greeting\n", p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("rule resp-text-code"), std::string::npos) << r.reason;
}

TEST(ImapGrammarCheck, TheQuotedOctetsNeverHoldThePassword) {
  fake_peer p([](wire& w) {
    w.send("* OK hi\r\n");
    std::string const login = w.line();
    w.send(tag_of(login) + " OK logged in\r\n");
    std::string const fetch = w.line();
    w.send("* 1 FETCH (BODY[] \"s3cr3t-pw\" UID 0)\r\n" + tag_of(fetch) + " OK done\r\n");
    w.drain(300ms);
  });
  auto r = run_imap("  connect\n  need greeting\n  login user \"u\" password \"s3cr3t-pw\"\n"
                    "  command \"FETCH 1 (BODY[] UID)\"\n  expect tagged OK\n",
                    p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("rule uniqueid"), std::string::npos) << r.reason;
  EXPECT_EQ(r.reason.find("s3cr3t"), std::string::npos) << r.reason;
  ASSERT_TRUE(r.evidence);
  EXPECT_EQ(r.evidence->actual.find("s3cr3t"), std::string::npos) << r.evidence->actual;
}
