#pragma once
// Rules that hold for every SMTP reply, checked on every reply of every case (not only in the case written
// for them): a connection's watch pairs each reply with the command it answers and reports breaches. A
// case that `monitors` a rule collects the breaches of the whole run (client/runner.cpp), so one
// deviation is one finding, however many cases happened to see it.
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "codec/smtp/reply.hpp"
#include "script/ast.hpp"

namespace mailspec::script {

/// A rule every reply must follow, for `monitors NAME`.
struct reply_rule {
  std::string_view name;   // enhanced-codes
  rfc_ref rfc;             // the sentence, with its level
  std::string_view title;  // what the rule requires, for reasons
};

/// The rules known to the SMTP watch.
std::vector<reply_rule> const& smtp_reply_rules();
reply_rule const* find_reply_rule(std::string_view name);

/// One reply that broke a rule: what was wanted and the octets that came (raw; quoted by the caller).
struct rule_breach {
  std::string rule;
  std::string expected;
  std::string raw;
};

class smtp_watch {
 public:
  /// `enhanced_plain` / `enhanced_tls`: whether the target advertises ENHANCEDSTATUSCODES before / after TLS.
  smtp_watch(bool enhanced_plain, bool enhanced_tls) : enhanced_plain_(enhanced_plain), enhanced_tls_(enhanced_tls) {}

  /// Every octet the harness writes on the connection, in order.
  void on_send(std::string_view bytes);
  /// Every complete reply read; appends the rules it breaks.
  void on_reply(codec::smtp::reply const& r, bool tls_active, std::vector<rule_breach>& out);
  /// After a TLS handshake: the session starts over (RFC 3207 §4.2), the greeting is not repeated.
  void restart();

 private:
  struct command {
    std::string verb;                 // upper case; "." for the end of mail data
    std::vector<std::string> params;  // MAIL/RCPT: ESMTP parameter keywords, upper case
  };
  void line(std::string_view l);

  bool enhanced_plain_, enhanced_tls_;
  std::deque<command> pending_;  // sent, not answered yet
  std::string partial_;          // the start of a line not ended yet
  bool greeted_ = false;
  bool in_data_ = false;         // after DATA: lines are mail data up to "."
  std::size_t bdat_left_ = 0;    // BDAT chunk octets still to skip
  bool ehlo_known_ = false;      // an EHLO/HELO was answered 250 on this connection
  std::set<std::string> keywords_;
};

}  // namespace mailspec::script
