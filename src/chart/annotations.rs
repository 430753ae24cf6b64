//! The annotation plan: how every event in view is shown, decided once for a size in
//! pixels, for the window and every export (both draw what the plan says).
//!
//! As a newsroom chart annotates: each headline event (`highlight` in the data) gets a
//! full-height line and its whole title in a box, placed in free space inside a plot
//! with a thin leader line to its event — never over a data line or marker, another
//! label, a legend, axis text or the edge — or, where no plot has room, in the label
//! strip above the plots. Every other event is drawn quietly, as a short tick on the
//! rail along the top plot's top edge, with a numbered badge there and its whole title
//! under that number in the key. Events closer on screen than a badge is wide share one
//! badge, a cluster ("6 events, Mar–May 2025"), whose key entry lists them; zoomed in,
//! they move apart and the cluster splits. A headline that finds no room anywhere is
//! keyed like the rest, so nothing drawn is anonymous ([`AnnotationPlan::hidden`] is 0).
//! While full lines are few ([`MAX_FULL_LINES`]), an event that stands alone is
//! labelled whole too where there is room right beside its line (a file that flags no
//! headlines still reads).

use super::EventMark;
use crate::data::period::date_from_x;

/// A rectangle in pixels, y down.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PxRect {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl PxRect {
    pub fn new(left: f32, top: f32, right: f32, bottom: f32) -> Self {
        Self {
            left,
            top,
            right,
            bottom,
        }
    }

    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }

    /// True when the two overlap, or come closer than `gap`.
    pub fn overlaps(&self, other: &PxRect, gap: f32) -> bool {
        self.left < other.right + gap
            && other.left < self.right + gap
            && self.top < other.bottom + gap
            && other.top < self.bottom + gap
    }

    /// True when `other` lies wholly inside this rectangle.
    pub fn contains(&self, other: &PxRect) -> bool {
        other.left >= self.left
            && other.right <= self.right
            && other.top >= self.top
            && other.bottom <= self.bottom
    }

    /// True when the segment from `a` to `b` passes through this rectangle.
    pub fn crosses_segment(&self, a: [f32; 2], b: [f32; 2]) -> bool {
        // Liang–Barsky clipping: the segment meets the rectangle when some part of
        // its parameter range survives all four edges.
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let mut low = 0.0_f32;
        let mut high = 1.0_f32;
        for (p, q) in [
            (-dx, a[0] - self.left),
            (dx, self.right - a[0]),
            (-dy, a[1] - self.top),
            (dy, self.bottom - a[1]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    low = low.max(t);
                } else {
                    high = high.min(t);
                }
                if low > high {
                    return false;
                }
            }
        }
        true
    }
}

/// What the annotations must fit around, in pixels, and how to measure text.
pub struct Scene<'a> {
    /// Nothing is placed outside it (the chart's own area).
    pub canvas: PxRect,
    /// The plot areas, top to bottom; they share the time axis.
    pub plots: Vec<PxRect>,
    /// The time range shown, fractional years, across the plots' width.
    pub x_view: (f64, f64),
    /// The rail along the top plot's top edge (ticks and badges sit in it).
    pub rail: PxRect,
    /// The strip above the rail for headline labels that find no room in a plot.
    pub strip: PxRect,
    /// Legends, axis texts and anything else a label must keep off.
    pub obstacles: Vec<PxRect>,
    /// The data markers drawn, each as its box.
    pub markers: Vec<PxRect>,
    /// The data lines drawn, as segments.
    pub segments: Vec<[[f32; 2]; 2]>,
    /// Height of a label box (one line of label text and its padding).
    pub label_height: f32,
    /// Width in pixels of a text as labels draw it.
    pub text_width: &'a dyn Fn(&str) -> f32,
}

impl Scene<'_> {
    fn x_px(&self, x: f64) -> f32 {
        let plot = self.plots.first().copied().unwrap_or(self.canvas);
        let span = self.x_view.1 - self.x_view.0;
        let fraction = if span > 0.0 {
            (x - self.x_view.0) / span
        } else {
            0.0
        };
        plot.left + fraction as f32 * plot.width()
    }
}

