#!/usr/bin/env python3
"""Synthetic deals for the merge/graph benchmark.

    gen_deals.py N RULES_DIR TEMPLATES.jsonl... > deals.jsonl

Each deal is a real extracted deal (a template) with its buyer, seller,
system, status, dates and source document replaced from pools: the countries
of RULES_DIR/countries.csv and N/20 synthetic systems, so about a third of
the deals share a (buyer, seller, system, kind) key with another one and
merge has real work to do. Deterministic (fixed seed)."""
import copy
import csv
import json
import random
import sys


def main():
    n = int(sys.argv[1])
    rules = sys.argv[2]
    templates = []
    for path in sys.argv[3:]:
        with open(path, encoding="utf-8") as f:
            templates += [json.loads(line) for line in f if line.strip()]
    if not templates:
        sys.exit("gen_deals.py: no template deals")
    with open(f"{rules}/countries.csv", encoding="utf-8") as f:
        countries = [(r["name"], r["iso3"]) for r in csv.DictReader(f)]
    rnd = random.Random(6)
    categories = sorted({t["system"]["category"] for t in templates if t.get("system")})
    nsys = max(50, n // 20)
    systems = [{"name": f"Bench-{k}", "canonical": f"Bench-{k}", "category": categories[k % len(categories)],
                "family": f"Bench-{k // 10}", "generic": False} for k in range(nsys)]
    statuses = ["interest", "negotiating", "approved", "ordered", "delivered"]
    # a small set of frequent pairs, as in real news: most trade is between few countries
    pairs = [(rnd.choice(countries), rnd.choice(countries)) for _ in range(max(100, n // 50))]
    out = sys.stdout
    for i in range(n):
        d = copy.deepcopy(templates[i % len(templates)])
        (bn, bi), (sn, si) = pairs[rnd.randrange(len(pairs))]
        if bi == si:
            (sn, si) = countries[(countries.index((sn, si)) + 1) % len(countries)]
        d["buyer"] = {"name": bn, "iso3": bi}
        d["seller"] = {"name": sn, "iso3": si}
        d["supplier"] = None
        d["system"] = dict(systems[int(rnd.paretovariate(1.2) * 7) % nsys])
        d["status"] = statuses[rnd.randrange(len(statuses))]
        y = 2000 + rnd.randrange(26)
        d["date"] = f"{y}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
        d["quantity"] = rnd.choice([None, 1 + rnd.randrange(200)])
        d["id"] = f"{i:016x}"
        for s in d.get("sources", []):
            s["doc"] = f"bench/doc-{i // 3}.txt"
            s["status"] = d["status"]
            s["doc_date"] = d["date"]
            if d["quantity"] is None:
                s.pop("quantity", None)
            else:
                s["quantity"] = d["quantity"]
        out.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
