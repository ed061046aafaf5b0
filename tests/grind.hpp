#pragma once
// grind(): feed one input to an incremental parser split at every byte, and in every parse mode
// asked for, and check every split yields the same observable result as the one-shot parse.
// A codec test describes its parser's result as a string (events, values, errors) so that any
// difference between split points shows up in the GoogleTest failure message.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mailspec::testing {

/// Runs the parser over `chunks` (in order, as separate put() calls) and describes what it saw.
using chunked_run = std::function<std::string(std::vector<std::string_view> const& chunks)>;

/// Returns the one-shot description after checking that splitting the input at any one byte
/// position, and into single bytes, describes the same thing.
inline std::string grind(std::string_view input, chunked_run const& run) {
  std::string const whole = run({input});
  for (std::size_t cut = 1; cut < input.size(); ++cut) {
    std::string const split = run({input.substr(0, cut), input.substr(cut)});
    EXPECT_EQ(whole, split) << "input split at byte " << cut;
    if (whole != split) break;  // one report per input is enough
  }
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < input.size(); ++i) bytes.push_back(input.substr(i, 1));
  EXPECT_EQ(whole, run(bytes)) << "input fed one byte at a time";
  return whole;
}

}  // namespace mailspec::testing
