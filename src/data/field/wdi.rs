//! World Bank World Development Indicators CSV (the "CSV" download of
//! data.worldbank.org): four preamble lines (`"Data Source","World Development
//! Indicators",`, `"Last Updated Date",…` and blank lines), then `"Country Name",
//! "Country Code","Indicator Name","Indicator Code","1960",…` with a trailing comma on
//! every row. The country and the indicator are chosen (`country=CHN,
//! indicator=NE.EXP.GNFS.CD`); the unit is the indicator name's last parentheses.

use std::collections::HashMap;

use super::super::format::Format;
use super::super::model::{Dataset, Point, Series};
use super::super::number::{Cell, parse_cell};
use super::super::period::Period;
use super::super::problem::{Problem, Problems};
use super::super::table::{Row, Table, cell};
use super::super::text::read_csv_table;
use super::super::unit::Unit;
use super::{Entity, FieldRead, FieldResult, Selection, choices_of, pick};

const COUNTRY_KEYS: &[&str] = &["country", "country_code", "partner"];
const INDICATOR_KEYS: &[&str] = &["indicator", "indicator_code", "series"];
const KEYS: &[&str] = &[
    "country",
    "country_code",
    "partner",
    "indicator",
    "indicator_code",
    "series",
];
/// Lines searched for the header.
const HEADER_SEARCH_LINES: usize = 12;

/// True for header cells `Country Name, Country Code, Indicator Name, Indicator Code`.
fn is_header(cells: &[String]) -> bool {
    let names: Vec<String> = cells
        .iter()
        .map(|cell| cell.trim().to_lowercase())
        .collect();
    names.len() >= 5
        && names[..4]
            == [
                "country name",
                "country code",
                "indicator name",
                "indicator code",
            ]
}

/// True for a table (a CSV without the preamble, or a sheet) in the WDI layout.
pub fn looks_like(table: &Table) -> bool {
    is_header(&table.header)
}

/// The byte offset of the header line and the lines before it, when `text` is a WDI
/// download.
pub fn find_header(text: &str) -> Option<(usize, Vec<String>)> {
    let mut offset = 0;
    let mut before = Vec::new();
    for line in text.split_inclusive('\n').take(HEADER_SEARCH_LINES) {
        let cells: Vec<String> = line
            .trim_end_matches(['\r', '\n'])
            .split(',')
            .map(|cell| cell.trim().trim_matches('"').to_string())
            .collect();
        if is_header(&cells) {
            return Some((offset, before));
        }
        offset += line.len();
        before.push(line.trim().to_string());
    }
    None
}

/// Reads a whole WDI CSV file; problems count lines from the top of the file.
pub fn read_text(text: &str, selection: &Selection) -> FieldResult {
    let Some((offset, preamble)) = find_header(text) else {
        return Err(vec![Problem::whole_file(
            "expected a header \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"1960\",…, found none",
        )]);
    };
    let body = text.get(offset..).unwrap_or_default();
    let mut table = read_csv_table(body).map_err(|problems| {
        problems
            .into_iter()
            .map(|problem| Problem {
                line: problem.line.map(|line| line + preamble.len()),
                ..problem
            })
            .collect::<Vec<_>>()
    })?;
    table.header_line += preamble.len();
    for row in &mut table.rows {
        row.line += preamble.len();
    }
    read(&table, &preamble, selection)
}

/// `2025-07-01` from the preamble line `"Last Updated Date","2025-07-01",`.
fn last_updated(preamble: &[String]) -> Option<String> {
    preamble.iter().find_map(|line| {
        let cells: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        (cells.first()?.eq_ignore_ascii_case("last updated date"))
            .then(|| cells.get(1).map(|date| (*date).to_string()))
            .flatten()
    })
}

/// A (country, indicator) row's values by year.
struct IndicatorRow {
    country: usize,
    indicator: usize,
    values: Vec<(i32, Option<f64>)>,
}

/// The rows of a WDI table with the countries and indicators they name, each once.
#[derive(Default)]
struct Rows {
    countries: Vec<Entity>,
    indicators: Vec<Entity>,
    country_index: HashMap<String, usize>,
    indicator_index: HashMap<String, usize>,
    rows: Vec<IndicatorRow>,
    /// The line each (country, indicator) was first found on.
    first_line: HashMap<(usize, usize), usize>,
}

impl Rows {
    /// Every row of `table` with its values in the `years` columns, or its problems.
    fn read(table: &Table, years: &[(usize, i32)], problems: &mut Problems) -> Rows {
        let mut rows = Rows::default();
        for row in &table.rows {
            if problems.is_full() {
                break;
            }
            rows.add(row, years, problems);
        }
        rows
    }

