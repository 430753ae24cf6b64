//! The eframe window: the menu bar, opening files, the problems panel, and the chart
//! (painted by `plot` from a [`crate::chart::Chart`]).
//!
//! Widgets return [`Command`]s and [`TradeChartApp::run_command`] runs them in one
//! place, so dialogs and the file system stay out of widget code and tests can drive
//! everything through `open_path` or an injected [`FilePicker`].

mod about;
mod analysis;
mod choose;
mod controls;
mod dense_line;
mod event_editor;
mod event_history;
mod event_lines;
mod events;
mod export_menu;
mod files;
mod interpretation;
mod loader;
mod navigation;
mod open;
pub mod panic_report;
mod per_file;
mod plot;
mod problems;
mod reading;
mod readout;
pub mod settings;
mod side_panel;
mod startup;
mod table;
pub mod view;
mod view_file;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui, ViewportCommand};

pub use choose::{AGGREGATES_HEADING, SHOW_TICKED};
pub use event_editor::{EventEditCommand, EventForm};
pub use export_menu::{ExportCommand, ExportKind};
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
pub use settings::{Settings, SettingsStore};
pub use startup::{
    EXIT_AFTER_FIRST_FRAME, OtherWindows, interval_report as frame_interval_report,
    open_in_new_windows,
};
pub use view::ViewCommand;
pub use view_file::{SaveWhat, SavedViewCommand};

use crate::chart::{Chart, ChartOptions, EventMark};
use crate::data::{self, Dataset, LoadError};

/// Ctrl+O (Cmd+O on a Mac) opens a file.
pub const OPEN_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);

/// Opens the window on the embedded default dataset, then on `initial` if given (a
/// file that fails to load leaves the default chart and lists its problems).
pub fn run(initial: Option<PathBuf>) -> eframe::Result {
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
    if let Some(path) = initial {
        app.open_path(&path);
    }
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
    /// File → Export: PNG, SVG, CSV, Copy image (see `export_menu`).
    Export(ExportCommand),
    /// File → Save view…, Events as CSV… (see `view_file`).
    SavedView(SavedViewCommand),
    /// Add, edit or delete an event in the window (see `event_editor`).
    EditEvents(EventEditCommand),
    /// Read the file shown again with the frequency and header row the user gave
    /// (see `interpretation`).
    Overrule(Overrules),
    /// Open a file that was refused again, with another header row or frequency.
    OpenOverruled(PathBuf, Overrules),
}

/// The window's state: the dataset shown, its chart, and what is open around it.
pub struct TradeChartApp {
    dataset: Dataset,
    /// The file the dataset came from; `None` for the embedded default.
    source: Option<PathBuf>,
    options: ChartOptions,
    chart: Chart,
    /// Remarks from loading: the reader's decisions, an encoding fallback, a sidecar
    /// events file (shown in the strip under the toolbar).
    notes: Vec<String>,
    /// The last file that failed to load, shown until closed.
    problems: Option<LoadError>,
    open: OpenDialog,
    /// Bumped on every load so plots start with a fresh view of the new data.
    generation: u64,
    /// The title last sent to the window, to send it again only when it changes.
    shown_title: Option<String>,
    hover: ChartHover,
    help: about::HelpWindows,
    /// Selection, visible range, side panel, table and view preferences.
    reading: reading::Reading,
    /// Loading, reloading, watching, recent files and settings.
    files: files::FileState,
    /// File → Export: the save dialog, "Replace …?" and the note on the outcome.
    export: export_menu::ExportState,
    /// Saved views (Save view…, opening one) and events edited in the window.
    saved_view: view_file::ViewFileState,
    /// How the file shown was read: the notes strip and the overruled guesses.
    interpretation: interpretation::Interpretation,
}

impl TradeChartApp {
    /// A window on `dataset` (read from `source`, if it came from a file) that asks
    /// for files with the native dialog.
    pub fn new(dataset: Dataset, source: Option<PathBuf>) -> Self {
        let options = ChartOptions::default();
        let chart = Chart::build(&dataset, &options);
        Self {
            reading: reading::Reading::new(&chart, options.view_x),
            chart,
            dataset,
            source,
            options,
            notes: Vec::new(),
            problems: None,
            open: OpenDialog::new(Arc::new(NativePicker)),
            generation: 0,
            shown_title: None,
            hover: ChartHover::default(),
            help: about::HelpWindows::default(),
            files: files::FileState::new(Arc::new(NativePicker)),
            export: export_menu::ExportState::new(Arc::new(NativePicker)),
            saved_view: view_file::ViewFileState::new(Arc::new(NativePicker)),
            interpretation: interpretation::Interpretation::default(),
        }
    }

