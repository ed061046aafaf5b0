// The IMAP client dialect (RFC 9051, RFC 3501): tagged commands, several of them in flight, untagged
// responses kept per command and unsolicited ones kept until a script checks them, IDLE, literals, and
// capabilities re-read from CAPABILITY responses and [CAPABILITY] codes. Every response a case reads is
// checked against the strict response grammar (codec/imap/grammar.hpp): a syntax error fails the case,
// naming the ABNF rule, its RFC section and the octets; the typed response feeds the mailbox-state model.
#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>

#include "codec/imap/error.hpp"
#include "codec/imap/grammar.hpp"
#include "codec/sasl/base64.hpp"
#include "script/dialect_common.hpp"
#include "script/imap_mime_step.hpp"
#include "script/imap_state_feed.hpp"

namespace mailspec::script::detail {

namespace {

using codec::imap::response;
using codec::imap::typed_response;
using rtype = codec::imap::response::type;

/// Untagged responses kept per command, and unsolicited ones, at most (a flood costs time, not memory).
constexpr std::size_t keep_octets = 1u << 20;
/// ... and for all the commands in flight together: each keeps its own copy of what arrived while it was
/// in flight, so 500 pipelined commands under a flood must not keep 500 copies of it.
constexpr std::size_t keep_octets_all = 4u << 20;

/// One command sent and not yet judged: what arrived while it was in flight, and its completion.
struct in_flight {
  std::vector<response> untagged;
  std::size_t kept = 0;
  std::optional<response> tagged;
  bool idle = false;  // an IDLE before its DONE: what arrives is unsolicited
};

class imap_client final : public dialect {
 public:
  protocol proto() const override { return protocol::imap; }

  // ---- reading ---------------------------------------------------------------------------------------

  /// What a wait is for: a continuation request, the tagged response of `tag`, an unsolicited response.
  struct goal {
    bool continuation = false;  // a continuation request meets it (a tagged response for `tag` ends it)
    std::string tag;
    matcher const* event = nullptr;
  };
  enum class progress { waiting, met, ended };

  /// Reads responses, filing each where it belongs, until `g` is met (`met` true, `out` holds what met
  /// it), or something ends the wait without meeting it (`met` false, `out` holds it: a continuation
  /// nobody asked for, a tagged response for a tag not in flight, or the tagged answer to a command that
  /// was waiting for a continuation, which stays filed). One deadline and one octet budget for the whole
  /// wait: a peer that streams untagged responses forever ends the read, it does not keep it alive.
  check wait(case_run& run, goal const& g, response& out, std::optional<millis> within, bool& met) {
    auto const deadline = run.read_deadline(within);
    std::size_t octets = 0;
    std::string raw;
    progress p = status(g, out);
    while (p == progress::waiting) {
      response r;
      typed_response t;
      auto o = read_checked(run, r, t, deadline);
      if (o.st != read_status::ok) return problem(std::move(o));
      if ((octets += r.raw.size()) > run.cfg.lim.max_response) {
        return problem({read_status::violation,
                        "responses to one command exceed " + std::to_string(run.cfg.lim.max_response) + " octets (--max-response)",
                        r.raw.substr(0, 300), std::nullopt});  // a harness bound, no RFC rule
      }
      if (raw.size() < (1u << 20)) raw += r.raw;
      note_capabilities(run, r);
      if (!file(r, g)) {
        out = std::move(r);
        p = progress::ended;
        break;
      }
      p = status(g, out);
    }
    met = p == progress::met;
    if (!raw.empty()) run.last_raw = std::move(raw);
    return check::pass();
  }

