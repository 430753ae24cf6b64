//! UN Comtrade CSV downloads, legacy (`Classification,Year,Period,…,Trade Flow,
//! Reporter,…,Partner,…,Commodity,…,Trade Value (US$)`) and Comtrade+ (`…,period,
//! reporterDesc,flowDesc,partnerDesc,cmdDesc,…,primaryValue`), often in ISO-8859-1
//! (decoded by `text::decode` as Windows-1252, a superset for printable text, so
//! `Côte d'Ivoire` survives). One reporter–partner–commodity trade is read, one
//! series per flow and the balance; with several in the file, the reporter, partner
//! and commodity are chosen in turn (`reporter=USA,partner=China,commodity=TOTAL`).

use std::collections::HashMap;

use super::super::format::Format;
use super::super::model::{Dataset, Point, Series};
use super::super::number::{Cell, parse_cell};
use super::super::period::Period;
use super::super::problem::{Problem, Problems};
use super::super::table::{Row, Table, cell};
use super::super::unit::Unit;
use super::{Entity, FieldRead, FieldResult, Selection, choices_of, pick};

const REPORTER: &[&str] = &["reporter", "reporterdesc"];
const PARTNER: &[&str] = &["partner", "partnerdesc"];
const COMMODITY: &[&str] = &["commodity", "cmddesc"];
const FLOW: &[&str] = &["trade flow", "flowdesc"];
const PERIOD: &[&str] = &["period"];
const VALUE: &[&str] = &["trade value (us$)", "primaryvalue"];
const KEYS: &[&str] = &["reporter", "partner", "commodity"];

/// True for a table with Comtrade's reporter, partner, flow, period and value columns.
pub fn looks_like(table: &Table) -> bool {
    [REPORTER, PARTNER, FLOW, PERIOD, VALUE]
        .iter()
        .all(|names| table.column(names).is_some())
}

/// One row: which trade (reporter, partner, commodity entity indexes), flow, period.
struct TradeRow {
    trade: [usize; 3],
    flow: String,
    period: Period,
    value: Option<f64>,
}

/// The columns of a Comtrade download.
struct Columns {
    reporter: usize,
    partner: usize,
    flow: usize,
    period: usize,
    value: usize,
    commodity: Option<usize>,
}

impl Columns {
    fn find(table: &Table) -> Result<Columns, Vec<Problem>> {
        let column = |names: &[&str]| table.column(names);
        let (Some(reporter), Some(partner), Some(flow), Some(period), Some(value)) = (
            column(REPORTER),
            column(PARTNER),
            column(FLOW),
            column(PERIOD),
            column(VALUE),
        ) else {
            return Err(vec![Problem::at(
                table.header_line.max(1),
                1,
                "expected Comtrade columns Reporter, Partner, Trade Flow, Period and Trade Value (US$), found some missing",
            )]);
        };
        Ok(Columns {
            reporter,
            partner,
            flow,
            period,
            value,
            commodity: column(COMMODITY),
        })
    }
}

/// The rows of the file, with the reporters, partners and commodities they name.
#[derive(Default)]
struct Trades {
    /// Reporters, partners, commodities.
    entities: [Vec<Entity>; 3],
    indexes: [HashMap<String, usize>; 3],
    rows: Vec<TradeRow>,
    first_line: HashMap<([usize; 3], String, Period), usize>,
}

