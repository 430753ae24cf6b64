#!/usr/bin/env bash
# Runs the whole test suite: formatting, lints, unit, end-to-end and window tests.
# Installs (with apt-get, on Debian) the system packages the tests need: Mesa's
# software Vulkan driver renders the window snapshots without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(mesa-vulkan-drivers xvfb xauth)
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
cargo test --locked
