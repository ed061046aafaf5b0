// The requirement matrix of `mailspec coverage` (report/coverage.hpp) on a small synthetic requirement
// list and two synthetic suites: which sentences count as checked, explained, unexplained or of the other
// role, the totals, the filters, and the COVERAGE.md round trip.
#include "report/coverage.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cov = mailspec::report::coverage;
namespace script = mailspec::script;

namespace {

// RFC 1000: §1 two server MUSTs and an unknown-role SHOULD; §2 a client MUST; §3 a lower-case MUST;
// §4 a server MUST that a note explains; §5 a SHOULD of both roles that nothing covers; §7 a server MUST
// that nothing covers; §10 a MUST (sorted after §7). RFC 2000: §1 one MUST. RFC 4000: listed, never cited.
constexpr char const* list_json = R"({
  "format": "mailspec-requirements-1",
  "requirements": [
    {"id": "RFC1000-1-1", "rfc": 1000, "section": "1", "section_title": "One", "level": "MUST", "role": "server", "lowercase": false},
    {"id": "RFC1000-1-2", "rfc": 1000, "section": "1", "section_title": "One", "level": "MUST", "role": "server", "lowercase": false},
    {"id": "RFC1000-1-3", "rfc": 1000, "section": "1", "section_title": "One", "level": "SHOULD", "role": "unknown", "lowercase": false},
    {"id": "RFC1000-2-1", "rfc": 1000, "section": "2", "section_title": "Two", "level": "MUST", "role": "client", "lowercase": false},
    {"id": "RFC1000-3-1", "rfc": 1000, "section": "3", "section_title": "Three", "level": "MUST", "role": "server", "lowercase": true},
    {"id": "RFC1000-4-1", "rfc": 1000, "section": "4", "section_title": "Four", "level": "MUST", "role": "server", "lowercase": false},
    {"id": "RFC1000-5-1", "rfc": 1000, "section": "5", "section_title": "Five", "level": "SHOULD", "role": "both", "lowercase": false},
    {"id": "RFC1000-7-1", "rfc": 1000, "section": "7", "section_title": "Seven", "level": "MUST", "role": "server", "lowercase": false},
    {"id": "RFC1000-10-1", "rfc": 1000, "section": "10", "section_title": "Ten", "level": "MUST", "role": "server", "lowercase": false},
    {"id": "RFC2000-1-1", "rfc": 2000, "section": "1", "section_title": "Only", "level": "MUST", "role": "server", "lowercase": false},
    {"id": "RFC4000-1-1", "rfc": 4000, "section": "1", "section_title": "Never cited", "level": "MUST", "role": "server", "lowercase": false}
  ]})";

script::case_def make_case(std::string id, std::string suite, script::role r, std::vector<script::rfc_ref> refs) {
  script::case_def c;
  c.id = std::move(id);
  c.suite = std::move(suite);
  c.role = r;
  c.refs = std::move(refs);
  return c;
}

constexpr char const* demo_md = R"(# Demo coverage

Written by hand.

## RFC 1000 §4 Four

Not checked: needs a relay path.

## RFC 1000 §10 Ten

Sentences: MUST 10-1.

Cases: `demo.stale`

Not checked: the server's own limit.

## Audit

Kept as written.
)";

class Coverage : public ::testing::Test {
 protected:
  std::vector<cov::requirement> reqs = cov::parse_requirements(list_json, "test list");
  // demo tests servers (its cases play the client); demo-client tests clients.
  std::vector<script::case_def> defs = {
      make_case("demo.c1", "demo", script::role::client, {{1000, "1", script::level::must}, {1000, "2", script::level::should}}),
      make_case("demo.c2", "demo", script::role::client, {{1000, "1", script::level::must}, {2000, "1", script::level::must}}),
      make_case("demo.c3", "demo", script::role::client, {{1000, "6", script::level::may}, {3000, "1", script::level::must}}),
      make_case("demo-client.k1", "demo-client", script::role::server, {{1000, "2", script::level::must}}),
  };
  cov::notes demo_notes = cov::parse_notes(demo_md);