/// Pixels between a label box and anything else.
pub const LABEL_GAP_PX: f32 = 3.0;
/// Horizontal padding inside a label box, each side.
pub const LABEL_PAD_PX: f32 = 4.0;
/// The corner radius of a numbered badge, in the window and the export alike: nearly
/// square, as the numbers in the key under the chart. Label boxes have square corners.
/// A pill (radius half its height) is drawn with nearly twice the triangles, which a
/// software renderer (a VM, a remote desktop) pays for on every frame.
pub const BADGE_CORNER_PX: f32 = 2.0;
/// Room between an event line and the start of its label's leader.
pub const LEADER_GAP_PX: f32 = 3.0;

/// A headline's label: its whole title in `bounds`, a leader from `leader.0` (on the
/// box) to `leader.1` (on the event line).
#[derive(Clone, Debug, PartialEq)]
pub struct HeadlineLabel {
    /// Index into the chart's events.
    pub event: usize,
    pub text: String,
    pub bounds: PxRect,
    pub leader: ([f32; 2], [f32; 2]),
    /// True when the label sits inside a plot; false in the strip above.
    pub inside_plot: bool,
}

/// A numbered badge on the rail for one event, or for a cluster of events too close
/// to tell apart at this zoom.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub number: usize,
    /// Indices into the chart's events, in time order.
    pub events: Vec<usize>,
    /// Where the badge's tick meets the rail.
    pub x: f32,
    pub bounds: PxRect,
}

impl Badge {
    pub fn is_cluster(&self) -> bool {
        self.events.len() > 1
    }
}

/// One entry of the key: a badge's number and what it stands for, whole.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyEntry {
    pub number: usize,
    pub events: Vec<usize>,
    /// `Section 232 steel and aluminum tariffs`, or for a cluster `3 events, Mar–May
    /// 2025` (its titles are in [`KeyEntry::titles`]).
    pub heading: String,
    pub titles: Vec<String>,
}

impl KeyEntry {
    /// The entry as one line: `7  3 events, Mar–May 2025: A; B; C`.
    pub fn text(&self) -> String {
        if self.events.len() > 1 {
            format!("{}: {}", self.heading, self.titles.join("; "))
        } else {
            self.heading.clone()
        }
    }
}

/// How every event in view is shown (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotationPlan {
    /// Events with a line or span in view, in time order.
    pub in_view: Vec<usize>,
    pub headlines: Vec<HeadlineLabel>,
    pub badges: Vec<Badge>,
    pub key: Vec<KeyEntry>,
}

impl AnnotationPlan {
    /// Events in view that are neither labelled nor keyed (the goal, and the rule: 0).
    pub fn hidden(&self) -> usize {
        self.in_view
            .iter()
            .filter(|event| {
                !self.headlines.iter().any(|label| label.event == **event)
                    && !self.key.iter().any(|entry| entry.events.contains(event))
            })
            .count()
    }

    /// True when `event` is drawn as a full-height line (a labelled headline).
    pub fn is_headline(&self, event: usize) -> bool {
        self.headlines.iter().any(|label| label.event == event)
    }

    /// The badge `event` is shown by, if any.
    pub fn badge_of(&self, event: usize) -> Option<&Badge> {
        self.badges
            .iter()
            .find(|badge| badge.events.contains(&event))
    }
}

