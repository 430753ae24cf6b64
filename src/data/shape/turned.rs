//! Tables turned or gridded, read into series: periods across the columns (WDI, USITC
//! DataWeb, BEA) and a Year × month grid, their rows narrowed to what the user chose.

use super::super::problem::{Problem, Problems};
use super::super::table::Table;
use super::choice::Narrowed;
use super::{MAX_ROWS_DRAWN, Shaped, Shaping, cells, layouts};

impl Shaping<'_> {
    /// A Year × month grid: one monthly series, or one for each combination of the
    /// label columns beside it (country, data type) that the user chose.
    pub(super) fn month_grid(
        &mut self,
        mut table: Table,
        grid: &layouts::MonthGrid,
    ) -> Result<Shaped, Vec<Problem>> {
        let labels: Vec<usize> = (0..table.header.len())
            .filter(|index| {
                *index != grid.year && !grid.months.contains(index) && !grid.totals.contains(index)
            })
            .collect();
        let title = table
            .metadata
            .iter()
            .find(|(key, _)| key == "title")
            .map(|(_, title)| title.clone());
        let narrowed = match self.narrow(&mut table, &labels, MAX_ROWS_DRAWN, false)? {
            Narrowed::Choose(choices) => return Ok(Shaped::Choose(choices)),
            Narrowed::Rows(names) => names,
        };
        let unit = self.title_unit.as_ref().map(|(unit, _)| unit.clone());
        let mut problems = Problems::new();
        let mut series = Vec::new();
        let mut total_note = None;
        // One series per name, in the order the names first appear.
        let mut order: Vec<String> = Vec::new();
        for name in &narrowed {
            if !order.contains(name) {
                order.push(name.clone());
            }
        }
        let rows = std::mem::take(&mut table.rows);
        for name in order {
            table.rows = rows
                .iter()
                .zip(&narrowed)
                .filter(|(_, row_name)| **row_name == name)
                .map(|(row, _)| row.clone())
                .collect();
            let shown = if name.is_empty() {
                title.clone().unwrap_or_else(|| "Value".to_string())
            } else {
                name
            };
            let (read, note) =
                layouts::read_month_grid(&table, grid, &shown, unit.as_ref(), &mut problems);
            series.push(read);
            total_note = total_note.or(note);
        }
        if !problems.is_empty() {
            return Err(problems.into_vec());
        }
        self.notes.push(format!(
            "Read as monthly series: years down column \"{}\", months across",
            table.header.get(grid.year).map_or("", String::as_str)
        ));
        self.notes.extend(total_note);
        let dataset = self.dataset(&table, series);
        Ok(Shaped::Dataset { dataset, table })
    }

    /// Periods across the columns: each row a series (or a choice when there are many).
    pub(super) fn across(
        &mut self,
        mut table: Table,
        across: &layouts::Across,
    ) -> Result<Shaped, Vec<Problem>> {
        let first = across.periods.first().map(|(_, period)| period.to_string());
        let last = across.periods.last().map(|(_, period)| period.to_string());
        self.notes.push(format!(
            "Transposed: periods run across the columns ({} to {}), one series a row",
            first.unwrap_or_default(),
            last.unwrap_or_default()
        ));
        // Rows with no value in any period are labels over the rows below (`Addenda:`).
        let before = table.rows.len();
        let decimal_comma = table.decimal_comma;
        let (_, parents) = layouts::row_names(&table, &across.labels);
        let mut parent_of: std::collections::HashMap<usize, String> =
            std::collections::HashMap::new();
        for (row, (name, _)) in table.rows.iter().zip(&parents) {
            parent_of.insert(row.line, name.clone());
        }
        table.rows.retain(|row| {
            across
                .periods
                .iter()
                .any(|(column, _)| cells::is_number(cells::cell(row, *column), decimal_comma))
        });
        let labels_only = before - table.rows.len();
        if labels_only > 0 {
            self.notes.push(format!(
                "Skipped {labels_only} {} without any value (labels over other rows, or no data)",
                if labels_only == 1 { "row" } else { "rows" }
            ));
        }
        let names = match self.narrow(&mut table, &across.labels, MAX_ROWS_DRAWN, true)? {
            Narrowed::Choose(choices) => return Ok(Shaped::Choose(choices)),
            Narrowed::Rows(names) => names,
        };
        // Names that repeat take their parent row's name (`Exports: Goods`), then the line.
        let mut named: Vec<(String, String)> = Vec::with_capacity(names.len());
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for name in &names {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        for (row, name) in table.rows.iter().zip(&names) {
            let repeated = counts.get(name.as_str()).copied().unwrap_or(0) > 1;
            let shown = match parent_of.get(&row.line) {
                Some(parent) if repeated && parent != name => parent.clone(),
                _ if repeated || name.is_empty() => {
                    if name.is_empty() {
                        format!("Line {}", row.line)
                    } else {
                        format!("{name} (line {})", row.line)
                    }
                }
                _ => name.clone(),
            };
            named.push((shown, String::new()));
        }
        let (named, dropped) = without_footnote_marks(named);
        if let Some((from, to)) = dropped {
            self.notes.push(format!(
                "Footnote marks dropped from row names (\"{from}\" → \"{to}\")"
            ));
        }
        let mut problems = Problems::new();
        let unit = self.title_unit.as_ref().map(|(unit, _)| unit.clone());
        let chosen: Vec<usize> = (0..table.rows.len()).collect();
        let series = layouts::read_across(
            &table,
            across,
            &chosen,
            &named,
            unit.as_ref(),
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(problems.into_vec());
        }
        let dataset = self.dataset(&table, series);
        Ok(Shaped::Dataset { dataset, table })
    }
}

/// A name as written and as shown.
type Renamed = (String, String);

/// `Goods1` → `Goods`, `Real GDP (millions of chained 2017 dollars) 1` → without the
/// ` 1`: BEA's footnote marks, where every mark follows a small letter or a bracket.
/// Returns the names and one example of a mark dropped.
fn without_footnote_marks(
    names: Vec<(String, String)>,
) -> (Vec<(String, String)>, Option<Renamed>) {
    let mut example = None;
    let names = names
        .into_iter()
        .map(|(name, code)| {
            let digits = name.chars().rev().take_while(char::is_ascii_digit).count();
            let stem = name.get(..name.len() - digits).unwrap_or(&name);
            let before = stem.chars().last();
            let spaced_after_bracket = stem.ends_with(") ");
            let glued_to_word = before.is_some_and(char::is_lowercase);
            if (1..=2).contains(&digits)
                && (spaced_after_bracket || glued_to_word)
                && stem.trim().len() >= 3
            {
                let cleaned = stem.trim_end().to_string();
                if example.is_none() {
                    example = Some((name.clone(), cleaned.clone()));
                }
                (cleaned, code)
            } else {
                (name, code)
            }
        })
        .collect();
    (names, example)
}
