#pragma once
// The live status line of a run on a terminal: one line, rewritten in place ("\r" and erase to the end
// of the line), with the cases done out of the total, the count of each verdict so far, the time since
// the run started and the case under way (or the last one finished). Drawn only when the terminal asked
// for it (`terminal::live`: stdout is a terminal, no --quiet, TERM is not dumb); a pipe gets the plain
// lines of terminal::progress instead, so CI logs hold no carriage returns.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "report/report.hpp"

namespace mailspec::report {

/// What the status line shows at one moment.
struct progress_state {
  std::size_t done = 0, total = 0;
  summary counts;
  std::chrono::milliseconds elapsed{0};
  std::vector<std::string> running;  // the cases under way, oldest first
  std::string last;                  // the last case that finished
  bool serving = false;              // `mailspec serve`: done/total count connections, none running means waiting
};

/// The status line of `s`, its visible part at most `width` columns wide (escape sequences for colour,
/// when `colour`, are not counted): "[ 12/283] 10 pass 1 fail 1 skip  0:03  running ID (+3 more)".
/// Verdicts not seen yet are left out; the case id is what gives way when the line is too long.
std::string status_line(progress_state const& s, std::size_t width, bool colour);

/// The columns of the terminal on `fd` (ioctl TIOCGWINSZ), or 0 when it is not one or does not say.
std::size_t terminal_columns(int fd);

/** Draws the status line on `t.out` for one run: begin() when the cases are about to start, started()
    and finished() as they do, end() when the run is over (the line is then erased). A ticker thread
    redraws it while nothing happens, so that the time moves; redraws are throttled to ten a second. A
    fail, warn or error prints one line above the status line (erase, print, redraw). Every method may be
    called from any thread. */
class live_progress {
 public:
  /// `serving`: `mailspec serve`, which counts connections and waits for clients between them.
  live_progress(terminal& t, bool serving);
  ~live_progress();
  live_progress(live_progress const&) = delete;
  live_progress& operator=(live_progress const&) = delete;

  void begin(std::size_t total);
  void started(std::string const& id);
  void finished(script::case_result const& r, std::size_t done, std::size_t total);
  /// Erases the line and stops the ticker; safe to call twice, or without begin().
  void end();

 private:
  using clock = std::chrono::steady_clock;
  void draw(bool force);  // with lock_ held
  void erase();           // with lock_ held
  void tick();
  std::size_t width() const;

  terminal& term_;
  std::mutex lock_;
  std::condition_variable wake_;
  std::thread ticker_;
  bool on_ = false;     // between begin() and end()
  bool shown_ = false;  // a status line is on the screen
  bool dirty_ = false;  // something changed since it was drawn
  clock::time_point start_{}, drawn_{};
  progress_state state_;
};

}  // namespace mailspec::report
