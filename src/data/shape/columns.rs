//! What each column of a table is: the periods, the entity a row belongs to (a
//! country, a partner), codes and IDs that go with it, text beside the numbers, an
//! index column, an empty column, or a series.

use super::super::csv_long::{KEY_COLUMNS, PERIOD_COLUMNS};
use super::super::csv_wide::{EVENT_COLUMNS, SOURCE_COLUMNS, STATUS_COLUMNS};
use super::super::table::{Row, Table};
use super::cells::{self, Kind};

/// Header names (squeezed) of a column naming the country, partner or other entity a
/// row belongs to: a file holding several is a choice for the user.
const ENTITY_COLUMNS: &[&str] = &[
    "entity",
    "country",
    "countryname",
    "countryorarea",
    "countryterritory",
    "partner",
    "partnername",
    "partnercountry",
    "partnerdesc",
    "reporter",
    "reportername",
    "reporterdesc",
    "economy",
    "location",
    "area",
    "geo",
    "geography",
    "region",
    "state",
    "name",
    "ctyname",
    "commodity",
    "commoditydescription",
    "cmddesc",
    "product",
    "productdescription",
    "sector",
    "industry",
    "hsdescription",
];
/// Header names (squeezed) of a column naming the series a row belongs to.
const SERIES_KEY_COLUMNS: &[&str] = &[
    "series",
    "seriesname",
    "indicator",
    "indicatorname",
    "variable",
    "measure",
    "subject",
    "flow",
    "flowdesc",
    "tradeflow",
];
/// Header names (squeezed) of a column of codes or IDs.
const CODE_COLUMNS: &[&str] = &[
    "code",
    "id",
    "iso",
    "iso2",
    "iso3",
    "isoa3",
    "isocode",
    "ctycode",
    "countrycode",
    "seriescode",
    "indicatorcode",
    "reportercode",
    "partnercode",
    "cmdcode",
    "hscode",
    "naics",
    "line",
];
/// Header names (squeezed) of a column that may count the rows (`0, 1, 2 …`).
const INDEX_COLUMNS: &[&str] = &["", "index", "#", "no", "row", "rownumber", "line"];
/// Header names (squeezed) of a column of units.
const UNIT_COLUMNS: &[&str] = &["unit", "units", "unitofmeasure"];

/// The part a column plays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Period,
    /// A series of numbers.
    Series,
    /// Text that says which entity a row belongs to.
    Entity,
    /// Text that says which series a row belongs to (`series,date,value`).
    SeriesKey,
    /// Codes or IDs; `pairs_with_entity` when they name the entity beside them.
    Code,
    /// The readers' own text columns: event, note, source, status, unit.
    Attribute,
    /// Text the chart has no place for.
    Text,
    /// A running number `0, 1, 2 …` (a pandas index) or `1, 2, 3 …`.
    Index,
    /// Periods again, written otherwise (an ECB download's `TIME PERIOD` of `1985Q2`
    /// beside its `DATE` of `1985-06-30`): no series, and not the period column.
    OtherPeriods,
    /// Nothing in it.
    Empty,
}

/// Where the periods are: the first column named as a period column whose cells read
/// as periods, else the first column most of whose cells do.
pub(super) fn find_period_column(table: &Table) -> Option<usize> {
    let width = table.header.len();
    let share_of_periods = |index: usize| {
        let mut periods = 0usize;
        let mut filled = 0usize;
        for row in table.rows.iter().take(500) {
            match cells::kind(cells::cell(row, index), table.decimal_comma) {
                Kind::Empty => {}
                Kind::Period => {
                    periods += 1;
                    filled += 1;
                }
                _ => {
                    // Dates the column settles (`1/13/2020`) or Excel serials.
                    filled += 1;
                    if super::super::dates::period_in_header(cells::cell(row, index)).is_some()
                        || looks_like_slashed_date(cells::cell(row, index))
                        || cells::dotted_year_month(cells::cell(row, index)).is_some()
                    {
                        periods += 1;
                    }
                }
            }
        }
        (periods, filled)
    };
    let named = (0..width).find(|&index| {
        let name = table.header.get(index).map_or("", String::as_str);
        let key = super::super::table::header_key(name);
        let (periods, filled) = share_of_periods(index);
        (PERIOD_COLUMNS.contains(&key.as_str()) || is_period_name(name))
            && filled > 0
            && periods * 2 >= filled
            && !is_running_number(table, index)
    });
    named.or_else(|| {
        (0..width).find(|&index| {
            let (periods, filled) = share_of_periods(index);
            filled > 0 && periods * 5 >= filled * 4 && !is_running_number(table, index)
        })
    })
}

/// `RefPeriodId`, `Time Period`, `TIME_PERIOD`, `Date (month)`: a header that says it
/// holds periods.
fn is_period_name(name: &str) -> bool {
    let key = cells::squeezed(name);
    key.contains("date")
        || key.contains("period")
        || key == "yr"
        || key == "years"
        || key.starts_with("year")
        || key == "time"
        || key == "month"
        || key == "quarter"
}

/// `1/13/2020`, `13.01.2020`: a date whose order the column as a whole settles.
fn looks_like_slashed_date(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
        && parts.iter().any(|part| part.len() == 4)
}

