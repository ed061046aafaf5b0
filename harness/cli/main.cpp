// mailspec: conformance test harness for SMTP, POP3 and IMAP. This file only parses flags, builds the
// options of a run (client/run.hpp), wires the report layer's observers to it and returns its exit code:
// 0 no case got a verdict of --fail-on, 1 one did, 2 usage or script error, 3 target unreachable or the
// probe could not get through, 130 interrupted (SIGINT) before any case finished, 143 terminated (SIGTERM).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <optional>

#include "cli/coverage_cmd.hpp"
#include "cli/interrupt.hpp"
#include "cli/mime_cmd.hpp"
#include "cli/outputs.hpp"
#include "cli/report_cmd.hpp"
#include "cli/serve.hpp"
#include "client/run.hpp"
#include "report/baseline.hpp"
#include "report/observers.hpp"
#include "report/report.hpp"
#include "script/registry.hpp"
#include "script/target_url.hpp"

#ifndef MAILSPEC_VERSION
#define MAILSPEC_VERSION "0.0.0"
#endif

namespace ms = mailspec;
namespace exit_status = ms::client::exit_status;

namespace {

struct run_args {
  std::string url;
  std::vector<std::string> suites, cases, tags, excludes, vars;
  int jobs = 4;
  double timeout = 60, read_timeout = 10, connect_timeout = 5, login_timeout = 30;
  bool starttls = false, insecure = false, no_color = false, verbose = false, quiet = false;
  std::string cafile, sni, user, password_env, fail_on = "fail,error", suites_dir;
  ms::cli::report_paths reports;
  std::string baseline;  // judge the verdicts against it instead of --fail-on
  std::size_t max_line = 64 * 1024, max_response = 16u << 20, max_literal = 64u << 20;
};

struct list_args {
  std::vector<std::string> suites, cases, tags;
  bool json = false;
  std::string suites_dir;
};

ms::script::millis seconds(double s) { return ms::script::millis(static_cast<long long>(s * 1000)); }

bool print_script_errors(std::vector<std::string> const& errors) {
  for (auto const& e : errors) std::cerr << e << "\n";
  return !errors.empty();
}

/// The credentials: the password comes from the environment, never from the command line.
void add_credentials(ms::script::run_config& cfg, run_args const& a) {
  if (!a.user.empty()) cfg.user = a.user;
  if (!a.password_env.empty()) {
    char const* pw = std::getenv(a.password_env.c_str());
    if (!pw) throw std::invalid_argument("--password-env " + a.password_env + ": that environment variable is not set");
    cfg.password = pw;
  }
  if (cfg.user.has_value() != cfg.password.has_value()) {
    throw std::invalid_argument("give both --user and --password-env, or neither");
  }
}

ms::script::run_config make_config(run_args const& a) {
  ms::script::run_config cfg;
  cfg.tgt = ms::script::parse_target(a.url);
  cfg.tls.verify = !a.insecure;
  cfg.tls.cafile = a.cafile;
  cfg.tls.server_name = a.sni;
  add_credentials(cfg, a);
  for (auto const& v : a.vars) {
    auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--var takes NAME=VALUE, not '" + v + "'");
    cfg.vars[v.substr(0, eq)] = v.substr(eq + 1);
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

/// The report's "options": the flags as given (never credentials).
std::map<std::string, std::string> described(run_args const& a) {
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

/// The run's options, or nothing after saying on stderr which flag is wrong.
std::optional<ms::client::run_options> run_options_of(run_args const& a) {
  ms::client::run_options o;
  try {
    o.cfg = make_config(a);
    o.fail_on = ms::client::parse_fail_on(a.fail_on);
  } catch (std::invalid_argument const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return std::nullopt;
  }
  o.suites_dir = a.suites_dir;
  o.sel = {a.suites, a.cases, a.tags, a.excludes};
  o.jobs = a.jobs;
  o.require_starttls = a.starttls;
  o.described = described(a);
  return o;
}

/// Loads and selects; false after saying on stderr why no case can run.
bool load_and_select(ms::client::run& r) {
  if (print_script_errors(r.load())) {
    std::cerr << "mailspec: fix the script errors above (check them with 'mailspec check')\n";
    return false;
  }
  if (r.select().empty()) {
    std::cerr << "mailspec: no " << ms::script::to_string(r.options().cfg.tgt.proto)
              << " case matches the selection (see 'mailspec list')\n";
    return false;
  }
  return true;
}

/// Probes the target, saying on stderr why no case will run when it cannot.
ms::client::probe_status probe(ms::client::run& r) {
  auto const& url = r.options().cfg.tgt.url;
  auto const st = r.probe();
  if (st == ms::client::probe_status::unreachable) {
    std::cerr << "mailspec: " << url << ": " << r.record().probe_error << "; no case was run\n";
  } else if (st == ms::client::probe_status::no_starttls) {
    std::cerr << "mailspec: " << url << ": --starttls given but the server offers no working STARTTLS\n";
  }
  return st;
}

/// Ends the run: the observers write and print what it produced. With a baseline, a run whose cases
/// ran is judged by it (exit 1 only for a worse verdict); every other ending keeps its exit status.
int finish(ms::client::run& r, ms::report::baseline const* base) {
  r.finish();
  if (!r.finish_error().empty()) std::cerr << "mailspec: " << r.finish_error() << "\n";
  auto const o = r.outcome();
  if (!base || o.end != ms::client::run_end::completed || o.finished == 0) return ms::client::exit_code(o);
  return ms::cli::baseline_status(*base, r.record(), std::cout);
}

int cmd_run(run_args const& a) {
  ms::cli::interrupt_guard guard;  // first: every thread started from here on inherits its signal mask
  auto opts = run_options_of(a);
  if (!opts) return exit_status::usage;
  std::optional<ms::report::baseline> base;  // read first: a bad baseline is a usage error before any case
  if (!a.baseline.empty()) base = ms::report::load_baseline(a.baseline);
  ms::client::run r(std::move(*opts));
  if (!load_and_select(r)) return ms::client::exit_code(r.outcome());

  auto const& fail_on = r.options().fail_on;
  ms::report::terminal term = ms::cli::stdout_terminal(a.no_color, a.quiet);
  term.error_fails = std::find(fail_on.begin(), fail_on.end(), ms::script::verdict::error) != fail_on.end();
  ms::report::progress_printer progress(term, r.select().size());
  ms::cli::report_outputs files(a.reports, MAILSPEC_VERSION, std::cerr);
  ms::report::summary_printer summary(term, a.verbose, a.quiet, files.where());
  if (!a.quiet) r.observe(progress);
  files.observe(r);
  r.observe(summary);
  // From here on a signal writes what there is (SIGTERM at once; see interrupt_guard).
  guard.start([&r] {
    for (auto const& e : r.abandon()) std::cerr << "mailspec: " << e << "\n";
  });

  switch (probe(r)) {
    case ms::client::probe_status::ok: r.execute(guard.stop); break;
    case ms::client::probe_status::unreachable: break;  // the report says why, for pipelines that read only it
    case ms::client::probe_status::no_starttls: return ms::client::exit_code(r.outcome());  // no report is written
  }
  return finish(r, base ? &*base : nullptr);
}

int cmd_list(list_args const& l) {
  auto const reg = ms::client::load_suites(l.suites_dir);
  if (print_script_errors(reg.errors())) return exit_status::usage;
  auto selected = reg.select({l.suites, l.cases, l.tags, {}}, std::nullopt);
  if (l.json) {
    std::cout << ms::report::cases_to_json(selected);
    return exit_status::ok;
  }
  for (auto const* c : selected) {
    auto const& r = c->refs.front();
    std::cout << fmt::format("{:<64} RFC {} §{} {:<6} {}\n", c->id, r.rfc, r.section, ms::script::to_string(r.lvl), c->title);
  }
  std::cout << selected.size() << " cases\n";
  return exit_status::ok;
}

int cmd_check(std::vector<std::string> const& paths) {
  auto const reg = ms::client::load_scripts(paths);
  if (print_script_errors(reg.errors())) return exit_status::usage;
  std::cout << reg.cases().size() << " cases, no errors\n";
  return exit_status::ok;
}

/// The report files of `run` and `serve` (cli/outputs.hpp).
void add_report_flags(CLI::App* cmd, ms::cli::report_paths& p) {
  cmd->add_option("--report-json", p.json, "Write the JSON report to this file (atomically)");
  cmd->add_option("--report-junit", p.junit, "Write a JUnit XML report to this file (atomically): a testsuite per suite, a testcase per case");
  cmd->add_option("--report-html", p.html, "Write a self-contained HTML report to this file (atomically)");
  cmd->add_option("--report-ndjson", p.ndjson, "Stream one JSON line per finished case to this file (a first line for the run, a last one with the summary)");
}

CLI::App* add_run(CLI::App& app, run_args& a) {
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
  add_report_flags(run, a.reports);
  run->add_option("--baseline", a.baseline, "Exit 1 only for verdicts worse than this baseline's (a JSON report, or a TSV of id, verdict, why), instead of --fail-on")->check(CLI::ExistingFile);
  run->add_option("--fail-on", a.fail_on, "Verdicts that make the exit code 1, comma-separated (fail,warn,info,error,skip)")
      ->capture_default_str();
  run->add_option("--suites-dir", a.suites_dir, "Directory of .mspec suites (default: $MAILSPEC_SUITES or the built-in)");
  run->add_option("--max-line", a.max_line, "Longest line the `line` matcher and IMAP reader accept, in octets")->capture_default_str();
  run->add_option("--max-response", a.max_response, "Largest single reply/response/body read, in octets")->capture_default_str();
  run->add_option("--max-literal", a.max_literal, "Largest IMAP literal accepted, in octets")->capture_default_str();
  run->add_flag("--no-color", a.no_color, "No colours (also when NO_COLOR is set or stdout is not a terminal)");
  run->add_flag("-v,--verbose", a.verbose, "List skip and info verdicts in the summary too");
  run->add_flag("-q,--quiet", a.quiet, "Print only the counts and where the reports went (and errors): no progress, no list of findings");
  return run;
}

CLI::App* add_list(CLI::App& app, list_args& l) {
  auto* list = app.add_subcommand("list", "List the cases (id, RFC section, level, title)");
  list->add_option("--suite", l.suites, "Only these suites")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  list->add_option("--case", l.cases, "Only ids with this prefix or glob")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  list->add_option("--tag", l.tags, "Only cases with one of these tags")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  list->add_flag("--json", l.json, "Print a JSON array: id, suite, protocol, role, title, rfc [{rfc, section, level, url}], tags, requires, file, line");
  list->add_option("--suites-dir", l.suites_dir, "Directory of .mspec suites");
  return list;
}

CLI::App* add_serve(CLI::App& app, ms::cli::serve_args& s) {
  auto* serve = app.add_subcommand("serve", "Play a mail server and judge the clients that connect (client-test suites)");
  serve->add_option("scheme", s.scheme, "Protocol to serve: smtp, submission, smtps, pop3, pop3s, imap, imaps")
      ->required()->check(CLI::IsMember({"smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps"}));
  serve->add_option("--listen", s.listen, "HOST:PORT to listen on; port 0 picks a free port (printed)")->capture_default_str();
  serve->add_option("--suite", s.suites, "Only these suites (default: every client-test suite of the protocol)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  serve->add_option("--case", s.cases, "Only cases whose id starts with this prefix or matches this glob (repeatable)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  serve->add_option("--tag", s.tags, "Only cases carrying one of these tags (repeatable)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  serve->add_option("--connections", s.connections, "Connections to serve, each running the next case in order (0: one per case)")->capture_default_str();
  serve->add_option("--accept-timeout", s.accept_timeout, "How long to wait for the next client, in seconds")->check(CLI::PositiveNumber)->capture_default_str();
  serve->add_option("--timeout", s.timeout, "Deadline for one case (one client connection), in seconds")->check(CLI::PositiveNumber)->capture_default_str();
  serve->add_option("--read-timeout", s.read_timeout, "How long one read may wait for the client, in seconds")->check(CLI::PositiveNumber)->capture_default_str();
  serve->add_option("--cert", s.cert, "Server certificate (PEM) for TLS; default: one generated at start")->check(CLI::ExistingFile);
  serve->add_option("--key", s.key, "Private key (PEM) of --cert")->check(CLI::ExistingFile);
  serve->add_option("--ca-out", s.ca_out, "Write the generated CA certificate here, for the client to trust");
  serve->add_option("-u,--user", s.user, "User name the fake server accepts")->capture_default_str();
  serve->add_option("--password-env", s.password_env, "Environment variable holding the password it accepts (default: alice-password)");
  serve->add_option("--fault", s.faults, "Inject a fault (repeatable): VERB=REPLY[@N], delay=MS, delay:VERB=MS, jitter=MIN-MAX, drop-after-octets=N, drop-after-commands=N, tls-fail, trickle=N/MS")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  serve->add_option("--seed", s.seed, "Seed of the fault injector's random delays (connection k uses seed+k), so that a run repeats exactly")->capture_default_str();
  serve->add_flag("--by-login", s.by_login, "Each connection plays the suite's login fixture, then runs the case the client's login name names");
  add_report_flags(serve, s.reports);
  serve->add_option("--fail-on", s.fail_on, "Verdicts that make the exit code 1, comma-separated (fail,warn,info,error,skip)")->capture_default_str();
  serve->add_option("--suites-dir", s.suites_dir, "Directory of .mspec suites (default: $MAILSPEC_SUITES or the built-in)");
  serve->add_flag("--no-color", s.no_color, "No colours (also when NO_COLOR is set or stdout is not a terminal)");
  serve->add_flag("-v,--verbose", s.verbose, "List skip and info verdicts in the summary too");
  serve->add_flag("-q,--quiet", s.quiet, "Print only the listening address, the counts and where the reports went (and errors)");
  return serve;
}

CLI::App* add_diff(CLI::App& app, ms::cli::diff_args& d) {
  auto* diff = app.add_subcommand("diff", "Compare two runs' verdicts by case id: worse, fixed, changed, added, gone (exit 1 when one got worse)");
  diff->add_option("old", d.old_file, "The baseline: a JSON report, or a TSV of id, verdict, why (as ci/expected/*.tsv)")->required()->check(CLI::ExistingFile);
  diff->add_option("new", d.new_file, "The new JSON report")->required()->check(CLI::ExistingFile);
  diff->add_flag("--strict", d.strict, "Exit 1 on any difference (a fixed, changed, added or gone case too), not only a worse verdict");
  return diff;
}

CLI::App* add_report(CLI::App& app, ms::cli::report_args& ra) {
  auto* rep = app.add_subcommand("report", "Render saved JSON reports as JUnit XML or HTML (several reports: one HTML comparison table)");
  rep->add_option("files", ra.files, "Saved JSON reports (mailspec run --report-json)")->required()->check(CLI::ExistingFile);
  rep->add_option("--junit", ra.junit, "Write the JUnit XML of the (one) report to this file");
  rep->add_option("--html", ra.html, "Write the HTML report to this file; with several reports, a table with a row per case and a column per run");
  return rep;
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
  auto* run = add_run(app, a);
  list_args l;
  auto* list = add_list(app, l);
  std::vector<std::string> files;
  ms::cli::serve_args sv;
  auto* serve = add_serve(app, sv);
  ms::cli::report_args ra;
  auto* rep = add_report(app, ra);
  ms::cli::diff_args da;
  auto* diff = add_diff(app, da);
  ms::cli::mime_command mime(app, MAILSPEC_VERSION);
  ms::cli::coverage_command coverage(app);
  auto* chk = app.add_subcommand("check", "Validate .mspec scripts (files or directories); errors as file:line: message");
  chk->add_option("paths", files, "Script files or directories")->required();

  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    int const rc = app.exit(e);
    return rc == 0 ? exit_status::ok : exit_status::usage;
  }
  try {
    if (*run) return cmd_run(a);
    if (*serve) return ms::cli::cmd_serve(sv, MAILSPEC_VERSION);
    if (*list) return cmd_list(l);
    if (*chk) return cmd_check(files);
    if (*rep) return ms::cli::cmd_report(ra);
    if (*diff) return ms::cli::cmd_diff(da);
    if (mime.selected()) return mime.run();
    if (coverage.given()) return coverage.run();
  } catch (std::exception const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return exit_status::usage;
  }
  return exit_status::usage;
}
