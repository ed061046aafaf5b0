// typed_response -> octets (grammar.hpp): what parse_typed reads back as the same value.
#include "codec/imap/grammar.hpp"

#include "codec/imap/syntax.hpp"

#include <cstdio>

namespace mailspec::codec::imap {
namespace {

class writer {
 public:
  std::string out;

  void raw(std::string_view s) { out += s; }
  void sp() { out += ' '; }

  /// quoted when every octet may be quoted (7-bit TEXT-CHAR or UTF-8), else a literal.
  void string(std::string_view s) {
    if (quotable(s)) {
      out += '"';
      for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
      return;
    }
    out += '{' + std::to_string(s.size()) + "}\r\n";
    out += s;
  }
  /// quoted even when a literal would be needed elsewhere (a charset is atom / quoted only)
  void quoted(std::string_view s) {
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  void literal8(std::string_view s) {
    out += "~{" + std::to_string(s.size()) + "}\r\n";
    out += s;
  }
  void nstring(imap::nstring const& s) {
    if (s) {
      string(*s);
    } else {
      out += "NIL";
    }
  }
  void astring(std::string_view s) {
    bool atom = !s.empty();
    for (char c : s) atom = atom && (syntax::is_atom_char(static_cast<unsigned char>(c)) || c == ']');
    if (atom) {
      out += s;
    } else {
      string(s);
    }
  }
  void number(std::uint64_t n) { out += std::to_string(n); }
  void delimiter(std::optional<char> d) {
    if (d) {
      string(std::string_view(&*d, 1));
    } else {
      out += "NIL";
    }
  }
  template <class T, class F>
  void list(std::vector<T> const& items, F&& each) {
    out += '(';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ' ';
      each(items[i]);
    }
    out += ')';
  }
  void atoms(std::vector<std::string> const& items) {
    list(items, [&](std::string const& a) { raw(a); });
  }
  void val(value const& v) {
    switch (v.k) {
      case value::kind::atom:
      case value::kind::number: out += v.text; break;
      case value::kind::nil: out += "NIL"; break;
      case value::kind::quoted: string(v.text); break;
      case value::kind::literal:
        if (v.binary) {
          literal8(v.text);
        } else {
          string(v.text);
        }
        break;
      case value::kind::list: list(v.items, [&](value const& i) { val(i); }); break;
    }
  }

