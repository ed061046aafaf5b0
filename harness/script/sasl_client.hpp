#pragma once
// The client side of one SASL mechanism (RFC 4422): PLAIN (RFC 4616), LOGIN (common usage), CRAM-MD5
// (RFC 2195) and SCRAM-SHA-1/SHA-256 (RFC 5802, RFC 7677). Works on decoded messages; the protocol
// framing (SMTP 334, POP3 and IMAP "+ ") and base64 are the caller's. Used by the `auth` step and,
// in tests, against the server side (script/sasl_server.hpp).
#include <optional>
#include <string>

namespace mailspec::script {

class sasl_client {
 public:
  /// mech is an upper-case mechanism name; an unknown one is answered as SCRAM-SHA-256.
  sasl_client(std::string mech, std::string user, std::string password)
      : mech_(std::move(mech)), user_(std::move(user)), password_(std::move(password)) {}

  /** The initial response (RFC 4422 §3.3), decoded; nullopt when the mechanism has none. */
  std::optional<std::string> initial();

  /** The answer to a decoded challenge; sets `error` (what was expected, with the RFC section)
      when the challenge is unacceptable, and the caller cancels the exchange. */
  std::string answer(std::string const& challenge, std::string& error);

 private:
  std::string scram(std::string const& challenge, std::string& error);

  std::string mech_, user_, password_;
  std::string nonce_, first_bare_, server_signature_;
  int step_ = 0;
};

}  // namespace mailspec::script
