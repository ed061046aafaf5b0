// The forms of the requirement matrix (report/coverage.hpp): the terminal table, JSON
// (reports/schema/coverage-v1.json), a self-contained HTML page and one suite's COVERAGE.md.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/coverage.hpp"
#include "report/text.hpp"

namespace mailspec::report::coverage {

using ojson = nlohmann::ordered_json;  // the JSON form keeps its documented field order

namespace {

/// "upper-case MUST and SHOULD sentences", as the matrix selected them ("or" for a negation).
std::string what_counts(matrix const& m, char const* both = "and") {
  std::string const levels = !m.level ? fmt::format("MUST {} SHOULD", both) : m.level == script::level::must ? "MUST" : "SHOULD";
  return (m.lowercase ? levels + " sentences, lower-case ones included" : "upper-case " + levels + " sentences");
}

std::string suite_names(matrix const& m) {
  std::string out;
  for (auto const& s : m.suites) out += (out.empty() ? "" : ", ") + s.name;
  return out.empty() ? "none" : out;
}

/// "3.3-7" of "RFC5321-3.3-7".
std::string local_id(requirement const& q) {
  auto const dash = q.id.find('-');
  return dash == std::string::npos ? q.id : q.id.substr(dash + 1);
}

std::vector<std::pair<char const*, tally const*>> levels_of(matrix const& m, tally const& must, tally const& should) {
  std::vector<std::pair<char const*, tally const*>> out;
  if (!m.level || m.level == script::level::must) out.emplace_back("MUST", &must);
  if (!m.level || m.level == script::level::should) out.emplace_back("SHOULD", &should);
  return out;
}

/// The rows of one RFC's totals in a table: a level without sentences is left out, unless both are.
std::vector<std::pair<char const*, tally const*>> rows_of(matrix const& m, rfc_row const& r) {
  auto out = levels_of(m, r.must, r.should);
  std::erase_if(out, [](auto const& x) { return x.second->sentences == 0; });
  if (out.empty()) out.push_back(levels_of(m, r.must, r.should).front());
  return out;
}

/// "RFC 3206 (4 cases), RFC 2683 (2 cases)": cited, but not in the list.
std::string unlisted_text(matrix const& m) {
  std::string out;
  for (auto const& [rfc, n] : m.unlisted) out += fmt::format("{}RFC {} ({} case{})", out.empty() ? "" : ", ", rfc, n, n == 1 ? "" : "s");
  return out;
}

// Terminal.

std::string count_label(section_row const& s) {
  if (s.sentences.empty()) return "no sentence";
  std::string out;
  if (s.must.sentences) out = fmt::format("{} MUST", s.must.sentences);
  if (s.should.sentences) out += fmt::format("{}{} SHOULD", out.empty() ? "" : ", ", s.should.sentences);
  return out;
}

/// "11 cases, 3 other role", "explained", "UNEXPLAINED", "other role".
std::string status_label(section_row const& s) {
  tally t = s.must;
  t += s.should;
  std::string out = !s.cases.empty() ? fmt::format("{} case{}", s.cases.size(), s.cases.size() == 1 ? "" : "s")
                    : !s.notes.empty()     ? std::string("explained")
                    : t.unexplained        ? std::string("UNEXPLAINED")
                                           : std::string("other role");
  if (!s.cases.empty() && t.unexplained) out += fmt::format(", {} unexplained", t.unexplained);
  if ((!s.cases.empty() || !s.notes.empty() || t.unexplained) && t.other_role) out += fmt::format(", {} other role", t.other_role);
  return out;
}

std::string tally_row(std::string const& rfc, char const* lvl, tally const& t) {
  return fmt::format("{:<7}{:<8}{:>9}{:>7}{:>11}{:>13}{:>12}\n", rfc, lvl, t.sentences, t.cases, t.explained,
                     t.unexplained, t.other_role);
}

std::string section_lines(rfc_row const& r) {
  std::string out = fmt::format("\nRFC {}  {}\n", r.rfc, rfc_url(r.rfc, ""));
  for (auto const& s : r.sections) {
    std::string title = s.title.size() > 44 ? s.title.substr(0, 43) + "~" : s.title;
    out += fmt::format("  §{:<10} {:<44} {:<18} {}\n", s.section, title, count_label(s), status_label(s));
  }
  return out;
}

// JSON.

ojson tally_json(tally const& t) {
  return {{"sentences", t.sentences}, {"with_cases", t.cases}, {"explained", t.explained},
          {"unexplained", t.unexplained}, {"other_role", t.other_role}};
}

ojson totals_json(matrix const& m, tally const& must, tally const& should) {
  ojson j = ojson::object();
  for (auto const& [lvl, t] : levels_of(m, must, should)) j[lvl] = tally_json(*t);
  return j;
}

ojson section_json(matrix const& m, section_row const& s) {
  ojson sentences = ojson::array();
  for (auto const& x : s.sentences) {
    sentences.push_back({{"id", x.req->id}, {"level", std::string(script::to_string(x.req->lvl))}, {"role", x.req->role},
                         {"lowercase", x.req->lowercase}, {"status", std::string(to_string(x.st))}});
  }
  ojson notes = ojson::array();
  for (auto const& [suite, note] : s.notes) notes.push_back({{"suite", suite}, {"text", note}});
  return {{"section", s.section},       {"title", s.title},
          {"url", rfc_url(s.rfc, s.section)}, {"status", std::string(to_string(s.overall()))},
          {"totals", totals_json(m, s.must, s.should)}, {"sentences", sentences},
          {"cases", s.cases},           {"notes", notes}};
}

// HTML.

constexpr char const* coverage_style = R"(
table.matrix{border-collapse:collapse;margin:.5em 0 1em}
table.matrix th,table.matrix td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
table.matrix td.n{text-align:right}
details.rfc{margin:.4em 0}
details.rfc>summary{cursor:pointer;font-weight:600}
.note{white-space:pre-wrap;color:#333;margin:.2em 0}
.cases code{margin-right:.4em}
)";

std::string badge(status s) {
  static char const* const cls[] = {"pass", "info", "fail", "skip"};
  auto const name = to_string(s);
  return fmt::format("<span class=\"v v-{}\">{}</span>", cls[static_cast<int>(s)], name);
}

std::string html_totals(matrix const& m) {
  std::string out = "<table class=\"matrix\"><thead><tr><th>RFC</th><th>level</th><th>sentences</th><th>with cases</th>"
                    "<th>explained</th><th>unexplained</th><th>other role</th></tr></thead><tbody>\n";
  auto row = [&](std::string const& rfc, char const* lvl, tally const& t) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                       rfc, lvl, t.sentences, t.cases, t.explained, t.unexplained, t.other_role);
  };
  for (auto const& r : m.rfcs) {
    for (auto const& [lvl, t] : rows_of(m, r)) {
      row(fmt::format("<a href=\"#rfc{0}\">{0}</a>", r.rfc), lvl, *t);
    }
  }
  for (auto const& [lvl, t] : levels_of(m, m.must, m.should)) row("all", lvl, *t);
  return out + "</tbody></table>\n";
}

