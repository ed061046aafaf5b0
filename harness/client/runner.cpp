#include "client/runner.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

#include "script/interpreter.hpp"

namespace mailspec::client {

run_summary run_cases(std::vector<script::case_def const*> const& cases, script::run_config const& cfg, int jobs,
                      on_result const& notify, std::atomic<bool> const& stop) {
  std::vector<std::optional<script::case_result>> slots(cases.size());
  // Parallel cases first, in selection order; `serial` cases (they change shared server state) after,
  // one at a time, on the calling thread.
  std::vector<std::size_t> parallel, serial;
  for (std::size_t i = 0; i < cases.size(); ++i) (cases[i]->serial ? serial : parallel).push_back(i);
  std::atomic<std::size_t> next{0};
  std::size_t finished = 0;
  std::mutex lock;
  auto run_one = [&](std::size_t i) {
    script::case_result r = script::run_case(*cases[i], cfg);
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
  for (auto& s : slots) {
    if (s) out.results.push_back(std::move(*s));
  }
  return out;
}

}  // namespace mailspec::client
