#pragma once
// Internals of the built-in IMAP server (mailstore_imap*.cpp): sequence sets, FETCH, SEARCH, and the
// ENVELOPE and BODYSTRUCTURE of a message from its MIME tree. Not part of the public API.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/imap/grammar.hpp"
#include "codec/imap/response.hpp"
#include "script/mailstore.hpp"

namespace mailspec::script::mailstore::imap_detail {

std::string upper(std::string_view s);
/// A string for the wire: quoted when it can be, else a literal.
std::string quote(std::string_view s);

/** The messages (0-based indexes, ascending, each once) a sequence set names; by UID when `uid`. nullopt
    when the set does not parse, or (by sequence number) names a message that does not exist. */
std::optional<std::vector<std::size_t>> resolve_set(std::string_view set, mailbox const& box, bool uid);
/// Whether `text` looks like a sequence set (digits, "*", ":" and ",").
bool is_set(std::string_view text);

/// "d-Mon-yyyy" (a SEARCH date) or "d-Mon-yyyy hh:mm:ss +zzzz" (APPEND's date-time).
std::optional<codec::imap::date_time> parse_date(std::string_view text, bool with_time);

codec::imap::envelope envelope_of(codec::mime::part const& root, std::string_view octets);
/// BODYSTRUCTURE (`extensible`) or BODY of a part.
codec::imap::body_structure structure_of(codec::mime::part const& p, std::string_view octets, bool extensible);

/// FETCH: the attributes of `args` (an atom or a list; macros expanded), upper-cased as sent; nullopt
/// with `err` when one is unknown or malformed.
std::optional<std::vector<std::string>> fetch_atts(codec::imap::value const& arg, std::string& err);

/** One "* n FETCH (...)" response. `uid_cmd`: UID FETCH (UID comes first). `writable`: BODY[...] without
    PEEK sets \Seen (then FLAGS is reported too). nullopt with `err` for a section the message lacks. */
std::optional<std::string> fetch_one(message& m, std::size_t seq, std::vector<std::string> const& atts, bool uid_cmd,
                                     bool writable, std::string& err);

/** SEARCH keys (RFC 9051 §6.4.4): the indexes of the matching messages, or nullopt with `err` for a key
    this server does not know (answered BAD). */
std::optional<std::vector<std::size_t>> search(std::vector<codec::imap::value> const& keys, std::size_t from,
                                               mailbox const& box, std::string& err);

}  // namespace mailspec::script::mailstore::imap_detail
