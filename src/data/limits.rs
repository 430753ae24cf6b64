//! Caps on what one file may hold, so a hostile or mistaken file (a log renamed
//! `.csv`, a million columns, a megabyte in one cell) is refused with a message
//! instead of exhausting memory or freezing the window.
//!
//! The caps are far above any trade data (a million daily rows, a thousand series)
//! and low enough that the largest file accepted still fits comfortably in memory and
//! draws. The file size itself is capped by [`MAX_FILE_BYTES`] before reading,
//! and an unpacked workbook by [`MAX_UNPACKED_BYTES`].

use super::model::Dataset;
use super::problem::{Problem, Problems};
use super::table::Table;

/// Largest file the app reads. Anything larger is refused with a message instead of
/// exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Most data rows in one table (a day a row for 2,700 years).
pub const MAX_ROWS: usize = 1_000_000;

/// Most columns in one table; every column past the first may be a series.
pub const MAX_COLUMNS: usize = 1_000;

/// Most cells in one table, counted while reading so the count stops the reading.
pub const MAX_CELLS: usize = 10_000_000;

/// Longest text of one cell, title, name, note or description, in bytes.
pub const MAX_TEXT_BYTES: usize = 100_000;

/// Most series in one dataset (a long table names its series in a column).
pub const MAX_SERIES: usize = 1_000;

/// Most events in one dataset.
pub const MAX_EVENTS: usize = 100_000;

/// Most bytes a workbook may unpack to. A sheet of a million rows fits well inside;
/// beyond it a file is more likely a zip bomb than trade data.
pub const MAX_UNPACKED_BYTES: u64 = 500_000_000;

/// Most non-empty cells read from one sheet (a million rows of ten columns).
pub const MAX_SHEET_CELLS: usize = 10_000_000;

/// The problem for a table that has grown past [`MAX_ROWS`] or [`MAX_CELLS`] while
/// being read at `line`, or `None` while it is within both.
pub fn table_growth(rows: usize, cells: usize, line: usize) -> Option<Problem> {
    if rows > MAX_ROWS {
        return Some(Problem::on_line(
            line,
            format!(
                "expected at most {MAX_ROWS} data rows, found more: the file is too large to chart"
            ),
        ));
    }
    (cells > MAX_CELLS).then(|| {
        Problem::on_line(
            line,
            format!(
                "expected at most {MAX_CELLS} cells, found more: the file is too large to chart"
            ),
        )
    })
}

/// The problem for one cell of `text` at `line`, `column` (1-based) if it is longer
/// than [`MAX_TEXT_BYTES`].
pub fn cell(text: &str, line: usize, column: usize) -> Option<Problem> {
    (text.len() > MAX_TEXT_BYTES).then(|| {
        Problem::at(
            line,
            column,
            format!(
                "expected a cell of at most {MAX_TEXT_BYTES} bytes, found one of {} bytes",
                text.len()
            ),
        )
    })
}

/// Checks a whole table (from CSV or a sheet) against the caps on columns, rows and
/// cell length.
pub fn check_table(table: &Table) -> Result<(), Vec<Problem>> {
    let mut problems = Problems::new();
    let widest = table
        .rows
        .iter()
        .map(|row| row.cells.len())
        .chain(std::iter::once(table.header.len()))
        .max()
        .unwrap_or(0);
    if widest > MAX_COLUMNS {
        problems.push(Problem::on_line(
            table.header_line,
            format!("expected at most {MAX_COLUMNS} columns, found {widest}"),
        ));
        return Err(problems.into_vec());
    }
    if let Some(problem) = table_growth(table.rows.len(), 0, table.header_line) {
        return Err(vec![problem]);
    }
    let header = table.header.iter().map(|text| (table.header_line, text));
    let cells = table
        .rows
        .iter()
        .flat_map(|row| row.cells.iter().map(move |text| (row.line, text)));
    for (line, text) in header.chain(cells) {
        if text.len() > MAX_TEXT_BYTES {
            let column = column_of(table, line, text);
            if let Some(problem) = cell(text, line, column) {
                problems.push(problem);
            }
            if problems.is_full() {
                break;
            }
        }
    }
    for (_, value) in &table.metadata {
        if value.len() > MAX_TEXT_BYTES {
            problems.push(Problem::whole_file(format!(
                "expected a metadata line of at most {MAX_TEXT_BYTES} bytes, found one of {} bytes",
                value.len()
            )));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into_vec())
    }
}

/// The 1-based column of the cell `text` (found by address) on `line`.
fn column_of(table: &Table, line: usize, text: &String) -> usize {
    let row = if line == table.header_line {
        Some(&table.header)
    } else {
        table
            .rows
            .iter()
            .find(|row| row.line == line)
            .map(|row| &row.cells)
    };
    row.and_then(|cells| cells.iter().position(|cell| std::ptr::eq(cell, text)))
        .map_or(1, |index| index + 1)
}

