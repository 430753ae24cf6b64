//! File → Export: the chart as the reader sees it (the visible time range, the series
//! hidden in the legends, the events the filters let through, the theme) saved as PNG
//! (1× or 2×), SVG or CSV, or copied to the clipboard as an image.
//!
//! Where to save is asked with the native save dialog on a background thread, or, when
//! no dialog can appear, with an in-window path field. An existing file is replaced
//! only after the user confirmed it in a "Replace …?" window; every file is written
//! whole or not at all by [`crate::export`], and never over the file the chart was read
//! from. The save dialog starts beside the data file (for the embedded dataset, in the
//! last folder saved to, else the documents folder). The outcome is said in a strip
//! under the menu bar, "Saved trade.png in /home/me/data" for a few seconds, or why the
//! file was not written until dismissed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui::{Button, Id, Ui};
use egui_plot::{ItemId, PlotMemory};

use super::open::{
    FilePicker, PathWindowAnswer, PathWindowWords, SaveFilter, SaveNote, SaveQuestion, expire_note,
    normalised, note_ui, path_window,
};
use super::plot::panel_plot_id;
use super::{Command, TradeChartApp};
use crate::chart::View;
use crate::data;
use crate::export::{self, Export, ExportError, Overwrite, Page, WriteError, check_size};

/// Longest file name suggested from a title, in characters (before the extension).
const MAX_SUGGESTED_CHARS: usize = 60;

/// What File → Export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// A PNG the size of the window.
    Png,
    /// A PNG of twice the window's size in pixels, sharp on slides and print.
    Png2x,
    Svg,
    /// The data in the visible time range, without hidden series.
    Csv,
}

impl ExportKind {
    /// In the order of the menu.
    pub const ALL: [ExportKind; 4] = [
        ExportKind::Png,
        ExportKind::Png2x,
        ExportKind::Svg,
        ExportKind::Csv,
    ];

    /// The menu entry.
    pub fn menu_text(self) -> &'static str {
        match self {
            ExportKind::Png => "PNG (1×)…",
            ExportKind::Png2x => "PNG (2×)…",
            ExportKind::Svg => "SVG…",
            ExportKind::Csv => "CSV of the visible data…",
        }
    }

    /// Pixels per point of the window (PNG only).
    pub fn scale(self) -> f32 {
        match self {
            ExportKind::Png2x => 2.0,
            ExportKind::Png | ExportKind::Svg | ExportKind::Csv => 1.0,
        }
    }

    /// The file type offered by the save dialog.
    pub fn filter(self) -> SaveFilter {
        match self {
            ExportKind::Png | ExportKind::Png2x => SaveFilter {
                name: "PNG image",
                extension: "png",
            },
            ExportKind::Svg => SaveFilter {
                name: "SVG image",
                extension: "svg",
            },
            ExportKind::Csv => SaveFilter {
                name: "CSV table",
                extension: "csv",
            },
        }
    }

    /// What goes after the name in a suggested file name: `@2x.png`.
    fn suffix(self) -> String {
        let scale = if self == ExportKind::Png2x { "@2x" } else { "" };
        format!("{scale}.{}", self.filter().extension)
    }
}

/// Something asked of File → Export, run by `TradeChartApp::run_command`.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportCommand {
    /// Ask where to save (dialog, or the path window when there is none), then write.
    Ask(ExportKind),
    /// Write to this file; an existing file is asked about first.
    Write(ExportKind, PathBuf),
    /// The user confirmed replacing the file asked about.
    ConfirmReplace,
    /// The user kept the file asked about.
    CancelReplace,
    /// Put the chart on the clipboard as an image.
    CopyImage,
    /// Hide the note about the last export.
    DismissNote,
}

/// The state of File → Export.
pub struct ExportState {
    /// Where to write: the save dialog, or the path field where none appears.
    save: SaveQuestion<ExportKind>,
    /// Set on the first frame: plot memory (hidden series) and the theme live there.
    ctx: Option<egui::Context>,
    /// The file the user is asked about replacing.
    confirm: Option<(ExportKind, PathBuf)>,
    note: Option<SaveNote>,
    /// The window's size in points in the last frame.
    window_size: Option<egui::Vec2>,
}

impl ExportState {
    /// Nothing in flight; files asked for with `picker`.
    pub fn new(picker: Arc<dyn FilePicker>) -> Self {
        Self {
            save: SaveQuestion::new(picker, "export-dialog"),
            ctx: None,
            confirm: None,
            note: None,
            window_size: None,
        }
    }

    /// Asks where to save with `picker` too.
    pub fn set_picker(&mut self, picker: Arc<dyn FilePicker>) {
        self.save.set_picker(picker);
    }

