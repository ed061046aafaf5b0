#pragma once
// The server runner: `mailspec serve` listens, and each client under test that connects gets one
// server-role case, run on that connection (in suite order, or the one --case names). The same results
// and report as a server run, in client-test mode.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "script/config.hpp"
#include "script/result.hpp"
#include "session/fault.hpp"

namespace mailspec::server {

struct serve_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;          // 0: any free port (announced through on_listening)
  std::size_t connections = 0;     // connections to serve; 0: one per selected case
  std::chrono::milliseconds accept_timeout{60000};  // how long to wait for the next client
  std::vector<session::fault_spec> faults;  // --fault: injected on every connection (none: no filter)
  std::uint64_t seed = 1;                    // --seed: connection k's fault injector is seeded with seed+k
  bool by_login = false;                     // --by-login: the login fixture, then the case the login names
};

struct serve_summary {
  std::vector<script::case_result> results;  // one per connection served, in order
  bool interrupted = false;                  // stopped by the flag before the last connection
  std::string error;                         // the listener could not be opened, or nobody came in time
};

/// Called once the listener is bound: the address and port clients must use.
using on_listening = std::function<void(std::string const& host, std::uint16_t port)>;
/// Called after each connection's case: (result, finished count, total).
using on_served = std::function<void(script::case_result const&, std::size_t, std::size_t)>;
/// Called once a client connected, before its case runs: the case it gets.
using on_accepted = std::function<void(script::case_def const&)>;

/** Serves `cases` one connection at a time: connection k runs cases[k % cases.size()] (so a single case
    chosen with --case serves every connection). Cases on implicit-TLS schemes (smtps, pop3s, imaps) get
    the TLS handshake right after accept. Returns when every connection was served, when `stop` becomes
    true, or when no client connects within accept_timeout. `accepted`, when set, hears of each case as
    its client connects. */
serve_summary serve_cases(std::vector<script::case_def const*> const& cases, script::run_config const& cfg,
                          serve_options const& opt, on_listening const& listening, on_served const& served,
                          std::atomic<bool> const& stop, on_accepted const& accepted = {});

/** --by-login: the cases of `cases` whose first step is `include SUITE.login` (into `choosable`), and that
    fixture's steps as a case of its own (id SUITE.login); nullopt when no case starts with it. */
std::optional<script::case_def> login_case_of(std::vector<script::case_def const*> const& cases,
                                              std::vector<script::case_def const*>& choosable);

/** --by-login: the case a login name names: `ID`, `user=ID` or a unique suffix of an id; else null and
    `why` names the cases that can be chosen. */
script::case_def const* choose_case(std::vector<script::case_def const*> const& choosable, std::string name,
                                    std::string& why);

}  // namespace mailspec::server
