#!/bin/sh
# Score an arsenal binary against the independent evaluation set in this folder.
# Usage: tests/eval/score.sh [path/to/arsenal] [extra score.py options, e.g. --min-f1 0.5]
# Exit 77 (the "skipped" code of CTest/automake) when the shared scorer is absent.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-"$root/build/arsenal"}
[ $# -gt 0 ] && shift
scorer="$root/../shared/eval/score.py"
if [ ! -f "$scorer" ]; then
    echo "scorer not found: skipped ($scorer)"
    exit 77
fi
if [ ! -x "$bin" ]; then
    echo "arsenal binary not found or not executable: $bin" >&2
    exit 2
fi
pred=$(mktemp "${TMPDIR:-/tmp}/arsenal-eval.XXXXXX") || exit 2
trap 'rm -f "$pred"' EXIT INT TERM
cd "$root" || exit 2
for f in tests/eval/docs/*.txt; do
    "$bin" extract "$f"
done > "$pred"
python3 "$scorer" --gold tests/eval/gold.jsonl --pred "$pred" --show "$@"
