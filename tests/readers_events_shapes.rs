//! Events tables in the shapes people make them (issue 13, point 6): other column
//! names in any position, dates written out in words or month first, a yes/no headline
//! column, a rate column beside the events, columns the reader does not know, and a
//! bare JSON array of events. Read through the public API on the fixtures in
//! `tests/data/events/`; the step series and the notes through `data::events_csv` and
//! `data::json` until the table reader passes them on.

// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use tradechart::data::{self, Format, Loaded, Problem, events_csv, json, text};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/events")
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

/// The fixture read by the events reader itself, with its series and notes.
fn read_events(relative: &str) -> events_csv::EventsRead {
    let bytes = std::fs::read(fixture(relative)).unwrap();
    let decoded = text::decode(&bytes).unwrap();
    let table = text::read_csv_table(&decoded.text).unwrap();
    assert!(
        events_csv::looks_like_events(&table),
        "{relative} should look like events"
    );
    events_csv::read_with_series(&table).unwrap()
}

fn table(text: &str) -> data::table::Table {
    text::read_csv_table(text).unwrap()
}

fn dates(loaded: &Loaded) -> Vec<String> {
    loaded
        .dataset
        .events
        .iter()
        .map(|event| event.date.to_string())
        .collect()
}

#[test]
fn a_piie_style_timeline_with_dates_in_words_and_an_actor_column() {
    // Mimics PIIE's "Trump's trade war timeline": Date,Event,Actor with dates
    // written "July 6, 2018".
    let loaded = load("piie_timeline.csv");
    assert_eq!(loaded.format, Format::EventsCsv);
    assert_eq!(loaded.dataset.events.len(), 7);
    assert_eq!(dates(&loaded)[0], "2018-07-06");
    assert_eq!(dates(&loaded)[6], "2020-01-15");
    let retaliation = &loaded.dataset.events[1];
    assert_eq!(
        retaliation.title,
        "China retaliates with 25% tariffs on $34 billion of US goods"
    );
    assert_eq!(retaliation.description, "Actor: China");
    let read = read_events("piie_timeline.csv");
    assert_eq!(
        read.notes,
        [
            "Read as events: date from \"Date\", title from \"Event\"",
            "Column \"Actor\" kept in the event descriptions",
        ]
    );
}

#[test]
fn a_tariff_tracker_with_a_rate_column_gives_events_and_a_step_series() {
    // Mimics a tariff tracker export: effective_date,policy_event,Tariff Rate (%),
    // one row per action with the average rate after it (empty where unchanged).
    let loaded = load("tariff_tracker.csv");
    assert_eq!(loaded.format, Format::EventsCsv);
    assert_eq!(loaded.dataset.events.len(), 9);
    let read = read_events("tariff_tracker.csv");
    assert_eq!(read.events.len(), 9);
    assert_eq!(read.series.len(), 1);
    let rate = &read.series[0];
    assert_eq!(rate.name, "Tariff Rate");
    assert_eq!(rate.unit.as_str(), "%");
    assert!(rate.step);
    let points: Vec<(String, f64)> = rate
        .points
        .iter()
        .map(|point| (point.period.to_string(), point.value().unwrap()))
        .collect();
    assert_eq!(points.len(), 8, "{points:?}");
    assert_eq!(points[0], ("2018-07-06".to_string(), 6.7));
    assert_eq!(points[7], ("2025-05-14".to_string(), 51.1));
    assert_eq!(
        read.notes,
        [
            "Read as events: date from \"effective_date\", title from \"policy_event\"",
            "Column \"Tariff Rate (%)\" read as a step series in %",
        ]
    );
}

#[test]
fn a_wikipedia_style_table_with_a_major_event_flag() {
    // Mimics a timeline table copied from Wikipedia into a spreadsheet:
    // Event Date,Description,IsMajorEvent with dates written "6 July 2018".
    let loaded = load("wikipedia_timeline.csv");
    assert_eq!(loaded.format, Format::EventsCsv);
    let events = &loaded.dataset.events;
    assert_eq!(events.len(), 6);
    assert_eq!(events[0].date.to_string(), "2018-07-06");
    assert_eq!(
        events[0].title,
        "First Section 301 tariffs on Chinese goods take effect"
    );
    assert_eq!(events[0].description, "");
    let headlines: Vec<bool> = events.iter().map(|event| event.highlight).collect();
    assert_eq!(headlines, [true, false, true, false, true, true]);
    let read = read_events("wikipedia_timeline.csv");
    assert_eq!(
        read.notes,
        [
            "Read as events: date from \"Event Date\", title from \"Description\"",
            "Column \"IsMajorEvent\" read as the headline flag",
        ]
    );
}

