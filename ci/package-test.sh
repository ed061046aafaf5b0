#!/usr/bin/env bash
# The Debian package on a fresh Debian 12: builds it (cpack --preset pkg, a Release build in build/pkg),
# checks its control fields and contents, then installs it with apt-get in a debootstrap'ed minimal
# Debian 12 (bookworm, variant minbase) so that apt pulls in its dependencies, and runs it there as an
# unprivileged user from /: --version, list, check of the installed suites, serve (OpenSSL makes a CA and
# a certificate), run against a closed port (exit 3, with a report), report; the man page, the docs and
# the schema are where they belong; apt-get remove leaves nothing behind.
#
#   ci/package-test.sh [--refresh] [DEB]     DEB: test this package instead of building one
#                                            --refresh: make a new Debian 12 tree even if the cached one is recent
#
# Idempotent. The minimal Debian 12 is made once and kept as a tarball under /var/cache/mailspec/
# (remade when older than MAILSPEC_ROOTFS_MAX_DAYS, default 7); the .debs apt downloads there are kept
# too, so a second run downloads only the package lists. It uses the host's Debian mirror (and apt proxy,
# if any) as written in /etc/apt. Every mount is undone on every way out (trap), and every step has a
# time limit. Needs root (debootstrap, chroot, mount); without root it says so and exits 0.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${MAILSPEC_PKG_CACHE:-/var/cache/mailspec}
max_days=${MAILSPEC_ROOTFS_MAX_DAYS:-7}
rootfs_tar=$cache/bookworm-minbase.tar.zst
archives=$cache/apt-archives
tester_uid=4242

refresh=0
deb=""
for arg in "$@"; do
  case $arg in
    --refresh) refresh=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "package-test: unknown option $arg" >&2; exit 2 ;;
    *) deb=$(realpath "$arg") ;;
  esac
done

log() { printf '[package-test] %s\n' "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
start=$SECONDS
phase_start=$SECONDS
phase() { log "$1 done in $((SECONDS - phase_start)) s"; phase_start=$SECONDS; }

if [[ $(id -u) -ne 0 ]]; then
  log "skipped: needs root (debootstrap, chroot, mount)"
  exit 0
fi

# Scratch directories, and the mounts inside them, undone on every way out.
scratch=()
unmount_under() {
  local dir=$1 m
  # Deepest first; /proc/mounts escapes spaces, and these paths have none.
  for m in $(awk -v d="$dir/" 'index($2 "/", d) == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" || true
  done
}
cleanup() {
  local rc=$? dir
  set +e
  for dir in "${scratch[@]}"; do
    unmount_under "$dir"
    if awk -v d="$dir/" 'index($2 "/", d) == 1' /proc/mounts | grep -q .; then
      log "mounts remain under $dir: left in place"
    else
      rm -rf --one-file-system "$dir"
    fi
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$root/ci/setup.sh"

# --- the package --------------------------------------------------------------------------------------
version=$(sed -n 's/^project(mailspec VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
if [[ -z $deb ]]; then
  cd "$root"
  rm -f build/pkg/mailspec_*.deb
  timeout 600 cmake --preset pkg >/dev/null
  timeout 3600 cmake --build --preset pkg
  timeout 600 cpack --preset pkg >/dev/null
  deb=$(ls build/pkg/mailspec_"$version"_*.deb)
  deb=$root/$deb
  phase "build and cpack"
fi
[[ -f $deb ]] || die "no package $deb"
log "package: $deb ($(stat -c %s "$deb") bytes)"

field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == mailspec ]] || die "Package is $(field Package)"
[[ $(field Version) == "$version" ]] || die "Version is $(field Version), the project's is $version"
[[ $(field Section) == mail && -n $(field Maintainer) && -n $(field Description) ]] || die "Section, Maintainer or Description missing"
depends=$(field Depends)
log "Depends: $depends"
for lib in libc6 libstdc++6 libssl3; do
  [[ $depends == *"$lib"* ]] || die "Depends lacks $lib (dpkg-shlibdeps did not run?)"
done
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/mailspec ./usr/share/mailspec/suites/smtp/ ./usr/share/mailspec/suites/README.md \
            ./usr/share/mailspec/schema/report-v1.json ./usr/share/man/man1/mailspec.1.gz \
            ./usr/share/doc/mailspec/copyright ./usr/share/doc/mailspec/README.md; do
  grep -qxF "$path" <<<"$contents" || die "the package lacks $path"
done
if grep -v '^\./usr/' <<<"$contents" | grep -v '^\./$' | grep -q .; then
  die "the package installs outside /usr: $(grep -v '^\./usr/' <<<"$contents" | grep -v '^\./$' | head -3)"
fi
phase "control fields and contents"

# --- the host's Debian mirror and apt proxy -----------------------------------------------------------
mkdir -p "$cache" "$archives/partial"
sources=$cache/debian.sources.$$
scratch+=("$sources.d")
mkdir -p "$sources.d"
# Writes the host's enabled Debian 12 entries (bookworm, -updates, -security) as a deb822 file and prints
# the URI of the one with suite bookworm (debootstrap's mirror); deb.debian.org when the host has none.
mirror=$(/usr/bin/python3 - "$sources.d/debian.sources" <<'PY'
import glob, re, sys
WANTED = {"bookworm", "bookworm-updates", "bookworm-security"}
entries = []
def add(types, uris, suites, comps, signed):
    if "deb" not in types:
        return
    for uri in uris:
        keep = [s for s in suites if s in WANTED]
        if keep:
            entries.append((uri, keep, comps or ["main"], signed))
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for block in re.split(r"\n\s*\n", open(path, encoding="utf-8").read()):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line[0] in " \t" and key:
                fields[key] += " " + line.strip()
                continue
            key, _, value = line.partition(":")
            key = key.strip().lower()
            fields[key] = value.strip()
        if fields.get("enabled", "yes").lower() == "no":
            continue
        add(fields.get("types", "").split(), fields.get("uris", "").split(), fields.get("suites", "").split(),
            fields.get("components", "").split(), fields.get("signed-by", ""))
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        continue
    for line in lines:
        line = re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0]).split()
        if len(line) >= 3:
            add([line[0]], [line[1]], [line[2]], line[3:], "")
if not entries:
    entries = [("http://deb.debian.org/debian", ["bookworm", "bookworm-updates"], ["main"], ""),
               ("http://deb.debian.org/debian-security", ["bookworm-security"], ["main"], "")]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for uri, suites, comps, signed in entries:
        out.write(f"Types: deb\nURIs: {uri}\nSuites: {' '.join(suites)}\nComponents: {' '.join(comps)}\n")
        # The keyring must exist in the chroot too: Debian's does (debian-archive-keyring).
        if signed.startswith("/usr/share/keyrings/debian-archive-keyring"):
            out.write(f"Signed-By: {signed}\n")
        out.write("\n")
print(next(uri for uri, suites, _, _ in entries if "bookworm" in suites) if any(
    "bookworm" in s for _, s, _, _ in entries) else "http://deb.debian.org/debian")
PY
)
log "Debian mirror: $mirror (entries: $(grep -c '^URIs' "$sources.d/debian.sources"))"
# The host's apt proxy, if it has one (never printed: a proxy URL may hold a password).
proxy_conf=$(apt-config dump 2>/dev/null | grep -E '^Acquire::(http|https)::Proxy ' || true)
http_proxy_value=$(apt-config shell P Acquire::http::Proxy 2>/dev/null | sed -n "s/^P='\(.*\)'$/\1/p" || true)
[[ -n $proxy_conf ]] && log "the host's apt proxy is used too"

