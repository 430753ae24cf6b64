//! Long (tidy) tables: one row per (series, period, value), pivoted into series;
//! OWID's `Entity,Code,Year,<measure>...` is one with a series per (entity, measure).

use std::collections::HashMap;

use super::csv_wide::{
    AttributeColumns, Place, UnitMarkers, read_number, read_point, row_period, sorted_by_period,
};
use super::model::{Dataset, Point, Series};
use super::number::Cell;
use super::period::Period;
use super::problem::{Problem, Problems};
use super::table::row_has_header_width;
use super::table::{Table, apply_metadata, cell, header_key};
use super::unit::{self, Unit};

/// Header names of the period column.
pub const PERIOD_COLUMNS: &[&str] = &[
    "year",
    "date",
    "period",
    "time",
    "observation_date",
    "month",
    "quarter",
];
/// Header names of the column naming the series a row belongs to.
pub const KEY_COLUMNS: &[&str] = &[
    "series",
    "entity",
    "country",
    "country_name",
    "indicator",
    "indicator_name",
    "name",
    "partner",
    "region",
    "economy",
    "reporter",
    "variable",
];
/// Header names of the one value column of a `series,date,value` table.
pub const VALUE_COLUMNS: &[&str] = &["value", "values", "obs_value"];
/// Header name of the optional column giving each row's unit.
pub const UNIT_COLUMNS: &[&str] = &["unit", "units"];
/// Columns that describe a row rather than measure anything: never a measure.
const ATTRIBUTE_COLUMNS: &[&str] = &[
    "source",
    "sources",
    "status",
    "confidence",
    "note",
    "notes",
    "event",
    "events",
    "flag",
    "flags",
];

/// True for a table with a period column, a series key column holding names, and a
/// value column (or, OWID style, other columns of numbers). A wide file with an
/// `event` or `note` column has no key column, so it is never taken for long.
pub fn looks_long(table: &Table) -> bool {
    Layout::find(table).is_some_and(|layout| !layout.measures.is_empty())
}

/// Pivots a long table into one series per (key, measure), in order of first
/// appearance, or returns every problem found (up to the cap).
pub fn read(table: &Table) -> Result<Dataset, Vec<Problem>> {
    let mut problems = Problems::new();
    let Some(layout) = Layout::find(table) else {
        return Err(vec![Problem::at(
            table.header_line.max(1),
            1,
            format!(
                "expected a period column (year, date, period) and a series column (series, entity, country), found \"{}\"",
                table.header.join(",")
            ),
        )]);
    };
    if layout.measures.is_empty() {
        problems.push(Problem::at(
            table.header_line,
            layout.key + 1,
            "expected a value column or at least one column of numbers beside the series and period columns, found none",
        ));
    }
    let mut pivot = Pivot::default();
    let attribute_columns = AttributeColumns::find(table);
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        if !row_has_header_width(table, row, &mut problems) {
            continue;
        }
        let key = cell(row, layout.key).trim();
        if key.is_empty() {
            problems.push(Problem::at(
                row.line,
                layout.key + 1,
                "expected a series name, found an empty cell",
            ));
            continue;
        }
        let Some(period) = row_period(row, layout.period, &mut problems) else {
            continue;
        };
        let row_unit = layout
            .unit
            .map(|index| cell(row, index).trim())
            .filter(|text| !text.is_empty());
        let attributes = attribute_columns.read(row, &mut problems);
        let first = pivot.first_series_of(key, &layout.measures, table);
        for (position, &measure) in layout.measures.iter().enumerate() {
            let Some(builder) = pivot.builders.get_mut(first + position) else {
                continue;
            };
            if let Some(first) = builder.first_line_of.get(&period) {
                problems.push(Problem::at(
                    row.line,
                    layout.period + 1,
                    format!(
                        "expected each (series, period) once, found \"{}\" at {period} again (first at line {first})",
                        builder.name
                    ),
                ));
                continue;
            }
            builder.first_line_of.insert(period, row.line);
            if let Some(text) = row_unit {
                builder.see_unit(
                    text,
                    Place::new(row.line, layout.unit.unwrap_or(0)),
                    &mut problems,
                );
            }
            let place = Place::new(row.line, measure);
            if let Some(point) = read_point(
                cell(row, measure),
                period,
                table.decimal_comma,
                &attributes,
                place,
                &mut builder.markers,
                &mut problems,
            ) {
                builder.points.push(point);
            }
        }
    }
    if table.rows.is_empty() {
        problems.push(Problem::at(
            table.header_line,
            1,
            "expected data rows after the header, found none",
        ));
    }
    let series = pivot.finish(layout.measures.len() > 1, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let mut dataset = Dataset {
        series,
        ..Dataset::default()
    };
    apply_metadata(&mut dataset, table);
    Ok(dataset)
}

