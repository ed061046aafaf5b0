#pragma once
// The tree builder: a reader_handler that turns the reader's events into a mime::tree. Internal to the
// codec (tree.hpp is the interface); the parser, the tests and the benchmark's own handlers use it.
#include "codec/common/sha256.hpp"
#include "codec/mime/transfer.hpp"
#include "codec/mime/tree.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mailspec::codec::mime {

/// The header fields a part reports, as written (first occurrence), with their offsets.
struct kept_fields {
  struct value {
    std::string text;
    std::size_t offset = 0;
  };
  std::optional<value> disposition, id, description, language, location, md5;
  std::optional<value> subject, date, message_id, in_reply_to, from, sender, reply_to, to, cc, bcc;
};

// These two are outside tree_builder: clang cannot construct a nested class with member initialisers
// inside its enclosing class (std::optional::emplace).

/// Undoes a leaf's transfer encoding as its body arrives, hashing and counting the decoded octets.
struct tree_leaf_decoding {
  std::variant<std::monostate, base64_decoder, qp_decoder> decoder;
  sha256 hash;
  std::size_t octets = 0;
  bool seven_bit = false;  // "7bit": report the first octet that is not
  bool eight_bit_seen = false;
};

/// An open part while its octets arrive.
struct tree_frame {
  part* p = nullptr;
  bool top = false;  // a message's root: its header is a message header
  bool header_done = false;
  std::size_t body_offset = 0;
  std::string prefix;      // section prefix for its children (multipart) or its message's root (message)
  std::size_t children = 0;
  std::optional<std::size_t> lines_from;  // line count at the body's start, when the part counts lines
  kept_fields fields;
  std::optional<tree_leaf_decoding> decoding;
};

class tree_builder final : public reader_handler {
 public:
  explicit tree_builder(build_options const& options) : options_(options) {}

  tree& result() { return tree_; }

  void on_entity_begin(std::size_t offset, std::size_t depth) override;
  void on_header_data(std::string_view raw) override;
  void on_field(field_event const& f) override;
  void on_header_end(head_event const& h) override;
  void on_data(region r, std::string_view data) override;
  void on_delimiter(delimiter_event const& d) override;
  void on_entity_end(std::size_t end) override;
  void on_defect(defect_event const& d) override;

 private:
  using leaf_decoding = tree_leaf_decoding;
  using frame = tree_frame;

  void add_defect(part& p, std::size_t offset, std::string_view code, std::string detail);
  void count(std::string_view raw);
  void keep(std::string& where, std::string_view raw);
  void keep_field(std::optional<kept_fields::value>& slot, field_event const& f, bool combine = false);
  void summarise(frame& f, head_event const& h);
  void summarise_envelope(frame& f);
  void number(frame& f);
  void start_decoding(frame& f);
  void decode(frame& f, std::string_view data);
  void finish_decoding(frame& f);

  build_options options_;
  tree tree_;
  std::vector<frame> stack_;
  std::string pending_delimiter_;  // the delimiter line before the next body part (keep)
  std::size_t fields_kept_ = 0;
  std::size_t defects_ = 0;
  std::size_t kept_ = 0;
  std::size_t counting_ = 0;      // open parts that count lines
  std::size_t line_ends_ = 0;     // LF octets seen while counting_ > 0
  char last_octet_ = '\0';
};

}  // namespace mailspec::codec::mime
