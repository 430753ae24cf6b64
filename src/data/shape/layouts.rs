//! Tables laid out other ways than one period a row: periods across the columns and
//! series down the rows (WDI, USITC DataWeb, BEA), and a Year × month grid. Both are
//! read here into series, each value from its own cell so a problem names where it is.

use std::collections::HashMap;

use super::super::csv_wide::{Place, RowAttributes, UnitMarkers, read_point};
use super::super::dates;
use super::super::model::{Point, Series};
use super::super::period::Period;
use super::super::problem::{Problem, Problems};
use super::super::table::{Row, Table};
use super::super::unit::{self, Unit};
use super::cells::{self, Kind};

/// Fewest period headers that make a table one with periods across the columns.
const MIN_PERIOD_HEADERS: usize = 3;

/// A table with periods across the columns: which columns hold which period, and
/// which columns before them label the rows.
pub(super) struct Across {
    pub periods: Vec<(usize, Period)>,
    pub labels: Vec<usize>,
}

/// Periods across the columns: at least three header cells name a period, and they
/// are most of the columns that follow the first of them.
pub(super) fn find_across(table: &Table) -> Option<Across> {
    let periods: Vec<(usize, Period)> = table
        .header
        .iter()
        .enumerate()
        .filter_map(|(index, text)| dates::period_in_header(text).map(|period| (index, period)))
        .collect();
    let first = periods.first()?.0;
    let after_first = table.header.len() - first;
    // Fewer period columns count when they close the header after text labels
    // (`Data Type,HTS Number,Description,2023`: a one-year download).
    let closing_block = periods.len() == after_first
        && first > 0
        && table
            .header
            .iter()
            .take(first)
            .any(|name| dates::period_in_header(name).is_none() && !name.trim().is_empty());
    if (periods.len() < MIN_PERIOD_HEADERS && !closing_block) || periods.len() * 3 < after_first * 2
    {
        return None;
    }
    let labels = (0..first).collect();
    Some(Across { periods, labels })
}

