#include "script/parser.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "script/registry.hpp"

namespace ms = mailspec::script;

namespace {

ms::parse_result parse(std::string const& text, std::string const& suite = "smtp") {
  return ms::parse_script(text, "suites/smtp/t.mspec", suite);
}

std::string first_error(std::string const& text, std::string const& suite = "smtp") {
  auto r = parse(text, suite);
  return r.errors.empty() ? std::string("(no error)") : r.errors.front();
}

constexpr char const* good = R"(# a comment
case smtp.rfc5321.4.1.1.5.rset
  title "RSET clears"
  rfc 5321 4.1.1.5 MUST
  rfc 5321 4.3.2 SHOULD
  tags rset core
  requires ext PIPELINING
  timeout 5s
  connect
  need greeting
  send "EHLO ${helo}" "NOOP"
  send-raw "A\r\nB\x00" + "x" * 3
  expect SHOULD reply 250|2xx text /ok/i enhanced within 2s
  capture code /^(\d+)/
  expect silence 100ms
  expect closed
end
)";

}  // namespace

TEST(ScriptParser, ParsesEveryPartOfACase) {
  auto r = parse(good);
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  ASSERT_EQ(r.cases.size(), 1u);
  auto const& c = r.cases[0];
  EXPECT_EQ(c.id, "smtp.rfc5321.4.1.1.5.rset");
  EXPECT_EQ(c.title, "RSET clears");
  ASSERT_EQ(c.refs.size(), 2u);
  EXPECT_EQ(c.refs[1].lvl, ms::level::should);
  EXPECT_EQ(c.primary_level(), ms::level::must);
  EXPECT_EQ(c.tags, (std::vector<std::string>{"rset", "core"}));
  ASSERT_EQ(c.requires_.size(), 1u);
  EXPECT_EQ(c.requires_[0].name, "PIPELINING");
  EXPECT_EQ(c.timeout, ms::millis(5000));
  ASSERT_EQ(c.steps.size(), 8u);
  EXPECT_EQ(c.steps[2].strings.size(), 2u);  // two lines, one write
  auto const& raw = c.steps[3].strings.at(0);
  ASSERT_EQ(raw.pieces.size(), 2u);
  EXPECT_EQ(raw.pieces[0].text, std::string("A\r\nB\0", 5));
  EXPECT_EQ(raw.pieces[1].repeat, 3u);
  auto const& e = c.steps[4];
  EXPECT_EQ(e.lvl, ms::level::should);
  EXPECT_EQ(e.m.alternatives, (std::vector<std::string>{"250", "2xx"}));
  EXPECT_TRUE(e.m.enhanced);
  EXPECT_TRUE(e.m.text->icase());
  EXPECT_EQ(e.m.within, ms::millis(2000));
  EXPECT_EQ(c.steps[4].line, 13);
}

TEST(ScriptParser, ReportsFileAndLineOfUnknownStep) {
  EXPECT_EQ(first_error("case smtp.x\n  title \"t\"\n  rfc 5321 4 MUST\n  sned \"x\"\nend\n"),
            "suites/smtp/t.mspec:4: unknown step 'sned'");
}

TEST(ScriptParser, ReportsUnclosedString) {
  EXPECT_EQ(first_error("case smtp.x\n  title \"t\n"), "suites/smtp/t.mspec:2: string is not closed (missing \")");
}

TEST(ScriptParser, ReportsMissingEnd) {
  EXPECT_EQ(first_error("case smtp.x\n  title \"t\"\n  rfc 5321 4 MUST\n  connect\n"),
            "suites/smtp/t.mspec:1: case smtp.x has no 'end'");
}

TEST(ScriptParser, RejectsBadLevel) {
  EXPECT_EQ(first_error("case smtp.x\n  rfc 5321 4 MUSTN'T\nend\n"),
            "suites/smtp/t.mspec:2: level must be MUST, SHOULD or MAY, not 'MUSTN'T'");
}

TEST(ScriptParser, RejectsMatcherOfAnotherProtocol) {
  EXPECT_EQ(first_error("case smtp.x\n  connect\n  expect ok\nend\n"),
            "suites/smtp/t.mspec:3: ok is a pop3 matcher; this is a smtp connection");
}

TEST(ScriptParser, RejectsBadReplyCode) {
  EXPECT_EQ(first_error("case smtp.x\n  expect reply 25\nend\n"),
            "suites/smtp/t.mspec:2: bad reply code '25' (use 250, 2xx or 25x)");
}

