#pragma once
// The words of one .mspec line and the pieces every grammar entry reads from them: strings with their
// `+` and `*` operators, regexes, counts, levels. Internal to the parser (parser.cpp, grammar*.cpp).
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "script/ast.hpp"

namespace mailspec::script::lang {

/// The largest count of `repeat` and of `"x" * N` (16 MiB).
inline constexpr std::size_t max_repeat = 16u << 20;

struct token {
  enum class kind { word, string, regex } k = kind::word;
  std::string text;  // escapes processed (strings); the regex source without its slashes
  bool icase = false;
};

/// Thrown inside the parser only; caught per line and turned into "file:line: message".
struct syntax_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The tokens of one line, up to a `#` comment. Throws syntax_error on an unclosed string or regex.
std::vector<token> lex(std::string_view line);

/// Walks the tokens of one statement. Each read names what it expects, for "missing X" and "expected X".
class cursor {
 public:
  explicit cursor(std::vector<token> t) : toks_(std::move(t)) {}
  bool done() const { return pos_ >= toks_.size(); }
  token const& peek() const { return toks_.at(pos_); }
  bool peek_word(std::string_view w) const { return !done() && peek().k == token::kind::word && peek().text == w; }
  bool next_is_string() const { return !done() && peek().k == token::kind::string; }
  token next(std::string_view what);
  std::string word(std::string_view what);
  pattern regex(std::string_view what);
  /// One string token (no `+`/`*` operators): titles.
  std::string one_string(std::string_view what);
  /// Throws when words are left on the line.
  void end();

 private:
  std::vector<token> toks_;
  std::size_t pos_ = 0;
};

/// A decimal count up to max_repeat.
std::size_t parse_count(std::string const& word);
/// STRING ['*' COUNT] ('+' STRING ['*' COUNT])*
str_expr parse_expr(cursor& c);
/// One or more string expressions, up to the end of the line.
std::vector<str_expr> parse_exprs(cursor& c);
/// "a|b|c" -> {"a", "b", "c"}; an empty alternative is an error.
std::vector<std::string> split_alternatives(std::string const& word);
/// MUST, SHOULD, MAY.
std::optional<level> level_from(std::string_view word);
/// "${name}" -> "name"; nullopt for anything else.
std::optional<std::string> variable_reference(std::string const& word);

}  // namespace mailspec::script::lang
