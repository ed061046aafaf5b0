// Does nothing: the exec/s ceiling of the engine, for the Performance table in fuzz/README.md.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  static_cast<void>(data);
  static_cast<void>(size);
  return 0;
}
