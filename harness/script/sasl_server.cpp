#include "script/sasl_server.hpp"

#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"
#include "session/crypto.hpp"

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace mailspec::script {

namespace sasl = codec::sasl;
namespace crypto = session::crypto;

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  return out;
}

// Compares secrets (passwords, digests, keys) in time independent of where they differ.
bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string xor_of(std::string_view a, std::string_view b) {
  std::string out(a);
  for (std::size_t i = 0; i < out.size() && i < b.size(); ++i) out[i] = static_cast<char>(out[i] ^ b[i]);
  return out;
}

constexpr std::string_view framing_rfcs = "RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2";

}  // namespace

bool sasl_server::supports(std::string_view mech) {
  auto const name = upper(mech);
  return name == "PLAIN" || name == "LOGIN" || name == "CRAM-MD5" || name == "SCRAM-SHA-1" ||
         name == "SCRAM-SHA-256";
}

sasl_server::sasl_server(std::string_view mech, std::string expected_user, std::string expected_password,
                         sasl_server_options options)
    : name_(upper(mech)),
      user_(std::move(expected_user)),
      password_(std::move(expected_password)),
      options_(std::move(options)) {
  if (name_ == "PLAIN") {
    mech_ = mech_id::plain;
  } else if (name_ == "LOGIN") {
    mech_ = mech_id::login;
  } else if (name_ == "CRAM-MD5") {
    mech_ = mech_id::cram_md5;
  } else if (name_ == "SCRAM-SHA-1") {
    mech_ = mech_id::scram_sha1;
  } else if (name_ == "SCRAM-SHA-256") {
    mech_ = mech_id::scram_sha256;
  } else {
    throw std::invalid_argument("SASL mechanism not supported by the server side: " + name_);
  }
}

// ---- Driving ----

sasl_step sasl_server::start(std::optional<std::string> initial_response) {
  if (phase_ != phase::before_start) throw std::logic_error("sasl_server::start called twice");
  switch (mech_) {
    case mech_id::plain:
      if (initial_response) return on_plain(*initial_response);
      return challenge("", phase::plain);
    case mech_id::login:
      if (!initial_response) return challenge(std::string(sasl::login_username_prompt), phase::login_user);
      login_user_ = std::move(*initial_response);
      return challenge(std::string(sasl::login_password_prompt), phase::login_password);
    case mech_id::cram_md5:
      if (initial_response) {
        return finish(sasl_step::kind::malformed,
                      "an initial response to CRAM-MD5, where the server sends the first challenge (RFC 2195 "
                      "§2); it must be rejected (" + std::string(framing_rfcs) + ")");
      }
      cram_challenge_ = options_.cram_challenge;
      if (cram_challenge_.empty()) {
        // RFC 2195 §2: random digits, a timestamp and the host, in msg-id form.
        auto const token = crypto::random_token(8) + "." + std::to_string(std::time(nullptr));
        cram_challenge_ = sasl::cram_challenge(token, options_.host);
      }
      return challenge(cram_challenge_, phase::cram);
    case mech_id::scram_sha1:
    case mech_id::scram_sha256:
      if (initial_response) return on_scram_first(*initial_response);
      return challenge("", phase::scram_first);
  }
  throw std::logic_error("sasl_server: unknown mechanism");
}

sasl_step sasl_server::on_response(std::string const& response) {
  switch (phase_) {
    case phase::before_start: throw std::logic_error("sasl_server::on_response before start");
    case phase::over: throw std::logic_error("sasl_server::on_response after the outcome");
    case phase::plain: return on_plain(response);
    case phase::login_user:
      login_user_ = response;
      return challenge(std::string(sasl::login_password_prompt), phase::login_password);
    case phase::login_password: return on_login_password(response);
    case phase::cram: return on_cram(response);
    case phase::scram_first: return on_scram_first(response);
    case phase::scram_final: return on_scram_final(response);
    case phase::scram_ack: return on_scram_ack(response);
  }
  throw std::logic_error("sasl_server: unknown phase");
}

sasl_step sasl_server::on_cancel() {
  if (phase_ == phase::before_start || phase_ == phase::over) {
    throw std::logic_error("sasl_server::on_cancel outside an exchange");
  }
  return finish(sasl_step::kind::cancelled, "the client cancelled the exchange with \"*\" (" +
                                                std::string(framing_rfcs) + ")");
}

sasl_step sasl_server::start_encoded(std::optional<std::string_view> initial_response) {
  if (!initial_response) return start(std::nullopt);
  if (*initial_response == "=") return start(std::string());  // RFC 4954 §4: "=" is an empty response
  auto decoded = decode(*initial_response);
  if (!decoded) {
    if (phase_ != phase::before_start) throw std::logic_error("sasl_server::start called twice");
    return finish(sasl_step::kind::malformed,
                  "an initial response that is base64 or \"=\" (RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2)");
  }
  return start(std::move(*decoded));
}

