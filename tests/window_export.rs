//! File → Export in the window, driven headless with egui_kittest through accessible
//! labels: PNG at 1× and 2× the window's size, SVG and CSV of exactly what is shown
//! (zoom, series hidden in the legend, event filters, theme), asking before replacing
//! a file, refusing the input file, the path window when no dialog can appear, and
//! Copy image.
//!
//! The chart is `tests/data/chart/small.json`; files are written to a temporary folder
//! that an injected picker answers with.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::{FilePicker, SaveFilter, TradeChartApp};
use tradechart::chart::{Look, Theme};
use tradechart::data::{self, Period};

mod common;
use common::{NoDialog, SavesAs, step_until};

const WINDOW: egui::Vec2 = egui::vec2(1200.0, 800.0);

fn small_chart() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chart/small.json")
}

fn app_on(path: &Path) -> TradeChartApp {
    common::app_on(path).with_file_watch(false)
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, WINDOW)
}

/// A picker that saves under the suggested name in `folder`, as a user pressing Save.
struct SavesIn(PathBuf);

impl FilePicker for SavesIn {
    fn pick_file(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save_file(&self, suggested: &Path, _filter: SaveFilter) -> Option<PathBuf> {
        Some(self.0.join(suggested.file_name()?))
    }
}

/// File → Export → `entry`.
fn export_menu(harness: &mut Harness<'_, TradeChartApp>, entry: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.step();
}

/// Exports with `entry` and waits until the export has said how it went (or asks).
fn export(harness: &mut Harness<'_, TradeChartApp>, entry: &str) {
    export_menu(harness, entry);
    step_until(harness, |app| {
        app.save_note().is_some() || app.replace_question().is_some()
    });
}

/// The legend entry of a series (a check box that hides it).
fn legend_entry<'a>(
    harness: &'a Harness<'_, TradeChartApp>,
    series: &'a str,
) -> egui_kittest::Node<'a> {
    harness.get_by_role_and_label(Role::CheckBox, series)
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn png_is_the_window_size_at_1x_and_twice_that_at_2x() {
    let folder = tempfile::tempdir().unwrap();
    let app = app_on(&small_chart()).with_picker(SavesIn(folder.path().to_path_buf()));
    let mut harness = harness(app);

    export(&mut harness, "PNG (1×)…");
    // The note names the folder too (its path normalised).
    let folder_shown = std::fs::canonicalize(folder.path()).unwrap();
    assert_eq!(
        harness.state().save_note().map(str::to_string),
        Some(format!(
            "Saved small-trade-chart.png in {}",
            folder_shown.display()
        ))
    );
    harness.get_by_label_contains("Saved small-trade-chart.png");
    let one = std::fs::read(folder.path().join("small-trade-chart.png")).unwrap();
    assert_eq!(png_size(&one), (1200, 800));

    harness.get_by_label("Dismiss").click();
    harness.run();
    assert_eq!(harness.state().save_note(), None);

    export(&mut harness, "PNG (2×)…");
    harness.get_by_label_contains("Saved small-trade-chart@2x.png");
    let two = std::fs::read(folder.path().join("small-trade-chart@2x.png")).unwrap();
    assert_eq!(png_size(&two), (2400, 1600));
    // Nothing but the two pictures: no temporary file is left beside them.
    let names: BTreeSet<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "small-trade-chart.png".to_string(),
            "small-trade-chart@2x.png".to_string()
        ])
    );
}

