#!/usr/bin/env python3
"""Writes the spreadsheet fixtures under tests/data/workbook/ by hand, with the
standard library only (zipfile), so the bytes are the same on every machine:

    python3 scripts/make_workbook_fixtures.py

- good.xlsx            wide sheet "Trade" with `# key: value` rows above the header, a
                       "Notes" sheet that is ignored, and an "Events" sheet whose
                       dates are Excel date serials; strings are shared strings.
- good.ods             wide sheet "Tariffs" with date cells, and an "events" sheet.
- percent.xlsx         tariff rates stored as fractions (0.031) in a 0.00% format.
- formula_error.xlsx   like good.xlsx, with #DIV/0! cached in cell C6.
- empty_sheet.xlsx     a first sheet with no cells.
- bad_value.xlsx       a text cell "n/a?" where a number belongs, at sheet row 6.
- bad_sheets.xlsx      problems on both sheets: "n/a?" in Trade!B6, a slashed date in
                       Events!A3 and #REF! in Events!B4, all reported together.
- shifted.xlsx         a table starting at C2, with "n/a?" in D3.
- not_a_workbook.zip   a zip of a text file and a CSV.
- truncated.xlsx       the first half of good.xlsx.
- good.xls             the legacy binary format, written with xlwt when it is
                       installed (`pip install xlwt`); otherwise the committed file
                       is kept.
- corrupt.xlsx         a zip with xl/workbook.xml that is not XML a workbook holds.
- oversized.xlsx       good.xlsx whose directory claims a 3 GB sheet (a zip bomb's
                       signature; the bytes themselves are small).

The figures are a few rows of assets/data (Census, in USD bn; Bown/PIIE tariffs).
"""

import datetime
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "workbook"
# Files every reader must refuse; the all-fixtures test checks each one fails.
BAD = OUT / "bad"
STAMP = (2026, 1, 1, 0, 0, 0)


