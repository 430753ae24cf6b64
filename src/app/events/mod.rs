//! Event annotations in the window, drawn from the one plan of
//! [`chart::annotations`] (the exports draw from it too): headline labels with their
//! whole titles in free space inside the plots (or the strip above), numbered badges
//! on the rail along the top plot's top edge for the other events (a cluster's badge
//! lists its events when hovered), the key under the plots, and the tooltip that tells
//! what an event was.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

pub(super) mod event_editor;
pub(super) mod event_history;
pub(super) mod event_lines;

use eframe::egui;
use egui::{
    Color32, FontId, Id, Label, PopupAnchor, Rect, RichText, Sense, Stroke, Tooltip, Ui, UiBuilder,
    pos2, vec2,
};
use egui_plot::{PlotPoint, PlotTransform};

#[cfg(test)]
use crate::chart::annotations::HeadlineLabel;
use crate::chart::annotations::{
    AnnotationPlan, BADGE_CORNER_PX, LABEL_PAD_PX, PxRect, Scene, plan_annotations,
};
use crate::chart::certainty::Run;
use crate::chart::labels::HIGHLIGHT_IMPORTANCE;
use crate::chart::{self, EventMark, Panel, layout};
use crate::data::{Status, freshness};

fn label_font() -> FontId {
    FontId::proportional(11.0)
}

fn row_height(ui: &Ui) -> f32 {
    ui.fonts_mut(|fonts| fonts.row_height(&label_font())) + 4.0
}

/// Height to reserve above the plots for the strip and the rail under it (none without
/// events). The strip has the rows the last plan used ([`StripRows`]): headlines go
/// inside the plots first, and an empty row of the strip is room the plots lose.
pub fn strip_height(ui: &Ui, events: &[EventMark]) -> f32 {
    if events.is_empty() {
        return 0.0;
    }
    let row_height = row_height(ui);
    let rows = StripRows::for_layout(ui, events).rows;
    (rows + 1) as f32 * row_height + 2.0
}

/// The rows of the strip above the plots, kept from frame to frame while the chart's
/// space and its events stay the same (its layout).
///
/// A new layout starts with the rows of the one before (the first, with the rows
/// [`layout::label_rows`] gives its height). On its first plan, and once the time
/// range shown has stayed the same for a frame after a pan or zoom, the strip takes the
/// rows the plan made in it used (none when every
/// headline found room inside the plots), or all of them when the plan had to key a
/// headline for lack of room. Otherwise it only grows: while the range moves, to the
/// rows each plan used, and to all of them when one keyed a headline. Shrinking once
/// for each range shown is what keeps it still: a strip that shrank whenever it could
/// would make the plots taller, which can move a label out of them into the strip,
/// need the row back, and so on, frame after frame.
#[derive(Clone, Copy, Debug, PartialEq)]
struct StripRows {
    layout: u64,
    rows: usize,
    /// The rows a label strip of this height has at most.
    all_rows: usize,
    /// The time range shown when the rows were last set (its bits).
    view: Option<[u64; 2]>,
    /// True once the rows have been set by a plan of the range `view` shown two frames
    /// running.
    view_settled: bool,
}

impl StripRows {
    fn id() -> Id {
        Id::unique("tradechart-strip-rows")
    }

    /// The rows kept for the layout `ui` and `events` make (a new one starts as the
    /// type's documentation says).
    fn for_layout(ui: &Ui, events: &[EventMark]) -> Self {
        let all_rows =
            layout::label_rows(f64::from(ui.available_height()), f64::from(row_height(ui)));
        let mut hasher = std::hash::DefaultHasher::new();
        ui.available_size().x.to_bits().hash(&mut hasher);
        ui.available_size().y.to_bits().hash(&mut hasher);
        hash_events(events, &mut hasher);
        let layout = hasher.finish();
        let kept = ui.ctx().data(|data| data.get_temp::<Self>(Self::id()));
        kept.filter(|kept| kept.layout == layout)
            .unwrap_or_else(|| {
                let new = Self {
                    layout,
                    // As many as before the change, so that a small one (a note under the
                    // toolbar dismissed) moves nothing.
                    rows: kept.map_or(all_rows, |kept| kept.rows.min(all_rows)),
                    all_rows,
                    view: None,
                    view_settled: false,
                };
                ui.ctx().data_mut(|data| data.insert_temp(Self::id(), new));
                new
            })
    }

