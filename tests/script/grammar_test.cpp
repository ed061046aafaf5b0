// The language tables (harness/script/grammar.hpp) against themselves, against the parser (every usage
// form parses), and against suites/README.md (every table row documents exactly one entry, and back).
#include "script/grammar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "script/parser.hpp"

namespace ms = mailspec::script;
namespace lang = mailspec::script::lang;

namespace {

std::string const readme_path = MAILSPEC_SUITES_README;

std::string read_readme() {
  std::ifstream in(readme_path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string join(std::vector<std::string> const& v, std::string_view sep = "\n") {
  std::string out;
  for (auto const& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// --- what README says ---

/// One row of a README language table: the forms of its first cell, then protocol, role and description.
struct readme_row {
  int line = 0;
  std::vector<std::string> forms;
  std::string protocol, role, doc;
};

std::string trim(std::string const& s) {
  auto const first = s.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

/// Splits a table row at the `|` that are not escaped; cells trimmed, `\|` turned into `|`.
std::vector<std::string> cells(std::string const& row) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == '|') {
      cur += '|';
      ++i;
    } else if (row[i] == '|') {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += row[i];
    }
  }
  return out;
}

/// The rows of the first table under the heading line `heading` whose first cell is code.
std::vector<readme_row> table_rows(std::string const& readme, std::string const& heading) {
  std::vector<readme_row> rows;
  std::istringstream in(readme);
  bool in_section = false, in_table = false;
  int lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    if (line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0) in_section = line == heading;
    if (!in_section) continue;
    if (line.rfind("| ", 0) != 0) {
      if (in_table) break;  // the first table only
      continue;
    }
    in_table = true;
    auto c = cells(line);
    if (c.size() != 4 || c[0].empty() || c[0][0] != '`') continue;  // header, rule, or not a language row
    readme_row r{lineno, {}, c[1], c[2], c[3]};
    static std::regex const code("`([^`]+)`");
    for (std::sregex_iterator it(c[0].begin(), c[0].end(), code), end; it != end; ++it) r.forms.push_back((*it)[1]);
    rows.push_back(std::move(r));
  }
  return rows;
}

// --- what the tables hold, in one shape ---

struct doc_entry {
  std::string keyword;
  std::vector<std::string> forms;
  std::string protocol, role, doc;
};

template <typename Entry>
std::vector<doc_entry> doc_entries(std::vector<Entry> const& table) {
  std::vector<doc_entry> out;
  for (auto const& e : table) {
    doc_entry d{std::string(e.keyword), {}, lang::describe(e.protocols), lang::describe(e.roles), std::string(e.doc)};
    for (auto u : e.usage) d.forms.emplace_back(u);
    out.push_back(std::move(d));
  }
  return out;
}

/// The keyword a form documents: its first word, or its second after "requires ".
std::string keyword_of(std::string const& form, bool requirement) {
  std::istringstream in(form);
  std::string w;
  in >> w;
  if (requirement && w == "requires") in >> w;
  return w;
}

/// What differs between README's table under `heading` and the language table, one message per difference.
std::vector<std::string> compare(std::string const& readme, std::string const& heading, std::string const& what,
                                 std::vector<doc_entry> const& table) {
  bool const req = what == "requirement";
  auto const rows = table_rows(readme, heading);
  std::vector<std::string> out;
  std::string const at = "suites/README.md '" + heading + "'";
  if (rows.empty()) return {at + ": no table rows found"};
  std::map<std::string, std::vector<std::pair<std::string, readme_row const*>>> documented;
  for (auto const& r : rows) {
    for (auto const& f : r.forms) documented[keyword_of(f, req)].emplace_back(f, &r);
  }
  for (auto const& [kw, forms] : documented) {
    bool const known = std::any_of(table.begin(), table.end(), [&](auto const& e) { return e.keyword == kw; });
    if (!known) {
      out.push_back(at + " line " + std::to_string(forms.front().second->line) + ": `" + forms.front().first +
                    "` documents a " + what + " '" + kw + "' that the language table does not have");
    }
  }
  for (auto const& e : table) {
    std::string const name = what + " '" + e.keyword + "'";
    auto it = documented.find(e.keyword);
    if (it == documented.end()) {
      out.push_back(at + ": no row for " + name + " (table: `" + join(e.forms, "`, `") + "`)");
      continue;
    }
    std::set<std::string> in_readme, in_table(e.forms.begin(), e.forms.end());
    for (auto const& [form, row] : it->second) {
      in_readme.insert(form);
      std::string const where = at + " line " + std::to_string(row->line) + ": " + name;
      if (!in_table.count(form)) out.push_back(where + ": README form `" + form + "` is not in the table (`" + join(e.forms, "`, `") + "`)");
      if (row->protocol != e.protocol) out.push_back(where + ": protocol '" + row->protocol + "', table: '" + e.protocol + "'");
      if (row->role != e.role) out.push_back(where + ": role '" + row->role + "', table: '" + e.role + "'");
      if (form == e.forms.front() && row->doc.rfind(e.doc, 0) != 0) {
        out.push_back(where + ": the description does not begin with the table's doc \"" + e.doc + "\"");
      }
    }
    for (auto const& f : e.forms) {
      if (!in_readme.count(f)) out.push_back(at + ": " + name + ": table form `" + f + "` has no row");
    }
  }
  return out;
}

std::vector<std::string> compare_all(std::string const& readme) {
  std::vector<std::string> out;
  auto add = [&](std::vector<std::string> v) { out.insert(out.end(), v.begin(), v.end()); };
  add(compare(readme, "## Steps", "step", doc_entries(lang::step_table())));
  add(compare(readme, "## Matchers", "matcher", doc_entries(lang::matcher_table())));
  add(compare(readme, "## Requirements", "requirement", doc_entries(lang::requirement_table())));
  add(compare(readme, "### Case lines", "case line", doc_entries(lang::case_line_table())));
  return out;
}

}  // namespace

TEST(LanguageTables, ReadmeDocumentsExactlyWhatTheTablesHold) {
  std::string const readme = read_readme();
  ASSERT_FALSE(readme.empty()) << "cannot read " << readme_path;
  auto const diffs = compare_all(readme);
  EXPECT_TRUE(diffs.empty()) << "suites/README.md and harness/script/grammar*.cpp disagree:\n" << join(diffs);
}

TEST(LanguageTables, ComparisonNamesWhatIsMissingOnWhichSide) {
  std::string const readme =
      "## Steps\n| step | protocol | role | what it does |\n| --- | --- | --- | --- |\n"
      "| `connect [NAME]` | all | client | opens a new connection to the target (implicit TLS when the URL says so) "
      "and makes it current |\n"
      "| `use NAME` | SMTP | server | something else |\n"
      "| `teleport WHERE` | all | client | not a step |\n";
  auto const diffs = join(compare(readme, "## Steps", "step", doc_entries(lang::step_table())));
  EXPECT_NE(diffs.find("line 6: `teleport WHERE` documents a step 'teleport' that the language table does not have"),
            std::string::npos) << diffs;
  EXPECT_NE(diffs.find("no row for step 'send' (table: `send STR...`)"), std::string::npos) << diffs;
  EXPECT_NE(diffs.find("step 'connect': table form `connect NAME PROTO STR` has no row"), std::string::npos) << diffs;
  EXPECT_NE(diffs.find("line 5: step 'use': protocol 'SMTP', table: 'all'"), std::string::npos) << diffs;
  EXPECT_NE(diffs.find("line 5: step 'use': role 'server', table: 'client'"), std::string::npos) << diffs;
  EXPECT_NE(diffs.find("step 'use': the description does not begin with the table's doc"), std::string::npos) << diffs;
  EXPECT_EQ(diffs.find("step 'connect': the description"), std::string::npos) << diffs;
}

// --- the tables themselves ---

TEST(LanguageTables, EveryKindHasItsEntry) {
  for (int k = 0; k <= static_cast<int>(ms::step_kind::cleanup); ++k) {
    auto n = std::count_if(lang::step_table().begin(), lang::step_table().end(),
                           [&](auto const& e) { return static_cast<int>(e.kind) == k; });
    EXPECT_EQ(n, 1) << "step_kind " << k;
  }
  for (int k = 0; k <= static_cast<int>(ms::matcher_kind::greater); ++k) {
    auto n = std::count_if(lang::matcher_table().begin(), lang::matcher_table().end(),
                           [&](auto const& e) { return static_cast<int>(e.kind) == k; });
    EXPECT_EQ(n, 1) << "matcher_kind " << k;
  }
  for (int k = 0; k <= static_cast<int>(ms::requirement::kind::scheme); ++k) {
    auto n = std::count_if(lang::requirement_table().begin(), lang::requirement_table().end(),
                           [&](auto const& e) { return static_cast<int>(e.kind) == k; });
    EXPECT_GE(n, 1) << "requirement::kind " << k;
  }
}

TEST(LanguageTables, KeywordsAreUniqueWhereTheyAreLookedUp) {
  std::multiset<std::string_view> statement, matchers, requirements;
  for (auto const& e : lang::step_table()) statement.insert(e.keyword);
  for (auto const& e : lang::case_line_table()) statement.insert(e.keyword);  // both start a line in a case
  for (auto const& e : lang::matcher_table()) matchers.insert(e.keyword);
  for (auto const& e : lang::requirement_table()) requirements.insert(e.keyword);
  for (auto const* set : {&statement, &matchers, &requirements}) {
    for (auto k : *set) EXPECT_EQ(set->count(k), 1u) << k;
  }
  for (auto k : {"case", "fixture", "end", "else", "suite"}) EXPECT_EQ(statement.count(k), 0u) << k;
}

TEST(LanguageTables, EntriesAreComplete) {
  auto check = [](auto const& table, std::string_view prefix) {
    for (auto const& e : table) {
      SCOPED_TRACE(std::string(e.keyword));
      EXPECT_FALSE(e.doc.empty());
      EXPECT_NE(e.roles.bits, 0u);
      EXPECT_NE(e.protocols.bits, 0u);
      ASSERT_FALSE(e.usage.empty());
      for (auto u : e.usage) {
        std::string const head = std::string(prefix) + std::string(e.keyword);
        EXPECT_TRUE(u == head || u.rfind(head + " ", 0) == 0) << u;
      }
    }
  };
  check(lang::step_table(), "");
  check(lang::matcher_table(), "");
  check(lang::requirement_table(), "requires ");
  check(lang::case_line_table(), "");
  for (auto const& e : lang::step_table()) EXPECT_NE(e.parse, nullptr) << e.keyword;
  for (auto const& e : lang::case_line_table()) EXPECT_NE(e.parse, nullptr) << e.keyword;
}

// --- every usage form parses with its entry ---

namespace {

/// A usage form made concrete: brackets dropped (options taken), the first of `A|B`, placeholders filled.
/// `... end` splits it into lines. Unknown placeholders are reported in `unknown`.
std::vector<std::string> instantiate(std::string form, std::vector<std::string>& unknown) {
  static std::map<std::string, std::string> const values = {
      {"STR", "\"x\""}, {"/RE/", "/x/"}, {"NAME", "n"}, {"VAR", "n"}, {"MECH", "PLAIN"}, {"CODES", "250"},
      {"CODE", "X"}, {"NUMBER", "1"}, {"DURATION", "1s"}, {"LEVEL", "MUST"}, {"COUNT", "2"},
      {"CONDITION", "login"}, {"MATCHER", "greeting"}, {"PROTO", "imap"}, {"PATH", "README.md"},
      {"SECTION", "1"}, {"WORD", "w"}, {"TAG", "A1"}, {"VERB", "NOOP"}, {"FORM", "login"}, {"RULE", "enhanced-codes"}, {"SCHEME", "smtp"},
      {"PATTERN", "\"*.eml\""}, {"MESSAGE", "mime/messages/rfc2046-5.1.1-single-part.eml"}};
  std::erase(form, '[');
  std::erase(form, ']');
  std::vector<std::string> lines;
  std::size_t pos = 0;
  for (;;) {
    std::size_t const cut = form.find(" ... ", pos);
    std::istringstream words(form.substr(pos, cut == std::string::npos ? std::string::npos : cut - pos));
    std::string line;
    for (std::string w; words >> w;) {
      if (w.size() > 3 && w.ends_with("...")) w.resize(w.size() - 3);
      bool const choice = w.find('|') != std::string::npos;  // OK|NO|BAD: a literal, the first one
      if (choice) w.resize(w.find('|'));  // VERB|VERB...: the placeholder is filled below
      if (auto it = values.find(w); it != values.end()) {
        w = it->second;
      } else if (!choice && std::all_of(w.begin(), w.end(), [](char ch) { return std::isupper(static_cast<unsigned char>(ch)); })) {
        unknown.push_back(w);
      }
      line += (line.empty() ? "" : " ") + w;
    }
    if (!line.empty() && line != "...") lines.push_back(line);
    if (cut == std::string::npos) return lines;
    pos = cut + 5;
  }
}

enum class place { header, step };

/// Errors of a case in suite `t` (protocol `p`, role `r`) holding `lines` as case lines or as steps.
std::vector<std::string> try_case(std::vector<std::string> const& lines, place where, ms::protocol p, ms::role r) {
  std::string text = "suite t protocol " + std::string(ms::to_string(p)) + " role " + std::string(ms::to_string(r)) +
                     "\ncase t.x\n title \"t\"\n rfc 1 1 MUST\n";
  std::string body;
  for (auto const& l : lines) body += " " + l + "\n";
  if (where == place::header) text += body;
  if (r == ms::role::client) text += " connect n\n";
  if (where == place::step) text += body;
  text += "end\n";
  auto const script = std::filesystem::path(readme_path).parent_path() / "t.mspec";  // PATH: README.md
  auto res = ms::parse_script(text, "t.mspec", "t", script.string());
  if (!res.errors.empty()) res.errors.push_back("in:\n" + text);
  return res.errors;
}

template <typename Entry>
void expect_forms_parse(std::vector<Entry> const& table, std::string_view what, place where, std::string_view prefix) {
  for (auto const& e : table) {
    for (auto u : e.usage) {
      std::vector<std::string> unknown;
      auto lines = instantiate(std::string(prefix) + std::string(u), unknown);
      EXPECT_TRUE(unknown.empty()) << what << " `" << u << "`: placeholders the test does not know: " << join(unknown, ", ")
                                   << " (add them to README's notation and to instantiate())";
      ms::role const r = e.roles.has(ms::role::client) ? ms::role::client : ms::role::server;
      std::vector<std::string> errors;
      bool parsed = false;
      for (auto p : {ms::protocol::smtp, ms::protocol::pop3, ms::protocol::imap}) {
        if (!e.protocols.has(p) || parsed) continue;
        errors = try_case(lines, where, p, r);
        parsed = errors.empty();
      }
      EXPECT_TRUE(parsed) << what << " `" << u << "` does not parse with its entry: " << join(errors);
    }
  }
}

}  // namespace

TEST(LanguageTables, EveryUsageFormParses) {
  expect_forms_parse(lang::step_table(), "step", place::step, "");
  expect_forms_parse(lang::matcher_table(), "matcher", place::step, "expect ");
  expect_forms_parse(lang::requirement_table(), "requirement", place::header, "");
  expect_forms_parse(lang::case_line_table(), "case line", place::header, "");
}
