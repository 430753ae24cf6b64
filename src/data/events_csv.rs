//! Events tables as people make them, from a CSV file, a workbook sheet or a JSON
//! array: `date,title[,description][,category][,end_date][,source][,status]` and the
//! same with other names in any order (`Event Date,Description,IsMajorEvent`,
//! `effective_date,policy_event,Tariff Rate (%)`, `Date,Event,Actor`).
//!
//! Columns are told by their names, compared without case, spaces, `_` or `-`:
//! the date (`date`, `event date`, `effective date`, `announced`, …), the title
//! (`title`, `event`, `policy event`, `headline`, `description` when there is no other,
//! …), the description, category, end, source, status, announcement date, a yes/no
//! headline flag (`IsMajorEvent`, `major`, `key`), and rate columns beside the events
//! (`Tariff Rate (%)`), read as step series. Other columns (`Actor`, `Country`) are
//! kept in each event's description; ID and empty columns are skipped. Each decision
//! is said once in the notes [`read_with_series`] returns.
//!
//! Dates are read as written: ISO (`2018-07-06`, `2018-07`, `2018`), `July 6, 2018`,
//! `6 July 2018`, `Jul 6, 2018`, `2018/07/06`, and `6/7/2018` when the column itself
//! settles which is the day (a number above 12 somewhere, or every date on the 1st).

use std::collections::HashMap;

use super::dates;
use super::model::{Event, Point, Series, Status};
use super::number::{self, Cell};
use super::period::{Frequency, Period};
use super::problem::{Problem, Problems};
use super::table::{Row, Table, row_has_header_width};
use super::unit::{self, Unit};

// Column names as compared: lower case, letters and digits only (`Event Date` →
// `eventdate`, `end_date` → `enddate`). Earlier names win over later ones.

/// Names of the column holding an event's (first or effective) date.
pub const DATE_COLUMNS: &[&str] = &[
    "date",
    "eventdate",
    "effectivedate",
    "dateeffective",
    "startdate",
    "datestart",
    "start",
    "effective",
    "day",
    "when",
];
/// Names of the column holding the day an event was announced; the date itself when
/// there is no other date column.
pub const ANNOUNCED_COLUMNS: &[&str] = &[
    "announced",
    "announceddate",
    "announcementdate",
    "dateannounced",
    "dateofannouncement",
    "announcement",
];
/// Names of the column holding an event's title, the most telling first: a
/// `description` is the title only when there is no other.
pub const TITLE_COLUMNS: &[&str] = &[
    "title",
    "event",
    "events",
    "policyevent",
    "eventname",
    "eventtitle",
    "headline",
    "name",
    "action",
    "measure",
    "summary",
    "description",
    "details",
];
pub const DESCRIPTION_COLUMNS: &[&str] = &[
    "description",
    "eventdescription",
    "details",
    "detail",
    "summary",
    "notes",
    "note",
    "comment",
    "comments",
    "remarks",
    "explanation",
];
pub const CATEGORY_COLUMNS: &[&str] = &[
    "category",
    "type",
    "kind",
    "eventtype",
    "eventcategory",
    "eventkind",
    "actiontype",
    "measuretype",
    "tag",
    "tags",
    "topic",
    "theme",
];
/// Names of the column holding the last day of a span.
pub const END_COLUMNS: &[&str] = &[
    "enddate",
    "end",
    "dateend",
    "until",
    "expirationdate",
    "expiration",
    "expires",
    "expiry",
];
pub const SOURCE_COLUMNS: &[&str] = &[
    "source",
    "sources",
    "url",
    "link",
    "sourceurl",
    "sourcelink",
    "reference",
    "references",
    "citation",
];
/// Names of the column saying how sure the event is.
pub const STATUS_COLUMNS: &[&str] = &["status", "confidence"];
/// Names of a yes/no column marking headline events. `highlight` is always the flag;
/// the others only when every cell is yes/no, y/n, true/false, 1/0, x or empty.
pub const HIGHLIGHT_COLUMNS: &[&str] = &[
    "highlight",
    "key",
    "headline",
    "major",
    "ismajor",
    "ismajorevent",
    "majorevent",
    "keyevent",
    "iskeyevent",
    "isheadline",
    "important",
    "isimportant",
    "milestone",
    "ismilestone",
];
/// Words that make a yes/no column the headline flag (`IsMajorEvent`, `Key event?`).
const HIGHLIGHT_WORDS: &[&str] = &[
    "major",
    "highlight",
    "highlighted",
    "headline",
    "important",
    "milestone",
    "key",
    "notable",
    "significant",
    "featured",
    "starred",
];
/// Words that make a column of numbers a rate beside the events, read as a step series.
const RATE_WORDS: &[&str] = &[
    "rate", "rates", "tariff", "tariffs", "duty", "duties", "pct", "percent", "etr",
];
/// Names of columns that number the rows rather than say anything: skipped.
const ID_COLUMNS: &[&str] = &[
    "",
    "id",
    "no",
    "nr",
    "num",
    "number",
    "index",
    "row",
    "rownumber",
    "seq",
    "sequence",
];
/// Titles that a wide data file also uses for its column of notes: beside columns of
/// numbers, such a table is data with events, not events with data.
const WIDE_NOTE_TITLES: &[&str] = &["event", "events", "note", "notes", "name"];
/// Names of a long table's one value column: such a table is never events.
const VALUE_COLUMNS: &[&str] = &["value", "values", "obsvalue"];
/// End-date cells that mean the span has not ended.
const OPEN_END_WORDS: &[&str] = &["ongoing", "present", "current", "open", "none", "tbd"];

/// What an events table holds: the events, the step series of rate columns beside
/// them, and every decision taken, in plain words, for the dataset's notes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventsRead {
    /// In the order of the rows.
    pub events: Vec<Event>,
    /// One step series per rate column (`Tariff Rate (%)`), a point per event date.
    pub series: Vec<Series>,
    /// "Read as events: date from \"Event Date\", title from \"Description\"", …
    pub notes: Vec<String>,
}

/// True for a table with a date column, a title column of mostly text, and at most
/// two columns of numbers beside them that read as a tariff tracker's rates or an
/// events table's amounts: an events table, not a wide data file that happens to have
/// an `event` column (`year,exports,imports,event`) nor a long one (`series,date,value`).
pub fn looks_like_events(table: &Table) -> bool {
    Plan::find(table).is_some_and(|plan| plan.looks_like_events(table))
}

/// True when the table has a date and a title column by their names, whatever its
/// cells hold: what a bare JSON array of objects needs to be read as events.
pub fn finds_columns(table: &Table) -> bool {
    Plan::find(table).is_some()
}

/// Reads every row into an event, or returns every problem found (up to the cap).
/// Rate columns are left out; [`read_with_series`] reads them too.
pub fn read(table: &Table) -> Result<Vec<Event>, Vec<Problem>> {
    read_with_series(table).map(|read| read.events)
}

