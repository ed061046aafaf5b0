#pragma once
// An IMAP server's reading of a message as a MIME tree in the JSON form `mailspec-mime-1`
// (suites/mime/README.md): what a client learns from FETCH BODYSTRUCTURE, ENVELOPE, RFC822.SIZE,
// BODY[section] and BINARY[section] (RFC 9051 §7.5.2 and §6.4.5, RFC 3516), decoded as a client has to
// (RFC 2231 parameters, RFC 2047 words, transfer encodings) with the MIME codec's own functions, so that
// the tree lines up with the parser's and the expected files. Also the comparison of such a tree with a
// message's expected file, which knows what IMAP cannot say and what the server said is absent.
// No I/O: the compare-mime step (imap_mime_step.cpp) fetches, this file interprets.
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/imap/grammar.hpp"
#include "script/mime_compare.hpp"

namespace mailspec::script::imap_mime {

/// What to fetch for one part after the first FETCH (BODYSTRUCTURE ENVELOPE RFC822.SIZE BODY.PEEK[HEADER]).
struct part_fetch {
  std::string section;            // the part's number ("1.2"); "" for a message's multipart root
  std::vector<std::string> body;  // BODY.PEEK[...] specs: "1.2", "1.2.MIME", "1.2.HEADER", "TEXT", "3.TEXT"
  bool leaf = false;              // a leaf: BINARY.PEEK[section] and BINARY.SIZE[section] apply
  std::string encoding;           // a leaf's transfer encoding, lower case
};

/** The parts of `top` (a message's BODYSTRUCTURE) in tree order, numbered as RFC 9051 §6.4.5 numbers
    them, with the sections each needs: a part's MIME header (n.MIME) unless it is a message's root, a
    leaf's body (n), a multipart's body (n, or TEXT / m.TEXT for a message's root) and a message part's
    header (n.HEADER). At most `max_parts` parts (a hostile BODYSTRUCTURE cannot make the fetching endless). */
std::vector<part_fetch> plan(codec::imap::body_structure const& top, std::size_t max_parts = 1000);

/// The FETCH attribute list of one part: "BODY.PEEK[1.2] BODY.PEEK[1.2.MIME]".
std::string body_items(part_fetch const& p);

/// What the server answered about one message, gathered over the FETCH responses of the step.
struct fetched {
  std::optional<codec::imap::body_structure> structure;
  std::optional<codec::imap::envelope> envelope;
  std::optional<std::uint64_t> size;                  // RFC822.SIZE
  std::map<std::string, std::string> body;            // BODY[spec] by spec ("HEADER", "1.2.MIME"); NIL left out
  std::map<std::string, std::string> binary;          // BINARY[n] by part number
  std::map<std::string, std::uint64_t> binary_size;   // BINARY.SIZE[n]
  std::map<std::string, std::string> binary_refused;  // part number -> the refusal, when it was not the server's right

  /// Takes the items of a FETCH response for message `number` (anything else is ignored). A later item
  /// of the same name replaces an earlier one.
  void take(codec::imap::typed_response const& r, std::uint32_t number = 1);
};

/// The octets of a body with its transfer encoding undone as mailspec's parser undoes it (lenient base64
/// and quoted-printable; 7bit, 8bit, binary and unknown encodings as they are).
struct decoded_body {
  std::size_t octets = 0;
  std::string sha256;  // lower-case hex
  bool clean = true;   // the encoded octets broke no rule of their encoding
};
decoded_body decode_body(std::string_view body, std::string_view encoding);

/// The server's tree, and the fields the server said are absent (which a comparison may not take for
/// "not reported"): path in the tree -> what the server said ("NIL", "not in the server's parameter list",
/// "BINARY refused: ...").
struct server_tree {
  nlohmann::json document;  // {format, reader, octets, message}
  std::map<std::string, std::string> absent;
  /// Second readings: path -> another value the server's answer stands for, where the reading is the
  /// client's (RFC 2047 words a client may decode or not: the value as sent) or the RFC leaves it open (a
  /// body_lines that does not count an unterminated last line: that count plus one).
  std::map<std::string, nlohmann::json> also;
};

/** Builds the tree of `f` (which must hold a structure). Fields IMAP cannot report are left out: the
    octets of preamble and epilogue, `closed`, `type_defaulted`. Fields a response lacked (extension
    data, a section not returned) are left out too. BINARY[n] and BINARY.SIZE[n] become `binary_sha256`
    and `binary_octets` of the part. */
server_tree build(fetched const& f, std::string_view reader);

/// The MESSAGE of an expected file as an IMAP reader is held to it: `binary_octets` and `binary_sha256`
/// beside each part's `decoded_octets` and `decoded_sha256`, with the same values.
nlohmann::json expected_for_imap(nlohmann::json const& expected_message);

/** `t` against an expected file (the whole document: its `message` and `octets`): the rules of
    mime::compare_expected; then a difference whose expected value is the field's second reading agrees,
    and an expected multipart without parts is not reported where the server shows one part (IMAP has no
    way to say none); then each field the server said is absent counts as reported: it agrees with an
    expected empty string, list or object (RFC 9051 §7.5.2 makes NIL and "" the same for the envelope's
    strings, NIL an empty address list) and differs from anything else. `notes`, when given, receives one
    line per difference the second readings or the parts rule settled. */
mime::comparison compare(nlohmann::json const& expected_file, server_tree const& t,
                         std::vector<std::string>* notes = nullptr);

}  // namespace mailspec::script::imap_mime
