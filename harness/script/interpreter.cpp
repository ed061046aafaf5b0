#include "script/interpreter.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
#include "script/interpreter_detail.hpp"
#include "script/target_url.hpp"
#include "session/crypto.hpp"

namespace mailspec::script {

using codec::quote_bytes_cut;
using detail::case_run;
using detail::check;

namespace {

constexpr std::size_t quote_max = 2000;
constexpr std::size_t max_expr_octets = 64u << 20;

bool is_known(std::map<std::string, std::string> const& caps, std::string const& name) {
  return caps.count(name) > 0;
}

bool code_matches(int code, std::string const& alt) {
  std::string const c = std::to_string(code);
  if (c.size() != 3) return false;
  for (int i = 0; i < 3; ++i) {
    if (alt[i] != 'x' && alt[i] != c[i]) return false;
  }
  return true;
}

check mismatch(std::string expected, std::string actual_bytes) {
  check c;
  c.ok = false;
  c.expected = std::move(expected);
  c.actual = actual_bytes.empty() ? std::string("(nothing)") : quote_bytes_cut(actual_bytes, quote_max);
  return c;
}

check problem(read_outcome o) {
  check c;
  c.ok = false;
  c.problem = std::move(o);
  return c;
}

verdict verdict_of(level l) {
  switch (l) {
    case level::must: return verdict::fail;
    case level::should: return verdict::warn;
    case level::may: return verdict::info;
  }
  return verdict::fail;
}

}  // namespace

std::string detail::describe_codes(std::vector<std::string> const& alternatives) {
  std::string out;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    if (i) out += i + 1 == alternatives.size() ? " or " : ", ";
    out += alternatives[i];
  }
  return out;
}

std::string unmet_requirement(case_def const& c, run_config const& cfg) {
  auto const& caps = cfg.caps;
  for (auto const& r : c.requires_) {
    switch (r.k) {
      case requirement::kind::ext:
        if (cfg.tgt.implicit_tls ? !is_known(caps.secure, r.name) : !is_known(caps.plain, r.name)) {
          return "extension " + r.name + " is not advertised";
        }
        break;
      case requirement::kind::tls_ext:
        if (!is_known(caps.secure, r.name)) return "extension " + r.name + " is not advertised after TLS";
        break;
      case requirement::kind::sasl: {
        auto const& first = cfg.tgt.implicit_tls ? caps.sasl_tls : caps.sasl_first;
        if (std::find(first.begin(), first.end(), r.name) == first.end()) {
          return "SASL mechanism " + r.name + " is not advertised" + (cfg.tgt.implicit_tls ? "" : " before TLS");
        }
        break;
      }
      case requirement::kind::tls_sasl:
        if (std::find(caps.sasl_tls.begin(), caps.sasl_tls.end(), r.name) == caps.sasl_tls.end()) {
          return "SASL mechanism " + r.name + " is not advertised after TLS";
        }
        break;
      case requirement::kind::login:
        if (!cfg.user || !cfg.password) return "no credentials given (--user, --password-env)";
        break;
      case requirement::kind::tls:
        if (!cfg.tgt.implicit_tls && !caps.starttls) return "neither STARTTLS nor implicit TLS is available";
        break;
      case requirement::kind::starttls:
        if (cfg.tgt.implicit_tls) return "the target URL is implicit TLS";
        if (!caps.starttls) return "STARTTLS is not advertised";
        break;
      case requirement::kind::plain:
        if (cfg.tgt.implicit_tls) return "the case tests cleartext behaviour; the target URL is implicit TLS";
        break;
      case requirement::kind::implicit_tls:
        if (!cfg.tgt.implicit_tls) return "the case tests implicit TLS; the target URL is cleartext";
        break;
      case requirement::kind::var:
        if (!cfg.vars.count(r.name)) return "variable " + r.name + " is not set (--var " + r.name + "=...)";
        break;
    }
  }
  return {};
}

