#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The desktop integration: the freedesktop entry, the `.tradechart` MIME type, the
//! icon files, the packaging metadata that names them, the user-level install script,
//! and the real binary launched as a double-click would (under Xvfb, when present).
//!
//! Fixtures are under `tests/data/desktop/`; the packaged files under `assets/`.
//! `scripts/package-test.sh` checks the built `.deb` itself.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tradechart::data::{self, Format};

const ICON_SIZES: [u32; 7] = [16, 32, 48, 64, 128, 256, 512];
const OUR_MIME_TYPE: &str = "application/x-tradechart+json";

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo(relative)).unwrap()
}

fn has_command(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The `[Desktop Entry]` group as key → value; fails on any line that is not a
/// comment, a blank, the group header or `Key=Value`.
fn desktop_entry() -> BTreeMap<String, String> {
    let text = read("assets/linux/tradechart.desktop");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("[Desktop Entry]"));
    let mut entry = BTreeMap::new();
    for line in lines.filter(|line| !line.trim().is_empty() && !line.starts_with('#')) {
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("not Key=Value: {line:?}"));
        assert!(!key.starts_with('['), "only one group expected: {line:?}");
        let previous = entry.insert(key.to_string(), value.to_string());
        assert!(previous.is_none(), "key {key} twice");
    }
    entry
}

fn list(value: &str) -> Vec<&str> {
    assert!(value.ends_with(';'), "a list ends with ';': {value:?}");
    value.split(';').filter(|item| !item.is_empty()).collect()
}

#[test]
fn the_desktop_entry_has_every_key_a_launcher_needs() {
    let entry = desktop_entry();
    let key = |name: &str| {
        entry
            .get(name)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(key("Type"), "Application");
    assert_eq!(key("Name"), "tradechart");
    assert!(!key("GenericName").is_empty());
    assert!(!key("Comment").is_empty());
    // %F: every selected file is passed, each opens in a window of its own.
    assert_eq!(key("Exec"), "tradechart %F");
    assert_eq!(key("Icon"), "tradechart");
    assert_eq!(key("Terminal"), "false");
    // The window's app id (ViewportBuilder::with_app_id) groups it under this entry.
    assert_eq!(key("StartupWMClass"), "tradechart");
    assert!(list(key("Categories")).contains(&"DataVisualization"));
    assert!(list(key("Keywords")).contains(&"tariff"));
    let mime_types = list(key("MimeType"));
    for expected in [
        OUR_MIME_TYPE,
        "text/csv",
        "text/tab-separated-values",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    ] {
        assert!(mime_types.contains(&expected), "MimeType lacks {expected}");
    }
}

#[test]
fn the_desktop_entry_passes_desktop_file_validate() {
    if !has_command("desktop-file-validate") {
        println!(
            "skipped: desktop-file-validate is not installed (apt-get install desktop-file-utils)"
        );
        return;
    }
    let output = Command::new("desktop-file-validate")
        .arg(repo("assets/linux/tradechart.desktop"))
        .output()
        .unwrap();
    let messages = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{messages}");
    // Not even a hint (e.g. two main categories put the app in two menus).
    assert_eq!(messages.trim(), "");
}

#[test]
fn the_mime_xml_declares_the_tradechart_document() {
    let text = read("assets/linux/tradechart-mime.xml");
    let document = roxmltree::Document::parse(&text).unwrap();
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "mime-info");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.freedesktop.org/standards/shared-mime-info")
    );
    let mime_type = root
        .children()
        .find(|node| node.has_tag_name("mime-type"))
        .unwrap();
    assert_eq!(mime_type.attribute("type"), Some(OUR_MIME_TYPE));
    let child = |name: &str| {
        mime_type
            .children()
            .find(|node| node.has_tag_name(name))
            .unwrap_or_else(|| panic!("no <{name}>"))
    };
    assert!(!child("comment").text().unwrap_or_default().is_empty());
    assert_eq!(child("glob").attribute("pattern"), Some("*.tradechart"));
    assert_eq!(
        child("sub-class-of").attribute("type"),
        Some("application/json")
    );
    let matched = child("magic")
        .children()
        .find(|node| node.has_tag_name("match"))
        .unwrap();
    assert_eq!(matched.attribute("type"), Some("string"));
    assert_eq!(matched.attribute("value"), Some("\"tradechart\""));
    assert_eq!(matched.attribute("offset"), Some("0:64"));
}

#[test]
fn the_magic_matches_what_the_app_writes() {
    // The magic looks for "tradechart" in the first 64 bytes of the file: true of the
    // embedded dataset, the fixture, and a document as the app saves it.
    for text in [
        data::DEFAULT_DATASET_JSON.to_string(),
        read("tests/data/desktop/sample.tradechart"),
    ] {
        let start: String = text.chars().take(64).collect();
        assert!(start.contains("\"tradechart\""), "{start:?}");
    }
}

