#include "script/sasl_client.hpp"

#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"
#include "session/crypto.hpp"

#include <system_error>

namespace mailspec::script {

namespace sasl = codec::sasl;
namespace crypto = session::crypto;

std::optional<std::string> sasl_client::initial() {
  if (mech_ == "PLAIN") return sasl::plain_message("", user_, password_);
  if (mech_.rfind("SCRAM-", 0) == 0) {
    nonce_ = crypto::random_token(18);
    first_bare_ = sasl::scram_client_first_bare(user_, nonce_);
    return sasl::scram_client_first(user_, nonce_);
  }
  return std::nullopt;
}

std::string sasl_client::answer(std::string const& challenge, std::string& error) {
  ++step_;
  if (mech_ == "PLAIN") return sasl::plain_message("", user_, password_);  // empty challenge after no-IR
  if (mech_ == "LOGIN") return step_ == 1 ? user_ : password_;
  if (mech_ == "CRAM-MD5") {
    return sasl::cram_md5_response(user_, crypto::to_hex(crypto::hmac(crypto::digest::md5, password_, challenge)));
  }
  return scram(challenge, error);
}

std::string sasl_client::scram(std::string const& challenge, std::string& error) {
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

}  // namespace mailspec::script
