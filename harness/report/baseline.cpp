#include "report/baseline.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "report/document.hpp"

namespace mailspec::report {

using nlohmann::json;

int rank(script::verdict v) {
  switch (v) {
    case script::verdict::pass:
    case script::verdict::info:
    case script::verdict::skip: return 0;
    case script::verdict::warn: return 1;
    case script::verdict::fail: return 2;
    case script::verdict::error: return 3;
  }
  return 3;
}

std::optional<script::verdict> verdict_of(std::string_view s) {
  for (auto v : {script::verdict::pass, script::verdict::fail, script::verdict::warn, script::verdict::info,
                 script::verdict::skip, script::verdict::error}) {
    if (script::to_string(v) == s) return v;
  }
  return std::nullopt;
}

namespace {

void add(baseline& b, std::string const& id, baseline_entry e, std::string const& where) {
  if (id.empty()) throw std::runtime_error(where + ": a case without an id");
  if (!b.cases.emplace(id, std::move(e)).second) throw std::runtime_error(where + ": case " + id + " appears twice");
  b.order.push_back(id);
}

baseline load_tsv(std::string const& path, std::string const& text) {
  baseline b{path, {}, {}};
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
    std::string const where = fmt::format("{}:{}", path, n);
    auto const tab = line.find('\t');
    auto const tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
    if (tab == std::string::npos) throw std::runtime_error(where + ": expected 'id<TAB>verdict[<TAB>why]'");
    std::string const word = line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    auto const v = verdict_of(word);
    if (!v) throw std::runtime_error(where + ": '" + word + "' is not a verdict (pass, fail, warn, info, skip, error)");
    add(b, line.substr(0, tab), {*v, tab2 == std::string::npos ? "" : line.substr(tab2 + 1), where}, where);
  }
  return b;
}

}  // namespace

baseline baseline_of(json const& report, std::string name) {
  baseline b{std::move(name), {}, {}};
  for (auto const& c : report.at("cases")) {
    std::string const id = c.value("id", "");
    std::string const word = c.value("verdict", "");
    auto const v = verdict_of(word);
    if (!v) throw std::runtime_error(b.name + ": case " + id + " has no verdict I know ('" + word + "')");
    add(b, id, {*v, c.value("reason", ""), ""}, b.name);
  }
  return b;
}

baseline baseline_of(std::vector<script::case_result> const& cases, std::string name) {
  baseline b{std::move(name), {}, {}};
  for (auto const& c : cases) add(b, c.id, {c.v, c.reason, ""}, b.name);
  return b;
}

baseline load_baseline(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream all;
  all << in.rdbuf();
  std::string const text = all.str();
  auto const first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return baseline_of(load_document(path), path);
  return load_tsv(path, text);
}

std::string_view to_string(change_kind k) {
  switch (k) {
    case change_kind::worse: return "worse";
    case change_kind::fixed: return "fixed";
    case change_kind::changed: return "changed";
    case change_kind::added: return "added";
    case change_kind::gone: return "gone";
  }
  return "?";
}

namespace {

std::optional<change_kind> kind_of(std::optional<script::verdict> before, script::verdict after) {
  if (after == script::verdict::error) return change_kind::worse;  // never better than anything, never hidden
  if (!before) return rank(after) > 0 ? change_kind::worse : change_kind::added;
  if (*before == after) return std::nullopt;
  if (rank(after) > rank(*before)) return change_kind::worse;
  if (rank(after) < rank(*before)) return change_kind::fixed;
  return change_kind::changed;
}

}  // namespace

std::vector<change> compare(baseline const& old, baseline const& now) {
  std::vector<change> out;
  for (auto const& id : now.order) {
    auto const& e = now.cases.at(id);
    auto const it = old.cases.find(id);
    std::optional<script::verdict> before;
    if (it != old.cases.end()) before = it->second.v;
    if (auto k = kind_of(before, e.v)) out.push_back({*k, id, before, e.v, e.reason});
  }
  for (auto const& id : old.order) {
    if (!now.cases.count(id)) out.push_back({change_kind::gone, id, old.cases.at(id).v, std::nullopt, old.cases.at(id).reason});
  }
  return out;
}

bool any_worse(std::vector<change> const& changes) {
  for (auto const& c : changes) {
    if (c.kind == change_kind::worse) return true;
  }
  return false;
}

std::string describe(std::vector<change> const& changes, std::string const& old_name, bool list_gone) {
  std::map<change_kind, std::size_t> n;
  std::string out;
  for (auto const& c : changes) {
    ++n[c.kind];
    if (c.kind == change_kind::gone && !list_gone) continue;
    std::string what;
    if (c.before && c.after) what = fmt::format("{} -> {}", script::to_string(*c.before), script::to_string(*c.after));
    else if (c.after) what = fmt::format("{} (not in {})", script::to_string(*c.after), old_name);
    else what = fmt::format("was {}, did not run", script::to_string(*c.before));
    out += fmt::format("{:<8} {}: {}{}\n", to_string(c.kind), c.id, what, c.reason.empty() ? "" : ": " + c.reason);
  }
  out += fmt::format("{} worse, {} fixed, {} changed, {} added, {} gone{}\n", n[change_kind::worse], n[change_kind::fixed],
                     n[change_kind::changed], n[change_kind::added], n[change_kind::gone],
                     list_gone || n[change_kind::gone] == 0 ? "" : " (not run: not selected, renamed or removed)");
  return out;
}

}  // namespace mailspec::report
