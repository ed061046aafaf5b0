#include "cli/outputs.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "report/observers.hpp"

namespace mailspec::cli {

report_outputs::report_outputs(report_paths const& p, std::string const& tool_version, std::ostream& notes) {
  auto say = [this](std::string const& path, char const* kind) {
    where_ += (where_.empty() ? "" : ", ") + path + " (" + kind + ")";
  };
  auto file = [&](std::string const& path, report::format f, char const* kind) {
    if (path.empty()) return;
    observers_.push_back(std::make_unique<report::report_file>(path, f, tool_version, notes));
    say(path, kind);
  };
  file(p.json, report::format::json, "json");
  file(p.junit, report::format::junit, "junit");
  file(p.html, report::format::html, "html");
  if (!p.ndjson.empty()) {
    observers_.push_back(std::make_unique<report::ndjson_stream>(p.ndjson, tool_version));
    ndjson_ = observers_.back().get();
    say(p.ndjson, "ndjson");
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

report::terminal stdout_terminal(bool no_color, bool quiet) {
  bool const tty = ::isatty(STDOUT_FILENO) != 0;
  char const* term = std::getenv("TERM");
  bool const dumb = term && std::strcmp(term, "dumb") == 0;
  report::terminal t{std::cout};
  t.colour = tty && !dumb && !no_color && !std::getenv("NO_COLOR");
  t.live = tty && !dumb && !quiet;
  t.width_fd = STDOUT_FILENO;
  return t;
}

}  // namespace mailspec::cli
