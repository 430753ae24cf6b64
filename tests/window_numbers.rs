#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The numbers the window shows, driven headless with egui_kittest (issue 14): the
//! hover readout gives each value its own note, wrapped inside the window, and says why
//! a percentage is left out; the default index base is chosen from the series shown;
//! the before/after table lists the series shown, with changes at the scale of its
//! values.
//!
//! Fixtures: the embedded dataset, `tests/data/analysis/rates.json` and
//! `tests/data/analysis/trade.csv`.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::TradeChartApp;
use tradechart::data;

mod common;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, SIZE)
}

fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None)
}

fn has_label(harness: &Harness<'_, TradeChartApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// Hovers the plot of the series named `legend` at time `x`, below its legend.
fn hover_time(harness: &mut Harness<'_, TradeChartApp>, legend: &str, x: f64) {
    let legend = harness.get_by_label(legend).rect();
    let screen_x = harness.state().screen_x_of_time(x).unwrap();
    harness.hover_at(egui::pos2(screen_x, legend.bottom() + 60.0));
    harness.run();
}

/// Near the right edge, after 24 February 2026: the US tariff is an estimate with a
/// long note; China's tariff has no figure (its empty point carries the US note). Pins
/// issue 14, point 4: China's row said "no data" under the US tariff's estimate note,
/// and the note ran off the window.
#[test]
fn near_the_right_edge_each_value_has_its_own_note_wrapped_inside_the_window() {
    let mut harness = harness(default_app());
    hover_time(&mut harness, "US tariff on Chinese goods", 2026.4);
    assert!(
        has_label(&harness, "37.5% (estimate)"),
        "the US tariff read"
    );
    let notes = harness.query_all_by_label_contains("47.5 minus the 20 pp");
    let rects: Vec<egui::Rect> = notes.map(|note| note.rect()).collect();
    assert_eq!(rects.len(), 1, "one note, the US tariff's: {rects:?}");
    // Wrapped at 360 px (`readout::NOTE_WIDTH_PX`).
    let note = rects[0];
    assert!(note.width() <= 361.0, "wrapped: {note:?}");
    assert!(
        note.left() >= 0.0 && note.right() <= SIZE.x,
        "inside the window: {note:?}"
    );
    // The row of China's tariff: no data, and under it nothing (the next row's name or
    // the end of the readout).
    let china = harness
        .query_all_by_label("China's tariff on US goods")
        .map(|node| node.rect())
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap();
    assert!(
        note.bottom() <= china.top(),
        "the note sits above China's row"
    );
}
