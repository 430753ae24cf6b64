//! How the file shown was read: a strip under the toolbar that says each decision the
//! reader made (the file's notes: "Header on line 3; lines 1–2 are the title", "Read as
//! months: every date is the 1st of a month"), so a wrong guess is one glance away, and
//! two controls that overrule the two guesses that matter most, "Read periods as" and
//! "Header row". A change reads the same file again with the new [`LoadOptions`]
//! (keeping the partner chosen and the view); Reload and a change on disk keep it; a
//! file opened anew starts from the reader's guesses again, a saved view with its own.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use eframe::egui;
use egui::{Label, Response, TextWrapMode, Ui};

use crate::app::loader::LoadKind;
use crate::app::per_file::PerFile;
use crate::app::{Command, TradeChartApp};
use crate::data::{Dataset, Format, Frequency, LoadOptions, Selection};

/// The label of the frequency control (its accessible name).
pub const READ_PERIODS_AS: &str = "Read periods as";
/// The label of the header row control (its accessible name).
pub const HEADER_ROW: &str = "Header row";
/// The label of the header row control offered for a file that was refused.
pub const RETRY_HEADER_ROW: &str = "Try header row";
/// The label of the frequency control offered for a file that was refused.
pub const RETRY_PERIODS_AS: &str = "and periods as";
/// What the header row control says when the reader found the header itself.
pub const HEADER_FOUND: &str = "Found";
/// Lines of a text file offered as its header row.
const HEAD_LINES: usize = 12;
/// Bytes read from a text file to show its first lines.
const HEAD_BYTES: u64 = 16 * 1024;
/// Characters of a line shown in the header row list.
const HEAD_LINE_CHARS: usize = 60;
/// Below this width the notes take a row and the controls another.
const NARROW: f32 = 760.0;
/// Height of the list of every note before it scrolls, in points.
const ALL_NOTES_HEIGHT: f32 = 140.0;

/// The user's word on the two guesses made in reading a file; `None` leaves it to the
/// reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overrules {
    /// Read the periods as this frequency, not the one inferred from the dates.
    pub frequency: Option<Frequency>,
    /// The 1-based line (row of a sheet) holding the column names, not the one found.
    pub header_line: Option<usize>,
}

impl Overrules {
    /// The overrules among `options`.
    pub fn of(options: &LoadOptions) -> Overrules {
        Overrules {
            frequency: options.frequency,
            header_line: options.header_line,
        }
    }

    /// The options that read a file with these overrules and `selection`.
    pub fn load_options(self, selection: Selection) -> LoadOptions {
        LoadOptions {
            selection,
            frequency: self.frequency,
            header_line: self.header_line,
            ..LoadOptions::default()
        }
    }
}

/// The file shown, as far as the strip needs it.
struct ShownFile {
    path: PathBuf,
    /// The layout it was read as: a JSON document has no header row or dates to
    /// overrule.
    format: Format,
    /// The frequency the reader inferred when nothing was overruled.
    inferred: Option<Frequency>,
    /// Its first lines, read when the header row list is first opened.
    head: Option<Vec<String>>,
}

/// A file that could not be opened but might be with another header row or
/// frequency: the problems panel offers both.
struct Refused {
    path: PathBuf,
    /// What it was read with.
    overrules: Overrules,
    head: Option<Vec<String>>,
}

/// The strip's state: the overrules of each stage of loading, the file shown, and
/// whether every note is listed; and the file last refused.
#[derive(Default)]
pub struct Interpretation {
    overrules: PerFile<Overrules>,
    shown_file: Option<ShownFile>,
    /// Every note listed, one per line, instead of those that fit on one.
    all_notes: bool,
    refused: Option<Refused>,
}

impl Interpretation {
    /// The overrules to read `path` with for a load of `kind` (see [`PerFile`]).
    pub(in crate::app) fn overrules_for_load(&mut self, path: &Path, kind: LoadKind) -> Overrules {
        self.overrules.for_load(path, kind).unwrap_or_default()
    }

