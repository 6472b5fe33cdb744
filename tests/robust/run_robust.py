#!/usr/bin/env python3
"""Robustness cases for the arsenal command: one bad-input class per case.

  run_robust.py ARSENAL SRC_DIR CASE      run one case (exit 0 pass, 1 fail, 77 skip)
  run_robust.py ARSENAL SRC_DIR --all     run every case
  run_robust.py --list                    print the case names

Every case builds its inputs in a fresh temporary directory, runs the command
and asserts the message (file[:line]: reason), the counts of the summary
line, and the exit code (0 clean, 1 skips, 2 usage, 3 rules, 4 I/O,
5 --strict with skips). Rules: tests/core/minirules, so the cases do not
depend on the big gazetteers. Example sentences are written here, not copied.
"""
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile

ARSENAL = SRC = MINI = None
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


class Skip(Exception):
    pass


class Fail(Exception):
    pass


# Runs argv[2:] and writes its peak RSS (kB) to the file argv[1]: a fresh
# process per measured run, since RUSAGE_CHILDREN keeps the maximum of all.
PEAK_WRAPPER = """
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:], restore_signals=False)  # keep SIGXFSZ ignored
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc if rc >= 0 else 128 - rc)
"""


def run(args, stdin=b"", cwd=None, limits=None, stdout_path=None):
    """Runs arsenal; returns (exit code, stdout text, stderr text, peak RSS in kB)."""
    def pre():
        if limits:
            for res, val in limits:
                resource.setrlimit(res, (val, val))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    fd, peak_file = tempfile.mkstemp(prefix="arsenal-peak-")
    os.close(fd)
    out_f = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    try:
        p = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, peak_file, ARSENAL] + args, input=stdin,
                           stdout=out_f, stderr=subprocess.PIPE, cwd=cwd, preexec_fn=pre, timeout=900)
        peak = int(open(peak_file).read() or 0)
    finally:
        if stdout_path:
            out_f.close()
        os.unlink(peak_file)
    out = p.stdout.decode("utf-8", "replace") if p.stdout is not None else ""
    return p.returncode, out, p.stderr.decode("utf-8", "replace"), peak


def expect(cond, what, detail=""):
    if not cond:
        raise Fail(what + ("\n" + detail if detail else ""))


def expect_rc(rc, want, err):
    expect(rc == want, "exit code %d, expected %d" % (rc, want), "stderr:\n" + err)


def expect_in(needle, hay, where="stderr"):
    expect(needle in hay, "%s lacks %r" % (where, needle), "%s:\n%s" % (where, hay))


def expect_summary(err, read, files, records):
    m = re.search(r"read (\d+) documents? .*skipped (\d+) files? and (\d+) records?", err)
    expect(m is not None, "no summary line", err)
    got = tuple(int(x) for x in m.groups())
    expect(got == (read, files, records), "summary counts %s, expected %s" % (got, (read, files, records)), err)


def sanitized():
    """ASan/valgrind-style builds use several times the memory: skip bounds there."""
    with open(ARSENAL, "rb") as f:
        return b"__asan_init" in f.read()


def expect_peak(peak_kb, bound_kb, what):
    if sanitized():
        raise Skip("memory bound not checked on a sanitizer build (%s: peak %d kB)" % (what, peak_kb))
    expect(peak_kb < bound_kb, "%s: peak %d kB, bound %d kB" % (what, peak_kb, bound_kb))


def extract(args, **kw):
    return run(["extract", "--rules", MINI] + args, **kw)


