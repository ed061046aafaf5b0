// The built-in mail store and its SMTP, POP3 and IMAP servers over their sans-IO interface: one command
// in, the octets of its response out.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "codec/imap/command.hpp"
#include "codec/pop3/command.hpp"
#include "codec/smtp/command.hpp"
#include "codec/smtp/data.hpp"
#include "script/mailstore.hpp"

#ifndef MAILSPEC_SOURCE_SUITES_DIR
#define MAILSPEC_SOURCE_SUITES_DIR "suites"
#endif

namespace ms = mailspec::script::mailstore;
namespace codec = mailspec::codec;

namespace {

std::filesystem::path fixture() { return std::filesystem::path(MAILSPEC_SOURCE_SUITES_DIR) / "mailstore"; }

ms::options creds() {
  ms::options o;
  o.user = "alice";
  o.password = "alice-password";
  return o;
}

codec::smtp::command smtp(std::string const& line) {
  codec::smtp::command_parser p;
  std::error_code ec;
  p.put(line + "\r\n", ec);
  EXPECT_FALSE(ec) << line;
  return p.take();
}

codec::pop3::command pop3(std::string const& line) {
  codec::pop3::command_parser p;
  std::error_code ec;
  p.put(line + "\r\n", ec);
  EXPECT_FALSE(ec) << line;
  return p.take();
}

/// An IMAP command; synchronising literals are answered as if "+" had been sent.
codec::imap::command imap(std::string const& text, codec::imap::line_kind k = codec::imap::line_kind::command) {
  codec::imap::command_parser p;
  p.expect(k);
  std::error_code ec;
  std::string_view in = text;
  while (!in.empty()) {
    std::size_t const n = p.put(in, ec);
    in.remove_prefix(n);
    if (!ec || n == 0) break;
    EXPECT_TRUE(p.literal_pending() || in.empty()) << text;
  }
  EXPECT_FALSE(ec) << text;
  return p.take();
}

ms::store fixture_store() {
  ms::store s = ms::load_store(fixture());
  return s;
}

}  // namespace

TEST(MailStore, LoadsTheFixtureDirectory) {
  ms::store s = fixture_store();
  ms::mailbox* inbox = s.find("inbox");
  ASSERT_NE(inbox, nullptr);
  ASSERT_EQ(inbox->messages.size(), 4u);
  EXPECT_EQ(inbox->messages[0].uid, 1u);
  EXPECT_EQ(inbox->uidnext, 5u);
  EXPECT_TRUE(inbox->messages[0].has("\\Seen"));
  EXPECT_FALSE(inbox->messages[1].has("\\Seen"));
  EXPECT_TRUE(inbox->messages[3].has("\\Flagged"));
  EXPECT_EQ(inbox->messages[0].octets.find("\n"), inbox->messages[0].octets.find("\r\n") + 1);  // CRLF line ends
  EXPECT_EQ(inbox->messages[0].internal.year, 2026);
  EXPECT_EQ(inbox->messages[0].internal.zone, 60);
  ASSERT_NE(s.find("Archive"), nullptr);
  EXPECT_EQ(s.find("Archive")->messages.size(), 2u);
}

TEST(MailStore, MissingDirectoryGivesAnEmptyInbox) {
  ms::store s = ms::load_store("/nonexistent/mailspec-store");
  ASSERT_EQ(s.boxes().size(), 1u);
  EXPECT_TRUE(s.find("INBOX")->messages.empty());
}

TEST(MailStore, HeaderFieldUnfolds) {
  EXPECT_EQ(ms::header_field("Subject: a\r\n b\r\nTo: x\r\n\r\nSubject: body", "subject"), "a b");
  EXPECT_EQ(ms::header_field("To: x\r\n\r\nSubject: body\r\n", "Subject"), std::nullopt);
}

