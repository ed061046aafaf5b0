// The strict response grammar (grammar.hpp): FETCH's msg-att, ENVELOPE, BODY/BODYSTRUCTURE, sections.
#include "codec/imap/grammar.hpp"

#include "codec/imap/grammar_reader.hpp"
#include "codec/imap/syntax.hpp"

namespace mailspec::codec::imap::grammar_detail {

bool msg_att(reader& rd, fetch_data& out);

namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// ---------------------------------------------------------------------------------------------
// ENVELOPE

bool address(reader& rd, imap::address& a) {
  constexpr std::string_view r = "address";
  return rd.expect('(', r) && rd.nstring(a.name, "addr-name") && rd.sp(r) && rd.nstring(a.adl, "addr-adl") &&
         rd.sp(r) && rd.nstring(a.mailbox, "addr-mailbox") && rd.sp(r) && rd.nstring(a.host, "addr-host") &&
         rd.expect(')', r);
}

bool addresses(reader& rd, address_list& out, std::string_view rule) {
  if (rd.nil()) {
    out.reset();
    return true;
  }
  if (!rd.at('(')) return rd.fail(rule, "expected \"(\" 1*address \")\" or NIL");
  rd.seek(rd.pos() + 1);
  if (rd.at(')')) return rd.fail(rule, "an address list holds at least one address (an empty one is NIL)");
  out.emplace();
  do {
    imap::address a;
    if (!address(rd, a)) return false;
    out->push_back(std::move(a));
  } while (!rd.eat(')'));
  return true;
}

bool envelope(reader& rd, imap::envelope& e) {
  constexpr std::string_view r = "envelope";
  return rd.expect('(', r) && rd.nstring(e.date, "env-date") && rd.sp(r) && rd.nstring(e.subject, "env-subject") &&
         rd.sp(r) && addresses(rd, e.from, "env-from") && rd.sp(r) && addresses(rd, e.sender, "env-sender") &&
         rd.sp(r) && addresses(rd, e.reply_to, "env-reply-to") && rd.sp(r) && addresses(rd, e.to, "env-to") &&
         rd.sp(r) && addresses(rd, e.cc, "env-cc") && rd.sp(r) && addresses(rd, e.bcc, "env-bcc") && rd.sp(r) &&
         rd.nstring(e.in_reply_to, "env-in-reply-to") && rd.sp(r) && rd.nstring(e.message_id, "env-message-id") &&
         rd.expect(')', r);
}

// ---------------------------------------------------------------------------------------------
// BODY and BODYSTRUCTURE

bool params(reader& rd, body_params& out) {
  constexpr std::string_view r = "body-fld-param";
  if (rd.nil()) {
    out.reset();
    return true;
  }
  if (!rd.expect('(', r)) return false;
  out.emplace();
  do {
    std::pair<std::string, std::string> p;
    if ((!out->empty() && !rd.sp(r)) || !rd.string(p.first, r) || !rd.sp(r) || !rd.string(p.second, r)) return false;
    out->push_back(std::move(p));
  } while (!rd.eat(')'));
  return true;
}

bool string_value(reader& rd, value& v, std::string_view rule) {
  v = value{};
  v.k = value::kind::quoted;
  return rd.string(v.text, rule);
}

/// body-extension: nstring / number / number64 / "(" body-extension *(SP body-extension) ")"
bool body_extension(reader& rd, value& v, std::size_t depth) {
  constexpr std::string_view r = "body-extension";
  v = value{};
  if (rd.nil()) {
    v.k = value::kind::nil;
    return true;
  }
  if (rd.at('"') || rd.at('{')) return string_value(rd, v, r);
  if (rd.eat('(')) {
    if (!rd.enter(depth, r)) return false;
    v.k = value::kind::list;
    do {
      value item;
      if ((!v.items.empty() && !rd.sp(r)) || !body_extension(rd, item, depth)) return false;
      v.items.push_back(std::move(item));
    } while (!rd.eat(')'));
    return true;
  }
  std::uint64_t n = 0;
  if (!rd.number64(n, r)) return false;
  v.k = value::kind::number;
  v.text = std::to_string(n);
  return true;
}

bool language(reader& rd, value& v) {
  constexpr std::string_view r = "body-fld-lang";
  v = value{};
  if (rd.nil()) {
    v.k = value::kind::nil;
    return true;
  }
  if (!rd.eat('(')) return string_value(rd, v, r);
  v.k = value::kind::list;
  do {
    value s;
    if ((!v.items.empty() && !rd.sp(r)) || !string_value(rd, s, r)) return false;
    v.items.push_back(std::move(s));
  } while (!rd.eat(')'));
  return true;
}

bool disposition(reader& rd, std::optional<imap::disposition>& out) {
  if (rd.nil()) return true;
  imap::disposition d;
  if (!rd.expect('(', "body-fld-dsp") || !rd.string(d.type, "body-fld-dsp") || !rd.sp("body-fld-dsp") ||
      !params(rd, d.params) || !rd.expect(')', "body-fld-dsp")) {
    return false;
  }
  out = std::move(d);
  return true;
}

/// [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]] after the first field.
bool extension_tail(reader& rd, body_structure& b, std::size_t depth) {
  if (!rd.at(' ')) return true;
  if (!rd.sp("body-ext") || !disposition(rd, b.dsp)) return false;
  b.ext_fields = 2;
  if (!rd.at(' ')) return true;
  if (!rd.sp("body-ext") || !language(rd, b.lang)) return false;
  b.ext_fields = 3;
  if (!rd.at(' ')) return true;
  if (!rd.sp("body-ext") || !rd.nstring(b.location, "body-fld-loc")) return false;
  b.ext_fields = 4;
  while (rd.at(' ')) {
    value v;
    if (!rd.sp("body-ext") || !body_extension(rd, v, depth)) return false;
    b.extensions.push_back(std::move(v));
  }
  return true;
}

bool body(reader& rd, body_structure& b, std::size_t depth);

bool multipart(reader& rd, body_structure& b, std::size_t depth) {
  do {
    body_structure p;
    if (!body(rd, p, depth)) return false;
    b.parts.push_back(std::move(p));
  } while (rd.at('('));
  if (!rd.sp("body-type-mpart") || !rd.string(b.subtype, "media-subtype")) return false;
  if (!rd.at(' ')) return true;
  if (!rd.sp("body-ext-mpart") || !params(rd, b.ext_params)) return false;
  b.ext_fields = 1;
  return extension_tail(rd, b, depth);
}

bool body_fields(reader& rd, body_structure& b) {
  constexpr std::string_view r = "body-fields";
  return params(rd, b.params) && rd.sp(r) && rd.nstring(b.id, "body-fld-id") && rd.sp(r) &&
         rd.nstring(b.description, "body-fld-desc") && rd.sp(r) && rd.string(b.encoding, "body-fld-enc") &&
         rd.sp(r) && rd.number(b.octets, "body-fld-octets");
}

bool one_part(reader& rd, body_structure& b, std::size_t depth) {
  if (!rd.string(b.type, "media-basic") || !rd.sp("media-basic") || !rd.string(b.subtype, "media-subtype") ||
      !rd.sp("body-type-1part") || !body_fields(rd, b)) {
    return false;
  }
  bool const text = equals_ci(b.type, "TEXT");
  // message/global is encapsulated in RFC 9051 (media-message), but a basic type in RFC 3501, whose servers
  // send it without envelope and body: the union of the two grammars takes the envelope when one follows.
  b.message = equals_ci(b.type, "MESSAGE") &&
              (equals_ci(b.subtype, "RFC822") || (equals_ci(b.subtype, "GLOBAL") && rd.at(' ') && rd.peek(1) == '('));
  if (b.message) {
    body_structure inner;
    b.env.emplace();
    if (!rd.sp("body-type-msg") || !envelope(rd, *b.env) || !rd.sp("body-type-msg") || !body(rd, inner, depth)) {
      return false;
    }
    b.parts.push_back(std::move(inner));
  }
  if (text || b.message) {
    std::uint64_t lines = 0;
    if (!rd.sp(text ? "body-type-text" : "body-type-msg") || !rd.number64(lines, "body-fld-lines")) return false;
    b.lines = lines;
  }
  if (!rd.at(' ')) return true;
  if (!rd.sp("body-ext-1part") || !rd.nstring(b.md5, "body-fld-md5")) return false;
  b.ext_fields = 1;
  return extension_tail(rd, b, depth);
}

bool body(reader& rd, body_structure& b, std::size_t depth) {
  if (!rd.enter(depth, "body") || !rd.expect('(', "body")) return false;
  bool const ok = rd.at('(') ? multipart(rd, b, depth) : one_part(rd, b, depth);
  return ok && rd.expect(')', "body");
}

// ---------------------------------------------------------------------------------------------
// Sections

std::string section_word(reader& rd) {
  std::string w;
  while (is_alpha(rd.peek()) || (rd.at('.') && is_alpha(rd.peek(1)))) {
    w += rd.peek();
    rd.seek(rd.pos() + 1);
  }
  return syntax::upper(w);
}

bool header_list(reader& rd, std::vector<std::string>& out) {
  constexpr std::string_view r = "header-list";
  if (!rd.sp("section-msgtext") || !rd.expect('(', r)) return false;
  do {
    std::string f;
    if ((!out.empty() && !rd.sp(r)) || !rd.astring(f, "header-fld-name")) return false;
    out.push_back(std::move(f));
  } while (!rd.eat(')'));
  return true;
}

bool section_text(reader& rd, section_spec& s) {
  std::size_t const at = rd.pos();
  s.text = section_word(rd);
  if (s.text == "HEADER" || s.text == "TEXT") return true;
  if (s.text == "MIME" && !s.part.empty()) return true;
  if (s.text == "HEADER.FIELDS" || s.text == "HEADER.FIELDS.NOT") return header_list(rd, s.fields);
  return rd.fail_at(at, "section-spec",
                    s.part.empty() ? "expected HEADER, HEADER.FIELDS[.NOT] (...) or TEXT"
                                   : "expected HEADER, HEADER.FIELDS[.NOT] (...), TEXT or MIME");
}

/// "[" [section-spec] "]"; `binary`: section-binary, "[" [section-part] "]".
bool section(reader& rd, section_spec& s, bool binary) {
  std::string_view const r = binary ? "section-binary" : "section";
  if (!rd.expect('[', r)) return false;
  if (rd.eat(']')) return true;
  while (syntax::is_digit(static_cast<unsigned char>(rd.peek()))) {
    std::uint32_t n = 0;
    if (!rd.nz_number(n, "section-part")) return false;
    s.part.push_back(n);
    if (!rd.at('.') || !syntax::is_digit(static_cast<unsigned char>(rd.peek(1)))) break;
    rd.seek(rd.pos() + 1);
  }
  bool const text = s.part.empty() || rd.eat('.');
  if (text && binary) return rd.fail(r, "a binary section holds part numbers only");
  if (text && !section_text(rd, s)) return false;
  return rd.expect(']', r);
}

// ---------------------------------------------------------------------------------------------
// msg-att

std::string item_name(reader& rd) {
  std::string n;
  while (syntax::is_atom_char(static_cast<unsigned char>(rd.peek())) && !rd.at('[')) {
    n += rd.peek();
    rd.seek(rd.pos() + 1);
  }
  return syntax::upper(n);
}

bool origin(reader& rd, fetch_item& it) {
  if (!rd.eat('<')) return true;
  std::uint32_t n = 0;
  if (!rd.number(n, "msg-att-static") || !rd.expect('>', "msg-att-static")) return false;
  it.origin = n;
  return true;
}

bool body_section(reader& rd, fetch_item& it) {
  it.section.emplace();
  return section(rd, *it.section, false) && origin(rd, it) && rd.sp("msg-att-static") &&
         rd.nstring(it.data, "msg-att-static");
}

bool binary_section(reader& rd, fetch_item& it) {
  it.section.emplace();
  if (!section(rd, *it.section, true)) return false;
  // RFC 9051 §7.5.2 and RFC 3516 §4.3 give BINARY[...] an optional <origin> the ABNF lacks: accepted
  if (it.name == "BINARY" && !origin(rd, it)) return false;
  if (!rd.sp("msg-att-static")) return false;
  if (it.name == "BINARY.SIZE") return rd.number64(it.number, "msg-att-static");
  if (rd.at('~')) {
    std::string s;
    if (!rd.literal(s, "msg-att-static", &it.literal8, true)) return false;
    it.data = std::move(s);
    return true;
  }
  return rd.nstring(it.data, "msg-att-static");
}

bool extension_item(reader& rd, fetch_item& it) {
  if (rd.at('[')) {  // an extension's section: kept in the name as sent
    std::size_t const start = rd.pos();
    while (!rd.at_end() && !rd.at(']') && !rd.at('\r')) rd.seek(rd.pos() + 1);
    if (!rd.expect(']', "msg-att")) return false;
    it.name += rd.slice(start);
  }
  return rd.sp("msg-att") && rd.generic(it.ext, "msg-att");
}

bool static_item(reader& rd, fetch_item& it) {
  std::string_view const n = it.name;
  constexpr std::string_view r = "msg-att-static";
  if (n == "ENVELOPE") return rd.sp(r) && envelope(rd, it.env.emplace());
  if (n == "INTERNALDATE") return rd.sp(r) && rd.date_time(it.date.emplace(), "date-time");
  if (n == "RFC822.SIZE") return rd.sp(r) && rd.number64(it.number, r);
  if (n == "UID") {
    std::uint32_t uid = 0;
    if (!rd.sp(r) || !rd.nz_number(uid, "uniqueid")) return false;
    it.number = uid;
    return true;
  }
  if (n == "BODY" && rd.at('[')) return body_section(rd, it);
  if (n == "BODY" || n == "BODYSTRUCTURE") return rd.sp(r) && body(rd, it.body.emplace(), 0);
  if (n == "BINARY" || n == "BINARY.SIZE") return binary_section(rd, it);
  if (n == "RFC822" || n == "RFC822.HEADER" || n == "RFC822.TEXT") return rd.sp(r) && rd.nstring(it.data, r);
  return extension_item(rd, it);
}

bool item(reader& rd, fetch_item& it) {
  std::size_t const at = rd.pos();
  it.name = item_name(rd);
  if (it.name.empty()) return rd.fail_at(at, "msg-att", "expected a message data item name");
  if (it.name == "FLAGS") return rd.sp("msg-att-dynamic") && rd.flag_list(it.flags, "flag-fetch");
  if (it.name == "MODSEQ") {
    constexpr std::string_view r = "fetch-mod-resp";
    return rd.sp(r) && rd.expect('(', r) && rd.number64(it.number, "mod-sequence-value", true) && rd.expect(')', r);
  }
  return static_item(rd, it);
}

}  // namespace

bool msg_att(reader& rd, fetch_data& out) {
  if (!rd.expect('(', "msg-att")) return false;
  do {
    fetch_item it;
    if ((!out.items.empty() && !rd.sp("msg-att")) || !item(rd, it)) return false;
    out.items.push_back(std::move(it));
  } while (!rd.eat(')'));
  return true;
}

}  // namespace mailspec::codec::imap::grammar_detail
