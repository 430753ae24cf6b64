//! The chart as an SVG document: real vector paths (one `<path>` per unbroken run of
//! a line), circles for markers, and real `<text>` for every word, drawn from the
//! [`Chart`] description as laid out by [`Layout`].
//!
//! Elements carry classes and `data-` attributes so that tests and scripts can find
//! them: `g.panel[data-unit]`, `g.series[data-name]` holding `path.segment` and
//! `circle.marker`, `line.event-line[data-title]`, `rect.event-span`,
//! `g.event-labels[data-hidden]` (drawn events neither labelled nor keyed),
//! `g.event-label[data-title]` (its box the first `rect`), `g.event-badge` and
//! `g.event-cluster[data-count]` on the rail, `g.event-key-item[data-title]` per key
//! entry, `text.tick`, `text.axis-title`, `g.legend-item`, `text.title`,
//! `text.source`, and the full sources in `<metadata>`. Only presentation attributes are used (no CSS), so
//! every viewer, and the rasteriser, draws the same.

use std::fmt::Write as _;

use crate::chart::annotations::{BADGE_CORNER_PX, HeadlineLabel, LABEL_PAD_PX};
use crate::chart::end_labels::{LineEnd, line_ends, spread_labels};
use crate::chart::labels::HIGHLIGHT_IMPORTANCE;
use crate::chart::{Chart, EventMark, Line, Panel, Rgb};
use crate::data::Status;

use super::layout::{
    DIRECT_LABEL_GAP_PX, KEY_MARK_PX, KeyItem, KeyMark, LEGEND_SAMPLE_PX, Layout, PanelLayout,
    drawn_points,
};
use super::text::{FONT_FAMILY_LIST, text_width};
use super::{Page, annotate};
use crate::chart::View;

/// Draws `chart` as `view` shows it (range, hidden series, event filter, look) on a
/// page of `page.width` × `page.height` pixels.
pub fn chart_svg(chart: &Chart, view: &View, page: &Page) -> String {
    let chart = view.filtered(chart);
    let layout = Layout::new(&chart, view, page);
    SvgWriter::new(&chart, &layout, page).write()
}

/// Text for XML content and attribute values: `& < > " '` escaped and characters XML
/// does not allow (most control characters) left out.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // A line break inside an attribute would be read back as a space anyway.
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A number as SVG coordinates write it: two decimals at most, no `-0`.
fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_string(),
        other => other.to_string(),
    }
}

/// `textLength` for a text measured with the embedded font: a viewer that sets it in
/// another font squeezes or stretches it to the same width, so laid-out texts never
/// run into each other.
fn fitted(text: &str, size: f64) -> String {
    let width = text_width(text, size);
    if width <= 0.0 {
        return String::new();
    }
    format!(
        r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#,
        num(width)
    )
}

fn hex(colour: Rgb) -> String {
    colour.to_hex_string()
}

struct SvgWriter<'a> {
    chart: &'a Chart,
    layout: &'a Layout,
    page: &'a Page,
    out: String,
}

