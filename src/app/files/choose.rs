//! The chooser: when a file holds several partners, countries or indicators (Census
//! `country.xlsx`, WDI, a long table of 200 countries) and nothing says which, the
//! window lists them and reads the file again with the one picked, or with several
//! ticked and shown together. It never guesses; until a choice is made the chart stays
//! as it was. Countries come first, aggregates (World, regions, income groups) under a
//! heading of their own, each listed by name; the filter box, which has the keyboard
//! when the chooser opens, narrows both and Enter opens the one left. The selection
//! is remembered for the file shown, so Reload and a change on disk read the same
//! partner again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eframe::egui;
use egui::{RichText, Ui};

use crate::app::TradeChartApp;
use crate::app::loader::LoadKind;
use crate::app::per_file::PerFile;
use crate::data::{Choice, Choices, Selection};

/// The heading over the aggregates, listed after the countries.
pub const AGGREGATES_HEADING: &str = "Aggregates: regions, income groups, World";
/// The button that charts the ticked choices together.
pub const SHOW_TICKED: &str = "Show";
/// Height of the list before it scrolls, in points.
const LIST_HEIGHT: f32 = 320.0;

/// What the chooser holds (a field of the File state).
#[derive(Default)]
pub struct ChooseState {
    /// The file waiting for a choice, its choices, the filter typed and the ticks.
    asking: Option<Asking>,
    /// The selection asked for, in flight and shown, per file.
    selection: PerFile<Selection>,
}

struct Asking {
    path: PathBuf,
    choices: Choices,
    filter: String,
    /// True until the filter box has been given the keyboard (when the chooser opens).
    focus_filter: bool,
    /// The choices ticked to be shown together, by index into `choices.options`.
    ticked: BTreeSet<usize>,
    /// True when the choice is for File → Add series from file…, not to open the file.
    adding: bool,
}

/// What the user did in the chooser.
enum Action {
    Pick(Selection),
    Cancel,
}

impl ChooseState {
    /// Reads `path` with `selection` when it is next opened.
    pub(in crate::app) fn read_with(&mut self, path: &Path, selection: Selection) {
        self.selection.ask(path, selection);
    }

    /// The selection to read `path` with for a load of `kind`, remembered as the one
    /// in flight: a choice just made, or for a Reload the file's own.
    pub(in crate::app) fn selection_for_load(
        &mut self,
        path: &Path,
        kind: LoadKind,
    ) -> Option<Selection> {
        self.selection.for_load(path, kind)
    }

    /// The selection the load in flight reads its file with, if any.
    pub(in crate::app) fn in_flight(&self) -> Option<&Selection> {
        self.selection.in_flight()
    }

    /// A data file was shown: it was read with the selection in flight, if any.
    pub(in crate::app) fn loaded(&mut self) {
        self.selection.loaded();
        self.asking = None;
    }

    /// The file needs a choice: show the chooser.
    /// The choices are listed by name (the reader's order is the file's, often by code).
    pub(in crate::app) fn ask(&mut self, path: &Path, choices: Choices) {
        self.selection.drop_in_flight();
        self.show(path, choices, false);
    }

    /// The file whose series are being added needs a choice: show the chooser, whose
    /// pick adds that part of the file to the chart shown.
    pub(in crate::app) fn ask_to_add(&mut self, path: &Path, choices: Choices) {
        self.show(path, choices, true);
    }

    fn show(&mut self, path: &Path, mut choices: Choices, adding: bool) {
        choices
            .options
            .sort_by_cached_key(|choice| name_order(&choice.label));
        self.asking = Some(Asking {
            path: path.to_path_buf(),
            choices,
            filter: String::new(),
            focus_filter: true,
            ticked: BTreeSet::new(),
            adding,
        });
    }
}

impl TradeChartApp {
    /// The choices of the file waiting for one (the chooser is open), if any.
    pub fn pending_choices(&self) -> Option<&Choices> {
        self.files
            .choose
            .asking
            .as_ref()
            .map(|asking| &asking.choices)
    }

    /// The selection the file shown was read with (`partner=China`), if any.
    pub fn selection(&self) -> Option<&Selection> {
        self.files.choose.selection.shown()
    }

    /// Opens `path` reading the part `selection` picks (in the background, as
    /// [`Self::open_path`]).
    pub fn open_path_with(&mut self, path: &Path, selection: Selection) {
        self.files.choose.read_with(path, selection);
        self.open_path(path);
    }

    /// Answers the chooser with `selection`: the waiting file is read with it.
    pub fn choose(&mut self, selection: Selection) {
        match self.files.choose.asking.take() {
            Some(asking) if asking.adding => self.add_series_from(&asking.path, selection),
            Some(asking) => self.open_path_with(&asking.path, selection),
            None => {}
        }
    }

