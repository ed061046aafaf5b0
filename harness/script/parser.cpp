#include "script/parser.hpp"
#include "script/smtp_watch.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

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

namespace {

constexpr std::size_t max_repeat = 16u << 20;

struct token {
  enum class kind { word, string, regex } k = kind::word;
  std::string text;
  bool icase = false;
};

/// Thrown inside the parser only; caught per line and turned into "file:line: message".
struct syntax_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::size_t lex_string(std::string_view line, std::size_t i, token& out) {
  out.k = token::kind::string;
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') return i + 1;
    if (c != '\\') {
      out.text += c;
      continue;
    }
    if (++i >= line.size()) break;
    switch (line[i]) {
      case 'r': out.text += '\r'; break;
      case 'n': out.text += '\n'; break;
      case 't': out.text += '\t'; break;
      case '0': out.text += '\0'; break;
      case '\\': out.text += '\\'; break;
      case '"': out.text += '"'; break;
      case 'x': {
        int hi = i + 1 < line.size() ? hex_digit(line[i + 1]) : -1;
        int lo = i + 2 < line.size() ? hex_digit(line[i + 2]) : -1;
        if (hi < 0 || lo < 0) throw syntax_error("\\x needs two hex digits");
        out.text += static_cast<char>(hi * 16 + lo);
        i += 2;
        break;
      }
      default: throw syntax_error(std::string("unknown escape \\") + line[i] + " in string");
    }
  }
  throw syntax_error("string is not closed (missing \")");
}

std::size_t lex_regex(std::string_view line, std::size_t i, token& out) {
  out.k = token::kind::regex;
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() && line[i + 1] == '/') {
      out.text += '/';
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < line.size()) {
      out.text += c;
      out.text += line[++i];
      continue;
    }
    if (c == '/') {
      ++i;
      if (i < line.size() && line[i] == 'i') {
        out.icase = true;
        ++i;
      }
      if (i < line.size() && line[i] != ' ' && line[i] != '\t') throw syntax_error("unexpected text after regex");
      return i;
    }
    out.text += c;
  }
  throw syntax_error("regex is not closed (missing /)");
}

std::vector<token> lex(std::string_view line) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#') break;
    token t;
    if (c == '"') {
      i = lex_string(line, i, t);
    } else if (c == '/') {
      i = lex_regex(line, i, t);
    } else {
      std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      t.text = std::string(line.substr(start, i - start));
    }
    out.push_back(std::move(t));
  }
  return out;
}

/// Walks the tokens of one statement.
class cursor {
 public:
  explicit cursor(std::vector<token> t) : toks_(std::move(t)) {}
  bool done() const { return pos_ >= toks_.size(); }
  token const& peek() const { return toks_.at(pos_); }
  bool peek_word(std::string_view w) const { return !done() && peek().k == token::kind::word && peek().text == w; }
  token next(std::string_view what) {
    if (done()) throw syntax_error("missing " + std::string(what));
    return toks_[pos_++];
  }
  std::string word(std::string_view what) {
    token t = next(what);
    if (t.k != token::kind::word) throw syntax_error("expected " + std::string(what) + ", found a string or regex");
    return t.text;
  }
  pattern regex(std::string_view what) {
    token t = next(what);
    if (t.k != token::kind::regex) throw syntax_error("expected " + std::string(what) + " as /regex/");
    try {
      return pattern(t.text, t.icase);
    } catch (std::invalid_argument const& e) {
      throw syntax_error("bad regex /" + t.text + "/: " + e.what());
    }
  }
  std::string rest_as_one_string(std::string_view what) {
    token t = next(what);
    if (t.k != token::kind::string) throw syntax_error("expected " + std::string(what) + " as a \"string\"");
    return t.text;
  }
  void end() {
    if (!done()) throw syntax_error("unexpected '" + peek().text + "' at end of line");
  }
  bool next_is_string() const { return !done() && peek().k == token::kind::string; }

