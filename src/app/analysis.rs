//! The window's analysis tools: the "Transform" chooser and "Log scale" toggle of the
//! toolbar, the before/after figures of the selected event in the side panel, and the
//! direct labels painted at line ends. The arithmetic is in `data::transform`,
//! `data::analysis`, `chart::scale` and `chart::end_labels`; this is the thin UI.

use eframe::egui;
use egui::{Color32, RichText, Ui};

use crate::chart::end_labels::{line_ends, spread_labels};
use crate::chart::{Chart, EventMark, Panel, format_value_with_unit};
use crate::data::analysis::{self, DEFAULT_PERIODS, SeriesBeforeAfter};
use crate::data::transform::{Transform, find_series};
use crate::data::{Dataset, Event, Period, Unit};

/// Accessible label of the transformation chooser.
pub const TRANSFORM_LABEL: &str = "Transform";
/// Accessible label of the index base period chooser.
pub const INDEX_BASE_LABEL: &str = "Base period";
/// Accessible label of the share total chooser.
pub const SHARE_TOTAL_LABEL: &str = "Total series";
/// The log scale toggle.
pub const LOG_SCALE_LABEL: &str = "Log scale";
/// Accessible label of the N control of the before/after figures.
pub const PERIODS_LABEL: &str = "Periods before and after";

/// What the toolbar's analysis controls ask for.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisChoice {
    pub transform: Transform,
    pub log_scale: bool,
}

/// `dataset.periods()`, kept in egui's memory while the dataset's points stay the same:
/// sorting every period of a million-row file took most of each frame.
fn cached_periods(ui: &Ui, dataset: &Dataset) -> std::sync::Arc<Vec<Period>> {
    type Cached = (Vec<(usize, usize)>, std::sync::Arc<Vec<Period>>);
    let key: Vec<(usize, usize)> = dataset
        .series
        .iter()
        .map(|series| (series.points.as_ptr() as usize, series.points.len()))
        .collect();
    let id = egui::Id::unique("tradechart-dataset-periods");
    if let Some((cached_key, periods)) = ui.data(|data| data.get_temp::<Cached>(id))
        && cached_key == key
    {
        return periods;
    }
    let periods = std::sync::Arc::new(dataset.periods());
    ui.data_mut(|data| data.insert_temp::<Cached>(id, (key, std::sync::Arc::clone(&periods))));
    periods
}

/// The "Transform" combo box (with the base period or total series when needed) and
/// the "Log scale" toggle; returns the new choice when one changed.
pub fn toolbar_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    transform: &Transform,
    log_scale: bool,
) -> Option<AnalysisChoice> {
    let mut new_transform = transform.clone();
    let periods = cached_periods(ui, dataset);
    let choices = [
        Transform::Level,
        Transform::Change,
        Transform::PercentChange,
        Transform::YearOverYear,
        index_choice(transform, &periods),
        share_choice(transform, dataset),
    ];
    egui::ComboBox::from_label(TRANSFORM_LABEL)
        .selected_text(kind_label(transform))
        .show_ui(ui, |ui| {
            for choice in choices {
                let label = kind_label(&choice);
                ui.selectable_value(&mut new_transform, choice, label);
            }
        })
        .response
        .on_hover_text(
            "Show every series as it is, as its change from the previous period, as \
             percent change, as percent change from a year earlier, as an index, or as \
             a share of a total series",
        );
    match &mut new_transform {
        Transform::Index(base) => base_ui(ui, base, &periods),
        Transform::Share(total) => total_ui(ui, total, dataset),
        _ => {}
    }
    let mut new_log = log_scale;
    ui.toggle_value(&mut new_log, LOG_SCALE_LABEL)
        .on_hover_text(
            "Value axes on a log scale; panels with values of zero or below stay linear",
        );
    (new_transform != *transform || new_log != log_scale).then_some(AnalysisChoice {
        transform: new_transform,
        log_scale: new_log,
    })
}

/// The menu words of a transformation, without its base or total.
fn kind_label(transform: &Transform) -> &'static str {
    match transform {
        Transform::Level => "Level",
        Transform::Change => "Change",
        Transform::PercentChange => "Percent change",
        Transform::YearOverYear => "Percent change from a year ago",
        Transform::Index(_) => "Index",
        Transform::Share(_) => "Share of a total",
    }
}

/// The index entry: the base chosen before, else the first whole year listed, else
/// the first period.
fn index_choice(current: &Transform, periods: &[Period]) -> Transform {
    if let Transform::Index(_) = current {
        return current.clone();
    }
    let base = periods
        .iter()
        .find(|period| matches!(period, Period::Year(_)))
        .or(periods.first())
        .copied()
        .unwrap_or(Period::Year(2000));
    Transform::Index(base)
}

/// The share entry: the total chosen before, else a series called "Imports" (the
/// usual total of trade tables) or naming imports, else the first series.
fn share_choice(current: &Transform, dataset: &Dataset) -> Transform {
    if let Transform::Share(_) = current {
        return current.clone();
    }
    let total = find_series(dataset, "Imports")
        .or_else(|| {
            dataset
                .series
                .iter()
                .find(|series| series.name.to_lowercase().contains("import"))
        })
        .or(dataset.series.first())
        .map_or_else(String::new, |series| series.name.clone());
    Transform::Share(total)
}

fn base_ui(ui: &mut Ui, base: &mut Period, periods: &[Period]) {
    egui::ComboBox::from_label(INDEX_BASE_LABEL)
        .selected_text(base.to_string())
        .height(300.0)
        .show_ui(ui, |ui| {
            for period in periods {
                ui.selectable_value(base, *period, period.to_string());
            }
        });
}

