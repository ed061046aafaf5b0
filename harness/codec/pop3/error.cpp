#include "codec/pop3/error.hpp"

#include "codec/common/error.hpp"

namespace mailspec::codec::pop3 {
namespace {

// One row per value of pop3::error, in enum order (category_of checks it).
constexpr codec::detail::error_message<error> messages[] = {
    {error::need_more, "need more input"},
    {error::unexpected_eof, "end of input inside a unit"},
    {error::line_too_long, "line too long"},
    {error::body_too_long, "multi-line body too long"},
    {error::bad_status, "bad status indicator"},
    {error::bare_lf, "bare LF"},
    {error::bare_cr, "bare CR"},
    {error::nul_byte, "NUL octet"},
    {error::bad_command, "bad command keyword"},
    {error::bad_argument, "bad command argument"},
    {error::argument_too_long, "command argument longer than 40 characters"},
};

}  // namespace

std::error_category const& category() noexcept { return codec::detail::category_of<messages>("mailspec.pop3"); }

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), category()}; }

}  // namespace mailspec::codec::pop3
