// The built-in IMAP server: IMAP4rev1 (RFC 3501) and the IMAP4rev2 (RFC 9051) subset real clients use,
// with ID (RFC 2971), ENABLE (RFC 5161), IDLE (RFC 2177), NAMESPACE (RFC 2342), UNSELECT (RFC 3691),
// UIDPLUS (RFC 4315), MOVE (RFC 6851), SASL-IR (RFC 4959) and LITERAL+ (RFC 7888) when told so.
// One command in, the octets of its whole response out; the selected mailbox lives in the store.
#include <algorithm>

#include "script/mailstore_imap.hpp"

namespace mailspec::script::mailstore {

using codec::imap::value;
using namespace imap_detail;

struct imap_service::impl {
  mailbox* selected = nullptr;
  std::string selected_name;
  bool read_only = false;
  bool rev2 = false;  // ENABLE IMAP4rev2
};

namespace {

std::string text_of(std::vector<value> const& a, std::size_t i) { return i < a.size() ? a[i].text : std::string(); }

std::string flags_list(std::vector<std::string> const& f) {
  std::string out = "(";
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? " " : "") + f[i];
  return out + ")";
}

/// "1,3:5" of ascending numbers.
std::string compact(std::vector<std::uint32_t> const& n) {
  std::string out;
  for (std::size_t i = 0; i < n.size();) {
    std::size_t j = i;
    while (j + 1 < n.size() && n[j + 1] == n[j] + 1) ++j;
    out += (out.empty() ? "" : ",") + std::to_string(n[i]) + (j > i ? ":" + std::to_string(n[j]) : "");
    i = j + 1;
  }
  return out;
}

/// LIST pattern matching: "*" anything, "%" anything but the delimiter "/".
bool matches(std::string_view pat, std::string_view name) {
  if (pat.empty()) return name.empty();
  if (pat[0] == '*' || pat[0] == '%') {
    for (std::size_t k = 0; k <= name.size(); ++k) {
      if (matches(pat.substr(1), name.substr(k))) return true;
      if (k < name.size() && pat[0] == '%' && name[k] == '/') break;
    }
    return false;
  }
  return !name.empty() && (pat[0] == name[0]) && matches(pat.substr(1), name.substr(1));
}

}  // namespace

imap_service::imap_service(store s, options o) : service(std::move(s), std::move(o)), impl_(std::make_shared<impl>()) {
  facts_["tag.reused"] = "";
  facts_["literal.unsynced"] = "";
}

std::string imap_service::capabilities() const {
  std::string c = "IMAP4rev1";
  if (opt_.has("IMAP4REV2")) c += " IMAP4rev2";
  if (opt_.has("LITERAL+")) c += " LITERAL+";
  c += " SASL-IR ID ENABLE IDLE NAMESPACE UNSELECT UIDPLUS MOVE";
  if (opt_.starttls && !tls_) c += " STARTTLS";
  c += " AUTH=PLAIN";
  if (opt_.has("AUTH")) c += " AUTH=LOGIN AUTH=CRAM-MD5";
  return c;
}

std::string imap_service::on_command(codec::imap::command const& c) {
  if (!idling_.empty()) {
    std::string const tag = idling_;
    idling_.clear();
    count("DONE");
    return tag + " OK IDLE terminated\r\n";
  }
  std::string const verb = c.uid ? "UID " + c.name : c.name;
  count(verb);
  if (!tags_.insert(c.tag).second && facts_["tag.reused"].empty()) facts_["tag.reused"] = c.tag;
  return dispatch(c);
}

namespace {

std::string ok(std::string const& tag, std::string const& text) { return tag + " OK " + text + "\r\n"; }
std::string no(std::string const& tag, std::string const& text) { return tag + " NO " + text + "\r\n"; }
std::string bad(std::string const& tag, std::string const& text) { return tag + " BAD " + text + "\r\n"; }

}  // namespace

namespace {

/// What the selected-state commands share: the session and the command.
struct selected_cmd {
  imap_service::impl& s;
  codec::imap::command const& c;
  store& st;

