#include "codec/smtp/command.hpp"

#include <cstring>
#include <utility>

namespace mailspec::codec::smtp {
namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_let_dig(char c) { return is_alpha(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_upper(a[i]) != to_upper(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

template <typename Predicate>
bool all_of(std::string_view s, Predicate pred) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// Splits `s` at every `sep`; calls f(piece) until it returns false. Empty pieces are passed on.
template <typename Function>
bool each_piece(std::string_view s, char sep, Function f) {
  while (true) {
    auto const at = s.find(sep);
    if (!f(s.substr(0, at))) return false;
    if (at == std::string_view::npos) return true;
    s.remove_prefix(at + 1);
  }
}

std::size_t count_pieces(std::string_view s, char sep) {
  std::size_t n = 0;
  each_piece(s, sep, [&](std::string_view) {
    ++n;
    return true;
  });
  return n;
}

// atext, RFC 5322 §3.2.3
bool is_atext(char c) { return is_let_dig(c) || (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr); }

// Dot-string = Atom *("." Atom)
bool is_dot_string(std::string_view s) {
  return each_piece(s, '.', [](std::string_view atom) { return !atom.empty() && all_of(atom, is_atext); });
}

// Index just past the closing DQUOTE of the Quoted-string starting at s[0], or npos.
std::size_t quoted_string_end(std::string_view s) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Quoted-string = DQUOTE *(qtextSMTP / "\" %d32-126) DQUOTE
bool is_quoted_string(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || quoted_string_end(s) != s.size()) return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    auto const u = static_cast<unsigned char>(s[i]);
    if (u == '\\') {
      auto const q = static_cast<unsigned char>(s[++i]);
      if (i + 1 >= s.size() || q < 32 || q > 126) return false;
    } else if (u < 32 || u > 126 || u == '"') {
      return false;
    }
  }
  return true;
}

// Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig
bool is_ldh_str(std::string_view s) {
  return !s.empty() && is_let_dig(s.back()) && all_of(s, [](char c) { return is_let_dig(c) || c == '-'; });
}

// sub-domain = Let-dig [Ldh-str]
bool is_sub_domain(std::string_view s) { return !s.empty() && is_let_dig(s.front()) && is_ldh_str(s); }

bool is_domain(std::string_view s) { return each_piece(s, '.', is_sub_domain); }

// Snum = 1*3DIGIT, 0 through 255
bool is_snum(std::string_view s) {
  if (s.empty() || s.size() > 3 || !all_of(s, is_digit)) return false;
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value <= 255;
}

bool is_ipv4(std::string_view s) { return count_pieces(s, '.') == 4 && each_piece(s, '.', is_snum); }

// IPv6-hex = 1*4HEXDIG
bool is_ipv6_hex(std::string_view s) { return !s.empty() && s.size() <= 4 && all_of(s, is_hex); }

// Hex groups of one side of "::" (or of the whole address); an IPv4 tail is split off when allowed.
bool ipv6_groups(std::string_view s, bool allow_ipv4, std::size_t& groups, bool& ipv4) {
  groups = 0;
  ipv4 = false;
  if (s.empty()) return true;
  auto const last_colon = s.rfind(':');
  auto const tail = last_colon == std::string_view::npos ? s : s.substr(last_colon + 1);
  if (allow_ipv4 && tail.find('.') != std::string_view::npos) {
    if (!is_ipv4(tail)) return false;
    ipv4 = true;
    if (last_colon == std::string_view::npos) return true;
    s = s.substr(0, last_colon);
  }
  groups = count_pieces(s, ':');
  return each_piece(s, ':', is_ipv6_hex);
}

// IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp (RFC 5321 §4.1.3)
bool is_ipv6(std::string_view s) {
  std::size_t left = 0, right = 0;
  bool v4 = false, left_v4 = false;
  auto const gap = s.find("::");
  if (gap == std::string_view::npos) {
    if (!ipv6_groups(s, true, left, v4)) return false;
    return v4 ? left == 6 : left == 8;
  }
  if (s.find("::", gap + 1) != std::string_view::npos) return false;
  if (!ipv6_groups(s.substr(0, gap), false, left, left_v4) || !ipv6_groups(s.substr(gap + 2), true, right, v4)) {
    return false;
  }
  // "::" stands for at least two groups: at most 6 others, or 4 besides an IPv4 tail.
  return left + right <= (v4 ? 4u : 6u);
}

// dcontent = %d33-90 / %d94-126
bool is_dcontent(char c) {
  auto const u = static_cast<unsigned char>(c);
  return (u >= 33 && u <= 90) || (u >= 94 && u <= 126);
}

bool is_address_literal(std::string_view s) {
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return false;
  auto const inner = s.substr(1, s.size() - 2);
  if (is_ipv4(inner)) return true;
  auto const colon = inner.find(':');
  if (colon == std::string_view::npos) return false;
  auto const tag = inner.substr(0, colon);
  auto const content = inner.substr(colon + 1);
  if (iequals(tag, "IPv6")) return is_ipv6(content);
  return is_ldh_str(tag) && !content.empty() && all_of(content, is_dcontent);
}

// Domain or address-literal, with the §4.5.3.1.2 limit.
error check_domain(std::string_view s) {
  if (s.size() > 255) return error::domain_too_long;
  if (!s.empty() && s.front() == '[') return is_address_literal(s) ? error{} : error::bad_address_literal;
  return is_domain(s) ? error{} : error::bad_domain;
}

// A-d-l = At-domain *( "," At-domain )
error parse_route(std::string_view s, std::vector<std::string>& route) {
  error result{};
  each_piece(s, ',', [&](std::string_view at_domain) {
    if (at_domain.empty() || at_domain.front() != '@') {
      result = error::bad_path;
    } else if (auto const e = check_domain(at_domain.substr(1)); e != error{}) {
      result = e;
    } else if (at_domain[1] == '[') {
      result = error::bad_domain;  // At-domain = "@" Domain: no address literals in a route
    } else {
      route.emplace_back(at_domain.substr(1));
    }
    return result == error{};
  });
  return result;
}

// Mailbox = Local-part "@" ( Domain / address-literal )
error parse_mailbox(std::string_view s, path& p) {
  bool const quoted = !s.empty() && s.front() == '"';
  auto const at = quoted ? quoted_string_end(s) : s.find('@');
  if (at == std::string_view::npos || at >= s.size() || s[at] != '@') {
    return quoted ? error::bad_local_part : error::bad_path;
  }
  auto const local = s.substr(0, at);
  auto const domain = s.substr(at + 1);
  if (local.size() > 64) return error::local_part_too_long;
  if (quoted ? !is_quoted_string(local) : !is_dot_string(local)) return error::bad_local_part;
  if (auto const e = check_domain(domain); e != error{}) return e;
  p.local_part = local;
  p.domain = domain;
  return {};
}

error parse_path_into(std::string_view text, bool reverse, path& p) {
  if (text.size() < 2 || text.front() != '<' || text.back() != '>') return error::bad_path;
  auto inner = text.substr(1, text.size() - 2);
  if (inner.empty()) {
    p.null = true;
    return reverse ? error{} : error::null_path;
  }
  if (!reverse && iequals(inner, "Postmaster")) {
    p.local_part = inner;
    p.postmaster = true;
    return {};
  }
  if (inner.front() == '@') {
    auto const colon = inner.find(':');
    if (colon == std::string_view::npos) return error::bad_path;
    if (auto const e = parse_route(inner.substr(0, colon), p.source_route); e != error{}) return e;
    inner.remove_prefix(colon + 1);
  }
  if (auto const e = parse_mailbox(inner, p); e != error{}) return e;
  return text.size() > 256 ? error::path_too_long : error{};
}

// Index just past the ">" that closes the path starting at s[0] == '<', or npos.
std::size_t path_end(std::string_view s) {
  bool quoted = false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (quoted && s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && s[i] == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// esmtp-param = esmtp-keyword ["=" esmtp-value]
std::optional<esmtp_param> parse_param(std::string_view s) {
  auto const eq = s.find('=');
  auto const keyword = s.substr(0, eq);
  if (keyword.empty() || !is_let_dig(keyword.front()) ||
      !all_of(keyword, [](char c) { return is_let_dig(c) || c == '-'; })) {
    return std::nullopt;
  }
  if (eq == std::string_view::npos) return esmtp_param{std::string(keyword), std::nullopt};
  auto const value = s.substr(eq + 1);
  auto const is_value_char = [](char c) {
    auto const u = static_cast<unsigned char>(c);
    return u >= 33 && u <= 126 && u != '=';
  };
  if (value.empty() || !all_of(value, is_value_char)) return std::nullopt;
  return esmtp_param{std::string(keyword), std::string(value)};
}

void add_warning(warning_list* warnings, std::size_t at, std::string code, std::string detail) {
  if (warnings != nullptr) warnings->push_back({at, std::move(code), std::move(detail)});
}

// Mail-parameters = esmtp-param *(SP esmtp-param), after the path; `base` is rest's offset in args.
error parse_params(std::string_view rest, std::size_t base, parse_mode mode, warning_list* warnings,
                   std::vector<esmtp_param>& out) {
  if (rest.empty()) return {};
  if (rest.front() != ' ') return error::bad_path;
  error result{};
  std::size_t at = base + 1;
  each_piece(rest.substr(1), ' ', [&](std::string_view token) {
    if (token.empty() && mode == parse_mode::lenient) {
      add_warning(warnings, at, "empty-parameter", "doubled or trailing SP between parameters");
    } else if (auto param = parse_param(token)) {
      out.push_back(std::move(*param));
    } else {
      result = error::bad_parameter;
    }
    at += token.size() + 1;
    return result == error{};
  });
  return result;
}

std::optional<path_args> parse_path_args(std::string_view args, std::string_view keyword, bool reverse,
                                         std::error_code& ec, parse_mode mode, warning_list* warnings) {
  ec.clear();
  if (!istarts_with(args, keyword)) {
    ec = error::bad_command;
    return std::nullopt;
  }
  std::size_t start = keyword.size();
  while (mode == parse_mode::lenient && start < args.size() && args[start] == ' ') {
    if (start == keyword.size()) add_warning(warnings, start, "space-before-path", "SP between the colon and the path");
    ++start;
  }
  auto const rest = args.substr(start);
  auto const end = rest.empty() || rest.front() != '<' ? std::string_view::npos : path_end(rest);
  path_args out;
  error e = error::bad_path;
  if (end != std::string_view::npos) e = parse_path_into(rest.substr(0, end), reverse, out.address);
  if (e == error{}) e = parse_params(rest.substr(end), start + end, mode, warnings, out.params);
  if (e != error{}) {
    ec = e;
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<path> parse_path(std::string_view text, bool reverse, std::error_code& ec) {
  ec.clear();
  path p;
  if (auto const e = parse_path_into(text, reverse, p); e != error{}) {
    ec = e;
    return std::nullopt;
  }
  return p;
}

std::string serialize(path const& p) {
  if (p.null) return "<>";
  if (p.postmaster) return "<" + p.local_part + ">";
  std::string out = "<";
  for (auto const& domain : p.source_route) {
    out += (&domain == &p.source_route.front() ? "@" : ",@") + domain;
  }
  if (!p.source_route.empty()) out += ':';
  return out + p.local_part + "@" + p.domain + ">";
}

std::optional<path_args> parse_mail_from(std::string_view args, std::error_code& ec, parse_mode mode,
                                         warning_list* warnings) {
  return parse_path_args(args, "FROM:", true, ec, mode, warnings);
}

std::optional<path_args> parse_rcpt_to(std::string_view args, std::error_code& ec, parse_mode mode,
                                       warning_list* warnings) {
  return parse_path_args(args, "TO:", false, ec, mode, warnings);
}

// ---- command_parser ----

command_parser::command_parser(parse_mode mode, command_limits limits) : basic_line_parser(mode), limits_(limits) {}

codec::detail::line_words command_parser::words() const {
  return {"command line ended with LF without CR", "CR not followed by LF kept in the line", "NUL in command line"};
}

// Verb = ALPHA *(ALPHA / DIGIT / "-"), then SP and the arguments, or the line end.
bool command_parser::on_line_end(std::size_t, std::size_t eol_size) {
  std::string_view const line = std::string_view(unit_.raw).substr(0, unit_.raw.size() - eol_size);
  auto const sp = line.find(' ');
  auto const verb = line.substr(0, sp);
  std::size_t bad = 0;
  while (bad < verb.size() && (is_alpha(verb[bad]) || (bad > 0 && (is_digit(verb[bad]) || verb[bad] == '-')))) ++bad;
  if ((verb.empty() || bad < verb.size()) &&
      !deviation(error::bad_command, unit_.offset + bad, "bad-verb", "verb not ALPHA *(ALPHA / DIGIT / \"-\")")) {
    return false;
  }
  for (char c : verb) unit_.verb += to_upper(c);
  if (sp != std::string_view::npos) unit_.args = line.substr(sp + 1);
  finish();
  return true;
}

std::string serialize(command const& c) {
  return c.args.empty() ? c.verb + "\r\n" : c.verb + " " + c.args + "\r\n";
}

}  // namespace mailspec::codec::smtp
