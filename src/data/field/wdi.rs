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
use super::super::table::Table;
use super::super::table::cell;
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

/// A row's values by year.
struct Row {
    country: usize,
    indicator: usize,
    values: Vec<(i32, Option<f64>)>,
}

/// Reads the table; every problem is found before a choice is asked for.
pub fn read(table: &Table, preamble: &[String], selection: &Selection) -> FieldResult {
    if let Some(message) = selection.unknown_key(KEYS) {
        return Err(vec![Problem::whole_file(message)]);
    }
    let mut problems = Problems::new();
    let mut years: Vec<(usize, i32)> = Vec::new();
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
    let mut countries: Vec<Entity> = Vec::new();
    let mut indicators: Vec<Entity> = Vec::new();
    let mut country_index: HashMap<String, usize> = HashMap::new();
    let mut indicator_index: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut first_line: HashMap<(usize, usize), usize> = HashMap::new();
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        let text = |index: usize| cell(row, index).trim().to_string();
        let (country_name, country_code) = (text(0), text(1));
        let (indicator_name, indicator_code) = (text(2), text(3));
        if country_code.is_empty() || indicator_code.is_empty() {
            problems.push(Problem::at(
                row.line,
                if country_code.is_empty() { 2 } else { 4 },
                "expected a country code and an indicator code, found an empty cell",
            ));
            continue;
        }
        let country = *country_index
            .entry(country_code.clone())
            .or_insert_with(|| {
                countries.push(Entity {
                    code: country_code.clone(),
                    name: country_name.clone(),
                });
                countries.len() - 1
            });
        let indicator = *indicator_index
            .entry(indicator_code.clone())
            .or_insert_with(|| {
                indicators.push(Entity {
                    code: indicator_code.clone(),
                    name: indicator_name.clone(),
                });
                indicators.len() - 1
            });
        if let Some(first) = first_line.get(&(country, indicator)) {
            problems.push(Problem::at(
                row.line,
                4,
                format!(
                    "expected each country and indicator once, found {country_code} {indicator_code} again (first at line {first})"
                ),
            ));
            continue;
        }
        first_line.insert((country, indicator), row.line);
        let mut values = Vec::with_capacity(years.len());
        for &(index, year) in &years {
            match parse_cell(cell(row, index), false) {
                Ok(Cell::Number { value, .. }) => values.push((year, Some(value))),
                Ok(Cell::Missing) => values.push((year, None)),
                Err(message) => problems.push(Problem::at(row.line, index + 1, message)),
            }
        }
        rows.push(Row {
            country,
            indicator,
            values,
        });
    }
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
    let wanted_countries = selection
        .values(COUNTRY_KEYS)
        .or_else(|| selection.bare().map(|bare| vec![bare]));
    let picked_countries =
        match pick(&countries, wanted_countries, "country").map_err(|problem| vec![problem])? {
            Some(picked) => picked,
            None if countries.len() == 1 => vec![0],
            None => {
                return Ok(FieldRead::Choose(choices_of(
                    Format::Wdi,
                    "country",
                    "country",
                    &countries,
                    selection,
                    true,
                )));
            }
        };
    // Only the indicators the chosen countries have are offered.
    let offered: Vec<usize> = {
        let mut offered: Vec<usize> = rows
            .iter()
            .filter(|row| picked_countries.contains(&row.country))
            .map(|row| row.indicator)
            .collect();
        offered.sort_unstable();
        offered.dedup();
        offered
    };
    let offered_entities: Vec<Entity> = offered
        .iter()
        .filter_map(|index| indicators.get(*index).cloned())
        .collect();
    let picked_indicators: Vec<usize> = match pick(
        &offered_entities,
        selection.values(INDICATOR_KEYS),
        "indicator",
    )
    .map_err(|problem| vec![problem])?
    {
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
            return Ok(FieldRead::Choose(choices_of(
                Format::Wdi,
                "indicator",
                "indicator",
                &offered_entities,
                &base,
                true,
            )));
        }
    };
    let mut dataset = Dataset::default();
    for row in &rows {
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
    dataset.title = match (picked_countries.as_slice(), picked_indicators.as_slice()) {
        ([country], [indicator]) => {
            let country = countries.get(*country).map_or("", |c| c.name.as_str());
            let indicator = indicators.get(*indicator).map_or("", |i| i.name.as_str());
            format!("{country}: {}", name_and_unit(indicator).0)
        }
        _ => "World Development Indicators".to_string(),
    };
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
