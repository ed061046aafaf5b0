// The step and case-line tables of the .mspec language and their argument parsers (grammar.hpp says
// how to add one). Matchers and requirements: grammar.cpp.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

#include "script/grammar.hpp"
#include "script/parser.hpp"
#include "script/smtp_watch.hpp"

namespace mailspec::script::lang {

namespace {

// --- steps ---

void parse_connect(step_context& x) {
  auto& c = x.words;
  x.conns.unknown = false;
  x.out.name = c.done() ? std::string("main") : c.word("connection name");
  x.conns.current = x.conns.home;
  if (!c.done()) {
    std::string const p = c.word("protocol (smtp, pop3, imap)");
    x.out.proto = protocol_from(p);
    if (!x.out.proto) throw syntax_error("unknown protocol '" + p + "' (smtp, pop3, imap)");
    x.out.url = parse_expr(c);
    x.conns.current = *x.out.proto;
  }
  x.conns.named[x.out.name] = x.conns.current;
}

void parse_use(step_context& x) {
  x.out.name = x.words.word("connection name");
  auto it = x.conns.named.find(x.out.name);
  if (it == x.conns.named.end() && !x.conns.unknown) {
    throw syntax_error("no connection named " + x.out.name + " is opened before this line");
  }
  if (it != x.conns.named.end()) {
    x.conns.current = it->second;
    x.conns.unknown = false;
  }
}

/// A path word or string, relative to the script's directory; the file must exist.
std::string existing_file(step_context& x, std::string_view what) {
  std::string rel = x.words.next_is_string() ? x.words.next("path").text : x.words.word("path");
  // `${NAME}` (an each-file case's file) is resolved when the step runs.
  if (rel.find("${") != std::string::npos) return rel.rfind("${", 0) == 0 ? rel : (std::filesystem::path(x.script_path).parent_path() / rel).string();
  std::string path = (std::filesystem::path(x.script_path).parent_path() / rel).string();
  if (!std::filesystem::is_regular_file(path)) throw syntax_error(std::string(what) + ": no such file " + path);
  return path;
}

void parse_command(step_context& x) {
  auto& c = x.words;
  if (!c.done() && c.peek().k == token::kind::word) {  // command TAG STR: the tag chosen by the script
    if (x.conns.current != protocol::imap) throw syntax_error("a command tag is an IMAP feature");
    x.out.tag = c.word("tag");
  }
  x.out.strings.push_back(parse_expr(c));
  if (!c.peek_word("literal") && !c.peek_word("literal+") && !c.peek_word("literal-file")) return;
  if (x.conns.current != protocol::imap) throw syntax_error("literals are an IMAP feature");
  std::string const how = c.word("literal");
  x.out.literal_nosync = how == "literal+";
  if (how == "literal-file") {
    x.out.path = existing_file(x, "literal-file");
  } else {
    x.out.literal = parse_expr(c);
  }
}

/// compare-mime MESSAGE: a message file with its expected tree beside it (NAME.eml, NAME.expected.json).
void parse_compare_mime(step_context& x) {
  x.out.path = existing_file(x, "compare-mime");
  if (x.out.path.find("${") != std::string::npos) return;  // an each-file case's file: checked when it runs
  std::filesystem::path expected(x.out.path);
  expected.replace_extension(".expected.json");
  if (!std::filesystem::is_regular_file(expected)) {
    throw syntax_error("compare-mime: no expected tree " + expected.string() + " beside the message");
  }
}

void parse_strings(step_context& x) { x.out.strings = parse_exprs(x.words); }

void parse_send_file(step_context& x) { x.out.path = existing_file(x, "send-file"); }

void parse_starttls(step_context& x) {
  if (!x.words.peek_word("or-end")) return;
  x.words.next("or-end");
  x.out.or_end = true;
}

void parse_nothing(step_context&) {}

/// `user STR`, `password STR` (and `no-ir` where allowed), in any order.
void parse_credentials(step_context& x, std::string const& what, bool no_ir) {
  while (!x.words.done()) {
    std::string const opt = x.words.word(what + " option");
    if (opt == "user") {
      x.out.auth_user = parse_expr(x.words);
    } else if (opt == "password") {
      x.out.auth_password = parse_expr(x.words);
    } else if (no_ir && opt == "no-ir") {
      x.out.no_ir = true;
    } else {
      throw syntax_error("unknown " + what + " option '" + opt + "' (user, password" + (no_ir ? ", no-ir)" : ")"));
    }
  }
}

void parse_idle(step_context& x) {
  if (!x.words.done()) x.out.tag = x.words.word("tag");
}

void parse_login(step_context& x) { parse_credentials(x, "login", false); }

/// serve-auth [LEVEL] [user STR] [password STR]: the level a failed exchange gives.
void parse_serve_auth(step_context& x) {
  if (!x.words.done() && x.words.peek().k == token::kind::word) {
    if (auto l = level_from(x.words.peek().text)) {
      x.out.lvl = l;
      x.words.next("level");
    }
  }
  parse_credentials(x, "serve-auth", false);
}
void parse_apop(step_context& x) { parse_credentials(x, "apop", false); }

/// serve-mailbox [capabilities STR] [starttls]: the store is the `mailstore` directory beside the script's
/// directory (suites/mailstore for suites/imap-client) or inside it; without one, an empty INBOX.
void parse_serve_mailbox(step_context& x) {
  while (!x.words.done()) {
    std::string const opt = x.words.word("serve-mailbox option");
    if (opt == "capabilities") {
      x.out.strings.push_back(parse_expr(x.words));
    } else if (opt == "starttls") {
      x.out.starttls = true;
    } else {
      throw syntax_error("unknown serve-mailbox option '" + opt + "' (capabilities STR, starttls)");
    }
  }
  std::filesystem::path const dir = std::filesystem::path(x.script_path).parent_path();
  std::error_code ec;
  for (auto const& p : {dir / "mailstore", dir.parent_path() / "mailstore"}) {
    if (std::filesystem::is_directory(p, ec)) {
      x.out.path = p.string();
      break;
    }
  }
}

void parse_auth(step_context& x) {
  auto& name = x.out.name;
  name = x.words.word("SASL mechanism");
  for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  static char const* const known[] = {"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"};
  if (std::find_if(std::begin(known), std::end(known), [&](char const* k) { return name == k; }) == std::end(known)) {
    throw syntax_error("auth: unsupported mechanism " + name + " (PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256)");
  }
  parse_credentials(x, "auth", true);
}

/// need/expect: [LEVEL] MATCHER; the matcher must suit the current connection's protocol.
void parse_check(step_context& x) {
  auto& c = x.words;
  if (!c.done() && c.peek().k == token::kind::word) {
    if (auto l = level_from(c.peek().text)) {
      if (x.out.kind == step_kind::need) throw syntax_error("need takes no level (it is a precondition)");
      x.out.lvl = l;
      c.next("level");
    }
  }
  x.out.m = parse_matcher(c, x.role);
  if (x.conns.unknown) return;  // after an include: checked on the expanded case (registry::link)
  if (std::string e = matcher_protocol_error(x.out.m.kind, x.conns.current); !e.empty()) throw syntax_error(e);
}

void parse_capture(step_context& x) {
  x.out.name = x.words.word("variable name");
  x.out.re = x.words.regex("regex");
}

void parse_set(step_context& x) {
  x.out.name = x.words.word("variable name");
  x.out.strings.push_back(parse_expr(x.words));
}

void parse_compute(step_context& x) {
  x.out.name = x.words.word("variable name");
  x.out.strings.push_back(parse_expr(x.words));
  // Words, not symbols: "+" and "*" already join and repeat strings.
  std::string const op = x.words.word("operator (plus, minus, times, div, max, min)");
  if (op != "plus" && op != "minus" && op != "times" && op != "div" && op != "max" && op != "min") {
    throw syntax_error("unknown operator '" + op + "' (plus, minus, times, div, max, min)");
  }
  x.out.tag = op;
  x.out.strings.push_back(parse_expr(x.words));
}

void parse_include(step_context& x) {
  x.out.name = x.words.word("fixture name");
  x.conns.unknown = true;
}

void parse_if(step_context& x) { x.out.cond = parse_condition(x.words, x.role, x.conns.home); }

void parse_cleanup(step_context& x) {
  if (!x.case_top_level) throw syntax_error("'cleanup' belongs at the top level of a case");
  if (x.has_cleanup) throw syntax_error("a case has at most one 'cleanup' block");
}

void parse_foreach(step_context& x) {
  x.out.name = x.words.word("variable name");
  x.out.strings = parse_exprs(x.words);
}

void parse_repeat(step_context& x) {
  std::string const count = x.words.word("repeat count");
  if (auto var = variable_reference(count)) {
    x.out.name = *var;
  } else {
    x.out.count = parse_count(count);
  }
}

void parse_sleep(step_context& x) {
  auto d = parse_duration(x.words.word("duration"));
  if (!d) throw syntax_error("sleep needs a duration such as 500ms");
  x.out.duration = *d;
}

// --- case lines ---

void parse_title(cursor& c, case_def& k) {
  k.title = c.one_string("title");
  c.end();
}

void parse_rfc(cursor& c, case_def& k) {
  rfc_ref r;
  std::string num = c.word("RFC number");
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), r.rfc);
  if (ec != std::errc() || p != num.data() + num.size() || r.rfc <= 0) throw syntax_error("bad RFC number '" + num + "'");
  r.section = c.word("section");
  std::string lv = c.word("level (MUST, SHOULD or MAY)");
  auto l = level_from(lv);
  if (!l) throw syntax_error("level must be MUST, SHOULD or MAY, not '" + lv + "'");
  r.lvl = *l;
  c.end();
  k.refs.push_back(std::move(r));
}

