#pragma once
// The `serve-mailbox` step (mailbox_serve.cpp): the built-in server of mailstore.hpp carries the rest of
// the session. The server dialects call these with their own parsers, so that octets already read and
// the parsers' state carry over from the script's earlier `command` matchers. Not part of the public API.
#include "codec/imap/command.hpp"
#include "codec/pop3/command.hpp"
#include "codec/smtp/command.hpp"
#include "codec/smtp/data.hpp"
#include "script/ast.hpp"

namespace mailspec::script::detail {

class case_run;

bool serve_mailbox_smtp(case_run& run, step const& s, codec::smtp::command_parser& p, codec::smtp::eod_detector& d);
bool serve_mailbox_pop3(case_run& run, step const& s, codec::pop3::command_parser& p);
bool serve_mailbox_imap(case_run& run, step const& s, codec::imap::command_parser& p);

}  // namespace mailspec::script::detail
