//! Files from the field, read as they come: the Census "Trade in Goods with …" table
//! saved from the web, Census `country.xlsx`, World Bank WDI CSV, FRED with `.` for
//! missing, UN Comtrade in Latin-1; and choosing one partner (country, indicator) out
//! of a file that holds several, through the library and `check`/`render --select`.
//!
//! Fixtures are under tests/data/field/ (workbooks and Latin-1 bytes written by
//! scripts/make_field_fixtures.py). China's figures are Census data; the other
//! partners', WDI's and Comtrade's values are made-up test values.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a panic in a test is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use tradechart::data::{self, Format, LoadOptions, LoadRequest, Loaded, Period, Selection, Series};

fn field(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/field")
        .join(name)
}

fn with(selection: &str) -> LoadOptions {
    LoadOptions::selecting(Selection::parse(selection).unwrap())
}

fn load(name: &str, selection: &str) -> Loaded {
    LoadRequest::path(&field(name))
        .options(with(selection))
        .load()
        .unwrap_or_else(|error| panic!("{error}"))
}

fn series<'a>(loaded: &'a Loaded, name: &str) -> &'a Series {
    loaded
        .dataset
        .series
        .iter()
        .find(|series| series.name == name)
        .unwrap_or_else(|| panic!("no series {name} in {:?}", loaded.dataset.series))
}

fn value_at(series: &Series, period: Period) -> Option<f64> {
    series
        .points
        .iter()
        .find(|point| point.period == period)
        .and_then(|point| point.value())
}

// ----- Census "Trade in Goods with …" (c5700) -----

#[test]
fn the_census_web_table_reads_months_with_thousands_separators_in_usd_millions() {
    let loaded = load("census_c5700_china.csv", "");
    assert_eq!(loaded.format, Format::CensusC5700);
    assert_eq!(loaded.dataset.title, "US trade in goods with China");
    let names: Vec<&str> = loaded
        .dataset
        .series
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Exports", "Imports", "Balance"]);
    let exports = series(&loaded, "Exports");
    assert_eq!(exports.unit.as_str(), "USD mn");
    // 12 months of 2022 and Jan–Oct 2023; the TOTAL rows are checks, not points.
    assert_eq!(exports.points.len(), 22);
    assert!(
        exports
            .points
            .iter()
            .all(|point| matches!(point.period, Period::Month(..)))
    );
    assert_eq!(value_at(exports, Period::Month(2023, 1)), Some(13_092.6));
    assert_eq!(
        value_at(series(&loaded, "Balance"), Period::Month(2022, 8)),
        Some(-37_487.1)
    );
    // Saved newest year first, read in time order.
    assert_eq!(exports.points[0].period, Period::Month(2022, 1));
    assert!(
        loaded
            .notes
            .iter()
            .any(|note| note == "2023 is a partial year: Jan–Oct only"),
        "{:?}",
        loaded.notes
    );
    assert!(loaded.dataset.notes[0].starts_with("NOTE: All figures are in millions"));
}

#[test]
fn the_census_table_saved_as_tab_separated_text_reads_the_same() {
    let csv = load("census_c5700_china.csv", "");
    let text = load("census_c5700_china.txt", "");
    assert_eq!(text.format, Format::CensusC5700);
    assert_eq!(text.dataset.series, csv.dataset.series);
}

#[test]
fn yearly_census_figures_come_from_the_total_rows_and_a_partial_year_says_so() {
    let loaded = load("census_c5700_china.csv", "frequency=yearly");
    let imports = series(&loaded, "Imports");
    assert_eq!(imports.points.len(), 2);
    assert_eq!(value_at(imports, Period::Year(2022)), Some(536_307.1));
    let partial = &imports.points[1];
    assert_eq!(partial.period, Period::Year(2023));
    assert!(partial.is_partial());
    assert_eq!(partial.coverage().unwrap().label(), "Jan–Oct only");
    assert!(!imports.points[0].is_partial());
}

#[test]
fn a_total_row_the_months_do_not_add_up_to_is_reported_as_a_note() {
    let loaded = load("census_c5700_total_mismatch.csv", "");
    let remarks: Vec<&String> = loaded
        .notes
        .iter()
        .filter(|note| note.contains("TOTAL 2022"))
        .collect();
    assert_eq!(remarks.len(), 3, "{:?}", loaded.notes);
    assert!(remarks[0].starts_with("line 28: TOTAL 2022 Exports is 153987.4"));
    // The months themselves are still the data.
    assert_eq!(series(&loaded, "Exports").points.len(), 22);
}