#[test]
fn svg_shows_what_the_window_shows() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = app_on(&small_chart()).with_picker(SavesIn(folder.path().to_path_buf()));
    app.set_look(Look {
        theme: Theme::Dark,
        side_panel: true,
        ..Look::default()
    });
    app.set_visible_x_range((2017.25, 2019.5));
    let mut harness = harness(app);

    // Hide a series with its legend entry, and a category of events in the side panel.
    legend_entry(&harness, "US tariff").click();
    harness.run();
    assert_eq!(harness.state().hidden_series(), ["US tariff"]);
    harness.get_by_label("agreement or truce (1)").click();
    harness.run();
    let (from, to) = harness.state().visible_x_range().unwrap();
    assert!((from - 2017.25).abs() < 1e-6 && (to - 2019.5).abs() < 1e-6);

    export(&mut harness, "SVG…");
    harness.get_by_label_contains("Saved small-trade-chart.svg");
    let text = std::fs::read_to_string(folder.path().join("small-trade-chart.svg")).unwrap();
    let svg = roxmltree::Document::parse(&text).unwrap();
    let root = svg.root_element();
    assert_eq!(root.attribute("data-theme"), Some("dark"));
    assert_eq!(root.attribute("width"), Some("1200"));
    let number = |name: &str| root.attribute(name).unwrap().parse::<f64>().unwrap();
    assert!((number("data-x-from") - 2017.25).abs() < 1e-6);
    assert!((number("data-x-to") - 2019.5).abs() < 1e-6);
    let with_class = |class: &str, attribute: &str| -> Vec<String> {
        svg.descendants()
            .filter(|node| node.attribute("class") == Some(class))
            .filter_map(|node| node.attribute(attribute).map(str::to_string))
            .collect()
    };
    assert_eq!(with_class("series", "data-name"), ["Balance"]);
    assert_eq!(with_class("panel", "data-unit"), ["USD bn"]);
    let events: BTreeSet<String> = with_class("event-line", "data-title").into_iter().collect();
    assert_eq!(
        events,
        BTreeSet::from(["Section 301 List 1 tariffs".to_string()])
    );
}

#[test]
fn csv_holds_the_visible_range_of_the_shown_series_and_reads_back() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = app_on(&small_chart()).with_picker(SavesIn(folder.path().to_path_buf()));
    app.set_visible_x_range((2017.05, 2018.95));
    let mut harness = harness(app);

    export(&mut harness, "CSV of the visible data…");
    harness.get_by_label_contains("Saved small-trade-chart.csv");
    let loaded = data::LoadRequest::path(&folder.path().join("small-trade-chart.csv"))
        .load()
        .unwrap();
    assert_eq!(loaded.dataset.title, "Small trade chart");
    let periods = |name: &str| -> Vec<Period> {
        let series = loaded
            .dataset
            .series
            .iter()
            .find(|series| series.name == name)
            .unwrap_or_else(|| panic!("no series {name}"));
        series
            .points
            .iter()
            .filter(|point| point.value().is_some())
            .map(|point| point.period)
            .collect()
    };
    assert_eq!(periods("Balance"), [Period::Year(2017), Period::Year(2018)]);
    assert_eq!(
        periods("US tariff"),
        [
            Period::parse("2018-01-01").unwrap(),
            Period::parse("2018-07-06").unwrap()
        ]
    );

    // A series hidden in the legend is left out of the table too.
    legend_entry(&harness, "Balance").click();
    harness.run();
    std::fs::remove_file(folder.path().join("small-trade-chart.csv")).unwrap();
    export(&mut harness, "CSV of the visible data…");
    let loaded = data::LoadRequest::path(&folder.path().join("small-trade-chart.csv"))
        .load()
        .unwrap();
    let names: Vec<&str> = loaded
        .dataset
        .series
        .iter()
        .map(|series| series.name.as_str())
        .collect();
    assert_eq!(names, ["US tariff"]);
}

#[test]
fn an_existing_file_is_replaced_only_when_the_user_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("small-trade-chart.svg");
    std::fs::write(&target, "old bytes").unwrap();
    let app = app_on(&small_chart()).with_picker(SavesIn(folder.path().to_path_buf()));
    let mut harness = harness(app);

    export(&mut harness, "SVG…");
    assert_eq!(harness.state().replace_question(), Some(target.as_path()));
    harness.get_by_label("Replace small-trade-chart.svg?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().replace_question(), None);
    assert!(
        harness
            .query_by_label("Replace small-trade-chart.svg?")
            .is_none()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old bytes");
    assert_eq!(harness.state().save_note(), None);

    export(&mut harness, "SVG…");
    harness.get_by_label("Replace").click();
    harness.run();
    harness.get_by_label_contains("Saved small-trade-chart.svg");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with("<svg") || text.starts_with("<?xml"),
        "{text:.40}"
    );
    roxmltree::Document::parse(&text).unwrap();
}