    /// Asks where to save a `kind` export on a background thread (the dialog blocks).
    fn ask(&mut self, kind: ExportKind, suggested: PathBuf, ctx: &egui::Context) {
        self.save.ask(kind, suggested, kind.filter(), ctx);
    }

    /// The path window, if open; returns the file to write when the user saves.
    fn path_window_ui(&mut self, ctx: &egui::Context) -> Option<ExportCommand> {
        let (kind, text) = self.save.path_field.as_mut()?;
        let kind = *kind;
        let words = PathWindowWords {
            title: "Export to file",
            explanation: "No file dialog is available on this system (it needs \
                          xdg-desktop-portal or zenity). Type the path to save to:",
            field: "Save as",
            action: "Save",
        };
        let chosen = match path_window(ctx, &words, text) {
            PathWindowAnswer::Open => return None,
            PathWindowAnswer::Closed => None,
            PathWindowAnswer::Chosen(path) => Some(ExportCommand::Write(kind, path)),
        };
        self.save.path_field = None;
        chosen
    }

    fn say(&mut self, text: String, is_error: bool) {
        self.note = Some(SaveNote::new(text, is_error, self.now()));
    }

    /// The window's clock (egui time), for the notes to go after a while.
    fn now(&self) -> f64 {
        self.ctx
            .as_ref()
            .map_or(0.0, |ctx| ctx.input(|input| input.time))
    }
}

impl TradeChartApp {
    // ----- Public API -----

    /// What an export made now would show: the window's [`View`], its theme decided
    /// as the window is now.
    pub fn export_view(&self) -> View {
        let mut view = self.view();
        let desktop_is_dark = self
            .export
            .ctx
            .as_ref()
            .is_some_and(|ctx| ctx.theme() == egui::Theme::Dark);
        view.look.theme = view.look.theme.decided(desktop_is_dark);
        view
    }

    /// The page an export made now would fill: the window's size (at least the
    /// smallest export) at `scale`, crediting the dataset's sources.
    pub fn export_page(&self, scale: f32) -> Page {
        let (width, height) = self.export_size(scale);
        Page::for_dataset(&self.dataset, width, height)
    }

    /// Names of the series hidden by clicking their legend entries.
    pub fn hidden_series(&self) -> Vec<String> {
        let Some(ctx) = &self.export.ctx else {
            return Vec::new();
        };
        let mut hidden = Vec::new();
        for (index, panel) in self.chart.panels.iter().enumerate() {
            // egui_plot keeps what the legend hides in the plot's memory, by item id;
            // an item's id is made from its name (each series is named in the legend).
            let Some(memory) = PlotMemory::load(ctx, panel_plot_id(self.generation, index)) else {
                continue;
            };
            hidden.extend(
                panel
                    .lines
                    .iter()
                    .filter(|line| {
                        memory
                            .hidden_items
                            .contains(&ItemId::new(line.name.as_str()))
                    })
                    .map(|line| line.name.clone()),
            );
        }
        hidden
    }

    /// The note about the last export ("Saved trade.png", or why not), while shown.
    pub fn export_note(&self) -> Option<&str> {
        self.export.note.as_ref().map(|note| note.text.as_str())
    }

    /// The file the "Replace …?" window asks about, while it is open.
    pub fn export_replace_question(&self) -> Option<&Path> {
        self.export.confirm.as_ref().map(|(_, path)| path.as_path())
    }

    /// The file name offered for an export: from the dataset's title (else the file's
    /// name), in the folder of the file shown (for the embedded dataset, the last folder
    /// saved to, else the documents or home folder).
    pub fn suggested_export_path(&self, kind: ExportKind) -> PathBuf {
        let stem = slug(&self.dataset.title)
            .or_else(|| {
                self.source
                    .as_deref()
                    .and_then(Path::file_stem)
                    .and_then(|stem| slug(&stem.to_string_lossy()))
            })
            .unwrap_or_else(|| "chart".to_string());
        self.path_to_save(&format!("{stem}{}", kind.suffix()))
    }

    // ----- The frame -----

