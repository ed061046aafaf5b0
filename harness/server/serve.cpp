#include "server/serve.hpp"

#include <algorithm>

#include "script/interpreter.hpp"
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

script::case_result handshake_failed(script::case_def const& c, std::string const& why) {
  script::case_result r;
  r.id = c.id;
  r.title = c.title;
  r.suite = c.suite;
  r.refs = c.refs;
  r.tags = c.tags;
  r.where = c.where;
  r.v = script::verdict::error;
  r.reason = "implicit TLS: " + why + " (tell the client to trust the CA the server printed)";
  return r;
}

}  // namespace

serve_summary serve_cases(std::vector<script::case_def const*> const& cases, script::run_config const& cfg,
                          serve_options const& opt, on_listening const& listening, on_served const& served,
                          std::atomic<bool> const& stop, on_accepted const& accepted) {
  serve_summary out;
  if (cases.empty()) return out;
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
    script::case_def const& c = *cases[k % cases.size()];
    if (accepted) accepted(c);
    script::case_result res;
    session::io_result t;
    if (cfg.tgt.implicit_tls) t = conn->start_tls(cfg.tls_server, session::clock::now() + cfg.read_timeout);
    res = t ? script::run_case_on(c, cfg, std::move(conn)) : handshake_failed(c, t.message);
    out.results.push_back(std::move(res));
    if (served) served(out.results.back(), out.results.size(), total);
  }
  l->close();
  return out;
}

}  // namespace mailspec::server
