#pragma once
// `mailspec report` (render saved JSON reports as JUnit or HTML), `mailspec diff` (compare two runs'
// verdicts) and `run --baseline`. No CLI11 here: main.cpp declares the flags.
#include <ostream>
#include <string>
#include <vector>

#include "client/run.hpp"
#include "report/baseline.hpp"

namespace mailspec::cli {

struct report_args {
  std::vector<std::string> files;  // saved JSON reports
  std::string junit, html;         // outputs ("": not asked for)
};

/// Renders the saved reports; returns 0, or 2 (usage: unreadable report, nothing asked, JUnit of several).
int cmd_report(report_args const& a);

struct diff_args {
  std::string old_file, new_file;  // a JSON report or a TSV (id, verdict, why); the new one a JSON report
  bool strict = false;             // any difference makes the exit code 1, not only a worse verdict
};

/// Prints the differences; returns 1 when a verdict got worse (or, with --strict, when anything differs),
/// 0 otherwise, 2 for a file it cannot read.
int cmd_diff(diff_args const& a);

/** `run --baseline`: the exit status of a finished run judged against a baseline (report/baseline.hpp)
    instead of --fail-on: 1 when a verdict is worse than the baseline's, else 0. Prints the differences
    to `out`. */
int baseline_status(report::baseline const& base, client::run_record const& r, std::ostream& out);

}  // namespace mailspec::cli