case_run::case_run(case_def const& c, run_config const& config)
    : tr(config.lim.transcript), cfg(config), def_(c) {
  vars["helo"] = "mailspec.test";
  vars["sender"] = "mailspec@example.org";
  vars["domain"] = "example.test";
  for (auto const& [k, v] : cfg.vars) {
    vars[k] = v;
    // Any variable named like a password is a credential: never in reports.
    if (k.find("password") != std::string::npos) tr.add_secret(v);
  }
  if (!vars.count("rcpt")) vars["rcpt"] = "postmaster@" + vars["domain"];
  if (!vars.count("rcpt2")) vars["rcpt2"] = vars["rcpt"];
  vars["uniq"] = "ms" + session::crypto::random_token(6);
  auto const& caps = cfg.tgt.implicit_tls ? cfg.caps.secure : cfg.caps.plain;
  for (auto const& [k, v] : caps) vars["ext." + k] = v;
  if (cfg.user) vars["user"] = *cfg.user;
  if (cfg.password) {
    vars["password"] = *cfg.password;
    tr.add_secret(*cfg.password);
    tr.add_secret(codec::sasl::base64_encode(*cfg.password));
    if (cfg.user) {
      tr.add_secret(codec::sasl::base64_encode(std::string(1, '\0') + *cfg.user + std::string(1, '\0') + *cfg.password));
    }
  }
  result_.id = c.id;
  result_.title = c.title;
  result_.suite = c.suite;
  result_.refs = c.refs;
  result_.tags = c.tags;
  result_.where = c.where;
  deadline_ = session::clock::now() + c.timeout.value_or(cfg.case_timeout);
}

std::string case_run::subst(std::string const& text, int line) const {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    if (text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (text[i + 1] != '{') {
      out += '$';
      continue;
    }
    std::size_t const close = text.find('}', i + 2);
    if (close == std::string::npos) throw detail::script_fault(where(line) + ": unterminated ${ in string");
    std::string const name = text.substr(i + 2, close - i - 2);
    auto it = vars.find(name);
    if (it == vars.end()) throw detail::script_fault(where(line) + ": undefined variable ${" + name + "}");
    out += it->second;
    i = close;
  }
  return out;
}

std::string case_run::eval(str_expr const& e, int line) const {
  std::string out;
  for (auto const& p : e.pieces) {
    std::string const piece = subst(p.text, line);
    std::size_t repeat = p.repeat;
    if (!p.repeat_var.empty()) {
      std::string const v = subst("${" + p.repeat_var + "}", line);
      char* end = nullptr;
      unsigned long long const n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n > (16u << 20)) {
        throw detail::script_fault(where(line) + ": repeat count ${" + p.repeat_var + "} = '" + v +
                                   "' is not a number up to 16 MiB");
      }
      repeat = static_cast<std::size_t>(n);
    }
    if (out.size() + piece.size() * repeat > max_expr_octets) {
      throw detail::script_fault(where(line) + ": string expression longer than 64 MiB");
    }
    for (std::size_t i = 0; i < repeat; ++i) out += piece;
  }
  return out;
}

peer& case_run::current() {
  if (!current_) throw detail::script_fault(where(line_) + ": no connection (use 'connect' first)");
  return *current_;
}

session::clock::time_point case_run::read_deadline(std::optional<millis> within) const {
  return std::min(deadline_, session::clock::now() + within.value_or(cfg.read_timeout));
}

void case_run::send_bytes(std::string const& bytes, std::string const& shown) {
  auto r = current().conn().write(bytes, read_deadline(), shown);
  // A refused write is not a verdict by itself: the next read reports the close or the silence.
  if (!r) tr.add(session::direction::note, current().conn().name(), "write: " + r.message);
}

bool case_run::conclude(verdict v, std::string reason, finding f) {
  reason = tr.redact(reason);
  f.actual = tr.redact(f.actual);
  bool const stop = v == verdict::fail || v == verdict::skip || v == verdict::error;
  if (v == verdict::warn || v == verdict::info) {
    result_.observations.push_back(f);
  }
  if (!decided_ || severity(v) > severity(result_.v)) {
    result_.v = v;
    result_.reason = std::move(reason);
    result_.evidence = std::move(f);
    decided_ = true;
  }
  return !stop;
}

