// The MIME tree from whole messages: the message examples of RFC 2045, RFC 2046 and RFC 2049, the IMAP
// figures (RFC 9051 §6.4.5 section numbers, octets, lines), decoding, and the round trip. Every message
// goes through grind_tree(): the same tree whole, split at every octet and octet by octet, and
// serialize() gives the message back.
#include "codec/common/sha256.hpp"
#include "codec/mime/transfer.hpp"
#include "mime_support.hpp"

#include <gtest/gtest.h>

namespace {

namespace mm = mailspec::codec::mime;
using mailspec::testing::crlf;
using mailspec::testing::find_section;
using mailspec::testing::grind_tree;
using mailspec::testing::has_defect;

std::size_t pos(std::string const& m, std::string_view needle, std::size_t from = 0) {
  std::size_t const p = m.find(needle, from);
  EXPECT_NE(p, std::string::npos) << needle;
  return p;
}

std::string const rfc2046_5_1_1 = crlf(
    "From: Nathaniel Borenstein <nsb@bellcore.com>\n"
    "To: Ned Freed <ned@innosoft.com>\n"
    "Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)\n"
    "Subject: Sample message\n"
    "MIME-Version: 1.0\n"
    "Content-type: multipart/mixed; boundary=\"simple boundary\"\n"
    "\n"
    "This is the preamble.  It is to be ignored, though it\n"
    "is a handy place for composition agents to include an\n"
    "explanatory note to non-MIME conformant readers.\n"
    "\n"
    "--simple boundary\n"
    "\n"
    "This is implicitly typed plain US-ASCII text.\n"
    "It does NOT end with a linebreak.\n"
    "--simple boundary\n"
    "Content-type: text/plain; charset=us-ascii\n"
    "\n"
    "This is explicitly typed plain US-ASCII text.\n"
    "It DOES end with a linebreak.\n"
    "\n"
    "--simple boundary--\n"
    "\n"
    "This is the epilogue.  It is also to be ignored.\n");

// RFC 2046 §5.1.1: the CRLF before each delimiter belongs to it; preamble and epilogue are kept.
TEST(MimeTree, Rfc2046Section5_1_1SimpleBoundary) {
  auto const& m = rfc2046_5_1_1;
  auto const t = grind_tree(m);
  mm::part const& root = t.root;
  EXPECT_EQ(root.kind, mm::entity_kind::multipart);
  EXPECT_FALSE(root.section);
  EXPECT_EQ(root.subtype, "mixed");
  EXPECT_EQ(root.boundary, "simple boundary");
  std::size_t const body = pos(m, "\r\n\r\n") + 4;
  EXPECT_EQ(root.header_octets, body);
  EXPECT_EQ(root.body_octets, m.size() - body);
  EXPECT_EQ(root.preamble_octets, pos(m, "\r\n--simple boundary") - body);
  EXPECT_EQ(root.epilogue_octets, m.size() - (pos(m, "--simple boundary--") + 21));
  EXPECT_TRUE(root.closed);
  EXPECT_EQ(root.envelope->subject, "Sample message");
  EXPECT_EQ(root.envelope->date, "Sun, 21 Mar 1993 23:56:48 -0800 (PST)");
  ASSERT_EQ(root.parts.size(), 2u);
  mm::part const& one = root.parts[0];
  EXPECT_EQ(one.section, "1");
  EXPECT_TRUE(one.type_defaulted);
  EXPECT_EQ(one.type + "/" + one.subtype, "text/plain");
  EXPECT_EQ(one.params, (std::vector<mm::parameter>{{"charset", "us-ascii"}}));
  EXPECT_EQ(one.header_octets, 2u);  // only the empty line
  std::string const text1 = "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.";
  EXPECT_EQ(one.body_octets, text1.size());
  EXPECT_EQ(one.body_lines, 2u);  // one line end, and a last line without one
  EXPECT_EQ(one.decoded_octets, text1.size());
  EXPECT_EQ(one.decoded_sha256, mailspec::codec::sha256_hex(text1));
  mm::part const& two = root.parts[1];
  EXPECT_EQ(two.section, "2");
  EXPECT_FALSE(two.type_defaulted);
  std::string const text2 = "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n";
  EXPECT_EQ(two.body_octets, text2.size());
  EXPECT_EQ(two.body_lines, 2u);
  EXPECT_TRUE(root.defects.empty() && one.defects.empty() && two.defects.empty());
}

// RFC 2046 §5.1.4: an empty preamble (the first delimiter right after the header).
TEST(MimeTree, Rfc2046Section5_1_4Alternative) {
  std::string const m = crlf(
      "From: Nathaniel Borenstein <nsb@bellcore.com>\n"
      "To: Ned Freed <ned@innosoft.com>\n"
      "Date: Mon, 22 Mar 1993 09:41:09 -0800 (PST)\n"
      "Subject: Formatted text mail\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=boundary42\n"
      "\n"
      "--boundary42\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "  ... plain text version of message goes here ...\n"
      "\n"
      "--boundary42\n"
      "Content-Type: text/enriched\n"
      "\n"
      "  ... RFC 1896 text/enriched version of same message\n"
      "      goes here ...\n"
      "\n"
      "--boundary42\n"
      "Content-Type: application/x-whatever\n"
      "\n"
      "  ... fanciest version of same message goes here ...\n"
      "\n"
      "--boundary42--\n");
  auto const t = grind_tree(m);
  EXPECT_EQ(t.root.subtype, "alternative");
  EXPECT_EQ(t.root.preamble_octets, 0u);
  EXPECT_EQ(t.root.epilogue_octets, 0u);
  ASSERT_EQ(t.root.parts.size(), 3u);
  EXPECT_EQ(t.root.parts[1].type + "/" + t.root.parts[1].subtype, "text/enriched");
  EXPECT_TRUE(t.root.parts[1].params.empty());  // an explicit type gets no default charset here
  EXPECT_EQ(t.root.parts[1].body_lines, 2u);  // the CRLF before the empty line ends the body
  EXPECT_EQ(t.root.parts[2].type, "application");
  EXPECT_FALSE(t.root.parts[2].body_lines);  // lines are counted for text and message parts
  EXPECT_EQ(t.root.parts[2].section, "3");
}

// RFC 2046 §5.1.5: inside multipart/digest a body part without Content-Type is message/rfc822.
TEST(MimeTree, Rfc2046Section5_1_5DigestDefault) {
  std::string const m = crlf(
      "From: Moderator-Address\n"
      "To: Recipient-List\n"
      "Date: Mon, 22 Mar 1994 13:34:51 +0000\n"
      "Subject: Internet Digest, volume 42\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed;\n"
      "              boundary=\"---- main boundary ----\"\n"
      "\n"
      "------ main boundary ----\n"
      "\n"
      "  ...Introductory text or table of contents...\n"
      "\n"
      "------ main boundary ----\n"
      "Content-Type: multipart/digest;\n"
      "              boundary=\"---- next message ----\"\n"
      "\n"
      "------ next message ----\n"
      "\n"
      "From: someone-else\n"
      "Date: Fri, 26 Mar 1993 11:13:32 +0200\n"
      "Subject: my opinion\n"
      "\n"
      "  ...body goes here ...\n"
      "\n"
      "------ next message ----\n"
      "\n"
      "From: someone-else-again\n"
      "Date: Fri, 26 Mar 1993 10:07:13 -0500\n"
      "Subject: my different opinion\n"
      "\n"
      "  ... another body goes here ...\n"
      "\n"
      "------ next message ------\n"
      "\n"
      "------ main boundary ------\n");
  auto const t = grind_tree(m);
  EXPECT_EQ(t.root.boundary, "---- main boundary ----");
  ASSERT_EQ(t.root.parts.size(), 2u);
  mm::part const& digest = t.root.parts[1];
  EXPECT_EQ(digest.subtype, "digest");
  EXPECT_EQ(digest.section, "2");
  ASSERT_EQ(digest.parts.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    mm::part const& msg = digest.parts[i];
    EXPECT_EQ(msg.type + "/" + msg.subtype, "message/rfc822");
    EXPECT_TRUE(msg.type_defaulted);
    EXPECT_TRUE(msg.params.empty());
    EXPECT_EQ(msg.section, "2." + std::to_string(i + 1));
    EXPECT_EQ(msg.header_octets, 2u);
    ASSERT_EQ(msg.parts.size(), 1u);
    mm::part const& inner = msg.parts[0];
    EXPECT_EQ(inner.section, "2." + std::to_string(i + 1) + ".1");
    EXPECT_EQ(inner.type + "/" + inner.subtype, "text/plain");  // the default again, outside a digest
    ASSERT_TRUE(inner.envelope);
    EXPECT_EQ(inner.envelope->subject, i == 0 ? "my opinion" : "my different opinion");
    EXPECT_EQ(msg.body_octets, inner.header_octets + inner.body_octets);
  }
  EXPECT_EQ(digest.epilogue_octets, 0u);  // its close line's CRLF, then the CRLF of the outer delimiter
}

// RFC 2049 Appendix A: five parts, a nested multipart/parallel, a message/rfc822 part.
TEST(MimeTree, Rfc2049AppendixAComplexExample) {
  std::string const m = crlf(
      "MIME-Version: 1.0\n"
      "From: Nathaniel Borenstein <nsb@nsb.fv.com>\n"
      "To: Ned Freed <ned@innosoft.com>\n"
      "Date: Fri, 07 Oct 1994 16:15:05 -0700 (PDT)\n"
      "Subject: A multipart example\n"
      "Content-Type: multipart/mixed;\n"
      "              boundary=unique-boundary-1\n"
      "\n"
      "This is the preamble area of a multipart message.\n"
      "Mail readers that understand multipart format\n"
      "should ignore this preamble.\n"
      "\n"
      "If you are reading this text, you might want to\n"
      "consider changing to a mail reader that understands\n"
      "how to properly display multipart messages.\n"
      "\n"
      "--unique-boundary-1\n"
      "\n"
      "  ... Some text appears here ...\n"
      "\n"
      "[Note that the blank between the boundary and the start\n"
      " of the text in this part means no header fields were\n"
      " given and this is text in the US-ASCII character set.\n"
      " It could have been done with explicit typing as in the\n"
      " next part.]\n"
      "\n"
      "--unique-boundary-1\n"
      "Content-type: text/plain; charset=US-ASCII\n"
      "\n"
      "This could have been part of the previous part, but\n"
      "illustrates explicit versus implicit typing of body\n"
      "parts.\n"
      "\n"
      "--unique-boundary-1\n"
      "Content-Type: multipart/parallel; boundary=unique-boundary-2\n"
      "\n"
      "--unique-boundary-2\n"
      "Content-Type: audio/basic\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "  ... base64-encoded 8000 Hz single-channel\n"
      "      mu-law-format audio data goes here ...\n"
      "\n"
      "--unique-boundary-2\n"
      "Content-Type: image/jpeg\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "  ... base64-encoded image data goes here ...\n"
      "\n"
      "--unique-boundary-2--\n"
      "\n"
      "--unique-boundary-1\n"
      "Content-type: text/enriched\n"
      "\n"
      "This is <bold><italic>enriched.</italic></bold>\n"
      "<smaller>as defined in RFC 1896</smaller>\n"
      "\n"
      "Isn't it\n"
      "<bigger><bigger>cool?</bigger></bigger>\n"
      "\n"
      "--unique-boundary-1\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "From: (mailbox in US-ASCII)\n"
      "To: (address in US-ASCII)\n"
      "Subject: (subject in US-ASCII)\n"
      "Content-Type: Text/plain; charset=ISO-8859-1\n"
      "Content-Transfer-Encoding: Quoted-printable\n"
      "\n"
      "  ... Additional text in ISO-8859-1 goes here ...\n"
      "\n"
      "--unique-boundary-1--\n");
  auto const t = grind_tree(m);
  std::vector<std::pair<std::string, std::string>> const expected = {
      {"1", "text/plain"},  {"2", "text/plain"},     {"3", "multipart/parallel"}, {"3.1", "audio/basic"},
      {"3.2", "image/jpeg"}, {"4", "text/enriched"}, {"5", "message/rfc822"},     {"5.1", "text/plain"}};
  for (auto const& [section, type] : expected) {
    auto const* p = find_section(t.root, section);
    ASSERT_TRUE(p) << section;
    EXPECT_EQ(p->type + "/" + p->subtype, type) << section;
  }
  EXPECT_EQ(find_section(t.root, "2")->params, (std::vector<mm::parameter>{{"charset", "US-ASCII"}}));
  EXPECT_EQ(find_section(t.root, "3.1")->encoding, "base64");
  EXPECT_EQ(find_section(t.root, "5.1")->encoding, "quoted-printable");
  EXPECT_EQ(find_section(t.root, "3")->epilogue_octets, 0u);  // its close line's CRLF, then the outer delimiter's
  auto const* inner = find_section(t.root, "5.1");
  ASSERT_TRUE(inner->envelope);
  EXPECT_EQ(inner->envelope->subject, "(subject in US-ASCII)");
  EXPECT_EQ(inner->envelope->from, mm::address_list{});  // a comment alone: no address
  // The base64 "data" of the example is prose: decoding it is lenient, with a defect.
  EXPECT_TRUE(has_defect(*find_section(t.root, "3.1"), "bad-base64"));
}

// RFC 2045 §6.7 rule 5: soft line breaks; §6.8: base64 (the RFC 4648 §10 vector in a body).
TEST(MimeTree, Rfc2045Section6TransferEncodingsDecoded) {
  std::string const m = crlf(
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=b\n"
      "\n"
      "--b\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "Now's the time =\n"
      "for all folk to come=\n"
      " to the aid of their country.\n"
      "--b\n"
      "Content-Type: application/octet-stream\n"
      "Content-Transfer-Encoding: BASE64\n"
      "\n"
      "Zm9vYmFy\n"
      "--b--\n");
  auto const t = grind_tree(m);
  std::string const qp = "Now's the time for all folk to come to the aid of their country.";
  EXPECT_EQ(t.root.parts[0].decoded_octets, qp.size());
  EXPECT_EQ(t.root.parts[0].decoded_sha256, mailspec::codec::sha256_hex(qp));
  EXPECT_EQ(t.root.parts[1].encoding, "base64");
  EXPECT_EQ(t.root.parts[1].decoded_octets, 6u);
  EXPECT_EQ(t.root.parts[1].decoded_sha256, mailspec::codec::sha256_hex("foobar"));
  EXPECT_FALSE(has_defect(t.root, "bad-base64"));
  EXPECT_FALSE(has_defect(t.root, "bad-quoted-printable"));
}

// RFC 2045 §6.8: an "=" may be taken as the end of the data; the tree does, as GMime and Python's email do.
TEST(MimeTree, Rfc2045Section6_8PaddingEndsTheData) {
  auto const t = grind_tree(crlf("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nQQ==QkM=\n"));
  EXPECT_EQ(t.root.decoded_octets, 1u);
  EXPECT_EQ(t.root.decoded_sha256, mailspec::codec::sha256_hex("A"));
  EXPECT_TRUE(has_defect(t.root, "bad-base64"));
}

TEST(MimeTree, LongBase64BodyDecodesToItsSource) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data += static_cast<char>((i * 7919) & 0xff);
  std::string const m = crlf("Content-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Transfer-Encoding: base64\n\n") +
                        mm::base64_encode_mime(data) + crlf("\n--zz--\n");
  auto const t = grind_tree(m);
  EXPECT_EQ(t.root.parts[0].decoded_octets, data.size());
  EXPECT_EQ(t.root.parts[0].decoded_sha256, mailspec::codec::sha256_hex(data));
  EXPECT_TRUE(t.root.parts[0].defects.empty());
}

