//! Export of the default chart: the SVG parses and holds every visible series, event
//! label, axis title, tick and the source line; cropping; PNG size and pixels in both
//! themes; the CSV export reads back equal.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a panic in a test is a failed test

use std::collections::HashSet;

use resvg::tiny_skia::Pixmap;
use roxmltree::{Document, Node};
use tradechart::chart::{Chart, ChartOptions, Theme, View};
use tradechart::data::{self, Dataset, Event, Period, Point, Series, Unit};
use tradechart::export::csv::{CsvOptions, dataset_csv};
use tradechart::export::layout::Layout;
use tradechart::export::{self, Page, png, source_line, svg};

fn default_dataset() -> Dataset {
    data::default_dataset().unwrap()
}

fn default_chart() -> (Dataset, Chart) {
    let dataset = default_dataset();
    let chart = Chart::build(&dataset, &ChartOptions::default());
    (dataset, chart)
}

/// The default page for `dataset`: 1200 × 800, crediting its sources.
fn page(dataset: &Dataset) -> Page {
    Page::for_dataset(dataset, 1200, 800)
}

/// The default view showing the time range `x`.
fn ranged(x: (f64, f64)) -> View {
    View {
        x_range: Some([x.0, x.1]),
        ..View::default()
    }
}

fn has_class(node: &Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|classes| classes.split(' ').any(|c| c == class))
}

fn with_class<'a, 'input>(doc: &'a Document<'input>, class: &str) -> Vec<Node<'a, 'input>> {
    doc.descendants()
        .filter(|node| has_class(node, class))
        .collect()
}

fn text_of(node: &Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter(|n| n.parent().is_some_and(|p| p.tag_name().name() != "title"))
        .filter_map(|n| n.text())
        .collect()
}

