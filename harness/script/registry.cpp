#include "script/registry.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "script/grammar.hpp"
#include "script/parser.hpp"
#include "script/result.hpp"

namespace fs = std::filesystem;

namespace mailspec::script {

std::string_view to_string(verdict v) {
  switch (v) {
    case verdict::pass: return "pass";
    case verdict::fail: return "fail";
    case verdict::warn: return "warn";
    case verdict::info: return "info";
    case verdict::skip: return "skip";
    case verdict::error: return "error";
  }
  return "?";
}

int severity(verdict v) {
  switch (v) {
    case verdict::pass: return 0;
    case verdict::skip: return 1;
    case verdict::info: return 2;
    case verdict::warn: return 3;
    case verdict::fail: return 4;
    case verdict::error: return 5;
  }
  return 0;
}

namespace {
bool glob(std::string_view p, std::string_view s) {
  // Iterative glob with backtracking over the last '*': linear enough for ids.
  std::size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi;
      ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}
}  // namespace

bool id_matches(std::string const& id, std::string const& pattern) {
  if (pattern.find_first_of("*?") != std::string::npos) return glob(pattern, id);
  if (id.rfind(pattern, 0) != 0) return false;
  if (id.size() == pattern.size()) return true;
  char const next = id[pattern.size()];
  return next == '.' || next == '-' || pattern.back() == '.';
}

void registry::load_file(std::string const& path, std::string const& display) {
  real_paths_[display.empty() ? path : display] = path;
  add(parse_file(path, display));
  link();
}

namespace {
void mark_file(std::vector<step>& steps, std::string const& file) {
  for (auto& s : steps) {
    if (s.file.empty()) s.file = file;
    mark_file(s.body, file);
    mark_file(s.else_body, file);
  }
}
}  // namespace

void registry::load_sibling_fixtures(std::string const& real_path) {
  std::error_code ec;
  fs::path const dir = fs::path(real_path).parent_path();
  std::string const key = fs::absolute(dir, ec).lexically_normal().string();
  if (std::find(scanned_dirs_.begin(), scanned_dirs_.end(), key) != scanned_dirs_.end()) return;
  scanned_dirs_.push_back(key);
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".mspec") continue;
    fs::path const display = fs::path(real_path).parent_path() / it->path().filename();
    auto r = parse_file(it->path().string(), display.string());
    for (auto& f : r.fixtures) {
      bool const known = std::any_of(fixtures_.begin(), fixtures_.end(), [&](auto const& o) { return o.name == f.name; });
      if (!known) {
        mark_file(f.steps, f.where.file);
        fixtures_.push_back(std::move(f));
      }
    }
  }
}

bool registry::expand(std::vector<step>& steps, std::string const& file, int depth) {
  std::vector<step> out;
  out.reserve(steps.size());
  bool ok = true;
  for (auto& s : steps) {
    std::string const& here = s.file.empty() ? file : s.file;
    if (s.kind != step_kind::include) {
      ok = expand(s.body, here, depth) && ok;
      ok = expand(s.else_body, here, depth) && ok;
      out.push_back(std::move(s));
      continue;
    }
    if (depth >= 16) {
      errors_.push_back(here + ":" + std::to_string(s.line) + ": include " + s.name +
                        ": fixtures nested deeper than 16 (does a fixture include itself?)");
      return false;
    }
    auto find = [&] {
      return std::find_if(fixtures_.begin(), fixtures_.end(), [&](auto const& f) { return f.name == s.name; });
    };
    auto it = find();
    if (it == fixtures_.end()) {
      if (auto rp = real_paths_.find(here); rp != real_paths_.end()) load_sibling_fixtures(rp->second);
      it = find();
    }
    if (it == fixtures_.end()) {
      errors_.push_back(here + ":" + std::to_string(s.line) + ": no fixture named " + s.name);
      ok = false;
      continue;
    }
    std::vector<step> body = it->steps;  // a copy: the same fixture serves many cases
    if (!expand(body, it->where.file, depth + 1)) return false;
    for (auto& b : body) out.push_back(std::move(b));
  }
  steps = std::move(out);
  return ok;
}

