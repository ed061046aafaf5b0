#pragma once
// A byte-exact record of one case: every octet written and read, with time and connection name.
// No Asio here: the script and report layers read transcripts.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailspec::session {

// Octets are named by the protocol role of their sender (see session::role in io.hpp): on a client-role
// connection "client" is what the harness sent, on a server-role one it is what the client under test sent.
enum class direction : char {
  client = 'c',  // octets the client sent to the server
  server = 's',  // octets the server sent to the client
  note = 'i',    // harness remark (connect, TLS established, discarded bytes, limits)
};

struct transcript_entry {
  std::int64_t t_us = 0;  // microseconds since the transcript started
  direction dir = direction::note;
  std::string conn;  // connection name
  std::string data;  // exact octets (already redacted where secrets were replaced)
};

/**
 * Collects entries up to a byte budget. Past it, each later entry keeps only its first octets (so the
 * last replies of a case that sent a huge message still show) within a second, smaller budget; after
 * that octets are counted but not stored. Secrets registered with add_secret() are replaced by
 * "<redacted>" in what entries() returns: each connection's octets in each direction are searched as one
 * stream, so a secret split across two reads is found too. Notes are harness prose and are not searched
 * (a one-letter password must not turn "expected" into "e<redacted>pected"): whoever writes wire
 * octets into a note redacts them first with redact().
 */
class transcript {
 public:
  explicit transcript(std::size_t max_bytes = 1u << 20);

  /// Records octets as a client-role connection sees them: what the server sent was received.
  void add(direction dir, std::string_view conn, std::string_view data) {
    add(dir, conn, data, dir == direction::server);
  }
  /// Received octets that arrive back to back merge into one entry (TCP segmentation is arbitrary); sent
  /// ones stay one entry per write, so a pipelined batch is visibly one write.
  void add(direction dir, std::string_view conn, std::string_view data, bool received);
  void add_secret(std::string secret);
  /// Replaces every registered secret in `text` (wire octets, before they are quoted anywhere).
  std::string redact(std::string_view text) const;

  /// The entries with every secret replaced (see above).
  std::vector<transcript_entry> entries() const;
  std::size_t dropped_octets() const { return dropped_; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::size_t max_bytes_;
  std::size_t stored_ = 0;
  std::size_t tail_stored_ = 0;  // octets kept past the budget (heads of later entries)
  std::size_t dropped_ = 0;
  bool budget_noted_ = false;
  std::vector<std::string> secrets_;
  std::vector<transcript_entry> entries_;
};

}  // namespace mailspec::session
