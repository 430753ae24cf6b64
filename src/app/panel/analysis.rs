//! The window's analysis tools: the "Transform" chooser and "Log scale" toggle of the
//! toolbar (the index base offered first is one where every series shown has a value
//! away from zero), the before/after figures of the selected event in the side panel (rule
//! per kind of series, changes of rates in pp, marks on sides that reach into another
//! event), and the
//! direct labels painted at line ends. The arithmetic is in `data::transform`,
//! `data::analysis`, `chart::scale` and `chart::end_labels`; this is the thin UI.

use eframe::egui;
use egui::{Color32, RichText, Ui};

use crate::chart::end_labels::{line_ends, spread_labels};
use crate::chart::{Chart, EventMark, Panel, ValueScale};
use crate::data::analysis::{
    self, BeforeAfterOptions, DEFAULT_PERIODS, DEFAULT_WINDOW_DAYS, Method, SeriesBeforeAfter,
};
use crate::data::transform::{Transform, default_index_base, find_series};
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
/// The toggle for time-weighted averages of step series in the before/after figures.
pub const STEP_WINDOW_LABEL: &str = "Average rates over days";
/// Accessible label of the window, in days, of those averages.
pub const STEP_DAYS_LABEL: &str = "Days before and after";
/// The toggle for the percent change of a rate (a percent of a percent).
pub const RELATIVE_CHANGE_LABEL: &str = "Also % change of rates";
/// The mark of a before or after side that reaches into another event.
pub const CROSSES_MARK: &str = "†";
/// Said beside the index base when it is the one chosen for the user.
pub const DEFAULT_BASE_TEXT: &str = "first year every shown series has a value away from zero";

/// What the toolbar's analysis controls ask for.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisChoice {
    pub transform: Transform,
    pub log_scale: bool,
}

/// Where each series' points are and how many: a new dataset (a reload, an edit)
/// differs in one of them.
fn points_key(dataset: &Dataset) -> Vec<(usize, usize)> {
    dataset
        .series
        .iter()
        .map(|series| (series.points.as_ptr() as usize, series.points.len()))
        .collect()
}

