//! The Census "Trade in Goods with <country>" table (census.gov
//! `foreign-trade/balance/c5700.html` and its siblings) saved from the web page as CSV
//! or text: a title line and a NOTE above `Month, Exports, Imports, Balance`, rows
//! named `January 2025` …, and a `TOTAL 2025` row per year that is used as a check,
//! never as a data point. Figures are millions of US dollars with thousands
//! separators. Monthly by default; `frequency=yearly` gives one point per year.

use std::collections::BTreeMap;

use super::super::coverage::Coverage;
use super::super::model::{Dataset, Point, Series};
use super::super::number::{Cell, parse_cell};
use super::super::period::Period;
use super::super::problem::{Problem, Problems};
use super::super::table::{Table, cell};
use super::super::text::{read_csv_table, sniff_separator};
use super::super::unit::Unit;
use super::{FieldRead, FieldResult, Selection, partial_year_note};

use super::super::coverage::MONTH_NAMES;
/// Lines searched for the header before giving up on this layout.
const HEADER_SEARCH_LINES: usize = 40;
const SOURCE: &str = "U.S. Census Bureau, Trade in Goods with … (foreign-trade/balance), millions of dollars, not seasonally adjusted";

/// True when header cells are `Month`, `Exports`, `Imports`, `Balance` (any case, any
/// order after `Month`).
fn is_header(cells: &[String]) -> bool {
    let names: Vec<String> = cells
        .iter()
        .map(|cell| cell.trim().to_lowercase())
        .collect();
    names.first().is_some_and(|first| first == "month")
        && ["exports", "imports", "balance"]
            .iter()
            .all(|name| names.iter().any(|cell| cell == name))
}

/// True for a table (from CSV or a sheet) whose header is the Census one and whose
/// first row is named like `January 2025` (a wide file with a `month` column of
/// `2025-01` periods is not this layout).
pub fn looks_like(table: &Table) -> bool {
    is_header(&table.header)
        && table
            .rows
            .first()
            .is_some_and(|row| row_name(cell(row, 0)).is_some())
}

/// Finds the header line in text saved from the web page, after the title and NOTE
/// lines: its byte offset, and the lines before it.
pub fn find_header(text: &str) -> Option<(usize, Vec<String>)> {
    let mut offset = 0;
    let mut before = Vec::new();
    for line in text.split_inclusive('\n').take(HEADER_SEARCH_LINES) {
        let separator = sniff_separator(line) as char;
        let cells: Vec<String> = line
            .trim_end_matches(['\r', '\n'])
            .split(separator)
            .map(|cell| cell.trim().trim_matches('"').to_string())
            .collect();
        if is_header(&cells) {
            let rest = text.get(offset + line.len()..).unwrap_or_default();
            return first_row_is_named(rest, separator).then_some((offset, before));
        }
        offset += line.len();
        before.push(line.trim().trim_matches(['"', ',']).trim().to_string());
    }
    None
}

/// True when the first non-blank line of `rest` starts with a row name such as
/// `January 2025` or `TOTAL 2025` (cells split at the header's `separator`: a row of
/// `13,092.6` figures would fool a sniffer).
fn first_row_is_named(rest: &str, separator: char) -> bool {
    rest.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(|line| {
            let first = line.split(separator).next().unwrap_or_default();
            row_name(first.trim().trim_matches('"')).is_some()
        })
}

/// Reads text saved from the page: the lines above the header give the title and
/// the NOTE; line numbers in problems count from the top of the file.
pub fn read_text(text: &str, selection: &Selection) -> FieldResult {
    let Some((offset, preamble)) = find_header(text) else {
        return Err(vec![Problem::whole_file(
            "expected a header Month, Exports, Imports, Balance, found none",
        )]);
    };
    let body = text.get(offset..).unwrap_or_default();
    let mut table = read_csv_table(body).map_err(|problems| shifted(problems, preamble.len()))?;
    table.header_line += preamble.len();
    for row in &mut table.rows {
        row.line += preamble.len();
    }
    read(&table, &preamble, selection)
}

fn shifted(problems: Vec<Problem>, lines: usize) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|problem| Problem {
            line: problem.line.map(|line| line + lines),
            ..problem
        })
        .collect()
}

/// What the first cell of a row names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RowName {
    Month(i32, u8),
    Total(i32),
}

/// `January 2025` (or `Jan 2025`, `Jan. 2025`) and `TOTAL 2025`.
fn row_name(text: &str) -> Option<RowName> {
    let mut words = text.split_whitespace();
    let first = words.next()?.trim_end_matches('.').to_lowercase();
    let year_text = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let year = match Period::parse(year_text).ok()? {
        Period::Year(year) => year,
        _ => return None,
    };
    if first == "total" {
        return Some(RowName::Total(year));
    }
    let month = MONTH_NAMES
        .iter()
        .position(|name| *name == first || (first.len() == 3 && name.starts_with(&first)))?;
    Some(RowName::Month(year, month as u8 + 1))
}

