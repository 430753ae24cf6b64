//! Event labels: short texts for long titles, how important each event is, and a
//! layout that puts labels in rows (lanes) so that no two labels in a row overlap.
//!
//! Which labels give way when space runs out: labels are placed most important first,
//! each in the lowest row where it fits; what fits nowhere is hidden and counted, so
//! the window can say so. Importance is the category first — tariff actions,
//! agreements and truces and court rulings are the story of a trade chart, then
//! retaliation, then negotiations and export controls, then investigations, then
//! anything else — and within a category a reported event before a planned one,
//! before an estimate, before one recalled from memory. Ties go to the earlier event.

use super::EventMark;
use crate::data::Status;

/// Longest label text in characters; longer titles are shortened by [`short_label`].
pub const MAX_LABEL_CHARS: usize = 28;

/// Pixels a label takes beyond its text: the colour tick at its left and a margin.
pub const LABEL_PADDING_PX: f32 = 8.0;

/// Least horizontal room between two labels in one row, in pixels.
pub const LABEL_GAP_PX: f32 = 6.0;

/// A label for an event title that fits in [`MAX_LABEL_CHARS`]: a part in parentheses
/// goes first, then anything after `;` or `:`, then words from the end (with `…`).
pub fn short_label(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() <= MAX_LABEL_CHARS {
        return title;
    }
    let without_brackets = remove_parenthesised(&title);
    if without_brackets.chars().count() <= MAX_LABEL_CHARS && !without_brackets.is_empty() {
        return without_brackets;
    }
    let head = without_brackets
        .split([';', ':'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    if head.chars().count() <= MAX_LABEL_CHARS && !head.is_empty() {
        return head;
    }
    cut_at_word(if head.is_empty() { &title } else { &head })
}

fn remove_parenthesised(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest run of whole words that fits with a trailing `…`.
fn cut_at_word(text: &str) -> String {
    let mut cut = String::new();
    for word in text.split(' ') {
        let next_len = cut.chars().count() + usize::from(!cut.is_empty()) + word.chars().count();
        if next_len + 1 > MAX_LABEL_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        // One very long word: cut it by characters.
        cut = text.chars().take(MAX_LABEL_CHARS - 1).collect();
    }
    // A cut after "and" or "of" reads as a typo; end on the word before.
    let mut words: Vec<&str> = cut.split(' ').collect();
    while words.len() > 1 && words.last().is_some_and(|word| is_small_word(word)) {
        words.pop();
    }
    let cut = words.join(" ");
    let cut = cut.trim_end_matches([',', ';', ':', '-', ' ']);
    format!("{cut}…")
}

fn is_small_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "a" | "an" | "and" | "or" | "of" | "the" | "to" | "on" | "in" | "for" | "with" | "by"
    )
}

/// Importance of a headline event (`highlight` in the data): above every category.
pub const HIGHLIGHT_IMPORTANCE: u8 = 100;

/// How much an event's label deserves a place: higher is kept longer (see the module
/// documentation for the order).
pub fn importance(category: &str, status: Status) -> u8 {
    let category_rank = match category.trim().to_lowercase().as_str() {
        "tariff action" | "agreement or truce" | "court ruling" => 5,
        "retaliation" => 4,
        "negotiation" | "export control" => 3,
        "investigation" => 2,
        _ => 1,
    };
    let status_rank = match status {
        Status::Reported => 3,
        Status::Planned => 2,
        Status::Estimated => 1,
        Status::FromMemory | Status::Postponed | Status::Unverified => 0,
    };
    category_rank * 4 + status_rank
}

/// The space labels are laid out in: the visible time range, its width on screen and
/// how wide text is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelView {
    /// Visible time range, fractional years.
    pub x_min: f64,
    pub x_max: f64,
    /// Width in pixels that `x_min..x_max` spans.
    pub width_px: f32,
    /// Approximate width of one character of label text, in pixels.
    pub char_width_px: f32,
    /// Most rows of labels to use.
    pub max_rows: usize,
}

/// Where one label goes: its event (an index into [`super::Chart::events`]), its row
/// (0 is the row nearest the plot) and its horizontal extent in pixels from the left
/// edge of the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedLabel {
    pub event: usize,
    pub row: usize,
    pub left_px: f32,
    pub right_px: f32,
}

