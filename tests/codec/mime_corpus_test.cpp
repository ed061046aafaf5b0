// The parser over the whole MIME corpus (suites/mime/messages): parse -> serialize gives the same octets,
// parsing those again gives the same tree, and feeding each message in small pieces gives the tree of the
// whole. (What the trees say is judged against the expected files by ctest mime_readers.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/mime/tree.hpp"

namespace fs = std::filesystem;
namespace mm = mailspec::codec::mime;

namespace {

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (auto const& e : fs::directory_iterator(fs::path(MAILSPEC_MIME_CORPUS))) {
    if (e.path().extension() == ".eml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string slurp(fs::path const& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(MimeCorpus, HasTheMessages) { EXPECT_GE(corpus().size(), 150u); }

TEST(MimeCorpus, RoundTripIsExactForEveryMessage) {
  mm::build_options keep;
  keep.keep = true;
  for (auto const& f : corpus()) {
    std::string const octets = slurp(f);
    mm::tree const t = mm::parse(octets, keep);
    auto const back = mm::serialize(t);
    ASSERT_TRUE(back) << f.filename() << ": tree incomplete";
    EXPECT_EQ(*back, octets) << f.filename();
    EXPECT_EQ(mm::parse(*back, keep), t) << f.filename() << ": parse(serialize(t)) != t";
  }
}

TEST(MimeCorpus, PiecesGiveTheTreeOfTheWhole) {
  for (auto const& f : corpus()) {
    std::string const octets = slurp(f);
    mm::tree const whole = mm::parse(octets);
    for (std::size_t piece : {1u, 7u, 64u}) {
      mm::parser p;
      std::error_code ec;
      for (std::size_t i = 0; i < octets.size(); i += piece) p.put(std::string_view(octets).substr(i, piece), ec);
      p.put_eof(ec);
      EXPECT_EQ(p.result(), whole) << f.filename() << " in pieces of " << piece;
    }
  }
}
