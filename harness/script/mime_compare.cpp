// MIME tree comparison (mime_compare.hpp): the rules of suites/mime/README.md, "Expected files".
#include "script/mime_compare.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mailspec::script::mime {

namespace {

using json = nlohmann::json;

/// Never compared: what a tree says about itself or its reader, not about the message.
bool is_metadata(std::string const& key) {
  return key == "format" || key == "reader" || key == "file" || key == "defects" || key == "basis" ||
         key == "rfc" || key == "note" || key == "level";
}

/// Parameter names are the message's words, never metadata: `format=flowed` and `name=` are compared.
bool is_parameters(std::string const& where) {
  return where == "params" || (where.size() > 7 && where.compare(where.size() - 7, 7, ".params") == 0);
}

bool skipped(std::string const& where, std::string const& key) { return is_metadata(key) && !is_parameters(where); }

std::string text(json const& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

/// Numbers compare by value (1 and 1.0 are the same size); everything else by JSON equality.
bool same(json const& a, json const& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

class walker {
 public:
  explicit walker(bool mutual) : mutual_(mutual) {}
  comparison result;

  void value(std::string const& where, json const& e, json const& a) {
    if (e.is_object() && a.is_object()) return object(where, e, a);
    if (e.is_array() && a.is_array()) return array(where, e, a);
    ++result.compared;
    if (!same(e, a)) result.differences.push_back({where, text(e), text(a)});
  }

 private:
  void object(std::string const& where, json const& e, json const& a) {
    // An address compares on name, mailbox and host: expected without a display name, it has none
    // (README, "Expected files"), so a reader that reports one disagrees.
    if (!mutual_ && e.contains("mailbox") && !e.contains("name") && a.contains("name") && !a["name"].is_null()) {
      ++result.compared;
      result.differences.push_back({where + ".name", "absent", text(a["name"])});
    }
    for (auto const& [key, ev] : e.items()) {
      if (skipped(where, key)) continue;
      std::string const path = where.empty() ? key : where + "." + key;
      auto it = a.find(key);
      if (it == a.end() || it->is_null()) {
        // The expected side's null means "absent" (a multipart root has no section): the reader agrees.
        if (!ev.is_null() && !mutual_) result.not_reported.push_back(path);
        continue;
      }
      if (ev.is_null()) {
        if (!mutual_) {
          ++result.compared;
          result.differences.push_back({path, "absent", text(*it)});
        }
        continue;
      }
      value(path, ev, *it);
    }
  }

  void array(std::string const& where, json const& e, json const& a) {
    ++result.compared;
    if (e.size() != a.size()) {
      result.differences.push_back({where, std::to_string(e.size()) + " elements", std::to_string(a.size()) + " elements"});
      return;  // positions no longer line up: comparing them would only repeat this difference
    }
    for (std::size_t i = 0; i < e.size(); ++i) value(where + "[" + std::to_string(i) + "]", e[i], a[i]);
  }

  bool mutual_;
};

level level_named(std::string const& s) {
  if (s == "MUST") return level::must;
  if (s == "SHOULD") return level::should;
  if (s == "MAY") return level::may;
  throw std::invalid_argument("level \"" + s + "\": expected MUST, SHOULD or MAY");
}

verdict verdict_of(level l) {
  switch (l) {
    case level::must: return verdict::fail;
    case level::should: return verdict::warn;
    default: return verdict::info;
  }
}

}  // namespace

comparison compare_expected(json const& expected, json const& actual) {
  walker w(false);
  w.value("", expected, actual);
  return std::move(w.result);
}

comparison compare_mutual(json const& a, json const& b) {
  // Every field both report: walk a against b, leaving out what b lacks, then nothing more is needed
  // (a field only b reports is not compared).
  walker w(true);
  w.value("", a, b);
  return std::move(w.result);
}

namespace {

void collect(std::string const& where, json const& v, std::vector<std::pair<std::string, json>>& out) {
  if (v.is_object()) {
    for (auto const& [key, child] : v.items()) {
      if (!skipped(where, key)) collect(where.empty() ? key : where + "." + key, child, out);
    }
  } else if (v.is_array()) {
    out.emplace_back(where + ".length", v.size());
    for (std::size_t i = 0; i < v.size(); ++i) collect(where + "[" + std::to_string(i) + "]", v[i], out);
  } else if (!v.is_null()) {
    out.emplace_back(where, v);
  }
}

}  // namespace

std::vector<std::pair<std::string, json>> fields(json const& message) {
  std::vector<std::pair<std::string, json>> out;
  collect("", message, out);
  return out;
}

std::string describe(comparison const& c, std::size_t max) {
  std::string out;
  std::size_t shown = 0;
  for (auto const& d : c.differences) {
    if (shown == max) {
      out += "; and " + std::to_string(c.differences.size() - max) + " more";
      break;
    }
    out += (shown++ ? "; " : "") + (d.where.empty() ? std::string("message") : d.where) + ": expected " + d.expected +
           ", got " + d.actual;
  }
  return out;
}

expectation expectation_of(json const& f) {
  expectation x;
  x.basis = f.value("basis", std::string());
  x.note = f.value("note", std::string());
  std::optional<level> lvl;
  if (auto it = f.find("level"); it != f.end()) lvl = level_named(it->get<std::string>());
  if (x.basis == "rfc") {
    x.on_mismatch = verdict_of(lvl.value_or(level::must));
  } else if (x.basis == "robust") {
    x.on_mismatch = lvl == level::may ? verdict::info : verdict::warn;
  } else {
    throw std::invalid_argument("basis \"" + x.basis + "\": expected \"rfc\" or \"robust\"");
  }
  for (auto const& r : f.value("rfc", json::array())) {
    std::string const s = r.get<std::string>();
    auto const space = s.find(' ');
    int number = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + (space == std::string::npos ? s.size() : space), number);
    if (ec != std::errc() || space == std::string::npos || number <= 0 || space + 1 >= s.size()) {
      throw std::invalid_argument("rfc reference \"" + s + "\": expected \"RFC SECTION\", e.g. \"2046 5.1.1\"");
    }
    x.refs.push_back({number, s.substr(space + 1), lvl.value_or(x.basis == "rfc" ? level::must : level::should)});
  }
  return x;
}

std::string expected_path(std::string const& message_path) {
  std::string p = message_path;
  if (auto dot = p.rfind('.'); dot != std::string::npos && p.find('/', dot) == std::string::npos) p.erase(dot);
  return p + ".expected.json";
}

}  // namespace mailspec::script::mime
