//! Files as people have them (issue 13): each fixture under `tests/data/shapes/`
//! mimics a real download, named in the comment above its test, and each test checks
//! what the app decided and that it said so in the notes.
// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use tradechart::data::{self, Frequency, LoadOptions, Loaded, Period, Selection};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/shapes")
        .join(name)
}

fn load(name: &str) -> Loaded {
    data::LoadRequest::path(&fixture(name))
        .load()
        .unwrap_or_else(|error| panic!("{name}: {:?}", error.lines()))
}

fn load_with(name: &str, options: &LoadOptions) -> Loaded {
    data::LoadRequest::path(&fixture(name))
        .options(options.clone())
        .load()
        .unwrap_or_else(|error| panic!("{name}: {:?}", error.lines()))
}

fn selecting(text: &str) -> LoadOptions {
    LoadOptions::selecting(Selection::parse(text).unwrap())
}

fn names(loaded: &Loaded) -> Vec<&str> {
    loaded
        .dataset
        .series
        .iter()
        .map(|series| series.name.as_str())
        .collect()
}

fn periods(loaded: &Loaded, series: usize) -> Vec<Period> {
    loaded.dataset.series[series]
        .points
        .iter()
        .map(|point| point.period)
        .collect()
}

fn has_note(loaded: &Loaded, words: &str) -> bool {
    loaded.notes.iter().any(|note| note.contains(words))
}

fn assert_note(loaded: &Loaded, words: &str) {
    assert!(
        has_note(loaded, words),
        "no note with {words:?} in {:?}",
        loaded.notes
    );
}

// --- Periods inferred from the dates ---------------------------------------------

#[test]
fn first_of_month_dates_are_months() {
    // FRED monthly download: observation_date,BOPGSTB with 1992-01-01, 1992-02-01 …
    let loaded = load("fred_monthly.csv");
    assert_eq!(periods(&loaded, 0)[0], Period::Month(1992, 1));
    assert_eq!(periods(&loaded, 0)[12], Period::Month(1993, 1));
    assert_note(&loaded, "Read as months: every date is the 1st of a month");
}

#[test]
fn first_of_quarter_dates_are_quarters() {
    // FRED quarterly download (NETEXP): 2018-01-01, 2018-04-01, …
    let loaded = load("fred_quarterly.csv");
    assert_eq!(periods(&loaded, 0)[1], Period::Quarter(2018, 2));
    assert_note(&loaded, "Read as quarters");
}

#[test]
fn first_of_january_dates_a_year_apart_are_years() {
    // FRED annual download: 2015-01-01, 2016-01-01, …
    let loaded = load("fred_annual.csv");
    assert_eq!(periods(&loaded, 0)[0], Period::Year(2015));
    assert_note(&loaded, "Read as years: every date is 1 January");
}

#[test]
fn us_dates_re_saved_by_excel_on_the_first_are_months() {
    // A FRED download opened and saved again in Excel: DATE,IMPCH with 1/1/2019, 2/1/2019 …
    let loaded = load("excel_us_dates.csv");
    assert_eq!(periods(&loaded, 0)[1], Period::Month(2019, 2));
    assert_note(&loaded, "month/day/year");
}

#[test]
fn a_day_above_12_settles_the_order_of_us_dates() {
    // A tariff tracker kept in Excel with US dates: 1/13/2020.
    let loaded = load("us_dates_day_above_12.csv");
    assert_eq!(
        periods(&loaded, 0)[0],
        Period::Day(chrono::NaiveDate::from_ymd_opt(2020, 1, 13).unwrap())
    );
    assert_note(&loaded, "has a day above 12");
}

#[test]
fn dates_whose_order_nothing_settles_are_refused_at_their_cells() {
    // The same tracker with only early days of the month: 1/2/2020 may be 1 February.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/csv/bad/ambiguous_us_dates.csv");
    let error = data::LoadRequest::path(&path).load().unwrap_err();
    assert_eq!(error.problems.len(), 3);
    assert_eq!(error.problems[0].line, Some(2));
    assert_eq!(error.problems[0].column, Some(1));
    assert!(error.problems[0].message.contains("1/2/2020"));
}

