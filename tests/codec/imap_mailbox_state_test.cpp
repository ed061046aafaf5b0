// The IMAP mailbox state model (issue 10): for every invariant a stream that keeps it and one that
// breaks it, the moments at which EXPUNGE/VANISHED are allowed (RFC 9051 §7.5.1, RFC 7162 §3.2.10),
// the STORE result rules (§6.4.6) and the registry shared by the sessions of one case.
#include "codec/imap/mailbox_state.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace imap = mailspec::codec::imap;
using imap::command_kind;
using imap::completion;
using imap::rule_level;

imap::flag_set flags(std::initializer_list<char const*> list) {
  imap::flag_set out;
  for (auto const* flag : list) out.insert(flag);
  return out;
}

// One connection, driven like a script: commands by tag, untagged data, completions.
struct session {
  imap::mailbox_state model;
  int next_tag = 1;

  explicit session(imap::model_options options = {}, imap::mailbox_registry* registry = nullptr)
      : model(options, registry) {}

  std::string start(command_kind kind, std::string mailbox = {}, bool numbers_in_criteria = false) {
    auto tag = "A" + std::to_string(next_tag++);
    model.command_started(imap::command_event{tag, kind, std::move(mailbox), numbers_in_criteria, std::nullopt});
    return tag;
  }
  std::string start_store(command_kind kind, std::string set, imap::store_mode mode, imap::flag_set wanted,
                          bool silent = false, bool unchangedsince = false) {
    auto tag = "A" + std::to_string(next_tag++);
    imap::store_request request{mode, std::move(wanted), silent, unchangedsince, std::move(set)};
    model.command_started(imap::command_event{tag, kind, {}, false, request});
    return tag;
  }
  void ok(std::string const& tag) { model.command_completed(tag, completion::ok); }
  void fetch_uid(std::uint64_t n, std::uint64_t uid) { model.on_fetch({n, uid, std::nullopt, std::nullopt}); }
  void fetch_flags(std::uint64_t n, imap::flag_set f, std::optional<std::uint64_t> uid = std::nullopt) {
    model.on_fetch({n, uid, std::move(f), std::nullopt});
  }

  /// SELECT answered with UIDVALIDITY, EXISTS and UIDNEXT, then a FETCH of every UID.
  void select(std::string mailbox, std::uint32_t uidvalidity, std::vector<std::uint32_t> const& uids,
              std::uint32_t uidnext, bool examine = false) {
    auto const tag = start(examine ? command_kind::examine : command_kind::select, std::move(mailbox));
    model.on_flags(flags({"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"}));
    model.on_exists(uids.size());
    model.on_uidvalidity(uidvalidity);
    model.on_uidnext(uidnext);
    ok(tag);
    auto const fetch = start(command_kind::fetch);
    for (std::size_t i = 0; i < uids.size(); ++i) model.on_fetch({i + 1, uids[i], flags({}), std::nullopt});
    ok(fetch);
  }
  /// NOOP answered with the given untagged data.
  template <typename Untagged>
  void noop(Untagged untagged) {
    auto const tag = start(command_kind::noop);
    untagged();
    ok(tag);
  }
};

std::vector<std::string> rules(imap::mailbox_state const& model) {
  std::vector<std::string> out;
  for (auto const& v : model.violations()) out.push_back(v.rule);
  return out;
}

bool has(imap::mailbox_state const& model, std::string const& rule) {
  auto const r = rules(model);
  return std::find(r.begin(), r.end(), rule) != r.end();
}

imap::state_violation const& only(imap::mailbox_state const& model) {
  EXPECT_EQ(model.violations().size(), 1u) << ::testing::PrintToString(rules(model));
  return model.violations().front();
}

using strings = std::vector<std::string>;

// ---- sets --------------------------------------------------------------------------------------

TEST(ImapNumberSet, ParsesRangesStarAndReversedRanges) {
  auto const set = imap::parse_number_set("1:3,7,9:*,12:10", 20);
  ASSERT_TRUE(set);
  EXPECT_EQ(*set, (imap::number_ranges{{1, 3}, {7, 7}, {9, 20}, {10, 12}}));
  EXPECT_TRUE(imap::contains(*set, 15));
  EXPECT_FALSE(imap::contains(*set, 5));
}

TEST(ImapNumberSet, RefusesWhatItCannotResolve) {
  EXPECT_FALSE(imap::parse_number_set("$", 5));
  EXPECT_FALSE(imap::parse_number_set("", 5));
  EXPECT_FALSE(imap::parse_number_set("0:3", 5));
  EXPECT_FALSE(imap::parse_number_set("1,,2", 5));
  EXPECT_FALSE(imap::parse_number_set("4294967296", 5));
}

// ---- selection -----------------------------------------------------------------------------------

