// mailspec: conformance test harness for SMTP, POP3 and IMAP.
// Exit codes: 0 no case failed or was undecided, 1 a fail or error (the verdicts of --fail-on), 2 usage or
// script error, 3 target unreachable, silent, or the probe could not get through, 130 interrupted (SIGINT)
// before any case finished, 143 terminated (SIGTERM).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <mutex>
#include <sstream>
#include <algorithm>
#include <thread>

#include "script/target_url.hpp"
#include "client/runner.hpp"
#include "report/report.hpp"
#include "script/interpreter.hpp"
#include "script/parser.hpp"
#include "script/registry.hpp"

#ifndef MAILSPEC_VERSION
#define MAILSPEC_VERSION "0.0.0"
#endif

namespace ms = mailspec;

namespace {

enum exit_code { ok = 0, failed = 1, usage = 2, unreachable = 3, interrupted = 130, terminated = 143 };

struct run_args {
  std::string url;
  std::vector<std::string> suites, cases, tags, excludes, vars;
  int jobs = 4;
  double timeout = 60, read_timeout = 10, connect_timeout = 5, login_timeout = 30;
  bool starttls = false, insecure = false, no_color = false, verbose = false, quiet = false;
  std::string cafile, sni, user, password_env, report_json, fail_on = "fail,error", suites_dir;
  std::size_t max_line = 64 * 1024, max_response = 16u << 20, max_literal = 64u << 20;
};

ms::script::millis seconds(double s) { return ms::script::millis(static_cast<long long>(s * 1000)); }

bool use_colour(bool no_color) {
  return !no_color && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

ms::script::registry load_registry(std::string const& dir) {
  ms::script::registry reg;
  reg.load_directory(dir.empty() ? ms::script::default_suites_dir() : dir);
  return reg;
}

bool report_script_errors(ms::script::registry const& reg) {
  for (auto const& e : reg.errors()) std::cerr << e << "\n";
  return !reg.errors().empty();
}

// Signals are taken by one thread with sigwait. SIGINT (Ctrl-C) stops new cases from starting and lets
// the running ones finish; a second SIGINT writes what has finished and exits at once. SIGTERM (what CI
// runners and `timeout` send) does that at once: the process is gone within a second or two.
class interrupt_guard {
 public:
  interrupt_guard() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  void start(std::function<void()> on_exit) {
    on_exit_ = std::move(on_exit);
    std::thread([this] {
      int sig = 0;
      sigwait(&set_, &sig);
      stop.store(true);
      if (sig == SIGTERM) finish(terminated);
      std::cerr << "\nmailspec: interrupted; finishing the cases under way (Ctrl-C again to stop now)\n";
      sigwait(&set_, &sig);
      finish(sig == SIGTERM ? terminated : interrupted);
    }).detach();
  }
  std::atomic<bool> stop{false};

 private:
  [[noreturn]] void finish(int code) {
    on_exit_();
    std::_Exit(code);
  }
  sigset_t set_;
  std::function<void()> on_exit_;
};

/// --fail-on: the verdicts that make the exit code 1, as a comma-separated list.
std::vector<ms::script::verdict> parse_fail_on(std::string const& list) {
  std::vector<ms::script::verdict> out;
  std::stringstream ss(list);
  for (std::string w; std::getline(ss, w, ',');) {
    if (w == "fail") out.push_back(ms::script::verdict::fail);
    else if (w == "warn") out.push_back(ms::script::verdict::warn);
    else if (w == "info") out.push_back(ms::script::verdict::info);
    else if (w == "error") out.push_back(ms::script::verdict::error);
    else if (w == "skip") out.push_back(ms::script::verdict::skip);
    else throw std::invalid_argument("--fail-on takes verdicts separated by commas (fail,warn,info,error,skip), not '" + w + "'");
  }
  if (out.empty()) throw std::invalid_argument("--fail-on needs at least one verdict, e.g. fail,error");
  return out;
}

ms::script::run_config make_config(run_args const& a) {
  ms::script::run_config cfg;
  cfg.tgt = ms::script::parse_target(a.url);
  cfg.tls.verify = !a.insecure;
  cfg.tls.cafile = a.cafile;
  cfg.tls.server_name = a.sni;
  if (!a.user.empty()) cfg.user = a.user;
  if (!a.password_env.empty()) {
    char const* pw = std::getenv(a.password_env.c_str());
    if (!pw) throw std::invalid_argument("--password-env " + a.password_env + ": that environment variable is not set");
    cfg.password = pw;
  }
  if (cfg.user.has_value() != cfg.password.has_value()) {
    throw std::invalid_argument("give both --user and --password-env, or neither");
  }
  for (auto const& v : a.vars) {
    auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--var takes NAME=VALUE, not '" + v + "'");
    cfg.vars[v.substr(0, eq)] = v.substr(eq + 1);
  }
  // POP3 cases that change a throwaway maildrop get known messages put into it first, over IMAP on the
  // same host unless --var seed_url names another server (suites/pop3/seed.mspec).
  if (cfg.tgt.proto == ms::script::protocol::pop3 && !cfg.vars.count("seed_url")) {
    std::string const host = cfg.tgt.host.find(':') != std::string::npos ? "[" + cfg.tgt.host + "]" : cfg.tgt.host;
    cfg.vars["seed_url"] = cfg.tgt.implicit_tls ? "imaps://" + host + ":993" : "imap://" + host + ":143";
  }
  cfg.connect_timeout = seconds(a.connect_timeout);
  cfg.read_timeout = seconds(a.read_timeout);
  cfg.case_timeout = seconds(a.timeout);
  cfg.login_timeout = seconds(a.login_timeout);
  cfg.lim.max_line = a.max_line;
  cfg.lim.max_response = a.max_response;
  cfg.lim.max_literal = a.max_literal;
  return cfg;
}

std::map<std::string, std::string> options_of(run_args const& a) {
  auto join = [](std::vector<std::string> const& v) {
    std::string s;
    for (auto const& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
  };
  return {{"suites", join(a.suites)},      {"cases", join(a.cases)},
          {"tags", join(a.tags)},          {"excludes", join(a.excludes)},
          {"jobs", std::to_string(a.jobs)}, {"timeout_s", fmt::format("{}", a.timeout)},
          {"read_timeout_s", fmt::format("{}", a.read_timeout)},
          {"login_timeout_s", fmt::format("{}", a.login_timeout)}, {"fail_on", a.fail_on},
          {"tls_verify", a.insecure ? "no" : "yes"}, {"user", a.user.empty() ? "" : "(given)"}};
}

int cmd_run(run_args const& a) {
  interrupt_guard guard;
  ms::script::run_config cfg;
  std::vector<ms::script::verdict> fail_on;
  try {
    cfg = make_config(a);
    fail_on = parse_fail_on(a.fail_on);
  } catch (std::invalid_argument const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return usage;
  }
  auto reg = load_registry(a.suites_dir);
  if (report_script_errors(reg)) {
    std::cerr << "mailspec: fix the script errors above (check them with 'mailspec check')\n";
    return usage;
  }
  ms::script::selection sel{a.suites, a.cases, a.tags, a.excludes};
  auto selected = reg.select(sel, cfg.tgt.proto);
  if (selected.empty()) {
    std::cerr << "mailspec: no " << ms::script::to_string(cfg.tgt.proto)
              << " case matches the selection (see 'mailspec list')\n";
    return usage;
  }
  ms::report::run_report rep;
  rep.tool_version = MAILSPEC_VERSION;
  rep.tgt = cfg.tgt;
  rep.options = options_of(a);
  rep.started = ms::report::now_rfc3339();
  // From here on a signal writes what there is (SIGTERM at once; see interrupt_guard).
  std::mutex lock;
  std::vector<ms::script::case_result> done;  // snapshot for a second Ctrl-C
  auto write_report = [&](std::vector<ms::script::case_result> cases, bool was_interrupted) {
    if (a.report_json.empty()) return;
    auto r = rep;
    r.cases = std::move(cases);
    r.interrupted = was_interrupted;
    r.finished = ms::report::now_rfc3339();
    ms::report::write_atomic(a.report_json, ms::report::to_json(r));
  };
  guard.start([&] {
    std::lock_guard<std::mutex> g(lock);
    try {
      write_report(done, true);
      if (!a.report_json.empty()) {
        std::cerr << "mailspec: wrote " << done.size() << " finished cases to " << a.report_json << "\n";
      }
    } catch (std::exception const& e) {
      std::cerr << "mailspec: " << e.what() << "\n";
    }
  });
  if (std::string why = ms::script::probe_capabilities(cfg); !why.empty()) {
    std::cerr << "mailspec: " << cfg.tgt.url << ": " << why << "; no case was run\n";
    if (!a.report_json.empty()) {  // the reason, for pipelines that read only the report
      rep.caps = cfg.caps;
      rep.probe_error = why;
      rep.finished = ms::report::now_rfc3339();
      try {
        ms::report::write_atomic(a.report_json, ms::report::to_json(rep));
      } catch (std::exception const& e) {
        std::cerr << "mailspec: " << e.what() << "\n";
      }
    }
    return unreachable;
  }
  if (a.starttls && !cfg.tgt.implicit_tls && !cfg.caps.starttls) {
    std::cerr << "mailspec: " << cfg.tgt.url << ": --starttls given but the server offers no working STARTTLS\n";
    return unreachable;
  }
  {
    std::lock_guard<std::mutex> g(lock);
    rep.caps = cfg.caps;
  }
  ms::report::terminal term{std::cout, use_colour(a.no_color), ::isatty(STDOUT_FILENO) != 0 && !a.quiet};
  term.error_fails = std::find(fail_on.begin(), fail_on.end(), ms::script::verdict::error) != fail_on.end();
  if (!a.quiet) term.print_target(rep);

  auto summary = ms::client::run_cases(selected, cfg, a.jobs,
                                       [&](ms::script::case_result const& r, std::size_t n, std::size_t total) {
                                         std::lock_guard<std::mutex> g(lock);
                                         done.push_back(r);
                                         if (!a.quiet) term.progress(r, n, total);
                                       },
                                       guard.stop, reg.setups(cfg.tgt.proto));
  term.finish_progress();
  rep.cases = std::move(summary.results);
  rep.interrupted = summary.interrupted;
  rep.finished = ms::report::now_rfc3339();
  try {
    std::lock_guard<std::mutex> g(lock);
    write_report(rep.cases, rep.interrupted);
  } catch (std::exception const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return usage;
  }
  if (!a.quiet) term.print_summary(rep, a.verbose);
  if (!a.report_json.empty() && !a.quiet) std::cout << "  report: " << a.report_json << "\n";
  if (rep.interrupted && rep.cases.empty()) return interrupted;
  for (auto const& c : rep.cases) {
    if (std::find(fail_on.begin(), fail_on.end(), c.v) != fail_on.end()) return failed;
  }
  return ok;
}

int cmd_list(std::vector<std::string> const& suites, std::vector<std::string> const& cases,
             std::vector<std::string> const& tags, bool json, std::string const& dir) {
  auto reg = load_registry(dir);
  if (report_script_errors(reg)) return usage;
  auto selected = reg.select({suites, cases, tags, {}}, std::nullopt);
  if (json) {
    std::cout << ms::report::cases_to_json(selected);
    return ok;
  }
  for (auto const* c : selected) {
    auto const& r = c->refs.front();
    std::cout << fmt::format("{:<64} RFC {} §{} {:<6} {}\n", c->id, r.rfc, r.section, ms::script::to_string(r.lvl), c->title);
  }
  std::cout << selected.size() << " cases\n";
  return ok;
}

int cmd_check(std::vector<std::string> const& paths) {
  ms::script::registry reg;
  for (auto const& p : paths) {
    if (std::filesystem::is_directory(p)) {
      reg.load_directory(p);
    } else {
      reg.load_file(p);
    }
  }
  if (report_script_errors(reg)) return usage;
  std::cout << reg.cases().size() << " cases, no errors\n";
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mailspec " MAILSPEC_VERSION " - conformance test harness for SMTP, POP3 and IMAP servers.\n"
               "Runs RFC-derived test cases against a server and reports a verdict per case:\n"
               "pass, fail (a MUST broken), warn (a SHOULD), info (a MAY), skip (not applicable), error (undecided).",
               "mailspec"};
  app.set_version_flag("--version", MAILSPEC_VERSION);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 no fail and no error; 1 a verdict of --fail-on (default fail,error); 2 usage or script\n"
             "error; 3 target unreachable, silent, TLS failure, or the capability probe could not get through;\n"
             "130 interrupted (Ctrl-C) before any case finished; 143 terminated (SIGTERM).\nScript language: suites/README.md.");

  run_args a;
  auto* run = app.add_subcommand("run", "Run server suites against a target URL");
  run->add_option("url", a.url,
                  "Target: smtp://host[:25], smtps://host[:465], submission://host[:587], pop3://host[:110],\n"
                  "pop3s://host[:995], imap://host[:143], imaps://host[:993]")
      ->required();
  run->add_option("--suite", a.suites, "Run only these suites (default: every suite of the URL's protocol)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run->add_option("--case", a.cases, "Run only cases whose id starts with this prefix or matches this glob (repeatable)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run->add_option("--tag", a.tags, "Run only cases carrying one of these tags (repeatable)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run->add_option("--exclude", a.excludes, "Leave out cases matching this id prefix or glob (repeatable)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run->add_option("-j,--jobs", a.jobs, "Cases run in parallel, each on its own connections")->check(CLI::Range(1, 256))->capture_default_str();
  run->add_option("--timeout", a.timeout, "Deadline for one case, in seconds")->check(CLI::PositiveNumber)->capture_default_str();
  run->add_option("--read-timeout", a.read_timeout, "How long one read may wait for the server, in seconds")->check(CLI::PositiveNumber)->capture_default_str();
  run->add_option("--connect-timeout", a.connect_timeout, "How long a TCP connect may take, in seconds")->check(CLI::PositiveNumber)->capture_default_str();
  run->add_option("--login-timeout", a.login_timeout, "How long the reply to a login or SASL round may take, in seconds (servers delay failed logins on purpose)")->check(CLI::PositiveNumber)->capture_default_str();
  run->add_flag("--starttls", a.starttls, "Require working STARTTLS/STLS on a cleartext URL (exit 3 otherwise)");
  run->add_flag("-k,--insecure", a.insecure, "Do not verify the server's TLS certificate");
  run->add_option("--cafile", a.cafile, "Trust the CA certificates in this PEM file too")->check(CLI::ExistingFile);
  run->add_option("--sni", a.sni, "TLS server name to send and verify (default: the URL's host)");
  run->add_option("-u,--user", a.user, "User name for cases that log in");
  run->add_option("--password-env", a.password_env, "Name of the environment variable holding the password (never on the command line)");
  run->add_option("--var", a.vars, "Set a script variable, NAME=VALUE (e.g. rcpt=alice@example.test); repeatable")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run->add_option("--report-json", a.report_json, "Write the JSON report to this file (atomically)");
  run->add_option("--fail-on", a.fail_on, "Verdicts that make the exit code 1, comma-separated (fail,warn,info,error,skip)")
      ->capture_default_str();
  run->add_option("--suites-dir", a.suites_dir, "Directory of .mspec suites (default: $MAILSPEC_SUITES or the built-in)");
  run->add_option("--max-line", a.max_line, "Longest line the `line` matcher and IMAP reader accept, in octets")->capture_default_str();
  run->add_option("--max-response", a.max_response, "Largest single reply/response/body read, in octets")->capture_default_str();
  run->add_option("--max-literal", a.max_literal, "Largest IMAP literal accepted, in octets")->capture_default_str();
  run->add_flag("--no-color", a.no_color, "No colours (also when NO_COLOR is set or stdout is not a terminal)");
  run->add_flag("-v,--verbose", a.verbose, "List skip and info verdicts in the summary too");
  run->add_flag("-q,--quiet", a.quiet, "Print nothing but errors");

  std::vector<std::string> l_suites, l_cases, l_tags;
  bool l_json = false;
  std::string l_dir;
  auto* list = app.add_subcommand("list", "List the cases (id, RFC section, level, title)");
  list->add_option("--suite", l_suites, "Only these suites")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  list->add_option("--case", l_cases, "Only ids with this prefix or glob")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  list->add_option("--tag", l_tags, "Only cases with one of these tags")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  list->add_flag("--json", l_json, "Print a JSON array: id, suite, protocol, title, rfc [{rfc, section, level, url}], tags, requires, file, line");
  list->add_option("--suites-dir", l_dir, "Directory of .mspec suites");

  std::vector<std::string> files;
  auto* chk = app.add_subcommand("check", "Validate .mspec scripts (files or directories); errors as file:line: message");
  chk->add_option("paths", files, "Script files or directories")->required();

  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    int const rc = app.exit(e);
    return rc == 0 ? ok : usage;
  }
  try {
    if (*run) return cmd_run(a);
    if (*list) return cmd_list(l_suites, l_cases, l_tags, l_json, l_dir);
    if (*chk) return cmd_check(files);
  } catch (std::exception const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return usage;
  }
  return usage;
}
