#include "codec/imap/mailbox_state.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace mailspec::codec::imap {

namespace {

constexpr std::uint64_t max_u32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t history_bound = 1024;
constexpr std::size_t commands_bound = 1024;  // commands in flight; a lost tagged response must not pile up

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower(x) == lower(y);
         });
}

// INBOX is case-insensitive (RFC 9051 §5.1); other names are compared as sent.
std::string canonical_mailbox(std::string name) { return iequal(name, "INBOX") ? std::string("INBOX") : name; }

std::string show(flag_set const& flags) {
  std::string out = "(";
  for (auto const& flag : flags) out += (out.size() > 1 ? " " : "") + flag;
  return out + ")";
}

std::optional<std::uint32_t> parse_set_number(std::string_view text, std::uint32_t star) {
  if (text == "*") return star;
  std::uint64_t n = 0;
  auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n == 0 || n > max_u32) return std::nullopt;
  return static_cast<std::uint32_t>(n);
}

bool is_number_kind(command_kind kind) {
  return kind == command_kind::fetch || kind == command_kind::store || kind == command_kind::search;
}

bool is_store_kind(command_kind kind) { return kind == command_kind::store || kind == command_kind::uid_store; }

}  // namespace

std::string_view to_string(rule_level level) {
  switch (level) {
    case rule_level::must: return "MUST";
    case rule_level::should: return "SHOULD";
    case rule_level::info: return "MAY";
  }
  return "MUST";
}

bool flag_less::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

std::optional<number_ranges> parse_number_set(std::string_view text, std::uint32_t star) {
  number_ranges out;
  while (true) {
    auto const comma = text.find(',');
    auto const item = text.substr(0, comma);
    auto const colon = item.find(':');
    auto const low = parse_set_number(item.substr(0, colon), star);
    auto const high = colon == std::string_view::npos ? low : parse_set_number(item.substr(colon + 1), star);
    if (!low || !high) return std::nullopt;
    out.emplace_back(std::min(*low, *high), std::max(*low, *high));
    if (comma == std::string_view::npos) return out;
    text.remove_prefix(comma + 1);
  }
}

bool contains(number_ranges const& set, std::uint32_t n) {
  return std::any_of(set.begin(), set.end(), [n](auto const& r) { return r.first <= n && n <= r.second; });
}

// ---- registry ----------------------------------------------------------------------------------

void mailbox_registry::report_history::add(std::uint64_t clock, std::uint64_t value) {
  values[clock] = value;
  if (values.size() > history_bound) values.erase(values.begin());
}

std::optional<std::uint64_t> mailbox_registry::report_history::max_before(std::uint64_t clock) const {
  std::optional<std::uint64_t> best;
  for (auto it = values.begin(); it != values.end() && it->first < clock; ++it)
    if (!best || it->second > *best) best = it->second;
  return best;
}

mailbox_registry::key_state& mailbox_registry::at(std::string const& mailbox, std::uint32_t uidvalidity) {
  return keys_[{canonical_mailbox(mailbox), uidvalidity}];
}

mailbox_registry::key_state const* mailbox_registry::find(std::string const& mailbox,
                                                          std::uint32_t uidvalidity) const {
  auto const it = keys_.find({canonical_mailbox(mailbox), uidvalidity});
  return it == keys_.end() ? nullptr : &it->second;
}

void mailbox_registry::record_expunge(std::string const& mailbox, std::uint32_t uidvalidity, std::uint32_t uid) {
  auto& key = at(mailbox, uidvalidity);
  if (key.expunged.size() >= max_expunged_ && !key.expunged.contains(uid)) {
    key.truncated = true;
    return;
  }
  key.expunged.emplace(uid, clock_);  // the first report counts
}

// ---- the model: commands and selection ---------------------------------------------------------

mailbox_state::mailbox_state(model_options options, mailbox_registry* registry)
    : options_(options), registry_(registry) {}

std::uint64_t mailbox_state::tick() {
  ++events_;
  return registry_ ? registry_->tick() : events_;
}

void mailbox_state::report(std::string_view rule, std::string_view rfc, std::string_view section, rule_level level,
                           std::string detail, bool definitional) {
  violations_.push_back(state_violation{std::string(rule), std::string(rfc), std::string(section), level,
                                        definitional, std::move(detail), events_ - 1});
}

