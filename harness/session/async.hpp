#pragma once
// The natively asynchronous session layer: awaitable connect, accept, read, write and TLS handshake, each
// bounded by a deadline and returning an io_result (I/O outcomes are values, never exceptions). Many
// streams can share one event loop; the synchronous facade (connection.hpp, listener.hpp) runs one
// operation at a time on the case's io_context.
//
// This header includes Asio: only session .cpp files and load-mode code include it, never a header of
// script/, client/, report/ or cli/ (build time: each Asio translation unit costs 10-20 s on 2 cores).
#include "prelude.hpp"
// (prelude first: it must precede every other Asio include)
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "session/io.hpp"
#include "session/transcript.hpp"

namespace mailspec::session::async {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

/// Completion token of the layer: an error comes back as the first element of a tuple, not thrown.
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

/**
 * `op`, unless `deadline` passes first: then that operation alone is cancelled (per-operation
 * cancellation, so other operations on the same socket go on) and the result is empty. Returns only
 * once `op` has finished, so nothing it refers to is used afterwards. An operation that ignores
 * cancellation (a name resolution already running) is waited for.
 */
template <class T>
asio::awaitable<std::optional<T>> within(clock::time_point deadline, asio::awaitable<T> op) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
  auto first = co_await (std::move(op) || timer.async_wait(use_tuple));
  if (first.index() == 0) co_return std::get<0>(std::move(first));
  co_return std::nullopt;
}

/**
 * One connection, client or server role, plain or TLS. Owned by a shared_ptr (create()): a pending read
 * keeps its stream alive, so a stream can be dropped at any time after close().
 *
 * One persistent reader: read_some() starts a read and waits for it at most until its deadline; a read
 * that outlives the deadline stays pending and its octets are kept for the next read_some(). A timeout
 * thus never cancels a read, and a TLS stream is never cut in the middle of a record (a `silence`
 * matcher times out by design). Only start_tls() stops a plaintext read, and close() stops any.
 *
 * At most one read_some() and one write() at a time; a handshake with neither running. Every octet
 * goes to the transcript (may be null) under the sender's protocol role (see session::role).
 */
class stream : public std::enable_shared_from_this<stream> {
 public:
  static std::shared_ptr<stream> create(asio::any_io_executor ex, role side, transcript* tr, std::string name);
  stream(stream const&) = delete;
  stream& operator=(stream const&) = delete;

  /// What is available: at least one octet, at most `max`; or eof, timeout (the read stays pending) or error.
  asio::awaitable<io_result> read_some(clock::time_point deadline, std::size_t max = 16 * 1024);
  /// Writes all of `bytes` (valid until this completes); the transcript shows `shown` instead when not empty.
  asio::awaitable<io_result> write(std::string_view bytes, clock::time_point deadline, std::string_view shown = {});
  /// TLS handshake as a client (SNI, verification); after STARTTLS, octets received so far are discarded.
  asio::awaitable<io_result> handshake(tls_options options, clock::time_point deadline);
  /// TLS handshake as a server with the given certificate; the same discarding applies.
  asio::awaitable<io_result> handshake(tls_server_options options, clock::time_point deadline);
  /// Half-close then close; a pending read then completes (aborted) on the event loop. Never blocks.
  void close();
  /**
   * Moves the stream to another event loop and transcript: a serve loop accepts, then the case's own
   * loop runs the connection. Only with no TLS yet and no read pending (a fresh connection); octets
   * already buffered move along. Call it where the old loop is not running this stream's handlers.
   */
  io_result rebind(asio::any_io_executor ex, transcript* tr);

  tcp::socket& socket() { return *sock_; }
  role side() const { return side_; }
  std::string const& name() const { return name_; }
  tls_info const& tls() const { return info_; }
  bool is_open() const { return open_; }
  /// A read is pending (after close(), until the event loop has run its completion).
  bool reading() const { return reading_; }
  /// Octets received and not yet handed out by read_some().
  std::size_t buffered() const { return inbox_.size(); }
  /// The name connect() was given: the default SNI and name to verify.
  void set_peer_name(std::string name) { peer_name_ = std::move(name); }
  void note(std::string_view text) const;

 private:
  stream(asio::any_io_executor ex, role side, transcript* tr, std::string name);
  direction ours() const { return side_ == role::client ? direction::client : direction::server; }
  direction theirs() const { return side_ == role::client ? direction::server : direction::client; }
  void start_reader();
  void on_read(error_code ec, std::size_t n);
  io_result take(std::size_t max);
  asio::awaitable<void> wait_reader();
  asio::awaitable<io_result> begin_tls();
  asio::awaitable<io_result> finish_handshake(ssl::stream_base::handshake_type type, bool verify,
                                              clock::time_point deadline);

  std::optional<tcp::socket> sock_;  // optional: rebind() puts the descriptor on another loop
  std::shared_ptr<ssl::context> ssl_ctx_;  // shared by every stream of the process with the same options
  std::unique_ptr<ssl::stream<tcp::socket&>> tls_;
  role side_;
  transcript* tr_;
  std::string name_;
  std::string peer_name_;
  tls_info info_;
  bool open_ = true;
  std::string inbox_;
  bool reading_ = false;
  error_code read_ec_;                 // sticky: eof, reset or failure of the last read
  asio::cancellation_signal stop_reader_;  // stops a plaintext read before a handshake
  std::optional<asio::steady_timer> wake_;  // a condition: cancelled when the reader completes
  std::array<char, 16 * 1024> rbuf_{};
};

/// Connects a client-role stream to host:port (names resolved, IP literals not) within the deadline.
asio::awaitable<io_result> connect(stream& s, std::string host, std::uint16_t port, clock::time_point deadline);
/// Opens, binds and listens: host an IP literal ("" and "localhost" mean 127.0.0.1), port 0 any free one.
io_result listen(tcp::acceptor& acceptor, std::string const& host, std::uint16_t port);
/// Accepts one connection into a server-role stream within the deadline.
asio::awaitable<io_result> accept(tcp::acceptor& acceptor, stream& s, clock::time_point deadline);

}  // namespace mailspec::session::async
