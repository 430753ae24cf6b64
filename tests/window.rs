//! The window, driven headless with egui_kittest: what it shows, opening good and bad
//! files, the Open fallback when no dialog can appear, and a picture of the chart.
//!
//! Fixtures are under `tests/data/chart/`; the picture is `tests/snapshots/default_chart.png`
//! (recreate it with `UPDATE_SNAPSHOTS=1 cargo test --test window`).
#![allow(clippy::unwrap_used, reason = "a test fails loudly")]

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::{FilePicker, TradeChartApp};
use tradechart::chart::ChartOptions;
use tradechart::data;

mod common;
use common::{Dropped, NoDialog, step_until};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("chart/{name}"))
}

fn app_on(name: &str) -> TradeChartApp {
    let path = fixture(name);
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    TradeChartApp::new(loaded.dataset, Some(path))
}

/// The app on a fixture, naming it by a relative path so pictures do not depend on
/// where the repository is checked out.
fn app_for_snapshot(name: &str) -> TradeChartApp {
    let mut app = app_on(name);
    let relative = Path::new("tests/data/chart").join(name);
    assert!(app.load_now(&relative));
    app
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_eframe(move |_creation| app)
}

/// A picker that answers with one file, as if the user chose it.
struct Picks(PathBuf);

impl FilePicker for Picks {
    fn pick_file(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

fn click_open_in_file_menu(harness: &mut Harness<'_, TradeChartApp>) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open…").click();
    // Not `run`: while the dialog is open a spinner keeps the window repainting.
    harness.run_steps(2);
}

#[test]
fn shows_the_title_series_names_and_event_labels() {
    let mut harness = harness(app_on("small.json"));
    harness.run();
    harness.get_by_label("Small trade chart");
    // One legend entry per series, in the panel of its unit.
    harness.get_by_label("Balance");
    harness.get_by_label("US tariff");
    // Event labels laid out above the plots.
    harness.get_by_label("Section 301 List 1 tariffs");
    harness.get_by_label("Buenos Aires G20 truce");
    assert_eq!(harness.state().window_title(), "Small trade chart");
    assert_eq!(harness.state().chart().panels.len(), 2);
}

#[test]
fn opens_on_the_embedded_default_dataset() {
    let dataset = data::default_dataset().unwrap();
    let mut harness = harness(TradeChartApp::new(dataset, None));
    harness.run();
    let chart = harness.state().chart().clone();
    assert!(!chart.panels.is_empty());
    harness.get_by_label(&harness.state().window_title());
    for name in chart.line_names() {
        harness.get_by_label(name);
    }
}

/// Issue 16: in a crowded file that flags no headlines, every event is labelled whole
/// or keyed under the plots by number; none is left unidentified.
#[test]
fn crowded_events_are_labelled_or_keyed_and_none_is_hidden() {
    let mut harness = harness(app_on("us_china.json"));
    harness.run();
    let titles: Vec<String> = harness
        .state()
        .chart()
        .events
        .iter()
        .map(|event| event.title.clone())
        .collect();
    let labelled = titles
        .iter()
        .filter(|title| harness.query_by_label(title).is_some())
        .count();
    assert!(labelled >= 2, "only {labelled} labels shown");
    for title in &titles {
        assert!(
            // Not the chart's list of events for screen readers, which names them all.
            harness
                .query_all_by_label_contains(title)
                .any(|node| node.accesskit_node().role() != egui::accesskit::Role::ListItem),
            "{title} neither labelled nor keyed"
        );
    }
    assert!(
        harness
            .query_by_label_contains("hidden for lack of room")
            .is_none()
    );
}

#[test]
fn a_bad_file_lists_its_problems_and_keeps_the_chart() {
    let folder = tempfile::tempdir().unwrap();
    let bad = folder.path().join("bad.json");
    let text = "{\"title\": \"Broken\",\n \"series\": [{\"name\": \"B\", \"points\": [[\"2018\", \"n/a\"]]}]}";
    std::fs::write(&bad, text).unwrap();
    let mut harness = harness(app_on("small.json"));
    harness.run();
    let before = harness.state().chart().clone();

    assert!(!harness.state_mut().load_now(&bad));
    harness.run();

    let problems = harness.state().problems().unwrap().lines();
    assert!(!problems.is_empty());
    for line in &problems {
        assert!(line.starts_with(&format!("{}:", bad.display())), "{line}");
        // Each problem is on screen as FILE:LINE:COL: message.
        harness.get_by_label(line);
    }
    assert!(
        problems.iter().any(|line| line.contains("bad.json:2:")),
        "{problems:?}"
    );
    assert_eq!(harness.state().chart(), &before);
    harness.get_by_label("Small trade chart");

    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.state().problems().is_none());
    assert!(harness.query_by_label(&problems[0]).is_none());
}

#[test]
fn opening_a_good_file_shows_its_title() {
    let mut harness = harness(app_on("small.json"));
    harness.run();
    assert!(harness.state_mut().load_now(&fixture("other.json")));
    harness.run();
    assert_eq!(harness.state().window_title(), "Another dataset");
    harness.get_by_label("Another dataset");
    harness.get_by_label("Exports");
    assert!(harness.query_by_label("US tariff").is_none());
}

#[test]
fn the_window_title_follows_the_dataset() {
    let mut harness = harness(app_on("small.json"));
    harness.run();
    assert!(harness.state_mut().load_now(&fixture("other.json")));
    harness.step();
    let commands = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Title("Another dataset".into())),
        "{commands:?}"
    );
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let mut harness = harness(app_on("small.json"));
    harness.run();
    let dropped = std::sync::Arc::new(Dropped(fixture("other.json")));
    harness.input_mut().dropped_files.push(dropped);
    // The file loads on a background thread: step until it is in.
    harness.step();
    step_until(&mut harness, |app| !app.is_loading());
    assert_eq!(harness.state().window_title(), "Another dataset");
}

