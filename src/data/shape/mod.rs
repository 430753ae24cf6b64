//! Tables as people make them, read the way they meant: the header found under title
//! lines, footnotes cut, a two-row header combined, dates read as the months, quarters
//! or years they stand for, columns that are not series set aside, periods across the
//! columns turned, a Year × month grid read as months, and a file of many countries
//! turned into a choice. Every decision is said once, in plain words, in the notes.
//!
//! General rules, not one reader per source: the downloads named in the tests (FRED,
//! OWID, WDI, BEA, USITC, Census) are cases of these rules. What is really broken (a
//! bad number in a numeric column, a ragged row, a repeated period, a date that stays
//! ambiguous) is still left to the readers to report at its line and column.

mod cells;
mod choice;
mod columns;
mod frame;
mod layouts;
mod turned;
mod units;

pub use units::fractions_as_percent;

use super::csv_long::{KEY_COLUMNS, PERIOD_COLUMNS};
use super::dates;
use super::field::{Choices, LoadOptions, Selection};
use super::model::{Dataset, Series};
use super::period::Period;
use super::problem::{Problem, Problems};
use super::table::apply_metadata;
use super::table::header_key;
use super::table::{Row, Table};
use super::unit::Unit;
use choice::{Entity, choices, choices_from, entities_of, is_aggregate, plural_of, selection_key};
use columns::Role;

/// Most series a wide table draws without asking which (more are a choice).
pub(crate) const MAX_SERIES_DRAWN: usize = 12;
/// Most rows of a table with periods across drawn without asking which.
const MAX_ROWS_DRAWN: usize = 8;

/// What a table turned out to be.
#[derive(Debug)]
pub enum Shaped {
    /// A table the wide, long and events readers read as it now stands: its header
    /// found, periods written plainly, the columns that are no series emptied (so every
    /// cell keeps its line and column).
    Table(Table),
    /// Series read here already (periods across the columns, a Year × month grid),
    /// with the table they came from (its title lines and metadata).
    Dataset { dataset: Dataset, table: Table },
    /// The file holds several countries (rows, sheets) and nothing says which.
    Choose(Choices),
}

/// A table's shape and the decisions taken to find it.
#[derive(Debug)]
pub struct Interpreted {
    pub shaped: Shaped,
    /// Each decision in plain words, once.
    pub notes: Vec<String>,
    /// The selection picked something here (else a selection given is a mistake).
    pub selected: bool,
    /// Problems found in the shaping (a date no rule reads), to report with the
    /// readers' own: the rows they are on were left out of `shaped`.
    pub problems: Vec<Problem>,
}

/// Where the header was found, when it was not on the first line or the user gave it.
fn header_note(framed: &frame::Framed, asked: bool) -> Option<String> {
    let header_line = framed.header.line;
    if asked {
        return Some(format!("Header on line {header_line}, as asked"));
    }
    let (first, last) = (framed.above.first()?, framed.above.last()?);
    let (what, verb) = if framed.above.len() == 1 {
        ("the title", "is")
    } else {
        ("the title and notes", "are")
    };
    Some(format!(
        "Header on line {header_line}; {} {verb} {what}",
        cells::lines_phrase(first.0, last.0)
    ))
}

/// True when every filled cell of column `index` reads as the period its row has in
/// the period column (`1985Q2` beside `1985-06-30` read as the second quarter).
fn same_periods(table: &Table, index: usize) -> bool {
    table.rows.iter().all(|row| {
        let other = cells::cell(row, index).trim();
        other.is_empty()
            || matches!(
                (Period::parse(other), Period::parse(cells::cell(row, table.period_column).trim())),
                (Ok(other), Ok(period)) if other == period
            )
    })
}

