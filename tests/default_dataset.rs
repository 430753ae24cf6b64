//! The embedded default dataset (assets/us-china-trade.json): it loads, holds what the
//! reference tables in assets/data/ say, marks what is not verified, and is the very
//! file users find in assets/.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use tradechart::data::{self, Format, Period, Status, json};

fn asset() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/us-china-trade.json")
}

fn series<'a>(dataset: &'a data::Dataset, name: &str) -> &'a data::Series {
    dataset
        .series
        .iter()
        .find(|series| series.name == name)
        .unwrap_or_else(|| panic!("no series {name}"))
}

fn value_at(series: &data::Series, period: Period) -> Option<f64> {
    series
        .points
        .iter()
        .find(|point| point.period == period)
        .and_then(|point| point.value())
}

#[test]
fn it_loads_with_five_series_and_the_events() {
    let dataset = data::default_dataset().unwrap();
    assert_eq!(
        dataset.title,
        "US–China goods trade, tariffs and policy events"
    );
    let names: Vec<&str> = dataset.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "US exports to China",
            "US imports from China",
            "Trade balance",
            "US tariff on Chinese goods",
            "China's tariff on US goods",
        ]
    );
    assert_eq!(dataset.events.len(), 53);
    assert!(!dataset.sources.is_empty());
    assert!(
        dataset
            .notes
            .iter()
            .any(|note| note.contains("a deficit is negative"))
    );
}

#[test]
fn the_balance_runs_yearly_from_1985_to_2025_with_the_2018_peak_then_part_of_2026() {
    let dataset = data::default_dataset().unwrap();
    let balance = series(&dataset, "Trade balance");
    assert_eq!(balance.unit.as_str(), "USD bn");
    assert!(!balance.step);
    let years: Vec<Period> = balance.points.iter().map(|point| point.period).collect();
    let expected: Vec<Period> = (1985..=2026).map(Period::Year).collect();
    assert_eq!(years, expected);
    assert_eq!(balance.value_count(), 42);
    assert_eq!(value_at(balance, Period::Year(2018)), Some(-418.2329));
    let low = balance.value_range().unwrap().0;
    assert_eq!(low, -418.2329, "2018 is the deepest deficit");
    let latest = value_at(balance, Period::Year(2025)).unwrap();
    assert!((latest - -202.674).abs() < 1e-9, "{latest}");
    // January–April 2026, year to date: 36,773.8 − 80,661.7 = −43,887.9 million.
    let partial = balance.points.last().unwrap();
    assert_eq!(partial.value(), Some(-43.8879));
    assert_eq!(
        partial.coverage().map(|c| c.to_string()).as_deref(),
        Some("Jan–Apr")
    );
    assert!(
        balance
            .points
            .iter()
            .all(|point| point.status() == Status::Reported)
    );
    assert!(balance.source.as_deref().unwrap_or("").contains("Census"));
}

#[test]
fn exports_minus_imports_is_the_balance() {
    let dataset = data::default_dataset().unwrap();
    let exports = series(&dataset, "US exports to China");
    let imports = series(&dataset, "US imports from China");
    let balance = series(&dataset, "Trade balance");
    for year in 1985..=2026 {
        let period = Period::Year(year);
        let sum = value_at(exports, period).unwrap() - value_at(imports, period).unwrap();
        let published = value_at(balance, period).unwrap();
        // Census rounds each published figure separately (2021 differs by $0.4 mn).
        assert!(
            (sum - published).abs() < 0.001,
            "{year}: {sum} vs {published}"
        );
    }
}

