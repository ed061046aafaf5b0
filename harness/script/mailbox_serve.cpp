// The `serve-mailbox` step: from here the built-in server (mailstore.hpp) answers every command of the
// client until it ends the session (QUIT, LOGOUT), closes, or a read times out. Each command's response is
// one write. The step judges nothing but framing: a command line that breaks the protocol's rules ends the
// case as the `command` matcher would; what happened goes to `${mailbox.*}` for the case's own checks.
#include "script/mailbox_serve.hpp"

#include <filesystem>
#include <optional>
#include <sstream>

#include "codec/sasl/base64.hpp"
#include "script/interpreter_detail.hpp"
#include "script/mailstore.hpp"
#include "script/peer.hpp"

namespace mailspec::script::detail {

namespace {

/// What every protocol's loop shares: the store, the options, and how a read ends the session.
class driver {
 public:
  driver(case_run& run, step const& s) : run_(run), s_(s) {
    if (run.cfg.password) {
      run.tr.add_secret(*run.cfg.password);
      run.tr.add_secret(codec::sasl::base64_encode(*run.cfg.password));
    }
  }

  mailstore::store load() const {
    auto it = run_.vars.find("mailstore");
    std::filesystem::path const dir = it != run_.vars.end() ? std::filesystem::path(it->second) : std::filesystem::path(s_.path);
    return mailstore::load_store(dir);
  }

  mailstore::options options() const {
    mailstore::options o;
    o.user = run_.cfg.user.value_or("");
    o.password = run_.cfg.password.value_or("");
    o.starttls = s_.starttls;
    if (!s_.strings.empty()) {
      std::istringstream words(run_.eval(s_.strings.front(), s_.line));
      for (std::string w; words >> w;) {
        for (auto& ch : w) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        o.features.insert(w);
      }
    }
    if (auto it = run_.vars.find("apop_timestamp"); it != run_.vars.end()) o.apop_timestamp = it->second;
    return o;
  }

  /// A read's outcome: true to go on; false when the session is over (the end recorded, or the case
  /// concluded for a framing violation).
  bool ok(read_outcome const& o) {
    if (o.st == read_status::ok) return true;
    if (o.st == read_status::violation) {
      going_on_ = run_.conclude_problem(o, s_, "a command");
      return false;
    }
    end_ = o.st == read_status::timeout ? "timeout" : "closed";
    return false;
  }

  void send(std::string const& response) {
    if (!response.empty()) run_.send_bytes(response);
  }

  /// STARTTLS/STLS answered: the handshake as the TLS server; false (the case concluded) when it fails.
  bool handshake() {
    std::string const dropped = run_.current().discard_unread();
    if (!dropped.empty()) {
      run_.tr.add(session::direction::note, run_.current().conn().name(),
                  "discarded " + std::to_string(dropped.size()) + " octets received before the TLS handshake");
    }
    auto t = run_.current().conn().start_tls(run_.cfg.tls_server, run_.read_deadline());
    if (t) return true;
    read_outcome o{read_status::error, t.message + " (tell the client to trust the CA the server printed)", {}, std::nullopt};
    going_on_ = run_.conclude_problem(o, s_, "a TLS handshake");
    return false;
  }

  /// A SASL line of the client (its CRLF removed), or nullopt when the session is over.
  std::optional<std::string> sasl_line() {
    std::string line;
    if (!ok(run_.current().read_line(line, run_.read_deadline()))) return std::nullopt;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.size() > 12) run_.tr.add_secret(line);  // a PLAIN blob carries the password, encoded
    run_.last_raw = "<a SASL line>";
    return line;
  }

  void command(std::string const& verb, std::string const& args, std::string const& raw) {
    run_.vars["cmd.verb"] = verb;
    run_.vars["cmd.args"] = args;
    std::string line = raw;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    run_.vars["cmd.line"] = line;
    run_.last_raw = raw;
  }

  /// Publishes the facts as `${mailbox.*}`; returns whether the case goes on.
  bool finish(mailstore::service const& svc) {
    for (auto const& [k, v] : svc.facts()) run_.vars["mailbox." + k] = v;
    if (!svc.ended()) run_.vars["mailbox.end"] = end_.empty() ? "closed" : end_;
    return going_on_;
  }

  case_run& run() { return run_; }

