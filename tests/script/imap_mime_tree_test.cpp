// An IMAP server's MIME tree (script/imap_mime_tree.hpp) built from typed FETCH responses: the section
// numbers of RFC 9051 §6.4.5, RFC 2231 parameters and RFC 2047 words decoded as a client must, groups in
// ENVELOPE, sizes from the sections, and the comparison that tells "not reported" from "the server said
// it is absent".
#include "script/imap_mime_tree.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "codec/common/sha256.hpp"

namespace im = mailspec::script::imap_mime;
namespace {
std::string mime_describe(mailspec::script::mime::comparison const& c) { return mailspec::script::mime::describe(c); }
}  // namespace
namespace imap = mailspec::codec::imap;
using json = nlohmann::json;

namespace {

imap::typed_response typed(std::string const& raw) {
  auto g = imap::parse_typed(raw);
  EXPECT_TRUE(g) << (g.error ? g.error->message() : std::string());
  return g ? *g.value : imap::typed_response{};
}

// mixed: 1 text/plain, 2 an attachment with RFC 2231 continuations, 3 a message/rfc822 holding a text part.
std::string const structure_response =
    "* 1 FETCH (RFC822.SIZE 500 ENVELOPE (\"Mon, 02 Jan 2023 10:00:00 +0000\" \"=?utf-8?q?caf=C3=A9?=\" "
    "((\"=?utf-8?q?Ann_=C3=A9?=\" NIL \"ann\" \"example.test\")) ((NIL NIL \"ann\" \"example.test\")) "
    "((NIL NIL \"ann\" \"example.test\")) "
    "((NIL NIL \"friends\" NIL)(\"Bob\" NIL \"\\\"b b\\\"\" \"example.test\")(NIL NIL NIL NIL)) NIL NIL NIL "
    "\"<m1@example.test>\") BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL "
    "\"=?utf-8?q?d=C3=A9?=\" \"7BIT\" 6 1 NIL NIL NIL NIL)(\"APPLICATION\" \"OCTET-STREAM\" NIL \"<id@x>\" NIL "
    "\"BASE64\" 4 NIL (\"ATTACHMENT\" (\"FILENAME*0*\" \"utf-8''%E2%82%AC\" \"FILENAME*1\" \".bin\")) NIL NIL)"
    "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 30 (\"Tue, 03 Jan 2023 10:00:00 +0000\" \"inner\" NIL NIL NIL "
    "NIL NIL NIL NIL NIL) (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 3 1) 3) \"MIXED\" "
    "(\"BOUNDARY\" \"b\") NIL NIL NIL))\r\n";

im::fetched sample() {
  im::fetched f;
  f.take(typed(structure_response));
  f.body["HEADER"] = std::string(120, 'h');
  f.body["TEXT"] = std::string(200, 't');
  f.body["1.MIME"] = "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
  f.body["1"] = "hello\n";
  f.body["2.MIME"] = std::string(90, 'm');
  f.body["2"] = "AAEC";
  f.body["3.MIME"] = std::string(40, 'm');
  f.body["3.HEADER"] = std::string(27, 'H');
  f.body["3.1"] = "hi\n";
  return f;
}

}  // namespace

TEST(ImapMimePlan, NumbersThePartsAsRfc9051Section6_4_5) {
  auto const f = sample();
  ASSERT_TRUE(f.structure);
  auto const p = im::plan(*f.structure);
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].section, "");  // the multipart root: its body is TEXT, its header the message's
  EXPECT_EQ(p[0].body, (std::vector<std::string>{"TEXT"}));
  EXPECT_EQ(p[1].section, "1");
  EXPECT_EQ(im::body_items(p[1]), "BODY.PEEK[1.MIME] BODY.PEEK[1]");
  EXPECT_TRUE(p[2].leaf);
  EXPECT_EQ(p[2].encoding, "base64");
  EXPECT_EQ(p[3].body, (std::vector<std::string>{"3.MIME", "3.HEADER"}));  // a message part
  EXPECT_FALSE(p[3].leaf);
  EXPECT_EQ(p[4].section, "3.1");  // the body of the message inside: its header is 3.HEADER
  EXPECT_EQ(p[4].body, (std::vector<std::string>{"3.1"}));
}

TEST(ImapMimePlan, ASinglePartMessageIsPartOneAndTheLimitHolds) {
  auto const t = typed("* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3 1))\r\n");
  im::fetched f;
  f.take(t);
  ASSERT_TRUE(f.structure);
  auto const p = im::plan(*f.structure);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].body, (std::vector<std::string>{"1"}));
  auto const many = typed("* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)"
                          "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1) \"MIXED\"))\r\n");
  f.take(many);
  EXPECT_EQ(im::plan(*f.structure, 2).size(), 2u);
}

