#pragma once
// The cursor of the strict response grammar (grammar.hpp) and the productions every response shares:
// SP, atoms, numbers in their ranges, strings, flags, sequence sets, date-time, generic values.
// Internal to codec/imap. Every function returns false after recording why (the first failure wins:
// callers propagate it and never overwrite it).
#include "codec/imap/grammar.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mailspec::codec::imap::grammar_detail {

class reader {
 public:
  reader(std::string_view in, std::size_t max_depth) : in_(in), max_depth_(max_depth) {}

  std::size_t pos() const { return pos_; }
  void seek(std::size_t p) { pos_ = p; }
  bool at_end() const { return pos_ >= in_.size(); }
  /// The octet at the cursor, or 0 at the end.
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < in_.size() ? in_[pos_ + ahead] : '\0'; }
  /// The octets from `from` to the cursor.
  std::string_view slice(std::size_t from) const { return in_.substr(from, pos_ - from); }
  bool at(char c) const { return !at_end() && in_[pos_] == c; }
  bool eat(char c);
  /// Records a failure of `rule` at `at` (the cursor by default); always returns false.
  bool fail(std::string_view rule, std::string_view detail);
  bool fail_at(std::size_t at, std::string_view rule, std::string_view detail);
  bool failed() const { return error_.has_value(); }
  grammar_error take_error();

  /// Exactly one SP.
  bool sp(std::string_view rule);
  bool expect(char c, std::string_view rule);
  bool crlf(std::string_view rule);

  /// The run of ATOM-CHARs at the cursor ("" if none); does not move on failure.
  std::string_view peek_atom() const;
  /// 1*ATOM-CHAR (`extra` adds chars: "]" for ASTRING-CHAR).
  bool atom(std::string& out, std::string_view rule, std::string_view extra = {});
  /// A keyword, case-insensitive, as a whole atom (not a prefix of a longer one).
  bool keyword(std::string_view kw);
  /// The next atom upper-cased, consumed ("" if none).
  std::string take_word();

  bool number(std::uint32_t& out, std::string_view rule);     // number: 32 bits
  bool nz_number(std::uint32_t& out, std::string_view rule);  // nz-number
  bool number64(std::uint64_t& out, std::string_view rule, bool nonzero = false);

  bool nil();
  bool quoted(std::string& out, std::string_view rule);
  bool literal(std::string& out, std::string_view rule, bool* was8 = nullptr, bool allow8 = false);
  bool string(std::string& out, std::string_view rule);
  bool nstring(imap::nstring& out, std::string_view rule);
  bool astring(std::string& out, std::string_view rule);
  /// DQUOTE QUOTED-CHAR DQUOTE / nil (a hierarchy delimiter).
  bool delimiter(std::optional<char>& out, std::string_view rule);

  /// flag ("\" atom or keyword atom); `perm` also accepts "\*" (flag-perm).
  bool flag(std::string& out, std::string_view rule, bool perm = false);
  /// "(" [flag *(SP flag)] ")"
  bool flag_list(std::vector<std::string>& out, std::string_view rule, bool perm = false);
  /// sequence-set; without `star`, a uid-set: no "*".
  bool seq_set(sequence_set& out, std::string_view rule, bool star = true);
  bool date_time(imap::date_time& out, std::string_view rule);

  /// tagged-ext-val (RFC 4466 §2.1): sequence-set / number64 / "(" [tagged-ext-comp] ")".
  bool tagged_ext_val(value& out, std::string_view rule);
  /// A generic token or list: atom, number, string, NIL, "(" ... ")" (extension data).
  bool generic(value& out, std::string_view rule, std::size_t depth = 0);

  /// resp-text: ["[" resp-text-code "]" SP] [text], up to (not including) CRLF.
  bool resp_text(resp_cond& out, std::string_view rule);

  bool enter(std::size_t& depth, std::string_view rule);

 private:
  bool resp_code(imap::resp_code& out);
  bool code_args(imap::resp_code& out);
  bool text(std::string& out, std::string_view rule, bool code_text);
  bool seq_number(std::uint32_t& out, std::string_view rule, bool star);
  bool tagged_ext_comp(value& out, std::string_view rule, std::size_t depth);

  std::string_view in_;
  std::size_t pos_ = 0;
  std::size_t max_depth_;
  std::optional<grammar_error> error_;
};

/// Where `rule` is defined: the RFC and section of its formal syntax.
std::pair<int, std::string> rule_section(std::string_view rule);

bool equals_ci(std::string_view a, std::string_view b);

}  // namespace mailspec::codec::imap::grammar_detail
