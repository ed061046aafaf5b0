#pragma once
// POP3 codec errors (std::error_code, category "mailspec.pop3") and the lenient-mode warning sink
// shared by the POP3 parsers. Standard library only.
#include "codec/common/observation.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace mailspec::codec::pop3 {

enum class error {
  need_more = 1,      // input ended inside a unit: put() again with more octets
  unexpected_eof,     // put_eof() arrived inside a unit
  line_too_long,      // status line > 512, body line > max_body_line, command > 255 octets incl. CRLF
  body_too_long,      // multi-line body passed response_limits::max_body octets
  bad_status,         // status indicator not "+OK" / "-ERR" (upper case, RFC 1939 §3) then SP or line end
  bare_lf,            // LF not preceded by CR
  bare_cr,            // CR not followed by LF
  nul_byte,           // NUL octet in a status or command line
  bad_command,        // keyword not 3-4 printable ASCII characters (RFC 1939 §3, RFC 2449 §3)
  bad_argument,       // empty argument (doubled or trailing SP) or non-printable octet in one
  argument_too_long,  // argument over 40 characters (RFC 1939 §3)
};

/// The category of pop3::error; its name() is "mailspec.pop3".
std::error_category const& category() noexcept;

std::error_code make_error_code(error e) noexcept;

namespace detail {
using codec::detail::warning_sink;  // shared by every codec (codec/common/observation.hpp)
}  // namespace detail
}  // namespace mailspec::codec::pop3

template <>
struct std::is_error_code_enum<mailspec::codec::pop3::error> : std::true_type {};
