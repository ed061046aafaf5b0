// The HTML report: one self-contained page (style and script inline, a Content-Security-Policy that
// forbids every fetch; RFC sections are plain links). One run: its counts, filters by verdict,
// protocol, RFC and tag, a search by id, and each case with its evidence and its transcript, the
// offending octets marked. Several runs: a comparison table, a row per case and a column per run.
#include <fmt/format.h>

#include <map>
#include <set>

#include "report/document.hpp"
#include "report/html_assets.hpp"
#include "report/text.hpp"

namespace mailspec::report {

using nlohmann::json;
using text::escape;
using text::str;

namespace {

constexpr char const* verdicts[] = {"pass", "fail", "warn", "info", "skip", "error"};

std::string page(std::string const& title, std::string const& body) {
  return text::html_page(title, body, html_assets::script);
}

json const& cases_of(json const& report) {
  static json const none = json::array();
  return report.contains("cases") && report["cases"].is_array() ? report["cases"] : none;
}

std::string protocol_of(json const& report) {
  return report.contains("target") ? str(report["target"], "protocol") : std::string();
}

/// What a case may be filtered by: its RFC numbers and its tags, each list space-separated.
struct keys {
  std::string rfcs, tags;
};
keys keys_of(json const& c) {
  keys k;
  if (c.contains("rfc")) {
    for (auto const& r : c["rfc"]) k.rfcs += " " + std::to_string(r.value("rfc", 0));
  }
  if (c.contains("tags")) {
    for (auto const& t : c["tags"]) k.tags += " " + t.get<std::string>();
  }
  return k;
}

/// The values the filters offer, collected over every case of every report.
struct choices {
  std::set<std::string> protocols, tags;
  std::set<int> rfcs;
  void add(json const& report) {
    if (!protocol_of(report).empty()) protocols.insert(protocol_of(report));
    for (auto const& c : cases_of(report)) {
      if (c.contains("rfc")) {
        for (auto const& r : c["rfc"]) rfcs.insert(r.value("rfc", 0));
      }
      if (c.contains("tags")) {
        for (auto const& t : c["tags"]) tags.insert(t.get<std::string>());
      }
    }
  }
};

template <class Set, class Label>
std::string select(char const* id, char const* all, Set const& values, Label label) {
  std::string out = fmt::format("<select id=\"{}\"><option value=\"\">{}</option>", id, all);
  for (auto const& v : values) out += fmt::format("<option value=\"{0}\">{1}</option>", escape(fmt::format("{}", v)), escape(label(v)));
  return out + "</select>\n";
}

std::string filters(choices const& ch, bool comparison) {
  auto same = [](auto const& v) { return fmt::format("{}", v); };
  std::string out = "<div class=\"filters\">\n";
  out += select("f-verdict", "every verdict", std::vector<std::string>(std::begin(verdicts), std::end(verdicts)), same);
  out += select("f-protocol", "every protocol", ch.protocols, same);
  out += select("f-rfc", "every RFC", ch.rfcs, [](int n) { return fmt::format("RFC {}", n); });
  out += select("f-tag", "every tag", ch.tags, same);
  out += "<input type=\"search\" id=\"f-id\" placeholder=\"search case id\">\n";
  if (comparison) out += "<label><input type=\"checkbox\" id=\"f-differs\"> only cases whose verdicts differ</label>\n";
  return out + "<span id=\"shown\"></span>\n</div>\n";
}

std::string badge(std::string const& v) {
  return fmt::format("<span class=\"v v-{0}\">{0}</span>", escape(v.empty() ? "none" : v));
}

std::string counts(json const& report) {
  json const& s = report.contains("summary") ? report["summary"] : json::object();
  std::string out = "<p class=\"counts\">";
  out += fmt::format("{} cases: ", s.value("total", cases_of(report).size()));
  for (auto const* v : verdicts) {
    out += fmt::format("<button type=\"button\" class=\"v v-{0}\" data-pick=\"{0}\">{1} {0}</button>", v, s.value(v, 0));
  }
  return out + "</p>\n";
}

std::string rfc_links(json const& c) {
  std::string out;
  if (!c.contains("rfc")) return out;
  for (auto const& r : c["rfc"]) {
    out += fmt::format("<a href=\"{}\">{}</a> ", escape(str(r, "url")), escape(text::ref(r)));
  }
  return out;
}

/// The quoted octets to mark in the transcript: the evidence's `actual`, without a "... (N more octets)" tail.
std::string offending(json const& c) {
  if (!c.contains("evidence")) return {};
  std::string a = str(c["evidence"], "actual");
  if (auto cut = a.find("... ("); cut != std::string::npos) a.resize(cut);
  return a.size() >= 2 ? a : std::string();
}

/// `data` escaped, with its occurrence at `at` (length `n`) marked.
std::string marked(std::string const& data, std::size_t at, std::size_t n) {
  if (at == std::string::npos) return escape(data);
  return escape(data.substr(0, at)) + "<mark>" + escape(data.substr(at, n)) + "</mark>" + escape(data.substr(at + n));
}

/// Which entry holds the offending octets (the last one that does) and where: the whole of them, else
/// their first line.
std::pair<std::size_t, std::size_t> locate(json const& transcript, std::string& needle) {
  for (int attempt = 0; attempt < 2 && !needle.empty(); ++attempt) {
    for (std::size_t i = transcript.size(); i-- > 0;) {
      auto const& e = transcript[i];
      if (str(e, "dir") == "i") continue;
      auto const at = str(e, "data").rfind(needle);
      if (at != std::string::npos) return {i, at};
    }
    auto const eol = needle.find("\\r\\n");
    needle = eol != std::string::npos && eol + 4 < needle.size() ? needle.substr(0, eol + 4) : std::string();
  }
  return {std::string::npos, std::string::npos};
}

std::string transcript(json const& c) {
  if (!c.contains("transcript") || c["transcript"].empty()) return "<p class=\"meta\">no transcript</p>\n";
  json const& t = c["transcript"];
  std::string needle = offending(c);
  auto const [entry, at] = locate(t, needle);
  std::string out = "<pre class=\"transcript\">";
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto const& e = t[i];
    std::string const dir = str(e, "dir");
    out += fmt::format("<span class=\"d-{}\">{:10.3f} ms  {} {}  {}</span>\n", escape(dir), e.value("t_ms", 0.0),
                       escape(dir), escape(str(e, "conn")),
                       marked(str(e, "data"), i == entry ? at : std::string::npos, needle.size()));
  }
  out += "</pre>\n";
  if (c.value("transcript_dropped_octets", 0) > 0) {
    out += fmt::format("<p class=\"meta\">{} octets not kept</p>\n", c.value("transcript_dropped_octets", 0));
  }
  return out;
}

std::string finding_rows(json const& f, bool mark) {
  std::string const actual = str(f, "actual");
  return fmt::format("<table class=\"evidence\"><tr><td>at</td><td><code>{}</code> {}</td></tr>"
                     "<tr><td>expected</td><td><code>{}</code></td></tr><tr><td>actual</td><td><code>{}</code></td></tr></table>\n",
                     escape(str(f, "step")), f.contains("rfc") ? escape(text::ref(f["rfc"])) : "", escape(str(f, "expected")),
                     mark ? marked(actual, 0, actual.size()) : escape(actual));
}

/// client-test: who connected for this case (the report's clients[] entry), one line.
std::string client_line(json const* who) {
  if (!who || !who->is_object()) return {};
  std::string parts;
  auto add = [&parts](std::string const& p) { parts += (parts.empty() ? "" : "; ") + p; };
  if (who->contains("helo")) add("EHLO/HELO " + str(*who, "helo"));
  if (who->contains("user_agent")) add("user agent " + str(*who, "user_agent"));
  if (who->contains("imap_id") && (*who)["imap_id"].is_object()) {
    std::string id;
    for (auto const& [k, v] : (*who)["imap_id"].items()) id += (id.empty() ? "" : ", ") + k + "=" + (v.is_string() ? v.get<std::string>() : "NIL");
    add("IMAP ID " + id);
  }
  if (who->contains("tls") && (*who)["tls"].is_object()) {
    json const& t = (*who)["tls"];
    add(t.value("active", false) ? "TLS " + str(t, "version") : "no TLS");
  }
  return parts.empty() ? "" : "<p class=\"meta\">client: " + escape(parts) + "</p>\n";
}

std::string case_body(json const& c, json const* who = nullptr) {
  std::string out = "<div class=\"body\">\n";
  out += fmt::format("<p>{}</p>\n<p class=\"meta\">{}<code>{}</code></p>\n", escape(str(c, "reason")), rfc_links(c),
                     escape(str(c, "source")));
  out += client_line(who);
  if (c.contains("evidence")) out += finding_rows(c["evidence"], true);
  if (c.contains("observations")) {
    for (auto const& o : c["observations"]) out += "<p class=\"meta\">also:</p>\n" + finding_rows(o, false);
  }
  if (!str(c, "hint").empty()) out += fmt::format("<p class=\"meta\">hint: {}</p>\n", escape(str(c, "hint")));
  return out + transcript(c) + "</div>\n";
}

std::string case_row(json const& c, std::string const& protocol, json const* who = nullptr) {
  keys const k = keys_of(c);
  std::string const v = str(c, "verdict");
  return fmt::format("<details class=\"row\" data-id=\"{}\" data-verdict=\"{}\" data-protocol=\"{}\" data-rfc=\"{}\" "
                     "data-tags=\"{}\"><summary>{} <code>{}</code> {}</summary>\n{}</details>\n",
                     escape(str(c, "id")), escape(v), escape(protocol), escape(k.rfcs), escape(k.tags), badge(v),
                     escape(str(c, "id")), escape(str(c, "title")), case_body(c, who));
}

std::string run_meta(json const& report) {
  json const& t = report.contains("target") ? report["target"] : json::object();
  std::string out = fmt::format("<p class=\"meta\">{} to {}, mailspec {}{}</p>\n", escape(str(report, "started")),
                                escape(str(report, "finished")),
                                report.contains("tool") ? escape(str(report["tool"], "version")) : "",
                                report.value("interrupted", false) ? " (interrupted: only the finished cases)" : "");
  if (!str(t, "probe_error").empty()) {
    out += fmt::format("<p>No case ran: {}</p>\n", escape(str(t, "probe_error")));
  }
  return out;
}

std::string target_url(json const& report) {
  return report.contains("target") ? str(report["target"], "url") : std::string();
}

}  // namespace

