#include "script/lexer.hpp"

#include <charconv>
#include <sstream>

#include "script/parser.hpp"

namespace mailspec::script {
namespace lang {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The escape at line[i] (after the backslash) appended to `out`; returns the index of its last character.
std::size_t lex_escape(std::string_view line, std::size_t i, std::string& out) {
  switch (line[i]) {
    case 'r': out += '\r'; return i;
    case 'n': out += '\n'; return i;
    case 't': out += '\t'; return i;
    case '0': out += '\0'; return i;
    case '\\': out += '\\'; return i;
    case '"': out += '"'; return i;
    case 'x': {
      int hi = i + 1 < line.size() ? hex_digit(line[i + 1]) : -1;
      int lo = i + 2 < line.size() ? hex_digit(line[i + 2]) : -1;
      if (hi < 0 || lo < 0) throw syntax_error("\\x needs two hex digits");
      out += static_cast<char>(hi * 16 + lo);
      return i + 2;
    }
    default: throw syntax_error(std::string("unknown escape \\") + line[i] + " in string");
  }
}

std::size_t lex_string(std::string_view line, std::size_t i, token& out) {
  out.k = token::kind::string;
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') return i + 1;
    if (c != '\\') {
      out.text += c;
      continue;
    }
    if (++i >= line.size()) break;
    i = lex_escape(line, i, out.text);
  }
  throw syntax_error("string is not closed (missing \")");
}

std::size_t lex_regex(std::string_view line, std::size_t i, token& out) {
  out.k = token::kind::regex;
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() && line[i + 1] == '/') {
      out.text += '/';
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < line.size()) {
      out.text += c;
      out.text += line[++i];
      continue;
    }
    if (c == '/') {
      ++i;
      if (i < line.size() && line[i] == 'i') {
        out.icase = true;
        ++i;
      }
      if (i < line.size() && line[i] != ' ' && line[i] != '\t') throw syntax_error("unexpected text after regex");
      return i;
    }
    out.text += c;
  }
  throw syntax_error("regex is not closed (missing /)");
}

}  // namespace

std::vector<token> lex(std::string_view line) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#') break;
    token t;
    if (c == '"') {
      i = lex_string(line, i, t);
    } else if (c == '/') {
      i = lex_regex(line, i, t);
    } else {
      std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      t.text = std::string(line.substr(start, i - start));
    }
    out.push_back(std::move(t));
  }
  return out;
}

token cursor::next(std::string_view what) {
  if (done()) throw syntax_error("missing " + std::string(what));
  return toks_[pos_++];
}

std::string cursor::word(std::string_view what) {
  token t = next(what);
  if (t.k != token::kind::word) throw syntax_error("expected " + std::string(what) + ", found a string or regex");
  return t.text;
}

pattern cursor::regex(std::string_view what) {
  token t = next(what);
  if (t.k != token::kind::regex) throw syntax_error("expected " + std::string(what) + " as /regex/");
  try {
    return pattern(t.text, t.icase);
  } catch (std::invalid_argument const& e) {
    throw syntax_error("bad regex /" + t.text + "/: " + e.what());
  }
}

std::string cursor::one_string(std::string_view what) {
  token t = next(what);
  if (t.k != token::kind::string) throw syntax_error("expected " + std::string(what) + " as a \"string\"");
  return t.text;
}

void cursor::end() {
  if (!done()) throw syntax_error("unexpected '" + peek().text + "' at end of line");
}

std::size_t parse_count(std::string const& w) {
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
  if (ec != std::errc() || p != w.data() + w.size()) throw syntax_error("expected a count, found '" + w + "'");
  if (n > max_repeat) throw syntax_error("repeat count " + w + " is over the limit of 16 MiB");
  return n;
}

std::optional<std::string> variable_reference(std::string const& w) {
  if (w.size() > 3 && w.rfind("${", 0) == 0 && w.back() == '}') return w.substr(2, w.size() - 3);
  return std::nullopt;
}

str_expr parse_expr(cursor& c) {
  str_expr e;
  for (;;) {
    if (!c.next_is_string()) throw syntax_error("expected a \"string\"");
    str_piece piece{c.next("string").text, 1, {}};
    if (c.peek_word("*")) {
      c.next("*");
      std::string const count = c.word("count after *");
      if (auto var = variable_reference(count)) {
        piece.repeat_var = *var;
      } else {
        piece.repeat = parse_count(count);
      }
    }
    e.pieces.push_back(std::move(piece));
    if (!c.peek_word("+")) return e;
    c.next("+");
  }
}

std::vector<str_expr> parse_exprs(cursor& c) {
  std::vector<str_expr> out;
  while (!c.done()) out.push_back(parse_expr(c));
  if (out.empty()) throw syntax_error("expected at least one \"string\"");
  return out;
}

std::vector<std::string> split_alternatives(std::string const& w) {
  std::vector<std::string> out;
  std::stringstream ss(w);
  for (std::string part; std::getline(ss, part, '|');) {
    if (part.empty()) throw syntax_error("empty alternative in '" + w + "'");
    out.push_back(part);
  }
  return out;
}

std::optional<level> level_from(std::string_view w) {
  if (w == "MUST") return level::must;
  if (w == "SHOULD") return level::should;
  if (w == "MAY") return level::may;
  return std::nullopt;
}

}  // namespace lang

std::optional<millis> parse_duration(std::string_view w) {
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
  if (ec != std::errc() || p == w.data()) return std::nullopt;
  std::string_view unit(p, static_cast<std::size_t>(w.data() + w.size() - p));
  if (n > 86'400'000) return std::nullopt;
  if (unit == "ms") return millis(n);
  if (unit == "s") return millis(n * 1000);
  if (unit == "m") return millis(n * 60'000);
  return std::nullopt;
}

}  // namespace mailspec::script
