//! File → Open sample: the datasets embedded in the app (the default, where the US
//! goods deficit went, US–China trade by month), each listed with a line on what it
//! shows, and the one shown, so a saved view names it.

use std::path::Path;

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::{Command, TradeChartApp};
use crate::data::samples::{self, SAMPLES, Sample};

/// The File menu entry that lists the samples.
pub const OPEN_SAMPLE: &str = "Open sample";

impl TradeChartApp {
    /// Shows the embedded dataset `sample` from a fresh view, as at start; a load in
    /// flight, added files and events, and the chooser are forgotten.
    pub fn open_sample(&mut self, sample: &'static Sample) {
        let dataset = match sample.dataset() {
            Ok(dataset) => dataset,
            Err(problems) => {
                self.problems = Some(crate::data::LoadError::new(
                    Path::new(sample.name),
                    problems,
                ));
                return;
            }
        };
        self.files.forget_for_embedded();
        self.files.interpretation = crate::app::interpretation::Interpretation::default();
        self.forget_view_state();
        self.forget_added_series();
        self.sample = sample;
        self.replace_dataset(dataset, None, false);
        self.document.notes.clear();
        self.problems = None;
    }

    /// The embedded dataset shown, or `None` when a file is.
    pub fn shown_sample(&self) -> Option<&'static Sample> {
        self.document.source.is_none().then_some(self.sample)
    }

    /// File → Open sample: each sample with its description; the one shown is greyed.
    pub(in crate::app) fn samples_menu_ui(&self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        ui.menu_button(OPEN_SAMPLE, |ui| {
            for sample in &SAMPLES {
                let shown = self.shown_sample() == Some(sample);
                let text = RichText::new(sample.title);
                let entry = ui
                    .add_enabled(!shown, egui::Button::new(text))
                    .on_hover_text(sample.description)
                    .on_disabled_hover_text(format!("Shown now. {}", sample.description));
                ui.label(RichText::new(sample.description).small().weak());
                if entry.clicked() {
                    command = Some(Command::OpenSample(sample.name));
                }
            }
        });
        command
    }

    /// Runs [`Command::OpenSample`].
    pub(in crate::app) fn open_sample_named(&mut self, name: &str) {
        match samples::sample(name) {
            Some(sample) => self.open_sample(sample),
            None => {
                self.problems = Some(crate::data::LoadError::new(
                    Path::new(name),
                    vec![crate::data::Problem::whole_file(samples::unknown_sample(
                        name,
                    ))],
                ));
            }
        }
    }
}
