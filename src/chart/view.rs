//! What the reader is looking at: one plain [`View`] — the time range, the
//! transformation and log scale, the look (theme, markers, labels, panels), the event
//! filter and search, the hidden series and the selected event.
//!
//! It is the single source of truth for the window, the saved view (its serde form,
//! see [`super::saved_view`]), the command line's `render VIEW` and every export, so
//! they show the same chart by construction. The serde names are those of the saved
//! view document since its first version: old views keep opening.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::palette::{self, Rgb};
use super::{Chart, ChartOptions, EventMark, same_category};
use crate::data::transform::Transform;

/// Light, dark, or whatever the desktop says (an export without a desktop: light).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
    /// White on black, every line and word at full strength (for low vision).
    HighContrast,
}

impl Theme {
    /// `light` or `dark` (any case), as the command line writes it.
    pub fn parse(text: &str) -> Option<Theme> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "high-contrast" => Some(Theme::HighContrast),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::HighContrast => "high-contrast",
        }
    }

    /// This theme, with "System" decided: dark when the desktop is.
    #[must_use]
    pub fn decided(self, desktop_is_dark: bool) -> Theme {
        match self {
            Theme::System if desktop_is_dark => Theme::Dark,
            Theme::System => Theme::Light,
            decided => decided,
        }
    }

    /// The colours of everything that is not a series or an event ("System" is drawn
    /// light: decide it first where a desktop is known, see [`Theme::decided`]).
    pub fn colours(self) -> ThemeColours {
        match self {
            Theme::System | Theme::Light => ThemeColours {
                background: Rgb::hex(0xFFFFFF),
                text: Rgb::hex(0x1F1F1F),
                muted_text: Rgb::hex(0x5C5C5C),
                grid: Rgb::hex(0xE8E8E8),
                axis: Rgb::hex(0x9A9A9A),
                zero_line: Rgb::hex(0x8A8A8A),
            },
            Theme::Dark => ThemeColours {
                background: palette::DARK_GREY,
                text: Rgb::hex(0xE6E6E6),
                muted_text: Rgb::hex(0xA8A8A8),
                grid: Rgb::hex(0x333333),
                axis: Rgb::hex(0x6E6E6E),
                zero_line: Rgb::hex(0x8A8A8A),
            },
            Theme::HighContrast => ThemeColours {
                background: palette::BLACK,
                text: Rgb::hex(0xFFFFFF),
                muted_text: Rgb::hex(0xFFFFFF),
                grid: Rgb::hex(0x5A5A5A),
                axis: Rgb::hex(0xFFFFFF),
                zero_line: Rgb::hex(0xFFFFFF),
            },
        }
    }
}

impl std::fmt::Display for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Colours of the frame of a chart in one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemeColours {
    pub background: Rgb,
    pub text: Rgb,
    /// Tick labels, the source line, the event key.
    pub muted_text: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    /// The line at zero in panels read against zero (a deficit below it).
    pub zero_line: Rgb,
}

/// How the chart looks (the window's View menu), kept in a saved view and, in the
/// window, between runs. The settings of earlier versions wrote `show_markers`,
/// `show_labels`, `show_side_panel` and `show_table`: still read. Fields a later
/// version adds are passed over, so its settings and views still open here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Look {
    pub theme: Theme,
    /// A marker at every value.
    #[serde(alias = "show_markers")]
    pub markers: bool,
    /// The event labels above the plots (event lines are always drawn).
    #[serde(alias = "show_labels")]
    pub event_labels: bool,
    /// Each series' name at the end of its line instead of a legend.
    pub direct_labels: bool,
    /// Each value also drawn as a bar across the period it covers.
    pub period_bars: bool,
    /// The side panel: selected event, event timeline and filters, dataset notes.
    #[serde(alias = "show_side_panel")]
    pub side_panel: bool,
    /// The table of values instead of the chart.
    #[serde(alias = "show_table")]
    pub table: bool,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            markers: true,
            event_labels: true,
            direct_labels: false,
            period_bars: false,
            // The chart gets the whole width until the reader asks for the panel
            // (View menu, toolbar) or selects an event, which opens it.
            side_panel: false,
            table: false,
        }
    }
}

