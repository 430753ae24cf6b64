//! Paints a [`Chart`] with egui_plot: one plot per panel stacked with cursors linked,
//! every plot showing the view's time range (given each frame, not kept in egui_plot's
//! memory), series as lines with markers, events as lines and spans through every
//! panel, and the event label strip above the plots.

pub(super) mod dense_line;
pub(super) mod navigation;
pub(super) mod readout;

use eframe::egui;
use egui::{Color32, FontId, Id, Sense, Ui, Vec2b, vec2};
use egui_plot::{
    Corner, GridInput, GridMark, ItemId, Legend, Line as PlotLine, LineStyle, MarkerShape, Plot,
    PlotMemory, PlotPoint, PlotPoints, PlotUi, Points, Span,
};

use super::TradeChartApp;
use super::analysis;
use super::dense_line::DenseLine;
use super::event_lines::{EventLine, EventLines};
use super::events;
use super::navigation::Navigation;
use crate::chart::annotations::AnnotationPlan;
use crate::chart::decimate::{self, LodCache};
use crate::chart::layout;
use crate::chart::{self, Chart, EventMark, Line, Panel, Rgb, Run, scale};
use crate::data::Status;

/// How close (in pixels) the pointer must come to an event line to hover it.
const EVENT_HOVER_PX: f32 = 5.0;
/// Within this many pixels of a value's marker the value is read, not an event whose
/// line passes there (a yearly marker sits at mid-year, often on an event's line).
const MARKER_HOVER_PX: f32 = 6.0;
/// Smallest useful plot height; below it plots overflow and the panel scrolls off.
const MIN_PLOT_HEIGHT: f32 = 80.0;
/// Room a time label keeps from the plot's right edge, in pixels.
const LABEL_EDGE_PAD_PX: f32 = 2.0;

/// What the chart shows this frame.
#[derive(Clone, Copy, Debug)]
pub struct ChartInput<'a> {
    pub chart: &'a Chart,
    /// The events to draw: those the filters let through.
    pub events: &'a [EventMark],
    /// Index into `events` of the selected event.
    pub selected: Option<usize>,
    /// Draw the label strip above the plots.
    pub show_labels: bool,
    /// Names of the series hidden (the view's): drawn as unticked legend entries only.
    pub hidden_series: &'a [String],
    /// The time range every plot shows (the view's): what the pointer does this
    /// frame starts from it, and the range it moves to comes back in
    /// [`ChartHover::moved_x`].
    pub x: (f64, f64),
    /// The value axes stay as they are (or as the user drags them) instead of fitting
    /// the data in view.
    pub lock_y: bool,
    /// Changes whenever a new chart is loaded, so plots (the value axes and legends
    /// egui_plot keeps) and their cursor link start afresh.
    pub generation: u64,
}

/// What the pointer did on the chart in a frame, and what it shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartHover {
    /// Index into the drawn events of the event line or label under the pointer.
    pub event: Option<usize>,
    /// Index into the drawn events of the event line or label clicked.
    pub clicked: Option<usize>,
    /// The time under the pointer when it is over a plot (the cursor is linked).
    pub pointer_x: Option<f64>,
    /// The time range the plots show.
    pub visible_x: Option<(f64, f64)>,
    /// The time range a drag, the wheel or a box moved the plots to this frame, for
    /// the view to take (`None`: the pointer moved nothing).
    pub moved_x: Option<(f64, f64)>,
    /// "Lock Y" switched on or off this frame.
    pub lock_y: Option<bool>,
    /// Where that range is on screen: the left and right edges of the plots.
    pub frame_x: Option<(f32, f32)>,
    /// A plot was double-clicked (which fits the view).
    pub double_clicked: bool,
    /// Where each panel's plot is and what it shows, top to bottom.
    pub plots: Vec<PlotPlace>,
    /// The series hidden after a click on a legend entry changed them.
    pub hidden_series: Option<Vec<String>>,
}

/// Where a plot is on screen and the ranges it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotPlace {
    pub frame: egui::Rect,
    /// Time, fractional years.
    pub x: (f64, f64),
    /// Values, as drawn (logarithms on a log panel).
    pub y: (f64, f64),
}

impl ChartHover {
    /// Takes in one panel's plot, drawn with `transform`: where it is, what it shows,
    /// the event `hovered` on it and the time under the pointer.
    fn add_plot(
        &mut self,
        response: &egui::Response,
        transform: &egui_plot::PlotTransform,
        hovered: Option<usize>,
        pointer_x: Option<f64>,
    ) {
        let bounds = transform.bounds();
        self.plots.push(PlotPlace {
            frame: *transform.frame(),
            x: (bounds.min()[0], bounds.max()[0]),
            y: (bounds.min()[1], bounds.max()[1]),
        });
        self.event = self.event.or(hovered);
        self.pointer_x = self.pointer_x.or(pointer_x);
        if response.clicked() && hovered.is_some() {
            self.clicked = hovered;
        }
        self.double_clicked |= response.double_clicked();
    }
}

impl TradeChartApp {
    /// The value range each panel's plot showed in the last frame, top to bottom.
    pub fn visible_value_ranges(&self) -> Vec<(f64, f64)> {
        self.hover.plots.iter().map(|plot| plot.y).collect()
    }

    /// The time range each panel's plot showed in the last frame, top to bottom.
    pub fn plotted_time_ranges(&self) -> Vec<(f64, f64)> {
        self.hover.plots.iter().map(|plot| plot.x).collect()
    }

    /// Where the value `(x, y)` was drawn in panel `panel` in the last frame.
    pub fn screen_pos_of_value(&self, panel: usize, x: f64, y: f64) -> Option<egui::Pos2> {
        let plot = self.hover.plots.get(panel)?;
        let share_x = (x - plot.x.0) / (plot.x.1 - plot.x.0);
        let share_y = (y - plot.y.0) / (plot.y.1 - plot.y.0);
        (share_x.is_finite() && share_y.is_finite()).then(|| {
            egui::pos2(
                plot.frame.left() + plot.frame.width() * share_x as f32,
                plot.frame.bottom() - plot.frame.height() * share_y as f32,
            )
        })
    }
}

/// Moves a locked value axis by the drag's vertical shift (nothing when there is none).
fn shift_value_bounds(plot_ui: &mut PlotUi<'_>, y_shift: f64) {
    if y_shift != 0.0 {
        let bounds = plot_ui.plot_bounds();
        let (low, high) = (bounds.min()[1], bounds.max()[1]);
        plot_ui.set_plot_bounds_y(low + y_shift..=high + y_shift);
    }
}

/// The height of each of `panels` stacked plots in the space left in `ui`, above the
/// footer: the Lock Y row, `footer.rows` rows of text (the key to the drawing, legends
/// under plots) and the event key's `footer.event_key` points.
fn plot_height(ui: &Ui, panels: usize, footer: Footer) -> f32 {
    let spacing = ui.spacing().item_spacing.y;
    let rows = footer.rows;
    let footer_height = ui.spacing().interact_size.y
        + rows as f32 * ui.text_style_height(&egui::TextStyle::Body)
        + spacing * (rows as f32 + 1.0)
        + footer.event_key;
    let panel_count = panels as f32;
    ((ui.available_height() - footer_height - spacing * panel_count) / panel_count)
        .max(MIN_PLOT_HEIGHT)
}

/// The strip above the plots that holds the event labels that do not fit inside
/// them (none when labels are off).
fn event_strip(ui: &mut Ui, show_labels: bool, events: &[EventMark]) -> egui::Rect {
    let strip_height = if show_labels {
        events::strip_height(ui, events)
    } else {
        0.0
    };
    ui.allocate_exact_size(vec2(ui.available_width(), strip_height), Sense::hover())
        .0
}

