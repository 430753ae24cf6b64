//! Wide tables: the period in the first column, one series per other column; also
//! FRED downloads. Holds the cell and row rules the long reader shares.

use std::collections::HashMap;

use super::events_csv;
use super::model::{Dataset, Event, Point, Series, Status};
use super::number::{self, Cell};
use super::period::Period;
use super::problem::{Problem, Problems};
use super::table::{Row, Table, apply_metadata, cell, header_key, row_has_header_width};
use super::unit::{self, Unit};

/// Header names (compared by [`header_key`]) of a text column whose cells are events.
pub const EVENT_COLUMNS: &[&str] = &["event", "events", "note"];
/// Header names of a text column whose cells say where that row's values come from.
pub const SOURCE_COLUMNS: &[&str] = &["source", "sources"];
/// Header names of a text column whose cells say how sure that row's values are.
pub const STATUS_COLUMNS: &[&str] = &["status", "confidence"];

/// A FRED download: `observation_date,SERIESID` (one or more series) or `DATE,VALUE`.
pub fn looks_like_fred(table: &Table) -> bool {
    match table.header.first().map(|cell| cell.trim()) {
        Some(first) if first.eq_ignore_ascii_case("observation_date") => table.header.len() >= 2,
        Some(first) if first.eq_ignore_ascii_case("date") => {
            table.header.len() == 2
                && table
                    .header
                    .get(1)
                    .is_some_and(|name| name.trim().eq_ignore_ascii_case("value"))
        }
        _ => false,
    }
}

/// Reads a wide table into a dataset, or returns every problem found (up to the cap):
/// a table with any problem is refused whole.
pub fn read(table: &Table) -> Result<Dataset, Vec<Problem>> {
    let mut problems = Problems::new();
    let columns = column_roles(table, &mut problems);
    check_duplicate_headers(table, &mut problems);
    let mut builders: Vec<SeriesBuilder> = columns
        .iter()
        .filter_map(|(index, role)| match role {
            Role::Series => Some(SeriesBuilder::from_header(
                *index,
                table.header.get(*index).map_or("", String::as_str),
            )),
            _ => None,
        })
        .collect();
    let mut events = Vec::new();
    let mut first_line_of: HashMap<Period, usize> = HashMap::new();
    let attribute_columns = AttributeColumns::find(table);
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        if !row_has_header_width(table, row, &mut problems) {
            continue;
        }
        let Some(period) = row_period(row, table.period_column, &mut problems) else {
            continue;
        };
        if let Some(first) = first_line_of.get(&period) {
            problems.push(Problem::at(
                row.line,
                1,
                format!("expected each period once, found {period} again (first at line {first})"),
            ));
            continue;
        }
        first_line_of.insert(period, row.line);
        let attributes = attribute_columns.read(row, &mut problems);
        for builder in &mut builders {
            let text = cell(row, builder.column);
            if let Some(point) = read_point(
                text,
                period,
                table.decimal_comma,
                &attributes,
                Place::new(row.line, builder.column),
                &mut builder.markers,
                &mut problems,
            ) {
                builder.points.push(point);
            }
        }
        for (index, role) in &columns {
            let text = cell(row, *index).trim();
            if *role == Role::Events && !text.is_empty() {
                events.push(Event::new(period, text));
            }
        }
    }
    if table.rows.is_empty() {
        problems.push(Problem::at(
            table.header_line,
            1,
            "expected data rows after the header, found none",
        ));
    } else if builders.is_empty() {
        problems.push(Problem::at(
            table.header_line,
            2,
            "expected at least one column of numbers after the period column, found none",
        ));
    }
    let series: Vec<Series> = builders
        .into_iter()
        .map(|builder| builder.finish(&mut problems))
        .collect();
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let mut dataset = Dataset {
        series,
        events,
        ..Dataset::default()
    };
    apply_metadata(&mut dataset, table);
    Ok(dataset)
}

/// What a column after the period holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Series,
    Events,
    Source,
    Status,
}

