#!/usr/bin/env bash
# Ensures Debian's Chromium for the browser tests (never a browser download of its own).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "chromium.sh: Debian's chromium is missing; install it: sudo apt-get install chromium" >&2
  exit 1
fi
echo "▶ installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
