//! End-to-end tests of spreadsheets on the files in tests/data/workbook (made by
//! scripts/make_workbook_fixtures.py): the first sheet read as a wide table, the
//! `Events` sheet as events, and a clear problem for each kind of bad workbook.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use tradechart::data::{self, Format, Period, Problem};

/// A fixture by name: bad files live in `bad/`, where the all-fixtures check expects
/// every file to be refused.
fn fixture(name: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workbook");
    let bad = folder.join("bad").join(name);
    if bad.exists() { bad } else { folder.join(name) }
}

fn only_problem(name: &str) -> Problem {
    match data::LoadRequest::path(&fixture(name)).load() {
        Ok(_) => panic!("{name} should have been refused"),
        Err(error) => {
            assert_eq!(error.problems.len(), 1, "{name}: {error}");
            error.problems[0].clone()
        }
    }
}

fn values(series: &data::Series) -> Vec<Option<f64>> {
    series.points.iter().map(|point| point.value()).collect()
}

#[test]
fn an_xlsx_first_sheet_is_a_wide_table_with_its_metadata() {
    let loaded = data::LoadRequest::path(&fixture("good.xlsx"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Xlsx);
    let dataset = &loaded.dataset;
    assert_eq!(dataset.title, "US–China goods trade (workbook sample)");
    assert_eq!(
        dataset.sources,
        ["US Census Bureau, Trade in Goods with China"]
    );
    let names: Vec<&str> = dataset.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Exports", "Imports", "Balance"]);
    assert!(dataset.series.iter().all(|s| s.unit.as_str() == "USD bn"));
    let balance = &dataset.series[2];
    // Years stored as the numbers 2017.0… read as years; values keep every digit.
    assert_eq!(
        balance.points.iter().map(|p| p.period).collect::<Vec<_>>(),
        [Period::Year(2017), Period::Year(2018), Period::Year(2019)]
    );
    assert_eq!(
        values(balance),
        [Some(-375.1679), Some(-418.2329), Some(-342.6295)]
    );
    // An empty cell is a missing value.
    assert_eq!(
        values(&dataset.series[1]),
        [Some(505.1651), Some(538.5142), None]
    );
}

#[test]
fn the_events_sheet_gives_events_with_real_dates() {
    let loaded = data::LoadRequest::path(&fixture("good.xlsx"))
        .load()
        .unwrap();
    let events = &loaded.dataset.events;
    assert_eq!(events.len(), 3);
    assert_eq!(events[0].date, Period::parse("2018-07-06").unwrap());
    assert_eq!(events[0].title, "Section 301 List 1 tariffs");
    assert_eq!(events[0].category, "tariff action");
    assert_eq!(events[0].source.as_deref(), Some("USTR"));
    assert_eq!(events[2].end, Some(Period::parse("2026-11-10").unwrap()));
    assert_eq!(
        loaded.notes,
        [
            "read the sheet \"Trade\"; not read: \"Notes\" (no table the readers could read)",
            "3 events read from sheet \"Events\""
        ]
    );
}

#[test]
fn an_ods_reads_dates_and_a_lower_case_events_sheet() {
    let loaded = data::LoadRequest::path(&fixture("good.ods"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Ods);
    let dataset = &loaded.dataset;
    assert_eq!(dataset.title, "Average tariffs, US and China");
    assert_eq!(dataset.series.len(), 2);
    let us = &dataset.series[0];
    assert_eq!(us.name, "US tariff on China");
    assert_eq!(us.unit.as_str(), "%");
    assert_eq!(us.points[1].period, Period::parse("2018-09-24").unwrap());
    assert_eq!(values(us), [Some(3.1), Some(12.0), Some(19.3), Some(30.8)]);
    assert_eq!(dataset.series[1].points[3].value(), None);
    assert_eq!(dataset.events.len(), 2);
    assert_eq!(dataset.events[1].title, "Phase One implemented");
}

#[test]
fn the_content_decides_the_kind_not_the_extension() {
    let ods = std::fs::read(fixture("good.ods")).unwrap();
    let loaded = data::LoadRequest::bytes(&ods, Path::new("tariffs.xlsx"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Ods);
    let xlsx = std::fs::read(fixture("good.xlsx")).unwrap();
    let loaded = data::LoadRequest::bytes(&xlsx, Path::new("trade.csv"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Xlsx);
    assert_eq!(loaded.dataset.series.len(), 3);
}

#[test]
fn a_formula_error_is_reported_at_its_cell() {
    let problem = only_problem("formula_error.xlsx");
    assert_eq!((problem.line, problem.column), (Some(6), Some(3)));
    assert_eq!(
        problem.message,
        "expected a value, found the formula error #DIV/0! in cell C6"
    );
}

#[test]
fn a_bad_cell_is_reported_at_its_sheet_row() {
    let problem = only_problem("bad_value.xlsx");
    assert_eq!((problem.line, problem.column), (Some(6), Some(2)));
    assert!(problem.message.contains("found \"n/a?\""), "{problem:?}");
}

#[test]
fn an_empty_first_sheet_is_refused() {
    let problem = only_problem("empty_sheet.xlsx");
    assert_eq!(problem.line, None);
    assert_eq!(
        problem.message,
        "expected a header row and data rows in the first sheet \"Sheet1\", found an empty sheet"
    );
}

#[test]
fn a_zip_that_is_not_a_workbook_says_so() {
    let problem = only_problem("not_a_workbook.zip");
    assert_eq!(
        problem.message,
        "expected an .xlsx or .ods workbook, found a zip archive without one"
    );
}

#[test]
fn a_truncated_workbook_is_cut_short() {
    let problem = only_problem("truncated.xlsx");
    assert_eq!(
        problem.message,
        "expected a complete workbook, found a damaged zip archive: was the file cut short?"
    );
}

#[test]
fn a_corrupt_workbook_is_damaged() {
    let problem = only_problem("corrupt.xlsx");
    assert!(
        problem
            .message
            .starts_with("expected a readable .xlsx workbook, found a damaged one"),
        "{problem:?}"
    );
}

#[test]
fn a_workbook_that_unpacks_too_large_is_not_read() {
    let problem = only_problem("oversized.xlsx");
    assert_eq!(
        problem.message,
        "expected a workbook of at most 500 MB unpacked, found 3000 MB: it is too large to read"
    );
}

#[test]
fn every_cut_of_a_workbook_is_a_problem_not_a_panic() {
    for good in ["good.xlsx", "good.ods", "good.xls"] {
        let bytes = std::fs::read(fixture(good)).unwrap();
        for length in (0..bytes.len()).step_by(97) {
            let cut = &bytes[..length];
            let result = data::LoadRequest::bytes(cut, Path::new("cut.xlsx")).load();
            // A zip's directory is at its end, so any cut loses it; an .xls cut
            // after its last used sector may still hold the whole sheet.
            if !good.ends_with(".xls") {
                assert!(result.is_err(), "{good} cut at {length} loaded");
            }
        }
        // Damage inside: flip bytes in the middle of the archive.
        for at in (30..bytes.len()).step_by(211) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5A;
            let _ = data::LoadRequest::bytes(&damaged, Path::new("damaged.xlsx")).load();
        }
    }
}

#[test]
fn a_legacy_xls_reads_too() {
    let loaded = data::LoadRequest::path(&fixture("good.xls"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Xls);
    let balance = &loaded.dataset.series[0];
    assert_eq!(balance.name, "Balance");
    assert_eq!(
        values(balance),
        [Some(-375.1679), Some(-418.2329), Some(-342.6295)]
    );
    assert_eq!(balance.points[0].period, Period::Year(2017));
    let events = &loaded.dataset.events;
    assert_eq!(events.len(), 1, "the sheet named EVENTS, in any case");
    assert_eq!(events[0].date, Period::parse("2020-01-15").unwrap());
}

#[test]
fn percent_formatted_cells_read_as_the_percentages_shown() {
    let loaded = data::LoadRequest::path(&fixture("percent.xlsx"))
        .load()
        .unwrap();
    let tariff = &loaded.dataset.series[0];
    assert_eq!(tariff.unit.as_str(), "%");
    // Stored as 0.031, 0.12, 0.175; shown (and meant) as 3.10%, 12.00%, 17.50%.
    assert_eq!(values(tariff), [Some(3.1), Some(12.0), Some(17.5)]);
}

#[test]
fn problems_on_both_sheets_are_reported_together_naming_the_events_sheet() {
    let error = data::LoadRequest::path(&fixture("bad_sheets.xlsx"))
        .load()
        .unwrap_err();
    let found: Vec<(Option<usize>, Option<usize>, &str)> = error
        .problems
        .iter()
        .map(|problem| (problem.line, problem.column, problem.message.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (Some(6), Some(2)));
    assert!(found[0].2.contains("found \"n/a?\""));
    // The #REF! title is reported once, as a formula error, not also as a missing title.
    assert_eq!(
        found[1],
        (
            Some(4),
            Some(2),
            "sheet \"Events\": expected a value, found the formula error #REF! in cell B4"
        )
    );
    assert_eq!((found[2].0, found[2].1), (Some(3), Some(1)));
    assert!(found[2].2.starts_with("sheet \"Events\": "), "{found:?}");
    assert!(found[2].2.contains("day/month or month/day"), "{found:?}");
}

#[test]
fn columns_are_sheet_columns_when_the_table_starts_further_right() {
    // good.xlsx's table starts in column A; shift a bad one to start in column C.
    let problem = only_problem("shifted.xlsx");
    assert_eq!(
        (problem.line, problem.column),
        (Some(3), Some(4)),
        "{problem:?}"
    );
    assert!(problem.message.contains("found \"n/a?\""), "{problem:?}");
}
