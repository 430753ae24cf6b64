//! Dates as people write them, and what a column of them means: reading `20100101`,
//! `2005:Q1`, `Jan-2020`, `1/13/2020` or an Excel serial number, and deciding from a
//! whole column whether its dates are years, quarters, months or days.
//!
//! A single cell is read on its own where its text settles it (`2018-07-06`,
//! `Jan 2020`); what a cell alone cannot settle (`7/6/2018`, `202001`, `43831`) is
//! settled by the column it is in, or refused. Every decision is said once in a note.

use chrono::{Datelike as _, NaiveDate};

use super::coverage::MONTH_NAMES;
use super::period::{Frequency, MAX_YEAR, MIN_YEAR, Period};

/// A column of period cells read together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodColumn {
    /// One per input cell: the period, or None for an empty cell.
    pub periods: Vec<Option<Period>>,
    /// The frequency the column was read as.
    pub frequency: Frequency,
    /// Each decision taken, in plain words, to show the user once (empty when the
    /// column was read exactly as written, e.g. `2018`, `2018-07`).
    pub notes: Vec<String>,
}

/// Reads a column of period cells (a table's period column; in a long file the same
/// date repeats once per entity, so infer from the distinct dates), deciding the
/// frequency from all of them together. `header` is the column's name (it allows Excel
/// serial numbers when it says date/period/time/month/observation). `forced` is the
/// user's frequency: it overrides inference (each date mapped to the period of that
/// frequency holding it; a coarser cell, e.g. a year when months are forced, is an
/// error at that cell). Errors: (index into `cells`, message) for every cell that
/// cannot be read, message in the house style `expected …, found "…"`.
///
/// Dates are read as days first; a column of days becomes months when every date is
/// the 1st (or the last day) of a month, quarters when every one starts (or ends) a
/// quarter, years when every one is 1 January (or 31 December). Two or more distinct
/// dates are needed for that: a single date stays a day. A column mixing kinds
/// (`2018` beside `2018-07`) is kept as written and takes the finest kind as its
/// frequency. A column with no period at all reads as `forced`, or daily. Forcing a
/// finer column coarser may map several cells to one period: the caller decides
/// whether that is a repeated period.
pub fn read_column(
    header: &str,
    cells: &[&str],
    forced: Option<Frequency>,
) -> Result<PeriodColumn, Vec<(usize, String)>> {
    let raws: Vec<Raw> = cells.iter().map(|cell| parse_cell(cell)).collect();
    let context = Context::of(header, &raws);
    let (mut periods, mut notes) = read_cells(header, cells, &raws, &context)?;
    let frequency = settle_frequency(&mut periods, &mut notes, cells, forced)?;
    Ok(PeriodColumn {
        periods,
        frequency,
        notes,
    })
}

/// Each cell that cannot be read: its index and why.
type CellErrors = Vec<(usize, String)>;

/// What a column's cells, read on their own, settle for each other.
struct Context {
    /// Every cell is six digits led by a year: `YYYYMM`.
    six_digits: bool,
    /// The numbers are Excel dates.
    serials: bool,
    /// The header names dates but some numbers are years.
    numbers_beside_years: bool,
    /// The order of `a/b/yyyy` dates.
    order: Order,
    /// Every `a/b/yyyy` date reads the same in either order.
    pairs_all_equal: bool,
}

impl Context {
    fn of(header: &str, raws: &[Raw]) -> Context {
        let mut filled = 0usize;
        let mut numbers = NumberStats::new();
        let mut pairs = PairStats::new();
        for (index, raw) in raws.iter().enumerate() {
            match *raw {
                Raw::Missing => continue,
                Raw::Number(number) => numbers.add(number),
                Raw::Pair(pair) => pairs.add(pair, index),
                Raw::Read(_) | Raw::Bad(_) => {}
            }
            filled += 1;
        }
        let six_digits = numbers.count > 0 && numbers.count == filled && numbers.all_six_digits;
        let dated_header = numbers.count > 0 && header_allows_serials(header);
        // Numbers are Excel dates under a date header, unless some are years: a year
        // column with a typing error must not become days of 1905.
        Context {
            six_digits,
            serials: !six_digits && numbers.any_serial_only && !numbers.any_year && dated_header,
            numbers_beside_years: dated_header && numbers.any_year,
            order: pairs.order(),
            pairs_all_equal: pairs.all_equal,
        }
    }
}

