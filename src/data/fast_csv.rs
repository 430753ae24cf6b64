//! The fast path for large, plain CSV files: wide (`date,a,b,…`) and long
//! (`date,series,value`) tables of plain numbers read straight from the file's bytes
//! into series, on two threads, without a [`Table`](super::Table) of strings.
//!
//! It only ever says yes to a file the general readers would read into the very
//! same dataset: the layout, names and units are decided by the general code on the
//! file's first rows, every cell that is not a plain number or ISO date goes through
//! the general cell readers, and anything unusual — a quote, a ragged row, a period
//! out of order or repeated, a NUL byte, a problem of any kind — gives the file back to
//! the general path, which reads it again and reports the problems with their lines.
//!
//! A file on disk is not read whole first: it is read in small blocks that stay in
//! the cache, so the only large memory touched is the points themselves (fresh memory
//! is what costs most here). Each thread reads half the rows, of every series, and the
//! first half's points, given room for the whole file, take the second half's
//! appended (both threads append, a share of the series each). Every series is given
//! room for the points the sample rows say to expect, so none grows by copying itself.
//!
//! Measured on a 1M-row long file (README "Performance"): halving the rows beat each
//! thread reading every row and keeping its own series, as this path did before,
//! by 3 ms of 26 (the skipped rows cost more to read past than the appending costs),
//! and by 6 ms of 41 on a 600,000-row wide file of four series.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use chrono::Datelike as _;

use super::csv_wide;
use super::detect::{self, Container};
use super::field::{LoadOptions, Selection};
use super::format::Format;
use super::model::{Dataset, Point, Series};
use super::number::Cell;
use super::outcome::{Loaded, ReaderUsed};
use super::period::Period;
use super::problem::Problem;
use super::shape::MAX_SERIES_DRAWN;
use super::table::{Row, Table, apply_metadata, header_key};
use super::{limits, tabular, text};

/// Files smaller than this are read by the general path: it is fast enough there.
pub const MIN_BYTES: usize = 1 << 20;
/// Data rows read by the general path to decide the layout.
const SAMPLE_ROWS: usize = 200;
/// Longest cell the fast path reads (longer ones go to the general path).
const MAX_FAST_CELL: usize = 256;
/// Bytes each thread reads from a file at a time: small enough to stay in the cache.
const BLOCK_BYTES: usize = 256 << 10;
/// Longest start of a file (metadata, header, sample rows) read to plan; a longer one
/// goes to the general path.
const MAX_START_BYTES: usize = 8 << 20;
/// Longest line read from a file: the widest row of the longest cells.
const MAX_LINE_BYTES: usize = (MAX_FAST_CELL + 1) * limits::MAX_COLUMNS + 2;
/// Bytes of text read between looks at whether the other thread gave up.
const PIECE_BYTES: usize = 1 << 20;
/// Points appended across the cut from which the memory of each second part is given
/// back to the system as soon as it is appended (16 MB; a 2M-row file has 32; below, the
/// peak is well within its goal, and a million rows load without the calls).
const GIVE_BACK_POINTS: usize = 1 << 19;
/// Points appended across the cut above which two threads share the appending, up to
/// [`GIVE_BACK_POINTS`]: from there one thread appends, so that only one second part
/// at a time is held beside its copy (a 10M-row file of 20 series peaked at
/// 408–436 MB with two threads, 402 MB with one, in the same time; 7M rows of 12
/// series at 287–306 MB against 278).
const PARALLEL_APPEND_POINTS: usize = 1 << 16;
/// Points a series that keeps none may hold room for (about a block's rows).
const UNKEPT_ROOM: usize = 1 << 14;
/// The UTF-8 byte-order mark, skipped as the general path skips it.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What the fast path made of a file: `None` gives it to the general path; else the
/// dataset (or the choice to ask for), or the problems of a selection the file does
/// not answer, as the general path words them.
pub type FastRead = Option<Result<Loaded, Vec<Problem>>>;

/// Reads `bytes` on the fast path when the file is large and plain enough; `None`
/// gives it to the general path.
pub fn try_load(bytes: &[u8], options: &LoadOptions) -> FastRead {
    if bytes.len() < MIN_BYTES {
        return None;
    }
    try_load_any_size(bytes, options)
}

/// [`try_load`] without the size threshold (tests compare it with the general path on
/// small files).
pub fn try_load_any_size(bytes: &[u8], options: &LoadOptions) -> FastRead {
    if options.overrules() || detect::container(bytes) == Container::Workbook {
        return None;
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut plan = plan_from_start(bytes, true)?.ok()?;
    plan.select(&options.selection)?;
    plan.memory = options.memory.available();
    let body = bytes.get(plan.body_start..)?;
    if plan.points_need(body.len()) > plan.memory {
        return None;
    }
    crate::prefer_small_pages();
    let cut = cut_after_middle(body);
    let (first, second) = (body.get(..cut)?, body.get(cut..)?);
    let hints = [plan.rows_in(body.len()), plan.rows_in(second.len())];
    let gave_up = AtomicBool::new(false);
    let parts = std::thread::scope(|scope| {
        let worker = scope.spawn(|| read_slice(&plan, second, hints[1], &gave_up));
        let first = read_slice(&plan, first, hints[0], &gave_up);
        let second = worker.join().ok().flatten();
        Some([first?, second?])
    })?;
    finish(&plan, parts)
}

/// Reads the file at `path` on the fast path when it is large and plain enough,
/// telling `progress` the bytes read so far; `None` gives it to the general path
/// (which reads it again and reports any problem, such as a file it cannot open), as
/// when `stop` is set (checked between blocks).
pub fn try_load_path(
    path: &Path,
    options: &LoadOptions,
    progress: &dyn Fn(u64),
    stop: &AtomicBool,
) -> FastRead {
    let reading = Reading {
        progress,
        stop,
        min_bytes: MIN_BYTES,
        block: BLOCK_BYTES,
    };
    try_load_path_with(path, options, &reading)
}

/// How a file on disk is read: who is told of progress, when to stop, the size
/// threshold and the block size (tests use tiny blocks to cut lines everywhere).
struct Reading<'r> {
    progress: &'r dyn Fn(u64),
    stop: &'r AtomicBool,
    min_bytes: usize,
    block: usize,
}

/// [`try_load_path`] read as `reading` says.
fn try_load_path_with(path: &Path, options: &LoadOptions, reading: &Reading) -> FastRead {
    let Reading {
        progress,
        stop,
        min_bytes,
        block,
    } = *reading;
    if options.overrules() {
        return None;
    }
    let metadata = std::fs::metadata(path).ok()?;
    let length = metadata.len();
    if !metadata.is_file() || length > limits::MAX_FILE_BYTES || length < min_bytes as u64 {
        return None;
    }
    let file = File::open(path).ok()?;
    let (start, mut plan) = match read_start(&file, block)? {
        Start::Whole(bytes) => {
            progress(bytes.len() as u64);
            return try_load_any_size(&bytes, options);
        }
        Start::Planned(start, plan) => (start, plan),
    };
    plan.select(&options.selection)?;
    let bom = if start.starts_with(BOM) { BOM.len() } else { 0 };
    let body_start = u64::try_from(bom + plan.body_start).ok()?;
    let body_length = length.checked_sub(body_start)?;
    // Points that would not fit are refused by the general path, before it reads.
    plan.memory = options.memory.available();
    if plan.points_need(usize::try_from(body_length).ok()?) > plan.memory {
        return None;
    }
    // The points are the bulk of fresh memory (see `prefer_small_pages`).
    crate::prefer_small_pages();
    let middle = body_start + body_length / 2;
    let gave_up = AtomicBool::new(false);
    let hints = [
        plan.rows_in(usize::try_from(body_length).ok()?),
        plan.rows_in(usize::try_from(length - middle).ok()?),
    ];
    let second_read = AtomicU64::new(0);
    let parts = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let report = |read: u64| {
                second_read.fetch_add(read, Ordering::Relaxed);
            };
            let part = FilePart {
                file: &file,
                from: middle,
                cut: Cut::StartAfter,
                block,
                stop,
            };
            read_file_part(&plan, &part, hints[1], &gave_up, &report)
        });
        let first_read = std::cell::Cell::new(body_start);
        let report = |read: u64| {
            first_read.set(first_read.get() + read);
            let read = first_read.get() + second_read.load(Ordering::Relaxed);
            progress(read.min(length));
        };
        let part = FilePart {
            file: &file,
            from: body_start,
            cut: Cut::EndAt(middle),
            block,
            stop,
        };
        let first = read_file_part(&plan, &part, hints[0], &gave_up, &report);
        let second = worker.join().ok().flatten();
        Some([first?, second?])
    })?;
    progress(length);
    finish(&plan, parts)
}

