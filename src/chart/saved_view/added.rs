//! Files whose series were added to the chart (File → Add series from file…, `render
//! --add`): how each is read (once, hashed as read), named in notes and sources
//! (`country.xlsx · partner=Mexico`), recorded in a saved view (path, hash, selection)
//! and read back when the view opens — a missing file is a problem, a changed one a
//! note, as for the view's main data file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{DataRef, changed_note, data_ref, resolve_data_path, sha256_bytes};
use crate::data::{self, Dataset, LoadError, LoadOptions, Loaded, Selection, merge};
use crate::paths::file_name;

/// An added file as a view records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedRef {
    pub data: DataRef,
    /// The partner (country, indicator) read from a file that holds several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<String>,
}

/// A file whose series were added: where, read with what, and the hash of the bytes
/// read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedFile {
    pub path: PathBuf,
    pub selection: Selection,
    pub sha256: String,
}

impl AddedFile {
    /// Reads `path` with `selection`, hashing the very bytes charted. A file that holds
    /// several partners and none selected comes back as the reader's `Err` with its
    /// choices.
    pub fn read(path: &Path, selection: &Selection) -> Result<(AddedFile, Loaded), LoadError> {
        let bytes = data::read_file(path).map_err(|problem| LoadError::new(path, vec![problem]))?;
        let loaded = data::LoadRequest::read(path, &bytes)
            .options(LoadOptions::selecting(selection.clone()))
            .load()?;
        let file = AddedFile {
            path: path.to_path_buf(),
            selection: selection.clone(),
            sha256: sha256_bytes(&bytes),
        };
        Ok((file, loaded))
    }

    /// How notes and sources name it: `country.xlsx · partner=Mexico`, `mx.csv`.
    pub fn origin(&self) -> String {
        if self.selection.is_empty() {
            file_name(&self.path)
        } else {
            format!("{} · {}", file_name(&self.path), self.selection)
        }
    }

    /// Adds the series `loaded` (read from this file) to `dataset`; returns the notes.
    pub fn add_to(&self, dataset: &mut Dataset, loaded: Loaded) -> Result<Vec<String>, LoadError> {
        merge::add_series(dataset, loaded.dataset, &self.origin())
            .map_err(|message| LoadError::new(&self.path, vec![data::Problem::whole_file(message)]))
    }

    /// How a view saved at `view_path` records it.
    pub fn to_ref(&self, view_path: &Path) -> AddedRef {
        AddedRef {
            data: data_ref(view_path, &self.path, self.sha256.clone()),
            selection: (!self.selection.is_empty()).then(|| self.selection.to_string()),
        }
    }
}

/// What reading a view's added files gave.
#[derive(Clone, Debug, Default)]
pub struct AddedRead {
    pub files: Vec<AddedFile>,
    /// The merge's notes (series added, renamed, another frequency).
    pub notes: Vec<String>,
    /// One note per file whose bytes changed since the view was saved.
    pub changed: Vec<String>,
}

/// Reads the files `refs` name (relative to the view at `view_path`, else where they
/// were) and adds their series to `dataset`. A file not found, or no longer readable,
/// is the view's problem.
pub fn add_saved(
    view_path: &Path,
    refs: &[AddedRef],
    dataset: &mut Dataset,
) -> Result<AddedRead, LoadError> {
    let mut read = AddedRead::default();
    for added in refs {
        let path = resolve_data_path(view_path, &added.data)
            .map_err(|problem| LoadError::new(view_path, vec![problem]))?;
        let selection = added
            .selection
            .as_deref()
            .and_then(|text| Selection::parse(text).ok())
            .unwrap_or_default();
        let (file, loaded) = AddedFile::read(&path, &selection)?;
        read.notes.extend(file.add_to(dataset, loaded)?);
        if file.sha256 != added.data.sha256 {
            read.changed
                .push(changed_note(&path, &added.data.sha256, &file.sha256));
        }
        read.files.push(file);
    }
    Ok(read)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn the_origin_names_the_file_and_the_partner_read() {
        let file = |selection: &str| AddedFile {
            path: PathBuf::from("/d/country.xlsx"),
            selection: Selection::parse(selection).unwrap(),
            sha256: String::new(),
        };
        assert_eq!(
            file("partner=Mexico").origin(),
            "country.xlsx · partner=Mexico"
        );
        assert_eq!(file("").origin(), "country.xlsx");
    }
}
