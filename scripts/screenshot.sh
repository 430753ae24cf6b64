#!/usr/bin/env bash
# Takes a screenshot of the real window under Xvfb, as a user would see it.
# Usage: scripts/screenshot.sh OUT.png [WIDTHxHEIGHT] [-- tradechart arguments]
# Needs: xvfb, imagemagick (import), xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/screenshot.sh OUT.png [WIDTHxHEIGHT] [-- args]}
shift
size=1400x900
if [[ $# -gt 0 && $1 != "--" ]]; then size=$1; shift; fi
[[ ${1:-} == "--" ]] && shift
# The binary to run: TRADECHART_BIN, else the debug build (build it first).
binary=${TRADECHART_BIN:-target/debug/tradechart}
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display "$binary" "$@" &
app_pid=$!
# Wait for the window, then make it fill the screen.
for _ in $(seq 50); do
    window=$(DISPLAY=$display xdotool search --name . 2>/dev/null | head -1 || true)
    [[ -n $window ]] && break
    sleep 0.2
done
if [[ -n ${window:-} ]]; then
    DISPLAY=$display xdotool windowmove "$window" 0 0 windowsize "$window" "${size%x*}" "${size#*x}" || true
fi
# Park the pointer in a corner so no hover cursor shows, unless asked otherwise.
DISPLAY=$display xdotool mousemove "${POINTER_X:-$(( ${size%x*} - 1 ))}" "${POINTER_Y:-$(( ${size#*x} - 1 ))}" || true
sleep "${SCREENSHOT_DELAY:-3}"
DISPLAY=$display import -window root "$out"
echo "wrote $out"
