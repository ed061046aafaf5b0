// The session layer in both roles, on 127.0.0.1 only: the synchronous facade, each side of a test on its
// own thread with its own io_context as the harness runs one case per thread; then the async layer with
// many connections on one event loop. Every operation has a deadline of a few seconds, so a broken test
// fails instead of hanging. (One translation unit for both: each one that includes Asio costs ~7 s.)
#include "session/async.hpp"
// (async.hpp includes prelude.hpp first)
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <string>
#include <thread>

#include "session/certs.hpp"
#include "session/connection.hpp"
#include "session/listener.hpp"

namespace ms = mailspec::session;
namespace as = mailspec::session::async;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

ms::clock::time_point in(std::chrono::milliseconds d) { return ms::clock::now() + d; }

/// The generated CA and server certificate, once per test run, removed at the end.
class cert_environment : public ::testing::Environment {
 public:
  static ms::cert_files const& files() { return files_; }
  void SetUp() override {
    char tmpl[] = "/tmp/mailspec-session-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    files_ = ms::generate_certs(dir_ + "/tls");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

 private:
  std::string dir_;
  static inline ms::cert_files files_;
};

[[maybe_unused]] auto* const certs_env = ::testing::AddGlobalTestEnvironment(new cert_environment);

ms::tls_server_options server_tls() {
  return {cert_environment::files().cert_file, cert_environment::files().key_file};
}

ms::tls_options client_tls(bool with_ca, std::string server_name = {}) {
  ms::tls_options o;
  o.verify = true;
  if (with_ca) o.cafile = cert_environment::files().ca_file;
  o.server_name = std::move(server_name);
  return o;
}

/// Reads up to and including the next LF, one octet at a time so that whatever follows stays buffered
/// in the connection (the STARTTLS tests need the injected octets left there).
std::string read_line(ms::connection& c, ms::clock::time_point deadline) {
  std::string line;
  while (line.empty() || line.back() != '\n') {
    auto r = c.read_some(deadline, 1);
    if (!r) return line + "<" + r.message + ">";
    line += r.data;
  }
  return line;
}

/// Reads until `n` octets have arrived (or the deadline passes).
std::string read_n(ms::connection& c, std::size_t n, ms::clock::time_point deadline) {
  std::string out;
  while (out.size() < n) {
    auto r = c.read_some(deadline, n - out.size());
    if (!r) return out + "<" + r.message + ">";
    out += r.data;
  }
  return out;
}

/// The server side of a test: its own thread and io_context, a listener on 127.0.0.1 port 0, one
/// accepted connection handed to `body` with the server transcript.
class server_thread {
 public:
  using body_fn = std::function<void(ms::connection&)>;
  explicit server_thread(body_fn body, std::chrono::milliseconds accept_within = 5s) {
    std::promise<std::uint16_t> bound;
    auto port = bound.get_future();
    thread_ = std::thread([this, body = std::move(body), accept_within, bound = std::move(bound)]() mutable {
      ms::io_context io;
      ms::io_result r;
      auto l = ms::listener::open(io, "127.0.0.1", 0, r);
      bound.set_value(l ? l->port() : 0);
      if (!l) return;
      auto c = l->accept(in(accept_within), &transcript, "client-under-test", r);
      accepted = r;
      if (c) body(*c);
    });
    port_ = port.get();
  }
  ~server_thread() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port() const { return port_; }

  ms::transcript transcript;
  ms::io_result accepted;

 private:
  std::thread thread_;
  std::uint16_t port_ = 0;
};

struct client_side {
  ms::io_context io;
  ms::transcript transcript;
  std::unique_ptr<ms::connection> conn;
  ms::io_result opened;
  explicit client_side(std::uint16_t port) {
    conn = ms::connection::open(io, "127.0.0.1", port, in(5s), &transcript, "to-server", opened);
  }
};

std::string notes_of(ms::transcript const& t) {
  std::string all;
  for (auto const& e : t.entries()) {
    if (e.dir == ms::direction::note) all += e.data + "\n";
  }
  return all;
}

}  // namespace