TEST(SmtpService, AcceptsASessionAndAppendsToInbox) {
  ms::smtp_service svc(ms::store{}, creds());
  EXPECT_NE(svc.on_command(smtp("EHLO client.test")).find("250-PIPELINING\r\n"), std::string::npos);
  EXPECT_EQ(svc.on_command(smtp("MAIL FROM:<a@example.test> SIZE=100")), "250 2.1.0 sender ok\r\n");
  EXPECT_EQ(svc.on_command(smtp("RCPT TO:<b@example.test>")), "250 2.1.5 recipient ok\r\n");
  EXPECT_EQ(svc.on_command(smtp("DATA")).substr(0, 4), "354 ");
  ASSERT_TRUE(svc.wants_data());
  codec::smtp::eod_detector d;
  std::error_code ec;
  d.put("Subject: hi\r\n\r\n..dot\r\nbare\nlf\r\n.\r\n", ec);
  ASSERT_FALSE(ec);
  EXPECT_EQ(svc.on_data(d.take()).substr(0, 4), "250 ");
  EXPECT_EQ(svc.on_command(smtp("VRFY bob")).substr(0, 4), "252 ");
  EXPECT_EQ(svc.on_command(smtp("QUIT")).substr(0, 4), "221 ");
  EXPECT_TRUE(svc.ended());
  EXPECT_EQ(svc.facts().at("messages"), "1");
  EXPECT_EQ(svc.facts().at("data.bare-lf"), "yes");
  EXPECT_EQ(svc.facts().at("verbs"), "EHLO MAIL RCPT DATA VRFY QUIT");
  EXPECT_EQ(svc.facts().at("end"), "quit");
  auto& inbox = svc.mail().find("INBOX")->messages;
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_NE(inbox[0].octets.find("\r\n.dot\r\n"), std::string::npos);  // unstuffed
}

TEST(SmtpService, AuthOnlyWhenOfferedAndChecksCredentials) {
  ms::smtp_service plain(ms::store{}, creds());
  EXPECT_EQ(plain.on_command(smtp("EHLO c")).find("AUTH"), std::string::npos);
  EXPECT_EQ(plain.on_command(smtp("AUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk")).substr(0, 4), "502 ");
  ms::options o = creds();
  o.features.insert("AUTH");
  ms::smtp_service svc(ms::store{}, o);
  EXPECT_NE(svc.on_command(smtp("EHLO c")).find("250-AUTH PLAIN LOGIN CRAM-MD5"), std::string::npos);
  EXPECT_EQ(svc.on_command(smtp("AUTH PLAIN AGFsaWNlAHdyb25n")).substr(0, 4), "535 ");  // \0alice\0wrong
  EXPECT_EQ(svc.on_command(smtp("AUTH PLAIN")), "334 \r\n");
  ASSERT_TRUE(svc.in_sasl());
  EXPECT_EQ(svc.on_sasl_line("AGFsaWNlAGFsaWNlLXBhc3N3b3Jk").substr(0, 4), "235 ");
}

TEST(SmtpService, StartTlsOnlyWhenOffered) {
  ms::options o = creds();
  o.starttls = true;
  ms::smtp_service svc(ms::store{}, o);
  EXPECT_NE(svc.on_command(smtp("EHLO c")).find("250-STARTTLS"), std::string::npos);
  EXPECT_EQ(svc.on_command(smtp("STARTTLS")).substr(0, 4), "220 ");
  EXPECT_TRUE(svc.wants_tls());
  svc.tls_started();
  EXPECT_EQ(svc.on_command(smtp("EHLO c")).find("STARTTLS"), std::string::npos);
}