// 8bit and binary bodies are taken as they are: any octet, NUL and lone CR included; only a line that is
// a delimiter ends them.
TEST(MimeTree, EightBitAndBinaryBodies) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary += static_cast<char>(i);
  binary += "\r--b-not-a-delimiter\n-b--\r\n";  // a "--b" after a lone CR is not at a line start
  std::string const m = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: 8bit\n\n") +
                        "caf\xC3\xA9\r\n" + crlf("--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n") +
                        binary + crlf("\n--b--\n");
  auto const t = grind_tree(m);
  ASSERT_EQ(t.root.parts.size(), 2u);
  EXPECT_EQ(t.root.parts[0].decoded_sha256, mailspec::codec::sha256_hex("caf\xC3\xA9"));
  EXPECT_EQ(t.root.parts[1].body_octets, binary.size());
  EXPECT_EQ(t.root.parts[1].decoded_sha256, mailspec::codec::sha256_hex(binary));
  EXPECT_FALSE(has_defect(t.root, "8bit-in-7bit-body"));
  auto const seven = grind_tree(crlf("Content-Transfer-Encoding: 7bit\n\ncaf") + "\xE9");
  EXPECT_TRUE(has_defect(seven.root, "8bit-in-7bit-body"));
}

// RFC 9051 §6.4.5: the example structure of section numbers, nested message/rfc822 parts included.
TEST(MimeTree, Rfc9051Section6_4_5PartNumbers) {
  std::string const m = crlf(
      "Subject: top\nContent-Type: MULTIPART/MIXED; boundary=a\n\n"
      "--a\nContent-Type: TEXT/PLAIN\n\none\n"
      "--a\nContent-Type: APPLICATION/OCTET-STREAM\n\ntwo\n"
      "--a\nContent-Type: MESSAGE/RFC822\n\n"
      "Subject: three\nContent-Type: MULTIPART/MIXED; boundary=b\n\n"
      "--b\nContent-Type: TEXT/PLAIN\n\n3.1\n"
      "--b\nContent-Type: APPLICATION/OCTET-STREAM\n\n3.2\n"
      "--b--\n"
      "--a\nContent-Type: MULTIPART/MIXED; boundary=c\n\n"
      "--c\nContent-Type: IMAGE/GIF\n\n4.1\n"
      "--c\nContent-Type: MESSAGE/RFC822\n\n"
      "Subject: four-two\nContent-Type: MULTIPART/MIXED; boundary=d\n\n"
      "--d\nContent-Type: TEXT/PLAIN\n\n4.2.1\n"
      "--d\nContent-Type: MULTIPART/ALTERNATIVE; boundary=e\n\n"
      "--e\nContent-Type: TEXT/PLAIN\n\n4.2.2.1\n"
      "--e\nContent-Type: TEXT/RICHTEXT\n\n4.2.2.2\n"
      "--e--\n--d--\n--c--\n--a--\n");
  auto const t = grind_tree(m);
  std::vector<std::pair<std::string, std::string>> const expected = {
      {"1", "text/plain"},         {"2", "application/octet-stream"}, {"3", "message/rfc822"},
      {"3.1", "text/plain"},       {"3.2", "application/octet-stream"}, {"4", "multipart/mixed"},
      {"4.1", "image/gif"},        {"4.2", "message/rfc822"},          {"4.2.1", "text/plain"},
      {"4.2.2", "multipart/alternative"}, {"4.2.2.1", "text/plain"},  {"4.2.2.2", "text/richtext"}};
  for (auto const& [section, type] : expected) {
    auto const* p = find_section(t.root, section);
    ASSERT_TRUE(p) << section;
    EXPECT_EQ(p->type + "/" + p->subtype, type) << section;
  }
  // 3.HEADER and 3.TEXT: the root of the message inside part 3 is a multipart with no number of its own.
  mm::part const& three = *find_section(t.root, "3");
  ASSERT_EQ(three.parts.size(), 1u);
  EXPECT_FALSE(three.parts[0].section);
  EXPECT_EQ(three.parts[0].envelope->subject, "three");
  EXPECT_EQ(three.body_octets, three.parts[0].header_octets + three.parts[0].body_octets);
  // Every leaf's body is its name and a CRLF... that belongs to the next delimiter: the name alone.
  EXPECT_EQ(find_section(t.root, "4.2.2.2")->body_octets, 7u);
  EXPECT_EQ(find_section(t.root, "4.2.2.2")->body_lines, 1u);
}

