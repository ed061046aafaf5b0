#pragma once
// One connection's view of its selected IMAP mailbox (issue 10, "state tracking in every case"), in
// the manner of imaptest: a sans-IO model fed event by event (commands sent, untagged data, tagged
// completions) that remembers what the server said (message count, the UID of each sequence number,
// flags, mod-sequences) and reports every response that breaks an invariant of RFC 9051 or RFC 7162.
//
// The events are this model's own small types: an adapter turns the typed response grammar into
// them. A violation is data ({rule, RFC, section, level, sentence}); only the script layer turns it
// into a verdict. Every container is bounded (limits below): past a bound the model stops tracking
// and says so once, it never grows without end.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailspec::codec::imap {

/// The level of the sentence a rule comes from. `info` marks an outcome the RFC permits in general
/// but that this case's setting (no other writer) makes noteworthy.
enum class rule_level { must, should, info };

std::string_view to_string(rule_level level);

/// One broken invariant.
struct state_violation {
  std::string rule;           // stable id, e.g. "exists-decreased"
  std::string rfc;            // "9051", "7162"
  std::string section;        // "5.2"
  rule_level level = rule_level::must;
  /// true when the rule follows from a definition (a sequence number is a position from 1 to the
  /// message count) rather than from a sentence with a requirement keyword.
  bool definitional = false;
  std::string detail;         // what was seen, and what the RFC allows
  std::size_t event = 0;      // index of the event that revealed it (0-based, per model)

  friend bool operator==(state_violation const&, state_violation const&) = default;
};

/// Inclusive ranges of numbers, e.g. the UID set of a VANISHED response.
using number_ranges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/** Parses a sequence set or UID set as sent on the wire ("1:3,7,9:*"); `*` becomes `star`, and
    a range given high-to-low is turned around. Returns nothing for anything else ("$", empty,
    0, numbers past 2^32-1): the caller then has no targets, not wrong ones. */
std::optional<number_ranges> parse_number_set(std::string_view text, std::uint32_t star);

bool contains(number_ranges const& set, std::uint32_t n);

/// Flags compare case-insensitively: the grammar's alphabetic characters are case-insensitive
/// unless noted (RFC 9051 §9, note 1), and a flag is an atom there. Comparing leniently can only
/// hide a mismatch that differs in case, never invent one.
struct flag_less {
  bool operator()(std::string_view a, std::string_view b) const;
};
using flag_set = std::set<std::string, flag_less>;

enum class command_kind {
  fetch, store, search,              // by sequence number: no EXPUNGE/VANISHED while in flight
  uid_fetch, uid_store, uid_search,  // UID forms: EXPUNGE allowed (RFC 9051 §7.5.1 note)
  noop, idle, check, expunge, uid_expunge, close, unselect,
  select, examine, append, copy, move, uid_copy, uid_move,
  other,
};

enum class store_mode { replace, add, remove };  // FLAGS, +FLAGS, -FLAGS

/// What a STORE / UID STORE asked for.
struct store_request {
  store_mode mode = store_mode::replace;
  flag_set flags;
  bool silent = false;           // FLAGS.SILENT and friends
  bool unchangedsince = false;   // RFC 7162 §3.1.3: a FETCH is then due even with .SILENT
  std::string set;               // the sequence set or UID set as sent
};

/// A command that the server has received completely (RFC 9051 §7.5.1: a command is not in
/// progress during continuation negotiation, so APPEND starts after its last literal).
struct command_event {
  std::string tag;
  command_kind kind = command_kind::other;
  std::string mailbox;                      // SELECT / EXAMINE
  bool sequence_numbers_in_criteria = false;  // UID SEARCH with sequence numbers (RFC 7162 §3.2.10.2)
  std::optional<store_request> store;       // STORE / UID STORE
};

enum class completion { ok, no, bad };

/// An untagged FETCH, reduced to what the model tracks.
struct fetch_event {
  std::uint64_t number = 0;                  // the message sequence number
  std::optional<std::uint64_t> uid;
  std::optional<flag_set> flags;
  std::optional<std::uint64_t> modseq;
};

