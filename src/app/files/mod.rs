//! The window's side of files: the File menu, loading on a background thread with
//! progress, Reload, Open Recent, Add events…, watching the open file for changes, and
//! the settings kept between runs.
//!
//! The state lives in [`FileState`] (one field of the app); the behaviour is a set of
//! `TradeChartApp` methods, so `mod.rs` only calls [`TradeChartApp::files_frame`],
//! [`TradeChartApp::file_menu_ui`] and [`TradeChartApp::file_status_panel`] and runs
//! [`FileCommand`]s.

pub(super) mod add_series;
pub(super) mod choose;
pub(super) mod interpretation;
pub(super) mod loader;
pub(super) mod open;
pub(super) mod problems;
pub(super) mod samples;
pub(super) mod view_file;
pub(super) mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui, ViewportCommand};

use super::loader::{LoadKind, LoadResult, PendingLoad, Reader};
use super::open::{FilePicker, OpenDialog, PickPurpose, normalised, save_folder};
use super::settings::{KeptSettings, RecentFiles, Settings, SettingsStore};
use super::watch::FileWatch;
use super::{Command, OPEN_SHORTCUT, TradeChartApp};
use crate::chart::Look;
use crate::data::{self, LoadOptions, Loaded, Selection};
use crate::paths::file_name;

/// Ctrl+R (Cmd+R on a Mac) reads the open file again.
pub const RELOAD_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
/// Ctrl+Q (Cmd+Q on a Mac) quits.
pub const QUIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// File menu entry that returns to the embedded dataset.
pub const OPEN_EMBEDDED: &str = "Open the embedded dataset";
/// Files at least this large show a byte progress bar while they load.
const PROGRESS_BAR_FROM_BYTES: u64 = 1 << 20;

/// A File menu action, run by `TradeChartApp::run_command` (as `Command::File`).
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileCommand {
    /// Read the open file again, keeping the view.
    Reload,
    /// Ask for an events file with the dialog (or the path window when there is none).
    AddEvents,
    /// Add the events of this file to the chart.
    AddEventsPath(PathBuf),
    /// Open a file of File → Open Recent, reading the part of it read last time.
    OpenRecent(PathBuf),
    /// Forget the recent files.
    ClearRecent,
    /// Stop waiting for the file being loaded; the chart stays as it is.
    CancelLoad,
    /// Hide the remark about the settings file.
    DismissSettingsNote,
    /// Show the embedded dataset again.
    OpenEmbedded,
}

/// What the File side of the window holds.
pub struct FileState {
    reader: Reader,
    loading: Option<PendingLoad>,
    /// Repaints the window when a load or a watch has news; set on the first frame.
    ctx: Option<egui::Context>,
    recent: RecentFiles,
    /// The settings kept between runs, the window's size and the remark about them.
    settings: KeptSettings,
    watch_enabled: bool,
    watch: Option<FileWatch>,
    /// The file a watch was last started for (or tried), so a failure is tried once.
    watch_target: Option<PathBuf>,
    watch_note: Option<String>,
    events_dialog: OpenDialog,
    /// Events files added with File → Add events…, read again on every reload.
    added_events: Vec<PathBuf>,
    /// The partner (country, indicator) chooser and the selection of the file shown.
    pub(super) choose: super::choose::ChooseState,
    /// The folder of the last file saved (an export, a view), where the save dialogs
    /// start for the embedded dataset.
    last_save_folder: Option<PathBuf>,
}

impl FileState {
    /// Nothing loading, no settings, watching on, files asked for with `picker`.
    pub fn new(picker: Arc<dyn FilePicker>) -> Self {
        Self {
            reader: loader::default_reader(),
            loading: None,
            ctx: None,
            recent: RecentFiles::default(),
            settings: KeptSettings::default(),
            watch_enabled: true,
            watch: None,
            watch_target: None,
            watch_note: None,
            events_dialog: OpenDialog::with_purpose(picker, PickPurpose::AddEvents),
            added_events: Vec::new(),
            choose: super::choose::ChooseState::default(),
            last_save_folder: None,
        }
    }

