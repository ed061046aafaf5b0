// The client identity of `mailspec serve`'s report (server/identity.hpp) and --by-login's choice of case.
#include "server/identity.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "report/report.hpp"
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

// A client-test report with every identity field: report_schema_unit validates it against the schema.
TEST(ClientIdentity, ReportCarriesItAndValidates) {
  mailspec::report::run_report r;
  r.tool_version = "0.1.0";
  r.mode = "client-test";
  r.tgt = {ms::protocol::imap, "imaps", "127.0.0.1", 993, true, "imaps://127.0.0.1:993"};
  r.started = r.finished = mailspec::report::now_rfc3339();
  ms::case_result c;
  c.id = "imap-client.t.id";
  c.title = "t";
  c.suite = "imap-client";
  c.refs = {{2971, "3.3", ms::level::may}};
  c.client_imap_id = std::vector<std::pair<std::string, std::optional<std::string>>>{{"name", "Thunderbird"}, {"os", std::nullopt}};
  c.client_user_agent = "Thunderbird/128";
  c.client_tls = true;
  c.client_tls_version = "TLSv1.3";
  r.cases.push_back(c);
  std::string const text = mailspec::report::to_json(r);
  std::filesystem::path const dir = MAILSPEC_TEST_REPORT_DIR;
  std::filesystem::create_directories(dir);
  mailspec::report::write_atomic((dir / "unit-clients.json").string(), text);
  auto const j = nlohmann::json::parse(text);
  auto const& one = j["clients"][0];
  EXPECT_EQ(one["imap_id"]["name"], "Thunderbird");
  EXPECT_TRUE(one["imap_id"]["os"].is_null());
  EXPECT_EQ(one["user_agent"], "Thunderbird/128");
  EXPECT_EQ(one["tls"]["active"], true);
  EXPECT_EQ(one["tls"]["version"], "TLSv1.3");
}
