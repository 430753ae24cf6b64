//! The fast path for large, plain CSV files: wide (`date,a,b,…`) and long
//! (`date,series,value`) tables of plain numbers read straight from the file's bytes
//! into series, on two threads, without a [`Table`](super::text::Table) of strings.
//!
//! It only ever says yes to a file the general readers would read into the very
//! same dataset: the layout, names and units are decided by the general code on the
//! file's first rows, every cell that is not a plain number or ISO date goes through
//! the general cell readers, and anything unusual — a quote, a ragged row, a period
//! out of order or repeated, a problem of any kind — gives the file back to the
//! general path, which reads it again and reports the problems with their lines.

use std::collections::HashMap;

use super::csv_wide::{self, header_key};
use super::field::LoadOptions;
use super::model::{Dataset, Point, Series};
use super::number::Cell;
use super::period::Period;
use super::text;
use super::{Format, Loaded, limits};

/// Files smaller than this are read by the general path: it is fast enough there.
pub const MIN_BYTES: usize = 1 << 20;
/// Data rows read by the general path to decide the layout.
const SAMPLE_ROWS: usize = 200;
/// Longest cell the fast path reads (longer ones go to the general path).
const MAX_FAST_CELL: usize = 256;

/// Reads `bytes` on the fast path when the file is large and plain enough; `None`
/// gives it to the general path.
pub fn try_load(bytes: &[u8], options: &LoadOptions) -> Option<Loaded> {
    if bytes.len() < MIN_BYTES {
        return None;
    }
    try_load_any_size(bytes, options)
}

/// [`try_load`] without the size threshold (tests compare it with the general path on
/// small files).
pub fn try_load_any_size(bytes: &[u8], options: &LoadOptions) -> Option<Loaded> {
    if !options.selection.is_empty() {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 and Windows-1252 files are decoded by the general path.
    let text = std::str::from_utf8(bytes).ok()?;
    let plan = Plan::from_sample(text)?;
    let body = text.get(plan.body_start..)?;
    let halves = split_at_line(body);
    let chunks: Vec<Option<Chunk>> = std::thread::scope(|scope| {
        let workers: Vec<_> = halves
            .iter()
            .map(|half| scope.spawn(|| read_chunk(half, &plan)))
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().ok().flatten())
            .collect()
    });
    let mut read: Vec<Chunk> = chunks.into_iter().collect::<Option<_>>()?;
    let rows: usize = read.iter().map(|chunk| chunk.rows).sum();
    let cells = rows.checked_mul(plan.width)?;
    if rows == 0 || rows > limits::MAX_ROWS || cells > limits::MAX_CELLS {
        return None;
    }
    let series = merge(&plan, &mut read)?;
    let mut dataset = Dataset {
        series,
        ..Dataset::default()
    };
    super::apply_metadata(&mut dataset, &plan.sample);
    Some(Loaded {
        dataset,
        format: plan.format,
        notes: Vec::new(),
        choices: None,
    })
}

/// What the general readers made of the file's first rows, and how to read the rest.
struct Plan {
    /// The metadata, header and first rows, as the general path read them.
    sample: text::Table,
    format: Format,
    separator: u8,
    /// Cells per row.
    width: usize,
    /// Byte offset of the first data row.
    body_start: usize,
    /// 0-based column of the period.
    period: usize,
    layout: Shape,
    /// Names and units of the series, in order (wide: one per column after the first).
    series: Vec<Series>,
}

/// The two layouts read here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Period first, every other column a series of numbers.
    Wide,
    /// Period, series name and value columns, nothing else.
    Long { key: usize, value: usize },
}

