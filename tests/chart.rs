//! The chart layer on a realistic file: US–China trade 2010–2025, tariff steps with
//! gaps, and 43 crowded policy events (`tests/data/chart/us_china.json`, taken from
//! the reference data in `../shared/data/`).
#![allow(clippy::unwrap_used, reason = "a test fails loudly")]

use std::path::Path;

use tradechart::chart::{self, Chart, ChartOptions};
use tradechart::data::{self, Period};

fn us_china() -> Chart {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chart/us_china.json");
    let dataset = data::LoadRequest::path(&path).load().unwrap().dataset;
    Chart::build(&dataset, &ChartOptions::default())
}

#[test]
fn panels_follow_units_and_colours_are_distinct() {
    let chart = us_china();
    let units: Vec<&str> = chart
        .panels
        .iter()
        .map(|panel| panel.unit.as_str())
        .collect();
    assert_eq!(units, ["USD bn", "%"]);
    let mut colours: Vec<chart::Rgb> = chart
        .panels
        .iter()
        .flat_map(|panel| panel.lines.iter().map(|line| line.colour))
        .collect();
    assert_eq!(colours.len(), 5);
    colours.dedup();
    assert_eq!(colours.len(), 5);
    for (event, (_, colour)) in chart.categories.iter().enumerate() {
        assert!(
            !colours.contains(colour),
            "category {event} reuses a series colour"
        );
    }
}

#[test]
fn yearly_values_sit_mid_year_and_tariffs_step_from_their_dates() {
    let chart = us_china();
    let balance = &chart.panels[0].lines[2];
    assert_eq!(balance.name, "Balance");
    let peak = balance
        .markers
        .iter()
        .find(|marker| marker.period == Period::Year(2018))
        .unwrap();
    assert_eq!((peak.x, peak.y), (2018.5, -418.2));
    let us_tariff = &chart.panels[1].lines[0];
    assert!(us_tariff.step);
    let list_1 = Period::parse("2018-07-06").unwrap();
    let marker = us_tariff
        .markers
        .iter()
        .find(|marker| marker.period == list_1)
        .unwrap();
    assert_eq!(marker.x, list_1.start_x());
    // The last step runs to the end of the data and events (the Busan truce, Nov 2026).
    let last = us_tariff
        .segments
        .last()
        .and_then(|segment| segment.last())
        .unwrap();
    assert_eq!(Some(last[0]), chart.x_range.map(|range| range.1));
    assert!(last[0] > 2026.8);
}

#[test]
fn china_tariff_gaps_are_not_bridged() {
    let chart = us_china();
    let china = &chart.panels[1].lines[1];
    assert_eq!(china.name, "China tariff on US");
    assert!(china.segments.len() >= 2, "{:?}", china.segments.len());
    let first_gap = Period::parse("2025-02-04").unwrap().start_x();
    // No segment crosses the first missing value.
    for segment in &china.segments {
        let (start, end) = (segment[0][0], segment[segment.len() - 1][0]);
        assert!(!(start < first_gap && end > first_gap), "{start}..{end}");
    }
}
