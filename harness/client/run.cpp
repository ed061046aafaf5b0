#include "client/run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "client/runner.hpp"
#include "script/interpreter.hpp"

namespace mailspec::client {

int exit_code(run_outcome const& o) {
  switch (o.end) {
    case run_end::usage: return exit_status::usage;
    case run_end::unreachable: return exit_status::unreachable;
    case run_end::abandoned: return exit_status::interrupted;
    case run_end::terminated: return exit_status::terminated;
    case run_end::completed: break;
  }
  // A first Ctrl-C that came before any case finished leaves no verdict to go by.
  if (o.interrupted && o.finished == 0) return exit_status::interrupted;
  return o.failed ? exit_status::failed : exit_status::ok;
}

std::vector<script::verdict> parse_fail_on(std::string const& list) {
  std::vector<script::verdict> out;
  std::stringstream ss(list);
  for (std::string w; std::getline(ss, w, ',');) {
    if (w == "fail") out.push_back(script::verdict::fail);
    else if (w == "warn") out.push_back(script::verdict::warn);
    else if (w == "info") out.push_back(script::verdict::info);
    else if (w == "error") out.push_back(script::verdict::error);
    else if (w == "skip") out.push_back(script::verdict::skip);
    else throw std::invalid_argument("--fail-on takes verdicts separated by commas (fail,warn,info,error,skip), not '" + w + "'");
  }
  if (out.empty()) throw std::invalid_argument("--fail-on needs at least one verdict, e.g. fail,error");
  return out;
}

script::registry load_suites(std::string const& dir) {
  script::registry reg;
  reg.load_directory(dir.empty() ? script::default_suites_dir() : dir);
  return reg;
}

script::registry load_scripts(std::vector<std::string> const& paths) {
  script::registry reg;
  for (auto const& p : paths) {
    if (std::filesystem::is_directory(p)) {
      reg.load_directory(p);
    } else {
      reg.load_file(p);
    }
  }
  return reg;
}

run::run(run_options opts) : opts_(std::move(opts)) {
  auto& cfg = opts_.cfg;
  // POP3 cases that change a throwaway maildrop get known messages put into it first, over IMAP on the
  // same host unless --var seed_url names another server (suites/pop3/seed.mspec).
  if (cfg.tgt.proto == script::protocol::pop3 && !cfg.vars.count("seed_url")) {
    std::string const host = cfg.tgt.host.find(':') != std::string::npos ? "[" + cfg.tgt.host + "]" : cfg.tgt.host;
    cfg.vars["seed_url"] = cfg.tgt.implicit_tls ? "imaps://" + host + ":993" : "imap://" + host + ":143";
  }
  record_.tgt = cfg.tgt;
  record_.options = opts_.described;
}

void run::observe(run_observer& o) {
  std::lock_guard<std::mutex> g(lock_);
  observers_.push_back(&o);
}

std::vector<std::string> const& run::load() {
  registry_ = load_suites(opts_.suites_dir);
  return registry_.errors();
}

std::vector<script::case_def const*> const& run::select() {
  selected_ = registry_.select(opts_.sel, opts_.cfg.tgt.proto);
  // `run` judges servers with the client-role cases, `serve` judges clients with the server-role ones.
  auto const want = opts_.role_server ? script::role::server : script::role::client;
  std::erase_if(selected_, [&](script::case_def const* c) { return c->role != want; });
  // A client is served only a case its scheme can run: the STARTTLS cases are not for smtps.
  not_served_.clear();
  if (opts_.role_server) {
    std::erase_if(selected_, [&](script::case_def const* c) {
      std::string why = script::unmet_requirement(*c, opts_.cfg);
      if (why.empty()) return false;
      script::case_result& r = not_served_.emplace_back();
      r.identify(*c);
      r.v = script::verdict::skip;
      r.reason = why;
      r.hint = std::move(why);
      return true;
    });
  }
  if (!selected_.empty()) {
    std::lock_guard<std::mutex> g(lock_);
    record_.started = now_rfc3339();
    finished_ = not_served_;
  }
  return selected_;
}

probe_status run::probe() {
  auto& cfg = opts_.cfg;
  std::string why = script::probe_capabilities(cfg);
  std::lock_guard<std::mutex> g(lock_);
  if (!why.empty()) {
    record_.caps = cfg.caps;  // what the probe did learn, beside why it stopped
    record_.probe_error = std::move(why);
    end_ = run_end::unreachable;
    return probe_status::unreachable;
  }
  if (opts_.require_starttls && !cfg.tgt.implicit_tls && !cfg.caps.starttls) {
    end_ = run_end::unreachable;
    return probe_status::no_starttls;
  }
  record_.caps = cfg.caps;
  for (auto* o : observers_) o->on_probed(record_);
  return probe_status::ok;
}

void run::notify_case(script::case_result const& r, std::size_t done, std::size_t total) {
  std::lock_guard<std::mutex> g(lock_);
  finished_.push_back(r);
  for (auto* o : observers_) o->on_case(r, done, total);
}

void run::notify_started(script::case_def const& c) {
  std::lock_guard<std::mutex> g(lock_);
  for (auto* o : observers_) o->on_case_started(c);
}

void run::execute(std::atomic<bool> const& stop) {
  auto notify = [this](script::case_result const& r, std::size_t done, std::size_t total) { notify_case(r, done, total); };
  auto started = [this](script::case_def const& c) { notify_started(c); };
  auto summary = run_cases(selected_, opts_.cfg, opts_.jobs, notify, stop, registry_.setups(opts_.cfg.tgt.proto), started);
  std::lock_guard<std::mutex> g(lock_);
  record_.cases = std::move(summary.results);
  record_.interrupted = summary.interrupted;
  end_ = run_end::completed;
}

void run::serve(std::atomic<bool> const& stop, server::serve_options const& opt, server::on_listening const& listening) {
  auto notify = [this](script::case_result const& r, std::size_t done, std::size_t total) { notify_case(r, done, total); };
  // The report names where clients were served: the port is known once bound.
  auto bound = [&](std::string const& host, std::uint16_t port) {
    {
      std::lock_guard<std::mutex> g(lock_);
      record_.tgt.host = host;
      record_.tgt.port = port;
      record_.tgt.url = record_.tgt.scheme + "://" + host + ":" + std::to_string(port);
    }
    if (listening) listening(host, port);
  };
  auto accepted = [this](script::case_def const& c) { notify_started(c); };
  auto summary = server::serve_cases(selected_, opts_.cfg, opt, bound, notify, stop, accepted);
  std::lock_guard<std::mutex> g(lock_);
  record_.mode = "client-test";
  bool const served_any = !summary.results.empty();
  record_.cases = not_served_;
  std::move(summary.results.begin(), summary.results.end(), std::back_inserter(record_.cases));
  record_.interrupted = summary.interrupted;
  record_.probe_error = summary.error;
  end_ = summary.error.empty() || served_any ? run_end::completed : run_end::unreachable;
}

void run::finish() {
  std::lock_guard<std::mutex> g(lock_);
  record_.finished = now_rfc3339();
  finish_error_ = notify_finished(observers_, record_);
  if (!finish_error_.empty() && end_ == run_end::completed) end_ = run_end::usage;  // unreachable stays exit 3
}

std::vector<std::string> run::abandon() {
  std::lock_guard<std::mutex> g(lock_);
  run_record snap;
  snap.tgt = record_.tgt;
  snap.caps = record_.caps;
  snap.started = record_.started;
  snap.options = record_.options;
  snap.probe_error = record_.probe_error;
  snap.cases = finished_;
  snap.interrupted = true;
  snap.finished = now_rfc3339();
  return notify_abandoned(observers_, snap);
}

std::string notify_finished(std::vector<run_observer*> const& observers, run_record const& record) {
  for (auto* o : observers) {
    try {
      o->on_finished(record);
    } catch (std::exception const& e) {
      return e.what();
    }
  }
  return {};
}

std::vector<std::string> notify_abandoned(std::vector<run_observer*> const& observers, run_record const& snap) {
  std::vector<std::string> errors;
  for (auto* o : observers) {
    try {
      o->on_abandoned(snap);
    } catch (std::exception const& e) {
      errors.emplace_back(e.what());
    }
  }
  return errors;
}

bool any_verdict_of(std::vector<script::case_result> const& cases, std::vector<script::verdict> const& fail_on) {
  return std::any_of(cases.begin(), cases.end(), [&](script::case_result const& c) {
    return std::find(fail_on.begin(), fail_on.end(), c.v) != fail_on.end();
  });
}

run_outcome run::outcome() const {
  std::lock_guard<std::mutex> g(lock_);
  run_outcome o;
  o.end = end_;
  o.interrupted = record_.interrupted;
  o.finished = record_.cases.size();
  o.failed = any_verdict_of(record_.cases, opts_.fail_on);
  return o;
}

std::string now_rfc3339() {
  auto const now = std::chrono::system_clock::now();
  std::time_t const t = std::chrono::system_clock::to_time_t(now);
  auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace mailspec::client
