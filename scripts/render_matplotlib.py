#!/usr/bin/env python3
"""Draws the default tradechart chart with matplotlib, for a side-by-side comparison
with `tradechart render` (speed and looks). Same data, same panels (one per unit),
same colours, steps for tariff rates, hollow markers for values that are not
reported, event lines and spans through both panels, non-overlapping event labels in
four rows above the first panel, legends, axis titles, and the source line.

Usage: python3 scripts/render_matplotlib.py [DATA.json] [-o OUT.png]
           [--width 1200] [--height 800] [--timing]

--timing prints `seconds_after_imports=…` (the drawing and PNG encoding alone,
without Python's start-up and the matplotlib import) on stderr.
"""

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

_IMPORTED = time.perf_counter()

# The colours of src/chart/palette.rs.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
CATEGORY_COLOURS = {
    "tariff action": "#CC6677",
    "retaliation": "#AA4499",
    "agreement or truce": "#44AA99",
    "negotiation": "#6F7FC0",
    "court ruling": "#999933",
    "export control": "#B07A4A",
    "investigation": "#8A8AB0",
}
OTHER_COLOUR = "#8C8C8C"
IMPORTANCE = {
    "tariff action": 5,
    "agreement or truce": 5,
    "court ruling": 5,
    "retaliation": 4,
    "negotiation": 3,
    "export control": 3,
    "investigation": 2,
}
STATUS_RANK = {"reported": 3, "planned": 2, "estimated": 1, "from-memory": 0}
AXIS_TITLES = {"USD bn": "US$ billions", "%": "Percent"}
LABEL_ROWS = 4
MAX_LABEL_CHARS = 28


def x_from_date(date):
    days = 366 if (date.year % 4 == 0 and (date.year % 100 != 0 or date.year % 400 == 0)) else 365
    return date.year + (date.timetuple().tm_yday - 1) / days


def period_range(text):
    """Start and end of a period (2018, 2018-Q3, 2018-07, 2018-07-06) in fractional years."""
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return float(year), float(year + 1)
    if parts[1].upper().startswith("Q"):
        quarter = int(parts[1][1:])
        start = dt.date(year, quarter * 3 - 2, 1)
        end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, quarter * 3 + 1, 1)
    elif len(parts) == 2:
        month = int(parts[1])
        start = dt.date(year, month, 1)
        end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    else:
        start = dt.date(year, int(parts[1]), int(parts[2]))
        end = start + dt.timedelta(days=1)
    return x_from_date(start), x_from_date(end)


def points_of(series):
    for point in series["points"]:
        if isinstance(point, list):
            yield point[0], point[1], "reported"
        else:
            yield point["period"], point.get("value"), point.get("status", "reported")


def short_label(title):
    title = " ".join(title.split())
    if len(title) <= MAX_LABEL_CHARS:
        return title
    words, cut = title.split(" "), ""
    for word in words:
        if len(cut) + 1 + len(word) + 1 > MAX_LABEL_CHARS:
            break
        cut = f"{cut} {word}".strip()
    return cut.rstrip(",;:- ") + "…"


def money(value, _position=None):
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.0f}bn"


def percent(value, _position=None):
    return f"{value:,.0f}%"


