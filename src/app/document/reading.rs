//! Reading the chart: the view (the visible range, the selection, the filters and
//! preferences) and the table, and the window's methods that use them.
//!
//! Kept apart from `mod.rs` (which opens files) so that the two grow separately; the
//! `impl TradeChartApp` here holds the reading side of the app's public API.

use std::path::Path;

use eframe::egui;
use egui::Ui;

use crate::app::analysis;
use crate::app::controls;
use crate::app::plot::{self, ChartInput};
use crate::app::readout;
use crate::app::table::TableView;
use crate::app::view::{self, ViewCommand, bring_into_view};
use crate::app::{Command, TradeChartApp};
use crate::chart::{Chart, ChartOptions, EventFilter, EventKey, EventMark, Look, Theme, View};
use crate::data::transform::Transform;
use crate::data::{Dataset, freshness};

/// What the reader has chosen and where they are looking.
#[derive(Debug, Default)]
pub struct Reading {
    /// What is shown, the one source of it: the look, the event filter, the
    /// transformation and log scale, the series hidden (in the legends or by a saved
    /// view), the time range and the selected event (by its key: its index is looked
    /// up in the chart shown when needed). The chart is built from it and egui_plot is
    /// fed from it each frame (the plots keep no range of their own: a drag, the wheel
    /// or a box moves the view's).
    view: View,
    /// The time range asked for a chart's first view ([`TradeChartApp::set_options`]);
    /// `None`: chosen from the events (see [`crate::chart::first_view`]).
    first_x: Option<(f64, f64)>,
    /// The theme last given to egui; `None` until the preferences ask for one, so a
    /// window left on "System" never overrides the desktop (or a test's) theme.
    applied_theme: Option<Theme>,
    table: TableView,
    /// "Lock Y": the value axes stay as they are (or as the user drags them) instead
    /// of fitting the data in view; "Fit" and a new chart unlock them.
    lock_y: bool,
    data_format_open: bool,
}

impl Reading {
    /// The reading state for a newly opened chart: its first view shown.
    pub fn new(chart: &Chart, asked: Option<(f64, f64)>) -> Self {
        let mut reading = Self::default();
        reading.start_view(chart, asked);
        reading
    }

    /// Shows the first view of `chart` (see [`crate::chart::first_view`]).
    pub fn start_view(&mut self, chart: &Chart, asked: Option<(f64, f64)>) {
        self.view.x_range = None;
        self.fit_x(crate::chart::first_view(chart, asked));
    }

    /// The time range shown.
    fn current_x(&self) -> Option<(f64, f64)> {
        self.view.range()
    }

    /// Shows the time range `x` (nothing changes unless it is finite and in order).
    fn show_x(&mut self, x: (f64, f64)) {
        if x.0.is_finite() && x.1.is_finite() && x.0 < x.1 {
            self.view.set_range(Some(x));
        }
    }

    /// Shows the time range `x` when there is one, and fits the value axes to it again
    /// (as "Fit" does: "Lock Y" goes off).
    fn fit_x(&mut self, x: Option<(f64, f64)>) {
        if let Some(x) = x {
            self.show_x(x);
        }
        self.lock_y = false;
    }
}

impl TradeChartApp {
    /// What the chart is built with: the view's options and the first range asked.
    pub fn options(&self) -> ChartOptions {
        ChartOptions {
            view_x: self.reading.first_x,
            ..self.reading.view.chart_options()
        }
    }

    /// Shows the chart with other options (e.g. another time range), from a fresh view.
    pub fn set_options(&mut self, options: ChartOptions) {
        let view = &mut self.reading.view;
        view.look.markers = options.show_markers;
        view.look.period_bars = options.period_bars;
        view.look.direct_labels = options.direct_labels;
        view.transform = options.transform;
        view.log_scale = options.log_scale;
        view.hidden_series = options.hidden_series;
        self.reading.first_x = options.view_x;
        self.document.rebuild(&self.options());
        self.document.generation += 1;
        self.reading
            .start_view(&self.document.chart, self.reading.first_x);
    }

    /// The look, kept between runs.
    pub fn look(&self) -> &Look {
        &self.reading.view.look
    }

    /// Applies a look (e.g. restored from settings); the theme changes in the next
    /// frame.
    pub fn set_look(&mut self, look: Look) {
        let old = std::mem::replace(&mut self.reading.view.look, look);
        let look = &self.reading.view.look;
        if look.markers != old.markers
            || look.direct_labels != old.direct_labels
            || look.period_bars != old.period_bars
        {
            // Same data, same view: no generation bump.
            self.document.rebuild(&self.options());
        }
    }

    /// What is shown now, as one [`View`]: what Save view writes and Export draws.
    pub fn view(&self) -> View {
        self.reading.view.clone()
    }

