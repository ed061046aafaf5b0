#pragma once
// The RFC requirement matrix of `mailspec coverage`: for every MUST and SHOULD sentence of the shipped
// requirement list (suites/requirements.json) in the RFCs the selected suites cite, the cases that check
// it, or the documented reason none can (the notes of each suite's COVERAGE.md), with per-RFC totals.
//
// A sentence counts as checked by the cases that cite its section (`rfc N SECTION LEVEL`): that is the
// granularity of the suites, so a section with one case marks all its sentences checked. A sentence the
// list assigns to the client (server) role can only be checked by a suite that tests clients (servers);
// when no selected suite does, it is counted as "other role", not as unexplained.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "script/ast.hpp"

namespace mailspec::report::coverage {

/// One sentence of the shipped list (its text is not shipped: the matrix links to rfc-editor.org).
struct requirement {
  std::string id;  // "RFC5321-4.5.2-1"
  int rfc = 0;
  std::string section, title;
  script::level lvl = script::level::must;  // must or should
  std::string role;                          // whom it binds: client, server, both or unknown (a rough guess)
  bool lowercase = false;                    // written in lower case (RFCs older than RFC 2119)
};

/// Parses suites/requirements.json (format mailspec-requirements-1). Throws std::runtime_error naming
/// `name` when the text is not such a list.
std::vector<requirement> parse_requirements(std::string const& text, std::string const& name);
/// Reads and parses the file; throws std::runtime_error when it cannot.
std::vector<requirement> load_requirements(std::string const& path);

/// A section of an RFC: (rfc, "4.1.1.5").
using section_key = std::pair<int, std::string>;
/// Orders sections as the RFC does ("4.2" < "4.10" < "A" < "A.1").
bool section_less(std::string const& a, std::string const& b);

/** The hand-written parts of a COVERAGE.md (see render_markdown for the layout): the introduction
    before the first `## ` heading, the notes under each `## RFC N §SECTION` heading (without the
    generated lines), and any other `## ` heading with its text, verbatim. */
struct notes {
  std::string intro;
  std::map<section_key, std::string> sections;
  std::map<section_key, std::string> titles;                 // a heading's title, used when the list has none
  std::vector<std::pair<std::string, std::string>> others;  // (heading, text), in file order
};
notes parse_notes(std::string const& markdown);

/// The names in backquotes in the notes (not the introduction) that look like ids of `suite` (`smtp.x.y`) but
/// are not in `known` (its cases and fixtures); a glob (`imap.rfc9051.5.5.*`) is not a name. Sorted, unique.
std::vector<std::string> unknown_names(notes const& hand, std::string const& suite, std::vector<std::string> const& known);

/// A selected suite: its name, the side it tests, and its COVERAGE.md notes.
struct suite_notes {
  std::string name;
  bool tests_servers = true;  // its cases play the client (script::role::client)
  notes hand;
};

struct options {
  std::vector<int> rfcs;                // only these RFCs (empty: those the suites cite or explain)
  std::optional<script::level> level;   // only MUST or only SHOULD sentences
  bool lowercase = false;               // count the lower-case records too
};

enum class status { cases, explained, unexplained, other_role };
std::string_view to_string(status s);

struct sentence {
  requirement const* req = nullptr;
  status st = status::unexplained;
};

struct tally {
  std::size_t sentences = 0, cases = 0, explained = 0, unexplained = 0, other_role = 0;
  void add(status s);
  tally& operator+=(tally const& o);
};

struct section_row {
  int rfc = 0;
  std::string section, title;
  std::vector<sentence> sentences;                          // in list order
  std::vector<std::string> cases;                           // ids of the selected cases citing it, sorted
  std::vector<std::pair<std::string, std::string>> notes;  // (suite, note)
  tally must, should;
  /// cases, explained, unexplained, or other_role: the worst of its sentences (a section without
  /// sentences: cases when cited, else explained).
  status overall() const;
};

struct rfc_row {
  int rfc = 0;
  std::size_t citing_cases = 0;  // selected cases with an `rfc` line for it
  std::vector<section_row> sections;
  tally must, should;
};

struct suite_ref {
  std::string name;
  bool tests_servers = true;
};

struct matrix {
  std::vector<suite_ref> suites;
  bool lowercase = false;
  std::optional<script::level> level;
  std::vector<rfc_row> rfcs;                        // the most-cited RFC first, then by number
  tally must, should;                               // over every RFC shown
  std::vector<std::pair<int, std::size_t>> unlisted;  // RFCs cited but not in the list: (rfc, citing cases)
};

/** The matrix of the selected suites and cases. `cases` are the selected suites' cases (their `refs`
    are the citations); `suites` gives each suite's notes and role. Throws std::invalid_argument when an
    RFC of `o.rfcs` is not in the list. */
matrix compute(std::vector<requirement> const& reqs, std::vector<suite_notes> const& suites,
               std::vector<script::case_def const*> const& cases, options const& o);

/// The sentences of `rfc` at MUST level that the selected suites can check and nobody explains, by section.
std::vector<section_row const*> unexplained_must(matrix const& m, int rfc);

/// "https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1" ("" section: the RFC).
std::string rfc_url(int rfc, std::string const& section);

// Renderers (report/coverage_render.cpp).

/// The terminal table: per-RFC totals for MUST and SHOULD; with `verbose`, one line per section.
std::string render_text(matrix const& m, bool verbose);
/// The JSON form (reports/schema/coverage-v1.json), pretty-printed.
std::string render_json(matrix const& m);
/// One self-contained HTML page: the totals, then per RFC a table of its sections.
std::string render_html(matrix const& m);
/** One suite's COVERAGE.md (the matrix of that suite alone): `hand.intro`, a generated "## Totals" part,
    then a heading `## RFC N §SECTION TITLE` per section with the generated "Sentences:" and "Cases:" (or
    "Unexplained:") lines followed by the notes of `hand`, then `hand.others`. parse_notes() of the
    result gives `hand` back, so rendering it again changes nothing. */
std::string render_markdown(matrix const& m, notes const& hand);

}  // namespace mailspec::report::coverage