struct model_options {
  /// Another session or agent may write to the mailbox while this one runs (deliveries, a second
  /// connection of the case). Then flags after a STORE may differ from the requested result
  /// without any fault: the STORE rules are reported as info. false: they are SHOULD.
  bool other_writers = true;
  std::size_t max_messages = 1u << 20;  // messages tracked in one selection
  std::size_t max_expunged = 1u << 20;  // expunged UIDs remembered per selection / registry key
};

/** The UIDs expunged and the highest UIDNEXT / HIGHESTMODSEQ seen per (mailbox, UIDVALIDITY),
    shared by the sessions of one case so that a UID expunged in one session and live again in a
    selection made later (in any session) is caught. Single-threaded: feed every session's events
    in the order they happened on the wire. */
class mailbox_registry {
 public:
  explicit mailbox_registry(std::size_t max_expunged = 1u << 20) : max_expunged_(max_expunged) {}

  /// A value reported by a selection, with the clock of the report: a later selection is held
  /// only to values reported before it began (responses of overlapping selections may cross).
  struct report_history {
    std::map<std::uint64_t, std::uint64_t> values;  // clock -> value, the oldest dropped past 1024
    void add(std::uint64_t clock, std::uint64_t value);
    /// The highest value reported before `clock`, with the clock of that report.
    std::optional<std::uint64_t> max_before(std::uint64_t clock) const;
  };

  struct key_state {
    std::map<std::uint32_t, std::uint64_t> expunged;  // UID -> clock of the report
    report_history uidnext;
    report_history highestmodseq;
    bool truncated = false;                           // expunged reached its bound
  };

  /// A global event clock: every model ticks it once per event.
  std::uint64_t tick() { return ++clock_; }
  std::uint64_t now() const { return clock_; }

  key_state& at(std::string const& mailbox, std::uint32_t uidvalidity);
  key_state const* find(std::string const& mailbox, std::uint32_t uidvalidity) const;
  void record_expunge(std::string const& mailbox, std::uint32_t uidvalidity, std::uint32_t uid);

 private:
  std::map<std::pair<std::string, std::uint32_t>, key_state> keys_;
  std::uint64_t clock_ = 0;
  std::size_t max_expunged_;
};

/** The model of one connection. Feed it, in wire order:
      - command_started() when a complete command has been sent, command_completed() on its
        tagged response (a BYE ending the connection needs nothing);
      - every untagged response the model knows (on_exists(), on_fetch(), ...); the rest are
        not its business.
    SELECT/EXAMINE start a fresh view once the commands sent before them are answered (the
    untagged data from then on belong to the new mailbox);
    its tagged OK makes it the selected mailbox, NO/BAD leaves none selected, as do CLOSE and
    UNSELECT. selected()/unselected() set the state directly for adapters that know it otherwise.
    Untagged data while no mailbox is selected or being selected are ignored.
    Violations accumulate; take_violations() hands them over. */
class mailbox_state {
 public:
  explicit mailbox_state(model_options options = {}, mailbox_registry* registry = nullptr);

  void command_started(command_event const& command);
  void command_completed(std::string_view tag, completion result);
  void selected(std::string mailbox, bool read_only);
  void unselected();

  void on_uidvalidity(std::uint64_t value);
  void on_uidnext(std::uint64_t value);
  void on_exists(std::uint64_t count);
  void on_recent(std::uint64_t count);
  void on_expunge(std::uint64_t number);
  void on_vanished(number_ranges const& uids, bool earlier);
  void on_fetch(fetch_event const& fetch);
  void on_flags(flag_set flags);
  void on_permanentflags(flag_set flags);
  void on_highestmodseq(std::uint64_t value);

  std::vector<state_violation> const& violations() const { return violations_; }
  std::vector<state_violation> take_violations();

  // What the model believes, for tests and for the script layer's captures.
  bool is_selected() const { return phase_ == phase::selected; }
  std::string const& mailbox() const { return mailbox_; }
  bool read_only() const { return read_only_; }
  /// A bound of model_options was reached: the model stopped tracking this selection.
  bool overflowed() const { return overflow_; }
  std::size_t count() const { return messages_.size(); }
  std::optional<std::uint32_t> uid_of(std::size_t number) const;  // 1-based
  std::optional<flag_set> flags_of(std::size_t number) const;
  std::optional<std::uint32_t> uidvalidity() const { return uidvalidity_; }
  std::optional<std::uint32_t> uidnext() const { return uidnext_; }
  std::optional<std::uint32_t> recent() const { return recent_; }
  flag_set const& mailbox_flags() const { return mailbox_flags_; }

