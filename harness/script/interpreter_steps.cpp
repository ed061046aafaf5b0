// The script interpreter's smaller steps (compute, foreach, send-file) and the --by-login case switch:
// split from interpreter.cpp to keep files at STYLE.md's size.
#include <algorithm>
#include <charconv>
#include <climits>
#include <fstream>
#include <sstream>

#include "script/interpreter_detail.hpp"

namespace mailspec::script::detail {

std::string case_run::compute(step const& s) const {
  auto number = [&](std::string const& v) {
    long long n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
      throw detail::script_fault(where(s.line) + ": compute: '" + quoted(v, 60) + "' is not a decimal number");
    }
    return n;
  };
  long long const a = number(eval(s.strings.at(0), s.line)), b = number(eval(s.strings.at(1), s.line));
  long long r = 0;
  bool overflow = false;
  if (s.tag == "plus") overflow = __builtin_add_overflow(a, b, &r);
  else if (s.tag == "minus") overflow = __builtin_sub_overflow(a, b, &r);
  else if (s.tag == "times") overflow = __builtin_mul_overflow(a, b, &r);
  else if (s.tag == "div") {
    if (b == 0 || (a == LLONG_MIN && b == -1)) throw detail::script_fault(where(s.line) + ": compute: division by zero or overflow");
    r = a / b;
  } else r = s.tag == "max" ? std::max(a, b) : std::min(a, b);
  if (overflow) throw detail::script_fault(where(s.line) + ": compute: the result overflows a 64-bit integer");
  return std::to_string(r);
}

bool case_run::exec_foreach(step const& s) {
  for (auto const& v : s.strings) {
    vars[s.name] = eval(v, s.line);
    if (!exec_block(s.body)) return false;
  }
  return true;
}

bool case_run::exec_send_file(step const& s) {
  std::string const path = subst(s.path, s.line);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw detail::script_fault(where(s.line) + ": cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  send_bytes(ss.str());
  return true;
}

void case_run::become(case_def const& c) {
  def_ = &c;
  result_.identify(c);
  for (auto const& [k, v] : c.bindings) vars[k] = v;
}

bool case_run::refuse_login(std::string const& name, std::string const& why) {
  std::string reply;
  switch (def_->proto) {
    case protocol::smtp: reply = "535 5.7.8 mailspec: the login name names no case (--by-login)\r\n"; break;
    case protocol::pop3: reply = "-ERR [AUTH] mailspec: the login name names no case (--by-login)\r\n"; break;
    case protocol::imap: {
      auto const tag = vars.find("cmd.tag");
      reply = (tag == vars.end() || tag->second.empty() ? std::string("*") : tag->second) +
              " NO [AUTHENTICATIONFAILED] mailspec: the login name names no case (--by-login)\r\n";
      break;
    }
  }
  send_bytes(reply);
  std::string const shown = quoted(name, 100);
  return conclude(verdict::error, "--by-login: the login name '" + shown + "' " + why,
                  {where(line_), "a login name naming a case", shown, std::nullopt});
}

}  // namespace mailspec::script::detail
