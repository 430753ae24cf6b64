//! What a load brings: a [`Loaded`] dataset with the layout found, or a [`LoadError`]
//! with every problem found.

use std::fmt;
use std::path::{Path, PathBuf};

use super::field::Choices;
use super::format::Format;
use super::model::Dataset;
use super::problem::{Problem, located};

/// A file read into a dataset, with the layout found and any non-fatal remarks
/// (an encoding fallback, a sidecar events file picked up).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub format: Format,
    pub notes: Vec<String>,
    /// Set when the file holds several partners (countries, indicators) and the
    /// selection did not say which: the dataset is then empty. [`load`](super::load) turns it into
    /// an error carrying the choices.
    pub choices: Option<Choices>,
    /// Which reader read the file.
    pub reader: ReaderUsed,
}

/// Which reader read a file: the quick CSV reader, or the general readers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReaderUsed {
    /// A large plain CSV file, read straight into series (`fast_csv`).
    QuickCsv,
    /// Every other file, and a CSV file the quick reader was unsure of.
    #[default]
    General,
}

/// A file that could not be loaded, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
    /// Set when the file is fine but holds several partners (countries, indicators)
    /// and none was selected: what to choose from. The window asks; the command line
    /// takes `--select`.
    pub choices: Option<Choices>,
    /// The reading was stopped when asked (the window's Cancel): no problem of the
    /// file's, nothing to show.
    pub stopped: bool,
}

impl LoadError {
    pub fn new(path: &Path, problems: Vec<Problem>) -> Self {
        Self {
            path: path.to_path_buf(),
            problems,
            choices: None,
            stopped: false,
        }
    }

    /// The reading of the file at `path` was stopped when asked.
    pub fn stopped(path: &Path) -> Self {
        Self {
            stopped: true,
            ..Self::new(
                path,
                vec![Problem::whole_file(
                    "reading stopped: the file was not read",
                )],
            )
        }
    }

    /// The file needs a choice: one problem saying so, and the choices.
    pub fn choose(path: &Path, choices: Choices) -> Self {
        Self {
            path: path.to_path_buf(),
            problems: vec![Problem::whole_file(choices.message())],
            choices: Some(choices),
            stopped: false,
        }
    }

    /// Each problem as `FILE:LINE:COL: message` (line and column left out where unknown).
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|problem| located(&self.path, problem))
            .collect()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_file_line_and_column_like_a_compiler() {
        let error = LoadError::new(
            Path::new("trade.csv"),
            vec![Problem::at(14, 3, "expected a number, found \"n/a \"")],
        );
        assert_eq!(
            error.to_string(),
            "trade.csv:14:3: expected a number, found \"n/a \""
        );
    }
}