sasl_step sasl_server::on_line(std::string_view line) {
  if (line == "*") return on_cancel();
  auto decoded = decode(line);
  if (!decoded) {
    if (phase_ == phase::before_start || phase_ == phase::over) {
      throw std::logic_error("sasl_server::on_line outside an exchange");
    }
    return finish(sasl_step::kind::malformed,
                  "a response line that is base64 or \"*\" (" + std::string(framing_rfcs) + ")");
  }
  return on_response(*decoded);
}

std::optional<std::string> sasl_server::decode(std::string_view text) {
  auto decoded = sasl::base64_decode(text, true);
  if (decoded || options_.strict) return decoded;
  decoded = sasl::base64_decode(text, false);
  if (decoded) {
    deviations_.emplace_back("base64 with white space or without its padding (RFC 4648 §4, RFC 4954 §4)");
  }
  return decoded;
}

// ---- PLAIN, LOGIN, CRAM-MD5 ----

sasl_step sasl_server::on_plain(std::string const& msg) {
  std::error_code ec;
  auto const fields = sasl::parse_plain(msg, ec);
  if (!fields) {
    return finish(sasl_step::kind::malformed,
                  "a PLAIN message [authzid] NUL authcid NUL passwd (RFC 4616 §2): " + ec.message());
  }
  return failure(judge(fields->authcid, same(fields->password, password_), fields->authzid), "RFC 4616 §2");
}

sasl_step sasl_server::on_login_password(std::string const& password) {
  return failure(judge(login_user_, same(password, password_), {}), "LOGIN, draft-murchison-sasl-login");
}

sasl_step sasl_server::on_cram(std::string const& msg) {
  std::error_code ec;
  auto const fields = sasl::parse_cram_md5_response(msg, ec, options_.strict);
  if (!fields) {
    return finish(sasl_step::kind::malformed,
                  "a CRAM-MD5 response: user name, SP, 32 lower-case hex digits (RFC 2195 §2): " + ec.message());
  }
  if (fields->upper_case_hex) {
    deviations_.emplace_back("CRAM-MD5 digest in upper-case hex, where RFC 2195 §2 asks for lower case");
  }
  auto const expected = crypto::to_hex(crypto::hmac(crypto::digest::md5, password_, cram_challenge_));
  return failure(judge(fields->user, same(fields->hex_digest, expected), {}), "RFC 2195 §2");
}

// ---- SCRAM (RFC 5802 §3, §5, §7) ----

sasl_step sasl_server::on_scram_first(std::string const& msg) {
  std::error_code ec;
  auto first = sasl::parse_scram_client_first(msg, ec);
  if (!first) return scram_first_refused(msg, ec);
  scram_.gs2_header = std::move(first->gs2_header);
  scram_.user = std::move(first->user);
  scram_.authzid = std::move(first->authzid);
  scram_.first_bare = std::move(first->bare);
  auto const server_part =
      options_.scram_server_nonce.empty() ? crypto::random_token(18) : options_.scram_server_nonce;
  scram_.nonce = first->client_nonce + server_part;
  scram_.salt = options_.scram_salt.empty() ? crypto::random_bytes(16) : options_.scram_salt;
  scram_.server_first = sasl::scram_server_first_message(scram_.nonce, scram_.salt, options_.scram_iterations);
  return challenge(scram_.server_first, phase::scram_final);
}

sasl_step sasl_server::scram_first_refused(std::string const& msg, std::error_code ec) {
  using sasl::error;
  auto const malformed = sasl_step::kind::malformed;
  if (ec == error::channel_binding_unsupported) {
    // Only a validated cb-name is quoted: it holds letters, digits, "." and "-" alone.
    return finish(malformed,
                  "a client-first-message asking for channel binding \"" +
                      std::string(sasl::scram_requested_channel_binding(msg)) +
                      "\" (gs2 flag p), which needs a " + name_ +
                      "-PLUS mechanism this server did not offer (RFC 5802 §6)",
                  "channel-binding-not-supported");
  }
  if (ec == error::scram_extension) {
    return finish(malformed, "a mandatory extension (m=) in the client-first-message: RFC 5802 §5.1 says fail",
                  "extensions-not-supported");
  }
  if (ec == error::bad_scram_name) {
    return finish(malformed, "a user name with \"=\" not followed by \"2C\" or \"3D\" (RFC 5802 §5.1)",
                  "invalid-username-encoding");
  }
  return finish(malformed, "a client-first-message (RFC 5802 §7): " + ec.message(), "invalid-encoding");
}

