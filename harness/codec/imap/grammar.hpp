#pragma once
// The strict grammar of IMAP server responses (RFC 9051 §7 and §9, RFC 3501 §7 and §9, and the
// extensions the suites use: RFC 4315 UIDPLUS, 5161 ENABLE, 2971 ID, 7162 CONDSTORE/QRESYNC, 5258
// LIST-EXTENDED, 4731/4466 ESEARCH, 3516 BINARY, 5530 response codes), as typed values.
//
// Layered on response_parser: the framer finds where one response ends (literals included); this
// recursive-descent parser re-reads the exact octets of that one response (response::raw), checks every
// production (single SP, exact keywords, numbers within their ranges, flags, dates, sections, ...) and
// builds a typed_response. It accepts the union of IMAP4rev1 and IMAP4rev2: a server of either
// revision parses. A syntax error names the ABNF rule that failed, the RFC section of that syntax, the
// offset within the response and the octets around it. Unknown response names and unknown FETCH items
// with a generic shape are kept as extension data, not rejected: extensions add both.
#include "codec/imap/response.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mailspec::codec::imap {

/// nstring: nullopt is NIL.
using nstring = std::optional<std::string>;

/// One element of a sequence-set; 0 stands for "*". A single number has first == last.
struct seq_range {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  friend bool operator==(seq_range const&, seq_range const&) = default;
};
using sequence_set = std::vector<seq_range>;

/// resp-text-code (RFC 9051 §7.1, RFC 4315 §3, RFC 7162 §3.1, RFC 5530 §3).
struct resp_code {
  std::string name;                     // upper-cased: ALERT, UIDNEXT, COPYUID, or an unknown atom
  std::vector<std::string> atoms;       // CAPABILITY, PERMANENTFLAGS (flags, "\*" too), BADCHARSET
  std::optional<std::uint64_t> number;  // UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ; APPENDUID/COPYUID uidvalidity
  sequence_set set;                     // APPENDUID uids, COPYUID source uids, MODIFIED
  sequence_set set2;                    // COPYUID destination uids
  nstring text;                         // an unknown code's text after SP
  friend bool operator==(resp_code const&, resp_code const&) = default;
};

/// resp-text, alone (continuation) or after OK/NO/BAD/BYE/PREAUTH.
struct resp_cond {
  std::optional<resp_code> code;
  std::string text;
  friend bool operator==(resp_cond const&, resp_cond const&) = default;
};

/// CAPABILITY, ENABLED (capabilities) and FLAGS (flags) as sent.
struct atom_list {
  std::vector<std::string> items;
  friend bool operator==(atom_list const&, atom_list const&) = default;
};

/// mbox-list-extended-item (RFC 5258 §9, RFC 9051 §9): tag and tagged-ext-val.
struct tagged_ext {
  std::string tag;
  value val;
  friend bool operator==(tagged_ext const&, tagged_ext const&) = default;
};

/// LIST / LSUB (RFC 9051 §7.3.1, RFC 5258).
struct list_data {
  std::vector<std::string> attributes;  // "\Noselect", "\HasChildren", ...
  std::optional<char> delimiter;        // nullopt: NIL (a flat name space)
  std::string mailbox;                  // as sent: modified UTF-7 or UTF-8 (see mutf7.hpp)
  std::optional<std::vector<tagged_ext>> extended;  // mbox-list-extended
  friend bool operator==(list_data const&, list_data const&) = default;
};

/// One namespace-descr of NAMESPACE (RFC 9051 §7.3.5, RFC 2342 §5).
struct namespace_descr {
  std::string prefix;
  std::optional<char> delimiter;
  std::vector<std::pair<std::string, std::vector<std::string>>> extensions;
  friend bool operator==(namespace_descr const&, namespace_descr const&) = default;
};
struct namespace_data {
  std::optional<std::vector<namespace_descr>> personal, other, shared;  // nullopt: NIL
  friend bool operator==(namespace_data const&, namespace_data const&) = default;
};

