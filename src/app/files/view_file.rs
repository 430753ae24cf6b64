//! Saved views in the window: File → "Save view…" writes a [`SavedView`] of exactly
//! what is shown; opening a view (Open…, the command line, a drop) reads the data file
//! it names with its selection and restores the events, filters, hidden series,
//! transformation, zoom and look. A data file whose bytes changed since the view was
//! saved still opens, with a warning strip that says so and gives both hashes; a
//! missing data file is a problem listed like any other. Also File → Export → "Events
//! as CSV…" (the event editor keeps its own state, see `event_editor`).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use eframe::egui;
use egui::{Button, RichText, Ui};

use crate::app::loader::{LoadKind, Reader};
use crate::app::save::{NotSaved, SaveCommand, SaveWhat};
use crate::app::{Command, Overrules, TradeChartApp};
use crate::chart::saved_view::{self as saved, DataRef, SavedView};
use crate::data::samples::Sample;
use crate::data::{self, Event, LoadError, LoadOptions, Problem};
use crate::export::atomic::{self, Overwrite, WriteError};
use crate::export::events_csv;
use crate::paths::file_name;

/// What opening a file started (see [`super::Files::open`]).
pub(in crate::app) enum Opening {
    /// The file is being read (a data file, or the data file of a saved view).
    Loading,
    /// A saved view of an embedded dataset: show it, then restore the view.
    Embedded {
        sample: &'static Sample,
        view: Box<ViewToRestore>,
    },
    /// A view that cannot be opened: its problems.
    Refused(LoadError),
}

/// A saved view to restore over the data just shown.
pub(in crate::app) struct ViewToRestore {
    view: SavedView,
    view_path: PathBuf,
    /// The warning that the data changed since the view was saved.
    changed: Option<String>,
}

/// A view being opened: its data file is loading.
struct OpeningView {
    view: SavedView,
    view_path: PathBuf,
    data_path: PathBuf,
    /// The data file's hash, computed by the loading thread as it reads the file.
    hash: Arc<Mutex<Option<Result<String, String>>>>,
}

/// The window's saved-view state: a view being opened and the warning about its data.
#[derive(Default)]
pub struct ViewFileState {
    opening: Option<OpeningView>,
    /// "trade.csv changed since this view was saved (…)", while shown.
    changed_note: Option<String>,
}

impl TradeChartApp {
    // ----- Public API -----

    /// The view document that saving to `view_path` now would write (of the file shown,
    /// or of the embedded dataset); `Err` says why there is none (the file cannot be
    /// read to hash it).
    pub fn view_document(&self, view_path: &Path) -> Result<SavedView, String> {
        let data = match self.document.source.as_deref() {
            Some(source) => {
                let hash = saved::sha256_file(source).map_err(|problem| problem.message)?;
                saved::data_ref(view_path, source, hash)
            }
            None => DataRef::sample(self.sample),
        };
        let mut view = SavedView::new(data);
        view.selection = self.selection().map(ToString::to_string);
        let overrules = self.overrules();
        view.frequency = overrules.frequency;
        view.header_line = overrules.header_line;
        let events_changed =
            self.event_edits.edited_events.is_some() || !self.added_events_files().is_empty();
        view.events = events_changed.then(|| self.document.dataset.events.clone());
        view.added = self.added_refs(view_path);
        view.view = self.view();
        Ok(view)
    }

    /// Writes the view of what is shown to `path` (whole or not at all; an existing
    /// file only with `overwrite`, never a file the chart was read from).
    pub fn save_view(&self, path: &Path, overwrite: Overwrite) -> Result<(), NotSaved> {
        let view = self.view_document(path).map_err(NotSaved::Because)?;
        let inputs = self.input_files();
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        atomic::write_file(path, view.to_json().as_bytes(), overwrite, &inputs)
            .map_err(|error| not_saved(&error))
    }

    /// Writes the events shown (as edited in the window) to `path` as an events CSV.
    pub fn save_events_csv(&self, path: &Path, overwrite: Overwrite) -> Result<(), NotSaved> {
        let inputs = self.input_files();
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        events_csv::write_events_csv(path, &self.document.dataset.events, overwrite, &inputs)
            .map_err(|error| not_saved(&error))
    }

    /// The warning that the data file changed since the opened view was saved.
    pub fn view_changed_note(&self) -> Option<&str> {
        self.files.saved_view.changed_note.as_deref()
    }

    /// Hides the warning that the data file changed since the view was saved.
    pub(in crate::app) fn dismiss_view_changed(&mut self) {
        self.files.saved_view.changed_note = None;
    }