  mailbox& box() const { return *s.selected; }

  std::string fetch() {
    auto idx = resolve_set(text_of(c.args, 0), box(), c.uid);
    if (!idx || c.args.size() < 2) return bad(c.tag, "FETCH needs a valid sequence set and attributes");
    std::string err;
    auto atts = fetch_atts(c.args[1], err);
    if (!atts) return bad(c.tag, err);
    std::string out;
    for (std::size_t i : *idx) {
      auto r = fetch_one(box().messages[i], i + 1, *atts, c.uid, !s.read_only, err);
      if (!r) return out + bad(c.tag, err);
      out += *r;
    }
    return out + ok(c.tag, std::string(c.uid ? "UID " : "") + "FETCH completed");
  }

  std::string search() {
    std::string err;
    auto idx = imap_detail::search(c.args, 0, box(), err);
    if (!idx) return err.rfind("[BADCHARSET", 0) == 0 ? no(c.tag, err) : bad(c.tag, err);
    std::string line = "* SEARCH";
    for (std::size_t i : *idx) line += " " + std::to_string(c.uid ? box().messages[i].uid : i + 1);
    return line + "\r\n" + ok(c.tag, "SEARCH completed");
  }

  std::string store_flags() {
    if (s.read_only) return no(c.tag, "mailbox is read-only");
    auto idx = resolve_set(text_of(c.args, 0), box(), c.uid);
    if (!idx || c.args.size() < 3) return bad(c.tag, "STORE needs a sequence set, an item and flags");
    std::string const item = upper(c.args[1].text);
    bool const silent = item.size() > 7 && item.substr(item.size() - 7) == ".SILENT";
    std::string const op = silent ? item.substr(0, item.size() - 7) : item;
    if (op != "FLAGS" && op != "+FLAGS" && op != "-FLAGS") return bad(c.tag, "unknown STORE item " + c.args[1].text);
    std::vector<std::string> flags;
    for (std::size_t a = 2; a < c.args.size(); ++a) {
      if (c.args[a].k == value::kind::list) {
        for (auto const& f : c.args[a].items) flags.push_back(f.text);
      } else {
        flags.push_back(c.args[a].text);
      }
    }
    std::string out;
    for (std::size_t i : *idx) {
      message& m = box().messages[i];
      if (op == "FLAGS") m.flags.clear();
      for (auto const& f : flags) m.set(f, op != "-FLAGS");
      if (silent) continue;
      out += "* " + std::to_string(i + 1) + " FETCH (" + (c.uid ? "UID " + std::to_string(m.uid) + " " : "") + "FLAGS " +
             flags_list(m.flags) + ")\r\n";
    }
    return out + ok(c.tag, "STORE completed");
  }

  /// Removes the messages at `idx` (ascending) from the selected mailbox, with an EXPUNGE each.
  std::string expunge_at(std::vector<std::size_t> const& idx) {
    std::string out;
    for (std::size_t k = idx.size(); k-- > 0;) {
      box().messages.erase(box().messages.begin() + static_cast<std::ptrdiff_t>(idx[k]));
    }
    // Sequence numbers shift as each message goes: report them in the order they went, lowest first.
    for (std::size_t k = 0; k < idx.size(); ++k) out += "* " + std::to_string(idx[k] + 1 - k) + " EXPUNGE\r\n";
    return out;
  }

  std::string expunge() {
    if (s.read_only) return no(c.tag, "mailbox is read-only");
    std::optional<std::vector<std::size_t>> within;
    if (c.uid) {
      within = resolve_set(text_of(c.args, 0), box(), true);
      if (!within) return bad(c.tag, "UID EXPUNGE needs a UID set");
    }
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < box().messages.size(); ++i) {
      bool const in = !within || std::binary_search(within->begin(), within->end(), i);
      if (in && box().messages[i].has("\\Deleted")) idx.push_back(i);
    }
    return expunge_at(idx) + ok(c.tag, "EXPUNGE completed");
  }

