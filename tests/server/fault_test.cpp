// The fault injector of `mailspec serve --fault` (session/fault.hpp): the SPEC parser, and the filter's
// command tracking and plans, without a socket.
#include "session/fault.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace ss = mailspec::session;
using fp = ss::fault_protocol;
using kind = ss::fault_spec::kind;

namespace {

ss::fault_filter filter(std::vector<std::string> const& specs, fp proto, std::uint64_t seed = 1) {
  std::vector<ss::fault_spec> parsed;
  for (auto const& s : specs) parsed.push_back(ss::parse_fault(s, proto));
  return ss::fault_filter(parsed, proto, seed);
}

/// Feeds `bytes` one octet at a time: a command split over many reads.
void trickle_in(ss::fault_filter& f, std::string const& bytes) {
  for (char c : bytes) f.on_read(std::string(1, c));
}

}  // namespace

TEST(FaultSpec, ParsesEveryForm) {
  auto r = ss::parse_fault("RCPT=452", fp::smtp);
  EXPECT_EQ(r.k, kind::reply);
  EXPECT_EQ(r.verb, "RCPT");
  EXPECT_EQ(r.reply, "452");
  EXPECT_EQ(r.nth, 0u);
  r = ss::parse_fault("rcpt=552@2", fp::smtp);
  EXPECT_EQ(r.verb, "RCPT");
  EXPECT_EQ(r.nth, 2u);
  EXPECT_EQ(ss::parse_fault("RETR=-ERR", fp::pop3).reply, "-ERR");
  for (char const* s : {"LOGIN=NO", "LOGIN=BAD", "SELECT=BYE@1"}) EXPECT_EQ(ss::parse_fault(s, fp::imap).k, kind::reply) << s;
  r = ss::parse_fault("delay=250", fp::smtp);
  EXPECT_EQ(r.k, kind::delay);
  EXPECT_EQ(r.a, 250u);
  r = ss::parse_fault("delay:data=100", fp::smtp);
  EXPECT_EQ(r.k, kind::delay_verb);
  EXPECT_EQ(r.verb, "DATA");
  r = ss::parse_fault("jitter=5-20", fp::smtp);
  EXPECT_EQ(r.k, kind::jitter);
  EXPECT_EQ(r.a, 5u);
  EXPECT_EQ(r.b, 20u);
  EXPECT_EQ(ss::parse_fault("drop-after-octets=100", fp::pop3).k, kind::drop_after_octets);
  EXPECT_EQ(ss::parse_fault("drop-after-commands=3", fp::imap).k, kind::drop_after_commands);
  EXPECT_EQ(ss::parse_fault("tls-fail", fp::smtp).k, kind::tls_fail);
  r = ss::parse_fault("trickle=3/10", fp::smtp);
  EXPECT_EQ(r.k, kind::trickle);
  EXPECT_EQ(r.a, 3u);
  EXPECT_EQ(r.b, 10u);
}

