#!/usr/bin/env python3
"""check_countries.py -- validates rules/countries.csv and rules/categories.csv.

Checks, reporting every problem as file:line:column: message (exit 1 if any):
  * exact header rows;
  * countries: one row per UN member state (all 193) at least; iso3 unique and
    three uppercase letters; iso2 two uppercase letters (or empty); name set;
    iso3/iso2 agree with ISO 3166-1 when /usr/share/iso-codes is installed;
  * categories: category ids unique, generic is "yes" or "no";
  * every alias well formed: no empty cell item, no leading/trailing blanks,
    prefixes limited to one leading "?" (ambiguous) or "=" (case-sensitive);
  * no surface form, once folded, in two rows (of either file, or of the other
    rule files' phrase columns: those are warnings, since other files are
    owned elsewhere); a repeat inside one row is a warning.

Folding mirrors src/lib/text.c: ligatures and special letters mapped, NFKD,
combining marks stripped, case folded, typographic apostrophes/dashes unified,
'-' read as a space, whitespace runs collapsed.

Usage: tools/check_countries.py [RULES_DIR]   (default: rules/ beside tools/)
"""
import csv
import json
import os
import re
import sys
import unicodedata

COUNTRY_HEADER = ["iso3", "iso2", "name", "names", "demonyms", "metonyms"]
CATEGORY_HEADER = ["category", "generic", "words"]

UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())

# Codes in common use that ISO 3166-1 does not assign.
USER_ASSIGNED = {"XKX": "XK"}

CATEGORY_IDS = set("""fighter aircraft|combat aircraft|trainer aircraft|transport aircraft|
patrol aircraft|AEW aircraft|tanker aircraft|aircraft|combat helicopter|helicopter|UAV|
loitering munition|tank|armoured vehicle|self-propelled artillery|artillery|MLRS|mortar|
air defence system|SAM|MANPADS|anti-aircraft gun|air-to-air missile|air-to-surface missile|
anti-ship missile|anti-tank missile|ballistic missile|cruise missile|missile|guided bomb|
rocket|torpedo|radar|sensor|electronic warfare|counter-UAV system|frigate|corvette|
destroyer|submarine|patrol vessel|landing ship|ship|engine|armour|small arms|satellite|
ammunition|other|unmanned vessel|unmanned ground vehicle""".replace("\n", "").split("|"))

# Other rule files whose phrases share the automaton: (file, list columns).
OTHER_FILES = [
    ("companies.csv", ["name", "aliases"]),
    ("systems.csv", ["name", "aliases"]),
    ("triggers.csv", ["phrase"]),
]

SPECIAL = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d",
           "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "ß": "ss"}