TEST(MimeTree, NonMultipartMessageBodyIsPartOne) {
  auto const t = grind_tree(crlf("Subject: x\n\nhello\nworld\n"));
  EXPECT_EQ(t.root.section, "1");
  EXPECT_EQ(t.root.body_octets, 14u);
  EXPECT_EQ(t.root.body_lines, 2u);
  EXPECT_EQ(t.root.header_octets, std::string("Subject: x\r\n\r\n").size());
}

TEST(MimeTree, MessageRfc822AtTheTopHasNestedNumbers) {
  auto const t = grind_tree(crlf("Content-Type: message/rfc822\n\nSubject: inner\n\nbody\n"));
  EXPECT_EQ(t.root.section, "1");
  ASSERT_EQ(t.root.parts.size(), 1u);
  EXPECT_EQ(t.root.parts[0].section, "1.1");
  EXPECT_EQ(t.root.parts[0].envelope->subject, "inner");
  EXPECT_EQ(t.root.body_lines, 3u);  // the whole message inside: header line, empty line, body line
}

// RFC 2046 §5.2.3.7: message/external-body parts are leaves whose body is the phantom header.
TEST(MimeTree, Rfc2046Section5_2_3_7ExternalBody) {
  std::string const m = crlf(
      "From: Whomever\n"
      "To: Someone\n"
      "Date: Whenever\n"
      "Subject: whatever\n"
      "MIME-Version: 1.0\n"
      "Message-ID: <id1@host.com>\n"
      "Content-Type: multipart/alternative; boundary=42\n"
      "Content-ID: <id001@guppylake.bellcore.com>\n"
      "\n"
      "--42\n"
      "Content-Type: message/external-body; name=\"BodyFormats.ps\";\n"
      "              site=\"thumper.bellcore.com\"; mode=\"image\";\n"
      "              access-type=ANON-FTP; directory=\"pub\";\n"
      "              expiration=\"Fri, 14 Jun 1991 19:13:14 -0400 (EDT)\"\n"
      "\n"
      "Content-type: application/postscript\n"
      "Content-ID: <id42@guppylake.bellcore.com>\n"
      "\n"
      "--42\n"
      "Content-Type: message/external-body; access-type=local-file;\n"
      "              name=\"/u/nsb/writing/rfcs/RFC-MIME.ps\";\n"
      "              site=\"thumper.bellcore.com\";\n"
      "              expiration=\"Fri, 14 Jun 1991 19:13:14 -0400 (EDT)\"\n"
      "\n"
      "Content-type: application/postscript\n"
      "Content-ID: <id42@guppylake.bellcore.com>\n"
      "\n"
      "--42\n"
      "Content-Type: message/external-body;\n"
      "              access-type=mail-server\n"
      "              server=\"listserv@bogus.bitnet\";\n"
      "              expiration=\"Fri, 14 Jun 1991 19:13:14 -0400 (EDT)\"\n"
      "\n"
      "Content-type: application/postscript\n"
      "Content-ID: <id42@guppylake.bellcore.com>\n"
      "\n"
      "get RFC-MIME.DOC\n"
      "\n"
      "--42--\n");
  auto const t = grind_tree(m);
  EXPECT_EQ(t.root.id, "<id001@guppylake.bellcore.com>");
  EXPECT_EQ(t.root.envelope->message_id, "<id1@host.com>");
  ASSERT_EQ(t.root.parts.size(), 3u);
  for (auto const& p : t.root.parts) {
    EXPECT_EQ(p.kind, mm::entity_kind::leaf);
    EXPECT_EQ(p.subtype, "external-body");
    EXPECT_TRUE(p.parts.empty());
  }
  EXPECT_EQ(mm::find_parameter(t.root.parts[0].params, "access-type"), "ANON-FTP");
  EXPECT_EQ(t.root.parts[0].filename, "BodyFormats.ps");  // Content-Type name, no disposition
  EXPECT_EQ(mm::find_parameter(t.root.parts[2].params, "server"), "listserv@bogus.bitnet");
  EXPECT_TRUE(has_defect(t.root.parts[2], "missing-semicolon"));
}

