// The `auth` step: SASL client exchanges (RFC 4422) over SMTP AUTH (RFC 4954), POP3 AUTH (RFC 5034) and
// IMAP AUTHENTICATE (RFC 9051 §6.2.2). Message syntax comes from codec/sasl; the hashing from session.
#include <optional>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"
#include "script/interpreter_detail.hpp"
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

/// What arrived after a client message: a challenge, or the final reply (left unread for the script).
struct step_reply {
  check c;
  bool challenge = false;
  std::string decoded;
};

step_reply next_smtp(case_run& run) {
  codec::smtp::reply r;
  step_reply out{run.read_smtp(r), false, {}};
  if (!out.c.ok) return out;
  if (r.code != 334) {
    run.current().unread(r.raw);
    return out;
  }
  std::string const text = r.lines.empty() ? std::string() : r.lines.front().text;
  auto d = sasl::base64_decode(text);
  if (!d) out.c = run.mismatch("a 334 challenge in base64 (RFC 4954 §4)", r.raw);
  out.challenge = true;
  out.decoded = d.value_or("");
  return out;
}

step_reply next_pop3(case_run& run) {
  // "+ challenge" lines are not POP3 status lines: look at the line before the status parser does.
  std::string line;
  auto o = run.current().read_line(line, run.read_deadline());
  step_reply out;
  if (o.st != read_status::ok) {
    out.c.ok = false;
    out.c.problem = o;
    return out;
  }
  if (line.rfind("+ ", 0) == 0 || line == "+\r\n") {
    std::string text = line.substr(line.size() > 3 ? 2 : 1);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    auto d = sasl::base64_decode(text);
    if (!d) out.c = run.mismatch("a continuation in base64 (RFC 5034 §4)", line);
    out.challenge = true;
    out.decoded = d.value_or("");
    return out;
  }
  run.current().unread(line);
  return out;
}

step_reply next_imap(case_run& run, std::string const& tag) {
  codec::imap::response r;
  step_reply out{run.read_imap_until(r, true, tag), false, {}};
  if (!out.c.ok) return out;
  if (r.t != codec::imap::response::type::continuation) {
    run.current().unread(r.raw);
    return out;
  }
  auto d = sasl::base64_decode(r.text);
  if (!d) out.c = run.mismatch("a continuation in base64 (RFC 9051 §7.5)", r.raw);
  out.challenge = true;
  out.decoded = d.value_or("");
  return out;
}

}  // namespace

check run_auth(case_run& run, std::string const& mech, std::string const& user, std::string const& password,
               bool initial_response) {
  mechanism m(mech, user, password);
  protocol const p = run.current().proto();
  std::optional<std::string> ir = initial_response ? m.initial() : std::nullopt;
  std::string tag;
  std::string command;
  switch (p) {
    case protocol::smtp:
    case protocol::pop3: command = "AUTH " + mech; break;
    case protocol::imap:
      tag = "A" + std::to_string(run.current().next_tag());
      run.vars["tag"] = tag;
      command = tag + " AUTHENTICATE " + mech;
      break;
  }
  if (ir) {
    std::string const b64 = ir->empty() ? std::string("=") : sasl::base64_encode(*ir);
    run.tr.add_secret(b64);
    run.send_bytes(command + " " + b64 + "\r\n", command + " <redacted>\r\n");
  } else {
    run.send_bytes(command + "\r\n");
  }
  for (int rounds = 0; rounds < 10; ++rounds) {
    step_reply r = p == protocol::smtp ? next_smtp(run) : p == protocol::pop3 ? next_pop3(run) : next_imap(run, tag);
    if (!r.c.ok || !r.challenge) return r.c;
    std::string error;
    std::string const answer = m.answer(r.decoded, error);
    if (!error.empty()) {
      run.send_bytes("*\r\n");  // cancel (RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2)
      return run.mismatch(error, r.decoded);
    }
    std::string const b64 = sasl::base64_encode(answer);
    run.tr.add_secret(b64);
    run.send_bytes(b64 + "\r\n", answer.empty() ? std::string("\r\n") : std::string("<redacted>\r\n"));
  }
  return run.mismatch("the SASL exchange to end within 10 rounds", "");
}

}  // namespace mailspec::script::detail
