// Matchers: reading replies/responses from the current connection and checking them.
#include <algorithm>
#include <sstream>

#include "codec/common/observation.hpp"
#include "script/interpreter_detail.hpp"

namespace mailspec::script {

using codec::quote_bytes_cut;
using detail::case_run;
using detail::check;
using detail::problem;
using detail::quote_max;

namespace {

bool code_matches(int code, std::string const& alt) {
  std::string const c = std::to_string(code);
  if (c.size() != 3) return false;
  for (int i = 0; i < 3; ++i) {
    if (alt[i] != 'x' && alt[i] != c[i]) return false;
  }
  return true;
}

}  // namespace

check case_run::mismatch(std::string expected, std::string const& actual_bytes) const {
  return detail::mismatch_redacted(std::move(expected), tr.redact(actual_bytes));
}

void case_run::note_breach(rule_breach const& b) {
  std::size_t const n = ++result_.rule_hit_counts[b.rule];
  if (n > 3) return;  // the first few are evidence enough; the count says how many
  reply_rule const* r = find_reply_rule(b.rule);
  result_.rule_hits.push_back({b.rule, {where(line_), b.expected, quoted(b.raw), r ? std::optional<rfc_ref>(r->rfc) : std::nullopt}});
}

std::string case_run::quoted(std::string_view raw, std::size_t max) const { return quote_bytes_cut(tr.redact(raw), max); }

check detail::mismatch_redacted(std::string expected, std::string const& actual_bytes) {
  check c;
  c.ok = false;
  c.expected = std::move(expected);
  c.actual = actual_bytes.empty() ? std::string("(nothing)") : quote_bytes_cut(actual_bytes, quote_max);
  return c;
}

check detail::problem(read_outcome o) {
  check c;
  c.ok = false;
  c.problem = std::move(o);
  return c;
}

// ---- reading units ---------------------------------------------------------------------------------

check case_run::read_smtp(codec::smtp::reply& out, std::optional<millis> within) {
  auto o = current().read_smtp(out, read_deadline(within));
  if (o.st != read_status::ok) return problem(std::move(o));
  last_raw = out.raw;
  vars["last.code"] = std::to_string(out.code);
  if (auto* w = current().watch()) {
    std::vector<rule_breach> breaches;
    w->on_reply(out, current().conn().tls().active, breaches);
    for (auto& b : breaches) note_breach(b);
  }
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
  std::size_t octets = 0, kept = 0;
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
    using t = codec::imap::response::type;
    // A continuation or any tagged response ends the read; the matcher judges whether it was the one wanted.
    bool const done = out.t == t::continuation || out.t == t::tagged;
    // Untagged responses are kept for `untagged` up to a budget: a flood costs time, not memory.
    bool const greeting = tag.empty() && !want_continuation;
    if (!done && kept < (4u << 20)) {
      kept += out.raw.size();
      if (greeting) {
        untagged_.push_back(out);
      } else {
        untagged_.push_back(std::move(out));
      }
    }
    if (done || greeting) {
      last_raw = std::move(raw);  // once, not per response: a flood of short responses stays linear
      return check::pass();
    }
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
  if (m.kind == matcher_kind::less || m.kind == matcher_kind::greater) {
    std::string const a = eval(m.operands.at(0), line_);
    std::string const b = eval(m.operands.at(1), line_);
    auto number = [&](std::string const& v) {
      char* end = nullptr;
      long long const n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') {
        throw detail::script_fault(where(line_) + ": '" + quoted(v, 60) + "' is not a number (less/greater compare numbers)");
      }
      return n;
    };
    long long const x = number(a), y = number(b);
    bool const ok = m.kind == matcher_kind::less ? x < y : x > y;
    if (ok) return check::pass();
    return mismatch(std::string(m.kind == matcher_kind::less ? "a number below " : "a number above ") + quoted(b, 60), a);
  }
  if (m.kind == matcher_kind::equals || m.kind == matcher_kind::differs) {
    std::string const a = eval(m.operands.at(0), line_);
    std::string const b = eval(m.operands.at(1), line_);
    bool const same = a == b;
    if (same == (m.kind == matcher_kind::equals)) return check::pass();
    return mismatch(m.kind == matcher_kind::equals ? "\"" + quoted(b, 200) + "\""
                                                   : "anything but \"" + quoted(b, 200) + "\"",
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

}  // namespace mailspec::script