    /// Takes in the rows `plan` (made in a strip whose rail starts at `rail_top`, of
    /// the time range `x_view`) used, as the type's documentation says.
    fn follow_plan(
        ui: &Ui,
        plan: &AnnotationPlan,
        events: &[EventMark],
        (rail_top, x_view): (f32, (f64, f64)),
    ) {
        let Some(kept) = ui.ctx().data(|data| data.get_temp::<Self>(Self::id())) else {
            return;
        };
        let keyed_headline = plan
            .key
            .iter()
            .flat_map(|entry| &entry.events)
            .any(|index| events.get(*index).is_some_and(is_headline));
        let used = if keyed_headline {
            kept.all_rows
        } else {
            strip_rows_used(plan, rail_top, row_height(ui)).min(kept.all_rows)
        };
        let new = kept.after_plan(used, x_view);
        if new != kept {
            ui.ctx().data_mut(|data| data.insert_temp(Self::id(), new));
            // One frame more: to draw the new rows, or to settle on the range shown.
            ui.ctx().request_repaint();
        }
    }

    /// The rows after a plan of the time range `x_view` used `used` of them (all of
    /// them when it keyed a headline), as the type's documentation says.
    fn after_plan(self, used: usize, x_view: (f64, f64)) -> Self {
        let view = Some([x_view.0.to_bits(), x_view.1.to_bits()]);
        // The first plan of a layout (its range has not moved), or the first of a range
        // shown again after it moved.
        let settles = self.view.is_none() || (view == self.view && !self.view_settled);
        Self {
            rows: if settles { used } else { self.rows.max(used) },
            view,
            view_settled: settles || (view == self.view && self.view_settled),
            ..self
        }
    }
}

/// Rows of the strip (counted up from the rail at `rail_top`) that `plan`'s labels
/// outside the plots reach.
fn strip_rows_used(plan: &AnnotationPlan, rail_top: f32, row_height: f32) -> usize {
    plan.headlines
        .iter()
        .filter(|label| !label.inside_plot)
        .map(|label| {
            ((rail_top - label.bounds.top) / row_height)
                .round()
                .max(1.0) as usize
        })
        .max()
        .unwrap_or(0)
}

/// Feeds what of `events` a plan depends on into `hasher`.
fn hash_events(events: &[EventMark], hasher: &mut impl Hasher) {
    for event in events {
        event.x.to_bits().hash(hasher);
        event.title.hash(hasher);
        event.importance.hash(hasher);
    }
}

/// True when the key under the plots is wanted: some event is not a headline, and the
/// last plan (if any) keyed one.
pub fn wants_key(ui: &Ui, events: &[EventMark]) -> bool {
    events.iter().any(|event| !is_headline(event))
        && last_plan(ui).is_none_or(|plan| !plan.key.is_empty())
}

/// The plan drawn last (see [`cached_plan`]).
fn last_plan(ui: &Ui) -> Option<Arc<AnnotationPlan>> {
    ui.ctx()
        .data(|data| data.get_temp::<(u64, Arc<AnnotationPlan>)>(plan_id()))
        .map(|(_, plan)| plan)
}

/// True when `event` is a headline (drawn as a full line, labelled with its title).
pub fn is_headline(event: &EventMark) -> bool {
    event.importance >= HIGHLIGHT_IMPORTANCE
}

