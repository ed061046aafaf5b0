// JUnit XML, the structure Jenkins, GitLab and GitHub test reporters read (tests/report/junit.xsd):
// <testsuites> of one <testsuite> per suite, one <testcase> per case. fail -> <failure>, error -> <error>,
// skip -> <skipped>; warn and info pass (a SHOULD or a MAY is not a broken build) but carry the finding
// in <system-out> and the verdict as the property mailspec.verdict, so they can still be found.
#include <fmt/format.h>

#include <map>

#include "report/document.hpp"
#include "report/text.hpp"

namespace mailspec::report {

using nlohmann::json;

namespace {

struct counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;
  void add(json const& c) {
    ++tests;
    std::string const v = text::str(c, "verdict");
    failures += v == "fail";
    errors += v == "error";
    skipped += v == "skip";
    seconds += c.value("duration_ms", 0.0) / 1000.0;
  }
  std::string attributes() const {
    return fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\"", tests, failures,
                       errors, skipped, seconds);
  }
};

std::string property(std::string_view name, std::string const& value, std::size_t indent = 8) {
  return fmt::format("{:{}}<property name=\"{}\" value=\"{}\"/>\n", "", indent, name, text::escape(value));
}

/// client-test: who the client of this connection was (the report's clients[] entry).
std::string client_properties(json const* who) {
  if (!who || !who->is_object()) return {};
  std::string out;
  if (who->contains("helo")) out += property("mailspec.client.helo", text::str(*who, "helo"));
  if (who->contains("user_agent")) out += property("mailspec.client.user_agent", text::str(*who, "user_agent"));
  if (who->contains("imap_id") && (*who)["imap_id"].is_object()) {
    std::string id;
    for (auto const& [k, v] : (*who)["imap_id"].items()) id += (id.empty() ? "" : ", ") + k + "=" + (v.is_string() ? v.get<std::string>() : "NIL");
    out += property("mailspec.client.imap_id", id);
  }
  if (who->contains("tls") && (*who)["tls"].is_object()) {
    json const& t = (*who)["tls"];
    out += property("mailspec.client.tls", t.value("active", false) ? "yes " + text::str(t, "version") : "no");
  }
  return out;
}

std::string properties(json const& c, json const* who = nullptr) {
  std::string out = "      <properties>\n";
  out += client_properties(who);
  out += property("mailspec.verdict", text::str(c, "verdict"));
  out += property("mailspec.rfc", text::refs(c));
  out += property("mailspec.title", text::str(c, "title"));
  if (c.contains("tags") && c["tags"].is_array()) {
    std::string tags;
    for (auto const& t : c["tags"]) tags += (tags.empty() ? "" : ",") + t.get<std::string>();
    if (!tags.empty()) out += property("mailspec.tags", tags);
  }
  return out + "      </properties>\n";
}

/// The evidence and the whole transcript, for the body of a <failure> or <error>.
std::string body(json const& c) {
  std::string out = text::explanation(c);
  if (c.contains("transcript") && !c["transcript"].empty()) {
    out += "transcript (c: client, s: server, i: harness note):\n";
    for (auto const& e : c["transcript"]) out += text::transcript_line(e) + "\n";
  }
  if (c.value("transcript_dropped_octets", 0) > 0) {
    out += fmt::format("({} octets not kept)\n", c.value("transcript_dropped_octets", 0));
  }
  return text::escape(out);
}

/// ` file="F" line="N"` of a "F:N" source, so that reporters link to the script.
std::string where(std::string const& source) {
  auto const colon = source.rfind(':');
  bool const numbered = colon != std::string::npos && colon + 1 < source.size() &&
                        source.find_first_not_of("0123456789", colon + 1) == std::string::npos;
  if (!numbered) return source.empty() ? "" : " file=\"" + text::escape(source) + "\"";
  return fmt::format(" file=\"{}\" line=\"{}\"", text::escape(source.substr(0, colon)), source.substr(colon + 1));
}

