// The built-in SMTP server (RFC 5321, RFC 3207 STARTTLS, RFC 4954 AUTH, RFC 2034 enhanced codes, RFC 1870
// SIZE): a sink that accepts mail for any recipient and appends it to INBOX.
#include <algorithm>

#include "codec/mime/header.hpp"
#include "script/mailstore.hpp"

namespace mailspec::script::mailstore {

namespace {

/// A bare LF (or a bare CR) in mail data: RFC 5321 §2.3.8 allows CRLF only.
bool has_bare_line_end(std::string_view d) {
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d[i] == '\n' && (i == 0 || d[i - 1] != '\r')) return true;
    if (d[i] == '\r' && (i + 1 >= d.size() || d[i + 1] != '\n')) return true;
  }
  return false;
}

}  // namespace

smtp_service::smtp_service(store s, options o) : service(std::move(s), std::move(o)) {
  facts_["messages"] = "0";
  facts_["data.bare-lf"] = "";
}

void smtp_service::tls_started() {
  service::tls_started();
  // RFC 3207 §4.2: after the handshake the server forgets what the client told it.
  greeted_ = mail_open_ = false;
  rcpts_ = 0;
}

std::string smtp_service::on_command(codec::smtp::command const& c) {
  count(c.verb);
  std::string const& v = c.verb;
  if (v == "EHLO" || v == "HELO") return ehlo(c);
  if (v == "MAIL") return mail_from(c);
  if (v == "RCPT") return rcpt(c);
  if (v == "DATA") {
    if (!c.args.empty()) return "501 5.5.4 DATA takes no arguments\r\n";
    if (!mail_open_) return "503 5.5.1 MAIL first\r\n";
    if (rcpts_ == 0) return "554 5.5.1 no valid recipients\r\n";
    data_pending_ = true;
    return "354 end data with <CR><LF>.<CR><LF>\r\n";
  }
  if (v == "RSET") {
    mail_open_ = false;
    rcpts_ = 0;
    return "250 2.0.0 reset\r\n";
  }
  if (v == "NOOP") return "250 2.0.0 ok\r\n";
  if (v == "VRFY") return "252 2.5.2 cannot verify, but will accept the message\r\n";
  if (v == "HELP") return "214 2.0.0 see RFC 5321\r\n";
  if (v == "QUIT") {
    end("quit");
    return "221 2.0.0 mailspec.test closing\r\n";
  }
  if (v == "STARTTLS") {
    if (!opt_.starttls || tls_) return "502 5.5.1 STARTTLS not offered\r\n";
    if (!c.args.empty()) return "501 5.5.4 STARTTLS takes no arguments\r\n";
    tls_pending_ = true;
    return "220 2.0.0 ready to start TLS\r\n";
  }
  if (v == "AUTH") return auth(c);
  return "500 5.5.2 command not recognised\r\n";
}

std::string smtp_service::ehlo(codec::smtp::command const& c) {
  greeted_ = true;
  mail_open_ = false;
  rcpts_ = 0;
  if (c.verb == "HELO") return "250 " + opt_.host + "\r\n";
  std::string r = "250-" + opt_.host + " greets " + (c.args.empty() ? std::string("you") : c.args) + "\r\n";
  r += "250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE " + std::to_string(opt_.max_message) + "\r\n";
  if (opt_.starttls && !tls_) r += "250-STARTTLS\r\n";
  if (opt_.has("AUTH")) r += "250-AUTH PLAIN LOGIN CRAM-MD5\r\n";
  return r + "250 ENHANCEDSTATUSCODES\r\n";
}

std::string smtp_service::mail_from(codec::smtp::command const& c) {
  if (mail_open_) return "503 5.5.1 a transaction is open already\r\n";
  std::error_code ec;
  auto p = codec::smtp::parse_mail_from(c.args, ec, codec::parse_mode::lenient);
  if (!p) return "501 5.5.4 " + ec.message() + "\r\n";
  for (auto const& prm : p->params) {
    if (codec::mime::iequals(prm.keyword, "SIZE") && prm.value && prm.value->size() < 19 &&
        std::stoull("0" + *prm.value) > opt_.max_message) {
      return "552 5.3.4 message too big\r\n";
    }
  }
  mail_open_ = true;
  rcpts_ = 0;
  return "250 2.1.0 sender ok\r\n";
}

std::string smtp_service::rcpt(codec::smtp::command const& c) {
  if (!mail_open_) return "503 5.5.1 MAIL first\r\n";
  std::error_code ec;
  auto p = codec::smtp::parse_rcpt_to(c.args, ec, codec::parse_mode::lenient);
  if (!p) return "501 5.5.4 " + ec.message() + "\r\n";
  ++rcpts_;
  return "250 2.1.5 recipient ok\r\n";
}

std::string smtp_service::on_data(codec::smtp::data_result const& d) {
  data_pending_ = false;
  mail_open_ = false;
  rcpts_ = 0;
  if (has_bare_line_end(d.content)) facts_["data.bare-lf"] = "yes";
  store_.append(*store_.find("INBOX"), d.content);
  facts_["messages"] = std::to_string(++accepted_);
  return "250 2.0.0 queued as " + std::to_string(accepted_) + "\r\n";
}

std::string smtp_service::auth(codec::smtp::command const& c) {
  if (!opt_.has("AUTH")) return "502 5.5.1 AUTH not offered\r\n";
  if (authenticated_) return "503 5.5.1 already authenticated\r\n";
  if (mail_open_) return "503 5.5.1 not during a mail transaction\r\n";
  std::string const& a = c.args;
  std::size_t const sp = a.find(' ');
  std::optional<std::string_view> ir;
  if (sp != std::string::npos) ir = std::string_view(a).substr(sp + 1);
  return start_sasl(a.substr(0, sp), ir);
}

std::string smtp_service::sasl_challenge(std::string const& b64) { return "334 " + b64 + "\r\n"; }

std::string smtp_service::sasl_done(bool success, std::string const& why) {
  if (success) return "235 2.7.0 authentication succeeded\r\n";
  if (why == "mechanism not offered") return "504 5.5.4 mechanism not offered\r\n";
  if (why == "cancelled") return "501 5.0.0 authentication cancelled\r\n";
  return "535 5.7.8 authentication credentials invalid\r\n";
}

}  // namespace mailspec::script::mailstore