/// Every cell's period as its column settles it, and the notes on the forms read;
/// or every cell that cannot be read.
fn read_cells(
    header: &str,
    cells: &[&str],
    raws: &[Raw],
    context: &Context,
) -> Result<(Vec<Option<Period>>, Vec<String>), CellErrors> {
    let mut errors = Vec::new();
    let mut periods = Vec::with_capacity(raws.len());
    let mut compact: Option<usize> = None;
    let mut serial_read = false;
    for (index, raw) in raws.iter().enumerate() {
        let read = match *raw {
            Raw::Missing => Ok(None),
            Raw::Read(period) => Ok(Some(period)),
            Raw::Number(number) => number
                .resolve(
                    context.six_digits,
                    context.serials,
                    context.numbers_beside_years,
                )
                .map(|(period, form)| {
                    match form {
                        NumberForm::Compact => {
                            compact.get_or_insert(index);
                        }
                        NumberForm::Serial => serial_read = true,
                        NumberForm::Plain | NumberForm::SixDigits => {}
                    }
                    Some(period)
                })
                .map_err(|why| why.message(cell_text(cells, index))),
            Raw::Pair(pair) => pair
                .resolve(context.order)
                .map(|date| Some(Period::Day(date)))
                .map_err(|why| pair_message(why, cell_text(cells, index), context.order, cells)),
            Raw::Bad(why) => Err(why.message(cell_text(cells, index))),
        };
        match read {
            Ok(period) => periods.push(period),
            Err(message) => {
                errors.push((index, message));
                periods.push(None);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // What the cells' forms say, said once each.
    let mut notes = Vec::new();
    if context.six_digits
        && let Some(first) = raws.iter().position(|raw| *raw != Raw::Missing)
    {
        notes.push(format!(
            "Dates written {} read as year and month",
            cell_text(cells, first)
        ));
    }
    if let Some(first) = compact {
        notes.push(format!(
            "Dates written {} read as year, month, day",
            cell_text(cells, first)
        ));
    }
    if serial_read {
        notes.push(format!(
            "Numbers read as Excel dates (column \"{}\")",
            header.trim()
        ));
    }
    if let Order::Settled(order, reason) = context.order
        && !context.pairs_all_equal
    {
        let reason = match reason {
            Reason::AboveTwelve(index) => {
                format!("\"{}\" has a day above 12", cell_text(cells, index))
            }
            Reason::OnTheFirst => "every date is on the 1st".to_string(),
        };
        notes.push(format!("Dates read as {}: {reason}", order.name()));
    }
    Ok((periods, notes))
}

/// Decides the column's frequency (inferred from its days, or `forced`), maps every
/// period to it and says why in `notes`; errors at the cells coarser than a forced
/// frequency.
fn settle_frequency(
    periods: &mut [Option<Period>],
    notes: &mut Vec<String>,
    cells: &[&str],
    forced: Option<Frequency>,
) -> Result<Frequency, CellErrors> {
    let kinds = Kinds::of(periods);
    let (native, inferred) = if kinds.none() {
        (forced.unwrap_or(Frequency::Daily), None)
    } else if kinds.only_days() {
        infer_days(periods.iter().filter_map(|period| match period {
            Some(Period::Day(date)) => Some(*date),
            _ => None,
        }))
    } else {
        (kinds.finest(), None)
    };
    let frequency = forced.unwrap_or(native);
    if frequency != native {
        notes.push(format!(
            "Read as {} as asked (the dates say {})",
            frequency.plural(),
            native.plural()
        ));
    } else if let Some(note) = inferred {
        notes.push(note.to_string());
    }

    if forced.is_some() || (kinds.only_days() && native != Frequency::Daily) {
        let fineness = fineness(frequency);
        let mut errors = Vec::new();
        for (index, slot) in periods.iter_mut().enumerate() {
            let Some(period) = *slot else { continue };
            if period.resolution() < fineness {
                errors.push((index, coarser_message(frequency, cell_text(cells, index))));
                *slot = None;
            } else {
                *slot = Some(frequency.period_of(period.first_day()));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    Ok(frequency)
}

/// True when a single cell reads as a period on its own without context: every form
/// read_column accepts except bare Excel serials and bare 6-digit `YYYYMM`
/// (for finding header rows and period columns: a year 1000–2999 counts).
///
/// A `m/d/yyyy` cell counts when it is a date in either order.
pub fn looks_like_period(text: &str) -> bool {
    match parse_cell(text) {
        Raw::Read(_) => true,
        Raw::Number(number) => number.year().is_some() || number.compact_date().is_some(),
        Raw::Pair(pair) => {
            pair.date(pair.first, pair.second).is_some()
                || pair.date(pair.second, pair.first).is_some()
        }
        Raw::Missing | Raw::Bad(_) => false,
    }
}

/// A header cell that names a period, for tables with periods across the columns:
/// `2017`, `2017 ($US)`, `YR2017`, `1960 [YR1960]`, `2005Q1`, `2005-Q1`, `Jan-2020`,
/// `2020-01`, `X2017` (R's make.names) → the period; None for anything else
/// (`Country Name`, `Code`, `Total`).
///
/// A `m/d/yyyy` header is None even where its fields settle the order: a row of such
/// headers is read with [`read_column`], which settles the order for all of them.
pub fn period_in_header(text: &str) -> Option<Period> {
    let mut text = text.trim();
    // An annotation after the period: `2017 ($US)`, `1960 [YR1960]`, a footnote mark.
    if let Some(position) = text.find(['(', '[']) {
        text = text.get(..position)?.trim_end();
    }
    text = text.trim_end_matches('*').trim_end();
    let starts_with_digit = |text: &str| text.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let mut renamed = false;
    if let Some(rest) = text
        .get(..2)
        .filter(|prefix| prefix.eq_ignore_ascii_case("yr"))
        .and_then(|_| text.get(2..))
        .filter(|rest| starts_with_digit(rest))
    {
        text = rest;
    } else if let Some(rest) = text
        .strip_prefix(['X', 'x'])
        .filter(|rest| starts_with_digit(rest))
    {
        // R's make.names writes `2005-Q1` as `X2005.Q1`.
        text = rest;
        renamed = true;
    }
    let restored;
    if renamed && text.contains('.') {
        restored = text.replace('.', "-");
        text = &restored;
    }
    match parse_cell(text) {
        Raw::Read(period) => Some(period),
        Raw::Number(number) => number
            .year()
            .map(Period::Year)
            .or_else(|| number.compact_date().map(Period::Day)),
        Raw::Missing | Raw::Pair(_) | Raw::Bad(_) => None,
    }
}

/// One cell as read on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Raw {
    /// Empty, or a mark for a missing value.
    Missing,
    /// A period the text settles by itself.
    Read(Period),
    /// A bare whole number (`2018`, `202001`, `20100101`, `43831`, `43831.0`): what it
    /// is depends on the column.
    Number(Number),
    /// `a/b/yyyy` (also with `-` or `.`): month and day in an order the column settles.
    Pair(Pair),
    /// Not a period.
    Bad(Why),
}

/// Why a cell is not a period.
/// `2018`, `-2018`, `20180`: digits with at most a sign.
fn is_whole_number(text: &str) -> bool {
    let digits = text.trim().trim_start_matches(['-', '−', '+']);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    Unreadable,
    NotInCalendar,
    Month,
    Quarter,
    Year,
    TwoDigitYear,
    /// Six digits in a column whose other cells are not all six digits.
    SixDigits,
    /// A number that would be an Excel date under a date header.
    SerialWithoutHeader,
    /// An Excel serial number outside the years a period may name.
    SerialRange,
    /// A number that would be an Excel date, in a column whose other numbers are years.
    SerialBesideYears,
}

impl Why {
    fn message(self, text: &str) -> String {
        match self {
            // A whole number that is no year was meant as one: `20180`, `-2018`.
            Why::Unreadable if is_whole_number(text) => {
                format!("expected a year from {MIN_YEAR} to {MAX_YEAR}, found \"{text}\"")
            }
            Why::Unreadable => format!(
                "expected a date or period such as 2018, 2018-Q3, 2018-07 or 2018-07-06, found \"{text}\""
            ),
            Why::NotInCalendar => format!("expected a date in the calendar, found \"{text}\""),
            Why::Month => format!("expected a month 01–12, found \"{text}\""),
            Why::Quarter => format!("expected a quarter Q1–Q4, found \"{text}\""),
            Why::Year => {
                format!("expected a year from {MIN_YEAR} to {MAX_YEAR}, found \"{text}\"")
            }
            Why::TwoDigitYear => format!(
                "expected a four-digit year, found \"{text}\": a two-digit year could be in either century"
            ),
            Why::SixDigits => format!(
                "expected a period such as 2018-07, found \"{text}\": six digits are read as year and month only when every date in the column is written so"
            ),
            Why::SerialWithoutHeader => format!(
                "expected a year from {MIN_YEAR} to {MAX_YEAR}, found \"{text}\" (a number is read as an Excel date only in a column named date, period, time, month or observation)"
            ),
            Why::SerialBesideYears => format!(
                "expected a year from {MIN_YEAR} to {MAX_YEAR}, found \"{text}\": other numbers in this column are years, so none is read as an Excel date"
            ),
            Why::SerialRange => format!(
                "expected an Excel date in the years {MIN_YEAR} to {MAX_YEAR}, found \"{text}\""
            ),
        }
    }
}

/// Reads one cell without allocating.
fn parse_cell(text: &str) -> Raw {
    let text = text.trim();
    if text.is_empty() || is_missing_mark(text) {
        return Raw::Missing;
    }
    if let Some(raw) = iso_day(text) {
        return raw;
    }
    if let Some(raw) = bare_number(text) {
        return raw;
    }
    let raw = match without_time(text).and_then(Tokens::split) {
        Some(tokens) => match tokens.as_slice() {
            [a, b] => two_tokens(a, b),
            [a, b, c] => three_tokens(a, b, c),
            _ => Raw::Bad(Why::Unreadable),
        },
        None => Raw::Bad(Why::Unreadable),
    };
    match raw {
        // Whatever `Period::parse` reads is read (it is laxer about what follows a
        // timestamp's date); asked only of a refused cell, so rarely.
        Raw::Bad(_) => Period::parse(text).map_or(raw, Raw::Read),
        _ => raw,
    }
}

/// `2018-07-06` exactly, the commonest form, read without splitting it; None for any
/// other text.
fn iso_day(text: &str) -> Option<Raw> {
    let bytes: &[u8; 10] = text.as_bytes().try_into().ok()?;
    let digit = |index: usize| -> Option<u32> {
        let byte = bytes.get(index)?;
        byte.is_ascii_digit().then(|| u32::from(byte - b'0'))
    };
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
    let month = digit(5)? * 10 + digit(6)?;
    let day = digit(8)? * 10 + digit(9)?;
    let year = year as i32;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Some(Raw::Bad(Why::Year));
    }
    Some(day_period(year, month as u8, day as u8))
}

/// The marks statistical agencies use for a missing value (as `number` reads them),
/// compared without allocating.
fn is_missing_mark(text: &str) -> bool {
    const MARKS: [&str; 11] = [
        ".", "..", "-", "–", "—", "na", "n/a", "n.a.", "null", "(d)", "(x)",
    ];
    text.len() <= 4 && MARKS.iter().any(|mark| mark.eq_ignore_ascii_case(text))
}

/// A text of digits with an optional fraction of zeros (`2018`, `43831.0`); None for
/// any other text. A fraction that is not zero is no date (`2020.01`: January or
/// October?).
fn bare_number(text: &str) -> Option<Raw> {
    if !text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (integer, fraction) = match text.bytes().position(|b| b == b'.') {
        Some(dot) => (text.get(..dot)?, Some(text.get(dot + 1..)?)),
        None => (text, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(integer) {
        return None;
    }
    if let Some(fraction) = fraction {
        if !all_digits(fraction) {
            return None;
        }
        if !fraction.bytes().all(|b| b == b'0') {
            return Some(Raw::Bad(Why::Unreadable));
        }
    }
    if integer.len() > 9 {
        return Some(Raw::Bad(Why::Unreadable));
    }
    let value = integer
        .bytes()
        .fold(0u32, |value, b| value * 10 + u32::from(b - b'0'));
    Some(Raw::Number(Number {
        value,
        digits: integer.len() as u8,
    }))
}

/// The date part of a timestamp (`2018-07-06T00:00:00`, `7/6/2018 0:00`,
/// `2018-07-06 12:30:00+02:00`); the text itself when it has no time; None when what
/// follows the date is not a time.
fn without_time(text: &str) -> Option<&str> {
    let Some(colon) = text.bytes().position(|b| b == b':') else {
        return Some(text);
    };
    let before = text.get(..colon)?;
    let Some(start) = before.bytes().rposition(|b| b == b' ' || b == b'T') else {
        // `2005:Q1`: a colon inside the period, not a time.
        return Some(text);
    };
    let date = text.get(..start)?.trim_end();
    let time = text.get(start + 1..)?.trim();
    if start > 0 && text.as_bytes().get(start) == Some(&b'T') {
        // `T` separates only when a digit comes before it.
        if !date.bytes().last().is_some_and(|b| b.is_ascii_digit()) {
            return Some(text);
        }
    }
    let time_like = time.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && time.bytes().all(|b| {
            b.is_ascii_digit()
                || matches!(
                    b,
                    b':' | b'.'
                        | b' '
                        | b'+'
                        | b'-'
                        | b'Z'
                        | b'z'
                        | b'A'
                        | b'a'
                        | b'P'
                        | b'p'
                        | b'M'
                        | b'm'
                )
        });
    if date.is_empty() || !time_like {
        return None;
    }
    Some(date)
}

/// Most parts a date is written in (`6 Jul 2018`, `2005 Q 1`).
const MAX_TOKENS: usize = 4;

/// A run of digits or of letters, with the separator written before it.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    digits: bool,
    /// The separator before this token: 0 for none (`2005Q1`), else one of
    /// `' '`, `-`, `/`, `.`, `:`, `,`, `_` (spaces around another separator are
    /// ignored: `Jan. 2020`, `July 6, 2018`).
    separator: u8,
}

/// The tokens of a date, kept in place (no allocation).
struct Tokens<'a> {
    list: [Token<'a>; MAX_TOKENS],
    len: usize,
}

impl<'a> Tokens<'a> {
    /// Splits `text` (trimmed) into runs of ASCII digits and letters; None for any
    /// other character, too many parts, or a separator at either end.
    fn split(text: &'a str) -> Option<Tokens<'a>> {
        let empty = Token {
            text: "",
            digits: false,
            separator: 0,
        };
        let mut list = [empty; MAX_TOKENS];
        let mut len = 0;
        let bytes = text.as_bytes();
        let mut separator = 0u8;
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            if byte.is_ascii_alphanumeric() {
                let digits = byte.is_ascii_digit();
                let start = index;
                while bytes
                    .get(index)
                    .is_some_and(|b| b.is_ascii_alphanumeric() && b.is_ascii_digit() == digits)
                {
                    index += 1;
                }
                if len == 0 && separator != 0 {
                    return None;
                }
                let slot = list.get_mut(len)?;
                *slot = Token {
                    text: text.get(start..index)?,
                    digits,
                    separator,
                };
                len += 1;
                separator = 0;
            } else {
                match byte {
                    b' ' => {
                        if separator == 0 {
                            separator = b' ';
                        }
                    }
                    b'-' | b'/' | b'.' | b':' | b',' | b'_' => {
                        if separator != 0 && separator != b' ' {
                            return None;
                        }
                        separator = byte;
                    }
                    _ => return None,
                }
                index += 1;
            }
        }
        if separator != 0 || len == 0 {
            return None;
        }
        Some(Tokens { list, len })
    }

    fn as_slice(&self) -> &[Token<'a>] {
        self.list.get(..self.len).unwrap_or(&[])
    }
}

impl Token<'_> {
    /// The value of a run of at most `max_len` digits.
    fn number(&self, max_len: usize) -> Option<u32> {
        if !self.digits || self.text.len() > max_len {
            return None;
        }
        Some(
            self.text
                .bytes()
                .fold(0u32, |value, b| value * 10 + u32::from(b - b'0')),
        )
    }

    /// A day or month field: one or two digits.
    fn field(&self) -> Option<u8> {
        self.number(2).map(|value| value as u8)
    }

    /// A four-digit year in range; a two-digit year is refused as such.
    fn year(&self) -> Result<i32, Why> {
        if !self.digits {
            return Err(Why::Unreadable);
        }
        match self.text.len() {
            4 => {
                let year = self.number(4).map_or(0, |value| value as i32);
                if (MIN_YEAR..=MAX_YEAR).contains(&year) {
                    Ok(year)
                } else {
                    Err(Why::Year)
                }
            }
            2 => Err(Why::TwoDigitYear),
            _ => Err(Why::Unreadable),
        }
    }

    /// True for a four-digit run: what is written first when the year comes first.
    fn is_year_first(&self) -> bool {
        self.digits && self.text.len() == 4
    }

    /// `Jan`, `January`, `Sept` (any case) → 1–12.
    fn month_name(&self) -> Option<u8> {
        if self.digits {
            return None;
        }
        let text = self.text;
        if text.eq_ignore_ascii_case("sept") {
            return Some(9);
        }
        MONTH_NAMES.iter().zip(1u8..).find_map(|(name, month)| {
            let short = name.get(..3).unwrap_or(name);
            (text.eq_ignore_ascii_case(name) || text.eq_ignore_ascii_case(short)).then_some(month)
        })
    }

    fn is_letter(&self, letter: &str) -> bool {
        !self.digits && self.text.eq_ignore_ascii_case(letter)
    }
}

/// `2018-07`, `Jan 2020`, `2020-Jan`.
fn two_tokens(a: &Token, b: &Token) -> Raw {
    if a.is_year_first() && b.digits && b.separator == b'-' {
        return match (a.year(), b.field()) {
            (Err(why), _) => Raw::Bad(why),
            (Ok(year), Some(month)) => month_period(year, month),
            (Ok(_), None) => Raw::Bad(Why::Unreadable),
        };
    }
    if let Some(month) = a.month_name()
        && b.digits
    {
        return match b.year() {
            Ok(year) => month_period(year, month),
            Err(why) => Raw::Bad(why),
        };
    }
    if a.is_year_first()
        && let Some(month) = b.month_name()
    {
        return match a.year() {
            Ok(year) => month_period(year, month),
            Err(why) => Raw::Bad(why),
        };
    }
    Raw::Bad(Why::Unreadable)
}

/// Quarters, `2020M01`, dates of three fields.
fn three_tokens(a: &Token, b: &Token, c: &Token) -> Raw {
    // `2005Q1`, `2005-Q1`, `2005:Q1`, `2005 Q1`, `2005 Q 1`.
    if a.is_year_first() && b.is_letter("q") && matches!(c.separator, 0 | b' ') {
        return match (a.year(), c.field()) {
            (Err(why), _) => Raw::Bad(why),
            (Ok(year), Some(quarter)) => quarter_period(year, quarter),
            (Ok(_), None) => Raw::Bad(Why::Unreadable),
        };
    }
    // `Q1 2005`, `Q1-2005`.
    if a.is_letter("q") && b.digits && b.separator == 0 {
        return match (b.field(), c.year()) {
            (_, Err(why)) => Raw::Bad(why),
            (Some(quarter), Ok(year)) => quarter_period(year, quarter),
            (None, Ok(_)) => Raw::Bad(Why::Unreadable),
        };
    }
    // `1Q2005`, `1Q 2005`.
    if a.digits && b.is_letter("q") && b.separator == 0 && c.digits {
        return match (a.field(), c.year()) {
            (_, Err(why)) => Raw::Bad(why),
            (Some(quarter), Ok(year)) => quarter_period(year, quarter),
            (None, Ok(_)) => Raw::Bad(Why::Unreadable),
        };
    }
    // `2020M01`, `2020-M01`, `2020M1`.
    if a.is_year_first() && b.is_letter("m") && c.separator == 0 {
        return match (a.year(), c.field()) {
            (Err(why), _) => Raw::Bad(why),
            (Ok(year), Some(month)) => month_period(year, month),
            (Ok(_), None) => Raw::Bad(Why::Unreadable),
        };
    }
    let numeric_separator = a.digits
        && b.digits
        && c.digits
        && b.separator == c.separator
        && matches!(b.separator, b'-' | b'/' | b'.');
    // `2018-07-06`, `2018/07/06`, `2018.07.06`.
    if a.is_year_first() && numeric_separator {
        return match (a.year(), b.field(), c.field()) {
            (Err(why), _, _) => Raw::Bad(why),
            (Ok(year), Some(month), Some(day)) => day_period(year, month, day),
            _ => Raw::Bad(Why::Unreadable),
        };
    }
    // `7/6/2018`, `06.07.2018`, `7-6-2018`: the order is the column's to settle.
    if numeric_separator && let (Some(first), Some(second)) = (a.field(), b.field()) {
        return match c.year() {
            Ok(year) if (1..=31).contains(&first) && (1..=31).contains(&second) => {
                let pair = Pair {
                    first,
                    second,
                    year,
                };
                if pair.date(first, second).is_some() || pair.date(second, first).is_some() {
                    Raw::Pair(pair)
                } else {
                    Raw::Bad(Why::NotInCalendar)
                }
            }
            Ok(_) => Raw::Bad(Why::NotInCalendar),
            Err(why) => Raw::Bad(why),
        };
    }
    // `6 Jul 2018`, `06-Jul-2018`.
    if let (Some(day), Some(month)) = (a.field(), b.month_name()) {
        return match c.year() {
            Ok(year) => day_period(year, month, day),
            Err(why) => Raw::Bad(why),
        };
    }
    // `Jul 6, 2018`, `July 6 2018`.
    if let (Some(month), Some(day)) = (a.month_name(), b.field()) {
        return match c.year() {
            Ok(year) => day_period(year, month, day),
            Err(why) => Raw::Bad(why),
        };
    }
    // `2018-Jul-06`.
    if a.is_year_first()
        && let (Some(month), Some(day)) = (b.month_name(), c.field())
    {
        return match a.year() {
            Ok(year) => day_period(year, month, day),
            Err(why) => Raw::Bad(why),
        };
    }
    Raw::Bad(Why::Unreadable)
}

fn month_period(year: i32, month: u8) -> Raw {
    if (1..=12).contains(&month) {
        Raw::Read(Period::Month(year, month))
    } else {
        Raw::Bad(Why::Month)
    }
}

fn quarter_period(year: i32, quarter: u8) -> Raw {
    if (1..=4).contains(&quarter) {
        Raw::Read(Period::Quarter(year, quarter))
    } else {
        Raw::Bad(Why::Quarter)
    }
}

fn day_period(year: i32, month: u8, day: u8) -> Raw {
    match NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day)) {
        Some(date) => Raw::Read(Period::Day(date)),
        None => Raw::Bad(Why::NotInCalendar),
    }
}

/// A bare whole number, as written: its value and how many digits it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Number {
    value: u32,
    digits: u8,
}

/// How a number was read, for the notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberForm {
    Plain,
    SixDigits,
    Compact,
    Serial,
}