#[test]
fn a_misspelt_month_and_a_bad_cell_are_located_in_the_whole_file() {
    let error = LoadRequest::path(&field("bad/census_c5700_bad_month.csv"))
        .load()
        .unwrap_err();
    let located: Vec<(Option<usize>, Option<usize>)> = error
        .problems
        .iter()
        .map(|problem| (problem.line, problem.column))
        .collect();
    assert_eq!(located, [(Some(6), Some(1)), (Some(7), Some(2))]);
    assert!(error.problems[0].message.contains("found \"Febuary 2023\""));
    assert_eq!(
        error.problems[1].message,
        "expected a number, found \"n/a?\""
    );
}

// ----- Census country.xlsx -----

#[test]
fn a_census_country_file_with_several_partners_asks_which() {
    for name in ["census_country.csv", "census_country.xlsx"] {
        let error = LoadRequest::path(&field(name))
            .options(LoadOptions::default())
            .load()
            .unwrap_err();
        let choices = error.choices.as_ref().expect("choices");
        assert_eq!(choices.format, Format::CensusCountry);
        assert_eq!(choices.what, "partner");
        let offered: Vec<String> = choices
            .options
            .iter()
            .map(|choice| choice.selection.to_string())
            .collect();
        assert_eq!(
            offered,
            ["partner=China", "partner=Canada", "partner=Mexico"]
        );
        assert_eq!(choices.options[0].label, "China (5700)");
        assert_eq!(
            error.problems[0].message,
            "holds 3 partners; choose one with --select: partner=China, partner=Canada, partner=Mexico"
        );
        // The plain load_path never guesses either.
        assert!(LoadRequest::path(&field(name)).load().is_err());
    }
}

#[test]
fn a_chosen_partner_gives_monthly_exports_imports_and_the_balance() {
    let by_name = load("census_country.xlsx", "partner=China");
    let by_code = load("census_country.xlsx", "partner=5700");
    let bare = load("census_country.csv", "china");
    assert_eq!(by_name.format, Format::CensusCountry);
    assert_eq!(by_name.dataset.series, by_code.dataset.series);
    assert_eq!(by_name.dataset.series, bare.dataset.series);
    let exports = series(&by_name, "Exports to China");
    let balance = series(&by_name, "Balance with China");
    assert_eq!(exports.unit.as_str(), "USD mn");
    assert_eq!(value_at(exports, Period::Month(2023, 10)), Some(16_046.5));
    assert_eq!(
        value_at(balance, Period::Month(2023, 10)),
        Some(16_046.5 - 41_570.7).map(|v| (v * 1000.0_f64).round() / 1000.0)
    );
    // Nov–Dec 2023 are 0 in the file: not yet released, so not points at all.
    assert_eq!(exports.points.len(), 22);
    assert!(value_at(exports, Period::Month(2023, 11)).is_none());
    assert!(
        by_name
            .notes
            .iter()
            .any(|note| note.contains("Jan–Oct only"))
    );
}

#[test]
fn a_one_partner_workbook_needs_no_choice_and_yearly_totals_are_marked_partial() {
    let loaded = load("census_country_china.xlsx", "");
    assert_eq!(loaded.format, Format::CensusCountry);
    assert_eq!(loaded.dataset.title, "US trade in goods with China");
    let yearly = load("census_country_china.xlsx", "frequency=yearly");
    let imports = series(&yearly, "Imports from China");
    assert_eq!(imports.points[0].period, Period::Year(2022));
    assert!(!imports.points[0].is_partial());
    assert_eq!(
        imports.points[1].coverage().unwrap().label(),
        "Jan–Oct only"
    );
    // The year-to-date total, not a guess at the whole year.
    assert_eq!(value_at(imports, Period::Year(2023)), Some(357_642.1));
}

