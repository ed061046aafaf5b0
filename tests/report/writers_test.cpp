// The report formats rendered from one run record (report/document.hpp): JUnit (validated against
// tests/report/junit.xsd by the ctest test report_junit_xsd), NDJSON and the HTML page.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "report/document.hpp"
#include "report/observers.hpp"

namespace ms = mailspec::script;
namespace rp = mailspec::report;
namespace cl = mailspec::client;
using nlohmann::json;

namespace {

std::string out_path(std::string const& name) {
  std::filesystem::path d = MAILSPEC_TEST_REPORT_DIR;
  std::filesystem::create_directories(d);
  return (d / name).string();
}

std::string slurp(std::string const& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ms::case_result one(std::string id, std::string suite, ms::verdict v, std::string reason) {
  ms::case_result c;
  c.id = std::move(id);
  c.suite = std::move(suite);
  c.title = "title of " + c.id + " <&>";
  c.refs = {{5321, "4.1.1.9", v == ms::verdict::warn ? ms::level::should : ms::level::must}};
  c.tags = {"basic", "t-" + c.suite};
  c.where = {"suites/x.mspec", 12};
  c.v = v;
  c.reason = std::move(reason);
  c.duration_ms = 12.5;
  return c;
}

/// Every verdict, markup in the text, a control character and invalid UTF-8 from a hostile server.
cl::run_record sample() {
  cl::run_record r;
  r.tgt.proto = ms::protocol::smtp;
  r.tgt.scheme = "smtp";
  r.tgt.host = "127.0.0.1";
  r.tgt.port = 2525;
  r.tgt.url = "smtp://127.0.0.1:2525";
  r.started = "2026-12-06T21:00:00.000Z";
  r.finished = "2026-12-06T21:00:01.000Z";
  r.cases.push_back(one("smtp.a.pass", "smtp-a", ms::verdict::pass, "every check matched"));
  auto f = one("smtp.a.fail", "smtp-a", ms::verdict::fail, "expected reply 503, got 250 <ok> & \"done\"");
  f.evidence = ms::finding{"suites/x.mspec:14", "reply 503", "250 ok\\r\\n", ms::rfc_ref{5321, "4.1.4", ms::level::must}};
  f.transcript = {{0, mailspec::session::direction::note, "a", "connected to 127.0.0.1:2525"},
                  {1500, mailspec::session::direction::server, "a", "220 hi\r\n"},
                  {2000, mailspec::session::direction::client, "a", "RCPT TO:<a@b>\r\n"},
                  {2500, mailspec::session::direction::server, "a", "250 ok\r\n"}};
  r.cases.push_back(f);
  auto w = one("smtp.b.warn", "smtp-b", ms::verdict::warn, "a SHOULD: \x01 bell \xff\xfe bytes");
  w.evidence = ms::finding{"suites/x.mspec:20", "reply 250", "550 no\\r\\n", std::nullopt};
  r.cases.push_back(w);
  auto i = one("smtp.b.info", "smtp-b", ms::verdict::info, "a policy choice");
  i.evidence = ms::finding{"suites/x.mspec:30", "reply 250", "252 cannot verify\\r\\n", std::nullopt};
  r.cases.push_back(i);
  auto s = one("smtp.b.skip", "smtp-b", ms::verdict::skip, "extension CHUNKING is not advertised");
  s.hint = "extension CHUNKING is not advertised";
  r.cases.push_back(s);
  r.cases.push_back(one("smtp.c.error", "smtp-c", ms::verdict::error, "read timed out after 10 s"));
  return r;
}

std::string render(rp::format f, cl::run_record const& r) { return rp::make_writer(f)->render(rp::document(r, "0.1.0")); }

TEST(JunitWriter, OneTestsuitePerSuiteAndOneTestcasePerCase) {
  std::string const x = render(rp::format::junit, sample());
  rp::write_atomic(out_path("unit-junit.xml"), x);  // ctest report_junit_xsd validates it
  EXPECT_EQ(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0), 0u);
  EXPECT_NE(x.find("tests=\"6\" failures=\"1\" errors=\"1\" skipped=\"1\""), std::string::npos);
  for (auto const* s : {"smtp-a", "smtp-b", "smtp-c"}) {
    EXPECT_NE(x.find(std::string("<testsuite name=\"") + s + "\""), std::string::npos) << s;
  }
  std::size_t n = 0;
  for (auto at = x.find("<testcase "); at != std::string::npos; at = x.find("<testcase ", at + 1)) ++n;
  EXPECT_EQ(n, 6u);
  EXPECT_NE(x.find("<testcase name=\"smtp.a.pass\" classname=\"smtp-a\" time=\"0.013\" file=\"suites/x.mspec\" line=\"12\">"),
            std::string::npos);
}

TEST(JunitWriter, MapsVerdictsSoCiToolsShowThem) {
  std::string const x = render(rp::format::junit, sample());
  EXPECT_NE(x.find("<failure message=\"expected reply 503, got 250 &lt;ok&gt; &amp; &quot;done&quot;\" type=\"fail\">"),
            std::string::npos);
  EXPECT_NE(x.find("<error message=\"read timed out after 10 s\" type=\"error\">"), std::string::npos);
  EXPECT_NE(x.find("<skipped message=\"extension CHUNKING is not advertised\"/>"), std::string::npos);
  EXPECT_NE(x.find("<property name=\"mailspec.verdict\" value=\"warn\"/>"), std::string::npos);
  EXPECT_NE(x.find("<system-out>warn: a SHOULD not followed"), std::string::npos);
  EXPECT_NE(x.find("<system-out>info: "), std::string::npos);
  EXPECT_EQ(std::count(x.begin(), x.end(), '<') - std::count(x.begin(), x.end(), '>'), 0);
}

TEST(JunitWriter, FailureBodyHasTheRfcTheEvidenceAndTheTranscript) {
  std::string const x = render(rp::format::junit, sample());
  auto const from = x.find("<failure ");
  std::string const body = x.substr(from, x.find("</failure>") - from);
  EXPECT_NE(body.find("RFC 5321 §4.1.1.9 (MUST): https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.9"), std::string::npos);
  EXPECT_NE(body.find("expected: reply 503"), std::string::npos);
  EXPECT_NE(body.find("actual:   250 ok\\r\\n"), std::string::npos);
  EXPECT_NE(body.find("c a  RCPT TO:&lt;a@b&gt;\\r\\n"), std::string::npos);
}

TEST(JunitWriter, HostileOctetsStayWellFormed) {
  std::string const x = render(rp::format::junit, sample());
  EXPECT_NE(x.find("\\x01 bell"), std::string::npos);
  for (unsigned char ch : x) EXPECT_TRUE(ch >= 0x20 || ch == '\n' || ch == '\t') << int(ch);
}

TEST(JunitWriter, AnUnreachableTargetIsAnErrorNotAnEmptyGreenRun) {
  auto r = sample();
  r.cases.clear();
  r.probe_error = "connection refused";
  std::string const x = render(rp::format::junit, r);
  rp::write_atomic(out_path("unit-junit-unreachable.xml"), x);  // ctest report_junit_xsd validates it
  EXPECT_NE(x.find("tests=\"1\" failures=\"0\" errors=\"1\""), std::string::npos) << x;
  EXPECT_NE(x.find("<error message=\"connection refused\" type=\"unreachable\">"), std::string::npos) << x;
}

TEST(NdjsonStream, OneParsableLinePerCaseBetweenTheRunAndTheSummary) {
  auto const path = out_path("unit-stream.ndjson");
  auto r = sample();
  {
    rp::ndjson_stream s(path, "0.1.0");
    s.on_probed(r);
    for (std::size_t i = 0; i < r.cases.size(); ++i) s.on_case(r.cases[i], i + 1, r.cases.size());
    s.on_finished(r);
  }
  std::istringstream in(slurp(path));
  std::vector<json> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));  // throws if a line does not parse
  ASSERT_EQ(lines.size(), r.cases.size() + 2);
  EXPECT_EQ(lines.front()["type"], "run");
  EXPECT_EQ(lines.front()["target"]["url"], "smtp://127.0.0.1:2525");
  EXPECT_EQ(lines[2]["type"], "case");
  EXPECT_EQ(lines[2]["id"], "smtp.a.fail");
  EXPECT_EQ(lines[2]["done"], 2);
  EXPECT_EQ(lines.back()["type"], "summary");
  EXPECT_EQ(lines.back()["summary"]["total"], 6);
  EXPECT_EQ(lines.back()["summary"]["fail"], 1);
}