/// Largest Excel serial date (9999-12-31 in the 1900 system).
const MAX_SERIAL: u32 = 2_958_465;

impl Number {
    /// `2018` (also `2018.0`).
    fn year(self) -> Option<i32> {
        let year = self.value as i32;
        (self.digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&year)).then_some(year)
    }

    /// `202001` → January 2020.
    fn year_month(self) -> Option<(i32, u8)> {
        let year = (self.value / 100) as i32;
        let month = (self.value % 100) as u8;
        (self.digits == 6 && (MIN_YEAR..=MAX_YEAR).contains(&year) && (1..=12).contains(&month))
            .then_some((year, month))
    }

    /// Six digits led by a year (`202001`, also `202013`): a `YYYYMM` month, right or
    /// wrong, never an Excel date (which would be after 2173).
    fn six_digit_shaped(self) -> bool {
        self.digits == 6 && (MIN_YEAR..=MAX_YEAR).contains(&((self.value / 100) as i32))
    }

    /// `20100101` → 1 January 2010.
    fn compact_date(self) -> Option<NaiveDate> {
        if self.digits != 8 {
            return None;
        }
        let year = (self.value / 10_000) as i32;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, self.value / 100 % 100, self.value % 100)
    }

    /// An Excel serial date in the 1900 system (day 1 is 1900-01-01, counted from
    /// 1899-12-30 as Excel's leap day 1900-02-29 requires for every later date).
    fn serial_date(self) -> Option<NaiveDate> {
        if !(1..=MAX_SERIAL).contains(&self.value) {
            return None;
        }
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.num_days_from_ce();
        let date = NaiveDate::from_num_days_from_ce_opt(epoch.checked_add(self.value as i32)?)?;
        (MIN_YEAR..=MAX_YEAR).contains(&date.year()).then_some(date)
    }

    /// The period this number is in its column: `six_digits` when every cell is
    /// `YYYYMM`, `serials` when the column holds Excel dates, `beside_years` when the
    /// column's header names dates but some of its numbers are years.
    fn resolve(
        self,
        six_digits: bool,
        serials: bool,
        beside_years: bool,
    ) -> Result<(Period, NumberForm), Why> {
        if six_digits {
            return self
                .year_month()
                .map(|(year, month)| (Period::Month(year, month), NumberForm::SixDigits))
                .ok_or(Why::Month);
        }
        if let Some(date) = self.compact_date() {
            return Ok((Period::Day(date), NumberForm::Compact));
        }
        if self.six_digit_shaped() {
            return Err(if self.year_month().is_some() {
                Why::SixDigits
            } else {
                Why::Month
            });
        }
        if serials {
            return self
                .serial_date()
                .map(|date| (Period::Day(date), NumberForm::Serial))
                .ok_or(Why::SerialRange);
        }
        if let Some(year) = self.year() {
            return Ok((Period::Year(year), NumberForm::Plain));
        }
        Err(match self.digits {
            4 => Why::Year,
            _ if beside_years && self.serial_date().is_some() => Why::SerialBesideYears,
            _ if self.serial_date().is_some() => Why::SerialWithoutHeader,
            _ => Why::Unreadable,
        })
    }
}