/// Vertices of a path written as `M x,y L x,y …`.
fn vertices(d: &str) -> Vec<(f64, f64)> {
    d.split(['M', 'L'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (x, y) = part.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// A yearly file of three years is marked by its years in the export, as in the
/// window (`chart::x_ticks` with the chart's finest period), not by "Jan" and "Jul".
#[test]
fn a_short_yearly_file_is_marked_by_years() {
    let csv = b"year,Balance (USD bn)\n2018,-418.2\n2019,-344.3\n2020,-310.8\n";
    let dataset = data::LoadRequest::bytes(csv, std::path::Path::new("short.csv"))
        .load()
        .unwrap()
        .dataset;
    let chart = Chart::build(&dataset, &ChartOptions::default());
    assert_eq!(chart.finest_period(), Some(1.0));
    let text = svg::chart_svg(&chart, &View::default(), &page(&dataset));
    let doc = Document::parse(&text).unwrap();
    let labels: Vec<String> = with_class(&doc, "x-tick").iter().map(text_of).collect();
    assert!(labels.len() >= 3, "{labels:?}");
    assert!(
        labels
            .iter()
            .all(|label| label.len() == 4 && label.parse::<i32>().is_ok()),
        "{labels:?}"
    );
}

/// Each panel's lines are one group, clipped to the plot only when something in it
/// reaches outside (a renderer draws a clipped group on a layer of its own: a seventh
/// of a PNG render); the events likewise.
#[test]
fn each_panel_draws_its_lines_in_one_group_clipped_only_when_they_reach_outside() {
    let (dataset, chart) = default_chart();
    let groups_of = |view: &View| {
        let text = svg::chart_svg(&chart, view, &page(&dataset));
        let doc = Document::parse(&text).unwrap();
        let lines: Vec<(Option<String>, usize)> = with_class(&doc, "lines")
            .iter()
            .map(|group| {
                let series: Vec<_> = group
                    .children()
                    .filter(|n| has_class(n, "series"))
                    .collect();
                // None clipped again on its own.
                assert!(series.iter().all(|n| n.attribute("clip-path").is_none()));
                (
                    group.attribute("clip-path").map(str::to_string),
                    series.len(),
                )
            })
            .collect();
        let events: Vec<Option<String>> = with_class(&doc, "events")
            .iter()
            .map(|group| group.attribute("clip-path").map(str::to_string))
            .collect();
        (lines, events)
    };
    // The whole time range: every line and event inside its plot, nothing clipped.
    let (lines, events) = groups_of(&View::default());
    assert_eq!(lines.len(), chart.panels.len());
    for ((clip, series), panel) in lines.iter().zip(&chart.panels) {
        assert_eq!(*clip, None);
        assert_eq!(*series, panel.lines.len());
    }
    assert!(events.iter().all(Option::is_none), "{events:?}");
    // 2018–2020: the lines run on past both ends, and are clipped to each plot.
    let (lines, events) = groups_of(&ranged((2018.0, 2020.0)));
    for (position, (clip, _)) in lines.iter().enumerate() {
        assert_eq!(
            clip.as_deref(),
            Some(format!("url(#plot-clip-{position})").as_str())
        );
    }
    // Its events all lie inside it; the second half of 2025 cuts the truce spans that
    // run on into 2026, and their groups are clipped.
    assert!(events.iter().all(Option::is_none), "{events:?}");
    let (_, events) = groups_of(&ranged((2025.5, 2026.0)));
    for (position, clip) in events.iter().enumerate() {
        assert_eq!(
            clip.as_deref(),
            Some(format!("url(#plot-clip-{position})").as_str())
        );
    }
}

#[test]
fn svg_of_the_default_chart_holds_every_series_with_every_vertex() {
    let (dataset, chart) = default_chart();
    let text = svg::chart_svg(&chart, &View::default(), &page(&dataset));
    let doc = Document::parse(&text).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1200"));
    assert_eq!(root.attribute("height"), Some("800"));

    let series = with_class(&doc, "series");
    assert_eq!(series.len(), dataset.series.len());
    for panel in &chart.panels {
        for line in &panel.lines {
            let group = series
                .iter()
                .find(|node| node.attribute("data-name") == Some(line.name.as_str()))
                .unwrap_or_else(|| panic!("no series {}", line.name));
            let paths: Vec<Node<'_, '_>> = group
                .children()
                .filter(|n| n.tag_name().name() == "path")
                .collect();
            // One path per run: solid stretches and dashed ones (into and out of
            // estimates), which together are the line's segments.
            let runs = line.runs();
            assert_eq!(paths.len(), runs.len(), "{}", line.name);
            for (path, run) in paths.iter().zip(&runs) {
                let d = path.attribute("d").unwrap();
                assert_eq!(vertices(d).len(), run.points.len(), "{}", line.name);
                assert_eq!(
                    path.attribute("stroke"),
                    Some(line.colour.to_hex_string().as_str())
                );
            }
            let markers = group
                .children()
                .filter(|n| n.tag_name().name() == "circle")
                .count();
            assert_eq!(markers, line.markers.len(), "{}", line.name);
            let hollow = group.children().filter(|n| has_class(n, "hollow")).count();
            let unreported = line.markers.iter().filter(|m| m.is_hollow()).count();
            assert_eq!(hollow, unreported, "{}", line.name);
        }
    }
    // Step series are drawn with their corners: a tariff path has two vertices a value.
    let tariff = chart.panels[1].lines[0]
        .segments
        .iter()
        .map(Vec::len)
        .sum::<usize>();
    assert!(tariff >= 2 * 10, "{tariff}");
}

#[test]
fn svg_holds_titles_ticks_legend_and_the_source_line() {
    let (dataset, chart) = default_chart();
    let text = svg::chart_svg(&chart, &View::default(), &page(&dataset));
    let doc = Document::parse(&text).unwrap();
    let texts =
        |class: &str| -> Vec<String> { with_class(&doc, class).iter().map(text_of).collect() };
    assert_eq!(texts("title"), std::slice::from_ref(&dataset.title));
    assert_eq!(texts("axis-title"), ["US$ billions", "Percent"]);
    let x_ticks = texts("x-tick");
    for year in ["1990", "2000", "2010", "2020"] {
        assert!(x_ticks.contains(&year.to_string()), "{x_ticks:?}");
    }
    let y_ticks = texts("y-tick");
    for tick in ["$0bn", "-$200bn", "$200bn", "0%", "50%", "100%"] {
        assert!(y_ticks.contains(&tick.to_string()), "{tick} in {y_ticks:?}");
    }
    let legend: Vec<String> = with_class(&doc, "legend-item")
        .iter()
        .map(|n| n.attribute("data-name").unwrap().to_string())
        .collect();
    let names: Vec<String> = dataset.series.iter().map(|s| s.name.clone()).collect();
    assert_eq!(legend, names);

    let source_lines = texts("source");
    assert!(source_lines[0].starts_with("Source"), "{source_lines:?}");
    let expected = source_line(&export::sources_of(&dataset)).unwrap();
    assert_eq!(source_lines.join(" "), expected);
    assert!(expected.contains("US Census Bureau") && expected.contains("PIIE"));
}

/// The box of a `g.event-label`, `g.event-badge` or `g.event-cluster`: its first
/// `rect`, as (left, top, right, bottom).
fn first_rect(node: &Node<'_, '_>) -> (f64, f64, f64, f64) {
    let rect = node.descendants().find(|n| n.has_tag_name("rect")).unwrap();
    let number = |name: &str| -> f64 { rect.attribute(name).unwrap().parse().unwrap() };
    let (x, y) = (number("x"), number("y"));
    (x, y, x + number("width"), y + number("height"))
}

/// Label boxes and badges have the window's corners (`app::events`): label boxes square,
/// badges nearly square with the shared radius, not pills.
#[test]
fn svg_label_boxes_and_badges_have_the_windows_corners() {
    let (dataset, chart) = default_chart();
    let page = page(&dataset);
    let view = View::default();
    let layout = Layout::new(&chart, &view, &page);
    let text = svg::chart_svg(&chart, &view, &page);
    let doc = Document::parse(&text).unwrap();
    let corner = |node: &Node<'_, '_>| -> (f64, f64) {
        let rect = node.descendants().find(|n| n.has_tag_name("rect")).unwrap();
        let number = |name: &str| -> f64 { rect.attribute(name).unwrap().parse().unwrap() };
        (number("rx"), number("height"))
    };
    let labels = with_class(&doc, "event-label");
    let badges = with_class(&doc, "event-badge");
    assert!(!labels.is_empty() && !badges.is_empty());
    for label in &labels {
        assert_eq!(corner(label).0, 0.0);
    }
    let badge_corner = f64::from(tradechart::chart::annotations::BADGE_CORNER_PX) * layout.scale;
    for badge in &badges {
        let (rx, height) = corner(badge);
        assert!(
            (rx - badge_corner).abs() < 0.01,
            "{rx} against {badge_corner}"
        );
        assert!(rx < height / 3.0, "a pill: {rx} of {height}");
    }
}

/// Issue 16: every headline's whole title on the chart, every other event in view in
/// the key under a number on the rail, no two boxes overlapping, and the SVG saying so
/// (`data-hidden` 0, a `g.event-key-item[data-title]` per entry).
#[test]
fn svg_labels_every_headline_whole_and_keys_the_rest_without_overlap() {
    let (dataset, chart) = default_chart();
    for (view, page) in [
        (View::default(), page(&dataset)),
        (
            ranged((2017.0, 2027.0)),
            Page::for_dataset(&dataset, 1920, 1080),
        ),
        (
            ranged((2016.0, 2027.0)),
            Page::for_dataset(&dataset, 800, 600),
        ),
    ] {
        let layout = Layout::new(&chart, &view, &page);
        let text = svg::chart_svg(&chart, &view, &page);
        let doc = Document::parse(&text).unwrap();
        let labels = with_class(&doc, "event-label");
        let plan = &layout.annotations;
        assert_eq!(labels.len(), plan.headlines.len());
        assert!(plan.headlines.len() <= 12, "{}", plan.headlines.len());
        for headline in chart.events.iter().filter(|event| event.importance >= 100) {
            if !plan
                .in_view
                .iter()
                .any(|index| chart.events[*index].title == headline.title)
            {
                continue;
            }
            assert!(
                labels.iter().any(|node| text_of(node) == headline.title
                    && node.attribute("data-title") == Some(headline.title.as_str())),
                "headline {} not whole",
                headline.title
            );
        }
        let keyed = with_class(&doc, "event-key-item");
        assert_eq!(keyed.len(), plan.key.len());
        for (node, entry) in keyed.iter().zip(&plan.key) {
            assert_eq!(node.attribute("data-title"), Some(entry.text().as_str()));
        }
        let clusters = with_class(&doc, "event-cluster");
        let counted: usize = clusters
            .iter()
            .map(|node| {
                node.attribute("data-count")
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum::<usize>()
            + with_class(&doc, "event-badge").len();
        assert_eq!(counted + plan.headlines.len(), plan.in_view.len());
        let boxes: Vec<(f64, f64, f64, f64)> = labels
            .iter()
            .chain(&clusters)
            .chain(&with_class(&doc, "event-badge"))
            .map(first_rect)
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        let hidden = with_class(&doc, "event-labels")[0].attribute("data-hidden");
        assert_eq!(hidden, Some("0"));
        assert_eq!(
            doc.root_element().attribute("data-hidden-labels"),
            Some("0")
        );
        // Headlines and labelled events have their line in every panel; the others a
        // tick on the rail.
        let lines = with_class(&doc, "event-line");
        let headlines_in_view = plan
            .in_view
            .iter()
            .filter(|index| chart.events[**index].importance >= 100 || plan.is_headline(**index))
            .count();
        assert_eq!(lines.len(), headlines_in_view * layout.panels.len());
        assert_eq!(
            with_class(&doc, "event-tick").len(),
            plan.in_view.len() - plan.headlines.len()
        );
    }
}

#[test]
fn a_time_range_crops_lines_ticks_and_events() {
    let (dataset, chart) = default_chart();
    let view = ranged((2018.0, 2027.0));
    let layout = Layout::new(&chart, &view, &page(&dataset));
    let text = svg::chart_svg(&chart, &view, &page(&dataset));
    let doc = Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("data-x-from"), Some("2018"));
    assert_eq!(root.attribute("data-x-to"), Some("2027"));
    let ticks: Vec<i32> = with_class(&doc, "x-tick")
        .iter()
        .map(|n| text_of(n).parse().unwrap())
        .collect();
    assert_eq!(ticks.first(), Some(&2018));
    assert!(
        ticks.iter().all(|year| (2018..=2027).contains(year)),
        "{ticks:?}"
    );
    // The balance runs 1985–2025: cropped, its path keeps the years in view and one
    // beyond the left edge (drawn to the edge and clipped there).
    let balance = with_class(&doc, "series")
        .into_iter()
        .find(|n| n.attribute("data-name") == Some("Trade balance"))
        .unwrap();
    let path = balance
        .children()
        .find(|n| n.tag_name().name() == "path")
        .unwrap();
    let points = vertices(path.attribute("d").unwrap());
    assert_eq!(points.len(), 2025 - 2018 + 1 + 1);
    assert!(points[0].0 < layout.plot_left);
    assert!(
        points[1..]
            .iter()
            .all(|(x, _)| *x >= layout.plot_left && *x <= layout.plot_right)
    );
    let markers = balance
        .children()
        .filter(|n| n.tag_name().name() == "circle")
        .count();
    // 2018–2025, and January–April 2026 (hollow: a partial year).
    assert_eq!(markers, 2026 - 2018 + 1);
    // China joined the WTO in 2001: out of view, so neither line nor label.
    assert!(!text.contains("China joins the WTO"));
    assert!(text.contains("Phase One"));
}

#[test]
fn hidden_series_are_left_out_and_text_is_escaped() {
    let dataset = Dataset {
        title: "Trade <goods> & \"tariffs\"".into(),
        sources: vec!["Census & PIIE".into()],
        series: vec![
            Series {
                name: "A & <B>".into(),
                unit: Unit::parse("USD bn"),
                step: false,
                source: None,
                points: vec![
                    Point::new(Period::Year(2018), Some(-418.0)),
                    Point::new(Period::Year(2019), None),
                    Point::new(Period::Year(2020), Some(-310.0)),
                    Point::new(Period::Year(2021), Some(-353.0)),
                ],
            },
            Series {
                name: "Hidden".into(),
                unit: Unit::parse("%"),
                step: true,
                source: None,
                points: vec![Point::new(Period::Year(2018), Some(12.0))],
            },
        ],
        events: vec![Event::new(Period::Year(2019), "Deal \u{1} 'signed' <b>")],
        ..Dataset::default()
    };
    let chart = Chart::build(&dataset, &ChartOptions::default());
    let view = View {
        hidden_series: vec!["Hidden".into()],
        ..View::default()
    };
    let text = svg::chart_svg(&chart, &view, &page(&dataset));
    let doc = Document::parse(&text).unwrap();
    let series = with_class(&doc, "series");
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].attribute("data-name"), Some("A & <B>"));
    // The gap in 2019 splits the line in two.
    assert_eq!(
        series[0]
            .children()
            .filter(|n| n.tag_name().name() == "path")
            .count(),
        2
    );
    assert_eq!(with_class(&doc, "panel").len(), 1);
    assert_eq!(
        text_of(&with_class(&doc, "title")[0]),
        "Trade <goods> & \"tariffs\""
    );
    // Alone on its chart: labelled whole, escaped.
    assert!(text_of(&with_class(&doc, "event-label")[0]).contains("'signed' <b>"));
    assert_eq!(
        text_of(&with_class(&doc, "source")[0]),
        "Source: Census & PIIE"
    );
}

#[test]
fn odd_charts_still_make_valid_svg() {
    let empty = Chart::build(&Dataset::default(), &ChartOptions::default());
    let page_without_title = Page {
        width: 320,
        height: 240,
        title: Some(String::new()),
        ..Page::default()
    };
    let view = View {
        x_range: Some([f64::NAN, 3.0]),
        ..View::default()
    };
    let text = svg::chart_svg(&empty, &view, &page_without_title);
    let doc = Document::parse(&text).unwrap();
    assert!(
        with_class(&doc, "title").is_empty(),
        "--title \"\" leaves it out"
    );
    assert!(with_class(&doc, "panel").is_empty());
    let (dataset, chart) = default_chart();
    let tiny = Page::for_dataset(&dataset, 320, 240);
    let view = ranged((2025.2, 2025.3));
    let doc_text = svg::chart_svg(&chart, &view, &tiny);
    let doc = Document::parse(&doc_text).unwrap();
    let layout = Layout::new(&chart, &view, &tiny);
    assert!(layout.panels.iter().all(|p| p.bottom - p.top >= 20.0));
    assert!(layout.source_lines.iter().all(|l| l.baseline <= 240.0));
    let ticks: Vec<String> = with_class(&doc, "x-tick").iter().map(text_of).collect();
    assert!(ticks.iter().all(|t| t.contains("2025")), "{ticks:?}");
}

fn decode(png: &[u8]) -> Pixmap {
    Pixmap::decode_png(png).expect("a PNG file")
}

/// Distinct colours and the share of pixels that are the background colour.
fn pixel_statistics(pixmap: &Pixmap, background: (u8, u8, u8)) -> (usize, f64) {
    let mut colours = HashSet::new();
    let mut background_pixels = 0usize;
    for pixel in pixmap.pixels() {
        let rgb = (pixel.red(), pixel.green(), pixel.blue());
        colours.insert(rgb);
        if rgb == background {
            background_pixels += 1;
        }
    }
    (
        colours.len(),
        background_pixels as f64 / pixmap.pixels().len() as f64,
    )
}

#[test]
fn png_has_the_asked_size_and_is_drawn_in_both_themes() {
    let (dataset, chart) = default_chart();
    for (theme, background) in [
        (Theme::Light, (255, 255, 255)),
        (Theme::Dark, (0x1b, 0x1b, 0x1b)),
    ] {
        let mut view = View::default();
        view.look.theme = theme;
        let page = Page::for_dataset(&dataset, 900, 600);
        let pixmap = decode(&png::chart_png(&chart, &view, &page, 1.0).unwrap());
        assert_eq!((pixmap.width(), pixmap.height()), (900, 600));
        let corner = pixmap.pixel(0, 0).unwrap();
        assert_eq!(
            (corner.red(), corner.green(), corner.blue()),
            background,
            "{theme}"
        );
        let (colours, background_share) = pixel_statistics(&pixmap, background);
        assert!(colours > 50, "{theme}: only {colours} colours");
        assert!(
            background_share > 0.5 && background_share < 0.97,
            "{theme}: background is {background_share} of the image"
        );
        // Every series colour is somewhere in the picture.
        for line in chart.panels.iter().flat_map(|p| &p.lines) {
            let rgb = (line.colour.0, line.colour.1, line.colour.2);
            assert!(
                pixmap
                    .pixels()
                    .iter()
                    .any(|p| (p.red(), p.green(), p.blue()) == rgb),
                "{theme}: {} not drawn",
                line.name
            );
        }
    }
}

#[test]
fn png_at_twice_the_size_and_refused_when_too_large() {
    let (dataset, chart) = default_chart();
    let view = View::default();
    let small = Page::for_dataset(&dataset, 400, 300);
    let image = png::chart_rgba(&chart, &view, &small, 2.0).unwrap();
    assert_eq!((image.width, image.height), (800, 600));
    assert_eq!(image.pixels.len(), 800 * 600 * 4);
    let huge = Page {
        width: 9000,
        height: 600,
        ..small
    };
    assert!(png::chart_png(&chart, &view, &huge, 2.0).is_err());
}

fn values_by_period(series: &Series) -> Vec<(Period, Option<f64>)> {
    series
        .points
        .iter()
        .map(|p| (p.period, p.value()))
        .collect()
}

#[test]
fn csv_export_reads_back_equal_in_values() {
    let dataset = default_dataset();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("trade.csv");
    std::fs::write(&path, dataset_csv(&dataset, &CsvOptions::default())).unwrap();
    let loaded = data::LoadRequest::path(&path)
        .load()
        .expect("the export reads back");
    let back = &loaded.dataset;
    assert_eq!(back.title, dataset.title);
    assert_eq!(back.sources, dataset.sources);
    assert_eq!(back.series.len(), dataset.series.len());
    for (original, read) in dataset.series.iter().zip(&back.series) {
        assert_eq!(read.name, original.name);
        assert_eq!(read.unit, original.unit);
        // The wide table has a row for every period of any series; the cells of other
        // series' periods are empty.
        let read_values: Vec<(Period, Option<f64>)> = values_by_period(read)
            .into_iter()
            .filter(|(period, value)| {
                value.is_some() || original.points.iter().any(|p| p.period == *period)
            })
            .collect();
        assert_eq!(read_values, values_by_period(original), "{}", original.name);
    }
}

#[test]
fn csv_export_of_a_range_without_hidden_series() {
    let dataset = default_dataset();
    let options = CsvOptions {
        x_range: Some((2018.0, 2021.0)),
        hidden_series: vec!["US exports to China".into()],
    };
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("range.csv");
    std::fs::write(&path, dataset_csv(&dataset, &options)).unwrap();
    let back = data::LoadRequest::path(&path).load().unwrap().dataset;
    assert_eq!(back.series.len(), dataset.series.len() - 1);
    assert!(back.series.iter().all(|s| s.name != "US exports to China"));
    let balance = back
        .series
        .iter()
        .find(|s| s.name == "Trade balance")
        .unwrap();
    let years: Vec<Period> = balance
        .points
        .iter()
        .filter(|p| p.value().is_some())
        .map(|p| p.period)
        .collect();
    assert_eq!(
        years,
        [Period::Year(2018), Period::Year(2019), Period::Year(2020)]
    );
}

#[test]
fn export_writes_by_extension_and_refuses_unknown_ones() {
    let (dataset, chart) = default_chart();
    let view = ranged((2020.0, 2022.0));
    let export = export::Export {
        dataset: &dataset,
        chart: &chart,
        view: &view,
        page: page(&dataset),
        png_scale: 1.0,
    };
    let folder = tempfile::tempdir().unwrap();
    let csv = folder.path().join("view.csv");
    let format = export.write(&csv, export::Overwrite::Refuse, &[]).unwrap();
    assert_eq!(format, export::ExportFormat::Csv);
    let back = data::LoadRequest::path(&csv).load().unwrap().dataset;
    let balance = back
        .series
        .iter()
        .find(|s| s.name == "Trade balance")
        .unwrap();
    assert_eq!(balance.value_count(), 2);
    let error = export
        .write(
            &folder.path().join("view.gif"),
            export::Overwrite::Refuse,
            &[],
        )
        .unwrap_err();
    assert!(error.to_string().contains(".svg, .png or .csv"), "{error}");
    let again = export
        .write(&csv, export::Overwrite::Refuse, &[])
        .unwrap_err();
    assert!(matches!(
        again,
        export::ExportError::Write(export::WriteError::Exists(_))
    ));
}

#[test]
fn an_interrupted_export_leaves_no_partial_file() {
    let (dataset, chart) = default_chart();
    let svg_text = svg::chart_svg(&chart, &View::default(), &page(&dataset));
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("chart.svg");
    // The writer stops half-way, as a full disk or a failing drive would.
    let result = export::atomic::write_with(&target, export::Overwrite::Refuse, &[], |file| {
        file.write_all(&svg_text.as_bytes()[..svg_text.len() / 2])?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left",
        ))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
    // The same write, finished, gives the whole document.
    export::atomic::write_with(&target, export::Overwrite::Refuse, &[], |file| {
        file.write_all(svg_text.as_bytes())
    })
    .unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), svg_text);
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
}