/// Works out what a table read from a CSV file or a sheet means.
pub fn interpret(table: Table, options: &LoadOptions) -> Result<Interpreted, Vec<Problem>> {
    let decimal_comma = table.decimal_comma;
    let Table {
        mut metadata,
        header,
        header_line,
        rows,
        ..
    } = table;
    let mut all = Vec::with_capacity(rows.len() + 1);
    all.push(Row {
        line: header_line,
        cells: header,
    });
    all.extend(rows);
    let framed = frame::frame(all, options.header_line, decimal_comma)?;
    let mut notes: Vec<String> = header_note(&framed, options.header_line.is_some())
        .into_iter()
        .collect();
    if let Some(sub) = framed.sub_header {
        match framed.header.cells.iter().find(|name| name.contains(", ")) {
            Some(example) => notes.push(format!(
                "Two header rows (lines {header_line}–{sub}): names combined, as \"{example}\""
            )),
            None => notes.push(format!(
                "Two header rows (lines {header_line}–{sub}): years over months or quarters, read as one period a column"
            )),
        }
    }
    if let (Some(first), Some(last)) = (framed.below.first(), framed.below.last()) {
        notes.push(format!(
            "{} below the table read as footnotes",
            capitalised(&cells::lines_phrase(first.0, last.0))
        ));
    }
    let preamble = frame::preamble(&framed.above, &framed.below);
    if !metadata.iter().any(|(key, _)| key == "title")
        && let Some(title) = preamble.title
    {
        metadata.push(("title".to_string(), title));
    }
    metadata.extend(
        preamble
            .notes
            .into_iter()
            .map(|note| ("note".to_string(), note)),
    );
    metadata.extend(
        preamble
            .sources
            .into_iter()
            .map(|source| ("source".to_string(), source)),
    );
    let title_unit = units::unit_in_lines(&framed.above);
    let mut header = framed.header;
    let mut rows = framed.rows;
    let blocks = frame::join_blocks(&mut header, &mut rows);
    if blocks > 1 {
        notes.push(format!(
            "The table comes in {blocks} blocks, each under its own header: read as one table"
        ));
    }
    let (years, totals) = frame::months_under_years(&mut rows);
    if years > 0 {
        notes.push(format!(
            "Rows January … December read as the months of the year above them ({years} years)"
        ));
    }
    if let Some((line, label)) = totals.first() {
        notes.push(format!(
            "Skipped {} rows of a year's total among its months (line {line}: \"{label}\")",
            totals.len()
        ));
    }
    let table = Table {
        metadata,
        header: header.cells,
        header_line: header.line,
        rows,
        decimal_comma,
        period_column: 0,
    };
    let mut shaping = Shaping {
        options,
        notes,
        problems: Vec::new(),
        skipped_lines: Vec::new(),
        known_keys: Vec::new(),
        bare_used: false,
        picked_alone: Vec::new(),
        selected: false,
        title_unit,
    };
    let mut shaped = if let Some(grid) = layouts::find_month_grid(&table) {
        shaping.month_grid(table, &grid)?
    } else if let Some(across) = layouts::find_across(&table) {
        shaping.across(table, &across)?
    } else {
        shaping.rows_of_periods(table)?
    };
    if let Shaped::Table(table) = &mut shaped {
        table
            .rows
            .retain(|row| !shaping.skipped_lines.contains(&row.line));
    }
    Ok(Interpreted {
        shaped,
        notes: shaping.notes,
        selected: shaping.selected,
        problems: shaping.problems,
    })
}

/// The state of one interpretation: the options given and the notes so far.
struct Shaping<'a> {
    options: &'a LoadOptions,
    notes: Vec<String>,
    /// Problems found while shaping (dates no rule reads), reported with the readers'.
    problems: Vec<Problem>,
    /// Lines whose problems are in `problems` already: the readers skip them.
    skipped_lines: Vec<usize>,
    /// Selection keys of every question this table may ask (one a label column).
    known_keys: Vec<String>,
    /// The bare value of the selection answered a question already.
    bare_used: bool,
    /// The values chosen alone in the label columns (`Alabama`), for the title.
    picked_alone: Vec<String>,
    selected: bool,
    /// A unit the title lines name (`(millions of dollars)`), with the line saying it.
    title_unit: Option<(Unit, String)>,
}

