//! Random small datasets through the chart layout and the SVG writer: series of one
//! period kind each with finite values (some missing), events, and random view, size,
//! transform and options. The SVG must come out, whatever the data.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

use tradechart::chart::{Chart, ChartOptions, Theme, View};
use tradechart::data::transform::Transform;
use tradechart::data::{Dataset, Event, Period, Point, Series, Status, Unit};
use tradechart::export::Page;

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok((dataset, chart_options, view, page)) = case(&mut input) else {
        return;
    };
    let chart = Chart::build(&dataset, &chart_options);
    let svg = tradechart::export::svg::chart_svg(&chart, &view, &page);
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
});

fn case(input: &mut Unstructured) -> Result<(Dataset, ChartOptions, View, Page)> {
    let mut dataset = Dataset {
        title: short_text(input)?,
        ..Dataset::default()
    };
    for _ in 0..input.int_in_range(0..=4)? {
        dataset.series.push(series(input)?);
    }
    for _ in 0..input.int_in_range(0..=6)? {
        let kind = input.int_in_range(0..=3)?;
        let mut event = Event::new(period(input, kind)?, short_text(input)?);
        if input.arbitrary()? {
            let kind = input.int_in_range(0..=3)?;
            event.end = Some(period(input, kind)?);
        }
        event.category = short_text(input)?;
        event.highlight = input.arbitrary()?;
        dataset.events.push(event);
    }
    let transform = match input.int_in_range(0..=5)? {
        0 => Transform::Level,
        1 => Transform::Change,
        2 => Transform::PercentChange,
        3 => Transform::YearOverYear,
        4 => Transform::Index(period(input, 0)?),
        _ => Transform::Share(
            dataset
                .series
                .first()
                .map_or_else(String::new, |series| series.name.clone()),
        ),
    };
    let view_x = if input.arbitrary()? {
        Some((coordinate(input)?, coordinate(input)?))
    } else {
        None
    };
    let chart_options = ChartOptions {
        show_markers: input.arbitrary()?,
        period_bars: input.arbitrary()?,
        show_events: input.arbitrary()?,
        view_x,
        transform,
        log_scale: input.arbitrary()?,
        direct_labels: input.arbitrary()?,
        hidden_series: Vec::new(),
    };
    let mut view = View {
        x_range: if input.arbitrary()? {
            Some([coordinate(input)?, coordinate(input)?])
        } else {
            None
        },
        ..View::default()
    };
    view.look.theme = if input.arbitrary()? {
        Theme::Light
    } else {
        Theme::Dark
    };
    let page = Page {
        width: input.int_in_range(320..=1600)?,
        height: input.int_in_range(240..=1200)?,
        title: if input.arbitrary()? {
            Some(short_text(input)?)
        } else {
            None
        },
        sources: vec![short_text(input)?],
        description: if input.arbitrary()? {
            Some(short_text(input)?)
        } else {
            None
        },
    };
    Ok((dataset, chart_options, view, page))
}

fn series(input: &mut Unstructured) -> Result<Series> {
    let kind = input.int_in_range(0..=3)?;
    let mut points: Vec<Point> = Vec::new();
    for _ in 0..input.int_in_range(0..=40)? {
        let value = if input.ratio(1, 8)? {
            None
        } else {
            Some(value(input)?)
        };
        let mut point = Point::new(period(input, kind)?, value);
        point.set_status(match input.int_in_range(0..=3)? {
            0 => Status::Reported,
            1 => Status::FromMemory,
            2 => Status::Estimated,
            _ => Status::Planned,
        });
        points.push(point);
    }
    // The readers hand over points in time order without repeats.
    points.sort_by_key(|point| point.period.first_day());
    points.dedup_by_key(|point| point.period);
    let unit = match input.int_in_range(0..=3)? {
        0 => Unit::parse("USD bn"),
        1 => Unit::parse("%"),
        2 => Unit::default(),
        _ => Unit::parse(&short_text(input)?),
    };
    Ok(Series {
        name: short_text(input)?,
        unit,
        step: input.arbitrary()?,
        source: None,
        points,
    })
}

/// A period of `kind` (0 year, 1 quarter, 2 month, 3 day) within the years the
/// readers accept.
fn period(input: &mut Unstructured, kind: u8) -> Result<Period> {
    let year = input.int_in_range(1990..=2030)?;
    Ok(match kind {
        0 => Period::Year(year),
        1 => Period::Quarter(year, input.int_in_range(1..=4)?),
        2 => Period::Month(year, input.int_in_range(1..=12)?),
        _ => {
            let day = input.int_in_range(0..=365)?;
            let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            Period::Day(start + chrono::Duration::days(day))
        }
    })
}

/// A finite value within what the readers accept (|v| ≤ 1e15), often a small one.
fn value(input: &mut Unstructured) -> Result<f64> {
    Ok(match input.int_in_range(0..=3)? {
        0 => f64::from(input.int_in_range(-1000..=1000)?),
        1 => 0.0,
        _ => {
            let raw: f64 = input.arbitrary()?;
            if raw.is_finite() {
                raw.clamp(-1e15, 1e15)
            } else {
                1.0
            }
        }
    })
}

/// A time-axis coordinate, sometimes far outside the data.
fn coordinate(input: &mut Unstructured) -> Result<f64> {
    let raw: f64 = input.arbitrary()?;
    Ok(if raw.is_finite() {
        raw.clamp(-1e6, 1e6)
    } else {
        2000.0
    })
}

fn short_text(input: &mut Unstructured) -> Result<String> {
    let text: String = input.arbitrary()?;
    Ok(text.chars().take(60).collect())
}
