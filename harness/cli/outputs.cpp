#include "cli/outputs.hpp"

#include "report/observers.hpp"

namespace mailspec::cli {

report_outputs::report_outputs(report_paths const& p, std::string const& tool_version, std::ostream& notes) {
  auto file = [&](std::string const& path, report::format f) {
    if (path.empty()) return;
    observers_.push_back(std::make_unique<report::report_file>(path, f, tool_version, notes));
    where_ += (where_.empty() ? "" : ", ") + path;
  };
  file(p.json, report::format::json);
  file(p.junit, report::format::junit);
  file(p.html, report::format::html);
  if (!p.ndjson.empty()) {
    observers_.push_back(std::make_unique<report::ndjson_stream>(p.ndjson, tool_version));
    ndjson_ = observers_.back().get();
    where_ += (where_.empty() ? "" : ", ") + p.ndjson;
  }
}

void report_outputs::observe(client::run& r) {
  for (auto& o : observers_) r.observe(*o);
}

void report_outputs::observe_with(std::function<void(client::run_observer&)> const& add) {
  for (auto& o : observers_) add(*o);
}

void report_outputs::listening(client::run_record const& r) {
  if (!ndjson_) return;
  client::run_record first = r;
  first.mode = "client-test";
  ndjson_->on_probed(first);
}

}  // namespace mailspec::cli