    /// The next load of `path` reads it with `overrules`.
    pub(in crate::app) fn ask(&mut self, path: &Path, overrules: Overrules) {
        self.overrules.ask(path, overrules);
    }

    /// Forgets the overrules asked for a file waiting in the chooser (cancelled).
    pub(in crate::app) fn forget_asked(&mut self) {
        self.overrules.forget_asked();
    }

    /// The file in flight waits for a choice: the load that follows it keeps its
    /// overrules.
    pub(in crate::app) fn carry_over(&mut self) {
        self.overrules.carry_over();
    }

    /// The load in flight of `path` for `kind` failed. A table being opened may open
    /// with another header row or frequency: the problems panel offers them.
    pub(in crate::app) fn refused(&mut self, path: &Path, kind: LoadKind) {
        let overrules = self.overrules.in_flight().copied().unwrap_or_default();
        self.overrules.drop_in_flight();
        self.refused = (kind == LoadKind::Open && might_be_a_table(path)).then(|| Refused {
            path: path.to_path_buf(),
            overrules,
            head: None,
        });
    }

    /// The load in flight of `path` was shown, read as `format` into `dataset`.
    pub(in crate::app) fn loaded(&mut self, path: &Path, format: Format, dataset: &Dataset) {
        let overrules = self.overrules.in_flight().copied().unwrap_or_default();
        self.overrules.loaded();
        self.refused = None;
        let same_file = self.shown_file.as_ref().filter(|file| file.path == path);
        if same_file.is_none() {
            self.all_notes = false;
        }
        let inferred = if overrules.frequency.is_none() {
            frequency_of(dataset)
        } else {
            same_file.and_then(|file| file.inferred)
        };
        self.shown_file = Some(ShownFile {
            path: path.to_path_buf(),
            format,
            inferred,
            head: None,
        });
    }

    /// Under the problems of `path`, when it is the table just refused: "Try header
    /// row [▾] and periods as [▾]". Returns the file and overrules to open it with.
    pub(in crate::app) fn retry_ui(
        &mut self,
        ui: &mut Ui,
        path: &Path,
    ) -> Option<(PathBuf, Overrules)> {
        let refused = self
            .refused
            .as_mut()
            .filter(|refused| refused.path == path)?;
        let mut asked = refused.overrules;
        ui.horizontal_wrapped(|ui| {
            ui.label("A title above the table, or dates read wrongly?");
            labelled(ui, RETRY_HEADER_ROW, false, |ui| {
                header_combo_ui(
                    ui,
                    "tradechart-retry-header-row",
                    &refused.path,
                    &mut refused.head,
                    &mut asked.header_line,
                )
            });
            labelled(ui, RETRY_PERIODS_AS, false, |ui| {
                frequency_combo_ui(
                    ui,
                    "tradechart-retry-periods-as",
                    None,
                    &mut asked.frequency,
                )
            });
        });
        (asked != refused.overrules).then(|| (refused.path.clone(), asked))
    }

    /// The overrules the file shown was read with.
    fn shown(&self) -> Overrules {
        self.overrules.shown().copied().unwrap_or_default()
    }

