//! The table view: one row per period, one column per series, sortable by clicking a
//! column header. Values are written with their units, missing values are blank, and
//! values that are not reported facts carry a short mark (`est.`, `unverified`,
//! `planned`).

use std::cmp::Ordering;
use std::collections::HashMap;

use eframe::egui;
use egui::{Align, Layout, RichText, ScrollArea, Ui, vec2};

use crate::app::accessibility::grid;
use crate::chart;
use crate::data::{Dataset, Period, Status};

/// Width of the period column, in points.
const PERIOD_WIDTH: f32 = 110.0;
/// Least width of a series column, in points.
const MIN_VALUE_WIDTH: f32 = 150.0;

/// Which column the rows are sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    #[default]
    Period,
    /// The series at this index of the dataset.
    Series(usize),
}

/// One cell: the value to sort by and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: f64,
    pub text: String,
    /// Why the value is marked (estimate, from memory), for the hover text.
    pub note: Option<String>,
}

/// A row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub period: Period,
    /// One per series; `None` where the series has no value for the period.
    pub cells: Vec<Option<Cell>>,
}

/// The table's rows for `dataset`, in period order.
pub fn rows(dataset: &Dataset) -> Vec<Row> {
    // Each column at its panel's scale, with one number of decimals.
    let formats = chart::series_formats(dataset);
    let by_series: Vec<HashMap<Period, Cell>> = dataset
        .series
        .iter()
        .zip(&formats)
        .map(|(series, (scale, decimals))| {
            series
                .points
                .iter()
                .filter_map(|point| {
                    let value = point.value().filter(|value| value.is_finite())?;
                    let mut text = scale.format_in_column(value, *decimals);
                    if let Some(mark) = status_mark(point.status()) {
                        text = format!("{text} ({mark})");
                    }
                    Some((
                        point.period,
                        Cell {
                            value,
                            text,
                            note: point.note().map(str::to_string),
                        },
                    ))
                })
                .collect()
        })
        .collect();
    dataset
        .periods()
        .into_iter()
        .map(|period| Row {
            period,
            cells: by_series
                .iter()
                .map(|cells| cells.get(&period).cloned())
                .collect(),
        })
        .collect()
}

/// The short mark of a value that is not a reported fact.
pub fn status_mark(status: Status) -> Option<&'static str> {
    match status {
        Status::Reported => None,
        Status::Estimated => Some("est."),
        Status::FromMemory => Some("unverified"),
        Status::Planned => Some("planned"),
        Status::Postponed => Some("postponed"),
        Status::Unverified => Some("unverified"),
    }
}