/// The time under the mouse pointer over this plot, if it is over it.
fn pointer_time(plot_ui: &PlotUi<'_>) -> Option<f64> {
    plot_ui
        .response()
        .hovered()
        .then(|| plot_ui.pointer_coordinate().map(|pointer| pointer.x))
        .flatten()
}

/// What the chart's place says when the dataset has no series.
fn no_series_ui(ui: &mut Ui) -> ChartHover {
    ui.centered_and_justified(|ui| {
        ui.label("This dataset has no series to draw.");
    });
    ChartHover::default()
}

/// Draws the whole chart in the space left in `ui`.
pub fn chart_ui(ui: &mut Ui, input: ChartInput<'_>) -> ChartHover {
    let ChartInput {
        chart,
        events,
        selected,
        show_labels,
        hidden_series,
        x,
        lock_y,
        generation,
    } = input;
    if chart.panels.is_empty() {
        return no_series_ui(ui);
    }
    let strip_rect = event_strip(ui, show_labels, events);
    let (key_rows, event_key, footer) = footer_of(ui, chart, show_labels, events);
    let (plot_height, y_axis_width, legends_under) = plot_sizes(ui, chart, footer);
    // Only the cursor is linked: every plot is given the view's time range.
    let link = Id::unique(("tradechart-cursor-link", generation));
    let mut navigation = Navigation::load(ui, generation);
    // The range shown, moved by the pointer on any plot this frame.
    let mut shown_x = x;

    let mut hover = ChartHover::default();
    let mut hidden_now = hidden_series.to_vec();
    let mut first_transform = None;
    let mut on_screen = Vec::with_capacity(chart.panels.len());
    let lined = events::lined_events(ui, events, selected);
    let finest_period = chart.finest_period();
    // Direct labels replace the legend and need room right of the plots.
    let label_room = analysis::label_room(ui, chart);
    for ((index, panel), legend_under) in chart.panels.iter().enumerate().zip(&legends_under) {
        let legend_inside = !chart.direct_labels && legend_under.is_empty();
        let legend_fraction = legend_fraction(ui, panel, legend_inside, plot_height);
        let hidden = hidden_lines(panel, hidden_series);
        let legend = (&hidden[..], legend_inside);
        let mut plot = panel_plot(
            ui.ctx(),
            (panel, shown_x, finest_period),
            (generation, index),
            link,
            legend,
        )
        .height(plot_height)
        .y_axis_min_width(y_axis_width);
        if label_room > 0.0 {
            plot = plot.width((ui.available_width() - label_room).max(MIN_PLOT_HEIGHT));
        }
        let dense = is_dense(panel, ui.available_width());
        let lod_id = Id::unique(("tradechart-lod", generation, index));
        let navigation = &mut navigation;
        // Kept before the plot so that the zero line is painted behind its lines.
        let zero_line_slot = ui.painter().add(egui::Shape::Noop);
        let response = plot.show(ui, |plot_ui| {
            let moved = navigation.move_plot(plot_ui, shown_x, chart.x_range, lock_y);
            let view = moved.x;
            plot_ui.set_plot_bounds_x(view.0..=view.1);
            let hovered = hovered_event(plot_ui, events, panel, &hidden, &lined);
            add_events(plot_ui, events, (hovered, selected), &lined);
            if let Some((start, end)) = navigation.zoom_box {
                add_zoom_box(plot_ui, start, end);
            }
            let drawn = add_lines(
                plot_ui,
                panel,
                chart,
                view,
                dense.then_some(lod_id),
                &hidden,
            );
            if lock_y {
                shift_value_bounds(plot_ui, moved.y_shift);
            } else {
                let values = value_range_of(&drawn, view);
                let (low, high) = layout::value_bounds(panel, values, f64::from(legend_fraction));
                plot_ui.set_plot_bounds_y(low..=high);
            }
            (hovered, pointer_time(plot_ui), view, drawn)
        });
        let (hovered, pointer_x, drawn_view, drawn) = response.inner;
        shown_x = drawn_view;
        let plot_id = legend_inside.then(|| panel_plot_id(generation, index));
        let legend = (panel, plot_id, &legend_under[..]);
        panel_legend_ui(ui, legend, y_axis_width, (&hidden, &mut hidden_now));
        paint_over_plot(
            ui,
            (chart, panel),
            events,
            &response.transform,
            zero_line_slot,
        );
        let bounds = response.transform.bounds();
        if dense && !same_view(Some(drawn_view), (bounds.min()[0], bounds.max()[0])) {
            // The lines were thinned for last frame's view: draw once more for this one.
            ui.ctx().request_repaint();
        }
        hover.add_plot(&response.response, &response.transform, hovered, pointer_x);
        first_transform.get_or_insert(response.transform);
        on_screen.push(events::PlotOnScreen {
            transform: response.transform,
            panel,
            markers: chart.show_markers,
            drawn,
        });
    }
    hover.hidden_series = (hidden_now != hidden_series).then_some(hidden_now);
    if let Some(transform) = first_transform {
        let bounds = transform.bounds();
        hover.visible_x = Some((bounds.min()[0], bounds.max()[0]));
        hover.frame_x = Some((transform.frame().left(), transform.frame().right()));
        if shown_x != x {
            // For the view; the plots above the one moved show it next frame.
            hover.moved_x = Some(shown_x);
            ui.ctx().request_repaint();
        } else if navigation.zoom_box.is_some() {
            ui.ctx().request_repaint();
        }
        let plan = show_labels
            .then(|| annotate(ui, (strip_rect, &on_screen), events, selected, &mut hover));
        hover.lock_y = footer_ui(ui, lock_y, &key_rows);
        let clicked = plan.and_then(|plan| event_key_ui(ui, &plan, events, event_key));
        hover.clicked = hover.clicked.or(clicked);
    }
    navigation.store(ui, generation);
    if let Some(event) = hover.event.and_then(|index| events.get(index)) {
        events::event_tooltip(ui, event);
    }
    hover
}

/// Points: a grid line is 1.
const ZERO_LINE_WIDTH: f32 = 1.5;

/// The line at zero of a panel read against zero, where [`layout::shows_zero_line`]
/// says (as the export draws it): in the colour of the value axis' labels and a little
/// wider than a grid line, so that the grid line at zero (drawn over it, fainter)
/// does not hide it; painted into `slot` (kept before the plot, so behind the lines).
fn paint_zero_line(
    ui: &Ui,
    slot: egui::layers::ShapeIdx,
    panel: &Panel,
    transform: &egui_plot::PlotTransform,
) {
    let bounds = transform.bounds();
    if !layout::shows_zero_line(panel, (bounds.min()[1], bounds.max()[1])) {
        return;
    }
    let frame = transform.frame();
    let y = transform
        .position_from_point(&PlotPoint::new(bounds.min()[0], 0.0))
        .y;
    ui.painter().set(
        slot,
        egui::Shape::line_segment(
            [egui::pos2(frame.left(), y), egui::pos2(frame.right(), y)],
            egui::Stroke::new(ZERO_LINE_WIDTH, ui.visuals().text_color()),
        ),
    );
}

