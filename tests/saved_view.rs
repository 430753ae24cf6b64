//! Saved views end to end: File → "Save view…" in the window, the view opened in a
//! fresh window (same range, transformation, hidden series, event filter, selected
//! event), `render VIEW` drawing the same SVG as the window's export of it, `check`
//! on a view, a data file changed since the view was saved, and a missing one; a view
//! keeps the frequency and header row the user gave instead of the guessed ones.
//!
//! The data is `tests/data/view/trade.csv` with its sidecar `trade.events.csv`, copied
//! into a temporary `data/` folder; views are saved in a sibling `views/` folder so the
//! view names its data file as `../data/trade.csv`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use clap::Parser as _;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::{Overrules, TradeChartApp};
use tradechart::chart::saved_view::{SavedView, read_view};
use tradechart::chart::{Look, Theme};
use tradechart::cli::{self, Cli, Command};
use tradechart::data::transform::Transform;
use tradechart::data::{self, Dataset, Frequency, Period};
use tradechart::export::Overwrite;

mod common;
use common::{Dropped, NoDialog, SavesAs, step_until};

const WINDOW: egui::Vec2 = egui::vec2(1200.0, 800.0);

/// A temporary folder with `data/trade.csv`, `data/trade.events.csv` and `views/`.
struct Folder {
    _dir: tempfile::TempDir,
    data: PathBuf,
    views: PathBuf,
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/view");
    let data = dir.path().join("data");
    let views = dir.path().join("views");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&views).unwrap();
    for name in ["trade.csv", "trade.events.csv"] {
        std::fs::copy(fixtures.join(name), data.join(name)).unwrap();
    }
    Folder {
        data: data.join("trade.csv"),
        views,
        _dir: dir,
    }
}

fn fresh_app() -> TradeChartApp {
    TradeChartApp::new(Dataset::default(), None).with_file_watch(false)
}

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    common::settled_window(app, WINDOW)
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
}