    fn add(&mut self, row: &Row, years: &[(usize, i32)], problems: &mut Problems) {
        let text = |index: usize| cell(row, index).trim().to_string();
        let (country_name, country_code) = (text(0), text(1));
        let (indicator_name, indicator_code) = (text(2), text(3));
        if country_code.is_empty() || indicator_code.is_empty() {
            problems.push(Problem::at(
                row.line,
                if country_code.is_empty() { 2 } else { 4 },
                "expected a country code and an indicator code, found an empty cell",
            ));
            return;
        }
        let country = entity_index(
            &mut self.countries,
            &mut self.country_index,
            &country_code,
            &country_name,
        );
        let indicator = entity_index(
            &mut self.indicators,
            &mut self.indicator_index,
            &indicator_code,
            &indicator_name,
        );
        if let Some(first) = self.first_line.get(&(country, indicator)) {
            problems.push(Problem::at(
                row.line,
                4,
                format!(
                    "expected each country and indicator once, found {country_code} {indicator_code} again (first at line {first})"
                ),
            ));
            return;
        }
        self.first_line.insert((country, indicator), row.line);
        let mut values = Vec::with_capacity(years.len());
        for &(index, year) in years {
            match parse_cell(cell(row, index), false) {
                Ok(Cell::Number { value, .. }) => values.push((year, Some(value))),
                Ok(Cell::Missing) => values.push((year, None)),
                Err(message) => problems.push(Problem::at(row.line, index + 1, message)),
            }
        }
        self.rows.push(IndicatorRow {
            country,
            indicator,
            values,
        });
    }

    /// The indicators the `picked` countries have, in the order first found.
    fn indicators_of(&self, picked: &[usize]) -> Vec<usize> {
        let mut offered: Vec<usize> = self
            .rows
            .iter()
            .filter(|row| picked.contains(&row.country))
            .map(|row| row.indicator)
            .collect();
        offered.sort_unstable();
        offered.dedup();
        offered
    }
}

/// The index of the entity with `code`, added with `name` when new.
fn entity_index(
    entities: &mut Vec<Entity>,
    index: &mut HashMap<String, usize>,
    code: &str,
    name: &str,
) -> usize {
    *index.entry(code.to_string()).or_insert_with(|| {
        entities.push(Entity {
            code: code.to_string(),
            name: name.to_string(),
        });
        entities.len() - 1
    })
}

/// The year of every column after the first four, or a problem at its header cell.
fn year_columns(table: &Table, problems: &mut Problems) -> Vec<(usize, i32)> {
    let mut years = Vec::new();
    for (index, header) in table.header.iter().enumerate().skip(4) {
        match Period::parse(header) {
            Ok(Period::Year(year)) => years.push((index, year)),
            _ => problems.push(Problem::at(
                table.header_line.max(1),
                index + 1,
                format!("expected a year such as 1960 in the header, found \"{header}\""),
            )),
        }
    }
    years
}

/// The countries and indicators to read, or the choice to offer when the selection
/// does not settle them.
enum Picked {
    Read {
        countries: Vec<usize>,
        indicators: Vec<usize>,
    },
    Choose(FieldRead),
}