/// One column's figures.
#[derive(Default)]
struct Figures {
    months: BTreeMap<(i32, u8), Option<f64>>,
    totals: BTreeMap<i32, (Option<f64>, usize)>,
}

impl Figures {
    /// The values given for the months of `year`.
    fn month_values(&self, year: i32) -> Vec<f64> {
        self.months
            .iter()
            .filter(|((y, _), _)| *y == year)
            .filter_map(|(_, value)| *value)
            .collect()
    }
}

/// Reads the table; `preamble` are the lines above the header.
pub fn read(table: &Table, preamble: &[String], selection: &Selection) -> FieldResult {
    let yearly = wants_yearly(selection)?;
    let columns: Vec<(usize, &str)> = ["Exports", "Imports", "Balance"]
        .iter()
        .filter_map(|name| {
            table
                .column(&[&name.to_lowercase()])
                .map(|index| (index, *name))
        })
        .collect();
    let (figures, first_line) = read_figures(table, &columns)?;
    let months_of_year = months_by_year(&first_line);
    let mut notes = total_checks(&columns, &figures, &months_of_year);
    for (year, months) in &months_of_year {
        if months.len() < 12 {
            notes.push(format!(
                "{year} is a partial year: {}",
                partial_year_note(months)
            ));
        }
    }
    let series = columns
        .iter()
        .zip(&figures)
        .map(|((_, name), column)| Series {
            name: (*name).to_string(),
            unit: Unit::parse("USD mn"),
            step: false,
            source: None,
            points: if yearly {
                yearly_points(column, &months_of_year)
            } else {
                column
                    .months
                    .iter()
                    .map(|(&(year, month), value)| Point::new(Period::Month(year, month), *value))
                    .collect()
            },
        })
        .collect();
    let dataset = dataset_of(series, table, preamble);
    Ok(FieldRead::Data { dataset, notes })
}

/// Whether the selection asks for yearly figures (`frequency=yearly`) rather than the
/// months (the default).
fn wants_yearly(selection: &Selection) -> Result<bool, Vec<Problem>> {
    if let Some(message) = selection.unknown_key(&["frequency"]) {
        return Err(vec![Problem::whole_file(message)]);
    }
    let wanted = selection
        .values(&["frequency"])
        .or_else(|| selection.bare().map(|bare| vec![bare]));
    match wanted.as_deref() {
        None => Ok(false),
        Some([one]) if matches!(one.to_lowercase().as_str(), "monthly" | "month") => Ok(false),
        Some([one]) if matches!(one.to_lowercase().as_str(), "yearly" | "year" | "annual") => {
            Ok(true)
        }
        Some(other) => Err(vec![Problem::whole_file(format!(
            "expected frequency=monthly or frequency=yearly (this table is for one country), found \"{}\"",
            other.join("|")
        ))]),
    }
}

/// The line each month or total row was first found on.
type FirstLines = BTreeMap<RowName, usize>;

/// The figures of each of `columns` by month and the yearly totals, with the line
/// each row was first found on; every problem when a row is not a month or a total,
/// comes twice, or a cell is no number, or there are no months at all.
fn read_figures(
    table: &Table,
    columns: &[(usize, &str)],
) -> Result<(Vec<Figures>, FirstLines), Vec<Problem>> {
    let mut figures: Vec<Figures> = columns.iter().map(|_| Figures::default()).collect();
    let mut problems = Problems::new();
    let mut first_line: BTreeMap<RowName, usize> = BTreeMap::new();
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        let label = cell(row, 0).trim();
        let Some(name) = row_name(label) else {
            problems.push(Problem::at(
                row.line,
                1,
                format!("expected a month such as \"January 2025\" or a \"TOTAL 2025\" row, found \"{label}\""),
            ));
            continue;
        };
        if let Some(first) = first_line.get(&name) {
            problems.push(Problem::at(
                row.line,
                1,
                format!(
                    "expected each month once, found \"{label}\" again (first at line {first})"
                ),
            ));
            continue;
        }
        first_line.insert(name, row.line);
        for ((index, _), column) in columns.iter().zip(figures.iter_mut()) {
            let value = match parse_cell(cell(row, *index), false) {
                Ok(Cell::Number { value, .. }) => Some(value),
                Ok(Cell::Missing) => None,
                Err(message) => {
                    problems.push(Problem::at(row.line, index + 1, message));
                    continue;
                }
            };
            match name {
                RowName::Month(year, month) => {
                    column.months.insert((year, month), value);
                }
                RowName::Total(year) => {
                    column.totals.insert(year, (value, row.line));
                }
            }
        }
    }
    if first_line
        .keys()
        .all(|name| matches!(name, RowName::Total(_)))
    {
        problems.push(Problem::at(
            table.header_line.max(1),
            1,
            "expected rows for months such as \"January 2025\" after the header, found none",
        ));
    }
    if problems.is_empty() {
        Ok((figures, first_line))
    } else {
        Err(problems.into_vec())
    }
}

