#include "script/smtp_watch.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mailspec::script {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// The EHLO keywords that make an ESMTP parameter legal (RFC 1870, 6152, 3030, 6531, 3461, 4954, 2852,
/// 6710, 4865, 8689, 7293): the parameter is implemented only when one of them was advertised.
std::vector<std::string> keywords_for(std::string const& param, std::string const& value) {
  if (param == "BODY") {
    if (upper(value) == "BINARYMIME") return {"BINARYMIME"};
    if (upper(value) == "8BITMIME") return {"8BITMIME"};
    return {"8BITMIME", "BINARYMIME"};  // BODY=7BIT
  }
  if (param == "RET" || param == "ENVID" || param == "NOTIFY" || param == "ORCPT") return {"DSN"};
  if (param == "BY") return {"DELIVERBY"};
  if (param == "HOLDFOR" || param == "HOLDUNTIL") return {"FUTURERELEASE"};
  if (param == "SOLICIT") return {"NO-SOLICITING"};
  return {param};  // SIZE, SMTPUTF8, AUTH, MT-PRIORITY, REQUIRETLS, MTRK, RRVS, ...
}

}  // namespace

std::vector<reply_rule> const& smtp_reply_rules() {
  static std::vector<reply_rule> const rules = {
      {"enhanced-codes", {2034, "4", level::must},
       "a server that advertises ENHANCEDSTATUSCODES prefaces the text of every 2xx, 4xx and 5xx reply but the "
       "greeting and the replies to HELO/EHLO with an enhanced status code of the reply's class"},
      {"unadvertised-parameters", {5321, "4.1.1.11", level::should},
       "a MAIL or RCPT parameter whose extension the server did not advertise is not accepted (555)"},
  };
  return rules;
}

reply_rule const* find_reply_rule(std::string_view name) {
  auto const& rules = smtp_reply_rules();
  auto it = std::find_if(rules.begin(), rules.end(), [&](auto const& r) { return r.name == name; });
  return it == rules.end() ? nullptr : &*it;
}

void smtp_watch::on_send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (bdat_left_ > 0) {  // BDAT chunk octets are data, whatever they look like
      std::size_t const n = std::min(bdat_left_, bytes.size());
      bdat_left_ -= n;
      bytes.remove_prefix(n);
      continue;
    }
    std::size_t const lf = bytes.find('\n');
    if (lf == std::string_view::npos) {
      if (partial_.size() < 4096) partial_.append(bytes.substr(0, 4096 - partial_.size()));
      return;
    }
    if (partial_.size() < 4096) partial_.append(bytes.substr(0, std::min(lf, 4096 - partial_.size())));
    bytes.remove_prefix(lf + 1);
    std::string l = std::move(partial_);
    partial_.clear();
    if (!l.empty() && l.back() == '\r') l.pop_back();
    line(l);
  }
}

void smtp_watch::line(std::string_view l) {
  if (in_data_) {
    if (l == ".") {
      in_data_ = false;
      pending_.push_back({".", {}});
    }
    return;
  }
  std::size_t const sp = std::min(l.find_first_of(" :"), l.size());
  command c{upper(l.substr(0, sp)), {}};
  if (c.verb == "MAIL" || c.verb == "RCPT") {
    // Parameters follow the path's closing '>' (RFC 5321 §4.1.2 Mail-parameters / Rcpt-parameters).
    std::size_t const gt = l.find('>');
    std::string_view rest = gt == std::string_view::npos ? std::string_view() : l.substr(gt + 1);
    while (!rest.empty()) {
      std::size_t const b = rest.find_first_not_of(' ');
      if (b == std::string_view::npos) break;
      rest.remove_prefix(b);
      std::size_t const e = std::min(rest.find(' '), rest.size());
      std::string_view const p = rest.substr(0, e);
      std::size_t const eq = p.find('=');
      std::string const key = upper(p.substr(0, eq));
      std::string const value(eq == std::string_view::npos ? std::string_view() : p.substr(eq + 1));
      // Only what has the shape of an esmtp-keyword (§4.1.2); other junk after the path is a syntax matter.
      bool const keyword = !key.empty() && std::isalnum(static_cast<unsigned char>(key[0])) &&
                           std::all_of(key.begin(), key.end(), [](unsigned char ch) { return std::isalnum(ch) || ch == '-'; });
      if (keyword) {
        for (auto const& k : keywords_for(key, value)) c.params.push_back(key + "\t" + k);
      }
      rest.remove_prefix(e);
    }
  }
  if (c.verb == "DATA") in_data_ = true;  // until its reply says otherwise
  if (c.verb == "BDAT") {
    std::size_t n = 0;
    std::string_view const arg = l.substr(std::min(sp + 1, l.size()));
    auto [p, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), n);
    if (ec == std::errc() && p != arg.data()) bdat_left_ = n;
  }
  if (pending_.size() < 10000) pending_.push_back(std::move(c));
}

void smtp_watch::restart() {
  pending_.clear();
  partial_.clear();
  in_data_ = false;
  bdat_left_ = 0;
  ehlo_known_ = false;
  keywords_.clear();
}

void smtp_watch::on_reply(codec::smtp::reply const& r, bool tls_active, std::vector<rule_breach>& out) {
  if (!greeted_) {  // the greeting (the first reply on the connection) answers no command
    greeted_ = true;
    return;
  }
  command c;
  if (!pending_.empty()) {
    c = std::move(pending_.front());
    pending_.pop_front();
  }
  if (c.verb == "DATA" && r.code != 354) {
    in_data_ = false;  // refused: what followed DATA in the same write was taken as data; the pairing is lost
    pending_.clear();
  }
  if ((c.verb == "EHLO" || c.verb == "HELO") && r.code == 250) {
    ehlo_known_ = true;
    keywords_.clear();
    if (c.verb == "EHLO") {
      for (std::size_t i = 1; i < r.lines.size(); ++i) {
        auto const& t = r.lines[i].text;
        keywords_.insert(upper(std::string_view(t).substr(0, std::min(t.find_first_of(" ="), t.size()))));
      }
    }
  }
  int const klass = r.code / 100;
  bool const enhanced_on = tls_active ? enhanced_tls_ : enhanced_plain_;
  bool const excluded = c.verb == "EHLO" || c.verb == "HELO" || (c.verb.empty() && klass == 2);
  if (enhanced_on && !excluded && (klass == 2 || klass == 4 || klass == 5) &&
      (!r.enhanced || r.enhanced->klass != klass)) {
    out.push_back({"enhanced-codes",
                   "an enhanced status code " + std::to_string(klass) + ".x.y before the text (reply to " +
                       (c.verb.empty() ? std::string("an unknown command") : c.verb) + ")",
                   r.raw});
  }
  if ((c.verb == "MAIL" || c.verb == "RCPT") && ehlo_known_ && klass == 2 && !c.params.empty()) {
    // Each parameter appears once per keyword that would make it legal: it is fine when any of them is advertised.
    std::map<std::string, bool> legal;
    std::map<std::string, std::string> wants;
    for (auto const& p : c.params) {
      std::size_t const tab = p.find('\t');
      std::string const key = p.substr(0, tab), kw = p.substr(tab + 1);
      legal[key] = legal[key] || keywords_.count(kw) > 0;
      wants[key] += (wants[key].empty() ? "" : " or ") + kw;
    }
    for (auto const& [key, ok] : legal) {
      if (ok) continue;
      out.push_back({"unadvertised-parameters",
                     "555 (or 501/504) to " + c.verb + " parameter " + key + ": the EHLO reply did not advertise " + wants[key],
                     r.raw});
    }
  }
}

}  // namespace mailspec::script
