// SASL message codec: base64 (RFC 4648 vectors), PLAIN (RFC 4616 §4), CRAM-MD5 (RFC 2195 §2)
// and SCRAM (RFC 5802 §5 SCRAM-SHA-1, RFC 7677 §3 SCRAM-SHA-256). The one-shot functions take a
// whole message, so there is nothing to grind.
#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace ms = mailspec::codec::sasl;
using namespace std::string_literals;

// ---------------------------------------------------------------------------------------------
// base64

struct base64_row {
  char const* name;
  char const* plain;
  char const* encoded;
};

class SaslBase64Vectors : public ::testing::TestWithParam<base64_row> {};

TEST_P(SaslBase64Vectors, EncodesAndDecodesRfc4648Vector) {
  auto const& row = GetParam();
  EXPECT_EQ(ms::base64_encode(row.plain), row.encoded);
  EXPECT_EQ(ms::base64_decode(row.encoded), row.plain);
  EXPECT_EQ(ms::base64_decode(row.encoded, false), row.plain);
}

INSTANTIATE_TEST_SUITE_P(Rfc4648Section10, SaslBase64Vectors,
                         ::testing::Values(base64_row{"empty", "", ""},
                                           base64_row{"f", "f", "Zg=="},
                                           base64_row{"fo", "fo", "Zm8="},
                                           base64_row{"foo", "foo", "Zm9v"},
                                           base64_row{"foob", "foob", "Zm9vYg=="},
                                           base64_row{"fooba", "fooba", "Zm9vYmE="},
                                           base64_row{"foobar", "foobar", "Zm9vYmFy"}),
                         [](auto const& row_info) { return std::string(row_info.param.name); });

TEST(SaslBase64, RoundTripsEveryOctet) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    EXPECT_EQ(ms::base64_decode(ms::base64_encode(all.substr(0, n))), all.substr(0, n));
  }
}

TEST(SaslBase64, StrictRejectsWhatLenientSkips) {
  EXPECT_FALSE(ms::base64_decode("Zm9vYg"));        // missing padding
  EXPECT_FALSE(ms::base64_decode("Zm9v\r\nYg=="));  // line break
  EXPECT_FALSE(ms::base64_decode(" Zm9v"));
  EXPECT_EQ(ms::base64_decode("Zm9vYg", false), "foob");
  EXPECT_EQ(ms::base64_decode("Zm9v\r\nYg==", false), "foob");
  EXPECT_EQ(ms::base64_decode(" Zm9v\t", false), "foo");
}

TEST(SaslBase64, RejectsMalformedInBothModes) {
  for (bool strict : {true, false}) {
    SCOPED_TRACE(strict);
    EXPECT_FALSE(ms::base64_decode("Zm9v!", strict));    // not in the alphabet
    EXPECT_FALSE(ms::base64_decode("Zg=", strict));      // one pad where two are needed
    EXPECT_FALSE(ms::base64_decode("Zm9vY===", strict));
    EXPECT_FALSE(ms::base64_decode("Zg==Zg==", strict));  // data after the padding
    EXPECT_FALSE(ms::base64_decode("Z", strict));         // six bits make no octet
    EXPECT_FALSE(ms::base64_decode("=", strict));
  }
  EXPECT_FALSE(ms::base64_decode("Zh=="));  // non-zero pad bits: not the canonical encoding
  EXPECT_EQ(ms::base64_decode("Zh==", false), "f");
}

// ---------------------------------------------------------------------------------------------
// PLAIN