TEST(SessionListener, RoundTripOnLoopbackWithServerRoleTranscript) {
  server_thread server([](ms::connection& c) {
    EXPECT_EQ(c.side(), ms::role::server);
    EXPECT_TRUE(c.write("220 ready\r\n", in(5s)));
    EXPECT_EQ(read_line(c, in(5s)), "HELO test\r\n");
    EXPECT_TRUE(c.write("221 bye\r\n", in(5s)));
    c.close();
  });
  ASSERT_NE(server.port(), 0);
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  EXPECT_EQ(client.conn->side(), ms::role::client);
  EXPECT_EQ(read_line(*client.conn, in(5s)), "220 ready\r\n");
  ASSERT_TRUE(client.conn->write("HELO test\r\n", in(5s)));
  EXPECT_EQ(read_line(*client.conn, in(5s)), "221 bye\r\n");
  auto r = client.conn->read_some(in(5s));
  EXPECT_EQ(r.status, ms::io_status::eof) << r.message;
  server.join();
  ASSERT_TRUE(server.accepted) << server.accepted.message;

  // Both transcripts name octets by their sender's role: the client's HELO is "c", the replies "s".
  // (read_line reads one octet at a time: received octets more than 1 ms apart are separate entries,
  // so runs of one direction are joined here.)
  auto const flat = [](ms::transcript const& t) {
    std::string wire;
    char last = 0;
    for (auto const& e : t.entries()) {
      char const dir = static_cast<char>(e.dir);
      if (dir != last || dir == 'i') wire += std::string(wire.empty() ? "" : "|") + dir + ":";
      wire += e.data;
      last = dir;
    }
    return wire + "|";
  };
  std::string const on_server = flat(server.transcript);
  EXPECT_EQ(on_server.rfind("i:accepted connection from 127.0.0.1:", 0), 0u) << on_server;
  EXPECT_NE(on_server.find("|s:220 ready\r\n|c:HELO test\r\n|s:221 bye\r\n|i:server closed the connection|"),
            std::string::npos) << on_server;
  std::string const on_client = flat(client.transcript);
  EXPECT_EQ(on_client, "i:connected to 127.0.0.1:" + std::to_string(server.port()) +
                           "|s:220 ready\r\n|c:HELO test\r\n|s:221 bye\r\n|i:peer closed the connection|");
}

TEST(SessionListener, AcceptedConnectionMovesToTheCaseThatAnswersIt) {
  // A serve loop accepts on its own io_context and hands the connection to a case on another thread,
  // with the case's io_context and transcript, while it goes on accepting.
  std::promise<std::uint16_t> bound;
  std::promise<std::unique_ptr<ms::connection>> handed;
  ms::transcript loop_tr, case_tr;
  std::thread serve_loop([&] {
    ms::io_context io;
    ms::io_result r;
    auto l = ms::listener::open(io, "127.0.0.1", 0, r);
    bound.set_value(l ? l->port() : 0);
    if (!l) return;
    handed.set_value(l->accept(in(5s), &loop_tr, "client-under-test", r));
    auto nobody = l->accept(in(300ms), &loop_tr, "nobody", r);
    EXPECT_EQ(r.status, ms::io_status::timeout);
  });
  std::thread case_thread([&, accepted = handed.get_future()]() mutable {
    ms::io_context io;
    auto c = accepted.get();
    ASSERT_TRUE(c);
    auto moved = c->move_to(io, &case_tr);
    ASSERT_TRUE(moved) << moved.message;
    EXPECT_TRUE(c->write("220 ready\r\n", in(5s)));
    EXPECT_EQ(read_line(*c, in(5s)), "STARTTLS\r\n");
    EXPECT_TRUE(c->write("220 go ahead\r\n", in(5s)));
    auto t = c->start_tls(server_tls(), in(5s));
    ASSERT_TRUE(t) << t.message;
    EXPECT_EQ(read_line(*c, in(5s)), "EHLO secure\r\n");
  });
  std::uint16_t const port = bound.get_future().get();
  ASSERT_NE(port, 0);
  client_side client(port);
  ASSERT_TRUE(client.conn) << client.opened.message;
  auto& c = *client.conn;
  EXPECT_EQ(read_line(c, in(5s)), "220 ready\r\n");
  ASSERT_TRUE(c.write("STARTTLS\r\n", in(5s)));
  EXPECT_EQ(read_line(c, in(5s)), "220 go ahead\r\n");
  ASSERT_TRUE(c.start_tls(client_tls(true), in(5s)));
  ASSERT_TRUE(c.write("EHLO secure\r\n", in(5s)));
  case_thread.join();
  serve_loop.join();
  EXPECT_NE(notes_of(loop_tr).find("accepted connection from 127.0.0.1:"), std::string::npos);
  std::string const notes = notes_of(case_tr);
  EXPECT_EQ(notes.rfind("connection handed over to this event loop (peer 127.0.0.1:", 0), 0u) << notes;
  EXPECT_NE(notes.find("TLS established"), std::string::npos) << notes;
}

