//! Properties that hold for every input, checked on generated ones (proptest):
//! any dataset written as the app's JSON reads back equal; exported as CSV it reads
//! back with equal values; loading any bytes under any name answers without a panic;
//! thinning a dense line for drawing (`chart::decimate`, shared by the window and the
//! export) keeps each pixel column's lowest and highest value.
//!
//! `PROPTEST_CASES` raises the number of cases for a longer run.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use tradechart::chart::decimate::{MAX_POINTS_PER_COLUMN, column_of, decimate, visible_slice};
use tradechart::data::{self, Dataset, Event, Period, Point, Series, Status, Unit, json};
use tradechart::export::csv::{CsvOptions, dataset_csv};

/// A period of `kind` (0 year, 1 quarter, 2 month, 3 day) in the years the readers
/// accept.
fn period(kind: u8) -> BoxedStrategy<Period> {
    let years = 1000..=2999i32;
    match kind {
        0 => years.prop_map(Period::Year).boxed(),
        1 => (years, 1..=4u8)
            .prop_map(|(y, q)| Period::Quarter(y, q))
            .boxed(),
        2 => (years, 1..=12u8)
            .prop_map(|(y, m)| Period::Month(y, m))
            .boxed(),
        _ => (years, 0..365i64)
            .prop_map(|(y, day)| {
                let first = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
                Period::Day(first + chrono::Duration::days(day))
            })
            .boxed(),
    }
}

/// A finite value within what the readers accept: small round ones, and any f64
/// of magnitude up to 1e15.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1000i32..1000).prop_map(f64::from),
        -1e15..=1e15f64,
        (-1e3..1e3f64),
        Just(0.0),
    ]
}

/// Words joined by single spaces: what a header keeps as a name.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Za-z][A-Za-z0-9]{0,7}", 1..3).prop_map(|words| words.join(" "))
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(vec!["USD bn", "USD mn", "%", ""]).prop_map(Unit::parse)
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(vec![
        Status::Reported,
        Status::FromMemory,
        Status::Estimated,
        Status::Planned,
    ])
}

/// A series of periods of one kind, in time order, at least one with a value.
fn series(kind: u8, index: usize) -> impl Strategy<Value = Series> {
    let point = (
        prop::option::weighted(0.9, value()),
        status(),
        prop::option::weighted(0.2, name()),
    );
    (
        name(),
        unit(),
        any::<bool>(),
        prop::collection::btree_map(period(kind), point, 1..30),
        value(),
    )
        .prop_map(move |(name, unit, step, points, first_value)| {
            let mut points: Vec<Point> = points
                .into_iter()
                .map(|(period, (value, status, note))| {
                    Point::new(period, value)
                        .with_status(status)
                        .with_note(note)
                })
                .collect();
            points.sort_by_key(|point| point.period.first_day());
            if let Some(first) = points.first_mut() {
                first.set_value(Some(first_value));
            }
            Series {
                // Distinct names, whatever the words drawn.
                name: format!("S{index} {name}"),
                unit,
                step,
                source: None,
                points,
            }
        })
}

fn event() -> impl Strategy<Value = Event> {
    (
        period(3),
        0..400i64,
        name(),
        name(),
        any::<bool>(),
        status(),
    )
        .prop_map(|(date, length, title, category, has_end, status)| {
            let mut event = Event::new(date, title);
            if has_end && let Period::Day(day) = date {
                // Within the years a file may name: a span from late 2999 ends there.
                let last = chrono::NaiveDate::from_ymd_opt(2999, 12, 31).unwrap();
                event.end = Some(Period::Day(
                    (day + chrono::Duration::days(length)).min(last),
                ));
            }
            event.category = category;
            event.status = status;
            event
        })
}

/// A dataset of up to four series (each of one period kind; of `kind` when given,
/// else any) and up to five events.
fn dataset(kind: Option<u8>) -> impl Strategy<Value = Dataset> {
    let kinds = match kind {
        Some(kind) => Just(kind).boxed(),
        None => (0..4u8).boxed(),
    };
    let series = prop::collection::vec(kinds, 1..5).prop_flat_map(|kinds| {
        kinds
            .into_iter()
            .enumerate()
            .map(|(index, kind)| series(kind, index))
            .collect::<Vec<_>>()
    });
    (
        name(),
        series,
        prop::collection::vec(event(), 0..5),
        prop::collection::vec(name(), 0..2),
    )
        .prop_map(|(title, series, mut events, sources)| {
            data::sort_events(&mut events);
            Dataset {
                title,
                series,
                events,
                sources,
                ..Dataset::default()
            }
        })
}

