// Content-Transfer-Encoding decoders and encoders (RFC 2045 §6.7 quoted-printable, §6.8 base64):
// every input decoded split at every byte (grind) in both modes, deviations, and the invariants
// the fuzzer checks: chunked == one-shot, decode(encode(x)) == x.
#include "codec/mime/transfer.hpp"

#include "grind.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace {

namespace mm = mailspec::codec::mime;
using mailspec::codec::parse_mode;

struct outcome {
  std::string output;
  std::error_code ec;
  std::size_t error_offset = 0;
  mailspec::codec::warning_list warnings;
};

template <class Decoder>
outcome run(std::vector<std::string_view> const& chunks, parse_mode mode) {
  Decoder d(mode);
  outcome out;
  std::error_code ec;
  for (std::string_view chunk : chunks) {
    std::size_t const n = d.put(chunk, ec);
    if (ec) break;
    EXPECT_EQ(n, chunk.size());
    out.output += d.take_output();  // taking between chunks must not change the result
  }
  if (!ec) d.put_eof(ec);
  out.output += d.take_output();
  out.ec = ec;
  out.error_offset = ec ? d.error_offset() : 0;
  out.warnings = d.warnings();
  return out;
}

std::string describe(outcome const& o) {
  std::string s = "output=" + mailspec::codec::quote_bytes(o.output) + '\n';
  if (o.ec) s += "error " + o.ec.message() + " at " + std::to_string(o.error_offset) + '\n';
  for (auto const& w : o.warnings) s += "warning " + w.code + " at " + std::to_string(w.offset) + '\n';
  return s;
}

template <class Decoder>
outcome decode(std::string_view input, parse_mode mode = parse_mode::strict) {
  mailspec::testing::grind(input, [&](std::vector<std::string_view> const& chunks) {
    return describe(run<Decoder>(chunks, mode));
  });
  return run<Decoder>({input}, mode);
}

/// Decodes in both modes; the input must be clean: same output, no warning, no error.
template <class Decoder>
std::string decode_clean(std::string_view input) {
  auto const strict = decode<Decoder>(input);
  auto const lenient = decode<Decoder>(input, parse_mode::lenient);
  EXPECT_FALSE(strict.ec) << describe(strict);
  EXPECT_TRUE(lenient.warnings.empty()) << describe(lenient);
  EXPECT_EQ(strict.output, lenient.output);
  return strict.output;
}

struct deviation_row {
  char const* name;
  char const* input;
  mm::error e;
  std::size_t offset;
  char const* lenient_output;
  char const* warning;
};

template <class Decoder>
void expect_deviation(deviation_row const& row) {
  SCOPED_TRACE(row.name);
  auto const strict = decode<Decoder>(row.input);
  EXPECT_EQ(strict.ec, make_error_code(row.e)) << describe(strict);
  EXPECT_EQ(strict.error_offset, row.offset) << describe(strict);
  auto const lenient = decode<Decoder>(row.input, parse_mode::lenient);
  EXPECT_FALSE(lenient.ec) << describe(lenient);
  EXPECT_EQ(lenient.output, row.lenient_output);
  ASSERT_FALSE(lenient.warnings.empty());
  EXPECT_EQ(lenient.warnings[0].code, row.warning);
  EXPECT_EQ(lenient.warnings[0].offset, row.offset);
}

std::vector<std::string> lines_of(std::string_view encoded) {
  std::vector<std::string> lines;
  for (std::size_t at = 0;;) {
    auto const end = encoded.find("\r\n", at);
    lines.emplace_back(encoded.substr(at, end - at));
    if (end == std::string_view::npos) return lines;
    at = end + 2;
  }
}

std::string random_bytes(std::mt19937& rng, std::size_t n, std::string_view alphabet = {}) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    auto const r = rng();
    out += alphabet.empty() ? static_cast<char>(r & 0xff) : alphabet[r % alphabet.size()];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// base64 (RFC 2045 §6.8)

TEST(MimeBase64Decoder, DecodesAcrossLineBreaks) {
  EXPECT_EQ(decode_clean<mm::base64_decoder>("SGVsbG8s\r\nIFdv\r\ncmxkIQ==\r\n"), "Hello, World!");
  EXPECT_EQ(decode_clean<mm::base64_decoder>("Zm9v YmE=\r\n"), "fooba");
  EXPECT_EQ(decode_clean<mm::base64_decoder>(""), "");
  EXPECT_EQ(decode_clean<mm::base64_decoder>("\r\n"), "");
}

