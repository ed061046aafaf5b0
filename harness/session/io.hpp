#pragma once
// The value types of the session layer, shared by the synchronous facade (connection.hpp, listener.hpp)
// and the natively asynchronous layer under it (async.hpp). No Asio here.
#include <chrono>
#include <cstddef>
#include <string>

namespace mailspec::session {

using clock = std::chrono::steady_clock;

/**
 * Which end of the mail protocol the harness plays on a connection. A transcript names octets by the
 * protocol role of their sender ("c" client to server, "s" server to client, as the report schema says),
 * not by "ours" and "theirs": a report of a fake-server case then reads like any SMTP log, with the
 * client under test on the "c" lines. So a client-role connection records what it writes as
 * direction::client and what it reads as direction::server; a server-role one the other way round.
 */
enum class role { client, server };

struct tls_options {
  bool verify = true;      // verify the certificate chain and the host name (off with --insecure)
  std::string cafile;      // extra trust anchors (PEM); the system store is always loaded
  std::string server_name; // SNI and name to verify; defaults to the host
};

/// The server role's certificate: PEM files (the chain may follow the leaf in cert_file).
struct tls_server_options {
  std::string cert_file;
  std::string key_file;
};

struct tls_info {
  bool active = false;
  std::string version;      // "TLSv1.3"
  std::string cipher;       // "TLS_AES_256_GCM_SHA384"
  std::string peer_subject; // the peer's certificate subject, one line (a client sends none unless asked)
  bool verified = false;    // client role: the chain and the name were verified
  std::string sni;          // server role: the name the client sent in SNI, if any
};

enum class io_status {
  ok,       // the operation completed
  eof,      // the peer closed the connection (clean TCP FIN or TLS close_notify)
  timeout,  // the deadline passed first
  error,    // anything else; `message` says what
};

struct io_result {
  io_status status = io_status::ok;
  std::string message;  // human text for eof/timeout/error
  std::string data;     // read: the octets received
  explicit operator bool() const { return status == io_status::ok; }
};

/// How many client TLS contexts the process has built (one per distinct verify/CA-file setting).
std::size_t tls_contexts_made();
/// How many server TLS contexts the process has built (one per distinct certificate/key pair).
std::size_t tls_server_contexts_made();

}  // namespace mailspec::session
