#pragma once
// A run as one object: load the scripts -> select the cases -> probe the target -> execute the cases ->
// finish. `mailspec run` drives one; commands to come (`serve`) share its record, observers and exit codes.
// What the upper layers do with the results (terminal, JSON report, later JUnit/HTML/NDJSON) they do as
// observers: the run calls the interface below, it never knows the report layer.
#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "script/config.hpp"
#include "script/registry.hpp"
#include "script/result.hpp"
#include "server/serve.hpp"

namespace mailspec::client {

/// What a run produced: everything a report needs but the tool's own name and version.
struct run_record {
  script::target tgt;
  script::capabilities caps;
  std::string started;   // RFC 3339 UTC
  std::string finished;  // RFC 3339 UTC
  bool interrupted = false;
  std::map<std::string, std::string> options;  // what the run was asked to do (never credentials)
  std::string probe_error;  // the capability probe could not get through: no case ran (exit 3)
  std::vector<script::case_result> cases;  // in selection order
  std::string mode = "server-test";  // client-test: mailspec served and judged clients (mailspec serve);
                                     // reader-test: a MIME reader judged over a corpus (mailspec mime --exec)
  std::string reader;                // reader-test: the reader's name
};

/// README's exit codes. `exit_code` below is the one place that picks one for a run.
namespace exit_status {
inline constexpr int ok = 0;             // no case got a verdict of --fail-on
inline constexpr int failed = 1;         // a case did
inline constexpr int usage = 2;          // bad flag, script error, nothing selected, report not written
inline constexpr int unreachable = 3;    // the probe could not get through (or --starttls unmet)
inline constexpr int interrupted = 130;  // Ctrl-C before any case finished, or a second Ctrl-C
inline constexpr int terminated = 143;   // SIGTERM
}  // namespace exit_status

/// How a run ended, as far as its exit code is concerned.
enum class run_end {
  usage,        // bad options, script errors, no case selected, an observer that failed (a report not written)
  unreachable,  // the probe could not get through, or --starttls without a working STARTTLS
  completed,    // the cases ran, or a first Ctrl-C kept the rest from starting: the verdicts decide
  abandoned,    // a second Ctrl-C: what had finished was written at once
  terminated,   // SIGTERM: likewise
};

struct run_outcome {
  run_end end = run_end::usage;
  bool interrupted = false;  // a first Ctrl-C kept cases from starting
  std::size_t finished = 0;  // cases that got a verdict
  bool failed = false;       // one of them got a verdict of --fail-on
};

/// The exit status of `o` (exit_status::*).
int exit_code(run_outcome const& o);

/// --fail-on: verdicts separated by commas. Throws std::invalid_argument saying what is accepted.
std::vector<script::verdict> parse_fail_on(std::string const& list);

/// Every *.mspec below `dir` ("": script::default_suites_dir()); script errors are collected, not thrown.
script::registry load_suites(std::string const& dir);
/// The scripts of `paths`: files, or directories searched recursively (`mailspec check`).
script::registry load_scripts(std::vector<std::string> const& paths);

struct run_options {
  std::string suites_dir;  // "": script::default_suites_dir()
  script::selection sel;
  script::run_config cfg;  // target, TLS, credentials, variables, timeouts, limits
  int jobs = 4;
  std::vector<script::verdict> fail_on{script::verdict::fail, script::verdict::error};
  bool require_starttls = false;  // a cleartext URL must offer a working STARTTLS
  bool role_server = false;       // select the cases where mailspec plays the server (`mailspec serve`)
  // The options as the caller names them, for the report's "options" (never credentials): only the
  // caller knows how its flags were spelled.
  std::map<std::string, std::string> described;
};

/** What the upper layers do with a run. Every call with the same run is serialised (made under the run's
    lock), though not always from the same thread. */
class run_observer {
 public:
  virtual ~run_observer() = default;
  /// The probe got through: the target's capabilities are known and no case has started.
  virtual void on_probed(run_record const& /*r*/) {}
  /// A case starts (from a worker thread): in `serve`, once its client has connected.
  virtual void on_case_started(script::case_def const& /*c*/) {}
  /// A case finished, the `done`-th of `total` (from a worker thread).
  virtual void on_case(script::case_result const& /*r*/, std::size_t /*done*/, std::size_t /*total*/) {}
  /// The run is over: its cases ran (or were stopped), or the probe failed (`r.probe_error`). May throw
  /// (a report that cannot be written): the observers after it are then not called.
  virtual void on_finished(run_record const& /*r*/) {}
  /// A second Ctrl-C or SIGTERM: `r` holds the cases finished so far, in the order they finished, and
  /// the process ends when this returns. May throw.
  virtual void on_abandoned(run_record const& /*r*/) {}
};

enum class probe_status { ok, unreachable, no_starttls };

/** One run of server suites against one target. Call the phases in order: load, select, probe, execute,
    finish; a phase that says the run cannot go on ends it (outcome() then says how). */
class run {
 public:
  explicit run(run_options opts);
  run(run const&) = delete;
  run& operator=(run const&) = delete;

