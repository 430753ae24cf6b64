//! End-to-end tests of the CSV readers (wide, FRED, long, events) through the public
//! API `tradechart::data::load` (a `LoadRequest` of a path or bytes), on the fixtures in
//! `tests/data/csv/` and `tests/data/events/`.

// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use tradechart::data::{self, Dataset, Format, Loaded, Period, Problem, Series, Status};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

fn load(relative: &str) -> Loaded {
    match data::LoadRequest::path(&fixture(relative)).load() {
        Ok(loaded) => loaded,
        Err(error) => panic!("{relative} should load, got:\n{error}"),
    }
}

fn problems(relative: &str) -> Vec<Problem> {
    match data::LoadRequest::path(&fixture(relative)).load() {
        Ok(loaded) => panic!("{relative} should be refused, loaded {:?}", loaded.dataset),
        Err(error) => error.problems,
    }
}

/// The one problem of a file with one mistake, checked for place and wording.
fn assert_single_problem(relative: &str, line: usize, column: usize, fragment: &str) {
    let found = problems(relative);
    assert_eq!(found.len(), 1, "{relative}: {found:#?}");
    assert_eq!(
        (found[0].line, found[0].column),
        (Some(line), Some(column)),
        "{relative}: {found:#?}"
    );
    assert!(
        found[0].message.contains(fragment),
        "{relative}: {:?} should contain {fragment:?}",
        found[0].message
    );
}

fn series<'a>(dataset: &'a Dataset, name: &str) -> &'a Series {
    dataset
        .series
        .iter()
        .find(|series| series.name == name)
        .unwrap_or_else(|| panic!("no series {name:?} in {:?}", names(dataset)))
}

fn names(dataset: &Dataset) -> Vec<&str> {
    dataset.series.iter().map(|s| s.name.as_str()).collect()
}

fn values(series: &Series) -> Vec<Option<f64>> {
    series.points.iter().map(|point| point.value()).collect()
}

fn periods(series: &Series) -> Vec<String> {
    series.points.iter().map(|p| p.period.to_string()).collect()
}

// ---- wide ----

#[test]
fn wide_reads_header_units_quoted_thousands_gaps_and_metadata() {
    let loaded = load("csv/wide_units_metadata.csv");
    assert_eq!(loaded.format, Format::CsvWide);
    let dataset = &loaded.dataset;
    assert_eq!(dataset.title, "US goods trade with China");
    assert_eq!(dataset.sources.len(), 1);
    assert!(dataset.notes[0].contains("a gap, not a zero"));
    assert_eq!(names(dataset), ["Exports", "Imports", "US tariff on China"]);
    let exports = series(dataset, "Exports");
    assert_eq!(exports.unit.as_str(), "USD mn");
    assert_eq!(values(exports)[0], Some(129_893.5));
    let tariff = series(dataset, "US tariff on China");
    assert_eq!(tariff.unit.as_str(), "%");
    assert_eq!(values(tariff), [Some(3.1), Some(12.0), None, Some(19.3)]);
    assert_eq!(tariff.value_count(), 3);
}

#[test]
fn wide_takes_units_from_percent_and_dollar_marks_in_cells() {
    let dataset = load("csv/wide_cell_marks.csv").dataset;
    let tariff = series(&dataset, "US tariff on China");
    assert_eq!(tariff.unit.as_str(), "%");
    assert_eq!(values(tariff), [Some(12.0), Some(19.3), Some(19.3)]);
    let deficit = series(&dataset, "Deficit");
    assert_eq!(deficit.unit.as_str(), "USD");
    assert_eq!(values(deficit), [Some(418.2), Some(345.2), Some(310.3)]);
}

#[test]
fn wide_reads_a_bom_and_crlf_line_ends() {
    let dataset = load("csv/wide_bom_crlf.csv").dataset;
    assert_eq!(
        names(&dataset),
        ["Balance"],
        "the BOM is not part of the header"
    );
    assert_eq!(
        values(&dataset.series[0]),
        [Some(-375.6), Some(-418.2), Some(-342.6)]
    );
}