    /// The strip: the notes, and the two controls when `source` (the file shown) can
    /// be overruled. Returns the overrules asked for when one changed.
    pub(in crate::app) fn ui(
        &mut self,
        ui: &mut Ui,
        notes: &[String],
        source: Option<&Path>,
    ) -> Option<Overrules> {
        let shown = self.shown();
        let Self {
            shown_file,
            all_notes,
            ..
        } = self;
        let file = shown_file
            .as_mut()
            .filter(|file| Some(file.path.as_path()) == source && is_overrulable(file.format));
        if notes.is_empty() && file.is_none() {
            return None;
        }
        let frame = egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
            .corner_radius(4)
            .inner_margin(egui::Margin::symmetric(6, 2));
        frame
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let asked = match file {
                    Some(file) if ui.available_width() >= NARROW => {
                        egui::Sides::new()
                            .spacing(ui.spacing().item_spacing.x * 2.0)
                            .shrink_left()
                            .truncate()
                            .show(
                                ui,
                                |ui| notes_line_ui(ui, notes, all_notes),
                                |ui| {
                                    let asked = controls_ui(ui, file, shown, true);
                                    if !notes.is_empty() {
                                        // Laid out right to left: between the notes
                                        // and the controls.
                                        ui.separator();
                                    }
                                    asked
                                },
                            )
                            .1
                    }
                    file => {
                        if !notes.is_empty() {
                            ui.horizontal(|ui| {
                                ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
                                notes_line_ui(ui, notes, all_notes);
                            });
                        }
                        file.and_then(|file| {
                            ui.horizontal_wrapped(|ui| controls_ui(ui, file, shown, false))
                                .inner
                        })
                    }
                };
                if *all_notes && !notes.is_empty() {
                    all_notes_ui(ui, notes);
                }
                asked
            })
            .inner
    }
}

/// True for a layout whose dates and header row the reader guessed (every table, not
/// the app's JSON document).
fn is_overrulable(format: Format) -> bool {
    !matches!(format, Format::Json | Format::EventsCsv)
}

/// True for a file that exists and is not a JSON document: a table whose header row
/// or dates may have been guessed wrong.
fn might_be_a_table(path: &Path) -> bool {
    let json = path
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
    path.is_file() && !json
}

/// The frequency most of the dataset's series start with, if it has any points.
fn frequency_of(dataset: &Dataset) -> Option<Frequency> {
    let mut counts = [0_usize; Frequency::ALL.len()];
    for series in &dataset.series {
        if let Some(point) = series.points.first() {
            let frequency = Frequency::of(&point.period);
            if let Some(index) = Frequency::ALL.iter().position(|f| *f == frequency) {
                counts[index] += 1;
            }
        }
    }
    let (index, count) = counts
        .iter()
        .enumerate()
        .max_by_key(|(index, count)| (**count, std::cmp::Reverse(*index)))?;
    (*count > 0).then(|| Frequency::ALL[index])
}

/// The notes on one line: whole ones while they fit, then the one that does not,
/// cut short; "All notes" lists every one underneath.
fn notes_line_ui(ui: &mut Ui, notes: &[String], all_notes: &mut bool) {
    if notes.is_empty() {
        return;
    }
    if *all_notes {
        if ui
            .button("One line")
            .on_hover_text("Show the notes on one line again")
            .clicked()
        {
            *all_notes = false;
        }
        return;
    }
    let gap = ui.spacing().item_spacing.x * 2.0 + 1.0;
    let width: f32 = notes
        .iter()
        .map(|note| text_width(ui, note) + gap)
        .sum::<f32>()
        - gap;
    if width > ui.available_width()
        && ui
            .button(format!("All notes ({})", notes.len()))
            .on_hover_text("List every note on how the file was read")
            .clicked()
    {
        *all_notes = true;
    }
    for (index, note) in notes.iter().enumerate() {
        if index > 0 {
            ui.separator();
        }
        let fits = text_width(ui, note) <= ui.available_width();
        ui.add(Label::new(note.as_str()).truncate())
            .on_hover_text(note.as_str());
        if !fits {
            break;
        }
    }
}

/// Every note, one per line, wrapped.
fn all_notes_ui(ui: &mut Ui, notes: &[String]) {
    egui::ScrollArea::vertical()
        .id_salt("tradechart-all-notes")
        .max_height(ALL_NOTES_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for note in notes {
                ui.add(Label::new(note.as_str()).wrap());
            }
        });
}

