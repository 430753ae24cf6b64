//! The rules that place a chart's parts in pixels, once, for the window (egui_plot is
//! fed from them) and every export (`export::layout` places SVG elements by them):
//! how many ticks per pixel, the value range a panel shows and its margins, the zero
//! line, when markers and bars are left out, whether a legend fits inside its plot,
//! how many rows the strip of event labels above the plots has (where each label goes
//! is [`super::annotations`]' plan).
//!
//! Each rule is computed for a given size in pixels and is cheap (no text is laid
//! out here): the window evaluates them every frame.

use super::{Line, Panel};

/// Pixels per time-axis tick label (egui_plot fades X labels closer than 80).
pub const PX_PER_X_TICK: f64 = 90.0;
/// Pixels per value-axis tick label (egui_plot fades Y labels closer than 30).
pub const PX_PER_Y_TICK: f64 = 35.0;
/// Most value ticks on a plot however tall: a reader follows a handful of grid lines
/// (a 660-pixel export had 18, at $25bn steps).
pub const MAX_Y_TICKS: usize = 10;
/// Room above and below the data, as a fraction of the shown range.
pub const Y_MARGIN_FRACTION: f64 = 0.05;
/// Markers (and period bars) are left out when a line has more values in view than
/// this per pixel of plot width.
pub const MAX_MARKERS_PER_PX: f64 = 0.25;
/// Fewest and most rows of event labels above the plots.
pub const MIN_LABEL_ROWS: usize = 3;
pub const MAX_LABEL_ROWS: usize = 7;
/// Share of the chart's height the event label strip may take.
pub const LABEL_STRIP_SHARE: f64 = 0.14;

/// How many time ticks a plot `width_px` wide gets: one per [`PX_PER_X_TICK`] (at
/// `scale` times the size of a 1200 × 800 chart), at least one.
pub fn x_tick_count(width_px: f64, scale: f64) -> usize {
    (width_px / (PX_PER_X_TICK * scale)).floor().max(1.0) as usize
}

/// How many value ticks a plot `height_px` high gets: one per [`PX_PER_Y_TICK`] (at
/// `scale`), at most [`MAX_Y_TICKS`], at least `least`.
pub fn y_tick_count(height_px: f64, scale: f64, least: usize) -> usize {
    let count = (height_px / (PX_PER_Y_TICK * scale)).floor();
    if count.is_finite() && count > 0.0 {
        (count as usize).min(MAX_Y_TICKS).max(least)
    } else {
        least
    }
}

/// Rows of event labels above plots in a chart `height_px` high, with rows of
/// `row_height_px`: more rows in a taller chart, so that fewer labels are hidden when
/// there is room; between [`MIN_LABEL_ROWS`] and [`MAX_LABEL_ROWS`].
pub fn label_rows(height_px: f64, row_height_px: f64) -> usize {
    let rows = (height_px * LABEL_STRIP_SHARE / row_height_px).floor();
    if rows.is_finite() && rows > 0.0 {
        (rows as usize).clamp(MIN_LABEL_ROWS, MAX_LABEL_ROWS)
    } else {
        MIN_LABEL_ROWS
    }
}

/// Rates and money are read against zero (a zero line, a range that includes zero);
/// other units (an index) need not be. A log axis has no zero.
pub fn zero_is_meaningful(panel: &Panel) -> bool {
    !panel.log_scale && (panel.unit.is_percent() || panel.unit.as_str().starts_with("USD"))
}

/// True when a zero line is drawn: the panel is read against zero and zero is inside
/// the value range shown.
pub fn shows_zero_line(panel: &Panel, y_view: (f64, f64)) -> bool {
    zero_is_meaningful(panel) && y_view.0 < 0.0 && y_view.1 > 0.0
}

/// How many of `line`'s values are in the time range `view`.
pub fn markers_in_view(line: &Line, view: (f64, f64)) -> usize {
    let first = line.markers.partition_point(|marker| marker.x < view.0);
    let after = line.markers.partition_point(|marker| marker.x <= view.1);
    after.saturating_sub(first)
}

/// True when `line` gets markers (and period bars) in a plot `width_px` wide showing
/// `view`: not when its values in view are denser than [`MAX_MARKERS_PER_PX`].
pub fn markers_fit(line: &Line, view: (f64, f64), width_px: f64) -> bool {
    markers_in_view(line, view) as f64 <= width_px * MAX_MARKERS_PER_PX
}

