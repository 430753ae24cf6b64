//! Where everything of an exported chart goes, in pixels: title, legends, the event
//! label strip, the stacked plot areas (all with the same left and right edges, so
//! their time axes line up), ticks, the event key and the source lines.
//!
//! The layout is computed from the [`Chart`], the [`View`] and the page only, by the
//! rules of [`chart::layout`] that the window follows too;
//! the SVG writer draws it as is. Order from the top: title; the first panel's legend;
//! the event labels (so their connectors run straight into the first plot); the first
//! plot; then each further panel's legend and plot; the time axis; the event key; the
//! source lines.

use crate::chart::annotations::{AnnotationPlan, KeyEntry, plan_annotations};
use crate::chart::{self, Chart, EventMark, Panel, Rgb, decimate};
use crate::data::Status;

use super::annotate::{self, EventKeyItem, Geometry};
use super::text::{fit_text, text_width, wrap_text};
use super::{Page, source_line};
use crate::chart::{Theme, ThemeColours, View};

/// Room allowed for texts that flow (legends, the key, the source lines) beyond their
/// width in the embedded font: a viewer of the SVG without it may use a wider face.
const FALLBACK_FONT_SLACK: f64 = 1.15;
/// Smallest plot height; below it a chart is unreadable anyway.
const MIN_PLOT_HEIGHT: f64 = 30.0;

/// Text sizes in pixels at scale 1 (a 1200×800 chart).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontSizes {
    pub title: f64,
    pub legend: f64,
    pub label: f64,
    pub tick: f64,
    pub axis_title: f64,
    pub key: f64,
    pub source: f64,
}

impl FontSizes {
    fn scaled(scale: f64) -> Self {
        Self {
            title: 20.0 * scale,
            legend: 12.5 * scale,
            label: 11.0 * scale,
            tick: 11.5 * scale,
            axis_title: 12.0 * scale,
            key: 11.0 * scale,
            source: 10.5 * scale,
        }
    }
}

/// A text at a place: `x` is where its anchor is, `baseline` its baseline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlacedText {
    pub text: String,
    pub x: f64,
    pub baseline: f64,
}

/// A tick: the value on its axis, where it is in pixels and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub px: f64,
    pub text: String,
}

/// One entry of a panel's legend: the line sample starts at `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// Index into the panel's lines.
    pub line: usize,
    pub x: f64,
    /// The vertical middle of the entry.
    pub middle: f64,
}

/// A panel as laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelLayout {
    /// Index into [`Chart::panels`].
    pub panel: usize,
    /// Indices into the panel's lines of the lines drawn (hidden ones left out).
    pub lines: Vec<usize>,
    /// Whether each drawn line gets markers (not when values are denser than pixels).
    pub markers: Vec<bool>,
    /// The plot area.
    pub top: f64,
    pub bottom: f64,
    /// The value range shown, bottom to top.
    pub y_view: (f64, f64),
    pub y_ticks: Vec<Tick>,
    /// Where the unit's axis title is centred (it reads bottom to top).
    pub axis_title: PlacedText,
    pub legend: Vec<LegendItem>,
    /// The panel is read against zero and zero is in view.
    pub zero_line: bool,
}

impl PanelLayout {
    /// The vertical pixel of value `y`.
    pub fn y_px(&self, y: f64) -> f64 {
        let (low, high) = self.y_view;
        self.bottom - (y - low) / (high - low) * (self.bottom - self.top)
    }
}

/// An entry of the event key at the bottom.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyMark {
    /// The word before the entries.
    Heading,
    /// An event category and its colour.
    Category(Rgb),
    /// Dashed lines and italic labels: events that are planned or unverified.
    Unverified,
    /// Hollow markers: values that are estimates or unverified.
    HollowMarker,
}

/// One entry of the event key: its mark starts at `x`, its text follows.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyItem {
    pub mark: KeyMark,
    pub text: String,
    pub x: f64,
    pub middle: f64,
}

/// Everything of an exported chart, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// How much text and lines are scaled from a 1200×800 chart.
    pub scale: f64,
    pub fonts: FontSizes,
    /// Light or dark ("System" is drawn light).
    pub theme: Theme,
    pub colours: ThemeColours,
    pub title: Option<PlacedText>,
    /// The time range shown.
    pub x_view: (f64, f64),
    pub plot_left: f64,
    pub plot_right: f64,
    pub panels: Vec<PanelLayout>,
    pub x_ticks: Vec<Tick>,
    pub x_tick_baseline: f64,
    /// Events (indices into [`Chart::events`]) with a line or span in view.
    pub events_in_view: Vec<usize>,
    /// How each event in view is shown: headline labels, badges, the key (see
    /// [`chart::annotations`]).
    pub annotations: AnnotationPlan,
    /// Top and bottom of the strip for headline labels with no room in a plot.
    pub strip: (f64, f64),
    /// Top and bottom of the rail along the first plot's top (ticks and badges).
    pub rail: (f64, f64),
    pub key: Vec<KeyItem>,
    /// The numbered entries of the event key, under the category key.
    pub event_key: Vec<EventKeyItem>,
    pub source_lines: Vec<PlacedText>,
}

