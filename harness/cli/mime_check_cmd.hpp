#pragma once
// `mailspec mime --exec CMD` (a MIME reader judged over the corpus) and `mailspec mime diff` (several
// readers side by side). No CLI11 here: main.cpp declares the flags.
#include <memory>
#include <string>
#include <vector>

#include "cli/outputs.hpp"
#include "client/mime_readers.hpp"

namespace mailspec::cli {

struct mime_exec_args {
  std::string command;              // --exec
  bool batch = false;               // --batch
  double timeout = 10;              // seconds per message
  std::vector<std::string> paths;   // messages or directories ("": the installed corpus)
  std::vector<std::string> cases;   // --case
  std::string fail_on = "fail,error", baseline, suites_dir;
  report_paths reports;
  bool no_color = false, verbose = false, quiet = false;
};

/// Runs the reader over the corpus and judges each tree; the exit status as for `mailspec run`.
int cmd_mime_exec(mime_exec_args const& a, char const* version);

struct mime_diff_args {
  std::vector<std::string> readers;  // --reader SPEC (see reader_from_spec)
  std::vector<std::string> paths;    // messages or directories ("": the installed corpus)
  double timeout = 10;
  bool json = false, all = false;
  std::string suites_dir;
};

/// Prints, message by message, the fields on which the readers disagree; exit 1 when any do, 0 when
/// none, 2 for usage errors.
int cmd_mime_diff(mime_diff_args const& a, std::string const& version);

/** A reader named on the command line: `mailspec` (the built-in parser), `exec:CMD` (CMD once per
    message, the message on stdin), `batch:CMD` (CMD once, the batch protocol), `trees:DIR` (trees saved
    as DIR/STEM.json, e.g. by the mime suite against an IMAP server with --var mime_trees=DIR). Throws
    std::invalid_argument for anything else. */
std::unique_ptr<client::mime::reader> reader_from_spec(std::string const& spec, double timeout, std::string const& version);

/// The corpus when no path is given: `messages/` of the mime suite in the suites directory.
std::vector<std::string> default_corpus(std::string const& suites_dir);

}  // namespace mailspec::cli