#[test]
fn several_partners_can_be_chosen_at_once_and_unknown_ones_are_refused() {
    let loaded = load("census_country.csv", "partner=China|Mexico");
    assert_eq!(loaded.dataset.series.len(), 6);
    let error = LoadRequest::path(&field("census_country.csv"))
        .options(with("partner=Chna"))
        .load()
        .unwrap_err();
    assert!(error.choices.is_none());
    let message = &error.problems[0].message;
    assert!(
        message.starts_with("expected a partner the file holds (China (5700), Canada (1220)")
            && message.ends_with("found \"Chna\""),
        "{message}"
    );
    let error = LoadRequest::path(&field("census_country.csv"))
        .options(with("colour=red"))
        .load()
        .unwrap_err();
    assert!(error.problems[0].message.contains("found \"colour\""));
}

#[test]
fn a_bad_census_country_cell_is_located() {
    let error = LoadRequest::path(&field("bad/census_country_bad_value.csv"))
        .load()
        .unwrap_err();
    assert_eq!(error.problems[0].line, Some(3));
    assert_eq!(error.problems[0].column, Some(5));
    assert_eq!(error.problems[0].message, "expected a number, found \"3x\"");
}

// ----- World Bank WDI -----

#[test]
fn a_wdi_file_asks_for_the_country_then_the_indicator() {
    let error = LoadRequest::path(&field("wdi_exports.csv"))
        .options(LoadOptions::default())
        .load()
        .unwrap_err();
    let countries = error.choices.unwrap();
    assert_eq!(countries.format, Format::Wdi);
    assert_eq!(countries.what, "country");
    let offered: Vec<String> = countries
        .options
        .iter()
        .map(|choice| choice.selection.to_string())
        .collect();
    assert_eq!(offered, ["country=CHN", "country=USA", "country=KOR"]);
    let error = LoadRequest::path(&field("wdi_exports.csv"))
        .options(with(&offered[0]))
        .load()
        .unwrap_err();
    let indicators = error.choices.unwrap();
    assert_eq!(indicators.what, "indicator");
    assert_eq!(
        indicators.options[1].selection.to_string(),
        "country=CHN,indicator=NE.EXP.GNFS.ZS"
    );
    assert_eq!(
        indicators.options[1].label,
        "Exports of goods and services (% of GDP) (NE.EXP.GNFS.ZS)"
    );
    let loaded = load("wdi_exports.csv", "country=CHN,indicator=NE.EXP.GNFS.ZS");
    let share = series(&loaded, "China — Exports of goods and services");
    assert_eq!(share.unit.as_str(), "% of GDP");
    // Empty years before the first value are left out; the trailing comma is no column.
    assert_eq!(share.points.first().unwrap().period, Period::Year(2015));
    assert_eq!(value_at(share, Period::Year(2023)), Some(19.7));
    assert_eq!(
        loaded.dataset.sources,
        ["World Bank, World Development Indicators (last updated 2025-07-01)"]
    );
}

#[test]
fn wdi_units_names_with_commas_and_several_countries() {
    let dollars = load("wdi_exports.csv", "country=USA,indicator=NE.EXP.GNFS.CD");
    assert_eq!(dollars.dataset.series[0].unit.as_str(), "USD");
    // A bare value with a comma in it is one name: Korea has one indicator only.
    let korea = load("wdi_exports.csv", "Korea, Rep.");
    assert_eq!(
        korea.dataset.series[0].name,
        "Korea, Rep. — Exports of goods and services"
    );
    let both = load(
        "wdi_exports.csv",
        "country=CHN|USA,indicator=NE.EXP.GNFS.ZS",
    );
    assert_eq!(both.dataset.series.len(), 2);
}

#[test]
fn a_one_series_wdi_file_with_a_bom_loads_without_a_choice() {
    let loaded = load("wdi_china_exports_share.csv", "");
    assert_eq!(loaded.format, Format::Wdi);
    assert_eq!(loaded.dataset.series.len(), 1);
    assert_eq!(loaded.dataset.series[0].value_count(), 9);
}

#[test]
fn a_bad_wdi_value_is_located_on_its_line_and_column() {
    let error = LoadRequest::path(&field("bad/wdi_bad_value.csv"))
        .load()
        .unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].line, Some(7));
    assert_eq!(error.problems[0].column, Some(61));
}

// ----- FRED and Comtrade -----

#[test]
fn fred_dots_are_gaps_not_zeros() {
    let loaded = load("fred_expch_impch.csv", "");
    assert_eq!(loaded.format, Format::Fred);
    let imports = series(&loaded, "IMPCH");
    assert_eq!(imports.points.len(), 12);
    assert_eq!(imports.value_count(), 10);
    assert!(imports.points[10].value().is_none());
}

