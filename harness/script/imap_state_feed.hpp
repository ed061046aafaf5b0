#pragma once
// Feeds one IMAP client connection's traffic into the mailbox-state model (codec/imap/mailbox_state.hpp):
// the commands the harness sends, whatever step sent them (`command`, `send`, `send-raw`, `idle`,
// `login`), read back from the octets by the command parser, and every typed response the target
// sends. The model then reports each broken invariant (UIDs reused or out of order, a stale EXISTS,
// an EXPUNGE during FETCH, STORE or SEARCH by sequence number, ...); the dialect turns those into
// verdicts.
#include <cstdint>
#include <string_view>
#include <vector>

#include "codec/imap/command.hpp"
#include "codec/imap/grammar.hpp"
#include "codec/imap/mailbox_state.hpp"

namespace mailspec::script::detail {

class imap_state_feed {
 public:
  /// `registry` is the case's, shared by its sessions (a UID expunged in one session and live in a
  /// later selection of another is caught); it outlives the feed.
  explicit imap_state_feed(codec::imap::mailbox_registry* registry);

  /// Octets the harness wrote on the connection, in order.
  void on_sent(std::string_view bytes);
  /// One response the target sent, typed.
  void on_response(codec::imap::typed_response const& r);
  /// TLS started (STARTTLS): a new command stream begins.
  void restart_commands();

  std::vector<codec::imap::state_violation> take_violations() { return model_.take_violations(); }
  codec::imap::mailbox_state const& model() const { return model_; }

 private:
  void started(codec::imap::command const& c);
  void untagged(codec::imap::typed_response const& r);
  void on_code(codec::imap::resp_code const& code);

  codec::imap::mailbox_state model_;
  codec::imap::command_parser sent_{codec::parse_mode::lenient};
  bool in_idle_ = false;
  bool in_sasl_ = false;
};

/// What the model needs to know of a command the client sent (tests use it directly).
codec::imap::command_event classify(codec::imap::command const& c);

}  // namespace mailspec::script::detail
