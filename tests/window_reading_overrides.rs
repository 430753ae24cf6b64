//! Files as people have them, in the window, driven headless with egui_kittest through
//! accessible labels at 1024×700: the strip under the toolbar says how the file was
//! read ("Read as months: …", "Header on line 3; …"), "Read periods as" and "Header
//! row" overrule the two guesses (Reload and a change on disk keep them, another file
//! starts afresh), and the chooser lists the countries of a long table, then its
//! aggregates, and shows two ticked together.
//!
//! Fixtures, under `tests/data/reading/`, mimic real downloads:
//! - `fred_impch_monthly.csv`: a FRED download (`observation_date,IMPCH`), every month
//!   written as its 1st day; Census figures, US imports from China 2018–2019.
//! - `fred_expch_annual.csv`: a FRED annual download, every year written as 1 January.
//! - `titled_census_exhibit.csv`: a Census exhibit saved as CSV, two title lines above
//!   the header.
//! - `titled_monthly_with_text_column.csv`: the same with a text column (`revision`)
//!   beside the numbers, so the reader has three things to say.
//! - `bad/numeric_column_names.csv`: US imports by HS chapter, the columns named by the
//!   chapters' numbers (`year,84,85,94`) under two title lines: a row of numbers reads
//!   as data, so no header is found and the file is refused until the user names
//!   line 3 in the problems panel.
//! - `owid_entities_long.csv`: an Our World in Data grapher download
//!   (`Entity,Code,Year,Value`), 30 countries and `World` (`OWID_WRL`); made-up values.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::{
    AGGREGATES_HEADING, HEADER_FOUND, HEADER_ROW, Overrules, READ_PERIODS_AS, RETRY_HEADER_ROW,
    SHOW_TICKED, TradeChartApp,
};
use tradechart::data::{self, Frequency, Period};

mod common;

/// The smallest window the layout is checked at.
const SIZE: egui::Vec2 = egui::vec2(1024.0, 700.0);

fn reading(name: &str) -> PathBuf {
    common::fixture("reading").join(name)
}

/// The window on the embedded dataset, not watching files unless `watch`.
fn harness_watching(watch: bool) -> Harness<'static, TradeChartApp> {
    let app = TradeChartApp::new(data::default_dataset().unwrap(), None).with_file_watch(watch);
    Harness::builder()
        .with_size(SIZE)
        .build_eframe(move |_creation| app)
}

fn harness() -> Harness<'static, TradeChartApp> {
    harness_watching(false)
}