/// Reads every row into an event, and each rate column beside them into a step
/// series, saying each decision in the notes; or returns every problem found (up to
/// the cap), each at its line and column.
pub fn read_with_series(table: &Table) -> Result<EventsRead, Vec<Problem>> {
    let Some(plan) = Plan::find(table) else {
        return Err(vec![missing_columns(table)]);
    };
    if table.rows.is_empty() {
        return Err(vec![Problem::at(
            table.header_line,
            1,
            "expected event rows after the header, found none",
        )]);
    }
    let mut notes = plan.notes(table);
    let mut date_columns = vec![(plan.date, false)];
    let end_slot = plan.end.map(|index| {
        date_columns.push((index, true));
        date_columns.len() - 1
    });
    let announced_slot = plan.announced.map(|index| {
        date_columns.push((index, false));
        date_columns.len() - 1
    });
    let dates = read_date_columns(table, &date_columns);
    notes.extend(dates.notes.iter().cloned());
    let mut series = Vec::new();
    let mut described = plan.described.clone();
    for &index in &plan.rates {
        match rate_series(table, index, &dates) {
            Ok(one) => {
                notes.push(format!(
                    "Column \"{}\" read as a step series{}",
                    header(table, index),
                    if one.unit.is_empty() {
                        String::new()
                    } else {
                        format!(" in {}", one.unit)
                    }
                ));
                series.push(one);
            }
            Err(reason) => {
                notes.push(format!(
                    "Column \"{}\" kept in the event descriptions, not read as a step series: {reason}",
                    header(table, index)
                ));
                described.push(index);
            }
        }
    }
    described.sort_unstable();
    let columns = RowColumns {
        plan: &plan,
        described: &described,
        dates: &dates,
        end_slot,
        announced_slot,
    };
    let mut problems = Problems::new();
    let mut events = Vec::with_capacity(table.rows.len());
    for (index, row) in table.rows.iter().enumerate() {
        if problems.is_full() {
            break;
        }
        if !row_has_header_width(table, row, &mut problems) {
            continue;
        }
        if let Some(event) = columns.read_event(table, index, row, &mut problems) {
            events.push(event);
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(EventsRead {
        events,
        series,
        notes,
    })
}

/// Reads a status as people write it: `verified-from-source`/`reported`, `from-memory`,
/// `estimated`/`estimate`, `planned`/`projected`, `postponed`/`cancelled`,
/// `unverified`; empty is reported.
pub fn parse_status(text: &str) -> Result<Status, String> {
    let key: String = text
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect();
    match key.as_str() {
        "" | "reported" | "verified" | "verified-from-source" => Ok(Status::Reported),
        "from-memory" | "memory" => Ok(Status::FromMemory),
        "estimated" | "estimate" => Ok(Status::Estimated),
        "planned" | "projected" | "projection" => Ok(Status::Planned),
        "postponed" | "cancelled" | "canceled" => Ok(Status::Postponed),
        "unverified" | "outcome-unknown" => Ok(Status::Unverified),
        _ => Err(format!(
            "expected a status (verified-from-source, reported, from-memory, estimated, planned, postponed or unverified), found \"{}\"",
            text.trim()
        )),
    }
}

// ---------------------------------------------------------------------------------
// Which column is what

/// What the cells of one column hold, counted once.
#[derive(Clone, Debug, Default)]
struct ColumnFacts {
    /// Cells that are not empty.
    filled: usize,
    /// Cells that read as numbers.
    numbers: usize,
    /// Cells with a missing-value mark (`n/a`, `-`, `.`).
    missing: usize,
    /// Some number was written with `%`.
    percent: bool,
    /// The first cell that is neither a number nor a missing mark: line and text.
    first_text: Option<(usize, String)>,
    /// Cells that read as yes or no.
    yes_no: usize,
    /// Cells that read as a status word.
    statuses: usize,
}

impl ColumnFacts {
    fn of(table: &Table, index: usize) -> ColumnFacts {
        let mut facts = ColumnFacts::default();
        for row in &table.rows {
            let text = cell(row, index).trim();
            if text.is_empty() {
                continue;
            }
            facts.filled += 1;
            match number::parse_cell(text, table.decimal_comma) {
                Ok(Cell::Number { percent, .. }) => {
                    facts.numbers += 1;
                    facts.percent |= percent;
                }
                Ok(Cell::Missing) => facts.missing += 1,
                Err(_) => {
                    if facts.first_text.is_none() {
                        facts.first_text = Some((row.line, text.to_string()));
                    }
                }
            }
            if yes_no(text).is_some() {
                facts.yes_no += 1;
            }
            if text.len() <= 24 && parse_status(text).is_ok() {
                facts.statuses += 1;
            }
        }
        facts
    }

    /// Every filled cell is a number or a missing mark, and some are numbers.
    fn is_numeric(&self) -> bool {
        self.numbers > 0 && self.numbers + self.missing == self.filled
    }

    /// Most filled cells are text, not numbers.
    fn is_mostly_text(&self) -> bool {
        self.filled == 0 || (self.filled - self.numbers - self.missing) * 2 > self.filled
    }
}

/// Where each column of an events table goes, by 0-based index.
#[derive(Clone, Debug)]
struct Plan {
    date: usize,
    title: usize,
    description: Option<usize>,
    category: Option<usize>,
    end: Option<usize>,
    source: Option<usize>,
    status: Option<usize>,
    highlight: Option<usize>,
    announced: Option<usize>,
    /// Columns of numbers whose names say rate, tariff or duty: step series.
    rates: Vec<usize>,
    /// Other columns of numbers (amounts per event): kept in the descriptions.
    numbers: Vec<usize>,
    /// Every column kept in the descriptions as `Name: value`, in header order.
    described: Vec<usize>,
    /// Why some described columns are not what their names say, for the notes.
    described_why: Vec<(usize, String)>,
    /// Columns left out: ID columns and empty ones, with the reason.
    skipped: Vec<(usize, &'static str)>,
    facts: Vec<ColumnFacts>,
    keys: Vec<String>,
}

/// True when some header (by its key or its words) names a date and some a title.
fn names_a_date_and_a_title(keys: &[String], words: &[Vec<String>]) -> bool {
    let date_named = |(key, words): (&String, &Vec<String>)| {
        DATE_COLUMNS.contains(&key.as_str())
            || ANNOUNCED_COLUMNS.contains(&key.as_str())
            || is_date_by_words(words)
    };
    let title_named = |(key, words): (&String, &Vec<String>)| {
        TITLE_COLUMNS.contains(&key.as_str()) || is_title_by_words(words)
    };
    keys.iter().zip(words).any(date_named) && keys.iter().zip(words).any(title_named)
}

impl Plan {
    /// The columns of an events table, if it has a date and a title column.
    fn find(table: &Table) -> Option<Plan> {
        let keys: Vec<String> = table.header.iter().map(|h| column_key(h)).collect();
        let words: Vec<Vec<String>> = table.header.iter().map(|h| header_words(h)).collect();
        // By names alone first: most tables are not events, and reading their cells
        // would cost time on a large file.
        if !names_a_date_and_a_title(&keys, &words) {
            return None;
        }
        let facts: Vec<ColumnFacts> = (0..keys.len())
            .map(|index| ColumnFacts::of(table, index))
            .collect();
        let mut claimed = vec![false; keys.len()];
        let claim = |found: Option<usize>, claimed: &mut Vec<bool>| {
            if let Some(index) = found {
                claimed[index] = true;
            }
            found
        };
        let date = pick(&keys, &claimed, DATE_COLUMNS, |_| true)
            .or_else(|| pick(&keys, &claimed, ANNOUNCED_COLUMNS, |_| true))
            .or_else(|| (0..keys.len()).find(|&i| !claimed[i] && is_date_by_words(&words[i])));
        let date = claim(date, &mut claimed)?;
        let announced = claim(
            pick(&keys, &claimed, ANNOUNCED_COLUMNS, |_| true),
            &mut claimed,
        );
        let end = claim(pick(&keys, &claimed, END_COLUMNS, |_| true), &mut claimed);
        let highlight = pick(&keys, &claimed, &["highlight"], |_| true).or_else(|| {
            (0..keys.len()).find(|&i| {
                !claimed[i]
                    && (HIGHLIGHT_COLUMNS.contains(&keys[i].as_str())
                        || words[i]
                            .iter()
                            .any(|w| HIGHLIGHT_WORDS.contains(&w.as_str())))
                    && facts[i].yes_no == facts[i].filled
            })
        });
        let highlight = claim(highlight, &mut claimed);
        let title = pick(&keys, &claimed, TITLE_COLUMNS, |_| true)
            .or_else(|| (0..keys.len()).find(|&i| !claimed[i] && is_title_by_words(&words[i])));
        let title = claim(title, &mut claimed)?;
        let description = claim(
            pick(&keys, &claimed, DESCRIPTION_COLUMNS, |_| true),
            &mut claimed,
        );
        let category = claim(
            pick(&keys, &claimed, CATEGORY_COLUMNS, |_| true),
            &mut claimed,
        );
        let source = claim(
            pick(&keys, &claimed, SOURCE_COLUMNS, |_| true),
            &mut claimed,
        );
        // A tracker's own status words (`In effect`, `Suspended`) are kept as text.
        let status = claim(
            pick(&keys, &claimed, STATUS_COLUMNS, |i| {
                keys[i] == "confidence" || facts[i].statuses * 2 >= facts[i].filled
            }),
            &mut claimed,
        );
        let mut plan = Plan {
            date,
            title,
            description,
            category,
            end,
            source,
            status,
            highlight,
            announced,
            rates: Vec::new(),
            numbers: Vec::new(),
            described: Vec::new(),
            described_why: Vec::new(),
            skipped: Vec::new(),
            facts: Vec::new(),
            keys: Vec::new(),
        };
        for index in (0..keys.len()).filter(|&i| !claimed[i]) {
            let facts = &facts[index];
            let is_rate = words[index]
                .iter()
                .any(|word| RATE_WORDS.contains(&word.as_str()))
                || unit::name_and_unit_from_header(&table.header[index])
                    .1
                    .is_some_and(|unit| unit.is_percent());
            if facts.filled == 0 {
                plan.skipped.push((index, "empty"));
            } else if ID_COLUMNS.contains(&keys[index].as_str()) && !keys[index].is_empty()
                || words[index].last().is_some_and(|word| word == "id")
                || (keys[index].is_empty() || keys[index].starts_with("unnamed"))
                    && facts.is_numeric()
            {
                plan.skipped.push((index, "ID"));
            } else if is_rate && facts.is_numeric() {
                plan.rates.push(index);
            } else if facts.is_numeric() {
                plan.numbers.push(index);
                plan.described.push(index);
            } else {
                if is_rate
                    && facts.numbers > 0
                    && let Some((line, text)) = &facts.first_text
                {
                    plan.described_why
                        .push((index, format!("\"{text}\" on line {line} is not a number")));
                } else if STATUS_COLUMNS.contains(&keys[index].as_str()) {
                    plan.described_why.push((
                        index,
                        "its words are not the statuses reported, estimated or planned".to_string(),
                    ));
                }
                plan.described.push(index);
            }
        }
        plan.facts = facts;
        plan.keys = keys;
        Some(plan)
    }

    /// The table's cells agree with what its names say: a column of dates, a title
    /// column of text, and columns of numbers only as an events table has them.
    fn looks_like_events(&self, table: &Table) -> bool {
        let date_facts = &self.facts[self.date];
        let dates = table
            .rows
            .iter()
            .filter(|row| {
                let text = cell(row, self.date).trim();
                !text.is_empty() && looks_like_date(text)
            })
            .count();
        if dates * 2 < date_facts.filled {
            return false;
        }
        let title = &self.facts[self.title];
        if !title.is_mostly_text() {
            return false;
        }
        // A column of numbers beside events needs a title on every row: a wide file
        // has its notes on a few periods only (`date,US tariff (%),Event`).
        // Titles on (nearly) every row: one forgotten title is a problem to report at
        // its cell, not a reason to read the file as a wide table.
        let titled_rows = title.filled * 5 >= table.rows.len() * 4;
        if self.rates.len() + self.numbers.len() > 2 {
            return false;
        }
        if !self.rates.is_empty() && !titled_rows {
            return false;
        }
        if !self.numbers.is_empty() {
            let title_key = self.keys[self.title].as_str();
            let value_column = self
                .numbers
                .iter()
                .any(|&index| VALUE_COLUMNS.contains(&self.keys[index].as_str()));
            if !titled_rows || WIDE_NOTE_TITLES.contains(&title_key) || value_column {
                return false;
            }
        }
        true
    }

    /// The decisions worth saying: every column not read under its usual name.
    fn notes(&self, table: &Table) -> Vec<String> {
        let mut notes = Vec::new();
        let key = |index: usize| self.keys[index].as_str();
        if key(self.date) != "date" || key(self.title) != "title" {
            notes.push(format!(
                "Read as events: date from \"{}\", title from \"{}\"",
                header(table, self.date),
                header(table, self.title)
            ));
        }
        if let Some(index) = self.highlight
            && key(index) != "highlight"
        {
            notes.push(format!(
                "Column \"{}\" read as the headline flag",
                header(table, index)
            ));
        }
        let roles = [
            (self.announced, "the announcement date", &["announced"][..]),
            (self.end, "the end date", &["enddate", "end"][..]),
            (self.description, "the description", &["description"][..]),
            (self.category, "the category", &["category"][..]),
            (self.source, "the source", &["source"][..]),
        ];
        for (index, role, usual) in roles {
            if let Some(index) = index
                && !usual.contains(&key(index))
            {
                notes.push(format!(
                    "Column \"{}\" read as {role}",
                    header(table, index)
                ));
            }
        }
        let plain: Vec<usize> = self
            .described
            .iter()
            .copied()
            .filter(|index| !self.described_why.iter().any(|(i, _)| i == index))
            .collect();
        if !plain.is_empty() {
            notes.push(format!(
                "{} kept in the event descriptions",
                column_list(table, &plain, true)
            ));
        }
        for (index, why) in &self.described_why {
            notes.push(format!(
                "Column \"{}\" kept in the event descriptions: {why}",
                header(table, *index)
            ));
        }
        for reason in ["ID", "empty"] {
            let skipped: Vec<usize> = self
                .skipped
                .iter()
                .filter(|(_, r)| *r == reason)
                .map(|(index, _)| *index)
                .collect();
            if !skipped.is_empty() {
                notes.push(format!(
                    "Skipped {reason} {}",
                    column_list(table, &skipped, false)
                ));
            }
        }
        notes
    }
}

/// `Column "A"` or `Columns "A", "B"` (in lower case after a word: `column "A"`).
fn column_list(table: &Table, indexes: &[usize], capital: bool) -> String {
    let names: Vec<String> = indexes
        .iter()
        .map(|&index| format!("\"{}\"", header(table, index)))
        .collect();
    let noun = match (names.len() == 1, capital) {
        (true, true) => "Column",
        (true, false) => "column",
        (false, true) => "Columns",
        (false, false) => "columns",
    };
    format!("{noun} {}", names.join(", "))
}

/// The first unclaimed column, by the order of `names`, whose key is one of them and
/// that `fits`.
fn pick(
    keys: &[String],
    claimed: &[bool],
    names: &[&str],
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    names.iter().find_map(|name| {
        keys.iter()
            .enumerate()
            .find(|(index, key)| key == name && !claimed[*index] && fits(*index))
            .map(|(index, _)| index)
    })
}

/// A header as compared with known names: lower case, letters and digits only.
fn column_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A header's words in lower case, split at anything not a letter or digit and where
/// a capital follows a small letter (`IsMajorEvent` → is, major, event).
fn header_words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in header.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `Date of action`, `Implementation date`: a date column by its words, unless the
/// words say it is the end of something or an update.
fn is_date_by_words(words: &[String]) -> bool {
    let has = |names: &[&str]| words.iter().any(|w| names.contains(&w.as_str()));
    has(&["date"])
        && !has(&[
            "end",
            "until",
            "expiry",
            "expiration",
            "update",
            "updated",
            "modified",
            "birth",
        ])
}

/// `Event name`, `Key events`: a title column by its words, unless the words say it
/// is an ID, a kind, a count or a date.
fn is_title_by_words(words: &[String]) -> bool {
    let has = |names: &[&str]| words.iter().any(|w| names.contains(&w.as_str()));
    has(&["event", "events", "title", "headline"])
        && !has(&[
            "id", "type", "category", "kind", "count", "number", "no", "date", "code",
        ])
}

/// The problem for a table (such as a workbook's `Events` sheet) that lacks a date or
/// a title column.
fn missing_columns(table: &Table) -> Problem {
    let found = table.header.join(",");
    let has_date = table.header.iter().any(|header| {
        let key = column_key(header);
        DATE_COLUMNS.contains(&key.as_str())
            || ANNOUNCED_COLUMNS.contains(&key.as_str())
            || is_date_by_words(&header_words(header))
    });
    let wanted = if has_date {
        "a title column (title, event, headline, name or description)"
    } else {
        "a date column (date, event date, effective date, start date or announced)"
    };
    Problem::at(
        table.header_line.max(1),
        1,
        format!("expected {wanted} in the events header, found \"{found}\""),
    )
}

/// The header of a column, trimmed, as the notes name it.
fn header(table: &Table, index: usize) -> &str {
    table.header.get(index).map_or("", |text| text.trim())
}

/// The cell at 0-based `index`, or an empty text past the end of a short row.
fn cell(row: &Row, index: usize) -> &str {
    row.cells.get(index).map_or("", String::as_str)
}

/// A yes/no cell as people write it: yes/no, y/n, true/false, 1/0, x (and ✓).
fn yes_no(text: &str) -> Option<bool> {
    const YES: [&str; 9] = ["yes", "y", "true", "t", "1", "1.0", "x", "✓", "✔"];
    const NO: [&str; 6] = ["no", "n", "false", "f", "0", "0.0"];
    let text = text.trim();
    // Compared without lower-casing into a new string: every cell of a large table
    // with an events-like header passes here.
    let is = |words: &[&str]| words.iter().any(|word| word.eq_ignore_ascii_case(text));
    if is(&YES) {
        Some(true)
    } else if is(&NO) {
        Some(false)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------
// Rows into events

/// What reading a row needs: where each column goes and the dates read already.
struct RowColumns<'a> {
    plan: &'a Plan,
    described: &'a [usize],
    dates: &'a DateColumns,
    end_slot: Option<usize>,
    announced_slot: Option<usize>,
}

impl RowColumns<'_> {
    /// Reads the row at `index`, reporting each thing wrong with it.
    fn read_event(
        &self,
        table: &Table,
        index: usize,
        row: &Row,
        problems: &mut Problems,
    ) -> Option<Event> {
        let plan = self.plan;
        let date = match self.dates.cell(0, index) {
            DateCell::Read(date) => Some(date),
            DateCell::Empty => {
                problems.push(Problem::at(
                    row.line,
                    plan.date + 1,
                    "expected a date such as 2018-07-06 or July 6, 2018, found an empty cell",
                ));
                None
            }
            DateCell::Bad(message) => {
                problems.push(Problem::at(row.line, plan.date + 1, message));
                None
            }
            DateCell::Unread => None,
        };
        let title = cell(row, plan.title).trim();
        if title.is_empty() {
            problems.push(Problem::at(
                row.line,
                plan.title + 1,
                "expected an event title, found an empty cell",
            ));
        }
        let end = self.read_end(index, row, date, problems);
        let announced = self.read_announced(index, row, date, problems);
        let status = match plan.status {
            Some(column) => match parse_status(cell(row, column)) {
                Ok(status) => status,
                Err(message) => {
                    problems.push(Problem::at(row.line, column + 1, message));
                    Status::Reported
                }
            },
            None => Status::Reported,
        };
        let text_of = |column: Option<usize>| column.map_or("", |column| cell(row, column).trim());
        let source = text_of(plan.source);
        let mut description: Vec<String> = Vec::new();
        if !text_of(plan.description).is_empty() {
            description.push(text_of(plan.description).to_string());
        }
        for &column in self.described {
            let text = cell(row, column).trim();
            let name = header(table, column);
            if text.is_empty() {
                continue;
            }
            description.push(if name.is_empty() {
                text.to_string()
            } else {
                format!("{name}: {text}")
            });
        }
        let date = date?;
        if title.is_empty() {
            return None;
        }
        Some(Event {
            date,
            announced,
            end,
            title: title.to_string(),
            description: description.join("\n"),
            category: text_of(plan.category).to_string(),
            source: (!source.is_empty()).then(|| source.to_string()),
            status,
            highlight: yes_no(text_of(plan.highlight)).unwrap_or(false),
        })
    }

    /// The row's end date, if given; the span must not end before it starts.
    fn read_end(
        &self,
        index: usize,
        row: &Row,
        date: Option<Period>,
        problems: &mut Problems,
    ) -> Option<Period> {
        let (column, slot) = (self.plan.end?, self.end_slot?);
        let text = cell(row, column).trim();
        match self.dates.cell(slot, index) {
            DateCell::Read(end) => {
                if let Some(start) = date
                    && end.end_day() <= start.first_day()
                {
                    problems.push(Problem::at(
                        row.line,
                        column + 1,
                        format!(
                            "expected an end date on or after the start {start}, found \"{text}\""
                        ),
                    ));
                }
                Some(end)
            }
            DateCell::Empty | DateCell::Unread => None,
            DateCell::Bad(message) => {
                problems.push(Problem::at(row.line, column + 1, message));
                None
            }
        }
    }

    /// The row's announcement date, if given; it must not be after the effective date.
    fn read_announced(
        &self,
        index: usize,
        row: &Row,
        date: Option<Period>,
        problems: &mut Problems,
    ) -> Option<Period> {
        let (column, slot) = (self.plan.announced?, self.announced_slot?);
        match self.dates.cell(slot, index) {
            DateCell::Read(announced) => {
                if let Some(effective) = date
                    && announced.first_day() > effective.first_day()
                {
                    problems.push(Problem::at(
                        row.line,
                        column + 1,
                        format!(
                            "expected an announcement on or before the effective date {effective}, found \"{}\"",
                            cell(row, column).trim()
                        ),
                    ));
                }
                Some(announced)
            }
            DateCell::Empty | DateCell::Unread => None,
            DateCell::Bad(message) => {
                problems.push(Problem::at(row.line, column + 1, message));
                None
            }
        }
    }
}

/// A rate column as a step series, one point per event date; or why not (two
/// different rates on one date).
fn rate_series(table: &Table, index: usize, dates: &DateColumns) -> Result<Series, String> {
    let mut points: Vec<Point> = Vec::new();
    let mut seen: HashMap<Period, (f64, usize)> = HashMap::new();
    let mut percent = false;
    for (row_index, row) in table.rows.iter().enumerate() {
        let DateCell::Read(date) = dates.cell(0, row_index) else {
            continue;
        };
        let Ok(Cell::Number {
            value,
            percent: cell_percent,
            ..
        }) = number::parse_cell(cell(row, index), table.decimal_comma)
        else {
            continue;
        };
        percent |= cell_percent;
        match seen.get(&date) {
            Some(&(first, _)) if first == value => {}
            Some(&(first, line)) => {
                return Err(format!(
                    "{date} has two rates, {} (line {line}) and {} (line {})",
                    first, value, row.line
                ));
            }
            None => {
                seen.insert(date, (value, row.line));
                points.push(Point::new(date, Some(value)));
            }
        }
    }
    points.sort_by_key(|point| (point.period.first_day(), point.period.resolution()));
    let (name, unit) = unit::name_and_unit_from_header(header(table, index));
    let unit = match unit {
        Some(unit) => unit,
        None if percent => Unit::parse("%"),
        None => Unit::default(),
    };
    Ok(Series {
        name,
        unit,
        step: true,
        source: None,
        points,
    })
}

// ---------------------------------------------------------------------------------
// Dates as people write them

/// One date cell as read.
#[derive(Clone, Debug, PartialEq)]
enum DateCell {
    Empty,
    Read(Period),
    /// Not a date: the problem's message.
    Bad(String),
    /// Left unread because other cells of its column are not dates: the file is
    /// refused for those.
    Unread,
}

/// The date columns of an events table read together: each column's cells by row, and
/// the notes on how.
struct DateColumns {
    columns: Vec<Vec<DateCell>>,
    notes: Vec<String>,
}

impl DateColumns {
    fn cell(&self, slot: usize, row_index: usize) -> DateCell {
        self.columns
            .get(slot)
            .and_then(|cells| cells.get(row_index))
            .cloned()
            .unwrap_or(DateCell::Empty)
    }
}

/// Reads the date columns (the date, then the end and the announcement date; `true`
/// where a word such as `ongoing` means no date). Each cell is read as written
/// (`2018-07-06`, `2018-07`, `2018`, `July 6, 2018`, `6 July 2018`, `2018/07/06`): an
/// event on the 1st of a month is on that day, not in that month. Dates such as
/// `6/7/2018` are read by [`dates::read_column`] over every such cell of the table at
/// once, so the file settles which number is the day (one above 12, or every date on
/// the 1st); never in a column that also has dates written otherwise.
fn read_date_columns(table: &Table, columns: &[(usize, bool)]) -> DateColumns {
    let mut read: Vec<Vec<DateCell>> = Vec::with_capacity(columns.len());
    let mut notes: Vec<String> = Vec::new();
    // (slot, row index, text) of every `a/b/yyyy` cell to settle together.
    let mut pairs: Vec<(usize, usize, String)> = Vec::new();
    for (slot, &(column, open_words)) in columns.iter().enumerate() {
        let texts: Vec<String> = table
            .rows
            .iter()
            .map(|row| {
                let text = cell(row, column).trim();
                if open_words && OPEN_END_WORDS.contains(&text.to_lowercase().as_str()) {
                    String::new()
                } else {
                    normalized_date(text)
                }
            })
            .collect();
        let written_otherwise = texts.iter().any(|text| !text.is_empty() && !is_pair(text));
        let mut cells = Vec::with_capacity(texts.len());
        for (row_index, text) in texts.iter().enumerate() {
            cells.push(if text.is_empty() {
                DateCell::Empty
            } else if is_pair(text) {
                if written_otherwise {
                    DateCell::Bad(format!(
                        "expected a date written year first (2018-07-06) like the others in its column, found \"{text}\": day/month or month/day is not guessed from one date"
                    ))
                } else {
                    pairs.push((slot, row_index, text.clone()));
                    DateCell::Unread
                }
            } else {
                read_date_cell(header(table, column), text, &mut notes)
            });
        }
        read.push(cells);
    }
    if let Some(&(slot, ..)) = pairs.first() {
        let column = columns.get(slot).map_or(0, |(column, _)| *column);
        let texts: Vec<&str> = pairs.iter().map(|(_, _, text)| text.as_str()).collect();
        match dates::read_column(header(table, column), &texts, Some(Frequency::Daily)) {
            Ok(found) => {
                for ((slot, row_index, _), period) in pairs.iter().zip(found.periods) {
                    if let Some(cell) = read.get_mut(*slot).and_then(|c| c.get_mut(*row_index)) {
                        *cell = period.map_or(DateCell::Empty, DateCell::Read);
                    }
                }
                // Days were asked for: a note that the dates say months is no news.
                notes.extend(
                    found
                        .notes
                        .into_iter()
                        .filter(|note| !note.ends_with("as asked (the dates say months)")),
                );
            }
            Err(errors) => {
                for (index, message) in errors {
                    if let Some((slot, row_index, _)) = pairs.get(index)
                        && let Some(cell) = read.get_mut(*slot).and_then(|c| c.get_mut(*row_index))
                    {
                        *cell = DateCell::Bad(message);
                    }
                }
            }
        }
    }
    DateColumns {
        columns: read,
        notes,
    }
}

/// One date cell read on its own: as the app's own periods are written, else as
/// [`dates::read_column`] reads a column of that one cell (a single date stays a day).
fn read_date_cell(header: &str, text: &str, notes: &mut Vec<String>) -> DateCell {
    let iso_error = match Period::parse(text) {
        Ok(period) => return DateCell::Read(period),
        Err(error) => error.0,
    };
    match dates::read_column(header, &[text], None) {
        Ok(found) => match found.periods.first().copied().flatten() {
            Some(period) => {
                for note in found.notes {
                    // One note of each kind: "Dates written 20180706 read as …".
                    let kind = note.split('"').next().unwrap_or("").to_string();
                    if !notes.iter().any(|seen| seen.starts_with(&kind)) {
                        notes.push(note);
                    }
                }
                DateCell::Read(period)
            }
            None => DateCell::Bad(format!(
                "expected a date such as 2018-07-06 or July 6, 2018, found \"{text}\""
            )),
        },
        // Digits and dashes are what the app's own periods are written with: their
        // message says which part is wrong (`99999` is no year).
        Err(errors) => DateCell::Bad(if text.chars().any(|c| c.is_alphabetic() || c == '/') {
            errors
                .into_iter()
                .next()
                .map_or(iso_error, |(_, message)| message)
        } else {
            iso_error
        }),
    }
}

/// `6/7/2018`, `06.07.2018`, `6-7-2018` (with a time after it or not): a date whose
/// day and month only its column can tell apart.
fn is_pair(text: &str) -> bool {
    let date = match text.split_once(' ') {
        Some((date, time)) if time.contains(':') => date,
        _ => text,
    };
    let Some(separator) = date.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let parts: Vec<&str> = date.split(separator).collect();
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(parts.as_slice(), [first, second, year]
        if digits(first, 1..=2) && digits(second, 1..=2) && digits(year, 4..=4))
}

/// True for a cell that reads as a date on its own (in either order for `6/7/2018`):
/// for telling an events table by its cells.
fn looks_like_date(text: &str) -> bool {
    let text = normalized_date(text);
    Period::parse(&text).is_ok() || dates::looks_like_period(&text)
}

/// A date as written in a timeline, made plain: `Friday, July 6th, 2018` →
/// `July 6, 2018`.
fn normalized_date(text: &str) -> String {
    let mut text = text.trim();
    let first_word_end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    if first_word_end >= 3 && first_word_end < text.len() {
        let word = text.get(..first_word_end).unwrap_or("").to_lowercase();
        if WEEKDAYS.iter().any(|day| day.starts_with(&word)) {
            text = text
                .get(first_word_end..)
                .unwrap_or("")
                .trim_start_matches(|c: char| c == ',' || c == '.' || c.is_whitespace());
        }
    }
    // `6th`, `1st`, `22nd`, `3rd`: the day without its ending.
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = rest.get(c.len_utf8()..).unwrap_or("");
        plain.push(c);
        if c.is_ascii_digit() {
            let lower = rest.get(..2).map(str::to_ascii_lowercase);
            let after_is_letter = rest
                .get(2..)
                .and_then(|after| after.chars().next())
                .is_some_and(char::is_alphabetic);
            if lower.is_some_and(|end| ["st", "nd", "rd", "th"].contains(&end.as_str()))
                && !after_is_letter
            {
                rest = rest.get(2..).unwrap_or("");
            }
        }
    }
    plain
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

#[cfg(test)]
// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::data::text::read_csv_table;

    fn table(text: &str) -> Table {
        read_csv_table(text).unwrap()
    }

    fn problems(text: &str) -> Vec<Problem> {
        read(&table(text)).unwrap_err()
    }

    #[test]
    fn reads_all_columns_in_any_order() {
        let events = read(&table(
            "source,title,end_date,date,category,description,confidence\nPIIE,Truce,2019-03-01,2018-12-01,agreement,90 days,from-memory\n",
        ))
        .unwrap();
        let event = &events[0];
        assert_eq!(event.title, "Truce");
        assert_eq!(event.date.to_string(), "2018-12-01");
        assert_eq!(
            event.end.map(|end| end.to_string()).as_deref(),
            Some("2019-03-01")
        );
        assert_eq!(event.category, "agreement");
        assert_eq!(event.description, "90 days");
        assert_eq!(event.source.as_deref(), Some("PIIE"));
        assert_eq!(event.status, Status::FromMemory);
    }

    #[test]
    fn accepts_start_and_event_as_column_names() {
        let events = read(&table(
            "Start Date,Event,End\n2025-05-10,Geneva,2025-05-12\n",
        ))
        .unwrap();
        assert_eq!(events[0].title, "Geneva");
        assert!(events[0].end.is_some());
        assert_eq!(events[0].source, None);
    }

    #[test]
    fn reads_an_announcement_before_the_effective_date() {
        let events = read(&table(
            "announced,effective_date,title\n2025-04-02,2025-04-09,Reciprocal tariffs\n,2025-05-12,Geneva\n",
        ))
        .unwrap();
        assert_eq!(
            events[0].announced.map(|day| day.to_string()).as_deref(),
            Some("2025-04-02")
        );
        assert_eq!(events[0].date.to_string(), "2025-04-09");
        assert_eq!(events[1].announced, None);
        let found = problems("date,title,announced\n2025-04-09,Tariffs,2025-04-10\n");
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(3)));
        assert!(
            found[0]
                .message
                .contains("on or before the effective date 2025-04-09")
        );
    }

    #[test]
    fn maps_status_words() {
        assert_eq!(parse_status("verified-from-source"), Ok(Status::Reported));
        assert_eq!(parse_status("Reported"), Ok(Status::Reported));
        assert_eq!(parse_status("from memory"), Ok(Status::FromMemory));
        assert_eq!(parse_status("estimate"), Ok(Status::Estimated));
        assert_eq!(parse_status("projected"), Ok(Status::Planned));
        assert_eq!(parse_status(""), Ok(Status::Reported));
        assert!(parse_status("rumour").unwrap_err().contains("\"rumour\""));
    }

    #[test]
    fn reports_an_unknown_status_where_it_is() {
        let found =
            problems("date,title,status\n2018-07-06,Tariffs,rumour\n2018-08-23,List 2,reported\n");
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(3)));
    }

    #[test]
    fn a_status_column_of_other_words_is_kept_as_text() {
        let read = read_with_series(&table(
            "date,title,status\n2018-07-06,List 1,In effect\n2019-05-10,List 3,Suspended\n",
        ))
        .unwrap();
        assert_eq!(read.events[0].status, Status::Reported);
        assert_eq!(read.events[1].description, "status: Suspended");
        assert!(
            read.notes
                .iter()
                .any(|note| note.contains("\"status\" kept")),
            "{:?}",
            read.notes
        );
    }

    #[test]
    fn reports_a_missing_title_and_a_bad_date_together() {
        let found = problems("date,title\n2018-07-06,\n7/6/2018,Tariffs\n");
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(2)));
        assert!(found[0].message.contains("title"));
        assert_eq!((found[1].line, found[1].column), (Some(3), Some(1)));
        assert!(found[1].message.contains("day/month"));
    }

    #[test]
    fn reports_an_end_before_the_start() {
        let found = problems("date,title,end_date\n2025-05-10,Talks,2025-05-01\n");
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(3)));
        assert!(
            found[0]
                .message
                .contains("on or after the start 2025-05-10")
        );
        // A one-day span and an end month that contains the start are fine.
        assert!(read(&table("date,title,end_date\n2025-05-10,Talks,2025-05-10\n")).is_ok());
        assert!(read(&table("date,title,end\n2025-05-10,Talks,2025-05\n")).is_ok());
        // A span that has not ended has no end.
        let events = read(&table("date,title,until\n2025-05-10,Truce,ongoing\n")).unwrap();
        assert_eq!(events[0].end, None);
    }

    #[test]
    fn reports_a_header_without_rows_and_missing_columns() {
        let found = problems("date,title\n");
        assert!(found[0].message.contains("event rows"));
        let found = read(&table("what,happened\n2018,x\n")).unwrap_err();
        assert!(found[0].message.contains("date column"), "{found:?}");
        let found = read(&table("when,what\n2018,x\n")).unwrap_err();
        assert!(found[0].message.contains("title column"), "{found:?}");
    }

    #[test]
    fn is_not_fooled_by_a_wide_file_with_an_event_column() {
        assert!(looks_like_events(&table(
            "date,title,category\n2018-07-06,Tariffs,tariff\n"
        )));
        assert!(looks_like_events(&table(
            "date,event\n2018-07-06,Tariffs\n"
        )));
        assert!(!looks_like_events(&table(
            "date,Exports,event\n2018-07-06,1,Tariffs\n"
        )));
        assert!(!looks_like_events(&table("year,a\n2018,1\n")));
        assert!(!looks_like_events(&table(
            "year,exports,imports,event\n2018,120,539,Section 301 tariffs\n2019,106,452,Phase One talks\n"
        )));
        assert!(!looks_like_events(&table(
            "date,US tariff on China (%),Event\n2018-01-01,3.1,\n2018-07-06,6.2,Section 301 List 1\n"
        )));
        assert!(!looks_like_events(&table(
            "series,date,value\nExports,2018,120\nImports,2018,539\n"
        )));
        assert!(!looks_like_events(&table(
            "name,date,value\nExports,2018,120\nImports,2018,539\n"
        )));
        assert!(!looks_like_events(&table(
            "date,title\n2018-07-06,1\n2019-01-01,2\n"
        )));
    }

    #[test]
    fn other_names_in_any_position() {
        for text in [
            "ID,Event Date,Description\n1,2018-07-06,Section 301 List 1\n",
            "effective_date,policy_event\n2018-07-06,Section 301 List 1\n",
            "Actor,Headline,Date Announced\nUS,Section 301 List 1,2018-07-06\n",
            "summary,when\nSection 301 List 1,2018-07-06\n",
            "Date of action,Measure\n2018-07-06,Section 301 List 1\n",
        ] {
            let table = table(text);
            assert!(looks_like_events(&table), "{text}");
            let read = read_with_series(&table).unwrap();
            assert_eq!(read.events[0].title, "Section 301 List 1", "{text}");
            assert_eq!(read.events[0].date.to_string(), "2018-07-06", "{text}");
            assert!(
                read.notes[0].starts_with("Read as events: date from"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_yes_no_column_is_the_headline_flag() {
        let read = read_with_series(&table(
            "Event Date,Description,IsMajorEvent\n2018-07-06,List 1,Yes\n2018-08-23,List 2,no\n2018-09-24,List 3,\n",
        ))
        .unwrap();
        let flags: Vec<bool> = read.events.iter().map(|e| e.highlight).collect();
        assert_eq!(flags, [true, false, false]);
        assert!(
            read.notes
                .contains(&"Column \"IsMajorEvent\" read as the headline flag".to_string()),
            "{:?}",
            read.notes
        );
        // `headline` holding text is a title, not a flag.
        let read = read_with_series(&table("date,headline\n2018-07-06,List 1\n")).unwrap();
        assert_eq!(read.events[0].title, "List 1");
        // 1/0 is no column of numbers.
        assert!(looks_like_events(&table(
            "date,event,major\n2018-07-06,List 1,1\n2018-08-23,List 2,0\n"
        )));
    }

    #[test]
    fn a_rate_column_is_a_step_series() {
        let table = table(
            "effective_date,policy_event,Tariff Rate (%)\n2018-07-06,List 1,25\n2018-08-23,List 2,25\n2019-05-10,List 3 raised,\n2018-09-24,List 3,10\n",
        );
        assert!(looks_like_events(&table));
        let read = read_with_series(&table).unwrap();
        assert_eq!(read.events.len(), 4);
        assert_eq!(read.series.len(), 1);
        let series = &read.series[0];
        assert_eq!(series.name, "Tariff Rate");
        assert_eq!(series.unit.as_str(), "%");
        assert!(series.step);
        let points: Vec<String> = series
            .points
            .iter()
            .map(|p| format!("{} {}", p.period, p.value().unwrap()))
            .collect();
        assert_eq!(points, ["2018-07-06 25", "2018-08-23 25", "2018-09-24 10"]);
        assert!(
            read.notes
                .contains(&"Column \"Tariff Rate (%)\" read as a step series in %".to_string()),
            "{:?}",
            read.notes
        );
        // The rate stays out of the descriptions.
        assert_eq!(read.events[0].description, "");
    }

    #[test]
    fn a_forgotten_title_beside_a_rate_is_reported_at_its_cell() {
        let text = "date,policy_event,tariff_rate\n2018-07-06,A,25\n2018-08-23,B,25\n2018-09-24,C,10\n2019-05-10,D,25\n2019-09-01,,15\n";
        assert!(looks_like_events(&table(text)));
        let found = problems(text);
        assert_eq!((found[0].line, found[0].column), (Some(6), Some(2)));
    }

    #[test]
    fn an_unnamed_column_is_an_index_or_kept_as_text() {
        let read = read_with_series(&table(
            ",date,title,\n0,2018-07-06,A,first\n1,2018-08-23,B,\n",
        ))
        .unwrap();
        assert_eq!(read.events[0].description, "first");
        assert!(
            read.notes.contains(&"Skipped ID column \"\"".to_string()),
            "{:?}",
            read.notes
        );
    }

    #[test]
    fn two_rates_on_one_date_stay_in_the_descriptions() {
        let read = read_with_series(&table(
            "date,measure,rate\n2018-03-23,Steel,25\n2018-03-23,Aluminum,10\n",
        ))
        .unwrap();
        assert!(read.series.is_empty());
        assert_eq!(read.events[1].description, "rate: 10");
        assert!(
            read.notes.iter().any(|note| note.contains("two rates")),
            "{:?}",
            read.notes
        );
    }

    #[test]
    fn other_columns_are_kept_in_the_description_or_skipped() {
        let read = read_with_series(&table(
            "ID,Date,Event,Actor,Sector,Trade covered (USD bn),Unnamed: 7\n1,2018-07-06,List 1,US,Machinery,34,\n2,2018-07-06,Retaliation,China,,34,\n",
        ))
        .unwrap();
        assert_eq!(
            read.events[0].description,
            "Actor: US\nSector: Machinery\nTrade covered (USD bn): 34"
        );
        assert_eq!(
            read.events[1].description,
            "Actor: China\nTrade covered (USD bn): 34"
        );
        assert!(read.series.is_empty());
        assert!(
            read.notes.contains(
                &"Columns \"Actor\", \"Sector\", \"Trade covered (USD bn)\" kept in the event descriptions"
                    .to_string()
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
                .contains(&"Skipped empty column \"Unnamed: 7\"".to_string()),
            "{:?}",
            read.notes
        );
    }

    /// The date of a one-event table whose date cell is `text`.
    fn date_of(text: &str) -> Result<String, String> {
        let text = format!("date,title\n\"{text}\",Tariffs\n");
        read(&table(&text))
            .map(|events| events[0].date.to_string())
            .map_err(|problems| problems[0].message.clone())
    }

    #[test]
    fn reads_dates_as_people_write_them() {
        for (text, expected) in [
            ("2018-07-06", "2018-07-06"),
            ("2018-07", "2018-07"),
            ("2018-07-01", "2018-07-01"),
            ("July 6, 2018", "2018-07-06"),
            ("6 July 2018", "2018-07-06"),
            ("Jul 6, 2018", "2018-07-06"),
            ("Jul. 6, 2018", "2018-07-06"),
            ("Sept 24, 2018", "2018-09-24"),
            ("Friday, July 6, 2018", "2018-07-06"),
            ("July 6th, 2018", "2018-07-06"),
            ("6-Jul-2018", "2018-07-06"),
            ("July 2018", "2018-07"),
            ("2018/07/06", "2018-07-06"),
            ("20180706", "2018-07-06"),
        ] {
            assert_eq!(date_of(text), Ok(expected.to_string()), "{text}");
        }
        assert!(date_of("July 32, 2018").is_err());
        assert!(date_of("Maybe 6, 2018").is_err());
        assert!(date_of("7/6/2018").unwrap_err().contains("day/month"));
        assert!(
            date_of("99999-01-01")
                .unwrap_err()
                .contains("expected a year from 1000 to 2999, found \"99999\"")
        );
        // Events on the 1st of every month are on those days, not in those months.
        let events = read(&table(
            "date,title\n2018-07-01,A\n2018-08-01,B\n\"August 1, 2019\",C\n",
        ))
        .unwrap();
        let dates: Vec<String> = events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2018-07-01", "2018-08-01", "2019-08-01"]);
    }

    #[test]
    fn a_column_settles_the_order_of_day_and_month() {
        let read =
            read_with_series(&table("date,title\n7/6/2018,List 1\n8/23/2018,List 2\n")).unwrap();
        assert_eq!(read.events[0].date.to_string(), "2018-07-06");
        assert!(
            read.notes
                .iter()
                .any(|note| note.contains("month/day/year") && note.contains("8/23/2018")),
            "{:?}",
            read.notes
        );
        let events =
            super::read(&table("date,title\n6/7/2018,List 1\n23/8/2018,List 2\n")).unwrap();
        assert_eq!(events[0].date.to_string(), "2018-07-06");
        // Every date on the 1st: US month/day, and still days.
        let events =
            super::read(&table("date,title\n7/1/2018,July\n9/1/2018,September\n")).unwrap();
        assert_eq!(events[1].date.to_string(), "2018-09-01");
        // Both orders in one column: refused where it contradicts.
        let found = problems("date,title\n8/23/2018,List 2\n23/8/2018,Again\n");
        assert_eq!(
            (found[0].line, found[0].column),
            (Some(3), Some(1)),
            "{found:?}"
        );
        // Written two ways in one column: not guessed.
        let found = problems("date,title\n2018-07-06,List 1\n23/08/2018,List 2\n");
        assert_eq!((found[0].line, found[0].column), (Some(3), Some(1)));
        assert!(found[0].message.contains("found \"23/08/2018\""));
        // The end column is settled with the date column.
        let events = super::read(&table(
            "date,title,end\n6/7/2018,A,7/7/2018\n23/8/2018,B,\n",
        ))
        .unwrap();
        assert_eq!(events[0].end.unwrap().to_string(), "2018-07-07");
    }

    #[test]
    fn never_panics_on_odd_events_tables() {
        for text in [
            "date,title\n,\n",
            "date,title,rate\n2018-07-06,A,1e400\n",
            "date,title,x\n2018-07-06\n",
            "date,title,date,title\n2018-07-06,A,2018,B\n",
            "Date,Event,\n//,A,\n",
            "date,title,highlight\n2018/13/45,A,maybe\n",
            "date,title\n99999/1/1,A\n1/1/99999,B\nJuly 6 99999,C\n",
        ] {
            let table = table(text);
            let _ = looks_like_events(&table);
            let _ = read_with_series(&table);
        }
    }
}