std::string html_section(section_row const& s) {
  std::string sentences;
  for (auto const& x : s.sentences) {
    sentences += fmt::format("<span title=\"{} {}, {}\">{}</span> ", script::to_string(x.req->lvl), text::escape(x.req->role),
                             to_string(x.st), text::escape(local_id(*x.req)));
  }
  std::string detail;
  if (!s.cases.empty()) {
    detail += "<div class=\"cases\">";
    for (auto const& c : s.cases) detail += "<code>" + text::escape(c) + "</code> ";
    detail += "</div>";
  }
  for (auto const& [suite, note] : s.notes) {
    detail += fmt::format("<div class=\"note\">{}: {}</div>", text::escape(suite), text::escape(note));
  }
  return fmt::format("<tr><td><a href=\"{}\">§{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     text::escape(rfc_url(s.rfc, s.section)), text::escape(s.section), text::escape(s.title),
                     sentences.empty() ? "&#8212;" : sentences, badge(s.overall()), detail);
}

// Markdown.

std::string sentence_line(matrix const& m, section_row const& s, std::string const& other) {
  std::string must, should, rest;
  for (auto const& x : s.sentences) {
    std::string& list = x.st == status::other_role ? rest : x.req->lvl == script::level::must ? must : should;
    if (x.st == status::other_role) {
      list += fmt::format("{}{} {}", list.empty() ? "" : ", ", script::to_string(x.req->lvl), local_id(*x.req));
    } else {
      list += (list.empty() ? "" : ", ") + local_id(*x.req);
    }
  }
  if (s.sentences.empty()) return fmt::format("Sentences: none (the list has no {} in this section).", what_counts(m, "or"));
  std::string out = "Sentences:";
  if (!must.empty()) out += " MUST " + must + ";";
  if (!should.empty()) out += " SHOULD " + should + ";";
  if (!rest.empty()) out += " " + other + ": " + rest + ";";
  out.back() = '.';
  return out;
}

