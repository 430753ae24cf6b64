//! The Census `country.xlsx` layout (also saved as CSV): one row per partner and year,
//! `year, CTY_CODE, CTYNAME, IJAN … IDEC, IYR, EJAN … EDEC, EYR`, in millions of US
//! dollars, not seasonally adjusted. One partner is read (chosen with
//! `partner=China` or `partner=5700`), as monthly series by default or yearly with
//! `frequency=yearly`; the balance is exports minus imports.

use std::collections::HashMap;

use super::super::coverage::Coverage;
use super::super::format::Format;
use super::super::model::{Dataset, Point, Series};
use super::super::number::{Cell, parse_cell};
use super::super::period::Period;
use super::super::problem::{Problem, Problems};
use super::super::table::{Row, Table, cell};
use super::super::unit::Unit;
use super::{Entity, FieldRead, FieldResult, Selection, choices_of, partial_year_note, pick};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// Keys a selection may use for the partner.
const PARTNER_KEYS: &[&str] = &["partner", "country", "cty_code", "ctyname"];
/// Every key this layout understands.
const KEYS: &[&str] = &["partner", "country", "cty_code", "ctyname", "frequency"];
const SOURCE: &str = "U.S. Census Bureau, U.S. trade in goods by country (country.xlsx), millions of dollars, not seasonally adjusted";

/// True for a table with the columns `year`, `CTY_CODE`, `CTYNAME`, `IJAN`, `EJAN`.
pub fn looks_like(table: &Table) -> bool {
    ["year", "cty_code", "ctyname", "ijan", "ejan"]
        .iter()
        .all(|name| table.column(&[name]).is_some())
}

/// Where each column is (0-based).
struct Columns {
    year: usize,
    code: usize,
    name: usize,
    imports: [usize; 12],
    exports: [usize; 12],
    imports_year: Option<usize>,
    exports_year: Option<usize>,
}

impl Columns {
    fn find(table: &Table) -> Result<Columns, Problem> {
        let need = |name: &str| {
            table.column(&[name]).ok_or_else(|| {
                Problem::at(
                    table.header_line.max(1),
                    1,
                    format!(
                        "expected a column {} in the Census country layout, found none",
                        name.to_uppercase()
                    ),
                )
            })
        };
        let mut imports = [0; 12];
        let mut exports = [0; 12];
        for (index, month) in MONTHS.iter().enumerate() {
            imports[index] = need(&format!("i{month}"))?;
            exports[index] = need(&format!("e{month}"))?;
        }
        Ok(Columns {
            year: need("year")?,
            code: need("cty_code")?,
            name: need("ctyname")?,
            imports,
            exports,
            imports_year: table.column(&["iyr"]),
            exports_year: table.column(&["eyr"]),
        })
    }
}

/// One partner's figures for one year (None: empty cell).
#[derive(Clone, Debug)]
struct YearRow {
    year: i32,
    line: usize,
    imports: [Option<f64>; 12],
    exports: [Option<f64>; 12],
    imports_year: Option<f64>,
    exports_year: Option<f64>,
}