    /// The same window with another way to ask for files (tests inject one).
    #[must_use]
    pub fn with_picker(mut self, picker: impl FilePicker + 'static) -> Self {
        let picker: Arc<dyn FilePicker> = Arc::new(picker);
        self.open = OpenDialog::new(Arc::clone(&picker));
        self.export.set_picker(Arc::clone(&picker));
        self.saved_view.set_picker(Arc::clone(&picker));
        self.files.set_picker(picker);
        self
    }

    /// Shows the chart with other options (e.g. another time range), from a fresh view.
    pub fn set_options(&mut self, options: ChartOptions) {
        self.chart = Chart::build(&self.dataset, &options);
        self.options = options;
        self.generation += 1;
        self.reading.start_view(&self.chart, self.options.view_x);
    }

    pub fn options(&self) -> &ChartOptions {
        &self.options
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn chart(&self) -> &Chart {
        &self.chart
    }

    /// The file shown, or `None` for the embedded default.
    pub fn source(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    /// The problems of the last file that failed to load, while they are shown.
    pub fn problems(&self) -> Option<&LoadError> {
        self.problems.as_ref()
    }

    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// True while the in-window "Open file" path window is open.
    pub fn is_path_window_open(&self) -> bool {
        self.open.is_path_window_open()
    }

    /// The event under the pointer in the last frame.
    pub fn hovered_event(&self) -> Option<&EventMark> {
        self.hover
            .event
            .and_then(|index| self.chart.events.get(index))
    }

    /// The window title: the dataset's title, or the app's name when it has none.
    pub fn window_title(&self) -> String {
        let title = self.dataset.title.trim();
        if title.is_empty() {
            "tradechart".to_string()
        } else {
            title.to_string()
        }
    }

    /// Runs one command of the menus, shortcuts or dialogs.
    pub fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Open => self.open.start(ctx),
            Command::OpenPath(path) => {
                self.open_path(&path);
            }
            Command::CloseProblems => self.problems = None,
            Command::ShowAbout => self.help.about = true,
            Command::ShowDataSources => self.help.data_sources = true,
            Command::Quit => self.quit(ctx),
            Command::View(command) => self.run_view_command(command),
            Command::File(command) => self.run_file_command(command, ctx),
            Command::Export(command) => self.run_export_command(command, ctx),
            Command::SavedView(command) => self.run_saved_view_command(command, ctx),
            Command::EditEvents(command) => self.run_event_edit_command(command),
            Command::Overrule(overrules) => self.overrule(overrules),
            Command::OpenOverruled(path, overrules) => {
                self.open_path_overruled(&path, overrules);
            }
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
            if let Some(source) = &self.source {
                let shown = open::normalised(source);
                ui.label(RichText::new(shown.display().to_string()).weak());
            }
            if self.open.is_pending() {
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
        });
        ui.menu_button("View", |ui| {
            command = controls::view_menu_ui(ui, look)
                .map(Command::View)
                .or(command.take());
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

impl TradeChartApp {
    /// One frame of the window. `eframe::App::ui` (in `panic_report`) runs it inside
    /// `catch_unwind`, so a panic here is shown in a dialog and the window goes on.
    fn frame_ui(&mut self, ui: &mut Ui) {
        let mut commands: Vec<Command> = self.files_frame(ui.ctx());
        if ui.input_mut(|input| input.consume_shortcut(&OPEN_SHORTCUT)) {
            commands.push(Command::Open);
        }
        if let Some(path) = self.open.poll() {
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
        commands.extend(self.file_status_panel(ui));
        commands.extend(self.export_frame(ui));
        commands.extend(self.saved_view_frame(ui));
        if let Some(error) = &self.problems {
            let interpretation = &mut self.interpretation;
            let (close, retry) =
                problems::problems_ui(ui, error, |ui| interpretation.retry_ui(ui, &error.path));
            if close {
                commands.push(Command::CloseProblems);
            }
            commands.extend(retry.map(|(path, overrules)| Command::OpenOverruled(path, overrules)));
        }
        commands.extend(self.reading_ui(ui));
        self.help.ui(ui.ctx(), &self.dataset);
        if let Some(path) = self.open.path_window_ui(ui.ctx()) {
            commands.push(Command::OpenPath(path));
        }
        let ctx = ui.ctx().clone();
        for command in commands {
            self.run_command(command, &ctx);
        }
        self.sync_window_title(&ctx);
    }
}
