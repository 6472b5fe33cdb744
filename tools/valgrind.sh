#!/usr/bin/env bash
# Runs the unit tests, the fuzz corpus replayers and a few CLI runs on bad
# inputs under valgrind (memcheck, --leak-check=full), and reports.
#
#   tools/valgrind.sh [BUILD_DIR]      default: build-valgrind (Debug, configured here)
#   VALGRIND_FILTER=test_reader tools/valgrind.sh   only runs whose name matches
#
# Each run's log goes to BUILD_DIR/valgrind/<name>.log; the script prints one
# line per run (ok / FAIL with the error summary) and exits 1 if any run had a
# memory error or a definite/indirect leak. Needs no ../shared data.
set -uo pipefail
orig=$(pwd)
cd "$(dirname "$0")/.."
src=$(pwd)
build=${1:-build-valgrind}
case $build in /*) ;; *) if [ $# -ge 1 ]; then build=$orig/$build; else build=$src/$build; fi ;; esac
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null || exit 2
fi
cmake --build "$build" -j"$(nproc)" >/dev/null || { echo "valgrind.sh: build failed" >&2; exit 2; }
logs="$build/valgrind"
mkdir -p "$logs"
bin="$build/arsenal"
mini="$src/tests/core/minirules"
filter=${VALGRIND_FILTER:-}
vg=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --track-origins=yes --num-callers=30)
fails=0 runs=0

# run NAME [STDIN_FILE] -- COMMAND...
run() {
  local name=$1; shift
  local input=/dev/null
  if [ "$1" != "--" ]; then input=$1; shift; fi
  shift
  [[ -n "$filter" && "$name" != *$filter* ]] && return 0
  runs=$((runs + 1))
  local log="$logs/$name.log"
  (cd "$src/tests" && "${vg[@]}" --log-file="$log" "$@" <"$input" >"$logs/$name.out" 2>"$logs/$name.err")
  local rc=$?
  if [ $rc -eq 99 ]; then
    fails=$((fails + 1))
    printf 'FAIL %-28s %s\n' "$name" "$(grep -E 'ERROR SUMMARY|definitely lost|indirectly lost' "$log" | sed 's/^==[0-9]*== //' | tr '\n' ' ')"
  else
    printf 'ok   %-28s (exit %d)\n' "$name" "$rc"
  fi
}

# unit tests (cmocka) and corpus replayers
for t in "$build"/tests/test_*; do
  [ -x "$t" ] && run "$(basename "$t")" -- "$t"
done
for t in "$build"/tests/fuzz/fuzz_*_replay; do
  n=$(basename "$t" _replay); n=${n#fuzz_}
  [ -x "$t" ] && run "replay_$n" -- "$t" "$src/tests/fuzz/corpus/$n"
done

# CLI runs on bad inputs
tmp=$(mktemp -d /tmp/arsenal-vg.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf 'Le Maroc a acquis des drones isra\xc3\xa9liens en 2021.\n' >"$tmp/good.txt"
printf 'Le Maroc \xff\xfe a acquis\0 des radars.\n' >"$tmp/bad.txt"
printf '\xff\xfeL\0e\0 \0M\0a\0r\0o\0c\0\n\0' >"$tmp/u16.txt"
: >"$tmp/empty.txt"
head -c 4096 /dev/urandom >"$tmp/blob.bin"
mkdir -p "$tmp/tree/sub" && cp "$tmp/good.txt" "$tmp/tree/a.txt" && ln -s .. "$tmp/tree/sub/up"
printf '{"id":"a","text":"Isra\xc3\xabl vendra des radars au Maroc."}\nnot json\n{"id":"b"}\n' >"$tmp/docs.jsonl"
printf 'id,text\n1,"Le Maroc a achet\xc3\xa9 des F-16."\n2,x,y\n3,"broken"x\n' >"$tmp/docs.csv"
run cli_extract_examples -- "$bin" extract --rules "$mini" "$src/examples/articles"
run cli_extract_bad_inputs -- "$bin" extract --rules "$mini" --summary "$tmp/good.txt" "$tmp/bad.txt" \
  "$tmp/u16.txt" "$tmp/empty.txt" "$tmp/blob.bin" "$tmp/missing.txt" "$tmp/docs.jsonl" "$tmp/docs.csv"
run cli_extract_symlinks -- "$bin" extract --rules "$mini" --follow-symlinks "$tmp/tree"
run cli_extract_stdin "$tmp/docs.jsonl" -- "$bin" extract --rules "$mini" -j 2 -
run cli_extract_limits -- "$bin" extract --rules "$mini" --max-doc-size 20 --max-deals 1 "$tmp/good.txt" "$tmp/docs.jsonl"
"$bin" extract --rules "$mini" "$src/examples/articles" >"$tmp/deals.jsonl" 2>/dev/null
printf 'not a deal\n' >>"$tmp/deals.jsonl"
run cli_merge -- "$bin" merge "$tmp/deals.jsonl"
run cli_build -- "$bin" build --rules "$mini" --deals "$tmp/deals.jsonl" -o "$tmp/g.graphml" -o "$tmp/g.json"
run cli_rules_bad -- "$bin" rules check "$src/tests/core/badrules"
run cli_rules_regex -- "$bin" extract --rules "$src/tests/robust/rules-regex" "$tmp/good.txt"

echo "valgrind: $runs run(s), $fails with memory errors or leaks (logs: $logs)"
[ $fails -eq 0 ]
