// Header values: unfolding (RFC 5322 §2.2.3), Content-Type with parameters (RFC 2045 §5.1, the examples
// of RFC 2045 §5.1, RFC 2046 §5.1.1 and §5.2.2, RFC 2049 §3), RFC 2231 continuations, charsets and
// languages (its §3, §4 and §4.1 examples), and the lenient readings of broken parameter lists.
#include "codec/mime/header.hpp"

#include <gtest/gtest.h>

namespace {

namespace mm = mailspec::codec::mime;
using params = std::vector<mm::parameter>;

struct parsed {
  std::string type;
  params p;
  std::vector<std::string> defects;
};

parsed content_type(std::string_view value) {
  parsed out;
  auto ct = mm::parse_content_type(mm::unfold(value), out.defects);
  if (ct) {
    out.type = ct->type;
    out.p = ct->params;
  }
  return out;
}

TEST(MimeUnfold, RemovesLineBreaksBeforeWhiteSpace) {
  EXPECT_EQ(mm::unfold("a\r\n b\r\n\tc"), "a b\tc");
  EXPECT_EQ(mm::unfold("a\n b"), "a b");  // a bare LF folds too
  EXPECT_EQ(mm::unfold("a\r\nb"), "a\r\nb");
}

// RFC 2045 §5.1: the comment and the quoting do not change the value; the type is case-insensitive.
TEST(MimeContentType, Rfc2045Section5_1CommentAndQuotesAreEquivalent) {
  auto const a = content_type(" text/plain; charset=us-ascii (Plain text)");
  auto const b = content_type(" text/plain; charset=\"us-ascii\"");
  EXPECT_EQ(a.type, "text/plain");
  EXPECT_EQ(a.p, (params{{"charset", "us-ascii"}}));
  EXPECT_EQ(a.p, b.p);
  EXPECT_TRUE(a.defects.empty());
  EXPECT_EQ(content_type(" Text/Plain; CHARSET=us-ascii").p, (params{{"charset", "us-ascii"}}));
}

// RFC 2049 §3 repeats the equivalence.
TEST(MimeContentType, Rfc2049Section3Equivalence) {
  EXPECT_EQ(content_type("text/plain; charset=us-ascii (comment)").p,
            content_type("text/plain; charset=\"us-ascii\"").p);
}

// RFC 2046 §5.1.1: a boundary with ":" must be quoted; the unquoted form is read leniently.
TEST(MimeContentType, Rfc2046Section5_1_1Boundaries) {
  EXPECT_EQ(content_type("multipart/mixed; boundary=gc0p4Jq0M2Yt08j34c0p").p,
            (params{{"boundary", "gc0p4Jq0M2Yt08j34c0p"}}));
  auto const unquoted = content_type("multipart/mixed; boundary=gc0pJq0M:08jU534c0p");
  EXPECT_EQ(unquoted.p, (params{{"boundary", "gc0pJq0M:08jU534c0p"}}));
  EXPECT_EQ(unquoted.defects, std::vector<std::string>{"bad-parameter-value"});
  auto const quoted = content_type("multipart/mixed; boundary=\"gc0pJq0M:08jU534c0p\"");
  EXPECT_EQ(quoted.p, unquoted.p);
  EXPECT_TRUE(quoted.defects.empty());
}

// RFC 2046 §5.2.2: parameters in any order, folded.
TEST(MimeContentType, Rfc2046Section5_2_2MessagePartial) {
  auto const a = content_type("Message/Partial; number=2; total=3;\r\n              id=\"oc=jpbe0M2Yt4s@thumper.bellcore.com\"");
  EXPECT_EQ(a.type, "message/partial");
  EXPECT_EQ(a.p, (params{{"number", "2"}, {"total", "3"}, {"id", "oc=jpbe0M2Yt4s@thumper.bellcore.com"}}));
  EXPECT_TRUE(a.defects.empty());
}

// RFC 2046 §5.2.3.7 example: "access-type=mail-server" lacks its ";" before "server=".
TEST(MimeContentType, Rfc2046Section5_2_3_7MissingSemicolonIsRead) {
  auto const a = content_type(
      "message/external-body;\r\n              access-type=mail-server\r\n              server=\"listserv@bogus.bitnet\";\r\n"
      "              expiration=\"Fri, 14 Jun 1991 19:13:14 -0400 (EDT)\"");
  EXPECT_EQ(a.p, (params{{"access-type", "mail-server"},
                         {"server", "listserv@bogus.bitnet"},
                         {"expiration", "Fri, 14 Jun 1991 19:13:14 -0400 (EDT)"}}));
  EXPECT_EQ(a.defects, std::vector<std::string>{"missing-semicolon"});
}

// RFC 2231 §3: continuations joined in order, quoted and unquoted sections mixed.
TEST(MimeRfc2231, Section3Continuations) {
  auto const a = content_type(
      "message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"");
  auto const b = content_type(
      "message/external-body; access-type=URL;\r\n  URL=\"ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"");
  EXPECT_EQ(a.p, (params{{"access-type", "URL"}, {"url", "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"}}));
  EXPECT_EQ(a.p, b.p);
  EXPECT_TRUE(a.defects.empty());
}

// RFC 2231 §4: charset'language'value with %XX octets.
TEST(MimeRfc2231, Section4CharsetAndLanguage) {
  auto const a = content_type("application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A");
  EXPECT_EQ(a.p, (params{{"title", "This is ***fun***"}}));
  EXPECT_TRUE(a.defects.empty());
}

// RFC 2231 §4.1, as printed: encoded and plain sections mixed. The example lacks the ";" between its
// parameters, which is read as missing.
TEST(MimeRfc2231, Section4_1ContinuationsWithCharset) {
  auto const a = content_type(
      "application/x-stuff\r\n title*0*=us-ascii'en'This%20is%20even%20more%20\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20\r\n"
      " title*2=\"isn't it!\"");
  EXPECT_EQ(a.p, (params{{"title", "This is even more ***fun*** isn't it!"}}));
  EXPECT_EQ(a.defects, std::vector<std::string>{"missing-semicolon"});
  auto const b = content_type(
      "application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n"
      " title*2=\"isn't it!\"");
  EXPECT_EQ(b.p, a.p);
  EXPECT_TRUE(b.defects.empty());
}

TEST(MimeRfc2231, CharsetConvertedToUtf8) {
  auto const a = content_type("application/octet-stream; name*=iso-8859-1''%E9t%E9.txt");
  EXPECT_EQ(a.p, (params{{"name", "\xC3\xA9t\xC3\xA9.txt"}}));
  auto const b = content_type("application/octet-stream; name*0*=UTF-8''%E2%82; name*1*=%AC.txt");
  EXPECT_EQ(b.p, (params{{"name", "\xE2\x82\xAC.txt"}}));  // a character split across sections
}

TEST(MimeRfc2231, SectionsOutOfOrderAndGaps) {
  auto const a = content_type("text/plain; name*1=b; name*0=a; name*3=d");
  EXPECT_EQ(a.p, (params{{"name", "abd"}}));
  EXPECT_EQ(a.defects, std::vector<std::string>{"rfc2231-gap"});
}

TEST(MimeRfc2231, ExtendedValuePreferredToPlainOne) {
  auto const a = content_type("text/plain; name=\"fallback.txt\"; name*=utf-8''r%C3%A9el.txt");
  EXPECT_EQ(a.p, (params{{"name", "r\xC3\xA9" "el.txt"}}));
}

TEST(MimeRfc2231, UnknownCharsetKeepsTheValueAsWritten) {
  auto const a = content_type("text/plain; name*=x-nope''a%20b");
  EXPECT_EQ(a.p, (params{{"name", "x-nope''a%20b"}}));
  EXPECT_EQ(a.defects, std::vector<std::string>{"unknown-charset"});
}

// Pairs already read (an IMAP BODYSTRUCTURE's parameter list, values unquoted, names as the server sent
// them) get the same RFC 2231 treatment as a header's parameters.
TEST(MimeRfc2231, PairsReadElsewhereDecodeLikeAHeader) {
  std::vector<std::string> defects;
  auto const got = mm::decode_parameters({{"NAME*0*", "UTF-8''%E2%82"}, {"name*1*", "%AC.txt"}, {"Charset", "us-ascii"}}, defects);
  EXPECT_EQ(got, (params{{"name", "\xE2\x82\xAC.txt"}, {"charset", "us-ascii"}}));
  EXPECT_TRUE(defects.empty());
  auto const gap = mm::decode_parameters({{"name*1", "b"}, {"name*0", "a"}, {"name*3", "d"}}, defects);
  EXPECT_EQ(gap, (params{{"name", "abd"}}));
  EXPECT_EQ(defects, std::vector<std::string>{"rfc2231-gap"});
}

TEST(MimeContentType, UnusableValuesGiveNothing) {
  for (char const* bad : {"", "text", "text/", "/plain", "; charset=x", "(comment)"}) {
    EXPECT_EQ(content_type(bad).type, "") << bad;
  }
}

TEST(MimeContentType, CommentsAndWhiteSpaceAroundTheSlash) {
  EXPECT_EQ(content_type("(c) text (d) / (e) html ; charset = utf-8").type, "text/html");
  EXPECT_EQ(content_type("text / html ; charset = utf-8").p, (params{{"charset", "utf-8"}}));
}

TEST(MimeContentType, LenientParameterLists) {
  auto const a = content_type("text/plain;; charset=utf-8;;");
  EXPECT_EQ(a.p, (params{{"charset", "utf-8"}}));
  EXPECT_TRUE(a.defects.empty());
  auto const b = content_type("text/plain; name=my file.txt; x=1");
  EXPECT_EQ(b.p, (params{{"name", "my file.txt"}, {"x", "1"}}));
  EXPECT_EQ(b.defects, std::vector<std::string>{"bad-parameter-value"});
  auto const c = content_type("text/plain; charset=a; charset=b; junk; =x");
  EXPECT_EQ(c.p, (params{{"charset", "a"}}));
  EXPECT_EQ(c.defects, (std::vector<std::string>{"bad-parameter", "duplicate-parameter"}));
  auto const d = content_type("text/plain; name=\"unterminated");
  EXPECT_EQ(d.p, (params{{"name", "unterminated"}}));
  EXPECT_EQ(d.defects, std::vector<std::string>{"unterminated-quoted-string"});
  auto const e = content_type("text/plain; name=\"a\\\"b\\\\c\"");  // quoted-pairs
  EXPECT_EQ(e.p, (params{{"name", "a\"b\\c"}}));
}

TEST(MimeContentType, Utf8ParameterValuesPassThrough) {  // RFC 6532
  EXPECT_EQ(content_type("text/plain; name=r\xC3\xA9sum\xC3\xA9.txt").p, (params{{"name", "r\xC3\xA9sum\xC3\xA9.txt"}}));
}

TEST(MimeDisposition, TypeAndFilename) {
  std::vector<std::string> defects;
  auto const d = mm::parse_disposition("Attachment; filename=\"genome.jpeg\";\r\n modification-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"",
                                       defects);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->type, "attachment");
  EXPECT_EQ(mm::find_parameter(d->params, "filename"), "genome.jpeg");
  EXPECT_FALSE(mm::parse_disposition(" ; filename=x", defects));
}

}  // namespace
