#pragma once
// The server side of SASL (RFC 4422), for the fake mail server that judges real clients: PLAIN
// (RFC 4616), LOGIN (draft-murchison-sasl-login; in common usage the prompts "Username:" and
// "Password:"), CRAM-MD5 (RFC 2195), SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677), against one
// expected user and password. Message syntax comes from codec/sasl, hashing from session/crypto.
//
// The driver works on decoded messages. The framing (SMTP 334, RFC 4954 §4; POP3 "+ ", RFC 5034 §4;
// IMAP "+ ", RFC 9051 §6.2.2) and the mapping of outcomes to replies are the protocol's;
// start_encoded() and on_line() add the base64, "=" and "*" conventions those three share.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::script {

/// What the server does next: send a challenge, or end the exchange with an outcome.
struct sasl_step {
  enum class kind {
    challenge,          // send `data` (decoded) as a challenge; the client's answer goes to on_response()
    success,            // the client proved the expected credentials
    wrong_credentials,  // well-formed, but another user, password or authorization identity
    malformed,          // the client broke the mechanism's or the framing's rules: see `reason`
    cancelled,          // the client sent "*" (RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2)
  };
  kind what = kind::challenge;
  /// challenge: the decoded challenge. success: additional data to send with the outcome, only with
  /// sasl_server_options::additional_data_with_success (SCRAM's server-final-message); else empty.
  std::string data;
  /// Outcomes but success: what the client did, with the RFC section. Never holds a password, nor
  /// any message of the client (a confused client may put its password anywhere); the one thing
  /// quoted is a channel-binding type, once checked to be a cb-name (letters, digits, ".", "-").
  std::string reason;
  /// SCRAM failures: the server-error-value (RFC 5802 §7) an "e=" server-final-message would carry.
  /// RFC 5802 §5.1 makes that message optional on failure; the mail protocols end with their failure reply.
  std::string scram_error;

  bool done() const { return what != kind::challenge; }
};

struct sasl_server_options {
  /// false: take upper-case CRAM-MD5 hex and base64 with white space or no padding, and note each
  /// deviation in sasl_server::deviations() instead of ending the exchange as malformed.
  bool strict = true;
  /// RFC 4422 §3.6. SMTP (RFC 4954 §4), POP3 (RFC 5034 §4) and IMAP have none, so by default SCRAM's
  /// server-final-message goes out as one more challenge, which the client answers empty.
  bool additional_data_with_success = false;
  /// Host part of the CRAM-MD5 challenge "<random.time@host>" (RFC 2195 §2).
  std::string host = "mailspec.test";
  /// RFC 5802 §5.1 (SHA-1) and RFC 7677 §3 (SHA-256): servers SHOULD announce at least 4096.
  std::uint32_t scram_iterations = 4096;

  // For tests that replay the RFC examples: fixed instead of random when not empty.
  std::string cram_challenge;      // the whole decoded challenge, e.g. "<1896.697170952@postoffice...>"
  std::string scram_server_nonce;  // appended to the client's nonce; printable, no ","
  std::string scram_salt;          // raw octets
};

/** One SASL exchange, server side. Call start() once, then on_response() (or on_cancel()) for each
    challenge until a step is done(). Calling it otherwise is a harness bug and throws
    std::logic_error. Each call consumes one whole message: there is no partial input. */
class sasl_server {
 public:
  /// PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1 and SCRAM-SHA-256, in any case (mechanism names are
  /// compared case-insensitively, as SMTP, POP3 and IMAP commands are).
  static bool supports(std::string_view mech);

  /// Throws std::invalid_argument for a mechanism supports() refuses: a set-up fault.
  sasl_server(std::string_view mech, std::string expected_user, std::string expected_password,
              sasl_server_options options = {});

  /** The AUTH/AUTHENTICATE command arrived, with its decoded initial response if any (an empty
      string for "="). PLAIN and SCRAM answer no initial response with an empty challenge (RFC 4422
      §3.3); LOGIN takes an initial response as the user name ([MS-XLOGIN] usage); CRAM-MD5, where
      the server speaks first, ends as malformed if there is one. */
  sasl_step start(std::optional<std::string> initial_response);

  /// `mailspec serve --by-login`: any authentication identity is accepted (it names the case to run);
  /// the password is still checked.
  void accept_any_user() { any_user_ = true; }
  /// The authentication identity the client gave (once the exchange got that far), else "".
  std::string const& given_user() const { return given_user_; }

  /// The client's decoded answer to the last challenge.
  sasl_step on_response(std::string const& response);

  /// The client cancelled with "*" instead of an answer.
  sasl_step on_cancel();

  /// start() for the command's argument as sent: nullopt when absent, "=" for empty, else base64.
  sasl_step start_encoded(std::optional<std::string_view> initial_response);

  /// on_response() or on_cancel() for the client's line as sent, without its CRLF: "*" or base64.
  sasl_step on_line(std::string_view line);

  bool done() const { return phase_ == phase::over; }
  std::string const& mechanism() const { return name_; }  // upper case

  /// SCRAM after a success: the server-final-message ("v=" ServerSignature) that was sent.
  std::string const& server_final() const { return scram_.server_final; }

  /// Lenient mode: what the client did that strict mode would have refused, one line each.
  std::vector<std::string> const& deviations() const { return deviations_; }

 private:
  enum class mech_id { plain, login, cram_md5, scram_sha1, scram_sha256 };
  enum class phase { before_start, plain, login_user, login_password, cram, scram_first, scram_final,
                     scram_ack, over };
  enum class verdict { ok, unknown_user, wrong_password, foreign_authzid };

  struct scram_state {
    std::string gs2_header, user, authzid, first_bare, nonce, salt, server_first, server_final;
  };

  sasl_step on_plain(std::string const& msg);
  sasl_step on_login_password(std::string const& password);
  sasl_step on_cram(std::string const& msg);
  sasl_step on_scram_first(std::string const& msg);
  sasl_step scram_first_refused(std::string const& msg, std::error_code ec);
  sasl_step on_scram_final(std::string const& msg);
  sasl_step scram_proof_checked(verdict v, std::string const& salted, std::string const& auth_message);
  sasl_step on_scram_ack(std::string const& msg);

  verdict judge(std::string_view user, bool password_ok, std::string_view authzid) const;
  sasl_step failure(verdict v, std::string_view rfc);
  sasl_step challenge(std::string data, phase next);
  sasl_step finish(sasl_step::kind what, std::string reason, std::string scram_error = {});
  std::optional<std::string> decode(std::string_view text);

  mech_id mech_;
  std::string name_;
  std::string user_, password_;
  sasl_server_options options_;
  phase phase_ = phase::before_start;
  std::string login_user_;  // LOGIN: the answer to "Username:"
  bool any_user_ = false;
  mutable std::string given_user_;  // recorded by judge()
  std::string cram_challenge_;
  scram_state scram_;
  std::vector<std::string> deviations_;
};

}  // namespace mailspec::script
