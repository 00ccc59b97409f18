#!/usr/bin/env bash
# Runs uv, installing it first (from PyPI, into a cache outside the clone) when missing.
set -euo pipefail
cache="${ZHIXING_CACHE:-$HOME/.cache/zhixing}"
uv="$(command -v uv || true)"
if [ -z "$uv" ]; then
  uv="$cache/tools/bin/uv"
  if [ ! -x "$uv" ]; then
    echo "▶ installing uv into $cache/tools" >&2
    python3 -m venv "$cache/tools"
    "$cache/tools/bin/pip" install --quiet --disable-pip-version-check uv
  fi
fi
export UV_PYTHON_DOWNLOADS=never
# Registries may sit behind a TLS proxy whose CA is only in the system store.
export UV_SYSTEM_CERTS=true UV_NATIVE_TLS=true
exec "$uv" "$@"