namespace {

/// Why step `s` (its own keyword, its matcher, its condition) does not fit a case of role `r` on a
/// connection of protocol `cur`, from the language tables (grammar.hpp); "" when it fits.
std::string fit_error(step const& s, role r, protocol cur) {
  auto const* e = lang::find_step(s.kind);
  if (!e) return {};
  if (auto err = lang::role_error(e->keyword, "step", e->roles, r); !err.empty()) return err;
  if (auto err = lang::protocol_error(e->keyword, "step", e->protocols, cur, "connection"); !err.empty()) return err;
  std::optional<matcher> m;
  if (s.kind == step_kind::need || s.kind == step_kind::expect) m = s.m;
  if (s.kind == step_kind::if_ && s.cond.m) m = s.cond.m;
  if (m) {
    auto const* me = lang::find_matcher(m->kind);
    if (auto err = lang::role_error(me->keyword, "matcher", me->roles, r); !err.empty()) return err;
    if (s.kind != step_kind::if_) return matcher_protocol_error(m->kind, cur);
  }
  if (s.kind == step_kind::if_ && s.cond.req) {
    for (auto const& re : lang::requirement_table()) {
      if (re.kind == s.cond.req->k) return lang::role_error(re.keyword, "requirement", re.roles, r);
    }
  }
  return {};
}

/// With the includes expanded, each step and matcher is checked against the case's role and the protocol
/// of the connection it works on.
void check_protocols(std::vector<step> const& steps, std::string const& file, case_def const& c,
                     std::map<std::string, protocol>& conns, protocol& cur, std::vector<std::string>& errors) {
  for (auto const& s : steps) {
    std::string const& here = s.file.empty() ? file : s.file;
    if (std::string e = fit_error(s, c.role, cur); !e.empty()) {
      errors.push_back(here + ":" + std::to_string(s.line) + ": " + e);
    }
    if (s.kind == step_kind::connect) {
      cur = s.proto.value_or(c.proto);
      conns[s.name] = cur;
    } else if (s.kind == step_kind::use) {
      auto it = conns.find(s.name);
      if (it == conns.end()) {
        errors.push_back(here + ":" + std::to_string(s.line) + ": no connection named " + s.name + " is opened before this line");
      } else {
        cur = it->second;
      }
    }
    check_protocols(s.body, here, c, conns, cur, errors);
    check_protocols(s.else_body, here, c, conns, cur, errors);
  }
}

}  // namespace

void registry::link() {
  for (; linked_ < cases_.size(); ++linked_) {
    auto& c = cases_[linked_];
    auto includes = [](std::vector<step> const& v) {
      return std::any_of(v.begin(), v.end(), [](auto const& s) { return s.kind == step_kind::include; });
    };
    bool const had_include = includes(c.steps) || includes(c.cleanup);
    bool const cleanup_ok = expand(c.cleanup, c.where.file, 0);
    // `mailspec serve --by-login` plays a case's first include itself and runs the rest: remember which
    // fixture that was and how many steps it became.
    std::string const first = !c.steps.empty() && c.steps.front().kind == step_kind::include ? c.steps.front().name : "";
    if (!expand(c.steps, c.where.file, 0) || !cleanup_ok || !had_include) continue;
    if (!first.empty()) {
      std::vector<step> one(1);
      one.front().kind = step_kind::include;
      one.front().name = first;
      if (expand(one, c.where.file, 0)) {
        c.first_include = first;
        c.first_include_steps = one.size();
      }
    }
    std::map<std::string, protocol> conns;
    protocol cur = c.proto;
    check_protocols(c.steps, c.where.file, c, conns, cur, errors_);
    check_protocols(c.cleanup, c.where.file, c, conns, cur, errors_);  // runs after, on what the steps left
  }
}

std::string id_word(std::string stem) {
  for (auto& ch : stem) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-') ch = '-';
  }
  return stem;
}

