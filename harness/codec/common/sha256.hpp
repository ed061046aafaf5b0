#pragma once
// SHA-256 (FIPS 180-4 §6.2), incremental, standard library only: the MIME tree's decoded_sha256 needs a
// digest inside the codec layer, which links no OpenSSL. On x86-64 CPUs with the SHA extensions the
// compression function uses them (chosen once at run time); elsewhere a portable one. Both give the same
// digest; tests/codec/sha256_test.cpp checks the FIPS 180-4 vectors and the two paths against each other.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mailspec::codec {

class sha256 {
 public:
  using digest = std::array<std::uint8_t, 32>;

  sha256() { reset(); }

  /** Adds octets; any split of the input gives the same digest. */
  void update(std::string_view data);

  /** The digest of everything added since construction or reset(); then starts over. */
  digest finish();

  void reset();

  /** Lower-case hexadecimal of a digest (64 characters). */
  static std::string hex(digest const& d);

  /** Whether the hardware path is in use (for tests and the benchmark). */
  static bool hardware();

 private:
  void compress(std::uint8_t const* blocks, std::size_t count);

  std::array<std::uint32_t, 8> state_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // octets added
};

/// SHA-256 of `data` in lower-case hexadecimal.
std::string sha256_hex(std::string_view data);

namespace detail {
/// The portable compression function alone (tests compare it with the hardware one).
void sha256_compress_portable(std::uint32_t* state, std::uint8_t const* blocks, std::size_t count);
/// The hardware one, or false when the CPU lacks the SHA extensions.
bool sha256_compress_hardware(std::uint32_t* state, std::uint8_t const* blocks, std::size_t count);
}  // namespace detail

}  // namespace mailspec::codec
