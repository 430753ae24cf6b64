//! Text files into tables: decoding (UTF-8, BOM, Windows-1252, UTF-16), separator
//! sniffing, `# key: value` metadata lines, and the [`Table`] every tabular reader
//! (CSV and spreadsheets alike) works on.

use super::problem::Problem;
use super::table::{Row, Table};

/// Text decoded from a file, with a remark when it was not plain UTF-8.
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes file bytes: UTF-8 with or without BOM; UTF-16 with a BOM; anything else is
/// taken as Windows-1252, as spreadsheet programs do, and says so in the note.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Problem> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        if had_errors {
            return Err(Problem::whole_file(format!(
                "expected {} text (the file starts with its byte-order mark), found bytes that are not",
                encoding.name()
            )));
        }
        let note = (encoding != encoding_rs::UTF_8)
            .then(|| format!("decoded as {} (byte-order mark)", encoding.name()));
        return Ok(Decoded {
            text: text.into_owned(),
            note,
        });
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok(Decoded {
                text: text.into_owned(),
                note: Some(format!(
                    "decoded as {} (no byte-order mark: told by its NUL bytes)",
                    encoding.name()
                )),
            });
        }
    }
    if let Some(offset) = bytes.iter().take(64 * 1024).position(|&b| b == 0) {
        return Err(Problem::whole_file(format!(
            "expected a text or spreadsheet file, found binary data (a NUL byte at byte {})",
            offset + 1
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            note: None,
        }),
        Err(error) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let line = bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Ok(Decoded {
                text: text.into_owned(),
                note: Some(format!(
                    "not UTF-8 (first at line {line}): decoded as Windows-1252"
                )),
            })
        }
    }
}

/// UTF-16 saved without a byte-order mark (some Windows tools do): mostly Latin text,
/// so in nine pairs of bytes out of ten at the start one byte is NUL and the other is
/// not, always on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs: Vec<(u8, u8)> = bytes
        .chunks_exact(2)
        .take(512)
        .filter_map(|pair| match pair {
            [first, second] => Some((*first, *second)),
            _ => None,
        })
        .collect();
    let count = |test: fn(&(u8, u8)) -> bool| pairs.iter().filter(|pair| test(pair)).count();
    let mostly = |matching: usize| matching * 10 >= pairs.len() * 9;
    if mostly(count(|&(low, high)| low != 0 && high == 0)) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(count(|&(high, low)| high == 0 && low != 0)) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Splits CSV text into metadata lines, header and rows. The separator (`,`, `;` or
/// tab) is sniffed from the header line. Rows with a different number of cells than
/// the header are reported, as are completely empty files.
pub fn read_csv_table(text: &str) -> Result<Table, Vec<Problem>> {
    let mut table = Table::default();
    // Metadata and blank lines before the header.
    let mut offset = 0;
    let mut line_number = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            offset += line.len();
            line_number += 1;
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once(':') {
                table
                    .metadata
                    .push((key.trim().to_lowercase(), value.trim().to_string()));
            }
            offset += line.len();
            line_number += 1;
            continue;
        }
        break;
    }
    let body = &text[offset..];
    if body.trim().is_empty() {
        return Err(vec![Problem::whole_file(
            "expected a header row and data rows, found an empty file",
        )]);
    }
    let separator = sniff_separator_in(body);
    table.decimal_comma = separator == b';';
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .comment(None)
        .from_reader(body.as_bytes());
    let mut problems = super::problem::Problems::new();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    let mut cell_count = 0usize;
    // Line numbers are counted from byte offsets: the csv crate's own line count lags
    // behind on CRLF files.
    let mut lines = LineCounter {
        text: body.as_bytes(),
        byte: 0,
        line: line_number + 1,
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, |position| position.byte()));
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
                if first {
                    table.header = cells.iter().map(|cell| cell.trim().to_string()).collect();
                    table.header_line = line;
                    first = false;
                    continue;
                }
                if cells.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                cell_count += cells.len();
                table.rows.push(Row { line, cells });
                // Stop reading a file too large to chart before it fills the memory.
                if let Some(problem) = super::limits::table_growth(cell_count, line) {
                    return Err(vec![problem]);
                }
            }
            Err(error) => {
                let line = lines.line_at(error.position().map_or(0, |position| position.byte()));
                problems.push(Problem::on_line(
                    line,
                    format!("expected a CSV row, found {error}"),
                ));
                if problems.is_full() {
                    break;
                }
            }
        }
    }
    drop_trailing_empty_columns(&mut table);
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(table)
}

