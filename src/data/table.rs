//! The [`Table`] every tabular reader (CSV and spreadsheets alike) works on: text cells
//! by row with the line each came from, the header, and the `# key: value` metadata
//! lines above it, with what the readers share about reading one.

use super::coverage::Coverage;
use super::model::Dataset;
use super::period::Period;
use super::problem::{Problem, Problems};

/// A table of text cells as read from a CSV file or a spreadsheet sheet, with the
/// 1-based line each row came from so problems can say where they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// `# key: value` lines found before the header, keys lower-cased.
    pub metadata: Vec<(String, String)>,
    pub header: Vec<String>,
    pub header_line: usize,
    pub rows: Vec<Row>,
    /// The separator was `;`, so `1.234,5` means one thousand two hundred and so on.
    pub decimal_comma: bool,
    /// The 0-based column holding the periods of a wide table (the first, unless the
    /// table's shape said otherwise: see `shape`).
    pub period_column: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// The metadata value for `key` (`title`, `source`, `note`), if given.
    pub fn meta(&self, key: &str) -> impl Iterator<Item = &str> {
        self.metadata
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Index of the first header cell whose trimmed, lower-cased text is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header
            .iter()
            .position(|cell| names.contains(&cell.trim().to_lowercase().as_str()))
    }
}

/// The cell at 0-based `index`, or an empty text past the end of a short row.
pub fn cell(row: &Row, index: usize) -> &str {
    row.cells.get(index).map_or("", String::as_str)
}

/// A header cell as compared with known column names: trimmed, lower case, spaces and
/// hyphens as underscores (`Start Date` → `start_date`).
pub fn header_key(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// Fills title, sources, notes and "as of" from a table's `# key: value` lines.
pub fn apply_metadata(dataset: &mut Dataset, table: &Table) {
    if let Some(title) = table.meta("title").next() {
        dataset.title = title.to_string();
    }
    if let Some(as_of) = table.meta("as of").next() {
        dataset.as_of = Some(as_of.to_string());
    }
    dataset
        .sources
        .extend(table.meta("source").map(str::to_string));
    dataset.notes.extend(table.meta("note").map(str::to_string));
}

/// Applies every `# partial: 2025 Jan–Mar` metadata line of `table` to the points of
/// that period in every series, or says why a line cannot be read. Metadata lines
/// carry no line number, so problems name the line's text instead.
pub fn apply_partial_metadata(dataset: &mut Dataset, table: &Table) -> Vec<Problem> {
    let mut problems = Vec::new();
    for text in table.meta("partial") {
        match read_partial_line(text) {
            Ok((period, coverage)) => {
                let mut found = false;
                for point in dataset
                    .series
                    .iter_mut()
                    .flat_map(|series| series.points.iter_mut())
                    .filter(|point| point.period == period)
                {
                    point.set_coverage(Some(coverage));
                    found = true;
                }
                if !found {
                    problems.push(Problem::whole_file(format!(
                        "# partial: expected a period of the data, found {period}, which has no row"
                    )));
                }
            }
            Err(message) => problems.push(Problem::whole_file(format!("# partial: {message}"))),
        }
    }
    problems
}

/// `2025 Jan–Mar` → the period and the months it covers.
fn read_partial_line(text: &str) -> Result<(Period, Coverage), String> {
    let text = text.trim();
    let Some((period_text, months)) = text.split_once(char::is_whitespace) else {
        return Err(format!(
            "expected a period and the months it covers, such as \"2025 Jan–Mar\", found \"{text}\""
        ));
    };
    let period = Period::parse(period_text).map_err(|error| error.0)?;
    let coverage = Coverage::parse(months)?;
    coverage.check(period)?;
    Ok((period, coverage))
}

/// True when a row has as many cells as the header (extra cells that are all empty,
/// a trailing separator, are tolerated); otherwise reports it.
pub fn row_has_header_width(table: &Table, row: &Row, problems: &mut Problems) -> bool {
    let expected = table.header.len();
    let found = row.cells.len();
    let extra_are_empty = row
        .cells
        .iter()
        .skip(expected)
        .all(|cell| cell.trim().is_empty());
    if found == expected || found > expected && extra_are_empty {
        return true;
    }
    problems.push(Problem::at(
        row.line,
        found.min(expected) + 1,
        format!("expected {expected} cells as in the header, found {found}"),
    ));
    false
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::data::model::{Point, Series};
    use crate::data::text::read_csv_table;

    #[test]
    fn a_metadata_line_marks_every_point_of_its_period() {
        let table = read_csv_table("# partial: 2025 Jan–Mar\nyear,a\n2024,1\n2025,2\n").unwrap();
        let mut dataset = Dataset {
            series: vec![Series {
                name: "a".into(),
                unit: Default::default(),
                step: false,
                source: None,
                points: vec![
                    Point::new(Period::Year(2024), Some(1.0)),
                    Point::new(Period::Year(2025), Some(2.0)),
                ],
            }],
            ..Dataset::default()
        };
        assert!(apply_partial_metadata(&mut dataset, &table).is_empty());
        let points = &dataset.series[0].points;
        assert_eq!(points[0].coverage(), None);
        assert_eq!(
            points[1].coverage().map(|c| c.to_string()).as_deref(),
            Some("Jan–Mar")
        );
        let bad =
            read_csv_table("# partial: 2023 Jan–Mar\n# partial: 2025\nyear,a\n2025,2\n").unwrap();
        let problems = apply_partial_metadata(&mut dataset, &bad);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("found 2023"), "{problems:?}");
        assert!(problems[1].message.contains("\"2025\""), "{problems:?}");
    }
}
