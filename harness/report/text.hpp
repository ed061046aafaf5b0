#pragma once
// Plain-text and markup pieces shared by the JUnit and HTML writers (report/document.hpp), all read from
// the report's JSON document.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mailspec::report::text {

/// Escapes `s` for XML/HTML text and attribute values (& < > " '). What XML 1.0 cannot hold (control
/// characters other than tab and newline, invalid UTF-8) becomes a visible \xNN instead.
std::string escape(std::string_view s);

/// One self-contained HTML page (report/html.cpp): the report's style and `style`, `body`, and `script`
/// inline (none when empty), under a Content-Security-Policy that forbids every fetch.
std::string html_page(std::string const& title, std::string const& body, std::string_view script,
                      std::string_view style = {});

/// "RFC 5321 §4.1.1.9 (MUST)" of one `rfc` object.
std::string ref(nlohmann::json const& rfc);
/// Every reference of a case, separated by ", ".
std::string refs(nlohmann::json const& c);
/// The string at `key` of `j`, or "" when absent or not a string.
std::string str(nlohmann::json const& j, char const* key);

/// A finding ({step, expected, actual, rfc}) as lines: where, the requirement, expected and actual.
std::string finding(nlohmann::json const& f);
/// A transcript entry as one line: "  12.345 ms  s conn  data".
std::string transcript_line(nlohmann::json const& e);
/// What the case's verdict rests on, for a human: the reason, each RFC reference with its link, the
/// evidence, further observations, rule breaches and the hint.
std::string explanation(nlohmann::json const& c);

}  // namespace mailspec::report::text