TEST(Pop3Service, SessionWithByteStuffingAndDeletion) {
  ms::pop3_service svc(fixture_store(), creds());
  EXPECT_NE(svc.on_command(pop3("CAPA")).find("\r\nUIDL\r\n"), std::string::npos);
  EXPECT_EQ(svc.on_command(pop3("STAT")).substr(0, 4), "-ERR");
  EXPECT_EQ(svc.on_command(pop3("USER alice")).substr(0, 3), "+OK");
  EXPECT_EQ(svc.on_command(pop3("PASS wrong")).substr(0, 4), "-ERR");
  EXPECT_EQ(svc.on_command(pop3("PASS alice-password")).substr(0, 3), "+OK");
  std::string const stat = svc.on_command(pop3("STAT"));
  EXPECT_EQ(stat.substr(0, 6), "+OK 4 ");
  std::string const retr = svc.on_command(pop3("RETR 2"));
  EXPECT_NE(retr.find("\r\n..this line starts with a dot\r\n"), std::string::npos);
  EXPECT_NE(retr.find("\r\n...and this one with two\r\n"), std::string::npos);
  EXPECT_EQ(retr.substr(retr.size() - 5), "\r\n.\r\n");
  std::string const top = svc.on_command(pop3("TOP 4 0"));
  EXPECT_EQ(top.find("Does your client"), std::string::npos);
  EXPECT_NE(top.find("Subject:"), std::string::npos);
  EXPECT_EQ(svc.on_command(pop3("UIDL 1")).substr(0, 6), "+OK 1 ");
  EXPECT_EQ(svc.on_command(pop3("DELE 1")).substr(0, 3), "+OK");
  EXPECT_EQ(svc.on_command(pop3("RETR 1")).substr(0, 4), "-ERR");
  EXPECT_EQ(svc.on_command(pop3("LIST")).find("\r\n1 "), std::string::npos);
  EXPECT_EQ(svc.on_command(pop3("QUIT")).substr(0, 3), "+OK");
  EXPECT_EQ(svc.facts().at("retrieved"), "1");
  EXPECT_EQ(svc.facts().at("deleted"), "1");
  EXPECT_EQ(svc.mail().find("INBOX")->messages.size(), 3u);
}

TEST(Pop3Service, NoQuitNoDeletion) {
  ms::pop3_service svc(fixture_store(), creds());
  svc.on_command(pop3("USER alice"));
  svc.on_command(pop3("PASS alice-password"));
  svc.on_command(pop3("DELE 1"));
  EXPECT_FALSE(svc.ended());
  EXPECT_EQ(svc.mail().find("INBOX")->messages.size(), 4u);
}

TEST(Pop3Service, AuthPlainWithInitialResponse) {
  ms::pop3_service svc(fixture_store(), creds());
  EXPECT_EQ(svc.on_command(pop3("AUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk")).substr(0, 3), "+OK");
  EXPECT_EQ(svc.on_command(pop3("STAT")).substr(0, 6), "+OK 4 ");
}

class ImapServiceTest : public ::testing::Test {
 protected:
  ms::imap_service svc{fixture_store(), creds()};
  std::string run(std::string const& line) { return svc.on_command(imap(line + "\r\n")); }
  void login_select() {
    ASSERT_NE(run("a1 LOGIN alice alice-password").find("a1 OK"), std::string::npos);
    ASSERT_NE(run("a2 SELECT INBOX").find("a2 OK [READ-WRITE]"), std::string::npos);
  }
};

TEST_F(ImapServiceTest, LoginSelectAndState) {
  EXPECT_NE(run("a0 CAPABILITY").find("IMAP4rev1"), std::string::npos);
  EXPECT_NE(run("a0b SELECT INBOX").find("a0b BAD"), std::string::npos);
  EXPECT_NE(run("a0c LOGIN alice nope").find("a0c NO [AUTHENTICATIONFAILED]"), std::string::npos);
  ASSERT_NE(run("a1 LOGIN alice alice-password").find("a1 OK"), std::string::npos);
  std::string const sel = run("a2 SELECT INBOX");
  EXPECT_NE(sel.find("* 4 EXISTS\r\n"), std::string::npos);
  EXPECT_NE(sel.find("[UIDVALIDITY "), std::string::npos);
  EXPECT_NE(sel.find("[UIDNEXT 5]"), std::string::npos);
  EXPECT_NE(run("a3 LIST \"\" *").find("* LIST () \"/\" \"Archive\""), std::string::npos);
  EXPECT_NE(run("a4 STATUS Archive (MESSAGES UIDNEXT UNSEEN)").find("(MESSAGES 2 UIDNEXT 3 UNSEEN 0)"), std::string::npos);
  EXPECT_NE(run("a5 LOGOUT").find("* BYE"), std::string::npos);
  EXPECT_TRUE(svc.ended());
  EXPECT_EQ(svc.facts().at("end"), "logout");
  EXPECT_EQ(svc.facts().at("first-verb"), "CAPABILITY");
}

TEST_F(ImapServiceTest, TagReuseIsRecorded) {
  run("a1 NOOP");
  run("a2 NOOP");
  run("a1 NOOP");
  run("a2 NOOP");
  EXPECT_EQ(svc.facts().at("tag.reused"), "a1");
}

