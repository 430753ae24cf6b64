//! The app's own JSON document: a [`Dataset`] as serde writes it, read with problems
//! that say where and what (`expected …, found …`), validated as a whole, and written
//! back in a stable, readable layout.
//!
//! The format is exactly the serde form of `data::model`; see the README for an
//! example. Points are `["2018", 418.2]` pairs, or objects when they carry a status or
//! a note. Any document may say how current it is with `"as_of": "…"` (free text: the
//! release it was taken from, how far its data and events reach), shown with its sources.

use std::collections::HashMap;
use std::io;

use serde::Serialize as _;

use super::events_csv;
use super::limits;
use super::model::{Dataset, FORMAT_VERSION};
use super::number::MAX_MAGNITUDE;
use super::period::Period;
use super::problem::{Problem, Problems};
use super::table::{Row, Table};

/// How deep serde_json lets objects and arrays nest before it gives up.
const NESTING_LIMIT: usize = 128;

/// Reads a JSON document into a dataset, or returns every problem found: the first
/// syntax or type error (JSON parsing stops there), or every validation problem.
/// A bare array of events (`[{"date": "2018-07-06", "title": "…"}, …]`) reads as a
/// dataset of those events; [`read_with_notes`] also says how it was read.
pub fn read(text: &str) -> Result<Dataset, Vec<Problem>> {
    read_with_notes(text).map(|(dataset, _)| dataset)
}

/// Like [`read`], with the decisions taken in reading a bare array of events, in plain
/// words ("Read as events: date from \"Event Date\", title from \"Description\""); a
/// document has none.
pub fn read_with_notes(text: &str) -> Result<(Dataset, Vec<String>), Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.char_indices().find(|(_, c)| !c.is_whitespace()) else {
        return Err(vec![Problem::whole_file(
            "expected a JSON document, found an empty file",
        )]);
    };
    if first.1 == '[' {
        return read_events_array(text, first.0);
    }
    read_document(text).map(|dataset| (dataset, Vec::new()))
}

/// Reads the app's own document (a JSON object).
fn read_document(text: &str) -> Result<Dataset, Vec<Problem>> {
    match serde_json::from_str::<Dataset>(text) {
        Ok(dataset) => {
            if dataset.format_version > FORMAT_VERSION {
                return Err(vec![newer_version(dataset.format_version)]);
            }
            // Locating problems scans the text again: only done when there are some.
            if validate(&dataset).is_empty() {
                Ok(dataset)
            } else {
                Err(validate_located(&dataset, Some(text)))
            }
        }
        Err(error) => {
            // A newer document may use fields this app does not know: say so instead
            // of naming the field.
            if let Some(version) = probe_version(text)
                && version > u64::from(FORMAT_VERSION)
            {
                return Err(vec![newer_version(version)]);
            }
            Err(vec![problem_from_serde(&error, text)])
        }
    }
}

/// Writes a dataset as a JSON document: two-space indents, one point per line, keys in
/// the model's order, ending with a newline. The same dataset always gives the same text.
pub fn write(dataset: &Dataset) -> String {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, DocumentFormatter::default());
    // Writing into memory cannot fail, and serde_json writes non-finite numbers as null.
    if dataset.serialize(&mut serializer).is_err() {
        return String::new();
    }
    let mut text = String::from_utf8(bytes).unwrap_or_default();
    text.push('\n');
    text
}

/// Checks what serde cannot: names and titles present, each period once per series,
/// values finite and within ±1e15, spans that end after they start, and something to
/// draw at all. Problems carry no line; [`read`] locates them in the text.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    validate_located(dataset, None)
}

fn newer_version(version: impl std::fmt::Display) -> Problem {
    Problem::whole_file(format!(
        "expected a tradechart document of format version {FORMAT_VERSION} or older, found version {version}: update the app to open this file"
    ))
}

/// The `tradechart` format version of a document that may not otherwise parse.
fn probe_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Probe {
        tradechart: Option<u64>,
    }
    serde_json::from_str::<Probe>(text).ok()?.tradechart
}