/// Decides each column's role from its header and cells, reporting columns that cannot
/// be read: values under an empty header, and text in a column meant for numbers.
fn column_roles(table: &Table, problems: &mut Problems) -> Vec<(usize, Role)> {
    let mut roles = Vec::new();
    for (index, header) in table.header.iter().enumerate() {
        if index == table.period_column {
            continue;
        }
        let key = header_key(header);
        let role = if EVENT_COLUMNS.contains(&key.as_str()) {
            Role::Events
        } else if SOURCE_COLUMNS.contains(&key.as_str()) {
            Role::Source
        } else if STATUS_COLUMNS.contains(&key.as_str()) {
            Role::Status
        } else if key.is_empty() {
            // A trailing or spacer column with nothing in it is no series; values under
            // no name cannot be charted without a name.
            if let Some(row) = table
                .rows
                .iter()
                .find(|row| !cell(row, index).trim().is_empty())
            {
                problems.push(Problem::at(
                    table.header_line,
                    index + 1,
                    format!(
                        "expected a column name above the values of column {} (line {} has \"{}\"), found an empty header cell",
                        index + 1,
                        row.line,
                        cell(row, index).trim()
                    ),
                ));
            }
            continue;
        } else if let Some((line, text)) = only_text(table, index) {
            // One problem for the column rather than one per cell: the fix is one rename.
            problems.push(Problem::at(
                line,
                index + 1,
                format!(
                    "expected a number, found \"{text}\": column \"{}\" holds only text; name it event, note, source or status to read it as text",
                    header.trim()
                ),
            ));
            continue;
        } else {
            Role::Series
        };
        roles.push((index, role));
    }
    roles
}

/// The first text cell of a column that has no number at all and text in more than
/// one cell (a single bad cell is reported as itself).
fn only_text(table: &Table, index: usize) -> Option<(usize, String)> {
    let mut first_text = None;
    let mut text_cells = 0;
    for row in &table.rows {
        let text = cell(row, index);
        match read_number(text, table.decimal_comma) {
            Ok(Cell::Number { .. }) => return None,
            Ok(Cell::Missing) => {}
            // Out-of-range numbers are numbers, reported as such.
            Err(message) if !message.starts_with("expected a number, found") => return None,
            Err(_) => {
                text_cells += 1;
                if first_text.is_none() {
                    first_text = Some((row.line, text.to_string()));
                }
            }
        }
    }
    first_text.filter(|_| text_cells > 1)
}

/// Reports a header name used twice (compared without case or surrounding space).
fn check_duplicate_headers(table: &Table, problems: &mut Problems) {
    let mut first_column_of: HashMap<String, usize> = HashMap::new();
    for (index, header) in table.header.iter().enumerate() {
        let key = header.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        if let Some(first) = first_column_of.get(&key) {
            problems.push(Problem::at(
                table.header_line,
                index + 1,
                format!(
                    "expected each column name once, found \"{}\" again (first in column {first})",
                    header.trim()
                ),
            ));
        } else {
            first_column_of.insert(key, index + 1);
        }
    }
}

/// A series being read from one column.
struct SeriesBuilder {
    column: usize,
    name: String,
    unit: Option<Unit>,
    markers: UnitMarkers,
    points: Vec<Point>,
}

impl SeriesBuilder {
    fn from_header(column: usize, header: &str) -> Self {
        let (name, unit) = unit::name_and_unit_from_header(header);
        Self {
            column,
            name,
            unit: unit.filter(|unit| !unit.is_empty()),
            markers: UnitMarkers::default(),
            points: Vec::new(),
        }
    }

    fn finish(self, problems: &mut Problems) -> Series {
        let unit = match self.unit {
            Some(unit) => unit,
            None => self.markers.unit(&self.name, problems),
        };
        Series {
            name: self.name,
            unit,
            step: false,
            source: None,
            points: sorted_by_period(self.points),
        }
    }
}

/// The `%` and `$` marks seen in a column's cells: the unit when the header names none.
#[derive(Debug, Default)]
pub(super) struct UnitMarkers {
    percent: Option<Place>,
    dollars: Option<Place>,
}

impl UnitMarkers {
    /// Remembers the marks of one number cell.
    pub(super) fn see(&mut self, cell: &Cell, place: Place) {
        if let Cell::Number {
            percent, dollars, ..
        } = cell
        {
            if *percent && self.percent.is_none() {
                self.percent = Some(place);
            }
            if *dollars && self.dollars.is_none() {
                self.dollars = Some(place);
            }
        }
    }