#[test]
fn an_analysts_sheet_with_us_dates_an_id_and_text_columns() {
    // Mimics an analyst's spreadsheet saved as CSV by Excel: ID,Date Announced,
    // Headline,Country,Sector with dates month first (3/22/2018 settles the order).
    let loaded = load("analyst_us_dates.csv");
    assert_eq!(loaded.format, Format::EventsCsv);
    assert_eq!(
        dates(&loaded),
        [
            "2018-03-08",
            "2018-03-22",
            "2018-04-03",
            "2018-06-15",
            "2018-07-10",
            "2018-08-01"
        ]
    );
    let first = &loaded.dataset.events[0];
    assert_eq!(
        first.title,
        "Section 232 proclamations on steel and aluminum"
    );
    assert_eq!(first.description, "Country: Global\nSector: Metals");
    let read = read_events("analyst_us_dates.csv");
    assert!(
        read.notes.contains(
            &"Read as events: date from \"Date Announced\", title from \"Headline\"".to_string()
        ),
        "{:?}",
        read.notes
    );
    assert!(
        read.notes.contains(
            &"Columns \"Country\", \"Sector\" kept in the event descriptions".to_string()
        ),
        "{:?}",
        read.notes
    );
    assert!(
        read.notes.contains(&"Skipped ID column \"ID\"".to_string()),
        "{:?}",
        read.notes
    );
    assert!(
        read.notes
            .iter()
            .any(|note| note.contains("month/day/year") && note.contains("3/22/2018")),
        "{:?}",
        read.notes
    );
}

#[test]
fn us_dates_that_stay_ambiguous_are_refused_where_they_are() {
    // Mimics the same sheet with only dates whose day is 12 or less.
    let found = problems("bad/us_dates_ambiguous.csv");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].line, found[0].column), (Some(2), Some(1)));
    assert_eq!((found[1].line, found[1].column), (Some(3), Some(1)));
    assert!(found[1].message.contains("\"7/6/2018\""), "{found:#?}");
}

#[test]
fn a_wide_table_with_an_event_column_stays_a_wide_table() {
    // Mimics a yearly trade table with a notes column: year,exports,imports,event.
    let loaded = load("wide_with_event_column.csv");
    assert_eq!(loaded.format, Format::CsvWide);
    assert_eq!(loaded.dataset.series.len(), 2);
    assert_eq!(loaded.dataset.events.len(), 3);
    let wide = table(
        "date,exports,imports,event\n2018-01-01,120.1,538.5,Tariffs\n2019-01-01,106.4,450.4,List 4A\n",
    );
    assert!(!events_csv::looks_like_events(&wide));
}

#[test]
fn a_long_table_is_never_events() {
    // Mimics a tidy export: series,date,value (and name,date,value).
    for text in [
        "series,date,value\nExports,2018,120.1\nImports,2018,538.5\n",
        "name,date,value\nExports,2018,120.1\nImports,2018,538.5\n",
    ] {
        assert!(!events_csv::looks_like_events(&table(text)), "{text}");
        // Read as long (or, with several series, asked which): never as events.
        match data::LoadRequest::bytes(text.as_bytes(), Path::new("x.csv")).load() {
            Ok(loaded) => assert_eq!(loaded.format, Format::CsvLong, "{text}"),
            Err(found) => assert!(
                found
                    .problems
                    .iter()
                    .all(|problem| !problem.message.contains("event")),
                "{text}: {found:#?}"
            ),
        }
    }
}

#[test]
fn other_names_for_date_and_title_in_any_position() {
    // Mimics the headers seen in downloaded timelines and trackers.
    for text in [
        "Event Date,Description\n2018-07-06,List 1 tariffs\n",
        "effective_date,policy_event\n2018-07-06,List 1 tariffs\n",
        "date,event\n2018-07-06,List 1 tariffs\n",
        "Actor,Headline,Announcement Date\nUS,List 1 tariffs,2018-07-06\n",
        "Summary,Start-Date\nList 1 tariffs,2018-07-06\n",
        "when,action\n2018-07-06,List 1 tariffs\n",
        "Day,Measure,Sector\n2018-07-06,List 1 tariffs,Machinery\n",
        "EVENT_DATE,NAME,URL\n2018-07-06,List 1 tariffs,https://ustr.gov\n",
    ] {
        let loaded = data::LoadRequest::bytes(text.as_bytes(), Path::new("x.csv"))
            .load()
            .unwrap();
        assert_eq!(loaded.format, Format::EventsCsv, "{text}");
        let event = &loaded.dataset.events[0];
        assert_eq!(event.title, "List 1 tariffs", "{text}");
        assert_eq!(event.date.to_string(), "2018-07-06", "{text}");
    }
}

#[test]
fn yes_no_values_as_people_write_them() {
    // Mimics flags typed by hand or exported by a database.
    let text = "date,title,Key\n2018-07-06,A,y\n2018-08-23,B,n\n2018-09-24,C,x\n2018-12-01,D,\n2019-05-10,E,TRUE\n2019-09-01,F,0\n2020-01-15,G,1\n";
    let loaded = data::LoadRequest::bytes(text.as_bytes(), Path::new("x.csv"))
        .load()
        .unwrap();
    let flags: Vec<bool> = loaded
        .dataset
        .events
        .iter()
        .map(|event| event.highlight)
        .collect();
    assert_eq!(flags, [true, false, true, false, true, false, true]);
}