/// Sizes of a page that every part of the layout uses.
struct Frame {
    width: f64,
    height: f64,
    scale: f64,
    fonts: FontSizes,
    pad: f64,
    content_width: f64,
    x_view: (f64, f64),
    /// The shortest period the chart's values cover, in years ([`Chart::finest_period`]).
    finest_period: Option<f64>,
}

/// The horizontal places: one left edge for all plots, wide enough for every tick
/// label, and the right edge (room for direct labels kept).
struct Columns {
    axis_title_x: f64,
    plot_left: f64,
    plot_right: f64,
}

/// A legend's entries as (line, x, row).
type LegendRows = Vec<(usize, f64, usize)>;

/// What sits above, between and below the plots, with its height.
#[derive(Clone)]
struct Bands {
    title: Option<PlacedText>,
    /// Top of the first panel's legend.
    top: f64,
    legends: Vec<LegendRows>,
    legend_row: f64,
    strip_height: f64,
    panel_gap: f64,
    x_axis_height: f64,
    key: Vec<(KeyMark, String)>,
    key_rows: Vec<(usize, f64, usize)>,
    /// The event key's entries from its top, and its height.
    event_key: Vec<EventKeyItem>,
    event_key_height: f64,
    source_texts: Vec<String>,
    source_line_height: f64,
}

impl Bands {
    fn legend_height(&self, items: &LegendRows) -> f64 {
        items.iter().map(|(_, _, row)| row + 1).max().unwrap_or(0) as f64 * self.legend_row
    }

    fn key_height(&self, fonts: &FontSizes) -> f64 {
        let rows = self.key_rows.iter().map(|(_, _, row)| row + 1).max();
        rows.unwrap_or(0) as f64 * fonts.key * 1.7
    }

    fn source_height(&self) -> f64 {
        self.source_texts.len() as f64 * self.source_line_height
    }

    /// Height of everything but the plots.
    fn fixed_height(&self, frame: &Frame, panels: usize) -> f64 {
        let scale = frame.scale;
        self.top
            + self
                .legends
                .iter()
                .map(|items| self.legend_height(items))
                .sum::<f64>()
            + self.strip_height
            + self.panel_gap * panels.saturating_sub(1) as f64
            + self.x_axis_height
            + if self.key.is_empty() {
                0.0
            } else {
                self.key_height(&frame.fonts) + 4.0 * scale
            }
            + self.event_key_height
            + if self.source_texts.is_empty() {
                0.0
            } else {
                self.source_height() + 6.0 * scale
            }
            + frame.pad
    }
}

