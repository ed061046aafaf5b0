// The interpreter against scripted peers: each test plays one behaviour (or defect) and checks the
// verdict, the reason and the evidence the case produces.
#include "script/interpreter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "script/parser.hpp"
#include "support/fake_peer.hpp"

namespace ms = mailspec::script;
using mailspec::testing::fake_peer;
using mailspec::testing::wire;
using namespace std::chrono_literals;

namespace {

ms::run_config config_for(fake_peer const& p, ms::protocol proto) {
  ms::run_config cfg;
  cfg.tgt.proto = proto;
  cfg.tgt.host = "127.0.0.1";
  cfg.tgt.port = p.port();
  cfg.tgt.url = "test://127.0.0.1";
  cfg.read_timeout = 1500ms;
  cfg.case_timeout = 10s;
  cfg.caps.probed = true;
  return cfg;
}

ms::case_result run(std::string const& body, fake_peer const& p, ms::protocol proto = ms::protocol::smtp,
                    std::function<void(ms::run_config&)> tweak = {}) {
  std::string const suite(ms::to_string(proto));
  std::string const text = "case " + suite + ".t\n  title \"t\"\n  rfc 5321 4.1.4 MUST\n" + body + "end\n";
  auto parsed = ms::parse_script(text, "t.mspec", suite);
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors.front();
  auto cfg = config_for(p, proto);
  if (tweak) tweak(cfg);
  return ms::run_case(parsed.cases.at(0), cfg);
}

// An SMTP peer: greeting, then one canned reply per command line.
fake_peer smtp_peer(std::function<std::string(std::string const&)> answer) {
  return fake_peer([answer](wire& w) {
    w.send("220 fake ESMTP\r\n");
    for (std::string l = w.line(); !l.empty(); l = w.line()) {
      std::string const a = answer(l);
      if (a == "CLOSE") return;
      if (!a.empty()) w.send(a);
    }
  });
}

constexpr char const* rcpt_before_mail = R"(  connect
  need greeting
  send "EHLO x"
  need reply 250
  send "RCPT TO:<a@b.example>"
  expect reply 503|501
)";

std::string ordering_server(std::string const& l, bool defect) {
  if (l.rfind("EHLO", 0) == 0) return "250-fake\r\n250 PIPELINING\r\n";
  if (l.rfind("RCPT", 0) == 0) return defect ? "250 2.1.5 Ok\r\n" : "503 5.5.1 need MAIL first\r\n";
  return "250 Ok\r\n";
}

}  // namespace