    /// Export's work in a frame: a finished dialog, the path window, the "Replace …?"
    /// window and the note strip under the menu bar. Returns the commands to run.
    pub(super) fn export_frame(&mut self, ui: &mut Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        self.export.ctx.get_or_insert_with(|| ctx.clone());
        self.export.window_size = Some(ctx.content_rect().size());
        let mut commands = Vec::new();
        if let Some((kind, path)) = self.export.save.poll() {
            commands.push(ExportCommand::Write(kind, path));
        }
        commands.extend(self.export.path_window_ui(&ctx));
        commands.extend(self.replace_question_ui(&ctx));
        expire_note(&mut self.export.note, &ctx);
        let has_news = self.export.save.is_pending() || self.export.note.is_some();
        if has_news {
            let strip = egui::Panel::top("tradechart-export-status").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| self.export_status_ui(ui)).inner
            });
            commands.extend(strip.inner);
        }
        commands.into_iter().map(Command::Export).collect()
    }

    /// Runs one File → Export command.
    pub(super) fn run_export_command(&mut self, command: ExportCommand, ctx: &egui::Context) {
        match command {
            ExportCommand::Ask(kind) => {
                let suggested = self.suggested_export_path(kind);
                self.export.ask(kind, suggested, ctx);
            }
            ExportCommand::Write(kind, path) => self.write_export(kind, &path, Overwrite::Refuse),
            ExportCommand::ConfirmReplace => {
                if let Some((kind, path)) = self.export.confirm.take() {
                    self.write_export(kind, &path, Overwrite::Replace);
                }
            }
            ExportCommand::CancelReplace => self.export.confirm = None,
            ExportCommand::CopyImage => self.copy_image(ctx),
            ExportCommand::DismissNote => self.export.note = None,
        }
    }

    /// The Export submenu of the File menu; returns what the user chose.
    pub(super) fn export_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        let has_chart = !self.chart.panels.is_empty();
        let mut events_csv = None;
        ui.menu_button("Export", |ui| {
            for kind in ExportKind::ALL {
                let enabled = has_chart || kind == ExportKind::Csv;
                let entry = ui
                    .add_enabled(enabled, Button::new(kind.menu_text()))
                    .on_hover_text(self.export_hover_text(kind))
                    .on_disabled_hover_text("This dataset has no series to draw");
                if entry.clicked() {
                    command = Some(ExportCommand::Ask(kind));
                }
            }
            ui.separator();
            let copy = ui
                .add_enabled(has_chart, Button::new("Copy image"))
                .on_hover_text("Put the chart on the clipboard as a picture")
                .on_disabled_hover_text("This dataset has no series to draw");
            if copy.clicked() {
                command = Some(ExportCommand::CopyImage);
            }
            ui.separator();
            events_csv = self.events_csv_menu_ui(ui);
        });
        command.map(Command::Export).or(events_csv)
    }

    // ----- Inside -----

    /// Writes the export to `path` (given the kind's extension if it has another).
    fn write_export(&mut self, kind: ExportKind, path: &Path, overwrite: Overwrite) {
        let path = with_extension(path, kind);
        let name = file_name(&path);
        let view = self.export_view();
        let export = Export {
            dataset: &self.dataset,
            chart: &self.chart,
            view: &view,
            page: self.export_page(kind.scale()),
            png_scale: kind.scale(),
        };
        // Never over the data file, its sidecar events file or added events files.
        let sidecar = self.source.as_deref().and_then(data::sidecar_events_path);
        let mut inputs: Vec<&Path> = self.source.iter().map(PathBuf::as_path).collect();
        inputs.extend(sidecar.as_deref());
        inputs.extend(self.added_events_files().iter().map(PathBuf::as_path));
        match export.write(&path, overwrite, &inputs) {
            Ok(_) => {
                self.export.note = Some(SaveNote::saved(&path, self.export.now()));
                self.saved_to(&path);
            }
            Err(ExportError::Write(WriteError::Exists(_))) if overwrite == Overwrite::Refuse => {
                self.export.confirm = Some((kind, path));
            }
            Err(error) => self
                .export
                .say(format!("{name} was not saved: {}", reason(&error)), true),
        }
    }

    /// Puts the chart on the clipboard as an image at the screen's sharpness.
    fn copy_image(&mut self, ctx: &egui::Context) {
        let scale = ctx.pixels_per_point().clamp(1.0, 2.0);
        let page = self.export_page(scale);
        match export::png::chart_rgba(&self.chart, &self.export_view(), &page, scale) {
            Ok(image) => {
                let size = [image.width as usize, image.height as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(
                    size,
                    &image.pixels,
                ));
                self.export.say(
                    format!(
                        "Copied the chart to the clipboard ({} × {} pixels)",
                        image.width, image.height
                    ),
                    false,
                );
            }
            Err(error) => self
                .export
                .say(format!("The chart was not copied: {error}"), true),
        }
    }

    /// The export's size in points: the window's, within the sizes an export can
    /// have at `scale` pixels per point.
    fn export_size(&self, scale: f32) -> (u32, u32) {
        let Some(size) = self.export.window_size else {
            return (export::DEFAULT_WIDTH, export::DEFAULT_HEIGHT);
        };
        let largest = (export::MAX_SIDE as f32 / scale.max(1.0)).floor();
        let side = |points: f32, smallest: u32| -> u32 {
            if !points.is_finite() {
                return smallest;
            }
            // Within the limits, so the cast cannot wrap.
            points
                .round()
                .clamp(smallest as f32, largest.max(smallest as f32)) as u32
        };
        let (width, height) = (
            side(size.x, export::MIN_WIDTH),
            side(size.y, export::MIN_HEIGHT),
        );
        if check_size(width, height, scale).is_ok() {
            (width, height)
        } else {
            (export::DEFAULT_WIDTH, export::DEFAULT_HEIGHT)
        }
    }

    fn export_hover_text(&self, kind: ExportKind) -> String {
        let (width, height) = self.export_size(kind.scale());
        let pixels = |scale: f32| {
            let scaled = |side: u32| (side as f32 * scale).round();
            format!("{} × {} pixels", scaled(width), scaled(height))
        };
        match kind {
            ExportKind::Png => format!("The chart as you see it, {}", pixels(1.0)),
            ExportKind::Png2x => format!("The chart as you see it, {}", pixels(2.0)),
            ExportKind::Svg => "The chart as you see it, as vectors with real text".to_string(),
            ExportKind::Csv => {
                "The values in the visible time range, without hidden series".to_string()
            }
        }
    }

    /// The "Replace trade.png?" window while a file is asked about.
    fn replace_question_ui(&self, ctx: &egui::Context) -> Option<ExportCommand> {
        let (_, path) = self.export.confirm.as_ref()?;
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
                    command = Some(ExportCommand::ConfirmReplace);
                }
                if ui.button("Cancel").clicked() {
                    command = Some(ExportCommand::CancelReplace);
                }
            });
        });
        // Escape or a click beside the window keeps the file, as Cancel does.
        if command.is_none() && modal.should_close() {
            command = Some(ExportCommand::CancelReplace);
        }
        command
    }

    /// The strip's content: waiting for the dialog, and the note about the last export.
    fn export_status_ui(&self, ui: &mut Ui) -> Option<ExportCommand> {
        let mut command = None;
        if self.export.save.is_pending() {
            ui.spinner();
            ui.label("Waiting for the file dialog…");
        }
        if let Some(note) = &self.export.note
            && note_ui(ui, note)
        {
            command = Some(ExportCommand::DismissNote);
        }
        command
    }
}