#[test]
fn a_bare_json_array_of_events() {
    // Mimics a JSON timeline as a web page's data file holds it.
    let loaded = load("timeline.json");
    let events = &loaded.dataset.events;
    assert_eq!(events.len(), 3);
    assert!(loaded.dataset.series.is_empty());
    assert_eq!(events[0].title, "Section 301 List 1 tariffs");
    assert_eq!(events[0].description, "25% on $34bn of imports from China");
    assert_eq!(events[0].source.as_deref(), Some("USTR"));
    assert_eq!(events[1].category, "agreement");
    assert_eq!(
        events[2].end.map(|end| end.to_string()).as_deref(),
        Some("2025-08-12")
    );
    assert!(events[2].highlight);
    assert!(!events[0].highlight);
}

#[test]
fn a_json_array_with_other_keys_a_flag_and_a_rate() {
    // Mimics a JSON export of a spreadsheet timeline: "Event Date", "Description",
    // "IsMajorEvent" as true/false, a tariff rate and an actor.
    let loaded = load("timeline_other_keys.json");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 3);
    assert_eq!(dataset.events[0].date.to_string(), "2018-07-06");
    assert_eq!(
        dataset.events[0].title,
        "First Section 301 tariffs take effect"
    );
    assert!(dataset.events[0].highlight);
    assert!(!dataset.events[1].highlight);
    assert_eq!(dataset.events[0].description, "Actor: United States");
    assert_eq!(dataset.events[2].description, "");
    assert_eq!(dataset.series.len(), 1);
    assert_eq!(dataset.series[0].name, "Tariff rate");
    assert_eq!(dataset.series[0].unit.as_str(), "%");
    assert!(dataset.series[0].step);
    assert_eq!(dataset.series[0].points.len(), 3);
    let text = std::fs::read_to_string(fixture("timeline_other_keys.json")).unwrap();
    let (_, notes) = json::read_with_notes(&text).unwrap();
    assert_eq!(
        notes,
        [
            "Read as events: date from \"Event Date\", title from \"Description\"",
            "Column \"IsMajorEvent\" read as the headline flag",
            "Column \"Actor\" kept in the event descriptions",
            "Column \"Tariff rate (%)\" read as a step series in %",
        ]
    );
}

#[test]
fn a_bad_date_in_a_json_array_is_placed_at_its_value() {
    // Mimics a hand-edited JSON timeline with a typing error.
    let found = problems("bad/json_bad_date.json");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].line, found[0].column), (Some(3), Some(12)));
    assert!(found[0].message.contains("2018-13-01"), "{found:#?}");
}

#[test]
fn a_json_array_that_is_not_events_is_still_refused() {
    // Mimics JSON files that are neither our document nor events.
    for text in [
        "[{\"name\": \"Balance\", \"points\": [[\"2018\", -418.2]]}]",
        "[[1, 2], [3, 4]]",
        "[]",
    ] {
        let found = data::LoadRequest::bytes(text.as_bytes(), Path::new("x.json"))
            .load()
            .unwrap_err()
            .problems;
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        assert!(
            found[0]
                .message
                .starts_with("expected a tradechart document"),
            "{text}: {found:#?}"
        );
    }
    // An array of events with one element that is not an object.
    let text = "[\n{\"date\": \"2018-07-06\", \"title\": \"A\"},\n 5\n]";
    let found = data::LoadRequest::bytes(text.as_bytes(), Path::new("x.json"))
        .load()
        .unwrap_err()
        .problems;
    assert_eq!((found[0].line, found[0].column), (Some(3), Some(2)));
    assert!(found[0].message.contains("found 5"), "{found:#?}");
    // An event without a title says so where the object is.
    let text =
        "[\n  {\"date\": \"2018-07-06\", \"title\": \"A\"},\n  {\"date\": \"2018-08-23\"}\n]";
    let found = data::LoadRequest::bytes(text.as_bytes(), Path::new("x.json"))
        .load()
        .unwrap_err()
        .problems;
    assert_eq!((found[0].line, found[0].column), (Some(3), Some(3)));
    assert!(
        found[0].message.contains("no \"title\" in the object"),
        "{found:#?}"
    );
}

#[test]
fn our_own_document_reads_as_before() {
    // The app's own JSON document (an object) is not an array of events.
    let text = "{\"title\": \"T\", \"series\": [{\"name\": \"Balance\", \"points\": [[\"2018\", -418.2]]}], \"events\": [{\"date\": \"2020-01-15\", \"title\": \"Phase One\"}]}";
    let (dataset, notes) = json::read_with_notes(text).unwrap();
    assert_eq!(dataset.title, "T");
    assert_eq!(dataset.events.len(), 1);
    assert!(notes.is_empty());
}
