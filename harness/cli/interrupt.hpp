#pragma once
// Ctrl-C and SIGTERM for the commands that run cases (README "Stopping a run"), taken by one thread with
// sigwait. The first SIGINT stops new cases from starting and lets the running ones finish; a second
// SIGINT writes what has finished and exits at once (130). SIGTERM, what CI runners and `timeout` send,
// does that at once (143): the process is gone within a second or two.
#include <atomic>
#include <csignal>
#include <functional>

namespace mailspec::cli {

class interrupt_guard {
 public:
  /// Blocks SIGINT and SIGTERM in the calling thread: construct it before any other thread, so that
  /// every thread inherits the mask and only the guard's thread takes them.
  interrupt_guard();
  /// Starts taking signals. `on_abandon` (write what has finished) runs before the process exits.
  void start(std::function<void()> on_abandon);
  /// Set by the first SIGINT (or SIGTERM): no case starts after it.
  std::atomic<bool> stop{false};

 private:
  [[noreturn]] void abandon(int sig);
  sigset_t set_;
  std::function<void()> on_abandon_;
};

}  // namespace mailspec::cli