/// Runs the command line and returns (exit status, stdout, stderr).
fn run_cli(args: &[&str]) -> (i32, String, String) {
    let mut argv = vec!["tradechart"];
    argv.extend_from_slice(args);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = match Cli::try_parse_from(argv).unwrap().command {
        Some(Command::Render(render)) => cli::render::run_render(&render, &mut out, &mut err),
        Some(Command::Check { files, json, .. }) => cli::run_check(&files, json, &mut out),
        other => panic!("unexpected {other:?}"),
    };
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// The window's SVG export of what it shows, and `render VIEW`'s SVG of the view at
/// `view_path` at the same size (written beside the view).
fn window_and_rendered_svg(app: &TradeChartApp, view_path: &Path) -> (String, String) {
    let page = app.export_page(1.0);
    // With its alt text, as an export writes it (issue 18).
    let described = tradechart::export::Page {
        description: Some(
            tradechart::chart::describe::Description::of(
                app.dataset(),
                app.chart(),
                &app.export_view(),
            )
            .text(),
        ),
        ..page.clone()
    };
    let window_svg =
        tradechart::export::svg::chart_svg(app.chart(), &app.export_view(), &described);
    let out = view_path.with_file_name("rendered.svg");
    let (status, stdout, stderr) = run_cli(&[
        "render",
        view_path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--width",
        &page.width.to_string(),
        "--height",
        &page.height.to_string(),
        "--force",
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("view of"), "{stdout}");
    (window_svg, std::fs::read_to_string(&out).unwrap())
}

/// The window set up as a reader would leave it, saved with File → Save view….
fn save_a_view(folder: &Folder) -> (PathBuf, Harness<'static, TradeChartApp>) {
    let view_path = folder.views.join("trade.view.json");
    let mut app = fresh_app().with_picker(SavesAs(view_path.clone()));
    assert!(app.load_now(&folder.data));
    app.set_look(Look {
        theme: Theme::Light,
        side_panel: true,
        ..Look::default()
    });
    app.set_analysis(Transform::Index(Period::Year(2015)), false);
    app.set_visible_x_range((2016.0, 2021.5));
    let mut harness = harness(app);
    harness
        .get_by_role_and_label(Role::CheckBox, "Imports")
        .click();
    harness.run();
    harness.get_by_label("agreement or truce (2)").click();
    harness.run();
    harness
        .get_by_label("2019-05-10  List 3 raised to 25%")
        .click();
    harness.run();
    assert_eq!(harness.state().hidden_series(), ["Imports"]);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save view…").click();
    step_until(&mut harness, |app| app.save_note().is_some());
    harness.get_by_label_contains("Saved trade.view.json");
    (view_path, harness)
}

#[test]
fn a_saved_view_reopens_the_same_chart_and_renders_the_same_svg() {
    let folder = folder();
    let (view_path, saved_harness) = save_a_view(&folder);
    let saved_range = saved_harness.state().visible_x_range().unwrap();
    drop(saved_harness);

    // The document: the data file relative to the view, its hash, and the choices.
    let view: SavedView = read_view(&view_path).unwrap();
    assert_eq!(view.data.path, "../data/trade.csv");
    assert_eq!(view.data.sha256.len(), 64);
    assert_eq!(view.view.transform, Transform::Index(Period::Year(2015)));
    assert_eq!(view.view.hidden_series, ["Imports"]);
    assert!(
        view.view
            .filter
            .hidden_categories
            .iter()
            .eq(["agreement or truce"])
    );
    assert_eq!(
        view.view
            .selected_event
            .as_ref()
            .map(|key| key.title.as_str()),
        Some("List 3 raised to 25%")
    );
    assert!(view.events.is_none(), "events were not edited");
    assert!(close(view.view.range().unwrap(), saved_range));
    assert!(close(saved_range, (2016.0, 2021.5)), "{saved_range:?}");

    // A fresh window opens the view (as Open…, the command line or a drop do).
    let mut app = fresh_app();
    assert!(app.load_now(&view_path));
    let mut harness = harness(app);
    harness.run();
    let app = harness.state();
    assert_eq!(
        std::fs::canonicalize(app.source().unwrap()).unwrap(),
        std::fs::canonicalize(&folder.data).unwrap()
    );
    assert_eq!(
        app.options().transform,
        Transform::Index(Period::Year(2015))
    );
    assert!(close(app.visible_x_range().unwrap(), saved_range));
    assert_eq!(app.hidden_series(), ["Imports"]);
    assert!(
        app.event_filter()
            .hidden_categories
            .contains("agreement or truce")
    );
    assert_eq!(
        app.selected_event().map(|event| event.title.as_str()),
        Some("List 3 raised to 25%")
    );
    assert_eq!(app.look().theme, Theme::Light);
    assert!(app.view_changed_note().is_none());
    harness.get_by_label_contains("View trade.view.json opened");

    // `render VIEW` draws what the window's SVG export of it draws.
    let (window_svg, rendered) = window_and_rendered_svg(app, &view_path);
    assert!(rendered.contains("data-name=\"Balance\""), "{rendered}");
    assert!(!rendered.contains("data-name=\"Imports\""));
    assert!(!rendered.contains("Buenos Aires truce"));
    assert_eq!(rendered, window_svg);
}

#[test]
fn a_changed_data_file_is_reported_in_the_window_and_by_check() {
    let folder = folder();
    let view_path = folder.views.join("trade.view.json");
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.save_view(&view_path, Overwrite::Refuse).unwrap();
    let (status, stdout, _) = run_cli(&["check", view_path.to_str().unwrap()]);
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.starts_with(&format!(
            "{}: ok, view \"View test trade\"",
            view_path.display()
        )),
        "{stdout}"
    );

    // The figures are revised after the view was saved.
    let text = std::fs::read_to_string(&folder.data).unwrap();
    std::fs::write(
        &folder.data,
        text.replace("2023,148,427,-279", "2023,147,427,-280"),
    )
    .unwrap();

    let mut app = fresh_app();
    assert!(app.load_now(&view_path), "a changed file still opens");
    let harness = harness(app);
    let note = harness.state().view_changed_note().unwrap().to_string();
    assert!(
        note.starts_with("trade.csv changed since this view was saved (hash "),
        "{note}"
    );
    harness.get_by_label(&note);

    let (status, stdout, _) = run_cli(&["check", view_path.to_str().unwrap()]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("trade.csv changed since this view was saved"),
        "{stdout}"
    );

    // render still draws, and says why the image may differ.
    let out = folder.views.join("now.svg");
    let (status, _, stderr) = run_cli(&[
        "render",
        view_path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains("changed since this view was saved"),
        "{stderr}"
    );
}

#[test]
fn a_missing_data_file_is_a_problem() {
    let folder = folder();
    let view_path = folder.views.join("trade.view.json");
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.save_view(&view_path, Overwrite::Refuse).unwrap();
    std::fs::remove_file(&folder.data).unwrap();

    let mut app = fresh_app();
    assert!(!app.load_now(&view_path));
    let problems = app.problems().unwrap().lines().join("\n");
    assert!(
        problems.contains("named by this view, found no file"),
        "{problems}"
    );
    let harness = harness(app);
    harness.get_by_label_contains("named by this view, found no file");

    let (status, stdout, _) = run_cli(&["check", view_path.to_str().unwrap()]);
    assert_eq!(status, 1);
    assert!(stdout.contains("found no file"), "{stdout}");
    let (status, _, stderr) = run_cli(&[
        "render",
        view_path.to_str().unwrap(),
        "-o",
        folder.views.join("x.svg").to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    assert!(stderr.contains("found no file"), "{stderr}");
}

#[test]
fn render_of_a_view_refuses_options_the_view_already_says() {
    let folder = folder();
    let view_path = folder.views.join("trade.view.json");
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.save_view(&view_path, Overwrite::Refuse).unwrap();
    let (status, _, stderr) = run_cli(&[
        "render",
        view_path.to_str().unwrap(),
        "-o",
        folder.views.join("x.svg").to_str().unwrap(),
        "--transform",
        "yoy",
    ]);
    assert_eq!(status, 2);
    assert!(stderr.contains("--transform"), "{stderr}");
    // A view is never written over the data file.
    assert!(app.save_view(&folder.data, Overwrite::Replace).is_err());
    assert!(data::LoadRequest::path(&folder.data).load().is_ok());
}

#[test]
fn a_view_of_the_embedded_dataset_names_it_not_a_file() {
    let app = TradeChartApp::new(data::default_dataset().unwrap(), None);
    let view = app
        .view_document(Path::new("/tmp/never.view.json"))
        .unwrap();
    assert!(view.data.is_embedded());
    assert_eq!(view.data.path, "");
    assert_eq!(view.data.embedded.as_deref(), Some("us-china-trade"));
}

#[test]
fn a_view_dropped_on_the_window_opens_its_chart() {
    let folder = folder();
    let view_path = folder.views.join("trade.view.json");
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.set_visible_x_range((2018.0, 2020.0));
    app.set_analysis(Transform::YearOverYear, false);
    app.save_view(&view_path, Overwrite::Refuse).unwrap();

    let mut harness = harness(fresh_app());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(view_path)));
    harness.step();
    step_until(&mut harness, |app| !app.is_loading());
    let app = harness.state();
    assert_eq!(app.window_title(), "View test trade");
    assert_eq!(app.options().transform, Transform::YearOverYear);
    assert!(close(app.visible_x_range().unwrap(), (2018.0, 2020.0)));
}

#[test]
fn with_no_save_dialog_the_view_is_saved_to_a_typed_path() {
    let folder = folder();
    let mut app = fresh_app().with_picker(NoDialog);
    assert!(app.load_now(&folder.data));
    let mut harness = harness(app);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save view…").click();
    harness.run();
    let start = std::time::Instant::now();
    while harness.query_by_label("Save to").is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "no path window"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.get_by_label("Save view");
    let typed = folder.views.join("typed.view.json");
    harness
        .get_by_label("Save to")
        .set_text_value_accesskit(&typed.display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    step_until(&mut harness, |app| app.save_note().is_some());
    harness.get_by_label_contains("Saved typed.view.json");
    assert!(
        harness.query_by_label("Save to").is_none(),
        "the window closes"
    );
    let view = read_view(&typed).unwrap();
    assert_eq!(view.data.path, "../data/trade.csv");
}

#[test]
fn a_view_keeps_the_frequency_and_header_row_the_user_gave() {
    // A FRED annual download (every year written as 1 January), read as months.
    let dir = tempfile::tempdir().unwrap();
    let data_path = dir.path().join("expch.csv");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reading");
    std::fs::copy(fixtures.join("fred_expch_annual.csv"), &data_path).unwrap();
    let mut app = fresh_app();
    assert!(app.load_now(&data_path));
    let overrules = Overrules {
        frequency: Some(Frequency::Monthly),
        header_line: Some(1),
    };
    app.overrule(overrules);
    assert_eq!(app.wait_for_load(), Some(true), "{:?}", app.problems());
    assert_eq!(app.overrules(), overrules);
    let view_path = dir.path().join("expch.view.json");
    app.save_view(&view_path, Overwrite::Refuse).unwrap();
    let view = read_view(&view_path).unwrap();
    assert_eq!(view.frequency, Some(Frequency::Monthly));
    assert_eq!(view.header_line, Some(1));

    // Reopened, the file is read the same way, and Reload keeps it.
    let mut reopened = fresh_app();
    assert!(reopened.load_now(&view_path));
    assert_eq!(reopened.overrules(), overrules);
    let first = reopened.dataset().series[0].points[0].period;
    assert_eq!(first, Period::Month(2015, 1));
    reopened.run_command(
        tradechart::app::Command::File(tradechart::app::FileCommand::Reload),
        &egui::Context::default(),
    );
    assert_eq!(reopened.wait_for_load(), Some(true));
    assert_eq!(reopened.overrules(), overrules);

    // `render VIEW` reads it so too, and takes no flag that would say otherwise.
    let out = dir.path().join("expch-out.csv");
    let (status, _, stderr) = run_cli(&[
        "render",
        view_path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\n2015-01,"), "{written}");
    let (status, _, stderr) = run_cli(&[
        "render",
        view_path.to_str().unwrap(),
        "-o",
        dir.path().join("x.svg").to_str().unwrap(),
        "--frequency",
        "yearly",
    ]);
    assert_eq!(status, 2);
    assert!(stderr.contains("--frequency"), "{stderr}");
}

#[test]
fn a_view_without_overrules_reads_the_file_as_guessed() {
    let folder = folder();
    let view_path = folder.views.join("trade.view.json");
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.save_view(&view_path, Overwrite::Refuse).unwrap();
    let text = std::fs::read_to_string(&view_path).unwrap();
    assert!(!text.contains("frequency"), "{text}");
    assert!(!text.contains("header_line"), "{text}");
    let mut reopened = fresh_app();
    assert!(reopened.load_now(&view_path));
    assert_eq!(reopened.overrules(), Overrules::default());
}

/// A view file written by the build before the one view model (issue 15:
/// `tests/data/view/trade.view.json`, every field set) opens as it did: the same
/// range, transformation, log scale, hidden series, filter, selected event and look.
#[test]
fn a_view_written_by_the_old_code_still_opens_identically() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/view");
    for name in ["trade.csv", "trade.events.csv", "trade.view.json"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let view_path = dir.path().join("trade.view.json");
    let saved = read_view(&view_path).unwrap();
    assert_eq!(saved.view.x_range, Some([2015.5, 2021.25]));
    assert_eq!(saved.view.transform, Transform::Index(Period::Year(2016)));
    assert!(saved.view.log_scale);
    assert_eq!(saved.view.hidden_series, ["Exports"]);
    assert_eq!(saved.view.filter.search, "list");
    assert!(
        saved
            .view
            .filter
            .hidden_categories
            .contains("agreement or truce")
    );
    assert_eq!(
        saved.view.look,
        Look {
            theme: Theme::Dark,
            markers: false,
            event_labels: true,
            direct_labels: true,
            period_bars: false,
            side_panel: true,
            table: false,
        }
    );
    // Written again, the document keeps every old field name and value.
    let old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&view_path).unwrap()).unwrap();
    let again: serde_json::Value = serde_json::from_str(&saved.to_json()).unwrap();
    assert_eq!(again, old);

    // The window opens it on that chart.
    let mut app = fresh_app();
    assert!(app.load_now(&view_path));
    let mut harness = harness(app);
    harness.run();
    let shown = harness.state().view();
    let range = shown.range().unwrap();
    assert!(close(range, (2015.5, 2021.25)), "{range:?}");
    assert_eq!(
        tradechart::chart::View {
            x_range: saved.view.x_range,
            ..shown
        },
        saved.view
    );
    assert!(harness.state().view_changed_note().is_none());
}

// ----- Series added from another file (issue 17, point 4) -----

/// The folder with `data/country.xlsx` (Census, three partners) beside `trade.csv`.
fn folder_with_partners() -> (Folder, PathBuf) {
    let folder = folder();
    let country = folder.data.with_file_name("country.xlsx");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/field/census_country.xlsx");
    std::fs::copy(fixture, &country).unwrap();
    (folder, country)
}

#[test]
fn series_added_with_a_partner_choice_are_saved_in_the_view_and_reopen_and_render_identically() {
    let (folder, country) = folder_with_partners();
    let mut app = fresh_app().with_picker(common::Picks(country.clone()));
    assert!(app.load_now(&folder.data));
    app.set_look(Look {
        theme: Theme::Light,
        ..Look::default()
    });
    let mut harness = harness(app);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Add series from file…").click();
    // The file holds three partners: the chooser asks which, the chart stays.
    step_until(&mut harness, |app| app.pending_choices().is_some());
    assert_eq!(harness.state().dataset().series.len(), 3);
    harness.get_by_label_contains("Click one to add it to the chart");
    harness.get_by_label("Mexico (2010)").click();
    harness.run();
    let app = harness.state();
    assert!(app.pending_choices().is_none());
    let names: Vec<&str> = app
        .dataset()
        .series
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Exports",
            "Imports",
            "Balance",
            "Exports to Mexico",
            "Imports from Mexico",
            "Balance with Mexico"
        ]
    );
    // The chart is still trade.csv's, each added series with its own source.
    assert_eq!(app.dataset().title, "View test trade");
    assert_eq!(app.source(), Some(folder.data.as_path()));
    let mexico = &app.dataset().series[5];
    assert!(
        mexico
            .source
            .as_deref()
            .unwrap()
            .ends_with("(added from country.xlsx · partner=Mexico)"),
        "{:?}",
        mexico.source
    );
    harness.get_by_label_contains("Added 3 series from country.xlsx · partner=Mexico");
    // The file's millions join the chart's billions, on its panel.
    assert_eq!(app.chart().panels.len(), 1);

    // Saved: the added file with its hash and the partner read.
    let view_path = folder.views.join("compare.view.json");
    harness
        .state()
        .save_view(&view_path, Overwrite::Refuse)
        .unwrap();
    let view = read_view(&view_path).unwrap();
    assert_eq!(view.added.len(), 1);
    assert_eq!(view.added[0].data.path, "../data/country.xlsx");
    assert_eq!(
        view.added[0].data.sha256,
        tradechart::chart::saved_view::sha256_file(&country).unwrap()
    );
    assert_eq!(view.added[0].selection.as_deref(), Some("partner=Mexico"));
    drop(harness);

    // Reopened in a fresh window: the same series, and the view draws the same SVG.
    let mut app = fresh_app();
    assert!(app.load_now(&view_path));
    let reopened = crate::harness(app);
    let app = reopened.state();
    assert_eq!(app.dataset().series.len(), 6);
    assert_eq!(app.added_series_files().len(), 1);
    assert!(app.view_changed_note().is_none());
    let (window_svg, rendered) = window_and_rendered_svg(app, &view_path);
    assert!(rendered.contains("data-name=\"Balance with Mexico\""));
    assert_eq!(rendered, window_svg);
    drop(reopened);

    // The added file changes: the view still opens, and says so, as for the data file.
    let mut bytes = std::fs::read(&country).unwrap();
    bytes.extend_from_slice(b"\0");
    std::fs::write(&country, &bytes).unwrap();
    let (status, stdout, _) = run_cli(&["check", view_path.to_str().unwrap()]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("country.xlsx changed since this view was saved"),
        "{stdout}"
    );
    // Missing: a problem naming it.
    std::fs::remove_file(&country).unwrap();
    let mut app = fresh_app();
    app.load_now(&view_path);
    let problems = app.problems().unwrap().lines().join("\n");
    assert!(
        problems.contains("country.xlsx named by this view, found no file"),
        "{problems}"
    );
}

#[test]
fn reload_keeps_the_series_added_and_another_file_forgets_them() {
    let (folder, country) = folder_with_partners();
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.add_series_from(&country, data::Selection::parse("partner=Canada").unwrap());
    assert_eq!(app.dataset().series.len(), 6);
    let mut harness = harness(app);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Reload").click();
    step_until(&mut harness, |app| !app.is_loading());
    assert_eq!(harness.state().dataset().series.len(), 6);
    assert_eq!(harness.state().added_series_files().len(), 1);
    let mut app = fresh_app();
    assert!(app.load_now(&folder.data));
    app.add_series_from(&country, data::Selection::parse("partner=Canada").unwrap());
    app.open_embedded();
    assert!(app.added_series_files().is_empty());
    assert_eq!(app.dataset().series.len(), 5);
}
