#!/usr/bin/env python3
"""import_sipri.py -- builds rules/systems_sipri.csv from the SIPRI Arms Transfers
Database exports, and checks the systems/companies gazetteers.

Job
    Reads one or more SIPRI exports (the classic trade register
    trade-register-1950-2023.csv, or the newer trade-2000-2030-by-delivery.csv;
    the format is detected from the header) and writes one gazetteer row per
    distinct weapon designation:

        name,aliases,family,category,origin,maker

    name      the designation as SIPRI writes it (most frequent spelling)
    aliases   '|'-separated extra surface forms derived mechanically:
              the parts of a "A/B" designation, the designation without its
              calibre ("BM-21 Grad 122mm" -> "BM-21 Grad"), the code and the
              name of a "code name" designation ("AH-64D Apache" -> "AH-64D"),
              roman numerals for SIPRI's "-2" suffixes ("Phantom-2" ->
              "Phantom II"). A form prefixed with '?' is ambiguous (see below).
    family    designation family: the letters-digits code prefix ("F-16C" ->
              "F-16", "T-72B3" -> "T-72", "S-300PMU2 Favorit" -> "S-300"),
              else the name without variant/calibre tokens.
    category  SIPRI "Weapon description" mapped onto the controlled vocabulary
              (DESCRIPTION_MAP, then KEYWORDS, fallback "other").
    origin    ISO3 of the supplier that delivers it new most often (second-hand
              deliveries only count when nothing else is known). Supplier
              names are resolved with rules/countries.csv when it exists, else
              with the built-in SUPPLIER_ISO3 table (kept as the fallback).
              Historical states are folded onto today's codes: Soviet Union ->
              RUS, Czechoslovakia -> CZE, Yugoslavia -> SRB, East/West Germany
              -> DEU, North/South Yemen -> YEM, South Vietnam -> VNM.
              Non-state suppliers (rebel groups, the UN, the EU, "unknown")
              never set the origin.
    maker     only when a small prefix table (MAKER_PREFIXES) makes the
              company obvious AND that company is a name in companies.csv.

Rules
    * Generic designations are skipped ("aircraft engine", "Unidentified
      sonar", "Textron turret"...).
    * A designation that is already a name or alias in the hand-curated
      rules/systems.csv is skipped: the curated file wins, and no surface form
      is ever written twice (forms are compared folded: NFKD, accents
      stripped, case folded, '-' = ' ', letter-digit separators ignored).
    * Derived aliases that would name two systems are dropped.
    * Ambiguous ('?'): ordinary words, place and person names cannot be told
      apart from a designation without a dictionary, so every form without a
      digit is ambiguous unless it holds a non-word acronym of 4+ capitals
      ("NASAMS") or an inner capital ("ScanEagle"); so are forms of 3 or fewer
      letters/digits ("K2", "R-60"), forms without letters ("53-65") and
      "Type-NN" with two digits or fewer. The name column is never prefixed:
      an ambiguous name is repeated as "?name" in its aliases.

Usage (from the repository root)
    python3 tools/import_sipri.py ../shared/data/sipri/trade-register-1950-2023.csv \
        -o rules/systems_sipri.csv
    python3 tools/import_sipri.py --check          # validate the rule files only

Stdlib only; rerunnable (the output is sorted and deterministic).
"""

import argparse
import collections
import csv
import io
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADER = ["name", "aliases", "family", "category", "origin", "maker"]
COMPANY_HEADER = ["name", "aliases", "country", "kind"]
COMPANY_KINDS = {"manufacturer", "shipyard", "exporter", "integrator"}

CATEGORIES = [
    "fighter aircraft", "combat aircraft", "trainer aircraft", "transport aircraft",
    "patrol aircraft", "AEW aircraft", "tanker aircraft", "aircraft", "combat helicopter",
    "helicopter", "UAV", "loitering munition", "tank", "armoured vehicle",
    "self-propelled artillery", "artillery", "MLRS", "mortar", "air defence system", "SAM",
    "MANPADS", "anti-aircraft gun", "air-to-air missile", "air-to-surface missile",
    "anti-ship missile", "anti-tank missile", "ballistic missile", "cruise missile", "missile",
    "guided bomb", "rocket", "torpedo", "radar", "sensor", "electronic warfare",
    "counter-UAV system", "frigate", "corvette", "destroyer", "submarine", "patrol vessel",
    "landing ship", "ship", "engine", "armour", "small arms", "satellite", "ammunition", "other",
]

