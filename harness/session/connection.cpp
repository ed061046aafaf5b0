#include "session/async.hpp"
// (async.hpp includes prelude.hpp first)
#include "session/connection.hpp"
#include "session/fault.hpp"
#include "session/listener.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

// The session layer's only Asio translation unit: the natively asynchronous layer (async.hpp) and the
// synchronous facade over it (connection.hpp, listener.hpp). Each translation unit that includes Asio
// costs ~7 s of CPU just to parse it, more to generate coroutine code; two units for the layer cost
// ~8 s more CPU per clean build than one (measured), for no gain in wall time on 2 cores.

namespace mailspec::session {

namespace {

using async::asio::ssl::context;

std::mutex contexts_lock;
std::size_t client_contexts_made = 0;
std::size_t server_contexts_made = 0;

}  // namespace

std::size_t tls_contexts_made() {
  std::lock_guard<std::mutex> g(contexts_lock);
  return client_contexts_made;
}

std::size_t tls_server_contexts_made() {
  std::lock_guard<std::mutex> g(contexts_lock);
  return server_contexts_made;
}

namespace async {

namespace {

io_result failed(io_status s, std::string message) {
  io_result r;
  r.status = s;
  r.message = std::move(message);
  return r;
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

std::string endpoint_text(tcp::endpoint const& ep) {
  std::string const addr = ep.address().to_string();
  return (ep.address().is_v6() ? "[" + addr + "]" : addr) + ":" + std::to_string(ep.port());
}

/// One client TLS context per (verify, CA file) for the whole process: loading the system trust store
/// takes milliseconds, a handshake should not pay it. OpenSSL lets many connections share one SSL_CTX
/// once it is set up; the contexts are never changed after that.
std::shared_ptr<context> client_context(tls_options const& options, std::string& why) {
  static std::map<std::pair<bool, std::string>, std::shared_ptr<context>> contexts;
  std::lock_guard<std::mutex> g(contexts_lock);
  auto& slot = contexts[{options.verify, options.cafile}];
  if (slot) return slot;
  auto ctx = std::make_shared<context>(context::tls_client);
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
  ++client_contexts_made;
  slot = std::move(ctx);
  return slot;
}

/// One server TLS context per (certificate, key) for the whole process, for the same reasons: parsing
/// the PEM files and checking the key once, not at every accepted connection.
std::shared_ptr<context> server_context(tls_server_options const& options, std::string& why) {
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<context>> contexts;
  std::lock_guard<std::mutex> g(contexts_lock);
  auto& slot = contexts[{options.cert_file, options.key_file}];
  if (slot) return slot;
  auto ctx = std::make_shared<context>(context::tls_server);
  error_code ec;
  ctx->use_certificate_chain_file(options.cert_file, ec);
  if (ec) {
    why = "cannot load certificate " + options.cert_file + ": " + describe(ec);
    return nullptr;
  }
  ctx->use_private_key_file(options.key_file, context::pem, ec);
  if (ec) {
    why = "cannot load private key " + options.key_file + ": " + describe(ec);
    return nullptr;
  }
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
    why = "private key " + options.key_file + " does not match certificate " + options.cert_file;
    return nullptr;
  }
  ++server_contexts_made;
  slot = std::move(ctx);
  return slot;
}

}  // namespace

deadline_guard::deadline_guard(asio::any_io_executor ex, clock::time_point at)
    : state_(std::make_shared<state>(std::move(ex))) {
  state_->timer.expires_at(at);
  state_->timer.async_wait([s = state_](error_code ec) {
    if (ec || s->done) return;
    s->expired = true;
    s->signal.emit(asio::cancellation_type::terminal);
  });
}

bool deadline_guard::finish() {
  if (!state_->done) {
    state_->done = true;
    state_->timer.cancel();
  }
  return state_->expired;
}

std::shared_ptr<stream> stream::create(asio::any_io_executor ex, role side, transcript* tr, std::string name) {
  return std::shared_ptr<stream>(new stream(std::move(ex), side, tr, std::move(name)));
}

stream::stream(asio::any_io_executor ex, role side, transcript* tr, std::string name)
    : sock_(std::in_place, ex), side_(side), tr_(tr), name_(std::move(name)), wake_(std::in_place, ex) {}

void stream::note(std::string_view text) const {
  if (tr_) tr_->add(direction::note, name_, text);
}

void stream::start_reader() {
  reading_ = true;
  // The handler owns the stream: dropping the stream while a read is pending is then safe.
  auto done = [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); };
  auto handler = asio::bind_cancellation_slot(stop_reader_.slot(), std::move(done));
  if (tls_) {
    tls_->async_read_some(asio::buffer(rbuf_), std::move(handler));
  } else {
    sock_->async_read_some(asio::buffer(rbuf_), std::move(handler));
  }
}

void stream::on_read(error_code ec, std::size_t n) {
  inbox_.append(rbuf_.data(), n);
  if (ec && ec != asio::error::operation_aborted) read_ec_ = ec;
  reading_ = false;
  wake_->cancel();
}

asio::awaitable<void> stream::wait_reader() {
  while (reading_) {
    wake_->expires_at(clock::time_point::max());
    co_await wake_->async_wait(use_tuple);
  }
}

asio::awaitable<io_result> stream::read_some(clock::time_point deadline, std::size_t max) {
  if (!open_) co_return failed(io_status::eof, "connection already closed");
  if (inbox_.empty() && !read_ec_) {
    if (!reading_) start_reader();
    // wake_ is cancelled when the read completes (or on close); expiring means the deadline passed.
    while (reading_ && open_ && clock::now() < deadline) {
      wake_->expires_at(deadline);
      co_await wake_->async_wait(use_tuple);
    }
  }
  co_return take(max);
}

io_result stream::take(std::size_t max) {
  if (!inbox_.empty()) {
    std::size_t const n = std::min(std::max<std::size_t>(max, 1), inbox_.size());
    io_result r;
    r.data = inbox_.substr(0, n);
    inbox_.erase(0, n);
    if (tr_) tr_->add(theirs(), name_, r.data, true);
    return r;
  }
  if (!open_) return failed(io_status::eof, "connection closed");
  if (reading_) return failed(io_status::timeout, "no data before the deadline");  // the read stays pending
  error_code const ec = read_ec_;
  if (is_eof(ec)) {
    note("peer closed the connection");
    open_ = false;
    return failed(io_status::eof, "peer closed the connection");
  }
  if (ec == asio::error::connection_reset) {
    note("connection reset by peer");
    open_ = false;
    return failed(io_status::eof, "connection reset by peer");
  }
  if (!ec) return failed(io_status::timeout, "no data before the deadline");
  return failed(io_status::error, "read failed: " + describe(ec));
}

asio::awaitable<io_result> stream::write(std::string_view bytes, clock::time_point at, std::string_view shown) {
  if (!open_) co_return failed(io_status::error, "write on a closed connection");
  if (reading_ && !tls_) {
    // A plaintext read left pending by a timeout would take in what the peer sends in answer to this
    // write (e.g. its TLS ClientHello after our STARTTLS go-ahead), and a handshake that follows would
    // discard it as sent before TLS. Stop it (that read alone; what it received stays in the inbox), so
    // that what comes after this write waits in the socket for the next read or the handshake.
    stop_reader_.emit(asio::cancellation_type::terminal);
    co_await wait_reader();
  }
  if (tr_) tr_->add(ours(), name_, shown.empty() ? bytes : shown, false);
  auto const buf = asio::buffer(bytes.data(), bytes.size());
  // co_await stays out of ?: and of if conditions in this layer: GCC 12 destroyed a temporary twice in
  // `if (!co_await f(T{...}))` (a test hit it under ASan); plain statements are safe.
  deadline_guard d(sock_->get_executor(), at);
  error_code ec;
  if (tls_) {
    std::tie(ec, std::ignore) = co_await asio::async_write(*tls_, buf, d.token());
  } else {
    std::tie(ec, std::ignore) = co_await asio::async_write(*sock_, buf, d.token());
  }
  if (d.finish() && ec) co_return failed(io_status::timeout, "write timed out (peer not reading)");
  if (is_eof(ec) || ec == asio::error::broken_pipe || ec == asio::error::connection_reset) {
    co_return failed(io_status::eof, "peer closed the connection during write (" + ec.message() + ")");
  }
  if (ec) co_return failed(io_status::error, "write failed: " + describe(ec));
  co_return io_result{};
}

asio::awaitable<io_result> stream::begin_tls() {
  if (tls_) co_return failed(io_status::error, "TLS is already active on this connection");
  if (!open_) co_return failed(io_status::error, "TLS handshake on a closed connection");
  if (reading_) {
    // A plaintext read still pending: stop it (that read alone), so that the handshake owns the socket.
    // Cutting a plaintext read loses nothing; what it had received is in the inbox.
    stop_reader_.emit(asio::cancellation_type::terminal);
    co_await wait_reader();
  }
  if (!inbox_.empty()) {
    // Received before the handshake: never part of the TLS session (CVE-2011-0411). On the server side
    // these are commands a client (or a man in the middle) sent after STARTTLS before the handshake.
    note("discarded " + std::to_string(inbox_.size()) + " octets received before the TLS handshake");
    inbox_.clear();
  }
  co_return io_result{};
}

asio::awaitable<io_result> stream::handshake(tls_options options, clock::time_point deadline) {
  io_result begun = co_await begin_tls();
  if (!begun) co_return begun;
  std::string setup_error;
  ssl_ctx_ = client_context(options, setup_error);
  if (!ssl_ctx_) co_return failed(io_status::error, setup_error);
  tls_ = std::make_unique<ssl::stream<tcp::socket&>>(*sock_, *ssl_ctx_);
  SSL* ssl = tls_->native_handle();
  std::string const name = options.server_name.empty() ? peer_name_ : options.server_name;
  bool const ip = is_ip_literal(name);
  if (!ip && !name.empty()) SSL_set_tlsext_host_name(ssl, name.c_str());  // RFC 6066: no SNI for addresses
  if (options.verify) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (ip) {
      X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
    } else {
      X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
    }
  }
  co_return co_await finish_handshake(ssl::stream_base::client, options.verify, deadline);
}