 private:
  enum class phase { none, selecting, selected };

  struct message {
    std::uint32_t uid = 0;              // 0: not yet known
    bool arrived = false;               // announced by EXISTS after the last UIDNEXT / the selection
    std::uint32_t floor = 0;            // highest UID seen before it was announced
    std::optional<flag_set> flags;
    std::uint64_t modseq = 0;           // 0: not yet known
    std::uint64_t store_modseq = 0;     // mod-sequence of the last completed STORE of ours on it
  };

  struct store_target {
    std::uint32_t number = 0;           // sequence number at start (sequence STORE)
    std::uint32_t uid = 0;              // UID (UID STORE, or known at start)
    std::optional<flag_set> before;
    std::optional<flag_set> reported;   // FLAGS of the last FETCH during the STORE
    std::uint64_t modseq = 0;
  };

  struct in_flight {
    command_event command;
    std::optional<number_ranges> uid_set;    // UID STORE targets
    std::vector<store_target> targets;       // sequence STORE targets (resolved at start)
    std::vector<store_target> uid_reports;   // what a UID STORE's FETCHes said
    bool targets_known = false;
    bool selection_pending = false;          // a SELECT/EXAMINE waiting for earlier commands to finish
  };

  void begin_selection(std::string mailbox, bool read_only);
  void begin_pending_selection();
  void finish_command(in_flight const& done, completion result);
  void reset_view();
  void report(std::string_view rule, std::string_view rfc, std::string_view section, rule_level level,
              std::string detail, bool definitional = false);
  std::uint64_t tick();
  bool tracking() const { return phase_ != phase::none && !overflow_; }
  bool is_number_in_flight() const;
  bool is_uid_search_by_number_in_flight() const;
  void check_removal_moment(std::string_view what, std::string_view rfc, std::string_view section,
                            bool vanished);
  void remove_at(std::size_t index);
  void remember_expunged(std::uint32_t uid);
  std::optional<std::size_t> index_of_uid(std::uint32_t uid) const;
  void vanish_one(std::uint32_t uid);
  bool fetch_number_ok(std::uint64_t number);
  void learn_uid(std::size_t index, std::uint64_t uid);
  bool check_uid_order(std::size_t index, std::uint32_t uid);  // false: reported
  bool check_uid_fresh(std::size_t index, std::uint32_t uid);  // false: reported
  void check_uid_against_uidnext(std::size_t index, std::uint32_t uid);
  void learn_modseq(std::size_t index, std::uint64_t modseq);
  void note_store_fetch(std::size_t index, fetch_event const& fetch);
  void start_store(in_flight& command);
  void finish_store(in_flight const& command);
  void check_store_target(in_flight const& command, store_target const& target);
  void check_store_modseq(store_target const& target);
  void apply_unreported_store(in_flight const& command);
  store_target* target_of(in_flight& command, std::size_t index, fetch_event const& fetch);
  flag_set comparable(flag_set const& flags) const;
  std::optional<flag_set> expected_flags(store_request const& request, std::optional<flag_set> const& before) const;
  bool permanent(std::string const& flag) const;
  rule_level store_level() const { return options_.other_writers ? rule_level::info : rule_level::should; }
  mailbox_registry::key_state* registry_key();
  void share_with_registry();
  bool check_registry_uid(std::uint32_t uid);  // false: reported

  model_options options_;
  mailbox_registry* registry_;
  std::vector<state_violation> violations_;
  std::size_t events_ = 0;
  std::vector<in_flight> commands_;

  phase phase_ = phase::none;
  std::string mailbox_;
  bool read_only_ = false;
  bool overflow_ = false;
  std::uint64_t selection_clock_ = 0;        // registry clock when this selection began
  std::vector<message> messages_;
  std::optional<std::uint32_t> uidvalidity_;
  std::optional<std::uint32_t> uidnext_;
  std::optional<std::uint32_t> recent_;
  std::optional<std::uint64_t> highestmodseq_;
  std::uint32_t max_uid_ = 0;                // highest UID seen in this selection
  std::set<std::uint32_t> expunged_;         // UIDs this session was told are gone
  flag_set mailbox_flags_;
  std::optional<flag_set> permanent_flags_;
};

}  // namespace mailspec::codec::imap
