#!/usr/bin/env python3
"""Runs one CLI test case file against the arsenal binary.

A case file is a list of directives, one per line ('#' starts a comment):

  args: extract --rules @MINIRULES@ -     command line (shell-like quoting)
  exit: 0                                 expected exit code
  stdin: <<<                              standard input, until a line '>>>'
  stdout: <<<                             exact standard output, until '>>>'
  stdout-contains: TEXT                   a substring of stdout (repeatable)
  stdout-not-contains: TEXT
  stderr-contains: TEXT                   a substring of stderr (repeatable)
  stderr: <<<                             exact standard error, until '>>>'
  stdout-lines: N                         number of output lines
  stdout-jsonl: yes                       every stdout line is a JSON object
  jsonl-some: buyer.iso3=DZA status=ordered   some stdout line (a JSON object) has
                                          every FIELD=VALUE (dotted paths; values
                                          compared as text, null as "null"; repeatable)
  jsonl-every: seller.iso3=ISR            every stdout line has them (and there is one)
  jsonl-none: seller.iso3=USA             no stdout line has them all
  env: NAME=VALUE                         extra environment (repeatable)

Placeholders: @MINIRULES@ (tests/core/minirules), @RULES@ (rules/),
@TESTS@ (tests/), @SHARED@ (../shared), @EXAMPLES@ (examples/).
Exit code 77 (skipped) when a case needs @SHARED@ and it is absent.
"""
import json
import os
import shlex
import subprocess
import sys


def parse(path):
    case = {"contains": [], "not_contains": [], "err_contains": [], "env": {},
            "jsonl-some": [], "jsonl-every": [], "jsonl-none": []}
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.startswith("#"):
            continue
        key, _, val = line.partition(":")
        val = val[1:] if val.startswith(" ") else val
        if val == "<<<":
            block = []
            while i < len(lines) and lines[i] != ">>>":
                block.append(lines[i])
                i += 1
            i += 1
            val = "\n".join(block) + ("\n" if block else "")
        if key == "stdout-contains":
            case["contains"].append(val)
        elif key == "stdout-not-contains":
            case["not_contains"].append(val)
        elif key == "stderr-contains":
            case["err_contains"].append(val)
        elif key in ("jsonl-some", "jsonl-every", "jsonl-none"):
            case[key].append(val)
        elif key == "env":
            k, _, v = val.partition("=")
            case["env"][k] = v
        else:
            case[key] = val
    return case


def field_text(obj, path):
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    if obj is None:
        return "null"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    return str(obj)


def jsonl_matches(out, spec):
    """The stdout lines that have every FIELD=VALUE of spec."""
    want = [tuple(w.split("=", 1)) for w in shlex.split(spec)]
    rows = []
    for line in out.splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            rows.append(None)
    return rows, [r for r in rows if isinstance(r, dict) and all(field_text(r, k) == v for k, v in want)]


def main():
    binary, path = sys.argv[1], sys.argv[2]
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    shared = os.path.abspath(os.path.join(root, "..", "shared"))
    subst = {"@MINIRULES@": os.path.join(root, "tests", "core", "minirules"),
             "@RULES@": os.path.join(root, "rules"), "@TESTS@": os.path.join(root, "tests"),
             "@SHARED@": shared, "@EXAMPLES@": os.path.join(root, "examples")}
    case = parse(path)
    raw = case.get("args", "")
    if "@SHARED@" in raw and not os.path.isdir(shared):
        print(f"skipped: {shared} is absent")
        return 77
    for k, v in subst.items():
        raw = raw.replace(k, v)
    argv = [binary] + shlex.split(raw)
    env = dict(os.environ)
    env.update(case["env"])
    env.pop("ARSENAL_RULES", None) if "ARSENAL_RULES" not in case["env"] else None
    p = subprocess.run(argv, input=case.get("stdin", "").encode(), capture_output=True, env=env, cwd=root)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    problems = []
    want = int(case.get("exit", "0"))
    if p.returncode != want:
        problems.append(f"exit code {p.returncode}, expected {want}")
    if "stdout" in case and out != case["stdout"]:
        problems.append("stdout differs:\n--- expected\n" + case["stdout"] + "--- got\n" + out)
    if "stderr" in case and err != case["stderr"]:
        problems.append("stderr differs:\n--- expected\n" + case["stderr"] + "--- got\n" + err)
    for s in case["contains"]:
        if s not in out:
            problems.append(f"stdout lacks: {s}")
    for s in case["not_contains"]:
        if s in out:
            problems.append(f"stdout has: {s}")
    for s in case["err_contains"]:
        if s not in err:
            problems.append(f"stderr lacks: {s}")
    if "stdout-lines" in case and len(out.splitlines()) != int(case["stdout-lines"]):
        problems.append(f"{len(out.splitlines())} stdout lines, expected {case['stdout-lines']}")
    if case.get("stdout-jsonl") == "yes":
        for n, l in enumerate(out.splitlines(), 1):
            try:
                if not isinstance(json.loads(l), dict):
                    raise ValueError("not an object")
            except ValueError as e:
                problems.append(f"stdout line {n} is not a JSON object: {e}")
    for spec in case["jsonl-some"]:
        if not jsonl_matches(out, spec)[1]:
            problems.append(f"no stdout line has {spec}")
    for spec in case["jsonl-every"]:
        rows, hits = jsonl_matches(out, spec)
        if not rows or len(hits) != len(rows):
            problems.append(f"{len(rows) - len(hits)} of {len(rows)} stdout lines lack {spec}")
    for spec in case["jsonl-none"]:
        hits = jsonl_matches(out, spec)[1]
        if hits:
            problems.append(f"{len(hits)} stdout line(s) have {spec}")
    if problems:
        print("FAILED " + os.path.basename(path) + ": " + " ".join(shlex.quote(a) for a in argv))
        print("\n".join(problems))
        print("--- stderr\n" + err)
        return 1
    print("ok " + os.path.basename(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