TEST(NdjsonStream, EachCaseIsFlushedAsItFinishes) {
  auto const path = out_path("unit-stream-live.ndjson");
  auto r = sample();
  rp::ndjson_stream s(path, "0.1.0");
  s.on_probed(r);
  s.on_case(r.cases[0], 1, r.cases.size());
  std::string const now = slurp(path);
  EXPECT_EQ(std::count(now.begin(), now.end(), '\n'), 2);
}

TEST(NdjsonStream, AProbeFailureStillGivesTheRunAndTheSummary) {
  auto const path = out_path("unit-stream-unreachable.ndjson");
  auto r = sample();
  r.cases.clear();
  r.probe_error = "connection refused";
  {
    rp::ndjson_stream s(path, "0.1.0");
    s.on_finished(r);
  }
  std::istringstream in(slurp(path));
  std::vector<json> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["target"]["probe_error"], "connection refused");
  EXPECT_EQ(lines[1]["probe_error"], "connection refused");
}

TEST(NdjsonStream, AnUnwritablePathThrowsBeforeTheRun) {
  EXPECT_THROW(rp::ndjson_stream("/proc/no/such/dir/x.ndjson", "0.1.0"), std::runtime_error);
}

TEST(HtmlWriter, OneSelfContainedFileWithEveryCase) {
  auto const r = sample();
  std::string const h = render(rp::format::html, r);
  rp::write_atomic(out_path("unit-report.html"), h);
  // The same run as JSON: tests/report/html_browser_test.js renders it with `mailspec report` and loads
  // the page in Chromium (report_schema_unit validates it).
  rp::write_atomic(out_path("unit-every-verdict.json"), render(rp::format::json, r));
  for (auto const& c : r.cases) EXPECT_NE(h.find("data-id=\"" + c.id + "\""), std::string::npos) << c.id;
  EXPECT_NE(h.find("Content-Security-Policy"), std::string::npos);
  // Nothing is fetched: no external script, style, image or frame; every URL is an anchor's href.
  for (auto const* bad : {" src=", "<link", "@import", "url(", "fetch(", "XMLHttpRequest", "<iframe", "<img"}) {
    EXPECT_EQ(h.find(bad), std::string::npos) << bad;
  }
  std::regex const url("(https?://)");
  for (auto it = std::sregex_iterator(h.begin(), h.end(), url); it != std::sregex_iterator(); ++it) {
    auto const at = static_cast<std::size_t>(it->position());
    EXPECT_EQ(h.substr(at >= 9 ? at - 9 : 0, 9), "<a href=\"") << h.substr(at > 40 ? at - 40 : 0, 80);
  }
}

