// The built-in POP3 server (RFC 1939, RFC 2449 CAPA, RFC 5034 SASL, RFC 2595 STLS) on the INBOX of the
// store: the maildrop is INBOX as it is at login; QUIT in TRANSACTION removes the deleted messages.
#include <algorithm>

#include "codec/mime/header.hpp"
#include "script/mailstore.hpp"
#include "session/crypto.hpp"

namespace mailspec::script::mailstore {

namespace {

/// RFC 1939 §3: a line of a multi-line response that starts with "." gets another "." in front.
std::string byte_stuff(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  return out + ".\r\n";
}

std::optional<std::size_t> number(std::string const& s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  return std::stoul(s);
}

}  // namespace

pop3_service::pop3_service(store s, options o) : service(std::move(s), std::move(o)) {
  facts_["retrieved"] = "0";
  facts_["deleted"] = "0";
  facts_["committed"] = "";
}

std::string pop3_service::capa() const {
  std::string r = "+OK capability list follows\r\nUSER\r\nTOP\r\nUIDL\r\nPIPELINING\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\n";
  r += opt_.has("AUTH") ? "SASL PLAIN LOGIN CRAM-MD5\r\n" : "SASL PLAIN\r\n";
  if (opt_.starttls && !tls_) r += "STLS\r\n";
  return r + "IMPLEMENTATION mailspec\r\n.\r\n";
}

void pop3_service::open_maildrop() {
  deleted_.assign(store_.find("INBOX")->messages.size(), false);
}

std::string pop3_service::on_command(codec::pop3::command const& c) {
  count(c.keyword);
  std::string const& k = c.keyword;
  if (k == "CAPA") return capa();
  if (k == "NOOP") return authenticated_ ? "+OK\r\n" : "-ERR not in TRANSACTION state\r\n";
  if (k == "QUIT") {
    if (authenticated_) {
      // RFC 1939 §6: the UPDATE state removes the messages marked as deleted.
      auto& msgs = store_.find("INBOX")->messages;
      std::size_t i = 0;
      std::erase_if(msgs, [&](message const&) { return i < deleted_.size() && deleted_[i++]; });
      facts_["committed"] = "yes";
    }
    end("quit");
    return "+OK mailspec POP3 server signing off\r\n";
  }
  if (authenticated_) return transaction(c);
  if (k == "USER") {
    user_ = c.args.empty() ? std::string() : c.args.front();
    return "+OK send PASS\r\n";
  }
  if (k == "PASS") {
    std::string pass;
    for (auto const& a : c.args) pass += (pass.empty() ? "" : " ") + a;  // RFC 1939 §7: spaces allowed
    if (user_.empty()) return "-ERR USER first\r\n";
    if (!check_login(user_, pass)) return "-ERR [AUTH] invalid user name or password\r\n";
    open_maildrop();
    return "+OK maildrop locked and ready\r\n";
  }
  if (k == "APOP") {
    if (opt_.apop_timestamp.empty() || c.args.size() != 2) return "-ERR APOP not offered\r\n";
    using namespace session::crypto;
    std::string const want = to_hex(hash(digest::md5, opt_.apop_timestamp + opt_.password));
    if (!check_login(c.args[0], opt_.password) || c.args[1] != want) {
      authenticated_ = false;
      return "-ERR [AUTH] invalid user name or digest\r\n";
    }
    open_maildrop();
    return "+OK maildrop locked and ready\r\n";
  }
  if (k == "AUTH") {
    if (c.args.empty()) return opt_.has("AUTH") ? "+OK\r\nPLAIN\r\nLOGIN\r\nCRAM-MD5\r\n.\r\n" : "+OK\r\nPLAIN\r\n.\r\n";
    std::optional<std::string_view> ir;
    if (c.args.size() > 1) ir = c.args[1];
    return start_sasl(c.args[0], ir);
  }
  if (k == "STLS") {
    if (!opt_.starttls || tls_) return "-ERR STLS not offered\r\n";
    tls_pending_ = true;
    return "+OK begin TLS negotiation\r\n";
  }
  return "-ERR command not valid in AUTHORIZATION state\r\n";
}

message const* pop3_service::pick(std::vector<std::string> const& args, std::string& err) {
  auto const& msgs = store_.find("INBOX")->messages;
  auto n = args.empty() ? std::nullopt : number(args.front());
  if (!n || *n == 0 || *n > deleted_.size() || *n > msgs.size()) {
    err = "-ERR no such message\r\n";
    return nullptr;
  }
  if (deleted_[*n - 1]) {
    err = "-ERR message " + std::to_string(*n) + " already deleted\r\n";
    return nullptr;
  }
  return &msgs[*n - 1];
}

std::string pop3_service::transaction(codec::pop3::command const& c) {
  std::string const& k = c.keyword;
  auto const& msgs = store_.find("INBOX")->messages;
  std::string err;
  if (k == "STAT") {
    std::size_t n = 0, size = 0;
    for (std::size_t i = 0; i < deleted_.size() && i < msgs.size(); ++i) {
      if (!deleted_[i]) ++n, size += msgs[i].octets.size();
    }
    return "+OK " + std::to_string(n) + " " + std::to_string(size) + "\r\n";
  }
  if (k == "LIST" || k == "UIDL") return listing(c, k == "UIDL");
  if (k == "RETR" || k == "TOP") return retrieve(c, k == "TOP");
  if (k == "DELE") {
    message const* m = pick(c.args, err);
    if (!m) return err;
    deleted_[static_cast<std::size_t>(m - msgs.data())] = true;
    facts_["deleted"] = std::to_string(std::count(deleted_.begin(), deleted_.end(), true));
    return "+OK message deleted\r\n";
  }
  if (k == "RSET") {
    std::fill(deleted_.begin(), deleted_.end(), false);
    facts_["deleted"] = "0";
    return "+OK\r\n";
  }
  return "-ERR command not valid in TRANSACTION state\r\n";
}

std::string pop3_service::listing(codec::pop3::command const& c, bool uidl) {
  auto const& box = *store_.find("INBOX");
  auto const line = [&](std::size_t i) {
    message const& m = box.messages[i];
    return std::to_string(i + 1) + " " +
           (uidl ? std::to_string(box.uidvalidity) + "." + std::to_string(m.uid) : std::to_string(m.octets.size()));
  };
  std::string err;
  if (!c.args.empty()) {
    message const* m = pick(c.args, err);
    return m ? "+OK " + line(static_cast<std::size_t>(m - box.messages.data())) + "\r\n" : err;
  }
  std::string r = "+OK listing follows\r\n";
  for (std::size_t i = 0; i < deleted_.size() && i < box.messages.size(); ++i) {
    if (!deleted_[i]) r += line(i) + "\r\n";
  }
  return r + ".\r\n";
}

std::string pop3_service::retrieve(codec::pop3::command const& c, bool top) {
  std::string err;
  message const* m = pick(c.args, err);
  if (!m) return err;
  if (!top) {
    facts_["retrieved"] = std::to_string(++retrieved_);
    return "+OK " + std::to_string(m->octets.size()) + " octets\r\n" + byte_stuff(m->octets);
  }
  auto lines = c.args.size() == 2 ? number(c.args[1]) : std::nullopt;
  if (!lines) return "-ERR TOP needs a message and a line count\r\n";
  std::string_view const o = m->octets;
  std::size_t const body = std::min(o.size(), o.find("\r\n\r\n") == std::string_view::npos ? o.size() : o.find("\r\n\r\n") + 4);
  std::size_t end = body;
  for (std::size_t n = 0; n < *lines && end < o.size(); ++n) {
    std::size_t const lf = o.find('\n', end);
    end = lf == std::string_view::npos ? o.size() : lf + 1;
  }
  return "+OK top of message follows\r\n" + byte_stuff(o.substr(0, end));
}

std::string pop3_service::sasl_challenge(std::string const& b64) { return "+ " + b64 + "\r\n"; }

std::string pop3_service::sasl_done(bool success, std::string const& why) {
  if (success) {
    open_maildrop();
    return "+OK maildrop locked and ready\r\n";
  }
  if (why == "mechanism not offered") return "-ERR mechanism not offered\r\n";
  if (why == "cancelled") return "-ERR authentication cancelled\r\n";
  return "-ERR [AUTH] authentication failed\r\n";
}

}  // namespace mailspec::script::mailstore
