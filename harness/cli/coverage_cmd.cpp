#include "cli/coverage_cmd.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "client/run.hpp"
#include "report/coverage.hpp"
#include "report/report.hpp"
#include "script/registry.hpp"

namespace mailspec::cli {

namespace cov = report::coverage;
namespace exit_status = client::exit_status;
namespace fs = std::filesystem;

namespace {

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_file(std::string const& path, bool missing_ok) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (missing_ok && !fs::exists(path)) return {};
    throw usage_error("cannot read " + path);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The file the generated COVERAGE.md is compared with or written to ("" when neither).
std::string const& target_file(coverage_args const& a) { return a.write.empty() ? a.check : a.write; }

void validate(coverage_args const& a) {
  bool const file_mode = !a.write.empty() || !a.check.empty();
  if (!a.write.empty() && !a.check.empty()) throw usage_error("--write and --check exclude each other");
  if ((a.markdown || file_mode) && a.suites.size() != 1) {
    throw usage_error("a COVERAGE.md is one suite's: give exactly one --suite with --markdown, --write or --check");
  }
  if (file_mode && (!a.rfcs.empty() || !a.level.empty() || a.lowercase)) {
    throw usage_error("--write and --check render the whole file: no --rfc, --level or --lowercase with them");
  }
  if (a.json && (a.markdown || file_mode)) throw usage_error("--json and --markdown both print to stdout: choose one");
}

/// The selected suites with their cases' role and their notes (the COVERAGE.md beside their scripts,
/// or for --write/--check the file named there).
std::vector<cov::suite_notes> suites_of(coverage_args const& a, std::string const& dir,
                                        std::vector<script::case_def const*> const& all) {
  std::vector<cov::suite_notes> out;
  for (auto const* c : all) {
    bool const wanted = a.suites.empty() || std::find(a.suites.begin(), a.suites.end(), c->suite) != a.suites.end();
    bool const seen = std::any_of(out.begin(), out.end(), [&](auto const& s) { return s.name == c->suite; });
    if (wanted && !seen) out.push_back({c->suite, c->role == script::role::client, {}});
  }
  for (auto const& s : a.suites) {
    if (std::none_of(out.begin(), out.end(), [&](auto const& x) { return x.name == s; })) {
      throw usage_error("no suite " + s + " in " + dir + " (see 'mailspec list')");
    }
  }
  for (auto& s : out) {
    std::string const file = target_file(a).empty() ? (fs::path(dir) / s.name / "COVERAGE.md").string() : target_file(a);
    s.hand = cov::parse_notes(read_file(file, true));
  }
  return out;
}

cov::options options_of(coverage_args const& a) {
  cov::options o;
  o.rfcs = a.rfcs;
  o.lowercase = a.lowercase;
  if (a.level == "MUST") o.level = script::level::must;
  if (a.level == "SHOULD") o.level = script::level::should;
  return o;
}

/// Line number and text of the first line where `want` and `have` differ.
std::string first_difference(std::string const& want, std::string const& have) {
  std::istringstream w(want), h(have);
  std::string lw, lh;
  for (int line = 1;; ++line) {
    bool const mw = static_cast<bool>(std::getline(w, lw)), mh = static_cast<bool>(std::getline(h, lh));
    if (!mw && !mh) return "they differ in line endings";
    if (mw != mh || lw != lh) {
      return "first difference at line " + std::to_string(line) + ": the command writes \"" + (mw ? lw.substr(0, 100) : "(end)") +
             "\", the file has \"" + (mh ? lh.substr(0, 100) : "(end)") + "\"";
    }
  }
}

/// --must-explain: every MUST sentence of each RFC that the suites' roles can check has a case or a note.
bool gates_hold(coverage_args const& a, std::vector<cov::requirement> const& reqs, std::vector<cov::suite_notes> const& suites,
                std::vector<script::case_def const*> const& cases) {
  bool ok = true;
  for (int rfc : a.must_explain) {
    auto o = options_of(a);
    o.rfcs = {rfc};
    o.level = script::level::must;
    auto const m = cov::compute(reqs, suites, cases, o);
    for (auto const* s : cov::unexplained_must(m, rfc)) {
      std::cerr << "mailspec coverage: RFC " << rfc << " §" << s->section << " " << s->title << ": " << s->must.unexplained
                << " MUST sentence" << (s->must.unexplained == 1 ? "" : "s")
                << " with neither a case nor a note in COVERAGE.md saying why none can check "
                << (s->must.unexplained == 1 ? "it" : "them") << "\n";
      ok = false;
    }
  }
  return ok;
}

/// The names of the suite's cases and fixtures, which its notes may mention.
std::vector<std::string> names_of(script::registry const& reg, std::string const& suite) {
  std::vector<std::string> out;
  for (auto const& c : reg.cases()) {
    if (c.suite == suite) out.push_back(c.id);
  }
  for (auto const& f : reg.fixtures()) {
    if (f.suite == suite) out.push_back(f.name);
  }
  return out;
}

int write_or_check(coverage_args const& a, cov::matrix const& m, cov::notes const& hand, std::vector<std::string> const& names) {
  std::string const md = cov::render_markdown(m, hand);
  if (!a.write.empty()) {
    report::write_atomic(a.write, md);
    std::cout << "wrote " << a.write << "\n";
    return exit_status::ok;
  }
  int rc = exit_status::ok;
  // A note naming a case that was renamed or removed has drifted as surely as a stale case list.
  for (auto const& n : cov::unknown_names(hand, a.suites.front(), names)) {
    std::cerr << "mailspec coverage: " << a.check << ": a note names `" << n << "`, which is no case or fixture of the suite\n";
    rc = exit_status::failed;
  }
  std::string const have = read_file(a.check, true);
  if (have != md) {
    std::cerr << "mailspec coverage: " << a.check << " is not what `mailspec coverage --suite " << a.suites.front()
              << " --write " << a.check << "` writes (" << first_difference(md, have) << "); run that and review the diff\n";
    return exit_status::failed;
  }
  if (rc == exit_status::ok) std::cout << a.check << " is current\n";
  return rc;
}

}  // namespace

int cmd_coverage(coverage_args const& a) {
  try {
    validate(a);
    std::string const dir = a.suites_dir.empty() ? script::default_suites_dir() : a.suites_dir;
    auto const reg = client::load_suites(dir);
    for (auto const& e : reg.errors()) std::cerr << e << "\n";
    if (!reg.errors().empty()) return exit_status::usage;
    auto const reqs = cov::load_requirements((fs::path(dir) / "requirements.json").string());
    auto const suites = suites_of(a, dir, reg.select({}, std::nullopt));
    std::vector<std::string> names;
    for (auto const& s : suites) names.push_back(s.name);
    auto const cases = reg.select({names, {}, {}, {}}, std::nullopt);
    auto const m = cov::compute(reqs, suites, cases, options_of(a));
    // The gate first: an RFC the list does not hold is a usage error before anything is printed.
    int rc = gates_hold(a, reqs, suites, cases) ? exit_status::ok : exit_status::failed;
    if (!target_file(a).empty()) {
      rc = std::max(rc, write_or_check(a, m, suites.front().hand, names_of(reg, suites.front().name)));
    } else if (a.markdown) {
      std::cout << cov::render_markdown(m, suites.front().hand);
    } else if (a.json) {
      std::cout << cov::render_json(m);
    } else {
      std::cout << cov::render_text(m, a.verbose);
    }
    if (!a.html.empty()) {
      report::write_atomic(a.html, cov::render_html(m));
      std::cerr << "wrote " << a.html << "\n";
    }
    return rc;
  } catch (std::exception const& e) {  // a bad flag, an unknown suite or RFC, a file it cannot read or write
    std::cerr << "mailspec coverage: " << e.what() << "\n";
  }
  return exit_status::usage;
}

coverage_command::coverage_command(CLI::App& app) {
  auto* c = sub_ = app.add_subcommand(
      "coverage",
      "The RFC requirement matrix: per MUST and SHOULD sentence, the cases that check it or why none can; per-RFC totals");
  c->footer("A sentence counts as checked when a case cites its section (the granularity of the `rfc` lines); else\n"
            "explained when the suite's COVERAGE.md has a note under that section; a sentence of the client (server)\n"
            "role is checkable by client-test (server-test) suites only, and counts as \"other role\" when none is selected.\n"
            "Exit codes: 0; 1 when --check finds the file out of date or --must-explain a MUST sentence with neither a\n"
            "case nor a note; 2 for a usage error or a file it cannot read. The notes are the paragraphs under each\n"
            "`## RFC N §SECTION` heading of suites/SUITE/COVERAGE.md; the requirement list is suites/requirements.json.");
  auto& a = args_;
  c->add_option("--suite", a.suites, "Only these suites (repeatable; default: every suite)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c->add_option("--rfc", a.rfcs, "Only this RFC (repeatable; default: every RFC the suites cite or explain)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c->add_option("--level", a.level, "Only MUST or only SHOULD sentences")->transform(CLI::IsMember({"MUST", "SHOULD"}, CLI::ignore_case));
  c->add_flag("--lowercase", a.lowercase, "Count the sentences written in lower case too (RFCs older than RFC 2119, e.g. 1939, 6152)");
  c->add_flag("-v,--verbose", a.verbose, "Print a line per section after the totals: its sentences, its cases or why none");
  c->add_flag("--json", a.json, "Print the matrix as JSON (schema reports/schema/coverage-v1.json)");
  c->add_option("--html", a.html, "Write the matrix as a self-contained HTML page to this file");
  c->add_flag("--markdown", a.markdown, "Print one suite's COVERAGE.md: the matrix with the hand-written notes of the suite's file");
  c->add_option("--write", a.write, "Write one suite's COVERAGE.md to this file, keeping the notes it holds");
  c->add_option("--check", a.check, "Exit 1 when this file is not what --write would write to it, or a note names no case or fixture of the suite");
  c->add_option("--must-explain", a.must_explain, "Exit 1 when a MUST sentence of this RFC has neither a case nor a note (repeatable)")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c->add_option("--suites-dir", a.suites_dir, "Directory of the suites and requirements.json (default: $MAILSPEC_SUITES or the built-in)");
}

bool coverage_command::given() const { return sub_ && sub_->parsed(); }

}  // namespace mailspec::cli
