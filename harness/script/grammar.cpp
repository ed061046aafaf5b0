// The matcher and requirement tables of the .mspec language, their argument parsers, and what the
// tables share (names, role and protocol checks). Steps and case lines: grammar_steps.cpp.
#include "script/grammar.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "script/parser.hpp"

namespace mailspec::script {

std::string_view to_string(protocol p) {
  switch (p) {
    case protocol::smtp: return "smtp";
    case protocol::pop3: return "pop3";
    case protocol::imap: return "imap";
  }
  return "?";
}

std::optional<protocol> protocol_from(std::string_view name) {
  if (name == "smtp") return protocol::smtp;
  if (name == "pop3") return protocol::pop3;
  if (name == "imap") return protocol::imap;
  return std::nullopt;
}

std::string_view to_string(level l) {
  switch (l) {
    case level::must: return "MUST";
    case level::should: return "SHOULD";
    case level::may: return "MAY";
  }
  return "?";
}

std::string_view to_string(role r) { return r == role::server ? "server" : "client"; }

std::optional<role> role_from(std::string_view name) {
  if (name == "client") return role::client;
  if (name == "server") return role::server;
  return std::nullopt;
}

namespace lang {

namespace {

constexpr protocol all_protocol_values[] = {protocol::smtp, protocol::pop3, protocol::imap};
constexpr role all_role_values[] = {role::client, role::server};

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

/// "pop3", "pop3/imap": for messages.
std::string protocol_names(protocol_set set) {
  std::string out;
  for (auto p : all_protocol_values) {
    if (set.has(p)) out += (out.empty() ? "" : "/") + std::string(to_string(p));
  }
  return out;
}

}  // namespace

std::string describe(protocol_set set) {
  if (set.bits == all_protocols.bits) return "all";
  std::string out;
  for (auto p : all_protocol_values) {
    if (set.has(p)) out += (out.empty() ? "" : ", ") + upper(std::string(to_string(p)));
  }
  return out;
}

std::string describe(role_set set) {
  std::string out;
  for (auto r : all_role_values) {
    if (set.has(r)) out += (out.empty() ? "" : ", ") + std::string(to_string(r));
  }
  return out;
}

std::string role_error(std::string_view keyword, std::string_view what, role_set roles, role r) {
  if (roles.has(r)) return {};
  return std::string(keyword) + " is a " + describe(roles) + " " + std::string(what) + "; this is a " +
         std::string(to_string(r)) + " suite";
}

std::string protocol_error(std::string_view keyword, std::string_view what, protocol_set protocols, protocol p,
                           std::string_view where) {
  if (protocols.has(p)) return {};
  return std::string(keyword) + " is a " + protocol_names(protocols) + " " + std::string(what) + "; this is a " +
         std::string(to_string(p)) + " " + std::string(where);
}

namespace {

// --- matcher arguments and options ---

void check_codes(std::string const& alt) {
  if (alt.size() != 3 || alt[0] < '1' || alt[0] > '5') throw syntax_error("bad reply code '" + alt + "' (use 250, 2xx or 25x)");
  for (char ch : alt.substr(1)) {
    if (!(ch >= '0' && ch <= '9') && ch != 'x') throw syntax_error("bad reply code '" + alt + "' (use 250, 2xx or 25x)");
  }
}

void parse_reply(cursor& c, matcher& m) {
  m.alternatives = split_alternatives(c.word("reply codes"));
  for (auto const& a : m.alternatives) check_codes(a);
}

bool is_status_word(std::string const& w) {
  std::string const first = split_alternatives(w).front();
  return first == "OK" || first == "NO" || first == "BAD";
}

void parse_tagged(cursor& c, matcher& m) {
  if (!c.done() && c.peek().k == token::kind::word && !is_status_word(c.peek().text)) {
    m.tag = c.word("tag");  // tagged TAG OK|NO|BAD: the answer to that command
  }
  m.alternatives = split_alternatives(c.word("OK, NO or BAD"));
  for (auto const& a : m.alternatives) {
    if (a != "OK" && a != "NO" && a != "BAD") throw syntax_error("tagged takes OK, NO or BAD, not '" + a + "'");
  }
}

void parse_untagged(cursor& c, matcher& m) {
  m.code = upper(c.word("untagged response name"));
  if (!c.done() && c.peek().k == token::kind::word && std::isdigit(static_cast<unsigned char>(c.peek().text[0]))) {
    m.number = parse_count(c.word("number"));
  }
  if (!c.done() && c.peek().k == token::kind::regex) m.text = c.regex("regex");
}

void parse_regex(cursor& c, matcher& m) { m.text = c.regex("regex"); }

/// Server role: the client command's verb alternatives (`EHLO|HELO`), in upper case.
void parse_verbs(cursor& c, matcher& m) { m.alternatives = split_alternatives(upper(c.word("command verb, e.g. EHLO|HELO"))); }

void parse_silence(cursor& c, matcher& m) {
  auto d = parse_duration(c.word("duration"));
  if (!d) throw syntax_error("silence needs a duration such as 1s");
  m.duration = *d;
}

void parse_size_equals(cursor& c, matcher& m) { m.var = c.word("variable name"); }

void parse_operands(cursor& c, matcher& m) {
  m.operands.push_back(parse_expr(c));
  m.operands.push_back(parse_expr(c));
}

bool enhanced_option(std::string const& w, cursor&, matcher& m) {
  if (w != "enhanced") return false;
  m.enhanced = true;
  return true;
}

bool multiline_option(std::string const& w, cursor&, matcher& m) {
  if (w != "multiline") return false;
  m.multiline = true;
  return true;
}

bool code_option(std::string const& w, cursor& c, matcher& m) {
  if (w != "code") return false;
  m.code = c.word("response code");
  return true;
}

/// The options every matcher takes (text, hint, within), `or-closed` where the entry allows it, and the
/// entry's own, in any order, up to the end of the line.
void parse_matcher_options(cursor& c, matcher_entry const& e, matcher& m) {
  while (!c.done()) {
    std::string w = c.word("matcher option");
    if (w == "text") {
      m.text = c.regex("text regex");
    } else if (e.option && e.option(w, c, m)) {
      continue;
    } else if (w == "or-closed" && e.or_closed) {
      m.or_closed = true;
    } else if (w == "hint") {
      m.hint = parse_expr(c);
    } else if (w == "within") {
      auto d = parse_duration(c.word("duration"));
      if (!d) throw syntax_error("bad duration after within");
      m.within = d;
    } else {
      throw syntax_error("unknown option '" + w + "' for this matcher");
    }
  }
}

// --- requirement arguments ---

void parse_capability(cursor& c, requirement& r) { r.name = upper(c.word("name")); }

void parse_variable(cursor& c, requirement& r) { r.name = c.word("name"); }

void parse_schemes(cursor& c, requirement& r) {
  r.name = c.word("URL scheme(s), e.g. submission|smtps");
  static std::string_view const schemes[] = {"smtp", "smtps", "submission", "pop3", "pop3s", "imap", "imaps"};
  for (auto const& alt : split_alternatives(r.name)) {
    if (std::find(std::begin(schemes), std::end(schemes), alt) == std::end(schemes)) {
      throw syntax_error("unknown scheme '" + alt + "' (smtp, smtps, submission, pop3, pop3s, imap, imaps)");
    }
  }
}

}  // namespace

std::vector<matcher_entry> const& matcher_table() {
  using k = matcher_kind;
  static std::vector<matcher_entry> const table = {
      {"greeting", k::greeting, {"greeting"}, as_client, all_protocols,
       "the greeting: SMTP 220, POP3 `+OK`, IMAP untagged `OK` or `PREAUTH`", nullptr, nullptr, true, false},
      {"reply", k::reply, {"reply CODES [text /RE/] [enhanced]"}, as_client, only(protocol::smtp),
       "one whole reply (all continuation lines)", parse_reply, enhanced_option, true, false},
      {"ok", k::ok, {"ok [multiline] [text /RE/]"}, as_client, only(protocol::pop3),
       "a `+OK` status line", nullptr, multiline_option, true, false},
      {"err", k::err, {"err [code CODE] [text /RE/]"}, as_client, only(protocol::pop3),
       "a `-ERR` status line", nullptr, code_option, true, false},
      {"status", k::status, {"status [multiline]"}, as_client, only(protocol::pop3),
       "any status line (`+OK` or `-ERR`)", nullptr, multiline_option, true, false},
      {"tagged", k::tagged, {"tagged [TAG] OK|NO|BAD [code CODE] [text /RE/]"}, as_client, only(protocol::imap),
       "responses up to the tagged one for the last `command`", parse_tagged, code_option, true, false},
      {"untagged", k::untagged, {"untagged NAME [NUMBER] [/RE/]"}, as_client, only(protocol::imap),
       "does not read: one of the untagged responses kept by the last `tagged` (or `greeting`) has NAME",
       parse_untagged, nullptr, false, false},
      {"unsolicited", k::unsolicited, {"unsolicited NAME [NUMBER] [/RE/]"}, as_client, only(protocol::imap),
       "an untagged response with NAME that arrived outside any command (or during `idle`)", parse_untagged, nullptr,
       true, false},
      {"continuation", k::continuation, {"continuation"}, as_client, only(protocol::imap),
       "responses up to a `+` continuation request", nullptr, nullptr, true, false},
      {"line", k::line, {"line /RE/"}, as_either, all_protocols,
       "one line (up to CRLF), regex-matched", parse_regex, nullptr, true, false},
      {"closed", k::closed, {"closed"}, as_either, all_protocols,
       "the peer closes the connection", nullptr, nullptr, false, false},
      {"silence", k::silence, {"silence DURATION"}, as_either, all_protocols,
       "nothing arrives for that long", parse_silence, nullptr, true, false},
      {"body", k::body, {"body /RE/"}, as_client, only(protocol::pop3),
       "does not read: the last multi-line body matches", parse_regex, nullptr, false, false},
      {"size-equals", k::size_equals, {"size-equals VAR"}, as_client, only(protocol::pop3),
       "does not read: the last multi-line body is `${VAR}` octets long", parse_size_equals, nullptr, false, false},
      {"equals", k::equals, {"equals STR STR"}, as_either, all_protocols,
       "does not read: the observed string (first) equals the reference (second)", parse_operands, nullptr, false,
       true},
      {"differs", k::differs, {"differs STR STR"}, as_either, all_protocols,
       "does not read: the observed string (first) differs from the reference (second)", parse_operands, nullptr,
       false, true},
      {"less", k::less, {"less STR STR"}, as_either, all_protocols,
       "does not read: the observed number (first) is below the reference (second)", parse_operands, nullptr, false,
       true},
      {"greater", k::greater, {"greater STR STR"}, as_either, all_protocols,
       "does not read: the observed number (first) is above the reference (second)", parse_operands, nullptr, false,
       true},
      // The harness plays the server: what the client under test sends.
      {"command", k::command, {"command VERB[|VERB...] [text /RE/]"}, as_server, all_protocols,
       "reads one client command: its verb is one of the VERBs, its arguments match /RE/", parse_verbs, nullptr, true,
       false},
      {"data", k::mail_data, {"data [text /RE/]"}, as_server, only(protocol::smtp),
       "reads the mail data after a 354, up to the `CRLF.CRLF`", nullptr, nullptr, true, false},
      {"bdat", k::bdat, {"bdat [text /RE/]"}, as_server, only(protocol::smtp),
       "reads one `BDAT` command and its chunk", nullptr, nullptr, true, false},
  };
  return table;
}

std::vector<requirement_entry> const& requirement_table() {
  using k = requirement::kind;
  static std::vector<requirement_entry> const table = {
      {"ext", k::ext, {"requires ext NAME"}, as_client, all_protocols,
       "NAME is advertised on the plain connection", parse_capability},
      {"cap", k::ext, {"requires cap NAME"}, as_client, all_protocols, "the same as `requires ext NAME`",
       parse_capability},
      {"tls-ext", k::tls_ext, {"requires tls-ext NAME"}, as_client, all_protocols,
       "NAME is advertised after STARTTLS/STLS (or on the implicit-TLS connection)", parse_capability},
      {"sasl", k::sasl, {"requires sasl MECH"}, as_client, all_protocols,
       "the SASL mechanism is advertised on the connection as opened (cleartext, or implicit TLS)", parse_capability},
      {"tls-sasl", k::tls_sasl, {"requires tls-sasl MECH"}, as_client, all_protocols,
       "the SASL mechanism is advertised after STARTTLS/STLS (or with implicit TLS)", parse_capability},
      {"login", k::login, {"requires login"}, as_client, all_protocols,
       "credentials were given (`--user`, `--password-env`)", nullptr},
      {"tls", k::tls, {"requires tls"}, as_client, all_protocols,
       "STARTTLS/STLS is advertised, or the URL is implicit TLS", nullptr},
      {"starttls", k::starttls, {"requires starttls"}, as_client, all_protocols,
       "STARTTLS/STLS is advertised on the plain connection (and the URL is not implicit TLS)", nullptr},
      {"plain", k::plain, {"requires plain"}, as_either, all_protocols,
       "the connection is not implicit TLS (the case tests cleartext behaviour, e.g. STARTTLS)", nullptr},
      {"implicit-tls", k::implicit_tls, {"requires implicit-tls"}, as_either, all_protocols,
       "the connection is implicit TLS (`smtps`, `pop3s`, `imaps`)", nullptr},
      {"var", k::var, {"requires var NAME"}, as_client, all_protocols,
       "the variable is set with `--var NAME=VALUE` (defaults, `set` and `capture` do not count)", parse_variable},
      {"scheme", k::scheme, {"requires scheme SCHEME[|SCHEME...]"}, as_either, all_protocols,
       "the target URL's scheme (or the scheme served) is one of them", parse_schemes},
  };
  return table;
}

namespace {
template <typename Entry, typename Key>
Entry const* find_in(std::vector<Entry> const& table, Key key, Key Entry::*field) {
  auto it = std::find_if(table.begin(), table.end(), [&](Entry const& e) { return e.*field == key; });
  return it == table.end() ? nullptr : &*it;
}
}  // namespace

matcher_entry const* find_matcher(std::string_view w) { return find_in(matcher_table(), w, &matcher_entry::keyword); }
matcher_entry const* find_matcher(matcher_kind k) { return find_in(matcher_table(), k, &matcher_entry::kind); }
requirement_entry const* find_requirement(std::string_view w) {
  return find_in(requirement_table(), w, &requirement_entry::keyword);
}
step_entry const* find_step(std::string_view w) { return find_in(step_table(), w, &step_entry::keyword); }
step_entry const* find_step(step_kind k) { return find_in(step_table(), k, &step_entry::kind); }
case_line_entry const* find_case_line(std::string_view w) {
  return find_in(case_line_table(), w, &case_line_entry::keyword);
}

matcher parse_matcher(cursor& c, role r) {
  std::string const w = c.word("matcher");
  auto const* e = find_matcher(w);
  if (!e) throw syntax_error("unknown matcher '" + w + "' (" + keywords(matcher_table()) + ")");
  if (auto err = role_error(e->keyword, "matcher", e->roles, r); !err.empty()) throw syntax_error(err);
  matcher m;
  m.kind = e->kind;
  if (e->parse) e->parse(c, m);
  parse_matcher_options(c, *e, m);
  return m;
}

namespace {
requirement parse_requirement_args(requirement_entry const& e, cursor& c, role r, protocol p) {
  if (auto err = role_error(e.keyword, "requirement", e.roles, r); !err.empty()) throw syntax_error(err);
  if (auto err = protocol_error(e.keyword, "requirement", e.protocols, p, "case"); !err.empty()) throw syntax_error(err);
  requirement req{e.kind, {}};
  if (e.parse) e.parse(c, req);
  return req;
}
}  // namespace

requirement parse_requirement(cursor& c, role r, protocol p) {
  std::string const w = c.word("requirement");
  auto const* e = find_requirement(w);
  if (!e) throw syntax_error("unknown requirement '" + w + "' (" + keywords(requirement_table()) + ")");
  return parse_requirement_args(*e, c, r, p);
}

condition parse_condition(cursor& c, role r, protocol p) {
  condition cond;
  if (c.peek_word("not")) {
    c.next("not");
    cond.negate = true;
  }
  if (!c.done() && c.peek().k == token::kind::word) {
    if (auto const* m = find_matcher(c.peek().text); m && m->condition) {
      cond.m = parse_matcher(c, r);
      return cond;
    }
  }
  std::string const w = c.word("condition");
  auto const* e = find_requirement(w);
  if (!e) {
    std::string known = keywords(requirement_table());
    for (auto const& m : matcher_table()) {
      if (m.condition) known += ", " + std::string(m.keyword);
    }
    throw syntax_error("unknown condition '" + w + "' (" + known + "; 'not' before any)");
  }
  cond.req = parse_requirement_args(*e, c, r, p);
  return cond;
}

}  // namespace lang

std::string matcher_protocol_error(matcher_kind k, protocol p) {
  auto const* e = lang::find_matcher(k);
  return e ? lang::protocol_error(e->keyword, "matcher", e->protocols, p, "connection") : std::string();
}

}  // namespace mailspec::script