#[test]
fn wide_reads_semicolons_with_decimal_commas() {
    let dataset = load("csv/wide_semicolon_decimal_comma.csv").dataset;
    assert_eq!(dataset.title, "Handelsbilanz mit China");
    let exports = series(&dataset, "Exporte");
    assert_eq!(exports.unit.as_str(), "USD mn");
    assert_eq!(
        values(exports),
        [Some(129_893.5), Some(120_148.4), Some(106_448.0)]
    );
    assert_eq!(values(series(&dataset, "Zoll"))[0], Some(3.1));
}

#[test]
fn wide_reads_tab_separated_months_with_a_gap() {
    let dataset = load("csv/wide_tab.tsv").dataset;
    let imports = series(&dataset, "Imports");
    assert_eq!(periods(imports), ["2025-01", "2025-02", "2025-03"]);
    assert_eq!(values(imports), [Some(41_675.8), Some(31_000.5), None]);
    assert_eq!(imports.points[0].period, Period::Month(2025, 1));
}

#[test]
fn wide_decodes_windows_1252_and_says_so() {
    let loaded = load("csv/wide_windows_1252.csv");
    assert_eq!(loaded.dataset.title, "Exportations vers la Côte d’Ivoire");
    assert!(
        loaded
            .notes
            .iter()
            .any(|note| note.contains("Windows-1252")),
        "{:?}",
        loaded.notes
    );
    assert_eq!(
        values(&loaded.dataset.series[0]),
        [Some(1234.5), Some(1301.0)]
    );
}

#[test]
fn wide_event_column_becomes_events_and_not_a_series() {
    let loaded = load("csv/wide_event_column.csv");
    assert_eq!(loaded.format, Format::CsvWide);
    let dataset = &loaded.dataset;
    assert_eq!(names(dataset), ["US tariff on China"]);
    let titles: Vec<&str> = dataset.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Section 301 List 1 tariffs", "Section 301 List 3 tariffs"]
    );
    assert_eq!(dataset.events[0].date.to_string(), "2018-07-06");
}

#[test]
fn wide_reads_quarters_in_their_spellings() {
    let dataset = load("csv/wide_quarters.csv").dataset;
    assert_eq!(
        periods(&dataset.series[0]),
        ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]
    );
}

#[test]
fn wide_sorts_unsorted_and_mixed_periods_in_time() {
    let dataset = load("csv/wide_unsorted_mixed.csv").dataset;
    let index = &dataset.series[0];
    assert_eq!(periods(index), ["2018", "2018-07-06", "2018-Q4", "2019"]);
    assert_eq!(
        values(index),
        [Some(100.0), Some(101.5), Some(102.0), Some(104.0)]
    );
}

#[test]
fn wide_reads_the_shared_reference_tables_with_source_and_confidence_columns() {
    let yearly = load("csv/field_china_trade_yearly.csv").dataset;
    assert_eq!(names(&yearly), ["exports", "imports", "balance"]);
    let balance = series(&yearly, "balance");
    assert_eq!(
        balance.unit.as_str(),
        "USD mn",
        "the _musd suffix names the unit"
    );
    assert_eq!(balance.value_count(), 41);
    let (low, _) = balance.value_range().unwrap();
    assert_eq!(low, -418_232.9, "the 2018 peak deficit");
    assert!(balance.points[0].note().unwrap().contains("Census"));

    let tariffs = load("csv/field_tariffs.csv").dataset;
    let us = series(&tariffs, "us_avg_tariff_on_china");
    assert_eq!(us.unit.as_str(), "%");
    assert_eq!(us.points[0].period.to_string(), "2018-01-01");
    assert_eq!(us.points[0].status(), Status::FromMemory);
    assert!(
        us.points
            .iter()
            .any(|point| point.status() == Status::Reported)
    );
}

#[test]
fn a_sidecar_events_file_beside_a_wide_file_is_picked_up() {
    let loaded = load("csv/with_sidecar.csv");
    assert_eq!(loaded.dataset.events.len(), 1);
    assert_eq!(loaded.dataset.events[0].category, "tariff action");
}

// ---- FRED ----

#[test]
fn fred_observation_date_download_loads_with_dot_as_missing() {
    let loaded = load("csv/fred_observation_date.csv");
    assert_eq!(loaded.format, Format::Fred);
    let imports = series(&loaded.dataset, "IMPCH");
    assert_eq!(values(imports), [Some(38_211.4), None, Some(36_170.2)]);
    // FRED writes each month as its first day: read as months, and said.
    assert_eq!(periods(imports)[0], "2024-10");
    assert!(
        loaded
            .notes
            .iter()
            .any(|note| note.contains("Read as months")),
        "{:?}",
        loaded.notes
    );
}

