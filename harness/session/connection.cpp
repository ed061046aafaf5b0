#include "prelude.hpp"
// (prelude first: it must precede every other Asio include)
#include "session/connection.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <array>
#include <map>
#include <mutex>
#include <utility>
#include <optional>

namespace mailspec::session {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

struct io_context::impl {
  asio::io_context ioc{1};
};

io_context::io_context() : impl_(std::make_unique<impl>()) {}
io_context::~io_context() = default;

struct connection::impl {
  explicit impl(asio::io_context& c) : ioc(c), sock(c) {}
  asio::io_context& ioc;
  tcp::socket sock;
  std::shared_ptr<ssl::context> ssl_ctx;  // shared by every connection of the run with the same options
  std::unique_ptr<ssl::stream<tcp::socket&>> tls;
  transcript* tr = nullptr;
  std::string name;
  tls_info info;
  bool open = true;
  std::string host;
  // One persistent reader per connection: a read that outlives its deadline stays pending and its octets
  // arrive in `inbox` for the next read_some. A timeout never cancels a read, so a TLS stream is never
  // cut off in the middle of a record (the `silence` matcher times out by design).
  std::string inbox;
  bool reading = false;
  error_code read_ec;  // sticky: eof, reset or failure of the last read
  std::array<char, 16 * 1024> rbuf{};

  void start_reader();
  /// Runs the case's io_context until no read is outstanding (after a cancel or close).
  void drain() {
    ioc.restart();
    while (reading && ioc.run_one() > 0) {
    }
  }

