// The reader's common parts and its body phase: finding delimiter lines in bodies, preambles and
// epilogues without a per-octet state machine (memchr for "-" at a line start), holding back only the
// line break and line that may still turn out to be a delimiter.
#include "codec/mime/reader.hpp"

#include <cstring>

namespace mailspec::codec::mime {
namespace {

char const* find(std::string_view s, std::size_t from, char c, std::size_t max = std::string_view::npos) {
  if (from >= s.size()) return nullptr;
  std::size_t const n = std::min(s.size() - from, max);
  return static_cast<char const*>(std::memchr(s.data() + from, c, n));
}

// Octets of the line break that ends `s` ("\r\n" 2, "\n" 1, none 0).
std::size_t trailing_break(std::string_view s) {
  if (s.empty() || s.back() != '\n') return 0;
  return s.size() >= 2 && s[s.size() - 2] == '\r' ? 2 : 1;
}

bool all_wsp(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

}  // namespace

reader::reader(reader_handler& handler, reader_limits limits) : h_(handler), limits_(limits) {}

std::size_t reader::put(std::string_view in, std::error_code& ec) {
  ec.clear();
  if (phase_ == phase::done) return 0;
  if (!started_) {
    started_ = true;
    begin_entity(0, true, false);
  }
  std::size_t const total = in.size();
  while (!in.empty()) {
    std::size_t const n = phase_ == phase::header ? header_step(in) : body_step(in);
    in.remove_prefix(n);
    offset_ += n;
  }
  return total;
}

void reader::put_eof(std::error_code& ec) {
  ec.clear();
  if (phase_ == phase::done) return;
  if (!started_) {
    started_ = true;
    begin_entity(0, true, false);
  }
  // A header or a held delimiter line may start another entity, whose header then ends here too.
  while (true) {
    if (phase_ == phase::header) {
      finish_header_at_eof();
    } else if (!hold_.empty()) {
      finish_hold_at_eof();
    } else {
      break;
    }
  }
  if (close_pending_) flush_close({});
  end_entities_above(static_cast<std::size_t>(-1), offset_);
  phase_ = phase::done;
}

void reader::begin_entity(std::size_t at, bool top, bool in_digest) {
  ++parts_;
  frame f;
  f.top = top;
  f.in_digest = in_digest;
  stack_.push_back(std::move(f));
  phase_ = phase::header;
  header_offset_ = at;
  header_octets_ = 0;
  header_lines_ = 0;
  content_type_.reset();
  encoding_.reset();
  field_.clear();
  field_dropped_ = false;
  header_limited_ = false;
  nul_seen_ = false;
  line_.clear();
  long_line_ = false;
  long_cr_ = false;
  pending_break_.clear();
  blank_pending_ = false;
  h_.on_entity_begin(at, stack_.size() - 1);
}

// Ends the frames above `index` (all of them for -1) at `at`; a multipart that had no close delimiter
// is missing it (RFC 2046 §5.1.1 requires one).
void reader::end_entities_above(std::size_t index, std::size_t at) {
  std::size_t const keep = index == static_cast<std::size_t>(-1) ? 0 : index + 1;
  while (stack_.size() > keep) {
    frame const& f = stack_.back();
    if (f.kind == entity_kind::multipart && !f.closed) defect(at, "missing-close-delimiter");
    h_.on_entity_end(at);
    stack_.pop_back();
  }
}

void reader::defect(std::size_t at, std::string_view code, std::string detail) {
  h_.on_defect({at, code, std::move(detail)});
}

bool reader::boundaries_open() const {
  if (frozen_) return false;
  for (auto const& f : stack_) {
    if (f.kind == entity_kind::multipart && !f.closed) return true;
  }
  return false;
}

// A line (its line break included, or not at the end of input) that is a delimiter of an open multipart:
// "--" and the boundary at its start, "--" after it for the close delimiter. RFC 2046 §5.1.1 allows only
// white space after the boundary, but its note to implementors says the boundary at the start of the line
// is enough: text after it is reported, and the line is a delimiter all the same. The outermost boundary
// is tried first: a line that starts with an enclosing boundary ends the parts inside it, even when an
// inner boundary (of which the outer one is a prefix) would match it too. An inner multipart that reuses
// an enclosing boundary exactly (which RFC 2046 §5.1.2 forbids) gets its lines: reading innermost first
// keeps both well formed. A delimiter past the part limit is not taken (`why` says so).
std::optional<reader::match> reader::match_line(std::string_view line, miss& why) {
  if (frozen_) return std::nullopt;
  std::string_view content = line.substr(0, line.size() - trailing_break(line));
  if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
  if (content.size() < 3 || content[0] != '-' || content[1] != '-') return std::nullopt;
  for (std::size_t j = 0; j < stack_.size(); ++j) {
    frame const& f = stack_[j];
    if (f.kind != entity_kind::multipart || f.closed) continue;
    std::string_view const b = f.boundary;
    if (content.size() < 2 + b.size() || content.compare(2, b.size(), b) != 0) continue;
    for (std::size_t k = stack_.size(); --k > j;) {  // the innermost open multipart with this very boundary
      if (stack_[k].kind == entity_kind::multipart && !stack_[k].closed && stack_[k].boundary == b) {
        j = k;
        break;
      }
    }
    std::string_view rest = content.substr(2 + b.size());
    bool const close = rest.substr(0, 2) == "--";
    if (close) rest.remove_prefix(2);
    if (!close && parts_ >= limits_.max_parts) {
      frozen_ = true;
      why = {"part-limit", "more than " + std::to_string(limits_.max_parts) + " parts: the rest is one body"};
      return std::nullopt;
    }
    why = {};
    if (!all_wsp(rest)) why = {"delimiter-trailing-text", "text after the boundary on a delimiter line"};
    return match{j, close};
  }
  return std::nullopt;
}

void reader::delimiter(match m, std::string_view raw, std::size_t at) {
  if (close_pending_) flush_close({});  // its line break is the CRLF of this delimiter
  end_entities_above(m.frame, at);
  frame& f = stack_[m.frame];
  if (!m.close) {
    f.started = true;
    h_.on_delimiter({at, raw, false, m.frame});
    begin_entity(at + raw.size(), false, f.digest);
    return;
  }
  if (!f.started) defect(at, "close-delimiter-first", "the close delimiter comes before any body part");
  f.closed = true;
  phase_ = phase::body;
  bol_ = true;
  // The close delimiter's own line break may yet be the CRLF of an enclosing delimiter: hold it.
  std::size_t const brk = trailing_break(raw);
  close_.assign(raw.substr(0, raw.size() - brk));
  close_offset_ = at;
  close_depth_ = m.frame;
  close_pending_ = true;
  if (brk == 0) {
    flush_close({});
  } else {
    hold(raw.substr(raw.size() - brk), at + raw.size() - brk, brk);
  }
}

void reader::flush_close(std::string_view tail) {
  close_pending_ = false;
  close_ += tail;
  h_.on_delimiter({close_offset_, close_, true, close_depth_});
  close_.clear();
}

void reader::emit(std::string_view data) {
  if (data.empty()) return;
  frame const& f = stack_.back();
  region r = region::body;
  if (f.kind == entity_kind::multipart) r = f.closed ? region::epilogue : region::preamble;
  h_.on_data(r, data);
}

void reader::hold(std::string_view data, std::size_t at, std::size_t break_size) {
  hold_.assign(data);
  hold_offset_ = at;
  hold_break_ = break_size;
}

// The held octets are not a delimiter: a pending close delimiter gets the line break, the rest is data.
void reader::release_hold() {
  std::string const h = std::move(hold_);
  hold_.clear();
  std::string_view v = h;
  if (close_pending_) {
    flush_close(v.substr(0, hold_break_));
    v.remove_prefix(hold_break_);
  }
  emit(v);
}

std::size_t reader::body_step(std::string_view in) {
  if (!boundaries_open()) {
    if (!hold_.empty()) release_hold();
    emit(in);
    return in.size();
  }
  if (!hold_.empty()) return resolve_hold(in);
  return scan(in, bol_);
}

// hold_ is a line break (or a lone CR that may start one), possibly followed by the start of a line
// beginning with "-". Reads on from `in` until that line is known to be a delimiter or not.
std::size_t reader::resolve_hold(std::string_view in) {
  std::size_t i = 0;
  if (hold_ == "\r") {
    if (in[0] != '\n') {  // a CR that is not a line break
      release_hold();
      bol_ = false;
      return 0;
    }
    hold_ += '\n';
    hold_break_ = 2;
    i = 1;
  }
  while (i < in.size()) {
    std::size_t const line = hold_.size() - hold_break_;  // octets of the line after the break
    if (line < 2) {
      if (in[i] != '-') {
        release_hold();
        bol_ = line == 0;
        return i;
      }
      hold_ += '-';
      ++i;
      continue;
    }
    std::size_t const room = limits_.max_delimiter_line > line ? limits_.max_delimiter_line - line : 0;
    char const* nl = find(in, i, '\n', room);
    if (!nl) {
      if (in.size() - i < room) {  // the line goes on in the next put()
        hold_.append(in.substr(i));
        return in.size();
      }
      release_hold();  // too long for a delimiter line
      bol_ = false;
      return i;
    }
    std::size_t const end = static_cast<std::size_t>(nl - in.data()) + 1;
    hold_.append(in.substr(i, end - i));
    i = end;
    miss why;
    if (auto m = match_line(std::string_view(hold_).substr(hold_break_), why)) {
      std::string const raw = std::move(hold_);
      hold_.clear();
      if (why.code) defect(hold_offset_ + hold_break_, why.code, std::move(why.detail));
      delimiter(*m, raw, hold_offset_);
      return i;
    }
    // Not a delimiter: the line is data, and its own line break may precede one.
    std::size_t const brk = trailing_break(hold_);
    std::string const h = std::move(hold_);
    std::size_t const at = hold_offset_, line_break = hold_break_;
    hold(std::string_view(h).substr(0, line_break), at, line_break);
    release_hold();
    if (why.code) defect(at + line_break, why.code, std::move(why.detail));
    emit(std::string_view(h).substr(line_break, h.size() - brk - line_break));
    hold(std::string_view(h).substr(h.size() - brk), at + h.size() - brk, brk);
  }
  return i;
}

// Body octets read directly from `in`: only a "-" at a line start can begin a delimiter line, so memchr
// skips to each "-" (base64 has none) and only a line starting with "--" is compared with the boundaries.
std::size_t reader::scan(std::string_view in, bool bol) {
  std::size_t const n = in.size();
  std::size_t p = 0, done = 0;  // search from p; octets before done are passed on
  while (char const* q = find(in, p, '-')) {
    std::size_t const i = static_cast<std::size_t>(q - in.data());
    if (!(i == 0 ? bol : in[i - 1] == '\n')) {
      p = i + 1;
      continue;
    }
    std::size_t const brk = i == 0 ? 0 : (i >= 2 && in[i - 2] == '\r' ? 2 : 1);
    std::size_t const start = i - brk;
    if (i + 1 == n) {  // "-" at the end: the line may start with "--"
      emit(in.substr(done, start - done));
      hold(in.substr(start), offset_ + start, brk);
      return n;
    }
    if (in[i + 1] != '-') {
      p = i + 2;
      continue;
    }
    char const* nl = find(in, i, '\n', limits_.max_delimiter_line);
    if (!nl) {
      if (n - i < limits_.max_delimiter_line) {  // the line goes on in the next put()
        emit(in.substr(done, start - done));
        hold(in.substr(start), offset_ + start, brk);
        return n;
      }
      p = i + limits_.max_delimiter_line;  // too long for a delimiter line
      continue;
    }
    std::size_t const end = static_cast<std::size_t>(nl - in.data()) + 1;
    miss why;
    if (auto m = match_line(in.substr(i, end - i), why)) {
      emit(in.substr(done, start - done));
      if (why.code) defect(offset_ + i, why.code, std::move(why.detail));
      delimiter(*m, in.substr(start, end - start), offset_ + start);
      return end;
    }
    if (why.code) {
      emit(in.substr(done, i - done));
      done = i;
      defect(offset_ + i, why.code, std::move(why.detail));
      if (frozen_) {  // no delimiter any more: the rest is data
        emit(in.substr(done));
        return n;
      }
    }
    p = end;
  }
  // The last line break (or a final CR) may precede a delimiter in the next put().
  std::size_t const brk = trailing_break(in);
  std::size_t const tail = brk > 0 ? brk : (n > 0 && in[n - 1] == '\r' ? 1 : 0);
  emit(in.substr(done, n - tail - done));
  if (tail > 0) hold(in.substr(n - tail), offset_ + n - tail, tail);
  bol_ = false;
  return n;
}

// At the end of input the held line has no line break of its own; it may still be a delimiter.
void reader::finish_hold_at_eof() {
  std::string_view const line = std::string_view(hold_).substr(hold_break_);
  miss why;
  if (auto m = line.size() >= 2 ? match_line(line, why) : std::nullopt) {
    std::string const raw = std::move(hold_);
    hold_.clear();
    if (why.code) defect(hold_offset_ + hold_break_, why.code, std::move(why.detail));
    delimiter(*m, raw, hold_offset_);
    return;
  }
  std::string const h = std::move(hold_);
  std::size_t const at = hold_offset_, line_break = hold_break_;
  hold(std::string_view(h).substr(0, line_break), at, line_break);
  release_hold();
  if (why.code) defect(at + line_break, why.code, std::move(why.detail));
  emit(std::string_view(h).substr(line_break));
}

}  // namespace mailspec::codec::mime