/// `dataset.periods()`, kept in egui's memory while the dataset's points stay the same:
/// sorting every period of a million-row file took most of each frame.
fn cached_periods(ui: &Ui, dataset: &Dataset) -> std::sync::Arc<Vec<Period>> {
    type Cached = (Vec<(usize, usize)>, std::sync::Arc<Vec<Period>>);
    let key = points_key(dataset);
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

/// The index base offered first: [`default_index_base`] of the series shown (those
/// hidden in the legends do not count), kept in egui's memory while the dataset's
/// points and the hidden series stay the same (it reads every point).
fn cached_default_base(
    ui: &Ui,
    dataset: &Dataset,
    hidden: &[String],
    periods: &[Period],
) -> Option<Period> {
    type Cached = ((Vec<(usize, usize)>, Vec<String>), Option<Period>);
    let key = (points_key(dataset), hidden.to_vec());
    let id = egui::Id::unique("tradechart-default-index-base");
    if let Some((cached_key, base)) = ui.data(|data| data.get_temp::<Cached>(id))
        && cached_key == key
    {
        return base;
    }
    let shown: Vec<&crate::data::Series> = dataset
        .series
        .iter()
        .filter(|series| !hidden.contains(&series.name))
        .collect();
    let base = default_index_base(&shown, periods);
    ui.data_mut(|data| data.insert_temp::<Cached>(id, (key, base)));
    base
}

/// The "Transform" combo box (with the base period or total series when needed) and
/// the "Log scale" toggle; returns the new choice when one changed. `hidden`: the
/// series hidden in the legends, which do not count for the index base offered.
pub fn toolbar_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    hidden: &[String],
    transform: &Transform,
    log_scale: bool,
) -> Option<AnalysisChoice> {
    let mut new_transform = transform.clone();
    let periods = cached_periods(ui, dataset);
    egui::ComboBox::from_label(TRANSFORM_LABEL)
        .selected_text(kind_label(transform))
        .show_ui(ui, |ui| {
            let default_base = cached_default_base(ui, dataset, hidden, &periods);
            let choices = [
                Transform::Level,
                Transform::Change,
                Transform::PercentChange,
                Transform::YearOverYear,
                index_choice(transform, default_base, &periods),
                share_choice(transform, dataset),
            ];
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
        Transform::Index(base) => {
            base_ui(ui, base, &periods);
            if cached_default_base(ui, dataset, hidden, &periods) == Some(*base) {
                ui.label(
                    RichText::new(format!("({DEFAULT_BASE_TEXT})"))
                        .small()
                        .weak(),
                );
            }
        }
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

/// The index entry: the base chosen before, else `default_base` (the first whole year,
/// else period, where every series shown has a value away from zero), else the first
/// period.
fn index_choice(
    current: &Transform,
    default_base: Option<Period>,
    periods: &[Period],
) -> Transform {
    if let Transform::Index(_) = current {
        return current.clone();
    }
    let base = default_base
        .or(periods.first().copied())
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
        })
        .response
        .on_hover_text(
            "The period that is 100 in every series. Offered first: the first year where \
             every series shown has a value away from zero (series hidden in the legend \
             do not count)",
        );
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

/// The before/after state the side panel keeps: N, the periods on each side of a flow
/// series; whether step series are averaged over a window of days (and how many); and
/// whether the percent change of a rate is shown too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BeforeAfterView {
    pub periods: usize,
    /// Time-weighted averages of step series over `window_days` on each side, instead
    /// of the rate in force.
    pub average_steps: bool,
    pub window_days: u32,
    pub relative_change_of_rates: bool,
}

impl Default for BeforeAfterView {
    fn default() -> Self {
        Self {
            periods: DEFAULT_PERIODS,
            average_steps: false,
            window_days: DEFAULT_WINDOW_DAYS,
            relative_change_of_rates: false,
        }
    }
}

impl BeforeAfterView {
    /// The figures' options as chosen.
    pub fn options(&self) -> BeforeAfterOptions {
        BeforeAfterOptions {
            periods: self.periods,
            step_window_days: self.average_steps.then_some(self.window_days),
            relative_change_of_rates: self.relative_change_of_rates,
        }
    }

    /// "Before and after": the controls and, per series (levels, as in the file), the
    /// figures before the selected event, after it, the change, and how they were
    /// taken; a side that reaches into another event is marked. The series named in
    /// `hidden_series` (the view's) are left out.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        event: &EventMark,
        hidden_series: &[String],
    ) {
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
        let mut shown = dataset
            .series
            .iter()
            .filter(|series| !hidden_series.contains(&series.name));
        let has_steps = shown.clone().any(|series| series.step);
        let has_rates = shown.any(|series| series.unit.is_percent());
        if has_steps {
            ui.horizontal(|ui| {
                ui.checkbox(&mut self.average_steps, STEP_WINDOW_LABEL)
                    .on_hover_text(
                        "For rates that change in steps: time-weighted averages over the \
                         days before and after the event, instead of the rate in force \
                         just before it and once its changes took effect",
                    );
                if self.average_steps {
                    let label = ui.label(STEP_DAYS_LABEL);
                    ui.add(egui::DragValue::new(&mut self.window_days).range(1..=3650))
                        .labelled_by(label.id);
                }
            });
        }
        if has_rates {
            ui.checkbox(&mut self.relative_change_of_rates, RELATIVE_CHANGE_LABEL)
                .on_hover_text(
                    "A change of a rate is in percentage points (pp); also show its \
                     relative change, a percent of a percent",
                );
        }
        let mut figures = analysis::before_after_with(dataset, event, &self.options());
        // The series shown only, as in the readout and the exports.
        figures
            .series
            .retain(|series| !hidden_series.contains(&series.name));
        egui::Grid::new("tradechart-before-after")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for heading in ["Series", "Before", "After", "Change", "Basis"] {
                    ui.label(RichText::new(heading).small());
                }
                ui.end_row();
                for series in &figures.series {
                    series_row(ui, series, figures.periods);
                }
            });
        for line in table_notes(&figures.series, figures.periods) {
            ui.label(RichText::new(line).small().weak());
        }
    }
}

