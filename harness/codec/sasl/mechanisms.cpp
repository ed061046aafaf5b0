#include "codec/sasl/mechanisms.hpp"

#include "codec/sasl/base64.hpp"

#include <algorithm>
#include <vector>

namespace mailspec::codec::sasl {
namespace {

constexpr std::size_t max_plain_field = 255;  // RFC 4616 §2: up to 255 octets each

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    auto const at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// attr-val = ALPHA "=" value; value = 1*value-char (any UTF-8 but NUL and ",").
bool is_attr_val(std::string_view part) {
  return part.size() >= 3 && is_alpha(part[0]) && part[1] == '=' &&
         part.find('\0') == std::string_view::npos;
}

bool has_attr(std::string_view part, char name) {
  return part.size() >= 2 && part[0] == name && part[1] == '=';
}

// printable = %x21-2B / %x2D-7E: the characters of a nonce.
bool is_nonce(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c >= 0x21 && c <= 0x7e && c != ',';
  });
}

std::optional<std::uint32_t> parse_positive(std::string_view s) {
  if (s.empty() || s[0] < '1' || s[0] > '9') return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > UINT32_MAX) return std::nullopt;
  }
  return static_cast<std::uint32_t>(v);
}

template <class T>
std::optional<T> failed(std::error_code& ec, error e) {
  ec = e;
  return std::nullopt;
}

bool valid_extensions(std::vector<std::string_view> const& parts, std::size_t from) {
  return std::all_of(parts.begin() + static_cast<std::ptrdiff_t>(from), parts.end(), is_attr_val);
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// cb-name = 1*(ALPHA / DIGIT / "." / "-") (RFC 5802 §7, after RFC 5056 §7).
bool is_cb_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

// RFC 5802 §5.1: m= in a client message MUST fail the exchange, wherever it stands.
bool has_mandatory_extension(std::vector<std::string_view> const& parts, std::size_t from) {
  return std::any_of(parts.begin() + static_cast<std::ptrdiff_t>(from), parts.end(),
                     [](std::string_view p) { return has_attr(p, 'm'); });
}

struct gs2_header {
  char flag = 'n';
  std::string_view authzid_escaped;  // after "a=" (never empty), empty when absent
  std::size_t size = 0;              // octets up to and including the second ","
};

// gs2-header = gs2-cbind-flag "," [ authzid ] ","; the "F," of RFC 5801 is not SCRAM's (§7).
std::optional<gs2_header> parse_gs2_header(std::string_view msg) {
  gs2_header h;
  auto const first = msg.find(',');
  if (first == std::string_view::npos) return std::nullopt;
  auto const flag = msg.substr(0, first);
  if (flag == "n" || flag == "y") {
    h.flag = flag[0];
  } else if (flag.starts_with("p=") && is_cb_name(flag.substr(2))) {
    h.flag = 'p';
  } else {
    return std::nullopt;
  }
  auto const second = msg.find(',', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto const authzid = msg.substr(first + 1, second - first - 1);
  if (!authzid.empty() && !(has_attr(authzid, 'a') && is_attr_val(authzid))) return std::nullopt;
  h.authzid_escaped = authzid.empty() ? authzid : authzid.substr(2);
  h.size = second + 1;
  return h;
}

}  // namespace

std::string plain_message(std::string_view authzid, std::string_view authcid,
                          std::string_view password) {
  std::string out;
  out.reserve(authzid.size() + authcid.size() + password.size() + 2);
  out.append(authzid).append(1, '\0').append(authcid).append(1, '\0').append(password);
  return out;
}

std::optional<plain_fields> parse_plain(std::string_view message, std::error_code& ec) {
  ec.clear();
  auto const parts = split(message, '\0');
  if (parts.size() != 3) return failed<plain_fields>(ec, error::bad_plain);
  if (parts[1].empty() || parts[2].empty()) return failed<plain_fields>(ec, error::empty_field);
  for (auto const part : parts) {
    if (part.size() > max_plain_field) return failed<plain_fields>(ec, error::field_too_long);
  }
  return plain_fields{std::string(parts[0]), std::string(parts[1]), std::string(parts[2])};
}

std::string cram_md5_response(std::string_view user, std::string_view hex_digest) {
  std::string out(user);
  out += ' ';
  out += hex_digest;
  return out;
}

bool is_cram_challenge(std::string_view decoded) {
  if (decoded.size() < 5 || decoded.front() != '<' || decoded.back() != '>') return false;
  auto const inner = decoded.substr(1, decoded.size() - 2);
  auto const at = inner.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == inner.size()) return false;
  return std::all_of(inner.begin(), inner.end(), [](char c) {
    return c > 0x20 && c < 0x7f && c != '<' && c != '>';
  });
}