#[test]
fn tariffs_are_dated_steps_with_estimates_and_gaps_marked() {
    let dataset = data::default_dataset().unwrap();
    let us = series(&dataset, "US tariff on Chinese goods");
    let china = series(&dataset, "China's tariff on US goods");
    assert_eq!(us.points.len(), 23, "one point per row of tariffs.csv");
    assert_eq!(china.points.len(), 19, "one point per row of tariffs.csv");
    for tariff in [us, china] {
        assert!(tariff.step);
        assert_eq!(tariff.unit.as_str(), "%");
        assert!(tariff.points.iter().all(|point| point.note().is_some()));
        assert!(
            tariff
                .points
                .iter()
                .all(|point| matches!(point.period, Period::Day(_)))
        );
    }
    let day = |text| Period::parse(text).unwrap();
    assert_eq!(value_at(us, day("2018-01-01")), Some(3.1));
    assert_eq!(value_at(us, day("2025-05-14")), Some(51.1));
    assert_eq!(value_at(us, day("2025-11-10")), Some(47.5));
    let estimate = us
        .points
        .iter()
        .find(|point| point.period == day("2026-02-24"))
        .unwrap();
    assert_eq!(estimate.value(), Some(37.5));
    assert_eq!(estimate.status(), Status::Estimated);
    assert!(estimate.note().unwrap().starts_with("Estimated"));
    assert!(
        us.points
            .iter()
            .any(|point| point.status() == Status::FromMemory)
    );
    // A no-figure row is a missing value, never a zero, and asserts no status; its
    // note is its own reason, not the other series' source.
    let gap = china
        .points
        .iter()
        .find(|point| point.period == day("2025-02-04"))
        .unwrap();
    assert_eq!(gap.value(), None);
    assert_eq!(gap.status(), Status::Reported);
    assert!(gap.note().unwrap().starts_with("No figure from this date"));
    assert!(china.points.iter().all(|point| point.value() != Some(0.0)));
    assert_eq!(china.value_count(), 17);
    // China's 147.6 of 3 May 2025 is carried forward from a figure recalled from memory.
    let carried = china
        .points
        .iter()
        .find(|point| point.period == day("2025-05-03"))
        .unwrap();
    assert_eq!(carried.value(), Some(147.6));
    assert_eq!(carried.status(), Status::FromMemory);
    // The US value of the same day is read in PIIE's chart, with its own note.
    let us_may = us
        .points
        .iter()
        .find(|point| point.period == day("2025-05-03"))
        .unwrap();
    assert_eq!(us_may.status(), Status::Reported);
    assert_ne!(us_may.note(), carried.note());
    // From 24 Jul 2026, when the Section 122 surcharge lapsed, no figure.
    let lapse = us.points.last().unwrap();
    assert_eq!(lapse.period, day("2026-07-24"));
    assert_eq!(lapse.value(), None);
    assert_eq!(lapse.status(), Status::Reported);
}

#[test]
fn every_event_has_a_source_the_summit_was_postponed_and_the_truce_end_is_unverified() {
    let dataset = data::default_dataset().unwrap();
    for event in &dataset.events {
        assert!(
            event
                .source
                .as_deref()
                .is_some_and(|source| !source.is_empty()),
            "{} has no source",
            event.title
        );
        assert!(!event.category.is_empty(), "{}", event.title);
    }
    let summit = dataset
        .events
        .iter()
        .find(|event| event.title.contains("Beijing summit"))
        .unwrap();
    assert_eq!(summit.status, Status::Postponed);
    assert_eq!(summit.end, Some(Period::parse("2026-04-02").unwrap()));
    let visit = dataset
        .events
        .iter()
        .find(|event| event.title.starts_with("Trump state visit to Beijing"))
        .unwrap();
    assert_eq!(visit.status, Status::Reported);
    assert_eq!(visit.date, Period::parse("2026-05-13").unwrap());
    assert_eq!(visit.end, Some(Period::parse("2026-05-15").unwrap()));
    let from_memory = dataset
        .events
        .iter()
        .filter(|event| event.status == Status::FromMemory)
        .count();
    assert_eq!(from_memory, 0, "as assets/data/events.csv marks them");
    let truce = dataset
        .events
        .iter()
        .find(|event| event.title == "Busan truce implemented and extended")
        .unwrap();
    assert_eq!(truce.end, Some(Period::parse("2026-11-10").unwrap()));
    assert_eq!(truce.status, Status::Unverified);
    assert!(
        truce
            .description
            .contains("Nov 10 2026 expiry is not covered")
    );
    let surcharge = dataset
        .events
        .iter()
        .find(|event| event.title == "Section 122 global surcharge (10%)")
        .unwrap();
    assert_eq!(surcharge.date, Period::parse("2026-02-24").unwrap());
    assert_eq!(surcharge.end, Some(Period::parse("2026-07-24").unwrap()));
    assert_eq!(
        surcharge.announced,
        Some(Period::parse("2026-02-20").unwrap())
    );
    // Nothing in our own file is a plan whose date has passed.
    let today = Period::parse("2026-12-03").unwrap().first_day();
    assert!(
        dataset
            .events
            .iter()
            .all(|event| !data::freshness::is_stale_plan(event, today))
    );
}

