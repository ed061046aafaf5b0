#include "session/certs.hpp"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace mailspec::session {

namespace {

struct free_pkey {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct free_x509 {
  void operator()(X509* p) const { X509_free(p); }
};
struct free_bio {
  void operator()(BIO* p) const { BIO_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, free_pkey>;
using x509_ptr = std::unique_ptr<X509, free_x509>;
using bio_ptr = std::unique_ptr<BIO, free_bio>;

[[noreturn]] void fail(std::string const& what) {
  throw std::runtime_error("cannot generate the TLS certificate: " + what);
}

void check(int ok, char const* what) {
  if (ok != 1) fail(what);
}

pkey_ptr new_key() {
  pkey_ptr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) fail("EC P-256 key generation failed");
  return key;
}

void set_name(X509_NAME* name, std::string const& common_name) {
  auto const* o = reinterpret_cast<unsigned char const*>("mailspec");
  auto const* cn = reinterpret_cast<unsigned char const*>(common_name.c_str());
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, o, -1, -1, 0), "subject O");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0), "subject CN");
}

void add_ext(X509* cert, X509* issuer, int nid, std::string const& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) fail("extension " + std::string(OBJ_nid2sn(nid)) + " = " + value);
  int const ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(ok, "X509_add_ext");
}

// A certificate with a random 127-bit serial (RFC 5280 §4.1.2.2: positive, at most 20 octets) and a
// validity starting an hour ago, so that a client whose clock is a little behind accepts it.
x509_ptr new_cert(EVP_PKEY* key, std::string const& subject, int valid_days) {
  x509_ptr cert(X509_new());
  if (!cert) fail("X509_new");
  check(X509_set_version(cert.get(), X509_VERSION_3), "version");
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) {
    fail("serial number");
  }
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
      !X509_time_adj_ex(X509_getm_notAfter(cert.get()), valid_days, 0, nullptr)) {
    fail("validity");
  }
  set_name(X509_get_subject_name(cert.get()), subject);
  check(X509_set_pubkey(cert.get(), key), "public key");
  return cert;
}

std::string subject_alt_names(cert_options const& options) {
  std::string san;
  for (auto const& d : options.dns_names) san += (san.empty() ? "" : ",") + ("DNS:" + d);
  for (auto const& ip : options.ip_addresses) san += (san.empty() ? "" : ",") + ("IP:" + ip);
  return san;
}

std::string pem_of(X509* cert, EVP_PKEY* key) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!bio) fail("BIO_new");
  int const ok = cert ? PEM_write_bio_X509(bio.get(), cert)
                      : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  check(ok, "PEM encoding");
  char* data = nullptr;
  long const n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

// O_NOFOLLOW: the directory may be a shared temporary one, where a planted symlink must not redirect the
// key. fchmod: an existing file keeps its mode through O_CREAT, and the key must end up 0600.
void write_file(std::string const& path, std::string const& text, mode_t mode) {
  int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) fail("cannot write " + path + ": " + std::strerror(errno));
  bool ok = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    ssize_t const n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  int const saved = errno;
  if (::close(fd) != 0) ok = false;
  if (!ok) fail("cannot write " + path + ": " + std::strerror(saved));
}

}  // namespace

cert_files generate_certs(std::string const& dir, cert_options const& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail("cannot create " + dir + ": " + ec.message());

  pkey_ptr const ca_key = new_key();
  x509_ptr const ca = new_cert(ca_key.get(), "mailspec throwaway CA", options.valid_days);
  check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())), "CA issuer");
  add_ext(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_ext(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_ext(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(ca.get(), ca_key.get(), EVP_sha256()) <= 0) fail("signing the CA certificate");

  std::string const first_name = options.dns_names.empty() ? "localhost" : options.dns_names.front();
  pkey_ptr const key = new_key();
  x509_ptr const cert = new_cert(key.get(), first_name, options.valid_days);
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())), "issuer");
  add_ext(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_ext(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_ext(cert.get(), ca.get(), NID_subject_key_identifier, "hash");
  add_ext(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  if (std::string const san = subject_alt_names(options); !san.empty()) {
    add_ext(cert.get(), ca.get(), NID_subject_alt_name, san);
  }
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) <= 0) fail("signing the server certificate");

  auto const base = std::filesystem::path(dir);
  cert_files out{(base / "ca.pem").string(), (base / "server.pem").string(), (base / "server.key").string()};
  write_file(out.key_file, pem_of(nullptr, key.get()), 0600);
  write_file(out.ca_file, pem_of(ca.get(), nullptr), 0644);
  write_file(out.cert_file, pem_of(cert.get(), nullptr), 0644);
  return out;
}

}  // namespace mailspec::session