bool case_run::conclude_problem(read_outcome const& p, step const& s, std::string const& expected) {
  finding f{where(s.line), expected, quote_bytes_cut(p.partial, quote_max), p.rule};
  switch (p.st) {
    case read_status::violation:
      return conclude(verdict::fail, "protocol violation: " + p.message, std::move(f));
    case read_status::timeout:
      return conclude(verdict::error, "timeout at " + where(s.line) + " waiting for " + expected + ": " + p.message,
                      std::move(f));
    case read_status::error:
      return conclude(verdict::error, "I/O error at " + where(s.line) + ": " + p.message, std::move(f));
    case read_status::closed:
    case read_status::ok:
      break;
  }
  // The peer closed: an ordinary mismatch of the step's kind.
  f.actual = "(connection closed by the server)" + (p.partial.empty() ? "" : " after " + f.actual);
  if (s.kind == step_kind::need || s.kind == step_kind::read) {
    return conclude(verdict::skip, "precondition not met at " + where(s.line) + ": expected " + expected + ", got " + f.actual,
                    std::move(f));
  }
  level const l = s.lvl.value_or(def_.primary_level());
  return conclude(verdict_of(l), "expected " + expected + ", got " + f.actual, std::move(f));
}

// ---- reading units ---------------------------------------------------------------------------------

check case_run::read_smtp(codec::smtp::reply& out, std::optional<millis> within) {
  auto o = current().read_smtp(out, read_deadline(within));
  if (o.st != read_status::ok) return problem(std::move(o));
  last_raw = out.raw;
  vars["last.code"] = std::to_string(out.code);
  return check::pass();
}

check case_run::read_pop3(codec::pop3::response& out, bool multiline, std::optional<millis> within) {
  auto o = current().read_pop3(out, multiline, read_deadline(within));
  if (o.st != read_status::ok) return problem(std::move(o));
  last_raw = out.raw;
  // "+OK 2 320" (STAT) and "+OK 1 120" (LIST n): numbers for ${last.count} / ${last.size}
  std::istringstream ss(out.st.text);
  std::string a, b;
  ss >> a >> b;
  if (!a.empty() && std::all_of(a.begin(), a.end(), ::isdigit)) vars["last.count"] = a;
  if (!b.empty() && std::all_of(b.begin(), b.end(), ::isdigit)) vars["last.size"] = b;
  if (out.multiline) vars["last.size"] = std::to_string(out.body_size);
  last_pop3_ = out;
  return check::pass();
}

check case_run::read_imap_until(codec::imap::response& out, bool want_continuation, std::string const& tag,
                                std::optional<millis> within) {
  untagged_.clear();
  std::string raw;
  // One deadline and one octet budget for everything up to the tagged response: a peer that streams
  // untagged responses forever ends the read, it does not keep it alive.
  auto const deadline = read_deadline(within);
  std::size_t octets = 0;
  for (;;) {
    auto o = current().read_imap(out, deadline);
    if (o.st != read_status::ok) return problem(std::move(o));
    octets += out.raw.size();
    if (octets > cfg.lim.max_response) {
      return problem({read_status::violation,
                      "responses to one command exceed " + std::to_string(cfg.lim.max_response) + " octets (--max-response)",
                      out.raw.substr(0, 300), std::nullopt});  // a harness bound, no RFC rule
    }
    if (raw.size() < (1u << 20)) raw += out.raw;
    last_raw = raw;
    using t = codec::imap::response::type;
    // A continuation or any tagged response ends the read; the matcher judges whether it was the one wanted.
    if (out.t == t::continuation || out.t == t::tagged) return check::pass();
    if (untagged_.size() < 100000) untagged_.push_back(out);
    if (tag.empty() && !want_continuation) return check::pass();  // greeting
  }
}

// ---- matchers --------------------------------------------------------------------------------------

check case_run::eval_smtp(matcher const& m) {
  codec::smtp::reply r;
  std::string expected = m.kind == matcher_kind::greeting ? std::string("reply 220") : "reply " + detail::describe_codes(m.alternatives);
  if (m.text) expected += " with text matching " + m.text->str();
  if (m.enhanced) expected += " carrying an RFC 3463 enhanced status code of the same class";
  check c = read_smtp(r, m.within);
  if (!c.ok) {
    c.expected = expected;
    return c;
  }
  bool ok = m.kind == matcher_kind::greeting
                ? r.code == 220
                : std::any_of(m.alternatives.begin(), m.alternatives.end(), [&](auto const& a) { return code_matches(r.code, a); });
  if (ok && m.text) ok = m.text->search(r.text()).has_value();
  if (ok && m.enhanced) ok = r.enhanced && r.enhanced->klass == r.code / 100;
  return ok ? check::pass() : mismatch(expected, r.raw);
}

