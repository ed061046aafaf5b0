#pragma once
// Address lists (RFC 5322 §3.4) with the obsolete forms of §4.4 (routes, empty list elements, CFWS around
// dots, "." in display names), groups, quoted local parts; comments dropped, display names RFC 2047 decoded
// (RFC 2047 §5 (3)). Standard library (and libc iconv) only.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mailspec::codec::mime {

/// One mailbox: `name` absent without a display name; `mailbox` the local part unquoted; `host` absent
/// when the address has no "@".
struct address {
  std::optional<std::string> name;
  std::string mailbox;
  std::optional<std::string> host;
  friend bool operator==(address const&, address const&) = default;
};

/// A group (RFC 5322 §3.4): its display name and members (possibly none).
struct address_group {
  std::string name;
  std::vector<address> members;
  friend bool operator==(address_group const&, address_group const&) = default;
};

using address_entry = std::variant<address, address_group>;
using address_list = std::vector<address_entry>;

/** Parses an unfolded address-list field value. Lenient: an address without "@" is kept without a host
    ("address-without-domain"), a missing "," between addresses is read as one ("missing-comma"), a group
    without ";" ends at the end ("unterminated-group"), anything else unreadable is skipped to the next ","
    ("bad-address"); what looks like an encoded-word inside a quoted display name is text (RFC 2047 §5
    (3)), reported as "encoded-word-in-quoted-string". Codes of what was wrong go to `defects`. */
address_list parse_address_list(std::string_view value, std::vector<std::string>& defects);

}  // namespace mailspec::codec::mime