impl Shaping<'_> {
    /// A table with one period a row: the period column found and read, the columns
    /// that are no series emptied, and the rows of the entities chosen.
    fn rows_of_periods(&mut self, mut table: Table) -> Result<Shaped, Vec<Problem>> {
        let Some(period) = columns::find_period_column(&table) else {
            return Ok(Shaped::Table(table));
        };
        table.period_column = period;
        self.drop_empty_rows(&mut table, period);
        self.read_periods(&mut table, period);
        let roles = columns::roles(&table, period);
        let entity = roles.iter().position(|role| *role == Role::Entity);
        let series_key = roles.iter().position(|role| *role == Role::SeriesKey);
        let code = roles.iter().position(|role| *role == Role::Code);
        self.known_keys = [(entity, "entity"), (series_key, "series")]
            .iter()
            .filter_map(|(index, fallback)| {
                index.map(|index| {
                    selection_key(table.header.get(index).map_or("", String::as_str), fallback)
                })
            })
            .chain(std::iter::once("measure".to_string()))
            .collect();
        // Read before the code column is set aside: it labels the entities.
        let entities = entity.map(|entity| entities_of(&table, entity, code));
        let keys = series_key.map(|key| entities_of(&table, key, None));
        self.set_aside(&mut table, &roles);
        if let (Some(entity), Some(entities)) = (entity, entities)
            && let Some(choices) =
                self.shape_entities(&mut table, &roles, (entity, &entities), series_key)?
        {
            return Ok(Shaped::Choose(choices));
        }
        if let (Some(series_key), Some(keys)) = (series_key, keys)
            && let Some(choices) =
                self.shape_series_keys(&mut table, series_key, entity.is_none(), &keys)?
        {
            return Ok(Shaped::Choose(choices));
        }
        if entity.is_some() || series_key.is_some() {
            name_column(&mut table, period, PERIOD_COLUMNS, "period");
        } else if columns::periods_unique(&table, period)
            && let Some(choices) = self.choose_columns(&mut table, &roles)?
        {
            return Ok(Shaped::Choose(choices));
        }
        self.apply_title_unit_to_headers(&mut table, &roles);
        Ok(Shaped::Table(table))
    }

    /// The rows of the entities (countries) of column `entity` chosen, or the choice to
    /// ask for; one entity is said and names the chart.
    fn shape_entities(
        &mut self,
        table: &mut Table,
        roles: &[Role],
        (entity, entities): (usize, &[Entity]),
        series_key: Option<usize>,
    ) -> Result<Option<Choices>, Vec<Problem>> {
        let header = table.header.get(entity).cloned().unwrap_or_default();
        if let [only] = entities {
            self.notes.push(format!(
                "Every row is for {} (column \"{header}\")",
                only.name
            ));
            if series_key.is_some() {
                mask(table, entity);
            }
            // The one country a file is about names its chart.
            if !table.metadata.iter().any(|(key, _)| key == "title") {
                table
                    .metadata
                    .push(("title".to_string(), only.name.clone()));
            }
        } else if entities.len() > 1 {
            let (key, chosen_names) = match self.keep_chosen(table, entity, entities, "entity")? {
                Ok(chosen) => chosen,
                Err(choices) => return Ok(Some(choices)),
            };
            self.notes.push(format!(
                "Showing {} of the {} {} in column \"{header}\"",
                chosen_names.join(", "),
                entities.len(),
                plural_of(&header)
            ));
            if let Some(choices) = self.choose_measures(table, roles, &key, &chosen_names)? {
                return Ok(Some(choices));
            }
            title_by_entity_or_measure(table, roles, &chosen_names, series_key);
            if let Some(series_key) = series_key {
                name_series_by_entity(table, entity, series_key, chosen_names.len() > 1);
            }
        }
        if series_key.is_none() && !entities.is_empty() {
            name_column(table, entity, KEY_COLUMNS, "entity");
        }
        Ok(None)
    }

    /// Many measures for each entity (the Big Mac index's 15): the measures chosen,
    /// the others' columns emptied, or the choice to ask for (with the entities
    /// `chosen_names` under `key`).
    fn choose_measures(
        &mut self,
        table: &mut Table,
        roles: &[Role],
        key: &str,
        chosen_names: &[&str],
    ) -> Result<Option<Choices>, Vec<Problem>> {
        let measure_columns: Vec<usize> = roles
            .iter()
            .enumerate()
            .filter(|(_, role)| **role == Role::Series)
            .map(|(index, _)| index)
            .collect();
        if measure_columns.len() <= MAX_SERIES_DRAWN {
            return Ok(None);
        }
        let measures = header_entities(table, &measure_columns);
        let base = Selection::default().with(key, &chosen_names.join("|"));
        let Some(picked) = self.chosen(&measures, "measure", "measure")? else {
            return Ok(Some(choices_from(&measures, "measure", "measure", &base)));
        };
        for (position, &index) in measure_columns.iter().enumerate() {
            if !picked.contains(&position) {
                mask(table, index);
            }
        }
        Ok(None)
    }

    /// With no entity column, a series key of more values than are drawn: the rows of
    /// the series chosen, or the choice to ask for.
    fn shape_series_keys(
        &mut self,
        table: &mut Table,
        series_key: usize,
        no_entity: bool,
        keys: &[Entity],
    ) -> Result<Option<Choices>, Vec<Problem>> {
        if no_entity
            && keys.len() > MAX_SERIES_DRAWN
            && let Err(choices) = self.keep_chosen(table, series_key, keys, "series")?
        {
            return Ok(Some(choices));
        }
        name_column(table, series_key, KEY_COLUMNS, "series");
        Ok(None)
    }

    /// The names of the `entities` of column `column` the selection chose (under a key
    /// named from the column's header, else `fallback`, returned too), with `table`
    /// narrowed to their rows; `Err` with the choice to ask for when it chose none.
    fn keep_chosen<'e>(
        &mut self,
        table: &mut Table,
        column: usize,
        entities: &'e [Entity],
        fallback: &str,
    ) -> Result<Result<Chosen<'e>, Choices>, Vec<Problem>> {
        let header = table.header.get(column).cloned().unwrap_or_default();
        let key = selection_key(&header, fallback);
        let Some(chosen) = self.chosen(entities, &key, &header)? else {
            return Ok(Err(choices(entities, &key, &header)));
        };
        let names: Vec<&str> = chosen
            .iter()
            .filter_map(|&index| entities.get(index).map(|entity| entity.name.as_str()))
            .collect();
        table
            .rows
            .retain(|row| names.contains(&cells::cell(row, column).trim()));
        Ok(Ok((key, names)))
    }

    /// Rows with no period and nothing but zeros or blanks (placeholders) are
    /// skipped, as are rows holding only a label (`Goods:` above its lines).
    fn drop_empty_rows(&mut self, table: &mut Table, period: usize) {
        let decimal_comma = table.decimal_comma;
        let before = table.rows.len();
        let mut labels: Vec<(usize, String)> = Vec::new();
        table.rows.retain(|row| {
            let period_text = cells::cell(row, period).trim();
            let others = row
                .cells
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != period);
            if period_text.is_empty() {
                let placeholder = others.clone().all(|(_, text)| {
                    text.trim().is_empty()
                        || cells::number(text, decimal_comma) == Some(0.0)
                        || cells::kind(text, decimal_comma) == cells::Kind::Text
                });
                return !placeholder;
            }
            let label_only = others.clone().all(|(_, text)| text.trim().is_empty())
                && cells::kind(period_text, decimal_comma) == cells::Kind::Text;
            if label_only {
                labels.push((row.line, period_text.to_string()));
            }
            !label_only
        });
        let placeholders = before - table.rows.len() - labels.len();
        if placeholders > 0 {
            self.notes.push(format!(
                "Skipped {placeholders} placeholder {} (no period; values empty or zero)",
                if placeholders == 1 { "row" } else { "rows" }
            ));
        }
        if let Some((line, text)) = labels.first() {
            self.notes.push(format!(
                "Skipped {} {} holding only a label (line {line}: \"{text}\")",
                labels.len(),
                if labels.len() == 1 { "row" } else { "rows" }
            ));
        }
    }

    /// Reads the period column as a whole (months from first-of-month dates, the
    /// order of `1/13/2020`) and writes each period plainly for the readers. A cell
    /// that is no period is kept for the readers to report with the rest; the column
    /// is then read again without it, so one bad date leaves the others as inferred.
    fn read_periods(&mut self, table: &mut Table, period: usize) {
        let header = table.header.get(period).cloned().unwrap_or_default();
        let mut texts: Vec<String> = table
            .rows
            .iter()
            .map(|row| cells::cell(row, period).to_string())
            .collect();
        // `2001.01`, `2001.12` (KOSIS, some central banks): year and month, when every
        // date of the column is written so with two digits for the month.
        if let Some(first) = texts.iter().find(|text| !text.trim().is_empty()).cloned()
            && texts
                .iter()
                .all(|text| text.trim().is_empty() || cells::dotted_year_month(text).is_some())
        {
            for text in &mut texts {
                if let Some((year, month)) = cells::dotted_year_month(text) {
                    *text = format!("{year}-{month:02}");
                }
            }
            self.notes.push(format!(
                "Dates written {} read as year and month",
                first.trim()
            ));
        }
        let mut readable: Vec<usize> = (0..texts.len()).collect();
        for _ in 0..2 {
            let cells_read: Vec<&str> = readable
                .iter()
                .map(|&index| texts.get(index).map_or("", String::as_str))
                .collect();
            match dates::read_column(&header, &cells_read, self.options.frequency) {
                Ok(column) => {
                    for (&index, found) in readable.iter().zip(column.periods) {
                        if let (Some(found), Some(cell)) = (
                            found,
                            table
                                .rows
                                .get_mut(index)
                                .and_then(|row| row.cells.get_mut(period)),
                        ) {
                            *cell = found.to_string();
                        }
                    }
                    self.notes.extend(column.notes);
                    return;
                }
                Err(errors) => {
                    let mut problems = Problems::new();
                    let bad: Vec<usize> = errors
                        .iter()
                        .filter_map(|(position, _)| readable.get(*position).copied())
                        .collect();
                    for (position, message) in errors {
                        if let Some(row) = readable
                            .get(position)
                            .and_then(|&index| table.rows.get(index))
                        {
                            problems.push(Problem::at(row.line, period + 1, message));
                        }
                    }
                    self.problems.extend(problems.into_vec());
                    readable.retain(|index| !bad.contains(index));
                    // The reader would report these cells again, in its own words.
                    let bad_lines: Vec<usize> = bad
                        .iter()
                        .filter_map(|&index| table.rows.get(index).map(|row| row.line))
                        .collect();
                    self.skipped_lines.extend(bad_lines);
                }
            }
        }
    }

    /// Empties the columns that are no series (text, index, code, empty), saying so.
    fn set_aside(&mut self, table: &mut Table, roles: &[Role]) {
        let mut text = Vec::new();
        let mut codes = Vec::new();
        let mut index_columns = Vec::new();
        let mut empty = Vec::new();
        let mut other_periods = Vec::new();
        for (index, role) in roles.iter().enumerate() {
            let name = table.header.get(index).cloned().unwrap_or_default();
            let shown = if name.is_empty() {
                format!("column {} (no name)", index + 1)
            } else {
                format!("\"{name}\"")
            };
            match role {
                Role::Text => text.push(shown),
                Role::Code => codes.push(shown),
                Role::Index => index_columns.push(shown),
                Role::OtherPeriods => {
                    other_periods.push((shown, same_periods(table, index)));
                }
                Role::Empty if !name.is_empty() => empty.push(shown),
                _ => continue,
            }
            mask(table, index);
        }
        if !other_periods.is_empty() {
            let period_name = table
                .header
                .get(table.period_column)
                .cloned()
                .unwrap_or_default();
            let (columns, give) = if other_periods.len() == 1 {
                ("column", "gives")
            } else {
                ("columns", "give")
            };
            let (shown, same): (Vec<String>, Vec<bool>) = other_periods.into_iter().unzip();
            let again = if same.iter().all(|same| *same) {
                format!(", which {give} the same periods")
            } else {
                String::new()
            };
            self.notes.push(format!(
                "Periods read from \"{period_name}\"; skipped the period {columns} {}{again}",
                shown.join(", ")
            ));
        }
        for (columns, what) in [
            (text, "text"),
            (codes, "code"),
            (index_columns, "index"),
            (empty, "empty"),
        ] {
            if !columns.is_empty() {
                let plural = if columns.len() == 1 {
                    "column"
                } else {
                    "columns"
                };
                let extra = if what == "index" {
                    ", running numbers 0, 1, 2 …"
                } else {
                    ""
                };
                self.notes.push(format!(
                    "Skipped {what} {plural}: {}{extra}",
                    columns.join(", ")
                ));
            }
        }
    }

    /// A wide table of more series than a chart can show is a choice of columns.
    fn choose_columns(
        &mut self,
        table: &mut Table,
        roles: &[Role],
    ) -> Result<Option<Choices>, Vec<Problem>> {
        let series: Vec<usize> = roles
            .iter()
            .enumerate()
            .filter(|(_, role)| **role == Role::Series)
            .map(|(index, _)| index)
            .collect();
        for index in roles
            .iter()
            .enumerate()
            .filter(|(_, role)| **role == Role::Code)
            .map(|(index, _)| index)
        {
            mask(table, index);
        }
        if series.len() <= MAX_SERIES_DRAWN {
            return Ok(None);
        }
        let entities = header_entities(table, &series);
        let entities: Vec<Entity> = entities
            .into_iter()
            .map(|entity| Entity {
                aggregate: is_aggregate(&entity.name, ""),
                ..entity
            })
            .collect();
        let Some(chosen) = self.chosen(&entities, "series", "series")? else {
            return Ok(Some(choices(&entities, "series", "series")));
        };
        for (position, &index) in series.iter().enumerate() {
            if !chosen.contains(&position) {
                mask(table, index);
            }
        }
        let names: Vec<String> = chosen
            .iter()
            .filter_map(|&position| entities.get(position).map(|entity| entity.name.clone()))
            .collect();
        self.notes.push(format!(
            "Showing {} of the file's {} series columns",
            names.join(", "),
            series.len()
        ));
        Ok(None)
    }

    /// Series named without a unit take the unit the title lines give.
    fn apply_title_unit_to_headers(&mut self, table: &mut Table, roles: &[Role]) {
        let Some((unit, line)) = &self.title_unit else {
            return;
        };
        let mut applied = false;
        for (index, role) in roles.iter().enumerate() {
            if *role != Role::Series {
                continue;
            }
            if let Some(name) = table.header.get_mut(index)
                && !name.is_empty()
                && super::unit::name_and_unit_from_header(name)
                    .1
                    .is_none_or(|unit| unit.is_empty())
            {
                *name = format!(
                    "{} ({unit})",
                    super::unit::name_and_unit_from_header(name).0
                );
                applied = true;
            }
        }
        if applied {
            self.notes.push(format!(
                "Unit {unit} taken from the title lines (\"{line}\")"
            ));
        }
    }

    /// A dataset of `series` with the table's title, notes and sources.
    fn dataset(&mut self, table: &Table, series: Vec<Series>) -> Dataset {
        let mut dataset = Dataset {
            series,
            ..Dataset::default()
        };
        apply_metadata(&mut dataset, table);
        // What was chosen alone (`Alabama`) says whose the series are, unless their
        // names say it already.
        let picked: Vec<&String> = self
            .picked_alone
            .iter()
            .filter(|picked| {
                !dataset
                    .series
                    .iter()
                    .all(|series| series.name.contains(picked.as_str()))
            })
            .collect();
        if !picked.is_empty() {
            let picked = picked
                .iter()
                .map(|picked| picked.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            dataset.title = if dataset.title.trim().is_empty() {
                picked
            } else {
                format!("{}: {picked}", dataset.title)
            };
        }
        dataset
    }
}

