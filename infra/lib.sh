# Shared helpers for infra/*.sh (sourced, not executed).
# Callers set PROG before sourcing and run with `set -euo pipefail`.

# runuser, initdb and friends live in sbin, which a minimal PATH may lack.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

# die exits 64 so the ERR trap below stays quiet when die ran inside $(...).
die() { echo "$PROG: error: $*" >&2; exit 64; }
say() { echo "$*"; }

# One clear line when an unexpected command fails.
trap 'rc=$?; [ "$rc" -eq 64 ] || echo "$PROG: error: command failed (exit $rc, line $LINENO): $BASH_COMMAND" >&2' ERR

# Absolute path of a (possibly not yet existing) directory.
abs_dir() {
  mkdir -p -- "$1" 2>/dev/null && [ -d "$1" ] || die "cannot create the state directory $1"
  (cd -- "$1" && pwd -P)
}

# True when something listens on TCP port $1.
port_in_use() {
  local p=$1
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htln "sport = :$p" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
  fi
}

# True when any TCP socket (listening, connected, TIME_WAIT...) uses local port $1.
port_busy() {
  local p=$1
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htan "sport = :$p" 2>/dev/null)" ]
  else
    port_in_use "$p"
  fi
}

# A free TCP port on loopback, below the Linux ephemeral range (32768+) so outgoing
# connections cannot grab it between our pick and the server's bind. Optional args:
# ports to avoid (already picked in this run).
free_port() {
  local p i avoid
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))
    for avoid in "$@"; do [ "$p" = "$avoid" ] && continue 2; done
    port_busy "$p" || { echo "$p"; return 0; }
  done
  die "no free port found on 127.0.0.1"
}

# Poll until "$@" succeeds or $1 seconds pass: wait_until SECONDS cmd args...
wait_until() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# Lock a state dir for the duration of the script (fd 9; children must close it: 9>&-).
lock_state() {
  exec 9>"$1/.$2.lock"
  flock -w 120 9 || die "timed out waiting for the lock $1/.$2.lock"
}

# Installs Debian packages when a command is missing (root only; apt-get update once on failure).
need_command() {  # command package...
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || die "$cmd not found and not root to apt-get install ${*}"
  say "… installing ${*} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$@" >/dev/null 2>&1; } \
    || die "apt-get install ${*} failed"
}
