#!/usr/bin/env python3
"""Builds the embedded default dataset, assets/us-china-trade.json, from the reference
tables in assets/data/ (read assets/data/SOURCES.md and PROVENANCE.md first).

    python3 scripts/build_default_dataset.py           # write the JSON document
    python3 scripts/build_default_dataset.py --check   # exit 1 if it is out of date

Every number comes from a CSV cell: trade values are converted from millions to
billions of USD with exact decimal arithmetic (so 418232.9 becomes 418.2329, not
418.23290000000003); the partial year 2026 is the sum of its months in
china_trade_monthly_recent.csv, marked with the months it covers; tariff rates are
copied as they are, each with its own source and mark; a `no-figure` row is a missing
value (null) with its reason as the note, so the step line stops there; never a zero. The output is laid out exactly as the app's own
writer (`data::json::write`) lays it out, so reading and writing it back changes
nothing.
"""

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "assets" / "data"
OUTPUT = ROOT / "assets" / "us-china-trade.json"
FORMAT_VERSION = 1

TITLE = "US–China goods trade, tariffs and policy events"

NOTES = [
    "Trade balance = US exports to China − US imports from China, so a deficit is "
    "negative. Goods only, not seasonally adjusted, in billions of US dollars (Census "
    "millions ÷ 1000); recent years are Census's June 2026 revision. 2025's deficit "
    "(about $202.7bn) is the smallest since 2005.",
    "2026 is January–April only (year to date: deficit $43.9bn), drawn hollow over "
    "those four months: it is not comparable with a full year. No Census figure after "
    "April 2026 was found.",
    "Tariff rates are Chad P. Bown's (PIIE) trade-weighted average tariffs, drawn as "
    "dated steps: a rate holds from its date until the next one. Where no figure was "
    "found the line stops, with the reason as its note: it is neither zero nor "
    "unchanged. China's average after the November 2025 truce, and any PIIE figure for "
    "2026, were not found.",
    "The \"about 20%\" US emergency tariff rate after the November 2025 truce is the "
    "IEEPA layer alone (10% fentanyl + 10% reciprocal), voided by the Supreme Court on "
    "20 February 2026; the ~47.5% in the tariff series is the average of all US tariffs "
    "on Chinese goods, including Section 301 and 232 duties.",
    "Section 122: a 10% global surcharge was collected from 24 February 2026 (15% was "
    "announced on 21 February and never applied) and lapsed on 24 July 2026, the day "
    "Section 301 forced-labor duties (12.5% on goods of China) took effect. The 37.5% "
    "for 24 February 2026 is an estimate, valid only until 24 July 2026: from then on "
    "the US average shows no figure.",
    "China's average tariff after Phase One: PIIE's February 2020 chart gives 20.3% "
    "(used here); a later archived version gives 21.1%.",
    "The Beijing summit announced for 31 March – 2 April 2026 was postponed; Trump's "
    "state visit took place on 13–15 May 2026. What followed the Busan truce's expiry "
    "on 10 November 2026 was not found in any source read: that event is marked "
    "unverified.",
    "Values and events marked as estimates or as from memory (unverified) must be "
    "checked against a source before publishing.",
]

# Each source opens with the name a chart credits it by, before ": " (the source line
# under an exported chart prints only these names; the whole text stays in the
# document, the window's data sources and the SVG's metadata).
SOURCES = [
    "US Census Bureau: \"Trade in Goods with China\" (country code 5700), not "
    "seasonally adjusted, millions of USD: 1985–2020 summed from the monthly rows of "
    "bdecon/US-chartbook chartbook/data/trade_partner.csv (built from census.gov "
    "foreign-trade/balance/country.xlsx); 2021–2025 from copies of "
    "census.gov/foreign-trade/balance/c5700.html in weiqi-kids/agent.cross-border-trade; "
    "2026 (January–April) summed from the monthly rows of the copy of 17 June 2026.",
    "PIIE (Chad P. Bown): \"US-China Trade War Tariffs: An Up-to-Date Chart\", Peterson "
    "Institute for International Economics, trade-weighted average tariffs; "
    "versions of Sep 2019 to 2025, with secondary pages quoting it. Each rate's own "
    "source is in its note; no figure for 2026 was found.",
    "news reports: PIIE, Reuters, AP and the other news and official pages named in "
    "each event's source. Compiled in assets/data/ (SOURCES.md, PROVENANCE.md), which "
    "lists every page read, every figure taken from memory and the conflicts found.",
]

