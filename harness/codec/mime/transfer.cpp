#include "codec/mime/transfer.hpp"

#include "codec/common/base64.hpp"

#include <algorithm>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace mailspec::codec::mime {
namespace {

constexpr std::size_t max_line = 76;        // RFC 2045 §6.7 rule 5, §6.8
constexpr std::size_t max_held_space = 998;  // longer runs are data, not transport padding
constexpr char hex_digits[] = "0123456789ABCDEF";

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// decoder_base

namespace detail {

bool decoder_base::fail(error e, std::size_t at) {
  failed_ = true;
  error_ = e;
  error_offset_ = at;
  return false;
}

bool decoder_base::deviation(error e, char const* code, char const* detail, std::size_t at) {
  if (mode_ == parse_mode::strict) return fail(e, at);
  warnings_.add(at, code, detail);
  return true;
}

bool decoder_base::count_line(unsigned char c) {
  if (c == '\n') {
    line_length_ = 0;
  } else if (c != '\r' && ++line_length_ == max_line + 1) {
    return deviation(error::line_too_long, "line-too-long", "encoded line over 76 characters");
  }
  return true;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// base64

std::size_t base64_decoder::put(std::string_view in, std::error_code& ec) {
  ec.clear();
  if (failed_) {
    ec = error_;
    return 0;
  }
  for (std::size_t i = 0; i < in.size();) {
    if (stopped_) {  // the padding ended the data
      offset_ += in.size() - i;
      return in.size();
    }
    // Whole quanta in bulk (a 76-character line at a time), then the line break octet by octet.
    std::size_t const n = quanta_.put_quanta(in.data() + i, std::min(in.size() - i, line_room()), output_);
    if (n > 0) {
      line_length_ += n;
      offset_ += n;
      i += n;
      continue;
    }
    if (!on_octet(static_cast<unsigned char>(in[i])) && !stopped_) {
      ec = error_;
      return i;
    }
    ++offset_;
    ++i;
  }
  return in.size();
}

void base64_decoder::put_eof(std::error_code& ec) {
  ec.clear();
  if (!failed_ && !stopped_) quanta_.finish(output_, [this](base64_irregularity i) { return on_irregularity(i); });
  if (failed_) ec = error_;
}

bool base64_decoder::on_octet(unsigned char c) {
  if (!count_line(c)) return false;
  return quanta_.put(static_cast<char>(c), output_, [this](base64_irregularity i) { return on_irregularity(i); });
}

// Lenient mode reads on as base64_stream_decoder describes; strict mode stops at the octet.
bool base64_decoder::on_irregularity(base64_irregularity irregularity) {
  switch (irregularity) {
    case base64_irregularity::bad_char:
      return deviation(error::bad_base64_char, "bad-base64-char", "octet outside base64 dropped");
    case base64_irregularity::misplaced_padding:
      return deviation(error::bad_padding, "misplaced-padding", "'=' where no padding fits dropped");
    case base64_irregularity::short_padding:
      return deviation(error::bad_padding, "short-padding", "one '=' where two are needed");
    case base64_irregularity::data_after_padding:
      if (mode_ == parse_mode::lenient && after_ == after_padding::stop) {
        stopped_ = deviation(error::bad_padding, "data-after-padding", "the padding ended the data: the rest is skipped");
        return false;  // read nothing more (put() sees stopped_, not a failure)
      }
      return deviation(error::bad_padding, "data-after-padding", "base64 data after the padding");
    case base64_irregularity::truncated:
      return deviation(error::unexpected_eof, "truncated-quantum", "data ends inside a quantum");
  }
  return fail(error::bad_base64_char, offset_);
}

std::string base64_encode_mime(std::string_view data, std::size_t line) {
  std::string const flat = base64_encode(data);
  if (line == 0 || flat.size() <= line) return flat;
  std::string out;
  out.reserve(flat.size() + flat.size() / line * 2);
  for (std::size_t at = 0; at < flat.size(); at += line) {
    if (at > 0) out += "\r\n";
    out.append(flat, at, line);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// quoted-printable

std::size_t qp_decoder::put(std::string_view in, std::error_code& ec) {
  ec.clear();
  if (failed_) {
    ec = error_;
    return 0;
  }
  for (std::size_t i = 0; i < in.size();) {
    if (std::size_t const n = bulk(in.substr(i)); n > 0) {
      i += n;
      continue;
    }
    if (!on_octet(static_cast<unsigned char>(in[i]))) {
      ec = error_;
      return i;
    }
    ++offset_;
    ++i;
  }
  return in.size();
}

namespace {

bool upper_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

// Length of the prefix of s[0..n) made of SP and 33-126 but "=": octets quoted-printable copies as they
// are, if the white space among them turns out to be inside the line. Sixteen at a time with SSE2.
std::size_t plain_prefix(char const* s, std::size_t n) {
  std::size_t i = 0;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    __m128i const c = _mm_loadu_si128(reinterpret_cast<__m128i const*>(s + i));
    __m128i ok = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8(31)), _mm_cmplt_epi8(c, _mm_set1_epi8(127)));
    ok = _mm_andnot_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('=')), ok);
    if (int const stop = _mm_movemask_epi8(ok) ^ 0xFFFF) return i + static_cast<std::size_t>(__builtin_ctz(stop));
  }
#endif
  for (; i < n; ++i) {
    auto const c = static_cast<unsigned char>(s[i]);
    if (c < 32 || c > 126 || c == '=') break;
  }
  return i;
}

}  // namespace

