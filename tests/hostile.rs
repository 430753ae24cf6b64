//! The hostile corpus: files a user may open by mistake or by malice, each with the
//! answer the app must give — a dataset, or a refusal with its message — and never a
//! panic, a hang or an exhausted machine.
//!
//! The small files are committed under `tests/data/hostile/` (written by `make.py`
//! there). The huge ones (a 50 MB line, 100,000 columns, a million rows, zip bombs
//! named `.xlsx`, JSON nested 100,000 deep, a file past the size cap) and the ones
//! that are not plain files (a folder, a FIFO, a symlink loop, `/dev/zero`, a file
//! without read permission) are made here in a temporary folder.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::Duration;

use tradechart::data::{self, LoadError, Loaded, limits};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(name)
}

/// What the app answers to a file.
#[derive(Clone, Copy, Debug)]
enum Answer {
    /// A dataset with this many series, and a note containing the text if given.
    Reads(usize, Option<&'static str>),
    /// Refused; one of the problems (as `FILE:LINE:COL: message` without the file)
    /// contains the text.
    Refused(&'static str),
}

use Answer::{Reads, Refused};

/// Every committed hostile file and its answer.
const CORPUS: &[(&str, Answer)] = &[
    // Empty and nearly empty.
    (
        "empty.csv",
        Refused("expected a header row and data rows, found an empty file"),
    ),
    ("bom_only.csv", Refused("found only white space")),
    ("bom_only_utf16le.csv", Refused("found only white space")),
    ("newlines_only.csv", Refused("found only white space")),
    (
        "header_only.csv",
        Refused("1:1: expected data rows after the header, found none"),
    ),
    (
        "metadata_only.csv",
        Refused("expected a header row and data rows, found an empty file"),
    ),
    (
        "separators_only.csv",
        Refused("expected data rows after the header, found none"),
    ),
    // Not text.
    (
        "nul_bytes.csv",
        Refused("found binary data (a NUL byte at byte 32)"),
    ),
    (
        "binary.csv",
        Refused("expected a text or spreadsheet file, found binary data"),
    ),
    (
        "binary_high_bytes.csv",
        Refused("expected data rows after the header, found none"),
    ),
    (
        "gzip.csv",
        Refused("found binary data (a NUL byte at byte 4)"),
    ),
    (
        "png_named.csv",
        Refused("expected a text or spreadsheet file, found binary data"),
    ),
    (
        "html_named.csv",
        // Its one line under the first is words only: a footnote, so no data rows.
        Refused("expected data rows after the header, found none"),
    ),
    // Encodings.
    (
        "utf16le_bom.csv",
        Reads(1, Some("decoded as UTF-16LE (byte-order mark)")),
    ),
    (
        "utf16be_bom.csv",
        Reads(1, Some("decoded as UTF-16BE (byte-order mark)")),
    ),
    (
        "utf16le_no_bom.csv",
        Reads(1, Some("decoded as UTF-16LE (no byte-order mark")),
    ),
    (
        "utf16be_no_bom.csv",
        Reads(1, Some("decoded as UTF-16BE (no byte-order mark")),
    ),
    (
        "utf16le_bom_odd_length.csv",
        Refused(
            "expected UTF-16LE text (the file starts with its byte-order mark), found bytes that are not",
        ),
    ),
    (
        "utf8_bom_then_invalid.csv",
        Refused(
            "expected UTF-8 text (the file starts with its byte-order mark), found bytes that are not",
        ),
    ),
    (
        "windows1252_undefined_bytes.csv",
        Reads(1, Some("decoded as Windows-1252")),
    ),
    (
        "control_characters.csv",
        Refused("2:2: expected a number, found \"-375\u{1b}\""),
    ),
    ("bidi_and_zero_width.csv", Reads(1, None)),
    // Line endings and quoting.
    ("mixed_line_endings.csv", Reads(1, None)),
    ("cr_only.csv", Reads(1, None)),
    (
        "unbalanced_quote.csv",
        Refused("expected data rows after the header, found none"),
    ),
    (
        "quote_in_cell.csv",
        Refused("2:2: expected a number, found \"-375\"\""),
    ),
    (
        "ragged_rows.csv",
        Refused("2:3: expected 3 cells as in the header, found 2"),
    ),
    // Numbers: NaN, infinity and 1e400 are refused, never read as values.
    (
        "cell_1e400.csv",
        Refused("3:2: expected a number of magnitude at most 1e15, found \"1e400\""),
    ),
    (
        "cell_nan.csv",
        Refused("3:2: expected a number, found \"NaN\""),
    ),
    (
        "cell_inf.csv",
        Refused("3:2: expected a number, found \"inf\""),
    ),
    (
        "cell_negative_infinity.csv",
        Refused("3:2: expected a number, found \"-Infinity\""),
    ),
    (
        "cell_1e16.csv",
        Refused("3:2: expected a number of magnitude at most 1e15, found \"1e16\""),
    ),
    ("cell_tiny.csv", Reads(1, None)),
    (
        "cell_many_digits.csv",
        Refused("3:2: expected a number of magnitude at most 1e15"),
    ),
    (
        "cell_hex.csv",
        Refused("3:2: expected a number, found \"0x1F\""),
    ),
    // Periods.
    (
        "year_negative.csv",
        Refused("2:1: expected a year from 1000 to 2999, found \"-2018\""),
    ),
    (
        "year_99999.csv",
        Refused("3:1: expected a year from 1000 to 2999, found \"99999\""),
    ),
    (
        "year_zero.csv",
        Refused("2:1: expected a year from 1000 to 2999, found \"0\""),
    ),
    (
        "month_13.csv",
        Refused("3:1: expected a month 01–12, found \"2018-13\""),
    ),
    (
        "day_february_30.csv",
        Refused("3:1: expected a date in the calendar, found \"2018-02-30\""),
    ),
    ("dates_out_of_order.csv", Reads(1, None)),
    (
        "duplicated_periods.csv",
        Refused("4:1: expected each period once, found 2018 again (first at line 3)"),
    ),
    ("mixed_period_kinds.csv", Reads(1, None)),
    (
        "huge_year_number.csv",
        Refused("3:1: expected a year from 1000 to 2999, found \"9999999999"),
    ),
    // Events.
    (
        "events_year_99999.csv",
        Refused("3:1: expected a year from 1000 to 2999, found \"99999\""),
    ),
    (
        "events_end_before_start.csv",
        Refused("2:5: expected an end date on or after the start 2019-05-10"),
    ),
    (
        "events_empty_titles.csv",
        Refused("2:2: expected an event title, found an empty cell"),
    ),
    // JSON.
    (
        "json_nested_1000.json",
        Refused("expected a tradechart document"),
    ),
    ("json_nan.json", Refused("found \"NaN\"")),
    (
        "json_1e400.json",
        Refused("expected a number within ±1e15, found a number too large to hold"),
    ),
    (
        "json_trailing_garbage.json",
        Refused("expected the end of the document, found \"trailing\""),
    ),
    (
        "json_wrong_types.json",
        Refused("expected a whole number, found string \"one\""),
    ),
    (
        "json_string_only.json",
        Refused("expected data rows after the header, found none"),
    ),
    (
        "json_truncated.json",
        Refused("found the end of the file: is the file cut short?"),
    ),
    (
        "json_year_99999.json",
        Refused("expected a year from 1000 to 2999, found \"99999\""),
    ),
    (
        "json_duplicate_periods.json",
        Refused("expected each period once, found 2018 again"),
    ),
    ("json_huge_version.json", Refused("expected a whole number")),
    // Workbooks.
    (
        "zip_header_only.xlsx",
        Refused("found a damaged zip archive: was the file cut short?"),
    ),
    (
        "ole_header_only.xls",
        Refused("expected a readable .xls workbook, found a damaged one"),
    ),
    ("text_named.xlsx", Reads(1, None)),
    (
        "random_zip.xlsx",
        Refused("found a zip archive without one"),
    ),
    (
        "xlsx_no_sheets.xlsx",
        Refused("expected a readable .xlsx workbook, found a damaged one"),
    ),
    (
        "xlsx_garbage_xml.xlsx",
        Refused("expected a readable .xlsx workbook, found a damaged one"),
    ),
    (
        "formula_error.xlsx",
        Refused("6:3: expected a value, found the formula error #DIV/0! in cell C6"),
    ),
    (
        "truncated_half.xlsx",
        Refused("found a damaged zip archive: was the file cut short?"),
    ),
    // 1 kB that calamine would lay out as 100 million cells (over 3 GB).
    (
        "ods_repeated_cells.ods",
        Refused(
            "expected sheets of at most 10000000 cells, found repeated rows and columns that make 99920002: it is too large to read",
        ),
    ),
    // Found by fuzzing: the same with a wrong checksum, which the zip reader reports
    // only at the end of the entry.
    (
        "ods_repeated_cells_bad_checksum.ods",
        Refused("found repeated rows and columns that make"),
    ),
    // Found by fuzzing: a DIMENSIONS record of billions of rows made calamine ask
    // for 343 GB and abort.
    (
        "xls_huge_dimensions.xls",
        Refused("found a damaged one (a sheet declares"),
    ),
    // Found by fuzzing: cells at rows and columns far apart made calamine lay out a
    // grid of 137 GB and abort.
    (
        "xls_cells_far_apart.xls",
        Refused("found a damaged one (its cells spread over"),
    ),
    // Found by fuzzing: the same DIMENSIONS record in a sheet found only through its
    // BOUNDSHEET record, past a damaged record.
    (
        "xls_sheet_after_damaged_record.xls",
        Refused("expected a readable .xls workbook, found a damaged one"),
    ),
    // Found by fuzzing: a sector chain that loops made calamine fill the memory.
    (
        "xls_sector_chain_loop.xls",
        Refused("found a damaged one (a chain of its sectors loops back on itself)"),
    ),
    (
        "ods_garbage_content.ods",
        Refused("expected a readable .ods workbook, found a damaged one"),
    ),
];

/// The problems of a refused file as `LINE:COL: message` lines.
fn problem_lines(error: &LoadError) -> Vec<String> {
    error
        .problems
        .iter()
        .map(|problem| match (problem.line, problem.column) {
            (Some(line), Some(column)) => format!("{line}:{column}: {}", problem.message),
            (Some(line), None) => format!("{line}: {}", problem.message),
            _ => problem.message.clone(),
        })
        .collect()
}

/// Loads `path` on another thread, failing the test if that takes longer than
/// `limit` (a hang) instead of waiting for ever.
fn load_within(path: &Path, limit: Duration) -> Result<Loaded, LoadError> {
    let (send, receive) = channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = send.send(data::LoadRequest::path(&owned).load());
    });
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("{} took longer than {limit:?} to load", path.display()))
}

