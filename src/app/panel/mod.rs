//! The side panel, a part of the window: the selected event's details, the event
//! timeline with category filters and a text search, and the dataset's title, notes and
//! sources. It owns its own state ([`SidePanel`]), draws from the document and the view
//! without changing them, and returns what the user did as [`Command`]s for the app to
//! run (a filter changed, an event selected, "Edit…"). The toolbar, the View menu
//! (`controls`), the table and the before/after figures (`analysis`) are here too.

pub(super) mod analysis;
pub(super) mod controls;
pub(super) mod table;

use eframe::egui;
use egui::{Color32, RichText, ScrollArea, Ui};

use super::Command;
use super::analysis::BeforeAfterView;
use super::document::Document;
use super::event_editor::EventEditCommand;
use super::view::ViewCommand;
use crate::chart::{Chart, EventMark, Rgb};
use crate::chart::{EventFilter, View};
use crate::data::{Dataset, Status, freshness};

/// Accessible label of the search field.
pub const SEARCH_LABEL: &str = "Search events";
/// Shown for events with no category.
pub const NO_CATEGORY: &str = "uncategorised";
/// The narrowest the panel gets, in points.
pub const MIN_WIDTH: f32 = 220.0;
/// Rows of the event list kept in view below an event's details (the details, with
/// their before/after table, get the rest up to [`DETAILS_SHARE`]).
const TIMELINE_ROWS: f32 = 10.0;
/// The largest share of the panel's height the selected event's details take.
const DETAILS_SHARE: f32 = 0.6;

/// The panel's first width and the widest it may be dragged to, for a window
/// `window_width` points wide: the chart keeps most of the width (at 1024, the panel
/// starts at 287 points and may be dragged to 461), and wide content (the before/after
/// table) scrolls instead of widening the panel.
pub fn panel_widths(window_width: f32) -> (f32, f32) {
    let max = (window_width * 0.45).max(MIN_WIDTH);
    let default = (window_width * 0.28).clamp(MIN_WIDTH, 400.0).min(max);
    (default, max)
}

/// The side panel's own state; what it shows (the selected event, the event filter,
/// the hidden series) is the view's.
#[derive(Clone, Debug, Default)]
pub struct SidePanel {
    /// An event (index into the chart's events) to scroll the timeline to once, set
    /// when it was selected on the chart.
    scroll_to: Option<usize>,
    /// N of the selected event's before/after figures.
    before_after: BeforeAfterView,
    /// Height of "Add event…" and the filters in the last frame, to keep the event
    /// list below them in view.
    filters_height: f32,
}

impl SidePanel {
    /// Brings the event at `index` of the chart's events into the timeline's view in
    /// the next frame (it was selected elsewhere: on the chart, by a key).
    pub fn scroll_to(&mut self, index: Option<usize>) {
        self.scroll_to = index;
    }

    /// The panel at the right of `ui` when `view` has it open, for the document shown;
    /// returns what the user asked for.
    pub fn show(&mut self, ui: &mut Ui, document: &Document, view: &View) -> Vec<Command> {
        if !view.look.side_panel {
            return Vec::new();
        }
        let (default, max) = panel_widths(ui.available_width());
        egui::Panel::right("tradechart-side")
            .resizable(true)
            .default_size(default)
            .min_size(MIN_WIDTH)
            .max_size(max)
            .show(ui, |ui| self.ui(ui, document, view))
            .inner
    }

