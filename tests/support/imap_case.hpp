#pragma once
// Runs one IMAP client case, written inline, against a scripted peer (support/fake_peer.hpp): what the
// IMAP interpreter tests share.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "script/interpreter.hpp"
#include "script/parser.hpp"
#include "support/fake_peer.hpp"

namespace mailspec::testing {

/// `body`: the case's steps; `rfc`: its "rfc ..." line's section of RFC 9051.
inline script::case_result run_imap_case(std::string const& body, fake_peer const& p, std::string const& rfc) {
  using namespace std::chrono_literals;
  std::string const text = "case imap.t\n  title \"t\"\n  rfc 9051 " + rfc + " MUST\n" + body + "end\n";
  auto parsed = script::parse_script(text, "t.mspec", "imap");
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors.front();
  script::run_config cfg;
  cfg.tgt.proto = script::protocol::imap;
  cfg.tgt.host = "127.0.0.1";
  cfg.tgt.port = p.port();
  cfg.tgt.url = "imap://127.0.0.1";
  cfg.read_timeout = 1500ms;
  cfg.case_timeout = 10s;
  cfg.caps.probed = true;
  return script::run_case(parsed.cases.at(0), cfg);
}

/// The tag of a command line ("A1 NOOP" -> "A1").
inline std::string tag_of(std::string const& line) { return line.substr(0, line.find(' ')); }

}  // namespace mailspec::testing