/// Which column plays which part in a long table (0-based indexes).
#[derive(Debug)]
struct Layout {
    period: usize,
    key: usize,
    unit: Option<usize>,
    /// The value column, or OWID style every other column that holds numbers.
    measures: Vec<usize>,
}

impl Layout {
    fn find(table: &Table) -> Option<Layout> {
        let position = |names: &[&str]| {
            table
                .header
                .iter()
                .position(|header| names.contains(&header_key(header).as_str()))
        };
        let period = position(PERIOD_COLUMNS)?;
        let key = table
            .header
            .iter()
            .enumerate()
            .position(|(index, header)| {
                index != period
                    && KEY_COLUMNS.contains(&header_key(header).as_str())
                    && holds_names(table, index)
            })?;
        let unit = position(UNIT_COLUMNS);
        let measures = match position(VALUE_COLUMNS) {
            Some(value) => vec![value],
            None => table
                .header
                .iter()
                .enumerate()
                .filter(|(index, header)| {
                    *index != period
                        && *index != key
                        && Some(*index) != unit
                        && !is_identifier_or_attribute(header)
                        && holds_numbers(table, *index)
                })
                .map(|(index, _)| index)
                .collect(),
        };
        Some(Layout {
            period,
            key,
            unit,
            measures,
        })
    }
}

/// `Code`, `ISO3`, `census_code`, `series_id`: identifiers that go with the key.
fn is_identifier_or_attribute(header: &str) -> bool {
    let key = header_key(header);
    key == "code"
        || key == "id"
        || key.starts_with("iso")
        || key.ends_with("_code")
        || key.ends_with("_id")
        || ATTRIBUTE_COLUMNS.contains(&key.as_str())
}

/// True when some cell of the column is text that is not a number: series names.
fn holds_names(table: &Table, index: usize) -> bool {
    table
        .rows
        .iter()
        .any(|row| read_number(cell(row, index), table.decimal_comma).is_err())
}

/// True when some cell of the column is a number.
fn holds_numbers(table: &Table, index: usize) -> bool {
    table.rows.iter().any(|row| {
        matches!(
            read_number(cell(row, index), table.decimal_comma),
            Ok(Cell::Number { .. })
        )
    })
}

/// The series being built, in order of first appearance: for each key, one series
/// per measure column, side by side.
#[derive(Default)]
struct Pivot {
    builders: Vec<LongSeries>,
    first_of_key: HashMap<String, usize>,
}

impl Pivot {
    /// Index of the key's first series, creating its series (one per measure column)
    /// on first sight.
    fn first_series_of(&mut self, key: &str, measures: &[usize], table: &Table) -> usize {
        if let Some(first) = self.first_of_key.get(key) {
            return *first;
        }
        let first = self.builders.len();
        for &measure in measures {
            let header = table.header.get(measure).map_or("", String::as_str);
            self.builders.push(LongSeries::new(key, header));
        }
        self.first_of_key.insert(key.to_string(), first);
        first
    }

    /// Finished series. With several measures a series is named `key: measure`,
    /// unless there is only one key, when the measure name alone says it.
    fn finish(self, several_measures: bool, problems: &mut Problems) -> Vec<Series> {
        let mut keys: Vec<&str> = self.builders.iter().map(|b| b.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        let one_key = keys.len() == 1;
        self.builders
            .into_iter()
            .map(|builder| builder.finish(several_measures, one_key, problems))
            .collect()
    }
}

/// One (key, measure) series of a long table.
struct LongSeries {
    key: String,
    /// Shown in problems: the key, and the measure when there are several.
    name: String,
    measure_name: String,
    header_unit: Option<Unit>,
    /// The unit the `unit` column gave, with the cell that gave it first.
    column_unit: Option<(String, Place)>,
    markers: UnitMarkers,
    points: Vec<Point>,
    first_line_of: HashMap<Period, usize>,
}

impl LongSeries {
    fn new(key: &str, measure_header: &str) -> Self {
        let (measure_name, header_unit) = unit::name_and_unit_from_header(measure_header);
        Self {
            key: key.to_string(),
            name: key.to_string(),
            measure_name,
            header_unit: header_unit.filter(|unit| !unit.is_empty()),
            column_unit: None,
            markers: UnitMarkers::default(),
            points: Vec::new(),
            first_line_of: HashMap::new(),
        }
    }

    /// Notes the unit a row gives; a second, different one for the same series is a
    /// problem at that cell.
    fn see_unit(&mut self, text: &str, place: Place, problems: &mut Problems) {
        match &self.column_unit {
            None => self.column_unit = Some((text.to_string(), place)),
            Some((first, first_place)) => {
                if Unit::parse(first) != Unit::parse(text) {
                    problems.push(Problem::at(
                        place.line,
                        place.column,
                        format!(
                            "expected one unit for series \"{}\", found \"{text}\" after \"{first}\" (line {})",
                            self.name, first_place.line
                        ),
                    ));
                }
            }
        }
    }

