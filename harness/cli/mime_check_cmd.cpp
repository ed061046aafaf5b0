// `mailspec mime --exec` and `mailspec mime diff` (mime_check_cmd.hpp).
#include "cli/mime_check_cmd.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "cli/interrupt.hpp"
#include "cli/report_cmd.hpp"
#include "client/mime_check.hpp"
#include "report/baseline.hpp"
#include "report/observers.hpp"
#include "script/mime_compare.hpp"
#include "script/registry.hpp"

namespace mailspec::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::chrono::milliseconds seconds(double s) { return std::chrono::milliseconds(static_cast<long long>(s * 1000)); }

std::vector<std::string> corpus_of(std::vector<std::string> const& paths, std::string const& suites_dir) {
  return client::mime::corpus_files(paths.empty() ? default_corpus(suites_dir) : paths);
}

}  // namespace

std::vector<std::string> default_corpus(std::string const& suites_dir) {
  fs::path const dir = fs::path(suites_dir.empty() ? script::default_suites_dir() : suites_dir) / "mime" / "messages";
  if (!fs::is_directory(dir)) {
    throw std::invalid_argument("no corpus at " + dir.string() + ": name messages or directories, or pass --suites-dir");
  }
  return {dir.string()};
}

std::unique_ptr<client::mime::reader> reader_from_spec(std::string const& spec, double timeout, std::string const& version) {
  auto const colon = spec.find(':');
  std::string const kind = spec.substr(0, colon);
  std::string const rest = colon == std::string::npos ? std::string() : spec.substr(colon + 1);
  if (kind == "mailspec" && colon == std::string::npos) return client::mime::make_builtin_reader("mailspec " + version);
  if ((kind == "exec" || kind == "batch") && !rest.empty()) {
    client::mime::exec_options o;
    o.command = rest;
    o.batch = kind == "batch";
    o.timeout = seconds(timeout);
    return client::mime::make_exec_reader(std::move(o));
  }
  if (kind == "trees" && !rest.empty()) {
    if (!fs::is_directory(rest)) throw std::invalid_argument("--reader " + spec + ": no such directory");
    return client::mime::make_saved_reader(rest);
  }
  throw std::invalid_argument("--reader " + spec + ": expected mailspec, exec:CMD, batch:CMD or trees:DIR");
}

int cmd_mime_exec(mime_exec_args const& a, char const* version) {
  interrupt_guard guard;
  client::mime::corpus_options o;
  std::optional<report::baseline> base;
  try {
    o.files = corpus_of(a.paths, a.suites_dir);
    o.cases = a.cases;
    o.fail_on = client::parse_fail_on(a.fail_on);
    if (!a.baseline.empty()) base = report::load_baseline(a.baseline);
  } catch (std::exception const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return client::exit_status::usage;
  }
  o.described = {{"mode", "reader-test"}, {"exec", a.command}, {"batch", a.batch ? "true" : "false"},
                 {"fail_on", a.fail_on}};
  bool const error_fails = std::find(o.fail_on.begin(), o.fail_on.end(), script::verdict::error) != o.fail_on.end();
  client::mime::exec_options eo;
  eo.command = a.command;
  eo.batch = a.batch;
  eo.timeout = seconds(a.timeout);
  auto reader = client::mime::make_exec_reader(std::move(eo));
  client::mime::corpus_run r(*reader, std::move(o));
  if (r.selected().empty()) {
    std::cerr << "mailspec: no message matches the selection (ids are mime.message.STEM)\n";
    return client::exit_status::usage;
  }
  report::terminal term = stdout_terminal(a.no_color, a.quiet);
  term.error_fails = error_fails;
  report::progress_printer progress(term, r.selected().size());
  std::unique_ptr<report_outputs> files;
  try {
    files = std::make_unique<report_outputs>(a.reports, version, std::cerr);
  } catch (std::exception const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return client::exit_status::usage;
  }
  report::summary_printer summary(term, a.verbose, a.quiet, files->where());
  if (!a.quiet) r.observe(progress);
  files->observe_with([&r](client::run_observer& ob) { r.observe(ob); });
  r.observe(summary);
  guard.start([&r] {
    for (auto const& e : r.abandon()) std::cerr << "mailspec: " << e << "\n";
  });
  r.execute(guard.stop);
  r.finish();
  if (!r.finish_error().empty()) std::cerr << "mailspec: " << r.finish_error() << "\n";
  auto const out = r.outcome();
  if (!base || out.end != client::run_end::completed || out.finished == 0) return client::exit_code(out);
  return baseline_status(*base, r.record(), std::cout);
}

