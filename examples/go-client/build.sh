#!/usr/bin/env bash
# Build the Go client from Zhixing's protos/ alone:
#   1. install protoc-gen-go and protoc-gen-go-grpc (pinned, from the Go module proxy)
#      into GOBIN (default ~/.cache/zhixing/go/bin), once;
#   2. generate the Go code of every proto into gen/ — a module of its own,
#      zhixing.cn/gen/go, that go.mod points at with a replace directive;
#   3. go build -o zhixing-go-client .
#
#   ./build.sh                                   # in a clone: protos from ../../protos
#   ZHIXING_PROTOS=/path/to/protos ./build.sh    # protos from elsewhere
#
# protoc: the one on PATH (or $PROTOC) when there is one; otherwise the clone's buf
# (scripts/buf.sh, cached under ~/.cache/zhixing) with the same two local plugins.
set -euo pipefail

PROTOC_GEN_GO_VERSION="v1.36.12"
PROTOC_GEN_GO_GRPC_VERSION="v1.6.2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROTOS="$(cd "${ZHIXING_PROTOS:-$HERE/../../protos}" && pwd)"
export GOBIN="${GOBIN:-$HOME/.cache/zhixing/go/bin}"

# install MODULE/CMD VERSION BINARY: go install it unless GOBIN already has that version.
install() {
    local package="$1" version="$2" binary="$3"
    if [[ "$("$GOBIN/$binary" --version 2>/dev/null || true)" != *"${version#v}" ]]; then
        echo "build.sh: installing $binary $version into $GOBIN" >&2
        go install "$package@$version"
    fi
}

generate() {
    rm -rf "$HERE/gen"
    mkdir -p "$HERE/gen"
    local buf="${ZHIXING_BUF:-$PROTOS/../scripts/buf.sh}"
    if [[ -n "${PROTOC:-}" ]] || command -v protoc >/dev/null; then
        local protos
        mapfile -t protos < <(cd "$PROTOS" && find zhixing -name '*.proto' | sort)
        "${PROTOC:-protoc}" -I "$PROTOS" \
            --plugin="protoc-gen-go=$GOBIN/protoc-gen-go" \
            --plugin="protoc-gen-go-grpc=$GOBIN/protoc-gen-go-grpc" \
            --go_out="$HERE/gen" --go_opt=module=zhixing.cn/gen/go \
            --go-grpc_out="$HERE/gen" --go-grpc_opt=module=zhixing.cn/gen/go \
            "${protos[@]}"
    elif [[ -x "$buf" ]]; then
        PATH="$GOBIN:$PATH" "$buf" generate "$PROTOS" \
            --template "$HERE/buf.gen.yaml" --output "$HERE"
    else
        echo "build.sh: need protoc on PATH (or PROTOC=...), or ZHIXING_BUF=<buf>" >&2
        exit 1
    fi
    # The generated packages' own module; its requirements are the client's.
    cat >"$HERE/gen/go.mod" <<MOD
module zhixing.cn/gen/go

go 1.26

require (
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf $PROTOC_GEN_GO_VERSION
)
MOD
}

install google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO_VERSION" protoc-gen-go
install google.golang.org/grpc/cmd/protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC_VERSION" protoc-gen-go-grpc
generate
cd "$HERE"
go build -o zhixing-go-client .
echo "build.sh: built $HERE/zhixing-go-client" >&2
