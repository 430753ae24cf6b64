//! Paints a [`Chart`] with egui_plot: one plot per panel stacked with X axes and
//! cursors linked, series as lines with markers, events as lines and spans through
//! every panel, and the event label strip above the plots.

use eframe::egui;
use egui::{Color32, FontId, Id, Sense, Ui, Vec2b, vec2};
use egui_plot::{
    Corner, GridInput, GridMark, Legend, Line as PlotLine, LineStyle, MarkerShape, Plot, PlotPoint,
    PlotPoints, PlotUi, Points, Span,
};

use super::analysis;
use super::dense_line::DenseLine;
use super::event_lines::{EventLine, EventLines};
use super::events;
use super::view::ViewRequest;
use crate::chart::decimate::{self, LodCache};
use crate::chart::{self, Chart, EventMark, Line, Panel, Rgb, Run, scale};
use crate::data::Status;

/// How close (in pixels) the pointer must come to an event line to hover it.
const EVENT_HOVER_PX: f32 = 5.0;
/// Smallest useful plot height; below it plots overflow and the panel scrolls off.
const MIN_PLOT_HEIGHT: f32 = 80.0;
/// Pixels per time-axis tick label (egui_plot fades X labels closer than 80).
const PX_PER_X_TICK: f64 = 90.0;
/// Pixels per value-axis tick label (egui_plot fades Y labels closer than 30).
const PX_PER_Y_TICK: f64 = 40.0;
/// Room above and below the data, as a fraction of the shown range.
const Y_MARGIN_FRACTION: f32 = 0.05;
/// Markers are left out when a line has more values than this per pixel of width.
const MAX_MARKERS_PER_PX: f32 = 0.25;

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
    /// A new visible range to apply to every plot.
    pub request: Option<ViewRequest>,
    /// Changes whenever a new chart is loaded, so plots and their link group start
    /// with a fresh view.
    pub generation: u64,
}

/// What the pointer did on the chart in a frame, and what it shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChartHover {
    /// Index into the drawn events of the event line or label under the pointer.
    pub event: Option<usize>,
    /// Index into the drawn events of the event line or label clicked.
    pub clicked: Option<usize>,
    /// The time under the pointer when it is over a plot (the cursor is linked).
    pub pointer_x: Option<f64>,
    /// The time range the plots show.
    pub visible_x: Option<(f64, f64)>,
    /// Where that range is on screen: the left and right edges of the plots.
    pub frame_x: Option<(f32, f32)>,
    /// A plot was double-clicked (which fits the view).
    pub double_clicked: bool,
}

