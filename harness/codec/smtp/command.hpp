#pragma once
// SMTP command line parser (for the fake server and fuzzing) and the RFC 5321 §4.1.2 / §4.1.3 argument
// grammar of MAIL and RCPT: paths, address literals, ESMTP parameters. Sans-IO, standard library only.
#include "codec/common/line_parser.hpp"
#include "codec/common/observation.hpp"
#include "codec/smtp/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailspec::codec::smtp {

struct command {
  std::string verb{};      // upper-cased
  std::string args{};      // raw octets after the first SP, without the line end
  std::size_t offset = 0;  // stream offset of the first octet
  std::string raw{};       // exact octets incl. the line end
  friend bool operator==(command const&, command const&) = default;
};

struct command_limits {
  std::size_t max_line = 512;  // octets incl. CRLF (RFC 5321 §4.5.3.1.4)
};

/** Incremental SMTP command line splitter.

    A command is `verb [SP args] CRLF`; the verb is ALPHA *(ALPHA / DIGIT / "-") (four letters in RFC 5321,
    longer for extensions such as STARTTLS). Strict mode rejects bare LF, lone CR, NUL and a malformed
    verb; lenient mode records "bare-lf" (the LF ends the line), "bare-cr" (kept in the line), "nul-byte"
    and "bad-verb" and goes on, which is what a fake server that must answer 500 and continue wants.
    The line limit applies in both modes. Arguments are not checked here: see parse_mail_from() etc.
    Data after DATA's 354 or in BDAT chunks is not command lines: do not put() it here. */
class command_parser : public codec::detail::basic_line_parser<command_parser, error> {
 public:
  explicit command_parser(parse_mode mode = parse_mode::strict, command_limits limits = {});

  // put(), put_eof(), done(), take(), reset(), warnings(), clear_warnings(), error_offset() and
  // offset() come from basic_line_parser (codec/common/line_parser.hpp), which states the
  // partial-input contract; a unit is one command line.

 private:
  friend basic_line_parser;  // calls the hooks below

  codec::detail::line_words words() const;
  bool on_line_end(std::size_t at, std::size_t eol_size);

  command_limits limits_;
  command unit_;
};

using codec::next;  // the shared driver helper (codec/common/observation.hpp)

/** `verb [SP args] CRLF` (no SP when args is empty). */
std::string serialize(command const& c);

/// A reverse-path or forward-path (RFC 5321 §4.1.2).
struct path {
  std::string local_part{};                 // as written: a Dot-string, or a Quoted-string with its quotes
  std::string domain{};                     // Domain, or an address literal with its brackets
  std::vector<std::string> source_route{};  // A-d-l domains without "@": accepted, to be ignored (§4.1.1.3)
  bool null = false;                        // "<>" (reverse-path only)
  bool postmaster = false;                  // "<Postmaster>" without domain (forward-path only, §4.1.1.3)
  friend bool operator==(path const&, path const&) = default;
};

/** Parses a whole Reverse-path (`reverse`) or Forward-path, "<" and ">" included, per RFC 5321 §4.1.2
    and §4.1.3: "<>" (reverse only), source routes, Dot-string and Quoted-string local parts, domains,
    [IPv4], [IPv6:...] (full, compressed, IPv4-suffixed) and General-address-literal, "<Postmaster>"
    (forward only). "[IPv6:...]" must hold a valid IPv6-addr: the tag is taken as the registered one,
    not as a General-address-literal. Limits: local part 64, each domain 255, path 256 octets
    (§4.5.3.1.1-3). On failure returns nullopt with ec set, else ec is cleared. */
std::optional<path> parse_path(std::string_view text, bool reverse, std::error_code& ec);

/** "<" [route ":"] local "@" domain ">", "<>" or "<Postmaster>". */
std::string serialize(path const& p);

struct esmtp_param {
  std::string keyword{};               // esmtp-keyword as written
  std::optional<std::string> value{};  // esmtp-value after "=", if any
  friend bool operator==(esmtp_param const&, esmtp_param const&) = default;
};

struct path_args {
  path address{};
  std::vector<esmtp_param> params{};
  friend bool operator==(path_args const&, path_args const&) = default;
};

/** Parses the args of MAIL: `"FROM:" Reverse-path [SP Mail-parameters]` ("FROM:" case-insensitive).
    Lenient mode also accepts spaces before the path ("space-before-path") and empty parameters from
    doubled or trailing spaces ("empty-parameter"), recording warnings (offsets relative to `args`) in
    `warnings` when given. On failure returns nullopt with ec set, else ec is cleared. */
std::optional<path_args> parse_mail_from(std::string_view args, std::error_code& ec,
                                         parse_mode mode = parse_mode::strict, warning_list* warnings = nullptr);

/** Parses the args of RCPT: `"TO:" Forward-path [SP Rcpt-parameters]`, "<Postmaster>" included;
    otherwise as parse_mail_from(). */
std::optional<path_args> parse_rcpt_to(std::string_view args, std::error_code& ec,
                                       parse_mode mode = parse_mode::strict, warning_list* warnings = nullptr);

}  // namespace mailspec::codec::smtp
