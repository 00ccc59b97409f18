#!/usr/bin/env bash
# Kept for callers of the old name: Debian's chromium now comes with the report's packages
# through scripts/debian-tools.sh (issue 16).
exec "$(dirname "$0")/debian-tools.sh" browser "$@"
