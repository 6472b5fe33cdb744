#!/usr/bin/env python3
"""Runs tests/extract/sentences.tsv through `arsenal extract` (one JSONL document
a row, one process) and checks each row's deals. See the file's header.

Usage: run_sentences.py ARSENAL_BINARY RULES_DIR TABLE
Exit 0 when every row passes, 1 otherwise (each failing row is printed)."""
import json
import subprocess
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def parse_expected(cell):
    if cell.strip() == "-":
        return []
    out = []
    for d in cell.split(" ; "):
        head, _, rest = d.strip().partition(" ")
        buyer, _, seller = head.partition("<")
        words = rest.split()
        status, qty, name = None, None, []
        for w in words:
            if w.startswith("qty="):
                qty = int(w[4:])
            elif w in ("interest", "negotiating", "approved", "ordered", "delivered", "cancelled"):
                status = w
            else:
                name.append(w)
        out.append({"buyer": buyer, "seller": None if seller == "?" else seller,
                    "system": " ".join(name), "status": status, "qty": qty})
    return out


def matches(e, d):
    names = {fold(d["system"].get("name")), fold(d["system"].get("canonical"))}
    return (d["buyer"]["iso3"] == e["buyer"]
            and ((d.get("seller") or {}).get("iso3")) == e["seller"]
            and fold(e["system"]) in names
            and (e["status"] is None or d["status"] == e["status"])
            and (e["qty"] is None or d.get("quantity") == e["qty"]))


def describe(d):
    return "%s<%s %s [%s] qty=%s" % (d["buyer"]["iso3"], (d.get("seller") or {}).get("iso3") or "?",
                                    d["system"]["name"], d["status"], d.get("quantity"))


def main():
    binary, rules, table = sys.argv[1:4]
    rows = []
    for n, line in enumerate(open(table, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 3:
            print(f"{table}:{n}: expected 3 tab-separated columns, got {len(f)}")
            return 1
        rows.append((n, f[0], f[1].replace("\\n", "\n\n"), parse_expected(f[2])))
    docs = "".join(json.dumps({"id": r[1], "text": r[2]}) + "\n" for r in rows)
    p = subprocess.run([binary, "extract", "--rules", rules, "-q", "-"], input=docs.encode(), capture_output=True)
    if p.returncode not in (0, 1):
        print("arsenal extract failed:", p.returncode, p.stderr.decode())
        return 1
    got = {}
    for l in p.stdout.decode().splitlines():
        d = json.loads(l)
        if d.get("type") == "deal":
            got.setdefault(d["sources"][0]["doc"], []).append(d)
    bad = 0
    for n, rid, text, want in rows:
        deals = list(got.get(rid, []))
        ok = len(deals) == len(want)
        for e in want:
            hit = next((d for d in deals if matches(e, d)), None)
            if hit is None:
                ok = False
            else:
                deals.remove(hit)
        if not ok:
            bad += 1
            print(f"{table}:{n}: {rid}: want {[describe_e(e) for e in want] or '-'}; got {[describe(d) for d in got.get(rid, [])] or '-'}")
    print(f"{len(rows) - bad} of {len(rows)} rows pass")
    return 1 if bad else 0


def describe_e(e):
    return "%s<%s %s [%s] qty=%s" % (e["buyer"], e["seller"] or "?", e["system"], e["status"], e["qty"])


if __name__ == "__main__":
    sys.exit(main())