    /// The chooser window, while a file waits for a choice.
    pub(in crate::app) fn choose_ui(&mut self, ctx: &egui::Context) {
        let Some(asking) = &mut self.files.choose.asking else {
            return;
        };
        let mut action = None;
        let mut keep_open = true;
        egui::Window::new(format!("Choose {}", with_article(&asking.choices.what)))
            .collapsible(false)
            .open(&mut keep_open)
            .default_width(440.0)
            .show(ctx, |ui| {
                action = chooser_ui(ui, asking);
            });
        if !keep_open {
            action = Some(Action::Cancel);
        }
        match action {
            Some(Action::Pick(selection)) => self.choose(selection),
            Some(Action::Cancel) => {
                self.files.choose.asking = None;
                // The frequency or header row asked for it goes too.
                self.files.interpretation.forget_asked();
            }
            None => {}
        }
    }
}

/// A key that orders names as a reader expects: without regard to case, and numbers by
/// their value ("Region 2" before "Region 10").
fn name_order(name: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for character in name.chars().flat_map(char::to_lowercase) {
        if character.is_ascii_digit() {
            digits.push(character);
        } else {
            if !digits.is_empty() {
                key.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(character);
        }
    }
    key.push((text, digits.parse().unwrap_or(0)));
    key
}

/// `a partner`, `an indicator`.
fn with_article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|first| "aeiouAEIOU".contains(first));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// `Countries` from `countries`.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when `choice` matches the filter text (already lower-cased and trimmed): by
/// its label or its selection (`country=FRA`).
fn matches_filter(choice: &Choice, filter: &str) -> bool {
    filter.is_empty()
        || choice.label.to_lowercase().contains(filter)
        || choice.selection.to_string().to_lowercase().contains(filter)
}

/// The list of choices with a filter and ticks; returns what was clicked.
fn chooser_ui(ui: &mut Ui, asking: &mut Asking) -> Option<Action> {
    let mut action = None;
    let file = asking
        .path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let count = asking.choices.options.len();
    let plural = asking.choices.what_plural();
    let verb = if asking.adding {
        "add it to the chart"
    } else {
        "chart it"
    };
    ui.label(format!(
        "{file} holds {count} {plural}. Click one to {verb}, or tick several and press {SHOW_TICKED}."
    ));
    let (filter, entered) = filter_ui(ui, asking);
    let (countries, aggregates): (Vec<usize>, Vec<usize>) = asking
        .choices
        .options
        .iter()
        .enumerate()
        .filter(|(_, choice)| matches_filter(choice, &filter))
        .map(|(index, _)| index)
        .partition(|index| !asking.choices.options[*index].aggregate);
    if entered
        && countries.len() + aggregates.len() == 1
        && let Some(index) = countries.first().or(aggregates.first())
    {
        // Enter in the filter box picks the one choice left.
        action = Some(Action::Pick(
            asking.choices.options[*index].selection.clone(),
        ));
    }
    let has_aggregates = asking.choices.options.iter().any(|choice| choice.aggregate);
    egui::ScrollArea::vertical()
        .max_height(LIST_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if countries.is_empty() && aggregates.is_empty() {
                ui.label(
                    RichText::new(format!("No {plural} match \"{}\"", asking.filter.trim())).weak(),
                );
            }
            if has_aggregates && !countries.is_empty() {
                ui.label(RichText::new(capitalised(&plural)).strong());
            }
            for index in countries {
                action = choice_row_ui(ui, asking, index).or(action.take());
            }
            if !aggregates.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new(AGGREGATES_HEADING).strong());
                for index in aggregates {
                    action = choice_row_ui(ui, asking, index).or(action.take());
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let ticked: Vec<&Choice> = asking
            .ticked
            .iter()
            .filter_map(|index| asking.choices.options.get(*index))
            .collect();
        let together = joined(
            &ticked
                .iter()
                .map(|choice| &choice.selection)
                .collect::<Vec<_>>(),
        );
        let show = ui
            .add_enabled(together.is_some(), egui::Button::new(SHOW_TICKED))
            .on_hover_text(format!("Chart the ticked {plural} together"))
            .on_disabled_hover_text(if ticked.is_empty() {
                format!("Tick the {plural} to chart together")
            } else {
                "These cannot be charted together".to_string()
            });
        if show.clicked()
            && let Some(selection) = together
        {
            action = Some(Action::Pick(selection));
        }
        if ui.button("Cancel").clicked() {
            action = Some(Action::Cancel);
        }
        if !ticked.is_empty() {
            let names: Vec<&str> = ticked.iter().map(|choice| choice.label.as_str()).collect();
            ui.add(
                egui::Label::new(format!("{} ticked: {}", ticked.len(), names.join(", ")))
                    .truncate(),
            );
        }
    });
    action
}

