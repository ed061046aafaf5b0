// The server side of SASL (script/sasl_server.hpp): the RFC examples replayed against the driver with
// their fixed nonces, salts and challenges (RFC 2195 §2, RFC 4616 §4, RFC 5802 §5, RFC 7677 §3), every
// mechanism against the harness's own client (script/sasl_client.hpp), and the ways a client can
// break each exchange.
#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"
#include "script/sasl_client.hpp"
#include "script/sasl_server.hpp"
#include "session/crypto.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace {

namespace ms = mailspec::codec::sasl;
namespace crypto = mailspec::session::crypto;
using mailspec::script::sasl_client;
using mailspec::script::sasl_server;
using mailspec::script::sasl_server_options;
using mailspec::script::sasl_step;
using kind = sasl_step::kind;
using namespace std::string_literals;

// A password that no reason may ever quote.
constexpr char const* secret = "Zx9-secret-pw";

// Checks an outcome and that its reason quotes no password (the script's, and the RFC examples').
void expect_outcome(sasl_step const& step, kind what, char const* scram_error = "") {
  EXPECT_EQ(static_cast<int>(step.what), static_cast<int>(what)) << step.reason;
  EXPECT_TRUE(step.done());
  EXPECT_EQ(step.scram_error, scram_error);
  if (what != kind::success) {
    EXPECT_FALSE(step.reason.empty());
  }
  for (char const* password : {secret, "pencil", "tanstaaftanstaaf", "xipj3plmq"}) {
    EXPECT_EQ(step.reason.find(password), std::string::npos) << step.reason;
  }
}

void expect_challenge(sasl_step const& step, std::string const& data) {
  EXPECT_EQ(static_cast<int>(step.what), static_cast<int>(kind::challenge)) << step.reason;
  EXPECT_FALSE(step.done());
  EXPECT_EQ(step.data, data);
}

// ---------------------------------------------------------------------------------------------
// RFC examples with fixed values

struct scram_example {
  char const* name;
  char const* mech;
  char const* client_first;
  char const* server_nonce;
  char const* salt;
  char const* server_first;
  char const* client_final;
  char const* server_final;
};

class SaslServerScramExample : public ::testing::TestWithParam<scram_example> {
 protected:
  sasl_server make(std::string password, bool data_with_success = false) const {
    sasl_server_options options;
    options.scram_server_nonce = GetParam().server_nonce;
    options.scram_salt = *ms::base64_decode(GetParam().salt);
    options.additional_data_with_success = data_with_success;
    return sasl_server(GetParam().mech, "user", std::move(password), options);
  }
};

TEST_P(SaslServerScramExample, AcceptsTheRfcClientAndSendsTheRfcVerifier) {
  auto const& row = GetParam();
  auto server = make("pencil");
  expect_challenge(server.start(std::string(row.client_first)), row.server_first);
  expect_challenge(server.on_response(row.client_final), row.server_final);
  expect_outcome(server.on_response(""), kind::success);
  EXPECT_EQ(server.server_final(), row.server_final);
}

TEST_P(SaslServerScramExample, SendsTheVerifierWithSuccessWhenTheProtocolCan) {
  auto const& row = GetParam();
  auto server = make("pencil", true);
  server.start(std::string(row.client_first));
  auto const step = server.on_response(row.client_final);
  expect_outcome(step, kind::success);
  EXPECT_EQ(step.data, row.server_final);
}

TEST_P(SaslServerScramExample, SameExchangeThroughBase64Lines) {
  auto const& row = GetParam();
  auto server = make("pencil");
  expect_challenge(server.start_encoded(ms::base64_encode(row.client_first)), row.server_first);
  expect_challenge(server.on_line(ms::base64_encode(row.client_final)), row.server_final);
  expect_outcome(server.on_line(""), kind::success);
}

TEST_P(SaslServerScramExample, RefusesTheRfcProofForAnotherPassword) {
  auto const& row = GetParam();
  auto server = make(secret);
  server.start(std::string(row.client_first));
  expect_outcome(server.on_response(row.client_final), kind::wrong_credentials, "invalid-proof");
  EXPECT_EQ(server.server_final(), "");
}