/// Drops trailing empty header cells that every row also leaves empty (a trailing
/// separator on every line, as WDI files have), with the rows' cells under them.
///
/// In one pass over the cells: dropping one column at a time and checking every row
/// each time took minutes on a header of 100,000 separators over 100,000 rows.
fn drop_trailing_empty_columns(table: &mut Table) {
    let width = table.header.len();
    let mut kept = table
        .header
        .iter()
        .rposition(|cell| !cell.is_empty())
        .map_or(0, |last| last + 1);
    if kept == width {
        return;
    }
    for row in &table.rows {
        let candidates = row
            .cells
            .get(kept..width.min(row.cells.len()))
            .unwrap_or(&[]);
        if let Some(last) = candidates.iter().rposition(|cell| !cell.trim().is_empty()) {
            kept += last + 1;
        }
    }
    table.header.truncate(kept);
    for row in &mut table.rows {
        // A row longer than the header keeps its extra cells, to be reported.
        if row.cells.len() > kept && row.cells.len() <= width {
            row.cells.truncate(kept);
        }
    }
}

/// Turns increasing byte offsets into 1-based line numbers.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: u64) -> usize {
        let mut target = (byte as usize).min(self.text.len());
        // A record's position may point at the line break that ends the one before.
        while target < self.text.len() && matches!(self.text[target], b'\r' | b'\n') {
            target += 1;
        }
        if target > self.byte {
            self.line += self.text[self.byte..target]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.byte = target;
        }
        self.line
    }
}

/// The separator of a table, told from its first lines (title lines above the header
/// may hold none, or a stray comma): the one that splits the most lines into the same
/// number of cells, outside quotes; on a tie, the more frequent.
fn sniff_separator_in(text: &str) -> u8 {
    let counts: Vec<[usize; 3]> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(SNIFFED_LINES)
        .map(separator_counts)
        .collect();
    let mut scores = [(0usize, 0usize); 3];
    for (candidate, score) in scores.iter_mut().enumerate() {
        let mut tally: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for line in &counts {
            let count = line.get(candidate).copied().unwrap_or(0);
            if count > 0 {
                *tally.entry(count).or_default() += 1;
            }
        }
        let consistent = tally.values().copied().max().unwrap_or(0);
        let total = counts
            .iter()
            .map(|line| line.get(candidate).copied().unwrap_or(0))
            .sum();
        *score = (consistent, total);
    }
    let candidates = [b',', b';', b'\t'];
    scores
        .iter()
        .enumerate()
        .filter(|(_, (consistent, _))| *consistent > 0)
        .max_by_key(|(index, score)| (**score, std::cmp::Reverse(*index)))
        .and_then(|(index, _)| candidates.get(index).copied())
        .unwrap_or(b',')
}

/// Lines read to tell the separator.
const SNIFFED_LINES: usize = 20;

/// The separator used in a header line: the most frequent of `,` `;` and tab outside
/// quotes, comma when none occurs.
pub fn sniff_separator(header_line: &str) -> u8 {
    most_frequent(separator_counts(header_line))
}

/// How often `,` `;` and tab occur in a line outside quotes.
fn separator_counts(line: &str) -> [usize; 3] {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for byte in line.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => counts[0] += 1,
            b';' if !in_quotes => counts[1] += 1,
            b'\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    counts
}

/// The separator counted most often; comma when none was.
fn most_frequent(counts: [usize; 3]) -> u8 {
    let candidates = [b',', b';', b'\t'];
    let (best, count) = counts
        .iter()
        .enumerate()
        .max_by_key(|(index, count)| (**count, std::cmp::Reverse(*index)))
        .unwrap_or((0, &0));
    if *count == 0 { b',' } else { candidates[best] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_utf8_bom() {
        let decoded = decode(b"\xEF\xBB\xBFyear,x\n").unwrap();
        assert_eq!(decoded.text, "year,x\n");
        assert!(decoded.note.is_none());
    }

    #[test]
    fn falls_back_to_windows_1252_with_a_note() {
        let decoded = decode(b"country\nC\xF4te d'Ivoire\n").unwrap();
        assert!(decoded.text.contains("Côte d'Ivoire"));
        assert!(decoded.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn refuses_binary() {
        assert!(decode(b"\x7fELF\x02\x01\x00\x00").is_err());
    }

    #[test]
    fn sniffs_separators() {
        assert_eq!(sniff_separator("year,a,b"), b',');
        assert_eq!(sniff_separator("year;a;b"), b';');
        assert_eq!(sniff_separator("year\ta\tb"), b'\t');
        assert_eq!(sniff_separator("\"a;b\",c"), b',');
    }

    #[test]
    fn keeps_metadata_and_line_numbers() {
        let table =
            read_csv_table("# title: T\r\n# source: S\r\nyear,x\r\n2018,1\r\n\r\n2019,2\r\n")
                .unwrap();
        assert_eq!(table.meta("title").collect::<Vec<_>>(), ["T"]);
        assert_eq!(table.header, ["year", "x"]);
        assert_eq!(table.header_line, 3);
        assert_eq!(
            table.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
            [4, 6]
        );
    }
}
