//! Events edited in the window, driven with egui_kittest through accessible labels:
//! "Add event…" with its form and validation errors, "Edit…" and "Delete" on the
//! selected event, File → Export → "Events as CSV…" reading back equal, edits kept
//! over a reload and by a saved view, undo and redo of those edits (Edit menu, Ctrl+Z,
//! Ctrl+Shift+Z, Ctrl+Y) — and the data file never written.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::TradeChartApp;
use tradechart::chart::Look;
use tradechart::data::{self, Dataset, Period, Status};
use tradechart::export::Overwrite;

mod common;
use common::{SavesAs, step_until};

const WINDOW: egui::Vec2 = egui::vec2(1200.0, 800.0);

/// `trade.csv` and its sidecar `trade.events.csv` (four events) in a temporary folder.
fn copy_data() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/view");
    for name in ["trade.csv", "trade.events.csv"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let data = dir.path().join("trade.csv");
    (dir, data)
}

fn harness_on(data: &Path, picker: SavesAs) -> Harness<'static, TradeChartApp> {
    let mut app = TradeChartApp::new(Dataset::default(), None)
        .with_file_watch(false)
        .with_picker(picker);
    assert!(app.load_now(data));
    app.set_look(Look {
        side_panel: true,
        ..Look::default()
    });
    common::settled_window(app, WINDOW)
}

/// Replaces the text of the form field labelled `label` with `text`.
fn fill(harness: &mut Harness<'_, TradeChartApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.key_press(egui::Key::Backspace);
    harness.run();
    if !text.is_empty() {
        harness.get_by_label(label).type_text(text);
        harness.run();
    }
}

fn titles(app: &TradeChartApp) -> Vec<String> {
    app.dataset()
        .events
        .iter()
        .map(|event| event.title.clone())
        .collect()
}

#[test]
fn an_event_is_added_through_the_form_after_its_errors_are_shown() {
    let (_dir, data) = copy_data();
    let before = std::fs::read(&data).unwrap();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    harness.get_by_label("Add event…").click();
    harness.run();
    harness.get_by_label("Add event");

    // An ambiguous date and no title: both named in the form, nothing added.
    fill(&mut harness, "Event date", "7/6/2018");
    harness.get_by_label("Save event").click();
    harness.run();
    harness.get_by_label_contains("Date: ");
    harness.get_by_label("Title: expected a title, found nothing");
    assert_eq!(harness.state().dataset().events.len(), 4);
    assert!(harness.state().event_form().is_some());

    fill(&mut harness, "Event date", "2019-08-01");
    fill(&mut harness, "Event title", "Tariffs on $300 bn announced");
    fill(&mut harness, "Event category", "tariff action");
    fill(&mut harness, "Event source", "USTR");
    harness.get_by_label("Save event").click();
    harness.run();
    let app = harness.state();
    assert!(app.event_form().is_none());
    assert_eq!(app.dataset().events.len(), 5);
    let added = app
        .dataset()
        .events
        .iter()
        .find(|event| event.title == "Tariffs on $300 bn announced")
        .unwrap();
    assert_eq!(added.date, Period::parse("2019-08-01").unwrap());
    assert_eq!(added.category, "tariff action");
    assert_eq!(added.source.as_deref(), Some("USTR"));
    assert_eq!(added.status, Status::Reported);
    assert_eq!(
        app.selected_event().map(|event| event.title.as_str()),
        Some("Tariffs on $300 bn announced")
    );
    assert!(app.events_edited());
    // The chart shows it, in date order, in the timeline too.
    harness.get_by_label("2019-08-01  Tariffs on $300 bn announced");
    assert_eq!(
        std::fs::read(&data).unwrap(),
        before,
        "the data file is never written"
    );
}

