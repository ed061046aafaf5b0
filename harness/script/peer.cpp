#include "script/peer.hpp"

#include <algorithm>

#include "codec/common/observation.hpp"
#include "script/dialect.hpp"

namespace mailspec::script {

namespace {

codec::smtp::reply_limits smtp_limits(limits const& l) {
  codec::smtp::reply_limits r;
  r.max_reply = std::min(r.max_reply, l.max_response);
  r.utf8_text = true;  // 8-bit text is a SMTPUTF8 matter, judged by the cases, not by every read
  return r;
}

codec::pop3::response_limits pop3_limits(limits const& l) {
  codec::pop3::response_limits r;
  r.max_body = l.max_response;
  r.max_stored_body = std::min<std::size_t>(r.max_stored_body, l.max_response);
  return r;
}

codec::imap::response_limits imap_limits(limits const& l) {
  codec::imap::response_limits r;
  r.max_line = l.max_line;
  r.max_literal = l.max_literal;
  r.max_response = l.max_response;
  return r;
}

}  // namespace

peer::peer(std::unique_ptr<session::connection> c, protocol p, limits const& lim, bool server_side)
    : conn_(std::move(c)),
      proto_(p),
      dialect_(detail::make_dialect(p, server_side)),
      lim_(lim),
      smtp_(codec::parse_mode::strict, smtp_limits(lim)),
      pop3_(codec::parse_mode::strict, pop3_limits(lim)),
      imap_(codec::parse_mode::strict, imap_limits(lim)) {}

peer::~peer() = default;

read_outcome peer::fill(session::clock::time_point deadline) {
  auto r = conn_->read_some(deadline);
  if (r) {
    // Consumed octets leave the front once per read, never once per unit: reading stays linear in the
    // octets received however small the units are.
    buffer_.erase(0, pos_);
    pos_ = 0;
    buffer_ += r.data;
    return {};
  }
  read_outcome out;
  out.message = r.message;
  out.st = r.status == session::io_status::eof       ? read_status::closed
           : r.status == session::io_status::timeout ? read_status::timeout
                                                     : read_status::error;
  return out;
}

// The one loop behind every protocol read: feed unread octets to the parser; read more only when it
// needs more. The buffer never holds more than one read_some() worth, and the parsers bound what they
// keep, so a peer that never stops sending cannot grow the harness.
template <class Parser, class Unit, class Hook>
read_outcome peer::read_unit(Parser& parser, Unit& out, session::clock::time_point deadline, Hook on_more) {
  std::string partial;  // for quoting an incomplete unit: the first octets only
  for (;;) {
    if (pos_ < buffer_.size()) {
      std::error_code ec;
      std::string_view const in = std::string_view(buffer_).substr(pos_);
      std::size_t const n = parser.put(in, ec);
      if (partial.size() < 4096) partial.append(in.substr(0, std::min(n, 4096 - partial.size())));
      pos_ += n;
      if (!ec) {
        out = parser.take();
        return {};
      }
      if (ec.value() != 1) {  // not need_more: a grammar or limit violation
        partial.append(std::string_view(buffer_).substr(pos_, 256));  // and what follows, for context
        read_outcome v{read_status::violation, ec.message() + " (at octet " + std::to_string(parser.error_offset()) + ")",
                       partial, dialect_->rule_for(ec)};
        parser.reset();
        return v;
      }
      // e.g. an IMAP server's "+" before a synchronising literal's octets, or its refusal (which ends the read)
      std::size_t const before = buffer_.size();
      if (on_more(parser)) return {};
      // The parser stopped early (at a synchronising literal's announcement) with octets left, or the hook
      // read more: the client sent them without waiting for "+"; parse them rather than wait again. (A
      // parser that took nothing of unchanged input waits for more instead of looping.)
      if (pos_ < buffer_.size() && (n > 0 || buffer_.size() != before)) continue;
    }
    read_outcome r = fill(deadline);
    if (r.st == read_status::ok) continue;
    r.partial = partial;
    parser.reset();
    return r;
  }
}

read_outcome peer::read_smtp(codec::smtp::reply& out, session::clock::time_point deadline) {
  return read_unit(smtp_, out, deadline);
}

read_outcome peer::read_pop3(codec::pop3::response& out, bool multiline, session::clock::time_point deadline) {
  pop3_.expect_multiline(multiline);
  return read_unit(pop3_, out, deadline);
}

read_outcome peer::read_imap(codec::imap::response& out, session::clock::time_point deadline) {
  return read_unit(imap_, out, deadline);
}

read_outcome peer::read_smtp_command(codec::smtp::command_parser& p, codec::smtp::command& out,
                                     session::clock::time_point deadline) {
  return read_unit(p, out, deadline);
}

read_outcome peer::read_smtp_data(codec::smtp::eod_detector& p, codec::smtp::data_result& out,
                                  session::clock::time_point deadline) {
  return read_unit(p, out, deadline);
}

read_outcome peer::read_smtp_chunk(codec::smtp::bdat_reader& p, codec::smtp::bdat_chunk& out,
                                   session::clock::time_point deadline) {
  if (p.done()) {  // nothing to read: read_unit would wait for an octet first
    out = p.take();
    return {};
  }
  return read_unit(p, out, deadline);
}

read_outcome peer::read_pop3_command(codec::pop3::command_parser& p, codec::pop3::command& out,
                                     session::clock::time_point deadline) {
  return read_unit(p, out, deadline);
}

read_outcome peer::read_imap_command(codec::imap::command_parser& p, codec::imap::command& out,
                                     session::clock::time_point deadline, literal_answer& lit) {
  // RFC 9051 §4.3: the client sends a synchronising literal's octets only after the "+". The "+" is held
  // back a moment (literal_grace) so that octets sent without waiting show; they are kept in lit.early
  // and read as they come (the parser reads on as if "+" had been sent).
  lit.early.clear();
  auto r = read_unit(p, out, deadline, [&](codec::imap::command_parser& cp) {
    if (!cp.literal_pending()) return false;
    if (pos_ >= buffer_.size()) {
      session::clock::time_point const grace_end = session::clock::now() + literal_grace;
      read_outcome const got = fill(std::min(deadline, grace_end));
      if (got.st == read_status::timeout && !lit.refuse.empty()) {
        // Refused: a tagged reply instead of "+", and the command is over (the client sends no octets);
        // the read returns what there was of it.
        conn_->write(cp.current().tag + " " + lit.refuse + "\r\n", deadline);
        lit.refused_command = cp.reset_command();
        lit.refused = lit.refused_command.raw;
        lit.refuse.clear();
        return true;
      }
      if (got.st == read_status::timeout) {
        conn_->write(lit.go_ahead, deadline);
        return false;
      }
      if (got.st != read_status::ok) return false;  // a close or an error: the next read reports it
    }
    if (lit.early.size() < 256) lit.early += buffer_.substr(pos_, 256 - lit.early.size());
    return false;
  });
  if (r.st == read_status::ok && !lit.refused.empty()) out = lit.refused_command;
  return r;
}

read_outcome peer::read_line(std::string& out, session::clock::time_point deadline) {
  std::size_t scanned = 0;  // octets of the unread part already searched for LF
  for (;;) {
    std::string_view const in = std::string_view(buffer_).substr(pos_);
    std::size_t const lf = in.find('\n', scanned);
    if (lf != std::string::npos && lf < lim_.max_line) {
      out = std::string(in.substr(0, lf + 1));
      pos_ += lf + 1;
      return {};
    }
    if (in.size() >= lim_.max_line) {
      read_outcome v{read_status::violation, "line longer than " + std::to_string(lim_.max_line) + " octets (--max-line)",
                     std::string(in.substr(0, 4096)), std::nullopt};
      clear();
      return v;
    }
    scanned = in.size();
    read_outcome r = fill(deadline);
    if (r.st != read_status::ok) {
      r.partial = std::string(std::string_view(buffer_).substr(pos_, 4096));
      return r;
    }
  }
}

read_outcome peer::read_until_close(std::string& out, session::clock::time_point deadline) {
  out = std::string(std::string_view(buffer_).substr(pos_, lim_.max_line));
  clear();
  for (;;) {
    read_outcome r = fill(deadline);
    if (out.size() < lim_.max_line) out.append(buffer_, 0, lim_.max_line - out.size());
    clear();
    if (r.st == read_status::closed) return {};
    if (r.st != read_status::ok) return r;
  }
}

read_outcome peer::expect_silence(std::string& got, session::clock::time_point deadline) {
  if (pos_ < buffer_.size()) {
    got = buffer_.substr(pos_);
    return {read_status::ok, "data already received", got, std::nullopt};
  }
  read_outcome r = fill(deadline);
  got = buffer_.substr(pos_);
  return r;
}

std::string peer::discard_unread() {
  std::string dropped = buffer_.substr(pos_);
  clear();
  smtp_.reset();
  pop3_.reset();
  imap_.reset();
  return dropped;
}

}  // namespace mailspec::script
