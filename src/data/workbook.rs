//! Spreadsheets (`.xlsx`, `.ods`, `.xls`): the first sheet read as the same table a CSV
//! file gives (so the wide, long and events readers read it), and a sheet named
//! `Events` as the events table.
//!
//! The kind of workbook is sniffed from the bytes (a zip holding `xl/workbook.xml` or
//! `content.xml`, or an OLE compound file), never taken from the extension. Cells are
//! turned into text the shared readers understand: `2018.0` becomes `2018`, dates
//! become `2018-07-06`, a cell shown as `19.3%` (stored as 0.193) becomes `19.3%`, a
//! formula error is a problem at its cell.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

use super::format::Format;
use super::limits::{MAX_SHEET_CELLS, MAX_UNPACKED_BYTES};
use super::outcome::{Loaded, ReaderUsed};
use super::problem::{Problem, Problems};
use super::table::{Row, Table};
use super::tabular;

/// Reads a workbook's bytes, the part of a field layout (Census `country.xlsx`) that
/// `options` select (`extension`, lower-case without the dot, only words the
/// messages: the content decides the kind); a sheet that needs a choice comes back
/// with `choices` set.
pub fn load_with(
    bytes: &[u8],
    extension: &str,
    options: &super::LoadOptions,
) -> Result<Loaded, Vec<Problem>> {
    let format = sniff(bytes, extension).map_err(|problem| vec![problem])?;
    // calamine is a parser of untrusted files written by others: a panic in it (it
    // has some on cut-short .xls files) must become a problem, not a crash of the app.
    let sheets = quietly_catching_panics(|| read_sheets(bytes, format)).unwrap_or_else(|| {
        Err(vec![Problem::whole_file(format!(
            "expected a readable {} workbook, found a damaged one: was the file cut short?",
            format_label(format)
        ))])
    })?;
    let Sheets {
        data,
        events: events_sheet,
        first_empty,
    } = sheets;
    // The user's pick among sheets of data (`sheet=Annual`); the rest of the selection
    // is the sheet's own (a partner in it).
    let wanted_sheet = options
        .selection
        .values(&["sheet"])
        .map(|values| values.join("|"));
    let tried = try_sheets(data, wanted_sheet.as_deref(), options);
    let TriedSheets {
        mut read,
        refused,
        mut events,
    } = tried;
    if let Some(wanted) = &wanted_sheet
        && read.is_empty()
        && refused.is_empty()
        && events.is_empty()
    {
        return Err(vec![Problem::whole_file(format!(
            "expected a sheet the workbook holds, found \"{wanted}\""
        ))]);
    }
    if read.len() > 1 && wanted_sheet.is_none() {
        return Ok(sheet_choice(&read, format, options));
    }
    // An events table on a sheet of its own name, or of any name when it is not the
    // only table.
    if read.is_empty() && events_sheet.is_none() && events.len() == 1 {
        // An events workbook: its one events sheet is the data.
        read = std::mem::take(&mut events);
    }
    let Some((sheet, mut loaded)) = read.into_iter().next() else {
        return Err(nothing_read(refused, first_empty, events_sheet.as_ref()));
    };
    if let Some(choices) = &mut loaded.choices
        && wanted_sheet.is_some()
    {
        // The sheet's own choice keeps the sheet chosen.
        for choice in &mut choices.options {
            choice.selection = choice.selection.with("sheet", &sheet.name);
        }
    }
    if !loaded.format.is_field_layout() {
        loaded.format = format;
    }
    add_event_sheets(&mut loaded, events_sheet, events)?;
    let not_read: Vec<String> = refused
        .iter()
        .map(|(sheet, _)| format!("\"{}\"", sheet.name))
        .collect();
    if wanted_sheet.is_some() {
        loaded
            .notes
            .insert(0, format!("Read sheet \"{}\", as chosen", sheet.name));
    } else if !not_read.is_empty() {
        // Data on another sheet would otherwise be missed without a word.
        loaded.notes.insert(
            0,
            format!(
                "read the sheet \"{}\"; not read: {} (no table the readers could read)",
                sheet.name,
                not_read.join(", ")
            ),
        );
    }
    Ok(loaded)
}

