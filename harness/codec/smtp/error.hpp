#pragma once
// SMTP codec errors (std::error_code, category "mailspec.smtp") and the lenient-mode warning sink
// shared by the SMTP parsers. Standard library only.
#include "codec/common/observation.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace mailspec::codec::smtp {

enum class error {
  need_more = 1,        // input ended inside a unit: put() again with more octets
  unexpected_eof,       // put_eof() arrived inside a unit
  line_too_long,        // a line passed its octet limit (512 incl. CRLF: RFC 5321 §4.5.3.1.4/5)
  reply_too_long,       // a reply passed reply_limits::max_reply octets
  too_many_lines,       // a reply passed reply_limits::max_lines lines
  bad_code,             // reply code is not 3 digits, or (strict) not %x32-35 %x30-35 %x30-39 (§4.2)
  bad_separator,        // octet after the reply code is neither SP, "-" nor the line end
  code_mismatch,        // a line of a multiline reply carries another code than the first line
  bad_text,             // reply text octet outside textstring, or SP with no text after it (§4.2)
  bare_lf,              // LF not preceded by CR
  bare_cr,              // CR not followed by LF
  nul_byte,             // NUL octet in a line
  bad_command,          // command verb malformed, or MAIL/RCPT argument lacks "FROM:"/"TO:"
  bad_path,             // path not "<" [A-d-l ":"] Mailbox ">" (§4.1.2), or octets after it
  bad_local_part,       // local part neither Dot-string nor Quoted-string
  bad_domain,           // domain not sub-domain *("." sub-domain)
  bad_address_literal,  // "[...]" neither IPv4, IPv6 nor General-address-literal (§4.1.3)
  null_path,            // "<>" where a forward-path is required
  bad_parameter,        // esmtp-param not esmtp-keyword ["=" esmtp-value]
  local_part_too_long,  // local part over 64 octets (§4.5.3.1.1)
  domain_too_long,      // domain over 255 octets (§4.5.3.1.2)
  path_too_long,        // path over 256 octets incl. punctuation (§4.5.3.1.3)
  bad_bdat,             // BDAT arguments not chunk-size [SP "LAST"], or a size past 2^63 (RFC 3030 §2)
};

/// The category of smtp::error; its name() is "mailspec.smtp".
std::error_category const& category() noexcept;

std::error_code make_error_code(error e) noexcept;

namespace detail {
using codec::detail::warning_sink;  // shared by every codec (codec/common/observation.hpp)
}  // namespace detail
}  // namespace mailspec::codec::smtp

template <>
struct std::is_error_code_enum<mailspec::codec::smtp::error> : std::true_type {};