TEST(ImapMailboxState, SelectBuildsTheView) {
  session s;
  s.select("inbox", 7, {1, 2, 5}, 6);
  EXPECT_TRUE(s.model.is_selected());
  EXPECT_EQ(s.model.mailbox(), "INBOX");
  EXPECT_EQ(s.model.count(), 3u);
  EXPECT_EQ(s.model.uid_of(3), 5u);
  EXPECT_EQ(s.model.uidvalidity(), 7u);
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, FailedSelectLeavesNothingSelectedAndUntaggedDataIsIgnored) {
  session s;
  s.select("INBOX", 7, {1, 2}, 3);
  auto const tag = s.start(command_kind::select, "missing");
  s.model.command_completed(tag, completion::no);
  EXPECT_FALSE(s.model.is_selected());
  s.model.on_expunge(9);  // nothing selected: not the model's business
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, PipelinedSelectWaitsForTheCommandsBeforeIt) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  auto const fetch = s.start(command_kind::fetch);
  auto const select = s.start(command_kind::select, "Other");
  s.fetch_uid(3, 3);  // still INBOX: the FETCH is answered first
  s.ok(fetch);
  EXPECT_EQ(s.model.mailbox(), "Other");
  s.model.on_exists(1);
  s.model.on_uidvalidity(9);
  s.model.on_uidnext(2);
  s.ok(select);
  s.fetch_uid(1, 1);
  EXPECT_TRUE(s.model.is_selected());
  EXPECT_EQ(s.model.count(), 1u);
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, CloseUnselects) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.ok(s.start(command_kind::close));
  EXPECT_FALSE(s.model.is_selected());
}

// ---- UIDs ----------------------------------------------------------------------------------------

TEST(ImapMailboxState, UidsAscendingWithSequenceNumbersPass) {
  session s;
  s.select("INBOX", 7, {3, 9, 40}, 41);
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, UidsOutOfOrderFail) {
  session s;
  s.select("INBOX", 7, {3, 9, 4}, 41);
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "uid-order");
  EXPECT_EQ(v.rfc, "9051");
  EXPECT_EQ(v.section, "2.3.1.2");
  EXPECT_EQ(v.level, rule_level::must);
}

TEST(ImapMailboxState, DuplicateUidFails) {
  session s;
  s.select("INBOX", 7, {3, 3}, 41);
  EXPECT_EQ(rules(s.model), strings{"uid-order"});
}

TEST(ImapMailboxState, UidZeroFails) {
  session s;
  s.select("INBOX", 7, {0}, 41);
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "uid-invalid");
  EXPECT_TRUE(v.definitional);
}

TEST(ImapMailboxState, UidOfANumberStaysUntilAnExpungeRenumbers) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_expunge(2); });
  EXPECT_EQ(s.model.count(), 2u);
  EXPECT_EQ(s.model.uid_of(2), 3u);  // later numbers shift down
  s.ok([&] {
    auto const tag = s.start(command_kind::fetch);
    s.fetch_uid(2, 3);
    return tag;
  }());
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, UidOfANumberChangingWithoutExpungeFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  auto const tag = s.start(command_kind::fetch);
  s.fetch_uid(2, 3);
  s.ok(tag);
  EXPECT_EQ(rules(s.model), strings{"uid-changed"});
}

TEST(ImapMailboxState, NewMessageWithAHigherUidPasses) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_exists(4); });
  s.ok([&] {
    auto const tag = s.start(command_kind::uid_fetch);
    s.fetch_uid(4, 4);
    return tag;
  }());
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, ReusedExpungedUidFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_expunge(3); });
  s.noop([&] {
    s.model.on_exists(3);
    s.fetch_uid(3, 3);  // the expunged UID again
  });
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "uid-reused");
  EXPECT_EQ(v.section, "2.3.1.1");
  EXPECT_EQ(v.level, rule_level::must);
}

TEST(ImapMailboxState, NewMessageBelowAnExpungedUidFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 5}, 6);
  s.noop([&] { s.model.on_expunge(3); });  // UID 5 goes
  s.noop([&] {
    s.model.on_exists(3);
    s.fetch_uid(3, 4);  // in order after UID 2, never used, yet below the 5 assigned before it
  });
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "new-uid-not-ascending");
  EXPECT_EQ(v.section, "2.3.1.1");
}

TEST(ImapMailboxState, NewMessageBelowEarlierUidsFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 5}, 6);
  s.noop([&] {
    s.model.on_exists(4);
    s.fetch_uid(4, 4);
  });
  // Also out of order and below UIDNEXT, but one deviation gives one finding: the first rule.
  EXPECT_EQ(rules(s.model), strings{"uid-order"});
}

TEST(ImapMailboxState, NewMessageBelowUidnextFails) {
  session s;
  s.select("INBOX", 7, {1, 2}, 10);
  s.noop([&] {
    s.model.on_exists(3);
    s.fetch_uid(3, 5);  // above every UID seen, but below the UIDNEXT the selection promised
  });
  EXPECT_EQ(rules(s.model), strings{"uid-below-uidnext"});
}

