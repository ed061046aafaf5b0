// The MIME parser (reader + tree builder). Options: bit 0 keep every octet, bit 1 structure only (no
// decoding), bit 2 tiny limits. The tree is the same whole and split; it accounts for every octet; its
// depth, part count and defects stay within the limits; kept octets serialize back to the input, which
// parses to the same tree (the round trip).
#include "codec/mime/tree.hpp"
#include "fuzz_driver.hpp"

using namespace mailspec;
using namespace mailspec::codec;

namespace {

std::size_t count_parts(mime::part const& p, std::size_t depth, std::size_t& max_depth) {
  max_depth = std::max(max_depth, depth);
  std::size_t n = 1;
  for (auto const& c : p.parts) n += count_parts(c, depth + 1, max_depth);
  return n;
}

std::size_t count_defects(mime::part const& p) {
  std::size_t n = p.defects.size();
  for (auto const& c : p.parts) n += count_defects(c);
  return n;
}

mime::tree parse(mime::build_options const& o, std::string_view body, fuzz::chunker chunks) {
  mime::parser p(o);
  std::error_code ec;
  while (!body.empty()) {
    auto const piece = body.substr(0, chunks.next(body.size()));
    FUZZ_CHECK(p.put(piece, ec) == piece.size() && !ec);
    body.remove_prefix(piece.size());
  }
  p.put_eof(ec);
  return p.take();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const in = fuzz::read_input(data, size);
  mime::build_options o;
  o.keep = in.options & 1;
  o.decode = !(in.options & 2);
  if (in.options & 4) o.limits = {4, 8, 256, 64};
  auto const whole = parse(o, in.body, fuzz::chunker::whole());
  FUZZ_CHECK(whole == parse(o, in.body, fuzz::chunker(in.split)));
  FUZZ_CHECK(whole.octets == in.body.size());
  std::size_t depth = 0;
  FUZZ_CHECK(count_parts(whole.root, 1, depth) <= o.limits.max_parts && depth <= o.limits.max_depth);
  FUZZ_CHECK(count_defects(whole.root) <= o.max_defects + 1);
  if (o.keep) {
    auto const back = mime::serialize(whole);
    FUZZ_CHECK(back && *back == in.body);
    FUZZ_CHECK(parse(o, *back, fuzz::chunker(in.split)) == whole);
  }
  return 0;
}
