#pragma once
// What running one case produced: the verdict, why, and the byte-exact transcript.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "script/ast.hpp"
#include "session/transcript.hpp"

namespace mailspec::script {

enum class verdict { pass, fail, warn, info, skip, error };
std::string_view to_string(verdict v);
/// Severity order for "the worst verdict wins": error > fail > warn > info > skip > pass.
int severity(verdict v);

/// The evidence behind a fail/warn/info (or the precondition behind a skip).
struct finding {
  std::string step;      // "suites/smtp/x.mspec:12"
  std::string expected;  // every acceptable outcome, e.g. "reply 503 or 501"
  std::string actual;    // what arrived, quoted octets (codec::quote_bytes)
  std::optional<rfc_ref> rfc;
};

/// A reply that broke a rule checked on every reply (script/smtp_watch.hpp).
struct rule_hit {
  std::string rule;
  finding f;
};

struct case_result {
  std::string id;
  std::string title;
  std::string suite;
  std::vector<rfc_ref> refs;
  std::vector<std::string> tags;
  source_loc where;
  verdict v = verdict::pass;
  std::string reason;                 // one line, human
  std::string hint;                   // skip: what would let the case run (grouped in the summary)
  std::optional<finding> evidence;    // the check that decided the verdict
  std::vector<finding> observations;  // further warn/info findings of the same case
  std::vector<rule_hit> rule_hits;    // every-reply rules broken in this case (the first few of each)
  std::map<std::string, std::size_t> rule_hit_counts;  // all of them, per rule
  std::string client_helo;             // client-test: the name the client gave in EHLO/HELO
  // client-test: the IMAP ID parameters the client sent (RFC 2971; a NIL value as nullopt), if it sent ID
  std::optional<std::vector<std::pair<std::string, std::optional<std::string>>>> client_imap_id;
  std::string client_user_agent;       // client-test: User-Agent: or X-Mailer: of a message it sent
  bool client_tls = false;             // client-test: the connection used TLS (implicit or STARTTLS)
  std::string client_tls_version;      // client-test: e.g. "TLSv1.3"
  double duration_ms = 0;
  std::vector<session::transcript_entry> transcript;
  std::size_t transcript_dropped = 0;

  /// Takes case `c`'s identity: id, title, suite, references, tags and place in the source.
  void identify(case_def const& c) {
    id = c.id;
    title = c.title;
    suite = c.suite;
    refs = c.refs;
    tags = c.tags;
    where = c.where;
  }
};

}  // namespace mailspec::script