TEST(ImapMailboxState, UidAtOrAboveUidnextInTheSnapshotFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 9}, 9);
  EXPECT_EQ(rules(s.model), strings{"uidnext-not-above-uids"});
}

TEST(ImapMailboxState, UidvalidityChangingWithinASelectionFails) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.noop([&] { s.model.on_uidvalidity(8); });
  EXPECT_EQ(rules(s.model), strings{"uidvalidity-changed"});
}

TEST(ImapMailboxState, UidvalidityMayDifferInANewSelection) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.select("INBOX", 8, {1}, 2);
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, UidnextGrowingPassesAndFallingFails) {
  session s;
  s.select("INBOX", 7, {1}, 5);
  s.noop([&] { s.model.on_uidnext(6); });
  EXPECT_TRUE(s.model.violations().empty());
  s.noop([&] { s.model.on_uidnext(4); });
  EXPECT_EQ(rules(s.model), strings{"uidnext-decreased"});
}

// ---- message count -------------------------------------------------------------------------------

TEST(ImapMailboxState, ExistsRepeatedOrGrowingPasses) {
  session s;
  s.select("INBOX", 7, {1, 2}, 3);
  s.noop([&] { s.model.on_exists(2); });
  s.noop([&] { s.model.on_exists(5); });
  EXPECT_EQ(s.model.count(), 5u);
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, ExistsShrinkingWithoutExpungeFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_exists(2); });
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "exists-decreased");
  EXPECT_EQ(v.section, "5.2");
  EXPECT_EQ(s.model.count(), 2u);  // the model follows the server to avoid cascades
}

TEST(ImapMailboxState, ExpungeCountsAddUp) {
  session s;
  s.select("INBOX", 7, {1, 2, 3, 4, 5}, 6);
  // "higher to lower" and "lower to higher" both empty the tail (RFC 9051 §7.5.1).
  s.ok([&] {
    auto const tag = s.start(command_kind::expunge);
    s.model.on_expunge(5);
    s.model.on_expunge(4);
    s.model.on_expunge(2);
    s.model.on_expunge(2);
    return tag;
  }());
  EXPECT_EQ(s.model.count(), 1u);
  EXPECT_EQ(s.model.uid_of(1), 1u);
  s.noop([&] { s.model.on_exists(1); });
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, ExpungeBeyondTheCountFails) {
  session s;
  s.select("INBOX", 7, {1, 2}, 3);
  s.noop([&] {
    s.model.on_expunge(2);
    s.model.on_expunge(2);  // only one message is left
  });
  EXPECT_EQ(rules(s.model), strings{"expunge-out-of-range"});
}

TEST(ImapMailboxState, FetchBeyondTheCountFails) {
  session s;
  s.select("INBOX", 7, {1, 2}, 3);
  auto const tag = s.start(command_kind::fetch);
  s.fetch_flags(3, flags({"\\Seen"}));
  s.ok(tag);
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "fetch-out-of-range");
  EXPECT_TRUE(v.definitional);
}

TEST(ImapMailboxState, Issue10StaleExistsToASecondSessionFails) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  a.select("INBOX", 7, {1, 2, 3}, 4);
  b.select("INBOX", 7, {1, 2, 3}, 4);
  a.ok([&] {
    auto const tag = a.start(command_kind::expunge);
    a.model.on_expunge(3);
    return tag;
  }());
  b.noop([&] { b.model.on_exists(2); });  // the new size, but no EXPUNGE told b which one went
  EXPECT_TRUE(a.model.violations().empty());
  EXPECT_EQ(rules(b.model), strings{"exists-decreased"});
}

TEST(ImapMailboxState, SecondSessionToldOfTheExpungePasses) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  a.select("INBOX", 7, {1, 2, 3}, 4);
  b.select("INBOX", 7, {1, 2, 3}, 4);
  a.ok([&] {
    auto const tag = a.start(command_kind::expunge);
    a.model.on_expunge(3);
    return tag;
  }());
  b.ok([&] {
    auto const tag = b.start(command_kind::uid_fetch);
    b.fetch_uid(3, 3);  // not yet told: the message may still show
    return tag;
  }());
  b.noop([&] { b.model.on_expunge(3); });
  EXPECT_TRUE(b.model.violations().empty()) << ::testing::PrintToString(rules(b.model));
  EXPECT_EQ(b.model.count(), 2u);
}

// ---- when EXPUNGE and VANISHED may come ----------------------------------------------------------

struct moment_row {
  char const* name;
  std::vector<command_kind> in_flight;  // started, not completed
  bool vanished;
  bool uid_search_with_numbers;
  bool allowed;
};

class ImapExpungeMoment : public ::testing::TestWithParam<moment_row> {};