fn total_ui(ui: &mut Ui, total: &mut String, dataset: &Dataset) {
    egui::ComboBox::from_label(SHARE_TOTAL_LABEL)
        .selected_text(total.clone())
        .show_ui(ui, |ui| {
            for series in &dataset.series {
                ui.selectable_value(total, series.name.clone(), &series.name);
            }
        });
}

/// The dataset event that `mark` was drawn from.
fn event_of<'a>(dataset: &'a Dataset, mark: &EventMark) -> Option<&'a Event> {
    dataset
        .events
        .iter()
        .find(|event| event.title == mark.title && event.date.start_x() == mark.x)
}

/// The before/after state the side panel keeps: N, the periods on each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeforeAfterView {
    pub periods: usize,
}

impl Default for BeforeAfterView {
    fn default() -> Self {
        Self {
            periods: DEFAULT_PERIODS,
        }
    }
}

impl BeforeAfterView {
    /// "Before and after": the N control and, per series (levels, as in the file), the
    /// average of N periods before the selected event, after it, and the change.
    pub fn ui(&mut self, ui: &mut Ui, dataset: &Dataset, event: &EventMark) {
        let Some(event) = event_of(dataset, event) else {
            return;
        };
        ui.add_space(4.0);
        ui.label(RichText::new("Before and after").strong());
        ui.horizontal(|ui| {
            let label = ui.label(PERIODS_LABEL);
            ui.add(egui::DragValue::new(&mut self.periods).range(1..=100))
                .labelled_by(label.id);
        });
        let figures = analysis::before_after(dataset, event, self.periods);
        egui::Grid::new("tradechart-before-after")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                ui.label(RichText::new("Series").small());
                ui.label(RichText::new("Before").small());
                ui.label(RichText::new("After").small());
                ui.label(RichText::new("Change").small());
                ui.end_row();
                for series in &figures.series {
                    series_row(ui, series);
                }
            });
        ui.label(
            RichText::new(
                "Averages of the periods nearest the event on each side; the period \
                 holding the event counts as after only when the event is in its first half.",
            )
            .small()
            .weak(),
        );
    }
}

fn series_row(ui: &mut Ui, series: &SeriesBeforeAfter) {
    let unit = Unit::parse(&series.unit);
    let value = |value: Option<f64>| {
        value.map_or_else(
            || "–".to_string(),
            |v| format_value_with_unit(&unit, tenths(v)),
        )
    };
    ui.label(&series.name);
    ui.label(value(series.before)).on_hover_text(periods_text(
        series.before_periods.as_ref(),
        series.before_count,
    ));
    ui.label(value(series.after)).on_hover_text(periods_text(
        series.after_periods.as_ref(),
        series.after_count,
    ));
    ui.label(change_text(series, &unit));
    ui.end_row();
}

/// `+14 (+4.0%)`, or `–` without both sides.
pub fn change_text(series: &SeriesBeforeAfter, unit: &Unit) -> String {
    let Some(change) = series.change else {
        return "–".to_string();
    };
    let sign = if change > 0.0 { "+" } else { "" };
    let absolute = format!("{sign}{}", format_value_with_unit(unit, tenths(change)));
    match series.change_percent {
        Some(percent) => format!(
            "{absolute} ({}{percent:.1}%)",
            if percent > 0.0 { "+" } else { "" }
        ),
        None => absolute,
    }
}

/// An average shown to one decimal: more would be false precision.
fn tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn periods_text(periods: Option<&(String, String)>, count: usize) -> String {
    match periods {
        Some((first, last)) if first == last => format!("{first}: {count} value(s)"),
        Some((first, last)) => format!("{first} to {last}: {count} value(s)"),
        None => "no periods on this side".to_string(),
    }
}

/// Room right of the plots for the direct labels: the widest series name and a gap.
pub fn label_room(ui: &Ui, chart: &Chart) -> f32 {
    if !chart.direct_labels {
        return 0.0;
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = chart
        .line_names()
        .map(|name| {
            ui.fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(name.to_string(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            })
        })
        .fold(0.0_f32, f32::max);
    // The gap before the label, and as much again after it so it never touches the
    // side panel.
    widest + 3.0 * END_LABEL_GAP_PX
}

/// Pixels between a line's end and its label.
const END_LABEL_GAP_PX: f32 = 5.0;

/// Paints each line's name right of its last point in view, nudged apart vertically
/// so that none overlap. `transform` is the panel plot's, from its last frame.
pub fn paint_end_labels(ui: &Ui, panel: &Panel, transform: &egui_plot::PlotTransform) {
    let bounds = transform.bounds();
    let view = (bounds.min()[0], bounds.max()[0]);
    let frame = transform.frame();
    let ends = line_ends(panel, view);
    let screen: Vec<egui::Pos2> = ends
        .iter()
        .map(|end| {
            transform.position_from_point(&egui_plot::PlotPoint::new(end.point[0], end.point[1]))
        })
        .collect();
    let wanted: Vec<f64> = screen.iter().map(|pos| f64::from(pos.y)).collect();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let height = f64::from(ui.text_style_height(&egui::TextStyle::Body));
    let placed = spread_labels(
        &wanted,
        height,
        f64::from(frame.top()),
        f64::from(frame.bottom()),
    );
    let painter = ui.painter();
    for ((end, pos), y) in ends.iter().zip(&screen).zip(placed) {
        let x = pos.x.min(frame.right()) + END_LABEL_GAP_PX;
        painter.text(
            egui::pos2(x, y as f32),
            egui::Align2::LEFT_CENTER,
            &end.name,
            font.clone(),
            Color32::from_rgb(end.colour.0, end.colour.1, end.colour.2),
        );
    }
}
