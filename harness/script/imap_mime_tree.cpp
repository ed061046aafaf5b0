// An IMAP server's reading of a message as a MIME tree (imap_mime_tree.hpp).
#include "script/imap_mime_tree.hpp"

#include "codec/common/sha256.hpp"
#include "codec/mime/charset.hpp"
#include "codec/mime/encoded_word.hpp"
#include "codec/mime/header.hpp"
#include "codec/mime/transfer.hpp"
#include "script/mime_tree_json.hpp"

namespace mailspec::script::imap_mime {

namespace {

namespace mm = codec::mime;
namespace imap = codec::imap;
using json = nlohmann::json;

std::string join(std::string const& prefix, std::string const& rest) { return prefix.empty() ? rest : prefix + "." + rest; }

std::string key(std::string const& path, std::string const& field) { return path.empty() ? field : path + "." + field; }

enum class kind { leaf, multipart, message };

kind kind_of(imap::body_structure const& b) {
  if (b.message) return kind::message;
  return b.parts.empty() ? kind::leaf : kind::multipart;
}

std::string utf8(std::string_view s) { return mm::repair_utf8(s); }

/// Walks the structure as RFC 9051 §6.4.5 numbers it: a multipart's children are its number (or the
/// enclosing message's, for a message's root) followed by their place; a message part's body is n.1
/// unless it is a multipart, whose children are then n.1, n.2, ...
class planner {
 public:
  explicit planner(std::size_t max) : max_(max) {}
  std::vector<part_fetch> out;

  void part(imap::body_structure const& b, std::string const& section, bool root, std::string const& msg) {
    if (out.size() >= max_) return;
    part_fetch p;
    p.section = section;
    kind const k = kind_of(b);
    if (!root) p.body.push_back(section + ".MIME");
    if (k == kind::leaf) {
      p.body.push_back(section);
      p.leaf = true;
      p.encoding = mm::to_lower(b.encoding);
    } else if (k == kind::multipart) {
      p.body.push_back(root ? join(msg, "TEXT") : section);
    } else {
      p.body.push_back(section + ".HEADER");
    }
    out.push_back(std::move(p));
    if (k == kind::multipart) {
      std::string const prefix = root ? msg : section;
      for (std::size_t i = 0; i < b.parts.size(); ++i) part(b.parts[i], join(prefix, std::to_string(i + 1)), false, msg);
    } else if (k == kind::message && !b.parts.empty()) {
      message(b.parts.front(), section);
    }
  }

  void message(imap::body_structure const& root, std::string const& prefix) {
    part(root, kind_of(root) == kind::multipart ? std::string() : join(prefix, "1"), true, prefix);
  }

 private:
  std::size_t max_;
};

// ---- header values -----------------------------------------------------------------------------

std::string unstructured(std::string const& raw) { return std::string(mm::trim(mm::decode_unstructured(mm::unfold(raw)))); }

std::string plain(std::string const& raw) { return std::string(mm::trim(mm::unfold(raw))); }

/// RFC 9051 §7.5.2 gives the mailbox as RFC 5322's local-part, so a quoted string where one was written
/// (or obsolete dotted words with comments); some servers (Dovecot 2.3) send the content unquoted
/// instead. The tree's `mailbox` is unquoted, as the parser reports it: a value that starts with a quote is
/// read as the local-part production (quotes and a quoted-pair's backslash dropped, white space and
/// comments outside quotes dropped); any other value is taken as the content already.
std::string local_part(std::string_view raw) {
  if (raw.empty() || raw.front() != '"') return std::string(raw);
  std::string out;
  bool quoted = false;
  int comment = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char const c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      if (!comment) out += raw[i + 1];
      ++i;
    } else if (comment) {
      comment += c == '(' ? 1 : c == ')' ? -1 : 0;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '(') {
      comment = 1;
    } else if (quoted || (c != ' ' && c != '\t' && c != '\r' && c != '\n')) {
      out += c;
    }
  }
  return out;
}

/// Where the decoding is the client's (RFC 2047 words in the subject, a description, a display name, a
/// filename), the server's value as sent is a second reading: an expected tree that keeps the words as
/// written agrees with it, since a server that sends the octets it found has not misread them.
using readings = std::map<std::string, json>;

std::string decoded(std::string const& raw, std::string const& path, readings& also) {
  std::string const d = utf8(unstructured(raw));
  if (std::string const as_sent = utf8(plain(raw)); as_sent != d) also[path] = as_sent;
  return d;
}