 private:
  case_run& run_;
  step const& s_;
  std::string end_;
  bool going_on_ = true;
};

std::string joined(std::vector<std::string> const& a) {
  std::string out;
  for (auto const& x : a) out += (out.empty() ? "" : " ") + x;
  return out;
}

/// The loop the three built-in servers share: SASL continuation lines go to the service; otherwise `next`
/// reads one client unit (a command, SMTP mail data), records it and returns the service's response, or
/// nothing to stop; after each response, STARTTLS and the end of the session.
template <class Service, class Next>
bool serve_loop(driver& dr, Service& svc, Next next) {
  for (;;) {
    if (svc.in_sasl()) {
      auto line = dr.sasl_line();
      if (!line) break;
      dr.send(svc.on_sasl_line(*line));
      continue;
    }
    std::optional<std::string> const response = next();
    if (!response) break;
    dr.send(*response);
    if (svc.wants_tls()) {
      if (!dr.handshake()) break;
      svc.tls_started();
    }
    if (svc.ended()) break;
  }
  return dr.finish(svc);
}

}  // namespace

bool serve_mailbox_smtp(case_run& run, step const& s, codec::smtp::command_parser& p, codec::smtp::eod_detector& d) {
  driver dr(run, s);
  mailstore::smtp_service svc(dr.load(), dr.options());
  return serve_loop(dr, svc, [&]() -> std::optional<std::string> {
    if (svc.wants_data()) {
      codec::smtp::data_result data;
      if (!dr.ok(run.current().read_smtp_data(d, data, run.read_deadline()))) return std::nullopt;
      run.vars["data.size"] = std::to_string(data.content_size);
      return svc.on_data(data);
    }
    codec::smtp::command c;
    if (!dr.ok(run.current().read_smtp_command(p, c, run.read_deadline()))) return std::nullopt;
    dr.command(c.verb, c.args, c.raw);
    if (c.verb == "EHLO" || c.verb == "HELO") run.vars["client.helo"] = c.args;
    return svc.on_command(c);
  });
}

bool serve_mailbox_pop3(case_run& run, step const& s, codec::pop3::command_parser& p) {
  driver dr(run, s);
  mailstore::pop3_service svc(dr.load(), dr.options());
  return serve_loop(dr, svc, [&]() -> std::optional<std::string> {
    codec::pop3::command c;
    if (!dr.ok(run.current().read_pop3_command(p, c, run.read_deadline()))) return std::nullopt;
    std::string const args = joined(c.args);
    if (c.keyword == "PASS" && !args.empty()) run.tr.add_secret(args);
    if (c.keyword == "AUTH" && c.args.size() > 1) run.tr.add_secret(c.args[1]);
    dr.command(c.keyword, c.keyword == "PASS" ? "<redacted>" : args, c.keyword == "PASS" ? "PASS <redacted>\r\n" : c.raw);
    return svc.on_command(c);
  });
}

bool serve_mailbox_imap(case_run& run, step const& s, codec::imap::command_parser& p) {
  driver dr(run, s);
  mailstore::imap_service svc(dr.load(), dr.options());
  // LITERAL+ advertised: a non-synchronising literal of any size is the client's right (RFC 7888 §4).
  codec::imap::command_limits lim;
  lim.literal_minus = !dr.options().has("LITERAL+");
  p = codec::imap::command_parser(codec::parse_mode::strict, lim);
  return serve_loop(dr, svc, [&]() -> std::optional<std::string> {
    p.expect(svc.expect());
    codec::imap::command c;
    peer::literal_answer lit;
    read_outcome const o = run.current().read_imap_command(p, c, run.read_deadline(), lit);
    if (!lit.early.empty()) svc.note_unsynced_literal();
    if (!dr.ok(o)) return std::nullopt;
    std::string args;
    for (auto const& v : c.args) args += (args.empty() ? "" : " ") + codec::imap::serialize(v);
    if (c.name == "LOGIN" && c.args.size() >= 2) run.tr.add_secret(c.args[1].text);
    if (c.name == "AUTHENTICATE" && c.args.size() >= 2) run.tr.add_secret(c.args[1].text);
    dr.command(c.name.empty() ? std::string("DONE") : c.name, args, c.raw);
    run.vars["cmd.tag"] = c.tag;
    run.vars["cmd.uid"] = c.uid ? "UID" : "";
    return svc.on_command(c);
  });
}

}  // namespace mailspec::script::detail