#[test]
fn fred_date_value_download_loads_with_dot_as_missing() {
    let loaded = load("csv/fred_DATE_VALUE.csv");
    assert_eq!(loaded.format, Format::Fred);
    assert_eq!(
        values(&loaded.dataset.series[0]),
        [None, Some(12.0), Some(12.5)]
    );
}

// ---- long ----

#[test]
fn long_owid_pivots_the_chosen_entities_into_one_series_per_entity_and_measure() {
    // Two entities: a choice (never every entity drawn); both chosen here.
    let error = data::LoadRequest::path(&fixture("csv/long_owid.csv"))
        .load()
        .unwrap_err();
    assert_eq!(error.choices.map(|choices| choices.options.len()), Some(2));
    let options = data::LoadOptions::selecting("entity=China|Mexico".parse().unwrap());
    let loaded = data::LoadRequest::path(&fixture("csv/long_owid.csv"))
        .options(options.clone())
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::CsvLong);
    let dataset = &loaded.dataset;
    assert_eq!(
        names(dataset),
        [
            "China: Exports to the US",
            "China: Imports from the US",
            "Mexico: Exports to the US",
            "Mexico: Imports from the US"
        ]
    );
    let china = series(dataset, "China: Exports to the US");
    assert_eq!(china.unit.as_str(), "USD bn");
    assert_eq!(values(china), [Some(505.5), Some(538.4)]);
    assert_eq!(periods(china), ["2017", "2018"]);
}

#[test]
fn long_series_date_value_pivots_with_a_unit_column_and_keeps_gaps() {
    let loaded = load("csv/long_series_date_value.csv");
    assert_eq!(loaded.format, Format::CsvLong);
    let dataset = &loaded.dataset;
    assert_eq!(dataset.title, "Tariff rates, long form");
    assert_eq!(names(dataset), ["US on China", "China on US"]);
    let us = series(dataset, "US on China");
    assert_eq!(us.unit.as_str(), "%");
    assert_eq!(values(us), [Some(3.1), Some(6.2), None]);
    assert_eq!(series(dataset, "China on US").unit.as_str(), "%");
}

#[test]
fn long_from_bytes_is_told_apart_from_wide_with_a_text_column() {
    let long = data::LoadRequest::bytes(b"country,year,value\nChina,2018,1\n", Path::new("x.csv"))
        .load()
        .unwrap();
    assert_eq!(long.format, Format::CsvLong);
    let wide = data::LoadRequest::bytes(b"year,Exports,note\n2018,1,tariffs\n", Path::new("x.csv"))
        .load()
        .unwrap();
    assert_eq!(wide.format, Format::CsvWide);
    assert_eq!(wide.dataset.events.len(), 1);
}

// ---- events ----

#[test]
fn the_shared_events_file_loads_as_events() {
    let loaded = load("events/shared_events.csv");
    assert_eq!(loaded.format, Format::EventsCsv);
    let events = &loaded.dataset.events;
    assert_eq!(events.len(), 44);
    let truce = events
        .iter()
        .find(|event| event.title == "Buenos Aires G20 truce")
        .unwrap();
    assert_eq!(truce.date.to_string(), "2018-12-01");
    assert_eq!(truce.end.unwrap().to_string(), "2019-03-01");
    assert_eq!(truce.category, "agreement or truce");
    assert_eq!(truce.status, Status::FromMemory);
    assert!(truce.source.as_deref().unwrap().contains("piie.com"));
    let liberation = events
        .iter()
        .find(|event| event.title.contains("Liberation Day"))
        .unwrap();
    assert_eq!(liberation.title, "\"Liberation Day\" reciprocal tariffs");
    assert_eq!(liberation.status, Status::Reported);
    // Events come out in time order.
    assert!(
        events
            .windows(2)
            .all(|pair| pair[0].date.first_day() <= pair[1].date.first_day())
    );
}