// The octets at the start of `in` that decode plainly, appended in bulk: literal octets (33-126 but "="),
// SP between them (white space inside the line, rule 3), and "=HH" with upper-case hex. Stops before
// anything else (line breaks, white space that may end a line, soft breaks, deviations), which on_octet()
// reads, and before the octet where count_line() would warn. Returns the octets consumed.
std::size_t qp_decoder::bulk(std::string_view in) {
  if (state_ != state::text || !space_.empty()) return 0;
  std::size_t const max = std::min(in.size(), line_room());
  std::size_t i = 0, copied = 0;
  while (i < max) {
    std::size_t end = i + plain_prefix(in.data() + i, max - i);
    bool const escape = end < max && in[end] == '=';
    if (!escape) {
      while (end > i && in[end - 1] == ' ') --end;  // white space before a line break is not data
    }
    i = end;
    if (!escape || i + 2 >= max || !upper_hex(in[i + 1]) || !upper_hex(in[i + 2])) break;
    output_.append(in.data() + copied, i - copied);
    output_ += static_cast<char>(hex_value(static_cast<unsigned char>(in[i + 1])) << 4 |
                                 hex_value(static_cast<unsigned char>(in[i + 2])));
    i += 3;
    copied = i;
  }
  output_.append(in.data() + copied, i - copied);
  line_length_ += i;
  offset_ += i;
  return i;
}

void qp_decoder::put_eof(std::error_code& ec) {
  ec.clear();
  if (failed_) {
    ec = error_;
    return;
  }
  switch (state_) {
    case state::text:
      if (!space_.empty() &&
          deviation(error::trailing_space, "trailing-space", "white space at the end deleted")) {
        space_.clear();
      }
      break;
    case state::cr:
      if (deviation(error::bare_line_break, "bare-cr", "CR without LF at the end")) {
        flush_space();
        output_ += '\r';
      }
      break;
    case state::hex:
      if (deviation(error::unexpected_eof, "truncated-escape", "'=' and one digit at the end")) {
        output_ += '=';
        output_ += hex1_;
      }
      break;
    default:  // "=" at the very end: a soft break without its CRLF
      if (deviation(error::unexpected_eof, "equals-at-end", "'=' at the end dropped")) {
        space_.clear();
      }
      break;
  }
  state_ = state::text;
  if (failed_) ec = error_;
}

bool qp_decoder::on_octet(unsigned char c) {
  if (!count_line(c)) return false;
  switch (state_) {
    case state::text: return on_text(c);
    case state::cr: return on_cr(c);
    case state::equals: return on_equals(c);
    case state::hex: return on_hex(c);
    case state::equals_space: return on_equals_space(c);
    case state::equals_cr: return on_equals_cr(c);
  }
  return false;
}

bool qp_decoder::on_text(unsigned char c) {
  switch (c) {
    case ' ':
    case '\t': hold_space(c); return true;
    case '\r': state_ = state::cr; return true;
    case '\n':
      if (!deviation(error::bare_line_break, "bare-lf", "LF without CR")) return false;
      return hard_break("\n");
    case '=':
      flush_space();  // white space followed by "=" is inside the line
      state_ = state::equals;
      return true;
    default: break;
  }
  flush_space();
  if ((c < 33 || c > 126) &&
      !deviation(error::bad_qp_char, "unencoded-octet", "octet that must be encoded as =HH")) {
    return false;
  }
  output_ += static_cast<char>(c);
  return true;
}

bool qp_decoder::on_cr(unsigned char c) {
  if (c == '\n') return hard_break("\r\n");
  if (!deviation(error::bare_line_break, "bare-cr", "CR without LF", offset_ - 1)) return false;
  flush_space();
  output_ += '\r';
  state_ = state::text;
  return on_text(c);
}

