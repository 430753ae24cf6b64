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
use eframe::egui::accesskit::Role;
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

fn click(harness: &mut Harness<'_, TradeChartApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn has_label(harness: &Harness<'_, TradeChartApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// Hovers the plot of the series named `legend` at time `x`, below its legend.
fn hover_time(harness: &mut Harness<'_, TradeChartApp>, legend: &str, x: f64) {
    let legend = harness.get_by_role_and_label(Role::CheckBox, legend).rect();
    let screen_x = harness.state().screen_x_of_time(x).unwrap();
    // Off the plots first: a readout left from before could sit where the pointer goes.
    harness.hover_at(egui::pos2(1.0, 1.0));
    harness.run();
    harness.hover_at(egui::pos2(screen_x, legend.bottom() + 60.0));
    harness.run();
}

/// Near the right edge, on 1 July 2026 (clear of the May and June event lines): the US
/// tariff is an estimate with a long note; China's tariff has no figure (its no-figure
/// point carries its own reason, which the readout leaves out of a gap). Pins
/// issue 14, point 4: China's row said "no data" under the US tariff's estimate note,
/// and the note ran off the window.
#[test]
fn near_the_right_edge_each_value_has_its_own_note_wrapped_inside_the_window() {
    let mut harness = harness(default_app());
    hover_time(&mut harness, "US tariff on Chinese goods", 2026.5);
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

fn app_of(fixture: &str) -> TradeChartApp {
    common::app_on(&common::fixture(fixture))
}

/// The first panel's value axis title.
fn first_axis_title(harness: &Harness<'_, TradeChartApp>) -> String {
    harness.state().chart().panels[0].axis_title.clone()
}

fn hide_in_legend(harness: &mut Harness<'_, TradeChartApp>, series: &str) {
    harness
        .get_by_role_and_label(Role::CheckBox, series)
        .click();
    harness.run();
}

/// rates.json: a balance of −0.2 in 2016 (near zero beside −418), −376 in 2017; a tariff
/// from 2019. With both shown the index base offered is 2019; with the tariff hidden in
/// its legend it is 2017, said so, and the user can change it.
#[test]
fn the_default_index_base_is_chosen_from_the_series_shown() {
    let mut harness = harness(app_of("analysis/rates.json"));
    hide_in_legend(&mut harness, "Tariff");
    click(&mut harness, "Transform");
    click(&mut harness, "Index");
    assert_eq!(
        first_axis_title(&harness),
        "Index (2017 = 100)",
        "the hidden tariff (from 2019) does not count"
    );
    assert!(
        harness
            .query_by_label_contains("first year every shown series has a value away from zero")
            .is_some(),
        "the window says how the base was chosen"
    );
    // Still hidden after the change of transformation.
    assert_eq!(harness.state().hidden_series(), ["Tariff"]);
    // Changeable: another base, and the remark goes.
    click(&mut harness, "Base period");
    click(&mut harness, "2020");
    assert_eq!(first_axis_title(&harness), "Index (2020 = 100)");
    assert!(
        harness
            .query_by_label_contains("first year every shown series")
            .is_none()
    );
}

/// Percent change of rates.json's balance: 2017 from −0.2 is not taken; the readout
/// says why at that time, and the chart's notes carry the rule.
#[test]
fn a_percentage_left_out_says_why_in_the_readout_and_the_notes() {
    let mut harness = harness(app_of("analysis/rates.json"));
    click(&mut harness, "Transform");
    click(&mut harness, "Percent change");
    assert!(
        harness
            .state()
            .chart()
            .notes
            .iter()
            .any(|note| note == "% change not shown where the base is near zero or changes sign"),
        "{:?}",
        harness.state().chart().notes
    );
    assert!(has_label(
        &harness,
        "% change not shown where the base is near zero or changes sign"
    ));
    hover_time(&mut harness, "Balance", 2017.5);
    assert!(has_label(&harness, "not shown: base near zero"));
    // 2018 from 2017: (418 / 376 − 1) × 100 = 11.17%, with the one decimal of the
    // panel's values (the tariff's percent change reaches 425.8%).
    hover_time(&mut harness, "Balance", 2018.5);
    assert!(has_label(&harness, "11.2%"), "a value taken is read");
    assert!(!has_label(&harness, "not shown: base near zero"));
}

/// trade.csv around "Section 301 tariffs" (2018-07-06), three years each side:
/// imports 480 → 463.3, exports 113.3 → 126.7, balance −366.7 → −336.7. Pins issue 14,
/// point 16: the table listed series hidden in the legend.
#[test]
fn the_before_after_table_lists_only_the_series_shown() {
    let mut harness = harness(app_of("analysis/trade.csv"));
    click(&mut harness, "Events panel");
    click(&mut harness, "2018-07-06  Section 301 tariffs");
    assert!(has_label(&harness, "-$16.7bn (-3.5%)"), "imports listed");
    hide_in_legend(&mut harness, "Imports");
    assert_eq!(harness.state().hidden_series(), ["Imports"]);
    assert!(
        !has_label(&harness, "$480.0bn"),
        "imports before, still listed"
    );
    assert!(
        !has_label(&harness, "-$16.7bn (-3.5%)"),
        "imports still listed"
    );
    // The others stay, their changes at the scale and decimals of their values.
    assert!(has_label(&harness, "+$13.3bn (+11.8%)"));
    assert!(has_label(&harness, "+$30.0bn (+8.2%)"));
    // Shown again: listed again.
    hide_in_legend(&mut harness, "Imports");
    assert!(has_label(&harness, "-$16.7bn (-3.5%)"));
}