fn check_answer(name: &str, result: &Result<Loaded, LoadError>, answer: Answer) -> Option<String> {
    match (result, answer) {
        (Ok(loaded), Reads(series, note)) => {
            let notes_fit = note.is_none_or(|note| loaded.notes.iter().any(|n| n.contains(note)));
            (loaded.dataset.series.len() != series || !notes_fit).then(|| {
                format!(
                    "{name}: expected {series} series and a note {note:?}, found {} series and notes {:?}",
                    loaded.dataset.series.len(),
                    loaded.notes
                )
            })
        }
        (Err(error), Refused(message)) => {
            let lines = problem_lines(error);
            (!lines.iter().any(|line| line.contains(message))).then(|| {
                format!("{name}: expected a problem containing {message:?}, found {lines:?}")
            })
        }
        (Ok(loaded), Refused(message)) => Some(format!(
            "{name}: expected a refusal containing {message:?}, found a dataset of {} series",
            loaded.dataset.series.len()
        )),
        (Err(error), Reads(..)) => Some(format!("{name}: expected a dataset, found {error}")),
    }
}

#[test]
fn every_corpus_file_gets_its_expected_answer() {
    let mut wrong = Vec::new();
    for &(name, answer) in CORPUS {
        let result = load_within(&corpus(name), Duration::from_secs(30));
        wrong.extend(check_answer(name, &result, answer));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_corpus_has_forty_files_and_every_one_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "make.py")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|(name, _)| (*name).to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "files in tests/data/hostile/ and the CORPUS list differ"
    );
    assert!(listed.len() >= 40, "{} files", listed.len());
}

