//! Saving a file from the window, one way for File → Export, File → Save view… and
//! Export → Events as CSV…: ask where (the native save dialog on a background thread,
//! or, where no dialog can appear, a path field in the window), have the app write the
//! file, ask "Replace …?" where the kind of file asks it, and say the outcome in a
//! strip under the menu bar: "Saved trade.png in /home/me/data" for a few seconds, or
//! why the file was not written until dismissed.
//!
//! The flow knows nothing of what is written: the app writes (see `run_save_command`
//! in `mod.rs`) and hands the outcome back with [`SaveFlow::finished`].

pub(super) mod export_menu;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{Id, Ui};

use super::export_menu::ExportKind;
use super::open::{
    FilePicker, PathWindowAnswer, PathWindowWords, PickOutcome, SaveFilter, normalised, outcome,
    path_window,
};
use crate::chart::saved_view::VIEW_SUFFIX;
use crate::export::Overwrite;
use crate::paths::file_name;

/// What is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveWhat {
    /// File → Export: the chart as PNG or SVG, or its data as CSV.
    Export(ExportKind),
    /// File → Save view…
    View,
    /// File → Export → Events as CSV…
    EventsCsv,
}

impl SaveWhat {
    /// The file type offered by the save dialog.
    pub fn filter(self) -> SaveFilter {
        match self {
            SaveWhat::Export(kind) => kind.filter(),
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

    /// The end of a suggested name after its stem: `@2x.png`, `.view.json`.
    pub fn suffix(self) -> String {
        match self {
            SaveWhat::Export(kind) => {
                let scale = if kind == ExportKind::Png2x { "@2x" } else { "" };
                format!("{scale}.{}", kind.filter().extension)
            }
            SaveWhat::View => VIEW_SUFFIX.to_string(),
            // Not `.events.csv`: that would be the data file's sidecar, an input.
            SaveWhat::EventsCsv => "-events.csv".to_string(),
        }
    }

    /// An export asks "Replace …?" in the window before it replaces a file; a view or
    /// an events CSV is replaced when the native dialog (which asks itself) chose it,
    /// and never from the path field.
    fn asks_before_replacing(self) -> bool {
        matches!(self, SaveWhat::Export(_))
    }

    /// The file written for `path`: an export gets its kind's extension when it has
    /// another (or none).
    pub fn file_path(self, path: PathBuf) -> PathBuf {
        match self {
            SaveWhat::Export(_) => with_extension(&path, self.filter().extension),
            SaveWhat::View | SaveWhat::EventsCsv => path,
        }
    }

    fn path_window_words(self) -> PathWindowWords<'static> {
        match self {
            SaveWhat::Export(_) => PathWindowWords {
                title: "Export to file",
                explanation: "No file dialog is available on this system (it needs \
                              xdg-desktop-portal or zenity). Type the path to save to:",
                field: "Save as",
                action: "Save",
            },
            SaveWhat::View | SaveWhat::EventsCsv => PathWindowWords {
                title: if self == SaveWhat::View {
                    "Save view"
                } else {
                    "Save events as CSV"
                },
                explanation: "No file dialog is available on this system. Type the path to \
                              save to (an existing file is not replaced):",
                field: "Save to",
                action: "Save",
            },
        }
    }
}

/// Something asked of the save flow, run by the app's `run_command`.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveCommand {
    /// Ask where to save (the dialog, or the path field where none appears).
    Ask(SaveWhat),
    /// Write to this file; `Overwrite::Replace` once the user agreed to replace it.
    Write(SaveWhat, PathBuf, Overwrite),
    /// The user confirmed replacing the file asked about.
    ConfirmReplace,
    /// The user kept the file asked about.
    CancelReplace,
    /// Hide the note about the last save.
    DismissNote,
}

/// Why a file was not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotSaved {
    /// The file exists and was left alone (`Overwrite::Refuse`).
    Exists,
    /// Anything else, said without the path the note names already.
    Because(String),
}

/// Where a save stands: a dialog or the path field, the "Replace …?" question, and
/// the note about the last save.
pub struct SaveFlow {
    question: SaveQuestion<SaveWhat>,
    /// The file the user is asked about replacing.
    confirm: Option<(SaveWhat, PathBuf)>,
    note: Option<SaveNote>,
}

impl SaveFlow {
    /// Nothing asked; files asked for with `picker`.
    pub fn new(picker: Arc<dyn FilePicker>) -> Self {
        Self {
            question: SaveQuestion::new(picker, "save-dialog"),
            confirm: None,
            note: None,
        }
    }

    /// Asks where to save with `picker` from now on.
    pub fn set_picker(&mut self, picker: Arc<dyn FilePicker>) {
        self.question.set_picker(picker);
    }