  /// Whether what is kept meets the goal (then it is taken into `out`) or ends the wait.
  progress status(goal const& g, response& out) {
    if (stray_) {
      out = std::move(*stray_);
      stray_.reset();
      return progress::ended;
    }
    if (g.event) return take_event(*g.event, out) ? progress::met : progress::waiting;
    if (g.continuation && continuation_) {
      out = std::move(*continuation_);
      continuation_.reset();
      return progress::met;
    }
    auto it = flight_.find(g.tag);
    if (it == flight_.end() || !it->second.tagged) return progress::waiting;
    if (g.continuation) {  // answered instead of continued: left filed for the next `expect`
      out = *it->second.tagged;
      return progress::ended;
    }
    out = std::move(*it->second.tagged);
    last_untagged_ = std::move(it->second.untagged);
    kept_all_ -= std::min(kept_all_, it->second.kept);
    flight_.erase(it);
    return progress::met;
  }

  /// Files one response; false when it ends the wait unfiled.
  bool file(response& r, goal const& g) {
    if (r.t == rtype::continuation) {
      if (!g.continuation && !g.event) return false;
      continuation_ = r;
      return true;
    }
    if (r.t == rtype::tagged) {
      auto it = flight_.find(r.tag);
      if (it == flight_.end() || it->second.tagged) return false;  // never sent, or answered twice
      it->second.tagged = std::move(r);
      return true;
    }
    bool outside = true;
    for (auto& [tag, f] : flight_) {
      if (f.tagged) continue;
      if (!f.idle) outside = false;
      if (f.kept < keep_octets && kept_all_ < keep_octets_all) {
        f.kept += r.raw.size();
        kept_all_ += r.raw.size();
        f.untagged.push_back(r);
      }
    }
    if (outside && events_kept_ < keep_octets) {
      events_kept_ += r.raw.size();
      events_.push_back(std::move(r));
    }
    return true;
  }

  static bool untagged_matches(matcher const& m, response const& u) {
    if (u.name != m.code) return false;
    if (m.number && u.number != m.number) return false;
    return !m.text || m.text->search(u.raw).has_value();
  }

  bool take_event(matcher const& m, response& out) {
    auto it = std::find_if(events_.begin(), events_.end(), [&](auto const& u) { return untagged_matches(m, u); });
    if (it == events_.end()) return false;
    out = std::move(*it);
    events_kept_ -= std::min(events_kept_, out.raw.size());
    events_.erase(it);
    return true;
  }

  /// RFC 9051 §7.2.2 and the CAPABILITY response code: the session's capabilities as announced now.
  static void note_capabilities(case_run& run, response const& r) {
    std::vector<codec::imap::value> const* list = nullptr;
    if (r.t == rtype::untagged && r.name == "CAPABILITY") list = &r.data;
    if (r.code == "CAPABILITY") list = &r.code_args;
    if (!list) return;
    run.session_caps.clear();
    for (auto const& v : *list) {
      std::string name = v.text;
      for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      run.session_caps.insert(name);
      run.vars["ext." + name] = "";
    }
  }

  /// Reads one response and checks it against the strict grammar (RFC 9051 §9, RFC 3501 §9 and the
  /// extensions' syntax): a syntax error is a violation that names the ABNF rule, the RFC section of
  /// that syntax and quotes the octets (redacted) around the offending one.
  read_outcome read_checked(case_run& run, response& r, typed_response& t, session::clock::time_point deadline) {
    auto o = run.current().read_imap(r, deadline);
    if (o.st != read_status::ok) return o;
    auto g = codec::imap::parse_typed(r);
    if (g) {
      t = std::move(*g.value);
      return on_response(run, r, t) ? o : state_violation(run, r);
    }
    codec::imap::grammar_error e = std::move(*g.error);
    std::string const shown = run.tr.redact(r.raw);
    if (shown != r.raw) {  // quote octets of the redacted response only
      auto again = codec::imap::parse_typed(shown);
      if (again) {
        e.near = run.quoted(shown, 300);
      } else {
        e = std::move(*again.error);
      }
    }
    return {read_status::violation, "response breaks the IMAP grammar: " + e.message(), r.raw,
            rfc_ref{e.rfc, e.section, level::must}};
  }