check case_run::eval_pop3(matcher const& m) {
  if (m.kind == matcher_kind::body) {
    if (!last_pop3_.multiline) return mismatch("a multi-line body matching " + m.text->str(), last_pop3_.raw);
    return m.text->search(last_pop3_.body) ? check::pass()
                                           : mismatch("a body matching " + m.text->str(), last_pop3_.body);
  }
  if (m.kind == matcher_kind::size_equals) {
    std::string const want = vars.count(m.var) ? vars[m.var] : "";
    std::string const got = std::to_string(last_pop3_.body_size);
    if (want == got) return check::pass();
    return mismatch("a body of ${" + m.var + "} = " + want + " octets",
                    got + " octets: " + last_pop3_.raw.substr(0, 200));
  }
  bool const multiline = m.multiline;
  std::string expected = m.kind == matcher_kind::ok || m.kind == matcher_kind::greeting ? "+OK"
                         : m.kind == matcher_kind::err                               ? "-ERR"
                                                                                     : "+OK or -ERR";
  if (m.kind == matcher_kind::err && !m.code.empty()) expected += " [" + m.code + "]";
  if (multiline) expected += " with a multi-line body";
  if (m.text) expected += " with text matching " + m.text->str();
  codec::pop3::response r;
  check c = read_pop3(r, multiline, m.within);
  if (!c.ok) {
    c.expected = expected;
    // "+ " is a SASL continuation (RFC 5034 §4), part of POP3's grammar there: a mismatch, not a violation.
    auto const& part = c.problem.partial;
    if (c.problem.st == read_status::violation && (part.rfind("+ ", 0) == 0 || part.rfind("+\r\n", 0) == 0)) {
      return mismatch(expected, part.substr(0, part.find('\n') + 1));
    }
    return c;
  }
  bool ok = true;
  if (m.kind == matcher_kind::ok || m.kind == matcher_kind::greeting) ok = r.st.ok;
  if (m.kind == matcher_kind::err) ok = !r.st.ok && (m.code.empty() || r.st.code == m.code);
  if (ok && m.text) ok = m.text->search(r.st.text).has_value();
  return ok ? check::pass() : mismatch(expected, r.raw);
}

check case_run::eval_imap(matcher const& m) {
  using t = codec::imap::response::type;
  if (m.kind == matcher_kind::untagged) {
    std::string expected = "untagged " + m.code + (m.number ? " " + std::to_string(*m.number) : "") +
                           (m.text ? " matching " + m.text->str() : "");
    for (auto const& u : untagged_) {
      if (u.name != m.code) continue;
      if (m.number && u.number != m.number) continue;
      if (m.text && !m.text->search(u.raw)) continue;
      return check::pass();
    }
    std::string seen;
    for (auto const& u : untagged_) seen += u.raw;
    return mismatch(expected, seen.empty() ? "(no untagged responses)" : seen);
  }
  codec::imap::response r;
  if (m.kind == matcher_kind::greeting) {
    check c = read_imap_until(r, false, "", m.within);
    if (!c.ok) return c.expected = "an untagged OK or PREAUTH greeting", c;
    bool const ok = r.t == t::untagged && (r.name == "OK" || r.name == "PREAUTH");
    return ok ? check::pass() : mismatch("an untagged OK or PREAUTH greeting", r.raw);
  }
  bool const cont = m.kind == matcher_kind::continuation;
  std::string const tag = vars.count("tag") ? vars["tag"] : "";
  std::string expected = cont ? std::string("a continuation request (+)")
                              : "tagged " + detail::describe_codes(m.alternatives) + " for " + tag;
  if (!m.code.empty()) expected += " with [" + m.code + "]";
  if (m.text) expected += " with text matching " + m.text->str();
  check c = read_imap_until(r, cont, tag, m.within);
  if (!c.ok) return c.expected = expected, c;
  bool ok = cont ? r.t == t::continuation
                 : r.t == t::tagged && r.tag == tag &&
                       std::find(m.alternatives.begin(), m.alternatives.end(), r.name) != m.alternatives.end();
  if (ok && !m.code.empty()) ok = r.code == m.code;
  if (ok && m.text) ok = m.text->search(r.text).has_value();
  return ok ? check::pass() : mismatch(expected, r.raw);
}