#[test]
fn every_corpus_file_under_every_name_answers_without_a_panic() {
    // A file's content decides how it is read; whatever name it has, no panic.
    for &(name, _) in CORPUS {
        let bytes = std::fs::read(corpus(name)).unwrap();
        for extension in [
            "csv",
            "tsv",
            "json",
            "xlsx",
            "ods",
            "xls",
            "tradechart",
            "events.csv",
        ] {
            let _ =
                data::LoadRequest::bytes(&bytes, Path::new(&format!("file.{extension}"))).load();
        }
    }
}

// ---------------------------------------------------------------------------------
// Huge files, made here

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn refused(path: &Path, message: &str, limit: Duration) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let result = load_within(path, limit);
    if let Some(wrong) = check_answer(&name, &result, Refused(leak(message))) {
        panic!("{wrong}");
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

#[test]
fn a_single_50_mb_line_is_refused_by_the_cell_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = b"year,".to_vec();
    line.resize(50 * 1024 * 1024, b'x');
    let path = temp_file(&dir, "one_line.csv", &line);
    refused(
        &path,
        &format!(
            "1:2: expected a cell of at most {} bytes, found one of {} bytes",
            limits::MAX_TEXT_BYTES,
            line.len() - 5
        ),
        Duration::from_secs(120),
    );
}

