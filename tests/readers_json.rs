//! End-to-end tests of the app's own JSON document on files in tests/data/json: what a
//! good file reads as, that writing and reading back changes nothing, and the problem
//! (line, column, wording) for each kind of bad file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use tradechart::data::{self, Format, Period, Problem, Status, json, problem::MAX_PROBLEMS};

/// A fixture by name: bad files live in `bad/`, where the all-fixtures check expects
/// every file to be refused.
fn fixture(name: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/json");
    let bad = folder.join("bad").join(name);
    if bad.exists() { bad } else { folder.join(name) }
}

fn problems(name: &str) -> Vec<Problem> {
    match data::LoadRequest::path(&fixture(name)).load() {
        Ok(_) => panic!("{name} should have been refused"),
        Err(error) => error.problems,
    }
}

/// The one problem of a file, as (line, column, message).
fn only_problem(name: &str) -> (Option<usize>, Option<usize>, String) {
    let problems = problems(name);
    assert_eq!(problems.len(), 1, "{name}: {problems:?}");
    let problem = &problems[0];
    (problem.line, problem.column, problem.message.clone())
}

#[test]
fn a_good_document_reads_into_the_model() {
    let loaded = data::LoadRequest::path(&fixture("good.json"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Json);
    let dataset = loaded.dataset;
    assert_eq!(dataset.title, "US–China trade, a small sample");
    assert_eq!(dataset.notes.len(), 1);
    assert_eq!(dataset.sources.len(), 1);
    assert_eq!(dataset.series.len(), 2);

    let balance = &dataset.series[0];
    assert_eq!(balance.unit.as_str(), "USD bn");
    assert!(!balance.step);
    assert_eq!(balance.points[1].period, Period::Year(2018));
    assert_eq!(balance.points[1].value(), Some(-418.2329));
    assert_eq!(balance.points[2].value(), None, "null is a missing value");
    assert_eq!(balance.points[3].status(), Status::Estimated);
    assert_eq!(balance.points[3].note(), Some("sum of months"));
    assert_eq!(balance.value_count(), 3);

    let tariff = &dataset.series[1];
    assert!(tariff.step);
    assert_eq!(tariff.unit.as_str(), "%", "unit spellings are normalised");
    assert_eq!(tariff.points[1].period, Period::Quarter(2018, 3));
    assert_eq!(tariff.points[2].period, Period::Month(2019, 6));

    let statuses: Vec<Status> = dataset.events.iter().map(|event| event.status).collect();
    assert_eq!(
        statuses,
        [Status::Reported, Status::FromMemory, Status::Planned]
    );
    assert_eq!(
        dataset.events[1].end,
        Some(Period::parse("2026-11-10").unwrap())
    );
    assert_eq!(dataset.events[0].category, "tariff action");
}

#[test]
fn writing_then_reading_gives_the_same_dataset() {
    let dataset = json::read(&std::fs::read_to_string(fixture("good.json")).unwrap()).unwrap();
    let text = json::write(&dataset);
    assert!(text.ends_with('\n'));
    assert_eq!(json::read(&text).unwrap(), dataset);
    // Stable: the same dataset is always written the same way.
    assert_eq!(json::write(&json::read(&text).unwrap()), text);
    assert!(
        text.contains("\n        [\"2018\", -418.2329],\n"),
        "{text}"
    );
}

#[test]
fn json_is_recognised_by_content_whatever_the_extension() {
    let bytes = std::fs::read(fixture("good.json")).unwrap();
    let loaded = data::LoadRequest::bytes(&bytes, Path::new("trade.txt"))
        .load()
        .unwrap();
    assert_eq!(loaded.format, Format::Json);
    assert_eq!(loaded.dataset.series.len(), 2);
}

#[test]
fn a_truncated_file_is_cut_short() {
    let (line, column, message) = only_problem("truncated.json");
    assert_eq!((line, column), (Some(5), Some(68)));
    assert_eq!(
        message,
        "expected the rest of an array, up to its closing ], found the end of the file: is the file cut short?"
    );
}

#[test]
fn absurd_nesting_is_nested_too_deeply() {
    let (line, column, message) = only_problem("deep.json");
    assert_eq!((line, column), (Some(1), Some(179)));
    assert!(message.contains("nested too deeply"), "{message}");
    assert!(
        message.starts_with("expected at most 128 levels"),
        "{message}"
    );
}

#[test]
fn a_top_level_array_is_not_a_document() {
    let (line, column, message) = only_problem("top_level_array.json");
    assert_eq!((line, column), (Some(1), Some(1)));
    assert!(
        message.starts_with("expected a tradechart document"),
        "{message}"
    );
    assert!(message.ends_with("found an array"), "{message}");
}

#[test]
fn an_unknown_field_is_named_with_the_known_ones() {
    let (line, column, message) = only_problem("unknown_field.json");
    assert_eq!((line, column), (Some(4), Some(30)));
    assert_eq!(
        message,
        "expected one of the fields name, unit, step, source, points, found an unknown field \"unti\""
    );
}

#[test]
fn a_newer_format_asks_to_update_the_app() {
    let (line, _, message) = only_problem("newer_version.json");
    assert_eq!(line, None);
    assert!(message.contains("found version 7"), "{message}");
    assert!(message.contains("update the app"), "{message}");
}

#[test]
fn a_syntax_error_says_what_was_found() {
    let (line, column, message) = only_problem("syntax_error.json");
    assert_eq!((line, column), (Some(3), Some(3)));
    assert_eq!(
        message,
        "expected a comma or } after the value, found the text \"series\""
    );
}

#[test]
fn a_text_value_is_not_a_number() {
    let (line, column, message) = only_problem("wrong_type.json");
    assert_eq!((line, column), (Some(6), Some(7)), "the point's own line");
    assert_eq!(
        message,
        "expected the value as a number or null, found \"n/a\""
    );
}

#[test]
fn an_ambiguous_date_is_refused_with_the_reason() {
    let (line, _, message) = only_problem("ambiguous_date.json");
    assert_eq!(line, Some(4));
    assert!(message.contains("day/month or month/day"), "{message}");
}

#[test]
fn an_unknown_status_lists_the_known_ones() {
    let (line, column, message) = only_problem("bad_status.json");
    assert_eq!((line, column), (Some(4), Some(7)));
    assert_eq!(
        message,
        "expected a status (reported, from-memory, estimated, planned, postponed or unverified), found \"guessed\""
    );
}

#[test]
fn every_validation_problem_is_reported_together_with_its_line() {
    let problems = problems("invalid.json");
    let found: Vec<(Option<usize>, &str)> = problems
        .iter()
        .map(|problem| (problem.line, problem.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Some(4),
                "series 1: expected a series name, found an empty one"
            ),
            (
                Some(8),
                "series \"Balance\": expected each period once, found 2018 again (first at line 7)"
            ),
            (
                Some(9),
                "series \"Balance\", 2019: expected a value within ±1e15, found 2e15"
            ),
            (
                Some(13),
                "event \"Backwards truce\": expected an end on or after its date 2025-11-10, found 2025-05-01"
            ),
            (
                Some(14),
                "event on 2026-01-01: expected an event title, found an empty one"
            ),
        ]
    );
}