  /// Adds an observer, not owned: it must outlive the run. Called in the order added.
  void observe(run_observer& o);

  /// Loads the scripts of the suites directory; the script errors ("file:line: message"), if any.
  std::vector<std::string> const& load();
  /** The cases of the target's protocol the selection picks, in file order; none is a usage error. In
      client-test mode a case whose `requires` the scheme served rules out (`plain` under smtps) is left
      out, and recorded as `skip` with the reason (not_served()). */
  std::vector<script::case_def const*> const& select();
  /// client-test: the selected cases left out by select(), as skip results (they use no connection).
  std::vector<script::case_result> const& not_served() const { return not_served_; }
  /// Probes the target's capabilities once; on success observers get on_probed. Otherwise no case runs
  /// (`record().probe_error` says why the target is unreachable).
  probe_status probe();
  /** Runs the selected cases, `jobs` at a time, each on fresh connections; observers get on_case_started
      as each starts and on_case as it finishes. Once `stop` is true no case starts and the run is
      interrupted; cases under way finish. */
  void execute(std::atomic<bool> const& stop);
  /** client-test mode (`mailspec serve`): instead of probe() and execute(), listens and runs one selected
      (server-role) case per client connection, in order, as server::serve_cases does; observers get
      on_case_started once its client connected and on_case after it. A listener that cannot be opened,
      or no client within the accept timeout, is recorded as `probe_error` (exit 3), with what was served
      before. */
  void serve(std::atomic<bool> const& stop, server::serve_options const& opt, server::on_listening const& listening);
  /// Stamps the end and calls on_finished; an observer that throws ends the chain (`finish_error()`).
  void finish();
  /// A second Ctrl-C or SIGTERM, from any thread: on_abandoned with what has finished. What observers threw.
  std::vector<std::string> abandon();

  run_options const& options() const { return opts_; }
  /// Complete after finish(); read it from the thread that called it.
  run_record const& record() const { return record_; }
  std::string const& finish_error() const { return finish_error_; }
  run_outcome outcome() const;

 private:
  void notify_case(script::case_result const& r, std::size_t done, std::size_t total);
  void notify_started(script::case_def const& c);

  run_options opts_;
  script::registry registry_;
  std::vector<script::case_def const*> selected_;
  std::vector<script::case_result> not_served_;
  std::vector<run_observer*> observers_;
  mutable std::mutex lock_;  // record_, finished_ and every observer call
  run_record record_;
  std::vector<script::case_result> finished_;  // as they finished, for abandon()
  run_end end_ = run_end::usage;
  std::string finish_error_;
};

/// Current time as RFC 3339 UTC with milliseconds.
std::string now_rfc3339();

/// Calls on_abandoned of each observer with `snap` (shared by client::run and the MIME corpus run);
/// what they threw.
std::vector<std::string> notify_abandoned(std::vector<run_observer*> const& observers, run_record const& snap);
/// Calls on_finished of each observer with `record`, stopping at the first that throws: its message, or
/// empty when all succeeded (shared by client::run and the MIME corpus run).
std::string notify_finished(std::vector<run_observer*> const& observers, run_record const& record);
/// Whether one of `cases` got a verdict of `fail_on`.
bool any_verdict_of(std::vector<script::case_result> const& cases, std::vector<script::verdict> const& fail_on);

}  // namespace mailspec::client