impl Trades {
    /// One row of the table, or its problems.
    fn add(&mut self, row: &Row, columns: &Columns, problems: &mut Problems) {
        let names = [
            cell(row, columns.reporter).trim().to_string(),
            cell(row, columns.partner).trim().to_string(),
            columns
                .commodity
                .map_or_else(String::new, |index| cell(row, index).trim().to_string()),
        ];
        let mut trade = [0; 3];
        for (dimension, name) in names.iter().enumerate() {
            let (Some(list), Some(index_of)) = (
                self.entities.get_mut(dimension),
                self.indexes.get_mut(dimension),
            ) else {
                continue;
            };
            let index = *index_of.entry(name.clone()).or_insert_with(|| {
                list.push(Entity {
                    code: String::new(),
                    name: name.clone(),
                });
                list.len() - 1
            });
            if let Some(slot) = trade.get_mut(dimension) {
                *slot = index;
            }
        }
        let period = columns.period;
        let period_text = cell(row, period).trim();
        let Some(parsed) = comtrade_period(period_text) else {
            problems.push(Problem::at(
                row.line,
                period + 1,
                format!("expected a period such as 2023 or 202301, found \"{period_text}\""),
            ));
            return;
        };
        let flow_name = cell(row, columns.flow).trim().to_string();
        let number = match parse_cell(cell(row, columns.value), false) {
            Ok(Cell::Number { value, .. }) => Some(value),
            Ok(Cell::Missing) => None,
            Err(message) => {
                problems.push(Problem::at(row.line, columns.value + 1, message));
                return;
            }
        };
        let key = (trade, flow_name.clone(), parsed);
        if let Some(first) = self.first_line.get(&key) {
            problems.push(Problem::at(
                row.line,
                period + 1,
                format!(
                    "expected each trade flow and period once, found {flow_name} {parsed} again (first at line {first})"
                ),
            ));
            return;
        }
        self.first_line.insert(key, row.line);
        self.rows.push(TradeRow {
            trade,
            flow: flow_name,
            period: parsed,
            value: number,
        });
    }

    /// The entities of `dimension` found in the rows whose earlier dimensions are
    /// among those `chosen`.
    fn offered(&self, dimension: usize, chosen: &[Vec<usize>; 3]) -> Vec<usize> {
        let mut offered: Vec<usize> = self
            .rows
            .iter()
            .filter(|row| {
                (0..dimension).all(|earlier| {
                    chosen
                        .get(earlier)
                        .zip(row.trade.get(earlier))
                        .is_some_and(|(picked, index)| picked.contains(index))
                })
            })
            .filter_map(|row| row.trade.get(dimension).copied())
            .collect();
        offered.sort_unstable();
        offered.dedup();
        offered
    }
}