/// The sheets of data tried, each as it came out.
struct TriedSheets {
    /// Sheets that read as data (or ask for a choice).
    read: Vec<(SheetTable, Loaded)>,
    /// Sheets that did not read: a README, query parameters, metadata.
    refused: Vec<(SheetTable, Problems)>,
    /// Sheets that read as an events table.
    events: Vec<(SheetTable, Loaded)>,
}

/// Tries every sheet of `data` (only the `wanted` one, when named) with the rest of
/// the selection of `options`: one that reads is data, one that does not is set aside
/// with a word unless no sheet reads.
fn try_sheets(
    data: Vec<SheetTable>,
    wanted: Option<&str>,
    options: &super::LoadOptions,
) -> TriedSheets {
    let sheet_options = super::LoadOptions {
        selection: options.selection.without("sheet"),
        ..options.clone()
    };
    let mut tried = TriedSheets {
        read: Vec::new(),
        refused: Vec::new(),
        events: Vec::new(),
    };
    for mut sheet in data {
        if let Some(wanted) = wanted
            && !sheet.name.trim().eq_ignore_ascii_case(wanted.trim())
        {
            continue;
        }
        let mut problems = Problems::new();
        let table = std::mem::take(&mut sheet.table);
        let loaded = tabular::read(table, None, &sheet_options);
        match sheet.report(loaded, &mut problems) {
            Some(loaded) if problems.is_empty() && loaded.format == Format::EventsCsv => {
                tried.events.push((sheet, loaded));
            }
            Some(loaded)
                if problems.is_empty()
                    && (loaded.choices.is_some() || !loaded.dataset.series.is_empty()) =>
            {
                tried.read.push((sheet, loaded));
            }
            _ => tried.refused.push((sheet, problems)),
        }
    }
    tried
}

/// The choice among several sheets of data (`sheet=…`).
fn sheet_choice(
    read: &[(SheetTable, Loaded)],
    format: Format,
    options: &super::LoadOptions,
) -> Loaded {
    Loaded {
        dataset: super::Dataset::default(),
        format,
        notes: Vec::new(),
        choices: Some(super::Choices {
            format,
            what: "sheet".to_string(),
            options: read
                .iter()
                .map(|(sheet, _)| super::Choice {
                    label: sheet.name.clone(),
                    selection: options.selection.with("sheet", &sheet.name),
                    aggregate: false,
                })
                .collect(),
        }),
        reader: ReaderUsed::General,
    }
}

/// No sheet reads: the first sheet's problems, with the Events sheet's, so the user
/// sees them all at once.
fn nothing_read(
    refused: Vec<(SheetTable, Problems)>,
    first_empty: Option<String>,
    events_sheet: Option<&SheetTable>,
) -> Vec<Problem> {
    let mut problems = Problems::new();
    match (refused.into_iter().next(), first_empty) {
        (_, Some(name)) => problems.push(Problem::whole_file(format!(
            "expected a header row and data rows in the first sheet \"{name}\", found an empty sheet"
        ))),
        (Some((_, sheet_problems)), None) => {
            for problem in sheet_problems.into_vec() {
                problems.push(problem);
            }
        }
        (None, None) => problems.push(Problem::whole_file(
            "expected a table in the first sheet, found none the readers could read",
        )),
    }
    if let Some(sheet) = events_sheet {
        let events = super::events_csv::read(&sheet.table);
        sheet.report(events, &mut problems);
    }
    problems.into_vec()
}

