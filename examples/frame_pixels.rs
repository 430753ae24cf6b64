//! What one frame of the window asks the GPU to cover: the app on the default dataset
//! (or the file given) at a size, tessellated as eframe would, with each triangle
//! clipped to its clip rectangle and its area summed. Where drawing is done on the CPU
//! (a VM, a remote desktop, Xvfb: Mesa's llvmpipe) a frame costs what its covered
//! pixels and triangles cost, so this says where a repainting window's time goes.
//!
//! `cargo run --example frame_pixels -- [WIDTH HEIGHT [FILE]]` (default 1920 1080):
//! prints the triangles by kind of shape (a rounded rectangle, a line segment, a text
//! of so many glyphs), the covered pixels as a multiple of the window, the triangles,
//! and the largest covered areas by colour and clip rectangle.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a measuring tool fails loudly"
)]

use std::collections::HashMap;

use eframe::egui;
use eframe::epaint::{ClippedPrimitive, Primitive, Vertex};
use tradechart::app::TradeChartApp;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let width: f32 = args.first().map_or(1920.0, |text| text.parse().unwrap());
    let height: f32 = args.get(1).map_or(1080.0, |text| text.parse().unwrap());
    let dataset = match args.get(2) {
        Some(path) => {
            tradechart::data::LoadRequest::path(std::path::Path::new(path))
                .load()
                .unwrap()
                .dataset
        }
        None => tradechart::data::samples::DEFAULT.dataset().unwrap(),
    };
    let mut app = TradeChartApp::new(dataset, None);
    let mut frame = eframe::Frame::_new_kittest();
    let ctx = egui::Context::default();
    // As the native window does: the window is cleared to the panel colour, so the
    // central panel has no fill of its own, and text is unhinted.
    tradechart::app::prepare_window_context(&ctx);
    let mut primitives = Vec::new();
    for index in 0..8 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(width, height),
            )),
            time: Some(f64::from(index) / 60.0),
            // The window's glyph atlas (app::startup::FONT_ATLAS_SIDE).
            max_texture_side: Some(tradechart::app::FONT_ATLAS_SIDE),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            eframe::App::logic(&mut app, ui.ctx(), &mut frame);
            eframe::App::ui(&mut app, ui, &mut frame);
        });
        for (id, deltas) in &output.textures_delta.set {
            for delta in deltas {
                let [w, h] = delta.image.size();
                println!(
                    "frame {index}: texture {id:?} {} {w}×{h}",
                    if delta.pos.is_some() {
                        "patch"
                    } else {
                        "whole"
                    }
                );
            }
        }
        output.textures_delta.clear();
        if index == 7 {
            report_shapes(&ctx, &output.shapes, output.pixels_per_point);
        }
        primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    }
    report(&primitives, width * height);
}

/// Prints the triangles each kind of shape tessellates into. A software renderer
/// shades blocks of 4×4 pixels, so a thin anti-aliased band costs several times its
/// area: the triangles say where those bands are (README "Performance").
fn report_shapes(
    ctx: &egui::Context,
    shapes: &[egui::epaint::ClippedShape],
    pixels_per_point: f32,
) {
    let mut by_kind: HashMap<String, (usize, usize)> = HashMap::new();
    let mut flat = Vec::new();
    for clipped in shapes {
        let mut inner = Vec::new();
        flatten(&clipped.shape, &mut inner);
        flat.extend(inner.into_iter().map(|shape| {
            let mut one = clipped.clone();
            one.shape = shape;
            one
        }));
    }
    for one in flat {
        let kind = shape_kind(&one.shape);
        let primitives = ctx.tessellate(vec![one], pixels_per_point);
        let triangles: usize = primitives
            .iter()
            .map(|primitive| match &primitive.primitive {
                Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                Primitive::Callback(_) => 0,
            })
            .sum();
        let entry = by_kind.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += triangles;
    }
    let total: usize = by_kind.values().map(|(_, triangles)| triangles).sum();
    println!("triangles by kind of shape ({total} in all):");
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|(_, (_, triangles))| std::cmp::Reverse(*triangles));
    for (kind, (shapes, triangles)) in kinds {
        println!("{triangles:>7} triangles  {shapes:>5} × {kind}");
    }
}

/// The shapes inside `shape`'s vectors.
fn flatten(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
    match shape {
        egui::Shape::Vec(shapes) => {
            for inner in shapes {
                flatten(inner, out);
            }
        }
        other => out.push(other.clone()),
    }
}

