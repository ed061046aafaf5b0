#pragma once
// The .mspec language as four tables: steps, matchers, requirement forms and case lines. Each entry holds
// its keyword, its grammar (the usage forms suites/README.md shows), the roles and protocols it is valid
// in, a one-line doc (the start of its README row) and the function that parses its arguments. The
// parser dispatches through the tables, its "unknown X 'y' (a, b, ...)" lists come from them, and the
// registry checks included steps against them; tests/script/grammar_test.cpp holds README to them.
//
// To add a step: write `void parse_NAME(step_context&)` and one entry in grammar_steps.cpp, add a
// `step_kind` (ast.hpp) and its run-time part (interpreter), and a row to README's "Steps" table.
// A step the harness runs as the server gets `roles = as_server`; it is then refused in client suites.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "script/ast.hpp"
#include "script/lexer.hpp"

namespace mailspec::script::lang {

/// The protocols an entry applies to, one bit per `protocol`.
struct protocol_set {
  unsigned bits = 0;
  constexpr bool has(protocol p) const { return (bits >> static_cast<unsigned>(p) & 1u) != 0; }
};
constexpr protocol_set only(protocol p) { return {1u << static_cast<unsigned>(p)}; }
inline constexpr protocol_set all_protocols{0b111};

/// The roles an entry is valid in, one bit per `role`.
struct role_set {
  unsigned bits = 0;
  constexpr bool has(role r) const { return (bits >> static_cast<unsigned>(r) & 1u) != 0; }
};
inline constexpr role_set as_client{1u << static_cast<unsigned>(role::client)};
inline constexpr role_set as_server{1u << static_cast<unsigned>(role::server)};
inline constexpr role_set as_either{as_client.bits | as_server.bits};

/// "all", or the protocols in upper case ("SMTP", "POP3, IMAP"): README's protocol column.
std::string describe(protocol_set p);
/// "client", "server" or "client, server": README's role column.
std::string describe(role_set r);

/// What the steps of a case or fixture have opened so far, for the checks that depend on earlier lines.
struct connections {
  std::map<std::string, protocol> named;  // opened so far, with the protocol each speaks
  protocol home = protocol::smtp;         // the suite's: `connect` without PROTO speaks it
  protocol current = protocol::smtp;      // the current connection's
  bool unknown = false;                   // after an include: checked on the expanded case (registry)
};

/// What a step's parse function reads (the words after its keyword) and fills in.
struct step_context {
  cursor& words;
  step& out;
  connections& conns;
  script::role role;
  std::string const& script_path;  // on disk: send-file and literal-file paths are relative to it
  bool case_top_level;             // directly in a case, not in a fixture or block (cleanup belongs there)
  bool has_cleanup;                // the case has its cleanup block already
};

struct step_entry {
  std::string_view keyword;
  step_kind kind;
  std::vector<std::string_view> usage;  // its forms, exactly as README's Steps table shows them
  role_set roles;
  protocol_set protocols;  // of the current connection (unchecked right after an include)
  std::string_view doc;
  void (*parse)(step_context&);  // the words after the keyword; the end of the line is checked after
  bool block;                    // opens a block that `end` closes
};

struct matcher_entry {
  std::string_view keyword;
  matcher_kind kind;
  std::vector<std::string_view> usage;
  role_set roles;
  protocol_set protocols;
  std::string_view doc;
  void (*parse)(cursor&, matcher&);  // the arguments after the keyword (nullptr: none)
  /// The options only this matcher takes (`enhanced`, `multiline`, `code X`): true when it took `word`.
  bool (*option)(std::string const& word, cursor&, matcher&);
  bool or_closed;  // takes `or-closed` (it reads, and the peer closing can stand for the answer)
  bool condition;  // usable as the condition of `if` (reads nothing, depends on no protocol)
};

struct requirement_entry {
  std::string_view keyword;
  requirement::kind kind;
  std::vector<std::string_view> usage;  // "requires KEYWORD ...", as README's Requirements table shows
  role_set roles;
  protocol_set protocols;
  std::string_view doc;
  void (*parse)(cursor&, requirement&);  // the arguments (nullptr: none); the end of line is not checked
};

struct case_line_entry {
  std::string_view keyword;
  std::vector<std::string_view> usage;
  role_set roles;
  protocol_set protocols;
  std::string_view doc;
  void (*parse)(cursor&, case_def&);  // the whole rest of the line
  bool before_steps;                  // must come before the first step
};

std::vector<step_entry> const& step_table();
std::vector<matcher_entry> const& matcher_table();
std::vector<requirement_entry> const& requirement_table();
std::vector<case_line_entry> const& case_line_table();

step_entry const* find_step(std::string_view keyword);
step_entry const* find_step(step_kind kind);
matcher_entry const* find_matcher(std::string_view keyword);
matcher_entry const* find_matcher(matcher_kind kind);
requirement_entry const* find_requirement(std::string_view keyword);
case_line_entry const* find_case_line(std::string_view keyword);

/// The keywords of a table, in table order, joined with ", ".
template <typename Entry>
std::string keywords(std::vector<Entry> const& table) {
  std::string out;
  for (auto const& e : table) out += (out.empty() ? "" : ", ") + std::string(e.keyword);
  return out;
}

/// Why an entry (`what`: "step", "matcher", ...) is not valid in a suite of role `r`, or "".
std::string role_error(std::string_view keyword, std::string_view what, role_set roles, role r);
/// Why it does not apply to protocol `p`, or "". `where` names what has the protocol ("connection", "case").
std::string protocol_error(std::string_view keyword, std::string_view what, protocol_set protocols, protocol p,
                           std::string_view where);

/// A matcher: keyword, arguments and options, up to the end of the line. Checks the role, not the protocol
/// (that depends on the connection; see matcher_protocol_error).
matcher parse_matcher(cursor& c, role r);
/// A requirement form (`ext NAME`, ...): checked against the case's role and protocol; the end of the
/// line is left to the caller (`if` and `requires` share it).
requirement parse_requirement(cursor& c, role r, protocol p);
/// The condition of `if`: `[not]` then a requirement form or a condition matcher.
condition parse_condition(cursor& c, role r, protocol p);

}  // namespace mailspec::script::lang
