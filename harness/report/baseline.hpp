#pragma once
// Baselines: the verdicts a run is compared with (`mailspec diff`, `mailspec run --baseline`), keyed on
// the case id (never on file:line, which moves whenever a script is edited).
//
// Which verdict is worse: the ranks are pass = info = skip (0) < warn (1) < fail (2) < error (3). A change
// to a higher rank is worse; to a lower one, better ("fixed"); within a rank (pass -> skip, info -> pass)
// merely changed. An `error` is never better than anything: a case that ends in `error` is worse even
// when the baseline had `error` too, so an undecided case can never hide behind a baseline. A case the
// baseline does not know counts as worse when its verdict ranks above 0 (a new fail, warn or error).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "script/result.hpp"

namespace mailspec::report {

/// 0 pass/info/skip, 1 warn, 2 fail, 3 error (see above).
int rank(script::verdict v);
/// The verdict named `s`, or nothing.
std::optional<script::verdict> verdict_of(std::string_view s);

struct baseline_entry {
  script::verdict v = script::verdict::pass;
  std::string reason;  // the report's reason, or the TSV's third column
  std::string where;   // "FILE:LINE" of a TSV line, "" for a JSON report
};

struct baseline {
  std::string name;                // the file it was read from
  std::vector<std::string> order;  // ids in file order
  std::map<std::string, baseline_entry> cases;
};

/** Reads a baseline: a mailspec JSON report, or a TSV as in ci/expected/ (`id<TAB>verdict[<TAB>why]`,
    `#` comments, blank lines ignored). Throws std::runtime_error naming the file and line when it cannot. */
baseline load_baseline(std::string const& path);
/// The verdicts of a report document.
baseline baseline_of(nlohmann::json const& report, std::string name);
/// The verdicts of a run's cases.
baseline baseline_of(std::vector<script::case_result> const& cases, std::string name);

enum class change_kind {
  worse,    // a verdict of a higher rank, any error, or a new case with a verdict above rank 0
  fixed,    // a verdict of a lower rank
  changed,  // another verdict of the same rank
  added,    // a new case with a verdict of rank 0
  gone,     // in the baseline, not in the new run
};
std::string_view to_string(change_kind k);

struct change {
  change_kind kind;
  std::string id;
  std::optional<script::verdict> before, after;
  std::string reason;  // the new run's reason (the baseline's for a gone case)
};

/// Every difference of `now` from `old`, in `now`'s order, then the gone cases in `old`'s order.
std::vector<change> compare(baseline const& old, baseline const& now);
/// One line per change, then a count line ("2 worse, 1 fixed, 0 changed, 0 added, 0 gone"). Without
/// `list_gone` the gone cases are only counted (a run that selected a few cases did not run the rest).
std::string describe(std::vector<change> const& changes, std::string const& old_name, bool list_gone = true);
/// Whether any change is worse.
bool any_worse(std::vector<change> const& changes);

}  // namespace mailspec::report
