//! The chooser: when a file holds several partners, countries or indicators (Census
//! `country.xlsx`, WDI) and nothing says which, the window lists them and reads the
//! file again with the one picked. It never guesses; until a choice is made the chart
//! stays as it was. The selection is remembered for the file shown, so Reload and a
//! change on disk read the same partner again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use super::TradeChartApp;
use super::loader::{LoadKind, Reader};
use crate::data::{self, Choices, LoadOptions, Selection};

/// Choices listed before the filter box is needed to find the rest.
const SHOWN_WITHOUT_FILTER: usize = 200;

/// What the chooser holds (a field of the File state).
#[derive(Default)]
pub struct ChooseState {
    /// The file waiting for a choice, its choices and the filter typed.
    asking: Option<Asking>,
    /// The selection the next Open of a file uses (a choice just made).
    requested: Option<(PathBuf, Selection)>,
    /// The selection of the load in flight.
    in_flight: Option<(PathBuf, Selection)>,
    /// The selection the file shown was read with.
    shown: Option<(PathBuf, Selection)>,
}

struct Asking {
    path: PathBuf,
    choices: Choices,
    filter: String,
}

/// What the user did in the chooser.
enum Action {
    Pick(Selection),
    Cancel,
}

impl ChooseState {
    /// The selection to read `path` with for a load of `kind`, remembered as the one
    /// in flight: a choice just made for an Open, the file's own for a Reload.
    pub(super) fn selection_for_load(&mut self, path: &Path, kind: LoadKind) -> Option<Selection> {
        let selection = match kind {
            LoadKind::AddEvents => return None,
            LoadKind::Open => self
                .requested
                .take()
                .filter(|(requested, _)| requested == path)
                .map(|(_, selection)| selection),
            LoadKind::Reload => self
                .shown
                .as_ref()
                .filter(|(shown, _)| shown == path)
                .map(|(_, selection)| selection.clone()),
        };
        self.in_flight = selection
            .clone()
            .map(|selection| (path.to_path_buf(), selection));
        selection
    }

    /// The selection the load in flight reads its file with, if any.
    pub(super) fn in_flight(&self) -> Option<&Selection> {
        self.in_flight.as_ref().map(|(_, selection)| selection)
    }

    /// A data file was shown: it was read with the selection in flight, if any.
    pub(super) fn loaded(&mut self) {
        self.shown = self.in_flight.take();
        self.asking = None;
    }

    /// The file needs a choice: show the chooser.
    pub(super) fn ask(&mut self, path: &Path, choices: Choices) {
        self.in_flight = None;
        self.asking = Some(Asking {
            path: path.to_path_buf(),
            choices,
            filter: String::new(),
        });
    }
}

/// A reader that reads the part of a file `selection` picks.
pub fn selection_reader(selection: Selection) -> Reader {
    let options = LoadOptions { selection };
    Arc::new(move |path: &Path, progress: &dyn Fn(u64)| {
        data::load_path_with_options_and_progress(path, &options, progress)
    })
}

impl TradeChartApp {
    /// The choices of the file waiting for one (the chooser is open), if any.
    pub fn pending_choices(&self) -> Option<&Choices> {
        self.files
            .choose
            .asking
            .as_ref()
            .map(|asking| &asking.choices)
    }

    /// The selection the file shown was read with (`partner=China`), if any.
    pub fn selection(&self) -> Option<&Selection> {
        self.files
            .choose
            .shown
            .as_ref()
            .map(|(_, selection)| selection)
    }

    /// Opens `path` reading the part `selection` picks (in the background, as
    /// [`Self::open_path`]).
    pub fn open_path_with(&mut self, path: &Path, selection: Selection) {
        self.files.choose.requested = Some((path.to_path_buf(), selection));
        self.open_path(path);
    }

    /// Answers the chooser with `selection`: the waiting file is read with it.
    pub fn choose(&mut self, selection: Selection) {
        if let Some(asking) = self.files.choose.asking.take() {
            self.open_path_with(&asking.path, selection);
        }
    }

    /// The chooser window, while a file waits for a choice.
    pub(super) fn choose_ui(&mut self, ctx: &egui::Context) {
        let Some(asking) = &mut self.files.choose.asking else {
            return;
        };
        let mut action = None;
        let mut keep_open = true;
        egui::Window::new(format!("Choose {}", with_article(&asking.choices.what)))
            .collapsible(false)
            .open(&mut keep_open)
            .default_width(420.0)
            .show(ctx, |ui| {
                action = chooser_ui(ui, asking);
            });
        if !keep_open {
            action = Some(Action::Cancel);
        }
        match action {
            Some(Action::Pick(selection)) => self.choose(selection),
            Some(Action::Cancel) => self.files.choose.asking = None,
            None => {}
        }
    }
}

/// `a partner`, `an indicator`.
fn with_article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|first| "aeiouAEIOU".contains(first));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// The list of choices with a filter; returns what was clicked.
fn chooser_ui(ui: &mut egui::Ui, asking: &mut Asking) -> Option<Action> {
    let mut action = None;
    let file = asking
        .path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let count = asking.choices.options.len();
    ui.label(format!(
        "{file} holds {count} {}. Choose the one to chart:",
        asking.choices.what_plural()
    ));
    if count > 10 {
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.text_edit_singleline(&mut asking.filter)
                .labelled_by(label.id)
                .on_hover_text("Type part of a name or code");
        });
    }
    let filter = asking.filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            let matching = asking.choices.options.iter().filter(|choice| {
                filter.is_empty()
                    || choice.label.to_lowercase().contains(&filter)
                    || choice
                        .selection
                        .to_string()
                        .to_lowercase()
                        .contains(&filter)
            });
            for choice in matching.take(SHOWN_WITHOUT_FILTER) {
                if ui
                    .button(&choice.label)
                    .on_hover_text(format!("--select {}", choice.selection))
                    .clicked()
                {
                    action = Some(Action::Pick(choice.selection.clone()));
                }
            }
        });
    ui.separator();
    if ui.button("Cancel").clicked() {
        action = Some(Action::Cancel);
    }
    action
}