/// Why an export failed, without the path the note already names.
fn reason(error: &ExportError) -> String {
    match error {
        ExportError::Write(WriteError::IsInput(_)) => {
            "it is the file the chart was read from".to_string()
        }
        ExportError::Write(WriteError::IsFolder(_)) => "that is a folder".to_string(),
        ExportError::Write(WriteError::Io { message, .. }) => message.clone(),
        other => other.to_string(),
    }
}

/// `path`, with the kind's extension added when it has another (or none).
fn with_extension(path: &Path, kind: ExportKind) -> PathBuf {
    let wanted = kind.filter().extension;
    let has_it = path
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted));
    if has_it {
        path.to_path_buf()
    } else {
        let mut with = path.as_os_str().to_owned();
        with.push(format!(".{wanted}"));
        PathBuf::from(with)
    }
}

/// A file name made from a title: lower case letters and digits, words joined by `-`;
/// `None` when nothing is left.
fn slug(title: &str) -> Option<String> {
    let mut slug = String::new();
    for character in title.chars() {
        if character.is_alphanumeric() {
            slug.extend(character.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= MAX_SUGGESTED_CHARS {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_string())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_come_from_the_title() {
        assert_eq!(
            slug("US–China trade, 2018–2026").as_deref(),
            Some("us-china-trade-2018-2026")
        );
        assert_eq!(
            slug("Handel Deutschland–China: Überblick").as_deref(),
            Some("handel-deutschland-china-überblick")
        );
        assert_eq!(slug(" — ").as_deref(), None);
        let long = slug(&"word ".repeat(40)).unwrap_or_default();
        assert!(long.chars().count() <= MAX_SUGGESTED_CHARS && !long.ends_with('-'));
        assert_eq!(ExportKind::Png2x.suffix(), "@2x.png");
        assert_eq!(ExportKind::Csv.suffix(), ".csv");
    }

    #[test]
    fn the_kind_decides_the_extension() {
        assert_eq!(
            with_extension(Path::new("/tmp/trade.PNG"), ExportKind::Png),
            Path::new("/tmp/trade.PNG")
        );
        assert_eq!(
            with_extension(Path::new("/tmp/trade"), ExportKind::Svg),
            Path::new("/tmp/trade.svg")
        );
        assert_eq!(
            with_extension(Path::new("trade.svg"), ExportKind::Csv),
            Path::new("trade.svg.csv")
        );
    }
}
