// Charset conversion through iconv (ISO-8859-1, UTF-8, KOI8-R, ISO-2022-JP, an unknown charset) and RFC
// 2047 encoded-words: one word, adjacent words, the examples of RFC 2047 §8 and RFC 2231 §5, malformed
// words left as written.
#include "codec/mime/charset.hpp"
#include "codec/mime/encoded_word.hpp"

#include <gtest/gtest.h>

namespace {

namespace mm = mailspec::codec::mime;

TEST(MimeCharset, Iso88591ToUtf8) { EXPECT_EQ(mm::to_utf8("ISO-8859-1", "J\xF8rn"), "J\xC3\xB8rn"); }

TEST(MimeCharset, NamesAreCaseInsensitive) { EXPECT_EQ(mm::to_utf8("iso-8859-1", "\xE9"), "\xC3\xA9"); }

TEST(MimeCharset, Utf8PassesThroughAndBadSequencesBecomeReplacementCharacters) {
  EXPECT_EQ(mm::to_utf8("UTF-8", "J\xC3\xB8rn"), "J\xC3\xB8rn");
  std::size_t replaced = 0;
  EXPECT_EQ(mm::to_utf8("utf-8", "a\xC3(b\xFF", &replaced), "a\xEF\xBF\xBD(b\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 2u);
}

TEST(MimeCharset, Koi8R) { EXPECT_EQ(mm::to_utf8("KOI8-R", "\xF0\xD2\xC9\xD7\xC5\xD4"), "Привет"); }

TEST(MimeCharset, Iso2022JpIsStateful) {
  EXPECT_EQ(mm::to_utf8("ISO-2022-JP", "\x1B$B$3$s$K$A$O\x1B(B"), "こんにちは");
  // The cached descriptor starts from the initial state again: ASCII after a call that ended shifted.
  (void)mm::to_utf8("ISO-2022-JP", "\x1B$B$3");
  EXPECT_EQ(mm::to_utf8("ISO-2022-JP", "abc"), "abc");
}

TEST(MimeCharset, UnknownCharsetIsNullopt) {
  EXPECT_EQ(mm::to_utf8("x-no-such-charset", "abc"), std::nullopt);
  EXPECT_EQ(mm::to_utf8("UTF-8//TRANSLIT", "abc"), std::nullopt);  // not a charset name
  EXPECT_EQ(mm::to_utf8("", "abc"), std::nullopt);
}

TEST(MimeCharset, LanguageSuffixIsIgnored) { EXPECT_EQ(mm::to_utf8("US-ASCII*EN", "Keith"), "Keith"); }

TEST(MimeCharset, InvalidOctetInSingleByteCharsetIsReplaced) {
  std::size_t replaced = 0;
  EXPECT_EQ(mm::to_utf8("US-ASCII", "a\x80" "b", &replaced), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(replaced, 1u);
}

TEST(MimeCharset, ValidUtf8) {
  EXPECT_TRUE(mm::valid_utf8("J\xC3\xB8rn \xF0\x9F\x98\x80"));
  EXPECT_FALSE(mm::valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(mm::valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(mm::valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(mm::valid_utf8("\xE2\x82"));          // truncated
}

TEST(MimeEncodedWord, ParsesBAndQ) {
  auto const q = mm::parse_encoded_word("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->charset, "ISO-8859-1");
  EXPECT_EQ(q->encoding, 'Q');
  EXPECT_EQ(q->octets, "Keld J\xF8rn Simonsen");
  auto const b = mm::parse_encoded_word("=?iso-8859-1?b?SWYgeW91?=");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->encoding, 'B');
  EXPECT_EQ(b->octets, "If you");
}

TEST(MimeEncodedWord, MalformedWordsAreNotWords) {
  for (char const* bad : {"=?ISO-8859-1?X?abc?=", "=??Q?abc?=", "=?a?Q?a b?=", "=?a?Q?a=Z1?=", "=?a?B?!!!!?=",
                          "=?a?Q?abc", "?a?Q?abc?=", "=?a?Q?ab?c?="}) {
    EXPECT_FALSE(mm::parse_encoded_word(bad)) << bad;
  }
}

struct unstructured_case {
  char const* name;
  char const* encoded;
  char const* decoded;
};

// RFC 2047 §8: the Subject example (two words in two charsets, folded) and the sequences of the comment
// table, here as the text inside the comment: the joining rules are the same (§6.2).
std::vector<unstructured_case> const rfc2047_examples = {
    {"Section8SubjectTwoCharsets",
     "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
     "If you can read this you understand the example."},
    {"Section8OneWord", "=?ISO-8859-1?Q?a?=", "a"},
    {"Section8WordThenText", "=?ISO-8859-1?Q?a?= b", "a b"},
    {"Section8AdjacentWordsJoined", "=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab"},
    {"Section8SeveralSpacesIgnored", "=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=", "ab"},
    {"Section8FoldingIgnored", "=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=", "ab"},
    {"Section8EncodedSpace", "=?ISO-8859-1?Q?a_b?=", "a b"},
    {"Section8SpaceInSecondCharset", "=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=", "a b"},
    {"Rfc2231Section5LanguageSuffix", "=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"},
};

class MimeUnstructured : public ::testing::TestWithParam<unstructured_case> {};

TEST_P(MimeUnstructured, Decodes) { EXPECT_EQ(mm::decode_unstructured(GetParam().encoded), GetParam().decoded); }

INSTANTIATE_TEST_SUITE_P(Rfc2047, MimeUnstructured, ::testing::ValuesIn(rfc2047_examples),
                         [](auto const& row) { return std::string(row.param.name); });

// RFC 2047 §8: in a *text field a word next to "(" or ")" is no encoded-word, so it stays as written.
TEST(MimeUnstructured, Section8WordsTouchingParenthesesStayInText) {
  EXPECT_EQ(mm::decode_unstructured("(=?ISO-8859-1?Q?a?=)"), "(=?ISO-8859-1?Q?a?=)");
  EXPECT_EQ(mm::decode_unstructured("(=?ISO-8859-1?Q?a?= b)"), "(=?ISO-8859-1?Q?a?= b)");
}

TEST(MimeUnstructured, TextAroundWordsKeepsItsSpaces) {
  EXPECT_EQ(mm::decode_unstructured("Re: =?utf-8?q?caf=C3=A9?= now"), "Re: caf\xC3\xA9 now");
}

TEST(MimeUnstructured, CharacterSplitAcrossAdjacentWordsDecodes) {
  // "é" is C3 A9: the first word ends after C3, the second starts with A9.
  EXPECT_EQ(mm::decode_unstructured("=?UTF-8?Q?caf=C3?= =?utf-8?Q?=A9?="), "caf\xC3\xA9");
}

TEST(MimeUnstructured, UnknownCharsetLeavesTheWordAndItsSpacesAsWritten) {
  std::vector<std::string> defects;
  EXPECT_EQ(mm::decode_unstructured("x =?x-unknown?Q?a?=  =?x-unknown?Q?b?= y", &defects),
            "x =?x-unknown?Q?a?=  =?x-unknown?Q?b?= y");
  EXPECT_EQ(defects, std::vector<std::string>{"unknown-charset"});
}

TEST(MimeUnstructured, MalformedWordIsLeftAsItIs) {
  EXPECT_EQ(mm::decode_unstructured("a =?utf-8?Q?bad=ZZ?= b"), "a =?utf-8?Q?bad=ZZ?= b");
  EXPECT_EQ(mm::decode_unstructured("a =?utf-8?B?@@@?= b"), "a =?utf-8?B?@@@?= b");
}

// RFC 2047 §2 and §6.1 (1): at most 75 characters; a longer sequence is not an encoded-word.
TEST(MimeUnstructured, Rfc2047Section2WordsOver75CharactersAreText) {
  std::string const ok = "=?utf-8?q?" + std::string(63, 'a') + "?=";  // 75
  std::string const long_word = "=?utf-8?q?" + std::string(64, 'a') + "?=";  // 76
  EXPECT_EQ(mm::decode_unstructured(ok), std::string(63, 'a'));
  EXPECT_EQ(mm::decode_unstructured(long_word), long_word);
}

TEST(MimeUnstructured, WordInsideTextIsNotDecoded) {
  EXPECT_EQ(mm::decode_unstructured("x=?utf-8?q?a?=y"), "x=?utf-8?q?a?=y");
}

TEST(MimeUnstructured, WordsBackToBackAreDecoded) {
  EXPECT_EQ(mm::decode_unstructured("=?utf-8?q?a?==?utf-8?q?b?="), "ab");
}

TEST(MimeUnstructured, Utf8AndIso2022JpWords) {
  EXPECT_EQ(mm::decode_unstructured("=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?="), "こんにちは");
  EXPECT_EQ(mm::decode_unstructured("=?koi8-r?B?8NLJ18XU?="), "Привет");
}

}  // namespace
