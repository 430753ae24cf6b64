//! End-to-end tests of the `tradechart` binary's command line: `check` in text and
//! JSON, exit codes, usage errors.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a panic in a test is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn tradechart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradechart"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_summarises_a_good_file_and_exits_0() {
    let output = tradechart(&["check", "tests/data/cli/good.csv"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("tests/data/cli/good.csv: ok, csv-wide \"US goods trade with China\""),
        "{text}"
    );
    assert!(
        text.contains("Balance [USD bn]: 3 points, 2017 to 2019, min -418.2329, max -342.6295"),
        "{text}"
    );
}

#[test]
fn check_lists_every_problem_with_line_and_column_and_exits_1() {
    let output = tradechart(&["check", "tests/data/cli/bad.csv"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("tests/data/cli/bad.csv:3:2: expected a number, found \"n/a \""),
        "{text}"
    );
    assert!(
        text.contains("tests/data/cli/bad.csv:4:"),
        "the ragged row is reported too: {text}"
    );
}

#[test]
fn check_passes_on_the_default_dataset_shipped_in_assets() {
    let output = tradechart(&["check", "assets/us-china-trade.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn check_json_prints_one_object_per_file_with_exactly_the_documented_keys() {
    let output = tradechart(&[
        "check",
        "--json",
        "tests/data/cli/good.csv",
        "tests/data/cli/bad.csv",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let good: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let keys: Vec<&str> = good
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "path", "ok", "format", "title", "series", "events", "notes", "problems",
    ];
    expected.sort_unstable();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected);
    assert_eq!(good["ok"], true);
    assert_eq!(good["format"], "csv-wide");
    let balance = &good["series"][2];
    let series_keys: Vec<&str> = balance
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(series_keys.len(), 7);
    assert_eq!(balance["name"], "Balance");
    assert_eq!(balance["unit"], "USD bn");
    assert_eq!(balance["points"], 3);
    assert_eq!(balance["first"], "2017");
    assert_eq!(balance["last"], "2019");
    assert_eq!(balance["min"], -418.2329);
    let bad: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(bad["ok"], false);
    let first = &bad["problems"][0];
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 2);
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("expected a number")
    );
}

#[test]
fn check_reports_a_missing_file_and_a_folder() {
    let output = tradechart(&["check", "--json", "no-such-file.csv", "tests"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("cannot read the file"), "{text}");
    assert!(text.contains("expected a file, found a folder"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tradechart(&["check"]).status.code(), Some(2));
    assert_eq!(tradechart(&["--no-such-flag"]).status.code(), Some(2));
    assert!(Path::new(env!("CARGO_BIN_EXE_tradechart")).exists());
}

#[test]
fn help_and_version_exit_0() {
    let help = tradechart(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check"));
    assert_eq!(tradechart(&["--version"]).status.code(), Some(0));
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_reads_periods_at_the_frequency_given() {
    // A FRED annual download: every year written as 1 January.
    let file = "tests/data/reading/fred_expch_annual.csv";
    let inferred = stdout(&tradechart(&["check", file]));
    assert!(inferred.contains("10 points, 2015 to 2024"), "{inferred}");
    let output = tradechart(&["check", "--frequency", "monthly", file]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("10 points, 2015-01 to 2024-01"), "{text}");
    let json = tradechart(&["check", "--json", file, "--frequency", "daily"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(report["series"][0]["first"], "2015-01-01");
}

#[test]
fn check_takes_the_header_from_the_line_given() {
    // A Census exhibit saved as CSV: two title lines above the header on line 3.
    let file = "tests/data/reading/titled_census_exhibit.csv";
    let output = tradechart(&["check", "--header-line", "3", file]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("Balance: 10 points, 2015 to 2024"), "{text}");
    // A title line is no header: the file is refused there, not read wrongly.
    let output = tradechart(&["check", "--header-line", "1", file]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn render_reads_the_file_as_the_flags_say() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("exports.csv");
    let output = tradechart(&[
        "render",
        "tests/data/reading/fred_expch_annual.csv",
        "--frequency",
        "monthly",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\n2015-01,"), "{written}");
    let out = folder.path().join("exhibit.svg");
    let output = tradechart(&[
        "render",
        "tests/data/reading/titled_census_exhibit.csv",
        "--header-line",
        "3",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_frequency_or_header_line_not_understood_is_a_usage_error() {
    let file = "tests/data/reading/fred_expch_annual.csv";
    let output = tradechart(&["check", "--frequency", "weekly", file]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("invalid value 'weekly'"), "{message}");
    assert!(
        message.contains("yearly, quarterly, monthly, daily"),
        "{message}"
    );
    for args in [
        &["check", "--header-line", "0", file][..],
        &["check", "--header-line", "third", file],
        &["render", file, "-o", "x.svg", "--frequency", "hourly"],
    ] {
        let output = tradechart(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("--"), "{args:?}");
    }
}