    /// Names of the series hidden (by a click on their legend entries, or a view).
    pub fn hidden_series(&self) -> &[String] {
        &self.reading.view.hidden_series
    }

    /// Shows `view` over the data shown (as a saved view asks).
    pub fn set_view(&mut self, view: View) {
        self.set_analysis(view.transform, view.log_scale);
        self.reading.view.filter = view.filter;
        if let Some(key) = &view.selected_event {
            let index = key.find(&self.document.chart.events);
            self.run_view_command(ViewCommand::SelectEvent(index));
        }
        // After selecting, which opens the side panel: the view says whether it is.
        self.set_look(view.look);
        if let Some([start, end]) = view.x_range {
            self.set_visible_x_range((start, end));
        }
        self.set_hidden_series(view.hidden_series);
    }

    /// Shows every series transformed (`Transform::Level` for the values as they are)
    /// and/or on a log scale, keeping the time range and fitting the value axes anew.
    pub fn set_analysis(&mut self, transform: Transform, log_scale: bool) {
        let view = &mut self.reading.view;
        if transform == view.transform && log_scale == view.log_scale {
            return;
        }
        view.transform = transform;
        view.log_scale = log_scale;
        let kept = self.visible_x_range();
        self.document.rebuild(&self.options());
        // New plots (the old ones remember bounds in other units), same time range.
        self.document.generation += 1;
        self.reading.fit_x(kept.or(self.document.chart.view_x));
    }

    /// Hides the series named `names` (and shows the others). With the log scale on,
    /// it is decided again: a panel whose values of zero or below are all hidden goes
    /// log, and one whose series with such values is shown again goes back to linear
    /// (with a note).
    pub fn set_hidden_series(&mut self, names: Vec<String>) {
        if names == self.reading.view.hidden_series {
            return;
        }
        self.reading.view.hidden_series = names;
        if !self.reading.view.log_scale {
            return;
        }
        let before = log_scales(&self.document.chart);
        self.document.rebuild(&self.options());
        if before != log_scales(&self.document.chart)
            && let Some(x) = self.visible_x_range()
        {
            // Same plots; the value axes fit the new scale.
            self.reading.fit_x(Some(x));
        }
    }

    /// The time range (fractional years) shown: the view's, which the plots are given
    /// each frame.
    pub fn visible_x_range(&self) -> Option<(f64, f64)> {
        self.reading.current_x()
    }

    /// Shows the time range `start..end` (fractional years).
    pub fn set_visible_x_range(&mut self, range: (f64, f64)) {
        self.reading.show_x(range);
    }

    /// Shows `dataset` (loaded from `source`). With `keep_view` (a reload of the same
    /// file) the visible time range stays; otherwise the new chart starts from its
    /// first view. The selected event stays selected if the new data still has it.
    pub fn replace_dataset(&mut self, dataset: Dataset, source: Option<&Path>, keep_view: bool) {
        let kept_view = self.visible_x_range().filter(|_| keep_view);
        if !keep_view {
            // Another file's series: none hidden.
            self.reading.view.hidden_series.clear();
        }
        self.document.replace(dataset, source, &self.options());
        if self.selected_index().is_none() {
            // The new data has no event of that date and title.
            self.reading.view.selected_event = None;
        }
        match kept_view {
            Some(range) => self.reading.show_x(range),
            None => self
                .reading
                .start_view(&self.document.chart, self.reading.first_x),
        }
    }

    /// Where the time `x` (fractional years) was drawn in the last frame, in screen
    /// points from the window's left edge; `None` before the first frame of a chart
    /// or while the table shows.
    pub fn screen_x_of_time(&self, x: f64) -> Option<f32> {
        let (min, max) = self.hover.visible_x?;
        let (left, right) = self.hover.frame_x?;
        let share = (x - min) / (max - min);
        share
            .is_finite()
            .then_some(left + (right - left) * share as f32)
    }

    /// The selected event, if any.
    pub fn selected_event(&self) -> Option<&EventMark> {
        self.selected_index()
            .and_then(|index| self.document.chart.events.get(index))
    }

    /// The index among the chart's events of the event the view selects.
    fn selected_index(&self) -> Option<usize> {
        self.reading
            .view
            .selected_index(&self.document.chart.events)
    }

    /// The side panel's event filter (categories switched off, search text).
    pub fn event_filter(&self) -> &EventFilter {
        &self.reading.view.filter
    }

