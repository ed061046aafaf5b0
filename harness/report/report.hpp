#pragma once
// Reports of a run: JSON (schema reports/schema/report-v1.json), and the terminal's progress line and
// summary. Files are written atomically (temporary file, fsync, rename).
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "script/config.hpp"
#include "script/result.hpp"

namespace mailspec::report {

inline constexpr char const* schema_id = "https://mailspec.dev/schema/report-v1.json";
inline constexpr int schema_version = 1;

struct run_report {
  std::string tool_version;
  script::target tgt;
  script::capabilities caps;
  std::string started;   // RFC 3339 UTC
  std::string finished;  // RFC 3339 UTC
  bool interrupted = false;
  std::map<std::string, std::string> options;  // what the run was asked to do (never credentials)
  std::string probe_error;  // the capability probe could not get through: no case ran (exit 3)
  std::vector<script::case_result> cases;
};

struct summary {
  std::size_t pass = 0, fail = 0, warn = 0, info = 0, skip = 0, error = 0;
  std::size_t total() const { return pass + fail + warn + info + skip + error; }
};
summary summarise(std::vector<script::case_result> const& cases);

/// The report as JSON text (pretty-printed).
std::string to_json(run_report const& r);

/// `mailspec list --json`: [{id, suite, title, rfc: [{rfc, section, level}], tags, file, line, requires}]
std::string cases_to_json(std::vector<script::case_def const*> const& cases);

/// Writes `content` to `path` atomically: the file is either the old one or the whole new one.
/// Throws std::runtime_error with a message naming the path when it cannot.
void write_atomic(std::string const& path, std::string const& content);

/// Current time as RFC 3339 UTC with milliseconds.
std::string now_rfc3339();

/// Terminal output: colours only when `colour` (a TTY without NO_COLOR).
struct terminal {
  std::ostream& out;
  bool colour = false;
  bool tty = false;
  bool error_fails = true;  // `error` is among the --fail-on verdicts
  void progress(script::case_result const& r, std::size_t done, std::size_t total);
  void finish_progress();
  void print_summary(run_report const& r, bool verbose);
  /// What the probe found that the user should know before the cases run (the recipient check).
  void print_target(run_report const& r);
};

}  // namespace mailspec::report