asio::awaitable<io_result> stream::handshake(tls_server_options options, clock::time_point deadline) {
  io_result begun = co_await begin_tls();
  if (!begun) co_return begun;
  std::string setup_error;
  ssl_ctx_ = server_context(options, setup_error);
  if (!ssl_ctx_) co_return failed(io_status::error, setup_error);
  tls_ = std::make_unique<ssl::stream<tcp::socket&>>(*sock_, *ssl_ctx_);
  co_return co_await finish_handshake(ssl::stream_base::server, false, deadline);
}

asio::awaitable<io_result> stream::finish_handshake(ssl::stream_base::handshake_type type, bool verify,
                                                    clock::time_point at) {
  deadline_guard d(sock_->get_executor(), at);
  auto const [ec] = co_await tls_->async_handshake(type, d.token());
  if (d.finish() && ec) co_return failed(io_status::timeout, "TLS handshake timed out");
  SSL* ssl = tls_->native_handle();
  if (ec) {
    std::string why = describe(ec);
    long const vr = SSL_get_verify_result(ssl);
    if (vr != X509_V_OK) why += " (certificate: " + std::string(X509_verify_cert_error_string(vr)) + ")";
    note("TLS handshake failed: " + why);
    co_return failed(io_status::error, "TLS handshake failed: " + why);
  }
  info_.active = true;
  info_.version = SSL_get_version(ssl);
  info_.cipher = SSL_get_cipher_name(ssl);
  info_.peer_subject = subject_of(ssl);
  info_.verified = verify && SSL_get_verify_result(ssl) == X509_V_OK;
  std::string text = "TLS established: " + info_.version + " " + info_.cipher;
  if (type == ssl::stream_base::client) {
    text += info_.verified ? ", verified" : ", not verified";
  } else {
    char const* sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    info_.sni = sni ? sni : "";
    text += sni ? ", client sent SNI " + info_.sni : ", client sent no SNI";
  }
  note(text);
  co_return io_result{};
}

