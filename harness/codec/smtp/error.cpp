#include "codec/smtp/error.hpp"

#include "codec/common/error.hpp"

namespace mailspec::codec::smtp {
namespace {

// One row per value of smtp::error, in enum order (category_of checks it).
constexpr codec::detail::error_message<error> messages[] = {
    {error::need_more, "need more input"},
    {error::unexpected_eof, "end of input inside a unit"},
    {error::line_too_long, "line too long"},
    {error::reply_too_long, "reply too long"},
    {error::too_many_lines, "too many reply lines"},
    {error::bad_code, "bad reply code"},
    {error::bad_separator, "bad separator after reply code"},
    {error::code_mismatch, "reply lines carry different codes"},
    {error::bad_text, "bad reply text"},
    {error::bare_lf, "bare LF"},
    {error::bare_cr, "bare CR"},
    {error::nul_byte, "NUL octet"},
    {error::bad_command, "bad command"},
    {error::bad_path, "bad path"},
    {error::bad_local_part, "bad local part"},
    {error::bad_domain, "bad domain"},
    {error::bad_address_literal, "bad address literal"},
    {error::null_path, "null path not allowed here"},
    {error::bad_parameter, "bad ESMTP parameter"},
    {error::local_part_too_long, "local part longer than 64 octets"},
    {error::domain_too_long, "domain longer than 255 octets"},
    {error::path_too_long, "path longer than 256 octets"},
    {error::bad_bdat, "bad BDAT arguments"},
};

}  // namespace

std::error_category const& category() noexcept { return codec::detail::category_of<messages>("mailspec.smtp"); }

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), category()}; }

}  // namespace mailspec::codec::smtp
