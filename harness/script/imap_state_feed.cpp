// The adapter between an IMAP client connection and the mailbox-state model: commands read back from
// the octets sent, responses from the strict grammar's typed values.
#include "script/imap_state_feed.hpp"

#include <algorithm>
#include <variant>

namespace mailspec::script::detail {

namespace imap = codec::imap;

namespace {

/// An atom or string argument's text ("" for a list or NIL).
std::string text_of(imap::value const& v) {
  return v.k == imap::value::kind::list || v.k == imap::value::kind::nil ? std::string() : v.text;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

imap::command_kind kind_of(std::string const& name, bool uid) {
  using k = imap::command_kind;
  if (uid) {
    if (name == "FETCH") return k::uid_fetch;
    if (name == "STORE") return k::uid_store;
    if (name == "SEARCH") return k::uid_search;
    if (name == "EXPUNGE") return k::uid_expunge;
    if (name == "COPY") return k::uid_copy;
    if (name == "MOVE") return k::uid_move;
    return k::other;
  }
  static std::pair<char const*, k> const table[] = {
      {"FETCH", k::fetch},     {"STORE", k::store},     {"SEARCH", k::search},   {"NOOP", k::noop},
      {"IDLE", k::idle},       {"CHECK", k::check},     {"EXPUNGE", k::expunge}, {"CLOSE", k::close},
      {"UNSELECT", k::unselect}, {"SELECT", k::select}, {"EXAMINE", k::examine}, {"APPEND", k::append},
      {"COPY", k::copy},       {"MOVE", k::move}};
  for (auto const& [word, kind] : table) {
    if (name == word) return kind;
  }
  return k::other;
}

/// STORE's arguments: set [SP "(" modifiers ")"] SP item SP flags (RFC 9051 §6.4.6, RFC 7162 §3.1.3).
std::optional<imap::store_request> store_of(std::vector<imap::value> const& args) {
  if (args.size() < 3) return std::nullopt;
  imap::store_request s;
  s.set = text_of(args[0]);
  std::size_t at = 1;
  if (args[at].k == imap::value::kind::list) {
    auto const& mods = args[at].items;
    for (std::size_t i = 0; i < mods.size(); ++i) {
      if (upper(text_of(mods[i])) == "UNCHANGEDSINCE") s.unchangedsince = true;
    }
    ++at;
  }
  if (at >= args.size()) return std::nullopt;
  std::string item = upper(text_of(args[at]));
  if (item.size() > 7 && item.compare(item.size() - 7, 7, ".SILENT") == 0) {
    s.silent = true;
    item.resize(item.size() - 7);
  }
  if (item == "+FLAGS") {
    s.mode = imap::store_mode::add;
  } else if (item == "-FLAGS") {
    s.mode = imap::store_mode::remove;
  } else if (item == "FLAGS") {
    s.mode = imap::store_mode::replace;
  } else {
    return std::nullopt;  // an item the model does not know: no STORE expectations
  }
  for (std::size_t i = at + 1; i < args.size(); ++i) {
    if (args[i].k == imap::value::kind::list) {
      for (auto const& f : args[i].items) s.flags.insert(text_of(f));
    } else {
      s.flags.insert(text_of(args[i]));
    }
  }
  return s;
}

/// UID SEARCH criteria that name messages by sequence number (a sequence set as a search key).
bool has_sequence_key(std::vector<imap::value> const& args) {
  for (auto const& a : args) {
    if (a.k == imap::value::kind::list) {
      if (has_sequence_key(a.items)) return true;
      continue;
    }
    if (a.k != imap::value::kind::atom && a.k != imap::value::kind::number) continue;
    std::string const& t = a.text;
    if (!t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '*' || t[0] == '$') &&
        t.find_first_not_of("0123456789:,*$") == std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

imap::command_event classify(imap::command const& c) {
  imap::command_event e;
  e.tag = c.tag;
  e.kind = kind_of(c.name, c.uid);
  if ((e.kind == imap::command_kind::select || e.kind == imap::command_kind::examine) && !c.args.empty()) {
    e.mailbox = text_of(c.args[0]);
  }
  if (e.kind == imap::command_kind::store || e.kind == imap::command_kind::uid_store) e.store = store_of(c.args);
  if (e.kind == imap::command_kind::uid_search) e.sequence_numbers_in_criteria = has_sequence_key(c.args);
  return e;
}

imap_state_feed::imap_state_feed(imap::mailbox_registry* registry) : model_(imap::model_options{}, registry) {}

void imap_state_feed::restart_commands() { sent_.reset(); }

void imap_state_feed::on_sent(std::string_view bytes) {
  // Bounded: each pass consumes octets, completes a command, or stops.
  while (!bytes.empty()) {
    std::error_code ec;
    std::size_t const n = sent_.put(bytes, ec);
    bytes.remove_prefix(std::min(n, bytes.size()));
    if (sent_.done()) {
      started(sent_.take());
      continue;
    }
    if (ec && ec != imap::error::need_more) {
      sent_.reset_command();  // not a command (a SASL line, DONE, garbage): skip its line
      continue;
    }
    if (n == 0) break;
  }
}

void imap_state_feed::started(imap::command const& c) {
  if (c.tag.empty() || c.name.empty()) return;  // DONE, a SASL line
  model_.command_started(classify(c));
}

void imap_state_feed::on_response(imap::typed_response const& r) {
  using rtype = imap::response::type;
  if (r.t == rtype::continuation) return;
  if (r.t == rtype::tagged) {
    // A command refused at its synchronising literal: its octets never come.
    if (sent_.literal_pending() && sent_.current().tag == r.tag) sent_.reset_command();
    if (auto const* cond = std::get_if<imap::resp_cond>(&r.body); cond && cond->code) on_code(*cond->code);
    auto const result = r.name == "OK" ? imap::completion::ok : r.name == "NO" ? imap::completion::no : imap::completion::bad;
    model_.command_completed(r.tag, result);
    return;
  }
  untagged(r);
}

void imap_state_feed::untagged(imap::typed_response const& r) {
  if (auto const* cond = std::get_if<imap::resp_cond>(&r.body)) {
    if (cond->code) on_code(*cond->code);
    return;
  }
  if (r.name == "EXISTS" && r.number) return model_.on_exists(*r.number);
  if (r.name == "EXPUNGE" && r.number) return model_.on_expunge(*r.number);
  if (r.name == "RECENT" && r.number) return model_.on_recent(*r.number);
  if (r.name == "FLAGS") {
    if (auto const* l = std::get_if<imap::atom_list>(&r.body)) model_.on_flags(imap::flag_set(l->items.begin(), l->items.end()));
    return;
  }
  if (auto const* v = std::get_if<imap::vanished_data>(&r.body)) {
    imap::number_ranges ranges;
    for (auto const& s : v->uids) {
      if (s.first != 0 && s.last != 0) ranges.emplace_back(std::min(s.first, s.last), std::max(s.first, s.last));
    }
    return model_.on_vanished(ranges, v->earlier);
  }
  if (auto const* f = std::get_if<imap::fetch_data>(&r.body); f && r.number) {
    imap::fetch_event e;
    e.number = *r.number;
    if (auto const* uid = f->find("UID")) e.uid = uid->number;
    if (auto const* flags = f->find("FLAGS")) e.flags = imap::flag_set(flags->flags.begin(), flags->flags.end());
    if (auto const* modseq = f->find("MODSEQ")) e.modseq = modseq->number;
    model_.on_fetch(e);
  }
}

void imap_state_feed::on_code(imap::resp_code const& code) {
  if (code.name == "UIDVALIDITY" && code.number) return model_.on_uidvalidity(*code.number);
  if (code.name == "UIDNEXT" && code.number) return model_.on_uidnext(*code.number);
  if (code.name == "HIGHESTMODSEQ" && code.number) return model_.on_highestmodseq(*code.number);
  if (code.name == "PERMANENTFLAGS") model_.on_permanentflags(imap::flag_set(code.atoms.begin(), code.atoms.end()));
}

}  // namespace mailspec::script::detail