/// Plans the annotations of `events` (headlines are those with `importance` at least
/// [`super::labels::HIGHLIGHT_IMPORTANCE`]) in `scene`.
pub fn plan_annotations(events: &[EventMark], scene: &Scene) -> AnnotationPlan {
    let usable = scene.x_view.0.is_finite()
        && scene.x_view.1.is_finite()
        && scene.x_view.1 > scene.x_view.0
        && !scene.plots.is_empty();
    if !usable {
        return AnnotationPlan::default();
    }
    let mut in_view: Vec<usize> = (0..events.len())
        .filter(|&index| events.get(index).is_some_and(|event| in_view(event, scene)))
        .collect();
    in_view.sort_by(|a, b| x_of(events, *a, scene).total_cmp(&x_of(events, *b, scene)));
    let mut plan = AnnotationPlan {
        in_view: in_view.clone(),
        ..AnnotationPlan::default()
    };
    let mut taken: Vec<PxRect> = Vec::new();
    let mut keyed: Vec<usize> = Vec::new();
    // Headlines first, in time order; each takes the nearest free place.
    for &index in &in_view {
        let Some(event) = events.get(index) else {
            continue;
        };
        if !is_headline(event)
            || !label_if_free(
                events,
                index,
                scene,
                None,
                (&mut taken, &mut plan.headlines),
            )
        {
            keyed.push(index);
        }
    }
    // Then events that stand alone, most important first, while full lines are few:
    // each labelled whole where there is room right beside its line.
    let mut singles: Vec<usize> = clusters(events, &keyed, scene)
        .into_iter()
        .filter(|group| group.len() == 1)
        .flatten()
        .collect();
    singles.sort_by_key(|index| {
        std::cmp::Reverse(events.get(*index).map_or(0, |event| event.importance))
    });
    for index in singles {
        if plan.headlines.len() >= MAX_FULL_LINES {
            break;
        }
        let beside = Some(scene.label_height.max(12.0));
        if label_if_free(
            events,
            index,
            scene,
            beside,
            (&mut taken, &mut plan.headlines),
        ) {
            keyed.retain(|keyed| *keyed != index);
        }
    }
    keyed.sort_by(|a, b| x_of(events, *a, scene).total_cmp(&x_of(events, *b, scene)));
    for (position, group) in clusters(events, &keyed, scene).into_iter().enumerate() {
        let number = position + 1;
        let x = x_of(events, group.first().copied().unwrap_or_default(), scene);
        plan.key.push(key_entry(events, number, &group));
        plan.badges.push(Badge {
            number,
            events: group,
            x,
            bounds: badge_bounds(number, x, scene),
        });
    }
    keep_badges_apart(&mut plan.badges, scene);
    plan
}

/// Badges moved in at the plot's edges could touch their neighbours: push each clear
/// of the one before, then pull back from the right edge.
fn keep_badges_apart(badges: &mut [Badge], scene: &Scene) {
    let plot = scene.plots.first().copied().unwrap_or(scene.canvas);
    let mut least_left = plot.left;
    for badge in badges.iter_mut() {
        let shift = (least_left - badge.bounds.left).max(0.0);
        badge.bounds.left += shift;
        badge.bounds.right += shift;
        least_left = badge.bounds.right + LABEL_GAP_PX;
    }
    let mut most_right = plot.right;
    for badge in badges.iter_mut().rev() {
        let shift = (badge.bounds.right - most_right).max(0.0);
        badge.bounds.left -= shift;
        badge.bounds.right -= shift;
        most_right = badge.bounds.left - LABEL_GAP_PX;
    }
}

/// Most events drawn with a full-height line and a label (headlines first); the rest
/// are ticks on the rail, so that the data stays the subject.
pub const MAX_FULL_LINES: usize = 12;

/// Labels event `index` with its whole title at the nearest free place (no further
/// than `reach` px from its line, if given); true when it found one.
fn label_if_free(
    events: &[EventMark],
    index: usize,
    scene: &Scene,
    reach: Option<f32>,
    (taken, labels): (&mut Vec<PxRect>, &mut Vec<HeadlineLabel>),
) -> bool {
    let Some(event) = events.get(index) else {
        return false;
    };
    let title = whole_title(event);
    let Some((bounds, leader, inside_plot)) =
        place_headline(&title, x_of(events, index, scene), scene, taken, reach)
    else {
        return false;
    };
    taken.push(bounds);
    labels.push(HeadlineLabel {
        event: index,
        text: title,
        bounds,
        leader,
        inside_plot,
    });
    true
}

/// An event's whole title as labels and the key give it, saying when it is planned or
/// postponed (see [`super::certainty::event_label`]).
pub fn whole_title(event: &EventMark) -> String {
    let title = event.title.split_whitespace().collect::<Vec<_>>().join(" ");
    super::certainty::event_label(title, event.status)
}

fn is_headline(event: &EventMark) -> bool {
    event.importance >= super::labels::HIGHLIGHT_IMPORTANCE
}

fn in_view(event: &EventMark, scene: &Scene) -> bool {
    let end = event.end_x.unwrap_or(event.x).max(event.x);
    event.x <= scene.x_view.1 && end >= scene.x_view.0 && event.x.is_finite()
}

