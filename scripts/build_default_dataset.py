#!/usr/bin/env python3
"""Builds the embedded default dataset, assets/us-china-trade.json, from the reference
tables in assets/data/ (read assets/data/SOURCES.md and PROVENANCE.md first).

    python3 scripts/build_default_dataset.py           # write the JSON document
    python3 scripts/build_default_dataset.py --check   # exit 1 if it is out of date

Every number comes from a CSV cell: trade values are converted from millions to
billions of USD with exact decimal arithmetic (so 418232.9 becomes 418.2329, not
418.23290000000003); tariff rates are copied as they are; an empty cell stays a
missing value (null), never a zero. The output is laid out exactly as the app's own
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
    "millions ÷ 1000); recent years are Census's June 2026 revision.",
    "Tariff rates are Chad P. Bown's (PIIE) trade-weighted average tariffs, drawn as "
    "dated steps: a rate holds from its date until the next one. A missing value means "
    "no figure was found: it is neither zero nor unchanged.",
    "The \"about 20%\" US emergency tariff rate after the November 2025 truce is the "
    "IEEPA layer alone (10% fentanyl + 10% reciprocal); the ~47.5% in the tariff "
    "series is the average of all US tariffs on Chinese goods, including Section 301 "
    "and 232 duties.",
    "Section 122: a 10% global tariff was ordered on 20 February 2026 and the next day "
    "the President said he would raise it to 15% (reported effective 24 February); "
    "which rate applied is unresolved. The 37.5% estimate for 24 February 2026 assumes "
    "10% (42.5% at 15%).",
    "China's average tariff after Phase One: PIIE's February 2020 chart gives 20.3% "
    "(used here); a later archived version gives 21.1%.",
    "Values and events marked as estimates or as from memory (unverified) must be "
    "checked against a source before publishing. The Beijing summit of 31 March – "
    "2 April 2026 is shown as planned only.",
]

SOURCES = [
    "US Census Bureau, \"Trade in Goods with China\" (country code 5700), not "
    "seasonally adjusted, millions of USD: 1985–2020 summed from the monthly rows of "
    "bdecon/US-chartbook chartbook/data/trade_partner.csv (built from census.gov "
    "foreign-trade/balance/country.xlsx); 2021–2025 from copies of "
    "census.gov/foreign-trade/balance/c5700.html in weiqi-kids/agent.cross-border-trade.",
    "Chad P. Bown, \"US-China Trade War Tariffs: An Up-to-Date Chart\", Peterson "
    "Institute for International Economics (PIIE), trade-weighted average tariffs; "
    "versions of Sep 2019 to 2025, with secondary pages quoting it. Each rate's own "
    "source is in its note.",
    "Policy events: PIIE, Reuters, AP and the other news and official pages named in "
    "each event's source.",
    "Compiled in assets/data/ (SOURCES.md, PROVENANCE.md), which lists every page read, "
    "every figure taken from memory and the conflicts found.",
]

STATUS = {
    "verified-from-source": "reported",
    "from-memory": "from-memory",
    "estimated": "estimated",
}

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


def point(period, value, status, note=None):
    """A point as the app writes it: a pair when reported without a note."""
    if status == "reported" and note is None:
        return [period, value]
    form = {"period": period, "value": value}
    if status != "reported":
        form["status"] = status
    if note is not None:
        form["note"] = note
    return form


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


def trade_series(rows):
    source = TRADE_SOURCE_PREFIX + year_ranges(rows)
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
        series.append({"name": name, "unit": "USD bn", "source": source, "points": points})
    return series


def tariff_series(rows):
    source = (
        "Chad P. Bown, US-China Trade War Tariffs: An Up-to-Date Chart (PIIE), "
        "trade-weighted average; each rate's source in its note"
    )
    columns = [
        ("US tariff on Chinese goods", "us_avg_tariff_on_china_pct"),
        ("China's tariff on US goods", "china_avg_tariff_on_us_pct"),
    ]
    series = []
    for name, column in columns:
        points = []
        for row in rows:
            cell = row[column].strip()
            value = float(cell) if cell else None
            points.append(
                point(row["date"], value, status_of(row["confidence"]), row["source"])
            )
        series.append(
            {"name": name, "unit": "%", "step": True, "source": source, "points": points}
        )
    return series


# The headline events of the story the default chart tells (the product design names
# them: the 2018 tariffs, the Phase One deal, the 2025 escalation and truce, the
# Supreme Court ruling, the 10% global tariff, the Paris talks). Their labels are
# placed first when labels crowd. An editorial choice, not data: (date, title).
HEADLINE_EVENTS = {
    ("2018-07-06", "Section 301 List 1 tariffs"),
    ("2020-01-15", "Phase One agreement signed"),
    ("2025-04-09", "US escalates to 125% reciprocal (145% total)"),
    ("2025-11-10", "Busan truce implemented and extended"),
    ("2026-02-20", "Supreme Court strikes down IEEPA tariffs"),
    ("2026-02-20", "Section 122 global tariff"),
    ("2026-03-15", "Paris trade talks"),
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
}


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
        # The summit's announcement is sourced; the summit itself had not happened.
        status = "planned" if row["title"].startswith("Planned ") else status_of(row["confidence"])
        if status != "reported":
            event["status"] = status
        if (row["date"], row["title"]) in HEADLINE_EVENTS:
            event["highlight"] = True
        result.append(event)
    missing = (HEADLINE_EVENTS | set(ANNOUNCED)) - {(row["date"], row["title"]) for row in rows}
    if missing:
        raise SystemExit(f"events not found in events.csv: {sorted(missing)}")
    return result


def dataset():
    return {
        "tradechart": FORMAT_VERSION,
        "title": TITLE,
        "notes": NOTES,
        "sources": SOURCES,
        "series": trade_series(read_csv("china_trade_yearly.csv"))
        + tariff_series(read_csv("tariffs.csv")),
        "events": events(read_csv("events.csv")),
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