    /// Asks for events files with `picker` too.
    pub fn set_picker(&mut self, picker: Arc<dyn FilePicker>) {
        self.events_dialog = OpenDialog::with_purpose(picker, PickPurpose::AddEvents);
    }

    /// An embedded dataset is shown: the load in flight is abandoned, and the events
    /// files added and the chooser were the last dataset's.
    pub(super) fn forget_for_embedded(&mut self) {
        self.loading = None;
        self.added_events.clear();
        self.choose = super::choose::ChooseState::default();
    }
}

impl TradeChartApp {
    // ----- Public API: loading -----

    /// Starts loading `path` on a background thread; the window stays live and shows
    /// progress. When it is read it replaces the chart (a fresh view); when it fails,
    /// the chart stays and the problems panel lists every problem. Another load in
    /// flight is abandoned: the last file asked for wins.
    pub fn open_path(&mut self, path: &Path) {
        // A saved view opens its data file and then restores itself (see view_file).
        if self.open_if_view(path) {
            return;
        }
        self.start_load(path, LoadKind::Open);
    }

    /// Loads `path` and waits for it: [`Self::open_path`] then [`Self::wait_for_load`].
    /// Returns whether the file was loaded (tests, and callers with no window).
    pub fn load_now(&mut self, path: &Path) -> bool {
        self.open_path(path);
        self.wait_for_load().unwrap_or(false)
    }

    /// Waits for the load in flight and shows its result; `None` when nothing is
    /// loading, else whether it succeeded.
    pub fn wait_for_load(&mut self) -> Option<bool> {
        let load = self.files.loading.take()?;
        let result = load.wait();
        Some(self.finish_load(&load, result))
    }

    /// True while a file is being read.
    pub fn is_loading(&self) -> bool {
        self.files.loading.is_some()
    }

    /// The file being read, if any.
    pub fn loading_path(&self) -> Option<&Path> {
        self.files.loading.as_ref().map(PendingLoad::path)
    }

    /// Bytes read so far of the file being loaded, and its size (0 when unknown).
    pub fn loading_progress(&self) -> Option<(u64, u64)> {
        self.files.loading.as_ref().map(PendingLoad::progress)
    }

    /// Reads files with `reader` instead of [`data::load`] (tests
    /// use a slow or failing one).
    #[must_use]
    pub fn with_reader(mut self, reader: Reader) -> Self {
        self.files.reader = reader;
        self
    }

    /// The events files added with File → Add events… since the file was opened.
    pub fn added_events_files(&self) -> &[PathBuf] {
        &self.files.added_events
    }

    // ----- Public API: watching -----

    /// Watches the open file for changes on disk (on by default).
    #[must_use]
    pub fn with_file_watch(mut self, enabled: bool) -> Self {
        self.files.watch_enabled = enabled;
        self
    }

    /// True when the open file is being watched for changes.
    pub fn is_watching(&self) -> bool {
        self.files.watch.is_some()
    }

    // ----- Public API: settings -----

    /// Keeps settings in `store`: reads them now (recent files, window size, view
    /// choices) and writes them when they change and when the window closes.
    #[must_use]
    pub fn with_settings(mut self, store: SettingsStore) -> Self {
        let kept = KeptSettings::read(store);
        let read = kept.saved();
        self.files.recent =
            RecentFiles::from_settings(read.recent_files.clone(), read.recent_selections.clone());
        self.accessibility = super::accessibility::Accessibility::with_ui_zoom(read.ui_zoom);
        let view_note = self.apply_view_settings(&read.view);
        self.files.settings = kept;
        self.files.settings.add_note(view_note);
        self
    }

    /// What would be written to the settings file now.
    pub fn settings(&self) -> Settings {
        Settings {
            window_size: self.files.settings.window_size(),
            recent_files: self.files.recent.paths().to_vec(),
            recent_selections: self.files.recent.selections().clone(),
            view: self.view_settings(),
            ui_zoom: self.ui_zoom(),
        }
    }

    /// Writes the settings now if they changed since last written (no store: nothing).
    pub fn save_settings(&mut self) {
        let now = self.settings();
        self.files.settings.save(now);
    }

    /// The size to open the window at (the remembered one, or the default).
    pub fn initial_window_size(&self) -> [f32; 2] {
        self.settings().window_size_or_default()
    }

