#pragma once
// The built-in mail store and the servers that speak it: a sans-IO fake mail server that can carry a whole
// session for a real client (curl, msmtp, fetchmail, Python's imaplib, ...) after a client case has made
// its own checks (the `serve-mailbox` step). The store holds mailboxes of messages (UID, flags, internal
// date, octets, and the MIME tree the project's parser builds, for ENVELOPE and BODYSTRUCTURE); each
// connection gets a fresh copy, loaded from a fixture directory of `.eml` files.
//
// The servers take one complete command at a time and give back the octets of its whole response (one
// string, so the caller writes it in one write). They are lenient: they answer what real clients send, and
// judge nothing but what they must (a wrong password, a sequence number out of range). What they observe
// goes to facts(), which the step turns into `${mailbox.*}` variables for the case to check.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "codec/imap/command.hpp"
#include "codec/imap/grammar.hpp"
#include "codec/mime/tree.hpp"
#include "codec/pop3/command.hpp"
#include "codec/smtp/command.hpp"
#include "codec/smtp/data.hpp"

namespace mailspec::script {
class sasl_server;
}

namespace mailspec::script::mailstore {

/// One message: its octets (CRLF line ends) and what IMAP reports about it.
struct message {
  std::uint32_t uid = 0;
  std::vector<std::string> flags;  // "\Seen", "\Deleted", keywords; in the order they were set
  codec::imap::date_time internal;
  std::string octets;
  std::shared_ptr<codec::mime::tree const> tree;  // parsed once; shared by the copies of the store

  bool has(std::string_view flag) const;
  /// Adds or removes a flag; returns true when that changed the flags.
  bool set(std::string const& flag, bool on);
};

struct mailbox {
  std::string name;
  std::uint32_t uidvalidity = 1;
  std::uint32_t uidnext = 1;
  bool subscribed = true;
  std::vector<message> messages;
};

/// Mailboxes by name (INBOX is case-insensitive and always there; the hierarchy delimiter is "/").
class store {
 public:
  store();
  std::vector<mailbox>& boxes() { return boxes_; }
  mailbox* find(std::string_view name);
  /// nullptr when a mailbox of that name exists already.
  mailbox* create(std::string_view name);
  /// false for INBOX or an unknown name.
  bool remove(std::string_view name);
  /// Appends a message (line ends made CRLF, the MIME tree parsed); returns it.
  message& append(mailbox& box, std::string octets, std::vector<std::string> flags = {},
                  std::optional<codec::imap::date_time> internal = std::nullopt);

 private:
  std::vector<mailbox> boxes_;
  std::uint32_t next_validity_ = 1700000001;
};

/** The store of a fixture directory: each subdirectory a mailbox (INBOX whatever its case), each `.eml` file
    in it a message, in file-name order with UIDs 1, 2, ...; a file whose name holds the word `seen` (or
    `flagged`, `answered`) has that flag. A missing directory gives an empty INBOX; an unreadable file throws
    std::runtime_error (a set-up fault). */
store load_store(std::filesystem::path const& dir);

/// Line ends made CRLF (a bare LF or CR becomes CRLF).
std::string to_crlf(std::string_view text);
/// The Date header's date-time as IMAP writes it; `fallback` when there is none or it does not parse.
codec::imap::date_time date_of(std::string_view message, codec::imap::date_time fallback);
/// The unfolded, trimmed value of the first header field `name` (case-insensitive) of `header`.
std::optional<std::string> header_field(std::string_view header, std::string_view name);

/// How the step configures its servers (`serve-mailbox [capabilities STR] [starttls]`).
struct options {
  std::string user, password;  // what a login must prove
  bool starttls = false;       // offer STARTTLS / STLS (until the handshake is done)
  /// Words of `capabilities STR`, upper case: AUTH (SMTP AUTH, and LOGIN and CRAM-MD5 beside PLAIN),
  /// LITERAL+ and IMAP4REV2 (IMAP), APOP (POP3, with `apop_timestamp`).
  std::set<std::string> features;
  std::string apop_timestamp;  // "<...>" of the greeting the script sent
  std::string host = "mailspec.test";
  std::size_t max_message = 10240000;  // SMTP SIZE
  bool has(std::string_view f) const { return features.count(std::string(f)) > 0; }
};

/// What every protocol's server shares: its facts, the end of the session, SASL, STARTTLS.
class service {
 public:
  service(store s, options o);
  virtual ~service();
  service(service const&) = delete;
  service& operator=(service const&) = delete;