impl Plan {
    fn from_sample(text: &str) -> Option<Plan> {
        let (header_start, body_start, sample_end) = sample_bounds(text)?;
        let sample_text = text.get(..sample_end)?;
        if super::field::wdi::find_header(sample_text).is_some()
            || super::field::census_c5700::find_header(sample_text).is_some()
        {
            return None;
        }
        let sample = text::read_csv_table(sample_text).ok()?;
        let plain_metadata = sample
            .metadata
            .iter()
            .all(|(key, _)| matches!(key.as_str(), "title" | "source" | "note"));
        if sample.decimal_comma || !plain_metadata || sample.rows.is_empty() {
            return None;
        }
        let header_text = text.get(header_start..body_start)?;
        let separator = text::sniff_separator(header_text.trim_end());
        let width = sample.header.len();
        if !(2..=limits::MAX_COLUMNS).contains(&width) {
            return None;
        }
        let loaded = super::load_table_with(sample.clone(), None, &LoadOptions::default()).ok()?;
        if loaded.choices.is_some() || !loaded.dataset.events.is_empty() {
            return None;
        }
        let (layout, period) = match loaded.format {
            Format::CsvWide | Format::Fred if loaded.dataset.series.len() + 1 == width => {
                (Shape::Wide, 0)
            }
            Format::CsvLong => long_columns(&sample.header)?,
            _ => return None,
        };
        let series = match layout {
            Shape::Wide => loaded
                .dataset
                .series
                .into_iter()
                .map(|series| Series {
                    points: Vec::new(),
                    ..series
                })
                .collect(),
            Shape::Long { .. } => Vec::new(),
        };
        Some(Plan {
            sample,
            format: loaded.format,
            separator,
            width,
            body_start,
            period,
            layout,
            series,
        })
    }

    /// The unit of every series of a long table: the value column's, from its header
    /// (plain numbers carry no `%` or `$` of their own).
    fn long_unit(&self, value: usize) -> super::Unit {
        let header = self.sample.header.get(value).map_or("", String::as_str);
        super::unit::name_and_unit_from_header(header)
            .1
            .filter(|unit| !unit.is_empty())
            .unwrap_or_default()
    }
}

/// Where the header starts, where the data starts and where the sample ends: after
/// `# key: value` and blank lines, the header line, then [`SAMPLE_ROWS`] lines.
fn sample_bounds(text: &str) -> Option<(usize, usize, usize)> {
    let mut offset = 0;
    let mut header = None;
    let mut data_lines = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        match header {
            None => {
                let trimmed = line.trim();
                if !trimmed.is_empty() && !trimmed.starts_with('#') {
                    header = Some((offset, end));
                }
            }
            Some(_) => {
                data_lines += 1;
                if data_lines >= SAMPLE_ROWS {
                    offset = end;
                    break;
                }
            }
        }
        offset = end;
    }
    let (header_start, body_start) = header?;
    Some((header_start, body_start, offset))
}

/// The period, key and value columns of a long table of exactly three columns, read
/// as long by the general path (so its third column is its one measure); other long
/// layouts go to the general path.
fn long_columns(header: &[String]) -> Option<(Shape, usize)> {
    if header.len() != 3 {
        return None;
    }
    let period = header
        .iter()
        .position(|cell| super::csv_long::PERIOD_COLUMNS.contains(&header_key(cell).as_str()))?;
    let keys: Vec<usize> = (0..3)
        .filter(|&index| {
            index != period
                && header.get(index).is_some_and(|cell| {
                    super::csv_long::KEY_COLUMNS.contains(&header_key(cell).as_str())
                })
        })
        .collect();
    // With two name-like columns the general path picks by the cells: leave it to it.
    let [key] = keys.as_slice() else {
        return None;
    };
    let value = (0..3).find(|&index| index != period && index != *key)?;
    Some((Shape::Long { key: *key, value }, period))
}

/// The text cut in two at a line break near its middle, for two threads.
fn split_at_line(body: &str) -> Vec<&str> {
    let middle = body.len() / 2;
    let cut = body
        .as_bytes()
        .get(middle..)
        .and_then(|rest| rest.iter().position(|&byte| byte == b'\n'))
        .map(|offset| middle + offset + 1);
    match cut.and_then(|cut| Some((body.get(..cut)?, body.get(cut..)?))) {
        Some((first, second)) => vec![first, second],
        None => vec![body],
    }
}

/// The series read from one part of the file.
struct Chunk {
    rows: usize,
    /// Long tables: the series names in order of first appearance in this part.
    keys: Vec<String>,
    /// Points per series (wide: per column after the period; long: per key).
    series: Vec<Vec<Point>>,
}

