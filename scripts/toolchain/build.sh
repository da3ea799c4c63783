#!/usr/bin/env bash
# Builds the test toolchain (Kubernetes control plane, etcd, kwok, helm) from Go modules into a
# versioned cache outside the repository. Builds only what is missing; prints progress.
# Usage: scripts/toolchain/build.sh              -> builds what is missing, prints the bin directory
#                                                    on the last line
#        scripts/toolchain/build.sh --print-dir  -> prints the bin directory only (builds nothing)
# The versions are pinned in versions.env next to this script.
set -euo pipefail

# shellcheck source=SCRIPTDIR/versions.env
. "$(dirname "${BASH_SOURCE[0]}")/versions.env"

cache_root="${STOREFLEET_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/storefleet/toolchain}"
key="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}_helm-${HELM_VERSION}"
bin="$cache_root/$key/bin"
work="$cache_root/$key/work"

case "${1:-}" in
  "") ;;
  --print-dir)
    printf '%s\n' "$bin"
    exit 0
    ;;
  *)
    printf '[toolchain] error: unknown argument %s (use --print-dir or nothing)\n' "$1" >&2
    exit 2
    ;;
esac

log() { printf '[toolchain] %s\n' "$*" >&2; }
fail() {
  printf '[toolchain] error: %s\n' "$1" >&2
  [ -n "${2:-}" ] && printf '[toolchain] fix: %s\n' "$2" >&2
  exit 1
}

all_present() {
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok helm; do
    [ -x "$bin/$b" ] || return 1
  done
}

if all_present; then
  log "cached: $bin"
  printf '%s\n' "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 ||
  fail "Go is not installed; the test toolchain is built from Go modules." \
    "install Go 1.26 or newer (https://go.dev/dl) and run the tests again."
go_minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
[ "${go_minor:-0}" -ge 26 ] ||
  fail "Go $(go env GOVERSION) is too old; Kubernetes v${K8S_VERSION} needs Go 1.26." \
    "install Go 1.26 or newer and run the tests again."

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
mkdir -p "$bin" "$work"

# Runs a go command; on failure, names the module the proxy could not serve.
run_go() {
  local what="$1"; shift
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" | tail -n 20 >&2
    local missing
    missing=$(printf '%s\n' "$out" | grep -oE '(module|reading) [^ :]+@v[^ :]+' | head -1 || true)
    if [ -n "$missing" ]; then
      fail "building $what: the Go module proxy did not serve ${missing#* }." \
        "check GOPROXY ($(go env GOPROXY)) and network access to it, then run again."
    fi
    fail "building $what failed (see the output above)." "fix the cause above and run again."
  fi
}

build_date=$(date -u +%Y-%m-%dT%H:%M:%SZ)

build_kubernetes() {
  local dir="$work/kubernetes"
  mkdir -p "$dir"
  log "kubernetes v${K8S_VERSION}: resolving modules"
  run_go "kubernetes" go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" >/dev/null
  local upstream
  upstream=$(go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  # The wrapper module copies upstream's go.mod (same requirements, same godebug) and turns every
  # relative staging replace into the published module at the matching version.
  {
    sed -e "s#^module k8s.io/kubernetes#module storefleet.local/toolchain/kubernetes#" \
      -e "s#^\(\s*\)\(k8s\.io/[a-z0-9-]*\) => \./staging/src/k8s\.io/[a-z0-9-]*#\1\2 => \2 v${K8S_STAGING_VERSION}#" \
      "$upstream"
    printf '\nrequire k8s.io/kubernetes v%s\n' "$K8S_VERSION"
  } >"$dir/go.mod"
  if grep -q '=> \./' "$dir/go.mod"; then fail "kubernetes wrapper still has a relative replace" ""; fi
  cat >"$dir/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  local ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=${K8S_VERSION%%.*}"
    ld="$ld -X $pkg.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2) -X $pkg.gitTreeState=clean"
    ld="$ld -X $pkg.buildDate=${build_date}"
  done
  log "kubernetes v${K8S_VERSION}: compiling kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (the slow part: 15-30 min on 2 cores)"
  (cd "$dir" && run_go "kubernetes" go build -trimpath -ldflags "$ld" -o "$bin/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
}

build_etcd() {
  local dir="$work/etcd"
  mkdir -p "$dir"
  # etcd's server module uses relative replaces, so `go install` refuses it; a wrapper module
  # requires it by version instead.
  cat >"$dir/go.mod" <<GOMOD
module storefleet.local/toolchain/etcd

go 1.26

require go.etcd.io/etcd/server/v3 v${ETCD_VERSION}
GOMOD
  cat >"$dir/tools.go" <<'GO'
//go:build tools

package tools

import _ "go.etcd.io/etcd/server/v3"
GO
  log "etcd v${ETCD_VERSION}: compiling"
  (cd "$dir" && run_go "etcd" go build -trimpath -ldflags "-s -w" -o "$bin/etcd" go.etcd.io/etcd/server/v3)
}

build_kwok() {
  log "kwok v${KWOK_VERSION}: compiling"
  run_go "kwok" env GOBIN="$bin" go install -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=v${KWOK_VERSION}" \
    "sigs.k8s.io/kwok/cmd/kwok@v${KWOK_VERSION}"
}

build_helm() {
  local minor
  minor=$(echo "$K8S_VERSION" | cut -d. -f2)
  log "helm v${HELM_VERSION}: compiling"
  run_go "helm" env GOBIN="$bin" go install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v${HELM_VERSION} -X helm.sh/helm/v3/internal/version.gitTreeState=clean -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=${minor} -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=${minor}" \
    "helm.sh/helm/v3/cmd/helm@v${HELM_VERSION}"
}

start=$(date +%s)
[ -x "$bin/helm" ] || build_helm
[ -x "$bin/kwok" ] || build_kwok
[ -x "$bin/etcd" ] || build_etcd
for b in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  if [ ! -x "$bin/$b" ]; then build_kubernetes; break; fi
done
all_present || fail "the toolchain build finished but binaries are missing in $bin" ""
log "built in $(($(date +%s) - start)) s: $bin"
printf '%s\n' "$bin"
