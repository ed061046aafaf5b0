// The SMTP client dialect (RFC 5321, RFC 4954 AUTH, RFC 3207 STARTTLS): the harness plays the client.
#include <algorithm>

#include "codec/sasl/base64.hpp"
#include "codec/smtp/error.hpp"
#include "script/dialect_common.hpp"

namespace mailspec::script::detail {

namespace {

bool code_matches(int code, std::string const& alt) {
  std::string const c = std::to_string(code);
  if (c.size() != 3) return false;
  for (int i = 0; i < 3; ++i) {
    if (alt[i] != 'x' && alt[i] != c[i]) return false;
  }
  return true;
}

class smtp_client final : public dialect {
 public:
  protocol proto() const override { return protocol::smtp; }

  check read(case_run& run, codec::smtp::reply& out, std::optional<millis> within = std::nullopt) {
    peer& p = run.current();
    auto o = p.read_smtp(out, run.read_deadline(within));
    if (o.st != read_status::ok) return problem(std::move(o));
    run.last_raw = out.raw;
    run.vars["last.code"] = std::to_string(out.code);
    if (auto* w = p.watch()) {
      std::vector<rule_breach> breaches;
      w->on_reply(out, p.conn().tls().active, breaches);
      for (auto& b : breaches) run.note_breach(b);
    }
    return check::pass();
  }

  check evaluate(case_run& run, matcher const& m) override {
    if (m.kind != matcher_kind::greeting && m.kind != matcher_kind::reply) throw run.fault("matcher not valid for SMTP");
    bool const greeting = m.kind == matcher_kind::greeting;
    std::string expected = greeting ? std::string("reply 220") : "reply " + describe_codes(m.alternatives);
    if (m.text) expected += " with text matching " + m.text->str();
    if (m.enhanced) expected += " carrying an RFC 3463 enhanced status code of the same class";
    codec::smtp::reply r;
    check c = read(run, r, m.within);
    if (!c.ok) {
      c.expected = expected;
      return c;
    }
    bool ok = greeting ? r.code == 220
                       : std::any_of(m.alternatives.begin(), m.alternatives.end(), [&](auto const& a) { return code_matches(r.code, a); });
    if (ok && m.text) ok = m.text->search(r.text()).has_value();
    if (ok && m.enhanced) ok = r.enhanced && r.enhanced->klass == r.code / 100;
    return ok ? check::pass() : run.mismatch(expected, r.raw);
  }

  check read_any(case_run& run) override {
    matcher any;
    any.kind = matcher_kind::reply;
    any.alternatives = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    return evaluate(run, any);
  }

  bool command(case_run& run, step const& s) override {
    run.send_bytes(run.eval(s.strings.front(), s.line) + "\r\n");
    return true;
  }

  check login(case_run& run, std::string const& user, std::string const& password, std::string& expected) override {
    run.send_bytes("EHLO " + run.vars["helo"] + "\r\n");
    codec::smtp::reply r;
    check c = read(run, r);
    expected = "EHLO answered with 250";
    if (c.ok && r.code != 250) c = run.mismatch(expected, r.raw);
    if (!c.ok) return c;
    expected = "AUTH PLAIN answered with 235";
    c = run_auth(run, "PLAIN", user, password, true);
    if (c.ok) c = read(run, r);
    if (c.ok && r.code != 235) c = run.mismatch(expected, r.raw);
    return c;
  }

  void sasl_start(case_run& run, std::string const& mech, std::optional<std::string> const& ir_b64) override {
    if (ir_b64) {
      run.send_bytes("AUTH " + mech + " " + *ir_b64 + "\r\n", "AUTH " + mech + " <redacted>\r\n");
    } else {
      run.send_bytes("AUTH " + mech + "\r\n");
    }
  }

  check sasl_next(case_run& run, bool& challenge, std::string& decoded) override {
    codec::smtp::reply r;
    check c = read(run, r);
    if (!c.ok) return c;
    if (r.code != 334) {
      run.current().unread(r.raw);
      return c;
    }
    challenge = true;
    std::string const text = r.lines.empty() ? std::string() : r.lines.front().text;
    auto d = codec::sasl::base64_decode(text);
    decoded = d.value_or("");
    return d ? c : run.mismatch("a 334 challenge in base64 (RFC 4954 §4)", r.raw);
  }

  bool is_login_line(std::string_view line, bool in_sasl) const override {
    std::string const verb = upper_word(line, 0);
    return verb == "AUTH" || (in_sasl && is_sasl_response(line));
  }

  std::string fix_hint(std::string const& sent, run_config const& cfg) const override {
    std::string const verb = upper_word(sent.substr(0, sent.find(':')), 0);
    bool const submission = cfg.tgt.scheme == "submission" || cfg.tgt.scheme == "smtps";
    if (verb == "RCPT") {
      return submission && !cfg.user ? "a submission server may refuse recipients before AUTH (RFC 6409, RFC 4954 §6): "
                                       "pass --user and --password-env"
                                     : "pass --var rcpt=ADDRESS (and --var rcpt2=ADDRESS) that this server accepts";
    }
    if (verb == "MAIL") {
      return submission && !cfg.user ? "a submission server may refuse mail before AUTH (RFC 6409): pass --user and --password-env"
                                     : "pass --var sender=ADDRESS that this server accepts as a sender";
    }
    if (verb == "EHLO" || verb == "HELO") return "pass --var helo=NAME that this server accepts";
    if (verb == "AUTH") return "check --user and --password-env";
    if (verb == "DATA") return "the server refused DATA after accepted recipients";
    return {};
  }