def write(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


DEAL_FR = "Le Maroc a acquis des drones israéliens.\n"


# ---- bad documents -------------------------------------------------------

@case
def invalid_utf8(d):
    p = write(d + "/bad.txt", b"Le Maroc a acquis \xff\xfe des drones \xc3 israeliens.\n")
    rc, out, err, _ = extract(["--summary", p])
    expect_rc(rc, 0, err)   # read, not skipped
    expect_in(p + ": note: read with 3 invalid UTF-8 sequences", err)
    expect_in('"iso3":"MAR"', out, "stdout")
    expect_summary(err, 1, 0, 0)
    expect_in("3 invalid UTF-8 sequences replaced", err)


@case
def nul_bytes(d):
    p = write(d + "/nul.txt", b"Le Maroc a acquis\x00des drones israeliens.\n")
    rc, out, err, _ = extract([p])
    expect_rc(rc, 0, err)
    expect_in(p + ": note: read with 1 NUL byte (matched as spaces)", err)
    expect_in('"iso3":"MAR"', out, "stdout")


@case
def utf16_bom(d):
    le = write(d + "/le.txt", b"\xff\xfe" + DEAL_FR.encode("utf-16-le"))
    be = write(d + "/be.txt", b"\xfe\xff" + DEAL_FR.encode("utf-16-be"))
    rc, out, err, _ = extract([le, be])
    expect_rc(rc, 0, err)
    expect_in(le + ": note: converted from UTF-16 to UTF-8", err)
    expect_in(be + ": note: converted from UTF-16 to UTF-8", err)
    expect(out.count('"iso3":"MAR"') == 2, "expected a deal from each UTF-16 file", out)


@case
def utf16_no_bom(d):
    p = write(d + "/nobom.txt", DEAL_FR.encode("utf-16-le"))
    rc, out, err, _ = extract([p])
    expect_rc(rc, 1, err)
    expect_in(p + ": warning: skipped: looks like a binary file (UTF-16 without a byte order mark?)", err)


@case
def empty_file(d):
    e = write(d + "/empty.txt", b"")
    j = write(d + "/empty.jsonl", b"")
    g = write(d + "/good.txt", DEAL_FR)
    rc, out, err, _ = extract([e, j, g])
    expect_rc(rc, 1, err)
    expect_in(e + ": warning: skipped: empty file", err)
    expect_in(j + ": warning: skipped: empty file", err)
    expect_summary(err, 1, 2, 0)
    expect_in("skipped by reason: empty 2", err)
    expect_in('"iso3":"MAR"', out, "stdout")   # the run went on
    rc, out, err, _ = extract(["--strict", e, g])
    expect_rc(rc, 5, err)


@case
def empty_stdin(d):
    rc, out, err, _ = extract(["-"], stdin=b"")
    expect_rc(rc, 1, err)
    expect_in("<stdin>: warning: skipped: empty file", err)


@case
def binary_file(d):
    b = write(d + "/image.png", bytes(range(256)) * 64)
    rc, out, err, _ = extract([b, write(d + "/good.txt", DEAL_FR)])
    expect_rc(rc, 1, err)
    expect_in(b + ": warning: skipped: looks like a binary file", err)
    expect_summary(err, 1, 1, 0)
    expect_in("skipped by reason: binary 1", err)


@case
def unreadable_paths(d):
    missing = d + "/missing.txt"
    fifo = d + "/fifo"
    os.mkfifo(fifo)
    dangling = d + "/dangling.txt"
    os.symlink(d + "/nowhere", dangling)
    rc, out, err, _ = extract([missing, fifo, dangling, write(d + "/good.txt", DEAL_FR)])
    expect_rc(rc, 1, err)
    expect_in(missing + ": warning: skipped: No such file or directory", err)
    expect_in(fifo + ": warning: skipped: not a regular file", err)
    expect_in(dangling + ": warning: skipped: No such file or directory", err)
    expect_summary(err, 1, 3, 0)
    expect_in("unreadable 2", err)
    expect_in("not-a-file 1", err)
    if os.geteuid() != 0:   # root reads anything: the permission case needs a normal user
        locked = write(d + "/locked.txt", DEAL_FR)
        os.chmod(locked, 0)
        rc, out, err, _ = extract([locked])
        expect_rc(rc, 1, err)
        expect_in(locked + ": warning: skipped: Permission denied", err)


@case
def symlink_loop(d):
    root = d + "/tree"
    write(root + "/a.txt", DEAL_FR)
    write(root + "/sub/b.txt", "Israël vendra des radars au Maroc.\n")
    os.symlink("..", root + "/sub/up")          # a loop
    os.symlink(root + "/sub", root + "/twin")   # a second way into sub
    # default: links to directories are not followed (one message each)
    rc, out, err, _ = extract([root])
    expect_rc(rc, 1, err)
    expect_in(root + "/sub/up: warning: skipped: symbolic link to a directory (not followed", err)
    expect_in(root + "/twin: warning: skipped: symbolic link to a directory", err)
    expect_summary(err, 2, 2, 0)
    expect_in("symlink-dir 2", err)
    # --follow-symlinks: followed, the loop is detected, nothing is read twice
    rc, out, err, _ = extract(["--follow-symlinks", root])
    expect_rc(rc, 1, err)
    expect_in(root + "/sub/up: warning: skipped: directory already visited (symlink loop", err)
    expect_in(root + "/twin: warning: skipped: directory already visited", err)
    expect_summary(err, 2, 2, 0)
    expect_in("symlink-loop 2", err)


@case
def huge_single_line(d):
    """A 200 MB single line: skipped by the default 64 MiB limit with the
    limit named; accepted under --max-doc-size; the reader reads it with one
    allocation of its size (peak memory checked on a 40 MB line that is
    extracted, since extraction of 200 MB takes minutes in a debug build)."""
    big = d + "/big.txt"
    with open(big, "wb") as f:
        chunk = b"un communique du ministere sans rapport avec la defense; " * 10000
        while f.tell() < 200 * 1000 * 1000:
            f.write(chunk)
    size = os.path.getsize(big)
    rc, out, err, peak = extract([big, write(d + "/good.txt", DEAL_FR)])
    expect_rc(rc, 1, err)
    expect_in("%s: warning: skipped: %d bytes is over the document size limit of 67108864 (--max-doc-size)" % (big, size), err)
    expect_summary(err, 1, 1, 0)
    expect_in("too-large 1", err)
    rc2, out, err2, _ = extract(["--strict", big])
    expect_rc(rc2, 5, err2)
    # the same on stdin: read up to the limit, then drained
    rc2, out, err2, _ = extract(["--max-doc-size", "1M", "-"], stdin=b"x" * (3 << 20))
    expect_rc(rc2, 1, err2)
    expect_in("<stdin>: warning: skipped: 3145728 bytes is over the document size limit of 1048576 (--max-doc-size)", err2)
    expect_peak(peak, 100 * 1024, "a skipped 200 MB file must not be read")


@case
def big_line_memory(d):
    """A 40 MB single-line document is extracted (limit raised) and the peak
    memory of the whole run stays bounded: the reader costs ~1x, the text layer
    and matcher the rest; the bound is generous (24x) and catches blow-ups."""
    p = d + "/line.txt"
    with open(p, "wb") as f:
        f.write(b"le ministere a publie un communique sans rapport avec la defense, " * 600000)
    size = os.path.getsize(p)
    rc, out, err, peak = extract(["--max-doc-size", "64M", "--summary", p])
    expect_rc(rc, 0, err)
    expect_summary(err, 1, 0, 0)
    expect_peak(peak, 24 * size // 1024, "a %d byte single-line document" % size)


@case
def hostile_country_names(d):
    """1 million country names ("Maroc Israël " repeated, 14 MB): memory
    must stay under 1 GB (VmHWM of the run)."""
    p = write(d + "/names.txt", "Maroc Israël " * 1000000)
    rc, out, err, peak = extract(["--summary", p])
    expect(rc in (0, 1), "exit code %d" % rc, err)
    expect_summary(err, 1, 0, 0)
    expect_peak(peak, 1024 * 1024, "%d bytes of country names" % os.path.getsize(p))


@case
def max_doc_size(d):
    small = write(d + "/small.txt", DEAL_FR)
    rc, out, err, _ = extract(["--max-doc-size", "10", small])
    expect_rc(rc, 1, err)
    expect_in("%s: warning: skipped: %d bytes is over the document size limit of 10 (--max-doc-size)"
              % (small, len(DEAL_FR.encode())), err)
    j = write(d + "/docs.jsonl", '{"id":"big","text":"%s"}\n{"id":"ok","text":"Maroc."}\n' % DEAL_FR.strip())
    rc, out, err, _ = extract(["--max-doc-size", "20", j])
    expect_rc(rc, 1, err)
    expect_in(j + ":1: warning: skipped record: text of %d bytes is over the document size limit of 20 (--max-doc-size)"
              % len(DEAL_FR.strip().encode()), err)
    expect_summary(err, 1, 0, 1)
    for bad in ("-5", "abc", "12Q", "0", "99999999999G"):
        rc, out, err, _ = extract(["--max-doc-size", bad, small])
        expect_rc(rc, 2, err)
        expect_in("--max-doc-size", err)


@case
def max_deals(d):
    text = "".join("Le Maroc a acquis des %s israéliens. " % w for w in ("drones", "radars", "missiles"))
    p = write(d + "/many.txt", text)
    rc, out, err, _ = extract([p])
    n_all = len(out.splitlines())
    expect(n_all >= 2, "the fixture must give at least 2 deals (got %d)" % n_all, out)
    rc, out, err, _ = extract(["--max-deals", "1", "--summary", p])
    expect_rc(rc, 0, err)
    expect(len(out.splitlines()) == 1, "--max-deals 1 printed %d deals" % len(out.splitlines()), out)
    expect_in("more than 1 deals in one document: the rest were dropped", err)
    expect_in("--max-deals reached in 1 document", err)
    for bad in ("0", "-1", "x"):
        rc, out, err, _ = extract(["--max-deals", bad, p])
        expect_rc(rc, 2, err)
        expect_in("--max-deals: not a positive number", err)


# ---- bad records -------------------------------------------------------

@case
def jsonl_bad_records(d):
    p = write(d + "/docs.jsonl",
              '{"id":"a1","text":"Israël vendra des radars au Maroc."}\n'
              'this is not json\n'
              '{"id":"a2","body":"no text here"}\n'
              '{"id":"a3","text":42}\n'
              '[1,2,3]\n'
              '\n'
              '{"id":"a4","text":"Rien à signaler."}\n'
              '{"id":"a5","text":"unterminated\n')
    rc, out, err, _ = extract([p])
    expect_rc(rc, 1, err)
    expect_in(p + ":2: warning: skipped record: not a JSON object", err)
    expect_in(p + ':3: warning: skipped record: no string field "text"', err)
    expect_in(p + ':4: warning: skipped record: no string field "text"', err)
    expect_in(p + ":5: warning: skipped record: not a JSON object", err)
    expect_in(p + ":8: warning: skipped record: not a JSON object", err)
    expect_summary(err, 2, 0, 5)
    expect_in("bad-json 3, no-text 2", err)
    expect_in('"doc":"a1"', out, "stdout")
    rc, out, err, _ = extract(["--strict", p])
    expect_rc(rc, 5, err)
    # the same on stdin, streamed
    rc, out, err, _ = extract(["-"], stdin=open(p, "rb").read())
    expect_rc(rc, 1, err)
    expect_in("<stdin>:2: warning: skipped record: not a JSON object", err)
    expect_summary(err, 2, 0, 5)


@case
def jsonl_bom_and_crlf(d):
    p = write(d + "/win.jsonl", b'\xef\xbb\xbf{"id":"w1","text":"Le Maroc a acquis des drones isra\xc3\xa9liens."}\r\n{"id":"w2","text":"x"}\r\n')
    rc, out, err, _ = extract(["--summary", p])
    expect_rc(rc, 0, err)
    expect_summary(err, 2, 0, 0)
    expect_in('"doc":"w1"', out, "stdout")


@case
def csv_bad_rows(d):
    p = write(d + "/docs.csv",
              'id,text,date\n'
              'c1,"Israël vendra des radars au Maroc.",2023-05-02\n'
              'c2,too,many,columns\n'
              'c3\n'
              'c4,"Rien à signaler.",\n')
    rc, out, err, _ = extract([p])
    expect_rc(rc, 1, err)
    expect_in(p + ":3: warning: skipped row: 4 columns, the header has 3", err)
    expect_in(p + ":4: warning: skipped row: 1 column, the header has 3", err)
    expect_summary(err, 2, 0, 2)
    expect_in("bad-row 2", err)
    rc, out, err, _ = extract(["--strict", p])
    expect_rc(rc, 5, err)
    nocol = write(d + "/nocol.csv", "id,body\n1,hello\n")
    rc, out, err, _ = extract([nocol])
    expect_rc(rc, 1, err)
    expect_in(nocol + ':1: warning: skipped file: the header has no "text" column', err)
    quote = write(d + "/quote.csv", 'id,text\nq1,"fine"\nq2,"broken"x\n')
    rc, out, err, _ = extract([quote])
    expect_rc(rc, 1, err)
    expect_in(quote + ":3: warning: malformed CSV", err)
    expect_in("bad-csv 1", err)


@case
def deal_file_bad_records(d):
    rc, out, err, _ = extract([write(d + "/a.txt", DEAL_FR)])
    expect_rc(rc, 0, err)
    good = out.splitlines()[0]
    p = write(d + "/deals.jsonl", "\n".join([
        good,
        "not json at all",
        good.replace('"buyer":', '"buyer_":'),        # a deal without its buyer
        '{"type":"deal","id":"x"}',                   # most fields missing
        good]) + "\n")
    rc, out, err, _ = run(["merge", p])
    expect_rc(rc, 1, err)
    expect_in(p + ":2: warning: skipped deal", err)
    expect_in(p + ":3: warning: skipped deal", err)
    expect_in(p + ":4: warning: skipped deal", err)
    expect_in("3 lines skipped", err)
    expect(len(out.splitlines()) == 1, "the two good copies merge into one deal", out)
    rc, out, err, _ = run(["merge", "--strict", p])
    expect_rc(rc, 5, err)


# ---- outputs -------------------------------------------------------------

@case
def stdout_full(d):
    if not os.path.exists("/dev/full"):
        raise Skip("no /dev/full")
    g = write(d + "/good.txt", DEAL_FR)
    rc, out, err, _ = extract([g], stdout_path="/dev/full")
    expect_rc(rc, 4, err)
    expect_in("error writing standard output", err)


@case
def output_never_half_written(d):
    """arsenal build -o FILE: a failing write leaves the previous FILE intact
    and no temporary behind (file size limit = a full disk; a missing
    directory; a read-only directory when not root)."""
    deals = d + "/deals.jsonl"
    rc, out, err, _ = extract([write(d + "/a.txt", DEAL_FR)], stdout_path=deals)
    expect_rc(rc, 0, err)
    target = d + "/out/graph.graphml"
    os.makedirs(d + "/out")
    rc, out, err, _ = run(["build", "--deals", deals, "-o", target])
    expect_rc(rc, 0, err)
    good = open(target, "rb").read()
    expect(len(good) > 200, "graph too small to test truncation")
    expect(stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~current_umask(),
           "output mode %o does not follow the umask" % stat.S_IMODE(os.stat(target).st_mode))
    # a disk that fills up: RLIMIT_FSIZE below the graph's size
    write(target, b"previous contents\n")
    rc, out, err, _ = run(["build", "--deals", deals, "-o", target],
                          limits=[(resource.RLIMIT_FSIZE, 100)])
    expect_rc(rc, 4, err)
    expect_in(target, err)
    expect(open(target, "rb").read() == b"previous contents\n", "the previous file was damaged")
    leftovers = [f for f in os.listdir(d + "/out") if ".tmp." in f]
    expect(not leftovers, "temporary files left: %s" % leftovers)
    # a directory that does not exist
    rc, out, err, _ = run(["build", "--deals", deals, "-o", d + "/nodir/graph.graphml"])
    expect_rc(rc, 4, err)
    expect_in(d + "/nodir/graph.graphml: error: cannot write: No such file or directory", err)
    if os.geteuid() != 0:
        os.chmod(d + "/out", 0o555)
        try:
            rc, out, err, _ = run(["build", "--deals", deals, "-o", target])
            expect_rc(rc, 4, err)
            expect_in("Permission denied", err)
            expect(open(target, "rb").read() == b"previous contents\n", "the previous file was damaged")
        finally:
            os.chmod(d + "/out", 0o755)


def current_umask():
    u = os.umask(0o22)
    os.umask(u)
    return u


# ---- bad rules -----------------------------------------------------------

RULE_CLASSES = {
    # fixture dir (a copy of tests/core/minirules with one thing broken): the
    # expected file:line:column: message, after the directory name
    "rules-columns": "systems.csv:3:13: error: row has 2 columns, the header has 6",
    "rules-category": 'systems.csv:3:30: error: unknown category "spaceship"',
    "rules-status": 'triggers.csv:3:19: error: unknown status "sold"',
    "rules-regex": "patterns.csv:3:38: error: regex does not compile: U_REGEX_MISMATCHED_PAREN",
    "rules-duplicate": 'countries.csv:14:1: error: duplicate country "MAR"',
    "rules-encoding": "companies.csv:3:1: error: invalid UTF-8 in this cell (the file must be UTF-8)",
}


def rules_case(name):
    def fn(d):
        rdir = os.path.join(SRC, "tests", "robust", name)
        want = RULE_CLASSES[name]
        doc = d + "/never-read.txt"   # must not be touched: rules fail first
        for args in (["rules", "check", rdir], ["extract", "--rules", rdir, doc]):
            rc, out, err, _ = run(args)
            expect_rc(rc, 3, err)
            expect_in(rdir + "/" + want, err)
            expect(re.search(r"\.csv:\d+:\d+: error: ", err) is not None, "no file:line:column: error:", err)
            expect_in("1 error in the rules of " + rdir + ": nothing was run", err)
            expect("never-read" not in err, "a document was read before the rules failed", err)
            expect(out == "", "output on broken rules", out)
    fn.__name__ = name.replace("-", "_")
    return fn


for _n in RULE_CLASSES:
    CASES[_n.replace("-", "_")] = rules_case(_n)


def main():
    global ARSENAL, SRC, MINI
    if sys.argv[1:] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    ARSENAL, SRC, which = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    MINI = os.path.join(SRC, "tests", "core", "minirules")
    names = list(CASES) if which == "--all" else [which]
    failed = skipped = 0
    for name in names:
        if name not in CASES:
            print("unknown case %s" % name, file=sys.stderr)
            return 2
        d = tempfile.mkdtemp(prefix="arsenal-robust-")
        try:
            CASES[name](d)
            print("ok   %s" % name)
        except Skip as e:
            skipped += 1
            print("skip %s: %s" % (name, e))
        except Fail as e:
            failed += 1
            print("FAIL %s: %s" % (name, e))
        finally:
            shutil.rmtree(d, ignore_errors=True)
    if failed:
        return 1
    return 77 if skipped and len(names) == 1 else 0


if __name__ == "__main__":
    sys.exit(main())
