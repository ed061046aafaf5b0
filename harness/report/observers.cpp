#include "report/observers.hpp"

namespace mailspec::report {

void progress_printer::on_probed(client::run_record const& r) { term_.print_target(r); }

void progress_printer::on_case(script::case_result const& r, std::size_t done, std::size_t total) {
  term_.progress(r, done, total);
}

void progress_printer::on_finished(client::run_record const& r) {
  if (r.probe_error.empty()) term_.finish_progress();  // no progress line was drawn without a probe
}

void summary_printer::on_finished(client::run_record const& r) {
  if (!r.probe_error.empty()) return;  // no case ran; the error went to stderr
  term_.print_summary(r, verbose_);
  if (!report_path_.empty()) term_.out << "  report: " << report_path_ << "\n";
}

void json_writer::on_finished(client::run_record const& r) { write_atomic(path_, to_json(r, tool_version_)); }

void json_writer::on_abandoned(client::run_record const& r) {
  write_atomic(path_, to_json(r, tool_version_));
  notes_ << "mailspec: wrote " << r.cases.size() << " finished cases to " << path_ << "\n";
}

}  // namespace mailspec::report