    /// The panel's contents: the event the view selects, the view's event filter
    /// (changed only through the command returned), the timeline and the dataset's
    /// notes; the view's hidden series are left out of the before/after table.
    fn ui(&mut self, ui: &mut Ui, document: &Document, view: &View) -> Vec<Command> {
        let (dataset, chart) = (&document.dataset, &document.chart);
        let selected = view.selected_index(&chart.events);
        let mut filter = view.filter.clone();
        let hidden_series = &view.hidden_series;
        let mut commands = Vec::new();
        // The details and the filters stay put; the timeline and the notes scroll
        // below them, so scrolling to an entry never hides the selected event.
        if let Some((index, event)) =
            selected.and_then(|index| Some((index, chart.events.get(index)?)))
        {
            // Scrolling within its share of the panel, so the event list below keeps
            // room for several rows however long the description and the before/after
            // table are; a wide table scrolls sideways rather than widen the panel.
            let max_height = self.details_height(ui);
            ScrollArea::both()
                .id_salt("tradechart-selected-event")
                .max_height(max_height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    commands.extend(selected_ui(ui, event).map(Command::View));
                    // Chart events are the dataset's, in order: the index names both.
                    ui.horizontal(|ui| {
                        if ui.button("Edit…").clicked() {
                            commands.push(Command::EditEvents(EventEditCommand::Edit(index)));
                        }
                        let delete = ui.button("Delete").on_hover_text(
                            "Delete this event (Edit → Undo, Ctrl+Z, brings it back)",
                        );
                        if delete.clicked() {
                            commands.push(Command::EditEvents(EventEditCommand::Delete(index)));
                        }
                    });
                    self.before_after.ui(ui, dataset, event, hidden_series);
                });
            ui.separator();
        }
        let filters_top = ui.cursor().top();
        if ui
            .button("Add event…")
            .on_hover_text("Add an event to this chart (the data file is not changed)")
            .clicked()
        {
            commands.push(Command::EditEvents(EventEditCommand::Add));
        }
        if !chart.events.is_empty() {
            Self::filters_ui(ui, chart, &mut filter);
        }
        self.filters_height = ui.cursor().top() - filters_top;
        let scroll_to = self.scroll_to.take();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if !chart.events.is_empty() {
                    let shown = timeline_ui(ui, chart, &filter, selected, scroll_to);
                    commands.extend(shown.map(Command::View));
                    ui.separator();
                }
                dataset_ui(ui, dataset);
            });
        if filter != view.filter {
            commands.push(Command::View(ViewCommand::SetFilter(filter)));
        }
        commands
    }

    /// The height the selected event's details may take: what is left after the
    /// filters and [`TIMELINE_ROWS`] rows of the event list, between a fifth and
    /// [`DETAILS_SHARE`] of the panel.
    fn details_height(&self, ui: &Ui) -> f32 {
        let available = ui.available_height();
        let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let left = available - self.filters_height - TIMELINE_ROWS * row;
        left.clamp(available * 0.2, available * DETAILS_SHARE)
    }

    /// The event count, the search and the category check boxes, editing `filter`.
    fn filters_ui(ui: &mut Ui, chart: &Chart, filter: &mut EventFilter) {
        let shown = filter.shown_indices(&chart.events).len();
        ui.heading("Events");
        ui.label(
            RichText::new(format!("{shown} of {} shown", chart.events.len()))
                .small()
                .weak(),
        );
        ui.horizontal(|ui| {
            let label = ui.label(SEARCH_LABEL);
            ui.add(
                egui::TextEdit::singleline(&mut filter.search)
                    .hint_text("title, text or date")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        ui.add_space(2.0);
        // Side by side where they fit, so the event list below keeps its rows.
        ui.horizontal_wrapped(|ui| {
            for (category, colour) in &chart.categories {
                let mut visible = !filter.hides_category(category);
                let count = chart
                    .events
                    .iter()
                    .filter(|event| crate::chart::same_category(&event.category, category))
                    .count();
                let name = if category.is_empty() {
                    NO_CATEGORY
                } else {
                    category
                };
                let text = format!("{name} ({count})");
                // A check box and its swatch stay together: start a new row first when
                // both would not fit.
                if ui.available_size_before_wrap().x < category_width(ui, &text) {
                    ui.end_row();
                }
                let changed = ui.checkbox(&mut visible, text).changed();
                swatch(ui, *colour);
                if changed {
                    filter.set_category_shown(category, visible);
                }
                ui.add_space(6.0);
            }
        });
        ui.add_space(4.0);
    }
}

/// Width of a category's check box, text and swatch in a row, in points.
fn category_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text_width = ui
        .fonts_mut(|fonts| fonts.layout_no_wrap(text.to_string(), font, Color32::WHITE))
        .size()
        .x;
    let spacing = ui.spacing();
    spacing.icon_width + spacing.icon_spacing + text_width + 3.0 * spacing.item_spacing.x + 16.0
}

/// A small square in a category's colour, after its name.
fn swatch(ui: &mut Ui, colour: Rgb) {
    let size = egui::vec2(10.0, 10.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour32(colour));
}

fn colour32(colour: Rgb) -> Color32 {
    Color32::from_rgb(colour.0, colour.1, colour.2)
}

/// The text of an event's entry in the timeline, also its accessible label.
pub fn timeline_entry(event: &EventMark) -> String {
    format!("{}  {}", event.date_text, event.title)
}

/// The events that pass the filter, by date; clicking one selects it and brings it
/// into view.
fn timeline_ui(
    ui: &mut Ui,
    chart: &Chart,
    filter: &EventFilter,
    selected: Option<usize>,
    scroll_to: Option<usize>,
) -> Option<ViewCommand> {
    let mut command = None;
    for index in filter.shown_indices(&chart.events) {
        let Some(event) = chart.events.get(index) else {
            continue;
        };
        ui.horizontal(|ui| {
            swatch(ui, event.colour);
            let mut text = RichText::new(timeline_entry(event));
            if event.status != Status::Reported {
                text = text.italics();
            }
            // Wrapped, not widened: a long title must not push the panel wider.
            let entry = egui::Button::selectable(selected == Some(index), text)
                .wrap_mode(egui::TextWrapMode::Wrap);
            let mut response = ui.add(entry);
            if !event.description.is_empty() {
                response = response.on_hover_text(&event.description);
            }
            if response.clicked() {
                command = Some(ViewCommand::ShowEvent(index));
            }
            if scroll_to == Some(index) {
                response.scroll_to_me(Some(egui::Align::Center));
            }
        });
    }
    command
}

/// What the selected event was, how sure it is and where it comes from.
fn selected_ui(ui: &mut Ui, event: &EventMark) -> Option<ViewCommand> {
    ui.heading("Selected event");
    ui.label(RichText::new(&event.title).strong().size(15.0));
    ui.horizontal_wrapped(|ui| {
        ui.label(&event.date_text);
        if !event.category.is_empty() {
            swatch(ui, event.colour);
            ui.label(&event.category);
        }
    });
    let status = freshness::status_text(event.status, event.day_after, freshness::today());
    let status = format!("Status: {status}");
    if event.status == Status::Reported {
        ui.label(status);
    } else {
        // Unverified or planned events must not read as facts.
        ui.label(
            RichText::new(status)
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
    }
    if !event.description.is_empty() {
        ui.label(&event.description);
    }
    if let Some(source) = &event.source {
        ui.label(RichText::new(format!("Source: {source}")).small());
    }
    ui.button("Clear selection")
        .clicked()
        .then_some(ViewCommand::SelectEvent(None))
}

/// The dataset's title, notes and sources.
fn dataset_ui(ui: &mut Ui, dataset: &Dataset) {
    ui.heading("About the data");
    if !dataset.title.is_empty() {
        // Prefixed: the bare title is the window's heading already.
        ui.label(RichText::new(format!("Dataset: {}", dataset.title)).strong());
    }
    for note in &dataset.notes {
        ui.label(note);
    }
    let series_sources: Vec<String> = dataset
        .series
        .iter()
        .filter_map(|series| {
            series
                .source
                .as_ref()
                .map(|source| format!("{}: {source}", series.name))
        })
        .collect();
    if dataset.sources.is_empty() && series_sources.is_empty() {
        ui.label(RichText::new("This file names no sources.").weak());
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Sources").strong());
    for source in dataset.sources.iter().chain(&series_sources) {
        ui.label(format!("• {source}"));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::chart::{ChartOptions, Look};

    /// The panel, what it draws from, and every command it returned.
    struct Shown {
        panel: SidePanel,
        document: Document,
        view: View,
        asked: Vec<Command>,
    }

    #[test]
    fn the_panel_changes_no_view_and_returns_what_the_user_did() {
        let dataset = crate::data::default_dataset().unwrap();
        let document = Document::new(dataset, None, &ChartOptions::default());
        let view = View {
            look: Look {
                side_panel: true,
                ..Look::default()
            },
            ..View::default()
        };
        let (category, _) = document.chart.categories[0].clone();
        let count = document
            .chart
            .events
            .iter()
            .filter(|event| crate::chart::same_category(&event.category, &category))
            .count();
        let first = document.chart.events[0].clone();
        let shown = Shown {
            panel: SidePanel::default(),
            document,
            view,
            asked: Vec::new(),
        };
        let mut harness = Harness::builder()
            .with_size(egui::vec2(400.0, 2000.0))
            .build_ui_state(
                |ui, shown: &mut Shown| {
                    let asked = shown.panel.ui(ui, &shown.document, &shown.view);
                    shown.asked.extend(asked);
                },
                shown,
            );
        harness.run();
        assert!(harness.state().asked.is_empty());

        harness.get_by_label("Add event…").click();
        harness.run();
        assert_eq!(
            harness.state_mut().asked.drain(..).collect::<Vec<_>>(),
            [Command::EditEvents(EventEditCommand::Add)]
        );

        // A category switched off is asked for as a filter; the view is the app's to
        // change, so the box shows the view's filter again.
        harness
            .get_by_label(&format!("{category} ({count})"))
            .click();
        harness.run();
        let asked = harness.state_mut().asked.drain(..).collect::<Vec<_>>();
        let mut hidden = EventFilter::default();
        hidden.set_category_shown(&category, false);
        assert_eq!(asked, [Command::View(ViewCommand::SetFilter(hidden))]);
        assert_eq!(harness.state().view.filter, EventFilter::default());

        // An event clicked in the list: shown (selected and brought into view).
        harness.get_by_label(&timeline_entry(&first)).click();
        harness.run();
        assert_eq!(
            harness.state_mut().asked.drain(..).collect::<Vec<_>>(),
            [Command::View(ViewCommand::ShowEvent(0))]
        );
    }

    #[test]
    fn the_panel_takes_a_share_of_the_window() {
        // 1024 × 0.28 = 286.72 to start, 1024 × 0.45 = 460.8 at most.
        assert_eq!(panel_widths(1024.0), (286.72, 460.8));
        // Wide windows: at most 400 to start; narrow ones: never under the minimum.
        assert_eq!(panel_widths(2000.0), (400.0, 900.0));
        assert_eq!(panel_widths(400.0), (MIN_WIDTH, MIN_WIDTH));
    }
}
