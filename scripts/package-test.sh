#!/usr/bin/env bash
# Builds the .deb and checks it as a user would meet it: its contents and control
# fields, the desktop entry and MIME XML it installs, the install itself, and the
# installed "Open With → tradechart" (the desktop entry's Exec line with a CSV)
# opening that file in a window under Xvfb. Then the user-level install and
# uninstall (scripts/install-desktop.sh) in a temporary HOME.
#
# Usage: scripts/package-test.sh [--no-build] [--scratch]
#   --no-build  check target/debian/*.deb as it is (do not run `cargo deb`)
#   --scratch   unpack into a scratch root (dpkg -x) even when running as root;
#               without it, root installs the package for real (apt-get install
#               ./the.deb, which also pulls its dependencies) and removes it after.
# Needs: cargo-deb (installed with `cargo install cargo-deb --locked` if missing),
# and on Debian the packages below (installed with apt-get if missing).
# The release build takes 5-11 minutes on 2 cores; the checks about 15 seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

build=1
scratch=0
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        --scratch) scratch=1 ;;
        *) sed -n '8,12p' "$0" >&2; exit 2 ;;
    esac
done
[[ $(id -u) -eq 0 ]] || scratch=1

step() { printf '\n== %s\n' "$*"; }
fail() { echo "package-test: FAIL: $*" >&2; exit 1; }

# ----- Tools -----
packages=(desktop-file-utils libxml2-utils shared-mime-info xvfb xauth)
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

work=$(mktemp -d)
# The windows keep their settings in a scratch folder, not in the user's.
export TRADECHART_CONFIG_DIR=$work/config
installed_by_us=0
cleanup() {
    if ((installed_by_us)); then
        echo "removing the test install of tradechart"
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tradechart >/dev/null || dpkg -r tradechart >/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# ----- Build -----
if ((build)); then
    step "building the .deb (cargo deb --locked)"
    if ! cargo deb --version >/dev/null 2>&1; then
        cargo install cargo-deb --locked
    fi
    started=$SECONDS
    cargo deb --locked
    echo "built in $((SECONDS - started)) s"
fi
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
deb=$(ls -t target/debian/tradechart_"$version"-*.deb 2>/dev/null | head -1 || true)
[[ -n $deb && -f $deb ]] || fail "no target/debian/tradechart_$version-*.deb (run without --no-build)"
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

# ----- Control fields -----
step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
dpkg-deb -f "$deb" Package Version Architecture Section Priority Maintainer Depends Recommends
[[ $(field Package) == tradechart ]] || fail "Package is $(field Package)"
[[ $(field Version) == "$version"-* ]] || fail "Version $(field Version) is not $version"
[[ $(field Section) == science ]] || fail "Section is '$(field Section)', expected science"
[[ $(field Priority) == optional ]] || fail "Priority is '$(field Priority)', expected optional"
for dependency in libc6 zenity libxkbcommon-x11-0 libegl1; do
    field Depends | grep -q "\b$dependency\b" || fail "Depends lacks $dependency"
done

# ----- Contents -----
step "contents"
dpkg-deb -c "$deb" | awk '{print $1, $6}'
expected=(
    ./usr/bin/tradechart
    ./usr/share/applications/tradechart.desktop
    ./usr/share/mime/packages/tradechart.xml
    ./usr/share/icons/hicolor/scalable/apps/tradechart.svg
    ./usr/share/doc/tradechart/README.md
    ./usr/share/doc/tradechart/copyright
)
for size in 16 32 48 64 128 256 512; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/tradechart.png")
done
listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in "${expected[@]}"; do
    grep -qxF "$path" <<<"$listing" || fail "the package lacks $path"
done
dpkg-deb -c "$deb" | grep -q '^-rwxr-xr-x .* \./usr/bin/tradechart$' || fail "usr/bin/tradechart is not mode 755"

root=$work/root
dpkg-deb -x "$deb" "$root"
# The packaged files are the repository's, byte for byte.
cmp "$root/usr/share/applications/tradechart.desktop" assets/linux/tradechart.desktop
cmp "$root/usr/share/mime/packages/tradechart.xml" assets/linux/tradechart-mime.xml
cmp "$root/usr/share/icons/hicolor/scalable/apps/tradechart.svg" assets/icon/tradechart.svg
for size in 16 32 48 64 128 256 512; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/tradechart.png
    cmp "$png" "assets/icon/tradechart-$size.png"
    # PNG header: width and height, big-endian, at bytes 16 and 20.
    read -r width height < <(od -An -tu1 -j16 -N8 "$png" |
        awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
    [[ $width == "$size" && $height == "$size" ]] || fail "$png is ${width}x$height"
done
echo "contents ok: ${#expected[@]} files checked"

# ----- Validation -----
step "desktop entry and MIME XML"
desktop-file-validate "$root/usr/share/applications/tradechart.desktop"
echo "desktop-file-validate: ok"
xml=$root/usr/share/mime/packages/tradechart.xml
system_mime=/usr/share/mime/packages/freedesktop.org.xml
if [[ -f $system_mime ]] && grep -q '<!DOCTYPE mime-info \[' "$system_mime"; then
    # shared-mime-info ships its DTD inside its own package file: validate against it.
    awk '/<!DOCTYPE mime-info \[/{inside=1; next} inside && /^\]>/{exit} inside' "$system_mime" >"$work/mime.dtd"
    xmllint --noout --dtdvalid "$work/mime.dtd" "$xml"
    echo "xmllint: valid against shared-mime-info's DTD"
else
    xmllint --noout "$xml"
    echo "xmllint: well-formed (no shared-mime-info DTD here)"
fi
mime=$work/mime
mkdir -p "$mime/packages"
cp "$xml" "$mime/packages/"
update-mime-database "$mime" >"$work/update-mime.log" 2>&1 || { cat "$work/update-mime.log" >&2; fail "update-mime-database rejected the XML"; }
grep -qx 'application/x-tradechart+json:\*\.tradechart' <(cut -d: -f2- "$mime/globs2") ||
    fail "update-mime-database did not register *.tradechart"
grep -qx 'application/x-tradechart+json application/json' "$mime/subclasses" ||
    fail "update-mime-database did not make it a sub-class of application/json"
echo "update-mime-database: *.tradechart registered"

# ----- Install -----
if ((scratch)); then
    step "install into a scratch root (dpkg -x)"
    export PATH=$root/usr/bin:$PATH
    entry=$root/usr/share/applications/tradechart.desktop
else
    step "install (apt-get install ./$(basename "$deb"))"
    if dpkg-query -W -f='${Status}' tradechart 2>/dev/null | grep -q "install ok installed"; then
        echo "tradechart was installed before this test: it is replaced and then removed"
    fi
    installed_by_us=1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$repo/$deb"
    dpkg -L tradechart | grep -qx /usr/bin/tradechart || fail "dpkg -L lacks /usr/bin/tradechart"
    [[ $(command -v tradechart) == /usr/bin/tradechart ]] || fail "tradechart on PATH is $(command -v tradechart)"
    # dpkg's triggers updated the system databases.
    grep -q 'application/x-tradechart+json:\*\.tradechart' /usr/share/mime/globs2 ||
        fail "the system MIME database lacks *.tradechart after install"
    if [[ -f /usr/share/applications/mimeinfo.cache ]]; then
        grep -q '^text/csv=.*tradechart.desktop' /usr/share/applications/mimeinfo.cache ||
            fail "mimeinfo.cache does not offer tradechart for text/csv"
    fi
    entry=/usr/share/applications/tradechart.desktop
fi

# ----- Open With → tradechart -----
csv=$repo/tests/data/desktop/opened-by-double-click.csv
expected_title="Opened by double-click"

# Runs the Exec line of desktop entry $1 on file $2 the way a launcher does (%F → the
# file) under Xvfb, with the exit-after-first-frame switch; prints its output.
run_exec_line() {
    local exec_line command=()
    exec_line=$(sed -n 's/^Exec=//p' "$1")
    for word in $exec_line; do
        case "$word" in
            %F | %f | %U | %u) command+=("$2") ;;
            %*) ;;
            *) command+=("$word") ;;
        esac
    done
    echo "running: ${command[*]}" >&2
    TRADECHART_EXIT_AFTER_FIRST_FRAME=1 timeout 120 \
        xvfb-run -a -s "-screen 0 1280x900x24" "${command[@]}" 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; fail "the window did not start or close"; }
}

