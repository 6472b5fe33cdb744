#!/usr/bin/env python3
"""CLI cases for `arsenal merge`, `arsenal build` and `arsenal stats`: exit
codes, outputs, bad deal lines reported as file:line, --strict, stdin,
order independence through the command. Standard library only."""
import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEALS = os.path.join(HERE, "deals.jsonl")
BAD = os.path.join(HERE, "bad.jsonl")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(arsenal, *args, stdin=None):
    return subprocess.run([arsenal, *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arsenal", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    A = a.arsenal
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)

    # ---- merge
    r = run(A, "merge", DEALS)
    check(r.returncode == 0, f"merge deals.jsonl exits 0 (got {r.returncode}: {r.stderr.strip()})")
    lines = r.stdout.splitlines()
    check(len(lines) == 9, f"merge prints 9 deals (got {len(lines)})")
    keys = []
    for l in lines:
        d = json.loads(l)
        keys.append((d["buyer"]["iso3"], (d["seller"] or {}).get("iso3") or ""))
    check(all(json.loads(l)["type"] == "deal" for l in lines), "every merged line is a deal")
    with open(DEALS, encoding="utf-8") as f:
        src = f.read().splitlines()
    random.seed(7)
    for i in range(3):
        random.shuffle(src)
        r2 = run(A, "merge", "-", stdin="\n".join(src) + "\n")
        check(r2.returncode == 0 and r2.stdout == r.stdout, f"merge of shuffled stdin #{i} gives the same bytes")
    half = len(src) // 2
    p1, p2 = os.path.join(a.work, "a.jsonl"), os.path.join(a.work, "b.jsonl")
    with open(p1, "w", encoding="utf-8") as f:
        f.write("\n".join(src[:half]) + "\n")
    with open(p2, "w", encoding="utf-8") as f:
        f.write("\n".join(src[half:]) + "\n")
    r3 = run(A, "merge", p2, p1)
    check(r3.returncode == 0 and r3.stdout == r.stdout, "merge of two files in any order gives the same bytes")
    r4 = run(A, "merge", stdin=r.stdout)
    check(r4.returncode == 0 and r4.stdout == r.stdout, "merge is idempotent (reads stdin without arguments)")

    r = run(A, "merge", BAD)
    check(r.returncode == 1, f"merge with bad lines exits 1 (got {r.returncode})")
    check(f"{BAD}:2:" in r.stderr and f"{BAD}:4:" in r.stderr, "bad lines reported as file:line")
    check(f"{BAD}:3:" not in r.stderr, "a record of another type is skipped silently")
    check(len(r.stdout.splitlines()) == 1, "the good line is still merged")
    r = run(A, "merge", "--strict", BAD)
    check(r.returncode == 5, f"merge --strict with bad lines exits 5 (got {r.returncode})")
    r = run(A, "merge", "-q", BAD)
    check(r.returncode == 1 and "bad.jsonl:2" not in r.stderr, "merge -q hides the messages, keeps exit 1")
    r = run(A, "merge", os.path.join(a.work, "missing.jsonl"))
    check(r.returncode == 4 and "missing.jsonl" in r.stderr, f"merge of a missing file exits 4 (got {r.returncode})")
    r = run(A, "merge", "--bogus")
    check(r.returncode == 2, f"merge with a bad option exits 2 (got {r.returncode})")
    r = run(A, "merge", "--help")
    check(r.returncode == 0 and "Usage: arsenal merge" in r.stdout, "merge --help")

    # ---- build
    out = os.path.join(a.work, "out")
    os.makedirs(out)
    r = run(A, "build", "--deals", DEALS, "-o", f"{out}/g.graphml", "-o", f"{out}/g.gexf", "-o", f"{out}/g.json",
            "-o", f"{out}/g.cyjs", "-o", f"{out}/g.dot", "-o", f"{out}/csv/")
    check(r.returncode == 0, f"build exits 0 (got {r.returncode}: {r.stderr.strip()})")
    for n in ("g.graphml", "g.gexf", "g.json", "g.cyjs", "g.dot", "csv/nodes.csv", "csv/edges.csv", "csv/register.csv"):
        check(os.path.getsize(os.path.join(out, n)) > 0, f"build wrote {n}")
    golden = os.path.join(HERE, "golden")
    for n, gname in (("g.graphml", "deals.graphml"), ("g.gexf", "deals.gexf"), ("g.json", "deals.json"),
                     ("g.dot", "deals.dot"), ("csv/register.csv", "csv/register.csv")):
        with open(os.path.join(out, n), "rb") as f1, open(os.path.join(golden, gname), "rb") as f2:
            check(f1.read() == f2.read(), f"build {n} equals the golden {gname}")
    r = run(A, "build", "--deals", DEALS, "--format", "graphml", "-o", f"{out}/forced.xml")
    check(r.returncode == 0 and open(f"{out}/forced.xml", encoding="utf-8").read().find("<graphml") > 0,
          "--format graphml with another extension")
    r = run(A, "build", "--deals", DEALS, "-o", f"{out}/g.unknown")
    check(r.returncode == 2 and "g.unknown" in r.stderr, f"unknown output extension exits 2 (got {r.returncode})")
    check(not os.path.exists(f"{out}/g.unknown"), "nothing written on a usage error")
    r = run(A, "build", "--deals", DEALS)
    check(r.returncode == 2, f"build without -o exits 2 (got {r.returncode})")
    r = run(A, "build", "--deals", DEALS, "--format", "xls", "-o", f"{out}/x")
    check(r.returncode == 2, f"build --format xls exits 2 (got {r.returncode})")
    r = run(A, "build", "--deals", BAD, "-o", f"{out}/bad.graphml")
    check(r.returncode == 1 and f"{BAD}:2:" in r.stderr, f"build with a bad deal line exits 1, reports file:line (got {r.returncode})")
    check(os.path.exists(f"{out}/bad.graphml"), "build still writes the graph of the good lines")
    r = run(A, "build", "--strict", "--deals", BAD, "-o", f"{out}/bad2.graphml")
    check(r.returncode == 5, f"build --strict with a bad line exits 5 (got {r.returncode})")
    r = run(A, "build", "--deals", DEALS, "-o", os.path.join(a.work, "no/such/dir/g.graphml"))
    check(r.returncode == 4, f"build into a missing directory exits 4 (got {r.returncode})")
    r = run(A, "build", "--deals", "-", "-o", f"{out}/stdin.json", stdin=open(DEALS, encoding="utf-8").read())
    check(r.returncode == 0 and open(f"{out}/stdin.json", "rb").read() == open(f"{out}/g.json", "rb").read(),
          "build --deals - reads stdin")
    r = run(A, "build", "--deals", DEALS, "-o", "-", "--format", "dot")
    check(r.returncode == 0 and r.stdout.startswith("digraph arsenal {"), "build -o - writes to stdout")

    # ---- stats
    r = run(A, "stats", DEALS)
    check(r.returncode == 0, f"stats exits 0 (got {r.returncode}: {r.stderr.strip()})")
    check("Top buyers by deals" in r.stdout and "Communities" in r.stdout, "stats prints its tables")
    first = [l for l in r.stdout.splitlines() if l.strip().startswith("1 ")]
    check(bool(first) and "Morocco" in first[0], "Morocco is the top buyer by deals")
    check("United States" in r.stdout and "USD 3787000000" in r.stdout, "stats lists suppliers with values")
    r2 = run(A, "stats", "-n", "2", DEALS)
    check(r2.returncode == 0 and len(r2.stdout) < len(r.stdout), "stats --top 2 prints less")
    r = run(A, "stats", BAD)
    check(r.returncode == 1 and f"{BAD}:4:" in r.stderr, f"stats with a bad line exits 1 (got {r.returncode})")
    r = run(A, "stats", "--top", "zero", DEALS)
    check(r.returncode == 2, f"stats --top zero exits 2 (got {r.returncode})")

    # ---- the picture in examples/ (linked from the README) shows the examples' supplier graph:
    # every node and edge of the DOT that build writes today is in the SVG, and nothing else
    ex = os.path.join(HERE, "..", "..", "examples")
    r = run(A, "build", "--deals", os.path.join(ex, "expected", "deals.jsonl"), "-o", "-", "--format", "dot")
    check(r.returncode == 0, f"build of the examples exits 0 (got {r.returncode})")
    want = set(re.findall(r'^\s*"([^"]+)" \[label', r.stdout, re.M))
    want |= {f"{a}->{b}" for a, b in re.findall(r'^\s*"([^"]+)" -> "([^"]+)"', r.stdout, re.M)}
    with open(os.path.join(ex, "supplier-graph.svg"), encoding="utf-8") as f:
        titles = {html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", f.read())} - {"arsenal"}
    check(want and titles == want, "examples/supplier-graph.svg is the supplier graph of the examples "
          f"(redraw: arsenal build --deals examples/expected/deals.jsonl -o g.dot && dot -Tsvg g.dot); "
          f"missing {sorted(want - titles)}, extra {sorted(titles - want)}")

    print(f"{len(failures)} failure(s)" if failures else "all CLI checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
