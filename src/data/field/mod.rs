//! Files from the field, read as they come: the Census "Trade in Goods with …" table
//! saved from the web, the Census `country.xlsx` layout, World Bank WDI CSV and UN
//! Comtrade CSV; and the [`Selection`] that picks one partner, country or indicator
//! out of a file that holds many (the app never guesses which).

pub mod census_c5700;
pub mod census_country;
pub mod comtrade;
pub mod select;
pub mod wdi;

pub use select::{Choice, Choices, LoadOptions, Selection};

use super::model::Dataset;
use super::problem::Problem;

/// What a field reader found: the data, or the need for a choice.
#[derive(Clone, Debug)]
pub enum FieldRead {
    /// The selected (or only) series, with remarks for the user.
    Data {
        dataset: Dataset,
        notes: Vec<String>,
    },
    /// The file holds several partners (or countries, indicators) and the selection
    /// does not say which: the choices, each a selection that loads it.
    Choose(Choices),
}

/// The result of a field reader: problems are found before any choice is asked for,
/// so `check` without `--select` still validates the whole file.
pub type FieldResult = Result<FieldRead, Vec<Problem>>;

/// Short English month names, January first.
pub const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Jan–Mar only`: the words a partial year carries (a point's note, a tooltip), from
/// the 1-based months that hold data. Empty when all twelve are there.
pub fn partial_year_note(months: &[u8]) -> String {
    if months.len() >= 12 || months.is_empty() {
        return String::new();
    }
    let name = |month: u8| {
        MONTH_ABBREVIATIONS
            .get(usize::from(month.max(1)) - 1)
            .copied()
            .unwrap_or("?")
    };
    let first = months.iter().copied().min().unwrap_or(1);
    let last = months.iter().copied().max().unwrap_or(1);
    let contiguous = usize::from(last - first) + 1 == months.len();
    if months.len() == 1 {
        format!("{} only", name(first))
    } else if contiguous {
        format!("{}–{} only", name(first), name(last))
    } else {
        let names: Vec<&str> = months.iter().map(|month| name(*month)).collect();
        format!("{} only", names.join(", "))
    }
}

/// A partner, country or indicator a file holds data for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entity {
    pub code: String,
    pub name: String,
}

impl Entity {
    /// True when `wanted` is this entity's code or name, ignoring case.
    fn is(&self, wanted: &str) -> bool {
        let wanted = folded(wanted);
        folded(&self.code) == wanted || folded(&self.name) == wanted
    }

    /// The value a selection names it by: the name, unless the name would not survive
    /// the selection's text form.
    pub fn selection_value(&self) -> &str {
        if self.name.trim().is_empty() || self.name.contains(['|', '=']) {
            &self.code
        } else {
            &self.name
        }
    }

    /// `China (5700)`.
    pub fn label(&self) -> String {
        if self.code.is_empty() || self.code == self.name {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.code)
        }
    }
}

/// Which of `entities` a selection asks for: `Ok(None)` when it names none, else the
/// indexes of those it names; an error naming the value the file does not hold.
pub(crate) fn pick(
    entities: &[Entity],
    wanted: Option<Vec<&str>>,
    what: &str,
) -> Result<Option<Vec<usize>>, Problem> {
    let Some(wanted) = wanted else {
        return Ok(None);
    };
    let mut picked = Vec::new();
    for value in wanted {
        let Some(index) = entities.iter().position(|entity| entity.is(value)) else {
            let held: Vec<String> = entities.iter().take(12).map(Entity::label).collect();
            let more = entities.len().saturating_sub(12);
            let tail = if more > 0 {
                format!(", … and {more} more")
            } else {
                String::new()
            };
            return Err(Problem::whole_file(format!(
                "expected a {what} the file holds ({}{tail}), found \"{value}\"",
                held.join(", ")
            )));
        };
        if !picked.contains(&index) {
            picked.push(index);
        }
    }
    Ok(Some(picked))
}

/// The choices of one `key` among `entities`, each added to `base`.
pub(crate) fn choices_of(
    format: super::Format,
    what: &str,
    key: &str,
    entities: &[Entity],
    base: &Selection,
    by_code: bool,
) -> Choices {
    Choices {
        format,
        what: what.to_string(),
        options: entities
            .iter()
            .map(|entity| Choice {
                label: entity.label(),
                aggregate: false,
                selection: base.with(
                    key,
                    if by_code && !entity.code.is_empty() {
                        &entity.code
                    } else {
                        entity.selection_value()
                    },
                ),
            })
            .collect(),
    }
}

/// Lower-cased and trimmed, for comparing names and codes as a person would.
pub(crate) fn folded(text: &str) -> String {
    text.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_years_say_which_months() {
        assert_eq!(partial_year_note(&[1, 2, 3]), "Jan–Mar only");
        assert_eq!(partial_year_note(&[4]), "Apr only");
        assert_eq!(partial_year_note(&[1, 3]), "Jan, Mar only");
        assert_eq!(partial_year_note(&(1..=12).collect::<Vec<_>>()), "");
    }
}