#[test]
fn the_selected_event_is_edited_and_deleted() {
    let (_dir, data) = copy_data();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    harness
        .get_by_label("2019-05-10  List 3 raised to 25%")
        .click();
    harness.run();
    harness.get_by_label("Edit…").click();
    harness.run();
    harness.get_by_label("Edit event");
    fill(&mut harness, "Event title", "List 3 tariffs raised to 25%");
    fill(&mut harness, "End date (optional)", "2019-05-01");
    harness.get_by_label("Save event").click();
    harness.run();
    harness.get_by_label_contains("End date: expected a date on or after the start 2019-05-10");
    fill(&mut harness, "End date (optional)", "");
    harness.get_by_label("Save event").click();
    harness.run();
    let app = harness.state();
    assert!(app.event_form().is_none());
    assert_eq!(app.dataset().events.len(), 4);
    assert!(titles(app).contains(&"List 3 tariffs raised to 25%".to_string()));
    assert!(!titles(app).contains(&"List 3 raised to 25%".to_string()));
    let edited = &app.dataset().events[2];
    // What the form did not change stays: the source and the category.
    assert_eq!(edited.source.as_deref(), Some("USTR"));
    assert_eq!(edited.category, "tariff action");

    harness.get_by_label("Delete").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.dataset().events.len(), 3);
    assert!(!titles(app).iter().any(|title| title.starts_with("List 3")));
    assert!(app.selected_event().is_none());
}

#[test]
fn edited_events_export_as_csv_that_reads_back_equal_and_survive_reload_and_views() {
    let (dir, data) = copy_data();
    let out = dir.path().join("edited-events.csv");
    let mut harness = harness_on(&data, SavesAs(out.clone()));
    harness
        .get_by_label("2018-12-01 – 2019-03-01  Buenos Aires truce")
        .click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    harness.get_by_label("Add event…").click();
    harness.run();
    fill(&mut harness, "Event date", "2025-04-09");
    fill(&mut harness, "Announced (optional)", "2025-04-02");
    fill(
        &mut harness,
        "Event title",
        "\"Liberation Day\" tariffs, in effect",
    );
    fill(
        &mut harness,
        "Event description",
        "Reciprocal tariffs,\nsecond line",
    );
    harness.get_by_label("Save event").click();
    harness.run();
    assert_eq!(harness.state().dataset().events.len(), 4);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Events as CSV…").click();
    step_until(&mut harness, |app| app.save_note().is_some());
    harness.get_by_label_contains("Saved edited-events.csv");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("date,title,description,category,end_date,source,status,announced\n"),
        "{text}"
    );
    let read_back = data::load_events(data::LoadRequest::path(&out)).unwrap();
    assert_eq!(read_back, harness.state().dataset().events);

    // Reload reads the data file again; the edits stay.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    harness.run();
    step_until(&mut harness, |app| !app.is_loading());
    assert_eq!(harness.state().dataset().events, read_back);

    // A saved view keeps them; the data file still has its own four.
    let view = dir.path().join("edited.view.json");
    harness.state().save_view(&view, Overwrite::Refuse).unwrap();
    let mut reopened = TradeChartApp::new(Dataset::default(), None).with_file_watch(false);
    assert!(reopened.load_now(&view));
    assert_eq!(reopened.dataset().events, read_back);
    assert!(reopened.events_edited());
    let file_events = data::LoadRequest::path(&data)
        .load()
        .unwrap()
        .dataset
        .events;
    assert!(
        file_events
            .iter()
            .any(|event| event.title == "Buenos Aires truce")
    );
}

/// `trade.csv` with events whose categories differ only in case.
fn data_with_cased_categories() -> (tempfile::TempDir, PathBuf) {
    let (dir, data) = copy_data();
    std::fs::write(
        dir.path().join("trade.events.csv"),
        "date,title,description,category\n\
         2018-07-06,Section 301 List 1 tariffs,,Tariff action\n\
         2019-05-10,List 3 raised to 25%,,tariff action\n\
         2020-01-15,Phase One deal signed,,agreement or truce\n",
    )
    .unwrap();
    (dir, data)
}

