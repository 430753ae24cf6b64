//! Files in the window, driven headless with egui_kittest through accessible labels:
//! loading on a background thread with progress, Open Recent, Reload (Ctrl+R), Add
//! events…, Quit (Ctrl+Q), and reloading a file that changed on disk.
//!
//! Files are written to a temporary folder by each test; the chart fixtures are under
//! `tests/data/chart/` and the events fixtures under `tests/data/events/`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradechart::app::{Reader, TradeChartApp};
use tradechart::data::{self, LoadError, Loaded};

mod common;
use common::{NoDialog, Picks, app_on, fixture, step_until};

fn harness(app: TradeChartApp) -> Harness<'static, TradeChartApp> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        // A new dataset takes a few frames to settle: the event key and the strip of
        // labels above the plots follow the plan of the labels, and it them.
        .with_max_steps(8)
        .build_eframe(move |_creation| app)
}

/// A CSV whose title (and so the window title) is `title`.
fn trade_csv(title: &str, balance_2019: i32) -> String {
    format!(
        "# title: {title}\nyear,Balance (USD bn)\n2017,-375\n2018,-418\n2019,{balance_2019}\n2020,-310\n"
    )
}

/// Steps until the load started by the last action has been shown.
fn finish_loading(harness: &mut Harness<'_, TradeChartApp>) {
    harness.step();
    step_until(harness, |app| !app.is_loading());
}

fn click_in_file_menu(harness: &mut Harness<'_, TradeChartApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run();
    // Items with a shortcut are labelled with it too ("Reload Ctrl+R").
    harness.get_by_label_contains(item).click();
    harness.step();
}

/// A reader that reports each of `reports` bytes read in turn, then waits for the
/// test to let it go before reading: a slow file, under the test's control. It reads
/// `instead` when given (the file asked for then only has to be large), else the file
/// asked for.
fn gated_reader_reporting(reports: Vec<u64>, instead: Option<PathBuf>) -> (Reader, Sender<()>) {
    let (release, gate): (Sender<()>, Receiver<()>) = channel();
    let gate = Mutex::new(gate);
    let reader: Reader = Arc::new(
        move |path: &Path, report: &dyn Fn(u64), _: &AtomicBool| -> Result<Loaded, LoadError> {
            for &progress in &reports {
                report(progress);
            }
            let _ = gate.lock().unwrap().recv_timeout(Duration::from_secs(20));
            data::LoadRequest::path(instead.as_deref().unwrap_or(path)).load()
        },
    );
    (reader, release)
}

/// A window opening a 2 MB `big.csv` (so the byte progress bar shows) through a
/// reader that reports each of `reports` and waits, then reads a small file titled
/// "Big file" instead; returned once the last report shows. The folder holds the files.
fn opening_a_big_file(
    reports: Vec<u64>,
) -> (
    Harness<'static, TradeChartApp>,
    Sender<()>,
    tempfile::TempDir,
) {
    let folder = tempfile::tempdir().unwrap();
    let big = folder.path().join("big.csv");
    std::fs::write(&big, vec![b'x'; 2_000_000]).unwrap();
    let small = folder.path().join("small.csv");
    std::fs::write(&small, trade_csv("Big file", -345)).unwrap();
    let last = reports.last().copied();
    let (reader, release) = gated_reader_reporting(reports, Some(small));
    let app = app_on(&fixture("chart/small.json"))
        .with_reader(reader)
        .with_picker(Picks(big));
    let mut harness = harness(app);
    harness.run();

    click_in_file_menu(&mut harness, "Open…");
    step_until_loading(&mut harness);
    let start = Instant::now();
    while harness.state().loading_progress().map(|(read, _)| read) != last {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.step();
    (harness, release, folder)
}

#[test]
fn a_large_file_loads_in_the_background_with_progress() {
    let (mut harness, release, folder) = opening_a_big_file(vec![1_000_000]);
    let big = folder.path().join("big.csv");
    // The window is live: it shows what it loads, how far, and the old chart.
    harness.get_by_label("Loading big.csv…");
    harness.get_by_label("1.0 MB of 2.0 MB");
    harness.get_by_label("Cancel loading");
    harness.get_by_label("Small trade chart");
    assert_eq!(harness.state().loading_path(), Some(big.as_path()));

    release.send(()).unwrap();
    step_until(&mut harness, |app| !app.is_loading());
    harness.get_by_label("Big file");
    assert!(harness.query_by_label("Loading big.csv…").is_none());
    assert_eq!(harness.state().source(), Some(big.as_path()));
}

#[test]
fn a_file_read_again_says_so_as_its_progress_starts_over() {
    // The quick reader got 1.5 MB in, then the full reader started from the top.
    let (mut harness, release, _folder) = opening_a_big_file(vec![1_500_000, 200_000]);
    harness.get_by_label("Loading big.csv… reading it again, cell by cell");
    harness.get_by_label("0.2 MB of 2.0 MB");

    release.send(()).unwrap();
    step_until(&mut harness, |app| !app.is_loading());
    harness.get_by_label("Big file");
}

/// Steps until the dialog has answered and a load is in flight.
fn step_until_loading(harness: &mut Harness<'_, TradeChartApp>) {
    let start = Instant::now();
    while !harness.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
}

#[test]
fn cancelling_a_load_stops_the_reading_and_keeps_the_chart() {
    // A slow reader that reads until told to stop, then says whether it was.
    let (stopped, told) = channel();
    let stopped = Mutex::new(stopped);
    let reader: Reader = Arc::new(
        move |path: &Path, report: &dyn Fn(u64), stop: &AtomicBool| -> Result<Loaded, LoadError> {
            report(1);
            let start = Instant::now();
            while !stop.load(Ordering::Relaxed) && start.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(2));
            }
            let _ = stopped.lock().unwrap().send(stop.load(Ordering::Relaxed));
            data::LoadRequest::path(path).stop(stop).load()
        },
    );
    let app = app_on(&fixture("chart/small.json")).with_reader(reader);
    let mut harness = harness(app);
    harness.run();
    harness.state_mut().open_path(&fixture("chart/other.json"));
    harness.step();
    harness.get_by_label("Cancel loading").click();
    harness.step();
    assert_eq!(told.recv_timeout(Duration::from_secs(10)), Ok(true));
    harness.run();
    // The chart stays, with nothing to say about a file that was not read.
    assert!(!harness.state().is_loading());
    harness.get_by_label("Small trade chart");
    assert!(harness.query_by_label_contains("stopped").is_none());
    assert!(harness.query_by_label_contains("other.json").is_none());
}

