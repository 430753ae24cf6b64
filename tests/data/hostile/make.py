#!/usr/bin/env python3
"""Writes the small hostile files of tests/data/hostile/ (run from anywhere).

Each file is something a user may really open by mistake or by malice. What the app
must answer to each is asserted in tests/hostile.rs. The huge ones (a 50 MB line,
100,000 columns, a zip bomb named .xlsx, JSON nested 100,000 deep, a FIFO, a symlink
loop) are made by the tests in a temporary folder instead of being committed.
"""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = "year,Balance (USD bn)\n2017,-375\n2018,-418\n2019,-345\n"


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as file:
        file.write(data)


def pseudo_random(count, seed=12345):
    """Deterministic bytes, so the committed files do not change on every run."""
    out = bytearray()
    state = seed
    for _ in range(count):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((state >> 16) & 0xFF)
    return bytes(out)


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, content)
    return buffer.getvalue()


# Empty and nearly empty.
write("empty.csv", b"")
write("bom_only.csv", b"\xef\xbb\xbf")
write("bom_only_utf16le.csv", b"\xff\xfe")
write("newlines_only.csv", "\r\n\n\r\n\n")
write("header_only.csv", "year,Balance (USD bn)\n")
write("metadata_only.csv", "# title: Nothing here\n# source: nobody\n")
write("separators_only.csv", ",,,,\n,,,,\n,,,,\n")

# Not text.
write("nul_bytes.csv", b"year,Balance (USD bn)\n2017,-375\x00\n2018,-418\n")
write("binary.csv", pseudo_random(4096))
write("binary_high_bytes.csv", bytes(range(0x80, 0x100)) * 8)
write("gzip.csv", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + pseudo_random(200, 7))
write("png_named.csv", b"\x89PNG\r\n\x1a\n" + pseudo_random(300, 9))
write("html_named.csv", "<!DOCTYPE html>\n<html><body><table><tr><td>2018</td></tr></table></body></html>\n")