#[test]
fn it_says_how_current_it_is() {
    let dataset = data::default_dataset().unwrap();
    assert_eq!(
        dataset.as_of.as_deref(),
        Some("Census release of June 2026, data through April 2026; events through 24 July 2026")
    );
    let day = |text| Period::parse(text).unwrap().first_day();
    assert_eq!(
        data::freshness::newest_value_day(&dataset),
        Some(day("2026-04-30"))
    );
    assert_eq!(
        data::freshness::dated_data_note(&dataset, day("2026-06-30")),
        None
    );
    let note = data::freshness::dated_data_note(&dataset, day("2026-12-03")).unwrap();
    assert!(
        note.starts_with("Newest value: April 2026. As of: Census"),
        "{note}"
    );
}

#[test]
fn the_file_in_assets_is_the_embedded_text_and_loads_by_path() {
    let on_disk = std::fs::read_to_string(asset()).unwrap();
    assert_eq!(on_disk, data::DEFAULT_DATASET_JSON);
    let loaded = data::LoadRequest::path(&asset()).load().unwrap();
    assert_eq!(loaded.format, Format::Json);
    assert_eq!(loaded.dataset, data::default_dataset().unwrap());
}

#[test]
fn the_app_writes_it_back_byte_for_byte() {
    // The build script lays the file out as data::json::write does, so saving the
    // default dataset from the app changes nothing.
    let dataset = data::default_dataset().unwrap();
    assert_eq!(json::write(&dataset), data::DEFAULT_DATASET_JSON);
}

/// The headline events of the story are flagged in the data, and their labels win a
/// place on a laptop-sized chart of the trade-war years however crowded 2025 is.
#[test]
fn headline_events_are_flagged_and_always_labelled() {
    use tradechart::chart::{Chart, ChartOptions, View};
    use tradechart::export::{Page, layout::Layout};
    let dataset = tradechart::data::default_dataset().unwrap();
    let headlines: Vec<&str> = dataset
        .events
        .iter()
        .filter(|event| event.highlight)
        .map(|event| event.title.as_str())
        .collect();
    // Issue 16: the story's events, as the product design tells it.
    assert_eq!(
        headlines,
        [
            "Section 301 List 1 tariffs",
            "Phase One agreement signed",
            "US escalates to 125% reciprocal (145% total)",
            "Geneva talks and truce",
            "Busan truce implemented and extended",
            "Supreme Court strikes down IEEPA tariffs",
            "Section 122 global surcharge (10%)",
            "Section 301 excess-capacity investigation",
            "Paris trade talks",
            "Trump state visit to Beijing; summit with Xi",
        ]
    );

    // Issue 16: each headline has its whole title on the chart, at the sizes a
    // newsroom exports, from 2016 on (the 2025–2026 crowd included).
    let chart = Chart::build(&dataset, &ChartOptions::default());
    let mut view = View::default();
    view.set_range(Some((2016.0, 2027.0)));
    for (width, height) in [(800, 600), (1200, 800), (1920, 1080)] {
        let page = Page::for_dataset(&dataset, width, height);
        let layout = Layout::new(&chart, &view, &page);
        let labelled: Vec<&str> = layout
            .annotations
            .headlines
            .iter()
            .map(|label| label.text.as_str())
            .collect();
        for headline in &headlines {
            assert!(
                labelled.contains(headline),
                "{headline} not labelled whole at {width}×{height}: {labelled:?}"
            );
        }
        assert_eq!(layout.annotations.hidden(), 0);
    }
}

/// The rows of a table in assets/data/, as column → cell maps.
fn table(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/data")
        .join(name);
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .zip(record.iter())
                .map(|(header, cell)| (header.to_string(), cell.to_string()))
                .collect()
        })
        .collect()
}