    /// The files of File → Open Recent, most recent first.
    pub fn recent_files(&self) -> &[PathBuf] {
        self.files.recent.paths()
    }

    /// The remark about the settings file shown in the window, if any.
    pub fn settings_note(&self) -> Option<&str> {
        self.files.settings.note()
    }

    // ----- Saving -----

    /// `name` in the folder a save dialog starts in (see [`super::open::save_folder`]).
    pub(super) fn path_to_save(&self, name: &str) -> PathBuf {
        let folder = save_folder(
            self.document.source.as_deref(),
            self.files.last_save_folder.as_deref(),
        );
        match folder {
            Some(folder) => folder.join(name),
            None => PathBuf::from(name),
        }
    }

    /// Remembers the folder of a file just saved, for the next save dialog.
    pub(super) fn saved_to(&mut self, path: &Path) {
        self.files.last_save_folder = normalised(path).parent().map(Path::to_path_buf);
    }

    // ----- The frame -----

    /// The File side's work at the start of a frame: shortcuts, a finished load, a
    /// changed file, the events path window, the window size and saving settings.
    /// Returns the commands to run.
    pub(super) fn files_frame(&mut self, ctx: &egui::Context) -> Vec<Command> {
        self.files.ctx.get_or_insert_with(|| ctx.clone());
        let mut commands = Vec::new();
        ctx.input_mut(|input| {
            if input.consume_shortcut(&RELOAD_SHORTCUT) {
                commands.push(Command::File(FileCommand::Reload));
            }
            if input.consume_shortcut(&QUIT_SHORTCUT) {
                commands.push(Command::Quit);
            }
        });
        if let Some(load) = self.files.loading.take() {
            match load.poll() {
                Some(result) => {
                    self.finish_load(&load, result);
                }
                None => self.files.loading = Some(load),
            }
        }
        self.sync_watch();
        if self
            .files
            .watch
            .as_ref()
            .is_some_and(FileWatch::take_change)
        {
            self.reload_after_change();
        }
        self.choose_ui(ctx);
        if let Some(path) = self.files.events_dialog.poll() {
            commands.push(Command::File(FileCommand::AddEventsPath(path)));
        }
        if let Some(path) = self.files.events_dialog.path_window_ui(ctx) {
            commands.push(Command::File(FileCommand::AddEventsPath(path)));
        }
        let (size, closing) = ctx.input(|input| {
            let viewport = input.viewport();
            // A maximised or full-screen window keeps the size it had before.
            let normal = viewport.maximized != Some(true) && viewport.fullscreen != Some(true);
            let size = viewport
                .inner_rect
                .map_or_else(|| input.content_rect().size(), |rect| rect.size());
            (normal.then_some(size), viewport.close_requested())
        });
        if let Some(size) = size
            && size.x > 0.0
            && size.y > 0.0
        {
            self.files
                .settings
                .set_window_size([size.x.round(), size.y.round()]);
        }
        if closing || self.files.settings.changed_besides_size(&self.settings()) {
            self.save_settings();
        }
        commands
    }

    /// Runs one File menu action.
    pub(super) fn run_file_command(&mut self, command: FileCommand, ctx: &egui::Context) {
        match command {
            FileCommand::Reload => {
                if let Some(source) = self.document.source.clone() {
                    self.start_load(&source, LoadKind::Reload);
                }
            }
            FileCommand::AddEvents => self.files.events_dialog.start(ctx),
            FileCommand::AddEventsPath(path) => self.start_load(&path, LoadKind::AddEvents),
            FileCommand::OpenRecent(path) => {
                let selection = self
                    .files
                    .recent
                    .selection_of(&path)
                    .and_then(|text| Selection::parse(text).ok());
                match selection {
                    Some(selection) => self.open_path_with(&path, selection),
                    None => self.open_path(&path),
                }
            }
            FileCommand::ClearRecent => self.files.recent.clear(),
            FileCommand::CancelLoad => self.files.loading = None,
            FileCommand::DismissSettingsNote => self.files.settings.dismiss_note(),
            FileCommand::OpenEmbedded => self.open_embedded(),
        }
    }

