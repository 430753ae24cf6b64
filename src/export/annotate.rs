//! The export's side of the annotation plan (see [`chart::annotations`]): the scene
//! an exported chart gives the plan (its plots, the data drawn in them, the strip and
//! the rail), and the event key placed under the chart.

use crate::chart::annotations::{AnnotationPlan, KeyEntry, PxRect, Scene};
use crate::chart::labels::HIGHLIGHT_IMPORTANCE;
use crate::chart::{self, Chart};

use super::layout::{PanelLayout, PlacedText, drawn_points_in};
use super::text::text_width;

/// Extra room around a marker that a label keeps off, at scale 1.
const MARKER_CLEARANCE_PX: f64 = 1.5;

/// What the plan must fit around, owned (a [`Scene`] borrows it).
pub(super) struct SceneParts {
    pub canvas: PxRect,
    pub plots: Vec<PxRect>,
    pub rail: PxRect,
    pub strip: PxRect,
    pub obstacles: Vec<PxRect>,
    pub markers: Vec<PxRect>,
    pub segments: Vec<[[f32; 2]; 2]>,
}

/// Geometry of an exported chart that the scene is read from.
pub(super) struct Geometry<'a> {
    pub width: f64,
    pub height: f64,
    pub scale: f64,
    pub x_view: (f64, f64),
    pub plot_left: f64,
    pub plot_right: f64,
    pub panels: &'a [PanelLayout],
    /// The label strip and the rail under it, top and bottom.
    pub strip: (f64, f64),
    pub rail: (f64, f64),
}

impl Geometry<'_> {
    fn x_px(&self, x: f64) -> f64 {
        self.plot_left
            + (x - self.x_view.0) / (self.x_view.1 - self.x_view.0)
                * (self.plot_right - self.plot_left)
    }
}

/// The scene of an exported chart: its plots, the markers and lines drawn in them,
/// every headline's line (a label keeps off other events' lines) and the
/// announced → effective brackets along the plots' tops.
pub(super) fn scene_parts(chart: &Chart, geometry: &Geometry) -> SceneParts {
    let (left, right) = (geometry.plot_left as f32, geometry.plot_right as f32);
    let plots: Vec<PxRect> = geometry
        .panels
        .iter()
        .map(|panel| PxRect::new(left, panel.top as f32, right, panel.bottom as f32))
        .collect();
    let mut markers = Vec::new();
    let mut segments = Vec::new();
    let radius = (3.0 + MARKER_CLEARANCE_PX) * geometry.scale;
    for panel_layout in geometry.panels {
        let Some(panel) = chart.panels.get(panel_layout.panel) else {
            continue;
        };
        for (line, with_markers) in panel_layout.lines.iter().zip(&panel_layout.markers) {
            let Some(line) = panel.lines.get(*line) else {
                continue;
            };
            for segment in &line.segments {
                let points = drawn_points_in(
                    geometry.x_view,
                    (geometry.plot_left, geometry.plot_right),
                    panel_layout,
                    segment,
                );
                segments.extend(points.windows(2).map(|pair| {
                    [
                        [pair[0][0] as f32, pair[0][1] as f32],
                        [pair[1][0] as f32, pair[1][1] as f32],
                    ]
                }));
            }
            if *with_markers {
                markers.extend(
                    line.markers
                        .iter()
                        .filter(|marker| {
                            marker.x >= geometry.x_view.0 && marker.x <= geometry.x_view.1
                        })
                        .map(|marker| {
                            let (x, y) = (geometry.x_px(marker.x), panel_layout.y_px(marker.y));
                            PxRect::new(
                                (x - radius) as f32,
                                (y - radius) as f32,
                                (x + radius) as f32,
                                (y + radius) as f32,
                            )
                        }),
                );
            }
        }
    }
    let mut obstacles = Vec::new();
    for event in &chart.events {
        let in_view = event.x >= geometry.x_view.0 && event.x <= geometry.x_view.1;
        if in_view && event.importance >= HIGHLIGHT_IMPORTANCE {
            let x = geometry.x_px(event.x) as f32;
            segments.extend(plots.iter().map(|plot| [[x, plot.top], [x, plot.bottom]]));
        }
        if let Some((announced, effective)) = chart::certainty::bracket(event) {
            let (from, to) = (
                geometry.x_px(announced.max(geometry.x_view.0)) as f32,
                geometry.x_px(effective.min(geometry.x_view.1)) as f32,
            );
            let depth = (11.0 * geometry.scale) as f32;
            obstacles.extend(
                plots
                    .iter()
                    .map(|plot| PxRect::new(from - 1.0, plot.top, to + 1.0, plot.top + depth)),
            );
        }
    }
    SceneParts {
        canvas: PxRect::new(0.0, 0.0, geometry.width as f32, geometry.height as f32),
        rail: PxRect::new(left, geometry.rail.0 as f32, right, geometry.rail.1 as f32),
        strip: PxRect::new(
            left,
            geometry.strip.0 as f32,
            right,
            geometry.strip.1 as f32,
        ),
        plots,
        obstacles,
        markers,
        segments,
    }
}

