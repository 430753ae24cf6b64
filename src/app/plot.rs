//! Paints a [`Chart`] with egui_plot: one plot per panel stacked with X axes and
//! cursors linked, series as lines with markers, events as lines and spans through
//! every panel, and the event label strip above the plots.

use eframe::egui;
use egui::{Color32, FontId, Id, Sense, Ui, Vec2b, vec2};
use egui_plot::{
    Corner, GridInput, GridMark, Legend, Line as PlotLine, LineStyle, MarkerShape, Plot, PlotPoint,
    PlotPoints, PlotUi, Points, Span, VLine,
};

use super::events;
use super::view::ViewRequest;
use crate::chart::{self, Chart, EventMark, Line, Panel, Rgb};
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
    for (index, panel) in chart.panels.iter().enumerate() {
        let legend_height = legend_height(ui, panel);
        let plot = panel_plot(panel, chart, (generation, index), link)
            .include_y(legend_headroom(panel, legend_height / plot_height))
            .height(plot_height)
            .y_axis_min_width(y_axis_width);
        let response = plot.show(ui, |plot_ui| {
            if let Some(request) = request {
                apply_request(plot_ui, request);
            }
            let hovered = hovered_event(plot_ui, events);
            add_events(plot_ui, events, hovered, selected);
            add_lines(plot_ui, panel, chart.show_markers);
            let pointer_x = plot_ui
                .response()
                .hovered()
                .then(|| plot_ui.pointer_coordinate().map(|pointer| pointer.x))
                .flatten();
            (hovered, pointer_x)
        });
        let (hovered, pointer_x) = response.inner;
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
        ui.label(egui::RichText::new(hidden_summary.unwrap_or_default()).weak());
    }
    if let Some(event) = hover.event.and_then(|index| events.get(index)) {
        events::event_tooltip(ui, event);
    }
    hover
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
    let unit = panel.unit.clone();
    let view = chart.view_x_or_default();
    let mut plot = Plot::new(("tradechart-panel", id.0, id.1))
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .link_axis(link, Vec2b::new(true, false))
        .link_cursor(link, Vec2b::new(true, false))
        // Double-click fits everything (the app runs it, as for "Fit" and `0`).
        .allow_double_click_reset(false)
        .default_x_bounds(*view.start(), *view.end())
        .y_axis_label(panel.axis_title.clone())
        .y_axis_formatter(move |mark, _range| chart::format_value(&unit, mark.value))
        .x_axis_formatter(|mark, range| chart::format_x(mark.value, range.end() - range.start()))
        .x_grid_spacer(time_grid)
        .y_grid_spacer(value_grid)
        .set_margin_fraction(vec2(0.0, Y_MARGIN_FRACTION));
    if zero_is_meaningful(panel) {
        plot = plot.include_y(0.0);
    }
    plot
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
    panel.unit.is_percent() || panel.unit.as_str().starts_with("USD")
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

/// Grid lines and tick labels at round values, about [`PX_PER_Y_TICK`] apart.
fn value_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let value_per_px = input.base_step_size / 8.0;
    if value_per_px <= 0.0 || !value_per_px.is_finite() {
        return Vec::new();
    }
    let max_ticks = ((max - min) / (value_per_px * PX_PER_Y_TICK))
        .floor()
        .max(1.0) as usize;
    chart::y_ticks(min, max, max_ticks)
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
            // Ticks reach a little beyond the data (egui_plot adds a margin).
            [low * 1.1, high * 1.1, low.min(0.0), high.max(0.0)]
                .map(|value| chart::format_value(&panel.unit, value.round()) + "0")
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
            let nearest = event.end_x.map_or(distance(event.x), |end| {
                distance(event.x).min(distance(end))
            });
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
    for (index, event) in events.iter().enumerate() {
        let mut colour = colour(event.colour);
        let width = if selected == Some(index) {
            3.0
        } else if hovered == Some(index) {
            2.5
        } else {
            if selected.is_some() {
                colour = colour.gamma_multiply(0.45);
            }
            1.0
        };
        let style = if event.status == Status::Reported {
            LineStyle::Solid
        } else {
            LineStyle::dashed_loose()
        };
        if let Some(end) = event.end_x {
            let fill = if selected == Some(index) { 0.25 } else { 0.12 };
            plot_ui.span(
                Span::new("", event.x..=end)
                    .fill(colour.gamma_multiply(fill))
                    .border_width(0.0),
            );
        }
        plot_ui.vline(
            VLine::new("", event.x)
                .color(colour)
                .width(width)
                .style(style)
                .allow_hover(false),
        );
    }
}

/// The panel's series: each segment a line, markers filled for reported values and
/// hollow for the rest. All items of a series share its name, so the legend shows one
/// entry that hides them all.
fn add_lines(plot_ui: &mut PlotUi<'_>, panel: &Panel, show_markers: bool) {
    let width_px = plot_ui.transform().frame().width();
    for line in &panel.lines {
        let colour = colour(line.colour);
        for segment in &line.segments {
            plot_ui.line(
                PlotLine::new(line.name.clone(), PlotPoints::new(segment.clone()))
                    .color(colour)
                    .width(2.0)
                    // Band rendering merges points a pixel apart into a filled band;
                    // the vertical jumps of a step line would become filled wedges.
                    .allow_band(!line.step),
            );
        }
        if show_markers && (line.markers.len() as f32) <= width_px * MAX_MARKERS_PER_PX {
            add_markers(plot_ui, line, colour);
        }
    }
}

fn add_markers(plot_ui: &mut PlotUi<'_>, line: &Line, colour: Color32) {
    let (reported, other): (Vec<_>, Vec<_>) = line
        .markers
        .iter()
        .partition(|marker| marker.status == Status::Reported);
    for (markers, filled) in [(reported, true), (other, false)] {
        if markers.is_empty() {
            continue;
        }
        let points: Vec<[f64; 2]> = markers.iter().map(|marker| [marker.x, marker.y]).collect();
        plot_ui.points(
            Points::new(line.name.clone(), PlotPoints::new(points))
                .shape(MarkerShape::Circle)
                .radius(3.0)
                .filled(filled)
                .color(colour),
        );
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
