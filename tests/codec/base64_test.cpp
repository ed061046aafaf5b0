// The shared base64 codec (codec/common/base64.hpp): the stream decoding step that SASL's one-shot
// decoder and MIME's incremental decoder are both built on, and the names SASL keeps for it.
#include "codec/common/base64.hpp"
#include "codec/sasl/base64.hpp"

#include <gtest/gtest.h>

#include <random>

#include <string>
#include <vector>

namespace {

namespace mc = mailspec::codec;
using irregularity = mc::base64_irregularity;

struct stream_run {
  std::string out;
  std::vector<irregularity> asked;
  bool stopped = false;
};

// Feeds `text` octet by octet, answering every question with `go_on`, then finishes.
stream_run decode(std::string_view text, bool go_on, bool skip_space = true) {
  mc::base64_stream_decoder decoder(skip_space);
  stream_run run;
  auto const judge = [&](irregularity i) {
    run.asked.push_back(i);
    return go_on;
  };
  for (char c : text) {
    if (!decoder.put(c, run.out, judge)) {
      run.stopped = true;
      return run;
    }
  }
  run.stopped = !decoder.finish(run.out, judge);
  return run;
}

TEST(Base64StreamDecoder, CleanTextAsksNothing) {
  auto const run = decode("Zm9v\r\nYmE=", false);
  EXPECT_EQ(run.out, "fooba");
  EXPECT_TRUE(run.asked.empty());
  EXPECT_FALSE(run.stopped);
}

TEST(Base64StreamDecoder, RefusalStopsBeforeReading) {
  auto const run = decode("Zm9v!YmFy", false);
  EXPECT_EQ(run.out, "foo");
  EXPECT_EQ(run.asked, std::vector<irregularity>{irregularity::bad_char});
  EXPECT_TRUE(run.stopped);
}

TEST(Base64StreamDecoder, OneSextetAfterShortPaddingAsksTwice) {
  // "Zg=" then "Zg==": the missing "=" closes the first quantum, and the sextet then starts another.
  auto const run = decode("Zg=Zg==", true);
  EXPECT_EQ(run.out, "ff");
  EXPECT_EQ(run.asked, (std::vector<irregularity>{irregularity::short_padding, irregularity::data_after_padding}));
}

TEST(Base64StreamDecoder, LenientReadingsOfEachIrregularity) {
  EXPECT_EQ(decode("Z=g==", true).asked, std::vector<irregularity>{irregularity::misplaced_padding});
  EXPECT_EQ(decode("Z=g==", true).out, "f");
  EXPECT_EQ(decode("Zm9", true).asked, std::vector<irregularity>{irregularity::truncated});
  EXPECT_EQ(decode("Zm9", true).out, "fo");
  EXPECT_EQ(decode("Zm9v YmE=", true, false).asked, std::vector<irregularity>{irregularity::bad_char});
  EXPECT_EQ(decode("Zm9v YmE=", true, false).out, "fooba");
}

TEST(Base64StreamDecoder, NotesNonZeroPadBits) {
  mc::base64_stream_decoder decoder;
  std::string out;
  auto const refuse = [](irregularity) { return false; };
  for (char c : std::string_view("Zh==")) ASSERT_TRUE(decoder.put(c, out, refuse));
  EXPECT_EQ(out, "f");
  EXPECT_TRUE(decoder.nonzero_pad_bits());
}

TEST(Base64, SaslNamesAreTheSharedCodec) {
  EXPECT_EQ(&mailspec::codec::sasl::base64_encode, &mc::base64_encode);
  EXPECT_EQ(mailspec::codec::sasl::base64_decode("Zm9vYg"), std::nullopt) << "strict by default";
}

}  // namespace

// put_quanta() (a table, and 32 characters at a time where the CPU has AVX2) gives what put() of each
// character gives, and stops at the first quantum that holds a character outside the alphabet.
TEST(Base64StreamDecoder, BulkQuantaMatchOctetByOctet) {
  std::mt19937 rng(11);
  for (std::size_t size : {0u, 3u, 23u, 24u, 25u, 48u, 96u, 300u, 4099u}) {
    std::string data(size, '\0');
    for (auto& c : data) c = static_cast<char>(rng());
    std::string const text = mailspec::codec::base64_encode(data) + "AAAA";  // every alphabet character appears
    for (std::size_t bad : {std::string::npos, std::size_t{0}, std::size_t{5}, std::size_t{33}, text.size() / 2}) {
      std::string t = text;
      if (bad < t.size()) t[bad] = '*';
      mailspec::codec::base64_stream_decoder bulk, each;
      std::string bulk_out, each_out;
      std::size_t const n = bulk.put_quanta(t.data(), t.size(), bulk_out);
      std::size_t const stop = std::min(t.find_first_of("=*"), t.size());  // the first quantum it cannot take
      EXPECT_EQ(n, stop / 4 * 4) << size << " " << bad;
      for (std::size_t i = 0; i < n; ++i) each.put(t[i], each_out, [](auto) { return false; });
      EXPECT_EQ(bulk_out, each_out) << size << " " << bad;
      if (bad == std::string::npos && size % 3 == 0) {
        EXPECT_EQ(bulk_out.substr(0, data.size()), data);
      }
    }
  }
}