fn validate_located(dataset: &Dataset, text: Option<&str>) -> Vec<Problem> {
    let mut report = Reporter {
        problems: Problems::new(),
        text,
    };
    let locations = text.map(Locations::find);
    if dataset.series.is_empty() && dataset.events.is_empty() {
        report.add(None, || {
            "expected at least one series or event, found none".to_string()
        });
    }
    for (index, series) in dataset.series.iter().enumerate() {
        let series_at = locations.as_ref().and_then(|l| l.series.get(index));
        let point_at =
            |point: usize| series_at.and_then(|series| series.points.get(point).copied());
        if series.name.trim().is_empty() {
            report.add(series_at.map(|series| series.start), || {
                format!(
                    "series {}: expected a series name, found an empty one",
                    index + 1
                )
            });
        }
        let mut seen: HashMap<Period, usize> = HashMap::new();
        for (point_index, point) in series.points.iter().enumerate() {
            let offset = point_at(point_index);
            if let Some(&first) = seen.get(&point.period) {
                report.add(offset, || {
                    let first_line = match (text, point_at(first)) {
                        (Some(text), Some(first_offset)) => {
                            format!(" (first at line {})", position(text, first_offset).0)
                        }
                        _ => String::new(),
                    };
                    format!(
                        "series \"{}\": expected each period once, found {} again{first_line}",
                        series.name, point.period
                    )
                });
            } else {
                seen.insert(point.period, point_index);
            }
            match point.value() {
                Some(value) if !value.is_finite() => report.add(offset, || {
                    format!(
                        "series \"{}\", {}: expected a finite number, found {value}",
                        series.name, point.period
                    )
                }),
                Some(value) if value.abs() > MAX_MAGNITUDE => report.add(offset, || {
                    format!(
                        "series \"{}\", {}: expected a value within ±1e15, found {value:e}",
                        series.name, point.period
                    )
                }),
                _ => {}
            }
            if let Some(coverage) = point.coverage()
                && let Err(message) = coverage.check(point.period)
            {
                report.add(offset, || {
                    format!("series \"{}\", {}: {message}", series.name, point.period)
                });
            }
        }
    }
    for (index, event) in dataset.events.iter().enumerate() {
        let offset = locations
            .as_ref()
            .and_then(|l| l.events.get(index).copied());
        if event.title.trim().is_empty() {
            report.add(offset, || {
                format!(
                    "event on {}: expected an event title, found an empty one",
                    event.date
                )
            });
        }
        if let Some(announced) = event.announced
            && announced.first_day() > event.date.first_day()
        {
            report.add(offset, || {
                format!(
                    "event \"{}\": expected an announcement on or before its effective date {}, found {announced}",
                    event.title, event.date
                )
            });
        }
        if let Some(end) = event.end
            && end.first_day() < event.date.first_day()
        {
            report.add(offset, || {
                format!(
                    "event \"{}\": expected an end on or after its date {}, found {end}",
                    event.title, event.date
                )
            });
        }
    }
    report.problems.into_vec()
}

/// Collects validation problems, placing each at its offset in the text when known.
/// Past the cap it only counts them, without writing messages or finding lines.
struct Reporter<'a> {
    problems: Problems,
    text: Option<&'a str>,
}