#[test]
fn categories_differing_by_case_are_one_filter_entry_and_one_colour() {
    let (_dir, data) = data_with_cased_categories();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    let chart = harness.state().chart().clone();
    assert_eq!(chart.categories.len(), 2, "{:?}", chart.categories);
    assert_eq!(chart.events[0].colour, chart.events[1].colour);
    // One entry counting both events; switching it off hides both.
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Tariff action (2)")
        .click();
    harness.run();
    assert!(
        harness.query_by_label_contains("tariff action (").is_none(),
        "a second entry for the other spelling"
    );
    harness.get_by_label_contains("1 of 3 shown");
}

#[test]
fn the_event_form_offers_the_known_categories() {
    let (_dir, data) = data_with_cased_categories();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    harness.get_by_label("Add event…").click();
    harness.run();
    // The known categories, once each, as first spelled.
    harness.get_by_label("Known categories");
    assert_eq!(harness.query_all_by_label("Tariff action").count(), 1);
    assert!(harness.query_by_label("tariff action").is_none());
    harness.get_by_label("agreement or truce").click();
    harness.run();
    assert_eq!(
        harness.state().event_form().unwrap().category,
        "agreement or truce"
    );
    // Typed in another case, it is saved as the known category.
    fill(&mut harness, "Event date", "2019-08-01");
    fill(&mut harness, "Event title", "Tariffs on $300 bn announced");
    fill(&mut harness, "Event category", "TARIFF ACTION");
    harness.get_by_label("Save event").click();
    harness.run();
    let added = harness
        .state()
        .dataset()
        .events
        .iter()
        .find(|event| event.title == "Tariffs on $300 bn announced")
        .cloned()
        .unwrap();
    assert_eq!(added.category, "Tariff action");
}

/// Selects "List 3 raised to 25%" in the side panel and deletes it.
fn delete_list_3(harness: &mut Harness<'_, TradeChartApp>) {
    harness
        .get_by_label("2019-05-10  List 3 raised to 25%")
        .click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
}

fn menu(harness: &mut Harness<'_, TradeChartApp>, menu: &str, entry: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    // A menu entry's label ends with its shortcut ("Undo Ctrl+Z").
    harness.get_by_label_contains(entry).click();
    harness.run();
}

#[test]
fn a_deleted_event_comes_back_with_ctrl_z_and_goes_again_with_redo() {
    let (_dir, data) = copy_data();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    let original = titles(harness.state());
    delete_list_3(&mut harness);
    assert_eq!(harness.state().dataset().events.len(), 3);
    assert_eq!(
        harness.state().undo_text(),
        Some("delete “List 3 raised to 25%”")
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(titles(harness.state()), original);
    assert!(
        !harness.state().events_edited(),
        "back to the file's own events"
    );

    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert_eq!(harness.state().dataset().events.len(), 3);
    menu(&mut harness, "Edit", "Undo");
    assert_eq!(titles(harness.state()), original);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(harness.state().dataset().events.len(), 3);
    menu(&mut harness, "Edit", "Undo");
    menu(&mut harness, "Edit", "Redo");
    assert_eq!(harness.state().dataset().events.len(), 3);
}

#[test]
fn adding_and_editing_events_are_undone_in_turn() {
    let (_dir, data) = copy_data();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    let original = titles(harness.state());
    let mut event = harness.state().dataset().events[0].clone();
    event.title = "Added".into();
    harness.state_mut().put_event(None, event.clone());
    event.title = "Added, then edited".into();
    let index = titles(harness.state())
        .iter()
        .position(|title| title == "Added")
        .unwrap();
    harness.state_mut().put_event(Some(index), event);
    harness.run();
    assert_eq!(
        harness.state().undo_text(),
        Some("edit “Added, then edited”")
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(titles(harness.state()).contains(&"Added".to_string()));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(titles(harness.state()), original);
    // Nothing left to undo: the menu entry is greyed out.
    harness.get_by_label("Edit").click();
    harness.run();
    assert!(
        harness
            .get_by_label_contains("Undo")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn ctrl_z_in_a_text_field_does_not_undo_an_event_edit() {
    let (_dir, data) = copy_data();
    let mut harness = harness_on(&data, SavesAs(PathBuf::new()));
    delete_list_3(&mut harness);
    harness.get_by_label("Search events").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().dataset().events.len(), 3);
}