/// Draws the whole chart in the space left in `ui`.
pub fn chart_ui(ui: &mut Ui, input: ChartInput<'_>) -> ChartHover {
    let ChartInput {
        chart,
        events,
        selected,
        show_labels,
        request,
        generation,
    } = input;
    if chart.panels.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label("This dataset has no series to draw.");
        });
        return ChartHover::default();
    }
    let strip_height = if show_labels {
        events::strip_height(ui, events)
    } else {
        0.0
    };
    let (strip_rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width(), strip_height), Sense::hover());
    let status_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let panel_count = chart.panels.len() as f32;
    let spacing = ui.spacing().item_spacing.y;
    let plot_height = ((ui.available_height() - status_height - spacing * panel_count)
        / panel_count)
        .max(MIN_PLOT_HEIGHT);
    let y_axis_width = y_axis_width(ui, chart);
    let link = Id::unique(("tradechart-x-link", generation));

    let mut hover = ChartHover::default();
    let mut first_transform = None;
    // Direct labels replace the legend and need room right of the plots.
    let label_room = analysis::label_room(ui, chart);
    for (index, panel) in chart.panels.iter().enumerate() {
        let legend_height = if chart.direct_labels {
            0.0
        } else {
            legend_height(ui, panel)
        };
        let mut plot = panel_plot(panel, chart, (generation, index), link)
            .include_y(legend_headroom(panel, legend_height / plot_height))
            .height(plot_height)
            .y_axis_min_width(y_axis_width);
        if label_room > 0.0 {
            plot = plot.width((ui.available_width() - label_room).max(MIN_PLOT_HEIGHT));
        }
        let dense = is_dense(panel, ui.available_width());
        if dense && let Some((low, high)) = panel.y_range {
            // Thinned lines cover the view only: keep the value axis fitting all the
            // data, as it does when every point is given.
            plot = plot.include_y(low).include_y(high);
        }
        let lod_id = Id::unique(("tradechart-lod", generation, index));
        let mut drawn_view = None;
        let response = plot.show(ui, |plot_ui| {
            if let Some(request) = request {
                apply_request(plot_ui, request);
            }
            let hovered = hovered_event(plot_ui, events);
            add_events(plot_ui, events, hovered, selected);
            let view = request.map_or_else(|| plot_x_range(plot_ui), |request| request.x);
            drawn_view = Some(view);
            add_lines(plot_ui, panel, chart, view, dense.then_some(lod_id));
            let pointer_x = plot_ui
                .response()
                .hovered()
                .then(|| plot_ui.pointer_coordinate().map(|pointer| pointer.x))
                .flatten();
            (hovered, pointer_x)
        });
        let (hovered, pointer_x) = response.inner;
        paint_plot_frame(ui, *response.transform.frame());
        let bounds = response.transform.bounds();
        if dense && !same_view(drawn_view, (bounds.min()[0], bounds.max()[0])) {
            // The lines were thinned for last frame's view: draw once more for this one.
            ui.ctx().request_repaint();
        }
        paint_brackets(ui, &response.transform, events);
        if chart.direct_labels {
            analysis::paint_end_labels(ui, panel, &response.transform);
        }
        first_transform.get_or_insert(response.transform);
        hover.event = hover.event.or(hovered);
        hover.pointer_x = hover.pointer_x.or(pointer_x);
        if response.response.clicked() && hovered.is_some() {
            hover.clicked = hovered;
        }
        hover.double_clicked |= response.response.double_clicked();
    }
    if let Some(transform) = first_transform {
        let bounds = transform.bounds();
        hover.visible_x = Some((bounds.min()[0], bounds.max()[0]));
        hover.frame_x = Some((transform.frame().left(), transform.frame().right()));
        let mut hidden_summary = None;
        if show_labels {
            let strip = events::label_strip_ui(ui, strip_rect, events, selected, &transform);
            hover.event = hover.event.or(strip.hovered);
            hover.clicked = hover.clicked.or(strip.clicked);
            hidden_summary = strip.hidden_summary;
        }
        // The status line: labels without room, then the key to dashed and hollow
        // drawing (the window's counterpart of the exported chart's key).
        let status: Vec<String> = hidden_summary
            .into_iter()
            .chain(cached_legend_notes(ui, chart))
            .collect();
        // One line: the plots left room for one; the whole text shows on hover.
        ui.add(egui::Label::new(egui::RichText::new(status.join(" · ")).weak()).truncate());
    }
    if let Some(event) = hover.event.and_then(|index| events.get(index)) {
        events::event_tooltip(ui, event);
    }
    hover
}

/// The outline of a plot's area, where egui_plot would fill it in a colour of its
/// own: the plots stand on the panel's colour. That fill covered two thirds of the
/// window's pixels once more each frame, and a software renderer (Mesa's, in a VM or
/// over remote desktop) paid 2 of its 9 ms a frame for it.
fn paint_plot_frame(ui: &Ui, frame: egui::Rect) {
    ui.painter().rect_stroke(
        frame,
        2,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
}

/// Moves a plot to the requested time range (all plots get the same request, so the
/// linked axes agree); "Fit" also lets the value axis fit the data again.
fn apply_request(plot_ui: &mut PlotUi<'_>, request: ViewRequest) {
    if request.fit_y {
        plot_ui.set_auto_bounds(Vec2b::new(false, true));
    }
    let (start, end) = request.x;
    plot_ui.set_plot_bounds_x(start..=end);
}

/// A plot for one panel with everything but the items.
fn panel_plot<'a>(panel: &'a Panel, chart: &Chart, id: (u64, usize), link: Id) -> Plot<'a> {
    let value_scale = panel.scale.clone();
    let log = panel.log_scale;
    let view = chart.view_x_or_default();
    let mut plot = Plot::new(("tradechart-panel", id.0, id.1))
        .id(panel_plot_id(id.0, id.1))
        .link_axis(link, Vec2b::new(true, false))
        .link_cursor(link, Vec2b::new(true, false))
        // Double-click fits everything (the app runs it, as for "Fit" and `0`).
        .allow_double_click_reset(false)
        .default_x_bounds(*view.start(), *view.end())
        .y_axis_label(panel.axis_title.clone())
        .y_axis_formatter(move |mark, _range| {
            scale::scaled_tick_label(&value_scale, log, mark.value, mark.step_size)
        })
        .x_axis_formatter(|mark, range| chart::format_x(mark.value, range.end() - range.start()))
        .x_grid_spacer(time_grid)
        .y_grid_spacer(move |input| value_grid(input, log))
        .set_margin_fraction(vec2(0.0, Y_MARGIN_FRACTION))
        // No fill: see `paint_plot_frame`.
        .show_background(false);
    if zero_is_meaningful(panel) {
        plot = plot.include_y(0.0);
    }
    if !chart.direct_labels {
        plot = plot.legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        );
    }
    plot
}

