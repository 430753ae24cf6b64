//! File → Add series from file…: another file's series drawn beside the chart's (a
//! file holding several partners asks which, with the chooser). Each added series
//! keeps its source; its unit goes to its panel. The files added are read again on
//! Reload, recorded in a saved view with their hashes, and forgotten when another
//! file or sample opens. The merging itself is `data::merge`'s.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui::Ui;

use crate::app::open::{FilePicker, OpenDialog, PickPurpose};
use crate::app::{Command, TradeChartApp};
use crate::chart::saved_view::{self as saved, AddedFile, AddedRef, SavedView};
use crate::data::{self, Choices, LoadError, Loaded, Selection};

/// The File menu entry.
pub const ADD_SERIES: &str = "Add series from file…";

/// A step of adding series, run by `TradeChartApp::run_command`.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddSeriesCommand {
    /// Ask for the file with the dialog (or the path window when there is none).
    Ask,
    /// Add the series of this file (asking which partner when it holds several).
    Path(PathBuf),
}

/// The files added and the dialog that asks for the next.
pub struct AddSeriesState {
    dialog: OpenDialog,
    files: Vec<AddedFile>,
}

impl AddSeriesState {
    pub fn new(picker: Arc<dyn FilePicker>) -> Self {
        Self {
            dialog: OpenDialog::with_purpose(picker, PickPurpose::AddSeries),
            files: Vec::new(),
        }
    }

    /// Asks for files with `picker` too.
    pub fn set_picker(&mut self, picker: Arc<dyn FilePicker>) {
        self.dialog = OpenDialog::with_purpose(picker, PickPurpose::AddSeries);
    }
}

impl TradeChartApp {
    /// The files whose series were added to the chart shown, in the order added.
    pub fn added_series_files(&self) -> &[AddedFile] {
        &self.adding.files
    }

    /// Adds the series of `path` to the chart shown, keeping the view. A file that holds
    /// several partners (countries, indicators) opens the chooser; one that fails lists
    /// its problems and leaves the chart as it was.
    pub fn add_series_from(&mut self, path: &Path, selection: Selection) {
        match AddedFile::read(path, &selection) {
            Ok((file, loaded)) => self.show_added(file, loaded),
            Err(LoadError {
                choices: Some(choices),
                ..
            }) => self.ask_which_to_add(path, choices),
            Err(error) => self.problems = Some(error),
        }
    }

    /// The view document's record of the files added, for a view saved at `view_path`.
    pub(in crate::app) fn added_refs(&self, view_path: &Path) -> Vec<AddedRef> {
        self.adding
            .files
            .iter()
            .map(|file| file.to_ref(view_path))
            .collect()
    }

    /// Another dataset is shown: the files added were the last one's.
    pub(in crate::app) fn forget_added_series(&mut self) {
        self.adding.files.clear();
    }

    /// After the file shown was read again (Reload, a change on disk): reads the added
    /// files again and adds their series. After another file opened: forgets them.
    pub(in crate::app) fn after_load_added(&mut self, reloaded: bool) {
        let files = std::mem::take(&mut self.adding.files);
        if !reloaded {
            return;
        }
        for file in files {
            self.add_series_from(&file.path, file.selection);
        }
    }

    /// Adds the files a view records to the chart just restored for it; returns the
    /// note on changed files joined to `changed`. A file missing is a problem listed.
    pub(in crate::app) fn restore_added(
        &mut self,
        view: &SavedView,
        view_path: &Path,
        changed: Option<String>,
    ) -> Option<String> {
        if view.added.is_empty() {
            return changed;
        }
        let mut dataset = self.document.dataset.clone();
        match saved::add_saved(view_path, &view.added, &mut dataset) {
            Ok(read) => {
                self.show_dataset_keeping_view(dataset);
                self.document.notes.extend(read.notes);
                self.adding.files = read.files;
                let notes: Vec<String> = changed.into_iter().chain(read.changed).collect();
                (!notes.is_empty()).then(|| notes.join("; "))
            }
            Err(error) => {
                self.problems = Some(error);
                changed
            }
        }
    }

    /// File → "Add series from file…".
    pub(in crate::app) fn add_series_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        ui.button(ADD_SERIES)
            .on_hover_text(
                "Draw another file's series beside these (a partner from a Census \
                 country.xlsx, your own CSV), each with its source",
            )
            .clicked()
            .then_some(Command::AddSeries(AddSeriesCommand::Ask))
    }

    /// The dialog's answer and the path window, once a frame.
    pub(in crate::app) fn add_series_frame(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(path) = self.adding.dialog.poll() {
            commands.push(Command::AddSeries(AddSeriesCommand::Path(path)));
        }
        if let Some(path) = self.adding.dialog.path_window_ui(ctx) {
            commands.push(Command::AddSeries(AddSeriesCommand::Path(path)));
        }
        commands
    }

    /// Runs one step of adding series.
    pub(in crate::app) fn run_add_series_command(
        &mut self,
        command: AddSeriesCommand,
        ctx: &egui::Context,
    ) {
        match command {
            AddSeriesCommand::Ask => self.adding.dialog.start(ctx),
            AddSeriesCommand::Path(path) => self.add_series_from(&path, Selection::default()),
        }
    }

    // ----- Inside -----

    fn show_added(&mut self, file: AddedFile, loaded: Loaded) {
        let mut dataset = self.document.dataset.clone();
        match file.add_to(&mut dataset, loaded) {
            Ok(notes) => {
                self.show_dataset_keeping_view(dataset);
                self.document.notes.extend(notes);
                self.adding.files.push(file);
                self.problems = None;
            }
            Err(error) => self.problems = Some(error),
        }
    }

    /// Shows `dataset` (the one shown, with series added) keeping the visible range and
    /// the series hidden in the legends.
    fn show_dataset_keeping_view(&mut self, dataset: data::Dataset) {
        // The view (its hidden series too) is kept by a replace that keeps the view.
        let source = self.document.source.clone();
        self.replace_dataset(dataset, source.as_deref(), true);
    }

    fn ask_which_to_add(&mut self, path: &Path, choices: Choices) {
        self.files.choose.ask_to_add(path, choices);
    }
}
