#![allow(clippy::expect_used, clippy::unwrap_used)]
//! The window's controls, driven headless with egui_kittest (issue 14): typing a year
//! into "To year" digit by digit, the partner chooser's filter, undo and redo of event
//! edits, where the save dialogs open and how long their notes stay, Save view on the
//! embedded dataset, paths shown normalised, and the side panel's share of the width.

use std::path::{Path, PathBuf};

use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::TradeChartApp;
use tradechart::data;

mod common;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None).with_file_watch(false)
}

fn visible(harness: &Harness<'_, TradeChartApp>) -> (f64, f64) {
    harness.state().visible_x_range().unwrap()
}

/// The number box of the year slider labelled `label` (it follows the slider's rail).
fn year_box<'h>(harness: &'h Harness<'_, TradeChartApp>, label: &str) -> egui_kittest::Node<'h> {
    let rail = harness.get_by_role_and_label(Role::Slider, label).rect();
    harness
        .get_all_by_role(Role::SpinButton)
        .filter(|node| {
            let rect = node.rect();
            rect.left() >= rail.right() - 1.0 && (rect.center().y - rail.center().y).abs() < 4.0
        })
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("a number box right of the slider")
}

// ----- Point 7: typing a year -----

#[test]
fn typing_a_to_year_digit_by_digit_moves_nothing_until_enter() {
    let mut harness = common::settled_window(default_app(), SIZE);
    harness.state_mut().set_visible_x_range((2016.0, 2027.0));
    harness.run();
    assert_eq!(visible(&harness), (2016.0, 2027.0));
    year_box(&harness, "To year").focus();
    harness.run();
    for digit in ["2", "0", "2", "0"] {
        year_box(&harness, "To year").type_text(digit);
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
    year_box(&harness, "To year").focus();
    harness.run();
    year_box(&harness, "To year").type_text("2001");
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
