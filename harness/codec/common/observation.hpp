#pragma once
// Shared vocabulary of every sans-IO codec: parse modes, warnings with byte offsets, and byte quoting.
// Standard library only: this header is linked into fuzz targets and must stay free of Asio and OpenSSL.
#include <cstddef>
#include <optional>
#include <system_error>
#include <string>
#include <string_view>
#include <vector>

namespace mailspec::codec {

/// strict: a deviation from the RFC grammar is an error; lenient: it is recorded as a warning and
/// parsing goes on with the most plausible reading (what a tolerant real-world peer would do).
enum class parse_mode { strict, lenient };

/// One deviation noticed while parsing. `offset` counts octets from the start of the parser's input
/// (across all put() calls since construction or the last reset()), so a verdict can point at the byte.
struct warning {
  std::size_t offset = 0;
  std::string code;    // stable identifier, e.g. "bare-lf"
  std::string detail;  // human text, e.g. "line ended with LF without CR"
  friend bool operator==(warning const&, warning const&) = default;
};

/// Warnings accumulate here; the script layer decides whether one becomes a verdict.
using warning_list = std::vector<warning>;

namespace detail {

/// How a warning_sink bounds what it keeps.
struct warning_policy {
  std::size_t cap = 1000;                                    // warnings kept before the closing one
  bool once_per_code = true;                                 // per unit, only the first of each code
  std::string_view capped_code = "warnings-capped";          // the closing warning at the cap
  std::string_view capped_detail = "further warnings dropped";
};

/// For a parser whose every deviation is worth seeing (IMAP responses, MIME bodies): no merging by
/// code, 1023 warnings and then "too-many-warnings", 1024 in all.
inline constexpr warning_policy every_warning{1023, false, "too-many-warnings", "further warnings dropped"};

/// Where a parser's lenient-mode warnings go. By default keeps the first warning of each code per unit
/// (a long body with bare LFs yields one "bare-lf", at its first octet) and at most `cap` warnings in
/// all, then one "warnings-capped": a hostile peer cannot grow it without bound.
class warning_sink {
 public:
  static constexpr std::size_t cap = warning_policy{}.cap;  // the default policy's

  explicit warning_sink(warning_policy policy = {}) : policy_(policy) {}

  void add(std::size_t offset, std::string_view code, std::string detail);
  void next_unit() { seen_.clear(); }
  void clear() {
    list_.clear();
    seen_.clear();
  }
  warning_list const& list() const { return list_; }

 private:
  warning_policy policy_;
  warning_list list_;
  std::vector<std::string> seen_;
};

}  // namespace detail

/** Driver helper for every incremental parser: put()s `in` and drops the consumed octets from its
    front. Returns the unit when one completed (call again for the next). Otherwise nullopt with ec =
    the codec's need_more (all of `in` consumed: read more) or the parse error. */
template <class Parser>
auto next(Parser& parser, std::string_view& in, std::error_code& ec) -> std::optional<decltype(parser.take())> {
  in.remove_prefix(parser.put(in, ec));
  if (!parser.done()) return std::nullopt;
  return parser.take();
}

/// Quote octets for a human: printable ASCII as is, `\\` doubled, CR/LF/TAB as \r \n \t, all else \xHH.
/// The quoting is reversible (see unquote_bytes), so transcripts built from it stay byte-exact.
std::string quote_bytes(std::string_view bytes);

/// Inverse of quote_bytes. Unknown escapes are kept literally.
std::string unquote_bytes(std::string_view quoted);

/// quote_bytes of at most `max` octets, with "... (N more octets)" appended when cut.
std::string quote_bytes_cut(std::string_view bytes, std::size_t max);

}  // namespace mailspec::codec
