// The built-in IMAP server's reading of messages: sequence sets, FETCH items and sections (RFC 9051
// §6.4.5, §7.5.2), ENVELOPE and BODYSTRUCTURE from the MIME tree, and SEARCH (§6.4.4).
#include <algorithm>
#include <cctype>
#include <functional>

#include "codec/mime/header.hpp"
#include "script/mailstore_imap.hpp"

namespace mailspec::script::mailstore::imap_detail {

using codec::imap::value;
namespace mime = codec::mime;

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

std::string quote(std::string_view s) {
  bool const ok = std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c != 0x7f && c < 0x80; });
  if (!ok) return "{" + std::to_string(s.size()) + "}\r\n" + std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool is_set(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c) || c == '*' || c == ':' || c == ','; });
}

std::optional<std::vector<std::size_t>> resolve_set(std::string_view set, mailbox const& box, bool uid) {
  if (!is_set(set)) return std::nullopt;
  std::uint32_t const count = static_cast<std::uint32_t>(box.messages.size());
  std::uint32_t const star = uid ? (box.messages.empty() ? 0 : box.messages.back().uid) : count;
  std::vector<bool> in(box.messages.size(), false);
  auto const num = [&](std::string_view t) -> std::optional<std::uint32_t> {
    if (t == "*") return star;
    if (t.empty() || t.size() > 10 || t.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    unsigned long long const v = std::stoull(std::string(t));
    if (v == 0 || v > 0xffffffffull) return std::nullopt;
    return static_cast<std::uint32_t>(v);
  };
  std::size_t at = 0;
  while (at <= set.size()) {
    std::size_t const comma = std::min(set.find(',', at), set.size());
    std::string_view const item = set.substr(at, comma - at);
    std::size_t const colon = item.find(':');
    auto a = num(item.substr(0, colon));
    auto b = colon == std::string_view::npos ? a : num(item.substr(colon + 1));
    if (!a || !b) return std::nullopt;
    std::uint32_t lo = std::min(*a, *b), hi = std::max(*a, *b);
    for (std::size_t i = 0; i < box.messages.size(); ++i) {
      std::uint32_t const key = uid ? box.messages[i].uid : static_cast<std::uint32_t>(i + 1);
      if (key >= lo && key <= hi) in[i] = true;
    }
    if (!uid && (hi > count || lo == 0)) return std::nullopt;
    at = comma + 1;
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i]) out.push_back(i);
  }
  return out;
}

std::optional<codec::imap::date_time> parse_date(std::string_view t, bool with_time) {
  static constexpr std::string_view months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  std::string s(mime::trim(t));
  if (!s.empty() && s.front() == ' ') s.erase(0, 1);
  std::size_t const d1 = s.find('-'), d2 = s.find('-', d1 + 1);
  if (d1 == std::string::npos || d2 == std::string::npos) return std::nullopt;
  codec::imap::date_time d;
  try {
    d.day = std::stoi(s.substr(0, d1));
    std::string const mon = upper(s.substr(d1 + 1, d2 - d1 - 1));
    d.month = 0;
    for (int i = 0; i < 12; ++i) {
      if (mon == months[i]) d.month = i + 1;
    }
    d.year = std::stoi(s.substr(d2 + 1, 4));
    if (with_time) {
      std::size_t const sp = s.find(' ', d2);
      if (sp == std::string::npos || s.size() < sp + 15) return std::nullopt;
      d.hour = std::stoi(s.substr(sp + 1, 2));
      d.minute = std::stoi(s.substr(sp + 4, 2));
      d.second = std::stoi(s.substr(sp + 7, 2));
      int const z = std::stoi(s.substr(sp + 11, 4));
      d.zone = (s[sp + 10] == '-' ? -1 : 1) * (z / 100 * 60 + z % 100);
    }
  } catch (std::exception const&) {
    return std::nullopt;
  }
  if (d.month == 0 || d.day < 1 || d.day > 31) return std::nullopt;
  return d;
}