/// STATUS (RFC 9051 §7.3.4): items in order, names upper-cased.
struct status_data {
  std::string mailbox;
  std::vector<std::pair<std::string, std::uint64_t>> items;
  friend bool operator==(status_data const&, status_data const&) = default;
};

/// SEARCH (RFC 3501 §7.2.5) with RFC 7162's (MODSEQ n).
struct search_data {
  std::vector<std::uint32_t> numbers;
  std::optional<std::uint64_t> modseq;
  friend bool operator==(search_data const&, search_data const&) = default;
};

/// ESEARCH (RFC 9051 §7.3.4, RFC 4731): MIN MAX COUNT MODSEQ as number, ALL as set, others as value.
struct esearch_item {
  std::string name;  // upper-cased
  std::uint64_t number = 0;
  sequence_set set;
  value ext;
  friend bool operator==(esearch_item const&, esearch_item const&) = default;
};
struct esearch_data {
  nstring tag;  // search-correlator
  bool uid = false;
  std::vector<esearch_item> items;
  friend bool operator==(esearch_data const&, esearch_data const&) = default;
};

/// VANISHED (RFC 7162 §7.2.10).
struct vanished_data {
  bool earlier = false;
  sequence_set uids;
  friend bool operator==(vanished_data const&, vanished_data const&) = default;
};

/// ID (RFC 2971 §3.2): nullopt is NIL.
struct id_data {
  std::optional<std::vector<std::pair<std::string, nstring>>> params;
  friend bool operator==(id_data const&, id_data const&) = default;
};

/// address (RFC 9051 §7.5.2). A group is marked by NIL host: a start carries the group name as
/// mailbox, an end has NIL mailbox too.
struct address {
  nstring name, adl, mailbox, host;
  bool group_start() const { return !host && mailbox; }
  bool group_end() const { return !host && !mailbox; }
  friend bool operator==(address const&, address const&) = default;
};
using address_list = std::optional<std::vector<address>>;  // nullopt: NIL

struct envelope {
  nstring date, subject;
  address_list from, sender, reply_to, to, cc, bcc;
  nstring in_reply_to, message_id;
  friend bool operator==(envelope const&, envelope const&) = default;
};

/// body-fld-param: nullopt is NIL.
using body_params = std::optional<std::vector<std::pair<std::string, std::string>>>;

struct disposition {
  std::string type;
  body_params params;
  friend bool operator==(disposition const&, disposition const&) = default;
};

/// BODY / BODYSTRUCTURE (RFC 9051 §7.5.2): one part, or a multipart when `parts` is not empty and
/// `message` is false. A message/rfc822 (or global) part has `envelope` and its one body in `parts`.
struct body_structure {
  std::string type, subtype;  // as sent (multipart: type is empty)
  std::vector<body_structure> parts;
  bool message = false;
  // single part: body-fields
  body_params params;
  nstring id, description;
  std::string encoding;
  std::uint32_t octets = 0;
  std::optional<std::uint64_t> lines;  // text and message parts
  std::optional<envelope> env;         // message parts
  // extension data: how many of (md5 or multipart params), dsp, lang, loc were sent, and what follows
  int ext_fields = 0;
  nstring md5;
  body_params ext_params;  // multipart's body-fld-param
  std::optional<disposition> dsp;  // nullopt: NIL (or absent)
  value lang;                      // nil, a string or a list of strings
  nstring location;
  std::vector<value> extensions;
  friend bool operator==(body_structure const&, body_structure const&) = default;
};

/// date-time (RFC 9051 §9): zone in minutes east of UTC.
struct date_time {
  int day = 1, month = 1, year = 1970, hour = 0, minute = 0, second = 0, zone = 0;
  friend bool operator==(date_time const&, date_time const&) = default;
};

/// section / section-binary: part numbers, then "", HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME.
struct section_spec {
  std::vector<std::uint32_t> part;
  std::string text;                 // upper-cased
  std::vector<std::string> fields;  // HEADER.FIELDS[.NOT]
  friend bool operator==(section_spec const&, section_spec const&) = default;
};