std::string markdown_section(matrix const& m, section_row const& s, std::string const& other) {
  std::string out = fmt::format("## RFC {} §{}{}{}\n\n", s.rfc, s.section, s.title.empty() ? "" : " ", s.title);
  out += sentence_line(m, s, other) + "\n\n";
  if (!s.cases.empty()) {
    out += "Cases: ";
    for (std::size_t i = 0; i < s.cases.size(); ++i) out += (i ? ", `" : "`") + s.cases[i] + "`";
    out += "\n\n";
  }
  if (s.must.unexplained + s.should.unexplained > 0) {
    out += "Unexplained: no case of the suite checks these sentences and no note says why.\n\n";
  }
  for (auto const& [suite, note] : s.notes) out += note + "\n\n";
  return out;
}

}  // namespace

std::string render_text(matrix const& m, bool verbose) {
  std::string out = fmt::format("RFC requirement coverage of the suites {}: {}.\n", suite_names(m), what_counts(m));
  out += "A sentence counts as checked (cases) when a case cites its section; explained: no case does, but the\n"
         "suite's COVERAGE.md says why; other role: it binds the side that no selected suite tests.\n\n";
  out += fmt::format("{:<7}{:<8}{:>9}{:>7}{:>11}{:>13}{:>12}\n", "RFC", "level", "sentences", "cases", "explained",
                     "unexplained", "other role");
  for (auto const& r : m.rfcs) {
    bool first = true;
    for (auto const& [lvl, t] : rows_of(m, r)) {
      out += tally_row(first ? std::to_string(r.rfc) : "", lvl, *t);
      first = false;
    }
  }
  bool first = true;
  for (auto const& [lvl, t] : levels_of(m, m.must, m.should)) {
    out += tally_row(first ? "all" : "", lvl, *t);
    first = false;
  }
  if (!m.unlisted.empty()) out += "\nCited, but not in the requirement list: " + unlisted_text(m) + ".\n";
  if (verbose) {
    for (auto const& r : m.rfcs) out += section_lines(r);
  }
  return out;
}