impl Reporter<'_> {
    fn add(&mut self, offset: Option<usize>, message: impl FnOnce() -> String) {
        if self.problems.is_full() {
            self.problems.push(Problem::whole_file(String::new()));
            return;
        }
        let message = message();
        self.problems.push(match (self.text, offset) {
            (Some(text), Some(offset)) => {
                let (line, column) = position(text, offset);
                Problem::at(line, column, message)
            }
            _ => Problem::whole_file(message),
        });
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Byte offset of serde_json's (line, byte column) position, where column 1 is the
/// first byte of the line and column 0 the line break before it.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(index, _)| index + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

// ---------------------------------------------------------------------------------
// serde_json errors in the app's words

fn problem_from_serde(error: &serde_json::Error, text: &str) -> Problem {
    if let Some(offset) = too_deep(text) {
        let (line, column) = position(text, offset);
        return Problem::at(line, column, reword("recursion limit exceeded", text, None));
    }
    let raw = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = raw.strip_suffix(&suffix).unwrap_or(&raw);
    if error.line() == 0 {
        return Problem::whole_file(reword(message, text, None));
    }
    let offset = offset_of(text, error.line(), error.column());
    if message.contains("did not match any variant of untagged enum PointForm") {
        let start = Locations::find(&text[..floor_char_boundary(text, offset)]).last_point();
        if let Some(start) = start {
            let (line, column) = position(text, start);
            return Problem::at(line, column, diagnose_point(&text[start..offset]));
        }
    }
    let (line, column) = position(text, offset);
    Problem::at(line, column, reword(message, text, Some(offset)))
}

/// serde_json's message rewritten as `expected …, found …`.
fn reword(message: &str, text: &str, offset: Option<usize>) -> String {
    let found = || offset.map_or_else(|| "something else".to_string(), |o| found_at(text, o));
    const CUT_SHORT: &str = "found the end of the file: is the file cut short?";
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        let expected = match what {
            "a string" => "the closing \" of a string",
            "an object" => "the rest of an object, up to its closing }",
            "a list" => "the rest of an array, up to its closing ]",
            _ => "a value",
        };
        return format!("expected {expected}, {CUT_SHORT}");
    }
    if message == "recursion limit exceeded" {
        return format!(
            "expected at most {NESTING_LIMIT} levels of nested objects and arrays, found more: the document is nested too deeply"
        );
    }
    if message == "expected value" {
        return format!(
            "expected a JSON value (a number, text in double quotes, true, false, null, an object or an array), found {}",
            found()
        );
    }
    if message == "expected ident" {
        return format!("expected true, false or null, found {}", found());
    }
    if message == "key must be a string" {
        return format!("expected a field name in double quotes, found {}", found());
    }
    if message == "trailing comma" {
        return format!(
            "expected another value after the comma, found {}: JSON allows no comma before a closing bracket",
            found()
        );
    }
    if message == "trailing characters" {
        return format!("expected the end of the document, found {}", found());
    }
    if message == "number out of range" {
        return "expected a number within ±1e15, found a number too large to hold".to_string();
    }
    if message == "invalid number" {
        return format!("expected a number, found {}", found());
    }
    if matches!(
        message,
        "invalid escape"
            | "invalid unicode code point"
            | "lone leading surrogate in hex escape"
            | "unexpected end of hex escape"
    ) {
        return format!(
            "expected a valid escape in text (such as \\n, \\\" or \\u00e9), found {}: {message}",
            found()
        );
    }
    if message.starts_with("control character") {
        return "expected a line break inside text to be written \\n, found a control character"
            .to_string();
    }
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "expected {}, found {}",
            plain_expected(expected),
            plain_found(got)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((count, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "expected {}, found {count} elements",
            plain_expected(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, known) = rest.split_once('`').unwrap_or((rest, ""));
        let known = known
            .strip_prefix(", expected one of ")
            .or_else(|| known.strip_prefix(", expected "))
            .map(|list| list.replace('`', ""));
        return match known {
            Some(list) => {
                format!("expected one of the fields {list}, found an unknown field \"{field}\"")
            }
            None => format!("expected no fields here, found an unknown field \"{field}\""),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, known) = rest.split_once('`').unwrap_or((rest, ""));
        let list = known
            .strip_prefix(", expected one of ")
            .unwrap_or(known)
            .replace('`', "");
        return format!("expected one of {list}, found \"{variant}\"");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("expected a field \"{field}\", found none: it is required here");
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let field = rest.trim_end_matches('`');
        return format!("expected each field once, found \"{field}\" again");
    }
    let expected = match message {
        "expected `,` or `}`" => Some("a comma or } after the value"),
        "expected `,` or `]`" => Some("a comma or ] after the value"),
        "expected `:`" => Some("a colon after the field name"),
        _ => None,
    };
    if let Some(expected) = expected {
        return format!("expected {expected}, found {}", found());
    }
    if message.starts_with("expected ") && !message.contains(", found") {
        return format!("{}, found {}", message.replace('`', ""), found());
    }
    message.to_string()
}

/// Where objects and arrays first nest deeper than serde_json allows, if they do.
/// Checked only after a failed parse, so good files pay nothing for it.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > NESTING_LIMIT {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// serde's names for what it wanted, in the app's words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "struct Dataset" => "a tradechart document (a JSON object)".to_string(),
        "struct Series" => {
            "a series (an object with \"name\", \"unit\" and \"points\")".to_string()
        }
        "struct Event" => "an event (an object with \"date\" and \"title\")".to_string(),
        "f64" => "a number".to_string(),
        "u32" | "u64" => "a whole number".to_string(),
        "a sequence" => "an array".to_string(),
        "a map" => "an object".to_string(),
        "a borrowed string" => "a string".to_string(),
        other => other.to_string(),
    }
}

/// serde's names for what it found, in the app's words.
fn plain_found(found: &str) -> String {
    match found {
        "map" => "an object".to_string(),
        "sequence" => "an array".to_string(),
        "null" | "unit value" => "null".to_string(),
        other => other.replace('`', ""),
    }
}

