//! The Help windows: about the app, and where the shown data comes from.

use eframe::egui;
use egui::{RichText, ScrollArea, Ui};

use crate::data::Dataset;

/// Which Help windows are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpWindows {
    pub about: bool,
    pub data_sources: bool,
}

impl HelpWindows {
    /// Shows the open windows; `dataset` is the one on screen.
    pub fn ui(&mut self, ctx: &egui::Context, dataset: &Dataset) {
        egui::Window::new("About tradechart")
            .open(&mut self.about)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("tradechart {}", env!("CARGO_PKG_VERSION")));
                ui.label(env!("CARGO_PKG_DESCRIPTION"));
            });
        egui::Window::new("Data sources")
            .open(&mut self.data_sources)
            .default_width(480.0)
            .show(ctx, |ui| sources_ui(ui, dataset));
    }
}

fn sources_ui(ui: &mut Ui, dataset: &Dataset) {
    ScrollArea::vertical().show(ui, |ui| {
        ui.strong(&dataset.title);
        if dataset.sources.is_empty() {
            ui.label("This file names no sources.");
        }
        for source in &dataset.sources {
            ui.label(format!("• {source}"));
        }
        if let Some(as_of) = &dataset.as_of {
            ui.label(RichText::new(format!("As of: {as_of}")).strong());
        }
        for series in &dataset.series {
            if let Some(source) = &series.source {
                ui.label(format!("• {}: {source}", series.name));
            }
        }
        if !dataset.notes.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Notes").strong());
            for note in &dataset.notes {
                ui.label(note);
            }
        }
    });
}