std::vector<state_violation> mailbox_state::take_violations() {
  auto out = std::move(violations_);
  violations_.clear();
  return out;
}

void mailbox_state::reset_view() {
  messages_.clear();
  uidvalidity_.reset();
  uidnext_.reset();
  recent_.reset();
  highestmodseq_.reset();
  max_uid_ = 0;
  expunged_.clear();
  mailbox_flags_.clear();
  permanent_flags_.reset();
  overflow_ = false;
}

void mailbox_state::begin_selection(std::string name, bool examine) {
  reset_view();
  phase_ = phase::selecting;
  mailbox_ = canonical_mailbox(std::move(name));
  read_only_ = examine;
  selection_clock_ = registry_ ? registry_->now() : events_;
}

void mailbox_state::selected(std::string name, bool examine) {
  tick();
  begin_selection(std::move(name), examine);
  phase_ = phase::selected;
}

void mailbox_state::unselected() {
  tick();
  phase_ = phase::none;
  reset_view();
}

void mailbox_state::command_started(command_event const& command) {
  tick();
  if (commands_.size() >= commands_bound) commands_.erase(commands_.begin());
  bool const selecting = command.kind == command_kind::select || command.kind == command_kind::examine;
  // Responses to commands sent before a SELECT still concern the old mailbox: the new view begins
  // when they are all answered (RFC 9051 §5.5: the server finishes them first).
  bool const now = selecting && commands_.empty();
  commands_.push_back(in_flight{command, std::nullopt, {}, {}, false, selecting && !now});
  if (now) begin_selection(command.mailbox, command.kind == command_kind::examine);
  if (is_store_kind(command.kind) && command.store) start_store(commands_.back());
}

void mailbox_state::begin_pending_selection() {
  if (commands_.empty() || !commands_.front().selection_pending) return;
  auto& front = commands_.front();
  front.selection_pending = false;
  begin_selection(front.command.mailbox, front.command.kind == command_kind::examine);
}

void mailbox_state::command_completed(std::string_view tag, completion result) {
  tick();
  auto const it = std::find_if(commands_.begin(), commands_.end(),
                               [tag](in_flight const& c) { return c.command.tag == tag; });
  if (it == commands_.end()) return;
  auto const done = std::move(*it);
  commands_.erase(it);
  if (done.selection_pending) begin_selection(done.command.mailbox, done.command.kind == command_kind::examine);
  finish_command(done, result);
  begin_pending_selection();
}

void mailbox_state::finish_command(in_flight const& done, completion result) {
  switch (done.command.kind) {
    case command_kind::select:
    case command_kind::examine:
      if (phase_ != phase::selecting) break;
      if (result == completion::ok) {
        phase_ = phase::selected;
        share_with_registry();
      } else {
        // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected. After a BAD the server may
        // have kept the old one; not tracking then only loses checks, it invents none.
        phase_ = phase::none;
        reset_view();
      }
      break;
    case command_kind::close:
    case command_kind::unselect:
      if (result == completion::ok) {
        phase_ = phase::none;
        reset_view();
      }
      break;
    case command_kind::store:
    case command_kind::uid_store:
      if (result == completion::ok && tracking()) finish_store(done);
      break;
    default: break;
  }
}

bool mailbox_state::is_number_in_flight() const {
  return std::any_of(commands_.begin(), commands_.end(),
                     [](in_flight const& c) { return is_number_kind(c.command.kind); });
}

bool mailbox_state::is_uid_search_by_number_in_flight() const {
  return std::any_of(commands_.begin(), commands_.end(), [](in_flight const& c) {
    return c.command.kind == command_kind::uid_search && c.command.sequence_numbers_in_criteria;
  });
}

// ---- registry exchange -------------------------------------------------------------------------

mailbox_registry::key_state* mailbox_state::registry_key() {
  if (!registry_ || !uidvalidity_) return nullptr;
  return &registry_->at(mailbox_, *uidvalidity_);
}

