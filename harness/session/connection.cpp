#include "session/async.hpp"
// (async.hpp includes prelude.hpp first)
#include "session/connection.hpp"
#include "session/listener.hpp"

#include <exception>
#include <optional>
#include <utility>

// The synchronous facade over session/async.hpp, for connections and listeners alike: one Asio
// translation unit for both, since every one costs 10-20 s of build on 2 cores.

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

io_result connection::write(std::string_view bytes, clock::time_point deadline, std::string_view shown) {
  return block_on(*impl_->ioc, impl_->stream->write(bytes, deadline, shown));
}

io_result connection::read_some(clock::time_point deadline, std::size_t max) {
  return block_on(*impl_->ioc, impl_->stream->read_some(deadline, max));
}

io_result connection::start_tls(tls_options const& options, clock::time_point deadline) {
  return block_on(*impl_->ioc, impl_->stream->handshake(options, deadline));
}

io_result connection::start_tls(tls_server_options const& options, clock::time_point deadline) {
  return block_on(*impl_->ioc, impl_->stream->handshake(options, deadline));
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
