#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The window's controls, driven headless with egui_kittest (issue 14): typing a year
//! into "To year" digit by digit, the partner chooser's filter, undo and redo of event
//! edits, where the save dialogs open and how long their notes stay, Save view on the
//! embedded dataset, paths shown normalised, and the side panel's share of the width.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::RecordsSuggested;
use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::{ExportKind, SaveWhat, TradeChartApp};
use tradechart::data;

mod common;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None).with_file_watch(false)
}

fn visible(harness: &Harness<'_, TradeChartApp>) -> (f64, f64) {
    harness.state().visible_x_range().unwrap()
}

// ----- Point 7: typing a year -----

#[test]
fn typing_a_to_year_digit_by_digit_moves_nothing_until_enter() {
    let mut harness = common::settled_window(default_app(), SIZE);
    harness.state_mut().set_visible_x_range((2016.0, 2027.0));
    harness.run();
    assert_eq!(visible(&harness), (2016.0, 2027.0));
    common::year_box(&harness, "To year").focus();
    harness.run();
    for digit in ["2", "0", "2", "0"] {
        common::year_box(&harness, "To year").type_text(digit);
        harness.run();
        assert_eq!(
            visible(&harness),
            (2016.0, 2027.0),
            "the range moved after typing {digit}"
        );
    }
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(visible(&harness), (2016.0, 2021.0));
}

#[test]
fn a_to_year_before_from_year_never_moves_from_year() {
    let mut harness = common::settled_window(default_app(), SIZE);
    harness.state_mut().set_visible_x_range((2016.0, 2027.0));
    harness.run();
    common::year_box(&harness, "To year").focus();
    harness.run();
    common::year_box(&harness, "To year").type_text("2001");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let (start, _) = visible(&harness);
    assert_eq!(start, 2016.0, "From year moved");
}

// ----- Point 13: the partner chooser -----

/// A Census-style file (country.xlsx saved as CSV) holding these partners, by code.
fn census_file(folder: &Path, partners: &[(u32, &str)]) -> PathBuf {
    let months = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let mut header = vec!["year".to_string(), "CTY_CODE".into(), "CTYNAME".into()];
    header.extend(months.iter().map(|m| format!("I{m}")));
    header.extend(months.iter().map(|m| format!("E{m}")));
    let mut text = header.join(",") + "\n";
    for (code, name) in partners {
        let figures = vec!["100.0"; 24].join(",");
        text.push_str(&format!("2024,{code},{name},{figures}\n"));
    }
    let path = folder.join("country.csv");
    std::fs::write(&path, text).unwrap();
    path
}

const PARTNERS: [(u32, &str); 4] = [
    (5700, "China"),
    (1220, "Canada"),
    (2010, "Mexico"),
    (5520, "Vietnam"),
];

fn chooser_on(path: &Path) -> Harness<'static, TradeChartApp> {
    let mut harness = common::settled_window(default_app(), SIZE);
    harness.state_mut().open_path(path);
    common::step_until(&mut harness, |app| app.pending_choices().is_some());
    harness
}

#[test]
fn the_chooser_lists_partners_by_name_with_their_codes() {
    let folder = tempfile::tempdir().unwrap();
    let harness = chooser_on(&census_file(folder.path(), &PARTNERS));
    let mut rows: Vec<(f32, String)> = [
        "Canada (1220)",
        "China (5700)",
        "Mexico (2010)",
        "Vietnam (5520)",
    ]
    .iter()
    .map(|label| (harness.get_by_label(label).rect().top(), label.to_string()))
    .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let order: Vec<&str> = rows.iter().map(|(_, label)| label.as_str()).collect();
    assert_eq!(
        order,
        [
            "Canada (1220)",
            "China (5700)",
            "Mexico (2010)",
            "Vietnam (5520)"
        ]
    );
}

#[test]
fn the_chooser_opens_with_the_filter_focused_and_enter_opens_the_only_match() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = chooser_on(&census_file(folder.path(), &PARTNERS));
    let filter = harness.get_by_label("Filter");
    assert!(filter.is_focused(), "the filter field has no focus");
    // Typed without clicking the field first: the keys go where the focus is.
    harness.get_by_label("Filter").type_text("viet");
    harness.run();
    assert!(harness.query_by_label("China (5700)").is_none());
    harness.key_press(egui::Key::Enter);
    common::step_until(&mut harness, |app| {
        app.selection().is_some() && !app.is_loading()
    });
    assert_eq!(
        harness.state().selection().unwrap().to_string(),
        "partner=Vietnam"
    );
}

// ----- Point 11: where the save dialogs open, and the note after saving -----

/// A copy of `tests/data/view/trade.csv` in `<temp>/data/`, and an `exports/` beside it.
fn data_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    for folder in ["data", "exports"] {
        std::fs::create_dir(root.join(folder)).unwrap();
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/view/trade.csv");
    std::fs::copy(fixture, root.join("data/trade.csv")).unwrap();
    (dir, root)
}

