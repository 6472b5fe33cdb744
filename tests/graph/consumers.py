#!/usr/bin/python3
"""Consumer checks: the files `arsenal build` writes are read by the tools
people use with them.

  networkx   read_graphml, read_gexf, node_link_graph
  igraph     Graph.Read_GraphML (python-igraph)
  xmllint    --schema ../shared/schemas/graphml/graphml.xsd
  jing       -c ../shared/schemas/gexf-1.3/gexf.rnc

Runs on tests/graph/deals.jsonl and on tests/graph/nasty.jsonl (markup,
quotes, control characters, bidi marks, formula injection). Exit 77 (CTest
SKIP_RETURN_CODE) when a tool, a Python module or ../shared is missing.
Use Debian's /usr/bin/python3 (python3-networkx, python3-igraph).
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))


def skip(msg):
    print(f"SKIP: {msg}")
    sys.exit(SKIP)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arsenal", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()

    try:
        import networkx as nx
        import igraph
    except ImportError as e:
        skip(f"python module missing ({e}); run with Debian's /usr/bin/python3 "
             "(apt install python3-networkx python3-igraph)")
    for tool in ("xmllint", "jing"):
        if not shutil.which(tool):
            skip(f"{tool} not installed")
    graphml_xsd = os.path.join(a.shared, "schemas/graphml/graphml.xsd")
    gexf_rnc = os.path.join(a.shared, "schemas/gexf-1.3/gexf.rnc")
    if not (os.path.exists(graphml_xsd) and os.path.exists(gexf_rnc)):
        skip(f"schemas not found under {a.shared} (../shared is absent)")

    # networkx < 3.0 only knows GEXF 1.1draft / 1.2draft namespaces; 1.3 is read
    # the same way (networkx 3 registers exactly this entry itself)
    from networkx.readwrite import gexf as nxgexf
    if "1.3" not in nxgexf.GEXF.versions:
        nxgexf.GEXF.versions["1.3"] = {
            "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"}

    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
            print(f"FAIL: {what}")

    os.makedirs(a.work, exist_ok=True)
    for name in ("deals", "nasty"):
        src = os.path.join(HERE, f"{name}.jsonl")
        out = os.path.join(a.work, name)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        files = {ext: os.path.join(out, f"g.{ext}") for ext in ("graphml", "gexf", "json", "cyjs", "dot")}
        cmd = [a.arsenal, "build", "--deals", src] + sum((["-o", p] for p in files.values()), []) + ["-o", out + "/csv/"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        check(r.returncode == 0, f"{name}: arsenal build exit {r.returncode}: {r.stderr}")
        if r.returncode:
            continue
        deals = [json.loads(l) for l in subprocess.run([a.arsenal, "merge", src], capture_output=True,
                                                          text=True, check=True).stdout.splitlines()]

        r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", graphml_xsd, files["graphml"]],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"{name}: xmllint --schema: {r.stderr.strip()}")
        r = subprocess.run(["jing", "-c", gexf_rnc, files["gexf"]], capture_output=True, text=True)
        check(r.returncode == 0, f"{name}: jing: {r.stdout.strip()}")
        if shutil.which("dot"):
            r = subprocess.run(["dot", "-Tsvg", "-o", os.devnull, files["dot"]], capture_output=True, text=True)
            check(r.returncode == 0, f"{name}: dot: {r.stderr.strip()}")

        g1 = nx.read_graphml(files["graphml"])
        g2 = nx.read_gexf(files["gexf"])
        with open(files["json"], encoding="utf-8") as f:
            g3 = nx.node_link_graph(json.load(f))
        with open(files["cyjs"], encoding="utf-8") as f:
            g4 = nx.cytoscape_graph(json.load(f))
        ig = igraph.Graph.Read_GraphML(files["graphml"])
        n, m = g3.number_of_nodes(), g3.number_of_edges()
        check(n > 0 and m > 0, f"{name}: empty node-link graph")
        for label, g in (("graphml", g1), ("gexf", g2), ("cyjs", g4)):
            check(g.number_of_nodes() == n, f"{name}: {label} has {g.number_of_nodes()} nodes, node-link {n}")
            check(g.number_of_edges() == m, f"{name}: {label} has {g.number_of_edges()} edges, node-link {m}")
        check(ig.vcount() == n and ig.ecount() == m, f"{name}: igraph read {ig.vcount()}/{ig.ecount()}, expected {n}/{m}")
        check(g3.is_directed() and g3.is_multigraph(), f"{name}: node-link graph not a directed multigraph")
        # one buys edge per merged deal, with its figures
        buys = [d for _, _, d in g1.edges(data=True) if d.get("type") == "buys"]
        check(len(buys) == len(deals), f"{name}: {len(buys)} buys edges for {len(deals)} deals")
        for node, d in g1.nodes(data=True):
            check(isinstance(d.get("label"), str) and d.get("type") in ("country", "company", "system"),
                  f"{name}: node {node} lacks label/type")
            check(isinstance(d.get("pagerank"), float), f"{name}: pagerank of {node} not a double")
            check(isinstance(d.get("community"), int), f"{name}: community of {node} not an int")
        check(all("label" in d for _, _, d in g1.edges(data=True)), f"{name}: an edge without label")
        check(sorted(ig.vs["id"]) == sorted(g1.nodes), f"{name}: igraph ids differ")
        check("pagerank" in ig.vs.attributes() and "type" in ig.es.attributes(), f"{name}: igraph attributes missing")
        # GEXF: spells and viz
        spelled = [d for _, d in g2.nodes(data=True) if d.get("spells")]
        check(len(spelled) > 0, f"{name}: no GEXF node spells")
        check(all("viz" in d and "color" in d["viz"] and "size" in d["viz"] for _, d in g2.nodes(data=True)),
              f"{name}: GEXF viz missing")
        # labels round-trip byte for byte through every reader
        for node, d in g1.nodes(data=True):
            check(g2.nodes[node].get("label") == d["label"], f"{name}: GEXF label of {node} differs")
            check(g3.nodes[node].get("label") == d["label"], f"{name}: JSON label of {node} differs")
        # CSV: Gephi columns and formula neutralisation
        with open(os.path.join(out, "csv/nodes.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        check(rows[0][:3] == ["Id", "Label", "Type"] and rows[0][-1] == "Timeset", f"{name}: nodes.csv header {rows[0][:3]}")
        check(len(rows) == n + 1, f"{name}: nodes.csv has {len(rows) - 1} rows, expected {n}")
        with open(os.path.join(out, "csv/edges.csv"), newline="", encoding="utf-8") as f:
            erows = list(csv.reader(f))
        check(erows[0][:8] == ["Source", "Target", "Type", "Kind", "Weight", "Label", "Id", "Timeset"],
              f"{name}: edges.csv header {erows[0][:8]}")
        check(len(erows) == m + 1, f"{name}: edges.csv has {len(erows) - 1} rows, expected {m}")
        with open(os.path.join(out, "csv/register.csv"), newline="", encoding="utf-8") as f:
            rrows = list(csv.reader(f))
        check(rrows[0][:4] == ["Recipient", "Supplier", "Year of order", "Number ordered"], f"{name}: register header")
        check(len(rrows) == len(deals) + 1, f"{name}: register.csv has {len(rrows) - 1} rows for {len(deals)} deals")
        for table in (rows, erows, rrows):
            for row in table[1:]:
                for cell in row:
                    if cell and cell[0] in "=+@\t\r" or (cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit()):
                        check(False, f"{name}: unneutralised CSV cell {cell!r}")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all consumer checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
