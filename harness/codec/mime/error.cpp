#include "codec/mime/error.hpp"

#include <string>

namespace mailspec::codec::mime {
namespace {

class category final : public std::error_category {
 public:
  char const* name() const noexcept override { return "mailspec.mime"; }

  std::string message(int ev) const override {
    switch (static_cast<error>(ev)) {
      case error::need_more: return "need more input";
      case error::unexpected_eof: return "end of input inside an encoded unit";
      case error::bad_base64_char: return "octet outside the base64 alphabet";
      case error::bad_padding: return "misplaced base64 padding";
      case error::bad_qp_escape: return "bad quoted-printable escape";
      case error::bad_qp_char: return "octet quoted-printable must encode";
      case error::bare_line_break: return "CR or LF outside CRLF";
      case error::trailing_space: return "white space at the end of an encoded line";
      case error::line_too_long: return "encoded line longer than 76 characters";
    }
    return "unknown mime error";
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

}  // namespace mailspec::codec::mime
