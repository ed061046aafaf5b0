// Capability probe, once per run: greeting, EHLO / CAPA / CAPABILITY, and the same again after
// STARTTLS / STLS when offered, so that `requires` can be decided without touching the target again.
#include <algorithm>
#include <sstream>

#include "codec/common/observation.hpp"
#include "codec/sasl/base64.hpp"
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
      auto t = conn->start_tls(cfg_.tls, next());
      if (!t) return t.message + tls_hint();
      cfg_.caps.tls = conn->tls();
    }
    peer_ = std::make_unique<peer>(std::move(conn), cfg_.tgt.proto, cfg_.lim);
    std::string err = greeting();
    if (!err.empty() || stop_) return done(err);
    auto& first = cfg_.tgt.implicit_tls ? cfg_.caps.secure : cfg_.caps.plain;
    if (err = ask(first); !err.empty() || stop_) return done(err);
    cfg_.caps.starttls = !cfg_.tgt.implicit_tls && (first.count("STARTTLS") || first.count("STLS"));
    if (cfg_.caps.starttls) {
      if (err = starttls(); !err.empty() || stop_) return done(err);
      if (err = ask(cfg_.caps.secure); !err.empty() || stop_) return done(err);
    }
    if (cfg_.tgt.proto == protocol::imap && cfg_.user && cfg_.password) {
      // Servers advertise more after login (RFC 9051 §6.2.3 lets them): `requires ext` sees that set too.
      if (std::string e = imap_login(); !e.empty()) cfg_.caps.notes.push_back("capabilities after LOGIN: " + e);
    }
    if (cfg_.tgt.proto == protocol::smtp) {
      // The capabilities are known: a server that drops the probe here only leaves the recipient unknown.
      if (std::string e = check_recipient(); !e.empty()) {
        cfg_.caps.notes.push_back("recipient check: " + e);
        cfg_.caps.recipient.done = false;
        cfg_.caps.probed = true;
        return {};
      }
    }
    quit();
    return done({});
  }

  std::string done(std::string err) {
    cfg_.caps.probed = err.empty();
    return err;
  }

 private:
  session::clock::time_point next() const { return std::min(all_, session::clock::now() + cfg_.read_timeout); }

  std::string tls_hint() const {
    return cfg_.tls.verify ? " (to trust a private certificate pass --cafile FILE, or --insecure to skip verification)" : "";
  }

  void send(std::string const& line) { peer_->conn().write(line + "\r\n", next()); }

  void refused(std::string const& raw) {
    cfg_.caps.notes.push_back("the greeting refuses service: " + codec::quote_bytes_cut(raw, 200) +
                              "; no capabilities probed");
    stop_ = true;
  }

  /// A probe that cannot get through (the peer stalls, closes, floods or garbles it) ends the run:
  /// every case would hit the same wall. The reason names the rule the peer broke and quotes its octets.
  std::string judge(read_outcome const& o, std::string const& what) { return what + ": " + describe(o); }

  static std::string describe(read_outcome const& o) {
    std::string rule;
    if (o.rule && o.rule->rfc) rule = " (RFC " + std::to_string(o.rule->rfc) + " §" + o.rule->section + ")";
    return o.message + rule + (o.partial.empty() ? "" : ": " + codec::quote_bytes_cut(o.partial, 200));
  }

  /// IMAP: LOGIN with the run's credentials, then the capabilities of the authenticated state.
  std::string imap_login() {
    auto const& now = cfg_.caps.starttls || cfg_.tgt.implicit_tls ? cfg_.caps.secure : cfg_.caps.plain;
    if (now.count("LOGINDISABLED")) return "LOGINDISABLED is advertised; not logged in";
    using codec::imap::quote_string;
    std::string const tag = "P" + std::to_string(++tags_);
    peer_->conn().write(tag + " LOGIN " + quote_string(*cfg_.user) + " " + quote_string(*cfg_.password) + "\r\n", next(),
                        tag + " LOGIN " + quote_string(*cfg_.user) + " <redacted>\r\n");
    auto const login_deadline = std::min(all_, session::clock::now() + std::max(cfg_.read_timeout, cfg_.login_timeout));
    std::string text;
    std::size_t octets = 0;
    for (;;) {
      codec::imap::response r;
      if (auto o = peer_->read_imap(r, login_deadline); o.st != read_status::ok) return "LOGIN failed: " + describe(o);
      if ((octets += r.raw.size()) > cfg_.lim.max_response) return "LOGIN failed: a flood of untagged responses";
      if (r.name == "CAPABILITY") {
        for (auto const& v : r.data) text += v.text + "\n";
      }
      if (r.t != codec::imap::response::type::tagged) continue;
      if (r.name != "OK") return "LOGIN refused: " + codec::quote_bytes_cut(r.raw, 200);
      if (r.code == "CAPABILITY") {
        for (auto const& v : r.code_args) text += v.text + "\n";
      }
      break;
    }
    if (text.empty()) return ask(cfg_.caps.authed);  // no [CAPABILITY] code: ask
    cfg_.caps.authed = detail::parse_capabilities(cfg_.tgt.proto, text);
    return {};
  }

  /// Sends a line and reads one SMTP reply.
  std::string smtp_round(std::string const& line, codec::smtp::reply& r, std::string const& shown = {}) {
    peer_->conn().write(line + "\r\n", next(), shown);
    if (auto o = peer_->read_smtp(r, next()); o.st != read_status::ok) return judge(o, "no reply to " + (shown.empty() ? line : shown));
    return {};
  }

  /// Whether ${rcpt} is accepted, once per run, so the user learns at the start why transaction cases skip.
  std::string check_recipient() {
    auto var = [&](std::string const& k, std::string const& dflt) {
      auto it = cfg_.vars.find(k);
      return it == cfg_.vars.end() ? dflt : it->second;
    };
    auto& rc = cfg_.caps.recipient;
    rc.done = true;
    rc.address = var("rcpt", "postmaster@" + var("domain", "example.test"));
    bool const submission = cfg_.tgt.scheme == "submission" || cfg_.tgt.scheme == "smtps";
    auto const& caps = cfg_.caps.starttls || cfg_.tgt.implicit_tls ? cfg_.caps.secure : cfg_.caps.plain;
    codec::smtp::reply r;
    if (submission && cfg_.user && cfg_.password && caps.count("AUTH")) {
      std::string const blob = codec::sasl::base64_encode(std::string(1, '\0') + *cfg_.user + std::string(1, '\0') + *cfg_.password);
      if (auto e = smtp_round("AUTH PLAIN " + blob, r, "AUTH PLAIN <redacted>"); !e.empty()) return e;
      if (r.code != 235) {
        rc.reply = r.raw;
        rc.hint = detail::fix_hint(protocol::smtp, "AUTH", cfg_);
        return {};
      }
    }
    std::string const mail = "MAIL FROM:<" + var("sender", "mailspec@example.org") + ">";
    if (auto e = smtp_round(mail, r); !e.empty()) return e;
    if (r.code / 100 != 2) {
      rc.reply = r.raw;
      rc.hint = detail::fix_hint(protocol::smtp, mail, cfg_);
      return {};
    }
    std::string const rcpt = "RCPT TO:<" + rc.address + ">";
    if (auto e = smtp_round(rcpt, r); !e.empty()) return e;
    rc.reply = r.raw;
    rc.accepted = r.code / 100 == 2;
    if (!rc.accepted) rc.hint = detail::fix_hint(protocol::smtp, rcpt, cfg_);
    return smtp_round("RSET", r);
  }

  std::string greeting() {
    switch (cfg_.tgt.proto) {
      case protocol::smtp: {
        codec::smtp::reply r;
        if (auto o = peer_->read_smtp(r, next()); o.st != read_status::ok) return judge(o, "no SMTP greeting");
        cfg_.caps.greeting = r.raw;
        if (r.code != 220) refused(r.raw);  // 554/421: still a target; its cases judge the greeting
        return {};
      }
      case protocol::pop3: {
        codec::pop3::response r;
        if (auto o = peer_->read_pop3(r, false, next()); o.st != read_status::ok) return judge(o, "no POP3 greeting");
        cfg_.caps.greeting = r.raw;
        if (!r.st.ok) refused(r.raw);
        return {};
      }
      case protocol::imap: {
        codec::imap::response r;
        if (auto o = peer_->read_imap(r, next()); o.st != read_status::ok) return judge(o, "no IMAP greeting");
        cfg_.caps.greeting = r.raw;
        if (r.name == "BYE") refused(r.raw);
        return {};
      }
    }
    return {};
  }

  std::string ask(std::map<std::string, std::string>& into) {
    std::string text;
    switch (cfg_.tgt.proto) {
      case protocol::smtp: {
        send("EHLO mailspec.test");
        codec::smtp::reply r;
        if (auto o = peer_->read_smtp(r, next()); o.st != read_status::ok) return judge(o, "EHLO failed");
        if (r.code != 250) {
          cfg_.caps.notes.push_back("EHLO answered " + std::to_string(r.code) + "; no extensions known");
          return {};
        }
        for (std::size_t i = 1; i < r.lines.size(); ++i) text += r.lines[i].text + "\n";
        break;
      }
      case protocol::pop3: {
        send("CAPA");
        codec::pop3::response r;
        if (auto o = peer_->read_pop3(r, true, next()); o.st != read_status::ok) return judge(o, "CAPA failed");
        if (!r.st.ok) {
          cfg_.caps.notes.push_back("CAPA answered -ERR; no capabilities known");
          return {};
        }
        text = r.body;
        break;
      }
      case protocol::imap: {
        send("P" + std::to_string(++tags_) + " CAPABILITY");
        std::size_t octets = 0;
        for (;;) {
          codec::imap::response r;
          if (auto o = peer_->read_imap(r, next()); o.st != read_status::ok) return judge(o, "CAPABILITY failed");
          octets += r.raw.size();
          if (octets > cfg_.lim.max_response) {
            return "CAPABILITY failed: more than " + std::to_string(cfg_.lim.max_response) +
                   " octets of responses before the tagged one (--max-response): " + codec::quote_bytes_cut(r.raw, 200);
          }
          if (r.t == codec::imap::response::type::tagged) break;
          if (r.name == "CAPABILITY") {
            for (auto const& v : r.data) text += v.text + "\n";
          }
        }
        break;
      }
    }
    into = detail::parse_capabilities(cfg_.tgt.proto, text);
    bool const tls = &into == &cfg_.caps.secure;
    if (cfg_.tgt.proto == protocol::smtp && into.count("AUTH")) add_sasl(cfg_.caps, tls, into["AUTH"]);
    if (cfg_.tgt.proto == protocol::pop3 && into.count("SASL")) add_sasl(cfg_.caps, tls, into["SASL"]);
    if (cfg_.tgt.proto == protocol::imap) {
      for (auto const& [k, v] : into) {
        if (k.rfind("AUTH=", 0) == 0) add_sasl(cfg_.caps, tls, k.substr(5));
      }
    }
    return {};
  }

  std::string starttls() {
    bool go = false;
    std::string raw;
    switch (cfg_.tgt.proto) {
      case protocol::smtp: {
        send("STARTTLS");
        codec::smtp::reply r;
        if (auto o = peer_->read_smtp(r, next()); o.st != read_status::ok) return "STARTTLS failed: " + describe(o);
        go = r.code == 220;
        raw = r.raw;
        break;
      }
      case protocol::pop3: {
        send("STLS");
        codec::pop3::response r;
        if (auto o = peer_->read_pop3(r, false, next()); o.st != read_status::ok) return "STLS failed: " + describe(o);
        go = r.st.ok;
        raw = r.raw;
        break;
      }
      case protocol::imap: {
        send("P" + std::to_string(++tags_) + " STARTTLS");
        codec::imap::response r;
        for (std::size_t octets = 0;;) {
          if (auto o = peer_->read_imap(r, next()); o.st != read_status::ok) return "STARTTLS failed: " + describe(o);
          if (r.t == codec::imap::response::type::tagged) break;
          if ((octets += r.raw.size()) > cfg_.lim.max_response) return "STARTTLS failed: a flood of untagged responses";
        }
        go = r.name == "OK";
        raw = r.raw;
        break;
      }
    }
    if (!go) {
      cfg_.caps.starttls = false;
      cfg_.caps.notes.push_back("STARTTLS is advertised but was refused: " + codec::quote_bytes_cut(raw, 200));
      return {};
    }
    peer_->discard_unread();
    auto t = peer_->conn().start_tls(cfg_.tls, next());
    if (!t) return t.message + tls_hint();
    cfg_.caps.tls = peer_->conn().tls();
    return {};
  }

  void quit() {
    send(cfg_.tgt.proto == protocol::imap ? "P" + std::to_string(++tags_) + " LOGOUT" : std::string("QUIT"));
    peer_->conn().close();
  }

  run_config& cfg_;
  session::io_context io_;
  session::transcript tr_;
  std::unique_ptr<peer> peer_;
  int tags_ = 0;
  session::clock::time_point all_;
  bool stop_ = false;  // the peer broke the protocol: what is known so far is all there is
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