  std::vector<script::case_def const*> cases_of(std::vector<std::string> const& suites) const {
    std::vector<script::case_def const*> out;
    for (auto const& c : defs) {
      if (std::find(suites.begin(), suites.end(), c.suite) != suites.end()) out.push_back(&c);
    }
    return out;
  }
  cov::matrix run(std::vector<std::string> const& suites, cov::options const& o = {}) const {
    std::vector<cov::suite_notes> s;
    for (auto const& name : suites) s.push_back({name, name == "demo", name == "demo" ? demo_notes : cov::notes{}});
    return cov::compute(reqs, s, cases_of(suites), o);
  }
};

cov::rfc_row const& rfc(cov::matrix const& m, int n) {
  for (auto const& r : m.rfcs) {
    if (r.rfc == n) return r;
  }
  throw std::runtime_error("RFC " + std::to_string(n) + " not in the matrix");
}

cov::section_row const* section(cov::matrix const& m, int n, std::string const& s) {
  for (auto const& x : rfc(m, n).sections) {
    if (x.section == s) return &x;
  }
  return nullptr;
}

std::vector<cov::status> statuses(cov::section_row const* s) {
  std::vector<cov::status> out;
  for (auto const& x : s->sentences) out.push_back(x.st);
  return out;
}

}  // namespace

TEST(CoverageList, ParsesTheShippedForm) {
  auto const reqs = cov::parse_requirements(list_json, "test list");
  ASSERT_EQ(reqs.size(), 11u);
  EXPECT_EQ(reqs[2].id, "RFC1000-1-3");
  EXPECT_EQ(reqs[2].lvl, script::level::should);
  EXPECT_EQ(reqs[2].role, "unknown");
  EXPECT_EQ(reqs[4].lowercase, true);
  EXPECT_EQ(reqs[0].title, "One");
}

TEST(CoverageList, RefusesWhatIsNotAList) {
  EXPECT_THROW(cov::parse_requirements("[]", "x"), std::runtime_error);
  EXPECT_THROW(cov::parse_requirements("{\"format\": \"other\", \"requirements\": []}", "x"), std::runtime_error);
  EXPECT_THROW(cov::parse_requirements("not json", "x"), std::runtime_error);
  EXPECT_THROW(cov::parse_requirements(R"({"format": "mailspec-requirements-1", "requirements": [
      {"id": "RFC1-1-1", "rfc": 1, "section": "1", "level": "MAY"}]})", "x"), std::runtime_error);
}

TEST(CoverageSections, OrderAsTheRfcDoes) {
  EXPECT_TRUE(cov::section_less("4.2", "4.10"));
  EXPECT_TRUE(cov::section_less("4.1", "4.1.1"));
  EXPECT_TRUE(cov::section_less("9", "10"));
  EXPECT_TRUE(cov::section_less("11.7", "A"));
  EXPECT_TRUE(cov::section_less("A", "A.1"));
  EXPECT_TRUE(cov::section_less("F.2", "F.10"));
  EXPECT_FALSE(cov::section_less("4.1", "4.1"));
}

TEST(CoverageNotes, KeepTheHandWrittenPartsOnly) {
  auto const n = cov::parse_notes(demo_md);
  EXPECT_EQ(n.intro, "# Demo coverage\n\nWritten by hand.");
  ASSERT_EQ(n.sections.size(), 2u);
  EXPECT_EQ(n.sections.at({1000, "4"}), "Not checked: needs a relay path.");
  EXPECT_EQ(n.sections.at({1000, "10"}), "Not checked: the server's own limit.");  // generated lines dropped
  EXPECT_EQ(n.titles.at({1000, "4"}), "Four");
  ASSERT_EQ(n.others.size(), 1u);
  EXPECT_EQ(n.others[0].first, "Audit");
  EXPECT_EQ(n.others[0].second, "Kept as written.");
}

