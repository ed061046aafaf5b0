// The adapter between an IMAP connection and the mailbox-state model: commands read back from the octets
// the harness sent (whatever step sent them, literals and pipelining included), responses from the
// strict grammar.
#include "script/imap_state_feed.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace imap = mailspec::codec::imap;
using mailspec::script::detail::imap_state_feed;

imap::typed_response typed(std::string const& raw) {
  auto r = imap::parse_typed(raw);
  EXPECT_TRUE(r) << raw << (r ? "" : r.error->message());
  return r ? *r.value : imap::typed_response{};
}

std::vector<std::string> rules(imap_state_feed& f) {
  std::vector<std::string> out;
  for (auto const& v : f.take_violations()) out.push_back(v.rule);
  return out;
}

void select_inbox(imap_state_feed& f) {
  f.on_sent("A1 SELECT INBOX\r\n");
  for (auto const* line : {"* 2 EXISTS\r\n", "* OK [UIDVALIDITY 7] ok\r\n", "* OK [UIDNEXT 3] ok\r\n",
                           "A1 OK [READ-WRITE] done\r\n"}) {
    f.on_response(typed(line));
  }
}

TEST(ImapStateFeed, ExpungeDuringAFetchBySequenceNumberIsAViolation) {
  imap::mailbox_registry reg;
  imap_state_feed f(&reg);
  select_inbox(f);
  f.on_sent("A2 FETCH 1:* (FLAGS)\r\n");
  f.on_response(typed("* 1 EXPUNGE\r\n"));
  f.on_response(typed("A2 OK done\r\n"));
  EXPECT_EQ(rules(f), std::vector<std::string>{"expunge-during-sequence-command"});
}

TEST(ImapStateFeed, ExpungeDuringUidFetchAndNoopIsAllowed) {
  imap::mailbox_registry reg;
  imap_state_feed f(&reg);
  select_inbox(f);
  f.on_sent("A2 UID FETCH 1:* (FLAGS)\r\n");
  f.on_response(typed("* 1 EXPUNGE\r\n"));
  f.on_response(typed("A2 OK done\r\n"));
  f.on_sent("A3 NOOP\r\n");
  f.on_response(typed("* 1 EXPUNGE\r\n"));
  f.on_response(typed("A3 OK done\r\n"));
  EXPECT_TRUE(rules(f).empty());
}

TEST(ImapStateFeed, CommandsAreReadBackAcrossWritesAndLiterals) {
  imap::mailbox_registry reg;
  imap_state_feed f(&reg);
  select_inbox(f);
  // A STORE split over two writes, then an APPEND whose synchronising literal is refused: the next
  // command is not mistaken for the literal's octets.
  f.on_sent("A2 STORE 1 +FL");
  f.on_sent("AGS (\\Seen)\r\n");
  f.on_response(typed("* 1 FETCH (FLAGS (\\Seen))\r\n"));
  f.on_response(typed("A2 OK done\r\n"));
  f.on_sent("A3 APPEND nowhere {10}\r\n");
  f.on_response(typed("A3 NO [TRYCREATE] no such mailbox\r\n"));
  f.on_sent("A4 FETCH 2 (FLAGS)\r\n");
  f.on_response(typed("* 2 EXPUNGE\r\n"));  // during A4, a FETCH by number: only caught if A4 was read
  f.on_response(typed("A4 OK done\r\n"));
  EXPECT_EQ(rules(f), std::vector<std::string>{"expunge-during-sequence-command"});
}

TEST(ImapStateFeed, ClassifiesStoreAndUidSearch) {
  imap::command_parser p(mailspec::codec::parse_mode::lenient);
  std::error_code ec;
  std::string const line = "T1 UID STORE 4:7 (UNCHANGEDSINCE 12) -FLAGS.SILENT (\\Deleted $x)\r\n";
  p.put(line, ec);
  ASSERT_TRUE(p.done());
  auto const e = mailspec::script::detail::classify(p.take());
  EXPECT_EQ(e.kind, imap::command_kind::uid_store);
  ASSERT_TRUE(e.store);
  EXPECT_EQ(e.store->mode, imap::store_mode::remove);
  EXPECT_TRUE(e.store->silent);
  EXPECT_TRUE(e.store->unchangedsince);
  EXPECT_EQ(e.store->set, "4:7");
  EXPECT_EQ(e.store->flags.size(), 2u);
  p.put("T2 UID SEARCH 1:3 UNSEEN\r\n", ec);
  ASSERT_TRUE(p.done());
  EXPECT_TRUE(mailspec::script::detail::classify(p.take()).sequence_numbers_in_criteria);
}

}  // namespace
