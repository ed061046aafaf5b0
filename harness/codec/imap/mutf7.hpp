#pragma once
// Modified UTF-7 mailbox names (RFC 3501 §5.1.3, RFC 9051 §5.1.3 for IMAP4rev1 clients): a checker, a
// decoder to UTF-8 and an encoder. Sans-IO, no state.
#include <optional>
#include <string>
#include <string_view>

namespace mailspec::codec::imap {

/// Why a name is not valid modified UTF-7, with the offset of the offending octet.
struct mutf7_problem {
  std::size_t offset = 0;
  std::string detail;
};

/** Decodes a modified UTF-7 mailbox name to UTF-8. Fails (and fills `why` if given) on: an octet
    outside 0x20-0x7e, a bare "&" run without "-", a base64 octet outside the modified alphabet
    (",", not "/"), a shift that encodes nothing or a printable ASCII character (which must stand for
    itself), two shifts in a row, non-zero padding bits, and UTF-16 that is not well formed. */
std::optional<std::string> mutf7_decode(std::string_view name, mutf7_problem* why = nullptr);

/// Whether `name` is valid modified UTF-7.
inline bool mutf7_valid(std::string_view name) { return mutf7_decode(name).has_value(); }

/// Encodes a UTF-8 name in modified UTF-7; nullopt if `utf8` is not well-formed UTF-8.
std::optional<std::string> mutf7_encode(std::string_view utf8);

}  // namespace mailspec::codec::imap