impl Layout {
    /// Lays out `chart` as `view` shows it on `page` (the chart's events already
    /// filtered by the view, see [`View::filtered`]), by the rules of
    /// [`chart::layout`].
    pub fn new(chart: &Chart, view: &View, page: &Page) -> Layout {
        let frame = Frame::new(chart, view, page);
        let panels = visible_panels(chart, view);
        let y_views: Vec<(f64, f64)> = panels
            .iter()
            .map(|(index, lines)| {
                chart
                    .panels
                    .get(*index)
                    .map_or((0.0, 1.0), |panel| y_view(panel, lines, frame.x_view))
            })
            .collect();
        let columns = Columns::new(chart, &panels, &y_views, &frame);
        let events_in_view: Vec<usize> = chart
            .events
            .iter()
            .enumerate()
            .filter(|(_, event)| event_in_view(event, frame.x_view))
            .map(|(index, _)| index)
            .collect();
        let bands = Bands::new(chart, page, &frame, &columns, &panels, &events_in_view);
        let label_row = frame.fonts.label * 1.6;
        let rail_height = if events_in_view.is_empty() {
            0.0
        } else {
            label_row
        };
        let most_rows = chart::layout::label_rows(bands.chart_height(&frame), label_row);
        let measure = |text: &str| annotate::label_width(text, frame.fonts.label);
        // Headlines go inside the plots first; the strip above opens only when one
        // finds no room there. The key's height follows the plan, and the plots follow
        // the key: plan again until they agree (twice or three times at most).
        let (mut strip_rows, mut key) = (0, Vec::new());
        let mut attempt = 0;
        let (bands, annotations, panel_layouts, strip, bottom) = loop {
            attempt += 1;
            let bands = bands
                .clone()
                .with_strip(strip_rows as f64 * label_row + rail_height)
                .with_event_key(&key, &frame);
            let plot_height = ((frame.height - bands.fixed_height(&frame, panels.len()))
                / panels.len().max(1) as f64)
                .max(MIN_PLOT_HEIGHT * frame.scale);
            let (panel_layouts, strip, bottom) = stack_panels(
                chart,
                &frame,
                &columns,
                &bands,
                &panels,
                &y_views,
                plot_height,
            );
            let rail = (strip.1 - rail_height, strip.1);
            let parts = annotate::scene_parts(
                chart,
                &Geometry {
                    width: frame.width,
                    height: frame.height,
                    scale: frame.scale,
                    x_view: frame.x_view,
                    plot_left: columns.plot_left,
                    plot_right: columns.plot_right,
                    panels: &panel_layouts,
                    strip: (strip.0, rail.0),
                    rail,
                },
            );
            let plan = plan_annotations(
                &chart.events,
                &parts.scene(frame.x_view, label_row as f32, &measure),
            );
            if attempt < 4 && strip_rows < most_rows && annotate::headline_keyed(chart, &plan) {
                (strip_rows, key) = (most_rows, plan.key);
            } else if attempt < 4 && plan.key != key {
                key = plan.key;
            } else {
                break (bands, plan, panel_layouts, (strip.0, rail.0), bottom);
            }
        };
        let key_top = bottom + bands.x_axis_height;
        let event_key_top = key_top
            + if bands.key.is_empty() {
                0.0
            } else {
                bands.key_height(&frame.fonts) + 4.0 * frame.scale
            }
            + 4.0 * frame.scale;
        Layout {
            width: frame.width,
            height: frame.height,
            scale: frame.scale,
            fonts: frame.fonts,
            theme: view.look.theme.decided(false),
            colours: view.look.theme.colours(),
            title: bands.title.clone(),
            x_view: frame.x_view,
            plot_left: columns.plot_left,
            plot_right: columns.plot_right,
            panels: panel_layouts,
            x_ticks: x_ticks(&frame, &columns),
            x_tick_baseline: bottom + 4.0 * frame.scale + frame.fonts.tick,
            events_in_view,
            annotations,
            strip,
            rail: (strip.1, strip.1 + rail_height),
            key: place_key_items(&bands, &frame, key_top),
            event_key: annotate::event_key_at(&bands.event_key, event_key_top),
            source_lines: place_source_lines(&bands, &frame),
        }
    }

    /// The horizontal pixel of time `x`.
    pub fn x_px(&self, x: f64) -> f64 {
        x_px(x, self.x_view, self.plot_left, self.plot_right)
    }

    /// Top of the first plot and bottom of the last.
    pub fn plots_span(&self) -> Option<(f64, f64)> {
        Some((self.panels.first()?.top, self.panels.last()?.bottom))
    }
}

impl Frame {
    fn new(chart: &Chart, view: &View, page: &Page) -> Self {
        let width = f64::from(page.width.max(1));
        let height = f64::from(page.height.max(1));
        let scale = (width / 1200.0).min(height / 800.0).clamp(0.7, 3.0);
        let pad = 16.0 * scale;
        Self {
            width,
            height,
            scale,
            fonts: FontSizes::scaled(scale),
            pad,
            content_width: width - 2.0 * pad,
            x_view: view_x(chart, view),
            finest_period: chart.finest_period(),
        }
    }
}

impl Columns {
    fn new(
        chart: &Chart,
        panels: &[(usize, Vec<usize>)],
        y_views: &[(f64, f64)],
        frame: &Frame,
    ) -> Self {
        let (fonts, scale, pad) = (&frame.fonts, frame.scale, frame.pad);
        let widest_tick = panels
            .iter()
            .zip(y_views)
            .filter_map(|((index, _), y_view)| Some((chart.panels.get(*index)?, y_view)))
            .map(|(panel, y_view)| widest_y_tick(panel, *y_view, fonts.tick))
            .fold(0.0, f64::max);
        Self {
            axis_title_x: pad + fonts.axis_title * 0.8,
            plot_left: pad + fonts.axis_title * 1.3 + 6.0 * scale + widest_tick + 6.0 * scale,
            plot_right: frame.width - pad - direct_label_room(chart, panels, fonts.legend, scale),
        }
    }
}

