#include "script/pattern.hpp"

#include <boost/regex.hpp>
#include <stdexcept>

namespace mailspec::script {

struct pattern::impl {
  boost::regex re;
};

pattern::pattern(std::string source, bool icase) : source_(std::move(source)), icase_(icase) {
  boost::regex::flag_type flags = boost::regex::ECMAScript;
  if (icase) flags = flags | boost::regex::icase;
  try {
    impl_ = std::make_shared<impl const>(impl{boost::regex(source_, flags)});
  } catch (boost::regex_error const& e) {
    throw std::invalid_argument(e.what());
  }
}

std::optional<std::string> pattern::search(std::string_view text) const {
  boost::match_results<std::string_view::const_iterator> m;
  try {
    if (!boost::regex_search(text.begin(), text.end(), m, impl_->re)) return std::nullopt;
  } catch (std::runtime_error const& e) {
    // Too complex for this input: undecided, never a hang and never a silent "no match".
    throw pattern_gave_up("regex " + str() + " gave up on " + std::to_string(text.size()) +
                          " octets of input (" + e.what() + ")");
  }
  if (m.size() > 1 && m[1].matched) return std::string(m[1].first, m[1].second);
  return std::string(m[0].first, m[0].second);
}

std::string pattern::str() const { return "/" + source_ + "/" + (icase_ ? "i" : ""); }

}  // namespace mailspec::script
