// The .mspec script language (harness/script/parser.hpp). A script is parsed line by line and every
// mistake becomes a "file:line: message" error: no input may throw, crash or hang the parser, and every
// error and case points into the file it came from.
#include "fuzz_driver.hpp"
#include "script/parser.hpp"

#include <algorithm>

using namespace mailspec;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<char const*>(data), size);
  // A path that does not exist, so send-file never finds a file next to it.
  auto const result = script::parse_script(text, "fuzz.mspec", "smtp", "/nonexistent/mailspec-fuzz/fuzz.mspec");
  int const lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (auto const& e : result.errors) FUZZ_CHECK(e.starts_with("fuzz.mspec:"));
  for (auto const& c : result.cases) {
    FUZZ_CHECK(!c.id.empty());  // regress-case-without-id: fixed in parser::top_level
    FUZZ_CHECK(c.where.file == "fuzz.mspec" && c.where.line >= 1 && c.where.line <= lines);
    for (auto const& s : c.steps) FUZZ_CHECK(s.line >= c.where.line && s.line <= lines);
  }
  auto const word = text.substr(0, std::min<std::size_t>(text.find_first_of(" \n"), 32));
  if (auto const ms = script::parse_duration(word)) FUZZ_CHECK(ms->count() >= 0);
  return 0;
}
