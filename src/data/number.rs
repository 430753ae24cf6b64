//! Numbers in cells as people write them: `1,234.5`, `19.3%`, `$418.2`, `-418.2`,
//! `(418.2)`, and `1.234,5` where the separator is `;`.

/// What a cell held.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    /// Empty, or a conventional mark for a missing value (`.`, `NA`, `n/a`, `..`, `-`).
    Missing,
    Number {
        value: f64,
        /// The cell said `%`.
        percent: bool,
        /// The cell said `$`.
        dollars: bool,
    },
}

/// Largest magnitude accepted; beyond it a value is certainly a typing or export error
/// (and `1e400` would otherwise become infinity).
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Reads one cell. The error says what was found, for a message
/// `expected a number, found …`.
pub fn parse_cell(text: &str, decimal_comma: bool) -> Result<Cell, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || is_missing_mark(trimmed) {
        return Ok(Cell::Missing);
    }
    let mut body = trimmed;
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner.trim();
    }
    if let Some(rest) = body.strip_prefix(['-', '−']) {
        negative = !negative;
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.trim_start();
    }
    let mut dollars = false;
    for prefix in ["US$", "USD", "$"] {
        if let Some(rest) = body.strip_prefix(prefix) {
            dollars = true;
            body = rest.trim_start();
            break;
        }
    }
    if !negative && let Some(rest) = body.strip_prefix(['-', '−']) {
        negative = true;
        body = rest.trim_start();
    }
    let mut percent = false;
    if let Some(rest) = body.strip_suffix('%') {
        percent = true;
        body = rest.trim_end();
    }
    let cleaned: String = if decimal_comma {
        body.chars()
            .filter(|c| *c != '.' && *c != ' ' && *c != '\u{a0}' && *c != '\u{202f}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect()
    } else {
        if !thousands_are_grouped(body) {
            return Err(found(text));
        }
        body.chars()
            .filter(|c| *c != ',' && *c != '\u{a0}' && *c != '\u{202f}')
            .collect()
    };
    if cleaned.is_empty()
        || !cleaned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        || !cleaned
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
    {
        return Err(found(text));
    }
    let value: f64 = cleaned.parse().map_err(|_| found(text))?;
    if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
        return Err(format!(
            "expected a number of magnitude at most 1e15, found \"{}\"",
            text.trim()
        ));
    }
    let value = if negative { -value } else { value };
    Ok(Cell::Number {
        value,
        percent,
        dollars,
    })
}

/// True for the marks statistical agencies use for a missing value.
pub fn is_missing_mark(text: &str) -> bool {
    matches!(
        text.to_ascii_lowercase().as_str(),
        "." | ".."
            | "..."
            | "-"
            | "--"
            | "---"
            | "–"
            | "—"
            | "na"
            | "n/a"
            | "n.a."
            | "nan"
            | "null"
            | "(d)"
            | "(x)"
            | "(na)"
            | "(nm)"
            | "(l)"
            | "(s)"
            | "(z)"
            | "…"
    ) && !text.eq_ignore_ascii_case("nan")
}

/// Commas, when present, group digits by three before the decimal point:
/// `1,234.5` yes, `1,2` no (a decimal comma in a comma-separated file is ambiguous).
fn thousands_are_grouped(body: &str) -> bool {
    let integer = body.split(['.', 'e', 'E']).next().unwrap_or("");
    if !integer.contains(',') {
        return true;
    }
    let mut groups = integer.split(',');
    let first = groups.next().unwrap_or("");
    !first.is_empty() && first.len() <= 3 && groups.all(|group| group.len() == 3)
}

fn found(text: &str) -> String {
    format!("expected a number, found \"{text}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> f64 {
        match parse_cell(text, false).unwrap() {
            Cell::Number { value, .. } => value,
            Cell::Missing => panic!("{text} read as missing"),
        }
    }

    #[test]
    fn reads_the_ways_people_write_numbers() {
        assert_eq!(value("1,234.5"), 1234.5);
        assert_eq!(value("-418.2"), -418.2);
        assert_eq!(value("$418.2"), 418.2);
        assert_eq!(value("-$418.2"), -418.2);
        assert_eq!(value("(418.2)"), -418.2);
        assert_eq!(value(" 19.3% "), 19.3);
        assert_eq!(value("1e3"), 1000.0);
        assert_eq!(
            parse_cell("19.3%", false).unwrap(),
            Cell::Number {
                value: 19.3,
                percent: true,
                dollars: false
            }
        );
    }

    #[test]
    fn reads_decimal_commas_after_semicolons() {
        assert_eq!(
            parse_cell("1.234,5", true).unwrap(),
            Cell::Number {
                value: 1234.5,
                percent: false,
                dollars: false
            }
        );
    }

    #[test]
    fn empty_and_agency_marks_are_missing() {
        for text in ["", "  ", ".", "NA", "n/a", ".."] {
            assert_eq!(parse_cell(text, false).unwrap(), Cell::Missing, "{text}");
        }
    }

    #[test]
    fn refuses_text_infinities_and_out_of_range() {
        for text in [
            "n/a x", "abc", "1,2", "NaN", "inf", "-inf", "1e400", "1e16", "12abc", "--5",
        ] {
            assert!(parse_cell(text, false).is_err(), "{text} should be refused");
        }
    }
}