json address_json(imap::address const& a, std::string const& path, readings& also) {
  json j = json::object();
  if (a.name && !a.name->empty()) j["name"] = decoded(*a.name, path + ".name", also);
  j["mailbox"] = utf8(local_part(a.mailbox.value_or("")));
  if (a.host) j["host"] = utf8(*a.host);
  return j;
}

/// Group syntax (RFC 9051 §7.5.2): a start marker (NIL host, the group name as mailbox), the members, an
/// end marker (NIL host and mailbox). A "start" with no end after it is an address without a host.
json addresses_json(std::vector<imap::address> const& list, std::string const& path, readings& also) {
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto const& a = list[i];
    if (a.group_end()) continue;
    std::string const at = path + "[" + std::to_string(out.size()) + "]";
    std::size_t end = i + 1;
    while (a.group_start() && end < list.size() && !list[end].group_end()) ++end;
    if (!a.group_start() || end >= list.size()) {
      out.push_back(address_json(a, at, also));
      continue;
    }
    json members = json::array();
    for (std::size_t m = i + 1; m < end; ++m) {
      members.push_back(address_json(list[m], at + ".members[" + std::to_string(members.size()) + "]", also));
    }
    out.push_back({{"group", decoded(*a.mailbox, at + ".group", also)}, {"members", std::move(members)}});
    i = end;
  }
  return out;
}

json params_json(std::vector<std::pair<std::string, std::string>> const& raw, std::vector<mm::parameter>& decoded) {
  std::vector<mm::parameter> in;
  for (auto const& [name, value] : raw) in.push_back({name, value});
  std::vector<std::string> defects;  // a client reads what it can; the server's reading is judged, not ours
  decoded = mm::decode_parameters(in, defects);
  json j = json::object();
  for (auto const& p : decoded) j[utf8(p.name)] = utf8(p.value);
  return j;
}

std::string language_text(imap::value const& v) {
  if (v.k != imap::value::kind::list) return v.text;
  std::string out;
  for (auto const& item : v.items) out += (out.empty() ? "" : ", ") + item.text;
  return out;
}

// ---- the tree ----------------------------------------------------------------------------------

class builder {
 public:
  explicit builder(fetched const& f) : f_(f) {}
  std::map<std::string, std::string> absent;
  readings also;

  json message(imap::body_structure const& root, imap::envelope const* env, std::string const& prefix,
               std::string const& path) {
    json j = json::object();
    size_of(j, "header_octets", join(prefix, "HEADER"));
    if (env) envelope(j, *env, path);
    std::optional<std::string> section;
    if (kind_of(root) != kind::multipart) section = join(prefix, "1");
    j["root"] = part(root, section, prefix, key(path, "root"), true);
    return j;
  }

 private:
  void size_of(json& j, char const* field, std::string const& spec) const {
    if (auto it = f_.body.find(spec); it != f_.body.end()) j[field] = it->second.size();
  }

  void string_field(json& j, std::string const& path, char const* field, imap::nstring const& v, bool decode) {
    if (!v) {
      absent[key(path, field)] = "NIL";
      return;
    }
    j[field] = decode ? decoded(*v, key(path, field), also) : utf8(plain(*v));
  }

  void envelope(json& j, imap::envelope const& e, std::string const& path) {
    string_field(j, path, "subject", e.subject, true);
    string_field(j, path, "date", e.date, false);
    string_field(j, path, "message_id", e.message_id, false);
    string_field(j, path, "in_reply_to", e.in_reply_to, false);
    auto const list = [&](char const* field, imap::address_list const& v) {
      if (v) {
        j[field] = addresses_json(*v, key(path, field), also);
      } else {
        absent[key(path, field)] = "NIL";
      }
    };
    list("from", e.from);
    list("sender", e.sender);
    list("reply_to", e.reply_to);
    list("to", e.to);
    list("cc", e.cc);
    list("bcc", e.bcc);
  }

