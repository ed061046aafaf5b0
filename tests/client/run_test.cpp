// The run object (client/run.hpp) against scripted peers: its phases, what its observers are told, and
// the outcome that decides the exit code.
#include "client/run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "script/target_url.hpp"
#include "support/fake_peer.hpp"
#include "support/temp_suites.hpp"

namespace cl = mailspec::client;
namespace ms = mailspec::script;
using mailspec::testing::fake_peer;
using mailspec::testing::wire;
using namespace std::chrono_literals;

namespace {

// Selection (file) order: pass, fail, skip; each verdict is the peer's doing (see smtp_peer).
constexpr char const* three_cases = R"(case smtp.t.noop
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
case smtp.t.chunking
  title "needs CHUNKING"
  rfc 3030 2 MUST
  requires ext CHUNKING
  connect
end
)";

std::string suites_with(std::string const& text) { return mailspec::testing::temp_suites(text); }

// An SMTP peer that accepts everything, even RCPT before MAIL (so that case fails), and advertises no
// extension (so the CHUNKING case skips).
fake_peer smtp_peer() {
  return fake_peer([](wire& w) {
    w.send("220 fake ESMTP\r\n");
    for (std::string l = w.line(); !l.empty(); l = w.line()) {
      if (l.rfind("QUIT", 0) == 0) {
        w.send("221 bye\r\n");
        return;
      }
      w.send(l.rfind("EHLO", 0) == 0 ? "250 fake\r\n" : "250 ok\r\n");
    }
  });
}

cl::run_options options(std::string const& url, std::string const& suites_dir) {
  cl::run_options o;
  o.suites_dir = suites_dir;
  o.cfg.tgt = ms::parse_target(url);
  o.cfg.connect_timeout = 2s;
  o.cfg.read_timeout = 1500ms;
  o.cfg.case_timeout = 10s;
  o.described = {{"jobs", "3"}};
  return o;
}

std::string url_of(fake_peer const& p) { return "smtp://127.0.0.1:" + std::to_string(p.port()); }

/// Writes down every call, in order.
struct recorder : cl::run_observer {
  std::mutex lock;
  std::vector<std::string> calls;  // "probed", "start ID", "case ID d/t", "finished", "abandoned"
  cl::run_record last;             // as on_finished or on_abandoned saw it
  std::function<void(ms::case_result const&)> then;  // after on_case, e.g. to stop the run

  void on_probed(cl::run_record const&) override { add("probed"); }
  void on_case_started(ms::case_def const& c) override { add("start " + c.id); }
  void on_case(ms::case_result const& r, std::size_t done, std::size_t total) override {
    add("case " + r.id + " " + std::to_string(done) + "/" + std::to_string(total));
    if (then) then(r);
  }
  void on_finished(cl::run_record const& r) override {
    add("finished");
    last = r;
  }
  void on_abandoned(cl::run_record const& r) override {
    add("abandoned");
    last = r;
  }
  void add(std::string s) {
    std::lock_guard<std::mutex> g(lock);
    calls.push_back(std::move(s));
  }
  std::size_t count(std::string const& prefix) {
    std::lock_guard<std::mutex> g(lock);
    return static_cast<std::size_t>(std::count_if(calls.begin(), calls.end(), [&](auto const& c) { return c.rfind(prefix, 0) == 0; }));
  }
};

std::vector<std::string> ids(std::vector<ms::case_result> const& cases) {
  std::vector<std::string> out;
  for (auto const& c : cases) out.push_back(c.id);
  return out;
}

}  // namespace

