#include "script/mime_tree_json.hpp"

#include <nlohmann/json.hpp>

#include "codec/mime/charset.hpp"

namespace mailspec::script {
namespace {

namespace mm = codec::mime;
using json = nlohmann::json;

std::string utf8(std::string_view s) { return mm::repair_utf8(s); }

void optional_string(json& j, char const* key, std::optional<std::string> const& v) {
  if (v) j[key] = utf8(*v);
}

json address_json(mm::address const& a) {
  json j = json::object();
  if (a.name) j["name"] = utf8(*a.name);
  j["mailbox"] = utf8(a.mailbox);
  if (a.host) j["host"] = utf8(*a.host);
  return j;
}

json addresses_json(mm::address_list const& list) {
  json out = json::array();
  for (auto const& e : list) {
    if (auto const* a = std::get_if<mm::address>(&e)) {
      out.push_back(address_json(*a));
      continue;
    }
    auto const& g = std::get<mm::address_group>(e);
    json members = json::array();
    for (auto const& m : g.members) members.push_back(address_json(m));
    out.push_back({{"group", utf8(g.name)}, {"members", std::move(members)}});
  }
  return out;
}

json params_json(std::vector<mm::parameter> const& params) {
  json j = json::object();
  for (auto const& p : params) j[utf8(p.name)] = utf8(p.value);
  return j;
}

bool reports_lines(mm::part const& p) {
  return p.type == "text" || (p.type == "message" && (p.subtype == "rfc822" || p.subtype == "global"));
}

}  // namespace

json mime_part_json(mm::part const& p) {
  json j = json::object();
  j["section"] = p.section ? json(*p.section) : json(nullptr);
  j["type"] = utf8(p.type);
  j["subtype"] = utf8(p.subtype);
  j["type_defaulted"] = p.type_defaulted;
  j["params"] = params_json(p.params);
  if (p.disposition) j["disposition"] = {{"type", utf8(p.disposition->type)}, {"params", params_json(p.disposition->params)}};
  optional_string(j, "filename", p.filename);
  optional_string(j, "id", p.id);
  optional_string(j, "description", p.description);
  optional_string(j, "language", p.language);
  optional_string(j, "location", p.location);
  optional_string(j, "md5", p.md5);
  j["encoding"] = utf8(p.encoding);
  j["header_octets"] = p.header_octets;
  j["body_octets"] = p.body_octets;
  if (p.body_lines && reports_lines(p)) j["body_lines"] = *p.body_lines;
  if (p.kind == mm::entity_kind::leaf && p.decoded_octets) {
    j["decoded_octets"] = *p.decoded_octets;
    j["decoded_sha256"] = *p.decoded_sha256;
  }
  if (p.kind == mm::entity_kind::multipart) {
    json parts = json::array();
    for (auto const& c : p.parts) parts.push_back(mime_part_json(c));
    j["parts"] = std::move(parts);
    j["preamble_octets"] = p.preamble_octets;
    j["epilogue_octets"] = p.epilogue_octets;
    j["closed"] = p.closed;
  }
  if (p.kind == mm::entity_kind::message && !p.parts.empty()) j["message"] = mime_message_json(p.parts.front());
  json defects = json::array();
  for (auto const& d : p.defects) defects.push_back(d.code);
  if (!defects.empty()) j["defects"] = std::move(defects);
  return j;
}

json mime_message_json(mm::part const& root) {
  json j = json::object();
  j["header_octets"] = root.header_octets;
  if (root.envelope) {
    auto const& e = *root.envelope;
    optional_string(j, "subject", e.subject);
    optional_string(j, "date", e.date);
    optional_string(j, "message_id", e.message_id);
    optional_string(j, "in_reply_to", e.in_reply_to);
    auto const list = [&j](char const* key, std::optional<mm::address_list> const& v) {
      if (v) j[key] = addresses_json(*v);
    };
    list("from", e.from);
    list("sender", e.sender);
    list("reply_to", e.reply_to);
    list("to", e.to);
    list("cc", e.cc);
    list("bcc", e.bcc);
  }
  j["root"] = mime_part_json(root);
  return j;
}

json mime_tree_json(mm::tree const& t, std::string_view reader) {
  return {{"format", mime_json_format}, {"reader", reader}, {"octets", t.octets}, {"message", mime_message_json(t.root)}};
}

}  // namespace mailspec::script