namespace {

/// One message read by every reader: the fields on which they disagree (or, with `all`, that only some
/// report), one value per reader (null where a reader does not report it), and each reader's error.
struct message_diff {
  json rows = json::array();
  std::vector<std::string> errors;
  std::size_t differing = 0;  // rows whose reported values differ
};

bool values_differ(json const& values) {
  json const* first = nullptr;
  for (auto const& v : values) {
    if (v.is_null()) continue;
    if (first && *first != v) return true;
    if (!first) first = &v;
  }
  return false;
}

message_diff diff_message(std::vector<std::unique_ptr<client::mime::reader>> const& readers, std::string const& file, bool all) {
  message_diff d;
  d.errors.resize(readers.size());
  // Each reader's fields, and the union of their paths in the order the readers first give them.
  std::vector<std::map<std::string, json>> values(readers.size());
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < readers.size(); ++i) {
    auto t = readers[i]->read(file);
    if (!t.tree) {
      d.errors[i] = t.error;
      continue;
    }
    for (auto& [path, v] : script::mime::fields((*t.tree)["message"])) {
      if (seen.insert(path).second) order.push_back(path);
      values[i][path] = std::move(v);
    }
  }
  for (auto const& path : order) {
    json row = {{"field", path}, {"values", json::array()}};
    std::size_t reported = 0;
    for (auto const& m : values) {
      auto it = m.find(path);
      row["values"].push_back(it == m.end() ? json() : it->second);
      reported += it != m.end();
    }
    bool const differs = values_differ(row["values"]);
    d.differing += differs;
    // A field one reader alone reports is no disagreement (unless --all asks to see it).
    if (differs || (all && reported < readers.size())) d.rows.push_back(std::move(row));
  }
  return d;
}

void print_message_diff(std::string const& file, message_diff const& d,
                        std::vector<std::unique_ptr<client::mime::reader>> const& readers) {
  std::cout << file << "\n";
  for (std::size_t i = 0; i < readers.size(); ++i) {
    if (!d.errors[i].empty()) std::cout << "  no tree from " << readers[i]->name() << ": " << d.errors[i] << "\n";
  }
  for (auto const& row : d.rows) {
    std::string line = "  " + row["field"].get<std::string>();
    line.resize(std::max<std::size_t>(line.size() + 1, 44), ' ');
    for (std::size_t i = 0; i < row["values"].size(); ++i) {
      auto const& v = row["values"][i];
      line += (i ? " | " : "") + (v.is_null() ? std::string("-") : v.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    std::cout << line << "\n";
  }
}

}  // namespace

int cmd_mime_diff(mime_diff_args const& a, std::string const& version) {
  std::vector<std::unique_ptr<client::mime::reader>> readers;
  std::vector<std::string> files;
  try {
    if (a.readers.size() < 2) throw std::invalid_argument("give at least two --reader (e.g. --reader mailspec --reader 'exec:CMD')");
    for (auto const& spec : a.readers) readers.push_back(reader_from_spec(spec, a.timeout, version));
    files = corpus_of(a.paths, a.suites_dir);
  } catch (std::exception const& e) {
    std::cerr << "mailspec: " << e.what() << "\n";
    return client::exit_status::usage;
  }
  std::size_t differing = 0, fields_differing = 0, failures = 0;
  json out_messages = json::array();
  for (auto const& file : files) {
    message_diff const d = diff_message(readers, file, a.all);
    std::size_t const errors = static_cast<std::size_t>(std::count_if(d.errors.begin(), d.errors.end(), [](auto const& e) { return !e.empty(); }));
    failures += errors;
    differing += d.differing > 0;
    fields_differing += d.differing;
    if (d.rows.empty() && !errors) continue;
    json msg = {{"file", file}, {"fields", d.rows}};
    for (std::size_t i = 0; i < readers.size(); ++i) {
      if (!d.errors[i].empty()) msg["errors"][readers[i]->name()] = d.errors[i];
    }
    out_messages.push_back(std::move(msg));
    if (!a.json) print_message_diff(file, d, readers);
  }
  json readers_json = json::array();
  for (auto const& r : readers) readers_json.push_back(r->name());
  if (a.json) {
    json const summary = {{"messages", files.size()}, {"differing", differing}, {"fields_differing", fields_differing}, {"no_tree", failures}};
    std::cout << json{{"readers", readers_json}, {"messages", out_messages}, {"summary", summary}}.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    std::cout << files.size() << " messages, " << readers.size() << " readers (";
    for (std::size_t i = 0; i < readers.size(); ++i) std::cout << (i ? " | " : "") << readers[i]->name();
    std::cout << "): " << differing << " with disagreements (" << fields_differing << " fields), " << failures << " trees missing\n";
  }
  return differing || failures ? 1 : 0;
}

}  // namespace mailspec::cli
