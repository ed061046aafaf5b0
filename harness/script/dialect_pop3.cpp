// The POP3 client dialect (RFC 1939, RFC 2449 CAPA, RFC 5034 SASL, RFC 2595 STLS).
#include <algorithm>
#include <sstream>

#include "codec/pop3/error.hpp"
#include "codec/sasl/base64.hpp"
#include "script/dialect_common.hpp"

namespace mailspec::script::detail {

namespace {

class pop3_client final : public dialect {
 public:
  protocol proto() const override { return protocol::pop3; }

  check read(case_run& run, codec::pop3::response& out, bool multiline, std::optional<millis> within = std::nullopt) {
    auto o = run.current().read_pop3(out, multiline, run.read_deadline(within));
    if (o.st != read_status::ok) return problem(std::move(o));
    run.last_raw = out.raw;
    // "+OK 2 320" (STAT) and "+OK 1 120" (LIST n): numbers for ${last.count} / ${last.size}
    std::istringstream ss(out.st.text);
    std::string a, b;
    ss >> a >> b;
    if (!a.empty() && std::all_of(a.begin(), a.end(), ::isdigit)) run.vars["last.count"] = a;
    if (!b.empty() && std::all_of(b.begin(), b.end(), ::isdigit)) run.vars["last.size"] = b;
    if (out.multiline) run.vars["last.size"] = std::to_string(out.body_size);
    last_ = out;
    return check::pass();
  }

  /// `body` and `size-equals` look at the last multi-line response without reading.
  check inspect(case_run& run, matcher const& m) {
    if (m.kind == matcher_kind::body) {
      if (!last_.multiline) return run.mismatch("a multi-line body matching " + m.text->str(), last_.raw);
      return m.text->search(last_.body) ? check::pass() : run.mismatch("a body matching " + m.text->str(), last_.body);
    }
    std::string const want = run.vars.count(m.var) ? run.vars[m.var] : "";
    std::string const got = std::to_string(last_.body_size);
    if (want == got) return check::pass();
    return run.mismatch("a body of ${" + m.var + "} = " + want + " octets", got + " octets: " + last_.raw.substr(0, 200));
  }

  check evaluate(case_run& run, matcher const& m) override {
    switch (m.kind) {
      case matcher_kind::body:
      case matcher_kind::size_equals: return inspect(run, m);
      case matcher_kind::greeting:
      case matcher_kind::ok:
      case matcher_kind::err:
      case matcher_kind::status: break;
      default: throw run.fault("matcher not valid for POP3");
    }
    bool const positive = m.kind == matcher_kind::ok || m.kind == matcher_kind::greeting;
    std::string expected = positive ? "+OK" : m.kind == matcher_kind::err ? "-ERR" : "+OK or -ERR";
    if (m.kind == matcher_kind::err && !m.code.empty()) expected += " [" + m.code + "]";
    if (m.multiline) expected += " with a multi-line body";
    if (m.text) expected += " with text matching " + m.text->str();
    codec::pop3::response r;
    check c = read(run, r, m.multiline, m.within);
    if (!c.ok) {
      c.expected = expected;
      // "+ " is a SASL continuation (RFC 5034 §4), part of POP3's grammar there: a mismatch, not a violation.
      auto const& part = c.problem.partial;
      if (c.problem.st == read_status::violation && (part.rfind("+ ", 0) == 0 || part.rfind("+\r\n", 0) == 0)) {
        return run.mismatch(expected, part.substr(0, part.find('\n') + 1));
      }
      return c;
    }
    bool ok = true;
    if (positive) ok = r.st.ok;
    if (m.kind == matcher_kind::err) ok = !r.st.ok && (m.code.empty() || r.st.code == m.code);
    if (ok && m.text) ok = m.text->search(r.st.text).has_value();
    return ok ? check::pass() : run.mismatch(expected, r.raw);
  }

  check read_any(case_run& run) override {
    matcher any;
    any.kind = matcher_kind::status;
    return evaluate(run, any);
  }

  bool command(case_run& run, step const& s) override {
    run.send_bytes(run.eval(s.strings.front(), s.line) + "\r\n");
    return true;
  }

  check login(case_run& run, std::string const& user, std::string const& password, std::string& expected) override {
    codec::pop3::response r;
    run.send_bytes("USER " + user + "\r\n");
    expected = "+OK to USER";
    check c = read(run, r, false);
    if (c.ok && !r.st.ok) c = run.mismatch(expected, r.raw);
    if (!c.ok) return c;
    run.send_bytes("PASS " + password + "\r\n", "PASS <redacted>\r\n");
    expected = "+OK to PASS";
    c = read(run, r, false);
    if (c.ok && !r.st.ok) c = run.mismatch(expected, r.raw);
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
    // "+ challenge" lines are not POP3 status lines: look at the line before the status parser does.
    std::string line;
    auto o = run.current().read_line(line, run.read_deadline());
    if (o.st != read_status::ok) return problem(std::move(o));
    if (line.rfind("+ ", 0) != 0 && line != "+\r\n") {
      run.current().unread(line);
      return check::pass();
    }
    challenge = true;
    std::string text = line.substr(line.size() > 3 ? 2 : 1);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    auto d = codec::sasl::base64_decode(text);
    decoded = d.value_or("");
    return d ? check::pass() : run.mismatch("a continuation in base64 (RFC 5034 §4)", line);
  }

  bool is_login_line(std::string_view line, bool in_sasl) const override {
    std::string const verb = upper_word(line, 0);
    return verb == "AUTH" || verb == "PASS" || verb == "APOP" || (in_sasl && is_sasl_response(line));
  }

  std::string fix_hint(std::string const& sent, run_config const&) const override {
    std::string const verb = upper_word(sent, 0);
    if (verb == "USER" || verb == "PASS" || verb == "APOP") return "check --user and --password-env";
    return {};
  }

  rfc_ref rule_for(std::error_code ec) const override {
    if (ec == codec::pop3::error::line_too_long) return {2449, "4", level::must};
    return {1939, "3", level::must};
  }

  // ---- probe ---------------------------------------------------------------------------------------

  probe_answer read_status_line(probe_link const& l, std::string const& what, bool multiline, codec::pop3::response& r) {
    probe_answer a;
    if (auto o = l.p.read_pop3(r, multiline, l.deadline()); o.st != read_status::ok) {
      a.error = what + ": " + probe_link::describe(o);
      return a;
    }
    a.raw = r.raw;
    a.refused = !r.st.ok;
    return a;
  }

  probe_answer probe_greeting(probe_link const& l) override {
    codec::pop3::response r;
    return read_status_line(l, "no POP3 greeting", false, r);
  }

  probe_answer probe_capabilities(probe_link const& l) override {
    l.send("CAPA");
    codec::pop3::response r;
    probe_answer a = read_status_line(l, "CAPA failed", true, r);
    if (!a.error.empty()) return a;
    if (a.refused) {
      l.cfg.caps.notes.push_back("CAPA answered -ERR; no capabilities known");
      a.refused = false;
      return a;
    }
    a.text = r.body;
    return a;
  }

  probe_answer probe_starttls(probe_link const& l) override {
    l.send("STLS");
    codec::pop3::response r;
    return read_status_line(l, "STLS failed", false, r);
  }

  void probe_quit(probe_link const& l) override { l.send("QUIT"); }

 private:
  codec::pop3::response last_;  // the last response read, for `body` and `size-equals`
};

}  // namespace

std::unique_ptr<dialect> make_pop3_client() { return std::make_unique<pop3_client>(); }

}  // namespace mailspec::script::detail
