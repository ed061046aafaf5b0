#pragma once
// The MIME event reader (layer 1 of the MIME parser): a streaming, sans-IO reader that turns a message
// (RFC 5322, RFC 2045, RFC 2046) into events: entity begin and end, header fields with their offsets,
// the end of a header with the entity's type, body octets, preamble and epilogue octets, and boundary
// delimiter lines. It keeps only bounded state (the current header line and field, the boundary stack,
// and a delimiter line being recognised), so a message of any size streams through; tree.hpp builds the
// value tree from these events. Standard library (and libc iconv) only.
#include "codec/mime/header.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::mime {

/** The reader's bounds, each exceeded one a defect and a bounded outcome, never growth. The defaults follow
    Dovecot's message parser (100 nested MIME parts, 10000 parts in all): an IMAP server and this reader
    then see the same structure of a pathological message. */
struct reader_limits {
  std::size_t max_depth = 100;            // entities nested (a multipart or message/rfc822 inside another)
  std::size_t max_parts = 10000;          // entities in one message, the message itself included
  std::size_t max_header = 1u << 20;      // octets of one header parsed into fields; the rest only counted
  std::size_t max_delimiter_line = 1000;  // longest line taken as a boundary delimiter (RFC 5322 §2.1.1 998 + CRLF)
};

enum class entity_kind { leaf, multipart, message };

/// Where body-phase octets belong.
enum class region { body, preamble, epilogue };

/// A header field as written: `name` without the colon and the white space before it, `value` the raw
/// octets after the colon, folding line breaks included, the field's final line break excluded.
struct field_event {
  std::string_view name;
  std::string_view value;
  std::size_t offset = 0;  // of the name's first octet
};

/// The end of an entity's header: what the reader decided about the entity.
struct head_event {
  std::size_t offset = 0;       // first octet of the header
  std::size_t body_offset = 0;  // first octet of the body (header_octets = body_offset - offset)
  entity_kind kind = entity_kind::leaf;
  std::string type = "text/plain";  // lower case
  bool type_defaulted = true;       // no Content-Type, or one that could not be parsed (RFC 2045 §5.2)
  std::vector<parameter> params;    // of Content-Type, decoded (header.hpp)
  std::string encoding = "7bit";    // Content-Transfer-Encoding, lower case
  std::string boundary;             // of a multipart
};

/// A boundary delimiter line (RFC 2046 §5.1.1). `raw` holds the CRLF before it (it belongs to the
/// delimiter) when there is one, and the line's own line break, except that the close delimiter's own
/// line break is left out when it is also the CRLF of an enclosing delimiter that follows at once.
struct delimiter_event {
  std::size_t offset = 0;  // of raw's first octet
  std::string_view raw;
  bool close = false;
  std::size_t depth = 0;  // of the multipart whose boundary this is (the message is depth 0)
};

/// Something the reader found wrong; parsing goes on.
struct defect_event {
  std::size_t offset = 0;
  std::string_view code;  // stable identifier, e.g. "missing-close-delimiter"
  std::string detail;
};

/** What the reader tells. Every input octet is passed exactly once, in order, through on_header_data,
    on_data or on_delimiter, so the concatenation of those octets is the input. */
class reader_handler {
 public:
  virtual ~reader_handler() = default;
  /// A new entity: the message, a body part after a delimiter, the message inside message/rfc822.
  virtual void on_entity_begin(std::size_t offset, std::size_t depth) = 0;
  /// Octets of the header, in order, the empty line that ends it included.
  virtual void on_header_data(std::string_view raw) = 0;
  virtual void on_field(field_event const& f) = 0;
  virtual void on_header_end(head_event const& h) = 0;
  /// Octets of a leaf's body, or of a multipart's preamble or epilogue.
  virtual void on_data(region r, std::string_view data) = 0;
  virtual void on_delimiter(delimiter_event const& d) = 0;
  /// The innermost open entity ends; `end` is one past its body's last octet.
  virtual void on_entity_end(std::size_t end) = 0;
  virtual void on_defect(defect_event const& d) = 0;
};

/** Streaming MIME reader. put() consumes all of `in` (returns in.size(), ec cleared) and calls the
    handler for what it completes; octets that could still be the start of a delimiter line or the rest of
    a header line are held (bounded) until the next put() or put_eof(). Feeding a message split at any
    points gives the same events, apart from how on_header_data and on_data octets are cut into calls.
    put_eof() ends every open entity; after it put() consumes nothing (returns 0). Lenient only: a deviation is a defect event and reading goes on
    with the robust interpretation (see README's MIME section). */
class reader {
 public:
  explicit reader(reader_handler& handler, reader_limits limits = {});

  std::size_t put(std::string_view in, std::error_code& ec);
  void put_eof(std::error_code& ec);

  std::size_t offset() const { return offset_; }  // octets consumed
  reader_limits const& limits() const { return limits_; }

 private:
  enum class phase { header, body, done };

