#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Before/after figures, transformations, the log scale and direct labels through the
//! public API: `data::analysis`, `data::transform`, `Chart::build` with options,
//! `check --json --event` and `render --transform --log --direct-labels`.
//!
//! Fixtures: `tests/data/analysis/trade.csv` (synthetic yearly figures, with
//! `trade.events.csv` beside it) and `gaps.csv` (monthly, with a missing value).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tradechart::chart::View;
use tradechart::chart::{Chart, ChartOptions};
use tradechart::data::analysis::{
    BeforeAfterOptions, Method, before_after, before_after_with, find_event,
};
use tradechart::data::transform::{
    NO_PERCENT_NOTE, NoPercent, Transform, default_index_base, transform_dataset,
};
use tradechart::data::{self, Dataset, Period};
use tradechart::export::{Page, svg::chart_svg};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/analysis")
        .join(name)
}

fn load(name: &str) -> Dataset {
    data::LoadRequest::path(&fixture(name))
        .load()
        .unwrap()
        .dataset
}

fn tradechart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradechart"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn near(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|actual| (actual - expected).abs() < 1e-9)
}

#[test]
fn before_after_averages_three_years_each_side_leaving_out_the_event_year() {
    let dataset = load("trade.csv");
    let event = find_event(&dataset, "section 301").unwrap();
    let figures = before_after(&dataset, event, 3);
    let balance = figures.series.iter().find(|s| s.name == "Balance").unwrap();
    // The event is on 6 July: 2018 is left out, 2015–2017 before, 2019–2021 after.
    assert_eq!(balance.before_periods, Some(("2015".into(), "2017".into())));
    assert_eq!(balance.after_periods, Some(("2019".into(), "2021".into())));
    assert!(near(balance.before, -1100.0 / 3.0), "{balance:?}");
    assert!(near(balance.after, -1010.0 / 3.0), "{balance:?}");
    assert!(near(balance.change, 30.0), "{balance:?}");
    assert!(near(balance.change_percent, 30.0 / (1100.0 / 3.0) * 100.0));
    // A January event: its year counts as after.
    let phase_one = find_event(&dataset, "Phase One deal").unwrap();
    let one = before_after(&dataset, phase_one, 1);
    let exports = &one.series[0];
    assert!(
        near(exports.before, 105.0) && near(exports.after, 125.0),
        "{exports:?}"
    );
}

