#include "codec/mime/encoded_word.hpp"

#include "codec/common/base64.hpp"
#include "codec/mime/charset.hpp"

#include <algorithm>
#include <utility>

namespace mailspec::codec::mime {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 2047 §4.2: "_" is SP, "=HH" an octet (lower-case hex read too), the rest literal.
std::optional<std::string> decode_q(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const c = text[i];
    if (c == '_') {
      out += ' ';
    } else if (c == '=') {
      if (i + 2 >= text.size()) return std::nullopt;
      int const hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi << 4 | lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

bool same_charset(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto const l = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return l(x) == l(y);
         });
}

}  // namespace

std::optional<encoded_word> parse_encoded_word(std::string_view token) {
  if (token.size() < 8 || token.size() > max_encoded_word || token.substr(0, 2) != "=?" ||
      token.substr(token.size() - 2) != "?=") {
    return std::nullopt;
  }
  std::string_view const inner = token.substr(2, token.size() - 4);
  std::size_t const q1 = inner.find('?');
  if (q1 == std::string_view::npos || q1 == 0 || inner.size() < q1 + 3 || inner[q1 + 2] != '?') return std::nullopt;
  std::string_view const charset_lang = inner.substr(0, q1);
  char const enc = inner[q1 + 1];
  std::string_view const text = inner.substr(q1 + 3);
  if (std::any_of(charset_lang.begin(), charset_lang.end(), is_space) ||
      text.find('?') != std::string_view::npos || std::any_of(text.begin(), text.end(), is_space)) {
    return std::nullopt;
  }
  encoded_word w;
  w.charset = std::string(charset_lang.substr(0, charset_lang.find('*')));
  if (w.charset.empty()) return std::nullopt;
  if (enc == 'B' || enc == 'b') {
    auto decoded = codec::base64_decode(text, false);
    if (!decoded) return std::nullopt;
    w.encoding = 'B';
    w.octets = std::move(*decoded);
  } else if (enc == 'Q' || enc == 'q') {
    auto decoded = decode_q(text);
    if (!decoded) return std::nullopt;
    w.encoding = 'Q';
    w.octets = std::move(*decoded);
  } else {
    return std::nullopt;
  }
  return w;
}

std::vector<written_word> parse_encoded_words(std::string_view token) {
  std::vector<written_word> words;
  while (!token.empty()) {
    // A word ends at the first "?=" after its third "?" (encoded-text holds no "?").
    std::size_t marks = 0, end = std::string_view::npos;
    for (std::size_t i = 2; i + 1 < token.size(); ++i) {
      if (token[i] != '?') continue;
      if (++marks >= 3 && token[i + 1] == '=') {
        end = i + 2;
        break;
      }
    }
    if (end == std::string_view::npos) return {};
    auto w = parse_encoded_word(token.substr(0, end));
    if (!w) return {};
    words.push_back({std::move(*w), token.substr(0, end)});
    token.remove_prefix(end);
  }
  return words;
}

void word_joiner::text(std::string_view t) {
  flush();
  out_ += space_;
  space_.clear();
  out_ += t;
}

void word_joiner::space(std::string_view ws) { space_ += ws; }

void word_joiner::word(encoded_word w, std::string_view written) {
  if (run_.empty()) {
    out_ += space_;
    space_.clear();
  }
  run_.push_back({std::move(w), std::string(written), std::exchange(space_, {})});
}

// Converts the run of adjacent words: consecutive words in one charset together.
void word_joiner::flush() {
  for (std::size_t i = 0; i < run_.size();) {
    std::size_t j = i + 1;
    std::string octets = run_[i].w.octets;
    while (j < run_.size() && same_charset(run_[j].w.charset, run_[i].w.charset)) octets += run_[j++].w.octets;
    if (auto utf8 = to_utf8(run_[i].w.charset, octets)) {
      out_ += *utf8;
    } else {
      unknown_ = true;
      for (std::size_t k = i; k < j; ++k) out_ += (k == i ? "" : run_[k].space_before) + run_[k].written;
    }
    i = j;
  }
  run_.clear();
}

std::string word_joiner::finish(bool* unknown_charset) {
  flush();
  out_ += space_;
  space_.clear();
  if (unknown_charset) *unknown_charset = unknown_;
  unknown_ = false;
  return std::exchange(out_, {});
}

std::string decode_unstructured(std::string_view text, std::vector<std::string>* defects) {
  if (text.find("=?") == std::string_view::npos) return std::string(text);
  word_joiner j;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t k = i;
    if (is_space(text[i])) {
      while (k < text.size() && is_space(text[k])) ++k;
      j.space(text.substr(i, k - i));
    } else {
      while (k < text.size() && !is_space(text[k])) ++k;
      std::string_view const token = text.substr(i, k - i);
      auto words = token.substr(0, 2) == "=?" ? parse_encoded_words(token) : std::vector<written_word>{};
      if (words.empty()) j.text(token);
      for (auto& w : words) j.word(std::move(w.word), w.written);
    }
    i = k;
  }
  bool unknown = false;
  std::string out = j.finish(&unknown);
  if (unknown && defects) defects->push_back("unknown-charset");
  return out;
}

}  // namespace mailspec::codec::mime
