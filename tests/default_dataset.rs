//! The embedded default dataset (assets/us-china-trade.json): it loads, holds what the
//! reference tables in assets/data/ say, marks what is not verified, and is the very
//! file users find in assets/.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use tradechart::data::{self, Format, Period, Status, json};

fn asset() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/us-china-trade.json")
}

fn series<'a>(dataset: &'a data::Dataset, name: &str) -> &'a data::Series {
    dataset
        .series
        .iter()
        .find(|series| series.name == name)
        .unwrap_or_else(|| panic!("no series {name}"))
}

fn value_at(series: &data::Series, period: Period) -> Option<f64> {
    series
        .points
        .iter()
        .find(|point| point.period == period)
        .and_then(|point| point.value())
}

#[test]
fn it_loads_with_five_series_and_the_events() {
    let dataset = data::default_dataset().unwrap();
    assert_eq!(
        dataset.title,
        "US–China goods trade, tariffs and policy events"
    );
    let names: Vec<&str> = dataset.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "US exports to China",
            "US imports from China",
            "Trade balance",
            "US tariff on Chinese goods",
            "China's tariff on US goods",
        ]
    );
    assert_eq!(dataset.events.len(), 44);
    assert!(!dataset.sources.is_empty());
    assert!(
        dataset
            .notes
            .iter()
            .any(|note| note.contains("a deficit is negative"))
    );
}

#[test]
fn the_balance_runs_yearly_from_1985_to_2025_with_the_2018_peak() {
    let dataset = data::default_dataset().unwrap();
    let balance = series(&dataset, "Trade balance");
    assert_eq!(balance.unit.as_str(), "USD bn");
    assert!(!balance.step);
    let years: Vec<Period> = balance.points.iter().map(|point| point.period).collect();
    let expected: Vec<Period> = (1985..=2025).map(Period::Year).collect();
    assert_eq!(years, expected);
    assert_eq!(balance.value_count(), 41);
    assert_eq!(value_at(balance, Period::Year(2018)), Some(-418.2329));
    let low = balance.value_range().unwrap().0;
    assert_eq!(low, -418.2329, "2018 is the deepest deficit");
    let latest = value_at(balance, Period::Year(2025)).unwrap();
    assert!((latest - -202.674).abs() < 1e-9, "{latest}");
    assert!(
        balance
            .points
            .iter()
            .all(|point| point.status == Status::Reported)
    );
    assert!(balance.source.as_deref().unwrap_or("").contains("Census"));
}

#[test]
fn exports_minus_imports_is_the_balance() {
    let dataset = data::default_dataset().unwrap();
    let exports = series(&dataset, "US exports to China");
    let imports = series(&dataset, "US imports from China");
    let balance = series(&dataset, "Trade balance");
    for year in 1985..=2025 {
        let period = Period::Year(year);
        let sum = value_at(exports, period).unwrap() - value_at(imports, period).unwrap();
        let published = value_at(balance, period).unwrap();
        // Census rounds each published figure separately (2021 differs by $0.4 mn).
        assert!(
            (sum - published).abs() < 0.001,
            "{year}: {sum} vs {published}"
        );
    }
}

#[test]
fn tariffs_are_dated_steps_with_estimates_and_gaps_marked() {
    let dataset = data::default_dataset().unwrap();
    let us = series(&dataset, "US tariff on Chinese goods");
    let china = series(&dataset, "China's tariff on US goods");
    for tariff in [us, china] {
        assert!(tariff.step);
        assert_eq!(tariff.unit.as_str(), "%");
        assert_eq!(tariff.points.len(), 22, "one point per dated row");
        assert!(tariff.points.iter().all(|point| point.note().is_some()));
        assert!(
            tariff
                .points
                .iter()
                .all(|point| matches!(point.period, Period::Day(_)))
        );
    }
    let day = |text| Period::parse(text).unwrap();
    assert_eq!(value_at(us, day("2018-01-01")), Some(3.1));
    assert_eq!(value_at(us, day("2025-05-14")), Some(51.1));
    assert_eq!(value_at(us, day("2025-11-10")), Some(47.5));
    let estimate = us
        .points
        .iter()
        .find(|point| point.period == day("2026-02-24"))
        .unwrap();
    assert_eq!(estimate.value(), Some(37.5));
    assert_eq!(estimate.status, Status::Estimated);
    assert!(estimate.note().unwrap().starts_with("Estimated"));
    assert!(
        us.points
            .iter()
            .any(|point| point.status == Status::FromMemory)
    );
    // An empty cell is a missing value, never a zero.
    let gap = china
        .points
        .iter()
        .find(|point| point.period == day("2025-02-04"))
        .unwrap();
    assert_eq!(gap.value(), None);
    assert!(china.points.iter().all(|point| point.value() != Some(0.0)));
    assert_eq!(china.value_count(), 17);
}