/// Adds to `loaded` the events of the `Events` sheet (first) and of the other sheets
/// that read as events tables, each said in a note; the problems of the `Events`
/// sheet when it does not read.
fn add_event_sheets(
    loaded: &mut Loaded,
    events_sheet: Option<SheetTable>,
    event_sheets: Vec<(SheetTable, Loaded)>,
) -> Result<(), Vec<Problem>> {
    let mut problems = Problems::new();
    let named_events = events_sheet.map(|sheet| {
        let events = super::events_csv::read(&sheet.table);
        (sheet.report(events, &mut problems), sheet.name)
    });
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let mut other_events: Vec<(Vec<super::Event>, String)> = event_sheets
        .into_iter()
        .map(|(sheet, events)| (events.dataset.events, sheet.name))
        .collect();
    if let Some((Some(events), name)) = named_events {
        other_events.insert(0, (events, name));
    }
    for (events, name) in other_events {
        loaded.notes.push(format!(
            "{} events read from sheet \"{name}\"",
            events.len()
        ));
        loaded.dataset.events.extend(events);
        super::sort_events(&mut loaded.dataset.events);
    }
    Ok(())
}

/// Problems of a sheet other than the first, with its name in front.
fn in_sheet(name: &str, problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|problem| Problem {
            message: format!("sheet \"{name}\": {}", problem.message),
            ..problem
        })
        .collect()
}

