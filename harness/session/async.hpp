#pragma once
// The natively asynchronous session layer: awaitable connect, accept, read, write and TLS handshake, each
// bounded by a deadline and returning an io_result (I/O outcomes are values, never exceptions). Many
// streams can share one event loop; the synchronous facade (connection.hpp, listener.hpp) runs one
// operation at a time on the case's io_context.
//
// This header includes Asio: only session .cpp files and load-mode code include it, never a header of
// script/, client/, report/ or cli/ (build time: parsing Asio alone costs ~7 s of CPU per translation
// unit). Implemented in connection.cpp, with the facade: the layer's one Asio translation unit.
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
 * A deadline for one operation: when it passes before the operation completes, a timer emits a terminal
 * cancellation to the operation bound to token(), and to that operation alone (other operations on the
 * same socket, such as the persistent read, go on). No second coroutine and no awaitable operators:
 * this layer's build time is mostly code generation for coroutines.
 *
 *   deadline_guard d(ex, at);
 *   auto [ec, n] = co_await asio::async_write(sock, buf, d.token());
 *   if (d.finish() && ec) ... timed out
 *
 * Call finish() as soon as the co_await returns: from then on the signal is never emitted (a
 * cancellation may only reach a pending operation). An operation that ignores cancellation (a name
 * resolution already running) just runs to its end.
 */
class deadline_guard {
 public:
  deadline_guard(asio::any_io_executor ex, clock::time_point at);
  ~deadline_guard() { finish(); }
  deadline_guard(deadline_guard const&) = delete;
  deadline_guard& operator=(deadline_guard const&) = delete;

  /// The completion token for the bounded operation: as_tuple(use_awaitable) with this deadline's slot.
  auto token() { return asio::bind_cancellation_slot(state_->signal.slot(), use_tuple); }
  /// Disarms the timer; true when the deadline had passed first (then the operation was cancelled).
  bool finish();

 private:
  struct state {
    explicit state(asio::any_io_executor ex) : timer(std::move(ex)) {}
    asio::steady_timer timer;
    asio::cancellation_signal signal;
    bool done = false;
    bool expired = false;
  };
  std::shared_ptr<state> state_;  // shared with the timer's handler, which may run after the operation
};

/**
 * One connection, client or server role, plain or TLS. Owned by a shared_ptr (create()): a pending read
 * keeps its stream alive, so a stream can be dropped at any time after close().
 *
 * One persistent reader: read_some() starts a read and waits for it at most until its deadline; a read
 * that outlives the deadline stays pending and its octets are kept for the next read_some(). A timeout
 * thus never cancels a read, and a TLS stream is never cut in the middle of a record (a `silence`
 * matcher times out by design). Only handshake() stops a plaintext read, and close() stops any.
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
  /// Records into `tr` (may be null) from now on.
  void set_transcript(transcript* tr) { tr_ = tr; }
  transcript* get_transcript() const { return tr_; }
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
