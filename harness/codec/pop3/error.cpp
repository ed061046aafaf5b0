#include "codec/pop3/error.hpp"

#include <algorithm>
#include <utility>

namespace mailspec::codec::pop3 {
namespace {

class pop3_category final : public std::error_category {
 public:
  char const* name() const noexcept override { return "mailspec.pop3"; }

  std::string message(int value) const override {
    switch (static_cast<error>(value)) {
      case error::need_more: return "need more input";
      case error::unexpected_eof: return "end of input inside a unit";
      case error::line_too_long: return "line too long";
      case error::body_too_long: return "multi-line body too long";
      case error::bad_status: return "bad status indicator";
      case error::bare_lf: return "bare LF";
      case error::bare_cr: return "bare CR";
      case error::nul_byte: return "NUL octet";
      case error::bad_command: return "bad command keyword";
      case error::bad_argument: return "bad command argument";
      case error::argument_too_long: return "command argument longer than 40 characters";
    }
    return "unknown mailspec.pop3 error " + std::to_string(value);
  }
};

}  // namespace

std::error_category const& category() noexcept {
  static pop3_category const instance;
  return instance;
}

std::error_code make_error_code(error e) noexcept { return {static_cast<int>(e), category()}; }

}  // namespace mailspec::codec::pop3