#[test]
fn events_columns_may_come_in_any_order_and_any_case() {
    let events =
        data::load_events(data::LoadRequest::path(&fixture("events/any_order.csv"))).unwrap();
    assert_eq!(events.len(), 2);
    let truce = &events[0];
    assert_eq!(truce.date, Period::Month(2025, 8));
    assert_eq!(truce.status, Status::Estimated);
    assert_eq!(truce.source.as_deref(), Some("memory"));
    let summit = &events[1];
    assert_eq!(summit.title, "Beijing summit");
    assert_eq!(summit.status, Status::Planned);
    assert_eq!(summit.end.unwrap().to_string(), "2026-04-02");
    assert_eq!(summit.description, "Planned state visit");
}

#[test]
fn a_minimal_events_file_loads() {
    let events =
        data::load_events(data::LoadRequest::path(&fixture("events/minimal.csv"))).unwrap();
    assert_eq!(events[0].title, "Phase One agreement signed");
    assert!(events[0].end.is_none());
}

// ---- bad files: every problem at its line and column ----

#[test]
fn refuses_a_non_numeric_cell() {
    assert_single_problem(
        "csv/bad/non_numeric.csv",
        3,
        2,
        "expected a number, found \"n/a \"",
    );
}

#[test]
fn refuses_a_ragged_row() {
    assert_single_problem(
        "csv/bad/ragged_row.csv",
        3,
        3,
        "expected 3 cells as in the header, found 2",
    );
}

#[test]
fn refuses_a_duplicated_period_naming_its_first_line() {
    assert_single_problem(
        "csv/bad/duplicate_period.csv",
        5,
        1,
        "found 2018 again (first at line 3)",
    );
}

#[test]
fn refuses_an_ambiguous_date_saying_why() {
    assert_single_problem(
        "csv/bad/ambiguous_date.csv",
        3,
        1,
        "month/day or day/month?",
    );
}

#[test]
fn refuses_an_impossible_year_month_and_day() {
    assert_single_problem(
        "csv/bad/impossible_year.csv",
        3,
        1,
        "expected a year from 1000 to 2999, found \"20180\"",
    );
    assert_single_problem(
        "csv/bad/impossible_month.csv",
        3,
        1,
        "expected a month 01–12",
    );
    assert_single_problem(
        "csv/bad/impossible_day.csv",
        3,
        1,
        "expected a date in the calendar, found \"2018-02-30\"",
    );
}

#[test]
fn refuses_a_number_out_of_range() {
    assert_single_problem("csv/bad/out_of_range.csv", 3, 2, "found \"1e400\"");
}

#[test]
fn refuses_values_under_an_empty_header_cell() {
    assert_single_problem(
        "csv/bad/empty_header_cell.csv",
        1,
        3,
        "found an empty header cell",
    );
}

#[test]
fn refuses_a_duplicate_header_name() {
    assert_single_problem(
        "csv/bad/duplicate_header.csv",
        1,
        4,
        "again (first in column 2)",
    );
}

#[test]
fn refuses_a_file_with_no_numeric_column() {
    assert_single_problem(
        "csv/bad/no_numeric_column.csv",
        1,
        2,
        "expected at least one column of numbers after the period column, found none",
    );
}

#[test]
fn refuses_a_header_without_data_rows() {
    assert_single_problem(
        "csv/bad/header_only.csv",
        2,
        1,
        "expected data rows after the header, found none",
    );
}

#[test]
fn a_text_column_beside_the_numbers_is_skipped_with_a_note() {
    let loaded = load("csv/text_column.csv");
    assert_eq!(names(&loaded.dataset), ["Exports"]);
    assert_eq!(loaded.notes, ["Skipped text column: \"Comment\""]);
}

#[test]
fn refuses_percent_and_dollar_cells_in_one_series() {
    assert_single_problem("csv/bad/mixed_cell_units.csv", 3, 2, "expected one unit");
}

#[test]
fn reports_every_problem_of_a_file_together() {
    let found = problems("csv/bad/many_problems.csv");
    let places: Vec<(Option<usize>, Option<usize>)> =
        found.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(
        places,
        [
            (Some(2), Some(2)),
            (Some(3), Some(3)),
            (Some(4), Some(1)),
            (Some(5), Some(1)),
            (Some(6), Some(2)),
        ],
        "{found:#?}"
    );
}

#[test]
fn refuses_a_duplicate_series_and_period_in_a_long_file() {
    assert_single_problem(
        "csv/bad/long_duplicate_pair.csv",
        4,
        2,
        "found \"Exports\" at 2017 again (first at line 2)",
    );
}