void mailbox_state::share_with_registry() {
  auto* key = registry_key();
  if (!key) return;
  auto const now = registry_->now();
  if (uidnext_) {
    auto const before = key->uidnext.max_before(selection_clock_);
    if (before && *uidnext_ < *before)
      report("uidnext-decreased", "9051", "2.3.1.1", rule_level::must,
             "UIDNEXT " + std::to_string(*uidnext_) + " for " + mailbox_ + " (UIDVALIDITY " +
                 std::to_string(*uidvalidity_) + ") after an earlier selection was told UIDNEXT " +
                 std::to_string(*before) + "; under the same UIDVALIDITY the next UID only changes when messages "
                 "are added, so it may stay or grow, never fall");
    key->uidnext.add(now, *uidnext_);
  }
  if (highestmodseq_) {
    auto const before = key->highestmodseq.max_before(selection_clock_);
    if (before && *highestmodseq_ < *before)
      report("highestmodseq-decreased", "7162", "3.1.2.1", rule_level::should,
             "HIGHESTMODSEQ " + std::to_string(*highestmodseq_) + " for " + mailbox_ +
                 " after an earlier selection under the same UIDVALIDITY was told " + std::to_string(*before) +
                 "; a client cache compares them, so the value may stay or grow");
    key->highestmodseq.add(now, *highestmodseq_);
  }
}

bool mailbox_state::check_registry_uid(std::uint32_t uid) {
  if (!registry_ || !uidvalidity_) return true;
  auto const* key = registry_->find(mailbox_, *uidvalidity_);
  if (!key) return true;
  auto const it = key->expunged.find(uid);
  // Expunged before this selection began: no later view may show the UID again. Expunged after
  // it began: this session may still show the message until it is told.
  if (it == key->expunged.end() || it->second >= selection_clock_) return true;
  report("uid-reused", "9051", "2.3.1.1", rule_level::must,
           "UID " + std::to_string(uid) + " in " + mailbox_ + " (UIDVALIDITY " + std::to_string(*uidvalidity_) +
               ") is live in this selection, but it was reported expunged before the selection began; an "
               "expunged UID is never used again under the same UIDVALIDITY");
  return false;
}

// ---- untagged mailbox data ---------------------------------------------------------------------

void mailbox_state::on_uidvalidity(std::uint64_t value) {
  tick();
  if (!tracking()) return;
  if (value == 0 || value > max_u32) {
    report("uidvalidity-invalid", "9051", "2.3.1.1", rule_level::must,
           "UIDVALIDITY " + std::to_string(value) + "; it is a non-zero 32-bit value", true);
    return;
  }
  auto const v = static_cast<std::uint32_t>(value);
  if (uidvalidity_ && *uidvalidity_ != v) {
    report("uidvalidity-changed", "9051", "2.3.1.1", rule_level::must,
           "UIDVALIDITY " + std::to_string(v) + " within the selection of " + mailbox_ + " that began with " +
               std::to_string(*uidvalidity_) + "; UIDs must not change during the session");
    return;
  }
  uidvalidity_ = v;
}

void mailbox_state::on_uidnext(std::uint64_t value) {
  tick();
  if (!tracking()) return;
  if (value == 0 || value > max_u32) {
    report("uidnext-invalid", "9051", "2.3.1.1", rule_level::must,
           "UIDNEXT " + std::to_string(value) + "; it is a non-zero 32-bit value", true);
    return;
  }
  auto const v = static_cast<std::uint32_t>(value);
  if (uidnext_ && v < *uidnext_)
    report("uidnext-decreased", "9051", "2.3.1.1", rule_level::must,
           "UIDNEXT " + std::to_string(v) + " after " + std::to_string(*uidnext_) +
               " in the same selection; it may stay or grow, never fall");
  if (max_uid_ >= v)
    report("uidnext-not-above-uids", "9051", "2.3.1.1", rule_level::must,
           "UIDNEXT " + std::to_string(v) + " while UID " + std::to_string(max_uid_) +
               " was already seen; the next UID exceeds every UID assigned so far");
  uidnext_ = v;
  // Every message known now existed before this prediction: its UID lies below it.
  for (auto& m : messages_) m.arrived = false;
  if (phase_ == phase::selected) share_with_registry();
}

void mailbox_state::on_exists(std::uint64_t n) {
  tick();
  if (!tracking()) return;
  if (n > options_.max_messages) {
    overflow_ = true;
    return;
  }
  if (n < messages_.size()) {
    report("exists-decreased", "9051", "5.2", rule_level::must,
           "EXISTS " + std::to_string(n) + " while the client counts " + std::to_string(messages_.size()) +
               " messages; only EXPUNGE (or VANISHED) may lower the count, EXISTS may repeat it or raise it");
    // Which messages went is unknown: keep the server's count, forget what was learnt by number.
    messages_.resize(static_cast<std::size_t>(n));
    for (auto& m : messages_) m = message{0, m.arrived, 0, std::nullopt, 0, 0};
    return;
  }
  bool const arrived = phase_ == phase::selected && uidnext_.has_value();
  while (messages_.size() < n) messages_.push_back(message{0, arrived, max_uid_, std::nullopt, 0, 0});
}

