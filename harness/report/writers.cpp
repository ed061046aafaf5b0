// The report formats behind one interface (report/document.hpp), and reading a saved report back.
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "report/document.hpp"

namespace mailspec::report {

using nlohmann::json;

namespace {

class json_format : public writer {
 public:
  std::string render(std::vector<json> const& reports) const override {
    if (reports.size() != 1) throw std::invalid_argument("the JSON format renders one report, not several");
    return dump(reports.front());
  }
};

class junit_format : public writer {
 public:
  std::string render(std::vector<json> const& reports) const override {
    if (reports.size() != 1) throw std::invalid_argument("JUnit renders one report, not several (use --html to compare)");
    return to_junit(reports.front());
  }
};

class html_format : public writer {
 public:
  std::string render(std::vector<json> const& reports) const override {
    return reports.size() == 1 ? to_html(reports.front()) : to_html_comparison(reports);
  }
};

}  // namespace

std::string_view to_string(format f) {
  switch (f) {
    case format::json: return "json";
    case format::junit: return "junit";
    case format::html: return "html";
  }
  return "?";
}

std::unique_ptr<writer> make_writer(format f) {
  switch (f) {
    case format::json: return std::make_unique<json_format>();
    case format::junit: return std::make_unique<junit_format>();
    case format::html: return std::make_unique<html_format>();
  }
  throw std::invalid_argument("unknown report format");
}

json load_document(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream all;
  all << in.rdbuf();
  json j = json::parse(all.str(), nullptr, false);
  if (j.is_discarded()) throw std::runtime_error(path + ": not JSON");
  if (!j.is_object() || !j.contains("cases") || !j["cases"].is_array()) {
    throw std::runtime_error(path + ": not a mailspec report (no \"cases\" array)");
  }
  return j;
}

}  // namespace mailspec::report
