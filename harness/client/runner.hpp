#pragma once
// The client runner: runs selected server-suite cases against one target, `jobs` at a time, each case
// on its own fresh connections, and reports each result as it completes.
#include <atomic>
#include <functional>
#include <vector>

#include "script/config.hpp"
#include "script/result.hpp"

namespace mailspec::client {

struct run_summary {
  std::vector<script::case_result> results;  // in selection order; unfinished cases are absent
  bool interrupted = false;
};

/// Called from worker threads, serialised by the runner: (result, finished count, total).
using on_result = std::function<void(script::case_result const&, std::size_t, std::size_t)>;
/// Called from worker threads, not serialised, as a case starts (before its set-up, if it has one).
using on_start = std::function<void(script::case_def const&)>;

/** Runs `cases` with up to `jobs` in parallel. When `stop` becomes true no new case starts; cases under
    way finish (each is bounded by its own deadline). Returns the finished results in selection order.
    `setups` (cases marked `setup VAR`) run before each case that requires var VAR when VAR is set: such
    cases run one at a time, after the others, each on a freshly prepared stage. `started`, when set, hears
    of each case as it starts. */
run_summary run_cases(std::vector<script::case_def const*> const& cases, script::run_config const& cfg, int jobs,
                      on_result const& notify, std::atomic<bool> const& stop,
                      std::vector<script::case_def const*> const& setups = {}, on_start const& started = {});

/** Every-reply rules: a case that `monitors` a rule reports the breaches seen in every case of the run
    (`results` in the order of `cases`). Its verdict becomes the rule's level when any reply broke it. */
void apply_monitors(std::vector<script::case_def const*> const& cases, std::vector<script::case_result>& results);

}  // namespace mailspec::client
