#pragma once
// SASL mechanism messages, syntax only: PLAIN (RFC 4616), CRAM-MD5 (RFC 2195) and SCRAM
// (RFC 5802, RFC 7677). Hashes, HMACs and key derivation are the caller's: the codec layer links
// no crypto. Messages here are the decoded octets; base64 is sasl::base64_encode/decode.
#include "codec/sasl/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mailspec::codec::sasl {

// ---- PLAIN (RFC 4616 §2) ----

/** message = [authzid] NUL authcid NUL passwd, unencoded. */
std::string plain_message(std::string_view authzid, std::string_view authcid,
                          std::string_view password);

struct plain_fields {
  std::string authzid;  // empty if absent
  std::string authcid;
  std::string password;
  friend bool operator==(plain_fields const&, plain_fields const&) = default;
};

/** Splits a decoded PLAIN message. Fails (nullopt, ec set) without exactly two NULs, with an
    empty authcid or passwd, or with a field longer than 255 octets. ec is cleared on success. */
std::optional<plain_fields> parse_plain(std::string_view message, std::error_code& ec);

// ---- CRAM-MD5 (RFC 2195 §2) ----

/** The client's answer: user SP hex_digest, where hex_digest is the caller's lower-case hex
    HMAC-MD5 of the challenge keyed with the password. */
std::string cram_md5_response(std::string_view user, std::string_view hex_digest);

/** The decoded challenge has the msg-id form "<local@domain>" RFC 2195 asks for. */
bool is_cram_challenge(std::string_view decoded);

// ---- SCRAM (RFC 5802 §5, §7) ----

/** saslname: "," becomes "=2C" and "=" becomes "=3D". */
std::string scram_escape_name(std::string_view name);

/** client-first-message-bare: "n=" saslname ",r=" nonce. */
std::string scram_client_first_bare(std::string_view user, std::string_view client_nonce);

/** client-first-message without channel binding: "n,," client-first-message-bare. */
std::string scram_client_first(std::string_view user, std::string_view client_nonce);

struct scram_server_first {
  std::string nonce;  // combined: the client nonce followed by the server's part
  std::string salt;   // decoded from base64
  std::uint32_t iterations = 0;
  friend bool operator==(scram_server_first const&, scram_server_first const&) = default;
};

/** Parses "r=nonce,s=salt,i=count[,ext...]". Fails (nullopt, ec set) on a mandatory extension
    (m=), a nonce that does not start with client_nonce or adds nothing to it, a salt that is not
    strict base64, or i= outside 1..2^32-1. ec is cleared on success. */
std::optional<scram_server_first> parse_scram_server_first(std::string_view msg,
                                                           std::string_view client_nonce,
                                                           std::error_code& ec);

/** client-final-message-without-proof without channel binding: "c=biws,r=" nonce. */
std::string scram_client_final_without_proof(std::string_view combined_nonce);

/** AuthMessage = client-first-message-bare "," server-first-message ","
    client-final-message-without-proof, the input of ClientSignature and ServerSignature. */
std::string scram_auth_message(std::string_view client_first_bare, std::string_view server_first,
                               std::string_view client_final_without_proof);

struct scram_server_final {
  std::optional<std::string> verifier;  // v=, decoded from base64
  std::optional<std::string> error;     // e=, the server-error-value
  friend bool operator==(scram_server_final const&, scram_server_final const&) = default;
};

/** Parses "v=verifier[,ext...]" or "e=error[,ext...]". Exactly one of the two is set on
    success, and ec is cleared; otherwise nullopt and ec set. */
std::optional<scram_server_final> parse_scram_server_final(std::string_view msg,
                                                           std::error_code& ec);

}  // namespace mailspec::codec::sasl