void mailbox_state::on_recent(std::uint64_t n) {
  tick();
  if (!tracking()) return;
  recent_ = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, max_u32));
}

void mailbox_state::on_flags(flag_set flags) {
  tick();
  if (!tracking()) return;
  mailbox_flags_ = std::move(flags);
}

void mailbox_state::on_permanentflags(flag_set flags) {
  tick();
  if (!tracking()) return;
  permanent_flags_ = std::move(flags);
}

void mailbox_state::on_highestmodseq(std::uint64_t value) {
  tick();
  if (!tracking()) return;
  if (highestmodseq_ && value < *highestmodseq_)
    report("highestmodseq-decreased", "7162", "3.1.2.1", rule_level::should,
           "HIGHESTMODSEQ " + std::to_string(value) + " after " + std::to_string(*highestmodseq_) +
               " in the same selection; it may stay or grow");
  highestmodseq_ = value;
  if (phase_ == phase::selected) share_with_registry();
}

// ---- removals ----------------------------------------------------------------------------------

void mailbox_state::check_removal_moment(std::string_view what, std::string_view rfc, std::string_view section,
                                         bool vanished) {
  std::string const name(what);
  if (commands_.empty()) {
    report("expunge-without-command", rfc, section, rule_level::must,
           name + " while no command was in progress; it may only answer a command other than FETCH, STORE "
                  "and SEARCH (NOOP, IDLE, EXPUNGE, a UID command, ...)");
  } else if (is_number_in_flight()) {
    report("expunge-during-sequence-command", rfc, section, rule_level::must,
           name + " while a FETCH, STORE or SEARCH by sequence number was in progress; allowed only while "
                  "other commands (NOOP, IDLE, EXPUNGE, the UID forms, ...) are in progress");
  } else if (vanished && is_uid_search_by_number_in_flight()) {
    report("expunge-during-sequence-command", rfc, section, rule_level::must,
           name + " while a UID SEARCH with sequence numbers in its criteria was in progress");
  }
}

void mailbox_state::remember_expunged(std::uint32_t uid) {
  if (uid == 0) return;
  if (expunged_.size() < options_.max_expunged) expunged_.insert(uid);
  if (registry_ && uidvalidity_) registry_->record_expunge(mailbox_, *uidvalidity_, uid);
}

void mailbox_state::remove_at(std::size_t index) {
  remember_expunged(messages_[index].uid);
  messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(index));
}

void mailbox_state::on_expunge(std::uint64_t number) {
  tick();
  if (!tracking()) return;
  check_removal_moment("EXPUNGE " + std::to_string(number), "9051", "7.5.1", false);
  if (number == 0 || number > messages_.size()) {
    report("expunge-out-of-range", "9051", "7.5.1", rule_level::must,
           "EXPUNGE " + std::to_string(number) + " while the mailbox holds " + std::to_string(messages_.size()) +
               " messages; a sequence number lies between 1 and the message count",
           true);
    return;
  }
  remove_at(static_cast<std::size_t>(number - 1));
}

std::optional<std::size_t> mailbox_state::index_of_uid(std::uint32_t uid) const {
  for (std::size_t i = 0; i < messages_.size(); ++i)
    if (messages_[i].uid == uid) return i;
  return std::nullopt;
}

void mailbox_state::vanish_one(std::uint32_t uid) {
  auto const not_visible = [&](std::string const& why) {
    report("vanished-not-visible", "7162", "3.2.10.2", rule_level::must,
           "VANISHED names UID " + std::to_string(uid) + ", " + why +
               "; it may name only messages the client was shown and not yet told are gone");
  };
  if (expunged_.contains(uid)) return not_visible("which was already reported expunged");
  if (auto const index = index_of_uid(uid)) return remove_at(*index);
  // The UID is not known: it can only belong to a message of unknown UID between the known
  // neighbours (UIDs ascend with sequence numbers). Those are alike, so any of them will do.
  std::size_t first = 0, last = messages_.size();
  for (std::size_t i = 0; i < messages_.size(); ++i) {
    if (messages_[i].uid == 0) continue;
    if (messages_[i].uid < uid) first = i + 1;
    else if (last == messages_.size()) last = i;
  }
  std::optional<std::size_t> pick;
  for (std::size_t i = first; i < last; ++i) {
    if (messages_[i].uid != 0) continue;
    if (!pick) pick = i;
    else messages_[i].flags.reset(), messages_[i].modseq = 0;  // which is which is no longer known
  }
  if (!pick) return not_visible("which no message in the client's view can carry");
  remember_expunged(uid);
  messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(*pick));
}