  void note(std::string_view text) const {
    if (tr) tr->add(direction::note, name, text);
  }
};

namespace {

// Runs one coroutine to completion on the case's io_context (other work, such as a connection's pending
// reader, may run meanwhile and stays pending afterwards). A timer at `deadline` calls `cancel`, which
// aborts the operation under way, and the result says timeout. Used for connect, write and handshake;
// reads go through the persistent reader instead and are never cancelled by a deadline. The coroutine
// itself never throws for I/O results (as_tuple); an escaping exception is a harness bug.
template <class T, class Cancel>
T run_until(asio::io_context& ioc, clock::time_point deadline, asio::awaitable<T> op, Cancel cancel, bool& timed_out) {
  timed_out = false;
  std::optional<T> out;
  std::exception_ptr failure;
  bool done = false, timer_done = false;
  asio::steady_timer timer(ioc, deadline);
  timer.async_wait([&](error_code ec) {
    timer_done = true;
    if (!ec && !done) {
      timed_out = true;
      cancel();
    }
  });
  asio::co_spawn(ioc, std::move(op), [&](std::exception_ptr e, T value) {
    failure = e;
    out = std::move(value);
    done = true;
    timer.cancel();
  });
  ioc.restart();
  while ((!done || !timer_done) && ioc.run_one() > 0) {
  }
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

bool is_eof(error_code const& ec) {
  return ec == asio::error::eof || ec == ssl::error::stream_truncated;
}

std::string describe(error_code const& ec) {
  if (ec.category() == asio::error::get_ssl_category()) {
    char buf[256];
    ERR_error_string_n(static_cast<unsigned long>(ec.value()), buf, sizeof buf);
    return std::string("TLS: ") + buf;
  }
  return ec.message();
}

io_result failed(io_status s, std::string message) {
  io_result r;
  r.status = s;
  r.message = std::move(message);
  return r;
}

asio::awaitable<error_code> connect_op(tcp::socket& sock, tcp::resolver& resolver, std::string host, std::string port) {
  auto [rec, endpoints] = co_await resolver.async_resolve(host, port, asio::as_tuple(asio::use_awaitable));
  if (rec) co_return rec;
  auto [cec, ep] = co_await asio::async_connect(sock, endpoints, asio::as_tuple(asio::use_awaitable));
  (void)ep;
  co_return cec;
}

template <class Stream>
asio::awaitable<void> reader_op(Stream& s, connection::impl* p) {
  auto [ec, n] = co_await s.async_read_some(asio::buffer(p->rbuf), asio::as_tuple(asio::use_awaitable));
  p->inbox.append(p->rbuf.data(), n);
  if (ec && ec != asio::error::operation_aborted) p->read_ec = ec;
  p->reading = false;
}

template <class Stream>
asio::awaitable<std::pair<error_code, std::size_t>> read_op(Stream& s, asio::mutable_buffer buf) {
  auto [ec, n] = co_await s.async_read_some(buf, asio::as_tuple(asio::use_awaitable));
  co_return std::pair{ec, n};
}

template <class Stream>
asio::awaitable<error_code> write_op(Stream& s, asio::const_buffer buf) {
  auto [ec, n] = co_await asio::async_write(s, buf, asio::as_tuple(asio::use_awaitable));
  (void)n;
  co_return ec;
}

asio::awaitable<error_code> handshake_op(ssl::stream<tcp::socket&>& s) {
  auto [ec] = co_await s.async_handshake(ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
  co_return ec;
}

bool is_ip_literal(std::string const& host) {
  error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

std::string subject_of(SSL* ssl) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) return {};
  char buf[512];
  X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf);
  X509_free(cert);
  return buf;
}

}  // namespace

void connection::impl::start_reader() {
  reading = true;
  if (tls) {
    asio::co_spawn(ioc, reader_op(*tls, this), asio::detached);
  } else {
    asio::co_spawn(ioc, reader_op(sock, this), asio::detached);
  }
}

namespace {

std::mutex contexts_lock;
std::size_t contexts_made = 0;

}  // namespace

/// One client TLS context per (verify, CA file) for the whole process: loading the system trust store
/// takes milliseconds, a handshake should not pay it. OpenSSL lets many connections share one SSL_CTX
/// once it is set up; the contexts are never changed after that.
static std::shared_ptr<ssl::context> client_context(tls_options const& options, std::string& why) {
  static std::map<std::pair<bool, std::string>, std::shared_ptr<ssl::context>> contexts;
  std::lock_guard<std::mutex> g(contexts_lock);
  auto& slot = contexts[{options.verify, options.cafile}];
  if (slot) return slot;
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  error_code ec;
  ctx->set_default_verify_paths(ec);
  if (!options.cafile.empty()) {
    ctx->load_verify_file(options.cafile, ec);
    if (ec) {
      why = "cannot load CA file " + options.cafile + ": " + describe(ec);
      return nullptr;
    }
  }
  ctx->set_verify_mode(options.verify ? ssl::verify_peer : ssl::verify_none);
  ++contexts_made;
  slot = std::move(ctx);
  return slot;
}

std::size_t tls_contexts_made() {
  std::lock_guard<std::mutex> g(contexts_lock);
  return contexts_made;
}

connection::connection(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
connection::~connection() { close(); }

std::unique_ptr<connection> connection::open(io_context& ctx, std::string const& host, std::uint16_t port,
                                             clock::time_point deadline, transcript* tr, std::string name,
                                             io_result& result) {
  auto p = std::make_unique<impl>(ctx.get().ioc);
  p->tr = tr;
  p->name = std::move(name);
  p->host = host;
  tcp::resolver resolver(p->ioc);
  bool timed_out = false;
  auto& sock = p->sock;
  error_code ec = run_until(p->ioc, deadline, connect_op(sock, resolver, host, std::to_string(port)),
                            [&] {
                              resolver.cancel();
                              error_code ignored;
                              sock.close(ignored);
                            },
                            timed_out);
  std::string const where = host + ":" + std::to_string(port);
  if (timed_out) {
    result = failed(io_status::timeout, "connect to " + where + " timed out");
    return nullptr;
  }
  if (ec) {
    result = failed(io_status::error, "cannot connect to " + where + ": " + ec.message());
    return nullptr;
  }
  error_code ignored;
  sock.set_option(tcp::no_delay(true), ignored);
  p->note("connected to " + where);
  result = {};
  return std::unique_ptr<connection>(new connection(std::move(p)));
}

io_result connection::write(std::string_view bytes, clock::time_point deadline, std::string_view shown) {
  auto& p = *impl_;
  if (!p.open) return failed(io_status::error, "write on a closed connection");
  if (p.tr) p.tr->add(direction::client, p.name, shown.empty() ? bytes : shown);
  bool timed_out = false;
  auto cancel = [&] {
    error_code ignored;
    p.sock.cancel(ignored);
  };
  auto buf = asio::buffer(bytes.data(), bytes.size());
  error_code ec = p.tls ? run_until(p.ioc, deadline, write_op(*p.tls, buf), cancel, timed_out)
                        : run_until(p.ioc, deadline, write_op(p.sock, buf), cancel, timed_out);
  if (timed_out) return failed(io_status::timeout, "write timed out (peer not reading)");
  if (is_eof(ec) || ec == asio::error::broken_pipe || ec == asio::error::connection_reset) {
    return failed(io_status::eof, "peer closed the connection during write (" + ec.message() + ")");
  }
  if (ec) return failed(io_status::error, "write failed: " + describe(ec));
  return {};
}

io_result connection::read_some(clock::time_point deadline, std::size_t max) {
  auto& p = *impl_;
  if (!p.open) return failed(io_status::eof, "connection already closed");
  if (p.inbox.empty() && !p.read_ec) {
    if (!p.reading) p.start_reader();
    p.ioc.restart();
    while (p.reading && clock::now() < deadline && p.ioc.run_one_until(deadline) > 0) {
    }
  }
  if (!p.inbox.empty()) {
    std::size_t const n = std::min(max, p.inbox.size());
    io_result r;
    r.data = p.inbox.substr(0, n);
    p.inbox.erase(0, n);
    if (p.tr) p.tr->add(direction::server, p.name, r.data);
    return r;
  }
  if (p.reading) return failed(io_status::timeout, "no data before the deadline");  // the read stays pending
  error_code const ec = p.read_ec;
  if (is_eof(ec)) {
    p.note("peer closed the connection");
    p.open = false;
    return failed(io_status::eof, "peer closed the connection");
  }
  if (ec == asio::error::connection_reset) {
    p.note("connection reset by peer");
    p.open = false;
    return failed(io_status::eof, "connection reset by peer");
  }
  if (!ec) return failed(io_status::timeout, "no data before the deadline");
  return failed(io_status::error, "read failed: " + describe(ec));
}

io_result connection::start_tls(tls_options const& options, clock::time_point deadline) {
  auto& p = *impl_;
  if (p.tls) return failed(io_status::error, "TLS is already active on this connection");
  if (p.reading) {  // a plaintext read still pending: stop it, so that the handshake owns the socket
    error_code ignored;
    p.sock.cancel(ignored);
    p.drain();
  }
  if (!p.inbox.empty()) {  // received before the handshake: never part of the TLS session (CVE-2011-0411)
    p.note("discarded " + std::to_string(p.inbox.size()) + " octets received before the TLS handshake");
    p.inbox.clear();
  }
  std::string setup_error;
  p.ssl_ctx = client_context(options, setup_error);
  if (!p.ssl_ctx) return failed(io_status::error, setup_error);
  p.tls = std::make_unique<ssl::stream<tcp::socket&>>(p.sock, *p.ssl_ctx);
  SSL* ssl = p.tls->native_handle();
  std::string const name = options.server_name.empty() ? p.host : options.server_name;
  if (!is_ip_literal(name)) SSL_set_tlsext_host_name(ssl, name.c_str());
  if (options.verify) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (is_ip_literal(name)) {
      X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
    } else {
      X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
    }
  }
  bool timed_out = false;
  error_code ec = run_until(p.ioc, deadline, handshake_op(*p.tls), [&] {
    error_code ignored;
    p.sock.cancel(ignored);
  }, timed_out);
  if (timed_out) return failed(io_status::timeout, "TLS handshake timed out");
  if (ec) {
    std::string why = describe(ec);
    long const vr = SSL_get_verify_result(ssl);
    if (vr != X509_V_OK) why += " (certificate: " + std::string(X509_verify_cert_error_string(vr)) + ")";
    p.note("TLS handshake failed: " + why);
    return failed(io_status::error, "TLS handshake failed: " + why);
  }
  p.info.active = true;
  p.info.version = SSL_get_version(ssl);
  p.info.cipher = SSL_get_cipher_name(ssl);
  p.info.peer_subject = subject_of(ssl);
  p.info.verified = options.verify && SSL_get_verify_result(ssl) == X509_V_OK;
  p.note("TLS established: " + p.info.version + " " + p.info.cipher + (p.info.verified ? ", verified" : ", not verified"));
  return {};
}

void connection::close() {
  if (!impl_ || (!impl_->open && !impl_->reading)) return;
  bool const was_open = impl_->open;
  impl_->open = false;
  error_code ignored;
  if (was_open) impl_->sock.shutdown(tcp::socket::shutdown_both, ignored);
  impl_->sock.close(ignored);
  impl_->drain();  // the pending reader refers to this connection: let it finish first
  if (was_open) impl_->note("client closed the connection");
}

tls_info const& connection::tls() const { return impl_->info; }
std::string const& connection::name() const { return impl_->name; }
bool connection::is_open() const { return impl_->open; }

}  // namespace mailspec::session
