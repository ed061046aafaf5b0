#include "codec/sasl/error.hpp"

#include <string>

namespace mailspec::codec::sasl {
namespace {

class category final : public std::error_category {
 public:
  char const* name() const noexcept override { return "mailspec.sasl"; }

  std::string message(int ev) const override {
    switch (static_cast<error>(ev)) {
      case error::need_more: return "need more input";
      case error::bad_base64: return "invalid base64";
      case error::bad_plain: return "PLAIN message needs exactly two NUL separators";
      case error::empty_field: return "empty PLAIN field";
      case error::field_too_long: return "PLAIN field longer than 255 octets";
      case error::bad_scram_syntax: return "malformed SCRAM message";
      case error::scram_extension: return "SCRAM mandatory extension not supported";
      case error::nonce_mismatch: return "SCRAM server nonce does not extend the client nonce";
      case error::bad_iteration_count: return "bad SCRAM iteration count";
      case error::bad_cram_response: return "CRAM-MD5 response is not a user name, a space and a digest";
      case error::bad_cram_digest: return "CRAM-MD5 digest is not 32 lower-case hex digits";
      case error::bad_scram_name: return "SCRAM name with \"=\" not followed by \"2C\" or \"3D\"";
      case error::channel_binding_unsupported: return "SCRAM channel binding (gs2 flag \"p\") not supported";
    }
    return "unknown sasl error";
  }
};

}  // namespace

std::error_category const& error_category() noexcept {
  static category const instance;
  return instance;
}

std::error_code make_error_code(error e) noexcept {
  return {static_cast<int>(e), error_category()};
}

}  // namespace mailspec::codec::sasl
