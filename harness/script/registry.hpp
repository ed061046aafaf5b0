#pragma once
// Every case found under a suites directory, and the selection rules of `mailspec run` and `list`.
#include <map>
#include <string>
#include <vector>

#include "script/ast.hpp"
#include "script/parser.hpp"

namespace mailspec::script {

struct selection {
  std::vector<std::string> suites;    // empty: all suites of the protocol
  std::vector<std::string> cases;     // id prefixes or globs (*, ?); empty: all
  std::vector<std::string> tags;      // a case must carry one of them; empty: all
  std::vector<std::string> excludes;  // id prefixes or globs to leave out
};

/// true when `id` equals `pattern`, starts with `pattern` + "." / "-" boundary, or matches it as a glob.
bool id_matches(std::string const& id, std::string const& pattern);

class registry {
 public:
  /// Loads every *.mspec below `dir` (sorted by path). Script errors are collected, not thrown.
  void load_directory(std::string const& dir);
  void load_file(std::string const& path, std::string const& display = {});

  std::vector<case_def> const& cases() const { return cases_; }
  std::vector<fixture_def> const& fixtures() const { return fixtures_; }
  std::vector<std::string> const& errors() const { return errors_; }

  /// The `setup` procedures of one protocol (never selected as cases).
  std::vector<case_def const*> setups(protocol proto) const;

  /// The selected cases of one protocol (or any protocol when `proto` is empty), in file order.
  std::vector<case_def const*> select(selection const& sel, std::optional<protocol> proto) const;

 private:
  void add(parse_result r);
  /// One case per file an `each-file` template's pattern matches (an error when none does).
  void expand_each_file(case_def const& c, std::vector<case_def>& out);
  /// Expands `include` steps of the cases added since the last call; a fixture not loaded yet is looked
  /// for in the other scripts of the including file's directory (so `check FILE` works on one file).
  void link();
  bool expand(std::vector<step>& steps, std::string const& file, int depth);
  void load_sibling_fixtures(std::string const& real_path);

  std::vector<case_def> cases_;
  std::vector<fixture_def> fixtures_;
  std::vector<std::string> errors_;
  std::size_t linked_ = 0;                    // cases_[0, linked_) have no include steps left
  std::map<std::string, std::string> real_paths_;  // display name -> path on disk, for sibling lookup
  std::vector<std::string> scanned_dirs_;
};

/// The suites directory: $MAILSPEC_SUITES, else next to the executable (../share/mailspec/suites), else
/// the source tree's suites/ compiled in.
std::string default_suites_dir();

/// A file name's stem as one word of a case id (an each-file case's last word): every character other
/// than a letter, a digit, `_` and `-` becomes `-`.
std::string id_word(std::string stem);

}  // namespace mailspec::script