namespace {

std::string_view header_of(mime::part const& p, std::string_view o) {
  return o.substr(std::min(p.offset, o.size()), p.header_octets);
}
std::string_view body_of(mime::part const& p, std::string_view o) {
  return o.substr(std::min(p.offset + p.header_octets, o.size()), p.body_octets);
}

codec::imap::address_list addresses(std::optional<mime::address_list> const& l) {
  if (!l || l->empty()) return std::nullopt;
  std::vector<codec::imap::address> out;
  auto const one = [](mime::address const& a) {
    return codec::imap::address{a.name, std::nullopt, a.mailbox, a.host.value_or("")};
  };
  for (auto const& e : *l) {
    if (auto const* a = std::get_if<mime::address>(&e)) {
      out.push_back(one(*a));
      continue;
    }
    auto const& g = std::get<mime::address_group>(e);
    out.push_back({std::nullopt, std::nullopt, g.name, std::nullopt});
    for (auto const& m : g.members) out.push_back(one(m));
    out.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  }
  return out;
}

codec::imap::body_params params_of(std::vector<mime::parameter> const& ps) {
  if (ps.empty()) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  for (auto const& p : ps) out.emplace_back(upper(p.name), p.value);
  return out;
}

void extension(codec::imap::body_structure& b, mime::part const& p) {
  b.ext_fields = 4;
  if (p.disposition) b.dsp = codec::imap::disposition{upper(p.disposition->type), params_of(p.disposition->params)};
  b.lang = value{value::kind::nil, "", {}, false, 0};
  b.location = p.location;
}

}  // namespace

codec::imap::envelope envelope_of(mime::part const& root, std::string_view octets) {
  codec::imap::envelope e;
  std::string const h(header_of(root, octets));
  e.date = header_field(h, "Date");
  e.subject = header_field(h, "Subject");
  e.in_reply_to = header_field(h, "In-Reply-To");
  e.message_id = header_field(h, "Message-ID");
  if (!root.envelope) return e;
  auto const& m = *root.envelope;
  e.from = addresses(m.from);
  e.sender = m.sender && !m.sender->empty() ? addresses(m.sender) : e.from;  // RFC 9051 §7.5.2: defaults to From
  e.reply_to = m.reply_to && !m.reply_to->empty() ? addresses(m.reply_to) : e.from;
  e.to = addresses(m.to);
  e.cc = addresses(m.cc);
  e.bcc = addresses(m.bcc);
  return e;
}

codec::imap::body_structure structure_of(mime::part const& p, std::string_view octets, bool extensible) {
  codec::imap::body_structure b;
  if (p.kind == mime::entity_kind::multipart && !p.parts.empty()) {
    for (auto const& c : p.parts) b.parts.push_back(structure_of(c, octets, extensible));
    b.subtype = upper(p.subtype);
    if (extensible) {
      extension(b, p);
      b.ext_params = params_of(p.params);
    }
    return b;
  }
  b.type = upper(p.type);
  b.subtype = upper(p.subtype);
  b.params = params_of(p.params);
  if (!b.params && p.type == "text") b.params = std::vector<std::pair<std::string, std::string>>{{"CHARSET", "us-ascii"}};
  b.id = p.id;
  b.description = p.description;
  b.encoding = upper(p.encoding);
  b.octets = static_cast<std::uint32_t>(p.body_octets);
  if (p.type == "text") b.lines = p.body_lines.value_or(0);
  if (p.kind == mime::entity_kind::message && !p.parts.empty()) {
    b.message = true;
    b.env = envelope_of(p.parts.front(), octets);
    b.parts.push_back(structure_of(p.parts.front(), octets, extensible));
    b.lines = p.body_lines.value_or(0);
  }
  if (extensible) {
    extension(b, p);
    b.md5 = p.md5;
  }
  return b;
}

// ---- FETCH ---------------------------------------------------------------------------------------

