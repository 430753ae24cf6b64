//! The frame around a table: title and note lines above it, the header row (one or
//! two), footnotes below, repeated headers of a table copied in blocks, and rows that
//! hold nothing to chart.

use super::super::problem::Problem;
use super::super::table::Row;
use super::cells::{self, Kind};

/// Rows searched for the header from the top of the file.
const HEADER_SEARCH_ROWS: usize = 60;
/// Rows after a header candidate searched for the first data row.
const DATA_LOOKAHEAD: usize = 4;

/// The table's rows split into what surrounds it and what it is.
pub(super) struct Framed {
    /// Lines above the header, as text.
    pub above: Vec<(usize, String)>,
    pub header: Row,
    /// The second header row merged into `header`, if there was one.
    pub sub_header: Option<usize>,
    pub rows: Vec<Row>,
    /// Lines below the table, as text.
    pub below: Vec<(usize, String)>,
}

/// Splits `rows` (every non-blank row of the file, the first one included) into
/// title lines, header and body, with the header on `header_line` when the user said
/// so, else on the first row that reads as a header over rows of values.
pub(super) fn frame(
    mut rows: Vec<Row>,
    header_line: Option<usize>,
    decimal_comma: bool,
) -> Result<Framed, Vec<Problem>> {
    let header_index = match header_line {
        Some(line) => rows
            .iter()
            .position(|row| row.line == line)
            .ok_or_else(|| {
                vec![Problem::whole_file(format!(
                    "expected the header on line {line}, found {}",
                    if rows.last().is_some_and(|row| row.line < line) {
                        "that the table ends before it".to_string()
                    } else {
                        "a blank line there".to_string()
                    }
                ))]
            })?,
        None => find_header(&rows, decimal_comma),
    };
    let above: Vec<(usize, String)> = rows
        .drain(..header_index)
        .map(|row| (row.line, cells::line_text(&row)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    if rows.is_empty() {
        return Err(vec![Problem::whole_file(
            "expected a header row and data rows, found an empty file",
        )]);
    }
    let mut header = rows.remove(0);
    let mut sub_header = None;
    if header_line.is_none()
        && let Some(next) = rows.first()
        && is_sub_header(&header, next, rows.get(1..).unwrap_or(&[]), decimal_comma)
    {
        let next = rows.remove(0);
        header.cells = merged_names(&header.cells, &next.cells);
        sub_header = Some(next.line);
    }
    if header_line.is_none()
        && let Some(next) = rows.first()
        && let Some(periods) = years_over_months(&header, next)
    {
        let next = rows.remove(0);
        header.cells = periods;
        sub_header = Some(next.line);
    }
    header.cells = header
        .cells
        .iter()
        .map(|cell| cell.trim().to_string())
        .collect();
    // Footnotes: the lines at the end that hold words only, no period and no number.
    let end = rows
        .iter()
        .rposition(|row| !is_note_row(row, decimal_comma))
        .map_or(0, |last| last + 1);
    let below: Vec<(usize, String)> = rows
        .split_off(end)
        .iter()
        .map(|row| (row.line, cells::line_text(row)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    Ok(Framed {
        above,
        header,
        sub_header,
        rows,
        below,
    })
}

/// A line of words below a table: `Source: …`, `NOTE: …`, `(1) revised`, at most two
/// cells (a comma in an unquoted sentence splits it) and no period or number in any.
fn is_note_row(row: &Row, decimal_comma: bool) -> bool {
    let filled = cells::filled(row);
    (1..=2).contains(&filled)
        && row
            .cells
            .iter()
            .all(|cell| matches!(cells::kind(cell, decimal_comma), Kind::Text | Kind::Empty))
}

/// Index of the first row that reads as a header over data rows; 0 when none does
/// (the first row is the header, as in a plain CSV file, and the readers say what is
/// wrong with it).
fn find_header(rows: &[Row], decimal_comma: bool) -> usize {
    let limit = rows.len().min(HEADER_SEARCH_ROWS);
    for index in 0..limit {
        let Some(row) = rows.get(index) else {
            break;
        };
        if !cells::is_header_row(row, decimal_comma) {
            continue;
        }
        let after = rows.get(index + 1..).unwrap_or(&[]);
        let Some(data_at) = after
            .iter()
            .take(DATA_LOOKAHEAD)
            .position(|row| cells::is_data_row(row, decimal_comma))
        else {
            continue;
        };
        let Some(data) = after.get(data_at) else {
            continue;
        };
        let header_width = cells::filled(row);
        let spans = row.cells.iter().skip(1).any(|cell| cell.trim().is_empty());
        // A title line split at its commas (`Trade in goods, China`) above the real
        // header: the header is the one nearest the data.
        // (A row starting with a period is data with a bad value, not a header.)
        let nearer_header = after.iter().take(data_at).any(|later| {
            cells::is_header_row(later, decimal_comma)
                && cells::filled(later) >= header_width
                && !later
                    .cells
                    .iter()
                    .find(|cell| !cell.trim().is_empty())
                    .is_some_and(|first| cells::kind(first, decimal_comma) == Kind::Period)
        });
        if nearer_header && !spans {
            continue;
        }
        // A note line the CSV reader split at a comma is narrower than the table.
        if header_width * 3 >= cells::filled(data) * 2 {
            return index;
        }
        // A first header row of spanning names (`,Balance,,Exports,,`) over a full one.
        if spans
            && let Some(next) = after.first()
            && cells::is_header_row(next, decimal_comma)
            && cells::filled(next) * 3 >= cells::filled(data) * 2
        {
            return index;
        }
    }
    0
}

/// BEA's monthly tables: a header row of years (`2001,2001,…`) over a row of months
/// (`JAN,FEB,…`) or quarters (`Q1,…`). Returns the header with each such pair made one
/// period (`2001-01`), or None when the two rows are not that.
fn years_over_months(header: &Row, next: &Row) -> Option<Vec<String>> {
    let mut periods = Vec::with_capacity(header.cells.len());
    let mut paired = 0;
    for (index, top) in header.cells.iter().enumerate() {
        let bottom = next.cells.get(index).map_or("", |cell| cell.trim());
        match (
            cells::year_alone(top),
            cells::month_number(bottom),
            quarter_number(bottom),
        ) {
            (Some(year), Some(month), _) => {
                periods.push(format!("{year}-{month:02}"));
                paired += 1;
            }
            (Some(year), None, Some(quarter)) => {
                periods.push(format!("{year}-Q{quarter}"));
                paired += 1;
            }
            (Some(_), None, None) => return None,
            _ if top.trim().is_empty() => periods.push(bottom.to_string()),
            _ => periods.push(top.trim().to_string()),
        }
    }
    (paired >= 2).then_some(periods)
}

/// `Q1` … `Q4`, `I` … `IV`.
fn quarter_number(text: &str) -> Option<u8> {
    match text.trim().to_uppercase().as_str() {
        "Q1" | "I" => Some(1),
        "Q2" | "II" => Some(2),
        "Q3" | "III" => Some(3),
        "Q4" | "IV" => Some(4),
        _ => None,
    }
}

/// True when `next` is a second header row under `header`: names in the gaps a
/// spanning first row leaves, and data right below.
fn is_sub_header(header: &Row, next: &Row, after: &[Row], decimal_comma: bool) -> bool {
    let gaps = header
        .cells
        .iter()
        .skip(1)
        .filter(|cell| cell.trim().is_empty())
        .count();
    gaps > 0
        && cells::is_header_row(next, decimal_comma)
        && !next
            .cells
            .iter()
            .any(|cell| cells::kind(cell, decimal_comma) == Kind::Period)
        && cells::filled(next) > cells::filled(header)
        && after
            .iter()
            .take(DATA_LOOKAHEAD)
            .any(|row| cells::is_data_row(row, decimal_comma))
}

/// Names of a two-row header: each lower name under the upper name spanning it
/// (`Exports` over `Goods` → `Exports, goods`). Where the lower names repeat in groups
/// (`Total, Goods, Services` three times) and the upper row has one name a group, the
/// groups say the spans, wherever in its group each upper name was centred.
fn merged_names(upper: &[String], lower: &[String]) -> Vec<String> {
    if let Some(names) = merged_by_groups(upper, lower) {
        return names;
    }
    let width = upper.len().max(lower.len());
    let mut spanning = String::new();
    (0..width)
        .map(|index| {
            let top = upper.get(index).map_or("", |cell| cell.trim());
            let bottom = lower.get(index).map_or("", |cell| cell.trim());
            if !top.is_empty() {
                spanning = top.to_string();
            }
            match (
                spanning.is_empty() || index == 0 && top.is_empty(),
                bottom.is_empty(),
            ) {
                (true, _) => bottom.to_string(),
                (false, true) => spanning.clone(),
                (false, false) => format!("{spanning}, {}", lowered_first(bottom)),
            }
        })
        .collect()
}

/// [`merged_names`] for lower names that repeat in groups, one upper name a group.
fn merged_by_groups(upper: &[String], lower: &[String]) -> Option<Vec<String>> {
    let start = lower.iter().position(|cell| !cell.trim().is_empty())? + 1;
    let tail: Vec<&str> = lower.get(start..)?.iter().map(|cell| cell.trim()).collect();
    let tail_len = tail.iter().rposition(|cell| !cell.is_empty())? + 1;
    let tail = tail.get(..tail_len)?;
    let labels: Vec<&str> = upper
        .iter()
        .skip(start)
        .map(|cell| cell.trim())
        .filter(|cell| !cell.is_empty())
        .collect();
    let groups = labels.len();
    if groups < 2 || !tail_len.is_multiple_of(groups) {
        return None;
    }
    let size = tail_len / groups;
    let first = tail.get(..size)?;
    if size < 2 || tail.chunks(size).any(|chunk| chunk != first) {
        return None;
    }
    let mut names: Vec<String> = lower
        .iter()
        .take(start)
        .map(|cell| cell.trim().to_string())
        .collect();
    for (index, name) in tail.iter().enumerate() {
        let label = labels.get(index / size)?;
        names.push(format!("{label}, {}", lowered_first(name)));
    }
    Some(names)
}

/// `Goods` → `goods`; `GDP` and `US tariff` keep their capitals.
fn lowered_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// What the lines above a table say: its title and its notes and sources.
pub(super) struct Preamble {
    pub title: Option<String>,
    pub notes: Vec<String>,
    pub sources: Vec<String>,
}

/// The first line above the table is its title; the others are notes, or sources
/// when they say so.
pub(super) fn preamble(above: &[(usize, String)], below: &[(usize, String)]) -> Preamble {
    let mut preamble = Preamble {
        title: None,
        notes: Vec::new(),
        sources: Vec::new(),
    };
    for (index, (_, text)) in above.iter().chain(below).enumerate() {
        let text = text
            .trim()
            .trim_start_matches('#')
            .trim()
            .trim_matches('"')
            .trim();
        if text.is_empty() {
            continue;
        }
        let above_the_table = index < above.len();
        let lower = text.to_lowercase();
        if lower.starts_with("source") {
            let source = text
                .split_once(':')
                .map_or(text, |(_, rest)| rest.trim())
                .to_string();
            preamble.sources.push(source);
        } else if above_the_table && preamble.title.is_none() {
            preamble.title = Some(text.to_string());
        } else {
            preamble.notes.push(text.to_string());
        }
    }
    preamble
}

/// Drops the rows that repeat the header (a table copied in blocks, each under its
/// own header) and returns how many blocks there were. A block header may start with
/// its year (`2019,Exports,Imports`): the rows under it then take that year.
pub(super) fn join_blocks(header: &mut Row, rows: &mut Vec<Row>) -> usize {
    let key = |cells: &[String]| -> Vec<String> {
        cells
            .iter()
            .skip(1)
            .map(|cell| cell.trim().to_lowercase())
            .filter(|cell| !cell.is_empty())
            .collect()
    };
    let header_rest = key(&header.cells);
    if header_rest.is_empty() {
        return 1;
    }
    let first_of = |cells: &[String]| cells.first().map_or("", |cell| cell.trim()).to_lowercase();
    let header_first = first_of(&header.cells);
    let header_year = cells::year_alone(&header_first);
    let mut blocks = 1;
    let mut year = header_year;
    let mut kept = Vec::with_capacity(rows.len());
    for mut row in rows.drain(..) {
        if key(&row.cells) == header_rest {
            let first = first_of(&row.cells);
            if first == header_first || cells::year_alone(&first).is_some() {
                blocks += 1;
                year = cells::year_alone(&first);
                continue;
            }
        }
        if let (Some(year), Some(first)) = (year, row.cells.first_mut())
            && let Some(month) = cells::month_number(first)
        {
            *first = format!("{year}-{month:02}");
        }
        kept.push(row);
    }
    if let Some(first) = header.cells.first_mut()
        && header_year.is_some()
    {
        *first = "Period".to_string();
    }
    *rows = kept;
    blocks
}

/// Census exhibit history: a row holding only a year, then rows `January` …
/// `December` of that year. Rewrites each month row's first cell to `2019-01` and
/// drops the year rows and the years' total rows (`Jan. - Dec.`); returns how many
/// year rows there were, and the total rows dropped (line, label).
pub(super) fn months_under_years(rows: &mut Vec<Row>) -> (usize, Vec<(usize, String)>) {
    let is_year_row = |row: &Row| {
        cells::filled(row) == 1
            && row
                .cells
                .first()
                .and_then(|c| cells::year_alone(c))
                .is_some()
    };
    let is_month_row = |row: &Row| {
        row.cells
            .first()
            .and_then(|c| cells::month_number(c))
            .is_some()
    };
    let has_month_rows = rows.iter().enumerate().any(|(index, row)| {
        is_year_row(row) && rows.iter().skip(index + 1).take(2).any(is_month_row)
    });
    if !has_month_rows {
        return (0, Vec::new());
    }
    let mut year = None;
    let mut year_rows = 0;
    let mut totals = Vec::new();
    let mut kept = Vec::with_capacity(rows.len());
    for mut row in rows.drain(..) {
        if is_year_row(&row) {
            year = row.cells.first().and_then(|c| cells::year_alone(c));
            year_rows += 1;
            continue;
        }
        // `Jan. - Dec.`, `Total`: the year's own row among its months.
        let first = row.cells.first().map_or("", |cell| cell.trim());
        if year.is_some()
            && !first.is_empty()
            && cells::month_number(first).is_none()
            && !matches!(cells::kind(first, false), Kind::Period | Kind::Number)
        {
            totals.push((row.line, first.to_string()));
            continue;
        }
        if let (Some(year), Some(first)) = (year, row.cells.first_mut())
            && let Some(month) = cells::month_number(first)
        {
            *first = format!("{year}-{month:02}");
        }
        kept.push(row);
    }
    *rows = kept;
    (year_rows, totals)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Row> {
        lines
            .iter()
            .enumerate()
            .map(|(index, cells)| Row {
                line: index + 1,
                cells: cells.iter().map(|cell| cell.to_string()).collect(),
            })
            .collect()
    }

    #[test]
    fn the_header_is_found_under_title_lines_and_footnotes_are_cut() {
        let framed = frame(
            rows(&[
                &["U.S. Trade in Goods with China", "", ""],
                &["(millions of dollars)", "", ""],
                &["Year", "Exports", "Imports"],
                &["2018", "120", "538"],
                &["2019", "106", "452"],
                &["Note: 2019 revised", "", ""],
            ]),
            None,
            false,
        )
        .unwrap();
        assert_eq!(framed.header.line, 3);
        assert_eq!(framed.above.len(), 2);
        assert_eq!(framed.rows.len(), 2);
        assert_eq!(framed.below, [(6, "Note: 2019 revised".to_string())]);
    }

    #[test]
    fn a_two_row_header_combines_its_names() {
        let framed = frame(
            rows(&[
                &["", "Balance", "", "Exports", ""],
                &["Year", "Total", "Goods", "Total", "Goods"],
                &["2018", "-1", "-2", "3", "4"],
            ]),
            None,
            false,
        )
        .unwrap();
        assert_eq!(
            framed.header.cells,
            [
                "Year",
                "Balance, total",
                "Balance, goods",
                "Exports, total",
                "Exports, goods"
            ]
        );
        assert_eq!(framed.sub_header, Some(2));
    }

    #[test]
    fn a_header_line_given_is_taken() {
        let framed = frame(
            rows(&[&["a", "b"], &["Year", "x"], &["2018", "1"]]),
            Some(2),
            false,
        )
        .unwrap();
        assert_eq!(framed.header.cells, ["Year", "x"]);
        assert!(frame(rows(&[&["a", "b"]]), Some(9), false).is_err());
    }

    #[test]
    fn blocks_under_repeated_headers_are_one_table() {
        let mut all = rows(&[
            &["2018", "Exports", "Imports"],
            &["January", "1", "2"],
            &["2019", "Exports", "Imports"],
            &["January", "3", "4"],
        ]);
        let mut header = all.remove(0);
        assert_eq!(join_blocks(&mut header, &mut all), 2);
        assert_eq!(all[0].cells[0], "2018-01");
        assert_eq!(all[1].cells[0], "2019-01");
        assert_eq!(header.cells[0], "Period");
    }

    #[test]
    fn month_rows_take_the_year_row_above_them() {
        let mut all = rows(&[
            &["2019", "", ""],
            &["January", "1", "2"],
            &["February", "3", "4"],
            &["2020", "", ""],
            &["January", "5", "6"],
        ]);
        assert_eq!(months_under_years(&mut all).0, 2);
        let firsts: Vec<&str> = all.iter().map(|row| row.cells[0].as_str()).collect();
        assert_eq!(firsts, ["2019-01", "2019-02", "2020-01"]);
    }
}