void mailbox_state::on_vanished(number_ranges const& uids, bool earlier) {
  tick();
  if (!tracking()) return;
  std::uint64_t total = 0;
  for (auto const& [low, high] : uids) total += std::uint64_t{high} - low + 1;
  if (earlier) {
    // Gone before: no renumbering (RFC 7162 §3.2.10.1). Only the registry learns from it, and
    // only for UIDs this session has seen (a set like 1:4294967295 is legal and must not be walked).
    for (auto const& m : messages_)
      if (m.uid != 0 && contains(uids, m.uid) && registry_ && uidvalidity_)
        registry_->record_expunge(mailbox_, *uidvalidity_, m.uid);
    return;
  }
  check_removal_moment("VANISHED", "7162", "3.2.10.2", true);
  if (total > messages_.size()) {
    report("vanished-not-visible", "7162", "3.2.10.2", rule_level::must,
           "VANISHED names " + std::to_string(total) + " UIDs while the client counts " +
               std::to_string(messages_.size()) + " messages; each UID must be a message the client was shown");
    for (auto const& [low, high] : uids)
      for (std::size_t i = messages_.size(); i-- > 0;)
        if (messages_[i].uid >= low && messages_[i].uid <= high) remove_at(i);
    return;
  }
  for (auto const& [low, high] : uids)
    for (std::uint64_t uid = low; uid <= high; ++uid) vanish_one(static_cast<std::uint32_t>(uid));
}

// ---- FETCH -------------------------------------------------------------------------------------

bool mailbox_state::fetch_number_ok(std::uint64_t number) {
  if (number >= 1 && number <= messages_.size()) return true;
  report("fetch-out-of-range", "9051", "2.3.1.2", rule_level::must,
         "FETCH for message " + std::to_string(number) + " while the mailbox holds " +
             std::to_string(messages_.size()) + " messages; a sequence number lies between 1 and the message count",
         true);
  return false;
}

void mailbox_state::on_fetch(fetch_event const& fetch) {
  tick();
  if (!tracking() || !fetch_number_ok(fetch.number)) return;
  auto const index = static_cast<std::size_t>(fetch.number - 1);
  note_store_fetch(index, fetch);  // before the flags are updated: a UID STORE wants the old ones
  if (fetch.uid) learn_uid(index, *fetch.uid);
  if (fetch.flags) messages_[index].flags = *fetch.flags;
  if (fetch.modseq) learn_modseq(index, *fetch.modseq);
}

void mailbox_state::learn_uid(std::size_t index, std::uint64_t value) {
  if (value == 0 || value > max_u32) {
    report("uid-invalid", "9051", "2.3.1.1", rule_level::must,
           "message " + std::to_string(index + 1) + " reports UID " + std::to_string(value) +
               "; a UID is a non-zero 32-bit value",
           true);
    return;
  }
  auto const uid = static_cast<std::uint32_t>(value);
  auto& m = messages_[index];
  if (m.uid != 0) {
    if (m.uid != uid)
      report("uid-changed", "9051", "2.3.1.1", rule_level::must,
             "message " + std::to_string(index + 1) + " reports UID " + std::to_string(uid) + " after UID " +
                 std::to_string(m.uid) + " with no EXPUNGE or VANISHED before it in between; a UID never "
                 "changes during the session and sequence numbers move only when messages are removed");
    return;
  }
  // One finding per UID: the later checks would only restate the first one that fails.
  if (check_uid_order(index, uid) && check_uid_fresh(index, uid)) check_uid_against_uidnext(index, uid);
  m.uid = uid;
  max_uid_ = std::max(max_uid_, uid);
}

