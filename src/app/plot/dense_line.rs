//! A dense line as one plot item: the thinned points of a line with more points than
//! pixels, drawn as a band spanning each pixel column's lowest and highest value
//! (what egui_plot's own band rendering draws), without the per-point passes of its
//! general line item.

use eframe::egui::{self, Color32, Pos2, Rangef, Shape, Stroke, Ui};
use egui::epaint::{BandPoint, BandShape};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use crate::chart::decimate;

/// Points closer than this in x (screen pixels) share one column of the band.
const COLUMN_WIDTH_PX: f32 = 1.0;

/// A solid line whose points (sorted by x, already thinned to a few per pixel
/// column) are drawn as a band from each column's lowest to highest value, widened
/// by the line's width; drawn as a plain line where no two points share a column.
pub struct DenseLine {
    base: PlotItemBase,
    points: Vec<[f64; 2]>,
    colour: Color32,
    width: f32,
    bounds: PlotBounds,
}

impl DenseLine {
    /// The line named `name` (the legend entry it shares with the series' other
    /// items) through `points`, sorted by x.
    pub fn new(name: String, points: Vec<[f64; 2]>, colour: Color32, width: f32) -> Self {
        let bounds = bounds_of(&points);
        Self {
            base: PlotItemBase::new(name),
            points,
            colour,
            width,
            bounds,
        }
    }
}

/// The smallest bounds holding every finite point.
fn bounds_of(points: &[[f64; 2]]) -> PlotBounds {
    let mut bounds = PlotBounds::NOTHING;
    for point in points {
        if point[0].is_finite() && point[1].is_finite() {
            bounds.extend_with(&PlotPoint::new(point[0], point[1]));
        }
    }
    bounds
}

/// The band of screen points `positions` (sorted by x): one sample per pixel column
/// spanning the column's lowest and highest point, each column at its first point's x
/// (the first and last samples at the line's own ends).
pub fn column_band(positions: &[Pos2]) -> Vec<BandPoint> {
    let mut band: Vec<BandPoint> = Vec::with_capacity(positions.len());
    for &position in positions {
        match band.last_mut() {
            Some(column)
                if column.is_finite()
                    && position.is_finite()
                    && position.x >= column.x
                    && position.x - column.x <= COLUMN_WIDTH_PX =>
            {
                column.y = Rangef::new(column.y.min.min(position.y), column.y.max.max(position.y));
            }
            _ => band.push(BandPoint::new(position.x, position.y..=position.y)),
        }
    }
    // Centre each inner column in its pixel; keep the line's right end where it is.
    for column in band.iter_mut().skip(1) {
        column.x += 0.5 * COLUMN_WIDTH_PX;
    }
    if let (Some(column), Some(last)) = (band.last_mut(), positions.last()) {
        column.x = last.x;
    }
    band
}

