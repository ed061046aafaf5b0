// What every dialect shares: the probe's link to its connection, word helpers, and the factory.
#include <algorithm>

#include "codec/common/observation.hpp"
#include "script/dialect_common.hpp"

namespace mailspec::script::detail {

session::clock::time_point probe_link::deadline() const {
  return std::min(all, session::clock::now() + cfg.read_timeout);
}

session::clock::time_point probe_link::login_deadline() const {
  return std::min(all, session::clock::now() + std::max(cfg.read_timeout, cfg.login_timeout));
}

void probe_link::send(std::string const& line, std::string const& shown) const {
  p.conn().write(line + "\r\n", deadline(), shown);
}

std::string probe_link::describe(read_outcome const& o) {
  std::string rule;
  if (o.rule && o.rule->rfc) rule = " (RFC " + std::to_string(o.rule->rfc) + " §" + o.rule->section + ")";
  return o.message + rule + (o.partial.empty() ? "" : ": " + codec::quote_bytes_cut(o.partial, 200));
}

bool dialect::protocol_step(case_run& run, step const&) { throw run.fault("step not valid for this protocol"); }

bool dialect::serve_mailbox(case_run& run, step const&) {
  throw run.fault("serve-mailbox plays the server; this case plays the client");
}

void dialect::sasl_challenge(case_run& run, std::string const& b64) {
  if (!server_side()) throw run.fault("serve-auth plays the server; this case plays the client");
  run.send_bytes((proto() == protocol::smtp ? "334 " : "+ ") + b64 + "\r\n");
}

check dialect::sasl_line(case_run& run, std::string& line) {
  auto o = run.current().read_line(line, run.read_deadline());
  if (o.st != read_status::ok) return problem(std::move(o));
  run.last_raw = "<a SASL line>";
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return check::pass();
}

std::string upper_word(std::string_view line, int index) {
  std::size_t at = 0;
  for (int w = 0;; ++w) {
    while (at < line.size() && line[at] == ' ') ++at;
    std::size_t const end = std::min(line.find_first_of(" \r\n", at), line.size());
    if (w == index) {
      std::string out(line.substr(at, end - at));
      for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      return out;
    }
    if (end >= line.size()) return {};
    at = end;
  }
}

bool is_sasl_response(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](unsigned char ch) {
    return std::isalnum(ch) || ch == '+' || ch == '/' || ch == '=' || ch == '*';
  });
}

std::unique_ptr<dialect> make_dialect(protocol p, bool server_side) {
  if (server_side) {
    switch (p) {
      case protocol::smtp: return make_smtp_server();
      case protocol::pop3: return make_pop3_server();
      case protocol::imap: return make_imap_server();
    }
  }
  switch (p) {
    case protocol::smtp: return make_smtp_client();
    case protocol::pop3: return make_pop3_client();
    case protocol::imap: return make_imap_client();
  }
  return make_smtp_client();
}

}  // namespace mailspec::script::detail
