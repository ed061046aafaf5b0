#pragma once
// Internals shared by the dialects (dialect_*.cpp). Not part of the public API.
#include <string>
#include <string_view>

#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"
#include "script/peer.hpp"

namespace mailspec::script::detail {

/// Word `index` (0-based, separated by spaces) of `line`, upper-cased; "" when there is none.
std::string upper_word(std::string_view line, int index);

/// A SASL client response line: base64 or "*" (cancel), nothing else.
bool is_sasl_response(std::string_view line);

/// What every server-role dialect shares: no client-side procedures (they belong to the client role).
class server_role_dialect : public dialect {
 public:
  bool server_side() const override { return true; }

  bool command(case_run& run, step const&) override { throw run.fault("`command` sends a client command; this case plays the server"); }
  check login(case_run& run, std::string const&, std::string const&, std::string&) override {
    throw run.fault("`login` logs in as a client; this case plays the server");
  }
  void sasl_start(case_run& run, std::string const&, std::optional<std::string> const&) override {
    throw run.fault("`auth` authenticates as a client; this case plays the server");
  }
  check sasl_next(case_run& run, bool&, std::string&) override { throw run.fault("not a client"); }
  bool is_login_line(std::string_view, bool) const override { return false; }
  std::string fix_hint(std::string const&, run_config const&) const override { return {}; }
  probe_answer probe_greeting(probe_link const&) override { return {}; }
  probe_answer probe_capabilities(probe_link const&) override { return {}; }
  probe_answer probe_starttls(probe_link const&) override { return {}; }
  void probe_quit(probe_link const&) override {}
};

std::unique_ptr<dialect> make_smtp_client();
std::unique_ptr<dialect> make_pop3_client();
std::unique_ptr<dialect> make_imap_client();
std::unique_ptr<dialect> make_smtp_server();
std::unique_ptr<dialect> make_pop3_server();
std::unique_ptr<dialect> make_imap_server();

}  // namespace mailspec::script::detail
