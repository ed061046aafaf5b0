#pragma once
// Error codes of the SASL message codec (RFC 4616 PLAIN, RFC 2195 CRAM-MD5, RFC 5802 SCRAM), client
// and server side.
#include <system_error>
#include <type_traits>

namespace mailspec::codec::sasl {

enum class error {
  need_more = 1,        // unused by these one-shot functions; value 1 means "need more" everywhere
  bad_base64,           // text that is not valid base64
  bad_plain,            // a PLAIN message without exactly two NUL separators
  empty_field,          // a PLAIN authcid or passwd is empty
  field_too_long,       // a PLAIN field exceeds 255 octets
  bad_scram_syntax,     // a SCRAM attribute is missing, out of order or malformed
  scram_extension,      // a SCRAM message carries a mandatory extension (m=)
  nonce_mismatch,       // the server nonce does not extend the client nonce
  bad_iteration_count,  // i= is not a decimal from 1 to 2^32-1
  bad_cram_response,    // a CRAM-MD5 response that is not user SP digest, or has an empty user
  bad_cram_digest,      // a CRAM-MD5 digest that is not 32 lower-case hex digits
  bad_scram_name,       // a SCRAM saslname with "=" not followed by "2C" or "3D"
  channel_binding_unsupported,  // a SCRAM gs2 header asks for channel binding ("p="), not offered here
};

/// The category of sasl::error, named "mailspec.sasl".
std::error_category const& error_category() noexcept;

std::error_code make_error_code(error e) noexcept;

}  // namespace mailspec::codec::sasl

template <>
struct std::is_error_code_enum<mailspec::codec::sasl::error> : std::true_type {};
