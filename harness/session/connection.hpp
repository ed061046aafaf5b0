#pragma once
// A connection to or from a peer under test: TCP, implicit TLS or STARTTLS, every operation bounded by a
// deadline, in either protocol role (a client-role connection comes from connection::open, a server-role
// one from listener::accept). The API is synchronous for the script interpreter: a thin facade over the
// awaitable operations of session/async.hpp, each run to completion on the case's own io_context (one
// per case, one OS thread per running case). No Asio in this header.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "session/io.hpp"
#include "session/transcript.hpp"

namespace mailspec::session {

class fault_filter;

/// One per case (per worker thread): owns the event loop every connection and listener of the case runs on.
class io_context {
 public:
  io_context();
  ~io_context();
  io_context(io_context const&) = delete;
  io_context& operator=(io_context const&) = delete;
  struct impl;
  impl& get() { return *impl_; }

 private:
  std::unique_ptr<impl> impl_;
};

class connection {
 public:
  /// Connects to host:port within the deadline (client role); the transcript (may be null) records everything.
  static std::unique_ptr<connection> open(io_context& ctx, std::string const& host, std::uint16_t port,
                                          clock::time_point deadline, transcript* tr, std::string name,
                                          io_result& result);
  /**
   * Takes over an already connected stream socket `fd` (e.g. one end of a socketpair(AF_UNIX), as the
   * serve_session fuzz target runs a whole case in memory): a connection in role `side` on `ctx`, named
   * `name`, recording into `tr` (may be null). It owns `fd` from now on, closed on failure too.
   */
  static std::unique_ptr<connection> adopt(io_context& ctx, int fd, role side, transcript* tr, std::string name,
                                           io_result& result);
  ~connection();
  connection(connection const&) = delete;
  connection& operator=(connection const&) = delete;

  /// Writes all of `bytes`. `shown` (when not empty) is what the transcript records instead.
  io_result write(std::string_view bytes, clock::time_point deadline, std::string_view shown = {});
  /**
   * Reads what is available (at least one octet, at most `max`), or eof/timeout/error. Octets past `max`
   * stay buffered for the next call. After a timeout the read stays pending (it is never cancelled, so a
   * TLS record is never cut): what it receives is returned by the next call.
   */
  io_result read_some(clock::time_point deadline, std::size_t max = 16 * 1024);
  /**
   * TLS handshake as a client on the open TCP connection: implicit TLS right after open(), or after the
   * server's go-ahead to STARTTLS. Octets received and not yet read are discarded first (CVE-2011-0411);
   * a transcript note says how many.
   */
  io_result start_tls(tls_options const& options, clock::time_point deadline);
  /// TLS handshake as a server: implicit TLS right after accept(), or after sending the go-ahead to STARTTLS.
  /// Octets the client sent after its STARTTLS line and not yet read are discarded first, as above.
  io_result start_tls(tls_server_options const& options, clock::time_point deadline);
  /// Half-close then close; never throws.
  void close();
  /**
   * Hands the connection to another case: from now on it runs on `ctx` and records into `tr` (a serve
   * loop accepts on its own io_context, then the case that answers the client runs on the case's). Only
   * before TLS and with no read pending, as after accept(); octets already buffered move along. Call it
   * on the thread that will run `ctx`, once the old io_context no longer runs this connection.
   */
  io_result move_to(io_context& ctx, transcript* tr);
  /**
   * Records into `tr` (may be null) from now on, on the same io_context: a case that adopts a connection
   * accepted on its own thread (TLS may already be active). That io_context must outlive the connection.
   */
  void set_transcript(transcript* tr);

  /**
   * Puts a fault injector (session/fault.hpp) between the harness and the peer from now on: it sees every
   * octet read and decides what each write becomes (a failure reply, a delay, a trickle, a close); what
   * it injects is noted in the transcript. Server role (`mailspec serve --fault`).
   */
  void set_fault(std::unique_ptr<fault_filter> f);

  tls_info const& tls() const;
  std::string const& name() const;
  bool is_open() const;
  /// Which protocol role the harness plays here (client after open(), server after accept()).
  role side() const;

  struct impl;
  explicit connection(std::unique_ptr<impl> p);  // impl is only complete inside the session layer

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace mailspec::session