/// The attribute that clips a group to the plot of panel `position`, when `needed`
/// (nothing otherwise: see `SvgWriter::panel`).
fn clip_attribute(position: usize, needed: bool) -> String {
    if needed {
        format!(r#" clip-path="url(#plot-clip-{position})""#)
    } else {
        String::new()
    }
}

impl<'a> SvgWriter<'a> {
    fn new(chart: &'a Chart, layout: &'a Layout, page: &'a Page) -> Self {
        Self {
            chart,
            layout,
            page,
            out: String::with_capacity(64 * 1024),
        }
    }

    fn write(mut self) -> String {
        self.open_document();
        self.defs();
        self.background();
        self.title();
        for (position, panel_layout) in self.layout.panels.iter().enumerate() {
            if let Some(panel) = self.chart.panels.get(panel_layout.panel) {
                self.panel(position, panel, panel_layout);
            }
        }
        self.x_axis();
        self.event_rail();
        self.event_labels();
        self.key();
        self.event_key();
        self.source();
        self.out.push_str("</svg>\n");
        self.out
    }

    fn open_document(&mut self) {
        let layout = self.layout;
        let title = layout
            .title
            .as_ref()
            .map_or_else(|| self.chart.title.clone(), |title| title.text.clone());
        // The alt text: the chart in words, then what the picture leaves out.
        let desc_parts: Vec<String> = self
            .page
            .description
            .iter()
            .cloned()
            .chain(hidden_summary(layout))
            .collect();
        let desc = (!desc_parts.is_empty()).then(|| desc_parts.join("\n"));
        let labelled_by = if desc.is_some() {
            "chart-title chart-desc"
        } else {
            "chart-title"
        };
        let _ = writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            self.out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{font}" class="tradechart theme-{theme}" data-theme="{theme}" data-x-from="{from}" data-x-to="{to}" data-hidden-labels="{hidden}" role="img" aria-labelledby="{labelled_by}">"#,
            w = self.page.width,
            h = self.page.height,
            font = FONT_FAMILY_LIST,
            theme = layout.theme.name(),
            from = layout.x_view.0,
            to = layout.x_view.1,
            hidden = layout.annotations.hidden(),
        );
        let _ = writeln!(
            self.out,
            "<title id=\"chart-title\">{}</title>",
            escape_xml(&title)
        );
        if let Some(desc) = &desc {
            let _ = writeln!(
                self.out,
                "<desc id=\"chart-desc\">{}</desc>",
                escape_xml(desc)
            );
        }
        // The full provenance: the source line under the chart prints only names.
        if !self.page.sources.is_empty() {
            self.out.push_str("<metadata class=\"sources\">");
            for source in &self.page.sources {
                let _ = write!(self.out, "<source>{}</source>", escape_xml(source));
            }
            self.out.push_str("</metadata>\n");
        }
    }

    /// One clip rectangle per plot, a little taller than the plot so markers on its
    /// top and bottom edges are drawn whole.
    fn defs(&mut self) {
        self.out.push_str("<defs>\n");
        let overhang = 5.0 * self.layout.scale;
        for (position, panel) in self.layout.panels.iter().enumerate() {
            let _ = writeln!(
                self.out,
                r#"<clipPath id="plot-clip-{position}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
                num(self.layout.plot_left),
                num(panel.top - overhang),
                num(self.layout.plot_right - self.layout.plot_left),
                num(panel.bottom - panel.top + 2.0 * overhang),
            );
        }
        self.out.push_str("</defs>\n");
    }

    fn background(&mut self) {
        let _ = writeln!(
            self.out,
            r#"<rect class="background" x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
            self.page.width,
            self.page.height,
            hex(self.layout.colours.background)
        );
    }

    fn title(&mut self) {
        let Some(title) = &self.layout.title else {
            return;
        };
        let colour = hex(self.layout.colours.text);
        // A hair of stroke gives the light face the weight of a heading.
        let _ = writeln!(
            self.out,
            r#"<text class="title" x="{}" y="{}" font-size="{}" fill="{colour}" stroke="{colour}" stroke-width="{}"{}>{}</text>"#,
            num(title.x),
            num(title.baseline),
            num(self.layout.fonts.title),
            num(0.45 * self.layout.scale),
            fitted(&title.text, self.layout.fonts.title),
            escape_xml(&title.text)
        );
    }

    fn panel(&mut self, position: usize, panel: &Panel, panel_layout: &PanelLayout) {
        let _ = writeln!(
            self.out,
            r#"<g class="panel" id="panel-{position}" data-unit="{}" data-axis-title="{}">"#,
            escape_xml(panel.unit.as_str()),
            escape_xml(&panel.axis_title)
        );
        self.grid(panel_layout);
        self.events_in_panel(position, panel_layout);
        self.y_axis(panel_layout);
        // One group for all the lines, clipped only when something in it reaches
        // outside the plot: a renderer (resvg) draws each clipped group on a layer and
        // a mask of its own, a seventh of a PNG render of the default chart, and a clip
        // per line cost two full-size images per line (README "Performance").
        let clip = clip_attribute(position, !self.lines_inside_plot(panel, panel_layout));
        let _ = writeln!(self.out, r#"<g class="lines"{clip}>"#);
        for (line_index, markers) in panel_layout.lines.iter().zip(&panel_layout.markers) {
            if let Some(line) = panel.lines.get(*line_index) {
                self.series(line, panel, panel_layout, *markers);
            }
        }
        self.out.push_str("</g>\n");
        self.legend(panel, panel_layout);
        self.direct_labels(panel, panel_layout);
        self.out.push_str("</g>\n");
    }

    /// With direct labels: each drawn line's name right of its last point in view,
    /// nudged apart so that none overlap (`text.direct-label[data-name]`).
    fn direct_labels(&mut self, panel: &Panel, panel_layout: &PanelLayout) {
        if !self.chart.direct_labels {
            return;
        }
        let layout = self.layout;
        let ends: Vec<LineEnd> = line_ends(panel, layout.x_view)
            .into_iter()
            .filter(|end| panel_layout.lines.contains(&end.line))
            .collect();
        let wanted: Vec<f64> = ends
            .iter()
            .map(|end| panel_layout.y_px(end.point[1]))
            .collect();
        let size = layout.fonts.legend;
        let placed = spread_labels(&wanted, size * 1.25, panel_layout.top, panel_layout.bottom);
        for (end, y) in ends.iter().zip(placed) {
            let _ = writeln!(
                self.out,
                r#"<text class="direct-label" data-name="{name}" x="{}" y="{}" font-size="{}" fill="{}" dominant-baseline="central"{}>{name}</text>"#,
                num(layout.x_px(end.point[0]) + DIRECT_LABEL_GAP_PX * layout.scale),
                num(y),
                num(size),
                hex(end.colour),
                fitted(&end.name, size),
                name = escape_xml(&end.name),
            );
        }
    }

    /// Grid lines at every tick, the zero line, and the axis line at the bottom.
    fn grid(&mut self, panel: &PanelLayout) {
        let layout = self.layout;
        let grid = hex(layout.colours.grid);
        let width = num(layout.scale);
        self.out.push_str(r#"<g class="grid">"#);
        for tick in &panel.y_ticks {
            let _ = write!(
                self.out,
                r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{grid}" stroke-width="{width}"/>"#,
                num(layout.plot_left),
                num(layout.plot_right),
                y = num(tick.px),
            );
        }
        for tick in &layout.x_ticks {
            let x = num(layout.x_px(tick.value));
            let _ = write!(
                self.out,
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{grid}" stroke-width="{width}"/>"#,
                num(panel.top),
                num(panel.bottom),
            );
        }
        self.out.push_str("</g>\n");
        let axis = hex(layout.colours.axis);
        let _ = writeln!(
            self.out,
            r#"<line class="axis-line" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{axis}" stroke-width="{width}"/>"#,
            num(layout.plot_left),
            num(layout.plot_right),
            y = num(panel.bottom),
        );
        if panel.zero_line {
            let _ = writeln!(
                self.out,
                r#"<line class="zero-line" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="{}"/>"#,
                num(layout.plot_left),
                num(layout.plot_right),
                hex(layout.colours.zero_line),
                num(1.2 * layout.scale),
                y = num(panel.y_px(0.0)),
            );
        }
    }

    /// Spans first (behind), then the event lines; dashed for events not reported.
    fn events_in_panel(&mut self, position: usize, panel: &PanelLayout) {
        let layout = self.layout;
        let events: Vec<(usize, &EventMark)> = layout
            .events_in_view
            .iter()
            .filter_map(|index| Some((*index, self.chart.events.get(*index)?)))
            .collect();
        if events.is_empty() {
            return;
        }
        // Clipped only when an event reaches outside the time range shown (see
        // `panel`).
        let inside = |x: f64| (layout.x_view.0..=layout.x_view.1).contains(&x);
        let all_inside = events.iter().all(|(_, event)| {
            inside(event.x)
                && event.end_x.is_none_or(inside)
                && crate::chart::certainty::bracket(event)
                    .is_none_or(|(announced, effective)| inside(announced) && inside(effective))
        });
        let clip = clip_attribute(position, !all_inside);
        let _ = writeln!(self.out, r#"<g class="events"{clip}>"#);
        let (top, bottom) = (panel.top, panel.bottom);
        for (_, event) in &events {
            if let Some(end) = event.end_x {
                let (left, right) = (layout.x_px(event.x), layout.x_px(end));
                let _ = writeln!(
                    self.out,
                    r#"<rect class="event-span" data-title="{}" x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.13"/>"#,
                    escape_xml(&event.title),
                    num(left),
                    num(top),
                    num((right - left).max(0.0)),
                    num(bottom - top),
                    hex(event.colour),
                );
            }
        }
        // Announced → effective: a bracket along the top with a tick at each end.
        for (index, event) in &events {
            let Some((announced, effective)) = crate::chart::certainty::bracket(event) else {
                continue;
            };
            let (left, right) = (layout.x_px(announced), layout.x_px(effective));
            let (y, tick) = (top + 3.0 * layout.scale, 7.0 * layout.scale);
            let _ = writeln!(
                self.out,
                r#"<path class="event-bracket" data-event="{index}" data-title="{}" d="M{l},{y2}L{l},{y}L{r},{y}L{r},{y2}" fill="none" stroke="{}" stroke-width="{}"/>"#,
                escape_xml(&event.title),
                hex(event.colour),
                num(1.5 * layout.scale),
                l = num(left),
                r = num(right),
                y = num(y),
                y2 = num(y + tick),
            );
        }
        // Full-height lines for the labelled events and headlines: the others are ticks
        // on the rail.
        for (index, event) in &events {
            if event.importance < HIGHLIGHT_IMPORTANCE && !layout.annotations.is_headline(*index) {
                continue;
            }
            let x = num(layout.x_px(event.x));
            let dash = if event.status == Status::Reported {
                String::new()
            } else {
                format!(
                    r#" stroke-dasharray="{} {}""#,
                    num(4.0 * layout.scale),
                    num(3.0 * layout.scale)
                )
            };
            let _ = writeln!(
                self.out,
                r#"<line class="event-line" data-event="{index}" data-title="{}" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="{}" stroke-opacity="0.85"{dash}><title>{}</title></line>"#,
                escape_xml(&event.title),
                num(top),
                num(bottom),
                hex(event.colour),
                num(layout.scale),
                escape_xml(&event_mark_title(event)),
            );
        }
        self.out.push_str("</g>\n");
    }

    fn y_axis(&mut self, panel: &PanelLayout) {
        let layout = self.layout;
        let muted = hex(layout.colours.muted_text);
        let _ = writeln!(self.out, r#"<g class="y-axis">"#);
        let x = num(layout.plot_left - 6.0 * layout.scale);
        for tick in &panel.y_ticks {
            let _ = writeln!(
                self.out,
                r#"<text class="tick y-tick" x="{x}" y="{}" font-size="{}" fill="{muted}" text-anchor="end" dominant-baseline="central">{}</text>"#,
                num(tick.px),
                num(layout.fonts.tick),
                escape_xml(&tick.text)
            );
        }
        let title = &panel.axis_title;
        let _ = writeln!(
            self.out,
            r#"<text class="axis-title" x="{x}" y="{y}" transform="rotate(-90 {x} {y})" font-size="{}" fill="{}" text-anchor="middle" dominant-baseline="central">{}</text>"#,
            num(layout.fonts.axis_title),
            hex(layout.colours.text),
            escape_xml(&title.text),
            x = num(title.x),
            y = num(title.baseline),
        );
        self.out.push_str("</g>\n");
    }

    /// True when nothing the panel's lines group draws reaches outside its clip
    /// rectangle ([`Self::defs`]), so that the group needs no clip: every point and
    /// marker of the lines drawn inside the time range shown, at least a marker and a
    /// stroke's width from its ends, and inside the value range shown (the clip reaches
    /// a marker's width above and below the plot); period bars are cut to the time range
    /// as they are drawn.
    fn lines_inside_plot(&self, panel: &Panel, panel_layout: &PanelLayout) -> bool {
        let layout = self.layout;
        let (start, end) = layout.x_view;
        let px_per_x = (layout.plot_right - layout.plot_left) / (end - start);
        if !(px_per_x.is_finite() && px_per_x > 0.0) {
            return false;
        }
        let margin = 4.0 * layout.scale / px_per_x;
        let (low, high) = panel_layout.y_view;
        let inside =
            |x: f64, y: f64| x >= start + margin && x <= end - margin && y >= low && y <= high;
        panel_layout
            .lines
            .iter()
            .filter_map(|index| panel.lines.get(*index))
            .all(|line| {
                line.segments
                    .iter()
                    .flatten()
                    .all(|point| inside(point[0], point[1]))
                    && line.markers.iter().all(|marker| inside(marker.x, marker.y))
                    && (!self.chart.period_bars
                        || line
                            .period_bars()
                            .iter()
                            .all(|(.., y, _)| *y >= low && *y <= high))
            })
    }

    /// A series: its segments as paths, then its markers (hollow when not reported).
    fn series(&mut self, line: &Line, panel: &Panel, panel_layout: &PanelLayout, markers: bool) {
        let layout = self.layout;
        let colour = hex(line.colour);
        let _ = writeln!(
            self.out,
            r#"<g class="series" data-name="{}" data-unit="{}" data-step="{}">"#,
            escape_xml(&line.name),
            escape_xml(panel.unit.as_str()),
            line.step
        );
        let _ = writeln!(
            self.out,
            "<title>{} ({})</title>",
            escape_xml(&line.name),
            escape_xml(&panel.axis_title)
        );
        // Solid runs for facts, dashed into and out of estimates and partial periods.
        for run in line.runs() {
            let points = drawn_points(layout, panel_layout, &run.points);
            if points.is_empty() {
                continue;
            }
            let mut d = String::with_capacity(points.len() * 16);
            for (index, point) in points.iter().enumerate() {
                let command = if index == 0 { 'M' } else { 'L' };
                let _ = write!(d, "{command}{},{}", num(point[0]), num(point[1]));
            }
            let (class, dash) = if run.dashed {
                (
                    "segment dashed",
                    format!(
                        r#" stroke-dasharray="{} {}""#,
                        num(5.0 * layout.scale),
                        num(3.0 * layout.scale)
                    ),
                )
            } else {
                ("segment", String::new())
            };
            let _ = writeln!(
                self.out,
                r#"<path class="{class}" d="{d}" fill="none" stroke="{colour}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"{dash}/>"#,
                num(2.0 * layout.scale)
            );
        }
        if self.chart.period_bars {
            self.period_bars(line, panel_layout);
        }
        if markers {
            let radius = num(3.0 * layout.scale);
            let background = hex(layout.colours.background);
            for marker in &line.markers {
                if marker.x < layout.x_view.0 || marker.x > layout.x_view.1 {
                    continue;
                }
                let (class, fill) = if marker.is_hollow() {
                    ("marker hollow", background.clone())
                } else {
                    ("marker", colour.clone())
                };
                // A hollow marker says why in a tooltip (viewers show `<title>`).
                let (close, status) = if marker.is_hollow() {
                    let why = [Some(marker.period_text()), marker.certainty_text()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    (
                        format!("><title>{}</title></circle>", escape_xml(&why)),
                        format!(r#" data-status="{}""#, marker.status.label()),
                    )
                } else {
                    ("/>".to_string(), String::new())
                };
                let coverage = marker.coverage.map_or_else(String::new, |coverage| {
                    format!(r#" data-coverage="{coverage}""#)
                });
                let _ = writeln!(
                    self.out,
                    r#"<circle class="{class}" data-period="{}"{status}{coverage} cx="{}" cy="{}" r="{radius}" fill="{fill}" stroke="{colour}" stroke-width="{}"{close}"#,
                    marker.period,
                    num(layout.x_px(marker.x)),
                    num(panel_layout.y_px(marker.y)),
                    num(1.5 * layout.scale),
                );
            }
        }
        self.out.push_str("</g>\n");
    }

    /// Each value as a bar across the time it covers (`path.period-bar`), dashed when
    /// it is an estimate or covers only part of its period.
    fn period_bars(&mut self, line: &Line, panel_layout: &PanelLayout) {
        let layout = self.layout;
        let (view_start, view_end) = layout.x_view;
        for (start, end, y, hollow) in line.period_bars() {
            if end < view_start || start > view_end {
                continue;
            }
            let (left, right) = (
                layout.x_px(start.max(view_start)),
                layout.x_px(end.min(view_end)),
            );
            let dash = if hollow {
                format!(
                    r#" stroke-dasharray="{} {}""#,
                    num(4.0 * layout.scale),
                    num(2.0 * layout.scale)
                )
            } else {
                String::new()
            };
            let y = num(panel_layout.y_px(y));
            let _ = writeln!(
                self.out,
                r#"<path class="period-bar" d="M{},{y}L{},{y}" stroke="{}" stroke-opacity="0.8" stroke-width="{}"{dash}/>"#,
                num(left),
                num(right),
                hex(line.colour),
                num(4.0 * layout.scale),
            );
        }
    }

    fn legend(&mut self, panel: &Panel, panel_layout: &PanelLayout) {
        let layout = self.layout;
        let scale = layout.scale;
        self.out.push_str("<g class=\"legend\">\n");
        for item in &panel_layout.legend {
            let Some(line) = panel.lines.get(item.line) else {
                continue;
            };
            let colour = hex(line.colour);
            let sample = LEGEND_SAMPLE_PX * scale;
            let y = num(item.middle);
            let _ = writeln!(
                self.out,
                r#"<g class="legend-item" data-name="{name}"><line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="{}" stroke-linecap="round"/><circle cx="{}" cy="{y}" r="{}" fill="{colour}"/><text x="{}" y="{y}" font-size="{}" fill="{}" dominant-baseline="central"{}>{name}</text></g>"#,
                num(item.x),
                num(item.x + sample),
                num(2.0 * scale),
                num(item.x + sample / 2.0),
                num(3.0 * scale),
                num(item.x + sample + 6.0 * scale),
                num(layout.fonts.legend),
                hex(layout.colours.text),
                fitted(&line.name, layout.fonts.legend),
                name = escape_xml(&line.name),
            );
        }
        self.out.push_str("</g>\n");
    }

    fn x_axis(&mut self) {
        let layout = self.layout;
        let Some((_, bottom)) = layout.plots_span() else {
            return;
        };
        let muted = hex(layout.colours.muted_text);
        let axis = hex(layout.colours.axis);
        self.out.push_str("<g class=\"x-axis\">\n");
        for tick in &layout.x_ticks {
            let x = num(layout.x_px(tick.value));
            let _ = writeln!(
                self.out,
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{axis}" stroke-width="{}"/><text class="tick x-tick" x="{}" y="{}" font-size="{}" fill="{muted}" text-anchor="middle">{}</text>"#,
                num(bottom),
                num(bottom + 4.0 * layout.scale),
                num(layout.scale),
                num(tick.px),
                num(layout.x_tick_baseline),
                num(layout.fonts.tick),
                escape_xml(&tick.text)
            );
        }
        self.out.push_str("</g>\n");
    }

    /// The rail along the top plot's top: a tick per quiet event and a numbered badge
    /// per event or cluster (`g.event-badge`, `g.event-cluster[data-count]`), whose
    /// `<title>` lists what it stands for.
    fn event_rail(&mut self) {
        let layout = self.layout;
        let plan = &layout.annotations;
        if plan.badges.is_empty() {
            return;
        }
        let scale = layout.scale;
        let plot_top = layout.rail.1;
        self.out.push_str("<g class=\"event-rail\">\n");
        for badge in &plan.badges {
            let class = if badge.is_cluster() {
                "event-cluster"
            } else {
                "event-badge"
            };
            let key_text = plan
                .key
                .iter()
                .find(|entry| entry.number == badge.number)
                .map(|entry| entry.text())
                .unwrap_or_default();
            let _ = write!(
                self.out,
                r#"<g class="{class}" data-number="{}" data-count="{}"><title>{}</title>"#,
                badge.number,
                badge.events.len(),
                escape_xml(&format!("{}  {key_text}", badge.number)),
            );
            for index in &badge.events {
                let Some(event) = self.chart.events.get(*index) else {
                    continue;
                };
                let x = num(layout.x_px(event.x.max(layout.x_view.0)));
                let _ = write!(
                    self.out,
                    r#"<line class="event-tick" data-event="{index}" data-title="{}" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    escape_xml(&event.title),
                    num(f64::from(badge.bounds.bottom)),
                    num(plot_top + 5.0 * scale),
                    hex(event.colour),
                    num(1.5 * scale),
                );
            }
            let colour = self.group_colour(&badge.events);
            self.badge(
                f64::from(badge.bounds.left),
                f64::from(badge.bounds.top),
                f64::from(badge.bounds.width()),
                badge.number,
                colour,
            );
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
    }

    /// The colour of a badge or key entry: its first event's.
    fn group_colour(&self, events: &[usize]) -> Rgb {
        events
            .first()
            .and_then(|index| self.chart.events.get(*index))
            .map_or(self.layout.colours.muted_text, |event| event.colour)
    }

    /// A number in a nearly square box of the event's colour, as in the window.
    fn badge(&mut self, left: f64, top: f64, width: f64, number: usize, colour: Rgb) {
        let layout = self.layout;
        let height = layout.fonts.label * 1.6 - 2.0 * layout.scale;
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}"/><text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="middle" dominant-baseline="central">{number}</text>"#,
            num(left),
            num(top + layout.scale),
            num(width),
            num(height),
            num(f64::from(BADGE_CORNER_PX) * layout.scale),
            hex(colour),
            num(left + width / 2.0),
            num(top + layout.scale + height / 2.0),
            num(layout.fonts.label * 0.95),
            hex(layout.colours.background),
        );
    }

    /// The headline labels, each its whole title in a box with a thin leader to its
    /// event (`g.event-labels[data-hidden]`, `g.event-label[data-title]`, the box its
    /// first `rect`).
    fn event_labels(&mut self) {
        let layout = self.layout;
        let plan = &layout.annotations;
        if plan.in_view.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            r#"<g class="event-labels" data-hidden="{}" data-labelled="{}" data-keyed="{}">"#,
            plan.hidden(),
            plan.headlines.len(),
            plan.key
                .iter()
                .map(|entry| entry.events.len())
                .sum::<usize>(),
        );
        // Leaders first: one passing behind a lower label is covered by it.
        for label in &plan.headlines {
            if let Some(event) = self.chart.events.get(label.event) {
                let (from, to) = label.leader;
                let _ = writeln!(
                    self.out,
                    r#"<line class="leader" data-event="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    label.event,
                    num(f64::from(from[0])),
                    num(f64::from(from[1])),
                    num(f64::from(to[0])),
                    num(f64::from(to[1])),
                    hex(event.colour),
                    num(layout.scale),
                );
            }
        }
        for label in &plan.headlines {
            if let Some(event) = self.chart.events.get(label.event) {
                self.event_label(label, event);
            }
        }
        self.out.push_str("</g>\n");
    }

    fn event_label(&mut self, label: &HeadlineLabel, event: &EventMark) {
        let layout = self.layout;
        let italic = if event.status == Status::Reported {
            ""
        } else {
            r#" font-style="italic""#
        };
        let bounds = label.bounds;
        let _ = writeln!(
            self.out,
            r#"<g class="event-label" data-event="{}" data-title="{}" data-inside="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" fill-opacity="0.9" stroke="{}" stroke-width="{}"/><text x="{}" y="{}" font-size="{}" fill="{}" dominant-baseline="central"{italic}{}>{}</text></g>"#,
            label.event,
            escape_xml(&event.title),
            label.inside_plot,
            escape_xml(&format!("{} · {}", event.date_text, event.title)),
            num(f64::from(bounds.left)),
            num(f64::from(bounds.top)),
            num(f64::from(bounds.width())),
            num(f64::from(bounds.height()) - layout.scale),
            0,
            hex(layout.colours.background),
            hex(event.colour),
            num(0.75 * layout.scale),
            num(f64::from(bounds.left) + f64::from(LABEL_PAD_PX)),
            num(f64::from(bounds.top + bounds.bottom) / 2.0 - layout.scale / 2.0),
            num(layout.fonts.label),
            hex(layout.colours.text),
            fitted(&label.text, layout.fonts.label),
            escape_xml(&label.text)
        );
    }

    /// The numbered entries of the event key (`g.event-key-item[data-title]`).
    fn event_key(&mut self) {
        let layout = self.layout;
        if layout.event_key.is_empty() {
            return;
        }
        self.out.push_str("<g class=\"event-key\">\n");
        for item in &layout.event_key {
            let Some(entry) = layout.annotations.key.get(item.entry) else {
                continue;
            };
            let colour = self.group_colour(&entry.events);
            let _ = write!(
                self.out,
                r#"<g class="event-key-item" data-number="{}" data-count="{}" data-brief="{}" data-title="{}">"#,
                entry.number,
                entry.events.len(),
                item.brief,
                escape_xml(&entry.text()),
            );
            let height = layout.fonts.label * 1.6 - 2.0 * layout.scale;
            let width = (annotate::KEY_BADGE_PX - 4.0) * layout.scale;
            self.badge(
                item.badge_x,
                item.middle - height / 2.0 - layout.scale,
                width,
                entry.number,
                colour,
            );
            for line in &item.lines {
                let _ = write!(
                    self.out,
                    r#"<text x="{}" y="{}" font-size="{}" fill="{}"{}>{}</text>"#,
                    num(line.x),
                    num(line.baseline),
                    num(layout.fonts.key),
                    hex(layout.colours.text),
                    fitted(&line.text, layout.fonts.key),
                    escape_xml(&line.text)
                );
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn key(&mut self) {
        let layout = self.layout;
        if layout.key.is_empty() {
            return;
        }
        self.out.push_str("<g class=\"key\">\n");
        for item in &layout.key {
            self.key_item(item);
        }
        self.out.push_str("</g>\n");
    }

    fn key_item(&mut self, item: &KeyItem) {
        let layout = self.layout;
        let scale = layout.scale;
        let muted = hex(layout.colours.muted_text);
        let mark_width = KEY_MARK_PX * scale;
        let y = num(item.middle);
        let (mark, text_x) = match item.mark {
            KeyMark::Heading => (String::new(), item.x),
            KeyMark::Category(colour) => (
                format!(
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.25"/><line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    num(item.x),
                    num(item.middle - 5.0 * scale),
                    num(mark_width),
                    num(10.0 * scale),
                    hex(colour),
                    num(item.middle - 6.0 * scale),
                    num(item.middle + 6.0 * scale),
                    hex(colour),
                    num(2.0 * scale),
                    x = num(item.x + mark_width / 2.0),
                ),
                item.x + mark_width + 5.0 * scale,
            ),
            KeyMark::Unverified => (
                format!(
                    r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{muted}" stroke-width="{}" stroke-dasharray="{} {}"/>"#,
                    num(item.x),
                    num(item.x + mark_width),
                    num(1.5 * scale),
                    num(4.0 * scale),
                    num(3.0 * scale),
                ),
                item.x + mark_width + 5.0 * scale,
            ),
            KeyMark::HollowMarker => (
                format!(
                    r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{muted}" stroke-width="{}" stroke-dasharray="{} {}"/><circle cx="{}" cy="{y}" r="{}" fill="{}" stroke="{muted}" stroke-width="{}"/>"#,
                    num(item.x),
                    num(item.x + mark_width),
                    num(1.5 * scale),
                    num(3.0 * scale),
                    num(2.0 * scale),
                    num(item.x + mark_width / 2.0),
                    num(3.0 * scale),
                    hex(layout.colours.background),
                    num(1.5 * scale),
                ),
                item.x + mark_width + 5.0 * scale,
            ),
        };
        let class = match item.mark {
            KeyMark::Heading => "key-heading",
            KeyMark::Category(_) => "key-item category",
            KeyMark::Unverified => "key-item unverified",
            KeyMark::HollowMarker => "key-item hollow",
        };
        let colour = match item.mark {
            KeyMark::Heading => hex(layout.colours.text),
            _ => muted,
        };
        let _ = writeln!(
            self.out,
            r#"<g class="{class}">{mark}<text x="{}" y="{y}" font-size="{}" fill="{colour}" dominant-baseline="central"{}>{}</text></g>"#,
            num(text_x),
            num(layout.fonts.key),
            fitted(&item.text, layout.fonts.key),
            escape_xml(&item.text)
        );
    }

    fn source(&mut self) {
        let layout = self.layout;
        if layout.source_lines.is_empty() {
            return;
        }
        self.out.push_str("<g class=\"sources\">\n");
        for line in &layout.source_lines {
            let _ = writeln!(
                self.out,
                r#"<text class="source" x="{}" y="{}" font-size="{}" fill="{}"{}>{}</text>"#,
                num(line.x),
                num(line.baseline),
                num(layout.fonts.source),
                hex(layout.colours.muted_text),
                fitted(&line.text, layout.fonts.source),
                escape_xml(&line.text)
            );
        }
        self.out.push_str("</g>\n");
    }
}

/// An event mark's own title: `2018-07-06: Section 301 List 1 tariffs (tariff action)`,
/// with its status when not reported.
fn event_mark_title(event: &EventMark) -> String {
    let category = if event.category.is_empty() {
        "event"
    } else {
        &event.category
    };
    if event.status == Status::Reported {
        format!("{}: {} ({category})", event.date_text, event.title)
    } else {
        format!(
            "{}: {} ({category}, {})",
            event.date_text,
            event.title,
            event.status.label()
        )
    }
}

/// Says how many event labels found no room, as the window does.
fn hidden_summary(layout: &Layout) -> Option<String> {
    match layout.annotations.hidden() {
        0 => None,
        1 => Some("1 event label hidden for lack of room".to_string()),
        n => Some(format!("{n} event labels hidden for lack of room")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(
            escape_xml(r#"A & B <"x"> 'y'"#),
            "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos;"
        );
        assert_eq!(escape_xml("a\u{0}b\u{1b}c\nd"), "abc d");
        assert_eq!(escape_xml("US–China 中国"), "US–China 中国");
    }

    #[test]
    fn writes_short_coordinates() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(0.5), "0.5");
    }
}
