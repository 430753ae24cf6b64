//! The hover readout: at the time under the pointer, every series' value (with its
//! unit, its period and how sure it is), in one tooltip for all panels.
//!
//! [`readout_at`] is plain data work, tested without a window; [`readout_tooltip`]
//! paints it.

use eframe::egui;
use egui::{Color32, Id, PopupAnchor, RichText, Tooltip, Ui};

use crate::chart::{self, Rgb, ValueScale, series_colour};
use crate::data::transform::NoPercent;
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
    /// `21% (estimate)`; `no data` where the series has no value at that time, or why
    /// a percentage is not shown (`not shown: base near zero`).
    pub value: String,
    /// True when the series shows no value at that time.
    pub gap: bool,
    /// The period the value belongs to and how much of it the value covers
    /// (`2018 (whole year)`, `2025 (Jan–Mar only)`, `2018-07-06`), if any.
    pub period: Option<String>,
    /// How sure a value that is not a reported fact is, with its note
    /// (`estimate: 20.8 + 10 pp …`); `None` for a reported value and for a gap.
    pub certainty: Option<String>,
}

/// Shown where a series has no value at the pointer's time.
pub const NO_DATA: &str = "no data";
/// Shown where a percentage was not taken because its base is near zero.
pub const NOT_SHOWN_NEAR_ZERO: &str = "not shown: base near zero";
/// Shown where a percentage was not taken because the value changes sign from its base.
pub const NOT_SHOWN_SIGN_CHANGE: &str = "not shown: sign changes";

/// The readout at time `x` (fractional years). A value covering a period is read
/// where the period contains `x`; a step series (a tariff rate) holds its last value
/// until its next one, the last one until `step_end` (the end of the chart).
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "the window calls readout_at_in; tests call this")
)]
pub fn readout_at(dataset: &Dataset, x: f64, step_end: f64) -> Readout {
    let formats = chart::series_formats(dataset);
    readout_with(
        dataset,
        x,
        step_end,
        &vec![false; dataset.series.len()],
        &formats,
    )
}

/// [`readout_at`] in a window: which series are in time order, and how each series'
/// values are written, is remembered in egui's memory, so a series of a million points
/// is searched, not scanned, every frame.
pub fn readout_at_in(ui: &Ui, dataset: &Dataset, x: f64, step_end: f64) -> Readout {
    type Cached = (Vec<SeriesKey>, Vec<bool>, Vec<(ValueScale, usize)>);
    let key: Vec<SeriesKey> = dataset.series.iter().map(series_key).collect();
    let id = Id::unique("tradechart-readout-sorted");
    let cached = ui
        .data(|data| data.get_temp::<Cached>(id))
        .filter(|(cached_key, _, _)| *cached_key == key);
    let (in_order, formats) = match cached {
        Some((_, in_order, formats)) => (in_order, formats),
        None => {
            let in_order: Vec<bool> = dataset.series.iter().map(in_time_order).collect();
            let formats = chart::series_formats(dataset);
            ui.data_mut(|data| {
                data.insert_temp::<Cached>(id, (key, in_order.clone(), formats.clone()));
            });
            (in_order, formats)
        }
    };
    readout_with(dataset, x, step_end, &in_order, &formats)
}

/// Where a series' points are, how many, and a few of their periods: a new series
/// (a reload, an edit) differs in one of them.
type SeriesKey = (usize, usize, Vec<crate::data::Period>);

fn series_key(series: &Series) -> SeriesKey {
    let points = &series.points;
    let samples = (0..=16)
        .filter_map(|step| points.get(step * points.len().saturating_sub(1) / 16))
        .map(|point| point.period)
        .collect();
    (points.as_ptr() as usize, points.len(), samples)
}

/// True when the points start in time order (the readers sort them; a document may not).
fn in_time_order(series: &Series) -> bool {
    series
        .points
        .windows(2)
        .all(|pair| pair[0].period.start_x() <= pair[1].period.start_x())
}

