#include "session/fault.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace mailspec::session {

namespace {

constexpr std::size_t max_line = 64 * 1024;  // a longer line is tracked by its start only

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

bool number(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

[[noreturn]] void bad(std::string_view spec, std::string const& why) {
  throw std::invalid_argument("--fault '" + std::string(spec) + "': " + why + "; accepted forms:\n" + fault_forms());
}

bool is_verb(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

/// Words of a command line (without its CRLF): the first two, enough for a verb.
std::pair<std::string_view, std::string_view> first_words(std::string_view line) {
  auto word = [&line]() {
    std::size_t const start = line.find_first_not_of(' ');
    if (start == std::string_view::npos) return std::string_view{};
    line.remove_prefix(start);
    std::size_t const end = std::min(line.find(' '), line.size());
    std::string_view w = line.substr(0, end);
    line.remove_prefix(end);
    return w;
  };
  auto const a = word();
  return {a, word()};
}

std::string_view trim_eol(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// An IMAP line ending in a literal's announcement: its length, else nullopt.
std::optional<std::uint64_t> literal_at_end(std::string_view line) {
  line = trim_eol(line);
  if (line.empty() || line.back() != '}') return std::nullopt;
  std::size_t const open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view n = line.substr(open + 1, line.size() - open - 2);
  if (!n.empty() && n.back() == '+') n.remove_suffix(1);  // LITERAL+ (RFC 7888)
  if (!n.empty() && n.front() == '~') return std::nullopt;  // not a literal8 prefix here: keep it simple
  std::uint64_t len = 0;
  if (!number(n, len)) return std::nullopt;
  return len;
}

}  // namespace

std::string fault_forms() {
  return "  VERB=REPLY[@N]    the first write after the client's Nth (default every) VERB becomes a failure reply:\n"
         "                    SMTP a 3-digit code (RCPT=452), POP3 -ERR (RETR=-ERR), IMAP NO, BAD or BYE (LOGIN=NO)\n"
         "  delay=MS          wait MS ms before every write\n"
         "  delay:VERB=MS     wait MS ms before the reply to VERB\n"
         "  jitter=MIN-MAX    wait a random MIN..MAX ms before every write (seeded by --seed)\n"
         "  drop-after-octets=N    close after writing N octets in all\n"
         "  drop-after-commands=N  close after the client's Nth command, before answering it\n"
         "  tls-fail          answer the TLS handshake with an alert and a close\n"
         "  trickle=N/MS      send every write N octets at a time, MS ms apart\n";
}

namespace {

/// `VERB=REPLY[@N]`: the failure reply that replaces the answer to VERB.
void parse_reply_fault(std::string_view spec, std::string_view key, std::string_view value, fault_protocol proto,
                       fault_spec& f) {
  auto num = [&](std::string_view v, char const* what) {
    std::uint64_t n = 0;
    if (!number(v, n)) bad(spec, std::string(what) + " must be a decimal number, not '" + std::string(v) + "'");
    return n;
  };
  if (!is_verb(key)) bad(spec, "'" + std::string(key) + "' is not a command verb or a fault name");
  f.k = fault_spec::kind::reply;
  f.verb = upper(key);
  std::string_view reply = value;
  if (std::size_t const at = value.find('@'); at != std::string_view::npos) {
    reply = value.substr(0, at);
    std::uint64_t n = num(value.substr(at + 1), "@N");
    if (n == 0) bad(spec, "@N counts from 1");
    f.nth = static_cast<std::size_t>(n);
  }
  f.reply = upper(reply);
  bool ok = false;
  switch (proto) {
    case fault_protocol::smtp:
      ok = f.reply.size() == 3 && std::all_of(f.reply.begin(), f.reply.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           f.reply[0] >= '1' && f.reply[0] <= '5';
      if (!ok) bad(spec, "an SMTP reply is a 3-digit code from 100 to 599, e.g. RCPT=452");
      break;
    case fault_protocol::pop3:
      ok = f.reply == "-ERR";
      if (!ok) bad(spec, "a POP3 failure reply is -ERR, e.g. RETR=-ERR");
      break;
    case fault_protocol::imap:
      ok = f.reply == "NO" || f.reply == "BAD" || f.reply == "BYE";
      if (!ok) bad(spec, "an IMAP failure reply is NO, BAD or BYE, e.g. LOGIN=NO");
      break;
  }
}

}  // namespace

fault_spec parse_fault(std::string_view spec, fault_protocol proto) {
  fault_spec f;
  f.text = std::string(spec);
  if (spec == "tls-fail") {
    f.k = fault_spec::kind::tls_fail;
    return f;
  }
  std::size_t const eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0) bad(spec, "no '='");
  std::string_view const key = spec.substr(0, eq), value = spec.substr(eq + 1);
  auto num = [&](std::string_view v, char const* what) {
    std::uint64_t n = 0;
    if (!number(v, n)) bad(spec, std::string(what) + " must be a decimal number, not '" + std::string(v) + "'");
    return n;
  };
  if (key == "delay") {
    f.k = fault_spec::kind::delay;
    f.a = num(value, "the delay");
  } else if (key.rfind("delay:", 0) == 0) {
    f.k = fault_spec::kind::delay_verb;
    f.verb = upper(key.substr(6));
    if (!is_verb(f.verb)) bad(spec, "delay:VERB needs a command verb");
    f.a = num(value, "the delay");
  } else if (key == "jitter") {
    std::size_t const dash = value.find('-');
    if (dash == std::string_view::npos) bad(spec, "jitter takes MIN-MAX");
    f.k = fault_spec::kind::jitter;
    f.a = num(value.substr(0, dash), "MIN");
    f.b = num(value.substr(dash + 1), "MAX");
    if (f.a > f.b) bad(spec, "MIN is above MAX");
  } else if (key == "drop-after-octets" || key == "drop-after-commands") {
    f.k = key == "drop-after-octets" ? fault_spec::kind::drop_after_octets : fault_spec::kind::drop_after_commands;
    f.a = num(value, "N");
    if (f.k == fault_spec::kind::drop_after_commands && f.a == 0) bad(spec, "N must be 1 or more");
  } else if (key == "trickle") {
    std::size_t const slash = value.find('/');
    if (slash == std::string_view::npos) bad(spec, "trickle takes N/MS");
    f.k = fault_spec::kind::trickle;
    f.a = num(value.substr(0, slash), "N");
    f.b = num(value.substr(slash + 1), "MS");
    if (f.a == 0) bad(spec, "N must be 1 or more");
  } else {
    parse_reply_fault(spec, key, value, proto, f);
  }
  return f;
}

fault_filter::fault_filter(std::vector<fault_spec> specs, fault_protocol proto, std::uint64_t seed)
    : specs_(std::move(specs)), proto_(proto), rng_(seed) {}

void fault_filter::on_read(std::string_view bytes) {
  while (!bytes.empty()) {
    if (skip_ > 0) {
      std::size_t const n = static_cast<std::size_t>(std::min<std::uint64_t>(skip_, bytes.size()));
      skip_ -= n;
      bytes.remove_prefix(n);
      continue;
    }
    std::size_t const lf = bytes.find('\n');
    std::string_view const part = bytes.substr(0, lf == std::string_view::npos ? bytes.size() : lf + 1);
    if (line_.size() < max_line) line_.append(part.substr(0, max_line - line_.size()));
    bytes.remove_prefix(part.size());
    if (lf == std::string_view::npos) break;
    std::string line = std::move(line_);
    line_.clear();
    on_line(line);
  }
}

void fault_filter::on_line(std::string const& line) {
  if (in_data_) {
    if (trim_eol(line) == ".") in_data_ = false;
    return;
  }
  if (proto_ == fault_protocol::imap) {
    if (auto n = literal_at_end(line)) {
      command_ += line;
      skip_ = *n;
      return;
    }
    if (!command_.empty()) {
      std::string text = std::move(command_);
      command_.clear();
      text += line;
      on_command(text);
      return;
    }
  }
  if (continuation_) {
    continuation_ = false;  // a SASL response, "*" (cancel) or IMAP's DONE: not a command
    return;
  }
  on_command(line);
}

void fault_filter::on_command(std::string const& text) {
  auto const [w1, w2] = first_words(trim_eol(text));
  std::string const verb = upper(proto_ == fault_protocol::imap ? w2 : w1);
  last_tag_ = proto_ == fault_protocol::imap ? std::string(w1) : std::string();
  last_verb_ = verb;
  verbs_.push_back(verb);
  std::size_t const count = ++per_verb_[verb];
  data_pending_ = proto_ == fault_protocol::smtp && verb == "DATA";
  if (proto_ == fault_protocol::smtp && verb == "BDAT") {
    // BDAT n [LAST]: the chunk's octets follow the line at once (RFC 3030 §2).
    auto const [b, size] = first_words(trim_eol(text));
    (void)b;
    std::uint64_t n = 0;
    if (number(size, n)) skip_ = n;
  }
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    auto const& s = specs_[i];
    if (s.k == fault_spec::kind::reply && s.verb == verb && (s.nth == 0 || s.nth == count)) {
      reply_ = i;
      reply_tag_ = last_tag_;
      reply_nth_ = count;
    } else if (s.k == fault_spec::kind::delay_verb && s.verb == verb) {
      verb_delay_ += std::chrono::milliseconds(s.a);
    } else if (s.k == fault_spec::kind::drop_after_commands && s.a == verbs_.size()) {
      drop_pending_ = true;
    }
  }
}

std::string fault_filter::failure_reply(fault_spec const& s) const {
  switch (proto_) {
    case fault_protocol::smtp: {
      // An RFC 3463 code of the reply's class for 4xx/5xx (X.3.0: mail system status, other).
      std::string const enhanced = s.reply[0] == '4' || s.reply[0] == '5' ? std::string(1, s.reply[0]) + ".3.0 " : "";
      return s.reply + " " + enhanced + "mailspec fault injection\r\n";
    }
    case fault_protocol::pop3: return "-ERR mailspec fault injection\r\n";
    case fault_protocol::imap:
      if (s.reply == "BYE") return "* BYE [UNAVAILABLE] mailspec fault injection\r\n";
      return (reply_tag_.empty() ? "*" : reply_tag_) + " " + s.reply + " [UNAVAILABLE] mailspec fault injection\r\n";
  }
  return {};
}

std::chrono::milliseconds fault_filter::jitter() {
  std::chrono::milliseconds total{0};
  for (auto const& s : specs_) {
    if (s.k != fault_spec::kind::jitter) continue;
    // Modulo rather than a std distribution: the same seed gives the same delays with any standard library.
    std::uint64_t const span = s.b - s.a + 1;
    total += std::chrono::milliseconds(s.a + (span == 0 ? rng_() : rng_() % span));
  }
  return total;
}

write_plan fault_filter::on_write(std::string_view bytes) {
  write_plan p;
  p.bytes = std::string(bytes);
  if (closed_) return p;
  if (drop_pending_) {
    drop_pending_ = false;
    closed_ = true;
    p.close_before = true;
    for (auto const& s : specs_) {
      if (s.k == fault_spec::kind::drop_after_commands) {
        p.notes.push_back("fault: connection closed after the client's command " + std::to_string(verbs_.size()) + " (" +
                          (verbs_.empty() ? std::string("?") : verbs_.back()) + "), before answering it (--fault " + s.text + ")");
        break;
      }
    }
    return p;
  }
  if (reply_) {
    auto const& s = specs_[*reply_];
    p.bytes = failure_reply(s);
    p.replaced = true;
    p.close_after = proto_ == fault_protocol::imap && s.reply == "BYE";
    std::string which = s.nth ? " " + std::to_string(reply_nth_) + (reply_nth_ == 1 ? "st" : reply_nth_ == 2 ? "nd" : reply_nth_ == 3 ? "rd" : "th") : "";
    p.notes.push_back("fault:" + which + " " + s.verb + " answered " + s.reply + " (--fault " + s.text + ")");
    reply_.reset();
  }
  for (auto const& s : specs_) {
    if (s.k == fault_spec::kind::delay) p.delay += std::chrono::milliseconds(s.a);
    if (s.k == fault_spec::kind::trickle) {
      p.chunk = static_cast<std::size_t>(s.a);
      p.gap = std::chrono::milliseconds(s.b);
    }
  }
  p.delay += verb_delay_;
  verb_delay_ = {};
  p.delay += jitter();
  if (p.delay.count() > 0) p.notes.push_back("fault: " + std::to_string(p.delay.count()) + " ms delay before this write");
  for (auto const& s : specs_) {
    if (s.k != fault_spec::kind::drop_after_octets) continue;
    if (written_ + p.bytes.size() >= s.a) {
      p.bytes.resize(static_cast<std::size_t>(s.a - std::min<std::uint64_t>(written_, s.a)));
      p.close_after = true;
      closed_ = true;
      p.notes.push_back("fault: connection closed after " + std::to_string(s.a) + " octets written (--fault " + s.text + ")");
    }
  }
  if (p.chunk && p.bytes.size() > p.chunk) {
    p.notes.push_back("fault: written " + std::to_string(p.chunk) + " octets at a time, " + std::to_string(p.gap.count()) + " ms apart");
  }
  written_ += p.bytes.size();
  after_write(p.bytes);
  return p;
}

void fault_filter::after_write(std::string_view sent) {
  // What the client was told decides what its next lines are: mail data after a 354 to DATA, a SASL
  // response or IMAP's DONE after a continuation to AUTH, AUTHENTICATE or IDLE.
  bool const idle_between = command_.empty() && skip_ == 0;
  if (proto_ == fault_protocol::smtp) {
    if (data_pending_ && sent.rfind("354", 0) == 0) in_data_ = true;
    if (last_verb_ == "AUTH" && idle_between) continuation_ = sent.rfind("334", 0) == 0;
  } else {
    bool const plus = sent.rfind("+ ", 0) == 0 || sent.rfind("+\r", 0) == 0;
    if ((last_verb_ == "AUTH" || last_verb_ == "AUTHENTICATE" || last_verb_ == "IDLE") && idle_between) continuation_ = plus;
  }
  if (!sent.empty()) data_pending_ = false;
}

bool fault_filter::close_before_read(std::string& note) {
  if (!drop_pending_ || closed_) return false;
  write_plan p = on_write({});
  note = p.notes.empty() ? std::string("fault: connection closed") : p.notes.front();
  return true;
}

bool fault_filter::tls_fail() const {
  return std::any_of(specs_.begin(), specs_.end(), [](fault_spec const& s) { return s.k == fault_spec::kind::tls_fail; });
}

std::string fault_filter::tls_fail_text() const { return "tls-fail"; }

void fault_filter::on_tls() {
  line_.clear();
  command_.clear();
  skip_ = 0;
  continuation_ = false;
}

}  // namespace mailspec::session