/// The text at a byte offset, quoted and cut to a word, for `found …`.
fn found_at(text: &str, offset: usize) -> String {
    let offset = floor_char_boundary(text, offset);
    let rest = &text[offset..];
    let Some(first) = rest.chars().next() else {
        return "the end of the file".to_string();
    };
    if first == '\n' || first == '\r' {
        return "the end of the line".to_string();
    }
    if first == '"' {
        let end = string_end(rest.as_bytes(), 0);
        let word: String = rest[..floor_char_boundary(rest, end)]
            .chars()
            .take(40)
            .collect();
        return format!("the text {word}");
    }
    let word: String = if "{}[]:,".contains(first) {
        first.to_string()
    } else {
        rest.chars()
            .take_while(|c| !c.is_whitespace() && !"{}[]:,\"".contains(*c))
            .take(24)
            .collect()
    };
    format!("\"{word}\"")
}

/// Why a point's text is neither `["2018", 418.2]` nor `{"period": …, "value": …}`.
fn diagnose_point(point_text: &str) -> String {
    const FORMS: &str = "a point as [\"2018\", 418.2] or {\"period\": \"2018\", \"value\": 418.2}";
    // The error's position may lie past the point (on the comma after it): read the
    // first value and ignore what follows.
    let first = serde_json::Deserializer::from_str(point_text)
        .into_iter::<serde_json::Value>()
        .next();
    let Some(Ok(value)) = first else {
        return format!("expected {FORMS}, found something else");
    };
    let check_period = |period: Option<&serde_json::Value>| -> Option<String> {
        match period {
            None => Some("expected a field \"period\" in the point, found none".to_string()),
            Some(serde_json::Value::String(text)) => {
                Period::parse(text).err().map(|error| error.to_string())
            }
            Some(other) => Some(format!(
                "expected the period as text such as \"2018\", found {other}"
            )),
        }
    };
    let check_value = |value: Option<&serde_json::Value>| -> Option<String> {
        match value {
            None | Some(serde_json::Value::Null | serde_json::Value::Number(_)) => None,
            Some(other) => Some(format!(
                "expected the value as a number or null, found {other}"
            )),
        }
    };
    let problem = match &value {
        serde_json::Value::Array(items) if items.len() != 2 => Some(format!(
            "expected a point as a pair [\"2018\", 418.2], found an array of {} value{}",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )),
        serde_json::Value::Array(items) => {
            check_period(items.first()).or_else(|| check_value(items.get(1)))
        }
        serde_json::Value::Object(fields) => fields
            .keys()
            .find(|key| {
                !["period", "value", "status", "note", "coverage"].contains(&key.as_str())
            })
            .map(|key| {
                format!(
                    "expected one of the fields period, value, status, note, coverage, found an unknown field \"{key}\""
                )
            })
            .or_else(|| check_period(fields.get("period")))
            .or_else(|| check_value(fields.get("value")))
            .or_else(|| match fields.get("status") {
                None => None,
                Some(serde_json::Value::String(status))
                    if [
                        "reported",
                        "from-memory",
                        "estimated",
                        "planned",
                        "postponed",
                        "unverified",
                    ]
                    .contains(&status.as_str()) =>
                {
                    None
                }
                Some(other) => Some(format!(
                    "expected a status (reported, from-memory, estimated, planned, postponed or unverified), found {other}"
                )),
            })
            .or_else(|| match fields.get("note") {
                None | Some(serde_json::Value::String(_) | serde_json::Value::Null) => None,
                Some(other) => Some(format!("expected the note as text, found {other}")),
            })
            .or_else(|| match fields.get("coverage") {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(text)) => super::Coverage::parse(text).err(),
                Some(other) => Some(format!(
                    "expected the months covered as text such as \"Jan–Mar\", found {other}"
                )),
            }),
        other => Some(format!("expected {FORMS}, found {other}")),
    };
    problem.unwrap_or_else(|| format!("expected {FORMS}, found something else"))
}

// ---------------------------------------------------------------------------------
// Where things are in the text

/// Byte offsets of each series, each of its points, and each event in a document, so
/// validation problems can name their line. Found by a light scan of the JSON
/// structure; text cut short yields what was seen so far.
#[derive(Debug, Default)]
struct Locations {
    series: Vec<SeriesAt>,
    events: Vec<usize>,
    /// The series index of the last point seen, for [`Locations::last_point`].
    last_point: Option<usize>,
}

#[derive(Debug, Default)]
struct SeriesAt {
    start: usize,
    points: Vec<usize>,
}

/// The object keys the scan cares about.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Key {
    Series,
    Points,
    Events,
    Other,
}