/// Each series' values by period, as read back from CSV (missing values left out).
fn values_by_series(dataset: &Dataset) -> BTreeMap<String, (Unit, Vec<(Period, f64)>)> {
    dataset
        .series
        .iter()
        .map(|series| {
            let mut values: Vec<(Period, f64)> = series
                .points
                .iter()
                .filter_map(|point| point.value().map(|value| (point.period, value)))
                .collect();
            values.sort_by_key(|(period, _)| period.first_day());
            (series.name.clone(), (series.unit.clone(), values))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_dataset_written_as_json_reads_back_equal(dataset in dataset(None)) {
        let text = json::write(&dataset);
        let read = json::read(&text);
        prop_assert!(read.is_ok(), "{:?}\n{text}", read.err());
        prop_assert_eq!(read.unwrap(), dataset);
    }

    #[test]
    fn any_dataset_loaded_from_its_json_file_bytes_is_equal(dataset in dataset(None)) {
        let text = json::write(&dataset);
        let loaded = data::LoadRequest::bytes(text.as_bytes(), Path::new("data.tradechart")).load();
        prop_assert!(loaded.is_ok(), "{:?}\n{text}", loaded.err());
        prop_assert_eq!(loaded.unwrap().dataset, dataset);
    }

    #[test]
    fn any_dataset_exported_as_csv_reads_back_with_equal_values(
        dataset in (0..4u8).prop_flat_map(|kind| dataset(Some(kind))),
    ) {
        let text = dataset_csv(&dataset, &CsvOptions::default());
        let loaded = data::LoadRequest::bytes(text.as_bytes(), Path::new("export.csv")).load();
        prop_assert!(loaded.is_ok(), "{:?}\n{text}", loaded.err());
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded.dataset.title, &dataset.title);
        prop_assert_eq!(values_by_series(&loaded.dataset), values_by_series(&dataset), "{}", text);
    }

    #[test]
    fn loading_any_bytes_under_any_name_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        extension in prop::sample::select(vec!["csv", "tsv", "json", "tradechart", "xlsx", "ods", "xls", "events.csv", "txt", ""]),
    ) {
        let _ = data::LoadRequest::bytes(&bytes, Path::new(&format!("file.{extension}"))).load();
    }

    #[test]
    fn loading_any_text_never_panics(
        text in "(year|date|period|title|[A-Za-z ]{0,8})([,;\t](\\(?[A-Za-z%$ ]{0,6}\\)?)){0,3}\n([0-9Q.,;\t\"-]{0,12}\n){0,6}",
    ) {
        for extension in ["csv", "json", "events.csv"] {
            let _ = data::LoadRequest::bytes(text.as_bytes(), Path::new(&format!("file.{extension}"))).load();
        }
    }

    #[test]
    fn loading_any_bytes_behind_a_workbook_signature_never_panics(
        magic in prop::sample::select(vec![&b"PK\x03\x04"[..], &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..]]),
        rest in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = magic.to_vec();
        bytes.extend(rest);
        for extension in ["xlsx", "ods", "xls"] {
            let _ = data::LoadRequest::bytes(&bytes, Path::new(&format!("book.{extension}"))).load();
        }
    }

    #[test]
    fn thinning_a_dense_line_keeps_each_pixel_columns_lowest_and_highest(
        ys in prop::collection::vec(-1e6..1e6f64, 0..12_000),
        columns in 1..2_000usize,
        spread in 0.0..1.0f64,
    ) {
        let view = (2000.0, 2020.0);
        let count = ys.len().max(1) as f64;
        // Evenly through the view and a little beyond each edge.
        let line: Vec<[f64; 2]> = ys
            .iter()
            .enumerate()
            .map(|(index, &y)| [view.0 - spread + (view.1 - view.0 + 2.0 * spread) * index as f64 / count, y])
            .collect();
        let drawn = decimate(&line, view, columns);
        let visible = visible_slice(&line, view);
        prop_assert!(drawn.iter().all(|point| visible.contains(point)));
        prop_assert!(drawn.windows(2).all(|pair| pair[0][0] <= pair[1][0]), "out of order");
        prop_assert_eq!(drawn.first(), visible.first());
        prop_assert_eq!(drawn.last(), visible.last());
        if visible.len() as f64 > columns as f64 * MAX_POINTS_PER_COLUMN {
            prop_assert!(drawn.len() <= 4 * (columns + 2), "{} points for {columns} columns", drawn.len());
        }
        let extremes = |points: &[[f64; 2]]| {
            let mut by_column: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
            for point in points {
                let entry = by_column
                    .entry(column_of(point[0], view, columns))
                    .or_insert((point[1], point[1]));
                entry.0 = entry.0.min(point[1]);
                entry.1 = entry.1.max(point[1]);
            }
            by_column
        };
        let (kept, all) = (extremes(&drawn), extremes(visible));
        let wrong = all.iter().find(|(column, range)| kept.get(column) != Some(range));
        prop_assert!(wrong.is_none(), "column {:?}: drawn {:?}", wrong, wrong.and_then(|(column, _)| kept.get(column)));
    }
}

/// Found by the property above: serde_json's default number parser read
/// `-246.3097698882347` back as `-246.30976988823474`, changing data on every save and
/// open. The `float_roundtrip` feature reads every written number back exactly.
#[test]
fn json_numbers_read_back_to_the_same_bits() {
    for value in [
        -246.3097698882347,
        -25466908123218.414,
        0.1 + 0.2,
        1e15,
        -1e-300,
    ] {
        let dataset = Dataset {
            series: vec![Series {
                name: "A".into(),
                unit: Unit::default(),
                step: false,
                source: None,
                points: vec![Point::new(Period::Year(2018), Some(value))],
            }],
            ..Dataset::default()
        };
        let read = json::read(&json::write(&dataset)).unwrap();
        assert_eq!(
            read.series[0].points[0].value().map(f64::to_bits),
            Some(value.to_bits()),
            "{value}"
        );
    }
}