/// The dataset of `series`: titled by the partner the preamble names, the source, the
/// preamble's notes and the table's own metadata.
fn dataset_of(series: Vec<Series>, table: &Table, preamble: &[String]) -> Dataset {
    let partner = partner_name(preamble);
    let mut dataset = Dataset {
        title: partner.map_or_else(
            || "US trade in goods".to_string(),
            |partner| format!("US trade in goods with {partner}"),
        ),
        series,
        ..Dataset::default()
    };
    dataset.sources.push(SOURCE.to_string());
    dataset.notes.extend(
        preamble
            .iter()
            .filter(|line| line.to_lowercase().starts_with("note"))
            .cloned(),
    );
    super::super::table::apply_metadata(&mut dataset, table);
    dataset
}

/// The months present for each year.
fn months_by_year(rows: &BTreeMap<RowName, usize>) -> BTreeMap<i32, Vec<u8>> {
    let mut months: BTreeMap<i32, Vec<u8>> = BTreeMap::new();
    for name in rows.keys() {
        if let RowName::Month(year, month) = name {
            months.entry(*year).or_default().push(*month);
        }
    }
    months
}

/// `China` from a line `Trade in Goods with China`.
fn partner_name(preamble: &[String]) -> Option<String> {
    preamble.iter().find_map(|line| {
        let lower = line.to_lowercase();
        let at = lower.find("trade in goods with ")?;
        let name = line.get(at + "trade in goods with ".len()..)?.trim();
        (!name.is_empty()).then(|| name.to_string())
    })
}

/// A note for each TOTAL row that the months do not add up to, beyond the rounding
/// of each month to a tenth (a month left out when the page was copied, say).
fn total_checks(
    columns: &[(usize, &str)],
    figures: &[Figures],
    months_of_year: &BTreeMap<i32, Vec<u8>>,
) -> Vec<String> {
    let mut notes = Vec::new();
    for ((_, name), column) in columns.iter().zip(figures) {
        for (year, (total, line)) in &column.totals {
            let Some(total) = total else {
                continue;
            };
            let values = column.month_values(*year);
            let count = months_of_year.get(year).map_or(0, Vec::len);
            let sum: f64 = values.iter().sum();
            let tolerance = 0.05 * count as f64 + 0.1;
            if values.is_empty() || (sum - total).abs() > tolerance {
                notes.push(format!(
                    "line {line}: TOTAL {year} {name} is {total}, but the months listed add up to {:.1}",
                    sum
                ));
            }
        }
    }
    notes
}

/// One point per year: the TOTAL row where there is one, else the months' sum; a
/// year with only some months carries the months it covers.
fn yearly_points(column: &Figures, months_of_year: &BTreeMap<i32, Vec<u8>>) -> Vec<Point> {
    months_of_year
        .iter()
        .map(|(year, months)| {
            let sum: Option<f64> = {
                let values = column.month_values(*year);
                (!values.is_empty()).then(|| (values.iter().sum::<f64>() * 10.0).round() / 10.0)
            };
            let total = column.totals.get(year).and_then(|(total, _)| *total);
            let first = months.iter().copied().min().unwrap_or(1);
            let last = months.iter().copied().max().unwrap_or(12);
            let contiguous = usize::from(last - first) + 1 == months.len();
            let partial = months.len() < 12;
            // Months in a row are a coverage the chart draws; a year with a month
            // missing in between can only say so in words.
            Point::new(Period::Year(*year), total.or(sum))
                .with_coverage((partial && contiguous).then_some(Coverage {
                    first_month: first,
                    last_month: last,
                }))
                .with_note((partial && !contiguous).then(|| partial_year_note(months)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_months_and_totals() {
        assert_eq!(row_name("January 2025"), Some(RowName::Month(2025, 1)));
        assert_eq!(row_name("Sep. 2024"), Some(RowName::Month(2024, 9)));
        assert_eq!(row_name("TOTAL 2025"), Some(RowName::Total(2025)));
        assert_eq!(row_name("Janury 2025"), None);
        assert_eq!(row_name("2025"), None);
    }

    #[test]
    fn finds_the_header_below_the_title() {
        let text = "Trade in Goods with China\nNOTE: millions\n\nMonth,Exports,Imports,Balance\nJanuary 2025,1,2,-1\n";
        let (offset, before) = find_header(text).unwrap();
        assert_eq!(&text[offset..offset + 5], "Month");
        assert_eq!(partner_name(&before).as_deref(), Some("China"));
    }

    #[test]
    fn a_wide_file_with_a_month_column_is_not_this_layout() {
        assert!(find_header("Month,Exports,Imports,Balance\n2025-01,1,2,-1\n").is_none());
    }
}