sasl_step sasl_server::on_scram_final(std::string const& msg) {
  auto const malformed = sasl_step::kind::malformed;
  std::error_code ec;
  auto const fin = sasl::parse_scram_client_final(msg, ec);
  if (!fin) {
    bool const ext = ec == sasl::error::scram_extension;
    return finish(malformed, "a client-final-message (RFC 5802 §7): " + ec.message(),
                  ext ? "extensions-not-supported" : "invalid-encoding");
  }
  if (fin->channel_binding != scram_.gs2_header) {
    return finish(malformed,
                  "c= carrying the gs2 header of the client-first-message, which the server MUST check "
                  "(RFC 5802 §6)",
                  "channel-bindings-dont-match");
  }
  if (fin->nonce != scram_.nonce) {
    return finish(malformed, "r= equal to the nonce of the server-first-message (RFC 5802 §5.1)", "other-error");
  }
  auto const d = mech_ == mech_id::scram_sha1 ? crypto::digest::sha1 : crypto::digest::sha256;
  auto const hash_size = crypto::hash(d, "").size();
  if (fin->proof.size() != hash_size) {
    return finish(malformed,
                  "a ClientProof of " + std::to_string(hash_size) + " octets, the size of the " + name_ +
                      " hash (RFC 5802 §3), not " + std::to_string(fin->proof.size()),
                  "invalid-proof");
  }
  // RFC 5802 §3: recover ClientKey from the proof and check that it hashes to StoredKey.
  std::string const salted = crypto::pbkdf2(d, password_, scram_.salt, options_.scram_iterations);
  std::string const stored_key = crypto::hash(d, crypto::hmac(d, salted, "Client Key"));
  std::string const auth_message = sasl::scram_auth_message(scram_.first_bare, scram_.server_first, fin->without_proof);
  std::string const client_signature = crypto::hmac(d, stored_key, auth_message);
  bool const proof_ok = same(crypto::hash(d, xor_of(fin->proof, client_signature)), stored_key);
  return scram_proof_checked(judge(scram_.user, proof_ok, scram_.authzid), salted, auth_message);
}

sasl_step sasl_server::scram_proof_checked(verdict v, std::string const& salted, std::string const& auth_message) {
  if (v != verdict::ok) {
    auto step = failure(v, "RFC 5802 §5.1");
    step.scram_error = v == verdict::unknown_user     ? "unknown-user"
                       : v == verdict::wrong_password ? "invalid-proof"
                                                      : "other-error";
    return step;
  }
  auto const d = mech_ == mech_id::scram_sha1 ? crypto::digest::sha1 : crypto::digest::sha256;
  auto const server_signature = crypto::hmac(d, crypto::hmac(d, salted, "Server Key"), auth_message);
  scram_.server_final = sasl::scram_server_final_verifier(server_signature);
  if (!options_.additional_data_with_success) return challenge(scram_.server_final, phase::scram_ack);
  auto step = finish(sasl_step::kind::success, {});
  step.data = scram_.server_final;
  return step;
}

sasl_step sasl_server::on_scram_ack(std::string const& msg) {
  if (!msg.empty()) {
    return finish(sasl_step::kind::malformed,
                  "an empty response to the server-final-message sent as a challenge, the protocol having no "
                  "additional data with success (RFC 4422 §3.6, RFC 5802 §5)");
  }
  return finish(sasl_step::kind::success, {});
}

// ---- Outcomes ----

sasl_server::verdict sasl_server::judge(std::string_view user, bool password_ok, std::string_view authzid) const {
  // Octets are compared: the expected credentials are the script's, and SASLprep is not applied.
  given_user_ = std::string(user);
  std::string_view const expected = any_user_ ? user : std::string_view(user_);
  if (user != expected) return verdict::unknown_user;
  if (!password_ok) return verdict::wrong_password;
  if (!authzid.empty() && authzid != expected) return verdict::foreign_authzid;
  return verdict::ok;
}

sasl_step sasl_server::failure(verdict v, std::string_view rfc) {
  auto const wrong = sasl_step::kind::wrong_credentials;
  auto const ref = " (" + std::string(rfc) + ")";
  switch (v) {
    case verdict::ok: return finish(sasl_step::kind::success, {});
    case verdict::unknown_user: return finish(wrong, "the authentication identity is not the expected user" + ref);
    case verdict::wrong_password:
      return finish(wrong, "the credentials do not prove the expected user's password" + ref);
    case verdict::foreign_authzid:
      return finish(wrong, "an authorization identity other than the user, which this server grants no one" + ref);
  }
  throw std::logic_error("sasl_server: unknown verdict");
}

sasl_step sasl_server::challenge(std::string data, phase next) {
  phase_ = next;
  return sasl_step{sasl_step::kind::challenge, std::move(data), {}, {}};
}

sasl_step sasl_server::finish(sasl_step::kind what, std::string reason, std::string scram_error) {
  phase_ = phase::over;
  return sasl_step{what, {}, std::move(reason), std::move(scram_error)};
}

}  // namespace mailspec::script