#[test]
fn a_tradechart_document_opens_by_its_content() {
    let loaded = data::LoadRequest::path(&repo("tests/data/desktop/sample.tradechart"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Json);
    assert_eq!(loaded.dataset.title, "A tradechart document");
    assert_eq!(loaded.dataset.series.len(), 1);
    assert_eq!(loaded.dataset.events.len(), 1);
}

/// Width and height from a PNG's IHDR chunk, which the format puts first.
fn png_size(path: &Path) -> (u32, u32) {
    let mut header = [0u8; 24];
    std::fs::File::open(path)
        .unwrap()
        .read_exact(&mut header)
        .unwrap();
    assert_eq!(
        &header[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is no PNG",
        path.display()
    );
    assert_eq!(&header[12..16], b"IHDR");
    let number = |bytes: &[u8]| u32::from_be_bytes(bytes.try_into().unwrap());
    (number(&header[16..20]), number(&header[20..24]))
}

#[test]
fn every_icon_png_has_its_size() {
    for size in ICON_SIZES {
        let path = repo(&format!("assets/icon/tradechart-{size}.png"));
        assert_eq!(png_size(&path), (size, size), "{}", path.display());
    }
}

#[test]
fn the_icon_source_is_a_square_svg() {
    let text = read("assets/icon/tradechart.svg");
    let document = roxmltree::Document::parse(&text).unwrap();
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("viewBox"), Some("0 0 256 256"));
}

#[test]
fn every_packaged_file_exists() {
    // The source of each asset of [package.metadata.deb] and each icon of
    // [package.metadata.packager], except the binary cargo builds.
    let manifest = read("Cargo.toml");
    let mut sources = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("[\"").or_else(|| line.strip_prefix('"'))
            && let Some((source, _)) = rest.split_once('"')
            && (source.starts_with("assets/") || source == "README.md")
        {
            sources.push(source.to_string());
        }
    }
    assert!(sources.len() >= 13, "found only {sources:?}");
    for size in ICON_SIZES {
        let dest = format!("usr/share/icons/hicolor/{size}x{size}/apps/tradechart.png");
        assert!(manifest.contains(&dest), "the .deb lacks {dest}");
    }
    for source in sources {
        assert!(repo(&source).is_file(), "{source} is packaged but missing");
    }
}

#[test]
fn the_user_install_puts_every_file_in_place_and_the_uninstall_removes_them() {
    let home = tempfile::tempdir().unwrap();
    let script = repo("scripts/install-desktop.sh");
    let run = |args: &[&str]| {
        let output = Command::new("bash")
            .arg(&script)
            .args(args)
            .env("HOME", home.path())
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_BIN_HOME")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let files: Vec<PathBuf> = run(&["--list"]).lines().map(PathBuf::from).collect();
    assert_eq!(files.len(), 3 + 1 + ICON_SIZES.len());
    assert!(files.iter().all(|file| file.starts_with(home.path())));

    run(&["--binary", env!("CARGO_BIN_EXE_tradechart")]);
    for file in &files {
        assert!(file.is_file(), "{} not installed", file.display());
    }
    let local = home.path().join(".local");
    let entry =
        std::fs::read_to_string(local.join("share/applications/tradechart.desktop")).unwrap();
    let binary = local.join("bin/tradechart");
    assert!(
        entry.contains(&format!("\nExec={} %F\n", binary.display())),
        "{entry}"
    );
    if has_command("update-mime-database") {
        let globs = std::fs::read_to_string(local.join("share/mime/globs2")).unwrap();
        assert!(
            globs.contains("application/x-tradechart+json:*.tradechart"),
            "{globs}"
        );
    }

    run(&["--uninstall"]);
    for file in &files {
        assert!(!file.exists(), "{} left behind", file.display());
    }
    if has_command("update-mime-database") {
        let globs = std::fs::read_to_string(local.join("share/mime/globs2")).unwrap();
        assert!(!globs.contains("tradechart"), "{globs}");
    }
}

/// Runs the binary with `args` under `xvfb-run` and the exit-after-first-frame switch;
/// returns its stdout once it and every window it opened have closed.
fn launch_under_xvfb(args: &[&Path]) -> String {
    // Settings (window size, recent files) go to a fresh folder, not the user's.
    let config = tempfile::tempdir().unwrap();
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x900x24"])
        // The first window's process waits for the others it opened before exiting.
        .arg(env!("CARGO_BIN_EXE_tradechart"))
        .args(args)
        .env("TRADECHART_EXIT_AFTER_FIRST_FRAME", "1")
        .env("TRADECHART_CONFIG_DIR", config.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the window did not close within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    stdout
}

#[test]
fn launched_with_two_files_each_opens_in_a_window_of_its_own() {
    if !has_command("xvfb-run") {
        println!("skipped: xvfb-run is not installed (apt-get install xvfb xauth)");
        return;
    }
    let first = repo("tests/data/desktop/opened-by-double-click.csv");
    let second = repo("tests/data/desktop/second-window.csv");
    let stdout = launch_under_xvfb(&[&first, &second]);
    let mut titles: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("loaded: "))
        .filter_map(|rest| rest.rsplit_once(" ("))
        .map(|(title, _)| title)
        .collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        ["Opened by double-click", "The second window"],
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .all(|line| line.ends_with(" ms since start)")),
        "{stdout}"
    );
}
