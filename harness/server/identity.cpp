#include "server/identity.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mailspec::server {

namespace {

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  }
  return true;
}

/// A tiny reader of RFC 2971's id-params-list over the client's octets.
class id_reader {
 public:
  explicit id_reader(std::string_view s) : s_(s) {}
  void spaces() {
    while (at_ < s_.size() && s_[at_] == ' ') ++at_;
  }
  bool eat(char c) {
    if (at_ < s_.size() && s_[at_] == c) return ++at_, true;
    return false;
  }
  bool nil() {
    if (!iequals_prefix(s_.substr(at_), "NIL")) return false;
    at_ += 3;
    return true;
  }
  /// A quoted string or a literal; nullopt for NIL; false in `ok` on anything else.
  std::optional<std::string> nstring(bool& ok) {
    spaces();
    ok = true;
    if (nil()) return std::nullopt;
    if (eat('"')) {
      std::string out;
      while (at_ < s_.size() && s_[at_] != '"') {
        if (s_[at_] == '\\' && at_ + 1 < s_.size()) ++at_;
        if (s_[at_] == '\r' || s_[at_] == '\n') break;
        out += s_[at_++];
      }
      ok = eat('"');
      return out;
    }
    if (eat('{')) {
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(s_.data() + at_, s_.data() + s_.size(), n);
      at_ = static_cast<std::size_t>(end - s_.data());
      eat('+');
      ok = ec == std::errc() && eat('}') && eat('\r') && eat('\n') && at_ + n <= s_.size();
      if (!ok) return std::string();
      std::string out(s_.substr(at_, n));
      at_ += n;
      return out;
    }
    ok = false;
    return std::string();
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace

std::optional<std::vector<std::pair<std::string, std::optional<std::string>>>> imap_id_of(std::string_view octets) {
  for (std::size_t line = 0; line < octets.size();) {
    std::size_t const eol = std::min(octets.find('\n', line), octets.size());
    std::string_view const l = octets.substr(line, eol - line);
    std::size_t const sp = l.find(' ');
    if (sp != std::string_view::npos && sp > 0 && iequals_prefix(l.substr(sp + 1), "ID ")) {
      id_reader rd(octets.substr(line + sp + 4));
      rd.spaces();
      std::vector<std::pair<std::string, std::optional<std::string>>> out;
      if (rd.nil()) return out;
      if (rd.eat('(')) {
        for (;;) {
          rd.spaces();
          if (rd.eat(')')) return out;
          bool ok = false;
          auto key = rd.nstring(ok);
          if (!ok || !key) break;
          auto value = rd.nstring(ok);
          if (!ok) break;
          out.emplace_back(std::move(*key), std::move(value));
          if (out.size() >= 30) return out;  // RFC 2971 §3.3: at most 30 pairs
        }
        return out;  // what could be read of a malformed list
      }
    }
    line = eol + 1;
  }
  return std::nullopt;
}

std::string user_agent_of(std::string_view octets) {
  for (std::size_t line = 0; line < octets.size();) {
    std::size_t const eol = std::min(octets.find('\n', line), octets.size());
    std::string_view l = octets.substr(line, eol - line);
    for (std::string_view name : {"User-Agent:", "X-Mailer:"}) {
      if (!iequals_prefix(l, name)) continue;
      l.remove_prefix(name.size());
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
      if (!l.empty()) return std::string(l.substr(0, 200));
    }
    line = eol + 1;
  }
  return {};
}

void identify_client(script::case_result& r, bool imap) {
  std::string client;
  for (auto const& e : r.transcript) {
    if (e.conn != "main") continue;
    if (e.dir == session::direction::client) client += e.data;
    if (e.dir == session::direction::note && e.data.rfind("TLS established: ", 0) == 0) {
      r.client_tls = true;
      std::string_view v = std::string_view(e.data).substr(17);
      r.client_tls_version = std::string(v.substr(0, v.find(' ')));
    }
  }
  if (imap) r.client_imap_id = imap_id_of(client);
  r.client_user_agent = user_agent_of(client);
}

}  // namespace mailspec::server