#[test]
fn comtrade_in_latin1_keeps_accented_names() {
    let loaded = load("comtrade_latin1.csv", "");
    assert_eq!(loaded.format, Format::Comtrade);
    assert_eq!(
        loaded.dataset.title,
        "USA trade with Côte d'Ivoire: All Commodities"
    );
    assert!(
        loaded
            .notes
            .iter()
            .any(|note| note.contains("Windows-1252"))
    );
    let balance = series(&loaded, "Balance (exports − imports)");
    assert_eq!(
        value_at(balance, Period::Year(2023)),
        Some(455_120_998.0 - 1_387_264_519.0)
    );
    let chosen = load("comtrade_latin1.csv", "partner=côte d'ivoire");
    assert_eq!(chosen.dataset.series, loaded.dataset.series);
}

#[test]
fn a_selection_on_a_file_without_choices_is_refused_not_ignored() {
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/csv/field_tariffs.csv");
    let error = LoadRequest::path(&plain)
        .options(with("partner=China"))
        .load()
        .unwrap_err();
    assert!(
        error.problems[0]
            .message
            .contains("leave out the selection")
    );
}

// ----- The command line -----

fn tradechart(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tradechart"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn check_json_names_each_layout() {
    let expected = [
        ("census_c5700_china.csv", "census-c5700"),
        ("census_c5700_china.txt", "census-c5700"),
        ("census_country_china.xlsx", "census-country"),
        ("census_country.csv", "census-country"),
        ("wdi_exports.csv", "wdi"),
        ("fred_expch_impch.csv", "fred"),
        ("comtrade_latin1.csv", "comtrade"),
    ];
    let paths: Vec<String> = expected
        .iter()
        .map(|(name, _)| field(name).display().to_string())
        .collect();
    let mut args = vec!["check", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let (status, out, _) = tradechart(&args);
    assert_eq!(status, Some(0), "{out}");
    let formats: Vec<String> = out
        .lines()
        .map(|line| {
            let report: serde_json::Value = serde_json::from_str(line).unwrap();
            report["format"].as_str().unwrap().to_string()
        })
        .collect();
    let wanted: Vec<&str> = expected.iter().map(|(_, format)| *format).collect();
    assert_eq!(formats, wanted);
}

#[test]
fn check_lists_the_choices_and_select_reads_one() {
    let file = field("census_country.xlsx").display().to_string();
    let (status, out, _) = tradechart(&["check", "--json", &file]);
    assert_eq!(status, Some(0));
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["series"].as_array().unwrap().len(), 0);
    assert!(
        report["notes"][0]
            .as_str()
            .unwrap()
            .contains("choose one with --select: partner=China")
    );
    // In text, no empty title: the note says what to choose.
    let (status, out, _) = tradechart(&["check", &file]);
    assert_eq!(status, Some(0));
    let first = out.lines().next().unwrap();
    assert_eq!(first, format!("{file}: ok, census-country"));
    assert!(out.contains("choose one with --select"), "{out}");
    let (status, out, _) = tradechart(&["check", "--json", "--select", "partner=Mexico", &file]);
    assert_eq!(status, Some(0));
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report["series"][0]["name"], "Exports to Mexico");
    let (status, out, _) = tradechart(&["check", "--select", "partner=Nowhere", &file]);
    assert_eq!(status, Some(1));
    assert!(out.contains("found \"Nowhere\""), "{out}");
}

#[test]
fn render_refuses_a_file_that_needs_a_choice_and_draws_the_chosen_one() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("china.svg");
    let out_text = out.display().to_string();
    let file = field("census_country.csv").display().to_string();
    let (status, _, err) = tradechart(&["render", &file, "-o", &out_text]);
    assert_eq!(status, Some(1));
    assert!(
        err.contains("holds 3 partners; choose one with --select"),
        "{err}"
    );
    assert!(!out.exists());
    let (status, _, err) = tradechart(&[
        "render",
        &file,
        "-o",
        &out_text,
        "--select",
        "partner=China,frequency=yearly",
    ]);
    assert_eq!(status, Some(0), "{err}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Balance with China"));
}

#[test]
fn data_selection_is_exported() {
    // The types the window and the command line share.
    let selection: Selection = "partner=China".parse().unwrap();
    let _: data::LoadOptions = LoadOptions::selecting(selection);
}
