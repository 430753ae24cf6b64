//! Direct labels: each series' name at the last point of its line, an alternative to
//! the legend. Where two lines end close together their labels are nudged apart
//! vertically so they never overlap. Pure layout in screen units, shared by the window
//! and the SVG export.

use super::{Panel, Rgb};

/// Where a line ends in view: the anchor of its direct label.
#[derive(Clone, Debug, PartialEq)]
pub struct LineEnd {
    /// Index of the line in its panel.
    pub line: usize,
    pub name: String,
    pub colour: Rgb,
    /// The last point of the line at or before the right edge of the view, in chart
    /// coordinates (fractional years, the panel's y).
    pub point: [f64; 2],
}

/// The end of every line of `panel` within the time range `view`: its last point at or
/// before the view's right edge, or where it crosses that edge when it runs on beyond
/// it; lines that end before the view starts have none.
pub fn line_ends(panel: &Panel, view: (f64, f64)) -> Vec<LineEnd> {
    panel
        .lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let point = line
                .segments
                .iter()
                .filter_map(|segment| segment_end(segment, view.1))
                .max_by(|a, b| a[0].total_cmp(&b[0]))?;
            (point[0] >= view.0).then(|| LineEnd {
                line: index,
                name: line.name.clone(),
                colour: line.colour,
                point,
            })
        })
        .collect()
}

/// The last point of a polyline at or before `right`: where it crosses `right`, or its
/// last point left of it.
fn segment_end(segment: &[[f64; 2]], right: f64) -> Option<[f64; 2]> {
    let finite = |point: &&[f64; 2]| point[0].is_finite() && point[1].is_finite();
    let mut last = None;
    for pair in segment.windows(2) {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        if !(finite(&a) && finite(&b)) {
            continue;
        }
        if a[0] <= right && b[0] > right {
            let share = (right - a[0]) / (b[0] - a[0]);
            return Some([right, a[1] + (b[1] - a[1]) * share]);
        }
        if b[0] <= right {
            last = Some(*b);
        }
    }
    last.or_else(|| {
        segment
            .first()
            .filter(|point| finite(point) && point[0] <= right)
            .copied()
    })
}

/// Vertical positions for labels that would sit at `wanted` (screen units, growing
/// downwards), each `height` tall, so that no two overlap and all stay within
/// `top..=bottom` when they fit: labels keep their order and move as little as the
/// crowding needs. Returns one position per wanted one, in the same order.
pub fn spread_labels(wanted: &[f64], height: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (wanted.get(*a), wanted.get(*b));
        a.zip(b)
            .map_or(std::cmp::Ordering::Equal, |(a, b)| a.total_cmp(b))
    });
    let half = height / 2.0;
    let sorted: Vec<f64> = order
        .iter()
        .map(|index| {
            wanted
                .get(*index)
                .copied()
                .filter(|y| y.is_finite())
                .unwrap_or(top)
                .clamp(top + half, (bottom - half).max(top + half))
        })
        .collect();
    let placed = settle(&sorted, height, top + half, bottom - half);
    let mut out = vec![0.0; wanted.len()];
    for (position, index) in order.iter().enumerate() {
        if let (Some(slot), Some(y)) = (out.get_mut(*index), placed.get(position)) {
            *slot = *y;
        }
    }
    out
}

/// Sorted centres pushed apart to at least `gap`: down from the top, then back up from
/// the bottom; when they cannot fit they are stacked from `low`.
fn settle(sorted: &[f64], gap: f64, low: f64, high: f64) -> Vec<f64> {
    let mut placed: Vec<f64> = Vec::with_capacity(sorted.len());
    for y in sorted {
        let y = placed.last().map_or(*y, |previous| y.max(previous + gap));
        placed.push(y);
    }
    let mut limit = high;
    for y in placed.iter_mut().rev() {
        *y = y.min(limit);
        limit = *y - gap;
    }
    if placed.first().is_some_and(|first| *first < low) {
        // Too many to fit: stack them from the top, overflowing the bottom.
        for (index, y) in placed.iter_mut().enumerate() {
            *y = low + gap * index as f64;
        }
    }
    placed
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn no_overlap(positions: &[f64], height: f64) -> bool {
        let mut sorted = positions.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted
            .windows(2)
            .all(|pair| pair[1] - pair[0] >= height - 1e-9)
    }

    #[test]
    fn a_line_running_past_the_view_ends_where_it_crosses_the_edge() {
        let segment = [[2018.0, 10.0], [2019.0, 20.0], [2020.0, 40.0]];
        assert_eq!(segment_end(&segment, 2019.5), Some([2019.5, 30.0]));
        assert_eq!(segment_end(&segment, 2021.0), Some([2020.0, 40.0]));
        assert_eq!(segment_end(&segment, 2017.0), None);
        assert_eq!(segment_end(&[[2018.0, 5.0]], 2019.0), Some([2018.0, 5.0]));
    }

    #[test]
    fn labels_far_apart_stay_where_their_lines_end() {
        assert_eq!(
            spread_labels(&[50.0, 10.0, 90.0], 10.0, 0.0, 100.0),
            [50.0, 10.0, 90.0]
        );
    }

    #[test]
    fn crowded_labels_are_nudged_apart_keeping_their_order() {
        let wanted = [40.0, 42.0, 41.0, 43.0];
        let placed = spread_labels(&wanted, 12.0, 0.0, 200.0);
        assert!(no_overlap(&placed, 12.0), "{placed:?}");
        // Order kept: the label of the line ending highest stays highest.
        assert!(placed[0] < placed[2] && placed[2] < placed[1] && placed[1] < placed[3]);
    }

    #[test]
    fn labels_at_the_bottom_edge_are_pushed_back_inside() {
        let placed = spread_labels(&[99.0, 100.0, 98.0], 10.0, 0.0, 100.0);
        assert!(no_overlap(&placed, 10.0), "{placed:?}");
        assert!(placed.iter().all(|y| *y <= 95.0 && *y >= 5.0), "{placed:?}");
    }

    #[test]
    fn too_many_labels_still_never_overlap() {
        let wanted = vec![50.0; 20];
        let placed = spread_labels(&wanted, 10.0, 0.0, 100.0);
        assert!(no_overlap(&placed, 10.0), "{placed:?}");
        assert!(spread_labels(&[], 10.0, 0.0, 100.0).is_empty());
        let odd = spread_labels(&[f64::NAN, 20.0], 10.0, 0.0, 100.0);
        assert!(no_overlap(&odd, 10.0), "{odd:?}");
    }
}
