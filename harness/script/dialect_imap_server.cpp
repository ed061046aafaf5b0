// The IMAP server-role dialect: the harness plays an IMAP server and judges a client. Client commands are
// parsed strictly (RFC 9051 §9); a synchronising literal gets its "+" when the client waits for it.
#include <algorithm>

#include "codec/imap/command.hpp"
#include "codec/imap/error.hpp"
#include "script/dialect_common.hpp"

namespace mailspec::script::detail {

namespace {

class imap_server final : public server_role_dialect {
 public:
  protocol proto() const override { return protocol::imap; }

  check read_command(case_run& run, codec::imap::command& out, std::optional<millis> within) {
    auto o = run.current().read_imap_command(parser_, out, run.read_deadline(within), "+ go ahead\r\n");
    if (o.st != read_status::ok) return problem(std::move(o));
    run.last_raw = out.raw;
    run.vars["cmd.tag"] = out.tag;
    run.vars["cmd.verb"] = out.name;
    run.vars["cmd.uid"] = out.uid ? "UID" : "";
    std::string args;
    for (auto const& v : out.args) args += (args.empty() ? "" : " ") + codec::imap::serialize(v);
    run.vars["cmd.args"] = args;
    // The first literal's octets (APPEND's message), for checks on what the client sent.
    run.vars.erase("cmd.literal");
    for (auto const& v : out.args) {
      if (v.k == codec::imap::value::kind::literal) {
        run.vars["cmd.literal"] = v.text;
        break;
      }
    }
    // The password of a LOGIN is a credential: never in a report, whatever it is.
    if (out.name == "LOGIN" && out.args.size() >= 2) run.tr.add_secret(out.args[1].text);
    // The login name (`mailspec serve --by-login` picks the case by it).
    if (out.name == "LOGIN" && !out.args.empty()) {
      run.vars["login.user"] = out.args[0].text;
      if (run.cfg.any_user) run.vars["user"] = out.args[0].text;
    }
    return check::pass();
  }

  check evaluate(case_run& run, matcher const& m) override {
    if (m.kind != matcher_kind::command) throw run.fault("matcher not valid for an IMAP server");
    // DONE ends an IDLE (RFC 2177 §3): a line of its own, not a tagged command.
    bool const done = std::find(m.alternatives.begin(), m.alternatives.end(), "DONE") != m.alternatives.end();
    if (done) parser_.expect(codec::imap::line_kind::idle_done);
    codec::imap::command c;
    std::string expected = "a command " + describe_codes(m.alternatives);
    if (m.text) expected += " with arguments matching " + m.text->str();
    check r = read_command(run, c, m.within);
    if (!r.ok) return r.expected = expected, r;
    std::string const verb = done && c.name.empty() ? std::string("DONE") : c.name;
    bool ok = m.alternatives.empty() || std::find(m.alternatives.begin(), m.alternatives.end(), verb) != m.alternatives.end();
    if (ok && m.text) ok = m.text->search(run.vars["cmd.args"]).has_value();
    return ok ? check::pass() : run.mismatch(expected, c.raw);
  }

  check read_any(case_run& run) override {
    codec::imap::command c;
    return read_command(run, c, std::nullopt);
  }

  rfc_ref rule_for(std::error_code ec) const override {
    // LITERAL-: a non-synchronising literal is at most 4096 octets (RFC 7888 §5).
    if (ec == codec::imap::error::nonsync_literal_too_large) return {7888, "5", level::must};
    return {9051, "9", level::must};
  }


 private:
  codec::imap::command_parser parser_;
};

}  // namespace

std::unique_ptr<dialect> make_imap_server() { return std::make_unique<imap_server>(); }

}  // namespace mailspec::script::detail
