// Address lists (RFC 5322 §3.4, §4.4): the address fields of RFC 5322 Appendix A and of RFC 2047 §8.
#include "codec/mime/address.hpp"
#include "codec/mime/header.hpp"

#include <gtest/gtest.h>

namespace {

namespace mm = mailspec::codec::mime;

/// One line per entry: "Name <mailbox@host>", "<mailbox>" without host, "group Name: [members]".
std::string show(mm::address const& a) {
  std::string s = a.name ? *a.name + " " : "";
  return s + "<" + a.mailbox + (a.host ? "@" + *a.host : "") + ">";
}

std::string show(std::string_view value, std::vector<std::string>* defects_out = nullptr) {
  std::vector<std::string> defects;
  auto const list = mm::parse_address_list(mm::unfold(value), defects);
  if (defects_out) *defects_out = defects;
  std::string out;
  for (auto const& e : list) {
    if (!out.empty()) out += " | ";
    if (auto const* a = std::get_if<mm::address>(&e)) {
      out += show(*a);
    } else {
      auto const& g = std::get<mm::address_group>(e);
      out += "group " + g.name + ": [";
      for (std::size_t i = 0; i < g.members.size(); ++i) out += (i ? ", " : "") + show(g.members[i]);
      out += "]";
    }
  }
  return out;
}

TEST(MimeAddress, Rfc5322A1_1Simple) {
  EXPECT_EQ(show(" John Doe <jdoe@machine.example>"), "John Doe <jdoe@machine.example>");
  EXPECT_EQ(show(" Michael Jones <mjones@machine.example>"), "Michael Jones <mjones@machine.example>");
}

TEST(MimeAddress, Rfc5322A1_2DifferentMailboxes) {
  EXPECT_EQ(show(" \"Joe Q. Public\" <john.q.public@example.com>"), "Joe Q. Public <john.q.public@example.com>");
  EXPECT_EQ(show(" Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>"),
            "Mary Smith <mary@x.test> | <jdoe@example.org> | Who? <one@y.test>");
  EXPECT_EQ(show(" <boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>"),
            "<boss@nil.test> | Giant; \"Big\" Box <sysservices@example.net>");
}

TEST(MimeAddress, Rfc5322A1_3Groups) {
  EXPECT_EQ(show(" A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;"),
            "group A Group: [Ed Jones <c@a.test>, <joe@where.test>, John <jdoe@one.test>]");
  EXPECT_EQ(show(" Undisclosed recipients:;"), "group Undisclosed recipients: []");
}

TEST(MimeAddress, Rfc5322A2ReplyTo) {
  EXPECT_EQ(show(" \"Mary Smith: Personal Account\" <smith@home.example>"),
            "Mary Smith: Personal Account <smith@home.example>");
}

// A.5: comments everywhere, a quoted-pair ")" inside a comment, folding inside a group.
TEST(MimeAddress, Rfc5322A5WhiteSpaceAndComments) {
  std::vector<std::string> defects;
  EXPECT_EQ(show(" Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", &defects), "Pete <pete@silly.test>");
  EXPECT_TRUE(defects.empty());
  EXPECT_EQ(show("A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n"
                 "  John <jdoe@one.test> (my dear friend); (the end of the group)",
                 &defects),
            "group A Group: [Chris Jones <c@public.example>, <joe@example.org>, John <jdoe@one.test>]");
  EXPECT_TRUE(defects.empty());
  EXPECT_EQ(show("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;"), "group Hidden recipients: []");
}

// A.6.1: an unquoted "." in a display name, a route, an empty list element, CFWS around a ".".
TEST(MimeAddress, Rfc5322A6_1ObsoleteAddressing) {
  std::vector<std::string> defects;
  EXPECT_EQ(show(" Joe Q. Public <john.q.public@example.com>"), "Joe Q. Public <john.q.public@example.com>");
  EXPECT_EQ(show(" Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example", &defects),
            "Mary Smith <mary@example.net> | <jdoe@test.example>");
  EXPECT_TRUE(defects.empty());
}

// A.6.3: white space before the colon is the reader's business (reader tests); here the folded value
// with a line of white space only, and comments inside the domain.
TEST(MimeAddress, Rfc5322A6_3ObsoleteWhiteSpaceAndComments) {
  EXPECT_EQ(show(" John Doe <jdoe@machine(comment).  example>"), "John Doe <jdoe@machine.example>");
  EXPECT_EQ(show(" Mary Smith\r\n  \r\n          <mary@example.net>"), "Mary Smith <mary@example.net>");
}

// RFC 2047 §8: encoded-words in display names; a comment holding one is dropped.
TEST(MimeAddress, Rfc2047Section8DisplayNames) {
  EXPECT_EQ(show(" =?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>"), "Keith Moore <moore@cs.utk.edu>");
  EXPECT_EQ(show(" =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>"), "Keld J\xC3\xB8rn Simonsen <keld@dkuug.dk>");
  EXPECT_EQ(show(" =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>"), "Andr\xC3\xA9 Pirard <PIRARD@vm1.ulg.ac.be>");
  EXPECT_EQ(show(" =?ISO-8859-1?Q?Olle_J=E4rnefors?= <ojarnef@admin.kth.se>"), "Olle J\xC3\xA4rnefors <ojarnef@admin.kth.se>");
  EXPECT_EQ(show(" ietf-822@dimacs.rutgers.edu, ojarnef@admin.kth.se"),
            "<ietf-822@dimacs.rutgers.edu> | <ojarnef@admin.kth.se>");
  EXPECT_EQ(show(" =?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>"),
            "Patrik F\xC3\xA4ltstr\xC3\xB6m <paf@nada.kth.se>");
  EXPECT_EQ(show(" Nathaniel Borenstein <nsb@thumper.bellcore.com>\r\n      (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)"),
            "Nathaniel Borenstein <nsb@thumper.bellcore.com>");
  EXPECT_EQ(show(" Greg Vaudreuil <gvaudre@NRI.Reston.VA.US>, Ned Freed\r\n   <ned@innosoft.com>, Keith Moore <moore@cs.utk.edu>"),
            "Greg Vaudreuil <gvaudre@NRI.Reston.VA.US> | Ned Freed <ned@innosoft.com> | Keith Moore <moore@cs.utk.edu>");
  // RFC 2231 §5
  EXPECT_EQ(show(" =?US-ASCII*EN?Q?Keith_Moore?= <moore@cs.utk.edu>"), "Keith Moore <moore@cs.utk.edu>");
}

TEST(MimeAddress, AdjacentEncodedWordsInANameJoin) {
  EXPECT_EQ(show("=?utf-8?q?J=C3?= =?utf-8?q?=B6rg?= <j@x.test>"), "J\xC3\xB6rg <j@x.test>");
  EXPECT_EQ(show("=?utf-8?q?a?= (c) =?utf-8?q?b?= <j@x.test>"), "a b <j@x.test>");  // a comment separates
}

TEST(MimeAddress, QuotedLocalPartIsUnquoted) {
  EXPECT_EQ(show("\"a b\"@x.test, \"c\\\"d\"@[192.0.2.1]"), "<a b@x.test> | <c\"d@[192.0.2.1]>");
}

// RFC 2047 §5 (3): an encoded-word must not appear in a quoted string, so one written there is text.
TEST(MimeAddress, Rfc2047Section5EncodedWordInQuotedNameIsText) {
  std::vector<std::string> defects;
  EXPECT_EQ(show("\"=?utf-8?q?J=C3=B6rg?=\" <j@x.test>", &defects), "=?utf-8?q?J=C3=B6rg?= <j@x.test>");
  EXPECT_EQ(defects, std::vector<std::string>{"encoded-word-in-quoted-string"});
}

TEST(MimeAddress, BrokenListsAreReadOn) {
  std::vector<std::string> defects;
  EXPECT_EQ(show("a@x.test b@y.test", &defects), "<a@x.test> | <b@y.test>");
  EXPECT_EQ(defects, std::vector<std::string>{"missing-comma"});
  EXPECT_EQ(show("undisclosed-recipients", &defects), "<undisclosed-recipients>");
  EXPECT_EQ(defects, std::vector<std::string>{"address-without-domain"});
  EXPECT_EQ(show("A: a@x.test", &defects), "group A: [<a@x.test>]");
  EXPECT_EQ(defects, std::vector<std::string>{"unterminated-group"});
  EXPECT_EQ(show("<>"), "<>");
  EXPECT_EQ(show(">>, a@x.test", &defects), "<a@x.test>");
  EXPECT_EQ(defects, std::vector<std::string>{"bad-address"});
  EXPECT_EQ(show("Doe, John <j@x.test>", &defects), "<Doe> | John <j@x.test>");
}

}  // namespace