#[test]
fn file_open_uses_the_picked_file() {
    let app = app_on("small.json").with_picker(Picks(fixture("other.json")));
    let mut harness = harness(app);
    harness.run();
    click_open_in_file_menu(&mut harness);
    step_until(&mut harness, |app| {
        app.source() == Some(&fixture("other.json"))
    });
    harness.get_by_label("Another dataset");
}

#[test]
fn open_falls_back_to_a_path_window_when_no_dialog_can_appear() {
    let app = app_on("small.json").with_picker(NoDialog);
    let mut harness = harness(app);
    harness.run();
    click_open_in_file_menu(&mut harness);
    step_until(&mut harness, TradeChartApp::is_path_window_open);

    let field = harness.get_by_label("File path");
    field.focus();
    field.type_text(&fixture("other.json").display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    harness.step();
    step_until(&mut harness, |app| !app.is_loading());

    assert!(!harness.state().is_path_window_open());
    assert_eq!(harness.state().window_title(), "Another dataset");
}

#[test]
fn ctrl_o_opens_too() {
    let app = app_on("small.json").with_picker(NoDialog);
    let mut harness = harness(app);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    step_until(&mut harness, TradeChartApp::is_path_window_open);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_path_window_open());
}

#[test]
fn help_lists_the_data_sources() {
    let mut harness = harness(app_on("us_china.json"));
    harness.run();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Data sources").click();
    harness.run();
    harness.get_by_label("• US Census Bureau, Trade in Goods with China");
}

/// Issue 17: the default dataset's newest value (April 2026) is more than a quarter old
/// on any day from August 2026, so the line above the chart says how current it is,
/// and Help → Data sources gives its "as of".
#[test]
fn the_default_dataset_says_how_current_it_is() {
    let mut harness = harness(TradeChartApp::new(data::default_dataset().unwrap(), None));
    harness.run();
    harness.get_by_label_contains("Newest value: April 2026. As of: Census release of June 2026");
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Data sources").click();
    harness.run();
    harness.get_by_label(
        "As of: Census release of June 2026, data through April 2026; events through 24 July 2026",
    );
}

#[test]
fn hovering_an_event_label_shows_what_happened() {
    let mut harness = harness(app_on("small.json"));
    harness.run();
    let label = harness.get_by_label("Section 301 List 1 tariffs");
    label.hover();
    harness.run();
    let hovered = harness.state().hovered_event().unwrap();
    assert_eq!(hovered.title, "Section 301 List 1 tariffs");
    tooltip_with(&harness, "2018-07-06");
}

/// The tooltip saying `text` is shown (the chart's node for the event, which says it
/// too for screen readers, aside).
fn tooltip_with(harness: &Harness<'_, TradeChartApp>, text: &str) {
    let shown = harness
        .get_all_by_label_contains(text)
        .filter(|node| node.accesskit_node().role() != egui::accesskit::Role::ListItem)
        .count();
    assert_eq!(shown, 1, "{text}");
}

#[test]
fn hovering_an_event_line_in_a_plot_shows_what_happened() {
    let mut harness = harness(app_on("small.json"));
    harness.run();
    // The event's line, half way down the first plot.
    let event_x = harness.state().chart().events[0].x;
    let (low, high) = harness.state().visible_value_ranges()[0];
    let on_line = harness
        .state()
        .screen_pos_of_value(0, event_x, (low + high) / 2.0)
        .unwrap();
    let line_x = on_line.x;
    harness.hover_at(on_line);
    harness.run();
    let hovered = harness.state().hovered_event().unwrap();
    assert_eq!(hovered.title, "Section 301 List 1 tariffs");
    tooltip_with(&harness, "2018-07-06");
    // Away from every line, no event is hovered.
    harness.hover_at(egui::pos2(line_x - 40.0, on_line.y));
    harness.run();
    assert!(harness.state().hovered_event().is_none());
    // Nor above the plots at the line's x: the pointer must be in a plot (this pins a
    // bug where a tooltip showed while the pointer was on the menu bar).
    harness.hover_at(egui::pos2(line_x, 12.0));
    harness.run();
    assert!(harness.state().hovered_event().is_none());
}

#[test]
fn snapshot_of_the_chart() {
    let mut harness = harness(app_for_snapshot("us_china.json"));
    harness.run();
    harness.snapshot("default_chart");
}

#[test]
fn snapshot_of_the_trade_war_years() {
    let mut app = app_for_snapshot("us_china.json");
    app.set_options(ChartOptions {
        view_x: Some((2018.0, 2026.5)),
        ..ChartOptions::default()
    });
    let mut harness = harness(app);
    harness.run();
    harness.snapshot("trade_war_years");
}

#[test]
fn snapshot_of_the_chart_in_light_mode() {
    let app = app_for_snapshot("us_china.json");
    let mut harness = common::settled_light_window(app, egui::vec2(1200.0, 800.0));
    harness.snapshot("default_chart_light");
}
