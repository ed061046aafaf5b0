// The MIME parser's limits (depth, parts, header octets, kept field octets, defects, kept octets): each
// exceeded limit is a defect and a bounded result, never growth.
#include "mime_support.hpp"

#include <gtest/gtest.h>

namespace {

namespace mm = mailspec::codec::mime;
using mailspec::testing::crlf;
using mailspec::testing::has_defect;

std::size_t depth_of(mm::part const& p) {
  std::size_t d = 0;
  for (auto const& c : p.parts) d = std::max(d, depth_of(c));
  return d + 1;
}

std::size_t count_parts(mm::part const& p) {
  std::size_t n = 1;
  for (auto const& c : p.parts) n += count_parts(c);
  return n;
}

// Boundaries "b0x", "b1x", ...: none is a prefix of another (a delimiter only needs the boundary at the
// start of its line, RFC 2046 §5.1.1).
std::string nested(int levels) {
  std::string m;
  for (int i = 0; i < levels; ++i) {
    std::string const b = "b" + std::to_string(i) + "x";
    m += "Content-Type: multipart/mixed; boundary=" + b + "\n\n--" + b + "\n";
  }
  m += "\nleaf\n";
  for (int i = levels; i-- > 0;) m += "--b" + std::to_string(i) + "x--\n";
  return crlf(m);
}

TEST(MimeLimits, DepthStopsNesting) {
  mm::build_options o;
  o.keep = true;
  auto const t = mm::parse(nested(150), o);
  EXPECT_EQ(depth_of(t.root), o.limits.max_depth);
  EXPECT_TRUE(has_defect(t.root, "depth-limit"));
  EXPECT_EQ(mm::serialize(t), nested(150));  // the octets are all there, in a leaf at the bottom
}

TEST(MimeLimits, DepthWithinTheLimitIsRead) {
  auto const t = mm::parse(nested(40));
  EXPECT_EQ(depth_of(t.root), 41u);
  EXPECT_FALSE(has_defect(t.root, "depth-limit"));
}

TEST(MimeLimits, PartsStopAtTheLimit) {
  std::string m = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 200; ++i) m += "--b\n\npart " + std::to_string(i) + "\n";
  m += "--b--\n";
  m = crlf(m);
  mm::build_options o;
  o.keep = true;
  o.limits.max_parts = 50;
  auto const t = mm::parse(m, o);
  EXPECT_EQ(count_parts(t.root), 50u);
  EXPECT_TRUE(has_defect(t.root, "part-limit"));
  EXPECT_EQ(mm::serialize(t), m);
  EXPECT_NE(t.root.parts.back().body_octets, 0u);  // the rest is the last part's body
}

// A message/rfc822 part whose header a delimiter ends: the message inside and the next part both begin at
// once, and both must fit (found by the fuzzer with 8 parts).
TEST(MimeLimits, PartsStayWithinTheLimitWithMessagesEndedByDelimiters) {
  std::string m = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 12; ++i) m += "--b\nContent-Type: message/rfc822\n\n";
  m = crlf(m + "--b--\n");
  for (std::size_t max = 2; max <= 16; ++max) {
    mm::build_options o;
    o.limits.max_parts = max;
    EXPECT_LE(count_parts(mm::parse(m, o).root), max) << max;
  }
}

TEST(MimeLimits, HeaderPastTheLimitIsCountedButNotParsed) {
  std::string m = "Subject: first\n";
  for (int i = 0; i < 100; ++i) m += "X-Filler: " + std::string(60, 'f') + "\n";
  m += "To: late@example.test\n\nbody\n";
  m = crlf(m);
  mm::build_options o;
  o.limits.max_header = 2000;
  auto const t = mm::parse(m, o);
  EXPECT_EQ(t.root.header_octets, m.find("\r\n\r\n") + 4);
  EXPECT_EQ(t.root.envelope->subject, "first");
  EXPECT_FALSE(t.root.envelope->to);  // past the limit
  EXPECT_TRUE(has_defect(t.root, "header-too-long"));
}

TEST(MimeLimits, HugeHeaderLineStreamsThrough) {
  std::string const m = "X-Big: " + std::string(3u << 20, 'a') + "\r\nSubject: s\r\n\r\nb";
  auto const t = mm::parse(m);
  EXPECT_EQ(t.root.header_octets, m.size() - 1);
  EXPECT_TRUE(has_defect(t.root, "header-too-long"));
  EXPECT_EQ(t.octets, m.size());
}

TEST(MimeLimits, KeptFieldOctetsAreBounded) {
  std::string m = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 20; ++i) m += "--b\nContent-Description: " + std::string(100, 'd') + "\n\nx\n";
  m += "--b--\n";
  mm::build_options o;
  o.max_fields = 1000;
  auto const t = mm::parse(crlf(m), o);
  std::size_t described = 0;
  for (auto const& p : t.root.parts) described += p.description.has_value();
  EXPECT_LT(described, 20u);
  EXPECT_TRUE(has_defect(t.root, "field-octets-limit"));
}

TEST(MimeLimits, DefectsAreCapped) {
  std::string m = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 100; ++i) m += "--b\nContent-Type: garbage\n\nx\n";
  m += "--b--\n";
  mm::build_options o;
  o.max_defects = 10;
  auto const t = mm::parse(crlf(m), o);
  std::size_t n = 0;
  for (auto const& p : t.root.parts) n += p.defects.size();
  EXPECT_EQ(n, 10u);
  EXPECT_TRUE(has_defect(t.root, "too-many-defects"));
}

TEST(MimeLimits, KeptOctetsPastTheLimitMakeTheTreeIncomplete) {
  mm::build_options o;
  o.keep = true;
  o.max_kept = 100;
  auto const t = mm::parse(crlf("Subject: x\n\n" + std::string(500, 'y')), o);
  EXPECT_FALSE(t.complete);
  EXPECT_EQ(mm::serialize(t), std::nullopt);
  EXPECT_EQ(t.root.body_octets, 500u);  // the figures are still right
}

// Structure only (no decoding, nothing kept): a 64 MiB attachment fed in 64 KiB pieces leaves nothing
// of itself in the tree.
TEST(MimeLimits, LargeBodyStreamsWithoutBeingKept) {
  mm::build_options o;
  o.decode = false;
  mm::parser p(o);
  std::error_code ec;
  std::string const head = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: base64\n\n");
  p.put(head, ec);
  std::string line = std::string(76, 'A') + "\r\n", chunk;
  while (chunk.size() < (64u << 10)) chunk += line;
  std::size_t body = 0;
  for (int i = 0; i < 1024; ++i) {
    p.put(chunk, ec);
    body += chunk.size();
  }
  p.put("\r\n--b--\r\n", ec);
  p.put_eof(ec);
  auto const& t = p.result();
  ASSERT_EQ(t.root.parts.size(), 1u);
  EXPECT_EQ(t.root.parts[0].body_octets, body);
  EXPECT_TRUE(t.root.parts[0].raw.body.empty());
  EXPECT_FALSE(t.root.parts[0].decoded_octets);
}

}  // namespace
