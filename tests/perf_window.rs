//! A million rows in the window: opening them keeps frames coming (the file loads on a
//! background thread, with progress), the fast CSV path reads them as the general
//! one would, and the chart draws them thinned to the pixels with every column's
//! extremes kept and every point back when zoomed in. No timing is asserted: the
//! numbers are in `benches/frame.rs` and `scripts/bench.sh`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use tradechart::app::TradeChartApp;
use tradechart::chart::decimate::{self, LodCache};
use tradechart::chart::{Chart, ChartOptions};
use tradechart::data;

/// `rows` rows of `date,series,value`: four series, one row each per day.
fn long_csv(rows: usize) -> String {
    let mut text = String::with_capacity(rows * 28);
    text.push_str("# title: A million rows\ndate,series,value\n");
    let mut day = chrono::NaiveDate::from_ymd_opt(1400, 1, 1).unwrap();
    for index in 0..rows / 4 {
        for (series, name) in ["Balance", "Exports", "Imports", "US tariff"]
            .iter()
            .enumerate()
        {
            let value = ((index * 7 + series * 13) % 1000) as f64 / 4.0 - 100.0;
            let _ = writeln!(text, "{day},{name},{value}");
        }
        day = day.succ_opt().unwrap();
    }
    text
}

fn write_big(folder: &Path, rows: usize) -> std::path::PathBuf {
    let path = folder.join("million.csv");
    std::fs::write(&path, long_csv(rows)).unwrap();
    path
}

#[test]
fn opening_a_million_rows_keeps_frames_coming_and_shows_progress() {
    let folder = tempfile::tempdir().unwrap();
    let big = write_big(folder.path(), 1_000_000);
    let app = TradeChartApp::new(data::default_dataset().unwrap(), None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_eframe(move |_creation| app);
    harness.run();
    harness.state_mut().open_path(&big);

    let start = Instant::now();
    let mut frames_while_loading = 0;
    let mut saw_progress = false;
    harness.step();
    while harness.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(300), "timed out");
        saw_progress |= harness.state().loading_progress().is_some();
        frames_while_loading += 1;
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
    // Frames went on while the file was read: the window never waited for it.
    assert!(frames_while_loading >= 2, "{frames_while_loading}");
    assert!(saw_progress);
    let app = harness.state();
    assert_eq!(app.source(), Some(big.as_path()));
    assert_eq!(app.dataset().series.len(), 4);
    assert!(
        app.dataset()
            .series
            .iter()
            .all(|series| series.points.len() == 250_000)
    );
    assert!(app.window_title().contains("A million rows"));
}

#[test]
fn the_fast_path_reads_a_large_file_as_the_general_path_does() {
    let text = long_csv(60_000);
    let fast = data::LoadRequest::bytes(text.as_bytes(), Path::new("big.csv"))
        .load()
        .unwrap();
    assert_eq!(
        fast.reader,
        data::ReaderUsed::QuickCsv,
        "the fast path read it"
    );
    // The same file with one quoted cell (which the fast path leaves to the general
    // one) reads to the same dataset.
    let quoted = text.replacen(",Balance,", ",\"Balance\",", 1);
    let general = data::LoadRequest::bytes(quoted.as_bytes(), Path::new("big.csv"))
        .load()
        .unwrap();
    assert_eq!(general.reader, data::ReaderUsed::General);
    assert_eq!(fast.dataset, general.dataset);
    assert_eq!(fast.format, general.format);
    // A problem deep in a large file is reported by line and column, as ever.
    let broken = text.replacen("1400-01-05,Exports,", "1400-01-05,Exports,abc", 1);
    let problems = data::LoadRequest::bytes(broken.as_bytes(), Path::new("big.csv"))
        .load()
        .unwrap_err()
        .problems;
    assert_eq!(problems[0].line, Some(20));
    assert_eq!(problems[0].column, Some(3));
}

#[test]
fn a_dense_chart_is_drawn_with_each_columns_extremes_and_zoomed_in_with_every_point() {
    let text = long_csv(400_000);
    let loaded = data::LoadRequest::bytes(text.as_bytes(), Path::new("big.csv"))
        .load()
        .unwrap();
    let chart = Chart::build(&loaded.dataset, &ChartOptions::default());
    let line = &chart.panels[0].lines[0];
    let (first, last) = chart.x_range.unwrap();
    let columns = 1000;
    let mut cache = LodCache::default();

    // The whole range: 100,000 points over 1,000 columns, thinned.
    let (runs, _) = cache.runs(line, (first, last), columns);
    let drawn: Vec<[f64; 2]> = runs.iter().flat_map(|run| run.points.clone()).collect();
    let all: Vec<[f64; 2]> = line.segments.iter().flatten().copied().collect();
    assert!(drawn.len() < all.len() / 10, "{}", drawn.len());
    let extremes = |points: &[[f64; 2]]| {
        let mut per_column = std::collections::BTreeMap::new();
        for point in points {
            let column = decimate::column_of(point[0], (first, last), columns);
            let entry = per_column.entry(column).or_insert((point[1], point[1]));
            entry.0 = f64::min(entry.0, point[1]);
            entry.1 = f64::max(entry.1, point[1]);
        }
        per_column
    };
    // The cache covers a view either side as well: compare the visible columns.
    let visible = |map: std::collections::BTreeMap<i64, (f64, f64)>| {
        map.into_iter()
            .filter(|(column, _)| (0..columns as i64).contains(column))
            .collect::<Vec<_>>()
    };
    assert_eq!(visible(extremes(&drawn)), visible(extremes(&all)));

    // Zoomed in to 200 days: every original point in view is drawn.
    let view = (
        first + (last - first) * 0.5,
        first + (last - first) * 0.5 + 200.0 / 365.25,
    );
    let (runs, recomputed) = cache.runs(line, view, columns);
    assert!(recomputed);
    let in_view = |points: &[[f64; 2]]| {
        points
            .iter()
            .filter(|point| point[0] >= view.0 && point[0] <= view.1)
            .copied()
            .collect::<Vec<_>>()
    };
    let drawn: Vec<[f64; 2]> = runs.iter().flat_map(|run| run.points.clone()).collect();
    assert_eq!(in_view(&drawn), in_view(&all));
    assert!(in_view(&all).len() >= 199);
}
