#include "script/target_url.hpp"

#include <boost/url/parse.hpp>
#include <stdexcept>

namespace mailspec::script {

namespace {
struct scheme_info {
  char const* name;
  script::protocol proto;
  std::uint16_t port;
  bool implicit_tls;
};
constexpr scheme_info schemes[] = {
    {"smtp", protocol::smtp, 25, false},   {"smtps", protocol::smtp, 465, true},
    {"submission", protocol::smtp, 587, false}, {"pop3", protocol::pop3, 110, false},
    {"pop3s", protocol::pop3, 995, true},  {"imap", protocol::imap, 143, false},
    {"imaps", protocol::imap, 993, true},
};
}  // namespace

target parse_target(std::string const& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) {
    throw std::invalid_argument("'" + url + "' is not a URL; write it like imap://127.0.0.1:143 or smtp://mx.example.org");
  }
  std::string const scheme = parsed->scheme();
  scheme_info const* info = nullptr;
  for (auto const& s : schemes) {
    if (scheme == s.name) info = &s;
  }
  if (!info) {
    throw std::invalid_argument("unknown scheme '" + scheme +
                                "'; use smtp, smtps, submission, pop3, pop3s, imap or imaps");
  }
  target t;
  t.proto = info->proto;
  t.scheme = scheme;
  t.implicit_tls = info->implicit_tls;
  t.url = url;
  t.host = parsed->encoded_host();
  if (parsed->host_type() == boost::urls::host_type::ipv6) t.host = parsed->host_address();
  if (t.host.empty()) throw std::invalid_argument("'" + url + "' names no host");
  if (parsed->has_userinfo()) throw std::invalid_argument("put credentials in --user and --password-env, not in the URL");
  t.port = info->port;
  if (parsed->has_port()) {
    if (parsed->port_number() == 0) throw std::invalid_argument("port in '" + url + "' must be 1-65535");
    t.port = parsed->port_number();
  }
  return t;
}

}  // namespace mailspec::script