#[test]
fn the_file_the_chart_was_read_from_is_never_overwritten() {
    let folder = tempfile::tempdir().unwrap();
    // A CSV titled "trade": the suggested CSV export is the file itself.
    let input = folder.path().join("trade.csv");
    let original = "# title: trade\nyear,Balance (USD bn)\n2017,-375\n2018,-418\n";
    std::fs::write(&input, original).unwrap();
    let app = app_on(&input).with_picker(SavesIn(folder.path().to_path_buf()));
    let mut harness = harness(app);

    export(&mut harness, "CSV of the visible data…");
    assert_eq!(harness.state().replace_question(), None);
    let note = "trade.csv was not saved: it is the file the chart was read from";
    assert_eq!(harness.state().save_note(), Some(note));
    harness.get_by_label(note);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
}

#[test]
fn the_events_file_beside_the_data_is_never_overwritten() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("trade.csv");
    std::fs::write(&input, "year,Balance (USD bn)\n2017,-375\n2018,-418\n").unwrap();
    let sidecar = folder.path().join("trade.events.csv");
    let events = "date,title\n2018-07-06,Section 301 List 1 tariffs\n";
    std::fs::write(&sidecar, events).unwrap();
    let app = app_on(&input).with_picker(SavesAs(sidecar.clone()));
    let mut harness = harness(app);
    harness.get_by_label("Section 301 List 1 tariffs");

    export(&mut harness, "CSV of the visible data…");
    harness.get_by_label("trade.events.csv was not saved: it is the file the chart was read from");
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), events);
}

#[test]
fn with_no_save_dialog_the_window_asks_for_the_path() {
    let folder = tempfile::tempdir().unwrap();
    let app = app_on(&small_chart()).with_picker(NoDialog);
    let mut harness = harness(app);

    export_menu(&mut harness, "SVG…");
    let start = Instant::now();
    while harness.query_by_label("Save as").is_none() {
        assert!(start.elapsed() < Duration::from_secs(20), "no path window");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    // The field offers the suggested name beside the data file.
    let offered = small_chart().with_file_name("small-trade-chart.svg");
    let field = harness.get_by_label("Save as");
    assert_eq!(
        field.value().as_deref(),
        Some(offered.display().to_string().as_str())
    );
    let typed = folder.path().join("typed");
    field.set_text_value_accesskit(&typed.display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    // The extension of the kind asked for is added.
    harness.get_by_label_contains("Saved typed.svg");
    assert!(folder.path().join("typed.svg").is_file());
}

#[test]
fn copy_image_puts_the_chart_on_the_clipboard() {
    let app = app_on(&small_chart());
    let mut harness = harness(app);

    export_menu(&mut harness, "Copy image");
    let copied: Vec<[usize; 2]> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        })
        .collect();
    assert_eq!(copied, [[1200, 800]]);
    harness.run();
    harness.get_by_label("Copied the chart to the clipboard (1200 × 800 pixels)");
}

#[test]
fn copy_description_puts_the_text_of_describe_on_the_clipboard() {
    let dataset = data::default_dataset().unwrap();
    let mut harness = harness(TradeChartApp::new(dataset, None));
    // The whole chart, as `tradechart describe` describes it.
    harness.get_by_label("Fit").click();
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Copy description").click();
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/describe/default.txt"),
    )
    .unwrap();
    assert_eq!(copied, [golden.trim_end()]);
    harness.run();
    harness.get_by_label_contains("Copied the chart's description to the clipboard");
}