/// The lowest and highest value a line drawn through `points` (in time order) shows
/// in the time range `view`: the points inside it and the one either side, whose
/// edges cross into the view. `None` when no edge of the line is in view.
pub fn value_range_in_view(points: &[[f64; 2]], view: (f64, f64)) -> Option<(f64, f64)> {
    let first = points.partition_point(|point| point[0] < view.0);
    let last = points.partition_point(|point| point[0] <= view.1);
    if first == points.len() || last == 0 {
        // The whole line is before or after the view.
        return None;
    }
    let shown = points.get(first.saturating_sub(1)..(last + 1).min(points.len()))?;
    shown
        .iter()
        .map(|point| point[1])
        .filter(|value| value.is_finite())
        .fold(None, |range, value| match range {
            None => Some((value, value)),
            Some((low, high)) => Some((f64::min(low, value), f64::max(high, value))),
        })
}

/// The lowest and highest value the lines drawn through `runs` (each a run of points
/// in time order) show in the time range `view` (see [`value_range_in_view`]).
pub fn values_in_view<'a>(
    runs: impl IntoIterator<Item = &'a [[f64; 2]]>,
    view: (f64, f64),
) -> Option<(f64, f64)> {
    runs.into_iter()
        .filter_map(|points| value_range_in_view(points, view))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

/// The value range `panel` shows for data reaching `values` (`None`: the panel's
/// whole range, else 0 to 1), in the window and in every export: from zero where zero
/// is meaningful (see [`zero_is_meaningful`]), [`Y_MARGIN_FRACTION`] of the range
/// above and below, and room at the top for a legend drawn inside the plot
/// (`legend_fraction` of its height, in the top left; 0 where the legend is outside
/// the plot, as in an export, or where direct labels replace it).
pub fn value_bounds(panel: &Panel, values: Option<(f64, f64)>, legend_fraction: f64) -> (f64, f64) {
    let (mut low, mut high) = values.or(panel.y_range).unwrap_or((0.0, 1.0));
    if zero_is_meaningful(panel) {
        (low, high) = (low.min(0.0), high.max(0.0));
    }
    if high <= low {
        (low, high) = (low - 0.5, low + 0.5);
    }
    if legend_below(panel.y_range) {
        // The legend in the bottom left: the same room, kept under the data.
        let (low, high) = room_above_for_legend((-high, -low), legend_fraction);
        return (-high, -low);
    }
    room_above_for_legend((low, high), legend_fraction)
}

/// `(low, high)` widened by [`Y_MARGIN_FRACTION`] of the shown range below and above,
/// and `legend_fraction` of it at the top for a legend.
fn room_above_for_legend((low, high): (f64, f64), legend_fraction: f64) -> (f64, f64) {
    let margin = Y_MARGIN_FRACTION;
    // Shown range = (top - low)·(1 + 2·margin); the legend takes `fraction` of it
    // from the top; solve for the top that puts `high` just under the legend.
    let fraction = legend_fraction.clamp(0.0, 0.45);
    let top = (low + (high - low) / (1.0 + margin - fraction * (1.0 + 2.0 * margin))).max(high);
    let shown = top - low;
    (low - margin * shown, top + margin * shown)
}

/// Most of a plot's height a legend inside it may take. A taller legend (a short
/// plot: two panels at 1024 × 700) goes under the plot instead: the room kept for it
/// inside stretched the value axis until the trade panel read $1,000bn / $500bn /
/// $0bn, with no tick on the deficit side at all.
pub const MAX_LEGEND_SHARE_INSIDE: f64 = 1.0 / 3.0;

/// True when a legend `legend_height_px` high is drawn inside a plot
/// `plot_height_px` high (see [`MAX_LEGEND_SHARE_INSIDE`]); else it goes under it
/// and [`value_bounds`] keeps no room for it.
pub fn legend_inside(legend_height_px: f64, plot_height_px: f64) -> bool {
    plot_height_px > 0.0 && legend_height_px <= plot_height_px * MAX_LEGEND_SHARE_INSIDE
}

/// True when a panel's legend goes in its bottom left, not its top left: every value
/// of the panel (`y_range`) is at or below zero — deficits, whose lines run along the
/// zero line at the top, where a tall legend (seven partners) would cover them.
pub fn legend_below(y_range: Option<(f64, f64)>) -> bool {
    y_range.is_some_and(|(_, high)| high <= 0.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::chart::{Marker, Rgb};
    use crate::data::{Period, Status};

    fn yearly_line(years: std::ops::Range<i32>) -> Line {
        Line {
            name: "L".into(),
            series_index: 0,
            colour: Rgb::hex(0),
            step: false,
            segments: Vec::new(),
            dashed: Vec::new(),
            markers: years
                .map(|year| Marker {
                    x: f64::from(year) + 0.5,
                    y: 1.0,
                    period: Period::Year(year),
                    status: Status::Reported,
                    note: None,
                    span: (f64::from(year), f64::from(year) + 1.0),
                    coverage: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_deficit_panel_keeps_its_legend_room_under_the_lines() {
        assert!(legend_below(Some((-400.0, -10.0))));
        assert!(legend_below(Some((-400.0, 0.0))));
        assert!(!legend_below(Some((-400.0, 5.0))));
        assert!(!legend_below(None));
        // Mirrored: 0 to 400 with a quarter for the legend shows up to
        // 400 / (1.05 − 0.25 × 1.1) = 516.13, ±5% of that: −25.81 … 541.94.
        let deficits = panel("USD bn", Some((-400.0, -10.0)));
        let (low, high) = value_bounds(&deficits, Some((-400.0, -10.0)), 0.25);
        assert!((low - -541.935).abs() < 1e-3, "{low}");
        assert!((high - 25.806).abs() < 1e-3, "{high}");
        // The bottom quarter of the shown range ends where the lowest value is.
        assert!((low + 0.25 * (high - low) - -400.0).abs() < 1e-9);
    }

    #[test]
    fn a_legend_over_a_third_of_its_plot_goes_under_it() {
        // Three rows of 18 px and a 16 px frame: 70 px.
        assert!(legend_inside(70.0, 230.0));
        assert!(legend_inside(70.0, 210.0));
        assert!(!legend_inside(70.0, 209.0));
        // The 1024 × 700 window's plots, about 150 px.
        assert!(!legend_inside(70.0, 150.0));
        assert!(!legend_inside(0.0, 0.0));
    }

    #[test]
    fn label_rows_grow_with_the_height_between_three_and_seven() {
        // 800 px × 0.14 = 112 px; rows of 17.6 px: 6 rows (the export's fixed 4 was
        // the drift of issue 15).
        assert_eq!(label_rows(800.0, 17.6), 6);
        // 600 × 0.14 = 84 / 17 = 4.9: 4 rows.
        assert_eq!(label_rows(600.0, 17.0), 4);
        assert_eq!(label_rows(200.0, 17.0), MIN_LABEL_ROWS);
        assert_eq!(label_rows(2000.0, 17.0), MAX_LABEL_ROWS);
        assert_eq!(label_rows(800.0, 0.0), MIN_LABEL_ROWS);
    }

    #[test]
    fn markers_are_counted_in_view_not_over_the_whole_line() {
        // 400 yearly values; 100 px hold 25 markers.
        let line = yearly_line(1626..2026);
        assert_eq!(markers_in_view(&line, (2000.0, 2026.0)), 26);
        assert_eq!(markers_in_view(&line, (1500.0, 3000.0)), 400);
        // Zoomed to 2006–2026 (20 values) the markers fit 100 px; the whole line does
        // not (the window's drift: it counted all 400).
        assert!(markers_fit(&line, (2006.0, 2026.0), 100.0));
        assert!(!markers_fit(&line, (1500.0, 3000.0), 100.0));
    }

    #[test]
    fn ticks_are_one_per_so_many_pixels() {
        assert_eq!(x_tick_count(900.0, 1.0), 10);
        assert_eq!(x_tick_count(50.0, 1.0), 1);
        assert_eq!(x_tick_count(900.0, 2.0), 5);
        assert_eq!(y_tick_count(200.0, 1.0, 2), 5);
        assert_eq!(y_tick_count(50.0, 1.0, 2), 2);
        assert_eq!(y_tick_count(660.0, 1.0, 2), MAX_Y_TICKS);
    }

    #[test]
    fn the_value_range_in_view_takes_the_points_inside_and_either_side() {
        let points = [
            [2000.5, 10.0],
            [2001.5, 40.0],
            [2002.5, 20.0],
            [2003.5, -5.0],
        ];
        // 2001.6–2002.4 has no point inside: the edge 2001.5–2002.5 crosses it.
        assert_eq!(
            value_range_in_view(&points, (2001.6, 2002.4)),
            Some((20.0, 40.0))
        );
        // 2002–2003: 2002.5 inside, 2001.5 and 2003.5 either side.
        assert_eq!(
            value_range_in_view(&points, (2002.0, 2003.0)),
            Some((-5.0, 40.0))
        );
        // Before or after the line: nothing.
        assert_eq!(value_range_in_view(&points, (1990.0, 1995.0)), None);
        assert_eq!(value_range_in_view(&points, (2010.0, 2011.0)), None);
        assert_eq!(value_range_in_view(&[], (2000.0, 2001.0)), None);
    }

    fn panel(unit: &str, y_range: Option<(f64, f64)>) -> Panel {
        let unit = crate::data::Unit::parse(unit);
        Panel {
            axis_title: String::new(),
            scale: crate::chart::ValueScale::unscaled(&unit),
            unit,
            lines: Vec::new(),
            y_range,
            log_scale: false,
        }
    }

    #[test]
    fn value_bounds_keep_zero_and_room_for_the_legend() {
        let money = panel("USD bn", Some((-500.0, 100.0)));
        // Balance runs -418.2 … -345, read against 0: with no legend, 0 is the top
        // of the data and 5% of the 418.2 shown is added above and below.
        let (low, high) = value_bounds(&money, Some((-418.2, -345.0)), 0.0);
        assert!((low - (-418.2 - 20.91)).abs() < 1e-9, "{low}");
        assert!((high - 20.91).abs() < 1e-9, "{high}");
        // With a legend a fifth of the height, its bottom edge is at 0.
        let (low, high) = value_bounds(&money, Some((-418.2, -345.0)), 0.2);
        let legend_bottom = high - 0.2 * (high - low);
        assert!(legend_bottom.abs() < 1e-9, "{legend_bottom}");
        // No values in view: the panel's whole range, -500 … 100 ± 30.
        let (low, high) = value_bounds(&money, None, 0.0);
        assert!((low + 530.0).abs() < 1e-9 && (high - 130.0).abs() < 1e-9);
        // An index is not read against zero: the data alone, with its margins.
        let index = panel("index", None);
        let (low, high) = value_bounds(&index, Some((10.0, 20.0)), 0.0);
        assert!((low - 9.5).abs() < 1e-9 && (high - 20.5).abs() < 1e-9);
        // One value: a unit around it, 6.5 … 7.5 ± 0.05.
        let (low, high) = value_bounds(&index, Some((7.0, 7.0)), 0.0);
        assert!((low - 6.45).abs() < 1e-9 && (high - 7.55).abs() < 1e-9);
        // Nothing at all: 0 to 1 ± 0.05.
        let (low, high) = value_bounds(&index, None, 0.0);
        assert!((low + 0.05).abs() < 1e-9 && (high - 1.05).abs() < 1e-9);
        // A rate from 3 to 12 is shown from 0: 0 … 12 with 0.6 above and below.
        let rate = panel("%", None);
        let (low, high) = value_bounds(&rate, Some((3.0, 12.0)), 0.0);
        assert!(
            (low + 0.6).abs() < 1e-9 && (high - 12.6).abs() < 1e-9,
            "{low} {high}"
        );
    }

    #[test]
    fn values_in_view_join_the_runs() {
        let early = [[2000.5, 10.0], [2001.5, 40.0]];
        let late = [[2003.5, -5.0], [2004.5, 8.0]];
        assert_eq!(
            values_in_view([&early[..], &late[..]], (2000.0, 2005.0)),
            Some((-5.0, 40.0))
        );
        // 2004–2005 shows the late run only (its edge from 2003.5 crosses into view).
        assert_eq!(
            values_in_view([&early[..], &late[..]], (2004.0, 2005.0)),
            Some((-5.0, 8.0))
        );
        assert_eq!(values_in_view([&early[..]], (2010.0, 2011.0)), None);
    }
}
