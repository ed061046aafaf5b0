# shellcheck shell=bash disable=SC2034
# Shared helpers for mailspec's private mail-server targets. Source it; do not run it.
# Everything lives under $MAILSPEC_STATE (default /tmp/mailspec-state). Keep that path short:
# Dovecot's unix socket paths (under $MAILSPEC_STATE/dovecot/run/) must stay < 100 bytes.

MAILSPEC_STATE=${MAILSPEC_STATE:-/tmp/mailspec-state}
export MAILSPEC_STATE
TARGETS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Fixed ports (127.0.0.1 only).
DOVECOT_IMAP_PORT=10143
DOVECOT_IMAPS_PORT=10993
DOVECOT_POP3_PORT=10110
DOVECOT_POP3S_PORT=10995
DOVECOT_LMTP_PORT=10024
POSTFIX_SMTP_PORT=10025
POSTFIX_SUBMISSION_PORT=10587
AIOSMTPD_PORT=10026

# Test users (passwords are "<user>pw"); mail domain(s).
MAIL_USERS=(alice bob carol)
MAIL_DOMAINS=(example.test localhost)
MAIL_OWNER=mailspec          # unprivileged system user that owns the mail homes

TLS_DIR="$MAILSPEC_STATE/tls"
CAFILE="$TLS_DIR/cert.pem"
DOVECOT_DIR="$MAILSPEC_STATE/dovecot"
# DOVECOT_VARIANT=default: a second Dovecot on the same mail homes, left at Dovecot's default
# login-failure delay (auth_failure_delay 2 s) and anvil auth penalty (growing to 15 s), as users' servers
# are: the suites must give no `error` against it. The main instance turns both off (fast CI runs).
DOVECOT_VARIANT=${DOVECOT_VARIANT:-fast}
if [[ "$DOVECOT_VARIANT" == default ]]; then
  DOVECOT_IMAP_PORT=11143
  DOVECOT_IMAPS_PORT=11993
  DOVECOT_POP3_PORT=11110
  DOVECOT_POP3S_PORT=11995
  DOVECOT_LMTP_PORT=11024
  DOVECOT_DIR="$MAILSPEC_STATE/dovecot-default"
fi
DOVECOT_BASE="$DOVECOT_DIR/run"             # base_dir (sockets, master.pid)
DOVECOT_CONF="$DOVECOT_DIR/dovecot.conf"
DOVECOT_AUTH_SOCKET="$DOVECOT_BASE/auth-postfix"
MAIL_ROOT="$MAILSPEC_STATE/mail"            # homes: $MAIL_ROOT/<user>, Maildir: .../Maildir
POSTFIX_DIR="$MAILSPEC_STATE/postfix"
POSTFIX_CONF_DIR="$POSTFIX_DIR/etc"
AIOSMTPD_DIR="$MAILSPEC_STATE/aiosmtpd"

ms_log()  { printf '[mailspec-targets] %s\n' "$*" >&2; }
ms_die()  { printf '[mailspec-targets] ERROR: %s\n' "$*" >&2; exit 1; }

ms_require_root() { [[ $(id -u) -eq 0 ]] || ms_die "must run as root (private servers drop privileges themselves)"; }