/// Which events the side panel's filters let through to the chart and the timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// Categories switched off (compared case-insensitively with events').
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub hidden_categories: BTreeSet<String>,
    /// Text that the title, description, category or date must contain (any case).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub search: String,
}

impl EventFilter {
    /// True when `event` passes the category filter and the search.
    pub fn shows(&self, event: &EventMark) -> bool {
        if self.hides_category(&event.category) {
            return false;
        }
        let needle = self.search.trim().to_lowercase();
        needle.is_empty()
            || [
                event.title.as_str(),
                event.description.as_str(),
                event.category.as_str(),
                event.date_text.as_str(),
            ]
            .iter()
            .any(|text| text.to_lowercase().contains(&needle))
    }

    /// True when `category` is switched off, in any case ("Tariff action" and "tariff
    /// action" are one category).
    pub fn hides_category(&self, category: &str) -> bool {
        self.hidden_categories
            .iter()
            .any(|hidden| same_category(hidden, category))
    }

    /// Shows or hides `category` and every spelling of it that differs only in case.
    pub fn set_category_shown(&mut self, category: &str, shown: bool) {
        self.hidden_categories
            .retain(|hidden| !same_category(hidden, category));
        if !shown {
            self.hidden_categories.insert(category.to_string());
        }
    }

    /// Indices of the events of `events` that pass.
    pub fn shown_indices(&self, events: &[EventMark]) -> Vec<usize> {
        events
            .iter()
            .enumerate()
            .filter(|(_, event)| self.shows(event))
            .map(|(index, _)| index)
            .collect()
    }
}

/// An event named by its date text (as the chart shows it) and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventKey {
    pub date: String,
    pub title: String,
}

impl EventKey {
    /// The key of an event as drawn.
    pub fn of(event: &EventMark) -> Self {
        Self {
            date: event.date_text.clone(),
            title: event.title.clone(),
        }
    }

    /// The index of the event of `events` this key names.
    pub fn find(&self, events: &[EventMark]) -> Option<usize> {
        events
            .iter()
            .position(|event| event.date_text == self.date && event.title == self.title)
    }
}

/// Everything chosen to look at a dataset. The serde form is the saved view's (with
/// the data reference around it, see [`super::saved_view::SavedView`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// The event selected in the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_event: Option<EventKey>,
    /// Event categories switched off and the event search.
    #[serde(flatten)]
    pub filter: EventFilter,
    /// Series hidden in the legend, by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden_series: Vec<String>,
    /// `level`, `change`, `pct`, `yoy`, `index:2018`, `share:Total` (see [`Transform`]).
    #[serde(with = "transform_text")]
    pub transform: Transform,
    /// Value axes on a log scale (where the values allow it).
    pub log_scale: bool,
    /// The visible time range, fractional years; `None` is the chart's first view
    /// (see [`first_view`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x_range: Option<[f64; 2]>,
    pub look: Look,
}

impl View {
    /// What to build the chart with for this view (the time range is not among it:
    /// moving the view never rebuilds the chart).
    pub fn chart_options(&self) -> ChartOptions {
        ChartOptions {
            show_markers: self.look.markers,
            period_bars: self.look.period_bars,
            direct_labels: self.look.direct_labels,
            transform: self.transform.clone(),
            log_scale: self.log_scale,
            hidden_series: self.hidden_series.clone(),
            ..ChartOptions::default()
        }
    }

    /// The visible range as a pair, when one is set.
    pub fn range(&self) -> Option<(f64, f64)> {
        self.x_range.map(|[start, end]| (start, end))
    }

    /// Sets the visible range (ignored unless finite and in order).
    pub fn set_range(&mut self, range: Option<(f64, f64)>) {
        self.x_range = range
            .filter(|(start, end)| start.is_finite() && end.is_finite() && start < end)
            .map(|(start, end)| [start, end]);
    }

    /// The time range shown of `chart`: the view's own, else the chart's first view.
    pub fn shown_range(&self, chart: &Chart) -> Option<(f64, f64)> {
        self.range().or_else(|| first_view(chart, None))
    }

    /// The index among `events` (the chart's) of the selected event, when it has one.
    pub fn selected_index(&self, events: &[EventMark]) -> Option<usize> {
        self.selected_event.as_ref()?.find(events)
    }

