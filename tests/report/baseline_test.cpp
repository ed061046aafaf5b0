// Baselines (report/baseline.hpp): the verdict order, reading a TSV or a JSON report, and what a
// comparison calls worse.
#include "report/baseline.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "report/document.hpp"

namespace rp = mailspec::report;
using mailspec::script::verdict;

namespace {

std::string write(std::string const& name, std::string const& text) {
  auto const dir = std::filesystem::temp_directory_path() / ("mailspec-baseline-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto const p = (dir / name).string();
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

rp::baseline of(std::vector<std::pair<std::string, verdict>> const& cases) {
  rp::baseline b{"b", {}, {}};
  for (auto const& [id, v] : cases) {
    b.order.push_back(id);
    b.cases[id] = {v, "because", ""};
  }
  return b;
}

std::vector<std::pair<std::string, rp::change_kind>> kinds(std::vector<rp::change> const& changes) {
  std::vector<std::pair<std::string, rp::change_kind>> out;
  for (auto const& c : changes) out.emplace_back(c.id, c.kind);
  return out;
}

TEST(BaselineRank, PassInfoSkipAreEqualThenWarnThenFailThenError) {
  EXPECT_EQ(rp::rank(verdict::pass), rp::rank(verdict::info));
  EXPECT_EQ(rp::rank(verdict::pass), rp::rank(verdict::skip));
  EXPECT_LT(rp::rank(verdict::skip), rp::rank(verdict::warn));
  EXPECT_LT(rp::rank(verdict::warn), rp::rank(verdict::fail));
  EXPECT_LT(rp::rank(verdict::fail), rp::rank(verdict::error));
}

TEST(BaselineLoad, ReadsTheTsvOfCiExpected) {
  auto const b = rp::load_baseline(write("e.tsv", "# comment\n\nsmtp.a\tpass\nsmtp.b\tfail\tRFC 5321 §4.1.4 (MUST) real\r\n"));
  ASSERT_EQ(b.order, (std::vector<std::string>{"smtp.a", "smtp.b"}));
  EXPECT_EQ(b.cases.at("smtp.a").v, verdict::pass);
  EXPECT_EQ(b.cases.at("smtp.b").v, verdict::fail);
  EXPECT_EQ(b.cases.at("smtp.b").reason, "RFC 5321 §4.1.4 (MUST) real");
  EXPECT_NE(b.cases.at("smtp.b").where.find("e.tsv:4"), std::string::npos);
}

TEST(BaselineLoad, RefusesWhatItCannotReadNamingTheLine) {
  auto expect_error = [](std::string const& text, std::string const& says) {
    try {
      rp::load_baseline(write("bad.tsv", text));
      ADD_FAILURE() << "no error for " << text;
    } catch (std::runtime_error const& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  expect_error("a\tpass\nb\tsoso\n", "bad.tsv:2: 'soso' is not a verdict");
  expect_error("a pass\n", "bad.tsv:1: expected 'id<TAB>verdict");
  expect_error("a\tpass\na\tfail\n", "bad.tsv:2: case a appears twice");
  EXPECT_THROW(rp::load_baseline("/no/such/file.tsv"), std::runtime_error);
}

TEST(BaselineLoad, ReadsAJsonReport) {
  auto const b = rp::load_baseline(write("r.json", R"({"cases":[{"id":"x","verdict":"warn","reason":"r"}]})"));
  EXPECT_EQ(b.cases.at("x").v, verdict::warn);
  EXPECT_EQ(b.cases.at("x").reason, "r");
}

TEST(BaselineCompare, KeyedOnIdWhateverTheOrder) {
  auto const old = of({{"a", verdict::pass}, {"b", verdict::fail}});
  auto const now = of({{"b", verdict::fail}, {"a", verdict::pass}});
  EXPECT_TRUE(rp::compare(old, now).empty());
}

TEST(BaselineCompare, NamesEveryKindOfChange) {
  auto const old = of({{"worse", verdict::pass}, {"fixed", verdict::fail}, {"changed", verdict::info},
                       {"gone", verdict::pass}, {"same", verdict::warn}});
  auto const now = of({{"worse", verdict::warn}, {"fixed", verdict::pass}, {"changed", verdict::skip},
                       {"same", verdict::warn}, {"new-pass", verdict::pass}, {"new-fail", verdict::fail}});
  using k = rp::change_kind;
  auto const got = kinds(rp::compare(old, now));
  EXPECT_EQ(got, (std::vector<std::pair<std::string, k>>{{"worse", k::worse}, {"fixed", k::fixed}, {"changed", k::changed},
                                                          {"new-pass", k::added}, {"new-fail", k::worse}, {"gone", k::gone}}));
  EXPECT_TRUE(rp::any_worse(rp::compare(old, now)));
}

TEST(BaselineCompare, AnErrorIsNeverBetterAndNeverHidden) {
  using k = rp::change_kind;
  EXPECT_EQ(kinds(rp::compare(of({{"a", verdict::fail}}), of({{"a", verdict::error}}))).front().second, k::worse);
  EXPECT_EQ(kinds(rp::compare(of({{"a", verdict::error}}), of({{"a", verdict::error}}))).front().second, k::worse);
  EXPECT_EQ(kinds(rp::compare(of({{"a", verdict::error}}), of({{"a", verdict::fail}}))).front().second, k::fixed);
}

TEST(BaselineCompare, SkipAfterPassIsAChangeNotARegression) {
  auto const c = rp::compare(of({{"a", verdict::pass}}), of({{"a", verdict::skip}}));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.front().kind, rp::change_kind::changed);
  EXPECT_FALSE(rp::any_worse(c));
}

TEST(BaselineDescribe, OneLinePerChangeAndTheCounts) {
  auto const c = rp::compare(of({{"a", verdict::pass}, {"g", verdict::fail}}), of({{"a", verdict::fail}}));
  std::string const all = rp::describe(c, "old.tsv");
  EXPECT_NE(all.find("worse    a: pass -> fail: because\n"), std::string::npos) << all;
  EXPECT_NE(all.find("gone     g: was fail, did not run: because\n"), std::string::npos) << all;
  EXPECT_NE(all.find("1 worse, 0 fixed, 0 changed, 0 added, 1 gone\n"), std::string::npos) << all;
  std::string const quiet = rp::describe(c, "old.tsv", false);
  EXPECT_EQ(quiet.find("gone     g"), std::string::npos) << quiet;
  EXPECT_NE(quiet.find("1 gone (not run: not selected, renamed or removed)"), std::string::npos) << quiet;
}

}  // namespace
