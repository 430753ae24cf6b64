//! Caps on what one file may hold, so a hostile or mistaken file (a log renamed
//! `.csv`, a million columns, a megabyte in one cell) is refused with a message
//! instead of exhausting memory or freezing the window.
//!
//! The caps are far above any trade data (a thousand series, ten million cells read
//! as text) and low enough that the largest file accepted still fits comfortably in
//! memory and draws. The file size itself is capped by [`MAX_FILE_BYTES`] before
//! reading, and an unpacked workbook by [`MAX_UNPACKED_BYTES`]. The rows of a plain
//! CSV file read straight into series have no cap of their own: only the memory they
//! need, told before reading ([`Memory`]).

use super::model::Dataset;
use super::problem::{Problem, Problems};
use super::table::Table;

/// Largest file the app reads. Anything larger is refused with a message instead of
/// exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Most columns in one table; every column past the first may be a series.
pub const MAX_COLUMNS: usize = 1_000;

/// Most cells in one table of text (the general reader's), counted while reading so
/// the count stops the reading.
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

/// The problem for a table that has grown past [`MAX_CELLS`] while being read at
/// `line`, or `None` while it is within.
pub fn table_growth(cells: usize, line: usize) -> Option<Problem> {
    (cells > MAX_CELLS).then(|| {
        Problem::on_line(
            line,
            format!(
                "expected at most {MAX_CELLS} cells, found more: the file is too large to chart"
            ),
        )
    })
}

/// Memory a file may take to read: what the machine has available when it is read,
/// or a figure given (tests give one to see a file refused without filling memory).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Memory {
    #[default]
    Machine,
    /// This many bytes.
    Given(u64),
}

impl Memory {
    /// The bytes available now.
    pub fn available(self) -> u64 {
        match self {
            Memory::Machine => machine_available_bytes(),
            Memory::Given(bytes) => bytes,
        }
    }
}

/// Memory taken as available where the system does not say (outside Linux).
pub const FALLBACK_AVAILABLE_BYTES: u64 = 4 << 30;

/// Memory per cell the general reader takes: the cell's text as a `String` in its row
/// (24 bytes and its own block) and its value as a point (24 bytes), with room for
/// the rows' vectors growing. Measured at about 70 bytes on a 6M-cell long CSV.
const GENERAL_CELL_BYTES: u64 = 80;

/// Bytes of the start of a file looked at to count its cells.
pub const START_BYTES: usize = 64 << 10;

/// `MemAvailable` of `/proc/meminfo` (and no more than a cgroup's `memory.max` leaves),
/// or [`FALLBACK_AVAILABLE_BYTES`] where there is no such file.
fn machine_available_bytes() -> u64 {
    let machine = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| mem_available(&text));
    let group = std::fs::read_to_string("/sys/fs/cgroup/memory.max")
        .ok()
        .and_then(|max| max.trim().parse::<u64>().ok())
        .map(|max| {
            let used = std::fs::read_to_string("/sys/fs/cgroup/memory.current")
                .ok()
                .and_then(|used| used.trim().parse::<u64>().ok())
                .unwrap_or(0);
            max.saturating_sub(used)
        });
    match (machine, group) {
        (Some(machine), Some(group)) => machine.min(group),
        (machine, group) => machine.or(group).unwrap_or(FALLBACK_AVAILABLE_BYTES),
    }
}

/// The `MemAvailable:` line of `/proc/meminfo`'s text, in bytes.
fn mem_available(meminfo: &str) -> Option<u64> {
    let kib = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemAvailable:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse::<u64>()
        .ok()?;
    kib.checked_mul(1024)
}

/// About the memory the general reader needs for a text file of `file_bytes` whose
/// first bytes are `start`: the bytes and their decoded text, and every cell (counted
/// in `start` by its separators and line breaks, and read up to [`MAX_CELLS`]) as
/// text in its row and as a value.
pub fn general_read_needs(file_bytes: u64, start: &[u8]) -> u64 {
    let cells_in_start = start
        .iter()
        .filter(|&&byte| matches!(byte, b',' | b';' | b'\t' | b'\n'))
        .count()
        .max(1) as u64;
    let cells = (u128::from(file_bytes) * u128::from(cells_in_start) / (start.len().max(1) as u128))
        .min(MAX_CELLS as u128 + 1) as u64;
    file_bytes
        .saturating_mul(2)
        .saturating_add(cells.saturating_mul(GENERAL_CELL_BYTES))
}

/// The problem for a file of `file_bytes` that needs `needed` bytes of memory to read,
/// more than the `available`; `None` when it fits.
pub fn memory(file_bytes: u64, needed: u64, available: u64) -> Option<Problem> {
    const MB: u64 = 1_000_000;
    (needed > available).then(|| {
        Problem::whole_file(format!(
            "the file is {} MB and reading it needs about {} MB of memory, more than the {} MB available: the file is not read",
            file_bytes / MB,
            needed.div_ceil(MB),
            available / MB
        ))
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
    fn growth_past_the_cell_cap_is_a_problem() {
        assert_eq!(table_growth(MAX_CELLS, 7), None);
        assert_eq!(table_growth(MAX_CELLS + 1, 7).and_then(|p| p.line), Some(7));
    }

    #[test]
    fn the_available_memory_is_read_from_meminfo() {
        let meminfo = "MemTotal:       24683520 kB\nMemFree:         5847552 kB\nMemAvailable:   24076288 kB\n";
        // 24,076,288 KiB × 1024.
        assert_eq!(mem_available(meminfo), Some(24_654_118_912));
        assert_eq!(mem_available("MemTotal: 1 kB\n"), None);
        assert_eq!(Memory::Given(5).available(), 5);
        assert!(Memory::Machine.available() > 0);
    }

    #[test]
    fn the_general_reader_needs_the_text_twice_and_80_bytes_a_cell() {
        // 3 cells a line of 20 bytes: a 1,000,000-byte file holds 150,000 cells.
        let start = "2018-01-01,China,12\n".repeat(10);
        assert_eq!(
            general_read_needs(1_000_000, start.as_bytes()),
            2_000_000 + 150_000 * 80
        );
        // Cells past the cap are never read: the reading stops there.
        let huge = general_read_needs(1 << 30, start.as_bytes());
        assert_eq!(huge, 2 * (1 << 30) + (MAX_CELLS as u64 + 1) * 80);
    }

    #[test]
    fn a_file_needing_more_memory_than_available_is_refused_with_both_figures() {
        assert_eq!(memory(300_000_000, 900_000_000, 900_000_000), None);
        let problem = memory(300_000_000, 900_000_001, 512_000_000).unwrap();
        assert_eq!(
            problem.message,
            "the file is 300 MB and reading it needs about 901 MB of memory, more than the 512 MB available: the file is not read"
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