/// Reads the rows of one part, or `None` at the first thing the general path must
/// judge.
fn read_chunk(part: &str, plan: &Plan) -> Option<Chunk> {
    let lines = part
        .as_bytes()
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
        + 1;
    let mut chunk = Chunk {
        rows: 0,
        keys: Vec::new(),
        series: match plan.layout {
            Shape::Wide => (1..plan.width).map(|_| Vec::with_capacity(lines)).collect(),
            Shape::Long { .. } => Vec::new(),
        },
    };
    let mut key_index: HashMap<&str, usize> = HashMap::new();
    // Long files usually cycle through their series in one order: try the series
    // after the last row's first, before hashing.
    let mut last_key = 0;
    let mut last_period: Option<Period> = None;
    let mut cells: Vec<&str> = Vec::with_capacity(plan.width);
    let mut last_period_text: Option<(&str, Period)> = None;
    for line in part.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        split_cells(line, plan.separator, &mut cells)?;
        if cells.len() != plan.width {
            return None;
        }
        let period_text = cells.get(plan.period)?;
        // Long files repeat each period on consecutive rows (one per series).
        let period = match last_period_text {
            Some((text, period)) if text == *period_text => period,
            _ => read_period(period_text)?,
        };
        last_period_text = Some((period_text, period));
        chunk.rows += 1;
        match plan.layout {
            Shape::Wide => {
                if last_period.is_some_and(|last| !in_order(last, period)) {
                    return None;
                }
                last_period = Some(period);
                for (points, text) in chunk.series.iter_mut().zip(cells.iter().skip(1)) {
                    points.push(Point::new(period, read_value(text)?));
                }
            }
            Shape::Long { key, value } => {
                let name = cells.get(key)?.trim();
                if name.is_empty() {
                    return None;
                }
                let next = (last_key + 1) % chunk.keys.len().max(1);
                let predicted = chunk.keys.get(next).is_some_and(|key| key == name);
                let known = if predicted {
                    Some(next)
                } else {
                    key_index.get(name).copied()
                };
                let index = match known {
                    Some(index) => index,
                    None => {
                        let index = chunk.series.len();
                        key_index.insert(name, index);
                        chunk.keys.push(name.to_string());
                        chunk.series.push(Vec::new());
                        index
                    }
                };
                last_key = index;
                let points = chunk.series.get_mut(index)?;
                if points
                    .last()
                    .is_some_and(|last| !in_order(last.period, period))
                {
                    return None;
                }
                points.push(Point::new(period, read_value(cells.get(value)?)?));
            }
        }
    }
    Some(chunk)
}

/// Splits `line` at `separator` into `cells`, or `None` at a quote (quoted cells are
/// the general path's) or a cell longer than [`MAX_FAST_CELL`].
fn split_cells<'a>(line: &'a str, separator: u8, cells: &mut Vec<&'a str>) -> Option<()> {
    cells.clear();
    let mut start = 0;
    for (index, &byte) in line.as_bytes().iter().enumerate() {
        if byte == separator {
            cells.push(line.get(start..index)?);
            start = index + 1;
        } else if byte == b'"' {
            return None;
        }
    }
    cells.push(line.get(start..)?);
    cells
        .iter()
        .all(|cell| cell.len() <= MAX_FAST_CELL)
        .then_some(())
}

/// True when `next` comes strictly after `last` in the order the readers sort points
/// in: then no period repeats and sorting changes nothing.
fn in_order(last: Period, next: Period) -> bool {
    (last.first_day(), last.resolution()) < (next.first_day(), next.resolution())
}

/// A period cell: `YYYY-MM-DD` read directly, anything else by [`Period::parse`].
fn read_period(text: &str) -> Option<Period> {
    if let Some(day) = iso_day(text.as_bytes()) {
        return Some(day);
    }
    Period::parse(text).ok()
}

/// `YYYY-MM-DD` exactly, as [`Period::parse`] reads it (years 1000–2999).
fn iso_day(bytes: &[u8]) -> Option<Period> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *bytes else {
        return None;
    };
    let digit = |byte: u8| byte.is_ascii_digit().then(|| u32::from(byte - b'0'));
    let year = digit(y1)? * 1000 + digit(y2)? * 100 + digit(y3)? * 10 + digit(y4)?;
    let month = digit(m1)? * 10 + digit(m2)?;
    let day = digit(d1)? * 10 + digit(d2)?;
    if !(1000..=2999).contains(&year) {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day).map(Period::Day)
}

/// A value cell: a plain decimal (`-379.02`) read directly, anything else by the
/// general cell reader; `%` and `$` marks (which decide units) go to the general path.
fn read_value(text: &str) -> Option<Option<f64>> {
    if let Some(value) = plain_decimal(text) {
        return Some(Some(value));
    }
    match csv_wide::read_number(text, false).ok()? {
        Cell::Missing => Some(None),
        Cell::Number {
            value,
            percent: false,
            dollars: false,
        } => Some(Some(value)),
        Cell::Number { .. } => None,
    }
}