check case_run::eval_generic(matcher const& m) {
  std::string got;
  switch (m.kind) {
    case matcher_kind::line: {
      auto o = current().read_line(got, read_deadline(m.within));
      if (o.st != read_status::ok) return problem(std::move(o));
      last_raw = got;
      return m.text->search(got) ? check::pass() : mismatch("a line matching " + m.text->str(), got);
    }
    case matcher_kind::closed: {
      auto o = current().read_until_close(got, read_deadline(m.within));
      last_raw = got;
      if (o.st == read_status::ok) return check::pass();
      std::string const why = o.st == read_status::timeout ? "the connection still open after the timeout" : o.message;
      return mismatch("the server to close the connection", got.empty() ? "(" + why + ")" : got + " (" + why + ")");
    }
    case matcher_kind::silence: {
      auto const until = std::min(deadline_, session::clock::now() + m.duration);
      auto o = current().expect_silence(got, until);
      if (o.st == read_status::timeout) return check::pass();
      if (o.st == read_status::closed && m.or_closed) return check::pass();
      std::string const what = "no data for " + std::to_string(m.duration.count()) + " ms" +
                               (m.or_closed ? " (or a close)" : "");
      if (o.st == read_status::closed) return mismatch(what, "(connection closed by the server)");
      if (o.st == read_status::ok) return mismatch(what, got);
      return problem(std::move(o));
    }
    default: break;
  }
  throw detail::script_fault(where(line_) + ": matcher not valid for this protocol");
}

std::optional<pattern> case_run::resolve(std::optional<pattern> const& p) const {
  if (!p || p->source().find("${") == std::string::npos) return p;
  std::string src;
  std::string const& in = p->source();
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::size_t const close = in.compare(i, 2, "${") == 0 ? in.find('}', i + 2) : std::string::npos;
    if (close == std::string::npos) {
      src += in[i];
      continue;
    }
    std::string const name = in.substr(i + 2, close - i - 2);
    auto it = vars.find(name);
    if (it == vars.end()) throw detail::script_fault(where(line_) + ": undefined variable ${" + name + "} in regex");
    for (char ch : it->second) {
      if (std::string_view("\\^$.|?*+()[]{}/").find(ch) != std::string_view::npos) src += '\\';
      src += ch;
    }
    i = close;
  }
  return pattern(src, p->icase());
}

matcher case_run::resolve(matcher const& m) const {
  matcher out = m;
  out.text = resolve(m.text);
  return out;
}

check case_run::evaluate(matcher const& raw) {
  matcher const m = resolve(raw);
  if (m.kind == matcher_kind::equals || m.kind == matcher_kind::differs) {
    std::string const a = eval(m.operands.at(0), line_);
    std::string const b = eval(m.operands.at(1), line_);
    bool const same = a == b;
    if (same == (m.kind == matcher_kind::equals)) return check::pass();
    return mismatch(m.kind == matcher_kind::equals ? "\"" + codec::quote_bytes_cut(b, 200) + "\""
                                                   : "anything but \"" + codec::quote_bytes_cut(b, 200) + "\"",
                    a);
  }
  if (m.kind == matcher_kind::greeting) {
    check c = current().proto() == protocol::smtp ? eval_smtp(m)
              : current().proto() == protocol::pop3 ? eval_pop3(m)
                                                    : eval_imap(m);
    vars["greeting"] = last_raw;
    return c;
  }
  switch (m.kind) {
    case matcher_kind::line:
    case matcher_kind::closed:
    case matcher_kind::silence: return eval_generic(m);
    default: break;
  }
  switch (current().proto()) {
    case protocol::smtp: return eval_smtp(m);
    case protocol::pop3: return eval_pop3(m);
    case protocol::imap: return eval_imap(m);
  }
  return check::pass();
}

// ---- steps -----------------------------------------------------------------------------------------