# ---- SIPRI "Weapon description" -> category ---------------------------------------------
# Exact descriptions (lower-cased) first; every description of the 1950-2023 register is here.
_DM = {
    "armoured vehicle": "apc|apv|ifv|apc/apv|apc/ifv|apc/cp|afsv|ifv/afsv|reconnaissance av|"
                        "armoured car|tank destroyer|arv|aev|aev/arv|armoured bridgelayer|alv|amv",
    "tank": "tank|light tank|training tank",
    "fighter aircraft": "fga aircraft|fighter aircraft|fga/ew aircraft",
    "combat aircraft": "ground attack aircraft|bomber aircraft",
    "trainer aircraft": "trainer aircraft|trainer/combat aircraft|trainer/light aircraft|"
                        "light/trainer aircraft",
    "transport aircraft": "transport aircraft|light transport aircraft|heavy transport aircraft|"
                          "transport/trainer aircraft",
    "patrol aircraft": "maritime patrol aircraft|asw aircraft",
    "AEW aircraft": "aew&c aircraft|aew aircraft|aew/ags aircraft",
    "tanker aircraft": "tanker/transport aircraft",
    "aircraft": "light aircraft|reconnaissance aircraft|sigint aircraft|ags aircraft|"
                "reconnaissance/sigint aircraft|target tow aircraft|airship|transport ac/helicopter",
    "combat helicopter": "combat helicopter",
    "helicopter": "helicopter|light helicopter|transport helicopter|asw helicopter|"
                  "aew helicopter|sigint helicopter|anti-ship helicopter",
    "UAV": "uav|armed uav|maritime patrol uav|light aircraft/uav",
    "loitering munition": "loitering munition",
    "self-propelled artillery": "self-propelled gun",
    "artillery": "towed gun|coastal defence gun",
    "MLRS": "self-propelled mrl|towed mrl",
    "mortar": "mortar|self-propelled mortar|mortar turret",
    "air defence system": "sam system|mobile sam system|naval sam system|self-propelled ad system|"
                          "abm system|abm/sam system|aa gun/sam system",
    "SAM": "sam|sam/abm|abm missile",
    "MANPADS": "portable sam",
    "anti-aircraft gun": "aa gun|anti-aircraft gun|self-propelled aa gun|aa gun system|"
                         "self-propelled aa gun turret",
    "air-to-air missile": "sraam|bvraam|bvraam/sam",
    "air-to-surface missile": "asm|anti-radar missile|anti-radar missile/asm|guided rocket/asm|ssm/asm",
    "anti-ship missile": "anti-ship missile|anti-ship missile/ssm|anti-ship missile/asm|"
                         "anti-ship/land-attack missile|anti-ship/anti-radar missile|"
                         "anti-ship missile/asm/sam|ssm/anti-ship missile|coastal defence system",
    "anti-tank missile": "anti-tank missile|anti-tank missile/asm",
    "ballistic missile": "ssm|ssm launcher|ssm tel|slbm",
    "cruise missile": "land-attack missile",
    "missile": "asw missile",
    "guided bomb": "guided bomb|guided glide bomb",
    "rocket": "guided rocket|guided rocket/ssm",
    "ammunition": "guided shell",
    "torpedo": "asw torpedo|anti-ship/asw torpedo|anti-ship torpedo|naval mine/torpedo",
    "radar": "air search radar|fire control radar|mp aircraft radar|combat aircraft radar|"
             "artillery locating radar|air/sea search radar|height-finding radar|ground surv radar|"
             "sea search radar|multi-function radar|combat heli radar|aew radar|ags radar|"
             "sam system radar|multi-role radar|air/ground surv radar|ground/sea search radar|"
             "ags/mp aircraft radar|aircraft eo/radar system",
    "sensor": "asw sonar|submarine sonar|sonar|aircraft eo system|eo search/fire control|eo system|"
              "naval eo system|aircraft recce system",
    "electronic warfare": "sigint system|ags/sigint system|air search system",
    "satellite": "recce satellite|surveillance satellite",
    "frigate": "frigate|frigate/landing ship",
    "corvette": "corvette|corvette/minesweeper",
    "destroyer": "destroyer",
    "submarine": "submarine|nuclear submarine|midget submarine|ssb",
    "patrol vessel": "patrol craft|fac|opv|gunboat|landing/patrol craft|patrol craft/transport craft|"
                     "opv/support ship|opv/tug|opv/transport ship|opv/training ship|icebreaker/opv",
    "landing ship": "landing ship|landing craft|support/landing ship|aals",
    "ship": "cruiser|aircraft carrier|minesweeper|minehunter|mcm ship|minelayer|support ship|tug|"
            "cargo ship|replenishment ship|transport ship|tanker|replenishment tanker|sigint ship|"
            "training ship|salvage ship|survey ship|icebreaker|transport craft|support craft|cargo craft",
    "engine": "aircraft engine|vehicle engine|ship engine|turbofan|turbojet|gas turbine|turboprop|"
              "aip engine|nuclear reactor|air-independent ship engine",
    "other": "naval gun|asw mrl|asw rocket launcher|asw mortar|naval mrl|air refuel system|"
             "apc turret|ifv turret|tank turret|anti-tank av turret|spg turret|helicopter turret|"
             "ifv/apc turret|tank chassis|self-propelled gun chassis",
}
DESCRIPTION_MAP = {d: cat for cat, ds in _DM.items() for d in ds.split("|")}

# Keyword fallback for descriptions not in the table (newer exports), first match wins.
KEYWORDS = [
    ("loitering", "loitering munition"), ("uav", "UAV"), ("drone", "UAV"),
    ("portable sam", "MANPADS"), ("sam system", "air defence system"), ("ad system", "air defence system"),
    ("aa gun", "anti-aircraft gun"), ("anti-aircraft", "anti-aircraft gun"),
    ("aam", "air-to-air missile"), ("anti-ship", "anti-ship missile"), ("anti-tank missile", "anti-tank missile"),
    ("anti-radar", "air-to-surface missile"), ("asm", "air-to-surface missile"), ("sam", "SAM"),
    ("ssm", "ballistic missile"), ("land-attack", "cruise missile"), ("torpedo", "torpedo"),
    ("guided bomb", "guided bomb"), ("glide bomb", "guided bomb"), ("guided rocket", "rocket"),
    ("missile", "missile"), ("radar", "radar"), ("sonar", "sensor"), ("eo ", "sensor"),
    ("sigint", "electronic warfare"), ("satellite", "satellite"), ("engine", "engine"),
    ("turbo", "engine"), ("combat helicopter", "combat helicopter"), ("helicopter", "helicopter"),
    ("fga", "fighter aircraft"), ("fighter", "fighter aircraft"), ("trainer", "trainer aircraft"),
    ("bomber", "combat aircraft"), ("ground attack", "combat aircraft"), ("aew", "AEW aircraft"),
    ("maritime patrol", "patrol aircraft"), ("tanker/transport", "tanker aircraft"),
    ("transport aircraft", "transport aircraft"), ("aircraft", "aircraft"), ("mrl", "MLRS"),
    ("self-propelled gun", "self-propelled artillery"), ("mortar", "mortar"), ("gun", "artillery"),
    ("light tank", "tank"), ("tank destroyer", "armoured vehicle"), ("tank", "tank"),
    ("apc", "armoured vehicle"), ("ifv", "armoured vehicle"), ("apv", "armoured vehicle"),
    ("armoured", "armoured vehicle"), ("frigate", "frigate"), ("corvette", "corvette"),
    ("destroyer", "destroyer"), ("submarine", "submarine"), ("opv", "patrol vessel"),
    ("patrol", "patrol vessel"), ("fac", "patrol vessel"), ("landing", "landing ship"),
    ("ship", "ship"), ("craft", "ship"),
]


def category_of(desc):
    """Category for a SIPRI description; 'other' when nothing fits."""
    d = " ".join(desc.lower().split())
    if d in DESCRIPTION_MAP:
        return DESCRIPTION_MAP[d]
    for kw, cat in KEYWORDS:
        if kw in d:
            return cat
    return "other"