    /// `%` when cells said `19.3%`, `USD` when they said `$418.2`, empty when neither;
    /// both in one series is a problem at the later cell.
    pub(super) fn unit(&self, series: &str, problems: &mut Problems) -> Unit {
        match (self.percent, self.dollars) {
            (Some(percent), Some(dollars)) => {
                let later = if (percent.line, percent.column) > (dollars.line, dollars.column) {
                    percent
                } else {
                    dollars
                };
                problems.push(Problem::at(
                    later.line,
                    later.column,
                    format!(
                        "expected one unit in series \"{series}\", found cells with % (line {}) and cells with $ (line {})",
                        percent.line, dollars.line
                    ),
                ));
                Unit::default()
            }
            (Some(_), None) => Unit::parse("%"),
            (None, Some(_)) => Unit::parse("USD"),
            (None, None) => Unit::default(),
        }
    }
}

/// A 1-based line and 0-based column index of a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place {
    pub line: usize,
    /// 1-based, as problems show it.
    pub column: usize,
}

impl Place {
    /// The place of the cell at 0-based `index` on `line`.
    pub(super) fn new(line: usize, index: usize) -> Self {
        Self {
            line,
            column: index + 1,
        }
    }
}

/// Where a table's `source` and `status` columns are, found once for all rows.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct AttributeColumns {
    source: Option<usize>,
    status: Option<usize>,
}

impl AttributeColumns {
    /// The last `source` and `status` columns after the first column, if any.
    pub(super) fn find(table: &Table) -> Self {
        let mut columns = AttributeColumns::default();
        for (index, header) in table.header.iter().enumerate() {
            if index == table.period_column {
                continue;
            }
            let key = header_key(header);
            if SOURCE_COLUMNS.contains(&key.as_str()) {
                columns.source = Some(index);
            } else if STATUS_COLUMNS.contains(&key.as_str()) {
                columns.status = Some(index);
            }
        }
        columns
    }

    /// What the row's source and status cells say, reporting a status not understood.
    pub(super) fn read(&self, row: &Row, problems: &mut Problems) -> RowAttributes {
        let text_at = |index: Option<usize>| {
            index
                .map(|index| (index, cell(row, index).trim()))
                .filter(|(_, text)| !text.is_empty())
        };
        let source = text_at(self.source).map(|(_, text)| text.to_string());
        let status = match text_at(self.status) {
            Some((index, text)) => events_csv::parse_status(text).unwrap_or_else(|message| {
                problems.push(Problem::at(row.line, index + 1, message));
                Status::Reported
            }),
            None => Status::Reported,
        };
        RowAttributes { source, status }
    }
}

/// What a row's `source` and `status` columns say about every value on it.
#[derive(Debug, Default)]
pub(super) struct RowAttributes {
    source: Option<String>,
    status: Status,
}

/// Reads one value cell into a point, or reports why it cannot be read.
pub(super) fn read_point(
    text: &str,
    period: Period,
    decimal_comma: bool,
    attributes: &RowAttributes,
    place: Place,
    markers: &mut UnitMarkers,
    problems: &mut Problems,
) -> Option<Point> {
    match read_number(text, decimal_comma) {
        Ok(value_cell) => {
            markers.see(&value_cell, place);
            let value = match value_cell {
                Cell::Number { value, .. } => Some(value),
                Cell::Missing => None,
            };
            Some(
                Point::new(period, value)
                    .with_status(attributes.status)
                    .with_note(attributes.source.clone()),
            )
        }
        Err(message) => {
            problems.push(Problem::at(place.line, place.column, message));
            None
        }
    }
}

/// Reads a value cell with [`number::parse_cell`], except that a missing-value mark
/// (`n/a`, `NA`, `.`) counts only when it is the whole cell: `"n/a "` with a stray
/// space is refused, as the design's own example error shows, because padding around
/// a word is how hand-typed text (not an export's mark) looks.
pub(super) fn read_number(text: &str, decimal_comma: bool) -> Result<Cell, String> {
    let cell = number::parse_cell(text, decimal_comma)?;
    if cell == Cell::Missing && !text.trim().is_empty() && text.trim() != text {
        return Err(format!("expected a number, found \"{text}\""));
    }
    Ok(cell)
}

/// Reads the period in column `index` of a row, reporting it when it is not one.
pub(super) fn row_period(row: &Row, index: usize, problems: &mut Problems) -> Option<Period> {
    match Period::parse(cell(row, index)) {
        Ok(period) => Some(period),
        Err(error) => {
            problems.push(Problem::at(row.line, index + 1, error.0));
            None
        }
    }
}