/// [`limits::check_dataset`] of a dataset read here, without its pass over every point
/// for notes and its cap on their number: points read here carry none, and there are
/// as many as the memory holds (see `Plan::points_need`).
pub fn check_limits(dataset: &Dataset) -> Result<(), Vec<super::Problem>> {
    let without_points = Dataset {
        format_version: dataset.format_version,
        title: dataset.title.clone(),
        notes: dataset.notes.clone(),
        sources: dataset.sources.clone(),
        as_of: dataset.as_of.clone(),
        series: dataset
            .series
            .iter()
            .map(|series| Series {
                name: series.name.clone(),
                unit: series.unit.clone(),
                step: series.step,
                source: series.source.clone(),
                points: Vec::new(),
            })
            .collect(),
        events: dataset.events.clone(),
    };
    limits::check_dataset(&without_points)
}

/// What the general readers made of the file's first rows, and how to read the rest.
struct Plan {
    /// The metadata, header and first rows, as the general path read them.
    sample: Table,
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
    /// What an empty value cell reads as (a missing value, unless it is refused).
    empty_value: Option<Option<f64>>,
    /// Lines and bytes of the sample rows: the rows to expect in a span of bytes.
    sample_lines: usize,
    sample_bytes: usize,
    /// Long tables: the sample rows of each series name, to size its points.
    sample_keys: HashMap<String, usize>,
    /// Bytes of memory the points may take.
    memory: u64,
    /// Long tables: the user's selection, and which series' points to keep.
    selection: Selection,
    keep: Keep,
}

/// Which series of a long table keep their points while read (the others keep only
/// their last, to check the order of their periods).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Keep {
    /// No selection: every series while there are no more than a chart draws without
    /// asking, none once there are (the file is then a choice).
    Drawn,
    /// The series a selection may name: those whose name is one of these values
    /// (trimmed, lower case). More than it picks is harmless; the general path's
    /// reading of the series names decides.
    Named(Vec<String>),
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
    /// The plan for `text`, the start of a file holding its header and at least
    /// [`SAMPLE_ROWS`] lines after it (or the whole file).
    fn from_sample(text: &str) -> Option<Plan> {
        let bounds = sample_bounds(text)?;
        let sample_text = text.get(..bounds.sample_end)?;
        // NUL bytes make the general path refuse a file (or read it as UTF-16).
        if sample_text.contains('\0')
            || super::field::wdi::find_header(sample_text).is_some()
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
        let header_text = text.get(bounds.header_start..bounds.body_start)?;
        let separator = text::sniff_separator(header_text.trim_end());
        let width = sample.header.len();
        if !(2..=limits::MAX_COLUMNS).contains(&width) {
            return None;
        }
        // Of a long table, the rows of the series a chart draws without asking: the
        // layout is checked on them, the choice (if any) asked at the end.
        let checked = match long_columns(&sample.header) {
            Some((Shape::Long { key, .. }, _)) => first_series_only(&sample, key),
            _ => sample.clone(),
        };
        let loaded = tabular::read(checked, None, &LoadOptions::default()).ok()?;
        // A file read as other than written (a header under title lines, dates read
        // as months, columns set aside) is the general path's, which says so.
        if loaded.choices.is_some() || !loaded.dataset.events.is_empty() || !loaded.notes.is_empty()
        {
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
        let mut sample_keys: HashMap<String, usize> = HashMap::new();
        if let Shape::Long { key, .. } = layout {
            for row in &sample.rows {
                let name = row.cells.get(key).map_or("", |cell| cell.trim());
                *sample_keys.entry(name.to_string()).or_default() += 1;
            }
        }
        Some(Plan {
            sample_lines: bounds.data_lines,
            sample_bytes: bounds.sample_end - bounds.body_start,
            sample_keys,
            sample,
            format: loaded.format,
            separator,
            width,
            body_start: bounds.body_start,
            period,
            layout,
            series,
            empty_value: read_value(""),
            memory: u64::MAX,
            selection: Selection::default(),
            keep: Keep::Drawn,
        })
    }

    /// Reads the part `selection` names: `None` for a wide table with a selection
    /// (which the general path judges).
    fn select(&mut self, selection: &Selection) -> Option<()> {
        if selection.is_empty() {
            return Some(());
        }
        if self.layout == Shape::Wide {
            return None;
        }
        let values = selection
            .pairs()
            .iter()
            .flat_map(|(_, value)| value.split('|'))
            .map(|value| value.trim().to_lowercase())
            .collect();
        self.keep = Keep::Named(values);
        self.selection = selection.clone();
        Some(())
    }

    /// About how many rows `bytes` of body hold, going by the sample (a little over):
    /// the points to make room for.
    fn rows_in(&self, bytes: usize) -> usize {
        let lines = bytes.saturating_mul(self.sample_lines) / self.sample_bytes.max(1);
        lines.saturating_add(lines / 16 + 16)
    }

    /// Values in each row: one a series for a wide table, one for a long one.
    fn values_per_row(&self) -> usize {
        match self.layout {
            Shape::Wide => self.width.saturating_sub(1),
            Shape::Long { .. } => 1,
        }
    }

    /// Bytes of memory the points of `rows` rows take.
    fn points_bytes(&self, rows: usize) -> u64 {
        (rows as u64)
            .saturating_mul(self.values_per_row() as u64)
            .saturating_mul(std::mem::size_of::<Point>() as u64)
    }

    /// About the most memory the points of `bytes` of body take while read: a point
    /// a value, and the second part's points a second time until they are appended
    /// to the first part's.
    fn points_need(&self, bytes: usize) -> u64 {
        let points = self.points_bytes(self.rows_in(bytes));
        points.saturating_add(points / 2)
    }

    /// Room to make for one series of a part expected to hold `rows` rows: all of them
    /// for a wide table (within the cell limit), the series' share of the sample for a
    /// long one (nothing for a name the sample does not hold).
    fn points_to_reserve(&self, name: Option<&str>, rows: usize) -> usize {
        match name {
            None => rows,
            Some(name) => {
                let in_sample = self.sample_keys.get(name).copied().unwrap_or(0);
                let share = rows.saturating_mul(in_sample) / self.sample_lines.max(1);
                if in_sample == 0 { 0 } else { share + 16 }
            }
        }
    }
}

/// Where the header starts, where the data starts and where the sample ends, and how
/// many lines the sample holds.
struct SampleBounds {
    header_start: usize,
    body_start: usize,
    sample_end: usize,
    data_lines: usize,
}

/// After `# key: value` and blank lines, the header line, then [`SAMPLE_ROWS`] lines
/// (fewer when the text ends first); `None` without a header.
fn sample_bounds(text: &str) -> Option<SampleBounds> {
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
    Some(SampleBounds {
        header_start,
        body_start,
        sample_end: offset,
        data_lines,
    })
}

/// Where the last whole line of `bytes` ends: just after its last line break (0 when
/// there is none).
fn whole_lines_end(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1)
}

/// The plan from the start of a file (`whole`: the whole file, BOM removed): `Err`
/// when more of the file is needed to hold the header and the sample rows, `None`
/// when the fast path cannot read it.
fn plan_from_start(bytes: &[u8], whole: bool) -> Option<Result<Plan, NeedMore>> {
    let complete = if whole {
        bytes.len()
    } else {
        whole_lines_end(bytes)
    };
    // Only whole lines: a line cut short could look like a complete sample.
    let mut length = complete.min(64 << 10);
    loop {
        let whole_text = length == complete;
        let end = if whole_text {
            complete
        } else {
            // Up to a line break, so no character is cut in two.
            whole_lines_end(bytes.get(..length)?)
        };
        let text = std::str::from_utf8(bytes.get(..end)?).ok()?;
        match sample_bounds(text) {
            Some(bounds) if bounds.data_lines >= SAMPLE_ROWS || (whole_text && whole) => {
                return Plan::from_sample(text).map(Ok);
            }
            None if whole_text && whole => return None,
            _ if whole_text => return Some(Err(NeedMore)),
            _ => length = (length * 2).min(complete),
        }
    }
}