# Asserts the output $1 reports the window title $2.
assert_loaded() {
    echo "$1"
    grep -q "^loaded: $2 ([0-9]* ms since start)$" <<<"$1" || fail "expected 'loaded: $2 (… ms since start)'"
}

step "the installed Exec line on a CSV, under Xvfb"
grep -qx 'Exec=tradechart %F' "$entry" || fail "Exec line is $(grep '^Exec=' "$entry")"
assert_loaded "$(run_exec_line "$entry" "$csv")" "$expected_title"

if ((!scratch)) && command -v gtk-launch >/dev/null; then
    step "gtk-launch tradechart FILE (what a file manager's Open With does)"
    log=$work/gtk-launch.out
    # gtk-launch returns at once; the window writes to the inherited stdout.
    TRADECHART_EXIT_AFTER_FIRST_FRAME=1 timeout 120 xvfb-run -a -s "-screen 0 1280x900x24" \
        sh -c 'gtk-launch tradechart "$1" && for _ in $(seq 600); do grep -q "^loaded: " "$2" && exit 0; sleep 0.1; done; exit 1' \
        sh "$csv" "$log" >"$log" 2>"$work/stderr" ||
        { cat "$log" "$work/stderr" >&2; fail "gtk-launch did not open the file"; }
    assert_loaded "$(grep '^loaded: ' "$log")" "$expected_title"
fi

# ----- User-level install in a temporary HOME -----
step "scripts/install-desktop.sh and --uninstall in a temporary HOME"
binary=$(command -v tradechart)
user_home=$work/home
mkdir -p "$user_home"
as_user() { env -u XDG_DATA_HOME -u XDG_BIN_HOME HOME="$user_home" "$@"; }
mapfile -t files < <(as_user scripts/install-desktop.sh --list)
as_user scripts/install-desktop.sh --binary "$binary"
for file in "${files[@]}"; do
    [[ -f $file ]] || fail "install-desktop.sh did not install $file"
done
user_entry=$user_home/.local/share/applications/tradechart.desktop
desktop-file-validate "$user_entry"
grep -q 'application/x-tradechart+json:\*\.tradechart' "$user_home/.local/share/mime/globs2" ||
    fail "the user MIME database lacks *.tradechart"
echo "installed: ${#files[@]} files"
assert_loaded "$(run_exec_line "$user_entry" "$csv")" "$expected_title"
as_user scripts/install-desktop.sh --uninstall
for file in "${files[@]}"; do
    [[ ! -e $file ]] || fail "install-desktop.sh --uninstall left $file"
done
! grep -q tradechart "$user_home/.local/share/mime/globs2" || fail "the user MIME database still has tradechart"
echo "uninstalled: all ${#files[@]} files gone"

step "package test passed"
