#!/usr/bin/env bash
# Installs every Debian package arsenal needs to build, test and check its
# exports. Idempotent; run as root (or through sudo).
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
PKGS=(
  build-essential cmake pkg-config git python3
  libicu-dev libcjson-dev libcsv-dev libxml2-dev
  libigraph-dev libarpack2-dev libglpk-dev libplfit-dev   # igraph's CMake config names these
  libcmocka-dev                                           # unit tests
  libxml2-utils jing graphviz python3-networkx python3-igraph  # export consumers in tests
  clang libclang-rt-14-dev valgrind                       # fuzzing, sanitizers, memcheck
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
