#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The analysis tools in the window, driven headless with egui_kittest through
//! accessible labels: the toolbar's "Transform" chooser (axis titles follow), the "Log
//! scale" toggle (tick labels at real values, refused with a note for a deficit), the
//! before/after figures of a selected event with their "Periods before and after"
//! control, and View → "Labels at line ends".
//!
//! Fixtures: `tests/data/analysis/trade.csv` (+ `trade.events.csv`) and `gaps.csv`.

use std::path::Path;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::TradeChartApp;
use tradechart::chart::scale;
use tradechart::data;
use tradechart::data::transform::Transform;

mod common;

fn loaded(name: &str) -> data::Dataset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/analysis")
        .join(name);
    data::LoadRequest::path(&path).load().unwrap().dataset
}

fn app(name: &str) -> TradeChartApp {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/analysis")
        .join(name);
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    TradeChartApp::new(loaded.dataset, None)
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, egui::vec2(1280.0, 800.0))
}

/// Clicks the widget labelled `label`, then parks the pointer on the empty end of the
/// menu bar: a menu item may sit over a plot, whose readout would name the series too.
fn click(harness: &mut Harness<'_, TradeChartApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.hover_at(egui::pos2(1276.0, 14.0));
    harness.run();
}

fn axis_titles(harness: &Harness<'_, TradeChartApp>) -> Vec<String> {
    harness
        .state()
        .chart()
        .panels
        .iter()
        .map(|panel| panel.axis_title.clone())
        .collect()
}

#[test]
fn choosing_a_transformation_changes_the_axis_title_and_keeps_the_time_range() {
    let mut harness = harness(app("trade.csv"));
    assert_eq!(axis_titles(&harness), ["US$ billions"]);
    let before = harness.state().visible_x_range().unwrap();
    click(&mut harness, "Transform");
    click(&mut harness, "Change");
    assert_eq!(harness.state().options().transform, Transform::Change);
    assert_eq!(axis_titles(&harness), ["Change, US$ billions"]);
    let after = harness.state().visible_x_range().unwrap();
    assert!((before.0 - after.0).abs() < 1e-6 && (before.1 - after.1).abs() < 1e-6);

    // The hover readout reads the values as shown: Balance mid-2019 changed by +75.
    let screen_x = harness.state().screen_x_of_time(2019.5).unwrap();
    let plot_top = harness.get_by_label("Exports").rect().bottom();
    harness.hover_at(egui::pos2(screen_x, plot_top + 150.0));
    harness.run();
    assert!(
        harness.query_by_label("$75bn").is_some(),
        "readout of the change"
    );

    click(&mut harness, "Transform");
    click(&mut harness, "Percent change from a year ago");
    assert_eq!(axis_titles(&harness), ["Percent change from a year ago"]);

    // Index: the base period chooser appears, defaulting to the first year.
    click(&mut harness, "Transform");
    click(&mut harness, "Index");
    assert_eq!(axis_titles(&harness), ["Index (2014 = 100)"]);
    click(&mut harness, "Base period");
    click(&mut harness, "2018");
    assert_eq!(axis_titles(&harness), ["Index (2018 = 100)"]);

    // Share: a total chooser, defaulting to Imports.
    click(&mut harness, "Transform");
    click(&mut harness, "Share of a total");
    assert_eq!(axis_titles(&harness), ["% of Imports"]);
    assert!(harness.query_by_label("Total series").is_some());

    click(&mut harness, "Transform");
    click(&mut harness, "Level");
    assert_eq!(axis_titles(&harness), ["US$ billions"]);
}

#[test]
fn log_scale_labels_ticks_as_real_values_and_is_refused_for_a_deficit() {
    let mut harness = harness(app("gaps.csv"));
    click(&mut harness, "Log scale");
    let chart = harness.state().chart().clone();
    assert!(chart.panels.iter().all(|panel| panel.log_scale));
    let imports = &chart.panels[0];
    assert!(imports.axis_title.ends_with("(log scale)"));
    // Ticks at real values: log10(50) is labelled $50bn.
    let (low, high) = imports.y_range.unwrap();
    let ticks = scale::value_ticks(imports, low - 0.1, high + 0.1, 6);
    let labels: Vec<String> = ticks
        .iter()
        .map(|(y, _)| scale::format_tick(imports, *y))
        .collect();
    assert!(labels.contains(&"$50bn".to_string()), "{labels:?}");

    let mut deficit = harness_with_log(app("trade.csv"));
    assert!(!deficit.state().chart().panels[0].log_scale);
    assert!(
        deficit
            .query_by_label_contains("Log scale not used")
            .is_some()
    );
    // Back to linear: the note goes.
    click(&mut deficit, "Log scale");
    assert!(
        deficit
            .query_by_label_contains("Log scale not used")
            .is_none()
    );
}

fn harness_with_log(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    let mut harness = harness(app);
    click(&mut harness, "Log scale");
    harness
}

