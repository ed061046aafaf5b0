#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "codec/common/observation.hpp"

#include "report/report.hpp"

namespace mailspec::report {

char const* colour_code(script::verdict v) {
  switch (v) {
    case script::verdict::pass: return "\033[32m";
    case script::verdict::fail: return "\033[1;31m";
    case script::verdict::warn: return "\033[33m";
    case script::verdict::info: return "\033[36m";
    case script::verdict::skip: return "\033[2m";
    case script::verdict::error: return "\033[1;35m";
  }
  return "";
}

namespace {

std::string paint(bool on, script::verdict v, std::string_view text) {
  if (!on) return std::string(text);
  return fmt::format("{}{}\033[0m", colour_code(v), text);
}

std::string cut(std::string s, std::size_t n) {
  if (s.size() > n) s = s.substr(0, n - 3) + "...";
  return s;
}

}  // namespace

void terminal::progress(script::case_result const& r, std::size_t done, std::size_t total) {
  if (r.v == script::verdict::fail || r.v == script::verdict::error) {
    out << fmt::format("[{}/{}] {} {}: {}\n", done, total, script::to_string(r.v), r.id, cut(r.reason, 300));
  }
}

std::string terminal::finding_line(script::case_result const& r, std::size_t done, std::size_t total,
                                   std::size_t width) const {
  std::string const head = fmt::format("[{:>{}}/{}] ", done, std::to_string(total).size(), total);
  std::string const verdict(script::to_string(r.v));
  std::string rest = " " + r.id + ": " + r.reason;
  for (char& c : rest) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  if (head.size() + verdict.size() + 4 > width) return (head + verdict).substr(0, width);
  std::size_t const room = width - head.size() - verdict.size();
  if (rest.size() > room) rest = rest.substr(0, room - 3) + "...";
  return head + paint(colour, r.v, verdict) + rest;
}

namespace {

/// The fail, warn and error verdicts (every one but pass with `verbose`): id, reason, requirement.
void print_notable(std::ostream& out, bool colour, client::run_record const& r, bool verbose) {
  for (auto const& c : r.cases) {
    bool const notable = c.v == script::verdict::fail || c.v == script::verdict::error || c.v == script::verdict::warn ||
                         (verbose && c.v != script::verdict::pass);
    if (!notable) continue;
    out << fmt::format("{} {}\n", paint(colour, c.v, fmt::format("{:<5}", script::to_string(c.v))), c.id);  // pad, then paint
    if (!c.reason.empty()) out << fmt::format("      {}\n", cut(c.reason, 400));
    if (c.evidence && c.evidence->rfc) {
      out << fmt::format("      RFC {} §{} ({}) at {}\n", c.evidence->rfc->rfc, c.evidence->rfc->section,
                         script::to_string(c.evidence->rfc->lvl), c.evidence->step);
    }
  }
}

}  // namespace

void terminal::print_summary(client::run_record const& r, bool verbose, bool quiet) {
  if (!quiet) print_notable(out, colour, r, verbose);
  summary const s = summarise(r.cases);
  out << fmt::format("{}{} cases against {}{}\n", quiet ? "" : "\n", s.total(), r.tgt.url, r.interrupted ? " (interrupted)" : "");
  out << fmt::format("  {} pass  {} fail  {} warn  {} info  {} skip  {} error\n", paint(colour, script::verdict::pass, std::to_string(s.pass)),
                     paint(colour, script::verdict::fail, std::to_string(s.fail)),
                     paint(colour, script::verdict::warn, std::to_string(s.warn)),
                     paint(colour, script::verdict::info, std::to_string(s.info)),
                     paint(colour, script::verdict::skip, std::to_string(s.skip)),
                     paint(colour, script::verdict::error, std::to_string(s.error)));
  // Why cases skipped, most frequent first, with what would run them.
  std::map<std::string, std::size_t> why;
  for (auto const& c : r.cases) {
    if (c.v == script::verdict::skip && !c.hint.empty() && !quiet) ++why[c.hint];
  }
  std::vector<std::pair<std::size_t, std::string>> order;
  for (auto const& [k, n] : why) order.emplace_back(n, k);
  std::sort(order.begin(), order.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < order.size() && i < 6; ++i) {
    out << fmt::format("  {} skipped: {}\n", order[i].first, cut(order[i].second, 200));
  }
  if (s.error > 0 && error_fails) out << "  error means undecided: the exit code is 1 (see --fail-on)\n";
}

void terminal::print_target(client::run_record const& r) {
  auto const& rc = r.caps.recipient;
  if (!rc.done) return;
  if (rc.accepted) {
    out << fmt::format("recipient {}: accepted\n", rc.address);
  } else {
    std::string reply = rc.reply;
    while (!reply.empty() && (reply.back() == '\n' || reply.back() == '\r')) reply.pop_back();
    out << fmt::format("recipient {}: refused ({}); cases that need an accepted recipient will skip: {}\n", rc.address,
                       cut(codec::quote_bytes(reply), 160), rc.hint);
  }
}

}  // namespace mailspec::report