  std::string copy(bool move) {
    if (move && s.read_only) return no(c.tag, "mailbox is read-only");
    auto idx = resolve_set(text_of(c.args, 0), box(), c.uid);
    if (!idx || c.args.size() < 2) return bad(c.tag, "needs a sequence set and a mailbox");
    mailbox* to = st.find(c.args[1].text);
    if (!to) return no(c.tag, "[TRYCREATE] no such mailbox");
    std::vector<std::uint32_t> from_uids, to_uids;
    // The source may be the destination: copy the messages first, then append them.
    std::vector<message> picked;
    for (std::size_t i : *idx) picked.push_back(box().messages[i]);
    for (auto const& m : picked) {
      from_uids.push_back(m.uid);
      message& n = st.append(*to, m.octets, m.flags, m.internal);
      to_uids.push_back(n.uid);
    }
    std::string code = idx->empty() ? std::string()
                                    : "[COPYUID " + std::to_string(to->uidvalidity) + " " + compact(from_uids) + " " +
                                          compact(to_uids) + "] ";
    std::string out;
    if (to == s.selected) out += "* " + std::to_string(box().messages.size()) + " EXISTS\r\n";
    if (!move) return out + ok(c.tag, code + "COPY completed");
    if (!code.empty()) out += "* OK " + code + "moved\r\n";
    return out + expunge_at(*idx) + ok(c.tag, "MOVE completed");
  }
};

}  // namespace

namespace {

/// The authenticated-state commands on mailboxes: the session, the command and the store.
struct mailbox_cmd {
  imap_service::impl& s;
  codec::imap::command const& c;
  store& st;

  std::string const& t() const { return c.tag; }

  std::string list() {
    std::string const& n = c.name;
    std::vector<value> a = c.args;
    if (!a.empty() && a.front().k == value::kind::list) a.erase(a.begin());  // LIST-EXTENDED selection options
    if (a.size() < 2) return bad(t(), n + " needs a reference and a pattern");
    if (a[1].text.empty() && a[1].k != value::kind::list) {
      return "* " + n + " (\\Noselect) \"/\" \"\"\r\n" + ok(t(), n + " completed");
    }
    std::string const pat = a[0].text + (a[1].k == value::kind::list ? std::string("*") : a[1].text);
    std::string out;
    for (auto const& b : st.boxes()) {
      bool const hit = matches(pat, b.name) || (b.name == "INBOX" && matches(upper(pat), "INBOX"));
      if (hit && (n == "LIST" || b.subscribed)) out += "* " + n + " () \"/\" " + quote(b.name) + "\r\n";
    }
    return out + ok(t(), n + " completed");
  }

  static std::uint64_t status_item(mailbox const& b, std::string const& k) {
    std::uint64_t v = 0;
    if (k == "MESSAGES") return b.messages.size();
    if (k == "UIDNEXT") return b.uidnext;
    if (k == "UIDVALIDITY") return b.uidvalidity;
    for (auto const& m : b.messages) {
      if (k == "UNSEEN") v += !m.has("\\Seen");
      if (k == "DELETED") v += m.has("\\Deleted");
      if (k == "SIZE") v += m.octets.size();
    }
    return v;
  }

  std::string status() {
    mailbox* b = st.find(text_of(c.args, 0));
    if (!b) return no(t(), "[NONEXISTENT] no such mailbox");
    if (c.args.size() < 2 || c.args[1].k != value::kind::list) return bad(t(), "STATUS needs a list of items");
    static char const* const known[] = {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "RECENT"};
    std::string items;
    for (auto const& i : c.args[1].items) {
      std::string const k = upper(i.text);
      if (std::none_of(std::begin(known), std::end(known), [&](char const* x) { return k == x; })) {
        return bad(t(), "unknown STATUS item " + i.text);
      }
      items += (items.empty() ? "" : " ") + k + " " + std::to_string(status_item(*b, k));
    }
    return "* STATUS " + quote(b->name) + " (" + items + ")\r\n" + ok(t(), "STATUS completed");
  }

