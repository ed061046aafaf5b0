#pragma once
// Who the client under test is, for the report's clients[] (mailspec serve): read from what the case's
// transcript recorded of the client, after the case. Never the user name or the password.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "script/result.hpp"

namespace mailspec::server {

/// The parameters of the first IMAP `TAG ID (...)` / `TAG ID NIL` command in `client_octets` (RFC 2971
/// §3.3: quoted strings, literals or NIL), or nullopt when there is none.
std::optional<std::vector<std::pair<std::string, std::optional<std::string>>>> imap_id_of(std::string_view client_octets);

/// The value of the first `User-Agent:` or `X-Mailer:` header line in `client_octets` (a message the
/// client sent in DATA, BDAT or an APPEND literal), trimmed and at most 200 octets; "" when none.
std::string user_agent_of(std::string_view client_octets);

/// Fills r.client_imap_id, client_user_agent and client_tls* from r.transcript (the connection `main`).
void identify_client(script::case_result& r, bool imap);

}  // namespace mailspec::server