TEST(SessionListener, AdoptedConnectionRecordsIntoTheCaseTranscript) {
  // `mailspec serve` accepts with no transcript, does implicit TLS, then the case adopts the connection
  // on the same thread and records into its own transcript from then on.
  ms::transcript case_tr;
  std::thread server([&] {
    ms::io_context io;
    ms::io_result r;
    auto l = ms::listener::open(io, "127.0.0.1", 0, r);
    ASSERT_TRUE(l) << r.message;
    std::thread client([port = l->port()] {
      client_side c(port);
      ASSERT_TRUE(c.conn) << c.opened.message;
      ASSERT_TRUE(c.conn->start_tls(client_tls(true), in(5s)));
      EXPECT_EQ(read_line(*c.conn, in(5s)), "220 ready\r\n");
      EXPECT_TRUE(c.conn->write("QUIT\r\n", in(5s)));
    });
    auto c = l->accept(in(5s), nullptr, "main", r);
    ASSERT_TRUE(c) << r.message;
    EXPECT_TRUE(c->start_tls(server_tls(), in(5s)));
    c->set_transcript(&case_tr);
    EXPECT_TRUE(c->write("220 ready\r\n", in(5s)));
    EXPECT_EQ(read_line(*c, in(5s)), "QUIT\r\n");
    client.join();
  });
  server.join();
  std::string wire;
  char last = 0;
  for (auto const& e : case_tr.entries()) {  // QUIT was read one octet at a time: runs are joined here
    if (static_cast<char>(e.dir) != last) wire += static_cast<char>(e.dir);
    last = static_cast<char>(e.dir);
    wire += e.data;
  }
  EXPECT_EQ(wire, "s220 ready\r\ncQUIT\r\niserver closed the connection") << wire;
}

TEST(SessionListener, AcceptDeadlinePassesIsTimeout) {
  ms::io_context io;
  ms::io_result r;
  auto l = ms::listener::open(io, "", 0, r);
  ASSERT_TRUE(l) << r.message;
  EXPECT_EQ(l->host(), "127.0.0.1");
  EXPECT_NE(l->port(), 0);
  auto const start = ms::clock::now();
  auto c = l->accept(in(200ms), nullptr, "nobody", r);
  auto const took = ms::clock::now() - start;
  EXPECT_FALSE(c);
  EXPECT_EQ(r.status, ms::io_status::timeout) << r.message;
  EXPECT_GE(took, 190ms);
  EXPECT_LT(took, 3s);
}

TEST(SessionListener, RefusesAHostThatIsNotAnAddress) {
  ms::io_context io;
  ms::io_result r;
  EXPECT_FALSE(ms::listener::open(io, "mail.example", 0, r));
  EXPECT_EQ(r.status, ms::io_status::error);
}

