#!/usr/bin/env python3
"""Writes the field-format fixtures under tests/data/field/ that are not plain text
typed by hand (workbooks, Latin-1 bytes), with the standard library only:

    python3 scripts/make_field_fixtures.py

- census_country_china.xlsx  the Census country.xlsx layout (year, CTY_CODE, CTYNAME,
                             IJAN … IDEC, IYR, EJAN … EDEC, EYR) for China only, 2022
                             and 2023 with Nov–Dec 2023 not yet released (0, as the
                             Census file shows them).
- census_country.xlsx        the same with Canada and Mexico rows: a file that needs a
                             choice of partner.
- census_country.csv         census_country.xlsx saved as CSV.
- bad/census_country_bad_value.csv   a cell "12,3x" where a number belongs.
- comtrade_latin1.csv        a UN Comtrade (legacy) CSV in ISO-8859-1 with
                             "Côte d'Ivoire" as partner.

China's figures are Census monthly NSA goods trade in USD millions, rounded to a
tenth (assets/data/china_trade_monthly.csv, from country.xlsx via bdecon). The
Canada and Mexico rows and the Comtrade values are made-up test values of a
realistic size, not data: never use them in assets/.
"""

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_workbook_fixtures import write_xlsx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "field"
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
HEADER = (
    ["year", "CTY_CODE", "CTYNAME"]
    + [f"I{m}" for m in MONTHS]
    + ["IYR"]
    + [f"E{m}" for m in MONTHS]
    + ["EYR"]
)


def china():
    monthly = {}
    # The repository's own copy of the reference data, with its sources beside it.
    source = ROOT / "assets" / "data" / "china_trade_monthly.csv"
    for row in csv.DictReader(open(source)):
        year, month = int(row["month"][:4]), int(row["month"][5:7])
        if year in (2022, 2023):
            monthly[(year, month)] = (
                round(float(row["imports_musd"]), 1),
                round(float(row["exports_musd"]), 1),
            )
    rows = []
    for year in (2022, 2023):
        imports = [monthly.get((year, m), (0.0, 0.0))[0] for m in range(1, 13)]
        exports = [monthly.get((year, m), (0.0, 0.0))[1] for m in range(1, 13)]
        rows.append((year, 5700, "China", imports, exports))
    return rows


def made_up(code, name, base_imports, base_exports):
    rows = []
    for year in (2022, 2023):
        months = 12 if year == 2022 else 10
        imports = [round(base_imports + 100.0 * m, 1) if m < months else 0.0 for m in range(12)]
        exports = [round(base_exports + 50.0 * m, 1) if m < months else 0.0 for m in range(12)]
        rows.append((year, code, name, imports, exports))
    return rows


def sheet_rows(rows):
    out = {1: HEADER}
    for number, (year, code, name, imports, exports) in enumerate(rows, start=2):
        out[number] = (
            [year, code, name]
            + imports
            + [round(sum(imports), 1)]
            + exports
            + [round(sum(exports), 1)]
        )
    return out


def main():
    only_china = china()
    many = only_china + made_up(1220, "Canada", 35000.0, 29000.0) + made_up(
        2010, "Mexico", 38000.0, 27000.0
    )
    write_xlsx(OUT / "census_country_china.xlsx", [("country", sheet_rows(only_china))])
    write_xlsx(OUT / "census_country.xlsx", [("country", sheet_rows(many))])
    lines = [",".join(HEADER)]
    for row in sheet_rows(many).values():
        if row is HEADER:
            continue
        lines.append(",".join(str(cell) for cell in row))
    (OUT / "census_country.csv").write_text("\n".join(lines) + "\n")
    bad = list(lines)
    bad[2] = bad[2].replace(",China,", ",China,12,3x,", 1)
    cells = bad[2].split(",")
    # Keep the width: drop the cell after the bad one.
    del cells[5]
    bad[2] = ",".join(cells)
    (OUT / "bad" / "census_country_bad_value.csv").write_text("\n".join(bad) + "\n")
    comtrade = [
        "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
        "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
        "Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Netweight (kg),Trade Value (US$),Flag",
    ]
    values = {
        (2021, "Import"): 1452730012,
        (2021, "Export"): 431022540,
        (2022, "Import"): 1598311207,
        (2022, "Export"): 398712004,
        (2023, "Import"): 1387264519,
        (2023, "Export"): 455120998,
    }
    for (year, flow), value in values.items():
        code = 1 if flow == "Import" else 2
        comtrade.append(
            f'HS,{year},{year},{year},0,0,{code},{flow},842,USA,USA,384,'
            f'Côte d\'Ivoire,CIV,TOTAL,All Commodities,1,No Quantity,,,{value},0'
        )
    (OUT / "comtrade_latin1.csv").write_bytes(("\r\n".join(comtrade) + "\r\n").encode("latin-1"))


if __name__ == "__main__":
    main()