/// Paints what goes with a panel's plot once it is drawn: the zero line (into
/// `zero_line_slot`, kept behind the plot), its frame, the brackets of events that span
/// time, and the direct labels at the lines' ends.
fn paint_over_plot(
    ui: &Ui,
    (chart, panel): (&Chart, &Panel),
    events: &[EventMark],
    transform: &egui_plot::PlotTransform,
    zero_line_slot: egui::layers::ShapeIdx,
) {
    paint_zero_line(ui, zero_line_slot, panel, transform);
    paint_plot_frame(ui, *transform.frame());
    paint_brackets(ui, transform, events);
    if chart.direct_labels {
        analysis::paint_end_labels(ui, panel, transform);
    }
}

/// Plans and draws the event annotations (see [`events::annotations_ui`]) over the
/// plots and in the strip; the label or badge hovered or clicked goes into `hover`.
fn annotate(
    ui: &mut Ui,
    (strip, plots): (egui::Rect, &[events::PlotOnScreen<'_>]),
    events: &[EventMark],
    selected: Option<usize>,
    hover: &mut ChartHover,
) -> std::sync::Arc<AnnotationPlan> {
    let annotated = events::annotations_ui(ui, strip, plots, events, selected);
    hover.event = hover.event.or(annotated.hovered);
    hover.clicked = hover.clicked.or(annotated.clicked);
    annotated.plan
}

/// What goes under the plots of `chart` in `ui`: the rows of the key to the drawing,
/// the event key's height, and both together.
fn footer_of(
    ui: &Ui,
    chart: &Chart,
    show_labels: bool,
    events: &[EventMark],
) -> (Vec<String>, EventKeyHeight, Footer) {
    let key_rows = key_rows(ui, &cached_legend_notes(ui, chart), ui.available_width());
    let event_key = EventKeyHeight::kept(ui, show_labels, events);
    let footer = Footer {
        rows: key_rows.len(),
        event_key: event_key.room(ui),
    };
    (key_rows, event_key, footer)
}

/// What goes under the plots besides the Lock Y row.
#[derive(Clone, Copy, Debug)]
struct Footer {
    /// Rows of text: the key to the drawing, and legends drawn under plots.
    rows: usize,
    /// Points the event key takes (see [`EventKeyHeight`]).
    event_key: f32,
}

/// Lines of text the event key is given before it has been measured, and may take
/// at least when it scrolls.
const EVENT_KEY_MIN_LINES: f32 = 3.0;
/// Share of the chart's height the event key may take at most; past it, it scrolls.
const EVENT_KEY_MAX_SHARE: f32 = 0.22;

/// The event key's height under the plots, as it was measured when last drawn, kept
/// from frame to frame: it grows at once to what its entries need, up to
/// [`EVENT_KEY_MAX_SHARE`] of the chart's height (past that it scrolls, with its
/// scroll bar shown), and shrinks only by more than a line. A key that followed every
/// small change could shrink, give the plots the room to label one event more
/// inside them, key one fewer, grow back, and so on, frame after frame.
#[derive(Clone, Copy, Debug, PartialEq)]
struct EventKeyHeight {
    /// Points the entries take, as last drawn (`None` before they have been).
    content: Option<f32>,
    /// Points the key is given.
    kept: f32,
    /// Points it may take at most in this chart.
    most: f32,
    /// Points the footer above the key took beyond what was reckoned for it, when last
    /// drawn: kept in hand, so that the key is not cut off at the window's bottom.
    shortfall: f32,
    /// False when there is no key to draw.
    shown: bool,
}

impl EventKeyHeight {
    fn id() -> Id {
        Id::unique("tradechart-event-key-height")
    }

    fn line_height(ui: &Ui) -> f32 {
        ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y
    }

    /// The height kept for the event key in the chart about to be drawn in `ui`: none
    /// when the labels are off or the last plan keyed no event.
    fn kept(ui: &Ui, show_labels: bool, events: &[EventMark]) -> Self {
        let line = Self::line_height(ui);
        let most = (ui.available_height() * EVENT_KEY_MAX_SHARE).max(EVENT_KEY_MIN_LINES * line);
        let shown = show_labels && events::wants_key(ui, events);
        let stored = ui.ctx().data(|data| data.get_temp::<Self>(Self::id()));
        let content = stored.and_then(|stored| stored.content);
        let kept = match stored {
            Some(stored) if stored.content.is_some() => stored.kept.min(most),
            // A line more than its least: a wrapped entry is taller than a line.
            _ => (EVENT_KEY_MIN_LINES + 1.0) * line,
        };
        Self {
            content,
            kept,
            most,
            shortfall: stored.map_or(0.0, |stored| stored.shortfall),
            shown,
        }
    }

    /// Points to keep under the plots for the key.
    fn room(&self, ui: &Ui) -> f32 {
        if self.shown {
            self.kept + self.shortfall + ui.spacing().item_spacing.y
        } else {
            0.0
        }
    }

    /// The height the key is drawn in when `available` points are left for it: when
    /// it scrolls, whole lines of `line_pitch` points (and the margin the entries
    /// have beyond their lines), so that none shows cut in half.
    fn drawn(&self, available: f32, line_pitch: f32) -> f32 {
        let height = self.kept.min(available);
        match self.content {
            Some(content) if content > height + 0.5 && line_pitch > 0.0 => {
                let margin = (content - (content / line_pitch).round() * line_pitch).max(0.0);
                margin + ((height - margin) / line_pitch).floor().max(1.0) * line_pitch
            }
            _ => height,
        }
    }

    /// True when the entries need more than the key is given (it scrolls).
    fn scrolls(&self, available: f32) -> bool {
        self.content
            .is_some_and(|content| content > self.kept.min(available) + 0.5)
    }

    /// Takes in the height the entries took when drawn, and the points that were left
    /// for the key; one frame more draws the key at its new height.
    fn measured(self, ui: &Ui, content: f32, available: f32) {
        if let Some(new) = self.after_drawing(content, available, Self::line_height(ui)) {
            ui.ctx().data_mut(|data| data.insert_temp(Self::id(), new));
            ui.ctx().request_repaint();
        }
    }

    /// The height to keep after the entries took `content` points when drawn with
    /// `available` points left for them (lines `line` points apart), as the type's
    /// documentation says; `None` when it stays (changes below half a point are left
    /// out: the plots' height follows this one, and the plan of the labels each change
    /// of it).
    fn after_drawing(self, content: f32, available: f32, line: f32) -> Option<Self> {
        let wanted = content.min(self.most);
        let kept = if wanted > self.kept || wanted < self.kept - 1.5 * line {
            wanted
        } else {
            self.kept
        };
        let shortfall =
            (self.shortfall + self.kept.min(content) - available).clamp(0.0, 4.0 * line);
        let changed = (kept - self.kept).abs() > 0.5
            || (shortfall - self.shortfall).abs() > 0.5
            || self.content.is_none_or(|old| (old - content).abs() > 0.5);
        changed.then_some(Self {
            content: Some(content),
            kept,
            shortfall,
            ..self
        })
    }
}

/// The event key under the plots, `height` high (scrolling past it, with its scroll
/// bar shown); returns the event clicked.
fn event_key_ui(
    ui: &mut Ui,
    plan: &AnnotationPlan,
    events: &[EventMark],
    height: EventKeyHeight,
) -> Option<usize> {
    if plan.key.is_empty() {
        return None;
    }
    let available = ui.available_height().max(EventKeyHeight::line_height(ui));
    // The key's entries wrap as one text: its lines are a font row apart.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let line_pitch = ui.fonts_mut(|fonts| fonts.row_height(&font));
    let scrolls = height.scrolls(available);
    let output = ui
        .scope(|ui| {
            if scrolls {
                // A solid bar, always shown: the reader sees that the key goes on.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            }
            egui::ScrollArea::vertical()
                .id_salt("tradechart-event-key")
                .max_height(height.drawn(available, line_pitch))
                .scroll_bar_visibility(if scrolls {
                    egui::scroll_area::ScrollBarVisibility::AlwaysVisible
                } else {
                    egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded
                })
                .show(ui, |ui| events::key_ui(ui, plan, events))
        })
        .inner;
    height.measured(ui, output.content_size.y, available);
    output.inner
}

/// Under the plots: "Lock Y" (`lock_y`: its state; returns it when switched), then
/// the key to dashed and hollow drawing (the window's counterpart of the exported
/// chart's key) in the rows [`key_rows`] made, each note whole.
fn footer_ui(ui: &mut Ui, lock_y: bool, key_rows: &[String]) -> Option<bool> {
    let switched = ui.horizontal(|ui| navigation::lock_y_ui(ui, lock_y)).inner;
    for row in key_rows {
        ui.add(egui::Label::new(egui::RichText::new(row).weak()).wrap());
    }
    switched
}

/// Separates the notes of a key row.
const KEY_SEPARATOR: &str = " · ";

/// The key's notes in rows that fit `width`, each note whole (see [`pack_rows`]).
fn key_rows(ui: &Ui, notes: &[String], width: f32) -> Vec<String> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widths: Vec<f32> = notes
        .iter()
        .map(|note| text_width(ui, note, font.clone()))
        .collect();
    let separator = text_width(ui, KEY_SEPARATOR, font);
    pack_rows(&widths, separator, width)
        .into_iter()
        .filter_map(|row| notes.get(row))
        .map(|row| row.join(KEY_SEPARATOR))
        .collect()
}

/// Items of `widths` (in order) packed into rows no wider than `max_width`, with
/// `separator` between neighbours in a row; an item wider than a row has one to
/// itself. Returns each row's range of items.
fn pack_rows(widths: &[f32], separator: f32, max_width: f32) -> Vec<std::ops::Range<usize>> {
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0.0_f32);
    for (index, width) in widths.iter().enumerate() {
        if index > start && used + separator + width > max_width {
            rows.push(start..index);
            (start, used) = (index, 0.0);
        }
        used += if index > start { separator } else { 0.0 } + width;
    }
    if start < widths.len() {
        rows.push(start..widths.len());
    }
    rows
}

/// The span of a right-button box being drawn, in every plot.
fn add_zoom_box(plot_ui: &mut PlotUi<'_>, start: f64, end: f64) {
    let colour = plot_ui.ctx().global_style().visuals.selection.bg_fill;
    plot_ui.span(
        Span::new("", start.min(end)..=start.max(end))
            .fill(colour.gamma_multiply(0.3))
            .border_width(0.0),
    );
}

/// For each line of `panel`, whether it is among `hidden_series` (the view's).
fn hidden_lines(panel: &Panel, hidden_series: &[String]) -> Vec<bool> {
    panel
        .lines
        .iter()
        .map(|line| hidden_series.contains(&line.name))
        .collect()
}

/// For each line of `panel`, whether its legend entry is unticked after this frame
/// (egui_plot keeps that in the plot's memory, by an id made from the line's name; it
/// starts each frame from the view, see [`panel_plot`]).
fn legend_hidden_lines(ui: &Ui, panel: &Panel, plot_id: Id) -> Vec<bool> {
    let hidden = PlotMemory::load(ui.ctx(), plot_id).map(|memory| memory.hidden_items);
    panel
        .lines
        .iter()
        .map(|line| {
            hidden
                .as_ref()
                .is_some_and(|hidden| hidden.contains(&ItemId::new(line.name.as_str())))
        })
        .collect()
}

/// A panel's legend once its plot is drawn: inside the plot (egui_plot's, of the plot
/// `plot_id`, whose clicks are read back from its memory) or under it in `rows`
/// (indented by `y_axis_width`); a click on an entry goes into `hidden_now`.
fn panel_legend_ui(
    ui: &mut Ui,
    (panel, plot_id, rows): (&Panel, Option<Id>, &[std::ops::Range<usize>]),
    y_axis_width: f32,
    (hidden, hidden_now): (&[bool], &mut Vec<String>),
) {
    match plot_id {
        Some(plot_id) => {
            let in_legend = legend_hidden_lines(ui, panel, plot_id);
            follow_legend(hidden_now, panel, hidden, &in_legend);
        }
        None => legend_under_ui(ui, (panel, rows), y_axis_width, (hidden, hidden_now)),
    }
}

/// Takes a click on a legend entry of `panel` into `hidden_series`: the lines whose
/// entry changed from `drawn_hidden` to `in_legend` are hidden or shown.
fn follow_legend(
    hidden_series: &mut Vec<String>,
    panel: &Panel,
    drawn_hidden: &[bool],
    in_legend: &[bool],
) {
    for ((line, was), is) in panel.lines.iter().zip(drawn_hidden).zip(in_legend) {
        if was == is {
            continue;
        }
        hidden_series.retain(|name| *name != line.name);
        if *is {
            hidden_series.push(line.name.clone());
        }
    }
}

/// The lowest and highest value the shown lines reach in `view`.
fn value_range_of(drawn: &[Vec<Run>], view: (f64, f64)) -> Option<(f64, f64)> {
    let shown = drawn
        .iter()
        .flat_map(|runs| runs.iter())
        .map(|run| run.points.as_slice());
    layout::values_in_view(shown, view)
}

/// The outline of a plot's area, where egui_plot would fill it in a colour of its
/// own: the plots stand on the panel's colour. That fill covered two thirds of the
/// window's pixels once more each frame, and a software renderer (Mesa's, in a VM or
/// over remote desktop) paid 2 of its 9 ms a frame for it.
///
/// The outline is four rectangles on whole pixels in one mesh: such a renderer shades
/// blocks of 4×4 pixels, and egui's anti-aliased outline (a band three pixels wide all
/// round, rounded corners) cost it 0.45 ms a frame for a plot of 1100×215 points, this
/// one 0.16 ms (a bare window drawing 20 of either).
fn paint_plot_frame(ui: &Ui, frame: egui::Rect) {
    let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    let pixels_per_point = ui.ctx().pixels_per_point();
    let mut mesh = egui::Mesh::default();
    for side in outline_sides(frame, stroke.width, pixels_per_point) {
        mesh.add_colored_rect(side, stroke.color);
    }
    ui.painter().add(mesh);
}

/// The four sides of an outline `width` points thick just inside `frame`, on whole
/// pixels (at least one pixel thick), the corners in the top and bottom sides: they
/// neither overlap nor leave a gap.
fn outline_sides(frame: egui::Rect, width: f32, pixels_per_point: f32) -> [egui::Rect; 4] {
    use egui::emath::GuiRounding as _;
    let outer = frame.round_to_pixels(pixels_per_point);
    let thick = (width * pixels_per_point).round().max(1.0) / pixels_per_point;
    let (min, max) = (outer.min, outer.max);
    [
        egui::Rect::from_min_max(min, egui::pos2(max.x, min.y + thick)),
        egui::Rect::from_min_max(egui::pos2(min.x, max.y - thick), max),
        egui::Rect::from_min_max(
            egui::pos2(min.x, min.y + thick),
            egui::pos2(min.x + thick, max.y - thick),
        ),
        egui::Rect::from_min_max(
            egui::pos2(max.x - thick, min.y + thick),
            egui::pos2(max.x, max.y - thick),
        ),
    ]
}

/// A plot for one panel showing the time range `shown`, with everything but the items.
fn panel_plot<'a>(
    ctx: &egui::Context,
    (panel, shown, finest_period): (&'a Panel, (f64, f64), Option<f64>),
    id: (u64, usize),
    link: Id,
    (hidden, legend_inside): (&[bool], bool),
) -> Plot<'a> {
    let value_scale = panel.scale.clone();
    let ctx = ctx.clone();
    let label_width = move |text: &str| {
        let font = egui::TextStyle::Body.resolve(&ctx.global_style());
        ctx.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_string(), font, Color32::WHITE)
                .size()
                .x
        })
    };
    let log = panel.log_scale;
    let mut plot = Plot::new(("tradechart-panel", id.0, id.1))
        .id(panel_plot_id(id.0, id.1))
        .link_cursor(link, Vec2b::new(true, false))
        // Double-click fits everything (the app runs it, as for "Fit" and `0`).
        .allow_double_click_reset(false)
        // The wheel, drags and boxes move time, and the value axes fit what is in view
        // (see `navigation`).
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_axis_zoom_drag(false)
        // The view's range, also where egui_plot keeps none (a first frame, or its
        // memory cleared): its transform, which reads the pointer, starts there.
        .default_x_bounds(shown.0, shown.1)
        .y_axis_label(panel.axis_title.clone())
        .y_axis_formatter(move |mark, _range| {
            scale::scaled_tick_label(&value_scale, log, mark.value, mark.step_size)
        })
        .x_axis_formatter(|mark, _range| chart::format_x_tick(mark.value, mark.step_size))
        .x_grid_spacer(move |input| time_grid(input, finest_period, &label_width))
        .y_grid_spacer(move |input| value_grid(input, log))
        .set_margin_fraction(vec2(0.0, layout::Y_MARGIN_FRACTION as f32))
        // No fill: see `paint_plot_frame`.
        .show_background(false);
    if legend_inside {
        // The legend's ticks are the view's (a click changes the view, see
        // `follow_legend`), not what egui_plot remembers.
        let hidden_items = panel
            .lines
            .iter()
            .zip(hidden)
            .filter(|(_, hidden)| **hidden)
            .map(|(line, _)| ItemId::new(line.name.as_str()));
        plot = plot.legend(
            Legend::default()
                .position(if layout::legend_below(panel.y_range) {
                    Corner::LeftBottom
                } else {
                    Corner::LeftTop
                })
                .follow_insertion_order(true)
                .hidden_items(hidden_items),
        );
    }
    plot
}