TEST(Run, ResultsInSelectionOrderAndOneCallPerCase) {
  auto peer = smtp_peer();
  auto o = options(url_of(peer), suites_with(three_cases));
  o.jobs = 3;
  cl::run r(std::move(o));
  recorder rec;
  r.observe(rec);
  ASSERT_TRUE(r.load().empty());
  ASSERT_EQ(r.select().size(), 3u);
  ASSERT_EQ(r.probe(), cl::probe_status::ok) << r.record().probe_error;
  std::atomic<bool> stop{false};
  r.execute(stop);
  r.finish();

  std::vector<std::string> const want{"smtp.t.noop", "smtp.t.rcpt-before-mail", "smtp.t.chunking"};
  EXPECT_EQ(ids(r.record().cases), want);
  EXPECT_EQ(r.record().cases[0].v, ms::verdict::pass);
  EXPECT_EQ(r.record().cases[1].v, ms::verdict::fail);
  EXPECT_EQ(r.record().cases[2].v, ms::verdict::skip);
  EXPECT_EQ(rec.count("case "), 3u);
  for (auto const& id : want) EXPECT_EQ(rec.count("case " + id + " "), 1u) << id;
  // Probed first, finished last, the cases between, each started before it finished, counted up to the total.
  ASSERT_EQ(rec.calls.size(), 8u);
  EXPECT_EQ(rec.calls.front(), "probed");
  EXPECT_EQ(rec.calls.back(), "finished");
  EXPECT_NE(rec.calls[6].find(" 3/3"), std::string::npos) << rec.calls[6];
  auto at = [&](std::string const& prefix) {
    return std::find_if(rec.calls.begin(), rec.calls.end(), [&](auto const& c) { return c.rfind(prefix, 0) == 0; }) - rec.calls.begin();
  };
  for (auto const& id : want) {
    EXPECT_EQ(rec.count("start " + id), 1u) << id;
    EXPECT_LT(at("start " + id), at("case " + id + " ")) << id;
  }

  auto const& rep = rec.last;
  EXPECT_FALSE(rep.interrupted);
  EXPECT_EQ(rep.tgt.port, peer.port());
  EXPECT_TRUE(rep.caps.probed);
  EXPECT_EQ(rep.caps.greeting, "220 fake ESMTP\r\n");
  EXPECT_EQ(rep.options.at("jobs"), "3");
  EXPECT_FALSE(rep.started.empty());
  EXPECT_FALSE(rep.finished.empty());
  EXPECT_TRUE(rep.probe_error.empty());

  auto const out = r.outcome();
  EXPECT_EQ(out.end, cl::run_end::completed);
  EXPECT_EQ(out.finished, 3u);
  EXPECT_TRUE(out.failed);
  EXPECT_EQ(cl::exit_code(out), cl::exit_status::failed);
}

TEST(Run, FailOnDecidesTheExitCode) {
  auto peer = smtp_peer();
  auto o = options(url_of(peer), suites_with(three_cases));
  o.sel.cases = {"smtp.t.noop", "smtp.t.chunking"};
  o.fail_on = cl::parse_fail_on("fail,error");
  cl::run r(std::move(o));
  ASSERT_TRUE(r.load().empty());
  ASSERT_EQ(r.select().size(), 2u);
  ASSERT_EQ(r.probe(), cl::probe_status::ok);
  std::atomic<bool> stop{false};
  r.execute(stop);
  r.finish();
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::ok);  // a pass and a skip
}

TEST(Run, StopFlagLeavesTheRestUnstartedAndMarksTheRunInterrupted) {
  auto peer = smtp_peer();
  auto o = options(url_of(peer), suites_with(three_cases));
  o.jobs = 1;
  cl::run r(std::move(o));
  recorder rec;
  std::atomic<bool> stop{false};
  rec.then = [&](ms::case_result const&) { stop = true; };  // Ctrl-C while the first case ends
  r.observe(rec);
  ASSERT_TRUE(r.load().empty());
  ASSERT_EQ(r.select().size(), 3u);
  ASSERT_EQ(r.probe(), cl::probe_status::ok);
  int const probe_connections = peer.connections();
  r.execute(stop);
  r.finish();

  EXPECT_EQ(ids(r.record().cases), std::vector<std::string>{"smtp.t.noop"});
  EXPECT_EQ(rec.count("case "), 1u);
  EXPECT_EQ(peer.connections(), probe_connections + 1);  // the other cases never connected
  EXPECT_TRUE(r.record().interrupted);
  EXPECT_TRUE(rec.last.interrupted);
  auto const out = r.outcome();
  EXPECT_EQ(out.end, cl::run_end::completed);
  EXPECT_TRUE(out.interrupted);
  EXPECT_EQ(cl::exit_code(out), cl::exit_status::ok);  // the verdicts of what finished decide
}

TEST(Run, StopBeforeAnyCaseIsExit130) {
  auto peer = smtp_peer();
  cl::run r(options(url_of(peer), suites_with(three_cases)));
  ASSERT_TRUE(r.load().empty());
  ASSERT_FALSE(r.select().empty());
  ASSERT_EQ(r.probe(), cl::probe_status::ok);
  std::atomic<bool> stop{true};
  r.execute(stop);
  r.finish();
  EXPECT_TRUE(r.record().cases.empty());
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::interrupted);
}