impl SceneParts {
    pub fn scene<'a>(
        &self,
        x_view: (f64, f64),
        label_height: f32,
        text_width: &'a dyn Fn(&str) -> f32,
    ) -> Scene<'a> {
        Scene {
            canvas: self.canvas,
            plots: self.plots.clone(),
            x_view,
            rail: self.rail,
            strip: self.strip,
            obstacles: self.obstacles.clone(),
            markers: self.markers.clone(),
            segments: self.segments.clone(),
            label_height,
            text_width,
        }
    }
}

/// One entry of the event key under the chart: its number's badge at `badge_x` on
/// the line whose middle is `middle`, then its text in pieces (an entry may run on to
/// the next line).
#[derive(Clone, Debug, PartialEq)]
pub struct EventKeyItem {
    /// Index into the plan's [`AnnotationPlan::key`].
    pub entry: usize,
    pub number: usize,
    pub badge_x: f64,
    pub middle: f64,
    pub lines: Vec<PlacedText>,
    /// A cluster given by its heading alone (`14 events, Jul–Sep 2016`): the whole key
    /// would have left the plots too little room.
    pub brief: bool,
}

/// Share of the chart's height the event key may take before its largest clusters are
/// given by their headings alone.
pub const MAX_KEY_SHARE: f64 = 0.3;

/// Width of a key entry's number badge, at scale 1 (the gap after it is a space).
pub const KEY_BADGE_PX: f64 = 18.0;
/// Room slack for texts that flow (see `layout::FALLBACK_FONT_SLACK`).
const SLACK: f64 = 1.15;

/// The event key's entries as running text across `width` from `left`, as a newsroom
/// sets its notes: a numbered badge, then the entry's words, then the next entry on
/// the same line; positions from a top of 0. Returns them and their height.
/// Entries of the largest clusters are given by their headings alone until the key is
/// no higher than `max_height`.
pub(super) fn place_event_key(
    entries: &[KeyEntry],
    (left, width): (f64, f64),
    size: f64,
    scale: f64,
    max_height: f64,
) -> (Vec<EventKeyItem>, f64) {
    let mut brief = vec![false; entries.len()];
    loop {
        let placed = place_key_entries(entries, &brief, (left, width), size, scale);
        let largest = entries
            .iter()
            .enumerate()
            .filter(|(index, entry)| {
                entry.events.len() > 1 && !brief.get(*index).copied().unwrap_or(true)
            })
            .max_by_key(|(_, entry)| entry.events.len())
            .map(|(index, _)| index);
        match largest {
            Some(index) if placed.1 > max_height => {
                if let Some(flag) = brief.get_mut(index) {
                    *flag = true;
                }
            }
            _ => return placed,
        }
    }
}