    /// Runs one command of the view controls.
    pub(in crate::app) fn run_view_command(&mut self, command: ViewCommand) {
        let reading = &mut self.reading;
        match command {
            ViewCommand::SelectEvent(index) => {
                let event = index.and_then(|index| self.document.chart.events.get(index));
                reading.view.selected_event = event.map(EventKey::of);
                self.side_panel.scroll_to(index.filter(|_| event.is_some()));
                if event.is_some() {
                    // The details are in the side panel: make sure it is there.
                    reading.view.look.side_panel = true;
                }
            }
            ViewCommand::ShowEvent(index) => {
                if let Some(event) = self.document.chart.events.get(index) {
                    reading.view.selected_event = Some(EventKey::of(event));
                    if let Some(range) = reading.current_x() {
                        let data = self.document.chart.x_range;
                        reading.show_x(bring_into_view(range, event.x, event.end_x, data));
                    }
                }
            }
            ViewCommand::Fit => reading.fit_x(self.document.chart.x_range),
            ViewCommand::ShowRange(start, end) => reading.show_x((start, end)),
            ViewCommand::Pan(fraction) => {
                if let Some(range) = reading.current_x() {
                    reading.show_x(view::pan(range, fraction));
                }
            }
            ViewCommand::Zoom(factor) => {
                if let Some(range) = reading.current_x() {
                    reading.show_x(view::zoom(range, factor));
                }
            }
            ViewCommand::SetLook(look) => self.set_look(look),
            ViewCommand::SetFilter(filter) => reading.view.filter = filter,
            ViewCommand::ShowDataFormat => reading.data_format_open = true,
            ViewCommand::SetAnalysis(transform, log_scale) => {
                self.set_analysis(transform, log_scale);
            }
        }
    }

    /// The side panel, the toolbar and the chart or table; returns what was asked.
    pub(in crate::app) fn reading_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        self.apply_theme(ui.ctx());
        // The chart's own keys first, while it has the keyboard (see `figure`).
        let mut commands: Vec<ViewCommand> = self.chart_keys(ui.ctx());
        commands.extend(controls::keyboard_commands(ui));
        let side = self.side_panel.show(ui, &self.document, &self.reading.view);
        // The window's clear colour is the panel's: no second fill (see `startup`).
        let frame = crate::app::startup::central_panel_frame(ui);
        let mut overrule = None;
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            self.header_ui(ui);
            let years = view::year_bounds(&self.document.chart);
            let visible = self.reading.current_x();
            let (dataset, view) = (&self.document.dataset, &self.reading.view);
            commands.extend(controls::toolbar_ui(ui, &view.look, visible, years, |ui| {
                analysis::toolbar_ui(
                    ui,
                    dataset,
                    &view.hidden_series,
                    &view.transform,
                    view.log_scale,
                )
                .map(|choice| ViewCommand::SetAnalysis(choice.transform, choice.log_scale))
            }));
            overrule = self.interpretation_ui(ui);
            for note in &self.document.chart.notes {
                ui.label(egui::RichText::new(note).small().weak());
            }
            // How current the data is, once its newest value is a quarter old (issue 17);
            // worked out once per loaded file, not per frame.
            let id = egui::Id::unique(("tradechart-dated-data-note", self.document.generation));
            let dataset = &self.document.dataset;
            let dated = ui.data_mut(|data| {
                data.get_temp_mut_or_insert_with(id, || {
                    freshness::dated_data_note(dataset, freshness::today())
                })
                .clone()
            });
            if let Some(note) = dated {
                ui.label(egui::RichText::new(note).small().weak());
            }
            if self.reading.view.look.table {
                self.reading
                    .table
                    .ui(ui, &self.document.dataset, self.document.generation);
                self.hover = plot::ChartHover::default();
            } else {
                commands.extend(self.chart_area_ui(ui));
            }
        });
        controls::data_format_window(ui.ctx(), &mut self.reading.data_format_open);
        side.into_iter()
            .chain(commands.into_iter().map(Command::View))
            .chain(overrule)
            .collect()
    }

    /// The plots with the filtered events, and the readout under the pointer.
    fn chart_area_ui(&mut self, ui: &mut Ui) -> Option<ViewCommand> {
        let shown = self
            .reading
            .view
            .filter
            .shown_indices(&self.document.chart.events);
        let events: Vec<EventMark> = shown
            .iter()
            .filter_map(|index| self.document.chart.events.get(*index).cloned())
            .collect();
        let selected = self
            .selected_index()
            .and_then(|full| shown.iter().position(|index| *index == full));
        let chart = &self.document.chart;
        let x = self.reading.view.shown_range(chart).unwrap_or_else(|| {
            let whole = chart.view_x_or_default();
            (*whole.start(), *whole.end())
        });
        let hover = self.figure_ui(ui, |app, ui| {
            plot::chart_ui(
                ui,
                ChartInput {
                    chart: &app.document.chart,
                    events: &events,
                    selected,
                    show_labels: app.reading.view.look.event_labels,
                    hidden_series: &app.reading.view.hidden_series,
                    x,
                    lock_y: app.reading.lock_y,
                    generation: app.document.generation,
                },
            )
        });
        // What the pointer did to the plots goes into the view (and nowhere else).
        if let Some(moved) = hover.moved_x {
            self.reading.show_x(moved);
        }
        if let Some(lock_y) = hover.lock_y {
            self.reading.lock_y = lock_y;
        }
        if let Some(hidden) = hover.hidden_series.clone() {
            self.set_hidden_series(hidden);
        }
        // The app speaks of events by their index among all events.
        let full_index = |index: Option<usize>| index.and_then(|i| shown.get(i).copied());
        self.hover = plot::ChartHover {
            event: full_index(hover.event),
            clicked: full_index(hover.clicked),
            ..hover
        };
        if let (None, Some(x)) = (hover.event, hover.pointer_x) {
            let step_end = self.document.chart.x_range.map_or(x, |(_, end)| end);
            let shown = self.values_shown();
            let mut readout = readout::readout_at_in(ui, shown, x, step_end);
            // A series hidden in its legend is out of the readout too.
            let hidden = &self.reading.view.hidden_series;
            readout.rows.retain(|row| !hidden.contains(&row.series));
            readout::readout_tooltip(ui, &readout);
        }
        if hover.double_clicked {
            Some(ViewCommand::Fit)
        } else {
            self.hover
                .clicked
                .map(|index| ViewCommand::SelectEvent(Some(index)))
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        crate::app::accessibility::draw_text_unhinted(ctx);
        let theme = self.reading.view.look.theme;
        if self.reading.applied_theme == Some(theme)
            || (self.reading.applied_theme.is_none() && theme == Theme::System)
        {
            return;
        }
        crate::app::accessibility::apply_egui_theme(ctx, theme);
        self.reading.applied_theme = Some(theme);
    }
}