#[test]
fn a_bad_file_loaded_in_the_background_keeps_the_chart_and_lists_problems() {
    let folder = tempfile::tempdir().unwrap();
    let bad = folder.path().join("bad.csv");
    std::fs::write(&bad, "year,Balance (USD bn)\n2018,-418\n2019,lots\n").unwrap();
    let mut harness = harness(app_on(&fixture("chart/small.json")));
    harness.run();
    let before = harness.state().chart().clone();

    harness.state_mut().open_path(&bad);
    finish_loading(&mut harness);

    let problems = harness.state().problems().unwrap().lines();
    assert!(
        problems.iter().any(|line| line.contains("bad.csv:3:")),
        "{problems:?}"
    );
    harness.get_by_label(&problems[0]);
    assert_eq!(harness.state().chart(), &before);
    harness.get_by_label("Small trade chart");
    // A failed file is not a recent file.
    assert!(
        harness
            .state()
            .recent_files()
            .iter()
            .all(|path| !path.ends_with("bad.csv"))
    );
}

#[test]
fn open_recent_lists_the_files_opened_most_recent_first() {
    let folder = tempfile::tempdir().unwrap();
    let gone = folder.path().join("gone.csv");
    std::fs::write(&gone, trade_csv("Soon gone", -1)).unwrap();
    let mut app = app_on(&fixture("chart/small.json"));
    assert!(app.load_now(&gone));
    assert!(app.load_now(&fixture("chart/small.json")));
    assert!(app.load_now(&fixture("chart/other.json")));
    std::fs::remove_file(&gone).unwrap();
    let names: Vec<_> = app
        .recent_files()
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["other.json", "small.json", "gone.csv"]);
    let mut harness = harness(app);
    harness.run();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").click();
    harness.run();
    // A file that no longer exists is greyed out and says so.
    let missing = harness.get_by_label_contains("gone.csv");
    let missing = missing.accesskit_node();
    assert!(missing.label().unwrap().ends_with("(not found)"));
    assert!(missing.is_disabled());
    harness.get_by_label_contains("small.json —").click();
    finish_loading(&mut harness);

    harness.get_by_label("Small trade chart");
    assert!(harness.state().recent_files()[0].ends_with("small.json"));
}

#[test]
fn clear_recent_files_forgets_them() {
    let mut app = app_on(&fixture("chart/small.json"));
    assert!(app.load_now(&fixture("chart/other.json")));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").click();
    harness.run();
    harness.get_by_label("Clear recent files").click();
    harness.run();
    assert!(harness.state().recent_files().is_empty());
}

