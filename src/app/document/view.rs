//! How the window moves the visible time range: keys, the year-range control, "Fit"
//! and bringing an event into view, and the commands of the view controls. What is
//! shown is the one [`crate::chart::View`]; this is the window's navigation of it.
//!
//! Everything here is plain arithmetic on fractional years (no egui), so it is tested
//! without a window; the commands set the view's time range, which `plot` gives every
//! plot each frame.

use crate::chart::{Chart, EventFilter, Look};
use crate::data::transform::Transform;

/// Smallest time span the keyboard zooms in to: about a week, in years.
pub const MIN_SPAN_YEARS: f64 = 7.0 / 365.0;
/// How far one arrow key press pans, as a fraction of the visible span.
pub const PAN_FRACTION: f64 = 0.1;
/// How much one `+` press narrows the visible span (and `-` widens it).
pub const ZOOM_FACTOR: f64 = 0.8;

/// Something the reader asked of the view, run by the app's `run_command`.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum ViewCommand {
    /// Select the event at this index of the chart's events, or none.
    SelectEvent(Option<usize>),
    /// Select the event and pan so that it is in view (keeping the zoom if it fits).
    ShowEvent(usize),
    /// Show all data and events, value axes fitted again.
    Fit,
    /// Show this time range (fractional years).
    ShowRange(f64, f64),
    /// Pan by this fraction of the visible span (negative is back in time).
    Pan(f64),
    /// Scale the visible span by this factor about its middle (below 1 zooms in).
    Zoom(f64),
    /// Change the look (theme, markers, labels, panels).
    SetLook(Look),
    /// Show the events this filter lets through (the side panel's categories and
    /// search).
    SetFilter(EventFilter),
    /// Open the Help window that describes the accepted files.
    ShowDataFormat,
    /// Show the series transformed (change, index, …) and/or on a log scale.
    SetAnalysis(Transform, bool),
}

/// `range` moved by `fraction` of its span (negative is back in time).
pub fn pan(range: (f64, f64), fraction: f64) -> (f64, f64) {
    let shift = (range.1 - range.0) * fraction;
    (range.0 + shift, range.1 + shift)
}

/// `range` scaled about its middle by `factor` (below 1 zooms in), never narrower
/// than [`MIN_SPAN_YEARS`].
pub fn zoom(range: (f64, f64), factor: f64) -> (f64, f64) {
    let middle = (range.0 + range.1) / 2.0;
    let half = ((range.1 - range.0) * factor).max(MIN_SPAN_YEARS) / 2.0;
    (middle - half, middle + half)
}

/// Share of the visible span an event must be inside the edges by to count as in view.
const IN_VIEW_INSET_FRACTION: f64 = 0.01;
/// Room a view brought to an event may show beyond the data, as a share of its span.
pub const DATA_MARGIN_FRACTION: f64 = 0.02;

/// The range to show so that an event (a line at `x`, or a span to `end_x`) is in
/// view: `range` itself when the event is already in it, else the same span centred on
/// the event (widened only when the event is longer than the span), then moved back
/// inside `data` (the chart's whole range, plus [`DATA_MARGIN_FRACTION`] of it) so
/// that bringing a late event into view never shows years without data.
pub fn bring_into_view(
    range: (f64, f64),
    x: f64,
    end_x: Option<f64>,
    data: Option<(f64, f64)>,
) -> (f64, f64) {
    let end = end_x.unwrap_or(x).max(x);
    let span = range.1 - range.0;
    let inset = span * IN_VIEW_INSET_FRACTION;
    if x >= range.0 + inset && end <= range.1 - inset {
        return range;
    }
    let span = span.max((end - x) * 1.2);
    let middle = (x + end) / 2.0;
    let centred = (middle - span / 2.0, middle + span / 2.0);
    match data {
        Some(data) => within(centred, data),
        None => centred,
    }
}

/// `range` moved (keeping its span) to lie inside `data` plus
/// [`DATA_MARGIN_FRACTION`] of its span either side; `data` with that margin when
/// `range` is wider.
pub fn within(range: (f64, f64), data: (f64, f64)) -> (f64, f64) {
    let margin = (data.1 - data.0) * DATA_MARGIN_FRACTION;
    let (low, high) = (data.0 - margin, data.1 + margin);
    let span = range.1 - range.0;
    if span >= high - low {
        return (low, high);
    }
    if range.0 < low {
        (low, low + span)
    } else if range.1 > high {
        (high - span, high)
    } else {
        range
    }
}

/// `range` scaled by `factor` (below 1 zooms in) about the time `at`, which stays
/// where it is on screen; never narrower than [`MIN_SPAN_YEARS`].
pub fn zoom_about(range: (f64, f64), factor: f64, at: f64) -> (f64, f64) {
    let span = range.1 - range.0;
    let new_span = (span * factor).max(MIN_SPAN_YEARS);
    if span <= 0.0 || !new_span.is_finite() {
        return range;
    }
    let share = ((at - range.0) / span).clamp(0.0, 1.0);
    let start = at - share * new_span;
    (start, start + new_span)
}

