// The compare-mime step against a scripted IMAP server that serves one message: correct answers pass; a
// wrong size fails naming the field; a robust-basis expectation warns; BINARY refused with UNKNOWN-CTE for
// an unknown encoding leaves those fields out, refused for base64 is a difference; a refused FETCH fails;
// the server's tree is written for `mailspec mime diff` with --var mime_trees.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "codec/mime/tree.hpp"
#include "script/interpreter.hpp"
#include "script/mime_tree_json.hpp"
#include "script/parser.hpp"
#include "support/fake_peer.hpp"

namespace ms = mailspec::script;
namespace fs = std::filesystem;
using json = nlohmann::json;
using mailspec::testing::fake_peer;
using mailspec::testing::wire;
using namespace std::chrono_literals;

namespace {

std::string message(std::string const& encoding, std::string const& body2 = "AAEC") {
  return "From: Ann <ann@example.test>\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\nDate: Mon, 02 Jan 2023 10:00:00 +0000\r\n"
         "Message-ID: <m1@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
         "--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n"
         "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n" + body2 +
         "\r\n--b--\r\n";
}

/// What the scripted server answers, and how it deviates.
struct served {
  std::string encoding = "base64";
  std::string body2 = "AAEC";         // part 2's octets as written
  std::string text_size = "5";        // BODYSTRUCTURE size of part 1 (5 is right)
  bool binary = false;                // advertise BINARY
  std::string binary_refusal;         // answer BINARY fetches of part 2 with this status ("NO [UNKNOWN-CTE] no")
  std::string refuse;                 // answer NO to a FETCH whose items contain this
  bool bye = false;                   // answer BINARY of part 2 with BYE and close
  bool no_structure = false;          // leave BODYSTRUCTURE out of the answer
  std::string first_answer;           // answer the first FETCH with this line instead ("TAG" stands for its tag)
};

std::string literal(std::string const& s) { return "{" + std::to_string(s.size()) + "}\r\n" + s; }

/// The octets of a section of the test message: HEADER, TEXT, n, n.MIME (the parser keeps them).
std::string section(mailspec::codec::mime::tree const& t, std::string const& m, std::string const& spec) {
  if (spec == "HEADER") return t.root.raw.header;
  if (spec == "TEXT") return m.substr(t.root.raw.header.size());
  auto const& p = t.root.parts.at(std::stoul(spec) - 1);
  return spec.find(".MIME") != std::string::npos ? p.raw.header : p.raw.body;
}

std::string fetch_answer(served const& s, std::string const& m, std::string const& items) {
  mailspec::codec::mime::build_options o;
  o.keep = true;
  auto const t = mailspec::codec::mime::parse(m, o);
  std::string out;
  std::regex const item(R"(BODYSTRUCTURE|ENVELOPE|RFC822\.SIZE|BODY\.PEEK\[([^\]]*)\]|BINARY\.(PEEK|SIZE)\[([^\]]*)\])");
  for (std::sregex_iterator it(items.begin(), items.end(), item), end; it != end; ++it) {
    std::string const w = (*it)[0];
    out += out.empty() ? "" : " ";
    if (w == "BODYSTRUCTURE" && s.no_structure) {
      out += "UID 1";
    } else if (w == "BODYSTRUCTURE") {
      out += "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" " + s.text_size +
             " 1 NIL NIL NIL NIL)(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"" + s.encoding +
             "\" " + std::to_string(s.body2.size()) + " NIL NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL NIL)";
    } else if (w == "ENVELOPE") {
      out += "ENVELOPE (\"Mon, 02 Jan 2023 10:00:00 +0000\" \"=?utf-8?q?caf=C3=A9?=\" ((\"Ann\" NIL \"ann\" \"example.test\")) "
             "((\"Ann\" NIL \"ann\" \"example.test\")) ((\"Ann\" NIL \"ann\" \"example.test\")) NIL NIL NIL NIL \"<m1@example.test>\")";
    } else if (w == "RFC822.SIZE") {
      out += "RFC822.SIZE " + std::to_string(m.size());
    } else if ((*it)[1].matched) {
      out += "BODY[" + std::string((*it)[1]) + "] " + literal(section(t, m, (*it)[1]));
    } else {
      std::string decoded = s.encoding == "base64" ? std::string("\x00\x01\x02", 3) : "AAEC";
      if ((*it)[3] == "1") decoded = "hello";
      out += (*it)[2] == "SIZE" ? "BINARY.SIZE[" + std::string((*it)[3]) + "] " + std::to_string(decoded.size())
                                : "BINARY[" + std::string((*it)[3]) + "] ~" + literal(decoded);
    }
  }
  return out;
}

fake_peer server(served s) {
  return fake_peer([s](wire& w) {
    std::string const m = message(s.encoding, s.body2);
    w.send(s.binary ? "* OK [CAPABILITY IMAP4rev1 BINARY] hi\r\n" : "* OK [CAPABILITY IMAP4rev1] hi\r\n");
    for (std::string line; !(line = w.line()).empty();) {
      std::string const tag = line.substr(0, line.find(' '));
      std::smatch f;
      if (!std::regex_search(line, f, std::regex(R"(^\S+ FETCH 1 \((.*)\)\r?\n$)"))) {
        w.send(tag + " OK done\r\n");
        continue;
      }
      std::string const items = f[1];
      if (!s.first_answer.empty() && items.find("BODYSTRUCTURE") != std::string::npos) {
        std::string a = s.first_answer;
        if (auto at = a.find("TAG"); at != std::string::npos) a.replace(at, 3, tag);
        if (!a.empty() && a != "silence") w.send(a);
        if (a == "silence") w.drain(3s);
        continue;
      }
      if (!s.refuse.empty() && items.find(s.refuse) != std::string::npos) {
        w.send(tag + " NO cannot\r\n");
      } else if (s.bye && items.find("BINARY.PEEK[2]") != std::string::npos) {
        w.send("* BYE internal error\r\n");
        return;
      } else if (!s.binary_refusal.empty() && items.find("BINARY.PEEK[2]") != std::string::npos) {
        w.send(tag + " " + s.binary_refusal + "\r\n");
      } else {
        w.send("* 1 FETCH (" + fetch_answer(s, m, items) + ")\r\n" + tag + " OK fetched\r\n");
      }
    }
  });
}

/// A message file and its expected tree (the parser's reading, with `basis`) in a fresh directory.
std::string corpus(std::string const& encoding, std::string const& basis, std::string const& body2 = "AAEC") {
  auto const* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path const dir = fs::path(::testing::TempDir()) / ("mailspec-compare-mime-" + std::to_string(::getpid())) / info->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string const m = message(encoding, body2);
  std::ofstream(dir / "msg.eml", std::ios::binary) << m;
  json e = ms::mime_tree_json(mailspec::codec::mime::parse(m), "mailspec");
  e["basis"] = basis;
  e["rfc"] = {"2046 5.1.1"};
  std::ofstream(dir / "msg.expected.json") << e.dump(1);
  return (dir / "msg.eml").string();
}

ms::case_result run(std::string const& msg, fake_peer const& p, std::map<std::string, std::string> vars = {},
                    std::size_t max_response = 16u << 20) {
  std::string const text = "case imap.t\n  title \"t\"\n  rfc 9051 7.5.2 MUST\n  connect\n  need greeting\n"
                           "  set m \"" + msg + "\"\n  compare-mime \"${m}\"\nend\n";
  auto parsed = ms::parse_script(text, "t.mspec", "imap");
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors.front();
  ms::run_config cfg;
  cfg.tgt.proto = ms::protocol::imap;
  cfg.tgt.host = "127.0.0.1";
  cfg.tgt.port = p.port();
  cfg.tgt.url = "imap://127.0.0.1";
  cfg.read_timeout = 1500ms;
  cfg.case_timeout = 10s;
  cfg.caps.probed = true;
  cfg.vars = std::move(vars);
  cfg.lim.max_response = max_response;
  return ms::run_case(parsed.cases.at(0), cfg);
}

bool noted(ms::case_result const& r, std::string const& what) {
  for (auto const& e : r.transcript) {
    if (e.data.find(what) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST(CompareMime, AServerThatReadsTheMessageRightPasses) {
  auto p = server({});
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_TRUE(noted(r, "fields agree with"));
  ASSERT_EQ(r.refs.size(), 2u);  // the case's own, then the expected file's
  EXPECT_EQ(r.refs[1].rfc, 2046);
  EXPECT_EQ(r.refs[1].section, "5.1.1");
}

TEST(CompareMime, AWrongSizeFailsNamingTheField) {
  served s;
  s.text_size = "7";
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("root.parts[0].body_octets: expected 5, got 7"), std::string::npos) << r.reason;
  ASSERT_TRUE(r.evidence);
  EXPECT_EQ(r.evidence->step, "t.mspec:7");
  ASSERT_TRUE(r.evidence->rfc);
  EXPECT_EQ(r.evidence->rfc->rfc, 2046);
}

TEST(CompareMime, ARobustBasisWarns) {
  served s;
  s.text_size = "6";
  auto p = server(s);
  auto r = run(corpus("base64", "robust"), p);
  EXPECT_EQ(r.v, ms::verdict::warn) << r.reason;
}

TEST(CompareMime, BinaryIsComparedWhenAdvertised) {
  served s;
  s.binary = true;
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  bool asked = false;
  for (auto const& e : r.transcript) asked = asked || e.data.find("BINARY.PEEK[2] BINARY.SIZE[2]") != std::string::npos;
  EXPECT_TRUE(asked);
}

TEST(CompareMime, BinaryRefusedForAnUnknownEncodingIsNotReported) {
  served s;
  s.encoding = "x-mailspec";
  s.binary = true;
  s.binary_refusal = "NO [UNKNOWN-CTE] unknown";
  auto p = server(s);
  auto r = run(corpus("x-mailspec", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_TRUE(noted(r, "refused for the unknown encoding x-mailspec (RFC 3516 §4.2 allows it): not reported"));
}

TEST(CompareMime, BinaryRefusedForBase64IsADifference) {
  served s;
  s.binary = true;
  s.binary_refusal = "NO [UNKNOWN-CTE] unknown";
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("root.parts[1].binary_octets"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("BINARY refused"), std::string::npos) << r.reason;
}

TEST(CompareMime, BinaryRefusedForBrokenOctetsIsNotReportedWhereNoRfcDecodesThem) {
  served s;
  s.body2 = "AAE";  // a truncated base64 quantum
  s.binary = true;
  s.binary_refusal = "NO [PARSE] invalid";
  auto p = server(s);
  auto r = run(corpus("base64", "robust", "AAE"), p);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  EXPECT_TRUE(noted(r, "which no RFC decodes (basis robust): not reported"));
  auto q = server(s);
  auto rfc = run(corpus("base64", "rfc", "AAE"), q);  // where an RFC decodes them, the refusal is a difference
  EXPECT_EQ(rfc.v, ms::verdict::fail) << rfc.reason;
}

TEST(CompareMime, AByeIsQuotedWhenTheServerHangsUp) {
  served s;
  s.binary = true;
  s.bye = true;
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("got (connection closed by the server) after * BYE internal error"), std::string::npos) << r.reason;
}

TEST(CompareMime, ARefusedFetchFails) {
  served s;
  s.refuse = "BODY.PEEK[2]";
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("the server refused FETCH 1 (BODY.PEEK[2.MIME] BODY.PEEK[2])"), std::string::npos) << r.reason;
}

TEST(CompareMime, TheServersTreeIsSavedForMimeDiff) {
  auto p = server({});
  std::string const msg = corpus("base64", "rfc");
  fs::path const dir = fs::path(msg).parent_path() / "trees";
  auto r = run(msg, p, {{"mime_trees", dir.string()}});
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;
  std::ifstream in(dir / "msg.json");
  ASSERT_TRUE(in);
  json const t = json::parse(in);
  EXPECT_EQ(t["format"], "mailspec-mime-1");
  EXPECT_EQ(t["message"]["subject"], "café");
  EXPECT_EQ(t["message"]["root"]["parts"][0]["body_octets"], 5);
}

TEST(CompareMime, AMissingOrBrokenExpectedTreeIsUndecided) {
  auto p = server({});
  std::string const msg = corpus("base64", "rfc");
  fs::remove(fs::path(msg).replace_extension(".expected.json"));
  auto const parsed = ms::parse_script("case imap.t\n  title \"t\"\n  rfc 9051 7.5.2 MUST\n  connect\n  compare-mime \"" + msg +
                                           "\"\nend\n", "t.mspec", "imap");
  ASSERT_EQ(parsed.errors.size(), 1u);  // a path written out is checked when the script is parsed
  EXPECT_NE(parsed.errors[0].find("compare-mime: no expected tree"), std::string::npos) << parsed.errors[0];
  auto r = run(msg, p);  // `${m}`: checked when the step runs
  EXPECT_EQ(r.v, ms::verdict::error) << r.reason;
  EXPECT_NE(r.reason.find("no expected tree"), std::string::npos) << r.reason;
  std::ofstream(fs::path(msg).replace_extension(".expected.json")) << R"({"format":"mailspec-mime-1","basis":"maybe","message":{}})";
  auto q = server({});
  auto b = run(msg, q);
  EXPECT_EQ(b.v, ms::verdict::error) << b.reason;
  EXPECT_NE(b.reason.find("basis \"maybe\""), std::string::npos) << b.reason;
}

TEST(CompareMime, AnAnswerWithoutBodystructureFails) {
  served s;
  s.no_structure = true;
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("holds no BODYSTRUCTURE"), std::string::npos) << r.reason;
}

TEST(CompareMime, AnAnswerForAnotherTagIsNoAnswer) {
  served s;
  s.first_answer = "zz9 OK not yours\r\n";
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_NE(r.reason.find("no answer to FETCH 1 (BODYSTRUCTURE"), std::string::npos) << r.reason;
}

TEST(CompareMime, ABrokenResponseIsAProtocolViolation) {
  served s;
  s.first_answer = "* 1 FETCH (BODYSTRUCTURE (\"TEXT\"))\r\nTAG OK done\r\n";
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::fail) << r.reason;
  EXPECT_EQ(r.reason.rfind("protocol violation: response breaks the IMAP grammar", 0), 0u) << r.reason;
}

TEST(CompareMime, SilenceIsUndecided) {
  served s;
  s.first_answer = "silence";
  auto p = server(s);
  auto r = run(corpus("base64", "rfc"), p);
  EXPECT_EQ(r.v, ms::verdict::error) << r.reason;
  EXPECT_NE(r.reason.find("timeout"), std::string::npos) << r.reason;
}

TEST(CompareMime, ATreeThatCannotBeWrittenIsAnError) {
  auto p = server({});
  std::string const msg = corpus("base64", "rfc");
  fs::path const file = fs::path(msg).parent_path() / "not-a-directory";
  std::ofstream(file) << "x";
  auto r = run(msg, p, {{"mime_trees", file.string()}});
  EXPECT_EQ(r.v, ms::verdict::error) << r.reason;
  EXPECT_NE(r.reason.find("mime_trees"), std::string::npos) << r.reason;
}

TEST(CompareMime, TheOctetsKeptAreBounded) {
  std::string body;  // about 2000 octets of base64 in lines of 76
  for (int i = 0; i < 26; ++i) body += (i ? "\r\n" : "") + std::string(76, 'A');
  served s;
  s.binary = true;
  s.body2 = body;
  auto p = server(s);
  // Every answer fits in 2500 octets, but the message header, the multipart's body and part 2 kept
  // together do not: the BINARY fetches are not made.
  auto r = run(corpus("base64", "rfc", body), p, {}, 2500);
  EXPECT_EQ(r.v, ms::verdict::pass) << r.reason;  // what was not fetched is not reported
  EXPECT_TRUE(noted(r, "over --max-response (2500): the rest is not fetched"));
  bool binary = false;
  for (auto const& e : r.transcript) binary = binary || e.data.find("BINARY.PEEK") != std::string::npos;
  EXPECT_FALSE(binary);
}