    /// Asks where to save `what`, offering `suggested`, on a background thread.
    pub fn ask(&mut self, what: SaveWhat, suggested: PathBuf, ctx: &egui::Context) {
        self.question.ask(what, suggested, what.filter(), ctx);
    }

    /// The note about the last save, while shown.
    pub fn note(&self) -> Option<&str> {
        self.note.as_ref().map(|note| note.text.as_str())
    }

    /// Shows `text` in the strip (an error stays until dismissed).
    pub fn say(&mut self, text: String, is_error: bool, now: f64) {
        self.note = Some(SaveNote::new(text, is_error, now));
    }

    /// The file the "Replace …?" window asks about, while it is open.
    pub fn replace_question(&self) -> Option<&Path> {
        self.confirm.as_ref().map(|(_, path)| path.as_path())
    }

    /// Runs what only the flow needs to run; returns the command back when the app
    /// must act (ask with a suggested path, or write).
    pub fn run(&mut self, command: SaveCommand) -> Option<SaveCommand> {
        match command {
            SaveCommand::ConfirmReplace => self
                .confirm
                .take()
                .map(|(what, path)| SaveCommand::Write(what, path, Overwrite::Replace)),
            SaveCommand::CancelReplace => {
                self.confirm = None;
                None
            }
            SaveCommand::DismissNote => {
                self.note = None;
                None
            }
            ask_or_write => Some(ask_or_write),
        }
    }

    /// Takes the outcome of writing `what` to `path` (at egui time `now`): the note,
    /// or the "Replace …?" question. Returns true when the file was saved.
    pub fn finished(
        &mut self,
        what: SaveWhat,
        path: PathBuf,
        written: Result<(), NotSaved>,
        now: f64,
    ) -> bool {
        let why = match written {
            Ok(()) => {
                self.note = Some(SaveNote::saved(&path, now));
                return true;
            }
            Err(NotSaved::Exists) if what.asks_before_replacing() => {
                self.confirm = Some((what, path));
                return false;
            }
            Err(NotSaved::Exists) => "the file exists and was not replaced".to_string(),
            Err(NotSaved::Because(why)) => why,
        };
        let name = file_name(&path);
        self.say(format!("{name} was not saved: {why}"), true, now);
        false
    }

    /// The flow's part of a frame: a finished dialog, the path field, the "Replace …?"
    /// window and the strip under the menu bar. Returns what the user did.
    pub fn ui(&mut self, ui: &mut Ui) -> Vec<SaveCommand> {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        if let Some((what, path)) = self.question.poll() {
            let overwrite = if what.asks_before_replacing() {
                Overwrite::Refuse
            } else {
                // The native dialog asked before offering an existing file.
                Overwrite::Replace
            };
            commands.push(SaveCommand::Write(what, path, overwrite));
        }
        commands.extend(self.path_field_ui(&ctx));
        commands.extend(self.replace_question_ui(&ctx));
        expire_note(&mut self.note, &ctx);
        if self.question.is_pending() || self.note.is_some() {
            let strip = egui::Panel::top("tradechart-save-status").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| self.status_ui(ui)).inner
            });
            commands.extend(strip.inner);
        }
        commands
    }

    /// The path field, if open; returns the file to write when the user saves.
    fn path_field_ui(&mut self, ctx: &egui::Context) -> Option<SaveCommand> {
        let (what, text) = self.question.path_field.as_mut()?;
        let what = *what;
        let chosen = match path_window(ctx, &what.path_window_words(), text) {
            PathWindowAnswer::Open => return None,
            PathWindowAnswer::Closed => None,
            PathWindowAnswer::Chosen(path) => {
                Some(SaveCommand::Write(what, path, Overwrite::Refuse))
            }
        };
        self.question.path_field = None;
        chosen
    }

    /// The "Replace trade.png?" window while a file is asked about.
    fn replace_question_ui(&self, ctx: &egui::Context) -> Option<SaveCommand> {
        let (_, path) = self.confirm.as_ref()?;
        let name = file_name(path);
        let folder = normalised(path).parent().map_or_else(
            || "this folder".to_string(),
            |folder| folder.display().to_string(),
        );
        let mut command = None;
        let modal = egui::Modal::new(Id::unique("tradechart-export-replace")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(format!("Replace {name}?"));
            ui.label(format!(
                "A file named {name} already exists in {folder}. Replacing it overwrites \
                 what it holds."
            ));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    command = Some(SaveCommand::ConfirmReplace);
                }
                if ui.button("Cancel").clicked() {
                    command = Some(SaveCommand::CancelReplace);
                }
            });
        });
        // Escape or a click beside the window keeps the file, as Cancel does.
        if command.is_none() && modal.should_close() {
            command = Some(SaveCommand::CancelReplace);
        }
        command
    }

    /// The strip's content: waiting for the dialog, and the note about the last save.
    fn status_ui(&self, ui: &mut Ui) -> Option<SaveCommand> {
        if self.question.is_pending() {
            ui.spinner();
            ui.label("Waiting for the file dialog…");
        }
        let note = self.note.as_ref()?;
        note_ui(ui, note).then_some(SaveCommand::DismissNote)
    }
}