TEST_P(ImapExpungeMoment, FollowsRfc9051Section751) {
  auto const& row = GetParam();
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  for (auto kind : row.in_flight) s.start(kind, {}, row.uid_search_with_numbers);
  if (row.vanished) s.model.on_vanished({{3, 3}}, false);
  else s.model.on_expunge(3);
  EXPECT_EQ(s.model.count(), 2u);  // applied either way
  if (row.allowed) {
    EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
  } else {
    auto const& v = only(s.model);
    EXPECT_EQ(v.level, rule_level::must);
    EXPECT_EQ(v.rfc, row.vanished ? "7162" : "9051");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Moments, ImapExpungeMoment,
    ::testing::Values(
        moment_row{"NoCommand", {}, false, false, false},
        moment_row{"DuringFetch", {command_kind::fetch}, false, false, false},
        moment_row{"DuringStore", {command_kind::store}, false, false, false},
        moment_row{"DuringSearch", {command_kind::search}, false, false, false},
        moment_row{"DuringUidFetch", {command_kind::uid_fetch}, false, false, true},
        moment_row{"DuringUidStore", {command_kind::uid_store}, false, false, true},
        moment_row{"DuringUidSearch", {command_kind::uid_search}, false, false, true},
        moment_row{"DuringUidSearchWithNumbers", {command_kind::uid_search}, false, true, true},
        moment_row{"DuringNoop", {command_kind::noop}, false, false, true},
        moment_row{"DuringIdle", {command_kind::idle}, false, false, true},
        moment_row{"DuringCheck", {command_kind::check}, false, false, true},
        moment_row{"DuringExpunge", {command_kind::expunge}, false, false, true},
        moment_row{"DuringClose", {command_kind::close}, false, false, true},
        moment_row{"DuringPipelinedFetchAndNoop", {command_kind::fetch, command_kind::noop}, false, false, false},
        moment_row{"VanishedNoCommand", {}, true, false, false},
        moment_row{"VanishedDuringFetch", {command_kind::fetch}, true, false, false},
        moment_row{"VanishedDuringUidFetch", {command_kind::uid_fetch}, true, false, true},
        moment_row{"VanishedDuringUidSearchWithNumbers", {command_kind::uid_search}, true, true, false},
        moment_row{"VanishedDuringIdle", {command_kind::idle}, true, false, true}),
    [](auto const& row) { return std::string(row.param.name); });

// ---- VANISHED ----------------------------------------------------------------------------------

TEST(ImapMailboxState, VanishedRenumbersLikeExpunge) {
  session s;
  s.select("INBOX", 7, {1, 4, 6, 9}, 10);
  s.noop([&] { s.model.on_vanished({{4, 4}, {6, 6}}, false); });
  EXPECT_EQ(s.model.count(), 2u);
  EXPECT_EQ(s.model.uid_of(2), 9u);
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, VanishedOfMessagesWithUnknownUidsPasses) {
  session s;
  auto const tag = s.start(command_kind::select, "INBOX");
  s.model.on_exists(3);
  s.model.on_uidvalidity(7);
  s.model.on_uidnext(10);
  s.ok(tag);
  s.noop([&] { s.model.on_vanished({{8, 8}}, false); });
  EXPECT_EQ(s.model.count(), 2u);
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, VanishedOfAnExpungedUidFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_vanished({{2, 2}}, false); });
  s.noop([&] { s.model.on_vanished({{2, 2}}, false); });
  EXPECT_EQ(rules(s.model), strings{"vanished-not-visible"});
}

TEST(ImapMailboxState, VanishedRangeOverAGapFails) {
  // RFC 7162 §3.2.10.2: with UIDs 2 and 4, "VANISHED 3" is broken; so is a range covering 3.
  session s;
  s.select("INBOX", 7, {2, 4}, 5);
  s.noop([&] { s.model.on_vanished({{2, 4}}, false); });
  EXPECT_EQ(rules(s.model), strings{"vanished-not-visible"});
  EXPECT_EQ(s.model.count(), 0u);
}

TEST(ImapMailboxState, VanishedOfAnUnannouncedUidFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_vanished({{7, 7}}, false); });
  EXPECT_EQ(rules(s.model), strings{"vanished-not-visible"});
  EXPECT_EQ(s.model.count(), 3u);
}

TEST(ImapMailboxState, VanishedOfMoreUidsThanMessagesFails) {
  session s;
  s.select("INBOX", 7, {1, 2, 3}, 4);
  s.noop([&] { s.model.on_vanished({{1, 4294967295u}}, false); });
  EXPECT_EQ(rules(s.model), strings{"vanished-not-visible"});
  EXPECT_EQ(s.model.count(), 0u);
}

TEST(ImapMailboxState, VanishedEarlierDoesNotRenumberAndMayComeWithUidFetch) {
  session s;
  s.select("INBOX", 7, {5, 6}, 7);
  auto const tag = s.start(command_kind::uid_fetch);
  s.model.on_vanished({{1, 4}}, true);
  s.ok(tag);
  EXPECT_EQ(s.model.count(), 2u);
  EXPECT_TRUE(s.model.violations().empty());
}

