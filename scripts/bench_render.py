#!/usr/bin/env python3
"""The render half of scripts/bench.sh: `tradechart render` of the default chart to a
1200×800 PNG against scripts/render_matplotlib.py drawing the same chart, each a
whole process (Python's start-up and imports included, as a user waits for them),
and matplotlib's drawing and savefig alone (as the script times itself).

Usage: bench_render.py TRADECHART RUNS     (run with a python that has matplotlib)

Prints tab-separated lines `render\t<what>\t<median ms>`, one warm-up run each first.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

DATA = "assets/us-china-trade.json"
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render_matplotlib.py")


def run_timed(command):
    """Seconds the command took, and its stderr; exits if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed: {result.stderr.strip()}")
    return elapsed, result.stderr


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    tradechart, runs = sys.argv[1], int(sys.argv[2])
    with tempfile.TemporaryDirectory() as out:
        ours = [tradechart, "render", DATA, "-o", os.path.join(out, "tradechart.png"), "--force"]
        theirs = [sys.executable, SCRIPT, DATA, "-o", os.path.join(out, "matplotlib.png"), "--timing"]
        run_timed(ours)
        run_timed(theirs)
        ours_ms, theirs_ms, drawing_ms = [], [], []
        for _ in range(runs):
            ours_ms.append(run_timed(ours)[0] * 1000.0)
            elapsed, stderr = run_timed(theirs)
            theirs_ms.append(elapsed * 1000.0)
            found = re.search(r"seconds_after_imports=([0-9.]+)", stderr)
            if found:
                drawing_ms.append(float(found.group(1)) * 1000.0)
    median = statistics.median
    print(f"render\ttradechart render (whole process)\t{median(ours_ms):.1f}")
    print(f"render\tmatplotlib script (whole process)\t{median(theirs_ms):.1f}")
    if drawing_ms:
        print(f"render\tmatplotlib drawing + savefig only\t{median(drawing_ms):.1f}")


if __name__ == "__main__":
    main()