impl Bands {
    fn new(
        chart: &Chart,
        page: &Page,
        frame: &Frame,
        columns: &Columns,
        panels: &[(usize, Vec<usize>)],
        events_in_view: &[usize],
    ) -> Self {
        let (fonts, scale) = (&frame.fonts, frame.scale);
        let mut top = frame.pad;
        let title_text = page.title.clone().unwrap_or_else(|| chart.title.clone());
        let title_text = title_text.split_whitespace().collect::<Vec<_>>().join(" ");
        let title = (!title_text.is_empty()).then(|| {
            let placed = PlacedText {
                text: fit_text(&title_text, fonts.title, frame.content_width),
                x: frame.pad,
                baseline: top + fonts.title * 0.95,
            };
            top += fonts.title * 1.3 + 6.0 * scale;
            placed
        });
        let legends = panels
            .iter()
            .map(|(index, lines)| {
                // Direct labels at line ends take the legend's place.
                chart
                    .panels
                    .get(*index)
                    .filter(|_| !chart.direct_labels)
                    .map_or_else(Vec::new, |panel| {
                        legend_rows(panel, lines, columns, fonts, scale)
                    })
            })
            .collect();
        let key = key_entries(chart, panels, events_in_view, frame.x_view);
        let key_rows = place_key(&key, frame.pad, frame.content_width, fonts, scale);
        let source_texts = source_line(&page.sources)
            .map(|line| {
                wrap_text(
                    &line,
                    fonts.source,
                    frame.content_width / FALLBACK_FONT_SLACK,
                )
            })
            .unwrap_or_default();
        Self {
            title,
            top,
            legends,
            legend_row: fonts.legend * 1.7,
            strip_height: 0.0,
            panel_gap: 14.0 * scale,
            x_axis_height: fonts.tick * 2.0,
            key,
            key_rows,
            event_key: Vec::new(),
            event_key_height: 0.0,
            source_texts,
            source_line_height: fonts.source * 1.35,
        }
    }

    /// The height of the chart itself, below the title and above the source lines:
    /// what the window gives its plots, label strip and key below its controls (the
    /// label rows follow it, see [`chart::layout::label_rows`]).
    fn chart_height(&self, frame: &Frame) -> f64 {
        let source = if self.source_texts.is_empty() {
            0.0
        } else {
            self.source_height() + 6.0 * frame.scale
        };
        frame.height - self.top - source - frame.pad
    }

    fn with_strip(self, strip_height: f64) -> Self {
        Self {
            strip_height,
            ..self
        }
    }

    /// With the numbered entries of the event key under the category key.
    fn with_event_key(self, entries: &[KeyEntry], frame: &Frame) -> Self {
        let (event_key, height) = annotate::place_event_key(
            entries,
            (frame.pad, frame.content_width),
            frame.fonts.key,
            frame.scale,
            self.chart_height(frame) * annotate::MAX_KEY_SHARE,
        );
        Self {
            event_key,
            event_key_height: if height > 0.0 {
                height + 4.0 * frame.scale
            } else {
                0.0
            },
            ..self
        }
    }
}

/// The panels placed top to bottom, each with its legend above it, the label strip
/// between the first legend and the first plot; returns them, the strip, and the
/// bottom of the last plot.
fn stack_panels(
    chart: &Chart,
    frame: &Frame,
    columns: &Columns,
    bands: &Bands,
    panels: &[(usize, Vec<usize>)],
    y_views: &[(f64, f64)],
    plot_height: f64,
) -> (Vec<PanelLayout>, (f64, f64), f64) {
    let mut panel_layouts = Vec::new();
    let mut top = bands.top;
    let mut strip = (top, top);
    for (position, (((index, lines), y_view), legend)) in
        panels.iter().zip(y_views).zip(&bands.legends).enumerate()
    {
        if position > 0 {
            top += bands.panel_gap;
        }
        let legend_top = top;
        top += bands.legend_height(legend);
        if position == 0 {
            strip = (top, top + bands.strip_height);
            top += bands.strip_height;
        }
        let Some(panel) = chart.panels.get(*index) else {
            continue;
        };
        let legend = legend
            .iter()
            .map(|(line, x, row)| LegendItem {
                line: *line,
                x: *x,
                middle: legend_top + (*row as f64 + 0.5) * bands.legend_row,
            })
            .collect();
        let place = PanelPlace {
            index: *index,
            top,
            bottom: top + plot_height,
            y_view: *y_view,
            legend,
        };
        panel_layouts.push(panel_layout(chart, panel, lines, place, frame, columns));
        top += plot_height;
    }
    (panel_layouts, strip, top)
}

/// Where a panel goes, before its ticks and markers are decided.
struct PanelPlace {
    index: usize,
    top: f64,
    bottom: f64,
    y_view: (f64, f64),
    legend: Vec<LegendItem>,
}

