#pragma once
// The hashing the SASL mechanisms and APOP need, on OpenSSL. Kept out of the codec so that fuzz
// targets (and MSan builds) never link OpenSSL.
#include <cstdint>
#include <string>
#include <string_view>

namespace mailspec::session::crypto {

enum class digest { md5, sha1, sha256 };

std::string hash(digest d, std::string_view data);                          // raw octets
std::string hmac(digest d, std::string_view key, std::string_view data);    // raw octets
std::string pbkdf2(digest d, std::string_view password, std::string_view salt, std::uint32_t iterations);
std::string to_hex(std::string_view raw);                                   // lower case
std::string random_token(std::size_t octets);                               // hex of random octets
std::string random_bytes(std::size_t octets);                               // raw random octets (SCRAM salts)

}  // namespace mailspec::session::crypto