void parse_tags(cursor& c, case_def& k) {
  while (!c.done()) k.tags.push_back(c.word("tag"));
}

void parse_requires(cursor& c, case_def& k) {
  requirement r = parse_requirement(c, k.role, k.proto);
  c.end();
  k.requires_.push_back(std::move(r));
}

void parse_serial(cursor& c, case_def& k) {
  k.serial = true;
  c.end();
}

void parse_setup(cursor& c, case_def& k) {
  k.setup_for = c.word("variable name");
  c.end();
}

void parse_each_file(cursor& c, case_def& k) {
  k.each_file_var = c.word("variable name");
  k.each_file_pattern = c.next_is_string() ? c.next("pattern").text : c.word("pattern");
  if (k.each_file_pattern.find('/') == std::string::npos && k.each_file_pattern.find('*') == std::string::npos) {
    throw syntax_error("each-file takes a file pattern such as \"corpus/*.eml\" (relative to the script)");
  }
  c.end();
}

void parse_monitors(cursor& c, case_def& k) {
  while (!c.done()) {
    std::string const r = c.word("rule name");
    if (!find_reply_rule(r)) {
      std::string known;
      for (auto const& rule : smtp_reply_rules()) known += (known.empty() ? "" : ", ") + std::string(rule.name);
      throw syntax_error("unknown every-reply rule '" + r + "' (smtp: " + known + ")");
    }
    k.monitors.push_back(r);
  }
}