    /// Shows the embedded dataset from a fresh view, as at start (File → "Open the
    /// embedded dataset"); a load in flight is abandoned.
    pub fn open_embedded(&mut self) {
        self.open_sample(&data::samples::DEFAULT);
    }

    /// Saves the settings and closes the window.
    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        self.save_settings();
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// The File menu; returns what the user chose.
    pub(super) fn file_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        ui.menu_button("File", |ui| {
            let shortcut = |ui: &Ui, shortcut| ui.ctx().format_shortcut(shortcut);
            let open = egui::Button::new("Open…").shortcut_text(shortcut(ui, &OPEN_SHORTCUT));
            if ui.add(open).clicked() {
                command = Some(Command::Open);
            }
            ui.menu_button("Open Recent", |ui| {
                if let Some(chosen) = self.recent_menu_ui(ui) {
                    command = Some(chosen);
                }
            });
            let embedded = ui
                .add_enabled(
                    self.shown_sample() != Some(&data::samples::DEFAULT),
                    egui::Button::new(OPEN_EMBEDDED),
                )
                .on_hover_text("Show the US–China dataset the app comes with")
                .on_disabled_hover_text("The embedded dataset is shown");
            if embedded.clicked() {
                command = Some(Command::File(FileCommand::OpenEmbedded));
            }
            command = self.samples_menu_ui(ui).or(command.take());
            let reload = egui::Button::new("Reload").shortcut_text(shortcut(ui, &RELOAD_SHORTCUT));
            let reload = ui
                .add_enabled(self.document.source.is_some(), reload)
                .on_disabled_hover_text("The embedded dataset has no file to read again");
            if reload.clicked() {
                command = Some(Command::File(FileCommand::Reload));
            }
            if ui
                .button("Add events…")
                .on_hover_text("Add the events of a CSV or workbook to this chart")
                .clicked()
            {
                command = Some(Command::File(FileCommand::AddEvents));
            }
            command = self.add_series_menu_ui(ui).or(command.take());
            if let Some(chosen) = self.save_view_menu_ui(ui) {
                command = Some(chosen);
            }
            if let Some(chosen) = self.export_menu_ui(ui) {
                command = Some(chosen);
            }
            ui.separator();
            let quit = egui::Button::new("Quit").shortcut_text(shortcut(ui, &QUIT_SHORTCUT));
            if ui.add(quit).clicked() {
                command = Some(Command::Quit);
            }
        });
        command
    }

    /// The entries of File → Open Recent: a file that no longer exists is greyed out.
    fn recent_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        if self.files.recent.paths().is_empty() {
            ui.add_enabled(false, egui::Button::new("No recent files"));
            return None;
        }
        for path in self.files.recent.paths() {
            let exists = path.is_file();
            let mut text = recent_entry_text(path, self.files.recent.selection_of(path));
            if !exists {
                text.push_str(" (not found)");
            }
            let entry = ui
                .add_enabled(exists, egui::Button::new(text))
                .on_hover_text(normalised(path).display().to_string())
                .on_disabled_hover_text(format!("{} no longer exists", normalised(path).display()));
            if entry.clicked() {
                command = Some(Command::File(FileCommand::OpenRecent(path.clone())));
            }
        }
        ui.separator();
        if ui.button("Clear recent files").clicked() {
            command = Some(Command::File(FileCommand::ClearRecent));
        }
        command
    }

    /// A strip under the menu bar with [`Self::file_status_ui`], when it has anything
    /// to say.
    pub(super) fn file_status_panel(&self, ui: &mut Ui) -> Option<Command> {
        let has_news = self.files.loading.is_some()
            || self.files.events_dialog.is_pending()
            || self.files.settings.note().is_some()
            || self.files.watch_note.is_some();
        if !has_news {
            return None;
        }
        egui::Panel::top("tradechart-file-status")
            .show(ui, |ui| self.file_status_ui(ui))
            .inner
    }

    /// Progress of a load, and remarks about settings and watching.
    fn file_status_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        if self.files.events_dialog.is_pending() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Waiting for the file dialog…");
            });
        }
        if let Some(load) = &self.files.loading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(loading_text(load));
                let (read, total) = load.progress();
                if total >= PROGRESS_BAR_FROM_BYTES {
                    let fraction = (read as f64 / total as f64).clamp(0.0, 1.0) as f32;
                    ui.add(
                        egui::ProgressBar::new(fraction)
                            .desired_width(220.0)
                            .text(format!("{} of {}", megabytes(read), megabytes(total))),
                    );
                }
                if ui.button("Cancel loading").clicked() {
                    command = Some(Command::File(FileCommand::CancelLoad));
                }
            });
        }
        if let Some(note) = self.files.settings.note() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
                if ui.small_button("Dismiss").clicked() {
                    command = Some(Command::File(FileCommand::DismissSettingsNote));
                }
            });
        }
        if let Some(note) = &self.files.watch_note {
            ui.label(RichText::new(note).small().weak());
        }
        command
    }

    // ----- Inside -----

    /// Starts reading `path` for `kind`, abandoning any load in flight.
    pub(super) fn start_load(&mut self, path: &Path, kind: LoadKind) {
        let added_events = if kind == LoadKind::Reload {
            self.files.added_events.clone()
        } else {
            Vec::new()
        };
        let ctx = self.files.ctx.clone();
        // A file read with a chosen partner (indicator), or with the frequency or
        // header row the user gave, is read with them again.
        let selection = self.files.choose.selection_for_load(path, kind);
        let overrules = self.interpretation.overrules_for_load(path, kind);
        let options = overrules.load_options(selection.unwrap_or_default());
        let reader = if options == LoadOptions::default() {
            Arc::clone(&self.files.reader)
        } else {
            loader::options_reader(options.clone())
        };
        let reader = self.view_reader(path, kind, options, reader);
        self.files.loading = Some(PendingLoad::start(
            path,
            kind,
            added_events,
            reader,
            move || {
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            },
        ));
    }

    /// Shows what a load brought; returns whether it succeeded. A failure keeps the
    /// chart and lists the problems.
    fn finish_load(&mut self, load: &PendingLoad, result: LoadResult) -> bool {
        let loaded = self.finish_load_result(load, result);
        self.after_load(load.path(), load.kind(), loaded);
        loaded
    }

    fn finish_load_result(&mut self, load: &PendingLoad, result: LoadResult) -> bool {
        let path = load.path();
        match (load.kind(), result) {
            (kind, LoadResult::Data(Ok(loaded))) => {
                let keep_view = kind == LoadKind::Reload;
                if !keep_view {
                    let selection = self.files.choose.in_flight().map(ToString::to_string);
                    self.files.recent.add_read_with(path, selection);
                    self.files.added_events.clear();
                }
                self.files.choose.loaded();
                self.interpretation
                    .loaded(path, loaded.format, &loaded.dataset);
                self.show_loaded(path, loaded, keep_view);
                self.after_load_added(keep_view);
                true
            }
            (_, LoadResult::Events(Ok(events))) => {
                let count = events.len();
                self.document.dataset.events.extend(events);
                data::sort_events(&mut self.document.dataset.events);
                self.rebuild_keeping_view();
                self.document
                    .notes
                    .push(format!("{count} events added from {}", file_name(path)));
                self.files.added_events.push(path.to_path_buf());
                self.problems = None;
                true
            }
            (
                _,
                LoadResult::Data(Err(data::LoadError {
                    choices: Some(choices),
                    ..
                })),
            ) => {
                // Not a problem: the file is fine and holds several partners. The chart
                // stays until one is chosen, and the file is then read with the
                // frequency and header row it was asked with.
                self.files.choose.ask(path, choices);
                self.interpretation.carry_over();
                false
            }
            (kind, LoadResult::Data(Err(error))) => {
                self.interpretation.refused(path, kind);
                self.problems = Some(error);
                false
            }
            (_, LoadResult::Events(Err(error))) => {
                self.problems = Some(error);
                false
            }
        }
    }

    /// Shows a loaded file: a fresh view of it, or (`keep_view`, a reload) the same
    /// part of the time axis as before.
    fn show_loaded(&mut self, path: &Path, loaded: Loaded, keep_view: bool) {
        self.replace_dataset(loaded.dataset, Some(path), keep_view);
        self.document.notes = loaded.notes;
        self.problems = None;
    }

    /// Builds the chart again from the dataset, keeping the visible range.
    fn rebuild_keeping_view(&mut self) {
        let dataset = std::mem::take(&mut self.document.dataset);
        let source = self.document.source.clone();
        self.replace_dataset(dataset, source.as_deref(), true);
    }

    /// Reloads the open file after it changed on disk (unless another file is on its
    /// way in, which would replace it anyway).
    fn reload_after_change(&mut self) {
        let opening_other = self
            .files
            .loading
            .as_ref()
            .is_some_and(|load| load.kind() != LoadKind::Reload);
        if let Some(source) = self.document.source.clone()
            && !opening_other
        {
            self.start_load(&source, LoadKind::Reload);
        }
    }

    /// Watches the file shown (a new watch when it changes; none for the embedded
    /// dataset or when watching is off).
    fn sync_watch(&mut self) {
        let wanted = if self.files.watch_enabled {
            self.document.source.clone()
        } else {
            None
        };
        if wanted == self.files.watch_target {
            return;
        }
        self.files.watch = None;
        self.files.watch_note = None;
        self.files.watch_target.clone_from(&wanted);
        let Some(file) = wanted else {
            return;
        };
        let ctx = self.files.ctx.clone();
        match FileWatch::start(&file, move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        }) {
            Ok(watch) => self.files.watch = Some(watch),
            Err(error) => {
                self.files.watch_note = Some(format!(
                    "Changes to {} are not followed: {error}. Use File → Reload.",
                    file_name(&file)
                ));
            }
        }
    }

    /// The view choices as stored in the settings file.
    fn view_settings(&self) -> serde_json::Value {
        serde_json::to_value(self.look()).unwrap_or_default()
    }

    /// Applies the view choices read from the settings file. Choices this version
    /// does not understand leave the view as it is and are reported.
    fn apply_view_settings(&mut self, view: &serde_json::Value) -> Option<String> {
        if view.is_null() {
            return None;
        }
        match serde_json::from_value::<Look>(view.clone()) {
            Ok(look) => {
                self.set_look(look);
                None
            }
            Err(error) => Some(format!(
                "The view choices in the settings file were not understood ({error}); \
                 the default view is used."
            )),
        }
    }
}

