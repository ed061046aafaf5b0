#pragma once
// What one protocol knows in one role: its greeting, how it reads and judges its units, its command
// framing (IMAP tags), its login, its SASL framing, its STARTTLS verb, how it discovers capabilities, and
// which RFC rule a malformed unit breaks. The interpreter, the capability probe and the SASL driver ask
// the dialect instead of switching on the protocol, so adding a protocol or a role is adding a dialect.
// One dialect object per connection: it also keeps that connection's protocol state (IMAP commands in
// flight, untagged responses not yet checked).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "script/ast.hpp"
#include "script/config.hpp"

namespace mailspec::script {

class peer;
struct read_outcome;

namespace detail {

class case_run;
struct check;

/// The capability probe's view of its one connection: send a line, read with the probe's deadlines.
struct probe_link {
  peer& p;
  run_config& cfg;
  session::clock::time_point all;  // the probe's one deadline
  int* tags;                       // IMAP tag counter of the probe
  /// The deadline of the next read or write: the read timeout, within the probe's deadline.
  session::clock::time_point deadline() const;
  /// The deadline of the reply to a login, which a server may delay on purpose.
  session::clock::time_point login_deadline() const;
  void send(std::string const& line, std::string const& shown = {}) const;
  /// Why a read failed, naming the rule the peer broke and quoting its octets.
  static std::string describe(read_outcome const& o);
};

/// Why a probe step could not get through ("" when it did), and what it learnt.
struct probe_answer {
  std::string error;   // the probe cannot go on: the run ends with exit 3
  bool refused = false;  // the peer said no (greeting 554, STARTTLS refused): not an error
  std::string raw;     // the octets of the reply, for notes
  std::string text;    // capability lines, one per line
};

class dialect {
 public:
  virtual ~dialect() = default;
  virtual protocol proto() const = 0;
  /// The harness plays the server (a client is under test).
  virtual bool server_side() const { return false; }

  // ---- cases -----------------------------------------------------------------------------------
  /// A protocol matcher (greeting, reply, ok, err, status, tagged, untagged, continuation, body, ...):
  /// reads from the current connection as far as it needs and checks.
  virtual check evaluate(case_run& run, matcher const& m) = 0;
  /// `read`: one unit, unchecked (its octets become the capture target).
  virtual check read_any(case_run& run) = 0;
  /// `command`: sends one command (IMAP: tagged, with literals).
  virtual bool command(case_run& run, step const& s) = 0;
  /// Octets the harness wrote on this connection, whatever step wrote them (IMAP: the commands the
  /// mailbox-state model follows).
  virtual void on_sent(case_run&, std::string_view) {}
  /// A step only some protocols know (IMAP `idle`, `done`).
  virtual bool protocol_step(case_run& run, step const& s);
  /// Server role, `serve-mailbox`: the built-in server answers every command until the session ends.
  /// Returns false when the case must stop.
  virtual bool serve_mailbox(case_run& run, step const& s);
  /// `login`: the protocol's plain login; `expected` says what a success looks like, for the reason.
  virtual check login(case_run& run, std::string const& user, std::string const& password, std::string& expected) = 0;
  /// SASL: sends the command that starts `mech`, with its initial response (already base64) if any.
  virtual void sasl_start(case_run& run, std::string const& mech, std::optional<std::string> const& ir_b64) = 0;
  /// SASL: the next server message of the exchange.
  virtual check sasl_next(case_run& run, bool& challenge, std::string& decoded) = 0;
  /// Server role, SASL: sends a challenge (already base64) in the protocol's framing (SMTP "334 ",
  /// POP3 and IMAP "+ "), and reads the client's next SASL line (without its CRLF).
  virtual void sasl_challenge(case_run& run, std::string const& b64);
  virtual check sasl_line(case_run& run, std::string& line);
  /// A line whose reply a server may delay on purpose (a login, or a SASL response when `in_sasl`).
  virtual bool is_login_line(std::string_view line, bool in_sasl) const = 0;
  /// How a user can make a refused set-up step succeed, by the command line that was refused.
  virtual std::string fix_hint(std::string const& sent, run_config const& cfg) const = 0;
  /// The rule a codec error shows the peer broke.
  virtual rfc_ref rule_for(std::error_code ec) const = 0;

  // ---- the capability probe -------------------------------------------------------------------
  virtual probe_answer probe_greeting(probe_link const& l) = 0;
  /// Asks for the capabilities; `text` holds one capability per line.
  virtual probe_answer probe_capabilities(probe_link const& l) = 0;
  /// STARTTLS/STLS up to the server's go-ahead (`refused` when it said no).
  virtual probe_answer probe_starttls(probe_link const& l) = 0;
  /// After the capabilities are known: SMTP checks that ${rcpt} is accepted, IMAP logs in for the
  /// capabilities of the authenticated state. What it learns goes into `l.cfg.caps` (notes included).
  virtual void probe_after(probe_link const&) {}
  virtual void probe_quit(probe_link const& l) = 0;
};

/// The dialect of `p` for the harness as a client (testing a server), or as a server (testing a client).
std::unique_ptr<dialect> make_dialect(protocol p, bool server_side);

}  // namespace detail
}  // namespace mailspec::script
