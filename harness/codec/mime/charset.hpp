#pragma once
// Charset conversion to UTF-8 for decoded header text (RFC 2047 encoded-words, RFC 2231 parameter values),
// through glibc's iconv: it is part of the C library, so the codec stays free of other libraries and keeps
// no conversion tables of its own. Standard library (and libc) only.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mailspec::codec::mime {

/** `octets` in `charset` as UTF-8. The charset name is matched case-insensitively, an RFC 2231 §5
    language suffix ("US-ASCII*EN") is ignored. nullopt when iconv does not know the charset (or the name
    holds characters no charset name has). An octet sequence invalid in the charset becomes U+FFFD and
    conversion goes on; `replaced`, when given, counts the replacements. */
std::optional<std::string> to_utf8(std::string_view charset, std::string_view octets, std::size_t* replaced = nullptr);

/** True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values past U+10FFFF). */
bool valid_utf8(std::string_view s);

/** `s` with every octet sequence that is not well-formed UTF-8 replaced by U+FFFD. */
std::string repair_utf8(std::string_view s, std::size_t* replaced = nullptr);

}  // namespace mailspec::codec::mime
