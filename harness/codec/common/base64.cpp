#include "codec/common/base64.hpp"

namespace mailspec::codec {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::uint32_t octet(std::string_view data, std::size_t i) { return static_cast<unsigned char>(data[i]); }

// base64_sextet() as a table: 0-63 for the alphabet, 0x80 for anything else.
struct sextet_table {
  std::uint8_t value[256];
  constexpr sextet_table() : value{} {
    for (int c = 0; c < 256; ++c) value[c] = 0x80;
    for (int i = 0; i < 64; ++i) value[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  }
};
constexpr sextet_table sextet_values{};

}  // namespace

int base64_sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    std::uint32_t const v = octet(data, i) << 16 | octet(data, i + 1) << 8 | octet(data, i + 2);
    out += alphabet[v >> 18];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  std::size_t const rest = data.size() - i;
  if (rest == 0) return out;
  std::uint32_t v = octet(data, i) << 16;
  if (rest == 2) v |= octet(data, i + 1) << 8;
  out += alphabet[v >> 18];
  out += alphabet[(v >> 12) & 63];
  out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
  out += '=';
  return out;
}

std::optional<std::string> base64_decode(std::string_view text, bool strict) {
  base64_stream_decoder decoder(!strict);
  std::string out;
  out.reserve(text.size() / 4 * 3);
  auto const refuse = [](base64_irregularity) { return false; };
  for (char c : text) {
    if (!decoder.put(c, out, refuse)) return std::nullopt;
  }
  // Not strict, the padding may be left out; what there is of it must be right, and one sextet
  // alone makes no octet.
  bool const padding_left_out = !strict && decoder.pads() == 0 && decoder.sextets() >= 2;
  if (!decoder.finish(out, [&](base64_irregularity) { return padding_left_out; })) return std::nullopt;
  if (strict && decoder.nonzero_pad_bits()) return std::nullopt;
  return out;
}

std::size_t base64_stream_decoder::put_quanta(char const* p, std::size_t n, std::string& out) {
  if (count_ != 0 || pads_ != 0 || ended_) return 0;
  std::size_t const max_groups = n / 4;
  std::size_t const old = out.size();
  out.resize(old + max_groups * 3);
  char* dst = out.data() + old;
  auto const* src = reinterpret_cast<unsigned char const*>(p);
  std::size_t groups = 0;
  for (; groups < max_groups; ++groups, src += 4, dst += 3) {
    std::uint32_t const a = sextet_values.value[src[0]], b = sextet_values.value[src[1]], c = sextet_values.value[src[2]],
                        d = sextet_values.value[src[3]];
    if ((a | b | c | d) & 0x80) break;
    std::uint32_t const v = a << 18 | b << 12 | c << 6 | d;
    dst[0] = static_cast<char>(v >> 16);
    dst[1] = static_cast<char>(v >> 8 & 0xff);
    dst[2] = static_cast<char>(v & 0xff);
  }
  out.resize(old + groups * 3);
  return groups * 4;
}

void base64_stream_decoder::add_sextet(std::uint32_t v, std::string& out) {
  quantum_ = quantum_ << 6 | v;
  if (++count_ < 4) return;
  out += static_cast<char>(quantum_ >> 16 & 0xff);
  out += static_cast<char>(quantum_ >> 8 & 0xff);
  out += static_cast<char>(quantum_ & 0xff);
  quantum_ = count_ = 0;
}

void base64_stream_decoder::end_quantum(std::string& out) {
  if (count_ == 2) {
    out += static_cast<char>(quantum_ >> 4 & 0xff);
    nonzero_pad_bits_ = nonzero_pad_bits_ || (quantum_ & 0xf) != 0;
  }
  if (count_ == 3) {
    out += static_cast<char>(quantum_ >> 10 & 0xff);
    out += static_cast<char>(quantum_ >> 2 & 0xff);
    nonzero_pad_bits_ = nonzero_pad_bits_ || (quantum_ & 0x3) != 0;
  }
  quantum_ = count_ = pads_ = 0;
  ended_ = true;
}

}  // namespace mailspec::codec