def draw(path, data, width_px, height_px):
    series = data["series"]
    events = sorted(data.get("events", []), key=lambda e: e["date"])
    units = []
    for item in series:
        if item.get("unit", "") not in units:
            units.append(item.get("unit", ""))

    # The data and event range, as the chart's x_range.
    edges = []
    for item in series:
        for period, value, _ in points_of(item):
            if value is not None:
                edges.extend(period_range(period))
    for event in events:
        edges.append(period_range(event["date"])[0])
        if event.get("end"):
            edges.append(period_range(event["end"])[1])
    x_min, x_max = min(edges), max(edges)

    dpi = 100
    fig = plt.figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    grid = fig.add_gridspec(
        len(units), 1, left=0.09, right=0.985, top=0.76, bottom=0.19, hspace=0.25
    )
    axes = [fig.add_subplot(grid[i, 0]) for i in range(len(units))]
    for ax in axes[1:]:
        ax.sharex(axes[0])
    fig.text(0.013, 0.965, data.get("title", ""), fontsize=15, va="top")

    for ax, unit in zip(axes, units):
        for index, item in enumerate(series):
            if item.get("unit", "") != unit:
                continue
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            rows = sorted(points_of(item), key=lambda p: period_range(p[0])[0])
            runs, xs, ys = [], [], []
            for position, (period, value, status) in enumerate(rows):
                start, end = period_range(period)
                if value is None:
                    if xs:
                        runs.append((xs, ys))
                    xs, ys = [], []
                    continue
                if item.get("step"):
                    # A rate holds until the next period listed (missing or not).
                    if position + 1 < len(rows):
                        until = period_range(rows[position + 1][0])[0]
                    else:
                        until = max(x_max, end)
                    xs += [start, until]
                    ys += [value, value]
                else:
                    xs.append((start + end) / 2)
                    ys.append(value)
            if xs:
                runs.append((xs, ys))
            for run_xs, run_ys in runs:
                ax.plot(run_xs, run_ys, color=colour, linewidth=1.6)
            for period, value, status in rows:
                if value is None:
                    continue
                start, end = period_range(period)
                x = start if item.get("step") else (start + end) / 2
                ax.plot([x], [value], marker="o", markersize=4.5, color=colour,
                        markerfacecolor=colour if status == "reported" else "white",
                        markeredgewidth=1.2, linestyle="none")
            ax.plot([], [], color=colour, marker="o", markersize=4.5, label=item["name"])
        for event in events:
            colour = CATEGORY_COLOURS.get(event.get("category", "").lower(), OTHER_COLOUR)
            start = period_range(event["date"])[0]
            if event.get("end"):
                ax.axvspan(start, period_range(event["end"])[1], color=colour, alpha=0.13,
                           linewidth=0)
            style = "-" if event.get("status", "reported") == "reported" else (0, (4, 3))
            ax.axvline(start, color=colour, linewidth=0.9, alpha=0.85, linestyle=style)
        if unit in ("%",) or unit.startswith("USD"):
            ax.axhline(0, color="#8a8a8a", linewidth=1.0)
        ax.set_ylabel(AXIS_TITLES.get(unit, unit))
        ax.yaxis.set_major_formatter(money if unit == "USD bn" else percent)
        ax.grid(True, color="#e8e8e8", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(series), frameon=False,
                  fontsize=10, borderaxespad=0.2, handlelength=1.6)
        ax.set_xlim(x_min, x_max)
    if "%" in units:
        axes[units.index("%")].set_ylim(bottom=0)
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)

    place_labels(fig, axes[0], events, x_min, x_max)

    legend_items = []
    seen = []
    for event in events:
        category = event.get("category", "").lower()
        if category not in seen:
            seen.append(category)
            legend_items.append(Line2D([], [], color=CATEGORY_COLOURS.get(category, OTHER_COLOUR),
                                       linewidth=2, label=category or "other"))
    fig.legend(handles=legend_items, loc="lower left", bbox_to_anchor=(0.01, 0.095), ncol=8,
               frameon=False, fontsize=9, title=None, handlelength=1.2)
    source = "Sources: " + "; ".join(s.rstrip(".") for s in data.get("sources", []))
    fig.text(0.013, 0.012, source, fontsize=8, color="#5c5c5c", wrap=True, va="bottom")
    fig.savefig(path, dpi=dpi)
    plt.close(fig)


def place_labels(fig, ax, events, x_min, x_max):
    """Event labels in four rows above the first panel, most important first, each in
    the lowest row where it does not overlap another (as src/chart/labels.rs does)."""
    fig.canvas.draw()  # positions in pixels need a laid-out figure
    box = ax.get_window_extent()
    renderer = fig.canvas.get_renderer()
    char_width = 6.2
    rows = [[] for _ in range(LABEL_ROWS)]
    order = sorted(
        (e for e in events if x_min <= period_range(e["date"])[0] <= x_max),
        key=lambda e: -(IMPORTANCE.get(e.get("category", "").lower(), 1) * 4
                        + STATUS_RANK.get(e.get("status", "reported"), 3)),
    )
    for event in order:
        label = short_label(event["title"])
        anchor = (period_range(event["date"])[0] - x_min) / (x_max - x_min) * box.width
        width = len(label) * char_width + 8
        left = anchor if anchor + width <= box.width else anchor - width
        left = max(0.0, min(left, box.width - width))
        for row_index, row in enumerate(rows):
            if all(left >= r + 6 or left + width + 6 <= l for l, r in row):
                row.append((left, left + width))
                y = box.y1 + 26 + row_index * 17
                colour = CATEGORY_COLOURS.get(event.get("category", "").lower(), OTHER_COLOUR)
                fig.text((box.x0 + left + 4) / fig.bbox.width, y / fig.bbox.height, label,
                         fontsize=8.5, va="bottom", ha="left",
                         style="normal" if event.get("status", "reported") == "reported"
                         else "italic",
                         bbox=dict(facecolor="white", edgecolor="none", pad=0.5))
                fig.lines.append(Line2D(
                    [(box.x0 + anchor) / fig.bbox.width] * 2,
                    [box.y1 / fig.bbox.height, (y + 12) / fig.bbox.height],
                    transform=fig.transFigure, color=colour, linewidth=1, alpha=0.6))
                break
    del renderer


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default="assets/us-china-trade.json")
    parser.add_argument("-o", "--output", default="matplotlib.png")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--timing", action="store_true")
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as file:
        data = json.load(file)
    draw(args.output, data, args.width, args.height)
    if args.timing:
        done = time.perf_counter()
        print(f"seconds_after_imports={done - _IMPORTED:.4f} "
              f"seconds_importing={_IMPORTED - _STARTED:.4f}", file=sys.stderr)


if __name__ == "__main__":
    main()
