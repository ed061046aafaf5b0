#include "cli/interrupt.hpp"

#include <pthread.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "client/run.hpp"

namespace mailspec::cli {

interrupt_guard::interrupt_guard() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
}

void interrupt_guard::start(std::function<void()> on_abandon) {
  on_abandon_ = std::move(on_abandon);
  // Detached: it waits for a signal that may never come, and the process may end without it.
  std::thread([this] {
    int sig = 0;
    sigwait(&set_, &sig);
    stop.store(true);
    if (sig == SIGTERM) abandon(sig);
    std::cerr << "\nmailspec: interrupted; finishing the cases under way (Ctrl-C again to stop now)\n";
    sigwait(&set_, &sig);
    abandon(sig);
  }).detach();
}

void interrupt_guard::abandon(int sig) {
  on_abandon_();
  client::run_outcome o;
  o.end = sig == SIGTERM ? client::run_end::terminated : client::run_end::abandoned;
  // _Exit: the workers are still in their cases; running destructors under them would be a race.
  std::_Exit(client::exit_code(o));
}

}  // namespace mailspec::cli
