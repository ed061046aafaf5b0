// The compare-mime step (imap_mime_step.hpp): FETCH message 1 part by part, build the server's tree, judge it.
#include "script/imap_mime_step.hpp"

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

/// Sends one FETCH and takes its data; false when the case has ended (a failed read, a refusal).
bool fetch(case_run& run, step const& s, imap_exchange const& exchange, std::string const& command, imap_mime::fetched& f) {
  imap_reply r = exchange(command);
  if (!r.c.ok) {
    run.conclude_problem(r.c.problem, s, "the answer to " + command);
    return false;
  }
  take_all(r.untagged, f);
  if (r.answered && r.tagged.name == "OK") return true;
  refused(run, command, r);
  return false;
}

/// BINARY.PEEK[n] and BINARY.SIZE[n] of one leaf. RFC 3516 §4.2 lets a server refuse an encoding it does
/// not know with NO [UNKNOWN-CTE]: then the fields are not reported (so too when the part's octets break
/// their encoding, which no server is obliged to decode). Any other refusal is recorded, and the fields
/// count as absent.
bool fetch_binary(case_run& run, step const& s, imap_exchange const& exchange, imap_mime::part_fetch const& p,
                  imap_mime::fetched& f) {
  std::string const command = "FETCH 1 (BINARY.PEEK[" + p.section + "] BINARY.SIZE[" + p.section + "])";
  imap_reply r = exchange(command);
  if (!r.c.ok) {
    run.conclude_problem(r.c.problem, s, "the answer to " + command);
    return false;
  }
  take_all(r.untagged, f);
  if (!r.answered) return refused(run, command, r);
  if (r.tagged.name == "OK") return true;
  f.binary.erase(p.section);
  f.binary_size.erase(p.section);
  static char const* const known[] = {"7bit", "8bit", "binary", "base64", "quoted-printable"};
  bool const unknown = std::find(std::begin(known), std::end(known), p.encoding) == std::end(known);
  auto body = f.body.find(p.section);
  bool const malformed = body != f.body.end() && !imap_mime::decode_body(body->second, p.encoding).clean;
  if (r.tagged.name == "NO" && r.tagged.code == "UNKNOWN-CTE" && (unknown || malformed)) {
    run.tr.add(session::direction::note, "compare-mime", "BINARY[" + p.section + "] refused for encoding " + p.encoding +
                                                           " (RFC 3516 §4.2 allows it): not reported");
    return true;
  }
  f.binary_refused[p.section] = run.quoted(r.tagged.raw, 200);
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
  mime::comparison const c = imap_mime::compare(e.file, t);
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
    if (!p.body.empty() && !fetch(run, s, exchange, "FETCH 1 (" + imap_mime::body_items(p) + ")", f)) return false;
  }
  if (binary_advertised(run)) {
    for (auto const& p : parts) {
      if (p.leaf && !fetch_binary(run, s, exchange, p, f)) return false;
    }
  }
  imap_mime::server_tree const t = imap_mime::build(f, "IMAP server " + run.cfg.tgt.url);
  run.tr.add(session::direction::note, "compare-mime", "tree of the server:\n" + t.document.dump(1, ' ', false, json::error_handler_t::replace));
  save_tree(run, t.document, message);
  return judge(run, e, t);
}

}  // namespace mailspec::script::detail