bool case_run::exec_connect(step const& s) {
  if (peers_.count(s.name)) throw detail::script_fault(where(s.line) + ": connection " + s.name + " is already open");
  target tgt = cfg.tgt;
  if (s.url) {  // another target of the same run, e.g. the IMAP server a message is read back from
    try {
      tgt = parse_target(eval(*s.url, s.line));
    } catch (std::invalid_argument const& e) {
      throw detail::script_fault(where(s.line) + ": " + e.what());
    }
    if (tgt.proto != *s.proto) {
      throw detail::script_fault(where(s.line) + ": " + tgt.url + " is not a " + std::string(to_string(*s.proto)) + " URL");
    }
  }
  session::io_result r;
  auto const deadline = std::min(deadline_, session::clock::now() + cfg.connect_timeout);
  auto c = session::connection::open(io_, tgt.host, tgt.port, deadline, &tr, s.name, r);
  if (!c) return conclude(verdict::error, r.message, {where(s.line), "a connection", "", std::nullopt});
  if (tgt.implicit_tls) {
    auto t = c->start_tls(cfg.tls, read_deadline());
    if (!t) return conclude(verdict::error, t.message, {where(s.line), "a TLS handshake", "", std::nullopt});
  }
  auto& slot = peers_[s.name];
  slot = std::make_unique<peer>(std::move(c), tgt.proto, cfg.lim);
  current_ = slot.get();
  return true;
}

bool case_run::exec_check(step const& s) {
  check c = evaluate(s.m);
  if (c.ok) return true;
  if (c.problem.st != read_status::ok) return conclude_problem(c.problem, s, c.expected);
  finding f{where(s.line), c.expected, c.actual, std::nullopt};
  if (s.kind == step_kind::need) {
    return conclude(verdict::skip, "precondition not met at " + where(s.line) + ": expected " + c.expected + ", got " + c.actual,
                    std::move(f));
  }
  level const l = s.lvl.value_or(def_.primary_level());
  f.rfc = def_.refs.front();
  f.rfc->lvl = l;
  return conclude(verdict_of(l), "expected " + c.expected + ", got " + c.actual, std::move(f));
}

bool case_run::exec_starttls(step const& s) {
  std::string const dropped = current().discard_unread();
  if (!dropped.empty()) {
    tr.add(session::direction::note, current().conn().name(),
           "discarded " + std::to_string(dropped.size()) + " octets received before the TLS handshake: " +
               quote_bytes_cut(dropped, 200));
  }
  auto t = current().conn().start_tls(cfg.tls, read_deadline());
  if (t) return true;
  if (s.or_end) {
    // The script accepts a refused handshake as a safe outcome (e.g. after injected plaintext).
    tr.add(session::direction::note, current().conn().name(), t.message + "; the case ends here (starttls or-end)");
    return false;
  }
  return conclude(verdict::error, t.message, {where(s.line), "a TLS handshake", "", std::nullopt});
}

bool case_run::exec_command(step const& s) {
  std::string const text = eval(s.strings.front(), s.line);
  if (current().proto() != protocol::imap) {
    send_bytes(text + "\r\n");
    return true;
  }
  std::string const tag = "A" + std::to_string(current().next_tag());
  vars["tag"] = tag;
  if (!s.literal && s.path.empty()) {
    send_bytes(tag + " " + text + "\r\n");
    return true;
  }
  std::string octets;
  if (s.literal) {
    octets = eval(*s.literal, s.line);
  } else {
    std::ifstream in(s.path, std::ios::binary);
    if (!in) throw detail::script_fault(where(s.line) + ": cannot read " + s.path);
    std::stringstream ss;
    ss << in.rdbuf();
    octets = ss.str();
  }
  std::string const head = tag + " " + text + " {" + std::to_string(octets.size()) + (s.literal_nosync ? "+" : "") + "}\r\n";
  if (s.literal_nosync) {
    send_bytes(head + octets + "\r\n");
    return true;
  }
  // Synchronizing literal (RFC 9051 §4.3): wait for the continuation request before the octets. A
  // tagged answer instead (NO/BAD) stays unread for the next expect to judge.
  send_bytes(head);
  codec::imap::response r;
  check c = read_imap_until(r, true, tag);
  if (!c.ok) return conclude_problem(c.problem, s, "a continuation request for the literal");
  if (r.t != codec::imap::response::type::continuation) {
    current().unread(r.raw);
    return true;
  }
  send_bytes(octets + "\r\n");
  return true;
}

