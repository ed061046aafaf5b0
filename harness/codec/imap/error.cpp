#include "codec/imap/error.hpp"

#include "codec/common/error.hpp"

namespace mailspec::codec::imap {
namespace {

// One row per value of imap::error, in enum order (category_of checks it).
constexpr codec::detail::error_message<error> messages[] = {
    {error::need_more, "need more input"},
    {error::unexpected_eof, "end of input inside a response"},
    {error::line_too_long, "response line too long"},
    {error::response_too_large, "response too large"},
    {error::literal_too_large, "literal too large"},
    {error::too_deep, "lists nested too deeply"},
    {error::too_many_items, "too many values in response"},
    {error::bare_lf, "line ended with LF without CR"},
    {error::bad_tag, "bad tag"},
    {error::bad_syntax, "syntax error"},
    {error::bad_number, "number too large"},
    {error::bad_literal, "bad literal"},
    {error::unbalanced, "unbalanced parentheses or brackets"},
    {error::bad_quoted, "bad quoted string"},
    {error::command_too_large, "command too large"},
    {error::nonsync_literal_too_large, "non-synchronizing literal too large"},
};

}  // namespace

std::error_category const& error_category() noexcept { return codec::detail::category_of<messages>("mailspec.imap"); }

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), error_category()}; }

}  // namespace mailspec::codec::imap