  std::string select() {
    std::string const& n = c.name;
    std::string out = s.selected ? "* OK [CLOSED] previous mailbox closed\r\n" : "";
    s.selected = nullptr;
    mailbox* b = st.find(text_of(c.args, 0));
    if (!b) return out + no(t(), "[NONEXISTENT] no such mailbox");
    s.selected = b;
    s.selected_name = b->name;
    s.read_only = n == "EXAMINE";
    out += "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n";
    out += "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags permitted\r\n";
    out += "* " + std::to_string(b->messages.size()) + " EXISTS\r\n";
    if (!s.rev2) out += "* 0 RECENT\r\n";
    for (std::size_t i = 0; i < b->messages.size() && !s.rev2; ++i) {
      if (!b->messages[i].has("\\Seen")) {
        out += "* OK [UNSEEN " + std::to_string(i + 1) + "] first unseen\r\n";
        break;
      }
    }
    out += "* OK [UIDVALIDITY " + std::to_string(b->uidvalidity) + "] UIDs valid\r\n";
    out += "* OK [UIDNEXT " + std::to_string(b->uidnext) + "] predicted next UID\r\n";
    return out + ok(t(), std::string(s.read_only ? "[READ-ONLY] " : "[READ-WRITE] ") + n + " completed");
  }

  std::string create() {
    std::string name = text_of(c.args, 0);
    while (!name.empty() && name.back() == '/') name.pop_back();
    if (name.empty() || !st.create(name)) return no(t(), "[ALREADYEXISTS] mailbox exists");
    return ok(t(), "CREATE completed");
  }

  std::string remove() {
    mailbox* b = st.find(text_of(c.args, 0));
    if (b && b == s.selected) s.selected = nullptr;
    return st.remove(text_of(c.args, 0)) ? ok(t(), "DELETE completed") : no(t(), "[NONEXISTENT] cannot delete that mailbox");
  }

  std::string subscribe() {
    mailbox* b = st.find(text_of(c.args, 0));
    if (!b) return no(t(), "[NONEXISTENT] no such mailbox");
    b->subscribed = c.name == "SUBSCRIBE";
    return ok(t(), c.name + " completed");
  }

  std::string append() {
    mailbox* b = st.find(text_of(c.args, 0));
    if (c.args.size() < 2) return bad(t(), "APPEND needs a mailbox and a message");
    value const& msg = c.args.back();
    if (msg.k != value::kind::literal && msg.k != value::kind::quoted) return bad(t(), "APPEND needs the message as a literal");
    if (!b) return no(t(), "[TRYCREATE] no such mailbox");
    std::vector<std::string> flags;
    std::optional<codec::imap::date_time> date;
    for (std::size_t i = 1; i + 1 < c.args.size(); ++i) {
      if (c.args[i].k == value::kind::list) {
        for (auto const& f : c.args[i].items) flags.push_back(f.text);
      } else if (!(date = parse_date(c.args[i].text, true))) {
        return bad(t(), "APPEND: malformed date-time " + c.args[i].text);
      }
    }
    message const& m = st.append(*b, msg.text, flags, date);
    std::string out = b == s.selected ? "* " + std::to_string(b->messages.size()) + " EXISTS\r\n" : "";
    return out + ok(t(), "[APPENDUID " + std::to_string(b->uidvalidity) + " " + std::to_string(m.uid) + "] APPEND completed");
  }

  std::string close() {
    if (c.name == "CLOSE" && !s.read_only) {
      std::erase_if(s.selected->messages, [](message const& m) { return m.has("\\Deleted"); });
    }
    s.selected = nullptr;
    return ok(t(), c.name + " completed");
  }
};

}  // namespace

