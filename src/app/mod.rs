//! The eframe window: the menu bar, opening files, the problems panel, and the chart
//! (painted by `plot` from a [`crate::chart::Chart`]).
//!
//! Widgets return [`Command`]s and [`TradeChartApp::run_command`] runs them in one
//! place, so dialogs and the file system stay out of widget code and tests can drive
//! everything through `open_path` or an injected [`FilePicker`].

// The parts of the window, each a folder: what is shown (`document`: the dataset
// and its chart, the view on it), opening and reading files (`files`), saving files
// (`save`), the event labels, lines and editor (`events`), the plots (`plot`), the
// side panel and toolbar (`panel`), the help windows (`help`).
mod document;
mod events;
mod files;
mod help;
mod panel;
mod plot;
mod save;

mod accessibility;
mod figure;
pub mod panic_report;
mod per_file;
pub mod settings;
mod startup;

// Paths the parts use for one another (`super::loader`, …).
use document::{reading, view};
use events::{event_editor, event_history, event_lines};
use files::{add_series, choose, interpretation, loader, open, problems, samples, watch};
use panel::{analysis, controls, table};
use plot::{dense_line, navigation, readout};
use save::export_menu;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui, ViewportCommand};

pub use accessibility::COPY_DESCRIPTION;
pub use add_series::{ADD_SERIES, AddSeriesCommand};
pub use choose::{AGGREGATES_HEADING, SHOW_TICKED};
pub use event_editor::{EventEditCommand, EventForm};
pub use export_menu::ExportKind;
pub use files::{FileCommand, QUIT_SHORTCUT, RELOAD_SHORTCUT};
pub use interpretation::{
    HEADER_FOUND, HEADER_ROW, Overrules, READ_PERIODS_AS, RETRY_HEADER_ROW, RETRY_PERIODS_AS,
};
pub use loader::{LoadKind, Reader};
pub use open::{
    FilePicker, NO_DIALOG_WITHIN, NativePicker, OpenDialog, PickOutcome, PickPurpose, SaveFilter,
    outcome,
};
pub use plot::ChartHover;
pub use samples::OPEN_SAMPLE;
pub use save::{NotSaved, SaveCommand, SaveWhat};
pub use settings::{Settings, SettingsStore};
pub use startup::{
    EXIT_AFTER_FIRST_FRAME, FONT_ATLAS_SIDE, OtherWindows,
    interval_report as frame_interval_report, open_in_new_windows, prepare_window_context,
};
pub use view::ViewCommand;

use crate::chart::{Chart, ChartOptions, EventMark};
use crate::data::samples::Sample;
use crate::data::{self, Dataset, LoadError};

/// Ctrl+O (Cmd+O on a Mac) opens a file.
pub const OPEN_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);

/// Opens the window on the embedded default dataset, then on `initial` if given (a
/// file that fails to load leaves the default chart and lists its problems).
pub fn run(initial: Option<PathBuf>) -> eframe::Result {
    run_with(|app| {
        if let Some(path) = initial {
            app.open_path(&path);
        }
    })
}

/// Opens the window on the embedded dataset `sample` (`tradechart --sample NAME`).
pub fn run_sample(sample: &'static Sample) -> eframe::Result {
    run_with(|app| app.open_sample(sample))
}

/// Opens the window on the embedded default dataset, with `first` done to it before
/// its first frame, and waits until it closes.
fn run_with(first: impl FnOnce(&mut TradeChartApp)) -> eframe::Result {
    let started = std::time::Instant::now();
    // First, before any reader wraps the hook with its own (see panic_report).
    panic_report::install_hook();
    let mut app = match data::default_dataset() {
        Ok(dataset) => TradeChartApp::new(dataset, None),
        Err(problems) => {
            let mut app = TradeChartApp::new(Dataset::default(), None);
            app.problems = Some(LoadError::new(
                Path::new("embedded default dataset"),
                problems,
            ));
            app
        }
    };
    if let Some(store) = SettingsStore::from_env() {
        app = app.with_settings(store);
    }
    first(&mut app);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.window_title())
        .with_app_id("tradechart")
        .with_inner_size(app.initial_window_size())
        .with_min_inner_size(settings::MIN_WINDOW_SIZE);
    if let Some(icon) = startup::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: startup::RENDERER,
        dithering: startup::DITHERING,
        // The app adds its own, started after the first frame (startup::SystemFontFallback).
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "tradechart",
        options,
        Box::new(move |creation| Ok(startup::launch(app, started, &creation.egui_ctx))),
    )
}

