# The Debian package of mailspec, made by `cpack` in a build directory (the pkg preset: a Release build of
# the program alone in build/pkg, then `cpack --preset pkg`). What goes in it is the install rules of
# harness/cli/cli.cmake under /usr; ci/package-test.sh installs it on a fresh Debian 12 and runs it.
set(MAILSPEC_PACKAGE_MAINTAINER "mailspec developers <dev@mailspec.test>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mailspec)
set(CPACK_PACKAGE_VENDOR "mailspec developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${MAILSPEC_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Only the DEB: no source package target (a source tarball would sweep up build directories).
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # mailspec_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MAILSPEC_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends is computed from the binary's shared libraries by dpkg-shlibdeps (package dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Certificates are verified against the system's CAs by default (--cafile adds to them).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ca-certificates)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# The synopsis, then the long description, wrapped here (CPackDeb indents each line and marks the
# blank one as Debian wants, but does not wrap).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "conformance test harness for SMTP, POP3 and IMAP")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "\
mailspec drives a mail server through test cases derived from the RFCs
and gives every case a verdict that can be traced to one requirement:
the RFC, its section, its level (MUST, SHOULD or MAY), the octets the
server sent and what would have been acceptable instead. It can also
play a mail server and judge the clients that connect to it.

It ships suites for SMTP (RFC 5321 and its extensions, STARTTLS and
AUTH, SMTP smuggling), POP3 (RFC 1939, 2449, 5034, 2595) and IMAP
(RFC 9051 and its extensions), and writes JSON (with a JSON Schema),
JUnit XML, HTML and NDJSON reports. A run can be judged against a
baseline of an earlier run, so that a CI job fails only when a server
got worse.")

include(CPack)
