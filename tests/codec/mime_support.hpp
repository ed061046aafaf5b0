#pragma once
// What the MIME parser tests share: CRLF conversion of messages typed with "\n", a text form of a tree
// that shows every field (so a difference names itself in the failure message), and grind_tree(), which
// parses a message whole, split at every octet and octet by octet, and checks that every run gives the
// same tree and that the kept octets serialize back to the message.
#include "codec/common/observation.hpp"
#include "codec/mime/tree.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace mailspec::testing {

namespace mm = codec::mime;

/// "\n" -> "\r\n" (the RFC examples are typed with "\n").
inline std::string crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

inline std::string show_address(mm::address const& a) {
  return (a.name ? *a.name + " " : "") + "<" + a.mailbox + (a.host ? "@" + *a.host : "") + ">";
}

inline std::string show_addresses(mm::address_list const& list) {
  std::string out;
  for (auto const& e : list) {
    if (!out.empty()) out += ", ";
    if (auto const* a = std::get_if<mm::address>(&e)) {
      out += show_address(*a);
      continue;
    }
    auto const& g = std::get<mm::address_group>(e);
    out += g.name + ": [";
    for (std::size_t i = 0; i < g.members.size(); ++i) out += (i ? ", " : "") + show_address(g.members[i]);
    out += "]";
  }
  return out;
}

inline void describe_part(mm::part const& p, int indent, std::string& out) {
  std::string const pad(static_cast<std::size_t>(indent) * 2, ' ');
  out += pad + (p.section ? *p.section : "-") + " " + p.type + "/" + p.subtype + (p.type_defaulted ? " (default)" : "");
  out += " enc=" + p.encoding + " at=" + std::to_string(p.offset) + " header=" + std::to_string(p.header_octets) +
         " body=" + std::to_string(p.body_octets);
  if (p.body_lines) out += " lines=" + std::to_string(*p.body_lines);
  if (p.decoded_octets) out += " decoded=" + std::to_string(*p.decoded_octets) + " " + p.decoded_sha256->substr(0, 12);
  if (p.kind == mm::entity_kind::multipart) {
    out += " preamble=" + std::to_string(p.preamble_octets) + " epilogue=" + std::to_string(p.epilogue_octets) +
           (p.closed ? "" : " unclosed");
  }
  for (auto const& x : p.params) out += " " + x.name + "=" + codec::quote_bytes(x.value);
  if (p.disposition) out += " disposition=" + p.disposition->type;
  if (p.filename) out += " filename=" + codec::quote_bytes(*p.filename);
  for (auto const& d : p.defects) out += " !" + d.code + "@" + std::to_string(d.offset);
  out += "\n";
  if (p.envelope) {
    auto const& e = *p.envelope;
    if (e.subject) out += pad + "  subject: " + codec::quote_bytes(*e.subject) + "\n";
    if (e.from) out += pad + "  from: " + show_addresses(*e.from) + "\n";
    if (e.to) out += pad + "  to: " + show_addresses(*e.to) + "\n";
  }
  for (auto const& c : p.parts) describe_part(c, indent + 1, out);
}

inline std::string describe(mm::tree const& t) {
  std::string out = "octets=" + std::to_string(t.octets) + "\n";
  describe_part(t.root, 0, out);
  return out;
}

inline mm::tree parse_chunks(std::vector<std::string_view> const& chunks, mm::build_options const& o) {
  mm::parser p(o);
  std::error_code ec;
  for (auto c : chunks) EXPECT_EQ(p.put(c, ec), c.size());
  p.put_eof(ec);
  EXPECT_FALSE(ec);
  return p.take();
}

/** Parses `message` whole (with `keep`, so the octets are kept), checks that every split into two
    pieces (every `stride`-th one for long messages) and octet-by-octet feeding give the same tree, and
    that serialize() gives the message back and parses to the same tree again. Returns the tree. */
inline mm::tree grind_tree(std::string_view message, mm::build_options o = {}) {
  o.keep = true;
  mm::tree const whole = parse_chunks({message}, o);
  std::size_t const stride = message.size() > 3000 ? message.size() / 1500 : 1;
  for (std::size_t cut = 1; cut < message.size(); cut += stride) {
    mm::tree const split = parse_chunks({message.substr(0, cut), message.substr(cut)}, o);
    if (!(split == whole)) {
      EXPECT_EQ(describe(whole), describe(split)) << "split at " << cut;
      ADD_FAILURE() << "the tree split at " << cut << " differs (in kept octets if the text above is equal)";
      break;
    }
  }
  std::vector<std::string_view> octets;
  for (std::size_t i = 0; i < message.size(); ++i) octets.push_back(message.substr(i, 1));
  EXPECT_TRUE(parse_chunks(octets, o) == whole) << "fed one octet at a time";
  auto const back = mm::serialize(whole);
  EXPECT_TRUE(back && *back == message) << "serialize() does not give the message back";
  if (back) {
    EXPECT_TRUE(parse_chunks({*back}, o) == whole) << "parse -> serialize -> parse is no fixed point";
  }
  return whole;
}

/// The part at an IMAP section ("" for the root).
inline mm::part const* find_section(mm::part const& p, std::string_view section) {
  if (p.section && *p.section == section) return &p;
  for (auto const& c : p.parts) {
    if (auto const* f = find_section(c, section)) return f;
  }
  return nullptr;
}

inline bool has_defect(mm::part const& p, std::string_view code) {
  for (auto const& d : p.defects) {
    if (d.code == code) return true;
  }
  for (auto const& c : p.parts) {
    if (has_defect(c, code)) return true;
  }
  return false;
}

}  // namespace mailspec::testing