/// `path`, with `.extension` added when it has another (or none).
fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .and_then(|found| found.to_str())
        .is_some_and(|found| found.eq_ignore_ascii_case(extension));
    if has_it {
        path.to_path_buf()
    } else {
        let mut with = path.as_os_str().to_owned();
        with.push(format!(".{extension}"));
        PathBuf::from(with)
    }
}

/// How long a note that a file was saved stays, in seconds (errors stay until
/// dismissed).
pub const SAVED_NOTE_SECONDS: f64 = 8.0;

/// The note about the last save: "Saved trade.png in /home/me/data", or why not.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveNote {
    pub text: String,
    pub is_error: bool,
    /// When it was shown (egui time), so a confirmation can go after a while.
    shown_at: f64,
}

impl SaveNote {
    /// A note shown at `now` (egui time).
    pub fn new(text: String, is_error: bool, now: f64) -> Self {
        Self {
            text,
            is_error,
            shown_at: now,
        }
    }

    /// "Saved trade.png in /home/me/data" for a file saved at `path`.
    pub fn saved(path: &Path, now: f64) -> Self {
        let path = normalised(path);
        let name = file_name(&path);
        let text = match path.parent() {
            Some(folder) => format!("Saved {name} in {}", folder.display()),
            None => format!("Saved {name}"),
        };
        Self::new(text, false, now)
    }

    /// Seconds until a confirmation shown at its time goes at `now`: `None` for an
    /// error (it stays), zero when it should go now.
    pub fn seconds_left(&self, now: f64) -> Option<f64> {
        (!self.is_error).then(|| (SAVED_NOTE_SECONDS - (now - self.shown_at)).max(0.0))
    }
}

/// The note's text (in the error colour for an error) and its "Dismiss" button;
/// returns true when the button was clicked.
fn note_ui(ui: &mut egui::Ui, note: &SaveNote) -> bool {
    let text = egui::RichText::new(&note.text);
    ui.label(if note.is_error {
        text.color(ui.visuals().error_fg_color)
    } else {
        text
    });
    ui.small_button("Dismiss").clicked()
}

/// Lets a confirmation in `note` go once its time is up, and asks `ctx` for a frame
/// then.
fn expire_note(note: &mut Option<SaveNote>, ctx: &egui::Context) {
    let now = ctx.input(|input| input.time);
    match note.as_ref().and_then(|note| note.seconds_left(now)) {
        Some(left) if left <= 0.0 => *note = None,
        Some(left) => ctx.request_repaint_after(Duration::from_secs_f64(left)),
        None => {}
    }
}

/// What a save dialog on its thread answers: the path chosen (or none) and how long
/// the dialog took (a `None` at once means no dialog could appear).
type SaveAnswer = Receiver<(Option<PathBuf>, Duration)>;

/// Asks `picker` where to save on a thread named `thread_name` (the dialog blocks);
/// the answer arrives on the returned channel and wakes `ctx`. `None` when no thread
/// could be started: the caller offers its path field instead.
fn ask_save_in_background(
    picker: &Arc<dyn FilePicker>,
    suggested: &Path,
    filter: SaveFilter,
    ctx: &egui::Context,
    thread_name: &str,
) -> Option<SaveAnswer> {
    let (sender, receiver) = channel();
    let picker = Arc::clone(picker);
    let ctx = ctx.clone();
    let offered = suggested.to_path_buf();
    std::thread::Builder::new()
        .name(thread_name.into())
        .spawn(move || {
            let started = Instant::now();
            let answer = picker.pick_save_file(&offered, filter);
            // The window may have closed meanwhile; then nobody is listening.
            let _ = sender.send((answer, started.elapsed()));
            ctx.request_repaint();
        })
        .ok()
        .map(|_| receiver)
}

/// Where to save one of several things (`K`: an export's kind, a saved view…): the
/// save dialog on a background thread, or, where no dialog appears, a path field in
/// the window (its text kept here; each caller draws its own).
pub struct SaveQuestion<K> {
    picker: Arc<dyn FilePicker>,
    thread_name: &'static str,
    pending: Option<PendingSave<K>>,
    /// The path field while open: what it saves and the path typed so far.
    pub path_field: Option<(K, String)>,
}

/// A save dialog in flight.
struct PendingSave<K> {
    what: K,
    /// Offered in the path field if no dialog appears.
    suggested: PathBuf,
    answer: SaveAnswer,
}