// ---- STORE ---------------------------------------------------------------------------------------

imap::model_options alone() {
  imap::model_options options;
  options.other_writers = false;
  return options;
}

struct store_row {
  char const* name;
  imap::store_mode mode;
  imap::flag_set before;
  imap::flag_set wanted;
  imap::flag_set reported;
  bool keeps;
};

class ImapStoreResult : public ::testing::TestWithParam<store_row> {};

TEST_P(ImapStoreResult, ComparesTheFetchWithTheRequestedResult) {
  auto const& row = GetParam();
  session s(alone());
  s.select("INBOX", 7, {1, 2}, 3);
  s.ok([&] {
    auto const tag = s.start(command_kind::fetch);
    s.fetch_flags(1, row.before);
    return tag;
  }());
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", row.mode, row.wanted);
    s.fetch_flags(1, row.reported);
    return tag;
  }());
  if (row.keeps) {
    EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
  } else {
    auto const& v = only(s.model);
    EXPECT_EQ(v.rule, "store-result-mismatch");
    EXPECT_EQ(v.section, "6.4.6");
    EXPECT_EQ(v.level, rule_level::should);
  }
}

using imap::store_mode;
INSTANTIATE_TEST_SUITE_P(
    Stores, ImapStoreResult,
    ::testing::Values(
        store_row{"ReplaceKept", store_mode::replace, flags({"\\Seen"}), flags({"\\Flagged"}), flags({"\\Flagged"}),
                  true},
        store_row{"ReplaceKeptOld", store_mode::replace, flags({"\\Seen"}), flags({"\\Flagged"}),
                  flags({"\\Flagged", "\\Seen"}), false},
        store_row{"AddKeepsOthers", store_mode::add, flags({"\\Seen"}), flags({"\\Flagged"}),
                  flags({"\\Flagged", "\\Seen"}), true},
        store_row{"AddLost", store_mode::add, flags({"\\Seen"}), flags({"\\Flagged"}), flags({"\\Seen"}), false},
        store_row{"AddDroppedOther", store_mode::add, flags({"\\Seen"}), flags({"\\Flagged"}), flags({"\\Flagged"}),
                  false},
        store_row{"RemoveKept", store_mode::remove, flags({"\\Seen", "\\Flagged"}), flags({"\\Seen"}),
                  flags({"\\Flagged"}), true},
        store_row{"RemoveIgnored", store_mode::remove, flags({"\\Seen", "\\Flagged"}), flags({"\\Seen"}),
                  flags({"\\Seen", "\\Flagged"}), false},
        store_row{"RecentAside", store_mode::replace, flags({"\\Recent"}), flags({"\\Seen"}),
                  flags({"\\Seen", "\\Recent"}), true},
        store_row{"CaseInsensitive", store_mode::add, flags({}), flags({"\\seen"}), flags({"\\Seen"}), true}),
    [](auto const& row) { return std::string(row.param.name); });

TEST(ImapMailboxState, StoreMismatchIsInfoWhenOthersMayWrite) {
  session s;  // other_writers by default
  s.select("INBOX", 7, {1}, 2);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}));
    s.fetch_flags(1, flags({"\\Flagged"}));
    return tag;
  }());
  EXPECT_EQ(only(s.model).level, rule_level::info);
}

TEST(ImapMailboxState, StoreWithoutKnownFlagsChecksOnlyTheRequestedOnes) {
  session s(alone());
  auto const tag = s.start(command_kind::select, "INBOX");
  s.model.on_exists(2);
  s.model.on_uidvalidity(7);
  s.ok(tag);
  s.ok([&] {
    auto const store = s.start_store(command_kind::store, "1:*", store_mode::add, flags({"$Label"}));
    s.fetch_flags(1, flags({"$label", "\\Seen"}));
    s.fetch_flags(2, flags({"\\Seen"}));
    return store;
  }());
  EXPECT_EQ(rules(s.model), strings{"store-result-mismatch"});
  EXPECT_NE(s.model.violations().front().detail.find("message 2"), std::string::npos);
}

// Pipelined FETCH then STORE (as suites/imap/rfc9051_5.5_pipelining.mspec sends them): the FETCH's
// answer, with the flags from before the STORE, arrives while the STORE is in flight too. It is not the
// STORE's result; the STORE's own FETCH, after the earlier command completed, is.
TEST(ImapMailboxState, FetchOfAnEarlierPipelinedCommandIsNotTheStoresResult) {
  session s(alone());
  s.select("INBOX", 7, {1, 2}, 3);
  auto const fetch = s.start(command_kind::fetch);
  auto const store = s.start_store(command_kind::store, "2", store_mode::add, flags({"\\Answered"}), true);
  s.fetch_flags(2, flags({"\\Flagged"}));  // the FETCH's answer
  s.ok(fetch);
  s.ok(store);
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
  auto const again = s.start_store(command_kind::store, "2", store_mode::add, flags({"\\Seen"}));
  s.fetch_flags(2, flags({"\\Flagged"}));  // its own answer, without \Seen
  s.ok(again);
  EXPECT_EQ(rules(s.model), strings{"store-result-mismatch"});
}

