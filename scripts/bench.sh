#!/usr/bin/env bash
# Performance, side by side in one run (issue 7): prints one table of medians and
# ratios with the machine it ran on, for the README.
#
#   load   a 1,000,000-row, 4-series CSV (scripts/gen_big_csv.py): the whole
#          `tradechart check` process against polars.read_csv and pandas.read_csv
#          inside Python (import not counted), and the floor (wc -l, cat); peak memory
#   big    the largest long CSVs: 7,000,000 rows of 12 series a day (175 MB: the
#          most that opens without asking which series), and 10,000,000 rows of 20
#          series (248 MB: periods end in 2999, so 10M daily rows need 18 series or
#          more, and more than 12 are a choice), checked with all 20 chosen
#          (`--select series=Balance|…|Rate 16`); `tradechart check` against
#          polars.read_csv, 5 runs in turns (fresh memory costs either reader
#          90–390 ms for the same file, by what ran before it: 3 runs were a coin
#          toss); peak memory against 1.5 × the file + 50 MB. BENCH_ONLY=big runs these rows alone (with SKIP_BUILD=1
#          SKIP_FRAME=1, on the release build there)
#   frame  one UI frame of the real app at 1920×1080 (benches/frame.rs): 1M and 10M
#          points, fixed view and pan/zoom sweep, against plain egui_plot
#   render `tradechart render` of the default chart to a 1200×800 PNG against the
#          same chart drawn by scripts/render_matplotlib.py (scripts/bench_render.py)
#   start  process start to first painted frame under Xvfb, the app against a bare
#          eframe window (examples/bare_window.rs), same features and renderer, run
#          in turns; then the steady frame interval of each in its window, and the
#          size of the app's binary. With BENCH_WGPU=1 the same again for the wgpu
#          renderer (built into target/wgpu), for docs/renderer.md
#
# Usage: scripts/bench.sh [RUNS]   (default 15 load and render runs; start is always 10)
# Needs: python3 with venv (polars, pandas and matplotlib are installed into
# target/bench/venv with pip), Xvfb for the start times (skipped without it). Set SKIP_BUILD=1 to use
# the existing release builds, SKIP_FRAME=1 to leave out the frame benchmark,
# FRAME_BENCH_SIZES / FRAME_BENCH_FRAMES to change it, BENCH_WGPU=1 to compare the
# renderers (its first build takes about 10 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-15}"
work="target/bench"
mkdir -p "$work"
results="$work/results.tsv"
: > "$results"

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GB"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)"
}
machine | tee "$work/machine.txt"

# First: `cargo bench` builds the binary again with the dev-dependencies' features
# (egui_kittest's wgpu) into target/release; the builds below replace it.
if [ "${SKIP_FRAME:-0}" != 1 ]; then
    echo "Frame (benches/frame.rs)…" >&2
    FRAME_BENCH_NO_CRITERION=1 nice cargo bench --quiet --bench frame 2>/dev/null |
        grep '^frame' | grep -v '^frame	points' >> "$results" || true
fi

if [ "${SKIP_BUILD:-0}" != 1 ] || [ "${SKIP_FRAME:-0}" != 1 ]; then
    echo "Building release binaries…" >&2
    # One at a time: built together, the example's dev-dependencies (egui_kittest
    # renders with wgpu) would put wgpu into the app's binary as well.
    nice cargo build --release --quiet --bin tradechart
    nice cargo build --release --quiet --example bare_window
    if [ "${BENCH_WGPU:-0}" = 1 ]; then
        echo "Building the wgpu variants into target/wgpu…" >&2
        for target in "--bin tradechart" "--example bare_window"; do
            # shellcheck disable=SC2086 # two words: the kind of target and its name
            CARGO_TARGET_DIR=target/wgpu nice cargo build --release --quiet \
                --no-default-features --features wgpu $target
        done
    fi
fi

big="$work/big-7m.csv"
if [ ! -f "$big" ]; then
    echo "Generating $big…" >&2
    python3 scripts/gen_big_csv.py "$big" 7000000 12
fi
big10m="$work/big-10m.csv"
if [ ! -f "$big10m" ]; then
    echo "Generating $big10m…" >&2
    python3 scripts/gen_big_csv.py "$big10m" 10000000 20
fi
# Every series of the 10M-row file, as picked in the chooser or on the command line.
all_series="series=Balance|Exports|Imports|US tariff$(for i in $(seq -w 1 16); do printf '|Rate %s' "$i"; done)"

# The rest (up to the largest file's row) is left out with BENCH_ONLY=big.
if [ "${BENCH_ONLY:-}" != big ]; then
csv="$work/big.csv"
if [ ! -f "$csv" ]; then
    echo "Generating $csv…" >&2
    python3 scripts/gen_big_csv.py "$csv" 1000000
fi

venv="$work/venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import polars, pandas, matplotlib" 2>/dev/null ||
    "$venv/bin/pip" install --quiet polars pandas matplotlib

# Let the builds' writes reach the disk before anything is timed: on two cores the
# kernel's writeback competes with what is measured.
sync
sleep 3

