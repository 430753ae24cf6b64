//! The annotation plan on hand-made scenes, and its promises on generated ones.

use super::*;
use crate::chart::labels::HIGHLIGHT_IMPORTANCE;
use crate::data::period::x_from_date;
use proptest::prelude::*;

/// Every character 7 px wide.
fn seven_px(text: &str) -> f32 {
    text.chars().count() as f32 * 7.0
}

/// A 1000 × 600 canvas: strip 10–70, rail 70–86, plots 90–330 and 350–570, each
/// from x 60 to 960; the view 2018–2027 (100 px a year).
fn scene(segments: Vec<[[f32; 2]; 2]>, markers: Vec<PxRect>) -> Scene<'static> {
    Scene {
        canvas: PxRect::new(0.0, 0.0, 1000.0, 600.0),
        plots: vec![
            PxRect::new(60.0, 90.0, 960.0, 330.0),
            PxRect::new(60.0, 350.0, 960.0, 570.0),
        ],
        x_view: (2018.0, 2027.0),
        rail: PxRect::new(60.0, 70.0, 960.0, 86.0),
        strip: PxRect::new(60.0, 10.0, 960.0, 70.0),
        obstacles: Vec::new(),
        markers,
        segments,
        label_height: 16.0,
        text_width: &seven_px,
    }
}

fn event(date: (i32, u32, u32), title: &str, headline: bool) -> EventMark {
    let day = chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
    EventMark {
        x: x_from_date(day),
        title: title.into(),
        importance: if headline { HIGHLIGHT_IMPORTANCE } else { 5 },
        ..EventMark::default()
    }
}

#[test]
fn a_headline_gets_its_whole_title_in_free_space_inside_the_plot() {
    // A data line along the top of the first plot (y 100): the label goes below it.
    let line = vec![[[60.0, 100.0], [960.0, 100.0]]];
    let title = "US escalates to 125% reciprocal (145% total)";
    let events = [event((2025, 4, 9), title, true)];
    let plan = plan_annotations(&events, &scene(line, Vec::new()));
    assert_eq!(plan.headlines.len(), 1);
    let label = &plan.headlines[0];
    assert_eq!(label.text, title);
    assert!(label.inside_plot);
    // 2025-04-09 is x ≈ 2025.27: 60 + 727 = 787 px. 44 characters are 308 + 8 px:
    // no room to the right (787 + 3 + 316 > 958), so the box ends left of the line.
    assert!(
        (label.bounds.right - 784.0).abs() < 1.5,
        "{:?}",
        label.bounds
    );
    assert!(
        label.bounds.top > 100.0 + LABEL_GAP_PX,
        "{:?}",
        label.bounds
    );
    assert_eq!(label.leader.1[0], label.bounds.right + LEADER_GAP_PX);
    assert_eq!(plan.hidden(), 0);
    assert!(plan.key.is_empty());
}

#[test]
fn events_closer_than_a_badge_form_a_cluster_that_splits_when_zoomed_in() {
    let events = [
        event((2025, 3, 4), "IEEPA fentanyl tariff raised to 20%", false),
        event((2025, 3, 10), "China retaliation (agriculture)", false),
        event((2025, 5, 12), "China counter-measure", false),
        event((2019, 5, 10), "US raises List 3 tariffs to 25%", false),
    ];
    let plan = plan_annotations(&events, &scene(Vec::new(), Vec::new()));
    // At 100 px a year, March to mid-May 2025 is under 20 px: one badge. The 2019
    // event stands alone and there is room beside its line: labelled whole.
    assert_eq!(plan.headlines.len(), 1);
    assert_eq!(plan.headlines[0].text, "US raises List 3 tariffs to 25%");
    assert_eq!(plan.badges.len(), 1);
    assert_eq!(plan.key[0].heading, "3 events, Mar–May 2025");
    assert_eq!(
        plan.key[0].text(),
        "3 events, Mar–May 2025: IEEPA fentanyl tariff raised to 20%; \
         China retaliation (agriculture); China counter-measure"
    );
    assert!(plan.badges[0].is_cluster());
    assert_eq!(plan.hidden(), 0);
    // Zoomed to March–mid-June 2025 (900 px for 0.35 years) the three stand apart:
    // 6 days are 42 px.
    let mut zoomed = scene(Vec::new(), Vec::new());
    zoomed.x_view = (2025.1, 2025.45);
    let plan = plan_annotations(&events, &zoomed);
    assert!(plan.badges.iter().all(|badge| !badge.is_cluster()));
    assert_eq!(plan.badges.len() + plan.headlines.len(), 3);
    assert_eq!(plan.hidden(), 0);
}

