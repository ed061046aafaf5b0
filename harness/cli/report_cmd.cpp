#include "cli/report_cmd.hpp"

#include <iostream>

#include "client/run.hpp"
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

}  // namespace mailspec::cli
