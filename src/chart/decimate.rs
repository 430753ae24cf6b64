//! Level of detail for dense lines: the points of a line worth drawing at a given
//! width in pixels — per pixel column the first, lowest, highest and last point —
//! shared by the window (through [`LodCache`]) and the SVG/PNG export.
//!
//! A line drawn through those points covers exactly the pixels the full line covers
//! (within each column it reaches the same top and bottom, and it enters and leaves
//! the column at the same points), so nothing the eye could see is lost, while a
//! million points become a few thousand. When the data is coarser than the pixels
//! every original point is kept.

use super::{Line, Run};

/// Columns hold more than this many points on average before a line is thinned:
/// below it, drawing every point costs little and is exact.
pub const MAX_POINTS_PER_COLUMN: f64 = 4.0;

/// The points of `points` (sorted by x, as a line's segments are) that lie in `view`
/// plus one beyond each edge, so a line runs on to the plot's edge where it is
/// clipped. A piece crossing the whole view without a point inside gives its two
/// ends. Found by binary search: the cost does not grow with the points outside.
pub fn visible_slice(points: &[[f64; 2]], view: (f64, f64)) -> &[[f64; 2]] {
    let first_inside = points.partition_point(|point| point[0] < view.0);
    let after_last = points.partition_point(|point| point[0] <= view.1);
    let start = first_inside.saturating_sub(1);
    let end = (after_last + 1).min(points.len());
    if start >= end {
        return &[];
    }
    points.get(start..end).unwrap_or(&[])
}

/// The points of `points` (sorted by x) worth drawing across `view` at `columns`
/// pixel columns: every visible point when there are at most
/// [`MAX_POINTS_PER_COLUMN`] per column, else per column the first, lowest, highest
/// and last point in their order. Includes one point beyond each edge of the view.
pub fn decimate(points: &[[f64; 2]], view: (f64, f64), columns: usize) -> Vec<[f64; 2]> {
    let visible = visible_slice(points, view);
    if (visible.len() as f64) <= columns as f64 * MAX_POINTS_PER_COLUMN {
        return visible.to_vec();
    }
    per_column_extremes(visible, view, columns)
}

/// First, lowest, highest and last point of every pixel column of `view`, in order
/// (points left or right of the view each form a column of their own).
pub fn per_column_extremes(points: &[[f64; 2]], view: (f64, f64), columns: usize) -> Vec<[f64; 2]> {
    let span = view.1 - view.0;
    if columns == 0 || span.is_nan() || span <= 0.0 {
        return points.to_vec();
    }
    let column_of = |x: f64| column_of(x, view, columns);
    let mut drawn = Vec::with_capacity(columns * 4 + 8);
    let mut start = 0;
    while start < points.len() {
        let Some(first) = points.get(start) else {
            break;
        };
        let column = column_of(first[0]);
        let mut end = start + 1;
        while points
            .get(end)
            .is_some_and(|point| column_of(point[0]) == column)
        {
            end += 1;
        }
        push_extremes(points.get(start..end).unwrap_or(&[]), &mut drawn);
        start = end;
    }
    drawn
}

/// The pixel column of `x` in `view` drawn `columns` wide: -1 left of it, `columns`
/// right of it.
pub fn column_of(x: f64, view: (f64, f64), columns: usize) -> i64 {
    let per_x = columns as f64 / (view.1 - view.0);
    // Saturating float → integer: far outside the view is still outside.
    let column = ((x - view.0) * per_x).floor() as i64;
    column.clamp(-1, columns as i64)
}

/// Appends the first, lowest, highest and last point of one column, in their order,
/// each once.
fn push_extremes(column: &[[f64; 2]], drawn: &mut Vec<[f64; 2]>) {
    let Some(last) = column.len().checked_sub(1) else {
        return;
    };
    let (mut low, mut high) = (0, 0);
    for (index, point) in column.iter().enumerate() {
        if column.get(low).is_some_and(|best| point[1] < best[1]) {
            low = index;
        }
        if column.get(high).is_some_and(|best| point[1] > best[1]) {
            high = index;
        }
    }
    let mut keep = [0, low, high, last];
    keep.sort_unstable();
    let mut previous = None;
    for index in keep {
        if previous != Some(index)
            && let Some(point) = column.get(index)
        {
            drawn.push(*point);
        }
        previous = Some(index);
    }
}

