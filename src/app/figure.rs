//! The chart in the accessibility tree and under the keyboard. The plots are one
//! figure node described by the chart's description ([`crate::chart::describe`]), with
//! a node per panel, series and event. Tab moves into the figure; then Left/Right step
//! a cursor period by period and the figure's label says the readout there, Home/End
//! go to the first and last period, `[`/`]` to the previous and next event, Enter
//! selects that event and Escape leaves.

use eframe::egui;
use egui::accesskit::{Live, Role};
use egui::{Id, Key, Modifiers, Sense, Stroke, Ui, UiBuilder};

use super::view::{ViewCommand, bring_into_view};
use super::{TradeChartApp, readout};
use crate::chart::describe::Description;
use crate::chart::{EventMark, View};
use crate::data::Period;

/// The figure's label before the cursor is moved: this, then the chart's title.
pub const FIGURE_LABEL: &str = "Chart";

/// The keyboard's place in the chart and what the figure says.
#[derive(Debug, Default)]
pub struct ChartKeys {
    /// The figure's id in the last frame.
    figure_id: Option<Id>,
    /// The data the cursor stops were taken from (the document's generation).
    generation: Option<u64>,
    /// Every period of every series, in time order: where the cursor stops.
    stops: Vec<Period>,
    cursor: Option<usize>,
    /// The event reached with `[` or `]` (index into the chart's events).
    event: Option<usize>,
    /// What the figure's label says now: the readout at the cursor, or the event.
    announcement: Option<String>,
    /// The description and the nodes' labels, for the view they were made for.
    text: Option<(u64, View, FigureText)>,
}

/// The words of the figure and of its nodes.
#[derive(Clone, Debug, PartialEq)]
struct FigureText {
    description: String,
    /// Each panel's label and its series' labels.
    panels: Vec<(String, Vec<String>)>,
    events: Vec<String>,
}

/// An event as its node and the keyboard name it: `2018-07-06, Section 301 List 1
/// tariffs, tariff action, reported`.
pub fn event_text(event: &EventMark) -> String {
    let category = if event.category.is_empty() {
        "no category"
    } else {
        &event.category
    };
    format!(
        "{}, {}, {category}, {}",
        event.date_text,
        event.title,
        event.status.label()
    )
}

