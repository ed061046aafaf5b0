// The IMAP server-role dialect: the harness plays an IMAP server and judges a client.
#include <stdexcept>

#include "script/dialect_common.hpp"

namespace mailspec::script::detail {

std::unique_ptr<dialect> make_imap_server() {
  throw std::logic_error("the IMAP server role is not built yet");
}

}  // namespace mailspec::script::detail