  rfc_ref rule_for(std::error_code ec) const override {
    if (ec == codec::smtp::error::line_too_long) return {5321, "4.5.3.1.5", level::must};
    return {5321, "4.2", level::must};
  }

  // ---- probe ---------------------------------------------------------------------------------------

  probe_answer round(probe_link const& l, std::string const& line, codec::smtp::reply& r, std::string const& what,
                     std::string const& shown = {}) {
    l.send(line, shown);
    probe_answer a;
    if (auto o = l.p.read_smtp(r, l.deadline()); o.st != read_status::ok) a.error = what + ": " + probe_link::describe(o);
    a.raw = r.raw;
    return a;
  }

  probe_answer probe_greeting(probe_link const& l) override {
    codec::smtp::reply r;
    probe_answer a;
    if (auto o = l.p.read_smtp(r, l.deadline()); o.st != read_status::ok) {
      a.error = "no SMTP greeting: " + probe_link::describe(o);
      return a;
    }
    a.raw = r.raw;
    a.refused = r.code != 220;  // 554/421: still a target; its cases judge the greeting
    return a;
  }

  probe_answer probe_capabilities(probe_link const& l) override {
    codec::smtp::reply r;
    probe_answer a = round(l, "EHLO mailspec.test", r, "EHLO failed");
    if (!a.error.empty()) return a;
    if (r.code != 250) {
      l.cfg.caps.notes.push_back("EHLO answered " + std::to_string(r.code) + "; no extensions known");
      return a;
    }
    for (std::size_t i = 1; i < r.lines.size(); ++i) a.text += r.lines[i].text + "\n";
    return a;
  }

  probe_answer probe_starttls(probe_link const& l) override {
    codec::smtp::reply r;
    probe_answer a = round(l, "STARTTLS", r, "STARTTLS failed");
    a.refused = a.error.empty() && r.code != 220;
    return a;
  }

  /// Whether ${rcpt} is accepted, once per run, so the user learns at the start why transaction cases
  /// skip. The capabilities are known: a server that drops the probe here only leaves the recipient unknown.
  void probe_after(probe_link const& l) override {
    if (std::string e = check_recipient(l); !e.empty()) {
      l.cfg.caps.notes.push_back("recipient check: " + e);
      l.cfg.caps.recipient.done = false;
    }
  }

  std::string check_recipient(probe_link const& l) {
    auto& cfg = l.cfg;
    auto var = [&](std::string const& k, std::string const& dflt) {
      auto it = cfg.vars.find(k);
      return it == cfg.vars.end() ? dflt : it->second;
    };
    auto& rc = cfg.caps.recipient;
    rc.done = true;
    rc.address = var("rcpt", "postmaster@" + var("domain", "example.test"));
    bool const submission = cfg.tgt.scheme == "submission" || cfg.tgt.scheme == "smtps";
    auto const& caps = cfg.caps.starttls || cfg.tgt.implicit_tls ? cfg.caps.secure : cfg.caps.plain;
    codec::smtp::reply r;
    auto refused = [&](std::string const& sent) {
      rc.reply = r.raw;
      rc.hint = fix_hint(sent, cfg);
      return std::string();
    };
    if (submission && cfg.user && cfg.password && caps.count("AUTH")) {
      std::string const blob = codec::sasl::base64_encode(std::string(1, '\0') + *cfg.user + std::string(1, '\0') + *cfg.password);
      probe_answer a = round(l, "AUTH PLAIN " + blob, r, "no reply to AUTH PLAIN <redacted>", "AUTH PLAIN <redacted>\r\n");
      if (!a.error.empty()) return a.error;
      if (r.code != 235) return refused("AUTH");
    }
    std::string const mail = "MAIL FROM:<" + var("sender", "mailspec@example.org") + ">";
    if (probe_answer a = round(l, mail, r, "no reply to " + mail); !a.error.empty()) return a.error;
    if (r.code / 100 != 2) return refused(mail);
    std::string const rcpt = "RCPT TO:<" + rc.address + ">";
    if (probe_answer a = round(l, rcpt, r, "no reply to " + rcpt); !a.error.empty()) return a.error;
    rc.reply = r.raw;
    rc.accepted = r.code / 100 == 2;
    if (!rc.accepted) rc.hint = fix_hint(rcpt, cfg);
    return round(l, "RSET", r, "no reply to RSET").error;
  }

  void probe_quit(probe_link const& l) override { l.send("QUIT"); }
};

}  // namespace

std::unique_ptr<dialect> make_smtp_client() { return std::make_unique<smtp_client>(); }

}  // namespace mailspec::script::detail
