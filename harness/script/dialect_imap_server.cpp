// The IMAP server-role dialect: the harness plays an IMAP server and judges a client. Client commands are
// parsed strictly (RFC 9051 §9); a synchronising literal gets its "+" when the client waits for it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "codec/imap/command.hpp"
#include "codec/imap/error.hpp"
#include "script/dialect_common.hpp"
#include "script/mailbox_serve.hpp"

namespace mailspec::script::detail {

namespace {

class imap_server final : public server_role_dialect {
 public:
  protocol proto() const override { return protocol::imap; }

  check read_command(case_run& run, codec::imap::command& out, std::optional<millis> within) {
    // `set literal.plus "yes"` when the script advertises LITERAL+: a {n+} literal of any size is then
    // valid (RFC 7888 §3); otherwise one over 4096 octets breaks RFC 9051 §4.3 and LITERAL- (§5).
    auto const plus = run.vars.find("literal.plus");
    bool const literal_plus = plus != run.vars.end() && plus->second == "yes";
    if (literal_plus != literal_plus_) {
      codec::imap::command_limits limits;
      limits.literal_minus = !literal_plus;
      parser_ = codec::imap::command_parser(codec::parse_mode::strict, limits);
      literal_plus_ = literal_plus;
    }
    peer::literal_answer lit;
    // `set literal.refuse "NO [TOOBIG] ..."`: the next synchronising literal gets that tagged reply instead
    // of "+"; the read returns the command so far, `${cmd.refused}` is "yes" and `${literal.refused}` holds
    // its octets.
    auto const refuse = run.vars.find("literal.refuse");
    if (refuse != run.vars.end()) lit.refuse = refuse->second;
    auto o = run.current().read_imap_command(parser_, out, run.read_deadline(within), lit);
    if (!lit.refused.empty()) {
      run.vars["literal.refused"] = lit.refused;
      run.vars.erase("literal.refuse");
    }
    if (o.st != read_status::ok) return problem(std::move(o));
    run.last_raw = out.raw;
    set_command_vars(run, out, lit.early);
    run.vars["cmd.refused"] = lit.refused.empty() ? "" : "yes";
    // The password of a LOGIN is a credential: never in a report, whatever it is.
    if (out.name == "LOGIN" && out.args.size() >= 2) run.tr.add_secret(out.args[1].text);
    // The login name (`mailspec serve --by-login` picks the case by it).
    if (out.name == "LOGIN" && !out.args.empty()) {
      run.vars["login.user"] = out.args[0].text;
      if (run.cfg.any_user) run.vars["user"] = out.args[0].text;
    }
    return check::pass();
  }

  /// `${cmd.*}`: tag, verb, UID prefix, the arguments (serialised, and each decoded as `${cmd.argN}`),
  /// the first literal's octets, whether any literal was non-synchronising (`{n+}`, RFC 7888) and the
  /// octets of a synchronising literal sent before the continuation request (RFC 9051 §4.3).
  static void set_command_vars(case_run& run, codec::imap::command const& out, std::string const& early) {
    for (auto it = run.vars.begin(); it != run.vars.end();) {
      it = it->first.rfind("cmd.arg", 0) == 0 || it->first == "cmd.literal.size" ? run.vars.erase(it) : std::next(it);
    }
    run.vars["cmd.tag"] = out.tag;
    run.vars["cmd.verb"] = out.name;
    run.vars["cmd.uid"] = out.uid ? "UID" : "";
    std::string args;
    for (auto const& v : out.args) args += (args.empty() ? "" : " ") + codec::imap::serialize(v);
    run.vars["cmd.args"] = args;
    run.vars["cmd.argc"] = std::to_string(out.args.size());
    for (std::size_t i = 0; i < out.args.size(); ++i) {
      auto const& v = out.args[i];
      run.vars["cmd.arg" + std::to_string(i + 1)] =
          v.k == codec::imap::value::kind::list ? codec::imap::serialize(v) : v.text;
    }
    run.vars["cmd.line"] = out.raw.substr(0, out.raw.find('\n') == std::string::npos ? out.raw.size() : out.raw.find('\n') + 1);
    run.vars["cmd.nonsync"] = has_nonsync(out, out.args) ? "yes" : "";
    run.vars["cmd.literal.early"] = early;
    // The first literal's octets (APPEND's message), for checks on what the client sent.
    run.vars.erase("cmd.literal");
    for (auto const& v : out.args) {
      if (v.k == codec::imap::value::kind::literal) {
        run.vars["cmd.literal"] = v.text;
        run.vars["cmd.literal.size"] = std::to_string(v.text.size());
        break;
      }
    }
    run.vars["cmd.seqmax"] = seq_max(out);
  }

