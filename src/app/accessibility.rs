//! The chart for those who do not see it: its description in words (Edit → Copy
//! description, the same text as `tradechart describe`).

use eframe::egui;

use super::TradeChartApp;
use crate::chart::describe::Description;

/// The Edit menu entry that copies the chart's description.
pub const COPY_DESCRIPTION: &str = "Copy description";

impl TradeChartApp {
    /// The chart as shown described in words (see [`crate::chart::describe`]): its
    /// visible range, the series not hidden, the events the filter lets through.
    pub fn chart_description(&self) -> Description {
        Description::of(self.dataset(), self.chart(), &self.view())
    }

    /// Edit → Copy description: the description on the clipboard, and a note saying so.
    pub(super) fn copy_description(&mut self, ctx: &egui::Context) {
        let text = self.chart_description().text();
        let lines = text.lines().count();
        ctx.copy_text(text);
        let now = ctx.input(|input| input.time);
        self.saving.say(
            format!("Copied the chart's description to the clipboard ({lines} lines)"),
            false,
            now,
        );
    }
}