TEST(MimeBase64Decoder, StrictRejectsWhatLenientWarnsAbout) {
  deviation_row const rows[] = {
      {"octet outside the alphabet", "Zm9v!YmFy", mm::error::bad_base64_char, 4, "foobar",
       "bad-base64-char"},
      {"padding too early", "Z=m9v", mm::error::bad_padding, 1, "foo", "misplaced-padding"},
      {"data after padding", "Zg==Zg==", mm::error::bad_padding, 4, "ff", "data-after-padding"},
      {"one pad where two belong", "Zg=Zm8=", mm::error::bad_padding, 3, "ffo", "short-padding"},
      {"truncated quantum", "Zm9vYg", mm::error::unexpected_eof, 6, "foob", "truncated-quantum"},
      {"missing second pad", "Zg=", mm::error::unexpected_eof, 3, "f", "truncated-quantum"},
      {"line over 76", "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"
       "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB", mm::error::line_too_long, 76, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "line-too-long"},
  };
  for (auto const& row : rows) expect_deviation<mm::base64_decoder>(row);
}

// RFC 2045 §6.8: an "=" may be taken as the end of the data; after_padding::stop does, warning once.
TEST(MimeBase64Decoder, PaddingCanEndTheData) {
  for (std::size_t cut = 0; cut <= 8; ++cut) {
    mm::base64_decoder d(parse_mode::lenient, mm::base64_decoder::after_padding::stop);
    std::string_view const text = "QQ==QkM=\r\n!!";
    std::error_code ec;
    EXPECT_EQ(d.put(text.substr(0, cut), ec), cut);
    EXPECT_EQ(d.put(text.substr(cut), ec), text.size() - cut);
    EXPECT_FALSE(ec);
    d.put_eof(ec);
    EXPECT_FALSE(ec);
    EXPECT_EQ(d.output(), "A") << cut;
    ASSERT_EQ(d.warnings().size(), 1u);
    EXPECT_EQ(d.warnings()[0].code, "data-after-padding");
    EXPECT_EQ(d.warnings()[0].offset, 4u);
  }
}

TEST(MimeBase64Decoder, StaysFailedUntilReset) {
  mm::base64_decoder d;
  std::error_code ec;
  EXPECT_EQ(d.put("Zm9v!", ec), 4u);
  EXPECT_EQ(ec, mm::error::bad_base64_char);
  EXPECT_EQ(d.put("Zm9v", ec), 0u);
  EXPECT_EQ(ec, mm::error::bad_base64_char);
  d.reset();
  d.put("Zm9v", ec);
  EXPECT_FALSE(ec);
  EXPECT_EQ(d.take_output(), "foo");
}

TEST(MimeBase64Encoder, WrapsAt76WithCrlf) {
  std::string const data(200, 'x');
  std::string const encoded = mm::base64_encode_mime(data);
  auto const lines = lines_of(encoded);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].size(), 76u);
  EXPECT_EQ(lines[3].size(), 268u - 3 * 76);
  EXPECT_EQ(mm::base64_encode_mime("foobar", 4), "Zm9v\r\nYmFy");
  EXPECT_EQ(mm::base64_encode_mime("foobar", 0), "Zm9vYmFy");
  EXPECT_EQ(mm::base64_encode_mime(""), "");
}

TEST(MimeBase64, DecodeOfEncodeIsIdentity) {
  std::mt19937 rng(2045);
  for (std::size_t n : {0, 1, 2, 3, 56, 57, 58, 171, 300}) {
    std::string const data = random_bytes(rng, n);
    std::string const encoded = mm::base64_encode_mime(data);
    EXPECT_EQ(decode_clean<mm::base64_decoder>(encoded), data) << n;
  }
}

// ---------------------------------------------------------------------------------------------
// quoted-printable (RFC 2045 §6.7)

TEST(MimeQpDecoder, DecodesRfc2045SoftBreakExample) {
  EXPECT_EQ(decode_clean<mm::qp_decoder>(
                "Now's the time =\r\nfor all folk to come=\r\n to the aid of their country."),
            "Now's the time for all folk to come to the aid of their country.");
}

TEST(MimeQpDecoder, DecodesEscapesAndHardBreaks) {
  EXPECT_EQ(decode_clean<mm::qp_decoder>("a=3Db=C3=A9\r\n\tx y\r\n=20\r\n"),
            "a=b\xC3\xA9\r\n\tx y\r\n \r\n");
  EXPECT_EQ(decode_clean<mm::qp_decoder>("tab\t=\r\nend"), "tab\tend");
  EXPECT_EQ(decode_clean<mm::qp_decoder>("=\r\n"), "");
}

