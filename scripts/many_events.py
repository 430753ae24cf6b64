#!/usr/bin/env python3
"""Writes the default dataset with 120 generated events (8 of them headlines), for
measuring how a chart annotates a crowded file (README, "Key events").

    python3 scripts/many_events.py OUT.json

The events are made up (titles of typical lengths, bursts of several in a month);
the series are the default dataset's. Deterministic: the same file every run."""

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("tariff review duties retaliation steel aluminum chips export controls truce "
         "talks summit probe ruling quota licence safeguard rare earths soybeans "
         "agreement extension investigation surcharge").split()
CATEGORIES = ["tariff action", "retaliation", "negotiation", "export control",
              "investigation", "agreement or truce", "court ruling"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rng = random.Random(16)
    dataset = json.loads((ROOT / "assets/us-china-trade.json").read_text())
    days = []
    while len(days) < 120:
        year, month = rng.randint(2016, 2026), rng.randint(1, 12)
        # Bursts: a month gets one to six events.
        for _ in range(rng.randint(1, 6)):
            days.append(f"{year}-{month:02d}-{rng.randint(1, 28):02d}")
    days = sorted(days[:120])
    headlines = set(rng.sample(range(120), 8))
    events = []
    for index, day in enumerate(days):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize()
        event = {"date": day, "title": f"{title} {index + 1}",
                 "category": rng.choice(CATEGORIES), "source": "generated"}
        if index in headlines:
            event["highlight"] = True
        events.append(event)
    dataset["events"] = events
    Path(sys.argv[1]).write_text(json.dumps(dataset, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
