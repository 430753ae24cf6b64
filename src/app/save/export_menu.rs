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

use eframe::egui;
use egui::{Button, Ui};

use crate::app::open::SaveFilter;
use crate::app::save::{NotSaved, SaveCommand, SaveWhat};
use crate::app::{Command, TradeChartApp};
use crate::chart::View;
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
}

/// What an export takes from the window besides the chart and its view: the
/// desktop's theme and the window's size.
#[derive(Default)]
pub struct ExportState {
    /// Set on the first frame: the desktop's theme is read there.
    ctx: Option<egui::Context>,
    /// The window's size in points in the last frame.
    window_size: Option<egui::Vec2>,
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
        Page::for_dataset(&self.document.dataset, width, height)
    }

    /// The name an export is offered under: from the dataset's title (else the file's
    /// name), without the extension.
    pub(in crate::app) fn export_stem(&self) -> String {
        slug(&self.document.dataset.title)
            .or_else(|| {
                self.document
                    .source
                    .as_deref()
                    .and_then(Path::file_stem)
                    .and_then(|stem| slug(&stem.to_string_lossy()))
            })
            .unwrap_or_else(|| "chart".to_string())
    }

    // ----- The frame -----

    /// Notes what an export takes from the window in this frame.
    pub(in crate::app) fn export_frame(&mut self, ctx: &egui::Context) {
        self.export.ctx.get_or_insert_with(|| ctx.clone());
        self.export.window_size = Some(ctx.content_rect().size());
    }

    /// The Export submenu of the File menu; returns what the user chose.
    pub(in crate::app) fn export_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        let has_chart = !self.document.chart.panels.is_empty();
        let mut events_csv = None;
        ui.menu_button("Export", |ui| {
            for kind in ExportKind::ALL {
                let enabled = has_chart || kind == ExportKind::Csv;
                let entry = ui
                    .add_enabled(enabled, Button::new(kind.menu_text()))
                    .on_hover_text(self.export_hover_text(kind))
                    .on_disabled_hover_text("This dataset has no series to draw");
                if entry.clicked() {
                    command = Some(Command::Save(SaveCommand::Ask(SaveWhat::Export(kind))));
                }
            }
            ui.separator();
            let copy = ui
                .add_enabled(has_chart, Button::new("Copy image"))
                .on_hover_text("Put the chart on the clipboard as a picture")
                .on_disabled_hover_text("This dataset has no series to draw");
            if copy.clicked() {
                command = Some(Command::CopyImage);
            }
            ui.separator();
            events_csv = self.events_csv_menu_ui(ui);
        });
        command.or(events_csv)
    }

    // ----- Inside -----

    /// Writes the export to `path`; never over the data file, its sidecar events file
    /// or added events files.
    pub(in crate::app) fn write_export(
        &self,
        kind: ExportKind,
        path: &Path,
        overwrite: Overwrite,
    ) -> Result<(), NotSaved> {
        let view = self.export_view();
        let export = Export {
            dataset: &self.document.dataset,
            chart: &self.document.chart,
            view: &view,
            page: self.export_page(kind.scale()),
            png_scale: kind.scale(),
        };
        let inputs = self.input_files();
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        match export.write(path, overwrite, &inputs) {
            Ok(_) => Ok(()),
            Err(ExportError::Write(WriteError::Exists(_))) => Err(NotSaved::Exists),
            Err(error) => Err(NotSaved::Because(reason(&error))),
        }
    }

    /// Puts the chart on the clipboard as an image at the screen's sharpness.
    pub(in crate::app) fn copy_image(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|input| input.time);
        let scale = ctx.pixels_per_point().clamp(1.0, 2.0);
        let page = self.export_page(scale);
        match export::png::chart_rgba(&self.document.chart, &self.export_view(), &page, scale) {
            Ok(image) => {
                let size = [image.width as usize, image.height as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(
                    size,
                    &image.pixels,
                ));
                self.saving.say(
                    format!(
                        "Copied the chart to the clipboard ({} × {} pixels)",
                        image.width, image.height
                    ),
                    false,
                    now,
                );
            }
            Err(error) => {
                self.saving
                    .say(format!("The chart was not copied: {error}"), true, now);
            }
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
    }
}
