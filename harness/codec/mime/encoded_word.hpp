#pragma once
// RFC 2047 encoded-words ("=?charset?B?...?=", "=?charset?Q?...?="): parsing one word, joining adjacent
// words, and decoding unstructured header text (Subject, Content-Description) to UTF-8. Charsets are
// converted with iconv (charset.hpp). Standard library (and libc) only.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailspec::codec::mime {

/// One well-formed encoded-word, its encoded-text already decoded to octets (still in `charset`).
struct encoded_word {
  std::string charset;  // as written, without an RFC 2231 §5 "*language" suffix
  char encoding = 'Q';  // 'B' or 'Q'
  std::string octets;
};

/// RFC 2047 §2: an encoded-word is at most 75 characters; §6.1 (1) examines only sequences that long.
inline constexpr std::size_t max_encoded_word = 75;

/** `token` as one encoded-word (RFC 2047 §2), or nullopt when it is not exactly one well-formed word:
    longer than 75 characters, no "=?", an empty charset, an encoding other than B or Q (either case),
    encoded-text holding "?" or white space, base64 that does not decode, or "=" not followed by two hex
    digits in Q. */
std::optional<encoded_word> parse_encoded_word(std::string_view token);

/// An encoded-word and the text it was written as.
struct written_word {
  encoded_word word;
  std::string_view written;
};

/** Splits `token` into encoded-words written back to back with nothing between them ("=?a?Q?x?==?a?Q?y?=",
    which RFC 2047 §5 forbids but senders write); empty when any piece is not a word. */
std::vector<written_word> parse_encoded_words(std::string_view token);

/** Builds decoded text from pieces in order. Encoded-words separated only by white space are adjacent
    (RFC 2047 §6.2): the white space between them is dropped, and the octets of consecutive words in the
    same charset are converted together, so a character split across two words decodes. A word whose
    charset iconv does not know is left as it was written, and so is the white space before it. */
class word_joiner {
 public:
  /// Plain text (already final UTF-8 or bytes passed through); ends any run of words.
  void text(std::string_view t);
  /// White space between pieces: kept unless it separates two encoded-words.
  void space(std::string_view ws);
  /// An encoded-word, with the text it was written as (kept if its charset is unknown).
  void word(encoded_word w, std::string_view written);

  /// The text; the joiner is empty afterwards. `unknown_charset` is set when a word was left as written.
  std::string finish(bool* unknown_charset = nullptr);

 private:
  struct pending_word {
    encoded_word w;
    std::string written, space_before;
  };
  void flush();

  std::string out_;
  std::string space_;  // white space seen since the last piece
  std::vector<pending_word> run_;
  bool unknown_ = false;
};

/** Unstructured text (RFC 2047 §5 (1), RFC 5322 §3.2.5), already unfolded: encoded-words that stand
    between white space (or the ends) are decoded and adjacent ones joined; everything else, malformed
    words included, is kept as written. Octets that are not UTF-8 (RFC 6532 allows UTF-8) are kept;
    callers that need valid UTF-8 repair it. `defects`, when given, receives "unknown-charset". */
std::string decode_unstructured(std::string_view text, std::vector<std::string>* defects = nullptr);

}  // namespace mailspec::codec::mime
