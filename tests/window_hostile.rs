//! The window survives hostile files and its own bugs: opening every file of the
//! hostile corpus in turn keeps the last good chart and lists each file's problems;
//! a panic in a frame (forced through a test-only hook) or in another thread is
//! caught and shown in a dialog with "Copy details", and the window goes on.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tradechart::app::{TradeChartApp, panic_report};
use tradechart::data;

mod common;
use common::fixture;

/// Recorded panics are kept for the whole process: the tests that draw frames take
/// turns, so one test's frame does not show another test's panic.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn harness_on(path: &Path) -> Harness<'static, TradeChartApp> {
    let loaded = data::LoadRequest::path(path).load().unwrap();
    let app = TradeChartApp::new(loaded.dataset, Some(path.to_path_buf()));
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_eframe(move |_creation| app)
}

/// The committed corpus, then the paths that are not plain files.
fn hostile_paths(folder: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture("hostile"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|name| name != "make.py"))
        .collect();
    paths.sort();
    let first = folder.join("loop-a.csv");
    let second = folder.join("loop-b.csv");
    std::os::unix::fs::symlink(&second, &first).unwrap();
    std::os::unix::fs::symlink(&first, &second).unwrap();
    paths.push(first);
    paths.push(folder.to_path_buf());
    paths.push(folder.join("missing.csv"));
    paths.push(PathBuf::from("/dev/zero"));
    let fifo = folder.join("pipe.csv");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|status| status.success())
    {
        paths.push(fifo);
    }
    paths
}

#[test]
fn opening_every_hostile_file_in_turn_keeps_the_last_good_chart() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let folder = tempfile::tempdir().unwrap();
    let good = fixture("chart/small.json");
    let mut harness = harness_on(&good);
    harness.run();
    let mut last_good = harness.state().dataset().clone();
    let mut refused = 0;
    for path in hostile_paths(folder.path()) {
        let expected = data::LoadRequest::path(&path).load();
        let loaded = harness.state_mut().load_now(&path);
        assert_eq!(loaded, expected.is_ok(), "{}", path.display());
        let app = harness.state();
        match expected {
            Ok(read) => {
                assert_eq!(
                    app.dataset().series,
                    read.dataset.series,
                    "{}",
                    path.display()
                );
                last_good = app.dataset().clone();
            }
            Err(error) => {
                refused += 1;
                assert_eq!(
                    app.dataset(),
                    &last_good,
                    "{} changed the chart",
                    path.display()
                );
                let shown = app.problems().expect("the problems are listed");
                assert_eq!(shown.path, path);
                assert_eq!(shown.problems, error.problems);
            }
        }
        // Draw the outcome: the chart, or the chart with the problems under it.
        harness.run();
        if !loaded {
            harness.get_by_label_contains("The chart is unchanged.");
        }
    }
    assert!(refused >= 40, "{refused} refused");
}

#[test]
fn a_panic_in_a_frame_is_shown_with_its_details_and_the_window_goes_on() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    panic_report::install_hook();
    // Panics a reader caught itself (calamine's, on a damaged workbook of another
    // test) are recorded when the hook was installed after the reader's: not ours.
    let _ = panic_report::take_recorded();
    let good = fixture("chart/small.json");
    let mut harness = harness_on(&good);
    harness.run();
    let before = harness.state().dataset().clone();

    panic_report::force_panic_next_frame(&harness.ctx);
    harness.step();
    harness.run();
    let (report, count) = panic_report::shown_report(&harness.ctx).expect("the dialog is open");
    assert_eq!(report.message, "a panic forced to test the panic dialog");
    assert!(
        report.location.contains("panic_report.rs"),
        "{}",
        report.location
    );
    assert!(!report.backtrace.is_empty());
    assert_eq!(count, 1);
    harness.get_by_label("Something went wrong");
    harness.get_by_label("a panic forced to test the panic dialog");

    harness.get_by_label("Copy details").click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the details were copied");
    assert_eq!(copied, report.details());
    harness.run();
    harness.get_by_label("Copied to the clipboard");

    // The window still works: its data is as it was, and it opens another file.
    assert_eq!(harness.state().dataset(), &before);
    assert!(harness.state_mut().load_now(&fixture("chart/other.json")));
    harness.run();
    harness.get_by_label("Close").click();
    harness.run();
    assert!(panic_report::shown_report(&harness.ctx).is_none());
    assert_ne!(harness.state().dataset(), &before);
}

#[test]
fn a_panic_in_another_thread_is_shown_by_the_next_frame() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    panic_report::install_hook();
    // Panics a reader caught itself (calamine's, on a damaged workbook of another
    // test) are recorded when the hook was installed after the reader's: not ours.
    let _ = panic_report::take_recorded();
    let mut harness = harness_on(&fixture("chart/small.json"));
    harness.run();
    let worker = std::thread::Builder::new()
        .name("worker".into())
        .spawn(|| panic!("a worker gave up"))
        .unwrap();
    assert!(worker.join().is_err());
    harness.step();
    harness.run();
    let (report, _) = panic_report::shown_report(&harness.ctx).expect("the dialog is open");
    assert_eq!(report.message, "a worker gave up");
    assert_eq!(report.thread, "worker");
}