/// One run of a line as a range of one of its segments, not a copy: what
/// [`Line::runs`] returns, without copying a million points every frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunSpan {
    pub segment: usize,
    pub start: usize,
    /// One past the last point.
    pub end: usize,
    pub dashed: bool,
}

impl RunSpan {
    /// The points of this run in `line`.
    pub fn points<'a>(&self, line: &'a Line) -> &'a [[f64; 2]] {
        line.segments
            .get(self.segment)
            .and_then(|segment| segment.get(self.start..self.end))
            .unwrap_or(&[])
    }
}

/// The runs of `line` as [`Line::runs`] cuts them (same order, points and styles),
/// as ranges of its segments.
pub fn run_spans(line: &Line) -> Vec<RunSpan> {
    let mut spans = Vec::new();
    for (segment, points) in line.segments.iter().enumerate() {
        let whole = RunSpan {
            segment,
            start: 0,
            end: points.len(),
            dashed: false,
        };
        let flags = line
            .dashed
            .get(segment)
            .filter(|flags| flags.len() + 1 == points.len());
        let Some(flags) = flags.filter(|_| points.len() >= 2) else {
            spans.push(whole);
            continue;
        };
        let mut start = 0;
        for edge in 1..=flags.len() {
            if edge == flags.len() || flags.get(edge) != flags.get(start) {
                spans.push(RunSpan {
                    segment,
                    start,
                    end: edge + 1,
                    dashed: flags.get(start).copied().unwrap_or(false),
                });
                start = edge;
            }
        }
    }
    spans
}

/// A line's runs thinned for one view, kept while the view stays inside the range
/// they were made for at the same zoom: panning within it costs nothing, and a new
/// zoom level (or a pan beyond) recomputes them from the line's own points.
///
/// While the view is moving (each call a new view), a zoom of less than
/// [`MOVING_ZOOM_TOLERANCE`] either way keeps the runs made for the previous zoom (a
/// column of theirs is then between half a pixel and two pixels wide); as soon as the
/// view holds still (a call with the same view as the last), they are made again for
/// it exactly. A pan/zoom gesture so costs about what a still view costs.
#[derive(Clone, Debug, Default)]
pub struct LodCache {
    key: Option<LodKey>,
    runs: Vec<Run>,
    spans: Vec<RunSpan>,
    /// The view of the last call.
    last_view: Option<(f64, f64)>,
    /// The runs of the last call were made for its zoom (not kept from another).
    exact: bool,
}

/// How far (as a factor either way) the zoom may move from the cached one while the
/// view is moving before the runs are recomputed.
pub const MOVING_ZOOM_TOLERANCE: f64 = 2.0;

/// What a cached level of detail was made for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LodKey {
    /// Identifies the line's data: where its points are, how many, the first and last.
    data: (usize, usize, [f64; 2], [f64; 2]),
    /// The range of x the thinned runs cover (wider than the view it was made for).
    covered: (f64, f64),
    /// The width of one pixel column in x.
    column_width: f64,
    /// The view's width in pixels.
    columns: usize,
}

/// Views this many widths wide to either side of the visible one are covered, so a
/// pan does not recompute at every frame.
const MARGIN_VIEWS: f64 = 1.0;

