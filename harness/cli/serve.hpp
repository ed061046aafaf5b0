#pragma once
// `mailspec serve`: the flags (filled by main.cpp's parser) and the command. No CLI11 here: one
// translation unit pays for that header.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/outputs.hpp"

namespace mailspec::cli {

struct serve_args {
  std::string scheme;                  // smtp, submission, smtps, pop3, pop3s, imap, imaps
  std::string listen = "127.0.0.1:0";  // HOST:PORT; port 0 = any free port (printed)
  std::vector<std::string> suites, cases, tags;
  std::size_t connections = 0;         // 0: one per selected case
  double accept_timeout = 60, timeout = 60, read_timeout = 10;
  std::string cert, key, ca_out;       // given certificate, or one generated with its CA written to ca_out
  std::string user = "alice", password_env;
  std::vector<std::string> faults;     // --fault SPEC (session/fault.hpp)
  std::uint64_t seed = 1;              // --seed: the fault injector's PRNG
  bool by_login = false;               // --by-login: the login name chooses the case
  report_paths reports;
  std::string fail_on = "fail,error", suites_dir;
  bool no_color = false, verbose = false, quiet = false;
};

/// Runs `mailspec serve`; returns the exit code (README: 0, 1, 2, 3, 130, 143).
int cmd_serve(serve_args const& a, char const* version);

}  // namespace mailspec::cli
