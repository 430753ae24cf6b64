//! Saved views in the window: File → "Save view…" writes a [`SavedView`] of exactly
//! what is shown; opening a view (Open…, the command line, a drop) reads the data file
//! it names with its selection and restores the events, filters, hidden series,
//! transformation, zoom and look. A data file whose bytes changed since the view was
//! saved still opens, with a warning strip that says so and gives both hashes; a
//! missing data file is a problem listed like any other. Also File → Export → "Events
//! as CSV…", and the state of the event editor (see `event_editor`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui;
use egui::{Button, RichText, Ui};
use egui_plot::{ItemId, PlotMemory};

use super::event_editor::EventForm;
use super::event_history::EventHistory;
use super::loader::{LoadKind, Reader};
use super::open::{
    FilePicker, PathWindowAnswer, PathWindowWords, SaveFilter, SaveNote, SaveQuestion, expire_note,
    note_ui, path_window,
};
use super::plot::panel_plot_id;
use super::{Command, Overrules, TradeChartApp};
use crate::chart::saved_view::{self as saved, DataRef, SavedView};
use crate::data::{self, Event, LoadError, Problem};
use crate::export::atomic::{self, Overwrite, WriteError};
use crate::export::events_csv;

/// The stem of the names suggested for the embedded dataset's view and events.
const EMBEDDED_STEM: &str = "us-china-trade";

/// What a save question is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveWhat {
    /// File → Save view…
    View,
    /// File → Export → Events as CSV…
    EventsCsv,
}

impl SaveWhat {
    fn filter(self) -> SaveFilter {
        match self {
            SaveWhat::View => SaveFilter {
                name: "tradechart view",
                extension: "json",
            },
            SaveWhat::EventsCsv => SaveFilter {
                name: "Events CSV",
                extension: "csv",
            },
        }
    }

    /// The end of a suggested name after the data file's stem.
    fn suffix(self) -> &'static str {
        match self {
            SaveWhat::View => saved::VIEW_SUFFIX,
            // Not `.events.csv`: that would be the data file's sidecar, an input.
            SaveWhat::EventsCsv => "-events.csv",
        }
    }
}

/// Something asked of saved views, run by the app's `run_command`.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedViewCommand {
    /// Ask where to save (the dialog, or the path window when there is none).
    Ask(SaveWhat),
    /// Write to this file. `replace`: the user already agreed to replace it (the
    /// native save dialog asks); otherwise an existing file is left alone.
    Write(SaveWhat, PathBuf, bool),
    /// Hide the note about the last save.
    DismissNote,
    /// Hide the warning that the data file changed since the view was saved.
    DismissChanged,
}

/// A view being opened: its data file is loading.
struct OpeningView {
    view: SavedView,
    view_path: PathBuf,
    data_path: PathBuf,
    /// The data file's hash, computed by the loading thread as it reads the file.
    hash: Arc<Mutex<Option<Result<String, String>>>>,
}

/// The window's saved-view and event-editing state.
pub struct ViewFileState {
    /// Where to save: the save dialog, or the path field where none appears.
    save: SaveQuestion<SaveWhat>,
    /// Set on the first frame: plot memory (hidden series) lives there.
    ctx: Option<egui::Context>,
    opening: Option<OpeningView>,
    /// "trade.csv changed since this view was saved (…)", while shown.
    changed_note: Option<String>,
    /// The outcome of the last save: "Saved trade.view.json in …" for a few seconds,
    /// or why not until dismissed.
    note: Option<SaveNote>,
    /// Series to hide in the legends once the plots exist.
    pending_hidden: Option<Vec<String>>,
    /// The events as edited in the window, kept over reloads; `None`: the file's own.
    pub(super) edited_events: Option<Vec<Event>>,
    /// The event form while open.
    pub(super) editor: Option<EventForm>,
    /// Event edits to undo and redo.
    pub(super) history: EventHistory,
}

impl ViewFileState {
    /// Nothing in flight; files asked for with `picker`.
    pub fn new(picker: Arc<dyn FilePicker>) -> Self {
        Self {
            save: SaveQuestion::new(picker, "save-view-dialog"),
            ctx: None,
            opening: None,
            changed_note: None,
            note: None,
            pending_hidden: None,
            edited_events: None,
            editor: None,
            history: EventHistory::default(),
        }
    }

