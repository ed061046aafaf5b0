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
// ended before it and the line belongs to what follows.
bool reader::header_line(std::string_view line, std::size_t at) {
  std::string_view const content = without_break(line);
  if (content.empty()) {  // the empty line that ends the header
    add_header_octets(line, at, false);
    end_header(at + line.size());
    return true;
  }
  if (content[0] == '-' && content.size() >= 3 && content[1] == '-') {
    miss why;
    if (auto m = match_line(line, why)) {
      defect(at, "header-ends-at-delimiter", "no empty line before the delimiter");
      end_header(at);
      delimiter(*m, line, at);
      return true;
    }
    if (why.code) defect(at, why.code, std::move(why.detail));
  }
  if (content[0] == ' ' || content[0] == '\t') {  // folded: continues the field before (RFC 5322 §2.2.3)
    bool const open = !field_.empty() || field_dropped_;
    if (!open) defect(at, "continuation-without-field", "a folded line with no field before it is ignored");
    add_header_octets(line, at, open);
    return true;
  }
  if (start_field(line, at)) return true;
  if (header_lines_ == 0 && stack_.back().top && content.substr(0, 5) == "From ") {
    defect(at, "mbox-from-line", "an mbox \"From \" line before the header");
    add_header_octets(line, at, false);
    return true;
  }
  defect(at, "missing-header-separator", "a line that is no header field ends the header");
  end_header(at);
  return false;
}

bool reader::start_field(std::string_view line, std::size_t at) {
  if (field_name_end(line) == 0) return false;
  flush_field();
  field_offset_ = at;
  add_header_octets(line, at, true);
  return true;
}

// Counts the octets into the header, passes them on, keeps them in the field being assembled while the
// header stays within max_header, and checks them (RFC 5322 §2.1.1 line length, §2.2 no NUL; RFC 6532
// allows UTF-8).
void reader::add_header_octets(std::string_view raw, std::size_t at, bool field_line) {
  h_.on_header_data(raw);
  header_octets_ += raw.size();
  ++header_lines_;
  if (field_line && !field_dropped_) {
    if (header_octets_ <= limits_.max_header) {
      field_.append(raw);
    } else {
      field_dropped_ = true;
      field_.clear();
    }
  }
  check_header_limit();
  std::string_view const content = without_break(raw);
  if (!nul_seen_) {
    if (auto const* z = static_cast<char const*>(std::memchr(content.data(), '\0', content.size()))) {
      nul_seen_ = true;
      defect(at + static_cast<std::size_t>(z - content.data()), "nul-in-header");
    }
  }
  if (!valid_utf8(content)) defect(at, "8bit-in-header", "octets that are neither ASCII nor UTF-8");
  if (content.size() > max_line_octets) defect(at, "line-too-long", "header line over 998 octets");
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
  char const c = line_[0];
  bool open = true;
  if (c == ' ' || c == '\t') {
    open = !field_.empty() || field_dropped_;
    if (!open) defect(at, "continuation-without-field", "a folded line with no field before it is ignored");
  } else if (field_name_end(line_) > 0) {
    flush_field();
    field_offset_ = at;
  } else {
    defect(at, "missing-header-separator", "a line that is no header field ends the header");
    end_header(at);
    return false;
  }
  add_header_octets(line_, at, open);
  if (!open) field_dropped_ = true;  // the rest of the line joins no field either
  long_line_ = true;
  return true;
}