TEST(Interpreter, PassesWhenThePeerBehaves) {
  auto p = smtp_peer([](auto const& l) { return ordering_server(l, false); });
  auto r = run(rcpt_before_mail, p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_FALSE(r.evidence);
}

TEST(Interpreter, FailQuotesTheBytesAndTheRule) {
  auto p = smtp_peer([](auto const& l) { return ordering_server(l, true); });
  auto r = run(rcpt_before_mail, p);
  ASSERT_EQ(r.v, ms::verdict::fail);
  ASSERT_TRUE(r.evidence);
  EXPECT_EQ(r.evidence->expected, "reply 503 or 501");
  EXPECT_EQ(r.evidence->actual, "250 2.1.5 Ok\\r\\n");
  EXPECT_EQ(r.evidence->step, "t.mspec:9");
  ASSERT_TRUE(r.evidence->rfc);
  EXPECT_EQ(r.evidence->rfc->rfc, 5321);
  EXPECT_EQ(r.evidence->rfc->section, "4.1.4");
  EXPECT_EQ(r.reason, "expected reply 503 or 501, got 250 2.1.5 Ok\\r\\n");
}

TEST(Interpreter, ShouldGivesWarnAndGoesOn) {
  auto p = smtp_peer([](auto const& l) { return ordering_server(l, true); });
  auto r = run("  connect\n  need greeting\n  send \"RCPT TO:<a@b>\"\n  expect SHOULD reply 503\n  send \"NOOP\"\n"
               "  expect reply 250\n",
               p);
  EXPECT_EQ(r.v, ms::verdict::warn);
  EXPECT_EQ(r.observations.size(), 1u);
  EXPECT_EQ(r.evidence->rfc->lvl, ms::level::should);
}

TEST(Interpreter, MayGivesInfo) {
  auto p = smtp_peer([](auto const& l) { return ordering_server(l, true); });
  auto r = run("  connect\n  need greeting\n  send \"RCPT TO:<a@b>\"\n  expect MAY reply 503\n", p);
  EXPECT_EQ(r.v, ms::verdict::info);
}

TEST(Interpreter, FailedPreconditionSkips) {
  auto p = smtp_peer([](auto const&) { return std::string("554 go away\r\n"); });
  auto r = run(rcpt_before_mail, p);
  EXPECT_EQ(r.v, ms::verdict::skip);
  EXPECT_NE(r.reason.find("precondition not met at t.mspec:7: EHLO x answered 554 go away\\r\\n (expected reply 250)"),
            std::string::npos)
      << r.reason;
}

// A refused recipient that only sets the stage skips the case, naming the command, the reply and the fix.
TEST(Interpreter, RefusedRecipientSkipsWithHowToFix) {
  auto p = smtp_peer([](auto const& l) {
    if (l.rfind("RCPT", 0) == 0) return std::string("554 5.7.1 <a@b.example>: Relay access denied\r\n");
    return std::string("250 ok\r\n");
  });
  auto r = run("  connect\n  need greeting\n  send \"EHLO x\"\n  need reply 250\n  send \"MAIL FROM:<s@x>\"\n"
               "  need reply 250\n  send \"RCPT TO:<a@b.example>\"\n  need reply 250|251\n  send \"DATA\"\n"
               "  expect reply 354\n",
               p);
  EXPECT_EQ(r.v, ms::verdict::skip);
  EXPECT_NE(r.reason.find("RCPT TO:<a@b.example> answered 554 5.7.1"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("pass --var rcpt=ADDRESS"), std::string::npos) << r.reason;
}

TEST(Interpreter, NeedHintReplacesTheDefaultHint) {
  auto p = smtp_peer([](auto const&) { return std::string("550 no\r\n"); });
  auto r = run("  connect\n  need greeting\n  send \"VRFY x\"\n  need reply 250 hint \"enable VRFY\"\n", p);
  EXPECT_EQ(r.v, ms::verdict::skip);
  EXPECT_NE(r.reason.find(": enable VRFY"), std::string::npos) << r.reason;
}

// if/else on a reply code: every outcome the RFC allows can be followed to its end.
TEST(Interpreter, IfFollowsTheBranchTheServerChose) {
  auto script = "  connect\n  need greeting\n  send \"DATA\"\n  expect reply 503|554|354\n"
                "  if equals \"${last.code}\" \"354\"\n    send \".\"\n    expect reply 5xx\n"
                "  else\n    send \"NOOP\"\n    expect reply 250\n  end\n";
  auto late = smtp_peer([](auto const& l) {
    if (l.rfind("DATA", 0) == 0) return std::string("354 go on\r\n");
    if (l.rfind(".", 0) == 0) return std::string("554 no valid recipients\r\n");
    return std::string("250 ok\r\n");
  });
  EXPECT_EQ(run(script, late).v, ms::verdict::pass);
  auto early = smtp_peer([](auto const& l) { return std::string(l.rfind("DATA", 0) == 0 ? "503 need RCPT\r\n" : "250 ok\r\n"); });
  EXPECT_EQ(run(script, early).v, ms::verdict::pass);
  auto wrong = smtp_peer([](auto const& l) { return std::string(l.rfind("DATA", 0) == 0 ? "354 go on\r\n" : "250 accepted\r\n"); });
  auto r = run(script, wrong);
  EXPECT_EQ(r.v, ms::verdict::fail);
  EXPECT_EQ(r.evidence->step, "t.mspec:10");
}

TEST(Interpreter, IfOnRequirementsAndNot) {
  auto p = smtp_peer([](auto const& l) { return std::string(l.rfind("NOOP A", 0) == 0 ? "250 a\r\n" : "500 b\r\n"); });
  auto script = "  connect\n  need greeting\n  if not scheme submission|smtps\n    send \"NOOP A\"\n  else\n"
                "    send \"NOOP B\"\n  end\n  expect reply 250\n";
  EXPECT_EQ(run(script, p, ms::protocol::smtp, [](auto& c) { c.tgt.scheme = "smtp"; }).v, ms::verdict::pass);
  EXPECT_EQ(run(script, p, ms::protocol::smtp, [](auto& c) { c.tgt.scheme = "submission"; }).v, ms::verdict::fail);
}

TEST(Interpreter, RepeatCountsWithI) {
  std::vector<std::string> seen;
  auto p = smtp_peer([&seen](auto const& l) {
    seen.push_back(l);
    return std::string("250 ok\r\n");
  });
  auto r = run("  connect\n  need greeting\n  set n \"3\"\n  repeat ${n}\n    send \"NOOP ${i}\"\n"
               "    expect reply 250\n  end\n",
               p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(seen, (std::vector<std::string>{"NOOP 1\r\n", "NOOP 2\r\n", "NOOP 3\r\n"}));
}

TEST(Interpreter, SilentPeerIsErrorNotPass) {
  fake_peer p([](wire& w) { w.drain(3s); });
  auto r = run("  connect\n  expect greeting\n", p, ms::protocol::smtp, [](auto& c) { c.read_timeout = 300ms; });
  EXPECT_EQ(r.v, ms::verdict::error);
  EXPECT_NE(r.reason.find("timeout at t.mspec:5"), std::string::npos) << r.reason;
}

TEST(Interpreter, EndlessReplyLineFailsCitingTheLimit) {
  fake_peer p([](wire& w) {
    std::string const chunk(64 * 1024, 'a');
    w.send("220 ");
    for (int i = 0; i < 200 && w.send(chunk); ++i) {
    }
  });
  auto r = run("  connect\n  need greeting\n", p);
  ASSERT_EQ(r.v, ms::verdict::fail) << r.reason;
  ASSERT_TRUE(r.evidence && r.evidence->rfc);
  EXPECT_EQ(r.evidence->rfc->section, "4.5.3.1.5");
  EXPECT_NE(r.reason.find("protocol violation"), std::string::npos);
  EXPECT_LT(r.evidence->actual.size(), 5000u);  // the quote is bounded, not the whole flood
}

TEST(Interpreter, GarbageInsteadOfAReplyCodeFailsCitingTheGrammar) {
  fake_peer p([](wire& w) {
    w.send(std::string("\x16\x03\x01\x00\xa5garbage\r\n", 14));
    w.drain(500ms);
  });
  auto r = run("  connect\n  need greeting\n", p);
  ASSERT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_EQ(r.evidence->rfc->section, "4.2");
  EXPECT_EQ(r.evidence->actual.rfind("\\x16\\x03", 0), 0u) << r.evidence->actual;
}

TEST(Interpreter, PipelinedStringsGoOutInOneWrite) {
  std::string seen;
  fake_peer p([&](wire& w) {
    w.send("220 x\r\n");
    seen = w.drain(300ms);
    w.send("250 a\r\n250 b\r\n");
    w.drain(500ms);
  });
  auto r = run("  connect\n  need greeting\n  send \"RSET\" \"NOOP\"\n  expect reply 250\n  expect reply 250\n", p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(seen, "RSET\r\nNOOP\r\n");
  int writes = 0;
  for (auto const& e : r.transcript) writes += e.dir == mailspec::session::direction::client;
  EXPECT_EQ(writes, 1);
}

TEST(Interpreter, PasswordNeverReachesTheTranscript) {
  auto p = smtp_peer([](auto const& l) { return "500 unknown " + l; });  // the peer even echoes it
  auto r = run("  connect\n  need greeting\n  send \"PASS ${password}\"\n  expect reply 250\n", p, ms::protocol::smtp,
               [](auto& c) {
                 c.user = "alice";
                 c.password = "s3cret-pw";
               });
  EXPECT_EQ(r.v, ms::verdict::fail);
  for (auto const& e : r.transcript) EXPECT_EQ(e.data.find("s3cret-pw"), std::string::npos) << e.data;
  EXPECT_EQ(r.reason.find("s3cret-pw"), std::string::npos);
  EXPECT_EQ(r.evidence->actual.find("s3cret-pw"), std::string::npos);
}

TEST(Interpreter, AuthPlainSendsTheRfc4616Message) {
  std::string got;
  auto p = smtp_peer([&](auto const& l) {
    got = l;
    return std::string("235 2.7.0 ok\r\n");
  });
  auto r = run("  connect\n  need greeting\n  auth PLAIN\n  expect reply 235\n", p, ms::protocol::smtp, [](auto& c) {
    c.user = "tim";
    c.password = "tanstaaftanstaaf";
  });
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(got, "AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n");
}

TEST(Interpreter, AuthCramMd5AnswersTheRfc2195Example) {
  std::string answer;
  fake_peer p([&](wire& w) {
    w.send("220 x\r\n");
    w.line();
    w.send("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
    answer = w.line();
    w.send("235 ok\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  auth CRAM-MD5\n  expect reply 235\n", p, ms::protocol::smtp, [](auto& c) {
    c.user = "tim";
    c.password = "tanstaaftanstaaf";
  });
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(answer, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n");
}

TEST(Interpreter, UnmetRequirementSkipsWithoutConnecting) {
  auto p = smtp_peer([](auto const&) { return std::string("250 ok\r\n"); });
  auto r = run("  requires ext CHUNKING\n  connect\n", p);
  EXPECT_EQ(r.v, ms::verdict::skip);
  EXPECT_EQ(r.reason, "extension CHUNKING is not advertised");
  EXPECT_EQ(p.connections(), 0);
}

TEST(Interpreter, UndefinedVariableIsAScriptError) {
  auto p = smtp_peer([](auto const&) { return std::string("250 ok\r\n"); });
  auto r = run("  connect\n  send \"MAIL FROM:<${nobody}>\"\n", p);
  EXPECT_EQ(r.v, ms::verdict::error);
  EXPECT_EQ(r.reason, "script error: t.mspec:5: undefined variable ${nobody}");
}

TEST(Interpreter, CaptureFeedsSubstitution) {
  std::string second;
  fake_peer p([&](wire& w) {
    w.send("220 x\r\n");
    w.line();
    w.send("250 id=Q42\r\n");
    second = w.line();
    w.send("250 ok\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  send \"NOOP\"\n  need reply 250\n  capture q /id=(\\w+)/\n"
               "  send \"VRFY ${q}\"\n  expect reply 250\n",
               p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(second, "VRFY Q42\r\n");
}

TEST(Interpreter, ClosedAndSilenceMatchers) {
  fake_peer p([](wire& w) {
    w.send("220 x\r\n");
    w.line();
    w.send("221 bye\r\n");
  });
  auto r = run("  connect\n  need greeting\n  expect silence 200ms\n  send \"QUIT\"\n  expect reply 221\n  expect closed\n", p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

TEST(Interpreter, SilenceFailsWhenThePeerTalks) {
  fake_peer p([](wire& w) {
    w.send("220 x\r\n250 unexpected\r\n");
    w.drain(1s);
  });
  auto r = run("  connect\n  need greeting\n  expect silence 500ms\n", p);
  EXPECT_EQ(r.v, ms::verdict::fail);
  EXPECT_EQ(r.evidence->actual, "250 unexpected\\r\\n");
}

TEST(Interpreter, Pop3MultilineBodyIsUnstuffedAndSized) {
  fake_peer p([](wire& w) {
    w.send("+OK ready\r\n");
    w.line();
    w.send("+OK 1 9\r\n");
    w.line();
    w.send("+OK 9 octets\r\nab\r\n..c\r\n.\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  send \"STAT\"\n  need ok\n  capture n /^\\+OK \\d+ (\\d+)/\n"
               "  send \"RETR 1\"\n  expect ok multiline\n  expect body /^\\.c$/\n  expect size-equals n\n",
               p, ms::protocol::pop3);
  // body "ab\r\n.c\r\n" is 8 octets, the peer claimed 9: a size mismatch, quoted.
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("8 octets"), std::string::npos) << r.reason;
}

TEST(Interpreter, Pop3LowerCaseStatusIsAViolation) {
  fake_peer p([](wire& w) {
    w.send("+ok hi\r\n");
    w.drain(500ms);
  });
  auto r = run("  connect\n  expect greeting\n", p, ms::protocol::pop3);
  EXPECT_EQ(r.v, ms::verdict::fail);
  EXPECT_EQ(r.evidence->rfc->rfc, 1939);
}

TEST(Interpreter, ImapTaggedAndUntagged) {
  fake_peer p([](wire& w) {
    w.send("* OK [CAPABILITY IMAP4rev1] hi\r\n");
    std::string l = w.line();
    std::string tag = l.substr(0, l.find(' '));
    w.send("* 3 EXISTS\r\n* FLAGS (\\Seen)\r\n" + tag + " OK [READ-WRITE] done\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  command \"SELECT INBOX\"\n  expect tagged OK code READ-WRITE\n"
               "  expect untagged EXISTS 3\n  expect untagged FLAGS /Seen/\n",
               p, ms::protocol::imap);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

TEST(Interpreter, ImapHugeLiteralEndsTheCaseWithoutAllocating) {
  fake_peer p([](wire& w) {
    w.send("* OK hi\r\n");
    w.line();
    w.send("* 1 FETCH (BODY[] {9223372036854775808}\r\n");
    w.drain(1s);
  });
  auto r = run("  connect\n  need greeting\n  command \"FETCH 1 BODY[]\"\n  expect tagged OK\n", p, ms::protocol::imap);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("protocol violation"), std::string::npos);
}

TEST(Interpreter, UnreachableTargetIsError) {
  ms::run_config cfg;
  cfg.tgt = {ms::protocol::smtp, "smtp", "127.0.0.1", 1, false, "smtp://127.0.0.1:1"};
  auto parsed = ms::parse_script("case smtp.t\n title \"t\"\n rfc 5321 3.1 MUST\n connect\nend\n", "t.mspec", "smtp");
  auto r = ms::run_case(parsed.cases.at(0), cfg);
  EXPECT_EQ(r.v, ms::verdict::error);
  EXPECT_NE(r.reason.find("cannot connect"), std::string::npos) << r.reason;
}

TEST(Probe, UnreachableTargetSaysWhy) {
  ms::run_config cfg;
  cfg.tgt = {ms::protocol::smtp, "smtp", "127.0.0.1", 1, false, "smtp://127.0.0.1:1"};
  auto why = ms::probe_capabilities(cfg);
  EXPECT_NE(why.find("refused"), std::string::npos) << why;
}

TEST(Probe, ReadsEhloKeywordsAndSasl) {
  auto p = smtp_peer([](auto const& l) {
    if (l.rfind("EHLO", 0) == 0) return std::string("250-fake\r\n250-SIZE 1000\r\n250-AUTH PLAIN login\r\n250 8BITMIME\r\n");
    return std::string("221 bye\r\n");
  });
  auto cfg = config_for(p, ms::protocol::smtp);
  ASSERT_EQ(ms::probe_capabilities(cfg), "");
  EXPECT_EQ(cfg.caps.plain.at("SIZE"), "1000");
  EXPECT_TRUE(cfg.caps.plain.count("8BITMIME"));
  EXPECT_FALSE(cfg.caps.starttls);
  EXPECT_EQ(cfg.caps.sasl, (std::vector<std::string>{"PLAIN", "LOGIN"}));
}

TEST(Interpreter, SilenceOrClosedAcceptsAClose) {
  fake_peer p([](wire& w) { w.send("220 x\r\n"); });
  auto r = run("  connect\n  need greeting\n  expect silence 500ms or-closed\n", p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  fake_peer q([](wire& w) { w.send("220 x\r\n"); });
  auto r2 = run("  connect\n  need greeting\n  expect silence 500ms\n", q);
  EXPECT_EQ(r2.v, ms::verdict::fail) << r2.reason;
  EXPECT_EQ(r2.evidence->actual, "(connection closed by the server)");
  EXPECT_NE(r2.reason.find(", got (connection closed by the server)"), std::string::npos) << r2.reason;  // not ", got "
}

TEST(Interpreter, RepeatCountFromAVariable) {
  std::string got;
  fake_peer p([&](wire& w) {
    w.send("220 x\r\n");
    got = w.line();
    w.send("250 ok\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  set n \"5\"\n  send \"NOOP \" + \"ab\" * ${n}\n  expect reply 250\n", p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(got, "NOOP ababababab\r\n");
}

TEST(Interpreter, SecondConnectionToAnotherProtocol) {
  fake_peer pop([](wire& w) {
    w.send("+OK pop ready\r\n");
    w.line();
    w.send("+OK 0 0\r\n");
    w.drain(300ms);
  });
  auto smtp = smtp_peer([](auto const&) { return std::string("250 ok\r\n"); });
  auto r = run("  connect\n  need greeting\n  connect box pop3 \"pop3://127.0.0.1:${popport}\"\n  expect greeting\n"
               "  send \"STAT\"\n  expect ok text /^0 0/\n  use main\n  send \"NOOP\"\n  expect reply 250\n",
               smtp, ms::protocol::smtp, [&](auto& c) { c.vars["popport"] = std::to_string(pop.port()); });
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

TEST(Interpreter, RegexVariablesAreLiteral) {
  auto p = smtp_peer([](auto const& l) { return "250 got " + l.substr(5); });
  auto r = run("  connect\n  need greeting\n  set v \"a.b(c\"\n  send \"NOOP ${v}\"\n  expect reply 250 text /got ${v}$/\n", p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  auto r2 = run("  connect\n  need greeting\n  set v \"a.b(c\"\n  send \"NOOP axb(c\"\n  expect reply 250 text /got ${v}$/\n", p);
  EXPECT_EQ(r2.v, ms::verdict::fail) << r2.reason;  // "." in the value is a literal dot, not "any"
}

TEST(Interpreter, ImapLiteralWaitsForTheContinuation) {
  std::string head, body;
  fake_peer p([&](wire& w) {
    w.send("* OK hi\r\n");
    head = w.line();
    w.send("+ go ahead\r\n");
    body = w.octets(7);
    std::string const tag = head.substr(0, head.find(' '));
    w.send(tag + " OK APPEND done\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  command \"APPEND INBOX\" literal \"hello\"\n  expect tagged OK\n", p,
               ms::protocol::imap);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(head, "A1 APPEND INBOX {5}\r\n");
  EXPECT_EQ(body, "hello\r\n");
}

TEST(Interpreter, ImapLiteralRefusedLeavesTheTaggedAnswer) {
  fake_peer p([&](wire& w) {
    w.send("* OK hi\r\n");
    std::string const head = w.line();
    w.send(head.substr(0, head.find(' ')) + " NO [TOOBIG] no\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  command \"APPEND INBOX\" literal \"hello\"\n  expect tagged NO code TOOBIG\n", p,
               ms::protocol::imap);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
}

TEST(Interpreter, WithinMakesATimeoutAMismatch) {
  fake_peer p([](wire& w) {
    w.send("220 x\r\n");
    w.drain(2s);
  });
  auto r = run("  connect\n  need greeting\n  send \"NOOP\"\n  expect reply 250 within 300ms\n", p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_EQ(r.evidence->expected, "reply 250 within 300 ms");
}

TEST(Interpreter, LateRepliesStayVisiblePastTheTranscriptBudget) {
  fake_peer p([](wire& w) {
    w.send("220 x\r\n");
    w.line();
    w.send("354 go\r\n");
    w.octets(3000);
    w.send("552 too big\r\n");
    w.drain(300ms);
  });
  auto r = run("  connect\n  need greeting\n  send \"DATA\"\n  need reply 354\n  send-raw \"x\" * 3000\n  expect reply 552\n", p,
               ms::protocol::smtp, [](auto& c) { c.lim.transcript = 1000; });
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  ASSERT_FALSE(r.transcript.empty());
  bool saw = false;
  for (auto const& e : r.transcript) saw = saw || e.data == "552 too big\r\n";
  EXPECT_TRUE(saw);
  EXPECT_GT(r.transcript_dropped, 0u);
}

TEST(Probe, RefusingGreetingIsNotFatal) {
  fake_peer p([](wire& w) {
    w.send("554 no service here\r\n");
    w.drain(500ms);
  });
  auto cfg = config_for(p, ms::protocol::smtp);
  EXPECT_EQ(ms::probe_capabilities(cfg), "");
  ASSERT_EQ(cfg.caps.notes.size(), 1u);
  EXPECT_NE(cfg.caps.notes[0].find("refuses service"), std::string::npos);
}

TEST(Interpreter, OrClosedAcceptsACloseInsteadOfAReply) {
  fake_peer p([](wire& w) {
    w.send("220 x\r\n");
    w.line();
  });
  auto r = run("  connect\n  need greeting\n  send \"DATA\"\n  expect reply 354 or-closed\n  send \"x\"\n  expect reply 250\n", p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  fake_peer q([](wire& w) {
    w.send("220 x\r\n");
    w.line();
  });
  auto r2 = run("  connect\n  need greeting\n  send \"DATA\"\n  expect reply 354\n", q);
  EXPECT_EQ(r2.v, ms::verdict::fail) << r2.reason;
}

// A regex that gives up on its input decides nothing: the case is `error`, never a mismatch or a pass.
TEST(Interpreter, RegexThatGivesUpIsError) {
  std::string const line = "250 " + std::string(400, 'a') + "\r\n";
  auto p = smtp_peer([&line](auto const&) { return line; });
  auto r = run("  connect\n  need greeting\n  send \"NOOP\"\n  expect reply 250 text /(a|a?)+(a|a?)+(a|a?)+b/\n", p);
  EXPECT_EQ(r.v, ms::verdict::error) << r.reason;
  EXPECT_NE(r.reason.find("gave up"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("t.mspec:7"), std::string::npos) << r.reason;
}

// IMAP servers may advertise more once logged in: the probe logs in with the run's credentials, so
// `requires ext` sees CONDSTORE whether it comes in the tagged OK's [CAPABILITY] code or from a
// CAPABILITY command after LOGIN.
TEST(Probe, ImapCapabilitiesAfterLoginMeetRequires) {
  for (bool in_code : {true, false}) {
    fake_peer p([in_code](wire& w) {
      w.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
      bool logged_in = false;
      for (std::string l = w.line(); !l.empty(); l = w.line()) {
        std::string const tag = l.substr(0, l.find(' '));
        if (l.find(" LOGIN ") != std::string::npos) {
          logged_in = true;
          w.send(tag + (in_code ? " OK [CAPABILITY IMAP4rev1 CONDSTORE] logged in\r\n" : " OK logged in\r\n"));
        } else if (l.find("CAPABILITY") != std::string::npos) {
          w.send(logged_in ? "* CAPABILITY IMAP4rev1 CONDSTORE\r\n" : "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
          w.send(tag + " OK done\r\n");
        } else if (l.find("LOGOUT") != std::string::npos) {
          w.send("* BYE\r\n" + tag + " OK bye\r\n");
          return;
        }
      }
    });
    auto cfg = config_for(p, ms::protocol::imap);
    cfg.caps = {};
    cfg.user = "alice";
    cfg.password = "pw";
    ASSERT_EQ(ms::probe_capabilities(cfg), "");
    EXPECT_FALSE(cfg.caps.plain.count("CONDSTORE")) << in_code;
    EXPECT_TRUE(cfg.caps.authed.count("CONDSTORE")) << in_code;
    ms::case_def c;
    c.requires_.push_back({ms::requirement::kind::ext, "CONDSTORE"});
    EXPECT_EQ(ms::unmet_requirement(c, cfg), "") << in_code;
    c.requires_ = {{ms::requirement::kind::ext, "QRESYNC"}};
    EXPECT_NE(ms::unmet_requirement(c, cfg), "") << in_code;
  }
}

// `cleanup` runs after a failed check, on a connection of its own, and does not change the verdict even
// when one of its own steps does not get what it wants.
TEST(Interpreter, CleanupRunsAfterAFailedCheck) {
  std::vector<std::string> seen;
  std::mutex m;
  auto p = smtp_peer([&](auto const& l) {
    std::lock_guard<std::mutex> g(m);
    seen.push_back(l);
    if (l.rfind("RCPT", 0) == 0) return std::string("250 accepted out of order\r\n");
    if (l.rfind("RSET", 0) == 0) return std::string("500 no\r\n");
    return std::string("250 ok\r\n");
  });
  auto r = run("  connect\n  need greeting\n  send \"RCPT TO:<a@b>\"\n  expect reply 503\n  send \"NOOP never\"\n"
               "  cleanup\n    connect tidy\n    need greeting\n    send \"RSET\"\n    need reply 250\n    send \"QUIT after\"\n"
               "  end\n",
               p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_EQ(r.evidence->step, "t.mspec:7");
  std::lock_guard<std::mutex> g(m);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "RSET\r\n"), seen.end());
  EXPECT_EQ(std::find(seen.begin(), seen.end(), "NOOP never\r\n"), seen.end());
  EXPECT_EQ(std::find(seen.begin(), seen.end(), "QUIT after\r\n"), seen.end());  // the refused need stopped it
  bool noted = false;
  for (auto const& e : r.transcript) noted = noted || e.data.find("cleanup stopped at t.mspec:13") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ScriptParser, CleanupIsMovedOutOfTheSteps) {
  auto parsed = ms::parse_script("case smtp.c\n  title \"t\"\n  rfc 5321 4.1 MUST\n  connect\n  cleanup\n    close\n  end\n"
                                 "  send \"A\"\nend\ncase smtp.d\n  title \"t\"\n  rfc 5321 4.1 MUST\n  connect\n  if ext X\n"
                                 "    cleanup\n    end\n  end\nend\n",
                                 "c.mspec", "smtp");
  ASSERT_EQ(parsed.cases.size(), 2u);
  EXPECT_EQ(parsed.cases[0].steps.size(), 2u);
  EXPECT_EQ(parsed.cases[0].cleanup.size(), 1u);
  ASSERT_FALSE(parsed.errors.empty());
  EXPECT_NE(parsed.errors[0].find("c.mspec:15: 'cleanup' belongs at the top level"), std::string::npos) << parsed.errors[0];
}

// foreach runs its body once per value; less/greater compare captured numbers (UIDNEXT above every UID).
TEST(Interpreter, ForeachAndNumericComparisons) {
  std::vector<std::string> seen;
  auto p = smtp_peer([&seen](auto const& l) {
    seen.push_back(l);
    return std::string("250 size 120\r\n");
  });
  auto r = run("  connect\n  need greeting\n  foreach verb \"NOOP\" \"RSET\"\n    send \"${verb}\"\n    expect reply 250\n  end\n"
               "  capture n /size (\\d+)/\n  expect greater \"${n}\" \"99\"\n  expect less \"${n}\" \"121\"\n"
               "  if less \"${n}\" \"100\"\n    send \"NEVER\"\n  end\n",
               p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_EQ(seen, (std::vector<std::string>{"NOOP\r\n", "RSET\r\n"}));
  auto q = smtp_peer([](auto const&) { return std::string("250 size 7\r\n"); });
  auto f = run("  connect\n  need greeting\n  send \"NOOP\"\n  need reply 250\n  capture n /size (\\d+)/\n"
               "  expect greater \"${n}\" \"10\"\n",
               q);
  EXPECT_EQ(f.v, ms::verdict::fail);
  EXPECT_EQ(f.evidence->expected, "a number above 10");
  auto e = run("  connect\n  need greeting\n  expect less \"x\" \"1\"\n", q);
  EXPECT_EQ(e.v, ms::verdict::error);
  EXPECT_NE(e.reason.find("is not a number"), std::string::npos) << e.reason;
}

// One TLS context per run, not per handshake: a second connection with the same options reuses it.
TEST(Session, TlsContextIsBuiltOncePerOptions) {
  ms::run_config cfg;
  cfg.tls.cafile = "";
  cfg.tls.verify = false;
  mailspec::session::io_context io;
  fake_peer p([](wire& w) { w.drain(2s); });
  std::size_t const before = mailspec::session::tls_contexts_made();
  for (int i = 0; i < 3; ++i) {
    mailspec::session::io_result r;
    auto c = mailspec::session::connection::open(io, "127.0.0.1", p.port(),
                                                 mailspec::session::clock::now() + 2s, nullptr, "t", r);
    ASSERT_TRUE(c) << r.message;
    c->start_tls(cfg.tls, mailspec::session::clock::now() + 200ms);  // the peer never answers: a timeout
  }
  EXPECT_LE(mailspec::session::tls_contexts_made() - before, 1u);
}