    /// Asks where to save with `picker` too.
    pub fn set_picker(&mut self, picker: Arc<dyn FilePicker>) {
        self.save.set_picker(picker);
    }

    /// Asks where to save on a background thread (the dialog blocks).
    fn ask(&mut self, what: SaveWhat, suggested: PathBuf, ctx: &egui::Context) {
        self.save.ask(what, suggested, what.filter(), ctx);
    }

    /// The file picked in a finished dialog; opens the path window when none appeared.
    fn poll(&mut self) -> Option<SavedViewCommand> {
        // The native dialog asked before offering an existing file.
        let (what, path) = self.save.poll()?;
        Some(SavedViewCommand::Write(what, path, true))
    }

    /// The path window, if open; returns the file to write when the user saves.
    fn path_window_ui(&mut self, ctx: &egui::Context) -> Option<SavedViewCommand> {
        let (what, text) = self.save.path_field.as_mut()?;
        let what = *what;
        let words = PathWindowWords {
            title: match what {
                SaveWhat::View => "Save view",
                SaveWhat::EventsCsv => "Save events as CSV",
            },
            explanation: "No file dialog is available on this system. Type the path to save \
                          to (an existing file is not replaced):",
            field: "Save to",
            action: "Save",
        };
        let chosen = match path_window(ctx, &words, text) {
            PathWindowAnswer::Open => return None,
            PathWindowAnswer::Closed => None,
            PathWindowAnswer::Chosen(path) => Some(SavedViewCommand::Write(what, path, false)),
        };
        self.save.path_field = None;
        chosen
    }
}

impl TradeChartApp {
    // ----- Public API -----

    /// The view document that saving to `view_path` now would write (of the file shown,
    /// or of the embedded dataset); `Err` says why there is none (the file cannot be
    /// read to hash it).
    pub fn view_document(&self, view_path: &Path) -> Result<SavedView, String> {
        let data = match self.source.as_deref() {
            Some(source) => {
                let hash = saved::sha256_file(source).map_err(|problem| problem.message)?;
                saved::data_ref(view_path, source, hash)
            }
            None => DataRef::embedded(),
        };
        let mut view = SavedView::new(data);
        view.selection = self.selection().map(ToString::to_string);
        let overrules = self.overrules();
        view.frequency = overrules.frequency;
        view.header_line = overrules.header_line;
        let events_changed =
            self.saved_view.edited_events.is_some() || !self.added_events_files().is_empty();
        view.events = events_changed.then(|| self.dataset.events.clone());
        view.view = self.view();
        Ok(view)
    }

    /// Writes the view of what is shown to `path` (whole or not at all; an existing
    /// file only with `overwrite`, never a file the chart was read from).
    pub fn save_view(&self, path: &Path, overwrite: Overwrite) -> Result<(), String> {
        let view = self.view_document(path)?;
        let inputs = self.input_files();
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        atomic::write_file(path, view.to_json().as_bytes(), overwrite, &inputs)
            .map_err(|error| reason(&error))
    }

    /// Writes the events shown (as edited in the window) to `path` as an events CSV.
    pub fn save_events_csv(&self, path: &Path, overwrite: Overwrite) -> Result<(), String> {
        let inputs = self.input_files();
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        events_csv::write_events_csv(path, &self.dataset.events, overwrite, &inputs)
            .map_err(|error| reason(&error))
    }

    /// The warning that the data file changed since the opened view was saved.
    pub fn view_changed_note(&self) -> Option<&str> {
        self.saved_view.changed_note.as_deref()
    }

    /// The note about the last Save view… or Events as CSV… ("Saved trade.view.json").
    pub fn view_save_note(&self) -> Option<&str> {
        self.saved_view.note.as_ref().map(|note| note.text.as_str())
    }

    // ----- Opening a view -----