/// The columns `columns` as things to choose, by their headers.
fn header_entities(table: &Table, columns: &[usize]) -> Vec<Entity> {
    columns
        .iter()
        .map(|&index| Entity {
            name: table.header.get(index).cloned().unwrap_or_default(),
            code: String::new(),
            aggregate: false,
        })
        .collect()
}

/// The selection key asked under and the names of the entities chosen.
type Chosen<'e> = (String, Vec<&'e str>);

/// The chart's title from the entities chosen: one entity with several measures
/// (series named by measure) names the chart; one measure for the entities chosen
/// (OWID's `Trade as a share of GDP`, series named by entity) is its title.
fn title_by_entity_or_measure(
    table: &mut Table,
    roles: &[Role],
    chosen_names: &[&str],
    series_key: Option<usize>,
) {
    let measures: Vec<&String> = roles
        .iter()
        .zip(&table.header)
        .filter(|(role, name)| **role == Role::Series && !name.is_empty())
        .map(|(_, name)| name)
        .collect();
    if let [only] = chosen_names
        && measures.len() > 1
        && series_key.is_none()
    {
        match table.metadata.iter_mut().find(|(key, _)| key == "title") {
            Some((_, title)) => *title = format!("{title}: {only}"),
            None => table.metadata.push(("title".to_string(), only.to_string())),
        }
    }
    let measures: Vec<String> = roles
        .iter()
        .zip(&table.header)
        .filter(|(role, _)| **role == Role::Series)
        .map(|(_, name)| name.trim().to_string())
        .collect();
    if let ([measure], None) = (measures.as_slice(), series_key)
        && !table.metadata.iter().any(|(key, _)| key == "title")
    {
        table.metadata.push(("title".to_string(), measure.clone()));
    }
}

/// Each series is one entity's (`China: Exports`) when several are chosen; the entity
/// column is then emptied.
fn name_series_by_entity(table: &mut Table, entity: usize, series_key: usize, several: bool) {
    if several {
        for row in &mut table.rows {
            let owner = cells::cell(row, entity).trim().to_string();
            if let Some(cell) = row.cells.get_mut(series_key) {
                *cell = format!("{owner}: {}", cell.trim());
            }
        }
    }
    mask(table, entity);
}

/// Empties column `index` (header and cells), so the readers pass over it while
/// every other cell keeps its place.
fn mask(table: &mut Table, index: usize) {
    if let Some(name) = table.header.get_mut(index) {
        name.clear();
    }
    for row in &mut table.rows {
        if let Some(cell) = row.cells.get_mut(index) {
            cell.clear();
        }
    }
}

/// Gives column `index` a name the long reader knows it by (`period`, `series`),
/// unless it has one already.
fn name_column(table: &mut Table, index: usize, known: &[&str], name: &str) {
    if let Some(header) = table.header.get_mut(index)
        && !known.contains(&header_key(header).as_str())
    {
        *header = name.to_string();
    }
}

/// `lines 1–2` → `Lines 1–2`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
