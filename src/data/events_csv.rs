//! Events tables: `date,title[,description][,category][,end_date][,source][,status]`,
//! columns in any order, from a CSV file or a workbook's `Events` sheet.
//! With an `announced` column, `date` (or `effective_date`) is the day it took effect.

use super::csv_wide::{cell, header_key, row_has_header_width};
use super::model::{Event, Status};
use super::number::{self, Cell};
use super::period::Period;
use super::problem::{Problem, Problems};
use super::text::{Row, Table};

/// Header names of the column holding an event's (first) date.
pub const DATE_COLUMNS: &[&str] = &["date", "start", "start_date", "effective", "effective_date"];
/// Header names of the column holding an event's title.
pub const TITLE_COLUMNS: &[&str] = &["title", "event"];
pub const DESCRIPTION_COLUMNS: &[&str] = &["description"];
pub const CATEGORY_COLUMNS: &[&str] = &["category"];
/// Header names of the column holding the last day of a span.
pub const END_COLUMNS: &[&str] = &["end_date", "end"];
pub const SOURCE_COLUMNS: &[&str] = &["source"];
/// Header names of the column saying how sure the event is.
pub const STATUS_COLUMNS: &[&str] = &["status", "confidence"];
/// Header names of the column holding the day an event was announced, before it took
/// effect on its date.
pub const ANNOUNCED_COLUMNS: &[&str] = &["announced", "announced_date", "announcement_date"];
/// A column marking headline events (`yes`, `true`, `1`, `x`); optional.
pub const HIGHLIGHT_COLUMNS: &[&str] = &["highlight", "key", "headline"];

/// True for a table with a date and a title column and no other column of numbers: an
/// events table, not a wide data file that happens to have an `event` column.
pub fn looks_like_events(table: &Table) -> bool {
    let Some(columns) = Columns::find(table) else {
        return false;
    };
    table
        .header
        .iter()
        .enumerate()
        .filter(|(index, _)| !columns.is_known(*index))
        .all(|(index, _)| !column_has_numbers(table, index))
}

/// Reads every row into an event, or returns every problem found (up to the cap).
pub fn read(table: &Table) -> Result<Vec<Event>, Vec<Problem>> {
    let Some(columns) = Columns::find(table) else {
        return Err(vec![missing_columns(table)]);
    };
    let mut problems = Problems::new();
    let mut events = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        if !row_has_header_width(table, row, &mut problems) {
            continue;
        }
        if let Some(event) = read_event(&columns, row, &mut problems) {
            events.push(event);
        }
    }
    if table.rows.is_empty() {
        problems.push(Problem::at(
            table.header_line,
            1,
            "expected event rows after the header, found none",
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(events)
}

/// Reads a status as people write it: `verified-from-source`/`reported`, `from-memory`,
/// `estimated`/`estimate`, `planned`/`projected`; empty is reported.
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
        _ => Err(format!(
            "expected a status (verified-from-source, reported, from-memory, estimated or planned), found \"{}\"",
            text.trim()
        )),
    }
}

/// Where each known column is, by 0-based index.
struct Columns {
    date: usize,
    title: usize,
    description: Option<usize>,
    category: Option<usize>,
    end: Option<usize>,
    source: Option<usize>,
    status: Option<usize>,
    highlight: Option<usize>,
    announced: Option<usize>,
}

impl Columns {
    /// The columns of an events table, if it has a date and a title column.
    fn find(table: &Table) -> Option<Columns> {
        let find = |names: &[&str]| {
            table
                .header
                .iter()
                .position(|header| names.contains(&header_key(header).as_str()))
        };
        Some(Columns {
            date: find(DATE_COLUMNS)?,
            title: find(TITLE_COLUMNS)?,
            description: find(DESCRIPTION_COLUMNS),
            category: find(CATEGORY_COLUMNS),
            end: find(END_COLUMNS),
            source: find(SOURCE_COLUMNS),
            status: find(STATUS_COLUMNS),
            highlight: find(HIGHLIGHT_COLUMNS),
            announced: find(ANNOUNCED_COLUMNS),
        })
    }

    fn is_known(&self, index: usize) -> bool {
        index == self.date
            || index == self.title
            || [
                self.description,
                self.category,
                self.end,
                self.source,
                self.status,
                self.highlight,
                self.announced,
            ]
            .contains(&Some(index))
    }
}

