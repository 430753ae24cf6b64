#!/usr/bin/env bash
# Times `tradechart render` (release build) against scripts/render_matplotlib.py
# drawing the same default chart to a 1200×800 PNG, and prints the medians and the
# ratio. Python's time is given whole (interpreter start-up and the matplotlib import
# included, as a user running the script waits for it) and without the start-up and
# imports (as the script measures itself).
#
# Usage: scripts/compare_render.sh [RUNS]     (default 7; needs python3 with matplotlib:
#        pip install matplotlib). Set SKIP_BUILD=1 to use an existing release build,
#        TRADECHART_BINARY=path to time another build.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-7}"
data="assets/us-china-trade.json"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "Building the release binary (cargo build --release)…" >&2
    cargo build --release --quiet
fi
binary="${TRADECHART_BINARY:-target/release/tradechart}"
python3 -c "import matplotlib" 2>/dev/null || {
    echo "matplotlib is missing: pip install matplotlib" >&2
    exit 1
}

now() { date +%s.%N; }

# One warm-up run of each, so that both read their files from the page cache.
"$binary" render "$data" -o "$out/warm.png" --force >/dev/null
python3 scripts/render_matplotlib.py "$data" -o "$out/warm-mpl.png" >/dev/null

rust_png=() rust_svg=() python_total=() python_drawing=()
for _ in $(seq "$runs"); do
    start=$(now)
    "$binary" render "$data" -o "$out/tradechart.png" --force >/dev/null
    end=$(now)
    rust_png+=("$(echo "$end - $start" | bc -l)")

    start=$(now)
    "$binary" render "$data" -o "$out/tradechart.svg" --force >/dev/null
    end=$(now)
    rust_svg+=("$(echo "$end - $start" | bc -l)")

    start=$(now)
    timing=$(python3 scripts/render_matplotlib.py "$data" -o "$out/matplotlib.png" --timing 2>&1 >/dev/null)
    end=$(now)
    python_total+=("$(echo "$end - $start" | bc -l)")
    python_drawing+=("$(echo "$timing" | sed -n 's/.*seconds_after_imports=\([0-9.]*\).*/\1/p')")
done

python3 - "$runs" "${rust_png[*]}" "${rust_svg[*]}" "${python_total[*]}" "${python_drawing[*]}" <<'EOF'
import statistics
import sys

runs = int(sys.argv[1])
rust_png, rust_svg, py_total, py_drawing = (
    [float(v) for v in arg.split()] for arg in sys.argv[2:6]
)
median = statistics.median
ms = lambda seconds: f"{seconds * 1000:8.1f} ms"
print(f"Default chart, 1200×800 PNG, median of {runs} runs (after one warm-up run each):")
print(f"  tradechart render → PNG (whole process)         {ms(median(rust_png))}")
print(f"  tradechart render → SVG (whole process)         {ms(median(rust_svg))}")
print(f"  matplotlib script (whole process, with start-up) {ms(median(py_total))}")
print(f"  matplotlib script (drawing + savefig only)       {ms(median(py_drawing))}")
print(f"  ratio, whole processes:           matplotlib / tradechart = "
      f"{median(py_total) / median(rust_png):5.1f}×")
print(f"  ratio, without Python's start-up: matplotlib / tradechart = "
      f"{median(py_drawing) / median(rust_png):5.1f}×")
EOF