void registry::expand_each_file(case_def const& c, std::vector<case_def>& out) {
  auto rp = real_paths_.find(c.where.file);
  fs::path const script = rp == real_paths_.end() ? fs::path(c.where.file) : fs::path(rp->second);
  fs::path const pattern = script.parent_path() / c.each_file_pattern;
  std::string const name_glob = pattern.filename().string();
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(pattern.parent_path(), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && glob(name_glob, it->path().filename().string())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    errors_.push_back(c.where.str() + ": each-file: no file matches " + pattern.string());
    return;
  }
  for (auto const& f : files) {
    case_def one = c;
    one.id += "." + id_word(f.stem().string());
    one.title += " (" + f.filename().string() + ")";
    one.bindings[c.each_file_var] = f.string();
    one.bindings[c.each_file_var + ".name"] = f.filename().string();
    one.each_file_pattern.clear();
    out.push_back(std::move(one));
  }
}

void registry::add(parse_result r) {
  errors_.insert(errors_.end(), r.errors.begin(), r.errors.end());
  for (auto& f : r.fixtures) {
    auto dup = std::find_if(fixtures_.begin(), fixtures_.end(), [&](auto const& o) { return o.name == f.name; });
    if (dup != fixtures_.end()) {
      if (dup->where.file != f.where.file) {  // within one file the parser has said it
        errors_.push_back(f.where.str() + ": duplicate fixture " + f.name + " (first at " + dup->where.str() + ")");
      }
      continue;
    }
    mark_file(f.steps, f.where.file);
    fixtures_.push_back(std::move(f));
  }
  std::vector<case_def> all;
  for (auto& c : r.cases) {
    if (c.each_file_pattern.empty()) {
      all.push_back(std::move(c));
    } else {
      expand_each_file(c, all);
    }
  }
  for (auto& c : all) {
    auto dup = std::find_if(cases_.begin(), cases_.end(), [&](case_def const& o) { return o.id == c.id; });
    if (dup != cases_.end()) {
      errors_.push_back(c.where.str() + ": duplicate case id " + c.id + " (first at " + dup->where.str() + ")");
      continue;
    }
    cases_.push_back(std::move(c));
  }
}

void registry::load_directory(std::string const& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors_.push_back(dir + ":0: suites directory not found (set --suites-dir or MAILSPEC_SUITES)");
    return;
  }
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".mspec") files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  // Show paths from the suites directory's parent ("suites/smtp/x.mspec"): stable across machines.
  fs::path suites = fs::absolute(dir, ec).lexically_normal();
  if (!suites.has_filename()) suites = suites.parent_path();  // "suites/" -> "suites"
  fs::path const base = suites.parent_path();
  // Every file first, then the includes: a fixture may live in any script of the suite.
  for (auto const& f : files) {
    std::string const display = fs::absolute(f, ec).lexically_normal().lexically_relative(base).string();
    real_paths_[display] = f;
    add(parse_file(f, display));
  }
  link();
}

std::vector<case_def const*> registry::select(selection const& sel, std::optional<protocol> proto) const {
  auto any_match = [](std::vector<std::string> const& pats, std::string const& id) {
    return std::any_of(pats.begin(), pats.end(), [&](auto const& p) { return id_matches(id, p); });
  };
  std::vector<case_def const*> out;
  for (auto const& c : cases_) {
    if (proto && c.proto != *proto) continue;
    if (!c.setup_for.empty()) continue;
    if (!sel.suites.empty() && std::find(sel.suites.begin(), sel.suites.end(), c.suite) == sel.suites.end()) continue;
    if (!sel.cases.empty() && !any_match(sel.cases, c.id)) continue;
    if (any_match(sel.excludes, c.id)) continue;
    if (!sel.tags.empty() && std::none_of(c.tags.begin(), c.tags.end(), [&](auto const& t) {
          return std::find(sel.tags.begin(), sel.tags.end(), t) != sel.tags.end();
        })) {
      continue;
    }
    out.push_back(&c);
  }
  return out;
}

std::vector<case_def const*> registry::setups(protocol proto) const {
  std::vector<case_def const*> out;
  for (auto const& c : cases_) {
    if (c.proto == proto && !c.setup_for.empty()) out.push_back(&c);
  }
  return out;
}

std::string default_suites_dir() {
  if (char const* env = std::getenv("MAILSPEC_SUITES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "mailspec" / "suites";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
#ifdef MAILSPEC_SOURCE_SUITES
  return MAILSPEC_SOURCE_SUITES;
#else
  return "suites";
#endif
}

}  // namespace mailspec::script