#[test]
fn every_event_has_a_source_and_the_summit_is_planned() {
    let dataset = data::default_dataset().unwrap();
    for event in &dataset.events {
        assert!(
            event
                .source
                .as_deref()
                .is_some_and(|source| !source.is_empty()),
            "{} has no source",
            event.title
        );
        assert!(!event.category.is_empty(), "{}", event.title);
    }
    let summit = dataset
        .events
        .iter()
        .find(|event| event.title.contains("Beijing summit"))
        .unwrap();
    assert_eq!(summit.status, Status::Planned);
    assert_eq!(summit.end, Some(Period::parse("2026-04-02").unwrap()));
    let from_memory = dataset
        .events
        .iter()
        .filter(|event| event.status == Status::FromMemory)
        .count();
    assert_eq!(from_memory, 20, "as assets/data/events.csv marks them");
    let truce = dataset
        .events
        .iter()
        .find(|event| event.title == "Busan truce implemented and extended")
        .unwrap();
    assert_eq!(truce.end, Some(Period::parse("2026-11-10").unwrap()));
}

#[test]
fn the_file_in_assets_is_the_embedded_text_and_loads_by_path() {
    let on_disk = std::fs::read_to_string(asset()).unwrap();
    assert_eq!(on_disk, data::DEFAULT_DATASET_JSON);
    let loaded = data::LoadRequest::path(&asset()).load().unwrap();
    assert_eq!(loaded.format, Format::Json);
    assert_eq!(loaded.dataset, data::default_dataset().unwrap());
}

#[test]
fn the_app_writes_it_back_byte_for_byte() {
    // The build script lays the file out as data::json::write does, so saving the
    // default dataset from the app changes nothing.
    let dataset = data::default_dataset().unwrap();
    assert_eq!(json::write(&dataset), data::DEFAULT_DATASET_JSON);
}

/// The headline events of the story are flagged in the data, and their labels win a
/// place on a laptop-sized chart of the trade-war years however crowded 2025 is.
#[test]
fn headline_events_are_flagged_and_always_labelled() {
    use tradechart::chart::{Chart, ChartOptions, LabelView, layout_labels};
    let dataset = tradechart::data::default_dataset().unwrap();
    let headlines: Vec<&str> = dataset
        .events
        .iter()
        .filter(|event| event.highlight)
        .map(|event| event.title.as_str())
        .collect();
    assert_eq!(headlines.len(), 7, "{headlines:?}");
    assert!(headlines.contains(&"Supreme Court strikes down IEEPA tariffs"));
    assert!(headlines.contains(&"Paris trade talks"));

    let chart = Chart::build(&dataset, &ChartOptions::default());
    let view = LabelView {
        x_min: 2016.0,
        x_max: 2027.0,
        width_px: 1180.0,
        char_width_px: 6.5,
        max_rows: 5,
    };
    let layout = layout_labels(&chart.events, &view);
    let placed: Vec<&str> = layout
        .placed
        .iter()
        .map(|label| chart.events[label.event].title.as_str())
        .collect();
    for headline in &headlines {
        assert!(
            placed.contains(headline),
            "{headline} not labelled; placed: {placed:?}"
        );
    }
}