/// The result of [`layout_labels`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelLayout {
    /// Labels shown, in the order they were placed (most important first).
    pub placed: Vec<PlacedLabel>,
    /// Events in view whose labels did not fit in any row.
    pub hidden: Vec<usize>,
    /// Rows in use (the highest row of any placed label, plus one).
    pub rows: usize,
}

impl LabelLayout {
    /// A line for the user when labels were left out, e.g.
    /// `3 event labels hidden for lack of room: zoom in to see them`.
    pub fn hidden_summary(&self) -> Option<String> {
        match self.hidden.len() {
            0 => None,
            1 => Some("1 event label hidden for lack of room: zoom in to see it".into()),
            n => Some(format!(
                "{n} event labels hidden for lack of room: zoom in to see them"
            )),
        }
    }
}

/// Puts the labels of events that are in view into at most `view.max_rows` rows so
/// that no two labels in the same row overlap (with [`LABEL_GAP_PX`] between them).
/// A label starts at its event line and runs right, or ends at the line when it would
/// run past the right edge. Labels that fit nowhere are listed in
/// [`LabelLayout::hidden`]; events outside the view are neither placed nor hidden.
pub fn layout_labels(events: &[EventMark], view: &LabelView) -> LabelLayout {
    let usable = view.x_max > view.x_min
        && view.x_min.is_finite()
        && view.x_max.is_finite()
        && view.width_px > 0.0
        && view.width_px.is_finite();
    if !usable {
        return LabelLayout::default();
    }
    let mut order: Vec<usize> = (0..events.len())
        .filter(|&index| events.get(index).is_some_and(|event| in_view(event, view)))
        .collect();
    // Stable: equal importance keeps time order.
    order.sort_by_key(|&index| {
        std::cmp::Reverse(events.get(index).map_or(0, |event| event.importance))
    });
    let mut rows: Vec<Vec<(f32, f32)>> = vec![Vec::new(); view.max_rows];
    let mut layout = LabelLayout::default();
    for index in order {
        let Some(event) = events.get(index) else {
            continue;
        };
        let (left, right) = extent_px(event, view);
        let free_row = rows.iter().position(|row| {
            row.iter()
                .all(|&(l, r)| left >= r + LABEL_GAP_PX || right + LABEL_GAP_PX <= l)
        });
        match free_row.and_then(|row| rows.get_mut(row).map(|taken| (row, taken))) {
            Some((row, taken)) => {
                taken.push((left, right));
                layout.rows = layout.rows.max(row + 1);
                layout.placed.push(PlacedLabel {
                    event: index,
                    row,
                    left_px: left,
                    right_px: right,
                });
            }
            None => layout.hidden.push(index),
        }
    }
    layout.hidden.sort_unstable();
    layout
}

fn in_view(event: &EventMark, view: &LabelView) -> bool {
    let end = event.end_x.unwrap_or(event.x).max(event.x);
    event.x <= view.x_max && end >= view.x_min
}