bool case_run::exec_apop(step const& s) {
  // RFC 1939 §7: APOP name digest, digest = MD5(timestamp-from-greeting + shared secret) in lower-case hex.
  auto const& g = vars["greeting"];
  std::size_t const lt = g.find('<');
  std::size_t const gt = g.find('>', lt == std::string::npos ? 0 : lt);
  if (lt == std::string::npos || gt == std::string::npos) {
    return conclude(verdict::skip, "the greeting carries no APOP timestamp <...>", {where(s.line), "", g, std::nullopt});
  }
  std::string const user = s.auth_user ? eval(*s.auth_user, s.line) : cfg.user.value_or("");
  std::string const pass = s.auth_password ? eval(*s.auth_password, s.line) : cfg.password.value_or("");
  std::string const digest =
      session::crypto::to_hex(session::crypto::hash(session::crypto::digest::md5, g.substr(lt, gt - lt + 1) + pass));
  tr.add_secret(digest);
  send_bytes("APOP " + user + " " + digest + "\r\n");
  return true;
}

bool case_run::exec_login(step const& s) {
  if ((!cfg.user || !cfg.password) && !(s.auth_user && s.auth_password)) {
    return conclude(verdict::skip, "login needs credentials (--user, --password-env)", {where(s.line), "", "", std::nullopt});
  }
  std::string const user = s.auth_user ? eval(*s.auth_user, s.line) : *cfg.user;
  std::string const pass = s.auth_password ? eval(*s.auth_password, s.line) : *cfg.password;
  tr.add_secret(pass);
  check c;
  std::string expected;
  switch (current().proto()) {
    case protocol::smtp: {
      send_bytes("EHLO " + vars["helo"] + "\r\n");
      codec::smtp::reply r;
      c = read_smtp(r);
      expected = "EHLO answered with 250";
      if (c.ok && r.code != 250) c = mismatch(expected, r.raw);
      if (c.ok) {
        expected = "AUTH PLAIN answered with 235";
        c = detail::run_auth(*this, "PLAIN", user, pass, true);
        if (c.ok) c = read_smtp(r);
        if (c.ok && r.code != 235) c = mismatch(expected, r.raw);
      }
      break;
    }
    case protocol::pop3: {
      codec::pop3::response r;
      send_bytes("USER " + user + "\r\n");
      expected = "+OK to USER";
      c = read_pop3(r, false);
      if (c.ok && !r.st.ok) c = mismatch(expected, r.raw);
      if (c.ok) {
        send_bytes("PASS " + pass + "\r\n", "PASS <redacted>\r\n");
        expected = "+OK to PASS";
        c = read_pop3(r, false);
        if (c.ok && !r.st.ok) c = mismatch(expected, r.raw);
      }
      break;
    }
    case protocol::imap: {
      std::string const tag = "L" + std::to_string(current().next_tag());
      auto quoted = [](std::string const& v) {
        std::string q = "\"";
        for (char ch : v) {
          if (ch == '"' || ch == '\\') q += '\\';
          q += ch;
        }
        return q + "\"";
      };
      send_bytes(tag + " LOGIN " + quoted(user) + " " + quoted(pass) + "\r\n", tag + " LOGIN " + quoted(user) + " <redacted>\r\n");
      codec::imap::response r;
      expected = "tagged OK to LOGIN";
      c = read_imap_until(r, false, tag);
      if (c.ok && !(r.t == codec::imap::response::type::tagged && r.name == "OK")) c = mismatch(expected, r.raw);
      break;
    }
  }
  if (c.ok) return true;
  if (c.problem.st != read_status::ok && c.problem.st != read_status::closed) {
    return conclude_problem(c.problem, s, expected);
  }
  return conclude(verdict::skip, "login failed at " + where(s.line) + ": expected " + expected + ", got " + c.actual,
                  {where(s.line), expected, c.actual, std::nullopt});
}

bool case_run::exec_capture(step const& s) {
  auto got = resolve(s.re)->search(last_raw);
  if (!got) {
    return conclude(verdict::skip,
                    "precondition not met at " + where(s.line) + ": capture " + s.re->str() + " found nothing in " +
                        quote_bytes_cut(last_raw, 300),
                    {where(s.line), s.re->str(), quote_bytes_cut(last_raw, quote_max), std::nullopt});
  }
  vars[s.name] = *got;
  return true;
}

bool case_run::exec_send(step const& s) {
  std::string out;
  for (auto const& e : s.strings) {
    out += eval(e, s.line);
    if (s.kind == step_kind::send) out += "\r\n";
  }
  send_bytes(out);
  return true;
}