TEST(HtmlWriter, FiltersSearchAndMarkedOctets) {
  std::string const h = render(rp::format::html, sample());
  for (auto const* id : {"f-verdict", "f-protocol", "f-rfc", "f-tag", "f-id"}) {
    EXPECT_NE(h.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(h.find("<option value=\"5321\">RFC 5321</option>"), std::string::npos);
  EXPECT_NE(h.find("<option value=\"t-smtp-b\">"), std::string::npos);
  // The reply the failed check saw is marked where it arrived, not where it was sent.
  EXPECT_NE(h.find("s a  <mark>250 ok\\r\\n</mark>"), std::string::npos);
  EXPECT_EQ(h.find("<mark>220"), std::string::npos);
  EXPECT_NE(h.find("<a href=\"https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.9\">"), std::string::npos);
  EXPECT_NE(h.find("title of smtp.a.pass &lt;&amp;&gt;"), std::string::npos);
}

TEST(HtmlWriter, SeveralRunsSideBySide) {
  auto a = rp::document(sample(), "0.1.0");
  auto b = a;
  b["target"]["url"] = "smtp://127.0.0.1:2626";
  b["cases"][0]["verdict"] = "fail";
  b["cases"].push_back(b["cases"][1]);
  b["cases"].back()["id"] = "smtp.d.only-in-b";
  std::string const h = rp::make_writer(rp::format::html)->render(std::vector<json>{a, b});
  rp::write_atomic(out_path("unit-compare.html"), h);
  EXPECT_NE(h.find("smtp://127.0.0.1:2525"), std::string::npos);
  EXPECT_NE(h.find("smtp://127.0.0.1:2626"), std::string::npos);
  EXPECT_NE(h.find("<tr class=\"row differs\" data-id=\"smtp.a.pass\" data-verdict=\" fail pass\""), std::string::npos);
  EXPECT_NE(h.find("<tr class=\"row\" data-id=\"smtp.a.fail\""), std::string::npos);
  EXPECT_NE(h.find("data-id=\"smtp.d.only-in-b\""), std::string::npos);
  EXPECT_NE(h.find("id=\"f-differs\""), std::string::npos);
}

TEST(ReportWriters, JunitTakesOneReport) {
  auto a = rp::document(sample(), "0.1.0");
  EXPECT_THROW(rp::make_writer(rp::format::junit)->render(std::vector<json>{a, a}), std::invalid_argument);
}

TEST(ReportWriters, JsonIsTheSameDocumentAsToJson) {
  auto const r = sample();
  EXPECT_EQ(render(rp::format::json, r), rp::to_json(r, "0.1.0"));
}

}  // namespace
