// main() for fuzz targets built without a fuzzing engine: runs LLVMFuzzerTestOneInput once over every
// file named on the command line and every regular file inside a named directory (recursively, in name
// order), so ctest replays the seed corpus with any compiler. Arguments starting with '-' are libFuzzer
// flags and are ignored. Exit status: 0 after at least one input, 1 if there was none or a path is missing.
#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace {

namespace fs = std::filesystem;

// The input being run, named when the process dies on it (a trap, an abort, a sanitizer report).
std::string current;

void name_current() {
  std::string const line = "replay: died on " + current + "\n";
  static_cast<void>(::write(2, line.data(), line.size()));
}

extern "C" void on_fatal_signal(int sig) {
  name_current();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

bool collect(fs::path const& path, std::vector<fs::path>& files) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
    return true;
  }
  if (!fs::is_directory(path, ec)) return false;
  std::vector<fs::path> found;
  for (auto const& entry : fs::recursive_directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(name_current);
  for (int sig : {SIGILL, SIGABRT, SIGSEGV, SIGBUS, SIGFPE}) std::signal(sig, on_fatal_signal);
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    if (!collect(argv[i], files)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
      return 1;
    }
  }
  for (auto const& file : files) {
    current = file.string();
    std::ifstream in(file, std::ios::binary);
    std::vector<char> const bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A copy in a buffer of its own size, so that ASan catches a read past the end as libFuzzer would.
    std::vector<std::uint8_t> const data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.data(), data.size());
  }
  std::printf("%s: replayed %zu inputs\n", fs::path(argv[0]).filename().c_str(), files.size());
  return files.empty() ? 1 : 0;
}