TEST(ImapMailboxState, FlagsOutsidePermanentflagsMayBeDropped) {
  session s(alone());
  s.select("INBOX", 7, {1}, 2);
  s.noop([&] { s.model.on_permanentflags(flags({"\\Seen", "\\Deleted"})); });
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"$Label", "\\Seen"}));
    s.fetch_flags(1, flags({"\\Seen"}));  // no \* : the keyword need not stick
    return tag;
  }());
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, FailedStoreIsNotJudged) {
  session s(alone());
  s.select("INBOX", 7, {1}, 2);
  auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}));
  s.fetch_flags(1, flags({}));
  s.model.command_completed(tag, completion::no);
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, UidStoreTargetsByUid) {
  session s(alone());
  s.select("INBOX", 7, {4, 8}, 9);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::uid_store, "8", store_mode::add, flags({"\\Seen"}));
    s.fetch_flags(2, flags({}), 8);
    s.fetch_flags(1, flags({}), 4);  // not a target: an unsolicited update
    return tag;
  }());
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "store-result-mismatch");
  EXPECT_NE(v.detail.find("UID 8"), std::string::npos);
}

TEST(ImapMailboxState, SilentStoreWithoutFetchPasses) {
  session s(alone());
  s.select("INBOX", 7, {1}, 2);
  s.ok(s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}), true));
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, SilentStoreChangesTheFlagsTheNextStoreIsJudgedAgainst) {
  // Dovecot with QRESYNC: the .SILENT STORE answers with UID and MODSEQ only; the next STORE's FETCH
  // then shows the flag the silent one added.
  session s(alone());
  s.select("INBOX", 7, {1, 4}, 5);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1:*", store_mode::add, flags({"\\Deleted"}), true);
    s.model.on_fetch({1, 1, std::nullopt, 13});
    s.model.on_fetch({2, 4, std::nullopt, 13});
    return tag;
  }());
  EXPECT_EQ(s.model.flags_of(2), flags({"\\Deleted"}));
  s.ok([&] {
    auto const tag = s.start_store(command_kind::uid_store, "1:*", store_mode::add, flags({"\\Draft"}));
    s.model.on_fetch({1, 1, flags({"\\Deleted", "\\Draft"}), 14});
    s.model.on_fetch({2, 4, flags({"\\Deleted", "\\Draft"}), 14});
    return tag;
  }());
  EXPECT_TRUE(s.model.violations().empty()) << ::testing::PrintToString(rules(s.model));
}

TEST(ImapMailboxState, SilentStoreEchoingItsOwnChangeIsReported) {
  session s(alone());
  s.select("INBOX", 7, {1}, 2);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}), true);
    s.fetch_flags(1, flags({"\\Seen"}));
    return tag;
  }());
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "silent-store-echo");
  EXPECT_EQ(v.level, rule_level::should);
}

TEST(ImapMailboxState, SilentStoreMayReportAChangeMadeElsewhere) {
  session s;  // another session set \Flagged meanwhile: the SHOULD of the §6.4.6 note
  s.select("INBOX", 7, {1}, 2);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}), true);
    s.fetch_flags(1, flags({"\\Seen", "\\Flagged"}));
    return tag;
  }());
  EXPECT_FALSE(has(s.model, "silent-store-echo"));
  for (auto const& v : s.model.violations()) EXPECT_EQ(v.level, rule_level::info);
}

TEST(ImapMailboxState, SilentStoreWithUnchangedsinceOwesAFetch) {
  session s(alone());
  s.select("INBOX", 7, {1}, 2);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}), true, true);
    s.model.on_fetch({1, 1, flags({"\\Seen"}), 12});
    return tag;
  }());
  EXPECT_TRUE(s.model.violations().empty());
}

// ---- mod-sequences -------------------------------------------------------------------------------

TEST(ImapMailboxState, ModseqGrowingPassesAndFallingIsReported) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.noop([&] { s.model.on_fetch({1, 1, std::nullopt, 10}); });
  s.noop([&] { s.model.on_fetch({1, 1, std::nullopt, 12}); });
  EXPECT_TRUE(s.model.violations().empty());
  s.noop([&] { s.model.on_fetch({1, 1, std::nullopt, 11}); });
  auto const& v = only(s.model);
  EXPECT_EQ(v.rule, "modseq-decreased");
  EXPECT_EQ(v.rfc, "7162");
  EXPECT_EQ(v.level, rule_level::should);
}