#[test]
fn yyyymmdd_dates_are_read_and_their_months_inferred() {
    // UN Comtrade's RefPeriodId: 20100101, 20100201, …
    let loaded = load("yyyymmdd.csv");
    assert_eq!(periods(&loaded, 0)[2], Period::Month(2010, 3));
    assert_note(&loaded, "20100101");
}

#[test]
fn quarters_written_with_a_colon_and_months_by_name_are_read() {
    // OECD and IMF exports: 2005:Q1; a newsroom sheet: Jan-2020.
    assert_eq!(
        periods(&load("colon_quarters.csv"), 0)[0],
        Period::Quarter(2005, 1)
    );
    assert_eq!(
        periods(&load("month_names.csv"), 0)[1],
        Period::Month(2020, 2)
    );
}

#[test]
fn year_dot_month_dates_are_months() {
    // KOSIS (Statistics Korea) download: "Date" written "2001.01", quoted as text.
    let loaded = load("kosis_dotted_months.csv");
    assert_eq!(periods(&loaded, 0)[2], Period::Month(2001, 12));
    assert_note(&loaded, "Dates written 2001.01 read as year and month");
}

#[test]
fn the_frequency_can_be_overruled() {
    // The user knows the FRED file is monthly data they want by year… or the other way.
    let options = LoadOptions {
        frequency: Some(Frequency::Daily),
        ..LoadOptions::default()
    };
    let loaded = load_with("fred_monthly.csv", &options);
    assert!(matches!(periods(&loaded, 0)[0], Period::Day(_)));
    assert!(!has_note(&loaded, "Read as months: every date"));
}

// --- Title, note and footnote lines ------------------------------------------------

#[test]
fn title_lines_above_the_header_and_footnotes_below_are_kept_as_text() {
    // Census "Trade in Goods with China" saved from the web: a title, the unit, then
    // the table, then NOTE and Source lines.
    let loaded = load("title_lines.csv");
    assert_eq!(names(&loaded), ["Exports", "Imports", "Balance"]);
    assert_eq!(loaded.dataset.title, "U.S. Trade in Goods with China");
    assert_eq!(loaded.dataset.series[0].unit.as_str(), "USD mn");
    assert_eq!(
        loaded.dataset.sources,
        ["U.S. Census Bureau, Foreign Trade Division"]
    );
    assert_note(
        &loaded,
        "Header on line 4; lines 1–2 are the title and notes",
    );
    assert_note(&loaded, "Lines 9–10 below the table read as footnotes");
}

#[test]
fn a_title_line_split_at_its_commas_is_not_taken_for_the_header() {
    // A FRED series saved with its title lines: "U.S. imports …, monthly" has a comma.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reading/title_with_comma.csv");
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    assert_eq!(names(&loaded), ["IMPCH"]);
    assert_eq!(
        loaded.dataset.title,
        "U.S. imports of goods from China, monthly"
    );
    assert_note(&loaded, "Header on line 3");
}

#[test]
fn the_header_row_can_be_overruled() {
    // The user says the header is on line 4 (as found); line 5 would make 2017 the names.
    let options = LoadOptions {
        header_line: Some(4),
        ..LoadOptions::default()
    };
    let loaded = load_with("title_lines.csv", &options);
    assert_note(&loaded, "Header on line 4, as asked");
    let options = LoadOptions {
        header_line: Some(3),
        ..LoadOptions::default()
    };
    assert!(
        data::LoadRequest::path(&fixture("title_lines.csv"))
            .options(options.clone())
            .load()
            .is_err()
    );
}

#[test]
fn a_two_row_header_gives_combined_names() {
    // BEA's U.S. International Transactions: Balance | Exports | Imports over Total | Goods.
    let loaded = load("two_row_header.csv");
    assert_eq!(
        names(&loaded),
        [
            "Balance, total",
            "Balance, goods",
            "Exports, total",
            "Exports, goods",
            "Imports, total",
            "Imports, goods"
        ]
    );
    assert_note(&loaded, "Two header rows");
}

// --- Columns that are not series ---------------------------------------------------

