#include "session/transcript.hpp"

#include <algorithm>

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
  return out;
}

void transcript::add(direction dir, std::string_view conn, std::string_view data) {
  auto const now = std::chrono::steady_clock::now();
  auto const t = std::chrono::duration_cast<std::chrono::microseconds>(now - start_).count();
  std::string kept = redact(data);
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
  // Merge reads that arrive back to back (TCP segmentation is arbitrary); client writes stay one entry
  // each, so a pipelined batch is visibly one write.
  if (!entries_.empty() && dir == direction::server && entries_.back().dir == dir && entries_.back().conn == conn &&
      t - entries_.back().t_us < 1000) {
    entries_.back().data += kept;
    return;
  }
  entries_.push_back({t, dir, std::string(conn), std::move(kept)});
}

}  // namespace mailspec::session