/// Something the user asked for, run by [`TradeChartApp::run_command`].
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a file with the dialog (or the path window when there is none).
    Open,
    OpenPath(PathBuf),
    CloseProblems,
    ShowAbout,
    ShowDataSources,
    Quit,
    /// Selection, zoom and view preferences (see `view`).
    View(ViewCommand),
    /// Reload, Add events…, recent files, loading (see `files`).
    File(FileCommand),
    /// File → Export, File → Save view…, Events as CSV… (see `save`).
    Save(SaveCommand),
    /// File → Export → Copy image.
    CopyImage,
    /// Edit → Copy description: the chart in words (see `accessibility`).
    CopyDescription,
    /// Hide the warning that a view's data file changed since it was saved.
    DismissViewChanged,
    /// Add, edit or delete an event in the window (see `event_editor`).
    EditEvents(EventEditCommand),
    /// Read the file shown again with the frequency and header row the user gave
    /// (see `interpretation`).
    Overrule(Overrules),
    /// Open a file that was refused again, with another header row or frequency.
    OpenOverruled(PathBuf, Overrules),
    /// File → Open sample: show the embedded dataset of this name.
    OpenSample(&'static str),
    /// File → Add series from file… (see `add_series`).
    AddSeries(AddSeriesCommand),
}

/// The window's state: the dataset shown, its chart, and what is open around it.
pub struct TradeChartApp {
    /// The dataset shown, its file, its chart and the remarks from reading it.
    document: document::Document,
    /// The last file that failed to load, shown until closed.
    problems: Option<LoadError>,
    /// The title last sent to the window, to send it again only when it changes.
    shown_title: Option<String>,
    hover: ChartHover,
    help: help::HelpWindows,
    /// The view (visible range, selection, filters, preferences) and the table.
    reading: reading::Reading,
    /// The side panel: the selected event, the event timeline and its filters, the
    /// dataset's notes (see `panel`).
    side_panel: panel::SidePanel,
    /// Opening files: the Open dialog, loading, reloading, watching, recent files,
    /// saved views being opened, the chooser and how the file shown was read.
    files: files::Files,
    /// What an export takes from the window besides the view: theme, size.
    export: export_menu::ExportState,
    /// Saving a file: the save dialog, "Replace …?" and the note on the outcome.
    saving: save::SaveFlow,
    /// The event form, the events edited in the window and their undo history.
    event_edits: event_editor::EventEdits,
    /// The embedded dataset shown when no file is (the default or a sample).
    sample: &'static Sample,
    /// Files whose series were added to the chart (File → Add series from file…).
    adding: add_series::AddSeriesState,
    /// The window's remembered scale (see `accessibility`).
    accessibility: accessibility::Accessibility,
}

impl TradeChartApp {
    /// A window on `dataset` (read from `source`, if it came from a file) that asks
    /// for files with the native dialog.
    pub fn new(dataset: Dataset, source: Option<PathBuf>) -> Self {
        let document = document::Document::new(dataset, source, &ChartOptions::default());
        Self {
            reading: reading::Reading::new(&document.chart, None),
            side_panel: panel::SidePanel::default(),
            document,
            problems: None,
            shown_title: None,
            hover: ChartHover::default(),
            help: help::HelpWindows::default(),
            files: files::Files::new(Arc::new(NativePicker)),
            export: export_menu::ExportState::default(),
            saving: save::SaveFlow::new(Arc::new(NativePicker)),
            event_edits: event_editor::EventEdits::default(),
            sample: &data::samples::DEFAULT,
            adding: add_series::AddSeriesState::new(Arc::new(NativePicker)),
            accessibility: accessibility::Accessibility::default(),
        }
    }

