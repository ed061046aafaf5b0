// RFC 5322 Appendix A: every example message, parsed whole and split at every octet, with the envelope
// the tree reports (subject, date, message ids, addresses) and the body figures.
#include "mime_support.hpp"

#include <gtest/gtest.h>

namespace {

namespace mm = mailspec::codec::mime;
using mailspec::testing::crlf;
using mailspec::testing::grind_tree;
using mailspec::testing::show_addresses;

struct example {
  char const* name;
  std::string message;  // typed with "\n"
  char const* from;
  char const* to;
  char const* subject;  // "" when absent
  char const* date;
};

std::string const hello_body = "\nThis is a message just to say hello.\nSo, \"Hello\".\n";

std::vector<example> const examples = {
    {"A1_1Simple",
     "From: John Doe <jdoe@machine.example>\nTo: Mary Smith <mary@example.net>\nSubject: Saying Hello\n"
     "Date: Fri, 21 Nov 1997 09:55:06 -0600\nMessage-ID: <1234@local.machine.example>\n" + hello_body,
     "John Doe <jdoe@machine.example>", "Mary Smith <mary@example.net>", "Saying Hello", "Fri, 21 Nov 1997 09:55:06 -0600"},
    {"A1_1Sender",
     "From: John Doe <jdoe@machine.example>\nSender: Michael Jones <mjones@machine.example>\n"
     "To: Mary Smith <mary@example.net>\nSubject: Saying Hello\nDate: Fri, 21 Nov 1997 09:55:06 -0600\n"
     "Message-ID: <1234@local.machine.example>\n" + hello_body,
     "John Doe <jdoe@machine.example>", "Mary Smith <mary@example.net>", "Saying Hello", "Fri, 21 Nov 1997 09:55:06 -0600"},
    {"A1_2Mailboxes",
     "From: \"Joe Q. Public\" <john.q.public@example.com>\n"
     "To: Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>\n"
     "Cc: <boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>\n"
     "Date: Tue, 1 Jul 2003 10:52:37 +0200\nMessage-ID: <5678.21-Nov-1997@example.com>\n\nHi everyone.\n",
     "Joe Q. Public <john.q.public@example.com>", "Mary Smith <mary@x.test>, <jdoe@example.org>, Who? <one@y.test>", "",
     "Tue, 1 Jul 2003 10:52:37 +0200"},
    {"A1_3Groups",
     "From: Pete <pete@silly.example>\nTo: A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;\n"
     "Cc: Undisclosed recipients:;\nDate: Thu, 13 Feb 1969 23:32:54 -0330\nMessage-ID: <testabcd.1234@silly.example>\n"
     "\nTesting.\n",
     "Pete <pete@silly.example>", "A Group: [Ed Jones <c@a.test>, <joe@where.test>, John <jdoe@one.test>]", "",
     "Thu, 13 Feb 1969 23:32:54 -0330"},
    {"A2Reply",
     "From: Mary Smith <mary@example.net>\nTo: John Doe <jdoe@machine.example>\n"
     "Reply-To: \"Mary Smith: Personal Account\" <smith@home.example>\nSubject: Re: Saying Hello\n"
     "Date: Fri, 21 Nov 1997 10:01:10 -0600\nMessage-ID: <3456@example.net>\nIn-Reply-To: <1234@local.machine.example>\n"
     "References: <1234@local.machine.example>\n\nThis is a reply to your hello.\n",
     "Mary Smith <mary@example.net>", "John Doe <jdoe@machine.example>", "Re: Saying Hello", "Fri, 21 Nov 1997 10:01:10 -0600"},
    {"A2ReplyToReply",
     "To: \"Mary Smith: Personal Account\" <smith@home.example>\nFrom: John Doe <jdoe@machine.example>\n"
     "Subject: Re: Saying Hello\nDate: Fri, 21 Nov 1997 11:00:00 -0600\nMessage-ID: <abcd.1234@local.machine.test>\n"
     "In-Reply-To: <3456@example.net>\nReferences: <1234@local.machine.example> <3456@example.net>\n\n"
     "This is a reply to your reply.\n",
     "John Doe <jdoe@machine.example>", "Mary Smith: Personal Account <smith@home.example>", "Re: Saying Hello",
     "Fri, 21 Nov 1997 11:00:00 -0600"},
    {"A3Resent",
     "Resent-From: Mary Smith <mary@example.net>\nResent-To: Jane Brown <j-brown@other.example>\n"
     "Resent-Date: Mon, 24 Nov 1997 14:22:01 -0800\nResent-Message-ID: <78910@example.net>\n"
     "From: John Doe <jdoe@machine.example>\nTo: Mary Smith <mary@example.net>\nSubject: Saying Hello\n"
     "Date: Fri, 21 Nov 1997 09:55:06 -0600\nMessage-ID: <1234@local.machine.example>\n" + hello_body,
     "John Doe <jdoe@machine.example>", "Mary Smith <mary@example.net>", "Saying Hello", "Fri, 21 Nov 1997 09:55:06 -0600"},
    {"A4Trace",
     "Received: from x.y.test\n   by example.net\n   via TCP\n   with ESMTP\n   id ABC12345\n"
     "   for <mary@example.net>;  21 Nov 1997 10:05:43 -0600\n"
     "Received: from node.example by x.y.test; 21 Nov 1997 10:01:22 -0600\nFrom: John Doe <jdoe@node.example>\n"
     "To: Mary Smith <mary@example.net>\nSubject: Saying Hello\nDate: Fri, 21 Nov 1997 09:55:06 -0600\n"
     "Message-ID: <1234@local.node.example>\n" + hello_body,
     "John Doe <jdoe@node.example>", "Mary Smith <mary@example.net>", "Saying Hello", "Fri, 21 Nov 1997 09:55:06 -0600"},
    {"A5WhiteSpaceAndComments",
     "From: Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>\n"
     "To:A Group(Some people)\n     :Chris Jones <c@(Chris's host.)public.example>,\n         joe@example.org,\n"
     "  John <jdoe@one.test> (my dear friend); (the end of the group)\n"
     "Cc:(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;\n"
     "Date: Thu,\n      13\n        Feb\n          1969\n      23:32\n               -0330 (Newfoundland Time)\n"
     "Message-ID:              <testabcd.1234@silly.test>\n\nTesting.\n",
     "Pete <pete@silly.test>", "A Group: [Chris Jones <c@public.example>, <joe@example.org>, John <jdoe@one.test>]", "",
     "Thu,      13        Feb          1969      23:32               -0330 (Newfoundland Time)"},
    {"A6_1ObsoleteAddressing",
     "From: Joe Q. Public <john.q.public@example.com>\n"
     "To: Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example\n"
     "Date: Tue, 1 Jul 2003 10:52:37 +0200\nMessage-ID: <5678.21-Nov-1997@example.com>\n\nHi everyone.\n",
     "Joe Q. Public <john.q.public@example.com>", "Mary Smith <mary@example.net>, <jdoe@test.example>", "",
     "Tue, 1 Jul 2003 10:52:37 +0200"},
    {"A6_2ObsoleteDate",
     "From: John Doe <jdoe@machine.example>\nTo: Mary Smith <mary@example.net>\nSubject: Saying Hello\n"
     "Date: 21 Nov 97 09:55:06 GMT\nMessage-ID: <1234@local.machine.example>\n" + hello_body,
     "John Doe <jdoe@machine.example>", "Mary Smith <mary@example.net>", "Saying Hello", "21 Nov 97 09:55:06 GMT"},
    {"A6_3ObsoleteWhiteSpace",
     "From  : John Doe <jdoe@machine(comment).  example>\nTo    : Mary Smith\n  \n          <mary@example.net>\n"
     "Subject     : Saying Hello\nDate  : Fri, 21 Nov 1997 09(comment):   55  :  06 -0600\n"
     "Message-ID  : <1234   @   local(blah)  .machine .example>\n" + hello_body,
     "John Doe <jdoe@machine.example>", "Mary Smith <mary@example.net>", "Saying Hello",
     "Fri, 21 Nov 1997 09(comment):   55  :  06 -0600"},
};

class MimeRfc5322AppendixA : public ::testing::TestWithParam<example> {};

TEST_P(MimeRfc5322AppendixA, Envelope) {
  example const& e = GetParam();
  std::string const m = crlf(e.message);
  auto const t = grind_tree(m);
  mm::part const& root = t.root;
  EXPECT_EQ(root.section, "1");
  EXPECT_TRUE(root.type_defaulted);
  EXPECT_TRUE(root.defects.empty()) << root.defects.front().code;
  ASSERT_TRUE(root.envelope);
  mm::envelope const& env = *root.envelope;
  ASSERT_TRUE(env.from);
  EXPECT_EQ(show_addresses(*env.from), e.from);
  ASSERT_TRUE(env.to);
  EXPECT_EQ(show_addresses(*env.to), e.to);
  EXPECT_EQ(env.subject.value_or(""), e.subject);
  EXPECT_EQ(env.date, e.date);
  std::size_t const body = m.find("\r\n\r\n") + 4;
  EXPECT_EQ(root.header_octets, body);
  EXPECT_EQ(root.body_octets, m.size() - body);
  EXPECT_TRUE(env.message_id);
}

INSTANTIATE_TEST_SUITE_P(Rfc5322, MimeRfc5322AppendixA, ::testing::ValuesIn(examples),
                         [](auto const& row) { return std::string(row.param.name); });

TEST(MimeRfc5322, A2InReplyToAndSender) {
  auto const t = grind_tree(crlf(examples[4].message));
  EXPECT_EQ(t.root.envelope->in_reply_to, "<1234@local.machine.example>");
  EXPECT_EQ(show_addresses(*t.root.envelope->reply_to), "Mary Smith: Personal Account <smith@home.example>");
  auto const s = grind_tree(crlf(examples[1].message));
  EXPECT_EQ(show_addresses(*s.root.envelope->sender), "Michael Jones <mjones@machine.example>");
  EXPECT_FALSE(s.root.envelope->cc);
}

TEST(MimeRfc5322, A5GroupsInCc) {
  auto const t = grind_tree(crlf(examples[8].message));
  EXPECT_EQ(show_addresses(*t.root.envelope->cc), "Hidden recipients: []");
  EXPECT_EQ(t.root.envelope->message_id, "<testabcd.1234@silly.test>");
}

// RFC 5322 §4.5.3: repeated destination fields are one list, the first occurrence's addresses first.
TEST(MimeRfc5322, Section4_5_3RepeatedDestinationFieldsCombined) {
  auto const t = grind_tree(crlf("To: a@x.test\nCc: c@x.test\nTo: B <b@y.test>, d@y.test\nFrom: f@x.test\nFrom: g@x.test\n\nx"));
  EXPECT_EQ(show_addresses(*t.root.envelope->to), "<a@x.test>, B <b@y.test>, <d@y.test>");
  EXPECT_EQ(show_addresses(*t.root.envelope->cc), "<c@x.test>");
  EXPECT_EQ(show_addresses(*t.root.envelope->from), "<f@x.test>");  // not a destination field: the first
}

TEST(MimeRfc5322, A6_3MessageIdAsWritten) {
  auto const t = grind_tree(crlf(examples[11].message));
  EXPECT_EQ(t.root.envelope->message_id, "<1234   @   local(blah)  .machine .example>");
  EXPECT_EQ(t.root.body_lines, 2u);
}

}  // namespace