/// Sorts `rows` by `column`, ascending or not; blank cells go last either way.
pub fn sort_rows(rows: &mut [Row], column: SortColumn, ascending: bool) {
    let direction = |ordering: Ordering| {
        if ascending {
            ordering
        } else {
            ordering.reverse()
        }
    };
    match column {
        SortColumn::Period => rows.sort_by(|a, b| direction(a.period.cmp(&b.period))),
        SortColumn::Series(index) => rows.sort_by(|a, b| {
            let value = |row: &Row| row.cells.get(index).cloned().flatten().map(|c| c.value);
            match (value(a), value(b)) {
                (Some(x), Some(y)) => direction(x.total_cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => a.period.cmp(&b.period),
            }
        }),
    }
}

/// The table view and its sort order, with the rows of the dataset last shown.
#[derive(Clone, Debug, Default)]
pub struct TableView {
    sort: SortColumn,
    descending: bool,
    /// The rows, sorted, and the generation of the dataset they were made from.
    cache: Option<(u64, Vec<Row>)>,
}

impl TableView {
    /// Shows `dataset`; `generation` changes whenever the dataset does.
    pub fn ui(&mut self, ui: &mut Ui, dataset: &Dataset, generation: u64) {
        if self
            .cache
            .as_ref()
            .is_none_or(|(made, _)| *made != generation)
        {
            let mut rows = rows(dataset);
            sort_rows(&mut rows, self.sort, !self.descending);
            self.cache = Some((generation, rows));
        }
        let widths = column_widths(ui, dataset);
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let headers = column_headers(dataset);
        ScrollArea::horizontal().show(ui, |ui| {
            ui.vertical(|ui| {
                let rows = self.cache.as_ref().map_or(0, |(_, rows)| rows.len());
                grid::make_grid(ui, rows + 1, headers.len());
                if let Some(column) = self.header_ui(ui, dataset, &widths) {
                    self.sort_by(column);
                }
                ui.separator();
                let rows = self.cache.as_ref().map_or(&[][..], |(_, rows)| rows);
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, row_height, rows.len(), |ui, range| {
                        let first = range.start;
                        for (offset, row) in rows.get(range).unwrap_or_default().iter().enumerate()
                        {
                            // Every other row shaded, so a row reads across wide tables.
                            if (first + offset) % 2 == 1 {
                                let width = widths.iter().sum::<f32>()
                                    + ui.spacing().item_spacing.x * widths.len() as f32;
                                let stripe = egui::Rect::from_min_size(
                                    ui.cursor().min,
                                    vec2(width, row_height),
                                );
                                ui.painter()
                                    .rect_filled(stripe, 0.0, ui.visuals().faint_bg_color);
                            }
                            row_ui(ui, row, (first + offset + 1, &headers), &widths, row_height);
                        }
                    });
            });
        });
    }

    fn sort_by(&mut self, column: SortColumn) {
        if self.sort == column {
            self.descending = !self.descending;
        } else {
            self.sort = column;
            self.descending = false;
        }
        if let Some((_, rows)) = &mut self.cache {
            sort_rows(rows, self.sort, !self.descending);
        }
    }

    /// The column headers as buttons; returns the one clicked.
    fn header_ui(&self, ui: &mut Ui, dataset: &Dataset, widths: &[f32]) -> Option<SortColumn> {
        let mut clicked = None;
        let columns = std::iter::once(("Period".to_string(), SortColumn::Period)).chain(
            dataset
                .series
                .iter()
                .enumerate()
                .map(|(index, series)| (series.name.clone(), SortColumn::Series(index))),
        );
        ui.horizontal(|ui| {
            grid::make_row(ui, 0);
            for (index, ((name, column), width)) in columns.zip(widths).enumerate() {
                let sorted = (self.sort == column).then_some(self.descending);
                let hint = match sorted {
                    None => format!("Sort by {name}"),
                    Some(false) => format!("Sorted by {name}, ascending: click to reverse"),
                    Some(true) => format!("Sorted by {name}, descending: click to reverse"),
                };
                // Aligned like the column's values: periods left, numbers right.
                let layout = if column == SortColumn::Period {
                    Layout::left_to_right(Align::Center)
                } else {
                    Layout::right_to_left(Align::Center)
                };
                let cell = ui.allocate_ui_with_layout(vec2(*width, 20.0), layout, |ui| {
                    ui.set_min_width(*width);
                    let button = egui::Button::new(RichText::new(&name).strong())
                        .frame(false)
                        .truncate();
                    ui.add(button).on_hover_text(hint)
                });
                let response = cell.inner;
                grid::column_header(&response, index, sorted);
                if let Some(descending) = sorted {
                    let arrow_x = if column == SortColumn::Period {
                        response.rect.right() + 8.0
                    } else {
                        response.rect.left() - 8.0
                    };
                    sort_arrow(ui, arrow_x, response.rect.center().y, descending);
                }
                if response.clicked() {
                    clicked = Some(column);
                }
            }
        });
        clicked
    }
}

/// A small triangle centred at (`x`, `y`) beside a sorted column's header, pointing
/// up for ascending (painted: the default fonts have no arrow glyphs).
fn sort_arrow(ui: &Ui, x: f32, y: f32, descending: bool) {
    let (tip, base) = if descending { (4.0, -3.0) } else { (-4.0, 3.0) };
    let points = vec![
        egui::pos2(x, y + tip),
        egui::pos2(x - 4.0, y + base),
        egui::pos2(x + 4.0, y + base),
    ];
    let colour = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        colour,
        egui::Stroke::NONE,
    ));
}