/// Reads the table; every problem is found before a choice is asked for.
pub fn read(table: &Table, preamble: &[String], selection: &Selection) -> FieldResult {
    if let Some(message) = selection.unknown_key(KEYS) {
        return Err(vec![Problem::whole_file(message)]);
    }
    let mut problems = Problems::new();
    let years = year_columns(table, &mut problems);
    let rows = Rows::read(table, &years, &mut problems);
    if table.rows.is_empty() {
        problems.push(Problem::at(
            table.header_line.max(1),
            1,
            "expected a row per country and indicator after the header, found none",
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let (countries, indicators) = match pick_series(&rows, selection)? {
        Picked::Read {
            countries,
            indicators,
        } => (countries, indicators),
        Picked::Choose(choose) => return Ok(choose),
    };
    let mut dataset = dataset_of(&rows, &countries, &indicators);
    dataset.sources.push(match last_updated(preamble) {
        Some(date) => format!("World Bank, World Development Indicators (last updated {date})"),
        None => "World Bank, World Development Indicators".to_string(),
    });
    super::super::table::apply_metadata(&mut dataset, table);
    Ok(FieldRead::Data {
        dataset,
        notes: Vec::new(),
    })
}

/// The countries the selection names (or the one there is), then the indicators of
/// those countries it names (or the one they have).
fn pick_series(rows: &Rows, selection: &Selection) -> Result<Picked, Vec<Problem>> {
    let wanted_countries = selection
        .values(COUNTRY_KEYS)
        .or_else(|| selection.bare().map(|bare| vec![bare]));
    let countries = &rows.countries;
    let picked_countries =
        match pick(countries, wanted_countries, "country").map_err(|problem| vec![problem])? {
            Some(picked) => picked,
            None if countries.len() == 1 => vec![0],
            None => {
                return Ok(Picked::Choose(FieldRead::Choose(choices_of(
                    Format::Wdi,
                    "country",
                    "country",
                    countries,
                    selection,
                    true,
                ))));
            }
        };
    // Only the indicators the chosen countries have are offered.
    let offered = rows.indicators_of(&picked_countries);
    let offered_entities: Vec<Entity> = offered
        .iter()
        .filter_map(|index| rows.indicators.get(*index).cloned())
        .collect();
    let picked = pick(
        &offered_entities,
        selection.values(INDICATOR_KEYS),
        "indicator",
    )
    .map_err(|problem| vec![problem])?;
    let picked_indicators: Vec<usize> = match picked {
        Some(picked) => picked
            .iter()
            .filter_map(|position| offered.get(*position).copied())
            .collect(),
        None if offered.len() == 1 => offered.clone(),
        None => {
            let base = if selection.values(COUNTRY_KEYS).is_some() {
                selection.clone()
            } else {
                // A bare value chose the country: name it, so the choice reloads
                // with a selection that says what it means.
                let codes: Vec<&str> = picked_countries
                    .iter()
                    .filter_map(|index| countries.get(*index))
                    .map(|country| country.code.as_str())
                    .collect();
                Selection::default().with("country", &codes.join("|"))
            };
            return Ok(Picked::Choose(FieldRead::Choose(choices_of(
                Format::Wdi,
                "indicator",
                "indicator",
                &offered_entities,
                &base,
                true,
            ))));
        }
    };
    Ok(Picked::Read {
        countries: picked_countries,
        indicators: picked_indicators,
    })
}

/// A series per picked (country, indicator), titled by the one pair when there is one.
fn dataset_of(rows: &Rows, picked_countries: &[usize], picked_indicators: &[usize]) -> Dataset {
    let (countries, indicators) = (&rows.countries, &rows.indicators);
    let mut dataset = Dataset::default();
    for row in &rows.rows {
        if !picked_countries.contains(&row.country) || !picked_indicators.contains(&row.indicator) {
            continue;
        }
        let (Some(country), Some(indicator)) =
            (countries.get(row.country), indicators.get(row.indicator))
        else {
            continue;
        };
        let (name, unit) = name_and_unit(&indicator.name);
        dataset.series.push(Series {
            name: format!("{} — {name}", country.name),
            unit,
            step: false,
            source: Some(format!("World Bank WDI {}", indicator.code)),
            points: trimmed(&row.values),
        });
    }
    dataset.title = match (picked_countries, picked_indicators) {
        ([country], [indicator]) => {
            let country = countries.get(*country).map_or("", |c| c.name.as_str());
            let indicator = indicators.get(*indicator).map_or("", |i| i.name.as_str());
            format!("{country}: {}", name_and_unit(indicator).0)
        }
        _ => "World Development Indicators".to_string(),
    };
    dataset
}

/// Points from the first year with a value to the last; empty years between are gaps.
fn trimmed(values: &[(i32, Option<f64>)]) -> Vec<Point> {
    let first = values.iter().position(|(_, value)| value.is_some());
    let last = values.iter().rposition(|(_, value)| value.is_some());
    match (first, last) {
        (Some(first), Some(last)) => values
            .get(first..=last)
            .unwrap_or_default()
            .iter()
            .map(|(year, value)| Point::new(Period::Year(*year), *value))
            .collect(),
        _ => Vec::new(),
    }
}

/// `Exports of goods and services (current US$)` → (`Exports of goods and services`,
/// `USD`); `(% of GDP)` is kept as written, since `%` alone would lose what of.
pub fn name_and_unit(indicator: &str) -> (String, Unit) {
    let indicator = indicator.trim();
    if indicator.ends_with(')')
        && let Some(start) = indicator.rfind('(')
    {
        let name = indicator
            .get(..start)
            .unwrap_or(indicator)
            .trim()
            .to_string();
        let inside = indicator
            .get(start + 1..indicator.len() - 1)
            .unwrap_or_default()
            .trim();
        let unit = match inside.to_lowercase().as_str() {
            "current us$" | "us$" => Unit::parse("USD"),
            "%" | "percent" => Unit::parse("%"),
            _ => Unit::verbatim(inside),
        };
        return (name, unit);
    }
    (indicator.to_string(), Unit::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_come_from_the_last_parentheses() {
        let (name, unit) = name_and_unit("Exports of goods and services (current US$)");
        assert_eq!(name, "Exports of goods and services");
        assert_eq!(unit.as_str(), "USD");
        assert_eq!(
            name_and_unit("Exports of goods and services (% of GDP)")
                .1
                .as_str(),
            "% of GDP"
        );
        assert_eq!(name_and_unit("Population, total").1.as_str(), "");
    }
}