# Create the state root (traversable by the unprivileged mail/login users).
ms_init_state() {
  mkdir -p "$MAILSPEC_STATE"
  chmod 0755 "$MAILSPEC_STATE"
  local probe="$DOVECOT_BASE/auth-worker-XXXXXXXX"
  if ((${#probe} >= 100)); then
    ms_die "MAILSPEC_STATE=$MAILSPEC_STATE is too long for Dovecot socket paths; use a shorter path"
  fi
}

# --- ports -------------------------------------------------------------------------------------
# ms_port_open PORT -> 0 when 127.0.0.1:PORT accepts a TCP connection (loopback: connect never hangs).
ms_port_open() {
  ( exec 3<>"/dev/tcp/127.0.0.1/$1" ) 2>/dev/null
}

# ms_wait_port PORT [TIMEOUT_S=15] -> 0 once the port accepts connections, 1 on timeout.
ms_wait_port() {
  local port=$1 timeout=${2:-15} start=$SECONDS
  while ((SECONDS - start < timeout)); do
    ms_port_open "$port" && return 0
    sleep 0.2
  done
  return 1
}

# ms_banner PORT -> prints the first line the server sends (CR stripped); fails if none in 3 s.
ms_banner() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    IFS= read -r -t 3 line <&3 || exit 1
    printf 'QUIT\r\n' >&3 || true
    printf '%s\n' "${line%$'\r'}"
  ) 2>/dev/null
}

# ms_wait_banner PORT PREFIX [TIMEOUT_S=15] -> 0 once the greeting starts with PREFIX.
ms_wait_banner() {
  local port=$1 prefix=$2 timeout=${3:-15} start=$SECONDS line
  while ((SECONDS - start < timeout)); do
    line=$(ms_banner "$port" || true)
    [[ "$line" == "$prefix"* ]] && return 0
    sleep 0.2
  done
  return 1
}

# ms_port_free PORT -> 0 when nothing listens on 127.0.0.1:PORT.
ms_port_free() { ! ms_port_open "$1"; }

# --- pids --------------------------------------------------------------------------------------
# ms_pid_alive PID
ms_pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# ms_read_pid FILE -> prints the pid in FILE (first field) if the file exists.
ms_read_pid() { [[ -s "$1" ]] && awk 'NR==1{print $1; exit}' "$1"; }

# ms_wait_pid FILE PATTERN [TIMEOUT_S=15] -> prints the pid once FILE holds the pid of a live process whose
# command line contains PATTERN. A daemon opens its ports before it writes its PID file (Dovecot does), so
# a reader that looks once can find the file empty or missing.
ms_wait_pid() {
  local file=$1 pattern=$2 timeout=${3:-15} start=$SECONDS pid
  while ((SECONDS - start < timeout)); do
    pid=$(ms_read_pid "$file" || true)
    if [[ -n "$pid" ]] && ms_pid_matches "$pid" "$pattern"; then
      echo "$pid"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# ms_pid_cmdline PID -> the process command line with NULs as spaces.
ms_pid_cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null; }

# ms_pid_matches PID PATTERN -> 0 when the process is alive and its command line contains PATTERN.
ms_pid_matches() {
  ms_pid_alive "$1" || return 1
  [[ "$(ms_pid_cmdline "$1")" == *"$2"* ]]
}

# ms_children PID -> direct children pids (one per line).
ms_children() { pgrep -P "$1" 2>/dev/null || true; }

# ms_wait_gone TIMEOUT_S PID... -> 0 when all listed pids have exited.
ms_wait_gone() {
  local timeout=$1; shift
  local start=$SECONDS p alive
  while :; do
    alive=0
    for p in "$@"; do ms_pid_alive "$p" && alive=1; done
    ((alive == 0)) && return 0
    ((SECONDS - start >= timeout)) && return 1
    sleep 0.1
  done
}

# ms_stop_pid PID [TIMEOUT_S=10] -> SIGTERM the pid and wait for it (SIGKILL after the timeout);
# then give its former direct children 3 s to exit, SIGTERM them, and SIGKILL what is left.
# (Dovecot's auth/log/stats children outlive the master while a client such as Postfix's smtpd
# still holds a connection to them.)
ms_stop_pid() {
  local pid=$1 timeout=${2:-10} kids k live
  ms_pid_alive "$pid" || return 0
  kids=$(ms_children "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  if ! ms_wait_gone "$timeout" "$pid"; then
    ms_log "pid $pid still alive after ${timeout}s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    ms_wait_gone 5 "$pid" || true
  fi
  [[ -n "$kids" ]] || return 0
  # shellcheck disable=SC2086
  ms_wait_gone 3 $kids && return 0
  live=""
  for k in $kids; do ms_pid_alive "$k" && live+="$k "; done
  ms_log "SIGTERM to leftover children of $pid: $live"
  # shellcheck disable=SC2086
  kill -TERM $live 2>/dev/null || true
  # shellcheck disable=SC2086
  if ! ms_wait_gone 5 $live; then
    # shellcheck disable=SC2086
    kill -KILL $live 2>/dev/null || true
    # shellcheck disable=SC2086
    ms_wait_gone 5 $live || true
  fi
}

# --- users / mail homes --------------------------------------------------------------------------
ms_ensure_mail_owner() {
  if ! getent passwd "$MAIL_OWNER" >/dev/null; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$MAIL_OWNER"
  fi
  MAIL_UID=$(id -u "$MAIL_OWNER")
  MAIL_GID=$(id -g "$MAIL_OWNER")
}

# ms_maildir USER -> path of the user's Maildir.
ms_maildir() { printf '%s/%s/Maildir\n' "$MAIL_ROOT" "$1"; }

# ms_ensure_maildir USER -> creates home + Maildir/{cur,new,tmp} owned by the mail owner.
ms_ensure_maildir() {
  ms_ensure_mail_owner
  local home="$MAIL_ROOT/$1"
  mkdir -p "$MAIL_ROOT" "$home/Maildir/cur" "$home/Maildir/new" "$home/Maildir/tmp"
  chmod 0755 "$MAIL_ROOT"
  chown -R "$MAIL_UID:$MAIL_GID" "$home"
  chmod 0700 "$home"
}

ms_valid_user() {
  local u
  for u in "${MAIL_USERS[@]}"; do [[ "$u" == "$1" ]] && return 0; done
  return 1
}

# --- TLS -----------------------------------------------------------------------------------------
# Self-signed certificate for CN=localhost, SAN DNS:localhost + IP:127.0.0.1, made once.
# The certificate is its own CA: clients verify with --cafile $TLS_DIR/cert.pem.
ms_ensure_tls() {
  if [[ -s "$TLS_DIR/cert.pem" && -s "$TLS_DIR/key.pem" ]] &&
     openssl verify -CAfile "$TLS_DIR/cert.pem" "$TLS_DIR/cert.pem" >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$TLS_DIR"; chmod 0755 "$TLS_DIR"
  local tmp; tmp=$(mktemp -d "$TLS_DIR/.gen.XXXXXX")
  cat >"$tmp/req.cnf" <<'CNF'
[req]
distinguished_name = dn
x509_extensions = v3
prompt = no
[dn]
CN = localhost
[v3]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyEncipherment,keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -config "$tmp/req.cnf" -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>"$tmp/err" ||
    { cat "$tmp/err" >&2; rm -rf "$tmp"; ms_die "openssl req failed"; }
  chmod 0644 "$tmp/cert.pem"; chmod 0600 "$tmp/key.pem"
  mv -f "$tmp/key.pem" "$TLS_DIR/key.pem"
  mv -f "$tmp/cert.pem" "$TLS_DIR/cert.pem"
  rm -rf "$tmp"
  ms_log "made self-signed certificate $TLS_DIR/cert.pem (CN=localhost)"
}

# ms_tail_log FILE [N=40] -> print the last lines of a log to stderr.
ms_tail_log() {
  local f=$1 n=${2:-40}
  if [[ -f "$f" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$f" >&2
    tail -n "$n" "$f" >&2
    printf -- '-----\n' >&2
  else
    ms_log "(no log file $f)"
  fi
}
