//! Event labels above the plots, laid out by [`chart::layout_labels`] so that they
//! never overlap, and the tooltip that tells what an event was.

pub(super) mod event_editor;
pub(super) mod event_history;
pub(super) mod event_lines;

use eframe::egui;
use egui::{
    Color32, FontId, Id, Label, PopupAnchor, Rect, RichText, Sense, Stroke, Tooltip, Ui, UiBuilder,
    pos2, vec2,
};
use egui_plot::PlotTransform;

use crate::chart::labels::LABEL_PADDING_PX;
use crate::chart::layout::{self, MAX_LABEL_ROWS};
use crate::chart::{self, EventMark, LabelView};
use crate::data::{Status, freshness};

fn label_font() -> FontId {
    FontId::proportional(11.0)
}

fn row_height(ui: &Ui) -> f32 {
    ui.fonts_mut(|fonts| fonts.row_height(&label_font())) + 4.0
}

/// Height to reserve above the plots for the label strip (none without events): the
/// rows [`layout::label_rows`] gives the chart's height.
pub fn strip_height(ui: &Ui, events: &[EventMark]) -> f32 {
    if events.is_empty() {
        return 0.0;
    }
    let row_height = row_height(ui);
    let rows = layout::label_rows(f64::from(ui.available_height()), f64::from(row_height));
    rows as f32 * row_height + 2.0
}

/// How many rows of labels fit in a strip of `height`.
fn rows_in(ui: &Ui, height: f32) -> usize {
    (((height - 2.0) / row_height(ui)).round() as usize).clamp(1, MAX_LABEL_ROWS)
}

/// What the label strip reports back.
#[derive(Clone, Debug, Default)]
pub struct Strip {
    /// The event whose label is under the pointer.
    pub hovered: Option<usize>,
    /// The event whose label was clicked.
    pub clicked: Option<usize>,
    /// Says how many labels had no room, if any.
    pub hidden_summary: Option<String>,
}

/// Draws the labels of `events` in `strip`, aligned with the plot whose transform is
/// given. Each label is a widget (so screen readers and tests find it by its text),
/// with a colour tick at its event's line and a faint connector down to the plots.
/// The `selected` event's label is bold and framed in its colour, and always placed.
pub fn label_strip_ui(
    ui: &mut Ui,
    strip: Rect,
    events: &[EventMark],
    selected: Option<usize>,
    transform: &PlotTransform,
) -> Strip {
    let frame = *transform.frame();
    let bounds = transform.bounds();
    let view = LabelView {
        x_min: bounds.min()[0],
        x_max: bounds.max()[0],
        width_px: frame.width(),
        char_width_px: widest_char(ui, events),
        max_rows: rows_in(ui, strip.height()),
    };
    let layout = chart::layout_labels(&with_selected_first(events, selected), &view);
    let row_height = row_height(ui);
    let painter = ui.painter_at(strip);
    let placed: Vec<(usize, &EventMark, Rect, f32)> = layout
        .placed
        .iter()
        .filter_map(|label| {
            let event = events.get(label.event)?;
            let top = strip.bottom() - (label.row + 1) as f32 * row_height;
            let rect = Rect::from_min_max(
                pos2(frame.left() + label.left_px, top),
                pos2(frame.left() + label.right_px, top + row_height - 2.0),
            );
            let line_x = transform
                .position_from_point_x(event.x.max(view.x_min))
                .clamp(rect.left(), rect.right() - 2.0);
            Some((label.event, event, rect, line_x))
        })
        .collect();
    // Connectors first, so labels in lower rows cover the ones that pass behind them.
    for (_, event, rect, line_x) in &placed {
        let colour = colour(event).gamma_multiply(0.6);
        painter.line_segment(
            [pos2(*line_x, rect.bottom()), pos2(*line_x, strip.bottom())],
            Stroke::new(1.0, colour),
        );
    }
    let mut child = ui.new_child(UiBuilder::new().max_rect(strip));
    let mut hovered = None;
    let mut clicked = None;
    for (index, event, rect, line_x) in &placed {
        let is_selected = selected == Some(*index);
        painter.rect_filled(*rect, 2.0, ui.visuals().panel_fill);
        if is_selected {
            painter.rect_filled(*rect, 2.0, colour(event).gamma_multiply(0.25));
            painter.rect_stroke(
                *rect,
                2.0,
                Stroke::new(1.5, colour(event)),
                egui::StrokeKind::Inside,
            );
        }
        // A fact's tick is solid; a planned or unverified event's is hollow.
        let tick = Rect::from_min_size(pos2(*line_x, rect.top()), vec2(3.0, rect.height()));
        if event.status == Status::Reported {
            painter.rect_filled(tick, 0.0, colour(event));
        } else {
            painter.rect_stroke(
                tick,
                0.0,
                Stroke::new(1.0, colour(event)),
                egui::StrokeKind::Inside,
            );
        }
        let text_rect = rect.shrink2(vec2(LABEL_PADDING_PX / 2.0, 0.0));
        let mut text = RichText::new(&event.label).font(label_font());
        if event.status != Status::Reported {
            text = text.italics();
        }
        if is_selected {
            text = text.strong();
        }
        let response = child.put(
            text_rect,
            Label::new(text)
                .selectable(false)
                .extend()
                .sense(Sense::click()),
        );
        if response.hovered() {
            hovered = Some(*index);
        }
        if response.clicked() {
            clicked = Some(*index);
        }
    }
    Strip {
        hovered,
        clicked,
        hidden_summary: layout.hidden_summary(),
    }
}

/// The events with the selected one made the most important, so that its label is
/// placed whatever else crowds it out.
fn with_selected_first(events: &[EventMark], selected: Option<usize>) -> Vec<EventMark> {
    let mut events = events.to_vec();
    if let Some(event) = selected.and_then(|index| events.get_mut(index)) {
        event.importance = u8::MAX;
    }
    events
}

/// The widest character of any label, in pixels: labels are measured, not guessed,
/// so that the layout's promise of no overlap holds on screen.
fn widest_char(ui: &Ui, events: &[EventMark]) -> f32 {
    ui.fonts_mut(|fonts| {
        events
            .iter()
            .filter(|event| !event.label.is_empty())
            .map(|event| {
                let width = fonts
                    .layout_no_wrap(event.label.clone(), label_font(), Color32::WHITE)
                    .size()
                    .x;
                width / event.label.chars().count() as f32
            })
            .fold(1.0_f32, f32::max)
    })
}

fn colour(event: &EventMark) -> Color32 {
    Color32::from_rgb(event.colour.0, event.colour.1, event.colour.2)
}

/// The tooltip of an event at the pointer: date, title, category, description,
/// source and how sure it is.
pub fn event_tooltip(ui: &Ui, event: &EventMark) {
    Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        Id::unique("tradechart-event-tooltip"),
        PopupAnchor::Pointer,
    )
    .gap(12.0)
    .show(|ui| {
        ui.strong(&event.title);
        let category = if event.category.is_empty() {
            String::new()
        } else {
            format!(" · {}", event.category)
        };
        ui.label(format!("{}{category}", event.date_text));
        if !event.description.is_empty() {
            ui.label(&event.description);
        }
        if let Some(source) = &event.source {
            ui.label(RichText::new(format!("Source: {source}")).small());
        }
        if event.status != Status::Reported {
            let status = freshness::status_text(event.status, event.day_after, freshness::today());
            ui.label(RichText::new(format!("Status: {status}")).italics());
        }
    });
}