    /// The same window with another way to ask for files (tests inject one).
    #[must_use]
    pub fn with_picker(mut self, picker: impl FilePicker + 'static) -> Self {
        let picker: Arc<dyn FilePicker> = Arc::new(picker);
        self.saving.set_picker(Arc::clone(&picker));
        self.adding.set_picker(Arc::clone(&picker));
        self.files.set_picker(picker);
        self
    }

    pub fn dataset(&self) -> &Dataset {
        &self.document.dataset
    }

    pub fn chart(&self) -> &Chart {
        &self.document.chart
    }

    /// The file shown, or `None` for the embedded default.
    pub fn source(&self) -> Option<&Path> {
        self.document.source.as_deref()
    }

    /// The problems of the last file that failed to load, while they are shown.
    pub fn problems(&self) -> Option<&LoadError> {
        self.problems.as_ref()
    }

    pub fn notes(&self) -> &[String] {
        &self.document.notes
    }

    /// True while the in-window "Open file" path window is open.
    pub fn is_path_window_open(&self) -> bool {
        self.files.open.is_path_window_open()
    }

    /// The event under the pointer in the last frame.
    pub fn hovered_event(&self) -> Option<&EventMark> {
        self.hover
            .event
            .and_then(|index| self.document.chart.events.get(index))
    }

    /// The window title: the dataset's title, or the app's name when it has none.
    pub fn window_title(&self) -> String {
        self.document.title()
    }

    /// Runs one command of the menus, shortcuts or dialogs.
    pub fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Open => self.files.open.start(ctx),
            Command::OpenPath(path) => {
                self.open_path(&path);
            }
            Command::CloseProblems => self.problems = None,
            Command::ShowAbout => self.help.about = true,
            Command::ShowDataSources => self.help.data_sources = true,
            Command::Quit => self.quit(ctx),
            Command::View(command) => self.run_view_command(command),
            Command::File(command) => self.run_file_command(command, ctx),
            Command::Save(command) => self.run_save_command(command, ctx),
            Command::CopyImage => self.copy_image(ctx),
            Command::CopyDescription => self.copy_description(ctx),
            Command::DismissViewChanged => self.dismiss_view_changed(),
            Command::EditEvents(command) => self.run_event_edit_command(command),
            Command::Overrule(overrules) => self.overrule(overrules),
            Command::OpenOverruled(path, overrules) => {
                self.open_path_overruled(&path, overrules);
            }
            Command::OpenSample(name) => self.open_sample_named(name),
            Command::AddSeries(command) => self.run_add_series_command(command, ctx),
        }
    }

    /// The note about the last save or copy ("Saved trade.png in …", or why not).
    pub fn save_note(&self) -> Option<&str> {
        self.saving.note()
    }

    /// The file the "Replace …?" window asks about, while it is open.
    pub fn replace_question(&self) -> Option<&Path> {
        self.saving.replace_question()
    }

    /// The file offered for saving `what`, in the folder a save dialog starts in: an
    /// export named from the dataset's title, a view or events CSV from the data file
    /// (`trade.view.json`, `trade-events.csv`; `us-china-trade…` for the embedded
    /// dataset).
    pub fn suggested_save_path(&self, what: SaveWhat) -> PathBuf {
        let stem = match what {
            SaveWhat::Export(_) => self.export_stem(),
            SaveWhat::View | SaveWhat::EventsCsv => self
                .document
                .source
                .as_deref()
                .and_then(Path::file_stem)
                .map_or_else(
                    || self.sample.embedded_name.to_string(),
                    |stem| stem.to_string_lossy().into_owned(),
                ),
        };
        self.path_to_save(&format!("{stem}{}", what.suffix()))
    }

    /// Runs one step of saving a file: asks where, or writes and says how it went.
    fn run_save_command(&mut self, command: SaveCommand, ctx: &egui::Context) {
        match self.saving.run(command) {
            Some(SaveCommand::Ask(what)) => {
                let suggested = self.suggested_save_path(what);
                self.saving.ask(what, suggested, ctx);
            }
            Some(SaveCommand::Write(what, path, overwrite)) => {
                let path = what.file_path(path);
                let written = match what {
                    SaveWhat::Export(kind) => self.write_export(kind, &path, overwrite),
                    SaveWhat::View => self.save_view(&path, overwrite),
                    SaveWhat::EventsCsv => self.save_events_csv(&path, overwrite),
                };
                let now = ctx.input(|input| input.time);
                let saved = written.is_ok();
                if self.saving.finished(what, path.clone(), written, now) && saved {
                    self.saved_to(&path);
                }
            }
            _ => {}
        }
    }

    fn sync_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if self.shown_title.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    fn header_ui(&self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.heading(self.window_title());
            if let Some(source) = &self.document.source {
                // As given, tidied: a path named relative on the command line stays so.
                let shown = crate::paths::tidied(source);
                ui.label(RichText::new(shown.display().to_string()).weak());
            }
            if self.files.open.is_pending() {
                ui.spinner();
                ui.label("Waiting for the file dialog…");
            }
        });
    }
}

