#pragma once
// `mailspec report`: render saved JSON reports as JUnit or HTML. No CLI11 here: main.cpp declares the
// flags.
#include <string>
#include <vector>

namespace mailspec::cli {

struct report_args {
  std::vector<std::string> files;  // saved JSON reports
  std::string junit, html;         // outputs ("": not asked for)
};

/// Renders the saved reports; returns 0, or 2 (usage: unreadable report, nothing asked, JUnit of several).
int cmd_report(report_args const& a);

}  // namespace mailspec::cli