  /// Every response a case reads on this connection, in order, once it passed the grammar, goes to the
  /// model of the selected mailbox (imaptest-style state tracking). A broken SHOULD or informational
  /// rule is noted and the case goes on; false: a MUST was broken (state_violation() says which).
  bool on_response(case_run& run, response const& r, typed_response const& t) {
    feed(run).on_response(t);
    for (auto& v : feed(run).take_violations()) {
      if (v.level == codec::imap::rule_level::must) {
        if (!must_broken_) must_broken_ = std::move(v);
        continue;
      }
      verdict const how = v.level == codec::imap::rule_level::should ? verdict::warn : verdict::info;
      run.note_finding(how, "mailbox state: " + v.detail + " (" + v.rule + ")", "a response that keeps " + v.rule,
                       r.raw, rfc_ref{std::stoi(v.rfc), v.section, v.level == codec::imap::rule_level::should ? level::should : level::may});
    }
    return !must_broken_;
  }

  read_outcome state_violation(case_run&, response const& r) {
    auto v = std::move(*must_broken_);
    must_broken_.reset();
    return {read_status::violation, "mailbox state: " + v.detail + " (" + v.rule + ")", r.raw,
            rfc_ref{std::stoi(v.rfc), v.section, level::must}};
  }

  imap_state_feed& feed(case_run& run) {
    if (!feed_) feed_.emplace(&run.imap_registry);
    return *feed_;
  }

  void on_sent(case_run& run, std::string_view bytes) override { feed(run).on_sent(bytes); }

  // ---- matchers --------------------------------------------------------------------------------------

  std::string tag_of(case_run& run, matcher const& m) const {
    if (!m.tag.empty()) return run.eval_text(m.tag);
    return run.vars.count("tag") ? run.vars["tag"] : std::string();
  }

  check evaluate(case_run& run, matcher const& m) override {
    switch (m.kind) {
      case matcher_kind::untagged: return check_untagged(run, m);
      case matcher_kind::greeting: return greeting(run, m);
      case matcher_kind::unsolicited: return unsolicited(run, m);
      case matcher_kind::continuation:
      case matcher_kind::tagged: break;
      default: throw run.fault("matcher not valid for IMAP");
    }
    bool const cont = m.kind == matcher_kind::continuation;
    std::string const tag = tag_of(run, m);
    std::string expected = cont ? std::string("a continuation request (+)") : "tagged " + describe_codes(m.alternatives) + " for " + tag;
    if (!m.code.empty()) expected += " with [" + m.code + "]";
    if (m.text) expected += " with text matching " + m.text->str();
    response r;
    bool met = false;
    check c = wait(run, goal{cont, tag, nullptr}, r, m.within, met);
    if (!c.ok) return c.expected = expected, c;
    if (met && !cont) run.last_raw = joined(r);
    bool ok = met && (cont ? r.t == rtype::continuation
                           : std::find(m.alternatives.begin(), m.alternatives.end(), r.name) != m.alternatives.end());
    if (ok && !m.code.empty()) ok = r.code == m.code;
    if (ok && m.text) ok = m.text->search(r.text).has_value();
    return ok ? check::pass() : run.mismatch(expected, r.raw);
  }

  /// The untagged responses of the command just judged and its tagged response: the capture target.
  std::string joined(response const& tagged) const {
    std::string all;
    for (auto const& u : last_untagged_) {
      if (all.size() + u.raw.size() > (1u << 20)) break;
      all += u.raw;
    }
    return all + tagged.raw;
  }

  check check_untagged(case_run& run, matcher const& m) {
    std::string const expected = "untagged " + m.code + (m.number ? " " + std::to_string(*m.number) : "") +
                                 (m.text ? " matching " + m.text->str() : "");
    for (auto const& u : last_untagged_) {
      if (untagged_matches(m, u)) return check::pass();
    }
    std::string seen;
    for (auto const& u : last_untagged_) seen += u.raw;
    return run.mismatch(expected, seen.empty() ? "(no untagged responses)" : seen);
  }