impl LodCache {
    /// False when the last [`LodCache::runs`] kept runs made for another zoom while
    /// the view moved: draw once more (with the same view) to have them exact.
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// The runs of `line` to draw for `view` across `columns` pixels: from the cache
    /// when it covers the view at the same column width, else thinned anew. The
    /// second value is true when they were recomputed this call.
    pub fn runs(&mut self, line: &Line, view: (f64, f64), columns: usize) -> (&[Run], bool) {
        let data = data_key(line);
        let span = view.1 - view.0;
        let usable = span.is_finite() && span > 0.0 && columns > 0;
        let column_width = if usable { span / columns as f64 } else { 0.0 };
        let moving = self.last_view != Some(view);
        self.last_view = Some(view);
        let hit = self.key.is_some_and(|key| {
            let ratio = key.column_width / column_width;
            let close_zoom =
                moving && (1.0 / MOVING_ZOOM_TOLERANCE..=MOVING_ZOOM_TOLERANCE).contains(&ratio);
            key.data == data
                && key.columns == columns
                && (same_width(key.column_width, column_width) || close_zoom)
                && key.covered.0 <= view.0
                && key.covered.1 >= view.1
        });
        if hit {
            self.exact = self
                .key
                .is_some_and(|key| same_width(key.column_width, column_width));
            return (&self.runs, false);
        }
        self.exact = true;
        if self.key.is_none_or(|key| key.data != data) {
            self.spans = run_spans(line);
        }
        let (covered, wide_columns) = if usable {
            let margin = span * MARGIN_VIEWS;
            let wide = columns as f64 * (1.0 + 2.0 * MARGIN_VIEWS);
            ((view.0 - margin, view.1 + margin), wide.round() as usize)
        } else {
            ((f64::NEG_INFINITY, f64::INFINITY), 0)
        };
        self.runs = self
            .spans
            .iter()
            .map(|span| {
                let points = span.points(line);
                Run {
                    points: if usable {
                        decimate(points, covered, wide_columns)
                    } else {
                        points.to_vec()
                    },
                    dashed: span.dashed,
                }
            })
            .collect();
        self.key = Some(LodKey {
            data,
            covered,
            column_width,
            columns,
        });
        (&self.runs, true)
    }
}

/// Column widths equal up to rounding (the same zoom seen from a panned view).
fn same_width(a: f64, b: f64) -> bool {
    (a - b).abs() <= a.abs().max(b.abs()) * 1e-9
}