std::string testcase(json const& c, json const* who) {
  std::string const v = text::str(c, "verdict");
  std::string const reason = text::escape(text::str(c, "reason"));
  std::string out = fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\"{}>\n",
                                text::escape(text::str(c, "id")), text::escape(text::str(c, "suite")),
                                c.value("duration_ms", 0.0) / 1000.0, where(text::str(c, "source")));
  out += properties(c, who);
  if (v == "fail") {
    out += fmt::format("      <failure message=\"{}\" type=\"fail\">{}</failure>\n", reason, body(c));
  } else if (v == "error") {
    out += fmt::format("      <error message=\"{}\" type=\"error\">{}</error>\n", reason, body(c));
  } else if (v == "skip") {
    out += fmt::format("      <skipped message=\"{}\"/>\n", reason);
  } else if (v == "warn" || v == "info") {
    std::string const what = v == "warn" ? "a SHOULD not followed" : "a policy choice the RFC allows";
    out += fmt::format("      <system-out>{}: {}\n{}</system-out>\n", v, what, text::escape(text::explanation(c)));
  }
  return out + "    </testcase>\n";
}

/// Suites in the order their first case appears.
std::vector<std::pair<std::string, std::vector<json const*>>> by_suite(json const& cases) {
  std::vector<std::pair<std::string, std::vector<json const*>>> out;
  std::map<std::string, std::size_t> index;
  for (auto const& c : cases) {
    std::string const s = text::str(c, "suite");
    auto [it, added] = index.emplace(s, out.size());
    if (added) out.push_back({s, {}});
    out[it->second].second.push_back(&c);
  }
  return out;
}

std::string suite_properties(json const& report) {
  json const& t = report.contains("target") ? report["target"] : json::object();
  std::string out = "    <properties>\n";
  out += property("mailspec.target", text::str(t, "url"), 6);
  out += property("mailspec.protocol", text::str(t, "protocol"), 6);
  if (report.contains("tool")) out += property("mailspec.version", text::str(report["tool"], "version"), 6);
  if (report.value("interrupted", false)) out += property("mailspec.interrupted", "true", 6);
  if (!text::str(t, "probe_error").empty()) out += property("mailspec.probe_error", text::str(t, "probe_error"), 6);
  return out + "    </properties>\n";
}

}  // namespace

std::string to_junit(json const& report) {
  json const& cases = report.contains("cases") ? report["cases"] : json::array();
  json const& t = report.contains("target") ? report["target"] : json::object();
  // client-test: clients[i] is who connected for cases[i].
  std::map<json const*, json const*> clients;
  if (report.contains("clients") && report["clients"].is_array() && cases.is_array()) {
    for (std::size_t i = 0; i < cases.size() && i < report["clients"].size(); ++i) clients[&cases[i]] = &report["clients"][i];
  }
  std::string suites;
  counts all;
  for (auto const& [name, members] : by_suite(cases)) {
    counts one;
    std::string body;
    for (auto const* c : members) {
      one.add(*c);
      all.add(*c);
      auto const who = clients.find(c);
      body += testcase(*c, who == clients.end() ? nullptr : who->second);
    }
    suites += fmt::format("  <testsuite name=\"{}\" {} timestamp=\"{}\" hostname=\"{}\">\n", text::escape(name),
                          one.attributes(), text::escape(text::str(report, "started")), text::escape(text::str(t, "host")));
    suites += suite_properties(report) + body + "  </testsuite>\n";
  }
  if (!text::str(t, "probe_error").empty()) {
    // No case ran (exit 3): an errored testcase keeps CI reporters from showing an empty, green run.
    all.tests += 1;
    all.errors += 1;
    suites += fmt::format("  <testsuite name=\"mailspec\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.000\" "
                          "timestamp=\"{}\" hostname=\"{}\">\n", text::escape(text::str(report, "started")),
                          text::escape(text::str(t, "host")));
    suites += suite_properties(report);
    suites += fmt::format("    <testcase name=\"target probe\" classname=\"mailspec\" time=\"0.000\">\n"
                          "      <error message=\"{0}\" type=\"unreachable\">no case ran: {0}</error>\n    </testcase>\n"
                          "  </testsuite>\n", text::escape(text::str(t, "probe_error")));
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mailspec {}\" {}>\n{}</testsuites>\n",
                     text::escape(text::str(t, "url")), all.attributes(), suites);
}

}  // namespace mailspec::report