/// The start of a file read so far does not hold the header and the sample rows.
struct NeedMore;

/// The start of a file: the whole file when it is short, else the plan and the bytes
/// read to make it.
enum Start {
    Whole(Vec<u8>),
    Planned(Vec<u8>, Box<Plan>),
}

/// Reads the start of `file` until it holds the header and the sample rows.
fn read_start(file: &File, block: usize) -> Option<Start> {
    let mut start: Vec<u8> = Vec::new();
    let mut wanted = block.max(64 << 10);
    loop {
        let had = start.len();
        start.resize(wanted, 0);
        let read = read_fully(file, start.get_mut(had..)?, had as u64)?;
        start.truncate(had + read);
        if start.len() < wanted {
            return Some(Start::Whole(start));
        }
        if detect::container(&start) == Container::Workbook {
            return None;
        }
        let text = start.strip_prefix(BOM).unwrap_or(&start);
        if let Ok(plan) = plan_from_start(text, false)? {
            return Some(Start::Planned(start, Box::new(plan)));
        }
        if wanted >= MAX_START_BYTES {
            return None;
        }
        wanted *= 2;
    }
}

/// Fills `buffer` from `offset` on, short only at the end of the file.
fn read_fully(file: &File, buffer: &mut [u8], offset: u64) -> Option<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match read_at(file, buffer.get_mut(filled..)?, offset + filled as u64) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(filled)
}

/// Reads at `offset` without moving a shared file position (each thread its own part).
#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buffer, offset)
}

/// Reads at `offset` (each thread its own part).
#[cfg(windows)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buffer, offset)
}

/// No positional reads here: the general path reads the file.
#[cfg(not(any(unix, windows)))]
fn read_at(_file: &File, _buffer: &mut [u8], _offset: u64) -> std::io::Result<usize> {
    Err(std::io::ErrorKind::Unsupported.into())
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

/// `sample` with only the rows of its first [`MAX_SERIES_DRAWN`] series names (in
/// column `key`).
fn first_series_only(sample: &Table, key: usize) -> Table {
    let mut table = sample.clone();
    let mut names: Vec<String> = Vec::new();
    table.rows.retain(|row| {
        let name = row.cells.get(key).map_or("", |cell| cell.trim());
        if names.iter().any(|seen| seen == name) {
            return true;
        }
        if names.len() == MAX_SERIES_DRAWN {
            return false;
        }
        names.push(name.to_string());
        true
    });
    table
}

/// Where the body is cut in two for two threads: after the first line break at or
/// after its middle (its length when there is none).
fn cut_after_middle(body: &[u8]) -> usize {
    let middle = body.len() / 2;
    body.get(middle..)
        .and_then(|rest| rest.iter().position(|&byte| byte == b'\n'))
        .map_or(body.len(), |offset| middle + offset + 1)
}

/// Reads the lines of `part` (text in memory), or `None` at the first thing the
/// general path must judge or when the other thread gave up.
fn read_slice<'p>(
    plan: &'p Plan,
    part: &[u8],
    rows: usize,
    gave_up: &AtomicBool,
) -> Option<PartReader<'p>> {
    let mut reader = PartReader::new(plan, rows);
    let mut rest = part;
    let read = loop {
        if rest.is_empty() {
            break Some(reader);
        }
        if gave_up.load(Ordering::Relaxed) || reader.too_many_rows() {
            break None;
        }
        let end = rest
            .get(PIECE_BYTES..)
            .and_then(|tail| tail.iter().position(|&byte| byte == b'\n'))
            .map_or(rest.len(), |offset| PIECE_BYTES + offset + 1);
        let (Some(piece), Some(tail)) = (rest.get(..end), rest.get(end..)) else {
            break None;
        };
        if reader.read_lines(piece).is_none() {
            break None;
        }
        reader.drop_unkept_points();
        rest = tail;
    };
    if read.is_none() {
        gave_up.store(true, Ordering::Relaxed);
    }
    read
}

/// One thread's part of a file on disk.
struct FilePart<'f> {
    file: &'f File,
    /// Where reading starts.
    from: u64,
    cut: Cut,
    /// Bytes read at a time.
    block: usize,
    /// Set to stop reading (the part is then given up).
    stop: &'f AtomicBool,
}

/// Where a part of the body begins or ends: at the first line break at or after the
/// middle of the body, which both threads find alike.
#[derive(Clone, Copy)]
enum Cut {
    /// The first part: its lines up to and with that line break.
    EndAt(u64),
    /// The second part: the lines after that line break, to the end of the file.
    StartAfter,
}

/// Reads the lines of one part of a file in blocks, telling `report` the bytes read
/// after each block; `None` at the first thing the general path must judge, when the
/// other thread gave up, or when the file cannot be read.
fn read_file_part<'p>(
    plan: &'p Plan,
    part: &FilePart,
    rows: usize,
    gave_up: &AtomicBool,
    report: &dyn Fn(u64),
) -> Option<PartReader<'p>> {
    let read = read_blocks(plan, part, rows, gave_up, report);
    if read.is_none() {
        gave_up.store(true, Ordering::Relaxed);
    }
    read
}

/// [`read_file_part`] without the telling of the other thread.
fn read_blocks<'p>(
    plan: &'p Plan,
    part: &FilePart,
    rows: usize,
    gave_up: &AtomicBool,
    report: &dyn Fn(u64),
) -> Option<PartReader<'p>> {
    let mut reader = PartReader::new(plan, rows);
    let mut buffer = vec![0u8; part.block.max(1)];
    // Bytes at the start of `buffer` kept from the last block: a line not yet whole.
    let mut kept = 0;
    let mut offset = part.from;
    // The second part skips to its first line.
    let mut skipping = matches!(part.cut, Cut::StartAfter);
    loop {
        if gave_up.load(Ordering::Relaxed)
            || part.stop.load(Ordering::Relaxed)
            || reader.too_many_rows()
        {
            return None;
        }
        if kept == buffer.len() {
            if buffer.len() > MAX_LINE_BYTES {
                return None;
            }
            buffer.resize(buffer.len() * 2, 0);
        }
        let buffer_offset = offset - kept as u64;
        let read = read_fully(part.file, buffer.get_mut(kept..)?, offset)?;
        offset += read as u64;
        report(read as u64);
        let at_end = kept + read < buffer.len();
        let data = buffer.get(..kept + read)?;
        let mut begin = 0;
        if skipping {
            match data.iter().position(|&byte| byte == b'\n') {
                Some(newline) => {
                    begin = newline + 1;
                    skipping = false;
                }
                None if at_end => return Some(reader),
                None => {
                    kept = 0;
                    continue;
                }
            }
        }
        let whole_lines = || whole_lines_end(data).max(begin);
        let (end, last) = match part.cut {
            Cut::EndAt(middle) => {
                let from = usize::try_from(middle.saturating_sub(buffer_offset))
                    .map_or(data.len(), |from| from.min(data.len()));
                match data
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&byte| byte == b'\n'))
                {
                    Some(newline) => (from + newline + 1, true),
                    None if at_end => (data.len(), true),
                    None => (whole_lines(), false),
                }
            }
            Cut::StartAfter if at_end => (data.len(), true),
            Cut::StartAfter => (whole_lines(), false),
        };
        reader.read_lines(data.get(begin..end)?)?;
        reader.drop_unkept_points();
        if last {
            return Some(reader);
        }
        let length = data.len();
        buffer.copy_within(end..length, 0);
        kept = length - end;
    }
}