  /// The highest message sequence number a FETCH, STORE, COPY or MOVE (not UID) names: "0" for `*`
  /// alone, "" for other commands, so a case can check it against what EXISTS and EXPUNGE left.
  static std::string seq_max(codec::imap::command const& c) {
    static constexpr std::array<std::string_view, 4> by_number{"FETCH", "STORE", "COPY", "MOVE"};
    if (c.uid || c.args.empty() || std::find(by_number.begin(), by_number.end(), c.name) == by_number.end()) return {};
    std::uint64_t max = 0, n = 0;
    for (char ch : c.args[0].text + ",") {
      if (ch >= '0' && ch <= '9') {
        n = std::min<std::uint64_t>(n * 10 + static_cast<std::uint64_t>(ch - '0'), 1ull << 40);
      } else {
        max = std::max(max, n);
        n = 0;
      }
    }
    return std::to_string(max);
  }

  /// A literal announced as `{n+}` (its value's offset is that of its "{").
  static bool has_nonsync(codec::imap::command const& c, std::vector<codec::imap::value> const& vs) {
    for (auto const& v : vs) {
      if (v.k == codec::imap::value::kind::list && has_nonsync(c, v.items)) return true;
      if (v.k != codec::imap::value::kind::literal || v.offset < c.offset) continue;
      std::size_t const close = c.raw.find('}', v.offset - c.offset);
      if (close != std::string::npos && close > 0 && c.raw[close - 1] == '+') return true;
    }
    return false;
  }

  check evaluate(case_run& run, matcher const& m) override {
    if (m.kind != matcher_kind::command) throw run.fault("matcher not valid for an IMAP server");
    // DONE ends an IDLE (RFC 2177 §3): a line of its own, not a tagged command.
    bool const done = std::find(m.alternatives.begin(), m.alternatives.end(), "DONE") != m.alternatives.end();
    if (done) parser_.expect(codec::imap::line_kind::idle_done);
    codec::imap::command c;
    std::string expected = "a command " + describe_codes(m.alternatives);
    if (m.text) expected += " with arguments matching " + m.text->str();
    check r = read_command(run, c, m.within);
    if (!r.ok) return r.expected = expected, r;
    std::string const verb = done && c.name.empty() ? std::string("DONE") : c.name;
    bool ok = m.alternatives.empty() || std::find(m.alternatives.begin(), m.alternatives.end(), verb) != m.alternatives.end();
    if (ok && m.text) ok = m.text->search(run.vars["cmd.args"]).has_value();
    return ok ? check::pass() : run.mismatch(expected, c.raw);
  }

  check read_any(case_run& run) override {
    codec::imap::command c;
    return read_command(run, c, std::nullopt);
  }

  bool serve_mailbox(case_run& run, step const& s) override { return serve_mailbox_imap(run, s, parser_); }

  rfc_ref rule_for(std::error_code ec) const override {
    // LITERAL-: a non-synchronising literal is at most 4096 octets (RFC 7888 §5).
    if (ec == codec::imap::error::nonsync_literal_too_large) return {7888, "5", level::must};
    return {9051, "9", level::must};
  }


 private:
  codec::imap::command_parser parser_;
  bool literal_plus_ = false;  // parser_ reads {n+} literals of any size (LITERAL+ advertised)
};

}  // namespace

std::unique_ptr<dialect> make_imap_server() { return std::make_unique<imap_server>(); }

}  // namespace mailspec::script::detail
