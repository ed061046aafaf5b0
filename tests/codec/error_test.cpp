// The error categories of every codec come from one table pattern (codec/common/error.hpp): each is
// named "mailspec.<codec>", has a message for every value of its enum, and names unknown values.
#include "codec/common/error.hpp"
#include "codec/imap/error.hpp"
#include "codec/mime/error.hpp"
#include "codec/pop3/error.hpp"
#include "codec/sasl/error.hpp"
#include "codec/smtp/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

namespace mc = mailspec::codec;

// Every value from 1 to `last` has its own message, and values outside say which category they miss.
template <class Enum>
void expect_table(Enum last, char const* name) {
  std::error_category const& category = std::error_code(Enum::need_more).category();
  EXPECT_STREQ(category.name(), name);
  EXPECT_EQ(&category, &make_error_code(last).category()) << "one instance per codec";
  std::set<std::string> seen;
  for (int v = 1; v <= static_cast<int>(last); ++v) {
    auto const message = category.message(v);
    EXPECT_EQ(message.find("unknown"), std::string::npos) << name << " " << v;
    EXPECT_TRUE(seen.insert(message).second) << name << " " << v << " repeats \"" << message << "\"";
  }
  EXPECT_EQ(category.message(0), "unknown " + std::string(name) + " error 0");
  EXPECT_EQ(category.message(1000), "unknown " + std::string(name) + " error 1000");
}

TEST(CodecErrorCategory, EveryCodecHasANamedTable) {
  expect_table(mc::smtp::error::bad_bdat, "mailspec.smtp");
  expect_table(mc::pop3::error::argument_too_long, "mailspec.pop3");
  expect_table(mc::imap::error::nonsync_literal_too_large, "mailspec.imap");
  expect_table(mc::mime::error::line_too_long, "mailspec.mime");
  expect_table(mc::sasl::error::channel_binding_unsupported, "mailspec.sasl");
}

TEST(CodecErrorCategory, CategoriesStayDistinct) {
  std::error_code const smtp = mc::smtp::error::need_more;
  std::error_code const pop3 = mc::pop3::error::need_more;
  EXPECT_NE(smtp, pop3) << "same value, other codec";
  EXPECT_EQ(&smtp.category(), &mc::smtp::category());
  EXPECT_EQ(&pop3.category(), &mc::pop3::category());
  EXPECT_EQ(&std::error_code(mc::imap::error::need_more).category(), &mc::imap::error_category());
  EXPECT_EQ(&std::error_code(mc::mime::error::need_more).category(), &mc::mime::error_category());
}

TEST(CodecErrorCategory, TableOrderIsChecked) {
  enum class sample { first = 1, second };
  constexpr mc::detail::error_message<sample> in_order[] = {{sample::first, "a"}, {sample::second, "b"}};
  constexpr mc::detail::error_message<sample> swapped[] = {{sample::second, "b"}, {sample::first, "a"}};
  static_assert(mc::detail::numbered_from_one(in_order));
  static_assert(!mc::detail::numbered_from_one(swapped));
}

}  // namespace
