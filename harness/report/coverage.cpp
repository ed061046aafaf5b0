// The requirement matrix (report/coverage.hpp): reading the shipped list and the COVERAGE.md notes, and
// matching sentences to the cases that cite their sections.
#include "report/coverage.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace mailspec::report::coverage {

using nlohmann::json;

namespace {

std::vector<std::string> split_lines(std::string const& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto const nl = text.find('\n', start);
    auto const end = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool blank(std::string const& line) {
  return line.find_first_not_of(" \t") == std::string::npos;
}

/// Lines [from, to) joined by newlines, without the blank lines at either end.
std::string join_trimmed(std::vector<std::string> const& lines, std::size_t from, std::size_t to) {
  while (from < to && blank(lines[from])) ++from;
  while (to > from && blank(lines[to - 1])) --to;
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i == from ? "" : "\n") + lines[i];
  return out;
}

/// The lines that render_markdown writes under a section heading and parse_notes skips.
bool generated_line(std::string const& line) {
  for (char const* p : {"Sentences: ", "Cases: ", "Unexplained: "}) {
    if (line.rfind(p, 0) == 0) return true;
  }
  return false;
}

requirement requirement_of(json const& r, std::string const& name) {
  requirement q;
  q.id = r.at("id").get<std::string>();
  q.rfc = r.at("rfc").get<int>();
  q.section = r.at("section").get<std::string>();
  q.title = r.value("section_title", std::string());
  auto const lvl = r.at("level").get<std::string>();
  if (lvl == "MUST") {
    q.lvl = script::level::must;
  } else if (lvl == "SHOULD") {
    q.lvl = script::level::should;
  } else {
    throw std::runtime_error(name + ": " + q.id + ": level " + lvl + " (the list holds MUST and SHOULD only)");
  }
  q.role = r.value("role", std::string("unknown"));
  q.lowercase = r.value("lowercase", false);
  return q;
}

/// Which kind of suite can check a sentence of `role`: one testing servers, one testing clients, or either.
bool checkable_by(std::string const& role, bool tests_servers) {
  if (role == "server") return tests_servers;
  if (role == "client") return !tests_servers;
  return true;
}

struct citation {
  script::case_def const* c;
  bool tests_servers;
};

void set_statuses(section_row& row, std::vector<citation> const& cited, bool any_server_suite, bool any_client_suite) {
  for (auto& s : row.sentences) {
    auto const& role = s.req->role;
    bool const in_scope = (any_server_suite && checkable_by(role, true)) || (any_client_suite && checkable_by(role, false));
    bool const has_case = std::any_of(cited.begin(), cited.end(), [&](citation const& c) { return checkable_by(role, c.tests_servers); });
    s.st = !in_scope ? status::other_role : has_case ? status::cases : !row.notes.empty() ? status::explained : status::unexplained;
    (s.req->lvl == script::level::must ? row.must : row.should).add(s.st);
  }
}

}  // namespace

std::vector<requirement> parse_requirements(std::string const& text, std::string const& name) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (json::exception const& e) {
    throw std::runtime_error(name + ": not JSON: " + e.what());
  }
  if (!doc.is_object() || doc.value("format", std::string()) != "mailspec-requirements-1" ||
      !doc.contains("requirements") || !doc["requirements"].is_array()) {
    throw std::runtime_error(name + ": not a requirement list (format mailspec-requirements-1, made by ci/requirements-extract.py)");
  }
  std::vector<requirement> out;
  try {
    for (auto const& r : doc["requirements"]) out.push_back(requirement_of(r, name));
  } catch (json::exception const& e) {
    throw std::runtime_error(name + ": a record without its fields: " + e.what());
  }
  return out;
}

std::vector<requirement> load_requirements(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the requirement list " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_requirements(text.str(), path);
}

bool section_less(std::string const& a, std::string const& b) {
  auto parts = [](std::string const& s) {
    std::vector<std::pair<int, std::string>> out;  // numbers before letters, numbers by value
    std::istringstream in(s);
    for (std::string p; std::getline(in, p, '.');) {
      bool const digits = !p.empty() && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
      out.emplace_back(digits ? std::stoi(p.substr(0, 9)) : -1, digits ? std::string() : p);
    }
    return out;
  };
  auto const pa = parts(a), pb = parts(b);
  auto const key = [](std::pair<int, std::string> const& p) { return std::make_tuple(p.first < 0, p.first, p.second); };
  return std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(), pb.end(),
                                      [&](auto const& x, auto const& y) { return key(x) < key(y); });
}

