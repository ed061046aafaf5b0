// The server-role dialects of SMTP and POP3: the harness plays the server and judges a client. The peer's
// units are client commands (and SMTP mail data); replies are what the script sends.
#include <algorithm>

#include "codec/pop3/command.hpp"
#include "codec/pop3/error.hpp"
#include "codec/smtp/bdat.hpp"
#include "codec/smtp/command.hpp"
#include "codec/smtp/data.hpp"
#include "codec/smtp/error.hpp"
#include "script/dialect_common.hpp"
#include "script/mailbox_serve.hpp"

namespace mailspec::script::detail {

namespace {

std::string strip_eol(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

/// The server dialects here judge a command by verb and arguments the same way.
class server_dialect : public server_role_dialect {
 protected:
  /// `command VERB|VERB [text /RE/]`: the verb is one of the alternatives, the arguments match.
  check judge(case_run& run, matcher const& m, std::string const& verb, std::string const& args, std::string const& raw) {
    run.vars["cmd.verb"] = verb;
    run.vars["cmd.args"] = args;
    run.vars["cmd.line"] = strip_eol(raw);
    std::string expected = "a command " + describe_codes(m.alternatives);
    if (m.text) expected += " with arguments matching " + m.text->str();
    bool ok = m.alternatives.empty() ||
              std::find(m.alternatives.begin(), m.alternatives.end(), verb) != m.alternatives.end();
    if (ok && m.text) ok = m.text->search(args).has_value();
    return ok ? check::pass() : run.mismatch(expected, raw);
  }
};

class smtp_server final : public server_dialect {
 public:
  protocol proto() const override { return protocol::smtp; }

  check read_command(case_run& run, codec::smtp::command& out, std::optional<millis> within) {
    auto o = run.current().read_smtp_command(parser_, out, run.read_deadline(within));
    if (o.st != read_status::ok) return problem(std::move(o));
    run.last_raw = out.raw;
    // The client's identity for the report: the name it gives in EHLO/HELO (RFC 5321 §4.1.1.1).
    if (out.verb == "EHLO" || out.verb == "HELO") run.vars["client.helo"] = out.args;
    if (out.verb == "MAIL" || out.verb == "RCPT") capture_path(run, out);
    return check::pass();
  }

  /// MAIL/RCPT: `${cmd.path}` (the address, "" for <>) and `${cmd.param.KEYWORD}` for each ESMTP parameter
  /// (RFC 5321 §4.1.2); `${cmd.path.error}` says why the arguments do not parse, else it is empty.
  static void capture_path(case_run& run, codec::smtp::command const& c) {
    for (auto it = run.vars.begin(); it != run.vars.end();) {
      it = it->first.rfind("cmd.param.", 0) == 0 || it->first.rfind("cmd.path", 0) == 0 ? run.vars.erase(it) : std::next(it);
    }
    std::error_code ec;
    auto p = c.verb == "MAIL" ? codec::smtp::parse_mail_from(c.args, ec) : codec::smtp::parse_rcpt_to(c.args, ec);
    run.vars["cmd.path.error"] = p ? std::string() : ec.message();
    if (!p) return;
    run.vars["cmd.path"] = p->address.null ? std::string() : p->address.local_part + (p->address.domain.empty() ? "" : "@" + p->address.domain);
    for (auto const& prm : p->params) {
      std::string key = prm.keyword;
      for (auto& ch : key) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      run.vars["cmd.param." + key] = prm.value.value_or("");
    }
  }

  check mail_data(case_run& run, matcher const& m) {
    codec::smtp::data_result d;
    auto o = run.current().read_smtp_data(data_, d, run.read_deadline(m.within));
    if (o.st != read_status::ok) {
      check c = problem(std::move(o));
      c.expected = "mail data ended by CRLF.CRLF";
      return c;
    }
    run.last_raw = d.content.substr(0, 1u << 20);
    run.vars["data.size"] = std::to_string(d.content_size);
    if (!m.text || m.text->search(d.content)) return check::pass();
    return run.mismatch("mail data matching " + m.text->str(), d.content);
  }

  /// `bdat [text /RE/]`: one BDAT command and its chunk (RFC 3030 §2); `${bdat.size}`, `${bdat.last}`
  /// ("LAST" or empty), and `${cmd.verb}`, `${cmd.args}`, `${cmd.line}` as for `command`.
  check bdat(case_run& run, matcher const& m) {
    codec::smtp::command c;
    check r = read_command(run, c, m.within);
    if (!r.ok) return r.expected = "a BDAT command and its chunk", r;
    matcher want;
    want.kind = matcher_kind::command;
    want.alternatives = {"BDAT"};
    check const verb = judge(run, want, c.verb, c.args, c.raw);
    if (!verb.ok) return verb;
    std::error_code ec;
    auto const args = codec::smtp::parse_bdat(c.args, ec);
    if (!args) {
      // bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CRLF (RFC 3030 §2): nobody knows where the chunk ends.
      return problem({read_status::violation, "BDAT arguments are not chunk-size [SP LAST]", c.raw, rfc_ref{3030, "2", level::must}});
    }
    chunk_.start(*args);
    codec::smtp::bdat_chunk chunk;
    auto o = run.current().read_smtp_chunk(chunk_, chunk, run.read_deadline(m.within));
    if (o.st != read_status::ok) {
      check p = problem(std::move(o));
      p.expected = "the " + std::to_string(args->size) + " octets of the BDAT chunk";
      return p;
    }
    run.last_raw = chunk.content.substr(0, 1u << 20);
    run.vars["bdat.size"] = std::to_string(chunk.size);
    run.vars["bdat.last"] = chunk.last ? "LAST" : "";
    if (!m.text || m.text->search(chunk.content)) return check::pass();
    return run.mismatch("a BDAT chunk matching " + m.text->str(), chunk.content);
  }

  check evaluate(case_run& run, matcher const& m) override {
    if (m.kind == matcher_kind::mail_data) return mail_data(run, m);
    if (m.kind == matcher_kind::bdat) return bdat(run, m);
    if (m.kind != matcher_kind::command) throw run.fault("matcher not valid for an SMTP server");
    codec::smtp::command c;
    check r = read_command(run, c, m.within);
    if (!r.ok) return r.expected = "a command " + describe_codes(m.alternatives), r;
    return judge(run, m, c.verb, c.args, c.raw);
  }

  check read_any(case_run& run) override {
    codec::smtp::command c;
    return read_command(run, c, std::nullopt);
  }

  bool serve_mailbox(case_run& run, step const& s) override { return serve_mailbox_smtp(run, s, parser_, data_); }

  rfc_ref rule_for(std::error_code ec) const override {
    // A client's command line: CRLF only (RFC 5321 §2.3.8), at most 512 octets (§4.5.3.1.4).
    if (ec == codec::smtp::error::line_too_long) return {5321, "4.5.3.1.4", level::must};
    if (ec == codec::smtp::error::bare_lf || ec == codec::smtp::error::bare_cr) return {5321, "2.3.8", level::must};
    return {5321, "4.1.1", level::must};
  }

 private:
  codec::smtp::command_parser parser_;
  codec::smtp::eod_detector data_;
  codec::smtp::bdat_reader chunk_;
};

class pop3_server final : public server_dialect {
 public:
  protocol proto() const override { return protocol::pop3; }

  check read_command(case_run& run, codec::pop3::command& out, std::optional<millis> within) {
    auto o = run.current().read_pop3_command(parser_, out, run.read_deadline(within));
    if (o.st != read_status::ok) return problem(std::move(o));
    run.last_raw = out.keyword == "PASS" ? "PASS <redacted>\r\n" : out.raw;
    return check::pass();
  }

  check evaluate(case_run& run, matcher const& m) override {
    if (m.kind != matcher_kind::command) throw run.fault("matcher not valid for a POP3 server");
    codec::pop3::command c;
    check r = read_command(run, c, m.within);
    if (!r.ok) return r.expected = "a command " + describe_codes(m.alternatives), r;
    std::string args;
    for (auto const& a : c.args) args += (args.empty() ? "" : " ") + a;
    // The password the client sends is a credential too: never in a report.
    if (c.keyword == "PASS" && !args.empty()) run.tr.add_secret(args);
    // The login name (`mailspec serve --by-login` picks the case by it).
    if (c.keyword == "USER") {
      run.vars["login.user"] = args;
      if (run.cfg.any_user) run.vars["user"] = args;
    }
    return judge(run, m, c.keyword, args, c.raw);
  }

  check read_any(case_run& run) override {
    codec::pop3::command c;
    return read_command(run, c, std::nullopt);
  }

  /// The first line the script sends is the greeting: its APOP timestamp, if any, is kept for
  /// `serve-auth` after an APOP command (RFC 1939 §7).
  void on_sent(case_run& run, std::string_view bytes) override {
    if (greeted_) return;
    greeted_ = true;
    std::string_view const line = bytes.substr(0, std::min(bytes.find('\n'), bytes.size()));
    std::size_t const lt = line.find('<');
    std::size_t const gt = lt == std::string_view::npos ? lt : line.find('>', lt);
    run.vars["apop.timestamp"] = gt == std::string_view::npos ? std::string() : std::string(line.substr(lt, gt - lt + 1));
  }

  bool serve_mailbox(case_run& run, step const& s) override { return serve_mailbox_pop3(run, s, parser_); }

  rfc_ref rule_for(std::error_code ec) const override {
    if (ec == codec::pop3::error::line_too_long) return {2449, "4", level::must};
    return {1939, "3", level::must};
  }

 private:
  // RFC 2449 §4 raised the command limit from 47 octets (one 40-character argument) to 255 octets, and
  // RFC 5034 §4 lets an AUTH initial response fill them: an argument is limited by the line alone. The
  // fake server speaks RFC 2449, so a SASL initial response over 40 characters is no fault of the client.
  codec::pop3::command_parser parser_{codec::parse_mode::strict, codec::pop3::command_limits{255, 253}};
  bool greeted_ = false;
};

}  // namespace

std::unique_ptr<dialect> make_smtp_server() { return std::make_unique<smtp_server>(); }
std::unique_ptr<dialect> make_pop3_server() { return std::make_unique<pop3_server>(); }

}  // namespace mailspec::script::detail