/// Which panels of `chart` are on a log scale.
fn log_scales(chart: &Chart) -> Vec<bool> {
    chart.panels.iter().map(|panel| panel.log_scale).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Event, Period};

    fn app() -> TradeChartApp {
        TradeChartApp::new(crate::data::default_dataset().unwrap(), None)
    }

    #[test]
    fn the_time_range_is_kept_in_the_view_alone() {
        let mut app = app();
        // Set, moved and fitted in the view itself, not asked of the plots.
        app.set_visible_x_range((2012.0, 2015.0));
        assert_eq!(app.reading.view.x_range, Some([2012.0, 2015.0]));
        // 10% of 3 years later: 2012.3–2015.3.
        app.run_view_command(ViewCommand::Pan(0.1));
        let [start, end] = app.reading.view.x_range.unwrap();
        assert!((start - 2012.3).abs() < 1e-9 && (end - 2015.3).abs() < 1e-9);
        // A range the wrong way round changes nothing.
        app.set_visible_x_range((2020.0, 2010.0));
        assert_eq!(app.reading.view.x_range, Some([start, end]));
        app.reading.lock_y = true;
        app.run_view_command(ViewCommand::Fit);
        let whole = app.chart().x_range.unwrap();
        assert_eq!(app.reading.view.x_range, Some([whole.0, whole.1]));
        assert!(!app.reading.lock_y, "Fit unlocks the value axes");
        assert_eq!(app.view().range(), Some(whole));
    }

    #[test]
    fn the_selected_event_is_kept_in_the_view_by_its_key() {
        let mut app = app();
        let chosen = app.chart().events[3].clone();
        app.run_view_command(ViewCommand::SelectEvent(Some(3)));
        assert_eq!(app.reading.view.selected_event, Some(EventKey::of(&chosen)));
        assert!(app.look().side_panel, "the details are shown");
        // An earlier event added: the selected one is the fifth now, and still selected.
        let mut dataset = app.dataset().clone();
        dataset
            .events
            .insert(0, Event::new(Period::Year(1990), "Early"));
        app.replace_dataset(dataset, None, true);
        assert_eq!(app.chart().events[4].title, chosen.title);
        assert_eq!(app.selected_index(), Some(4));
        // Data without it: nothing selected.
        let mut dataset = app.dataset().clone();
        dataset.events.retain(|event| event.title != chosen.title);
        app.replace_dataset(dataset, None, true);
        assert_eq!(app.reading.view.selected_event, None);
        app.run_view_command(ViewCommand::ShowEvent(0));
        assert_eq!(app.selected_event().unwrap().title, "Early");
        app.run_view_command(ViewCommand::SelectEvent(None));
        assert_eq!(app.view().selected_event, None);
    }
}