#[test]
fn text_columns_are_skipped_with_a_note() {
    // An analyst's sheet with a Party column and a revision mark beside the numbers.
    let loaded = load("text_columns.csv");
    assert_eq!(names(&loaded), ["Deficit"]);
    assert_note(&loaded, "\"Party\"");
    assert_note(&loaded, "\"revision\"");
}

#[test]
fn a_pandas_index_column_is_skipped() {
    // df.to_csv() without index=False: ,date,value with 0, 1, 2 …
    let loaded = load("pandas_index.csv");
    assert_eq!(names(&loaded), ["value"]);
    assert_note(&loaded, "Skipped index column");
}

#[test]
fn an_empty_unnamed_trailing_column_is_skipped() {
    // pandas' Unnamed: N column from a trailing separator.
    let loaded = load("unnamed_trailing.csv");
    assert_eq!(names(&loaded), ["Exports"]);
    assert_note(&loaded, "Unnamed: 2");
}

#[test]
fn a_bad_number_in_a_numeric_column_is_still_a_problem_at_its_cell() {
    let bytes = b"Year,Exports,Imports\n2018,120,538\n2019,n/a ,452\n2020,100,400\n";
    let problems = data::LoadRequest::bytes(bytes, Path::new("t.csv"))
        .load()
        .unwrap_err()
        .problems;
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].column), (Some(3), Some(2)));
}

#[test]
fn placeholder_rows_are_skipped_and_counted() {
    // Census country.xlsx copies with blank, all-zero rows between the years.
    let loaded = load("placeholder_rows.csv");
    assert_eq!(loaded.dataset.series[0].points.len(), 2);
    assert_note(&loaded, "Skipped 2 placeholder rows");
}

// --- Layouts -----------------------------------------------------------------------

#[test]
fn years_across_the_columns_are_transposed() {
    // BEA interactive table download: title lines, Line,,2021,…, indented row labels.
    let loaded = load("bea_lines.csv");
    assert_eq!(
        names(&loaded),
        [
            "Exports of goods and services",
            "Exports of goods and services: Goods",
            "Exports of goods and services: Services",
            "Imports of goods and services",
            "Imports of goods and services: Goods",
            "Imports of goods and services: Services"
        ]
    );
    assert_eq!(loaded.dataset.series[0].unit.as_str(), "USD bn");
    assert_eq!(periods(&loaded, 0), [2021, 2022, 2023].map(Period::Year));
    assert_note(&loaded, "Transposed");
}

#[test]
fn countries_down_the_rows_with_years_across_are_a_choice() {
    // USITC DataWeb export: title lines, Country,2017 ($US),2018 ($US),…
    let error = data::LoadRequest::path(&fixture("usitc_years_across.csv"))
        .load()
        .unwrap_err();
    let choices = error.choices.expect("a choice of countries");
    assert_eq!(choices.what, "country");
    assert_eq!(choices.options.len(), 2);
    let loaded = load_with("usitc_years_across.csv", &selecting("country=China"));
    assert_eq!(names(&loaded), ["China"]);
    assert_eq!(loaded.dataset.series[0].unit.as_str(), "USD");
    assert_eq!(
        loaded.dataset.series[0].points[1].value(),
        Some(538_514_000.0)
    );
}

#[test]
fn a_year_by_month_grid_is_one_monthly_series() {
    // Census "Trade in Goods with China" monthly grid saved as a sheet: Year, Jan … Dec,
    // HALF1, HALF2. Read before issue 13 as 14 yearly series named Jan … HALF2.
    let loaded = load("year_month_grid.csv");
    assert_eq!(loaded.dataset.series.len(), 1);
    let found = periods(&loaded, 0);
    assert_eq!(found.len(), 24);
    assert_eq!(found[0], Period::Month(2018, 1));
    assert_eq!(found[23], Period::Month(2019, 12));
    assert_eq!(loaded.dataset.series[0].points[13].value(), Some(22.0));
    assert_note(
        &loaded,
        "Read as monthly series: years down column \"Year\", months across",
    );
    assert_note(
        &loaded,
        "HALF1, HALF2 left out: they are the sums of the months",
    );
}