void stream::close() {
  bool const was_open = open_;
  open_ = false;
  error_code ignored;
  if (was_open) sock_->shutdown(tcp::socket::shutdown_both, ignored);
  sock_->close(ignored);  // a pending read completes with operation_aborted; its handler owns the stream
  wake_->cancel();
  if (was_open) note(side_ == role::client ? "client closed the connection" : "server closed the connection");
}

io_result stream::rebind(asio::any_io_executor ex, transcript* tr) {
  if (tls_ || reading_) return failed(io_status::error, "cannot move a connection with TLS active or a read pending");
  error_code ec;
  std::string from;
  if (sock_->is_open()) {
    auto const local = sock_->local_endpoint(ec);
    if (auto const remote = sock_->remote_endpoint(ec); !ec) from = " (peer " + endpoint_text(remote) + ")";
    // release() takes the descriptor off the old loop without closing it; assign() puts it on the new one.
    auto const fd = sock_->release(ec);
    if (ec) return failed(io_status::error, "cannot move the connection: " + ec.message());
    sock_.emplace(ex);
    sock_->assign(local.protocol(), fd, ec);
    if (ec) {
      ::close(fd);
      open_ = false;
      return failed(io_status::error, "cannot move the connection: " + ec.message());
    }
  } else {
    sock_.emplace(ex);
  }
  wake_.emplace(ex);
  tr_ = tr;
  note("connection handed over to this event loop" + from);
  return {};
}

