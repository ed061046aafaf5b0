#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "script/mime_compare.hpp"

namespace mime = mailspec::script::mime;
using nlohmann::json;

namespace {

json const reader_tree = json::parse(R"({
  "header_octets": 120, "subject": "Grüße",
  "from": [{"name": "A", "mailbox": "a", "host": "example.test"}],
  "root": {"section": null, "type": "multipart", "subtype": "mixed",
           "params": {"boundary": "b1", "x-extra": "1"},
           "parts": [
             {"section": "1", "type": "text", "subtype": "plain", "params": {"charset": "utf-8"}, "body_octets": 5},
             {"section": "2", "type": "image", "subtype": "png", "encoding": "base64", "decoded_octets": 3}
           ]}})");

}  // namespace

TEST(MimeCompare, AgreesOnEveryFieldTheExpectedTreeLists) {
  json const expected = json::parse(R"({"subject": "Grüße", "root": {"type": "multipart",
    "params": {"boundary": "b1"}, "parts": [{"section": "1", "body_octets": 5}, {"type": "image"}]}})");
  auto c = mime::compare_expected(expected, reader_tree);
  EXPECT_TRUE(c.agrees()) << mime::describe(c);
  EXPECT_EQ(c.compared, 7u);  // subject, type, boundary, the parts count, section, body_octets, type
  EXPECT_TRUE(c.not_reported.empty());
}

TEST(MimeCompare, NamesTheFieldAndBothValues) {
  json const expected = json::parse(R"({"root": {"parts": [{"params": {"charset": "us-ascii"}}, {}]}})");
  auto c = mime::compare_expected(expected, reader_tree);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].where, "root.parts[0].params.charset");
  EXPECT_EQ(c.differences[0].expected, "\"us-ascii\"");
  EXPECT_EQ(c.differences[0].actual, "\"utf-8\"");
  EXPECT_EQ(mime::describe(c), "root.parts[0].params.charset: expected \"us-ascii\", got \"utf-8\"");
}

TEST(MimeCompare, PartsOfAnotherCountAreOneDifference) {
  json const expected = json::parse(R"({"root": {"parts": [{"type": "text"}, {"type": "image"}, {"type": "text"}]}})");
  auto c = mime::compare_expected(expected, reader_tree);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].where, "root.parts");
  EXPECT_EQ(c.differences[0].expected, "3 elements");
  EXPECT_EQ(c.differences[0].actual, "2 elements");
}

TEST(MimeCompare, AFieldTheReaderLeavesOutIsNotReportedNotWrong) {
  json const expected = json::parse(R"({"root": {"parts": [{"body_lines": 1}, {"decoded_octets": 3}]}})");
  auto c = mime::compare_expected(expected, reader_tree);
  EXPECT_TRUE(c.agrees());
  ASSERT_EQ(c.not_reported.size(), 1u);
  EXPECT_EQ(c.not_reported[0], "root.parts[0].body_lines");
}

TEST(MimeCompare, ExpectedNullMeansAbsent) {
  // A multipart root has no section: a reader that reports one disagrees, one that leaves it out agrees.
  json const expected = json::parse(R"({"root": {"section": null}})");
  EXPECT_TRUE(mime::compare_expected(expected, reader_tree).agrees());
  json numbered = reader_tree;
  numbered["root"]["section"] = "1";
  auto c = mime::compare_expected(expected, numbered);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].expected, "absent");
}

TEST(MimeCompare, MetadataIsNeverCompared) {
  json const expected = json::parse(R"({"root": {"type": "multipart", "defects": ["x"]}, "reader": "other"})");
  EXPECT_TRUE(mime::compare_expected(expected, reader_tree).agrees());
}

TEST(MimeCompare, NumbersCompareByValue) {
  json const expected = json::parse(R"({"header_octets": 120.0})");
  EXPECT_TRUE(mime::compare_expected(expected, reader_tree).agrees());
}

TEST(MimeCompare, MutualComparesOnlyWhatBothReport) {
  json const other = json::parse(R"({"subject": "Gruesse", "root": {"type": "multipart",
    "parts": [{"section": "1", "body_lines": 1}, {"section": "2"}]}})");
  auto c = mime::compare_mutual(reader_tree, other);
  ASSERT_EQ(c.differences.size(), 1u) << mime::describe(c);
  EXPECT_EQ(c.differences[0].where, "subject");
  EXPECT_TRUE(c.not_reported.empty());
  EXPECT_TRUE(mime::compare_mutual(other, reader_tree).differences.size() == 1u);
}

