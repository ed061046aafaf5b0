// The MIME tree's JSON form mailspec-mime-1 (suites/mime/README.md): the fields of MESSAGE and PART,
// section null for a message's root multipart, addresses and groups, the message inside message/rfc822,
// and text that is not UTF-8 repaired rather than breaking the document.
#include "script/mime_tree_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace {

namespace mm = mailspec::codec::mime;
using json = nlohmann::json;

std::string crlf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

json tree_json(std::string const& message) {
  return mailspec::script::mime_tree_json(mm::parse(message), "mailspec test");
}

TEST(MimeTreeJson, DocumentAndMessageFields) {
  std::string const m = crlf(
      "From: \"Joe Q. Public\" <john.q.public@example.com>\nTo: A Group:Ed Jones <c@a.test>,joe@where.test;\n"
      "Cc: Undisclosed recipients:;\nSubject: =?ISO-8859-1?Q?Andr=E9?= here\nDate:  Tue, 1 Jul 2003 10:52:37 +0200 \n"
      "Message-ID: <5678@example.com>\nIn-Reply-To: <1@example.com>\n"
      "Content-Type: multipart/mixed; boundary=b\n\npre\n--b\n\nhello\n--b--\n");
  json const j = tree_json(m);
  EXPECT_EQ(j["format"], "mailspec-mime-1");
  EXPECT_EQ(j["reader"], "mailspec test");
  EXPECT_EQ(j["octets"], m.size());
  json const& msg = j["message"];
  EXPECT_EQ(msg["header_octets"], m.find("\r\n\r\n") + 4);
  EXPECT_EQ(msg["subject"], "Andr\xC3\xA9 here");
  EXPECT_EQ(msg["date"], "Tue, 1 Jul 2003 10:52:37 +0200");
  EXPECT_EQ(msg["message_id"], "<5678@example.com>");
  EXPECT_EQ(msg["in_reply_to"], "<1@example.com>");
  EXPECT_EQ(msg["from"], json::parse(R"([{"name":"Joe Q. Public","mailbox":"john.q.public","host":"example.com"}])"));
  EXPECT_EQ(msg["to"], json::parse(R"([{"group":"A Group","members":[{"name":"Ed Jones","mailbox":"c","host":"a.test"},
                                       {"mailbox":"joe","host":"where.test"}]}])"));
  EXPECT_EQ(msg["cc"], json::parse(R"([{"group":"Undisclosed recipients","members":[]}])"));
  EXPECT_FALSE(msg.contains("bcc"));
  json const& root = msg["root"];
  EXPECT_TRUE(root["section"].is_null());
  EXPECT_EQ(root["type"], "multipart");
  EXPECT_EQ(root["subtype"], "mixed");
  EXPECT_EQ(root["params"], json::parse(R"({"boundary":"b"})"));
  EXPECT_EQ(root["preamble_octets"], 3);
  EXPECT_EQ(root["epilogue_octets"], 0);
  EXPECT_EQ(root["closed"], true);
  EXPECT_FALSE(root.contains("decoded_octets"));
  ASSERT_EQ(root["parts"].size(), 1u);
  json const& one = root["parts"][0];
  EXPECT_EQ(one["section"], "1");
  EXPECT_EQ(one["type_defaulted"], true);
  EXPECT_EQ(one["params"], json::parse(R"({"charset":"us-ascii"})"));
  EXPECT_EQ(one["encoding"], "7bit");
  EXPECT_EQ(one["body_octets"], 5);
  EXPECT_EQ(one["body_lines"], 1);
  EXPECT_EQ(one["decoded_octets"], 5);
  EXPECT_EQ(one["decoded_sha256"], "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");  // "hello"
  EXPECT_FALSE(one.contains("defects"));
}

TEST(MimeTreeJson, MessagePartHoldsTheMessageInside) {
  json const j = tree_json(crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n"
                                "Subject: inner\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n"
                                "Content-Disposition: inline; filename=\"a.png\"\n\niVBORw==\n--b\n"));
  json const& part = j["message"]["root"]["parts"][0];
  EXPECT_EQ(part["type"], "message");
  EXPECT_TRUE(part.contains("body_lines"));
  EXPECT_FALSE(part.contains("decoded_octets"));  // not a leaf
  json const& inner = part["message"];
  EXPECT_EQ(inner["subject"], "inner");
  EXPECT_EQ(inner["root"]["section"], "1.1");
  EXPECT_EQ(inner["root"]["encoding"], "base64");
  EXPECT_EQ(inner["root"]["filename"], "a.png");
  EXPECT_EQ(inner["root"]["disposition"], json::parse(R"({"type":"inline","params":{"filename":"a.png"}})"));
  EXPECT_EQ(inner["root"]["decoded_octets"], 4);
  EXPECT_FALSE(inner["root"].contains("body_lines"));  // image: IMAP gives no line count
  EXPECT_EQ(j["message"]["root"]["closed"], false);
  EXPECT_EQ(j["message"]["root"]["defects"], json::parse(R"(["missing-close-delimiter"])"));
}

TEST(MimeTreeJson, TextThatIsNotUtf8IsRepaired) {
  json const j = tree_json("Subject: caf\xE9\r\nFrom: J\xF6rg <j@x.test>\r\n\r\nx");
  EXPECT_EQ(j["message"]["subject"], "caf\xEF\xBF\xBD");
  EXPECT_EQ(j["message"]["from"][0]["name"], "J\xEF\xBF\xBDrg");
  EXPECT_NO_THROW((void)j.dump());
}

}  // namespace