void parse_timeout(cursor& c, case_def& k) {
  auto d = parse_duration(c.word("duration"));
  if (!d) throw syntax_error("bad timeout duration");
  k.timeout = d;
  c.end();
}

}  // namespace

std::vector<step_entry> const& step_table() {
  using k = step_kind;
  auto const all = all_protocols;
  // as_either: the step means the same when the harness plays the server (a client under test).
  static std::vector<step_entry> const table = {
      {"connect", k::connect, {"connect [NAME]", "connect NAME PROTO STR"}, as_client, all,
       "opens a new connection to the target (implicit TLS when the URL says so) and makes it current",
       parse_connect, false},
      {"use", k::use, {"use NAME"}, as_client, all, "makes another open connection current", parse_use, false},
      {"send", k::send, {"send STR..."}, as_either, all,
       "sends each string followed by CRLF, all in **one write**", parse_strings, false},
      {"send-raw", k::send_raw, {"send-raw STR..."}, as_either, all,
       "sends the strings as they are, no CRLF added", parse_strings, false},
      {"send-file", k::send_file, {"send-file PATH"}, as_either, all,
       "sends a file's bytes as they are; PATH is relative to the script's directory", parse_send_file, false},
      {"command", k::command, {"command [TAG] STR", "command [TAG] STR literal STR"}, as_client, all,
       "IMAP: sends `TAG STR` CRLF with a fresh tag (`${tag}` holds it), or the TAG given", parse_command, false},
      {"idle", k::idle, {"idle [TAG]"}, as_client, only(protocol::imap), "IMAP: sends `TAG IDLE` (RFC 2177); until `done`, untagged responses are unsolicited", parse_idle, false},
      {"done", k::done, {"done"}, as_client, only(protocol::imap), "IMAP: sends `DONE`, ending the IDLE in flight", parse_nothing, false},
      {"compare-mime", k::compare_mime, {"compare-mime MESSAGE"}, as_client, only(protocol::imap),
       "IMAP: fetches message 1 of the selected mailbox", parse_compare_mime, false},
      {"starttls", k::starttls, {"starttls [or-end]"}, as_either, all,
       "TLS handshake on the current connection now", parse_starttls, false},
      {"auth", k::auth, {"auth MECH [user STR] [password STR] [no-ir]"}, as_client, all,
       "a whole SASL exchange with the run's credentials", parse_auth, false},
      {"apop", k::apop, {"apop [user STR] [password STR]"}, as_client, only(protocol::pop3),
       "POP3: sends `APOP name digest` (RFC 1939 §7)", parse_apop, false},
      {"login", k::login, {"login [user STR] [password STR]"}, as_client, all, "a precondition: log in",
       parse_login, false},
      {"serve-auth", k::serve_auth, {"serve-auth [LEVEL] [user STR] [password STR]"}, as_server, all,
       "the server side of the SASL exchange that the client's AUTH or AUTHENTICATE, just read, began",
       parse_serve_auth, false},
      {"serve-mailbox", k::serve_mailbox, {"serve-mailbox [capabilities STR] [starttls]"}, as_server, all,
       "from here the built-in mail server answers every command of the client until it ends the session", parse_serve_mailbox, false},
      {"read", k::read, {"read"}, as_either, all, "reads one response without checking it", parse_nothing, false},
      {"need", k::need, {"need MATCHER"}, as_either, all,
       "a precondition: reads (see below) and checks; a mismatch ends the case as `skip`", parse_check, false},
      {"expect", k::expect, {"expect [LEVEL] MATCHER"}, as_either, all,
       "the check under test: reads and checks; a mismatch gives the verdict of the level", parse_check, false},
      {"capture", k::capture, {"capture NAME /RE/"}, as_either, all,
       "runs the regex over the last response; group 1 (or the whole match) becomes `${NAME}`", parse_capture, false},
      {"set", k::set, {"set NAME STR"}, as_either, all, "sets a variable", parse_set, false},
      {"compute", k::compute, {"compute NAME STR plus|minus|times|div|max|min STR"}, as_either, all,
       "integer arithmetic on values and captures", parse_compute, false},
      {"sleep", k::sleep, {"sleep DURATION"}, as_either, all, "waits", parse_sleep, false},
      {"close", k::close, {"close"}, as_either, all, "the harness closes the connection", parse_nothing, false},
      // Expanded before anything runs: its fixture's steps are checked against the case's role instead.
      {"include", k::include, {"include NAME"}, as_either, all, "the steps of fixture NAME, in place",
       parse_include, false},
      {"if", k::if_, {"if [not] CONDITION ... [else ...] end"}, as_either, all,
       "runs the first block when CONDITION holds (the second, if any, when not)", parse_if, true},
      {"repeat", k::repeat, {"repeat COUNT ... end", "repeat ${var} ... end"}, as_either, all,
       "runs the block COUNT times, with `${i}` = 1, 2, ... COUNT", parse_repeat, true},
      {"foreach", k::foreach, {"foreach NAME STR... ... end"}, as_either, all,
       "runs the block once per string, in order, with `${NAME}` set to it", parse_foreach, true},
      {"cleanup", k::cleanup, {"cleanup ... end"}, as_client, all,
       "steps run after the case whatever happened, never changing its verdict", parse_cleanup, true},
  };
  return table;
}

