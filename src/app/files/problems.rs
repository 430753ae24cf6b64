//! The bottom panel that lists every problem of a file that failed to load, as
//! selectable `FILE:LINE:COL: message` lines the user can copy, with room under its
//! heading for a way to read the file otherwise.

use eframe::egui;
use egui::{Label, RichText, ScrollArea, Ui};

use crate::data::LoadError;

/// Shows the problems of `error`, with `more` under the heading (see
/// `interpretation`'s retry); returns whether the user closes the panel, and what
/// `more` returned.
pub fn problems_ui<R>(
    ui: &mut Ui,
    error: &LoadError,
    more: impl FnOnce(&mut Ui) -> Option<R>,
) -> (bool, Option<R>) {
    let mut close = false;
    let mut asked = None;
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
            asked = more(ui);
            ui.separator();
            ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for line in error.lines() {
                        ui.add(Label::new(RichText::new(line).monospace()).selectable(true));
                    }
                });
        });
    (close, asked)
}