/// For each event, whether the plots draw its full line: a headline, an event the
/// last plan labelled, or the selected one (the others are ticks on the rail).
pub fn lined_events(ui: &Ui, events: &[EventMark], selected: Option<usize>) -> Vec<bool> {
    let plan = last_plan(ui);
    events
        .iter()
        .enumerate()
        .map(|(index, event)| {
            is_headline(event)
                || selected == Some(index)
                || plan.as_ref().is_some_and(|plan| plan.is_headline(index))
        })
        .collect()
}

fn plan_id() -> Id {
    Id::unique("tradechart-annotation-plan")
}

/// A plot as the annotations see it: where it is, what it shows and what it draws.
pub struct PlotOnScreen<'a> {
    pub transform: PlotTransform,
    pub panel: &'a Panel,
    /// Whether the plot draws markers.
    pub markers: bool,
    /// The runs drawn of each of the panel's lines (none for a hidden one): a dense
    /// panel's thinned to its pixel columns by the level-of-detail cache, so labels
    /// keep off what is on screen without reading every point each frame of a pan.
    pub drawn: Vec<Vec<Run>>,
}

/// What the annotations report back.
#[derive(Clone, Debug, Default)]
pub struct Annotated {
    /// The event whose label or badge is under the pointer.
    pub hovered: Option<usize>,
    /// The event whose label or badge was clicked.
    pub clicked: Option<usize>,
    /// The plan drawn (the key under the plots lists its entries).
    pub plan: Arc<AnnotationPlan>,
}