TEST(ScriptParser, RejectsBadRegex) {
  auto e = first_error("case smtp.x\n  expect line /(/\nend\n");
  EXPECT_EQ(e.rfind("suites/smtp/t.mspec:2: bad regex /(/", 0), 0u) << e;
}

TEST(ScriptParser, RejectsIdOfAnotherSuite) {
  EXPECT_EQ(first_error("case pop3.x\nend\n"), "suites/smtp/t.mspec:1: case id must start with 'smtp.'");
}

TEST(ScriptParser, RequiresTitleRfcAndSteps) {
  auto r = parse("case smtp.x\nend\n");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0], "suites/smtp/t.mspec:1: case smtp.x has no title");
}

TEST(ScriptParser, RejectsDuplicateIds) {
  std::string const c = "case smtp.x\n title \"t\"\n rfc 5321 4 MUST\n connect\nend\n";
  auto r = parse(c + c);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "suites/smtp/t.mspec:6: duplicate case id smtp.x (first at suites/smtp/t.mspec:1)");
}

TEST(ScriptParser, RejectsRepeatOverLimit) {
  EXPECT_EQ(first_error("case smtp.x\n  send \"a\" * 99999999999\nend\n"),
            "suites/smtp/t.mspec:2: repeat count 99999999999 is over the limit of 16 MiB");
}

TEST(ScriptParser, KeepsGoingAfterAnError) {
  auto r = parse("case smtp.x\n  bogus\n  title \"t\"\n  rfc 5321 4 MUST\n  also-bogus\n  connect\nend\n");
  EXPECT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.cases.size(), 1u);
}

TEST(ScriptParser, ParsesDurations) {
  EXPECT_EQ(ms::parse_duration("250ms"), ms::millis(250));
  EXPECT_EQ(ms::parse_duration("2s"), ms::millis(2000));
  EXPECT_EQ(ms::parse_duration("1m"), ms::millis(60000));
  EXPECT_FALSE(ms::parse_duration("2"));
  EXPECT_FALSE(ms::parse_duration("s"));
  EXPECT_FALSE(ms::parse_duration("2h"));
}

TEST(Registry, SelectsByPrefixGlobTagAndExclude) {
  EXPECT_TRUE(ms::id_matches("smtp.rfc5321.4.1.1.5.rset", "smtp.rfc5321.4.1"));
  EXPECT_TRUE(ms::id_matches("smtp.rfc5321.4.1.1.5.rset", "smtp.rfc5321.4.1.1.5.rset"));
  EXPECT_FALSE(ms::id_matches("smtp.rfc5321.4.10.x", "smtp.rfc5321.4.1"));
  EXPECT_TRUE(ms::id_matches("smtp.rfc5321.4.1.1.5.rset", "smtp.*.rset"));
  EXPECT_FALSE(ms::id_matches("smtp.rfc5321.4.1.1.5.rset", "pop3.*"));
  EXPECT_TRUE(ms::id_matches("smtp.a.b", "smtp.?.b"));
}

TEST(ScriptParser, TracksTheProtocolOfEachConnection) {
  auto r = parse("case smtp.e2e\n title \"t\"\n rfc 5321 4.4 MUST\n connect\n need greeting\n"
                 " connect box imap \"${readback_url}\"\n need greeting\n command \"NOOP\"\n expect tagged OK\n"
                 " use main\n expect reply 250\nend\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  EXPECT_EQ(r.cases[0].steps[2].proto, ms::protocol::imap);
  EXPECT_EQ(first_error("case smtp.e\n connect box imap \"x\"\n use main\n expect tagged OK\nend\n"),
            "suites/smtp/t.mspec:3: no connection named main is opened before this line");
  EXPECT_EQ(first_error("case smtp.e\n connect\n connect box pop3 \"u\"\n use main\n expect ok\nend\n"),
            "suites/smtp/t.mspec:5: ok is a pop3 matcher; this is a smtp connection");
}

TEST(ScriptParser, RepeatCountFromAVariable) {
  auto r = parse("case smtp.r\n title \"t\"\n rfc 1870 6 MUST\n send \"x\" * ${ext.SIZE}\nend\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  EXPECT_EQ(r.cases[0].steps[0].strings[0].pieces[0].repeat_var, "ext.SIZE");
}

// Found by script_fuzzer (corpus/script/regress-case-without-id): a `case` without an id must not leave
// a half-built case that a later `end` turns into a case with an empty id at line 0.
TEST(ScriptParser, CaseWithoutIdOpensNothing) {
  auto r = parse("case\n  title \"t\"\nend\n");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0], "suites/smtp/t.mspec:1: missing case id");
  EXPECT_TRUE(r.cases.empty());
}