std::optional<std::vector<std::string>> fetch_atts(value const& arg, std::string& err) {
  std::vector<std::string> in;
  if (arg.k == value::kind::list) {
    for (auto const& v : arg.items) in.push_back(v.text);
  } else {
    in.push_back(arg.text);
  }
  std::vector<std::string> out;
  for (auto const& raw : in) {
    std::size_t const br = raw.find('[');
    std::string const name = upper(raw.substr(0, br));
    std::string const rest = br == std::string::npos ? std::string() : raw.substr(br);
    if (name == "ALL" || name == "FAST" || name == "FULL") {
      for (char const* a : {"FLAGS", "INTERNALDATE", "RFC822.SIZE"}) out.push_back(a);
      if (name != "FAST") out.push_back("ENVELOPE");
      if (name == "FULL") out.push_back("BODY");
      continue;
    }
    static char const* const plain[] = {"FLAGS", "UID", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE",
                                        "BODY", "RFC822", "RFC822.HEADER", "RFC822.TEXT"};
    bool const known = std::any_of(std::begin(plain), std::end(plain), [&](char const* p) { return name == p; });
    if ((known && rest.empty()) || ((name == "BODY" || name == "BODY.PEEK") && !rest.empty())) {
      out.push_back(name + rest);
      continue;
    }
    err = "unknown FETCH attribute " + raw;
    return std::nullopt;
  }
  return out;
}

namespace {

/// A section spec read from "[...]<o.n>".
struct section_req {
  codec::imap::section_spec spec;
  std::optional<std::uint32_t> origin, length;
};

std::optional<section_req> parse_section(std::string const& s) {
  section_req r;
  std::size_t const close = s.find(']');
  if (s.empty() || s[0] != '[' || close == std::string::npos) return std::nullopt;
  std::string inner = s.substr(1, close - 1);
  std::string const partial = s.substr(close + 1);
  if (!partial.empty()) {
    std::size_t const dot = partial.find('.');
    if (partial.front() != '<' || partial.back() != '>' || dot == std::string::npos) return std::nullopt;
    try {
      r.origin = static_cast<std::uint32_t>(std::stoul(partial.substr(1, dot - 1)));
      r.length = static_cast<std::uint32_t>(std::stoul(partial.substr(dot + 1, partial.size() - dot - 2)));
    } catch (std::exception const&) {
      return std::nullopt;
    }
  }
  std::size_t at = 0;
  while (at < inner.size() && std::isdigit(static_cast<unsigned char>(inner[at]))) {
    std::size_t const dot = inner.find('.', at);
    std::size_t const end = std::min(dot, inner.size());
    r.spec.part.push_back(static_cast<std::uint32_t>(std::stoul(inner.substr(at, std::min<std::size_t>(end - at, 9)))));
    at = dot == std::string::npos ? inner.size() : dot + 1;
  }
  std::string text = inner.substr(at);
  std::size_t const paren = text.find('(');
  if (paren != std::string::npos) {
    std::string list = text.substr(paren + 1, text.rfind(')') - paren - 1);
    text = std::string(mime::trim(text.substr(0, paren)));
    std::string word;
    for (char c : list + " ") {
      if (c == ' ' || c == '"') {
        if (!word.empty()) r.spec.fields.push_back(upper(word));
        word.clear();
      } else {
        word += c;
      }
    }
  }
  r.spec.text = upper(text);
  static char const* const texts[] = {"", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME"};
  if (std::none_of(std::begin(texts), std::end(texts), [&](char const* t) { return r.spec.text == t; })) return std::nullopt;
  if ((r.spec.text.rfind("HEADER.FIELDS", 0) == 0) != !r.spec.fields.empty()) return std::nullopt;
  if (r.spec.text == "MIME" && r.spec.part.empty()) return std::nullopt;
  return r;
}

/// The header lines of `header` whose field names are (or with `invert`, are not) in `names`, and CRLF.
std::string header_fields(std::string_view header, std::vector<std::string> const& names, bool invert) {
  std::string out;
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find("\r\n", at);
    while (end != std::string_view::npos && end + 2 < header.size() && (header[end + 2] == ' ' || header[end + 2] == '\t')) {
      end = header.find("\r\n", end + 2);
    }
    end = end == std::string_view::npos ? header.size() : end + 2;
    std::string_view const field = header.substr(at, end - at);
    if (field == "\r\n") break;
    std::string const name = upper(mime::trim(field.substr(0, field.find(':'))));
    bool const listed = std::find(names.begin(), names.end(), name) != names.end();
    if (listed != invert) out += field;
    at = end;
  }
  return out + "\r\n";
}

/// The octets of a section, or nullopt when the message has no such part.
std::optional<std::string> section_text(message const& m, codec::imap::section_spec const& s) {
  std::string_view const o = m.octets;
  mime::part const* cur = &m.tree->root;
  bool scope = true;  // `cur` is the root of a message (the top one or one inside a message/rfc822 part)
  for (std::uint32_t n : s.part) {
    if (!scope && cur->kind == mime::entity_kind::message && !cur->parts.empty()) {
      cur = &cur->parts.front();
      scope = true;
    }
    if (cur->kind == mime::entity_kind::multipart) {
      if (n == 0 || n > cur->parts.size()) return std::nullopt;
      cur = &cur->parts[n - 1];
    } else if (!scope || n != 1) {
      return std::nullopt;
    }
    scope = false;
  }
  std::string const& t = s.text;
  if (t.empty() || t == "MIME") {
    if (t.empty() && s.part.empty()) return std::string(o);
    return std::string(t.empty() ? body_of(*cur, o) : header_of(*cur, o));
  }
  // HEADER, HEADER.FIELDS[.NOT], TEXT: of the message itself, or of the message inside a message part.
  if (!scope) {
    if (cur->kind != mime::entity_kind::message || cur->parts.empty()) return std::nullopt;
    cur = &cur->parts.front();
  }
  if (t == "TEXT") return std::string(body_of(*cur, o));
  if (t == "HEADER") return std::string(header_of(*cur, o));
  return header_fields(header_of(*cur, o), s.fields, t == "HEADER.FIELDS.NOT");
}

using codec::imap::fetch_item;

fetch_item number(std::string name, std::uint64_t n) {
  fetch_item it;
  it.name = std::move(name);
  it.number = n;
  return it;
}

/// BODY[...]<o.n> and BODY.PEEK[...]: the section's octets (empty for a part the message lacks).
std::optional<fetch_item> section_item(message const& m, std::string const& a, std::string& err) {
  auto req = parse_section(a.substr(a.find('[')));
  if (!req) {
    err = "malformed section " + a;
    return std::nullopt;
  }
  fetch_item it;
  it.name = "BODY";
  it.section = req->spec;
  auto text = section_text(m, req->spec);
  if (text && req->origin) {
    *text = *req->origin >= text->size() ? std::string() : text->substr(*req->origin, *req->length);
    it.origin = req->origin;
  }
  it.data = text ? std::move(text) : std::optional<std::string>(std::string());
  return it;
}

}  // namespace

