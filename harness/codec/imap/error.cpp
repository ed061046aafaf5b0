#include "codec/imap/error.hpp"

#include <string>

namespace mailspec::codec::imap {
namespace {

class category final : public std::error_category {
 public:
  char const* name() const noexcept override { return "mailspec.imap"; }

  std::string message(int ev) const override {
    switch (static_cast<error>(ev)) {
      case error::need_more: return "need more input";
      case error::unexpected_eof: return "end of input inside a response";
      case error::line_too_long: return "response line too long";
      case error::response_too_large: return "response too large";
      case error::literal_too_large: return "literal too large";
      case error::too_deep: return "lists nested too deeply";
      case error::too_many_items: return "too many values in response";
      case error::bare_lf: return "line ended with LF without CR";
      case error::bad_tag: return "bad tag";
      case error::bad_syntax: return "syntax error";
      case error::bad_number: return "number too large";
      case error::bad_literal: return "bad literal";
      case error::unbalanced: return "unbalanced parentheses or brackets";
      case error::bad_quoted: return "bad quoted string";
      case error::command_too_large: return "command too large";
      case error::nonsync_literal_too_large: return "non-synchronizing literal too large";
    }
    return "unknown imap error";
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

}  // namespace mailspec::codec::imap