TEST(SessionCerts, WritesCaCertAndPrivateKeyWithSubjectAltNames) {
  auto const& f = cert_environment::files();
  struct stat st {};
  ASSERT_EQ(::stat(f.key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  FILE* fp = std::fopen(f.cert_file.c_str(), "r");
  ASSERT_NE(fp, nullptr);
  X509* cert = PEM_read_X509(fp, nullptr, nullptr, nullptr);
  std::fclose(fp);
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(X509_check_host(cert, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "::1", 0), 1);
  EXPECT_NE(X509_check_host(cert, "example.org", 0, 0, nullptr), 1);
  X509_free(cert);
}

TEST(SessionTls, ImplicitTlsServerRoleVerifiedByTheGeneratedCa) {
  std::size_t const contexts_before = ms::tls_server_contexts_made();
  for (int round = 0; round < 2; ++round) {  // the second round reuses the server TLS context
    server_thread server([](ms::connection& c) {
      auto t = c.start_tls(server_tls(), in(5s));
      ASSERT_TRUE(t) << t.message;
      EXPECT_TRUE(c.tls().active);
      EXPECT_EQ(c.tls().sni, "localhost");
      EXPECT_EQ(read_line(c, in(5s)), "EHLO over tls\r\n");
      EXPECT_TRUE(c.write("250 fine\r\n", in(5s)));
    });
    client_side client(server.port());
    ASSERT_TRUE(client.conn) << client.opened.message;
    auto t = client.conn->start_tls(client_tls(true, "localhost"), in(5s));
    ASSERT_TRUE(t) << t.message;
    EXPECT_TRUE(client.conn->tls().verified);
    EXPECT_NE(client.conn->tls().peer_subject.find("CN=localhost"), std::string::npos);
    ASSERT_TRUE(client.conn->write("EHLO over tls\r\n", in(5s)));
    EXPECT_EQ(read_line(*client.conn, in(5s)), "250 fine\r\n");
    server.join();
    EXPECT_NE(notes_of(server.transcript).find("client sent SNI localhost"), std::string::npos);
  }
  EXPECT_LE(ms::tls_server_contexts_made() - contexts_before, 1u);
}

TEST(SessionTls, ClientVerifiesTheIpSubjectAltName) {
  server_thread server([](ms::connection& c) {
    auto t = c.start_tls(server_tls(), in(5s));
    ASSERT_TRUE(t) << t.message;
    EXPECT_EQ(c.tls().sni, "");  // RFC 6066: no SNI for an address
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  auto t = client.conn->start_tls(client_tls(true), in(5s));  // host 127.0.0.1: checked against the IP SAN
  EXPECT_TRUE(t) << t.message;
  EXPECT_TRUE(client.conn->tls().verified);
}

TEST(SessionTls, VerificationFailsWithoutTheCa) {
  server_thread server([](ms::connection& c) {
    auto t = c.start_tls(server_tls(), in(5s));
    EXPECT_EQ(t.status, ms::io_status::error);  // the client aborts with an alert
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  auto t = client.conn->start_tls(client_tls(false), in(5s));
  EXPECT_EQ(t.status, ms::io_status::error);
  EXPECT_NE(t.message.find("certificate"), std::string::npos) << t.message;
  EXPECT_FALSE(client.conn->tls().verified);
}

TEST(SessionTls, MissingServerCertificateIsAnError) {
  server_thread server([](ms::connection& c) {
    auto t = c.start_tls(ms::tls_server_options{"/nonexistent/cert.pem", "/nonexistent/key.pem"}, in(5s));
    EXPECT_EQ(t.status, ms::io_status::error);
    EXPECT_NE(t.message.find("cannot load certificate"), std::string::npos) << t.message;
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  server.join();
}

// STARTTLS with the harness on both ends. The client sends a command right behind its STARTTLS line
// (CVE-2011-0411 injection); the server has read only the STARTTLS line, so the injected octets sit in
// its buffer: they must be discarded, never read as TLS data. The same for the server's go-ahead.
TEST(SessionStartTls, BothRolesUpgradeAndDiscardInjectedPlaintext) {
  std::string const injected_by_client = "MAIL FROM:<evil@example>\r\n";
  std::string const injected_by_server = "250 injected\r\n";
  server_thread server([&](ms::connection& c) {
    EXPECT_EQ(read_line(c, in(5s)), "EHLO plain\r\n");
    EXPECT_TRUE(c.write("250-hi\r\n250 STARTTLS\r\n", in(5s)));
    EXPECT_EQ(read_line(c, in(5s)), "STARTTLS\r\n");
    EXPECT_TRUE(c.write("220 go ahead\r\n" + injected_by_server, in(5s)));
    auto t = c.start_tls(server_tls(), in(5s));
    ASSERT_TRUE(t) << t.message;
    EXPECT_EQ(read_line(c, in(5s)), "EHLO secure\r\n");  // not the injected MAIL FROM
    EXPECT_TRUE(c.write("250 secure\r\n", in(5s)));
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  auto& c = *client.conn;
  ASSERT_TRUE(c.write("EHLO plain\r\n", in(5s)));
  EXPECT_EQ(read_n(c, 22, in(5s)), "250-hi\r\n250 STARTTLS\r\n");
  ASSERT_TRUE(c.write("STARTTLS\r\n" + injected_by_client, in(5s)));  // one write: one segment
  EXPECT_EQ(read_line(c, in(5s)), "220 go ahead\r\n");
  auto t = c.start_tls(client_tls(true, "localhost"), in(5s));
  ASSERT_TRUE(t) << t.message;
  ASSERT_TRUE(c.write("EHLO secure\r\n", in(5s)));
  EXPECT_EQ(read_line(c, in(5s)), "250 secure\r\n");
  server.join();

  auto const discarded = [](std::size_t n) {
    return "discarded " + std::to_string(n) + " octets received before the TLS handshake";
  };
  EXPECT_NE(notes_of(server.transcript).find(discarded(injected_by_client.size())), std::string::npos)
      << notes_of(server.transcript);
  EXPECT_NE(notes_of(client.transcript).find(discarded(injected_by_server.size())), std::string::npos)
      << notes_of(client.transcript);
}

TEST(SessionTls, ServerReadTimeoutThenWriteAndReadOnTheSameConnection) {
  std::promise<void> timed_out;
  auto server_timed_out = timed_out.get_future();
  server_thread server([&](ms::connection& c) {
    auto t = c.start_tls(server_tls(), in(5s));
    ASSERT_TRUE(t) << t.message;
    auto r = c.read_some(in(200ms));
    EXPECT_EQ(r.status, ms::io_status::timeout) << r.message;
    timed_out.set_value();
    EXPECT_TRUE(c.write("220 still here\r\n", in(5s)));
    EXPECT_EQ(read_line(c, in(5s)), "QUIT\r\n");
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  ASSERT_TRUE(client.conn->start_tls(client_tls(true), in(5s)));
  ASSERT_EQ(server_timed_out.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(read_line(*client.conn, in(5s)), "220 still here\r\n");
  ASSERT_TRUE(client.conn->write("QUIT\r\n", in(5s)));
  server.join();
}

TEST(SessionTls, GarbageInsteadOfClientHelloIsAHandshakeError) {
  server_thread server([](ms::connection& c) {
    auto const start = ms::clock::now();
    auto t = c.start_tls(server_tls(), in(5s));
    EXPECT_EQ(t.status, ms::io_status::error) << t.message;
    EXPECT_LT(ms::clock::now() - start, 3s);
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  ASSERT_TRUE(client.conn->write("EHLO this is not a ClientHello\r\n", in(5s)));
  server.join();
  EXPECT_NE(notes_of(server.transcript).find("TLS handshake failed"), std::string::npos);
}

TEST(SessionTls, SilentClientIsAHandshakeTimeout) {
  std::promise<void> done;
  auto server_done = done.get_future();
  server_thread server([&](ms::connection& c) {
    auto t = c.start_tls(server_tls(), in(200ms));
    EXPECT_EQ(t.status, ms::io_status::timeout) << t.message;
    done.set_value();
  });
  client_side client(server.port());
  ASSERT_TRUE(client.conn) << client.opened.message;
  EXPECT_EQ(server_done.wait_for(5s), std::future_status::ready);
  server.join();
}

// ---- The async layer: many streams on one event loop ----

namespace {

/// Echoes what the client sends until it closes. (Results go to named variables: GCC 12 destroys some
/// temporaries of a co_await inside an `if` condition twice.)
asio::awaitable<void> echo(std::shared_ptr<as::stream> s, bool tls) {
  if (tls) {
    ms::tls_server_options const options{cert_environment::files().cert_file, cert_environment::files().key_file};
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
    o.cafile = cert_environment::files().ca_file;
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
