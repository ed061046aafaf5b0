// The `serve-auth` step: the server side of a SASL exchange (RFC 4422) in the protocol's framing, right
// after the script has read the client's AUTH (SMTP, POP3) or AUTHENTICATE (IMAP) command. The verdict
// is the client's: wrong credentials or a broken exchange fail the case; success leaves the reply to the
// script (235, +OK, tagged OK).
#include "codec/sasl/base64.hpp"
#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"
#include "script/peer.hpp"
#include "script/sasl_server.hpp"

namespace mailspec::script::detail {

namespace {

/// Mechanism and initial response from the AUTH/AUTHENTICATE arguments just read (`${cmd.args}`).
void split_auth_args(std::string const& args, std::string& mech, std::optional<std::string>& ir) {
  std::size_t const sp = args.find(' ');
  mech = args.substr(0, sp);
  if (sp != std::string::npos) ir = args.substr(sp + 1);
}

}  // namespace

check serve_auth(case_run& run, std::string const& user, std::string const& password, std::string& outcome) {
  std::string mech;
  std::optional<std::string> ir;
  split_auth_args(run.vars.count("cmd.args") ? run.vars["cmd.args"] : std::string(), mech, ir);
  if (!sasl_server::supports(mech)) {
    outcome = "unsupported";
    return run.mismatch("a SASL mechanism the server offers (PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256)", mech);
  }
  run.tr.add_secret(password);
  run.tr.add_secret(codec::sasl::base64_encode(password));
  sasl_server server(mech, user, password);
  if (run.cfg.any_user) server.accept_any_user();
  dialect& d = run.current().dialect();
  sasl_step st = server.start_encoded(ir ? std::optional<std::string_view>(*ir) : std::nullopt);
  for (int rounds = 0; !st.done(); ++rounds) {
    if (rounds == 10) return run.mismatch("the SASL exchange to end within 10 rounds", "");
    d.sasl_challenge(run, codec::sasl::base64_encode(st.data));
    std::string line;
    check c = d.sasl_line(run, line);
    if (!c.ok) return c;
    if (line.size() > 12) run.tr.add_secret(line);  // a PLAIN blob carries the password, encoded
    st = server.on_line(line);
  }
  // The name the client logged in with: `mailspec serve --by-login` picks the case by it.
  if (!server.given_user().empty()) run.vars["login.user"] = server.given_user();
  switch (st.what) {
    case sasl_step::kind::success: outcome = "success"; return check::pass();
    case sasl_step::kind::cancelled: outcome = "cancelled"; return run.mismatch("a completed " + mech + " exchange", "(cancelled by the client: *)");
    case sasl_step::kind::wrong_credentials: outcome = "wrong-credentials"; break;
    default: outcome = "malformed"; break;
  }
  return run.mismatch("a " + mech + " exchange proving the configured credentials", st.reason);
}

}  // namespace mailspec::script::detail