#[test]
fn refuses_two_units_for_one_series_in_a_long_file() {
    assert_single_problem(
        "csv/bad/long_two_units.csv",
        3,
        4,
        "found \"USD bn\" after \"%\"",
    );
}

#[test]
fn refuses_a_non_numeric_value_in_a_long_file() {
    assert_single_problem(
        "csv/bad/long_bad_value.csv",
        3,
        4,
        "expected a number, found \"lots\"",
    );
}

#[test]
fn refuses_an_event_without_a_title() {
    assert_single_problem(
        "events/bad/missing_title.csv",
        3,
        2,
        "expected an event title, found an empty cell",
    );
}

#[test]
fn refuses_an_event_with_a_bad_date() {
    assert_single_problem("events/bad/bad_date.csv", 3, 1, "found \"23/08/2018\"");
}

#[test]
fn refuses_an_event_that_ends_before_it_starts() {
    assert_single_problem(
        "events/bad/end_before_start.csv",
        3,
        2,
        "expected an end date on or after the start 2025-08-11",
    );
}

#[test]
fn refuses_an_unknown_event_status() {
    assert_single_problem("events/bad/unknown_status.csv", 3, 3, "found \"probably\"");
}

#[test]
fn never_panics_on_odd_tables() {
    let odd: [&[u8]; 8] = [
        b"year\n2018\n",
        b"year,a\n,\n",
        b",\n1,2\n",
        b"date,title\n,\n",
        b"series,year,value\n,,\n",
        b"year,a,b,c\n2018\n2019,1,2,3,4,5\n",
        b"\"unterminated,quote\n2018,1\n",
        b"year;a\n2018;1,2,3\n",
    ];
    for bytes in odd {
        let _ = data::LoadRequest::bytes(bytes, Path::new("odd.csv")).load();
    }
}

#[test]
fn events_with_a_highlight_column_are_headlines() {
    let text =
        "date,title,highlight\n2018-07-06,Section 301 List 1,yes\n2019-05-10,List 3 raised,\n";
    let loaded =
        tradechart::data::LoadRequest::bytes(text.as_bytes(), std::path::Path::new("events.csv"))
            .load()
            .unwrap();
    let flags: Vec<bool> = loaded
        .dataset
        .events
        .iter()
        .map(|event| event.highlight)
        .collect();
    assert_eq!(flags, [true, false]);
}

// ---- large files: no row cap, only the memory ----

/// A plain long CSV (`date,series,value`) of two or four series a day for `days` days
/// from 1400-01-01, as `scripts/gen_big_csv.py` writes for the benchmark.
fn long_csv_of_days(days: u64, names: &[&str]) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(1400, 1, 1).unwrap();
    let mut text = String::from("date,series,value\n");
    for day in 0..days {
        let date = first + chrono::Days::new(day);
        for (index, name) in names.iter().enumerate() {
            let value = (day % 1000) as f64 / 4.0 - index as f64;
            text.push_str(&format!("{date},{name},{value}\n"));
        }
    }
    text
}

#[test]
fn a_long_csv_of_more_than_a_million_rows_opens() {
    // 250,001 days of four series: 1,000,004 rows, past the million once refused.
    let four = ["Balance", "Exports", "Imports", "US tariff"];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    std::fs::write(&path, long_csv_of_days(250_001, &four)).unwrap();
    let loaded = match data::LoadRequest::path(&path).load() {
        Ok(loaded) => loaded,
        Err(error) => panic!("a 1,000,004-row file should open, got:\n{error}"),
    };
    assert_eq!(loaded.reader, data::ReaderUsed::QuickCsv);
    assert_eq!(loaded.format, Format::CsvLong);
    assert_eq!(names(&loaded.dataset), four);
    for series in &loaded.dataset.series {
        assert_eq!(series.points.len(), 250_001, "{}", series.name);
    }
    let imports = series(&loaded.dataset, "Imports");
    // 1400-01-01 + 250,000 days; day 250,000 is 0 within its thousand: 0/4 - 2.
    let last = imports.points.last().unwrap();
    assert_eq!(last.period.to_string(), "2084-06-23");
    assert_eq!(last.value(), Some(-2.0));
}