/// The id of the plot of panel `index` for a chart of `generation`, under which
/// egui_plot keeps its memory (bounds, and the legend entries unticked this frame).
fn panel_plot_id(generation: u64, index: usize) -> Id {
    Id::unique(("tradechart-panel", generation, index))
}

/// The height of each plot, the width of their value axes, and the rows of each
/// panel's legend drawn under its plot (see [`legend_rows_under`]), in the space left
/// in `ui` above `footer`.
fn plot_sizes(
    ui: &Ui,
    chart: &Chart,
    footer: Footer,
) -> (f32, f32, Vec<Vec<std::ops::Range<usize>>>) {
    let y_axis_width = y_axis_width(ui, chart);
    let legends_under = legend_rows_under(
        ui,
        chart,
        plot_height(ui, chart.panels.len(), footer),
        ui.available_width() - y_axis_width,
    );
    let rows_under: usize = legends_under.iter().map(Vec::len).sum();
    let footer = Footer {
        rows: footer.rows + rows_under,
        ..footer
    };
    let plot_height = plot_height(ui, chart.panels.len(), footer);
    (plot_height, y_axis_width, legends_under)
}

/// Space between the entries of a legend under a plot, in pixels.
const LEGEND_ENTRY_GAP: f32 = 16.0;

/// For each panel, the rows of legend entries (ranges of its lines) drawn under its
/// plot, `width` wide, when its legend does not fit inside a plot `plot_height` high
/// (see [`layout::legend_inside`]); no rows when it fits or direct labels replace it.
fn legend_rows_under(
    ui: &Ui,
    chart: &Chart,
    plot_height: f32,
    width: f32,
) -> Vec<Vec<std::ops::Range<usize>>> {
    chart
        .panels
        .iter()
        .map(|panel| {
            let fits =
                layout::legend_inside(f64::from(legend_height(ui, panel)), f64::from(plot_height));
            if chart.direct_labels || fits {
                return Vec::new();
            }
            let widths: Vec<f32> = panel
                .lines
                .iter()
                .map(|line| legend_entry_size(ui, &line.name).x)
                .collect();
            pack_rows(&widths, LEGEND_ENTRY_GAP, width)
        })
        .collect()
}

