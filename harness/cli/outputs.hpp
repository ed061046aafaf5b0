#pragma once
// The report files a run writes (`--report-json`, `--report-junit`, `--report-html`, `--report-ndjson`),
// shared by `mailspec run` and `mailspec serve`. No CLI11 here: main.cpp declares the flags.
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "client/run.hpp"
#include "report/report.hpp"

namespace mailspec::cli {

struct report_paths {
  std::string json, junit, html, ndjson;  // "": not asked for
};

/** The observers that write the asked-for reports, all rendered from the same results (report/
    document.hpp). The NDJSON file is created here: a path that cannot be written throws
    std::runtime_error before any case runs. */
class report_outputs {
 public:
  report_outputs(report_paths const& p, std::string const& tool_version, std::ostream& notes);
  /// Adds every writer to `r` (after the progress printer, before the summary printer).
  void observe(client::run& r);
  /// The same for another kind of run (`mailspec mime --exec`): `add` registers one observer.
  void observe_with(std::function<void(client::run_observer&)> const& add);
  /// The reports to print at the end, "PATH (json), PATH (html)" ("" when none).
  std::string where() const { return where_; }
  /// `mailspec serve` probes nothing: once it listens, the NDJSON stream gets its first line from this
  /// (the record with the bound address), in client-test mode.
  void listening(client::run_record const& r);

 private:
  std::vector<std::unique_ptr<client::run_observer>> observers_;
  client::run_observer* ndjson_ = nullptr;
  std::string where_;
};

/** The terminal `run` and `serve` print to (stdout): colours only on a terminal, without NO_COLOR and
    --no-color; the live status line only on a terminal, without --quiet; neither when TERM is dumb. */
report::terminal stdout_terminal(bool no_color, bool quiet);

}  // namespace mailspec::cli