/// The filter box, which has the keyboard when the chooser opens; returns its text
/// lower-cased and trimmed, and whether Enter was pressed in it.
fn filter_ui(ui: &mut Ui, asking: &mut Asking) -> (String, bool) {
    let entered = ui
        .horizontal(|ui| {
            let label = ui.label("Filter");
            let field = ui
                .text_edit_singleline(&mut asking.filter)
                .labelled_by(label.id)
                .on_hover_text("Type part of a name or code; Enter picks the one left");
            if std::mem::take(&mut asking.focus_filter) {
                field.request_focus();
            }
            field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter))
        })
        .inner;
    (asking.filter.trim().to_lowercase(), entered)
}

/// One choice: a tick to chart it with others, and its name, which charts it alone.
fn choice_row_ui(ui: &mut Ui, asking: &mut Asking, index: usize) -> Option<Action> {
    let choice = asking.choices.options.get(index)?;
    let mut action = None;
    ui.horizontal(|ui| {
        let mut ticked = asking.ticked.contains(&index);
        let tick = ui
            .add(egui::Checkbox::without_text(&mut ticked))
            .on_hover_text(format!(
                "Tick to chart several together, then press {SHOW_TICKED}"
            ));
        // Named for screen readers (and tests) apart from the name's button.
        tick.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                ticked,
                format!("Include {}", choice.label),
            )
        });
        if tick.changed() {
            if ticked {
                asking.ticked.insert(index);
            } else {
                asking.ticked.remove(&index);
            }
        }
        if ui
            .button(&choice.label)
            .on_hover_text(if asking.adding {
                format!("Add it to the chart (--add FILE:{})", choice.selection)
            } else {
                format!("Chart it alone (--select {})", choice.selection)
            })
            .clicked()
        {
            action = Some(Action::Pick(choice.selection.clone()));
        }
    });
    action
}

/// One selection that reads all of `selections`: the values of the one key they
/// differ in joined with `|` (`country=FRA|DEU`), which the readers take as several.
/// `None` when there are none, or they differ in their keys or in more than one value.
fn joined(selections: &[&Selection]) -> Option<Selection> {
    let (first, rest) = selections.split_first()?;
    let first = first.pairs();
    let mut values: Vec<Vec<String>> = first.iter().map(|(_, value)| vec![value.clone()]).collect();
    for selection in rest {
        let pairs = selection.pairs();
        if pairs.len() != first.len() {
            return None;
        }
        for (((key, value), (first_key, _)), seen) in pairs.iter().zip(first).zip(values.iter_mut())
        {
            if key != first_key {
                return None;
            }
            if !seen.contains(value) {
                seen.push(value.clone());
            }
        }
    }
    if values.iter().filter(|values| values.len() > 1).count() > 1 {
        return None;
    }
    let mut selection = Selection::default();
    for ((key, _), values) in first.iter().zip(values) {
        selection = selection.with(key, &values.join("|"));
    }
    Some(selection)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    fn selection(text: &str) -> Selection {
        Selection::parse(text).unwrap()
    }

    #[test]
    fn several_choices_join_their_values_with_a_bar() {
        let (france, germany) = (selection("country=FRA"), selection("country=DEU"));
        assert_eq!(
            joined(&[&france, &germany]).unwrap().to_string(),
            "country=FRA|DEU"
        );
        let (exports, imports) = (
            selection("country=CHN,indicator=NE.EXP"),
            selection("country=CHN,indicator=NE.IMP"),
        );
        assert_eq!(
            joined(&[&exports, &imports]).unwrap().to_string(),
            "country=CHN,indicator=NE.EXP|NE.IMP"
        );
        let (korea, mexico) = (
            selection("partner=Korea, South"),
            selection("partner=Mexico"),
        );
        assert_eq!(
            joined(&[&korea, &mexico]).unwrap().to_string(),
            "partner=Korea, South|Mexico"
        );
        assert_eq!(
            joined(&[&selection("China"), &selection("Mexico")])
                .unwrap()
                .to_string(),
            "China|Mexico"
        );
        assert_eq!(joined(&[&france]).unwrap(), france);
    }

    #[test]
    fn names_are_ordered_by_their_words_then_their_numbers() {
        let mut names = vec!["Country 10", "china (5700)", "Country 2", "Canada (1220)"];
        names.sort_by_cached_key(|name| name_order(name));
        assert_eq!(
            names,
            ["Canada (1220)", "china (5700)", "Country 2", "Country 10"]
        );
    }

    #[test]
    fn choices_that_differ_in_two_keys_are_not_joined() {
        let (one, two) = (
            selection("country=CHN,indicator=A"),
            selection("country=USA,indicator=B"),
        );
        assert_eq!(joined(&[&one, &two]), None);
        assert_eq!(
            joined(&[&selection("partner=A"), &selection("country=B")]),
            None
        );
        assert_eq!(joined(&[]), None);
    }
}