/// A panel's legend under its plot, in `rows`, starting `indent` from the left (under
/// the plot's left edge): a click on an entry hides or shows its line in
/// `hidden_series`.
fn legend_under_ui(
    ui: &mut Ui,
    (panel, rows): (&Panel, &[std::ops::Range<usize>]),
    indent: f32,
    (hidden, hidden_series): (&[bool], &mut Vec<String>),
) {
    for row in rows {
        ui.horizontal(|ui| {
            ui.add_space(indent);
            ui.spacing_mut().item_spacing.x = LEGEND_ENTRY_GAP;
            for index in row.clone() {
                let (Some(line), Some(&was_hidden)) = (panel.lines.get(index), hidden.get(index))
                else {
                    continue;
                };
                if legend_entry_ui(ui, line, was_hidden).clicked() {
                    hidden_series.retain(|name| *name != line.name);
                    if !was_hidden {
                        hidden_series.push(line.name.clone());
                    }
                }
            }
        });
    }
}

/// The size of a legend entry under a plot: a dot half the text's height, a gap, the
/// name.
fn legend_entry_size(ui: &Ui, name: &str) -> egui::Vec2 {
    let height = ui.text_style_height(&egui::TextStyle::Body);
    let font = egui::TextStyle::Body.resolve(ui.style());
    vec2(
        height * 0.5 + ui.spacing().item_spacing.y * 2.0 + text_width(ui, name, font),
        height,
    )
}