TEST(CoverageNotes, NamesOfCasesThatNoLongerExist) {
  auto const n = cov::parse_notes(
      "Intro names `demo.removed`, which is fine.\n\n## RFC 1 §1 X\n\nNot checked: see `demo.kept`, `demo.gone`, "
      "`demo.rfc1.*`, `other.case`, `demo.` and `demo.a b`.\n\n## Audit\n\nFixture `demo.fixture`, `demo.old-fixture`.\n");
  EXPECT_EQ(cov::unknown_names(n, "demo", {"demo.kept", "demo.fixture"}),
            (std::vector<std::string>{"demo.gone", "demo.old-fixture"}));
}

TEST(CoverageNotes, GeneratedTotalsAreNotNotes) {
  auto const n = cov::parse_notes("Intro\n\n## Totals\n\nGenerated.\n\n| a |\n\n## RFC 7 §1 X\n\nUnexplained: nothing.\n");
  EXPECT_EQ(n.intro, "Intro");
  EXPECT_TRUE(n.others.empty());
  EXPECT_TRUE(n.sections.empty());  // a heading with only generated lines has no note
}

TEST_F(Coverage, ASentenceIsCheckedByTheCasesCitingItsSection) {
  auto const m = run({"demo"});
  auto const* s1 = section(m, 1000, "1");
  ASSERT_NE(s1, nullptr);
  EXPECT_EQ(s1->cases, (std::vector<std::string>{"demo.c1", "demo.c2"}));
  EXPECT_EQ(statuses(s1), (std::vector<cov::status>{cov::status::cases, cov::status::cases, cov::status::cases}));
  EXPECT_EQ(s1->must.cases, 2u);
  EXPECT_EQ(s1->should.cases, 1u);
}

TEST_F(Coverage, ANoteExplainsASectionWithoutCases) {
  auto const m = run({"demo"});
  EXPECT_EQ(statuses(section(m, 1000, "4")), std::vector<cov::status>{cov::status::explained});
  EXPECT_EQ(section(m, 1000, "4")->notes.at(0).second, "Not checked: needs a relay path.");
  EXPECT_EQ(statuses(section(m, 1000, "5")), std::vector<cov::status>{cov::status::unexplained});
  EXPECT_EQ(statuses(section(m, 1000, "7")), std::vector<cov::status>{cov::status::unexplained});
}

TEST_F(Coverage, AClientSentenceIsOtherRoleForAServerSuiteEvenWhenCited) {
  auto const m = run({"demo"});
  EXPECT_EQ(statuses(section(m, 1000, "2")), std::vector<cov::status>{cov::status::other_role});
  EXPECT_EQ(section(m, 1000, "2")->overall(), cov::status::other_role);
}

TEST_F(Coverage, AClientTestSuiteChecksTheClientSentences) {
  auto const both = run({"demo", "demo-client"});
  EXPECT_EQ(statuses(section(both, 1000, "2")), std::vector<cov::status>{cov::status::cases});
  auto const clients = run({"demo-client"});
  // Server sentences are the other role now; the unknown-role SHOULD of §1 is in scope but uncited.
  EXPECT_EQ(statuses(section(clients, 1000, "1")),
            (std::vector<cov::status>{cov::status::other_role, cov::status::other_role, cov::status::unexplained}));
  EXPECT_EQ(statuses(section(clients, 1000, "2")), std::vector<cov::status>{cov::status::cases});
}