fn panel_layout(
    chart: &Chart,
    panel: &Panel,
    lines: &[usize],
    place: PanelPlace,
    frame: &Frame,
    columns: &Columns,
) -> PanelLayout {
    let plot_width = (columns.plot_right - columns.plot_left).max(1.0);
    let mut layout = PanelLayout {
        panel: place.index,
        lines: lines.to_vec(),
        markers: lines
            .iter()
            .map(|line| {
                chart.show_markers
                    && panel.lines.get(*line).is_some_and(|line| {
                        chart::layout::markers_fit(line, frame.x_view, plot_width)
                    })
            })
            .collect(),
        top: place.top,
        bottom: place.bottom,
        y_view: place.y_view,
        y_ticks: Vec::new(),
        axis_title: PlacedText {
            text: fit_text(
                &panel.axis_title,
                frame.fonts.axis_title,
                place.bottom - place.top,
            ),
            x: columns.axis_title_x,
            baseline: (place.top + place.bottom) / 2.0,
        },
        legend: place.legend,
        zero_line: chart::layout::shows_zero_line(panel, place.y_view),
    };
    layout.y_ticks = y_ticks(panel, &layout, frame.scale);
    layout
}

/// The key's entries in their rows, from `top`.
fn place_key_items(bands: &Bands, frame: &Frame, top: f64) -> Vec<KeyItem> {
    let key_top = top + 4.0 * frame.scale;
    bands
        .key
        .iter()
        .cloned()
        .zip(&bands.key_rows)
        .map(|((mark, text), (_, x, row))| KeyItem {
            mark,
            text,
            x: *x,
            middle: key_top + (*row as f64 + 0.5) * frame.fonts.key * 1.7,
        })
        .collect()
}

/// The source lines at the bottom edge, whatever room the plots left.
fn place_source_lines(bands: &Bands, frame: &Frame) -> Vec<PlacedText> {
    let source_top = frame.height - frame.pad - bands.source_height();
    bands
        .source_texts
        .iter()
        .enumerate()
        .map(|(row, text)| PlacedText {
            text: text.clone(),
            x: frame.pad,
            baseline: source_top + row as f64 * bands.source_line_height + frame.fonts.source,
        })
        .collect()
}

fn x_px(x: f64, view: (f64, f64), left: f64, right: f64) -> f64 {
    left + (x - view.0) / (view.1 - view.0) * (right - left)
}

/// The time range to show: the view's range if usable, else the chart's view.
fn view_x(chart: &Chart, view: &View) -> (f64, f64) {
    view.range()
        .filter(|(min, max)| min.is_finite() && max.is_finite() && min < max)
        .unwrap_or_else(|| {
            let view = chart.view_x_or_default();
            (*view.start(), *view.end())
        })
}

/// Panels with at least one line not hidden, each with the indices of those lines.
fn visible_panels(chart: &Chart, view: &View) -> Vec<(usize, Vec<usize>)> {
    chart
        .panels
        .iter()
        .enumerate()
        .filter_map(|(index, panel)| {
            let lines: Vec<usize> = panel
                .lines
                .iter()
                .enumerate()
                .filter(|(_, line)| view.shows_series(&line.name))
                .map(|(line, _)| line)
                .collect();
            (!lines.is_empty()).then_some((index, lines))
        })
        .collect()
}

/// Room right of the plots for direct labels (the widest series name), or none.
fn direct_label_room(chart: &Chart, panels: &[(usize, Vec<usize>)], size: f64, scale: f64) -> f64 {
    if !chart.direct_labels {
        return 0.0;
    }
    let widest = panels
        .iter()
        .filter_map(|(index, lines)| Some((chart.panels.get(*index)?, lines)))
        .flat_map(|(panel, lines)| lines.iter().filter_map(|line| panel.lines.get(*line)))
        .map(|line| text_width(&line.name, size) * FALLBACK_FONT_SLACK)
        .fold(0.0, f64::max);
    if widest > 0.0 {
        widest + DIRECT_LABEL_GAP_PX * scale * 2.0
    } else {
        0.0
    }
}

/// Pixels between a line's end and its direct label.
pub const DIRECT_LABEL_GAP_PX: f64 = 5.0;

/// The points of a segment to draw, in pixels: those in view (see [`visible_points`]),
/// thinned when there are more than the plot has pixels for — per pixel column the
/// first, lowest, highest and last point, so the drawn line looks the same.
pub fn drawn_points(layout: &Layout, panel: &PanelLayout, segment: &[[f64; 2]]) -> Vec<[f64; 2]> {
    drawn_points_in(
        layout.x_view,
        (layout.plot_left, layout.plot_right),
        panel,
        segment,
    )
}

/// [`drawn_points`] for a time range `x_view` across the plot's `left_right` edges.
pub fn drawn_points_in(
    x_view: (f64, f64),
    left_right: (f64, f64),
    panel: &PanelLayout,
    segment: &[[f64; 2]],
) -> Vec<[f64; 2]> {
    let points = visible_points(segment, x_view);
    let to_px = |point: &[f64; 2]| {
        [
            x_px(point[0], x_view, left_right.0, left_right.1),
            panel.y_px(point[1]),
        ]
    };
    let plot_width = left_right.1 - left_right.0;
    if (points.len() as f64) <= plot_width * decimate::MAX_POINTS_PER_COLUMN {
        return points.iter().map(to_px).collect();
    }
    // Per pixel column the first, lowest, highest and last point (see `decimate`).
    let columns = plot_width.round().max(1.0) as usize;
    decimate::per_column_extremes(points, x_view, columns)
        .iter()
        .map(to_px)
        .collect()
}

