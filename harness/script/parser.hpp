#pragma once
// Parses .mspec scripts (grammar: suites/README.md; the statements are the tables of grammar.hpp).
// Errors are collected as "file:line: message" and parsing goes on with the next line, so one run of
// `mailspec check` shows every mistake.
#include <string>
#include <string_view>
#include <vector>

#include "script/ast.hpp"

namespace mailspec::script {

struct parse_result {
  std::vector<case_def> cases;
  std::vector<fixture_def> fixtures;
  std::vector<std::string> errors;  // "file:line: message"
};

/// Parses `text` as the contents of `file`. `suite` is the default suite name (its directory): `P` (a
/// protocol) speaks P as the client, `P-client` speaks P as the server, until a `suite NAME [protocol P]
/// [role R]` line.
parse_result parse_script(std::string_view text, std::string const& file, std::string const& suite,
                          std::string const& real_path = {});

/// Reads and parses a file; an unreadable file is one error. `display` (default: `path`) is the name
/// used in errors and case locations, e.g. "suites/smtp/rfc5321_4.1.1.1_ehlo.mspec".
parse_result parse_file(std::string const& path, std::string const& display = {});

/// Why matcher kind `k` cannot be used on a connection of protocol `p`, or "".
std::string matcher_protocol_error(matcher_kind k, protocol p);

/// "250ms", "2s", "1m" -> milliseconds; nullopt when malformed.
std::optional<millis> parse_duration(std::string_view word);

}  // namespace mailspec::script
