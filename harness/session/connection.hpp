#pragma once
// A client connection to a target: TCP, implicit TLS or STARTTLS, every operation bounded by a deadline.
// The API is synchronous for the script interpreter; inside, each operation is an Asio C++20 coroutine
// raced against a timer on the case's own io_context (see connection.cpp). No Asio in this header.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "session/transcript.hpp"

namespace mailspec::session {

using clock = std::chrono::steady_clock;

/// One per case (per worker thread): owns the io_context every connection of the case runs on.
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

struct tls_options {
  bool verify = true;      // verify the certificate chain and the host name (off with --insecure)
  std::string cafile;      // extra trust anchors (PEM); the system store is always loaded
  std::string server_name; // SNI and name to verify; defaults to the host
};

struct tls_info {
  bool active = false;
  std::string version;      // "TLSv1.3"
  std::string cipher;       // "TLS_AES_256_GCM_SHA384"
  std::string peer_subject; // certificate subject, one line
  bool verified = false;
};

enum class io_status {
  ok,       // the operation completed
  eof,      // the peer closed the connection (clean TCP FIN or TLS close_notify)
  timeout,  // the deadline passed first
  error,    // anything else; `message` says what
};

struct io_result {
  io_status status = io_status::ok;
  std::string message;  // human text for eof/timeout/error
  std::string data;     // read: the octets received
  explicit operator bool() const { return status == io_status::ok; }
};

/// How many client TLS contexts the process has built (one per distinct verify/CA-file setting).
std::size_t tls_contexts_made();

class connection {
 public:
  /// Connects to host:port within the deadline; the transcript (may be null) records everything.
  static std::unique_ptr<connection> open(io_context& ctx, std::string const& host, std::uint16_t port,
                                          clock::time_point deadline, transcript* tr, std::string name,
                                          io_result& result);
  ~connection();
  connection(connection const&) = delete;
  connection& operator=(connection const&) = delete;

  /// Writes all of `bytes`. `shown` (when not empty) is what the transcript records instead.
  io_result write(std::string_view bytes, clock::time_point deadline, std::string_view shown = {});
  /// Reads what is available (at least one octet, at most `max`), or eof/timeout/error.
  io_result read_some(clock::time_point deadline, std::size_t max = 16 * 1024);
  /// TLS handshake on the open TCP connection (implicit TLS right after open, or after STARTTLS).
  io_result start_tls(tls_options const& options, clock::time_point deadline);
  /// Half-close then close; never throws.
  void close();

  tls_info const& tls() const;
  std::string const& name() const;
  bool is_open() const;

  struct impl;

 private:
  explicit connection(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace mailspec::session