/// One legend entry under a plot, as egui_plot draws one inside it: the line's colour
/// in a dot (a ring when the line is hidden) and its name (weak when hidden); a
/// check box to screen readers and tests, as egui_plot's entries are.
fn legend_entry_ui(ui: &mut Ui, line: &Line, hidden: bool) -> egui::Response {
    let size = legend_entry_size(ui, &line.name);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, true, !hidden, &line.name)
    });
    let text_colour = if hidden {
        ui.visuals().weak_text_color()
    } else if response.hovered() {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    let radius = size.y * 0.25;
    let centre = egui::pos2(rect.left() + radius, rect.center().y);
    let line_colour = colour(line.colour);
    if hidden {
        ui.painter()
            .circle_stroke(centre, radius, egui::Stroke::new(1.0, line_colour));
    } else {
        ui.painter().circle_filled(centre, radius, line_colour);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.painter().text(
        egui::pos2(rect.right(), rect.center().y),
        egui::Align2::RIGHT_CENTER,
        &line.name,
        font,
        text_colour,
    );
    response.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// The share of a plot `plot_height` high that `panel`'s legend takes inside it (0
/// when the legend is not inside).
fn legend_fraction(ui: &Ui, panel: &Panel, legend_inside: bool, plot_height: f32) -> f32 {
    if legend_inside {
        legend_height(ui, panel) / plot_height
    } else {
        0.0
    }
}

/// Height of a panel's legend in pixels: one row per line plus its frame.
fn legend_height(ui: &Ui, panel: &Panel) -> f32 {
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    row * panel.lines.len() as f32 + 16.0
}

/// Grid lines and tick labels on calendar boundaries, about
/// [`layout::PX_PER_X_TICK`] apart, and no finer than the data's `finest_period`.
/// A tick whose label (`label_width` wide, centred on it) would run past the plot's
/// right edge is left out: it was cut ("202").
fn time_grid(
    input: GridInput,
    finest_period: Option<f64>,
    label_width: &dyn Fn(&str) -> f32,
) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    // `base_step_size` is the value of egui_plot's smallest grid spacing (8 px).
    let value_per_px = input.base_step_size / 8.0;
    if value_per_px <= 0.0 || !value_per_px.is_finite() {
        return Vec::new();
    }
    let max_ticks = layout::x_tick_count((max - min) / value_per_px, 1.0);
    chart::x_ticks(min, max, max_ticks, finest_period)
        .into_iter()
        .filter(|tick| {
            let room_px = (max - tick.x) / value_per_px;
            let label = chart::format_x_tick(tick.x, tick.step_years);
            room_px >= f64::from(label_width(&label) / 2.0 + LABEL_EDGE_PAD_PX)
        })
        .map(|tick| GridMark {
            value: tick.x,
            step_size: tick.step_years,
        })
        .collect()
}

/// Grid lines and tick labels at round values, about [`layout::PX_PER_Y_TICK`] apart; on a
/// log panel at 1, 2, 5 × powers of ten (see [`scale::log_ticks`]).
fn value_grid(input: GridInput, log: bool) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let value_per_px = input.base_step_size / 8.0;
    if value_per_px <= 0.0 || !value_per_px.is_finite() {
        return Vec::new();
    }
    let max_ticks = layout::y_tick_count((max - min) / value_per_px, 1.0, 1);
    scale::scaled_ticks(log, min, max, max_ticks)
        .into_iter()
        .map(|(value, step_size)| GridMark { value, step_size })
        .collect()
}

/// One width for every Y axis, wide enough for any panel's tick labels and title, so
/// that the stacked plots' time axes line up (egui_plot sizes each axis to its own labels).
fn y_axis_width(ui: &Ui, chart: &Chart) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest_tick = chart
        .panels
        .iter()
        .flat_map(|panel| {
            let (low, high) = panel.y_range.unwrap_or((0.0, 0.0));
            if panel.log_scale {
                // Ticks are real values, up to the power of ten above the data.
                return [low.floor(), high.ceil(), low.floor(), high.ceil()]
                    .map(|value| scale::format_tick(panel, value) + "0");
            }
            // Ticks reach a little beyond the data (egui_plot adds a margin).
            [low * 1.1, high * 1.1, low.min(0.0), high.max(0.0)].map(|value| {
                let divisor = panel.scale.divisor();
                panel
                    .scale
                    .format((value / divisor).round() * divisor, None)
                    + "0"
            })
        })
        .map(|text| text_width(ui, &text, font.clone()))
        .fold(0.0_f32, f32::max);
    let title_height = ui.text_style_height(&egui::TextStyle::Body);
    widest_tick + 8.0 + title_height * 1.5
}

fn text_width(ui: &Ui, text: &str, font: FontId) -> f32 {
    ui.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(text.to_string(), font, Color32::WHITE)
            .size()
            .x
    })
}

/// The event whose line (or span edge) is within [`EVENT_HOVER_PX`] of the pointer,
/// unless a marker of a shown line of `panel` is within [`MARKER_HOVER_PX`]: there the
/// value is read (issue 14: the 2018 and 2025 values sat under event lines).
fn hovered_event(
    plot_ui: &PlotUi<'_>,
    events: &[EventMark],
    panel: &Panel,
    hidden: &[bool],
    lined: &[bool],
) -> Option<usize> {
    // `pointer_coordinate` is known wherever the pointer is, even over the menu bar.
    if !plot_ui.response().hovered() {
        return None;
    }
    let pointer = plot_ui.pointer_coordinate()?;
    let pointer_x = plot_ui.screen_from_plot(pointer).x;
    let distance =
        |x: f64| (plot_ui.screen_from_plot(PlotPoint::new(x, pointer.y)).x - pointer_x).abs();
    events
        .iter()
        .enumerate()
        // Quiet events have no line in the plot (their badges are hovered instead).
        .filter(|(index, event)| {
            lined.get(*index).copied().unwrap_or(false) || event.end_x.is_some()
        })
        .filter_map(|(index, event)| {
            // The line, the end of its span and the announcement before it.
            let nearest = [Some(event.x), event.end_x, event.announced_x]
                .into_iter()
                .flatten()
                .map(distance)
                .fold(f32::INFINITY, f32::min);
            (nearest <= EVENT_HOVER_PX).then_some((index, nearest))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
        .filter(|_| !near_a_marker(plot_ui, panel, hidden, pointer))
}

/// True when a marker of a shown line of `panel` is within [`MARKER_HOVER_PX`] of
/// `pointer` on screen (markers are in time order: only those near in time are looked
/// at).
fn near_a_marker(plot_ui: &PlotUi<'_>, panel: &Panel, hidden: &[bool], pointer: PlotPoint) -> bool {
    let at = plot_ui.screen_from_plot(pointer);
    let reach = f64::from(MARKER_HOVER_PX) * plot_ui.transform().dvalue_dpos()[0].abs();
    panel
        .lines
        .iter()
        .zip(hidden.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, hidden)| !**hidden)
        .any(|(line, _)| {
            let from = line
                .markers
                .partition_point(|marker| marker.x < pointer.x - reach);
            line.markers
                .iter()
                .skip(from)
                .take_while(|marker| marker.x <= pointer.x + reach)
                .any(|marker| {
                    let place = plot_ui.screen_from_plot(PlotPoint::new(marker.x, marker.y));
                    place.distance(at) <= MARKER_HOVER_PX
                })
        })
}

fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Event lines and spans, unnamed so they stay out of the legend. Events that are not
/// reported facts (recalled, estimated, planned) are dashed. The selected event is
/// drawn thick and the others fade, so it stands out in every panel.
fn add_events(
    plot_ui: &mut PlotUi<'_>,
    events: &[EventMark],
    (hovered, selected): (Option<usize>, Option<usize>),
    lined: &[bool],
) {
    let mut lines = Vec::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        let mut colour = colour(event.colour);
        // Whole pixels (see `event_lines`): hovered and selected stay told apart.
        let width = if selected == Some(index) {
            3.0
        } else if hovered == Some(index) {
            2.0
        } else {
            if selected.is_some() {
                colour = colour.gamma_multiply(0.45);
            }
            1.0
        };
        if let Some(end) = event.end_x {
            let fill = if selected == Some(index) { 0.25 } else { 0.12 };
            plot_ui.span(
                Span::new("", event.x..=end)
                    .fill(colour.gamma_multiply(fill))
                    .border_width(0.0),
            );
        }
        // Quiet events are ticks on the rail above (see `events`), unless picked out.
        let picked = lined.get(index).copied().unwrap_or(false) || hovered == Some(index);
        if !picked {
            continue;
        }
        lines.push(EventLine {
            x: event.x,
            colour,
            width,
            dashed: event.status != Status::Reported,
        });
    }
    // All lines in one item, over the spans (one mesh: see `event_lines`).
    plot_ui.add(EventLines::new(lines));
}

