//! Files into one [`Dataset`]: format detection, the readers, validation, problems.
//!
//! One way in: [`load`] a [`LoadRequest`] (a path, or bytes with a name; the
//! [`LoadOptions`]; an optional progress callback). `load` asks `detect` what the file
//! holds and hands it to the workbook reader (`workbook`) or the text reader
//! (`text_file`: the JSON document, field downloads, and CSV, where the quick reader
//! `fast_csv` takes a large plain file). Every table, from CSV or a sheet, is read by
//! its layout in `tabular` (`field`, `shape`, `events_csv`, `csv_long`, `csv_wide`),
//! all working on `table::Table`. A new reader goes beside them, with its test in
//! `detect` and its arm in `tabular` or `text_file`.
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
mod detect;
pub mod events_csv;
mod fast_csv;
pub mod field;
mod format;
pub mod freshness;
pub mod json;
pub mod limits;
mod load;
pub mod merge;
pub mod model;
pub mod number;
mod ods_cells;
mod ole;
mod outcome;
pub mod period;
pub mod problem;
pub mod samples;
pub mod shape;
pub mod table;
mod tabular;
pub mod text;
mod text_file;
pub mod transform;
pub mod unit;
mod workbook;

pub use coverage::Coverage;
pub use field::{Choice, Choices, LoadOptions, Selection};
pub use format::Format;
pub use limits::MAX_FILE_BYTES;
pub use load::{LoadRequest, Source, load, load_events, read_file, sidecar_events_path};
pub use model::{Dataset, Event, Point, Series, Status, sort_events};
pub use outcome::{LoadError, Loaded, ReaderUsed};
pub use period::{Frequency, Period};
pub use problem::Problem;
pub use unit::Unit;

/// The embedded default dataset: US–China goods trade, tariffs and policy events.
pub const DEFAULT_DATASET_JSON: &str = samples::DEFAULT.json;

/// The embedded default dataset.
pub fn default_dataset() -> Result<Dataset, Vec<Problem>> {
    json::read(DEFAULT_DATASET_JSON)
}
