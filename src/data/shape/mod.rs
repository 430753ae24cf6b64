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
mod columns;
mod frame;
mod layouts;

use super::csv_long::{KEY_COLUMNS, PERIOD_COLUMNS};
use super::csv_wide::header_key;
use super::dates;
use super::field::{Choice, Choices, LoadOptions, Selection};
use super::model::{Dataset, Series};
use super::problem::{Problem, Problems};
use super::text::{Row, Table};
use super::unit::Unit;
use super::{Format, apply_metadata};
use columns::Role;

/// Most series a wide table draws without asking which (more are a choice).
const MAX_SERIES_DRAWN: usize = 12;
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
    let mut notes = Vec::new();
    let header_line = framed.header.line;
    if options.header_line.is_some() {
        notes.push(format!("Header on line {header_line}, as asked"));
    } else if let (Some(first), Some(last)) = (framed.above.first(), framed.above.last()) {
        let (what, verb) = if framed.above.len() == 1 {
            ("the title", "is")
        } else {
            ("the title and notes", "are")
        };
        notes.push(format!(
            "Header on line {header_line}; {} {verb} {what}",
            cells::lines_phrase(first.0, last.0)
        ));
    }
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
    let title_unit = unit_in_lines(&framed.above);
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
        if let (Some(entity), Some(entities)) = (entity, entities) {
            let header = table.header.get(entity).cloned().unwrap_or_default();
            if entities.len() == 1 {
                self.notes.push(format!(
                    "Every row is for {} (column \"{header}\")",
                    entities.first().map_or("", |entity| entity.name.as_str())
                ));
                if series_key.is_some() {
                    mask(&mut table, entity);
                }
                // The one country a file is about names its chart.
                if let Some(only) = entities.first()
                    && !table.metadata.iter().any(|(key, _)| key == "title")
                {
                    table
                        .metadata
                        .push(("title".to_string(), only.name.clone()));
                }
            } else if entities.len() > 1 {
                let key = selection_key(&header, "entity");
                let Some(chosen) = self.chosen(&entities, &key, &header)? else {
                    return Ok(Shaped::Choose(choices(&entities, &key, &header)));
                };
                let chosen_names: Vec<&str> = chosen
                    .iter()
                    .filter_map(|&index| entities.get(index).map(|entity| entity.name.as_str()))
                    .collect();
                table
                    .rows
                    .retain(|row| chosen_names.contains(&cells::cell(row, entity).trim()));
                self.notes.push(format!(
                    "Showing {} of the {} {} in column \"{header}\"",
                    chosen_names.join(", "),
                    entities.len(),
                    plural_of(&header)
                ));
                // Many measures for each entity (the Big Mac index's 15): which ones.
                let measure_columns: Vec<usize> = roles
                    .iter()
                    .enumerate()
                    .filter(|(_, role)| **role == Role::Series)
                    .map(|(index, _)| index)
                    .collect();
                if measure_columns.len() > MAX_SERIES_DRAWN {
                    let measures: Vec<Entity> = measure_columns
                        .iter()
                        .map(|&index| Entity {
                            name: table.header.get(index).cloned().unwrap_or_default(),
                            code: String::new(),
                            aggregate: false,
                        })
                        .collect();
                    let base = Selection::default().with(&key, &chosen_names.join("|"));
                    let Some(picked) = self.chosen(&measures, "measure", "measure")? else {
                        return Ok(Shaped::Choose(choices_from(
                            &measures, "measure", "measure", &base,
                        )));
                    };
                    for (position, &index) in measure_columns.iter().enumerate() {
                        if !picked.contains(&position) {
                            mask(&mut table, index);
                        }
                    }
                }
                // One entity and several measures: the series are named by measure, so
                // the entity names the chart.
                let measures_left = roles
                    .iter()
                    .zip(&table.header)
                    .filter(|(role, name)| **role == Role::Series && !name.is_empty())
                    .count();
                if let [only] = chosen_names.as_slice()
                    && measures_left > 1
                    && series_key.is_none()
                {
                    match table.metadata.iter_mut().find(|(key, _)| key == "title") {
                        Some((_, title)) => *title = format!("{title}: {only}"),
                        None => table.metadata.push(("title".to_string(), only.to_string())),
                    }
                }
                // One measure for the entities chosen (OWID's `Trade as a share of GDP`):
                // the series are named by entity, so the measure is the title.
                let measures: Vec<&String> = roles
                    .iter()
                    .zip(&table.header)
                    .filter(|(role, _)| **role == Role::Series)
                    .map(|(_, name)| name)
                    .collect();
                if let ([measure], None) = (measures.as_slice(), series_key)
                    && !table.metadata.iter().any(|(key, _)| key == "title")
                {
                    table
                        .metadata
                        .push(("title".to_string(), measure.trim().to_string()));
                }
                if let Some(series_key) = series_key {
                    // Each series is one entity's: `China: Exports`.
                    if chosen.len() > 1 {
                        for row in &mut table.rows {
                            let owner = cells::cell(row, entity).trim().to_string();
                            if let Some(cell) = row.cells.get_mut(series_key) {
                                *cell = format!("{owner}: {}", cell.trim());
                            }
                        }
                    }
                    mask(&mut table, entity);
                }
            }
            if series_key.is_none() && !entities.is_empty() {
                name_column(&mut table, entity, KEY_COLUMNS, "entity");
            }
        }
        if let (Some(series_key), Some(keys)) = (series_key, keys) {
            let header = table.header.get(series_key).cloned().unwrap_or_default();
            if entity.is_none() && keys.len() > MAX_SERIES_DRAWN {
                let key = selection_key(&header, "series");
                let Some(chosen) = self.chosen(&keys, &key, &header)? else {
                    return Ok(Shaped::Choose(choices(&keys, &key, &header)));
                };
                let chosen_names: Vec<&str> = chosen
                    .iter()
                    .filter_map(|&index| keys.get(index).map(|key| key.name.as_str()))
                    .collect();
                table
                    .rows
                    .retain(|row| chosen_names.contains(&cells::cell(row, series_key).trim()));
            }
            name_column(&mut table, series_key, KEY_COLUMNS, "series");
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
                Role::Empty if !name.is_empty() => empty.push(shown),
                _ => continue,
            }
            mask(table, index);
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
        let entities: Vec<Entity> = series
            .iter()
            .map(|&index| Entity {
                name: table.header.get(index).cloned().unwrap_or_default(),
                code: String::new(),
                aggregate: false,
            })
            .collect();
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

    /// The entities a selection names: `Ok(None)` when it names none (ask).
    fn chosen(
        &mut self,
        entities: &[Entity],
        key: &str,
        what: &str,
    ) -> Result<Option<Vec<usize>>, Vec<Problem>> {
        let selection: &Selection = &self.options.selection;
        let mut known: Vec<&str> = self.known_keys.iter().map(String::as_str).collect();
        known.push(key);
        if let Some(message) = selection.unknown_key(&known) {
            return Err(vec![Problem::whole_file(message)]);
        }
        let wanted: Vec<&str> = match selection.values(&[key]) {
            Some(values) => values,
            // A bare value answers the first question asked.
            None => match selection.bare().filter(|_| !self.bare_used) {
                Some(bare) => {
                    self.bare_used = true;
                    bare.split('|').map(str::trim).collect()
                }
                None => return Ok(None),
            },
        };
        let mut picked = Vec::new();
        for value in wanted {
            let folded = value.trim().to_lowercase();
            let Some(index) = entities.iter().position(|entity| {
                entity.name.trim().to_lowercase() == folded
                    || !entity.code.is_empty() && entity.code.trim().to_lowercase() == folded
            }) else {
                let listed: Vec<&str> = entities.iter().take(12).map(|e| e.name.as_str()).collect();
                let more = entities.len().saturating_sub(12);
                let tail = if more > 0 {
                    format!(", … and {more} more")
                } else {
                    String::new()
                };
                return Err(vec![Problem::whole_file(format!(
                    "expected a {} the file holds ({}{tail}), found \"{value}\"",
                    singular_of(what),
                    listed.join(", ")
                ))]);
            };
            if !picked.contains(&index) {
                picked.push(index);
            }
        }
        self.selected = true;
        Ok(Some(picked))
    }

    /// A Year × month grid: one monthly series, or one for each combination of the
    /// label columns beside it (country, data type) that the user chose.
    fn month_grid(
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
    fn across(
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

    /// Narrows the rows by their label columns (`labels`): a column with one value is
    /// said and set aside; then, while more series than `max_drawn` would be drawn (or a
    /// column names countries), the user chooses among the values of the next column,
    /// one column after another. Returns each remaining row's name (the values of the
    /// columns that still tell rows apart), or the choice to ask.
    fn narrow(
        &mut self,
        table: &mut Table,
        labels: &[usize],
        max_drawn: usize,
        row_per_series: bool,
    ) -> Result<Narrowed, Vec<Problem>> {
        let decimal_comma = table.decimal_comma;
        // A `Total:` row closing the table (USITC DataWeb): the sum of the rows above.
        let before = table.rows.len();
        table.rows.retain(|row| {
            let filled: Vec<&str> = labels
                .iter()
                .map(|&index| cells::cell(row, index).trim())
                .filter(|text| !text.is_empty())
                .collect();
            !matches!(filled.as_slice(), [only] if only.trim_end_matches(':').eq_ignore_ascii_case("total") || only.eq_ignore_ascii_case("grand total"))
        });
        if table.rows.len() < before {
            self.notes
                .push("Skipped the \"Total\" row: the sum of the rows above it".to_string());
        }
        // Words name rows; a column of numbers and codes (`11`, `31-33`) only labels them.
        let is_text_label = |table: &Table, index: usize| {
            let name = table.header.get(index).map_or("", String::as_str);
            let mut text = 0usize;
            let mut other = 0usize;
            for row in &table.rows {
                match cells::kind(cells::cell(row, index), decimal_comma) {
                    cells::Kind::Text
                        if cells::cell(row, index).chars().any(char::is_alphabetic) =>
                    {
                        text += 1;
                    }
                    cells::Kind::Empty => {}
                    _ => other += 1,
                }
            }
            !columns::is_code_header(name) && text > 0 && text >= other
        };
        let code = labels.iter().copied().find(|&index| {
            columns::is_code_header(table.header.get(index).map_or("", String::as_str))
        });
        let mut dims: Vec<usize> = labels
            .iter()
            .copied()
            .filter(|&index| is_text_label(table, index))
            .collect();
        // Countries and partners first: they are asked for even when few.
        dims.sort_by_key(|&index| {
            !columns_entity_like(table.header.get(index).map_or("", String::as_str))
        });
        self.known_keys = dims
            .iter()
            .map(|&dim| selection_key(table.header.get(dim).map_or("", String::as_str), "row"))
            .collect();
        let mut base = Selection::default();
        let mut fixed: Vec<usize> = Vec::new();
        // The one value chosen in each column so narrowed: the name of a lone series.
        let mut picked_alone: Vec<String> = Vec::new();
        // A column of units with one value for every row (BEA's `Unit`).
        if self.title_unit.is_none()
            && let Some((unit_column, text)) = labels.iter().find_map(|&index| {
                let name = cells::squeezed(table.header.get(index).map_or("", String::as_str));
                let values = columns::distinct_values(&table.rows, index);
                match values.as_slice() {
                    [only] if name == "unit" || name == "units" || name == "unitofmeasure" => {
                        Some((index, only.clone()))
                    }
                    _ => None,
                }
            })
        {
            let unit = Unit::parse(&text);
            if !unit.is_empty() {
                self.notes.push(format!(
                    "Unit {unit} from column \"{}\" (\"{text}\")",
                    table.header.get(unit_column).map_or("", String::as_str)
                ));
                self.title_unit = Some((unit, text));
            }
        }
        // What every row measures, where a column says so once for all.
        let mut measured: Vec<String> = Vec::new();
        for &dim in &dims {
            let header = table.header.get(dim).cloned().unwrap_or_default();
            let values = columns::distinct_values(&table.rows, dim);
            if values.len() <= 1 {
                if let Some(value) = values.first() {
                    self.notes
                        .push(format!("Every row is for {value} (column \"{header}\")"));
                    // An indicator named once for all rows names what the series measure
                    // (and its unit: `Tariff rate, … (%)`).
                    let key = cells::squeezed(&header);
                    if ["indicator", "series", "measure", "variable", "subject"]
                        .iter()
                        .any(|word| key.contains(word))
                    {
                        measured.push(value.clone());
                    }
                }
                fixed.push(dim);
                continue;
            }
            let series_count = if row_per_series {
                table.rows.len()
            } else {
                distinct_combinations(table, &dims, &fixed)
            };
            if series_count <= max_drawn && !columns_entity_like(&header) {
                continue;
            }
            let entities = entities_of(table, dim, code.filter(|_| dims.first() == Some(&dim)));
            let key = selection_key(&header, "row");
            let Some(chosen) = self.chosen(&entities, &key, &header)? else {
                return Ok(Narrowed::Choose(choices_from(
                    &entities, &key, &header, &base,
                )));
            };
            let chosen_names: Vec<String> = chosen
                .iter()
                .filter_map(|&index| entities.get(index).map(|entity| entity.name.clone()))
                .collect();
            table.rows.retain(|row| {
                chosen_names
                    .iter()
                    .any(|name| name == cells::cell(row, dim).trim())
            });
            self.notes
                .push(showing_note(&chosen_names, entities.len(), &header));
            base = base.with(&key, &chosen_names.join("|"));
            if let [only] = chosen_names.as_slice() {
                fixed.push(dim);
                picked_alone.push(only.clone());
            }
        }
        let varying: Vec<usize> = dims
            .iter()
            .copied()
            .filter(|dim| !fixed.contains(dim))
            .filter(|&dim| columns::distinct_values(&table.rows, dim).len() > 1)
            .collect();
        self.picked_alone.clone_from(&picked_alone);
        let lone_name = if picked_alone.is_empty() {
            dims.iter()
                .find_map(|&dim| {
                    columns::distinct_values(&table.rows, dim)
                        .into_iter()
                        .next()
                })
                .unwrap_or_default()
        } else {
            picked_alone.join(", ")
        };
        let names: Vec<String> = table
            .rows
            .iter()
            .map(|row| {
                let parts: Vec<&str> = varying
                    .iter()
                    .map(|&dim| cells::cell(row, dim).trim())
                    .filter(|part| !part.is_empty())
                    .collect();
                if parts.is_empty() {
                    lone_name.clone()
                } else {
                    parts.join(", ")
                }
            })
            .collect();
        let names = if measured.is_empty() {
            names
        } else {
            // `China, Tariff rate, applied, weighted mean, all products (%)`: the unit
            // in the indicator's brackets stays last, where it is read from.
            let suffix = measured.join(", ");
            names
                .into_iter()
                .map(|name| {
                    if name.is_empty() {
                        suffix.clone()
                    } else {
                        format!("{name}, {suffix}")
                    }
                })
                .collect()
        };
        Ok(Narrowed::Rows(names))
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

/// A name as written and as shown.
type Renamed = (String, String);

/// What narrowing the rows came to.
enum Narrowed {
    /// Each row's name.
    Rows(Vec<String>),
    Choose(Choices),
}

/// How many series the distinct combinations of `dims` (less `fixed`) would draw.
fn distinct_combinations(table: &Table, dims: &[usize], fixed: &[usize]) -> usize {
    let mut seen = std::collections::HashSet::new();
    for row in &table.rows {
        let key: Vec<&str> = dims
            .iter()
            .filter(|dim| !fixed.contains(dim))
            .map(|&dim| cells::cell(row, dim).trim())
            .collect();
        seen.insert(key);
    }
    seen.len()
}

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

/// A thing to choose: a country, partner, row or column.
#[derive(Clone, Debug)]
struct Entity {
    name: String,
    code: String,
    aggregate: bool,
}

/// The entities of column `column`, each with its code from `code`, in file order.
fn entities_of(table: &Table, column: usize, code: Option<usize>) -> Vec<Entity> {
    let mut seen = std::collections::HashSet::new();
    let mut entities = Vec::new();
    for row in &table.rows {
        let name = cells::cell(row, column).trim();
        if name.is_empty() || !seen.insert(name.to_string()) {
            continue;
        }
        // BEA writes its codes `" ""00000"" "`: the code is what the quotes hold.
        let code = code.map_or("", |index| {
            cells::cell(row, index).trim_matches(|c: char| c == '"' || c.is_whitespace())
        });
        let places = columns_entity_like(table.header.get(column).map_or("", String::as_str));
        entities.push(Entity {
            name: name.to_string(),
            code: code.to_string(),
            // Regions and income groups are told apart among places, not products.
            aggregate: places && is_aggregate(name, code),
        });
    }
    entities
}

/// The choices among `entities`, countries first and aggregates after them.
fn choices(entities: &[Entity], key: &str, header: &str) -> Choices {
    choices_from(entities, key, header, &Selection::default())
}

/// [`choices`] each added to the selection made so far.
fn choices_from(entities: &[Entity], key: &str, header: &str, base: &Selection) -> Choices {
    let mut options: Vec<Choice> = entities
        .iter()
        .map(|entity| Choice {
            label: if entity.code.is_empty() || entity.code == entity.name {
                entity.name.clone()
            } else {
                format!("{} ({})", entity.name, entity.code)
            },
            selection: base.with(key, selection_value(entity)),
            aggregate: entity.aggregate,
        })
        .collect();
    options.sort_by_key(|choice| choice.aggregate);
    Choices {
        format: Format::CsvLong,
        what: singular_of(header),
        options,
    }
}

/// The value a selection names an entity by: its name, unless that would not
/// survive the selection's text form.
fn selection_value(entity: &Entity) -> &str {
    if entity.name.contains(['|', '=']) && !entity.code.is_empty() {
        &entity.code
    } else {
        &entity.name
    }
}

/// The key a selection names a column by: `Country Name` → `country_name`.
fn selection_key(header: &str, fallback: &str) -> String {
    let key: String = header_key(header)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if key.is_empty() {
        fallback.to_string()
    } else {
        key
    }
}

/// `Country Name` → `country`; `Entity` → `entity`; `` → `row`.
fn singular_of(header: &str) -> String {
    let lower = header.trim().to_lowercase();
    for word in [
        "country",
        "partner",
        "entity",
        "economy",
        "reporter",
        "region",
        "commodity",
        "product",
        "sector",
        "series",
        "indicator",
    ] {
        if lower.contains(word) {
            return word.to_string();
        }
    }
    if lower.starts_with("geo") || lower == "state" || lower == "area" || lower == "location" {
        // BEA's `GeoName`, a state, an area: a place.
        return "place".to_string();
    }
    if lower.is_empty() {
        "row".to_string()
    } else {
        lower
    }
}

/// `Showing China, World of the 262 countries in column "Country Name"`.
fn showing_note(chosen: &[String], of: usize, header: &str) -> String {
    let column = if header.trim().is_empty() {
        String::new()
    } else {
        format!(" in column \"{header}\"")
    };
    format!(
        "Showing {} of the {of} {}{column}",
        chosen.join(", "),
        plural_of(header)
    )
}

/// `countries`, `entities`, `rows`.
fn plural_of(header: &str) -> String {
    super::field::select::plural(&singular_of(header))
}

/// True for a row-label header that names countries or partners: their rows are
/// always a choice, even a few of them.
fn columns_entity_like(header: &str) -> bool {
    let lower = header.to_lowercase();
    [
        "country", "partner", "economy", "reporter", "entity", "geoname", "state",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// World Bank aggregate codes (regions, income groups, the world).
const AGGREGATE_CODES: &[&str] = &[
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS",
    "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC",
    "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA",
    "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC", "WLD",
];

/// True for a region, income group or the world rather than one country: by the
/// World Bank's aggregate codes, OWID's `OWID_` codes, or words in the name.
fn is_aggregate(name: &str, code: &str) -> bool {
    let code = code.trim();
    if code.starts_with("OWID_") || AGGREGATE_CODES.contains(&code) {
        return true;
    }
    let lower = name.to_lowercase();
    lower == "world"
        || lower.starts_with("world ")
        || lower.contains("income")
        || lower.contains("(wb)")
        || lower.contains("(un)")
        || lower.contains("(who)")
        || lower.contains("(fao)")
        || lower.contains("countries")
        || lower.contains("total")
        || lower.contains("euro area")
        || lower.contains("european union")
        || lower.contains("& pacific")
        || lower.contains("and pacific")
        || lower.contains("central asia")
        || lower.contains("sub-saharan")
        || lower.contains("north africa")
        || lower.contains("latin america")
        || lower.contains("ida ")
        || lower.contains("ibrd")
        || lower.contains("oecd")
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

/// A unit named by a line above the table: `(millions of dollars)`,
/// `[Billions of dollars]`, `In percent`.
fn unit_in_lines(lines: &[(usize, String)]) -> Option<(Unit, String)> {
    lines.iter().find_map(|(_, text)| {
        let lower = text.to_lowercase();
        let says_unit = lower.contains("dollars")
            || lower.contains("usd")
            || lower.contains("percent")
            || lower.trim() == "(%)"
            || lower.trim() == "[%]";
        if !says_unit {
            return None;
        }
        // A sentence that names the unit among other words: `In millions of dollars.
        // Seasonally adjusted …` (Census exhibits).
        if text.len() > 80 {
            let phrase = [
                ("billions of dollars", "USD bn"),
                ("millions of dollars", "USD mn"),
                ("thousands of dollars", "USD thousands"),
                ("billions of u.s. dollars", "USD bn"),
                ("millions of u.s. dollars", "USD mn"),
            ]
            .iter()
            .find(|(words, _)| lower.contains(words))?;
            return Some((Unit::parse(phrase.1), text.clone()));
        }
        let inner = text
            .find(['(', '['])
            .and_then(|open| {
                let close = text.rfind([')', ']'])?;
                text.get(open + 1..close)
            })
            .unwrap_or(text);
        let unit = Unit::parse(inner);
        (unit.is_percent() || unit.as_str().starts_with("USD")).then(|| (unit, text.clone()))
    })
}

/// `lines 1–2` → `Lines 1–2`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Rates written as fractions (`0.17` for 17%): a series whose name says rate, tariff
/// or ETR, with no unit and every value within 0–1, is shown in percent. Returns the
/// note for the series changed.
pub fn fractions_as_percent(dataset: &mut Dataset) -> Option<String> {
    let mut changed = Vec::new();
    for series in &mut dataset.series {
        if !series.unit.is_empty() || !names_a_rate(&series.name) {
            continue;
        }
        let values: Vec<f64> = series
            .points
            .iter()
            .filter_map(|point| point.value())
            .collect();
        let within = values.iter().all(|value| (0.0..=1.0).contains(value));
        let fractional = values.iter().any(|value| *value > 0.0 && *value < 1.0);
        if values.is_empty() || !within || !fractional {
            continue;
        }
        for point in &mut series.points {
            if let Some(value) = point.value() {
                // Rounded to 10 decimals: 0.181 × 100 is 18.099999999999998 in floats.
                point.set_value(Some((value * 100.0 * 1e10).round() / 1e10));
            }
        }
        series.unit = Unit::parse("%");
        changed.push(series.name.clone());
    }
    (!changed.is_empty()).then(|| {
        format!(
            "Rates between 0 and 1 shown in percent: {}",
            changed.join(", ")
        )
    })
}

/// True for a name that says it is a rate: `effective tariff rate`, `ETR`, `duty`.
fn names_a_rate(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|word| {
        matches!(
            word,
            "rate" | "rates" | "tariff" | "tariffs" | "etr" | "duty" | "duties"
        )
    })
}