TEST(Run, UnreachableTargetGivesTheProbeError) {
  cl::run r(options("smtp://127.0.0.1:1", suites_with(three_cases)));
  recorder rec;
  r.observe(rec);
  ASSERT_TRUE(r.load().empty());
  ASSERT_EQ(r.select().size(), 3u);
  EXPECT_EQ(r.probe(), cl::probe_status::unreachable);
  EXPECT_FALSE(r.record().probe_error.empty());
  EXPECT_NE(r.record().probe_error.find("127.0.0.1:1"), std::string::npos) << r.record().probe_error;
  r.finish();
  // The observers learn why (a report says it for pipelines that read only the report); no case ran.
  EXPECT_EQ(rec.calls, std::vector<std::string>{"finished"});
  EXPECT_EQ(rec.last.probe_error, r.record().probe_error);
  EXPECT_TRUE(rec.last.cases.empty());
  EXPECT_EQ(r.outcome().end, cl::run_end::unreachable);
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::unreachable);
}

TEST(Run, StarttlsRequiredButNotOfferedIsUnreachable) {
  auto peer = smtp_peer();
  auto o = options(url_of(peer), suites_with(three_cases));
  o.require_starttls = true;
  cl::run r(std::move(o));
  ASSERT_TRUE(r.load().empty());
  ASSERT_FALSE(r.select().empty());
  EXPECT_EQ(r.probe(), cl::probe_status::no_starttls);
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::unreachable);
}

TEST(Run, NoCaseSelectedIsAUsageError) {
  cl::run r([] {
    auto o = options("smtp://127.0.0.1:1", suites_with(three_cases));
    o.sel.cases = {"smtp.nothing-like-this"};
    return o;
  }());
  ASSERT_TRUE(r.load().empty());
  EXPECT_TRUE(r.select().empty());
  EXPECT_EQ(r.outcome().end, cl::run_end::usage);
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::usage);
}

TEST(Run, OtherProtocolsAreNotSelected) {
  cl::run r(options("imap://127.0.0.1:1", suites_with(three_cases)));
  ASSERT_TRUE(r.load().empty());
  EXPECT_TRUE(r.select().empty());
}

TEST(Run, ScriptErrorsAreAUsageError) {
  cl::run r(options("smtp://127.0.0.1:1", suites_with("case smtp.t.broken\n  frobnicate\nend\n")));
  ASSERT_FALSE(r.load().empty());
  EXPECT_NE(r.load().front().find("t.mspec:2"), std::string::npos) << r.load().front();
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::usage);
}

// A report that cannot be written ends the chain of observers, and the exit code says usage.
TEST(Run, ObserverThatThrowsStopsTheOthersAndIsAUsageError) {
  struct failing : cl::run_observer {
    void on_finished(cl::run_record const&) override { throw std::runtime_error("cannot write /nowhere/r.json"); }
  } bad;
  auto peer = smtp_peer();
  auto o = options(url_of(peer), suites_with(three_cases));
  o.sel.cases = {"smtp.t.noop"};
  cl::run r(std::move(o));
  recorder before, after;
  r.observe(before);
  r.observe(bad);
  r.observe(after);
  ASSERT_TRUE(r.load().empty());
  ASSERT_FALSE(r.select().empty());
  ASSERT_EQ(r.probe(), cl::probe_status::ok);
  std::atomic<bool> stop{false};
  r.execute(stop);
  r.finish();
  EXPECT_EQ(before.count("finished"), 1u);
  EXPECT_EQ(after.count("finished"), 0u);
  EXPECT_EQ(after.count("case "), 1u);
  EXPECT_EQ(r.finish_error(), "cannot write /nowhere/r.json");
  EXPECT_EQ(cl::exit_code(r.outcome()), cl::exit_status::usage);
}

