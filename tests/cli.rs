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

/// The `before_after` entry of `series` in the `check --json` report of the default
/// dataset for `args` (after the file).
fn before_after_of(series: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--json", "assets/us-china-trade.json"];
    all.extend_from_slice(args);
    let output = tradechart(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["before_after"]["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["name"] == series)
        .cloned()
        .unwrap()
}

fn number(value: &serde_json::Value) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn check_event_gives_the_rate_in_force_for_a_step_series_and_its_change_in_pp() {
    let us = before_after_of("US tariff on Chinese goods", &["--event", "Stockholm"]);
    // In force since 14 May 2025, not the mean of the last three steps (100.6).
    assert_eq!(us["method"], "in_force");
    assert_eq!(us["before"], 51.1);
    assert_eq!(us["after"], 47.5);
    assert!((number(&us["change"]) + 3.6).abs() < 1e-9, "{us}");
    assert_eq!(us["change_unit"], "pp");
    assert_eq!(us["change_percent"], serde_json::Value::Null);
    assert!(us.get("relative_change_percent").is_none(), "{us}");
    assert_eq!(us["after_crosses"], "Truce extended 90 days");
    // A flow keeps the period averages and its unit.
    let balance = before_after_of("Trade balance", &["--event", "Stockholm"]);
    assert_eq!(balance["method"], "period_average");
    assert_eq!(balance["change_unit"], "USD bn");

    // Time-weighted over 90 days: (4 × 124.1 + 11 × 126.5 + 75 × 51.1) / 90 before.
    let averaged = before_after_of(
        "US tariff on Chinese goods",
        &["--event", "Stockholm", "--step-window", "90"],
    );
    assert_eq!(averaged["method"], "time_weighted");
    assert!(
        (number(&averaged["before"]) - 5720.4 / 90.0).abs() < 1e-9,
        "{averaged}"
    );
    assert_eq!(averaged["before_periods"][0], "2025-04-29");

    // The percent change of a rate, only when asked, under its own name:
    // 51.1 → 47.5 is −7.05%.
    let relative = before_after_of(
        "US tariff on Chinese goods",
        &["--event", "Stockholm", "--relative-change"],
    );
    let percent = number(&relative["relative_change_percent"]);
    assert!((percent - (-3.6 / 51.1 * 100.0)).abs() < 1e-9, "{relative}");

    let text = stdout(&tradechart(&[
        "check",
        "assets/us-china-trade.json",
        "--event",
        "Stockholm",
    ]));
    assert!(
        text.contains(
            "US tariff on Chinese goods: before 51.10, after 47.50, change -3.60 pp [rate in force]; \
             after reaches into \"Truce extended 90 days\""
        ),
        "{text}"
    );
}

/// `check --sample NAME` checks an embedded dataset; an unknown name lists the known
/// ones (issue 17).
#[test]
fn check_sample_checks_an_embedded_dataset_and_names_the_known_ones() {
    let output = tradechart(&["check", "--sample", "deficit-moved"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.starts_with(
            "sample deficit-moved: ok, json \"Where the US goods deficit went, 2015–2025\""
        ),
        "{text}"
    );
    assert!(
        text.contains("Balance with Mexico [USD bn]: 10 points, 2015 to 2025, min -196.9"),
        "{text}"
    );
    let output = tradechart(&["check", "--sample", "monthly", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["series"][2]["first"], "1985-01");
    assert_eq!(report["series"][2]["last"], "2026-04");
    // 466 + 28 months with a value; Nov–Dec 2023 are a gap.
    assert_eq!(report["series"][2]["points"], 494);
    let output = tradechart(&["check", "--sample", "weekly"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .contains("expected a sample name (default, deficit-moved, monthly), found \"weekly\""),
        "{}",
        stdout(&output)
    );
    let output = tradechart(&["--sample", "weekly"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("default, deficit-moved, monthly"));
}

/// `describe`'s text of `args` against the golden file `tests/golden/describe/NAME.txt`
/// (rewritten with `UPDATE_GOLDEN=1`).
fn describe_matches_golden(name: &str, args: &[&str]) -> String {
    let mut all = vec!["describe"];
    all.extend_from_slice(args);
    let output = tradechart(&all);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/describe")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(text, expected, "describe {args:?} differs from {golden:?}");
    text
}

#[test]
fn describe_the_default_dataset_names_the_2018_deficit_and_the_2025_balance() {
    let text = describe_matches_golden("default", &["assets/us-china-trade.json"]);
    // As the data has them: -418.2329 in 2018, -202.674 in 2025, Jan–Apr 2026 apart.
    assert!(
        text.contains(
            "Trade balance (US$ billions), 1985 to 2026 (Jan–Apr only): lowest -$418.2bn in \
             2018, highest -$0.006bn in 1985; latest -$202.7bn in 2025 and -$43.9bn in 2026 \
             (Jan–Apr only)."
        ),
        "{text}"
    );
    assert!(text.contains("highest $538.5bn in 2018"), "{text}");
    assert!(
        text.contains("2020-01-15: Phase One agreement signed"),
        "{text}"
    );
}

#[test]
fn describe_a_file_with_a_gap_an_estimate_a_partial_year_and_a_plan() {
    let text = describe_matches_golden("honest", &["tests/data/honest/honest.json"]);
    assert!(
        text.contains("no value between 2018 and 2020; estimate: 2021"),
        "{text}"
    );
    assert!(
        text.contains("2023-03-31: Beijing summit (planned)"),
        "{text}"
    );
    assert!(text.contains("2 series in 2 panels"), "{text}");
}

#[test]
fn describe_a_range_of_a_file_with_a_missing_month() {
    let text = describe_matches_golden(
        "gaps_2018",
        &[
            "tests/data/analysis/gaps.csv",
            "--from",
            "2018-02",
            "--to",
            "2018-12",
        ],
    );
    assert!(
        text.contains("Imports (US$ billions), 2018-02 to 2018-04"),
        "{text}"
    );
    assert!(text.contains("no value for 2018-03"), "{text}");
}

#[test]
fn describe_the_selected_partner_of_a_file_of_many() {
    let text = describe_matches_golden(
        "census_china",
        &[
            "tests/data/field/census_country.xlsx",
            "--select",
            "partner=China",
        ],
    );
    assert!(text.contains("lowest -$37.49bn in 2022-08"), "{text}");
}

#[test]
fn describe_json_holds_the_figures_and_the_text() {
    let output = tradechart(&["describe", "tests/data/honest/honest.json", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["panels"][0]["series"][0]["lowest"]["period"], "2018");
    assert_eq!(json["panels"][0]["series"][0]["lowest"]["value"], -418.2);
    assert_eq!(json["planned_events"][0]["title"], "Beijing summit");
    assert!(
        json["text"]
            .as_str()
            .unwrap()
            .starts_with("Honest time: 2 series")
    );
    let usage = tradechart(&[
        "describe",
        "tests/data/honest/honest.json",
        "--from",
        "2020",
        "--to",
        "2019",
    ]);
    assert_eq!(usage.status.code(), Some(2));
}
