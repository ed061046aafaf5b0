#pragma once
// The one model every report format is rendered from: the report as its JSON document (schema
// reports/schema/report-v1.json). A run that has just ended is turned into it once; a saved report is
// read back into it (`mailspec report`, `mailspec diff`); the writers below render it. Everything in it
// is already redacted: the transcripts and findings replaced the secrets when they were recorded, and
// the options never hold credentials.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/run.hpp"
#include "report/report.hpp"

namespace mailspec::report {

/// The whole report of a run (what to_json() prints).
nlohmann::json document(client::run_record const& r, std::string const& tool_version);
/// Everything but `summary` and `cases`: the first line of an NDJSON stream.
nlohmann::json run_json(client::run_record const& r, std::string const& tool_version);
/// One case, as in the report's `cases`.
nlohmann::json case_json(script::case_result const& c);
/// {total, pass, fail, warn, info, skip, error}
nlohmann::json summary_json(summary const& s);
/// Pretty-printed, invalid UTF-8 replaced, ending in a newline.
std::string dump(nlohmann::json const& j);

/// Reads a saved JSON report. Throws std::runtime_error naming the file when it cannot be read or is
/// not a mailspec report (no `cases` array).
nlohmann::json load_document(std::string const& path);

enum class format { json, junit, html };
std::string_view to_string(format f);

/** A report format. render() takes the reports of one or more runs; every format renders one, and the
    HTML writer renders several as a side-by-side table (a row per case, a column per run). Throws
    std::invalid_argument for several reports in a format that takes one. */
class writer {
 public:
  virtual ~writer() = default;
  virtual std::string render(std::vector<nlohmann::json> const& reports) const = 0;
  std::string render(nlohmann::json const& report) const { return render(std::vector<nlohmann::json>{report}); }
};

/// The writer of `f` (stateless; one per call is fine).
std::unique_ptr<writer> make_writer(format f);

/// JUnit XML (tests/report/junit.xsd): a testsuite per suite, a testcase per case.
std::string to_junit(nlohmann::json const& report);
/// One self-contained HTML page of a run: no network fetch, filters, transcripts.
std::string to_html(nlohmann::json const& report);
/// Several runs of the same suites side by side: a row per case id, a column per run.
std::string to_html_comparison(std::vector<nlohmann::json> const& reports);

}  // namespace mailspec::report
