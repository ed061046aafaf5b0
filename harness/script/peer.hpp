#pragma once
// One open connection of a case, with its unread octets and the protocol parsers that turn them into
// replies/responses. Every read is bounded by the parsers' limits and by a deadline.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "codec/imap/command.hpp"
#include "codec/imap/response.hpp"
#include "codec/pop3/command.hpp"
#include "codec/pop3/response.hpp"
#include "codec/smtp/bdat.hpp"
#include "codec/smtp/command.hpp"
#include "codec/smtp/data.hpp"
#include "codec/smtp/reply.hpp"
#include "script/config.hpp"
#include "script/smtp_watch.hpp"
#include "session/connection.hpp"

namespace mailspec::script {

namespace detail {
class dialect;
}

enum class read_status {
  ok,         // a complete unit arrived
  closed,     // the peer closed before a complete unit
  timeout,    // the deadline passed
  error,      // I/O failure other than a close
  violation,  // the peer broke the grammar or a limit; `rule` says which
};

struct read_outcome {
  read_status st = read_status::ok;
  std::string message;           // why, for anything but ok
  std::string partial;           // octets of the incomplete unit (for quoting)
  std::optional<rfc_ref> rule;   // for violations
};

class peer {
 public:
  /// `server_side`: the harness plays the server on this connection (it accepted it).
  peer(std::unique_ptr<session::connection> c, protocol p, limits const& lim, bool server_side = false);
  ~peer();

  /// The protocol's dialect on this connection (and its protocol state).
  detail::dialect& dialect() { return *dialect_; }

  session::connection& conn() { return *conn_; }
  protocol proto() const { return proto_; }

  read_outcome read_smtp(codec::smtp::reply& out, session::clock::time_point deadline);
  read_outcome read_pop3(codec::pop3::response& out, bool multiline, session::clock::time_point deadline);
  read_outcome read_imap(codec::imap::response& out, session::clock::time_point deadline);
  // server role: what a client sends, parsed by the server dialect's own parsers
  read_outcome read_smtp_command(codec::smtp::command_parser& p, codec::smtp::command& out, session::clock::time_point deadline);
  read_outcome read_smtp_data(codec::smtp::eod_detector& p, codec::smtp::data_result& out, session::clock::time_point deadline);
  /// The chunk of a BDAT command: `p` started with its arguments (a 0-octet chunk reads nothing).
  read_outcome read_smtp_chunk(codec::smtp::bdat_reader& p, codec::smtp::bdat_chunk& out, session::clock::time_point deadline);
  /// IMAP, server side: how a synchronising literal of the client is answered, and what was seen.
  struct literal_answer {
    std::string go_ahead = "+ go ahead\r\n";  // sent when the client waits (after literal_grace without data)
    std::string refuse;    // non-empty: the next such literal is answered `TAG <refuse>` instead (once)
    std::string refused;   // out: the octets of the command so refused (then the read returns it)
    codec::imap::command refused_command;  // out: what was read of it (tag, name, arguments before the literal)
    std::string early;     // out: the first octets of a literal sent before the continuation request
  };
  /// IMAP: a client command, its synchronising literals answered as `lit` says.
  read_outcome read_imap_command(codec::imap::command_parser& p, codec::imap::command& out,
                                 session::clock::time_point deadline, literal_answer& lit);
  static constexpr std::chrono::milliseconds literal_grace{300};
  read_outcome read_pop3_command(codec::pop3::command_parser& p, codec::pop3::command& out, session::clock::time_point deadline);
  /// One line up to and including LF, at most limits.max_line octets.
  read_outcome read_line(std::string& out, session::clock::time_point deadline);
  /// Everything until the peer closes.
  read_outcome read_until_close(std::string& out, session::clock::time_point deadline);
  /// ok when nothing arrives before the deadline; otherwise what arrived stays unread (and is in `got`).
  read_outcome expect_silence(std::string& got, session::clock::time_point deadline);

  /// Drops unread octets (before a TLS handshake) and resets the parsers; returns what was dropped.
  std::string discard_unread();
  /// Puts octets back in front of the unread ones (a line read for inspection).
  void unread(std::string const& bytes) {
    buffer_.erase(0, pos_);
    pos_ = 0;
    buffer_.insert(0, bytes);
  }

  int next_tag() { return ++tag_counter_; }

  /// The every-reply rules' watch (SMTP connections to the target only), or null.
  smtp_watch* watch() { return watch_.get(); }
  void set_watch(std::unique_ptr<smtp_watch> w) { watch_ = std::move(w); }

 private:
  /// on_more(parser) runs when the parser needs more input; returning true ends the read (status ok, `out`
  /// untouched), e.g. after an IMAP server refused a literal.
  template <class Parser, class Unit, class Hook = bool (*)(Parser&)>
  read_outcome read_unit(Parser& parser, Unit& out, session::clock::time_point deadline,
                         Hook on_more = [](Parser&) { return false; });
  read_outcome fill(session::clock::time_point deadline);

  std::unique_ptr<session::connection> conn_;
  protocol proto_;
  std::unique_ptr<detail::dialect> dialect_;
  limits lim_;
  void clear() {
    buffer_.clear();
    pos_ = 0;
  }

  std::string buffer_;    // received; [pos_, size) not yet consumed (bounded by one read_some)
  std::size_t pos_ = 0;
  codec::smtp::reply_parser smtp_;
  codec::pop3::response_parser pop3_;
  codec::imap::response_parser imap_;
  int tag_counter_ = 0;
  std::unique_ptr<smtp_watch> watch_;
};

}  // namespace mailspec::script