APOS = re.compile("[\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc\uff07]")
DASH = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def fold(s):
    """Folded matching form of an alias (prefixes removed)."""
    s = s.lstrip("?=")
    if s.endswith("*"):
        s = s[:-1]
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = APOS.sub("'", s)
    s = DASH.sub("-", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("-", " ")
    return " ".join(s.split())


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"{where}: error: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"{where}: warning: {msg}")


def read_csv(path, rep):
    """Returns [(line, row)] with the header first, or None when missing."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rdr = csv.reader(fh)
            out = []
            for row in rdr:
                out.append((rdr.line_num, row))
            return out
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as e:
        rep.error(path, f"not UTF-8: {e}")
        return []


def check_alias(where, alias, rep):
    if alias != alias.strip():
        rep.error(where, f'blanks around alias "{alias}"')
    a = alias.strip()
    body = a[1:] if a[:1] in "?=" else a
    if not body:
        rep.error(where, "empty alias")
        return False
    if body[:1] in "?=":
        rep.error(where, f'"{alias}": use one prefix, "?" or "="')
    if a.startswith("=") and body == body.lower():
        rep.warn(where, f'"{alias}" is case-sensitive but has no capital letter')
    if "|" in body or "\n" in body:
        rep.error(where, f'bad character in "{alias}"')
    if not fold(body):
        rep.error(where, f'"{alias}" folds to nothing')
        return False
    return True


def iso_table():
    path = "/usr/share/iso-codes/json/iso_3166-1.json"
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return {e["alpha_3"]: e["alpha_2"] for e in data.get("3166-1", [])}


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    rules = argv[1] if len(argv) > 1 else os.path.join(here, "..", "rules")
    rep = Report()
    owners = {}      # folded form -> (where, row key)
    cpath = os.path.join(rules, "countries.csv")
    kpath = os.path.join(rules, "categories.csv")
    iso = iso_table()
    seen_iso3 = set()
    ncountries = ncats = nforms = 0

    def claim(where, line, key, alias):
        """Records alias for the row at line (shown as key)."""
        nonlocal nforms
        f = fold(alias)
        prev = owners.get(f)
        if prev is None:
            owners[f] = (where, key, line)
            nforms += 1
        elif prev[2] != line:
            rep.error(where, f'"{alias}" already used at {prev[0]} ({prev[1]})')
        else:
            rep.warn(where, f'"{alias}" repeated in the same row')

    rows = read_csv(cpath, rep)
    if rows is None:
        rep.error(cpath, "missing")
        rows = []
    if rows:
        if rows[0][1] != COUNTRY_HEADER:
            rep.error(f"{cpath}:{rows[0][0]}", "header must be " + ",".join(COUNTRY_HEADER))
        for line, row in rows[1:]:
            where = f"{cpath}:{line}"
            if len(row) != len(COUNTRY_HEADER):
                rep.error(where, f"{len(row)} cells, want {len(COUNTRY_HEADER)}")
                continue
            ncountries += 1
            iso3, iso2, name = row[0], row[1], row[2]
            if not re.fullmatch("[A-Z]{3}", iso3):
                rep.error(f"{where}:1", f'iso3 "{iso3}" is not three uppercase letters')
            if iso3 in seen_iso3:
                rep.error(f"{where}:1", f'iso3 "{iso3}" repeated')
            seen_iso3.add(iso3)
            if iso2 and not re.fullmatch("[A-Z]{2}", iso2):
                rep.error(f"{where}:2", f'iso2 "{iso2}" is not two uppercase letters')
            if iso is not None:
                want = iso.get(iso3, USER_ASSIGNED.get(iso3))
                if want is None:
                    rep.error(f"{where}:1", f'"{iso3}" is not an ISO 3166-1 alpha-3 code')
                elif want != iso2:
                    rep.error(f"{where}:2", f'iso2 of {iso3} is "{want}", not "{iso2}"')
            if not name.strip():
                rep.error(f"{where}:3", "empty name")
            names = row[3].split("|") if row[3] else []
            if not names:
                rep.error(f"{where}:4", "no names")
            elif name.strip() and fold(name) not in {fold(n) for n in names}:
                rep.warn(f"{where}:4", f'name "{name}" not among its names')
            for col in (3, 4, 5):
                if not row[col]:
                    continue
                for a in row[col].split("|"):
                    if check_alias(f"{where}:{col + 1}", a, rep):
                        claim(f"{where}:{col + 1}", (cpath, line), iso3, a.strip())
        missing = sorted(UN_MEMBERS - seen_iso3)
        if missing:
            rep.error(cpath, "UN member states missing: " + " ".join(missing))

    rows = read_csv(kpath, rep)
    if rows is None:
        rep.error(kpath, "missing")
        rows = []
    seen_cat = set()
    if rows:
        if rows[0][1] != CATEGORY_HEADER:
            rep.error(f"{kpath}:{rows[0][0]}", "header must be " + ",".join(CATEGORY_HEADER))
        for line, row in rows[1:]:
            where = f"{kpath}:{line}"
            if len(row) != len(CATEGORY_HEADER):
                rep.error(where, f"{len(row)} cells, want {len(CATEGORY_HEADER)}")
                continue
            ncats += 1
            cat, generic, words = row
            if cat not in CATEGORY_IDS:
                rep.error(f"{where}:1", f'unknown category "{cat}"')
            if cat in seen_cat:
                rep.error(f"{where}:1", f'category "{cat}" repeated')
            seen_cat.add(cat)
            if generic not in ("yes", "no"):
                rep.error(f"{where}:2", f'generic must be yes or no, not "{generic}"')
            if not words:
                rep.error(f"{where}:3", "no words")
                continue
            for a in words.split("|"):
                if check_alias(f"{where}:3", a, rep):
                    claim(f"{where}:3", (kpath, line), "category " + cat, a.strip())

    # Collisions with rule files owned elsewhere: warnings only.
    for fname, cols in OTHER_FILES:
        path = os.path.join(rules, fname)
        rows = read_csv(path, rep)
        if not rows:
            continue
        head = rows[0][1]
        idx = [head.index(c) for c in cols if c in head]
        for line, row in rows[1:]:
            for i in idx:
                if i >= len(row) or not row[i]:
                    continue
                for a in row[i].split("|"):
                    f = fold(a)
                    if f and f in owners:
                        prev = owners[f]
                        rep.warn(f"{path}:{line}:{i + 1}",
                                 f'"{a}" also at {prev[0]} ({prev[1]})')

    print(f"countries: {ncountries} rows ({len(seen_iso3 & UN_MEMBERS)} UN members), "
          f"categories: {ncats} rows, surface forms: {nforms}, "
          f"{rep.errors} error(s), {rep.warnings} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
