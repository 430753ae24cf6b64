//! Files into one [`Dataset`]: format detection, the readers, validation, problems.
//!
//! Every reader returns either a whole dataset or every problem it found (up to
//! [`problem::MAX_PROBLEMS`]): a file with problems is rejected whole, so the user never
//! sees a chart that silently dropped rows. Nothing here panics on any input, and
//! nothing writes to an input file.

pub mod analysis;
pub mod coverage;
pub mod csv_long;
pub mod csv_wide;
pub mod dates;
pub mod events_csv;
pub mod fast_csv;
pub mod field;
pub mod json;
pub mod limits;
mod load;
pub mod model;
pub mod number;
mod ods_cells;
mod ole;
pub mod period;
pub mod problem;
pub mod shape;
pub mod text;
pub mod transform;
pub mod unit;
pub mod view;
pub mod workbook;

use std::fmt;
use std::path::Path;

pub use coverage::Coverage;
pub use field::{Choice, Choices, LoadOptions, Selection};
pub use load::{LoadRequest, Source, load, load_events, read_file, sidecar_events_path};
pub use model::{Dataset, Event, Point, Series, Status};
pub use period::{Frequency, Period};
pub use problem::{LoadError, Problem};
pub use unit::Unit;

/// Largest file the app reads. Anything larger is refused with a message instead of
/// exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The embedded default dataset: US–China goods trade, tariffs and policy events.
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../assets/us-china-trade.json");

/// The layout a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Period in the first column, one series per other column.
    CsvWide,
    /// One row per (series, period, value).
    CsvLong,
    /// A FRED download (`observation_date,SERIES` or `DATE,VALUE`).
    Fred,
    /// `date,title[,description][,category][,end_date][,source]`.
    EventsCsv,
    /// The app's own JSON document.
    Json,
    Xlsx,
    Ods,
    Xls,
    /// The Census "Trade in Goods with …" table saved from the web page.
    CensusC5700,
    /// The Census `country.xlsx` layout (`year, CTY_CODE, CTYNAME, IJAN … EYR`).
    CensusCountry,
    /// A World Bank World Development Indicators CSV download.
    Wdi,
    /// A UN Comtrade CSV download (legacy or Comtrade+ columns).
    Comtrade,
}