TEST(ScriptParser, ParsesBlocksAndFixtures) {
  auto r = ms::parse_script(
      "fixture smtp.ready\n  connect\n  need greeting\nend\n"
      "case smtp.b\n  title \"t\"\n  rfc 5321 4.1 MUST\n  include smtp.ready\n"
      "  if ext PIPELINING\n    repeat 2\n      send \"NOOP\"\n    end\n  else\n    send \"QUIT\"\n  end\nend\n",
      "b.mspec", "smtp");
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  ASSERT_EQ(r.fixtures.size(), 1u);
  EXPECT_EQ(r.fixtures[0].steps.size(), 2u);
  auto const& steps = r.cases.at(0).steps;
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].kind, ms::step_kind::include);
  EXPECT_EQ(steps[1].kind, ms::step_kind::if_);
  ASSERT_TRUE(steps[1].cond.req.has_value());
  EXPECT_EQ(steps[1].cond.req->name, "PIPELINING");
  ASSERT_EQ(steps[1].body.size(), 1u);
  EXPECT_EQ(steps[1].body[0].kind, ms::step_kind::repeat);
  EXPECT_EQ(steps[1].body[0].count, 2u);
  EXPECT_EQ(steps[1].else_body.size(), 1u);
}

TEST(ScriptParser, ReportsBlockErrorsWithLines) {
  auto r = ms::parse_script(
      "case smtp.a\n  title \"t\"\n  rfc 5321 4.1 MUST\n  connect\n  if ext X\n  send \"A\"\nend\n"
      "case smtp.b\n  title \"t\"\n  rfc 5321 4.1 MUST\n  else\n  if bogus\n  connect\nend\n"
      "fixture smtp.f\n  title \"x\"\nend\n",
      "e.mspec", "smtp");
  std::string all;
  for (auto const& e : r.errors) all += e + "\n";
  EXPECT_NE(all.find("e.mspec:1: case smtp.a has no 'end' (found 'case' at line 8)"), std::string::npos) << all;
  EXPECT_NE(all.find("e.mspec:11: 'else' without an open 'if'"), std::string::npos) << all;
  EXPECT_NE(all.find("e.mspec:12: unknown condition 'bogus'"), std::string::npos) << all;
  EXPECT_NE(all.find("e.mspec:16: 'title' belongs to a case"), std::string::npos) << all;
}