fn billions(millions: &str) -> f64 {
    millions.parse::<f64>().unwrap() / 1000.0
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// What a confidence mark of the tables becomes in the app.
fn status_of(mark: &str) -> Status {
    match mark {
        "verified-from-source" | "no-figure" => Status::Reported,
        "from-memory" => Status::FromMemory,
        "estimated" => Status::Estimated,
        other => panic!("unknown mark {other}"),
    }
}

#[test]
fn every_embedded_value_equals_its_cell_in_assets_data() {
    let dataset = data::default_dataset().unwrap();
    let yearly = table("china_trade_yearly.csv");
    let months_2026: Vec<_> = table("china_trade_monthly_recent.csv")
        .into_iter()
        .filter(|row| row["month"].starts_with("2026-"))
        .collect();
    for (name, column) in [
        ("US exports to China", "exports_musd"),
        ("US imports from China", "imports_musd"),
        ("Trade balance", "balance_musd"),
    ] {
        let series = series(&dataset, name);
        assert_eq!(series.points.len(), yearly.len() + 1, "{name}");
        for (point, row) in series.points.iter().zip(&yearly) {
            assert_eq!(point.period, Period::parse(&row["year"]).unwrap());
            let value = point.value().unwrap();
            assert!(
                close(value, billions(&row[column])),
                "{name} {}",
                row["year"]
            );
            assert_eq!(point.status(), status_of(&row["confidence"]));
        }
        let sum =
            |column: &str| -> f64 { months_2026.iter().map(|row| billions(&row[column])).sum() };
        let expected = match column {
            "balance_musd" => sum("exports_musd") - sum("imports_musd"),
            other => sum(other),
        };
        let partial = series.points.last().unwrap();
        assert_eq!(partial.period, Period::Year(2026));
        assert!(close(partial.value().unwrap(), expected), "{name} 2026");
    }

    let tariffs = table("tariffs.csv");
    for (name, key) in [
        ("US tariff on Chinese goods", "us_on_china"),
        ("China's tariff on US goods", "china_on_us"),
    ] {
        let rows: Vec<_> = tariffs.iter().filter(|row| row["series"] == key).collect();
        let series = series(&dataset, name);
        assert_eq!(series.points.len(), rows.len(), "{name}");
        for (point, row) in series.points.iter().zip(rows) {
            assert_eq!(point.period, Period::parse(&row["date"]).unwrap());
            let cell = row["value"].trim();
            let expected = (!cell.is_empty()).then(|| cell.parse::<f64>().unwrap());
            assert_eq!(point.value(), expected, "{name} {}", row["date"]);
            assert_eq!(
                point.status(),
                status_of(&row["confidence"]),
                "{name} {}",
                row["date"]
            );
            assert_eq!(
                point.note(),
                Some(row["source"].as_str()),
                "{name} {}",
                row["date"]
            );
        }
    }
}

#[test]
fn every_embedded_event_equals_its_row_in_assets_data() {
    let dataset = data::default_dataset().unwrap();
    let rows = table("events.csv");
    assert_eq!(dataset.events.len(), rows.len());
    for (event, row) in dataset.events.iter().zip(&rows) {
        assert_eq!(event.date, Period::parse(&row["date"]).unwrap());
        let end = (!row["end_date"].is_empty()).then(|| Period::parse(&row["end_date"]).unwrap());
        assert_eq!(event.end, end, "{}", row["title"]);
        assert_eq!(event.title, row["title"]);
        assert_eq!(event.description, row["description"]);
        assert_eq!(event.category, row["category"]);
        assert_eq!(event.source.as_deref(), Some(row["source"].as_str()));
        // Every row is read in a source; the app's status adds what the row says of
        // the event itself: postponed, or an outcome not known.
        assert_eq!(row["confidence"], "verified-from-source");
        let expected = if row["title"].contains("(postponed)") {
            Status::Postponed
        } else if row["description"].contains("expiry is not covered") {
            Status::Unverified
        } else {
            Status::Reported
        };
        assert_eq!(event.status, expected, "{}", row["title"]);
    }
}

/// Issue 17: the January–April 2026 values sit over those four months, hollow, with
/// the line into them dashed: a partial year, not a collapse of the whole year.
#[test]
fn the_partial_2026_year_is_drawn_as_partial() {
    use tradechart::chart::{Chart, ChartOptions};
    let dataset = data::default_dataset().unwrap();
    let chart = Chart::build(&dataset, &ChartOptions::default());
    let balance = chart
        .panels
        .iter()
        .flat_map(|panel| &panel.lines)
        .find(|line| line.name == "Trade balance")
        .unwrap();
    let partial = balance.markers.last().unwrap();
    assert_eq!(partial.period, Period::Year(2026));
    assert!(partial.is_hollow());
    // January to April 2026: 2026.0 to 2026 + 120/365 (1 May is day 120).
    let (start, end) = partial.span;
    assert!(close(start, 2026.0), "{start}");
    assert!(close(end, 2026.0 + 120.0 / 365.0), "{end}");
    assert!(close(partial.x, (start + end) / 2.0));
    // Four months are not a fall of the year: no line joins them to 2025.
    let runs = balance.runs();
    assert!(
        runs.iter()
            .filter(|run| run.points.len() > 1)
            .all(|run| !run.points.contains(&[partial.x, partial.y])),
        "a line reaches the partial year"
    );
    let whole_years = runs.iter().rev().find(|run| run.points.len() > 1).unwrap();
    assert!(whole_years.points.last().unwrap()[0] < 2026.0);
}

/// Issue 17: the 37.5% estimate held only while the Section 122 surcharge ran; from
/// 24 Jul 2026 nothing is drawn, even with the view running to the truce's end.
#[test]
fn the_us_tariff_series_shows_no_value_after_24_july_2026() {
    use tradechart::chart::{Chart, ChartOptions};
    let dataset = data::default_dataset().unwrap();
    let options = ChartOptions {
        view_x: Some((2025.0, 2027.0)),
        ..ChartOptions::default()
    };
    let chart = Chart::build(&dataset, &options);
    let us = chart
        .panels
        .iter()
        .flat_map(|panel| &panel.lines)
        .find(|line| line.name == "US tariff on Chinese goods")
        .unwrap();
    let lapse = Period::parse("2026-07-24").unwrap().start_x();
    let last_x = us
        .segments
        .iter()
        .flatten()
        .map(|point| point[0])
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        close(last_x, lapse),
        "the step ends at the lapse, found {last_x}"
    );
    let last_step = us.segments.last().unwrap();
    assert_eq!(last_step.last(), Some(&[lapse, 37.5]));
    assert!(us.markers.iter().all(|marker| marker.x < lapse));
    // The chart's own range reaches past the lapse (the truce runs to 10 Nov 2026).
    assert!(chart.x_range.unwrap().1 > lapse + 0.25);
}