bool mailbox_state::check_uid_order(std::size_t index, std::uint32_t uid) {
  auto const before = violations_.size();
  auto const complain = [&](std::size_t other, char const* relation) {
    report("uid-order", "9051", "2.3.1.2", rule_level::must,
           "message " + std::to_string(index + 1) + " reports UID " + std::to_string(uid) + " while message " +
               std::to_string(other + 1) + " has UID " + std::to_string(messages_[other].uid) +
               "; sequence numbers are ordered by ascending UID, so its UID must be " + relation);
  };
  for (std::size_t i = index; i-- > 0;) {
    if (messages_[i].uid == 0) continue;
    if (messages_[i].uid >= uid) complain(i, "higher");
    break;
  }
  for (std::size_t i = index + 1; i < messages_.size(); ++i) {
    if (messages_[i].uid == 0) continue;
    if (messages_[i].uid <= uid) complain(i, "lower");
    break;
  }
  return violations_.size() == before;
}

bool mailbox_state::check_uid_fresh(std::size_t index, std::uint32_t uid) {
  auto const& m = messages_[index];
  if (expunged_.contains(uid)) {
    report("uid-reused", "9051", "2.3.1.1", rule_level::must,
           "message " + std::to_string(index + 1) + " reports UID " + std::to_string(uid) +
               ", which this session was told is expunged; an expunged UID is never used again under the same "
               "UIDVALIDITY");
    return false;
  }
  if (m.floor >= uid) {
    report("new-uid-not-ascending", "9051", "2.3.1.1", rule_level::must,
           "message " + std::to_string(index + 1) + ", announced after UID " + std::to_string(m.floor) +
               " had been seen, reports UID " + std::to_string(uid) +
               "; a message added to the mailbox gets a UID above every UID assigned before it");
    return false;
  }
  return check_registry_uid(uid);
}

void mailbox_state::check_uid_against_uidnext(std::size_t index, std::uint32_t uid) {
  if (!uidnext_) return;
  auto const n = std::to_string(index + 1);
  if (messages_[index].arrived && uid < *uidnext_)
    report("uid-below-uidnext", "9051", "2.3.1.1", rule_level::must,
           "message " + n + ", added after UIDNEXT " + std::to_string(*uidnext_) + " was reported, has UID " +
               std::to_string(uid) + "; a message added later gets a UID at or above that UIDNEXT");
  else if (!messages_[index].arrived && uid >= *uidnext_)
    report("uidnext-not-above-uids", "9051", "2.3.1.1", rule_level::must,
           "message " + n + " was in the mailbox when UIDNEXT " + std::to_string(*uidnext_) +
               " was reported, yet has UID " + std::to_string(uid) +
               "; UIDNEXT exceeds the UID of every message already there");
}

void mailbox_state::learn_modseq(std::size_t index, std::uint64_t modseq) {
  auto& m = messages_[index];
  if (modseq == 0 || modseq > (std::uint64_t{1} << 63) - 1) {
    report("modseq-invalid", "7162", "3.1", rule_level::must,
           "message " + std::to_string(index + 1) + " reports MODSEQ " + std::to_string(modseq) +
               "; a mod-sequence is a positive 63-bit value",
           true);
    return;
  }
  if (m.modseq != 0 && modseq < m.modseq)
    report("modseq-decreased", "7162", "3.1", rule_level::should,
           "message " + std::to_string(index + 1) + " reports MODSEQ " + std::to_string(modseq) + " after " +
               std::to_string(m.modseq) + "; a mod-sequence is renewed upwards on each change, so it may stay "
               "or grow");
  m.modseq = modseq;
}

std::optional<std::uint32_t> mailbox_state::uid_of(std::size_t number) const {
  if (number == 0 || number > messages_.size() || messages_[number - 1].uid == 0) return std::nullopt;
  return messages_[number - 1].uid;
}

std::optional<flag_set> mailbox_state::flags_of(std::size_t number) const {
  if (number == 0 || number > messages_.size()) return std::nullopt;
  return messages_[number - 1].flags;
}

// ---- STORE -------------------------------------------------------------------------------------

namespace {

bool same_flags(flag_set const& a, flag_set const& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), iequal);
}

std::string store_name(store_request const& request) {
  std::string const op = request.mode == store_mode::replace ? "FLAGS" : request.mode == store_mode::add ? "+FLAGS"
                                                                                                          : "-FLAGS";
  return op + (request.silent ? ".SILENT " : " ") + show(request.flags);
}

}  // namespace

