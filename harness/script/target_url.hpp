#pragma once
// Target URLs: smtp://, smtps://, submission://, pop3://, pop3s://, imap://, imaps:// with default ports.
#include <string>

#include "script/config.hpp"

namespace mailspec::script {

/// Parses `url`; throws std::invalid_argument with a message that says how to fix it.
target parse_target(std::string const& url);

}  // namespace mailspec::script
