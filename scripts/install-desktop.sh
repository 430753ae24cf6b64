#!/usr/bin/env bash
# Installs tradechart for the current user only (no root): the binary, the desktop
# entry (menus, "Open With", double-click), the icons and the .tradechart MIME type.
#
# Usage: scripts/install-desktop.sh [--binary PATH]     install (or update)
#        scripts/install-desktop.sh --uninstall         remove what install put there
#
# The binary is PATH if given, else target/release/tradechart (`cargo build --release`),
# else the `tradechart` on PATH (`cargo install --path .`). It is copied to
# ~/.local/bin; the desktop entry runs it by that absolute path, so it works even
# where the desktop session's PATH lacks ~/.local/bin or ~/.cargo/bin.
# Files go under $XDG_DATA_HOME (default ~/.local/share) and $XDG_BIN_HOME (default
# ~/.local/bin). The desktop, MIME and icon caches are refreshed when the tools are
# installed (desktop-file-utils, shared-mime-info, gtk-update-icon-cache).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_home=${XDG_BIN_HOME:-$HOME/.local/bin}
icon_sizes=(16 32 48 64 128 256 512)

usage() {
    sed -n '5,6p' "$0" | sed 's/^# //' >&2
    exit 2
}

# Every file install writes, one a line; uninstall removes exactly these.
installed_files() {
    echo "$bin_home/tradechart"
    echo "$data_home/applications/tradechart.desktop"
    echo "$data_home/mime/packages/tradechart.xml"
    echo "$data_home/icons/hicolor/scalable/apps/tradechart.svg"
    for size in "${icon_sizes[@]}"; do
        echo "$data_home/icons/hicolor/${size}x${size}/apps/tradechart.png"
    done
}

# Rebuilds the caches the desktop reads, with whichever tools are present.
refresh_caches() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$data_home/applications" || true
    fi
    if command -v update-mime-database >/dev/null; then
        update-mime-database "$data_home/mime" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        # No index.theme in a user's hicolor folder: build the cache without one.
        gtk-update-icon-cache -q -f -t "$data_home/icons/hicolor" || true
    fi
}

find_binary() {
    if [[ -n ${1:-} ]]; then
        echo "$1"
    elif [[ -x $repo/target/release/tradechart ]]; then
        echo "$repo/target/release/tradechart"
    elif command -v tradechart >/dev/null; then
        command -v tradechart
    else
        echo "install-desktop.sh: no tradechart binary: run 'cargo build --release' first, or pass --binary PATH" >&2
        exit 1
    fi
}

install_desktop() {
    local binary
    binary=$(find_binary "${1:-}")
    [[ -x $binary ]] || { echo "install-desktop.sh: $binary is not an executable file" >&2; exit 1; }

    mkdir -p "$bin_home" "$data_home/applications" "$data_home/mime/packages" \
        "$data_home/icons/hicolor/scalable/apps"
    # Copy to a temporary name, then rename: a running tradechart keeps its old file.
    if [[ $(realpath "$binary") != $(realpath -m "$bin_home/tradechart") ]]; then
        install -m 755 "$binary" "$bin_home/.tradechart.new"
        mv -f "$bin_home/.tradechart.new" "$bin_home/tradechart"
    fi

    sed -e "s|^Exec=tradechart |Exec=$bin_home/tradechart |" \
        -e "s|^TryExec=tradechart$|TryExec=$bin_home/tradechart|" \
        "$repo/assets/linux/tradechart.desktop" >"$data_home/applications/tradechart.desktop"
    chmod 644 "$data_home/applications/tradechart.desktop"
    install -m 644 "$repo/assets/linux/tradechart-mime.xml" "$data_home/mime/packages/tradechart.xml"
    install -m 644 "$repo/assets/icon/tradechart.svg" "$data_home/icons/hicolor/scalable/apps/tradechart.svg"
    for size in "${icon_sizes[@]}"; do
        mkdir -p "$data_home/icons/hicolor/${size}x${size}/apps"
        install -m 644 "$repo/assets/icon/tradechart-$size.png" \
            "$data_home/icons/hicolor/${size}x${size}/apps/tradechart.png"
    done
    refresh_caches
    echo "installed tradechart for ${USER:-$(id -un)}: $bin_home/tradechart and its desktop entry"
    case ":$PATH:" in
        *":$bin_home:"*) ;;
        *) echo "note: $bin_home is not on PATH; the menu entry works, the command 'tradechart' does not" ;;
    esac
}

uninstall_desktop() {
    local file
    while IFS= read -r file; do
        rm -f -- "$file"
    done < <(installed_files)
    refresh_caches
    echo "removed tradechart's desktop entry, icons, MIME type and $bin_home/tradechart"
}

case "${1:-}" in
    "") install_desktop ;;
    --binary) [[ $# -eq 2 ]] || usage; install_desktop "$2" ;;
    --uninstall) [[ $# -eq 1 ]] || usage; uninstall_desktop ;;
    --list) installed_files ;;
    *) usage ;;
esac