/// The id of the plot of panel `index` for a chart of `generation`, under which
/// egui_plot keeps its memory (e.g. the series hidden in the legend).
pub fn panel_plot_id(generation: u64, index: usize) -> Id {
    Id::unique(("tradechart-panel", generation, index))
}

/// Height of a panel's legend in pixels: one row per line plus its frame.
fn legend_height(ui: &Ui, panel: &Panel) -> f32 {
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    row * panel.lines.len() as f32 + 16.0
}

/// The value to show at the top of a panel so that the legend (in the top left,
/// `legend_fraction` of the plot's height) sits above the lines, not on them.
fn legend_headroom(panel: &Panel, legend_fraction: f32) -> f64 {
    let (mut low, mut high) = panel.y_range.unwrap_or((0.0, 1.0));
    if zero_is_meaningful(panel) {
        (low, high) = (low.min(0.0), high.max(0.0));
    }
    let span = if high > low { high - low } else { 1.0 };
    let margin = f64::from(Y_MARGIN_FRACTION);
    // Shown range = (top - low)·(1 + 2·margin); the legend takes `fraction` of it
    // from the top; solve for the top that puts `high` just under the legend.
    let fraction = f64::from(legend_fraction.clamp(0.0, 0.45));
    low + span / (1.0 + margin - fraction * (1.0 + 2.0 * margin))
}

/// Rates and money are read against zero; other units (an index) need not be.
fn zero_is_meaningful(panel: &Panel) -> bool {
    // A log axis has no zero.
    !panel.log_scale && (panel.unit.is_percent() || panel.unit.as_str().starts_with("USD"))
}

/// Grid lines and tick labels on calendar boundaries, about [`PX_PER_X_TICK`] apart.
fn time_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    // `base_step_size` is the value of egui_plot's smallest grid spacing (8 px).
    let value_per_px = input.base_step_size / 8.0;
    if value_per_px <= 0.0 || !value_per_px.is_finite() {
        return Vec::new();
    }
    let max_ticks = ((max - min) / (value_per_px * PX_PER_X_TICK))
        .floor()
        .max(1.0) as usize;
    chart::x_ticks(min, max, max_ticks)
        .into_iter()
        .map(|tick| GridMark {
            value: tick.x,
            step_size: tick.step_years,
        })
        .collect()
}

/// Grid lines and tick labels at round values, about [`PX_PER_Y_TICK`] apart; on a
/// log panel at 1, 2, 5 × powers of ten (see [`scale::log_ticks`]).
fn value_grid(input: GridInput, log: bool) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let value_per_px = input.base_step_size / 8.0;
    if value_per_px <= 0.0 || !value_per_px.is_finite() {
        return Vec::new();
    }
    let max_ticks = ((max - min) / (value_per_px * PX_PER_Y_TICK))
        .floor()
        .max(1.0) as usize;
    scale::scaled_ticks(log, min, max, max_ticks)
        .into_iter()
        .map(|(value, step_size)| GridMark { value, step_size })
        .collect()
}

