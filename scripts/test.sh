#!/usr/bin/env bash
# Runs the whole test suite: formatting, lints, unit, end-to-end and window tests,
# then the package test (builds the .deb in release mode, installs it, opens a file
# with its desktop entry under Xvfb; see scripts/package-test.sh) and a 30-second
# smoke run of every fuzz target (fuzz/smoke.sh). SKIP_PACKAGE=1 and SKIP_FUZZ=1 leave
# those out for a quicker run.
# Installs (with apt-get, on Debian) the system packages the tests need: Mesa's
# software Vulkan driver renders the window snapshots without a GPU; Xvfb runs real
# windows; desktop-file-utils validates the desktop entry.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(mesa-vulkan-drivers xvfb xauth desktop-file-utils libxml2-utils shared-mime-info)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "Installing test packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
    echo "cargo not found: install Rust with rustup first (see README, 'Setup')." >&2
    exit 2
fi

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --locked 2>&1 | tee "$log"
if [[ ${SKIP_PACKAGE:-0} != 1 ]]; then
    scripts/package-test.sh
fi
if [[ ${SKIP_FUZZ:-0} != 1 ]]; then
    fuzz/smoke.sh "${FUZZ_SECONDS:-30}"
fi
# One closing line for the whole run, counted from cargo test's own summaries.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
