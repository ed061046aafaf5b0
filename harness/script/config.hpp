#pragma once
// What a run is pointed at and how it may behave: target, TLS, credentials, limits, probed capabilities.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "script/ast.hpp"
#include "session/connection.hpp"

namespace mailspec::script {

struct target {
  protocol proto = protocol::smtp;
  std::string scheme;  // smtp, smtps, submission, pop3, pop3s, imap, imaps
  std::string host;
  std::uint16_t port = 0;
  bool implicit_tls = false;
  std::string url;     // as given, for the report
};

/// Capabilities probed once per run. Keywords are upper case; the value is the rest of the line
/// (SMTP "SIZE 10240000" -> {"SIZE", "10240000"}; IMAP "AUTH=PLAIN" -> {"AUTH=PLAIN", ""}).
struct capabilities {
  bool probed = false;
  std::string greeting;
  std::map<std::string, std::string> plain;   // on the cleartext connection (empty for implicit TLS)
  std::map<std::string, std::string> secure;  // after STARTTLS/STLS, or on the implicit-TLS connection
  std::map<std::string, std::string> authed;  // IMAP: after LOGIN with the run's credentials (CAPABILITY
                                              // again, or the [CAPABILITY] code of the tagged OK)
  std::vector<std::string> sasl;              // mechanisms advertised in either state, upper case
  std::vector<std::string> sasl_first;        // on the connection as opened (cleartext, or implicit TLS)
  std::vector<std::string> sasl_tls;          // after STARTTLS/STLS, or with implicit TLS
  bool starttls = false;                      // STARTTLS/STLS offered on the cleartext connection
  session::tls_info tls;
  std::vector<std::string> notes;             // what the probe noticed (e.g. STARTTLS failed)
  /// SMTP: whether the server accepts ${rcpt} in a transaction (checked once per run, then RSET).
  struct recipient_check {
    bool done = false;
    std::string address;
    bool accepted = false;
    std::string reply;  // the RCPT (or refused MAIL/AUTH) reply, raw
    std::string hint;   // how to fix it, when refused
  } recipient;
};

struct limits {
  std::size_t max_line = 64 * 1024;        // `line` matcher and IMAP lines
  std::size_t max_response = 16u << 20;    // one SMTP reply / POP3 body / IMAP response
  std::size_t max_literal = 64u << 20;     // one IMAP literal
  std::size_t transcript = 128u << 10;     // octets kept per case transcript (a flood is cut, its size noted)
};

struct run_config {
  target tgt;
  session::tls_options tls;
  session::tls_server_options tls_server;  // server role: the certificate offered to clients under test
  std::optional<std::string> user;
  std::optional<std::string> password;
  std::map<std::string, std::string> vars;  // --var NAME=VALUE
  millis connect_timeout{5000};
  millis read_timeout{10000};
  millis case_timeout{60000};
  // mailspec serve: ${uniq} drawn from this seed (--seed plus the connection's number), so that a run
  // with the same seed and the same client gives the same transcript; unset: random.
  std::optional<std::uint64_t> uniq_seed;
  // Replies to a login (PASS, APOP, AUTH, LOGIN, AUTHENTICATE and SASL rounds) may take this long: servers
  // delay failed logins on purpose (Dovecot 2 s, growing to 15 s per IP), which is a defence, not a fault.
  millis login_timeout{30000};
  // The longest a `sleep` step or a `silence` matcher waits, whatever its duration says: the fuzz target
  // that runs whole fake-server cases (fuzz/serve_session_fuzzer.cpp) sets a few milliseconds.
  millis max_pause = millis::max();
  limits lim;
  capabilities caps;
  // Server role, `mailspec serve --by-login`: the login name names the case to run, so serve-auth
  // accepts any user name (the password is still the run's), and `${user}` becomes the name given.
  bool any_user = false;
};

}  // namespace mailspec::script