TEST_P(SaslServerScramExample, RefusesTheRfcExchangeForAnotherUser) {
  auto const& row = GetParam();
  sasl_server_options options;
  options.scram_server_nonce = row.server_nonce;
  options.scram_salt = *ms::base64_decode(row.salt);
  sasl_server server(row.mech, "someone", "pencil", options);
  server.start(std::string(row.client_first));
  expect_outcome(server.on_response(row.client_final), kind::wrong_credentials, "unknown-user");
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5802AndRfc7677, SaslServerScramExample,
    ::testing::Values(
        scram_example{"Sha1Rfc5802Section5", "SCRAM-SHA-1", "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
                      "3rfcNHYJY1ZVvWVs7j", "QSXCR+Q6sek8bf92",
                      "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
                      "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                      "v=rmF9pqV8S7suAoZWja4dJRkFsKQ="},
        scram_example{"Sha256Rfc7677Section3", "SCRAM-SHA-256", "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
                      "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "W22ZaJ0SNY7soEsUEjb6gQ==",
                      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                      "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                      "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="}),
    [](auto const& row_info) { return std::string(row_info.param.name); });

sasl_server rfc2195_server(std::string password = "tanstaaftanstaaf", bool strict = true) {
  sasl_server_options options;
  options.cram_challenge = "<1896.697170952@postoffice.reston.mci.net>";
  options.strict = strict;
  return sasl_server("CRAM-MD5", "tim", std::move(password), options);
}

TEST(SaslServerCramMd5, AcceptsRfc2195Exchange) {
  auto server = rfc2195_server();
  auto const challenge = server.start_encoded(std::nullopt);
  expect_challenge(challenge, "<1896.697170952@postoffice.reston.mci.net>");
  EXPECT_EQ(ms::base64_encode(challenge.data), "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
  expect_outcome(server.on_line("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"), kind::success);
}

TEST(SaslServerCramMd5, RefusesRfc2195DigestForAnotherPasswordOrUser) {
  auto server = rfc2195_server(secret);
  server.start(std::nullopt);
  expect_outcome(server.on_response("tim b913a602c7eda7a495b4e6e7334d3890"), kind::wrong_credentials);
  auto other = rfc2195_server();
  other.start(std::nullopt);
  expect_outcome(other.on_response("tom b913a602c7eda7a495b4e6e7334d3890"), kind::wrong_credentials);
}

TEST(SaslServerCramMd5, UpperCaseHexIsMalformedStrictAndADeviationLenient) {
  auto strict = rfc2195_server();
  strict.start(std::nullopt);
  expect_outcome(strict.on_response("tim B913A602C7EDA7A495B4E6E7334D3890"), kind::malformed);
  auto lenient = rfc2195_server("tanstaaftanstaaf", false);
  lenient.start(std::nullopt);
  expect_outcome(lenient.on_response("tim B913A602C7EDA7A495B4E6E7334D3890"), kind::success);
  ASSERT_EQ(lenient.deviations().size(), 1u);
  EXPECT_NE(lenient.deviations()[0].find("RFC 2195"), std::string::npos);
}

TEST(SaslServerCramMd5, RefusesAnInitialResponse) {
  auto server = rfc2195_server();
  auto const step = server.start("tim b913a602c7eda7a495b4e6e7334d3890"s);
  expect_outcome(step, kind::malformed);
  EXPECT_NE(step.reason.find("RFC 2195 §2"), std::string::npos);
  auto empty = rfc2195_server();
  expect_outcome(empty.start_encoded("="), kind::malformed);
}

TEST(SaslServerCramMd5, ChallengesAreRandomMsgIds) {
  sasl_server a("CRAM-MD5", "tim", secret);
  sasl_server b("cram-md5", "tim", secret);
  auto const ca = a.start(std::nullopt).data;
  auto const cb = b.start(std::nullopt).data;
  EXPECT_TRUE(ms::is_cram_challenge(ca)) << ca;
  EXPECT_TRUE(ca.ends_with("@mailspec.test>")) << ca;
  EXPECT_NE(ca, cb);
  EXPECT_EQ(b.mechanism(), "CRAM-MD5");
}

TEST(SaslServerPlain, AcceptsRfc4616Examples) {
  sasl_server tim("PLAIN", "tim", "tanstaaftanstaaf");
  expect_outcome(tim.start_encoded("AHRpbQB0YW5zdGFhZnRhbnN0YWFm"), kind::success);
  sasl_server kurt("PLAIN", "Kurt", "xipj3plmq");
  expect_challenge(kurt.start(std::nullopt), "");
  // Ursel asks to act as Kurt's authorization identity: this server grants that to no one.
  expect_outcome(kurt.on_line("VXJzZWwAS3VydAB4aXBqM3BsbXE="), kind::wrong_credentials);
  sasl_server self("PLAIN", "Kurt", "xipj3plmq");
  expect_outcome(self.start("Kurt\0Kurt\0xipj3plmq"s), kind::success);  // authzid = authcid is no change
}

TEST(SaslServerPlain, MalformedMessagesAndWrongCredentials) {
  struct row {
    std::string message;
    kind what;
  };
  row const rows[] = {
      {"", kind::malformed},
      {"user\0"s + secret, kind::malformed},
      {"\0user\0"s, kind::malformed},
      {"\0user\0wrong"s, kind::wrong_credentials},
      {"\0other\0"s + secret, kind::wrong_credentials},
      {"\0User\0"s + secret, kind::wrong_credentials},  // octets are compared
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.message);
    sasl_server server("PLAIN", "user", secret);
    expect_outcome(server.start(r.message), r.what);
  }
}

TEST(SaslServerLogin, PromptsForUserThenPassword) {
  sasl_server server("LOGIN", "user", secret);
  auto const first = server.start_encoded(std::nullopt);
  expect_challenge(first, "Username:");
  EXPECT_EQ(ms::base64_encode(first.data), "VXNlcm5hbWU6");  // as SMTP servers send it
  auto const second = server.on_line(ms::base64_encode("user"));
  expect_challenge(second, "Password:");
  EXPECT_EQ(ms::base64_encode(second.data), "UGFzc3dvcmQ6");
  expect_outcome(server.on_line(ms::base64_encode(secret)), kind::success);
}

TEST(SaslServerLogin, TakesTheUserNameAsInitialResponse) {
  sasl_server server("LOGIN", "user", secret);
  expect_challenge(server.start("user"s), "Password:");
  expect_outcome(server.on_response(secret), kind::success);
  sasl_server wrong("LOGIN", "user", secret);
  wrong.start("user"s);
  expect_outcome(wrong.on_response("guess"), kind::wrong_credentials);
}

// ---------------------------------------------------------------------------------------------
// Round trips: the harness's client against the server, every mechanism

struct round_trip_result {
  sasl_step last;
  std::string client_error;
  int rounds = 0;
};

round_trip_result round_trip(std::string const& mech, std::string const& client_password, bool initial_response) {
  sasl_client client(mech, "someone@example.org", client_password);
  sasl_server server(mech, "someone@example.org", secret);
  round_trip_result r;
  r.last = server.start(initial_response ? client.initial() : std::nullopt);
  while (!r.last.done() && r.rounds++ < 10) {
    std::string const answer = client.answer(r.last.data, r.client_error);
    if (!r.client_error.empty()) break;
    r.last = server.on_response(answer);
  }
  return r;
}

class SaslServerRoundTrip : public ::testing::TestWithParam<char const*> {};

TEST_P(SaslServerRoundTrip, SucceedsWithTheRightPassword) {
  for (bool ir : {true, false}) {
    SCOPED_TRACE(ir ? "initial response" : "no initial response");
    auto const r = round_trip(GetParam(), secret, ir);
    EXPECT_EQ(r.client_error, "");
    expect_outcome(r.last, kind::success);
  }
}

TEST_P(SaslServerRoundTrip, RefusesAWrongPassword) {
  std::string const mech = GetParam();
  for (bool ir : {true, false}) {
    SCOPED_TRACE(ir ? "initial response" : "no initial response");
    auto const r = round_trip(mech, "not-the-password", ir);
    EXPECT_EQ(r.client_error, "");
    expect_outcome(r.last, kind::wrong_credentials, mech.starts_with("SCRAM") ? "invalid-proof" : "");
  }
}

INSTANTIATE_TEST_SUITE_P(EveryMechanism, SaslServerRoundTrip,
                         ::testing::Values("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"),
                         [](auto const& row_info) {
                           std::string name = row_info.param;
                           std::erase(name, '-');
                           return name;
                         });

// ---------------------------------------------------------------------------------------------
// SCRAM: what a client can get wrong. The client side is built here from codec pieces and crypto.

struct scram_client_side {
  crypto::digest d;
  std::string gs2_header;
  std::string bare;
  std::string server_first;

  // client-final-message with a correct proof for `password`, from the pieces given.
  std::string final_message(std::string const& password, std::string const& without_proof) const {
    std::error_code ec;
    auto const sf = ms::parse_scram_server_first(server_first, "", ec);
    std::string const salted = crypto::pbkdf2(d, password, sf->salt, sf->iterations);
    std::string const client_key = crypto::hmac(d, salted, "Client Key");
    std::string const auth_message = ms::scram_auth_message(bare, server_first, without_proof);
    std::string const signature = crypto::hmac(d, crypto::hash(d, client_key), auth_message);
    std::string proof = client_key;
    for (std::size_t i = 0; i < proof.size(); ++i) proof[i] = static_cast<char>(proof[i] ^ signature[i]);
    return without_proof + ",p=" + ms::base64_encode(proof);
  }
  std::string combined_nonce() const { return server_first.substr(2, server_first.find(',') - 2); }
  std::string cbind() const { return ms::base64_encode(gs2_header); }
};

// Starts a SCRAM-SHA-256 exchange for user "user" with `gs2_header` and returns the client's view.
scram_client_side scram_start(sasl_server& server, std::string const& gs2_header, std::string const& user = "user") {
  std::string const bare = ms::scram_client_first_bare(user, "clientnonce");
  auto const step = server.start(gs2_header + bare);
  EXPECT_EQ(static_cast<int>(step.what), static_cast<int>(kind::challenge)) << step.reason;
  return {crypto::digest::sha256, gs2_header, bare, step.data};
}

TEST(SaslServerScram, ServerFirstExtendsTheClientNonceWithRandomSaltAnd4096Iterations) {
  sasl_server a("SCRAM-SHA-256", "user", secret);
  sasl_server b("SCRAM-SHA-256", "user", secret);
  auto const ca = scram_start(a, "n,,");
  auto const cb = scram_start(b, "n,,");
  std::error_code ec;
  auto const fa = ms::parse_scram_server_first(ca.server_first, "clientnonce", ec);
  auto const fb = ms::parse_scram_server_first(cb.server_first, "clientnonce", ec);
  ASSERT_TRUE(fa && fb);
  EXPECT_EQ(fa->nonce.size(), std::string("clientnonce").size() + 36);
  EXPECT_EQ(fa->salt.size(), 16u);
  EXPECT_EQ(fa->iterations, 4096u);
  EXPECT_NE(fa->nonce, fb->nonce);
  EXPECT_NE(fa->salt, fb->salt);
}

TEST(SaslServerScram, AcceptsFlagYAndAnAuthzidThatIsTheUser) {
  for (std::string const gs2 : {"y,,", "n,a=user,", "y,a=user,"}) {
    SCOPED_TRACE(gs2);
    sasl_server server("SCRAM-SHA-256", "user", secret);
    auto const c = scram_start(server, gs2);
    auto const fin = c.final_message(secret, "c=" + c.cbind() + ",r=" + c.combined_nonce() + ",x=ignored");
    auto const step = server.on_response(fin);
    ASSERT_FALSE(step.done()) << step.reason;
    expect_outcome(server.on_response(""), kind::success);
  }
}

TEST(SaslServerScram, RefusesAnAuthzidOfAnotherUser) {
  sasl_server server("SCRAM-SHA-256", "user", secret);
  auto const c = scram_start(server, "n,a=admin,");
  auto const fin = c.final_message(secret, "c=" + c.cbind() + ",r=" + c.combined_nonce());
  expect_outcome(server.on_response(fin), kind::wrong_credentials, "other-error");
}

TEST(SaslServerScram, AcceptsAUserNameThatNeedsEscapes) {
  sasl_server server("SCRAM-SHA-256", "a,b", secret);
  auto const c = scram_start(server, "n,,", "a,b");
  EXPECT_NE(c.bare.find("n=a=2Cb,"), std::string::npos);
  auto const fin = c.final_message(secret, "c=" + c.cbind() + ",r=" + c.combined_nonce());
  EXPECT_FALSE(server.on_response(fin).done());
}

TEST(SaslServerScram, ClientFinalMistakes) {
  struct row {
    char const* name;
    std::string (*without_proof)(scram_client_side const&);
    char const* scram_error;
  };
  row const rows[] = {
      {"c= of another gs2 header", [](auto const& c) { return "c=eSws,r=" + c.combined_nonce(); },
       "channel-bindings-dont-match"},
      {"r= of the client alone", [](auto const&) { return "c=biws,r=clientnonce"s; }, "other-error"},
      {"r= with another server part", [](auto const& c) { return "c=biws,r=" + c.combined_nonce() + "x"; },
       "other-error"},
      {"m= extension", [](auto const& c) { return "c=biws,r=" + c.combined_nonce() + ",m=x"; },
       "extensions-not-supported"},
      {"no c=", [](auto const& c) { return "r=" + c.combined_nonce(); }, "invalid-encoding"},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.name);
    sasl_server server("SCRAM-SHA-256", "user", secret);
    auto const c = scram_start(server, "n,,");
    expect_outcome(server.on_response(c.final_message(secret, r.without_proof(c))), kind::malformed, r.scram_error);
  }
}

TEST(SaslServerScram, ProofOfTheWrongSizeIsMalformed) {
  sasl_server server("SCRAM-SHA-256", "user", secret);
  auto const c = scram_start(server, "n,,");
  auto const step = server.on_response("c=biws,r=" + c.combined_nonce() + ",p=" + ms::base64_encode(std::string(20, 'x')));
  expect_outcome(step, kind::malformed, "invalid-proof");
  EXPECT_NE(step.reason.find("32 octets"), std::string::npos) << step.reason;
}

TEST(SaslServerScram, ClientFirstMistakes) {
  struct row {
    std::string message;
    char const* scram_error;
    char const* in_reason;
  };
  row const rows[] = {
      {"p=tls-exporter,,n=user,r=abc", "channel-binding-not-supported", "\"tls-exporter\""},
      {"n,,m=x,n=user,r=abc", "extensions-not-supported", "m="},
      {"n,,n=us=er,r=abc", "invalid-username-encoding", "RFC 5802 §5.1"},
      {"n,,r=abc", "invalid-encoding", "RFC 5802 §7"},
      {"", "invalid-encoding", "RFC 5802 §7"},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.message);
    sasl_server server("SCRAM-SHA-1", "user", secret);
    auto const step = server.start(r.message);
    expect_outcome(step, kind::malformed, r.scram_error);
    EXPECT_NE(step.reason.find(r.in_reason), std::string::npos) << step.reason;
  }
}

TEST(SaslServerScram, AnswerToTheServerFinalMustBeEmpty) {
  sasl_server server("SCRAM-SHA-256", "user", secret);
  auto const c = scram_start(server, "n,,");
  server.on_response(c.final_message(secret, "c=biws,r=" + c.combined_nonce()));
  expect_outcome(server.on_response("v=something"), kind::malformed);
}

// ---------------------------------------------------------------------------------------------
// Framing conventions and misuse

TEST(SaslServerFraming, StarCancelsAtAnyChallenge) {
  for (char const* mech : {"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1"}) {
    SCOPED_TRACE(mech);
    sasl_server server(mech, "user", secret);
    server.start(std::nullopt);
    expect_outcome(server.on_line("*"), kind::cancelled);
  }
}

TEST(SaslServerFraming, BadBase64IsMalformedStrictAndADeviationLenient) {
  sasl_server strict("LOGIN", "user", secret);
  strict.start(std::nullopt);
  expect_outcome(strict.on_line("dXNlcg"), kind::malformed);  // missing padding
  sasl_server_options options;
  options.strict = false;
  sasl_server lenient("LOGIN", "user", secret, options);
  lenient.start(std::nullopt);
  expect_challenge(lenient.on_line("dXNlcg"), "Password:");
  EXPECT_EQ(lenient.deviations().size(), 1u);
  expect_outcome(lenient.on_line("!!!!"), kind::malformed);  // not base64 in either mode
  sasl_server ir("PLAIN", "user", secret);
  expect_outcome(ir.start_encoded("AHVzZXIA="), kind::malformed);
}

TEST(SaslServerFraming, EmptyInitialResponseIsAnEmptyMessage) {
  sasl_server plain("PLAIN", "user", secret);
  expect_outcome(plain.start_encoded("="), kind::malformed);  // an empty PLAIN message has no NULs
  sasl_server login("LOGIN", "", secret);
  expect_challenge(login.start_encoded("="), "Password:");
}

TEST(SaslServerFraming, MisuseIsAHarnessBug) {
  sasl_server server("PLAIN", "user", secret);
  EXPECT_THROW(server.on_response(""), std::logic_error);
  EXPECT_THROW(server.on_cancel(), std::logic_error);
  server.start("\0user\0"s + secret);
  EXPECT_TRUE(server.done());
  EXPECT_THROW(server.on_response(""), std::logic_error);
  EXPECT_THROW(server.on_line("*"), std::logic_error);
  EXPECT_THROW(server.start(std::nullopt), std::logic_error);
}

TEST(SaslServerFraming, KnowsItsMechanisms) {
  for (char const* mech : {"PLAIN", "login", "Cram-Md5", "SCRAM-SHA-1", "scram-sha-256"}) {
    EXPECT_TRUE(sasl_server::supports(mech)) << mech;
  }
  for (char const* mech : {"", "DIGEST-MD5", "SCRAM-SHA-256-PLUS", "XOAUTH2", "GSSAPI"}) {
    EXPECT_FALSE(sasl_server::supports(mech)) << mech;
    EXPECT_THROW(sasl_server(mech, "user", secret), std::invalid_argument);
  }
}

}  // namespace