#[test]
fn reload_reads_the_file_again_and_keeps_the_view() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("trade.csv");
    std::fs::write(&file, trade_csv("Before", -345)).unwrap();
    let app = app_on(&file).with_file_watch(false);
    let mut harness = harness(app);
    harness.run();
    harness.state_mut().set_visible_x_range((2018.0, 2019.5));
    harness.run();
    let view = harness.state().visible_x_range().unwrap();

    std::fs::write(&file, trade_csv("After", -100)).unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    finish_loading(&mut harness);

    harness.get_by_label("After");
    let after = harness.state().visible_x_range().unwrap();
    assert!(
        (after.0 - view.0).abs() < 1e-9 && (after.1 - view.1).abs() < 1e-9,
        "{view:?} → {after:?}"
    );

    // The same through the menu, now with content that does not load.
    std::fs::write(&file, "year,Balance (USD bn)\n2019,oops\n").unwrap();
    click_in_file_menu(&mut harness, "Reload");
    finish_loading(&mut harness);
    harness.get_by_label("After");
    let problems = harness.state().problems().unwrap().lines();
    assert!(problems[0].contains("trade.csv:2:"), "{problems:?}");
}

/// What the user looks at is one `View` that a reload keeps: a series hidden in its
/// legend stays hidden, in the legend as in the view (its plots used to start afresh,
/// and forget it).
#[test]
fn reload_keeps_the_series_hidden_in_the_legend() {
    use egui::accesskit::{Role, Toggled};
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("trade.csv");
    let csv = |imports_2019: i32| {
        format!(
            "year,Exports (USD bn),Imports (USD bn)\n2017,130,505\n2018,120,539\n2019,106,{imports_2019}\n"
        )
    };
    std::fs::write(&file, csv(452)).unwrap();
    let mut harness = harness(app_on(&file).with_file_watch(false));
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Imports")
        .click();
    harness.run();
    assert_eq!(harness.state().hidden_series(), ["Imports"]);

    std::fs::write(&file, csv(440)).unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    finish_loading(&mut harness);
    harness.run();
    assert_eq!(harness.state().hidden_series(), ["Imports"]);
    let legend_entry = harness.get_by_role_and_label(Role::CheckBox, "Imports");
    assert_eq!(
        legend_entry.accesskit_node().toggled(),
        Some(Toggled::False)
    );
    // Shown again by its legend entry.
    legend_entry.click();
    harness.run();
    assert!(harness.state().hidden_series().is_empty());
}

#[test]
fn reload_is_greyed_out_for_the_embedded_dataset() {
    let app = TradeChartApp::new(data::default_dataset().unwrap(), None);
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    assert!(
        harness
            .get_by_label_contains("Reload")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn add_events_adds_the_events_of_the_picked_file() {
    let events = fixture("events/minimal.csv");
    let added = data::load_events(data::LoadRequest::path(&events)).unwrap();
    let app = app_on(&fixture("chart/small.json")).with_picker(Picks(events.clone()));
    let before = app.dataset().events.len();
    let mut harness = harness(app);
    harness.run();

    click_in_file_menu(&mut harness, "Add events…");
    step_until(&mut harness, |app| app.dataset().events.len() > before);

    assert_eq!(harness.state().dataset().events.len(), before + added.len());
    harness.get_by_label(&format!("{} events added from minimal.csv", added.len()));
    assert_eq!(harness.state().added_events_files(), [events]);
    assert_eq!(harness.state().window_title(), "Small trade chart");
}

#[test]
fn add_events_falls_back_to_a_path_window_and_refuses_a_file_without_events() {
    let app = app_on(&fixture("chart/small.json")).with_picker(NoDialog);
    let before = app.dataset().clone();
    let mut harness = harness(app);
    harness.run();

    click_in_file_menu(&mut harness, "Add events…");
    // No dialog could appear: the path window asks for the file instead.
    let start = Instant::now();
    while harness.query_by_label("Add events from file").is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
    let field = harness.get_by_label("File path");
    field.focus();
    field.type_text(&fixture("chart/other.json").display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    finish_loading(&mut harness);

    // A data file with no events is refused whole; the chart is as it was.
    assert!(harness.query_by_label("Add events from file").is_none());
    let problems = harness.state().problems().unwrap().lines();
    assert!(problems[0].contains("expected events"), "{problems:?}");
    assert_eq!(harness.state().dataset(), &before);
    assert!(harness.state().added_events_files().is_empty());
}

#[test]
fn ctrl_q_quits() {
    let mut harness = harness(app_on(&fixture("chart/small.json")));
    harness.run();
    // One frame with the key (`key_press_modifiers` spreads it over several frames).
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.step();
    let commands = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Close),
        "{commands:?}"
    );
}

#[test]
fn quit_in_the_file_menu_closes_the_window() {
    let mut harness = harness(app_on(&fixture("chart/small.json")));
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Quit").click();
    harness.step();
    let commands = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Close),
        "{commands:?}"
    );
}

