//! Units of measure: read from column headers, compared after normalising spellings.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A unit as the user should read it on an axis, e.g. `USD bn` or `%`.
/// Empty when the file does not say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit(String);

impl Unit {
    /// A unit from any common spelling: `percent`, `pct` and `[%]` become `%`;
    /// `USD billions`, `$bn`, `billions of dollars` become `USD bn`; likewise for
    /// millions (`USD mn`) and thousands (`USD thousands`).
    pub fn parse(text: &str) -> Unit {
        let trimmed = text
            .trim()
            .trim_matches(|c| c == '(' || c == ')' || c == '[' || c == ']')
            .trim();
        let lower = trimmed.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '_' || c == ',' || c == '.')
            .filter(|word| !word.is_empty())
            .collect();
        let has = |names: &[&str]| words.iter().any(|word| names.contains(word));
        let dollars = has(&["usd", "dollars", "dollar", "us$", "$", "musd", "busd"])
            || lower.starts_with('$')
            || lower.contains("us$");
        let scale = if has(&["bn", "billion", "billions", "bil", "b", "busd"])
            || lower.starts_with("$bn")
        {
            Some("bn")
        } else if has(&["mn", "million", "millions", "mil", "m", "musd"]) || lower.starts_with("$m")
        {
            Some("mn")
        } else if has(&["thousand", "thousands", "k"]) {
            Some("thousands")
        } else {
            None
        };
        let unit = if lower == "%" || has(&["percent", "pct", "%"]) && !dollars {
            "%".to_string()
        } else if dollars {
            match scale {
                Some(scale) => format!("USD {scale}"),
                None => "USD".to_string(),
            }
        } else {
            trimmed.to_string()
        };
        Unit(unit)
    }

    /// A unit kept exactly as written (after trimming), for units that normalising
    /// would shorten into something else: `% of GDP` is not `%`.
    pub fn verbatim(text: &str) -> Unit {
        Unit(text.trim().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn is_percent(&self) -> bool {
        self.0 == "%"
    }
}

/// `Goods (1)`, `Exports [2]` → `Goods`, `Exports`: a footnote's number in brackets at
/// the end of a name (Census, BEA) is no unit.
fn without_footnote_number(header: &str) -> &str {
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner_end) = header.strip_suffix(close)
            && let Some(start) = inner_end.rfind(open)
        {
            let inner = &inner_end[start + 1..];
            if (1..=2).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_digit()) {
                return header[..start].trim_end();
            }
        }
    }
    header
}

/// True for a statistical office's series key in brackets after a name
/// (`FM.Q.U2.EUR.4F.CY.OILBRNI.HSTA` in an ECB download, `NE.EXP.GNFS.ZS` from the
/// World Bank): three or more parts joined by dots or underscores, no spaces. It names
/// the series; it is no unit (`m.t.` and `U.S. dollars` are).
fn looks_like_series_code(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['.', '_']).collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Splits a column header into the series name and the unit it names, if any:
/// `Balance (USD bn)` → (`Balance`, `USD bn`); `Tariff [%]` → (`Tariff`, `%`);
/// `Exports, USD millions` → (`Exports`, `USD mn`); `Exports` → (`Exports`, none).
pub fn name_and_unit_from_header(header: &str) -> (String, Option<Unit>) {
    let header = without_footnote_number(header.trim());
    for (open, close) in [('(', ')'), ('[', ']')] {
        if header.ends_with(close)
            && let Some(start) = header.rfind(open)
            && !looks_like_series_code(&header[start + 1..header.len() - 1])
        {
            let name = header[..start]
                .trim()
                .trim_end_matches([',', '-', ':'])
                .trim();
            let unit = &header[start + 1..header.len() - 1];
            let name = if name.is_empty() { unit } else { name };
            return (name.to_string(), Some(Unit::parse(unit)));
        }
    }
    // A unit spelled out after a comma or at the end: `Exports, USD millions`.
    if let Some((name, unit)) = header.rsplit_once(',') {
        let unit_text = unit.trim();
        if looks_like_unit(unit_text) {
            return (name.trim().to_string(), Some(Unit::parse(unit_text)));
        }
    }
    if looks_like_unit(header) {
        return (header.to_string(), Some(Unit::parse(header)));
    }
    // ASCII lower-casing keeps byte offsets, so the slices below stay on char boundaries.
    let lower = header.to_ascii_lowercase();
    for suffix in [
        "usd millions",
        "usd billions",
        "usd bn",
        "usd mn",
        "musd",
        "busd",
        "percent",
        "pct",
        "%",
    ] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let name = header[..header.len() - suffix.len()]
                .trim()
                .trim_end_matches(['_', '-', ','])
                .trim();
            if !name.is_empty() {
                return (
                    name.to_string(),
                    Some(Unit::parse(&header[header.len() - suffix.len()..])),
                );
            }
        }
    }
    (header.to_string(), None)
}