TEST(SaslPlain, BuildsRfc4616Examples) {
  EXPECT_EQ(ms::plain_message("", "tim", "tanstaaftanstaaf"), "\0tim\0tanstaaftanstaaf"s);
  EXPECT_EQ(ms::plain_message("", "tim", "tanstaaftanstaaf").size(), 21u);
  EXPECT_EQ(ms::plain_message("Ursel", "Kurt", "xipj3plmq"), "Ursel\0Kurt\0xipj3plmq"s);
  EXPECT_EQ(ms::base64_encode(ms::plain_message("", "tim", "tanstaaftanstaaf")),
            "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
}

TEST(SaslPlain, ParsesRfc4616Examples) {
  std::error_code ec = ms::error::bad_plain;
  auto const first = ms::parse_plain("\0tim\0tanstaaftanstaaf"s, ec);
  EXPECT_FALSE(ec);
  EXPECT_EQ(first, (ms::plain_fields{"", "tim", "tanstaaftanstaaf"}));
  auto const second = ms::parse_plain(*ms::base64_decode("VXJzZWwAS3VydAB4aXBqM3BsbXE="), ec);
  EXPECT_EQ(second, (ms::plain_fields{"Ursel", "Kurt", "xipj3plmq"}));
}

TEST(SaslPlain, RejectsMalformedMessages) {
  struct row {
    std::string message;
    ms::error e;
  };
  row const rows[] = {
      {"tim\0pw"s, ms::error::bad_plain},
      {"a\0b\0c\0d"s, ms::error::bad_plain},
      {"timpw", ms::error::bad_plain},
      {"\0\0pw"s, ms::error::empty_field},
      {"\0tim\0"s, ms::error::empty_field},
      {"\0"s + std::string(256, 'u') + "\0pw"s, ms::error::field_too_long},
      {std::string(256, 'z') + "\0u\0pw"s, ms::error::field_too_long},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.message);
    std::error_code ec;
    EXPECT_FALSE(ms::parse_plain(r.message, ec));
    EXPECT_EQ(ec, r.e);
  }
  std::error_code ec;
  auto const longest = std::string(255, 'u');
  EXPECT_TRUE(ms::parse_plain(ms::plain_message(longest, longest, longest), ec));
}

// ---------------------------------------------------------------------------------------------
// CRAM-MD5