/// Plans and draws the annotations of `events` over the plots and in `strip` (see
/// the module documentation). Labels and badges are widgets (screen readers and tests
/// find a label by its title, a badge by its number).
pub fn annotations_ui(
    ui: &mut Ui,
    strip: Rect,
    plots: &[PlotOnScreen<'_>],
    events: &[EventMark],
    selected: Option<usize>,
) -> Annotated {
    let Some(first) = plots.first() else {
        return Annotated::default();
    };
    let plan = cached_plan(ui, strip, plots, events);
    let row_height = row_height(ui);
    let rail_top = strip.bottom() - row_height;
    let bounds = first.transform.bounds();
    let x_view = (bounds.min()[0], bounds.max()[0]);
    StripRows::follow_plan(ui, &plan, events, (rail_top, x_view));
    let plot_top = first.transform.frame().top();
    let painter = ui.painter().clone();
    let mut child = ui.new_child(UiBuilder::new().max_rect(ui.max_rect()));
    let mut annotated = Annotated {
        plan: plan.clone(),
        ..Annotated::default()
    };
    for label in &plan.headlines {
        let Some(event) = events.get(label.event) else {
            continue;
        };
        let (from, to) = label.leader;
        painter.line_segment(
            [pos2(from[0], from[1]), pos2(to[0], to[1])],
            Stroke::new(1.0, colour(event).gamma_multiply(0.8)),
        );
        let rect = rect_of(&label.bounds);
        let is_selected = selected == Some(label.event);
        // Square corners, fill and outline one shape (as the export draws it): a box
        // with rounded corners drawn as a fill and then an outline was 178 triangles
        // against 26, and a software renderer (a VM, a remote desktop) shades each
        // thin anti-aliased band of them anew every frame.
        painter.add(egui::epaint::RectShape::new(
            rect,
            0.0,
            ui.visuals().panel_fill.gamma_multiply(0.92),
            Stroke::new(if is_selected { 2.0 } else { 1.0 }, colour(event)),
            egui::StrokeKind::Inside,
        ));
        let mut text = RichText::new(&label.text).font(label_font());
        if event.status != Status::Reported {
            text = text.italics();
        }
        if is_selected {
            text = text.strong();
        }
        let response = child.put(
            rect.shrink2(vec2(LABEL_PAD_PX, 0.0)),
            Label::new(text)
                .selectable(false)
                .extend()
                .sense(Sense::click()),
        );
        note_response(&mut annotated, &response, label.event);
    }
    for badge in &plan.badges {
        let first_event = badge.events.first().copied().unwrap_or_default();
        let Some(event) = events.get(first_event) else {
            continue;
        };
        for index in &badge.events {
            let Some(event) = events.get(*index) else {
                continue;
            };
            let x = first
                .transform
                .position_from_point_x(event.x.max(first.transform.bounds().min()[0]));
            painter.line_segment(
                [
                    pos2(x, rail_top + row_height - 4.0),
                    pos2(x, plot_top + 5.0),
                ],
                Stroke::new(1.5, colour(event)),
            );
        }
        let rect = rect_of(&badge.bounds).shrink2(vec2(0.0, 1.0));
        painter.rect_filled(rect, BADGE_CORNER_PX, colour(event));
        if badge.events.contains(&selected.unwrap_or(usize::MAX)) {
            painter.rect_stroke(
                rect.expand(1.5),
                BADGE_CORNER_PX,
                Stroke::new(1.5, ui.visuals().strong_text_color()),
                egui::StrokeKind::Outside,
            );
        }
        let number = RichText::new(badge.number.to_string())
            .font(label_font())
            .color(ui.visuals().panel_fill);
        let response = child.put(
            rect,
            Label::new(number).selectable(false).sense(Sense::click()),
        );
        if badge.is_cluster() {
            response
                .clone()
                .on_hover_ui(|ui| cluster_tooltip_ui(ui, &badge.events, events));
            if response.clicked() {
                annotated.clicked = Some(first_event);
            }
        } else {
            note_response(&mut annotated, &response, first_event);
        }
    }
    annotated
}

fn note_response(annotated: &mut Annotated, response: &egui::Response, event: usize) {
    if response.hovered() {
        annotated.hovered = Some(event);
    }
    if response.clicked() {
        annotated.clicked = Some(event);
    }
}

/// A cluster's events, one line each: date and title.
fn cluster_tooltip_ui(ui: &mut Ui, cluster: &[usize], events: &[EventMark]) {
    ui.strong(format!("{} events", cluster.len()));
    for event in cluster.iter().filter_map(|index| events.get(*index)) {
        ui.label(format!("{} · {}", event.date_text, event.title));
    }
}

/// The key under the plots: each entry its number and what it stands for, whole;
/// hover one to see its event (a cluster lists its events), click it to select.
/// Returns the event clicked.
pub fn key_ui(ui: &mut Ui, plan: &AnnotationPlan, events: &[EventMark]) -> Option<usize> {
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        for entry in &plan.key {
            let Some(event) = entry.events.first().and_then(|index| events.get(*index)) else {
                continue;
            };
            // The number as on its badge, then the entry (one widget, so it reads
            // and wraps as one).
            let mut job = egui::text::LayoutJob::default();
            let font = egui::TextStyle::Body.resolve(ui.style());
            job.append(
                &format!(" {} ", entry.number),
                0.0,
                egui::TextFormat {
                    font_id: font.clone(),
                    color: ui.visuals().panel_fill,
                    background: colour(event),
                    ..Default::default()
                },
            );
            job.append(
                &entry.text(),
                6.0,
                egui::TextFormat {
                    font_id: font,
                    color: ui.visuals().text_color(),
                    ..Default::default()
                },
            );
            let response = ui.add(Label::new(job).selectable(false).sense(Sense::click()));
            if entry.events.len() > 1 {
                let response =
                    response.on_hover_ui(|ui| cluster_tooltip_ui(ui, &entry.events, events));
                if response.clicked() {
                    clicked = entry.events.first().copied();
                }
            } else {
                if response.hovered() {
                    event_tooltip(ui, event);
                }
                if response.clicked() {
                    clicked = entry.events.first().copied();
                }
            }
        }
    });
    clicked
}

fn rect_of(bounds: &PxRect) -> Rect {
    Rect::from_min_max(
        pos2(bounds.left, bounds.top),
        pos2(bounds.right, bounds.bottom),
    )
}

fn px_rect(rect: Rect) -> PxRect {
    PxRect::new(rect.left(), rect.top(), rect.right(), rect.bottom())
}

