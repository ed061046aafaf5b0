// SASL messages, decoded octets (RFC 4616 PLAIN, RFC 2195 CRAM-MD5, RFC 5802 SCRAM), as the client and
// the server side parse them. Input: one octet n, then the message; the client nonce is the first
// n % 32 characters after a leading "r=", and n's low bit picks strict or lenient CRAM-MD5. Whatever
// parses must be rebuilt from its fields into the octets it came from.
#include "codec/sasl/base64.hpp"
#include "codec/sasl/mechanisms.hpp"
#include "fuzz_driver.hpp"

#include <string>

using namespace mailspec;
using namespace mailspec::codec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view const msg(reinterpret_cast<char const*>(data) + 1, size - 1);
  std::error_code ec;
  if (auto const plain = sasl::parse_plain(msg, ec)) {
    FUZZ_CHECK(sasl::plain_message(plain->authzid, plain->authcid, plain->password) == msg);
  }
  if (sasl::is_cram_challenge(msg)) FUZZ_CHECK(msg.front() == '<' && msg.back() == '>');

  auto const client_nonce = msg.starts_with("r=") ? msg.substr(2, data[0] % 32) : std::string_view();
  if (auto const first = sasl::parse_scram_server_first(msg, client_nonce, ec)) {
    FUZZ_CHECK(first->nonce.starts_with(client_nonce) && first->nonce.size() > client_nonce.size());
    auto const fields = "r=" + first->nonce + ",s=" + sasl::base64_encode(first->salt) +
                        ",i=" + std::to_string(first->iterations);
    FUZZ_CHECK(msg.starts_with(fields) && (msg.size() == fields.size() || msg[fields.size()] == ','));
  }
  if (auto const final = sasl::parse_scram_server_final(msg, ec)) {
    FUZZ_CHECK(final->verifier.has_value() != final->error.has_value());
    if (final->verifier) FUZZ_CHECK(msg.starts_with("v=" + sasl::base64_encode(*final->verifier)));
    if (final->error) FUZZ_CHECK(msg.starts_with("e=" + *final->error));
  }

  if (auto const cram = sasl::parse_cram_md5_response(msg, ec, (data[0] & 1) == 0)) {
    FUZZ_CHECK(msg.size() == cram->user.size() + 33 && msg.starts_with(cram->user + ' '));
    FUZZ_CHECK(cram->upper_case_hex || sasl::cram_md5_response(cram->user, cram->hex_digest) == msg);
  }
  if (auto const name = sasl::scram_unescape_name(msg)) {
    FUZZ_CHECK(sasl::scram_unescape_name(sasl::scram_escape_name(*name)) == *name);
  }
  if (auto const first = sasl::parse_scram_client_first(msg, ec)) {
    FUZZ_CHECK(first->gs2_header + first->bare == msg && first->bare.starts_with("n="));
    FUZZ_CHECK(first->bare.find(",r=" + first->client_nonce) != std::string::npos);
  }
  if (auto const fin = sasl::parse_scram_client_final(msg, ec)) {
    FUZZ_CHECK(fin->without_proof + ",p=" + sasl::base64_encode(fin->proof) == msg);
    FUZZ_CHECK(fin->without_proof.starts_with("c=" + sasl::base64_encode(fin->channel_binding) + ",r=" + fin->nonce));
  }
  return 0;
}