#[derive(Debug)]
struct Frame {
    array: bool,
    /// Last key read in an object.
    key: Key,
    expecting_key: bool,
    /// Index of the current element in an array.
    index: usize,
}

impl Locations {
    fn find(text: &str) -> Locations {
        let bytes = text.as_bytes();
        let mut locations = Locations::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b'"' => {
                    let end = string_end(bytes, i);
                    match stack.last_mut() {
                        Some(frame) if !frame.array && frame.expecting_key => {
                            frame.key = match &bytes[i + 1..end.saturating_sub(1).max(i + 1)] {
                                b"series" => Key::Series,
                                b"points" => Key::Points,
                                b"events" => Key::Events,
                                _ => Key::Other,
                            };
                            frame.expecting_key = false;
                        }
                        _ => locations.value_starts(&stack, i),
                    }
                    i = end;
                }
                b'{' | b'[' => {
                    locations.value_starts(&stack, i);
                    stack.push(Frame {
                        array: bytes[i] == b'[',
                        key: Key::Other,
                        expecting_key: bytes[i] == b'{',
                        index: 0,
                    });
                    i += 1;
                }
                b'}' | b']' => {
                    stack.pop();
                    i += 1;
                }
                b':' => i += 1,
                b',' => {
                    if let Some(frame) = stack.last_mut() {
                        if frame.array {
                            frame.index += 1;
                        } else {
                            frame.expecting_key = true;
                        }
                    }
                    i += 1;
                }
                _ => {
                    locations.value_starts(&stack, i);
                    while i < bytes.len() && !b" \t\r\n,:{}[]\"".contains(&bytes[i]) {
                        i += 1;
                    }
                }
            }
        }
        locations
    }

    /// Records a value that starts at `offset` if it is a series, point or event.
    fn value_starts(&mut self, stack: &[Frame], offset: usize) {
        match stack {
            [root, list] if !root.array && list.array => match root.key {
                Key::Series if self.series.len() == list.index => self.series.push(SeriesAt {
                    start: offset,
                    points: Vec::new(),
                }),
                Key::Events if self.events.len() == list.index => self.events.push(offset),
                _ => {}
            },
            [root, list, series, points]
                if !root.array
                    && root.key == Key::Series
                    && list.array
                    && !series.array
                    && series.key == Key::Points
                    && points.array =>
            {
                if let Some(at) = self.series.get_mut(list.index)
                    && at.points.len() == points.index
                {
                    at.points.push(offset);
                    self.last_point = Some(list.index);
                }
            }
            _ => {}
        }
    }

    /// Where the last point seen starts.
    fn last_point(&self) -> Option<usize> {
        let series = self.series.get(self.last_point?)?;
        series.points.last().copied()
    }
}

/// Offset just past the closing quote of the string starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

// ---------------------------------------------------------------------------------
// A bare array of events