// A second Ctrl-C or SIGTERM: the signal thread hands what has finished, in the order it finished, to
// the observers at once, while the run goes on under it.
TEST(Run, AbandonHandsOverWhatHasFinished) {
  auto peer = smtp_peer();
  auto o = options(url_of(peer), suites_with(three_cases));
  o.jobs = 1;
  cl::run r(std::move(o));
  recorder rec;
  std::thread signal_thread;
  std::vector<std::string> abandon_errors;
  // on_case runs under the run's lock, so abandon() comes from another thread, as from the signal thread.
  rec.then = [&](ms::case_result const& c) {
    if (c.id == "smtp.t.rcpt-before-mail") signal_thread = std::thread([&] { abandon_errors = r.abandon(); });
  };
  r.observe(rec);
  ASSERT_TRUE(r.load().empty());
  ASSERT_FALSE(r.select().empty());
  ASSERT_EQ(r.probe(), cl::probe_status::ok);
  std::atomic<bool> stop{false};
  r.execute(stop);
  signal_thread.join();

  ASSERT_EQ(rec.count("abandoned"), 1u);
  EXPECT_TRUE(rec.last.interrupted);
  ASSERT_GE(rec.last.cases.size(), 2u);
  EXPECT_EQ(rec.last.cases[0].id, "smtp.t.noop");
  EXPECT_EQ(rec.last.cases[1].id, "smtp.t.rcpt-before-mail");
  EXPECT_FALSE(rec.last.started.empty());
  EXPECT_FALSE(rec.last.finished.empty());
  EXPECT_TRUE(rec.last.caps.probed);
  EXPECT_TRUE(abandon_errors.empty());
}

TEST(RunOutcome, ExitCodesOfReadme) {
  auto code = [](cl::run_end e, bool interrupted = false, std::size_t finished = 0, bool failed = false) {
    return cl::exit_code({e, interrupted, finished, failed});
  };
  EXPECT_EQ(code(cl::run_end::completed, false, 3, false), 0);
  EXPECT_EQ(code(cl::run_end::completed, false, 3, true), 1);
  EXPECT_EQ(code(cl::run_end::completed, false, 0, false), 0);  // nothing ran, nothing failed
  EXPECT_EQ(code(cl::run_end::usage), 2);
  EXPECT_EQ(code(cl::run_end::unreachable), 3);
  EXPECT_EQ(code(cl::run_end::completed, true, 0), 130);
  EXPECT_EQ(code(cl::run_end::completed, true, 2, true), 1);
  EXPECT_EQ(code(cl::run_end::completed, true, 2, false), 0);
  EXPECT_EQ(code(cl::run_end::abandoned, true, 2, true), 130);
  EXPECT_EQ(code(cl::run_end::terminated, true, 2, true), 143);
}

TEST(RunOptions, FailOnListsVerdicts) {
  EXPECT_EQ(cl::parse_fail_on("fail,warn"), (std::vector<ms::verdict>{ms::verdict::fail, ms::verdict::warn}));
  EXPECT_EQ(cl::parse_fail_on("skip").size(), 1u);
  EXPECT_THROW(cl::parse_fail_on(""), std::invalid_argument);
  EXPECT_THROW(cl::parse_fail_on("fail,oops"), std::invalid_argument);
}

TEST(RunOptions, Pop3RunsSeedOverImapOnTheSameHost) {
  auto seed = [](std::string const& url, std::map<std::string, std::string> vars = {}) {
    auto o = options(url, "");
    o.cfg.vars = std::move(vars);
    cl::run r(std::move(o));
    auto const& v = r.options().cfg.vars;
    return v.count("seed_url") ? v.at("seed_url") : std::string("(none)");
  };
  EXPECT_EQ(seed("pop3://127.0.0.1:10110"), "imap://127.0.0.1:143");
  EXPECT_EQ(seed("pop3s://[::1]:10995"), "imaps://[::1]:993");
  EXPECT_EQ(seed("pop3://h", {{"seed_url", "imap://other:1"}}), "imap://other:1");
  EXPECT_EQ(seed("smtp://h"), "(none)");
}

TEST(RunScripts, LoadScriptsTakesFilesAndDirectories) {
  auto const dir = suites_with(three_cases);
  EXPECT_EQ(cl::load_scripts({dir}).cases().size(), 3u);
  EXPECT_EQ(cl::load_scripts({dir + "/smtp/t.mspec"}).cases().size(), 3u);
  EXPECT_EQ(cl::load_suites(dir).cases().size(), 3u);
  EXPECT_FALSE(cl::load_suites(dir + "/missing").errors().empty());
}