fn file_menu(harness: &mut Harness<'_, TradeChartApp>, path: &[&str]) {
    harness.get_by_label("File").click();
    harness.run();
    for entry in path {
        harness.get_by_label(entry).click();
        harness.run();
    }
}

#[test]
fn export_and_save_view_offer_the_data_files_folder_normalised() {
    let (_dir, root) = data_folder();
    // Opened by a path that climbs out of another folder, as a shell may give it.
    let opened = root.join("exports/../data/trade.csv");
    let offered_paths = Arc::new(Mutex::new(Vec::new()));
    let picker = RecordsSuggested {
        offered: Arc::clone(&offered_paths),
        saves_in: None,
    };
    let app = common::app_on(&opened)
        .with_file_watch(false)
        .with_picker(picker);
    let mut harness = common::settled_window(app, SIZE);
    // The header shows the path normalised.
    harness.get_by_label(&root.join("data/trade.csv").display().to_string());

    file_menu(&mut harness, &["Export", "PNG (1×)…"]);
    // One save is asked at a time: the picker answers at once with no file, so the path
    // field opens; cancel it before asking the next.
    common::step_until(&mut harness, |_| offered_paths.lock().unwrap().len() == 1);
    while harness.query_by_label("Save as").is_none() {
        harness.step();
    }
    harness.get_by_label("Cancel").click();
    harness.run();
    file_menu(&mut harness, &["Save view…"]);
    common::step_until(&mut harness, |_| offered_paths.lock().unwrap().len() == 2);
    let offered = offered_paths.lock().unwrap().clone();
    assert_eq!(offered[0].parent(), Some(root.join("data").as_path()));
    assert_eq!(offered[1], root.join("data/trade.view.json"));
}

#[test]
fn a_file_opened_by_a_relative_path_is_saved_beside_it_not_in_a_bare_name() {
    let here = std::env::current_dir().unwrap();
    let relative = Path::new("tests/data/view/trade.csv");
    let app = common::app_on(relative).with_file_watch(false);
    let suggested = app.suggested_save_path(SaveWhat::View);
    assert_eq!(suggested, here.join("tests/data/view/trade.view.json"));
    assert_eq!(
        app.suggested_save_path(SaveWhat::Export(ExportKind::Svg))
            .parent(),
        Some(here.join("tests/data/view").as_path())
    );
}

#[test]
fn the_saved_notes_name_the_folder_and_go_after_a_few_seconds() {
    let (_dir, root) = data_folder();
    let exports = root.join("exports");
    let picker = RecordsSuggested {
        offered: Arc::new(Mutex::new(Vec::new())),
        saves_in: Some(exports.clone()),
    };
    let app = common::app_on(&root.join("data/trade.csv"))
        .with_file_watch(false)
        .with_picker(picker);
    let mut harness = common::settled_window(app, SIZE);
    file_menu(&mut harness, &["Export", "SVG…"]);
    common::step_until(&mut harness, |app| app.save_note().is_some());
    let name = harness
        .state()
        .suggested_save_path(SaveWhat::Export(ExportKind::Svg));
    let name = name.file_name().unwrap().to_string_lossy();
    let note = format!("Saved {name} in {}", exports.display());
    assert_eq!(harness.state().save_note(), Some(note.as_str()));
    harness.get_by_label(&note);

    file_menu(&mut harness, &["Save view…"]);
    let note = format!("Saved trade.view.json in {}", exports.display());
    // One note for every save: the view's takes the export's place.
    common::step_until(&mut harness, |app| app.save_note() == Some(note.as_str()));

    // Each frame of the harness is a quarter of a second.
    harness.run_steps(8);
    assert!(harness.state().save_note().is_some(), "gone after 2 s");
    harness.run_steps(40);
    assert_eq!(harness.state().save_note(), None);
}

// ----- Point 15: Save view on the embedded dataset -----

