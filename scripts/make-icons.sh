#!/usr/bin/env bash
# Renders the app icon's PNG sizes from its vector source, assets/icon/tradechart.svg,
# into assets/icon/tradechart-<SIZE>.png. The PNGs are committed; run this again
# after editing the SVG. Needs rsvg-convert (Debian: apt-get install librsvg2-bin)
# or resvg's CLI (cargo install resvg).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"

sizes=(16 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    out=tradechart-$size.png
    if command -v rsvg-convert >/dev/null; then
        rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio tradechart.svg --output "$out"
    elif command -v resvg >/dev/null; then
        resvg --width "$size" --height "$size" tradechart.svg "$out"
    else
        echo "make-icons.sh: needs rsvg-convert (apt-get install librsvg2-bin) or resvg" >&2
        exit 2
    fi
    echo "wrote assets/icon/$out"
done

# Windows: one .ico holding the small sizes and 256 (the installer and shortcuts use it).
if command -v convert >/dev/null; then
    convert tradechart-16.png tradechart-32.png tradechart-48.png tradechart-64.png \
        tradechart-128.png tradechart-256.png tradechart.ico
    echo "wrote assets/icon/tradechart.ico"
else
    echo "make-icons.sh: ImageMagick's convert not found; tradechart.ico left as it is" >&2
fi
