#include "codec/mime/header.hpp"

#include "codec/mime/charset.hpp"

#include <algorithm>
#include <map>

namespace mailspec::codec::mime {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// RFC 2045 §5.1 tspecials, plus SP and CTLs: what ends a token.
bool is_token_char(char c) {
  auto const u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;  // RFC 6532: UTF-8 in header values
  if (u <= 0x20 || u == 0x7f) return false;
  return std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void note(std::vector<std::string>& defects, std::string_view code) {
  if (std::find(defects.begin(), defects.end(), code) == defects.end()) defects.emplace_back(code);
}

// Skips to just after the next ";" outside a quoted string (or to the end).
void skip_parameter(field_lexer& lx) {
  while (!lx.at_end() && lx.peek() != ';') {
    if (lx.peek() == '"') {
      lx.quoted_string();
    } else if (lx.peek() == '(') {
      lx.skip_comment();
    } else {
      lx.advance();
    }
  }
}

// True when a parameter ("attribute =") starts at the cursor; the cursor does not move.
bool parameter_ahead(field_lexer& lx) {
  std::size_t const at = lx.position();
  bool const yes = !lx.token().empty() && (lx.skip_cfws(), lx.peek() == '=');
  lx.seek(at);
  return yes;
}

// An unquoted value: a token, or (leniently) the run of octets up to ";" or the next parameter.
std::string unquoted_value(field_lexer& lx, std::string_view text, std::vector<std::string>& defects) {
  std::size_t const start = lx.position();
  std::size_t end = start;
  bool odd = false;
  while (!lx.at_end() && lx.peek() != ';') {
    char const c = lx.peek();
    if (is_wsp(c) || c == '(') {
      lx.skip_cfws();
      if (lx.at_end() || lx.peek() == ';' || parameter_ahead(lx)) break;
      odd = true;  // white space inside an unquoted value
      continue;
    }
    if (!is_token_char(c) && c != '=') odd = true;  // "=" is common in unquoted ids and base64
    if (c == '"') {
      lx.quoted_string();
    } else {
      lx.advance();
    }
    end = lx.position();
  }
  if (odd) note(defects, "bad-parameter-value");
  return std::string(trim(text.substr(start, end - start)));
}

// Parameters as written: names in lower case (RFC 2231 "*" kept), values unquoted.
std::vector<parameter> read_parameters(std::string_view text, std::vector<std::string>& defects) {
  std::vector<parameter> out;
  field_lexer lx(text);
  bool need_semicolon = true;
  while (true) {
    lx.skip_cfws();
    if (lx.at_end()) break;
    if (lx.peek() == ';') {
      lx.advance();
      need_semicolon = false;
      continue;
    }
    std::string name = to_lower(lx.token());
    lx.skip_cfws();
    if (name.empty() || lx.peek() != '=') {
      note(defects, "bad-parameter");
      skip_parameter(lx);
      continue;
    }
    if (need_semicolon) note(defects, "missing-semicolon");
    lx.advance();
    lx.skip_cfws();
    std::string value;
    if (lx.peek() == '"') {
      bool unterminated = false;
      value = *lx.quoted_string(&unterminated);
      if (unterminated) note(defects, "unterminated-quoted-string");
      lx.skip_cfws();
      if (!lx.at_end() && lx.peek() != ';' && !parameter_ahead(lx)) {
        note(defects, "bad-parameter-value");
        skip_parameter(lx);
      }
    } else {
      value = unquoted_value(lx, text, defects);
      if (value.empty()) note(defects, "bad-parameter");
    }
    need_semicolon = true;
    out.push_back({std::move(name), std::move(value)});
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int const hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi << 4 | lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

/// One RFC 2231 piece of a parameter: name*N, name*N*, or name* (section -1).
struct section_piece {
  long section = -1;
  bool encoded = false;
  std::string value;
};

// "title*0*" -> base "title", section 0, encoded; false when the name is not an RFC 2231 one.
bool split_2231_name(std::string_view name, std::string& base, section_piece& piece) {
  std::size_t const star = name.find('*');
  if (star == std::string_view::npos || star == 0) return false;
  base = std::string(name.substr(0, star));
  std::string_view rest = name.substr(star + 1);
  if (rest.empty()) {
    piece.encoded = true;
    return true;
  }
  if (rest.back() == '*') {
    piece.encoded = true;
    rest.remove_suffix(1);
  }
  if (rest.empty() || rest.size() > 4 || !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  piece.section = std::stol(std::string(rest));
  return true;
}

std::string join_2231(std::vector<section_piece> pieces, std::vector<std::string>& defects) {
  std::stable_sort(pieces.begin(), pieces.end(), [](auto const& a, auto const& b) { return a.section < b.section; });
  if (pieces.front().section == -1) {
    if (pieces.size() > 1) note(defects, "duplicate-parameter");
    pieces.resize(1);
  } else {
    std::vector<section_piece> unique;
    for (auto& p : pieces) {
      if (!unique.empty() && unique.back().section == p.section) {
        note(defects, "duplicate-parameter");
        continue;
      }
      if (p.section != static_cast<long>(unique.size())) note(defects, "rfc2231-gap");
      unique.push_back(std::move(p));
    }
    pieces = std::move(unique);
  }
  std::string charset, written, octets;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::string_view v = pieces[i].value;
    written += v;
    if (i == 0 && pieces[i].encoded) {
      std::size_t const q1 = v.find('\''), q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
      if (q2 == std::string_view::npos) {
        note(defects, "bad-rfc2231-value");
      } else {
        charset = std::string(v.substr(0, q1));
        v.remove_prefix(q2 + 1);
      }
    }
    octets += pieces[i].encoded ? percent_decode(v) : std::string(v);
  }
  if (charset.empty()) return octets;
  if (auto utf8 = to_utf8(charset, octets)) return std::move(*utf8);
  note(defects, "unknown-charset");
  return written;
}

}  // namespace

std::string unfold(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char const c = raw[i];
    if (c == '\r' || c == '\n') {
      std::size_t j = i + (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n' ? 2 : 1);
      if (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t')) {
        i = j - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_wsp(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_wsp(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool field_lexer::skip_cfws() {
  bool comment = false;
  while (!at_end()) {
    if (is_wsp(text_[pos_])) {
      ++pos_;
    } else if (text_[pos_] == '(') {
      skip_comment();
      comment = true;
    } else {
      break;
    }
  }
  return comment;
}

void field_lexer::skip_comment() {
  int depth = 0;
  while (!at_end()) {
    char const c = text_[pos_++];
    if (c == '\\') {
      advance();
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return;
    }
  }
}

std::string_view field_lexer::token() {
  std::size_t const start = pos_;
  while (!at_end() && is_token_char(text_[pos_])) ++pos_;
  return text_.substr(start, pos_ - start);
}

std::optional<std::string> field_lexer::quoted_string(bool* unterminated) {
  if (peek() != '"') return std::nullopt;
  ++pos_;
  std::string out;
  while (!at_end()) {
    char const c = text_[pos_++];
    if (c == '"') return out;
    if (c == '\\' && !at_end()) {
      out += text_[pos_++];
    } else {
      out += c;
    }
  }
  if (unterminated) *unterminated = true;
  return out;
}

std::vector<parameter> parse_parameters(std::string_view text, std::vector<std::string>& defects) {
  return decode_parameters(read_parameters(text, defects), defects);
}

std::vector<parameter> decode_parameters(std::vector<parameter> const& raw, std::vector<std::string>& defects) {
  std::vector<std::string> order;                            // base names, in order of first appearance
  std::map<std::string, std::string> plain;                  // name -> value (first kept)
  std::map<std::string, std::vector<section_piece>> pieces;  // base -> RFC 2231 pieces
  for (auto const& p : raw) {
    std::string const name = to_lower(p.name);
    std::string base;
    section_piece piece;
    bool const extended = split_2231_name(name, base, piece);
    if (!extended) base = name;
    if (std::find(order.begin(), order.end(), base) == order.end()) order.push_back(base);
    if (extended) {
      piece.value = p.value;
      pieces[base].push_back(std::move(piece));
    } else if (!plain.emplace(base, p.value).second) {
      note(defects, "duplicate-parameter");
    }
  }
  std::vector<parameter> out;
  for (auto const& name : order) {
    auto const it = pieces.find(name);
    out.push_back({name, it != pieces.end() ? join_2231(it->second, defects) : plain[name]});
  }
  return out;
}

std::optional<parameterised> parse_content_type(std::string_view value, std::vector<std::string>& defects) {
  field_lexer lx(value);
  lx.skip_cfws();
  std::string type = to_lower(lx.token());
  lx.skip_cfws();
  if (type.empty() || lx.peek() != '/') return std::nullopt;
  lx.advance();
  lx.skip_cfws();
  std::string const subtype = to_lower(lx.token());
  if (subtype.empty()) return std::nullopt;
  return parameterised{type + "/" + subtype, parse_parameters(lx.rest(), defects)};
}

std::optional<parameterised> parse_disposition(std::string_view value, std::vector<std::string>& defects) {
  field_lexer lx(value);
  lx.skip_cfws();
  std::string type = to_lower(lx.token());
  if (type.empty()) return std::nullopt;
  return parameterised{std::move(type), parse_parameters(lx.rest(), defects)};
}

std::optional<std::string> find_parameter(std::vector<parameter> const& params, std::string_view name) {
  for (auto const& p : params) {
    if (p.name == name) return p.value;
  }
  return std::nullopt;
}

}  // namespace mailspec::codec::mime
