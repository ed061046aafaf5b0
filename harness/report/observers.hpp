#pragma once
// The report layer's observers of a run (client/run.hpp): the terminal's progress line and summary, and
// the JSON report file. `mailspec run` adds them in the order progress, JSON, summary: the progress line
// is cleared before a failed write is reported, and the summary comes only once the report is written.
#include <ostream>
#include <string>

#include "client/run.hpp"
#include "report/report.hpp"

namespace mailspec::report {

/// Before the cases, what the probe found (the recipient check); while they run, the progress line.
class progress_printer : public client::run_observer {
 public:
  explicit progress_printer(terminal& t) : term_(t) {}
  void on_probed(client::run_record const& r) override;
  void on_case(script::case_result const& r, std::size_t done, std::size_t total) override;
  void on_finished(client::run_record const& r) override;

 private:
  terminal& term_;
};

/// After the cases: the notable verdicts, the counts, the skips grouped by hint, and where the report is.
class summary_printer : public client::run_observer {
 public:
  summary_printer(terminal& t, bool verbose, std::string report_path)
      : term_(t), verbose_(verbose), report_path_(std::move(report_path)) {}
  void on_finished(client::run_record const& r) override;

 private:
  terminal& term_;
  bool verbose_;
  std::string report_path_;
};

/** The JSON report, written atomically when the run is over (also when the probe failed, so that a
    pipeline reading only the report learns why), and at once when it is abandoned. A write that fails
    throws std::runtime_error naming the path. */
class json_writer : public client::run_observer {
 public:
  /// `notes`: where to say that an abandoned run's report was written.
  json_writer(std::string path, std::string tool_version, std::ostream& notes)
      : path_(std::move(path)), tool_version_(std::move(tool_version)), notes_(notes) {}
  void on_finished(client::run_record const& r) override;
  void on_abandoned(client::run_record const& r) override;

 private:
  std::string path_;
  std::string tool_version_;
  std::ostream& notes_;
};

}  // namespace mailspec::report