/// The menu bar; returns what the user chose.
fn menu_bar_ui(ui: &mut Ui, app: &TradeChartApp) -> Option<Command> {
    let look = app.look();
    let mut command = None;
    egui::MenuBar::new().ui(ui, |ui| {
        command = app.file_menu_ui(ui);
        ui.menu_button("Edit", |ui| {
            command = app.edit_menu_ui(ui).or(command.take());
            ui.separator();
            if ui.button(accessibility::COPY_DESCRIPTION).clicked() {
                command = Some(Command::CopyDescription);
            }
        });
        ui.menu_button("View", |ui| {
            command = controls::view_menu_ui(ui, look)
                .map(Command::View)
                .or(command.take());
            ui.separator();
            egui::gui_zoom::zoom_menu_buttons(ui);
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Data format").clicked() {
                command = Some(Command::View(ViewCommand::ShowDataFormat));
            }
            if ui.button("Data sources").clicked() {
                command = Some(Command::ShowDataSources);
            }
            if ui.button("About").clicked() {
                command = Some(Command::ShowAbout);
            }
        });
    });
    command
}

impl eframe::App for TradeChartApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        // A panic in a frame is shown in a dialog, and the window goes on.
        panic_report::catch_frame(ui, |ui| self.frame_ui(ui));
    }
}

impl TradeChartApp {
    /// One frame of the window, run inside `catch_unwind` (see `panic_report`).
    fn frame_ui(&mut self, ui: &mut Ui) {
        self.accessibility.frame(ui.ctx());
        let mut commands: Vec<Command> = self.files_frame(ui.ctx());
        commands.extend(self.add_series_frame(ui.ctx()));
        if ui.input_mut(|input| input.consume_shortcut(&OPEN_SHORTCUT)) {
            commands.push(Command::Open);
        }
        if let Some(path) = self.files.open.poll() {
            commands.push(Command::OpenPath(path));
        }
        // A file dropped on the window opens like one picked in the dialog.
        if let Some(path) = ui.input(|input| {
            input
                .raw
                .dropped_files
                .first()
                .map(|file| file.path().to_path_buf())
        }) {
            commands.push(Command::OpenPath(path));
        }
        egui::Panel::top("tradechart-menu").show(ui, |ui| {
            commands.extend(menu_bar_ui(ui, self));
        });
        commands.extend(self.files.status_panel(ui).map(Command::File));
        self.export_frame(ui.ctx());
        commands.extend(self.saving.ui(ui).into_iter().map(Command::Save));
        commands.extend(self.saved_view_frame(ui));
        if let Some(error) = &self.problems {
            let interpretation = &mut self.files.interpretation;
            let (close, retry) =
                problems::problems_ui(ui, error, |ui| interpretation.retry_ui(ui, &error.path));
            if close {
                commands.push(Command::CloseProblems);
            }
            commands.extend(retry.map(|(path, overrules)| Command::OpenOverruled(path, overrules)));
        }
        commands.extend(self.reading_ui(ui));
        self.help.ui(ui.ctx(), &self.document.dataset);
        if let Some(path) = self.files.open.path_window_ui(ui.ctx()) {
            commands.push(Command::OpenPath(path));
        }
        let ctx = ui.ctx().clone();
        for command in commands {
            self.run_command(command, &ctx);
        }
        self.sync_window_title(&ctx);
    }
}
