#pragma once
// Header field values (RFC 5322 §2.2, RFC 2045 §5): unfolding, trimming, the lexical tokens of structured
// fields (comments, quoted strings, RFC 2045 tokens), and the parameterised fields Content-Type (RFC 2045
// §5.1) and Content-Disposition (RFC 2183) with RFC 2231 continuations, charsets and languages.
// Standard library (and libc iconv, through charset.hpp) only.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailspec::codec::mime {

/// RFC 5322 §2.2.3: removes each CRLF (or bare LF, or bare CR) that is followed by SP or HTAB.
std::string unfold(std::string_view raw);

/// Without leading and trailing SP, HTAB, CR and LF.
std::string_view trim(std::string_view s);

/// ASCII lower case.
std::string to_lower(std::string_view s);

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

/// A parameter as reported: name in lower case, value unquoted and, for RFC 2231 values, decoded to UTF-8.
struct parameter {
  std::string name;
  std::string value;
  friend bool operator==(parameter const&, parameter const&) = default;
};

/// What a parameterised field gives: the value before the parameters (lower case) and its parameters.
struct parameterised {
  std::string type;     // "text/plain", "attachment": lower case, CFWS removed
  std::vector<parameter> params;
};

/** Reads the parameter list of a field (";" attribute "=" value ...) leniently: quoted or token values, a
    value that runs on past a token (kept, with "bad-parameter-value"), a missing ";" before a parameter
    ("missing-semicolon"), a parameter without "=" or value (dropped or empty, "bad-parameter"), the same
    name twice (the first kept, "duplicate-parameter"). Then joins RFC 2231 continuations (name*0, name*1,
    ... in section order, "rfc2231-gap" when one is missing), decodes charset'language'%XX values through
    iconv ("unknown-charset" keeps the value as written), and prefers an RFC 2231 value to a plain one of
    the same name. Codes of what was wrong go to `defects`. */
std::vector<parameter> parse_parameters(std::string_view text, std::vector<std::string>& defects);

/** The second half of parse_parameters() for parameters already read as name/value pairs (values unquoted),
    such as an IMAP BODYSTRUCTURE's body-fld-param: names lower-cased, RFC 2231 continuations joined,
    charset'language'%XX values decoded, a 2231 value preferred to a plain one, the same defect codes. */
std::vector<parameter> decode_parameters(std::vector<parameter> const& raw, std::vector<std::string>& defects);

/** Content-Type (RFC 2045 §5.1): "type/subtype" with CFWS around the tokens, then parameters. nullopt when
    there is no usable type/subtype (the caller then takes the default, RFC 2045 §5.2). */
std::optional<parameterised> parse_content_type(std::string_view value, std::vector<std::string>& defects);

/** Content-Disposition (RFC 2183 §2): a disposition type token, then parameters. nullopt without a token. */
std::optional<parameterised> parse_disposition(std::string_view value, std::vector<std::string>& defects);

/// The value of parameter `name` (lower case), if present.
std::optional<std::string> find_parameter(std::vector<parameter> const& params, std::string_view name);

/** The lexical layer shared by the structured fields (RFC 5322 §3.2, RFC 2045 §5.1): a cursor over an
    unfolded value that skips comments and white space and reads tokens and quoted strings. */
class field_lexer {
 public:
  explicit field_lexer(std::string_view text) : text_(text) {}

  /// Skips white space and (nested) comments; returns true if a comment was among them.
  bool skip_cfws();
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void advance(std::size_t n = 1) { pos_ = std::min(text_.size(), pos_ + n); }
  std::size_t position() const { return pos_; }
  void seek(std::size_t pos) { pos_ = std::min(text_.size(), pos); }
  std::string_view rest() const { return text_.substr(pos_); }

  /// RFC 2045 token (any CHAR but SP, CTLs and tspecials; octets past 127 allowed, RFC 6532); empty if none.
  std::string_view token();
  /// The content of a quoted string, quoted-pairs resolved, at the cursor ('"'); nullopt if none there. An
  /// unterminated string runs to the end (`unterminated` set).
  std::optional<std::string> quoted_string(bool* unterminated = nullptr);
  /// Skips one comment at the cursor ('('), nested ones included.
  void skip_comment();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace mailspec::codec::mime
