#!/usr/bin/env python3
"""Builds the embedded datasets from the reference tables in assets/data/ (read
assets/data/SOURCES.md and PROVENANCE.md first): the default, assets/us-china-trade.json,
and the two samples of File → Open sample, assets/deficit-moved.json (US goods balance by
partner, 2015–2025) and assets/us-china-monthly.json (US–China trade by month, 1985 –
April 2026).

    python3 scripts/build_default_dataset.py           # write the JSON documents
    python3 scripts/build_default_dataset.py --check   # exit 1 if one is out of date

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
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "assets" / "data"
OUTPUT = ROOT / "assets" / "us-china-trade.json"
DEFICIT_MOVED_OUTPUT = ROOT / "assets" / "deficit-moved.json"
MONTHLY_OUTPUT = ROOT / "assets" / "us-china-monthly.json"
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


def events(rows, all_rows=None):
    """The events of `rows`, each with its status, announcement day and headline flag;
    the events these tables name must be in `all_rows` (the whole of events.csv)."""
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
    every = rows if all_rows is None else all_rows
    missing = (HEADLINE_EVENTS | set(ANNOUNCED) | set(OUTCOME_UNKNOWN)) - {(row["date"], row["title"]) for row in every}
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
    month_name = MONTH_FULL_NAMES
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


# ----- The sample "Where the US goods deficit went, 2015–2025" -----

DEFICIT_MOVED_TITLE = "Where the US goods deficit went, 2015–2025"

# The partners of partners_yearly.csv in the order drawn (the largest deficits of 2018
# first), each with the name its series gets.
PARTNERS = [
    ("China", "Balance with China"),
    ("Mexico", "Balance with Mexico"),
    ("Vietnam", "Balance with Vietnam"),
    ("European Union", "Balance with the EU"),
    ("Japan", "Balance with Japan"),
    ("Taiwan", "Balance with Taiwan"),
    ("Canada", "Balance with Canada"),
    ("World total", "Balance with the world"),
]

# The world total, three times the largest partner's deficit, gets a panel of its own:
# on the partners' panel it would squeeze them into a third of its height (and read
# them in tenths of a trillion). It keeps Census's unit, millions (a unit of its own is
# a panel of its own; the axis reads it in trillions).
WORLD = "World total"


def millions(millions_text):
    return float(Decimal(millions_text))


# The years the partners' figures cover: the sample carries the events of these years.
DEFICIT_MOVED_YEARS = ("2015", "2025")

# Values taken from pages on Census's first release of a year's figures (the February
# after the year), before any annual revision: (partner, year) -> the release. Every
# other row is a revised figure (checked in `release_mark`). PROVENANCE.md section 5.
FIRST_RELEASES = {
    ("Mexico", "2024"): "February 2025",
    ("Mexico", "2025"): "February 2026",
    ("Vietnam", "2024"): "February 2025",
    ("Vietnam", "2025"): "February 2026",
    ("Canada", "2024"): "February 2025",
    ("Canada", "2025"): "February 2026",
    ("European Union", "2024"): "February 2025",
    ("European Union", "2025"): "February 2026",
}


def release_mark(row):
    """`First release (February 2026)` or `Revised (…)`, from the row's own source: the
    Census copies read after a year's first June revision are revised; the headline
    pages of FIRST_RELEASES report the first release."""
    key = (row["partner"], row["year"])
    source = row["source"]
    year = int(row["year"])
    if key in FIRST_RELEASES:
        if "bdecon/" in source or "weiqi-kids/" in source:
            sys.exit(f"{key}: marked a first release but read from a Census copy")
        return f"First release ({FIRST_RELEASES[key]}, before Census's annual revision)"
    if source.startswith("bdecon/US-chartbook") and "vintage late 2023" in source and year <= 2022:
        return "Revised (Census vintage of late 2023, after the June 2023 annual revision)"
    fetched = re.search(r"fetched (\d{4})-(\d{2})-\d{2}", source)
    if "weiqi-kids/" in source and fetched:
        fetched_year, fetched_month = int(fetched.group(1)), int(fetched.group(2))
        if (fetched_year, fetched_month) >= (year + 1, 6):
            return (
                f"Revised (Census copy fetched {fetched.group(0)[8:]}, after the June "
                f"{fetched_year if fetched_month >= 6 else fetched_year - 1} annual revision)"
            )
    if key == ("European Union", "2023"):
        # Quoted beside the 2024 first release (Feb 2025): 2023 as revised in June 2024.
        return "Revised (as quoted with the February 2025 release, after the June 2024 annual revision)"
    sys.exit(f"{key}: no release mark for source {source[:80]!r}")


def deficit_moved_series(rows):
    partners = {partner for partner, _ in PARTNERS}
    strays = sorted({row["partner"] for row in rows} - partners)
    if strays:
        sys.exit(f"partners_yearly.csv: unknown partners {strays}")
    series = []
    for partner, name in PARTNERS:
        own = sorted((row for row in rows if row["partner"] == partner), key=lambda r: r["year"])
        codes = {row["census_code"] for row in own}
        points = []
        convert, unit = (millions, "USD mn") if partner == WORLD else (billions, "USD bn")
        for row in own:
            status = status_of(row["confidence"])
            note = f"{release_mark(row)}. {row['source']}"
            points.append(point(row["year"], convert(row["balance_musd"]), status, note))
        series.append(
            {
                "name": name,
                "unit": unit,
                "source": (
                    f"US Census Bureau, US goods trade with {partner} (country code "
                    f"{'/'.join(sorted(codes))}), NSA; millions of USD"
                    f"{'' if partner == WORLD else ' ÷ 1000'}; each value's source and "
                    "release in its note"
                ),
                "points": points,
            }
        )
    return series


def deficit_moved_dataset():
    rows = read_csv("partners_yearly.csv")
    first, last = DEFICIT_MOVED_YEARS
    all_events = read_csv("events.csv")
    event_rows = [row for row in all_events if first <= row["date"][:4] <= last]
    last_event = max(row["date"] for row in event_rows)
    return {
        "tradechart": FORMAT_VERSION,
        "title": DEFICIT_MOVED_TITLE,
        "notes": [
            "US goods trade balance with each partner (exports − imports, so a deficit is "
            "negative), by year, in billions of US dollars (Census millions ÷ 1000), not "
            "seasonally adjusted.",
            "2015–2022 are full years of one Census vintage (late 2023). After 2022 the "
            "years mix releases: China, Japan and Taiwan are Census's June 2026 revision; "
            "Mexico, Vietnam, Canada and the EU are the first releases of February 2025 "
            "and 2026, often rounded in the source (Canada 2025 to $1bn). Each value's "
            "note says which: compare the direction, not tenths.",
            "No full-year figure for 2023 was found for Mexico, Vietnam and Canada, nor a "
            "world total after 2022 (sources disagree on its basis): those are gaps, not "
            "zeros.",
            "The world total (2015–2022) is drawn on a panel of its own, in Census's "
            "millions read as trillions, so that the partners keep the height of theirs.",
            "The policy events are those of the US–China story (the default dataset) "
            "from 2015 to 2025.",
        ],
        "sources": [
            "US Census Bureau, US trade in goods by country, NSA: 2015–2022 summed from "
            "the monthly rows of bdecon/US-chartbook chartbook/data/trade_partner.csv "
            "(built from census.gov foreign-trade/balance/country.xlsx); China, Japan "
            "and Taiwan 2021–2025 from copies of census.gov c5700, c5880 and c5830 in "
            "weiqi-kids/agent.cross-border-trade; Mexico, Vietnam, Canada and the EU "
            "2023–2025 from news pages on the first releases, named in each value's note.",
            "Policy events: PIIE, Reuters, AP and the other news and official pages named "
            "in each event's source.",
            "Compiled in assets/data/ (partners_yearly.csv; PROVENANCE.md section 5).",
        ],
        "as_of": (
            "Census releases of February 2026 (first release of 2025) and June 2026 "
            f"(revision); data through 2025; events through {day_month_year(last_event)}"
        ),
        "series": deficit_moved_series(rows),
        "events": events(event_rows, all_events),
    }


# ----- The sample "US–China goods trade by month, 1985 – April 2026" -----

MONTHLY_TITLE = "US–China goods trade by month, 1985 – April 2026"

# Months between the two monthly tables that no source read gave (PROVENANCE.md
# sections 1 and 4): a gap with this note, never a value.
MONTHS_NOT_FOUND = ["2023-11", "2023-12"]
MONTH_NOT_FOUND_NOTE = (
    "No source read gave this month: the older Census vintage ends in October 2023 and "
    "the 2026 copies begin in January 2024 (assets/data/PROVENANCE.md)"
)

OLDER_MONTHLY_SOURCE = (
    "US Census Bureau, country.xlsx (China, 5700), NSA, as in bdecon/US-chartbook "
    "chartbook/data/trade_partner.csv@0393a52 (vintage of late 2023)"
)


def monthly_series(older, recent):
    months = [row["month"][:7] for row in older] + MONTHS_NOT_FOUND + [row["month"][:7] for row in recent]
    if len(set(months)) != len(months) or months != sorted(months):
        sys.exit("monthly tables: months repeat or are out of order")
    # Every month from the first to the last, once: a month missing unannounced would
    # be drawn as a gap nobody explained.
    first, last = months[0], months[-1]
    expected, (year, month) = [], (int(first[:4]), int(first[5:]))
    while f"{year:04d}-{month:02d}" <= last:
        expected.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if months != expected:
        sys.exit(f"monthly tables: months missing besides {MONTHS_NOT_FOUND}")
    columns = [
        ("US exports to China", "exports"),
        ("US imports from China", "imports"),
        ("Trade balance", "balance"),
    ]
    series = []
    for name, column in columns:
        points = []
        for row in older:
            points.append(point(row["month"][:7], monthly_value(row, column), "reported"))
        for month in MONTHS_NOT_FOUND:
            points.append(point(month, None, "reported", MONTH_NOT_FOUND_NOTE))
        for row in recent:
            status = status_of(row["confidence"])
            note = row["source"] if "OLDER VINTAGE" in row["source"] else None
            points.append(point(row["month"][:7], monthly_value(row, column), status, note))
        series.append(
            {
                "name": name,
                "unit": "USD bn",
                "source": (
                    f"{OLDER_MONTHLY_SOURCE}, January 1985 – October 2023; Census c5700 "
                    "copies of 2026 (weiqi-kids/agent.cross-border-trade), January 2024 – "
                    "April 2026"
                ),
                "points": points,
            }
        )
    return series


def monthly_value(row, column):
    """Exports, imports or their difference, in billions, exact in decimal."""
    exports, imports = Decimal(row["exports_musd"]), Decimal(row["imports_musd"])
    millions = {"exports": exports, "imports": imports, "balance": exports - imports}[column]
    return float(millions / 1000)


def monthly_dataset():
    older = read_csv("china_trade_monthly.csv")
    recent = read_csv("china_trade_monthly_recent.csv")
    event_rows = read_csv("events.csv")
    return {
        "tradechart": FORMAT_VERSION,
        "title": MONTHLY_TITLE,
        "notes": [
            "Trade balance = US exports to China − US imports from China, by month, in "
            "billions of US dollars (Census millions ÷ 1000), not seasonally adjusted: "
            "the December and February dips are the seasons, not policy.",
            "Two vintages: January 1985 – October 2023 as Census published them in late "
            "2023; January 2024 – April 2026 from Census's pages of 2026 (four 2024 "
            "months from an older copy, as their note says).",
            "November and December 2023 are a gap: no source read gave them.",
        ],
        "sources": [
            "US Census Bureau, Trade in Goods with China (5700), NSA, millions of USD: "
            "1985–2023 from bdecon/US-chartbook chartbook/data/trade_partner.csv (built "
            "from census.gov foreign-trade/balance/country.xlsx); 2024–2026 from copies "
            "of census.gov/foreign-trade/balance/c5700.html in "
            "weiqi-kids/agent.cross-border-trade.",
            "Policy events: PIIE, Reuters, AP and the other news and official pages named "
            "in each event's source.",
            "Compiled in assets/data/ (china_trade_monthly.csv, "
            "china_trade_monthly_recent.csv; PROVENANCE.md sections 1 and 4).",
        ],
        "as_of": as_of(recent, event_rows),
        "series": monthly_series(older, recent),
        "events": events(event_rows),
    }


def day_month_year(date):
    """`24 July 2026` from `2026-07-24`."""
    year, month, day = (int(part) for part in date.split("-"))
    return f"{day} {MONTH_FULL_NAMES[month - 1]} {year}"


MONTH_FULL_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]


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


def outputs():
    """Each document this script writes, as (path, text)."""
    return [
        (OUTPUT, dump(dataset()) + "\n"),
        (DEFICIT_MOVED_OUTPUT, dump(deficit_moved_dataset()) + "\n"),
        (MONTHLY_OUTPUT, dump(monthly_dataset()) + "\n"),
    ]


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in outputs():
        name = path.relative_to(ROOT)
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                stale.append(str(name))
            else:
                print(f"{name} is up to date")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {name} ({len(text)} bytes)")
    if stale:
        sys.exit(f"{', '.join(stale)} out of date: run {Path(__file__).name}")


if __name__ == "__main__":
    main()
