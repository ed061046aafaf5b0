#include "session/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace mailspec::session::crypto {

namespace {
EVP_MD const* md_of(digest d) {
  switch (d) {
    case digest::md5: return EVP_md5();
    case digest::sha1: return EVP_sha1();
    case digest::sha256: return EVP_sha256();
  }
  return EVP_sha256();
}
}  // namespace

std::string hash(digest d, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md_of(d), nullptr) != 1) throw std::runtime_error("EVP_Digest failed");
  return {reinterpret_cast<char*>(out), len};
}

std::string hmac(digest d, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md_of(d), key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(data.data()),
            data.size(), out, &len)) {
    throw std::runtime_error("HMAC failed");
  }
  return {reinterpret_cast<char*>(out), len};
}

std::string pbkdf2(digest d, std::string_view password, std::string_view salt, std::uint32_t iterations) {
  std::string out(static_cast<std::size_t>(EVP_MD_get_size(md_of(d))), '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<unsigned char const*>(salt.data()), static_cast<int>(salt.size()),
                        static_cast<int>(iterations), md_of(d), static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

std::string to_hex(std::string_view raw) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out += hex[c >> 4];
    out += hex[c & 0xf];
  }
  return out;
}

std::string random_bytes(std::size_t octets) {
  std::string raw(octets, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(octets)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return raw;
}

std::string random_token(std::size_t octets) { return to_hex(random_bytes(octets)); }

}  // namespace mailspec::session::crypto
