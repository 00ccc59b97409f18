#!/usr/bin/env bash
# The one image (docker/Dockerfile) built with buildah, no Docker engine: `make image`.
#   infra/image/build.sh           prints the image name last
# The image is tagged $ZHIXING_IMAGE (default localhost/zhixing:dev) and labelled with the
# hash of its inputs (the Dockerfile, the staged workspace, uv, the base); when an image with
# that label exists the build is skipped, so a second run costs seconds. The uv cache lives
# under $ZHIXING_CACHE/image/uv (outside the clone): once a build has filled it for a uv.lock,
# later builds run uv offline. docs/image.md has the details and the figures.
set -euo pipefail
PROG=build.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd -- "$HERE/../.." && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

IMAGE=${ZHIXING_IMAGE:-localhost/zhixing:dev}
CACHE=${ZHIXING_CACHE:-$HOME/.cache/zhixing}/image
LABEL=org.zhixing.inputs
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

need_command buildah buildah
need_command podman podman
need_command runc runc
mkdir -p "$CACHE/uv"
# One build at a time per cache (a cold one takes minutes: lib.sh's lock_state waits 2).
exec 9>"$CACHE/.build.lock"
flock -w 1800 9 || die "another build has held $CACHE/.build.lock for 30 minutes"
base=$("$HERE/base.sh" 9>&- | tail -n 1) || die "the Debian base image could not be made"

# The build context: what the venv is made from, nothing else (no tests, no var/, no .venv),
# so a change to a test or a doc does not rebuild the image.
context=$CACHE/context
rm -rf "$context" && mkdir -p "$context/workspace"
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard -- \
    pyproject.toml uv.lock 'libs/*' 'services/*' 'tools/*' \
  | grep -zv -e '/tests/' \
  | xargs -0 cp --parents -t "$context/workspace" --) || die "cannot stage the workspace"
# The host's uv (scripts/uv.sh installs it from PyPI when missing) runs in the build stage.
"$REPO/scripts/uv.sh" --version >/dev/null 9>&- || die "uv could not be installed"
uv=$(command -v uv || echo "${ZHIXING_CACHE:-$HOME/.cache/zhixing}/tools/bin/uv")
[ -x "$uv" ] || die "uv not found at $uv"
cp "$uv" "$context/uv"

base_id=$(podman image inspect --format '{{.Id}}' "$base") || die "no base image $base"
inputs=$( { sha256sum "$REPO/docker/Dockerfile" "$context/uv" | cut -d' ' -f1
            (cd "$context/workspace" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
            echo "$base_id"; } | sha256sum | cut -c1-16)
present=$(podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$IMAGE" 2>/dev/null || true)
previous=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
if [ "$present" = "$inputs" ]; then
  echo "$IMAGE"
  exit 0
fi

# uv runs offline once a build has succeeded with this uv.lock (every wheel is cached).
lock=$(sha256sum <"$REPO/uv.lock" | cut -c1-16)
offline=false
[ -f "$CACHE/uv/.zhixing-lock-$lock" ] && offline=true
say "… buildah bud $IMAGE (inputs $inputs, uv offline: $offline); log $CACHE/build.log"
# The host's CA bundle stands in for Debian's during the build: a registry may sit behind a
# TLS proxy only the host trusts. Neither it nor the uv cache ends up in the image.
trust=()
[ -f "$CA_BUNDLE" ] && trust=(--volume "$CA_BUNDLE:$CA_BUNDLE:ro")
buildah bud --isolation chroot --pull-never --layers=false \
    --file "$REPO/docker/Dockerfile" --tag "$IMAGE" --label "$LABEL=$inputs" \
    --build-arg "BASE=$base" --build-arg "UV_OFFLINE=$offline" \
    --volume "$CACHE/uv:/var/cache/uv:rw" "${trust[@]}" \
    "$context" >"$CACHE/build.log" 2>&1 9>&- || die "buildah bud failed; see $CACHE/build.log"
touch "$CACHE/uv/.zhixing-lock-$lock"
# The previous build of this tag, now untagged, only takes space (kept if still in use).
if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  podman rmi "$previous" >/dev/null 2>&1 9>&- || true
fi
echo "$IMAGE"