/// The panel's series: each run a line, solid for facts and dashed into and out of
/// estimates, projections and partial periods; markers filled for reported values and
/// hollow for the rest; with `period_bars`, a bar across each value's period. All
/// items of a series share its name, so the legend shows one entry that hides them.
fn add_lines(
    plot_ui: &mut PlotUi<'_>,
    panel: &Panel,
    chart: &Chart,
    view: (f64, f64),
    lod: Option<Id>,
    hidden: &[bool],
) -> Vec<Vec<Run>> {
    let (show_markers, period_bars) = (chart.show_markers, chart.period_bars);
    let mut drawn = Vec::with_capacity(panel.lines.len());
    let width_px = plot_ui.transform().frame().width();
    // Lines the pixels can show whole are given whole (the value axis fits them all,
    // as ever); a dense panel's (`lod` set) thinned to the view through the
    // level-of-detail cache kept under that id.
    for (line_index, line) in panel.lines.iter().enumerate() {
        let colour = colour(line.colour);
        if hidden.get(line_index).copied().unwrap_or(false) {
            // Hidden: only its legend entry, to show it again (`PlotUi::line` would
            // drop an empty line).
            plot_ui
                .add(PlotLine::new(line.name.clone(), PlotPoints::new(Vec::new())).color(colour));
            drawn.push(Vec::new());
            continue;
        }
        let runs = match lod {
            Some(id) => drawn_runs(plot_ui, line, view, id.with(line_index)),
            None => line.runs(),
        };
        for run in &runs {
            if lod.is_some() && !run.dashed && !line.step {
                // Thinned: a band per pixel column, without egui_plot's per-point passes.
                plot_ui.add(DenseLine::new(
                    line.name.clone(),
                    run.points.clone(),
                    colour,
                    2.0,
                ));
                continue;
            }
            let style = if run.dashed {
                LineStyle::dashed_dense()
            } else {
                LineStyle::Solid
            };
            plot_ui.line(
                PlotLine::new(line.name.clone(), PlotPoints::new(run.points.clone()))
                    .color(colour)
                    .width(2.0)
                    .style(style)
                    // Band rendering merges points a pixel apart into a filled band;
                    // the vertical jumps of a step line would become filled wedges.
                    .allow_band(!line.step),
            );
        }
        if line.segments.is_empty() && line.markers.is_empty() {
            // Nothing to draw (a hidden series' values of zero or below on a log
            // panel): an empty item keeps its legend entry, to show it again.
            // (`PlotUi::line` would drop an empty line.)
            plot_ui
                .add(PlotLine::new(line.name.clone(), PlotPoints::new(Vec::new())).color(colour));
        }
        let few_enough = layout::markers_fit(line, view, f64::from(width_px));
        if period_bars && few_enough {
            add_period_bars(plot_ui, line, colour);
        }
        if show_markers && few_enough {
            add_markers(plot_ui, line, colour);
        }
        drawn.push(runs);
    }
    drawn
}

/// [`chart::certainty::legend_notes`], kept in egui's memory while the chart's lines stay
/// and events stay the same: it reads every marker, a million of them in a large file.
fn cached_legend_notes(ui: &Ui, chart: &Chart) -> Vec<String> {
    type Cached = (Vec<(usize, usize)>, Vec<String>);
    let key: Vec<(usize, usize)> = chart
        .panels
        .iter()
        .flat_map(|panel| panel.lines.iter())
        .map(|line| (line.markers.as_ptr() as usize, line.markers.len()))
        // The notes on events depend on their status and announcement (editable).
        .chain(chart.events.iter().map(|event| {
            (
                usize::from(event.status != Status::Reported),
                usize::from(event.announced_x.is_some()),
            )
        }))
        .collect();
    let id = Id::unique("tradechart-legend-notes");
    if let Some((cached_key, notes)) = ui.data(|data| data.get_temp::<Cached>(id))
        && cached_key == key
    {
        return notes;
    }
    let notes = chart::certainty::legend_notes(chart);
    ui.data_mut(|data| data.insert_temp::<Cached>(id, (key, notes.clone())));
    notes
}

/// True when `drawn` is `shown` but for rounding.
fn same_view(drawn: Option<(f64, f64)>, shown: (f64, f64)) -> bool {
    drawn.is_some_and(|drawn| {
        let tolerance = (shown.1 - shown.0).abs() * 1e-9;
        (drawn.0 - shown.0).abs() <= tolerance && (drawn.1 - shown.1).abs() <= tolerance
    })
}

/// True when a line of the panel has more points than a plot `width` pixels wide can
/// show (see [`decimate::MAX_POINTS_PER_COLUMN`]): its drawing is thinned.
fn is_dense(panel: &Panel, width: f32) -> bool {
    let limit = f64::from(width.max(1.0)) * decimate::MAX_POINTS_PER_COLUMN;
    panel
        .lines
        .iter()
        .any(|line| line.segments.iter().map(Vec::len).sum::<usize>() as f64 > limit)
}

/// The runs of `line` to draw at `view`, thinned to the plot's pixel columns through
/// a level-of-detail cache kept in egui's memory under `id` (recomputed on zoom, or
/// when a pan leaves the range it covers; every point when zoomed in far enough).
fn drawn_runs(plot_ui: &PlotUi<'_>, line: &Line, view: (f64, f64), id: Id) -> Vec<Run> {
    let columns = plot_ui.transform().frame().width().round().max(1.0) as usize;
    // The cache covers a view either side; hand egui_plot a quarter of one (room for
    // this frame's pan, which moves the plot after its items are given).
    let margin = (view.1 - view.0) * 0.25;
    let shown = (view.0 - margin, view.1 + margin);
    let (runs, exact) = plot_ui.ctx().data_mut(|data| {
        let cache: &mut LodCache = data.get_temp_mut_or_default(id);
        let (runs, _) = cache.runs(line, view, columns);
        let runs: Vec<Run> = runs
            .iter()
            .map(|run| Run {
                points: decimate::visible_slice(&run.points, shown).to_vec(),
                dashed: run.dashed,
            })
            .filter(|run| !run.points.is_empty())
            .collect();
        (runs, cache.is_exact())
    });
    if !exact {
        // Kept from another zoom while the view moved: made exact next frame.
        plot_ui.ctx().request_repaint();
    }
    runs
}

/// A bar across the time each value covers: solid for a fact, dashed for an estimate
/// or a partial period.
fn add_period_bars(plot_ui: &mut PlotUi<'_>, line: &Line, colour: Color32) {
    for (start, end, y, hollow) in line.period_bars() {
        let style = if hollow {
            LineStyle::dashed_dense()
        } else {
            LineStyle::Solid
        };
        plot_ui.line(
            PlotLine::new(
                line.name.clone(),
                PlotPoints::new(vec![[start, y], [end, y]]),
            )
            .color(colour.gamma_multiply(0.8))
            .width(4.0)
            .style(style)
            .allow_hover(false),
        );
    }
}

fn add_markers(plot_ui: &mut PlotUi<'_>, line: &Line, colour: Color32) {
    let (hollow, filled): (Vec<_>, Vec<_>) =
        line.markers.iter().partition(|marker| marker.is_hollow());
    for (markers, is_filled) in [(filled, true), (hollow, false)] {
        if markers.is_empty() {
            continue;
        }
        let points: Vec<[f64; 2]> = markers.iter().map(|marker| [marker.x, marker.y]).collect();
        plot_ui.points(
            Points::new(line.name.clone(), PlotPoints::new(points))
                .shape(MarkerShape::Circle)
                .radius(if is_filled { 3.0 } else { 3.5 })
                .filled(is_filled)
                .color(colour),
        );
    }
}

