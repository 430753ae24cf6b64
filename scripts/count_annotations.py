#!/usr/bin/env python3
"""Counts what an exported SVG tells a reader about its events (README, "Key events"):

    python3 scripts/count_annotations.py DATA.json CHART.svg

events drawn, labels, headline titles whole on the chart, labels shortened, events
identifiable only by hovering (neither labelled nor keyed), overlapping label boxes."""

import json
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def classes(node):
    return (node.get("class") or "").split()


def box(node):
    rect = next(node.iter(NS + "rect"))
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def main():
    data, svg = sys.argv[1:3]
    headlines = {e["title"] for e in json.load(open(data))["events"] if e.get("highlight")}
    root = ET.parse(svg).getroot()
    nodes = list(root.iter())
    drawn = {n.get("data-event") for n in nodes
             if {"event-line", "event-tick"} & set(classes(n)) and n.get("data-event")}
    labels = [n for n in nodes if "event-label" in classes(n)]
    text = lambda n: "".join(t.text or "" for t in n.iter(NS + "text"))
    shown = [text(n) for n in labels]
    whole = [title for title in headlines if title in shown]
    in_view_headlines = {n.get("data-title") for n in nodes
                         if "event-line" in classes(n) and n.get("data-title") in headlines}
    shortened = sum(1 for n in labels if text(n) != n.get("data-title"))
    hidden = [n.get("data-hidden") for n in nodes if "event-labels" in classes(n)]
    unidentified = int(hidden[0]) if hidden else len(drawn)
    boxes = [box(n) for n in nodes
             if {"event-label", "event-badge", "event-cluster"} & set(classes(n))]
    overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    print(f"events {len(drawn)}, labels {len(labels)}, headlines whole "
          f"{len(whole)} of {len(in_view_headlines)}, shortened {shortened}, "
          f"unidentified {unidentified}, overlaps {overlaps}")


if __name__ == "__main__":
    main()