TEST(MimeCompare, DescribeCountsWhatItLeavesOut) {
  json const expected = json::parse(R"({"subject": "x", "header_octets": 1, "root": {"type": "text", "subtype": "x"}})");
  auto c = mime::compare_expected(expected, reader_tree);
  ASSERT_EQ(c.differences.size(), 4u);
  EXPECT_NE(mime::describe(c, 2).find("; and 2 more"), std::string::npos);
}

TEST(MimeExpectation, BasisAndLevelGiveTheVerdict) {
  using mailspec::script::verdict;
  auto rfc = mime::expectation_of(json::parse(R"({"basis": "rfc", "rfc": ["2046 5.1.1"]})"));
  EXPECT_EQ(rfc.on_mismatch, verdict::fail);
  ASSERT_EQ(rfc.refs.size(), 1u);
  EXPECT_EQ(rfc.refs[0].rfc, 2046);
  EXPECT_EQ(rfc.refs[0].section, "5.1.1");
  EXPECT_EQ(mime::expectation_of(json::parse(R"({"basis": "rfc", "level": "SHOULD"})")).on_mismatch, verdict::warn);
  EXPECT_EQ(mime::expectation_of(json::parse(R"({"basis": "robust"})")).on_mismatch, verdict::warn);
  EXPECT_EQ(mime::expectation_of(json::parse(R"({"basis": "robust", "level": "MAY"})")).on_mismatch, verdict::info);
  EXPECT_THROW(mime::expectation_of(json::parse(R"({"basis": "guess"})")), std::invalid_argument);
  EXPECT_THROW(mime::expectation_of(json::parse(R"({"basis": "rfc", "rfc": ["section 5"]})")), std::invalid_argument);
}

TEST(MimeExpectation, ExpectedFileSitsBesideTheMessage) {
  EXPECT_EQ(mime::expected_path("suites/mime/messages/a.b.eml"), "suites/mime/messages/a.b.expected.json");
  EXPECT_EQ(mime::expected_path("dir.x/noext"), "dir.x/noext.expected.json");
}

TEST(MimeFields, LeavesInTreeOrderWithArrayLengths) {
  auto f = mime::fields(json::parse(R"({"subject": "s", "root": {"parts": [{"type": "text"}, {"type": "image", "defects": ["x"]}]}})"));
  std::vector<std::string> paths;
  for (auto const& [p, v] : f) paths.push_back(p);
  EXPECT_EQ(paths, (std::vector<std::string>{"root.parts.length", "root.parts[0].type", "root.parts[1].type", "subject"}));
  EXPECT_EQ(f[0].second, 2);
}

TEST(MimeCompare, AnAddressExpectedWithoutANameHasNone) {
  json const expected = json::parse(R"({"from": [{"mailbox": "a", "host": "example.test"}]})");
  auto c = mime::compare_expected(expected, reader_tree);  // the reader gives the name "A"
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].where, "from[0].name");
  EXPECT_EQ(c.differences[0].expected, "absent");
  json unnamed = reader_tree;
  unnamed["from"][0].erase("name");
  EXPECT_TRUE(mime::compare_expected(expected, unnamed).agrees());
}

TEST(MimeCompare, ParametersNamedLikeMetadataAreCompared) {
  // `format` and `name` are metadata of a tree, but inside `params` (text/plain; format=flowed) they are data.
  json const expected = json::parse(R"({"format": "x", "root": {"params": {"format": "flowed"},
    "disposition": {"params": {"file": "a"}}}})");
  json const actual = json::parse(R"({"format": "y", "root": {"params": {"format": "fixed"}, "disposition": {"params": {}}}})");
  auto c = mime::compare_expected(expected, actual);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].where, "root.params.format");
  EXPECT_EQ(c.not_reported, (std::vector<std::string>{"root.disposition.params.file"}));
  auto const f = mime::fields(actual);
  EXPECT_EQ(f.at(0).first, "root.params.format");
}