    /// After a load of `path` for `kind`: restores a view being opened, keeps events
    /// edited in the window over a reload, and forgets them when another file opens.
    pub(in crate::app) fn after_load(&mut self, path: &Path, kind: LoadKind, loaded: bool) {
        match kind {
            LoadKind::Open if loaded => {
                let opened = self.files.opened_view(path);
                self.forget_view_state();
                if let Some(opened) = opened {
                    self.restore_view(opened);
                }
            }
            LoadKind::Open => self.files.open_failed(),
            LoadKind::Reload if loaded => {
                if let Some(events) = self.event_edits.edited_events.clone() {
                    self.show_events(events);
                }
            }
            LoadKind::Reload => {}
            LoadKind::AddEvents => {
                if loaded {
                    // Undoing an edit made before would drop the events just added.
                    self.event_edits.history.clear();
                }
                if self.event_edits.edited_events.is_some() {
                    self.event_edits.edited_events = Some(self.document.dataset.events.clone());
                }
            }
        }
    }

    /// Another dataset is shown: the events edited, their history, the warning about
    /// a changed file were the last one's.
    pub(in crate::app) fn forget_view_state(&mut self) {
        self.files.saved_view.opening = None;
        self.files.saved_view.changed_note = None;
        self.event_edits.edited_events = None;
        self.event_edits.history.clear();
    }

    /// Shows the chart `view` (read from `view_path`) describes over the data shown;
    /// `changed` warns that the data changed since the view was saved.
    pub(in crate::app) fn restore_view(&mut self, restore: ViewToRestore) {
        let ViewToRestore {
            view,
            view_path,
            changed,
        } = restore;
        let view_path = view_path.as_path();
        self.files.saved_view.changed_note = self.restore_added(&view, view_path, changed);
        if let Some(events) = view.events.clone() {
            self.show_events(events);
            self.event_edits.edited_events = Some(self.document.dataset.events.clone());
        }
        self.set_view(view.view);
        self.document
            .notes
            .push(format!("View {} opened", file_name(view_path)));
    }

    /// Shows `events` instead of the dataset's, keeping the view.
    pub(in crate::app) fn show_events(&mut self, mut events: Vec<Event>) {
        data::sort_events(&mut events);
        let mut dataset = std::mem::take(&mut self.document.dataset);
        dataset.events = events;
        let source = self.document.source.clone();
        self.replace_dataset(dataset, source.as_deref(), true);
    }

    // ----- The frame -----

    /// The saved-view side of a frame: the undo keys of event edits, a finished
    /// save dialog, the path window, the event form and the strip with the notes.
    /// Call before the central panel.
    pub(in crate::app) fn saved_view_frame(&mut self, ui: &mut Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        commands.extend(self.undo_shortcuts(&ctx));
        commands.extend(self.event_form_ui(&ctx));
        if let Some(note) = &self.files.saved_view.changed_note {
            let strip = egui::Panel::top("tradechart-view-status").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| changed_note_ui(ui, note)).inner
            });
            commands.extend(strip.inner);
        }
        commands
    }

    /// File → "Save view…" (of a file, or of the embedded dataset).
    pub(in crate::app) fn save_view_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let entry = ui.button("Save view…").on_hover_text(
            "Save this chart's view (data file or embedded dataset, events, filters, zoom, \
             transformation, theme) to reopen it exactly or draw it with `tradechart render`",
        );
        entry
            .clicked()
            .then_some(Command::Save(SaveCommand::Ask(SaveWhat::View)))
    }

    /// File → Export → "Events as CSV…".
    pub(in crate::app) fn events_csv_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let entry = ui
            .add_enabled(
                !self.document.dataset.events.is_empty(),
                Button::new("Events as CSV…"),
            )
            .on_hover_text("The events, as edited in this window, as an events CSV file")
            .on_disabled_hover_text("This chart has no events");
        entry
            .clicked()
            .then_some(Command::Save(SaveCommand::Ask(SaveWhat::EventsCsv)))
    }

    // ----- Inside -----

    /// The files the chart was read from (the data file, its sidecar events file and
    /// the events files added), never written over.
    pub(in crate::app) fn input_files(&self) -> Vec<PathBuf> {
        let mut inputs: Vec<PathBuf> = self.document.source.iter().cloned().collect();
        inputs.extend(
            self.document
                .source
                .as_deref()
                .and_then(data::sidecar_events_path),
        );
        inputs.extend(self.added_events_files().iter().cloned());
        inputs
    }
}

