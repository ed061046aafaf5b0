// What a part's header says, as the tree reports it: type, parameters, disposition, filename, the other
// Content-* fields, and a message header's envelope fields (README of suites/mime).
#include "codec/mime/encoded_word.hpp"
#include "codec/mime/tree_builder.hpp"

namespace mailspec::codec::mime {
namespace {

std::string plain(kept_fields::value const& v) { return std::string(trim(unfold(v.text))); }

}  // namespace

void tree_builder::summarise(frame& f, head_event const& h) {
  part& p = *f.p;
  kept_fields const& k = f.fields;
  p.kind = h.kind;
  std::size_t const slash = h.type.find('/');
  p.type = h.type.substr(0, slash);
  p.subtype = h.type.substr(slash + 1);
  p.type_defaulted = h.type_defaulted;
  p.params = h.params;
  p.encoding = h.encoding;
  if (p.kind == entity_kind::multipart) {
    p.boundary = h.boundary;
    p.closed = false;  // until its close delimiter
  }
  std::vector<std::string> notes;
  if (k.disposition) {
    if (auto d = parse_disposition(unfold(k.disposition->text), notes)) {
      p.disposition = content_disposition{std::move(d->type), std::move(d->params)};
    } else {
      notes.insert(notes.begin(), "bad-content-disposition");
    }
    for (auto const& n : notes) add_defect(p, k.disposition->offset, n, "in Content-Disposition");
  }
  // The disposition's filename, else the type's name (RFC 2183 §2.3, RFC 2046 §4.5.1); decoded as RFC 2231
  // already, and as RFC 2047 too, which senders use there although RFC 2047 §5 does not allow it.
  std::optional<std::string> name;
  if (p.disposition) name = find_parameter(p.disposition->params, "filename");
  if (!name) name = find_parameter(p.params, "name");
  if (name) {
    notes.clear();
    p.filename = decode_unstructured(*name, &notes);
  }
  if (k.id) p.id = plain(*k.id);
  if (k.language) p.language = plain(*k.language);
  if (k.location) p.location = plain(*k.location);
  if (k.md5) p.md5 = plain(*k.md5);
  if (k.description) {
    notes.clear();
    p.description = std::string(trim(decode_unstructured(unfold(k.description->text), &notes)));
    for (auto const& n : notes) add_defect(p, k.description->offset, n, "in Content-Description");
  }
}

void tree_builder::summarise_envelope(frame& f) {
  part& p = *f.p;
  kept_fields const& k = f.fields;
  envelope e;
  std::vector<std::string> notes;
  if (k.subject) {
    e.subject = std::string(trim(decode_unstructured(unfold(k.subject->text), &notes)));
    for (auto const& n : notes) add_defect(p, k.subject->offset, n, "in Subject");
  }
  if (k.date) e.date = plain(*k.date);
  if (k.message_id) e.message_id = plain(*k.message_id);
  if (k.in_reply_to) e.in_reply_to = plain(*k.in_reply_to);
  auto const addresses = [&](std::optional<kept_fields::value> const& v, std::optional<address_list>& out) {
    if (!v) return;
    notes.clear();
    out = parse_address_list(unfold(v->text), notes);
    for (auto const& n : notes) add_defect(p, v->offset, n, "in an address field");
  };
  addresses(k.from, e.from);
  addresses(k.sender, e.sender);
  addresses(k.reply_to, e.reply_to);
  addresses(k.to, e.to);
  addresses(k.cc, e.cc);
  addresses(k.bcc, e.bcc);
  p.envelope = std::move(e);
}

}  // namespace mailspec::codec::mime
