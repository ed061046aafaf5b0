#pragma once
// Runs one case against the target and turns what happens into a verdict.
#include "script/config.hpp"
#include "script/result.hpp"

#include <functional>
#include <memory>
#include <string>

namespace mailspec::script {

/// --by-login: the case a login name names, or null with why.
using login_chooser = std::function<case_def const*(std::string const& login, std::string& why)>;

/** Runs `c` on fresh connections. Never throws: a harness fault becomes verdict `error`.
    Thread-safe for different cases (each run has its own io_context and transcript). */
case_result run_case(case_def const& c, run_config const& cfg);

/** Runs a server-role case `c` on a connection a client under test has opened (the listener accepted
    it): it becomes the case's connection `main`, and the case reads the client's commands and sends the
    replies. Never throws, like run_case. */
case_result run_case_on(case_def const& c, run_config const& cfg, std::unique_ptr<session::connection> accepted);

/** `mailspec serve --by-login`: runs `login` (a server-role case made of the suite's login fixture) on
    the accepted connection; once the client gave its login name (`${login.user}`: the POP3 USER or
    IMAP LOGIN name, or the SASL identity of `serve-auth`), `choose` returns the case it names (or null,
    with why in its second argument). That case's steps after its first include then run on the same
    connection, and the result is that case's. A name naming no case is answered with a failure reply
    (SMTP 535, POP3 -ERR, IMAP NO) and the result is `error` with `why`. Never throws. */
case_result run_case_by_login(case_def const& login, login_chooser const& choose, run_config const& cfg,
                              std::unique_ptr<session::connection> accepted);

/** Why one requirement (also an `if` condition) is not met here, or "". */
std::string unmet(requirement const& r, run_config const& cfg);

/** Why `c` cannot run against this target with this configuration (a `requires` not met), or "". */
std::string unmet_requirement(case_def const& c, run_config const& cfg);

/** Opens a connection, reads the greeting and asks for capabilities (and again after STARTTLS when
    offered). Returns "" on success, else why the target cannot be used (unreachable, TLS failure). */
std::string probe_capabilities(run_config& cfg);

}  // namespace mailspec::script
