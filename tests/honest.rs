//! Honest drawing through the public API: partial years, estimates and planned events,
//! announced → effective brackets and gaps, from files to the chart description and
//! the exported SVG.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a panic in a test is a failed test

use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};
use tradechart::chart::View;
use tradechart::chart::{Chart, ChartOptions, certainty};
use tradechart::data::{self, Coverage, Dataset, Period, Status};
use tradechart::export::{Page, svg};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/honest")
        .join(name)
}

fn load(name: &str) -> Dataset {
    data::LoadRequest::path(&fixture(name))
        .load()
        .unwrap()
        .dataset
}

fn problems(name: &str) -> Vec<String> {
    data::LoadRequest::path(&fixture(name))
        .load()
        .unwrap_err()
        .problems
        .iter()
        .map(|problem| problem.message.clone())
        .collect()
}

fn with_class<'a, 'input>(doc: &'a Document<'input>, class: &str) -> Vec<Node<'a, 'input>> {
    doc.descendants()
        .filter(|node| {
            node.attribute("class")
                .is_some_and(|classes| classes.split(' ').any(|c| c == class))
        })
        .collect()
}

fn svg_of(chart: &Chart) -> String {
    svg::chart_svg(chart, &View::default(), &Page::default())
}

#[test]
fn json_reads_coverage_and_announcement_and_writes_them_back() {
    let dataset = load("honest.json");
    let balance = &dataset.series[0];
    let partial = balance.points.last().unwrap();
    assert_eq!(
        partial.coverage(),
        Some(Coverage::parse("Jan-Mar").unwrap())
    );
    assert!(partial.is_partial());
    assert_eq!(
        dataset.events[0].announced,
        Some(Period::parse("2018-06-15").unwrap())
    );
    let written = data::json::write(&dataset);
    assert!(written.contains(r#""coverage": "Jan–Mar""#), "{written}");
    assert!(
        written.contains(r#""announced": "2018-06-15""#),
        "{written}"
    );
    assert_eq!(data::json::read(&written).unwrap(), dataset);
}

#[test]
fn json_refuses_coverage_of_a_month_and_an_announcement_after_the_effect() {
    let found = problems("bad/bad_coverage.json");
    assert!(
        found
            .iter()
            .any(|message| message.contains("partial year or quarter")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|message| message.contains("announcement on or before")),
        "{found:?}"
    );
}

#[test]
fn csv_partial_metadata_marks_the_year_in_every_series() {
    let dataset = load("partial.csv");
    for series in &dataset.series {
        let last = series.points.last().unwrap();
        assert_eq!(last.period, Period::Year(2021));
        assert_eq!(
            last.coverage().map(|c| c.to_string()).as_deref(),
            Some("Jan–Mar")
        );
        assert!(
            series
                .points
                .iter()
                .rev()
                .skip(1)
                .all(|p| p.coverage().is_none())
        );
    }
    let found = problems("bad/bad_partial.csv");
    assert!(found[0].contains("found 2019"), "{found:?}");
}

#[test]
fn events_csv_reads_announced_and_effective_dates() {
    let dataset = load("announced.events.csv");
    let chart = Chart::build(&dataset, &ChartOptions::default());
    let reciprocal = &chart.events[0];
    assert_eq!(
        reciprocal.date_text,
        "announced 2025-04-02, effective 2025-04-09"
    );
    assert_eq!(
        certainty::bracket(reciprocal),
        Some((
            Period::parse("2025-04-02").unwrap().start_x(),
            Period::parse("2025-04-09").unwrap().start_x()
        ))
    );
    assert_eq!(certainty::bracket(&chart.events[1]), None);
}

#[test]
fn the_chart_breaks_at_the_missing_year_and_dashes_around_the_estimate() {
    let chart = Chart::build(&load("honest.json"), &ChartOptions::default());
    let balance = &chart.panels[0].lines[0];
    // 2019 is absent from the file: 2017–2018, then 2020 onwards.
    assert_eq!(balance.segments.len(), 2);
    assert_eq!(balance.segments[0].len(), 2);
    assert!(balance.segments[1].iter().all(|point| point[0] > 2020.0));
    // 2020 → 2021 (estimate) → 2022 dashed; 2023 (partial) stands alone, unjoined.
    assert_eq!(balance.dashed[1], vec![true, true]);
    assert!(balance.segments[1].iter().all(|point| point[0] < 2023.0));
    let partial = balance.markers.last().unwrap();
    assert!(partial.is_hollow());
    assert_eq!(partial.period_text(), "2023 (Jan–Mar only)");
    assert_eq!(
        balance.markers[3].certainty_text().as_deref(),
        Some("estimate: sum of 11 months plus a guess")
    );
    let planned = &chart.events[1];
    assert_eq!(planned.status, Status::Planned);
    // As its label and key entry say it.
    assert_eq!(
        tradechart::chart::annotations::whole_title(planned),
        "Beijing summit (planned)"
    );
}

#[test]
fn the_svg_draws_gaps_dashes_hollow_markers_brackets_and_a_key() {
    let chart = Chart::build(
        &load("honest.json"),
        &ChartOptions {
            period_bars: true,
            ..ChartOptions::default()
        },
    );
    let text = svg_of(&chart);
    let doc = Document::parse(&text).unwrap();
    let balance = doc
        .descendants()
        .find(|node| {
            node.attribute("class") == Some("series")
                && node.attribute("data-name") == Some("Balance")
        })
        .unwrap();
    let paths: Vec<Node<'_, '_>> = balance
        .children()
        .filter(|node| node.has_tag_name("path"))
        .filter(|node| {
            node.attribute("class")
                .is_some_and(|class| class.starts_with("segment"))
        })
        .collect();
    let solid = paths
        .iter()
        .filter(|node| node.attribute("class") == Some("segment"))
        .count();
    let dashed: Vec<&Node<'_, '_>> = paths
        .iter()
        .filter(|node| node.attribute("class") == Some("segment dashed"))
        .collect();
    // 2017–2018 solid; 2020–2023 dashed throughout; nothing across 2019.
    assert_eq!((solid, dashed.len()), (1, 1));
    assert!(dashed[0].attribute("stroke-dasharray").is_some());
    let hollow: Vec<Node<'_, '_>> = with_class(&doc, "hollow")
        .into_iter()
        .filter(|node| node.has_tag_name("circle"))
        .collect();
    let periods: Vec<&str> = hollow
        .iter()
        .filter_map(|node| node.attribute("data-period"))
        .collect();
    assert_eq!(periods, ["2021", "2023", "2023-02-04"]);
    let partial_title = hollow[1]
        .children()
        .find(|node| node.has_tag_name("title"))
        .and_then(|node| node.text())
        .unwrap();
    assert_eq!(partial_title, "2023 (Jan–Mar only)");
    assert_eq!(hollow[1].attribute("data-coverage"), Some("Jan–Mar"));
    // Period bars: one per value of the plain series, none for the step series.
    assert_eq!(with_class(&doc, "period-bar").len(), 6);
    let brackets = with_class(&doc, "event-bracket");
    assert!(!brackets.is_empty());
    assert!(
        brackets
            .iter()
            .all(|node| node.attribute("data-title") == Some("List 1 tariffs"))
    );
    let key: Vec<String> = with_class(&doc, "key-item")
        .iter()
        .filter_map(|node| node.descendants().find(|n| n.is_text()))
        .filter_map(|node| node.text().map(str::to_string))
        .collect();
    assert!(
        key.iter()
            .any(|text| text == "hollow: estimate, planned, partial"),
        "{key:?}"
    );
    // The bracket explains itself in the event label's tooltip.
    let list1 = doc
        .descendants()
        .find(|node| {
            node.attribute("class") == Some("event-label")
                && node.attribute("data-title") == Some("List 1 tariffs")
        })
        .unwrap();
    let tooltip = list1.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        tooltip.text(),
        Some("announced 2018-06-15, effective 2018-07-06 · List 1 tariffs")
    );
    assert!(text.contains("Beijing summit (planned)"));
}

#[test]
fn without_period_bars_the_svg_has_none() {
    let chart = Chart::build(&load("honest.json"), &ChartOptions::default());
    let text = svg_of(&chart);
    assert!(!text.contains("period-bar"));
}

#[test]
fn the_default_dataset_brackets_its_sourced_announcements_and_marks_the_summit_postponed() {
    let dataset = data::default_dataset().unwrap();
    let announced: Vec<(String, String)> = dataset
        .events
        .iter()
        .filter_map(|event| {
            let day = event.announced?;
            Some((day.to_string(), event.date.to_string()))
        })
        .collect();
    // Only the three rows whose own description gives the announcement day.
    assert_eq!(
        announced,
        [
            ("2024-05-14".to_string(), "2024-09-27".to_string()),
            ("2025-04-11".to_string(), "2025-04-12".to_string()),
            ("2026-02-20".to_string(), "2026-02-24".to_string())
        ]
    );
    let chart = Chart::build(&dataset, &ChartOptions::default());
    let summit = chart
        .events
        .iter()
        .find(|event| event.title.contains("Beijing summit"))
        .unwrap();
    // Planned for 31 Mar – 2 Apr 2026, then postponed (held 13–15 May): issue 17.
    assert_eq!(summit.status, Status::Postponed);
    let said = tradechart::chart::annotations::whole_title(summit);
    assert!(said.to_lowercase().contains("postponed"), "{said}");
}

#[test]
fn render_draws_period_bars_when_asked() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("bars.svg");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_tradechart"))
        .arg("render")
        .arg(fixture("honest.json"))
        .arg("--period-bars")
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = Document::parse(&text).unwrap();
    assert_eq!(with_class(&doc, "period-bar").len(), 6);
    // The partial year's bar covers January to March only: a quarter of the year's.
    let widths: Vec<f64> = with_class(&doc, "period-bar")
        .iter()
        .map(|node| {
            let d = node.attribute("d").unwrap();
            let numbers: Vec<f64> = d
                .split(['M', 'L', ','])
                .filter(|part| !part.is_empty())
                .map(|part| part.parse().unwrap())
                .collect();
            numbers[2] - numbers[0]
        })
        .collect();
    let ratio = widths[5] / widths[0];
    assert!((ratio - 90.0 / 365.0).abs() < 0.01, "{widths:?}");
}
