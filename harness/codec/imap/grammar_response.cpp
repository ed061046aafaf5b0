// The strict response grammar (grammar.hpp): response framing, resp-text-code and every response but
// FETCH (grammar_fetch.cpp).
#include "codec/imap/grammar.hpp"

#include "codec/imap/grammar_reader.hpp"
#include "codec/imap/syntax.hpp"

#include <algorithm>
#include <array>

namespace mailspec::codec::imap {

namespace grammar_detail {

bool msg_att(reader& rd, fetch_data& out);  // grammar_fetch.cpp

std::pair<int, std::string> rule_section(std::string_view rule) {
  struct row {
    std::string_view rule;
    int rfc;
    char const* section;
  };
  static constexpr std::array<row, 10> rows{{
      {"expunged-resp", 7162, "7"},
      {"known-uids", 7162, "7"},
      {"mod-sequence-value", 7162, "7"},
      {"fetch-mod-resp", 7162, "7"},
      {"search-sort-mod-seq", 7162, "7"},
      {"id-response", 2971, "4"},
      {"id-params-list", 2971, "4"},
      {"resp-code-apnd", 4315, "4"},
      {"resp-code-copy", 4315, "4"},
      {"status-att-val", 9051, "9"},
  }};
  for (auto const& r : rows) {
    if (r.rule == rule) return {r.rfc, r.section};
  }
  return {9051, "9"};
}

namespace {

bool is_rev(std::string_view cap) { return equals_ci(cap, "IMAP4rev1") || equals_ci(cap, "IMAP4rev2"); }

/// *(SP capability), at least one of them IMAP4rev1 or IMAP4rev2 unless `any` (ENABLED).
bool capabilities(reader& rd, std::vector<std::string>& out, std::string_view rule, bool any, char end) {
  std::size_t const start = rd.pos();
  while (!rd.at(end)) {
    std::string cap;
    if (!rd.sp(rule) || !rd.atom(cap, rule)) return false;
    out.push_back(std::move(cap));
  }
  if (!any && std::none_of(out.begin(), out.end(), is_rev)) {
    return rd.fail_at(start, rule, "the capabilities must include IMAP4rev1 or IMAP4rev2");
  }
  return true;
}

bool charsets(reader& rd, resp_code& c) {
  if (!rd.at(' ')) return true;
  if (!rd.sp("resp-text-code") || !rd.expect('(', "resp-text-code")) return false;
  do {
    std::string cs;
    bool const ok = rd.at('"') ? rd.quoted(cs, "charset") : rd.atom(cs, "charset");
    if (!ok) return false;
    c.atoms.push_back(std::move(cs));
  } while (rd.at(' ') && rd.sp("resp-text-code"));
  return rd.expect(')', "resp-text-code");
}

bool code_number(reader& rd, resp_code& c, std::string_view rule, bool sixty_four) {
  std::uint64_t n = 0;
  if (!rd.sp(rule)) return false;
  if (sixty_four) {
    if (!rd.number64(n, rule, true)) return false;
  } else {
    std::uint32_t v = 0;
    if (!rd.nz_number(v, rule)) return false;
    n = v;
  }
  c.number = n;
  return true;
}

constexpr std::string_view bare_codes[] = {
    "ALERT", "PARSE", "READ-ONLY", "READ-WRITE", "TRYCREATE", "UIDNOTSTICKY", "NOMODSEQ", "CLOSED",
    "UNAVAILABLE", "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED", "EXPIRED", "PRIVACYREQUIRED", "CONTACTADMIN",
    "NOPERM", "INUSE", "EXPUNGEISSUED", "CORRUPTION", "SERVERBUG", "CLIENTBUG", "CANNOT", "LIMIT", "OVERQUOTA",
    "ALREADYEXISTS", "NONEXISTENT", "NOTSAVED", "HASCHILDREN", "UNKNOWN-CTE"};

}  // namespace

bool reader::code_args(imap::resp_code& c) {
  std::string_view const n = c.name;
  if (n == "CAPABILITY") return capabilities(*this, c.atoms, "capability-data", false, ']');
  if (n == "BADCHARSET") return charsets(*this, c);
  if (n == "PERMANENTFLAGS") return sp("resp-text-code") && flag_list(c.atoms, "flag-perm", true);
  if (n == "UIDNEXT" || n == "UIDVALIDITY" || n == "UNSEEN") return code_number(*this, c, "resp-text-code", false);
  if (n == "HIGHESTMODSEQ") return code_number(*this, c, "mod-sequence-value", true);
  if (n == "APPENDUID") {
    return code_number(*this, c, "resp-code-apnd", false) && sp("resp-code-apnd") &&
           seq_set(c.set, "resp-code-apnd", false);
  }
  if (n == "COPYUID") {
    return code_number(*this, c, "resp-code-copy", false) && sp("resp-code-copy") &&
           seq_set(c.set, "resp-code-copy", false) && sp("resp-code-copy") && seq_set(c.set2, "resp-code-copy", false);
  }
  if (n == "MODIFIED") return sp("resp-text-code") && seq_set(c.set, "resp-text-code");
  bool const bare = std::find(std::begin(bare_codes), std::end(bare_codes), n) != std::end(bare_codes);
  if (bare || at(']')) {
    return at(']') || fail("resp-text-code", "this response code takes no arguments");
  }
  // atom [SP 1*<any TEXT-CHAR except "]">]
  std::string t;
  if (!eat(' ')) return fail("resp-text-code", "expected SP or \"]\" after the code's atom");
  if (!text(t, "resp-text-code", true)) return false;
  if (t.empty()) return fail("resp-text-code", "expected text after SP");
  c.text = std::move(t);
  return true;
}

namespace {

bool cond(reader& rd, typed_response& t, std::string_view rule) {
  resp_cond c;
  if (!rd.eat(' ')) return rd.fail(rule, "expected SP and resp-text after " + t.name);
  if (!rd.resp_text(c, "resp-text")) return false;
  t.body = std::move(c);
  return true;
}

bool list(reader& rd, list_data& l) {
  if (!rd.sp("mailbox-data")) return false;
  std::size_t const start = rd.pos();
  if (!rd.flag_list(l.attributes, "mbx-list-flags")) return false;
  int selectability = 0;  // mbx-list-sflag: at most one
  for (auto const& a : l.attributes) {
    if (a.size() < 2 || a[0] != '\\') return rd.fail_at(start, "mbx-list-flags", "a mailbox attribute starts with \\");
    for (auto s : {"\\Noselect", "\\Marked", "\\Unmarked", "\\NonExistent"}) selectability += equals_ci(a, s);
  }
  if (selectability > 1) {
    return rd.fail_at(start, "mbx-list-flags", "at most one of \\Noselect \\Marked \\Unmarked \\NonExistent");
  }
  if (!rd.sp("mailbox-list") || !rd.delimiter(l.delimiter, "mailbox-list") || !rd.sp("mailbox-list") ||
      !rd.astring(l.mailbox, "mailbox")) {
    return false;
  }
  if (!rd.at(' ')) return true;
  std::vector<tagged_ext> ext;
  if (!rd.sp("mailbox-list") || !rd.expect('(', "mbox-list-extended")) return false;
  while (!rd.eat(')')) {
    tagged_ext e;
    if ((!ext.empty() && !rd.sp("mbox-list-extended")) || !rd.astring(e.tag, "mbox-list-extended-item-tag") ||
        !rd.sp("mbox-list-extended-item") || !rd.tagged_ext_val(e.val, "tagged-ext-val")) {
      return false;
    }
    ext.push_back(std::move(e));
  }
  l.extended = std::move(ext);
  return true;
}

bool status_item(reader& rd, std::pair<std::string, std::uint64_t>& item) {
  std::size_t const at = rd.pos();
  item.first = rd.take_word();
  std::string_view const n = item.first;
  if (n.empty()) return rd.fail("status-att-val", "expected a status item name");
  if (!rd.sp("status-att-val")) return false;
  if (n == "UIDNEXT" || n == "UIDVALIDITY") {
    std::uint32_t v = 0;
    if (!rd.nz_number(v, "status-att-val")) return false;
    item.second = v;
    return true;
  }
  if (n == "MESSAGES" || n == "UNSEEN" || n == "DELETED" || n == "RECENT") {
    std::uint32_t v = 0;
    if (!rd.number(v, "status-att-val")) return false;
    item.second = v;
    return true;
  }
  (void)at;  // SIZE, HIGHESTMODSEQ (mod-sequence-valzer), DELETED-STORAGE and extensions: number64
  return rd.number64(item.second, "status-att-val");
}

bool status(reader& rd, status_data& s) {
  if (!rd.sp("mailbox-data") || !rd.astring(s.mailbox, "mailbox") || !rd.sp("mailbox-data") ||
      !rd.expect('(', "mailbox-data")) {
    return false;
  }
  while (!rd.eat(')')) {
    std::pair<std::string, std::uint64_t> item;
    if ((!s.items.empty() && !rd.sp("status-att-list")) || !status_item(rd, item)) return false;
    s.items.push_back(std::move(item));
  }
  return true;
}

bool search(reader& rd, search_data& s) {
  while (rd.at(' ')) {
    if (!rd.sp("mailbox-data")) return false;
    if (rd.eat('(')) {
      std::uint64_t m = 0;
      if (!rd.keyword("MODSEQ")) return rd.fail("search-sort-mod-seq", "expected MODSEQ");
      if (!rd.sp("search-sort-mod-seq") || !rd.number64(m, "mod-sequence-value", true) ||
          !rd.expect(')', "search-sort-mod-seq")) {
        return false;
      }
      s.modseq = m;
      return true;
    }
    std::uint32_t n = 0;
    if (!rd.nz_number(n, "mailbox-data")) return false;
    s.numbers.push_back(n);
  }
  return true;
}

bool esearch_return(reader& rd, imap::esearch_item& it) {
  it.name = rd.take_word();
  if (it.name.empty()) return rd.fail("search-return-data", "expected a search-return-data name");
  if (!rd.sp("search-return-data")) return false;
  std::uint32_t n = 0;
  if (it.name == "MIN" || it.name == "MAX") {
    if (!rd.nz_number(n, "search-return-data")) return false;
    it.number = n;
    return true;
  }
  if (it.name == "COUNT") {
    if (!rd.number(n, "search-return-data")) return false;
    it.number = n;
    return true;
  }
  if (it.name == "MODSEQ") return rd.number64(it.number, "mod-sequence-value", true);
  if (it.name == "ALL") return rd.seq_set(it.set, "search-return-data");
  return rd.tagged_ext_val(it.ext, "search-ret-data-ext");
}

bool esearch(reader& rd, esearch_data& e) {
  if (rd.at(' ') && rd.peek(1) == '(') {
    std::string tag;
    rd.seek(rd.pos() + 2);
    if (!rd.keyword("TAG")) return rd.fail("search-correlator", "expected TAG");
    if (!rd.sp("search-correlator") || !rd.astring(tag, "tag-string") || !rd.expect(')', "search-correlator")) {
      return false;
    }
    e.tag = std::move(tag);
  }
  while (rd.at(' ')) {
    if (!rd.sp("esearch-response")) return false;
    if (e.items.empty() && !e.uid && rd.keyword("UID")) {
      e.uid = true;
      continue;
    }
    imap::esearch_item it;
    if (!esearch_return(rd, it)) return false;
    e.items.push_back(std::move(it));
  }
  return true;
}

bool ns_descr(reader& rd, namespace_descr& d) {
  if (!rd.expect('(', "namespace-descr") || !rd.string(d.prefix, "namespace-descr") ||
      !rd.sp("namespace-descr") || !rd.delimiter(d.delimiter, "namespace-descr")) {
    return false;
  }
  while (!rd.eat(')')) {
    std::pair<std::string, std::vector<std::string>> ext;
    if (!rd.sp("namespace-response-extension") || !rd.string(ext.first, "namespace-response-extension") ||
        !rd.sp("namespace-response-extension") || !rd.expect('(', "namespace-response-extension")) {
      return false;
    }
    do {
      std::string s;
      if ((!ext.second.empty() && !rd.sp("namespace-response-extension")) ||
          !rd.string(s, "namespace-response-extension")) {
        return false;
      }
      ext.second.push_back(std::move(s));
    } while (!rd.eat(')'));
    d.extensions.push_back(std::move(ext));
  }
  return true;
}

bool ns_list(reader& rd, std::optional<std::vector<namespace_descr>>& out) {
  if (!rd.sp("namespace-response")) return false;
  if (rd.nil()) return true;
  if (!rd.expect('(', "namespace")) return false;
  out.emplace();
  do {
    namespace_descr d;
    if (!ns_descr(rd, d)) return false;
    out->push_back(std::move(d));
  } while (!rd.eat(')'));
  return true;
}

bool vanished(reader& rd, vanished_data& v) {
  if (!rd.sp("expunged-resp")) return false;
  if (rd.eat('(')) {
    if (!rd.keyword("EARLIER") || !rd.expect(')', "expunged-resp")) return rd.fail("expunged-resp", "expected (EARLIER)");
    v.earlier = true;
    if (!rd.sp("expunged-resp")) return false;
  }
  return rd.seq_set(v.uids, "known-uids", false);
}

bool id(reader& rd, id_data& d) {
  if (!rd.sp("id-response")) return false;
  if (rd.nil()) return true;
  if (!rd.expect('(', "id-params-list")) return false;
  d.params.emplace();
  while (!rd.eat(')')) {
    std::pair<std::string, nstring> p;
    if ((!d.params->empty() && !rd.sp("id-params-list")) || !rd.string(p.first, "id-params-list") ||
        !rd.sp("id-params-list") || !rd.nstring(p.second, "id-params-list")) {
      return false;
    }
    d.params->push_back(std::move(p));
  }
  return true;
}

bool extension(reader& rd, typed_response& t) {
  extension_data x;
  // Lists may follow each other without SP, as in RFC 5256 THREAD: "* THREAD (1)(2 3)"
  auto const adjacent = [&] { return rd.at('(') && !x.values.empty() && x.values.back().k == value::kind::list; };
  while (rd.at(' ') || adjacent()) {
    value v;
    if ((!adjacent() && !rd.sp("response-data")) || !rd.generic(v, "response-data")) return false;
    x.values.push_back(std::move(v));
  }
  t.body = std::move(x);
  return true;
}

template <class T, class F>
bool data(typed_response& t, F&& parse) {
  T v;
  if (!parse(v)) return false;
  t.body = std::move(v);
  return true;
}

bool named(reader& rd, typed_response& t) {
  std::string_view const n = t.name;
  if (n == "OK" || n == "NO" || n == "BAD") return cond(rd, t, "resp-cond-state");
  if (n == "BYE") return cond(rd, t, "resp-cond-bye");
  if (n == "PREAUTH") return cond(rd, t, "resp-cond-auth");
  if (n == "CAPABILITY" || n == "ENABLED") {
    return data<atom_list>(t, [&](atom_list& a) {
      return capabilities(rd, a.items, n == "ENABLED" ? "enable-data" : "capability-data", n == "ENABLED", '\r');
    });
  }
  if (n == "FLAGS") {
    return data<atom_list>(t, [&](atom_list& a) { return rd.sp("mailbox-data") && rd.flag_list(a.items, "flag-list"); });
  }
  if (n == "LIST" || n == "LSUB") return data<list_data>(t, [&](list_data& l) { return list(rd, l); });
  if (n == "STATUS") return data<status_data>(t, [&](status_data& s) { return status(rd, s); });
  if (n == "SEARCH") return data<search_data>(t, [&](search_data& s) { return search(rd, s); });
  if (n == "ESEARCH") return data<esearch_data>(t, [&](esearch_data& e) { return esearch(rd, e); });
  if (n == "VANISHED") return data<vanished_data>(t, [&](vanished_data& v) { return vanished(rd, v); });
  if (n == "ID") return data<id_data>(t, [&](id_data& d) { return id(rd, d); });
  if (n == "NAMESPACE") {
    return data<namespace_data>(t, [&](namespace_data& d) {
      return ns_list(rd, d.personal) && ns_list(rd, d.other) && ns_list(rd, d.shared);
    });
  }
  return extension(rd, t);
}

bool numbered(reader& rd, typed_response& t) {
  std::size_t const at = rd.pos();
  std::uint32_t n = 0;
  if (!rd.number(n, "message-data") || !rd.sp("message-data")) return false;
  t.number = n;
  t.name = rd.take_word();
  if (t.name.empty()) return rd.fail("response-data", "expected a response name after the number");
  bool const expunge_or_fetch = t.name == "EXPUNGE" || t.name == "FETCH";
  if (expunge_or_fetch && n == 0) return rd.fail_at(at, "message-data", "expected a non-zero number (nz-number)");
  if (t.name == "EXISTS" || t.name == "RECENT" || t.name == "EXPUNGE") return true;
  if (t.name != "FETCH") return extension(rd, t);
  return data<fetch_data>(t, [&](fetch_data& f) { return rd.sp("message-data") && msg_att(rd, f); });
}

bool untagged(reader& rd, typed_response& t) {
  if (!rd.sp("response-data")) return false;
  if (syntax::is_digit(static_cast<unsigned char>(rd.peek()))) {
    if (!numbered(rd, t)) return false;
  } else {
    t.name = rd.take_word();
    if (t.name.empty()) return rd.fail("response-data", "expected a response name");
    if (!named(rd, t)) return false;
  }
  return rd.crlf("response-data");
}

bool tagged(reader& rd, typed_response& t) {
  if (!rd.atom(t.tag, "tag", "]")) return false;
  if (t.tag.find('+') != std::string::npos) return rd.fail_at(t.tag.find('+'), "tag", "a tag has no \"+\"");
  if (!rd.sp("response-tagged")) return false;
  std::size_t const at = rd.pos();
  t.name = rd.take_word();
  if (t.name != "OK" && t.name != "NO" && t.name != "BAD") {
    return rd.fail_at(at, "response-tagged", "a tagged response is OK, NO or BAD");
  }
  return cond(rd, t, "resp-cond-state") && rd.crlf("response-tagged");
}

bool continuation(reader& rd, typed_response& t) {
  resp_cond c;
  if (!rd.eat(' ')) return rd.fail("continue-req", "expected SP after \"+\"");
  if (!rd.resp_text(c, "continue-req")) return false;
  t.body = std::move(c);
  return rd.crlf("continue-req");
}

}  // namespace
}  // namespace grammar_detail

grammar_result parse_typed(std::string_view raw, std::size_t max_depth) {
  using namespace grammar_detail;
  reader rd(raw, max_depth);
  typed_response t;
  bool ok = false;
  if (rd.eat('+')) {
    t.t = response::type::continuation;
    ok = continuation(rd, t);
  } else if (rd.eat('*')) {
    ok = untagged(rd, t);
  } else {
    t.t = response::type::tagged;
    ok = tagged(rd, t);
  }
  if (ok && !rd.at_end()) ok = rd.fail("response", "octets after the CRLF that ends the response");
  grammar_result out;
  if (ok) {
    out.value = std::move(t);
  } else {
    out.error = rd.take_error();
  }
  return out;
}

grammar_result parse_typed(response const& r) { return parse_typed(r.raw); }

std::string grammar_error::message() const {
  return detail + ": rule " + rule + " (RFC " + std::to_string(rfc) + " \xC2\xA7" + section + ") at octet " +
         std::to_string(offset) + ": " + near;
}

fetch_item const* fetch_data::find(std::string_view name) const {
  auto it = std::find_if(items.begin(), items.end(), [&](fetch_item const& i) { return i.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace mailspec::codec::imap