impl PlotItem for DenseLine {
    fn shapes(&self, _ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let bounds = transform.bounds();
        // The points in view plus one beyond each edge: the line runs on to the edge.
        let visible = decimate::visible_slice(&self.points, (bounds.min()[0], bounds.max()[0]));
        // The plot's transform is linear: one multiply-add per coordinate.
        let (left, top) = (bounds.min()[0], bounds.min()[1]);
        let origin = transform.position_from_point(&PlotPoint::new(left, top));
        let [per_x, per_y] = transform.dpos_dvalue();
        let positions: Vec<Pos2> = visible
            .iter()
            .map(|point| {
                Pos2::new(
                    origin.x + ((point[0] - left) * per_x) as f32,
                    origin.y + ((point[1] - top) * per_y) as f32,
                )
            })
            .collect();
        let width = if self.highlighted() {
            self.width * 2.0
        } else {
            self.width
        };
        let mut band = column_band(&positions);
        if band.len() > 1 && band.len() < positions.len() {
            for column in &mut band {
                let centre = column.y.center();
                let half = 0.5 * (column.y.span() + width);
                column.y = Rangef::new(centre - half, centre + half);
            }
            shapes.push(BandShape::filled(band, self.colour).into());
        } else if positions.len() > 1 {
            shapes.push(Shape::line(positions, Stroke::new(width, self.colour)));
        }
    }

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.colour
    }

    /// The window's own readout reports values under the pointer.
    fn allow_hover(&self) -> bool {
        false
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        self.bounds
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_spans_its_lowest_and_highest_point() {
        let positions = [
            Pos2::new(10.0, 50.0),
            Pos2::new(10.2, 20.0),
            Pos2::new(10.5, 80.0),
            Pos2::new(10.9, 40.0),
            Pos2::new(12.0, 60.0),
        ];
        let band = column_band(&positions);
        assert_eq!(band.len(), 2);
        assert_eq!(band[0].x, 10.0);
        assert_eq!((band[0].y.min, band[0].y.max), (20.0, 80.0));
        // The last column sits at the line's end.
        assert_eq!(band[1].x, 12.0);
        assert_eq!((band[1].y.min, band[1].y.max), (60.0, 60.0));
    }

    #[test]
    fn points_apart_by_more_than_a_pixel_keep_a_column_each() {
        let positions: Vec<Pos2> = (0..5)
            .map(|index| Pos2::new(index as f32 * 3.0, index as f32))
            .collect();
        assert_eq!(column_band(&positions).len(), positions.len());
    }

    /// What `line` draws with `transform`.
    fn shapes_of(line: &DenseLine, transform: &PlotTransform) -> Vec<Shape> {
        let mut shapes = Vec::new();
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            line.shapes(ui, transform, &mut shapes);
        });
        output.textures_delta.clear();
        shapes
    }

    /// The band drawn for `raw` (thinned as the window thins it) in a plot
    /// `columns` pixels wide showing x 0–1000, and the transform used.
    fn drawn_band(raw: &[[f64; 2]], columns: usize) -> (Vec<BandPoint>, PlotTransform) {
        let thinned = decimate::decimate(raw, (0.0, 1000.0), columns);
        assert!(thinned.len() < raw.len() / 10, "the window thins the line");
        let line = DenseLine::new("line".into(), thinned, Color32::RED, 2.0);
        let frame =
            egui::Rect::from_min_size(Pos2::new(50.0, 20.0), egui::vec2(columns as f32, 300.0));
        let transform = PlotTransform::new(
            frame,
            PlotBounds::from_min_max([0.0, -60.0], [1000.0, 60.0]),
            false,
        );
        let shapes = shapes_of(&line, &transform);
        let [Shape::Band(band)] = shapes.as_slice() else {
            panic!("expected one band, found {shapes:?}");
        };
        (band.points.clone(), transform)
    }

    #[test]
    fn the_band_spans_exactly_the_lowest_and_highest_value_of_each_pixel_column() {
        // 200,000 points of a random walk across 500 pixel columns.
        let mut state: u64 = 7;
        let mut value = 0.0;
        let raw: Vec<[f64; 2]> = (0..200_000)
            .map(|index| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                value += ((state >> 33) as f64 / (1u64 << 31) as f64) - 0.5;
                [f64::from(index) * 0.005, value.clamp(-50.0, 50.0)]
            })
            .collect();
        let (band, transform) = drawn_band(&raw, 500);
        let half_width = 1.0;
        // Per pixel column of the frame, the data's lowest and highest point on screen.
        let mut columns: Vec<Option<(f32, f32)>> = vec![None; 501];
        for point in &raw {
            let position = transform.position_from_point(&PlotPoint::new(point[0], point[1]));
            let column = (position.x - 50.0).floor() as usize;
            let extremes = columns[column].get_or_insert((position.y, position.y));
            *extremes = (extremes.0.min(position.y), extremes.1.max(position.y));
        }
        // Every band column reaches exactly the extremes of the data under it: its top
        // and bottom are data values of the pixels it covers, and together the band
        // columns over a pixel reach that pixel's top and bottom.
        let near = |x: f32, column: usize| (x - 50.0 - column as f32).abs() <= 1.5;
        for (column, extremes) in columns.iter().enumerate() {
            let Some((low, high)) = *extremes else {
                continue;
            };
            let over: Vec<&BandPoint> = band.iter().filter(|point| near(point.x, column)).collect();
            let drawn_low = over
                .iter()
                .map(|point| point.y.min + half_width)
                .fold(f32::MAX, f32::min);
            let drawn_high = over
                .iter()
                .map(|point| point.y.max - half_width)
                .fold(f32::MIN, f32::max);
            assert!(
                drawn_low <= low + 1e-3,
                "column {column}: drawn top {drawn_low} below the data's {low}"
            );
            assert!(
                drawn_high >= high - 1e-3,
                "column {column}: drawn bottom {drawn_high} above the data's {high}"
            );
        }
        for point in &band {
            let under = (0..=500).filter(|&column| near(point.x, column));
            let (low, high) = under
                .filter_map(|column| columns[column])
                .fold((f32::MAX, f32::MIN), |(low, high), (l, h)| {
                    (low.min(l), high.max(h))
                });
            assert!(
                point.y.min + half_width >= low - 1e-3 && point.y.max - half_width <= high + 1e-3
            );
        }
    }

    #[test]
    fn zoomed_in_past_the_data_every_point_is_drawn() {
        let raw: Vec<[f64; 2]> = (0..50)
            .map(|index| [f64::from(index) * 20.0, f64::from(index % 7)])
            .collect();
        let line = DenseLine::new("line".into(), raw.clone(), Color32::RED, 2.0);
        let frame = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1000.0, 300.0));
        let transform = PlotTransform::new(
            frame,
            PlotBounds::from_min_max([0.0, 0.0], [1000.0, 10.0]),
            false,
        );
        let shapes = shapes_of(&line, &transform);
        let [Shape::Path(path)] = shapes.as_slice() else {
            panic!("expected one line, found {shapes:?}");
        };
        assert_eq!(path.points.len(), raw.len());
        for (drawn, point) in path.points.iter().zip(&raw) {
            let expected = transform.position_from_point(&PlotPoint::new(point[0], point[1]));
            assert!((drawn.x - expected.x).abs() < 1e-3 && (drawn.y - expected.y).abs() < 1e-3);
        }
    }

    #[test]
    fn bounds_hold_every_finite_point() {
        let bounds = bounds_of(&[[2.0, -1.0], [f64::NAN, 100.0], [5.0, 3.0]]);
        assert_eq!(bounds.min(), [2.0, -1.0]);
        assert_eq!(bounds.max(), [5.0, 3.0]);
    }
}