  check greeting(case_run& run, matcher const& m) {
    response r;
    typed_response t;
    auto o = read_checked(run, r, t, run.read_deadline(m.within));
    std::string const expected = "an untagged OK or PREAUTH greeting";
    if (o.st != read_status::ok) {
      check c = problem(std::move(o));
      c.expected = expected;
      return c;
    }
    run.last_raw = r.raw;
    note_capabilities(run, r);
    last_untagged_ = {r};
    bool const ok = r.t == rtype::untagged && (r.name == "OK" || r.name == "PREAUTH");
    return ok ? check::pass() : run.mismatch(expected, r.raw);
  }

  check unsolicited(case_run& run, matcher const& m) {
    std::string const expected = "an unsolicited untagged " + m.code + (m.number ? " " + std::to_string(*m.number) : "") +
                                 (m.text ? " matching " + m.text->str() : "");
    response r;
    bool met = false;
    check c = wait(run, goal{false, {}, &m}, r, m.within, met);
    if (!c.ok) return c.expected = expected, c;
    if (met) {
      run.last_raw = r.raw;
      return check::pass();
    }
    return run.mismatch(expected, r.raw);
  }

  check read_any(case_run& run) override {
    std::string const tag = run.vars.count("tag") ? run.vars["tag"] : std::string();
    response r;
    bool met = false;
    check c = wait(run, goal{true, tag, nullptr}, r, std::nullopt, met);
    if (c.ok && !met && r.t == rtype::tagged && flight_.count(r.tag)) {  // the command's own answer
      status(goal{false, r.tag, nullptr}, r);
      met = true;
    }
    if (c.ok && met && r.t == rtype::tagged) run.last_raw = joined(r);
    return c;
  }

  // ---- commands --------------------------------------------------------------------------------------

  std::string start(case_run& run, std::string const& wanted, char prefix) {
    std::string const tag = wanted.empty() ? prefix + std::to_string(run.current().next_tag()) : wanted;
    run.vars["tag"] = tag;
    flight_[tag] = in_flight{};
    continuation_.reset();
    return tag;
  }