fn data_key(line: &Line) -> (usize, usize, [f64; 2], [f64; 2]) {
    let count = line.segments.iter().map(Vec::len).sum();
    let first = line
        .segments
        .first()
        .and_then(|segment| segment.first())
        .copied()
        .unwrap_or_default();
    let last = line
        .segments
        .last()
        .and_then(|segment| segment.last())
        .copied()
        .unwrap_or_default();
    let address = line.segments.as_ptr() as usize;
    (address, count, first, last)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    /// A jagged line: `count` points over [0, 1), values from a fixed pseudo-random walk.
    fn jagged(count: usize) -> Vec<[f64; 2]> {
        let mut state: u64 = 0x2018_0706;
        let mut value = 0.0;
        (0..count)
            .map(|index| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                value += ((state >> 33) as f64 / (1u64 << 31) as f64) - 0.5;
                [index as f64 / count as f64, value]
            })
            .collect()
    }

    /// (min, max) of y per column, over the points given.
    fn envelope(points: &[[f64; 2]], view: (f64, f64), columns: usize) -> Vec<(i64, f64, f64)> {
        let mut found: Vec<(i64, f64, f64)> = Vec::new();
        for point in points {
            let c = column_of(point[0], view, columns);
            match found.last_mut() {
                Some(last) if last.0 == c => {
                    last.1 = last.1.min(point[1]);
                    last.2 = last.2.max(point[1]);
                }
                _ => found.push((c, point[1], point[1])),
            }
        }
        found
    }

    #[test]
    fn each_columns_drawn_min_and_max_equal_the_datas() {
        let points = jagged(100_000);
        let view = (0.1, 0.7);
        let drawn = decimate(&points, view, 800);
        assert!(drawn.len() <= 800 * 4 + 8, "{}", drawn.len());
        let visible = visible_slice(&points, view);
        assert_eq!(envelope(&drawn, view, 800), envelope(visible, view, 800));
        // First and last point of each column are kept, so the line enters and
        // leaves every column where the full line does.
        assert_eq!(drawn.first(), visible.first());
        assert_eq!(drawn.last(), visible.last());
        assert!(drawn.windows(2).all(|pair| pair[0][0] <= pair[1][0]));
    }

    #[test]
    fn zoomed_in_every_original_point_is_drawn() {
        let points = jagged(100_000);
        // 0.001 of the x range holds 100 points: fewer than the 800 pixels.
        let view = (0.5, 0.501);
        let drawn = decimate(&points, view, 800);
        let expected: Vec<[f64; 2]> = points
            .iter()
            .copied()
            .filter(|point| point[0] >= 0.5 && point[0] <= 0.501)
            .collect();
        assert_eq!(drawn.get(1..drawn.len() - 1).unwrap(), expected.as_slice());
        // One point beyond each edge, so the line reaches the plot's edges.
        assert!(drawn[0][0] < 0.5 && drawn[drawn.len() - 1][0] > 0.501);
    }

    #[test]
    fn the_visible_slice_reaches_one_beyond_each_edge() {
        let points: Vec<[f64; 2]> = (0..10).map(|i| [f64::from(i), 0.0]).collect();
        let slice = visible_slice(&points, (2.5, 5.5));
        assert_eq!(slice.first().unwrap()[0], 2.0);
        assert_eq!(slice.last().unwrap()[0], 6.0);
        assert!(visible_slice(&points, (20.0, 30.0)).len() <= 1);
        let jump = [[1.0, 0.0], [5.0, 0.0]];
        assert_eq!(visible_slice(&jump, (2.0, 3.0)).len(), 2);
        assert!(visible_slice(&[], (0.0, 1.0)).is_empty());
    }

    #[test]
    fn degenerate_views_never_panic() {
        let points = jagged(1000);
        for view in [
            (0.5, 0.5),
            (0.7, 0.2),
            (f64::NAN, 1.0),
            (f64::NEG_INFINITY, f64::INFINITY),
        ] {
            let _ = decimate(&points, view, 100);
            let _ = decimate(&points, view, 0);
        }
    }

    #[test]
    fn run_spans_cut_a_line_as_runs_does() {
        use crate::chart::{Chart, ChartOptions};
        use crate::data::{Dataset, Period, Point, Series, Status, Unit};
        let points = (2000..2030)
            .map(|year| {
                let mut point = Point::new(Period::Year(year), Some(f64::from(year % 7)));
                if year % 9 == 0 {
                    point.set_status(Status::Estimated);
                }
                if year == 2015 {
                    point.set_value(None);
                }
                point
            })
            .collect();
        let dataset = Dataset {
            series: vec![Series {
                name: "a".into(),
                unit: Unit::parse("%"),
                step: false,
                source: None,
                points,
            }],
            ..Dataset::default()
        };
        let chart = Chart::build(&dataset, &ChartOptions::default());
        let line = &chart.panels[0].lines[0];
        let runs = line.runs();
        let spans = run_spans(line);
        assert!(runs.len() > 2, "{runs:?}");
        assert_eq!(runs.len(), spans.len());
        for (run, span) in runs.iter().zip(&spans) {
            assert_eq!(run.points.as_slice(), span.points(line));
            assert_eq!(run.dashed, span.dashed);
        }
    }

    #[test]
    fn the_cache_is_reused_while_panning_and_recomputed_on_zoom() {
        use crate::chart::{Line, Rgb};
        let line = Line {
            name: "a".into(),
            series_index: 0,
            colour: Rgb(0, 0, 0),
            step: false,
            segments: vec![jagged(200_000)],
            dashed: Vec::new(),
            markers: Vec::new(),
        };
        let mut cache = LodCache::default();
        let (_, fresh) = cache.runs(&line, (0.4, 0.5), 1000);
        assert!(fresh);
        let (_, fresh) = cache.runs(&line, (0.42, 0.52), 1000);
        assert!(!fresh, "a pan inside the covered range reuses the cache");
        // A small zoom while moving keeps the runs; holding still remakes them.
        let (_, fresh) = cache.runs(&line, (0.43, 0.51), 1000);
        assert!(!fresh, "a small zoom while the view moves reuses the cache");
        assert!(!cache.is_exact());
        let (_, fresh) = cache.runs(&line, (0.43, 0.51), 1000);
        assert!(fresh, "the same view again is drawn exactly");
        assert!(cache.is_exact());
        let (runs, fresh) = cache.runs(&line, (0.45, 0.46), 1000);
        assert!(fresh, "a zoom recomputes");
        // Zoomed to 2,000 points over 1,000 px: every point in view is there.
        let in_view = line.segments[0]
            .iter()
            .filter(|point| point[0] >= 0.45 && point[0] <= 0.46)
            .count();
        let drawn_in_view = runs[0]
            .points
            .iter()
            .filter(|point| point[0] >= 0.45 && point[0] <= 0.46)
            .count();
        assert_eq!(in_view, drawn_in_view);
    }
}
