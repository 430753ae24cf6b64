#!/usr/bin/env python3
"""Writes a deterministic long CSV for the load benchmark (scripts/bench.sh).

Usage: gen_big_csv.py OUT.csv [ROWS] [SERIES]   (default 1,000,000 rows, 4 series)

`date,series,value`: four series (a trade balance, exports, imports and a tariff
rate), then partners' tariff rates (`Rate 01`, …) up to SERIES series, one row per
series per day from 1400-01-01 on (a wide file of a million rows would need a
million days, beyond the years 1000-2999 a period may have; from 1400 on,
10,000,000 rows need at least 18 series to stay within them, or the last days are
past 2999 and the file is read as text, which stops at 10 million cells: bench.sh
uses 20, 248 MB), values from a
fixed-seed random walk, so every run writes the same bytes.
"""
import datetime
import random
import sys


def main() -> None:
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    series = max(4, int(sys.argv[3])) if len(sys.argv) > 3 else 4
    partners = [f"Rate {index:02}" for index in range(1, series - 3)]
    rng = random.Random(20180706)
    day = datetime.date(1400, 1, 1)
    one = datetime.timedelta(days=1)
    exports, imports, tariff = 120.0, 500.0, 3.1
    rates = [3.1] * len(partners)
    with open(out, "w", encoding="utf-8", newline="\n") as file:
        file.write("date,series,value\n")
        lines = []
        for _ in range(rows // series):
            exports = max(1.0, exports + rng.uniform(-1.0, 1.0))
            imports = max(1.0, imports + rng.uniform(-2.0, 2.0))
            tariff = min(60.0, max(0.0, tariff + rng.uniform(-0.05, 0.05)))
            date = day.isoformat()
            lines.append(f"{date},Balance,{exports - imports:.2f}\n")
            lines.append(f"{date},Exports,{exports:.2f}\n")
            lines.append(f"{date},Imports,{imports:.2f}\n")
            lines.append(f"{date},US tariff,{tariff:.2f}\n")
            for index, name in enumerate(partners):
                rates[index] = min(60.0, max(0.0, rates[index] + rng.uniform(-0.05, 0.05)))
                lines.append(f"{date},{name},{rates[index]:.2f}\n")
            if len(lines) >= 100_000:
                file.write("".join(lines))
                lines.clear()
            day += one
        file.write("".join(lines))


if __name__ == "__main__":
    main()
