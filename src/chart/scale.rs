//! The value scale of a panel: linear, or logarithmic. egui_plot has no log axis, so
//! a log panel holds `log10(value)` as its y coordinates and its ticks are placed and
//! labelled as the real values (`1`, `2`, `5`, `10`, …); both the window and the
//! exporters use [`value_ticks`] and [`format_tick`] so they agree.

use super::format::{ValueScale, y_ticks};
use super::{Line, Panel};

/// Applies a log scale to `panel` when every value is above zero: its y coordinates
/// become `log10(value)`. Returns a note for the user when it cannot.
pub fn apply_log_scale(panel: &mut Panel) -> Option<String> {
    apply_log_scale_shown(panel, &[])
}

/// Like [`apply_log_scale`], decided from the lines not named in `hidden` (the series
/// hidden in the legend): a hidden deficit does not keep its panel linear. A hidden
/// line's values of zero or below are left out of its drawing (it is not drawn while
/// hidden; shown again, the chart is built anew and decides again).
pub fn apply_log_scale_shown(panel: &mut Panel, hidden: &[String]) -> Option<String> {
    let is_shown = |line: &Line| !hidden.contains(&line.name);
    let all_positive = panel
        .lines
        .iter()
        .filter(|line| is_shown(line))
        .all(|line| {
            line.markers.iter().all(|marker| marker.y > 0.0)
                && line.segments.iter().flatten().all(|point| point[1] > 0.0)
        });
    if !all_positive {
        return Some(format!(
            "Log scale not used for \"{}\": it has values of zero or below",
            panel.axis_title
        ));
    }
    for line in &mut panel.lines {
        if !is_shown(line) {
            drop_non_positive(line);
        }
        log_line(line);
    }
    let shown: Vec<Line> = panel
        .lines
        .iter()
        .filter(|line| is_shown(line))
        .cloned()
        .collect();
    panel.y_range = super::y_range(&shown);
    panel.log_scale = true;
    panel.axis_title = format!("{} (log scale)", panel.axis_title);
    None
}

/// Leaves out a line's values of zero or below: its markers, and its segments split
/// where they were.
fn drop_non_positive(line: &mut Line) {
    line.markers.retain(|marker| marker.y > 0.0);
    let mut segments = Vec::new();
    let mut dashed = Vec::new();
    for (segment, dashes) in line.segments.iter().zip(&line.dashed) {
        let mut points: Vec<[f64; 2]> = Vec::new();
        let mut edges: Vec<bool> = Vec::new();
        for (index, point) in segment.iter().enumerate() {
            if point[1] > 0.0 {
                if !points.is_empty() {
                    edges.push(
                        dashes
                            .get(index.saturating_sub(1))
                            .copied()
                            .unwrap_or(false),
                    );
                }
                points.push(*point);
            } else if !points.is_empty() {
                segments.push(std::mem::take(&mut points));
                dashed.push(std::mem::take(&mut edges));
            }
        }
        if !points.is_empty() {
            segments.push(points);
            dashed.push(edges);
        }
    }
    line.segments = segments;
    line.dashed = dashed;
}

fn log_line(line: &mut Line) {
    for marker in &mut line.markers {
        marker.y = marker.y.log10();
    }
    for point in line.segments.iter_mut().flatten() {
        point[1] = point[1].log10();
    }
}

/// The real value at the y coordinate `y` of `panel`.
pub fn real_value(panel: &Panel, y: f64) -> f64 {
    if panel.log_scale { 10f64.powf(y) } else { y }
}

/// A label at the y coordinate `y` of `panel`, as the real value at the panel's
/// scale (`$600bn` for 600,000 in millions), trailing zeros dropped. On a log axis,
/// which spans decades, each value at its own scale (`$10bn`, `$100bn`, `$1tn`).
pub fn format_tick(panel: &Panel, y: f64) -> String {
    scaled_tick_label(&panel.scale, panel.log_scale, y, 0.0)
}

/// A tick label at the y coordinate `y` of `panel` on an axis ticked every `step`
/// (y coordinates): on a linear axis every tick with the decimals of the step
/// (`$0.5tn`, `$1.0tn`); on a log axis as [`format_tick`].
pub fn tick_label(panel: &Panel, y: f64, step: f64) -> String {
    scaled_tick_label(&panel.scale, panel.log_scale, y, step)
}

/// [`tick_label`] for a panel shown at `scale`, log (`log10` values) or not.
pub fn scaled_tick_label(scale: &ValueScale, log: bool, y: f64, step: f64) -> String {
    if log {
        let value = 10f64.powf(y);
        if let Some(real_step) = within_decade_step(value, step) {
            // Round values less than a decade apart: like a linear axis.
            return scale.tick(value, real_step);
        }
        ValueScale::for_values(scale.unit(), [value]).format(value, None)
    } else if step <= 0.0 {
        scale.format(y, None)
    } else {
        scale.tick(y, step)
    }
}

/// Ticks (y coordinate, step size) between `min` and `max` (y coordinates of
/// `panel`), at most about `max_ticks`. On a log panel: at 1, 2 and 5 times the powers
/// of ten, or at powers of ten only (every other … when many decades show), or, within
/// less than a decade, at round real values.
pub fn value_ticks(panel: &Panel, min: f64, max: f64, max_ticks: usize) -> Vec<(f64, f64)> {
    scaled_ticks(panel.log_scale, min, max, max_ticks)
}

