#include "server/serve.hpp"

#include <algorithm>
#include <optional>

#include "script/interpreter.hpp"
#include "server/identity.hpp"
#include "session/connection.hpp"
#include "session/listener.hpp"

namespace mailspec::server {

namespace {

/// Waits for the next client in short slices, so that a stop request is seen within a quarter second.
std::unique_ptr<session::connection> next_client(session::listener& l, serve_options const& opt,
                                                 std::atomic<bool> const& stop, std::string& why) {
  auto const until = session::clock::now() + opt.accept_timeout;
  while (!stop.load()) {
    auto const now = session::clock::now();
    if (now >= until) {
      why = "no client connected within " + std::to_string(opt.accept_timeout.count() / 1000) + " s (--accept-timeout)";
      return nullptr;
    }
    session::io_result r;
    auto c = l.accept(std::min(until, now + std::chrono::milliseconds(250)), nullptr, "main", r);
    if (c) return c;
    if (r.status != session::io_status::timeout) {
      why = "accept failed: " + r.message;
      return nullptr;
    }
  }
  return nullptr;
}

session::fault_protocol fault_protocol_of(script::protocol p) {
  switch (p) {
    case script::protocol::pop3: return session::fault_protocol::pop3;
    case script::protocol::imap: return session::fault_protocol::imap;
    default: return session::fault_protocol::smtp;
  }
}

script::case_result handshake_failed(script::case_def const& c, std::string const& why) {
  script::case_result r;
  r.identify(c);
  r.v = script::verdict::error;
  bool const injected = why.find("fault injection") != std::string::npos;
  r.reason = "implicit TLS: " + why + (injected ? "" : " (tell the client to trust the CA the server printed)");
  return r;
}

}  // namespace

std::optional<script::case_def> login_case_of(std::vector<script::case_def const*> const& cases,
                                              std::vector<script::case_def const*>& choosable) {
  choosable.clear();
  if (cases.empty()) return std::nullopt;
  std::string const fixture = cases.front()->suite + ".login";
  for (auto const* c : cases) {
    if (c->first_include == fixture && c->first_include_steps > 0) choosable.push_back(c);
  }
  if (choosable.empty()) return std::nullopt;
  // The login fixture as a case of its own: the steps it became in the first case that includes it.
  script::case_def const& first = *choosable.front();
  script::case_def login;
  login.id = fixture;
  login.title = "login fixture (--by-login): the login name names the case";
  login.suite = first.suite;
  login.proto = first.proto;
  login.role = first.role;
  login.where = first.where;
  login.refs = first.refs;
  login.timeout = first.timeout;
  login.steps.assign(first.steps.begin(), first.steps.begin() + static_cast<std::ptrdiff_t>(first.first_include_steps));
  return login;
}

script::case_def const* choose_case(std::vector<script::case_def const*> const& choosable, std::string name,
                                    std::string& why) {
  if (name.rfind("user=", 0) == 0) name.erase(0, 5);
  std::vector<script::case_def const*> suffix;
  for (auto const* c : choosable) {
    if (c->id == name) return c;
    if (!name.empty() && c->id.size() > name.size() && c->id.compare(c->id.size() - name.size(), name.size(), name) == 0) {
      suffix.push_back(c);
    }
  }
  if (suffix.size() == 1) return suffix.front();
  std::string ids;
  for (auto const* c : choosable) ids += (ids.empty() ? "" : ", ") + c->id;
  why = (suffix.empty() ? std::string("names no case") : "is a suffix of " + std::to_string(suffix.size()) + " case ids") +
        " that can be chosen: log in as one of " + ids + " (or a unique suffix of one, or user=ID)";
  return nullptr;
}

namespace {

/// One client's connection: the implicit-TLS handshake if the scheme has one, then its case (or, with
/// --by-login, the login fixture and the case the client names), then who the client was.
script::case_result serve_connection(std::unique_ptr<session::connection> conn, script::case_def const& c,
                                     std::size_t k, serve_options const& opt, script::run_config const* cfg,
                                     script::login_chooser const* chooser) {
  script::run_config cc = *cfg;
  cc.uniq_seed = opt.seed + k;  // ${uniq} repeats with the seed, as the faults do
  script::case_result res;
  session::io_result t;
  std::string implicit_tls;  // the version, when the handshake (before the case's transcript) succeeded
  if (cc.tgt.implicit_tls) {
    t = conn->start_tls(cc.tls_server, session::clock::now() + cc.read_timeout);
    if (t) implicit_tls = conn->tls().version;
  }
  if (!t) {
    res = handshake_failed(c, t.message);
  } else if (chooser) {
    res = script::run_case_by_login(c, *chooser, cc, std::move(conn));
  } else {
    res = script::run_case_on(c, cc, std::move(conn));
  }
  identify_client(res, cc.tgt.proto == script::protocol::imap);
  if (!implicit_tls.empty()) {
    res.client_tls = true;
    res.client_tls_version = implicit_tls;
  }
  return res;
}

}  // namespace

serve_summary serve_cases(std::vector<script::case_def const*> const& cases, script::run_config const& cfg,
                          serve_options const& opt, on_listening const& listening, on_served const& served,
                          std::atomic<bool> const& stop, on_accepted const& accepted) {
  serve_summary out;
  if (cases.empty()) return out;
  // --by-login: every connection first plays the suite's login fixture, then the case its name names.
  std::optional<script::case_def> login_case;
  std::vector<script::case_def const*> choosable;
  script::run_config by_login_cfg = cfg;
  if (opt.by_login) {
    login_case = login_case_of(cases, choosable);
    by_login_cfg.any_user = true;
    if (!login_case) {
      out.error = "--by-login: no selected case starts with `include " + cases.front()->suite + ".login`";
      return out;
    }
  }
  script::case_def const* const login = login_case ? &*login_case : nullptr;
  script::login_chooser const chooser = [&choosable](std::string const& name, std::string& why) {
    return choose_case(choosable, name, why);
  };
  session::io_context io;
  session::io_result r;
  auto l = session::listener::open(io, opt.host, opt.port, r);
  if (!l) {
    out.error = "cannot listen on " + opt.host + ":" + std::to_string(opt.port) + ": " + r.message;
    return out;
  }
  if (listening) listening(l->host(), l->port());
  std::size_t const total = opt.connections ? opt.connections : cases.size();
  for (std::size_t k = 0; k < total; ++k) {
    std::string why;
    auto conn = next_client(*l, opt, stop, why);
    if (!conn) {
      out.interrupted = stop.load();
      if (!out.interrupted) out.error = why;
      break;
    }
    script::case_def const& c = login ? *login : *cases[k % cases.size()];
    if (accepted) accepted(c);
    if (!opt.faults.empty()) {
      conn->set_fault(std::make_unique<session::fault_filter>(opt.faults, fault_protocol_of(cfg.tgt.proto), opt.seed + k));
    }
    script::case_result res =
        serve_connection(std::move(conn), c, k, opt, login ? &by_login_cfg : &cfg, login ? &chooser : nullptr);
    out.results.push_back(std::move(res));
    if (served) served(out.results.back(), out.results.size(), total);
  }
  l->close();
  return out;
}

}  // namespace mailspec::server
