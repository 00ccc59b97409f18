#!/usr/bin/env bash
# Ensures the Debian packages the tests and the reports need (never a download of their own):
#   browser  chromium                      the browser tests (Playwright drives Debian's)
#   report   fonts-noto-cjk                Chinese glyphs in the PDFs WeasyPrint makes (issue 16)
#            libpango-1.0-0 libpangoft2-1.0-0   WeasyPrint's text layout
#            libharfbuzz-subset0           its font subsetting (else it warns, and will fail)
#            poppler-utils                 pdftotext, pdftoppm, pdffonts: the report's tests
#   scripts/debian-tools.sh [--warn] [browser] [report]     (no group: both)
# As root it installs what is missing (apt-get); otherwise it names the command to run and
# exits 1 — or, with --warn (make run), says so and exits 0.
set -euo pipefail
warn=0
groups=()
for arg in "$@"; do
  case "$arg" in
    --warn) warn=1 ;;
    browser|report) groups+=("$arg") ;;
    *) echo "debian-tools.sh: unknown argument '$arg' (browser, report, --warn)" >&2; exit 2 ;;
  esac
done
[ ${#groups[@]} -gt 0 ] || groups=(browser report)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
missing=()
for group in "${groups[@]}"; do
  case "$group" in
    browser)
      command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    report)
      for package in fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
          poppler-utils; do
        installed "$package" || missing+=("$package")
      done ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "debian-tools.sh: Debian packages missing: ${missing[*]}; install them: sudo apt-get install ${missing[*]}" >&2
  [ "$warn" = 1 ] && exit 0
  exit 1
fi
echo "▶ installing Debian's ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
