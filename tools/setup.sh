#!/usr/bin/env bash
# One command from a fresh Debian machine: install dependencies, build, and run
# the main job on the bundled examples -- print the deals and write the graph.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
build/arsenal extract examples/articles | tee out/deals.jsonl
build/arsenal build --deals out/deals.jsonl -o out/graph.graphml -o out/graph.gexf -o out/graph.json
echo "deals: out/deals.jsonl   graph: out/graph.graphml out/graph.gexf out/graph.json" >&2