/// One msg-att item of FETCH (RFC 9051 §7.5.2, RFC 7162 §3.1.4).
struct fetch_item {
  std::string name;  // upper-cased: FLAGS UID MODSEQ ENVELOPE INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE
                     // BINARY BINARY.SIZE RFC822 RFC822.HEADER RFC822.TEXT, or an extension's
  std::optional<section_spec> section;  // BODY[...] BINARY[...] BINARY.SIZE[...]
  std::optional<std::uint32_t> origin;  // BODY[...]<origin>
  std::vector<std::string> flags;       // FLAGS
  std::uint64_t number = 0;             // UID RFC822.SIZE MODSEQ BINARY.SIZE
  nstring data;                         // BODY[...] BINARY[...] RFC822 RFC822.HEADER RFC822.TEXT
  bool literal8 = false;                // BINARY[...] sent as ~{n}
  std::optional<envelope> env;
  std::optional<body_structure> body;   // BODY, BODYSTRUCTURE
  std::optional<date_time> date;        // INTERNALDATE
  value ext;                            // an extension item's value
  friend bool operator==(fetch_item const&, fetch_item const&) = default;
};

struct fetch_data {
  std::vector<fetch_item> items;
  /// The first item called `name` (upper-case), or nullptr.
  fetch_item const* find(std::string_view name) const;
  friend bool operator==(fetch_data const&, fetch_data const&) = default;
};

/// An unknown response: its tokens after the name (offsets zeroed).
struct extension_data {
  std::vector<value> values;
  friend bool operator==(extension_data const&, extension_data const&) = default;
};

/** One response, typed. `name` is upper-cased: OK NO BAD BYE PREAUTH CAPABILITY ENABLED FLAGS LIST
    LSUB STATUS SEARCH ESEARCH NAMESPACE VANISHED ID EXISTS RECENT EXPUNGE FETCH, an extension's name,
    or "" for a continuation request. `body` holds:
      resp_cond       OK NO BAD BYE PREAUTH and continuations
      atom_list       CAPABILITY ENABLED FLAGS
      std::monostate  EXISTS RECENT EXPUNGE (the number is in `number`) */
struct typed_response {
  response::type t = response::type::untagged;
  std::string tag;
  std::optional<std::uint32_t> number;
  std::string name;
  std::variant<std::monostate, resp_cond, atom_list, list_data, namespace_data, status_data, search_data,
               esearch_data, vanished_data, id_data, fetch_data, extension_data>
      body;
  bool is_extension() const { return std::holds_alternative<extension_data>(body); }
  friend bool operator==(typed_response const&, typed_response const&) = default;
};

/// Why a response breaks the grammar.
struct grammar_error {
  std::string rule;      // the ABNF rule: "msg-att-static", "env-address", "resp-text-code", ...
  int rfc = 9051;        // where that rule is defined
  std::string section;   // "9", "7.1", ...
  std::size_t offset = 0;  // within the response's octets
  std::string detail;    // what was expected there
  std::string near;      // quote_bytes of the octets around the offset
  /// "<detail>: rule <rule> (RFC <rfc> §<section>) at octet <offset>: <near>"
  std::string message() const;
};

/// Either a typed response or why the octets break the grammar.
struct grammar_result {
  std::optional<typed_response> value;
  std::optional<grammar_error> error;
  explicit operator bool() const { return value.has_value(); }
};

/** Parses the exact octets of one complete response (CRLF included), e.g. response::raw. Never
    throws on wire input; nesting is bounded (max_depth lists or body parts). */
grammar_result parse_typed(std::string_view raw, std::size_t max_depth = 64);

/// The same for a response the framer delivered (parses r.raw; offsets stay relative to it).
grammar_result parse_typed(response const& r);

/** The wire form, CRLF included: parse_typed(serialize(t)) gives back t. Strings go out quoted when
    they can, else as literals; a literal8 as ~{n}. */
std::string serialize(typed_response const& t);

/// date-time's wire form: "dd-Mon-yyyy hh:mm:ss +zzzz" with the quotes.
std::string serialize(date_time const& d);

/// sequence-set's wire form ("1:3,5,7:*").
std::string serialize(sequence_set const& s);

}  // namespace mailspec::codec::imap
