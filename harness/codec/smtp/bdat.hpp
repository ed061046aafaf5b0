#pragma once
// SMTP CHUNKING (RFC 3030): the arguments of a BDAT command and the reader of its chunk, for the server
// role. A BDAT command line ("BDAT" SP chunk-size [SP "LAST"] CRLF) is read by smtp::command_parser like
// any command; parse_bdat() reads its arguments; then exactly chunk-size octets follow, with no
// transparency and no terminator (§2), which bdat_reader counts off the stream. Sans-IO, standard library
// only.
#include "codec/common/observation.hpp"
#include "codec/smtp/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mailspec::codec::smtp {

struct bdat_args {
  std::uint64_t size = 0;  // chunk-size: the octets that follow the command line
  bool last = false;       // end-marker "LAST": the last chunk of the message
  friend bool operator==(bdat_args const&, bdat_args const&) = default;
};

/** The arguments of BDAT (command::args): chunk-size = 1*DIGIT, then optionally SP and end-marker "LAST"
    (ABNF strings are case-insensitive). Leading zeros are digits like any other. A size past 2^63 - 1,
    another word, extra spaces or anything after LAST: nullopt with ec = error::bad_bdat. */
std::optional<bdat_args> parse_bdat(std::string_view args, std::error_code& ec);

/** "BDAT <size>[ LAST]\r\n" (the command line only; the chunk follows it on the wire). */
std::string serialize(bdat_args const& a);

struct bdat_limits {
  std::size_t max_content = 16 * 1024 * 1024;  // octets of one chunk kept; more are counted, not stored
};

struct bdat_chunk {
  std::string content{};     // the chunk's first max_content octets
  std::uint64_t size = 0;    // chunk-size (every octet counted, kept or not)
  bool last = false;
  std::size_t offset = 0;      // stream offset of the chunk's first octet
  std::size_t end_offset = 0;  // stream offset just past it
  friend bool operator==(bdat_chunk const&, bdat_chunk const&) = default;
};

/** Reads the chunk of one BDAT command: start() with its arguments, then put() the octets that follow
    the command line. put() consumes at most what is left of the chunk: with the last octet ec is cleared
    and done() is true (at once for a 0-octet chunk); the caller take()s it and reads the next command
    from the unconsumed rest. If the input ends inside the chunk, put() consumes everything and sets
    ec = error::need_more. There is no grammar: any octet, CR, LF and NUL included, is chunk data.
    Offsets count every octet put() consumed since construction or reset(). put() without a start()
    (or after done(), before take()) consumes nothing: ec = error::bad_command, or cleared when done. */
class bdat_reader {
 public:
  explicit bdat_reader(bdat_limits limits = {}) : limits_(limits) {}

  /// Expects the chunk of a BDAT command with these arguments (a chunk not taken yet is dropped).
  void start(bdat_args a);
  std::size_t put(std::string_view in, std::error_code& ec);
  /// End of input: ec = error::unexpected_eof inside a chunk, else cleared.
  void put_eof(std::error_code& ec);
  bool done() const { return state_ == state::done; }
  /// Moves the chunk out; the reader then waits for the next start().
  bdat_chunk take();
  /// Forget everything, the offset count included.
  void reset();

  /// None: every octet is data. There for the codec contract (put / put_eof / done / take / warnings).
  warning_list const& warnings() const { return warnings_; }
  std::size_t error_offset() const { return error_offset_; }
  std::size_t offset() const { return offset_; }

 private:
  enum class state { idle, reading, done };
  bdat_limits limits_;
  state state_ = state::idle;
  bdat_chunk chunk_;
  std::uint64_t left_ = 0;
  std::size_t offset_ = 0;
  std::size_t error_offset_ = 0;
  warning_list warnings_;
};

}  // namespace mailspec::codec::smtp