/// What the bare numbers of a column have in common.
struct NumberStats {
    count: usize,
    all_six_digits: bool,
    /// Some number is neither a year nor a `YYYYMMDD` date nor six digits led by a year.
    any_serial_only: bool,
    /// Some number is a year 1000–2999.
    any_year: bool,
}

impl NumberStats {
    fn new() -> Self {
        Self {
            count: 0,
            all_six_digits: true,
            any_serial_only: false,
            any_year: false,
        }
    }

    fn add(&mut self, number: Number) {
        self.count += 1;
        self.all_six_digits &= number.six_digit_shaped();
        self.any_serial_only |= number.year().is_none()
            && number.compact_date().is_none()
            && !number.six_digit_shaped();
        self.any_year |= number.year().is_some();
    }
}

/// True when a column's name says it holds dates, so numbers in it may be Excel dates.
fn header_allows_serials(header: &str) -> bool {
    let header = header.to_ascii_lowercase();
    ["date", "period", "time", "month", "observation"]
        .iter()
        .any(|word| header.contains(word))
}

/// `a/b/yyyy`: two fields 1–31 whose order the column settles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pair {
    first: u8,
    second: u8,
    year: i32,
}

/// Which field of `a/b/yyyy` is the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateOrder {
    MonthFirst,
    DayFirst,
}

impl DateOrder {
    fn name(self) -> &'static str {
        match self {
            DateOrder::MonthFirst => "month/day/year",
            DateOrder::DayFirst => "day/month/year",
        }
    }
}

/// What settled the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    /// The cell at this index has a day above 12.
    AboveTwelve(usize),
    /// Every date is on the 1st.
    OnTheFirst,
}

/// The order of a column's `a/b/yyyy` dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    Settled(DateOrder, Reason),
    /// Nothing in the column settles it.
    Open,
}

/// Why a `a/b/yyyy` cell cannot be read in its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PairWhy {
    /// Its month field is above 12 in the order the column settled.
    Contradicts,
    NotInCalendar,
    /// The order is open and the two fields differ.
    Ambiguous,
}