/// The real step between log ticks placed within less than a decade (see
/// [`log_ticks`], which gives their step as `real step / value / ln 10`, always below
/// `1 / ln 10`), or `None` for ticks at powers of ten (step 1) and their 2 and 5 times
/// (step 0.3).
fn within_decade_step(value: f64, step: f64) -> Option<f64> {
    let is_decade_step = (step - 1.0).abs() < 1e-9 || (step - 0.3).abs() < 1e-9;
    (step > 0.0 && step < 0.5 && !is_decade_step).then_some(step * value * std::f64::consts::LN_10)
}

/// Ticks as [`value_ticks`] gives them, for a log panel or a linear one.
pub fn scaled_ticks(log: bool, min: f64, max: f64, max_ticks: usize) -> Vec<(f64, f64)> {
    if log {
        log_ticks(min, max, max_ticks)
    } else {
        y_ticks(min, max, max_ticks)
    }
}

/// Ticks for a log axis from `min` to `max` in `log10` coordinates.
pub fn log_ticks(min: f64, max: f64, max_ticks: usize) -> Vec<(f64, f64)> {
    if !(min.is_finite() && max.is_finite()) || max <= min || max_ticks == 0 {
        return Vec::new();
    }
    let decades = max - min;
    if decades < 1.0 {
        // Within a decade: round real values, placed at their logarithms.
        let (low, high) = (10f64.powf(min), 10f64.powf(max));
        return y_ticks(low, high, max_ticks)
            .into_iter()
            .filter(|(value, _)| *value > 0.0)
            .map(|(value, step)| (value.log10(), step / value / std::f64::consts::LN_10))
            .collect();
    }
    let first = min.floor() as i32;
    let last = max.ceil() as i32;
    let per_decade: &[f64] = if decades * 3.0 <= max_ticks as f64 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    let every = ((decades / max_ticks as f64).ceil() as i32).max(1);
    (first..=last)
        .filter(|power| power.rem_euclid(every) == 0)
        .flat_map(|power| {
            per_decade.iter().map(move |factor| {
                let y = f64::from(power) + factor.log10();
                (y, if *factor == 1.0 { 1.0 } else { 0.3 })
            })
        })
        .filter(|(y, _)| *y >= min - 1e-9 && *y <= max + 1e-9)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::chart::{Chart, ChartOptions};
    use crate::data::{Dataset, Period, Point, Series, Unit};

    fn panel(values: &[f64]) -> Panel {
        let dataset = Dataset {
            series: vec![Series {
                name: "Imports".into(),
                unit: Unit::parse("USD bn"),
                step: false,
                source: None,
                points: values
                    .iter()
                    .zip(2000..)
                    .map(|(value, year)| Point::new(Period::Year(year), Some(*value)))
                    .collect(),
            }],
            ..Dataset::default()
        };
        Chart::build(&dataset, &ChartOptions::default())
            .panels
            .remove(0)
    }

    #[test]
    fn a_positive_panel_takes_logarithms_and_labels_real_values() {
        let mut panel = panel(&[10.0, 100.0, 1000.0]);
        assert_eq!(apply_log_scale(&mut panel), None);
        assert!(panel.log_scale);
        assert_eq!(panel.lines[0].markers[1].y, 2.0);
        assert_eq!(panel.y_range, Some((1.0, 3.0)));
        assert_eq!(format_tick(&panel, 2.0), "$100bn");
        assert!(panel.axis_title.ends_with("(log scale)"));
    }

    #[test]
    fn a_panel_with_zero_or_negative_values_is_refused_with_a_note() {
        let mut panel = panel(&[-418.0, 10.0]);
        let note = apply_log_scale(&mut panel).unwrap();
        assert!(note.contains("zero or below"), "{note}");
        assert!(!panel.log_scale);
        assert_eq!(panel.lines[0].markers[0].y, -418.0);
    }

    #[test]
    fn log_ticks_sit_at_one_two_five_times_powers_of_ten() {
        let ticks: Vec<f64> = log_ticks(0.0, 2.0, 10)
            .into_iter()
            .map(|(y, _)| (10f64.powf(y) * 1000.0).round() / 1000.0)
            .collect();
        assert_eq!(ticks, [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]);
        // Many decades, few ticks: powers of ten only, thinned.
        let sparse = log_ticks(0.0, 8.0, 4);
        assert!(sparse.len() <= 5, "{sparse:?}");
        assert!(sparse.iter().all(|(y, _)| y.fract() == 0.0));
        // Within a decade: round real values.
        let narrow: Vec<f64> = log_ticks(2.0f64.log10(), 5.0f64.log10(), 5)
            .into_iter()
            .map(|(y, _)| (10f64.powf(y) * 1000.0).round() / 1000.0)
            .collect();
        assert_eq!(narrow, [2.0, 3.0, 4.0, 5.0]);
        // Labelled alike: one number of decimals within a decade, none across decades.
        let bn = ValueScale::unscaled(&crate::data::Unit::parse("USD bn"));
        let labels: Vec<String> = log_ticks(105f64.log10(), 135f64.log10(), 12)
            .into_iter()
            .map(|(y, step)| scaled_tick_label(&bn, true, y, step))
            .collect();
        assert_eq!(labels.first().map(String::as_str), Some("$107.5bn"));
        assert!(labels.contains(&"$130.0bn".to_string()), "{labels:?}");
        let labels: Vec<String> = log_ticks(0.0, 3.0, 12)
            .into_iter()
            .map(|(y, step)| scaled_tick_label(&bn, true, y, step))
            .collect();
        assert_eq!(labels[..4], ["$1bn", "$2bn", "$5bn", "$10bn"]);
        assert_eq!(labels.last().map(String::as_str), Some("$1tn"));
        assert!(log_ticks(1.0, 1.0, 5).is_empty());
    }
}
