//! What a cell looks like at a glance (empty, a number, a period, text), the measure
//! every rule of the table's shape is written in.

use super::super::dates;
use super::super::number::{self, Cell};
use super::super::table::Row;

/// What a cell holds, judged alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Empty, or a mark for a missing value (`.`, `NA`, `–`).
    Empty,
    /// A period on its own (`2018`, `2018-07`, `Jan-2020`): a year is a period first.
    Period,
    /// A number that is no period.
    Number,
    /// Anything else: a name, a title, a word.
    Text,
}

/// The kind of one cell.
pub(super) fn kind(text: &str, decimal_comma: bool) -> Kind {
    let trimmed = text.trim();
    if trimmed.is_empty() || number::is_missing_mark(trimmed) {
        return Kind::Empty;
    }
    if dates::looks_like_period(trimmed) {
        return Kind::Period;
    }
    match number::parse_cell(trimmed, decimal_comma) {
        Ok(Cell::Number { .. }) => Kind::Number,
        Ok(Cell::Missing) => Kind::Empty,
        Err(_) => Kind::Text,
    }
}

/// True when the cell reads as a number (a year written as a number included).
pub(super) fn is_number(text: &str, decimal_comma: bool) -> bool {
    matches!(
        number::parse_cell(text.trim(), decimal_comma),
        Ok(Cell::Number { .. })
    )
}

/// The number a cell holds, if any.
pub(super) fn number(text: &str, decimal_comma: bool) -> Option<f64> {
    match number::parse_cell(text.trim(), decimal_comma) {
        Ok(Cell::Number { value, .. }) => Some(value),
        _ => None,
    }
}

/// The cell at `index`, or an empty text past the end of a short row.
pub(super) fn cell(row: &Row, index: usize) -> &str {
    row.cells.get(index).map_or("", String::as_str)
}

/// Cells that hold something.
pub(super) fn filled(row: &Row) -> usize {
    row.cells
        .iter()
        .filter(|cell| !cell.trim().is_empty())
        .count()
}

/// The row's non-empty cells joined as a line of text (a title line split at its
/// commas by the CSV reader is whole again).
pub(super) fn line_text(row: &Row) -> String {
    row.cells
        .iter()
        .map(|cell| cell.trim())
        .filter(|cell| !cell.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// True for a row that holds values: a number in some cell other than its first
/// filled one (which may be the period or the label).
pub(super) fn is_data_row(row: &Row, decimal_comma: bool) -> bool {
    if is_header_row(row, decimal_comma) {
        // `Country Name,Code,1960,1961`: the years are names, not values.
        return false;
    }
    let mut cells = row
        .cells
        .iter()
        .filter(|cell| !cell.trim().is_empty())
        .skip(1);
    cells.any(|cell| is_number(cell, decimal_comma))
}

/// True for a row that reads as column names: at least two filled cells, some text,
/// and every other cell a period (years across the columns), never a plain number.
pub(super) fn is_header_row(row: &Row, decimal_comma: bool) -> bool {
    let mut text = 0;
    let mut filled_cells = 0;
    for cell in &row.cells {
        match kind(cell, decimal_comma) {
            Kind::Empty => {}
            Kind::Text => {
                text += 1;
                filled_cells += 1;
            }
            Kind::Period => filled_cells += 1,
            Kind::Number => return false,
        }
    }
    // A row of years alone (IMF's sheets leave the label cell above the names empty).
    filled_cells >= 2 && (text >= 1 || filled_cells >= 3 && ascending_years(row))
}

/// True when the row's filled cells are years one after another (`1980,1981,…`).
fn ascending_years(row: &Row) -> bool {
    let years: Vec<i32> = row
        .cells
        .iter()
        .filter(|cell| !cell.trim().is_empty())
        .map(|cell| year_alone(cell))
        .collect::<Option<Vec<i32>>>()
        .unwrap_or_default();
    years.len() >= 3 && years.windows(2).all(|pair| pair[1] == pair[0] + 1)
}

/// `January`, `Jan`, `Jan.`, `JAN`, `Sept` → 1–12.
pub(super) fn month_number(text: &str) -> Option<u8> {
    let word = text.trim().trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let position = super::super::coverage::MONTH_NAMES
        .iter()
        .position(|name| {
            name.starts_with(word.as_str()) || (word == "sept" && *name == "september")
        })?;
    u8::try_from(position + 1).ok()
}

/// A year written alone (`2019`, `2019.0`, `2019 (r)`), within the years a period may name.
pub(super) fn year_alone(text: &str) -> Option<i32> {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = text.get(4..).unwrap_or("").trim();
    if !(rest.is_empty() || rest == ".0" || rest.starts_with('(') || rest.starts_with('*')) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (super::super::period::MIN_YEAR..=super::super::period::MAX_YEAR)
        .contains(&year)
        .then_some(year)
}

/// `2001.01` → (2001, 1): four digits, a dot, a month of two digits.
pub(super) fn dotted_year_month(text: &str) -> Option<(i32, u8)> {
    let (year, month) = text.trim().split_once('.')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year = year_alone(year)?;
    let month: u8 = month.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// A header cell as compared with known names: lower case, with spaces, `_`, `-` and
/// `.` dropped (`Country Name`, `country_name` and `CountryName` are one).
pub(super) fn squeezed(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
        .collect()
}

/// `lines 1–3` or `line 4`.
pub(super) fn lines_phrase(first: usize, last: usize) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}–{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            line: 1,
            cells: cells.iter().map(|cell| cell.to_string()).collect(),
        }
    }

    #[test]
    fn headers_are_words_or_periods_and_data_rows_hold_numbers() {
        assert!(is_header_row(
            &row(&["Country Name", "Code", "1960", "1961"]),
            false
        ));
        assert!(is_header_row(&row(&["observation_date", "BOPGSTB"]), false));
        assert!(!is_header_row(&row(&["2018", "-375.6"]), false));
        assert!(!is_header_row(
            &row(&["U.S. trade in goods with China"]),
            false
        ));
        assert!(is_data_row(&row(&["2018", "-375.6"]), false));
        assert!(is_data_row(&row(&["China", "CHN", "12.5"]), false));
        assert!(!is_data_row(&row(&["Source: Census", ""]), false));
    }

    #[test]
    fn month_names_in_the_ways_people_write_them() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("DEC."), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Total"), None);
    }

    #[test]
    fn a_year_alone_may_carry_a_revision_mark() {
        assert_eq!(year_alone("2019"), Some(2019));
        assert_eq!(year_alone("2019 (r)"), Some(2019));
        assert_eq!(year_alone("2019-01"), None);
        assert_eq!(year_alone("20190"), None);
    }
}
