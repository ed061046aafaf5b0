#include "client/runner.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

#include "script/interpreter.hpp"
#include "script/smtp_watch.hpp"

namespace mailspec::client {

namespace {

/// The set-up a case needs before it runs (a `setup VAR` procedure for a `requires var VAR` it has), if any.
script::case_def const* setup_of(script::case_def const& c, script::run_config const& cfg,
                                 std::vector<script::case_def const*> const& setups) {
  for (auto const& r : c.requires_) {
    if (r.k != script::requirement::kind::var || !cfg.vars.count(r.name)) continue;
    for (auto const* s : setups) {
      if (s->setup_for == r.name) return s;
    }
  }
  return nullptr;
}

}  // namespace

run_summary run_cases(std::vector<script::case_def const*> const& cases, script::run_config const& cfg, int jobs,
                      on_result const& notify, std::atomic<bool> const& stop,
                      std::vector<script::case_def const*> const& setups, on_start const& started) {
  std::vector<std::optional<script::case_result>> slots(cases.size());
  // Parallel cases first, in selection order; `serial` cases (they change shared server state) and the
  // cases with a set-up after, one at a time, on the calling thread.
  std::vector<std::size_t> parallel, serial;
  std::vector<script::case_def const*> prepare(cases.size(), nullptr);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    prepare[i] = setup_of(*cases[i], cfg, setups);
    (cases[i]->serial || prepare[i] ? serial : parallel).push_back(i);
  }
  std::atomic<std::size_t> next{0};
  std::size_t finished = 0;
  std::mutex lock;
  std::string setup_failed;  // once a set-up fails it is not tried again; the cases run on what is there
  auto run_one = [&](std::size_t i) {
    if (started) started(*cases[i]);
    if (prepare[i] && setup_failed.empty()) {
      script::case_result s = script::run_case(*prepare[i], cfg);
      if (s.v != script::verdict::pass) setup_failed = prepare[i]->id + ": " + s.reason;
    }
    script::case_result r = script::run_case(*cases[i], cfg);
    if (prepare[i] && !setup_failed.empty() && r.v == script::verdict::skip) {
      r.hint = "the set-up " + setup_failed + " failed, so the maildrop was not prepared: " + r.hint;
    }
    std::lock_guard<std::mutex> guard(lock);
    ++finished;
    if (notify) notify(r, finished, cases.size());
    slots[i] = std::move(r);
  };
  auto worker = [&] {
    for (;;) {
      if (stop.load()) return;
      std::size_t const k = next.fetch_add(1);
      if (k >= parallel.size()) return;
      run_one(parallel[k]);
    }
  };
  std::size_t const n = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), 1, std::max<std::size_t>(cases.size(), 1));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  for (std::size_t i : serial) {
    if (stop.load()) break;
    run_one(i);
  }
  run_summary out;
  out.interrupted = stop.load();
  std::vector<script::case_def const*> ran;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i]) continue;
    out.results.push_back(std::move(*slots[i]));
    ran.push_back(cases[i]);
  }
  apply_monitors(ran, out.results);
  return out;
}

void apply_monitors(std::vector<script::case_def const*> const& cases, std::vector<script::case_result>& results) {
  for (std::size_t i = 0; i < cases.size() && i < results.size(); ++i) {
    auto& mon = results[i];
    if (mon.v == script::verdict::skip || mon.v == script::verdict::error) continue;  // not applicable / undecided
    for (auto const& rule : cases[i]->monitors) {
      script::reply_rule const* r = script::find_reply_rule(rule);
      if (!r) continue;
      std::size_t replies = 0, in_cases = 0;
      script::case_result const* first = nullptr;
      script::finding const* evidence = nullptr;
      for (auto const& other : results) {
        auto it = other.rule_hit_counts.find(rule);
        if (it == other.rule_hit_counts.end()) continue;
        replies += it->second;
        ++in_cases;
        if (!evidence) {
          for (auto const& h : other.rule_hits) {
            if (h.rule == rule) {
              first = &other;
              evidence = &h.f;
              break;
            }
          }
        }
      }
      if (!evidence) continue;
      script::verdict const v = r->rfc.lvl == script::level::must ? script::verdict::fail
                                : r->rfc.lvl == script::level::should ? script::verdict::warn
                                                                      : script::verdict::info;
      std::string reason = std::to_string(replies) + " repl" + (replies == 1 ? "y" : "ies") + " in " + std::to_string(in_cases) +
                           " case" + (in_cases == 1 ? "" : "s") + " broke the rule that " + std::string(r->title) +
                           "; first in " + first->id + " at " + evidence->step + ": expected " + evidence->expected +
                           ", got " + evidence->actual;
      script::finding f = *evidence;
      f.rfc = r->rfc;
      if (script::severity(v) > script::severity(mon.v)) {
        if ((mon.v == script::verdict::warn || mon.v == script::verdict::info) && mon.evidence) {
          mon.observations.push_back(*mon.evidence);
        }
        mon.v = v;
        mon.reason = std::move(reason);
        mon.evidence = std::move(f);
      } else {
        mon.observations.push_back(std::move(f));
      }
    }
  }
}

}  // namespace mailspec::client
