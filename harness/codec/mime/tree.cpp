#include "codec/mime/tree.hpp"

#include "codec/mime/encoded_word.hpp"
#include "codec/mime/tree_builder.hpp"

#include <cstring>

namespace mailspec::codec::mime {
namespace {

// LF octets in `s`, eight at a time: a byte of x ^ 0x0A.. is zero exactly where s holds LF.
std::size_t count_lf(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
  std::size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    x ^= ones * '\n';
    std::uint64_t const zero = ~(((x & low7) + low7) | x | low7) >> 7;  // 1 in each byte that was LF
    n += static_cast<std::size_t>((zero * ones) >> 56);                  // the sum of those bytes
  }
  for (; i < s.size(); ++i) n += s[i] == '\n';
  return n;
}

// The index of the first octet over 127 (eight at a time), or s.size().
std::size_t first_high_octet(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (x & 0x8080808080808080ULL) break;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
  }
  return s.size();
}

std::string join_section(std::string_view prefix, std::size_t n) {
  return prefix.empty() ? std::to_string(n) : std::string(prefix) + "." + std::to_string(n);
}

// IMAP reports lines for text and for message/rfc822 (and message/global) bodies (RFC 9051 §7.5.2).
bool counts_lines(part const& p) {
  return p.type == "text" || (p.type == "message" && (p.subtype == "rfc822" || p.subtype == "global"));
}

}  // namespace

void tree_builder::add_defect(part& p, std::size_t offset, std::string_view code, std::string detail) {
  for (auto const& d : p.defects) {
    if (d.code == code) return;  // the first of each code per part
  }
  if (defects_ >= options_.max_defects) {
    if (defects_++ == options_.max_defects) {
      tree_.root.defects.push_back({offset, "too-many-defects", "further defects dropped"});
    }
    return;
  }
  ++defects_;
  p.defects.push_back({offset, std::string(code), std::move(detail)});
}

void tree_builder::count(std::string_view raw) {
  if (raw.empty()) return;
  tree_.octets += raw.size();
  last_octet_ = raw.back();
  if (counting_ > 0) line_ends_ += count_lf(raw);
}

void tree_builder::keep(std::string& where, std::string_view raw) {
  if (!options_.keep || !tree_.complete) return;
  if (kept_ + raw.size() > options_.max_kept) {
    tree_.complete = false;
    add_defect(tree_.root, tree_.octets, "kept-octets-limit", "octets past max_kept are not kept");
    return;
  }
  kept_ += raw.size();
  where.append(raw);
}

void tree_builder::on_entity_begin(std::size_t offset, std::size_t) {
  frame f;
  f.top = stack_.empty() || stack_.back().p->kind == entity_kind::message;
  f.p = stack_.empty() ? &tree_.root : &stack_.back().p->parts.emplace_back();
  f.p->offset = offset;
  f.p->raw.delimiter = std::move(pending_delimiter_);
  pending_delimiter_.clear();
  stack_.push_back(std::move(f));
}

void tree_builder::on_header_data(std::string_view raw) {
  count(raw);
  keep(stack_.back().p->raw.header, raw);
}

// The first occurrence counts, or with `combine` every occurrence, joined with ",".
void tree_builder::keep_field(std::optional<kept_fields::value>& slot, field_event const& f, bool combine) {
  if (slot && !combine) return;
  if (fields_kept_ + f.value.size() + 1 > options_.max_fields) {
    add_defect(tree_.root, f.offset, "field-octets-limit", "header fields past max_fields are not read");
    return;
  }
  fields_kept_ += f.value.size() + 1;
  if (slot) {
    slot->text += ",";
    slot->text += f.value;
  } else {
    slot = kept_fields::value{std::string(f.value), f.offset};
  }
}

void tree_builder::on_field(field_event const& f) {
  frame& fr = stack_.back();
  auto& k = fr.fields;
  std::string_view const n = f.name;
  if (n.size() > 8 && iequals(n.substr(0, 8), "content-")) {
    std::string_view const rest = n.substr(8);
    if (iequals(rest, "disposition")) keep_field(k.disposition, f);
    if (iequals(rest, "id")) keep_field(k.id, f);
    if (iequals(rest, "description")) keep_field(k.description, f);
    if (iequals(rest, "language")) keep_field(k.language, f);
    if (iequals(rest, "location")) keep_field(k.location, f);
    if (iequals(rest, "md5")) keep_field(k.md5, f);
    return;
  }
  if (!fr.top) return;
  if (iequals(n, "subject")) keep_field(k.subject, f);
  if (iequals(n, "date")) keep_field(k.date, f);
  if (iequals(n, "message-id")) keep_field(k.message_id, f);
  if (iequals(n, "in-reply-to")) keep_field(k.in_reply_to, f);
  if (iequals(n, "from")) keep_field(k.from, f);
  if (iequals(n, "sender")) keep_field(k.sender, f);
  if (iequals(n, "reply-to")) keep_field(k.reply_to, f);
  // RFC 5322 §4.5.3: repeated destination fields read as one list, joined with ",".
  if (iequals(n, "to")) keep_field(k.to, f, true);
  if (iequals(n, "cc")) keep_field(k.cc, f, true);
  if (iequals(n, "bcc")) keep_field(k.bcc, f, true);
}

void tree_builder::on_header_end(head_event const& h) {
  frame& f = stack_.back();
  f.header_done = true;
  f.body_offset = h.body_offset;
  part& p = *f.p;
  p.header_octets = h.body_offset - h.offset;
  summarise(f, h);
  if (f.top) summarise_envelope(f);
  number(f);
  f.fields = {};
  if (counts_lines(p)) {
    f.lines_from = line_ends_;
    ++counting_;
  }
  if (p.kind == entity_kind::leaf && options_.decode) start_decoding(f);
}