#[test]
fn a_100000_column_table_is_refused_by_the_column_cap() {
    let dir = tempfile::tempdir().unwrap();
    let header: Vec<String> = std::iter::once("year".to_string())
        .chain((1..100_000).map(|column| format!("Series {column}")))
        .collect();
    let row: Vec<&str> = std::iter::once("2018")
        .chain(std::iter::repeat_n("1", 99_999))
        .collect();
    let text = format!("{}\n{}\n", header.join(","), row.join(","));
    let path = temp_file(&dir, "wide.csv", text.as_bytes());
    refused(
        &path,
        &format!(
            "1: expected at most {} columns, found 100000",
            limits::MAX_COLUMNS
        ),
        Duration::from_secs(60),
    );
}

#[test]
fn a_file_that_would_not_fit_in_memory_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.csv");
    // A plain start, then 500 MB of nothing (sparse: no disk space, and never read).
    let mut start = String::from("date,series,value\n");
    for day in 1..=28 {
        start.push_str(&format!("2018-02-{day:02},Exports,{day}\n"));
    }
    std::fs::write(&path, &start).unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(500_000_000).unwrap();
    let read = std::cell::Cell::new(0);
    let report = |bytes: u64| read.set(read.get().max(bytes));
    let options = data::LoadOptions {
        memory: limits::Memory::Given(100_000_000),
        ..data::LoadOptions::default()
    };
    let error = data::LoadRequest::path(&path)
        .options(options)
        .progress(&report)
        .load()
        .unwrap_err();
    // Read as text: twice its 500 MB, and 80 bytes a cell for the cells its start
    // promises (87 commas and line breaks in its first 64 KiB: 500 MB × 87 / 65,536 =
    // 663,757 cells, 53,100,560 bytes).
    let mut first = start.into_bytes();
    first.resize(limits::START_BYTES, 0);
    assert_eq!(
        limits::general_read_needs(500_000_000, &first),
        1_053_100_560
    );
    assert_eq!(
        problem_lines(&error),
        [
            "the file is 500 MB and reading it needs about 1054 MB of memory, more than the 100 MB available: the file is not read"
        ]
    );
    assert_eq!(read.get(), 0, "nothing read");
}

#[test]
fn huge_strings_are_refused_by_the_text_cap() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "y".repeat(2 * limits::MAX_TEXT_BYTES);
    let title = format!("# title: {huge}\nyear,A\n2018,1\n");
    refused(
        &temp_file(&dir, "title.csv", title.as_bytes()),
        "expected a metadata line of at most 100000 bytes",
        Duration::from_secs(30),
    );
    let cell = format!("year,A\n2018,1\n2019,{huge}\n");
    refused(
        &temp_file(&dir, "cell.csv", cell.as_bytes()),
        "3:2: expected a cell of at most 100000 bytes, found one of 200000 bytes",
        Duration::from_secs(30),
    );
    let json =
        format!(r#"{{"tradechart":1,"series":[{{"name":"{huge}","points":[["2018",1]]}}]}}"#);
    refused(
        &temp_file(&dir, "name.json", json.as_bytes()),
        "expected a series name of at most 100000 bytes, found one of 200000 bytes",
        Duration::from_secs(30),
    );
}

#[test]
fn json_nested_100000_deep_is_refused_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!(
        "{{\"series\":{}1{}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    let nested = &arrays;
    let in_a_point =
        format!("{{\"tradechart\":1,\"series\":[{{\"name\":\"A\",\"points\":[{nested}]}}]}}");
    let too_deep = "expected at most 128 levels of nested objects and arrays, found more: the document is nested too deeply";
    for (name, text, message) in [
        (
            "arrays.json",
            arrays,
            "1:1: expected a tradechart document (a JSON object with \"series\" and \"events\"), found an array",
        ),
        ("objects.json", objects, too_deep),
        ("point.json", in_a_point, too_deep),
    ] {
        refused(
            &temp_file(&dir, name, text.as_bytes()),
            message,
            Duration::from_secs(30),
        );
    }
}