/// A Census table in USD millions (`tests/data/shapes/title_lines.csv`).
fn census_millions() -> Dataset {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shapes/title_lines.csv");
    data::LoadRequest::path(&path).load().unwrap().dataset
}

#[test]
fn millions_are_exported_in_billions_and_the_csv_keeps_the_file_values() {
    let dataset = census_millions();
    assert_eq!(dataset.series[0].unit.as_str(), "USD mn");
    let chart = Chart::build(&dataset, &ChartOptions::default());
    let text = svg::chart_svg(&chart, &View::default(), &page(&dataset));
    let doc = Document::parse(&text).unwrap();
    let texts =
        |class: &str| -> Vec<String> { with_class(&doc, class).iter().map(text_of).collect() };
    assert_eq!(texts("axis-title"), ["US$ billions"]);
    let y_ticks = texts("y-tick");
    assert!(y_ticks.contains(&"$200bn".to_string()), "{y_ticks:?}");
    assert!(y_ticks.contains(&"-$200bn".to_string()), "{y_ticks:?}");
    assert!(
        !y_ticks.iter().any(|tick| tick.contains("mn")),
        "{y_ticks:?}"
    );
    // One number of decimals on the axis: every tick alike.
    let decimals = |tick: &String| tick.split_once('.').map_or(0, |(_, d)| d.len());
    assert!(
        y_ticks
            .iter()
            .all(|tick| decimals(tick) == decimals(&y_ticks[0])),
        "{y_ticks:?}"
    );
    // The PNG is drawn from the same layout.
    let layout = Layout::new(&chart, &View::default(), &page(&dataset));
    assert!(
        layout.panels[0]
            .y_ticks
            .iter()
            .all(|tick| tick.text.ends_with("bn"))
    );
    // The CSV is the file's values in the file's unit.
    let csv = dataset_csv(&dataset, &CsvOptions::default());
    assert!(csv.contains("Imports (USD mn)"), "{csv}");
    assert!(csv.contains("538514.2"), "{csv}");
}

