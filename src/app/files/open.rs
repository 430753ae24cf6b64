//! Opening and saving files: the native dialog run on a background thread (it blocks),
//! the in-window path field used when no native dialog can appear, the folder a save
//! dialog starts in, the note that says where a file was saved, and paths as shown.
//!
//! rfd returns `None` both for Cancel and, within milliseconds, when there is neither
//! an xdg-desktop-portal nor zenity. A `None` that comes back faster than a person can
//! cancel is taken as "no dialog", and the path window opens: Open… never silently
//! does nothing.

use std::path::{Path, PathBuf};

pub use crate::paths::normalised;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;

/// Something that asks the user for a file. Blocks until the user answers, so it is
/// only ever called on a background thread. Tests inject their own.
pub trait FilePicker: Send + Sync {
    /// The file chosen, or `None` when the user cancelled or no dialog could appear.
    fn pick_file(&self) -> Option<PathBuf>;

    /// An events file to add to the chart (File → Add events…); the same question as
    /// [`Self::pick_file`] unless the picker words it differently.
    fn pick_events_file(&self) -> Option<PathBuf> {
        self.pick_file()
    }

    /// Where to save an export (File → Export): `suggested` is the file name offered
    /// and, when it has one, the folder to start in. `None` when the user cancelled or
    /// no dialog could appear; by default no dialog appears (the window then asks for
    /// the path itself).
    fn pick_save_file(&self, suggested: &Path, filter: SaveFilter) -> Option<PathBuf> {
        let _ = (suggested, filter);
        None
    }
}

/// The kind of file a save dialog offers: `PNG image` and `png`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveFilter {
    pub name: &'static str,
    /// Without the dot.
    pub extension: &'static str,
}

/// The native file dialog (xdg-desktop-portal, else zenity) through rfd.
#[derive(Clone, Copy, Debug, Default)]
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick_file(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open data file")
            .add_filter(
                "Data files",
                &[
                    "csv",
                    "tsv",
                    "txt",
                    "json",
                    "tradechart",
                    "xlsx",
                    "ods",
                    "xls",
                ],
            )
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_events_file(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Add events from file")
            .add_filter(
                "Events tables",
                &["csv", "tsv", "txt", "xlsx", "ods", "xls"],
            )
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save_file(&self, suggested: &Path, filter: SaveFilter) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export")
            .add_filter(filter.name, &[filter.extension]);
        let folder = suggested.parent().filter(|folder| folder.is_dir());
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        // The portal takes the folder and the name apart; rfd's zenity fallback ignores
        // the folder and takes only the name, so there it gets the whole path (else the
        // dialog opens in the folder the app was started from).
        let name = if folder.is_some() && !portal_likely() {
            Some(suggested.as_os_str())
        } else {
            suggested.file_name()
        };
        if let Some(name) = name {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }
}

/// True when rfd will most likely reach an xdg-desktop-portal: a session bus is there
/// and a portal service is installed. Otherwise rfd falls back to zenity.
fn portal_likely() -> bool {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || runtime.is_some_and(|folder| folder.join("bus").exists());
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|home| home.join(".local/share")));
    let data_dirs = std::env::var("XDG_DATA_DIRS")
        .unwrap_or_else(|_| "/usr/local/share:/usr/share".to_string());
    let has_portal = data_home
        .into_iter()
        .chain(data_dirs.split(':').map(PathBuf::from))
        .any(|folder| {
            folder
                .join("dbus-1/services/org.freedesktop.portal.Desktop.service")
                .is_file()
        });
    has_bus && has_portal
}

/// The folder a save dialog starts in: the data file's, else (the embedded dataset) the
/// last folder saved to, else the documents folder, else the home folder.
pub fn save_folder(source: Option<&Path>, last_used: Option<&Path>) -> Option<PathBuf> {
    match source {
        Some(source) => normalised(source).parent().map(Path::to_path_buf),
        None => last_used
            .map(Path::to_path_buf)
            .or_else(dirs::document_dir)
            .or_else(dirs::home_dir),
    }
}

/// What a file is asked for: each has its own dialog title and path window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PickPurpose {
    /// File → Open…: a data file to show.
    #[default]
    Open,
    /// File → Add events…: an events table to add to the chart.
    AddEvents,
    /// File → Add series from file…: a data file whose series join the chart.
    AddSeries,
}

impl PickPurpose {
    /// The title of the in-window path window.
    pub fn window_title(self) -> &'static str {
        match self {
            PickPurpose::Open => "Open file",
            PickPurpose::AddEvents => "Add events from file",
            PickPurpose::AddSeries => "Add series from file",
        }
    }
}

/// A `None` faster than this means no dialog appeared; slower means the user cancelled.
pub const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// What a finished dialog means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickOutcome {
    Picked(PathBuf),
    Cancelled,
    /// No dialog could appear: the path window should open instead.
    NoDialog,
}

/// Reads a dialog's answer and how long it took.
pub fn outcome(answer: Option<PathBuf>, took: Duration) -> PickOutcome {
    match answer {
        Some(path) => PickOutcome::Picked(path),
        None if took < NO_DIALOG_WITHIN => PickOutcome::NoDialog,
        None => PickOutcome::Cancelled,
    }
}

/// The state of File → Open…: a dialog in flight, and the fallback path window.
pub struct OpenDialog {
    picker: Arc<dyn FilePicker>,
    purpose: PickPurpose,
    pending: Option<Receiver<(Option<PathBuf>, Duration)>>,
    /// The text of the path window while it is open.
    path_window: Option<String>,
}

impl OpenDialog {
    pub fn new(picker: Arc<dyn FilePicker>) -> Self {
        Self::with_purpose(picker, PickPurpose::Open)
    }

