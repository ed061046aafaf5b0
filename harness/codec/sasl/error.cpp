#include "codec/sasl/error.hpp"

#include "codec/common/error.hpp"

namespace mailspec::codec::sasl {
namespace {

// One row per value of sasl::error, in enum order (category_of checks it).
constexpr codec::detail::error_message<error> messages[] = {
    {error::need_more, "need more input"},
    {error::bad_base64, "invalid base64"},
    {error::bad_plain, "PLAIN message needs exactly two NUL separators"},
    {error::empty_field, "empty PLAIN field"},
    {error::field_too_long, "PLAIN field longer than 255 octets"},
    {error::bad_scram_syntax, "malformed SCRAM message"},
    {error::scram_extension, "SCRAM mandatory extension not supported"},
    {error::nonce_mismatch, "SCRAM server nonce does not extend the client nonce"},
    {error::bad_iteration_count, "bad SCRAM iteration count"},
    {error::bad_cram_response, "CRAM-MD5 response is not a user name, a space and a digest"},
    {error::bad_cram_digest, "CRAM-MD5 digest is not 32 lower-case hex digits"},
    {error::bad_scram_name, "SCRAM name with \"=\" not followed by \"2C\" or \"3D\""},
    {error::channel_binding_unsupported, "SCRAM channel binding (gs2 flag \"p\") not supported"},
};

}  // namespace

std::error_category const& error_category() noexcept { return codec::detail::category_of<messages>("mailspec.sasl"); }

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), error_category()}; }

}  // namespace mailspec::codec::sasl
