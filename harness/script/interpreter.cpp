#include "script/interpreter.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"
#include "script/target_url.hpp"
#include "session/crypto.hpp"

namespace mailspec::script {

using codec::quote_bytes_cut;
using detail::case_run;
using detail::check;
using detail::quote_max;

namespace {

constexpr std::size_t max_expr_octets = 64u << 20;

bool is_known(std::map<std::string, std::string> const& caps, std::string const& name) {
  return caps.count(name) > 0;
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

namespace {

/// Why a `requires var NAME` is not met, and how to meet it.
std::string unset_variable(std::string const& name) {
  if (name == "mutable_user" || name == "mutable_password") {
    return "the case deletes or changes mail: name a throwaway account with --var mutable_user=NAME "
           "--var mutable_password=PASSWORD";
  }
  if (name.rfind("readback_", 0) == 0) {
    return "the case reads delivered mail back: pass --var readback_url=imap://HOST:PORT --var readback_user=NAME "
           "--var readback_password=PASSWORD";
  }
  return "variable " + name + " is not set (--var " + name + "=...)";
}

}  // namespace

std::string unmet(requirement const& r, run_config const& cfg) {
  auto const& caps = cfg.caps;
  switch (r.k) {
    case requirement::kind::ext:
      if (cfg.tgt.implicit_tls ? !is_known(caps.secure, r.name) : !is_known(caps.plain, r.name)) {
        if (is_known(caps.authed, r.name)) return {};  // IMAP: advertised once logged in
        return "extension " + r.name + " is not advertised";
      }
      return {};
    case requirement::kind::tls_ext:
      if (!is_known(caps.secure, r.name)) return "extension " + r.name + " is not advertised after TLS";
      return {};
    case requirement::kind::sasl: {
      auto const& first = cfg.tgt.implicit_tls ? caps.sasl_tls : caps.sasl_first;
      if (std::find(first.begin(), first.end(), r.name) == first.end()) {
        return "SASL mechanism " + r.name + " is not advertised" + (cfg.tgt.implicit_tls ? "" : " before TLS");
      }
      return {};
    }
    case requirement::kind::tls_sasl:
      if (std::find(caps.sasl_tls.begin(), caps.sasl_tls.end(), r.name) == caps.sasl_tls.end()) {
        return "SASL mechanism " + r.name + " is not advertised after TLS";
      }
      return {};
    case requirement::kind::login:
      if (!cfg.user || !cfg.password) return "no credentials given (--user, --password-env)";
      return {};
    case requirement::kind::tls:
      if (!cfg.tgt.implicit_tls && !caps.starttls) return "neither STARTTLS nor implicit TLS is available";
      return {};
    case requirement::kind::starttls:
      if (cfg.tgt.implicit_tls) return "the target URL is implicit TLS";
      if (!caps.starttls) return "STARTTLS is not advertised";
      return {};
    case requirement::kind::plain:
      if (cfg.tgt.implicit_tls) {
        return "the case tests cleartext behaviour (e.g. STARTTLS); " + cfg.tgt.scheme + " is implicit TLS";
      }
      return {};
    case requirement::kind::implicit_tls:
      if (!cfg.tgt.implicit_tls) return "the case tests implicit TLS; " + cfg.tgt.scheme + " is cleartext";
      return {};
    case requirement::kind::var: return cfg.vars.count(r.name) ? std::string() : unset_variable(r.name);
    case requirement::kind::scheme: {
      std::string const want = "|" + r.name + "|";
      if (want.find("|" + cfg.tgt.scheme + "|") == std::string::npos) {
        return "the case is for " + r.name + "://, not " + cfg.tgt.scheme + "://";
      }
      return {};
    }
  }
  return {};
}

std::string unmet_requirement(case_def const& c, run_config const& cfg) {
  for (auto const& r : c.requires_) {
    if (std::string why = unmet(r, cfg); !why.empty()) return why;
  }
  return {};
}

case_run::case_run(case_def const& c, run_config const& config)
    : tr(config.lim.transcript), cfg(config), def_(&c) {
  vars["helo"] = "mailspec.test";
  vars["sender"] = "mailspec@example.org";
  vars["domain"] = "example.test";
  for (auto const& [k, v] : cfg.vars) {
    vars[k] = v;
    // Any variable named like a password is a credential: never in reports.
    if (k.find("password") != std::string::npos) tr.add_secret(v);
  }
  for (auto const& [k, v] : c.bindings) vars[k] = v;  // an each-file case's file
  if (!vars.count("rcpt")) vars["rcpt"] = "postmaster@" + vars["domain"];
  if (!vars.count("rcpt2")) vars["rcpt2"] = vars["rcpt"];
  if (cfg.uniq_seed) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(std::mt19937_64(*cfg.uniq_seed)()));
    vars["uniq"] = "ms" + std::string(hex, 12);
  } else {
    vars["uniq"] = "ms" + session::crypto::random_token(6);
  }
  auto const& caps = cfg.tgt.implicit_tls ? cfg.caps.secure : cfg.caps.plain;
  for (auto const& [k, v] : cfg.caps.authed) vars["ext." + k] = v;
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
  result_.identify(c);
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
  millis wait = within.value_or(cfg.read_timeout);
  if (!within && login_pending_) wait = std::max(wait, cfg.login_timeout);
  return std::min(deadline_, session::clock::now() + wait);
}

void case_run::send_bytes(std::string const& bytes, std::string const& shown) {
  std::string const& first = shown.empty() ? bytes : shown;
  std::string_view const line = std::string_view(bytes).substr(0, std::min(bytes.find_first_of("\r\n"), bytes.size()));
  login_pending_ = current_ && current_->dialect().is_login_line(line, login_pending_);
  if (current_ && current_->watch()) current_->watch()->on_send(bytes);
  if (current_) current_->dialect().on_sent(*this, bytes);
  last_sent_ = quoted(first.substr(0, std::min<std::size_t>(first.find_first_of("\r\n"), 200)), 200);
  auto r = current().conn().write(bytes, read_deadline(), shown);
  // A refused write is not a verdict by itself: the next read reports the close or the silence.
  if (!r) tr.add(session::direction::note, current().conn().name(), "write: " + r.message);
}

void case_run::note_finding(verdict v, std::string reason, std::string expected, std::string_view raw, rfc_ref rule) {
  conclude(v, std::move(reason), finding{where(line_), std::move(expected), quoted(raw), rule});
}

bool case_run::conclude(verdict v, std::string reason, finding f) {
  if (in_cleanup_) {  // the case is decided: a cleanup that cannot go on stops and says why
    tr.add(session::direction::note, "cleanup", "cleanup stopped at " + f.step + ": " + reason);
    return false;
  }
  // Wire octets in `reason` and `f.actual` were redacted before they were quoted (mismatch(), quoted()):
  // redacting prose here would also replace a short password's letters inside ordinary words.
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

bool case_run::conclude_step(verdict v, std::string reason, finding f) {
  if (v == verdict::pass) return true;
  if (f.step.empty()) f.step = where(line_);
  return conclude(v, std::move(reason), std::move(f));
}

void case_run::add_refs(std::vector<rfc_ref> const& refs) {
  for (auto const& r : refs) {
    bool const known = std::any_of(result_.refs.begin(), result_.refs.end(),
                                   [&](rfc_ref const& o) { return o.rfc == r.rfc && o.section == r.section; });
    if (!known) result_.refs.push_back(r);
  }
}

verdict case_run::level_verdict() const { return verdict_of(def_->primary_level()); }

bool case_run::conclude_problem(read_outcome const& p, step const& s, std::string const& expected) {
  finding f{where(s.line), expected, quoted(p.partial), p.rule};
  // Server role (mailspec serve): the peer is the client under test, which may hang or vanish.
  bool const serving = current_ && current_->dialect().server_side();
  // A client that stops (closes or hangs) after the case already found a deviation (a SHOULD or MAY
  // mismatch lets a case go on) ends the case with that finding: the case is decided, not undecided.
  bool const found = decided_ && (result_.v == verdict::warn || result_.v == verdict::info);
  bool const stopped = p.st == read_status::timeout || p.st == read_status::closed;
  if (serving && found && stopped && (s.kind == step_kind::need || s.kind == step_kind::read)) {
    tr.add(session::direction::note, current_->conn().name(),
           std::string("the client ") + (p.st == read_status::timeout ? "sent nothing more" : "closed the connection") +
               " at " + where(s.line) + " (expected " + expected + "): the case ends with what it found before");
    return false;
  }
  switch (p.st) {
    case read_status::violation:
      return conclude(verdict::fail, "protocol violation: " + p.message, std::move(f));
    case read_status::timeout:
      if (serving) {
        return conclude(verdict::error, "the client sent nothing more within the read timeout (--read-timeout) at " +
                                            where(s.line) + "; expected " + expected + ": " + p.message,
                        std::move(f));
      }
      return conclude(verdict::error, "timeout at " + where(s.line) + " waiting for " + expected + ": " + p.message,
                      std::move(f));
    case read_status::error:
      return conclude(verdict::error, "I/O error at " + where(s.line) + ": " + p.message, std::move(f));
    case read_status::closed:
    case read_status::ok:
      break;
  }
  // The peer closed: an ordinary mismatch of the step's kind.
  f.actual = std::string(serving ? "(connection closed by the client)" : "(connection closed by the server)") +
             (p.partial.empty() ? "" : " after " + f.actual);
  if (serving && (s.kind == step_kind::need || s.kind == step_kind::read)) return client_closed(s, expected, std::move(f));
  if (s.kind == step_kind::need || s.kind == step_kind::read) {
    std::string why = precondition_reason(s, expected, f.actual);
    return conclude(verdict::skip, std::move(why), std::move(f));
  }
  level const l = s.lvl.value_or(def_->primary_level());
  // The reason first: the finding is moved into the call, and arguments may be evaluated in any order.
  std::string reason = "expected " + expected + ", got " + f.actual;
  return conclude(verdict_of(l), std::move(reason), std::move(f));
}

/// Server role: the client closed the connection where a `need` or `read` wanted a command.
bool case_run::client_closed(step const& s, std::string const& expected, finding f) {
  auto const seen = tr.entries();
  bool const heard = std::any_of(seen.begin(), seen.end(),
                                 [](session::transcript_entry const& e) { return e.dir == session::direction::client; });
  if (!heard) {
    // A client that vanished before it sent anything (it crashed, or never spoke) leaves the case
    // undecided: never a skip, which reads as "the client chose otherwise".
    return conclude(verdict::error, "the client closed the connection before sending anything, at " + where(s.line) +
                                        "; expected " + expected + " (did it crash? see its own output)",
                    std::move(f));
  }
  // A client that ends the session after some exchange made a choice (e.g. it gave up after a refusal):
  // the stage the case needs is not set, so the case skips, saying so.
  std::string why = "the client closed the connection at " + where(s.line) + " instead of sending " + expected;
  std::string const hint = s.m.hint ? eval(*s.m.hint, s.line) : std::string();
  if (!hint.empty()) why += ": " + hint;
  if (skip_hint_.empty()) skip_hint_ = hint.empty() ? "the client ended the session before the case could judge it" : hint;
  return conclude(verdict::skip, std::move(why), std::move(f));
}

std::string case_run::precondition_reason(step const& s, std::string const& expected, std::string const& actual) {
  std::string why = "precondition not met at " + where(s.line) + ": ";
  if (!last_sent_.empty() && current_) why += last_sent_ + " answered ";
  why += actual + " (expected " + expected + ")";
  std::string hint = s.m.hint ? eval(*s.m.hint, s.line) : std::string();
  if (hint.empty() && current_) hint = current_->dialect().fix_hint(last_sent_, cfg);
  if (!hint.empty()) why += ": " + hint;
  if (skip_hint_.empty()) skip_hint_ = hint.empty() ? "a precondition the server did not meet: a feature it does not implement, or a choice it made (see each case's reason)" : hint;
  return why;
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
  if (!s.url && tgt.proto == protocol::smtp) {
    slot->set_watch(std::make_unique<smtp_watch>(cfg.caps.plain.count("ENHANCEDSTATUSCODES") > 0,
                                                 cfg.caps.secure.count("ENHANCEDSTATUSCODES") > 0));
  }
  current_ = slot.get();
  return true;
}

bool case_run::exec_check(step const& s) {
  check c = evaluate(s.m);
  if (c.ok) return true;
  // With `within D` the time is part of the requirement: no answer in time is a mismatch, not an
  // undecided case. Without it, a timeout stays `error` (the harness cannot tell slow from broken).
  if (c.problem.st == read_status::timeout && s.m.within && session::clock::now() < deadline_) {
 c = mismatch(c.expected + " within " + std::to_string(s.m.within->count()) + " ms", c.problem.partial);
    if (c.actual == "(nothing)") c.actual = "(nothing within " + std::to_string(s.m.within->count()) + " ms)";
  }
  // `or-closed`: closing the connection is an accepted answer (e.g. refusing smuggled data outright).
  if (c.problem.st == read_status::closed && s.m.or_closed) {
    tr.add(session::direction::note, current().conn().name(),
           current().dialect().server_side() ? "closed by the client: accepted (or-closed)" : "closed by the server: accepted (or-closed)");
    return false;
  }
  if (c.problem.st != read_status::ok) return conclude_problem(c.problem, s, c.expected);
  finding f{where(s.line), c.expected, c.actual, std::nullopt};
  if (s.kind == step_kind::need) {
    std::string why = precondition_reason(s, c.expected, c.actual);
    return conclude(verdict::skip, std::move(why), std::move(f));
  }
  level const l = s.lvl.value_or(def_->primary_level());
  if (!def_->refs.empty()) {
    f.rfc = def_->refs.front();
    f.rfc->lvl = l;
  }
  return conclude(verdict_of(l), "expected " + c.expected + ", got " + c.actual, std::move(f));
}

bool case_run::exec_starttls(step const& s) {
  std::string const dropped = current().discard_unread();
  if (!dropped.empty()) {
    tr.add(session::direction::note, current().conn().name(),
           "discarded " + std::to_string(dropped.size()) + " octets received before the TLS handshake: " +
               quoted(dropped, 200));
  }
  bool const server = current().dialect().server_side();
  auto t = server ? current().conn().start_tls(cfg.tls_server, read_deadline())
                  : current().conn().start_tls(cfg.tls, read_deadline());
  if (t) {
    if (auto* w = current().watch()) w->restart();
    return true;
  }
  // A client under test that refuses our certificate was most likely not told to trust the CA.
  if (server && t.message.find("fault injection") == std::string::npos) t.message += " (tell the client to trust the CA the server printed)";
  if (s.or_end) {
    // The script accepts a refused handshake as a safe outcome (e.g. after injected plaintext).
    tr.add(session::direction::note, current().conn().name(), t.message + "; the case ends here (starttls or-end)");
    return false;
  }
  return conclude(verdict::error, t.message, {where(s.line), "a TLS handshake", "", std::nullopt});
}

bool case_run::exec_serve_auth(step const& s) {
  std::string const user = s.auth_user ? eval(*s.auth_user, s.line) : cfg.user.value_or("");
  std::string const pass = s.auth_password ? eval(*s.auth_password, s.line) : cfg.password.value_or("");
  std::string outcome;
  check c = detail::serve_auth(*this, user, pass, outcome);
  vars["auth.result"] = outcome;
  if (c.ok) return true;
  if (c.problem.st != read_status::ok) return conclude_problem(c.problem, s, "the client's side of a SASL exchange");
  finding f{where(s.line), c.expected, c.actual, def_->refs.empty() ? std::nullopt : std::optional<rfc_ref>(def_->refs.front())};
  return conclude(verdict_of(s.lvl.value_or(def_->primary_level())), "SASL: expected " + c.expected + ", got " + c.actual,
                  std::move(f));
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
    bool const submission = cfg.tgt.scheme == "submission" || cfg.tgt.scheme == "smtps";
    skip_hint_ = submission ? "a submission server requires AUTH before mail transactions (RFC 6409 §4.3): "
                              "pass --user NAME and --password-env VAR"
                            : "the case logs in: pass --user NAME and --password-env VAR";
    return conclude(verdict::skip, skip_hint_, {where(s.line), "", "", std::nullopt});
  }
  std::string const user = s.auth_user ? eval(*s.auth_user, s.line) : *cfg.user;
  std::string const pass = s.auth_password ? eval(*s.auth_password, s.line) : *cfg.password;
  tr.add_secret(pass);
  std::string expected;
  check c = current().dialect().login(*this, user, pass, expected);
  if (c.ok) return true;
  if (c.problem.st != read_status::ok && c.problem.st != read_status::closed) {
    return conclude_problem(c.problem, s, expected);
  }
  skip_hint_ = "the login was refused: check --user and --password-env";
  return conclude(verdict::skip, "login failed at " + where(s.line) + ": expected " + expected + ", got " + c.actual + ": " + skip_hint_,
                  {where(s.line), expected, c.actual, std::nullopt});
}

bool case_run::exec_capture(step const& s) {
  auto got = resolve(s.re)->search(last_raw);
  if (!got) {
    return conclude(verdict::skip,
                    "precondition not met at " + where(s.line) + ": capture " + s.re->str() + " found nothing in " +
                        quoted(last_raw, 300),
                    {where(s.line), s.re->str(), quoted(last_raw), std::nullopt});
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

bool case_run::exec_block(std::vector<step> const& steps) {
  for (auto const& s : steps) {
    if (!exec(s)) return false;
  }
  return true;
}

bool case_run::exec_if(step const& s) {
  bool holds = false;
  if (s.cond.req) {
    holds = unmet(*s.cond.req, cfg).empty();
    // IMAP: what the session announced since (after LOGIN, in a [CAPABILITY] code) counts too.
    if (!holds && s.cond.req->k == requirement::kind::ext) holds = session_caps.count(s.cond.req->name) > 0;
  } else if (s.cond.m) {
    holds = evaluate(*s.cond.m).ok;
  }
  if (s.cond.negate) holds = !holds;
  tr.add(session::direction::note, current_ ? current_->conn().name() : std::string("case"),
         where(s.line) + ": if: " + (holds ? "true" : "false"));
  return exec_block(holds ? s.body : s.else_body);
}

bool case_run::exec_repeat(step const& s) {
  std::size_t n = s.count;
  if (!s.name.empty()) {
    std::string const v = subst("${" + s.name + "}", s.line);
    char* end = nullptr;
    unsigned long long const got = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || got > (16u << 20)) {
      throw detail::script_fault(where(s.line) + ": repeat count ${" + s.name + "} = '" + v + "' is not a number");
    }
    n = static_cast<std::size_t>(got);
  }
  for (std::size_t i = 1; i <= n; ++i) {
    vars["i"] = std::to_string(i);
    if (!exec_block(s.body)) return false;
  }
  return true;
}

void case_run::run_cleanup() {
  if (def_->cleanup.empty()) return;
  in_cleanup_ = true;
  // Its own time: a case that ran into its deadline still removes what it created.
  deadline_ = std::max(deadline_, session::clock::now() + cfg.read_timeout + cfg.connect_timeout);
  try {
    exec_block(def_->cleanup);
  } catch (std::exception const& e) {
    tr.add(session::direction::note, "cleanup", std::string("cleanup stopped: ") + e.what());
  }
  in_cleanup_ = false;
}

namespace {

// --by-login: while the login fixture runs, a check made before each step that answers the client (a
// send, at any depth: fixtures may choose between login styles with `if`). Thread-local rather than a
// member: a case runs on one thread, and the hook lives only as long as exec_login_fixture.
thread_local std::function<bool()> const* before_answer = nullptr;

bool answers(step_kind k) { return k == step_kind::send || k == step_kind::send_raw || k == step_kind::send_file; }

}  // namespace

bool case_run::exec(step const& s) {
  line_ = s.line;
  file_ = s.file;
  if (before_answer && answers(s.kind) && !(*before_answer)()) return false;
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
    case step_kind::send_file: return exec_send_file(s);
    case step_kind::command: return current().dialect().command(*this, s);
    case step_kind::idle:
    case step_kind::done:
    case step_kind::compare_mime: return current().dialect().protocol_step(*this, s);
    case step_kind::starttls: return exec_starttls(s);
    case step_kind::auth: return exec_auth(s);
    case step_kind::login: return exec_login(s);
    case step_kind::serve_auth: return exec_serve_auth(s);
    case step_kind::serve_mailbox: return current().dialect().serve_mailbox(*this, s);
    case step_kind::apop: return exec_apop(s);
    case step_kind::read: {
      check c = current().dialect().read_any(*this);
      return c.ok || conclude_problem(c.problem, s, "a response");
    }
    case step_kind::need:
    case step_kind::expect: return exec_check(s);
    case step_kind::capture: return exec_capture(s);
    case step_kind::set: vars[s.name] = eval(s.strings.front(), s.line); return true;
    case step_kind::compute: vars[s.name] = compute(s); return true;
    case step_kind::sleep:
      std::this_thread::sleep_for(std::min<millis>({s.duration, cfg.max_pause,
                                                    std::chrono::duration_cast<millis>(deadline_ - session::clock::now())}));
      return true;
    case step_kind::close: current().conn().close(); return true;
    case step_kind::include: throw detail::script_fault(where(s.line) + ": include " + s.name + " was not expanded");
    case step_kind::if_: return exec_if(s);
    case step_kind::repeat: return exec_repeat(s);
    case step_kind::cleanup: return true;  // moved to case_def::cleanup by the parser
    case step_kind::foreach: return exec_foreach(s);
  }
  return true;
}

bool case_run::exec_auth(step const& s) {
  std::string const user = s.auth_user ? eval(*s.auth_user, s.line) : cfg.user.value_or("");
  std::string const pass = s.auth_password ? eval(*s.auth_password, s.line) : cfg.password.value_or("");
  check c = detail::run_auth(*this, s.name, user, pass, !s.no_ir);
  if (c.ok) return true;
  if (c.problem.st != read_status::ok) return conclude_problem(c.problem, s, "a SASL " + s.name + " exchange");
  return conclude(verdict::fail, "SASL " + s.name + ": expected " + c.expected + ", got " + c.actual,
                  {where(s.line), c.expected, c.actual, def_->refs.empty() ? std::nullopt : std::optional<rfc_ref>(def_->refs.front())});
}

case_result case_run::run() {
  return run_with([this] {
    if (std::string why = unmet_requirement(*def_, cfg); !why.empty()) {
      result_.v = verdict::skip;
      result_.reason = why;
      result_.hint = why;
      return false;
    }
    exec_block(def_->steps);
    return true;
  });
}

bool case_run::exec_login_fixture(login_chooser const& choose, case_def const*& chosen) {
  // Once the client has given its login name, and before the fixture answers it (its next send), the
  // name must name a case; otherwise the answer is a failure reply.
  std::function<bool()> const decide = [&]() {
    auto const it = vars.find("login.user");
    if (chosen || it == vars.end()) return true;
    std::string why;
    chosen = choose(it->second, why);
    return chosen ? true : refuse_login(it->second, why);
  };
  struct hook {
    explicit hook(std::function<bool()> const* h) { before_answer = h; }
    ~hook() { before_answer = nullptr; }
    hook(hook const&) = delete;
    hook& operator=(hook const&) = delete;
  } const installed(&decide);
  if (!exec_block(def_->steps)) return false;
  before_answer = nullptr;
  if (!decide()) return false;
  if (!chosen) {
    return conclude(verdict::error, "--by-login: the login fixture ended without the client giving a login name",
                    {where(line_), "a login (USER, LOGIN or AUTH)", "", std::nullopt});
  }
  return true;
}

case_result case_run::run_by_login(login_chooser const& choose) {
  return run_with([this, &choose] {
    case_def const* chosen = nullptr;
    if (!exec_login_fixture(choose, chosen) || decided_) return true;
    become(*chosen);
    if (std::string why = unmet_requirement(*def_, cfg); !why.empty()) {
      result_.v = verdict::skip;
      result_.reason = why;
      result_.hint = why;
      decided_ = true;
      return true;
    }
    auto const skip = static_cast<std::ptrdiff_t>(std::min(def_->first_include_steps, def_->steps.size()));
    std::vector<step> const rest(def_->steps.begin() + skip, def_->steps.end());
    exec_block(rest);
    return true;
  });
}

template <typename Body>
case_result case_run::run_with(Body&& body) {
  auto const start = session::clock::now();
  bool ran = true;  // false: a requirement not met, nothing ran (and no cleanup)
  try {
    ran = body();
    if (ran && !decided_) {
      result_.v = verdict::pass;
      result_.reason = "";
    }
  } catch (detail::script_fault const& e) {
    result_.v = verdict::error;
    result_.reason = std::string("script error: ") + e.what();
  } catch (pattern_gave_up const& e) {
    result_.v = verdict::error;
    result_.reason = std::string("undecided at ") + where(line_) + ": " + e.what();
  } catch (std::exception const& e) {
    result_.v = verdict::error;
    result_.reason = std::string("harness fault: ") + e.what();
  }
  if (ran) run_cleanup();  // after a pass, a failed check, a skip or a fault alike
  for (auto& [name, p] : peers_) p->conn().close();
  if (result_.v == verdict::skip && result_.hint.empty()) {
    result_.hint = skip_hint_.empty() ? "a precondition the server did not meet: a feature it does not implement, or a choice it made (see each case's reason)" : skip_hint_;
  }
  if (auto it = vars.find("client.helo"); it != vars.end()) result_.client_helo = it->second;
  result_.duration_ms = std::chrono::duration<double, std::milli>(session::clock::now() - start).count();
  result_.transcript = tr.entries();
  result_.transcript_dropped = tr.dropped_octets();
  return std::move(result_);
}

void case_run::adopt(std::unique_ptr<session::connection> accepted) {
  accepted->set_transcript(&tr);  // the client's octets and ours, in this case's report
  auto& slot = peers_["main"];
  slot = std::make_unique<peer>(std::move(accepted), def_->proto, cfg.lim, true);
  current_ = slot.get();
}

namespace {

case_result run_guarded(case_def const& c, run_config const& cfg, std::unique_ptr<session::connection> accepted,
                        login_chooser const* by_login = nullptr) {
  try {
    case_run run(c, cfg);
    if (accepted) run.adopt(std::move(accepted));
    return by_login ? run.run_by_login(*by_login) : run.run();
  } catch (std::exception const& e) {
    case_result r;
    r.identify(c);
    r.v = verdict::error;
    r.reason = std::string("harness fault: ") + e.what();
    return r;
  }
}

}  // namespace

case_result run_case(case_def const& c, run_config const& cfg) { return run_guarded(c, cfg, nullptr); }

case_result run_case_on(case_def const& c, run_config const& cfg, std::unique_ptr<session::connection> accepted) {
  return run_guarded(c, cfg, std::move(accepted));
}

case_result run_case_by_login(case_def const& login, login_chooser const& choose, run_config const& cfg,
                              std::unique_ptr<session::connection> accepted) {
  return run_guarded(login, cfg, std::move(accepted), &choose);
}

}  // namespace mailspec::script