  struct frame {
    entity_kind kind = entity_kind::leaf;
    std::string boundary;       // of a multipart
    bool started = false;       // a multipart: its first delimiter was seen (preamble over)
    bool closed = false;        // a multipart: its close delimiter was seen (epilogue)
    bool digest = false;        // multipart/digest: body parts default to message/rfc822
    bool in_digest = false;     // this entity is a body part of a digest
    bool top = false;           // the message itself or the one inside message/rfc822
  };

  struct match {
    std::size_t frame = 0;
    bool close = false;
  };

  /// What to report about a line starting with "--" once the octets before it are out: a delimiter line with
  /// text after the boundary, or one past the part limit (which is then no delimiter).
  struct miss {
    char const* code = nullptr;  // "delimiter-trailing-text", "part-limit", or none
    std::string detail;
  };

  // header phase (reader_header.cpp)
  enum class line_role { field, continuation, other };  // what a header line adds to
  std::size_t header_step(std::string_view in);
  std::size_t long_line_step(std::string_view in);
  bool header_line(std::string_view line, std::size_t at);
  bool empty_line(std::string_view brk, std::size_t at);
  bool after_empty_line(std::string_view line, std::size_t at);
  void delimiter_in_header(match m, miss& why, std::string_view line, std::size_t at);
  std::string own_boundary() const;
  bool classify_long_line(std::size_t at);
  void add_line(std::string_view content, std::string_view brk, std::size_t at, line_role role);
  void long_content(std::string_view data, std::size_t at);
  void emit_header(std::string_view raw);
  void flush_pending();
  void check_header_limit();
  void flush_field();
  void end_header(std::size_t body_offset, std::size_t reserve = 0);
  head_event decide(std::size_t body_offset, std::size_t reserve);
  std::string transfer_encoding();
  void limit_kind(head_event& h, std::size_t reserve);
  void finish_header_at_eof();
  void refeed(std::string const& octets);

  // body phase (reader.cpp)
  std::size_t body_step(std::string_view in);
  std::size_t resolve_hold(std::string_view in);
  std::size_t scan(std::string_view in, bool bol);
  void hold(std::string_view data, std::size_t at, std::size_t break_size);
  void release_hold();
  void finish_hold_at_eof();
  void emit(std::string_view data);
  std::optional<match> match_line(std::string_view line, miss& why);
  void delimiter(match m, std::string_view raw, std::size_t at);
  void flush_close(std::string_view tail);
  bool boundaries_open() const;

  void begin_entity(std::size_t at, bool top, bool in_digest);
  void end_entities_above(std::size_t frame_index, std::size_t at);
  void defect(std::size_t at, std::string_view code, std::string detail = {});

  reader_handler& h_;
  reader_limits limits_;
  phase phase_ = phase::header;
  std::vector<frame> stack_;
  std::size_t offset_ = 0;  // absolute offset of the next octet put() receives
  std::size_t parts_ = 0;
  bool frozen_ = false;  // the part limit was reached: no delimiter is recognised any more
  bool started_ = false;

  // header phase
  std::string line_;               // the header line being read (at most max_delimiter_line octets)
  std::size_t line_offset_ = 0;
  bool long_line_ = false;         // a header line past max_delimiter_line: streamed, not held
  bool long_cr_ = false;           // a CR ended the last piece of a long line (held: CRLF may follow)
  line_role line_role_ = line_role::other;  // of the header line being read
  std::string pending_break_;      // the last header line's line break, held (see header_line())
  std::size_t pending_offset_ = 0;
  bool blank_pending_ = false;     // pending_break_ is the empty line: the header ends unless a delimiter follows
  std::string field_;              // the field being assembled, its line breaks included
  std::size_t field_offset_ = 0;
  bool field_dropped_ = false;     // past max_header: the field is not reported
  std::size_t header_offset_ = 0;
  std::size_t header_octets_ = 0;  // of the header so far
  std::size_t header_lines_ = 0;
  bool header_limited_ = false;    // "header-too-long" reported for this header
  bool nul_seen_ = false;          // "nul-in-header" reported for this header
  std::optional<std::string> content_type_, encoding_;
  std::size_t content_type_offset_ = 0;

  // body phase
  std::string hold_;  // a line break and the start of a line that may be a delimiter
  std::size_t hold_offset_ = 0;
  std::size_t hold_break_ = 0;  // octets of hold_ that are the line break (0, 1 or 2; "\r" alone: 1)
  bool bol_ = true;             // the next octet starts a line (no line break held before it)
  std::string close_;           // a close delimiter line whose own line break is held in hold_
  std::size_t close_offset_ = 0;
  std::size_t close_depth_ = 0;
  bool close_pending_ = false;
};

/// RFC 2046 §5.1.1: a boundary is 1 to 70 characters; the reader accepts longer ones up to this.
inline constexpr std::size_t max_boundary = 900;

}  // namespace mailspec::codec::mime