    /// A dialog that asks for a file for `purpose`.
    pub fn with_purpose(picker: Arc<dyn FilePicker>, purpose: PickPurpose) -> Self {
        Self {
            picker,
            purpose,
            pending: None,
            path_window: None,
        }
    }

    /// Asks for a file on a background thread; `ctx` is woken when the answer comes.
    /// Does nothing while a dialog is already open.
    pub fn start(&mut self, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        let picker = Arc::clone(&self.picker);
        let ctx = ctx.clone();
        let purpose = self.purpose;
        let spawned = std::thread::Builder::new()
            .name("open-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let answer = match purpose {
                    PickPurpose::Open | PickPurpose::AddSeries => picker.pick_file(),
                    PickPurpose::AddEvents => picker.pick_events_file(),
                };
                // The window may have closed meanwhile; then nobody is listening.
                let _ = sender.send((answer, started.elapsed()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.pending = Some(receiver),
            // No thread, no dialog: offer the path field rather than nothing.
            Err(_) => self.open_path_window(),
        }
    }

    /// True while a dialog is open.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Collects the dialog's answer if it has come: the file picked, if any. Opens
    /// the path window when no dialog could appear.
    pub fn poll(&mut self) -> Option<PathBuf> {
        let receiver = self.pending.as_ref()?;
        let (answer, took) = match receiver.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => (None, Duration::ZERO),
        };
        self.pending = None;
        match outcome(answer, took) {
            PickOutcome::Picked(path) => Some(path),
            PickOutcome::Cancelled => None,
            PickOutcome::NoDialog => {
                self.open_path_window();
                None
            }
        }
    }

    pub fn open_path_window(&mut self) {
        if self.path_window.is_none() {
            self.path_window = Some(String::new());
        }
    }

    pub fn is_path_window_open(&self) -> bool {
        self.path_window.is_some()
    }

    /// Shows the path window if it is open; returns the path when the user opens it.
    pub fn path_window_ui(&mut self, ctx: &egui::Context) -> Option<PathBuf> {
        let text = self.path_window.as_mut()?;
        let words = PathWindowWords {
            title: self.purpose.window_title(),
            explanation: "No file dialog is available on this system (it needs \
                          xdg-desktop-portal or zenity). Type the path of the file to open:",
            field: "File path",
            action: "Open",
        };
        match path_window(ctx, &words, text) {
            PathWindowAnswer::Open => None,
            PathWindowAnswer::Closed => {
                self.path_window = None;
                None
            }
            PathWindowAnswer::Chosen(path) => {
                self.path_window = None;
                Some(path)
            }
        }
    }
}

/// The words of a [`path_window`].
pub struct PathWindowWords<'a> {
    pub title: &'a str,
    /// Why it asks (no dialog) and what for.
    pub explanation: &'a str,
    /// The text field's label.
    pub field: &'a str,
    /// The button that takes the path.
    pub action: &'a str,
}

/// What the user did in a [`path_window`] this frame.
#[derive(Debug, PartialEq)]
pub enum PathWindowAnswer {
    /// Nothing yet: it stays open.
    Open,
    /// Closed or cancelled.
    Closed,
    /// This path, taken with the button or Enter.
    Chosen(PathBuf),
}

/// The window asking for a path where no file dialog can appear, the path typed so
/// far in `text`.
pub fn path_window(
    ctx: &egui::Context,
    words: &PathWindowWords<'_>,
    text: &mut String,
) -> PathWindowAnswer {
    let mut keep_open = true;
    let mut cancelled = false;
    let mut chosen = None;
    egui::Window::new(words.title)
        .collapsible(false)
        .resizable(false)
        .open(&mut keep_open)
        .show(ctx, |ui| {
            ui.label(words.explanation);
            let submitted = ui
                .horizontal(|ui| {
                    let label = ui.label(words.field);
                    let field = ui
                        .add(egui::TextEdit::singleline(text).desired_width(360.0))
                        .labelled_by(label.id);
                    field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter))
                })
                .inner;
            ui.horizontal(|ui| {
                let taken = ui.button(words.action).clicked();
                let path = text.trim();
                if (taken || submitted) && !path.is_empty() {
                    chosen = Some(PathBuf::from(path));
                }
                cancelled = ui.button("Cancel").clicked();
            });
        });
    match chosen {
        Some(path) => PathWindowAnswer::Chosen(path),
        None if !keep_open || cancelled => PathWindowAnswer::Closed,
        None => PathWindowAnswer::Open,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn a_save_dialog_starts_beside_the_data_file() {
        assert_eq!(
            save_folder(Some(Path::new("/d/exports/../data/t.csv")), None),
            Some(PathBuf::from("/d/data"))
        );
        let here = std::env::current_dir().unwrap();
        assert_eq!(save_folder(Some(Path::new("t.csv")), None), Some(here));
        assert_eq!(
            save_folder(None, Some(Path::new("/last"))),
            Some(PathBuf::from("/last"))
        );
        assert_eq!(
            save_folder(None, None),
            dirs::document_dir().or_else(dirs::home_dir)
        );
    }

    #[test]
    fn a_fast_none_means_no_dialog_and_a_slow_one_cancel() {
        assert_eq!(
            outcome(None, Duration::from_millis(15)),
            PickOutcome::NoDialog
        );
        assert_eq!(
            outcome(None, Duration::from_secs(3)),
            PickOutcome::Cancelled
        );
        assert_eq!(
            outcome(Some("a.csv".into()), Duration::ZERO),
            PickOutcome::Picked("a.csv".into())
        );
    }
}