impl<K: Copy> SaveQuestion<K> {
    /// Nothing asked yet; dialogs run on threads named `thread_name`.
    pub fn new(picker: Arc<dyn FilePicker>, thread_name: &'static str) -> Self {
        Self {
            picker,
            thread_name,
            pending: None,
            path_field: None,
        }
    }

    /// Asks with `picker` from now on.
    pub fn set_picker(&mut self, picker: Arc<dyn FilePicker>) {
        self.picker = picker;
    }

    /// True while a save dialog is open.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Asks where to save `what`, offering `suggested`; nothing while a dialog or the
    /// path field is already open. Without a thread, the path field opens at once.
    pub fn ask(&mut self, what: K, suggested: PathBuf, filter: SaveFilter, ctx: &egui::Context) {
        if self.pending.is_some() || self.path_field.is_some() {
            return;
        }
        match ask_save_in_background(&self.picker, &suggested, filter, ctx, self.thread_name) {
            Some(answer) => {
                self.pending = Some(PendingSave {
                    what,
                    suggested,
                    answer,
                });
            }
            None => self.open_path_field(what, &suggested),
        }
    }

    /// The file picked in a dialog that has closed; opens the path field when no
    /// dialog appeared (rfd answers at once where none can).
    pub fn poll(&mut self) -> Option<(K, PathBuf)> {
        let pending = self.pending.as_ref()?;
        let (answer, took) = match pending.answer.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => (None, Duration::ZERO),
        };
        let pending = self.pending.take()?;
        match outcome(answer, took) {
            PickOutcome::Picked(path) => Some((pending.what, path)),
            PickOutcome::Cancelled => None,
            PickOutcome::NoDialog => {
                self.open_path_field(pending.what, &pending.suggested);
                None
            }
        }
    }

    fn open_path_field(&mut self, what: K, suggested: &Path) {
        self.path_field = Some((what, suggested.display().to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_note_names_the_folder_and_goes_after_its_time() {
        let note = SaveNote::saved(Path::new("/home/me/data/../out/t.png"), 10.0);
        assert_eq!(note.text, "Saved t.png in /home/me/out");
        assert_eq!(note.seconds_left(10.0), Some(SAVED_NOTE_SECONDS));
        assert_eq!(note.seconds_left(13.0), Some(SAVED_NOTE_SECONDS - 3.0));
        assert_eq!(note.seconds_left(100.0), Some(0.0));
        let error = SaveNote::new("t.png was not saved".into(), true, 10.0);
        assert_eq!(error.seconds_left(100.0), None);
    }

    #[test]
    fn an_export_gets_its_kinds_extension() {
        let png = SaveWhat::Export(ExportKind::Png);
        assert_eq!(
            png.file_path("/tmp/trade.PNG".into()),
            Path::new("/tmp/trade.PNG")
        );
        assert_eq!(
            SaveWhat::Export(ExportKind::Svg).file_path("/tmp/trade".into()),
            Path::new("/tmp/trade.svg")
        );
        assert_eq!(
            SaveWhat::Export(ExportKind::Csv).file_path("trade.svg".into()),
            Path::new("trade.svg.csv")
        );
        assert_eq!(SaveWhat::View.file_path("v".into()), Path::new("v"));
        assert_eq!(SaveWhat::Export(ExportKind::Png2x).suffix(), "@2x.png");
        assert_eq!(SaveWhat::Export(ExportKind::Csv).suffix(), ".csv");
        assert_eq!(SaveWhat::EventsCsv.suffix(), "-events.csv");
    }

    #[test]
    fn an_existing_file_is_asked_about_for_an_export_and_refused_for_a_view() {
        let mut flow = SaveFlow::new(Arc::new(super::super::open::NativePicker));
        let png = SaveWhat::Export(ExportKind::Png);
        assert!(!flow.finished(png, "/d/t.png".into(), Err(NotSaved::Exists), 1.0));
        assert_eq!(flow.replace_question(), Some(Path::new("/d/t.png")));
        assert_eq!(flow.note(), None);
        assert_eq!(
            flow.run(SaveCommand::ConfirmReplace),
            Some(SaveCommand::Write(
                png,
                "/d/t.png".into(),
                Overwrite::Replace
            ))
        );
        assert_eq!(flow.replace_question(), None);
        assert!(!flow.finished(
            SaveWhat::View,
            "/d/t.view.json".into(),
            Err(NotSaved::Exists),
            1.0
        ));
        assert_eq!(
            flow.note(),
            Some("t.view.json was not saved: the file exists and was not replaced")
        );
        assert!(flow.finished(SaveWhat::View, "/d/t.view.json".into(), Ok(()), 2.0));
        assert_eq!(flow.note(), Some("Saved t.view.json in /d"));
    }
}
