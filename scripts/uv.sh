#!/usr/bin/env bash
# Runs uv, installing it first (from PyPI, into a cache outside the clone) when missing.
set -euo pipefail
cache="${ZHIXING_CACHE:-$HOME/.cache/zhixing}"
uv="$(command -v uv || true)"
if [ -z "$uv" ]; then
  uv="$cache/tools/bin/uv"
  if [ ! -x "$uv" ]; then
    echo "▶ installing uv into $cache/tools" >&2
    # pip --target needs no venv module (Debian splits it out as python3-venv).
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target "$cache/tools" uv
  fi
fi
export UV_PYTHON_DOWNLOADS=never
# Registries may sit behind a TLS proxy whose CA is only in the system store.
export UV_SYSTEM_CERTS=true UV_NATIVE_TLS=true
exec "$uv" "$@"