TEST_F(ImapServiceTest, FetchSectionsAndPartials) {
  login_select();
  std::string const r = run("f1 FETCH 3 (UID RFC822.SIZE BODY.PEEK[1] BODY.PEEK[2.MIME] BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[TEXT]<0.4>)");
  EXPECT_NE(r.find("* 3 FETCH (UID 3 RFC822.SIZE "), std::string::npos) << r;
  EXPECT_NE(r.find("BODY[1] {42}\r\nPlease find the monthly report attached.\r\n B"), std::string::npos) << r;
  EXPECT_NE(r.find("BODY[2.MIME] "), std::string::npos) << r;
  EXPECT_NE(r.find("BODY[HEADER.FIELDS (SUBJECT)] {45}\r\nSubject: Monthly report (with attachment)\r\n\r\n"), std::string::npos) << r;
  EXPECT_NE(r.find("BODY[TEXT]<0> \"This\""), std::string::npos) << r;
  EXPECT_EQ(r.find("\\Seen"), std::string::npos) << r;  // PEEK
  EXPECT_NE(r.find("f1 OK"), std::string::npos);
}

TEST_F(ImapServiceTest, FetchBodySetsSeenAndStructure) {
  login_select();
  std::string const r = run("f2 FETCH 3 (BODYSTRUCTURE ENVELOPE BODY[])");
  EXPECT_NE(r.find("BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 42 1"), std::string::npos) << r;
  EXPECT_NE(r.find("(\"APPLICATION\" \"OCTET-STREAM\" (\"NAME\" \"report.bin\") NIL NIL \"BASE64\""), std::string::npos) << r;
  EXPECT_NE(r.find("\"MIXED\" (\"BOUNDARY\" \"=_mailspec_boundary_1\")"), std::string::npos) << r;
  EXPECT_NE(r.find("ENVELOPE (\"Sun, 15 Nov 2026 08:00:00 +0000\" \"Monthly report (with attachment)\" ((\"Reports\" NIL \"reports\" \"example.net\"))"), std::string::npos) << r;
  EXPECT_NE(r.find("FLAGS (\\Seen)"), std::string::npos) << r;
  std::string const fwd = svc.on_command(imap("x1 EXAMINE Archive\r\n"));
  EXPECT_NE(fwd.find("[READ-ONLY]"), std::string::npos);
  std::string const m = run("f3 FETCH 2 (BODY.PEEK[2.HEADER] BODY.PEEK[2.1] BODYSTRUCTURE)");
  EXPECT_NE(m.find("BODY[2.HEADER] "), std::string::npos) << m;
  EXPECT_NE(m.find("Subject: Welcome\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("BODY[2.1] {14}\r\nHello again.\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\"MESSAGE\" \"RFC822\""), std::string::npos) << m;
}

TEST_F(ImapServiceTest, SearchKeys) {
  login_select();
  EXPECT_NE(run("s1 SEARCH ALL").find("* SEARCH 1 2 3 4\r\n"), std::string::npos);
  EXPECT_NE(run("s2 SEARCH UNSEEN").find("* SEARCH 2 3 4\r\n"), std::string::npos);
  EXPECT_NE(run("s3 SEARCH SUBJECT report").find("* SEARCH 3\r\n"), std::string::npos);
  EXPECT_NE(run("s4 SEARCH FROM carol NOT SEEN").find("* SEARCH 2\r\n"), std::string::npos);
  EXPECT_NE(run("s5 SEARCH OR FLAGGED SEEN").find("* SEARCH 1 4\r\n"), std::string::npos);
  EXPECT_NE(run("s6 SEARCH SINCE 15-Nov-2026").find("* SEARCH 3 4\r\n"), std::string::npos);
  EXPECT_NE(run("s7 SEARCH BEFORE 10-Nov-2026").find("* SEARCH 1\r\n"), std::string::npos);
  EXPECT_NE(run("s8 UID SEARCH UID 2:3 HEADER Message-ID notes").find("* SEARCH 2\r\n"), std::string::npos);
  EXPECT_NE(run("s9 SEARCH TO dave").find("* SEARCH 2\r\n"), std::string::npos);
  EXPECT_NE(run("s10 SEARCH FUZZY x").find("s10 BAD"), std::string::npos);
}

