#pragma once
// A generated mail corpus for the MIME benchmark: deterministic (xorshift), no file read or written.
// Mostly what mail is made of by volume: quoted-printable text and HTML, base64 attachments with RFC 2231
// filenames, forwarded messages, RFC 2047 subjects and display names.
#include <cstdint>
#include <string>
#include <vector>

#include "codec/mime/transfer.hpp"

namespace mailspec::bench {

class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return s_;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t s_;
};

inline std::string text(rng& r, std::size_t octets) {
  static char const* const words[] = {"the", "report", "quarter", "numbers", "meeting", "Grüße", "attached",
                                      "please", "review", "café", "schedule", "naïve", "update", "project",
                                      "thanks", "regards", "tomorrow", "budget", "résumé", "deadline"};
  std::string out;
  std::size_t line = 0;
  while (out.size() < octets) {
    std::string const w = words[r.below(20)];
    if (line + w.size() > 70) {
      out += "\r\n";
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += w;
    line += w.size();
  }
  return out + "\r\n";
}

inline std::string binary(rng& r, std::size_t octets) {
  std::string out(octets, '\0');
  for (std::size_t i = 0; i < octets; i += 8) {
    std::uint64_t v = r.next();
    for (std::size_t k = 0; k < 8 && i + k < octets; ++k, v >>= 8) out[i + k] = static_cast<char>(v);
  }
  return out;
}

inline std::string envelope(rng& r, std::size_t n) {
  return "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg" + std::to_string(n) + "@example.test>\r\n"
         "To: Alice <alice@example.test>, \"Bob B.\" <bob@example.test>, carol@example.test\r\n"
         "Cc: Team: dave@example.test, Eve <eve@example.test>;\r\n"
         "Subject: =?UTF-8?B?UXVhcnRhbHNiZXJpY2h0IDIwMjQg4oCTIEdyw7zDn2U=?= #" + std::to_string(r.below(1000)) + "\r\n"
         "Date: Mon, 1 Jan 2024 10:00:00 +0100\r\nMessage-ID: <bench-" + std::to_string(n) + "@example.test>\r\n"
         "MIME-Version: 1.0\r\n";
}

inline std::string qp_part(rng& r, char const* subtype, std::size_t octets) {
  return std::string("Content-Type: text/") + subtype + "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
         codec::mime::qp_encode(text(r, octets));
}

inline std::string attachment(rng& r, std::size_t octets) {
  return "Content-Type: application/pdf; name=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment;\r\n filename*=UTF-8''Gr%C3%B6%C3%9Fe%20Bericht.pdf\r\n\r\n" +
         codec::mime::base64_encode_mime(binary(r, octets)) + "\r\n";
}

inline std::string alternative(rng& r, std::size_t octets, std::string const& boundary) {
  return "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n" +
         qp_part(r, "plain", octets) + "\r\n--" + boundary + "\r\n" + qp_part(r, "html", octets * 2) + "\r\n--" +
         boundary + "--\r\n";
}

/// One message of the corpus; `n` picks its kind and seeds its content.
inline std::string message(std::size_t n) {
  rng r(n);
  std::string m = envelope(r, n);
  switch (n % 10) {
    case 0: case 1: case 2: case 3:
      return m + qp_part(r, "plain", 2000 + r.below(20000));
    case 4: case 5: case 6:
      return m + alternative(r, 3000 + r.below(15000), "alt-" + std::to_string(n));
    case 7: case 8: {
      std::string const b = "mixed-" + std::to_string(n);
      m += "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\nThis is a multi-part message in MIME format.\r\n";
      m += "--" + b + "\r\n" + qp_part(r, "plain", 1000 + r.below(4000));
      for (std::size_t k = 1 + r.below(3); k > 0; --k) m += "\r\n--" + b + "\r\n" + attachment(r, 20000 + r.below(400000));
      return m + "\r\n--" + b + "--\r\n";
    }
    default: {
      std::string const b = "fwd-" + std::to_string(n);
      return m + "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n" + qp_part(r, "plain", 500) +
             "\r\n--" + b + "\r\nContent-Type: message/rfc822\r\n\r\n" + envelope(r, n + 1) +
             alternative(r, 4000, "inner-" + std::to_string(n)) + "\r\n--" + b + "--\r\n";
    }
  }
}

/// Messages until `octets` are reached.
inline std::vector<std::string> corpus(std::size_t octets) {
  std::vector<std::string> out;
  std::size_t total = 0;
  for (std::size_t n = 0; total < octets; ++n) {
    out.push_back(message(n));
    total += out.back().size();
  }
  return out;
}

}  // namespace mailspec::bench
