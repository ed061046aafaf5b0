// The built-in mail store: mailboxes, messages, the fixture loader, and what the protocol servers share
// (facts, the end of a session, SASL through sasl_server with the run's credentials).
#include "script/mailstore.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "codec/mime/header.hpp"
#include "codec/sasl/base64.hpp"
#include "script/sasl_server.hpp"

namespace mailspec::script::mailstore {

namespace {

bool iequal(std::string_view a, std::string_view b) { return codec::mime::iequals(a, b); }

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

int month_of(std::string_view m) {
  static constexpr std::string_view names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i) {
    if (iequal(m, names[i])) return i + 1;
  }
  return 0;
}

/// The flags a fixture file's name gives (`03-seen.eml`).
std::vector<std::string> flags_of(std::string const& stem) {
  std::vector<std::string> out;
  std::string const s = codec::mime::to_lower(stem);
  if (s.find("seen") != std::string::npos) out.push_back("\\Seen");
  if (s.find("flagged") != std::string::npos) out.push_back("\\Flagged");
  if (s.find("answered") != std::string::npos) out.push_back("\\Answered");
  return out;
}

std::string read_file(std::filesystem::path const& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("mail store: cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

bool message::has(std::string_view flag) const {
  return std::any_of(flags.begin(), flags.end(), [&](std::string const& f) { return iequal(f, flag); });
}

bool message::set(std::string const& flag, bool on) {
  auto it = std::find_if(flags.begin(), flags.end(), [&](std::string const& f) { return iequal(f, flag); });
  if (on == (it != flags.end())) return false;
  if (on) {
    flags.push_back(flag);
  } else {
    flags.erase(it);
  }
  return true;
}

store::store() {
  boxes_.push_back(mailbox{"INBOX", next_validity_++, 1, true, {}});
}

mailbox* store::find(std::string_view name) {
  for (auto& b : boxes_) {
    if (b.name == name || (b.name == "INBOX" && iequal(name, "INBOX"))) return &b;
  }
  return nullptr;
}

mailbox* store::create(std::string_view name) {
  if (find(name)) return nullptr;
  boxes_.push_back(mailbox{std::string(name), next_validity_++, 1, true, {}});
  return &boxes_.back();
}

bool store::remove(std::string_view name) {
  mailbox* b = find(name);
  if (!b || b->name == "INBOX") return false;
  boxes_.erase(boxes_.begin() + (b - boxes_.data()));
  return true;
}

message& store::append(mailbox& box, std::string octets, std::vector<std::string> flags,
                       std::optional<codec::imap::date_time> internal) {
  message m;
  m.uid = box.uidnext++;
  m.octets = to_crlf(octets);
  m.flags = std::move(flags);
  m.internal = internal ? *internal : date_of(m.octets, codec::imap::date_time{1, 1, 2026, 12, 0, 0, 0});
  m.tree = std::make_shared<codec::mime::tree const>(codec::mime::parse(m.octets));
  box.messages.push_back(std::move(m));
  return box.messages.back();
}

store load_store(std::filesystem::path const& dir) {
  store s;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return s;
  std::vector<std::filesystem::path> boxes;
  for (auto const& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_directory()) boxes.push_back(e.path());
  }
  std::sort(boxes.begin(), boxes.end());
  for (auto const& b : boxes) {
    std::string const name = b.filename().string();
    mailbox* box = iequal(name, "INBOX") ? s.find("INBOX") : s.create(name);
    std::vector<std::filesystem::path> files;
    for (auto const& e : std::filesystem::directory_iterator(b)) {
      if (e.is_regular_file() && e.path().extension() == ".eml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (auto const& f : files) s.append(*box, read_file(f), flags_of(f.stem().string()));
  }
  return s;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> header_field(std::string_view header, std::string_view name) {
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find("\r\n", at);
    while (end != std::string_view::npos && end + 2 < header.size() && (header[end + 2] == ' ' || header[end + 2] == '\t')) {
      end = header.find("\r\n", end + 2);
    }
    if (end == std::string_view::npos) end = header.size();
    std::string_view const field = header.substr(at, end - at);
    if (field.empty()) break;  // the empty line ends the header
    std::size_t const colon = field.find(':');
    if (colon != std::string_view::npos && iequal(codec::mime::trim(field.substr(0, colon)), name)) {
      return std::string(codec::mime::trim(codec::mime::unfold(field.substr(colon + 1))));
    }
    at = end + 2;
  }
  return std::nullopt;
}

codec::imap::date_time date_of(std::string_view message, codec::imap::date_time fallback) {
  auto const value = header_field(message.substr(0, message.find("\r\n\r\n") + 2), "Date");
  if (!value) return fallback;
  // [day-name ","] day month year hh:mm[:ss] zone (RFC 5322 §3.3)
  std::string v = *value;
  if (auto comma = v.find(','); comma != std::string::npos) v = v.substr(comma + 1);
  std::istringstream in(v);
  std::string day, mon, year, time, zone;
  in >> day >> mon >> year >> time >> zone;
  codec::imap::date_time d;
  try {
    d.day = std::stoi(day);
    d.month = month_of(mon);
    d.year = std::stoi(year);
    d.hour = std::stoi(time.substr(0, 2));
    d.minute = std::stoi(time.substr(3, 2));
    d.second = time.size() >= 8 ? std::stoi(time.substr(6, 2)) : 0;
    int const z = zone.size() == 5 ? std::stoi(zone.substr(1)) : 0;
    d.zone = (zone.size() == 5 && zone[0] == '-' ? -1 : 1) * (z / 100 * 60 + z % 100);
  } catch (std::exception const&) {
    return fallback;
  }
  if (d.month == 0 || d.day < 1 || d.day > 31 || d.year < 1900) return fallback;
  return d;
}

// ---- service -------------------------------------------------------------------------------------

service::service(store s, options o) : store_(std::move(s)), opt_(std::move(o)) {
  facts_["end"] = "";
  facts_["commands"] = "0";
  facts_["verbs"] = "";
  facts_["first-verb"] = "";
}

service::~service() = default;

void service::tls_started() {
  tls_pending_ = false;
  tls_ = true;
}

void service::count(std::string const& verb) {
  facts_["commands"] = std::to_string(std::stoul(facts_["commands"]) + 1);
  std::string& verbs = facts_["verbs"];
  verbs += (verbs.empty() ? "" : " ") + verb;
  if (facts_["first-verb"].empty()) facts_["first-verb"] = verb;
}

void service::end(std::string const& how) {
  ended_ = true;
  facts_["end"] = how;
}

bool service::check_login(std::string_view user, std::string_view password) {
  // Without credentials configured any login is taken: the double serves whatever client comes.
  authenticated_ = opt_.user.empty() || (user == opt_.user && password == opt_.password);
  return authenticated_;
}

std::string service::start_sasl(std::string const& mech, std::optional<std::string_view> ir) {
  std::string const m = upper(mech);
  bool const offered = m == "PLAIN" || (opt_.has("AUTH") && (m == "LOGIN" || m == "CRAM-MD5"));
  if (!offered || !sasl_server::supports(m)) return sasl_done(false, "mechanism not offered");
  sasl_server_options so;
  so.strict = false;  // lenient: a real client's small deviations are not this step's to judge
  so.host = opt_.host;
  sasl_ = std::make_unique<sasl_server>(m, opt_.user, opt_.password, so);
  sasl_step const st = sasl_->start_encoded(ir);
  if (!st.done()) return sasl_challenge(codec::sasl::base64_encode(st.data));
  sasl_.reset();
  authenticated_ = st.what == sasl_step::kind::success;
  return sasl_done(authenticated_, st.reason);
}

std::string service::on_sasl_line(std::string_view line) {
  if (!sasl_) return {};
  sasl_step const st = sasl_->on_line(line);
  if (!st.done()) return sasl_challenge(codec::sasl::base64_encode(st.data));
  sasl_.reset();
  authenticated_ = st.what == sasl_step::kind::success;
  return sasl_done(authenticated_, st.what == sasl_step::kind::cancelled ? "cancelled" : st.reason);
}

}  // namespace mailspec::script::mailstore