TEST_F(ImapServiceTest, StoreExpungeCopyMove) {
  login_select();
  EXPECT_NE(run("t1 STORE 1:2 +FLAGS (\\Deleted)").find("* 2 FETCH (FLAGS (\\Deleted))"), std::string::npos);
  EXPECT_EQ(run("t2 STORE 3 +FLAGS.SILENT (\\Answered)"), "t2 OK STORE completed\r\n");
  std::string const cp = run("t3 UID COPY 3 Archive");
  EXPECT_NE(cp.find("[COPYUID "), std::string::npos);
  EXPECT_NE(cp.find(" 3 3] COPY completed"), std::string::npos) << cp;
  EXPECT_EQ(run("t4 EXPUNGE"), "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\nt4 OK EXPUNGE completed\r\n");
  std::string const mv = run("t5 MOVE 1 Archive");
  EXPECT_NE(mv.find("* 1 EXPUNGE\r\n"), std::string::npos) << mv;
  EXPECT_NE(run("t6 STATUS Archive (MESSAGES)").find("(MESSAGES 4)"), std::string::npos);
  EXPECT_NE(run("t7 UID FETCH 4 (FLAGS)").find("* 1 FETCH (UID 4 FLAGS (\\Flagged))"), std::string::npos);
  EXPECT_NE(run("t8 COPY 1 Nowhere").find("t8 NO [TRYCREATE]"), std::string::npos);
}

TEST_F(ImapServiceTest, AppendWithLiteralAndIdle) {
  login_select();
  std::string const a = svc.on_command(imap("p1 APPEND INBOX (\\Seen) \" 5-Dec-2026 10:00:00 +0000\" {20}\r\nSubject: x\r\n\r\nbody\r\n\r\n"));
  EXPECT_NE(a.find("* 5 EXISTS\r\n"), std::string::npos) << a;
  EXPECT_NE(a.find("p1 OK [APPENDUID "), std::string::npos) << a;
  EXPECT_NE(run("p2 FETCH 5 (FLAGS INTERNALDATE)").find("INTERNALDATE \" 5-Dec-2026 10:00:00 +0000\" FLAGS (\\Seen)"), std::string::npos);
  EXPECT_EQ(run("p3 IDLE"), "+ idling\r\n");
  EXPECT_EQ(svc.expect(), codec::imap::line_kind::idle_done);
  EXPECT_EQ(svc.on_command(imap("DONE\r\n", codec::imap::line_kind::idle_done)), "p3 OK IDLE terminated\r\n");
  EXPECT_NE(run("p4 CREATE Work/2026").find("p4 OK"), std::string::npos);
  EXPECT_EQ(run("p5 LIST \"\" %").find("\"Work/2026\""), std::string::npos);  // % stops at the delimiter
  EXPECT_NE(run("p5b LIST \"\" *").find("\"Work/2026\""), std::string::npos);
  EXPECT_NE(run("p6 APPEND Nowhere {1}\r\nx").find("p6 NO [TRYCREATE]"), std::string::npos);
}

TEST_F(ImapServiceTest, AuthenticatePlain) {
  EXPECT_EQ(run("a1 AUTHENTICATE PLAIN"), "+ \r\n");
  ASSERT_TRUE(svc.in_sasl());
  EXPECT_NE(svc.on_sasl_line("AGFsaWNlAGFsaWNlLXBhc3N3b3Jk").find("a1 OK"), std::string::npos);
  EXPECT_NE(run("a2 SELECT INBOX").find("a2 OK"), std::string::npos);
}

TEST(MailStoreService, EachConnectionGetsAFreshCopy) {
  ms::store const original = ms::load_store(fixture());
  {
    ms::imap_service first(original, creds());
    first.on_command(imap("a LOGIN alice alice-password\r\n"));
    first.on_command(imap("b SELECT INBOX\r\n"));
    first.on_command(imap("c STORE 1:* +FLAGS (\\Deleted)\r\n"));
    first.on_command(imap("d EXPUNGE\r\n"));
    EXPECT_TRUE(first.mail().find("INBOX")->messages.empty());
  }
  ms::imap_service second(original, creds());
  EXPECT_EQ(second.mail().find("INBOX")->messages.size(), 4u);
}