  std::string literal_octets(case_run& run, step const& s) const {
    if (s.literal) return run.eval(*s.literal, s.line);
    std::string const path = run.eval_text(s.path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw run.fault("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  bool command(case_run& run, step const& s) override {
    std::string const text = run.eval(s.strings.front(), s.line);
    std::string const tag = start(run, s.tag.empty() ? std::string() : run.eval_text(s.tag), 'A');
    if (!s.literal && s.path.empty()) {
      run.send_bytes(tag + " " + text + "\r\n");
      return true;
    }
    std::string const octets = literal_octets(run, s);
    std::string const head = tag + " " + text + " {" + std::to_string(octets.size()) + (s.literal_nosync ? "+" : "") + "}\r\n";
    if (s.literal_nosync) {
      run.send_bytes(head + octets + "\r\n");
      return true;
    }
    // Synchronizing literal (RFC 9051 §4.3): wait for the continuation request before the octets. A
    // tagged answer instead (NO/BAD) stays filed for the next expect to judge.
    run.send_bytes(head);
    response r;
    bool met = false;
    check c = wait(run, goal{true, tag, nullptr}, r, std::nullopt, met);
    if (!c.ok) return run.conclude_problem(c.problem, s, "a continuation request for the literal");
    if (!met) {
      // The command was answered (it stays filed), or a stray tagged response came: the next `expect` judges.
      if (r.t == rtype::tagged && !flight_.count(r.tag)) stray_ = std::move(r);
      return true;
    }
    run.send_bytes(octets + "\r\n");
    return true;
  }

  /// One command with a fresh tag, read up to its tagged response (for steps that drive an exchange).
  imap_reply exchange(case_run& run, std::string const& text) {
    imap_reply out;
    std::string const tag = start(run, {}, 'A');
    run.send_bytes(tag + " " + text + "\r\n");
    out.c = wait(run, goal{false, tag, nullptr}, out.tagged, std::nullopt, out.answered);
    if (out.c.ok && out.answered) {
      out.untagged = last_untagged_;
      run.last_raw = joined(out.tagged);
    } else if (auto it = flight_.find(tag); it != flight_.end()) {
      out.untagged = it->second.untagged;  // what came before the failure (a BYE saying why)
    }
    return out;
  }

  /// `idle` sends IDLE as a command whose untagged responses are unsolicited; `done` ends it (RFC 2177,
  /// RFC 9051 §6.3.13): from then on what arrives is the command's own, up to its tagged reply.
  bool protocol_step(case_run& run, step const& s) override {
    if (s.kind == step_kind::compare_mime) {
      return run_compare_mime(run, s, [this, &run](std::string const& command) { return exchange(run, command); });
    }
    if (s.kind == step_kind::done) {
      for (auto& [tag, f] : flight_) f.idle = false;
      run.send_bytes("DONE\r\n");
      return true;
    }
    if (s.kind != step_kind::idle) throw run.fault("step not valid for IMAP");
    std::string const tag = start(run, s.tag.empty() ? std::string() : run.eval_text(s.tag), 'A');
    flight_[tag].idle = true;
    run.send_bytes(tag + " IDLE\r\n");
    return true;
  }

  check login(case_run& run, std::string const& user, std::string const& password, std::string& expected) override {
    using codec::imap::quote_string;
    std::string const tag = start(run, {}, 'L');
    run.send_bytes(tag + " LOGIN " + quote_string(user) + " " + quote_string(password) + "\r\n",
                   tag + " LOGIN " + quote_string(user) + " <redacted>\r\n");
    expected = "tagged OK to LOGIN";
    response r;
    bool met = false;
    check c = wait(run, goal{false, tag, nullptr}, r, std::nullopt, met);
    if (c.ok && !(met && r.name == "OK")) c = run.mismatch(expected, r.raw);
    return c;
  }

  void sasl_start(case_run& run, std::string const& mech, std::optional<std::string> const& ir_b64) override {
    std::string const command = start(run, {}, 'A') + " AUTHENTICATE " + mech;
    if (ir_b64) {
      run.send_bytes(command + " " + *ir_b64 + "\r\n", command + " <redacted>\r\n");
    } else {
      run.send_bytes(command + "\r\n");
    }
  }

  check sasl_next(case_run& run, bool& challenge, std::string& decoded) override {
    response r;
    bool met = false;
    check c = wait(run, goal{true, run.vars["tag"], nullptr}, r, std::nullopt, met);
    if (!c.ok || !met) {
      if (c.ok && r.t == rtype::tagged && !flight_.count(r.tag)) stray_ = std::move(r);
      return c;
    }
    challenge = true;
    auto d = codec::sasl::base64_decode(r.text);
    decoded = d.value_or("");
    return d ? c : run.mismatch("a continuation in base64 (RFC 9051 §7.5)", r.raw);
  }

  bool is_login_line(std::string_view line, bool in_sasl) const override {
    std::string const verb = upper_word(line, 1);
    return verb == "LOGIN" || verb == "AUTHENTICATE" || (in_sasl && is_sasl_response(line));
  }

  std::string fix_hint(std::string const& sent, run_config const&) const override {
    return upper_word(sent, 1) == "LOGIN" ? "check --user and --password-env" : std::string();
  }

  rfc_ref rule_for(std::error_code ec) const override {
    if (ec == codec::imap::error::literal_too_large) return {9051, "4.3", level::must};
    return {9051, "9", level::must};
  }

  // ---- probe -----------------------------------------------------------------------------------------

  /// Reads up to the tagged response, collecting capability atoms from CAPABILITY data and codes.
  probe_answer probe_until_tagged(probe_link const& l, std::string const& what, session::clock::time_point deadline) {
    probe_answer a;
    std::size_t octets = 0;
    for (;;) {
      response r;
      if (auto o = l.p.read_imap(r, deadline); o.st != read_status::ok) {
        a.error = what + ": " + probe_link::describe(o);
        return a;
      }
      if ((octets += r.raw.size()) > l.cfg.lim.max_response) {
        a.error = what + ": more than " + std::to_string(l.cfg.lim.max_response) +
                  " octets of responses before the tagged one (--max-response): " + codec::quote_bytes_cut(r.raw, 200);
        return a;
      }
      if (r.name == "CAPABILITY") {
        for (auto const& v : r.data) a.text += v.text + "\n";
      }
      if (r.t != rtype::tagged) continue;
      if (r.code == "CAPABILITY") {
        for (auto const& v : r.code_args) a.text += v.text + "\n";
      }
      a.raw = r.raw;
      a.refused = r.name != "OK";
      return a;
    }
  }

  probe_answer probe_greeting(probe_link const& l) override {
    response r;
    probe_answer a;
    if (auto o = l.p.read_imap(r, l.deadline()); o.st != read_status::ok) {
      a.error = "no IMAP greeting: " + probe_link::describe(o);
      return a;
    }
    a.raw = r.raw;
    a.refused = r.name == "BYE";
    return a;
  }

  probe_answer probe_capabilities(probe_link const& l) override {
    l.send("P" + std::to_string(++*l.tags) + " CAPABILITY");
    probe_answer a = probe_until_tagged(l, "CAPABILITY failed", l.deadline());
    a.refused = false;
    return a;
  }

  probe_answer probe_starttls(probe_link const& l) override {
    l.send("P" + std::to_string(++*l.tags) + " STARTTLS");
    probe_answer a = probe_until_tagged(l, "STARTTLS failed", l.deadline());
    a.text.clear();
    return a;
  }

  /// LOGIN with the run's credentials, then the capabilities of the authenticated state (RFC 9051
  /// §6.2.3 lets a server advertise more after login): `requires ext` sees that set too.
  void probe_after(probe_link const& l) override {
    auto& cfg = l.cfg;
    if (!cfg.user || !cfg.password) return;
    auto note = [&](std::string const& e) { cfg.caps.notes.push_back("capabilities after LOGIN: " + e); };
    auto const& now = cfg.caps.starttls || cfg.tgt.implicit_tls ? cfg.caps.secure : cfg.caps.plain;
    if (now.count("LOGINDISABLED")) return note("LOGINDISABLED is advertised; not logged in");
    using codec::imap::quote_string;
    std::string const tag = "P" + std::to_string(++*l.tags);
    l.send(tag + " LOGIN " + quote_string(*cfg.user) + " " + quote_string(*cfg.password),
           tag + " LOGIN " + quote_string(*cfg.user) + " <redacted>\r\n");
    probe_answer a = probe_until_tagged(l, "LOGIN failed", l.login_deadline());
    if (!a.error.empty()) return note(a.error);
    if (a.refused) return note("LOGIN refused: " + codec::quote_bytes_cut(a.raw, 200));
    if (a.text.empty()) {  // no [CAPABILITY] code: ask
      a = probe_capabilities(l);
      if (!a.error.empty()) return note(a.error);
    }
    cfg.caps.authed = parse_capabilities(protocol::imap, a.text);
  }

  void probe_quit(probe_link const& l) override { l.send("P" + std::to_string(++*l.tags) + " LOGOUT"); }

 private:
  std::map<std::string, in_flight> flight_;  // by tag
  std::vector<response> last_untagged_;      // of the last command judged by `tagged` (or the greeting)
  std::deque<response> events_;              // unsolicited, not yet taken by an `unsolicited` matcher
  std::size_t events_kept_ = 0;
  std::optional<response> continuation_;     // a continuation request not yet consumed
  std::optional<response> stray_;            // a tagged response for no command in flight, not yet judged
  std::optional<imap_state_feed> feed_;      // the mailbox-state model of this connection
  std::size_t kept_all_ = 0;                 // octets kept by all the commands in flight
  std::optional<codec::imap::state_violation> must_broken_;  // a MUST of the model, to end the read
};

}  // namespace

std::unique_ptr<dialect> make_imap_client() { return std::make_unique<imap_client>(); }

}  // namespace mailspec::script::detail
