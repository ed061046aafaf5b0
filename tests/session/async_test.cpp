// The natively asynchronous layer: many connections, plain and TLS, in both roles on one event loop
// (what a load mode does), and a write timeout that leaves the pending read alone. 127.0.0.1 only;
// the loop runs for a bounded time.
#include "session/async.hpp"
// (async.hpp includes prelude.hpp first)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "session/certs.hpp"

namespace ms = mailspec::session;
namespace as = mailspec::session::async;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

ms::clock::time_point in(std::chrono::milliseconds d) { return ms::clock::now() + d; }

struct tls_files {
  tls_files() {
    char tmpl[] = "/tmp/mailspec-async-test-XXXXXX";
    if (::mkdtemp(tmpl)) dir = tmpl;
    files = ms::generate_certs(dir);
  }
  ~tls_files() { std::filesystem::remove_all(dir); }
  std::string dir;
  ms::cert_files files;
};

tls_files const& certs() {
  static tls_files const f;
  return f;
}

/// Echoes what the client sends until it closes. (Results go to named variables: GCC 12 destroys some
/// temporaries of a co_await inside an `if` condition twice.)
asio::awaitable<void> echo(std::shared_ptr<as::stream> s, bool tls) {
  if (tls) {
    ms::tls_server_options const options{certs().files.cert_file, certs().files.key_file};
    ms::io_result const shaken = co_await s->handshake(options, in(10s));
    if (!shaken) co_return;
  }
  for (;;) {
    ms::io_result const r = co_await s->read_some(in(10s));
    if (!r) co_return;
    ms::io_result const w = co_await s->write(r.data, in(10s));
    if (!w) co_return;
  }
}

asio::awaitable<void> serve(as::tcp::acceptor& acceptor, int connections, bool tls_every_tenth) {
  for (int i = 0; i < connections; ++i) {
    auto s = as::stream::create(acceptor.get_executor(), ms::role::server, nullptr, "in" + std::to_string(i));
    ms::io_result const accepted = co_await as::accept(acceptor, *s, in(10s));
    if (!accepted) co_return;
    asio::co_spawn(acceptor.get_executor(), echo(s, tls_every_tenth && i % 10 == 0), asio::detached);
  }
}

/// One client: connect, optional TLS, a line out and the same line back, close. Counts successes.
asio::awaitable<void> client(std::uint16_t port, int i, bool tls, int& ok) {
  auto s = as::stream::create(co_await asio::this_coro::executor, ms::role::client, nullptr, "out" + std::to_string(i));
  ms::io_result r = co_await as::connect(*s, "127.0.0.1", port, in(10s));
  if (!r) co_return;
  if (tls) {
    ms::tls_options o;
    o.cafile = certs().files.ca_file;
    r = co_await s->handshake(o, in(10s));
    if (!r) co_return;
  }
  std::string const line = "ping " + std::to_string(i) + "\r\n";
  r = co_await s->write(line, in(10s));
  if (!r) co_return;
  std::string got;
  while (got.size() < line.size()) {
    r = co_await s->read_some(in(10s));
    if (!r) co_return;
    got += r.data;
  }
  s->close();
  if (got == line) ++ok;
}

}  // namespace

TEST(SessionAsync, ManyConnectionsPlainAndTlsOnOneEventLoop) {
  // A server accepts while every client connects, handshakes and echoes at once: the order of the
  // operations on the loop is arbitrary, and no operation blocks another.
  constexpr int count = 200;
  asio::io_context io{1};
  as::tcp::acceptor acceptor(io);
  ASSERT_TRUE(as::listen(acceptor, "127.0.0.1", 0));
  std::uint16_t const port = acceptor.local_endpoint().port();
  asio::co_spawn(io, serve(acceptor, count, true), asio::detached);
  int ok = 0;
  for (int i = 0; i < count; ++i) asio::co_spawn(io, client(port, i, i % 10 == 0, ok), asio::detached);
  auto const start = ms::clock::now();
  while (ok < count && ms::clock::now() - start < 30s && io.run_one_for(1s) > 0) {
  }
  EXPECT_EQ(ok, count);
}

TEST(SessionAsync, WriteTimeoutLeavesThePendingReadAlone) {
  // The server's read times out and stays pending; then a write to a client that does not read times
  // out too. Cancelling that write alone must leave the read in flight: the client's next octets arrive.
  asio::io_context io{1};
  as::tcp::acceptor acceptor(io);
  ASSERT_TRUE(as::listen(acceptor, "127.0.0.1", 0));
  auto server = as::stream::create(io.get_executor(), ms::role::server, nullptr, "server");
  auto peer = as::stream::create(io.get_executor(), ms::role::client, nullptr, "client");
  bool finished = false;
  auto body = [&]() -> asio::awaitable<void> {
    auto accepting = as::accept(acceptor, *server, in(5s));
    ms::io_result r = co_await as::connect(*peer, "127.0.0.1", acceptor.local_endpoint().port(), in(5s));
    EXPECT_TRUE(r) << r.message;
    r = co_await std::move(accepting);
    EXPECT_TRUE(r) << r.message;
    r = co_await server->read_some(in(50ms));
    EXPECT_EQ(r.status, ms::io_status::timeout);
    std::string const flood(64 << 20, 'x');  // far more than the socket buffers hold
    r = co_await server->write(flood, in(300ms));
    EXPECT_EQ(r.status, ms::io_status::timeout) << r.message;
    r = co_await peer->write("still reading?\r\n", in(5s));
    EXPECT_TRUE(r) << r.message;
    r = co_await server->read_some(in(5s));
    EXPECT_EQ(r.data, "still reading?\r\n") << r.message;
    finished = true;
  };
  asio::co_spawn(io, body(), asio::detached);
  io.run_for(20s);
  EXPECT_TRUE(finished);
}