    /// Whether the series named `name` is drawn.
    pub fn shows_series(&self, name: &str) -> bool {
        !self.hidden_series.iter().any(|hidden| hidden == name)
    }

    /// `chart` with only the events the filter lets through.
    pub fn filtered(&self, chart: &Chart) -> Chart {
        let mut shown = chart.clone();
        shown.events.retain(|event| self.filter.shows(event));
        shown
    }

    /// What is wrong with a view read from a file (an empty list when nothing).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some([start, end]) = self.x_range
            && !(start.is_finite() && end.is_finite() && start < end)
        {
            problems.push(format!(
                "expected x_range [start, end] with start before end, found [{start}, {end}]"
            ));
        }
        problems
    }
}

/// The transformation written as its command-line form (`index:2018`).
mod transform_text {
    use serde::{Deserialize as _, Deserializer, Serializer};

    use crate::data::transform::Transform;

    pub fn serialize<S: Serializer>(transform: &Transform, to: S) -> Result<S::Ok, S::Error> {
        to.collect_str(transform)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Transform, D::Error> {
        let text = String::deserialize(from)?;
        Transform::parse(&text)
            .map_err(|error| serde::de::Error::custom(format!("transform: {error}")))
    }
}

/// Share of events ignored at the early end when finding where they cluster, so one
/// early event (China joining the WTO in 2001) does not stretch the first view.
const EARLY_OUTLIER_SHARE: f64 = 0.1;
/// Years of context shown before the events' cluster.
const LEAD_IN_YEARS: f64 = 2.0;
/// The first view is never narrower than this many years.
const MIN_FIRST_VIEW_YEARS: f64 = 8.0;
/// Zoom in first only when it saves at least this share of the width.
const MAX_FIRST_VIEW_SHARE: f64 = 0.6;

/// The time range to show when a dataset opens. A range the options asked for wins.
/// Otherwise, when the events cluster in the late part of a long history (as trade
/// war events do in 40 years of trade data), the view starts a little before the
/// cluster so that its labels have room; "Fit" still shows everything.
pub fn first_view(chart: &Chart, asked: Option<(f64, f64)>) -> Option<(f64, f64)> {
    if asked.is_some() {
        return chart.view_x;
    }
    let full = chart.x_range?;
    let mut starts: Vec<f64> = chart.events.iter().map(|event| event.x).collect();
    if starts.len() < 3 {
        return Some(full);
    }
    starts.sort_by(f64::total_cmp);
    let skip = (starts.len() as f64 * EARLY_OUTLIER_SHARE).floor() as usize;
    let Some(cluster_start) = starts.get(skip) else {
        return Some(full);
    };
    let start = (cluster_start - LEAD_IN_YEARS)
        .floor()
        .min(full.1 - MIN_FIRST_VIEW_YEARS)
        .max(full.0);
    if full.1 - start > (full.1 - full.0) * MAX_FIRST_VIEW_SHARE {
        return Some(full);
    }
    Some((start, full.1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn event_at(x: f64, category: &str, title: &str) -> EventMark {
        EventMark {
            x,
            title: title.into(),
            category: category.into(),
            date_text: format!("{x}"),
            ..EventMark::default()
        }
    }

    fn chart(range: (f64, f64), event_xs: &[f64]) -> Chart {
        Chart {
            x_range: Some(range),
            view_x: Some(range),
            events: event_xs.iter().map(|x| event_at(*x, "", "E")).collect(),
            ..Chart::default()
        }
    }

    #[test]
    fn first_view_starts_before_late_clustered_events() {
        // 40 years of data, one early event and a cluster from 2018.
        let mut xs = vec![2001.9];
        xs.extend((0..20).map(|i| 2018.0 + f64::from(i) * 0.4));
        let clustered = chart((1985.0, 2026.5), &xs);
        assert_eq!(first_view(&clustered, None), Some((2016.0, 2026.5)));
        // Events spread over the whole range: show everything.
        let spread = chart((1985.0, 2026.5), &[1986.0, 1995.0, 2005.0, 2015.0]);
        assert_eq!(first_view(&spread, None), Some((1985.0, 2026.5)));
        // Too few events to speak of a cluster.
        let few = chart((1985.0, 2026.5), &[2019.0, 2020.0]);
        assert_eq!(first_view(&few, None), Some((1985.0, 2026.5)));
        // A range the options asked for wins.
        let mut asked = clustered.clone();
        asked.view_x = Some((1990.0, 2000.0));
        assert_eq!(
            first_view(&asked, Some((1990.0, 2000.0))),
            Some((1990.0, 2000.0))
        );
    }

    #[test]
    fn filter_hides_categories_and_matches_search_in_any_case() {
        let tariff = event_at(2018.5, "tariff action", "Section 301 List 1");
        let talks = event_at(2019.0, "negotiation", "London talks");
        let mut filter = EventFilter::default();
        assert_eq!(
            filter.shown_indices(&[tariff.clone(), talks.clone()]),
            [0, 1]
        );
        filter.hidden_categories.insert("negotiation".into());
        assert_eq!(filter.shown_indices(&[tariff.clone(), talks.clone()]), [0]);
        filter.hidden_categories.clear();
        filter.search = "  LONDON ".into();
        assert_eq!(filter.shown_indices(&[tariff, talks]), [1]);
    }

    #[test]
    fn the_look_reads_the_settings_of_earlier_versions() {
        // Settings written by the window before the one view model (`ViewPrefs`).
        let old = r#"{"theme":"dark","show_markers":false,"show_labels":true,
            "show_side_panel":true,"show_table":false,"direct_labels":true,
            "period_bars":false}"#;
        let look: Look = serde_json::from_str(old).unwrap();
        assert_eq!(
            look,
            Look {
                theme: Theme::Dark,
                markers: false,
                event_labels: true,
                direct_labels: true,
                period_bars: false,
                side_panel: true,
                table: false,
            }
        );
        let partial: Look = serde_json::from_str(r#"{"theme":"light"}"#).unwrap();
        assert_eq!(partial.theme, Theme::Light);
        assert!(partial.event_labels && !partial.side_panel);
        let text = serde_json::to_string(&Look::default()).unwrap();
        assert_eq!(
            serde_json::from_str::<Look>(&text).unwrap(),
            Look::default()
        );
    }

    #[test]
    fn a_view_writes_the_saved_view_field_names() {
        let mut view = View {
            transform: Transform::Index(crate::data::Period::Year(2018)),
            log_scale: true,
            hidden_series: vec!["Imports".into()],
            ..View::default()
        };
        view.filter.search = "tariff".into();
        view.set_range(Some((2016.0, 2026.5)));
        let value = serde_json::to_value(&view).unwrap();
        assert_eq!(value["transform"], "index:2018");
        assert_eq!(value["search"], "tariff");
        assert_eq!(value["x_range"], serde_json::json!([2016.0, 2026.5]));
        assert_eq!(value["look"]["event_labels"], true);
        assert!(value.get("hidden_categories").is_none());
        let back: View = serde_json::from_value(value).unwrap();
        assert_eq!(back, view);
        // A range given the wrong way round is not taken.
        view.set_range(Some((2020.0, 2010.0)));
        assert_eq!(view.x_range, None);
    }

    #[test]
    fn system_is_decided_by_the_desktop() {
        assert_eq!(Theme::System.decided(true), Theme::Dark);
        assert_eq!(Theme::System.decided(false), Theme::Light);
        assert_eq!(Theme::Light.decided(true), Theme::Light);
        assert_eq!(Theme::parse("Dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("system"), None);
    }

    #[test]
    fn high_contrast_is_white_on_black_at_the_highest_contrast() {
        assert_eq!(Theme::parse("high-contrast"), Some(Theme::HighContrast));
        assert_eq!(Theme::HighContrast.decided(false), Theme::HighContrast);
        let colours = Theme::HighContrast.colours();
        // WCAG: 21:1 is the most there is; every word at it.
        assert!(colours.text.contrast(colours.background) >= 21.0);
        assert!(colours.muted_text.contrast(colours.background) >= 21.0);
        assert!(colours.grid.contrast(colours.background) >= 3.0);
        let json = serde_json::to_string(&Theme::HighContrast).unwrap();
        assert_eq!(json, "\"high-contrast\"");
    }
}