/// One width for every Y axis, wide enough for any panel's tick labels and title, so
/// that the linked X axes line up (egui_plot sizes each axis to its own labels).
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

/// The event whose line (or span edge) is within [`EVENT_HOVER_PX`] of the pointer.
fn hovered_event(plot_ui: &PlotUi<'_>, events: &[EventMark]) -> Option<usize> {
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
    hovered: Option<usize>,
    selected: Option<usize>,
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
) {
    let (show_markers, period_bars) = (chart.show_markers, chart.period_bars);
    let width_px = plot_ui.transform().frame().width();
    // Lines the pixels can show whole are given whole (the value axis fits them all,
    // as ever); a dense panel's (`lod` set) thinned to the view through the
    // level-of-detail cache kept under that id.
    for (line_index, line) in panel.lines.iter().enumerate() {
        let colour = colour(line.colour);
        let runs = match lod {
            Some(id) => drawn_runs(plot_ui, line, view, id.with(line_index)),
            None => line.runs(),
        };
        for run in runs {
            if lod.is_some() && !run.dashed && !line.step {
                // Thinned: a band per pixel column, without egui_plot's per-point passes.
                plot_ui.add(DenseLine::new(line.name.clone(), run.points, colour, 2.0));
                continue;
            }
            let style = if run.dashed {
                LineStyle::dashed_dense()
            } else {
                LineStyle::Solid
            };
            plot_ui.line(
                PlotLine::new(line.name.clone(), PlotPoints::new(run.points))
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
        let few_enough = (line.markers.len() as f32) <= width_px * MAX_MARKERS_PER_PX;
        if period_bars && few_enough {
            add_period_bars(plot_ui, line, colour);
        }
        if show_markers && few_enough {
            add_markers(plot_ui, line, colour);
        }
    }
}

/// [`chart::honest::legend_notes`], kept in egui's memory while the chart's lines stay
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
    let notes = chart::honest::legend_notes(chart);
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

/// The x range a plot showed last frame (the one it shows unless moved this frame).
fn plot_x_range(plot_ui: &PlotUi<'_>) -> (f64, f64) {
    let bounds = plot_ui.plot_bounds();
    (bounds.min()[0], bounds.max()[0])
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
        let Some((announced, effective)) = chart::honest::bracket(event) else {
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
    use crate::chart::ChartOptions;
    use crate::data::{Dataset, Period, Point, Series, Unit};

    fn panel() -> Panel {
        let mut estimate = Point::new(Period::Year(2019), Some(-345.0));
        estimate.status = Status::Estimated;
        let dataset = Dataset {
            series: vec![Series {
                name: "Balance".into(),
                unit: Unit::parse("USD bn"),
                step: false,
                source: None,
                points: vec![Point::new(Period::Year(2018), Some(-418.2)), estimate],
            }],
            ..Dataset::default()
        };
        Chart::build(&dataset, &ChartOptions::default())
            .panels
            .remove(0)
    }

    #[test]
    fn headroom_keeps_the_highest_value_below_the_legend() {
        let panel = panel();
        // Balance runs -418.2 … -345, read against 0: with no legend, the top is 0
        // less the margin; with a legend a fifth of the height, higher still.
        let bare = legend_headroom(&panel, 0.0);
        assert!(bare < 0.0 && bare > -40.0, "{bare}");
        let top = legend_headroom(&panel, 0.2);
        let margin = f64::from(Y_MARGIN_FRACTION);
        let shown_top = top + margin * (top + 418.2);
        let legend_bottom = shown_top - 0.2 * (top + 418.2) * (1.0 + 2.0 * margin);
        assert!(legend_bottom.abs() < 1e-3, "{legend_bottom}");
    }

    #[test]
    fn time_grid_puts_labelled_ticks_about_90_px_apart() {
        // 1000 px showing 1985–2027: egui_plot's base step is the value of 8 px.
        let input = GridInput {
            bounds: (1985.0, 2027.0),
            base_step_size: 42.0 / 1000.0 * 8.0,
        };
        let marks = time_grid(input);
        assert!((5..=11).contains(&marks.len()), "{}", marks.len());
        assert!(marks.iter().all(|mark| mark.value.fract() == 0.0));
    }
}