impl Pair {
    fn date(self, month: u8, day: u8) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, u32::from(month), u32::from(day))
    }

    fn resolve(self, order: Order) -> Result<NaiveDate, PairWhy> {
        let (month, day) = match order {
            Order::Settled(DateOrder::MonthFirst, _) => (self.first, self.second),
            Order::Settled(DateOrder::DayFirst, _) => (self.second, self.first),
            Order::Open if self.first == self.second => (self.first, self.second),
            Order::Open => return Err(PairWhy::Ambiguous),
        };
        if month > 12 {
            return Err(PairWhy::Contradicts);
        }
        self.date(month, day).ok_or(PairWhy::NotInCalendar)
    }
}

fn pair_message(why: PairWhy, text: &str, order: Order, cells: &[&str]) -> String {
    match (why, order) {
        (PairWhy::Contradicts, Order::Settled(order, Reason::AboveTwelve(index))) => format!(
            "expected a date in {} order like \"{}\", found \"{text}\"",
            order.name(),
            cell_text(cells, index)
        ),
        (PairWhy::Ambiguous, _) => format!(
            "expected a date whose order the file settles, found \"{text}\": month/day or day/month? No date in this column has a day above 12"
        ),
        _ => Why::NotInCalendar.message(text),
    }
}

/// What the `a/b/yyyy` cells of a column say about their order.
struct PairStats {
    count: usize,
    first_above_twelve: Option<usize>,
    second_above_twelve: Option<usize>,
    all_second_one: bool,
    all_first_one: bool,
    first_second: Option<u8>,
    second_varies: bool,
    /// Every cell reads the same either way (`5/5/2020`).
    all_equal: bool,
}

impl PairStats {
    fn new() -> Self {
        Self {
            count: 0,
            first_above_twelve: None,
            second_above_twelve: None,
            all_second_one: true,
            all_first_one: true,
            first_second: None,
            second_varies: false,
            all_equal: true,
        }
    }

    fn add(&mut self, pair: Pair, index: usize) {
        self.count += 1;
        if pair.first > 12 && self.first_above_twelve.is_none() {
            self.first_above_twelve = Some(index);
        }
        if pair.second > 12 && self.second_above_twelve.is_none() {
            self.second_above_twelve = Some(index);
        }
        self.all_second_one &= pair.second == 1;
        self.all_first_one &= pair.first == 1;
        self.all_equal &= pair.first == pair.second;
        match self.first_second {
            None => self.first_second = Some(pair.second),
            Some(second) => self.second_varies |= second != pair.second,
        }
    }

    /// The order the column settles: a day above 12 somewhere (the first one seen
    /// wins if both fields have one; the cells that disagree are then refused), else
    /// every date on the 1st.
    fn order(&self) -> Order {
        let above = match (self.first_above_twelve, self.second_above_twelve) {
            (Some(first), Some(second)) if second < first => Some((DateOrder::MonthFirst, second)),
            (Some(first), _) => Some((DateOrder::DayFirst, first)),
            (None, Some(second)) => Some((DateOrder::MonthFirst, second)),
            (None, None) => None,
        };
        if let Some((order, index)) = above {
            Order::Settled(order, Reason::AboveTwelve(index))
        } else if self.count > 0 && self.all_second_one {
            Order::Settled(DateOrder::MonthFirst, Reason::OnTheFirst)
        } else if self.count > 0 && self.all_first_one && self.second_varies {
            Order::Settled(DateOrder::DayFirst, Reason::OnTheFirst)
        } else {
            Order::Open
        }
    }
}

/// Which kinds of period a column holds.
struct Kinds {
    /// One flag per resolution, year first.
    present: [bool; 4],
}

impl Kinds {
    fn of(periods: &[Option<Period>]) -> Kinds {
        let mut present = [false; 4];
        for period in periods.iter().flatten() {
            if let Some(flag) = present.get_mut(usize::from(period.resolution())) {
                *flag = true;
            }
        }
        Kinds { present }
    }

    fn none(&self) -> bool {
        !self.present.iter().any(|flag| *flag)
    }

    fn only_days(&self) -> bool {
        self.present == [false, false, false, true]
    }

    /// The finest kind present.
    fn finest(&self) -> Frequency {
        Frequency::ALL
            .iter()
            .zip(self.present)
            .filter(|(_, present)| *present)
            .map(|(frequency, _)| *frequency)
            .next_back()
            .unwrap_or(Frequency::Daily)
    }
}

/// A frequency's place from coarse to fine, as [`Period::resolution`] counts it.
fn fineness(frequency: Frequency) -> u8 {
    match frequency {
        Frequency::Yearly => 0,
        Frequency::Quarterly => 1,
        Frequency::Monthly => 2,
        Frequency::Daily => 3,
    }
}

fn coarser_message(frequency: Frequency, text: &str) -> String {
    let expected = match frequency {
        Frequency::Yearly => "a year, a quarter, a month or a date",
        Frequency::Quarterly => "a quarter, a month or a date",
        Frequency::Monthly => "a month or a date",
        Frequency::Daily => "a date",
    };
    format!(
        "expected {expected}, as {} were asked for, found \"{text}\"",
        frequency.plural()
    )
}

/// What a column of days is, from its distinct dates, with the note that says why.
/// Every date the 1st of a month (or the last day of one) makes months; of a quarter,
/// quarters; 1 January (31 December), years. Gaps between them are whole periods by
/// construction, so missing periods do not matter. One distinct date stays a day.
fn infer_days(dates: impl Iterator<Item = NaiveDate>) -> (Frequency, Option<&'static str>) {
    let mut first_date: Option<NaiveDate> = None;
    let mut distinct = false;
    let mut on_first = true;
    let mut on_last = true;
    let mut january_first = true;
    let mut december_last = true;
    let mut quarter_first = true;
    let mut quarter_last = true;
    for date in dates {
        match first_date {
            None => first_date = Some(date),
            Some(first) => distinct |= first != date,
        }
        let month = date.month();
        let starts = date.day() == 1;
        let ends = date.succ_opt().is_none_or(|next| next.day() == 1);
        on_first &= starts;
        on_last &= ends;
        january_first &= starts && month == 1;
        december_last &= ends && month == 12;
        quarter_first &= starts && month % 3 == 1;
        quarter_last &= ends && month % 3 == 0;
        if !on_first && !on_last {
            return (Frequency::Daily, None);
        }
    }
    if !distinct {
        return (Frequency::Daily, None);
    }
    if on_first {
        if january_first {
            (
                Frequency::Yearly,
                Some("Read as years: every date is 1 January"),
            )
        } else if quarter_first {
            (
                Frequency::Quarterly,
                Some("Read as quarters: every date is the 1st of a quarter"),
            )
        } else {
            (
                Frequency::Monthly,
                Some("Read as months: every date is the 1st of a month"),
            )
        }
    } else if december_last {
        (
            Frequency::Yearly,
            Some("Read as years: every date is 31 December"),
        )
    } else if quarter_last {
        (
            Frequency::Quarterly,
            Some("Read as quarters: every date is the last day of a quarter"),
        )
    } else {
        (
            Frequency::Monthly,
            Some("Read as months: every date is the last day of a month"),
        )
    }
}