TEST(ImapMailboxState, SecondStoreWithoutAHigherModseqFails) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}));
    s.model.on_fetch({1, 1, flags({"\\Seen"}), 20});
    return tag;
  }());
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Flagged"}));
    s.model.on_fetch({1, 1, flags({"\\Seen", "\\Flagged"}), 20});
    return tag;
  }());
  EXPECT_EQ(rules(s.model), strings{"store-modseq-not-increased"});
  EXPECT_EQ(s.model.violations().front().level, rule_level::must);
}

TEST(ImapMailboxState, NoOpStoreMayKeepTheModseq) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}));
    s.model.on_fetch({1, 1, flags({"\\Seen"}), 20});
    return tag;
  }());
  s.ok([&] {
    auto const tag = s.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}));
    s.model.on_fetch({1, 1, flags({"\\Seen"}), 20});  // nothing changed (RFC 7162 §3.1.11)
    return tag;
  }());
  EXPECT_TRUE(s.model.violations().empty());
}

TEST(ImapMailboxState, HighestmodseqFallingWithinASelectionIsReported) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.noop([&] { s.model.on_highestmodseq(30); });
  s.noop([&] { s.model.on_highestmodseq(29); });
  EXPECT_EQ(rules(s.model), strings{"highestmodseq-decreased"});
}

// ---- the registry: several sessions of one case -------------------------------------------------

TEST(ImapMailboxRegistry, HighestmodseqFallingInALaterSelectionIsReported) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  auto const select = [](session& s, std::uint64_t highest) {
    auto const tag = s.start(command_kind::select, "INBOX");
    s.model.on_exists(1);
    s.model.on_uidvalidity(7);
    s.model.on_uidnext(2);
    s.model.on_highestmodseq(highest);
    s.ok(tag);
  };
  select(a, 50);
  select(b, 50);
  EXPECT_TRUE(b.model.violations().empty());
  select(b, 40);
  EXPECT_EQ(rules(b.model), strings{"highestmodseq-decreased"});
}

TEST(ImapMailboxRegistry, UidnextFallingInALaterSelectionFails) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  a.select("INBOX", 7, {1, 2}, 5);
  b.select("INBOX", 7, {1, 2}, 4);
  EXPECT_EQ(rules(b.model), strings{"uidnext-decreased"});
  b.select("INBOX", 9, {1, 2}, 3);  // another UIDVALIDITY: another key
  EXPECT_EQ(b.model.violations().size(), 1u);
}

TEST(ImapMailboxRegistry, OverlappingSelectionsAreNotCompared) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  auto const tag = b.start(command_kind::select, "INBOX");  // b's SELECT is on its way
  a.select("INBOX", 7, {1, 2, 3}, 4);                       // a delivery lands before a's
  b.model.on_exists(2);
  b.model.on_uidvalidity(7);
  b.model.on_uidnext(3);
  b.ok(tag);
  EXPECT_TRUE(b.model.violations().empty());
}

TEST(ImapMailboxRegistry, Issue10UidExpungedInOneSessionAndReusedInAnotherFails) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  a.select("INBOX", 7, {1, 2, 3}, 4);
  a.ok([&] {
    auto const tag = a.start(command_kind::expunge);
    a.model.on_expunge(3);
    return tag;
  }());
  b.select("Inbox", 7, {1, 2, 3}, 4);  // selected after the expunge: UID 3 cannot be live
  auto const& v = only(b.model);
  EXPECT_EQ(v.rule, "uid-reused");
  EXPECT_EQ(v.level, rule_level::must);
  EXPECT_TRUE(a.model.violations().empty());
}

TEST(ImapMailboxRegistry, ExpungedUidIsFineUnderANewUidvalidity) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  a.select("INBOX", 7, {1, 2, 3}, 4);
  a.ok([&] {
    auto const tag = a.start(command_kind::expunge);
    a.model.on_expunge(3);
    return tag;
  }());
  b.select("INBOX", 8, {1, 2, 3}, 4);
  EXPECT_TRUE(b.model.violations().empty());
}