#[test]
fn a_headline_with_no_room_anywhere_is_keyed_whole() {
    // Nothing fits in 100 px: neither inside nor in the strip.
    let mut narrow = scene(Vec::new(), Vec::new());
    narrow.plots = vec![PxRect::new(60.0, 90.0, 160.0, 330.0)];
    narrow.strip = PxRect::new(60.0, 10.0, 160.0, 70.0);
    narrow.rail = PxRect::new(60.0, 70.0, 160.0, 86.0);
    let events = [event((2020, 1, 15), "Phase One agreement signed", true)];
    let plan = plan_annotations(&events, &narrow);
    assert!(plan.headlines.is_empty());
    assert_eq!(plan.key[0].text(), "Phase One agreement signed");
    assert_eq!(plan.hidden(), 0);
}

/// A title wider than the room either side of its line (found by the property test):
/// no place inside the plot, so it sits over its line in the strip.
#[test]
fn a_title_wider_than_either_side_of_its_line_sits_over_it_in_the_strip() {
    let mut narrow = scene(vec![[[60.0, 95.0], [960.0, 95.0]]], Vec::new());
    narrow.plots = vec![PxRect::new(60.0, 90.0, 560.0, 330.0)];
    narrow.strip = PxRect::new(60.0, 10.0, 560.0, 70.0);
    narrow.rail = PxRect::new(60.0, 70.0, 560.0, 86.0);
    // 2022.5 is mid-plot (310 px); 51 characters are 365 px wide.
    narrow.x_view = (2018.0, 2027.0);
    let mut headline = event((2022, 7, 2), &"T".repeat(51), true);
    headline.x = 2022.5;
    let plan = plan_annotations(&[headline], &narrow);
    assert_eq!(plan.headlines.len(), 1);
    let label = &plan.headlines[0];
    assert!(!label.inside_plot);
    assert!(
        label.bounds.left < 310.0 && label.bounds.right > 310.0,
        "{:?}",
        label.bounds
    );
    assert_eq!(label.leader.1, [310.0, 70.0]);
}

#[test]
fn month_ranges_read_as_a_newsroom_writes_them() {
    let x = |y, m, d| x_from_date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(month_range(x(2025, 3, 4), x(2025, 5, 12)), "Mar–May 2025");
    assert_eq!(
        month_range(x(2024, 12, 3), x(2025, 2, 4)),
        "Dec 2024–Feb 2025"
    );
    assert_eq!(month_range(x(2025, 4, 1), x(2025, 4, 30)), "Apr 2025");
}

#[test]
fn segments_cross_rectangles_only_where_they_meet() {
    let rect = PxRect::new(10.0, 10.0, 20.0, 20.0);
    assert!(rect.crosses_segment([0.0, 15.0], [30.0, 15.0]));
    assert!(rect.crosses_segment([0.0, 0.0], [30.0, 30.0]));
    assert!(!rect.crosses_segment([0.0, 0.0], [30.0, 5.0]));
    assert!(!rect.crosses_segment([21.0, 0.0], [21.0, 30.0]));
    assert!(rect.crosses_segment([12.0, 12.0], [13.0, 13.0]));
}

