#include "report/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace mailspec::report {

namespace {

using namespace std::chrono_literals;
constexpr auto min_interval = 100ms;  // at most ten redraws a second
constexpr auto tick_interval = 100ms;

std::string clock_text(std::chrono::milliseconds t) {
  auto const s = t.count() / 1000;
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

/// "...end-of-the-id": ids differ at their end (smtp.rfc5321.4.1.4.<what>), so that is what stays.
std::string keep_end(std::string const& id, std::size_t n) {
  if (id.size() <= n) return id;
  if (n <= 3) return std::string(n, '.');
  return "..." + id.substr(id.size() - (n - 3));
}

std::string cut_to(std::string s, std::size_t n) {
  if (s.size() > n) s.resize(n);
  return s;
}

}  // namespace

std::string status_line(progress_state const& s, std::size_t width, bool colour) {
  std::size_t const digits = std::to_string(s.total).size();
  std::string const head = fmt::format("[{:>{}}/{}{}]", s.done, digits, s.total, s.serving ? " connections" : "");
  // The counts, plain (for the width) and as shown.
  std::string counts, shown;
  static constexpr script::verdict order[] = {script::verdict::pass, script::verdict::fail, script::verdict::warn,
                                              script::verdict::info, script::verdict::skip, script::verdict::error};
  std::size_t const n[] = {s.counts.pass, s.counts.fail, s.counts.warn, s.counts.info, s.counts.skip, s.counts.error};
  for (std::size_t i = 0; i < 6; ++i) {
    if (n[i] == 0) continue;
    std::string const item = fmt::format("{} {}", n[i], script::to_string(order[i]));
    counts += " " + item;
    shown += " " + (colour ? fmt::format("{}{}\033[0m", colour_code(order[i]), item) : item);
  }
  std::string const time = "  " + clock_text(s.elapsed);
  std::string label, id, more;
  if (!s.running.empty()) {
    label = s.serving ? "  serving " : "  running ";
    id = s.running.front();
    if (s.running.size() > 1) more = fmt::format(" (+{} more)", s.running.size() - 1);
  } else if (s.serving && s.done < s.total) {
    label = "  waiting for a client";
  } else if (!s.last.empty()) {
    label = "  last ";
    id = s.last;
  }
  std::size_t const fixed = head.size() + counts.size() + time.size();
  std::size_t const tail = label.size() + id.size() + more.size();
  if (fixed + tail <= width) return head + shown + time + label + id + more;
  // Too wide: the id gives way first (keeping its end), then the count of the others running, then the
  // whole tail, then the time.
  constexpr std::size_t shortest_id = 12;
  if (!id.empty() && fixed + label.size() + more.size() + shortest_id <= width) {
    return head + shown + time + label + keep_end(id, width - fixed - label.size() - more.size()) + more;
  }
  if (!id.empty() && fixed + label.size() + shortest_id <= width) {
    return head + shown + time + label + keep_end(id, width - fixed - label.size());
  }
  if (id.empty() && fixed + tail <= width) return head + shown + time + label;
  if (fixed <= width) return head + shown + time;
  if (head.size() + counts.size() <= width) return head + shown;
  return cut_to(head + counts, width);
}

std::size_t terminal_columns(int fd) {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

live_progress::live_progress(terminal& t, bool serving) : term_(t) { state_.serving = serving; }

live_progress::~live_progress() { end(); }

std::size_t live_progress::width() const {
  std::size_t cols = term_.width_fd >= 0 ? terminal_columns(term_.width_fd) : 0;
  if (cols == 0) cols = term_.columns;
  // One column short of the edge: a line that fills it wraps on some terminals, and "\r" would then
  // rewrite only its second half.
  return cols > 1 ? cols - 1 : 1;
}

void live_progress::erase() {
  if (shown_) term_.out << "\r\033[K";
  shown_ = false;
}

void live_progress::draw(bool force) {
  if (!on_) return;
  auto const now = clock::now();
  if (!force && shown_ && now - drawn_ < min_interval) {
    dirty_ = true;  // the ticker draws it once the interval is over
    return;
  }
  state_.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_);
  term_.out << "\r\033[K" << status_line(state_, width(), term_.colour) << std::flush;
  shown_ = true;
  dirty_ = false;
  drawn_ = now;
}

void live_progress::tick() {
  std::unique_lock<std::mutex> g(lock_);
  while (on_) {
    wake_.wait_for(g, tick_interval);
    if (!on_) break;
    // Redraw what changed, and once a second anyway: the clock moves while a slow case waits.
    if (dirty_ || clock::now() - drawn_ >= 1s) draw(false);
  }
}

void live_progress::begin(std::size_t total) {
  std::lock_guard<std::mutex> g(lock_);
  if (on_) return;
  on_ = true;
  start_ = clock::now();
  state_.total = total;
  draw(true);
  ticker_ = std::thread([this] { tick(); });
}

void live_progress::started(std::string const& id) {
  std::lock_guard<std::mutex> g(lock_);
  state_.running.push_back(id);
  draw(false);
}

void live_progress::finished(script::case_result const& r, std::size_t done, std::size_t total) {
  std::lock_guard<std::mutex> g(lock_);
  state_.done = done;
  state_.total = total;
  state_.last = r.id;
  for (auto it = state_.running.begin(); it != state_.running.end(); ++it) {
    if (*it == r.id) {
      state_.running.erase(it);
      break;
    }
  }
  auto& c = state_.counts;
  switch (r.v) {
    case script::verdict::pass: ++c.pass; break;
    case script::verdict::fail: ++c.fail; break;
    case script::verdict::warn: ++c.warn; break;
    case script::verdict::info: ++c.info; break;
    case script::verdict::skip: ++c.skip; break;
    case script::verdict::error: ++c.error; break;
  }
  if (r.v == script::verdict::fail || r.v == script::verdict::warn || r.v == script::verdict::error) {
    erase();
    term_.out << term_.finding_line(r, done, total, width()) << "\n";
  }
  draw(false);
}

void live_progress::end() {
  {
    std::lock_guard<std::mutex> g(lock_);
    if (on_) {
      on_ = false;
      erase();
      term_.out << std::flush;
    }
  }
  wake_.notify_all();
  if (ticker_.joinable() && ticker_.get_id() != std::this_thread::get_id()) ticker_.join();
}

}  // namespace mailspec::report