/// Reads `[{"date": …, "title": …, …}, …]` as events, by the rules of an events table
/// (`events_csv`): each object is a row, each key a column, so `Event Date`,
/// `description`, `IsMajorEvent` or a rate beside the events read as they do in a CSV
/// file. Problems are placed at the value they are about.
fn read_events_array(text: &str, start: usize) -> Result<(Dataset, Vec<String>), Vec<Problem>> {
    let refused = |message: &str| {
        let (line, column) = position(text, start);
        vec![Problem::at(line, column, message)]
    };
    // Only an array of objects may be events; anything else (`[[…]]`) is no document.
    let inside = text.get(start + 1..).unwrap_or("").trim_start();
    if !inside.starts_with('{') {
        return Err(refused(
            "expected a tradechart document (a JSON object with \"series\" and \"events\"), found an array",
        ));
    }
    let not_a_document = || {
        refused(
            "expected a tradechart document (a JSON object with \"series\" and \"events\") or an array of events (objects with \"date\" and \"title\"), found an array",
        )
    };
    let values = match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => values,
        Err(error) => return Err(vec![problem_from_serde(&error, text)]),
    };
    let objects = array_objects(text);
    let mut problems = Problems::new();
    for (index, value) in values.iter().enumerate() {
        if !value.is_object() {
            let offset = objects.get(index).map_or(start, |object| object.start);
            let (line, column) = position(text, offset);
            problems.push(Problem::at(
                line,
                column,
                format!(
                    "expected an event (an object with \"date\" and \"title\"), found {}",
                    short_value(value)
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let header = array_header(&values, &objects);
    if header.len() > limits::MAX_COLUMNS {
        return Err(refused(&format!(
            "expected events with at most {} different fields, found {}",
            limits::MAX_COLUMNS,
            header.len()
        )));
    }
    if values.len().saturating_mul(header.len()) > limits::MAX_CELLS {
        return Err(refused(&format!(
            "expected at most {} fields in all the events together, found {} events of {} fields",
            limits::MAX_CELLS,
            values.len(),
            header.len()
        )));
    }
    let table = array_table(header, &values);
    if !events_csv::finds_columns(&table) {
        return Err(not_a_document());
    }
    let read = events_csv::read_with_series(&table).map_err(|problems| {
        problems
            .into_iter()
            .map(|problem| locate_in_array(problem, text, &table, &objects, &values))
            .collect::<Vec<Problem>>()
    })?;
    let dataset = Dataset {
        series: read.series,
        events: read.events,
        ..Dataset::default()
    };
    Ok((dataset, read.notes))
}

/// Where an object of the top-level array starts, and where each of its values does.
#[derive(Debug, Default)]
struct ObjectAt {
    start: usize,
    /// Key and the offset of its value, in the order written.
    fields: Vec<(String, usize)>,
}

/// The objects of a top-level array, found by a light scan of the text (which
/// serde_json has already parsed): keys in the order written, for the columns, and the
/// offset of every value, for problems.
fn array_objects(text: &str) -> Vec<ObjectAt> {
    let bytes = text.as_bytes();
    let mut objects: Vec<ObjectAt> = Vec::new();
    let mut depth = 0usize;
    let mut expecting_key = false;
    let mut key: Option<String> = None;
    fn value_at(objects: &mut [ObjectAt], key: &mut Option<String>, offset: usize) {
        if let (Some(object), Some(key)) = (objects.last_mut(), key.take()) {
            object.fields.push((key, offset));
        }
    }
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'"' => {
                let end = string_end(bytes, i);
                if depth == 1 {
                    // A bare text in the array: its place, for the problem.
                    objects.push(ObjectAt {
                        start: i,
                        fields: Vec::new(),
                    });
                } else if depth == 2 {
                    if expecting_key {
                        key = text
                            .get(i..end)
                            .and_then(|raw| serde_json::from_str::<String>(raw).ok());
                        expecting_key = false;
                    } else {
                        value_at(&mut objects, &mut key, i);
                    }
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                if depth == 1 {
                    objects.push(ObjectAt {
                        start: i,
                        fields: Vec::new(),
                    });
                    expecting_key = byte == b'{';
                } else if depth == 2 {
                    value_at(&mut objects, &mut key, i);
                }
                depth += 1;
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 2 => expecting_key = true,
            b' ' | b'\t' | b'\r' | b'\n' | b':' | b',' => {}
            _ => {
                if depth == 1 {
                    // A bare value in the array: its place, for the problem.
                    objects.push(ObjectAt {
                        start: i,
                        fields: Vec::new(),
                    });
                    while bytes.get(i + 1).is_some_and(|b| !b" \t\r\n,]".contains(b)) {
                        i += 1;
                    }
                } else if depth == 2 {
                    value_at(&mut objects, &mut key, i);
                    while bytes.get(i + 1).is_some_and(|b| !b" \t\r\n,}".contains(b)) {
                        i += 1;
                    }
                }
            }
        }
        i += 1;
    }
    objects
}

/// Every key of the objects, in the order first written: the table's columns.
fn array_header(values: &[serde_json::Value], objects: &[ObjectAt]) -> Vec<String> {
    let mut header: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let written = objects
        .iter()
        .flat_map(|object| object.fields.iter().map(|(key, _)| key.as_str()));
    // Keys the scan missed (it should not) still get their column.
    let parsed = values
        .iter()
        .filter_map(serde_json::Value::as_object)
        .flat_map(|map| map.keys().map(String::as_str));
    for key in written.chain(parsed) {
        if seen.insert(key) {
            header.push(key.to_string());
        }
    }
    header
}

/// The objects as a table: a column per key, a row per object, numbered from 1 as
/// its line so problems can be placed back.
fn array_table(header: Vec<String>, values: &[serde_json::Value]) -> Table {
    let rows = values
        .iter()
        .enumerate()
        .map(|(index, value)| Row {
            line: index + 1,
            cells: header
                .iter()
                .map(|key| value.get(key).map_or_else(String::new, cell_text))
                .collect(),
        })
        .collect();
    Table {
        header,
        header_line: 0,
        rows,
        ..Table::default()
    }
}

/// A JSON value as a table cell: text as it is, `null` empty, a list of texts joined
/// with commas, anything else as JSON.
fn cell_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Bool(flag) => flag.to_string(),
        serde_json::Value::Number(number) => number.to_string(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|item| match item {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<String>>()
            .join(", "),
        serde_json::Value::Object(_) => value.to_string(),
    }
}

/// A value as a problem names it: `the number 5`, `an array`, cut short.
fn short_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Array(_) => "an array".to_string(),
        serde_json::Value::Object(_) => "an object".to_string(),
        serde_json::Value::Null => "null".to_string(),
        other => {
            let text: String = other.to_string().chars().take(40).collect();
            text
        }
    }
}

/// A problem found in the table of an array's objects, placed at the value it is
/// about (row = object, column = key) in the text.
fn locate_in_array(
    problem: Problem,
    text: &str,
    table: &Table,
    objects: &[ObjectAt],
    values: &[serde_json::Value],
) -> Problem {
    let Some(row) = problem.line else {
        return problem;
    };
    let object_index = row.saturating_sub(1);
    let Some(object) = objects.get(object_index) else {
        return Problem::whole_file(problem.message);
    };
    let key = problem
        .column
        .and_then(|column| table.header.get(column.saturating_sub(1)));
    let field = key.and_then(|key| {
        object
            .fields
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, offset)| *offset)
    });
    let present = key.is_some_and(|key| {
        values
            .get(object_index)
            .and_then(|value| value.get(key))
            .is_some_and(|value| !value.is_null())
    });
    let message = if present {
        problem.message.replace("an empty cell", "an empty text")
    } else {
        match key {
            Some(key) => problem
                .message
                .replace("an empty cell", &format!("no \"{key}\" in the object")),
            None => problem.message,
        }
    };
    let (line, column) = position(text, field.unwrap_or(object.start));
    Problem::at(line, column, message)
}

