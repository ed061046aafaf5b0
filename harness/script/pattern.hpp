#pragma once
// A compiled regular expression (ECMAScript syntax) for matchers and captures. Backed by Boost.Regex,
// whose matcher is not recursive and gives up on pathological patterns instead of overflowing the
// stack on long hostile input (std::regex would). Copies share the compiled form.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mailspec::script {

/// The matcher gave up: the pattern is too complex for this input. The case cannot decide (verdict error),
/// which is never the same as "no match".
struct pattern_gave_up : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class pattern {
 public:
  /// Throws std::invalid_argument with the library's message when the pattern does not compile.
  pattern(std::string source, bool icase);

  /// Searches `text` (lines are anchors for ^ and $). Returns group 1 if the pattern has one, else the
  /// whole match; nullopt when there is no match. Throws pattern_gave_up when the matcher gives up.
  std::optional<std::string> search(std::string_view text) const;

  std::string const& source() const { return source_; }
  bool icase() const { return icase_; }
  /// "/source/" or "/source/i"
  std::string str() const;

 private:
  struct impl;
  std::shared_ptr<impl const> impl_;
  std::string source_;
  bool icase_ = false;
};

}  // namespace mailspec::script