fn looks_like_unit(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower == "%"
        || lower.starts_with("usd ")
        || lower.starts_with("us$")
        || lower.starts_with('$')
        || lower == "percent"
        || lower.starts_with("millions of")
        || lower.starts_with("billions of")
        || lower.starts_with("thousands of")
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Unit {
    fn from(text: &str) -> Self {
        Unit::parse(text)
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Unit::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_common_spellings() {
        assert_eq!(Unit::parse("percent").as_str(), "%");
        assert_eq!(Unit::parse("[%]").as_str(), "%");
        assert_eq!(Unit::parse("USD billions").as_str(), "USD bn");
        assert_eq!(Unit::parse("$bn").as_str(), "USD bn");
        assert_eq!(Unit::parse("USD millions").as_str(), "USD mn");
        assert_eq!(Unit::parse("millions of US dollars").as_str(), "USD mn");
        assert_eq!(Unit::parse("tonnes").as_str(), "tonnes");
    }

    #[test]
    fn a_series_code_in_brackets_is_no_unit() {
        // An ECB Data Portal header: the key names the series, it is not its unit.
        let header = "Crude Oil BFO M2 Europe FOB $/BBl Commodity - Historical close (FM.Q.U2.EUR.4F.CY.OILBRNI.HSTA)";
        let (name, unit) = name_and_unit_from_header(header);
        assert!(
            unit.as_ref()
                .is_none_or(|unit| !unit.as_str().contains("OILBRNI")),
            "{unit:?}"
        );
        assert!(name.contains("FM.Q.U2.EUR.4F.CY.OILBRNI.HSTA"), "{name}");
        let (_, unit) = name_and_unit_from_header("Exports of goods (NE.EXP.GNFS.ZS)");
        assert!(unit.is_none(), "{unit:?}");
        // Units with dots stay units.
        let (_, unit) = name_and_unit_from_header("Steel (m.t.)");
        assert_eq!(unit.map(|unit| unit.to_string()), Some("m.t.".into()));
        let (_, unit) = name_and_unit_from_header("Exports (U.S. dollars)");
        assert!(unit.is_some());
    }

    #[test]
    fn splits_headers_into_name_and_unit() {
        let split = |header| {
            let (name, unit) = name_and_unit_from_header(header);
            (name, unit.map(|unit| unit.to_string()))
        };
        assert_eq!(
            split("Balance (USD bn)"),
            ("Balance".into(), Some("USD bn".into()))
        );
        assert_eq!(
            split("US tariff on China (%)"),
            ("US tariff on China".into(), Some("%".into()))
        );
        assert_eq!(split("Tariff [%]"), ("Tariff".into(), Some("%".into())));
        assert_eq!(
            split("Exports, USD millions"),
            ("Exports".into(), Some("USD mn".into()))
        );
        assert_eq!(
            split("USD millions"),
            ("USD millions".into(), Some("USD mn".into()))
        );
        assert_eq!(split("Exports"), ("Exports".into(), None));
        assert_eq!(
            split("exports_musd"),
            ("exports".into(), Some("USD mn".into()))
        );
        assert_eq!(
            split("us_tariff_pct"),
            ("us_tariff".into(), Some("%".into()))
        );
    }
}