/// The years the year-range control shows for a visible range: the year at the left
/// edge and the last year that starts before the right edge (rounded to the nearest
/// year boundary, so the pair survives [`range_of_years`]).
pub fn years_of_range(range: (f64, f64)) -> (i32, i32) {
    let from = range.0.round();
    let to = (range.1.round() - 1.0).max(from);
    (year_from_f64(from), year_from_f64(to))
}

/// The visible range for "From year" … "To year", both whole years shown.
pub fn range_of_years(from: i32, to: i32) -> (f64, f64) {
    let (from, to) = (from.min(to), from.max(to));
    (f64::from(from), f64::from(to) + 1.0)
}

/// Whole years covered by the chart's data and events, for the year-range control.
pub fn year_bounds(chart: &Chart) -> Option<(i32, i32)> {
    let (min, max) = chart.x_range?;
    Some((
        year_from_f64(min.floor()),
        year_from_f64((max - 1e-9).floor()),
    ))
}

fn year_from_f64(year: f64) -> i32 {
    // Years on a chart are far inside i32; saturate rather than wrap on nonsense.
    year.clamp(-1.0e6, 1.0e6) as i32
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn pan_and_zoom_keep_the_span_or_scale_it_about_the_middle() {
        assert_eq!(pan((2000.0, 2010.0), 0.1), (2001.0, 2011.0));
        assert_eq!(pan((2000.0, 2010.0), -0.1), (1999.0, 2009.0));
        assert_eq!(zoom((2000.0, 2010.0), 0.8), (2001.0, 2009.0));
        let tiny = zoom((2000.0, 2000.001), 0.5);
        assert!((tiny.1 - tiny.0 - MIN_SPAN_YEARS).abs() < 1e-12);
    }

    #[test]
    fn an_event_in_view_leaves_the_view_alone_else_it_is_centred() {
        assert_eq!(
            bring_into_view((2010.0, 2020.0), 2015.0, None, None),
            (2010.0, 2020.0)
        );
        assert_eq!(
            bring_into_view((2010.0, 2020.0), 2001.0, None, None),
            (1996.0, 2006.0)
        );
        // A span longer than the view widens it.
        let wide = bring_into_view((2010.0, 2012.0), 2000.0, Some(2010.0), None);
        assert!(wide.0 < 2000.0 && wide.1 > 2010.0, "{wide:?}");
    }

    #[test]
    fn an_event_is_brought_into_view_without_leaving_the_data() {
        // Issue 14, point 8: after Fit (1985–2026.5) the Stockholm talks (2025.57) are
        // in view; the view stays as it was, not 2005–2046.
        let data = (1985.0, 2026.5);
        assert_eq!(bring_into_view(data, 2025.57, None, Some(data)), data);
        // Zoomed into 2000–2010: centring on 2025.57 would show 2020.57–2030.57; moved
        // back to end at the data's end plus 2% of its 41.5 years (0.83).
        let brought = bring_into_view((2000.0, 2010.0), 2025.57, None, Some(data));
        assert!((brought.1 - 2027.33).abs() < 1e-9, "{brought:?}");
        assert!((brought.0 - 2017.33).abs() < 1e-9, "{brought:?}");
        // An early event: moved to start at 1985 less 0.83.
        let early = bring_into_view((2010.0, 2020.0), 1986.0, None, Some(data));
        assert!((early.0 - 1984.17).abs() < 1e-9, "{early:?}");
        // Wider than the data: the data with its margin.
        assert_eq!(within((1900.0, 2100.0), data), (1984.17, 2027.33));
    }

    #[test]
    fn zoom_about_keeps_the_time_under_the_pointer_in_place() {
        // 2000–2010 halved about 2002 (a fifth of the way): 2002 stays a fifth of the
        // way across 5 years, 2001–2006.
        assert_eq!(zoom_about((2000.0, 2010.0), 0.5, 2002.0), (2001.0, 2006.0));
        assert_eq!(zoom_about((2000.0, 2010.0), 2.0, 2005.0), (1995.0, 2015.0));
        let tiny = zoom_about((2000.0, 2000.001), 0.5, 2000.0);
        assert!((tiny.1 - tiny.0 - MIN_SPAN_YEARS).abs() < 1e-12);
    }

    #[test]
    fn year_range_round_trips_through_the_visible_range() {
        assert_eq!(range_of_years(2016, 2025), (2016.0, 2026.0));
        assert_eq!(years_of_range((2016.0, 2026.0)), (2016, 2025));
        assert_eq!(years_of_range((2015.9, 2026.2)), (2016, 2025));
        // Handles given the wrong way round still make a range.
        assert_eq!(range_of_years(2020, 2018), (2018.0, 2021.0));
        assert_eq!(years_of_range((2018.2, 2018.4)), (2018, 2018));
    }
}
