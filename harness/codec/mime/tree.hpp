#pragma once
// The MIME value tree (layer 2 of the MIME parser) and the push parser that builds it from the reader's
// events: part { header summary; leaf body, multipart children or the message inside }, with the figures
// an IMAP server reports (section numbers per RFC 9051 §6.4.5, octets, lines), decoded header values, and
// optionally the decoded size and SHA-256 of each leaf and every octet kept for an exact round trip.
// Standard library (and libc iconv) only. The JSON form is in script/mime_tree_json.hpp.
#include "codec/mime/address.hpp"
#include "codec/mime/header.hpp"
#include "codec/mime/reader.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::mime {

struct defect {
  std::size_t offset = 0;
  std::string code;    // stable identifier ("missing-close-delimiter", "bad-base64", ...)
  std::string detail;  // for a human
  friend bool operator==(defect const&, defect const&) = default;
};

/// The fields of a message header the tree reports (README of suites/mime: MESSAGE).
struct envelope {
  std::optional<std::string> subject;                       // unfolded, RFC 2047 decoded, trimmed
  std::optional<std::string> date, message_id, in_reply_to;  // unfolded, trimmed, as written
  std::optional<address_list> from, sender, reply_to, to, cc, bcc;
  friend bool operator==(envelope const&, envelope const&) = default;
};

struct content_disposition {
  std::string type;  // lower case
  std::vector<parameter> params;
  friend bool operator==(content_disposition const&, content_disposition const&) = default;
};

/// The octets of a part, kept when build_options::keep is set (serialize() writes them back).
struct part_octets {
  std::string delimiter;  // the delimiter line before this body part (its leading CRLF included)
  std::string header;     // the header, its empty line included
  std::string body;       // a leaf's body
  std::string preamble, close, epilogue;  // a multipart's; `close` is its close delimiter line
  friend bool operator==(part_octets const&, part_octets const&) = default;
};

struct part {
  entity_kind kind = entity_kind::leaf;
  std::optional<std::string> section;  // IMAP section-part; none for a multipart that is a message's root
  std::string type = "text", subtype = "plain";  // lower case
  bool type_defaulted = true;
  std::vector<parameter> params;
  std::optional<content_disposition> disposition;
  std::optional<std::string> filename, id, description, language, location, md5;
  std::string encoding = "7bit";
  std::size_t offset = 0;  // of the header's first octet in the message
  std::size_t header_octets = 0, body_octets = 0;
  std::optional<std::size_t> body_lines;  // for text/*, message/rfc822 and message/global parts
  std::optional<std::size_t> decoded_octets;
  std::optional<std::string> decoded_sha256;  // leaves, when build_options::decode
  std::string boundary;                        // a multipart's
  std::size_t preamble_octets = 0, epilogue_octets = 0;
  bool closed = true;      // a multipart: false when its close delimiter is missing
  std::vector<part> parts;  // a multipart's children; for a message part, the one root of the message inside
  std::optional<mime::envelope> envelope;  // on the root of a message (the top one and each inside)
  std::vector<defect> defects;
  part_octets raw;

  friend bool operator==(part const&, part const&) = default;
};

struct tree {
  part root;               // the message's root part, whose `envelope` is the message header's
  std::size_t octets = 0;  // of the whole message
  bool complete = true;    // every octet is kept (build_options::keep, within max_kept)
  friend bool operator==(tree const&, tree const&) = default;
};

struct build_options {
  bool decode = true;  // undo transfer encodings: decoded_octets, decoded_sha256 of each leaf
  bool keep = false;   // keep every octet in part::raw (serialize() needs it)
  reader_limits limits;
  std::size_t max_kept = std::size_t{256} << 20;    // octets kept with `keep`; past it the tree is incomplete
  std::size_t max_fields = std::size_t{16} << 20;   // octets of header field values kept over the whole message
  std::size_t max_defects = 1024;                   // defects kept over the whole tree (one per code and part)
};

class tree_builder;

/** The MIME parser: a reader (reader.hpp) driving a tree builder. put() consumes all of `in` (returns
    in.size(), ec cleared); put_eof() completes the tree. Feeding a message split at any points gives the
    same tree. Memory: the reader's bounded state, the tree (bounded by the part limit, max_fields and
    max_defects), plus the octets kept with `keep`. */
class parser {
 public:
  explicit parser(build_options options = {});
  ~parser();
  parser(parser&&) noexcept;
  parser& operator=(parser&&) noexcept;

  std::size_t put(std::string_view in, std::error_code& ec);
  void put_eof(std::error_code& ec);

  /// The tree; complete after put_eof().
  tree const& result() const;
  tree take();

 private:
  std::unique_ptr<tree_builder> builder_;
  std::unique_ptr<reader> reader_;
};

/// Parses a whole message.
tree parse(std::string_view message, build_options options = {});

/** The message's octets back from a tree built with `keep` (nullopt when the tree is not complete):
    parse(serialize(t)) == t, and the octets are the ones parsed. */
std::optional<std::string> serialize(tree const& t);

}  // namespace mailspec::codec::mime
