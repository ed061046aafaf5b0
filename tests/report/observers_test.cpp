// The report layer's observers on a real run object: what `mailspec run` writes and prints, in order.
#include "report/observers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "script/target_url.hpp"
#include "support/fake_peer.hpp"
#include "support/temp_suites.hpp"

namespace cl = mailspec::client;
namespace rp = mailspec::report;
using mailspec::testing::fake_peer;
using mailspec::testing::wire;
using namespace std::chrono_literals;

namespace {

constexpr char const* two_cases = R"(case smtp.t.noop
  title "NOOP is answered 250"
  rfc 5321 4.1.1.9 MUST
  connect
  need greeting
  send "NOOP"
  expect reply 250
end
case smtp.t.rcpt-before-mail
  title "RCPT before MAIL is refused"
  rfc 5321 4.1.4 MUST
  connect
  need greeting
  send "RCPT TO:<a@b.example>"
  expect reply 503
end
)";

fake_peer accepting_peer() {
  return fake_peer([](wire& w) {
    w.send("220 fake ESMTP\r\n");
    for (std::string l = w.line(); !l.empty(); l = w.line()) w.send(l.rfind("QUIT", 0) == 0 ? "221 bye\r\n" : "250 ok\r\n");
  });
}

// Reports written into this directory are validated against the schema by the ctest test report_schema_unit.
std::string report_path(std::string const& name) {
  std::filesystem::path d = MAILSPEC_TEST_REPORT_DIR;
  std::filesystem::create_directories(d);
  return (d / name).string();
}

nlohmann::json read_json(std::string const& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

/// `mailspec run` as cmd_run wires it (progress, JSON, summary), with the terminal output in `out`.
struct wired_run {
  std::ostringstream out, notes;
  rp::terminal term{out, false, false};
  rp::progress_printer progress{term, 2};
  rp::json_writer json;
  rp::summary_printer summary;
  cl::run r;

  wired_run(std::string const& url, std::string const& report)
      : json(report, "0.1.0", notes), summary(term, false, false, report + " (json)"), r(options(url)) {
    r.observe(progress);
    r.observe(json);
    r.observe(summary);
  }
  static cl::run_options options(std::string const& url) {
    cl::run_options o;
    o.suites_dir = mailspec::testing::temp_suites(two_cases);
    o.cfg.tgt = mailspec::script::parse_target(url);
    o.cfg.connect_timeout = 2s;
    o.cfg.read_timeout = 1500ms;
    o.described = {{"jobs", "4"}, {"fail_on", "fail,error"}};
    return o;
  }
  /// Every phase, as far as the run gets.
  int go() {
    if (!r.load().empty() || r.select().empty()) return cl::exit_code(r.outcome());
    std::atomic<bool> stop{false};
    if (r.probe() == cl::probe_status::ok) r.execute(stop);
    r.finish();
    return cl::exit_code(r.outcome());
  }
};

}  // namespace

TEST(ReportObservers, RunWritesTheReportThenPrintsTheSummary) {
  auto peer = accepting_peer();
  std::string const url = "smtp://127.0.0.1:" + std::to_string(peer.port());
  auto const path = report_path("unit-run.json");
  wired_run w(url, path);
  EXPECT_EQ(w.go(), cl::exit_status::failed);

  auto const j = read_json(path);
  EXPECT_EQ(j["tool"]["version"], "0.1.0");
  EXPECT_EQ(j["target"]["url"], url);
  EXPECT_EQ(j["target"]["greeting"], "220 fake ESMTP\\r\\n");
  EXPECT_EQ(j["options"]["jobs"], "4");
  EXPECT_EQ(j["summary"]["total"], 2);
  EXPECT_EQ(j["cases"][0]["id"], "smtp.t.noop");
  EXPECT_EQ(j["cases"][1]["verdict"], "fail");
  EXPECT_FALSE(j["interrupted"]);
  EXPECT_FALSE(j["target"].contains("probe_error"));

  auto const text = w.out.str();
  EXPECT_NE(text.find("/2] fail smtp.t.rcpt-before-mail: expected reply 503"), std::string::npos) << text;
  EXPECT_NE(text.find("\n2 cases against " + url + "\n  1 pass  1 fail"), std::string::npos) << text;
  EXPECT_NE(text.find("  report: " + path + " (json)\n"), std::string::npos) << text;
  EXPECT_EQ(w.notes.str(), "");
}

TEST(ReportObservers, UnreachableTargetWritesWhyAndPrintsOnlyWhere) {
  auto const path = report_path("unit-unreachable.json");
  wired_run w("smtp://127.0.0.1:1", path);
  EXPECT_EQ(w.go(), cl::exit_status::unreachable);
  auto const j = read_json(path);
  EXPECT_EQ(j["target"]["probe_error"], w.r.record().probe_error);
  EXPECT_TRUE(j["cases"].empty());
  EXPECT_EQ(w.out.str(), "report: " + path + " (json)\n");
}

TEST(ReportObservers, UnwritableReportIsAUsageErrorAndNoSummary) {
  auto peer = accepting_peer();
  wired_run w("smtp://127.0.0.1:" + std::to_string(peer.port()), "/proc/no-such-dir/r.json");
  EXPECT_EQ(w.go(), cl::exit_status::usage);
  EXPECT_NE(w.r.finish_error().find("/proc/no-such-dir/r.json"), std::string::npos) << w.r.finish_error();
  EXPECT_EQ(w.out.str().find("cases against"), std::string::npos) << w.out.str();
}

TEST(ReportObservers, AbandonedRunSaysWhereWhatFinishedWent) {
  auto const path = report_path("abandoned/r.json");
  std::ostringstream notes;
  rp::json_writer json(path, "0.1.0", notes);
  cl::run_record rec;
  rec.tgt.url = "smtp://h";
  rec.interrupted = true;
  rec.cases.resize(2);
  json.on_abandoned(rec);
  EXPECT_EQ(notes.str(), "mailspec: wrote 2 finished cases to " + path + "\n");
  EXPECT_TRUE(read_json(path)["interrupted"]);
}
