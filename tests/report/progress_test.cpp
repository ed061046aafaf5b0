// The live status line of a run on a terminal (report/progress.hpp) and the summary's last lines. The
// same under a real pseudo-terminal, with the binary: tests/cli/terminal_test.py.
#include "report/progress.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <thread>

#include "report/observers.hpp"

namespace ms = mailspec::script;
namespace rp = mailspec::report;
namespace cl = mailspec::client;
using namespace std::chrono_literals;

namespace {

/// What a terminal shows once `raw` is written to it: "\r" goes back to the start of the line, ESC [ K
/// erases to its end, colours are invisible; the lines, the last one unterminated if not empty.
std::vector<std::string> screen(std::string const& raw) {
  std::vector<std::string> lines{""};
  std::size_t col = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char const c = raw[i];
    if (c == '\033') {
      std::size_t j = raw.find_first_of("Km", i);
      if (j != std::string::npos && raw[j] == 'K') lines.back().resize(col);
      i = j;
    } else if (c == '\r') {
      col = 0;
    } else if (c == '\n') {
      lines.emplace_back();
      col = 0;
    } else {
      auto& l = lines.back();
      if (col < l.size()) l[col] = c; else l += c;
      ++col;
    }
  }
  if (lines.back().empty()) lines.pop_back();
  return lines;
}

std::string visible(std::string const& s) { return std::regex_replace(s, std::regex("\033\\[[0-9;]*m"), ""); }

std::size_t count(std::string const& hay, std::string const& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

ms::case_result result(std::string id, ms::verdict v, std::string reason = {}) {
  ms::case_result r;
  r.id = std::move(id);
  r.v = v;
  r.reason = std::move(reason);
  return r;
}

rp::progress_state busy() {
  rp::progress_state s;
  s.done = 12;
  s.total = 283;
  s.counts.pass = 10;
  s.counts.fail = 1;
  s.counts.skip = 1;
  s.elapsed = 3500ms;
  s.running = {"smtp.rfc5321.4.1.4.rcpt-before-mail", "smtp.rfc5321.4.1.1.9.noop"};
  return s;
}

}  // namespace

TEST(StatusLine, CountsOfTheVerdictsSeenTheTimeAndTheCaseUnderWay) {
  EXPECT_EQ(rp::status_line(busy(), 200, false),
            "[ 12/283] 10 pass 1 fail 1 skip  0:03  running smtp.rfc5321.4.1.4.rcpt-before-mail (+1 more)");
  auto s = busy();
  s.running.clear();
  s.last = "smtp.t.last";
  s.elapsed = 3723s;
  EXPECT_EQ(rp::status_line(s, 200, false), "[ 12/283] 10 pass 1 fail 1 skip  1:02:03  last smtp.t.last");
}

TEST(StatusLine, NeverWiderThanTheTerminalAndTheIdKeepsItsEnd) {
  for (std::size_t w = 1; w <= 120; ++w) {
    for (bool colour : {false, true}) {
      std::string const line = rp::status_line(busy(), w, colour);
      EXPECT_LE(visible(line).size(), w) << w << ": " << line;
    }
  }
  std::string const at72 = rp::status_line(busy(), 72, false);
  EXPECT_EQ(at72, "[ 12/283] 10 pass 1 fail 1 skip  0:03  running ...-before-mail (+1 more)");
  // Narrower: the count of the others running goes before the id gets shorter than 12 columns.
  EXPECT_EQ(rp::status_line(busy(), 60, false), "[ 12/283] 10 pass 1 fail 1 skip  0:03  running ...efore-mail");
  // Narrower still: the case goes, the counts stay.
  EXPECT_EQ(rp::status_line(busy(), 40, false), "[ 12/283] 10 pass 1 fail 1 skip  0:03");
}

TEST(StatusLine, ColoursOnlyTheCounts) {
  std::string const line = rp::status_line(busy(), 200, true);
  EXPECT_NE(line.find(std::string(rp::colour_code(ms::verdict::fail)) + "1 fail\033[0m"), std::string::npos) << line;
  EXPECT_EQ(visible(line), rp::status_line(busy(), 200, false));
}

