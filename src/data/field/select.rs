//! Which part of a many-partner file to read: the [`Selection`] a user gives
//! (`--select partner=China`, or a pick in the window's chooser) and the [`Choices`] a
//! reader offers when none was given.

use std::fmt;
use std::str::FromStr;

use super::super::format::Format;
use super::super::period::Frequency;

/// How to load a file: which part of it to read, and the user's word on the two
/// guesses that matter most (the frequency of its periods and its header row).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Which partner, country or indicator to read from a file that holds several.
    pub selection: Selection,
    /// Read the periods as this frequency instead of the one inferred from the dates.
    pub frequency: Option<Frequency>,
    /// The 1-based line of the file (row of the sheet) that holds the column names,
    /// instead of the one found.
    pub header_line: Option<usize>,
    /// The memory a file may take to read (the machine's, unless a test gives less).
    pub memory: super::super::limits::Memory,
}

impl LoadOptions {
    /// Options that only select.
    pub fn selecting(selection: Selection) -> LoadOptions {
        LoadOptions {
            selection,
            ..LoadOptions::default()
        }
    }

    /// True when the user overruled a guess (frequency or header row).
    pub fn overrules(&self) -> bool {
        self.frequency.is_some() || self.header_line.is_some()
    }
}

/// `key=value` pairs that pick rows out of a field file, written
/// `partner=China`, `country=CHN,indicator=NE.EXP.GNFS.CD`, or a bare value
/// (`China`) that matches whatever the file's first choice is about. A value may name
/// several with `|` (`indicator=NE.EXP.GNFS.CD|NE.IMP.GNFS.CD`). A comma only
/// separates pairs when a `key=` follows it, so `partner=Korea, South` is one value.
/// Keys are compared ignoring case; values are compared ignoring case with a
/// partner's (country's, indicator's) name or code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    /// Keys lower-cased; an empty key is a bare value.
    pairs: Vec<(String, String)>,
}

impl Selection {
    /// Reads the text form; the error says what was expected.
    pub fn parse(text: &str) -> Result<Selection, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in split_pairs(text) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (key, value) = match part.split_once('=') {
                Some((key, value)) if is_key(key) => (key.trim().to_lowercase(), value.trim()),
                _ => (String::new(), part),
            };
            if value.is_empty() {
                return Err(format!(
                    "expected a value after \"{key}=\" in the selection, found nothing"
                ));
            }
            if pairs.iter().any(|(seen, _)| *seen == key) {
                return Err(if key.is_empty() {
                    format!("expected one bare value in the selection, found another: \"{value}\"")
                } else {
                    format!("expected \"{key}\" once in the selection, found it again")
                });
            }
            pairs.push((key, value.to_string()));
        }
        Ok(Selection { pairs })
    }

    /// The `(key, value)` pairs in order: keys lower-cased, an empty key for a bare
    /// value.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// No choice made.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// This selection with `key` set to `value` (replacing what it said before).
    #[must_use]
    pub fn with(&self, key: &str, value: &str) -> Selection {
        let key = key.trim().to_lowercase();
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(seen, _)| *seen != key)
            .cloned()
            .collect();
        pairs.push((key, value.trim().to_string()));
        Selection { pairs }
    }

    /// This selection without `key`.
    #[must_use]
    pub fn without(&self, key: &str) -> Selection {
        let key = key.trim().to_lowercase();
        Selection {
            pairs: self
                .pairs
                .iter()
                .filter(|(seen, _)| *seen != key)
                .cloned()
                .collect(),
        }
    }

    /// The values given for any of `keys` (the `|` alternatives), or none.
    pub fn values(&self, keys: &[&str]) -> Option<Vec<&str>> {
        self.pairs
            .iter()
            .find(|(key, _)| keys.contains(&key.as_str()))
            .map(|(_, value)| {
                value
                    .split('|')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .collect()
            })
    }

    /// The bare value, if one was given.
    pub fn bare(&self) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key.is_empty())
            .map(|(_, value)| value.as_str())
    }

    /// A problem for the first key not among `known`, naming the keys that are.
    pub fn unknown_key(&self, known: &[&str]) -> Option<String> {
        self.pairs
            .iter()
            .find(|(key, _)| !key.is_empty() && !known.contains(&key.as_str()))
            .map(|(key, _)| {
                format!(
                    "expected a selection key {}, found \"{key}\"",
                    known.join(", ")
                )
            })
    }
}

