#pragma once
// One std::error_category pattern for every codec: a codec keeps its enum in its own error.hpp (one
// value a line) and lists each value with its message once, in a table in its error.cpp. Standard
// library only.
#include <cstddef>
#include <iterator>
#include <string>
#include <system_error>
#include <type_traits>

namespace mailspec::codec::detail {

/// One row of a codec's message table.
template <class Enum>
struct error_message {
  Enum value;
  char const* text;
};

/** True when `table` lists the values 1, 2, 3, ... in order: message() then finds a value's row by
    its number, and a row added out of place fails to compile (see category_of) rather than naming
    the wrong error. */
template <class Enum, std::size_t N>
constexpr bool numbered_from_one(error_message<Enum> const (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i + 1) return false;
  }
  return true;
}

/// The category behind one codec's enum: name() as given ("mailspec.<codec>"), message() from the table.
template <class Enum>
class table_category final : public std::error_category {
 public:
  table_category(char const* name, error_message<Enum> const* table, std::size_t size) noexcept
      : name_(name), table_(table), size_(size) {}

  char const* name() const noexcept override { return name_; }

  std::string message(int value) const override {
    if (value >= 1 && static_cast<std::size_t>(value) <= size_) return table_[value - 1].text;
    return "unknown " + std::string(name_) + " error " + std::to_string(value);
  }

 private:
  char const* name_;
  error_message<Enum> const* table_;
  std::size_t size_;
};

/** The one category instance behind `table` (a codec's constexpr message table), named `name`.
    error_code compares categories by address, so every caller must get this same object. */
template <auto const& table>
std::error_category const& category_of(char const* name) noexcept {
  static_assert(numbered_from_one(table), "a codec's message table lists its values 1, 2, 3, ... in enum order");
  using row = std::remove_cvref_t<decltype(table[0])>;
  static table_category<decltype(row::value)> const instance(name, table, std::size(table));
  return instance;
}

}  // namespace mailspec::codec::detail