  /// One part; `root`: the body of the message `msg` (whose header is the part's).
  json part(imap::body_structure const& b, std::optional<std::string> const& section, std::string const& msg,
            std::string const& path, bool root) {
    json j = json::object();
    kind const k = kind_of(b);
    j["section"] = section ? json(*section) : json(nullptr);
    j["type"] = utf8(k == kind::multipart ? std::string("multipart") : mm::to_lower(b.type));
    j["subtype"] = utf8(mm::to_lower(b.subtype));
    if (root) {
      size_of(j, "header_octets", join(msg, "HEADER"));
    } else {
      size_of(j, "header_octets", *section + ".MIME");
    }
    if (k == kind::multipart) {
      multipart(j, b, section, msg, path);
    } else {
      single(j, b, *section, path);
    }
    return j;
  }

  void multipart(json& j, imap::body_structure const& b, std::optional<std::string> const& section,
                 std::string const& msg, std::string const& path) {
    std::vector<mm::parameter> params;
    if (b.ext_fields >= 1) parameters(j, b.ext_params, key(path, "params"), params);
    extension(j, b, params, path);
    size_of(j, "body_octets", section ? *section : join(msg, "TEXT"));
    json parts = json::array();
    std::string const prefix = section.value_or(msg);
    for (std::size_t i = 0; i < b.parts.size(); ++i) {
      std::string const n = join(prefix, std::to_string(i + 1));
      parts.push_back(part(b.parts[i], n, msg, key(path, "parts[" + std::to_string(i) + "]"), false));
    }
    j["parts"] = std::move(parts);
  }

  void single(json& j, imap::body_structure const& b, std::string const& section, std::string const& path) {
    std::vector<mm::parameter> params;
    parameters(j, b.params, key(path, "params"), params);
    string_field(j, path, "id", b.id, false);
    string_field(j, path, "description", b.description, true);
    j["encoding"] = utf8(mm::to_lower(b.encoding));
    j["body_octets"] = b.octets;
    if (b.lines) lines(j, *b.lines, section, path);
    if (b.ext_fields >= 1) string_field(j, path, "md5", b.md5, false);
    extension(j, b, params, path);
    if (b.message) {
      if (!b.parts.empty()) j["message"] = message(b.parts.front(), b.env ? &*b.env : nullptr, section, key(path, "message"));
      return;
    }
    leaf(j, section, mm::to_lower(b.encoding), path);
  }

  /// RFC 9051 §7.5.2 gives the size "in text lines" and does not say whether a last line without a line
  /// end (a part whose CRLF belongs to the next delimiter, RFC 2046 §5.1.1) is one: the form counts it, a
  /// server may count line ends only. Both readings of the body fetched stand.
  void lines(json& j, std::uint64_t n, std::string const& section, std::string const& path) {
    j["body_lines"] = n;
    auto it = f_.body.find(section);
    if (it != f_.body.end() && !it->second.empty() && it->second.back() != '\n') also[key(path, "body_lines")] = n + 1;
  }

  void parameters(json& j, imap::body_params const& raw, std::string const& path, std::vector<mm::parameter>& decoded) {
    j["params"] = raw ? params_json(*raw, decoded) : json::object();
    absent[path] = raw ? "not in the server's parameter list" : "NIL";
  }

  /// Disposition, filename, language and location: extension data, reported only when the server sent
  /// that far (RFC 9051 §7.5.2 lets BODYSTRUCTURE stop after any of them).
  void extension(json& j, imap::body_structure const& b, std::vector<mm::parameter> const& type_params,
                 std::string const& path) {
    std::optional<std::string> name;
    if (b.ext_fields >= 2) {
      if (b.dsp) {
        std::vector<mm::parameter> dp;
        json params = b.dsp->params ? params_json(*b.dsp->params, dp) : json::object();
        j["disposition"] = {{"type", utf8(mm::to_lower(b.dsp->type))}, {"params", std::move(params)}};
        absent[key(path, "disposition.params")] = b.dsp->params ? "not in the server's disposition parameters" : "NIL";
        name = mm::find_parameter(dp, "filename");
      } else {
        absent[key(path, "disposition")] = "NIL";
      }
    }
    if (!name) name = mm::find_parameter(type_params, "name");
    if (name) {
      j["filename"] = utf8(mm::decode_unstructured(*name));
      if (utf8(*name) != j["filename"]) also[key(path, "filename")] = utf8(*name);
    } else if (b.ext_fields >= 2) {
      absent[key(path, "filename")] = "no filename parameter in the disposition, no name parameter in the type";
    }
    if (b.ext_fields >= 3) {
      if (b.lang.k == imap::value::kind::nil) {
        absent[key(path, "language")] = "NIL";
      } else {
        j["language"] = utf8(plain(language_text(b.lang)));
      }
    }
    if (b.ext_fields >= 4) string_field(j, path, "location", b.location, false);
  }