std::optional<std::string> fetch_one(message& m, std::size_t seq, std::vector<std::string> const& atts, bool uid_cmd,
                                     bool writable, std::string& err) {
  codec::imap::fetch_data data;
  bool want_flags = false, seen = false;
  if (uid_cmd) data.items.push_back(number("UID", m.uid));
  for (auto const& a : atts) {
    fetch_item it;
    if (a == "UID") {
      if (uid_cmd) continue;
      it = number("UID", m.uid);
    } else if (a == "FLAGS") {
      want_flags = true;
      continue;  // written last, after any \Seen this FETCH sets
    } else if (a == "INTERNALDATE") {
      it.name = a;
      it.date = m.internal;
    } else if (a == "RFC822.SIZE") {
      it = number(a, m.octets.size());
    } else if (a == "ENVELOPE") {
      it.name = a;
      it.env = envelope_of(m.tree->root, m.octets);
    } else if (a == "BODYSTRUCTURE" || a == "BODY") {
      it.name = a;
      it.body = structure_of(m.tree->root, m.octets, a == "BODYSTRUCTURE");
    } else if (a == "RFC822" || a == "RFC822.HEADER" || a == "RFC822.TEXT") {
      it.name = a;
      codec::imap::section_spec s;
      s.text = a == "RFC822" ? "" : a == "RFC822.HEADER" ? "HEADER" : "TEXT";
      it.data = section_text(m, s);
      seen = seen || a != "RFC822.HEADER";
    } else {
      auto item = section_item(m, a, err);
      if (!item) return std::nullopt;
      it = std::move(*item);
      seen = seen || a.rfind("BODY.PEEK", 0) != 0;
    }
    data.items.push_back(std::move(it));
  }
  if (seen && writable && m.set("\\Seen", true)) want_flags = true;
  if (want_flags) {
    fetch_item f;
    f.name = "FLAGS";
    f.flags = m.flags;
    data.items.push_back(std::move(f));
  }
  codec::imap::typed_response r;
  r.number = static_cast<std::uint32_t>(seq);
  r.name = "FETCH";
  r.body = std::move(data);
  return codec::imap::serialize(r);
}