/// Reads the table; every problem is found before a partner is asked for.
pub fn read(table: &Table, selection: &Selection) -> FieldResult {
    if let Some(message) = selection.unknown_key(KEYS) {
        return Err(vec![Problem::whole_file(message)]);
    }
    let yearly = yearly_wanted(selection)?;
    let columns = Columns::find(table).map_err(|problem| vec![problem])?;
    let mut problems = Problems::new();
    let mut partners = Partners::default();
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        partners.add(row, &columns, &mut problems);
    }
    if table.rows.is_empty() {
        problems.push(Problem::at(
            table.header_line.max(1),
            1,
            "expected a row per partner and year after the header, found none",
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let wanted = selection
        .values(PARTNER_KEYS)
        .or_else(|| selection.bare().map(|bare| vec![bare]));
    let picked =
        match pick(&partners.entities, wanted, "partner").map_err(|problem| vec![problem])? {
            Some(picked) => picked,
            None if partners.entities.len() == 1 => vec![0],
            None => {
                return Ok(FieldRead::Choose(choices_of(
                    Format::CensusCountry,
                    "partner",
                    "partner",
                    &partners.entities,
                    selection,
                    false,
                )));
            }
        };
    let (mut dataset, notes) = partners.dataset_of(&picked, yearly);
    dataset.sources.push(SOURCE.to_string());
    super::super::table::apply_metadata(&mut dataset, table);
    Ok(FieldRead::Data { dataset, notes })
}

/// `frequency=yearly` asks for the yearly totals; monthly is the default.
fn yearly_wanted(selection: &Selection) -> Result<bool, Vec<Problem>> {
    match selection.values(&["frequency"]).as_deref() {
        None => Ok(false),
        Some([one]) if matches!(one.to_lowercase().as_str(), "monthly" | "month") => Ok(false),
        Some([one])
            if matches!(
                one.to_lowercase().as_str(),
                "yearly" | "year" | "annual" | "annually"
            ) =>
        {
            Ok(true)
        }
        Some(other) => Err(vec![Problem::whole_file(format!(
            "expected frequency=monthly or frequency=yearly, found \"{}\"",
            other.join("|")
        ))]),
    }
}

/// The partners of the file, each with its rows by year.
#[derive(Default)]
struct Partners {
    entities: Vec<Entity>,
    rows_of: Vec<Vec<YearRow>>,
    index_of: HashMap<String, usize>,
}

impl Partners {
    /// One row of the table, or its problems.
    fn add(&mut self, row: &Row, columns: &Columns, problems: &mut Problems) {
        let code = cell(row, columns.code).trim().to_string();
        let name = cell(row, columns.name).trim().to_string();
        if code.is_empty() && name.is_empty() {
            problems.push(Problem::at(
                row.line,
                columns.code + 1,
                "expected a partner code (CTY_CODE) and name (CTYNAME), found empty cells",
            ));
            return;
        }
        let year_text = cell(row, columns.year);
        let Ok(Period::Year(year)) = Period::parse(year_text) else {
            problems.push(Problem::at(
                row.line,
                columns.year + 1,
                format!(
                    "expected a year such as 2024, found \"{}\"",
                    year_text.trim()
                ),
            ));
            return;
        };
        let mut number = |index: usize| match parse_cell(cell(row, index), false) {
            Ok(Cell::Number { value, .. }) => Some(value),
            Ok(Cell::Missing) => None,
            Err(message) => {
                problems.push(Problem::at(row.line, index + 1, message));
                None
            }
        };
        let imports = columns.imports.map(&mut number);
        let exports = columns.exports.map(&mut number);
        let imports_year = columns.imports_year.and_then(&mut number);
        let exports_year = columns.exports_year.and_then(&mut number);
        let key = if code.is_empty() {
            name.clone()
        } else {
            code.clone()
        };
        let partner = *self.index_of.entry(key).or_insert_with(|| {
            self.entities.push(Entity {
                code: code.clone(),
                name: name.clone(),
            });
            self.rows_of.push(Vec::new());
            self.entities.len() - 1
        });
        let Some(rows) = self.rows_of.get_mut(partner) else {
            return;
        };
        if let Some(first) = rows.iter().find(|seen| seen.year == year) {
            problems.push(Problem::at(
                row.line,
                columns.year + 1,
                format!(
                    "expected each partner and year once, found {name} {year} again (first at line {})",
                    first.line
                ),
            ));
            return;
        }
        rows.push(YearRow {
            year,
            line: row.line,
            imports,
            exports,
            imports_year,
            exports_year,
        });
    }

    /// The series of the `picked` partners (monthly, or yearly totals), with a note
    /// for each whose latest year is partial.
    fn dataset_of(&self, picked: &[usize], yearly: bool) -> (Dataset, Vec<String>) {
        let latest = self
            .rows_of
            .iter()
            .flatten()
            .map(|row| row.year)
            .max()
            .unwrap_or(0);
        let mut dataset = Dataset::default();
        let mut notes = Vec::new();
        for index in picked {
            let (Some(partner), Some(rows)) = (self.entities.get(*index), self.rows_of.get(*index))
            else {
                continue;
            };
            let mut rows = rows.clone();
            rows.sort_by_key(|row| row.year);
            let released = released_months(&rows, latest);
            if released < 12 && released > 0 {
                let months: Vec<u8> = (1..=released).collect();
                notes.push(format!(
                    "{latest} is a partial year for {}: {} (later months not yet released)",
                    partner.name,
                    partial_year_note(&months)
                ));
            }
            let series = if yearly {
                yearly_series(partner, &rows, latest, released)
            } else {
                monthly_series(partner, &rows, latest, released)
            };
            dataset.series.extend(series);
        }
        let names: Vec<&str> = picked
            .iter()
            .filter_map(|index| self.entities.get(*index))
            .map(|partner| partner.name.as_str())
            .collect();
        dataset.title = format!("US trade in goods with {}", names.join(", "));
        (dataset, notes)
    }
}

/// How many months of the latest year are out: the months after the last one with
/// any trade are not yet released (the file shows them as 0 or empty).
fn released_months(rows: &[YearRow], latest: i32) -> u8 {
    let Some(row) = rows.iter().find(|row| row.year == latest) else {
        return 12;
    };
    let has_trade = |month: usize| {
        let value = |values: &[Option<f64>; 12]| values.get(month).copied().flatten();
        value(&row.imports).is_some_and(|v| v != 0.0)
            || value(&row.exports).is_some_and(|v| v != 0.0)
    };
    (0..12)
        .rev()
        .find(|month| has_trade(*month))
        .map_or(12, |month| month as u8 + 1)
}

/// Exports, imports and balance for each month; unreleased months are left out.
fn monthly_series(partner: &Entity, rows: &[YearRow], latest: i32, released: u8) -> Vec<Series> {
    let mut exports = Vec::new();
    let mut imports = Vec::new();
    let mut balance = Vec::new();
    for row in rows {
        let months = if row.year == latest { released } else { 12 };
        for month in 0..usize::from(months) {
            let period = Period::Month(row.year, month as u8 + 1);
            let exported = row.exports.get(month).copied().flatten();
            let imported = row.imports.get(month).copied().flatten();
            exports.push(Point::new(period, exported));
            imports.push(Point::new(period, imported));
            balance.push(Point::new(period, difference(exported, imported)));
        }
    }
    three_series(partner, exports, imports, balance)
}

/// Exports, imports and balance for each year (the IYR/EYR totals, or the months'
/// sum where a total is empty); a year not yet complete says which months it holds.
fn yearly_series(partner: &Entity, rows: &[YearRow], latest: i32, released: u8) -> Vec<Series> {
    let mut exports = Vec::new();
    let mut imports = Vec::new();
    let mut balance = Vec::new();
    for row in rows {
        let period = Period::Year(row.year);
        let exported = row.exports_year.or_else(|| sum(&row.exports));
        let imported = row.imports_year.or_else(|| sum(&row.imports));
        // A year-to-date total covers January to the last month released.
        let coverage = (row.year == latest && released < 12 && released > 0).then_some(Coverage {
            first_month: 1,
            last_month: released,
        });
        let point = |value: Option<f64>| Point::new(period, value).with_coverage(coverage);
        exports.push(point(exported));
        imports.push(point(imported));
        balance.push(point(difference(exported, imported)));
    }
    three_series(partner, exports, imports, balance)
}

fn sum(values: &[Option<f64>; 12]) -> Option<f64> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.iter().sum())
}

/// Exports minus imports, rounded to the file's tenth of a million so that
/// `105977.9 - 308651.7` does not show floating-point dust.
fn difference(exports: Option<f64>, imports: Option<f64>) -> Option<f64> {
    Some(((exports? - imports?) * 1000.0).round() / 1000.0)
}

fn three_series(
    partner: &Entity,
    exports: Vec<Point>,
    imports: Vec<Point>,
    balance: Vec<Point>,
) -> Vec<Series> {
    let series = |name: String, points: Vec<Point>| Series {
        name,
        unit: Unit::parse("USD mn"),
        step: false,
        source: None,
        points,
    };
    vec![
        series(format!("Exports to {}", partner.name), exports),
        series(format!("Imports from {}", partner.name), imports),
        series(format!("Balance with {}", partner.name), balance),
    ]
}
