// MIME readers (mime_readers.hpp): commands run with bounded time and output, and saved trees.
#include "client/mime_readers.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/mime/tree.hpp"
#include "script/mime_tree_json.hpp"

extern char** environ;

namespace mailspec::client::mime {

namespace {

using json = nlohmann::json;
using clock = std::chrono::steady_clock;

constexpr std::size_t stderr_keep = 4096;  // the end of a command's stderr, for the reason

std::string read_file(std::string const& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void keep_tail(std::string& s, char const* data, std::size_t n) {
  s.append(data, n);
  if (s.size() > stderr_keep) s.erase(0, s.size() - stderr_keep);
}

/// A child process running `/bin/sh -c command` in a process group of its own, with pipes to its stdin,
/// stdout and stderr (our ends non-blocking and close-on-exec).
class child {
 public:
  explicit child(std::string const& command) {
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(out, O_CLOEXEC) != 0) {
      close_all({in[0], in[1]});
      throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    if (::pipe2(err, O_CLOEXEC) != 0) {
      close_all({in[0], in[1], out[0], out[1]});
      throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    std::string sh = "/bin/sh", dash_c = "-c", cmd = command;
    char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};
    int const rc = ::posix_spawn(&pid_, "/bin/sh", &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close_all({in[0], out[1], err[1]});
    if (rc != 0) {
      close_all({in[1], out[0], err[0]});
      throw std::runtime_error("cannot start /bin/sh: " + std::string(std::strerror(rc)));
    }
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    for (int fd : {in_, out_, err_}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  child(child const&) = delete;
  child& operator=(child const&) = delete;
  ~child() { kill(); }

  /// Ends it (the whole process group) and reaps it.
  void kill() {
    close_all({in_, out_, err_});
    in_ = out_ = err_ = -1;
    if (pid_ > 0) {
      ::kill(-pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
    }
  }

  /// Waits for it to exit (after its stdout closed); its status as a phrase ("" for exit 0).
  std::string reap(clock::time_point deadline) {
    int status = 0;
    while (pid_ > 0) {
      pid_t const r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        break;
      }
      if (r < 0 && errno != EINTR) {
        pid_ = -1;
        return "lost track of the command";
      }
      if (clock::now() >= deadline) {
        kill();
        return "did not exit after closing its output";
      }
      ::usleep(2000);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
    return "ended abnormally";
  }

  enum class until { eof, newline };
  /// Writes `input` (closing stdin after it when `close_input`), reads stdout until EOF or a newline,
  /// keeping stderr's tail, within `deadline` and `max` octets. Returns "" or what went wrong.
  std::string exchange(std::string_view input, bool close_input, until u, std::string& out, std::size_t max,
                       std::string& err_tail, clock::time_point deadline) {
    std::size_t written = 0;
    if (input.empty() && close_input) close_in();
    for (;;) {
      if (u == until::newline) {
        if (auto nl = pending_.find('\n'); nl != std::string::npos) {
          out = pending_.substr(0, nl);
          pending_.erase(0, nl + 1);
          return {};
        }
      }
      if (pending_.size() > max) return "printed more than " + std::to_string(max) + " octets";
      if (out_ < 0 && u == until::eof) {
        out = std::move(pending_);
        pending_.clear();
        return {};
      }
      if (out_ < 0) return "closed its output before answering";
      pollfd fds[3];
      nfds_t n = 0;
      int const want_in = in_ >= 0 && written < input.size() ? in_ : -1;
      if (want_in >= 0) fds[n++] = {want_in, POLLOUT, 0};
      fds[n++] = {out_, POLLIN, 0};
      if (err_ >= 0) fds[n++] = {err_, POLLIN, 0};
      auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
      if (left <= 0) return "gave no answer within the timeout";
      int const rc = ::poll(fds, n, static_cast<int>(std::min<long long>(left, 1000)));
      if (rc < 0 && errno != EINTR) return std::string("poll: ") + std::strerror(errno);
      if (rc <= 0) continue;
      for (nfds_t i = 0; i < n; ++i) {
        if (!fds[i].revents) continue;
        if (fds[i].fd == want_in) {
          ssize_t const w = ::write(in_, input.data() + written, input.size() - written);
          if (w > 0) written += static_cast<std::size_t>(w);
          if (w < 0 && errno != EAGAIN && errno != EINTR) close_in();  // it stopped reading: its answer decides
          if (written == input.size() && close_input) close_in();
        } else {
          char buf[65536];
          ssize_t const r = ::read(fds[i].fd, buf, sizeof buf);
          if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
          if (fds[i].fd == out_) {
            if (r <= 0) {
              ::close(out_);
              out_ = -1;
            } else {
              pending_.append(buf, static_cast<std::size_t>(r));
            }
          } else if (r <= 0) {
            ::close(err_);
            err_ = -1;
          } else {
            keep_tail(err_tail, buf, static_cast<std::size_t>(r));
          }
        }
      }
    }
  }

  bool alive() const { return pid_ > 0 && out_ >= 0; }

 private:
  static void close_all(std::initializer_list<int> fds) {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  void close_in() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
  }

  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  std::string pending_;  // read from stdout, not yet taken
};

/// Parses what a reader printed into a tree of the form, or says why it is not one.
void take_tree(std::string const& text, tree_result& r) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    r.error = "printed something that is not JSON: " + text.substr(0, 200);
    return;
  }
  if (j.is_object() && !j.contains("message") && j.contains("error") && j["error"].is_string()) {
    r.error = "the reader could not read it: " + j["error"].get<std::string>();  // the adapters' own error form
    return;
  }
  if (std::string e = tree_form_error(j); !e.empty()) {
    r.error = e;
    return;
  }
  r.tree = std::move(j);
}

class exec_reader final : public reader {
 public:
  explicit exec_reader(exec_options o) : o_(std::move(o)) {
    ::signal(SIGPIPE, SIG_IGN);  // a command that stops reading its stdin must not end mailspec
  }
  std::string name() const override { return "exec: " + o_.command; }

  tree_result read(std::string const& path) override {
    tree_result r;
    try {
      o_.batch ? read_batch(path, r) : read_once(path, r);
    } catch (std::exception const& e) {
      r.error = e.what();
    }
    if (!r.error.empty() && !r.stderr_text.empty()) {
      std::string tail = r.stderr_text.size() > 300 ? "..." + r.stderr_text.substr(r.stderr_text.size() - 300) : r.stderr_text;
      while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
      r.error += "; its stderr ends: " + tail;
    }
    return r;
  }

 private:
  void read_once(std::string const& path, tree_result& r) {
    std::string message = read_file(path, r.error);
    if (!r.error.empty()) return;
    auto const deadline = clock::now() + o_.timeout;
    child c(o_.command);
    std::string out;
    if (std::string e = c.exchange(message, true, child::until::eof, out, o_.max_output, r.stderr_text, deadline);
        !e.empty()) {
      c.kill();
      r.error = "`" + o_.command + "` " + e;
      return;
    }
    if (std::string e = c.reap(deadline + std::chrono::seconds(1)); !e.empty()) {
      r.error = "`" + o_.command + "` " + e;
      return;
    }
    take_tree(out, r);
  }

  void read_batch(std::string const& path, tree_result& r) {
    if (path.find('\n') != std::string::npos) {
      r.error = "a path with a line break cannot go through the batch protocol";
      return;
    }
    if (!c_ || !c_->alive()) c_ = std::make_unique<child>(o_.command);
    auto const deadline = clock::now() + o_.timeout;
    std::string line;
    if (std::string e = c_->exchange(path + "\n", false, child::until::newline, line, o_.max_output, r.stderr_text, deadline);
        !e.empty()) {
      c_.reset();  // killed: the next message starts a fresh one
      r.error = "`" + o_.command + "` (batch) " + e;
      return;
    }
    take_tree(line, r);
    if (r.tree && r.tree->contains("file") && (*r.tree)["file"] != path) {
      r.error = "answered for " + (*r.tree)["file"].dump() + " when asked for " + path;
      r.tree.reset();
      c_.reset();
    }
  }

  exec_options o_;
  std::unique_ptr<child> c_;  // the batch process
};

class saved_reader final : public reader {
 public:
  explicit saved_reader(std::string dir) : dir_(std::move(dir)) {}
  std::string name() const override { return "trees: " + dir_; }
  tree_result read(std::string const& path) override {
    tree_result r;
    std::string const file = (std::filesystem::path(dir_) / std::filesystem::path(path).stem()).string() + ".json";
    if (!std::filesystem::exists(file)) {
      r.error = "no saved tree " + file;
      return r;
    }
    std::string text = read_file(file, r.error);
    if (r.error.empty()) take_tree(text, r);
    return r;
  }

 private:
  std::string dir_;
};

class builtin_reader final : public reader {
 public:
  explicit builtin_reader(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  tree_result read(std::string const& path) override {
    tree_result r;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      r.error = "cannot read " + path + ": " + std::strerror(errno);
      return r;
    }
    codec::mime::parser p;
    std::error_code ec;
    std::string buf(64 * 1024, '\0');
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      if (auto n = static_cast<std::size_t>(in.gcount())) p.put(std::string_view(buf.data(), n), ec);
    }
    p.put_eof(ec);
    if (ec) {
      r.error = "the parser stopped: " + ec.message();
      return r;
    }
    r.tree = script::mime_tree_json(p.result(), name_);
    return r;
  }

 private:
  std::string name_;
};

}  // namespace

std::string tree_form_error(json const& j) {
  if (!j.is_object()) return "printed JSON that is not an object";
  auto f = j.find("format");
  if (f == j.end() || *f != "mailspec-mime-1") return "printed JSON without \"format\": \"mailspec-mime-1\"";
  auto m = j.find("message");
  if (m == j.end() || !m->is_object()) return "printed a tree without a \"message\" object";
  return {};
}

std::unique_ptr<reader> make_exec_reader(exec_options o) { return std::make_unique<exec_reader>(std::move(o)); }
std::unique_ptr<reader> make_builtin_reader(std::string name) { return std::make_unique<builtin_reader>(std::move(name)); }
std::unique_ptr<reader> make_saved_reader(std::string dir) { return std::make_unique<saved_reader>(std::move(dir)); }

}  // namespace mailspec::client::mime
