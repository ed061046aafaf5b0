#pragma once
// Base64 (RFC 4648 §4) as SASL exchanges carry it: one line, no line breaks (RFC 4954 §4,
// RFC 9051 §6.2.2). One-shot: a SASL message always arrives whole, on one protocol line.
#include <optional>
#include <string>
#include <string_view>

namespace mailspec::codec::sasl {

/** Base64 of `data`, padded with "=", without line breaks. */
std::string base64_encode(std::string_view data);

/** Decodes base64 text. strict: only the alphabet, then "=" padding to a multiple of four
    characters, with zero pad bits; no white space. Not strict: SP, TAB, CR and LF are skipped and
    the padding may be missing (it must be right if present). Returns nullopt for anything else. */
std::optional<std::string> base64_decode(std::string_view text, bool strict = true);

}  // namespace mailspec::codec::sasl