/// Reads the table; every problem is found before a choice is asked for.
pub fn read(table: &Table, selection: &Selection) -> FieldResult {
    if let Some(message) = selection.unknown_key(KEYS) {
        return Err(vec![Problem::whole_file(message)]);
    }
    let columns = Columns::find(table)?;
    let mut problems = Problems::new();
    let mut trades = Trades::default();
    for row in &table.rows {
        if problems.is_full() {
            break;
        }
        trades.add(row, &columns, &mut problems);
    }
    if table.rows.is_empty() {
        problems.push(Problem::at(
            table.header_line.max(1),
            1,
            "expected data rows after the header, found none",
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let chosen = match choose(&trades, selection)? {
        Ok(chosen) => chosen,
        Err(choose) => return Ok(choose),
    };
    Ok(FieldRead::Data {
        dataset: dataset_of(&trades.rows, &chosen, &trades.entities),
        notes: Vec::new(),
    })
}

/// Reporter, then partner, then commodity: each asked for only when the rows left
/// hold more than one. `Err` is the choice to offer.
fn choose(
    trades: &Trades,
    selection: &Selection,
) -> Result<Result<[Vec<usize>; 3], FieldRead>, Vec<Problem>> {
    let mut chosen: [Vec<usize>; 3] = Default::default();
    let mut base = selection.clone();
    for dimension in 0..3 {
        let key = KEYS.get(dimension).copied().unwrap_or("partner");
        let offered_indexes = trades.offered(dimension, &chosen);
        let all = trades.entities.get(dimension).cloned().unwrap_or_default();
        let offered: Vec<Entity> = offered_indexes
            .iter()
            .filter_map(|index| all.get(*index).cloned())
            .collect();
        let wanted = selection.values(&[key]);
        let picked = match pick(&offered, wanted, key).map_err(|problem| vec![problem])? {
            Some(picked) => picked
                .iter()
                .filter_map(|position| offered_indexes.get(*position).copied())
                .collect(),
            None if offered.len() <= 1 => offered_indexes.clone(),
            None => {
                return Ok(Err(FieldRead::Choose(choices_of(
                    Format::Comtrade,
                    key,
                    key,
                    &offered,
                    &base,
                    false,
                ))));
            }
        };
        if selection.values(&[key]).is_none()
            && let [one] = picked.as_slice()
            && let Some(entity) = all.get(*one)
            && !entity.name.is_empty()
        {
            base = base.with(key, &entity.name);
        }
        if let Some(slot) = chosen.get_mut(dimension) {
            *slot = picked;
        }
    }
    Ok(Ok(chosen))
}

/// One series per flow of the chosen trades, and the balance when exports and
/// imports are both there.
fn dataset_of(rows: &[TradeRow], chosen: &[Vec<usize>; 3], entities: &[Vec<Entity>; 3]) -> Dataset {
    let selected = |row: &TradeRow| {
        chosen
            .iter()
            .zip(row.trade.iter())
            .all(|(picked, index)| picked.contains(index))
    };
    let mut series: Vec<Series> = Vec::new();
    for row in rows.iter().filter(|row| selected(row)) {
        let position = match series.iter().position(|series| series.name == row.flow) {
            Some(position) => position,
            None => {
                series.push(Series {
                    name: row.flow.clone(),
                    unit: Unit::parse("USD"),
                    step: false,
                    source: None,
                    points: Vec::new(),
                });
                series.len() - 1
            }
        };
        if let Some(series) = series.get_mut(position) {
            series.points.push(Point::new(row.period, row.value));
        }
    }
    for one in &mut series {
        one.points.sort_by_key(|point| point.period);
    }
    let find = |name: &str| {
        series
            .iter()
            .find(|series| series.name.eq_ignore_ascii_case(name))
    };
    if let (Some(exports), Some(imports)) = (find("Export"), find("Import")) {
        let points = exports
            .points
            .iter()
            .filter_map(|export| {
                let import = imports
                    .points
                    .iter()
                    .find(|point| point.period == export.period)?;
                Some(Point::new(
                    export.period,
                    export.value().zip(import.value()).map(|(e, i)| e - i),
                ))
            })
            .collect();
        series.push(Series {
            name: "Balance (exports − imports)".to_string(),
            unit: Unit::parse("USD"),
            step: false,
            source: None,
            points,
        });
    }
    let name_of = |dimension: usize| {
        chosen
            .get(dimension)
            .and_then(|picked| picked.first())
            .and_then(|index| entities.get(dimension)?.get(*index))
            .map_or_else(String::new, |entity| entity.name.clone())
    };
    let commodity = name_of(2);
    let mut title = format!("{} trade with {}", name_of(0), name_of(1));
    if !commodity.is_empty() {
        title.push_str(&format!(": {commodity}"));
    }
    Dataset {
        title,
        sources: vec!["UN Comtrade".to_string()],
        series,
        ..Dataset::default()
    }
}

/// `2023` → the year; `202301` → January 2023.
fn comtrade_period(text: &str) -> Option<Period> {
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = text.get(..4)?.parse().ok()?;
        let month: u8 = text.get(4..)?.parse().ok()?;
        return Period::parse(&format!("{year}-{month:02}")).ok();
    }
    match Period::parse(text).ok()? {
        period @ Period::Year(_) => Some(period),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_years_or_year_months() {
        assert_eq!(comtrade_period("2023"), Some(Period::Year(2023)));
        assert_eq!(comtrade_period("202301"), Some(Period::Month(2023, 1)));
        assert_eq!(comtrade_period("202313"), None);
    }
}