// ---- SEARCH --------------------------------------------------------------------------------------

namespace {

using predicate = std::function<bool(message const&, std::size_t)>;

struct search_parser {
  std::vector<value> const& k;
  std::size_t i;
  mailbox const& box;
  std::string err;

  bool more() const { return i < k.size(); }
  std::optional<std::string> arg() {
    if (!more()) return std::nullopt;
    return k[i++].text;
  }
  static bool contains(std::string_view hay, std::string_view needle) {
    return upper(hay).find(upper(needle)) != std::string::npos;
  }
  static int day_key(codec::imap::date_time const& d) { return d.year * 10000 + d.month * 100 + d.day; }

  predicate flag(std::string f, bool on) {
    return [f, on](message const& m, std::size_t) { return m.has(f) == on; };
  }
  predicate header(std::string field, std::string text) {
    return [field, text](message const& m, std::size_t) {
      std::string_view const o = m.octets;
      auto v = header_field(o.substr(0, m.tree->root.header_octets), field);
      return v && contains(*v, text);
    };
  }
  predicate set_key(std::string const& set, bool uid) {
    auto idx = resolve_set(set, box, uid);
    if (!idx) {
      err = "invalid sequence set " + set;
      return nullptr;
    }
    return [box = &box, idx = *idx](message const& m, std::size_t) {
      std::size_t const at = static_cast<std::size_t>(&m - box->messages.data());
      return std::binary_search(idx.begin(), idx.end(), at);
    };
  }
  predicate date_key(std::string const& key, std::optional<std::string> const& text) {
    auto d = text ? parse_date(*text, false) : std::nullopt;
    if (!d) {
      err = key + " needs a date (d-Mon-yyyy)";
      return nullptr;
    }
    int const want = day_key(*d);
    int const cmp = key == "SINCE" ? 1 : key == "BEFORE" ? -1 : 0;
    return [want, cmp](message const& m, std::size_t) {
      int const have = day_key(m.internal);
      return cmp > 0 ? have >= want : cmp < 0 ? have < want : have == want;
    };
  }
  predicate with_text(std::string const& key) {
    auto t = arg();
    if (!t) {
      err = key + " needs a string";
      return nullptr;
    }
    if (key == "BODY") {
      return [t = *t](message const& m, std::size_t) { return contains(m.octets.substr(m.tree->root.header_octets), t); };
    }
    if (key == "TEXT") return [t = *t](message const& m, std::size_t) { return contains(m.octets, t); };
    if (key == "KEYWORD" || key == "UNKEYWORD") return flag(*t, key == "KEYWORD");
    std::string const field = key.substr(0, 1) + codec::mime::to_lower(key.substr(1));
    return header(field, *t);
  }

  predicate key();
  /// The keys that are neither sets nor NOT/OR: flags, strings, dates, sizes.
  predicate other(std::string const& w, std::string const& as_sent);

