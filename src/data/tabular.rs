//! A table (from a CSV file or a spreadsheet's sheet) into a dataset by its layout: a
//! field layout with the part selected, an events table, or a plain table shaped
//! (`shape`) and read long, FRED or wide.

use super::detect::{self, FieldLayout, PlainLayout};
use super::field::{self, FieldResult, LoadOptions, Selection};
use super::format::Format;
use super::model::{Dataset, sort_events};
use super::outcome::{Loaded, ReaderUsed};
use super::problem::{Problem, Problems};
use super::table::{self, Table, apply_metadata};
use super::{csv_long, csv_wide, events_csv, limits, shape};

/// Reads a table (from CSV or a spreadsheet's sheet) by its layout: a field layout
/// (Census country, Census c5700, WDI, Comtrade) with the part `options` select,
/// events, long, FRED or wide; `events` is an optional separate events table (a
/// workbook's `Events` sheet). A table that needs a choice comes back
/// with `choices` set and an empty dataset.
pub fn read(
    table: Table,
    events: Option<Table>,
    options: &LoadOptions,
) -> Result<Loaded, Vec<Problem>> {
    limits::check_table(&table)?;
    if let Some(events) = &events {
        limits::check_table(events)?;
    }
    let selection = &options.selection;
    let field = detect::field_layout(&table)
        .map(|layout| (read_field_table(layout, &table, selection), layout.format()));
    if let Some((read, format)) = field {
        let mut loaded = from_field(read?, format);
        if let Some(events_table) = events {
            loaded
                .dataset
                .events
                .extend(events_csv::read(&events_table)?);
            sort_events(&mut loaded.dataset.events);
        }
        return Ok(loaded);
    }
    // An events table as written (its header on the first line).
    if selection.is_empty()
        && !options.overrules()
        && detect::plain_layout(&table) == PlainLayout::Events
    {
        return events_only(table, events);
    }
    let interpreted = shape::interpret(table, options)?;
    let mut notes = interpreted.notes;
    let shaping_problems = interpreted.problems;
    if !selection.is_empty() && !interpreted.selected {
        // A selection that selects nothing is a mistake to report, not to ignore.
        return Err(vec![Problem::whole_file(format!(
            "expected a file with partners, countries or indicators to select from (Census, WDI), found a plain table; leave out the selection \"{selection}\""
        ))]);
    }
    let (mut dataset, format, table) = match interpreted.shaped {
        shape::Shaped::Choose(choices) => {
            return Ok(Loaded {
                dataset: Dataset::default(),
                format: choices.format,
                notes,
                choices: Some(choices),
                reader: ReaderUsed::General,
            });
        }
        shape::Shaped::Dataset { dataset, table } => (dataset, Format::CsvWide, table),
        shape::Shaped::Table(table) => {
            let (read, format) = match detect::plain_layout(&table) {
                PlainLayout::Events => {
                    let mut loaded = events_only(table, events)?;
                    notes.append(&mut loaded.notes);
                    loaded.notes = notes;
                    return Ok(loaded);
                }
                PlainLayout::Long => (csv_long::read(&table), Format::CsvLong),
                PlainLayout::Fred => (csv_wide::read(&table), Format::Fred),
                PlainLayout::Wide => (csv_wide::read(&table), Format::CsvWide),
            };
            match read {
                Ok(dataset) if shaping_problems.is_empty() => (dataset, format, table),
                Ok(_) => return Err(shaping_problems),
                // Every problem together, in the order of the file.
                Err(mut problems) => {
                    if !shaping_problems.is_empty() {
                        // Rows left out for their dates are no missing rows.
                        problems
                            .retain(|problem| !problem.message.starts_with("expected data rows"));
                    }
                    return Err(Problems::merged(problems, shaping_problems));
                }
            }
        }
    };
    notes.extend(shape::fractions_as_percent(&mut dataset));
    // `# partial: 2025 Jan–Mar` marks a year of the data as covering some months only.
    let partial_problems = table::apply_partial_metadata(&mut dataset, &table);
    if !partial_problems.is_empty() {
        return Err(partial_problems);
    }
    if let Some(events_table) = events {
        let events = events_csv::read(&events_table)?;
        dataset.events.extend(events);
    }
    sort_events(&mut dataset.events);
    Ok(Loaded {
        dataset,
        format,
        notes,
        choices: None,
        reader: ReaderUsed::General,
    })
}

/// An events table read as a dataset of its events (and of a rate column beside them,
/// as a step series); with `events`, a workbook's `Events` sheet added.
fn events_only(table: Table, events: Option<Table>) -> Result<Loaded, Vec<Problem>> {
    let read = events_csv::read_with_series(&table)?;
    let mut notes = read.notes;
    let mut dataset = Dataset {
        events: read.events,
        series: read.series,
        ..Dataset::default()
    };
    apply_metadata(&mut dataset, &table);
    if let Some(events_table) = events {
        let more = events_csv::read_with_series(&events_table)?;
        dataset.events.extend(more.events);
        dataset.series.extend(more.series);
        notes.extend(more.notes);
    }
    notes.extend(shape::fractions_as_percent(&mut dataset));
    sort_events(&mut dataset.events);
    Ok(Loaded {
        dataset,
        format: Format::EventsCsv,
        notes,
        choices: None,
        reader: ReaderUsed::General,
    })
}

/// A table of a field layout read by its reader, with the part `selection` names.
fn read_field_table(layout: FieldLayout, table: &Table, selection: &Selection) -> FieldResult {
    match layout {
        FieldLayout::CensusCountry => field::census_country::read(table, selection),
        FieldLayout::CensusC5700 => field::census_c5700::read(table, &[], selection),
        FieldLayout::Wdi => field::wdi::read(table, &[], selection),
        FieldLayout::Comtrade => field::comtrade::read(table, selection),
    }
}

/// A field reader's result as a [`Loaded`].
pub fn from_field(read: field::FieldRead, format: Format) -> Loaded {
    match read {
        field::FieldRead::Data { dataset, notes } => Loaded {
            dataset,
            format,
            notes,
            choices: None,
            reader: ReaderUsed::General,
        },
        field::FieldRead::Choose(choices) => Loaded {
            dataset: Dataset::default(),
            format,
            notes: Vec::new(),
            choices: Some(choices),
            reader: ReaderUsed::General,
        },
    }
}
