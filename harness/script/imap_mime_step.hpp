#pragma once
// The `compare-mime MESSAGE` step (IMAP, client role): fetches message 1 of the selected mailbox part by part,
// builds the server's MIME tree (imap_mime_tree.hpp) and judges it against MESSAGE's expected tree. Internal
// to the script layer: the IMAP dialect runs it, giving it a way to send one command and read its answer.
#include <functional>
#include <string>
#include <vector>

#include "codec/imap/response.hpp"
#include "script/interpreter_detail.hpp"

namespace mailspec::script::detail {

/// One tagged command sent and read up to its tagged response, through the dialect's bounded waits.
struct imap_reply {
  check c;                                         // the read failed (timeout, close, violation) when not ok
  bool answered = false;                           // `tagged` answers the command
  codec::imap::response tagged;                    // or what ended the wait instead
  std::vector<codec::imap::response> untagged;     // what arrived while the command was in flight (bounded)
};
using imap_exchange = std::function<imap_reply(std::string const& command)>;

/// Runs the step; returns false when the case must stop (as every step does).
bool run_compare_mime(case_run& run, step const& s, imap_exchange const& exchange);

}  // namespace mailspec::script::detail
