#pragma once
// Error codes of the IMAP response codec (RFC 9051 §7, §9) as a std::error_code enum.
#include <system_error>
#include <type_traits>

namespace mailspec::codec::imap {

enum class error {
  need_more = 1,       // input ended inside a response: put() the following octets
  unexpected_eof,      // put_eof() arrived inside a response
  line_too_long,       // a line (CRLF included, literals excluded) exceeds max_line
  response_too_large,  // the response, literals included, exceeds max_response
  literal_too_large,   // a literal announces more than max_literal octets (or 2^63 and above)
  too_deep,            // parenthesised lists nest deeper than max_depth
  too_many_items,      // the response holds more values than max_items
  bare_lf,             // strict: a line ended with LF alone
  bad_tag,             // the tag is empty or holds an octet the tag grammar forbids
  bad_syntax,          // an octet the response grammar does not allow at this place
  bad_number,          // a number above 2^63-1
  bad_literal,         // a malformed {n} / ~{n} announcement, or NUL inside a non-binary literal
  unbalanced,          // ')' without '(', or the line ends inside a list or a [code]
  bad_quoted,          // CR or LF inside a quoted string, or (strict) a bad escape or NUL
  command_too_large,   // a client command, literals included, exceeds max_command
  nonsync_literal_too_large,  // LITERAL- (RFC 7888 §5): a {n+} literal above max_nonsync_literal
};

/// The category of imap::error, named "mailspec.imap".
std::error_category const& error_category() noexcept;

std::error_code make_error_code(error e) noexcept;

}  // namespace mailspec::codec::imap

template <>
struct std::is_error_code_enum<mailspec::codec::imap::error> : std::true_type {};
