#include "codec/common/base64.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MAILSPEC_BASE64_AVX2 1
#endif

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

namespace {

// Whole quanta from `src`, scalar: returns the characters decoded (a multiple of four).
std::size_t decode_quanta(unsigned char const* src, std::size_t n, char* dst) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4, dst += 3) {
    std::uint32_t const a = sextet_values.value[src[i]], b = sextet_values.value[src[i + 1]],
                        c = sextet_values.value[src[i + 2]], d = sextet_values.value[src[i + 3]];
    if ((a | b | c | d) & 0x80) break;
    std::uint32_t const v = a << 18 | b << 12 | c << 6 | d;
    dst[0] = static_cast<char>(v >> 16);
    dst[1] = static_cast<char>(v >> 8 & 0xff);
    dst[2] = static_cast<char>(v & 0xff);
  }
  return i;
}

#ifdef MAILSPEC_BASE64_AVX2
// 32 characters at a time while all are in the alphabet: each character's sextet by range (A-Z, a-z, 0-9,
// "+", "/"), then four sextets of a 32-bit lane merged into 24 bits (a<<18 | b<<12 | c<<6 | d) with two
// multiply-adds, and the three octets of each lane gathered in order. Writes 32 octets per 24 decoded:
// `dst` needs 8 spare octets. Returns the characters decoded (a multiple of 32).
// The octets of `c` in lo..hi (all below 0x80, so the signed comparison is the unsigned one).
__attribute__((target("avx2"))) inline __m256i in_range(__m256i c, char lo, char hi) {
  return _mm256_and_si256(_mm256_cmpgt_epi8(c, _mm256_set1_epi8(static_cast<char>(lo - 1))),
                          _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(hi + 1)), c));
}

__attribute__((target("avx2"))) std::size_t decode_blocks_avx2(unsigned char const* src, std::size_t n, char* dst) {
  __m256i const pack_in_lane = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                                                2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  __m256i const pack_lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32, dst += 24) {
    __m256i const c = _mm256_loadu_si256(reinterpret_cast<__m256i const*>(src + i));
    __m256i const upper = in_range(c, 'A', 'Z'), lower = in_range(c, 'a', 'z'), digit = in_range(c, '0', '9');
    __m256i const plus = _mm256_cmpeq_epi8(c, _mm256_set1_epi8('+')), slash = _mm256_cmpeq_epi8(c, _mm256_set1_epi8('/'));
    __m256i const valid = _mm256_or_si256(_mm256_or_si256(upper, lower), _mm256_or_si256(digit, _mm256_or_si256(plus, slash)));
    if (_mm256_movemask_epi8(valid) != -1) break;  // a character outside the alphabet: the scalar path reads it
    __m256i offset = _mm256_and_si256(upper, _mm256_set1_epi8(-65));
    offset = _mm256_or_si256(offset, _mm256_and_si256(lower, _mm256_set1_epi8(-71)));
    offset = _mm256_or_si256(offset, _mm256_and_si256(digit, _mm256_set1_epi8(4)));
    offset = _mm256_or_si256(offset, _mm256_and_si256(plus, _mm256_set1_epi8(19)));
    offset = _mm256_or_si256(offset, _mm256_and_si256(slash, _mm256_set1_epi8(16)));
    __m256i const v = _mm256_add_epi8(c, offset);
    __m256i const pairs = _mm256_maddubs_epi16(v, _mm256_set1_epi32(0x01400140));
    __m256i const lanes = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00011000));
    __m256i const out = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(lanes, pack_in_lane), pack_lanes);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), out);
  }
  return i;
}

bool has_avx2() {
  static bool const yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

}  // namespace

std::size_t base64_stream_decoder::put_quanta(char const* p, std::size_t n, std::string& out) {
  if (count_ != 0 || pads_ != 0 || ended_) return 0;
  n -= n % 4;
  std::size_t const old = out.size();
  out.resize(old + n / 4 * 3 + 8);  // 8 spare octets for the 32-octet stores
  auto const* src = reinterpret_cast<unsigned char const*>(p);
  char* dst = out.data() + old;
  std::size_t done = 0;
#ifdef MAILSPEC_BASE64_AVX2
  if (n >= 32 && has_avx2()) done = decode_blocks_avx2(src, n, dst);
#endif
  done += decode_quanta(src + done, n - done, dst + done / 4 * 3);
  out.resize(old + done / 4 * 3);
  return done;
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
