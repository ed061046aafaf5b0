#pragma once
// `mailspec mime --exec`: a MIME reader run over a corpus (suites/mime/messages by default), each message's
// tree judged against its expected file, one case per message (`mime.message.STEM`, the same ids as the
// mime suite's IMAP cases, so that runs against servers and libraries line up side by side). The record
// is an ordinary run record in mode `reader-test`, so every report format and `--baseline` work on it.
#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "client/mime_readers.hpp"
#include "client/run.hpp"

namespace mailspec::client::mime {

/// The messages named by `paths`: files as given, directories searched (not recursively) for `*.eml`,
/// sorted. Throws std::invalid_argument for a path that does not exist or when no message is found.
std::vector<std::string> corpus_files(std::vector<std::string> const& paths);

/// `mime.message.STEM` for `DIR/STEM.eml`.
std::string case_id(std::string const& message_path);

/// One message read by `r` and judged against `STEM.expected.json` beside it: pass when every field of
/// the expected tree agrees; otherwise the verdict the expected file's basis and level give (fail, warn
/// or info), naming each field that differs; `error` when the reader gave no tree or the expected file
/// is missing or malformed (undecided, never a pass).
script::case_result judge(reader& r, std::string const& message_path);

struct corpus_options {
  std::vector<std::string> files;  // corpus_files()
  std::vector<std::string> cases;  // id prefixes or globs (*, ?); empty: all
  std::vector<script::verdict> fail_on{script::verdict::fail, script::verdict::error};
  std::map<std::string, std::string> described;  // the report's "options"
};

/// The run of one reader over a corpus, with the phases and observers of client::run.
class corpus_run {
 public:
  corpus_run(reader& r, corpus_options o);
  void observe(run_observer& o);
  /// The messages the selection picks.
  std::vector<std::string> const& selected() const { return selected_; }
  /// Judges the selected messages in order; stops starting new ones once `stop` is set.
  void execute(std::atomic<bool> const& stop);
  void finish();
  /// A second Ctrl-C or SIGTERM: on_abandoned with what has finished; what observers threw.
  std::vector<std::string> abandon();
  run_record const& record() const { return record_; }
  std::string const& finish_error() const { return finish_error_; }
  run_outcome outcome() const;

 private:
  reader& reader_;
  corpus_options opts_;
  std::vector<std::string> selected_;
  std::vector<run_observer*> observers_;
  mutable std::mutex lock_;
  run_record record_;
  run_end end_ = run_end::completed;
  std::string finish_error_;
};

}  // namespace mailspec::client::mime