# ---- supplier -> ISO3 ---------------------------------------------------------------------
# Fallback table: every supplier of both exports. None = not a state (no origin).
SUPPLIER_ISO3 = {
    "Albania": "ALB", "Algeria": "DZA", "Angola": "AGO", "Argentina": "ARG", "Armenia": "ARM",
    "Aruba": "ABW", "Australia": "AUS", "Austria": "AUT", "Bahamas": "BHS", "Bahrain": "BHR",
    "Bangladesh": "BGD", "Belarus": "BLR", "Belgium": "BEL", "Bosnia-Herzegovina": "BIH",
    "Brazil": "BRA", "Brunei": "BRN", "Bulgaria": "BGR", "Cambodia": "KHM", "Canada": "CAN",
    "Chad": "TCD", "Chile": "CHL", "China": "CHN", "Colombia": "COL", "Comoros": "COM",
    "Costa Rica": "CRI", "Cote d'Ivoire": "CIV", "Croatia": "HRV", "Cuba": "CUB", "Cyprus": "CYP",
    "Czechia": "CZE", "Czech Republic": "CZE", "Czechoslovakia": "CZE", "DR Congo": "COD",
    "Denmark": "DNK", "Dominican Republic": "DOM", "East Germany (GDR)": "DEU",
    "West Germany (FRG)": "DEU", "Ecuador": "ECU", "Egypt": "EGY", "Eritrea": "ERI",
    "Estonia": "EST", "Ethiopia": "ETH", "Fiji": "FJI", "Finland": "FIN", "France": "FRA",
    "Gabon": "GAB", "Georgia": "GEO", "Germany": "DEU", "Ghana": "GHA", "Greece": "GRC",
    "Guatemala": "GTM", "Guyana": "GUY", "Hungary": "HUN", "Iceland": "ISL", "India": "IND",
    "Indonesia": "IDN", "Iran": "IRN", "Iraq": "IRQ", "Ireland": "IRL", "Israel": "ISR",
    "Italy": "ITA", "Japan": "JPN", "Jordan": "JOR", "Kazakhstan": "KAZ", "Kenya": "KEN",
    "Kuwait": "KWT", "Kyrgyzstan": "KGZ", "Latvia": "LVA", "Lebanon": "LBN", "Libya": "LBY",
    "Lithuania": "LTU", "Luxembourg": "LUX", "Malawi": "MWI", "Malaysia": "MYS", "Malta": "MLT",
    "Mexico": "MEX", "Moldova": "MDA", "Montenegro": "MNE", "Morocco": "MAR", "Mozambique": "MOZ",
    "Netherlands": "NLD", "New Zealand": "NZL", "Nicaragua": "NIC", "Niger": "NER",
    "Nigeria": "NGA", "North Korea": "PRK", "North Macedonia": "MKD", "Macedonia": "MKD",
    "North Yemen": "YEM", "South Yemen": "YEM", "Yemen": "YEM", "Norway": "NOR", "Oman": "OMN",
    "Pakistan": "PAK", "Panama": "PAN", "Peru": "PER", "Philippines": "PHL", "Poland": "POL",
    "Portugal": "PRT", "Qatar": "QAT", "Romania": "ROU", "Russia": "RUS", "Soviet Union": "RUS",
    "Saudi Arabia": "SAU", "Senegal": "SEN", "Serbia": "SRB", "Yugoslavia": "SRB",
    "Seychelles": "SYC", "Singapore": "SGP", "Slovakia": "SVK", "Slovenia": "SVN",
    "South Africa": "ZAF", "South Korea": "KOR", "South Vietnam": "VNM", "Viet Nam": "VNM",
    "Vietnam": "VNM", "Spain": "ESP", "Sri Lanka": "LKA", "Sudan": "SDN", "Sweden": "SWE",
    "Switzerland": "CHE", "Syria": "SYR", "Taiwan": "TWN", "Thailand": "THA", "Turkiye": "TUR",
    "Turkey": "TUR", "UAE": "ARE", "United Arab Emirates": "ARE", "Uganda": "UGA",
    "Ukraine": "UKR", "United Kingdom": "GBR", "United States": "USA", "Uruguay": "URY",
    "Uzbekistan": "UZB", "Venezuela": "VEN", "Zambia": "ZMB", "Zimbabwe": "ZWE",
    "European Union**": None, "United Nations**": None, "FMLN (El Salvador)*": None,
    "Libya HoR*": None, "Mujahedin (Afghanistan)*": None, "unknown supplier(s)": None,
}

