// A whole fake-server session in-process, the way Dovecot's OSS-Fuzz targets run a session over a memory
// transport: the fuzz input is the byte stream of the client under test, the harness plays the server
// with one built-in server-role case (suites/smtp-client, pop3-client, imap-client) over one end of a
// socketpair(AF_UNIX). The other end receives the input and is closed before the case runs: the case reads
// the octets, then end of file, and its writes fail at once (nobody reads them; a full buffer never stalls
// the case). Sleeps and silences last at most 1 ms, reads never wait (the client's end is closed).
//
// Input: [protocol] [case] client octets...
//   protocol  % 3: SMTP, POP3, IMAP (the order of the suites below; a protocol without cases is skipped)
//   case      % the number of server-role cases of that protocol, in suite file order
//
// Checked on every input: no crash, leak or hang (libFuzzer's -timeout); the case ends with a verdict, and
// never as a harness fault (an exception escaping the interpreter, "harness fault: ..."); a fail, warn or
// info names the check that decided it (the evidence a report quotes).
//
// The suites are read once at start-up: $MAILSPEC_SUITES, else serve_session_suites/ next to the
// executable (the ClusterFuzzLite build copies them there), else the source tree's suites/ (compiled in).
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "fuzz_driver.hpp"
#include "script/config.hpp"
#include "script/interpreter.hpp"
#include "script/registry.hpp"
#include "script/target_url.hpp"
#include "session/connection.hpp"

#ifndef MAILSPEC_FUZZ_SUITES
#define MAILSPEC_FUZZ_SUITES "suites"
#endif

using namespace mailspec;

namespace {

namespace fs = std::filesystem;

struct protocol_cases {
  char const* suite;  // directory under the suites directory
  char const* url;    // the scheme the case runs under (plain: no implicit TLS)
  std::vector<script::case_def const*> cases;
  script::run_config cfg;
};

struct world {
  script::registry reg;
  std::array<protocol_cases, 3> protos{{{"smtp-client", "smtp://127.0.0.1:25", {}, {}},
                                        {"pop3-client", "pop3://127.0.0.1:110", {}, {}},
                                        {"imap-client", "imap://127.0.0.1:143", {}, {}}}};
};

std::string suites_dir() {
  if (char const* env = std::getenv("MAILSPEC_SUITES"); env && *env) return env;
  std::error_code ec;
  fs::path const exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::is_directory(exe.parent_path() / "serve_session_suites", ec)) {
    return (exe.parent_path() / "serve_session_suites").string();
  }
  return MAILSPEC_FUZZ_SUITES;
}

world* load() {
  auto* w = new world;  // lives for the whole process
  std::string const dir = suites_dir();
  std::size_t total = 0;
  for (auto const& p : w->protos) w->reg.load_directory(dir + "/" + p.suite);
  for (auto const& e : w->reg.errors()) std::cerr << "serve_session_fuzzer: " << e << "\n";
  for (auto& p : w->protos) {
    p.cfg.tgt = script::parse_target(p.url);
    for (auto const* c : w->reg.select({}, p.cfg.tgt.proto)) {
      if (c->role == script::role::server) p.cases.push_back(c);
    }
    p.cfg.user = "alice";
    p.cfg.password = "alice-password";
    // Nothing ever waits for long: reads meet the end of the input at once; these only bound a bug.
    p.cfg.read_timeout = script::millis(200);
    p.cfg.login_timeout = script::millis(200);
    p.cfg.connect_timeout = script::millis(200);
    p.cfg.case_timeout = script::millis(2000);
    p.cfg.max_pause = script::millis(1);
    p.cfg.lim.transcript = 16u << 10;
    total += p.cases.size();
  }
  if (total == 0) {
    std::cerr << "serve_session_fuzzer: no server-role case under " << dir
              << " (set MAILSPEC_SUITES to the suites directory)\n";
    std::abort();
  }
  return w;
}

world& cases() {
  static world* w = load();
  return *w;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ::signal(SIGPIPE, SIG_IGN);  // writes to the closed end fail with EPIPE instead
  cases();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size < 2) return 0;
  auto& w = cases();
  auto* p = &w.protos[data[0] % w.protos.size()];
  for (std::size_t i = 1; p->cases.empty(); ++i) p = &w.protos[(data[0] + i) % w.protos.size()];
  script::case_def const& c = *p->cases[data[1] % p->cases.size()];
  std::string_view input(reinterpret_cast<char const*>(data) + 2, size - 2);

  int fds[2];
  FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
  // The whole input must fit in the socket's buffers: the client's end is closed before the case runs.
  int const room = 1 << 20;
  ::setsockopt(fds[1], SOL_SOCKET, SO_SNDBUF, &room, sizeof room);
  ::setsockopt(fds[0], SOL_SOCKET, SO_RCVBUF, &room, sizeof room);
  ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &room, sizeof room);
  ::setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &room, sizeof room);
  while (!input.empty()) {
    ssize_t const n = ::send(fds[1], input.data(), input.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n <= 0) break;  // full: the rest of the input is not sent (inputs this long are not useful here)
    input.remove_prefix(static_cast<std::size_t>(n));
  }
  ::shutdown(fds[1], SHUT_WR);  // the client's end of file; what the case writes piles up unread in fds[1]

  session::io_context io;
  session::io_result r;
  auto conn = session::connection::adopt(io, fds[0], session::role::server, nullptr, "main", r);
  FUZZ_CHECK(conn != nullptr);
  script::case_result const res = script::run_case_on(c, p->cfg, std::move(conn));
  ::close(fds[1]);
  static bool const verbose = std::getenv("MAILSPEC_FUZZ_VERBOSE") != nullptr;
  if (verbose) {  // what each input did: reproduce a finding, or see why a seed stops early
    std::cerr << c.id << ": " << script::to_string(res.v) << " in " << res.duration_ms << " ms: " << res.reason << "\n";
    for (auto const& e : res.transcript) std::cerr << "  " << e.t_us << " " << static_cast<int>(e.dir) << " " << e.data << "\n";
  }
  if (res.reason.rfind("harness fault", 0) == 0) std::cerr << "serve_session_fuzzer: " << c.id << ": " << res.reason << "\n";
  FUZZ_CHECK(res.reason.rfind("harness fault", 0) != 0);
  bool const finding = res.v == script::verdict::fail || res.v == script::verdict::warn || res.v == script::verdict::info;
  FUZZ_CHECK(!finding || res.evidence.has_value());
  return 0;
}
