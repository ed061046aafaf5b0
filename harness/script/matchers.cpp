// Matchers: reading replies/responses from the current connection and checking them.
#include <algorithm>
#include <sstream>

#include "codec/common/observation.hpp"
#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"

namespace mailspec::script {

using codec::quote_bytes_cut;
using detail::case_run;
using detail::check;
using detail::problem;
using detail::quote_max;


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

// ---- matchers --------------------------------------------------------------------------------------

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
      auto const until = std::min(deadline_, session::clock::now() + std::min(m.duration, cfg.max_pause));
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

check case_run::eval_compare(matcher const& m) {
  std::string const a = eval(m.operands.at(0), line_);
  std::string const b = eval(m.operands.at(1), line_);
  if (m.kind == matcher_kind::equals || m.kind == matcher_kind::differs) {
    if ((a == b) == (m.kind == matcher_kind::equals)) return check::pass();
    return mismatch(m.kind == matcher_kind::equals ? "\"" + quoted(b, 200) + "\""
                                                   : "anything but \"" + quoted(b, 200) + "\"",
                    a);
  }
  auto number = [&](std::string const& v) {
    char* end = nullptr;
    long long const n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0') throw fault("'" + quoted(v, 60) + "' is not a number (less/greater compare numbers)");
    return n;
  };
  long long const x = number(a), y = number(b);
  if (m.kind == matcher_kind::less ? x < y : x > y) return check::pass();
  return mismatch(std::string(m.kind == matcher_kind::less ? "a number below " : "a number above ") + quoted(b, 60), a);
}

check case_run::evaluate(matcher const& raw) {
  matcher const m = resolve(raw);
  switch (m.kind) {
    case matcher_kind::less:
    case matcher_kind::greater:
    case matcher_kind::equals:
    case matcher_kind::differs: return eval_compare(m);
    case matcher_kind::line:
    case matcher_kind::closed:
    case matcher_kind::silence: return eval_generic(m);
    default: break;
  }
  check c = current().dialect().evaluate(*this, m);
  if (m.kind == matcher_kind::greeting) vars["greeting"] = last_raw;
  return c;
}

}  // namespace mailspec::script