void mailbox_state::start_store(in_flight& command) {
  if (!tracking()) return;
  auto const& request = *command.command.store;
  if (command.command.kind == command_kind::uid_store) {
    std::uint32_t const last = messages_.empty() ? 0 : messages_.back().uid;
    command.uid_set = parse_number_set(request.set, last == 0 ? static_cast<std::uint32_t>(max_u32) : last);
    command.targets_known = command.uid_set.has_value();
    return;
  }
  auto const set = parse_number_set(request.set, static_cast<std::uint32_t>(messages_.size()));
  if (!set) return;
  std::vector<bool> chosen(messages_.size(), false);
  for (auto const& [low, high] : *set)
    for (std::uint64_t n = low; n <= high && n <= messages_.size(); ++n) chosen[n - 1] = true;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (chosen[i])
      command.targets.push_back(
          store_target{static_cast<std::uint32_t>(i + 1), messages_[i].uid, messages_[i].flags, std::nullopt, 0});
  command.targets_known = true;
}

mailbox_state::store_target* mailbox_state::target_of(in_flight& command, std::size_t index,
                                                      fetch_event const& fetch) {
  if (command.command.kind == command_kind::store) {
    auto const it = std::find_if(command.targets.begin(), command.targets.end(),
                                 [&](store_target const& t) { return t.number == index + 1; });
    return it == command.targets.end() ? nullptr : &*it;
  }
  auto const uid = fetch.uid && *fetch.uid <= max_u32 ? static_cast<std::uint32_t>(*fetch.uid) : messages_[index].uid;
  if (uid == 0 || !contains(*command.uid_set, uid)) return nullptr;
  auto const it = std::find_if(command.uid_reports.begin(), command.uid_reports.end(),
                               [&](store_target const& t) { return t.uid == uid; });
  if (it != command.uid_reports.end()) return &*it;
  command.uid_reports.push_back(store_target{0, uid, messages_[index].flags, std::nullopt, 0});
  return &command.uid_reports.back();
}

void mailbox_state::note_store_fetch(std::size_t index, fetch_event const& fetch) {
  if (!fetch.flags && !fetch.modseq) return;
  // Only the oldest command in flight can be the STORE this FETCH answers (an earlier pipelined FETCH
  // reports the flags from before it); another STORE in flight on the message makes it ambiguous too.
  if (commands_.empty()) return;
  auto& first = commands_.front();
  if (!is_store_kind(first.command.kind) || !first.targets_known) return;
  store_target* match = target_of(first, index, fetch);
  if (!match) return;
  auto const uid = fetch.uid && *fetch.uid <= max_u32 ? static_cast<std::uint32_t>(*fetch.uid) : messages_[index].uid;
  for (std::size_t i = 1; i < commands_.size(); ++i) {
    auto const& later = commands_[i];
    if (!is_store_kind(later.command.kind) || !later.targets_known) continue;
    bool const targets = later.command.kind == command_kind::store
                             ? std::any_of(later.targets.begin(), later.targets.end(),
                                           [&](store_target const& t) { return t.number == index + 1; })
                             : later.uid_set && (uid == 0 || contains(*later.uid_set, uid));
    if (targets) return;
  }  if (fetch.flags) match->reported = *fetch.flags;
  if (fetch.modseq) match->modseq = *fetch.modseq;
}

void mailbox_state::finish_store(in_flight const& command) {
  if (!command.command.store) return;
  auto const& list = command.command.kind == command_kind::store ? command.targets : command.uid_reports;
  for (auto const& target : list) {
    check_store_target(command, target);
    check_store_modseq(target);
  }
  apply_unreported_store(command);
}

// A message the STORE changed without a FETCH carrying its flags (.SILENT, or nothing changed)
// has the flags the client works out itself (RFC 9051 §6.4.6); else the next STORE on it would
// be judged against stale flags.
void mailbox_state::apply_unreported_store(in_flight const& command) {
  auto const& request = *command.command.store;
  auto const reported = [](std::vector<store_target> const& list, auto const& match) {
    return std::any_of(list.begin(), list.end(), [&](store_target const& t) { return match(t) && t.reported; });
  };
  for (std::size_t i = 0; i < messages_.size(); ++i) {
    auto& m = messages_[i];
    if (command.command.kind == command_kind::store) {
      auto const same = [&](store_target const& t) { return t.number == i + 1; };
      if (!std::any_of(command.targets.begin(), command.targets.end(), same) || reported(command.targets, same))
        continue;
    } else {
      auto const same = [&](store_target const& t) { return t.uid == m.uid; };
      if (m.uid == 0 || !contains(*command.uid_set, m.uid) || reported(command.uid_reports, same)) continue;
    }
    if (request.mode == store_mode::replace) {
      bool const recent = m.flags && m.flags->contains("\\Recent");
      m.flags = request.flags;
      if (recent) m.flags->insert("\\Recent");
    } else if (m.flags) {
      for (auto const& flag : request.flags) {
        if (request.mode == store_mode::add) m.flags->insert(flag);
        else m.flags->erase(flag);
      }
    }
  }
}