std::string imap_service::dispatch(codec::imap::command const& c) {
  std::string const& n = c.name;
  std::string const& t = c.tag;
  impl& s = *impl_;
  // CREATE and DELETE move mailboxes in memory: the selected one is found again by name.
  if (s.selected) s.selected = store_.find(s.selected_name);
  if (n == "CAPABILITY") return "* CAPABILITY " + capabilities() + "\r\n" + ok(t, "CAPABILITY completed");
  if (n == "NOOP" || n == "CHECK") return ok(t, n + " completed");
  if (n == "LOGOUT") {
    end("logout");
    return "* BYE mailspec IMAP server logging out\r\n" + ok(t, "LOGOUT completed");
  }
  if (n == "ID") return "* ID (\"name\" \"mailspec\")\r\n" + ok(t, "ID completed");
  if (n == "STARTTLS") {
    if (!opt_.starttls || tls_) return bad(t, "STARTTLS not offered");
    tls_pending_ = true;
    return ok(t, "begin TLS negotiation now");
  }
  if (n == "LOGIN" || n == "AUTHENTICATE") return login(c);
  if (!authenticated_) return bad(t, "log in first");
  return authenticated(c);
}

std::string imap_service::login(codec::imap::command const& c) {
  std::string const& t = c.tag;
  if (authenticated_) return bad(t, "already authenticated");
  if (c.name == "LOGIN") {
    if (c.args.size() != 2) return bad(t, "LOGIN needs a user name and a password");
    if (!check_login(c.args[0].text, c.args[1].text)) return no(t, "[AUTHENTICATIONFAILED] invalid credentials");
    return ok(t, "[CAPABILITY " + capabilities() + "] logged in");
  }
  if (c.args.empty()) return bad(t, "AUTHENTICATE needs a mechanism");
  sasl_tag_ = t;
  std::optional<std::string_view> ir;
  if (c.args.size() > 1) ir = c.args[1].text;
  return start_sasl(c.args[0].text, ir);
}

std::string imap_service::authenticated(codec::imap::command const& c) {
  std::string const& n = c.name;
  std::string const& t = c.tag;
  impl& s = *impl_;
  if (n == "ENABLE") {
    std::string enabled;
    for (auto const& a : c.args) {
      if (upper(a.text) == "IMAP4REV2" && opt_.has("IMAP4REV2")) {
        s.rev2 = true;
        enabled += " IMAP4rev2";
      }
    }
    return "* ENABLED" + enabled + "\r\n" + ok(t, "ENABLE completed");
  }
  if (n == "NAMESPACE") return "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n" + ok(t, "NAMESPACE completed");
  if (n == "IDLE") {
    idling_ = t;
    return "+ idling\r\n";
  }
  mailbox_cmd mc{s, c, store_};
  if (n == "LIST" || n == "LSUB") return mc.list();
  if (n == "STATUS") return mc.status();
  if (n == "SELECT" || n == "EXAMINE") return mc.select();
  if (n == "CREATE") return mc.create();
  if (n == "DELETE") return mc.remove();
  if (n == "SUBSCRIBE" || n == "UNSUBSCRIBE") return mc.subscribe();
  if (n == "APPEND") return mc.append();
  if (!s.selected) return bad(t, n + " needs a selected mailbox");
  selected_cmd sc{s, c, store_};
  if (n == "CLOSE" || n == "UNSELECT") return mc.close();
  if (n == "FETCH") return sc.fetch();
  if (n == "SEARCH") return sc.search();
  if (n == "STORE") return sc.store_flags();
  if (n == "EXPUNGE") return sc.expunge();
  if (n == "COPY" || n == "MOVE") return sc.copy(n == "MOVE");
  return bad(t, "unknown command " + n);
}

std::string imap_service::sasl_challenge(std::string const& b64) { return "+ " + b64 + "\r\n"; }

std::string imap_service::sasl_done(bool success, std::string const& why) {
  std::string const t = sasl_tag_.empty() ? std::string("*") : sasl_tag_;
  if (success) return ok(t, "[CAPABILITY " + capabilities() + "] authenticated");
  if (why == "mechanism not offered") return no(t, "mechanism not offered");
  if (why == "cancelled") return bad(t, "authentication cancelled");
  return no(t, "[AUTHENTICATIONFAILED] authentication failed");
}

}  // namespace mailspec::script::mailstore