std::size_t reader::long_line_step(std::string_view in) {
  char const* nl = static_cast<char const*>(std::memchr(in.data(), '\n', in.size()));
  std::size_t const n = nl ? static_cast<std::size_t>(nl - in.data()) + 1 : in.size();
  std::string_view const part = in.substr(0, n);
  h_.on_header_data(part);
  header_octets_ += n;
  if (!field_dropped_) {
    if (header_octets_ <= limits_.max_header) {
      field_.append(part);
    } else {
      field_dropped_ = true;
      field_.clear();
    }
  }
  // A NUL before the header limit's octet is reported first, however the line was cut into put() calls.
  auto const* z = nul_seen_ ? nullptr : static_cast<char const*>(std::memchr(part.data(), '\0', part.size()));
  std::size_t const nul_at = z ? offset_ + static_cast<std::size_t>(z - part.data()) : 0;
  if (z && nul_at < header_offset_ + limits_.max_header) {
    nul_seen_ = true;
    defect(nul_at, "nul-in-header");
  }
  check_header_limit();
  if (z && !nul_seen_) {
    nul_seen_ = true;
    defect(nul_at, "nul-in-header");
  }
  if (nl) long_line_ = false;
  return n;
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
  std::string_view value = f.substr(f.find(':', name_end) + 1);
  value = without_break(value);
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

void reader::end_header(std::size_t body_offset) {
  flush_field();
  head_event const h = decide(body_offset);
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
// message/rfc822 in a digest, RFC 2046 §5.1.5); a multipart needs a boundary; message/rfc822 is read as
// a message only under an identity encoding (RFC 2046 §5.2.1); nesting stops at max_depth.
head_event reader::decide(std::size_t body_offset) {
  head_event h;
  h.offset = header_offset_;
  h.body_offset = body_offset;
  bool const digest_part = stack_.back().in_digest;
  h.type = digest_part ? "message/rfc822" : "text/plain";
  if (!digest_part) h.params.push_back({"charset", "us-ascii"});
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
  if (encoding_) {
    std::string const value = unfold(*encoding_);
    field_lexer lx(value);
    lx.skip_cfws();
    h.encoding = to_lower(lx.token());
    if (h.encoding.empty()) {
      defect(header_offset_, "bad-transfer-encoding");
      h.encoding = "7bit";
    }
  }
  std::string_view const type = h.type;
  if (type.substr(0, 10) == "multipart/") {
    h.boundary = find_parameter(h.params, "boundary").value_or("");
    if (h.boundary.empty()) {
      defect(header_offset_, "multipart-without-boundary", "read as a single part");
    } else if (h.boundary.size() > max_boundary) {
      defect(header_offset_, "boundary-too-long", "read as a single part");
    } else {
      h.kind = entity_kind::multipart;
      if (!identity_encoding(h.encoding)) defect(header_offset_, "encoded-multipart", "the encoding is ignored");
    }
  } else if (type == "message/rfc822" || type == "message/global") {
    if (identity_encoding(h.encoding)) {
      h.kind = entity_kind::message;
    } else {
      defect(header_offset_, "encoded-message", "message/rfc822 under " + h.encoding + " is read as a single part");
    }
  }
  if (h.kind != entity_kind::leaf && stack_.size() >= limits_.max_depth) {
    defect(header_offset_, "depth-limit", "nested deeper than " + std::to_string(limits_.max_depth) + ": read as a single part");
    h.kind = entity_kind::leaf;
  }
  if (h.kind == entity_kind::message && (frozen_ || parts_ >= limits_.max_parts)) {
    defect(header_offset_, "part-limit", "no more parts: read as a single part");
    h.kind = entity_kind::leaf;
  }
  if (h.kind == entity_kind::multipart && frozen_) h.kind = entity_kind::leaf;
  if (h.kind != entity_kind::multipart) h.boundary.clear();
  return h;
}

// The input ends inside a header: a last line without a line break is still a line, and the header ends.
void reader::finish_header_at_eof() {
  if (long_line_) {
    long_line_ = false;
    end_header(offset_);
    return;
  }
  if (!line_.empty()) {
    std::string const line = std::move(line_);
    line_.clear();
    if (!header_line(line, line_offset_)) refeed(line);
    return;  // put_eof() calls again while a header is open
  }
  end_header(offset_);
}

}  // namespace mailspec::codec::mime