  /// BODY[n] decoded tells where the server cut the part only when the octets follow their encoding:
  /// broken ones decode differently in different decoders, ours included, so then the decoded figures
  /// are not reported (BINARY[n], the server's own decoding, still is).
  void leaf(json& j, std::string const& section, std::string const& encoding, std::string const& path) {
    if (auto it = f_.body.find(section); it != f_.body.end()) {
      decoded_body const d = decode_body(it->second, encoding);
      if (d.clean) {
        j["decoded_octets"] = d.octets;
        j["decoded_sha256"] = d.sha256;
      }
    }
    if (auto it = f_.binary.find(section); it != f_.binary.end()) j["binary_sha256"] = codec::sha256_hex(it->second);
    if (auto it = f_.binary_size.find(section); it != f_.binary_size.end()) j["binary_octets"] = it->second;
    if (auto it = f_.binary_refused.find(section); it != f_.binary_refused.end()) {
      absent[key(path, "binary_sha256")] = absent[key(path, "binary_octets")] = "BINARY refused: " + it->second;
    }
  }

  fetched const& f_;
};

// ---- comparison --------------------------------------------------------------------------------

/// The value at a tree path (`root.parts[1].params.charset`), or nullptr.
json const* at(json const& doc, std::string const& path) {
  json const* cur = &doc;
  std::size_t i = 0;
  while (i < path.size() && cur) {
    if (path[i] == '.') ++i;
    if (path[i] == '[') {
      std::size_t const close = path.find(']', i);
      if (close == std::string::npos || !cur->is_array()) return nullptr;
      std::size_t const n = std::stoul(path.substr(i + 1, close - i - 1));
      cur = n < cur->size() ? &(*cur)[n] : nullptr;
      i = close + 1;
      continue;
    }
    std::size_t const end = std::min(path.find_first_of(".[", i), path.size());
    auto it = cur->find(path.substr(i, end - i));
    cur = it == cur->end() ? nullptr : &*it;
    i = end;
  }
  return cur;
}

bool empty_value(json const* v) {
  return v && ((v->is_string() && v->get<std::string>().empty()) || ((v->is_array() || v->is_object()) && v->empty()));
}

/// The entry of `absent` that covers `path` (the path itself, or an object or list above it).
std::map<std::string, std::string>::const_iterator covering(std::map<std::string, std::string> const& absent,
                                                              std::string const& path) {
  for (std::string p = path;;) {
    if (auto it = absent.find(p); it != absent.end()) return it;
    std::size_t const cut = p.find_last_of(".[");
    if (cut == std::string::npos || cut == 0) return absent.end();
    p.resize(cut);
  }
}

