#pragma once
// IMAP server responses (RFC 9051 §7, formal syntax §9): a sans-IO parser that frames tagged,
// untagged and continuation responses, literals included, and tokenises them into a value tree.
// It knows the generic shape of every response, not the grammar of each data item: FETCH gives
// one list of tokens, which a later layer interprets.
#include "codec/common/observation.hpp"
#include "codec/imap/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::imap {

/// One token of a response, or a parenthesised list of them.
struct value {
  enum class kind { atom, number, quoted, literal, nil, list };
  kind k = kind::atom;
  /// atom / number: as sent; quoted: unescaped; literal: the content; nil: empty.
  /// An atom followed by a section keeps it: `BODY[HEADER.FIELDS (A B)]<0>` is one atom.
  std::string text;
  std::vector<value> items;  // list only
  bool binary = false;       // literal8: ~{n}
  std::size_t offset = 0;    // absolute offset of the value's first octet

  /// kind::number: its value (number64, at most 2^63-1); 0 for any other kind.
  std::uint64_t number() const;

  friend bool operator==(value const&, value const&) = default;
};

/// One complete server response.
struct response {
  enum class type { tagged, untagged, continuation };
  type t = type::untagged;
  std::string tag;                     // tagged only
  std::optional<std::uint64_t> number;  // "* 23 EXISTS" -> 23
  std::string name;                    // upper-cased: OK NO BAD BYE PREAUTH CAPABILITY FETCH ...
  std::string code;                    // resp-text-code keyword, upper-cased; "" if none
  std::vector<value> code_args;        // tokens after the code keyword inside [ ]
  std::string text;                    // resp-text after the code; continuation: all after "+ "
  std::vector<value> data;             // data responses: the tokens after the name
  std::size_t offset = 0;              // absolute offset of the first octet
  std::size_t size = 0;                // octets, final CRLF included
  std::string raw;                     // the exact octets

  /// name is OK, NO, BAD, BYE or PREAUTH (always so for a parsed tagged response).
  bool is_status() const;

  friend bool operator==(response const&, response const&) = default;
};

/// Same tokens and fields, ignoring raw, offset, size and every value's offset.
bool equivalent(value const& a, value const& b);
bool equivalent(response const& a, response const& b);

struct response_limits {
  std::size_t max_line = 64 * 1024;       // octets of one line, CRLF included, literals excluded
  std::size_t max_literal = 64u << 20;    // octets announced by one literal
  std::size_t max_response = 128u << 20;  // octets of one response, literals included
  std::size_t max_depth = 64;             // nested parenthesised lists
  std::size_t max_items = 1u << 20;       // values (tokens and lists) in one response
};

/** Incremental parser of the responses a server sends (RFC 9051 §7).

    put() consumes octets and returns how many it consumed. It stops right after the CRLF that
    ends one complete response: then ec is cleared and done() is true; the caller take()s the
    response and put()s the unconsumed rest. If the input ends inside a response, put() consumes
    everything and sets ec = error::need_more. On a grammar or limit error it sets ec,
    error_offset() names the offending octet (absolute offset since construction or reset()), and
    the parser stays failed until reset(). A limit is checked before the octet that would exceed
    it is kept: a literal announcing more than max_literal fails on the digit that exceeds it.

    strict mode makes every deviation from RFC 9051 an error; lenient mode records a warning
    (bare LF, extra or missing spaces, bad atom octets, "OK" without text, ...) and goes on.
    Warnings accumulate across responses until reset(), at most 1024 of them. */
class response_parser {
 public:
  explicit response_parser(parse_mode mode = parse_mode::strict, response_limits limits = {});

  /** Consume octets; see the class comment for the partial-input contract. */
  std::size_t put(std::string_view in, std::error_code& ec);

  /** End of input: ec = error::unexpected_eof inside a response, else cleared. */
  void put_eof(std::error_code& ec);

  /** A complete response is ready for take(). */
  bool done() const { return done_; }

