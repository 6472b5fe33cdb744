#!/bin/sh
# Installs the build into a temporary prefix, then builds and runs a consumer
# with find_package(arsenal) and checks the pkg-config file.
set -eu
build=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/tests/install/consumer" -B "$tmp/b" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/b" >/dev/null
LD_LIBRARY_PATH="$tmp/prefix/lib:${LD_LIBRARY_PATH:-}" "$tmp/b/consumer"
test -f "$tmp/prefix/lib/pkgconfig/arsenal.pc" || test -n "$(find "$tmp/prefix" -name arsenal.pc)"
test -n "$(find "$tmp/prefix" -path '*share/arsenal/rules/countries.csv')"
echo "install ok"