impl TradeChartApp {
    /// The keys of the chart while the figure has the keyboard (before the window's
    /// own arrow keys, which pan, see them).
    pub(super) fn chart_keys(&mut self, ctx: &egui::Context) -> Vec<ViewCommand> {
        let Some(id) = self.accessibility.keys.figure_id else {
            return Vec::new();
        };
        if !ctx.memory(|memory| memory.has_focus(id)) {
            return Vec::new();
        }
        // Arrows and Escape are the figure's, not egui's focus moves.
        ctx.memory_mut(|memory| {
            memory.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    escape: true,
                    ..Default::default()
                },
            );
        });
        let pressed = |key| ctx.input_mut(|input| input.consume_key(Modifiers::NONE, key));
        let mut commands = Vec::new();
        if pressed(Key::Escape) {
            ctx.memory_mut(|memory| memory.surrender_focus(id));
            return commands;
        }
        self.take_cursor_stops();
        let last = self.accessibility.keys.stops.len().checked_sub(1);
        let keys = &self.accessibility.keys;
        let mut moved = None;
        if let Some(last) = last {
            if pressed(Key::ArrowLeft) {
                moved = Some(keys.cursor.map_or(0, |cursor| cursor.saturating_sub(1)));
            }
            if pressed(Key::ArrowRight) {
                moved = Some(keys.cursor.map_or(0, |cursor| (cursor + 1).min(last)));
            }
            if pressed(Key::Home) {
                moved = Some(0);
            }
            if pressed(Key::End) {
                moved = Some(last);
            }
        }
        if let Some(index) = moved {
            commands.extend(self.move_cursor(index));
        }
        let forward = pressed(Key::CloseBracket);
        if forward || pressed(Key::OpenBracket) {
            commands.extend(self.jump_to_event(forward));
        }
        if pressed(Key::Enter)
            && let Some(index) = self.accessibility.keys.event
            && let Some(event) = self.document.chart.events.get(index)
        {
            self.accessibility.keys.announcement = Some(format!("Selected: {}", event_text(event)));
            commands.push(ViewCommand::ShowEvent(index));
        }
        commands
    }

    /// The values as shown: transformed when a transformation is on.
    pub(super) fn values_shown(&self) -> &crate::data::Dataset {
        self.document
            .chart
            .transformed
            .as_deref()
            .unwrap_or(&self.document.dataset)
    }

    /// The cursor's stops for the data shown, taken again when the data changed.
    fn take_cursor_stops(&mut self) {
        let generation = self.document.generation;
        if self.accessibility.keys.generation == Some(generation) {
            return;
        }
        let shown = self.values_shown();
        let mut stops: Vec<Period> = shown
            .series
            .iter()
            .flat_map(|series| series.points.iter().map(|point| point.period))
            .collect();
        stops.sort_by_key(|period| (period.first_day(), period.resolution()));
        stops.dedup();
        let keys = &mut self.accessibility.keys;
        *keys = ChartKeys {
            figure_id: keys.figure_id,
            generation: Some(generation),
            stops,
            ..ChartKeys::default()
        };
    }

    /// Puts the cursor on stop `index`: the figure says the readout there, and the
    /// view pans to it when it is out of sight.
    fn move_cursor(&mut self, index: usize) -> Option<ViewCommand> {
        let period = *self.accessibility.keys.stops.get(index)?;
        let x = period.mid_x();
        let text = self.readout_text(period, x);
        let keys = &mut self.accessibility.keys;
        keys.cursor = Some(index);
        keys.event = None;
        keys.announcement = Some(text);
        self.follow(x, None)
    }

    /// `2018, US exports to China $120.1bn, US imports from China $538.5bn, …`: the
    /// readout at `x` of the series shown, the period of a value said where it is not
    /// `period` (a tariff rate set on a day).
    fn readout_text(&self, period: Period, x: f64) -> String {
        let shown = self.values_shown();
        let step_end = self.document.chart.x_range.map_or(x, |(_, end)| end);
        let hidden = self.hidden_series();
        let heading = period.to_string();
        let rows: Vec<String> = readout::readout_at(shown, x, step_end)
            .rows
            .into_iter()
            .filter(|row| !hidden.contains(&row.series))
            .map(
                |row| match row.period.filter(|of| !is_period(of, &heading)) {
                    Some(of) if !row.gap => format!("{} {} ({of})", row.series, row.value),
                    _ => format!("{} {}", row.series, row.value),
                },
            )
            .collect();
        format!("{heading}, {}", rows.join(", "))
    }

    /// The previous or next event shown (by the event filter) from the event reached
    /// last, or from the cursor.
    fn jump_to_event(&mut self, forward: bool) -> Option<ViewCommand> {
        let chart = &self.document.chart;
        let shown = self.event_filter().shown_indices(&chart.events);
        let keys = &self.accessibility.keys;
        let cursor_x = keys
            .cursor
            .and_then(|index| keys.stops.get(index))
            .map(Period::mid_x);
        let found = if forward {
            shown
                .iter()
                .copied()
                .find(|index| match (keys.event, cursor_x) {
                    (Some(event), _) => *index > event,
                    (None, Some(x)) => chart.events.get(*index).is_some_and(|e| e.x > x),
                    (None, None) => true,
                })
        } else {
            shown
                .iter()
                .rev()
                .copied()
                .find(|index| match (keys.event, cursor_x) {
                    (Some(event), _) => *index < event,
                    (None, Some(x)) => chart.events.get(*index).is_some_and(|e| e.x < x),
                    (None, None) => true,
                })
        }?;
        let event = chart.events.get(found)?;
        let position = shown.iter().position(|index| *index == found).unwrap_or(0);
        let text = format!(
            "Event {} of {}: {}. Enter selects it.",
            position + 1,
            shown.len(),
            event_text(event)
        );
        let (x, end_x) = (event.x, event.end_x);
        let keys = &mut self.accessibility.keys;
        keys.event = Some(found);
        // The cursor stays with the event: Left and Right go on from its period.
        keys.cursor = Some(
            keys.stops
                .partition_point(|period| period.start_x() <= x)
                .saturating_sub(1),
        );
        keys.announcement = Some(text);
        self.follow(x, end_x)
    }

    /// Pans to show time `x` (to `end_x`) when it is out of view.
    fn follow(&self, x: f64, end_x: Option<f64>) -> Option<ViewCommand> {
        let range = self.view().range()?;
        let shown = bring_into_view(range, x, end_x, self.document.chart.x_range);
        (shown != range).then_some(ViewCommand::ShowRange(shown.0, shown.1))
    }

    /// The plots drawn by `contents` inside the figure node, with its description,
    /// nodes for panels, series and events, and, while it has the keyboard, a focus
    /// ring and the cursor's line.
    pub(super) fn figure_ui<R>(
        &mut self,
        ui: &mut Ui,
        contents: impl FnOnce(&mut Self, &mut Ui) -> R,
    ) -> R {
        let label = self
            .accessibility
            .keys
            .announcement
            .clone()
            .unwrap_or_else(|| format!("{FIGURE_LABEL}: {}", self.window_title()));
        let builder = UiBuilder::new()
            .id_salt("tradechart-figure")
            .sense(Sense::focusable_noninteractive())
            .accessibility_role(Role::Figure)
            .accessibility_label(label);
        ui.scope_builder(builder, |ui| {
            let id = ui.unique_id();
            self.accessibility.keys.figure_id = Some(id);
            let result = contents(self, ui);
            let in_tree = ui
                .ctx()
                .accesskit_node_builder(id, |node| node.set_live(Live::Polite))
                .is_some();
            if in_tree {
                let text = self.figure_text();
                ui.ctx().accesskit_node_builder(id, |node| {
                    node.set_description(text.description.clone());
                });
                nodes_ui(ui, &text);
            }
            if ui.response().has_focus() {
                self.paint_focus(ui);
            }
            result
        })
        .inner
    }

    /// The words of the figure for the view shown, made again only when it changes.
    fn figure_text(&mut self) -> FigureText {
        let generation = self.document.generation;
        // The whole chart is described: panning does not change it.
        let view = View {
            x_range: None,
            selected_event: None,
            ..self.view()
        };
        if let Some((made_for, made_view, text)) = &self.accessibility.keys.text
            && *made_for == generation
            && *made_view == view
        {
            return text.clone();
        }
        let description = Description::of(&self.document.dataset, &self.document.chart, &view);
        let events = self
            .document
            .chart
            .events
            .iter()
            .filter(|event| view.filter.shows(event))
            .map(event_text)
            .collect();
        let text = FigureText {
            description: description.text(),
            panels: description
                .panels
                .iter()
                .map(|panel| {
                    (
                        format!("Panel {}", panel.unit),
                        panel.series.iter().map(|series| series.text()).collect(),
                    )
                })
                .collect(),
            events,
        };
        self.accessibility.keys.text = Some((generation, view, text.clone()));
        text
    }

    /// A ring round the figure and a line at the cursor, for the sighted keyboard user.
    fn paint_focus(&self, ui: &Ui) {
        let rect = ui.min_rect();
        let stroke = ui.visuals().selection.stroke;
        let focus = Stroke::new(2.0, stroke.color);
        ui.painter()
            .rect_stroke(rect, 2.0, focus, egui::StrokeKind::Outside);
        let keys = &self.accessibility.keys;
        let x = keys
            .event
            .and_then(|index| self.document.chart.events.get(index))
            .map(|event| event.x)
            .or_else(|| {
                keys.cursor
                    .and_then(|index| keys.stops.get(index))
                    .map(Period::mid_x)
            });
        if let Some(screen_x) = x.and_then(|x| self.screen_x_of_time(x))
            && rect.x_range().contains(screen_x)
        {
            ui.painter().vline(screen_x, rect.y_range(), focus);
        }
    }
}