TEST(ImapMimeTree, DecodesWhatAClientMustDecode) {
  auto const t = im::build(sample(), "test server");
  json const& d = t.document;
  EXPECT_EQ(d["format"], "mailspec-mime-1");
  EXPECT_EQ(d["octets"], 500);
  json const& m = d["message"];
  EXPECT_EQ(m["header_octets"], 120);
  EXPECT_EQ(m["subject"], "café");
  EXPECT_EQ(m["from"][0]["name"], "Ann é");
  EXPECT_FALSE(m["sender"][0].contains("name"));
  // A group, its member's quoted local part unquoted, and the end marker gone.
  EXPECT_EQ(m["to"], json::parse(R"([{"group":"friends","members":[{"name":"Bob","mailbox":"b b","host":"example.test"}]}])"));
  EXPECT_FALSE(m.contains("cc"));
  EXPECT_EQ(t.also.at("subject"), "=?utf-8?q?caf=C3=A9?=");  // as sent: the second reading
  EXPECT_EQ(t.also.at("from[0].name"), "=?utf-8?q?Ann_=C3=A9?=");
  json const& root = m["root"];
  EXPECT_TRUE(root["section"].is_null());
  EXPECT_EQ(root["type"], "multipart");
  EXPECT_EQ(root["params"]["boundary"], "b");
  EXPECT_EQ(root["header_octets"], 120);
  EXPECT_EQ(root["body_octets"], 200);
  json const& text = root["parts"][0];
  EXPECT_EQ(text["section"], "1");
  EXPECT_EQ(text["header_octets"], 46);
  EXPECT_EQ(text["description"], "dé");
  EXPECT_EQ(text["params"]["charset"], "us-ascii");
  EXPECT_EQ(text["body_lines"], 1);
  EXPECT_EQ(text["decoded_sha256"], mailspec::codec::sha256_hex("hello\n"));
  json const& file = root["parts"][1];
  EXPECT_EQ(file["filename"], "€.bin");  // RFC 2231 continuations joined and decoded
  EXPECT_EQ(file["disposition"]["type"], "attachment");
  EXPECT_EQ(file["disposition"]["params"]["filename"], "€.bin");
  EXPECT_EQ(file["id"], "<id@x>");
  EXPECT_EQ(file["encoding"], "base64");
  EXPECT_EQ(file["decoded_octets"], 3);
  json const& msg = root["parts"][2];
  EXPECT_EQ(msg["header_octets"], 40);
  EXPECT_EQ(msg["message"]["header_octets"], 27);
  EXPECT_EQ(msg["message"]["subject"], "inner");
  EXPECT_EQ(msg["message"]["root"]["section"], "3.1");
  EXPECT_EQ(msg["message"]["root"]["header_octets"], 27);  // the root's header is its message's
  EXPECT_EQ(msg["message"]["root"]["decoded_octets"], 3);
  // What the server said is not there.
  EXPECT_EQ(t.absent.at("cc"), "NIL");
  EXPECT_EQ(t.absent.at("root.parts[1].params"), "NIL");
  EXPECT_EQ(t.absent.at("root.parts[0].id"), "NIL");
  EXPECT_EQ(t.absent.at("root.parts[0].disposition"), "NIL");
  EXPECT_EQ(t.absent.at("root.parts[2].message.from"), "NIL");
}

TEST(ImapMimeTree, WithoutExtensionDataOrSectionsFieldsAreNotReported) {
  im::fetched f;
  f.take(typed("* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 3 1))\r\n"));
  auto const t = im::build(f, "s");
  json const& root = t.document["message"]["root"];
  EXPECT_EQ(root["section"], "1");
  for (char const* k : {"disposition", "filename", "md5", "language", "location", "header_octets", "decoded_sha256"}) {
    EXPECT_FALSE(root.contains(k)) << k;
    EXPECT_EQ(t.absent.count(std::string("root.") + k), 0u) << k;
  }
  EXPECT_FALSE(t.document.contains("octets"));
  EXPECT_FALSE(t.document["message"].contains("subject"));  // no ENVELOPE fetched
}

TEST(ImapMimeTree, BinaryItemsAndRefusals) {
  im::fetched f = sample();
  f.take(typed(std::string("* 1 FETCH (BINARY[2] ~{3}\r\n\x00\x01\x02 BINARY.SIZE[2] 3)\r\n", 50)));
  f.binary_refused["1"] = "A9 NO nope";
  auto const t = im::build(f, "s");
  json const& parts = t.document["message"]["root"]["parts"];
  EXPECT_EQ(parts[1]["binary_octets"], 3);
  EXPECT_EQ(parts[1]["binary_sha256"], parts[1]["decoded_sha256"]);
  EXPECT_EQ(t.absent.at("root.parts[0].binary_sha256"), "BINARY refused: A9 NO nope");
  f.body["2"] = "AAE";  // a truncated quantum: decoders differ, so BODY[2] decoded says nothing of the server
  json const broken = im::build(f, "s").document["message"]["root"]["parts"][1];
  EXPECT_FALSE(broken.contains("decoded_octets"));
  EXPECT_EQ(broken["binary_octets"], 3);
}

