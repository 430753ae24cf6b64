//! The event lines of one plot as one plot item: each event a vertical line across
//! the plot, solid or dashed, drawn as one mesh of pixel-aligned rectangles.
//!
//! egui_plot's own vertical line gives each dash its own anti-aliased shape: with
//! forty-odd events in each of two plots that was half of the first frame's
//! triangles, and a software renderer (Mesa's, in a VM or over remote desktop) pays
//! for every one. A vertical line on whole pixels needs no anti-aliasing: two
//! triangles a dash.

use std::ops::RangeInclusive;

use eframe::egui::{self, Color32, Mesh, Rect, Shape, Ui};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotTransform};

/// A dash and the gap after it, in points (egui_plot's loose dashes).
const DASH: f32 = 10.0;
const GAP: f32 = DASH * (std::f32::consts::GOLDEN_RATIO - 1.0);

/// One event's line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventLine {
    /// Where it stands on the time axis.
    pub x: f64,
    pub colour: Color32,
    /// Width in points (rounded to whole pixels when drawn, at least one).
    pub width: f32,
    pub dashed: bool,
}

/// The event lines of a plot, drawn in order (a later line over an earlier one).
pub struct EventLines {
    base: PlotItemBase,
    lines: Vec<EventLine>,
}

impl EventLines {
    pub fn new(lines: Vec<EventLine>) -> Self {
        Self {
            base: PlotItemBase::new(String::new()),
            lines,
        }
    }
}

/// The rectangles that draw `line` in a plot whose frame spans `top..=bottom` (screen
/// points, y down) at `x_screen`, on a screen of `pixels_per_point`: one for a solid
/// line, one per dash (from the bottom up, the last cut at the top) for a dashed one.
/// Left and right edges lie on whole pixels.
pub fn line_rects(
    line: &EventLine,
    x_screen: f32,
    (top, bottom): (f32, f32),
    pixels_per_point: f32,
) -> Vec<Rect> {
    let width_px = (line.width * pixels_per_point).round().max(1.0);
    let left = ((x_screen * pixels_per_point) - width_px / 2.0).round() / pixels_per_point;
    let right = left + width_px / pixels_per_point;
    let x = egui::Rangef::new(left, right);
    if !line.dashed {
        return vec![Rect::from_x_y_ranges(x, top..=bottom)];
    }
    let mut rects = Vec::new();
    let mut start = bottom;
    while start > top {
        let end = (start - DASH).max(top);
        rects.push(Rect::from_x_y_ranges(x, end..=start));
        start = end - GAP;
    }
    rects
}

impl PlotItem for EventLines {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let frame = *transform.frame();
        let pixels_per_point = ui.ctx().pixels_per_point();
        let mut mesh = Mesh::default();
        for line in &self.lines {
            let x_screen = transform.position_from_point_x(line.x);
            if !(frame.left() - line.width..=frame.right() + line.width).contains(&x_screen) {
                continue;
            }
            for rect in line_rects(
                line,
                x_screen,
                (frame.top(), frame.bottom()),
                pixels_per_point,
            ) {
                mesh.add_colored_rect(rect, line.colour);
            }
        }
        if !mesh.is_empty() {
            shapes.push(Shape::mesh(mesh));
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.lines
            .first()
            .map_or(Color32::TRANSPARENT, |line| line.colour)
    }

    /// Events are found under the pointer by the window itself (`hovered_event`).
    fn allow_hover(&self) -> bool {
        false
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    /// The time axis takes in every event, as egui_plot's own vertical lines do.
    fn bounds(&self) -> PlotBounds {
        let mut bounds = PlotBounds::NOTHING;
        for line in &self.lines {
            bounds.extend_with_x(line.x);
        }
        bounds
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

    fn line(width: f32, dashed: bool) -> EventLine {
        EventLine {
            x: 0.0,
            colour: Color32::RED,
            width,
            dashed,
        }
    }

    #[test]
    fn a_solid_line_is_one_rectangle_on_whole_pixels() {
        let rects = line_rects(&line(1.0, false), 100.3, (10.0, 200.0), 1.0);
        assert_eq!(
            rects,
            vec![Rect::from_min_max(
                (100.0, 10.0).into(),
                (101.0, 200.0).into()
            )]
        );
        // Twice the pixels: the same line two pixels wide, still on whole pixels.
        let rects = line_rects(&line(1.0, false), 100.3, (10.0, 200.0), 2.0);
        assert_eq!(rects[0].width(), 1.0);
        assert_eq!(rects[0].left() * 2.0, (rects[0].left() * 2.0).round());
    }

    #[test]
    fn wider_lines_stay_centred_on_their_time() {
        for width in [2.5, 3.0] {
            let rect = line_rects(&line(width, false), 100.0, (0.0, 50.0), 1.0)[0];
            assert_eq!(rect.width(), width.round());
            assert!((rect.center().x - 100.0).abs() <= 0.5, "{width}: {rect:?}");
        }
        // Never thinner than a pixel.
        let rect = line_rects(&line(0.2, false), 100.0, (0.0, 50.0), 1.0)[0];
        assert_eq!(rect.width(), 1.0);
    }

    #[test]
    fn dashes_run_from_the_bottom_to_the_top_and_no_further() {
        let rects = line_rects(&line(1.0, true), 50.0, (0.0, 100.0), 1.0);
        // 100 points of 10-point dashes with 6.18-point gaps: 7 dashes, the last cut.
        assert_eq!(rects.len(), 7);
        assert_eq!(rects[0].bottom(), 100.0);
        assert_eq!(rects[0].height(), DASH);
        let gap = rects[0].top() - rects[1].bottom();
        assert!((gap - GAP).abs() < 1e-4, "{gap}");
        let last = rects[rects.len() - 1];
        assert_eq!(last.top(), 0.0);
        assert!(last.height() <= DASH);
        assert!(
            rects
                .iter()
                .all(|rect| rect.top() >= 0.0 && rect.bottom() <= 100.0)
        );
    }
}