// Two sessions on a scratch mailbox of the shared Dovecot 2.3 (transcript recorded 2026-12-06, four
// appended messages, UIDVALIDITY 1796592207): every invariant holds, so nothing at all is reported.
TEST(ImapMailboxRegistry, DovecotTwoSessionTranscriptKeepsEveryInvariant) {
  imap::mailbox_registry registry;
  session a({}, &registry), b({}, &registry);
  auto const select = [](session& s, std::uint64_t exists, std::optional<std::uint64_t> highest) {
    auto const tag = s.start(command_kind::select, "model-probe");
    s.model.on_flags(flags({"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"}));
    s.model.on_permanentflags(flags({"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*"}));
    s.model.on_exists(exists);
    s.model.on_recent(exists == 4 ? 4 : 0);
    s.model.on_uidvalidity(1796592207);
    s.model.on_uidnext(5);
    if (highest) s.model.on_highestmodseq(*highest);
    s.ok(tag);
  };
  select(a, 4, std::nullopt);
  select(b, 4, std::nullopt);
  a.ok(a.start_store(command_kind::store, "1", store_mode::add, flags({"\\Seen"}), true));
  a.ok([&] {
    auto const tag = a.start_store(command_kind::store, "2", store_mode::add, flags({"\\Flagged"}));
    a.fetch_flags(2, flags({"\\Flagged", "\\Recent"}));
    return tag;
  }());
  a.ok(a.start_store(command_kind::store, "2", store_mode::add, flags({"\\Flagged"})));  // no change, no FETCH
  a.ok([&] {
    auto const tag = a.start_store(command_kind::store, "1", store_mode::add, flags({"$probe"}));
    a.model.on_flags(flags({"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$probe"}));
    a.fetch_flags(1, flags({"\\Seen", "\\Recent", "$probe"}));
    return tag;
  }());
  b.noop([&] {
    b.fetch_flags(1, flags({"\\Seen", "$probe"}));
    b.fetch_flags(2, flags({"\\Flagged"}));
  });
  b.ok(b.start_store(command_kind::store, "1", store_mode::replace, flags({"\\Answered"}), true));
  a.noop([&] { a.fetch_flags(1, flags({"\\Answered", "\\Recent"})); });
  a.ok(a.start_store(command_kind::store, "3", store_mode::add, flags({"\\Deleted"}), true));
  a.ok([&] {
    auto const tag = a.start(command_kind::expunge);
    a.model.on_expunge(3);
    a.model.on_recent(3);
    return tag;
  }());
  b.ok([&] {  // not yet told: UID 3 still shows, and no EXPUNGE during a FETCH
    auto const tag = b.start(command_kind::fetch);
    b.model.on_fetch({1, 1, flags({"\\Answered"}), std::nullopt});
    b.model.on_fetch({2, 2, flags({"\\Flagged"}), std::nullopt});
    b.model.on_fetch({3, 3, flags({"\\Deleted"}), std::nullopt});
    b.model.on_fetch({4, 4, flags({}), std::nullopt});
    b.fetch_flags(3, flags({"\\Deleted"}));
    return tag;
  }());
  b.ok([&] {  // the UID form may carry the EXPUNGE
    auto const tag = b.start(command_kind::uid_fetch);
    for (std::uint64_t n = 1; n <= 4; ++n) b.model.on_fetch({n, n, std::nullopt, std::nullopt});
    b.model.on_expunge(3);
    return tag;
  }());
  a.ok([&] {
    auto const tag = a.start(command_kind::other);  // ENABLE QRESYNC
    a.model.on_highestmodseq(12);
    return tag;
  }());
  select(a, 3, 12);  // SELECT ... (QRESYNC (1 1)), after * OK [CLOSED]
  a.ok([&] {
    auto const tag = a.start(command_kind::fetch);
    a.model.on_fetch({1, 1, flags({"\\Answered"}), std::nullopt});
    a.model.on_fetch({2, 2, flags({"\\Flagged"}), std::nullopt});
    a.model.on_fetch({3, 4, flags({}), std::nullopt});
    return tag;
  }());
  a.ok([&] {
    auto const tag = a.start_store(command_kind::store, "1:*", store_mode::add, flags({"\\Deleted"}), true);
    for (std::uint64_t n = 1; n <= 3; ++n) a.model.on_fetch({n, n == 3 ? 4 : n, std::nullopt, 13});
    return tag;
  }());
  a.ok([&] {
    auto const tag = a.start_store(command_kind::uid_store, "1:*", store_mode::add, flags({"\\Draft"}));
    a.model.on_fetch({1, 1, flags({"\\Answered", "\\Deleted", "\\Draft"}), 14});
    a.model.on_fetch({2, 2, flags({"\\Flagged", "\\Deleted", "\\Draft"}), 14});
    a.model.on_fetch({3, 4, flags({"\\Deleted", "\\Draft"}), 14});
    return tag;
  }());
  EXPECT_TRUE(a.model.violations().empty()) << ::testing::PrintToString(rules(a.model));
  EXPECT_TRUE(b.model.violations().empty()) << ::testing::PrintToString(rules(b.model));
  EXPECT_EQ(a.model.uid_of(3), 4u);
  EXPECT_EQ(b.model.count(), 3u);
}

TEST(ImapMailboxState, ViolationsCarryTheEventIndexAndCanBeTaken) {
  session s;
  s.select("INBOX", 7, {1}, 2);
  s.model.on_expunge(1);  // no command in progress
  ASSERT_EQ(s.model.violations().size(), 1u);
  auto const taken = s.model.take_violations();
  EXPECT_TRUE(s.model.violations().empty());
  // select: SELECT, FLAGS, EXISTS, UIDVALIDITY, UIDNEXT, OK, FETCH, 1 FETCH, OK: nine events.
  EXPECT_EQ(taken.front().event, 9u);
  EXPECT_EQ(imap::to_string(taken.front().level), "MUST");
}

}  // namespace