/// Steps until the load in flight has been shown (or refused), then settles.
fn finish_loading(harness: &mut Harness<'_, TradeChartApp>) {
    harness.step();
    let start = Instant::now();
    while harness.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

fn open(harness: &mut Harness<'_, TradeChartApp>, path: &Path) {
    harness.state_mut().open_path(path);
    finish_loading(harness);
    assert!(
        harness.state().problems().is_none(),
        "{:?}",
        harness.state().problems()
    );
}

/// Opens the list of the control labelled `control` and picks the entry `entry`.
fn pick(harness: &mut Harness<'_, TradeChartApp>, control: &str, entry: &str) {
    harness.get_by_label(control).click();
    harness.run();
    harness.get_by_label(entry).click();
    finish_loading(harness);
}

/// What the control labelled `label` shows.
fn shown_in(harness: &Harness<'_, TradeChartApp>, label: &str) -> String {
    harness
        .get_by_label(label)
        .value()
        .unwrap_or_default()
        .to_string()
}

/// The periods of the first series.
fn periods(app: &TradeChartApp) -> Vec<Period> {
    app.dataset().series[0]
        .points
        .iter()
        .map(|point| point.period)
        .collect()
}

#[test]
fn the_notes_say_how_a_file_was_read_under_the_toolbar() {
    let mut harness = harness();
    open(&mut harness, &reading("fred_impch_monthly.csv"));
    let note = harness.get_by_label("Read as months: every date is the 1st of a month");
    let toolbar = harness.get_by_label("Fit");
    assert!(
        note.rect().top() > toolbar.rect().bottom(),
        "the note is under the toolbar"
    );
    assert!(
        note.rect().bottom() < harness.get_by_label("IMPCH").rect().top(),
        "the note is above the chart"
    );
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Inferred (months)");
    assert_eq!(shown_in(&harness, HEADER_ROW), HEADER_FOUND);
    assert_eq!(periods(harness.state())[0], Period::Month(2018, 1));
}

#[test]
fn the_embedded_dataset_has_no_strip() {
    let mut harness = harness();
    harness.run();
    assert!(harness.query_by_label(READ_PERIODS_AS).is_none());
    assert!(harness.query_by_label(HEADER_ROW).is_none());
}

#[test]
fn the_frequency_can_be_overruled_and_given_back() {
    let mut harness = harness();
    open(&mut harness, &reading("fred_expch_annual.csv"));
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Inferred (years)");
    assert_eq!(periods(harness.state())[0], Period::Year(2015));

    pick(&mut harness, READ_PERIODS_AS, "Months");
    let app = harness.state();
    assert!(app.problems().is_none(), "{:?}", app.problems());
    assert_eq!(app.overrules().frequency, Some(Frequency::Monthly));
    assert_eq!(periods(app)[0], Period::Month(2015, 1));
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Months");

    // Back to the reader's own reading; it is still named.
    pick(&mut harness, READ_PERIODS_AS, "Inferred (years)");
    let app = harness.state();
    assert_eq!(app.overrules(), Overrules::default());
    assert_eq!(periods(app)[0], Period::Year(2015));
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Inferred (years)");
}

#[test]
fn months_read_as_years_are_refused_and_the_chart_stays() {
    let mut harness = harness();
    open(&mut harness, &reading("fred_impch_monthly.csv"));
    let before = harness.state().dataset().clone();
    pick(&mut harness, READ_PERIODS_AS, "Years");
    let app = harness.state();
    let problems = app
        .problems()
        .expect("twelve months in one year are refused");
    assert!(
        problems.lines()[0].contains("expected each period once"),
        "{:?}",
        problems.lines()
    );
    assert_eq!(app.dataset(), &before);
    assert_eq!(app.overrules(), Overrules::default());
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Inferred (months)");

    // And back: the reader's months again, without a problem.
    harness.get_by_label("Close").click();
    harness.run();
    pick(&mut harness, READ_PERIODS_AS, "Months");
    let app = harness.state();
    assert!(app.problems().is_none());
    assert_eq!(app.overrules().frequency, Some(Frequency::Monthly));
    assert_eq!(periods(app)[0], Period::Month(2018, 1));
}

#[test]
fn the_header_row_can_be_set_to_a_line_of_the_file() {
    let mut harness = harness();
    open(&mut harness, &reading("titled_census_exhibit.csv"));
    harness.get_by_label_contains("Header on line 3");
    assert_eq!(harness.state().dataset().series.len(), 3);

    // The list shows the file's first lines.
    harness.get_by_label(HEADER_ROW).click();
    harness.run();
    harness.get_by_label("Line 1: U.S. trade in goods with China");
    harness
        .get_by_label("Line 3: Year,Exports,Imports,Balance")
        .click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.problems().is_none(), "{:?}", app.problems());
    assert_eq!(app.overrules().header_line, Some(3));
    assert_eq!(app.load_options().header_line, Some(3));
    assert_eq!(app.dataset().series.len(), 3);
    assert_eq!(shown_in(&harness, HEADER_ROW), "Line 3");

    // A title line is no header: refused, and the chart and its header row stay.
    harness.get_by_label(HEADER_ROW).click();
    harness.run();
    harness.get_by_label_contains("Line 1:").click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.problems().is_some());
    assert_eq!(app.overrules().header_line, Some(3));
    assert_eq!(app.dataset().series.len(), 3);

    harness.get_by_label("Close").click();
    harness.run();
    pick(&mut harness, HEADER_ROW, HEADER_FOUND);
    assert_eq!(harness.state().overrules().header_line, None);
    assert_eq!(shown_in(&harness, HEADER_ROW), HEADER_FOUND);
}

#[test]
fn a_refused_table_can_be_opened_with_another_header_row() {
    let mut harness = harness();
    // Columns named by HS chapter numbers: a row of numbers reads as data, not as a
    // header, so the title line is taken for the header and the file is refused.
    let path = reading("bad/numeric_column_names.csv");
    harness.state_mut().open_path(&path);
    finish_loading(&mut harness);
    assert!(harness.state().problems().is_some(), "refused as it is");
    assert_eq!(harness.state().source(), None);

    pick(&mut harness, RETRY_HEADER_ROW, "Line 3: year,84,85,94");
    let app = harness.state();
    assert!(app.problems().is_none(), "{:?}", app.problems());
    assert_eq!(app.source(), Some(path.as_path()));
    assert_eq!(app.overrules().header_line, Some(3));
    assert_eq!(periods(app)[0], Period::Year(2018));
    assert_eq!(shown_in(&harness, HEADER_ROW), "Line 3");
    assert!(harness.query_by_label(RETRY_HEADER_ROW).is_none());
}

#[test]
fn reload_and_a_change_on_disk_keep_the_overrule_and_another_file_starts_afresh() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("expch.csv");
    std::fs::copy(reading("fred_expch_annual.csv"), &path).unwrap();
    let mut harness = harness_watching(true);
    open(&mut harness, &path);
    pick(&mut harness, READ_PERIODS_AS, "Months");
    assert_eq!(periods(harness.state()).len(), 10);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Reload").click();
    finish_loading(&mut harness);
    assert_eq!(
        harness.state().overrules().frequency,
        Some(Frequency::Monthly)
    );
    assert_eq!(periods(harness.state())[0], Period::Month(2015, 1));

    // A year more written to the file: read again, still as months.
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("2025-01-01,106300.0\n");
    std::fs::write(&path, text).unwrap();
    common::step_until(&mut harness, |app| {
        !app.is_loading() && app.dataset().series[0].points.len() == 11
    });
    let app = harness.state();
    assert_eq!(app.overrules().frequency, Some(Frequency::Monthly));
    assert_eq!(periods(app)[10], Period::Month(2025, 1));
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Months");

    // Another file, then this one again: both as the reader infers them.
    open(&mut harness, &reading("fred_impch_monthly.csv"));
    assert_eq!(harness.state().overrules(), Overrules::default());
    open(&mut harness, &path);
    assert_eq!(harness.state().overrules(), Overrules::default());
    assert_eq!(periods(harness.state())[0], Period::Year(2015));
    assert_eq!(shown_in(&harness, READ_PERIODS_AS), "Inferred (years)");
}