#[test]
fn month_rows_under_a_year_row_are_months_of_that_year() {
    // Census exhibit history (exh1 history): title lines, the unit in a sentence, a
    // two-row header whose upper names sit centred over their groups, then 2019, its
    // "Jan. - Dec." total, January … and 2020 …, and a footnote.
    let loaded = load("year_then_months.csv");
    assert_eq!(
        periods(&loaded, 0),
        [
            Period::Month(2019, 1),
            Period::Month(2019, 2),
            Period::Month(2019, 3),
            Period::Month(2020, 1),
            Period::Month(2020, 2),
            Period::Month(2020, 3)
        ]
    );
    assert_eq!(names(&loaded)[0], "Balance, total");
    assert_eq!(names(&loaded)[4], "Exports, goods");
    assert_eq!(loaded.dataset.series[4].unit.as_str(), "USD mn");
    assert_note(&loaded, "months of the year above them");
    assert_note(&loaded, "Skipped 2 rows of a year's total among its months");
}

#[test]
fn a_table_copied_in_yearly_blocks_is_one_table() {
    // A web table copied year by year, each block under its own header, blank lines between.
    let loaded = load("yearly_blocks.csv");
    assert_eq!(names(&loaded), ["Exports", "Imports"]);
    assert_eq!(periods(&loaded, 0).len(), 4);
    assert_note(&loaded, "2 blocks");
}

// --- Many entities -------------------------------------------------------------------

#[test]
fn a_file_of_many_countries_asks_which_and_lists_aggregates_apart() {
    // OWID grapher download: Entity,Code,Year,<measure> for 31 countries, World and an
    // income group.
    let error = data::LoadRequest::path(&fixture("owid_many_countries.csv"))
        .load()
        .unwrap_err();
    let choices = error.choices.expect("a choice of entities");
    assert_eq!(choices.options.len(), 33);
    let aggregates: Vec<&str> = choices
        .options
        .iter()
        .filter(|choice| choice.aggregate)
        .map(|choice| choice.label.as_str())
        .collect();
    assert_eq!(aggregates, ["World (OWID_WRL)", "High-income countries"]);
    // Countries first, aggregates after them.
    assert!(!choices.options[0].aggregate);
    assert!(choices.options[32].aggregate);
}

#[test]
fn one_or_several_entities_are_picked_by_name_or_code() {
    let loaded = load_with("owid_many_countries.csv", &selecting("entity=China"));
    assert_eq!(names(&loaded), ["China"]);
    // Series named by entity: the one measure is the title.
    assert_eq!(loaded.dataset.title, "Trade as a share of GDP (%)");
    assert_eq!(loaded.dataset.series[0].unit.as_str(), "%");
    let loaded = load_with(
        "owid_many_countries.csv",
        &selecting("entity=China|OWID_WRL"),
    );
    assert_eq!(names(&loaded), ["China", "World"]);
    assert_note(&loaded, "Showing China, World of the 33 entities");
    let wrong = data::LoadRequest::path(&fixture("owid_many_countries.csv"))
        .options(selecting("entity=Atlantis"))
        .load();
    assert!(wrong.unwrap_err().problems[0].message.contains("Atlantis"));
}

#[test]
fn many_measures_of_the_entity_chosen_are_a_choice_too() {
    // The Economist's Big Mac index: name, iso_a3, date and 14 measures a country.
    let error = data::LoadRequest::path(&fixture("big_mac_many_measures.csv"))
        .options(selecting("name=China"))
        .load()
        .unwrap_err();
    let measures = error.choices.expect("a choice of measures");
    assert_eq!(measures.options.len(), 14);
    assert_eq!(
        measures.options[0].selection.to_string(),
        "name=China,measure=m1"
    );
    let loaded = load_with(
        "big_mac_many_measures.csv",
        &selecting("name=China,measure=m2|m3"),
    );
    assert_eq!(names(&loaded), ["m2", "m3"]);
    assert_eq!(loaded.dataset.title, "China");
}

#[test]
fn a_wide_file_of_many_series_asks_which() {
    // Census exports by partner, one column a partner.
    let error = data::LoadRequest::path(&fixture("many_columns.csv"))
        .load()
        .unwrap_err();
    assert_eq!(error.choices.expect("a choice").options.len(), 20);
    let loaded = load_with("many_columns.csv", &selecting("series=Partner 3|Partner 7"));
    assert_eq!(names(&loaded), ["Partner 3", "Partner 7"]);
}

