#include "report/report.hpp"

#include "report/document.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "codec/common/observation.hpp"

namespace mailspec::report {

using nlohmann::json;

namespace {

json rfc_json(script::rfc_ref const& r) {
  return {{"rfc", r.rfc}, {"section", r.section}, {"level", std::string(script::to_string(r.lvl))},
          {"url", "https://www.rfc-editor.org/rfc/rfc" + std::to_string(r.rfc) + "#section-" + r.section}};
}

json refs_json(std::vector<script::rfc_ref> const& refs) {
  json a = json::array();
  for (auto const& r : refs) a.push_back(rfc_json(r));
  return a;
}

json finding_json(script::finding const& f) {
  json j = {{"step", f.step}, {"expected", f.expected}, {"actual", f.actual}};
  if (f.rfc) j["rfc"] = rfc_json(*f.rfc);
  return j;
}

json transcript_json(std::vector<session::transcript_entry> const& t) {
  json a = json::array();
  for (auto const& e : t) {
    a.push_back({{"t_ms", static_cast<double>(e.t_us) / 1000.0},
                 {"dir", std::string(1, static_cast<char>(e.dir))},
                 {"conn", e.conn},
                 {"data", e.dir == session::direction::note ? e.data : codec::quote_bytes(e.data)}});
  }
  return a;
}

}  // namespace

json case_json(script::case_result const& c) {
  json j = {{"id", c.id},
            {"suite", c.suite},
            {"title", c.title},
            {"rfc", refs_json(c.refs)},
            {"tags", c.tags},
            {"source", c.where.str()},
            {"verdict", std::string(script::to_string(c.v))},
            {"reason", c.reason},
            {"duration_ms", c.duration_ms},
            {"transcript", transcript_json(c.transcript)}};
  if (c.evidence) j["evidence"] = finding_json(*c.evidence);
  if (!c.observations.empty()) {
    json obs = json::array();
    for (auto const& o : c.observations) obs.push_back(finding_json(o));
    j["observations"] = obs;
  }
  if (c.transcript_dropped) j["transcript_dropped_octets"] = c.transcript_dropped;
  if (!c.hint.empty()) j["hint"] = c.hint;
  if (!c.rule_hits.empty()) {
    json hits = json::array();
    for (auto const& h : c.rule_hits) {
      hits.push_back({{"rule", h.rule}, {"count", c.rule_hit_counts.at(h.rule)}, {"evidence", finding_json(h.f)}});
    }
    j["rule_breaches"] = hits;
  }
  return j;
}

namespace {

json caps_json(std::map<std::string, std::string> const& m) {
  json o = json::object();
  for (auto const& [k, v] : m) o[k] = v;
  return o;
}

}  // namespace

summary summarise(std::vector<script::case_result> const& cases) {
  summary s;
  for (auto const& c : cases) {
    switch (c.v) {
      case script::verdict::pass: ++s.pass; break;
      case script::verdict::fail: ++s.fail; break;
      case script::verdict::warn: ++s.warn; break;
      case script::verdict::info: ++s.info; break;
      case script::verdict::skip: ++s.skip; break;
      case script::verdict::error: ++s.error; break;
    }
  }
  return s;
}

json summary_json(summary const& s) {
  return {{"total", s.total()}, {"pass", s.pass}, {"fail", s.fail}, {"warn", s.warn}, {"info", s.info},
          {"skip", s.skip}, {"error", s.error}};
}

std::string dump(json const& j) {
  // Octets from the wire are quoted ASCII already; replace keeps any stray invalid UTF-8 from throwing.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string to_json(client::run_record const& r, std::string const& tool_version) {
  return dump(document(r, tool_version));
}

json run_json(client::run_record const& r, std::string const& tool_version) {
  json tls = {{"active", r.caps.tls.active}};
  if (r.caps.tls.active) {
    tls["version"] = r.caps.tls.version;
    tls["cipher"] = r.caps.tls.cipher;
    tls["peer_subject"] = r.caps.tls.peer_subject;
    tls["verified"] = r.caps.tls.verified;
  }
  json j = {
      {"$schema", schema_id},
      {"schema_version", schema_version},
      {"tool", {{"name", "mailspec"}, {"version", tool_version}}},
      {"target",
       {{"url", r.tgt.url},
        {"protocol", std::string(script::to_string(r.tgt.proto))},
        {"host", r.tgt.host},
        {"port", r.tgt.port},
        {"implicit_tls", r.tgt.implicit_tls},
        {"greeting", codec::quote_bytes(r.caps.greeting)},
        {"capabilities", caps_json(r.caps.plain)},
        {"capabilities_tls", caps_json(r.caps.secure)},
        {"capabilities_authenticated", caps_json(r.caps.authed)},
        {"sasl", r.caps.sasl},
        {"starttls", r.caps.starttls},
        {"tls", tls},
        {"notes", r.caps.notes}}},
      {"started", r.started},
      {"finished", r.finished},
      {"interrupted", r.interrupted},
      {"options", r.options},
  };
  if (!r.probe_error.empty()) j["target"]["probe_error"] = r.probe_error;
  if (r.mode == "reader-test") {  // no network target: the reader is what was judged
    j["target"] = {{"url", r.tgt.url}, {"protocol", "mime"}, {"reader", r.reader}};
  }
  if (r.mode != "server-test") j["mode"] = r.mode;
  if (r.mode == "client-test") {
    json clients = json::array();
    for (auto const& c : r.cases) {
      json one = {{"case", c.id}};
      if (!c.client_helo.empty()) one["helo"] = c.client_helo;
      if (c.client_imap_id) {
        json id = json::object();
        for (auto const& [k, v] : *c.client_imap_id) id[k] = v ? json(*v) : json(nullptr);
        one["imap_id"] = std::move(id);
      }
      if (!c.client_user_agent.empty()) one["user_agent"] = c.client_user_agent;
      one["tls"] = {{"active", c.client_tls}};
      if (!c.client_tls_version.empty()) one["tls"]["version"] = c.client_tls_version;
      clients.push_back(std::move(one));
    }
    j["clients"] = std::move(clients);
  }
  if (r.caps.recipient.done) {
    auto const& rc = r.caps.recipient;
    j["target"]["recipient"] = {{"address", rc.address}, {"accepted", rc.accepted}, {"reply", codec::quote_bytes(rc.reply)}};
    if (!rc.hint.empty()) j["target"]["recipient"]["hint"] = rc.hint;
  }
  return j;
}

json document(client::run_record const& r, std::string const& tool_version) {
  json j = run_json(r, tool_version);
  j["summary"] = summary_json(summarise(r.cases));
  json cases = json::array();
  for (auto const& c : r.cases) cases.push_back(case_json(c));
  j["cases"] = std::move(cases);
  return j;
}

std::string cases_to_json(std::vector<script::case_def const*> const& cases) {
  json a = json::array();
  for (auto const* c : cases) {
    json req = json::array();
    for (auto const& r : c->requires_) {
      static char const* const names[] = {"ext", "tls-ext", "sasl", "tls-sasl", "login", "tls", "starttls", "plain", "var", "implicit-tls", "scheme"};
      std::string s = names[static_cast<int>(r.k)];
      if (!r.name.empty()) s += " " + r.name;
      req.push_back(s);
    }
    a.push_back({{"id", c->id},
                 {"suite", c->suite},
                 {"protocol", std::string(script::to_string(c->proto))},
                 {"role", std::string(script::to_string(c->role))},
                 {"title", c->title},
                 {"rfc", refs_json(c->refs)},
                 {"tags", c->tags},
                 {"requires", req},
                 {"file", c->where.file},
                 {"line", c->where.line}});
  }
  return a.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void write_atomic(std::string const& path, std::string const& content) {
  namespace fs = std::filesystem;
  fs::path const target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp + ": " + std::strerror(errno));
  std::size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int const e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("cannot write " + tmp + ": " + std::strerror(e));
    }
    off += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    int const e = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " + std::strerror(e));
  }
}

}  // namespace mailspec::report
