//! The hover readout: at the time under the pointer, every series' value (with its
//! unit, its period and how sure it is), in one tooltip for all panels.
//!
//! [`readout_at`] is plain data work, tested without a window; [`readout_tooltip`]
//! paints it.

use eframe::egui;
use egui::{Color32, Id, PopupAnchor, RichText, Tooltip, Ui};

use crate::chart::{self, Rgb, series_colour};
use crate::data::{Dataset, Point, Series, Status};

/// What the readout says, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct Readout {
    /// The day under the pointer, e.g. `6 Jul 2018`.
    pub heading: String,
    pub rows: Vec<ReadoutRow>,
}

/// One series in the readout.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadoutRow {
    pub series: String,
    pub colour: Rgb,
    /// The value with its unit and, if not reported, its status: `$120.3bn`,
    /// `21% (estimate)`; `no data` where the series has no value at that time.
    pub value: String,
    /// The period the value belongs to (`2018`, `2018-07-06`), if any.
    pub period: Option<String>,
}

/// Shown where a series has no value at the pointer's time.
pub const NO_DATA: &str = "no data";

/// The readout at time `x` (fractional years). A value covering a period is read
/// where the period contains `x`; a step series (a tariff rate) holds its last value
/// until its next one, the last one until `step_end` (the end of the chart).
pub fn readout_at(dataset: &Dataset, x: f64, step_end: f64) -> Readout {
    Readout {
        heading: chart::format_x(x, 0.0),
        rows: dataset
            .series
            .iter()
            .enumerate()
            .map(|(index, series)| row(index, series, x, step_end))
            .collect(),
    }
}

fn row(index: usize, series: &Series, x: f64, step_end: f64) -> ReadoutRow {
    let point = if series.step {
        step_point_at(series, x, step_end)
    } else {
        series
            .points
            .iter()
            .find(|point| point.period.start_x() <= x && x < point.period.end_x())
    };
    let value = point
        .and_then(|point| {
            point
                .value
                .filter(|value| value.is_finite())
                .map(|v| (point, v))
        })
        .map_or_else(
            || NO_DATA.to_string(),
            |(point, value)| {
                let text = chart::format_value_with_unit(&series.unit, value);
                if point.status == Status::Reported {
                    text
                } else {
                    format!("{text} ({})", point.status.label())
                }
            },
        );
    ReadoutRow {
        series: series.name.clone(),
        colour: series_colour(index),
        value,
        period: point.map(|point| point.period.to_string()),
    }
}

/// The step in force at `x`: the latest point starting at or before `x`, if `x` is
/// before the end of the chart (or the end of that point's own period, if later).
fn step_point_at(series: &Series, x: f64, step_end: f64) -> Option<&Point> {
    let latest = series
        .points
        .iter()
        .filter(|point| point.period.start_x() <= x)
        .max_by_key(|point| point.period)?;
    (x < step_end.max(latest.period.end_x())).then_some(latest)
}

/// Shows `readout` beside the pointer: the day, then one row per series with a colour
/// swatch, its name, its value and the period of that value.
pub fn readout_tooltip(ui: &Ui, readout: &Readout) {
    Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        Id::unique("tradechart-readout"),
        PopupAnchor::Pointer,
    )
    .gap(16.0)
    .show(|ui| {
        ui.strong(&readout.heading);
        egui::Grid::new("tradechart-readout-grid")
            .num_columns(3)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for row in &readout.rows {
                    let Rgb(r, g, b) = row.colour;
                    // The dot carries the series colour; the name keeps the text
                    // colour so that it reads in both themes.
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 6.0;
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter()
                            .circle_filled(rect.center(), 4.5, Color32::from_rgb(r, g, b));
                        ui.label(&row.series);
                    });
                    let value = if row.value == NO_DATA {
                        RichText::new(&row.value).weak().italics()
                    } else {
                        RichText::new(&row.value).strong()
                    };
                    ui.label(value);
                    ui.label(RichText::new(row.period.as_deref().unwrap_or("")).weak());
                    ui.end_row();
                }
            });
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Period, Unit};

    fn dataset() -> Dataset {
        let mut estimate = Point::new(Period::Year(2019), Some(-345.0));
        estimate.status = Status::Estimated;
        Dataset {
            series: vec![
                Series {
                    name: "Balance".into(),
                    unit: Unit::parse("USD bn"),
                    step: false,
                    source: None,
                    points: vec![
                        Point::new(Period::Year(2017), Some(-375.2)),
                        Point::new(Period::Year(2018), None),
                        estimate,
                    ],
                },
                Series {
                    name: "Tariff".into(),
                    unit: Unit::parse("%"),
                    step: true,
                    source: None,
                    points: vec![
                        Point::new(Period::parse("2018-07-06").unwrap(), Some(6.7)),
                        Point::new(Period::parse("2018-01-01").unwrap(), Some(3.1)),
                    ],
                },
            ],
            ..Dataset::default()
        }
    }

    fn values(readout: &Readout) -> Vec<&str> {
        readout.rows.iter().map(|row| row.value.as_str()).collect()
    }

    #[test]
    fn every_series_is_read_at_the_pointer_with_its_unit() {
        let readout = readout_at(&dataset(), 2017.5, 2020.0);
        assert_eq!(values(&readout), ["-$375.2bn", NO_DATA]);
        assert_eq!(readout.rows[0].period.as_deref(), Some("2017"));
        assert_eq!(readout.rows[1].period, None);
        assert_eq!(readout.heading, "2 Jul 2017");
    }

    #[test]
    fn a_missing_value_says_no_data_and_an_estimate_says_so() {
        let dataset = dataset();
        assert_eq!(values(&readout_at(&dataset, 2018.2, 2020.0))[0], NO_DATA);
        assert_eq!(
            values(&readout_at(&dataset, 2019.2, 2020.0))[0],
            "-$345bn (estimate)"
        );
    }

    #[test]
    fn a_step_series_holds_its_latest_value_until_the_chart_ends() {
        let dataset = dataset();
        // Points listed out of order: the latest start before x wins.
        let readout = readout_at(&dataset, 2018.3, 2020.0);
        assert_eq!(values(&readout)[1], "3.1%");
        assert_eq!(values(&readout_at(&dataset, 2019.9, 2020.0))[1], "6.7%");
        assert_eq!(values(&readout_at(&dataset, 2020.5, 2020.0))[1], NO_DATA);
    }
}