/// Points in time order whatever order the file had: a year sorts before the quarters,
/// months and days that start on its first day.
pub(super) fn sorted_by_period(mut points: Vec<Point>) -> Vec<Point> {
    points.sort_by_key(|point| (point.period.first_day(), point.period.resolution()));
    points
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::data::text::read_csv_table;

    fn read_text(text: &str) -> Result<Dataset, Vec<Problem>> {
        read(&read_csv_table(text).unwrap())
    }

    fn problems(text: &str) -> Vec<Problem> {
        read_text(text).unwrap_err()
    }

    fn values(series: &Series) -> Vec<Option<f64>> {
        series.points.iter().map(|point| point.value()).collect()
    }

    #[test]
    fn reads_periods_series_and_header_units() {
        let dataset =
            read_text("year,Balance (USD bn),US tariff [%]\n2017,-375.6,3.1\n2018,-418.2,12\n")
                .unwrap();
        assert_eq!(dataset.series.len(), 2);
        assert_eq!(dataset.series[0].name, "Balance");
        assert_eq!(dataset.series[0].unit.as_str(), "USD bn");
        assert_eq!(dataset.series[1].name, "US tariff");
        assert_eq!(dataset.series[1].unit.as_str(), "%");
        assert_eq!(values(&dataset.series[0]), [Some(-375.6), Some(-418.2)]);
        assert_eq!(dataset.series[0].points[1].period, Period::Year(2018));
    }

    #[test]
    fn takes_the_unit_from_cell_marks_when_the_header_has_none() {
        let dataset = read_text("year,Tariff,Deficit\n2018,19.3%,$418.2\n2019,21%,$345\n").unwrap();
        assert_eq!(dataset.series[0].unit.as_str(), "%");
        assert_eq!(dataset.series[1].unit.as_str(), "USD");
        assert_eq!(values(&dataset.series[1]), [Some(418.2), Some(345.0)]);
    }

    #[test]
    fn leaves_the_unit_empty_when_nothing_names_it() {
        let dataset = read_text("year,Count\n2018,3\n").unwrap();
        assert!(dataset.series[0].unit.is_empty());
    }

    #[test]
    fn refuses_percent_and_dollars_in_one_series() {
        let found = problems("year,Mixed\n2018,19.3%\n2019,$4\n");
        assert_eq!(found[0].line, Some(3));
        assert_eq!(found[0].column, Some(2));
        assert!(found[0].message.contains("one unit"), "{:?}", found);
    }

    #[test]
    fn keeps_empty_cells_as_gaps() {
        let dataset = read_text("year,a\n2017,1\n2018,\n2019,3\n").unwrap();
        assert_eq!(values(&dataset.series[0]), [Some(1.0), None, Some(3.0)]);
    }

    #[test]
    fn a_padded_missing_mark_is_not_a_number_but_a_bare_one_is_missing() {
        let found = problems("year,a\n2018,n/a \n");
        assert_eq!(found[0].message, "expected a number, found \"n/a \"");
        let dataset = read_text("year,a\n2018,n/a\n2019,.\n").unwrap();
        assert_eq!(values(&dataset.series[0]), [None, None]);
    }

    #[test]
    fn an_event_column_puts_events_on_its_periods() {
        let dataset = read_text("year,a,Event\n2018,1,Tariffs start\n2019,2,\n").unwrap();
        assert_eq!(dataset.series.len(), 1);
        assert_eq!(dataset.events.len(), 1);
        assert_eq!(dataset.events[0].title, "Tariffs start");
        assert_eq!(dataset.events[0].date, Period::Year(2018));
    }

    #[test]
    fn source_and_status_columns_describe_the_points_of_their_row() {
        let dataset =
            read_text("year,a,source,confidence\n2018,1,Census,estimated\n2019,2,,\n").unwrap();
        let points = &dataset.series[0].points;
        assert_eq!(points[0].note(), Some("Census"));
        assert_eq!(points[0].status(), Status::Estimated);
        assert_eq!(points[1].status(), Status::Reported);
        assert!(
            problems("year,a,status\n2018,1,guessed\n")[0]
                .message
                .contains("\"guessed\"")
        );
    }

    #[test]
    fn reads_metadata_lines() {
        let dataset = read_text("# title: T\n# source: S\n# note: N\nyear,a\n2018,1\n").unwrap();
        assert_eq!(dataset.title, "T");
        assert_eq!(dataset.sources, ["S"]);
        assert_eq!(dataset.notes, ["N"]);
    }

    #[test]
    fn sorts_points_by_period_and_allows_mixed_kinds() {
        let dataset = read_text("period,a\n2019,3\n2018-07-06,2\n2018,1\n").unwrap();
        let periods: Vec<String> = dataset.series[0]
            .points
            .iter()
            .map(|point| point.period.to_string())
            .collect();
        assert_eq!(periods, ["2018", "2018-07-06", "2019"]);
    }

    #[test]
    fn reports_a_non_numeric_cell_where_it_is() {
        let found = problems("year,a,b\n2018,1,2\n2019,3,abc\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (Some(3), Some(3)));
        assert_eq!(found[0].message, "expected a number, found \"abc\"");
    }

    #[test]
    fn reports_ragged_rows() {
        let found = problems("year,a,b\n2018,1\n2019,1,2,3\n2020,1,2,\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(3)));
        assert_eq!(
            found[0].message,
            "expected 3 cells as in the header, found 2"
        );
        assert_eq!((found[1].line, found[1].column), (Some(3), Some(4)));
    }

    #[test]
    fn reports_a_duplicated_period_with_its_first_line() {
        let found = problems("year,a\n2018,1\n2019,2\n2018,3\n");
        assert_eq!((found[0].line, found[0].column), (Some(4), Some(1)));
        assert!(found[0].message.contains("first at line 2"), "{found:?}");
    }

    #[test]
    fn reports_ambiguous_and_impossible_periods() {
        let found = problems("date,a\n7/6/2018,1\n2018-02-30,2\n2018-13,3\n0999,4\n");
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].message.contains("day/month or month/day"));
        assert!(found[1].message.contains("not a date in the calendar"));
        assert!(found[2].message.contains("month 01–12"));
        assert!(found[3].message.contains("expected a year"));
        assert!(found.iter().all(|problem| problem.column == Some(1)));
    }

    #[test]
    fn reports_numbers_out_of_range() {
        let found = problems("year,a\n2018,1e400\n");
        assert!(found[0].message.contains("magnitude"), "{found:?}");
    }

    #[test]
    fn reports_values_under_an_empty_header_but_skips_empty_columns() {
        let found = problems("year,a,,b\n2018,1,5,2\n");
        assert_eq!((found[0].line, found[0].column), (Some(1), Some(3)));
        assert!(found[0].message.contains("empty header cell"));
        let dataset = read_text("year,a,,b\n2018,1,,2\n").unwrap();
        assert_eq!(dataset.series.len(), 2);
    }

    #[test]
    fn reports_duplicate_header_names() {
        let found = problems("year,Exports,exports\n2018,1,2\n");
        assert_eq!((found[0].line, found[0].column), (Some(1), Some(3)));
        assert!(found[0].message.contains("first in column 2"));
    }

    #[test]
    fn reports_a_file_without_numbers_and_a_header_without_rows() {
        let found = problems("year,event\n2018,x\n");
        assert_eq!(
            found[0].message,
            "expected at least one column of numbers after the period column, found none"
        );
        let found = problems("year,a\n");
        assert_eq!(
            found[0].message,
            "expected data rows after the header, found none"
        );
    }

    #[test]
    fn reports_a_text_column_once() {
        let found = problems("year,a,Comment\n2018,1,good\n2019,2,bad\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(3)));
        assert!(found[0].message.contains("holds only text"));
    }

    #[test]
    fn collects_every_problem_not_just_the_first() {
        let found = problems("year,a,b\n2018,x,1\n2019,2,y\n2020,z,2\n2020,4,5\n");
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[3].message.contains("first at line 4"));
    }

    #[test]
    fn reads_decimal_commas_when_the_table_says_so() {
        let dataset = read_text("year;a\n2018;\"1.234,5\"\n2019;2,5\n").unwrap();
        assert_eq!(values(&dataset.series[0]), [Some(1234.5), Some(2.5)]);
    }

    #[test]
    fn recognises_fred_downloads() {
        let fred = |text: &str| looks_like_fred(&read_csv_table(text).unwrap());
        assert!(fred("observation_date,XTEXVA01CNM667S\n2018-01-01,1\n"));
        assert!(fred("DATE,VALUE\n2018-01-01,.\n"));
        assert!(!fred("date,Exports,Imports\n2018-01-01,1,2\n"));
        assert!(!fred("year,Exports\n2018,1\n"));
        let dataset = read_text("DATE,VALUE\n2018-01-01,.\n2018-02-01,3.5\n").unwrap();
        assert_eq!(values(&dataset.series[0]), [None, Some(3.5)]);
    }
}