// ----- The samples of File → Open sample (issue 17, point 3) -----

fn sample(name: &str) -> data::Dataset {
    data::samples::sample(name).unwrap().dataset().unwrap()
}

#[test]
fn the_samples_are_the_files_in_assets_and_write_back_byte_for_byte() {
    let names: Vec<&str> = data::samples::SAMPLES.iter().map(|s| s.name).collect();
    assert_eq!(names, ["default", "deficit-moved", "monthly"]);
    for sample in &data::samples::SAMPLES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(format!("{}.json", sample.embedded_name));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), sample.json);
        let dataset = sample.dataset().unwrap();
        assert_eq!(json::write(&dataset), sample.json, "{}", sample.name);
        assert!(dataset.as_of.is_some(), "{}", sample.name);
        // The policy events; the partner comparison keeps those of its years.
        let rows = table("events.csv");
        let expected = rows
            .iter()
            .filter(|row| {
                sample.name != "deficit-moved" || ("2015".."2026").contains(&&row["date"][..4])
            })
            .count();
        assert_eq!(dataset.events.len(), expected, "{}", sample.name);
    }
}

#[test]
fn every_partner_balance_equals_its_cell_with_its_release_marked() {
    let dataset = sample("deficit-moved");
    let rows = table("partners_yearly.csv");
    let names = [
        ("China", "Balance with China"),
        ("Mexico", "Balance with Mexico"),
        ("Vietnam", "Balance with Vietnam"),
        ("European Union", "Balance with the EU"),
        ("Japan", "Balance with Japan"),
        ("Taiwan", "Balance with Taiwan"),
        ("Canada", "Balance with Canada"),
        ("World total", "Balance with the world"),
    ];
    let shown: Vec<&str> = dataset.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(shown, names.map(|(_, name)| name));
    let mut first_releases = 0;
    for (partner, name) in names {
        let own: Vec<_> = rows
            .iter()
            .filter(|row| row["partner"] == partner)
            .collect();
        let series = series(&dataset, name);
        // The world total keeps Census's millions, a panel of its own.
        let (unit, divisor) = if partner == "World total" {
            ("USD mn", 1.0)
        } else {
            ("USD bn", 1000.0)
        };
        assert_eq!(series.unit.as_str(), unit);
        assert_eq!(series.points.len(), own.len(), "{name}");
        for (point, row) in series.points.iter().zip(own) {
            assert_eq!(point.period, Period::parse(&row["year"]).unwrap());
            let cell: f64 = row["balance_musd"].parse().unwrap();
            assert!(close(point.value().unwrap(), cell / divisor));
            assert_eq!(point.status(), status_of(&row["confidence"]));
            let note = point.note().unwrap();
            assert!(note.ends_with(&row["source"]), "{name} {}", row["year"]);
            // Headline pages of February report the first release; the Census
            // copies, revised figures.
            let census_copy =
                row["source"].contains("bdecon/") || row["source"].contains("weiqi-kids/");
            if note.starts_with("First release") {
                first_releases += 1;
                assert!(!census_copy, "{name} {}", row["year"]);
            } else {
                assert!(note.starts_with("Revised"), "{note}");
            }
        }
    }
    // Mexico, Vietnam, Canada and the EU in 2024 and 2025.
    assert_eq!(first_releases, 8);
    // The 2018 China deficit, $418.2bn; Mexico's of 2025, $196.9bn.
    let china = series(&dataset, "Balance with China");
    assert_eq!(value_at(china, Period::Year(2018)), Some(-418.2329));
    let mexico = series(&dataset, "Balance with Mexico");
    assert_eq!(value_at(mexico, Period::Year(2025)), Some(-196.9));
    // No 2023 figure for Mexico was found: a gap, not a point.
    assert!(
        mexico
            .points
            .iter()
            .all(|point| point.period != Period::Year(2023))
    );
}

