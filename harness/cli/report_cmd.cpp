#include "cli/report_cmd.hpp"

#include <iostream>

#include "client/run.hpp"
#include "report/baseline.hpp"
#include "report/document.hpp"

namespace mailspec::cli {

namespace exit_status = client::exit_status;

int cmd_report(report_args const& a) {
  if (a.junit.empty() && a.html.empty()) {
    std::cerr << "mailspec report: say what to write: --junit OUT and/or --html OUT\n";
    return exit_status::usage;
  }
  if (!a.junit.empty() && a.files.size() > 1) {
    std::cerr << "mailspec report: --junit renders one report; to compare several runs use --html\n";
    return exit_status::usage;
  }
  std::vector<nlohmann::json> reports;
  for (auto const& f : a.files) reports.push_back(report::load_document(f));  // throws: main says why, exit 2
  if (!a.junit.empty()) report::write_atomic(a.junit, report::make_writer(report::format::junit)->render(reports));
  if (!a.html.empty()) report::write_atomic(a.html, report::make_writer(report::format::html)->render(reports));
  for (auto const* out : {&a.junit, &a.html}) {
    if (!out->empty()) std::cout << "wrote " << *out << "\n";
  }
  return exit_status::ok;
}

int cmd_diff(diff_args const& a) {
  auto const old = report::load_baseline(a.old_file);
  auto const now = report::baseline_of(report::load_document(a.new_file), a.new_file);
  auto const changes = report::compare(old, now);
  std::cout << report::describe(changes, a.old_file);
  if (report::any_worse(changes)) return exit_status::failed;
  return a.strict && !changes.empty() ? exit_status::failed : exit_status::ok;
}

int baseline_status(report::baseline const& base, client::run_record const& r, std::ostream& out) {
  auto const changes = report::compare(base, report::baseline_of(r.cases, "this run"));
  out << "compared with the baseline " << base.name << ":\n" << report::describe(changes, base.name, false);
  return report::any_worse(changes) ? exit_status::failed : exit_status::ok;
}

}  // namespace mailspec::cli