    fn finish(self, several_measures: bool, one_key: bool, problems: &mut Problems) -> Series {
        let name = if !several_measures {
            self.key
        } else if one_key {
            self.measure_name
        } else {
            format!("{}: {}", self.key, self.measure_name)
        };
        let unit = match (self.column_unit, self.header_unit) {
            (Some((text, _)), _) => Unit::parse(&text),
            (None, Some(unit)) => unit,
            (None, None) => self.markers.unit(&name, problems),
        };
        Series {
            name,
            unit,
            step: false,
            source: None,
            points: sorted_by_period(self.points),
        }
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failing test, not a crash a user sees.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::data::text::read_csv_table;

    fn table(text: &str) -> Table {
        read_csv_table(text).unwrap()
    }

    fn read_text(text: &str) -> Result<Dataset, Vec<Problem>> {
        read(&table(text))
    }

    fn names(dataset: &Dataset) -> Vec<&str> {
        dataset
            .series
            .iter()
            .map(|series| series.name.as_str())
            .collect()
    }

    #[test]
    fn pivots_series_date_value_in_order_of_first_appearance() {
        let dataset = read_text(
            "series,date,value\nImports,2018,538.4\nExports,2018,120.1\nImports,2019,449.1\nExports,2019,106.4\n",
        )
        .unwrap();
        assert_eq!(names(&dataset), ["Imports", "Exports"]);
        let imports: Vec<Option<f64>> =
            dataset.series[0].points.iter().map(|p| p.value()).collect();
        assert_eq!(imports, [Some(538.4), Some(449.1)]);
    }

    #[test]
    fn pivots_owid_with_each_numeric_column_a_measure() {
        let dataset = read_text(
            "Entity,Code,Year,Exports (USD bn),Imports (USD bn)\nChina,CHN,2018,120.1,538.4\nMexico,MEX,2018,265.0,346.5\n",
        )
        .unwrap();
        assert_eq!(
            names(&dataset),
            [
                "China: Exports",
                "China: Imports",
                "Mexico: Exports",
                "Mexico: Imports"
            ]
        );
        assert_eq!(dataset.series[0].unit.as_str(), "USD bn");
    }

    #[test]
    fn one_entity_with_several_measures_is_named_by_measure() {
        let dataset = read_text(
            "partner,month,census_code,imports,exports\nChina,1985-01-01,5700,293.1,319.2\n",
        )
        .unwrap();
        assert_eq!(names(&dataset), ["imports", "exports"]);
    }

    #[test]
    fn a_unit_column_sets_the_unit_and_must_agree_within_a_series() {
        let dataset =
            read_text("series,year,value,unit\nTariff,2018,12,%\nTariff,2019,19.3,percent\n")
                .unwrap();
        assert_eq!(dataset.series[0].unit.as_str(), "%");
        let found =
            read_text("series,year,value,unit\nTariff,2018,12,%\nTariff,2019,19.3,USD bn\n")
                .unwrap_err();
        assert_eq!((found[0].line, found[0].column), (Some(3), Some(4)));
        assert!(found[0].message.contains("one unit"), "{found:?}");
    }

    #[test]
    fn reports_a_duplicate_series_and_period() {
        let found = read_text("series,year,value\nA,2018,1\nB,2018,2\nA,2018,3\n").unwrap_err();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (Some(4), Some(2)));
        assert!(found[0].message.contains("first at line 2"), "{found:?}");
    }

    #[test]
    fn reports_bad_cells_periods_and_names_together() {
        let found =
            read_text("series,date,value\nA,2018,x\n,2019,1\nA,7/6/2018,2\nA,2020\n").unwrap_err();
        let places: Vec<(Option<usize>, Option<usize>)> =
            found.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            places,
            [
                (Some(2), Some(3)),
                (Some(3), Some(1)),
                (Some(4), Some(2)),
                (Some(5), Some(3))
            ]
        );
    }

    #[test]
    fn keeps_missing_values_as_gaps() {
        let dataset = read_text("country,year,value\nChina,2018,\nChina,2019,5\n").unwrap();
        assert_eq!(dataset.series[0].points[0].value(), None);
        assert_eq!(dataset.series[0].value_count(), 1);
    }

    #[test]
    fn recognises_long_tables_and_not_wide_ones_with_text_columns() {
        assert!(looks_long(&table("series,date,value\nA,2018,1\n")));
        assert!(looks_long(&table(
            "Entity,Code,Year,GDP\nChina,CHN,2018,1\n"
        )));
        assert!(!looks_long(&table("year,Exports,event\n2018,1,Tariffs\n")));
        assert!(!looks_long(&table("year,Exports,note\n2018,1,Tariffs\n")));
        assert!(!looks_long(&table("year,Exports,Imports\n2018,1,2\n")));
        // A series literally called "name" holding numbers is a wide column.
        assert!(!looks_long(&table("year,name,value\n2018,1,2\n")));
        // A key but nothing to measure.
        assert!(!looks_long(&table("year,country\n2018,China\n")));
    }
}