fn readout_with(
    dataset: &Dataset,
    x: f64,
    step_end: f64,
    in_order: &[bool],
    formats: &[(ValueScale, usize)],
) -> Readout {
    Readout {
        heading: chart::format_x(x, 0.0),
        rows: dataset
            .series
            .iter()
            .enumerate()
            .map(|(index, series)| {
                let sorted = in_order.get(index).copied().unwrap_or(false);
                let format = formats.get(index);
                row(index, series, x, step_end, sorted, format)
            })
            .collect(),
    }
}

/// The first point (in the series' order) whose period holds `x`. When the points are
/// in time order only those starting within two years before `x` can (no period is
/// longer than a year): found by binary search.
fn point_holding(series: &Series, x: f64, in_order: bool) -> Option<&Point> {
    let points = if in_order {
        let from = series
            .points
            .partition_point(|point| point.period.start_x() <= x - 2.0);
        let to = series
            .points
            .partition_point(|point| point.period.start_x() <= x);
        series.points.get(from..to.max(from)).unwrap_or(&[])
    } else {
        &series.points
    };
    points
        .iter()
        .find(|point| point.period.start_x() <= x && x < point.period.end_x())
}

fn row(
    index: usize,
    series: &Series,
    x: f64,
    step_end: f64,
    in_order: bool,
    format: Option<&(ValueScale, usize)>,
) -> ReadoutRow {
    let point = if series.step {
        step_point_at(series, x, step_end)
    } else {
        point_holding(series, x, in_order)
    };
    let value = point.and_then(|point| point.value().filter(|value| value.is_finite()));
    let text = match (point, value) {
        (Some(point), Some(value)) => {
            // The series' panel scale and its column's decimals, as in the table.
            let text = match format {
                Some((scale, decimals)) => scale.format_in_column(value, *decimals),
                None => chart::format_value_with_unit(&series.unit, value),
            };
            if point.status() == Status::Reported {
                text
            } else {
                format!("{text} ({})", point.status().label())
            }
        }
        _ => gap_text(point).to_string(),
    };
    ReadoutRow {
        series: series.name.clone(),
        colour: series_colour(index),
        value: text,
        gap: value.is_none(),
        // A step holds past its own period, so only a covering value says how much
        // of its period it covers.
        period: point.map(|point| {
            if series.step {
                point.period.to_string()
            } else {
                chart::certainty::period_text(point.period, point.coverage())
            }
        }),
        certainty: note_of(point),
    }
}

/// What the readout says where a series shows no value: why, when a percentage was
/// left out (see [`NoPercent`]), else [`NO_DATA`].
fn gap_text(point: Option<&Point>) -> &'static str {
    let note = point.and_then(Point::note);
    if note == Some(NoPercent::NearZero.reason()) {
        NOT_SHOWN_NEAR_ZERO
    } else if note == Some(NoPercent::SignChange.reason()) {
        NOT_SHOWN_SIGN_CHANGE
    } else {
        NO_DATA
    }
}

/// The line under a value in the readout: the status and note of a value that is not
/// a reported fact. A gap gets none: there is no value for a status or note to qualify
/// (a note on a missing point may well describe another series' figure).
pub fn note_of(point: Option<&Point>) -> Option<String> {
    point
        .filter(|point| point.value().is_some_and(f64::is_finite))
        .filter(|point| point.status() != Status::Reported)
        .and_then(|point| chart::certainty::certainty_text(point.status(), point.note()))
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

/// Widest a note under a value grows before it wraps: a readable line, and a readout
/// that fits beside the pointer even in a small window.
pub const NOTE_WIDTH_PX: f32 = 360.0;

/// Shows `readout` beside the pointer: the day, then one row per series with a colour
/// swatch, its name, its value and the period of that value, in aligned columns; under
/// a value that is not a reported fact, its own note, wrapped at [`NOTE_WIDTH_PX`].
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
        let name_width = column_width(ui, readout.rows.iter().map(name_text));
        let value_width = column_width(ui, readout.rows.iter().map(value_text));
        for row in &readout.rows {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                // The dot carries the series colour; the name keeps the text colour so
                // that it reads in both themes.
                let Rgb(r, g, b) = row.colour;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(SWATCH_PX, SWATCH_PX), egui::Sense::hover());
                ui.painter()
                    .circle_filled(rect.center(), 4.5, Color32::from_rgb(r, g, b));
                cell(ui, name_text(row), name_width);
                cell(ui, value_text(row), value_width);
                if let Some(period) = &row.period {
                    ui.label(RichText::new(period).weak());
                }
            });
            if let Some(note) = &row.certainty {
                ui.horizontal(|ui| {
                    // Under the value, so that it reads as that value's note.
                    ui.add_space(SWATCH_PX + 6.0 + name_width);
                    ui.vertical(|ui| {
                        ui.set_max_width(NOTE_WIDTH_PX);
                        ui.add(egui::Label::new(RichText::new(note).italics().small()).wrap());
                    });
                });
            }
        }
    });
}

