#!/usr/bin/env bash
# Install everything mailspec's build, tests and local mail-server targets need (Debian 12).
# Idempotent: when every package is already installed it does nothing (fast path);
# `apt-get update` runs at most once per 6 hours (stamp under /var/lib/mailspec-setup/).
# Works non-interactively (CI=true, no stdin). Must run as root (or via sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache clang libclang-rt-14-dev
  libboost1.81-dev libboost-url1.81-dev libboost-system1.81-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libgmime-3.0-dev pkg-config nlohmann-json3-dev libcli11-dev libfmt-dev
  python3-jsonschema openssl curl swaks libnet-ssleay-perl zip libxml2-utils nodejs
  libgmime-3.0-dev  # suites/mime/adapters/gmime_tree.c (optional: built only when found)
  dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix python3-aiosmtpd
  iproute2 procps
  # The HTML report is tested in headless Chromium (tests/report/html_browser_test.js): 25 packages,
  # 122 MB to download, 414 MB on disk, 13 s to install on the 2-core VM (measured 2026-12).
  chromium
  # Packaging (ci/package-test.sh): dpkg-shlibdeps and file for cpack's Depends, debootstrap and zstd for
  # the fresh Debian 12 it installs the package on; groff-base and python3-yaml for the man page and
  # CI example tests.
  dpkg-dev file debootstrap zstd groff-base python3-yaml
  # Real mail clients judged by `mailspec serve` (ci/clients/, ctests labelled clients): curl, swaks and
  # Python are above; msmtp (SMTP submission) and fetchmail (POP3, IMAP).
  msmtp fetchmail
)

STAMP_DIR=/var/lib/mailspec-setup
STAMP="$STAMP_DIR/apt-update.stamp"

log() { printf '[setup] %s\n' "$*" >&2; }

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  log "all ${#PACKAGES[@]} packages already installed (fast path)"
else
  log "missing: ${missing[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { log "not root and no sudo"; exit 1; }
    SUDO=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" mkdir -p "$STAMP_DIR"
  if [[ -z "$(find "$STAMP" -mmin -360 2>/dev/null || true)" ]]; then
    log "apt-get update"
    "${SUDO[@]}" apt-get update </dev/null
    "${SUDO[@]}" touch "$STAMP"
  else
    log "apt-get update ran less than 6 h ago; skipping"
  fi
  # Installing the MTA/IMAP packages does not start them here (init policy); the
  # project's targets run private instances (ci/targets/*).
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null
fi

# Unprivileged owner of the private Dovecot mail homes (see ci/targets/common.sh).
if ! getent passwd mailspec >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin mailspec
    log "created system user mailspec"
  else
    log "note: user mailspec missing; ci/targets/dovecot/start.sh (as root) creates it"
  fi
fi
log "done"
