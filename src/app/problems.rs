//! The bottom panel that lists every problem of a file that failed to load, as
//! selectable `FILE:LINE:COL: message` lines the user can copy.

use eframe::egui;
use egui::{Label, RichText, ScrollArea, Ui};

use crate::data::LoadError;

/// Shows the problems of `error`; returns true when the user closes the panel.
pub fn problems_ui(ui: &mut Ui, error: &LoadError) -> bool {
    let mut close = false;
    egui::Panel::bottom("tradechart-problems")
        .resizable(true)
        .default_size(160.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let count = error.problems.len();
                let noun = if count == 1 { "problem" } else { "problems" };
                ui.label(
                    RichText::new(format!(
                        "Could not open {}: {count} {noun}. The chart is unchanged.",
                        error.path.display()
                    ))
                    .strong()
                    .color(ui.visuals().error_fg_color),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    close = ui.button("Close").clicked();
                });
            });
            ui.separator();
            ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for line in error.lines() {
                        ui.add(Label::new(RichText::new(line).monospace()).selectable(true));
                    }
                });
        });
    close
}