/// Random events: some spread over 2000–2027, some in bursts within one month.
fn events_strategy() -> impl Strategy<Value = Vec<EventMark>> {
    let spread = (2000.0..2027.0f64, 5usize..60, prop::bool::weighted(0.05));
    let burst = (2000.0..2027.0f64, 2usize..40);
    (
        prop::collection::vec(spread, 0..200),
        prop::collection::vec(burst, 0..4),
    )
        .prop_map(|(spread, bursts)| {
            let mut events: Vec<EventMark> = spread
                .into_iter()
                .map(|(x, length, headline)| EventMark {
                    x,
                    title: "T".repeat(length),
                    importance: if headline { HIGHLIGHT_IMPORTANCE } else { 3 },
                    ..EventMark::default()
                })
                .collect();
            for (start, count) in bursts {
                events.extend((0..count).map(|i| EventMark {
                    x: start + i as f64 * 0.002,
                    title: format!("Burst event {i}"),
                    ..EventMark::default()
                }));
            }
            events.truncate(300);
            if events.is_empty() {
                events.push(EventMark::default());
            }
            events
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Issue 16's promise: at any size, for any events, no two boxes overlap, none
    /// leaves the canvas or covers a marker, every headline's title is whole (on the
    /// chart or in the key) and nothing in view is anonymous.
    #[test]
    fn labels_never_overlap_or_cover_data_and_nothing_is_anonymous(
        events in events_strategy(),
        width in 800.0f32..2000.0,
        height in 600.0f32..1200.0,
        wiggle in prop::collection::vec(0.0f32..1.0, 2..40),
    ) {
        let plot_top = 60.0 + 16.0 * 4.0 + 16.0;
        let plot = PxRect::new(60.0, plot_top, width - 40.0, height * 0.55);
        let second = PxRect::new(60.0, height * 0.6, width - 40.0, height - 60.0);
        let step = plot.width() / (wiggle.len() - 1) as f32;
        let points: Vec<[f32; 2]> = wiggle
            .iter()
            .enumerate()
            // Values keep a margin from the plot's edges, as every value range has.
            .map(|(i, w)| [plot.left + i as f32 * step, plot.top + 5.0 + w * (plot.height() - 10.0)])
            .collect();
        let segments: Vec<[[f32; 2]; 2]> = points.windows(2).map(|pair| [pair[0], pair[1]]).collect();
        let markers: Vec<PxRect> = points
            .iter()
            .map(|[x, y]| PxRect::new(x - 3.0, y - 3.0, x + 3.0, y + 3.0))
            .collect();
        let scene = Scene {
            canvas: PxRect::new(0.0, 0.0, width, height),
            plots: vec![plot, second],
            x_view: (2000.0, 2027.0),
            rail: PxRect::new(plot.left, plot.top - 16.0, plot.right, plot.top),
            strip: PxRect::new(plot.left, 60.0, plot.right, plot.top - 16.0),
            obstacles: vec![PxRect::new(60.0, 10.0, width - 40.0, 50.0)],
            markers: markers.clone(),
            segments,
            label_height: 16.0,
            text_width: &seven_px,
        };
        let plan = plan_annotations(&events, &scene);
        prop_assert_eq!(plan.hidden(), 0);
        let boxes: Vec<PxRect> = plan
            .headlines
            .iter()
            .map(|label| label.bounds)
            .chain(plan.badges.iter().map(|badge| badge.bounds))
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            prop_assert!(scene.canvas.contains(a), "{:?} leaves the canvas", a);
            prop_assert!(!markers.iter().any(|marker| marker.overlaps(a, 0.0)), "{:?} covers a marker", a);
            for b in boxes.iter().skip(i + 1) {
                prop_assert!(!a.overlaps(b, 0.0), "{:?} overlaps {:?}", a, b);
            }
        }
        for (index, event) in events.iter().enumerate() {
            if event.importance < HIGHLIGHT_IMPORTANCE {
                continue;
            }
            let whole = plan.headlines.iter().any(|label| label.event == index && label.text == event.title)
                || plan.key.iter().any(|entry| entry.events == [index] && entry.text() == event.title);
            prop_assert!(whole, "headline {} not whole", index);
        }
        // With no more headlines than a story has (8), all are labelled on the chart.
        let headlines = events.iter().filter(|event| event.importance >= HIGHLIGHT_IMPORTANCE).count();
        if headlines <= 8 {
            let labelled = plan
                .headlines
                .iter()
                .filter(|label| events[label.event].importance >= HIGHLIGHT_IMPORTANCE)
                .count();
            prop_assert_eq!(labelled, headlines);
        }
        // At most a dozen full lines (headlines and the events labelled beside them).
        prop_assert!(plan.headlines.len() <= MAX_FULL_LINES.max(headlines));
    }
}
