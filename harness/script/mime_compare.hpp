#pragma once
// Comparing MIME trees in the JSON form `mailspec-mime-1` (suites/mime/README.md): a reader's tree
// against a message's expected tree (every field the expected tree lists, nothing else), or two readers'
// trees against each other (every field both report). A field a reader leaves out is "not reported",
// never a disagreement: a library that does not count lines is not wrong about them.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "script/result.hpp"

namespace mailspec::script::mime {

/// One field on which two trees disagree.
struct difference {
  std::string where;     // the field's path in the tree: `root.parts[1].params.charset`
  std::string expected;  // its value in the expected (or first) tree, as JSON text
  std::string actual;    // its value in the reader's (or second) tree, as JSON text
};

struct comparison {
  std::vector<difference> differences;
  std::vector<std::string> not_reported;  // fields of the expected tree the reader left out
  std::size_t compared = 0;               // fields compared (leaves of the expected tree both have)
  bool agrees() const { return differences.empty(); }
};

/// A reader's MESSAGE (`actual`) against the MESSAGE of an expected file (`expected`). `parts` must have
/// the same length and compare element by element; `params` and other objects compare on the names the
/// expected side lists. Metadata (`format`, `reader`, `file`, `defects`) is never compared.
comparison compare_expected(nlohmann::json const& expected, nlohmann::json const& actual);

/// Two readers' MESSAGEs: every field both report (a `parts` length that differs is a difference).
comparison compare_mutual(nlohmann::json const& a, nlohmann::json const& b);

/// Every leaf field of a MESSAGE, in tree order, by path (`root.parts[1].params.charset`); an array also
/// gives its length as `PATH.length` (before its elements). Metadata is left out.
std::vector<std::pair<std::string, nlohmann::json>> fields(nlohmann::json const& message);

/// "root.parts[1].params.charset: expected "utf-8", got "us-ascii"; ..." for at most `max` differences
/// (then "and N more").
std::string describe(comparison const& c, std::size_t max = 4);

/// What an expected file says a disagreement is worth: its `basis` (`rfc`: the level's verdict, MUST
/// by default; `robust`: warn, or info when `level` is MAY/info) and its `rfc` references.
struct expectation {
  verdict on_mismatch = verdict::fail;
  std::vector<rfc_ref> refs;
  std::string basis;  // "rfc" or "robust"
  std::string note;
};

/// Reads an expected file's metadata. Throws std::invalid_argument naming what is wrong (an unknown
/// basis or level, a reference that is not "RFC SECTION").
expectation expectation_of(nlohmann::json const& expected_file);

/// The expected file of a message: `NAME.eml` -> `NAME.expected.json` beside it.
std::string expected_path(std::string const& message_path);

}  // namespace mailspec::script::mime