/// The plan for this frame: planned again only when the plots, the strip or the events
/// changed (a frame of hovering reuses the last).
fn cached_plan(
    ui: &Ui,
    strip: Rect,
    plots: &[PlotOnScreen<'_>],
    events: &[EventMark],
) -> Arc<AnnotationPlan> {
    let mut hasher = std::hash::DefaultHasher::new();
    for value in [strip.left(), strip.top(), strip.right(), strip.bottom()] {
        value.to_bits().hash(&mut hasher);
    }
    for plot in plots {
        let frame = plot.transform.frame();
        for value in [frame.left(), frame.top(), frame.right(), frame.bottom()] {
            value.to_bits().hash(&mut hasher);
        }
        let bounds = plot.transform.bounds();
        for value in [
            bounds.min()[0],
            bounds.max()[0],
            bounds.min()[1],
            bounds.max()[1],
        ] {
            value.to_bits().hash(&mut hasher);
        }
        plot.markers.hash(&mut hasher);
    }
    hash_events(events, &mut hasher);
    let key = hasher.finish();
    let id = plan_id();
    if let Some((cached_key, plan)) = ui
        .ctx()
        .data(|data| data.get_temp::<(u64, Arc<AnnotationPlan>)>(id))
        && cached_key == key
    {
        return plan;
    }
    let plan = Arc::new(plan_for(ui, strip, plots, events));
    ui.ctx()
        .data_mut(|data| data.insert_temp(id, (key, plan.clone())));
    // The strip's height and the full lines follow the plan: one frame more draws
    // them by this one.
    ui.ctx().request_repaint();
    plan
}

fn plan_for(
    ui: &Ui,
    strip: Rect,
    plots: &[PlotOnScreen<'_>],
    events: &[EventMark],
) -> AnnotationPlan {
    let Some(first) = plots.first() else {
        return AnnotationPlan::default();
    };
    let bounds = first.transform.bounds();
    let x_view = (bounds.min()[0], bounds.max()[0]);
    let row_height = row_height(ui);
    let frames: Vec<Rect> = plots.iter().map(|plot| *plot.transform.frame()).collect();
    let (left, right) = (
        first.transform.frame().left(),
        first.transform.frame().right(),
    );
    let rail = PxRect::new(left, strip.bottom() - row_height, right, strip.bottom());
    let mut obstacles = Vec::new();
    let mut markers = Vec::new();
    let mut segments = Vec::new();
    // The data is an obstacle only to labels: with no event in view (a file without
    // events, or zoomed between them) its lines are not read, which on every frame of
    // a pan over 10M points cost half as much again as the rest of the frame.
    let labels_possible = any_event_in_view(events, x_view);
    for plot in plots {
        obstacles.push(legend_rect(ui, plot));
        if labels_possible {
            data_on_screen(plot, x_view, &mut markers, &mut segments);
        }
    }
    // A label keeps off other headlines' lines.
    for event in events.iter().filter(|event| is_headline(event)) {
        let x = first.transform.position_from_point_x(event.x);
        segments.extend(
            frames
                .iter()
                .map(|frame| [[x, frame.top()], [x, frame.bottom()]]),
        );
    }
    let last_bottom = frames.last().map_or(strip.bottom(), |frame| frame.bottom());
    let measure = |text: &str| {
        ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_string(), label_font(), Color32::WHITE)
                .size()
                .x
        })
    };
    let scene = Scene {
        canvas: PxRect::new(left, strip.top(), right, last_bottom),
        plots: frames.into_iter().map(px_rect).collect(),
        x_view,
        rail,
        strip: PxRect::new(left, strip.top(), right, rail.top),
        obstacles,
        markers,
        segments,
        label_height: row_height,
        text_width: &measure,
    };
    plan_annotations(events, &scene)
}