thread_local! {
    /// True while this thread runs the spreadsheet reader under [`quietly_catching_panics`].
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read`, turning a panic into `None` without the panic message on stderr: the
/// problem is reported to the user instead. Panics elsewhere, and on other threads,
/// are printed as before.
fn quietly_catching_panics<T>(read: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    IN_READER.with(|flag| flag.set(true));
    let result = catch_unwind(AssertUnwindSafe(read)).ok();
    IN_READER.with(|flag| flag.set(false));
    result
}

/// The sheets the app reads, as tables.
struct Sheets {
    /// Every sheet but the `Events` one, in the workbook's order (empty ones left out).
    data: Vec<SheetTable>,
    /// The `Events` sheet.
    events: Option<SheetTable>,
    /// The first sheet's name when it is empty (said when no other sheet reads).
    first_empty: Option<String>,
}

/// One sheet as a text table, with the formula errors found in it.
struct SheetTable {
    /// The sheet's name as written.
    name: String,
    table: Table,
    /// The sheet column (0-based) that is the table's first column.
    first_column: u32,
    /// Formula errors, at their sheet row and column.
    formula_errors: Vec<Problem>,
    /// Problems of this sheet name it (all but the first sheet's).
    named: bool,
}

impl SheetTable {
    /// Adds this sheet's formula errors and a reader's problems to `problems`, with
    /// sheet columns and, past the first sheet, the sheet's name. Returns what the
    /// reader read, if it read it without a problem.
    fn report<T>(&self, read: Result<T, Vec<Problem>>, problems: &mut Problems) -> Option<T> {
        let errors_at: Vec<(Option<usize>, Option<usize>)> = self
            .formula_errors
            .iter()
            .map(|problem| (problem.line, problem.column))
            .collect();
        let (read, reader_problems) = match read {
            Ok(read) => (Some(read), Vec::new()),
            Err(found) => (None, found),
        };
        let reader_problems = reader_problems.into_iter().map(|mut problem| {
            problem.column = problem
                .column
                .map(|column| column + self.first_column as usize);
            problem
        });
        for mut problem in self.formula_errors.iter().cloned().chain(
            reader_problems.filter(|problem| !errors_at.contains(&(problem.line, problem.column))),
        ) {
            if self.named {
                problem.message = format!("sheet \"{}\": {}", self.name, problem.message);
            }
            problems.push(problem);
        }
        read.filter(|_| self.formula_errors.is_empty())
    }
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::Ods => ".ods",
        Format::Xls => ".xls",
        _ => ".xlsx",
    }
}

// ---------------------------------------------------------------------------------
// What kind of workbook, and is it sane

/// The kind of workbook the bytes hold, judged by content alone.
fn sniff(bytes: &[u8], extension: &str) -> Result<Format, Problem> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // calamine follows the file's sector chains without looking for loops.
        super::ole::check(bytes)?;
        return Ok(Format::Xls);
    }
    if !bytes.starts_with(b"PK") {
        return Err(Problem::whole_file(format!(
            "expected an .xlsx, .ods or .xls workbook, found a file that is none of them (.{extension})"
        )));
    }
    let entries = zip_entries(bytes)?;
    let unpacked: u64 = entries.iter().map(|entry| entry.unpacked_size).sum();
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(Problem::whole_file(format!(
            "expected a workbook of at most {} MB unpacked, found {} MB: it is too large to read",
            MAX_UNPACKED_BYTES / 1_000_000,
            unpacked / 1_000_000
        )));
    }
    let has = |name: &str| entries.iter().any(|entry| entry.name == name);
    if has("xl/workbook.xml") {
        Ok(Format::Xlsx)
    } else if has("content.xml") {
        // calamine lays repeated rows and columns out in full before its own limit.
        super::ods_cells::check(bytes)?;
        Ok(Format::Ods)
    } else if has("xl/workbook.bin") {
        Err(Problem::whole_file(
            "expected an .xlsx or .ods workbook, found a binary .xlsb workbook: save it as .xlsx and open that",
        ))
    } else {
        Err(Problem::whole_file(
            "expected an .xlsx or .ods workbook, found a zip archive without one",
        ))
    }
}

/// One file listed in a zip archive's central directory.
#[derive(Debug)]
struct ZipEntry {
    name: String,
    unpacked_size: u64,
}

/// Lists a zip archive's files from its central directory, checking every offset, so
/// a cut-short or damaged archive is a problem before any unpacking starts.
fn zip_entries(bytes: &[u8]) -> Result<Vec<ZipEntry>, Problem> {
    let damaged = || {
        Problem::whole_file(
            "expected a complete workbook, found a damaged zip archive: was the file cut short?",
        )
    };
    let end = find_end_record(bytes).ok_or_else(damaged)?;
    let count = usize::from(read_u16(bytes, end + 10).ok_or_else(damaged)?);
    let directory = read_u32(bytes, end + 16).ok_or_else(damaged)?;
    if count == 0xFFFF || directory == 0xFFFF_FFFF {
        return Err(Problem::whole_file(format!(
            "expected a workbook of at most {} MB unpacked, found a ZIP64 archive: it is too large to read",
            MAX_UNPACKED_BYTES / 1_000_000
        )));
    }
    let mut entries = Vec::with_capacity(count.min(4096));
    let mut at = directory as usize;
    for _ in 0..count {
        if read_u32(bytes, at) != Some(0x0201_4b50) {
            return Err(damaged());
        }
        let unpacked = read_u32(bytes, at + 24).ok_or_else(damaged)?;
        let name_length = usize::from(read_u16(bytes, at + 28).ok_or_else(damaged)?);
        let extra_length = usize::from(read_u16(bytes, at + 30).ok_or_else(damaged)?);
        let comment_length = usize::from(read_u16(bytes, at + 32).ok_or_else(damaged)?);
        let name = bytes
            .get(at + 46..at + 46 + name_length)
            .ok_or_else(damaged)?;
        entries.push(ZipEntry {
            name: String::from_utf8_lossy(name).into_owned(),
            // 0xFFFFFFFF means the size is in a ZIP64 field: over 4 GB.
            unpacked_size: u64::from(unpacked),
        });
        at += 46 + name_length + extra_length + comment_length;
    }
    Ok(entries)
}

/// Offset of the end-of-central-directory record: the last `PK\x05\x06` that leaves
/// room for the record and its comment.
fn find_end_record(bytes: &[u8]) -> Option<usize> {
    const RECORD: usize = 22;
    let last = bytes.len().checked_sub(RECORD)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last)
        .rev()
        .find(|&at| bytes.get(at..at + 4) == Some(b"PK\x05\x06"))
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let slice = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([slice[0], slice[1]]))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([slice[0], slice[1], slice[2], slice[3]]))
}

// ---------------------------------------------------------------------------------
// Reading the sheets

/// A sheet's non-empty cells as text, by 0-based row and column, in the order the
/// sheet lists them (row by row, as every spreadsheet program writes them).
#[derive(Default)]
struct Grid {
    rows: Vec<(u32, Vec<(u32, String)>)>,
    /// A row came before one listed earlier: sort before use.
    out_of_order: bool,
    cells: usize,
}

impl Grid {
    /// The first sheet column holding a value (0-based).
    fn first_column(&self) -> u32 {
        self.rows
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(|(column, _)| *column))
            .min()
            .unwrap_or(0)
    }

    /// Adds a cell, or a problem for a formula error. Returns false once the sheet is
    /// too large to read.
    fn add(&mut self, (row, column): (u32, u32), text: CellText, problems: &mut Problems) -> bool {
        match text {
            CellText::Empty => {}
            CellText::Text(text) => {
                match self.rows.last_mut() {
                    Some((last, cells)) if *last == row => cells.push((column, text)),
                    last => {
                        self.out_of_order |= last.is_some_and(|(last, _)| *last > row);
                        self.rows.push((row, vec![(column, text)]));
                    }
                }
                self.cells += 1;
            }
            CellText::Error(error) => problems.push(Problem::at(
                row as usize + 1,
                column as usize + 1,
                format!(
                    "expected a value, found the formula error {error} in cell {}",
                    cell_name(row, column)
                ),
            )),
        }
        self.cells <= MAX_SHEET_CELLS
    }
}

fn read_sheets(bytes: &[u8], format: Format) -> Result<Sheets, Vec<Problem>> {
    let label = format_label(format);
    let damaged = |error: &dyn std::fmt::Display| {
        vec![Problem::whole_file(format!(
            "expected a readable {label} workbook, found a damaged one ({error})"
        ))]
    };
    match format {
        Format::Xlsx => {
            let mut workbook: Xlsx<_> =
                Xlsx::new(Cursor::new(bytes)).map_err(|error| damaged(&error))?;
            let names = workbook.sheet_names();
            read_workbook(&mut workbook, names, xlsx_grid)
        }
        Format::Ods => {
            let mut workbook: Ods<_> =
                Ods::new(Cursor::new(bytes)).map_err(|error| damaged(&error))?;
            let names = workbook.sheet_names();
            read_workbook(&mut workbook, names, range_grid)
        }
        _ => {
            let mut workbook: Xls<_> =
                Xls::new(Cursor::new(bytes)).map_err(|error| damaged(&error))?;
            let names = workbook.sheet_names();
            read_workbook(&mut workbook, names, range_grid)
        }
    }
}

/// Every sheet of any workbook, the `Events` one apart, with `grid` reading one
/// sheet's cells. Empty sheets are left out; a workbook of empty sheets is a problem.
fn read_workbook<W>(
    workbook: &mut W,
    names: Vec<String>,
    grid: impl Fn(&mut W, &str, &mut Problems) -> Result<Grid, Problem>,
) -> Result<Sheets, Vec<Problem>> {
    let Some(first_name) = names.first().cloned() else {
        return Err(vec![Problem::whole_file(
            "expected a workbook with at least one sheet, found none",
        )]);
    };
    let mut data = Vec::new();
    let mut events = None;
    let mut first_empty = None;
    let mut cells = 0usize;
    for (index, name) in names.into_iter().enumerate() {
        let mut problems = Problems::new();
        let sheet = grid(workbook, &name, &mut problems).map_err(|problem| {
            if index == 0 {
                vec![problem]
            } else {
                in_sheet(&name, vec![problem])
            }
        })?;
        if sheet.cells == 0 && problems.is_empty() {
            if index == 0 {
                first_empty = Some(name);
            }
            continue;
        }
        cells += sheet.cells;
        if cells > MAX_SHEET_CELLS {
            return Err(vec![Problem::whole_file(format!(
                "the workbook holds more than {MAX_SHEET_CELLS} cells; larger workbooks are not read"
            ))]);
        }
        let is_events = index > 0 && name.trim().eq_ignore_ascii_case("events");
        let table = sheet_table(name, sheet, problems, index > 0);
        if is_events {
            events = Some(table);
        } else {
            data.push(table);
        }
    }
    if data.is_empty() && events.is_none() {
        return Err(vec![Problem::whole_file(format!(
            "expected a header row and data rows in the first sheet \"{first_name}\", found an empty sheet"
        ))]);
    }
    Ok(Sheets {
        data,
        events,
        first_empty,
    })
}

fn sheet_table(name: String, grid: Grid, problems: Problems, named: bool) -> SheetTable {
    let first_column = grid.first_column();
    SheetTable {
        name,
        table: table_from_grid(grid),
        first_column,
        formula_errors: problems.into_vec(),
        named,
    }
}

/// Reads an `.xlsx` sheet cell by cell: calamine's whole-sheet range would allocate
/// every cell of the bounding box, which a sparse sheet can make enormous.
fn xlsx_grid(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    problems: &mut Problems,
) -> Result<Grid, Problem> {
    let sheet_problem = |error: calamine::XlsxError| {
        Problem::whole_file(format!(
            "expected a readable sheet \"{name}\", found a damaged one ({error})"
        ))
    };
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(sheet_problem)?;
    // Excel stores 19.3% as 0.193 and shows it through a percent format: give the
    // readers the text the user sees.
    let percent_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|style| {
            style
                .number_format
                .as_ref()
                .is_some_and(|format| is_percent_format(&format.format_code))
        })
        .collect();
    let mut grid = Grid::default();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(sheet_problem)? {
        let text = match cell.get_value() {
            DataRef::SharedString(text) => CellText::of_str(text),
            DataRef::Float(number) if percent_styles.get(style) == Some(&true) => {
                CellText::Text(percent_text(*number))
            }
            other => CellText::of(&Data::from(other.clone())),
        };
        if !grid.add(cell.get_position(), text, problems) {
            return Err(too_many_cells(name));
        }
    }
    Ok(grid)
}

/// A number format that shows a percentage: a `%` outside quoted text and escapes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// `0.193` as the `19.3%` a percent format shows, moving the decimal point in the
/// shortest decimal form so no binary rounding creeps in (`0.07` → `7%`, not
/// `7.000000000000001%`).
fn percent_text(fraction: f64) -> String {
    let text = format!("{fraction:?}");
    if text.contains(['e', 'E']) || !fraction.is_finite() {
        return format!("{:?}%", fraction * 100.0);
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
    let decimals = format!("{decimals:0<2}");
    let (moved, rest) = decimals.split_at(2);
    let whole = format!("{whole}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{sign}{whole}%")
    } else {
        format!("{sign}{whole}.{rest}%")
    }
}

/// Reads an `.ods` or `.xls` sheet through calamine's range, which caps its own size.
fn range_grid<'a, W>(workbook: &mut W, name: &str, problems: &mut Problems) -> Result<Grid, Problem>
where
    W: Reader<Cursor<&'a [u8]>>,
    W::Error: std::fmt::Display,
{
    let range = workbook.worksheet_range(name).map_err(|error| {
        Problem::whole_file(format!(
            "expected a readable sheet \"{name}\", found a damaged one ({error})"
        ))
    })?;
    let mut grid = Grid::default();
    for (row, column, value) in range.used_cells() {
        let (start_row, start_column) = range.start().unwrap_or((0, 0));
        let position = (start_row + row as u32, start_column + column as u32);
        if !grid.add(position, CellText::of(value), problems) {
            return Err(too_many_cells(name));
        }
    }
    Ok(grid)
}

fn too_many_cells(name: &str) -> Problem {
    Problem::whole_file(format!(
        "expected at most {MAX_SHEET_CELLS} filled cells in sheet \"{name}\", found more: it is too large to read"
    ))
}

/// A cell as the text readers see.
enum CellText {
    Empty,
    Text(String),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

impl CellText {
    fn of_str(text: &str) -> CellText {
        if text.trim().is_empty() {
            CellText::Empty
        } else {
            CellText::Text(text.to_string())
        }
    }

    fn of(value: &Data) -> CellText {
        match value {
            Data::Empty => CellText::Empty,
            Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
                CellText::of_str(text)
            }
            Data::Int(number) => CellText::Text(number.to_string()),
            Data::Float(number) => CellText::Text(number_text(*number)),
            Data::Bool(value) => CellText::Text(value.to_string()),
            Data::DateTime(date) if date.is_datetime() => {
                let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
                CellText::Text(if (hour, minute, second) == (0, 0, 0) {
                    format!("{year:04}-{month:02}-{day:02}")
                } else {
                    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
                })
            }
            Data::DateTime(duration) => CellText::Text(number_text(duration.as_f64())),
            Data::Error(error) => CellText::Error(error.to_string()),
        }
    }
}

/// A number written back without losing precision: whole numbers without `.0` (a year
/// stored as 2018.0 reads as `2018`), others in Rust's shortest round-trip form.
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number:?}")
    }
}

/// `B5` for row 4, column 1 (both 0-based).
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The text table of a sheet: `# key: value` rows before the header are metadata, the
/// first other row the header, each row's line its 1-based sheet row number. Columns
/// start at the sheet's first used column; rows are padded to the header's width.
fn table_from_grid(mut grid: Grid) -> Table {
    if grid.out_of_order {
        grid.rows = rows_in_order(std::mem::take(&mut grid.rows));
    }
    let first_column = grid.first_column();
    let mut table = Table::default();
    let mut header_seen = false;
    for (row, mut cells) in grid.rows {
        cells.sort_by_key(|(column, _)| *column);
        let width = cells
            .last()
            .map_or(0, |(column, _)| (column - first_column) as usize + 1);
        let mut texts = vec![String::new(); width.max(table.header.len())];
        for (column, text) in cells {
            if let Some(slot) = texts.get_mut((column - first_column) as usize) {
                *slot = text;
            }
        }
        let line = row as usize + 1;
        if !header_seen {
            if let Some(comment) = texts.first().and_then(|cell| cell.trim().strip_prefix('#')) {
                if let Some(entry) = metadata_entry(comment, &texts) {
                    table.metadata.push(entry);
                }
                continue;
            }
            table.header = texts.iter().map(|cell| cell.trim().to_string()).collect();
            table.header_line = line;
            header_seen = true;
            continue;
        }
        table.rows.push(Row { line, cells: texts });
    }
    table
}

/// Rows sorted by number, the cells of a row listed twice brought together.
fn rows_in_order(mut rows: Vec<(u32, Vec<(u32, String)>)>) -> Vec<(u32, Vec<(u32, String)>)> {
    rows.sort_by_key(|(row, _)| *row);
    let mut merged: Vec<(u32, Vec<(u32, String)>)> = Vec::with_capacity(rows.len());
    for (row, cells) in rows {
        match merged.last_mut() {
            Some((last, last_cells)) if *last == row => last_cells.extend(cells),
            _ => merged.push((row, cells)),
        }
    }
    merged
}

/// `# title: US–China trade` in one cell, or `# title` with the value in the next cell.
fn metadata_entry(comment: &str, cells: &[String]) -> Option<(String, String)> {
    if let Some((key, value)) = comment.split_once(':') {
        return Some((key.trim().to_lowercase(), value.trim().to_string()));
    }
    let value = cells.get(1)?.trim();
    let key = comment.trim();
    (!key.is_empty() && !value.is_empty()).then(|| (key.to_lowercase(), value.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_like_a_spreadsheet() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(4, 1), "B5");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(cell_name(0, 16_383), "XFD1");
    }

    #[test]
    fn writes_numbers_without_losing_precision() {
        assert_eq!(number_text(2018.0), "2018");
        assert_eq!(number_text(-418.2329), "-418.2329");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(1e20), "1e20");
        assert_eq!(number_text(-0.0), "0");
    }

    #[test]
    fn sheet_rows_become_a_table_with_metadata_and_sheet_line_numbers() {
        let mut grid = Grid::default();
        let mut problems = Problems::new();
        let mut put = |row, column, text: &str| {
            grid.add((row, column), CellText::of_str(text), &mut problems);
        };
        put(0, 1, "# title: Trade");
        put(1, 1, "# source");
        put(1, 2, "Census");
        put(3, 1, "year");
        put(3, 2, "Balance (USD bn)");
        put(3, 3, "Tariff (%)");
        put(4, 1, "2018");
        put(4, 2, "-418.2");
        put(6, 1, "2019");
        put(6, 3, "21");
        let table = table_from_grid(grid);
        assert_eq!(
            table.metadata,
            [
                ("title".to_string(), "Trade".to_string()),
                ("source".to_string(), "Census".to_string())
            ]
        );
        assert_eq!(table.header, ["year", "Balance (USD bn)", "Tariff (%)"]);
        assert_eq!(table.header_line, 4);
        assert_eq!(table.rows.len(), 2);
        assert_eq!((table.rows[0].line, table.rows[1].line), (5, 7));
        assert_eq!(table.rows[0].cells, ["2018", "-418.2", ""]);
        assert_eq!(table.rows[1].cells, ["2019", "", "21"]);
    }

    #[test]
    fn percent_formats_show_what_the_user_sees() {
        assert!(is_percent_format("0.0%"));
        assert!(is_percent_format("0%"));
        assert!(!is_percent_format("0.00"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("0\\%"));
        assert_eq!(percent_text(0.193), "19.3%");
        assert_eq!(percent_text(0.07), "7%");
        assert_eq!(percent_text(1.241), "124.1%");
        assert_eq!(percent_text(-0.005), "-0.5%");
        assert_eq!(percent_text(0.0), "0%");
        assert_eq!(percent_text(12.0), "1200%");
        assert_eq!(percent_text(0.12345678901234), "12.345678901234%");
    }

    #[test]
    fn rows_listed_out_of_order_are_sorted() {
        let mut grid = Grid::default();
        let mut problems = Problems::new();
        for (row, column, text) in [(2, 0, "2019"), (0, 0, "year"), (1, 0, "2018"), (0, 1, "x")] {
            grid.add((row, column), CellText::of_str(text), &mut problems);
        }
        let table = table_from_grid(grid);
        assert_eq!(table.header, ["year", "x"]);
        let first_cells: Vec<&str> = table.rows.iter().map(|row| row.cells[0].as_str()).collect();
        assert_eq!(first_cells, ["2018", "2019"]);
    }

    #[test]
    fn a_formula_error_is_a_problem_at_its_cell() {
        let mut grid = Grid::default();
        let mut problems = Problems::new();
        grid.add(
            (4, 1),
            CellText::of(&Data::Error(calamine::CellErrorType::Div0)),
            &mut problems,
        );
        let problems = problems.into_vec();
        assert_eq!(
            problems,
            [Problem::at(
                5,
                2,
                "expected a value, found the formula error #DIV/0! in cell B5"
            )]
        );
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        let problem = sniff(b"PK\x03\x04 and nothing more", "xlsx").unwrap_err();
        assert!(problem.message.contains("cut short"), "{problem:?}");
        assert!(sniff(b"hello", "xlsx").is_err());
    }
}
