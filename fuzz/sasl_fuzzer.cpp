// SASL messages, decoded octets (RFC 4616 PLAIN, RFC 2195 CRAM-MD5, RFC 5802 SCRAM). Input: one octet
// n, then the message; the client nonce is the first n % 32 characters after a leading "r=". Whatever
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
  return 0;
}
