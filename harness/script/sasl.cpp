// The `auth` step: SASL client exchanges (RFC 4422) over SMTP AUTH (RFC 4954), POP3 AUTH (RFC 5034) and
// IMAP AUTHENTICATE (RFC 9051 §6.2.2). Message syntax comes from codec/sasl; the hashing from session.
#include <optional>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"
#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"
#include "script/peer.hpp"
#include "session/crypto.hpp"

namespace mailspec::script::detail {

namespace sasl = codec::sasl;
namespace crypto = session::crypto;

namespace {

/// The client side of one mechanism: the initial response, then one answer per challenge.
class mechanism {
 public:
  mechanism(std::string mech, std::string user, std::string password)
      : mech_(std::move(mech)), user_(std::move(user)), password_(std::move(password)) {}

  /// nullopt when the mechanism has no initial response.
  std::optional<std::string> initial() {
    if (mech_ == "PLAIN") return sasl::plain_message("", user_, password_);
    if (mech_.rfind("SCRAM-", 0) == 0) {
      nonce_ = crypto::random_token(18);
      first_bare_ = sasl::scram_client_first_bare(user_, nonce_);
      return sasl::scram_client_first(user_, nonce_);
    }
    return std::nullopt;
  }

  /// Answer to a decoded challenge; sets `error` when the challenge is unacceptable.
  std::string answer(std::string const& challenge, std::string& error) {
    ++step_;
    if (mech_ == "PLAIN") return sasl::plain_message("", user_, password_);  // empty challenge after no-IR
    if (mech_ == "LOGIN") return step_ == 1 ? user_ : password_;
    if (mech_ == "CRAM-MD5") {
      return sasl::cram_md5_response(user_, crypto::to_hex(crypto::hmac(crypto::digest::md5, password_, challenge)));
    }
    return scram(challenge, error);
  }

 private:
  std::string scram(std::string const& challenge, std::string& error) {
    auto const d = mech_ == "SCRAM-SHA-1" ? crypto::digest::sha1 : crypto::digest::sha256;
    if (server_signature_.empty()) {
      if (first_bare_.empty()) {  // no initial response was sent: the first challenge is empty
        nonce_ = crypto::random_token(18);
        first_bare_ = sasl::scram_client_first_bare(user_, nonce_);
        --step_;
        return sasl::scram_client_first(user_, nonce_);
      }
      std::error_code ec;
      auto sf = sasl::parse_scram_server_first(challenge, nonce_, ec);
      if (!sf) {
        error = "a SCRAM server-first-message (RFC 5802 §7), " + ec.message();
        return {};
      }
      std::string const without_proof = sasl::scram_client_final_without_proof(sf->nonce);
      std::string const auth_message = sasl::scram_auth_message(first_bare_, challenge, without_proof);
      std::string const salted = crypto::pbkdf2(d, password_, sf->salt, sf->iterations);
      std::string const client_key = crypto::hmac(d, salted, "Client Key");
      std::string const signature = crypto::hmac(d, crypto::hash(d, client_key), auth_message);
      std::string proof = client_key;
      for (std::size_t i = 0; i < proof.size(); ++i) proof[i] = static_cast<char>(proof[i] ^ signature[i]);
      server_signature_ = crypto::hmac(d, crypto::hmac(d, salted, "Server Key"), auth_message);
      return without_proof + ",p=" + sasl::base64_encode(proof);
    }
    std::error_code ec;
    auto fin = sasl::parse_scram_server_final(challenge, ec);
    if (!fin) {
      error = "a SCRAM server-final-message (RFC 5802 §7), " + ec.message();
    } else if (fin->verifier && *fin->verifier != server_signature_) {
      error = "a SCRAM server signature that proves the server knows the password (RFC 5802 §5)";
    }
    return {};
  }

  std::string mech_, user_, password_;
  std::string nonce_, first_bare_, server_signature_;
  int step_ = 0;
};

}  // namespace

check run_auth(case_run& run, std::string const& mech, std::string const& user, std::string const& password,
               bool initial_response) {
  mechanism m(mech, user, password);
  dialect& d = run.current().dialect();
  std::optional<std::string> ir = initial_response ? m.initial() : std::nullopt;
  std::optional<std::string> ir_b64;
  if (ir) {
    ir_b64 = ir->empty() ? std::string("=") : sasl::base64_encode(*ir);
    run.tr.add_secret(*ir_b64);
  }
  d.sasl_start(run, mech, ir_b64);
  for (int rounds = 0; rounds < 10; ++rounds) {
    bool challenge = false;
    std::string decoded;
    check c = d.sasl_next(run, challenge, decoded);
    if (!c.ok || !challenge) return c;
    std::string error;
    std::string const answer = m.answer(decoded, error);
    if (!error.empty()) {
      run.send_bytes("*\r\n");  // cancel (RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2)
      return run.mismatch(error, decoded);
    }
    std::string const b64 = sasl::base64_encode(answer);
    run.tr.add_secret(b64);
    run.send_bytes(b64 + "\r\n", answer.empty() ? std::string("\r\n") : std::string("<redacted>\r\n"));
  }
  return run.mismatch("the SASL exchange to end within 10 rounds", "");
}

}  // namespace mailspec::script::detail