/// The lines under the table: the rule for each kind of series shown, and the mark.
pub fn table_notes(series: &[SeriesBeforeAfter], periods: usize) -> Vec<String> {
    let mut notes = Vec::new();
    let has = |method: Method| series.iter().any(|series| series.method == method);
    if has(Method::PeriodAverage) {
        notes.push(format!(
            "Flows: averages of the {periods} period(s) nearest the event on each side; \
             the period holding the event counts as after only when the event is in its \
             first half."
        ));
    }
    if has(Method::InForce) {
        notes.push(
            "Rates that change in steps: the rate in force just before the event, and \
             once its changes took effect (the first step on or after its date)."
                .to_string(),
        );
    }
    if let Some(days) = series
        .iter()
        .find(|series| series.method == Method::TimeWeighted)
        .and_then(|series| {
            series
                .before_periods
                .as_ref()
                .or(series.after_periods.as_ref())
        })
        .and_then(|(first, last)| window_length(first, last))
    {
        notes.push(format!(
            "Rates that change in steps: time-weighted averages over {days} days on each side."
        ));
    }
    if series.iter().any(|series| series.change_unit == "pp") {
        notes.push("Changes of rates in percentage points (pp).".to_string());
    }
    if series
        .iter()
        .any(|series| series.before_crosses.is_some() || series.after_crosses.is_some())
    {
        notes.push(format!(
            "{CROSSES_MARK} reaches into another event (hover to see which)."
        ));
    }
    notes
}

/// Days from `first` to `last`, both counted, for dates written `2025-04-29`.
fn window_length(first: &str, last: &str) -> Option<i64> {
    let first = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d").ok()?;
    let last = chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d").ok()?;
    Some((last - first).num_days() + 1)
}

/// What the Basis column says: "3 periods", "rate in force", "90-day average".
pub fn basis_text(series: &SeriesBeforeAfter, periods: usize) -> String {
    match series.method {
        Method::PeriodAverage => format!("average of {periods} period(s)"),
        Method::InForce => Method::InForce.label().to_string(),
        Method::TimeWeighted => series
            .before_periods
            .as_ref()
            .or(series.after_periods.as_ref())
            .and_then(|(first, last)| window_length(first, last))
            .map_or_else(
                || Method::TimeWeighted.label().to_string(),
                |days| format!("{days}-day average"),
            ),
    }
}

fn series_row(ui: &mut Ui, series: &SeriesBeforeAfter, periods: usize) {
    let unit = Unit::parse(&series.unit);
    // Before and after at one scale and with one number of decimals, as the readout
    // and the table show values (`$504.9bn` beside `$491.0bn`, `21.0%` beside `19.3%`);
    // the change at that scale too.
    let texts = RowTexts::of(series, &unit);
    ui.label(&series.name);
    side_cell(
        ui,
        texts.before,
        side_text(series, true),
        series.before_crosses.as_deref(),
    );
    side_cell(
        ui,
        texts.after,
        side_text(series, false),
        series.after_crosses.as_deref(),
    );
    ui.label(texts.change);
    ui.label(RichText::new(basis_text(series, periods)).small());
    ui.end_row();
}

/// A before or after cell: the value, and the mark when it reaches into another event.
fn side_cell(ui: &mut Ui, value: String, hover: String, crosses: Option<&str>) {
    ui.horizontal(|ui| {
        ui.label(value).on_hover_text(&hover);
        if let Some(title) = crosses {
            ui.label(RichText::new(CROSSES_MARK).strong())
                .on_hover_text(format!("{hover}; reaches into \"{title}\""));
        }
    });
}

/// What a before or after cell's tooltip says about where its figure comes from.
fn side_text(series: &SeriesBeforeAfter, before: bool) -> String {
    let (periods, count) = if before {
        (series.before_periods.as_ref(), series.before_count)
    } else {
        (series.after_periods.as_ref(), series.after_count)
    };
    match (series.method, periods) {
        (_, None) => "no periods on this side".to_string(),
        (Method::InForce, Some((since, until))) if before => {
            format!("in force from {since} to {until}")
        }
        (Method::InForce, Some((from, _))) => format!("in force from {from}"),
        (Method::TimeWeighted, Some((first, last))) => {
            format!("{first} to {last}: {count} rate(s) in force")
        }
        (Method::PeriodAverage, periods) => periods_text(periods, count),
    }
}

/// The before, after and change cells of one series, written alike: at one scale
/// (that of the larger side) and with one number of decimals.
#[derive(Clone, Debug, PartialEq)]
pub struct RowTexts {
    pub before: String,
    pub after: String,
    /// `+$30.0bn (+8.2%)`; for a rate `+6.8 pp`, with `(relative change +40.5%)` when
    /// asked; `–` without both sides.
    pub change: String,
}

