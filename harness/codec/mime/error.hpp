#pragma once
// Error codes of the MIME codec (RFC 2045, RFC 2046) as a std::error_code enum.
#include <system_error>
#include <type_traits>

namespace mailspec::codec::mime {

enum class error {
  need_more = 1,     // input ended inside a unit: put() the following octets
  unexpected_eof,    // input ended inside a base64 quantum or a quoted-printable "=" escape
  bad_base64_char,   // strict: an octet outside the base64 alphabet and white space
  bad_padding,       // strict: "=" where base64 allows none, or data after the padding
  bad_qp_escape,     // strict: "=" not followed by two upper-case hex digits or CRLF
  bad_qp_char,       // strict: an octet quoted-printable must encode appears literally
  bare_line_break,   // strict: CR or LF that is not part of CRLF in quoted-printable
  trailing_space,    // strict: SP or TAB ends an encoded quoted-printable line
  line_too_long,     // strict: an encoded line longer than 76 characters
};

/// The category of mime::error, named "mailspec.mime".
std::error_category const& error_category() noexcept;

std::error_code make_error_code(error e) noexcept;

}  // namespace mailspec::codec::mime

template <>
struct std::is_error_code_enum<mailspec::codec::mime::error> : std::true_type {};