fn cell_text<'a>(cells: &[&'a str], index: usize) -> &'a str {
    cells.get(index).map_or("", |cell| cell.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> Period {
        Period::Day(NaiveDate::from_ymd_opt(year, month, day).unwrap())
    }

    fn read(cells: &[&str]) -> PeriodColumn {
        read_column("period", cells, None).unwrap()
    }

    fn read_one(text: &str) -> Period {
        let column = read(&[text]);
        column.periods[0].unwrap()
    }

    fn errors(header: &str, cells: &[&str]) -> Vec<(usize, String)> {
        read_column(header, cells, None).unwrap_err()
    }

    #[test]
    fn reads_every_form_period_parse_reads_to_the_same_period() {
        for text in [
            "2018",
            "2018.0",
            "2018-Q3",
            "2018Q3",
            "2018 Q3",
            "2018 q3",
            "2018-q3",
            "2018-07",
            "2018-7",
            "2018-07-06",
            "2018-7-6",
            "2018-07-06T00:00:00",
            "2018-07-06 00:00:00",
            " 2018-07 ",
        ] {
            let expected = Period::parse(text).unwrap();
            assert!(looks_like_period(text), "{text}");
            let column = read_column("", &[text], None).unwrap();
            assert_eq!(column.periods, vec![Some(expected)], "{text}");
            assert!(column.notes.is_empty(), "{text}: {:?}", column.notes);
        }
    }

    #[test]
    fn reads_whatever_period_parse_reads_even_when_mutated() {
        let seeds = [
            "2018",
            "2018.0",
            "2018-Q3",
            "2018Q3",
            "2018 Q3",
            "2018-07",
            "2018-07-06",
            "2018-07-06T00:00:00",
            "2018-07-06 12:30:00",
        ];
        let alphabet: Vec<char> = "0123456789-Qq T:./".chars().collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut agreed = 0;
        for round in 0..50_000 {
            let mut chars: Vec<char> = seeds[round % seeds.len()].chars().collect();
            for _ in 0..=(next() % 3) {
                let at = (next() % (chars.len() as u64 + 1)) as usize;
                let with = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 3 {
                    0 if at < chars.len() => chars[at] = with,
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => chars.insert(at, with),
                }
            }
            let text: String = chars.into_iter().collect();
            if let Ok(period) = Period::parse(&text) {
                let column = read_column("", &[&text], None);
                assert_eq!(
                    column.map(|column| column.periods),
                    Ok(vec![Some(period)]),
                    "{text:?}"
                );
                agreed += 1;
            }
        }
        assert!(agreed > 5_000, "{agreed}");
    }

    #[test]
    fn refuses_what_period_parse_refuses_as_impossible() {
        for text in [
            "2018-13",
            "2018-02-30",
            "2018-Q5",
            "99999",
            "-2018",
            "201",
            "abc",
            "2018-7-6x",
        ] {
            assert!(read_column("", &[text], None).is_err(), "{text}");
        }
    }

    #[test]
    fn reads_yyyymmdd_as_comtrade_writes_its_ref_period_id() {
        let column = read(&["20100115", "20100220"]);
        assert_eq!(
            column.periods,
            vec![Some(day(2010, 1, 15)), Some(day(2010, 2, 20))]
        );
        assert_eq!(column.frequency, Frequency::Daily);
        assert_eq!(
            column.notes,
            ["Dates written 20100115 read as year, month, day"]
        );
    }

    #[test]
    fn yyyymmdd_on_the_first_of_january_becomes_years() {
        let column = read(&["20100101", "20110101", "20120101"]);
        assert_eq!(column.frequency, Frequency::Yearly);
        assert_eq!(column.periods[1], Some(Period::Year(2011)));
        assert_eq!(
            column.notes,
            [
                "Dates written 20100101 read as year, month, day",
                "Read as years: every date is 1 January"
            ]
        );
    }

    #[test]
    fn reads_six_digits_as_months_when_every_cell_has_six() {
        let column = read(&["202001", "", "202002", "202012.0"]);
        assert_eq!(
            column.periods,
            vec![
                Some(Period::Month(2020, 1)),
                None,
                Some(Period::Month(2020, 2)),
                Some(Period::Month(2020, 12))
            ]
        );
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(
            column.notes,
            ["Dates written 202001 read as year and month"]
        );
    }

    #[test]
    fn six_digits_beside_other_forms_or_with_a_bad_month_are_refused() {
        let found = errors("period", &["2020-01", "202002"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
        assert!(
            found[0]
                .1
                .starts_with("expected a period such as 2018-07, found \"202002\"")
        );
        let found = errors("period", &["202001", "202013"]);
        assert_eq!(
            found,
            [(1, "expected a month 01–12, found \"202013\"".to_string())]
        );
    }

    #[test]
    fn reads_every_quarter_spelling() {
        for text in [
            "2005:Q1", "2005Q1", "2005 Q1", "Q1 2005", "Q1-2005", "2005-Q1", "q1 2005", "1Q2005",
            "2005 Q 1", "Q1/2005",
        ] {
            assert_eq!(read_one(text), Period::Quarter(2005, 1), "{text}");
            assert!(looks_like_period(text), "{text}");
        }
        assert!(
            errors("", &["2005:Q5"])[0]
                .1
                .starts_with("expected a quarter Q1–Q4")
        );
    }

    #[test]
    fn reads_month_codes_as_statistics_offices_write_them() {
        for text in ["2020M01", "2020-M01", "2020M1", "2020m1"] {
            assert_eq!(read_one(text), Period::Month(2020, 1), "{text}");
        }
        assert!(
            errors("", &["2020M13"])[0]
                .1
                .starts_with("expected a month 01–12")
        );
    }

    #[test]
    fn reads_month_names_before_or_after_the_year() {
        for text in [
            "Jan-2020",
            "Jan 2020",
            "January 2020",
            "2020-Jan",
            "2020 January",
            "Jan. 2020",
            "JAN2020",
            "jan_2020",
        ] {
            assert_eq!(read_one(text), Period::Month(2020, 1), "{text}");
        }
        assert_eq!(read_one("Sept 2020"), Period::Month(2020, 9));
        assert_eq!(read_one("Sep-2020"), Period::Month(2020, 9));
        let column = read(&["Jan-2020", "Feb-2020"]);
        assert!(column.notes.is_empty());
        assert_eq!(column.frequency, Frequency::Monthly);
    }

    #[test]
    fn reads_days_written_with_a_month_name() {
        for text in [
            "6 Jul 2018",
            "06-Jul-2018",
            "Jul 6, 2018",
            "July 6 2018",
            "2018-Jul-06",
        ] {
            assert_eq!(read_one(text), day(2018, 7, 6), "{text}");
        }
    }

    #[test]
    fn refuses_two_digit_years_as_ambiguous() {
        for text in ["Jan-20", "1/1/87", "Q1-05", "13/1/87", "6 Jul 18"] {
            let found = errors("date", &[text]);
            assert!(
                found[0].1.starts_with("expected a four-digit year, found"),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn reads_year_first_dates_with_slashes_or_dots() {
        assert_eq!(read_one("2020/01/15"), day(2020, 1, 15));
        assert_eq!(read_one("2020.01.15"), day(2020, 1, 15));
        assert!(read(&["2020/01/15", "2020/01/16"]).notes.is_empty());
    }

    #[test]
    fn a_first_field_above_12_settles_day_first() {
        let column = read(&["12/1/2020", "13/1/2020", "14/1/2020"]);
        assert_eq!(
            column.periods,
            vec![
                Some(day(2020, 1, 12)),
                Some(day(2020, 1, 13)),
                Some(day(2020, 1, 14))
            ]
        );
        assert_eq!(
            column.notes,
            ["Dates read as day/month/year: \"13/1/2020\" has a day above 12"]
        );
    }

    #[test]
    fn a_second_field_above_12_settles_month_first() {
        let column = read(&["1/12/2020", "1/13/2020"]);
        assert_eq!(
            column.periods,
            vec![Some(day(2020, 1, 12)), Some(day(2020, 1, 13))]
        );
        assert_eq!(
            column.notes,
            ["Dates read as month/day/year: \"1/13/2020\" has a day above 12"]
        );
    }

    #[test]
    fn fred_resaved_by_excel_on_the_first_reads_month_first_then_as_months() {
        let column = read_column(
            "observation_date",
            &["1/1/1987", "2/1/1987", "3/1/1987", "12/1/1987", "1/1/1988"],
            None,
        )
        .unwrap();
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(
            column.periods,
            vec![
                Some(Period::Month(1987, 1)),
                Some(Period::Month(1987, 2)),
                Some(Period::Month(1987, 3)),
                Some(Period::Month(1987, 12)),
                Some(Period::Month(1988, 1))
            ]
        );
        assert_eq!(
            column.notes,
            [
                "Dates read as month/day/year: every date is on the 1st",
                "Read as months: every date is the 1st of a month"
            ]
        );
    }

    #[test]
    fn a_first_field_of_1_with_the_second_varying_reads_day_first() {
        let column = read(&["1/1/2020", "1/2/2020", "1/3/2020"]);
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(
            column.periods,
            vec![
                Some(Period::Month(2020, 1)),
                Some(Period::Month(2020, 2)),
                Some(Period::Month(2020, 3))
            ]
        );
        assert_eq!(
            column.notes[0],
            "Dates read as day/month/year: every date is on the 1st"
        );
    }

    #[test]
    fn dotted_and_dashed_dates_follow_the_same_rules() {
        let column = read(&["06.07.2018", "25.12.2018"]);
        assert_eq!(
            column.periods,
            vec![Some(day(2018, 7, 6)), Some(day(2018, 12, 25))]
        );
        let column = read(&["7-6-2018", "7-25-2018"]);
        assert_eq!(
            column.periods,
            vec![Some(day(2018, 7, 6)), Some(day(2018, 7, 25))]
        );
    }

    #[test]
    fn an_ambiguous_column_is_refused_at_each_ambiguous_cell() {
        let found = errors(
            "date",
            &["7/6/2018", "", "8/6/2018", "5/5/2018", "9/7/2018"],
        );
        assert_eq!(found.iter().map(|e| e.0).collect::<Vec<_>>(), [0, 2, 4]);
        assert_eq!(
            found[0].1,
            "expected a date whose order the file settles, found \"7/6/2018\": month/day or day/month? No date in this column has a day above 12"
        );
    }

    #[test]
    fn dates_that_read_the_same_either_way_need_no_order() {
        let column = read(&["5/5/2018", "6/6/2018"]);
        assert_eq!(
            column.periods,
            vec![Some(day(2018, 5, 5)), Some(day(2018, 6, 6))]
        );
        assert!(column.notes.is_empty());
    }

    #[test]
    fn contradicting_orders_are_refused_at_the_cells_that_disagree() {
        let found = errors("date", &["13/1/2020", "1/14/2020", "2/1/2020"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
        assert_eq!(
            found[0].1,
            "expected a date in day/month/year order like \"13/1/2020\", found \"1/14/2020\""
        );
    }

    #[test]
    fn a_settled_order_still_refuses_dates_not_in_the_calendar() {
        let found = errors("date", &["13/1/2020", "31/2/2020"]);
        assert_eq!(
            found,
            [(
                1,
                "expected a date in the calendar, found \"31/2/2020\"".to_string()
            )]
        );
    }

    #[test]
    fn excel_serials_read_under_a_date_header() {
        let column = read_column("Date", &["43831", "43862.0", "43891"], None).unwrap();
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(
            column.periods,
            vec![
                Some(Period::Month(2020, 1)),
                Some(Period::Month(2020, 2)),
                Some(Period::Month(2020, 3))
            ]
        );
        assert_eq!(
            column.notes,
            [
                "Numbers read as Excel dates (column \"Date\")",
                "Read as months: every date is the 1st of a month"
            ]
        );
        let column = read_column("Observation", &["43832", "43833"], None).unwrap();
        assert_eq!(column.periods[0], Some(day(2020, 1, 2)));
        assert_eq!(column.frequency, Frequency::Daily);
    }

    #[test]
    fn excel_serials_are_refused_without_a_date_header() {
        let found = errors("value", &["43831", "43862"]);
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .1
                .contains("read as an Excel date only in a column named date")
        );
    }

    #[test]
    fn years_under_a_date_header_stay_years() {
        let column = read_column("Date", &["2018", "2019.0"], None).unwrap();
        assert_eq!(
            column.periods,
            vec![Some(Period::Year(2018)), Some(Period::Year(2019))]
        );
        assert!(column.notes.is_empty());
    }

    #[test]
    fn numbers_beside_years_under_a_date_header_are_not_excel_dates() {
        let found = errors("Date", &["2018", "43831", "2019"]);
        assert_eq!(
            found,
            [(
                1,
                "expected a year from 1000 to 2999, found \"43831\": other numbers in this column are years, so none is read as an Excel date".to_string()
            )]
        );
    }

    #[test]
    fn six_digits_in_a_column_of_excel_dates_are_not_read_as_dates_after_2173() {
        let found = errors("Date", &["43831", "202001"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
        assert!(found[0].1.starts_with("expected a period such as 2018-07"));
    }

    #[test]
    fn serials_beyond_the_years_a_period_names_are_refused() {
        let found = errors("date", &["43831", "2958465", "0"]);
        assert_eq!(found.iter().map(|e| e.0).collect::<Vec<_>>(), [1, 2]);
        assert!(
            found[0]
                .1
                .starts_with("expected an Excel date in the years")
        );
    }

    #[test]
    fn timestamps_keep_their_date() {
        for text in [
            "2018-07-06T00:00:00",
            "2018-07-06T12:30:00Z",
            "2018-07-06 12:30:00+02:00",
            "2018-07-06 12:30",
            "2018/07/06 12:30:00",
            "6 Jul 2018 12:30 PM",
        ] {
            assert_eq!(read_one(text), day(2018, 7, 6), "{text}");
        }
        let column = read(&["7/6/2018 0:00", "7/13/2018 0:00"]);
        assert_eq!(column.periods[0], Some(day(2018, 7, 6)));
        assert_eq!(errors("", &["2018-07-06 noon"]).len(), 1);
    }

    #[test]
    fn fred_monthly_first_of_month_dates_become_months() {
        let cells = [
            "1992-01-01",
            "1992-02-01",
            "1992-03-01",
            "1992-04-01",
            "1992-05-01",
        ];
        let column = read_column("observation_date", &cells, None).unwrap();
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(column.periods[0], Some(Period::Month(1992, 1)));
        assert_eq!(column.periods[4], Some(Period::Month(1992, 5)));
        assert_eq!(
            column.notes,
            ["Read as months: every date is the 1st of a month"]
        );
    }

    #[test]
    fn fred_quarterly_becomes_quarters() {
        let cells = [
            "1992-01-01",
            "1992-04-01",
            "1992-07-01",
            "1992-10-01",
            "1993-01-01",
        ];
        let column = read_column("observation_date", &cells, None).unwrap();
        assert_eq!(column.frequency, Frequency::Quarterly);
        assert_eq!(column.periods[2], Some(Period::Quarter(1992, 3)));
        assert_eq!(
            column.notes,
            ["Read as quarters: every date is the 1st of a quarter"]
        );
    }

    #[test]
    fn fred_annual_becomes_years() {
        let cells = ["1990-01-01", "1991-01-01", "1992-01-01"];
        let column = read_column("DATE", &cells, None).unwrap();
        assert_eq!(column.frequency, Frequency::Yearly);
        assert_eq!(
            column.periods,
            vec![
                Some(Period::Year(1990)),
                Some(Period::Year(1991)),
                Some(Period::Year(1992))
            ]
        );
        assert_eq!(column.notes, ["Read as years: every date is 1 January"]);
    }

    #[test]
    fn month_ends_become_months_quarter_ends_quarters_and_year_ends_years() {
        let column = read(&["2020-01-31", "2020-02-29", "2020-03-31"]);
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(column.periods[1], Some(Period::Month(2020, 2)));
        assert_eq!(
            column.notes,
            ["Read as months: every date is the last day of a month"]
        );
        let column = read(&["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"]);
        assert_eq!(column.frequency, Frequency::Quarterly);
        assert_eq!(column.periods[3], Some(Period::Quarter(2020, 4)));
        assert_eq!(
            column.notes,
            ["Read as quarters: every date is the last day of a quarter"]
        );
        let column = read(&["2019-12-31", "2020-12-31"]);
        assert_eq!(column.frequency, Frequency::Yearly);
        assert_eq!(column.periods[1], Some(Period::Year(2020)));
        assert_eq!(column.notes, ["Read as years: every date is 31 December"]);
    }

    #[test]
    fn months_with_gaps_are_still_months() {
        let column = read(&["2020-01-01", "2020-02-01", "2020-05-01", "2021-03-01"]);
        assert_eq!(column.frequency, Frequency::Monthly);
        let column = read(&["2020-01-01", "2020-07-01", "2021-01-01"]);
        assert_eq!(column.frequency, Frequency::Quarterly);
    }

    #[test]
    fn a_single_date_stays_a_day() {
        let column = read(&["2020-01-01", "", "2020-01-01"]);
        assert_eq!(column.frequency, Frequency::Daily);
        assert_eq!(column.periods[0], Some(day(2020, 1, 1)));
        assert!(column.notes.is_empty());
    }

    #[test]
    fn weekly_and_mixed_dates_stay_days() {
        let column = read(&["2020-01-01", "2020-01-08", "2020-01-15"]);
        assert_eq!(column.frequency, Frequency::Daily);
        assert!(column.notes.is_empty());
        let column = read(&["2020-01-01", "2020-02-01", "2020-02-14"]);
        assert_eq!(column.frequency, Frequency::Daily);
        assert_eq!(column.periods[1], Some(day(2020, 2, 1)));
    }

    #[test]
    fn a_long_column_with_repeated_dates_still_infers() {
        let mut cells = Vec::new();
        for _entity in 0..200 {
            cells.extend(["2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"]);
        }
        let column = read_column("date", &cells, None).unwrap();
        assert_eq!(column.frequency, Frequency::Quarterly);
        assert_eq!(column.periods.len(), 800);
        assert_eq!(column.periods[799], Some(Period::Quarter(2019, 4)));
        assert_eq!(column.notes.len(), 1);
    }

    #[test]
    fn empty_cells_and_missing_marks_are_none_without_error() {
        let column = read(&["2018", "", " ", ".", "NA", "n/a", "-", "2019"]);
        assert_eq!(
            column.periods,
            vec![
                Some(Period::Year(2018)),
                None,
                None,
                None,
                None,
                None,
                None,
                Some(Period::Year(2019))
            ]
        );
        let column = read_column("date", &["", "NA"], None).unwrap();
        assert_eq!(column.periods, vec![None, None]);
        assert!(column.notes.is_empty());
    }

    #[test]
    fn columns_written_as_years_quarters_or_months_get_no_note() {
        for cells in [
            ["2018", "2019"],
            ["2018-07", "2018-08"],
            ["2018-Q1", "2018-Q2"],
        ] {
            let column = read(&cells);
            assert!(column.notes.is_empty(), "{cells:?}");
        }
        assert_eq!(read(&["2018", "2019"]).frequency, Frequency::Yearly);
    }

    #[test]
    fn a_column_mixing_kinds_is_kept_as_written() {
        let column = read(&["2018", "2018-07"]);
        assert_eq!(
            column.periods,
            vec![Some(Period::Year(2018)), Some(Period::Month(2018, 7))]
        );
        assert_eq!(column.frequency, Frequency::Monthly);
        assert!(column.notes.is_empty());
    }

    #[test]
    fn a_forced_frequency_overrides_inference_and_says_so() {
        let column = read_column(
            "date",
            &["2020-01-06", "2020-02-14"],
            Some(Frequency::Monthly),
        )
        .unwrap();
        assert_eq!(
            column.periods,
            vec![Some(Period::Month(2020, 1)), Some(Period::Month(2020, 2))]
        );
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(
            column.notes,
            ["Read as months as asked (the dates say days)"]
        );

        let column = read_column(
            "date",
            &["2020-01-01", "2020-02-01"],
            Some(Frequency::Daily),
        )
        .unwrap();
        assert_eq!(column.periods[1], Some(day(2020, 2, 1)));
        assert_eq!(
            column.notes,
            ["Read as days as asked (the dates say months)"]
        );

        let column = read_column("", &["2018-07", "2018-08"], Some(Frequency::Yearly)).unwrap();
        assert_eq!(column.periods, vec![Some(Period::Year(2018)); 2]);
        assert_eq!(
            column.notes,
            ["Read as years as asked (the dates say months)"]
        );
    }

    #[test]
    fn a_forced_frequency_equal_to_the_inferred_one_keeps_the_inference_note() {
        let column = read_column(
            "date",
            &["2020-01-01", "2020-02-01"],
            Some(Frequency::Monthly),
        )
        .unwrap();
        assert_eq!(
            column.notes,
            ["Read as months: every date is the 1st of a month"]
        );
    }

    #[test]
    fn a_forced_frequency_refuses_coarser_cells() {
        let found = read_column(
            "",
            &["2018-07-06", "2018", "2018-Q3"],
            Some(Frequency::Monthly),
        )
        .unwrap_err();
        assert_eq!(found.iter().map(|e| e.0).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(
            found[0].1,
            "expected a month or a date, as months were asked for, found \"2018\""
        );
    }

    #[test]
    fn unreadable_cells_are_reported_in_the_house_style() {
        let found = errors("date", &["2018", "soon", "2020.01", "3000", "2018-02-30"]);
        assert_eq!(
            found,
            [
                (
                    1,
                    "expected a date or period such as 2018, 2018-Q3, 2018-07 or 2018-07-06, found \"soon\"".to_string()
                ),
                (
                    2,
                    "expected a date or period such as 2018, 2018-Q3, 2018-07 or 2018-07-06, found \"2020.01\"".to_string()
                ),
                (3, "expected a year from 1000 to 2999, found \"3000\"".to_string()),
                (4, "expected a date in the calendar, found \"2018-02-30\"".to_string()),
            ]
        );
    }

    #[test]
    fn looks_like_period_accepts_the_forms_but_not_serials_or_six_digits() {
        for text in [
            "2018",
            "1000",
            "2999",
            "2018-07",
            "2005Q1",
            "Jan 2020",
            "20100101",
            "7/6/2018",
            "2018-07-06T00:00:00",
            "Q1 2005",
        ] {
            assert!(looks_like_period(text), "{text}");
        }
        for text in [
            "43831",
            "202001",
            "",
            "NA",
            "Total",
            "999",
            "3000",
            "1.5",
            "12",
            "13/13/2020",
            "Jan-20",
        ] {
            assert!(!looks_like_period(text), "{text}");
        }
    }

    #[test]
    fn period_in_header_reads_the_headers_of_periods_across_columns() {
        for (text, period) in [
            ("2017", Period::Year(2017)),
            ("2017 ($US)", Period::Year(2017)),
            ("YR2017", Period::Year(2017)),
            ("1960 [YR1960]", Period::Year(1960)),
            ("2005Q1", Period::Quarter(2005, 1)),
            ("2005-Q1", Period::Quarter(2005, 1)),
            ("Jan-2020", Period::Month(2020, 1)),
            ("Jan.2020", Period::Month(2020, 1)),
            ("2020-01", Period::Month(2020, 1)),
            ("X2017", Period::Year(2017)),
            ("X2005.Q1", Period::Quarter(2005, 1)),
            ("X2020.01", Period::Month(2020, 1)),
            ("2017.0", Period::Year(2017)),
            ("2017*", Period::Year(2017)),
        ] {
            assert_eq!(period_in_header(text), Some(period), "{text}");
        }
        for text in [
            "Country Name",
            "Code",
            "Total",
            "",
            "X1",
            "Unnamed: 65",
            "1/13/2020",
            "FY2017",
            "43831",
            "202001",
            "Line",
            "YR",
            "X",
        ] {
            assert_eq!(period_in_header(text), None, "{text}");
        }
    }

    #[test]
    fn no_input_panics() {
        let awkward = [
            "é2018",
            "2018-é",
            "Q",
            "—",
            "٢٠١٨",
            "2018-07-06T",
            "::::",
            "T:",
            " T1:",
            "99999999999999999999",
            "2018-",
            "-",
            "Jan",
            "2018Q",
            "Q2018",
            "1/2",
            "1//2020",
            "00/00/0000",
            "31/31/2020",
            "2018-07-06T日:00",
            "Janvier 2020",
            "2020-Jän",
            "𝟚𝟘𝟙𝟠",
            "0.0",
            ".5",
            "5.",
            "1e5",
            "2005:Q1:3",
            "a b c d e f",
            "2018 07 06",
            "\u{a0}2018",
            "Q1 2005 12:00",
            "T12:00",
        ];
        for text in awkward {
            let _ = looks_like_period(text);
            let _ = period_in_header(text);
            let _ = read_column("date", &[text], None);
            let _ = read_column("date", &[text, "2018"], Some(Frequency::Quarterly));
        }
        // Pseudo-random texts over an alphabet of date characters and some non-ASCII.
        let alphabet: Vec<char> = "0123456789-/.: TQMqJanDecXYR()[]*,é—".chars().collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut texts = Vec::new();
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 14) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let _ = looks_like_period(&text);
            let _ = period_in_header(&text);
            texts.push(text);
        }
        let cells: Vec<&str> = texts.iter().map(String::as_str).collect();
        let _ = read_column("date", &cells, None);
        let _ = read_column("", &cells, Some(Frequency::Monthly));
    }

    #[test]
    fn a_column_of_a_million_cells_is_read_whole() {
        let dates: Vec<String> = (0..1_000u32)
            .map(|index| format!("{}-{:02}-01", 1900 + index / 12, index % 12 + 1))
            .collect();
        let cells: Vec<&str> = (0..1_000_000)
            .map(|index| dates[index % 1_000].as_str())
            .collect();
        let column = read_column("date", &cells, None).unwrap();
        assert_eq!(column.frequency, Frequency::Monthly);
        assert_eq!(column.periods[999_999], Some(Period::Month(1983, 4)));
    }
}