bool case_run::exec(step const& s) {
  line_ = s.line;
  if (session::clock::now() >= deadline_) {
    return conclude(verdict::error, "case deadline passed before " + where(s.line), {where(s.line), "", "", std::nullopt});
  }
  switch (s.kind) {
    case step_kind::connect: return exec_connect(s);
    case step_kind::use: {
      auto it = peers_.find(s.name);
      if (it == peers_.end()) throw detail::script_fault(where(s.line) + ": no connection named " + s.name);
      current_ = it->second.get();
      return true;
    }
    case step_kind::send:
    case step_kind::send_raw: return exec_send(s);
    case step_kind::send_file: {
      std::ifstream in(s.path, std::ios::binary);
      if (!in) throw detail::script_fault(where(s.line) + ": cannot read " + s.path);
      std::stringstream ss;
      ss << in.rdbuf();
      send_bytes(ss.str());
      return true;
    }
    case step_kind::command: return exec_command(s);
    case step_kind::starttls: return exec_starttls(s);
    case step_kind::auth: {
      std::string const user = s.auth_user ? eval(*s.auth_user, s.line) : cfg.user.value_or("");
      std::string const pass = s.auth_password ? eval(*s.auth_password, s.line) : cfg.password.value_or("");
      check c = detail::run_auth(*this, s.name, user, pass, !s.no_ir);
      if (c.ok) return true;
      if (c.problem.st != read_status::ok) return conclude_problem(c.problem, s, "a SASL " + s.name + " exchange");
      return conclude(verdict::fail, "SASL " + s.name + ": expected " + c.expected + ", got " + c.actual,
                      {where(s.line), c.expected, c.actual, def_.refs.front()});
    }
    case step_kind::login: return exec_login(s);
    case step_kind::apop: return exec_apop(s);
    case step_kind::read: {
      matcher any;
      any.kind = current().proto() == protocol::smtp ? matcher_kind::reply : matcher_kind::status;
      any.alternatives = {"1xx", "2xx", "3xx", "4xx", "5xx"};
      if (current().proto() == protocol::imap) {
        codec::imap::response r;
        check c = read_imap_until(r, true, vars.count("tag") ? vars["tag"] : "");
        return c.ok || conclude_problem(c.problem, s, "a response");
      }
      check c = evaluate(any);
      return c.ok || conclude_problem(c.problem, s, "a response");
    }
    case step_kind::need:
    case step_kind::expect: return exec_check(s);
    case step_kind::capture: return exec_capture(s);
    case step_kind::set: vars[s.name] = eval(s.strings.front(), s.line); return true;
    case step_kind::sleep:
      std::this_thread::sleep_for(std::min<millis>(s.duration, std::chrono::duration_cast<millis>(deadline_ - session::clock::now())));
      return true;
    case step_kind::close: current().conn().close(); return true;
  }
  return true;
}

case_result case_run::run() {
  auto const start = session::clock::now();
  if (std::string why = unmet_requirement(def_, cfg); !why.empty()) {
    result_.v = verdict::skip;
    result_.reason = why;
  } else {
    try {
      for (auto const& s : def_.steps) {
        if (!exec(s)) break;
      }
      if (!decided_) {
        result_.v = verdict::pass;
        result_.reason = "";
      }
    } catch (detail::script_fault const& e) {
      result_.v = verdict::error;
      result_.reason = std::string("script error: ") + e.what();
    } catch (std::exception const& e) {
      result_.v = verdict::error;
      result_.reason = std::string("harness fault: ") + e.what();
    }
  }
  for (auto& [name, p] : peers_) p->conn().close();
  result_.duration_ms = std::chrono::duration<double, std::milli>(session::clock::now() - start).count();
  result_.transcript = tr.entries();
  result_.transcript_dropped = tr.dropped_octets();
  return std::move(result_);
}

case_result run_case(case_def const& c, run_config const& cfg) {
  try {
    case_run run(c, cfg);
    return run.run();
  } catch (std::exception const& e) {
    case_result r;
    r.id = c.id;
    r.title = c.title;
    r.suite = c.suite;
    r.refs = c.refs;
    r.tags = c.tags;
    r.where = c.where;
    r.v = verdict::error;
    r.reason = std::string("harness fault: ") + e.what();
    return r;
  }
}

}  // namespace mailspec::script