asio::awaitable<io_result> connect(stream& s, std::string host, std::uint16_t port, clock::time_point at) {
  std::string const where = host + ":" + std::to_string(port);
  std::vector<tcp::endpoint> endpoints;
  error_code ec;
  auto const literal = asio::ip::make_address(host, ec);
  if (!ec) {
    endpoints.emplace_back(literal, port);  // no resolver thread for an address (load mode opens thousands)
  } else {
    tcp::resolver resolver(s.socket().get_executor());
    std::string const service = std::to_string(port);
    deadline_guard d(s.socket().get_executor(), at);
    auto const [rec, results] = co_await resolver.async_resolve(host, service, d.token());
    if (d.finish()) co_return failed(io_status::timeout, "connect to " + where + " timed out");
    if (rec) co_return failed(io_status::error, "cannot connect to " + where + ": " + rec.message());
    for (auto const& entry : results) endpoints.push_back(entry.endpoint());
  }
  deadline_guard d(s.socket().get_executor(), at);
  auto const [cec, ep] = co_await asio::async_connect(s.socket(), endpoints, d.token());
  (void)ep;
  if (d.finish() && cec) {
    error_code ignored;
    s.socket().close(ignored);
    co_return failed(io_status::timeout, "connect to " + where + " timed out");
  }
  if (cec) co_return failed(io_status::error, "cannot connect to " + where + ": " + cec.message());
  error_code ignored;
  s.socket().set_option(tcp::no_delay(true), ignored);
  s.set_peer_name(host);
  s.note("connected to " + where);
  co_return io_result{};
}

io_result listen(tcp::acceptor& acceptor, std::string const& host, std::uint16_t port) {
  std::string const shown = host.empty() ? "127.0.0.1" : host;
  error_code ec;
  auto const addr = asio::ip::make_address(host.empty() || host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) return failed(io_status::error, "cannot listen on " + shown + ": not an IP address");
  tcp::endpoint const ep(addr, port);
  std::string const where = endpoint_text(ep);
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error_code ignored;
    acceptor.close(ignored);
    return failed(io_status::error, "cannot listen on " + where + ": " + ec.message());
  }
  return {};
}

asio::awaitable<io_result> accept(tcp::acceptor& acceptor, stream& s, clock::time_point at) {
  deadline_guard d(acceptor.get_executor(), at);
  auto const [aec] = co_await acceptor.async_accept(s.socket(), d.token());
  if (d.finish() && aec) co_return failed(io_status::timeout, "no connection before the deadline");
  if (aec) co_return failed(io_status::error, "accept failed: " + aec.message());
  error_code ec, ignored;
  auto const from = s.socket().remote_endpoint(ec);
  s.socket().set_option(tcp::no_delay(true), ignored);
  s.note("accepted connection from " + (ec ? std::string("an unknown address") : endpoint_text(from)));
  co_return io_result{};
}

}  // namespace async
}  // namespace mailspec::session

// ---- The synchronous facade: one operation at a time on the case's io_context ----