std::string render_json(matrix const& m) {
  ojson suites = ojson::array();
  for (auto const& s : m.suites) suites.push_back({{"name", s.name}, {"tests", s.tests_servers ? "servers" : "clients"}});
  ojson rfcs = ojson::array();
  for (auto const& r : m.rfcs) {
    ojson sections = ojson::array();
    for (auto const& s : r.sections) sections.push_back(section_json(m, s));
    rfcs.push_back({{"rfc", r.rfc}, {"url", rfc_url(r.rfc, "")}, {"citing_cases", r.citing_cases},
                    {"totals", totals_json(m, r.must, r.should)}, {"sections", sections}});
  }
  ojson unlisted = ojson::array();
  for (auto const& [rfc, n] : m.unlisted) unlisted.push_back({{"rfc", rfc}, {"citing_cases", n}});
  ojson doc = {{"format", "mailspec-coverage-1"},
              {"suites", suites},
              {"levels", m.level ? ojson::array({std::string(script::to_string(*m.level))}) : ojson::array({"MUST", "SHOULD"})},
              {"lowercase", m.lowercase},
              {"granularity", "section"},
              {"totals", totals_json(m, m.must, m.should)},
              {"rfcs", rfcs},
              {"unlisted", unlisted}};
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

std::string render_html(matrix const& m) {
  std::string body = fmt::format("<h1>RFC requirement coverage: {}</h1>\n", text::escape(suite_names(m)));
  body += fmt::format(
      "<p class=\"meta\">{}. A sentence counts as checked (<em>cases</em>) when a case cites its section; "
      "<em>explained</em>: no case does, but the suite's COVERAGE.md says why; <em>other role</em>: it binds the "
      "side that no selected suite tests. Hover a sentence for its level, role and status.</p>\n",
      text::escape(what_counts(m)));
  body += html_totals(m);
  if (!m.unlisted.empty()) body += "<p class=\"meta\">Cited, but not in the requirement list: " + unlisted_text(m) + ".</p>\n";
  for (auto const& r : m.rfcs) {
    body += fmt::format("<details class=\"rfc\" id=\"rfc{0}\" open><summary>RFC {0}: {1} sections, {2} cases cite it "
                        "(<a href=\"{3}\">text</a>)</summary>\n<table class=\"matrix\"><thead><tr><th>section</th>"
                        "<th>title</th><th>sentences</th><th>status</th><th>cases and notes</th></tr></thead><tbody>\n",
                        r.rfc, r.sections.size(), r.citing_cases, rfc_url(r.rfc, ""));
    for (auto const& s : r.sections) body += html_section(s);
    body += "</tbody></table></details>\n";
  }
  return text::html_page("mailspec coverage: " + suite_names(m), body, {}, coverage_style);
}

std::string render_markdown(matrix const& m, notes const& hand) {
  bool const servers = m.suites.empty() || m.suites.front().tests_servers;
  std::string const other = servers ? "client role" : "server role";
  std::string const suite = m.suites.empty() ? std::string("SUITE") : m.suites.front().name;
  std::string out = hand.intro.empty() ? std::string() : hand.intro + "\n\n";
  out += "## Totals\n\n";
  out += fmt::format(
      "Generated by `mailspec coverage --suite {0} --write suites/{0}/COVERAGE.md` from the suite's cases and\n"
      "`suites/requirements.json`, the requirement list ({1}). The list holds no sentence text: each heading\n"
      "names a section of the RFC, at https://www.rfc-editor.org/rfc/rfcN#section-S. The introduction above, the\n"
      "notes under each heading and the parts after the last section are written by hand and kept when the command\n"
      "runs again; the \"Sentences:\", \"Cases:\" and \"Unexplained:\" lines and this part are generated. A sentence\n"
      "is checked (with cases) when a case of the suite cites its section, explained when none does but the\n"
      "section's note says why; {2}: the list assigns it to the {3} side, which {4} suites check, not this one.{5}\n\n",
      suite, what_counts(m), other, servers ? "client" : "server", servers ? "the client-test" : "the server-test",
      m.unlisted.empty() ? "" : "\nCited, but not in the requirement list: " + unlisted_text(m) + ".");
  out += fmt::format("| RFC | level | sentences | with cases | explained | unexplained | {} |\n", other);
  out += "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n";
  auto row = [&](std::string const& rfc, char const* lvl, tally const& t) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", rfc, lvl, t.sentences, t.cases, t.explained,
                       t.unexplained, t.other_role);
  };
  for (auto const& r : m.rfcs) {
    for (auto const& [lvl, t] : rows_of(m, r)) row(std::to_string(r.rfc), lvl, *t);
  }
  for (auto const& [lvl, t] : levels_of(m, m.must, m.should)) row("all", lvl, *t);
  out += "\n";
  for (auto const& r : m.rfcs) {
    for (auto const& s : r.sections) out += markdown_section(m, s, other);
  }
  for (auto const& [heading, body] : hand.others) out += "## " + heading + "\n\n" + (body.empty() ? "" : body + "\n\n");
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();  // one newline at the end
  return out;
}

}  // namespace mailspec::report::coverage