#[test]
fn a_file_past_the_size_cap_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    // Sparse: takes no disk space, and is never read.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(data::MAX_FILE_BYTES + 1).unwrap();
    refused(
        &path,
        &format!(
            "files larger than {} MB are not read",
            data::MAX_FILE_BYTES / 1_000_000
        ),
        Duration::from_secs(5),
    );
}

// ---------------------------------------------------------------------------------
// Zip bombs named .xlsx

/// Bits into bytes, least significant bit first, as deflate packs them.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn push(&mut self, value: u32, count: u32) {
        for bit in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> bit) & 1 == 1 {
                *self.bytes.last_mut().unwrap() |= 1 << (self.used % 8);
            }
            self.used += 1;
        }
    }

    /// A Huffman code, written most significant bit first.
    fn push_code(&mut self, code: u32, length: u32) {
        for bit in (0..length).rev() {
            self.push((code >> bit) & 1, 1);
        }
    }
}

/// A deflate stream (one fixed-Huffman block) that inflates to `pattern` repeated to
/// about `total` bytes, in a few bytes per 258 produced: no need to compress a
/// gigabyte to make one.
fn deflate_repeating(pattern: &[u8], total: usize) -> (Vec<u8>, usize) {
    assert!((1..=32).contains(&pattern.len()) && pattern.len().is_power_of_two());
    let mut bits = Bits::default();
    bits.push(1, 1); // last block
    bits.push(1, 2); // fixed Huffman codes
    for &byte in pattern {
        if byte < 144 {
            bits.push_code(0x30 + u32::from(byte), 8);
        } else {
            bits.push_code(0x190 + u32::from(byte) - 144, 9);
        }
    }
    // Distance = pattern length: codes 0..=9 cover 1..=32; for a power of two the
    // extra bits are all ones.
    let distance = pattern.len() as u32;
    let (distance_code, extra_bits) = match distance {
        1 => (0, 0),
        2 => (1, 0),
        4 => (3, 0),
        8 => (5, 1),
        16 => (7, 2),
        _ => (9, 3),
    };
    let mut produced = pattern.len();
    while produced + 258 <= total {
        bits.push_code(0xC5, 8); // length 258 (symbol 285)
        bits.push_code(distance_code, 5);
        bits.push((1 << extra_bits) - 1, extra_bits);
        produced += 258;
    }
    bits.push_code(0, 7); // end of block
    (bits.bytes, produced)
}

/// A zip archive of `entries` (name, method, data, declared size, crc) written by
/// hand, so that the declared sizes can lie.
fn zip_archive(entries: &[(String, u16, Vec<u8>, u32, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, size, crc) in entries {
        let offset = out.len() as u32;
        let header = |signature: u32, central_entry: bool| {
            let mut bytes = Vec::new();
            bytes.extend(signature.to_le_bytes());
            if central_entry {
                bytes.extend(20u16.to_le_bytes()); // made by
            }
            bytes.extend(20u16.to_le_bytes()); // version needed
            bytes.extend(0u16.to_le_bytes()); // flags
            bytes.extend(method.to_le_bytes());
            bytes.extend(0u32.to_le_bytes()); // time and date
            bytes.extend(crc.to_le_bytes());
            bytes.extend((data.len() as u32).to_le_bytes());
            bytes.extend(size.to_le_bytes());
            bytes.extend((name.len() as u16).to_le_bytes());
            bytes.extend(0u16.to_le_bytes()); // extra length
            if central_entry {
                bytes.extend(0u16.to_le_bytes()); // comment length
                bytes.extend(0u16.to_le_bytes()); // disk
                bytes.extend(0u16.to_le_bytes()); // internal attributes
                bytes.extend(0u32.to_le_bytes()); // external attributes
                bytes.extend(offset.to_le_bytes());
            }
            bytes.extend(name.as_bytes());
            bytes
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// good.xlsx with its first sheet replaced by a gigabyte of rows that deflate to a
/// few megabytes; `honest` says whether the archive declares the real size.
fn zip_bomb(honest: bool) -> Vec<u8> {
    let good =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workbook/good.xlsx"))
            .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let head = b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
            // Rows of one cell, 32 bytes each, for ever (the end tags never come).
            let (deflated, produced) =
                deflate_repeating(b"<row><c><v>1</v></c></row>      ", 1 << 30);
            let declared = if honest {
                (head.len() + produced) as u32
            } else {
                4096
            };
            // The sheet's head as a stored block, then the rows as a fixed block.
            let mut stream = Vec::new();
            stream.push(0); // a stored block, not the last
            stream.extend((head.len() as u16).to_le_bytes());
            stream.extend((!(head.len() as u16)).to_le_bytes());
            stream.extend(head);
            stream.extend(deflated);
            entries.push((name, 8, stream, declared, 0));
        } else {
            let size = content.len() as u32;
            let crc = crc32(&content);
            entries.push((name, 0, content, size, crc));
        }
    }
    zip_archive(&entries)
}

#[test]
fn the_deflate_writer_makes_what_it_says() {
    let (stream, produced) = deflate_repeating(b"abcd", 10_000);
    let mut inflated = Vec::new();
    let archive = zip_archive(&[("a.txt".into(), 8, stream, produced as u32, 0)]);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let _ = std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut inflated);
    assert_eq!(inflated.len(), produced);
    assert!(inflated.chunks(4).all(|chunk| chunk == b"abcd"));
}

#[test]
fn a_zip_bomb_named_xlsx_that_declares_its_size_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "bomb.xlsx", &zip_bomb(true));
    refused(
        &path,
        &format!(
            "expected a workbook of at most {} MB unpacked, found 1073 MB",
            limits::MAX_UNPACKED_BYTES / 1_000_000
        ),
        Duration::from_secs(10),
    );
}