/// The points of a segment to draw for the view: those in it and one beyond each edge,
/// so the line runs on to the edge of the plot (where it is clipped).
pub fn visible_points(segment: &[[f64; 2]], view: (f64, f64)) -> &[[f64; 2]] {
    let first_inside = segment.iter().position(|point| point[0] >= view.0);
    let Some(first_inside) = first_inside else {
        return &[];
    };
    let after_last = segment
        .iter()
        .rposition(|point| point[0] <= view.1)
        .map_or(0, |last| last + 1);
    let start = first_inside.saturating_sub(1);
    let end = (after_last + 1).min(segment.len());
    if after_last == 0 || start >= end {
        // Nothing inside: a piece may still cross the whole view.
        return crossing_piece(segment, view);
    }
    segment.get(start..end).unwrap_or(&[])
}

/// The two points around the view when a segment jumps over it entirely.
fn crossing_piece(segment: &[[f64; 2]], view: (f64, f64)) -> &[[f64; 2]] {
    let crossing = segment
        .windows(2)
        .position(|pair| pair[0][0] < view.0 && pair[1][0] > view.1);
    crossing.map_or(&[], |index| segment.get(index..index + 2).unwrap_or(&[]))
}

/// The value range to show for a panel's drawn lines in the time view, by the
/// window's rule (see [`chart::layout::value_bounds`]; the legend is above the plot).
fn y_view(panel: &Panel, lines: &[usize], x_view: (f64, f64)) -> (f64, f64) {
    let segments = lines
        .iter()
        .filter_map(|index| panel.lines.get(*index))
        .flat_map(|line| line.segments.iter())
        .map(Vec::as_slice);
    let values = chart::layout::values_in_view(segments, x_view);
    chart::layout::value_bounds(panel, values, 0.0)
}

/// The widest tick label a panel can get at any plot height.
fn widest_y_tick(panel: &Panel, y_view: (f64, f64), size: f64) -> f64 {
    (2..=16)
        .flat_map(|count| chart::scale::value_ticks(panel, y_view.0, y_view.1, count))
        .map(|(value, step)| text_width(&chart::scale::tick_label(panel, value, step), size))
        .fold(0.0, f64::max)
}

fn y_ticks(panel: &Panel, layout: &PanelLayout, scale: f64) -> Vec<Tick> {
    let height = layout.bottom - layout.top;
    let count = chart::layout::y_tick_count(height, scale, 2);
    chart::scale::value_ticks(panel, layout.y_view.0, layout.y_view.1, count)
        .into_iter()
        .map(|(value, step)| Tick {
            value,
            px: layout.y_px(value),
            text: chart::scale::tick_label(panel, value, step),
        })
        .collect()
}

/// Time ticks on calendar boundaries, about [`chart::layout::PX_PER_X_TICK`] apart;
/// a label that would run off the chart is moved in.
fn x_ticks(frame: &Frame, columns: &Columns) -> Vec<Tick> {
    let (view, fonts, scale, width) = (frame.x_view, &frame.fonts, frame.scale, frame.width);
    let (left, right) = (columns.plot_left, columns.plot_right);
    let count = chart::layout::x_tick_count(right - left, scale);
    chart::x_ticks(view.0, view.1, count, frame.finest_period)
        .into_iter()
        .map(|tick| {
            let text = chart::format_x_tick(tick.x, tick.step_years);
            let half = text_width(&text, fonts.tick) / 2.0;
            let px = x_px(tick.x, view, left, right);
            Tick {
                value: tick.x,
                px: px.clamp(half + 2.0 * scale, width - half - 2.0 * scale),
                text,
            }
        })
        .collect()
}

fn event_in_view(event: &EventMark, view: (f64, f64)) -> bool {
    let end = event.end_x.unwrap_or(event.x).max(event.x);
    event.x <= view.1 && end >= view.0
}

/// Width of a legend entry's line sample, and the gap after it.
pub const LEGEND_SAMPLE_PX: f64 = 22.0;
const LEGEND_SAMPLE_GAP_PX: f64 = 6.0;
const LEGEND_ITEM_GAP_PX: f64 = 20.0;

