#pragma once
// A throwaway certificate authority and a server certificate for loopback, generated when `mailspec
// serve` starts (or a test needs TLS), so that the server role can offer TLS without any setup and tell
// users "trust this CA: FILE". OpenSSL only, no Asio.
#include <string>
#include <vector>

namespace mailspec::session {

struct cert_options {
  std::vector<std::string> dns_names{"localhost"};             // subjectAltName DNS entries
  std::vector<std::string> ip_addresses{"127.0.0.1", "::1"};   // subjectAltName IP entries
  int valid_days = 3;                                          // from an hour ago (clock skew)
};

struct cert_files {
  std::string ca_file;    // ca.pem: the throwaway CA's certificate, what a client must trust
  std::string cert_file;  // server.pem: the server certificate (signed by that CA)
  std::string key_file;   // server.key: its private key, mode 0600
};

/**
 * Generates an EC P-256 CA and a server certificate for the names in `options` and writes ca.pem,
 * server.pem and server.key into `dir` (created if missing, files replaced). The CA's private key is
 * never written: nothing else can be signed with it once this returns. Throws std::runtime_error when
 * OpenSSL or the file system fails (a setup fault).
 */
cert_files generate_certs(std::string const& dir, cert_options const& options = {});

}  // namespace mailspec::session