fn place_key_entries(
    entries: &[KeyEntry],
    brief: &[bool],
    (left, width): (f64, f64),
    size: f64,
    scale: f64,
) -> (Vec<EventKeyItem>, f64) {
    if entries.is_empty() {
        return (Vec::new(), 0.0);
    }
    let line_height = size * 1.55;
    let space = text_width(" ", size) * SLACK;
    let badge = KEY_BADGE_PX * scale;
    let right = left + width;
    let (mut x, mut line) = (left, 0usize);
    let baseline = |line: usize| line as f64 * line_height + line_height / 2.0 + size * 0.35;
    let middle = |line: usize| line as f64 * line_height + line_height / 2.0;
    let mut items = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        // The badge keeps its first word with it.
        let is_brief = brief.get(index).copied().unwrap_or(false);
        let text = if is_brief {
            entry.heading.clone()
        } else {
            entry.text()
        };
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        let first_width = words
            .first()
            .map_or(0.0, |word| text_width(word, size) * SLACK);
        if x > left && x + badge + space + first_width > right {
            (x, line) = (left, line + 1);
        }
        let mut item = EventKeyItem {
            entry: index,
            number: entry.number,
            badge_x: x,
            middle: middle(line),
            lines: Vec::new(),
            brief: is_brief,
        };
        x += badge + space;
        let mut piece = PlacedText {
            text: String::new(),
            x,
            baseline: baseline(line),
        };
        for word in words {
            let word_width = text_width(&word, size) * SLACK;
            if x > left && x + word_width > right {
                if !piece.text.is_empty() {
                    item.lines.push(std::mem::take(&mut piece));
                }
                (x, line) = (left, line + 1);
                piece = PlacedText {
                    text: String::new(),
                    x,
                    baseline: baseline(line),
                };
            }
            if !piece.text.is_empty() {
                piece.text.push(' ');
            }
            piece.text.push_str(&word);
            x += word_width + space;
        }
        if !piece.text.is_empty() {
            item.lines.push(piece);
        }
        // Two spaces between entries.
        x += space;
        items.push(item);
    }
    (items, (line + 1) as f64 * line_height)
}

/// The event key moved down by `top`.
pub(super) fn event_key_at(items: &[EventKeyItem], top: f64) -> Vec<EventKeyItem> {
    items
        .iter()
        .map(|item| EventKeyItem {
            middle: item.middle + top,
            lines: item
                .lines
                .iter()
                .map(|line| PlacedText {
                    baseline: line.baseline + top,
                    ..line.clone()
                })
                .collect(),
            ..item.clone()
        })
        .collect()
}

/// Width of a label's text as the export sets it.
pub(super) fn label_width(text: &str, size: f64) -> f32 {
    text_width(text, size) as f32
}

/// True when some headline of `plan`'s chart went to the key for lack of room.
pub(super) fn headline_keyed(chart: &Chart, plan: &AnnotationPlan) -> bool {
    plan.key.iter().any(|entry| {
        entry.events.iter().any(|event| {
            chart
                .events
                .get(*event)
                .is_some_and(|event| event.importance >= HIGHLIGHT_IMPORTANCE)
        })
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn entry(number: usize, heading: &str, titles: &[&str]) -> KeyEntry {
        KeyEntry {
            number,
            events: (0..titles.len().max(1)).collect(),
            heading: heading.into(),
            titles: titles.iter().map(|title| title.to_string()).collect(),
        }
    }

    #[test]
    fn the_key_runs_as_text_and_gives_the_largest_clusters_by_heading_when_tall() {
        let entries = [
            entry(1, "Buenos Aires G20 truce", &[]),
            entry(
                2,
                "3 events, Mar–May 2025",
                &["A tariff", "A retaliation", "A truce"],
            ),
        ];
        // Wide: both entries on one line, the second's badge after the first's text.
        let (items, height) = place_event_key(&entries, (10.0, 2000.0), 11.0, 1.0, 1000.0);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].badge_x, 10.0);
        assert_eq!(items[0].lines[0].text, "Buenos Aires G20 truce");
        assert_eq!(items[1].middle, items[0].middle);
        assert!(items[1].badge_x > items[0].lines[0].x);
        assert_eq!(
            items[1].lines[0].text,
            "3 events, Mar–May 2025: A tariff; A retaliation; A truce"
        );
        assert!((height - 11.0 * 1.55).abs() < 1e-9);
        // Narrow: the entries wrap onto more lines.
        let (narrow, taller) = place_event_key(&entries, (10.0, 150.0), 11.0, 1.0, 1000.0);
        assert!(taller > height && narrow[1].lines.len() > 1);
        // Too tall for its room: the cluster is given by its heading alone.
        let (brief, _) = place_event_key(&entries, (10.0, 150.0), 11.0, 1.0, 40.0);
        assert!(brief[1].brief && !brief[0].brief);
        let text: Vec<&str> = brief[1]
            .lines
            .iter()
            .map(|line| line.text.as_str())
            .collect();
        assert_eq!(text.join(" "), "3 events, Mar–May 2025");
    }
}