TEST(ImapMimeDecode, UndoesTransferEncodingsAsTheParserDoes) {
  auto const b = im::decode_body("aGVs\r\nbG8=\r\n", "base64");
  EXPECT_EQ(b.octets, 5u);
  EXPECT_EQ(b.sha256, mailspec::codec::sha256_hex("hello"));
  EXPECT_TRUE(b.clean);
  EXPECT_FALSE(im::decode_body("aGVsb", "base64").clean);  // a truncated quantum
  auto const q = im::decode_body("caf=C3=A9=\r\n!", "quoted-printable");
  EXPECT_EQ(q.sha256, mailspec::codec::sha256_hex("café!"));
  EXPECT_EQ(im::decode_body("=ZZ", "x-unknown").octets, 3u);  // an unknown encoding: as it is
}

TEST(ImapMimeCompare, AbsentFieldsAreJudgedNotSkipped) {
  json const expected = json::parse(R"({"format":"mailspec-mime-1","basis":"rfc","octets":10,"message":{
    "subject":"","bcc":[],"cc":[{"mailbox":"c","host":"x"}],
    "root":{"section":"1","params":{"charset":"utf-8","format":"flowed"},"disposition":{"type":"inline","params":{}},
            "decoded_octets":2,"decoded_sha256":"ab","md5":"m"}}})");
  im::server_tree t;
  t.document = json::parse(R"({"format":"mailspec-mime-1","octets":11,"message":{
    "root":{"section":"1","params":{"charset":"utf-8"},"decoded_octets":2,"decoded_sha256":"ab","binary_octets":2}}})");
  t.absent = {{"subject", "NIL"}, {"bcc", "NIL"}, {"cc", "NIL"}, {"root.params", "not in the server's parameter list"},
              {"root.disposition", "NIL"}, {"root.binary_sha256", "BINARY refused: A3 NO x"}};
  auto const c = im::compare(expected, t);
  std::vector<std::string> where;
  for (auto const& d : c.differences) where.push_back(d.where);
  // subject "" and bcc [] agree with NIL (RFC 9051 §7.5.2); the rest differ; md5 is not reported.
  EXPECT_EQ(where, (std::vector<std::string>{"octets", "cc", "root.binary_sha256", "root.disposition", "root.params.format"}));
  EXPECT_EQ(c.not_reported, (std::vector<std::string>{"root.md5"}));
  EXPECT_NE(c.differences[2].actual.find("BINARY refused: A3 NO x"), std::string::npos);
  EXPECT_EQ(c.compared, 12u);
}

TEST(ImapMimeCompare, ExpectedDecodedFiguresAlsoHoldForBinary) {
  json const e = im::expected_for_imap(json::parse(R"({"root":{"parts":[{"decoded_octets":1,"decoded_sha256":"x"},
    {"message":{"root":{"decoded_octets":2,"decoded_sha256":"y"}}}]}})"));
  EXPECT_EQ(e["root"]["parts"][0]["binary_octets"], 1);
  EXPECT_EQ(e["root"]["parts"][0]["binary_sha256"], "x");
  EXPECT_EQ(e["root"]["parts"][1]["message"]["root"]["binary_sha256"], "y");
  EXPECT_FALSE(e["root"].contains("binary_octets"));
}

TEST(ImapMimeTree, MailboxesQuotedOrNot) {
  // RFC 9051 gives the local-part production ("a b" quoted); Dovecot sends the content (a b, a"b).
  im::fetched f;
  f.take(typed("* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"\\\"a \\\\\\\"b\\\" (c)\" \"x\")(NIL NIL \"a b\" \"x\")"
               "(NIL NIL \"a\\\"b\" \"x\")) NIL NIL NIL NIL NIL NIL NIL) "
               "BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3 1))\r\n"));
  auto const t = im::build(f, "s");
  json const& from = t.document["message"]["from"];
  ASSERT_EQ(from.size(), 3u);
  EXPECT_EQ(from[0]["mailbox"], "a \"b");
  EXPECT_EQ(from[1]["mailbox"], "a b");
  EXPECT_EQ(from[2]["mailbox"], "a\"b");
}

TEST(ImapMimeCompare, SecondReadingsAndPartsImapCannotShow) {
  json const expected = json::parse(R"({"format":"mailspec-mime-1","basis":"rfc","message":{
    "subject":"=?x?q?y?=","root":{"section":null,"parts":[],"body_lines":2}}})");
  im::server_tree t;
  t.document = json::parse(R"({"format":"mailspec-mime-1","message":{"subject":"decoded",
    "root":{"section":null,"parts":[{"section":"1"}],"body_lines":1}}})");
  t.also = {{"subject", "=?x?q?y?="}, {"root.body_lines", 2}};
  std::vector<std::string> notes;
  auto const c = im::compare(expected, t, &notes);
  EXPECT_TRUE(c.agrees()) << mime_describe(c);
  EXPECT_EQ(c.not_reported, (std::vector<std::string>{"root.parts"}));
  EXPECT_EQ(notes.size(), 3u);
  t.also.clear();
  EXPECT_EQ(im::compare(expected, t).differences.size(), 2u);  // without second readings: subject, body_lines
}