# ---- maker prefixes -------------------------------------------------------------------------
# (regex on the designation, company name in companies.csv). First match wins; a company
# missing from companies.csv leaves the maker empty.
MAKER_PREFIXES = [
    # Russia / Soviet Union
    ("Su-|Sukhoi", "Sukhoi"), ("MiG-", "Mikoyan"), ("Mi-", "Mil Moscow Helicopter Plant"),
    ("Ka-", "Kamov"), ("Yak-", "Yakovlev"), ("Tu-", "Tupolev"), ("Il-", "Ilyushin"),
    ("An-", "Antonov"), ("Be-", "Beriev"), ("T-72|T-90", "Uralvagonzavod"), ("T-80", "Omsktransmash"),
    ("BMP-1|BMP-2|BMP-3", "Kurganmashzavod"), ("BTR-80|BTR-82|Tigr|GAZ-3937 Vodnik", "Military Industrial Company"),
    ("Pantsir|Pantsyr|96K9|Kornet|Metis|9M133|9M131|Tunguska|2S6|Konkurs|Fagot|Vikhr", "KBP Instrument Design Bureau"),
    ("S-300|S-400|S-500|S-350|Buk|Tor-|Kub|48N6|5V55|9M38|9M317|S-125|S-75|S-200|3M-14|3M-54|Club|Kalibr", "Almaz-Antey"),
    ("Iskander|9M723|9K720|9P78|Tochka|OTR-21|9M79|Strela-2|Strela-3|Igla|Verba|Shturm|Ataka|9M120|9M114|Khrizantema|Malyutka", "KBM Kolomna"),
    ("Kh-", "Tactical Missiles Corporation"), ("Yakhont|Oniks|P-800|Bastion-P|K-300P", "NPO Mashinostroyeniya"),
    ("BM-21|BM-22|BM-27|BM-30|BM-9A52|9A52|Smerch|9K51|9K57|9K58", "NPO Splav"), ("TOS-1", "Omsktransmash"),
    ("2S19|Msta-S|2S3", "Uraltransmash"), ("Kilo|Project-636|Project-877", "Admiralty Shipyards"),
    ("AL-31|AL-41", "NPO Saturn"), ("RD-33|TV3-117|Klimov", "Klimov"),
    # United States
    ("AH-64|CH-47|F-15|F/A-18|EA-18|KC-46|P-8|E-7|Boeing-|AV-8B|C-17|E-3|KC-135|KC-10|JDAM|Harpoon|AGM-84|RGM-84|SLAM-ER|GBU-39|GBU-15", "Boeing"),
    ("F-16|F-35|F-22|F-104|F-117|C-130|KC-130|AC-130|C-5|P-3|S-3|U-2|T-33|AGM-114|AGM-158|AGM-179|Hellfire|JASSM|LRASM|JAGM|THAAD|M-142|GMLRS|ATACMS|PrSM|FGM-148|Javelin|MIM-104 PAC-3", "Lockheed Martin"),
    ("AIM-120|AIM-9|AIM-7|AIM-54|AGM-65|AGM-88|AGM-154|BGM-71|BGM-109|FIM-92|RIM-116|RIM-161|RIM-162|RIM-66|RIM-174|SM-6|ESSM|MIM-104|MIM-23|Patriot|Stinger|Tomahawk|Excalibur|GBU-53", "Raytheon"),
    ("E-2C|E-2D|RQ-4|MQ-4C|B-2|F-5|T-38|F-14|RQ-8", "Northrop Grumman"),
    ("UH-60|S-70|S-76|S-92|CH-53|SH-60|MH-60|HH-60|S-61|SH-3A|SH-3D|SH-3H|S-55|S-58|S-65|SH-34", "Sikorsky"),
    ("SH-2F|SH-2G", "Kaman Aerospace"),
    ("Bell-|AH-1|UH-1|OH-58|TH-57", "Bell Textron"),
    ("MQ-9|MQ-1|RQ-1|MQ-20|Predator|Reaper|Gray Eagle", "General Atomics"),
    ("Switchblade|RQ-11|RQ-20|RQ-12", "AeroVironment"), ("ScanEagle|RQ-21|Integrator", "Insitu"),
    ("Cessna-|Beech-|King Air|Bonanza|Baron|AT-6C|T-6A|T-6B|T-6C", "Textron Aviation"),
    ("MD-500|MD-530|MD-520|AH-6", "MD Helicopters"),
    ("HMMWV|M-998|M-1151|M-1152|M-1114", "AM General"), ("M-ATV|JLTV|L-ATV|FMTV", "Oshkosh"),
    ("MaxxPro", "Navistar Defense"), ("Stryker|M-1 Abrams|M-1A1|M-1A2|LAV-300|LAV-150", "General Dynamics Land Systems"),
    ("M-113|M-109|M-2 Bradley|M-2A|M-3 Bradley|AAV-7|M-88|M-992|M-548|M-577", "BAE Systems Land & Armaments"),
    ("EMB-|ERJ|E-190|KC-390|C-390|A-29|Super Tucano", "Embraer"),
    ("AT-802", "Air Tractor"), ("F110|F404|F414|CF6|CF34|T700|T64", "GE Aerospace"),
    ("F100|F135|F119", "Pratt & Whitney"),
    # Europe
    ("Rafale|Mirage|Falcon-|Super Etendard|Etendard|Alpha Jet|Mystere|Ouragan", "Dassault Aviation"),
    ("AS-33|AS-35|AS-36|AS-53|AS-55|AS-56|AS33|AS35|AS36|AS53|AS55|AS56|AS365|AS565|SA-31|SA-32|SA-33|SA-34|SA-36|EC120|EC130|EC135|EC145|EC155|EC-120|EC-135|EC-145|EC-665|EC725|EC-725|H120|H125|H135|H145|H160|H175|H215|H225|Bo-105|BK-117|Tigre", "Airbus Helicopters"),
    ("NH-90|NH90", "NHIndustries"),
    ("C-212|CN-235|C-295|C295|CN235|A400M|A-400M|A330 MRTT|A-330 MRTT|A-310|A-319|A319|A321|A330|A-330|A-340", "Airbus"),
    ("Typhoon|Eurofighter", "Eurofighter Jagdflugzeug GmbH"), ("Tornado ADV|Tornado IDS", "Panavia Aircraft"),
    ("ATR-", "Avions de Transport Regional"),
    ("AW-|AW1|A-109|A-129|AB-20|AB-21|AB-41|AB-139|AB-412|M-346|MB-326|MB-339|SF-260|C-27J|G-222|Super Rapid|Compact 76mm|Compact 40L70|Compatto|127/64", "Leonardo"),
    ("Saab-|JAS-39|Gripen|RBS-|Carl Gustaf|NLAW|Giraffe|Sea Giraffe|Erieye|ARTHUR|Arthur|GlobalEye", "Saab"),
    ("CV-90|CV-90|CV-9030|CV-9035|CV90|BvS-10|Bv-206|Bv-308", "BAE Systems Hagglunds"), ("Archer", "BAE Systems Bofors"),
    ("Hawk-|Harrier|Sea Harrier|Challenger-2|Warrior|Scimitar|Spartan|Stormer|FV-|AS-90|Type-23|Type-45|Astute", "BAE Systems"),
    ("Exocet|AM-39|MM-38|MM-40|SM-39|MICA|VL-MICA|Mistral|ASTER-|Aster-|SCALP|Storm Shadow|MILAN|Milan|HOT|Brimstone|ASRAAM|CAMM|Marte|Aspide|Otomat|Sea Skua|Seawolf|Sea Wolf|Rapier|Akeron|Sea Dart", "MBDA"),
    ("SAMP/T", "Eurosam"),
    ("Leopard-|Leopard$|PzH-2000|Dingo|Fennek|Gepard$|RCH-155", "KNDS Deutschland"),
    ("Boxer$", "ARTEC"), ("Puma$", "Projekt System & Management"),
    ("Leclerc|CAESAR|VBCI|AMX-|Aravis|TITUS|Titus|Jaguar EBRC|TRF-1|TR-F-1", "KNDS France"),
    ("VBL|ERC-90|VAB|AML|Sherpa|Bastion$", "Arquus"),
    ("Marder|Fuchs|Tpz-1|Lynx KF41|KF-41|Skyguard|Skyshield|Skynex|Skyranger|GDF|Millennium|Mantis|Oerlikon", "Rheinmetall"),
    ("IRIS-T|IQ-T", "Diehl Defence"), ("TRML|TRS-3D|TRS-4D|Spexer", "Hensoldt"),
    ("Taurus KEPD", "Taurus Systems"),
    ("MEKO|Type-209|Type-212|Type-214|Type-218|Dolphin", "ThyssenKrupp Marine Systems"),
    ("Scorpene|Gowind|FDI|La Fayette|Agosta|Daphne", "Naval Group"),
    ("Fincantieri", "Fincantieri"), ("Avante", "Navantia"),
    ("Piranha|Eagle-|Duro|Mowag", "GDELS-Mowag"), ("ASCOD|Pizarro|Ulan|Pandur", "General Dynamics European Land Systems"),
    ("LAV-", "General Dynamics Land Systems-Canada"),
    ("Centauro|VBM Freccia|Puma 4x4|Puma 6x6|Puma M-|VBTP", "Iveco Defence Vehicles"),
    ("VAMTAC", "Urovesa"),
    ("NASAMS|NSM|Penguin|Protector", "Kongsberg"), ("Patria|AMV|XA-180|XA-185|XA-200|NEMO", "Patria Oyj"),
    ("PC-6|PC-7|PC-9|PC-12|PC-21|PC-24|Pilatus", "Pilatus Aircraft"), ("THeMIS", "Milrem Robotics"),
    ("Camcopter", "Schiebel"), ("Warmate", "WB Group"), ("Piorun|Grom-", "Mesko"), ("Krab", "Huta Stalowa Wola"),
    ("PT-91", "Bumar-Labedy"), ("Zuzana", "Konstrukta-Defence"), ("DANA|Dana M2|RM-70|DITA", "Excalibur Army"),
    ("L-39|L-159|L-29", "Aero Vodochody"), ("W-3|PZL-W-3", "PZL-Swidnik"), ("M-28|M-18 Dromader|An-28TD", "PZL Mielec"),
    ("Nora|Lazar|BOV", "Yugoimport SDPR"),
    ("T-84|Oplot", "Malyshev Plant"), ("BTR-3|BTR-4|Dozor", "Ukroboronprom"),
    ("Neptune|Neptun|R-360|Stugna|Skif|Vilkha", "Luch Design Bureau"), ("AI-25|AI-222|AI-450", "Ivchenko-Progress"),
    ("Starstreak|ForceSHIELD", "Thales UK"), ("Hawkei|Bushmaster", "Thales Australia"),
    ("Ground Master|GM-200|GM-400|Crotale|Shahine|R-440|R-460|DRBV|CAPTAS|TALIOS|Damocles|TRS-2|Master-T|RAC-3D|SMART-S", "Thales"),
    ("SMART-L|APAR|Variant|Scout Mk", "Thales Nederland"),
    # Israel
    ("EL/M|EL/W|EL/L|EL/I|El/M", "Elta Systems"),
    ("Heron|Searcher|Harop|Harpy|Barak|Gabriel|Arrow-|Arrow Weapon|Phalcon|LORA|Mini Harpy", "Israel Aerospace Industries"),
    ("Hermes-|Skylark|SkyStriker|ATMOS|CARDOM|PULS|Sabrah", "Elbit Systems"),
    ("Spike|Python|Derby|I-Derby|SPYDER|Iron Dome|Davids Sling|Popeye|Litening|RecceLite|Samson|Trophy|SPICE|Tamir|Stunner", "Rafael Advanced Defense Systems"),
    ("ThunderB|WanderB|SpyLite|MicroB", "BlueBird Aero Systems"), ("Orbiter|Aerostar", "Aeronautics Ltd"),
    ("Hero-", "UVision"), ("Tavor|Negev|Galil|Uzi", "Israel Weapon Industries"),
    # Turkey
    ("Bayraktar|Akinci|Kizilelma|TB2|TB3", "Baykar"), ("Anka|Aksungur|T-129|Hurjet|Hurkus|Gokbey", "Turkish Aerospace"),
    ("Kirpi|Altay", "BMC Otomotiv"), ("Cobra-2|Akrep|Arma", "Otokar"), ("Pars|ACV-15|Kaplan", "FNSS"),
    ("CIRIT|Cirit|UMTAS|Atmaca|SOM$|Hisar|Siper|Tayfun", "Roketsan"), ("Kargu|Alpagu|Togan", "STM Savunma Teknolojileri"),
    ("Korkut|SARP|Ihtar", "Aselsan"), ("MilGem|MILGEM", "ASFAT"),
    # Asia
    ("Wing Loong|PL-2|PL-5|PL-7|PL-8|PL-9|PL-10|PL-11|PL-12|PL-15|J-10|JF-17|FC-1|J-7|J-8|J-6|Q-5|H-6|Z-9|Z-8|Z-10|WZ-10|Y-8|Y-9|Y-12|Y-20|MA-60|KJ-|K-8|L-15|FT-5|FT-7", "AVIC"),
    ("CH-3|CH-4|CH-5|CH-92|CH-95", "Aerospace CH UAV"),
    ("HQ-9|HQ-16|HQ-7|HQ-22|C-701|C-704|C-705|C-801|C-802|C-602|YJ-", "CASIC"),
    ("VT-|MBT-2000|Type-59|Type-69|Type-79|Type-85|Type-90|Type-96|ZBD|ZTL|ZTD|ZSL|ZBL|WZ-5|SH-1|SH-15|SR-5|PLZ|PHL|PCL|PLL|YW-|VN-", "Norinco"),
    ("Type-02|Type-03|Type-05|Type-06|Type-07", "China State Shipbuilding Corporation"),
    ("K-9|K9|K-10|K-21|K21|K-200|K-239|Chunmoo|Redback", "Hanwha Aerospace"),
    ("K-2|K2|K-1|K1", "Hyundai Rotem"),
    ("T-50|FA-50|TA-50|KUH|KF-21|KT-1|Surion", "Korea Aerospace Industries"),
    ("KM-SAM|Cheongung|Haeseong|Chiron|K-745|Blue Shark|Red Shark", "LIG Nex1"),
    ("Dhruv|ALH|Tejas|LCA|LCH|Prachand|HJT|HTT-40|Chetak|Cheetal|Rudra", "Hindustan Aeronautics"),
    ("Akash|Nag$|Astra Mk", "Bharat Dynamics"), ("BrahMos", "BrahMos Aerospace"), ("Arjun", "Armoured Vehicles Nigam"),
    ("Al-Khalid|Al Khalid", "Heavy Industries Taxila"),
    ("US-2", "ShinMaywa Industries"),
    # Africa, Americas, Middle East
    ("Rooivalk|Rooikat|G-5|G-6|Umkhonto|Mokopa|Ingwe|ZT-3|Seeker|A-Darter|Badger", "Denel"),
    ("Mbombe|Marauder", "Paramount Group"), ("ASTROS", "Avibras"),
    ("Shahed", "Shahed Aviation Industries"), ("Mohajer", "Qods Aviation Industry"),
    ("Ababil", "Iran Aircraft Manufacturing Industrial Company"),
    ("Qiam|Fateh|Zelzal|Shahab", "Aerospace Industries Organization"),
]
_MAKER_RE = []
for _alts, _company in MAKER_PREFIXES:
    _parts = []
    for _alt in _alts.split("|"):
        _tail = "$" if _alt.endswith("$") else ""
        _alt = _alt.rstrip("$")
        # a code ending in a digit must not run on into more digits ("F-16" is not "F-160")
        _guard = r"(?![0-9])" if _alt[-1:].isdigit() else ""
        _parts.append(re.escape(_alt) + _guard + _tail)
    _MAKER_RE.append((re.compile(r"^(?:" + "|".join(_parts) + r")"), _company))