/// The label of each row of a table with periods across: the column naming the rows
/// (the first of text that is no code), qualified by the other text labels where names
/// repeat. Returns the name column's header and the rows' names and codes.
pub(super) fn row_names(table: &Table, labels: &[usize]) -> (String, Vec<(String, String)>) {
    let text_share = |index: usize| {
        table
            .rows
            .iter()
            .filter(|row| cells::kind(cells::cell(row, index), table.decimal_comma) == Kind::Text)
            .count()
    };
    let is_code = |index: usize| {
        let name = cells::squeezed(table.header.get(index).map_or("", String::as_str));
        name.ends_with("code") || name == "line" || name == "id" || name.starts_with("iso")
    };
    let name_column = labels
        .iter()
        .copied()
        .filter(|&index| !is_code(index))
        .max_by_key(|&index| (text_share(index), std::cmp::Reverse(index)));
    let code_column = labels.iter().copied().find(|&index| {
        is_code(index)
            && cells::squeezed(table.header.get(index).map_or("", String::as_str)) != "line"
    });
    let other_text: Vec<usize> = labels
        .iter()
        .copied()
        .filter(|&index| Some(index) != name_column && !is_code(index) && text_share(index) > 0)
        .collect();
    let header = name_column
        .and_then(|index| table.header.get(index))
        .map_or_else(String::new, |name| name.trim().to_string());
    let mut names: Vec<(String, String)> = table
        .rows
        .iter()
        .map(|row| {
            let name = name_column.map_or("", |index| cells::cell(row, index).trim());
            let code = code_column.map_or("", |index| cells::cell(row, index).trim());
            (name.to_string(), code.to_string())
        })
        .collect();
    // Names that repeat (`Goods` under exports and under imports; one indicator for
    // several countries): add the other labels, then the row's parent, then the line.
    let repeated = |names: &[(String, String)]| {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (name, _) in names {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        names
            .iter()
            .map(|(name, _)| counts.get(name.as_str()).copied().unwrap_or(0) > 1)
            .collect::<Vec<bool>>()
    };
    if !other_text.is_empty() {
        let flags = repeated(&names);
        for ((name, _), (row, repeats)) in names.iter_mut().zip(table.rows.iter().zip(flags)) {
            if repeats {
                for &index in &other_text {
                    let other = cells::cell(row, index).trim();
                    if !other.is_empty() {
                        *name = format!("{name}, {other}");
                    }
                }
            }
        }
    }
    if let Some(index) = name_column {
        let flags = repeated(&names);
        let mut parents: Vec<(usize, String)> = Vec::new();
        for ((name, _), (row, repeats)) in names.iter_mut().zip(table.rows.iter().zip(flags)) {
            let raw = cells::cell(row, index);
            let indent = raw.len() - raw.trim_start().len();
            parents.retain(|(level, _)| *level < indent);
            if repeats && let Some((_, parent)) = parents.last() {
                *name = format!("{parent}: {name}");
            }
            parents.push((indent, raw.trim().trim_end_matches(':').to_string()));
        }
    }
    let flags = repeated(&names);
    for ((name, _), (row, repeats)) in names.iter_mut().zip(table.rows.iter().zip(flags)) {
        if repeats || name.is_empty() {
            *name = if name.is_empty() {
                format!("Line {}", row.line)
            } else {
                format!("{name} (line {})", row.line)
            };
        }
    }
    (header, names)
}

/// The series of the rows `chosen` (indexes into the table's rows) of a table with
/// periods across, each named as `names` say; the unit from the name, else from the
/// period headers (`2017 ($US)`), else `unit`.
pub(super) fn read_across(
    table: &Table,
    across: &Across,
    chosen: &[usize],
    names: &[(String, String)],
    unit: Option<&Unit>,
    problems: &mut Problems,
) -> Vec<Series> {
    let header_unit = header_unit(table, across);
    chosen
        .iter()
        .filter_map(|&index| {
            let row = table.rows.get(index)?;
            let label = names.get(index).map_or("", |(name, _)| name.as_str());
            let (name, name_unit) = unit::name_and_unit_from_header(label);
            let mut markers = UnitMarkers::default();
            let attributes = RowAttributes::default();
            let points: Vec<Point> = across
                .periods
                .iter()
                .filter_map(|&(column, period)| {
                    read_point(
                        cells::cell(row, column),
                        period,
                        table.decimal_comma,
                        &attributes,
                        Place::new(row.line, column),
                        &mut markers,
                        problems,
                    )
                })
                .collect();
            let unit = name_unit
                .filter(|unit| !unit.is_empty())
                .or_else(|| header_unit.clone())
                .or_else(|| unit.cloned())
                .unwrap_or_else(|| markers.unit(&name, problems));
            Some(Series {
                name,
                unit,
                step: false,
                source: None,
                points: sorted(points),
            })
        })
        .collect()
}

/// The unit every period header names in the same words (`2017 ($US)`), if they do.
fn header_unit(table: &Table, across: &Across) -> Option<Unit> {
    let mut found: Option<Unit> = None;
    for &(column, _) in &across.periods {
        let (_, unit) = unit::name_and_unit_from_header(table.header.get(column)?);
        let unit = unit.filter(|unit| !unit.is_empty())?;
        match &found {
            None => found = Some(unit),
            Some(seen) if *seen == unit => {}
            Some(_) => return None,
        }
    }
    found
}

fn sorted(mut points: Vec<Point>) -> Vec<Point> {
    points.sort_by_key(|point| (point.period.first_day(), point.period.resolution()));
    points
}

/// A Year × month grid: a column of years and the twelve months across.
pub(super) struct MonthGrid {
    pub year: usize,
    /// Column of each month, January first.
    pub months: [usize; 12],
    /// Columns that sum or average the months (`Annual`, `Total`, `HALF1`, `Q1`).
    pub totals: Vec<usize>,
}

/// Names of columns that add up or average a grid's months.
const TOTAL_COLUMNS: &[&str] = &[
    "annual",
    "total",
    "year",
    "yeartotal",
    "sum",
    "average",
    "avg",
    "mean",
    "ytd",
    "half1",
    "half2",
    "h1",
    "h2",
    "q1",
    "q2",
    "q3",
    "q4",
    "1sthalf",
    "2ndhalf",
    "firsthalf",
    "secondhalf",
    "annualtotal",
    "calendaryear",
    "cy",
];

/// The twelve months across the header, each once, and a column of years.
pub(super) fn find_month_grid(table: &Table) -> Option<MonthGrid> {
    let mut months = [usize::MAX; 12];
    for (index, header) in table.header.iter().enumerate() {
        if let Some(month) = cells::month_number(header) {
            let slot = months.get_mut(usize::from(month) - 1)?;
            if *slot != usize::MAX {
                return None;
            }
            *slot = index;
        }
    }
    if months.contains(&usize::MAX) {
        return None;
    }
    let year = (0..table.header.len()).find(|&index| {
        !months.contains(&index)
            && !table.rows.is_empty()
            && table.rows.iter().all(|row| {
                let text = cells::cell(row, index);
                text.trim().is_empty() || cells::year_alone(text).is_some()
            })
            && table
                .rows
                .iter()
                .any(|row| cells::year_alone(cells::cell(row, index)).is_some())
    })?;
    let totals = (0..table.header.len())
        .filter(|index| {
            TOTAL_COLUMNS.contains(
                &cells::squeezed(table.header.get(*index).map_or("", String::as_str)).as_str(),
            ) && *index != year
        })
        .collect();
    Some(MonthGrid {
        year,
        months,
        totals,
    })
}

/// The monthly series of a grid, named `name`; and a note on the total columns:
/// checked against the months and left out.
pub(super) fn read_month_grid(
    table: &Table,
    grid: &MonthGrid,
    name: &str,
    unit: Option<&Unit>,
    problems: &mut Problems,
) -> (Series, Option<String>) {
    let mut markers = UnitMarkers::default();
    let attributes = RowAttributes::default();
    let mut points = Vec::new();
    let mut first_line_of: HashMap<i32, usize> = HashMap::new();
    let mut total_checks = TotalChecks::default();
    for row in &table.rows {
        let year_text = cells::cell(row, grid.year);
        let Some(year) = cells::year_alone(year_text) else {
            // A row without a year: a placeholder when it holds nothing, else a problem.
            if grid.months.iter().any(|&column| {
                cells::number(cells::cell(row, column), table.decimal_comma)
                    .is_some_and(|value| value != 0.0)
            }) {
                problems.push(Problem::at(
                    row.line,
                    grid.year + 1,
                    format!("expected a year, found \"{}\"", year_text.trim()),
                ));
            }
            continue;
        };
        if let Some(first) = first_line_of.insert(year, row.line) {
            problems.push(Problem::at(
                row.line,
                grid.year + 1,
                format!("expected each year once, found {year} again (first at line {first})"),
            ));
            continue;
        }
        let mut month_values = Vec::with_capacity(12);
        for (month, &column) in (1u8..=12).zip(grid.months.iter()) {
            let point = read_point(
                cells::cell(row, column),
                Period::Month(year, month),
                table.decimal_comma,
                &attributes,
                Place::new(row.line, column),
                &mut markers,
                problems,
            );
            if let Some(point) = point {
                month_values.push(point.value());
                points.push(point);
            }
        }
        total_checks.see(table, grid, row, &month_values);
    }
    let (name, name_unit) = unit::name_and_unit_from_header(name);
    let unit = name_unit
        .filter(|unit| !unit.is_empty())
        .or_else(|| unit.cloned())
        .unwrap_or_else(|| markers.unit(&name, problems));
    let note = total_checks.note(table, grid);
    (
        Series {
            name,
            unit,
            step: false,
            source: None,
            points: sorted(points),
        },
        note,
    )
}

/// How the total columns of a grid compare with its months.
#[derive(Default)]
struct TotalChecks {
    /// Per total column: rows where it matched the sum, the mean, and the first row
    /// where it matched neither.
    sums: HashMap<usize, usize>,
    means: HashMap<usize, usize>,
    mismatch: HashMap<usize, usize>,
}

impl TotalChecks {
    fn see(&mut self, table: &Table, grid: &MonthGrid, row: &Row, months: &[Option<f64>]) {
        for &column in &grid.totals {
            let Some(total) = cells::number(cells::cell(row, column), table.decimal_comma) else {
                continue;
            };
            let header = cells::squeezed(table.header.get(column).map_or("", String::as_str));
            let span: &[Option<f64>] = match header.as_str() {
                "half1" | "h1" | "1sthalf" | "firsthalf" => months.get(..6).unwrap_or(&[]),
                "half2" | "h2" | "2ndhalf" | "secondhalf" => months.get(6..).unwrap_or(&[]),
                "q1" => months.get(..3).unwrap_or(&[]),
                "q2" => months.get(3..6).unwrap_or(&[]),
                "q3" => months.get(6..9).unwrap_or(&[]),
                "q4" => months.get(9..).unwrap_or(&[]),
                _ => months,
            };
            let values: Vec<f64> = span.iter().flatten().copied().collect();
            if values.is_empty() {
                continue;
            }
            let sum: f64 = values.iter().sum();
            let mean = sum / values.len() as f64;
            let close = |a: f64, b: f64| (a - b).abs() <= 0.005 * a.abs().max(b.abs()) + 0.051;
            if close(total, sum) {
                *self.sums.entry(column).or_default() += 1;
            } else if close(total, mean) {
                *self.means.entry(column).or_default() += 1;
            } else {
                self.mismatch.entry(column).or_insert(row.line);
            }
        }
    }

    fn note(&self, table: &Table, grid: &MonthGrid) -> Option<String> {
        if grid.totals.is_empty() {
            return None;
        }
        let name = |column: usize| table.header.get(column).map_or("", |name| name.trim());
        let names: Vec<&str> = grid.totals.iter().map(|&column| name(column)).collect();
        let mismatches: Vec<String> = grid
            .totals
            .iter()
            .filter_map(|column| {
                self.mismatch
                    .get(column)
                    .map(|line| format!("{} (line {line})", name(*column)))
            })
            .collect();
        let kind = if grid
            .totals
            .iter()
            .all(|column| self.sums.contains_key(column))
        {
            "they are the sums of the months"
        } else if grid
            .totals
            .iter()
            .all(|column| self.means.contains_key(column))
        {
            "they are the averages of the months"
        } else {
            "they sum or average the months"
        };
        Some(if mismatches.is_empty() {
            format!(
                "Columns {} left out: {kind} (checked on every row)",
                names.join(", ")
            )
        } else {
            format!(
                "Columns {} left out; they do not match the months in {}",
                names.join(", "),
                mismatches.join(", ")
            )
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::data::text::read_csv_table;

    #[test]
    fn years_across_the_columns_are_found_with_their_labels() {
        let table = read_csv_table(
            "Country Name,Country Code,2018,2019,2020\nChina,CHN,1,2,3\nWorld,WLD,4,5,6\n",
        )
        .unwrap();
        let across = find_across(&table).unwrap();
        assert_eq!(across.labels, [0, 1]);
        assert_eq!(across.periods.len(), 3);
        let (header, names) = row_names(&table, &across.labels);
        assert_eq!(header, "Country Name");
        assert_eq!(names[0], ("China".to_string(), "CHN".to_string()));
    }

    #[test]
    fn repeated_row_names_take_their_parent() {
        let table = read_csv_table(
            "Line,,2018,2019,2020\n1,Exports,1,2,3\n2,  Goods,1,1,1\n3,Imports,4,5,6\n4,  Goods,3,3,3\n",
        )
        .unwrap();
        let across = find_across(&table).unwrap();
        let (_, names) = row_names(&table, &across.labels);
        let names: Vec<&str> = names.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["Exports", "Exports: Goods", "Imports", "Imports: Goods"]
        );
    }

    #[test]
    fn a_year_by_month_grid_is_one_monthly_series_and_its_totals_are_checked() {
        let table = read_csv_table(
            "Year,Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec,Annual\n\
             2019,1,1,1,1,1,1,1,1,1,1,1,1,12\n\
             2020,2,2,2,2,2,2,2,2,2,2,2,,22\n",
        )
        .unwrap();
        let grid = find_month_grid(&table).unwrap();
        assert_eq!(grid.totals, [13]);
        let mut problems = Problems::new();
        let (series, note) = read_month_grid(&table, &grid, "Imports", None, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(series.points.len(), 24);
        assert_eq!(series.points[12].period, Period::Month(2020, 1));
        assert_eq!(
            note.unwrap(),
            "Columns Annual left out: they are the sums of the months (checked on every row)"
        );
    }
}
