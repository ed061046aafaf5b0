#include "session/transcript.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace mailspec::session {

transcript::transcript(std::size_t max_bytes) : start_(std::chrono::steady_clock::now()), max_bytes_(max_bytes) {}

void transcript::add_secret(std::string secret) {
  if (secret.empty() || std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.push_back(std::move(secret));
  // Longest first, so a secret containing another is replaced whole.
  std::sort(secrets_.begin(), secrets_.end(), [](auto const& a, auto const& b) { return a.size() > b.size(); });
}

std::string transcript::redact(std::string_view text) const {
  std::string out(text);
  for (auto const& s : secrets_) {
    for (std::size_t pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 10)) {
      out.replace(pos, s.size(), "<redacted>");
    }
  }
  // "<redacted>" itself can contain a one-letter secret: the loop above steps over each replacement.
  return out;
}

std::vector<transcript_entry> transcript::entries() const {
  std::vector<transcript_entry> out = entries_;
  if (secrets_.empty()) return out;
  // One stream per connection and direction: mark every octet inside an occurrence of a secret.
  std::map<std::pair<std::string, direction>, std::vector<std::size_t>> streams;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].dir != direction::note) streams[{entries_[i].conn, entries_[i].dir}].push_back(i);
  }
  for (auto const& [key, idx] : streams) {
    std::string all;
    for (std::size_t i : idx) all += entries_[i].data;
    std::vector<char> mask(all.size(), 0);  // 1: first octet of a hidden run, 2: inside one
    for (auto const& sec : secrets_) {
      for (std::size_t pos = all.find(sec); pos != std::string::npos; pos = all.find(sec, pos + sec.size())) {
        if (mask[pos] != 0) continue;
        mask[pos] = 1;
        for (std::size_t k = 1; k < sec.size(); ++k) mask[pos + k] = 2;
      }
    }
    // A secret cut off by the transcript budget at the end of an entry: hide its stored head too.
    std::size_t off = 0;
    for (std::size_t i : idx) {
      std::string const& d = entries_[i].data;
      bool const cut = i + 1 < entries_.size() && entries_[i + 1].dir == direction::note &&
                       entries_[i + 1].data.find("more octets not stored") != std::string::npos;
      if (cut) {
        for (auto const& sec : secrets_) {
          for (std::size_t n = std::min(sec.size() - 1, d.size()); n >= std::min<std::size_t>(3, sec.size()) && n > 0; --n) {
            if (d.compare(d.size() - n, n, sec, 0, n) == 0) {
              std::size_t const at = off + d.size() - n;
              if (mask[at] == 0) mask[at] = 1;
              for (std::size_t k = 1; k < n; ++k) mask[at + k] = mask[at + k] ? mask[at + k] : 2;
              break;
            }
          }
        }
      }
      std::string red;
      red.reserve(d.size());
      for (std::size_t k = 0; k < d.size(); ++k) {
        char const m = mask[off + k];
        if (m == 0) red += d[k];
        else if (m == 1 || k == 0) red += "<redacted>";  // a run continued from the previous entry shows once more
      }
      out[i].data = std::move(red);
      off += d.size();
    }
  }
  return out;
}

void transcript::add(direction dir, std::string_view conn, std::string_view data, bool received) {
  auto const now = std::chrono::steady_clock::now();
  auto const t = std::chrono::duration_cast<std::chrono::microseconds>(now - start_).count();
  std::string kept(data);  // raw: redacted on the way out, across entries
  if (dir != direction::note && stored_ + kept.size() > max_bytes_) {
    // Over budget: keep what still fits, and at least the head of the entry (the whole of a short
    // reply) while a second, smaller budget lasts; a note says how much was not stored.
    constexpr std::size_t head = 512;
    std::size_t const room = max_bytes_ - std::min(stored_, max_bytes_);
    std::size_t keep = std::max(room, std::min(head, kept.size()));
    if (room == 0 && tail_stored_ + keep > max_bytes_ / 4) keep = 0;
    if (room == 0) tail_stored_ += keep;
    stored_ = std::min(max_bytes_, stored_ + keep);
    std::size_t const cut = kept.size() - keep;
    dropped_ += cut;
    if (!budget_noted_) {
      budget_noted_ = true;
      entries_.push_back({t, direction::note, std::string(conn),
                          "transcript budget of " + std::to_string(max_bytes_) + " octets reached"});
    }
    if (keep == 0) return;
    kept.resize(keep);
    entries_.push_back({t, dir, std::string(conn), std::move(kept)});
    if (cut) entries_.push_back({t, direction::note, std::string(conn), std::to_string(cut) + " more octets not stored"});
    return;
  }
  stored_ += kept.size();
  if (received && dir != direction::note && !entries_.empty() && entries_.back().dir == dir && entries_.back().conn == conn &&
      t - entries_.back().t_us < 1000) {
    entries_.back().data += kept;
    return;
  }
  entries_.push_back({t, dir, std::string(conn), std::move(kept)});
}

}  // namespace mailspec::session