    /// When `path` is a saved view, starts opening it and returns true (a view that
    /// cannot be read, or whose data file is missing, lists its problems). Otherwise
    /// returns false and the file opens as data.
    pub(super) fn open_if_view(&mut self, path: &Path) -> bool {
        if !saved::is_view_file(path) {
            if self
                .saved_view
                .opening
                .as_ref()
                .is_some_and(|opening| opening.data_path != path)
            {
                self.saved_view.opening = None;
            }
            return false;
        }
        self.saved_view.opening = None;
        let view = match saved::read_view(path) {
            Ok(view) => view,
            Err(error) => {
                self.problems = Some(error);
                return true;
            }
        };
        if view.data.is_embedded() {
            self.open_embedded();
            let changed = (view.data.sha256 != DataRef::embedded().sha256)
                .then(|| saved::embedded_changed_note(view.data.version.as_deref()));
            self.restore_view(view, path, changed);
            return true;
        }
        let data_path = match saved::data_path(path, &view) {
            Ok(data_path) if saved::is_view_file(&data_path) => {
                self.problems = Some(LoadError::new(
                    path,
                    vec![Problem::whole_file(format!(
                        "expected a data file in data.path, found another view ({})",
                        data_path.display()
                    ))],
                ));
                return true;
            }
            Ok(data_path) => data_path,
            Err(problem) => {
                self.problems = Some(LoadError::new(path, vec![problem]));
                return true;
            }
        };
        let selection = view.selection();
        // The data file is read with the frequency and header row the view keeps.
        self.interpretation.ask(
            &data_path,
            Overrules {
                frequency: view.frequency,
                header_line: view.header_line,
            },
        );
        self.saved_view.opening = Some(OpeningView {
            view,
            view_path: path.to_path_buf(),
            data_path: data_path.clone(),
            hash: Arc::new(Mutex::new(None)),
        });
        if selection.is_empty() {
            self.open_path(&data_path);
        } else {
            self.open_path_with(&data_path, selection);
        }
        true
    }

