#pragma once
// A suites directory for tests that load scripts the way `mailspec run` does (a directory per suite).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mailspec::testing {

/// A fresh suites directory for the current test holding `text` as <suite>/t.mspec; returns its path.
/// The process id keeps test runs of other build trees on the same machine apart.
inline std::string temp_suites(std::string const& text, std::string const& suite = "smtp") {
  auto const* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path const dir = std::filesystem::path(::testing::TempDir()) / ("mailspec-suites-" + std::to_string(::getpid())) /
                                    (std::string(info->test_suite_name()) + "." + info->name()) / "suites";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / suite);
  std::ofstream(dir / suite / "t.mspec") << text;
  return dir.string();
}

}  // namespace mailspec::testing
