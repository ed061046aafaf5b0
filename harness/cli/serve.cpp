#include "cli/serve.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "cli/interrupt.hpp"
#include "client/run.hpp"
#include "report/observers.hpp"
#include "script/target_url.hpp"
#include "session/certs.hpp"
#include "session/fault.hpp"

namespace mailspec::cli {

namespace {

namespace fs = std::filesystem;
using script::millis;

millis seconds(double s) { return millis(static_cast<long long>(s * 1000)); }

/// The certificate the fake server offers: the one given, or a throwaway CA and certificate made now.
std::string certificate(serve_args const& a, script::run_config& cfg) {
  if (!a.cert.empty() || !a.key.empty()) {
    if (a.cert.empty() || a.key.empty()) throw std::invalid_argument("give both --cert and --key, or neither");
    cfg.tls_server = {a.cert, a.key};
    return {};
  }
  fs::path dir = a.ca_out.empty() ? fs::temp_directory_path() / ("mailspec-serve-" + std::to_string(::getpid()))
                                  : fs::path(a.ca_out).parent_path();
  if (dir.empty()) dir = ".";
  auto files = session::generate_certs(dir.string());
  if (!a.ca_out.empty() && fs::path(a.ca_out) != fs::path(files.ca_file)) {
    fs::copy_file(files.ca_file, a.ca_out, fs::copy_options::overwrite_existing);
    files.ca_file = a.ca_out;
  }
  cfg.tls_server = {files.cert_file, files.key_file};
  return files.ca_file;
}

std::optional<client::run_options> options_of(serve_args const& a, server::serve_options& so, std::string& ca) {
  client::run_options o;
  try {
    std::size_t const colon = a.listen.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("--listen takes HOST:PORT, e.g. 127.0.0.1:2525");
    so.host = a.listen.substr(0, colon);
    int const port = std::stoi(a.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::invalid_argument("--listen: port " + std::to_string(port) + " is out of range");
    so.port = static_cast<std::uint16_t>(port);
    so.connections = a.connections;
    so.accept_timeout = seconds(a.accept_timeout);
    // The URL names the scheme (and so the protocol and implicit TLS); the port is a placeholder until bound.
    o.cfg.tgt = script::parse_target(a.scheme + "://" + so.host + ":" + std::to_string(port ? port : 1));
    o.cfg.user = a.user;
    char const* pw = a.password_env.empty() ? nullptr : std::getenv(a.password_env.c_str());
    if (!a.password_env.empty() && !pw) throw std::invalid_argument("--password-env " + a.password_env + ": that environment variable is not set");
    o.cfg.password = pw ? std::string(pw) : std::string("alice-password");
    o.cfg.case_timeout = seconds(a.timeout);
    o.cfg.read_timeout = seconds(a.read_timeout);
    o.fail_on = client::parse_fail_on(a.fail_on);
    so.seed = a.seed;
    so.by_login = a.by_login;
    auto const fp = o.cfg.tgt.proto == script::protocol::pop3   ? session::fault_protocol::pop3
                    : o.cfg.tgt.proto == script::protocol::imap ? session::fault_protocol::imap
                                                                : session::fault_protocol::smtp;
    for (auto const& f : a.faults) so.faults.push_back(session::parse_fault(f, fp));
    ca = certificate(a, o.cfg);
  } catch (std::exception const& e) {  // invalid_argument from the flags, runtime_error from certificate files
    std::cerr << "mailspec: " << e.what() << "\n";
    return std::nullopt;
  }
  o.suites_dir = a.suites_dir;
  o.sel = {a.suites, a.cases, a.tags, {}};
  o.role_server = true;
  o.described = {{"mode", "client-test"}, {"listen", a.listen}, {"connections", std::to_string(a.connections)},
                 {"fail_on", a.fail_on}, {"user", a.user}, {"seed", std::to_string(a.seed)}};
  if (!a.faults.empty()) {
    std::string all;
    for (auto const& f : a.faults) all += (all.empty() ? "" : " ") + f;
    o.described["fault"] = all;
  }
  if (a.by_login) o.described["by_login"] = "yes";
  return o;
}

/// One line per reason on stderr for the selected cases the scheme served rules out (they are `skip` in the
/// report), naming the first of them.
void print_not_served(std::vector<script::case_result> const& not_served, std::string const& scheme) {
  std::map<std::string, std::vector<std::string>> by_reason;
  for (auto const& c : not_served) by_reason[c.reason].push_back(c.id);
  for (auto const& [why, ids] : by_reason) {
    std::cerr << "mailspec serve: not served on " << scheme << " (skip): " << ids.size() << " case"
              << (ids.size() == 1 ? "" : "s") << " (" << ids.front() << (ids.size() == 1 ? "" : ", ...") << "): " << why
              << "\n";
  }
}

}  // namespace

int cmd_serve(serve_args const& a, char const* version) {
  interrupt_guard guard;
  server::serve_options so;
  std::string ca;
  auto opts = options_of(a, so, ca);
  if (!opts) return client::exit_status::usage;
  client::run r(std::move(*opts));
  auto const& errors = r.load();
  for (auto const& e : errors) std::cerr << e << "\n";
  if (!errors.empty()) return client::exit_status::usage;
  auto const& selected = r.select();
  print_not_served(r.not_served(), a.scheme);
  if (selected.empty()) {
    std::cerr << "mailspec: no " << a.scheme << " client-test case (role server) matches the selection"
              << (r.not_served().empty() ? "" : " and can be served on " + a.scheme) << " (see 'mailspec list')\n";
    return client::exit_status::usage;
  }
  if (a.by_login) {
    std::vector<script::case_def const*> choosable;
    if (!server::login_case_of(selected, choosable)) {
      std::cerr << "mailspec: --by-login: no selected case starts with `include " << selected.front()->suite
                << ".login` (the suite's login fixture)\n";
      return client::exit_status::usage;
    }
  }
  std::size_t const n = a.connections ? a.connections : selected.size();
  report::terminal term = stdout_terminal(a.no_color, a.quiet);
  term.error_fails = std::find(r.options().fail_on.begin(), r.options().fail_on.end(), script::verdict::error) != r.options().fail_on.end();
  report::progress_printer progress(term, n, true);
  report_outputs files(a.reports, version, std::cerr);
  report::summary_printer summary(term, a.verbose, a.quiet, files.where());
  if (!a.quiet) r.observe(progress);
  files.observe(r);
  r.observe(summary);
  guard.start([&r] {
    for (auto const& e : r.abandon()) std::cerr << "mailspec: " << e << "\n";
  });
  r.serve(guard.stop, so, [&](std::string const& host, std::uint16_t port) {
    files.listening(r.record());  // no case has started: nothing else writes the record now
    // One line a script can wait for, then how to point a client here.
    std::cout << "mailspec serve: listening on " << host << ":" << port << " (" << a.scheme << "), " << n
              << " connection" << (n == 1 ? "" : "s") << " to serve\n";
    if (!ca.empty()) std::cout << "mailspec serve: trust this CA for TLS: " << ca << "\n";
    std::cout.flush();
    progress.listening();
  });
  if (!r.record().probe_error.empty()) std::cerr << "mailspec: serve: " << r.record().probe_error << "\n";
  r.finish();
  if (!r.finish_error().empty()) std::cerr << "mailspec: " << r.finish_error() << "\n";
  return client::exit_code(r.outcome());
}

}  // namespace mailspec::cli
