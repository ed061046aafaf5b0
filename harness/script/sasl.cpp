// The `auth` step: SASL client exchanges (RFC 4422) over SMTP AUTH (RFC 4954), POP3 AUTH (RFC 5034) and
// IMAP AUTHENTICATE (RFC 9051 §6.2.2). The mechanisms' client side is script/sasl_client.hpp.
#include <optional>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"
#include "script/peer.hpp"
#include "script/sasl_client.hpp"

namespace mailspec::script::detail {

namespace sasl = codec::sasl;

check run_auth(case_run& run, std::string const& mech, std::string const& user, std::string const& password,
               bool initial_response) {
  sasl_client m(mech, user, password);
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
