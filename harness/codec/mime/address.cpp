#include "codec/mime/address.hpp"

#include "codec/mime/encoded_word.hpp"
#include "codec/mime/header.hpp"

#include <algorithm>

namespace mailspec::codec::mime {
namespace {

enum class kind { atom, quoted, literal, special, end };

struct token {
  kind k = kind::end;
  std::string text;  // atom text, quoted-string content, "[literal]", or the special character
  int gap = 0;       // before the token: 0 nothing, 1 white space, 2 a comment
  bool encoded = false;  // an atom made of RFC 2047 encoded-words
};

constexpr std::string_view specials = "()<>[]:;@\\,.\"";

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void note(std::vector<std::string>& defects, std::string_view code) {
  if (std::find(defects.begin(), defects.end(), code) == defects.end()) defects.emplace_back(code);
}

// An encoded-word may hold "." (or other specials) in its encoded-text; take it whole when it is one.
std::size_t encoded_word_at(std::string_view text, std::size_t pos) {
  if (text.substr(pos, 2) != "=?") return 0;
  std::size_t end = pos;
  while (end < text.size() && !is_wsp(text[end]) && text[end] != '<' && text[end] != '>' && text[end] != ',' &&
         text[end] != ';' && text[end] != '"' && text[end] != '(' && text[end] != ')') {
    ++end;
  }
  // Back off to the last "?=" so that a word followed directly by a special still counts.
  while (end > pos + 2 && text.substr(end - 2, 2) != "?=") --end;
  if (end <= pos + 2) return 0;
  return parse_encoded_words(text.substr(pos, end - pos)).empty() ? 0 : end - pos;
}

std::vector<token> tokenize(std::string_view text, std::vector<std::string>& defects) {
  std::vector<token> out;
  field_lexer lx(text);
  while (true) {
    std::size_t const before = lx.position();
    bool const comment = lx.skip_cfws();
    int const gap = comment ? 2 : (lx.position() > before ? 1 : 0);
    token t;
    t.gap = gap;
    if (lx.at_end()) {
      out.push_back(t);
      return out;
    }
    char const c = lx.peek();
    if (c == '"') {
      bool unterminated = false;
      t.k = kind::quoted;
      t.text = *lx.quoted_string(&unterminated);
      if (unterminated) note(defects, "unterminated-quoted-string");
    } else if (c == '[') {
      std::size_t const start = lx.position();
      while (!lx.at_end() && lx.peek() != ']') lx.advance(lx.peek() == '\\' ? 2 : 1);
      lx.advance();
      t.k = kind::literal;
      t.text = std::string(text.substr(start, lx.position() - start));
      t.text.erase(std::remove_if(t.text.begin(), t.text.end(), is_wsp), t.text.end());
    } else if (std::size_t const n = encoded_word_at(text, lx.position())) {
      t.k = kind::atom;
      t.encoded = true;
      t.text = std::string(text.substr(lx.position(), n));
      lx.advance(n);
    } else if (specials.find(c) != std::string_view::npos) {
      t.k = kind::special;
      t.text = std::string(1, c);
      lx.advance();
    } else {
      std::size_t const start = lx.position();
      while (!lx.at_end() && !is_wsp(lx.peek()) && specials.find(lx.peek()) == std::string_view::npos) lx.advance();
      t.k = kind::atom;
      t.text = std::string(text.substr(start, lx.position() - start));
    }
    out.push_back(std::move(t));
  }
}

class parser {
 public:
  parser(std::vector<token> tokens, std::vector<std::string>& defects) : t_(std::move(tokens)), defects_(defects) {}

  address_list list() {
    address_list out;
    while (!at(kind::end)) {
      if (is(',')) {
        ++i_;  // an empty list element (RFC 5322 §4.4)
        continue;
      }
      std::size_t const start = i_;
      address_entry(out);
      if (i_ == start) {  // nothing an address starts with: skip to the next element
        note(defects_, "bad-address");
        while (!at(kind::end) && !is(',')) ++i_;
      }
      if (is(',')) {
        ++i_;
      } else if (!at(kind::end)) {
        note(defects_, "missing-comma");
      }
    }
    return out;
  }

 private:
  bool at(kind k) const { return t_[i_].k == k; }
  bool is(char c) const { return t_[i_].k == kind::special && t_[i_].text[0] == c; }

  // Words of a phrase or local part: atoms, quoted strings and "." (obs-phrase, obs-local-part).
  std::vector<token const*> words() {
    std::vector<token const*> w;
    while (at(kind::atom) || at(kind::quoted) || is('.')) w.push_back(&t_[i_++]);
    return w;
  }