/// The series read from one part of the file, and what reading its lines needs.
struct PartReader<'p> {
    plan: &'p Plan,
    /// The rows its series are given room for: of the whole body, but for the
    /// second half of the rows (whose points are appended to the first half's).
    expected_rows: usize,
    rows: usize,
    /// Long tables: the series names in order of first appearance in this part.
    keys: Vec<String>,
    key_index: HashMap<String, usize>,
    /// Points per series (wide: per column after the period; long: per key).
    series: Vec<Vec<Point>>,
    /// Long tables: whether each series keeps its points (see [`Keep`]).
    kept: Vec<bool>,
    /// Long tables: the cells of each series' first row (to ask the general path
    /// about the series names).
    first_rows: Vec<Vec<String>>,
    /// Long tables: the series of the last row (files usually cycle through their
    /// series in one order, or hold one series after another).
    last_key: usize,
    /// Wide tables: the period of the last row.
    last_period: Option<Period>,
    /// The last period cell read and its period (long files repeat each period on
    /// consecutive rows, one per series).
    period_text: Vec<u8>,
    period_read: Option<Period>,
    /// The last period cell read was `YYYY-MM-DD`, read by [`iso_day`].
    period_iso: bool,
    /// Wide tables: the values of the row being read.
    values: Vec<Option<f64>>,
}

impl<'p> PartReader<'p> {
    fn new(plan: &'p Plan, expected_rows: usize) -> PartReader<'p> {
        let columns = match plan.layout {
            Shape::Wide => plan.width.saturating_sub(1),
            Shape::Long { .. } => 0,
        };
        let series = (0..columns)
            .map(|_| {
                let mut points = Vec::new();
                // Room is only address space until used; when even that is refused,
                // the points grow as they come.
                let _ = points.try_reserve_exact(plan.points_to_reserve(None, expected_rows));
                points
            })
            .collect();
        PartReader {
            plan,
            expected_rows,
            rows: 0,
            keys: Vec::new(),
            key_index: HashMap::new(),
            series,
            kept: Vec::new(),
            first_rows: Vec::new(),
            last_key: 0,
            last_period: None,
            period_text: Vec::new(),
            period_read: None,
            period_iso: false,
            values: Vec::with_capacity(plan.width),
        }
    }

    /// More points than the memory holds (the sample told of fewer rows): the general
    /// path reports it.
    fn too_many_rows(&self) -> bool {
        self.plan.points_bytes(self.rows) > self.plan.memory
    }

    /// Reads whole lines (the last one may lack its line break at the end of the file).
    ///
    /// The small readers of a line it calls are `#[inline(always)]`: left to itself the
    /// compiler kept some as calls, about 5 ms more CPU on a million rows.
    fn read_lines(&mut self, bytes: &[u8]) -> Option<()> {
        let mut at = 0;
        while at < bytes.len() {
            at = match self.quick_line(bytes, at) {
                Some(next) => next,
                None => {
                    let rest = bytes.get(at..)?;
                    let length = rest
                        .iter()
                        .position(|&byte| byte == b'\n')
                        .unwrap_or(rest.len());
                    self.line(rest.get(..length)?)?;
                    at + length + 1
                }
            };
        }
        Some(())
    }

    /// Reads the line at `at` when it is of the usual kind — an ISO date or a known
    /// period, known series names, plain decimals — and returns where the next line
    /// starts; `None` (nothing read) hands the line to [`Self::line`].
    fn quick_line(&mut self, bytes: &[u8], at: usize) -> Option<usize> {
        let plan = self.plan;
        match plan.layout {
            Shape::Wide => {
                let (period, mut at) = self.quick_period(bytes, at)?;
                self.values.clear();
                for _ in 1..plan.width {
                    let cell = self.separator_at(bytes, at)?;
                    let (value, end) = self.quick_value(bytes, cell)?;
                    self.values.push(value);
                    at = end;
                }
                let next = line_end(bytes, at)?;
                if self.last_period.is_some_and(|last| !in_order(last, period)) {
                    return None;
                }
                self.last_period = Some(period);
                for (points, value) in self.series.iter_mut().zip(&self.values) {
                    points.push(Point::new(period, *value));
                }
                self.rows += 1;
                Some(next)
            }
            Shape::Long { key: 1, value: 2 } if plan.period == 0 => {
                self.quick_period_name_value(bytes, at)
            }
            Shape::Long { key, .. } => {
                let mut at = at;
                let mut period = None;
                let mut index = None;
                let mut value = None;
                for column in 0..plan.width {
                    if column > 0 {
                        at = self.separator_at(bytes, at)?;
                    }
                    at = if column == plan.period {
                        let (read, end) = self.quick_period(bytes, at)?;
                        period = Some(read);
                        end
                    } else if column == key {
                        let (read, end) = self.quick_key(bytes, at, column + 1 == plan.width)?;
                        index = Some(read);
                        end
                    } else {
                        let (read, end) = self.quick_value(bytes, at)?;
                        value = Some(read);
                        end
                    };
                }
                let next = line_end(bytes, at)?;
                let (period, index, value) = (period?, index?, value?);
                self.push_long(index, period, value)?;
                self.count_row(index);
                Some(next)
            }
        }
    }

    /// [`Self::quick_line`] of the usual long table: period, name, value.
    #[inline(always)]
    fn quick_period_name_value(&mut self, bytes: &[u8], at: usize) -> Option<usize> {
        let (period, period_end) = self.quick_period(bytes, at)?;
        let name_at = self.separator_at(bytes, period_end)?;
        // `quick_key` saw the separator after the name.
        let (index, name_end) = self.quick_key(bytes, name_at, false)?;
        let value_at = name_end + 1;
        let (value, value_end) = self.quick_value(bytes, value_at)?;
        let next = line_end(bytes, value_end)?;
        self.push_long(index, period, value)?;
        self.count_row(index);
        Some(next)
    }

    /// Appends a value of series `index` of a long table, or `None` when its period
    /// does not come after the series' last (the general path judges the file).
    #[inline(always)]
    fn push_long(&mut self, index: usize, period: Period, value: Option<f64>) -> Option<()> {
        let points = self.series.get_mut(index)?;
        if points
            .last()
            .is_some_and(|last| !in_order(last.period, period))
        {
            return None;
        }
        points.push(Point::new(period, value));
        Some(())
    }

    /// One more row read, of series `index` (the next row likely names the next one).
    #[inline(always)]
    fn count_row(&mut self, index: usize) {
        self.last_key = index;
        self.rows += 1;
    }

    /// Just after the separator at `at`, if that is one.
    #[inline(always)]
    fn separator_at(&self, bytes: &[u8], at: usize) -> Option<usize> {
        (bytes.get(at) == Some(&self.plan.separator)).then_some(at + 1)
    }

    /// The period at `at` when it is the last period cell read or an ISO date, and
    /// where it ends (the caller checks that the cell ends there).
    #[inline(always)]
    fn quick_period(&mut self, bytes: &[u8], at: usize) -> Option<(Period, usize)> {
        if let Some(period) = self.period_read
            && has_at(bytes, at, &self.period_text)
        {
            return Some((period, at + self.period_text.len()));
        }
        let text = bytes.get(at..at + 10)?;
        let day = match self.period_read {
            // The next day of the same month, as long files go: only the day is new.
            Some(Period::Day(last))
                if self.period_iso && self.period_text.get(..8) == text.get(..8) =>
            {
                let digit = |index: usize| {
                    let byte = *text.get(index)?;
                    byte.is_ascii_digit().then(|| u32::from(byte - b'0'))
                };
                Period::Day(last.with_day(digit(8)? * 10 + digit(9)?)?)
            }
            _ => iso_day(text)?,
        };
        self.period_text.clear();
        self.period_text.extend_from_slice(text);
        self.period_read = Some(day);
        self.period_iso = true;
        Some((day, at + text.len()))
    }

    /// The series at `at` when its cell is exactly the name of the one after the last
    /// row's, or of the last row's (so [`Self::line`] would find the same), and where
    /// the name ends.
    #[inline(always)]
    fn quick_key(&self, bytes: &[u8], at: usize, last_column: bool) -> Option<(usize, usize)> {
        // Not `% len`: a division per row costs more than all the comparing.
        let next = if self.last_key + 1 < self.keys.len() {
            self.last_key + 1
        } else {
            0
        };
        let index = if self.key_at(bytes, at, last_column, next) {
            next
        } else if self.key_at(bytes, at, last_column, self.last_key) {
            self.last_key
        } else {
            return None;
        };
        Some((index, at + self.keys.get(index)?.len()))
    }

    /// True when the cell at `at` is exactly the name of series `index`. (A method, not
    /// a closure: called twice, a closure was kept as a call whose result went through
    /// memory, about 4 ms more on a million rows.)
    #[inline(always)]
    fn key_at(&self, bytes: &[u8], at: usize, last_column: bool, index: usize) -> bool {
        let Some(name) = self.keys.get(index).map(String::as_bytes) else {
            return false;
        };
        let end = at + name.len();
        let cell_ends = if last_column {
            line_end(bytes, end).is_some()
        } else {
            bytes.get(end) == Some(&self.plan.separator)
        };
        cell_ends && has_at(bytes, at, name)
    }

    /// The value at `at` when it is a plain decimal or empty, and where it ends.
    #[inline(always)]
    fn quick_value(&self, bytes: &[u8], at: usize) -> Option<(Option<f64>, usize)> {
        match bytes.get(at) {
            None | Some(b'\n' | b'\r') => Some((self.plan.empty_value?, at)),
            Some(&byte) if byte == self.plan.separator => Some((self.plan.empty_value?, at)),
            Some(_) => {
                let (value, end) = decimal_at(bytes, at)?;
                Some((Some(value), end))
            }
        }
    }

    /// Reads one line (without its line break) as the general readers would, or
    /// `None` at the first thing the general path must judge.
    fn line(&mut self, line: &[u8]) -> Option<()> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Some(());
        }
        // A NUL byte makes the general path refuse the file; a carriage return not
        // before a line feed ends a line there.
        if line.contains(&0) || line.contains(&b'\r') {
            return None;
        }
        let line = std::str::from_utf8(line).ok()?;
        let plan = self.plan;
        let mut cells: Vec<&str> = Vec::with_capacity(plan.width);
        split_cells(line, plan.separator, &mut cells)?;
        if cells.len() != plan.width {
            return None;
        }
        let period_text = cells.get(plan.period)?;
        let period = match self.period_read {
            Some(period) if self.period_text == period_text.as_bytes() => period,
            _ => read_period(period_text)?,
        };
        self.period_text.clear();
        self.period_text.extend_from_slice(period_text.as_bytes());
        self.period_read = Some(period);
        self.period_iso = false;
        match plan.layout {
            Shape::Wide => {
                if self.last_period.is_some_and(|last| !in_order(last, period)) {
                    return None;
                }
                self.last_period = Some(period);
                for (points, text) in self.series.iter_mut().zip(cells.iter().skip(1)) {
                    points.push(Point::new(period, read_value(text)?));
                }
            }
            Shape::Long { key, value } => {
                let name = cells.get(key)?.trim();
                if name.is_empty() {
                    return None;
                }
                let index = match self.key_index.get(name) {
                    Some(&index) => index,
                    None => self.add_key(name, &cells),
                };
                self.last_key = index;
                let value = read_value(cells.get(value)?)?;
                self.push_long(index, period, value)?;
            }
        }
        self.rows += 1;
        Some(())
    }

    /// A new series name of a long table, first seen in a row of `cells`, with room
    /// for its expected points when it keeps them.
    fn add_key(&mut self, name: &str, cells: &[&str]) -> usize {
        let index = self.series.len();
        self.key_index.insert(name.to_string(), index);
        self.keys.push(name.to_string());
        self.first_rows
            .push(cells.iter().map(|cell| (*cell).to_string()).collect());
        let kept = match &self.plan.keep {
            Keep::Drawn => index < MAX_SERIES_DRAWN,
            Keep::Named(values) => values.contains(&name.to_lowercase()),
        };
        if !kept && self.plan.keep == Keep::Drawn {
            // More series than are drawn: the file is a choice, no series is read.
            self.kept.fill(false);
            self.drop_unkept_points();
        }
        self.kept.push(kept);
        let mut points = Vec::new();
        if kept {
            // Room is only address space until used; when even that is refused, the
            // points grow as they come.
            let _ = points
                .try_reserve_exact(self.plan.points_to_reserve(Some(name), self.expected_rows));
        }
        self.series.push(points);
        index
    }

    /// Frees the points of the series that keep none but their last (whose period
    /// the next must follow): called after each block, outside the loop over rows.
    fn drop_unkept_points(&mut self) {
        for (points, _) in self
            .series
            .iter_mut()
            .zip(&self.kept)
            .filter(|(_, kept)| !**kept)
        {
            let last = points.len().saturating_sub(1);
            points.drain(..last);
            // The room of a series kept until now goes; a block's worth stays.
            if points.capacity() > UNKEPT_ROOM {
                points.shrink_to_fit();
            }
        }
    }
}