#[test]
fn every_month_equals_its_cells_and_nov_dec_2023_are_a_gap() {
    let dataset = sample("monthly");
    let older = table("china_trade_monthly.csv");
    let recent = table("china_trade_monthly_recent.csv");
    let month = |text: &str| Period::parse(&text[..7]).unwrap();
    for (name, value_of) in [
        (
            "US exports to China",
            (|row: &std::collections::HashMap<String, String>| billions(&row["exports_musd"]))
                as fn(&std::collections::HashMap<String, String>) -> f64,
        ),
        ("US imports from China", |row| {
            billions(&row["imports_musd"])
        }),
        ("Trade balance", |row| {
            billions(&row["exports_musd"]) - billions(&row["imports_musd"])
        }),
    ] {
        let series = series(&dataset, name);
        // 466 months to Oct 2023, the two months no source gave, 28 to Apr 2026.
        assert_eq!(
            series.points.len(),
            older.len() + 2 + recent.len(),
            "{name}"
        );
        assert_eq!(series.points.first().unwrap().period, month("1985-01"));
        assert_eq!(series.points.last().unwrap().period, month("2026-04"));
        let rows = older.iter().chain(&recent);
        let valued = series.points.iter().filter(|point| point.value().is_some());
        for (point, row) in valued.zip(rows) {
            assert_eq!(point.period, month(&row["month"]), "{name}");
            assert!(
                (point.value().unwrap() - value_of(row)).abs() < 1e-9,
                "{name} {}",
                row["month"]
            );
        }
        for gap in ["2023-11", "2023-12"] {
            let point = series
                .points
                .iter()
                .find(|point| point.period == month(gap))
                .unwrap();
            assert_eq!(point.value(), None, "{name} {gap}");
            assert!(
                point
                    .note()
                    .unwrap()
                    .starts_with("No source read gave this month")
            );
        }
    }
}
