#!/usr/bin/env bash
# A real OpenID provider on loopback for the command centre's tests (issue 16): the small
# Go program beside this script (zitadel/oidc/v3, from the Go module proxy), built once
# into $ZHIXING_OIDC_CACHE (default ~/.cache/zhixing/oidc), outside the clone.
#   infra/oidc/provider.sh build                      build if needed; prints the binary
#   infra/oidc/provider.sh run -redirect URL -config FILE [-listen 127.0.0.1:0]
#                                                     build if needed, then exec it (it
#                                                     prints `issuer http://127.0.0.1:<port>`)
set -euo pipefail
PROG=provider.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

CACHE=${ZHIXING_OIDC_CACHE:-$HOME/.cache/zhixing/oidc}
BIN=$CACHE/bin
NAME=zhixing-oidc
mkdir -p "$BIN" "$CACHE/logs"
export GOFLAGS="-buildvcs=false" GOTOOLCHAIN=local

# The source's hash is part of the name, so an edited main.go or go.sum builds anew.
stamp=$(cat "$HERE/main.go" "$HERE/go.mod" "$HERE/go.sum" | sha256sum | cut -c1-12)
binary=$BIN/$NAME-$stamp

build() {
  [ -x "$binary" ] && return 0
  need_command go golang-go
  exec 8>"$CACHE/.build.lock"
  flock -w 900 8 || die "timed out waiting for $CACHE/.build.lock"
  [ -x "$binary" ] && return 0
  local t0; t0=$(date +%s)
  say "… building $NAME (github.com/zitadel/oidc/v3) from the Go module proxy; log $CACHE/logs/$NAME.log" >&2
  (cd "$HERE" && go build -trimpath -o "$binary.tmp" .) >"$CACHE/logs/$NAME.log" 2>&1 \
    || die "building $NAME failed; see $CACHE/logs/$NAME.log"
  mv -f "$binary.tmp" "$binary"
  find "$BIN" -name "$NAME-*" ! -name "${binary##*/}" -delete  # builds of older sources
  local took=$(( $(date +%s) - t0 ))
  echo "$(date -u +%FT%TZ) $NAME $took s" >>"$CACHE/logs/build-times.log"
  say "built $NAME in $took s" >&2
}

case "${1:-build}" in
  build) build; echo "$binary" ;;
  run) shift; build; exec "$binary" "$@" ;;
  *) die "usage: provider.sh build | run -redirect URL -config FILE [-listen ADDR]" ;;
esac
