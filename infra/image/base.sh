#!/usr/bin/env bash
# The Debian base of the one image (docker/Dockerfile), made with debootstrap and imported
# into podman's store as localhost/debian-base:bookworm. The root file system is cached as a
# tar under $ZHIXING_CACHE/image (default ~/.cache/zhixing/image), keyed by what goes into it,
# so debootstrap runs once per machine; an import from the tar takes seconds.
#   infra/image/base.sh            prints the image name last
# Knobs: ZHIXING_DEBIAN_MIRROR (default http://deb.debian.org/debian), ZHIXING_CACHE.
set -euo pipefail
PROG=base.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

SUITE=bookworm
MIRROR=${ZHIXING_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# python3-venv: the venv uv makes; tzdata: legal dates are Asia/Shanghai dates (DESIGN §10),
# named here as Debian may drop it from the minimal set; fonts-noto-cjk: Chinese glyphs for
# the PDFs the suite renders (WeasyPrint, issue 16: the congress report), libpango-1.0-0 and
# libpangoft2-1.0-0 its text layout, libharfbuzz-subset0 its font subsetting; libpq5:
# psycopg (pure Python in the lock) loads the system's libpq, without which no role reaches
# PostgreSQL (ImportError: no pq wrapper available).
INCLUDE=python3,python3-venv,ca-certificates,tzdata,fonts-noto-cjk,libpango-1.0-0,libpangoft2-1.0-0,libharfbuzz-subset0,libpq5
BASE_IMAGE=localhost/debian-base:$SUITE
CACHE=${ZHIXING_CACHE:-$HOME/.cache/zhixing}/image
LABEL=org.zhixing.base-key

need_command debootstrap debootstrap
need_command podman podman
need_command runc runc
mkdir -p "$CACHE"
# One base at a time per cache (a cold one takes minutes: lib.sh's lock_state waits 2).
exec 9>"$CACHE/.base.lock"
flock -w 1800 9 || die "another base has held $CACHE/.base.lock for 30 minutes"

# The key changes with the suite, the package list or the recipe (bump RECIPE when the
# steps below change what lands in the tar); not with the mirror.
RECIPE=1
key=$(printf '%s\n' "$SUITE" "$INCLUDE" "$RECIPE" | sha256sum | cut -c1-16)
tarball=$CACHE/debian-$SUITE-$key.tar

present=$(podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$BASE_IMAGE" 2>/dev/null || true)
if [ "$present" = "$key" ]; then
  echo "$BASE_IMAGE"
  exit 0
fi

if [ ! -f "$tarball" ]; then
  root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  # --one-file-system: never into a /proc or /sys a failed debootstrap left mounted.
  trap 'rm -rf --one-file-system "$root"' EXIT
  say "… debootstrap $SUITE ($INCLUDE) from $MIRROR; log $CACHE/debootstrap.log"
  debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$root" "$MIRROR" \
    >"$CACHE/debootstrap.log" 2>&1 || die "debootstrap failed; see $CACHE/debootstrap.log"
  # Nothing at run time needs the package cache or the index; keep the image small.
  # The packages' copyright files stay (/usr/share/doc/*/copyright).
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/* \
    "$root"/usr/share/man/* "$root"/usr/share/info/*
  find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  tar --numeric-owner --xattrs -C "$root" -cf "$tarball.part" . || die "tar of $root failed"
  mv "$tarball.part" "$tarball"
  # Tars of an older recipe or package list are never read again.
  find "$CACHE" -maxdepth 1 -name "debian-$SUITE-*.tar" ! -path "$tarball" -delete
  rm -rf --one-file-system "$root"
  trap - EXIT
fi

say "… podman import $tarball as $BASE_IMAGE"
previous=$(podman image inspect --format '{{.Id}}' "$BASE_IMAGE" 2>/dev/null || true)
podman import --quiet --change "LABEL $LABEL=$key" "$tarball" "$BASE_IMAGE" >/dev/null \
  || die "podman import $tarball failed"
# The base it replaces, now untagged, only takes space (kept while an image or container uses it).
[ -z "$previous" ] || podman rmi "$previous" >/dev/null 2>&1 || true
echo "$BASE_IMAGE"