/// Each drawn line's legend entry as (line, x, row), in rows that fit the plot width.
fn legend_rows(
    panel: &Panel,
    lines: &[usize],
    columns: &Columns,
    fonts: &FontSizes,
    scale: f64,
) -> LegendRows {
    let (left, right) = (columns.plot_left, columns.plot_right);
    let widths = lines.iter().map(|index| {
        let name = panel
            .lines
            .get(*index)
            .map_or("", |line| line.name.as_str());
        (LEGEND_SAMPLE_PX + LEGEND_SAMPLE_GAP_PX) * scale
            + text_width(name, fonts.legend) * FALLBACK_FONT_SLACK
    });
    flow(
        lines.iter().copied().zip(widths),
        left,
        right,
        LEGEND_ITEM_GAP_PX * scale,
    )
}

/// Puts items of the given widths left to right from `left`, starting a new row when
/// one would pass `right`; returns (item, x, row).
fn flow<T>(
    items: impl Iterator<Item = (T, f64)>,
    left: f64,
    right: f64,
    gap: f64,
) -> Vec<(T, f64, usize)> {
    let mut placed = Vec::new();
    let (mut x, mut row) = (left, 0);
    for (item, width) in items {
        if x > left && x + width > right {
            x = left;
            row += 1;
        }
        placed.push((item, x, row));
        x += width + gap;
    }
    placed
}

/// The key entries: a heading, the categories of events in view, and what dashed
/// lines and hollow markers mean when the chart has any in view.
fn key_entries(
    chart: &Chart,
    panels: &[(usize, Vec<usize>)],
    events_in_view: &[usize],
    view: (f64, f64),
) -> Vec<(KeyMark, String)> {
    let in_view: Vec<&EventMark> = events_in_view
        .iter()
        .filter_map(|index| chart.events.get(*index))
        .collect();
    let mut entries = Vec::new();
    for (name, colour) in &chart.categories {
        if in_view
            .iter()
            .any(|event| chart::same_category(&event.category, name))
        {
            let text = if name.is_empty() { "other" } else { name };
            entries.push((KeyMark::Category(*colour), text.to_string()));
        }
    }
    if in_view.iter().any(|event| event.status != Status::Reported) {
        entries.push((KeyMark::Unverified, "planned or unverified".to_string()));
    }
    let hollow_markers: Vec<&crate::chart::Marker> = panels
        .iter()
        .filter_map(|(index, lines)| Some((chart.panels.get(*index)?, lines)))
        .flat_map(|(panel, lines)| lines.iter().filter_map(|line| panel.lines.get(*line)))
        .flat_map(|line| line.markers.iter())
        .filter(|marker| marker.is_hollow() && marker.x >= view.0 && marker.x <= view.1)
        .collect();
    if !hollow_markers.is_empty() {
        // Hollow markers and the dashed lines into them: say what they stand for here.
        entries.push((
            KeyMark::HollowMarker,
            crate::chart::certainty::hollow_key_text(&hollow_markers),
        ));
    }
    if !entries.is_empty() {
        let heading = if in_view.is_empty() { "Key" } else { "Events" };
        entries.insert(0, (KeyMark::Heading, heading.to_string()));
    }
    entries
}

/// Width of a key entry's mark and the gap after it, at scale 1.
pub const KEY_MARK_PX: f64 = 16.0;
const KEY_MARK_GAP_PX: f64 = 5.0;
const KEY_ITEM_GAP_PX: f64 = 16.0;