namespace mailspec::session {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct io_context::impl {
  asio::io_context ioc{1};
};

io_context::io_context() : impl_(std::make_unique<impl>()) {}
io_context::~io_context() = default;

struct connection::impl {
  impl(asio::io_context& c, std::shared_ptr<async::stream> s) : ioc(&c), stream(std::move(s)) {}
  asio::io_context* ioc;  // the loop of the case that runs this connection (move_to changes it)
  std::shared_ptr<async::stream> stream;
  std::unique_ptr<fault_filter> fault;  // mailspec serve --fault: may rewrite, delay or drop writes
};

struct listener::impl {
  explicit impl(asio::io_context& c) : ioc(c), acceptor(c) {}
  asio::io_context& ioc;
  tcp::acceptor acceptor;
  std::string host;
  std::uint16_t port = 0;
};

namespace {

// Runs one operation of the async layer to completion on the case's io_context; its deadline is inside
// the operation. Other work on the loop (another connection's pending read) may run meanwhile and stays
// pending afterwards. Operations return I/O outcomes as values: an escaping exception is a harness bug,
// rethrown here so that the case ends as `error`.
io_result block_on(asio::io_context& ioc, asio::awaitable<io_result> op) {
  std::optional<io_result> out;
  std::exception_ptr failure;
  asio::co_spawn(ioc, std::move(op), [&](std::exception_ptr e, io_result r) {
    failure = e;
    out = std::move(r);
  });
  ioc.restart();
  while (!out && ioc.run_one() > 0) {
  }
  if (failure) std::rethrow_exception(failure);
  if (!out) {
    io_result r;
    r.status = io_status::error;
    r.message = "event loop stopped before the operation completed";
    return r;
  }
  return std::move(*out);
}

}  // namespace

connection::connection(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
connection::~connection() { close(); }

std::unique_ptr<connection> connection::open(io_context& ctx, std::string const& host, std::uint16_t port,
                                             clock::time_point deadline, transcript* tr, std::string name,
                                             io_result& result) {
  auto& ioc = ctx.get().ioc;
  auto s = async::stream::create(ioc.get_executor(), role::client, tr, std::move(name));
  result = block_on(ioc, async::connect(*s, host, port, deadline));
  if (!result) return nullptr;
  return std::make_unique<connection>(std::make_unique<impl>(ioc, std::move(s)));
}

std::unique_ptr<connection> connection::adopt(io_context& ctx, int fd, role side, transcript* tr, std::string name,
                                              io_result& result) {
  auto& ioc = ctx.get().ioc;
  auto s = async::stream::create(ioc.get_executor(), side, tr, std::move(name));
  // Asio does no address family check on assign(): reads, writes, shutdown and close are those of any
  // stream socket. Only endpoint queries (accept's note, move_to) need TCP, and an adopted socket has none.
  boost::system::error_code ec;
  s->socket().assign(tcp::v4(), fd, ec);
  if (ec) {
    ::close(fd);
    result = {io_status::error, "cannot adopt descriptor " + std::to_string(fd) + ": " + ec.message(), {}};
    return nullptr;
  }
  result = {};
  return std::make_unique<connection>(std::make_unique<impl>(ioc, std::move(s)));
}

namespace {

io_result closed_by_fault() {
  io_result r;
  r.status = io_status::eof;
  r.message = "connection closed by fault injection";
  return r;
}

/// Waits, but never past the deadline.
void pause(std::chrono::milliseconds d, clock::time_point deadline) {
  auto const until = std::min(deadline, clock::now() + d);
  if (until > clock::now()) std::this_thread::sleep_until(until);
}

}  // namespace

io_result connection::write(std::string_view bytes, clock::time_point deadline, std::string_view shown) {
  if (!impl_->fault) return block_on(*impl_->ioc, impl_->stream->write(bytes, deadline, shown));
  write_plan p = impl_->fault->on_write(bytes);
  for (auto const& n : p.notes) impl_->stream->note(n);
  if (p.close_before) {
    close();
    return closed_by_fault();
  }
  pause(p.delay, deadline);
  // The transcript shows what went out: the failure reply when replaced, else what the caller showed.
  std::string_view const show = p.replaced || p.bytes.size() != bytes.size() ? std::string_view{} : shown;
  io_result r;
  if (p.chunk == 0 || !show.empty()) {
    if (!p.bytes.empty()) r = block_on(*impl_->ioc, impl_->stream->write(p.bytes, deadline, show));
  } else {
    for (std::size_t at = 0; at < p.bytes.size() && r; at += p.chunk) {
      if (at > 0) pause(p.gap, deadline);
      std::string_view const piece = std::string_view(p.bytes).substr(at, p.chunk);
      r = block_on(*impl_->ioc, impl_->stream->write(piece, deadline));
    }
  }
  if (p.close_after) {
    close();
    if (r) return closed_by_fault();
  }
  return r;
}

io_result connection::read_some(clock::time_point deadline, std::size_t max) {
  if (impl_->fault) {
    if (std::string note; impl_->fault->close_before_read(note)) {
      impl_->stream->note(note);
      close();
      return closed_by_fault();
    }
  }
  io_result r = block_on(*impl_->ioc, impl_->stream->read_some(deadline, max));
  if (r && impl_->fault) impl_->fault->on_read(r.data);
  return r;
}

void connection::set_fault(std::unique_ptr<fault_filter> f) { impl_->fault = std::move(f); }

io_result connection::start_tls(tls_options const& options, clock::time_point deadline) {
  return block_on(*impl_->ioc, impl_->stream->handshake(options, deadline));
}

io_result connection::start_tls(tls_server_options const& options, clock::time_point deadline) {
  if (impl_->fault && impl_->fault->tls_fail()) {
    // The client's hello is read (unrecorded: random octets would make two runs differ), then answered
    // with a fatal handshake_failure alert (RFC 8446 §6) and a close.
    auto& s = *impl_->stream;
    transcript* const tr = s.get_transcript();
    s.set_transcript(nullptr);
    (void)block_on(*impl_->ioc, s.read_some(std::min(deadline, clock::now() + std::chrono::seconds(5))));
    static constexpr char alert[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    (void)block_on(*impl_->ioc, s.write(std::string_view(alert, sizeof alert), deadline));
    s.set_transcript(tr);
    s.note("fault: TLS handshake answered with a handshake_failure alert and a close (--fault tls-fail)");
    close();
    io_result r;
    r.status = io_status::error;
    r.message = "TLS handshake failed: fault injection (--fault tls-fail)";
    return r;
  }
  io_result r = block_on(*impl_->ioc, impl_->stream->handshake(options, deadline));
  if (r && impl_->fault) impl_->fault->on_tls();
  return r;
}

void connection::close() {
  if (!impl_) return;
  auto& s = *impl_->stream;
  s.close();
  // Let the aborted read finish now, so that the case's loop holds no work of a closed connection.
  impl_->ioc->restart();
  while (s.reading() && impl_->ioc->run_one() > 0) {
  }
}

io_result connection::move_to(io_context& ctx, transcript* tr) {
  auto& ioc = ctx.get().ioc;
  io_result r = impl_->stream->rebind(ioc.get_executor(), tr);
  if (r) impl_->ioc = &ioc;
  return r;
}

void connection::set_transcript(transcript* tr) { impl_->stream->set_transcript(tr); }

tls_info const& connection::tls() const { return impl_->stream->tls(); }
std::string const& connection::name() const { return impl_->stream->name(); }
bool connection::is_open() const { return impl_->stream->is_open(); }
role connection::side() const { return impl_->stream->side(); }

listener::listener(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
listener::~listener() { close(); }

std::unique_ptr<listener> listener::open(io_context& ctx, std::string const& host, std::uint16_t port,
                                         io_result& result) {
  auto p = std::make_unique<impl>(ctx.get().ioc);
  result = async::listen(p->acceptor, host, port);
  if (!result) return nullptr;
  boost::system::error_code ec;
  auto const bound = p->acceptor.local_endpoint(ec);
  p->host = bound.address().to_string();
  p->port = bound.port();
  return std::unique_ptr<listener>(new listener(std::move(p)));
}

std::uint16_t listener::port() const { return impl_->port; }
std::string const& listener::host() const { return impl_->host; }

std::unique_ptr<connection> listener::accept(clock::time_point deadline, transcript* tr, std::string name,
                                             io_result& result) {
  auto& ioc = impl_->ioc;
  if (!impl_->acceptor.is_open()) {
    result = {io_status::error, "accept on a closed listener", {}};
    return nullptr;
  }
  auto s = async::stream::create(ioc.get_executor(), role::server, tr, std::move(name));
  result = block_on(ioc, async::accept(impl_->acceptor, *s, deadline));
  if (!result) return nullptr;
  return std::make_unique<connection>(std::make_unique<connection::impl>(ioc, std::move(s)));
}

void listener::close() {
  if (!impl_) return;
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
}

}  // namespace mailspec::session
