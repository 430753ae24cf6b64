//! The chooser, driven headless with egui_kittest: a file holding several partners
//! (Census country.xlsx) or countries and indicators (WDI) opens a window listing them
//! instead of guessing; picking one reads the file again with that selection, which
//! Reload keeps; Cancel leaves the chart as it was.
//!
//! Fixtures are under tests/data/field/.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::{SettingsStore, TradeChartApp};
use tradechart::data::{self, Selection};

fn field(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/field")
        .join(name)
}

/// The window on the embedded dataset, not watching files.
fn default_app() -> TradeChartApp {
    TradeChartApp::new(data::default_dataset().unwrap(), None).with_file_watch(false)
}

fn harness_on(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_eframe(move |_creation| app)
}

fn harness() -> Harness<'static, TradeChartApp> {
    harness_on(default_app())
}

/// Steps until the load in flight has been shown.
fn finish_loading(harness: &mut Harness<'_, TradeChartApp>) {
    harness.step();
    let start = Instant::now();
    while harness.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

fn open(harness: &mut Harness<'_, TradeChartApp>, name: &str) {
    harness.state_mut().open_path(&field(name));
    finish_loading(harness);
}

#[test]
fn a_file_with_several_partners_asks_which_and_keeps_the_chart_meanwhile() {
    let mut harness = harness();
    let before = harness.state().dataset().title.clone();
    open(&mut harness, "census_country.xlsx");
    let choices = harness
        .state()
        .pending_choices()
        .expect("the chooser is open");
    assert_eq!(choices.options.len(), 3);
    // Not a problem, and nothing guessed: the chart is the one shown before.
    assert!(harness.state().problems().is_none());
    assert_eq!(harness.state().dataset().title, before);
    harness.get_by_label("Choose a partner");
    harness.get_by_label_contains("holds 3 partners");

    harness.get_by_label("Mexico (2010)").click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert_eq!(app.dataset().title, "US trade in goods with Mexico");
    assert_eq!(app.source(), Some(field("census_country.xlsx").as_path()));
    assert_eq!(
        app.selection(),
        Some(&Selection::parse("partner=Mexico").unwrap())
    );
    assert!(harness.query_by_label("Choose a partner").is_none());
}

#[test]
fn reload_reads_the_chosen_partner_again_without_asking() {
    let mut harness = harness();
    open(&mut harness, "census_country.csv");
    harness.get_by_label("China (5700)").click();
    finish_loading(&mut harness);
    assert_eq!(
        harness.state().dataset().title,
        "US trade in goods with China"
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Reload").click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert_eq!(app.dataset().title, "US trade in goods with China");
    assert_eq!(app.dataset().series.len(), 3);
}

#[test]
fn cancel_leaves_the_chart_as_it_was() {
    let mut harness = harness();
    let before = harness.state().dataset().clone();
    open(&mut harness, "census_country.xlsx");
    harness.get_by_label("Cancel").click();
    harness.run();
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert_eq!(app.dataset(), &before);
    assert!(app.problems().is_none());
    assert!(app.source().is_none());
}

#[test]
fn a_wdi_file_asks_for_the_country_then_the_indicator() {
    let mut harness = harness();
    open(&mut harness, "wdi_exports.csv");
    assert_eq!(harness.state().pending_choices().unwrap().what, "country");
    harness.get_by_label("China (CHN)").click();
    finish_loading(&mut harness);
    assert_eq!(harness.state().pending_choices().unwrap().what, "indicator");
    harness.get_by_label("Choose an indicator");
    harness
        .get_by_label("Exports of goods and services (% of GDP) (NE.EXP.GNFS.ZS)")
        .click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert_eq!(app.dataset().series.len(), 1);
    assert_eq!(app.dataset().series[0].unit.as_str(), "% of GDP");
    assert_eq!(
        app.selection().unwrap().to_string(),
        "country=CHN,indicator=NE.EXP.GNFS.ZS"
    );
}

#[test]
fn opening_another_file_forgets_the_selection() {
    let mut harness = harness();
    open(&mut harness, "census_country.csv");
    harness.get_by_label("Canada (1220)").click();
    finish_loading(&mut harness);
    assert!(harness.state().selection().is_some());
    open(&mut harness, "census_c5700_china.csv");
    let app = harness.state();
    assert!(app.selection().is_none());
    assert_eq!(app.dataset().title, "US trade in goods with China");
}

#[test]
fn a_long_list_of_choices_can_be_filtered() {
    // Twelve partners, written like country.xlsx saved as CSV.
    let months: Vec<String> = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    .iter()
    .map(|month| month.to_string())
    .collect();
    let mut header = vec!["year".to_string(), "CTY_CODE".into(), "CTYNAME".into()];
    header.extend(months.iter().map(|m| format!("I{m}")));
    header.extend(months.iter().map(|m| format!("E{m}")));
    let mut text = header.join(",") + "\n";
    for (code, name) in (0..11)
        .map(|n| (4000 + n, format!("Partner {n}")))
        .chain([(2010, "Mexico".to_string())])
    {
        let figures = vec!["100.0"; 24].join(",");
        text.push_str(&format!("2024,{code},{name},{figures}\n"));
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("country.csv");
    std::fs::write(&path, text).unwrap();
    let mut harness = harness();
    harness.state_mut().open_path(&path);
    finish_loading(&mut harness);
    assert_eq!(harness.state().pending_choices().unwrap().options.len(), 12);
    harness.get_by_label("Partner 3 (4003)");
    let filter = harness.get_by_label("Filter");
    filter.focus();
    filter.type_text("mex");
    harness.run();
    assert!(harness.query_by_label("Partner 3 (4003)").is_none());
    harness.get_by_label("Mexico (2010)").click();
    finish_loading(&mut harness);
    assert_eq!(
        harness.state().dataset().title,
        "US trade in goods with Mexico"
    );
}

#[test]
fn open_recent_reads_the_partner_chosen_last_time_also_after_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let file = field("census_country.csv");
    let app = default_app().with_settings(SettingsStore::new(folder.path()));
    let mut harness = harness_on(app);
    harness.state_mut().open_path(&file);
    finish_loading(&mut harness);
    harness.get_by_label("Mexico (2010)").click();
    finish_loading(&mut harness);
    harness
        .state_mut()
        .open_path(&field("fred_expch_impch.csv"));
    finish_loading(&mut harness);
    harness.state_mut().save_settings();
    drop(harness);

    // A new window on the same settings: the entry names the partner and reads it.
    let app = default_app().with_settings(SettingsStore::new(folder.path()));
    let mut harness = harness_on(app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").click();
    harness.run();
    // The entry names the partner.
    harness
        .get_by_label_contains("census_country.csv · partner=Mexico — ")
        .click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none(), "asked again");
    assert_eq!(app.dataset().title, "US trade in goods with Mexico");
}
