#pragma once
// Fault injection on a server-role connection (`mailspec serve --fault SPEC --seed N`): a filter between
// the harness and the client under test. It sees the octets the harness reads (and so knows the
// client's complete commands) and the octets it writes, and turns a write into a failure reply, a delay,
// a trickle or a close. Sans-IO and deterministic: the only randomness is a std::mt19937_64 seeded from
// --seed, so a run repeats exactly. The connection facade (connection.cpp) carries out its plans.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace mailspec::session {

/// The command syntax the filter tracks (the session layer does not know the script's protocol type).
enum class fault_protocol { smtp, pop3, imap };

struct fault_spec {
  enum class kind {
    reply,                // VERB=REPLY[@N]: the first write after the Nth (or every) VERB becomes a failure reply
    delay,                // delay=MS: before every write
    delay_verb,           // delay:VERB=MS: before the first write after each VERB
    jitter,               // jitter=MIN-MAX: a seeded random delay before every write
    drop_after_octets,    // drop-after-octets=N: close once N octets were written in all
    drop_after_commands,  // drop-after-commands=N: close after the client's Nth command, before answering it
    tls_fail,             // tls-fail: the TLS handshake is answered with an alert and a close
    trickle,              // trickle=N/MS: every write goes out N octets at a time, MS ms apart
  };
  kind k = kind::delay;
  std::string text;     // the SPEC as given, quoted in the transcript's notes
  std::string verb;     // reply, delay_verb: the verb, upper case
  std::string reply;    // reply: "452" (SMTP), "-ERR" (POP3), "NO", "BAD" or "BYE" (IMAP)
  std::size_t nth = 0;  // reply: the Nth command with that verb (0: every one)
  std::uint64_t a = 0;  // delay, delay_verb: ms; jitter: min; drop-*: N; trickle: octets per write
  std::uint64_t b = 0;  // jitter: max; trickle: ms between writes
};

/// The accepted SPEC forms, one per line (for usage errors and --help).
std::string fault_forms();
/// Parses one --fault SPEC for `proto`. Throws std::invalid_argument saying what is wrong and the forms.
fault_spec parse_fault(std::string_view spec, fault_protocol proto);

/// What the connection does with one write.
struct write_plan {
  std::string bytes;                      // what goes out (the original, a failure reply, or a prefix)
  bool replaced = false;                  // bytes is not what the harness asked to write
  std::chrono::milliseconds delay{0};     // wait this long first
  std::size_t chunk = 0;                  // trickle: octets per write (0: all at once)
  std::chrono::milliseconds gap{0};       // trickle: wait between two chunks
  bool close_before = false;              // close instead of writing anything
  bool close_after = false;               // close once `bytes` is written
  std::vector<std::string> notes;         // harness notes for the transcript ("fault: ...")
};

/**
 * The filter of one connection. on_read() takes the client's octets in any split (a command over
 * several reads, several commands in one read); a command is complete at its line's LF, once IMAP
 * literals ({n} / {n+}, whose octets are skipped) are read. SMTP mail data after a 354 and BDAT chunks,
 * and SASL or IDLE continuation lines (after a "334" / "+" answer to AUTH, AUTHENTICATE or IDLE), are not
 * commands. Verbs are upper-cased; IMAP's is the word after the tag.
 */
class fault_filter {
 public:
  fault_filter(std::vector<fault_spec> specs, fault_protocol proto, std::uint64_t seed);

  /// Octets the client sent, as read.
  void on_read(std::string_view bytes);
  /// The harness is about to write `bytes`: what to do instead.
  write_plan on_write(std::string_view bytes);
  /// Before a read: true (and a note) when the connection is to be closed now (drop-after-commands
  /// reached and the harness reads on instead of answering).
  bool close_before_read(std::string& note);
  /// The TLS handshake is to fail (tls-fail).
  bool tls_fail() const;
  /// The text of the tls-fail spec, for its note.
  std::string tls_fail_text() const;
  /// After a TLS handshake: a partial line from before it is gone.
  void on_tls();

  /// Complete client commands seen so far, and their verbs in order (for tests and notes).
  std::size_t commands() const { return verbs_.size(); }
  std::vector<std::string> const& verbs() const { return verbs_; }

 private:
  void on_line(std::string const& line);
  void on_command(std::string const& text);
  void after_write(std::string_view sent);
  std::string failure_reply(fault_spec const& s) const;
  std::chrono::milliseconds jitter();

  std::vector<fault_spec> specs_;
  fault_protocol proto_;
  std::mt19937_64 rng_;

  // Command tracking.
  std::string line_;                 // the current line, up to its LF (bounded)
  std::string command_;              // IMAP: a command's lines so far, while its literals are read
  std::uint64_t skip_ = 0;           // octets to skip: an IMAP literal, an SMTP BDAT chunk
  bool in_data_ = false;             // SMTP: mail data after a 354, up to the "." line
  bool continuation_ = false;        // the next line answers a continuation (SASL, IDLE), not a command
  bool data_pending_ = false;        // SMTP: DATA was the last command; a 354 starts the mail data
  std::string last_verb_;
  std::string last_tag_;
  std::vector<std::string> verbs_;
  std::map<std::string, std::size_t> per_verb_;

  // Pending faults.
  std::optional<std::size_t> reply_;  // index in specs_ of the reply to send at the next write
  std::string reply_tag_;             // IMAP: the tag of that command
  std::size_t reply_nth_ = 0;
  std::chrono::milliseconds verb_delay_{0};
  bool drop_pending_ = false;
  bool closed_ = false;
  std::uint64_t written_ = 0;
};

}  // namespace mailspec::session