/// Checks a dataset read from any format against the caps on series, events and
/// text length (the JSON document is not a table, so it is checked here).
pub fn check_dataset(dataset: &Dataset) -> Result<(), Vec<Problem>> {
    let mut problems = Problems::new();
    if dataset.series.len() > MAX_SERIES {
        problems.push(Problem::whole_file(format!(
            "expected at most {MAX_SERIES} series, found {}",
            dataset.series.len()
        )));
    }
    if dataset.events.len() > MAX_EVENTS {
        problems.push(Problem::whole_file(format!(
            "expected at most {MAX_EVENTS} events, found {}",
            dataset.events.len()
        )));
    }
    let points: usize = dataset
        .series
        .iter()
        .map(|series| series.points.len())
        .sum();
    if points > MAX_CELLS {
        problems.push(Problem::whole_file(format!(
            "expected at most {MAX_CELLS} values, found {points}"
        )));
    }
    let mut texts: Vec<(&str, &str)> = vec![("the title", dataset.title.as_str())];
    texts.extend(dataset.notes.iter().map(|note| ("a note", note.as_str())));
    texts.extend(
        dataset
            .sources
            .iter()
            .map(|source| ("a source", source.as_str())),
    );
    for series in &dataset.series {
        texts.push(("a series name", series.name.as_str()));
        texts.extend(series.source.as_deref().map(|source| ("a source", source)));
        texts.extend(
            series
                .points
                .iter()
                .filter_map(|point| point.note())
                .map(|note| ("a note", note)),
        );
    }
    for event in &dataset.events {
        texts.push(("an event title", event.title.as_str()));
        texts.push(("an event description", event.description.as_str()));
        texts.push(("an event category", event.category.as_str()));
        texts.extend(event.source.as_deref().map(|source| ("a source", source)));
    }
    for (what, text) in texts {
        if text.len() > MAX_TEXT_BYTES {
            problems.push(Problem::whole_file(format!(
                "expected {what} of at most {MAX_TEXT_BYTES} bytes, found one of {} bytes",
                text.len()
            )));
            if problems.is_full() {
                break;
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::table::Row;
    use crate::data::{Period, Point, Series};

    fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        Table {
            header,
            header_line: 1,
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(index, cells)| Row {
                    line: index + 2,
                    cells,
                })
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn a_table_within_the_caps_passes() {
        let table = table(
            vec!["year".into(), "A".into()],
            vec![vec!["2018".into(), "1".into()]],
        );
        assert_eq!(check_table(&table), Ok(()));
    }

    #[test]
    fn too_many_columns_are_refused_at_the_header() {
        let header = (0..=MAX_COLUMNS).map(|index| format!("c{index}")).collect();
        let problems = check_table(&table(header, Vec::new())).unwrap_err();
        assert_eq!(
            problems,
            vec![Problem::on_line(
                1,
                format!(
                    "expected at most {MAX_COLUMNS} columns, found {}",
                    MAX_COLUMNS + 1
                )
            )]
        );
    }

    #[test]
    fn an_overlong_cell_is_refused_where_it_is() {
        let long = "x".repeat(MAX_TEXT_BYTES + 1);
        let table = table(
            vec!["year".into(), "A".into()],
            vec![vec!["2018".into(), "1".into()], vec!["2019".into(), long]],
        );
        let problems = check_table(&table).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (Some(3), Some(2)));
        assert!(
            problems[0]
                .message
                .starts_with("expected a cell of at most 100000 bytes")
        );
    }

    #[test]
    fn growth_past_the_row_or_cell_cap_is_a_problem() {
        assert_eq!(table_growth(MAX_ROWS, MAX_CELLS, 7), None);
        assert!(table_growth(MAX_ROWS + 1, 0, 7).is_some());
        assert_eq!(
            table_growth(0, MAX_CELLS + 1, 7).and_then(|p| p.line),
            Some(7)
        );
    }

    #[test]
    fn a_dataset_with_too_many_series_or_a_huge_title_is_refused() {
        let series = Series {
            name: "A".into(),
            unit: Default::default(),
            step: false,
            source: None,
            points: vec![Point::new(Period::Year(2018), Some(1.0))],
        };
        let mut dataset = Dataset {
            series: vec![series; MAX_SERIES + 1],
            ..Dataset::default()
        };
        dataset.title = "t".repeat(MAX_TEXT_BYTES + 1);
        let messages: Vec<String> = check_dataset(&dataset)
            .unwrap_err()
            .into_iter()
            .map(|problem| problem.message)
            .collect();
        assert_eq!(
            messages,
            vec![
                format!(
                    "expected at most {MAX_SERIES} series, found {}",
                    MAX_SERIES + 1
                ),
                format!(
                    "expected the title of at most {MAX_TEXT_BYTES} bytes, found one of {} bytes",
                    MAX_TEXT_BYTES + 1
                ),
            ]
        );
    }
}