 private:
  std::vector<token> toks_;
  std::size_t pos_ = 0;
};

std::size_t parse_count(std::string const& w) {
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
  if (ec != std::errc() || p != w.data() + w.size()) throw syntax_error("expected a count, found '" + w + "'");
  if (n > max_repeat) throw syntax_error("repeat count " + w + " is over the limit of 16 MiB");
  return n;
}

/// STRING ['*' COUNT] ('+' STRING ['*' COUNT])*
str_expr parse_expr(cursor& c) {
  str_expr e;
  for (;;) {
    if (!c.next_is_string()) throw syntax_error("expected a \"string\"");
    str_piece piece{c.next("string").text, 1, {}};
    if (c.peek_word("*")) {
      c.next("*");
      std::string const count = c.word("count after *");
      if (count.size() > 3 && count.rfind("${", 0) == 0 && count.back() == '}') {
        piece.repeat_var = count.substr(2, count.size() - 3);
      } else {
        piece.repeat = parse_count(count);
      }
    }
    e.pieces.push_back(std::move(piece));
    if (!c.peek_word("+")) return e;
    c.next("+");
  }
}

std::vector<str_expr> parse_exprs(cursor& c) {
  std::vector<str_expr> out;
  while (!c.done()) out.push_back(parse_expr(c));
  if (out.empty()) throw syntax_error("expected at least one \"string\"");
  return out;
}

std::optional<level> level_from(std::string_view w) {
  if (w == "MUST") return level::must;
  if (w == "SHOULD") return level::should;
  if (w == "MAY") return level::may;
  return std::nullopt;
}

void check_codes(std::string const& alt) {
  if (alt.size() != 3 || alt[0] < '1' || alt[0] > '5') throw syntax_error("bad reply code '" + alt + "' (use 250, 2xx or 25x)");
  for (char ch : alt.substr(1)) {
    if (!(ch >= '0' && ch <= '9') && ch != 'x') throw syntax_error("bad reply code '" + alt + "' (use 250, 2xx or 25x)");
  }
}

std::vector<std::string> split_alternatives(std::string const& w) {
  std::vector<std::string> out;
  std::stringstream ss(w);
  for (std::string part; std::getline(ss, part, '|');) {
    if (part.empty()) throw syntax_error("empty alternative in '" + w + "'");
    out.push_back(part);
  }
  return out;
}