# All-capital tokens that are words or names (not enough to make a form unambiguous).
WORDLIKE_CAPS = {
    "ALARM", "ARMA", "ARTEMIS", "ARTHUR", "ASTOR", "BATT", "COBRA", "CUBE", "DART", "EXTRA",
    "FLASH", "FROG", "HARD", "HAWK", "IRIS", "LORA", "MICA", "MILAN", "PAGE", "PLUTO", "SMART",
    "SPICE", "SQUIRE", "STAR", "STING", "STIR", "SWARM", "TITUS", "TRAC", "VIGILANT", "VERA",
    "ROTEM", "SOME", "VEHICLE", "IGUANE", "OPHER", "XXIII", "IIIG", "VIIC", "ATLIS", "LAHAT",
    "HELRAS", "HITFIST", "PULS", "SARP", "AUKUS", "SIGMA", "NEMO", "SPEAR", "VARAN",
}
GENERIC_WORDS = {
    "frigate", "corvette", "turret", "chassis", "sonar", "radar", "engine", "gun", "mortar",
    "vehicle", "aircraft", "helicopter", "missile", "system", "ship", "boat", "craft", "apc",
    "tank", "launcher", "rocket",
}
ROMAN = {"2": "II", "3": "III", "4": "IV", "5": "V"}


# ---- folding ------------------------------------------------------------------------------