#[test]
fn a_file_changed_on_disk_is_reloaded_keeping_the_view() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("trade.csv");
    std::fs::write(&file, trade_csv("First version", -345)).unwrap();
    let mut harness = harness(app_on(&file));
    harness.run();
    step_until(&mut harness, TradeChartApp::is_watching);
    harness.state_mut().set_visible_x_range((2017.5, 2019.5));
    harness.run();
    let view = harness.state().visible_x_range().unwrap();

    std::fs::write(&file, trade_csv("Second version", -100)).unwrap();
    step_until(&mut harness, |app| app.window_title() == "Second version");
    harness.get_by_label("Second version");
    let after = harness.state().visible_x_range().unwrap();
    assert!(
        (after.0 - view.0).abs() < 1e-9 && (after.1 - view.1).abs() < 1e-9,
        "{view:?} → {after:?}"
    );

    // Bad content: the last good chart stays, with the problems shown.
    let good = harness.state().chart().clone();
    std::fs::write(
        &file,
        "year,Balance (USD bn)
2019,half-written",
    )
    .unwrap();
    step_until(&mut harness, |app| app.problems().is_some());
    assert_eq!(harness.state().chart(), &good);
    harness.get_by_label_contains("trade.csv:2:");

    // Fixed again: reloaded, problems gone.
    std::fs::write(&file, trade_csv("Third version", -50)).unwrap();
    step_until(&mut harness, |app| app.window_title() == "Third version");
    assert!(harness.state().problems().is_none());
}

#[test]
fn a_new_sidecar_events_file_is_picked_up() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("trade.csv");
    std::fs::write(&file, trade_csv("With sidecar", -345)).unwrap();
    let mut harness = harness(app_on(&file));
    harness.run();
    step_until(&mut harness, TradeChartApp::is_watching);
    assert!(harness.state().dataset().events.is_empty());

    std::fs::write(
        folder.path().join("trade.events.csv"),
        "date,title\n2018-07-06,Section 301 tariffs\n",
    )
    .unwrap();
    step_until(&mut harness, |app| app.dataset().events.len() == 1);
    harness.get_by_label("Section 301 tariffs");
}

/// File → Open sample lists the three embedded datasets with a line on each, and opens
/// each; a view of a sample names it and reopens it (issue 17).
#[test]
fn open_sample_opens_each_sample_and_a_view_of_one_reopens_it() {
    let app = TradeChartApp::new(data::default_dataset().unwrap(), None).with_file_watch(false);
    let mut harness = harness(app);
    harness.run();
    for sample in &data::samples::SAMPLES[1..] {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label(tradechart::app::OPEN_SAMPLE).click();
        harness.run();
        for listed in &data::samples::SAMPLES {
            harness.get_by_label(listed.description);
        }
        harness.get_by_label(sample.title).click();
        harness.run();
        let app = harness.state();
        assert_eq!(app.dataset().title, sample.title);
        assert_eq!(
            app.shown_sample().map(|shown| shown.name),
            Some(sample.name)
        );
        assert!(app.source().is_none());
        assert!(app.problems().is_none());
    }
    let folder = tempfile::tempdir().unwrap();
    let view_path = folder.path().join("monthly.view.json");
    let app = harness.state();
    assert_eq!(
        app.suggested_save_path(tradechart::app::SaveWhat::View)
            .file_name()
            .unwrap(),
        "us-china-monthly.view.json"
    );
    app.save_view(&view_path, tradechart::export::Overwrite::Refuse)
        .unwrap();
    let text = std::fs::read_to_string(&view_path).unwrap();
    assert!(text.contains(r#""embedded": "us-china-monthly""#), "{text}");
    click_in_file_menu(&mut harness, "Open the embedded dataset");
    harness.run();
    assert_eq!(
        harness.state().shown_sample().map(|shown| shown.name),
        Some("default")
    );
    // An embedded dataset needs no reading: the view opens at once.
    let mut app = TradeChartApp::new(data::default_dataset().unwrap(), None);
    app.open_path(&view_path);
    assert_eq!(app.dataset().title, data::samples::SAMPLES[2].title);
    assert!(app.view_changed_note().is_none());
}