  /// Facts for `${mailbox.*}` (names without the prefix): end, commands, verbs, first-verb, ...
  std::map<std::string, std::string> const& facts() const { return facts_; }
  /// The client ended the session (QUIT, LOGOUT): the response to it was the last.
  bool ended() const { return ended_; }
  /// The last response was the go-ahead of STARTTLS/STLS: the caller does the handshake, then tls_started().
  bool wants_tls() const { return tls_pending_; }
  virtual void tls_started();
  /// A SASL exchange is in progress: the next client line is a SASL response, for on_sasl_line().
  bool in_sasl() const { return sasl_ != nullptr; }
  std::string on_sasl_line(std::string_view line);
  store& mail() { return store_; }

 protected:
  /// Counts a command and records its verb.
  void count(std::string const& verb);
  void end(std::string const& how);
  /// Starts a SASL exchange; the first challenge, or the outcome right away.
  std::string start_sasl(std::string const& mech, std::optional<std::string_view> ir);
  /// The protocol's framing: a challenge (already base64) and the outcomes.
  virtual std::string sasl_challenge(std::string const& b64) = 0;
  virtual std::string sasl_done(bool success, std::string const& why) = 0;
  bool check_login(std::string_view user, std::string_view password);

  store store_;
  options opt_;
  std::map<std::string, std::string> facts_;
  bool ended_ = false;
  bool tls_pending_ = false;
  bool tls_ = false;
  bool authenticated_ = false;

 private:
  std::unique_ptr<sasl_server> sasl_;
};

/** SMTP (RFC 5321): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT, STARTTLS and AUTH when
    offered. Accepted mail is appended to INBOX. Facts: messages, data.bare-lf. */
class smtp_service final : public service {
 public:
  smtp_service(store s, options o);
  std::string on_command(codec::smtp::command const& c);
  /// After a 354: the next octets are mail data, for on_data().
  bool wants_data() const { return data_pending_; }
  std::string on_data(codec::smtp::data_result const& d);
  void tls_started() override;

 private:
  std::string ehlo(codec::smtp::command const& c);
  std::string mail_from(codec::smtp::command const& c);
  std::string rcpt(codec::smtp::command const& c);
  std::string auth(codec::smtp::command const& c);
  std::string sasl_challenge(std::string const& b64) override;
  std::string sasl_done(bool success, std::string const& why) override;

  bool greeted_ = false, mail_open_ = false, data_pending_ = false;
  std::size_t rcpts_ = 0, accepted_ = 0;
};

/** POP3 (RFC 1939, RFC 2449, RFC 5034): CAPA, USER/PASS, APOP, AUTH, STAT, LIST, UIDL, RETR, TOP, DELE,
    RSET, NOOP, QUIT, STLS when offered. QUIT in TRANSACTION removes the deleted messages from INBOX.
    Facts: retrieved (RETR count), deleted (messages marked deleted when the session ended). */
class pop3_service final : public service {
 public:
  pop3_service(store s, options o);
  std::string on_command(codec::pop3::command const& c);

 private:
  std::string capa() const;
  std::string transaction(codec::pop3::command const& c);
  std::string retrieve(codec::pop3::command const& c, bool top);
  std::string listing(codec::pop3::command const& c, bool uidl);
  /// The message `arg` names (1-based, not deleted), or nullptr with `err` set.
  message const* pick(std::vector<std::string> const& args, std::string& err);
  void open_maildrop();
  std::string sasl_challenge(std::string const& b64) override;
  std::string sasl_done(bool success, std::string const& why) override;

  std::string user_;
  std::vector<bool> deleted_;
  std::size_t retrieved_ = 0;
};

/** IMAP4rev1 (RFC 3501) and the IMAP4rev2 (RFC 9051) subset real clients use; see imap_service.cpp.
    Facts: tag.reused, literal.unsynced (set by the caller through note_unsynced_literal()). */
class imap_service final : public service {
 public:
  imap_service(store s, options o);
  std::string on_command(codec::imap::command const& c);
  /// What the next client line is: a command, or the DONE that ends an IDLE.
  codec::imap::line_kind expect() const { return idling_.empty() ? codec::imap::line_kind::command : codec::imap::line_kind::idle_done; }
  /// The capability list (without "* CAPABILITY"), as the greeting may carry it.
  std::string capabilities() const;
  void note_unsynced_literal() { facts_["literal.unsynced"] = "yes"; }
  struct impl;  // the session: the selected mailbox (mailstore_imap.cpp)

 private:
  std::string dispatch(codec::imap::command const& c);
  std::string login(codec::imap::command const& c);
  std::string authenticated(codec::imap::command const& c);
  std::string sasl_challenge(std::string const& b64) override;
  std::string sasl_done(bool success, std::string const& why) override;

  std::shared_ptr<impl> impl_;
  std::set<std::string> tags_;
  std::string idling_;     // the tag of the IDLE in progress
  std::string sasl_tag_;   // the tag of the AUTHENTICATE in progress
};

}  // namespace mailspec::script::mailstore