def fold(s):
    """The comparison key of a surface form: NFKD, accents stripped, case folded, typographic
    quotes/dashes unified, '-' = ' ', spaces collapsed, and the separator between a letter
    and a digit dropped ("F-16" = "F16" = "F 16"), like the loader's letter-digit variants."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = s.replace("\u2011", "-").replace("-", " ")
    s = " ".join(s.split())
    s = re.sub(r"(?<=[a-z]) (?=\d)|(?<=\d) (?=[a-z])", "", s)
    return s


def strip_flags(form):
    while form[:1] in ("?", "="):
        form = form[1:]
    return form.strip()


def alnum_len(s):
    return sum(1 for c in s if c.isalnum())


def is_ambiguous(form):
    """True when a surface form needs context (see the module docstring)."""
    if alnum_len(form) <= 3:
        return True
    if not re.search(r"[A-Za-z]", form):
        return True
    if re.fullmatch(r"Type[- ]\d{1,2}", form):
        return True
    if re.search(r"\d", form):
        return False
    for tok in re.split(r"[ /\-]+", form):
        if re.fullmatch(r"[A-Z]{4,}", tok) and tok not in WORDLIKE_CAPS:
            return False
        if re.search(r"[a-z][A-Z]", tok):
            return False
    return True


# ---- reading SIPRI ---------------------------------------------------------------------------

def clean_designation(s):
    s = " ".join(s.split())
    s = re.sub(r"(\s+-+)+$", "", s)          # newer export: "EMB-314 -", "AIFV --"
    s = re.sub(r"\s+\(\d+\)$", "", s)         # newer export: "CF-6 (26000)" (thrust class)
    return s.strip()


def read_sipri(path, stats):
    """Yields dicts {designation, description, supplier, status} from either export."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    start = 0
    for i, ln in enumerate(lines[:40]):
        if ln.startswith("Recipient,Supplier") or ln.startswith("SIPRI AT Database ID,"):
            start = i
            break
    rows = list(csv.reader(io.StringIO("\n".join(lines[start:]))))
    if not rows:
        return
    header = rows[0]
    if header[0] == "Recipient":           # classic register: fixed positions (blank '?' columns)
        idx = {"des": 6, "desc": 7, "sup": 1, "status": 11}
    else:
        col = {h.strip(): k for k, h in enumerate(header)}
        idx = {"des": col["Designation"], "desc": col["Description"], "sup": col["Supplier"],
               "status": col["Status"]}
    width = len(header)
    pending = None
    for row in rows[1:]:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if pending is not None:
            # a record broken by a line break inside Comments: glue the pieces back
            row = pending[:-1] + [pending[-1] + " " + row[0]] + row[1:]
            pending = None
        if len(row) < width:
            pending = row
            continue
        stats["rows read"] += 1
        if len(row) > width:
            stats["rows with extra fields (kept)"] += 1
        yield {"designation": row[idx["des"]], "description": row[idx["desc"]],
               "supplier": row[idx["sup"]].strip(), "status": row[idx["status"]].strip()}
    if pending is not None:
        stats["truncated rows dropped"] += 1


HISTORICAL = {"Soviet Union", "Czechoslovakia", "Yugoslavia", "East Germany (GDR)",
              "West Germany (FRG)", "North Yemen", "South Yemen", "South Vietnam"}


def supplier_iso3(sup, countries, stats):
    """ISO3 of a SIPRI supplier: countries.csv first, the built-in table as fallback;
    historical states always use the built-in table; None for non-state suppliers."""
    if sup in SUPPLIER_ISO3 and (SUPPLIER_ISO3[sup] is None or sup in HISTORICAL):
        return SUPPLIER_ISO3[sup]
    iso = countries.get(fold(sup)) or SUPPLIER_ISO3.get(sup)
    if iso is None:
        stats["rows with an unknown supplier"] += 1
    return iso