#[test]
fn a_table_of_places_and_statistics_asks_for_each_in_turn() {
    // BEA regional download (SQGDP2): GeoFIPS, GeoName, …, Unit, Description, then
    // quarters across; states × ten industries (more than a chart draws unasked).
    let error = data::LoadRequest::path(&fixture("bea_regional_states.csv"))
        .load()
        .unwrap_err();
    let places = error.choices.expect("a choice of places");
    assert_eq!(places.what, "place");
    assert_eq!(places.options[1].label, "Alabama (01000)");
    let error = data::LoadRequest::path(&fixture("bea_regional_states.csv"))
        .options(selecting("geoname=Alabama"))
        .load()
        .unwrap_err();
    let statistics = error.choices.expect("then a choice of statistics");
    assert_eq!(statistics.options.len(), 10);
    // Each choice keeps the place chosen.
    assert_eq!(
        statistics.options[1].selection.to_string(),
        "geoname=Alabama,description=Construction"
    );
    let loaded = load_with(
        "bea_regional_states.csv",
        &selecting("geoname=Alabama,description=Construction|Manufacturing"),
    );
    assert_eq!(names(&loaded), ["Construction", "Manufacturing"]);
    assert_eq!(loaded.dataset.title, "Alabama");
    assert_eq!(loaded.dataset.series[0].unit.as_str(), "USD mn");
    assert_eq!(periods(&loaded, 0)[0], Period::Quarter(2005, 1));
    assert_note(&loaded, "Unit USD mn from column \"Unit\"");
}

#[test]
fn several_sheets_of_tables_are_a_choice_and_a_readme_sheet_is_set_aside() {
    // FRED's fredgraph.xlsx: a README sheet, then one sheet for each frequency.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workbook/fredgraph_sheets.xlsx");
    let error = data::LoadRequest::path(&path).load().unwrap_err();
    let sheets = error.choices.expect("a choice of sheets");
    let labels: Vec<&str> = sheets
        .options
        .iter()
        .map(|choice| choice.label.as_str())
        .collect();
    assert_eq!(labels, ["Monthly", "Annual"]);
    let loaded = data::LoadRequest::path(&path)
        .options(selecting("sheet=Annual"))
        .load()
        .unwrap();
    assert_eq!(periods(&loaded, 0)[0], Period::Year(2021));
    assert_note(&loaded, "Read sheet \"Annual\", as chosen");
}

#[test]
fn an_events_sheet_of_any_name_adds_its_events() {
    // An analyst's workbook: the numbers on "Trade", the story on "Timeline" with
    // Event Date, Description and a yes/no IsMajorEvent column.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workbook/timeline_sheet.xlsx");
    let loaded = data::LoadRequest::path(&path).load().unwrap();
    assert_eq!(names(&loaded), ["Exports", "Imports"]);
    let titles: Vec<&str> = loaded
        .dataset
        .events
        .iter()
        .map(|event| event.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Section 301 tariffs on $34bn",
            "Tariffs raised to 25%",
            "Phase One agreement signed"
        ]
    );
    assert!(loaded.dataset.events[0].highlight);
    assert!(!loaded.dataset.events[1].highlight);
    assert_note(&loaded, "3 events read from sheet \"Timeline\"");
}

// --- Rates written as fractions ------------------------------------------------------

#[test]
fn rates_written_as_fractions_are_shown_in_percent() {
    // Yale Budget Lab's effective tariff rate: 0.17 for 17%.
    let loaded = load("fraction_rates.csv");
    assert_eq!(loaded.dataset.series[0].unit.as_str(), "%");
    assert_eq!(loaded.dataset.series[0].points[1].value(), Some(17.0));
    assert_note(&loaded, "Rates between 0 and 1 shown in percent");
}

// --- Problems ----------------------------------------------------------------------------

