#!/usr/bin/python3
"""Builds localism's geography tables for England from the official files in data/england/.

    scripts/england_geography.py [--data data/england] [--out data/england]

Writes <out>/geography/communities.csv (32,844 neighbourhoods) and <out>/geography/councils.csv
(317 councils) in the format of docs/user-guide.md, "Using a real geography", and the same
tables for each region of REGIONS (<out>/<region>/) for quick runs. The output is deterministic (same
bytes for the same inputs): tests/python/test_england_geography.py rebuilds it and compares with
the checked-in copy.

What it handles in the published files: the UTF-8 byte-order mark that opens the IMD headers,
CRLF line ends, numbers quoted with thousands separators ("29,199"), and the rural-urban file
covering England and Wales (only the E codes are kept; every English LSOA must have one).
"""
import argparse
import csv
import gzip
import pathlib
import sys

# IMD 2019 ranks run 1..32,844 (1 = most deprived).
RANKED_AREAS = 32844
DOMAINS = [  # output column, start of the published column name
    ("income", "Income Rank"),
    ("employment", "Employment Rank"),
    ("education", "Education, Skills and Training Rank"),
    ("health", "Health Deprivation and Disability Rank"),
    ("crime", "Crime Rank"),
    ("housing", "Barriers to Housing and Services Rank"),
    ("environment", "Living Environment Rank"),
]
# ONS 2011 rural-urban classes D1, D2 (rural town and fringe) and E1, E2 (villages, hamlets and
# isolated dwellings) are rural; A1, B1, C1, C2 (conurbations, cities and towns) are urban.
RURAL_CLASSES = {"D1", "D2", "E1", "E2"}
# Regions written besides all of England: name -> the 2019 LAD codes of their councils.
REGIONS = {
    # The ten metropolitan districts of the Greater Manchester Combined Authority.
    "greater_manchester": [f"E080000{k:02d}" for k in range(1, 11)],
}
# Council type from the GSS code prefix of a 2019 Local Authority District.
COUNCIL_TYPES = {
    "E06": "unitary authority",
    "E07": "non-metropolitan district",
    "E08": "metropolitan district",
    "E09": "London borough",
}


def rows(path):
    """Rows of a gzipped CSV as dicts; utf-8-sig drops the byte-order mark."""
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


def number(text):
    """An integer as published, possibly quoted with thousands separators ("1,296")."""
    return int(text.replace(",", "").strip())


def column(row, start):
    """The value of the one column whose name starts with `start`."""
    names = [name for name in row if name.startswith(start)]
    if len(names) != 1:
        sys.exit(f"expected one column starting with {start!r}, found {names}")
    return row[names[0]]


def score(rank):
    """Deprivation score 0-1 (1 = most deprived) from a rank among England's LSOAs: the share
    of neighbourhoods less deprived, at the middle of the rank's slot."""
    return f"{1.0 - (rank - 0.5) / RANKED_AREAS:.6f}"


def read_tables(data):
    index = {r["LSOA code (2011)"]: r for r in rows(data / "imd2019_lsoa_index.csv.gz")}
    domains = {r["LSOA code (2011)"]: r for r in rows(data / "imd2019_lsoa_domains.csv.gz")}
    people = {r["LSOA code (2011)"]: r for r in rows(data / "imd2019_lsoa_population.csv.gz")}
    rural = {}
    for r in rows(data / "ruc2011_lsoa_england_wales.csv.gz"):
        if r["LSOA11CD"].startswith("E"):  # Welsh LSOAs (W) are not in the IMD
            rural[r["LSOA11CD"]] = r["RUC11CD"]
    for name, table in [("domains", domains), ("population", people), ("rural-urban", rural)]:
        missing = sorted(set(index) - set(table))
        if missing:
            sys.exit(f"{len(missing)} LSOAs of the index lack {name} rows, e.g. {missing[:3]}")
    return index, domains, people, rural


def community_row(code, i, d, p, ruc):
    rank = number(column(i, "Index of Multiple Deprivation (IMD) Rank"))
    decile = number(column(i, "Index of Multiple Deprivation (IMD) Decile"))
    row = [code, i["Local Authority District code (2019)"],
           str(number(column(p, "Total population"))), score(rank), str(decile),
           "1" if ruc in RURAL_CLASSES else "0"]
    row += [score(number(column(d, start))) for _, start in DOMAINS]
    row += [i["LSOA name (2011)"], ruc, str(rank)]
    return row


def build(data, out, councils=None):
    """Writes the tables for every council, or only those in `councils`."""
    index, domains, people, rural = read_tables(data)
    if councils is not None:
        index = {c: r for c, r in index.items()
                 if r["Local Authority District code (2019)"] in councils}
    header = ["id", "council", "population", "deprivation", "deprivation_decile", "rural"]
    header += [name for name, _ in DOMAINS] + ["name", "rural_urban_class", "imd_rank"]
    # Councils in code order; neighbourhoods within a council in LSOA-name order ("Birmingham
    # 001A"...), which keeps those of one MSOA (a group of adjacent LSOAs) next to each other.
    order = sorted(index, key=lambda c: (index[c]["Local Authority District code (2019)"],
                                         index[c]["LSOA name (2011)"], c))
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "communities.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for code in order:
            w.writerow(community_row(code, index[code], domains[code], people[code], rural[code]))
    councils = {}
    for code in order:
        councils.setdefault(index[code]["Local Authority District code (2019)"],
                            index[code]["Local Authority District name (2019)"])
    with open(out / "councils.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "type"])
        for code, name in councils.items():
            w.writerow([code, name, COUNCIL_TYPES[code[:3]]])
    people_total = sum(number(column(people[c], "Total population")) for c in order)
    print(f"{len(order)} communities, {len(councils)} councils, {people_total:,} people -> {out}")


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=root / "data" / "england")
    parser.add_argument("--out", type=pathlib.Path, default=root / "data" / "england")
    args = parser.parse_args()
    build(args.data, args.out / "geography")
    for region, councils in REGIONS.items():
        build(args.data, args.out / region, set(councils))


if __name__ == "__main__":
    main()
