#pragma once
// IMAP client commands (RFC 9051 §6, formal syntax §9): a sans-IO parser for the server side, so that
// a fake server can read what real clients send. Like the response parser it frames commands,
// literals included, and tokenises the arguments into a value tree; it knows the generic shape of
// every command, not the grammar of each one: FETCH gives its sequence set and fetch-atts as tokens,
// which a later layer interprets.
#include "codec/common/observation.hpp"
#include "codec/imap/error.hpp"
#include "codec/imap/response.hpp"  // value, serialize(value)

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::imap {

/// One complete client command, or one of the continuation lines the server asked for (expect()).
struct command {
  std::string tag;          // "" for a DONE or SASL line
  std::string name;         // upper-cased; "DONE" for IDLE's end; "" for a SASL line
  /// Tokens after the name. Atoms keep a fetch-att's section and partial (`BODY.PEEK[1.MIME]`,
  /// `BODY[HEADER.FIELDS (A B)]<0.100>`) as sent, a literal in its header list included, and a
  /// sequence set (`1:*,5`) whole. A SASL line is one
  /// atom holding the line without its CRLF ("*" cancels, RFC 9051 §6.2.2).
  std::vector<value> args;
  bool uid = false;         // "UID FETCH ...": name is FETCH
  std::size_t offset = 0;   // absolute offset of the first octet
  std::size_t size = 0;     // octets, final CRLF included
  std::string raw;          // the exact octets

  friend bool operator==(command const&, command const&) = default;
};

/// Same tag, name, uid flag and arguments, ignoring raw, offset, size and every value's offset.
bool equivalent(command const& a, command const& b);

struct command_limits {
  std::size_t max_line = 64 * 1024;        // octets of one line, CRLF included, literals excluded
  std::size_t max_literal = 64u << 20;     // octets announced by one literal
  std::size_t max_command = 128u << 20;    // octets of one command, literals included
  std::size_t max_depth = 64;              // nested parenthesised lists
  std::size_t max_items = 1u << 20;        // values (tokens and lists) in one command
  std::size_t max_nonsync_literal = 4096;  // RFC 9051 §4.3, RFC 7888 §5 (LITERAL-)
  /// IMAP4rev2 and LITERAL- cap {n+} at max_nonsync_literal: a larger one is an error
  /// (nonsync_literal_too_large, at its "+"). The octets follow all the same, so a strict server
  /// can only close the connection (RFC 7888 §4, choice 2); a lenient parser warns
  /// "nonsync-literal-too-large" and reads the whole command, which the server then refuses with
  /// BAD (choice 1). false: the server advertises LITERAL+, where only max_literal applies.
  bool literal_minus = true;
};

/// What the next line is. The server says so after it sent a continuation request: the client's
/// answer to it is no command.
enum class line_kind {
  command,        // tag SP name [SP arguments] CRLF: the default
  idle_done,      // "DONE" CRLF, ending IDLE (RFC 9051 §6.3.13)
  sasl_response,  // base64 CRLF or "*" CRLF, answering an AUTHENTICATE challenge (§6.2.2)
};

/** Incremental parser of the commands a client sends (RFC 9051 §6, §9).

    put() consumes octets and returns how many it consumed. It stops right after the CRLF that
    ends one complete command: then ec is cleared and done() is true; the caller take()s the
    command and put()s the unconsumed rest. If the input ends inside a command, put() consumes
    everything and sets ec = error::need_more.

    Synchronising literals. When put() has consumed the `{n}` CRLF (or `~{n}` CRLF) that announces
    a synchronising literal, it stops right after that LF, even with input left, and sets
    ec = error::need_more with literal_pending() true and pending_literal_size() = n (also for n = 0:
    the client waits all the same, RFC 9051 §4.3). The server then either
      - sends a continuation request ("+ go ahead") and put()s what follows: the next put() reads
        the literal's octets (literal_pending() turns false as it starts); or
      - refuses: it sends a tagged NO or BAD (current().tag is known) and calls reset_command(),
        which drops the partial command; the client then sends no literal octets, so the next
        octet starts a new command.
    Octets left in the caller's buffer at a stop were sent before the continuation request: a
    client that does so breaks §4.3, which the caller can observe. A non-synchronising literal
    `{n+}` (RFC 7888) does not stop.

    Errors. On a grammar or limit error put() sets ec, error_offset() names the offending octet
    (absolute offset since construction or reset()), and the parser stays failed until
    reset_command() (skips the rest of the line, as a server answering BAD does) or reset().
    A limit is checked before the octet that would exceed it is kept: a literal announcing more
    than max_literal (or 2^63 and above) fails on the digit that exceeds it, before any of its
    octets is stored.

    strict mode makes every deviation from RFC 9051 an error; lenient mode records a warning and
    goes on: "bare-lf", "double-space", "trailing-space", "extra-space" (after "("),
    "missing-space", "empty-line" (skipped), "bad-tag-char", "bad-atom-char", "bad-escape",
    "nul-octet" (in a quoted string), "nul-in-literal" (non-binary literal), "bad-partial",
    "number-too-large", "nonsync-literal-too-large", "not-done" (the line after IDLE is read as a
    command), "bad-base64" (SASL line). Warnings accumulate across commands until reset(), the
    first of each code per command, at most 1000 in all. */
class command_parser {
 public:
  explicit command_parser(parse_mode mode = parse_mode::strict, command_limits limits = {});

  /** Consume octets; see the class comment for the partial-input contract. */
  std::size_t put(std::string_view in, std::error_code& ec);

  /** End of input: ec = error::unexpected_eof inside a command (a pending literal included), the
      stored error if failed, else cleared. */
  void put_eof(std::error_code& ec);

  /** A complete command is ready for take(). */
  bool done() const { return done_; }

  /** Moves the complete command out; the parser is ready for the next one (offsets keep counting,
      the next line is a command unless expect() says otherwise). Returns an empty command unless
      done(). */
  command take();

  /** Says what the next line is (call it between commands: after take() or reset_command()); it
      applies to that line only. A lenient parser that expects DONE and gets a tagged line warns
      "not-done" and reads the line as a command; a strict one fails at the first octet that is
      not DONE's. */
  void expect(line_kind k) { expect_ = k; }

  /** put() stopped after the announcement of a synchronising literal (until the next put()). */
  bool literal_pending() const { return pending_; }

  /** The octet count of the pending literal; 0 unless literal_pending(). */
  std::uint64_t pending_literal_size() const { return pending_ ? literal_left_ : 0; }

  /** The command read so far: tag, name, uid, and the arguments completed outside any open list
      (raw holds the octets consumed by past put() calls). */
  command const& current() const { return cur_; }

  /** Drops the partial command, clears a failure, and returns what was read of it (its tag for
      the server's tagged NO or BAD). If the parser failed, or stopped inside a line, the rest of
      that line up to and including its LF is discarded (a literal's octets too: after a failure
      inside a literal the stream cannot be resynchronised). At a literal stop nothing is
      discarded. Offsets and warnings go on counting. (After nonsync_literal_too_large the
      literal's octets are still to come: see command_limits::literal_minus.) */
  command reset_command();

  /** Forget everything, offsets and warnings included. */
  void reset();

  codec::warning_list const& warnings() const { return warnings_.list(); }
  std::size_t error_offset() const { return error_offset_; }
  std::size_t offset() const { return offset_; }

 private:
  enum class state {
    start, tag, name, token, tilde, atom, section, section_end, partial, quoted, quoted_escape,
    literal_count, literal_plus, literal_cr, literal_lf, literal_body, after_token, lf,
    done_line, sasl_line, skip_line
  };

  bool step(unsigned char c);
  bool on_start(unsigned char c);
  bool on_tag(unsigned char c);
  bool on_name(unsigned char c);
  bool on_token(unsigned char c);
  bool on_tilde(unsigned char c);
  bool on_atom(unsigned char c);
  bool on_section(unsigned char c);
  bool on_section_end(unsigned char c);
  bool on_partial(unsigned char c);
  bool on_quoted(unsigned char c);
  bool on_quoted_escape(unsigned char c);
  bool on_literal_count(unsigned char c);
  bool on_literal_close(unsigned char c);
  bool on_literal_cr(unsigned char c);
  bool on_literal_lf(unsigned char c);
  bool on_after_token(unsigned char c);
  bool on_lf(unsigned char c);
  bool on_done_line(unsigned char c);
  bool on_sasl_line(unsigned char c);
  bool on_skip_line(unsigned char c);
  std::size_t on_literal_body(std::string_view in);

  void begin_command();
  void keep_raw(std::string_view consumed);
  bool name_end(unsigned char c);
  bool begin_value(value::kind k);
  bool begin_literal();
  bool open_list();
  bool close_list();
  bool tokens_end(unsigned char c);
  bool line_end(unsigned char c);
  bool begin_literal_body();
  void end_literal();
  bool finish_atom();
  bool check_atom();
  void place(value&& v);
  bool within_limits();
  bool deviation(error e, char const* code, char const* detail, std::size_t at);
  bool deviation(error e, char const* code, char const* detail) {
    return deviation(e, code, detail, offset_);
  }
  bool fail(error e, std::size_t at);
  bool fail(error e) { return fail(e, offset_); }

  parse_mode mode_;
  command_limits limits_;
  state state_ = state::start;
  line_kind expect_ = line_kind::command;
  command cur_;
  value tok_;                   // the token being read
  std::vector<value> stack_;    // open lists, innermost last
  std::string word_;            // the command name being read; the DONE read so far
  std::size_t atom_base_ = 0;   // length of the atom before its [section]
  std::size_t partial_at_ = 0;  // index of '<' in the atom
  std::size_t space_offset_ = 0;  // the last SP between tokens, for "trailing-space"
  std::uint64_t literal_left_ = 0;
  std::size_t literal_digits_ = 0;
  bool non_sync_ = false;       // the literal being announced is {n+}
  bool after_space_ = false;    // the token state was entered through SP
  bool section_quoted_ = false;
  bool section_escape_ = false;
  bool literal_nul_seen_ = false;
  bool section_literal_ = false;  // the literal stands in a [section]: the atom keeps its wire form
  bool pending_ = false;
  bool done_ = false;
  bool failed_ = false;
  std::error_code error_;
  std::size_t error_offset_ = 0;
  std::size_t offset_ = 0;      // absolute offset of the next octet
  std::size_t start_ = 0;       // absolute offset of the current command
  std::size_t line_length_ = 0;
  std::size_t items_ = 0;
  detail::warning_sink warnings_;
};

/** The wire form of a command, CRLF included: `tag SP [UID SP] name *(SP value)`, literals as
    `{n}` CRLF octets (synchronising, `~{n}` if binary); a DONE line as "DONE", a SASL line as
    its text. parse(serialize(c)) is equivalent to c (with the same expect() for the line kinds). */
std::string serialize(command const& c);

}  // namespace mailspec::codec::imap