/// Where the line whose cells end at `at` ends: just after its `\n` or `\r\n`, or at
/// the end of the text (after a last `\r`); `None` when more of the line follows.
#[inline(always)]
fn line_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at) {
        None => Some(at),
        Some(b'\n') => Some(at + 1),
        Some(b'\r') => match bytes.get(at + 1) {
            None => Some(at + 1),
            Some(b'\n') => Some(at + 2),
            Some(_) => None,
        },
        Some(_) => None,
    }
}

/// True when `bytes` hold `text` at `at`; a word at a time for the short texts of
/// dates and names (a call to `memcmp` costs more than the comparing).
#[inline(always)]
fn has_at(bytes: &[u8], at: usize, text: &[u8]) -> bool {
    let Some(window) = bytes.get(at..at + text.len()) else {
        return false;
    };
    let word = |part: Option<&[u8]>| {
        part.and_then(|part| <[u8; 8]>::try_from(part).ok())
            .map(u64::from_ne_bytes)
    };
    match text.len() {
        length @ 8..=16 => {
            let tail = length - 8;
            word(window.get(..8)) == word(text.get(..8))
                && word(window.get(tail..)) == word(text.get(tail..))
        }
        0..8 => window.iter().zip(text).all(|(a, b)| a == b),
        _ => window == text,
    }
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
#[inline(always)]
fn in_order(last: Period, next: Period) -> bool {
    match (last, next) {
        // Days compare as dates (the first day of a day is itself).
        (Period::Day(last), Period::Day(next)) => last < next,
        _ => (last.first_day(), last.resolution()) < (next.first_day(), next.resolution()),
    }
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
    if let Some((value, end)) = decimal_at(text.as_bytes(), 0)
        && end == text.len()
    {
        return Some(value);
    }
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
    let value: f64 = digits.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// The decimal `-?D+(.D+)?` of at most 15 digits starting at `at`, and where it ends
/// (the caller checks that the cell ends there).
///
/// At most 15 digits: the digits as an integer and the power of ten are both exact in
/// an f64, so one (correctly rounded) division gives the correctly rounded value, the
/// very value `str::parse` gives (Clinger's fast path).
#[inline(always)]
fn decimal_at(bytes: &[u8], at: usize) -> Option<(f64, usize)> {
    let negative = bytes.get(at) == Some(&b'-');
    let start = at + usize::from(negative);
    let mut end = start;
    let mut point = None;
    // Wrapping: more than 15 digits are refused below, whatever they summed to.
    let mut mantissa: u64 = 0;
    while let Some(&byte) = bytes.get(end) {
        if byte.is_ascii_digit() {
            mantissa = mantissa
                .wrapping_mul(10)
                .wrapping_add(u64::from(byte - b'0'));
        } else if byte == b'.' && point.is_none() {
            point = Some(end);
        } else {
            break;
        }
        end += 1;
    }
    let (integer_digits, fraction_digits) = match point {
        Some(point) => (point - start, (end - point - 1)),
        None => (end - start, 0),
    };
    if integer_digits == 0
        || point.is_some() && fraction_digits == 0
        || integer_digits + fraction_digits > 15
    {
        return None;
    }
    let value = mantissa as f64 / POWERS_OF_TEN.get(fraction_digits)?;
    Some((if negative { -value } else { value }, end))
}

/// 10⁰ … 10¹⁵, each exact in an f64.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The dataset of both parts (or the choice to ask for), or `None` when the file
/// holds no rows, or a series' periods are out of order across the cut.
fn finish(plan: &Plan, parts: [PartReader; 2]) -> FastRead {
    if parts.iter().all(|part| part.rows == 0) {
        return None;
    }
    let [mut first, mut second] = parts;
    let (dataset, format, notes) = match plan.layout {
        Shape::Wide => {
            let joined = plan
                .series
                .iter()
                .zip(first.series.iter_mut().zip(second.series.iter_mut()))
                .map(|(series, (head, tail))| {
                    let series = Series {
                        points: std::mem::take(head),
                        ..series.clone()
                    };
                    (series, std::mem::take(tail))
                })
                .collect();
            let mut dataset = Dataset {
                series: join_halves(joined)?,
                ..Dataset::default()
            };
            apply_metadata(&mut dataset, &plan.sample);
            (dataset, plan.format, Vec::new())
        }
        Shape::Long { value, .. } => {
            let table = key_table(plan, [&first, &second], value);
            let read = match tabular::read(table, None, &{
                LoadOptions::selecting(plan.selection.clone())
            }) {
                Ok(read) => read,
                // A selection the file does not answer, as the general path says it.
                Err(problems) if problems.iter().all(|problem| problem.line.is_none()) => {
                    return Some(Err(problems));
                }
                Err(_) => return None,
            };
            if let Some(choices) = read.choices {
                return Some(Ok(Loaded {
                    dataset: Dataset::default(),
                    format: read.format,
                    notes: read.notes,
                    choices: Some(choices),
                    reader: ReaderUsed::QuickCsv,
                }));
            }
            if read.format != Format::CsvLong || !read.dataset.events.is_empty() {
                return None;
            }
            let mut dataset = read.dataset;
            let take = |part: &mut PartReader, name: &str| -> Option<Vec<Point>> {
                let Some(&index) = part.key_index.get(name) else {
                    return Some(Vec::new());
                };
                // A series read without its points cannot be shown.
                part.kept.get(index)?.then_some(())?;
                Some(std::mem::take(part.series.get_mut(index)?))
            };
            let mut joined = Vec::with_capacity(dataset.series.len());
            for series in std::mem::take(&mut dataset.series) {
                let head = take(&mut first, &series.name)?;
                let tail = take(&mut second, &series.name)?;
                joined.push((
                    Series {
                        points: head,
                        ..series
                    },
                    tail,
                ));
            }
            // The series not chosen go before the chosen are appended.
            drop((first, second));
            dataset.series = join_halves(joined)?;
            let mut notes = read.notes;
            notes.extend(super::shape::fractions_as_percent(&mut dataset));
            (dataset, read.format, notes)
        }
    };
    Some(Ok(Loaded {
        dataset,
        format,
        notes,
        choices: None,
        reader: ReaderUsed::QuickCsv,
    }))
}

/// The sample rows of a long table, and the first row of each series name they do
/// not hold, in the order of the file: what the general path needs to name the
/// series, ask which to show or read the selection. Every value reads 2: what the
/// values decide (rates between 0 and 1 shown in percent) is decided on all of them.
fn key_table(plan: &Plan, parts: [&PartReader; 2], value: usize) -> Table {
    let mut table = plan.sample.clone();
    let mut line = table.rows.last().map_or(table.header_line, |row| row.line);
    let mut added: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for part in parts {
        for (name, cells) in part.keys.iter().zip(&part.first_rows) {
            if plan.sample_keys.contains_key(name) || !added.insert(name) {
                continue;
            }
            line += 1;
            table.rows.push(Row {
                line,
                cells: cells.clone(),
            });
        }
    }
    for row in &mut table.rows {
        if let Some(cell) = row.cells.get_mut(value) {
            "2".clone_into(cell);
        }
    }
    table
}

/// Each series with its second part's points appended, or `None` when a series'
/// periods are out of order across the cut.
fn join_halves(mut joined: Vec<(Series, Vec<Point>)>) -> Option<Vec<Series>> {
    for (series, tail) in &joined {
        if let (Some(last), Some(next)) = (series.points.last(), tail.first())
            && !in_order(last.period, next.period)
        {
            return None;
        }
    }
    // Appending writes fresh memory: two threads share it when there is much.
    let total: usize = joined.iter().map(|(_, tail)| tail.len()).sum();
    let give_back = total >= GIVE_BACK_POINTS;
    let mut half = 0;
    let split = joined
        .iter()
        .position(|(_, tail)| {
            half += tail.len();
            half * 2 >= total
        })
        .map_or(0, |index| index + 1);
    let split = split.min(joined.len());
    let (front, back) = joined.split_at_mut(split);
    // Each appending thread holds a second part until it is copied: where memory is
    // given back (a large load), one thread at a time keeps the peak down.
    if total >= PARALLEL_APPEND_POINTS
        && !give_back
        && !front.is_empty()
        && back.iter().any(|(_, tail)| !tail.is_empty())
    {
        std::thread::scope(|scope| {
            scope.spawn(|| append_all(back, give_back));
            append_all(front, give_back);
        });
    } else {
        append_all(front, give_back);
        append_all(back, give_back);
    }
    Some(joined.into_iter().map(|(series, _)| series).collect())
}

/// Appends each series' second-part points to its first-part points (which were
/// given room for them), freeing each second part as soon as it is copied, and when
/// `give_back`, giving the memory back to the system at once.
fn append_all(joined: &mut [(Series, Vec<Point>)], give_back: bool) {
    for (series, tail) in joined {
        let mut tail = std::mem::take(tail);
        if series.points.is_empty() {
            // Only in the second part: nothing to copy.
            series.points = tail;
        } else {
            series.points.reserve_exact(tail.len());
            series.points.append(&mut tail);
            drop(tail);
            if give_back {
                crate::return_freed_memory();
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;
    use crate::data::text_file::{self, Quick};

    /// What the general path alone reads `text` to (decoding, layouts, limits).
    fn general(text: &str) -> Result<Loaded, Vec<Problem>> {
        general_with(text, &LoadOptions::default())
    }

    /// [`general`] with `options`.
    fn general_with(text: &str, options: &LoadOptions) -> Result<Loaded, Vec<Problem>> {
        let loaded = text_file::read(text.as_bytes(), options, Quick::Tried)?;
        limits::check_dataset(&loaded.dataset)?;
        Ok(loaded)
    }

    /// Never set: reading goes on.
    static GO_ON: AtomicBool = AtomicBool::new(false);

    /// Reading a file of any size in blocks of `block` bytes.
    fn reading<'r>(progress: &'r dyn Fn(u64), block: usize) -> Reading<'r> {
        Reading {
            progress,
            stop: &GO_ON,
            min_bytes: 0,
            block,
        }
    }

    /// Block sizes the file path is tried with: lines cut at every byte, and whole.
    const BLOCKS: [usize; 5] = [1, 2, 7, 64, 1 << 16];

    /// What the fast path reads `text` to: from memory, and from a file with each of
    /// `blocks`; every way must agree (and a file's progress must end at its length).
    fn fast_reads(text: &str, blocks: &[usize]) -> Option<Loaded> {
        fast_reads_with(text, blocks, &LoadOptions::default()).map(Result::unwrap)
    }

    /// [`fast_reads`] with `options`, and the problems of a selection.
    fn fast_reads_with(text: &str, blocks: &[usize], options: &LoadOptions) -> FastRead {
        let in_memory = try_load_any_size(text.as_bytes(), options);
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("data.csv");
        std::fs::write(&path, text).unwrap();
        for &block in blocks {
            let last = std::cell::Cell::new(0);
            let progress = |read: u64| {
                assert!(read >= last.get(), "progress went back");
                last.set(read);
            };
            let from_file = try_load_path_with(&path, options, &reading(&progress, block));
            match (&in_memory, &from_file) {
                (Some(Ok(memory)), Some(Ok(file))) => {
                    assert_eq!(memory.dataset, file.dataset, "block {block}: {text:?}");
                    assert_eq!(memory.format, file.format);
                    assert_eq!(memory.choices, file.choices);
                    assert_eq!(last.get(), text.len() as u64);
                }
                (Some(Err(memory)), Some(Err(file))) => assert_eq!(memory, file),
                (None, None) => {}
                _ => panic!("block {block}: memory and file disagree on {text:?}"),
            }
        }
        in_memory
    }

    /// The fast path reads `text` into exactly what the general path reads.
    fn same_as_general(text: &str) {
        let fast = fast_reads(text, &BLOCKS)
            .unwrap_or_else(|| panic!("the fast path gave up on {text:?}"));
        let slow = general(text).unwrap();
        assert_eq!(fast.dataset, slow.dataset);
        assert_eq!(fast.format, slow.format);
    }

    fn gives_up(text: &str) {
        assert!(fast_reads(text, &BLOCKS).is_none(), "{text:?}");
    }

    /// Whatever the fast path reads, the general path reads the same; a file the
    /// general path refuses, the fast path gives up.
    fn agrees_with_general(text: &str, blocks: &[usize]) {
        match (fast_reads(text, blocks), general(text)) {
            (Some(fast), Ok(slow)) => {
                assert_eq!(fast.dataset, slow.dataset, "{text:?}");
                assert_eq!(fast.format, slow.format);
            }
            (Some(_), Err(problems)) => panic!("fast path read {text:?}: {problems:?}"),
            (None, _) => {}
        }
    }

    /// A long table of `days` days, one row per day of each of `names` in turn.
    fn daily_long(days: usize, names: &[&str]) -> String {
        let mut text = String::from("# title: Long\ndate,series,value (USD bn)\n");
        let mut day = chrono::NaiveDate::from_ymd_opt(2019, 12, 20).unwrap();
        for row in 0..days {
            for (index, name) in names.iter().enumerate() {
                let value = (row * 37 + index * 101) % 2000;
                text.push_str(&format!("{day},{name},-{}.{:02}\n", value / 7, value % 100));
            }
            day = day.succ_opt().unwrap();
        }
        text
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
        same_as_general("observation_date,XTEXVA01CNM667S\n2018-01-15,1\n2018-02-15,.\n");
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
        let loaded = try_load_any_size(text.as_bytes(), &LoadOptions::default())
            .unwrap()
            .unwrap();
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
    fn series_of_every_shape_read_as_the_general_path_does() {
        // Wide columns, long names (two, three, four).
        same_as_general(&daily_wide(700));
        for names in [
            &["Exports", "Imports"][..],
            &["Balance", "Exports", "Imports"],
            &["Balance", "Exports", "Imports", "US tariff"],
        ] {
            same_as_general(&daily_long(150, names));
        }
        // One column, one name, or names one after another
        // (the first rows hold one name; later names only in the second half).
        same_as_general(&daily_long(900, &["Exports"]));
        same_as_general("observation_date,XTEXVA01CNM667S\n2018-01-15,1\n2018-02-15,2\n");
        let mut grouped = String::from("series,date,value\n");
        for name in ["A", "B", "C"] {
            for month in 1..=12 {
                for day in 1..=28 {
                    grouped.push_str(&format!("{name},2018-{month:02}-{day:02},{day}.{month}\n"));
                }
            }
        }
        same_as_general(&grouped);
        let mut by_name = String::from("date,series,value\n");
        for name in ["A", "B", "C"] {
            for day in 0..300 {
                let date =
                    chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono::Days::new(day);
                by_name.push_str(&format!("{date},{name},{day}\n"));
            }
        }
        same_as_general(&by_name);
    }

    #[test]
    fn edge_rows_read_as_the_general_path_does() {
        // One row; a name that appears only after the first rows; no last line break.
        same_as_general("date,series,value\n2018-01-01,A,1\n");
        same_as_general("date,series,value\n2018-01-01,A,1");
        let mut late = daily_long(120, &["A", "B"]);
        late.push_str("2020-05-01,Late,1\n2020-05-02,Late,2\n2020-05-03,Other,3\n");
        same_as_general(&late);
        // CRLF, blank lines (also at the cut), a last line of only `\r`.
        let crlf = daily_long(80, &["A", "B", "C"]).replace('\n', "\r\n");
        same_as_general(&crlf);
        same_as_general(&format!("{}\r", crlf.trim_end()));
        let blank = daily_long(80, &["A", "B"]).replace("\n2020", "\n\n\r\n2020");
        same_as_general(&blank);
        let one = daily_long(100, &["A"]);
        let lines: Vec<&str> = one.lines().collect();
        let (head, tail) = lines.split_at(lines.len() / 2);
        same_as_general(&format!("{}\n\n\n\n{}\n", head.join("\n"), tail.join("\n")));
        // Missing values, names padded with spaces, a byte-order mark.
        same_as_general(
            "date,series,value\n2018-01-01,A,\n2018-01-01,B,2\n2018-01-02,A,3\n2018-01-02,B,\n",
        );
        same_as_general("date,series,value\n2018-01-01, A,1\n2018-01-02,A ,2\n2018-01-03,A,3\n");
        same_as_general(&format!("\u{feff}{}", daily_long(50, &["A", "B"])));
        // Days across months and years, a leap day; numbers of 15 digits and more.
        same_as_general(
            "date,series,value\n2019-12-31,A,1\n2020-01-01,A,2\n2020-01-31,A,3\n2020-02-01,A,4\n2020-02-29,A,5\n2020-03-01,A,6\n",
        );
        same_as_general(
            "date,series,value\n2018-01-01,A,123456789012345\n2018-01-03,A,-1.00000000000001\n",
        );
        agrees_with_general(
            "date,series,value\n2018-01-01,A,1234567890123456\n",
            &BLOCKS,
        );
        // Other periods and orders of columns.
        same_as_general("year,value,series\n2017,1,A\n2017,2,B\n2018,3,A\n2018,4,B\n");
    }

    #[test]
    fn unusual_rows_anywhere_give_the_file_to_the_general_path() {
        let text = daily_long(150, &["Balance", "Exports", "Imports", "US tariff"]);
        for (from, to) in [
            ("2020-03-01,Exports,", "2020-03-01,\"Exports\","),
            ("2020-03-01,Exports,", "2020-03-01,Exports,1,"),
            ("2020-03-01,Exports,", "2020-03-01,Exports"),
            ("2020-03-01,Exports,", "2020-02-29,Exports,"),
            ("2020-03-01,Exports,", "2020-03-32,Exports,"),
            ("2020-03-01,Exports,", "2020-03-01,Exports,x"),
            ("2020-03-01,Exports,", "2020-03-01,Exp\0orts,"),
            ("2020-03-01,Exports,", "2020-03-01,,"),
            ("2020-03-01,Imports,", "2020-03-01,Exports,"),
            ("2020-03-01,Imports,-", "2020-03-01,Imports,19%"),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            gives_up(&changed);
        }
        gives_up(&text.replacen("2020-03-01,Exports,", "2020-03-01,Exports,\u{fffd}", 1));
        let mut bytes = text.into_bytes();
        let at = bytes.len() / 2;
        bytes.insert(at, 0xFF);
        assert!(try_load_any_size(&bytes, &LoadOptions::default()).is_none());
    }

    #[test]
    fn changed_files_are_read_as_the_general_path_reads_them_or_given_up() {
        // Small changes anywhere in a file: whatever the fast path still reads, the
        // general path reads alike.
        let bases = [
            daily_long(60, &["Balance", "Exports", "Imports", "US tariff"]),
            daily_long(120, &["Exports"]),
            daily_wide(300),
        ];
        let inserts: [&str; 10] = ["\r", "\n", "\r\n", "\"", ",", " ", "-", ".", "0", "\0"];
        let mut state: u64 = 11;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below.max(1)
        };
        for round in 0..240 {
            let base = &bases[round % bases.len()];
            let mut text = base.clone();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len());
                if next(2) == 0 {
                    // At a line's start or end, where most changes still read.
                    at = text[..at].rfind('\n').map_or(0, |index| index + next(2));
                }
                if !text.is_char_boundary(at) {
                    continue;
                }
                match next(3) {
                    0 => text.insert_str(at, inserts[next(inserts.len())]),
                    1 if at < text.len() => {
                        text.remove(at);
                    }
                    _ => {
                        // A line repeated or moved: periods out of order.
                        let line_start = text[..at].rfind('\n').map_or(0, |index| index + 1);
                        let line_end = text[at..]
                            .find('\n')
                            .map_or(text.len(), |index| at + index + 1);
                        let line = text[line_start..line_end].to_string();
                        let to = next(text.len());
                        if text.is_char_boundary(to) {
                            text.insert_str(to, &line);
                        }
                    }
                }
            }
            agrees_with_general(&text, &[3, 1 << 16]);
        }
    }

    #[test]
    fn limits_of_a_fast_dataset_are_those_of_the_general_check() {
        let loaded = try_load_any_size(
            daily_long(40, &["A", "B"]).as_bytes(),
            &LoadOptions::default(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            check_limits(&loaded.dataset),
            limits::check_dataset(&loaded.dataset)
        );
        // More series than a chart may have (a file of that many is a choice, never
        // read whole, but the two checks must still agree).
        let many = Dataset {
            series: (0..=limits::MAX_SERIES)
                .map(|index| Series {
                    name: format!("S{index}"),
                    unit: super::super::Unit::default(),
                    step: false,
                    source: None,
                    points: vec![Point::new(Period::Year(2018), Some(1.0))],
                })
                .collect(),
            ..Dataset::default()
        };
        let problems = check_limits(&many).unwrap_err();
        assert_eq!(Err(problems), limits::check_dataset(&many));
    }

    #[test]
    fn what_is_no_plain_file_goes_to_the_general_path() {
        let folder = tempfile::tempdir().unwrap();
        let options = LoadOptions::default();
        let none = |_: u64| {};
        assert!(try_load_path_with(folder.path(), &options, &reading(&none, 64)).is_none());
        assert!(
            try_load_path_with(&folder.path().join("no.csv"), &options, &reading(&none, 64))
                .is_none()
        );
        let small = folder.path().join("small.csv");
        std::fs::write(&small, daily_long(10, &["A"])).unwrap();
        assert!(try_load_path(&small, &options, &none, &GO_ON).is_none());
        assert!(try_load_path_with(&small, &options, &reading(&none, 64)).is_some());
        let zip = folder.path().join("zip.csv");
        std::fs::write(&zip, format!("PK\x03\x04{}", daily_long(10, &["A"]))).unwrap();
        assert!(try_load_path_with(&zip, &options, &reading(&none, 64)).is_none());
    }

    /// The fast path reads `text` with `options` into exactly what the general path
    /// reads: the same series, choices, notes or problems.
    fn same_as_general_with(text: &str, options: &LoadOptions) -> Result<Loaded, Vec<Problem>> {
        let fast = fast_reads_with(text, &BLOCKS, options)
            .unwrap_or_else(|| panic!("the fast path gave up on {text:?} with {options:?}"));
        let slow = general_with(text, options);
        match (&fast, slow) {
            (Ok(fast), Ok(slow)) => {
                assert_eq!(fast.dataset, slow.dataset, "{options:?}");
                assert_eq!(fast.format, slow.format);
                assert_eq!(fast.choices, slow.choices, "{options:?}");
                assert_eq!(fast.notes, slow.notes, "{options:?}");
                assert_eq!(fast.reader, ReaderUsed::QuickCsv);
            }
            (Err(fast), Err(slow)) => assert_eq!(*fast, slow, "{options:?}"),
            (fast, slow) => panic!("{options:?}: fast {fast:?}, general {slow:?}"),
        }
        fast
    }

    fn selecting(text: &str) -> LoadOptions {
        LoadOptions::selecting(Selection::parse(text).unwrap())
    }

    /// Fourteen series names: more than a chart draws without asking.
    const FOURTEEN: [&str; 14] = [
        "Balance",
        "Exports",
        "Imports",
        "US tariff",
        "Rate 01",
        "Rate 02",
        "Rate 03",
        "Rate 04",
        "Rate 05",
        "Rate 06",
        "Rate 07",
        "Rate 08",
        "Rate 09",
        "Rate 10",
    ];

    #[test]
    fn a_long_file_of_many_series_asks_which_and_reads_the_chosen() {
        let text = daily_long(120, &FOURTEEN);
        // No selection: the choice of the fourteen, as the general path asks it.
        let asked = same_as_general_with(&text, &LoadOptions::default()).unwrap();
        let choices = asked.choices.unwrap();
        assert_eq!(choices.options.len(), 14);
        assert_eq!(choices.options[13].selection.to_string(), "series=Rate 10");
        assert!(asked.dataset.series.is_empty());
        // One, several, a bare value, another case: only the chosen series.
        for (selection, chosen) in [
            ("series=Rate 10", &["Rate 10"][..]),
            ("series=Exports|Rate 03", &["Exports", "Rate 03"]),
            ("imports", &["Imports"]),
        ] {
            let read = same_as_general_with(&text, &selecting(selection)).unwrap();
            let names: Vec<&str> = read
                .dataset
                .series
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            assert_eq!(names, chosen, "{selection}");
            assert!(read.dataset.series.iter().all(|s| s.points.len() == 120));
        }
        // A name the file does not hold, a key it has not: the general path's words.
        for wrong in ["series=Nope", "partner=China"] {
            let problems = same_as_general_with(&text, &selecting(wrong)).unwrap_err();
            assert_eq!(problems.len(), 1, "{problems:?}");
        }
    }

    #[test]
    fn series_met_late_in_a_long_file_are_asked_for_and_read() {
        // One series after another: the first rows hold one name, the second half
        // the last seven.
        let mut grouped = String::from("series,date,value\n");
        for name in FOURTEEN {
            for day in 0..40 {
                let date =
                    chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono::Days::new(day);
                grouped.push_str(&format!("{name},{date},{day}.5\n"));
            }
        }
        let asked = same_as_general_with(&grouped, &LoadOptions::default()).unwrap();
        assert_eq!(asked.choices.unwrap().options.len(), 14);
        let read = same_as_general_with(&grouped, &selecting("series=Rate 09|Balance")).unwrap();
        assert_eq!(read.dataset.series.len(), 2);
        // Twelve series are drawn without asking, in the file's order.
        let twelve = daily_long(60, &FOURTEEN[..12]);
        let read = same_as_general_with(&twelve, &LoadOptions::default()).unwrap();
        assert_eq!(read.dataset.series.len(), 12);
        // A selection there selects nothing: the general path's words for that.
        let problems = same_as_general_with(&twelve, &selecting("series=Balance")).unwrap_err();
        assert!(
            problems[0].message.contains("leave out the selection"),
            "{problems:?}"
        );
    }

    #[test]
    fn the_series_not_chosen_keep_no_points_while_read() {
        let text = daily_long(3000, &FOURTEEN);
        let plan = {
            let mut plan = plan_from_start(text.as_bytes(), true)
                .unwrap()
                .ok()
                .unwrap();
            plan.select(&Selection::parse("series=Exports").unwrap())
                .unwrap();
            plan
        };
        let body = &text.as_bytes()[plan.body_start..];
        let reader = read_slice(&plan, body, 3000, &AtomicBool::new(false)).unwrap();
        let held: Vec<usize> = reader.series.iter().map(Vec::len).collect();
        let exports = reader.key_index["Exports"];
        for (index, &points) in held.iter().enumerate() {
            assert_eq!(points, if index == exports { 3000 } else { 1 }, "{index}");
        }
        // Without a selection, none once the thirteenth series is met.
        let plan = plan_from_start(text.as_bytes(), true)
            .unwrap()
            .ok()
            .unwrap();
        let reader = read_slice(&plan, body, 3000, &AtomicBool::new(false)).unwrap();
        assert!(reader.series.iter().all(|points| points.len() == 1));
    }

    #[test]
    fn a_set_stop_ends_a_large_read_early() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("long.csv");
        // 3 MB: each thread's half far longer than the blocks read before it stops.
        let text = daily_long(30_000, &["A", "B", "C", "D"]);
        std::fs::write(&path, &text).unwrap();
        let furthest = std::cell::Cell::new(0);
        let progress = |read: u64| furthest.set(read);
        let stop = AtomicBool::new(false);
        // Stopped once the first 64 KB are read: the other threads' blocks see it.
        let stopping = |read: u64| {
            progress(read);
            if read >= 64 << 10 {
                stop.store(true, Ordering::Relaxed);
            }
        };
        let read = Reading {
            progress: &stopping,
            stop: &stop,
            min_bytes: 0,
            block: 4 << 10,
        };
        assert!(try_load_path_with(&path, &LoadOptions::default(), &read).is_none());
        assert!(stop.load(Ordering::Relaxed));
        assert!(
            furthest.get() < text.len() as u64 / 2,
            "{} of {}",
            furthest.get(),
            text.len()
        );
        // Not set: the same file reads whole.
        let whole =
            try_load_path_with(&path, &LoadOptions::default(), &reading(&progress, 4 << 10));
        assert_eq!(
            whole.unwrap().unwrap().dataset.series[3].points.len(),
            30_000
        );
    }

    #[test]
    fn small_files_stay_on_the_general_path() {
        assert!(try_load(b"year,a\n2018,1\n", &LoadOptions::default()).is_none());
        let _ = Path::new("");
    }
}
