#pragma once
// SASL mechanism messages, syntax only: PLAIN (RFC 4616), CRAM-MD5 (RFC 2195) and SCRAM
// (RFC 5802, RFC 7677), for both the client and the server side. Hashes, HMACs and key derivation
// are the caller's: the codec layer links no crypto. Messages here are the decoded octets; base64 is
// sasl::base64_encode/decode. Every parser takes one whole message (a SASL message always arrives
// whole, on one protocol line), so there is no partial input: need_more is never returned.
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

// ---- Server side ----
// What a server builds and parses. The client side above stays as it was; these mirror it.

/** LOGIN (draft-murchison-sasl-login, common usage): the two prompts a server sends. */
inline constexpr std::string_view login_username_prompt = "Username:";
inline constexpr std::string_view login_password_prompt = "Password:";

/** CRAM-MD5 challenge "<token@host>": RFC 2195 §2 asks for an RFC 822 msg-id holding random
    digits, a timestamp and the server's host name; the caller picks a token that is unique. */
std::string cram_challenge(std::string_view token, std::string_view host);

struct cram_md5_fields {
  std::string user;
  std::string hex_digest;       // always lower case (lenient mode folds A-F)
  bool upper_case_hex = false;  // lenient mode only: the client sent A-F, which RFC 2195 §2 excludes
  friend bool operator==(cram_md5_fields const&, cram_md5_fields const&) = default;
};

/** Splits a decoded CRAM-MD5 response "user SP digest" at its last SP: the digest holds no SP, so a
    user name may (RFC 2195 sets no syntax for it, only that it is not empty). The digest is 32 hex
    digits; strict takes only lower case as RFC 2195 §2 says, lenient also takes upper case and sets
    upper_case_hex so the caller can note the deviation. Fails (nullopt, ec set) with
    bad_cram_response (no SP, empty user) or bad_cram_digest. ec is cleared on success. */
std::optional<cram_md5_fields> parse_cram_md5_response(std::string_view decoded, std::error_code& ec,
                                                       bool strict = true);

/** saslname unescaped: "=2C" is ",", "=3D" is "=" (hex digits in either case: ABNF quoted strings
    are case-insensitive, RFC 5234 §2.3). nullopt for any other "=" (RFC 5802 §5.1: the server MUST
    fail), an empty name, or a NUL or "," in it. */
std::optional<std::string> scram_unescape_name(std::string_view saslname);

struct scram_client_first_fields {
  char cbind_flag = 'n';   // 'n': client does not support channel binding; 'y': it does, but
                           // thinks the server does not (RFC 5802 §6). 'p' is refused, see below.
  std::string authzid;     // a=, unescaped; empty when absent
  std::string gs2_header;  // as sent, e.g. "n,," or "y,a=admin,": what c= of the final message carries
  std::string user;        // n=, unescaped
  std::string client_nonce;  // r=
  std::string bare;        // client-first-message-bare as sent: the start of AuthMessage (RFC 5802 §3)
  friend bool operator==(scram_client_first_fields const&, scram_client_first_fields const&) = default;
};

/** Parses a client-first-message: gs2-header client-first-message-bare (RFC 5802 §7). Fails
    (nullopt, ec set) with bad_scram_syntax (order, missing attribute, bad nonce or cb-name, an
    extension that is not attr-val), scram_extension (m= anywhere: RFC 5802 §5.1 says fail),
    bad_scram_name (a= or n= with a bad "=" escape) or, for a well-formed message whose gs2 flag is
    "p=cb-name", channel_binding_unsupported: this server offers no -PLUS mechanism; the caller
    names the requested type with scram_requested_channel_binding(). ec is cleared on success. */
std::optional<scram_client_first_fields> parse_scram_client_first(std::string_view msg, std::error_code& ec);

/** The cb-name of a client-first-message starting "p=cb-name,", else empty: what the client asked
    for, to name it in the refusal. */
std::string_view scram_requested_channel_binding(std::string_view msg);

/** server-first-message "r=" combined_nonce ",s=" base64(salt) ",i=" iterations. salt is raw
    octets, as parse_scram_server_first returns it. */
std::string scram_server_first_message(std::string_view combined_nonce, std::string_view salt,
                                       std::uint32_t iterations);

struct scram_client_final_fields {
  std::string channel_binding;  // c=, decoded: cbind-input, the gs2 header alone without binding
  std::string nonce;            // r=, the combined nonce as the client returns it
  std::string proof;            // p=, decoded ClientProof
  std::string without_proof;    // client-final-message-without-proof as sent: the end of AuthMessage
  friend bool operator==(scram_client_final_fields const&, scram_client_final_fields const&) = default;
};

/** Parses "c=cbind,r=nonce[,ext...],p=proof" (RFC 5802 §7). Fails (nullopt, ec set) with
    bad_scram_syntax (order, missing attribute, bad nonce, an extension that is not attr-val),
    scram_extension (an m= extension) or bad_base64 (c= or p= not strict base64). The nonce, c=
    and the proof's length are left to the caller, who knows what they must be. ec is cleared on
    success. */
std::optional<scram_client_final_fields> parse_scram_client_final(std::string_view msg, std::error_code& ec);

/** server-final-message of a success: "v=" base64(server_signature), the signature raw. */
std::string scram_server_final_verifier(std::string_view server_signature);

/** server-final-message of a failure: "e=" server-error-value (RFC 5802 §7, e.g. "invalid-proof"). */
std::string scram_server_final_error(std::string_view server_error_value);

}  // namespace mailspec::codec::sasl