#[test]
fn more_than_fifty_problems_end_with_how_many_more() {
    // A wide file with 70 bad cells, and a long file with 70 repeated (series, period)
    // pairs (the WDI databank and Comtrade downloads that stopped at 50 without a word).
    let mut wide = String::from("Year,Exports\n");
    for year in 1850..1990 {
        let value = if year % 2 == 0 { "1" } else { "n/a?" };
        wide.push_str(&format!("{year},{value}\n"));
    }
    let problems = data::LoadRequest::bytes(wide.as_bytes(), Path::new("wide.csv"))
        .load()
        .unwrap_err()
        .problems;
    assert_eq!(problems.len(), 51);
    assert_eq!(problems[50].message, "… and 20 more problems not listed");
    let mut long = String::from("series,year,value\n");
    for _ in 0..71 {
        long.push_str("Exports,2018,1\n");
    }
    let problems = data::LoadRequest::bytes(long.as_bytes(), Path::new("long.csv"))
        .load()
        .unwrap_err()
        .problems;
    assert_eq!(problems.len(), 51);
    assert_eq!(problems[50].message, "… and 20 more problems not listed");
}

// --- Never a panic ---------------------------------------------------------------------

#[test]
fn cut_and_garbled_copies_of_every_shape_never_panic() {
    // The shapes' rules look at cells, rows and lines in many ways: each fixture cut
    // short and garbled in a few thousand ways must still give a dataset, a choice or
    // problems. A fixed-seed generator, so a failure repeats.
    let mut seed: u64 = 0x5eed_2026;
    let mut next = move |bound: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % bound.max(1)
    };
    let inserts: [&[u8]; 12] = [
        b",",
        b";",
        b"\t",
        b"\"",
        b"\n",
        b"\r\n",
        b"2019",
        b"January",
        b" ",
        b"(1)",
        "é".as_bytes(),
        b"..",
    ];
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shapes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let original = std::fs::read(&path).unwrap();
        for _ in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..1 + next(4) {
                let at = next(bytes.len() + 1);
                match next(3) {
                    0 if !bytes.is_empty() => {
                        let end = (at + 1 + next(8)).min(bytes.len());
                        bytes.drain(at.min(end)..end);
                    }
                    1 => bytes.truncate(at),
                    _ => {
                        let insert = inserts[next(inserts.len())];
                        bytes.splice(at..at, insert.iter().copied());
                    }
                }
            }
            let _ = data::LoadRequest::bytes(&bytes, &path).load();
            let options = selecting("entity=China|World");
            let _ = data::LoadRequest::bytes(&bytes, &path)
                .options(options.clone())
                .load();
            let overruled = LoadOptions {
                frequency: Some(Frequency::ALL[next(4)]),
                header_line: Some(1 + next(8)),
                ..LoadOptions::default()
            };
            let _ = data::LoadRequest::bytes(&bytes, &path)
                .options(overruled.clone())
                .load();
        }
    }
}

/// An ECB Data Portal download: `DATE` (the quarter's last day) and `TIME PERIOD`
/// (`1985Q2`) before the values. Both are the periods: the second is left out, and
/// said to be, rather than refused as text in a column of numbers.
#[test]
fn a_second_column_of_the_same_periods_is_left_out_and_said() {
    let loaded = load("ecb_date_and_time_period.csv");
    assert_eq!(loaded.dataset.series.len(), 1);
    assert!(
        names(&loaded)[0].starts_with("Crude Oil BFO"),
        "{:?}",
        names(&loaded)
    );
    assert_eq!(
        periods(&loaded, 0),
        [
            Period::Quarter(1985, 2),
            Period::Quarter(1985, 3),
            Period::Quarter(1985, 4),
            Period::Quarter(1986, 1),
            Period::Quarter(1986, 2),
        ]
    );
    assert_note(
        &loaded,
        "Periods read from \"DATE\"; skipped the period column \"TIME PERIOD\", which gives the same periods",
    );
}

/// Two columns of periods that differ (a start and an end): the first is the period,
/// the other is left out without saying they agree.
#[test]
fn a_second_column_of_other_periods_is_left_out_and_said() {
    let loaded = load("start_and_end_dates.csv");
    assert_eq!(names(&loaded), ["Value"]);
    assert_eq!(periods(&loaded, 0)[0], Period::Quarter(2018, 1));
    assert_note(
        &loaded,
        "Periods read from \"start\"; skipped the period column \"end\"",
    );
    assert!(!has_note(&loaded, "same periods"), "{:?}", loaded.notes);
}