 private:
  static bool quotable(std::string_view s) {
    if (s.size() > 1000) return false;
    for (unsigned char c : s) {
      if (c == 0 || c == '\r' || c == '\n') return false;
    }
    // 8-bit octets only as UTF-8 (the parser checks them); be safe and send 8-bit text as a literal
    for (unsigned char c : s) {
      if (c >= 0x80) return false;
    }
    return true;
  }
};

void code(writer& w, resp_code const& c) {
  w.raw("[" + c.name);
  std::string_view const n = c.name;
  if (n == "CAPABILITY") {
    for (auto const& a : c.atoms) w.raw(" " + a);
  } else if (n == "PERMANENTFLAGS") {
    w.sp();
    w.atoms(c.atoms);
  } else if (n == "BADCHARSET" && !c.atoms.empty()) {
    w.sp();
    w.list(c.atoms, [&](std::string const& a) {
      bool atom = !a.empty();
      for (char ch : a) atom = atom && syntax::is_atom_char(static_cast<unsigned char>(ch));
      if (atom) {
        w.raw(a);
      } else {
        w.quoted(a);
      }
    });
  } else if (n == "APPENDUID" || n == "COPYUID") {
    w.raw(" " + std::to_string(c.number.value_or(0)) + " " + serialize(c.set));
    if (n == "COPYUID") w.raw(" " + serialize(c.set2));
  } else if (n == "MODIFIED") {
    w.raw(" " + serialize(c.set));
  } else if (c.number) {
    w.raw(" " + std::to_string(*c.number));
  } else if (c.text) {
    w.raw(" " + *c.text);
  }
  w.raw("] ");
}

void cond(writer& w, resp_cond const& c) {
  if (c.code) code(w, *c.code);
  w.raw(c.text);
}

void params(writer& w, body_params const& p) {
  if (!p) return w.raw("NIL");
  w.list(*p, [&](auto const& kv) {
    w.string(kv.first);
    w.sp();
    w.string(kv.second);
  });
}

void address_list(writer& w, imap::address_list const& l) {
  if (!l) return w.raw("NIL");
  w.raw("(");
  for (auto const& a : *l) {
    w.raw("(");
    w.nstring(a.name);
    w.sp();
    w.nstring(a.adl);
    w.sp();
    w.nstring(a.mailbox);
    w.sp();
    w.nstring(a.host);
    w.raw(")");
  }
  w.raw(")");
}

void envelope(writer& w, imap::envelope const& e) {
  w.raw("(");
  w.nstring(e.date);
  w.sp();
  w.nstring(e.subject);
  for (auto const* l : {&e.from, &e.sender, &e.reply_to, &e.to, &e.cc, &e.bcc}) {
    w.sp();
    address_list(w, *l);
  }
  w.sp();
  w.nstring(e.in_reply_to);
  w.sp();
  w.nstring(e.message_id);
  w.raw(")");
}

void body_ext(writer& w, body_structure const& b) {
  if (b.ext_fields < 1) return;
  w.sp();
  if (b.parts.empty() || b.message) {
    w.nstring(b.md5);
  } else {
    params(w, b.ext_params);
  }
  if (b.ext_fields < 2) return;
  w.sp();
  if (b.dsp) {
    w.raw("(");
    w.string(b.dsp->type);
    w.sp();
    params(w, b.dsp->params);
    w.raw(")");
  } else {
    w.raw("NIL");
  }
  if (b.ext_fields < 3) return;
  w.sp();
  w.val(b.lang);
  if (b.ext_fields < 4) return;
  w.sp();
  w.nstring(b.location);
  for (auto const& v : b.extensions) {
    w.sp();
    w.val(v);
  }
}

void body(writer& w, body_structure const& b) {
  w.raw("(");
  if (!b.parts.empty() && !b.message) {
    for (auto const& p : b.parts) body(w, p);
    w.sp();
    w.string(b.subtype);
  } else {
    w.string(b.type);
    w.sp();
    w.string(b.subtype);
    w.sp();
    params(w, b.params);
    w.sp();
    w.nstring(b.id);
    w.sp();
    w.nstring(b.description);
    w.sp();
    w.string(b.encoding);
    w.raw(" " + std::to_string(b.octets));
    if (b.message && b.env && !b.parts.empty()) {
      w.sp();
      envelope(w, *b.env);
      w.sp();
      body(w, b.parts.front());
    }
    if (b.lines) w.raw(" " + std::to_string(*b.lines));
  }
  body_ext(w, b);
  w.raw(")");
}

void section(writer& w, section_spec const& s) {
  w.raw("[");
  for (std::size_t i = 0; i < s.part.size(); ++i) w.raw((i > 0 ? "." : "") + std::to_string(s.part[i]));
  if (!s.text.empty()) w.raw((s.part.empty() ? "" : ".") + s.text);
  if (!s.fields.empty()) {
    w.sp();
    w.list(s.fields, [&](std::string const& f) { w.astring(f); });
  }
  w.raw("]");
}

void fetch_item(writer& w, imap::fetch_item const& it) {
  w.raw(it.name);
  if (it.section) section(w, *it.section);
  if (it.origin) w.raw("<" + std::to_string(*it.origin) + ">");
  w.sp();
  std::string_view const n = it.name;
  if (n == "FLAGS") return w.atoms(it.flags);
  if (n == "MODSEQ") return w.raw("(" + std::to_string(it.number) + ")");
  if (n == "UID" || n == "RFC822.SIZE" || n == "BINARY.SIZE") return w.number(it.number);
  if (n == "ENVELOPE" && it.env) return envelope(w, *it.env);
  if (n == "INTERNALDATE" && it.date) return w.raw(serialize(*it.date));
  if ((n == "BODY" || n == "BODYSTRUCTURE") && it.body) return body(w, *it.body);
  if (n == "BINARY" && it.literal8 && it.data) return w.literal8(*it.data);
  if (n == "BODY" || n == "BINARY" || n == "RFC822" || n == "RFC822.HEADER" || n == "RFC822.TEXT") {
    return w.nstring(it.data);
  }
  w.val(it.ext);
}

struct body_writer {
  writer& w;
  typed_response const& t;