/// A shape's variant, with what changes its triangle count (rounding, stroke, width).
fn shape_kind(shape: &egui::Shape) -> String {
    match shape {
        egui::Shape::Rect(rect) => format!(
            "rect{}{}{}",
            if rect.corner_radius == egui::CornerRadius::ZERO {
                ""
            } else {
                " rounded"
            },
            if rect.fill.a() > 0 { " filled" } else { "" },
            if rect.stroke.is_empty() {
                ""
            } else {
                " stroked"
            },
        ),
        egui::Shape::Text(text) => format!(
            "text ({} glyphs)",
            text.galley
                .rows
                .iter()
                .map(|row| row.glyphs.len())
                .sum::<usize>()
        ),
        egui::Shape::Path(path) => format!("path{}", if path.closed { " closed" } else { "" }),
        egui::Shape::Circle(circle) => format!(
            "circle{}{}",
            if circle.fill.a() > 0 { " filled" } else { "" },
            if circle.stroke.is_empty() {
                ""
            } else {
                " stroked"
            },
        ),
        egui::Shape::LineSegment { points, stroke } => format!(
            "line segment {}, {} px",
            if points[0].x == points[1].x {
                "vertical"
            } else if points[0].y == points[1].y {
                "horizontal"
            } else {
                "slanted"
            },
            stroke.width
        ),
        egui::Shape::Ellipse(_) => "ellipse".to_string(),
        egui::Shape::Mesh(_) => "mesh".to_string(),
        egui::Shape::Noop => "noop".to_string(),
        other => format!("{other:?}").chars().take(20).collect(),
    }
}

/// Prints the totals and the largest areas.
fn report(primitives: &[ClippedPrimitive], window: f32) {
    let mut total = 0.0;
    let mut triangles = 0usize;
    let mut by_kind: HashMap<String, (f32, usize, egui::Rect)> = HashMap::new();
    for primitive in primitives {
        let Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        let clip = primitive.clip_rect;
        for triangle in mesh.indices.chunks_exact(3) {
            let corners = [0, 1, 2].map(|corner| mesh.vertices[triangle[corner] as usize]);
            let area = clipped_area(&corners, clip);
            triangles += 1;
            total += area;
            let colour = corners[0].color;
            let text = if mesh.texture_id == egui::TextureId::default()
                && corners.iter().any(|vertex| vertex.uv != corners[0].uv)
            {
                "glyphs"
            } else {
                "solid"
            };
            let key = format!(
                "{text} rgba({},{},{},{}) clip {:.0},{:.0}–{:.0},{:.0}",
                colour.r(),
                colour.g(),
                colour.b(),
                colour.a(),
                clip.min.x,
                clip.min.y,
                clip.max.x,
                clip.max.y
            );
            let entry = by_kind.entry(key).or_insert((0.0, 0, egui::Rect::NOTHING));
            entry.0 += area;
            entry.1 += 1;
            if area > 0.0 {
                for vertex in corners {
                    entry.2.extend_with(vertex.pos.clamp(clip.min, clip.max));
                }
            }
        }
    }
    println!(
        "covered {:.0} px = {:.2} × the window; {triangles} triangles",
        total,
        total / window
    );
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    for (key, (area, count, bounds)) in kinds.iter().take(25) {
        println!(
            "{:>6.3} × window  {count:>6} triangles  {key}  drawn {:.0},{:.0}–{:.0},{:.0}",
            area / window,
            bounds.min.x,
            bounds.min.y,
            bounds.max.x,
            bounds.max.y
        );
    }
}

/// The area of a triangle inside `clip` (Sutherland–Hodgman against its four edges).
fn clipped_area(corners: &[Vertex; 3], clip: egui::Rect) -> f32 {
    let mut polygon: Vec<egui::Pos2> = corners.iter().map(|vertex| vertex.pos).collect();
    // How far inside each edge of the clip rectangle a point is.
    let edges: [fn(egui::Pos2, egui::Rect) -> f32; 4] = [
        |p, r| p.x - r.min.x,
        |p, r| r.max.x - p.x,
        |p, r| p.y - r.min.y,
        |p, r| r.max.y - p.y,
    ];
    for inside in edges {
        let mut next = Vec::with_capacity(polygon.len() + 2);
        for index in 0..polygon.len() {
            let a = polygon[index];
            let b = polygon[(index + 1) % polygon.len()];
            let (da, db) = (inside(a, clip), inside(b, clip));
            if da >= 0.0 {
                next.push(a);
            }
            if (da >= 0.0) != (db >= 0.0) {
                let t = da / (da - db);
                next.push(a + (b - a) * t);
            }
        }
        polygon = next;
        if polygon.len() < 3 {
            return 0.0;
        }
    }
    let mut twice = 0.0;
    for index in 0..polygon.len() {
        let a = polygon[index];
        let b = polygon[(index + 1) % polygon.len()];
        twice += a.x * b.y - b.x * a.y;
    }
    (twice / 2.0).abs()
}
