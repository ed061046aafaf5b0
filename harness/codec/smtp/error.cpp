#include "codec/smtp/error.hpp"

#include <algorithm>
#include <utility>

namespace mailspec::codec::smtp {
namespace {

class smtp_category final : public std::error_category {
 public:
  char const* name() const noexcept override { return "mailspec.smtp"; }

  std::string message(int value) const override {
    switch (static_cast<error>(value)) {
      case error::need_more: return "need more input";
      case error::unexpected_eof: return "end of input inside a unit";
      case error::line_too_long: return "line too long";
      case error::reply_too_long: return "reply too long";
      case error::too_many_lines: return "too many reply lines";
      case error::bad_code: return "bad reply code";
      case error::bad_separator: return "bad separator after reply code";
      case error::code_mismatch: return "reply lines carry different codes";
      case error::bad_text: return "bad reply text";
      case error::bare_lf: return "bare LF";
      case error::bare_cr: return "bare CR";
      case error::nul_byte: return "NUL octet";
      case error::bad_command: return "bad command";
      case error::bad_path: return "bad path";
      case error::bad_local_part: return "bad local part";
      case error::bad_domain: return "bad domain";
      case error::bad_address_literal: return "bad address literal";
      case error::null_path: return "null path not allowed here";
      case error::bad_parameter: return "bad ESMTP parameter";
      case error::local_part_too_long: return "local part longer than 64 octets";
      case error::domain_too_long: return "domain longer than 255 octets";
      case error::path_too_long: return "path longer than 256 octets";
    }
    return "unknown mailspec.smtp error " + std::to_string(value);
  }
};

}  // namespace

std::error_category const& category() noexcept {
  static smtp_category const instance;
  return instance;
}

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), category()}; }

}  // namespace mailspec::codec::smtp