/// The default chart's export with its description (as `render` and the window make it).
fn described_export_bytes(format: export::ExportFormat) -> (Vec<u8>, String) {
    let (dataset, chart) = default_chart();
    let view = View::default();
    let description = tradechart::chart::describe::Description::of(&dataset, &chart, &view);
    let export = export::Export {
        dataset: &dataset,
        chart: &chart,
        view: &view,
        page: page(&dataset),
        png_scale: 1.0,
    };
    (export.bytes(format).unwrap(), description.text())
}

#[test]
fn the_svg_is_an_image_labelled_by_its_title_and_described_in_words() {
    let (bytes, description) = described_export_bytes(export::ExportFormat::Svg);
    let text = String::from_utf8(bytes).unwrap();
    let doc = Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("chart-title chart-desc")
    );
    let by_id = |id: &str| {
        doc.descendants()
            .find(|node| node.attribute("id") == Some(id))
            .and_then(|node| node.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        by_id("chart-title"),
        "US–China goods trade, tariffs and policy events"
    );
    let desc = by_id("chart-desc");
    // XML text keeps no line breaks: the lines of the description joined by spaces.
    assert!(desc.starts_with(&description.replace('\n', " ")), "{desc}");
    assert!(desc.contains("lowest -$418.2bn in 2018"), "{desc}");
    // Each series group and each event line has its own title.
    let own_title = |node: Node<'_, '_>| {
        node.children()
            .find(|child| child.has_tag_name("title"))
            .and_then(|title| title.text())
            .map(str::to_string)
    };
    let series: Vec<Option<String>> = doc
        .descendants()
        .filter(|node| has_class(node, "series"))
        .map(own_title)
        .collect();
    assert_eq!(series.len(), 5);
    assert!(series.iter().all(Option::is_some), "{series:?}");
    assert!(
        series.contains(&Some("Trade balance (US$ billions)".to_string())),
        "{series:?}"
    );
    let events: Vec<Option<String>> = doc
        .descendants()
        .filter(|node| has_class(node, "event-line"))
        .map(own_title)
        .collect();
    assert!(!events.is_empty());
    assert!(events.iter().all(Option::is_some), "{events:?}");
    assert!(
        events.contains(&Some(
            "2020-01-15: Phase One agreement signed (agreement or truce)".to_string()
        )),
        "{events:?}"
    );
}

#[test]
fn the_png_carries_title_and_description_text_chunks() {
    let (bytes, description) = described_export_bytes(export::ExportFormat::Png);
    let reader = ::png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let info = reader.info();
    let latin1 = |keyword: &str| {
        info.uncompressed_latin1_text
            .iter()
            .find(|chunk| chunk.keyword == keyword)
            .map(|chunk| chunk.text.clone())
    };
    assert_eq!(
        latin1("Title").as_deref(),
        Some("US-China goods trade, tariffs and policy events")
    );
    let in_latin1 = latin1("Description").unwrap();
    assert!(
        in_latin1.contains("lowest -$418.2bn in 2018"),
        "{in_latin1}"
    );
    // The text whole, with its en dashes, in the iTXt chunk of the same keyword.
    let whole = info
        .utf8_text
        .iter()
        .find(|chunk| chunk.keyword == "Description")
        .map(|chunk| chunk.get_text().unwrap());
    assert_eq!(whole, Some(description));
}
