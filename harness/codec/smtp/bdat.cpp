#include "codec/smtp/bdat.hpp"

#include <algorithm>
#include <limits>

namespace mailspec::codec::smtp {

std::optional<bdat_args> parse_bdat(std::string_view args, std::error_code& ec) {
  ec = error::bad_bdat;
  bdat_args out;
  std::size_t i = 0;
  constexpr std::uint64_t max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  for (; i < args.size() && args[i] >= '0' && args[i] <= '9'; ++i) {
    auto const digit = static_cast<std::uint64_t>(args[i] - '0');
    if (out.size > (max - digit) / 10) return std::nullopt;
    out.size = out.size * 10 + digit;
  }
  if (i == 0) return std::nullopt;
  std::string_view rest = args.substr(i);
  if (!rest.empty()) {
    if (rest.size() != 5 || rest[0] != ' ') return std::nullopt;
    for (std::size_t k = 0; k < 4; ++k) {
      if ((rest[k + 1] & ~0x20) != "LAST"[k]) return std::nullopt;
    }
    out.last = true;
  }
  ec.clear();
  return out;
}

std::string serialize(bdat_args const& a) {
  return "BDAT " + std::to_string(a.size) + (a.last ? " LAST" : "") + "\r\n";
}

void bdat_reader::start(bdat_args a) {
  chunk_ = bdat_chunk{};
  chunk_.size = a.size;
  chunk_.last = a.last;
  chunk_.offset = offset_;
  chunk_.end_offset = offset_;
  left_ = a.size;
  state_ = left_ == 0 ? state::done : state::reading;
}

std::size_t bdat_reader::put(std::string_view in, std::error_code& ec) {
  if (state_ != state::reading) {
    if (state_ == state::done) {
      ec.clear();
    } else {
      ec = error::bad_command;
      error_offset_ = offset_;
    }
    return 0;
  }
  std::size_t const n = static_cast<std::size_t>(std::min<std::uint64_t>(left_, in.size()));
  std::size_t const room = limits_.max_content - std::min(limits_.max_content, chunk_.content.size());
  chunk_.content.append(in.substr(0, std::min(n, room)));
  left_ -= n;
  offset_ += n;
  chunk_.end_offset = offset_;
  if (left_ == 0) {
    state_ = state::done;
    ec.clear();
  } else {
    ec = error::need_more;
  }
  return n;
}

void bdat_reader::put_eof(std::error_code& ec) {
  if (state_ == state::reading) {
    ec = error::unexpected_eof;
    error_offset_ = offset_;
  } else {
    ec.clear();
  }
}

bdat_chunk bdat_reader::take() {
  state_ = state::idle;
  return std::move(chunk_);
}

void bdat_reader::reset() { *this = bdat_reader(limits_); }

}  // namespace mailspec::codec::smtp