bool mailbox_state::permanent(std::string const& flag) const {
  if (!permanent_flags_ || permanent_flags_->contains(flag)) return true;
  return !flag.empty() && flag.front() != '\\' && permanent_flags_->contains("\\*");
}

flag_set mailbox_state::comparable(flag_set const& flags) const {
  flag_set out;
  for (auto const& flag : flags)
    if (!iequal(flag, "\\Recent") && permanent(flag)) out.insert(flag);
  return out;
}

std::optional<flag_set> mailbox_state::expected_flags(store_request const& request,
                                                      std::optional<flag_set> const& before) const {
  auto wanted = comparable(request.flags);
  if (request.mode == store_mode::replace) return wanted;
  if (!before) return std::nullopt;
  auto result = comparable(*before);
  for (auto const& flag : wanted) {
    if (request.mode == store_mode::add) result.insert(flag);
    else result.erase(flag);
  }
  return result;
}

void mailbox_state::check_store_target(in_flight const& command, store_target const& target) {
  if (!target.reported) return;
  auto const& request = *command.command.store;
  auto const reported = comparable(*target.reported);
  auto const who = target.uid != 0 ? "UID " + std::to_string(target.uid) : "message " + std::to_string(target.number);
  auto const head = command.command.tag + " STORE " + store_name(request) + ": the FETCH for " + who + " shows " +
                    show(reported);
  auto const tail = std::string(" (\\Recent and flags outside PERMANENTFLAGS aside)") +
                    (options_.other_writers ? "; another session may have changed them meanwhile" : "");
  auto const expected = expected_flags(request, target.before);
  if (expected) {
    bool const equal = same_flags(*expected, reported);
    if (equal && request.silent && !request.unchangedsince)
      report("silent-store-echo", "9051", "6.4.6", store_level(),
             head + ", exactly the result of the STORE itself; .SILENT suppresses that FETCH, which is due only "
                    "for a change made elsewhere" + tail);
    else if (!equal)
      report("store-result-mismatch", "9051", "6.4.6", store_level(),
             head + " but the STORE yields " + show(*expected) + tail);
    return;
  }
  for (auto const& flag : comparable(request.flags)) {
    bool const has = reported.contains(flag);
    if (request.mode == store_mode::add && !has)
      return report("store-result-mismatch", "9051", "6.4.6", store_level(),
                    head + " without " + flag + ", which +FLAGS adds" + tail);
    if (request.mode == store_mode::remove && has)
      return report("store-result-mismatch", "9051", "6.4.6", store_level(),
                    head + " still with " + flag + ", which -FLAGS removes" + tail);
  }
}

void mailbox_state::check_store_modseq(store_target const& target) {
  if (target.modseq == 0 || !target.before || !target.reported) return;
  if (same_flags(comparable(*target.before), comparable(*target.reported))) return;  // nothing changed
  auto index = target.uid != 0 ? index_of_uid(target.uid) : std::nullopt;
  if (!index && target.number != 0 && target.number <= messages_.size()) index = target.number - 1;
  if (!index) return;
  auto& m = messages_[*index];
  if (m.store_modseq != 0 && target.modseq <= m.store_modseq)
    report("store-modseq-not-increased", "7162", "3.1", rule_level::must,
           "a STORE that changed the flags of message " + std::to_string(*index + 1) + " reports MODSEQ " +
               std::to_string(target.modseq) + ", not above the " + std::to_string(m.store_modseq) +
               " of an earlier STORE of this session on the mailbox; a later completed STORE gets a higher "
               "mod-sequence");
  m.store_modseq = std::max(m.store_modseq, target.modseq);
}

}  // namespace mailspec::codec::imap