TEST_F(Coverage, TotalsPerRfcAndLevel) {
  auto const m = run({"demo"});
  auto const& r = rfc(m, 1000);
  // MUST: §1 two cases, §2 other role, §4 explained, §7 and §10 unexplained (the lower-case §3 not counted).
  EXPECT_EQ(r.must.sentences, 6u);
  EXPECT_EQ(r.must.cases, 2u);
  EXPECT_EQ(r.must.other_role, 1u);
  EXPECT_EQ(r.must.explained, 2u);  // §4, and §10 whose note says why
  EXPECT_EQ(r.must.unexplained, 1u);
  EXPECT_EQ(r.should.sentences, 2u);
  EXPECT_EQ(r.should.cases, 1u);
  EXPECT_EQ(r.should.unexplained, 1u);
  EXPECT_EQ(m.must.sentences, r.must.sentences + rfc(m, 2000).must.sentences);
  EXPECT_EQ(rfc(m, 2000).must.cases, 1u);
  EXPECT_EQ(rfc(m, 1000).citing_cases, 3u);
  EXPECT_EQ(rfc(m, 2000).citing_cases, 1u);
}

TEST_F(Coverage, TheMostCitedRfcComesFirstAndUnlistedOnesAreNamed) {
  auto const m = run({"demo"});
  ASSERT_EQ(m.rfcs.size(), 2u);  // 4000 is listed but neither cited nor explained
  EXPECT_EQ(m.rfcs[0].rfc, 1000);
  EXPECT_EQ(m.rfcs[1].rfc, 2000);
  ASSERT_EQ(m.unlisted.size(), 1u);
  EXPECT_EQ(m.unlisted[0], (std::pair<int, std::size_t>{3000, 1}));
  std::vector<std::string> order;
  for (auto const& s : m.rfcs[0].sections) order.push_back(s.section);
  EXPECT_EQ(order, (std::vector<std::string>{"1", "2", "4", "5", "6", "7", "10"}));
}

TEST_F(Coverage, ASectionWithCasesButNoSentenceIsShown) {
  auto const m = run({"demo"});
  auto const* s6 = section(m, 1000, "6");
  ASSERT_NE(s6, nullptr);
  EXPECT_TRUE(s6->sentences.empty());
  EXPECT_EQ(s6->cases, std::vector<std::string>{"demo.c3"});
  EXPECT_EQ(s6->overall(), cov::status::cases);
}

TEST_F(Coverage, LowercaseSentencesCountOnlyWhenAsked) {
  EXPECT_EQ(section(run({"demo"}), 1000, "3"), nullptr);
  cov::options o;
  o.lowercase = true;
  auto const m = run({"demo"}, o);
  ASSERT_NE(section(m, 1000, "3"), nullptr);
  EXPECT_EQ(statuses(section(m, 1000, "3")), std::vector<cov::status>{cov::status::unexplained});
  EXPECT_EQ(rfc(m, 1000).must.sentences, 7u);
}

TEST_F(Coverage, LevelAndRfcFilters) {
  cov::options o;
  o.level = script::level::should;
  auto const m = run({"demo"}, o);
  EXPECT_EQ(m.must.sentences, 0u);
  EXPECT_EQ(m.should.sentences, 2u);
  EXPECT_EQ(section(m, 1000, "6"), nullptr);  // no sentence of that level: not shown under a level filter
  EXPECT_EQ(section(m, 1000, "4"), nullptr);
  cov::options only;
  only.rfcs = {4000};
  auto const never = run({"demo"}, only);
  ASSERT_EQ(never.rfcs.size(), 1u);
  EXPECT_EQ(never.rfcs[0].must.unexplained, 1u);
  EXPECT_TRUE(never.unlisted.empty());
  only.rfcs = {4242};
  EXPECT_THROW(run({"demo"}, only), std::invalid_argument);
}

TEST_F(Coverage, UnexplainedMustSectionsForTheGate) {
  auto const m = run({"demo"});
  auto const gaps = cov::unexplained_must(m, 1000);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0]->section, "7");
  EXPECT_TRUE(cov::unexplained_must(m, 2000).empty());
}