void parse_matcher_options(cursor& c, matcher& m) {
  while (!c.done()) {
    std::string w = c.word("matcher option");
    if (w == "text") {
      m.text = c.regex("text regex");
    } else if (w == "enhanced" && m.kind == matcher_kind::reply) {
      m.enhanced = true;
    } else if (w == "multiline" && (m.kind == matcher_kind::ok || m.kind == matcher_kind::status)) {
      m.multiline = true;
    } else if (w == "code" && (m.kind == matcher_kind::err || m.kind == matcher_kind::tagged)) {
      m.code = c.word("response code");
    } else if (w == "or-closed" && m.kind != matcher_kind::closed && m.kind != matcher_kind::untagged &&
               m.kind != matcher_kind::body && m.kind != matcher_kind::size_equals && m.kind != matcher_kind::equals &&
               m.kind != matcher_kind::differs && m.kind != matcher_kind::less && m.kind != matcher_kind::greater) {
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

matcher parse_matcher(cursor& c) {
  static std::map<std::string, matcher_kind, std::less<>> const kinds = {
      {"greeting", matcher_kind::greeting}, {"reply", matcher_kind::reply},
      {"ok", matcher_kind::ok},             {"err", matcher_kind::err},
      {"status", matcher_kind::status},     {"tagged", matcher_kind::tagged},
      {"untagged", matcher_kind::untagged}, {"continuation", matcher_kind::continuation},
      {"line", matcher_kind::line},         {"closed", matcher_kind::closed},
      {"silence", matcher_kind::silence},   {"body", matcher_kind::body},
      {"size-equals", matcher_kind::size_equals}, {"equals", matcher_kind::equals},
      {"differs", matcher_kind::differs}, {"less", matcher_kind::less}, {"greater", matcher_kind::greater},
      {"unsolicited", matcher_kind::unsolicited}};
  std::string const w = c.word("matcher");
  auto it = kinds.find(w);
  if (it == kinds.end()) {
    throw syntax_error("unknown matcher '" + w +
                       "' (greeting, reply, ok, err, status, tagged, untagged, continuation, line, closed, silence, "
                       "body, size-equals, equals, differs, less, greater)");
  }
  matcher m;
  m.kind = it->second;
  switch (m.kind) {
    case matcher_kind::reply:
      m.alternatives = split_alternatives(c.word("reply codes"));
      for (auto const& a : m.alternatives) check_codes(a);
      break;
    case matcher_kind::tagged:
      if (!c.done() && c.peek().k == token::kind::word && split_alternatives(c.peek().text).front() != "OK" &&
          split_alternatives(c.peek().text).front() != "NO" && split_alternatives(c.peek().text).front() != "BAD") {
        m.tag = c.word("tag");  // tagged TAG OK|NO|BAD: the answer to that command
      }
      m.alternatives = split_alternatives(c.word("OK, NO or BAD"));
      for (auto const& a : m.alternatives) {
        if (a != "OK" && a != "NO" && a != "BAD") throw syntax_error("tagged takes OK, NO or BAD, not '" + a + "'");
      }
      break;
    case matcher_kind::untagged:
    case matcher_kind::unsolicited:
      m.code = c.word("untagged response name");
      for (auto& ch : m.code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (!c.done() && c.peek().k == token::kind::word && std::isdigit(static_cast<unsigned char>(c.peek().text[0]))) {
        m.number = parse_count(c.word("number"));
      }
      if (!c.done() && c.peek().k == token::kind::regex) m.text = c.regex("regex");
      break;
    case matcher_kind::line:
    case matcher_kind::body:
      m.text = c.regex("regex");
      break;
    case matcher_kind::silence: {
      auto d = parse_duration(c.word("duration"));
      if (!d) throw syntax_error("silence needs a duration such as 1s");
      m.duration = *d;
      break;
    }
    case matcher_kind::size_equals:
      m.var = c.word("variable name");
      break;
    case matcher_kind::equals:
    case matcher_kind::differs:
    case matcher_kind::less:
    case matcher_kind::greater:
      m.operands.push_back(parse_expr(c));
      m.operands.push_back(parse_expr(c));
      break;
    default: break;
  }
  parse_matcher_options(c, m);
  return m;
}

std::optional<requirement::kind> requirement_kind(std::string_view w) {
  static std::map<std::string, requirement::kind, std::less<>> const kinds = {
      {"ext", requirement::kind::ext},     {"cap", requirement::kind::ext},
      {"tls-ext", requirement::kind::tls_ext}, {"sasl", requirement::kind::sasl},
      {"tls-sasl", requirement::kind::tls_sasl},
      {"login", requirement::kind::login}, {"tls", requirement::kind::tls},
      {"starttls", requirement::kind::starttls}, {"plain", requirement::kind::plain},
      {"var", requirement::kind::var},         {"implicit-tls", requirement::kind::implicit_tls},
      {"scheme", requirement::kind::scheme}};
  auto it = kinds.find(w);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

/// The words after the requirement's keyword (no end-of-line check: `if` shares it).
requirement parse_requirement_args(requirement::kind k, cursor& c) {
  requirement r{k, {}};
  if (r.k == requirement::kind::scheme) {
    r.name = c.word("URL scheme(s), e.g. submission|smtps");
    static std::string_view const schemes[] = {"smtp", "smtps", "submission", "pop3", "pop3s", "imap", "imaps"};
    for (auto const& alt : split_alternatives(r.name)) {
      if (std::find(std::begin(schemes), std::end(schemes), alt) == std::end(schemes)) {
        throw syntax_error("unknown scheme '" + alt + "' (smtp, smtps, submission, pop3, pop3s, imap, imaps)");
      }
    }
    return r;
  }
  if (r.k == requirement::kind::ext || r.k == requirement::kind::tls_ext || r.k == requirement::kind::sasl ||
      r.k == requirement::kind::tls_sasl || r.k == requirement::kind::var) {
    r.name = c.word("name");
    if (r.k != requirement::kind::var) {
      for (auto& ch : r.name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return r;
}

requirement parse_requirement(cursor& c) {
  std::string const w = c.word("requirement");
  auto k = requirement_kind(w);
  if (!k) {
    throw syntax_error("unknown requirement '" + w +
                       "' (ext, tls-ext, sasl, tls-sasl, login, tls, starttls, plain, implicit-tls, var, scheme)");
  }
  requirement r = parse_requirement_args(*k, c);
  c.end();
  return r;
}

rfc_ref parse_rfc(cursor& c) {
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
  return r;
}

class parser {
 public:
  parser(std::string file, std::string suite, std::string real_path)
      : file_(std::move(file)), real_path_(real_path.empty() ? file_ : std::move(real_path)), suite_(std::move(suite)) {}

  parse_result run(std::string_view text) {
    int lineno = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      ++lineno;
      try {
        statement(line, lineno);
      } catch (syntax_error const& e) {
        error(lineno, e.what());
      }
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    if (current_ || fixture_) {
      error(open_line(), open_what() + " has no 'end'");
      blocks_.clear();
      finish();
    }
    return std::move(result_);
  }

 private:
  void error(int line, std::string const& msg) { result_.errors.push_back(file_ + ":" + std::to_string(line) + ": " + msg); }

  /// An open if/else/repeat block: the step that owns it, and which of its bodies takes new steps.
  struct open_block {
    step* owner;
    bool in_else;
    int line;
  };

  int open_line() const {
    if (!blocks_.empty()) return blocks_.back().line;
    return current_ ? current_->where.line : fixture_->where.line;
  }
  std::string open_what() const {
    if (!blocks_.empty()) {
      auto const k = blocks_.back().owner->kind;
      return k == step_kind::if_       ? "if block"
             : k == step_kind::repeat  ? "repeat block"
             : k == step_kind::foreach ? "foreach block"
                                       : "cleanup block";
    }
    return current_ ? "case " + current_->id : "fixture " + fixture_->name;
  }

  /// Where the next step goes: the innermost open block, else the case or fixture.
  std::vector<step>& steps_target() {
    if (!blocks_.empty()) return blocks_.back().in_else ? blocks_.back().owner->else_body : blocks_.back().owner->body;
    return current_ ? current_->steps : fixture_->steps;
  }

  void statement(std::string_view line, int lineno) {
    cursor c(lex(line));
    if (c.done()) return;
    std::string const kw = c.word("statement");
    if (!current_ && !fixture_) return top_level(kw, c, lineno);
    if (kw == "case" || kw == "fixture") {
      // A missing 'end': report it where it was opened, close everything, and go on with the new one.
      error(open_line(), open_what() + " has no 'end' (found '" + kw + "' at line " + std::to_string(lineno) + ")");
      blocks_.clear();
      finish();
      return top_level(kw, c, lineno);
    }
    if (kw == "end") {
      c.end();
      if (!blocks_.empty()) {
        blocks_.pop_back();
        return;
      }
      return finish();
    }
    if (kw == "else") {
      c.end();
      if (blocks_.empty() || blocks_.back().owner->kind != step_kind::if_ || blocks_.back().in_else) {
        throw syntax_error("'else' without an open 'if'");
      }
      blocks_.back().in_else = true;
      return;
    }
    if (current_ && metadata(kw, c)) return;
    if (fixture_ && (kw == "title" || kw == "rfc" || kw == "tags" || kw == "requires" || kw == "serial" || kw == "timeout")) {
      throw syntax_error("'" + kw + "' belongs to a case; a fixture holds steps only");
    }
    auto& target = steps_target();
    try {
      target.push_back(parse_step(kw, c, lineno));
    } catch (syntax_error const&) {
      // A malformed `if`/`repeat` still opens its block, so its `end` does not close the case.
      if (kw == "if" || kw == "repeat" || kw == "foreach") {
        step placeholder;
        placeholder.kind = kw == "if" ? step_kind::if_ : step_kind::repeat;
        placeholder.line = lineno;
        target.push_back(std::move(placeholder));
        blocks_.push_back({&target.back(), false, lineno});
      }
      throw;
    }
    if (target.back().kind == step_kind::if_ || target.back().kind == step_kind::repeat ||
        target.back().kind == step_kind::foreach || target.back().kind == step_kind::cleanup) {
      blocks_.push_back({&target.back(), false, lineno});
    }
  }

  void finish() {
    if (current_) return finish_case();
    if (fixture_) return finish_fixture();
  }

  void finish_fixture() {
    auto& f = *fixture_;
    if (f.steps.empty()) error(f.where.line, "fixture " + f.name + " has no steps");
    for (auto const& other : result_.fixtures) {
      if (other.name == f.name) error(f.where.line, "duplicate fixture " + f.name + " (first at " + other.where.str() + ")");
    }
    result_.fixtures.push_back(std::move(f));
    fixture_.reset();
  }

  void top_level(std::string const& kw, cursor& c, int lineno) {
    if (kw == "suite") {
      suite_ = c.word("suite name");
      c.end();
      return;
    }
    if (kw == "fixture") {
      std::string name = c.word("fixture name");
      c.end();
      auto p = protocol_from(suite_);
      if (!p) throw syntax_error("suite '" + suite_ + "' is not a protocol (smtp, pop3, imap); use 'suite NAME'");
      fixture_.emplace();
      conns_.clear();
      conn_unknown_ = false;
      conn_proto_ = *p;
      fixture_->name = std::move(name);
      fixture_->suite = suite_;
      fixture_->where = {file_, lineno};
      return;
    }
    if (kw != "case") throw syntax_error("'" + kw + "' outside a case (expected 'case ID' or 'fixture NAME')");
    std::string id = c.word("case id");  // before opening the case: a line without an id opens nothing
    current_.emplace();
    conns_.clear();
    conn_unknown_ = false;
    current_->id = std::move(id);
    current_->suite = suite_;
    current_->where = {file_, lineno};
    c.end();
    if (auto p = protocol_from(suite_)) {
      current_->proto = *p;
      conn_proto_ = *p;
    } else {
      throw syntax_error("suite '" + suite_ + "' is not a protocol (smtp, pop3, imap); use 'suite NAME'");
    }
    if (current_->id.rfind(suite_ + ".", 0) != 0) throw syntax_error("case id must start with '" + suite_ + ".'");
  }

  bool metadata(std::string const& kw, cursor& c) {
    auto& k = *current_;
    if (kw == "title") {
      k.title = c.rest_as_one_string("title");
      c.end();
    } else if (kw == "rfc") {
      k.refs.push_back(parse_rfc(c));
    } else if (kw == "tags") {
      while (!c.done()) k.tags.push_back(c.word("tag"));
    } else if (kw == "requires") {
      k.requires_.push_back(parse_requirement(c));
    } else if (kw == "serial") {
      k.serial = true;
      c.end();
    } else if (kw == "setup") {
      k.setup_for = c.word("variable name");
      c.end();
    } else if (kw == "monitors") {
      while (!c.done()) {
        std::string const r = c.word("rule name");
        if (k.proto != protocol::smtp || !find_reply_rule(r)) {
          std::string known;
          for (auto const& rule : smtp_reply_rules()) known += (known.empty() ? "" : ", ") + std::string(rule.name);
          throw syntax_error("unknown every-reply rule '" + r + "' (smtp: " + known + ")");
        }
        k.monitors.push_back(r);
      }
    } else if (kw == "timeout") {
      auto d = parse_duration(c.word("duration"));
      if (!d) throw syntax_error("bad timeout duration");
      k.timeout = d;
      c.end();
    } else {
      return false;
    }
    if (!k.steps.empty() && kw != "tags") throw syntax_error("'" + kw + "' must come before the first step");
    return true;
  }

  step parse_step(std::string const& kw, cursor& c, int lineno);

  void check_matcher_protocol(matcher const& m) const {
    if (conn_unknown_) return;  // after an include: checked on the expanded case (registry::link)
    if (std::string e = matcher_protocol_error(m.kind, conn_proto_); !e.empty()) throw syntax_error(e);
  }

  void finish_case() {
    auto& k = *current_;
    for (auto it = k.steps.begin(); it != k.steps.end(); ++it) {
      if (it->kind != step_kind::cleanup) continue;
      k.cleanup = std::move(it->body);
      k.steps.erase(it);
      break;
    }
    if (k.title.empty()) error(k.where.line, "case " + k.id + " has no title");
    if (k.refs.empty() && k.setup_for.empty()) error(k.where.line, "case " + k.id + " has no 'rfc' line");
    if (k.steps.empty()) error(k.where.line, "case " + k.id + " has no steps");
    for (auto const& other : result_.cases) {
      if (other.id == k.id) error(k.where.line, "duplicate case id " + k.id + " (first at " + other.where.str() + ")");
    }
    result_.cases.push_back(std::move(k));
    current_.reset();
  }

  std::map<std::string, protocol> conns_;  // connections opened so far in the case, and their protocols
  protocol conn_proto_ = protocol::smtp;     // protocol of the current connection (for matcher checks)
  bool conn_unknown_ = false;                // an include may have switched connections
  std::string file_;       // as shown in errors and reports
  std::string real_path_;  // for resolving send-file paths
  std::string suite_;
  std::optional<case_def> current_;
  std::optional<fixture_def> fixture_;
  std::vector<open_block> blocks_;
  parse_result result_;
};

step parser::parse_step(std::string const& kw, cursor& c, int lineno) {
  step s;
  s.line = lineno;
  if (kw == "connect") {
    s.kind = step_kind::connect;
    conn_unknown_ = false;
    s.name = c.done() ? std::string("main") : c.word("connection name");
    conn_proto_ = current_ ? current_->proto : protocol_from(suite_).value_or(protocol::smtp);
    if (!c.done()) {
      std::string const p = c.word("protocol (smtp, pop3, imap)");
      s.proto = protocol_from(p);
      if (!s.proto) throw syntax_error("unknown protocol '" + p + "' (smtp, pop3, imap)");
      s.url = parse_expr(c);
      conn_proto_ = *s.proto;
    }
    conns_[s.name] = conn_proto_;
  } else if (kw == "use") {
    s.kind = step_kind::use;
    s.name = c.word("connection name");
    auto it = conns_.find(s.name);
    if (it == conns_.end() && !conn_unknown_) throw syntax_error("no connection named " + s.name + " is opened before this line");
    if (it != conns_.end()) {
      conn_proto_ = it->second;
      conn_unknown_ = false;
    }
  } else if (kw == "command") {
    s.kind = step_kind::command;
    if (!c.done() && c.peek().k == token::kind::word) {  // command TAG STR: the tag chosen by the script
      if (conn_proto_ != protocol::imap) throw syntax_error("a command tag is an IMAP feature");
      s.tag = c.word("tag");
    }
    s.strings.push_back(parse_expr(c));
    if (c.peek_word("literal") || c.peek_word("literal+") || c.peek_word("literal-file")) {
      if (conn_proto_ != protocol::imap) throw syntax_error("literals are an IMAP feature");
      std::string const how = c.word("literal");
      s.literal_nosync = how == "literal+";
      if (how == "literal-file") {
        std::string rel = c.next_is_string() ? c.next("path").text : c.word("path");
        s.path = (std::filesystem::path(real_path_).parent_path() / rel).string();
        if (!std::filesystem::is_regular_file(s.path)) throw syntax_error("literal-file: no such file " + s.path);
      } else {
        s.literal = parse_expr(c);
      }
    }
  } else if (kw == "send" || kw == "send-raw") {
    s.kind = kw == "send" ? step_kind::send : step_kind::send_raw;
    s.strings = parse_exprs(c);
  } else if (kw == "send-file") {
    s.kind = step_kind::send_file;
    std::string rel = c.next_is_string() ? c.next("path").text : c.word("path");
    s.path = (std::filesystem::path(real_path_).parent_path() / rel).string();
    if (!std::filesystem::is_regular_file(s.path)) throw syntax_error("send-file: no such file " + s.path);
  } else if (kw == "starttls") {
    s.kind = step_kind::starttls;
    if (c.peek_word("or-end")) {
      c.next("or-end");
      s.or_end = true;
    }
  } else if (kw == "close") {
    s.kind = step_kind::close;
  } else if (kw == "login") {
    s.kind = step_kind::login;
    while (!c.done()) {
      std::string opt = c.word("login option");
      if (opt == "user") s.auth_user = parse_expr(c);
      else if (opt == "password") s.auth_password = parse_expr(c);
      else throw syntax_error("unknown login option '" + opt + "' (user, password)");
    }
  } else if (kw == "apop") {
    s.kind = step_kind::apop;
    if (conn_proto_ != protocol::pop3) throw syntax_error("apop is a pop3 step");
    while (!c.done()) {
      std::string opt = c.word("apop option");
      if (opt == "user") s.auth_user = parse_expr(c);
      else if (opt == "password") s.auth_password = parse_expr(c);
      else throw syntax_error("unknown apop option '" + opt + "' (user, password)");
    }
  } else if (kw == "auth") {
    s.kind = step_kind::auth;
    s.name = c.word("SASL mechanism");
    for (auto& ch : s.name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    static char const* const known[] = {"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"};
    if (std::find_if(std::begin(known), std::end(known), [&](char const* k) { return s.name == k; }) == std::end(known)) {
      throw syntax_error("auth: unsupported mechanism " + s.name + " (PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256)");
    }
    while (!c.done()) {
      std::string opt = c.word("auth option");
      if (opt == "user") s.auth_user = parse_expr(c);
      else if (opt == "password") s.auth_password = parse_expr(c);
      else if (opt == "no-ir") s.no_ir = true;
      else throw syntax_error("unknown auth option '" + opt + "' (user, password, no-ir)");
    }
  } else if (kw == "idle" || kw == "done") {
    if (conn_proto_ != protocol::imap) throw syntax_error(kw + " is an IMAP step");
    s.kind = kw == "idle" ? step_kind::idle : step_kind::done;
    if (kw == "idle" && !c.done()) s.tag = c.word("tag");
  } else if (kw == "read") {
    s.kind = step_kind::read;
  } else if (kw == "need" || kw == "expect") {
    s.kind = kw == "need" ? step_kind::need : step_kind::expect;
    if (!c.done() && c.peek().k == token::kind::word) {
      if (auto l = level_from(c.peek().text)) {
        if (s.kind == step_kind::need) throw syntax_error("need takes no level (it is a precondition)");
        s.lvl = l;
        c.next("level");
      }
    }
    s.m = parse_matcher(c);
    check_matcher_protocol(s.m);
  } else if (kw == "capture") {
    s.kind = step_kind::capture;
    s.name = c.word("variable name");
    s.re = c.regex("regex");
  } else if (kw == "set") {
    s.kind = step_kind::set;
    s.name = c.word("variable name");
    s.strings.push_back(parse_expr(c));
  } else if (kw == "include") {
    s.kind = step_kind::include;
    s.name = c.word("fixture name");
    conn_unknown_ = true;
  } else if (kw == "if") {
    s.kind = step_kind::if_;
    if (c.peek_word("not")) {
      c.next("not");
      s.cond.negate = true;
    }
    if (c.peek_word("equals") || c.peek_word("differs") || c.peek_word("less") || c.peek_word("greater")) {
      s.cond.m = parse_matcher(c);
    } else {
      std::string const w = c.word("condition");
      auto k = requirement_kind(w);
      if (!k) {
        throw syntax_error("unknown condition '" + w +
                           "' (ext, tls-ext, sasl, tls-sasl, login, tls, starttls, plain, implicit-tls, var, scheme, "
                           "equals, differs, less, greater; 'not' before any)");
      }
      s.cond.req = parse_requirement_args(*k, c);
    }
  } else if (kw == "cleanup") {
    if (!current_ || !blocks_.empty()) throw syntax_error("'cleanup' belongs at the top level of a case");
    if (std::any_of(current_->steps.begin(), current_->steps.end(), [](auto const& x) { return x.kind == step_kind::cleanup; })) {
      throw syntax_error("a case has at most one 'cleanup' block");
    }
    s.kind = step_kind::cleanup;
  } else if (kw == "foreach") {
    s.kind = step_kind::foreach;
    s.name = c.word("variable name");
    s.strings = parse_exprs(c);
  } else if (kw == "repeat") {
    s.kind = step_kind::repeat;
    std::string const count = c.word("repeat count");
    if (count.size() > 3 && count.rfind("${", 0) == 0 && count.back() == '}') {
      s.name = count.substr(2, count.size() - 3);
    } else {
      s.count = parse_count(count);
    }
  } else if (kw == "sleep") {
    s.kind = step_kind::sleep;
    auto d = parse_duration(c.word("duration"));
    if (!d) throw syntax_error("sleep needs a duration such as 500ms");
    s.duration = *d;
  } else {
    throw syntax_error("unknown step '" + kw + "'");
  }
  c.end();
  return s;
}

}  // namespace

std::string matcher_protocol_error(matcher_kind k, protocol p) {
  auto only = [&](protocol want, char const* name) -> std::string {
    if (p == want) return {};
    return std::string(name) + " is a " + std::string(to_string(want)) + " matcher; this is a " + std::string(to_string(p)) +
           " connection";
  };
  switch (k) {
    case matcher_kind::reply: return only(protocol::smtp, "reply");
    case matcher_kind::ok: return only(protocol::pop3, "ok");
    case matcher_kind::err: return only(protocol::pop3, "err");
    case matcher_kind::status: return only(protocol::pop3, "status");
    case matcher_kind::body: return only(protocol::pop3, "body");
    case matcher_kind::size_equals: return only(protocol::pop3, "size-equals");
    case matcher_kind::tagged: return only(protocol::imap, "tagged");
    case matcher_kind::untagged: return only(protocol::imap, "untagged");
    case matcher_kind::continuation: return only(protocol::imap, "continuation");
    case matcher_kind::unsolicited: return only(protocol::imap, "unsolicited");
    default: return {};
  }
}

std::optional<millis> parse_duration(std::string_view w) {
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
  if (ec != std::errc() || p == w.data()) return std::nullopt;
  std::string_view unit(p, static_cast<std::size_t>(w.data() + w.size() - p));
  if (n > 86'400'000) return std::nullopt;
  if (unit == "ms") return millis(n);
  if (unit == "s") return millis(n * 1000);
  if (unit == "m") return millis(n * 60'000);
  return std::nullopt;
}

parse_result parse_script(std::string_view text, std::string const& file, std::string const& suite,
                          std::string const& real_path) {
  return parser(file, suite, real_path).run(text);
}

parse_result parse_file(std::string const& path, std::string const& display) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    parse_result r;
    r.errors.push_back(path + ":0: cannot read the file");
    return r;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string suite = std::filesystem::path(path).parent_path().filename().string();
  return parse_script(ss.str(), display.empty() ? path : display, suite, path);
}

}  // namespace mailspec::script