/// The warning that the data file changed since the view was saved, with its "OK".
fn changed_note_ui(ui: &mut Ui, note: &str) -> Option<Command> {
    ui.label(
        RichText::new(note)
            .strong()
            .color(ui.visuals().warn_fg_color),
    );
    ui.small_button("OK")
        .clicked()
        .then_some(Command::DismissViewChanged)
}

/// Why a file was not written, without the path the note names already.
fn not_saved(error: &WriteError) -> NotSaved {
    match error {
        WriteError::Exists(_) => NotSaved::Exists,
        WriteError::IsInput(_) => {
            NotSaved::Because("it is a file the chart was read from".to_string())
        }
        WriteError::IsFolder(_) => NotSaved::Because("that is a folder".to_string()),
        WriteError::Io { message, .. } => NotSaved::Because(message.clone()),
    }
}

impl super::Files {
    /// The saved view whose data file `path` was just opened and shown, if any, with
    /// a warning when the bytes read differ from those the view was saved over.
    pub(in crate::app) fn opened_view(&mut self, path: &Path) -> Option<ViewToRestore> {
        let OpeningView {
            view,
            view_path,
            data_path,
            hash,
        } = self
            .saved_view
            .opening
            .take_if(|opening| opening.data_path == path)?;
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
        Some(ViewToRestore {
            view,
            view_path,
            changed,
        })
    }

    /// A file failed to open: a view waiting for its data file gives up, unless
    /// another file is on its way in.
    pub(in crate::app) fn open_failed(&mut self) {
        if self.loading.is_none() {
            self.saved_view.opening = None;
        }
    }
    /// Opens `path`: a data file starts loading; a saved view starts loading its data
    /// file (with the selection, frequency and header row it keeps, and a reader that
    /// hashes the bytes it charts) or, for an embedded dataset, says so; a view that
    /// cannot be read, or whose data file is missing, is refused.
    pub(in crate::app) fn open(&mut self, path: &Path) -> Opening {
        if !saved::is_view_file(path) {
            if self
                .saved_view
                .opening
                .as_ref()
                .is_some_and(|opening| opening.data_path != path)
            {
                self.saved_view.opening = None;
            }
            self.start_load(path, LoadKind::Open);
            return Opening::Loading;
        }
        self.saved_view.opening = None;
        let view = match saved::read_view(path) {
            Ok(view) => view,
            Err(error) => return Opening::Refused(error),
        };
        if let Some(sample) = view.data.embedded_sample() {
            let changed = (view.data.sha256 != DataRef::sample(sample).sha256)
                .then(|| saved::embedded_changed_note(view.data.version.as_deref()));
            return Opening::Embedded {
                sample,
                view: Box::new(ViewToRestore {
                    view,
                    view_path: path.to_path_buf(),
                    changed,
                }),
            };
        }
        let data_path = match saved::data_path(path, &view) {
            Ok(data_path) if saved::is_view_file(&data_path) => {
                return Opening::Refused(LoadError::new(
                    path,
                    vec![Problem::whole_file(format!(
                        "expected a data file in data.path, found another view ({})",
                        data_path.display()
                    ))],
                ));
            }
            Ok(data_path) => data_path,
            Err(problem) => return Opening::Refused(LoadError::new(path, vec![problem])),
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
        if !selection.is_empty() {
            self.choose.read_with(&data_path, selection);
        }
        self.saved_view.opening = Some(OpeningView {
            view,
            view_path: path.to_path_buf(),
            data_path: data_path.clone(),
            hash: Arc::new(Mutex::new(None)),
        });
        self.start_load(&data_path, LoadKind::Open);
        Opening::Loading
    }

    /// The reader for a load of `path`: for the data file of a view being opened, one
    /// that reads the file once, hashes those bytes and charts them (read with
    /// `options`); else `reader`.
    pub(in crate::app) fn view_reader(
        &self,
        path: &Path,
        kind: LoadKind,
        options: LoadOptions,
        reader: Reader,
    ) -> Reader {
        let Some(opening) = &self.saved_view.opening else {
            return reader;
        };
        if kind != LoadKind::Open || opening.data_path != path {
            return reader;
        }
        let slot = Arc::clone(&opening.hash);
        Arc::new(move |path: &Path, progress: &dyn Fn(u64), _: &AtomicBool| {
            let bytes = data::read_file(path);
            let hash = match &bytes {
                Ok(bytes) => Ok(saved::sha256_bytes(bytes)),
                Err(problem) => Err(problem.message.clone()),
            };
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(hash);
            }
            let bytes = bytes.map_err(|problem| LoadError::new(path, vec![problem]))?;
            progress(bytes.len() as u64);
            data::LoadRequest::read(path, &bytes)
                .options(options.clone())
                .load()
        })
    }
}