fn place_key(
    entries: &[(KeyMark, String)],
    left: f64,
    width: f64,
    fonts: &FontSizes,
    scale: f64,
) -> Vec<(usize, f64, usize)> {
    let widths = entries.iter().map(|(mark, text)| {
        let mark_width = match mark {
            KeyMark::Heading => 0.0,
            _ => (KEY_MARK_PX + KEY_MARK_GAP_PX) * scale,
        };
        mark_width + text_width(text, fonts.key) * FALLBACK_FONT_SLACK
    });
    flow(
        (0..entries.len()).zip(widths),
        left,
        left + width,
        KEY_ITEM_GAP_PX * scale,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::chart::ChartOptions;
    use crate::data::{Dataset, Event, Period, Point, Series, Unit};

    fn dataset() -> Dataset {
        let series = |name: &str, unit: &str, step: bool, values: &[(i32, f64)]| Series {
            name: name.into(),
            unit: Unit::parse(unit),
            step,
            source: None,
            points: values
                .iter()
                .map(|(year, value)| Point::new(Period::Year(*year), Some(*value)))
                .collect(),
        };
        let mut event = Event::new(Period::Year(2019), "Phase One deal");
        event.category = "agreement or truce".into();
        Dataset {
            title: "Trade".into(),
            sources: vec!["Census".into()],
            series: vec![
                series(
                    "Balance",
                    "USD bn",
                    false,
                    &[(2017, -375.0), (2018, -418.0), (2019, -345.0)],
                ),
                series("Tariff", "%", true, &[(2017, 3.0), (2018, 12.0)]),
            ],
            events: vec![event],
            ..Dataset::default()
        }
    }

    fn layout(view: View) -> (Chart, Layout) {
        let dataset = dataset();
        let chart = Chart::build(&dataset, &ChartOptions::default());
        let page = Page::for_dataset(&dataset, 1200, 800);
        let layout = Layout::new(&chart, &view, &page);
        (chart, layout)
    }

    #[test]
    fn stacks_panels_with_aligned_plot_areas_inside_the_chart() {
        let (_, layout) = layout(View::default());
        assert_eq!(layout.panels.len(), 2);
        let (first, second) = (&layout.panels[0], &layout.panels[1]);
        assert!(first.bottom < second.top);
        assert!(layout.plot_left > 40.0 && layout.plot_right < 1200.0);
        assert!(second.bottom < layout.x_tick_baseline);
        let source = layout.source_lines.last().unwrap();
        assert!(source.baseline <= 800.0 && source.baseline > layout.x_tick_baseline);
        assert!(layout.title.is_some());
    }

    #[test]
    fn value_range_takes_in_zero_for_rates_and_keeps_a_deficit_in_view() {
        let (_, layout) = layout(View::default());
        let balance = &layout.panels[0];
        assert!(balance.y_view.0 < -418.0 && balance.y_view.1 > 0.0);
        assert!(balance.zero_line);
        // The window's rule (`chart::layout::value_bounds`): 0 … 12.x with 5% of it
        // below 0 as above the data.
        let tariff = &layout.panels[1];
        assert!(
            tariff.y_view.0 < 0.0 && tariff.y_view.0 > -1.0,
            "{:?}",
            tariff.y_view
        );
        assert!(tariff.y_view.1 > 12.0);
        assert!(tariff.y_ticks.iter().any(|tick| tick.text == "0%"));
        assert!(tariff.y_ticks.iter().all(|t| t.px >= tariff.top - 0.01));
    }

    #[test]
    fn hidden_series_and_their_empty_panels_are_left_out() {
        let (_, layout) = layout(View {
            hidden_series: vec!["Tariff".into()],
            ..View::default()
        });
        assert_eq!(layout.panels.len(), 1);
        assert_eq!(layout.panels[0].legend.len(), 1);
    }

    #[test]
    fn points_for_a_view_reach_one_beyond_each_edge() {
        let segment = [[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [5.0, 0.0]];
        assert_eq!(visible_points(&segment, (2.5, 3.5)).len(), 3);
        assert_eq!(visible_points(&segment, (0.0, 9.0)).len(), 5);
        assert!(visible_points(&segment, (6.0, 9.0)).is_empty());
        assert!(visible_points(&segment, (-3.0, 0.5)).is_empty());
        let jump = [[1.0, 0.0], [5.0, 0.0]];
        assert_eq!(visible_points(&jump, (2.0, 3.0)).len(), 2);
    }

    #[test]
    fn dense_lines_are_thinned_to_the_pixels() {
        let (_, layout) = layout(View::default());
        let panel = &layout.panels[0];
        let (from, to) = layout.x_view;
        let segment: Vec<[f64; 2]> = (0..200_000)
            .map(|i| {
                let x = from + (to - from) * f64::from(i) / 200_000.0;
                [x, if i % 2 == 0 { -400.0 } else { 100.0 }]
            })
            .collect();
        let drawn = drawn_points(&layout, panel, &segment);
        let width = layout.plot_right - layout.plot_left;
        assert!(drawn.len() as f64 <= width * 4.0 + 8.0, "{}", drawn.len());
        // The envelope survives: both extremes are still drawn.
        let ys: Vec<f64> = drawn.iter().map(|p| p[1]).collect();
        assert!(ys.contains(&panel.y_px(-400.0)) && ys.contains(&panel.y_px(100.0)));
        assert!(drawn.windows(2).all(|pair| pair[0][0] <= pair[1][0]));
    }

    #[test]
    fn an_event_alone_is_labelled_whole_inside_a_plot_and_needs_no_key() {
        let (_, layout) = layout(View::default());
        let plan = &layout.annotations;
        assert_eq!(plan.headlines.len(), 1);
        let label = &plan.headlines[0];
        assert_eq!(label.text, "Phase One deal");
        let bounds = label.bounds;
        assert!(layout.panels.iter().any(|panel| {
            f64::from(bounds.top) >= panel.top && f64::from(bounds.bottom) <= panel.bottom
        }));
        assert!((layout.rail.1 - layout.panels[0].top).abs() < 0.01);
        assert!(plan.key.is_empty() && layout.event_key.is_empty());
        assert!(matches!(layout.key[1].mark, KeyMark::Category(_)));
    }
}