/// The width `text` takes on one line in the body font.
fn text_width(ui: &Ui, text: &str) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(
            ui,
            Some(TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
}

/// "Read periods as [Inferred (months) ▾]" and "Header row [Found ▾]". Laid out right
/// to left (`right_to_left`), each control is added before its label.
fn controls_ui(
    ui: &mut Ui,
    file: &mut ShownFile,
    shown: Overrules,
    right_to_left: bool,
) -> Option<Overrules> {
    let mut asked = shown;
    let inferred = file.inferred;
    let frequency = |ui: &mut Ui, chosen: &mut Option<Frequency>| {
        labelled(ui, READ_PERIODS_AS, right_to_left, |ui| {
            frequency_combo_ui(ui, "tradechart-read-periods-as", inferred, chosen)
        });
    };
    let header = |ui: &mut Ui, file: &mut ShownFile, chosen: &mut Option<usize>| {
        labelled(ui, HEADER_ROW, right_to_left, |ui| {
            header_combo_ui(
                ui,
                "tradechart-header-row",
                &file.path,
                &mut file.head,
                chosen,
            )
        });
    };
    if right_to_left {
        header(ui, file, &mut asked.header_line);
        ui.add_space(8.0);
        frequency(ui, &mut asked.frequency);
    } else {
        frequency(ui, &mut asked.frequency);
        ui.add_space(8.0);
        header(ui, file, &mut asked.header_line);
    }
    (asked != shown).then_some(asked)
}

/// A label and the control it names, in reading order whatever the layout's direction.
fn labelled(ui: &mut Ui, text: &str, right_to_left: bool, add: impl FnOnce(&mut Ui) -> Response) {
    if right_to_left {
        let control = add(ui);
        let label = ui.label(text);
        let _ = control.labelled_by(label.id);
    } else {
        let label = ui.label(text);
        let _ = add(ui).labelled_by(label.id);
    }
}

/// `Years` for yearly.
fn frequency_text(frequency: Frequency) -> String {
    let plural = frequency.plural();
    let mut chars = plural.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The frequency list: "Inferred (months)", then each frequency.
fn frequency_combo_ui(
    ui: &mut Ui,
    id_salt: &str,
    inferred: Option<Frequency>,
    chosen: &mut Option<Frequency>,
) -> Response {
    let inferred_text = match inferred {
        Some(frequency) => format!("Inferred ({})", frequency.plural()),
        None => "Inferred".to_string(),
    };
    let selected = chosen.map_or_else(|| inferred_text.clone(), frequency_text);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(selected)
        .width(130.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, inferred_text)
                .on_hover_text("As the dates say: first-of-month dates a month apart are months");
            for frequency in Frequency::ALL {
                ui.selectable_value(chosen, Some(frequency), frequency_text(frequency));
            }
        })
        .response
        .on_hover_text(
            "How the dates are read: as inferred from them, or as years, quarters, months \
             or days (FRED writes every period as its first day)",
        )
}

/// The header row list of the file at `path`: "Found", then its first lines (rows of
/// a sheet), read into `head` when the list is first opened.
fn header_combo_ui(
    ui: &mut Ui,
    id_salt: &str,
    path: &Path,
    head: &mut Option<Vec<String>>,
    chosen: &mut Option<usize>,
) -> Response {
    let word = if is_workbook(path) { "Row" } else { "Line" };
    let selected = chosen.map_or_else(|| HEADER_FOUND.to_string(), |line| format!("{word} {line}"));
    let current = *chosen;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(selected)
        .width(90.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, HEADER_FOUND)
                .on_hover_text("The row the reader took for the column names");
            let head = head.get_or_insert_with(|| head_lines(path));
            let count = if head.is_empty() {
                HEAD_LINES
            } else {
                head.len()
            };
            for line in 1..=count {
                let text = match head.get(line - 1) {
                    Some(text) => format!("{word} {line}: {text}"),
                    None => format!("{word} {line}"),
                };
                ui.selectable_value(chosen, Some(line), text);
            }
            if let Some(line) = current.filter(|line| *line > count) {
                ui.selectable_value(chosen, Some(line), format!("{word} {line}"));
            }
        })
        .response
        .on_hover_text("The row that holds the column names: as found, or the one you pick")
}

/// True for a spreadsheet, whose header is a row rather than a line of text.
fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            ["xlsx", "xlsm", "xls", "ods"]
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
        })
}

