// The statement loop of the .mspec parser: files, suite lines, cases, fixtures and blocks. What each
// statement means comes from the tables of grammar.hpp; the words of a line from lexer.hpp.
#include "script/parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "script/grammar.hpp"

namespace mailspec::script {

namespace {

using lang::cursor;
using lang::syntax_error;

void check(std::string const& error) {
  if (!error.empty()) throw syntax_error(error);
}

/// The `suite NAME [protocol PROTO] [role ROLE]` in force for the cases and fixtures that follow.
struct suite_decl {
  std::string name;
  std::optional<protocol> proto;  // default: the protocol the suite is named after
  script::role role = script::role::client;
};

/// A directory's suite: `smtp` speaks SMTP as the client; `smtp-client` tests SMTP clients (the harness
/// plays the server); any other name needs a `suite NAME protocol PROTO` line.
suite_decl directory_suite(std::string name) {
  suite_decl d;
  d.proto = protocol_from(name);
  std::string_view const suffix = "-client";
  if (!d.proto && name.size() > suffix.size() && name.ends_with(suffix)) {
    d.proto = protocol_from(std::string_view(name).substr(0, name.size() - suffix.size()));
    if (d.proto) d.role = script::role::server;
  }
  d.name = std::move(name);
  return d;
}

suite_decl parse_suite_line(cursor& c) {
  suite_decl d;
  d.name = c.word("suite name");
  bool role_given = false;
  while (!c.done()) {
    std::string const opt = c.word("suite option");
    if (opt == "protocol" && !d.proto) {
      std::string const p = c.word("protocol (smtp, pop3, imap)");
      d.proto = protocol_from(p);
      if (!d.proto) throw syntax_error("unknown protocol '" + p + "' (smtp, pop3, imap)");
    } else if (opt == "role" && !role_given) {
      std::string const r = c.word("role (client, server)");
      auto parsed = role_from(r);
      if (!parsed) throw syntax_error("unknown role '" + r + "' (client, server)");
      d.role = *parsed;
      role_given = true;
    } else if (opt == "protocol" || opt == "role") {
      throw syntax_error("'" + opt + "' is given twice");
    } else {
      throw syntax_error("unknown suite option '" + opt + "' (protocol PROTO, role client|server)");
    }
  }
  return d;
}

class parser {
 public:
  parser(std::string file, std::string suite, std::string real_path)
      : file_(std::move(file)),
        real_path_(real_path.empty() ? file_ : std::move(real_path)),
        suite_(directory_suite(std::move(suite))) {}

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

  /// An open block (if, repeat, foreach, cleanup): the step that owns it, and which body takes new steps.
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
    if (!blocks_.empty()) return std::string(lang::find_step(blocks_.back().owner->kind)->keyword) + " block";
    return current_ ? "case " + current_->id : "fixture " + fixture_->name;
  }

  /// Where the next step goes: the innermost open block, else the case or fixture.
  std::vector<step>& steps_target() {
    if (!blocks_.empty()) return blocks_.back().in_else ? blocks_.back().owner->else_body : blocks_.back().owner->body;
    return current_ ? current_->steps : fixture_->steps;
  }

  void statement(std::string_view line, int lineno) {
    cursor c(lang::lex(line));
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
    if (kw == "end") return end_line(c);
    if (kw == "else") return else_line(c);
    if (auto const* e = lang::find_case_line(kw)) return case_line(*e, c);
    add_step(kw, c, lineno);
  }

  void end_line(cursor& c) {
    c.end();
    if (blocks_.empty()) return finish();
    blocks_.pop_back();
  }

  void else_line(cursor& c) {
    c.end();
    if (blocks_.empty() || blocks_.back().owner->kind != step_kind::if_ || blocks_.back().in_else) {
      throw syntax_error("'else' without an open 'if'");
    }
    blocks_.back().in_else = true;
  }