/// The legend in a plot's top left corner (egui_plot's), as a box labels keep off.
fn legend_rect(ui: &Ui, plot: &PlotOnScreen<'_>) -> PxRect {
    let frame = plot.transform.frame();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = plot
        .panel
        .lines
        .iter()
        .map(|line| {
            ui.fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(line.name.clone(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            })
        })
        .fold(0.0_f32, f32::max);
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    PxRect::new(
        frame.left(),
        frame.top(),
        frame.left() + widest + 40.0,
        frame.top() + row * plot.panel.lines.len() as f32 + 16.0,
    )
}

/// True when an event's line or span reaches into `x_view`.
fn any_event_in_view(events: &[EventMark], x_view: (f64, f64)) -> bool {
    events.iter().any(|event| {
        let end = event.end_x.unwrap_or(event.x).max(event.x);
        event.x <= x_view.1 && end >= x_view.0
    })
}

/// Markers (when drawn) and line segments of a plot in screen points, from the runs
/// drawn; a run with more values in view than its plot has columns is thinned to
/// per-column extremes.
fn data_on_screen(
    plot: &PlotOnScreen<'_>,
    x_view: (f64, f64),
    markers: &mut Vec<PxRect>,
    segments: &mut Vec<[[f32; 2]; 2]>,
) {
    let frame = plot.transform.frame();
    let to_screen = |point: &[f64; 2]| {
        let pos = plot
            .transform
            .position_from_point(&PlotPoint::new(point[0], point[1]));
        [pos.x, pos.y]
    };
    let columns = frame.width().max(1.0) as usize;
    for (line, runs) in plot.panel.lines.iter().zip(&plot.drawn) {
        for run in runs {
            let visible = chart::decimate::visible_slice(&run.points, x_view);
            let points = if visible.len() > columns * 2 {
                chart::decimate::per_column_extremes(visible, x_view, columns / 2)
            } else {
                visible.to_vec()
            };
            let screen: Vec<[f32; 2]> = points.iter().map(to_screen).collect();
            segments.extend(screen.windows(2).map(|pair| [pair[0], pair[1]]));
        }
        if plot.markers && layout::markers_fit(line, x_view, f64::from(frame.width())) {
            markers.extend(
                line.markers
                    .iter()
                    .filter(|marker| marker.x >= x_view.0 && marker.x <= x_view.1)
                    .map(|marker| {
                        let [x, y] = to_screen(&[marker.x, marker.y]);
                        PxRect::new(x - 4.5, y - 4.5, x + 4.5, y + 4.5)
                    }),
            );
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Chart, ChartOptions};
    use crate::data::{Dataset, Period, Point, Series, Unit};

    fn event_at(x: f64, end_x: Option<f64>) -> EventMark {
        EventMark {
            x,
            end_x,
            ..EventMark::default()
        }
    }

    fn strip_of(rows: usize) -> StripRows {
        StripRows {
            layout: 7,
            rows,
            all_rows: rows,
            view: None,
            view_settled: false,
        }
    }

    #[test]
    fn the_strip_takes_the_rows_used_once_the_range_shown_is_still() {
        let view = (2016.0, 2027.0);
        // The first plan of a layout, in all five rows, used one: the strip keeps it.
        let settled = strip_of(5).after_plan(1, view);
        assert_eq!(settled.rows, 1);
        // Having shrunk, it does not shrink again for this range (the plots grew, and
        // a plan may now use none) but grows back when a plan needs more.
        assert_eq!(settled.after_plan(0, view).rows, 1);
        assert_eq!(settled.after_plan(5, view).rows, 5);
        assert_eq!(settled.after_plan(5, view).after_plan(1, view).rows, 5);
    }

    #[test]
    fn while_the_range_shown_moves_the_strip_only_grows_then_settles_when_it_stops() {
        let mut strip = strip_of(5).after_plan(1, (2016.0, 2027.0));
        assert_eq!(strip.rows, 1);
        // A pan: each frame shows another range.
        for (step, used) in [(0.1, 0), (0.2, 2), (0.3, 0)] {
            strip = strip.after_plan(used, (2016.0 + step, 2027.0 + step));
            assert_eq!(strip.rows, if step < 0.15 { 1 } else { 2 }, "{step}");
        }
        // The pan ends: the next frame of the same range takes what it used.
        assert_eq!(strip.after_plan(0, (2016.3, 2027.3)).rows, 0);
    }

    #[test]
    fn the_rows_used_are_counted_up_from_the_rail() {
        let row = 17.0;
        let rail_top = 200.0;
        let label = |top: f32, inside_plot: bool| HeadlineLabel {
            event: 0,
            text: String::new(),
            bounds: PxRect::new(0.0, top, 50.0, top + row),
            leader: ([0.0, 0.0], [0.0, 0.0]),
            inside_plot,
        };
        let plan = |headlines| AnnotationPlan {
            headlines,
            ..AnnotationPlan::default()
        };
        assert_eq!(strip_rows_used(&plan(vec![]), rail_top, row), 0);
        assert_eq!(
            strip_rows_used(&plan(vec![label(rail_top - row, false)]), rail_top, row),
            1
        );
        let two = vec![
            label(rail_top - row, false),
            label(rail_top - 3.0 * row, false),
            // Inside a plot: not in the strip.
            label(rail_top + 40.0, true),
        ];
        assert_eq!(strip_rows_used(&plan(two), rail_top, row), 3);
    }

    #[test]
    fn an_event_is_in_view_by_its_line_or_by_its_span() {
        let view = (2018.0, 2020.0);
        assert!(!any_event_in_view(&[], view));
        assert!(any_event_in_view(&[event_at(2019.5, None)], view));
        assert!(!any_event_in_view(
            &[event_at(2015.0, None), event_at(2021.0, None)],
            view
        ));
        // A span from before the view into it.
        assert!(any_event_in_view(&[event_at(2016.0, Some(2018.5))], view));
        assert!(!any_event_in_view(&[event_at(2016.0, Some(2017.5))], view));
    }

    /// A plot 100 px wide and 100 px tall showing x 2000–2010 and y 0–10, of a panel
    /// of two series, with `drawn` as its drawn runs.
    fn plot_of(panel: &Panel, drawn: Vec<Vec<Run>>) -> PlotOnScreen<'_> {
        PlotOnScreen {
            transform: PlotTransform::new(
                egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(100.0, 100.0)),
                egui_plot::PlotBounds::from_min_max([2000.0, 0.0], [2010.0, 10.0]),
                false,
            ),
            panel,
            markers: false,
            drawn,
        }
    }

    fn two_series_panel() -> Panel {
        let series = |name: &str, value: f64| Series {
            name: name.into(),
            unit: Unit::parse("USD bn"),
            step: false,
            source: None,
            points: (2000..2010)
                .map(|year| Point::new(Period::Year(year), Some(value)))
                .collect(),
        };
        let dataset = Dataset {
            series: vec![series("A", 2.0), series("B", 8.0)],
            ..Dataset::default()
        };
        let chart = Chart::build(&dataset, &ChartOptions::default());
        chart.panels.into_iter().next().unwrap()
    }

    #[test]
    fn the_data_in_the_way_of_labels_is_what_is_drawn_and_a_hidden_line_is_not() {
        let panel = two_series_panel();
        assert_eq!(panel.lines.len(), 2);
        let run = |y: f64| Run {
            points: vec![[2001.0, y], [2005.0, y], [2009.0, y]],
            dashed: false,
        };
        // Line A drawn as one run at y 2; line B hidden (nothing drawn).
        let plot = plot_of(&panel, vec![vec![run(2.0)], Vec::new()]);
        let (mut markers, mut segments) = (Vec::new(), Vec::new());
        data_on_screen(&plot, (2000.0, 2010.0), &mut markers, &mut segments);
        // y 2 of 0–10 is 80 px down a 100 px plot; x 2001 is 10 px in.
        assert_eq!(
            segments,
            vec![[[10.0, 80.0], [50.0, 80.0]], [[50.0, 80.0], [90.0, 80.0]]]
        );
        assert!(markers.is_empty(), "the plot draws no markers");
    }
}