TEST(MimeQpDecoder, StrictRejectsWhatLenientWarnsAbout) {
  deviation_row const rows[] = {
      {"lower-case hex", "=c3=A9", mm::error::bad_qp_escape, 1, "\xC3\xA9", "lowercase-hex"},
      {"equals then letter", "a=Gb", mm::error::bad_qp_escape, 2, "a=Gb", "bad-equals"},
      {"equals then one digit", "a=4x", mm::error::bad_qp_escape, 3, "a=4x", "bad-equals"},
      {"trailing space deleted", "ab \t\r\ncd", mm::error::trailing_space, 5, "ab\r\ncd",
       "trailing-space"},
      {"space after soft break", "ab= \r\ncd", mm::error::trailing_space, 5, "abcd",
       "trailing-space"},
      {"space and no break", "a= b", mm::error::bad_qp_escape, 3, "a= b", "bad-equals"},
      {"bare LF", "ab\ncd", mm::error::bare_line_break, 2, "ab\ncd", "bare-lf"},
      {"bare CR", "ab\rcd", mm::error::bare_line_break, 2, "ab\rcd", "bare-cr"},
      {"soft break with LF", "ab=\ncd", mm::error::bare_line_break, 3, "abcd", "bare-lf"},
      {"unencoded 8-bit octet", "caf\xE9", mm::error::bad_qp_char, 3, "caf\xE9",
       "unencoded-octet"},
      {"equals at the end", "abc=", mm::error::unexpected_eof, 4, "abc", "equals-at-end"},
      {"half escape at the end", "abc=4", mm::error::unexpected_eof, 5, "abc=4",
       "truncated-escape"},
      {"space at the end", "abc ", mm::error::trailing_space, 4, "abc", "trailing-space"},
      {"line over 76", "0123456789012345678901234567890123456789012345678901234567890123456789"
       "0123456789", mm::error::line_too_long, 76,
       "0123456789012345678901234567890123456789012345678901234567890123456789"
       "0123456789", "line-too-long"},
  };
  for (auto const& row : rows) expect_deviation<mm::qp_decoder>(row);
}

TEST(MimeQpEncoder, EncodesWhatRfc2045Requires) {
  EXPECT_EQ(mm::qp_encode("a=b"), "a=3Db");
  EXPECT_EQ(mm::qp_encode("caf\xC3\xA9"), "caf=C3=A9");
  EXPECT_EQ(mm::qp_encode("end \r\nnext\t"), "end=20\r\nnext=09");
  EXPECT_EQ(mm::qp_encode("a b\tc"), "a b\tc");
  EXPECT_EQ(mm::qp_encode("lone\nlf\r"), "lone=0Alf=0D");
  EXPECT_EQ(mm::qp_encode("a\r\nb", true), "a=0D=0Ab");
  EXPECT_EQ(mm::qp_encode(""), "");
}

TEST(MimeQpEncoder, BreaksLinesAt76WithoutSplittingEscapes) {
  std::string const long_line(100, 'x');
  EXPECT_EQ(mm::qp_encode(long_line), std::string(75, 'x') + "=\r\n" + std::string(25, 'x'));
  EXPECT_EQ(mm::qp_encode(std::string(76, 'x')), std::string(76, 'x'));
  std::string const escapes(40, '=');
  for (auto const& line : lines_of(mm::qp_encode(escapes))) {
    EXPECT_LE(line.size(), 76u);
    EXPECT_EQ(line.size() % 3, line.back() == '=' ? 1u : 0u) << line;
  }
}

TEST(MimeQp, DecodeOfEncodeIsIdentityInBinaryMode) {
  std::mt19937 rng(2045);
  for (std::size_t n : {0, 1, 75, 76, 77, 300}) {
    std::string const data = random_bytes(rng, n);
    std::string const encoded = mm::qp_encode(data, true);
    for (auto const& line : lines_of(encoded)) EXPECT_LE(line.size(), 76u);
    EXPECT_EQ(decode_clean<mm::qp_decoder>(encoded), data) << n;
  }
}

TEST(MimeQp, DecodeOfEncodeIsIdentityInTextMode) {
  std::mt19937 rng(6);
  std::string const alphabet = std::string("ab =\t.\xC3\xA9") + "\r\n" + "\r\n" + "\r\n";
  for (std::size_t n : {1, 20, 80, 300}) {
    std::string data = random_bytes(rng, n, alphabet);
    std::string const encoded = mm::qp_encode(data);
    for (auto const& line : lines_of(encoded)) EXPECT_LE(line.size(), 76u) << line;
    EXPECT_EQ(decode_clean<mm::qp_decoder>(encoded), data) << mailspec::codec::quote_bytes(data);
  }
  std::string const text = "line one  \r\n\r\ntrailing tab\t\r\n" + std::string(90, ' ') + "\r\n";
  EXPECT_EQ(decode_clean<mm::qp_decoder>(mm::qp_encode(text)), text);
}

TEST(MimeError, CategoryIsNamed) {
  std::error_code const ec = mm::error::need_more;
  EXPECT_STREQ(ec.category().name(), "mailspec.mime");
  EXPECT_EQ(ec.value(), 1);
}

}  // namespace
