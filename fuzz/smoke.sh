#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 30) each, seeded with the test files:
# the CI smoke run. For a long run of one target, see fuzz/README.md.
#
# Needs cargo-fuzz (installed here when missing) and runs on the stable toolchain with
# RUSTC_BOOTSTRAP=1 (libFuzzer's instrumentation needs nightly flags). The fuzz crate
# builds in fuzz/target, apart from the main build. Exit status 1 on the first crash,
# hang (10 s for one input) or out-of-memory (2 GB); the input is saved under
# fuzz/artifacts/<target>/ and the command to reproduce it is printed.
set -euo pipefail

seconds="${1:-30}"
fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
data="$fuzz_dir/../tests/data"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

cd "$fuzz_dir"
# No sanitizer: the crate forbids unsafe code, so AddressSanitizer would find nothing
# the Rust checks do not, at several times the cost. Panics, hangs and memory are
# what is looked for.
cargo fuzz build -s none

seeds_for() {
    case "$1" in
        csv) echo "$data/csv $data/misc $data/cli $data/desktop $data/field $data/hostile $data/shapes $data/reading" ;;
        events) echo "$data/events" ;;
        json) echo "$data/json $data/chart $data/reading $data/hostile" ;;
        workbook) echo "$data/workbook $data/hostile" ;;
        chart_svg) echo "" ;;
    esac
}

mkdir -p logs
for target in csv events json workbook chart_svg; do
    mkdir -p "corpus/$target"
    log="logs/$target.log"
    # shellcheck disable=SC2046 # the seed folders are separate words
    if ! cargo fuzz run -s none "$target" "corpus/$target" $(seeds_for "$target") -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')"
    echo "fuzz target $target: no crash, hang or out-of-memory in $seconds s ($runs inputs)"
done