STATUS = {
    "verified-from-source": "reported",
    "from-memory": "from-memory",
    "estimated": "estimated",
}

# The mark of a tariffs.csv row with an empty value: no figure from that date on.
NO_FIGURE = "no-figure"

# The Census release the newest values come from, as the newest monthly row's source
# says (checked in `as_of`).
CENSUS_RELEASE = ("June 2026", "fetched 2026-06-")

TRADE_SOURCE_PREFIX = (
    "US Census Bureau, Trade in Goods with China (5700), NSA; millions of USD ÷ 1000. "
)


def read_csv(name):
    with open(DATA / name, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def status_of(confidence):
    try:
        return STATUS[confidence.strip()]
    except KeyError:
        sys.exit(f"unknown confidence mark {confidence!r}")


def billions(millions_text):
    """Millions of USD as written in the CSV → billions, exact in decimal."""
    return float(Decimal(millions_text) / 1000)


def point(period, value, status, note=None, coverage=None):
    """A point as the app writes it: a pair when reported without a note."""
    if status == "reported" and note is None and coverage is None:
        return [period, value]
    form = {"period": period, "value": value}
    if status != "reported":
        form["status"] = status
    if note is not None:
        form["note"] = note
    if coverage is not None:
        form["coverage"] = coverage
    return form


MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def partial_year(monthly_rows, full_years):
    """The months of the year after the last full year, summed: (year, coverage such
    as `Jan–Apr`, exports, imports in millions, the rows). Refuses months that do not
    run from January without a gap, which would not be a year to date."""
    year = str(int(full_years[-1]["year"]) + 1)
    rows = [row for row in monthly_rows if row["month"].startswith(year + "-")]
    months = [int(row["month"][5:7]) for row in rows]
    if not rows or months != list(range(1, len(rows) + 1)):
        sys.exit(f"{year}: expected months from January on, found {months}")
    for row in rows:
        status_of(row["confidence"])
        if row["confidence"].strip() != "verified-from-source":
            sys.exit(f"{row['month']}: only verified months make the year to date")
    exports = sum(Decimal(row["exports_musd"]) for row in rows)
    imports = sum(Decimal(row["imports_musd"]) for row in rows)
    coverage = MONTH_NAMES[0] + "–" + MONTH_NAMES[len(rows) - 1]
    return year, coverage, exports, imports, rows


def year_ranges(rows):
    """`1985–2020: source; 2021: source` from consecutive years sharing a source."""
    groups = []
    for row in rows:
        if groups and groups[-1][2] == row["source"]:
            groups[-1][1] = row["year"]
        else:
            groups.append([row["year"], row["year"], row["source"]])
    return "; ".join(
        f"{first}: {source}" if first == last else f"{first}–{last}: {source}"
        for first, last, source in groups
    )


def trade_series(rows, monthly_rows):
    year, coverage, exports, imports, months = partial_year(monthly_rows, rows)
    partial_note = (
        f"{coverage} {year} only (year to date): the sum of {len(months)} monthly rows of "
        f"Census c5700 ({months[-1]['source']})"
    )
    partial_values = {
        "exports_musd": exports,
        "imports_musd": imports,
        # Exports − imports of the sums; Census's own year-to-date balance may differ
        # by a few tenths of a million in rounding.
        "balance_musd": exports - imports,
    }
    source = (
        TRADE_SOURCE_PREFIX
        + year_ranges(rows)
        + f"; {year} ({coverage}, year to date): sum of the monthly rows of the same "
        "c5700 copy of 17 June 2026"
    )
    columns = [
        ("US exports to China", "exports_musd"),
        ("US imports from China", "imports_musd"),
        ("Trade balance", "balance_musd"),
    ]
    for row in rows:
        # A typing error in the table would show as a balance that does not add up.
        # Census rounds each figure on its own, so a few tenths of a million are normal
        # (2021 is off by 0.4); the published balance is kept as it is.
        difference = (
            Decimal(row["exports_musd"]) - Decimal(row["imports_musd"]) - Decimal(row["balance_musd"])
        )
        if abs(difference) > Decimal("1"):
            sys.exit(f"{row['year']}: exports − imports ≠ balance (off by {difference})")
    series = []
    for name, column in columns:
        points = []
        for row in rows:
            status = status_of(row["confidence"])
            note = None if status == "reported" else row["source"]
            points.append(point(row["year"], billions(row[column]), status, note))
        points.append(
            point(year, float(partial_values[column] / 1000), "reported", partial_note, coverage)
        )
        series.append({"name": name, "unit": "USD bn", "source": source, "points": points})
    return series


def tariff_series(rows):
    source = (
        "Chad P. Bown, US-China Trade War Tariffs: An Up-to-Date Chart (PIIE), "
        "trade-weighted average; each rate's source in its note"
    )
    columns = [
        ("US tariff on Chinese goods", "us_on_china"),
        ("China's tariff on US goods", "china_on_us"),
    ]
    known = {key for _, key in columns}
    strays = sorted({row["series"] for row in rows} - known)
    if strays:
        sys.exit(f"tariffs.csv: unknown series {strays}")
    series = []
    for name, key in columns:
        points = []
        for row in sorted((row for row in rows if row["series"] == key), key=lambda r: r["date"]):
            points.append(tariff_point(row))
        series.append(
            {"name": name, "unit": "%", "step": True, "source": source, "points": points}
        )
    return series


def tariff_point(row):
    """One value with its own source as the note and its own mark; a `no-figure` row
    is a missing value that asserts nothing (no status), its reason kept as the note."""
    cell = row["value"].strip()
    confidence = row["confidence"].strip()
    if confidence == NO_FIGURE:
        if cell:
            sys.exit(f"{row['date']} {row['series']}: a no-figure row holds {cell!r}")
        return point(row["date"], None, "reported", row["source"])
    if not cell:
        sys.exit(f"{row['date']} {row['series']}: empty value not marked {NO_FIGURE}")
    return point(row["date"], float(cell), status_of(confidence), row["source"])


# The headline events of the story the default chart tells (the product design names
# them: the 2018 Section 301 tariffs, the Phase One deal, the 2025 escalation to 145%,
# the Geneva and Busan truces, the Supreme Court ruling on the emergency tariffs, the
# 10% Section 122 tariff, the Section 301 excess-capacity probe, the Paris talks and
# the Beijing summit). Their labels are
# placed first when labels crowd. An editorial choice, not data: (date, title).
HEADLINE_EVENTS = {
    ("2018-07-06", "Section 301 List 1 tariffs"),
    ("2020-01-15", "Phase One agreement signed"),
    ("2025-04-09", "US escalates to 125% reciprocal (145% total)"),
    ("2025-05-10", "Geneva talks and truce"),
    ("2025-11-10", "Busan truce implemented and extended"),
    ("2026-02-20", "Supreme Court strikes down IEEPA tariffs"),
    ("2026-02-24", "Section 122 global surcharge (10%)"),
    ("2026-03-11", "Section 301 excess-capacity investigation"),
    ("2026-03-15", "Paris trade talks"),
    ("2026-05-13", "Trump state visit to Beijing; summit with Xi"),
}


# Events whose row in events.csv says, in its own description, that they were
# announced on an earlier day than the date they took effect: (date, title) -> the
# announcement day. Only dates written in the rows themselves; none is guessed.
ANNOUNCED = {
    # "Section 301 four-year review increases ... announced May 14 2024 take effect"
    ("2024-09-27", "Biden Section 301 tariff increases take effect"): "2024-05-14",
    # "China's tariff on US goods rises from 84% to 125% (announced April 11 effective
    # April 12)"
    ("2025-04-12", "China raises counter-tariff to 125%"): "2025-04-11",
    # "(Proclamation 11012, signed Feb 20) in effect from 12:01 a.m. Feb 24 2026"
    ("2026-02-24", "Section 122 global surcharge (10%)"): "2026-02-20",
}


# Events whose outcome no source read tells, by (date, title): drawn as unverified.
# Each row's description must say so in the words given (checked).
OUTCOME_UNKNOWN = {
    # The truce ran to 10 Nov 2026; what followed was not found.
    ("2025-11-10", "Busan truce implemented and extended"): "not covered by any stored source",
}


def event_status(row):
    """`planned` for a plan not yet held, `postponed` for one put off (its title says
    so), `unverified` for an outcome no source tells, else the row's own mark."""
    key = (row["date"], row["title"])
    if key in OUTCOME_UNKNOWN:
        if OUTCOME_UNKNOWN[key] not in row["description"]:
            sys.exit(f"{key}: the description does not say the outcome is unknown")
        return "unverified"
    if row["title"].startswith("Planned "):
        return "postponed" if "(postponed)" in row["title"] else "planned"
    return status_of(row["confidence"])


def events(rows):
    result = []
    for row in rows:
        event = {"date": row["date"]}
        announced = ANNOUNCED.get((row["date"], row["title"]))
        if announced:
            event["announced"] = announced
        if row["end_date"].strip():
            event["end"] = row["end_date"].strip()
        event["title"] = row["title"]
        if row["description"]:
            event["description"] = row["description"]
        if row["category"]:
            event["category"] = row["category"]
        event["source"] = row["source"]
        status = event_status(row)
        if status != "reported":
            event["status"] = status
        if (row["date"], row["title"]) in HEADLINE_EVENTS:
            event["highlight"] = True
        result.append(event)
    missing = (HEADLINE_EVENTS | set(ANNOUNCED) | set(OUTCOME_UNKNOWN)) - {(row["date"], row["title"]) for row in rows}
    if missing:
        raise SystemExit(f"events not found in events.csv: {sorted(missing)}")
    return result


def as_of(monthly_rows, event_rows):
    """How current the dataset is, from the tables themselves: the Census release of
    the newest month, the newest month, and the newest event."""
    release, fetched = CENSUS_RELEASE
    newest = max(monthly_rows, key=lambda row: row["month"])
    if fetched not in newest["source"]:
        sys.exit(f"newest month {newest['month']}: not from the {release} release")
    year, month = int(newest["month"][:4]), int(newest["month"][5:7])
    last_event = max(row["date"] for row in event_rows)
    event_year, event_month, event_day = (int(part) for part in last_event.split("-"))
    month_name = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    return (
        f"Census release of {release}, data through {month_name[month - 1]} {year}; "
        f"events through {event_day} {month_name[event_month - 1]} {event_year}"
    )


def dataset():
    monthly = read_csv("china_trade_monthly_recent.csv")
    event_rows = read_csv("events.csv")
    return {
        "tradechart": FORMAT_VERSION,
        "title": TITLE,
        "notes": NOTES,
        "sources": SOURCES,
        "as_of": as_of(monthly, event_rows),
        "series": trade_series(read_csv("china_trade_yearly.csv"), monthly)
        + tariff_series(read_csv("tariffs.csv")),
        "events": events(event_rows),
    }


def dump(value, depth=0, compact=False, key=None, parent_points=False):
    """JSON laid out as `data::json::write` does: two-space indents, and each element
    of a `points` array on one line."""
    if isinstance(value, (dict, list)):
        inner_compact = compact or parent_points
        is_points = key == "points" and isinstance(value, list)
        if isinstance(value, dict):
            items = [
                json.dumps(k, ensure_ascii=False)
                + ": "
                + dump(v, depth + 1, inner_compact, k, False)
                for k, v in value.items()
            ]
            open_, close = "{", "}"
        else:
            items = [dump(v, depth + 1, inner_compact, None, is_points) for v in value]
            open_, close = "[", "]"
        if not items:
            return open_ + close
        if inner_compact:
            return open_ + ", ".join(items) + close
        pad = "  " * (depth + 1)
        return open_ + "\n" + ",\n".join(pad + item for item in items) + "\n" + "  " * depth + close
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def main():
    text = dump(dataset()) + "\n"
    if "--check" in sys.argv[1:]:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            sys.exit(f"{OUTPUT.relative_to(ROOT)} is out of date: run {Path(__file__).name}")
        print(f"{OUTPUT.relative_to(ROOT)} is up to date")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
