#pragma once
// Internals shared by interpreter.cpp, sasl.cpp and probe.cpp. Not part of the public API.
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "codec/imap/mailbox_state.hpp"
#include "script/interpreter.hpp"
#include "script/peer.hpp"

namespace mailspec::script::detail {

/// Octets quoted in a finding, at most.
inline constexpr std::size_t quote_max = 2000;

/// A fault in the script itself found while running (undefined variable): verdict error.
struct script_fault : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The result of one check: matched, or what was wanted and what came.
struct check {
  bool ok = true;
  std::string expected;
  std::string actual;           // quoted
  read_outcome problem;         // set when the read itself failed (timeout, violation, ...)
  static check pass() { return {}; }
};

/// A failed check: what was wanted (every acceptable outcome) and the octets that came instead, quoted.
/// The octets must be redacted already: use case_run::mismatch, which does that.
check mismatch_redacted(std::string expected, std::string const& actual_bytes);
/// A failed read (timeout, close, violation), judged by the step that asked for it.
check problem(read_outcome o);

/// The state of one running case.
class case_run {
 public:
  case_run(case_def const& c, run_config const& cfg);
  case_result run();
  /** `mailspec serve --by-login`: plays the login fixture (this run's case), then the case `choose`
      names for the client's login name (`${login.user}`), from after its first include, as that case.
      A name that names no case is answered with a failure reply; the result is then `error`. */
  case_result run_by_login(login_chooser const& choose);
  /// Server role: the accepted connection becomes `main` before the steps run.
  void adopt(std::unique_ptr<session::connection> accepted);

  // used by sasl.cpp and probe.cpp
  peer& current();
  /// A failed check quoting wire octets, with every credential replaced before quoting.
  check mismatch(std::string expected, std::string const& actual_bytes) const;
  /// Records a reply that broke an every-reply rule (reported by the cases that monitor it).
  void note_breach(rule_breach const& b);
  /// Wire octets quoted for a reason or finding (credentials replaced first), at most `max` octets.
  std::string quoted(std::string_view raw, std::size_t max = quote_max) const;
  session::clock::time_point read_deadline(std::optional<millis> within = std::nullopt) const;
  void send_bytes(std::string const& bytes, std::string const& shown = {});
  /// A warn or info finding seen while reading (e.g. a SHOULD-level state rule): recorded at the step
  /// running, the case goes on.
  void note_finding(verdict v, std::string reason, std::string expected, std::string_view raw, rfc_ref rule);
  /// A step that judges by itself (compare-mime) concludes the case: verdict `v` with `reason` and the
  /// finding `f`, placed at the step running. Returns false when the case must stop (fail, skip, error).
  /// Nothing is concluded for a pass: a case passes when nothing else decides it.
  bool conclude_step(verdict v, std::string reason, finding f);
  /// Adds requirements to the case's report (the RFC sections an expected tree rests on), after its own.
  void add_refs(std::vector<rfc_ref> const& refs);
  /// The verdict a failed check at the case's primary level gives (MUST: fail, SHOULD: warn, MAY: info).
  verdict level_verdict() const;
  /// IMAP: what the case's sessions were told about each mailbox (shared by their state models).
  codec::imap::mailbox_registry imap_registry;
  std::string last_raw;  // raw octets of the last unit read (capture/regex target)
  std::map<std::string, std::string> vars;
  std::set<std::string> session_caps;  // IMAP: announced on the current session (CAPABILITY, [CAPABILITY])
  session::transcript tr;
  run_config const& cfg;

  /// A fault of the script found while running, located at the step running.
  script_fault fault(std::string const& what) const { return script_fault(where(line_) + ": " + what); }
  /// A string with `${var}` substituted, as the step running sees it.
  std::string eval_text(std::string const& text) const { return subst(text, line_); }
  std::string eval(str_expr const& e, int line) const;
  bool conclude_problem(read_outcome const& p, step const& s, std::string const& expected);
  bool client_closed(step const& s, std::string const& expected, finding f);

 private:
  bool exec(step const& s);
  bool exec_block(std::vector<step> const& steps);
  bool exec_if(step const& s);
  bool exec_repeat(step const& s);
  void run_cleanup();
  /// The reason of a precondition that did not hold: what was sent, what came, and how to fix it.
  std::string precondition_reason(step const& s, std::string const& expected, std::string const& actual);
  bool exec_connect(step const& s);
  bool exec_check(step const& s);
  bool exec_starttls(step const& s);
  bool exec_login(step const& s);
  bool exec_capture(step const& s);
  bool exec_send(step const& s);
  check evaluate(matcher const& m);
  /// `${var}` inside a regex: the values are substituted as literal text (regex-escaped).
  matcher resolve(matcher const& m) const;
  std::optional<pattern> resolve(std::optional<pattern> const& p) const;
  bool exec_apop(step const& s);
  bool exec_serve_auth(step const& s);
  bool exec_auth(step const& s);
  bool exec_send_file(step const& s);
  bool exec_foreach(step const& s);
  bool exec_login_fixture(login_chooser const& choose, case_def const*& chosen);
  bool refuse_login(std::string const& name, std::string const& why);
  void become(case_def const& c);
  template <typename Body>
  case_result run_with(Body&& body);
  std::string compute(step const& s) const;
  check eval_generic(matcher const& m);
  check eval_compare(matcher const& m);
  /// Records a verdict; returns false when the case must stop.
  bool conclude(verdict v, std::string reason, finding f);
  std::string where(int line) const {
    return (file_.empty() ? def_->where.file : file_) + ":" + std::to_string(line);
  }
  std::string subst(std::string const& text, int line) const;

  case_def const* def_;  // a pointer: --by-login switches from the login fixture to the case it names
  session::io_context io_;  // before the peers: their connections use it until they are destroyed
  std::map<std::string, std::unique_ptr<peer>> peers_;
  peer* current_ = nullptr;
  session::clock::time_point deadline_;
  case_result result_;
  bool decided_ = false;
  int line_ = 0;       // line of the step running
  std::string file_;   // its script, when not the case's own (a fixture)
  std::string last_sent_;  // first line of the last command sent, for precondition reasons
  bool login_pending_ = false;
  bool in_cleanup_ = false;  // findings of cleanup steps are notes, never verdicts
  std::string skip_hint_;  // how to make the last failed precondition hold
};

/// auth step: the SASL exchange on the current connection. On success the final reply is left unread,
/// for the next `expect`/`need` to check; a failed check carries the read problem.
check run_auth(case_run& run, std::string const& mech, std::string const& user, std::string const& password,
               bool initial_response);

/// serve-auth step: the server side of the SASL exchange begun by the AUTH/AUTHENTICATE just read
/// (`${cmd.args}`), checking the client proves `user`/`password`. `outcome`: success, wrong-credentials,
/// malformed, cancelled or unsupported. The reply after it is the script's to send.
check serve_auth(case_run& run, std::string const& user, std::string const& password, std::string& outcome);

/// Capability lines (SMTP EHLO reply, POP3 CAPA body, IMAP CAPABILITY data) to a keyword map.
std::map<std::string, std::string> parse_capabilities(protocol p, std::string const& text);

std::string describe_codes(std::vector<std::string> const& alternatives);

}  // namespace mailspec::script::detail