/// "Loading trade.csv…" and the like, by what the load is for.
fn loading_text(load: &PendingLoad) -> String {
    let name = file_name(load.path());
    let text = match load.kind() {
        LoadKind::Open => format!("Loading {name}…"),
        LoadKind::Reload => format!("Reloading {name}…"),
        LoadKind::AddEvents => format!("Adding events from {name}…"),
    };
    if load.is_reading_again() {
        // The quick reader of large CSV files gave the file to the full reader, which
        // reads it from the start: say so, as the progress bar starts over.
        format!("{text} reading it again, cell by cell")
    } else {
        text
    }
}

/// `trade.csv — /home/me/data`, or `country.xlsx · partner=China — /home/me/data` for
/// a file read with a selection: the name first, so entries are told apart at a glance.
/// The folder is shown normalised (`/home/me/data`, not `/home/me/exports/../data`).
fn recent_entry_text(path: &Path, selection: Option<&str>) -> String {
    let mut text = file_name(path);
    if let Some(selection) = selection {
        text = format!("{text} · {selection}");
    }
    match normalised(path).parent() {
        Some(parent) => format!("{text} — {}", parent.display()),
        None => text,
    }
}

/// `12.3 MB`.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_entries_name_the_file_then_its_folder() {
        assert_eq!(
            recent_entry_text(Path::new("/home/me/trade.csv"), None),
            "trade.csv — /home/me"
        );
        assert_eq!(
            recent_entry_text(Path::new("/home/me/exports/../data/trade.csv"), None),
            "trade.csv — /home/me/data"
        );
        assert_eq!(
            recent_entry_text(Path::new("/home/me/country.xlsx"), Some("partner=China")),
            "country.xlsx · partner=China — /home/me"
        );
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(12_345_678), "12.3 MB");
    }
}
