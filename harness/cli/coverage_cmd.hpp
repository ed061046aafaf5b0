#pragma once
// `mailspec coverage`: the RFC requirement matrix of the suites (report/coverage.hpp) as a terminal table,
// JSON, HTML or a suite's COVERAGE.md, and the check that keeps each COVERAGE.md in step with the cases.
// The command declares its own flags, so that main.cpp registers it in one line; CLI11 is only named here.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mailspec::cli {

struct coverage_args {
  std::vector<std::string> suites;  // empty: every suite
  std::vector<int> rfcs;            // empty: every RFC the suites cite or explain
  std::string level;                // "", MUST or SHOULD
  bool lowercase = false, json = false, markdown = false, verbose = false;
  std::string html, write, check;  // files ("": not asked for)
  std::vector<int> must_explain;   // RFCs whose MUST sentences need a case or a note (exit 1 otherwise)
  std::string suites_dir;
};

/// Runs `mailspec coverage`: 0; 1 when --check finds the file out of date or --must-explain an
/// unexplained MUST sentence; 2 for a usage error or a file it cannot read.
int cmd_coverage(coverage_args const& a);

/// `mailspec coverage` as a subcommand of `app`: construct it before parsing, run() it when given().
class coverage_command {
 public:
  explicit coverage_command(CLI::App& app);
  bool given() const;
  int run() const { return cmd_coverage(args_); }

 private:
  CLI::App* sub_ = nullptr;
  coverage_args args_;
};

}  // namespace mailspec::cli
