// SHA-256 (FIPS 180-4) against the NIST example vectors, split at every point, and the hardware
// compression function (SHA extensions) against the portable one on random blocks.
#include "codec/common/sha256.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {

using mailspec::codec::sha256;
using mailspec::codec::sha256_hex;

struct vector_case {
  char const* name;
  std::string message;
  char const* digest;
};

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf"): one block, two blocks, the
// empty message, the 896-bit message, and one million "a".
std::vector<vector_case> const vectors = {
    {"OneBlockAbc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"Empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"TwoBlocks448Bits", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"Message896Bits",
     "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    {"MillionA", std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};

class Sha256Vectors : public ::testing::TestWithParam<vector_case> {};

TEST_P(Sha256Vectors, Digest) { EXPECT_EQ(sha256_hex(GetParam().message), GetParam().digest); }

// Every split of the vectors short enough to split everywhere (all but the million "a").
TEST(Sha256, SplitAnywhereGivesTheSameDigest) {
  for (auto const& v : vectors) {
    if (v.message.size() > 200) continue;
    for (std::size_t cut = 0; cut <= v.message.size(); ++cut) {
      sha256 h;
      h.update(std::string_view(v.message).substr(0, cut));
      h.update(std::string_view(v.message).substr(cut));
      EXPECT_EQ(sha256::hex(h.finish()), v.digest) << v.name << " split at " << cut;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fips180, Sha256Vectors, ::testing::ValuesIn(vectors),
                         [](auto const& row) { return std::string(row.param.name); });

TEST(Sha256, FinishStartsOver) {
  sha256 h;
  h.update("abc");
  (void)h.finish();
  h.update("abc");
  EXPECT_EQ(sha256::hex(h.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Lengths around the padding boundary (55, 56, 63, 64 octets) fed one octet at a time.
TEST(Sha256, PaddingBoundariesOctetByOctet) {
  for (std::size_t n : {55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u}) {
    std::string const m(n, 'x');
    sha256 h;
    for (char c : m) h.update(std::string_view(&c, 1));
    EXPECT_EQ(sha256::hex(h.finish()), sha256_hex(m)) << n;
  }
}

TEST(Sha256, HardwareAndPortableAgree) {
  std::mt19937 rng(7);
  std::vector<std::uint8_t> blocks(64 * 33);
  for (auto& b : blocks) b = static_cast<std::uint8_t>(rng());
  std::uint32_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8];
  std::copy(std::begin(a), std::end(a), b);
  mailspec::codec::detail::sha256_compress_portable(a, blocks.data(), 33);
  if (!mailspec::codec::detail::sha256_compress_hardware(b, blocks.data(), 33)) {
    GTEST_SKIP() << "this CPU has no SHA extensions";
  }
  for (int i = 0; i < 8; ++i) EXPECT_EQ(a[i], b[i]) << i;
}

}  // namespace
