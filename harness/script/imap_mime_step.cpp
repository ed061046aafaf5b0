// The compare-mime step (imap_mime_step.hpp): FETCH message 1 part by part, build the server's tree, judge it.
#include "script/imap_mime_step.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "codec/imap/grammar.hpp"
#include "script/imap_mime_tree.hpp"
#include "script/mime_compare.hpp"

namespace mailspec::script::detail {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// The command that gets the structure, the envelope, the size and the message header at once.
constexpr char const* first_fetch = "FETCH 1 (BODYSTRUCTURE ENVELOPE RFC822.SIZE BODY.PEEK[HEADER])";

struct expected_tree {
  json file;
  mime::expectation x;
  std::string path;
};

expected_tree load_expected(case_run& run, std::string const& message) {
  expected_tree e;
  e.path = mime::expected_path(message);
  std::ifstream in(e.path, std::ios::binary);
  if (!in) throw run.fault("compare-mime: no expected tree: " + e.path + " cannot be read (suites/mime/README.md says how to write one)");
  try {
    e.file = json::parse(in);
    e.x = mime::expectation_of(e.file);
  } catch (std::exception const& ex) {
    throw run.fault("compare-mime: " + e.path + ": " + ex.what());
  }
  if (!e.file.contains("message") || !e.file["message"].is_object()) throw run.fault("compare-mime: " + e.path + ": no \"message\" object");
  return e;
}

void take_all(std::vector<codec::imap::response> const& untagged, imap_mime::fetched& f) {
  for (auto const& r : untagged) {
    if (r.name != "FETCH") continue;
    if (auto t = codec::imap::parse_typed(r)) f.take(*t.value);  // the dialect has checked the grammar already
  }
}

/// A FETCH the server did not answer OK (or answered for another tag): the case's own requirement is
/// broken, since the message is there to be fetched (RFC 9051 §6.4.5).
bool refused(case_run& run, std::string const& command, imap_reply const& r) {
  std::string const expected = "tagged OK to " + command;
  check c = run.mismatch(expected, r.tagged.raw);
  return run.conclude_step(run.level_verdict(), (r.answered ? "the server refused " : "no answer to ") + command + ": got " + c.actual,
                           finding{"", expected, c.actual, std::nullopt});
}

/// A read that failed (timeout, close, violation) ends the case; a close after a BYE quotes the BYE.
bool failed_read(case_run& run, step const& s, std::string const& command, imap_reply r) {
  for (auto const& u : r.untagged) {
    if (u.name == "BYE" && r.c.problem.partial.empty()) r.c.problem.partial = u.raw;
  }
  run.conclude_problem(r.c.problem, s, "the answer to " + command);
  return false;
}

/// Sends one FETCH and takes its data; false when the case has ended (a failed read, a refusal).
bool fetch(case_run& run, step const& s, imap_exchange const& exchange, std::string const& command, imap_mime::fetched& f) {
  imap_reply r = exchange(command);
  if (!r.c.ok) return failed_read(run, s, command, std::move(r));
  take_all(r.untagged, f);
  if (r.answered && r.tagged.name == "OK") return true;
  refused(run, command, r);
  return false;
}

/// Why a refusal of BINARY[n] is the server's right, or "" when it is not. RFC 3516 §4.2 lets a server refuse
/// an encoding it does not know (NO [UNKNOWN-CTE]). Octets that break their encoding have decoded octets
/// only when the RFC defines them (an expected file of basis `rfc`, e.g. characters outside the base64
/// alphabet, which RFC 2045 §6.8 says to ignore); where it does not (basis `robust`), declining to decode
/// is a choice like any other reading.
std::string refusal_allowed(codec::imap::response const& tagged, imap_mime::part_fetch const& p,
                            imap_mime::fetched const& f, bool robust) {
  static char const* const known[] = {"7bit", "8bit", "binary", "base64", "quoted-printable"};
  if (tagged.name == "NO" && tagged.code == "UNKNOWN-CTE" &&
      std::find(std::begin(known), std::end(known), p.encoding) == std::end(known)) {
    return "for the unknown encoding " + p.encoding + " (RFC 3516 §4.2 allows it)";
  }
  auto body = f.body.find(p.section);
  if (robust && body != f.body.end() && !imap_mime::decode_body(body->second, p.encoding).clean) {
    return "for octets that break their encoding " + p.encoding + ", which no RFC decodes (basis robust)";
  }
  return {};
}

/// BINARY.PEEK[n] and BINARY.SIZE[n] of one leaf. A refusal that is the server's right leaves the fields
/// out (not reported, with a note); any other is recorded, and the fields count as absent.
bool fetch_binary(case_run& run, step const& s, imap_exchange const& exchange, imap_mime::part_fetch const& p,
                  imap_mime::fetched& f, bool robust) {
  std::string const command = "FETCH 1 (BINARY.PEEK[" + p.section + "] BINARY.SIZE[" + p.section + "])";
  imap_reply r = exchange(command);
  if (!r.c.ok) return failed_read(run, s, command, std::move(r));
  take_all(r.untagged, f);
  if (!r.answered) return refused(run, command, r);
  if (r.tagged.name == "OK") return true;
  f.binary.erase(p.section);
  f.binary_size.erase(p.section);
  if (std::string const why = refusal_allowed(r.tagged, p, f, robust); !why.empty()) {
    run.tr.add(session::direction::note, "compare-mime", "BINARY[" + p.section + "] refused " + why + ": not reported");
    return true;
  }
  f.binary_refused[p.section] = run.quoted(r.tagged.raw, 200);
  return true;
}

/// Each answer is bounded by --max-response; the octets kept over all of them are too, so that a server
/// that makes every section huge cannot grow the harness. Past the bound the rest is not fetched (and
/// not reported).
bool over_budget(case_run& run, imap_mime::fetched const& f) {
  std::size_t kept = 0;
  for (auto const& [spec, octets] : f.body) kept += octets.size();
  for (auto const& [spec, octets] : f.binary) kept += octets.size();
  if (kept <= run.cfg.lim.max_response) return false;
  run.tr.add(session::direction::note, "compare-mime",
             "the sections fetched hold " + std::to_string(kept) + " octets, over --max-response (" +
                 std::to_string(run.cfg.lim.max_response) + "): the rest is not fetched");
  return true;
}

bool binary_advertised(case_run& run) {
  return run.session_caps.count("BINARY") > 0 || unmet(requirement{requirement::kind::ext, "BINARY"}, run.cfg).empty();
}

/// `--var mime_trees=DIR`: the server's tree as DIR/STEM.json, for `mailspec mime diff --reader trees:DIR`.
void save_tree(case_run& run, json const& doc, std::string const& message) {
  auto it = run.vars.find("mime_trees");
  if (it == run.vars.end() || it->second.empty()) return;
  std::error_code ec;
  fs::create_directories(it->second, ec);
  fs::path const file = fs::path(it->second) / (fs::path(message).stem().string() + ".json");
  fs::path const tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << doc.dump(1, ' ', false, json::error_handler_t::replace) << "\n";
    if (!out) throw run.fault("compare-mime: cannot write " + tmp.string() + " (--var mime_trees)");
  }
  fs::rename(tmp, file, ec);
  if (ec) throw run.fault("compare-mime: cannot write " + file.string() + ": " + ec.message());
}