std::string scram_escape_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == ',') {
      out += "=2C";
    } else if (c == '=') {
      out += "=3D";
    } else {
      out += c;
    }
  }
  return out;
}

std::string scram_client_first_bare(std::string_view user, std::string_view client_nonce) {
  return "n=" + scram_escape_name(user) + ",r=" + std::string(client_nonce);
}

std::string scram_client_first(std::string_view user, std::string_view client_nonce) {
  return "n,," + scram_client_first_bare(user, client_nonce);
}

std::optional<scram_server_first> parse_scram_server_first(std::string_view msg,
                                                           std::string_view client_nonce,
                                                           std::error_code& ec) {
  using result = scram_server_first;
  ec.clear();
  auto const parts = split(msg, ',');
  if (has_attr(parts[0], 'm')) return failed<result>(ec, error::scram_extension);
  if (parts.size() < 3 || !has_attr(parts[0], 'r') || !has_attr(parts[1], 's') ||
      !has_attr(parts[2], 'i') || !valid_extensions(parts, 3)) {
    return failed<result>(ec, error::bad_scram_syntax);
  }
  auto const nonce = parts[0].substr(2);
  if (!is_nonce(nonce)) return failed<result>(ec, error::bad_scram_syntax);
  if (nonce.size() <= client_nonce.size() || nonce.substr(0, client_nonce.size()) != client_nonce) {
    return failed<result>(ec, error::nonce_mismatch);
  }
  auto salt = base64_decode(parts[1].substr(2));
  if (!salt) return failed<result>(ec, error::bad_base64);
  auto const iterations = parse_positive(parts[2].substr(2));
  if (!iterations) return failed<result>(ec, error::bad_iteration_count);
  return result{std::string(nonce), std::move(*salt), *iterations};
}

std::string scram_client_final_without_proof(std::string_view combined_nonce) {
  return "c=biws,r=" + std::string(combined_nonce);  // "biws" is base64 of the GS2 header "n,,"
}

std::string scram_auth_message(std::string_view client_first_bare, std::string_view server_first,
                               std::string_view client_final_without_proof) {
  std::string out(client_first_bare);
  out.append(1, ',').append(server_first).append(1, ',').append(client_final_without_proof);
  return out;
}

std::optional<scram_server_final> parse_scram_server_final(std::string_view msg,
                                                           std::error_code& ec) {
  using result = scram_server_final;
  ec.clear();
  auto const parts = split(msg, ',');
  if (!is_attr_val(parts[0]) || !valid_extensions(parts, 1)) {
    return failed<result>(ec, error::bad_scram_syntax);
  }
  auto const val = parts[0].substr(2);
  if (has_attr(parts[0], 'e')) return result{std::nullopt, std::string(val)};
  if (!has_attr(parts[0], 'v')) return failed<result>(ec, error::bad_scram_syntax);
  auto verifier = base64_decode(val);
  if (!verifier) return failed<result>(ec, error::bad_base64);
  return result{std::move(*verifier), std::nullopt};
}

// ---- Server side ----

std::string cram_challenge(std::string_view token, std::string_view host) {
  std::string out("<");
  out.append(token).append(1, '@').append(host).append(1, '>');
  return out;
}

std::optional<cram_md5_fields> parse_cram_md5_response(std::string_view decoded, std::error_code& ec,
                                                       bool strict) {
  using result = cram_md5_fields;
  constexpr std::size_t digest_size = 32;  // 16 octets of HMAC-MD5 in hex (RFC 2195 §2)
  ec.clear();
  auto const sp = decoded.rfind(' ');
  if (sp == std::string_view::npos || sp == 0) return failed<result>(ec, error::bad_cram_response);
  auto const digest = decoded.substr(sp + 1);
  if (digest.size() != digest_size || !std::all_of(digest.begin(), digest.end(), is_hex)) {
    return failed<result>(ec, error::bad_cram_digest);
  }
  bool const upper = std::any_of(digest.begin(), digest.end(), [](char c) { return c >= 'A' && c <= 'F'; });
  if (upper && strict) return failed<result>(ec, error::bad_cram_digest);
  result out{std::string(decoded.substr(0, sp)), std::string(digest), upper};
  std::transform(out.hex_digest.begin(), out.hex_digest.end(), out.hex_digest.begin(), lower);
  return out;
}