bool qp_decoder::on_equals(unsigned char c) {
  bool is_hex = false;
  if (!hex_digit(c, is_hex)) return false;
  if (is_hex) {
    hex1_ = static_cast<char>(c);
    state_ = state::hex;
    return true;
  }
  switch (c) {
    case '\r': state_ = state::equals_cr; return true;
    case '\n':
      if (!deviation(error::bare_line_break, "bare-lf", "soft line break with LF alone")) {
        return false;
      }
      return on_equals_cr(c);
    case ' ':
    case '\t':
      space_ += static_cast<char>(c);
      state_ = state::equals_space;
      return true;
    default: return bad_equals("=") && on_text(c);
  }
}

bool qp_decoder::on_hex(unsigned char c) {
  bool is_hex = false;
  if (!hex_digit(c, is_hex)) return false;
  if (!is_hex) return bad_equals(std::string{'=', hex1_}) && on_text(c);
  auto const high = hex_value(static_cast<unsigned char>(hex1_));
  output_ += static_cast<char>(high << 4 | hex_value(c));
  state_ = state::text;
  return true;
}

// "=" then white space: transport padding before a soft break's CRLF, or a stray "=".
bool qp_decoder::on_equals_space(unsigned char c) {
  if ((c == ' ' || c == '\t') && space_.size() < max_held_space) {
    space_ += static_cast<char>(c);
    return true;
  }
  if (c == '\r') {
    state_ = state::equals_cr;
    return true;
  }
  if (c == '\n') {
    if (!deviation(error::bare_line_break, "bare-lf", "soft line break with LF alone")) {
      return false;
    }
    return on_equals_cr(c);
  }
  return bad_equals("=" + std::exchange(space_, {})) && on_text(c);
}

bool qp_decoder::on_equals_cr(unsigned char c) {
  if (c == '\n') {  // soft line break
    if (!space_.empty()) {
      if (!deviation(error::trailing_space, "trailing-space", "white space after '=' deleted")) {
        return false;
      }
      space_.clear();
    }
    state_ = state::text;
    return true;
  }
  if (!deviation(error::bare_line_break, "bare-cr", "CR without LF", offset_ - 1)) return false;
  output_ += '=';
  flush_space();
  output_ += '\r';
  state_ = state::text;
  return on_text(c);
}

bool qp_decoder::hex_digit(unsigned char c, bool& is_hex) {
  is_hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  if (c >= 'a' && c <= 'f') {
    is_hex = true;
    return deviation(error::bad_qp_escape, "lowercase-hex", "=HH with lower-case hex");
  }
  return true;
}

void qp_decoder::hold_space(unsigned char c) {
  space_ += static_cast<char>(c);
  if (space_.size() > max_held_space) flush_space();
}

void qp_decoder::flush_space() {
  output_ += space_;
  space_.clear();
}

bool qp_decoder::hard_break(char const* line_break) {
  if (!space_.empty()) {
    if (!deviation(error::trailing_space, "trailing-space", "white space at line end deleted")) {
      return false;
    }
    space_.clear();  // rule 3: added in transit, not part of the data
  }
  output_ += line_break;
  state_ = state::text;
  return true;
}

bool qp_decoder::bad_equals(std::string const& kept) {
  if (!deviation(error::bad_qp_escape, "bad-equals", "'=' without two hex digits or CRLF kept")) {
    return false;
  }
  output_ += kept;
  state_ = state::text;
  return true;
}

std::string qp_encode(std::string_view data, bool binary) {
  std::string out;
  out.reserve(data.size() + data.size() / 8);
  std::size_t line = 0;
  auto const crlf_at = [&](std::size_t i) {
    return !binary && i + 1 < data.size() && data[i] == '\r' && data[i + 1] == '\n';
  };
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (crlf_at(i)) {
      out += "\r\n";
      line = 0;
      ++i;
      continue;
    }
    auto const c = static_cast<unsigned char>(data[i]);
    bool const line_end = i + 1 == data.size() || crlf_at(i + 1);
    bool const literal =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
    std::size_t const width = literal ? 1 : 3;
    // A line holds 76 characters, the "=" of a soft break included.
    if (line + width > (line_end ? max_line : max_line - 1)) {
      out += "=\r\n";
      line = 0;
    }
    if (literal) {
      out += static_cast<char>(c);
    } else {
      out += '=';
      out += hex_digits[c >> 4];
      out += hex_digits[c & 15];
    }
    line += width;
  }
  return out;
}

}  // namespace mailspec::codec::mime