notes parse_notes(std::string const& markdown) {
  static std::regex const section_heading(R"(^## RFC ([0-9]+) §(\S+)(?: (.*))?$)");
  notes out;
  auto const lines = split_lines(markdown);
  auto heading_at = [&](std::size_t i) { return lines[i].rfind("## ", 0) == 0; };
  std::size_t i = 0;
  while (i < lines.size() && !heading_at(i)) ++i;
  out.intro = join_trimmed(lines, 0, i);
  while (i < lines.size()) {
    std::size_t end = i + 1;
    while (end < lines.size() && !heading_at(end)) ++end;
    std::string const heading = lines[i].substr(3);
    std::smatch m;
    if (heading == "Totals") {
      // generated
    } else if (std::regex_match(lines[i], m, section_heading)) {
      section_key const key{std::stoi(m[1].str().substr(0, 9)), m[2].str()};
      std::size_t body = i + 1;
      while (body < end && (blank(lines[body]) || generated_line(lines[body]))) ++body;
      auto const note = join_trimmed(lines, body, end);
      if (!note.empty()) {
        auto& kept = out.sections[key];
        kept += (kept.empty() ? "" : "\n\n") + note;
      }
      if (m[3].matched && !m[3].str().empty()) out.titles[key] = m[3].str();
    } else {
      out.others.emplace_back(heading, join_trimmed(lines, i + 1, end));
    }
    i = end;
  }
  return out;
}

std::vector<std::string> unknown_names(notes const& hand, std::string const& suite, std::vector<std::string> const& known) {
  std::set<std::string> const names(known.begin(), known.end());
  std::set<std::string> out;
  auto scan = [&](std::string const& text) {
    for (std::size_t open = text.find('`'); open != std::string::npos;) {
      auto const close = text.find('`', open + 1);
      if (close == std::string::npos) break;
      std::string const word = text.substr(open + 1, close - open - 1);
      bool const plain = word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") == std::string::npos;
      if (plain && word.rfind(suite + ".", 0) == 0 && word.size() > suite.size() + 1 && !names.count(word)) out.insert(word);
      open = text.find('`', close + 1);
    }
  };
  for (auto const& [key, text] : hand.sections) scan(text);
  for (auto const& [heading, text] : hand.others) scan(text);
  return {out.begin(), out.end()};
}

std::string_view to_string(status s) {
  switch (s) {
    case status::cases: return "cases";
    case status::explained: return "explained";
    case status::unexplained: return "unexplained";
    case status::other_role: return "other-role";
  }
  return "unexplained";
}

void tally::add(status s) {
  ++sentences;
  switch (s) {
    case status::cases: ++cases; break;
    case status::explained: ++explained; break;
    case status::unexplained: ++unexplained; break;
    case status::other_role: ++other_role; break;
  }
}

tally& tally::operator+=(tally const& o) {
  sentences += o.sentences;
  cases += o.cases;
  explained += o.explained;
  unexplained += o.unexplained;
  other_role += o.other_role;
  return *this;
}

status section_row::overall() const {
  if (sentences.empty()) return cases.empty() ? status::explained : status::cases;
  auto const has = [&](status s) {
    return std::any_of(sentences.begin(), sentences.end(), [&](sentence const& x) { return x.st == s; });
  };
  for (auto s : {status::unexplained, status::explained, status::cases}) {
    if (has(s)) return s;
  }
  return status::other_role;
}

std::string rfc_url(int rfc, std::string const& section) {
  std::string url = "https://www.rfc-editor.org/rfc/rfc" + std::to_string(rfc);
  return section.empty() ? url : url + "#section-" + section;
}