std::optional<std::string> scram_unescape_name(std::string_view saslname) {
  if (saslname.empty()) return std::nullopt;
  std::string out;
  out.reserve(saslname.size());
  for (std::size_t i = 0; i < saslname.size(); ++i) {
    char const c = saslname[i];
    if (c == '\0' || c == ',') return std::nullopt;
    if (c != '=') {
      out += c;
      continue;
    }
    auto const code = saslname.substr(i + 1, 2);
    if (code.size() == 2 && code[0] == '2' && lower(code[1]) == 'c') {
      out += ',';
    } else if (code.size() == 2 && code[0] == '3' && lower(code[1]) == 'd') {
      out += '=';
    } else {
      return std::nullopt;
    }
    i += 2;
  }
  return out;
}

std::optional<scram_client_first_fields> parse_scram_client_first(std::string_view msg, std::error_code& ec) {
  using result = scram_client_first_fields;
  ec.clear();
  auto const gs2 = parse_gs2_header(msg);
  if (!gs2) return failed<result>(ec, error::bad_scram_syntax);
  auto const bare = msg.substr(gs2->size);
  auto const parts = split(bare, ',');
  if (has_mandatory_extension(parts, 0)) return failed<result>(ec, error::scram_extension);
  if (parts.size() < 2 || !has_attr(parts[0], 'n') || !is_attr_val(parts[0]) || !has_attr(parts[1], 'r') ||
      !is_nonce(parts[1].substr(2)) || !valid_extensions(parts, 2)) {
    return failed<result>(ec, error::bad_scram_syntax);
  }
  // Syntax is checked, so what fails from here is a bad "=" escape, the RFC 5802 §5.1 failure.
  auto user = scram_unescape_name(parts[0].substr(2));
  std::optional<std::string> authzid = std::string();
  if (!gs2->authzid_escaped.empty()) authzid = scram_unescape_name(gs2->authzid_escaped);
  if (!user || !authzid) return failed<result>(ec, error::bad_scram_name);
  if (gs2->flag == 'p') return failed<result>(ec, error::channel_binding_unsupported);
  return result{gs2->flag,        std::move(*authzid),           std::string(msg.substr(0, gs2->size)),
                std::move(*user), std::string(parts[1].substr(2)), std::string(bare)};
}

std::string_view scram_requested_channel_binding(std::string_view msg) {
  if (!msg.starts_with("p=")) return {};
  auto const name = msg.substr(2);
  return name.substr(0, name.find(','));
}

std::string scram_server_first_message(std::string_view combined_nonce, std::string_view salt,
                                       std::uint32_t iterations) {
  return "r=" + std::string(combined_nonce) + ",s=" + base64_encode(salt) + ",i=" + std::to_string(iterations);
}

std::optional<scram_client_final_fields> parse_scram_client_final(std::string_view msg, std::error_code& ec) {
  using result = scram_client_final_fields;
  ec.clear();
  auto const parts = split(msg, ',');
  if (parts.size() < 3 || !has_attr(parts[0], 'c') || !has_attr(parts[1], 'r') || !has_attr(parts.back(), 'p') ||
      !is_nonce(parts[1].substr(2))) {
    return failed<result>(ec, error::bad_scram_syntax);
  }
  std::vector<std::string_view> const extensions(parts.begin() + 2, parts.end() - 1);
  if (has_mandatory_extension(extensions, 0)) return failed<result>(ec, error::scram_extension);
  if (!valid_extensions(extensions, 0)) return failed<result>(ec, error::bad_scram_syntax);
  auto cbind = base64_decode(parts[0].substr(2));
  auto proof = base64_decode(parts.back().substr(2));
  if (!cbind || !proof) return failed<result>(ec, error::bad_base64);
  auto const without_proof = msg.substr(0, msg.size() - parts.back().size() - 1);
  return result{std::move(*cbind), std::string(parts[1].substr(2)), std::move(*proof), std::string(without_proof)};
}

std::string scram_server_final_verifier(std::string_view server_signature) {
  return "v=" + base64_encode(server_signature);
}

std::string scram_server_final_error(std::string_view server_error_value) {
  return "e=" + std::string(server_error_value);
}

}  // namespace mailspec::codec::sasl