// RFC 9051 §6.4.5: a message's root has part 1 unless it is a multipart (whose parts are 1, 2, ...);
// inside a message/rfc822 part n the same rule with prefix n.
void tree_builder::number(frame& f) {
  part& p = *f.p;
  std::size_t const depth = stack_.size();
  std::string prefix;
  if (f.top) {
    if (depth >= 2) prefix = stack_[depth - 2].prefix;
    if (p.kind != entity_kind::multipart) p.section = join_section(prefix, 1);
  } else {
    frame& parent = stack_[depth - 2];
    p.section = join_section(parent.prefix, ++parent.children);
  }
  f.prefix = p.section ? *p.section : prefix;
}

void tree_builder::on_data(region r, std::string_view data) {
  count(data);
  frame& f = stack_.back();
  part& p = *f.p;
  switch (r) {
    case region::body:
      keep(p.raw.body, data);
      if (f.decoding) decode(f, data);
      break;
    case region::preamble:
      p.preamble_octets += data.size();
      keep(p.raw.preamble, data);
      break;
    case region::epilogue:
      p.epilogue_octets += data.size();
      keep(p.raw.epilogue, data);
      break;
  }
}

void tree_builder::on_delimiter(delimiter_event const& d) {
  count(d.raw);
  part& p = *stack_.back().p;
  if (d.close) {
    p.closed = true;
    keep(p.raw.close, d.raw);
  } else if (options_.keep && tree_.complete) {
    keep(pending_delimiter_, d.raw);
  }
}

void tree_builder::on_entity_end(std::size_t end) {
  frame& f = stack_.back();
  part& p = *f.p;
  if (!f.header_done) p.header_octets = end - p.offset;
  std::size_t const body_start = f.header_done ? f.body_offset : end;
  p.body_octets = end - body_start;
  if (f.lines_from) {
    std::size_t lines = line_ends_ - *f.lines_from;
    if (p.body_octets > 0 && last_octet_ != '\n') ++lines;
    p.body_lines = lines;
    --counting_;
  }
  if (f.decoding) finish_decoding(f);
  stack_.pop_back();
}

void tree_builder::on_defect(defect_event const& d) {
  add_defect(stack_.empty() ? tree_.root : *stack_.back().p, d.offset, d.code, d.detail);
}

void tree_builder::start_decoding(frame& f) {
  part const& p = *f.p;
  leaf_decoding& dec = f.decoding.emplace();
  if (p.encoding == "base64") {
    dec.decoder.emplace<base64_decoder>(parse_mode::lenient, base64_decoder::after_padding::stop);
  } else if (p.encoding == "quoted-printable") {
    dec.decoder.emplace<qp_decoder>(parse_mode::lenient);
  } else if (p.encoding == "7bit") {
    dec.seven_bit = true;
  } else if (p.encoding != "8bit" && p.encoding != "binary") {
    add_defect(*f.p, f.body_offset, "unknown-encoding", p.encoding + ": the body is taken as it is");
  }
}

void tree_builder::decode(frame& f, std::string_view data) {
  leaf_decoding& dec = *f.decoding;
  if (auto* b = std::get_if<base64_decoder>(&dec.decoder)) {
    std::error_code ec;
    b->put(data, ec);
    dec.hash.update(b->output());
    dec.octets += b->output().size();
    b->discard_output();
    return;
  }
  if (auto* q = std::get_if<qp_decoder>(&dec.decoder)) {
    std::error_code ec;
    q->put(data, ec);
    dec.hash.update(q->output());
    dec.octets += q->output().size();
    q->discard_output();
    return;
  }
  if (dec.seven_bit && !dec.eight_bit_seen) {
    std::size_t const i = first_high_octet(data);
    if (i < data.size()) {
      dec.eight_bit_seen = true;
      add_defect(*f.p, tree_.octets - data.size() + i, "8bit-in-7bit-body", "an octet over 127 in a 7bit body");
    }
  }
  dec.hash.update(data);
  dec.octets += data.size();
}

void tree_builder::finish_decoding(frame& f) {
  leaf_decoding& dec = *f.decoding;
  part& p = *f.p;
  auto const finish = [&](auto& d, char const* code) {
    std::error_code ec;
    d.put_eof(ec);
    dec.hash.update(d.output());
    dec.octets += d.output().size();
    for (auto const& w : d.warnings()) add_defect(p, f.body_offset + w.offset, code, w.code);
  };
  if (auto* b = std::get_if<base64_decoder>(&dec.decoder)) finish(*b, "bad-base64");
  if (auto* q = std::get_if<qp_decoder>(&dec.decoder)) finish(*q, "bad-quoted-printable");
  p.decoded_octets = dec.octets;
  p.decoded_sha256 = sha256::hex(dec.hash.finish());
  f.decoding.reset();
}

parser::parser(build_options options)
    : builder_(std::make_unique<tree_builder>(options)),
      reader_(std::make_unique<reader>(*builder_, options.limits)) {}

parser::~parser() = default;
parser::parser(parser&&) noexcept = default;
parser& parser::operator=(parser&&) noexcept = default;

std::size_t parser::put(std::string_view in, std::error_code& ec) { return reader_->put(in, ec); }

void parser::put_eof(std::error_code& ec) { reader_->put_eof(ec); }

tree const& parser::result() const { return builder_->result(); }

tree parser::take() { return std::move(builder_->result()); }

tree parse(std::string_view message, build_options options) {
  parser p(options);
  std::error_code ec;
  p.put(message, ec);
  p.put_eof(ec);
  return p.take();
}

}  // namespace mailspec::codec::mime