  void address_entry(address_list& out) {
    std::size_t const start = i_;
    auto const phrase = words();
    if (is(':')) {
      ++i_;
      out.push_back(group(display_name(phrase).value_or("")));
      return;
    }
    i_ = start;
    if (auto a = mailbox()) out.push_back(std::move(*a));
  }

  address_group group(std::string name) {
    address_group g{std::move(name), {}};
    while (true) {
      if (at(kind::end)) {
        note(defects_, "unterminated-group");
        return g;
      }
      if (is(';')) {
        ++i_;
        return g;
      }
      if (is(',')) {
        ++i_;
        continue;
      }
      std::size_t const start = i_;
      std::size_t const phrase_end = (words(), i_);
      bool const nested = is(':');
      i_ = start;
      if (nested) {  // no groups inside groups (RFC 5322 §3.4): read its members into this one
        note(defects_, "nested-group");
        i_ = phrase_end + 1;
        continue;
      }
      if (auto a = mailbox()) g.members.push_back(std::move(*a));
      if (i_ == start) {
        note(defects_, "bad-address");
        ++i_;
      }
    }
  }

  // name-addr or addr-spec; nullopt (consuming nothing) when neither starts here.
  std::optional<address> mailbox() {
    auto const phrase = words();
    if (is('<')) {
      ++i_;
      address a = angle_addr();
      a.name = display_name(phrase);
      return a;
    }
    if (phrase.empty()) return std::nullopt;
    address a;
    a.mailbox = local_part(phrase);
    if (is('@')) {
      ++i_;
      a.host = domain();
    } else {
      note(defects_, "address-without-domain");
    }
    return a;
  }

  // After "<": an optional obsolete route ("@a,@b:"), the addr-spec, ">".
  address angle_addr() {
    address a;
    if (is('@')) {
      while (!at(kind::end) && !is(':') && !is('>')) ++i_;
      if (is(':')) ++i_;
    }
    auto const local = words();
    a.mailbox = local_part(local);
    if (is('@')) {
      ++i_;
      a.host = domain();
    } else if (!local.empty()) {
      note(defects_, "address-without-domain");
    }
    if (is('>')) {
      ++i_;
    } else {
      note(defects_, "bad-address");
      while (!at(kind::end) && !is('>') && !is(',')) ++i_;
      if (is('>')) ++i_;
    }
    return a;
  }

  std::string domain() {
    std::string host;
    if (at(kind::literal)) return t_[i_++].text;
    // atom *("." atom) (RFC 5322 §3.4.1, CFWS around the dots per §4.4): an atom right after an atom
    // is the next address, not more of this domain.
    while (at(kind::atom)) {
      host += t_[i_++].text;
      if (!is('.')) break;
      host += t_[i_++].text;
    }
    if (host.empty()) note(defects_, "bad-address");
    return host;
  }

  static std::string local_part(std::vector<token const*> const& w) {
    std::string s;
    for (auto const* t : w) s += t->text;
    return s;
  }

  // RFC 2047 §5 (3) and §6.2: words joined by one space where CFWS stood, adjacent encoded-words joined.
  std::optional<std::string> display_name(std::vector<token const*> const& w) {
    word_joiner j;
    bool prev_encoded = false;
    for (std::size_t k = 0; k < w.size(); ++k) {
      token const& t = *w[k];
      if (k > 0 && t.gap > 0) {
        if (t.gap == 2 && t.encoded && prev_encoded) j.text("");  // a comment separates: not adjacent
        j.space(" ");
      }
      if (t.encoded) {
        for (auto& ww : parse_encoded_words(t.text)) j.word(std::move(ww.word), ww.written);
      } else if (t.k == kind::quoted && t.text.find("=?") != std::string::npos) {
        // RFC 2047 §5 (3): no encoded-word inside a quoted string; one written there stays text.
        if (decode_unstructured(t.text) != t.text) note(defects_, "encoded-word-in-quoted-string");
        j.text(t.text);
      } else {
        j.text(t.text);
      }
      prev_encoded = t.encoded;
    }
    bool unknown = false;
    std::string name(trim(j.finish(&unknown)));
    if (unknown) note(defects_, "unknown-charset");
    if (name.empty()) return std::nullopt;
    return name;
  }

  std::vector<token> t_;
  std::size_t i_ = 0;
  std::vector<std::string>& defects_;
};

}  // namespace

address_list parse_address_list(std::string_view value, std::vector<std::string>& defects) {
  return parser(tokenize(value, defects), defects).list();
}

}  // namespace mailspec::codec::mime
