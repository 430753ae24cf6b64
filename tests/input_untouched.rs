//! The input file is only ever read: after loading, reloading, checking and rendering
//! a CSV, a JSON and an XLSX file, each file's bytes, modification time and
//! permissions are as before and nothing was added beside it; and `render` refuses
//! to write its output over its input, however the path is spelled, even with
//! `--force`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use std::time::{Duration, SystemTime};

use eframe::egui;
use egui_kittest::Harness;
use tradechart::app::{Command, FileCommand, TradeChartApp};
use tradechart::data;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn tradechart(args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_tradechart"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What must not change about a file.
#[derive(Debug, PartialEq)]
struct Fingerprint {
    bytes: Vec<u8>,
    modified: SystemTime,
    mode: u32,
    /// The names in its folder: nothing written beside it either.
    neighbours: Vec<String>,
}

fn fingerprint(path: &Path) -> Fingerprint {
    use std::os::unix::fs::PermissionsExt as _;
    let metadata = fs::metadata(path).unwrap();
    let mut neighbours: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    neighbours.sort();
    Fingerprint {
        bytes: fs::read(path).unwrap(),
        modified: metadata.modified().unwrap(),
        mode: metadata.permissions().mode(),
        neighbours,
    }
}

/// A copy of a fixture in a folder of its own, dated in 2001 so that any write would
/// show in its modification time.
fn input_copy(folder: &Path, fixture_path: &str) -> PathBuf {
    let source = fixture(fixture_path);
    let path = folder.join(source.file_name().unwrap());
    fs::copy(&source, &path).unwrap();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(978_307_200))
        .unwrap();
    path
}

fn assert_untouched(path: &Path, before: &Fingerprint, after_what: &str) {
    assert_eq!(
        &fingerprint(path),
        before,
        "{} changed after {after_what}",
        path.display()
    );
}

fn every_operation_leaves_it_untouched(fixture_path: &str) {
    let input_folder = tempfile::tempdir().unwrap();
    let output_folder = tempfile::tempdir().unwrap();
    let input = input_copy(input_folder.path(), fixture_path);
    let before = fingerprint(&input);
    let arg = input.to_str().unwrap();

    data::LoadRequest::path(&input).load().unwrap();
    assert_untouched(&input, &before, "reading");

    let app = TradeChartApp::new(data::default_dataset().unwrap(), None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(move |_creation| app);
    harness.run();
    assert!(harness.state_mut().load_now(&input));
    harness.run();
    assert_untouched(&input, &before, "opening in the window");
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(Command::File(FileCommand::Reload), &ctx);
    assert_eq!(harness.state_mut().wait_for_load(), Some(true));
    harness.run();
    assert_untouched(&input, &before, "reloading in the window");
    drop(harness);

    let checked = tradechart(&["check", arg]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert_untouched(&input, &before, "check");

    for extension in ["svg", "png", "csv"] {
        let output = output_folder.path().join(format!("chart.{extension}"));
        let rendered = tradechart(&["render", arg, "-o", output.to_str().unwrap()]);
        assert!(
            rendered.status.success(),
            "{}",
            String::from_utf8_lossy(&rendered.stderr)
        );
        assert!(output.is_file());
        assert_untouched(&input, &before, &format!("render to .{extension}"));
    }
}

#[test]
fn a_csv_input_is_never_written() {
    every_operation_leaves_it_untouched("csv/wide_quarters.csv");
}

#[test]
fn a_json_input_is_never_written() {
    every_operation_leaves_it_untouched("chart/small.json");
}

#[test]
fn an_xlsx_input_is_never_written() {
    every_operation_leaves_it_untouched("workbook/good.xlsx");
}

#[test]
fn render_refuses_to_write_over_its_input_however_named() {
    let folder = tempfile::tempdir().unwrap();
    let input = input_copy(folder.path(), "csv/wide_quarters.csv");
    let symlink = folder.path().join("link.csv");
    std::os::unix::fs::symlink(&input, &symlink).unwrap();
    let hard_link = folder.path().join("hard.csv");
    fs::hard_link(&input, &hard_link).unwrap();
    let dotted = folder.path().join(".").join(input.file_name().unwrap());
    let before = fs::read(&input).unwrap();
    let modified = fs::metadata(&input).unwrap().modified().unwrap();
    for output in [&input, &symlink, &hard_link, &dotted] {
        for force in [false, true] {
            let mut args = vec![
                "render",
                input.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
            ];
            if force {
                args.push("--force");
            }
            let rendered = tradechart(&args);
            assert_eq!(rendered.status.code(), Some(1), "{args:?}");
            let message = String::from_utf8_lossy(&rendered.stderr);
            assert!(
                message.contains("this is the file the chart was read from; not overwritten"),
                "{args:?}: {message}"
            );
        }
    }
    assert_eq!(fs::read(&input).unwrap(), before);
    assert_eq!(fs::metadata(&input).unwrap().modified().unwrap(), modified);
}