    /// The reader for a load of `path`: for the data file of a view being opened,
    /// `reader` also hashes the file as it is read.
    pub(super) fn view_reader(&self, path: &Path, kind: LoadKind, reader: Reader) -> Reader {
        let Some(opening) = &self.saved_view.opening else {
            return reader;
        };
        if kind != LoadKind::Open || opening.data_path != path {
            return reader;
        }
        let slot = Arc::clone(&opening.hash);
        Arc::new(move |path: &Path, progress: &dyn Fn(u64)| {
            let hash = saved::sha256_file(path).map_err(|problem| problem.message);
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(hash);
            }
            reader(path, progress)
        })
    }

    /// After a load of `path` for `kind`: restores a view being opened, keeps events
    /// edited in the window over a reload, and forgets them when another file opens.
    pub(super) fn after_load(&mut self, path: &Path, kind: LoadKind, loaded: bool) {
        match kind {
            LoadKind::Open if loaded => {
                let opening = self
                    .saved_view
                    .opening
                    .take_if(|opening| opening.data_path == path);
                self.forget_view_state();
                if let Some(opening) = opening {
                    self.restore_opened_view(opening);
                }
            }
            LoadKind::Open => {
                if !self.is_loading() {
                    self.saved_view.opening = None;
                }
            }
            LoadKind::Reload if loaded => {
                if let Some(events) = self.saved_view.edited_events.clone() {
                    self.show_events(events);
                }
            }
            LoadKind::Reload => {}
            LoadKind::AddEvents => {
                if loaded {
                    // Undoing an edit made before would drop the events just added.
                    self.saved_view.history.clear();
                }
                if self.saved_view.edited_events.is_some() {
                    self.saved_view.edited_events = Some(self.dataset.events.clone());
                }
            }
        }
    }

    /// Another dataset is shown: the events edited, their history, the warning about
    /// a changed file and the series waiting to be hidden were the last one's.
    pub(super) fn forget_view_state(&mut self) {
        self.saved_view.opening = None;
        self.saved_view.changed_note = None;
        self.saved_view.edited_events = None;
        self.saved_view.history.clear();
        self.saved_view.pending_hidden = None;
    }

    /// Shows the chart a view being opened describes over its data file just loaded,
    /// with a warning when the file changed since the view was saved.
    fn restore_opened_view(&mut self, opening: OpeningView) {
        let OpeningView {
            view,
            view_path,
            data_path,
            hash,
        } = opening;
        let now = hash.lock().ok().and_then(|mut slot| slot.take());
        let changed = match now {
            Some(Ok(now)) if now != view.data.sha256 => {
                Some(saved::changed_note(&data_path, &view.data.sha256, &now))
            }
            Some(Ok(_)) => None,
            Some(Err(message)) => Some(format!(
                "The hash of {} was not checked ({message}); it may have changed since this view was saved",
                data_path.display()
            )),
            None => None,
        };
        self.restore_view(view, &view_path, changed);
    }

    /// Shows the chart `view` (read from `view_path`) describes over the data shown;
    /// `changed` warns that the data changed since the view was saved.
    fn restore_view(&mut self, view: SavedView, view_path: &Path, changed: Option<String>) {
        self.saved_view.changed_note = changed;
        if let Some(events) = view.events.clone() {
            self.show_events(events);
            self.saved_view.edited_events = Some(self.dataset.events.clone());
        }
        self.set_view(view.view);
        self.notes
            .push(format!("View {} opened", file_name(view_path)));
    }

    /// Shows `events` instead of the dataset's, keeping the view.
    pub(super) fn show_events(&mut self, mut events: Vec<Event>) {
        let hidden = self.hidden_series_now();
        data::sort_events(&mut events);
        let mut dataset = std::mem::take(&mut self.dataset);
        dataset.events = events;
        let source = self.source.clone();
        self.replace_dataset(dataset, source.as_deref(), true);
        self.keep_hidden_series(hidden);
    }

    // ----- Hidden series -----

    /// The series hidden now, or about to be.
    pub(super) fn hidden_series_now(&self) -> Vec<String> {
        match &self.saved_view.pending_hidden {
            Some(pending) => pending.clone(),
            None => self.hidden_series(),
        }
    }

    /// True while hidden series wait to be written into new plots.
    pub(super) fn saved_view_pending_hidden(&self) -> bool {
        self.saved_view.pending_hidden.is_some()
    }

    /// Hides `names` in the legends of the plots as soon as they exist.
    pub(super) fn keep_hidden_series(&mut self, names: Vec<String>) {
        self.saved_view.pending_hidden = (!names.is_empty()).then_some(names);
    }

    /// Writes the pending hidden series into the plots' memory (egui_plot keeps them
    /// there); waits while a plot has not been drawn yet.
    fn apply_hidden_series(&mut self, ctx: &egui::Context) {
        let Some(names) = &self.saved_view.pending_hidden else {
            return;
        };
        let mut memories = Vec::new();
        for index in 0..self.chart.panels.len() {
            let id = panel_plot_id(self.generation, index);
            match PlotMemory::load(ctx, id) {
                Some(memory) => memories.push((id, memory)),
                None => return,
            }
        }
        for ((id, mut memory), panel) in memories.into_iter().zip(&self.chart.panels) {
            for line in &panel.lines {
                if names.contains(&line.name) {
                    memory.hidden_items.insert(ItemId::new(line.name.as_str()));
                }
            }
            memory.store(ctx, id);
        }
        self.saved_view.pending_hidden = None;
        ctx.request_repaint();
    }

    // ----- The frame -----

    /// The saved-view side of a frame: the side panel's event requests, a finished
    /// save dialog, the path window, the event form, hidden series to restore, and
    /// the strip with the notes. Call before the central panel.
    pub(super) fn saved_view_frame(&mut self, ui: &mut Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        self.saved_view.ctx.get_or_insert_with(|| ctx.clone());
        self.apply_hidden_series(&ctx);
        let mut commands = Vec::new();
        if let Some(request) = self.side_panel_mut().edit_request.take() {
            commands.push(Command::EditEvents(request));
        }
        commands.extend(self.undo_shortcuts(&ctx));
        commands.extend(self.saved_view.poll().map(Command::SavedView));
        commands.extend(self.saved_view.path_window_ui(&ctx).map(Command::SavedView));
        commands.extend(self.event_form_ui(&ctx));
        expire_note(&mut self.saved_view.note, &ctx);
        let has_news = self.saved_view.save.is_pending()
            || self.saved_view.note.is_some()
            || self.saved_view.changed_note.is_some();
        if has_news {
            let strip = egui::Panel::top("tradechart-view-status").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| self.saved_view_status_ui(ui))
                    .inner
            });
            commands.extend(strip.inner.map(Command::SavedView));
        }
        commands
    }

    /// Runs one saved-view command.
    pub(super) fn run_saved_view_command(
        &mut self,
        command: SavedViewCommand,
        ctx: &egui::Context,
    ) {
        match command {
            SavedViewCommand::Ask(what) => {
                let suggested = self.suggested_save_path(what);
                self.saved_view.ask(what, suggested, ctx);
            }
            SavedViewCommand::Write(what, path, replace) => {
                let overwrite = if replace {
                    Overwrite::Replace
                } else {
                    Overwrite::Refuse
                };
                let written = match what {
                    SaveWhat::View => self.save_view(&path, overwrite),
                    SaveWhat::EventsCsv => self.save_events_csv(&path, overwrite),
                };
                let now = ctx.input(|input| input.time);
                self.saved_view.note = Some(match written {
                    Ok(()) => {
                        self.saved_to(&path);
                        SaveNote::saved(&path, now)
                    }
                    Err(why) => {
                        let name = file_name(&path);
                        SaveNote::new(format!("{name} was not saved: {why}"), true, now)
                    }
                });
            }
            SavedViewCommand::DismissNote => self.saved_view.note = None,
            SavedViewCommand::DismissChanged => self.saved_view.changed_note = None,
        }
    }

    /// File → "Save view…" (of a file, or of the embedded dataset).
    pub(super) fn save_view_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let entry = ui.button("Save view…").on_hover_text(
            "Save this chart's view (data file or embedded dataset, events, filters, zoom, \
             transformation, theme) to reopen it exactly or draw it with `tradechart render`",
        );
        entry
            .clicked()
            .then_some(Command::SavedView(SavedViewCommand::Ask(SaveWhat::View)))
    }

    /// File → Export → "Events as CSV…".
    pub(super) fn events_csv_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let entry = ui
            .add_enabled(
                !self.dataset.events.is_empty(),
                Button::new("Events as CSV…"),
            )
            .on_hover_text("The events, as edited in this window, as an events CSV file")
            .on_disabled_hover_text("This chart has no events");
        entry
            .clicked()
            .then_some(Command::SavedView(SavedViewCommand::Ask(
                SaveWhat::EventsCsv,
            )))
    }

    // ----- Inside -----

    /// The strip's content: waiting for the dialog, the changed-file warning, the note.
    fn saved_view_status_ui(&self, ui: &mut Ui) -> Option<SavedViewCommand> {
        let mut command = None;
        if self.saved_view.save.is_pending() {
            ui.spinner();
            ui.label("Waiting for the file dialog…");
        }
        if let Some(note) = &self.saved_view.changed_note {
            ui.label(
                RichText::new(note)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            if ui.small_button("OK").clicked() {
                command = Some(SavedViewCommand::DismissChanged);
            }
        }
        if let Some(note) = &self.saved_view.note
            && note_ui(ui, note)
        {
            command = Some(SavedViewCommand::DismissNote);
        }
        command
    }

    /// `trade.view.json` (or `trade-events.csv`) beside the data file; for the embedded
    /// dataset `us-china-trade.view.json` where the save dialogs start for it.
    pub fn suggested_save_path(&self, what: SaveWhat) -> PathBuf {
        let stem = self
            .source
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(
                || EMBEDDED_STEM.to_string(),
                |stem| stem.to_string_lossy().into_owned(),
            );
        self.path_to_save(&format!("{stem}{}", what.suffix()))
    }

    /// The files the chart was read from, never written over.
    fn input_files(&self) -> Vec<PathBuf> {
        let mut inputs: Vec<PathBuf> = self.source.iter().cloned().collect();
        inputs.extend(self.source.as_deref().and_then(data::sidecar_events_path));
        inputs.extend(self.added_events_files().iter().cloned());
        inputs
    }
}

fn reason(error: &WriteError) -> String {
    match error {
        WriteError::Exists(_) => "the file exists and was not replaced".to_string(),
        WriteError::IsInput(_) => "it is a file the chart was read from".to_string(),
        WriteError::IsFolder(_) => "that is a folder".to_string(),
        WriteError::Io { message, .. } => message.clone(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}
