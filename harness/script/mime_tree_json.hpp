#pragma once
// The MIME tree (codec/mime/tree.hpp) in the JSON form "mailspec-mime-1" of suites/mime/README.md: the
// contract between this parser, the corpus's expected files, the adapters of other readers and the
// comparator. `mailspec mime show --json` prints it; the comparator reads trees through it.
#include <nlohmann/json_fwd.hpp>

#include <string_view>

#include "codec/mime/tree.hpp"

namespace mailspec::script {

/// The value of "format".
inline constexpr std::string_view mime_json_format = "mailspec-mime-1";

/** The whole document: {"format", "reader", "octets", "message"}. `reader` names the reader
    ("mailspec 0.9.0"). Strings that are not UTF-8 are repaired (U+FFFD), so dump() never throws. */
nlohmann::json mime_tree_json(codec::mime::tree const& t, std::string_view reader);

/// A MESSAGE of the form: the envelope of `root`'s header, its header_octets, and "root".
nlohmann::json mime_message_json(codec::mime::part const& root);

/// A PART of the form, its children and the message inside it included.
nlohmann::json mime_part_json(codec::mime::part const& p);

}  // namespace mailspec::script