echo "Load (median of $runs, in turns)…" >&2
"$venv/bin/python" scripts/bench_table.py load "$csv" target/release/tradechart "$runs" >> "$results"

echo "Render (median of $runs)…" >&2
"$venv/bin/python" scripts/bench_render.py target/release/tradechart "$runs" >> "$results"

if command -v Xvfb >/dev/null; then
    echo "Start (median of 10, Xvfb)…" >&2
    display=":$((90 + RANDOM % 9))"
    Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill "$xvfb" 2>/dev/null || true' EXIT
    sleep 1
    DISPLAY="$display" WAYLAND_DISPLAY= "$venv/bin/python" scripts/bench_table.py start \
        target/release/examples/bare_window target/release/tradechart "glow, the default" 10 >> "$results"
    if [ "${BENCH_WGPU:-0}" = 1 ]; then
        DISPLAY="$display" WAYLAND_DISPLAY= "$venv/bin/python" scripts/bench_table.py start \
            target/wgpu/release/examples/bare_window target/wgpu/release/tradechart wgpu 10 >> "$results"
    fi
fi
fi

python=python3
[ -x "$work/venv/bin/python" ] && python="$work/venv/bin/python"
echo "Largest files (median of 5, in turns)…" >&2
"$python" scripts/bench_table.py big "$big" target/release/tradechart 5 \
    "7M rows, 12 series" >> "$results"
"$python" scripts/bench_table.py big "$big10m" target/release/tradechart 5 \
    "10M rows, 20 series chosen" "$all_series" >> "$results"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/machine.txt"
python3 - "$results" <<'PY'
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
def ms(group, what):
    for row in rows:
        if row[0] == group and row[1] == what:
            return float(row[2])
    return float("nan")

print()
print("| Measurement | Median | Ratio |")
print("|---|---:|---|")
tc = ms("load", "tradechart check (whole process)")
for row in rows:
    if row[0] != "load":
        continue
    what, median = row[1], float(row[2])
    extra = ""
    if row[3] != "-1":
        size_mb = int(row[4]) / 1e6
        extra = f"; peak {int(row[3]) * 1024 / 1e6:.0f} MB (limit 2× {size_mb:.1f} MB + 50 = {2 * size_mb + 50:.0f} MB)"
    ratio = "" if what.startswith("tradechart") else f"tradechart ÷ this = {tc / median:.2f}"
    print(f"| load 1M rows: {what} | {median:.0f} ms{extra} | {ratio} |")
for row in rows:
    if row[0] != "big":
        continue
    what, median, label = row[1], float(row[2]), row[5]
    big = next(float(r[2]) for r in rows if r[0] == "big" and r[5] == label and r[3] != "-1")
    extra, ratio = "", ""
    if row[3] != "-1":
        size_mb = int(row[4]) / 1e6
        goal = 1.5 * size_mb + 50
        # /usr/bin/time's "kbytes" are KiB; the goal is in MB of the file's bytes.
        peak_mb = int(row[3]) * 1024 / 1e6
        extra = f"; peak {peak_mb:.0f} MB (goal 1.5× {size_mb:.0f} MB + 50 = {goal:.0f} MB)"
    else:
        ratio = f"tradechart ÷ this = {big / median:.2f} (target ≤ 1)"
    print(f"| load {label}: {what} | {median:.0f} ms{extra} | {ratio} |")
ours = ms("render", "tradechart render (whole process)")
for row in rows:
    if row[0] == "render":
        ratio = "" if row[1].startswith("tradechart") else f"this ÷ tradechart = {float(row[2]) / ours:.1f} (target ≥ 10)"
        print(f"| render default chart to PNG: {row[1]} | {float(row[2]):.0f} ms | {ratio} |")
frames = [row for row in rows if row[0] == "frame"]
for row in frames:
    points, case, median, p95, vertices = row[1], row[2], float(row[3]), float(row[4]), row[5]
    base = next((float(r[3]) for r in frames if r[1] == points and r[2] == "app fixed view"), float("nan"))
    ratio = "" if case == "app fixed view" else f"this ÷ app fixed = {median / base:.1f}"
    if case == "app pan/zoom sweep":
        fixed_p95 = next(float(r[4]) for r in frames if r[1] == points and r[2] == "app fixed view")
        ratio = f"p95 sweep ÷ p95 fixed = {p95 / fixed_p95:.2f}"
    print(f"| frame {int(points) / 1e6:g}M points: {case} | {median:.2f} ms (p95 {p95:.2f}; {vertices} vertices) | {ratio} |")
for row in rows:
    if row[0] != "start":
        continue
    renderer, size = row[1], int(row[7])
    bare, app, bare_frame, app_frame = (float(value) for value in row[2:6])
    print(f"| start to first frame ({renderer}): bare eframe window / tradechart, default dataset | {bare:.0f} / {app:.0f} ms | app ÷ bare = {app / bare:.2f} (target ≤ 1.2) |")
    print(f"| frame interval in the window, repainting ({renderer}): bare / tradechart | {bare_frame:.1f} / {app_frame:.1f} ms | |")
    print(f"| tradechart binary ({renderer}, release) | {size / 1e6:.1f} MB | |")
PY
