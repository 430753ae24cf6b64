#!/usr/bin/env python3
"""The timing half of scripts/bench.sh: runs each measurement, prints the table.

Usage: bench_table.py load CSV TRADECHART RUNS       (run with the venv's python)
       bench_table.py big CSV TRADECHART RUNS LABEL [SELECT]
                                      (polars left out when missing; SELECT is
                                      given to `check --select`)
       bench_table.py start BARE APP RENDERER RUNS   (under Xvfb: DISPLAY set)

Every result line is tab-separated: `<group>\t<what>\t<median ms>\t<extra>` (a big
line adds the file's label); a
start line is `start\t<renderer>\t<bare ms>\t<app ms>\t<bare frame ms>\t<app frame ms>
\t<runs>\t<app binary bytes>`.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


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


def check_command(tradechart, csv, select=None):
    """`tradechart check CSV`, with `--select SELECT` when given."""
    return [tradechart, "check", csv] + (["--select", select] if select else [])


def checker(tradechart, csv, select=None):
    """`tradechart check CSV` as a call, stopping the benchmark when it fails."""

    def check():
        result = subprocess.run(
            check_command(tradechart, csv, select), stdout=subprocess.DEVNULL, check=False
        )
        if result.returncode != 0:
            sys.exit(f"tradechart check {csv} failed")

    return check


def load(csv, tradechart, runs):
    """Each reader of the file once a round, in turns (so that a change of machine
    load hits all alike), after one round not counted (the first run of a fresh
    build pages its binary in); the median of each, and the app's peak memory.
    """
    size = os.path.getsize(csv)

    check = checker(tradechart, csv)
    import pandas
    import polars

    readers = [
        ("tradechart check (whole process)", check),
        ("polars.read_csv (in Python, import not counted)", lambda: polars.read_csv(csv)),
        ("pandas.read_csv (in Python, import not counted)", lambda: pandas.read_csv(csv)),
        ("wc -l (floor)", lambda: subprocess.run(["wc", "-l", csv], stdout=subprocess.DEVNULL, check=True)),
        ("cat (floor)", lambda: subprocess.run(["cat", csv], stdout=subprocess.DEVNULL, check=True)),
    ]
    times = {what: [] for what, _ in readers}
    for round_number in range(runs + 1):
        for what, read in readers:
            start = time.perf_counter()
            read()
            if round_number > 0:
                times[what].append((time.perf_counter() - start) * 1000.0)
    peak = peak_kb([tradechart, "check", csv])
    for what, _ in readers:
        kb = peak if what.startswith("tradechart") else -1
        print(f"load\t{what}\t{statistics.median(times[what]):.1f}\t{kb}\t{size}")


def big(csv, tradechart, runs, label, select=None):
    """A large file: `tradechart check` (of the series `select` names) against
    polars.read_csv (when polars is installed) in turns, the median of each, and the
    app's peak memory."""
    size = os.path.getsize(csv)

    check = checker(tradechart, csv, select)
    readers = [("tradechart check (whole process)", check)]
    try:
        import polars

        readers.append(("polars.read_csv (in Python, import not counted)", lambda: polars.read_csv(csv)))
    except ImportError:
        print("polars is not installed: no ratio to it", file=sys.stderr)
    times = {what: [] for what, _ in readers}
    for _ in range(runs):
        for what, read in readers:
            start = time.perf_counter()
            read()
            times[what].append((time.perf_counter() - start) * 1000.0)
    peak = peak_kb(check_command(tradechart, csv, select))
    for what, _ in readers:
        kb = peak if what.startswith("tradechart") else -1
        print(f"big\t{what}\t{statistics.median(times[what]):.1f}\t{kb}\t{size}\t{label}")


def start(bare, app, renderer, runs):
    """Start to first painted frame of the bare window and the app, run in turns
    (so that a change of machine load hits both), then the steady frame interval
    of each with continuous repaints (TRADECHART_REPAINT_FRAMES), and the size of
    the app's binary.
    """
    pattern = {
        "loaded": re.compile(r"^loaded: .* \((\d+) ms since start\)$", re.M),
        "frames": re.compile(r"^frames: \d+, median interval ([0-9.]+) ms$", re.M),
    }
    found = {(binary, what): [] for binary in (bare, app) for what in pattern}
    for _ in range(runs):
        for binary in (bare, app):
            with tempfile.TemporaryDirectory() as config:
                env = dict(
                    os.environ,
                    TRADECHART_EXIT_AFTER_FIRST_FRAME="1",
                    TRADECHART_REPAINT_FRAMES="60",
                    # Default settings (window size, theme) every run, not the user's.
                    TRADECHART_CONFIG_DIR=config,
                )
                result = subprocess.run(
                    [binary], env=env, capture_output=True, text=True, timeout=60, check=False
                )
            for what, regex in pattern.items():
                match = regex.search(result.stdout)
                if match:
                    found[(binary, what)].append(float(match.group(1)))

    def median(binary, what):
        values = found[(binary, what)]
        return statistics.median(values) if values else float("nan")

    print(
        f"start\t{renderer}\t{median(bare, 'loaded'):.1f}\t{median(app, 'loaded'):.1f}"
        f"\t{median(bare, 'frames'):.1f}\t{median(app, 'frames'):.1f}"
        f"\t{len(found[(app, 'loaded')])}\t{os.path.getsize(app)}"
    )


def main():
    kind = sys.argv[1]
    if kind == "load":
        load(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif kind == "big":
        big(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], (sys.argv[6:] or [None])[0])
    elif kind == "start":
        start(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