  void operator()(std::monostate) const {}
  void operator()(resp_cond const& c) const { cond(w, c); }
  void operator()(atom_list const& a) const {
    if (t.name == "FLAGS") return w.atoms(a.items);
    for (std::size_t i = 0; i < a.items.size(); ++i) w.raw((i > 0 ? " " : "") + a.items[i]);
  }
  void operator()(list_data const& l) const {
    w.atoms(l.attributes);
    w.sp();
    w.delimiter(l.delimiter);
    w.sp();
    w.astring(l.mailbox);
    if (!l.extended) return;
    w.sp();
    w.list(*l.extended, [&](tagged_ext const& e) {
      w.astring(e.tag);
      w.sp();
      w.val(e.val);
    });
  }
  void operator()(namespace_data const& d) const {
    for (auto const* n : {&d.personal, &d.other, &d.shared}) {
      if (n != &d.personal) w.sp();
      if (!*n) {
        w.raw("NIL");
        continue;
      }
      w.raw("(");
      for (auto const& x : **n) {
        w.raw("(");
        w.string(x.prefix);
        w.sp();
        w.delimiter(x.delimiter);
        for (auto const& [name, vals] : x.extensions) {
          w.sp();
          w.string(name);
          w.sp();
          w.list(vals, [&](std::string const& v) { w.string(v); });
        }
        w.raw(")");
      }
      w.raw(")");
    }
  }
  void operator()(status_data const& s) const {
    w.astring(s.mailbox);
    w.sp();
    w.list(s.items, [&](auto const& kv) { w.raw(kv.first + " " + std::to_string(kv.second)); });
  }
  void operator()(search_data const& s) const {
    for (std::size_t i = 0; i < s.numbers.size(); ++i) w.raw((i > 0 ? " " : "") + std::to_string(s.numbers[i]));
    if (s.modseq) w.raw((s.numbers.empty() ? "" : " ") + ("(MODSEQ " + std::to_string(*s.modseq) + ")"));
  }
  void operator()(esearch_data const& e) const;
  void operator()(vanished_data const& v) const { w.raw((v.earlier ? "(EARLIER) " : "") + serialize(v.uids)); }
  void operator()(id_data const& d) const {
    if (!d.params) return w.raw("NIL");
    w.list(*d.params, [&](auto const& kv) {
      w.string(kv.first);
      w.sp();
      w.nstring(kv.second);
    });
  }
  void operator()(fetch_data const& f) const {
    w.list(f.items, [&](imap::fetch_item const& it) { fetch_item(w, it); });
  }
  void operator()(extension_data const& x) const {
    for (std::size_t i = 0; i < x.values.size(); ++i) {
      if (i > 0) w.sp();
      w.val(x.values[i]);
    }
  }
};

void body_writer::operator()(esearch_data const& e) const {
  std::vector<std::string> parts;
  if (e.tag) {
    writer tag;
    tag.astring(*e.tag);
    parts.push_back("(TAG " + tag.out + ")");
  }
  if (e.uid) parts.emplace_back("UID");
  for (auto const& it : e.items) {
    writer v;
    if (it.name == "ALL") {
      v.raw(serialize(it.set));
    } else if (it.name == "MIN" || it.name == "MAX" || it.name == "COUNT" || it.name == "MODSEQ") {
      v.number(it.number);
    } else {
      v.val(it.ext);
    }
    parts.push_back(it.name + " " + v.out);
  }
  for (std::size_t i = 0; i < parts.size(); ++i) w.raw((i > 0 ? " " : "") + parts[i]);
}

/// Whether the response's name is followed by SP and data (a bare "* SEARCH" or "* ENABLED" is not).
bool has_data(typed_response const& t) {
  if (auto const* a = std::get_if<atom_list>(&t.body)) return !a->items.empty() || t.name == "FLAGS";
  if (auto const* s = std::get_if<search_data>(&t.body)) return !s->numbers.empty() || s->modseq;
  if (auto const* e = std::get_if<esearch_data>(&t.body)) return e->tag || e->uid || !e->items.empty();
  if (auto const* x = std::get_if<extension_data>(&t.body)) return !x->values.empty();
  return !std::holds_alternative<std::monostate>(t.body);
}

}  // namespace

std::string serialize(sequence_set const& s) {
  std::string out;
  auto const one = [](std::uint32_t n) { return n == 0 ? std::string("*") : std::to_string(n); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0) out += ',';
    out += one(s[i].first);
    if (s[i].last != s[i].first) out += ':' + one(s[i].last);
  }
  return out;
}

std::string serialize(date_time const& d) {
  static constexpr char const* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int const z = d.zone < 0 ? -d.zone : d.zone;
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%2d-%s-%04d %02d:%02d:%02d %c%02d%02d\"", d.day,
                months[(d.month >= 1 && d.month <= 12) ? d.month - 1 : 0], d.year, d.hour, d.minute, d.second,
                d.zone < 0 ? '-' : '+', z / 60, z % 60);
  return buf;
}

std::string serialize(typed_response const& t) {
  writer w;
  switch (t.t) {
    case response::type::continuation: w.raw("+ "); break;
    case response::type::tagged: w.raw(t.tag + " "); break;
    case response::type::untagged:
      w.raw("* ");
      if (t.number) w.raw(std::to_string(*t.number) + " ");
      break;
  }
  if (t.t != response::type::continuation) {
    w.raw(t.name);
    if (has_data(t)) w.sp();
  }
  std::visit(body_writer{w, t}, t.body);
  w.raw("\r\n");
  return std::move(w.out);
}

}  // namespace mailspec::codec::imap
