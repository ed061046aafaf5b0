// The client identity of `mailspec serve`'s report (server/identity.hpp) and --by-login's choice of case.
#include "server/identity.hpp"

#include <gtest/gtest.h>

#include "server/serve.hpp"

namespace sv = mailspec::server;
namespace ms = mailspec::script;

TEST(ClientIdentity, ImapIdParameters) {
  auto id = sv::imap_id_of("a1 CAPABILITY\r\na2 ID (\"name\" \"Thunderbird\" \"version\" {4}\r\n128. \"os\" NIL)\r\n");
  ASSERT_TRUE(id);
  ASSERT_EQ(id->size(), 3u);
  EXPECT_EQ((*id)[0].first, "name");
  EXPECT_EQ((*id)[0].second, "Thunderbird");
  EXPECT_EQ((*id)[1].second, "128.");
  EXPECT_FALSE((*id)[2].second);
  auto nil = sv::imap_id_of("x id NIL\r\n");
  ASSERT_TRUE(nil);
  EXPECT_TRUE(nil->empty());
  EXPECT_FALSE(sv::imap_id_of("a1 LOGIN a b\r\na2 SELECT ID\r\n"));
}

TEST(ClientIdentity, UserAgentOrXMailer) {
  EXPECT_EQ(sv::user_agent_of("MAIL FROM:<a@b>\r\nDATA\r\nFrom: a@b\r\nuser-agent:  Mutt/2.2 \r\n\r\nbody\r\n.\r\n"), "Mutt/2.2");
  EXPECT_EQ(sv::user_agent_of("From: a\r\nX-Mailer: Python smtplib\r\n"), "Python smtplib");
  EXPECT_EQ(sv::user_agent_of("EHLO x\r\n"), "");
}

TEST(ClientIdentity, TlsAndNoCredentialsFromTheTranscript) {
  ms::case_result r;
  r.transcript.push_back({0, mailspec::session::direction::note, "main", "TLS established: TLSv1.3 TLS_AES_256_GCM_SHA384, client sent no SNI"});
  r.transcript.push_back({0, mailspec::session::direction::client, "main", "a1 ID (\"name\" \"x\")\r\n"});
  sv::identify_client(r, true);
  EXPECT_TRUE(r.client_tls);
  EXPECT_EQ(r.client_tls_version, "TLSv1.3");
  ASSERT_TRUE(r.client_imap_id);
  EXPECT_EQ(r.client_imap_id->at(0).second, "x");
}

TEST(ByLogin, ChoosesByIdUserEqualsOrAUniqueSuffix) {
  ms::case_def a, b, c;
  a.id = "smtp-client.t.session";
  b.id = "smtp-client.t.quit-only";
  c.id = "smtp-client.u.quit-only";
  std::vector<ms::case_def const*> choosable{&a, &b, &c};
  std::string why;
  EXPECT_EQ(sv::choose_case(choosable, "smtp-client.t.session", why), &a);
  EXPECT_EQ(sv::choose_case(choosable, "user=smtp-client.t.quit-only", why), &b);
  EXPECT_EQ(sv::choose_case(choosable, "session", why), &a);
  EXPECT_EQ(sv::choose_case(choosable, "quit-only", why), nullptr);
  EXPECT_NE(why.find("suffix of 2"), std::string::npos) << why;
  EXPECT_EQ(sv::choose_case(choosable, "alice", why), nullptr);
  EXPECT_NE(why.find("names no case"), std::string::npos) << why;
  EXPECT_NE(why.find("smtp-client.u.quit-only"), std::string::npos) << why;
}
