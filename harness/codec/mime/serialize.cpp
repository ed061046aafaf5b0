// The message back from a tree that kept its octets: every octet the reader passed on sits in exactly
// one place of part::raw, so writing them in order gives the input again.
#include "codec/mime/tree.hpp"

namespace mailspec::codec::mime {
namespace {

void write(part const& p, std::string& out) {
  out += p.raw.delimiter;
  out += p.raw.header;
  switch (p.kind) {
    case entity_kind::leaf: out += p.raw.body; break;
    case entity_kind::message:
      for (auto const& c : p.parts) write(c, out);
      break;
    case entity_kind::multipart:
      out += p.raw.preamble;
      for (auto const& c : p.parts) write(c, out);
      out += p.raw.close;
      out += p.raw.epilogue;
      break;
  }
}

}  // namespace

std::optional<std::string> serialize(tree const& t) {
  if (!t.complete) return std::nullopt;
  std::string out;
  out.reserve(t.octets);
  write(t.root, out);
  if (out.size() != t.octets) return std::nullopt;  // not built with `keep`
  return out;
}

}  // namespace mailspec::codec::mime
