//! End-to-end tests of `tradechart render`: SVG, PNG and CSV output, sizes, themes,
//! cropping, exit codes, and files never replaced or left half-written.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a panic in a test is a failed test

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use resvg::tiny_skia::Pixmap;

const DEFAULT: &str = "assets/us-china-trade.json";

fn tradechart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradechart"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn renders_svg_with_defaults() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.svg");
    let output = tradechart(&["render", DEFAULT, "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("1200"));
    assert_eq!(doc.root_element().attribute("height"), Some("800"));
    assert!(text.contains("data-name=\"Trade balance\""));
    assert!(text.contains("class=\"source\""));
    assert_eq!(files_in(folder.path()), ["chart.svg"]);
}

#[test]
fn renders_png_at_the_asked_size_in_both_themes() {
    let folder = tempfile::tempdir().unwrap();
    for (theme, corner) in [("light", 255u8), ("dark", 0x1b)] {
        let out = folder.path().join(format!("{theme}.png"));
        let output = tradechart(&[
            "render",
            DEFAULT,
            "-o",
            path_arg(&out),
            "--width",
            "640",
            "--height",
            "480",
            "--theme",
            theme,
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let pixmap = Pixmap::decode_png(&fs::read(&out).unwrap()).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (640, 480));
        let pixel = pixmap.pixel(2, 2).unwrap();
        assert_eq!(
            (pixel.red(), pixel.green(), pixel.blue()),
            (corner, corner, corner)
        );
        let not_background = pixmap
            .pixels()
            .iter()
            .filter(|p| (p.red(), p.green(), p.blue()) != (corner, corner, corner))
            .count();
        assert!(not_background > 640 * 480 / 20, "{theme}: {not_background}");
    }
}

#[test]
fn from_and_to_crop_the_chart_and_title_replaces_the_title() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("crop.svg");
    let output = tradechart(&[
        "render",
        DEFAULT,
        "-o",
        path_arg(&out),
        "--from",
        "2018",
        "--to",
        "2020",
        "--title",
        "The first trade war",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("data-x-from"), Some("2018"));
    assert_eq!(root.attribute("data-x-to"), Some("2021"));
    assert!(text.contains(">The first trade war</text>"));
    assert!(
        !text.contains("Liberation Day"),
        "a 2025 event is out of view"
    );
    let ticks: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("tick x-tick"))
        .filter_map(|n| n.text())
        .collect();
    // Three years: the time axis labels months.
    assert!(
        ticks.iter().all(|t| t.ends_with("2018")
            || t.ends_with("2019")
            || t.ends_with("2020")
            || t.ends_with("2021")),
        "{ticks:?}"
    );
    assert!(
        ticks.iter().any(|t| t.contains("Jan") || t.len() == 4),
        "{ticks:?}"
    );
}

#[test]
fn refuses_to_replace_a_file_without_force() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.png");
    fs::write(&out, b"precious").unwrap();
    let output = tradechart(&["render", DEFAULT, "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(fs::read(&out).unwrap(), b"precious");
    let output = tradechart(&["render", DEFAULT, "-o", path_arg(&out), "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(fs::read(&out).unwrap().starts_with(b"\x89PNG"));
    assert_eq!(files_in(folder.path()), ["chart.png"]);
}

#[test]
fn never_writes_onto_the_input_file() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("trade.csv");
    let original = "year,Balance (USD bn)\n2017,-375.6\n2018,-418.2\n";
    fs::write(&input, original).unwrap();
    let output = tradechart(&[
        "render",
        path_arg(&input),
        "-o",
        path_arg(&input),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("read from"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&input).unwrap(), original);
    assert_eq!(files_in(folder.path()), ["trade.csv"]);
}

#[test]
fn a_bad_data_file_writes_nothing_and_exits_1() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("chart.svg");
    let output = tradechart(&["render", "tests/data/cli/bad.csv", "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("tests/data/cli/bad.csv:"),
        "{}",
        stderr(&output)
    );
    let output = tradechart(&["render", "no/such/file.csv", "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(files_in(folder.path()).is_empty());
    let missing_folder = folder.path().join("no/such/folder/chart.svg");
    let output = tradechart(&["render", DEFAULT, "-o", path_arg(&missing_folder)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    let folder = tempfile::tempdir().unwrap();
    let out = |name: &str| folder.path().join(name).to_string_lossy().into_owned();
    for args in [
        vec!["render", DEFAULT, "-o", &out("chart.jpg")],
        vec![
            "render",
            DEFAULT,
            "-o",
            &out("chart.svg"),
            "--from",
            "2020",
            "--to",
            "2019",
        ],
        vec![
            "render",
            DEFAULT,
            "-o",
            &out("chart.svg"),
            "--from",
            "7/6/2018",
        ],
        vec!["render", DEFAULT, "-o", &out("chart.svg"), "--width", "50"],
        vec![
            "render",
            DEFAULT,
            "-o",
            &out("chart.svg"),
            "--theme",
            "blue",
        ],
        vec!["render", DEFAULT],
    ] {
        let output = tradechart(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(files_in(folder.path()).is_empty());
}

#[test]
fn csv_output_passes_check() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("data.csv");
    let output = tradechart(&["render", DEFAULT, "-o", path_arg(&out), "--from", "2018"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = tradechart(&["check", path_arg(&out)]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    // 2018–2025 and the partial 2026, which stays partial (`# partial: 2026 Jan–Apr`).
    assert!(
        text.contains("Trade balance [USD bn]: 9 points, 2018 to 2026"),
        "{text}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\n# partial: 2026 Jan–Apr\n"), "{written}");
    assert!(
        written.contains("\n# as of: Census release of June 2026"),
        "{written}"
    );
    let read = tradechart::data::LoadRequest::path(&out)
        .load()
        .unwrap()
        .dataset;
    let balance = read
        .series
        .iter()
        .find(|s| s.name == "Trade balance")
        .unwrap();
    let year_2026 = tradechart::data::Period::Year(2026);
    let partial = balance
        .points
        .iter()
        .find(|p| p.period == year_2026)
        .unwrap();
    assert!(partial.is_partial());
    assert!(
        read.as_of
            .unwrap()
            .starts_with("Census release of June 2026")
    );
}

/// `render --sample NAME` draws an embedded dataset; `--add FILE:SELECTION` adds a
/// partner of a many-partner file, and a file that needs a choice says how to give it
/// (issue 17).
#[test]
fn renders_a_sample_and_series_added_from_another_file() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("partners.svg");
    let output = tradechart(&["render", "--sample", "deficit-moved", "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = fs::read_to_string(&out).unwrap();
    for partner in [
        "China", "Mexico", "Vietnam", "the EU", "Japan", "Taiwan", "Canada",
    ] {
        assert!(
            text.contains(&format!("data-name=\"Balance with {partner}\"")),
            "{partner}"
        );
    }

    let country = "tests/data/field/census_country.xlsx";
    let out = folder.path().join("added.svg");
    let added = format!("{country}:partner=Mexico");
    let output = tradechart(&["render", DEFAULT, "--add", &added, "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "note: Added 3 series from census_country.xlsx · partner=Mexico: Exports to Mexico, Imports from Mexico, Balance with Mexico"
        ),
        "{}",
        stderr(&output)
    );
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("data-name=\"Trade balance\""));
    assert!(text.contains("data-name=\"Balance with Mexico\""));
    // The added file's sources are credited on the chart too.
    assert!(
        text.contains("census_country.xlsx · partner=Mexico"),
        "{text}"
    );

    let output = tradechart(&[
        "render",
        DEFAULT,
        "--add",
        country,
        "-o",
        path_arg(&out),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!(
            "expected one partner chosen, found 3 in the file; add one with --add {country}:partner=China"
        )),
        "{}",
        stderr(&output)
    );
    let output = tradechart(&["render", "--sample", "weekly", "-o", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("default, deficit-moved, monthly"));
}