TEST_F(Coverage, MarkdownKeepsTheNotesAndIsAFixedPoint) {
  auto const m = run({"demo"});
  std::string const md = cov::render_markdown(m, demo_notes);
  EXPECT_EQ(md.rfind("# Demo coverage\n\nWritten by hand.\n\n## Totals\n", 0), 0u);
  EXPECT_NE(md.find("## RFC 1000 §1 One\n\nSentences: MUST 1-1, 1-2; SHOULD 1-3.\n\nCases: `demo.c1`, `demo.c2`\n"), std::string::npos);
  EXPECT_NE(md.find("## RFC 1000 §2 Two\n\nSentences: client role: MUST 2-1.\n\nCases: `demo.c1`\n"), std::string::npos);
  EXPECT_NE(md.find("## RFC 1000 §4 Four\n\nSentences: MUST 4-1.\n\nNot checked: needs a relay path.\n"), std::string::npos);
  EXPECT_NE(md.find("## RFC 1000 §7 Seven\n\nSentences: MUST 7-1.\n\nUnexplained: "), std::string::npos);
  EXPECT_NE(md.find("| 1000 | MUST | 6 | 2 | 2 | 1 | 1 |\n"), std::string::npos);
  EXPECT_NE(md.find("Cited, but not in the requirement list: RFC 3000 (1 case)."), std::string::npos);
  EXPECT_EQ(md.find("demo.stale"), std::string::npos);  // a generated line of the old file does not survive
  EXPECT_EQ(md.substr(md.size() - 27), "## Audit\n\nKept as written.\n");
  auto const again = cov::parse_notes(md);
  EXPECT_EQ(again.intro, demo_notes.intro);
  EXPECT_EQ(again.sections, demo_notes.sections);
  EXPECT_EQ(again.others, demo_notes.others);
  EXPECT_EQ(cov::render_markdown(m, again), md);
}

TEST_F(Coverage, JsonHoldsEverySentenceWithItsStatus) {
  auto const j = nlohmann::json::parse(cov::render_json(run({"demo"})));
  EXPECT_EQ(j["format"], "mailspec-coverage-1");
  EXPECT_EQ(j["suites"][0]["name"], "demo");
  EXPECT_EQ(j["suites"][0]["tests"], "servers");
  EXPECT_EQ(j["totals"]["MUST"]["with_cases"], 3);
  EXPECT_EQ(j["rfcs"][0]["rfc"], 1000);
  auto const& s2 = j["rfcs"][0]["sections"][1];
  EXPECT_EQ(s2["section"], "2");
  EXPECT_EQ(s2["url"], "https://www.rfc-editor.org/rfc/rfc1000#section-2");
  EXPECT_EQ(s2["sentences"][0]["id"], "RFC1000-2-1");
  EXPECT_EQ(s2["sentences"][0]["status"], "other-role");
  EXPECT_EQ(j["unlisted"][0]["rfc"], 3000);
}

TEST_F(Coverage, TextTableAndSectionLines) {
  auto const m = run({"demo"});
  std::string const brief = cov::render_text(m, false);
  EXPECT_NE(brief.find("1000   MUST            6      2          2            1           1\n"), std::string::npos) << brief;
  EXPECT_NE(brief.find("Cited, but not in the requirement list: RFC 3000 (1 case)."), std::string::npos);
  EXPECT_EQ(brief.find("§7"), std::string::npos);
  std::string const verbose = cov::render_text(m, true);
  EXPECT_NE(verbose.find("§7"), std::string::npos);
  EXPECT_NE(verbose.find("UNEXPLAINED"), std::string::npos);
}

TEST_F(Coverage, HtmlIsSelfContainedAndEscapesNotes) {
  auto const m = run({"demo"});
  cov::notes n = demo_notes;
  std::vector<cov::suite_notes> s{{"demo", true, n}};
  s[0].hand.sections[{1000, "4"}] = "Not checked: <script>alert(1)</script>";
  auto const html = cov::render_html(cov::compute(reqs, s, cases_of({"demo"}), {}));
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("https://www.rfc-editor.org/rfc/rfc1000#section-4"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)"), std::string::npos);
}