/// True when the readout's period text `of` (`2018 (whole year)`) names `period`
/// (`2018`) itself, not a day within it (`2018-07-01`).
fn is_period(of: &str, period: &str) -> bool {
    of == period
        || of
            .strip_prefix(period)
            .is_some_and(|rest| rest.starts_with(" ("))
}

/// The nodes under the figure: a list per panel with an item per series, and a list
/// of the events. They take no room: the plots show what they say.
fn nodes_ui(ui: &mut Ui, text: &FigureText) {
    let node = |ui: &mut Ui, salt: (&str, usize), role: Role, label: &str| {
        ui.new_child(
            UiBuilder::new()
                .id_salt(salt)
                .accessibility_role(role)
                .accessibility_label(label),
        )
    };
    for (index, (panel, series)) in text.panels.iter().enumerate() {
        let mut panel_ui = node(ui, ("panel", index), Role::List, panel);
        for (index, series) in series.iter().enumerate() {
            node(&mut panel_ui, ("series", index), Role::ListItem, series);
        }
    }
    let label = match text.events.len() {
        1 => "1 event".to_string(),
        count => format!("{count} events"),
    };
    let mut events_ui = node(ui, ("events", 0), Role::List, &label);
    for (index, event) in text.events.iter().enumerate() {
        node(&mut events_ui, ("event", index), Role::ListItem, event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_of_the_period_itself_is_not_dated_again() {
        assert!(is_period("2018 (whole year)", "2018"));
        assert!(is_period("2018", "2018"));
        assert!(!is_period("2018-07-01", "2018"));
        assert!(!is_period("2019 (whole year)", "2018"));
    }
}