/// `-?D{1,15}(.D{1,15})?`: read as the general reader reads it (the digits parsed,
/// then negated), and always below its magnitude limit.
fn plain_decimal(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (integer, fraction) = match digits.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |part: &str| {
        !part.is_empty() && part.len() <= 15 && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !all_digits(integer) || !fraction.is_none_or(all_digits) {
        return None;
    }
    let fraction = fraction.unwrap_or("");
    let value = match POWERS_OF_TEN.get(fraction.len()) {
        // At most 15 digits: the digits as an integer and the power of ten are both
        // exact in an f64, so one (correctly rounded) division gives the correctly
        // rounded value, the very value `str::parse` gives (Clinger's fast path).
        Some(power) if integer.len() + fraction.len() <= 15 => {
            let mantissa = integer
                .bytes()
                .chain(fraction.bytes())
                .fold(0u64, |sum, byte| sum * 10 + u64::from(byte - b'0'));
            mantissa as f64 / power
        }
        _ => digits.parse().ok()?,
    };
    Some(if negative { -value } else { value })
}

/// 10⁰ … 10¹⁵, each exact in an f64.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The series of all parts joined in file order, or `None` when a series' periods
/// are out of order across the cut.
fn merge(plan: &Plan, chunks: &mut [Chunk]) -> Option<Vec<Series>> {
    match plan.layout {
        Shape::Wide => {
            let mut series = plan.series.clone();
            for (column, target) in series.iter_mut().enumerate() {
                let parts: Vec<Vec<Point>> = chunks
                    .iter_mut()
                    .map(|chunk| Some(std::mem::take(chunk.series.get_mut(column)?)))
                    .collect::<Option<_>>()?;
                target.points = join(parts)?;
            }
            Some(series)
        }
        Shape::Long { value, .. } => {
            let unit = plan.long_unit(value);
            let mut names: Vec<String> = Vec::new();
            for chunk in chunks.iter() {
                for key in &chunk.keys {
                    if !names.contains(key) {
                        names.push(key.clone());
                    }
                }
            }
            let mut series = Vec::with_capacity(names.len());
            for name in names {
                let parts: Vec<Vec<Point>> = chunks
                    .iter_mut()
                    .filter_map(|chunk| {
                        let index = chunk.keys.iter().position(|key| *key == name)?;
                        Some(std::mem::take(chunk.series.get_mut(index)?))
                    })
                    .collect();
                series.push(Series {
                    name,
                    unit: unit.clone(),
                    step: false,
                    source: None,
                    points: join(parts)?,
                });
            }
            Some(series)
        }
    }
}

/// Parts of one series joined, each part freed as soon as it is copied.
fn join(parts: Vec<Vec<Point>>) -> Option<Vec<Point>> {
    for pair in parts.windows(2) {
        if let [first, second] = pair
            && let (Some(last), Some(next)) = (first.last(), second.first())
            && !in_order(last.period, next.period)
        {
            return None;
        }
    }
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut parts = parts.into_iter();
    // The first part grows in place (a large allocation is remapped, not copied).
    let mut joined = parts.next().unwrap_or_default();
    joined.reserve_exact(total - joined.len());
    for part in parts {
        joined.extend(part);
    }
    Some(joined)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use std::path::Path;

    fn general(text: &str) -> Result<Loaded, Vec<super::super::Problem>> {
        let table = text::read_csv_table(text)?;
        super::super::load_table_with(table, None, &LoadOptions::default())
    }

    /// The fast path reads `text` into exactly what the general path reads.
    fn same_as_general(text: &str) {
        let fast = try_load_any_size(text.as_bytes(), &LoadOptions::default())
            .unwrap_or_else(|| panic!("the fast path gave up on {text:?}"));
        let slow = general(text).unwrap();
        assert_eq!(fast.dataset, slow.dataset);
        assert_eq!(fast.format, slow.format);
    }

    fn gives_up(text: &str) {
        assert!(
            try_load_any_size(text.as_bytes(), &LoadOptions::default()).is_none(),
            "{text:?}"
        );
    }

    fn daily_wide(rows: usize) -> String {
        let mut text = String::from("# title: Daily\ndate,Balance (USD bn),Tariff (%)\n");
        let mut day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        for row in 0..rows {
            let gap = if row % 17 == 0 {
                String::new()
            } else {
                format!("{}.{}", row, row % 10)
            };
            text.push_str(&format!("{day},-{gap},{}\n", row % 50));
            day = day.succ_opt().unwrap();
        }
        text.replace(",-,", ",,")
    }

    #[test]
    fn reads_a_wide_file_as_the_general_path_does() {
        same_as_general(&daily_wide(1000));
        same_as_general("year,a,b\r\n2017,1,2\r\n2018,,3.25\r\n\r\n2019,n/a,1e3\r\n");
        same_as_general("observation_date,XTEXVA01CNM667S\n2018-01-01,1\n2018-02-01,.\n");
        same_as_general("date\tExports\n2018-01\t1\n2018-02\t2\n");
    }

    #[test]
    fn reads_a_long_file_as_the_general_path_does() {
        let mut text = String::from("date,series,value (USD bn)\n");
        for day in 1..=28 {
            for name in ["Exports", "Imports", "Balance"] {
                text.push_str(&format!("2018-02-{day:02},{name},{day}.5\n"));
            }
        }
        same_as_general(&text);
        same_as_general("series,year,value\nA,2017,1\nB,2017,2\nA,2018,\nB,2018,-0.5\n");
    }

    #[test]
    fn gives_unusual_files_to_the_general_path() {
        gives_up("year,a\n2018,\"1\"\n");
        gives_up("year,a\n2018,1\n2019,1,2\n");
        gives_up("year,a\n2019,1\n2018,2\n");
        gives_up("year,a\n2018,1\n2018,2\n");
        gives_up("year,a\n2018,19%\n");
        gives_up("year,a\n2018,x\n");
        gives_up("year;a\n2018;1,5\n");
        gives_up("year,a,event\n2018,1,Tariffs\n");
        gives_up("# partial: 2018 Jan-Mar\nyear,a\n2018,1\n");
        gives_up("year,a\n3018,1\n");
        gives_up("year,a\n");
        gives_up("series,year,value,unit\nA,2017,1,%\n");
    }

    #[test]
    fn the_two_halves_join_in_file_order() {
        // Large enough that both threads have rows of every series.
        let text = daily_wide(5000);
        same_as_general(&text);
        let loaded = try_load_any_size(text.as_bytes(), &LoadOptions::default()).unwrap();
        assert_eq!(loaded.dataset.series[0].points.len(), 5000);
        assert_eq!(loaded.dataset.title, "Daily");
    }

    #[test]
    fn plain_decimals_read_as_the_general_reader_reads_them() {
        // Many decimals of every length, against the standard (correctly rounded) parser.
        let mut state: u64 = 7;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let digits = (state >> 40).to_string();
            let point = (state % 7) as usize;
            let text = if point > 0 && point < digits.len() {
                format!("{}.{}", &digits[..point], &digits[point..])
            } else {
                digits
            };
            assert_eq!(
                plain_decimal(&text).unwrap().to_bits(),
                text.parse::<f64>().unwrap().to_bits(),
                "{text}"
            );
        }
        for text in [
            "0",
            "-0",
            "379.02",
            "-379.02",
            "123456789012345.5",
            "0.1",
            "0.30000000000001",
        ] {
            let general = match csv_wide::read_number(text, false).unwrap() {
                Cell::Number { value, .. } => value,
                Cell::Missing => panic!(),
            };
            assert_eq!(
                plain_decimal(text).unwrap().to_bits(),
                general.to_bits(),
                "{text}"
            );
        }
        for text in [
            "",
            "-",
            "1.",
            ".5",
            "1e3",
            "+1",
            " 1",
            "1,000",
            "1234567890123456",
        ] {
            assert!(plain_decimal(text).is_none(), "{text}");
        }
    }

    #[test]
    fn iso_days_read_as_period_parse_reads_them() {
        for text in ["2018-07-06", "1000-01-01", "2999-12-31", "2020-02-29"] {
            assert_eq!(iso_day(text.as_bytes()), Period::parse(text).ok(), "{text}");
        }
        for text in [
            "2019-02-29",
            "3000-01-01",
            "0999-12-31",
            "2018-13-01",
            "2018-7-06",
        ] {
            assert!(iso_day(text.as_bytes()).is_none(), "{text}");
        }
    }

    #[test]
    fn small_files_stay_on_the_general_path() {
        assert!(try_load(b"year,a\n2018,1\n", &LoadOptions::default()).is_none());
        let _ = Path::new("");
    }
}