// ---------------------------------------------------------------------------------
// Writing

/// Pretty JSON with two-space indents, except that each point (an element of a
/// `points` array) is written on one line.
#[derive(Default)]
struct DocumentFormatter {
    frames: Vec<WriteFrame>,
    /// Text of the object key being written.
    key: String,
    in_key: bool,
}

struct WriteFrame {
    compact: bool,
    /// This array is the value of a `points` key.
    points: bool,
    has_value: bool,
    last_key: String,
}

impl DocumentFormatter {
    fn begin<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        let (compact, points) = match self.frames.last() {
            Some(parent) => (parent.compact || parent.points, parent.last_key == "points"),
            None => (false, false),
        };
        self.frames.push(WriteFrame {
            compact,
            points,
            has_value: false,
            last_key: String::new(),
        });
        writer.write_all(bracket)
    }

    fn end<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        if let Some(frame) = self.frames.pop()
            && frame.has_value
            && !frame.compact
        {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    fn element<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        let compact = self.frames.last().is_some_and(|frame| frame.compact);
        if compact {
            if !first {
                writer.write_all(b", ")?;
            }
            return Ok(());
        }
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn indent<W: ?Sized + io::Write>(&self, writer: &mut W) -> io::Result<()> {
        for _ in 0..self.frames.iter().filter(|frame| !frame.compact).count() {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn value_written(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.has_value = true;
        }
    }
}

impl serde_json::ser::Formatter for DocumentFormatter {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.element(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.value_written();
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.in_key = true;
        self.key.clear();
        self.element(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.in_key = false;
        if let Some(frame) = self.frames.last_mut() {
            frame.last_key = std::mem::take(&mut self.key);
        }
        Ok(())
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.value_written();
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if self.in_key {
            self.key.push_str(fragment);
        }
        writer.write_all(fragment.as_bytes())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::data::model::{Event, Point, Series, Status};

    fn sample() -> Dataset {
        let mut tariff = Point::new(Period::parse("2018-07-06").unwrap(), Some(6.7));
        tariff.set_status(Status::FromMemory);
        tariff.set_note(Some("PIIE \"chart\"".into()));
        Dataset {
            format_version: FORMAT_VERSION,
            title: "Trade".into(),
            notes: vec!["a note".into()],
            sources: vec!["Census".into()],
            as_of: Some("Census release of June 2026, data through April".into()),
            series: vec![
                Series {
                    name: "Balance".into(),
                    unit: "USD bn".into(),
                    step: false,
                    source: Some("Census".into()),
                    points: vec![
                        Point::new(Period::Year(2018), Some(-418.2329)),
                        Point::new(Period::Year(2019), None),
                    ],
                },
                Series {
                    name: "Tariff".into(),
                    unit: "%".into(),
                    step: true,
                    source: None,
                    points: vec![tariff],
                },
            ],
            events: vec![Event::new(
                Period::parse("2020-01-15").unwrap(),
                "Phase One",
            )],
        }
    }

    #[test]
    fn writes_one_point_per_line_and_reads_it_back() {
        let dataset = sample();
        let text = write(&dataset);
        assert!(text.ends_with("}\n"));
        assert!(text.contains("        [\"2018\", -418.2329],\n"), "{text}");
        assert!(text.contains(
            "{\"period\": \"2018-07-06\", \"value\": 6.7, \"status\": \"from-memory\", \"note\": \"PIIE \\\"chart\\\"\"}"
        ), "{text}");
        assert!(text.starts_with("{\n  \"tradechart\": 1,\n  \"title\": \"Trade\","));
        assert!(
            text.contains("\n  \"as_of\": \"Census release of June 2026, data through April\",\n")
        );
        assert_eq!(read(&text).unwrap(), dataset);
        assert_eq!(write(&read(&text).unwrap()), text);
    }

    #[test]
    fn an_empty_list_stays_on_its_line() {
        let mut dataset = sample();
        dataset.series[0].points.clear();
        assert!(write(&dataset).contains("\"points\": []"));
    }

    fn one_problem(text: &str) -> Problem {
        let problems = read(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    #[test]
    fn syntax_errors_say_what_was_found_where() {
        let problem = one_problem("{\n  \"title\": x\n}");
        assert_eq!((problem.line, problem.column), (Some(2), Some(12)));
        assert!(
            problem.message.starts_with("expected a JSON value"),
            "{problem:?}"
        );
        assert!(problem.message.ends_with("found \"x\""), "{problem:?}");
    }

    #[test]
    fn a_wrong_type_is_reworded() {
        let problem = one_problem("{\"title\": 5, \"series\": []}");
        assert_eq!(problem.message, "expected a string, found integer 5");
    }

    #[test]
    fn a_cut_short_file_says_so() {
        let problem = one_problem("{\"title\": \"x\", \"series\": [");
        assert!(problem.message.contains("cut short"), "{problem:?}");
    }

    #[test]
    fn a_bad_point_period_keeps_its_own_message() {
        let text = "{\"series\": [{\"name\": \"a\", \"points\": [\n  [\"2018\", 1],\n  [\"7/6/2018\", 2],\n  [\"2019\", 3]\n]}]}";
        let problem = one_problem(text);
        assert_eq!((problem.line, problem.column), (Some(3), Some(3)));
        assert!(
            problem.message.contains("day/month or month/day"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_point_with_a_text_value_is_explained() {
        let text = "{\"series\": [{\"name\": \"a\", \"points\": [[\"2018\", \"n/a\"]]}]}";
        let problem = one_problem(text);
        assert_eq!(
            problem.message,
            "expected the value as a number or null, found \"n/a\""
        );
    }

    #[test]
    fn validation_reports_everything_with_lines() {
        let text = "{\n\"series\": [\n {\"name\": \" \", \"points\": [\n  [\"2018\", 1],\n  [\"2018\", 2e16]\n ]}\n],\n\"events\": [\n {\"date\": \"2020-02-01\", \"end\": \"2020-01-01\", \"title\": \"\"}\n]\n}";
        let problems = read(text).unwrap_err();
        let lines: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(problems.len(), 5, "{lines:?}");
        assert_eq!(problems[0].line, Some(3));
        assert!(problems[0].message.contains("expected a series name"));
        assert_eq!(problems[1].line, Some(5));
        assert!(
            problems[1]
                .message
                .contains("found 2018 again (first at line 4)")
        );
        assert!(problems[2].message.contains("within ±1e15, found 2e16"));
        assert_eq!(problems[3].line, Some(9));
        assert!(problems[3].message.contains("expected an event title"));
        assert!(problems[4].message.contains("expected an end on or after"));
    }

    #[test]
    fn non_finite_values_are_refused_by_validation() {
        let mut dataset = sample();
        dataset.series[0].points[0].set_value(Some(f64::INFINITY));
        let problems = validate(&dataset);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("expected a finite number, found inf"),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].line, None);
        // A NaN is no value: a missing one (see `Point`).
        dataset.series[0].points[0].set_value(Some(f64::NAN));
        assert_eq!(dataset.series[0].points[0].value(), None);
        assert!(validate(&dataset).is_empty());
    }
}