impl RowTexts {
    /// The cells of `series`, whose values are in `unit`.
    pub fn of(series: &SeriesBeforeAfter, unit: &Unit) -> RowTexts {
        let sides: Vec<f64> = [series.before, series.after]
            .into_iter()
            .flatten()
            .map(tenths)
            .collect();
        let scale = ValueScale::for_values(unit, sides.iter().copied());
        let decimals = scale.decimals_for(sides.iter().copied());
        let value = |value: Option<f64>| {
            value.map_or_else(
                || "–".to_string(),
                |v| scale.format_in_column(tenths(v), decimals),
            )
        };
        // A change of a rate is in percentage points, with the rates' decimals.
        let change_scale = if series.change_unit == "pp" {
            ValueScale::unscaled(&Unit::verbatim("pp"))
        } else {
            scale.clone()
        };
        RowTexts {
            before: value(series.before),
            after: value(series.after),
            change: change_text(series, &change_scale, decimals),
        }
    }
}

/// `series`' change at `scale` with `decimals`, signed, with its percent change.
fn change_text(series: &SeriesBeforeAfter, scale: &ValueScale, decimals: usize) -> String {
    let Some(change) = series.change else {
        return "–".to_string();
    };
    let written = scale.format_in_column(tenths(change), decimals);
    let absolute = if change > 0.0 {
        format!("+{written}")
    } else {
        written
    };
    let plus = |percent: f64| if percent > 0.0 { "+" } else { "" };
    match (series.change_percent, series.relative_change_percent) {
        (Some(percent), _) => format!("{absolute} ({}{percent:.1}%)", plus(percent)),
        (None, Some(relative)) => format!(
            "{absolute} (relative change {}{relative:.1}%)",
            plus(relative)
        ),
        (None, None) => absolute,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(unit: &str, before: f64, after: f64, percent: Option<f64>) -> SeriesBeforeAfter {
        let pp = Unit::parse(unit).is_percent();
        SeriesBeforeAfter {
            name: "Series".into(),
            unit: unit.into(),
            method: if pp {
                Method::InForce
            } else {
                Method::PeriodAverage
            },
            before: Some(before),
            after: Some(after),
            change: Some(after - before),
            change_unit: if pp { "pp".into() } else { unit.into() },
            change_percent: percent,
            relative_change_percent: None,
            before_count: 1,
            after_count: 1,
            before_periods: None,
            after_periods: None,
            before_crosses: None,
            after_crosses: None,
        }
    }

    fn texts(series: &SeriesBeforeAfter) -> [String; 3] {
        let RowTexts {
            before,
            after,
            change,
        } = RowTexts::of(series, &Unit::parse(&series.unit));
        [before, after, change]
    }

    #[test]
    fn the_change_is_written_at_the_scale_and_with_the_decimals_of_its_row() {
        // Averages in USD millions: 505,165.1 and 491,012.3 are $505.2bn and $491.0bn;
        // the change, −14,152.8mn, is −$14.2bn, not −$14,152.8mn.
        let census = figures("USD mn", 505_165.1, 491_012.3, Some(-2.8));
        assert_eq!(texts(&census), ["$505.2bn", "$491.0bn", "-$14.2bn (-2.8%)"]);
        // −366.7 → −336.7: +30 written as +$30.0bn beside -$366.7bn.
        let balance = figures("USD bn", -366.7, -336.7, Some(8.2));
        assert_eq!(
            texts(&balance),
            ["-$366.7bn", "-$336.7bn", "+$30.0bn (+8.2%)"]
        );
        // A rate: 16.8% → 23.6% is +6.8 pp; 20% → 25% is +5 pp (no decimals needed).
        let tariff = figures("%", 16.8, 23.6, None);
        assert_eq!(texts(&tariff), ["16.8%", "23.6%", "+6.8 pp"]);
        assert_eq!(
            texts(&figures("%", 20.0, 25.0, None)),
            ["20%", "25%", "+5 pp"]
        );
        let cut = figures("%", 51.1, 47.5, None);
        assert_eq!(texts(&cut)[2], "-3.6 pp");
        // Asked for: the relative change, labelled.
        let relative = SeriesBeforeAfter {
            relative_change_percent: Some(40.476),
            ..tariff
        };
        assert_eq!(texts(&relative)[2], "+6.8 pp (relative change +40.5%)");
        // A side missing: no change.
        let missing = SeriesBeforeAfter {
            after: None,
            change: None,
            ..balance
        };
        assert_eq!(texts(&missing), ["-$366.7bn", "–", "–"]);
    }
}