/// True for `partner`, `cty_code`: a word that can be a key.
fn is_key(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Splits at the commas that a `key=` follows.
fn split_pairs(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (index, _) in text.match_indices(',') {
        let rest = &text[index + 1..];
        if rest.split_once('=').is_some_and(|(key, _)| is_key(key)) {
            parts.push(&text[start..index]);
            start = index + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

impl fmt::Display for Selection {
    /// The text form [`Selection::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| {
                if key.is_empty() {
                    value.clone()
                } else {
                    format!("{key}={value}")
                }
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

impl FromStr for Selection {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Selection::parse(text)
    }
}

/// The choices a file offers when it holds several partners (countries, indicators)
/// and the selection does not say which.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choices {
    /// The layout the file was read as.
    pub format: Format,
    /// What is to be chosen, singular: `partner`, `country`, `indicator`.
    pub what: String,
    /// Each choice, in the file's order.
    pub options: Vec<Choice>,
}

/// One thing to choose: a label for people and the selection that loads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub selection: Selection,
    /// An aggregate (World, a region, an income group) rather than one country or
    /// partner: listed apart from the others.
    pub aggregate: bool,
}

/// Choices listed in a message before the rest are counted.
const LISTED: usize = 12;

impl Choices {
    /// What is chosen, plural: `partners`, `countries`.
    pub fn what_plural(&self) -> String {
        plural(&self.what)
    }

    /// `holds 3 partners; choose one with --select: partner=China (China), …`.
    pub fn message(&self) -> String {
        let listed: Vec<String> = self
            .options
            .iter()
            .take(LISTED)
            .map(|choice| {
                // `partner=China`, or `indicator=NE.EXP.GNFS.CD (Exports of …)` when
                // the value alone does not say what it is.
                let text = choice.selection.to_string();
                let value = text.rsplit('=').next().unwrap_or_default();
                let label = choice
                    .label
                    .strip_suffix(&format!(" ({value})"))
                    .unwrap_or(&choice.label);
                if label.starts_with(value) {
                    text
                } else {
                    format!("{text} ({label})")
                }
            })
            .collect();
        let more = self.options.len().saturating_sub(LISTED);
        let tail = if more > 0 {
            format!(", … and {more} more")
        } else {
            String::new()
        };
        format!(
            "holds {} {}; choose one with --select: {}{tail}",
            self.options.len(),
            plural(&self.what),
            listed.join(", ")
        )
    }
}

/// `partner` → `partners`, `country` → `countries`.
pub(crate) fn plural(word: &str) -> String {
    if word.ends_with('s') {
        return word.to_string();
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o']) => format!("{stem}ies"),
        _ => format!("{word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_bare_values_and_commas_inside_names() {
        let selection = Selection::parse("country=CHN,indicator=NE.EXP.GNFS.CD").unwrap();
        assert_eq!(selection.values(&["country"]), Some(vec!["CHN"]));
        assert_eq!(
            selection.values(&["indicator"]),
            Some(vec!["NE.EXP.GNFS.CD"])
        );
        let korea = Selection::parse("partner=Korea, South,frequency=yearly").unwrap();
        assert_eq!(korea.values(&["partner"]), Some(vec!["Korea, South"]));
        assert_eq!(korea.values(&["frequency"]), Some(vec!["yearly"]));
        assert_eq!(Selection::parse("China").unwrap().bare(), Some("China"));
        let two = Selection::parse("indicator=A|B").unwrap();
        assert_eq!(two.values(&["indicator"]), Some(vec!["A", "B"]));
    }

    #[test]
    fn writes_what_it_reads() {
        for text in [
            "partner=China",
            "country=CHN,indicator=NE.EXP.GNFS.CD",
            "China",
        ] {
            assert_eq!(Selection::parse(text).unwrap().to_string(), text);
        }
        let selection = Selection::default()
            .with("country", "CHN")
            .with("country", "USA");
        assert_eq!(selection.to_string(), "country=USA");
    }

    #[test]
    fn refuses_empty_values_and_repeated_keys() {
        assert!(Selection::parse("partner=").is_err());
        assert!(Selection::parse("partner=A,partner=B").is_err());
        assert!(Selection::parse("").unwrap().is_empty());
    }

    #[test]
    fn names_unknown_keys() {
        let selection = Selection::parse("colour=red").unwrap();
        let message = selection.unknown_key(&["partner"]).unwrap();
        assert!(message.contains("found \"colour\""), "{message}");
    }
}
