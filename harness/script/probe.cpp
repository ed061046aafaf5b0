// Capability probe, once per run: greeting, EHLO / CAPA / CAPABILITY, and the same again after
// STARTTLS / STLS when offered, so that `requires` can be decided without touching the target again.
#include <algorithm>
#include <sstream>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"

namespace mailspec::script {

namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void add_unique(std::vector<std::string>& v, std::string const& m) {
  if (std::find(v.begin(), v.end(), m) == v.end()) v.push_back(m);
}

void add_sasl(capabilities& caps, bool tls, std::string const& list) {
  std::istringstream ss(list);
  for (std::string m; ss >> m;) {
    m = upper(m);
    add_unique(caps.sasl, m);
    add_unique(tls ? caps.sasl_tls : caps.sasl_first, m);
  }
}

class prober {
 public:
  explicit prober(run_config& cfg) : cfg_(cfg) {}

  std::string run() {
    // One deadline for the whole probe, like a case's: a peer that streams, stalls or trickles cannot
    // keep it alive by answering each read just in time.
    all_ = session::clock::now() + cfg_.case_timeout;
    auto deadline = session::clock::now() + cfg_.connect_timeout;
    session::io_result r;
    auto conn = session::connection::open(io_, cfg_.tgt.host, cfg_.tgt.port, deadline, &tr_, "probe", r);
    if (!conn) return r.message;
    if (cfg_.tgt.implicit_tls) {
      auto t = conn->start_tls(cfg_.tls, std::min(all_, session::clock::now() + cfg_.read_timeout));
      if (!t) return t.message + tls_hint();
      cfg_.caps.tls = conn->tls();
    }
    peer_ = std::make_unique<peer>(std::move(conn), cfg_.tgt.proto, cfg_.lim);
    detail::probe_link const l{*peer_, cfg_, all_, &tags_};
    auto& d = peer_->dialect();
    detail::probe_answer a = d.probe_greeting(l);
    if (!a.error.empty()) return done(a.error);
    cfg_.caps.greeting = a.raw;
    if (a.refused) {
      cfg_.caps.notes.push_back("the greeting refuses service: " + codec::quote_bytes_cut(a.raw, 200) +
                                "; no capabilities probed");
      return done({});
    }
    auto& first = cfg_.tgt.implicit_tls ? cfg_.caps.secure : cfg_.caps.plain;
    if (std::string err = ask(l, first); !err.empty()) return done(err);
    cfg_.caps.starttls = !cfg_.tgt.implicit_tls && (first.count("STARTTLS") || first.count("STLS"));
    if (cfg_.caps.starttls) {
      if (std::string err = starttls(l); !err.empty()) return done(err);
      if (cfg_.caps.starttls) {
        if (std::string err = ask(l, cfg_.caps.secure); !err.empty()) return done(err);
      }
    }
    d.probe_after(l);
    d.probe_quit(l);
    peer_->conn().close();
    return done({});
  }

  std::string done(std::string err) {
    cfg_.caps.probed = err.empty();
    return err;
  }

 private:
  std::string tls_hint() const {
    return cfg_.tls.verify ? " (to trust a private certificate pass --cafile FILE, or --insecure to skip verification)" : "";
  }

  std::string ask(detail::probe_link const& l, std::map<std::string, std::string>& into) {
    detail::probe_answer a = peer_->dialect().probe_capabilities(l);
    if (!a.error.empty()) return a.error;
    into = detail::parse_capabilities(cfg_.tgt.proto, a.text);
    bool const tls = &into == &cfg_.caps.secure;
    if (cfg_.tgt.proto == protocol::smtp && into.count("AUTH")) add_sasl(cfg_.caps, tls, into["AUTH"]);
    if (cfg_.tgt.proto == protocol::pop3 && into.count("SASL")) add_sasl(cfg_.caps, tls, into["SASL"]);
    for (auto const& [k, v] : into) {
      if (cfg_.tgt.proto == protocol::imap && k.rfind("AUTH=", 0) == 0) add_sasl(cfg_.caps, tls, k.substr(5));
    }
    return {};
  }

  std::string starttls(detail::probe_link const& l) {
    detail::probe_answer a = peer_->dialect().probe_starttls(l);
    if (!a.error.empty()) return a.error;
    if (a.refused) {
      cfg_.caps.starttls = false;
      cfg_.caps.notes.push_back("STARTTLS is advertised but was refused: " + codec::quote_bytes_cut(a.raw, 200));
      return {};
    }
    peer_->discard_unread();
    auto t = peer_->conn().start_tls(cfg_.tls, l.deadline());
    if (!t) return t.message + tls_hint();
    cfg_.caps.tls = peer_->conn().tls();
    return {};
  }

  run_config& cfg_;
  session::io_context io_;
  session::transcript tr_;
  std::unique_ptr<peer> peer_;
  int tags_ = 0;
  session::clock::time_point all_;
};

}  // namespace

std::map<std::string, std::string> detail::parse_capabilities(protocol, std::string const& text) {
  std::map<std::string, std::string> out;
  std::istringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    std::size_t const sp = line.find_first_of(" =");
    std::string key = upper(line.substr(0, sp));
    std::string value = sp == std::string::npos ? "" : line.substr(sp + 1);
    // SMTP's old "AUTH=PLAIN" form and IMAP's "AUTH=PLAIN" atom: keep IMAP atoms whole.
    if (sp != std::string::npos && line[sp] == '=') {
      key = upper(line);
      value.clear();
    }
    out[key] = value;
  }
  return out;
}

std::string probe_capabilities(run_config& cfg) {
  try {
    return prober(cfg).run();
  } catch (std::exception const& e) {
    return std::string("probe failed: ") + e.what();
  }
}

}  // namespace mailspec::script