TEST(SaslCramMd5, MatchesRfc2195Exchange) {
  auto const challenge = ms::base64_decode("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
  ASSERT_TRUE(challenge);
  EXPECT_EQ(*challenge, "<1896.697170952@postoffice.reston.mci.net>");
  EXPECT_TRUE(ms::is_cram_challenge(*challenge));
  auto const response = ms::cram_md5_response("tim", "b913a602c7eda7a495b4e6e7334d3890");
  EXPECT_EQ(response, "tim b913a602c7eda7a495b4e6e7334d3890");
  EXPECT_EQ(ms::base64_encode(response), "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
}

TEST(SaslCramMd5, RejectsChallengesThatAreNotMsgIds) {
  for (char const* bad : {"", "hello", "<>", "<a@>", "<@b>", "<a b@c>", "<ab>", "a@b>", "<a@b"}) {
    EXPECT_FALSE(ms::is_cram_challenge(bad)) << bad;
  }
}

// ---------------------------------------------------------------------------------------------
// SCRAM

struct scram_row {
  char const* name;
  char const* client_nonce;
  char const* server_first;
  char const* combined_nonce;
  char const* salt;
  char const* proof;
  char const* server_final;
  std::size_t hash_size;
};

class SaslScramExamples : public ::testing::TestWithParam<scram_row> {};

TEST_P(SaslScramExamples, BuildsAndParsesEveryMessage) {
  auto const& row = GetParam();
  std::string const bare = ms::scram_client_first_bare("user", row.client_nonce);
  EXPECT_EQ(ms::scram_client_first("user", row.client_nonce),
            "n,,n=user,r="s + row.client_nonce);
  EXPECT_EQ(bare, "n=user,r="s + row.client_nonce);

  std::error_code ec = ms::error::bad_scram_syntax;
  auto const first = ms::parse_scram_server_first(row.server_first, row.client_nonce, ec);
  ASSERT_TRUE(first) << ec.message();
  EXPECT_FALSE(ec);
  EXPECT_EQ(first->nonce, row.combined_nonce);
  EXPECT_EQ(first->salt, ms::base64_decode(row.salt));
  EXPECT_EQ(first->iterations, 4096u);

  std::string const without_proof = ms::scram_client_final_without_proof(first->nonce);
  EXPECT_EQ(without_proof, "c=biws,r="s + row.combined_nonce);
  EXPECT_EQ(ms::scram_auth_message(bare, row.server_first, without_proof),
            bare + "," + row.server_first + "," + without_proof);
  EXPECT_EQ(ms::base64_decode(row.proof)->size(), row.hash_size);

  auto const final_message = ms::parse_scram_server_final(row.server_final, ec);
  ASSERT_TRUE(final_message) << ec.message();
  ASSERT_TRUE(final_message->verifier);
  EXPECT_FALSE(final_message->error);
  EXPECT_EQ(final_message->verifier->size(), row.hash_size);
  EXPECT_EQ(ms::base64_encode(*final_message->verifier), std::string(row.server_final).substr(2));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5802AndRfc7677, SaslScramExamples,
    ::testing::Values(
        scram_row{"Sha1Rfc5802Section5", "fyko+d2lbbFgONRv9qkxdawL",
                  "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
                  "fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j", "QSXCR+Q6sek8bf92",
                  "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=", 20},
        scram_row{"Sha256Rfc7677Section3", "rOprNGfwEbeRWgbNEkqO",
                  "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                  "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                  "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "W22ZaJ0SNY7soEsUEjb6gQ==",
                  "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                  "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", 32}),
    [](auto const& row_info) { return std::string(row_info.param.name); });

TEST(SaslScram, AuthMessageMatchesRfc5802Section3) {
  EXPECT_EQ(ms::scram_auth_message(
                ms::scram_client_first_bare("user", "fyko+d2lbbFgONRv9qkxdawL"),
                "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
                ms::scram_client_final_without_proof("fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j")),
            "n=user,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
            "s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j");
}

TEST(SaslScram, EscapesCommaAndEqualsInNames) {
  EXPECT_EQ(ms::scram_escape_name("a,b=c"), "a=2Cb=3Dc");
  EXPECT_EQ(ms::scram_client_first_bare("x=y", "n"), "n=x=3Dy,r=n");
}

TEST(SaslScram, RejectsBadServerFirstMessages) {
  struct row {
    char const* message;
    ms::error e;
  };
  row const rows[] = {
      {"m=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=4096", ms::error::scram_extension},
      {"r=xbcdef,s=QSXCR+Q6sek8bf92,i=4096", ms::error::nonce_mismatch},
      {"r=abc,s=QSXCR+Q6sek8bf92,i=4096", ms::error::nonce_mismatch},  // adds no server part
      {"r=abcdef,s=QSXCR+Q6sek8bf92,i=0", ms::error::bad_iteration_count},
      {"r=abcdef,s=QSXCR+Q6sek8bf92,i=4294967296", ms::error::bad_iteration_count},
      {"r=abcdef,s=QSXCR+Q6sek8bf92,i=04096", ms::error::bad_iteration_count},
      {"r=abcdef,s=QSXCR+Q6sek8bf92,i=", ms::error::bad_iteration_count},
      {"r=abcdef,s=QSXCR+Q6sek8bf9!,i=4096", ms::error::bad_base64},
      {"s=QSXCR+Q6sek8bf92,r=abcdef,i=4096", ms::error::bad_scram_syntax},
      {"r=abcdef,s=QSXCR+Q6sek8bf92", ms::error::bad_scram_syntax},
      {"r=abcdef,s=QSXCR+Q6sek8bf92,i=4096,", ms::error::bad_scram_syntax},
      {"r=abcdef,s=QSXCR+Q6sek8bf92,i=4096,ext", ms::error::bad_scram_syntax},
      {"", ms::error::bad_scram_syntax},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.message);
    std::error_code ec;
    EXPECT_FALSE(ms::parse_scram_server_first(r.message, "abc", ec));
    EXPECT_EQ(ec, r.e);
  }
  std::error_code ec;
  auto const ok = ms::parse_scram_server_first("r=abcdef,s=,i=4294967295,x=future", "abc", ec);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->iterations, 4294967295u);
  EXPECT_EQ(ok->salt, "");
}

TEST(SaslScram, ParsesServerErrorAndRejectsBadServerFinal) {
  std::error_code ec;
  auto const error = ms::parse_scram_server_final("e=invalid-proof", ec);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->error, "invalid-proof");
  EXPECT_FALSE(error->verifier);
  EXPECT_TRUE(ms::parse_scram_server_final("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=,x=1", ec));
  for (char const* bad : {"", "v=", "e=", "x=1", "v=rmF9!", "v=abcd,", "p=abcd"}) {
    EXPECT_FALSE(ms::parse_scram_server_final(bad, ec)) << bad;
    EXPECT_TRUE(ec) << bad;
  }
  ms::parse_scram_server_final("v=rmF9!", ec);
  EXPECT_EQ(ec, ms::error::bad_base64);
}

TEST(SaslError, CategoryIsNamed) {
  std::error_code const ec = ms::error::need_more;
  EXPECT_STREQ(ec.category().name(), "mailspec.sasl");
  EXPECT_EQ(ec.value(), 1);
  EXPECT_EQ(std::error_code(ms::error::nonce_mismatch).category(), ms::error_category());
}

}  // namespace
