#pragma once
// Internals shared by the dialects (dialect_*.cpp). Not part of the public API.
#include <string>
#include <string_view>

#include "script/dialect.hpp"
#include "script/interpreter_detail.hpp"
#include "script/peer.hpp"

namespace mailspec::script::detail {

/// Word `index` (0-based, separated by spaces) of `line`, upper-cased; "" when there is none.
std::string upper_word(std::string_view line, int index);

/// A SASL client response line: base64 or "*" (cancel), nothing else.
bool is_sasl_response(std::string_view line);

std::unique_ptr<dialect> make_smtp_client();
std::unique_ptr<dialect> make_pop3_client();
std::unique_ptr<dialect> make_imap_client();
std::unique_ptr<dialect> make_smtp_server();
std::unique_ptr<dialect> make_pop3_server();
std::unique_ptr<dialect> make_imap_server();

}  // namespace mailspec::script::detail