TEST(FaultSpec, RejectsMalformedSpecsNamingTheForms) {
  for (auto const& [spec, proto] : std::vector<std::pair<std::string, fp>>{
           {"RCPT", fp::smtp}, {"RCPT=45", fp::smtp}, {"RCPT=652", fp::smtp}, {"RCPT=OK", fp::smtp},
           {"RETR=+OK", fp::pop3}, {"LOGIN=OK", fp::imap}, {"LOGIN=452", fp::imap}, {"RCPT=452@0", fp::smtp},
           {"RCPT=452@x", fp::smtp}, {"delay=x", fp::smtp}, {"delay=-1", fp::smtp}, {"jitter=5", fp::smtp},
           {"jitter=9-3", fp::smtp}, {"drop-after-commands=0", fp::smtp}, {"trickle=0/5", fp::smtp},
           {"trickle=5", fp::smtp}, {"=452", fp::smtp}, {"tls-fail=1", fp::smtp}, {"R CPT=452", fp::smtp}}) {
    try {
      (void)ss::parse_fault(spec, proto);
      ADD_FAILURE() << spec << " was accepted";
    } catch (std::invalid_argument const& e) {
      EXPECT_NE(std::string(e.what()).find("accepted forms"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("trickle=N/MS"), std::string::npos) << e.what();
    }
  }
}

TEST(FaultFilter, ReplacesTheReplyToTheNthVerbOnly) {
  auto f = filter({"RCPT=452@2"}, fp::smtp);
  f.on_read("EHLO x\r\nMAIL FROM:<a@b>\r\n");
  EXPECT_FALSE(f.on_write("250 ok\r\n").replaced);
  f.on_read("RCPT TO:<c@d>\r\n");
  EXPECT_FALSE(f.on_write("250 ok\r\n").replaced);
  f.on_read("RCPT TO:<e@f>\r\n");
  auto p = f.on_write("250 ok\r\n");
  EXPECT_TRUE(p.replaced);
  EXPECT_EQ(p.bytes, "452 4.3.0 mailspec fault injection\r\n");
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_EQ(p.notes[0], "fault: 2nd RCPT answered 452 (--fault RCPT=452@2)");
  EXPECT_FALSE(f.on_write("250 ok\r\n").replaced);  // only the first write after it
  f.on_read("RCPT TO:<g@h>\r\n");
  EXPECT_FALSE(f.on_write("250 ok\r\n").replaced);
}

TEST(FaultFilter, EveryVerbWithoutN) {
  auto f = filter({"RCPT=452"}, fp::smtp);
  for (int i = 0; i < 3; ++i) {
    f.on_read("RCPT TO:<c@d>\r\n");
    auto p = f.on_write("250 ok\r\n");
    EXPECT_TRUE(p.replaced);
    EXPECT_EQ(p.notes.at(0), "fault: RCPT answered 452 (--fault RCPT=452)");
  }
}

TEST(FaultFilter, ACommandSplitOverReadsCountsOnce) {
  auto f = filter({"MAIL=421"}, fp::smtp);
  trickle_in(f, "MAIL FROM:<a@b>\r");
  EXPECT_EQ(f.commands(), 0u);
  trickle_in(f, "\n");
  EXPECT_EQ(f.commands(), 1u);
  EXPECT_EQ(f.on_write("250 ok\r\n").bytes, "421 4.3.0 mailspec fault injection\r\n");
}

TEST(FaultFilter, SmtpMailDataAndBdatAreNotCommands) {
  auto f = filter({"RCPT=452"}, fp::smtp);
  f.on_read("DATA\r\n");
  (void)f.on_write("354 go ahead\r\n");
  f.on_read("RCPT TO:<x@y> is a line of the message\r\n.\r\n");
  EXPECT_FALSE(f.on_write("250 queued\r\n").replaced);
  f.on_read("BDAT 24 LAST\r\nRCPT TO:<inside@chunk>\r\nNOOP\r\n");
  EXPECT_EQ(f.verbs(), (std::vector<std::string>{"DATA", "BDAT", "NOOP"}));
  // A DATA answered with a failure starts no mail data: the next line is a command again.
  f.on_read("DATA\r\n");
  (void)f.on_write("554 no\r\n");
  f.on_read("RCPT TO:<a@b>\r\n");
  EXPECT_TRUE(f.on_write("250 ok\r\n").replaced);
}

TEST(FaultFilter, SaslResponsesAreNotCommands) {
  auto f = filter({}, fp::smtp);
  f.on_read("AUTH LOGIN\r\n");
  (void)f.on_write("334 VXNlcm5hbWU6\r\n");
  f.on_read("YWxpY2U=\r\n");
  (void)f.on_write("334 UGFzc3dvcmQ6\r\n");
  f.on_read("c2VjcmV0\r\n");
  (void)f.on_write("235 ok\r\n");
  f.on_read("QUIT\r\n");
  EXPECT_EQ(f.verbs(), (std::vector<std::string>{"AUTH", "QUIT"}));
}

TEST(FaultFilter, ImapVerbIsTheWordAfterTheTagAndLiteralsAreSkipped) {
  auto f = filter({"APPEND=NO", "LOGIN=BAD@1"}, fp::imap);
  trickle_in(f, "a1 LOGIN {5}\r\n");
  EXPECT_EQ(f.commands(), 0u);  // the literal's octets are still to come
  (void)f.on_write("+ go ahead\r\n");
  trickle_in(f, "alice {6+}\r\nsecret\r\n");
  EXPECT_EQ(f.verbs(), std::vector<std::string>{"LOGIN"});
  auto p = f.on_write("a1 OK logged in\r\n");
  EXPECT_EQ(p.bytes, "a1 BAD [UNAVAILABLE] mailspec fault injection\r\n");
  // A literal whose octets look like commands (a message with CRLFs): one APPEND.
  f.on_read("a2 APPEND INBOX {27}\r\n");
  (void)f.on_write("+ go ahead\r\n");
  f.on_read("a3 NOOP\r\nSubject: x\r\n\r\nhi\r\n\r\n");
  EXPECT_EQ(f.verbs(), (std::vector<std::string>{"LOGIN", "APPEND"}));
  EXPECT_EQ(f.on_write("a2 OK appended\r\n").bytes, "a2 NO [UNAVAILABLE] mailspec fault injection\r\n");
}

TEST(FaultFilter, ImapByeClosesAndIdleDoneIsNotACommand) {
  auto f = filter({"SELECT=BYE"}, fp::imap);
  f.on_read("t1 IDLE\r\n");
  (void)f.on_write("+ idling\r\n");
  f.on_read("DONE\r\n");
  (void)f.on_write("t1 OK done\r\n");
  f.on_read("t2 SELECT INBOX\r\n");
  EXPECT_EQ(f.verbs(), (std::vector<std::string>{"IDLE", "SELECT"}));
  auto p = f.on_write("* 1 EXISTS\r\nt2 OK\r\n");
  EXPECT_EQ(p.bytes, "* BYE [UNAVAILABLE] mailspec fault injection\r\n");
  EXPECT_TRUE(p.close_after);
}

TEST(FaultFilter, Pop3ErrReply) {
  auto f = filter({"RETR=-ERR"}, fp::pop3);
  f.on_read("USER alice\r\nPASS x\r\nretr 1\r\n");
  auto p = f.on_write("+OK message follows\r\n...\r\n.\r\n");
  EXPECT_EQ(p.bytes, "-ERR mailspec fault injection\r\n");
}

TEST(FaultFilter, Delays) {
  auto f = filter({"delay=10", "delay:DATA=100"}, fp::smtp);
  EXPECT_EQ(f.on_write("220 hi\r\n").delay.count(), 10);
  f.on_read("DATA\r\n");
  auto p = f.on_write("354 go\r\n");
  EXPECT_EQ(p.delay.count(), 110);
  EXPECT_EQ(p.notes.at(0), "fault: 110 ms delay before this write");
  EXPECT_EQ(f.on_write("250 ok\r\n").delay.count(), 10);
}

TEST(FaultFilter, JitterIsSeededAndWithinItsRange) {
  auto delays = [](std::uint64_t seed) {
    auto f = filter({"jitter=5-50"}, fp::smtp, seed);
    std::vector<long> out;
    for (int i = 0; i < 20; ++i) out.push_back(static_cast<long>(f.on_write("250 ok\r\n").delay.count()));
    return out;
  };
  auto const a = delays(7), b = delays(7), c = delays(8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  for (long d : a) {
    EXPECT_GE(d, 5);
    EXPECT_LE(d, 50);
  }
}

TEST(FaultFilter, DropAfterOctetsCutsTheWriteThatCrossesIt) {
  auto f = filter({"drop-after-octets=10"}, fp::smtp);
  auto p = f.on_write("220 abc\r\n");  // 9 octets
  EXPECT_FALSE(p.close_after);
  p = f.on_write("250 def\r\n");
  EXPECT_EQ(p.bytes, "2");
  EXPECT_TRUE(p.close_after);
  EXPECT_EQ(p.notes.back(), "fault: connection closed after 10 octets written (--fault drop-after-octets=10)");
}

TEST(FaultFilter, DropAfterCommandsClosesBeforeTheAnswer) {
  auto f = filter({"drop-after-commands=2"}, fp::smtp);
  f.on_read("EHLO x\r\n");
  EXPECT_FALSE(f.on_write("250 hi\r\n").close_before);
  f.on_read("MAIL FROM:<a@b>\r\n");
  auto p = f.on_write("250 ok\r\n");
  EXPECT_TRUE(p.close_before);
  EXPECT_EQ(p.notes.at(0), "fault: connection closed after the client's command 2 (MAIL), before answering it (--fault drop-after-commands=2)");
  // Or before the next read, when the harness reads on instead of answering.
  auto g = filter({"drop-after-commands=1"}, fp::smtp);
  g.on_read("EHLO x\r\n");
  std::string note;
  EXPECT_TRUE(g.close_before_read(note));
  EXPECT_NE(note.find("drop-after-commands=1"), std::string::npos);
}

TEST(FaultFilter, TrickleAndTlsFail) {
  auto f = filter({"trickle=4/2", "tls-fail"}, fp::smtp);
  auto p = f.on_write("220 mailspec\r\n");
  EXPECT_EQ(p.chunk, 4u);
  EXPECT_EQ(p.gap.count(), 2);
  EXPECT_TRUE(f.tls_fail());
  EXPECT_FALSE(filter({}, fp::smtp).tls_fail());
}
