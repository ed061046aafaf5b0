#pragma once
// Reports of a run: JSON (schema reports/schema/report-v1.json), and the terminal's progress line and
// summary. Files are written atomically (temporary file, fsync, rename).
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "client/run.hpp"
#include "script/config.hpp"
#include "script/result.hpp"

namespace mailspec::report {

inline constexpr char const* schema_id = "https://mailspec.dev/schema/report-v1.json";
inline constexpr int schema_version = 1;

/// A run's record (client/run.hpp) with the tool that made it.
struct run_report : client::run_record {
  std::string tool_version;
};

struct summary {
  std::size_t pass = 0, fail = 0, warn = 0, info = 0, skip = 0, error = 0;
  std::size_t total() const { return pass + fail + warn + info + skip + error; }
};
summary summarise(std::vector<script::case_result> const& cases);

/// The report as JSON text (pretty-printed).
std::string to_json(client::run_record const& r, std::string const& tool_version);
inline std::string to_json(run_report const& r) { return to_json(r, r.tool_version); }

/// `mailspec list --json`: [{id, suite, title, rfc: [{rfc, section, level}], tags, file, line, requires}]
std::string cases_to_json(std::vector<script::case_def const*> const& cases);

/// Writes `content` to `path` atomically: the file is either the old one or the whole new one.
/// Throws std::runtime_error with a message naming the path when it cannot.
void write_atomic(std::string const& path, std::string const& content);

/// Current time as RFC 3339 UTC with milliseconds (the run stamps its record with it).
using client::now_rfc3339;

/// The ANSI colour of a verdict on a terminal ("\033[1;31m" for fail).
char const* colour_code(script::verdict v);

/** Terminal output: colours only when `colour` (a terminal, no NO_COLOR, no --no-color, TERM not dumb);
    the live status line (report/progress.hpp) only when `live` (a terminal, no --quiet, TERM not dumb).
    Without it, progress() prints a plain line per fail and error, with no carriage return. */
struct terminal {
  std::ostream& out;
  bool colour = false;
  bool live = false;
  bool error_fails = true;  // `error` is among the --fail-on verdicts
  int width_fd = -1;        // where to ask the terminal's width (TIOCGWINSZ) before each redraw
  std::size_t columns = 80; // the width when it cannot be asked
  /// Without the live line: a fail or error as one plain line, "[3/12] fail ID: reason".
  void progress(script::case_result const& r, std::size_t done, std::size_t total);
  /// With the live line: a fail, warn or error as one line of at most `width` columns, printed above it.
  std::string finding_line(script::case_result const& r, std::size_t done, std::size_t total, std::size_t width) const;
  /// The notable verdicts (every one but pass with `verbose`), the counts and the skips grouped by hint;
  /// with `quiet` only the counts ("N cases against URL" and the verdicts).
  void print_summary(client::run_record const& r, bool verbose, bool quiet = false);
  /// What the probe found that the user should know before the cases run (the recipient check).
  void print_target(client::run_record const& r);
};

}  // namespace mailspec::report