# --- a fresh Debian 12, made once and cached ----------------------------------------------------------
exec 9>"$cache/rootfs.lock"
timeout 1800 flock 9 || die "another package test holds $cache/rootfs.lock"
if [[ $refresh -eq 1 || ! -f $rootfs_tar || -n $(find "$rootfs_tar" -mtime "+$max_days" 2>/dev/null) ]]; then
  log "debootstrap --variant=minbase bookworm from $mirror (cached as $rootfs_tar)"
  boot=$(mktemp -d /var/tmp/mailspec-debootstrap.XXXXXX)
  scratch+=("$boot")
  env ${http_proxy_value:+http_proxy="$http_proxy_value"} \
    timeout 1200 debootstrap --variant=minbase bookworm "$boot/root" "$mirror" >"$boot/debootstrap.log" 2>&1 \
    || { tail -n 30 "$boot/debootstrap.log" >&2; die "debootstrap failed"; }
  unmount_under "$boot/root"
  rm -rf "$boot/root/var/cache/apt/archives/"*.deb "$boot/root/var/lib/apt/lists/"* 2>/dev/null || true
  timeout 600 tar --numeric-owner --one-file-system -C "$boot/root" -I 'zstd -T0 -3' -cf "$rootfs_tar.tmp" .
  mv "$rootfs_tar.tmp" "$rootfs_tar"
  phase "debootstrap (cold cache)"
else
  log "cached Debian 12 tree: $rootfs_tar ($(( ($(date +%s) - $(stat -c %Y "$rootfs_tar")) / 3600 )) h old)"
fi
exec 9>&-

# --- install the package there ------------------------------------------------------------------------
work=$(mktemp -d /var/tmp/mailspec-pkgtest.XXXXXX)
scratch+=("$work")
chroot_dir=$work/root
mkdir "$chroot_dir"
timeout 600 tar --numeric-owner -C "$chroot_dir" -I zstd -xf "$rootfs_tar"
mount -t proc proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"
mkdir -p "$chroot_dir/var/cache/apt/archives"
mount --bind "$archives" "$chroot_dir/var/cache/apt/archives"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true
rm -f "$chroot_dir/etc/apt/sources.list"
cp "$sources.d/debian.sources" "$chroot_dir/etc/apt/sources.list.d/debian.sources"
[[ -n $proxy_conf ]] && printf '%s\n' "$proxy_conf" >"$chroot_dir/etc/apt/apt.conf.d/01proxy"
# apt's downloads go to the cache on the host, which its sandbox user cannot write.
echo 'APT::Sandbox::User "root";' >"$chroot_dir/etc/apt/apt.conf.d/01mailspec-test"
cp "$deb" "$chroot_dir/tmp/"
# A command in the chroot as root, with a clean environment (an array, so that `timeout` can run it).
in_chroot=(chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
           DEBIAN_FRONTEND=noninteractive)