#[test]
fn a_selected_event_shows_its_before_and_after_figures() {
    let mut harness = harness(app("trade.csv"));
    click(&mut harness, "Events panel");
    click(&mut harness, "2018-07-06  Section 301 tariffs");
    assert_eq!(
        harness.state().selected_event().map(|e| e.title.as_str()),
        Some("Section 301 tariffs")
    );
    assert!(harness.query_by_label("Before and after").is_some());
    // Balance: 2015–2017 average −366.7, 2019–2021 −336.7, change +30 (+8.2%).
    assert!(harness.query_by_label("+$30.0bn (+8.2%)").is_some());
    // Exports: 113.3 → 126.7.
    assert!(harness.query_by_label("$113.3bn").is_some());
    assert!(harness.query_by_label("$126.7bn").is_some());
    assert!(harness.query_by_label("+$13.3bn (+11.8%)").is_some());

    // One period each side: 2017 against 2019.
    let periods = harness.get_by_label("Periods before and after");
    periods.click();
    harness.run();
    periods_field_set(&mut harness, "1");
    assert!(harness.query_by_label("+$55bn (+13.8%)").is_some());
}

/// Types `text` into the focused "Periods before and after" field and leaves it.
fn periods_field_set(harness: &mut Harness<'_, TradeChartApp>, text: &str) {
    let field = harness.get_by_label("Periods before and after");
    field.focus();
    harness.run();
    harness.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.event(egui::Event::Text(text.to_string()));
    harness.event(egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
}

#[test]
fn labels_at_line_ends_replace_the_legend() {
    let mut harness = harness(app("trade.csv"));
    assert!(harness.query_by_label("Exports").is_some(), "legend entry");
    click(&mut harness, "View");
    click(&mut harness, "Labels at line ends");
    assert!(harness.state().look().direct_labels);
    assert!(harness.state().chart().direct_labels);
    // The legend's entries are gone (direct labels are painted, not widgets). The
    // pointer leaves the plot first: its readout names the series too.
    harness.hover_at(egui::pos2(1.0, 1.0));
    harness.run();
    assert!(harness.query_by_label("Exports").is_none());
}

fn has_label(harness: &Harness<'_, TradeChartApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

#[test]
fn the_before_after_table_gives_rates_in_force_and_changes_in_percentage_points() {
    // rates.json: a yearly balance and a tariff in steps (16.8% → 23.6% on 15 June
    // 2019; 51.1% from 14 May 2025, 47.5% from 10 November 2025).
    assert!(loaded("rates.json").series[1].step);
    let mut harness = harness(app("rates.json"));
    click(&mut harness, "Events panel");
    click(&mut harness, "2019-06-15  Tariff raised");
    assert!(has_label(&harness, "16.8%"), "the rate in force before");
    assert!(
        has_label(&harness, "23.6%"),
        "the rate once the change took effect"
    );
    // Percentage points, not "+6.8% (+40.5%)".
    assert!(has_label(&harness, "+6.8 pp"));
    assert!(!has_label(&harness, "+6.8% (+40.5%)"));
    assert!(has_label(&harness, "rate in force"), "the basis is said");
    // The percent change of the rate, when asked, labelled as such.
    click(&mut harness, "Also % change of rates");
    assert!(has_label(&harness, "+6.8 pp (relative change +40.5%)"));

    // Stockholm talks: 51.1% in force since 14 May, not the mean of three steps; the
    // next step (10 November) comes after "Truce extended": marked.
    click(&mut harness, "2025-07-28  Stockholm talks");
    assert!(has_label(&harness, "51.1%"));
    assert!(has_label(&harness, "47.5%"));
    assert!(has_label(&harness, "-3.6 pp (relative change -7.0%)"));
    assert!(
        has_label(&harness, "†"),
        "the side reaching into the next event"
    );
    // Time-weighted averages over 90 days, when asked:
    // (4 × 124.1 + 11 × 126.5 + 75 × 51.1) / 90 = 63.56.
    click(&mut harness, "Average rates over days");
    assert!(has_label(&harness, "63.6%"));
    assert!(has_label(&harness, "90-day average"));
}

#[test]
fn percentages_are_not_taken_from_a_base_near_zero_and_the_index_base_is_meaningful() {
    let mut harness = harness(app("rates.json"));
    // The index base offered: 2019, the first year both series have a value away from
    // zero (the balance is −0.2 in 2016; the tariff starts in 2019).
    click(&mut harness, "Transform");
    click(&mut harness, "Index");
    assert_eq!(axis_titles(&harness), ["Index (2019 = 100)"]);
    assert!(
        harness
            .query_by_label_contains("first year every shown series has a value away from zero")
            .is_some()
    );
    // Percent change: 2017 from −0.2 is left out, with the note.
    click(&mut harness, "Transform");
    click(&mut harness, "Percent change");
    assert!(
        harness
            .query_by_label_contains(
                "% change not shown where the base is near zero or changes sign"
            )
            .is_some()
    );
}