/// The period column, then one column per series wide enough for its name.
fn column_widths(ui: &Ui, dataset: &Dataset) -> Vec<f32> {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let name_width = |name: &str| {
        ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(name.to_string(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    std::iter::once(PERIOD_WIDTH)
        .chain(
            dataset
                .series
                .iter()
                .map(|series| (name_width(&series.name) + 28.0).max(MIN_VALUE_WIDTH)),
        )
        .collect()
}

/// The headers of the table's columns: `Period`, then each series' name.
fn column_headers(dataset: &Dataset) -> Vec<String> {
    std::iter::once("Period".to_string())
        .chain(dataset.series.iter().map(|series| series.name.clone()))
        .collect()
}

/// Row `index` of the grid (the header is row 0), each cell described by its header
/// in `headers`.
fn row_ui(
    ui: &mut Ui,
    row: &Row,
    (index, headers): (usize, &[String]),
    widths: &[f32],
    height: f32,
) {
    let header = |column: usize| headers.get(column).map_or("", String::as_str);
    let period = row.period.to_string();
    ui.horizontal(|ui| {
        grid::make_row(ui, index);
        let mut widths = widths.iter();
        let period_width = widths.next().copied().unwrap_or(PERIOD_WIDTH);
        ui.allocate_ui_with_layout(
            vec2(period_width, height),
            Layout::left_to_right(Align::Center),
            |ui| {
                ui.set_min_width(period_width);
                let response = ui.label(&period);
                grid::cell(&response, index, 0, header(0), &period);
            },
        );
        for (column, (cell, width)) in row.cells.iter().zip(widths).enumerate() {
            ui.allocate_ui_with_layout(
                vec2(*width, height),
                Layout::right_to_left(Align::Center),
                |ui| {
                    ui.set_min_width(*width);
                    // Right-aligned so that digits line up; blank when missing.
                    if let Some(cell) = cell {
                        let response = ui.label(&cell.text);
                        grid::cell(&response, index, column + 1, header(column + 1), &period);
                        if let Some(note) = &cell.note {
                            response.on_hover_text(note);
                        }
                    }
                },
            );
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Point, Series, Unit};

    fn dataset() -> Dataset {
        let mut estimate = Point::new(Period::Year(2019), Some(-345.0));
        estimate.set_status(Status::Estimated);
        Dataset {
            series: vec![
                Series {
                    name: "Balance".into(),
                    unit: Unit::parse("USD bn"),
                    step: false,
                    source: None,
                    points: vec![
                        Point::new(Period::Year(2018), Some(-418.2)),
                        estimate,
                        Point::new(Period::Year(2017), None),
                    ],
                },
                Series {
                    name: "Tariff".into(),
                    unit: Unit::parse("%"),
                    step: true,
                    source: None,
                    points: vec![Point::new(Period::Year(2017), Some(3.1))],
                },
            ],
            ..Dataset::default()
        }
    }

    fn texts(rows: &[Row], column: usize) -> Vec<Option<&str>> {
        rows.iter()
            .map(|row| row.cells[column].as_ref().map(|cell| cell.text.as_str()))
            .collect()
    }

    #[test]
    fn rows_are_periods_with_unit_values_blanks_and_marks() {
        let rows = rows(&dataset());
        let periods: Vec<String> = rows.iter().map(|row| row.period.to_string()).collect();
        assert_eq!(periods, ["2017", "2018", "2019"]);
        assert_eq!(
            texts(&rows, 0),
            [None, Some("-$418.2bn"), Some("-$345.0bn (est.)")]
        );
        assert_eq!(texts(&rows, 1), [Some("3.1%"), None, None]);
    }

    #[test]
    fn a_column_in_millions_is_shown_in_billions_with_one_number_of_decimals() {
        let census = Dataset {
            series: vec![Series {
                name: "Imports".into(),
                unit: Unit::parse("USD millions"),
                step: false,
                source: None,
                points: vec![
                    Point::new(Period::Year(2018), Some(538_514.2)),
                    Point::new(Period::Year(2019), Some(450_000.0)),
                ],
            }],
            ..Dataset::default()
        };
        let rows = rows(&census);
        assert_eq!(texts(&rows, 0), [Some("$538.5bn"), Some("$450.0bn")]);
        // Sorted by the value as it is in the file.
        assert_eq!(
            rows[0].cells[0].as_ref().map(|cell| cell.value),
            Some(538_514.2)
        );
    }

    #[test]
    fn sorting_by_a_series_puts_blanks_last_both_ways() {
        let mut rows = rows(&dataset());
        sort_rows(&mut rows, SortColumn::Series(0), true);
        assert_eq!(
            texts(&rows, 0),
            [Some("-$418.2bn"), Some("-$345.0bn (est.)"), None]
        );
        sort_rows(&mut rows, SortColumn::Series(0), false);
        assert_eq!(
            texts(&rows, 0),
            [Some("-$345.0bn (est.)"), Some("-$418.2bn"), None]
        );
        sort_rows(&mut rows, SortColumn::Period, false);
        assert_eq!(rows[0].period, Period::Year(2019));
    }
}