#[test]
fn a_document_with_nothing_to_draw_is_refused() {
    let (line, _, message) = only_problem("empty_document.json");
    assert_eq!(line, None);
    assert_eq!(message, "expected at least one series or event, found none");
}

#[test]
fn problems_are_capped() {
    let points: Vec<String> = (0..MAX_PROBLEMS + 10)
        .map(|_| "[\"2018\", 1]".to_string())
        .collect();
    let text = format!(
        "{{\"series\": [{{\"name\": \"a\", \"points\": [\n{}\n]}}]}}",
        points.join(",\n")
    );
    let problems = json::read(&text).unwrap_err();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(problems[MAX_PROBLEMS].message.contains("more problems"));
    assert_eq!(problems[0].line, Some(3), "the second 2018 is on line 3");
}

#[test]
fn garbage_never_panics() {
    for text in [
        "{",
        "}",
        "[",
        "{\"series\": [[",
        "{\"series\": [{\"points\": [[\"2018\"",
        "\"x\"",
        "null",
        "1e400",
        "{\"series\": [{\"name\": \"a\", \"points\": [[\"2018\", 1e400]]}]}",
        "{\"title\": \"\\ud800\"}",
        "{\"tradechart\": \"2\"}",
        "\u{feff}",
        "{\"a\":1,}",
        "{\"series\": [{\"name\": \"a\", \"points\": [{\"period\": \"2018\", \"value\": 1, \"x\": 2}]}]}",
        "{\"series\": [{\"name\": \"a\", \"points\": [[\"2018\", 1, 2]]}]}",
    ] {
        let problems = json::read(text).unwrap_err();
        assert!(!problems.is_empty(), "{text}");
        assert!(
            problems
                .iter()
                .all(|problem| problem.message.starts_with("expected")),
            "{text}: {problems:?}"
        );
    }
}
#[test]
fn a_point_must_be_a_pair_or_a_known_object() {
    let point_problem = |point: &str| {
        let text = format!("{{\"series\": [{{\"name\": \"a\", \"points\": [{point}]}}]}}");
        let problems = json::read(&text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].column, Some(38), "at the point's start");
        problems[0].message.clone()
    };
    assert_eq!(
        point_problem("{\"period\": \"2018\", \"value\": 1, \"x\": 2}"),
        "expected one of the fields period, value, status, note, coverage, found an unknown field \"x\""
    );
    assert_eq!(
        point_problem("[\"2018\", 1, 2]"),
        "expected a point as a pair [\"2018\", 418.2], found an array of 3 values"
    );
    assert_eq!(
        point_problem("[2018, 1]"),
        "expected the period as text such as \"2018\", found 2018"
    );
    assert!(point_problem("true").starts_with("expected a point as"));
}