std::string shown(json const* v) {
  if (!v) return "(a field of the expected tree)";
  std::string s = v->dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

bool same(json const& a, json const& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

/// Differences that are none: the expected value is the server's second reading (the octets as sent, a
/// line count that includes an unterminated last line), or an expected multipart without parts where the
/// server shows one: RFC 9051 §9 (body-type-mpart = 1*body) cannot say "no parts", so that is not reported.
void second_readings(mime::comparison& c, json const& expected, json const& actual, server_tree const& t,
                     std::vector<std::string>* notes) {
  std::vector<mime::difference> kept;
  auto const note = [&](std::string const& s) {
    if (notes) notes->push_back(s);
  };
  for (auto& d : c.differences) {
    json const* want = at(expected, d.where);
    auto const it = t.also.find(d.where);
    if (want && it != t.also.end() && same(*want, it->second)) {
      note(d.where + ": " + d.actual + " as the server sent it reads " + d.expected + ": agrees");
      continue;
    }
    json const* got = at(actual, d.where);
    bool const parts = d.where == "parts" || (d.where.size() > 6 && d.where.compare(d.where.size() - 6, 6, ".parts") == 0);
    if (parts && want && want->is_array() && want->empty() && got && got->is_array() && got->size() == 1) {
      note(d.where + ": no parts expected; IMAP cannot say so (a multipart has 1*body, RFC 9051 §9): not reported");
      c.not_reported.push_back(d.where);
      --c.compared;
      continue;
    }
    kept.push_back(std::move(d));
  }
  c.differences = std::move(kept);
}

}  // namespace

std::vector<part_fetch> plan(imap::body_structure const& top, std::size_t max_parts) {
  planner p(max_parts);
  p.message(top, "");
  return std::move(p.out);
}

std::string body_items(part_fetch const& p) {
  std::string out;
  for (auto const& spec : p.body) out += (out.empty() ? "" : " ") + std::string("BODY.PEEK[") + spec + "]";
  return out;
}

void fetched::take(imap::typed_response const& r, std::uint32_t number) {
  auto const* data = std::get_if<imap::fetch_data>(&r.body);
  if (!data || r.name != "FETCH" || r.number != number) return;
  auto const spec = [](imap::section_spec const& s) {
    std::string out;
    for (auto n : s.part) out += (out.empty() ? "" : ".") + std::to_string(n);
    return s.text.empty() ? out : join(out, s.text);
  };
  for (auto const& item : data->items) {
    if (item.name == "BODYSTRUCTURE" && item.body) structure = *item.body;
    if (item.name == "ENVELOPE" && item.env) envelope = *item.env;
    if (item.name == "RFC822.SIZE") size = item.number;
    if (!item.section || item.origin) continue;  // a partial answer is not the section
    if (item.name == "BODY" && item.data) body[spec(*item.section)] = *item.data;
    if (item.name == "BINARY" && item.data) binary[spec(*item.section)] = *item.data;
    if (item.name == "BINARY.SIZE") binary_size[spec(*item.section)] = item.number;
  }
}

decoded_body decode_body(std::string_view body, std::string_view encoding) {
  decoded_body d;
  std::string out;
  auto const run = [&](auto&& decoder) {
    std::error_code ec;
    decoder.put(body, ec);
    decoder.put_eof(ec);
    out = decoder.take_output();
    d.clean = decoder.warnings().empty();
  };
  if (encoding == "base64") {
    run(mm::base64_decoder(codec::parse_mode::lenient));
  } else if (encoding == "quoted-printable") {
    run(mm::qp_decoder(codec::parse_mode::lenient));
  } else {
    out = std::string(body);
  }
  d.octets = out.size();
  d.sha256 = codec::sha256_hex(out);
  return d;
}

server_tree build(fetched const& f, std::string_view reader) {
  builder b(f);
  server_tree t;
  t.document = {{"format", mime_json_format}, {"reader", utf8(reader)}};
  if (f.size) t.document["octets"] = *f.size;
  if (f.structure) t.document["message"] = b.message(*f.structure, f.envelope ? &*f.envelope : nullptr, "", "");
  t.absent = std::move(b.absent);
  t.also = std::move(b.also);
  return t;
}

json expected_for_imap(json const& expected_message) {
  json out = expected_message;
  auto const walk = [](json& node, auto const& self) -> void {
    if (node.is_array()) {
      for (auto& e : node) self(e, self);
      return;
    }
    if (!node.is_object()) return;
    if (auto it = node.find("decoded_sha256"); it != node.end()) node["binary_sha256"] = *it;
    if (auto it = node.find("decoded_octets"); it != node.end()) node["binary_octets"] = *it;
    for (char const* k : {"root", "parts", "message"}) {
      if (auto it = node.find(k); it != node.end()) self(*it, self);
    }
  };
  walk(out, walk);
  return out;
}

mime::comparison compare(json const& expected_file, server_tree const& t, std::vector<std::string>* notes) {
  json expected = expected_for_imap(expected_file.value("message", json::object()));
  json actual = t.document.value("message", json::object());
  if (expected_file.contains("octets")) {  // the whole message's size sits beside "message"
    expected["octets"] = expected_file["octets"];
    if (t.document.contains("octets")) actual["octets"] = t.document["octets"];
  }
  mime::comparison c = mime::compare_expected(expected, actual);
  second_readings(c, expected, actual, t, notes);
  std::vector<std::string> unreported;
  for (auto const& path : c.not_reported) {
    auto it = covering(t.absent, path);
    if (it == t.absent.end()) {
      unreported.push_back(path);
      continue;
    }
    ++c.compared;
    json const* want = at(expected, path);
    if (!empty_value(want)) c.differences.push_back({path, shown(want), "absent (" + it->second + ")"});
  }
  c.not_reported = std::move(unreported);
  return c;
}

}  // namespace mailspec::script::imap_mime