  void case_line(lang::case_line_entry const& e, cursor& c) {
    std::string const kw(e.keyword);
    if (!current_) throw syntax_error("'" + kw + "' belongs to a case; a fixture holds steps only");
    auto& k = *current_;
    check(lang::role_error(kw, "case line", e.roles, k.role));
    check(lang::protocol_error(kw, "case line", e.protocols, k.proto, "case"));
    e.parse(c, k);
    if (e.before_steps && !k.steps.empty()) throw syntax_error("'" + kw + "' must come before the first step");
  }

  bool has_cleanup() const {
    return current_ && std::any_of(current_->steps.begin(), current_->steps.end(),
                                   [](step const& s) { return s.kind == step_kind::cleanup; });
  }

  void add_step(std::string const& kw, cursor& c, int lineno) {
    auto& target = steps_target();
    auto const* e = lang::find_step(kw);
    if (!e) throw syntax_error("unknown step '" + kw + "'");
    step s;
    s.kind = e->kind;
    s.line = lineno;
    try {
      check(lang::role_error(kw, "step", e->roles, role_));
      if (!conns_.unknown) check(lang::protocol_error(kw, "step", e->protocols, conns_.current, "connection"));
      lang::step_context x{c, s, conns_, role_, real_path_, current_ && blocks_.empty(), has_cleanup()};
      e->parse(x);
      c.end();
    } catch (syntax_error const&) {
      // A malformed block step still opens its block, so that its `end` does not close the case.
      if (e->block) {
        step placeholder;
        placeholder.kind = e->kind;
        placeholder.line = lineno;
        target.push_back(std::move(placeholder));
        blocks_.push_back({&target.back(), false, lineno});
      }
      throw;
    }
    target.push_back(std::move(s));
    if (e->block) blocks_.push_back({&target.back(), false, lineno});
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

  /// The protocol of the suite in force: declared, or its name.
  protocol suite_protocol() const {
    if (suite_.proto) return *suite_.proto;
    if (auto p = protocol_from(suite_.name)) return *p;
    throw syntax_error("suite '" + suite_.name + "' is not a protocol (smtp, pop3, imap); use 'suite " + suite_.name +
                       " protocol PROTO'");
  }

  void top_level(std::string const& kw, cursor& c, int lineno) {
    if (kw == "suite") {
      suite_ = parse_suite_line(c);
      return;
    }
    if (kw == "fixture") return open_fixture(c, lineno);
    if (kw != "case") throw syntax_error("'" + kw + "' outside a case (expected 'case ID' or 'fixture NAME')");
    open_case(c, lineno);
  }

  void open_fixture(cursor& c, int lineno) {
    std::string name = c.word("fixture name");
    c.end();
    protocol const p = suite_protocol();
    fixture_.emplace();
    conns_ = {};
    conns_.home = conns_.current = p;
    role_ = suite_.role;
    fixture_->name = std::move(name);
    fixture_->suite = suite_.name;
    fixture_->where = {file_, lineno};
  }

  void open_case(cursor& c, int lineno) {
    std::string id = c.word("case id");  // before opening the case: a line without an id opens nothing
    current_.emplace();
    conns_ = {};
    role_ = suite_.role;
    current_->id = std::move(id);
    current_->suite = suite_.name;
    current_->role = suite_.role;
    current_->where = {file_, lineno};
    c.end();
    protocol const p = suite_protocol();  // the case stays open on an error, so its lines are checked
    current_->proto = p;
    conns_.home = conns_.current = p;
    if (current_->id.rfind(suite_.name + ".", 0) != 0) throw syntax_error("case id must start with '" + suite_.name + ".'");
  }

  lang::connections conns_;  // the connections of the case or fixture so far, for protocol checks
  script::role role_ = script::role::client;  // of the case or fixture being read
  std::string file_;       // as shown in errors and reports
  std::string real_path_;  // for resolving send-file paths
  suite_decl suite_;
  std::optional<case_def> current_;
  std::optional<fixture_def> fixture_;
  std::vector<open_block> blocks_;
  parse_result result_;
};

}  // namespace

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
