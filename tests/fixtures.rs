//! Every fixture shipped under tests/data through the real `tradechart check`: each
//! file in a `bad/` folder (and `cli/bad.csv`) is refused with exit 1 and located
//! problems; every other data file passes with exit 0.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a panic in a test is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // The hostile corpus has its own answers, file by file (tests/hostile.rs).
                if !path.ends_with("hostile") {
                    folders.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn is_bad(path: &Path) -> bool {
    path.components().any(|part| part.as_os_str() == "bad")
        || path.file_stem().is_some_and(|stem| stem == "bad")
}

/// Sidecar events files are read with the data file beside them.
fn is_sidecar(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".events.csv")
}

fn check_json(files: &[PathBuf]) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = Command::new(env!("CARGO_BIN_EXE_tradechart"))
        .arg("check")
        .arg("--json")
        .args(files)
        .output()
        .expect("the binary runs");
    let reports = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (output.status.code(), reports)
}

#[test]
fn every_good_fixture_passes_check() {
    let good: Vec<PathBuf> = fixtures()
        .into_iter()
        .filter(|path| !is_bad(path) && !is_sidecar(path))
        .filter(|path| !path.to_string_lossy().contains("/snapshots/"))
        // The hostile corpus has its own test with each file's expected outcome.
        .filter(|path| !path.to_string_lossy().contains("/hostile/"))
        .collect();
    assert!(
        good.len() >= 25,
        "expected the good fixtures, found {}",
        good.len()
    );
    let (status, reports) = check_json(&good);
    let failed: Vec<String> = reports
        .iter()
        .filter(|report| report["ok"] != true)
        .map(|report| format!("{} {}", report["path"], report["problems"]))
        .collect();
    assert!(failed.is_empty(), "good fixtures refused: {failed:#?}");
    assert_eq!(status, Some(0));
    assert_eq!(reports.len(), good.len());
}

#[test]
fn every_bad_fixture_fails_check_with_located_problems() {
    let bad: Vec<PathBuf> = fixtures()
        .into_iter()
        .filter(|path| is_bad(path) && !path.to_string_lossy().contains("/hostile/"))
        .collect();
    assert!(
        bad.len() >= 40,
        "expected the bad fixtures, found {}",
        bad.len()
    );
    for path in &bad {
        let (status, reports) = check_json(std::slice::from_ref(path));
        assert_eq!(status, Some(1), "{} should be refused", path.display());
        let report = &reports[0];
        assert_eq!(report["ok"], false);
        let problems = report["problems"].as_array().unwrap();
        assert!(
            !problems.is_empty(),
            "{}: no problem listed",
            path.display()
        );
        for problem in problems {
            assert!(!problem["message"].as_str().unwrap().is_empty());
        }
        // Text files say the line; workbooks say it where a cell is to blame.
        let extension = path.extension().unwrap().to_string_lossy();
        let whole_file_kinds = [
            "empty_document",
            "header_only",
            "no_numeric_column",
            "deep",
            "truncated",
            "top_level_array",
            "newer_version",
            "bad_partial",
        ];
        let whole_file = path.to_string_lossy().contains("/misc/bad/")
            || whole_file_kinds
                .iter()
                .any(|kind| path.to_string_lossy().contains(kind));
        if (extension == "csv" || extension == "json") && !whole_file {
            assert!(
                problems.iter().all(|problem| problem["line"].is_u64()),
                "{}: every problem should name its line: {problems:?}",
                path.display()
            );
        }
    }
}

#[test]
fn the_format_comes_from_the_content_so_a_wrong_extension_is_not_fatal() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/misc");
    let files =
        ["csv_named.json", "json_named.csv", "xlsx_named.csv"].map(|name| folder.join(name));
    let (status, reports) = check_json(&files);
    assert_eq!(status, Some(0), "{reports:?}");
    let formats: Vec<&str> = reports
        .iter()
        .map(|report| report["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["csv-wide", "json", "xlsx"]);
}

#[test]
fn empty_blank_and_binary_files_say_what_was_found() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/misc/bad");
    let expectations = [
        ("empty.csv", "found an empty file"),
        ("bom_only.csv", "found only white space"),
        ("whitespace.csv", "found only white space"),
        ("binary.csv", "found binary data"),
    ];
    for (name, fragment) in expectations {
        let (status, reports) = check_json(&[folder.join(name)]);
        assert_eq!(status, Some(1), "{name}");
        let message = reports[0]["problems"][0]["message"].as_str().unwrap();
        assert!(message.contains(fragment), "{name}: {message}");
    }
}
