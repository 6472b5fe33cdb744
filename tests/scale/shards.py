#!/usr/bin/env python3
"""Map/reduce shape: `arsenal extract -` is a streaming mapper, `arsenal merge -`
its reducer. The corpus (the project's own texts: examples/articles and
tests/eval/docs, plus ../shared/seeds when present) goes through

    one run:   extract corpus.jsonl | merge
    sharded:   split into 4 shards; extract - < shard_i (each alone, as a mapper);
               all deal lines shuffled; merge - (the reducer)

and both must print the same bytes. Also: the concatenated mapper outputs hold
the same deals as one extract run, merging partial merges (a combiner, or
several reducers followed by one final merge) gives the same bytes, and -j 2
prints what -j 1 prints.

    shards.py ARSENAL_BINARY SOURCE_DIR
"""
import json
import os
import random
import subprocess
import sys
import tempfile


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit(f"FAIL: {' '.join(cmd)} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout


def main():
    binary, src = sys.argv[1], sys.argv[2]
    dirs = [os.path.join(src, "examples/articles"), os.path.join(src, "tests/eval/docs"),
            os.path.join(src, "..", "shared", "seeds")]
    docs = []
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    docs.append({"id": os.path.relpath(os.path.join(d, name), src), "text": f.read()})
    lines = [json.dumps(d, ensure_ascii=False).encode() + b"\n" for d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        with open(corpus, "wb") as f:
            f.writelines(lines)
        one = run([binary, "extract", "-q", corpus])
        reference = run([binary, "merge", "-q", "-"], one)
        if not one.strip() or not reference.strip():
            sys.exit("FAIL: the corpus gave no deals")
        if run([binary, "extract", "-q", "-j", "2", corpus]) != one:
            sys.exit("FAIL: extract -j 2 differs from -j 1")
        rnd = random.Random(6)
        for trial in range(3):
            order = list(range(len(lines)))
            rnd.shuffle(order)
            shards = [[lines[i] for i in order[k::4]] for k in range(4)]
            mapped = []
            for s in shards:
                mapped += run([binary, "extract", "-q", "-"], b"".join(s)).splitlines(keepends=True)
            if sorted(mapped) != sorted(one.splitlines(keepends=True)):
                sys.exit(f"FAIL (trial {trial}): the shards' deals are not the deals of one run")
            rnd.shuffle(mapped)
            reduced = run([binary, "merge", "-q", "-"], b"".join(mapped))
            if reduced != reference:
                sys.exit(f"FAIL (trial {trial}): merged shards differ from one run")
            # merge as a combiner: per-shard merges, then a final merge (several reducers)
            parts = [run([binary, "merge", "-q", "-"], b"".join(mapped[k::3])) for k in range(3)]
            if run([binary, "merge", "-q", "-"], b"".join(reversed(parts))) != reference:
                sys.exit(f"FAIL (trial {trial}): merging partial merges differs from one merge")
        print(f"ok: {len(docs)} documents, {len(one.splitlines())} deals, "
              f"{len(reference.splitlines())} merged; 4 shards x 3 shuffles identical")


if __name__ == "__main__":
    main()
