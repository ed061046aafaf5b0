// The reader's header phase: header lines, folding, fields, the end of the header and the decision it
// leads to (RFC 5322 §2.2, RFC 2045 §5.2, RFC 2046 §5.1.1, §5.1.5).
#include "codec/mime/charset.hpp"
#include "codec/mime/reader.hpp"

#include <algorithm>
#include <cstring>

namespace mailspec::codec::mime {
namespace {

constexpr std::size_t max_line_octets = 998;  // RFC 5322 §2.1.1, without CRLF

std::string_view without_break(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The length of a field name followed by optional white space and ":" (RFC 5322 §3.6.8, obs-optional of
// §4.5), or 0 when the line does not start a field.
std::size_t field_name_end(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    auto const c = static_cast<unsigned char>(line[i]);
    if (c <= 32 || c >= 127 || c == ':') break;
    ++i;
  }
  if (i == 0) return 0;
  std::size_t j = i;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  return j < line.size() && line[j] == ':' ? i : 0;
}

bool identity_encoding(std::string_view e) { return e == "7bit" || e == "8bit" || e == "binary"; }

}  // namespace

std::size_t reader::header_step(std::string_view in) {
  if (long_line_) return long_line_step(in);
  char const* nl = static_cast<char const*>(std::memchr(in.data(), '\n', in.size()));
  std::size_t const line_end = nl ? static_cast<std::size_t>(nl - in.data()) + 1 : in.size();
  if (line_.empty()) line_offset_ = offset_;
  if (line_.size() + line_end > limits_.max_delimiter_line) {
    // Too long to hold: decide what the line is from its first octets, then stream the rest.
    std::size_t const take = limits_.max_delimiter_line - line_.size();
    std::string const held = line_;  // octets from earlier put() calls (end_header() clears line_)
    line_.append(in.substr(0, take));
    if (!classify_long_line(line_offset_)) {
      line_.clear();
      refeed(held);
      return 0;  // the line belongs to the next phase: read it again there
    }
    line_.clear();
    return take;
  }
  if (!nl) {
    line_.append(in);
    return in.size();
  }
  if (line_.empty()) {
    if (header_line(in.substr(0, line_end), offset_)) return line_end;
    return 0;  // the line belongs to the next phase: read it again there
  }
  line_.append(in.substr(0, line_end));
  std::string const line = std::move(line_);
  line_.clear();
  if (header_line(line, line_offset_)) return line_end;
  refeed(line.substr(0, line.size() - line_end));  // the octets held from earlier put() calls
  return 0;
}

// Octets consumed in earlier put() calls (they end at offset_) are read again in the current phase.
void reader::refeed(std::string const& octets) {
  std::size_t const end = offset_;
  offset_ -= octets.size();
  std::string_view v = octets;
  while (!v.empty()) {
    std::size_t const n = phase_ == phase::header ? header_step(v) : body_step(v);
    v.remove_prefix(n);
    offset_ += n;
  }
  offset_ = end;
}

// One complete header line (its line break included; none at the end of input). False when the header
// ended before it and the line belongs to what follows. A header line's line break is held (pending_break_)
// until the next line is known: before a delimiter it is the delimiter's CRLF (RFC 2046 §5.1.1), else it is
// the header's. After the empty line the header ends once the next line is known not to be a delimiter of
// an enclosing multipart; if it is one, the empty line was that delimiter's CRLF.
bool reader::header_line(std::string_view line, std::size_t at) {
  std::string_view const content = without_break(line);
  std::string_view const brk = line.substr(content.size());
  if (blank_pending_) return after_empty_line(line, at);
  if (content.empty()) return empty_line(brk, at);
  if (content.size() >= 2 && content[0] == '-' && content[1] == '-') {
    miss why;
    if (auto m = match_line(line, why)) {
      delimiter_in_header(*m, why, line, at);
      return true;
    }
    if (why.code) defect(at, why.code, std::move(why.detail));
  }
  if (content[0] == ' ' || content[0] == '\t') {  // folded: continues the field before (RFC 5322 §2.2.3)
    bool const open = !field_.empty() || field_dropped_;
    if (!open) defect(at, "continuation-without-field", "a folded line with no field before it is ignored");
    add_line(content, brk, at, open ? line_role::continuation : line_role::other);
    return true;
  }
  if (field_name_end(content) > 0) {
    flush_field();
    field_offset_ = at;
    add_line(content, brk, at, line_role::field);
    return true;
  }
  if (header_lines_ == 0 && stack_.back().top && content.substr(0, 5) == "From ") {
    defect(at, "mbox-from-line", "an mbox \"From \" line before the header");
    add_line(content, brk, at, line_role::other);
    return true;
  }
  defect(at, "missing-header-separator", "a line that is no header field ends the header");
  flush_pending();
  end_header(at);
  return false;
}

bool reader::empty_line(std::string_view brk, std::size_t at) {
  flush_field();  // the empty line ends the last field (own_boundary() reads Content-Type)
  flush_pending();
  if (!boundaries_open()) {  // no delimiter can follow: the header ends here
    emit_header(brk);
    end_header(at + brk.size());
    return true;
  }
  pending_break_.assign(brk);
  pending_offset_ = at;
  blank_pending_ = true;
  return true;
}

bool reader::after_empty_line(std::string_view line, std::size_t at) {
  blank_pending_ = false;
  miss why;
  auto m = match_line(line, why);
  if (m && own_boundary() == stack_[m->frame].boundary) {
    m.reset();  // a multipart reusing the enclosing boundary: its own first delimiter (innermost first)
    why = {};
  }
  if (m) {
    delimiter_in_header(*m, why, line, at);
    return true;
  }
  if (why.code) defect(at, why.code, std::move(why.detail));
  flush_pending();  // the empty line is the header's
  end_header(at);
  return false;  // the line is the body's first
}

// The boundary this header gives its entity, if it is a multipart ("" otherwise).
std::string reader::own_boundary() const {
  if (!content_type_) return {};
  std::vector<std::string> notes;
  auto const ct = parse_content_type(unfold(*content_type_), notes);
  if (!ct || std::string_view(ct->type).substr(0, 10) != "multipart/") return {};
  return find_parameter(ct->params, "boundary").value_or("");
}

// A delimiter line ends the header; the held line break is its CRLF (RFC 2046 §5.1.1: a body part may be
// all header, or nothing at all). Without one the delimiter is not where the grammar allows it.
void reader::delimiter_in_header(match m, miss& why, std::string_view line, std::size_t at) {
  std::string raw = std::move(pending_break_);
  pending_break_.clear();
  blank_pending_ = false;
  std::size_t const start = raw.empty() ? at : pending_offset_;
  if (raw.empty()) defect(at, "delimiter-without-crlf", "a delimiter line right after the one before");
  if (why.code) defect(at, why.code, std::move(why.detail));
  end_header(start, m.close ? 0 : 1);  // a new part follows at once: a message inside must leave room for it
  raw += line;
  delimiter(m, raw, start);
}

void reader::emit_header(std::string_view raw) {
  if (raw.empty()) return;
  h_.on_header_data(raw);
  header_octets_ += raw.size();
}

void reader::flush_pending() {
  emit_header(pending_break_);
  pending_break_.clear();
}

// Passes on a header line (after the line break held before it), keeps it in the field being assembled
// while the header stays within max_header, checks it (RFC 5322 §2.1.1 line length, §2.2 no NUL; RFC 6532
// allows UTF-8), and holds its line break.
void reader::add_line(std::string_view content, std::string_view brk, std::size_t at, line_role role) {
  std::string const before = std::move(pending_break_);
  pending_break_.clear();
  emit_header(before);
  emit_header(content);
  ++header_lines_;
  line_role_ = role;
  if (role != line_role::other && !field_dropped_) {
    if (header_octets_ > limits_.max_header) {
      field_dropped_ = true;
      field_.clear();
    } else if (role == line_role::field) {
      field_.assign(content);
    } else {
      field_.append(before).append(content);
    }
  }
  check_header_limit();
  if (!nul_seen_) {
    if (auto const* z = static_cast<char const*>(std::memchr(content.data(), '\0', content.size()))) {
      nul_seen_ = true;
      defect(at + static_cast<std::size_t>(z - content.data()), "nul-in-header");
    }
  }
  if (!valid_utf8(content)) defect(at, "8bit-in-header", "octets that are neither ASCII nor UTF-8");
  if (content.size() > max_line_octets) defect(at, "line-too-long", "header line over 998 octets");
  pending_break_.assign(brk);
  pending_offset_ = at + content.size();
}

// The header's octets are contiguous from header_offset_: the defect names the first octet past the limit.
void reader::check_header_limit() {
  if (header_octets_ <= limits_.max_header || header_limited_) return;
  header_limited_ = true;
  defect(header_offset_ + limits_.max_header, "header-too-long",
         "header past " + std::to_string(limits_.max_header) + " octets: fields dropped");
}

// A header line longer than max_delimiter_line: line_ holds its first octets. True when it is part of the
// header (a field or a folded line), whose rest long_line_step() streams; false when it ends the header.
bool reader::classify_long_line(std::size_t at) {
  if (blank_pending_) {  // after the empty line, and too long for a delimiter: the body's first line
    blank_pending_ = false;
    flush_pending();
    end_header(at);
    return false;
  }
  line_role role = line_role::field;
  if (line_[0] == ' ' || line_[0] == '\t') {
    bool const open = !field_.empty() || field_dropped_;
    if (!open) defect(at, "continuation-without-field", "a folded line with no field before it is ignored");
    role = open ? line_role::continuation : line_role::other;
  } else if (field_name_end(line_) > 0) {
    flush_field();
    field_offset_ = at;
  } else {
    defect(at, "missing-header-separator", "a line that is no header field ends the header");
    flush_pending();
    end_header(at);
    return false;
  }
  add_line(line_, {}, at, role);
  long_line_ = true;
  return true;
}

// The rest of a long header line, streamed. A CR at the end of a piece is held: with the LF after it, it
// is the line break, which is held like any header line's.
std::size_t reader::long_line_step(std::string_view in) {
  char const* nl = static_cast<char const*>(std::memchr(in.data(), '\n', in.size()));
  std::size_t const n = nl ? static_cast<std::size_t>(nl - in.data()) + 1 : in.size();
  std::string_view part = in.substr(0, nl ? n - 1 : n);
  std::string_view brk = nl ? "\n" : "";
  if (long_cr_) {
    long_cr_ = false;
    if (nl && part.empty()) {
      brk = "\r\n";
    } else {
      long_content("\r", offset_ - 1);
    }
  }
  if (!part.empty() && part.back() == '\r') {
    part.remove_suffix(1);
    if (nl) {
      brk = "\r\n";
    } else {
      long_cr_ = true;
    }
  }
  long_content(part, offset_);
  if (nl) {
    long_line_ = false;
    pending_break_.assign(brk);
    pending_offset_ = offset_ + n - brk.size();
  }
  return n;
}

// Octets of a long header line at `at`: passed on in pieces cut where a defect falls (a NUL, the header
// limit), so that the events do not depend on how the line arrived.
void reader::long_content(std::string_view data, std::size_t at) {
  while (!data.empty()) {
    std::size_t cut = data.size();
    char const* code = nullptr;
    if (!nul_seen_) {
      if (auto const* z = static_cast<char const*>(std::memchr(data.data(), '\0', data.size()))) {
        cut = static_cast<std::size_t>(z - data.data());
        code = "nul-in-header";
      }
    }
    std::size_t const limit = header_offset_ + limits_.max_header;
    if (!header_limited_ && limit >= at && limit - at < cut) {
      cut = limit - at;
      code = "header-too-long";
    }
    std::string_view const piece = data.substr(0, cut);
    emit_header(piece);
    if (line_role_ != line_role::other && !field_dropped_) {
      if (header_octets_ > limits_.max_header) {
        field_dropped_ = true;
        field_.clear();
      } else {
        field_.append(piece);
      }
    }
    data.remove_prefix(cut);
    at += cut;
    if (!code) break;
    if (code[0] == 'n') {
      nul_seen_ = true;
      defect(at, code);
    } else {  // `at` is the first octet past the limit
      header_limited_ = true;
      defect(at, code, "header past " + std::to_string(limits_.max_header) + " octets: fields dropped");
    }
  }
}

void reader::flush_field() {
  if (field_dropped_) {
    field_dropped_ = false;
    return;
  }
  if (field_.empty()) return;
  std::string_view const f = field_;
  std::size_t const name_end = field_name_end(f);
  std::string_view const name = f.substr(0, name_end);
  std::string_view const value = f.substr(f.find(':', name_end) + 1);
  h_.on_field({name, value, field_offset_});
  if (iequals(name, "content-type")) {
    if (content_type_) {
      defect(field_offset_, "duplicate-content-type", "the first Content-Type is used");
    } else {
      content_type_ = std::string(value);
      content_type_offset_ = field_offset_;
    }
  } else if (iequals(name, "content-transfer-encoding") && !encoding_) {
    encoding_ = std::string(value);
  }
  field_.clear();
}

void reader::end_header(std::size_t body_offset, std::size_t reserve) {
  flush_pending();  // a held line break that nothing else took is the header's
  blank_pending_ = false;
  flush_field();
  head_event const h = decide(body_offset, reserve);
  frame& f = stack_.back();
  f.kind = h.kind;
  f.boundary = h.boundary;
  f.digest = h.type == "multipart/digest";
  h_.on_header_end(h);
  line_.clear();
  long_line_ = false;
  if (h.kind == entity_kind::message) {
    begin_entity(body_offset, true, false);  // the message inside: its header follows at once
    return;
  }
  phase_ = phase::body;
  bol_ = true;
}

// What the header says the entity is. No or an unusable Content-Type gives the default (RFC 2045 §5.2;
// message/rfc822 in a digest, RFC 2046 §5.1.5); a multipart without a usable boundary is such an unusable
// Content-Type (RFC 2046 §5.1.1 makes the parameter mandatory); message/rfc822 is read as a message only
// under an identity encoding (RFC 2046 §5.2.1); nesting stops at max_depth.
head_event reader::decide(std::size_t body_offset, std::size_t reserve) {
  head_event h;
  h.offset = header_offset_;
  h.body_offset = body_offset;
  bool const digest_part = stack_.back().in_digest;
  auto const take_default = [&] {
    h.type = digest_part ? "message/rfc822" : "text/plain";
    h.params.clear();
    if (!digest_part) h.params.push_back({"charset", "us-ascii"});
    h.type_defaulted = true;
  };
  take_default();
  if (content_type_) {
    std::vector<std::string> notes;
    if (auto ct = parse_content_type(unfold(*content_type_), notes)) {
      h.type = std::move(ct->type);
      h.params = std::move(ct->params);
      h.type_defaulted = false;
    } else {
      notes.insert(notes.begin(), "bad-content-type");
    }
    for (auto const& n : notes) defect(content_type_offset_, n);
  }
  h.encoding = transfer_encoding();
  if (std::string_view(h.type).substr(0, 10) == "multipart/") {
    h.boundary = find_parameter(h.params, "boundary").value_or("");
    if (h.boundary.empty() || h.boundary.size() > max_boundary) {
      defect(header_offset_, h.boundary.empty() ? "multipart-without-boundary" : "boundary-too-long",
             "the Content-Type is unusable: the default type is taken");
      h.boundary.clear();
      take_default();
    } else {
      h.kind = entity_kind::multipart;
      if (!identity_encoding(h.encoding)) defect(header_offset_, "encoded-multipart", "the encoding is ignored");
    }
  }
  if (h.type == "message/rfc822" || h.type == "message/global") {
    if (identity_encoding(h.encoding)) {
      h.kind = entity_kind::message;
    } else {
      defect(header_offset_, "encoded-message", "message/rfc822 under " + h.encoding + " is read as a single part");
    }
  }
  limit_kind(h, reserve);
  return h;
}

std::string reader::transfer_encoding() {
  if (!encoding_) return "7bit";
  std::string const value = unfold(*encoding_);
  field_lexer lx(value);
  lx.skip_cfws();
  std::string e = to_lower(lx.token());
  if (!e.empty()) return e;
  defect(header_offset_, "bad-transfer-encoding");
  return "7bit";
}

// A multipart or message past the depth or part limit is read as a single part. `reserve`: parts that
// will begin right after this header ends (the one after a delimiter that ends it), which the message
// inside must leave room for.
void reader::limit_kind(head_event& h, std::size_t reserve) {
  if (h.kind != entity_kind::leaf && stack_.size() >= limits_.max_depth) {
    defect(header_offset_, "depth-limit", "nested deeper than " + std::to_string(limits_.max_depth) + ": read as a single part");
    h.kind = entity_kind::leaf;
  }
  if (h.kind == entity_kind::message && (frozen_ || parts_ + reserve >= limits_.max_parts)) {
    defect(header_offset_, "part-limit", "no more parts: read as a single part");
    h.kind = entity_kind::leaf;
  }
  if (h.kind == entity_kind::multipart && frozen_) h.kind = entity_kind::leaf;
  if (h.kind != entity_kind::multipart) h.boundary.clear();
}

// The input ends inside a header: a last line without a line break is still a line, and the header ends.
void reader::finish_header_at_eof() {
  if (long_line_) {
    long_line_ = false;
    if (long_cr_) {
      long_cr_ = false;
      long_content("\r", offset_ - 1);
    }
    end_header(offset_);
    return;
  }
  if (!line_.empty()) {
    std::string const line = std::move(line_);
    line_.clear();
    if (!header_line(line, line_offset_)) refeed(line);
    return;  // put_eof() calls again while a header is open
  }
  blank_pending_ = false;
  flush_pending();
  end_header(offset_);
}

}  // namespace mailspec::codec::mime
