#include "report/observers.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace mailspec::report {

progress_printer::progress_printer(terminal& t, std::size_t total, bool serving) : term_(t), total_(total) {
  if (t.live) live_ = std::make_unique<live_progress>(t, serving);
}

void progress_printer::on_probed(client::run_record const& r) {
  term_.print_target(r);
  if (live_) live_->begin(total_);
}

void progress_printer::listening() {
  if (live_) live_->begin(total_);
}

void progress_printer::on_case_started(script::case_def const& c) {
  if (live_) live_->started(c.id);
}

void progress_printer::on_case(script::case_result const& r, std::size_t done, std::size_t total) {
  if (live_) {
    live_->finished(r, done, total);
  } else {
    term_.progress(r, done, total);
  }
}

void progress_printer::on_finished(client::run_record const&) {
  if (live_) live_->end();
}

void progress_printer::on_abandoned(client::run_record const&) {
  if (live_) live_->end();  // the notes of what was written then start on a clean line
}

void summary_printer::on_finished(client::run_record const& r) {
  bool const none_ran = !r.probe_error.empty() && r.cases.empty();  // why went to stderr
  if (!none_ran) term_.print_summary(r, verbose_, quiet_);
  if (!reports_.empty()) {
    term_.out << (none_ran ? "" : "  ") << "report: " << reports_ << "\n";
  } else if (!none_ran) {
    term_.out << "  no report written (keep one with --report-json FILE or --report-html FILE)\n";
  }
  term_.out << std::flush;
}

void report_file::on_finished(client::run_record const& r) {
  write_atomic(path_, make_writer(format_)->render(document(r, tool_version_)));
}

void report_file::on_abandoned(client::run_record const& r) {
  write_atomic(path_, make_writer(format_)->render(document(r, tool_version_)));
  notes_ << "mailspec: wrote " << r.cases.size() << " finished cases to " << path_ << "\n";
}

ndjson_stream::ndjson_stream(std::string path, std::string tool_version)
    : path_(std::move(path)), tool_version_(std::move(tool_version)) {
  std::error_code ec;
  std::filesystem::path const p(path_);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  file_ = std::fopen(path_.c_str(), "w");
  if (!file_) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
}

ndjson_stream::~ndjson_stream() {
  if (file_) std::fclose(file_);
}

void ndjson_stream::line(nlohmann::json const& j) {
  if (!error_.empty()) return;
  std::string const text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size() || std::fflush(file_) != 0) {
    error_ = "cannot write " + path_ + ": " + std::strerror(errno);
  }
}

void ndjson_stream::on_probed(client::run_record const& r) {
  auto j = run_json(r, tool_version_);
  j.erase("$schema");  // a line is not a whole report: it would not validate against that schema
  j["type"] = "run";
  line(j);
  started_ = true;
}

void ndjson_stream::on_case(script::case_result const& r, std::size_t done, std::size_t total) {
  auto j = case_json(r);
  j["type"] = "case";
  j["done"] = done;
  j["total"] = total;
  line(j);
}

void ndjson_stream::end(client::run_record const& r, bool abandoned) {
  if (ended_) return;
  if (!started_) on_probed(r);  // the probe failed: the run line says why (target.probe_error)
  nlohmann::json j = {{"type", "summary"}, {"summary", summary_json(summarise(r.cases))},
                      {"finished", r.finished}, {"interrupted", r.interrupted || abandoned}};
  if (!r.probe_error.empty()) j["probe_error"] = r.probe_error;
  line(j);
  ended_ = true;
  if (!error_.empty()) throw std::runtime_error(error_);
}

void ndjson_stream::on_finished(client::run_record const& r) { end(r, false); }

void ndjson_stream::on_abandoned(client::run_record const& r) { end(r, true); }

}  // namespace mailspec::report
