#include "codec/mime/charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace mailspec::codec::mime {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::size_t max_charset_name = 64;
constexpr std::size_t max_cached = 16;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return lower(c); });
  return out;
}

// Registered charset names (RFC 2978) use letters, digits and a few punctuation marks. Anything else
// ("UTF-8//TRANSLIT", a path) is not handed to iconv_open.
bool plausible_name(std::string_view name) {
  if (name.empty() || name.size() > max_charset_name) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':' || c == '+' || c == '(' || c == ')';
  });
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 when there is none there (RFC 3629 §4).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto const at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char const c = at(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (at(i + k) < 0x80 || at(i + k) > 0xBF) return 0;
  }
  return n;
}

/// iconv descriptors opened per thread, by lower-case charset name (iconv_open loads a module: not per word).
class converter_cache {
 public:
  converter_cache() = default;
  converter_cache(converter_cache const&) = delete;
  converter_cache& operator=(converter_cache const&) = delete;
  ~converter_cache() {
    for (auto& e : entries_) iconv_close(e.cd);
  }

  /// The descriptor for `name` (lower case), reset to its initial shift state; nullopt if unknown.
  std::optional<iconv_t> get(std::string const& name) {
    for (auto& e : entries_) {
      if (e.name == name) {
        iconv(e.cd, nullptr, nullptr, nullptr, nullptr);
        return e.cd;
      }
    }
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    if (entries_.size() == max_cached) {
      iconv_close(entries_.front().cd);
      entries_.erase(entries_.begin());
    }
    entries_.push_back({name, cd});
    return cd;
  }

 private:
  struct entry {
    std::string name;
    iconv_t cd;
  };
  std::vector<entry> entries_;
};

std::string convert(iconv_t cd, std::string_view octets, std::size_t& replaced) {
  std::string out;
  out.resize(octets.size() * 2 + 16);
  char* in = const_cast<char*>(octets.data());  // iconv's signature; it does not write the input
  std::size_t in_left = octets.size();
  std::size_t used = 0;
  bool flushing = false;
  while (true) {
    char* dst = out.data() + used;
    std::size_t dst_left = out.size() - used;
    std::size_t const r = flushing ? iconv(cd, nullptr, nullptr, &dst, &dst_left) : iconv(cd, &in, &in_left, &dst, &dst_left);
    used = out.size() - dst_left;
    if (r != static_cast<std::size_t>(-1)) {
      if (flushing) break;
      flushing = true;  // write the sequence that returns a stateful encoding to its initial state
      continue;
    }
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ: an invalid sequence; EINVAL: an incomplete one at the end. Either way one octet is replaced.
    out.resize(std::max(out.size(), used + replacement.size() + 16));
    out.replace(used, replacement.size(), replacement);
    used += replacement.size();
    ++replaced;
    if (in_left == 0) break;
    ++in;
    --in_left;
  }
  out.resize(used);
  return out;
}

bool is_utf8_name(std::string_view n) { return n == "utf-8" || n == "utf8"; }
bool is_ascii_name(std::string_view n) { return n == "us-ascii" || n == "ascii"; }

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t const n = utf8_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repair_utf8(std::string_view s, std::size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t const n = utf8_sequence(s, i);
    if (n == 0) {
      out += replacement;
      if (replaced) ++*replaced;
      ++i;
      continue;
    }
    out.append(s, i, n);
    i += n;
  }
  return out;
}

std::optional<std::string> to_utf8(std::string_view charset, std::string_view octets, std::size_t* replaced) {
  charset = charset.substr(0, charset.find('*'));  // RFC 2231 §5: charset*language
  if (!plausible_name(charset)) return std::nullopt;
  std::string const name = lower(charset);
  std::size_t count = 0;
  std::string out;
  bool const ascii_only = std::none_of(octets.begin(), octets.end(), [](char c) { return c & 0x80; });
  if (is_utf8_name(name) || (is_ascii_name(name) && ascii_only)) {
    out = repair_utf8(octets, &count);
  } else {
    thread_local converter_cache cache;
    auto const cd = cache.get(name);
    if (!cd) return std::nullopt;
    out = convert(*cd, octets, count);
  }
  if (replaced) *replaced += count;
  return out;
}

}  // namespace mailspec::codec::mime