  predicate all_of_list(std::vector<value> const& items) {
    search_parser sub{items, 0, box, {}};
    std::vector<predicate> ps;
    while (sub.more()) {
      auto p = sub.key();
      if (!p) {
        err = sub.err;
        return nullptr;
      }
      ps.push_back(std::move(p));
    }
    return [ps](message const& m, std::size_t n) {
      return std::all_of(ps.begin(), ps.end(), [&](predicate const& p) { return p(m, n); });
    };
  }
};

predicate search_parser::key() {
  value const& v = k[i++];
  if (v.k == value::kind::list) return all_of_list(v.items);
  std::string const w = upper(v.text);
  if (w == "ALL") return [](message const&, std::size_t) { return true; };
  if (is_set(w)) return set_key(w, false);
  if (w == "UID") {
    auto s = arg();
    return s ? set_key(*s, true) : (err = "UID needs a set", nullptr);
  }
  if (w == "NOT") {
    if (!more()) return err = "NOT needs a key", nullptr;
    auto p = key();
    return p ? predicate([p](message const& m, std::size_t n) { return !p(m, n); }) : nullptr;
  }
  if (w == "OR") {
    if (!more()) return err = "OR needs two keys", nullptr;
    auto a = key();
    if (!a || !more()) return err = err.empty() ? "OR needs two keys" : err, nullptr;
    auto b = key();
    return b ? predicate([a, b](message const& m, std::size_t n) { return a(m, n) || b(m, n); }) : nullptr;
  }
  return other(w, v.text);
}

predicate search_parser::other(std::string const& w, std::string const& as_sent) {
  static std::pair<char const*, char const*> const flags[] = {
      {"SEEN", "\\Seen"}, {"DELETED", "\\Deleted"}, {"FLAGGED", "\\Flagged"}, {"ANSWERED", "\\Answered"},
      {"DRAFT", "\\Draft"}};
  for (auto const& [name, f] : flags) {
    if (w == name) return flag(f, true);
    if (w == std::string("UN") + name) return flag(f, false);
  }
  if (w == "NEW" || w == "RECENT") return [](message const&, std::size_t) { return false; };
  if (w == "OLD") return [](message const&, std::size_t) { return true; };
  if (w == "SUBJECT" || w == "FROM" || w == "TO" || w == "CC" || w == "BCC" || w == "BODY" || w == "TEXT" ||
      w == "KEYWORD" || w == "UNKEYWORD") {
    return with_text(w);
  }
  if (w == "HEADER") {
    auto f = arg();
    auto t = arg();
    if (!f || !t) return err = "HEADER needs a field name and a string", nullptr;
    return header(*f, *t);
  }
  if (w == "SINCE" || w == "BEFORE" || w == "ON" || w == "SENTSINCE" || w == "SENTBEFORE" || w == "SENTON") {
    return date_key(w.rfind("SENT", 0) == 0 ? w.substr(4) : w, arg());
  }
  if (w == "LARGER" || w == "SMALLER") {
    auto n = arg();
    if (!n || n->empty() || n->find_first_not_of("0123456789") != std::string::npos || n->size() > 18) {
      return err = w + " needs a number", nullptr;
    }
    std::size_t const size = std::stoull(*n);
    bool const larger = w == "LARGER";
    return [size, larger](message const& m, std::size_t) { return larger ? m.octets.size() > size : m.octets.size() < size; };
  }
  err = "unsupported search key " + as_sent;
  return nullptr;
}

}  // namespace

std::optional<std::vector<std::size_t>> search(std::vector<value> const& keys, std::size_t from, mailbox const& box,
                                               std::string& err) {
  std::vector<value> rest(keys.begin() + static_cast<std::ptrdiff_t>(std::min(from, keys.size())), keys.end());
  // CHARSET US-ASCII / UTF-8 first (RFC 9051 §6.4.4): accepted, the strings compared as octets.
  if (rest.size() >= 2 && upper(rest[0].text) == "CHARSET") {
    std::string const cs = upper(rest[1].text);
    if (cs != "US-ASCII" && cs != "UTF-8") {
      err = "[BADCHARSET (US-ASCII UTF-8)] unsupported charset";
      return std::nullopt;
    }
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.empty()) {
    err = "SEARCH needs a key";
    return std::nullopt;
  }
  search_parser p{rest, 0, box, {}};
  predicate all = p.all_of_list(rest);
  if (!all) {
    err = p.err;
    return std::nullopt;
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < box.messages.size(); ++i) {
    if (all(box.messages[i], i + 1)) out.push_back(i);
  }
  return out;
}

}  // namespace mailspec::script::mailstore::imap_detail