/// Size of the colour dot beside a series' name.
const SWATCH_PX: f32 = 10.0;
/// Space between a column and the next.
const COLUMN_GAP_PX: f32 = 12.0;

fn name_text(row: &ReadoutRow) -> RichText {
    RichText::new(&row.series)
}

fn value_text(row: &ReadoutRow) -> RichText {
    if row.gap {
        RichText::new(&row.value).weak().italics()
    } else {
        RichText::new(&row.value).strong()
    }
}

/// The width of the widest of `texts` as labels, and a gap.
fn column_width(ui: &Ui, texts: impl Iterator<Item = RichText>) -> f32 {
    texts
        .map(|text| {
            let galley = egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            galley.size().x
        })
        .fold(0.0, f32::max)
        + COLUMN_GAP_PX
}

/// `text` as a label, followed by space up to `width`.
fn cell(ui: &mut Ui, text: RichText, width: f32) {
    let used = ui
        .add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend))
        .rect
        .width();
    ui.add_space((width - used - ui.spacing().item_spacing.x).max(0.0));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Period, Unit};

    fn dataset() -> Dataset {
        let mut estimate = Point::new(Period::Year(2019), Some(-345.0));
        estimate.set_status(Status::Estimated);
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
    fn a_series_in_time_order_is_searched_with_the_same_answers() {
        let mut points: Vec<Point> = (0..2000)
            .map(|day| {
                let date = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
                    + chrono::Duration::days(day);
                Point::new(Period::Day(date), Some(day as f64))
            })
            .collect();
        // A year and its first month among the days: periods that overlap.
        points.insert(0, Point::new(Period::Year(2014), Some(-1.0)));
        points.insert(1, Point::new(Period::Month(2014, 6), Some(-2.0)));
        let dataset = Dataset {
            series: vec![Series {
                name: "Daily".into(),
                unit: Unit::parse("%"),
                step: false,
                source: None,
                points,
            }],
            ..Dataset::default()
        };
        assert!(in_time_order(&dataset.series[0]));
        let formats = chart::series_formats(&dataset);
        for step in 0..700 {
            let x = 2013.9 + f64::from(step) * 0.01;
            assert_eq!(
                readout_with(&dataset, x, 2021.0, &[true], &formats),
                readout_with(&dataset, x, 2021.0, &[false], &formats),
                "{x}"
            );
        }
    }

    #[test]
    fn millions_are_read_at_the_panel_scale_with_one_number_of_decimals() {
        let census = Dataset {
            series: vec![Series {
                name: "Imports".into(),
                unit: Unit::parse("USD millions"),
                step: false,
                source: None,
                points: vec![
                    Point::new(Period::Year(2017), Some(505_165.1)),
                    Point::new(Period::Year(2018), Some(504_938.5)),
                    Point::new(Period::Year(2019), Some(450_000.0)),
                ],
            }],
            ..Dataset::default()
        };
        assert_eq!(values(&readout_at(&census, 2018.5, 2020.0)), ["$504.9bn"]);
        assert_eq!(values(&readout_at(&census, 2019.5, 2020.0)), ["$450.0bn"]);
    }

    #[test]
    fn every_series_is_read_at_the_pointer_with_its_unit() {
        let readout = readout_at(&dataset(), 2017.5, 2020.0);
        assert_eq!(values(&readout), ["-$375.2bn", NO_DATA]);
        assert_eq!(readout.rows[0].period.as_deref(), Some("2017 (whole year)"));
        assert_eq!(readout.rows[1].period, None);
        assert_eq!(readout.heading, "2 Jul 2017");
    }

    #[test]
    fn a_missing_value_says_no_data_and_an_estimate_says_so() {
        let dataset = dataset();
        assert_eq!(values(&readout_at(&dataset, 2018.2, 2020.0))[0], NO_DATA);
        let estimate = readout_at(&dataset, 2019.2, 2020.0);
        // One number of decimals per series: -$345.0bn beside -$375.2bn.
        assert_eq!(values(&estimate)[0], "-$345.0bn (estimate)");
        assert_eq!(estimate.rows[0].certainty.as_deref(), Some("estimate"));
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

    #[test]
    fn a_missing_value_carries_no_note_even_when_its_point_has_one() {
        // China's tariff from 24 Feb 2026: no figure, but the point carries the US
        // tariff's estimate note. The note belongs to no value shown: left out.
        let mut gap = Point::new(Period::parse("2026-02-24").unwrap(), None);
        gap.set_status(Status::Estimated);
        gap = gap.with_note(Some("Estimated: 47.5 minus the 20 pp".to_string()));
        assert_eq!(note_of(Some(&gap)), None);
        // A value of its own keeps its own note.
        let mut estimate = Point::new(Period::parse("2026-02-24").unwrap(), Some(37.5));
        estimate.set_status(Status::Estimated);
        estimate = estimate.with_note(Some("Estimated: 47.5 minus the 20 pp".to_string()));
        assert_eq!(
            note_of(Some(&estimate)).as_deref(),
            Some("estimate: Estimated: 47.5 minus the 20 pp")
        );
        // A reported value says nothing more; nor does no point at all.
        let reported = Point::new(Period::Year(2018), Some(1.0)).with_note(Some("PIIE".into()));
        assert_eq!(note_of(Some(&reported)), None);
        assert_eq!(note_of(None), None);

        let dataset = Dataset {
            series: vec![Series {
                name: "China's tariff".into(),
                unit: Unit::parse("%"),
                step: true,
                source: None,
                points: vec![Point::new(Period::Year(2025), Some(32.6)), gap],
            }],
            ..Dataset::default()
        };
        let readout = readout_at(&dataset, 2026.5, 2027.0);
        assert_eq!(values(&readout), [NO_DATA]);
        assert_eq!(readout.rows[0].certainty, None);
    }

    #[test]
    fn a_percentage_left_out_says_why_in_the_readout() {
        // −0.006 then −1.7 then −418: the change from −0.006 is not taken (near zero);
        // 2.0 after −418 changes sign.
        let balance = Series {
            name: "Balance".into(),
            unit: Unit::parse("USD bn"),
            step: false,
            source: None,
            points: vec![
                Point::new(Period::Year(1985), Some(-0.006)),
                Point::new(Period::Year(1986), Some(-1.7)),
                Point::new(Period::Year(1987), Some(-418.0)),
                Point::new(Period::Year(1988), Some(2.0)),
            ],
        };
        let dataset = Dataset {
            series: vec![balance],
            ..Dataset::default()
        };
        let shown = crate::data::transform::transform_dataset(
            &dataset,
            &crate::data::transform::Transform::PercentChange,
        )
        .dataset;
        let at = |x: f64| readout_at(&shown, x, 1989.0).rows[0].clone();
        assert_eq!(at(1986.5).value, "not shown: base near zero");
        assert!(at(1986.5).gap);
        assert_eq!(at(1988.5).value, "not shown: sign changes");
        // The first year has no previous one: a plain gap.
        assert_eq!(at(1985.5).value, NO_DATA);
        // (418 / 1.7 − 1) × 100 = 24,488.235…: taken (1.7 is 0.4% of 418).
        assert_eq!(at(1987.5).value, "24,488%");
        assert!(!at(1987.5).gap);
    }
}