// RFC 2045 §4: a comment in MIME-Version changes nothing; like common readers, the parser reads the
// Content-Type whether or not MIME-Version is there.
TEST(MimeTree, Rfc2045Section4MimeVersion) {
  auto const with = grind_tree(crlf("MIME-Version: 1.0 (produced by MetaSend Vx.x)\nContent-Type: text/html\n\n<p>x</p>\n"));
  auto const without = grind_tree(crlf("Content-Type: text/html\n\n<p>x</p>\n"));
  EXPECT_EQ(with.root.subtype, "html");
  EXPECT_EQ(without.root.subtype, "html");
  EXPECT_EQ(with.root.body_octets, without.root.body_octets);
}

// RFC 2046 §5.2.2.2: the two fragments of a partial message; message/partial is a leaf whose body is
// the start of the inner message.
TEST(MimeTree, Rfc2046Section5_2_2_2Fragments) {
  std::string const first = crlf(
      "X-Weird-Header-1: Foo\n"
      "From: Bill@host.com\n"
      "To: joe@otherhost.com\n"
      "Date: Fri, 26 Mar 1993 12:59:38 -0500 (EST)\n"
      "Subject: Audio mail (part 1 of 2)\n"
      "Message-ID: <id1@host.com>\n"
      "MIME-Version: 1.0\n"
      "Content-type: message/partial; id=\"ABC@host.com\";\n"
      "              number=1; total=2\n"
      "\n"
      "X-Weird-Header-1: Bar\n"
      "X-Weird-Header-2: Hello\n"
      "Message-ID: <anotherid@foo.com>\n"
      "Subject: Audio mail\n"
      "MIME-Version: 1.0\n"
      "Content-type: audio/basic\n"
      "Content-transfer-encoding: base64\n"
      "\n"
      "  ... first half of encoded audio data goes here ...\n");
  auto const t = grind_tree(first);
  EXPECT_EQ(t.root.kind, mm::entity_kind::leaf);
  EXPECT_EQ(t.root.type + "/" + t.root.subtype, "message/partial");
  EXPECT_EQ(t.root.params, (std::vector<mm::parameter>{{"id", "ABC@host.com"}, {"number", "1"}, {"total", "2"}}));
  EXPECT_EQ(t.root.envelope->subject, "Audio mail (part 1 of 2)");
  EXPECT_EQ(t.root.body_octets, first.size() - (first.find("\r\n\r\n") + 4));
  EXPECT_FALSE(t.root.body_lines);  // IMAP counts lines of text and message/rfc822 only
  std::string const second = crlf(
      "From: Bill@host.com\n"
      "To: joe@otherhost.com\n"
      "Date: Fri, 26 Mar 1993 12:59:38 -0500 (EST)\n"
      "Subject: Audio mail (part 2 of 2)\n"
      "MIME-Version: 1.0\n"
      "Message-ID: <id2@host.com>\n"
      "Content-type: message/partial;\n"
      "              id=\"ABC@host.com\"; number=2; total=2\n"
      "\n"
      "  ... second half of encoded audio data goes here ...\n");
  auto const u = grind_tree(second);
  EXPECT_EQ(mm::find_parameter(u.root.params, "number"), "2");
  EXPECT_EQ(u.root.envelope->message_id, "<id2@host.com>");
}