# Encodings.
write("utf16le_bom.csv", b"\xff\xfe" + GOOD.encode("utf-16-le"))
write("utf16be_bom.csv", b"\xfe\xff" + GOOD.encode("utf-16-be"))
write("utf16le_no_bom.csv", GOOD.encode("utf-16-le"))
write("utf16be_no_bom.csv", GOOD.encode("utf-16-be"))
write("utf16le_bom_odd_length.csv", b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x32")
write("utf8_bom_then_invalid.csv", b"\xef\xbb\xbf" + b"year,Balance \xff\xfe (USD bn)\n2017,-375\n")
write("windows1252_undefined_bytes.csv", b"year,Balance \x81\x8d\x8f (USD bn)\n2017,-375\n2018,-418\n")
write("control_characters.csv", "year,Bal\x01ance\x07 (USD bn)\n2017,-375\x1b\n2018,-418\n")
write("bidi_and_zero_width.csv", "year,\u202eBalance\u200b (USD bn)\n2017,-375\n2018,-418\n")

# Line endings and quoting.
write("mixed_line_endings.csv", "year,Balance (USD bn)\r\n2017,-375\n2018,-418\r2019,-345\r\n")
write("cr_only.csv", GOOD.replace("\n", "\r"))
write("unbalanced_quote.csv", 'year,"Balance (USD bn)\n2017,-375\n2018,-418\n')
write("quote_in_cell.csv", 'year,Balance (USD bn)\n2017,"-3"75"\n2018,-418\n')
write("ragged_rows.csv", "year,A,B\n2017,1\n2018,1,2,3\n2019,,,,,,\n")

# Numbers.
write("cell_1e400.csv", "year,Balance (USD bn)\n2017,-375\n2018,1e400\n")
write("cell_nan.csv", "year,Balance (USD bn)\n2017,-375\n2018,NaN\n")
write("cell_inf.csv", "year,Balance (USD bn)\n2017,-375\n2018,inf\n")
write("cell_negative_infinity.csv", "year,Balance (USD bn)\n2017,-375\n2018,-Infinity\n")
write("cell_1e16.csv", "year,Balance (USD bn)\n2017,-375\n2018,1e16\n")
write("cell_tiny.csv", "year,Balance (USD bn)\n2017,-375\n2018,1e-400\n")
write("cell_many_digits.csv", "year,Balance (USD bn)\n2017,-375\n2018," + "9" * 400 + "\n")
write("cell_hex.csv", "year,Balance (USD bn)\n2017,-375\n2018,0x1F\n")

# Periods.
write("year_negative.csv", "year,Balance (USD bn)\n-2018,-375\n2019,-418\n")
write("year_99999.csv", "year,Balance (USD bn)\n2018,-375\n99999,-418\n")
write("year_zero.csv", "year,Balance (USD bn)\n0,-375\n2019,-418\n")
write("month_13.csv", "month,Balance (USD bn)\n2018-12,-30\n2018-13,-31\n")
write("day_february_30.csv", "date,Balance (USD bn)\n2018-02-28,-1\n2018-02-30,-2\n")
write("dates_out_of_order.csv", "year,Balance (USD bn)\n2019,-345\n2017,-375\n2018,-418\n")
write("duplicated_periods.csv", "year,Balance (USD bn)\n2017,-375\n2018,-418\n2018,-419\n")
write("mixed_period_kinds.csv", "period,Balance (USD bn)\n2017,-375\n2018-Q1,-100\n2018-05,-30\n")
write("huge_year_number.csv", "year,Balance (USD bn)\n2018,-1\n" + "9" * 40 + ",-2\n")

# Events.
write("events_year_99999.csv", "date,title\n2018-07-06,Tariffs\n99999-01-01,Far future\n")
write("events_end_before_start.csv", "date,title,description,category,end_date\n2019-05-10,Raise,,tariff,2018-01-01\n")
write("events_empty_titles.csv", "date,title\n2018-07-06,\n2019-01-01,\n")

# JSON.
write("json_nested_1000.json", "[" * 1000 + "]" * 1000)
write("json_nan.json", '{"tradechart":1,"series":[{"name":"A","points":[["2018",NaN]]}]}')
write("json_1e400.json", '{"tradechart":1,"series":[{"name":"A","points":[["2018",1e400]]}]}')
write("json_trailing_garbage.json", '{"tradechart":1,"series":[]} trailing')
write("json_wrong_types.json", '{"tradechart":"one","series":{"name":5}}')
write("json_string_only.json", '"just a string"')
write("json_truncated.json", '{"tradechart":1,"series":[{"name":"A","points":[["2018",1')
write("json_year_99999.json", '{"tradechart":1,"series":[{"name":"A","points":[["99999",1]]}]}')
write("json_duplicate_periods.json", '{"tradechart":1,"series":[{"name":"A","points":[["2018",1],["2018",2]]}]}')
write("json_huge_version.json", '{"tradechart":18446744073709551616,"series":[]}')

# Workbooks.
write("zip_header_only.xlsx", b"PK\x03\x04")
write("ole_header_only.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
write("text_named.xlsx", GOOD)
write("random_zip.xlsx", zip_bytes([("hello.txt", "not a workbook"), ("xl/nothing.bin", pseudo_random(64))]))
write("xlsx_no_sheets.xlsx", zip_bytes([
    ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    ("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
]))
write("xlsx_garbage_xml.xlsx", zip_bytes([
    ("[Content_Types].xml", "<<<<"),
    ("xl/workbook.xml", "<workbook><sheets><sheet name="),
]))
with open(os.path.join(HERE, "..", "workbook", "bad", "formula_error.xlsx"), "rb") as source:
    write("formula_error.xlsx", source.read())
with open(os.path.join(HERE, "..", "workbook", "good.xlsx"), "rb") as source:
    good_xlsx = source.read()
write("truncated_half.xlsx", good_xlsx[: len(good_xlsx) // 2])
write("ods_garbage_content.ods", zip_bytes([
    ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    ("content.xml", "<office:document-content><table:table"),
]))

# Found by fuzzing (fuzz/artifacts/workbook/oom-ce0efb…): good.xls mutated so that a
# sector chain loops; calamine filled the memory following it. Kept as found, not
# written here: xls_sector_chain_loop.xls. Likewise xls_huge_dimensions.xls (fuzz
# crash-c2e008…): a DIMENSIONS record of billions of rows; calamine reserved 343 GB.
# And ods_repeated_cells_bad_checksum.ods (fuzz oom-d32c70…): ods_repeated_cells.ods
# below with a byte changed, so the zip reader fails at the end of content.xml.
# And xls_cells_far_apart.xls (fuzz crash-2faab9…): cells far apart; calamine laid out
# a grid of 137 GB. And xls_sheet_after_damaged_record.xls (fuzz crash-287cd9…): a
# huge DIMENSIONS record in a sheet reached through its BOUNDSHEET record.

# A 1 kB .ods whose repeated rows and columns make 100 million cells: calamine would
# lay them out in full (over 3 GB) before its own limit.
ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Trade">'
    '<table:table-row><table:table-cell office:value-type="string"><text:p>year</text:p></table:table-cell>'
    '<table:table-cell office:value-type="string"><text:p>A</text:p></table:table-cell></table:table-row>'
    '<table:table-row table:number-rows-repeated="9990"><table:table-cell table:number-columns-repeated="10000"'
    ' office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
    '</table:table></office:spreadsheet></office:body></office:document-content>'
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
    ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
write("ods_repeated_cells.ods", zip_bytes([
    ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    ("content.xml", ODS_CONTENT),
    ("META-INF/manifest.xml", ODS_MANIFEST),
]))
