#pragma once
// The parsed form of a .mspec script: cases, their metadata and steps. Plain data, no I/O.
// The grammar is documented in suites/README.md.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "script/pattern.hpp"

namespace mailspec::script {

using millis = std::chrono::milliseconds;

enum class protocol { smtp, pop3, imap };
std::string_view to_string(protocol p);
std::optional<protocol> protocol_from(std::string_view name);

/// Which side the harness plays in a suite: `client` tests a server (every suite so far), `server` tests
/// a client. Steps and matchers say which roles they belong to (harness/script/grammar.hpp).
enum class role { client, server };
std::string_view to_string(role r);
std::optional<role> role_from(std::string_view name);

/// Requirement level of an RFC sentence; decides what a failed check becomes.
enum class level { must, should, may };
std::string_view to_string(level l);

struct rfc_ref {
  int rfc = 0;
  std::string section;  // "4.1.1.5"
  level lvl = level::must;
};

struct source_loc {
  std::string file;
  int line = 0;
  std::string str() const { return file + ":" + std::to_string(line); }
};

/// A string expression: pieces joined, each repeated `repeat` times; `${var}` resolved at run time.
struct str_piece {
  std::string text;  // escapes already processed; "${...}" kept for substitution ("$$" kept as is)
  std::size_t repeat = 1;
  std::string repeat_var;  // "x" * ${n}: the count comes from variable n at run time
};
struct str_expr {
  std::vector<str_piece> pieces;
};

enum class matcher_kind {
  greeting, reply, ok, err, status, tagged, untagged, continuation, line, closed, silence, body, size_equals,
  equals, differs,
  less, greater,  // numeric: the observed number (first) is below / above the reference (second)
  unsolicited,    // IMAP: an untagged response that arrived outside any command (or during IDLE)
  command,        // server role: one client command (verb alternatives, arguments regex)
  mail_data,      // server role, SMTP: mail data after 354, up to CRLF.CRLF
  bdat,           // server role, SMTP: one BDAT command and its chunk (RFC 3030)
};

struct matcher {
  matcher_kind kind = matcher_kind::greeting;
  std::vector<std::string> alternatives;  // reply: "250", "2xx"; tagged: "OK", "NO"
  std::optional<pattern> text;            // text /RE/, or the regex of line/untagged/body
  bool enhanced = false;                  // reply ... enhanced
  bool multiline = false;                 // ok/status multiline
  std::string code;                       // err code X / tagged code X / untagged NAME
  std::optional<std::uint64_t> number;    // untagged NAME NUMBER
  millis duration{0};                     // silence
  std::optional<millis> within;           // read timeout override
  std::string var;                        // size-equals VAR
  std::vector<str_expr> operands;         // equals / differs: two strings
  bool or_closed = false;                 // MATCHER or-closed: the server closing instead also matches
  std::optional<str_expr> hint;           // need ... hint STR: how the user can make the precondition hold
  std::string tag;                        // tagged TAG ...: the command it answers (default: the last one sent)
};

enum class step_kind {
  connect, use, send, send_raw, send_file, command, starttls, auth, apop, login, read, need, expect, capture, set,
  sleep, close,
  include,  // include NAME: a fixture's steps in place (expanded by the registry, never run)
  if_,      // if CONDITION ... [else ...] end
  repeat,   // repeat COUNT ... end
  foreach,  // foreach NAME STR... ... end: the body once per value, with ${NAME} set to it
  cleanup,  // cleanup ... end: run after the case whatever its verdict (moved to case_def::cleanup)
  idle,     // IMAP: idle [TAG]: sends IDLE; what arrives until `done` is unsolicited
  done,     // IMAP: done: ends the IDLE in flight (its tagged reply is read by the next `tagged`)
  serve_auth,  // server role: the server side of the SASL exchange the client's AUTH/AUTHENTICATE began
  compute,     // compute NAME STR OP STR: integer arithmetic on captures (plus minus times div max min)
  compare_mime,  // IMAP: compare-mime MESSAGE: message 1's MIME structure as FETCH reports it vs MESSAGE's expected tree
  serve_mailbox,  // server role: serve-mailbox: the built-in server answers the client until the session ends
};

struct requirement {
  enum class kind { ext, tls_ext, sasl, tls_sasl, login, tls, starttls, plain, var, implicit_tls, scheme };
  kind k = kind::ext;
  std::string name;                  // scheme: the alternatives, e.g. "submission|smtps"
};

/// The condition of `if`: a requirement form (`ext PIPELINING`, `scheme submission`) or a non-reading
/// matcher (`equals STR STR`), optionally negated.
struct condition {
  bool negate = false;
  std::optional<requirement> req;
  std::optional<matcher> m;
};

struct step {
  step_kind kind = step_kind::send;
  int line = 0;
  std::string name;                  // connection (connect/use), variable (capture/set), mechanism (auth)
  std::string tag;                   // IMAP command/idle: the tag to send (default: a fresh one)
  std::vector<str_expr> strings;     // send/send-raw/command/set
  std::optional<level> lvl;          // expect LEVEL ...
  matcher m;                         // need/expect/read
  std::optional<pattern> re;         // capture
  millis duration{0};                // sleep
  std::optional<str_expr> auth_user, auth_password;
  bool no_ir = false;
  bool or_end = false;               // starttls or-end: a failed handshake ends the case (safe refusal)
  bool starttls = false;             // serve-mailbox ... starttls: offer STARTTLS/STLS
  std::string path;                  // send-file: resolved path
  std::optional<protocol> proto;     // connect NAME PROTO URL: another target (end-to-end cases)
  std::optional<str_expr> url;       // connect NAME PROTO URL
  std::optional<str_expr> literal;   // command STR literal STR: IMAP literal appended to the command
  bool literal_nosync = false;       // literal+ (RFC 7888 LITERAL+): {n+}, no wait for continuation
  std::string file;                  // the script the step is written in, when not the case's (fixtures)
  condition cond;                    // if
  std::size_t count = 0;             // repeat COUNT (or the variable in `name`)
  std::vector<step> body;            // if / repeat
  std::vector<step> else_body;       // if ... else
};

/// `fixture NAME ... end`: steps shared by cases through `include NAME`.
struct fixture_def {
  std::string name;
  std::string suite;
  source_loc where;
  std::vector<step> steps;
};

struct case_def {
  std::string id;
  std::string title;
  std::string suite;
  protocol proto = protocol::smtp;
  script::role role = script::role::client;  // from the file's `suite ... role R` line
  source_loc where;
  std::vector<rfc_ref> refs;
  std::vector<std::string> tags;
  std::vector<requirement> requires_;
  std::optional<millis> timeout;
  bool serial = false;  // runs alone, after the parallel cases (it changes shared server state)
  std::string setup_for;  // `setup VAR`: not a check; run before each case that requires var VAR (sets the stage)
  std::vector<std::string> monitors;  // every-reply rules whose breaches anywhere in the run this case reports
  std::vector<step> steps;
  std::vector<step> cleanup;  // always run after `steps`, whatever happened; never changes the verdict
  // A first step `include NAME`, expanded: NAME and how many steps it became (`mailspec serve --by-login`
  // plays the login fixture itself, then runs the case's steps after those).
  std::string first_include;
  std::size_t first_include_steps = 0;
  // `each-file NAME PATTERN`: a template the registry runs once per matching file (one case each, with
  // its own id); each copy has `bindings` {NAME: path, NAME.name: file name}, set before its steps run.
  std::string each_file_var, each_file_pattern;
  std::map<std::string, std::string> bindings;
  level primary_level() const { return refs.empty() ? level::must : refs.front().lvl; }
};

}  // namespace mailspec::script
