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

fn app(name: &str) -> TradeChartApp {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/analysis")
        .join(name);
    let loaded = data::load_path(&path).unwrap();
    TradeChartApp::new(loaded.dataset, None)
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, egui::vec2(1280.0, 800.0))
}

fn click(harness: &mut Harness<'_, TradeChartApp>, label: &str) {
    harness.get_by_label(label).click();
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
    assert!(harness.query_by_label("+$30bn (+8.2%)").is_some());
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
    assert!(harness.state().view_prefs().direct_labels);
    assert!(harness.state().chart().direct_labels);
    // The legend's entries are gone (direct labels are painted, not widgets).
    assert!(harness.query_by_label("Exports").is_none());
}