/// Left and right edge of an event's label, in pixels from the plot's left edge.
fn extent_px(event: &EventMark, view: &LabelView) -> (f32, f32) {
    let scale = f64::from(view.width_px) / (view.x_max - view.x_min);
    let anchor = ((event.x.max(view.x_min) - view.x_min) * scale) as f32;
    let width = event.label.chars().count() as f32 * view.char_width_px + LABEL_PADDING_PX;
    let mut left = if anchor + width <= view.width_px {
        anchor
    } else {
        anchor - width
    };
    left = left.min(view.width_px - width).max(0.0);
    (left, left + width)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn mark(x: f64, label: &str, importance: u8) -> EventMark {
        EventMark {
            x,
            label: label.to_string(),
            importance,
            ..EventMark::default()
        }
    }

    fn view(max_rows: usize) -> LabelView {
        LabelView {
            x_min: 2018.0,
            x_max: 2027.0,
            width_px: 900.0,
            char_width_px: 7.0,
            max_rows,
        }
    }

    #[test]
    fn shortens_long_titles_sensibly() {
        assert_eq!(short_label("China joins the WTO"), "China joins the WTO");
        assert_eq!(
            short_label("US escalates to 125% reciprocal (145% total)"),
            "US escalates to 125%…"
        );
        assert_eq!(
            short_label("Section 301 List 1 tariffs (first tranche)"),
            "Section 301 List 1 tariffs"
        );
        assert_eq!(
            short_label("Mini-deal; October increase cancelled entirely"),
            "Mini-deal"
        );
        assert_eq!(
            short_label("Section 232 steel and aluminum tariffs"),
            "Section 232 steel…"
        );
        let long_word = "X".repeat(60);
        assert_eq!(short_label(&long_word).chars().count(), MAX_LABEL_CHARS);
        assert!(short_label("").is_empty());
        for title in [
            "China bans gallium/germanium/antimony exports to US",
            "a (b",
        ] {
            assert!(
                short_label(title).chars().count() <= MAX_LABEL_CHARS,
                "{title}"
            );
        }
    }

    #[test]
    fn ranks_tariffs_and_agreements_above_minor_events() {
        assert!(
            importance("tariff action", Status::FromMemory)
                > importance("negotiation", Status::Reported)
        );
        assert!(
            importance("agreement or truce", Status::Reported)
                > importance("retaliation", Status::Reported)
        );
        assert!(importance("investigation", Status::Reported) > importance("", Status::Reported));
        assert!(
            importance("tariff action", Status::Reported)
                > importance("tariff action", Status::FromMemory)
        );
    }

    #[test]
    fn crowded_labels_never_overlap_within_a_row() {
        // Forty events within six weeks: far more than fit.
        let events: Vec<EventMark> = (0..40)
            .map(|i| {
                mark(
                    2025.2 + f64::from(i) * 0.003,
                    "Some tariff step",
                    (i % 7) as u8,
                )
            })
            .collect();
        let layout = layout_labels(&events, &view(3));
        assert!(layout.rows <= 3);
        assert_eq!(layout.placed.len() + layout.hidden.len(), events.len());
        assert!(!layout.hidden.is_empty());
        for a in &layout.placed {
            assert!(a.left_px >= 0.0 && a.right_px <= 900.0, "{a:?}");
            for b in &layout.placed {
                if a.event != b.event && a.row == b.row {
                    let apart = a.right_px + LABEL_GAP_PX <= b.left_px
                        || b.right_px + LABEL_GAP_PX <= a.left_px;
                    assert!(apart, "{a:?} overlaps {b:?}");
                }
            }
        }
        assert!(
            layout
                .hidden_summary()
                .is_some_and(|text| text.contains("hidden"))
        );
    }

    #[test]
    fn the_least_important_labels_give_way() {
        let events = vec![
            mark(2020.0, "minor", 1),
            mark(2020.01, "major", 9),
            mark(2020.02, "middle", 5),
        ];
        let layout = layout_labels(&events, &view(2));
        let shown: Vec<usize> = layout.placed.iter().map(|p| p.event).collect();
        assert_eq!(shown, [1, 2]);
        assert_eq!(layout.hidden, [0]);
    }

    #[test]
    fn labels_near_the_right_edge_end_at_their_line() {
        let layout = layout_labels(&[mark(2026.95, "Planned summit", 5)], &view(1));
        let placed = layout.placed[0];
        assert!(placed.right_px <= 900.0);
        assert!(placed.right_px > 890.0, "{placed:?}");
    }

    #[test]
    fn events_out_of_view_are_neither_placed_nor_hidden() {
        let mut span = mark(2010.0, "truce", 5);
        span.end_x = Some(2019.0);
        let events = vec![mark(2001.9, "WTO", 5), span];
        let layout = layout_labels(&events, &view(2));
        assert_eq!(layout.placed.len(), 1);
        assert_eq!(layout.placed[0].event, 1);
        assert_eq!(layout.placed[0].left_px, 0.0);
        assert!(layout.hidden.is_empty());
        let empty = LabelView {
            width_px: 0.0,
            ..view(2)
        };
        assert_eq!(layout_labels(&events, &empty), LabelLayout::default());
    }
}