def load_countries(path):
    """Supplier name -> ISO3 from rules/countries.csv (name and names columns), or {}."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            iso3 = (r.get("iso3") or "").strip()
            for n in [r.get("name") or ""] + (r.get("names") or "").split("|"):
                n = strip_flags(n)
                if n and iso3:
                    out.setdefault(fold(n), iso3)
    return out


def load_company_forms(path):
    """(company names, {folded form: company name}) of companies.csv."""
    names, forms = set(), {}
    if not os.path.exists(path):
        return names, forms
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            names.add(r["name"])
            for a in [r["name"]] + [a for a in r["aliases"].split("|") if a.strip()]:
                forms.setdefault(fold(strip_flags(a)), r["name"])
    return names, forms


def load_curated_forms(path):
    forms = set()
    if not os.path.exists(path):
        return forms
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            for a in [r["name"]] + [a for a in r["aliases"].split("|") if a.strip()]:
                forms.add(fold(strip_flags(a)))
    return forms


def is_generic(d):
    if not re.search(r"[A-Z]", d) and not re.search(r"\d", d):
        return True
    if re.match(r"(?i)(unidentified|unknown|some )", d):
        return True
    words = re.findall(r"[A-Za-z]+", d)
    if not re.search(r"\d", d) and any(w in GENERIC_WORDS for w in words if w.islower()):
        return True
    if words and all(w.islower() for w in words):   # "aircraft engine 1001-2000"
        return True
    return False


# ---- derived fields -----------------------------------------------------------------------------

CALIBRE = re.compile(r"\s+\d+(?:\.\d+)?(?:mm|in|inch)$")


def family_of(name):
    base = CALIBRE.sub("", name)
    m = re.match(r"(F/A|EL/M|EL/W|El/M|AN/[A-Z]{3})-?(\d+)", base)
    if m:
        return m.group(0)
    first = re.split(r"[ /]", base)[0]
    m = re.match(r"([A-Za-z]{1,12}-?\d+)", first)
    if m:
        return m.group(1)
    m = re.match(r"(\d+[A-Z]+\d+)", first)     # 2S19, 9M723, 2A65
    if m:
        return m.group(1)
    m = re.match(r"([A-Z][a-z]{2,})-[A-Z]{1,4}\b", first)   # Spike-ER, Barak-MX
    if m:
        return m.group(1)
    # no code: the name without trailing variant tokens ("Sea King HAS-1" -> "Sea King")
    toks = base.split()
    while len(toks) > 1 and (re.search(r"\d", toks[-1]) or toks[-1] in ("turret", "chassis", "Mk", "Block")):
        m = re.match(r"([A-Z][a-z]{2,})-\d", toks[-1])     # "Red Arrow-12" -> "Red Arrow"
        if m:
            toks[-1] = m.group(1)
            break
        toks.pop()
    return " ".join(toks)


def candidate_aliases(name):
    out = []

    def add(a):
        a = a.strip(" /-")
        if a and a != name and a not in out and alnum_len(a) >= 2:
            out.append(a)

    base = CALIBRE.sub("", name)
    if base != name:
        add(base)
    if "/" in base and not re.match(r"(EL|El|F|AN)/", base):
        parts = base.split("/")
        if len(parts) == 2 and all(re.search(r"[A-Za-z]", p) and alnum_len(p) >= 3
                                   and not re.match(r"[A-Za-z0-9] ", p) for p in parts):
            for p in parts:
                add(p)
    toks = base.split(" ")
    if len(toks) >= 2 and re.search(r"\d", toks[0]) and re.search(r"[A-Za-z]", toks[0]) \
            and not re.fullmatch(r"\d+(?:\.\d+)?(?:mm|in|m|ft)", toks[0]) \
            and "/" not in toks[0] and all(re.fullmatch(r"[A-Z][a-z][A-Za-z]*(-\d)?", t) for t in toks[1:]):
        add(toks[0])
        add(" ".join(toks[1:]))
    for a in [name] + list(out):
        r = re.sub(r"\b([A-Z][a-z]{3,})-([2-5])\b", lambda m: m.group(1) + " " + ROMAN[m.group(2)], a)
        if r != a:
            add(r)
    return out


def pick_maker(name, company_names):
    for rx, company in _MAKER_RE:
        if rx.match(name):
            return company if company in company_names else ""
    return ""


# ---- main import -----------------------------------------------------------------------------

def run_import(args):
    stats = collections.Counter()
    skipped = collections.Counter()
    countries = load_countries(args.countries)
    company_names, company_forms = load_company_forms(args.companies)
    curated = load_curated_forms(args.curated)

    recs = {}    # fold key -> aggregate
    for path in args.inputs:
        for r in read_sipri(path, stats):
            d = clean_designation(r["designation"])
            if not d:
                skipped["empty designation"] += 1
                continue
            k = fold(d)
            a = recs.setdefault(k, {"spell": collections.Counter(), "desc": collections.Counter(),
                                    "new": collections.Counter(), "any": collections.Counter()})
            a["spell"][d] += 1
            a["desc"][" ".join(r["description"].split())] += 1
            iso = supplier_iso3(r["supplier"], countries, stats)
            if iso:
                a["any"][iso] += 1
                if not r["status"].lower().startswith("second"):
                    a["new"][iso] += 1

    rows = []
    for k, a in recs.items():
        name = sorted(a["spell"].items(), key=lambda t: (-t[1], t[0]))[0][0]
        if is_generic(name):
            skipped["generic designation"] += 1
            continue
        if k in curated:
            skipped["already in curated systems.csv"] += 1
            continue
        if k in company_forms:
            skipped["is a company name"] += 1
            continue
        desc = sorted(a["desc"].items(), key=lambda t: (-t[1], t[0]))[0][0]
        votes = a["new"] or a["any"]
        origin = sorted(votes.items(), key=lambda t: (-t[1], t[0]))[0][0] if votes else ""
        if not origin:
            stats["systems without origin"] += 1
        rows.append({"key": k, "name": name, "category": category_of(desc), "origin": origin,
                     "family": family_of(name), "maker": pick_maker(name, company_names),
                     "cands": candidate_aliases(name)})

    # Alias arbitration: a derived alias survives only if it names one system and is
    # neither a curated form, a company form, nor another row's name.
    names = {r["key"] for r in rows}
    owners = collections.defaultdict(set)
    for r in rows:
        for c in r["cands"]:
            owners[fold(c)].add(r["key"])
    for r in rows:
        keep, seen = [], {r["key"]}
        for c in r["cands"]:
            ck = fold(c)
            if ck in seen:
                continue
            if ck in curated or ck in company_forms or (ck in names) or len(owners[ck]) > 1:
                stats["derived aliases dropped (collision)"] += 1
                continue
            seen.add(ck)
            keep.append("?" + c if is_ambiguous(c) else c)
        if is_ambiguous(r["name"]):
            keep.insert(0, "?" + r["name"])
            stats["ambiguous names"] += 1
        r["aliases"] = keep
        if not r["maker"]:
            stats["systems without maker"] += 1

    rows.sort(key=lambda r: (r["key"], r["name"]))
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow([r["name"], "|".join(r["aliases"]), r["family"], r["category"], r["origin"], r["maker"]])
    if out is not sys.stdout:
        out.close()

    cats = collections.Counter(r["category"] for r in rows)
    err = sys.stderr
    print("import_sipri: %d rows read from %d file(s)" % (stats["rows read"], len(args.inputs)), file=err)
    print("  distinct designations: %d" % len(recs), file=err)
    print("  systems written:       %d -> %s" % (len(rows), args.output), file=err)
    for why, n in sorted(skipped.items()):
        print("  skipped (%s): %d" % (why, n), file=err)
    for why, n in sorted(stats.items()):
        if why != "rows read":
            print("  %s: %d" % (why, n), file=err)
    print("  categories: " + ", ".join("%s %d" % t for t in cats.most_common()), file=err)
    if cats.get("other"):
        print("  ('other' = naval guns, turrets, refuelling kits and unmapped descriptions)", file=err)
    return 0


# ---- --check ---------------------------------------------------------------------------------------

def run_check(args):
    """Validates companies.csv, systems.csv and systems_sipri.csv; prints problems, returns 1 on any."""
    problems = []
    form_owner = {}    # folded form -> (file, line, entity)
    counts = collections.Counter()
    categories = set(CATEGORIES)
    if os.path.exists(args.categories):
        with open(args.categories, encoding="utf-8", newline="") as f:
            categories = {r["category"] for r in csv.DictReader(f)}
    countries = set()
    if os.path.exists(args.countries):
        with open(args.countries, encoding="utf-8", newline="") as f:
            countries = {r["iso3"] for r in csv.DictReader(f)}

    def claim(form, where, entity, group):
        k = fold(strip_flags(form))
        if not k:
            problems.append("%s: empty surface form" % where)
            return
        prev = form_owner.get((group, k))
        if prev and prev[2] != entity:
            problems.append("%s: surface form %r already used by %s" % (where, form, prev[0]))
        elif not prev:
            form_owner[(group, k)] = (where, k, entity)
        other = form_owner.get(("company" if group == "system" else "system", k))
        if other and group == "system":
            counts["system forms that are also company forms"] += 1
            if args.verbose:
                print("note: %s: %r is also a company form (%s)" % (where, form, other[0]))

    def read(path, header):
        with open(path, encoding="utf-8", newline="") as f:
            data = f.read()
        if "\r" in data and "\r\n" not in data:
            problems.append("%s: bare CR line endings" % path)
        rows = list(csv.reader(io.StringIO(data)))
        if not rows or rows[0] != header:
            problems.append("%s: header must be %s, not %s" % (path, ",".join(header), rows[0] if rows else None))
            return []
        out = []
        for i, r in enumerate(rows[1:], start=2):
            if len(r) != len(header):
                problems.append("%s:%d: %d fields, expected %d" % (path, i, len(r), len(header)))
                continue
            if any(c != c.strip() for c in r):
                problems.append("%s:%d: leading/trailing space in a cell" % (path, i))
            out.append((i, dict(zip(header, r))))
        return out

    companies = {}
    for i, r in read(args.companies, COMPANY_HEADER):
        where = "%s:%d" % (os.path.basename(args.companies), i)
        if r["name"] in companies:
            problems.append("%s: duplicate company %r" % (where, r["name"]))
        companies[r["name"]] = r
        if not re.fullmatch(r"[A-Z]{3}", r["country"]):
            problems.append("%s: country %r is not ISO3" % (where, r["country"]))
        elif countries and r["country"] not in countries:
            problems.append("%s: country %r not in countries.csv" % (where, r["country"]))
        if r["kind"] not in COMPANY_KINDS:
            problems.append("%s: kind %r" % (where, r["kind"]))
        if r["name"][:1] in "?=":
            problems.append("%s: flag on the name (put it on an alias)" % where)
        for a in [r["name"]] + [a for a in r["aliases"].split("|")]:
            claim(a, where, ("company", r["name"]), "company")
        counts["companies"] += 1

    for path in (args.curated, args.output):
        if not os.path.exists(path):
            problems.append("%s: missing" % path)
            continue
        for i, r in read(path, HEADER):
            where = "%s:%d" % (os.path.basename(path), i)
            ent = ("system", path, i)
            if r["category"] not in categories:
                problems.append("%s: category %r not in the controlled list" % (where, r["category"]))
            if r["origin"] and not re.fullmatch(r"[A-Z]{3}", r["origin"]):
                problems.append("%s: origin %r is not ISO3" % (where, r["origin"]))
            elif r["origin"] and countries and r["origin"] not in countries:
                problems.append("%s: origin %r not in countries.csv" % (where, r["origin"]))
            if r["maker"] and r["maker"] not in companies:
                problems.append("%s: maker %r not in companies.csv" % (where, r["maker"]))
            if path == args.curated and not r["origin"]:
                problems.append("%s: curated rows need an origin" % where)
            if r["name"][:1] in "?=":
                problems.append("%s: flag on the name (put it on an alias)" % where)
            for a in [r["name"]] + [a for a in r["aliases"].split("|") if a != ""]:
                claim(a, where, ent, "system")
            counts[os.path.basename(path)] += 1
    for p in problems:
        print("problem: " + p)
    for what, n in sorted(counts.items()):
        print("%s: %d" % (what, n))
    print("surface forms: %d; problems: %d" % (len(form_owner), len(problems)))
    return 1 if problems else 0


# ---- --self-test: the heuristics on known cases ------------------------------------------------

SELF_TESTS = [
    # (function, argument, expected)
    ("family", "F-16C", "F-16"), ("family", "T-72B3", "T-72"), ("family", "Mi-17", "Mi-17"),
    ("family", "S-300PMU2 Favorit", "S-300"), ("family", "F/A-18E Super Hornet", "F/A-18"),
    ("family", "2S19 MSTA-S 152mm", "2S19"), ("family", "Spike-ER", "Spike"),
    ("family", "Red Arrow-12", "Red Arrow"), ("family", "Sea King HAS-1", "Sea King"),
    ("family", "EL/M-2084", "EL/M-2084"), ("family", "Al-Maha", "Al-Maha"),
    ("category", "FGA aircraft", "fighter aircraft"), ("category", "SAM system", "air defence system"),
    ("category", "SAM", "SAM"), ("category", "portable SAM", "MANPADS"),
    ("category", "BVRAAM", "air-to-air missile"), ("category", "self-propelled MRL", "MLRS"),
    ("category", "self-propelled gun", "self-propelled artillery"), ("category", "IFV", "armoured vehicle"),
    ("category", "armed UAV", "UAV"), ("category", "loitering munition", "loitering munition"),
    ("category", "Some new description", "other"), ("category", "stealth drone", "UAV"),
    ("ambiguous", "Leopard", True), ("ambiguous", "K2", True), ("ambiguous", "R-60", True),
    ("ambiguous", "53-65", True), ("ambiguous", "Type-59", True), ("ambiguous", "NASAMS", False),
    ("ambiguous", "ScanEagle", False), ("ambiguous", "COBRA", True), ("ambiguous", "F-16C", False),
    ("ambiguous", "Abu Dhabi", True), ("ambiguous", "Type-054A", False),
    ("generic", "aircraft engine", True), ("generic", "aircraft engine 1001-2000", True),
    ("generic", "Unidentified sonar", True), ("generic", "Textron turret", True),
    ("generic", "BMP-2 turret", False), ("generic", "Mi-17", False),
    ("clean", "EMB-314 -", "EMB-314"), ("clean", "AIFV --", "AIFV"), ("clean", "CF-6 (26000)", "CF-6"),
    ("clean", "Black  Scorpion ", "Black Scorpion"),
    ("fold", "F-16", "f16"), ("fold", "F 16", "f16"), ("fold", "H-135", "h135"),
    ("fold", "Scorpène", "scorpene"), ("fold", "M-1A2 SEPv-3 Abrams", "m1a2sepv3abrams"), ("fold", "Sa'ar 6", "sa'ar6"),
    ("aliases", "BM-21 Grad 122mm", ["BM-21 Grad", "BM-21", "Grad"]),
    ("aliases", "Bell-205/UH-1H", ["Bell-205", "UH-1H"]),
    ("aliases", "F-4E Phantom-2", ["F-4E", "Phantom-2", "F-4E Phantom II", "Phantom II"]),
    ("aliases", "Type-209/1400", []), ("aliases", "375mm Quad", []),
    ("aliases", "GBU-53/B StormBreaker", []),
    ("supplier", "Soviet Union", "RUS"), ("supplier", "Yugoslavia", "SRB"),
    ("supplier", "East Germany (GDR)", "DEU"), ("supplier", "unknown supplier(s)", None),
]


def run_self_test():
    funcs = {"family": family_of, "category": category_of, "ambiguous": is_ambiguous,
             "generic": is_generic, "clean": clean_designation, "fold": fold,
             "aliases": candidate_aliases,
             "supplier": lambda s: supplier_iso3(s, {}, collections.Counter())}
    bad = 0
    for fn, arg, want in SELF_TESTS:
        got = funcs[fn](arg)
        if got != want:
            bad += 1
            print("FAIL %s(%r) = %r, expected %r" % (fn, arg, got, want))
    print("self-test: %d cases, %d failed" % (len(SELF_TESTS), bad))
    return 1 if bad else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help="SIPRI export(s) (CSV, either format)")
    ap.add_argument("-o", "--output", help="output CSV ('-' = stdout; default DIR/systems_sipri.csv)")
    ap.add_argument("--rules", metavar="DIR", default=os.path.join(ROOT, "rules"),
                    help="rule directory holding systems.csv, companies.csv, countries.csv "
                         "(default: the repository's rules/)")
    ap.add_argument("--curated", help="hand-curated systems file (default: DIR/systems.csv)")
    ap.add_argument("--companies", help="companies file (default: DIR/companies.csv)")
    ap.add_argument("--countries", help="countries file (default: DIR/countries.csv)")
    ap.add_argument("--categories", help="categories file (default: DIR/categories.csv)")
    ap.add_argument("--check", action="store_true",
                    help="validate companies.csv, systems.csv and the output file, then exit")
    ap.add_argument("--self-test", action="store_true", help="check the heuristics on known cases, then exit")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.self_test:
        return run_self_test()
    for name in ("curated", "companies", "countries", "categories"):
        if getattr(args, name) is None:
            fn = "systems.csv" if name == "curated" else name + ".csv"
            setattr(args, name, os.path.join(args.rules, fn))
    if args.output is None:
        args.output = os.path.join(args.rules, "systems_sipri.csv")
    if args.check:
        return run_check(args)
    if not args.inputs:
        ap.error("give at least one SIPRI CSV (or --check)")
    rc = run_import(args)
    return rc


if __name__ == "__main__":
    sys.exit(main())
