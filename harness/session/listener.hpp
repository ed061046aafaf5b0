#pragma once
// A listening socket for the server role: `mailspec serve` and fake-server cases accept the client under
// test here. Each accepted connection is a session::connection like a client one (same read, write,
// start_tls, close and transcript behaviour) that plays the server role. No Asio in this header; the
// implementation sits in connection.cpp with the rest of the facade and the async layer (the layer's one
// Asio translation unit: build time).
#include <cstdint>
#include <memory>
#include <string>

#include "session/connection.hpp"

namespace mailspec::session {

class listener {
 public:
  /// Listens on host:port, host an IP literal ("" or "localhost": 127.0.0.1), port 0 any free port.
  static std::unique_ptr<listener> open(io_context& ctx, std::string const& host, std::uint16_t port,
                                        io_result& result);
  ~listener();
  listener(listener const&) = delete;
  listener& operator=(listener const&) = delete;

  /// The bound port (the one chosen when open() was given 0).
  std::uint16_t port() const;
  /// The bound address, as text ("127.0.0.1").
  std::string const& host() const;
  /**
   * Accepts one connection within the deadline: a server-role connection named `name`, whose transcript
   * (may be null) records the client's octets as direction::client and ours as direction::server.
   * Null with result timeout when nobody connected in time.
   */
  std::unique_ptr<connection> accept(clock::time_point deadline, transcript* tr, std::string name, io_result& result);
  /// Stops listening; never throws.
  void close();

  struct impl;

 private:
  explicit listener(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace mailspec::session
