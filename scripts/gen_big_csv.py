#!/usr/bin/env python3
"""Writes a deterministic long CSV for the load benchmark (scripts/bench.sh).

Usage: gen_big_csv.py OUT.csv [ROWS]   (default 1,000,000 rows)

`date,series,value`: four series (a trade balance, exports, imports and a tariff
rate), one row per series per day from 1400-01-01 on (a wide file of a million rows
would need a million days, beyond the years 1000-2999 a period may have), values from
a fixed-seed random walk, so every run writes the same bytes.
"""
import datetime
import random
import sys


def main() -> None:
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20180706)
    day = datetime.date(1400, 1, 1)
    one = datetime.timedelta(days=1)
    exports, imports, tariff = 120.0, 500.0, 3.1
    with open(out, "w", encoding="utf-8", newline="\n") as file:
        file.write("date,series,value\n")
        lines = []
        for _ in range(rows // 4):
            exports = max(1.0, exports + rng.uniform(-1.0, 1.0))
            imports = max(1.0, imports + rng.uniform(-2.0, 2.0))
            tariff = min(60.0, max(0.0, tariff + rng.uniform(-0.05, 0.05)))
            date = day.isoformat()
            lines.append(f"{date},Balance,{exports - imports:.2f}\n")
            lines.append(f"{date},Exports,{exports:.2f}\n")
            lines.append(f"{date},Imports,{imports:.2f}\n")
            lines.append(f"{date},US tariff,{tariff:.2f}\n")
            if len(lines) >= 100_000:
                file.write("".join(lines))
                lines.clear()
            day += one
        file.write("".join(lines))


if __name__ == "__main__":
    main()