#[test]
fn a_large_csv_opens_in_less_memory_than_the_general_reader_needs_and_not_in_less() {
    // 60,000 days of two series: 120,000 rows, 2.6 MB. Its points take 120,000 × 32
    // bytes (and half again while the two halves are joined): about 6 MB. Read as text
    // cell by cell it would take twice its bytes and 80 bytes a cell: about 34 MB.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.csv");
    let text = long_csv_of_days(60_000, &["Exports", "Imports"]);
    std::fs::write(&path, &text).unwrap();
    let within = |bytes: u64| data::LoadOptions {
        memory: data::limits::Memory::Given(bytes),
        ..data::LoadOptions::default()
    };
    let loaded = data::LoadRequest::path(&path)
        .options(within(12_000_000))
        .load()
        .unwrap();
    assert_eq!(loaded.reader, data::ReaderUsed::QuickCsv);
    assert_eq!(loaded.dataset.series[1].points.len(), 60_000);

    let read = std::cell::Cell::new(0);
    let report = |bytes: u64| read.set(read.get().max(bytes));
    let error = data::LoadRequest::path(&path)
        .options(within(4_000_000))
        .progress(&report)
        .load()
        .unwrap_err();
    let needed = data::limits::general_read_needs(text.len() as u64, &text.as_bytes()[..64 << 10]);
    assert!(needed > 30_000_000, "{needed}");
    assert_eq!(
        problem_messages(&error.problems),
        [format!(
            "the file is 2 MB and reading it needs about {} MB of memory, more than the 4 MB available: the file is not read",
            needed.div_ceil(1_000_000)
        )]
    );
    assert_eq!(read.get(), 0, "refused before reading");
}

fn problem_messages(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|problem| problem.message.clone())
        .collect()
}

#[test]
fn a_long_csv_of_many_series_asks_on_the_fast_path_and_reads_the_chosen_there() {
    // 4,000 days of fourteen series: 56,000 rows, 1.7 MB, over the fast path's 1 MiB.
    // More series than a chart draws without asking: the file is a choice.
    let mut names = vec!["Balance", "Exports", "Imports", "US tariff"];
    let rates: Vec<String> = (1..=10).map(|index| format!("Rate {index:02}")).collect();
    names.extend(rates.iter().map(String::as_str));
    let text = long_csv_of_days(4_000, &names);
    assert!(text.len() > 1 << 20);
    // The same file with one quoted name, which only the general reader reads.
    let quoted = text.replacen(",Balance,", ",\"Balance\",", 1);
    let (dir, quoted_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (path, general_path) = (
        dir.path().join("many.csv"),
        quoted_dir.path().join("many.csv"),
    );
    std::fs::write(&path, &text).unwrap();
    std::fs::write(&general_path, &quoted).unwrap();
    let load = |path: &std::path::Path, selection: &str| {
        data::LoadRequest::path(path)
            .options(data::LoadOptions::selecting(
                data::Selection::parse(selection).unwrap(),
            ))
            .load()
    };
    // No selection: the general reader's question, word for word.
    let asked = load(&path, "").unwrap_err();
    let general_asked = load(&general_path, "").unwrap_err();
    assert_eq!(asked.choices.as_ref().unwrap().options.len(), 14);
    assert_eq!(asked.choices, general_asked.choices);
    assert_eq!(
        problem_messages(&asked.problems),
        problem_messages(&general_asked.problems)
    );
    // One series, and two: read on the fast path, as the general reader reads them.
    for selection in ["series=Rate 07", "series=Exports|Rate 10"] {
        let fast = load(&path, selection).unwrap();
        let general = load(&general_path, selection).unwrap();
        assert_eq!(fast.reader, data::ReaderUsed::QuickCsv, "{selection}");
        assert_eq!(general.reader, data::ReaderUsed::General);
        // (Not assert_eq: the datasets are long to print.)
        assert!(fast.dataset == general.dataset, "{selection}");
        assert_eq!(fast.notes, general.notes);
        assert!(
            fast.dataset
                .series
                .iter()
                .all(|series| series.points.len() == 4_000)
        );
    }
    // A series the file does not hold: the general reader's words.
    let wrong = load(&path, "series=Rate 99").unwrap_err();
    assert_eq!(
        problem_messages(&wrong.problems),
        problem_messages(&load(&general_path, "series=Rate 99").unwrap_err().problems)
    );
}
