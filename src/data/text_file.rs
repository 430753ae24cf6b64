//! A text file into a dataset: the JSON document, a field download with lines above
//! its header (WDI, Census c5700), or a CSV/TSV table read by its layout.
//!
//! A large plain CSV file is read by the quick reader (`fast_csv`), straight into
//! series without a table of text cells; any other file, or one the quick reader is
//! unsure of, is decoded and read in general. Callers never choose between the two:
//! `load` hands every text file here, and [`Loaded::reader`] says which read it.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::detect::{self, TextLayout};
use super::field::{self, LoadOptions};
use super::format::Format;
use super::outcome::{Loaded, ReaderUsed};
use super::problem::Problem;
use super::{fast_csv, json, tabular, text};

/// Whether the quick reader may still be tried on a file's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quick {
    Try,
    /// It has just given the same file up: the bytes go to the general reader.
    Tried,
}

/// Reads the file at `path` straight from disk when the quick reader can (a large
/// plain CSV file), telling `progress` the bytes read so far; `None` leaves the file
/// to be read whole and given to [`read`] (which reports any problem, such as a file
/// it cannot open), as when `stop` was set.
pub fn read_path(
    path: &Path,
    options: &LoadOptions,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> Option<Result<Loaded, Vec<Problem>>> {
    let loaded = fast_csv::try_load_path(path, options, progress, stop)?;
    Some(loaded.and_then(|loaded| fast_csv::check_limits(&loaded.dataset).map(|()| loaded)))
}

/// Reads a text file's bytes, by the quick reader first when `quick` allows; a file
/// that needs a choice comes back with `choices` set and an empty dataset.
pub fn read(bytes: &[u8], options: &LoadOptions, quick: Quick) -> Result<Loaded, Vec<Problem>> {
    if quick == Quick::Try
        && let Some(loaded) = fast_csv::try_load(bytes, options)
    {
        return loaded;
    }
    let decoded = text::decode(bytes).map_err(|problem| vec![problem])?;
    let mut notes: Vec<String> = decoded.note.into_iter().collect();
    let text = &decoded.text;
    let selection = &options.selection;
    let mut loaded = match detect::text_layout(text) {
        TextLayout::Blank => {
            return Err(vec![Problem::whole_file(
                "expected a header row and data rows, found only white space",
            )]);
        }
        TextLayout::Json => {
            let (dataset, read_notes) = json::read_with_notes(text)?;
            Loaded {
                dataset,
                format: Format::Json,
                notes: read_notes,
                choices: None,
                reader: ReaderUsed::General,
            }
        }
        TextLayout::Wdi => {
            tabular::from_field(field::wdi::read_text(text, selection)?, Format::Wdi)
        }
        TextLayout::CensusC5700 => tabular::from_field(
            field::census_c5700::read_text(text, selection)?,
            Format::CensusC5700,
        ),
        TextLayout::Table => tabular::read(text::read_csv_table(text)?, None, options)?,
    };
    notes.append(&mut loaded.notes);
    loaded.notes = notes;
    Ok(loaded)
}