std::vector<case_line_entry> const& case_line_table() {
  auto const all = all_protocols;
  static std::vector<case_line_entry> const table = {
      // What a case is (its title, RFC requirements, tags) does not depend on the side the harness plays.
      {"title", {"title STR"}, as_either, all, "a one-line summary of what the case checks", parse_title, true},
      {"rfc", {"rfc NUMBER SECTION LEVEL"}, as_either, all,
       "a requirement the case checks: RFC number, section, level (MUST, SHOULD or MAY)", parse_rfc, true},
      {"tags", {"tags WORD..."}, as_either, all, "free words, selectable with `--tag`", parse_tags, false},
      {"requires", {"requires FORM"}, as_either, all,
       "a condition checked before the case runs (see \"Requirements\")", parse_requires, true},
      {"timeout", {"timeout DURATION"}, as_either, all, "the case's deadline (default: `--timeout`)",
       parse_timeout, true},
      {"serial", {"serial"}, as_client, all, "run alone, after the parallel cases", parse_serial, true},
      {"setup", {"setup VAR"}, as_client, all,
       "not a check: a set-up procedure for the cases that `requires var VAR`", parse_setup, true},
      {"each-file", {"each-file NAME PATTERN"}, as_either, all,
       "data-driven: the case runs once per file matching PATTERN", parse_each_file, true},
      {"monitors", {"monitors RULE..."}, as_client, only(protocol::smtp),
       "the case reports the breaches of these every-reply rules anywhere in the run", parse_monitors, true},
  };
  return table;
}

}  // namespace mailspec::script::lang