// Fixtures live in any script of the suite directory; `check FILE` finds them in the file's siblings.
TEST(Registry, ExpandsIncludesAcrossFiles) {
  auto dir = std::filesystem::temp_directory_path() / ("mailspec-reg-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "smtp");
  auto write = [&](std::string const& name, std::string const& text) { std::ofstream(dir / "smtp" / name) << text; };
  write("fixtures.mspec",
        "fixture smtp.greeted\n  connect\n  need greeting\nend\n"
        "fixture smtp.ehlo\n  include smtp.greeted\n  send \"EHLO x\"\n  need reply 250\nend\n"
        "fixture smtp.loop\n  include smtp.loop\nend\n");
  write("a.mspec", "case smtp.a\n  title \"t\"\n  rfc 5321 4.1 MUST\n  include smtp.ehlo\n  send \"QUIT\"\nend\n");
  write("b.mspec", "case smtp.b\n  title \"t\"\n  rfc 5321 4.1 MUST\n  include smtp.nothing\nend\n"
                   "case smtp.c\n  title \"t\"\n  rfc 5321 4.1 MUST\n  include smtp.loop\nend\n");
  ms::registry whole;
  whole.load_directory((dir / "smtp").string());
  auto const* a = &*std::find_if(whole.cases().begin(), whole.cases().end(), [](auto const& c) { return c.id == "smtp.a"; });
  ASSERT_EQ(a->steps.size(), 5u);
  EXPECT_EQ(a->steps[0].kind, ms::step_kind::connect);
  EXPECT_NE(a->steps[0].file.find("fixtures.mspec"), std::string::npos);
  EXPECT_EQ(a->steps[0].line, 2);
  EXPECT_TRUE(a->steps[4].file.empty() || a->steps[4].file.find("a.mspec") != std::string::npos);
  std::string all;
  for (auto const& e : whole.errors()) all += e + "\n";
  EXPECT_NE(all.find("b.mspec:4: no fixture named smtp.nothing"), std::string::npos) << all;
  EXPECT_NE(all.find("nested deeper than 16"), std::string::npos) << all;

  ms::registry one;  // a single file: its siblings supply the fixtures
  one.load_file((dir / "smtp" / "a.mspec").string());
  EXPECT_TRUE(one.errors().empty()) << one.errors().front();
  ASSERT_EQ(one.cases().size(), 1u);
  EXPECT_EQ(one.cases()[0].steps.size(), 5u);
  std::filesystem::remove_all(dir);
}

TEST(ScriptParser, SuiteDefaultsToItsDirectoryAsProtocolAndPlaysTheClient) {
  auto r = parse("case pop3.d\n title \"t\"\n rfc 1939 4 MUST\n connect\n expect ok\nend\n", "pop3");
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  EXPECT_EQ(r.cases.at(0).suite, "pop3");
  EXPECT_EQ(r.cases[0].proto, ms::protocol::pop3);
  EXPECT_EQ(r.cases[0].role, ms::role::client);
}

// A suite named after a topic (or a client-testing suite) says its protocol and role in a `suite` line.
TEST(ScriptParser, SuiteLineDeclaresProtocolAndRole) {
  auto r = parse("suite mime protocol imap\n"
                 "case mime.x\n title \"t\"\n rfc 2045 5 MUST\n connect\n command \"NOOP\"\n expect tagged OK\nend\n",
                 "mime");
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  EXPECT_EQ(r.cases.at(0).suite, "mime");
  EXPECT_EQ(r.cases[0].proto, ms::protocol::imap);
  EXPECT_EQ(r.cases[0].role, ms::role::client);

  auto s = parse("suite imap-client role server protocol imap\n"
                 "case imap-client.x\n title \"t\"\n rfc 9051 7.1 MUST\n tags greeting\nend\n", "imap-client");
  ASSERT_EQ(s.cases.size(), 1u);
  EXPECT_EQ(s.cases[0].role, ms::role::server);
  EXPECT_EQ(s.cases[0].proto, ms::protocol::imap);
  ASSERT_EQ(s.errors.size(), 1u);  // title, rfc and tags are valid in both roles; no step yet is
  EXPECT_EQ(s.errors[0], "suites/smtp/t.mspec:2: case imap-client.x has no steps");
}

TEST(ScriptParser, RejectsClientStepsAndLinesInAServerSuite) {
  std::string const head = "suite imap-client protocol imap role server\ncase imap-client.x\n title \"t\"\n rfc 9051 1 MUST\n";
  EXPECT_EQ(first_error(head + " connect\nend\n", "imap-client"),
            "suites/smtp/t.mspec:5: connect is a client step; this is a server suite");
  EXPECT_EQ(first_error(head + " requires login\nend\n", "imap-client"),
            "suites/smtp/t.mspec:5: login is a client requirement; this is a server suite");
  EXPECT_EQ(first_error(head + " command \"NOOP\"\nend\n", "imap-client"),
            "suites/smtp/t.mspec:5: command is a client step; this is a server suite");
  EXPECT_EQ(first_error(head + " expect tagged OK\nend\n", "imap-client"),
            "suites/smtp/t.mspec:5: tagged is a client matcher; this is a server suite");
  EXPECT_EQ(first_error("case smtp.x\n connect\n expect command EHLO\nend\n"),
            "suites/smtp/t.mspec:3: command is a server matcher; this is a client suite");
}

TEST(ScriptParser, ServerCasesMayRequireTheSchemeServed) {
  auto s = parse("suite imap-client role server protocol imap\n"
                 "case imap-client.x\n title \"t\"\n rfc 9051 1 MUST\n requires plain\n requires scheme imap|imaps\n"
                 " send \"* OK hi\"\nend\n", "imap-client");
  ASSERT_TRUE(s.errors.empty()) << s.errors.front();
  ASSERT_EQ(s.cases.size(), 1u);
  ASSERT_EQ(s.cases[0].requires_.size(), 2u);
  EXPECT_EQ(s.cases[0].requires_[0].k, ms::requirement::kind::plain);
  EXPECT_EQ(s.cases[0].requires_[1].k, ms::requirement::kind::scheme);
}

TEST(ScriptParser, RejectsMalformedSuiteLines) {
  auto err = [](std::string const& text) { return first_error(text + "\n", "x"); };
  EXPECT_EQ(err("suite"), "suites/smtp/t.mspec:1: missing suite name");
  EXPECT_EQ(err("suite x role boss"), "suites/smtp/t.mspec:1: unknown role 'boss' (client, server)");
  EXPECT_EQ(err("suite x protocol nntp"), "suites/smtp/t.mspec:1: unknown protocol 'nntp' (smtp, pop3, imap)");
  EXPECT_EQ(err("suite x protocol imap protocol pop3"), "suites/smtp/t.mspec:1: 'protocol' is given twice");
  EXPECT_EQ(err("suite x colour blue"),
            "suites/smtp/t.mspec:1: unknown suite option 'colour' (protocol PROTO, role client|server)");
  EXPECT_EQ(first_error("case mime.x\nend\n", "mime"),
            "suites/smtp/t.mspec:1: suite 'mime' is not a protocol (smtp, pop3, imap); use 'suite mime protocol PROTO'");
}

TEST(ScriptParser, ChecksStepsAndCaseLinesAgainstTheProtocol) {
  EXPECT_EQ(first_error("case smtp.x\n connect\n apop\nend\n"),
            "suites/smtp/t.mspec:3: apop is a pop3 step; this is a smtp connection");
  EXPECT_EQ(first_error("case pop3.x\n monitors enhanced-codes\nend\n", "pop3"),
            "suites/smtp/t.mspec:2: monitors is a smtp case line; this is a pop3 case");
  EXPECT_EQ(first_error("fixture smtp.f\n setup x\nend\n"),
            "suites/smtp/t.mspec:2: 'setup' belongs to a case; a fixture holds steps only");
}

// A fixture is checked where it is written; a case of another role that includes it, when it is linked.
TEST(Registry, ChecksIncludedStepsAgainstTheRoleOfTheCase) {
  auto dir = std::filesystem::temp_directory_path() / ("mailspec-role-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "imap-client");
  auto write = [&](std::string const& name, std::string const& text) { std::ofstream(dir / "imap-client" / name) << text; };
  write("fixtures.mspec", "suite imap-client protocol imap\nfixture imap-client.f\n  connect\n  need greeting\nend\n");
  write("a.mspec", "suite imap-client protocol imap role server\n"
                   "case imap-client.a\n  title \"t\"\n  rfc 9051 7.1 MUST\n  include imap-client.f\nend\n");
  ms::registry reg;
  reg.load_directory((dir / "imap-client").string());
  std::string all;
  for (auto const& e : reg.errors()) all += e + "\n";
  EXPECT_NE(all.find("fixtures.mspec:3: connect is a client step; this is a server suite"), std::string::npos) << all;
  EXPECT_NE(all.find("fixtures.mspec:4: greeting is a client matcher; this is a server suite"), std::string::npos) << all;
  std::filesystem::remove_all(dir);
}

// suites/PROTO-client/ tests clients of PROTO: the harness plays the server, with no `suite` line.
TEST(ScriptParser, ClientSuiteDirectoriesPlayTheServer) {
  auto r = parse("case smtp-client.x\n title \"t\"\n rfc 5321 4.1.1.1 SHOULD\n send \"220 ready\"\n"
                 " need command ehlo|HELO\n send \"250 ok\"\n expect MUST command MAIL text /^FROM:</i\n"
                 " expect data text /Subject/\n expect closed\nend\n",
                 "smtp-client");
  ASSERT_TRUE(r.errors.empty()) << r.errors.front();
  auto const& c = r.cases.at(0);
  EXPECT_EQ(c.role, ms::role::server);
  EXPECT_EQ(c.proto, ms::protocol::smtp);
  EXPECT_EQ(c.steps.at(1).m.kind, ms::matcher_kind::command);
  EXPECT_EQ(c.steps[1].m.alternatives, (std::vector<std::string>{"EHLO", "HELO"}));
  EXPECT_EQ(c.steps.at(4).m.kind, ms::matcher_kind::mail_data);
  EXPECT_EQ(first_error("case pop3-client.x\n expect data\nend\n", "pop3-client"),
            "suites/smtp/t.mspec:2: data is a smtp matcher; this is a pop3 connection");
  EXPECT_EQ(first_error("case smtp-client.x\n expect reply 250\nend\n", "smtp-client"),
            "suites/smtp/t.mspec:2: reply is a client matcher; this is a server suite");
}