std::string rfc_words(std::vector<rfc_ref> const& refs) {
  std::string s;
  for (auto const& r : refs) s += (s.empty() ? "RFC " : ", RFC ") + std::to_string(r.rfc) + " §" + r.section;
  return s;
}

/// The verdict: every field of the expected tree the server reported agrees, or the expected file's
/// verdict naming each field that differs (as `mailspec mime --exec` does).
bool judge(case_run& run, expected_tree const& e, imap_mime::server_tree const& t) {
  std::vector<std::string> readings;
  mime::comparison const c = imap_mime::compare(e.file, t, &readings);
  for (auto const& r : readings) run.tr.add(session::direction::note, "compare-mime", r);
  std::string const unreported =
      c.not_reported.empty() ? "" : "; " + std::to_string(c.not_reported.size()) + " not reported by the server";
  if (c.agrees()) {
    run.tr.add(session::direction::note, "compare-mime", std::to_string(c.compared) + " fields agree with " + e.path + unreported);
    return true;
  }
  finding f;
  f.expected = "the tree of " + e.path + " (" + e.x.basis + (e.x.refs.empty() ? "" : ": " + rfc_words(e.x.refs)) + ")";
  f.actual = mime::describe(c, 50);
  if (!e.x.refs.empty()) f.rfc = e.x.refs.front();
  return run.conclude_step(e.x.on_mismatch, std::to_string(c.differences.size()) + " of " + std::to_string(c.compared) +
                                                " fields differ: " + mime::describe(c) + unreported,
                           std::move(f));
}

}  // namespace

bool run_compare_mime(case_run& run, step const& s, imap_exchange const& exchange) {
  std::string const message = run.eval_text(s.path);
  expected_tree const e = load_expected(run, message);
  run.add_refs(e.x.refs);
  imap_mime::fetched f;
  if (!fetch(run, s, exchange, first_fetch, f)) return false;
  if (!f.structure) {
    check c = run.mismatch("a FETCH response with BODYSTRUCTURE", run.last_raw);
    return run.conclude_step(run.level_verdict(), "the answer to " + std::string(first_fetch) + " holds no BODYSTRUCTURE",
                             finding{"", c.expected, c.actual, std::nullopt});
  }
  auto const parts = imap_mime::plan(*f.structure);
  for (auto const& p : parts) {
    if (over_budget(run, f)) break;
    if (!p.body.empty() && !fetch(run, s, exchange, "FETCH 1 (" + imap_mime::body_items(p) + ")", f)) return false;
  }
  if (binary_advertised(run)) {
    for (auto const& p : parts) {
      if (over_budget(run, f)) break;
      if (p.leaf && !fetch_binary(run, s, exchange, p, f, e.x.basis == "robust")) return false;
    }
  }
  imap_mime::server_tree const t = imap_mime::build(f, "IMAP server " + run.cfg.tgt.url);
  run.tr.add(session::direction::note, "compare-mime", "tree of the server:\n" + t.document.dump(1, ' ', false, json::error_handler_t::replace));
  save_tree(run, t.document, message);
  return judge(run, e, t);
}

}  // namespace mailspec::script::detail