def write_zip(path, files):
    """A zip whose bytes do not depend on the clock; `files` is [(name, text, stored)]."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text, stored in files:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))


# ---------------------------------------------------------------------------------
# XLSX


def column_name(index):
    name = ""
    index += 1
    while index:
        index, digit = divmod(index - 1, 26)
        name = chr(ord("A") + digit) + name
    return name


def excel_serial(text):
    """Days since 1899-12-30, as Excel stores a date."""
    day = datetime.date.fromisoformat(text)
    return (day - datetime.date(1899, 12, 30)).days


class Strings:
    """The shared-strings table of a workbook."""

    def __init__(self):
        self.items = []

    def index(self, text):
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text)

    def xml(self):
        items = "".join(f"<si><t xml:space=\"preserve\">{escape(s)}</t></si>" for s in self.items)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(self.items)}" uniqueCount="{len(self.items)}">{items}</sst>'
        )


def sheet_xml(rows, strings):
    """`rows` maps a 1-based row number to cells: str (shared string), int/float,
    ("date", "2018-07-06"), ("percent", 0.031) shown as 3.10%,
    ("error", "#DIV/0!", "B6/0") or None (no cell)."""
    out = []
    for number in sorted(rows):
        cells = []
        for index, value in enumerate(rows[number]):
            ref = f"{column_name(index)}{number}"
            if value is None:
                continue
            if isinstance(value, str):
                cells.append(f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>')
            elif isinstance(value, tuple) and value[0] == "date":
                cells.append(f'<c r="{ref}" s="1"><v>{excel_serial(value[1])}</v></c>')
            elif isinstance(value, tuple) and value[0] == "percent":
                cells.append(f'<c r="{ref}" s="2"><v>{value[1]!r}</v></c>')
            elif isinstance(value, tuple) and value[0] == "error":
                cells.append(
                    f'<c r="{ref}" t="e"><f>{escape(value[2])}</f><v>{escape(value[1])}</v></c>'
                )
            else:
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
        out.append(f'<row r="{number}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(out)}</sheetData></worksheet>'
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    "</styleSheet>"
)


def write_xlsx(path, sheets):
    """`sheets` is [(name, rows)] in workbook order."""
    strings = Strings()
    sheet_files = [sheet_xml(rows, strings) for _, rows in sheets]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_entries = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, (name, _) in enumerate(sheets, start=1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheet_entries}</sheets></workbook>"
    )
    n = len(sheets)
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    files = [
        ("[Content_Types].xml", content_types, False),
        ("_rels/.rels", root_rels, False),
        ("xl/workbook.xml", workbook, False),
        ("xl/_rels/workbook.xml.rels", workbook_rels, False),
        ("xl/styles.xml", STYLES, False),
    ]
    files += [
        (f"xl/worksheets/sheet{i}.xml", xml, False)
        for i, xml in enumerate(sheet_files, start=1)
    ]
    files.append(("xl/sharedStrings.xml", strings.xml(), False))
    write_zip(path, files)


TRADE_ROWS = {
    1: ["# title: US–China goods trade (workbook sample)"],
    2: ["# source", "US Census Bureau, Trade in Goods with China"],
    4: ["year", "Exports (USD bn)", "Imports (USD bn)", "Balance (USD bn)"],
    5: [2017, 129.9972, 505.1651, -375.1679],
    6: [2018, 120.2812, 538.5142, -418.2329],
    7: [2019, 106.4812, None, -342.6295],
}

EVENTS_ROWS = {
    1: ["date", "title", "category", "end_date", "source"],
    2: [("date", "2018-07-06"), "Section 301 List 1 tariffs", "tariff action", None, "USTR"],
    3: [("date", "2020-01-15"), "Phase One agreement signed", "agreement or truce", None, "PIIE"],
    4: [
        ("date", "2025-11-10"),
        "Busan truce implemented and extended",
        "agreement or truce",
        ("date", "2026-11-10"),
        "gocomet.com",
    ],
}


def xlsx_fixtures():
    notes = {1: ["This sheet is not read."]}
    write_xlsx(OUT / "good.xlsx", [("Trade", TRADE_ROWS), ("Notes", notes), ("Events", EVENTS_ROWS)])
    broken = dict(TRADE_ROWS)
    broken[6] = [2018, 120.2812, ("error", "#DIV/0!", "B6/0"), -418.2329]
    write_xlsx(BAD / "formula_error.xlsx", [("Trade", broken)])
    write_xlsx(BAD / "empty_sheet.xlsx", [("Sheet1", {}), ("Events", EVENTS_ROWS)])
    bad = dict(TRADE_ROWS)
    bad[6] = [2018, "n/a?", 538.5142, -418.2329]
    write_xlsx(BAD / "bad_value.xlsx", [("Trade", bad)])
    bad_events = dict(EVENTS_ROWS)
    bad_events[3] = ["7/6/2018", "Slashed date", "tariff action", None, "USTR"]
    bad_events[4] = [("date", "2025-11-10"), ("error", "#REF!", "Sheet9!A1"), None, None, None]
    write_xlsx(BAD / "bad_sheets.xlsx", [("Trade", bad), ("Events", bad_events)])
    shifted = {
        2: [None, None, "year", "Balance (USD bn)"],
        3: [None, None, 2018, "n/a?"],
    }
    write_xlsx(BAD / "shifted.xlsx", [("Trade", shifted)])
    tariffs = {
        1: ["date", "US tariff on Chinese goods (%)"],
        2: [("date", "2018-01-01"), ("percent", 0.031)],
        3: [("date", "2018-09-24"), ("percent", 0.12)],
        4: [("date", "2019-06-15"), ("percent", 0.175)],
    }
    write_xlsx(OUT / "percent.xlsx", [("Tariffs", tariffs)])
    good = (OUT / "good.xlsx").read_bytes()
    (BAD / "truncated.xlsx").write_bytes(good[: len(good) // 2])


# ---------------------------------------------------------------------------------
# ODS


def ods_cell(value):
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, tuple) and value[0] == "date":
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value[1]}">'
            f"<text:p>{value[1]}</text:p></table:table-cell>"
        )
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
    return (
        f'<table:table-cell office:value-type="float" office:value="{value!r}">'
        f"<text:p>{value!r}</text:p></table:table-cell>"
    )


def ods_table(name, rows):
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )
    return f'<table:table table:name="{escape(name)}">{body}</table:table>'


def write_ods(path, sheets):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
        + "".join(ods_table(name, rows) for name, rows in sheets)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    write_zip(
        path,
        [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", True),
            ("META-INF/manifest.xml", manifest, False),
            ("content.xml", content, False),
        ],
    )


def ods_fixtures():
    tariffs = [
        ["# title: Average tariffs, US and China"],
        ["date", "US tariff on China (%)", "China tariff on US (%)"],
        [("date", "2018-01-01"), 3.1, 8.0],
        [("date", "2018-09-24"), 12.0, 18.3],
        [("date", "2020-02-14"), 19.3, 20.3],
        [("date", "2025-02-04"), 30.8, None],
    ]
    events = [
        ["date", "title", "category"],
        [("date", "2019-05-10"), "US raises List 3 tariffs to 25%", "tariff action"],
        [("date", "2020-02-14"), "Phase One implemented", "agreement or truce"],
    ]
    write_ods(OUT / "good.ods", [("Tariffs", tariffs), ("events", events)])


def other_fixtures():
    write_zip(
        BAD / "not_a_workbook.zip",
        [
            ("readme.txt", "Trade data, zipped.\n", False),
            ("trade.csv", "year,Balance (USD bn)\n2018,-418.2329\n", False),
        ],
    )


def xls_fixture():
    try:
        import xlwt
    except ImportError:
        print("xlwt is not installed: good.xls left as it is")
        return
    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    trade = book.add_sheet("Trade")
    for r, row in enumerate(
        [
            ["year", "Balance (USD bn)"],
            [2017, -375.1679],
            [2018, -418.2329],
            [2019, -342.6295],
        ]
    ):
        for c, value in enumerate(row):
            trade.write(r, c, value)
    events = book.add_sheet("EVENTS")
    events.write(0, 0, "date")
    events.write(0, 1, "title")
    events.write(1, 0, datetime.date(2020, 1, 15), dates)
    events.write(1, 1, "Phase One agreement signed")
    book.save(str(OUT / "good.xls"))


def broken_fixtures():
    write_zip(
        BAD / "corrupt.xlsx",
        [
            ("[Content_Types].xml", "<Types", False),
            ("xl/workbook.xml", "<workbook><sheets><sheet name=", False),
        ],
    )
    # Claim 3 GB unpacked for the first sheet in the central directory.
    data = bytearray((OUT / "good.xlsx").read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name:
            data[at + 24 : at + 28] = (3_000_000_000).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    (BAD / "oversized.xlsx").write_bytes(bytes(data))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    xlsx_fixtures()
    ods_fixtures()
    other_fixtures()
    xls_fixture()
    broken_fixtures()
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