/// Brackets along the top of a plot from each event's announcement to its effective
/// date, with a tick down at each end, in the event's colour.
fn paint_brackets(ui: &Ui, transform: &egui_plot::PlotTransform, events: &[EventMark]) {
    let frame = *transform.frame();
    let painter = ui.painter_at(frame);
    let top = frame.top() + 4.0;
    for event in events {
        let Some((announced, effective)) = chart::certainty::bracket(event) else {
            continue;
        };
        let left = transform.position_from_point_x(announced);
        let right = transform.position_from_point_x(effective);
        let stroke = egui::Stroke::new(1.5, colour(event.colour));
        painter.line_segment([egui::pos2(left, top), egui::pos2(right, top)], stroke);
        for x in [left, right] {
            painter.line_segment([egui::pos2(x, top), egui::pos2(x, top + 7.0)], stroke);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    const LINE: f32 = 18.0;

    fn key_of(kept: f32, content: Option<f32>) -> EventKeyHeight {
        EventKeyHeight {
            content,
            kept,
            most: 10.0 * LINE,
            shortfall: 0.0,
            shown: true,
        }
    }

    #[test]
    fn the_event_key_grows_at_once_to_its_entries_up_to_its_share() {
        let key = key_of(4.0 * LINE, None);
        let grown = key.after_drawing(6.0 * LINE, 20.0 * LINE, LINE).unwrap();
        assert_eq!(grown.kept, 6.0 * LINE);
        assert!(!grown.scrolls(20.0 * LINE));
        // Entries taller than its share: it takes the share, and scrolls.
        let capped = key.after_drawing(14.0 * LINE, 20.0 * LINE, LINE).unwrap();
        assert_eq!(capped.kept, 10.0 * LINE);
        assert!(capped.scrolls(20.0 * LINE));
    }

    #[test]
    fn the_event_key_shrinks_only_by_more_than_a_line_and_a_half() {
        let key = key_of(6.0 * LINE, Some(6.0 * LINE));
        // A line less: it stays (no change is stored, nothing repaints).
        assert!(
            key.after_drawing(5.0 * LINE, 20.0 * LINE, LINE)
                .is_none_or(|key| key.kept == 6.0 * LINE)
        );
        // Two lines less: it shrinks to them.
        let shrunk = key.after_drawing(4.0 * LINE, 20.0 * LINE, LINE).unwrap();
        assert_eq!(shrunk.kept, 4.0 * LINE);
        // The same again changes nothing.
        assert!(
            shrunk
                .after_drawing(4.0 * LINE, 20.0 * LINE, LINE)
                .is_none()
        );
    }

    #[test]
    fn the_event_key_makes_up_for_a_footer_taller_than_reckoned() {
        // 3 points fewer were left than the key kept: the next frame keeps them in
        // hand, and once they are, nothing changes.
        let key = key_of(6.0 * LINE, Some(6.0 * LINE));
        let made_up = key
            .after_drawing(6.0 * LINE, 6.0 * LINE - 3.0, LINE)
            .unwrap();
        assert_eq!(made_up.shortfall, 3.0);
        assert!(
            made_up
                .after_drawing(6.0 * LINE, 6.0 * LINE, LINE)
                .is_none()
        );
    }

    #[test]
    fn a_scrolling_event_key_shows_whole_lines() {
        // Entries of 12 lines and 5 points of margin, in 100 points: 5 whole lines.
        let key = key_of(100.0, Some(5.0 + 12.0 * LINE));
        assert!(key.scrolls(400.0));
        assert_eq!(key.drawn(400.0, LINE), 5.0 + 5.0 * LINE);
        // Fewer points left than kept: fewer lines, still whole, and at least one.
        assert_eq!(key.drawn(60.0, LINE), 5.0 + 3.0 * LINE);
        assert_eq!(key.drawn(10.0, LINE), 5.0 + LINE);
        // Entries that fit are drawn at their height.
        let fits = key_of(100.0, Some(90.0));
        assert_eq!(fits.drawn(400.0, LINE), 100.0);
    }

    #[test]
    fn a_plot_outline_is_four_sides_on_whole_pixels_that_tile_its_edge() {
        let frame = egui::Rect::from_min_max(egui::pos2(93.8, 197.9), egui::pos2(1192.0, 411.6));
        for (pixels_per_point, width) in [(1.0, 1.0), (2.0, 1.0), (1.5, 1.0), (1.0, 0.4)] {
            let sides = outline_sides(frame, width, pixels_per_point);
            let outer = egui::emath::GuiRounding::round_to_pixels(frame, pixels_per_point);
            let thick = (width * pixels_per_point).round().max(1.0) / pixels_per_point;
            for side in sides {
                for edge in [side.min.x, side.min.y, side.max.x, side.max.y] {
                    let pixels = edge * pixels_per_point;
                    assert!(
                        (pixels - pixels.round()).abs() < 1e-3,
                        "{side:?} at {pixels_per_point}"
                    );
                }
                assert!(outer.contains_rect(side));
                assert!(side.width().min(side.height()) - thick < 1e-4, "{side:?}");
            }
            for (index, a) in sides.iter().enumerate() {
                for b in &sides[index + 1..] {
                    assert!(a.intersect(*b).area() <= 0.0, "{a:?} overlaps {b:?}");
                }
            }
            // Together they cover exactly the band inside the edge.
            let covered: f32 = sides.iter().map(|side| side.area()).sum();
            let band = outer.area() - outer.shrink(thick).area();
            assert!(
                (covered - band).abs() < band * 1e-4,
                "{covered} against {band}"
            );
        }
    }

    #[test]
    fn key_notes_are_packed_whole_into_rows() {
        // Notes 300, 400, 500 and 200 px wide, separators 10 px, rows of 800 px:
        // 300+10+400 = 710 fits, +10+500 does not; 500+10+200 = 710 fits.
        assert_eq!(
            pack_rows(&[300.0, 400.0, 500.0, 200.0], 10.0, 800.0),
            vec![0..2, 2..4]
        );
        // A note wider than a row has a row of its own.
        assert_eq!(pack_rows(&[900.0, 100.0], 10.0, 800.0), vec![0..1, 1..2]);
        assert_eq!(
            pack_rows(&[], 10.0, 800.0),
            Vec::<std::ops::Range<usize>>::new()
        );
    }

    #[test]
    fn time_grid_puts_labelled_ticks_about_90_px_apart() {
        // 1000 px showing 1985–2027: egui_plot's base step is the value of 8 px.
        let input = GridInput {
            bounds: (1985.0, 2027.0),
            base_step_size: 42.0 / 1000.0 * 8.0,
        };
        let marks = time_grid(input, None, &|_| 32.0);
        assert!((5..=11).contains(&marks.len()), "{}", marks.len());
        assert!(marks.iter().all(|mark| mark.value.fract() == 0.0));
    }

    #[test]
    fn a_time_label_that_would_run_past_the_right_edge_is_left_out() {
        // 1000 px showing 1985–2025.5 (24.7 px a year): 2025 sits 12.3 px from the
        // edge, less than half a 32 px label and 2 px: cut as "202" before.
        let input = GridInput {
            bounds: (1985.0, 2025.5),
            base_step_size: 40.5 / 1000.0 * 8.0,
        };
        let marks = time_grid(input, None, &|_| 32.0);
        let last = marks.last().unwrap().value;
        assert!(last < 2025.0, "{last}");
        // With room for half the label (18 px, 0.73 years) the last tick stays.
        let input = GridInput {
            bounds: (1985.0, 2025.75),
            base_step_size: 40.75 / 1000.0 * 8.0,
        };
        let marks = time_grid(input, None, &|_| 32.0);
        assert!(marks.iter().any(|mark| mark.value == 2025.0));
    }
}