std::string to_html(json const& report) {
  choices ch;
  ch.add(report);
  std::string body = fmt::format("<h1>mailspec report: {}</h1>\n", escape(target_url(report)));
  body += run_meta(report) + counts(report) + filters(ch, false) + "<div id=\"cases\">\n";
  json const& cases = cases_of(report);
  json const* clients = report.contains("clients") && report["clients"].is_array() ? &report["clients"] : nullptr;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    json const* who = clients && i < clients->size() ? &(*clients)[i] : nullptr;  // clients[i] ran cases[i]
    body += case_row(cases[i], protocol_of(report), who);
  }
  return page("mailspec report: " + target_url(report), body + "</div>\n");
}

namespace {

struct compare_row {
  json const* first = nullptr;  // the case as the first run that has it describes it
  std::vector<json const*> cells;
};

std::vector<std::pair<std::string, compare_row>> rows_of(std::vector<json> const& reports) {
  std::vector<std::pair<std::string, compare_row>> rows;
  std::map<std::string, std::size_t> index;
  for (std::size_t col = 0; col < reports.size(); ++col) {
    for (auto const& c : cases_of(reports[col])) {
      auto [it, added] = index.emplace(str(c, "id"), rows.size());
      if (added) rows.push_back({str(c, "id"), compare_row{&c, std::vector<json const*>(reports.size(), nullptr)}});
      rows[it->second].second.cells[col] = &c;
    }
  }
  return rows;
}

std::string compare_header(std::vector<json> const& reports) {
  std::string out = "<thead><tr><th>case</th>";
  for (auto const& r : reports) {
    json const& s = r.contains("summary") ? r["summary"] : json::object();
    out += fmt::format("<th>{}<br><span class=\"meta\">{}</span><br>{} pass, {} fail, {} warn, {} info, {} skip, {} error</th>",
                       escape(target_url(r)), escape(str(r, "started")), s.value("pass", 0), s.value("fail", 0),
                       s.value("warn", 0), s.value("info", 0), s.value("skip", 0), s.value("error", 0));
  }
  return out + "</tr></thead>\n";
}

std::string compare_line(std::string const& id, compare_row const& row, std::vector<json> const& reports) {
  std::set<std::string> seen, protocols;
  std::string cells;
  for (std::size_t col = 0; col < row.cells.size(); ++col) {
    json const* c = row.cells[col];
    std::string const v = c ? str(*c, "verdict") : "";
    seen.insert(v);
    if (c) protocols.insert(protocol_of(reports[col]));
    cells += c ? fmt::format("<td title=\"{}\">{}</td>", escape(str(*c, "reason")), badge(v)) : "<td>&#8212;</td>";
  }
  std::string vs, ps;
  for (auto const& v : seen) vs += " " + v;
  for (auto const& p : protocols) ps += " " + p;
  keys const k = keys_of(*row.first);
  bool const differs = seen.size() > 1;
  return fmt::format("<tr class=\"row{}\" data-id=\"{}\" data-verdict=\"{}\" data-protocol=\"{}\" data-rfc=\"{}\" "
                     "data-tags=\"{}\" data-differs=\"{}\"><td><code>{}</code><br>{} {}</td>{}</tr>\n",
                     differs ? " differs" : "", escape(id), escape(vs), escape(ps), escape(k.rfcs), escape(k.tags),
                     differs ? 1 : 0, escape(id), escape(str(*row.first, "title")), rfc_links(*row.first), cells);
}

}  // namespace

std::string to_html_comparison(std::vector<json> const& reports) {
  choices ch;
  for (auto const& r : reports) ch.add(r);
  std::string body = fmt::format("<h1>mailspec: {} runs side by side</h1>\n", reports.size());
  body += "<p class=\"meta\">A row per case, a column per run; hover a verdict for its reason.</p>\n";
  body += filters(ch, true) + "<table class=\"compare\">\n" + compare_header(reports) + "<tbody>\n";
  for (auto const& [id, row] : rows_of(reports)) body += compare_line(id, row, reports);
  return page("mailspec comparison", body + "</tbody>\n</table>\n");
}

namespace text {

std::string html_page(std::string const& title, std::string const& body, std::string_view script, std::string_view style) {
  std::string const scripts = script.empty() ? std::string() : fmt::format("<script>{}</script>", script);
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n{}{}\n</body>\n</html>\n",
      escape(title), html_assets::style, style, body, scripts);
}

}  // namespace text

}  // namespace mailspec::report