#[test]
fn a_view_of_the_embedded_dataset_is_saved_reopened_checked_and_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let folder = std::fs::canonicalize(dir.path()).unwrap();
    let offered_paths = Arc::new(Mutex::new(Vec::new()));
    let picker = RecordsSuggested {
        offered: Arc::clone(&offered_paths),
        saves_in: Some(folder.clone()),
    };
    let mut harness = common::settled_window(default_app().with_picker(picker), SIZE);
    harness.state_mut().set_visible_x_range((2018.0, 2021.0));
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    let entry = harness.get_by_label("Save view…");
    assert!(
        !entry.accesskit_node().is_disabled(),
        "Save view… is greyed out"
    );
    entry.click();
    common::step_until(&mut harness, |app| app.save_note().is_some());
    let view_path = folder.join("us-china-trade.view.json");
    assert_eq!(
        harness.state().save_note(),
        Some(format!("Saved us-china-trade.view.json in {}", folder.display()).as_str())
    );
    // The first dialog starts in the documents (or home) folder; the next one where the
    // last file was saved.
    let first = offered_paths.lock().unwrap()[0].clone();
    assert_eq!(
        first.parent().map(Path::to_path_buf),
        dirs::document_dir().or_else(dirs::home_dir)
    );
    assert_eq!(
        harness
            .state()
            .suggested_save_path(SaveWhat::Export(ExportKind::Png))
            .parent(),
        Some(folder.as_path())
    );
    let text = std::fs::read_to_string(&view_path).unwrap();
    assert!(text.contains(r#""embedded": "us-china-trade""#), "{text}");
    assert!(text.contains(r#""version": "tradechart "#), "{text}");

    // Reopened in a fresh window, on another file first.
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/view/trade.csv");
    let mut reopened = common::settled_window(common::app_on(&other).with_file_watch(false), SIZE);
    reopened.state_mut().open_path(&view_path);
    reopened.run();
    let app = reopened.state();
    assert_eq!(app.source(), None);
    assert_eq!(app.dataset().title, data::default_dataset().unwrap().title);
    assert_eq!(app.visible_x_range(), Some((2018.0, 2021.0)));
    // The plots show the view's range, not one egui_plot kept.
    for (start, end) in app.plotted_time_ranges() {
        assert!((start - 2018.0).abs() < 1e-6 && (end - 2021.0).abs() < 1e-6);
    }
    assert_eq!(app.view_changed_note(), None);

    let binary = env!("CARGO_BIN_EXE_tradechart");
    let check = std::process::Command::new(binary)
        .args(["check"])
        .arg(&view_path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{said}");
    assert!(said.contains("view of the embedded dataset"), "{said}");
    let svg = folder.join("embedded.svg");
    let render = std::process::Command::new(binary)
        .arg("render")
        .arg(&view_path)
        .arg("-o")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        render.status.success(),
        "{}",
        String::from_utf8_lossy(&render.stderr)
    );
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

#[test]
fn file_open_the_embedded_dataset_returns_to_it() {
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/view/trade.csv");
    let mut harness = common::settled_window(common::app_on(&other).with_file_watch(false), SIZE);
    assert!(harness.state().source().is_some());
    file_menu(&mut harness, &["Open the embedded dataset"]);
    let app = harness.state();
    assert_eq!(app.source(), None);
    assert_eq!(app.dataset().title, data::default_dataset().unwrap().title);
    // Opened as at start (on 2016–2026, where its events cluster).
    let at_start = common::settled_window(default_app(), SIZE);
    assert_eq!(app.visible_x_range(), at_start.state().visible_x_range());
}

// ----- Point 16: the side panel at 1024 × 700 -----

const SMALL: egui::Vec2 = egui::vec2(1024.0, 700.0);

/// The embedded dataset at 1024 × 700 with "Section 301 List 1 tariffs" (a headline,
/// always labelled) selected.
fn small_window_with_selection() -> Harness<'static, TradeChartApp> {
    let mut harness = common::settled_window(default_app(), SMALL);
    harness.get_by_label("Section 301 List 1 tariffs").click();
    harness.run();
    // Away from the chart, so no tooltip covers anything.
    harness.hover_at(egui::pos2(SMALL.x - 4.0, 14.0));
    harness.run();
    harness
}

#[test]
fn the_side_panel_leaves_the_chart_most_of_a_1024_window() {
    let harness = small_window_with_selection();
    let panel_left = harness.get_by_label("Selected event").rect().left();
    assert!(
        panel_left >= 0.6 * SMALL.x,
        "the side panel starts at {panel_left} of {}",
        SMALL.x
    );
}

#[test]
fn the_event_list_stays_usefully_tall_with_an_event_selected() {
    let harness = small_window_with_selection();
    // The list scrolls below the category check boxes; entries scrolled out of it
    // keep their places above it.
    let panel_left = harness.get_by_label("Selected event").rect().left();
    let list_top = harness
        .get_all_by_role(Role::CheckBox)
        .map(|node| node.rect())
        .filter(|rect| rect.left() >= panel_left)
        .map(|rect| rect.bottom())
        .fold(0.0, f32::max);
    let entries: Vec<String> = harness
        .state()
        .chart()
        .events
        .iter()
        .map(|event| format!("{}  {}", event.date_text, event.title))
        .collect();
    let visible_entries = entries
        .iter()
        .filter_map(|entry| harness.query_by_label(entry))
        .filter(|node| node.rect().top() >= list_top && node.rect().bottom() <= SMALL.y)
        .count();
    // Was 2 (the list squeezed under the details and the filters).
    assert!(
        visible_entries >= 6,
        "only {visible_entries} entries of the event list are in view"
    );
}