TEST(MimeTree, DispositionFilenameAndContentFields) {
  std::string const m = crlf(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
      "Content-Type: application/pdf; name=\"type-name.pdf\"\n"
      "Content-Disposition: attachment;\n filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\n"
      "Content-ID:  <part1@example.test> \n"
      "Content-Description: =?utf-8?q?Lebenslauf_=C3=BCbersetzt?=\n"
      "Content-Language: de\n"
      "Content-Location: http://example.test/cv.pdf\n"
      "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
      "Content-Transfer-Encoding: base64\n\nAAAA\n"
      "--b\nContent-Type: image/png; name==?utf-8?b?w6kucG5n?=\n\nx\n--b--\n");
  auto const t = grind_tree(m);
  mm::part const& p = t.root.parts[0];
  ASSERT_TRUE(p.disposition);
  EXPECT_EQ(p.disposition->type, "attachment");
  EXPECT_EQ(p.filename, "r\xC3\xA9sum\xC3\xA9.pdf");
  EXPECT_EQ(p.id, "<part1@example.test>");
  EXPECT_EQ(p.description, "Lebenslauf \xC3\xBC" "bersetzt");
  EXPECT_EQ(p.language, "de");
  EXPECT_EQ(p.location, "http://example.test/cv.pdf");
  EXPECT_EQ(p.md5, "Q2hlY2sgSW50ZWdyaXR5IQ==");
  EXPECT_EQ(p.decoded_octets, 3u);
  EXPECT_EQ(t.root.parts[1].filename, "\xC3\xA9.png");  // RFC 2047 in a name, as readers decode it
}

}  // namespace
