#include "codec/mime/error.hpp"

#include "codec/common/error.hpp"

namespace mailspec::codec::mime {
namespace {

// One row per value of mime::error, in enum order (category_of checks it).
constexpr codec::detail::error_message<error> messages[] = {
    {error::need_more, "need more input"},
    {error::unexpected_eof, "end of input inside an encoded unit"},
    {error::bad_base64_char, "octet outside the base64 alphabet"},
    {error::bad_padding, "misplaced base64 padding"},
    {error::bad_qp_escape, "bad quoted-printable escape"},
    {error::bad_qp_char, "octet quoted-printable must encode"},
    {error::bare_line_break, "CR or LF outside CRLF"},
    {error::trailing_space, "white space at the end of an encoded line"},
    {error::line_too_long, "encoded line longer than 76 characters"},
};

}  // namespace

std::error_category const& error_category() noexcept { return codec::detail::category_of<messages>("mailspec.mime"); }

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), error_category()}; }

}  // namespace mailspec::codec::mime