/// Where an event's mark is on screen: its line, or the left edge of the view for a
/// span that began before it.
fn x_of(events: &[EventMark], index: usize, scene: &Scene) -> f32 {
    events
        .get(index)
        .map_or(0.0, |event| scene.x_px(event.x.max(scene.x_view.0)))
}

/// Width of a badge with `number` in it.
fn badge_width(number: usize, scene: &Scene) -> f32 {
    ((scene.text_width)(&number.to_string()) + 2.0 * LABEL_PAD_PX).max(scene.rail.height())
}

/// A badge centred on `x` in the rail, kept inside the plot's width.
fn badge_bounds(number: usize, x: f32, scene: &Scene) -> PxRect {
    let width = badge_width(number, scene);
    let plot = scene.plots.first().copied().unwrap_or(scene.canvas);
    let left = (x - width / 2.0).clamp(plot.left, (plot.right - width).max(plot.left));
    PxRect::new(left, scene.rail.top, left + width, scene.rail.bottom)
}

/// Groups of keyed events whose badges would touch: each group starts at an event and
/// takes every later one closer than a badge's width and a gap, so badges of
/// successive groups never overlap.
fn clusters(events: &[EventMark], keyed: &[usize], scene: &Scene) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_x = f32::NEG_INFINITY;
    for &index in keyed {
        let x = x_of(events, index, scene);
        // The widest badge this chart can need, so spacing holds whatever the number.
        let reach = badge_width(keyed.len().max(1), scene) + LABEL_GAP_PX;
        match groups.last_mut() {
            Some(group) if x - group_x < reach => group.push(index),
            _ => {
                groups.push(vec![index]);
                group_x = x;
            }
        }
    }
    groups
}

fn key_entry(events: &[EventMark], number: usize, group: &[usize]) -> KeyEntry {
    let marks: Vec<&EventMark> = group
        .iter()
        .filter_map(|index| events.get(*index))
        .collect();
    let titles: Vec<String> = marks.iter().map(|event| whole_title(event)).collect();
    let heading = if marks.len() > 1 {
        let first = marks.first().map_or(0.0, |event| event.x);
        let last = marks.last().map_or(0.0, |event| event.x);
        format!("{} events, {}", marks.len(), month_range(first, last))
    } else {
        titles.first().cloned().unwrap_or_default()
    };
    KeyEntry {
        number,
        events: group.to_vec(),
        heading,
        titles,
    }
}

/// `Mar–May 2025`, `Dec 2024–Feb 2025`, or `Apr 2025` for one month.
pub fn month_range(first: f64, last: f64) -> String {
    let (Some(from), Some(to)) = (date_from_x(first + 1e-7), date_from_x(last + 1e-7)) else {
        return String::new();
    };
    use chrono::Datelike;
    if from.year() != to.year() {
        format!("{}–{}", from.format("%b %Y"), to.format("%b %Y"))
    } else if from.month() != to.month() {
        format!("{}–{}", from.format("%b"), to.format("%b %Y"))
    } else {
        from.format("%b %Y").to_string()
    }
}

/// Where a headline's label was placed: its box, its leader, inside a plot or not.
type Placement = (PxRect, ([f32; 2], [f32; 2]), bool);

/// The nearest free place for a headline's label at screen x `event_x`: beside its
/// line first, then slid further away step by step; inside a plot (top plot first,
/// from the top down, right of the line before left) within a third of the plot's
/// width, then in the strip above (rows from the bottom up), then further inside; no
/// further than `reach` px when given.
fn place_headline(
    title: &str,
    event_x: f32,
    scene: &Scene,
    taken: &[PxRect],
    reach: Option<f32>,
) -> Option<Placement> {
    let width = (scene.text_width)(title) + 2.0 * LABEL_PAD_PX;
    let height = scene.label_height;
    let step = height.max(12.0);
    let reach = reach.unwrap_or_else(|| {
        scene
            .plots
            .first()
            .map_or(scene.canvas.width(), |plot| plot.width())
    });
    // Inside a plot within a third of its width first (free space there is what a
    // newsroom uses), then the strip, then anywhere inside.
    let near = reach.min(scene.plots.first().map_or(0.0, |plot| plot.width() / 3.0));
    let distances = |from: f32, to: f32| {
        let count = ((to - from) / step).floor().max(-1.0) as i32 + 1;
        (0..count).map(move |n| from + n as f32 * step)
    };
    let size = (width, height);
    distances(0.0, near)
        .find_map(|distance| place_inside(event_x, distance, size, scene, taken))
        .or_else(|| {
            distances(0.0, reach)
                .find_map(|distance| place_in_strip(event_x, distance, size, scene, taken))
        })
        .or_else(|| {
            distances(near + step, reach)
                .find_map(|distance| place_inside(event_x, distance, size, scene, taken))
        })
}

