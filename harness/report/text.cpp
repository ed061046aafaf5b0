#include "report/text.hpp"

#include <fmt/format.h>

namespace mailspec::report::text {

using nlohmann::json;

namespace {

/// Length of the valid UTF-8 sequence at s[i] (1-4), or 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto const b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  if (n == 2 && b < 0xC2) return 0;  // overlong
  return n;
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    char const ch = s[i];
    auto const b = static_cast<unsigned char>(ch);
    std::size_t const n = utf8_length(s, i);
    if (n == 0 || (b < 0x20 && ch != '\t' && ch != '\n') || b == 0x7F) {
      out += fmt::format("\\x{:02X}", b);
      ++i;
      continue;
    }
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string str(json const& j, char const* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ref(json const& r) {
  std::string section = r.contains("section") && r["section"].is_string() ? r["section"].get<std::string>() : "";
  int const rfc = r.value("rfc", 0);
  return fmt::format("RFC {} §{} ({})", rfc, section, str(r, "level"));
}

std::string refs(json const& c) {
  std::string out;
  if (!c.contains("rfc") || !c["rfc"].is_array()) return out;
  for (auto const& r : c["rfc"]) out += (out.empty() ? "" : ", ") + ref(r);
  return out;
}

std::string finding(json const& f) {
  std::string out;
  if (f.contains("rfc") && f["rfc"].is_object()) out += ref(f["rfc"]) + " ";
  out += "at " + str(f, "step") + "\n";
  out += "  expected: " + str(f, "expected") + "\n";
  out += "  actual:   " + str(f, "actual") + "\n";
  return out;
}

std::string transcript_line(json const& e) {
  double const t = e.value("t_ms", 0.0);
  return fmt::format("{:10.3f} ms  {} {}  {}", t, str(e, "dir"), str(e, "conn"), str(e, "data"));
}

std::string explanation(json const& c) {
  std::string out = str(c, "reason") + "\n";
  if (c.contains("rfc") && c["rfc"].is_array()) {
    for (auto const& r : c["rfc"]) out += ref(r) + ": " + str(r, "url") + "\n";
  }
  out += "source: " + str(c, "source") + "\n";
  if (c.contains("evidence")) out += "evidence: " + finding(c["evidence"]);
  if (c.contains("observations")) {
    for (auto const& o : c["observations"]) out += "observation: " + finding(o);
  }
  if (c.contains("rule_breaches")) {
    for (auto const& h : c["rule_breaches"]) {
      out += fmt::format("rule {} broken {} time(s): ", str(h, "rule"), h.value("count", 0)) + finding(h["evidence"]);
    }
  }
  if (!str(c, "hint").empty()) out += "hint: " + str(c, "hint") + "\n";
  return out;
}

}  // namespace mailspec::report::text