namespace {

/// Every section of one RFC that has a selected sentence, a citing case or a note.
std::vector<section_row> sections_of(int rfc, std::vector<requirement> const& reqs, std::vector<suite_notes> const& suites,
                                     std::map<section_key, std::vector<citation>> const& cited, options const& o) {
  std::map<std::string, section_row> rows;
  auto row = [&](std::string const& s) -> section_row& {
    auto& r = rows[s];
    r.rfc = rfc;
    r.section = s;
    return r;
  };
  std::map<std::string, std::string> titles;  // of every record, counted or not: a section shown for its cases has one too
  for (auto const& q : reqs) {
    if (q.rfc != rfc) continue;
    titles.emplace(q.section, q.title);
    if ((q.lowercase && !o.lowercase) || (o.level && q.lvl != *o.level)) continue;
    row(q.section).sentences.push_back({&q, status::unexplained});
  }
  // Without a level filter, a cited or annotated section with no sentence is shown too (its cases and
  // notes would be lost otherwise); with one, only sections with sentences of that level.
  for (auto const& [key, list] : cited) {
    if (key.first != rfc || (o.level && !rows.count(key.second))) continue;
    auto& r = row(key.second);
    for (auto const& c : list) r.cases.push_back(c.c->id);
    std::sort(r.cases.begin(), r.cases.end());
    r.cases.erase(std::unique(r.cases.begin(), r.cases.end()), r.cases.end());
  }
  for (auto const& s : suites) {
    for (auto const& [key, text] : s.hand.sections) {
      if (key.first != rfc || (o.level && !rows.count(key.second))) continue;
      auto& r = row(key.second);
      r.notes.emplace_back(s.name, text);
      if (s.hand.titles.count(key)) titles.emplace(key.second, s.hand.titles.at(key));  // the list's title first
    }
  }
  bool const any_server = std::any_of(suites.begin(), suites.end(), [](auto const& s) { return s.tests_servers; });
  bool const any_client = std::any_of(suites.begin(), suites.end(), [](auto const& s) { return !s.tests_servers; });
  std::vector<section_row> out;
  for (auto& [section, r] : rows) {
    if (titles.count(section)) r.title = titles[section];
    auto const it = cited.find({rfc, section});
    set_statuses(r, it == cited.end() ? std::vector<citation>{} : it->second, any_server, any_client);
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return section_less(a.section, b.section); });
  return out;
}

}  // namespace

matrix compute(std::vector<requirement> const& reqs, std::vector<suite_notes> const& suites,
               std::vector<script::case_def const*> const& cases, options const& o) {
  matrix m;
  m.lowercase = o.lowercase;
  m.level = o.level;
  for (auto const& s : suites) m.suites.push_back({s.name, s.tests_servers});
  std::map<section_key, std::vector<citation>> cited;
  std::map<int, std::size_t> citing;
  for (auto const* c : cases) {
    std::set<int> rfcs;
    for (auto const& ref : c->refs) {
      auto& list = cited[{ref.rfc, ref.section}];
      if (list.empty() || list.back().c != c) list.push_back({c, c->role == script::role::client});
      rfcs.insert(ref.rfc);
    }
    for (int r : rfcs) ++citing[r];
  }
  std::set<int> listed, shown;
  for (auto const& q : reqs) listed.insert(q.rfc);
  for (int r : o.rfcs) {
    if (!listed.count(r)) throw std::invalid_argument("RFC " + std::to_string(r) + " is not in the requirement list");
    shown.insert(r);
  }
  if (o.rfcs.empty()) {
    for (auto const& [r, n] : citing) {
      if (listed.count(r)) {
        shown.insert(r);
      } else {
        m.unlisted.emplace_back(r, n);
      }
    }
    for (auto const& s : suites) {
      for (auto const& [key, text] : s.hand.sections) shown.insert(key.first);
    }
  }
  for (int r : shown) {
    rfc_row row;
    row.rfc = r;
    row.citing_cases = citing.count(r) ? citing[r] : 0;
    row.sections = sections_of(r, reqs, suites, cited, o);
    for (auto const& s : row.sections) {
      row.must += s.must;
      row.should += s.should;
    }
    m.must += row.must;
    m.should += row.should;
    m.rfcs.push_back(std::move(row));
  }
  // The suites' main RFC (the most cited) first, the others by number: stable as cases are added.
  auto const main_rfc = std::max_element(m.rfcs.begin(), m.rfcs.end(), [](auto const& a, auto const& b) {
    return a.citing_cases < b.citing_cases || (a.citing_cases == b.citing_cases && a.rfc > b.rfc);
  });
  if (main_rfc != m.rfcs.end()) std::rotate(m.rfcs.begin(), main_rfc, main_rfc + 1);
  return m;
}

std::vector<section_row const*> unexplained_must(matrix const& m, int rfc) {
  std::vector<section_row const*> out;
  for (auto const& r : m.rfcs) {
    if (r.rfc != rfc) continue;
    for (auto const& s : r.sections) {
      if (s.must.unexplained > 0) out.push_back(&s);
    }
  }
  return out;
}

}  // namespace mailspec::report::coverage
