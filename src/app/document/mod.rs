//! The document: the dataset shown, the file it came from, the chart built from it and
//! the remarks from reading it. Replaced whole when another file opens; everything
//! else in the window (the view, the side panel, the files part) works on it.

pub(super) mod reading;
pub(super) mod view;

use std::path::{Path, PathBuf};

use crate::chart::{Chart, ChartOptions};
use crate::data::Dataset;

/// What the window shows, and where it came from.
pub struct Document {
    pub dataset: Dataset,
    /// The file the dataset came from; `None` for the embedded default.
    pub source: Option<PathBuf>,
    pub chart: Chart,
    /// Remarks from loading: the reader's decisions, an encoding fallback, a sidecar
    /// events file (shown in the strip under the toolbar).
    pub notes: Vec<String>,
    /// Bumped whenever the plots must start afresh (new data, other units), so their
    /// remembered bounds do not carry over; part of every plot's id.
    pub generation: u64,
}

impl Document {
    /// `dataset` (read from `source`, if it came from a file) charted with `options`.
    pub fn new(dataset: Dataset, source: Option<PathBuf>, options: &ChartOptions) -> Self {
        Self {
            chart: Chart::build(&dataset, options),
            dataset,
            source,
            notes: Vec::new(),
            generation: 0,
        }
    }

    /// Shows `dataset` from `source` instead, in new plots. The notes are the caller's
    /// to set (a reload keeps none of the old ones; added events add one).
    pub fn replace(&mut self, dataset: Dataset, source: Option<&Path>, options: &ChartOptions) {
        self.chart = Chart::build(&dataset, options);
        self.dataset = dataset;
        self.source = source.map(Path::to_path_buf);
        self.generation += 1;
    }

    /// Builds the chart again with `options` (same data, same plots).
    pub fn rebuild(&mut self, options: &ChartOptions) {
        self.chart = Chart::build(&self.dataset, options);
    }

    /// The window title: the dataset's title, or the app's name when it has none.
    pub fn title(&self) -> String {
        let title = self.dataset.title.trim();
        if title.is_empty() {
            "tradechart".to_string()
        } else {
            title.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_the_dataset_starts_new_plots_and_a_rebuild_does_not() {
        let options = ChartOptions::default();
        let mut document = Document::new(Dataset::default(), None, &options);
        assert_eq!(document.title(), "tradechart");
        let titled = Dataset {
            title: " US–China trade ".to_string(),
            ..Dataset::default()
        };
        document.replace(titled, Some(Path::new("/d/trade.csv")), &options);
        assert_eq!(document.generation, 1);
        assert_eq!(document.title(), "US–China trade");
        assert_eq!(document.source.as_deref(), Some(Path::new("/d/trade.csv")));
        document.rebuild(&options);
        assert_eq!(document.generation, 1);
    }
}
