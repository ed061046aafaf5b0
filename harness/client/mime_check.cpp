// `mailspec mime --exec` (mime_check.hpp): one reader over a corpus, each tree judged.
#include "client/mime_check.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "script/mime_compare.hpp"
#include "script/registry.hpp"

namespace mailspec::client::mime {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using script::verdict;

std::string rfc_words(std::vector<script::rfc_ref> const& refs) {
  std::string s;
  for (auto const& r : refs) s += (s.empty() ? "RFC " : ", RFC ") + std::to_string(r.rfc) + " §" + r.section;
  return s;
}

}  // namespace

std::vector<std::string> corpus_files(std::vector<std::string> const& paths) {
  std::vector<std::string> out;
  for (auto const& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> here;
      for (auto it = fs::directory_iterator(p, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".eml") here.push_back(it->path().string());
      }
      std::sort(here.begin(), here.end());
      out.insert(out.end(), here.begin(), here.end());
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else {
      throw std::invalid_argument(p + ": no such file or directory");
    }
  }
  if (out.empty()) throw std::invalid_argument("no message (*.eml) in " + (paths.empty() ? std::string("(nothing given)") : paths.front()));
  return out;
}

std::string case_id(std::string const& message_path) {
  return "mime.message." + script::id_word(fs::path(message_path).stem().string());
}

script::case_result judge(reader& r, std::string const& path) {
  auto const t0 = std::chrono::steady_clock::now();
  script::case_result c;
  c.id = case_id(path);
  c.suite = "mime";
  c.title = fs::path(path).filename().string();
  c.tags = {"mime"};
  std::string const expected_file = script::mime::expected_path(path);
  c.where = {expected_file, 1};
  auto done = [&](verdict v, std::string reason) {
    c.v = v;
    c.reason = std::move(reason);
    c.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return c;
  };

  json expected;
  script::mime::expectation x;
  try {
    std::ifstream in(expected_file, std::ios::binary);
    if (!in) return done(verdict::error, "no expected tree: " + expected_file + " cannot be read (suites/mime/README.md says how to write one)");
    expected = json::parse(in);
    x = script::mime::expectation_of(expected);
    if (!expected.contains("message") || !expected["message"].is_object()) throw std::invalid_argument("no \"message\" object");
  } catch (std::exception const& e) {
    return done(verdict::error, expected_file + ": " + e.what());
  }
  c.refs = x.refs;
  c.tags.push_back(x.basis);
  if (!x.note.empty()) c.title += ": " + x.note;

  tree_result t = r.read(path);
  if (!t.tree) return done(verdict::error, r.name() + ": " + t.error);
  auto cmp = script::mime::compare_expected(expected["message"], (*t.tree)["message"]);
  if (expected.contains("octets")) {
    auto top = script::mime::compare_expected(json{{"octets", expected["octets"]}}, json{{"octets", t.tree->value("octets", json())}});
    cmp.differences.insert(cmp.differences.begin(), top.differences.begin(), top.differences.end());
    cmp.not_reported.insert(cmp.not_reported.end(), top.not_reported.begin(), top.not_reported.end());
    cmp.compared += top.compared;
  }
  c.transcript.push_back({0, session::direction::note, "reader", "tree of " + r.name() + ":\n" + t.tree->dump(1)});
  std::string const unreported =
      cmp.not_reported.empty() ? "" : "; " + std::to_string(cmp.not_reported.size()) + " not reported by the reader";
  if (cmp.agrees()) return done(verdict::pass, std::to_string(cmp.compared) + " fields agree with the expected tree" + unreported);
  script::finding f;
  f.step = expected_file;
  f.expected = "the tree of " + expected_file + " (" + x.basis + (x.refs.empty() ? "" : ": " + rfc_words(x.refs)) + ")";
  f.actual = script::mime::describe(cmp, 50);
  if (!x.refs.empty()) f.rfc = x.refs.front();
  c.evidence = f;
  return done(x.on_mismatch, std::to_string(cmp.differences.size()) + " of " + std::to_string(cmp.compared) +
                                 " fields differ: " + script::mime::describe(cmp) + unreported);
}

corpus_run::corpus_run(reader& r, corpus_options o) : reader_(r), opts_(std::move(o)) {
  for (auto const& f : opts_.files) {
    std::string const id = case_id(f);
    if (opts_.cases.empty() ||
        std::any_of(opts_.cases.begin(), opts_.cases.end(), [&](auto const& p) { return script::id_matches(id, p); })) {
      selected_.push_back(f);
    }
  }
  record_.mode = "reader-test";
  record_.reader = r.name();
  record_.tgt.url = r.name();
  record_.options = opts_.described;
}

void corpus_run::observe(run_observer& o) { observers_.push_back(&o); }

void corpus_run::execute(std::atomic<bool> const& stop) {
  {
    std::lock_guard<std::mutex> g(lock_);
    record_.started = now_rfc3339();
    for (auto* o : observers_) o->on_probed(record_);
  }
  std::size_t n = 0;
  for (auto const& f : selected_) {
    if (stop) {
      std::lock_guard<std::mutex> g(lock_);
      record_.interrupted = true;
      break;
    }
    script::case_result c = judge(reader_, f);
    std::lock_guard<std::mutex> g(lock_);
    record_.cases.push_back(std::move(c));
    ++n;
    for (auto* o : observers_) o->on_case(record_.cases.back(), n, selected_.size());
  }
}

void corpus_run::finish() {
  std::lock_guard<std::mutex> g(lock_);
  record_.finished = now_rfc3339();
  finish_error_ = notify_finished(observers_, record_);
  if (!finish_error_.empty()) end_ = run_end::usage;
}

std::vector<std::string> corpus_run::abandon() {
  std::lock_guard<std::mutex> g(lock_);
  run_record snap = record_;
  snap.interrupted = true;
  snap.finished = now_rfc3339();
  return notify_abandoned(observers_, snap);
}

run_outcome corpus_run::outcome() const {
  std::lock_guard<std::mutex> g(lock_);
  run_outcome o;
  o.end = end_;
  o.interrupted = record_.interrupted;
  o.finished = record_.cases.size();
  o.failed = any_verdict_of(record_.cases, opts_.fail_on);
  return o;
}

}  // namespace mailspec::client::mime