/// The problem for a table (such as a workbook's `Events` sheet) that lacks a date or
/// a title column.
fn missing_columns(table: &Table) -> Problem {
    let found = table.header.join(",");
    let has_date = table
        .header
        .iter()
        .any(|header| DATE_COLUMNS.contains(&header_key(header).as_str()));
    let wanted = if has_date {
        "a title column (title or event)"
    } else {
        "a date column (date, start or start_date)"
    };
    Problem::at(
        table.header_line.max(1),
        1,
        format!("expected {wanted} in the events header, found \"{found}\""),
    )
}

/// True when any cell of the column holds a number.
fn column_has_numbers(table: &Table, index: usize) -> bool {
    table.rows.iter().any(|row| {
        matches!(
            number::parse_cell(cell(row, index), table.decimal_comma),
            Ok(Cell::Number { .. })
        )
    })
}

/// Reads one row, reporting each thing wrong with it.
fn read_event(columns: &Columns, row: &Row, problems: &mut Problems) -> Option<Event> {
    let date = match Period::parse(cell(row, columns.date)) {
        Ok(date) => Some(date),
        Err(error) => {
            problems.push(Problem::at(row.line, columns.date + 1, error.0));
            None
        }
    };
    let title = cell(row, columns.title).trim();
    if title.is_empty() {
        problems.push(Problem::at(
            row.line,
            columns.title + 1,
            "expected an event title, found an empty cell",
        ));
    }
    let end = columns.end.and_then(|index| {
        let text = cell(row, index).trim();
        if text.is_empty() {
            return None;
        }
        match Period::parse(text) {
            Ok(end) => {
                if let Some(start) = date
                    && end.end_day() <= start.first_day()
                {
                    problems.push(Problem::at(
                        row.line,
                        index + 1,
                        format!(
                            "expected an end date on or after the start {start}, found \"{text}\""
                        ),
                    ));
                }
                Some(end)
            }
            Err(error) => {
                problems.push(Problem::at(row.line, index + 1, error.0));
                None
            }
        }
    });
    let status = match columns.status {
        Some(index) => match parse_status(cell(row, index)) {
            Ok(status) => status,
            Err(message) => {
                problems.push(Problem::at(row.line, index + 1, message));
                Status::Reported
            }
        },
        None => Status::Reported,
    };
    let announced = read_announced(columns, row, date, problems);
    let text_of = |index: Option<usize>| index.map_or("", |index| cell(row, index).trim());
    let source = text_of(columns.source);
    let date = date?;
    if title.is_empty() {
        return None;
    }
    Some(Event {
        date,
        announced,
        end,
        title: title.to_string(),
        description: text_of(columns.description).to_string(),
        category: text_of(columns.category).to_string(),
        source: (!source.is_empty()).then(|| source.to_string()),
        status,
        highlight: matches!(
            text_of(columns.highlight).to_ascii_lowercase().as_str(),
            "yes" | "y" | "true" | "1" | "x"
        ),
    })
}

/// The row's announcement date, if given; it must not be after the effective date.
fn read_announced(
    columns: &Columns,
    row: &Row,
    date: Option<Period>,
    problems: &mut Problems,
) -> Option<Period> {
    let index = columns.announced?;
    let text = cell(row, index).trim();
    if text.is_empty() {
        return None;
    }
    match Period::parse(text) {
        Ok(announced) => {
            if let Some(effective) = date
                && announced.first_day() > effective.first_day()
            {
                problems.push(Problem::at(
                    row.line,
                    index + 1,
                    format!(
                        "expected an announcement on or before the effective date {effective}, found \"{text}\""
                    ),
                ));
            }
            Some(announced)
        }
        Err(error) => {
            problems.push(Problem::at(row.line, index + 1, error.0));
            None
        }
    }
}

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
        let found = problems("date,title,status\n2018-07-06,Tariffs,rumour\n");
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(3)));
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
    }

    #[test]
    fn reports_a_header_without_rows_and_missing_columns() {
        let found = problems("date,title\n");
        assert!(found[0].message.contains("event rows"));
        let found = read(&table("when,what\n2018,x\n")).unwrap_err();
        assert!(found[0].message.contains("date column"), "{found:?}");
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
    }
}