#[test]
fn a_zip_bomb_named_xlsx_that_lies_about_its_size_is_refused() {
    // The zip reader stops inflating at the declared size, so the gigabyte is never
    // made: the sheet is reported damaged at once.
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "liar.xlsx", &zip_bomb(false));
    refused(
        &path,
        "found a damaged one (Xml error: I/O error: File is larger than its declared uncompressed size)",
        Duration::from_secs(10),
    );
}

// ---------------------------------------------------------------------------------
// Not plain files

#[test]
fn a_folder_given_as_the_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        dir.path(),
        "expected a file, found a folder",
        Duration::from_secs(5),
    );
}

#[test]
fn a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &dir.path().join("nothing-here.csv"),
        "cannot read the file: No such file or directory",
        Duration::from_secs(5),
    );
}

#[test]
fn a_symlink_loop_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.csv");
    let second = dir.path().join("second.csv");
    std::os::unix::fs::symlink(&second, &first).unwrap();
    std::os::unix::fs::symlink(&first, &second).unwrap();
    refused(
        &first,
        "cannot read the file: Too many levels of symbolic links",
        Duration::from_secs(5),
    );
}

#[test]
fn a_fifo_is_refused_by_type_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("notice: mkfifo is not available here; the FIFO case is not tested");
        return;
    }
    // Nobody ever writes to the pipe: opening it to read would block for ever.
    refused(
        &fifo,
        "expected a regular file, found a device, pipe or socket",
        Duration::from_secs(5),
    );
}

#[test]
fn endless_devices_are_refused_by_type() {
    for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
        if Path::new(device).exists() {
            refused(
                Path::new(device),
                "expected a regular file, found a device, pipe or socket",
                Duration::from_secs(5),
            );
        }
    }
}

#[test]
fn a_file_without_read_permission_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "secret.csv", b"year,A\n2018,1\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        // Root reads any file whatever its mode: nothing to refuse.
        eprintln!(
            "notice: running as root (or with CAP_DAC_OVERRIDE): the unreadable-file case is skipped"
        );
        return;
    }
    refused(
        &path,
        "cannot open the file: Permission denied",
        Duration::from_secs(5),
    );
}

#[test]
fn a_file_being_appended_to_while_read_gives_a_dataset_or_problems() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "growing.csv", b"year,A\n");
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(writer_path)
            .unwrap();
        for year in 1000..2999 {
            let _ = writeln!(file, "{year},{year}");
        }
    });
    for _ in 0..20 {
        let _ = load_within(&path, Duration::from_secs(30));
    }
    writer.join().unwrap();
    let loaded = load_within(&path, Duration::from_secs(30)).unwrap();
    assert_eq!(loaded.dataset.series[0].points.len(), 1999);
}

#[test]
fn a_header_of_100000_trailing_separators_over_100000_rows_answers_quickly() {
    // Regression: trailing empty columns were dropped one at a time, each time
    // checking every row: over a minute for this 800 kB file.
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("year,Balance (USD bn){}\n", ",".repeat(99_998));
    for row in 0..100_000 {
        text.push_str(&format!("{},1\n", 1000 + row % 1999));
    }
    refused(
        &temp_file(&dir, "trailing.csv", text.as_bytes()),
        "expected each period once",
        Duration::from_secs(20),
    );
}