phase "fresh tree unpacked"

timeout 600 "${in_chroot[@]}" apt-get update -q >"$work/apt-update.log" 2>&1 \
  || { tail -n 20 "$work/apt-update.log" >&2; die "apt-get update in the chroot failed"; }
# As a user would: apt-get install of the file, which pulls in the dependencies from the mirror.
timeout 900 "${in_chroot[@]}" sh -c "cd /tmp && apt-get install -y -q ./$(basename "$deb")" >"$work/apt-install.log" 2>&1 \
  || { tail -n 30 "$work/apt-install.log" >&2; die "apt-get install ./$(basename "$deb") failed"; }
pulled=$(sed -n 's/^Setting up \([^ :]*\).*/\1/p' "$work/apt-install.log" | tr '\n' ' ')
log "apt-get install set up: $pulled"
phase "apt-get update and install"

# --- run it as an unprivileged user, from / -----------------------------------------------------------
timeout 60 "${in_chroot[@]}" useradd --create-home --uid "$tester_uid" --user-group --shell /bin/sh tester
as_tester() {
  timeout 120 chroot --userspec="$tester_uid:$tester_uid" "$chroot_dir" /usr/bin/env -i HOME=/home/tester \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 sh -c "cd / && $1"
}
expect_eq() { [[ $2 == "$3" ]] || die "$1: expected '$3', got '$2'"; log "ok  $1: $2"; }

expect_eq "command -v mailspec" "$(as_tester 'command -v mailspec')" /usr/bin/mailspec
expect_eq "mailspec --version" "$(as_tester 'mailspec --version')" "$version"
# The counts of a build on the host, reading the checkout's suites: the installed ones are the same.
host_bin=""
for b in build/pkg build/ci build/release build/dev; do
  [[ -x $root/$b/mailspec ]] && { host_bin=$root/$b/mailspec; break; }
done
[[ -n $host_bin ]] || die "no mailspec built on the host (build/pkg, build/ci, ...) to compare the counts with"
for suite in smtp pop3 imap; do
  want=$(MAILSPEC_SUITES=$root/suites "$host_bin" list --suite "$suite" | tail -n 1)
  expect_eq "mailspec list --suite $suite (from /)" "$(as_tester "mailspec list --suite $suite | tail -n 1")" "$want"
done
want=$("$host_bin" check "$root/suites")
expect_eq "mailspec check /usr/share/mailspec/suites" "$(as_tester 'mailspec check /usr/share/mailspec/suites')" "$want"
# serve generates a CA and a certificate with OpenSSL, listens, and ends with 3 when nobody connects.
out=$(as_tester 'mailspec serve smtps --listen 127.0.0.1:0 --accept-timeout 1 --ca-out /tmp/t-ca.pem --no-color 2>&1; echo "exit $?"')
grep -q 'listening on 127.0.0.1:' <<<"$out" || die "serve did not listen: $out"
expect_eq "mailspec serve smtps, nobody connecting" "$(tail -n 1 <<<"$out")" "exit 3"
as_tester 'grep -q "BEGIN CERTIFICATE" /tmp/t-ca.pem' || die "serve wrote no CA certificate"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
out=$(as_tester "mailspec run smtp://127.0.0.1:$port --report-json /tmp/t.json --no-color -q; echo \"exit \$?\"")
expect_eq "mailspec run against a closed port" "$(tail -n 1 <<<"$out")" "exit 3"
as_tester 'grep -q probe_error /tmp/t.json' || die "the report of the unreachable run says no probe_error"
expect_eq "mailspec report --html" "$(as_tester 'mailspec report /tmp/t.json --html /tmp/t.html >/dev/null && test -s /tmp/t.html && echo written')" written
th=$(as_tester 'gzip -dc /usr/share/man/man1/mailspec.1.gz | grep "^\.TH "')
[[ $th == ".TH MAILSPEC 1 "*"\"mailspec $version\""* ]] || die "the man page's title line is '$th'"
log "ok  the man page: $th"
for f in /usr/share/doc/mailspec/copyright /usr/share/doc/mailspec/README.md /usr/share/mailspec/schema/report-v1.json; do
  as_tester "test -s $f" || die "$f is missing or empty"
done
log "ok  the docs and the schema are installed"
phase "checks as an unprivileged user"

timeout 300 "${in_chroot[@]}" apt-get remove -y -q mailspec >"$work/apt-remove.log" 2>&1 || die "apt-get remove failed"
left=$(timeout 60 "${in_chroot[@]}" sh -c 'ls -d /usr/bin/mailspec /usr/share/mailspec /usr/share/doc/mailspec /usr/share/man/man1/mailspec.1.gz 2>/dev/null' || true)
[[ -z $left ]] || die "apt-get remove left: $left"
log "ok  apt-get remove leaves nothing behind"
phase "removal"

log "passed in $((SECONDS - start)) s"
