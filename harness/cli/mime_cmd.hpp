#pragma once
// `mailspec mime`: the MIME parser from the command line. `mime show FILE...` prints the parser's tree
// (suites/mime/README.md's JSON form with --json, else an indented text tree). The command registers
// itself on the application (main.cpp holds one line for it) and leaves room for more subcommands
// (`--exec`, `diff`).
// `mime --exec CMD [PATH...]` judges a library's reader over the corpus; `mime diff` compares readers.
#include <cstddef>
#include <string>
#include <vector>

#include "cli/mime_check_cmd.hpp"

namespace CLI {
class App;
}

namespace mailspec::cli {

struct mime_show_args {
  std::vector<std::string> files;  // "-" reads standard input
  bool json = false;
  bool no_decode = false;  // structure only: no decoded sizes or digests
};

class mime_command {
 public:
  /// Adds `mime` and its subcommands to `app`; `version` names the reader in the JSON ("mailspec 0.1.0").
  mime_command(CLI::App& app, std::string version);

  /// Whether `mime` was given on the command line (after parsing).
  bool selected() const;

  /// Runs it; returns the exit code: 0, or 2 when a file cannot be read.
  int run() const;

 private:
  CLI::App* mime_ = nullptr;
  CLI::App* show_ = nullptr;
  CLI::App* diff_ = nullptr;
  mime_show_args show_args_;
  mime_exec_args exec_args_;
  mime_diff_args diff_args_;
  int show() const;
  std::string version_;
};

}  // namespace mailspec::cli