#[test]
fn several_notes_fold_into_one_line_and_unfold() {
    let mut harness = harness();
    open(
        &mut harness,
        &reading("titled_monthly_with_text_column.csv"),
    );
    let notes = harness.state().notes().to_vec();
    assert_eq!(notes.len(), 3, "{notes:?}");
    // Three notes do not fit beside the controls at 1024 points: the first are shown,
    // and a button lists them all.
    harness.get_by_label(&notes[0]);
    harness.get_by_label("All notes (3)").click();
    harness.run();
    for note in &notes {
        harness.get_by_label(note);
    }
    assert!(
        harness.get_by_label(&notes[2]).rect().top() > harness.get_by_label(&notes[1]).rect().top(),
        "one note a line"
    );
    harness.get_by_label("One line").click();
    harness.run();
    harness.get_by_label("All notes (3)");
}

#[test]
fn the_chooser_lists_countries_then_aggregates_and_shows_two_together() {
    let mut harness = harness();
    harness
        .state_mut()
        .open_path(&reading("owid_entities_long.csv"));
    finish_loading(&mut harness);
    let choices = harness
        .state()
        .pending_choices()
        .expect("a long table of 31 entities asks which")
        .clone();
    assert_eq!(choices.options.len(), 31);
    let world = choices
        .options
        .iter()
        .find(|choice| choice.label.contains("World"))
        .unwrap();
    assert!(world.aggregate, "OWID_WRL is an aggregate");
    // Countries first, then the aggregates under their heading.
    let heading = harness.get_by_label(AGGREGATES_HEADING).rect().top();
    let label_of = |name: &str| {
        choices
            .options
            .iter()
            .find(|choice| choice.label.starts_with(name))
            .unwrap()
            .label
            .clone()
    };
    harness.get_by_label(&label_of("Argentina"));
    assert!(harness.get_by_label(&world.label).rect().top() > heading);

    let filter = harness.get_by_label("Filter");
    filter.focus();
    filter.type_text("an");
    harness.run();
    assert!(harness.query_by_label(&label_of("Mexico")).is_none());
    assert!(harness.query_by_label(&world.label).is_none());
    assert!(harness.query_by_label(AGGREGATES_HEADING).is_none());
    for name in ["France", "Germany"] {
        harness
            .get_by_role_and_label(Role::CheckBox, &format!("Include {}", label_of(name)))
            .click();
        harness.run();
    }
    harness.get_by_label_contains("2 ticked");
    harness.get_by_label(SHOW_TICKED).click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert!(app.problems().is_none(), "{:?}", app.problems());
    assert_eq!(app.dataset().series.len(), 2, "{:?}", app.dataset().series);
    let selection = app.selection().unwrap().to_string();
    assert!(selection.contains('|'), "{selection}");
}

#[test]
fn one_country_is_charted_by_clicking_its_name() {
    let mut harness = harness();
    harness
        .state_mut()
        .open_path(&reading("owid_entities_long.csv"));
    finish_loading(&mut harness);
    let label = harness
        .state()
        .pending_choices()
        .unwrap()
        .options
        .iter()
        .find(|choice| choice.label.starts_with("Japan"))
        .unwrap()
        .label
        .clone();
    let filter = harness.get_by_label("Filter");
    filter.focus();
    filter.type_text("japan");
    harness.run();
    harness.get_by_label(&label).click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert_eq!(app.dataset().series.len(), 1);
}

#[test]
fn a_chooser_of_250_entities_lists_them_all_and_filters_them() {
    // A long table as big as a list of the world's countries and territories.
    let mut text = String::from("Entity,Code,Year,Value\n");
    for index in 1..=250 {
        for year in [2020, 2021] {
            text.push_str(&format!("Country {index},C{index:03},{year},{index}.5\n"));
        }
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("many.csv");
    std::fs::write(&path, text).unwrap();
    let mut harness = harness();
    harness.state_mut().open_path(&path);
    finish_loading(&mut harness);
    let choices = harness.state().pending_choices().expect("asks").clone();
    assert_eq!(choices.options.len(), 250);
    let last = &choices.options[249].label;
    // Every one is listed (the list scrolls), not only the first ones.
    harness.get_by_role_and_label(Role::CheckBox, &format!("Include {last}"));

    let filter = harness.get_by_label("Filter");
    filter.focus();
    filter.type_text("country 250");
    harness.run();
    assert!(harness.query_by_label(&choices.options[0].label).is_none());
    harness.get_by_label(last).click();
    finish_loading(&mut harness);
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    assert_eq!(app.dataset().series.len(), 1);
}
