#pragma once
// A scripted TCP server on 127.0.0.1 for tests: each accepted connection runs the handler on its own
// thread with blocking POSIX I/O. It plays a peer with exactly one behaviour (or one defect), so that a
// case can be shown to pass against the right behaviour and to fail against the defect.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mailspec::testing {

/// One accepted connection, seen from the fake server.
class wire {
 public:
  explicit wire(int fd) : fd_(fd) {}
  /// Sends all of `bytes`; false when the client has gone.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  /// Reads one line up to LF (kept), waiting at most `timeout`; "" on close or timeout.
  std::string line(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    for (;;) {
      auto lf = pending_.find('\n');
      if (lf != std::string::npos) {
        std::string out = pending_.substr(0, lf + 1);
        pending_.erase(0, lf + 1);
        return out;
      }
      if (!fill(timeout)) return {};
    }
  }
  /// Reads exactly `n` octets (or fewer on close/timeout).
  std::string octets(std::size_t n, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    while (pending_.size() < n && fill(timeout)) {
    }
    std::string out = pending_.substr(0, n);
    pending_.erase(0, out.size());
    return out;
  }
  /// Everything received so far plus whatever arrives within `timeout`.
  std::string drain(std::chrono::milliseconds timeout) {
    while (fill(timeout)) {
    }
    std::string out = std::move(pending_);
    pending_.clear();
    return out;
  }
  void close() {
    if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
  }
  int fd() const { return fd_; }

 private:
  bool fill(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  std::string pending_;
};

class fake_peer {
 public:
  using handler = std::function<void(wire&)>;

  explicit fake_peer(handler h) : handler_(std::move(h)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 64) != 0) {
      throw std::runtime_error("fake_peer: cannot listen on 127.0.0.1");
    }
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~fake_peer() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    acceptor_.join();
    std::lock_guard<std::mutex> g(lock_);
    for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);
    for (auto& t : sessions_) t.join();
    for (int fd : fds_) ::close(fd);
  }

  std::uint16_t port() const { return port_; }
  int connections() const { return accepted_.load(); }

 private:
  void accept_loop() {
    for (;;) {
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      if (stopping_) {
        ::close(fd);
        return;
      }
      ++accepted_;
      std::lock_guard<std::mutex> g(lock_);
      fds_.push_back(fd);
      sessions_.emplace_back([this, fd] {
        wire w(fd);
        handler_(w);
        ::shutdown(fd, SHUT_RDWR);
      });
    }
  }

  handler handler_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread acceptor_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::mutex lock_;
  std::vector<int> fds_;
  std::vector<std::thread> sessions_;
};

}  // namespace mailspec::testing