TEST(StatusLine, ServeCountsConnectionsAndSaysWhenItWaits) {
  rp::progress_state s;
  s.serving = true;
  s.total = 3;
  s.done = 1;
  s.counts.pass = 1;
  s.elapsed = 65s;
  EXPECT_EQ(rp::status_line(s, 100, false), "[1/3 connections] 1 pass  1:05  waiting for a client");
  s.running = {"smtp-client.t.quit"};
  EXPECT_EQ(rp::status_line(s, 100, false), "[1/3 connections] 1 pass  1:05  serving smtp-client.t.quit");
}

TEST(LiveProgress, AFindingPrintsAboveTheLineAndEndErasesIt) {
  std::ostringstream out;
  rp::terminal term{out, false, true};
  term.columns = 60;
  {
    rp::live_progress live(term, false);
    live.begin(3);
    live.started("smtp.t.a");
    live.started("smtp.t.b");
    std::this_thread::sleep_for(150ms);  // past the throttle: the next change is drawn at once
    live.finished(result("smtp.t.a", ms::verdict::fail, "expected reply 503, got 250 " + std::string(80, 'x')), 1, 3);
    live.finished(result("smtp.t.b", ms::verdict::pass), 2, 3);
    live.end();
  }
  std::string const raw = out.str();
  EXPECT_NE(raw.find("running smtp.t.a (+1 more)"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\r\033[K"), std::string::npos);
  // What stays on the screen: the finding, cut to the width, and no status line.
  auto const shown = screen(raw);
  ASSERT_EQ(shown.size(), 1u) << raw;
  EXPECT_EQ(shown[0].rfind("[1/3] fail smtp.t.a: expected reply 503, got 250 xxx", 0), 0u) << shown[0];
  EXPECT_EQ(shown[0].size(), 59u) << shown[0];
  EXPECT_EQ(shown[0].substr(56), "...");
}

TEST(LiveProgress, RedrawsAtMostTenTimesASecondAndCatchesUp) {
  std::ostringstream out;
  rp::terminal term{out, false, true};
  rp::live_progress live(term, false);
  auto const t0 = std::chrono::steady_clock::now();
  live.begin(2000);
  for (std::size_t i = 1; i <= 2000; ++i) {
    std::string const id = "smtp.t." + std::to_string(i);
    live.started(id);
    live.finished(result(id, ms::verdict::pass), i, 2000);
  }
  auto const took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  std::this_thread::sleep_for(300ms);  // the ticker draws what the throttle held back
  live.end();
  std::size_t const draws = count(out.str(), "\r\033[K[");
  EXPECT_LE(draws, static_cast<std::size_t>(took.count() / 100 + 4)) << draws << " draws in " << took.count() << " ms";
  EXPECT_NE(out.str().find("[2000/2000] 2000 pass"), std::string::npos);
}

TEST(LiveProgress, TheClockMovesWhileNothingFinishes) {
  std::ostringstream out;
  rp::terminal term{out, false, true};
  rp::live_progress live(term, false);
  live.begin(1);
  live.started("smtp.t.slow");
  std::this_thread::sleep_for(1300ms);
  live.end();
  EXPECT_NE(out.str().find("0:01  running smtp.t.slow"), std::string::npos) << out.str();
}

TEST(SummaryPrinter, QuietPrintsOnlyTheCountsAndWhereTheReportsWent) {
  cl::run_record r;
  r.tgt.url = "smtp://127.0.0.1:25";
  r.cases = {result("smtp.t.a", ms::verdict::fail, "expected reply 503, got 250"), result("smtp.t.b", ms::verdict::skip)};
  r.cases[1].hint = "extension CHUNKING is not advertised";
  std::ostringstream quiet, loud;
  rp::terminal qt{quiet}, lt{loud};
  rp::summary_printer(qt, false, true, "out/x.json (json), out/x.html (html)").on_finished(r);
  EXPECT_EQ(quiet.str(),
            "2 cases against smtp://127.0.0.1:25\n"
            "  0 pass  1 fail  0 warn  0 info  1 skip  0 error\n"
            "  report: out/x.json (json), out/x.html (html)\n");
  rp::summary_printer(lt, false, false, "").on_finished(r);
  EXPECT_NE(loud.str().find("fail  smtp.t.a\n      expected reply 503, got 250\n"), std::string::npos) << loud.str();
  EXPECT_NE(loud.str().find("  1 skipped: extension CHUNKING is not advertised\n"), std::string::npos) << loud.str();
  EXPECT_NE(loud.str().find("\n  no report written (keep one with --report-json FILE or --report-html FILE)\n"),
            std::string::npos) << loud.str();
}
