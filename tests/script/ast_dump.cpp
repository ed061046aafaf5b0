// Prints every case and fixture of a suites directory, field by field, as the parser and the registry
// leave them (includes expanded). Not a test by itself: run it before and after a parser change and diff
// the outputs to show that the shipped suites parse to the same trees.
//   ast_dump suites/ > before.txt   ...change...   ast_dump suites/ > after.txt && diff before.txt after.txt
// `ast_dump --files FILE...` parses each file alone as an smtp script (as fuzz/script_fuzzer.cpp does) and
// prints its errors too: for comparing what malformed scripts (corpus/script/) give.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "script/registry.hpp"

namespace ms = mailspec::script;

namespace {

std::string q(std::string const& s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += static_cast<char>(ch);
    } else if (ch < 0x20 || ch >= 0x7f) {
      static char const hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[ch >> 4];
      out += hex[ch & 15];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out + "\"";
}

std::string expr(ms::str_expr const& e) {
  std::string out;
  for (auto const& p : e.pieces) {
    if (!out.empty()) out += " + ";
    out += q(p.text);
    if (p.repeat != 1) out += " * " + std::to_string(p.repeat);
    if (!p.repeat_var.empty()) out += " * ${" + p.repeat_var + "}";
  }
  return out;
}

std::string opt_expr(std::optional<ms::str_expr> const& e) { return e ? expr(*e) : "-"; }
std::string opt_re(std::optional<ms::pattern> const& p) { return p ? p->str() : "-"; }

std::string matcher(ms::matcher const& m) {
  std::ostringstream o;
  o << "matcher kind=" << static_cast<int>(m.kind) << " alt=";
  for (auto const& a : m.alternatives) o << a << ",";
  o << " text=" << opt_re(m.text) << " enh=" << m.enhanced << " multi=" << m.multiline << " code=" << q(m.code)
    << " number=" << (m.number ? std::to_string(*m.number) : "-") << " dur=" << m.duration.count()
    << " within=" << (m.within ? std::to_string(m.within->count()) : "-") << " var=" << q(m.var) << " ops=";
  for (auto const& e : m.operands) o << "[" << expr(e) << "]";
  o << " or_closed=" << m.or_closed << " hint=" << opt_expr(m.hint);
  return o.str();
}

void steps(std::ostream& o, std::vector<ms::step> const& ss, std::string const& indent) {
  for (auto const& s : ss) {
    o << indent << "step kind=" << static_cast<int>(s.kind) << " line=" << s.line << " file=" << q(s.file)
      << " name=" << q(s.name) << " strings=";
    for (auto const& e : s.strings) o << "[" << expr(e) << "]";
    o << " lvl=" << (s.lvl ? std::string(ms::to_string(*s.lvl)) : "-") << " re=" << opt_re(s.re)
      << " dur=" << s.duration.count() << " user=" << opt_expr(s.auth_user) << " pass=" << opt_expr(s.auth_password)
      << " no_ir=" << s.no_ir << " or_end=" << s.or_end << " path=" << q(s.path)
      << " proto=" << (s.proto ? std::string(ms::to_string(*s.proto)) : "-") << " url=" << opt_expr(s.url)
      << " literal=" << opt_expr(s.literal) << " nosync=" << s.literal_nosync << " count=" << s.count << "\n";
    o << indent << "  " << matcher(s.m) << "\n";
    o << indent << "  cond negate=" << s.cond.negate;
    if (s.cond.req) o << " req=" << static_cast<int>(s.cond.req->k) << ":" << q(s.cond.req->name);
    if (s.cond.m) o << " " << matcher(*s.cond.m);
    o << "\n";
    if (!s.body.empty()) steps(o, s.body, indent + "    ");
    if (!s.else_body.empty()) {
      o << indent << "  else\n";
      steps(o, s.else_body, indent + "    ");
    }
  }
}

void dump_case(ms::case_def const& c) {
  std::cout << "case " << c.id << " suite=" << c.suite << " proto=" << ms::to_string(c.proto)
            << " role=" << ms::to_string(c.role) << " at "
            << c.where.str() << " title=" << q(c.title) << " serial=" << c.serial << " setup=" << q(c.setup_for)
            << " timeout=" << (c.timeout ? std::to_string(c.timeout->count()) : "-") << " steps=" << c.steps.size()
            << " cleanup=" << c.cleanup.size() << "\n  refs=";
  for (auto const& r : c.refs) std::cout << r.rfc << "/" << r.section << "/" << ms::to_string(r.lvl) << " ";
  std::cout << "\n  tags=";
  for (auto const& t : c.tags) std::cout << t << " ";
  std::cout << "\n  requires=";
  for (auto const& r : c.requires_) std::cout << static_cast<int>(r.k) << ":" << q(r.name) << " ";
  std::cout << "\n  monitors=";
  for (auto const& m : c.monitors) std::cout << m << " ";
  std::cout << "\n";
  steps(std::cout, c.steps, "  ");
  if (!c.cleanup.empty()) {
    std::cout << "  cleanup\n";
    steps(std::cout, c.cleanup, "    ");
  }
}

void dump_fixture(ms::fixture_def const& f) {
  std::cout << "fixture " << f.name << " suite=" << f.suite << " at " << f.where.str() << "\n";
  steps(std::cout, f.steps, "  ");
}

int dump_files(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::cout << "== " << argv[i] << "\n";
    auto const r = ms::parse_script(text.str(), "fuzz.mspec", "smtp", "/nonexistent/mailspec-fuzz/fuzz.mspec");
    for (auto const& e : r.errors) std::cout << "error " << q(e) << "\n";
    for (auto const& f : r.fixtures) dump_fixture(f);
    for (auto const& c : r.cases) dump_case(c);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--files") return dump_files(argc, argv);
  if (argc != 2) {
    std::cerr << "usage: ast_dump SUITES_DIR | ast_dump --files FILE...\n";
    return 2;
  }
  ms::registry reg;
  reg.load_directory(argv[1]);
  for (auto const& e : reg.errors()) std::cout << "error " << e << "\n";
  for (auto const& f : reg.fixtures()) dump_fixture(f);
  for (auto const& c : reg.cases()) dump_case(c);
  return reg.errors().empty() ? 0 : 1;
}