impl Format {
    pub fn name(&self) -> &'static str {
        match self {
            Format::CsvWide => "csv-wide",
            Format::CsvLong => "csv-long",
            Format::Fred => "fred",
            Format::EventsCsv => "events-csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
            Format::Xls => "xls",
            Format::CensusC5700 => "census-c5700",
            Format::CensusCountry => "census-country",
            Format::Wdi => "wdi",
            Format::Comtrade => "comtrade",
        }
    }

    /// True for a layout from the field (Census, WDI): a workbook holding one keeps
    /// this name rather than the workbook's.
    pub fn is_field_layout(&self) -> bool {
        matches!(
            self,
            Format::CensusC5700 | Format::CensusCountry | Format::Wdi | Format::Comtrade
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A file read into a dataset, with the layout found and any non-fatal remarks
/// (an encoding fallback, a sidecar events file picked up).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub format: Format,
    pub notes: Vec<String>,
    /// Set when the file holds several partners (countries, indicators) and the
    /// selection did not say which: the dataset is then empty. [`load`] turns it into
    /// an error carrying the choices.
    pub choices: Option<Choices>,
}

/// The embedded default dataset.
pub fn default_dataset() -> Result<Dataset, Vec<Problem>> {
    json::read(DEFAULT_DATASET_JSON)
}

/// File contents into a dataset, trying the fast CSV path first only when `fast` (not
/// when it has just given the same file up); a file that needs a choice comes back
/// with `choices` set and an empty dataset.
fn load_bytes_in_general(
    bytes: &[u8],
    name: &Path,
    options: &LoadOptions,
    fast: bool,
) -> Result<Loaded, Vec<Problem>> {
    let extension = name
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if bytes.is_empty() {
        return Err(vec![Problem::whole_file(
            "expected a header row and data rows, found an empty file",
        )]);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        let loaded = workbook::load_with(bytes, &extension, options)?;
        limits::check_dataset(&loaded.dataset)?;
        return Ok(loaded);
    }
    // A large plain CSV file is read straight into series (the general path below
    // reads it again whenever the fast path is unsure, and reports the problems).
    if fast && let Some(loaded) = fast_csv::try_load(bytes, options) {
        limits::check_dataset(&loaded.dataset)?;
        return Ok(loaded);
    }
    let decoded = text::decode(bytes).map_err(|problem| vec![problem])?;
    let mut notes: Vec<String> = decoded.note.into_iter().collect();
    let first_char = decoded.text.trim_start().chars().next();
    if first_char.is_none() {
        return Err(vec![Problem::whole_file(
            "expected a header row and data rows, found only white space",
        )]);
    }
    // JSON by content alone: a CSV saved with a .json name still reads as CSV.
    if matches!(first_char, Some('{' | '[')) {
        let (dataset, mut read_notes) = json::read_with_notes(&decoded.text)?;
        limits::check_dataset(&dataset)?;
        notes.append(&mut read_notes);
        return Ok(Loaded {
            dataset,
            format: Format::Json,
            notes,
            choices: None,
        });
    }
    // Field layouts with lines above their header are found in the text itself.
    let field = if field::wdi::find_header(&decoded.text).is_some() {
        Some((
            field::wdi::read_text(&decoded.text, &options.selection),
            Format::Wdi,
        ))
    } else if field::census_c5700::find_header(&decoded.text).is_some() {
        Some((
            field::census_c5700::read_text(&decoded.text, &options.selection),
            Format::CensusC5700,
        ))
    } else {
        None
    };
    let mut loaded = match field {
        Some((read, format)) => from_field(read?, format),
        None => {
            let table = text::read_csv_table(&decoded.text)?;
            load_table_with(table, None, options)?
        }
    };
    limits::check_dataset(&loaded.dataset)?;
    notes.append(&mut loaded.notes);
    loaded.notes = notes;
    Ok(loaded)
}

/// Reads a table (from CSV or a spreadsheet's sheet) by its layout: a field layout
/// (Census country, Census c5700, WDI, Comtrade) with the part `options` select,
/// events, long, FRED or wide; `events` is an optional separate events table (a
/// workbook's `Events` sheet). A table that needs a choice comes back
/// with `choices` set and an empty dataset.
fn load_table_with(
    table: text::Table,
    events: Option<text::Table>,
    options: &LoadOptions,
) -> Result<Loaded, Vec<Problem>> {
    limits::check_table(&table)?;
    if let Some(events) = &events {
        limits::check_table(events)?;
    }
    let selection = &options.selection;
    let field = if field::census_country::looks_like(&table) {
        Some((
            field::census_country::read(&table, selection),
            Format::CensusCountry,
        ))
    } else if field::census_c5700::looks_like(&table) {
        Some((
            field::census_c5700::read(&table, &[], selection),
            Format::CensusC5700,
        ))
    } else if field::wdi::looks_like(&table) {
        Some((field::wdi::read(&table, &[], selection), Format::Wdi))
    } else if field::comtrade::looks_like(&table) {
        Some((field::comtrade::read(&table, selection), Format::Comtrade))
    } else {
        None
    };
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
    if selection.is_empty() && !options.overrules() && events_csv::looks_like_events(&table) {
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
            });
        }
        shape::Shaped::Dataset { dataset, table } => (dataset, Format::CsvWide, table),
        shape::Shaped::Table(table) => {
            if events_csv::looks_like_events(&table) {
                let mut loaded = events_only(table, events)?;
                notes.append(&mut loaded.notes);
                loaded.notes = notes;
                return Ok(loaded);
            }
            let (read, format) = if csv_long::looks_long(&table) {
                (csv_long::read(&table), Format::CsvLong)
            } else if csv_wide::looks_like_fred(&table) {
                (csv_wide::read(&table), Format::Fred)
            } else {
                (csv_wide::read(&table), Format::CsvWide)
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
                    return Err(problem::Problems::merged(problems, shaping_problems));
                }
            }
        }
    };
    notes.extend(shape::fractions_as_percent(&mut dataset));
    // `# partial: 2025 Jan–Mar` marks a year of the data as covering some months only.
    let partial_problems = coverage::apply_partial_metadata(&mut dataset, &table);
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
    })
}

/// An events table read as a dataset of its events (and of a rate column beside them,
/// as a step series); with `events`, a workbook's `Events` sheet added.
fn events_only(table: text::Table, events: Option<text::Table>) -> Result<Loaded, Vec<Problem>> {
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
    })
}

/// A field reader's result as a [`Loaded`].
fn from_field(read: field::FieldRead, format: Format) -> Loaded {
    match read {
        field::FieldRead::Data { dataset, notes } => Loaded {
            dataset,
            format,
            notes,
            choices: None,
        },
        field::FieldRead::Choose(choices) => Loaded {
            dataset: Dataset::default(),
            format,
            notes: Vec::new(),
            choices: Some(choices),
        },
    }
}

/// Fills title, sources and notes from a table's `# key: value` lines.
pub fn apply_metadata(dataset: &mut Dataset, table: &text::Table) {
    if let Some(title) = table.meta("title").next() {
        dataset.title = title.to_string();
    }
    dataset
        .sources
        .extend(table.meta("source").map(str::to_string));
    dataset.notes.extend(table.meta("note").map(str::to_string));
}

/// Events in time order; the order of equal dates is kept.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by_key(|event| event.date.first_day());
}