/// True when a label at `bounds` with `leader` is inside `within` and the canvas and
/// clear of every label `taken`, obstacle, marker and data line.
fn is_free(
    bounds: &PxRect,
    leader: ([f32; 2], [f32; 2]),
    within: &PxRect,
    scene: &Scene,
    taken: &[PxRect],
) -> bool {
    within.contains(bounds)
        && scene.canvas.contains(bounds)
        && !taken.iter().any(|other| {
            other.overlaps(bounds, LABEL_GAP_PX) || other.crosses_segment(leader.0, leader.1)
        })
        && !scene
            .obstacles
            .iter()
            .any(|other| other.overlaps(bounds, LABEL_GAP_PX))
        && !scene
            .markers
            .iter()
            .any(|marker| marker.overlaps(bounds, 1.0))
        && !scene
            .segments
            .iter()
            .any(|[a, b]| bounds.crosses_segment(*a, *b))
}

/// A place inside a plot `distance` px beyond the gap beside the line, with a
/// horizontal leader from the line to the box.
fn place_inside(
    event_x: f32,
    distance: f32,
    (width, height): (f32, f32),
    scene: &Scene,
    taken: &[PxRect],
) -> Option<Placement> {
    for plot in &scene.plots {
        let inner = PxRect::new(
            plot.left + 2.0,
            plot.top + 2.0,
            plot.right - 2.0,
            plot.bottom - 2.0,
        );
        let mut top = inner.top;
        while top + height <= inner.bottom {
            let middle = top + height / 2.0;
            for left in [
                event_x + LEADER_GAP_PX + distance,
                event_x - LEADER_GAP_PX - distance - width,
            ] {
                let bounds = PxRect::new(left, top, left + width, top + height);
                let edge = if left > event_x { left } else { left + width };
                let leader = ([edge, middle], [event_x, middle]);
                if is_free(&bounds, leader, &inner, scene, taken) {
                    return Some((bounds, leader, true));
                }
            }
            top += height / 2.0;
        }
    }
    None
}

/// A place in the strip above the plots, the box's nearest point `distance` px from
/// the line (right or left), rows from the bottom up; the leader runs from the box's
/// bottom edge down to the rail. A leader may pass behind a lower label (drawn first,
/// it is covered where they cross), so only the boxes must stay apart.
fn place_in_strip(
    event_x: f32,
    distance: f32,
    (width, height): (f32, f32),
    scene: &Scene,
    taken: &[PxRect],
) -> Option<Placement> {
    let strip = scene.strip;
    let mut bottom = strip.bottom;
    while bottom - height >= strip.top - 0.01 {
        let top = bottom - height;
        let lefts = if distance == 0.0 {
            // Over the line: starting at it, or ending at it.
            vec![event_x - 1.0, event_x + 1.0 - width]
        } else {
            vec![event_x + distance, event_x - distance - width]
        };
        for left in lefts {
            // Kept inside the strip: a title wider than either side of its line sits
            // over it (the leader runs straight down).
            let left = left.clamp(strip.left, (strip.right - width).max(strip.left));
            let bounds = PxRect::new(left, top, left + width, bottom);
            let anchor_x = event_x.clamp(left + 1.0, left + width - 1.0);
            let inside_box = ([anchor_x, top + 1.0], [anchor_x, top + 1.0]);
            if is_free(&bounds, inside_box, &strip, scene, taken) {
                return Some((bounds, ([anchor_x, bottom], [event_x, strip.bottom]), false));
            }
        }
        bottom = top;
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests;
