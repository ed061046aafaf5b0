// SASL messages as a server builds and parses them: the CRAM-MD5 challenge and response (RFC 2195 §2)
// and the SCRAM client-first, server-first, client-final and server-final messages (RFC 5802 §5, §7;
// RFC 7677 §3). One-shot functions over whole messages, so there is nothing to grind. The hashing of
// the RFC examples is checked in tests/script/sasl_server_test.cpp, where crypto is linked.
#include "codec/sasl/base64.hpp"
#include "codec/sasl/error.hpp"
#include "codec/sasl/mechanisms.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace ms = mailspec::codec::sasl;
using namespace std::string_literals;

// ---------------------------------------------------------------------------------------------
// CRAM-MD5

TEST(SaslServerCramMd5, BuildsRfc2195Challenge) {
  auto const challenge = ms::cram_challenge("1896.697170952", "postoffice.reston.mci.net");
  EXPECT_EQ(challenge, "<1896.697170952@postoffice.reston.mci.net>");
  EXPECT_TRUE(ms::is_cram_challenge(challenge));
  EXPECT_EQ(ms::base64_encode(challenge), "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
}

TEST(SaslServerCramMd5, ParsesRfc2195Response) {
  auto const decoded = ms::base64_decode("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  ASSERT_TRUE(decoded);
  for (bool strict : {true, false}) {
    std::error_code ec = ms::error::bad_cram_digest;
    auto const fields = ms::parse_cram_md5_response(*decoded, ec, strict);
    ASSERT_TRUE(fields) << ec.message();
    EXPECT_FALSE(ec);
    EXPECT_EQ(*fields, (ms::cram_md5_fields{"tim", "b913a602c7eda7a495b4e6e7334d3890", false}));
    EXPECT_EQ(ms::cram_md5_response(fields->user, fields->hex_digest), *decoded);
  }
}

TEST(SaslServerCramMd5, SplitsAtTheLastSpaceSoUserNamesMayHoldSpaces) {
  std::error_code ec;
  auto const fields = ms::parse_cram_md5_response("tim smith b913a602c7eda7a495b4e6e7334d3890", ec);
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->user, "tim smith");
}

TEST(SaslServerCramMd5, LenientModeFoldsUpperCaseHexAndSaysSo) {
  std::string const upper = "tim B913A602C7EDA7A495B4E6E7334D3890";
  std::error_code ec;
  EXPECT_FALSE(ms::parse_cram_md5_response(upper, ec));
  EXPECT_EQ(ec, ms::error::bad_cram_digest);
  auto const fields = ms::parse_cram_md5_response(upper, ec, false);
  ASSERT_TRUE(fields);
  EXPECT_FALSE(ec);
  EXPECT_EQ(*fields, (ms::cram_md5_fields{"tim", "b913a602c7eda7a495b4e6e7334d3890", true}));
}

TEST(SaslServerCramMd5, RejectsMalformedResponsesInBothModes) {
  struct row {
    std::string response;
    ms::error e;
  };
  row const rows[] = {
      {"", ms::error::bad_cram_response},
      {"timb913a602c7eda7a495b4e6e7334d3890", ms::error::bad_cram_response},  // no SP
      {" b913a602c7eda7a495b4e6e7334d3890", ms::error::bad_cram_response},    // empty user
      {"tim ", ms::error::bad_cram_digest},
      {"tim b913a602c7eda7a495b4e6e7334d389", ms::error::bad_cram_digest},    // 31 digits
      {"tim b913a602c7eda7a495b4e6e7334d38900", ms::error::bad_cram_digest},  // 33 digits
      {"tim g913a602c7eda7a495b4e6e7334d3890", ms::error::bad_cram_digest},
      {"tim b913a602c7eda7a495b4e6e7334d3890 ", ms::error::bad_cram_digest},  // trailing SP
      {"tim\tb913a602c7eda7a495b4e6e7334d3890", ms::error::bad_cram_response},
  };
  for (bool strict : {true, false}) {
    for (auto const& r : rows) {
      SCOPED_TRACE(r.response + (strict ? " strict" : " lenient"));
      std::error_code ec;
      EXPECT_FALSE(ms::parse_cram_md5_response(r.response, ec, strict));
      EXPECT_EQ(ec, r.e);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SCRAM names

TEST(SaslServerScramName, UnescapesWhatEscapeNameProduced) {
  for (char const* name : {"user", "a,b=c", "==,,", "ü=x", "=2C"}) {
    EXPECT_EQ(ms::scram_unescape_name(ms::scram_escape_name(name)), name) << name;
  }
  EXPECT_EQ(ms::scram_unescape_name("a=2cb=3dc"), "a,b=c");  // ABNF strings are case-insensitive
}

TEST(SaslServerScramName, RejectsBadEscapesAndForbiddenOctets) {
  for (std::string const& bad : {""s, "="s, "a=2"s, "a=3E"s, "a=2Cb="s, "a=x2C"s, "a,b"s, "a\0b"s, "=2=3D"s}) {
    EXPECT_FALSE(ms::scram_unescape_name(bad)) << bad;
  }
}

// ---------------------------------------------------------------------------------------------
// SCRAM client-first (the server parses it)

TEST(SaslServerScramClientFirst, ParsesRfc5802AndRfc7677Examples) {
  std::error_code ec = ms::error::bad_scram_syntax;
  auto const sha1 = ms::parse_scram_client_first("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", ec);
  ASSERT_TRUE(sha1) << ec.message();
  EXPECT_FALSE(ec);
  EXPECT_EQ(*sha1, (ms::scram_client_first_fields{'n', "", "n,,", "user", "fyko+d2lbbFgONRv9qkxdawL",
                                                  "n=user,r=fyko+d2lbbFgONRv9qkxdawL"}));
  auto const sha256 = ms::parse_scram_client_first("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", ec);
  ASSERT_TRUE(sha256);
  EXPECT_EQ(sha256->client_nonce, "rOprNGfwEbeRWgbNEkqO");
  EXPECT_EQ(sha256->bare, "n=user,r=rOprNGfwEbeRWgbNEkqO");
}

TEST(SaslServerScramClientFirst, RoundTripsTheClientBuilders) {
  std::error_code ec;
  auto const first = ms::parse_scram_client_first(ms::scram_client_first("a,b=c", "nonce"), ec);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->user, "a,b=c");
  EXPECT_EQ(first->bare, ms::scram_client_first_bare("a,b=c", "nonce"));
  EXPECT_EQ(first->gs2_header, "n,,");
}

TEST(SaslServerScramClientFirst, KeepsAuthzidFlagYAndExtensions) {
  std::error_code ec;
  auto const first = ms::parse_scram_client_first("y,a=ad=3Dmin,n=user,r=abc,x=ext,q=more", ec);
  ASSERT_TRUE(first) << ec.message();
  EXPECT_EQ(first->cbind_flag, 'y');
  EXPECT_EQ(first->authzid, "ad=min");
  EXPECT_EQ(first->gs2_header, "y,a=ad=3Dmin,");
  EXPECT_EQ(first->user, "user");
  EXPECT_EQ(first->client_nonce, "abc");
  EXPECT_EQ(first->bare, "n=user,r=abc,x=ext,q=more");
}

TEST(SaslServerScramClientFirst, RefusesChannelBindingAndNamesTheType) {
  std::error_code ec;
  std::string const msg = "p=tls-server-end-point,,n=user,r=abc";
  EXPECT_FALSE(ms::parse_scram_client_first(msg, ec));
  EXPECT_EQ(ec, ms::error::channel_binding_unsupported);
  EXPECT_EQ(ms::scram_requested_channel_binding(msg), "tls-server-end-point");
  EXPECT_EQ(ms::scram_requested_channel_binding("p=tls-unique"), "tls-unique");
  EXPECT_EQ(ms::scram_requested_channel_binding("n,,n=user,r=abc"), "");
  // A malformed message is reported as such before its channel binding request.
  EXPECT_FALSE(ms::parse_scram_client_first("p=tls-unique,,n=user", ec));
  EXPECT_EQ(ec, ms::error::bad_scram_syntax);
}

TEST(SaslServerScramClientFirst, RejectsMalformedMessages) {
  struct row {
    std::string message;
    ms::error e;
  };
  row const rows[] = {
      {"", ms::error::bad_scram_syntax},
      {"n=user,r=abc", ms::error::bad_scram_syntax},            // no gs2 header
      {"n,n=user,r=abc", ms::error::bad_scram_syntax},          // one comma of the header
      {"x,,n=user,r=abc", ms::error::bad_scram_syntax},         // unknown flag
      {"F,n,,n=user,r=abc", ms::error::bad_scram_syntax},       // RFC 5801's non-standard flag
      {"p=,,n=user,r=abc", ms::error::bad_scram_syntax},        // empty cb-name
      {"p=tls_unique,,n=user,r=abc", ms::error::bad_scram_syntax},
      {"n,a=,n=user,r=abc", ms::error::bad_scram_syntax},       // empty authzid
      {"n,b=x,n=user,r=abc", ms::error::bad_scram_syntax},      // not a=
      {"n,,n=,r=abc", ms::error::bad_scram_syntax},             // empty user
      {"n,,r=abc,n=user", ms::error::bad_scram_syntax},         // order
      {"n,,n=user", ms::error::bad_scram_syntax},
      {"n,,n=user,r=", ms::error::bad_scram_syntax},            // empty nonce
      {"n,,n=user,r=a b", ms::error::bad_scram_syntax},         // SP is not printable
      {"n,,n=user,r=abc,", ms::error::bad_scram_syntax},
      {"n,,n=user,r=abc,ext", ms::error::bad_scram_syntax},
      {"n,,n=us\0er,r=abc"s, ms::error::bad_scram_syntax},
      {"n,,m=ext,n=user,r=abc", ms::error::scram_extension},
      {"n,,n=user,r=abc,m=ext", ms::error::scram_extension},
      {"n,,n=us=er,r=abc", ms::error::bad_scram_name},
      {"n,,n=user=2,r=abc", ms::error::bad_scram_name},
      {"n,a=ad=min,n=user,r=abc", ms::error::bad_scram_name},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.message);
    std::error_code ec;
    EXPECT_FALSE(ms::parse_scram_client_first(r.message, ec));
    EXPECT_EQ(ec, r.e) << ec.message();
  }
}

// ---------------------------------------------------------------------------------------------
// SCRAM server-first (the server builds it; the client parser must take it back)

TEST(SaslServerScramServerFirst, BuildsRfc5802AndRfc7677Examples) {
  EXPECT_EQ(ms::scram_server_first_message("fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j",
                                           *ms::base64_decode("QSXCR+Q6sek8bf92"), 4096),
            "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
  EXPECT_EQ(ms::scram_server_first_message("rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
                                           *ms::base64_decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096),
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
}

TEST(SaslServerScramServerFirst, ClientParserTakesWhatTheServerBuilds) {
  std::string salt;
  for (int i = 0; i < 16; ++i) salt += static_cast<char>(0xf0 + i);  // binary salt octets
  std::error_code ec;
  auto const parsed = ms::parse_scram_server_first(ms::scram_server_first_message("abcdef", salt, 4096), "abc", ec);
  ASSERT_TRUE(parsed) << ec.message();
  EXPECT_EQ(*parsed, (ms::scram_server_first{"abcdef", salt, 4096}));
}

// ---------------------------------------------------------------------------------------------
// SCRAM client-final (the server parses it)

struct client_final_row {
  char const* name;
  char const* message;
  char const* nonce;
  char const* proof_b64;
  std::size_t proof_size;
};

class SaslServerScramClientFinal : public ::testing::TestWithParam<client_final_row> {};

TEST_P(SaslServerScramClientFinal, ParsesRfcExample) {
  auto const& row = GetParam();
  std::error_code ec = ms::error::bad_scram_syntax;
  auto const fin = ms::parse_scram_client_final(row.message, ec);
  ASSERT_TRUE(fin) << ec.message();
  EXPECT_FALSE(ec);
  EXPECT_EQ(fin->channel_binding, "n,,");
  EXPECT_EQ(fin->nonce, row.nonce);
  EXPECT_EQ(fin->proof, ms::base64_decode(row.proof_b64));
  EXPECT_EQ(fin->proof.size(), row.proof_size);
  EXPECT_EQ(fin->without_proof, ms::scram_client_final_without_proof(row.nonce));
  EXPECT_EQ(fin->without_proof + ",p=" + row.proof_b64, row.message);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5802AndRfc7677, SaslServerScramClientFinal,
    ::testing::Values(
        client_final_row{"Sha1Rfc5802Section5",
                         "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                         "fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j", "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", 20},
        client_final_row{"Sha256Rfc7677Section3",
                         "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                         "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                         "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
                         "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", 32}),
    [](auto const& row_info) { return std::string(row_info.param.name); });

TEST(SaslServerScramClientFinalSyntax, KeepsExtensionsInsideWithoutProof) {
  std::error_code ec;
  auto const fin = ms::parse_scram_client_final("c=eSwsbj11c2VyLHI9,r=abc,x=1,y=2,p=AAAA", ec);
  ASSERT_TRUE(fin) << ec.message();
  EXPECT_EQ(fin->channel_binding, "y,,n=user,r=");
  EXPECT_EQ(fin->without_proof, "c=eSwsbj11c2VyLHI9,r=abc,x=1,y=2");
  EXPECT_EQ(fin->proof, "\0\0\0"s);
}

TEST(SaslServerScramClientFinalSyntax, RejectsMalformedMessages) {
  struct row {
    char const* message;
    ms::error e;
  };
  row const rows[] = {
      {"", ms::error::bad_scram_syntax},
      {"c=biws,r=abc", ms::error::bad_scram_syntax},              // no proof
      {"r=abc,c=biws,p=AAAA", ms::error::bad_scram_syntax},       // order
      {"c=biws,p=AAAA,r=abc", ms::error::bad_scram_syntax},       // proof not last
      {"c=biws,r=,p=AAAA", ms::error::bad_scram_syntax},
      {"c=biws,r=abc,,p=AAAA", ms::error::bad_scram_syntax},      // empty extension
      {"c=biws,r=abc,ext,p=AAAA", ms::error::bad_scram_syntax},
      {"c=biws,r=abc,p=AAAA,", ms::error::bad_scram_syntax},
      {"c=biws,r=abc,m=x,p=AAAA", ms::error::scram_extension},
      {"c=bi!s,r=abc,p=AAAA", ms::error::bad_base64},
      {"c=biws,r=abc,p=AAA", ms::error::bad_base64},              // strict: no missing padding
      {"c=biws,r=abc,p=AA AA", ms::error::bad_base64},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.message);
    std::error_code ec;
    EXPECT_FALSE(ms::parse_scram_client_final(r.message, ec));
    EXPECT_EQ(ec, r.e) << ec.message();
  }
}

// ---------------------------------------------------------------------------------------------
// SCRAM server-final (the server builds it; the client parser must take it back)

TEST(SaslServerScramServerFinal, BuildsVerifierAndErrorForms) {
  auto const signature = ms::base64_decode("rmF9pqV8S7suAoZWja4dJRkFsKQ=");
  ASSERT_TRUE(signature);
  std::string const verifier = ms::scram_server_final_verifier(*signature);
  EXPECT_EQ(verifier, "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
  std::error_code ec;
  auto const back = ms::parse_scram_server_final(verifier, ec);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->verifier, signature);

  std::string const error = ms::scram_server_final_error("invalid-proof");
  EXPECT_EQ(error, "e=invalid-proof");
  auto const error_back = ms::parse_scram_server_final(error, ec);
  ASSERT_TRUE(error_back);
  EXPECT_EQ(error_back->error, "invalid-proof");
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST(SaslServerError, NewValuesHaveTheirOwnMessages) {
  // Catches a merge that adds the enum values but not their messages.
  for (auto const e : {ms::error::bad_cram_response, ms::error::bad_cram_digest, ms::error::bad_scram_name,
                       ms::error::channel_binding_unsupported}) {
    std::error_code const ec = e;
    EXPECT_EQ(ec.category(), ms::error_category());
    EXPECT_EQ(ec.message().find("unknown"), std::string::npos) << ec.value();
  }
  EXPECT_NE(std::error_code(ms::error::bad_cram_digest).message(),
            std::error_code(ms::error::bad_cram_response).message());
}

}  // namespace