/// The first lines of a text file, each cut to a readable length; none for a
/// spreadsheet or a file that cannot be read (then only line numbers are offered).
fn head_lines(path: &Path) -> Vec<String> {
    if is_workbook(path) {
        return Vec::new();
    }
    let mut bytes = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|file| file.take(HEAD_BYTES).read_to_end(&mut bytes));
    if read.is_err() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&bytes);
    text.trim_start_matches('\u{feff}')
        .lines()
        .take(HEAD_LINES)
        .map(|line| {
            let line = line.trim_end();
            if line.is_empty() {
                "(empty)".to_string()
            } else if line.chars().count() > HEAD_LINE_CHARS {
                let cut: String = line.chars().take(HEAD_LINE_CHARS).collect();
                format!("{cut}…")
            } else {
                line.to_string()
            }
        })
        .collect()
}

impl TradeChartApp {
    /// The overrules the file shown was read with (none for the embedded dataset).
    pub fn overrules(&self) -> Overrules {
        self.files.interpretation.shown()
    }

    /// How the file shown was read: its selection and overrules.
    pub fn load_options(&self) -> LoadOptions {
        self.overrules()
            .load_options(self.selection().cloned().unwrap_or_default())
    }

    /// Reads the file shown again with `overrules` (in the background, keeping the
    /// partner chosen and the view); the embedded dataset has none to overrule. A
    /// file that fails to read so leaves the chart and its overrules as they were.
    pub fn overrule(&mut self, overrules: Overrules) {
        let Some(source) = self.document.source.clone() else {
            return;
        };
        self.files.interpretation.ask(&source, overrules);
        self.files.start_load(&source, LoadKind::Reload);
    }

    /// Opens `path` with `overrules` (a file refused, tried again with another header
    /// row or frequency).
    pub fn open_path_overruled(&mut self, path: &Path, overrules: Overrules) {
        self.files.interpretation.ask(path, overrules);
        self.open_path(path);
    }

    /// The strip under the toolbar; returns the command when an overrule changed.
    pub(in crate::app) fn interpretation_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        self.files
            .interpretation
            .ui(ui, &self.document.notes, self.document.source.as_deref())
            .map(Command::Overrule)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::{Period, Point, Series};

    fn series(periods: &[Period]) -> Series {
        Series {
            name: "s".to_string(),
            unit: Default::default(),
            step: false,
            source: None,
            points: periods
                .iter()
                .map(|period| Point::new(*period, Some(1.0)))
                .collect(),
        }
    }

    #[test]
    fn the_inferred_frequency_is_that_of_most_series() {
        let months = series(&[Period::Month(2018, 1), Period::Month(2018, 2)]);
        let years = series(&[Period::Year(2018)]);
        let dataset = Dataset {
            series: vec![months.clone(), years, months],
            ..Dataset::default()
        };
        assert_eq!(frequency_of(&dataset), Some(Frequency::Monthly));
        assert_eq!(frequency_of(&Dataset::default()), None);
    }

    #[test]
    fn head_lines_are_cut_to_a_readable_length() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("titled.csv");
        let long = "x".repeat(100);
        std::fs::write(&path, format!("\u{feff}Title\r\n\r\n{long}\nYear,Value\n")).unwrap();
        let lines = head_lines(&path);
        assert_eq!(lines[0], "Title");
        assert_eq!(lines[1], "(empty)");
        assert_eq!(lines[2].chars().count(), HEAD_LINE_CHARS + 1);
        assert_eq!(lines[3], "Year,Value");
        assert!(head_lines(&folder.path().join("book.xlsx")).is_empty());
    }

    #[test]
    fn overrules_and_options_agree() {
        let overrules = Overrules {
            frequency: Some(Frequency::Monthly),
            header_line: Some(3),
        };
        let options = overrules.load_options(Selection::parse("partner=China").unwrap());
        assert_eq!(Overrules::of(&options), overrules);
        assert_eq!(options.selection.to_string(), "partner=China");
    }
}
