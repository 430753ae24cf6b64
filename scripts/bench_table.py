#!/usr/bin/env python3
"""The timing half of scripts/bench.sh: runs each measurement, prints the table.

Usage: bench_table.py load CSV TRADECHART RUNS       (run with the venv's python)
       bench_table.py start BINARY NAME RUNS         (under Xvfb: DISPLAY set)

Every result line is tab-separated: `<group>\t<what>\t<median ms>\t<extra>`.
"""
import os
import re
import statistics
import subprocess
import sys
import time


def timed(run, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def peak_kb(command):
    """Peak resident memory of a command in KB, from /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return int(found.group(1)) if found else -1


def load(csv, tradechart, runs):
    size = os.path.getsize(csv)

    def check():
        result = subprocess.run(
            [tradechart, "check", csv], stdout=subprocess.DEVNULL, check=False
        )
        if result.returncode != 0:
            sys.exit(f"tradechart check {csv} failed")

    rows = [("tradechart check (whole process)", timed(check, runs), peak_kb([tradechart, "check", csv]))]
    import pandas
    import polars

    rows.append(("polars.read_csv (in Python, import not counted)", timed(lambda: polars.read_csv(csv), runs), -1))
    rows.append(("pandas.read_csv (in Python, import not counted)", timed(lambda: pandas.read_csv(csv), runs), -1))
    rows.append(("wc -l (floor)", timed(lambda: subprocess.run(["wc", "-l", csv], stdout=subprocess.DEVNULL, check=True), runs), -1))
    rows.append(("cat (floor)", timed(lambda: subprocess.run(["cat", csv], stdout=subprocess.DEVNULL, check=True), runs), -1))
    for what, median, kb in rows:
        print(f"load\t{what}\t{median:.1f}\t{kb}\t{size}")


def start(binary, name, runs):
    times = []
    env = dict(os.environ, TRADECHART_EXIT_AFTER_FIRST_FRAME="1")
    for _ in range(runs):
        result = subprocess.run(
            [binary], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        found = re.search(r"loaded: .* \((\d+) ms since start\)", result.stdout)
        if found:
            times.append(int(found.group(1)))
    median = statistics.median(times) if times else float("nan")
    print(f"start\t{name}\t{median:.1f}\t{len(times)}")


def main():
    kind = sys.argv[1]
    if kind == "load":
        load(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif kind == "start":
        start(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
