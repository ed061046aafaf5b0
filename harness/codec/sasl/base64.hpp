#pragma once
// Base64 as SASL exchanges carry it: one line, no line breaks (RFC 4954 §4, RFC 9051 §6.2.2), arriving
// whole. The implementation is the one every codec shares (codec/common/base64.hpp).
#include "codec/common/base64.hpp"

namespace mailspec::codec::sasl {

using codec::base64_decode;  // strict by default: canonical text only
using codec::base64_encode;

}  // namespace mailspec::codec::sasl
