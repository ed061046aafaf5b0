#include "report/report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "script/interpreter.hpp"
#include "script/parser.hpp"
#include "support/fake_peer.hpp"

namespace ms = mailspec::script;
namespace rp = mailspec::report;
using namespace std::chrono_literals;

namespace {

// Reports written here are validated against the schema by the ctest test report_schema.
std::filesystem::path report_dir() {
  std::filesystem::path d = MAILSPEC_TEST_REPORT_DIR;
  std::filesystem::create_directories(d);
  return d;
}

std::string slurp(std::filesystem::path const& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

rp::run_report sample_run() {
  mailspec::testing::fake_peer peer([](mailspec::testing::wire& w) {
    w.send("220 fake\r\n");
    for (std::string l = w.line(); !l.empty(); l = w.line()) w.send(l.rfind("RCPT", 0) == 0 ? "250 ok\r\n" : "250 fine\r\n");
  });
  auto parsed = ms::parse_script(R"(
case smtp.t.pass
  title "passes"
  rfc 5321 4.1.1.9 MUST
  connect
  need greeting
  send "NOOP"
  expect reply 250
end
case smtp.t.fail
  title "fails"
  rfc 5321 4.1.4 MUST
  connect
  need greeting
  send "PASS ${password}" "RCPT TO:<a@b>"
  expect reply 250
  expect reply 503
end
case smtp.t.skip
  title "skips"
  rfc 3030 2 MUST
  requires ext CHUNKING
  connect
end
)",
                                 "suites/smtp/t.mspec", "smtp");
  EXPECT_TRUE(parsed.errors.empty());
  ms::run_config cfg;
  cfg.tgt = {ms::protocol::smtp, "smtp", "127.0.0.1", peer.port(), false, "smtp://127.0.0.1"};
  cfg.user = "alice";
  cfg.password = "hunter2-secret";
  cfg.read_timeout = 2s;
  rp::run_report r;
  r.tool_version = "0.1.0";
  r.tgt = cfg.tgt;
  r.started = rp::now_rfc3339();
  for (auto const& c : parsed.cases) r.cases.push_back(ms::run_case(c, cfg));
  r.finished = rp::now_rfc3339();
  return r;
}

}  // namespace

TEST(JsonReport, CarriesVerdictsEvidenceAndSummary) {
  auto const r = sample_run();
  auto const path = report_dir() / "unit-sample.json";
  rp::write_atomic(path.string(), rp::to_json(r));
  auto const j = nlohmann::json::parse(slurp(path));
  EXPECT_EQ(j["summary"]["pass"], 1);
  EXPECT_EQ(j["summary"]["fail"], 1);
  EXPECT_EQ(j["summary"]["skip"], 1);
  EXPECT_EQ(j["summary"]["total"], 3);
  auto const& fail = j["cases"][1];
  EXPECT_EQ(fail["verdict"], "fail");
  EXPECT_EQ(fail["evidence"]["actual"], "250 ok\\r\\n");
  EXPECT_EQ(fail["evidence"]["rfc"]["section"], "4.1.4");
  EXPECT_EQ(fail["rfc"][0]["url"], "https://www.rfc-editor.org/rfc/rfc5321#section-4.1.4");
  EXPECT_EQ(fail["source"], "suites/smtp/t.mspec:10");
}

TEST(JsonReport, NeverContainsThePassword) {
  auto const text = rp::to_json(sample_run());
  EXPECT_EQ(text.find("hunter2-secret"), std::string::npos);
  EXPECT_NE(text.find("<redacted>"), std::string::npos);
}

TEST(JsonReport, QuotesOctetsByteExactly) {
  ms::case_result c;
  c.id = "smtp.t.bytes";
  c.title = "bytes";
  c.refs = {{5321, "2.3.8", ms::level::must}};
  c.transcript.push_back({0, mailspec::session::direction::server, "main", std::string("a\r\n\0\xff\\", 6)});
  rp::run_report r;
  r.tool_version = "0.1.0";
  r.started = r.finished = rp::now_rfc3339();
  r.tgt = {ms::protocol::smtp, "smtp", "h", 25, false, "smtp://h"};
  r.cases.push_back(c);
  auto const j = nlohmann::json::parse(rp::to_json(r));
  EXPECT_EQ(j["cases"][0]["transcript"][0]["data"], "a\\r\\n\\x00\\xFF\\\\");
  rp::write_atomic((report_dir() / "unit-bytes.json").string(), rp::to_json(r));
}

TEST(WriteAtomic, ReplacesWholeFileAndLeavesNoTemporary) {
  auto const dir = report_dir() / "atomic";
  std::filesystem::remove_all(dir);
  auto const path = (dir / "r.json").string();
  rp::write_atomic(path, "first");
  rp::write_atomic(path, "second");
  EXPECT_EQ(slurp(path), "second");
  int files = 0;
  for ([[maybe_unused]] auto const& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);
}

TEST(WriteAtomic, SaysWhichPathFailed) {
  try {
    rp::write_atomic("/proc/no-such-dir/r.json", "x");
    FAIL() << "no exception";
  } catch (std::runtime_error const& e) {
    EXPECT_NE(std::string(e.what()).find("/proc/no-such-dir/r.json"), std::string::npos) << e.what();
  }
}

TEST(ListJson, HasTheContractFields) {
  auto parsed = ms::parse_script("case smtp.a\n title \"A\"\n rfc 5321 4.1 MUST\n tags x\n requires ext SIZE\n connect\nend\n",
                                 "suites/smtp/a.mspec", "smtp");
  std::vector<ms::case_def const*> cases{&parsed.cases[0]};
  auto const j = nlohmann::json::parse(rp::cases_to_json(cases));
  ASSERT_EQ(j.size(), 1u);
  for (char const* k : {"id", "suite", "title", "rfc", "tags"}) EXPECT_TRUE(j[0].contains(k)) << k;
  EXPECT_EQ(j[0]["rfc"][0]["level"], "MUST");
  EXPECT_EQ(j[0]["requires"][0], "ext SIZE");
}
