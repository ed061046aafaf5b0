#pragma once
// The report layer's observers of a run (client/run.hpp): the terminal's progress line and summary, the
// report files (JSON, JUnit, HTML) and the NDJSON stream. `mailspec run` adds them in the order progress,
// reports, summary: the progress line is cleared before a failed write is reported, and the summary comes
// only once the reports are written.
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>

#include "client/run.hpp"
#include "report/document.hpp"
#include "report/progress.hpp"
#include "report/report.hpp"

namespace mailspec::report {

/** Before the cases, what the probe found (the recipient check); while they run, the progress: the live
    status line on a terminal (report/progress.hpp, `terminal::live`), else a plain line per fail and error. */
class progress_printer : public client::run_observer {
 public:
  /// `total`: the cases selected (`mailspec serve`: the connections to serve); `serving`: counts connections.
  progress_printer(terminal& t, std::size_t total, bool serving = false);
  void on_probed(client::run_record const& r) override;
  void on_case_started(script::case_def const& c) override;
  void on_case(script::case_result const& r, std::size_t done, std::size_t total) override;
  void on_finished(client::run_record const& r) override;
  void on_abandoned(client::run_record const& r) override;
  /// `mailspec serve` probes nothing: the status line starts once it listens.
  void listening();

 private:
  terminal& term_;
  std::size_t total_;
  std::unique_ptr<live_progress> live_;  // only when term_.live
};

/** After the cases: the notable verdicts, the counts, the skips grouped by hint (with `quiet` only the
    counts), then where the reports went: "report: PATH (json), PATH (html)", or a line saying that none
    was written and how to keep one. When no case ran (the target was unreachable) only the report line,
    and only when a report was asked for: stderr said why. */
class summary_printer : public client::run_observer {
 public:
  /// `reports`: the report files asked for, as report_outputs::where() gives them ("" when none).
  summary_printer(terminal& t, bool verbose, bool quiet, std::string reports)
      : term_(t), verbose_(verbose), quiet_(quiet), reports_(std::move(reports)) {}
  void on_finished(client::run_record const& r) override;

 private:
  terminal& term_;
  bool verbose_, quiet_;
  std::string reports_;
};

/** A report file of one format (report/document.hpp), written atomically when the run is over (also when
    the probe failed, so that a pipeline reading only the report learns why), and at once when it is
    abandoned. A write that fails throws std::runtime_error naming the path. */
class report_file : public client::run_observer {
 public:
  /// `notes`: where to say that an abandoned run's report was written.
  report_file(std::string path, format f, std::string tool_version, std::ostream& notes)
      : path_(std::move(path)), format_(f), tool_version_(std::move(tool_version)), notes_(notes) {}
  void on_finished(client::run_record const& r) override;
  void on_abandoned(client::run_record const& r) override;
  std::string const& path() const { return path_; }

 private:
  std::string path_;
  format format_;
  std::string tool_version_;
  std::ostream& notes_;
};

/// The JSON report (reports/schema/report-v1.json).
class json_writer : public report_file {
 public:
  json_writer(std::string path, std::string tool_version, std::ostream& notes)
      : report_file(std::move(path), format::json, std::move(tool_version), notes) {}
};

/** NDJSON for live dashboards: one JSON object per line, each flushed as it is written. The first line
    ({"type":"run"}) describes the run once the probe got through, then one {"type":"case"} line per case
    as it finishes (with `done` and `total`), and a last {"type":"summary"} line when the run ends or is
    abandoned. The file is created (truncated) at construction, which throws std::runtime_error when it
    cannot be; a later write that fails is reported by on_finished (it throws then). */
class ndjson_stream : public client::run_observer {
 public:
  ndjson_stream(std::string path, std::string tool_version);
  ~ndjson_stream() override;
  ndjson_stream(ndjson_stream const&) = delete;
  ndjson_stream& operator=(ndjson_stream const&) = delete;
  void on_probed(client::run_record const& r) override;
  void on_case(script::case_result const& r, std::size_t done, std::size_t total) override;
  void on_finished(client::run_record const& r) override;
  void on_abandoned(client::run_record const& r) override;

 private:
  void line(nlohmann::json const& j);
  void end(client::run_record const& r, bool abandoned);

  std::string path_;
  std::string tool_version_;
  std::FILE* file_ = nullptr;
  bool started_ = false;  // the run line is written
  bool ended_ = false;    // the summary line is written
  std::string error_;     // the first write that failed
};

}  // namespace mailspec::report