#[test]
fn check_json_adds_before_after_only_when_an_event_is_asked_for() {
    let plain = tradechart(&["check", "--json", "tests/data/analysis/trade.csv"]);
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(text.starts_with(r#"{"path":"#), "{text}");
    assert!(text.trim_end().ends_with(r#""problems":[]}"#), "{text}");
    assert!(!text.contains("before_after"), "{text}");

    let output = tradechart(&[
        "check",
        "--json",
        "tests/data/analysis/trade.csv",
        "--event",
        "Section 301 tariffs",
        "--periods",
        "2",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let figures = &value["before_after"];
    assert_eq!(figures["event"], "Section 301 tariffs");
    assert_eq!(figures["date"], "2018-07-06");
    assert_eq!(figures["periods"], 2);
    let balance = &figures["series"][2];
    assert_eq!(balance["name"], "Balance");
    // 2016–2017 against 2019–2020.
    assert_eq!(balance["before"], -375.0);
    assert_eq!(balance["after"], -327.5);
    assert_eq!(balance["change"], 47.5);

    let text = tradechart(&["check", "tests/data/analysis/trade.csv", "--event", "301"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Balance: before -366.67, after -336.67, change 30.00 (+8.2%)"),
        "{text}"
    );

    let missing = tradechart(&[
        "check",
        "--json",
        "tests/data/analysis/trade.csv",
        "--event",
        "Geneva talks",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&missing.stdout).unwrap();
    let error = value["before_after"]["error"].as_str().unwrap();
    assert!(error.contains("\"Phase One deal\""), "{error}");
    assert_eq!(value["ok"], true);
}

#[test]
fn every_transformation_changes_the_units_and_the_axis_title() {
    let dataset = load("trade.csv");
    let build = |transform: &str| {
        Chart::build(
            &dataset,
            &ChartOptions {
                transform: Transform::parse(transform).unwrap(),
                ..ChartOptions::default()
            },
        )
    };
    let titles = |chart: &Chart| -> Vec<String> {
        chart.panels.iter().map(|p| p.axis_title.clone()).collect()
    };
    assert_eq!(titles(&build("level")), ["US$ billions"]);
    assert_eq!(titles(&build("change")), ["Change, US$ billions"]);
    assert_eq!(
        titles(&build("pct")),
        ["Percent change from previous period"]
    );
    assert_eq!(titles(&build("yoy")), ["Percent change from a year ago"]);
    let index = build("index:2018");
    assert_eq!(titles(&index), ["Index (2018 = 100)"]);
    assert_eq!(index.panels[0].unit.as_str(), "index (2018 = 100)");
    // Imports 2019 = 450 against 540 in 2018.
    let imports = &index.panels[0].lines[1];
    let marker_2019 = imports
        .markers
        .iter()
        .find(|m| m.period == Period::Year(2019))
        .unwrap();
    assert!((marker_2019.y - 450.0 / 540.0 * 100.0).abs() < 1e-9);
    let share = build("share:Imports");
    assert_eq!(titles(&share), ["% of Imports"]);
    assert_eq!(
        share.line_names().collect::<Vec<_>>(),
        ["Exports", "Balance"]
    );
}

#[test]
fn a_gap_stays_a_gap_after_a_transformation() {
    let dataset = load("gaps.csv");
    let transformed = transform_dataset(&dataset, &Transform::Change);
    let imports = &transformed.dataset.series[0];
    let values: Vec<Option<f64>> = imports.points.iter().map(|p| p.value()).collect();
    // March is missing: March's and April's changes depend on it.
    assert_eq!(
        values,
        [
            None,
            Some(2.0),
            None,
            None,
            None,
            Some(-2.0),
            Some(3.0),
            Some(10.0)
        ]
    );
    let chart = Chart::build(
        &dataset,
        &ChartOptions {
            transform: Transform::Change,
            ..ChartOptions::default()
        },
    );
    // Drawn as separate runs, never a line across the gap.
    assert!(chart.panels[0].lines[0].segments.len() >= 2);
}

#[test]
fn log_scale_is_refused_for_a_panel_with_negative_values() {
    let dataset = load("trade.csv");
    let chart = Chart::build(
        &dataset,
        &ChartOptions {
            log_scale: true,
            ..ChartOptions::default()
        },
    );
    assert!(!chart.panels[0].log_scale);
    assert!(
        chart
            .notes
            .iter()
            .any(|note| note.contains("Log scale not used"))
    );
    let positive = Chart::build(
        &load("gaps.csv"),
        &ChartOptions {
            log_scale: true,
            ..ChartOptions::default()
        },
    );
    assert!(positive.panels.iter().all(|panel| panel.log_scale));
    assert!(positive.panels[0].axis_title.ends_with("(log scale)"));
}

#[test]
fn svg_export_names_each_line_at_its_end_instead_of_a_legend() {
    let dataset = load("trade.csv");
    let chart = Chart::build(
        &dataset,
        &ChartOptions {
            direct_labels: true,
            ..ChartOptions::default()
        },
    );
    let svg = chart_svg(
        &chart,
        &View::default(),
        &Page::for_dataset(&dataset, 1200, 800),
    );
    for name in ["Exports", "Imports", "Balance"] {
        assert!(
            svg.contains(&format!(r#"class="direct-label" data-name="{name}""#)),
            "{name}"
        );
    }
    assert!(!svg.contains("legend-item"));
}

#[test]
fn svg_export_of_a_log_scale_labels_ticks_as_real_values_and_starts_near_the_data() {
    let dataset = load("gaps.csv");
    let chart = Chart::build(
        &dataset,
        &ChartOptions {
            log_scale: true,
            ..ChartOptions::default()
        },
    );
    let svg = chart_svg(
        &chart,
        &View::default(),
        &Page::for_dataset(&dataset, 1200, 800),
    );
    let ticks: Vec<&str> = svg
        .lines()
        .filter(|line| line.contains(r#"class="tick y-tick""#))
        .filter_map(|line| line.split('>').nth(1)?.split('<').next())
        .collect();
    // Imports run 40–55: a log axis is not pulled down to zero.
    assert!(ticks.contains(&"$50bn"), "{ticks:?}");
    assert!(
        !ticks.iter().any(|tick| *tick == "$0bn" || *tick == "$1bn"),
        "{ticks:?}"
    );
    assert!(ticks.contains(&"10%"), "{ticks:?}");
}

#[test]
fn render_takes_transform_log_and_direct_labels() {
    let dir = std::env::temp_dir().join(format!("tradechart-analysis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("yoy.svg");
    let output = tradechart(&[
        "render",
        "tests/data/analysis/gaps.csv",
        "-o",
        out.to_str().unwrap(),
        "--force",
        "--transform",
        "index:2018",
        "--log",
        "--direct-labels",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Index (2018 = 100) (log scale)"), "axis title");
    assert!(svg.contains(r#"data-name="Imports""#));
    let bad = tradechart(&[
        "render",
        "tests/data/analysis/gaps.csv",
        "-o",
        out.to_str().unwrap(),
        "--transform",
        "cube",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

/// The embedded default dataset.
fn default_dataset() -> Dataset {
    data::default_dataset().unwrap()
}

#[test]
fn before_after_of_a_step_series_is_the_rate_in_force_not_a_mean_of_steps() {
    let dataset = default_dataset();
    let stockholm = find_event(&dataset, "Stockholm").unwrap();
    assert_eq!(stockholm.date.to_string(), "2025-07-28");
    let figures = before_after(&dataset, stockholm, 3);
    let us = figures
        .series
        .iter()
        .find(|s| s.name == "US tariff on Chinese goods")
        .unwrap();
    // In force since 14 May 2025: 51.1% (the old mean of three steps was 100.6%).
    assert_eq!(us.method, Method::InForce);
    assert!(near(us.before, 51.1), "{us:?}");
    assert_eq!(
        us.before_periods,
        Some(("2025-05-14".into(), "2025-07-27".into()))
    );
    // The first step on or after 28 July: 47.5% on 10 November, after "Truce extended
    // 90 days" (11 August): marked.
    assert!(near(us.after, 47.5), "{us:?}");
    assert!(near(us.change, 47.5 - 51.1), "{us:?}");
    assert_eq!(us.change_unit, "pp");
    assert_eq!(us.change_percent, None);
    assert_eq!(us.after_crosses.as_deref(), Some("Truce extended 90 days"));

    // Phase One signed (15 January 2020): 21.0% since 1 September 2019, then 19.3% from
    // 14 February 2020, which is "Phase One implemented": marked, and nothing of 2025.
    let signed = find_event(&dataset, "Phase One agreement signed").unwrap();
    let figures = before_after(&dataset, signed, 3);
    let us = &figures.series[3];
    assert_eq!(us.name, "US tariff on Chinese goods");
    assert!(near(us.before, 21.0) && near(us.after, 19.3), "{us:?}");
    assert_eq!(us.after_crosses.as_deref(), Some("Phase One implemented"));
    // Flows keep the period averages: the trade balance is still averaged by years.
    let balance = &figures.series[2];
    assert_eq!(balance.method, Method::PeriodAverage);
    assert_eq!(balance.before_periods, Some(("2017".into(), "2019".into())));

    // Time-weighted over 90 days, when asked: (4 × 124.1 + 11 × 126.5 + 75 × 51.1) / 90
    // before (29 April – 27 July), 51.1 after (28 July – 25 October).
    let options = BeforeAfterOptions {
        periods: 3,
        step_window_days: Some(90),
        relative_change_of_rates: false,
    };
    let averaged = before_after_with(&dataset, stockholm, &options);
    assert_eq!(averaged.step_window_days, Some(90));
    let us = &averaged.series[3];
    assert_eq!(us.method, Method::TimeWeighted);
    assert!(near(us.before, 5720.4 / 90.0), "{us:?}");
    assert!(near(us.after, 51.1), "{us:?}");
}

#[test]
fn percent_change_and_index_leave_out_bases_near_zero_and_changes_of_sign() {
    let dataset = default_dataset();
    // The trade balance of 1985 is −$0.006bn: no percent change for 1986 (it was
    // +27,000%), and a note says why.
    let pct = transform_dataset(&dataset, &Transform::PercentChange);
    assert!(
        pct.notes.iter().any(|note| note == NO_PERCENT_NOTE),
        "{:?}",
        pct.notes
    );
    let balance = pct
        .dataset
        .series
        .iter()
        .find(|s| s.name == "Trade balance")
        .unwrap();
    let at = |year: i32| {
        balance
            .points
            .iter()
            .find(|point| point.period == Period::Year(year))
            .unwrap()
    };
    assert_eq!(at(1986).value(), None);
    assert_eq!(at(1986).note(), Some(NoPercent::NearZero.reason()));
    // 1987 from 1986: −1.6647 → −2.7963, +67.98%.
    assert!(near(at(1987).value(), (2.7963 / 1.6647 - 1.0) * 100.0));
    let largest = pct
        .dataset
        .series
        .iter()
        .flat_map(|series| series.points.iter().filter_map(|point| point.value()))
        .fold(0.0_f64, |most, value| most.max(value.abs()));
    assert!(
        largest < 1000.0,
        "no percentage flattens the others: {largest}"
    );

    // Index base 1985: the balance has nothing to index to.
    let indexed = transform_dataset(&dataset, &Transform::Index(Period::Year(1985)));
    assert!(
        indexed
            .notes
            .iter()
            .any(|note| note.contains("no value away from zero at 1985")
                && note.contains("Trade balance")),
        "{:?}",
        indexed.notes
    );
    // The base offered: the first year where every series has a meaningful value.
    let all: Vec<&data::Series> = dataset.series.iter().collect();
    assert_eq!(
        default_index_base(&all, &dataset.periods()),
        Some(Period::Year(2018))
    );
}

#[test]
fn a_change_of_a_rate_is_in_percentage_points_in_charts_and_exports() {
    let dataset = default_dataset();
    let chart = Chart::build(
        &dataset,
        &ChartOptions {
            transform: Transform::Change,
            ..ChartOptions::default()
        },
    );
    let titles: Vec<&str> = chart.panels.iter().map(|p| p.axis_title.as_str()).collect();
    assert_eq!(
        titles,
        ["Change, US$ billions", "Change, percentage points"]
    );
    assert_eq!(chart.panels[1].unit.as_str(), "pp");
    let svg = chart_svg(&chart, &View::default(), &Page::default());
    assert!(
        svg.contains("Change, percentage points"),
        "axis title in the SVG"
    );
}
