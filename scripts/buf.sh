#!/usr/bin/env bash
# Run buf (https://buf.build) from a pinned npm package cached outside the clone.
#
#   scripts/buf.sh lint protos        # any buf command, args passed through
#   scripts/buf.sh breaking           # protos vs. the git main branch (skips if main has none)
set -euo pipefail

BUF_VERSION="1.75.0"
CACHE_DIR="${ZHIXING_CACHE:-$HOME/.cache/zhixing}/node"
BUF_BIN="$CACHE_DIR/node_modules/.bin/buf"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

installed_version() {
    [[ -x "$BUF_BIN" ]] && "$BUF_BIN" --version 2>/dev/null || true
}

ensure_buf() {
    if [[ "$(installed_version)" == "$BUF_VERSION" ]]; then
        return
    fi
    mkdir -p "$CACHE_DIR"
    echo "buf.sh: installing @bufbuild/buf@$BUF_VERSION into $CACHE_DIR" >&2
    npm install --prefix "$CACHE_DIR" --no-audit --no-fund \
        "@bufbuild/buf@$BUF_VERSION" >&2
    if [[ "$(installed_version)" != "$BUF_VERSION" ]]; then
        echo "buf.sh: buf $BUF_VERSION is not runnable after install" >&2
        exit 1
    fi
}

main_has_protos() {
    git -C "$REPO_ROOT" rev-parse --verify --quiet "refs/heads/main^{commit}" >/dev/null \
        && [[ -n "$(git -C "$REPO_ROOT" ls-tree -r --name-only main -- protos | grep '\.proto$' || true)" ]]
}

ensure_buf
cd "$REPO_ROOT"

if [[ "${1:-}" == "breaking" && $# -eq 1 ]]; then
    if ! main_has_protos; then
        echo "buf.sh: skipping breaking check — branch main has no protos yet (first commit)"
        exit 0
    fi
    exec "$BUF_BIN" breaking protos --against '.git#branch=main,subdir=protos'
fi

exec "$BUF_BIN" "$@"
