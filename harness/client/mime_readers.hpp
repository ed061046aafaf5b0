#pragma once
// MIME readers: what turns a message file into a tree in the JSON form `mailspec-mime-1`
// (suites/mime/README.md). mailspec's own parser, a library's adapter run as a command (`--exec`), or
// trees another run saved (an IMAP server's, written by the mime suite with `--var mime_trees=DIR`).
// Every reader is bounded in time and size: a command that hangs, floods or dies gives an error for
// that message, and the next message gets a fresh start.
#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mailspec::client::mime {

/// A reader's answer for one message: a tree, or why there is none.
struct tree_result {
  std::optional<nlohmann::json> tree;  // the whole object ({format, reader, octets, message})
  std::string error;                   // set when `tree` is not
  std::string stderr_text;             // what a command wrote on stderr (bounded), for the reason
};

class reader {
 public:
  virtual ~reader() = default;
  /// A short name for reports and diff columns ("mailspec", "exec: python3 ...", "trees: DIR").
  virtual std::string name() const = 0;
  virtual tree_result read(std::string const& message_path) = 0;
};

struct exec_options {
  std::string command;  // run by /bin/sh -c
  bool batch = false;   // one process: paths on stdin one per line, one NDJSON tree per line back
  std::chrono::milliseconds timeout{10000};  // per message
  std::size_t max_output = 16u << 20;        // octets of one tree
};

/// A command: without `batch`, started once per message with the message on stdin, its tree read from
/// stdout until it exits; with `batch`, started once and fed paths (restarted after a failure).
std::unique_ptr<reader> make_exec_reader(exec_options o);

/// mailspec's own parser (codec/mime), the reference; `name` is what its trees give as "reader"
/// ("mailspec 0.9.0"). The file is streamed through the parser in pieces.
std::unique_ptr<reader> make_builtin_reader(std::string name);

/// Trees saved as files: `DIR/STEM.json` for the message `STEM.eml`.
std::unique_ptr<reader> make_saved_reader(std::string dir);

/// Checks what a reader printed is a tree of the form: an object with `format` "mailspec-mime-1" and a
/// `message` object. Returns "" or what is wrong.
std::string tree_form_error(nlohmann::json const& j);

}  // namespace mailspec::client::mime