/// True for a column of running numbers (`0, 1, 2 …` or `1, 2, 3 …`): an index, never
/// a series of years.
pub(super) fn is_running_number(table: &Table, index: usize) -> bool {
    let mut expected: Option<i64> = None;
    let mut count = 0usize;
    for row in &table.rows {
        let text = cells::cell(row, index).trim();
        let Ok(value) = text.parse::<i64>() else {
            return false;
        };
        match expected {
            None if value == 0 || value == 1 => {}
            None => return false,
            Some(next) if next == value => {}
            Some(_) => return false,
        }
        expected = Some(value + 1);
        count += 1;
    }
    count >= 2
}

/// Every column's role, given the period column.
pub(super) fn roles(table: &Table, period: usize) -> Vec<Role> {
    (0..table.header.len())
        .map(|index| {
            if index == period {
                Role::Period
            } else {
                role_of(table, index)
            }
        })
        .collect()
}

fn role_of(table: &Table, index: usize) -> Role {
    let header = table.header.get(index).map_or("", String::as_str);
    let key = super::super::table::header_key(header);
    let squeezed = cells::squeezed(header);
    if EVENT_COLUMNS.contains(&key.as_str())
        || SOURCE_COLUMNS.contains(&key.as_str())
        || STATUS_COLUMNS.contains(&key.as_str())
        || UNIT_COLUMNS.contains(&squeezed.as_str())
    {
        return Role::Attribute;
    }
    let mut numbers = 0usize;
    let mut texts = 0usize;
    // Periods that are no number (`1985Q2`, `2018-07`, not a year such as `2018`).
    let mut period_texts = 0usize;
    for row in &table.rows {
        let text = cells::cell(row, index);
        match cells::kind(text, table.decimal_comma) {
            Kind::Empty => {}
            Kind::Period => {
                numbers += 1;
                if !cells::is_number(text, table.decimal_comma) {
                    period_texts += 1;
                }
            }
            Kind::Number => numbers += 1,
            Kind::Text => texts += 1,
        }
    }
    if numbers == 0 && texts == 0 {
        return Role::Empty;
    }
    if texts == 0 && period_texts == numbers {
        return Role::OtherPeriods;
    }
    if is_running_number(table, index)
        && (INDEX_COLUMNS.contains(&squeezed.as_str()) || squeezed.starts_with("unnamed"))
    {
        return Role::Index;
    }
    if is_code_name(header) {
        return Role::Code;
    }
    // One text cell under a header is a bad number to report at its cell, and so is
    // text under a header that names a unit (`Balance (USD bn)`): the column is
    // meant for numbers.
    let names_a_unit = super::super::unit::name_and_unit_from_header(header)
        .1
        .is_some_and(|unit| !unit.is_empty());
    if numbers == 0 && texts >= 2 && !names_a_unit {
        if ENTITY_COLUMNS.contains(&squeezed.as_str()) {
            return Role::Entity;
        }
        if SERIES_KEY_COLUMNS.contains(&squeezed.as_str()) || KEY_COLUMNS.contains(&key.as_str()) {
            return Role::SeriesKey;
        }
        if looks_like_codes(table, index) {
            return Role::Code;
        }
        return Role::Text;
    }
    Role::Series
}

/// True for a header naming codes or IDs (for the label columns of a table).
pub(super) fn is_code_header(header: &str) -> bool {
    is_code_name(header)
}

/// `Code`, `ISO3`, `CTY_CODE`, `series_id`, `SeriesId`, `GeoFIPS` (not `Foreign aid`).
fn is_code_name(header: &str) -> bool {
    let squeezed = cells::squeezed(header);
    let key = super::super::table::header_key(header);
    CODE_COLUMNS.contains(&squeezed.as_str())
        || squeezed.ends_with("code")
        || squeezed.ends_with("fips")
        || squeezed == "tablename"
        || squeezed == "unit"
        || key.ends_with("_id")
        || header.trim().ends_with("Id") && header.trim().len() > 2
        || header.trim().ends_with("ID") && header.trim().len() > 2
}

/// Short upper-case words without spaces (`CHN`, `NE.EXP.GNFS.CD`): codes.
fn looks_like_codes(table: &Table, index: usize) -> bool {
    let mut seen = 0;
    for row in table.rows.iter().take(200) {
        let text = cells::cell(row, index).trim();
        if text.is_empty() {
            continue;
        }
        if text.contains(' ')
            || text.chars().any(char::is_lowercase)
            || text.len() > 16
            || text.chars().count() < 2
        {
            return false;
        }
        seen += 1;
    }
    seen > 0
}

/// The distinct values of a column in the order they first appear, with the first
/// line each is on.
pub(super) fn distinct_values(rows: &[Row], index: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut values = Vec::new();
    for row in rows {
        let value = cells::cell(row, index).trim();
        if !value.is_empty() && seen.insert(value.to_string()) {
            values.push(value.to_string());
        }
    }
    values
}

/// True when every period of the column occurs once: a table of one entity.
pub(super) fn periods_unique(table: &Table, period: usize) -> bool {
    let mut seen = std::collections::HashSet::new();
    table
        .rows
        .iter()
        .all(|row| seen.insert(cells::cell(row, period).trim().to_string()))
}