  /** Moves the complete response out; the parser is ready for the next one (offsets keep
      counting). Returns an empty response unless done(). */
  response take();

  /** Forget everything, offsets and warnings included. */
  void reset();

  codec::warning_list const& warnings() const { return warnings_.list(); }
  std::size_t error_offset() const { return error_offset_; }

 private:
  enum class state {
    start, tag, star_space, plus, word, resp_text, code_name, after_code, text, token, tilde,
    atom, section, section_end, partial, quoted, quoted_escape, literal_count, literal_plus,
    literal_cr, literal_lf, literal_body, after_token, lf
  };

  bool step(unsigned char c);
  bool on_start(unsigned char c);
  bool on_tag(unsigned char c);
  bool on_star_space(unsigned char c);
  bool on_plus(unsigned char c);
  bool on_word(unsigned char c);
  bool on_resp_text(unsigned char c);
  bool on_code_name(unsigned char c);
  bool on_after_code(unsigned char c);
  bool on_text(unsigned char c);
  bool on_token(unsigned char c);
  bool on_tilde(unsigned char c);
  bool on_atom(unsigned char c);
  bool on_section(unsigned char c);
  bool on_section_end(unsigned char c);
  bool on_partial(unsigned char c);
  bool on_quoted(unsigned char c);
  bool on_quoted_escape(unsigned char c);
  bool on_literal_count(unsigned char c);
  bool on_literal_close(unsigned char c);
  bool on_literal_cr(unsigned char c);
  bool on_literal_lf(unsigned char c);
  bool on_after_token(unsigned char c);
  bool on_lf(unsigned char c);
  std::size_t on_literal_body(std::string_view in);

  void begin_response();
  bool word_end(unsigned char c);
  bool name_end(unsigned char c);
  bool begin_value(value::kind k);
  bool open_list();
  bool close_list();
  bool close_code();
  bool tokens_end(unsigned char c);
  bool line_end(unsigned char c);
  bool begin_literal_body();
  bool finish_atom();
  bool check_atom();
  void place(value&& v);
  bool within_limits();
  bool deviation(error e, char const* code, char const* detail, std::size_t at);
  bool deviation(error e, char const* code, char const* detail) {
    return deviation(e, code, detail, offset_);
  }
  bool fail(error e, std::size_t at);
  bool fail(error e) { return fail(e, offset_); }

  parse_mode mode_;
  response_limits limits_;
  state state_ = state::start;
  response cur_;
  value tok_;                   // the token being read
  std::vector<value> stack_;    // open lists, innermost last
  std::string word_;            // the word being read: number or name or code keyword
  std::size_t word_offset_ = 0;
  std::size_t atom_base_ = 0;   // length of the atom before its [section]
  std::uint64_t literal_left_ = 0;
  std::size_t literal_digits_ = 0;
  bool in_code_ = false;        // tokens go to code_args and end at ']'
  bool after_space_ = false;    // the token state was entered through SP
  bool after_list_ = false;     // the last token was a list: "(...)(...)" needs no SP
  bool section_quoted_ = false;
  bool section_escape_ = false;
  bool literal_nul_seen_ = false;
  bool done_ = false;
  bool failed_ = false;
  std::error_code error_;
  std::size_t error_offset_ = 0;
  std::size_t offset_ = 0;      // absolute offset of the next octet
  std::size_t start_ = 0;       // absolute offset of the current response
  std::size_t line_length_ = 0;
  std::size_t items_ = 0;
  codec::detail::warning_sink warnings_{codec::detail::every_warning};
};

/** `"text"` with `"` and `\` escaped (RFC 9051 quoted): how a client sends an astring such as a password. */
std::string quote_string(std::string_view text);

/** The wire form of a response, CRLF included: parse(serialize(r)) is equivalent to r. */
std::string serialize(response const& r);

/** The wire form of one value: atoms and numbers as they are, quoted strings escaped,
    literals as {n} CRLF content (~{n} if binary), NIL, lists in parentheses. */
std::string serialize(value const& v);

}  // namespace mailspec::codec::imap
