//! A check of an `.ods` workbook before calamine reads it: a cell or row may say it is
//! repeated (`table:number-columns-repeated="16384"`), and calamine lays each sheet
//! out as a full grid of rows × columns, so a 2 kB file could ask for 100 million
//! cells (gigabytes) before calamine's own limit. The sheet XML is scanned here for
//! how many cells calamine would make, and a file past [`MAX_SHEET_CELLS`] is refused.
//!
//! The count follows calamine's rules: empty cells after the last value of a row and
//! empty rows before the first and after the last row with values are not laid out
//! (LibreOffice ends every sheet with a million empty repeated rows).

use std::io::{Cursor, Read as _};

use super::limits::{MAX_SHEET_CELLS, MAX_UNPACKED_BYTES};
use super::problem::Problem;

/// calamine's caps on one row's columns and one sheet's rows.
const MAX_COLUMNS: usize = 16_384;
const MAX_ROWS: usize = 1_048_576;

/// Refuses an `.ods` file whose sheets would be laid out as more than [`MAX_SHEET_CELLS`]
/// cells. A file without a `content.xml` passes: calamine reports it.
pub fn check(bytes: &[u8]) -> Result<(), Problem> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = Vec::new();
    // A damaged entry (a wrong checksum, found by fuzzing) fails only at its end, after
    // calamine has laid the cells out: what was read up to the error is scanned.
    let _ = content.take(MAX_UNPACKED_BYTES).read_to_end(&mut xml);
    let cells = laid_out_cells(&xml);
    if cells > MAX_SHEET_CELLS as u64 {
        return Err(Problem::whole_file(format!(
            "expected sheets of at most {MAX_SHEET_CELLS} cells, found repeated rows and columns that make {cells}: it is too large to read"
        )));
    }
    Ok(())
}

/// One table being scanned.
#[derive(Default)]
struct TableCount {
    /// Cells pushed while reading rows (before the grid is laid out).
    read: u64,
    /// Rows of the grid so far (from the first row with values to the last).
    rows: u64,
    /// Repeats of empty rows after the last row with values, counted in when another
    /// row with values follows.
    empty_rows: u64,
    /// The widest row, up to its last value.
    width: u64,
    total_rows: usize,
}

impl TableCount {
    fn finish_row(&mut self, repeats: usize, row_cells: usize) {
        let repeats = repeats.min(MAX_ROWS.saturating_sub(self.total_rows));
        self.total_rows += repeats;
        self.read += row_cells as u64;
        if row_cells == 0 {
            if self.rows > 0 {
                self.empty_rows += repeats as u64;
            }
            return;
        }
        self.rows += self.empty_rows + repeats as u64;
        self.empty_rows = 0;
        self.width = self.width.max(row_cells as u64);
    }

    /// What calamine holds for the table: the cells read and the grid laid out.
    fn cells(&self) -> u64 {
        self.read
            .saturating_add(self.rows.saturating_mul(self.width))
    }
}

/// How many cells calamine makes for all the sheets of `content.xml`.
fn laid_out_cells(xml: &[u8]) -> u64 {
    let mut total: u64 = 0;
    let mut table = TableCount::default();
    // The row being read: its repeats, its columns so far, and the columns up to its
    // last value.
    let mut row: Option<(usize, usize, usize)> = None;
    let mut at = 0;
    while let Some(open) = find(xml, at, b'<') {
        let Some(close) = find(xml, open, b'>') else {
            break;
        };
        let tag = xml.get(open + 1..close).unwrap_or(&[]);
        at = close + 1;
        let self_closing = tag.ends_with(b"/");
        if is_element(tag, b"table:table-row") {
            let repeats = attribute(tag, b"table:number-rows-repeated").unwrap_or(1);
            if self_closing {
                table.finish_row(repeats, 0);
            } else {
                row = Some((repeats, 0, 0));
            }
        } else if tag == b"/table:table-row" {
            if let Some((repeats, _, last_value)) = row.take() {
                table.finish_row(repeats, last_value);
            }
        } else if is_element(tag, b"table:table-cell")
            || is_element(tag, b"table:covered-table-cell")
        {
            if let Some((_, columns, last_value)) = row.as_mut() {
                let repeats = attribute(tag, b"table:number-columns-repeated").unwrap_or(1);
                *columns = columns.saturating_add(repeats).min(MAX_COLUMNS);
                // A cell with a value type, a formula or any content counts as a value.
                let has_value = !self_closing
                    || attribute_present(tag, b"office:value-type")
                    || attribute_present(tag, b"table:formula");
                if has_value {
                    *last_value = *columns;
                }
            }
        } else if tag == b"/table:table" {
            total = total.saturating_add(table.cells());
            table = TableCount::default();
        }
    }
    total.saturating_add(table.cells())
}

fn find(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|offset| from + offset)
}

/// Whether `tag` (the text between `<` and `>`) opens the element `name`.
fn is_element(tag: &[u8], name: &[u8]) -> bool {
    tag.strip_prefix(name).is_some_and(|rest| {
        rest.first()
            .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/')
    })
}

fn attribute_position(tag: &[u8], name: &[u8]) -> Option<usize> {
    tag.windows(name.len() + 2)
        .position(|window| {
            window.starts_with(name) && window.get(name.len()..) == Some(b"=\"".as_slice())
        })
        .filter(|&at| at == 0 || tag.get(at - 1).is_some_and(u8::is_ascii_whitespace))
        .map(|at| at + name.len() + 2)
}

fn attribute_present(tag: &[u8], name: &[u8]) -> bool {
    attribute_position(tag, name).is_some()
}

/// A whole-number attribute's value, capped so that sums cannot overflow.
fn attribute(tag: &[u8], name: &[u8]) -> Option<usize> {
    let start = attribute_position(tag, name)?;
    let digits = tag.get(start..)?;
    let length = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    let text = std::str::from_utf8(digits.get(..length)?).ok()?;
    Some(text.parse::<u64>().unwrap_or(u64::MAX).min(1 << 32) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &str) -> Vec<u8> {
        format!(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="Trade">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
        .into_bytes()
    }

    const VALUE: &str = r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#;

    #[test]
    fn a_small_sheet_counts_its_cells_read_and_laid_out() {
        let xml = sheet(&format!("<table:table-row>{VALUE}{VALUE}</table:table-row>").repeat(3));
        assert_eq!(laid_out_cells(&xml), 6 + 6);
    }

    #[test]
    fn libreoffices_trailing_empty_rows_and_columns_cost_nothing() {
        let rows = format!(
            r#"<table:table-row>{VALUE}<table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
        );
        assert_eq!(laid_out_cells(&sheet(&rows)), 1 + 1);
    }

    #[test]
    fn repeated_values_multiply() {
        let repeated = r#"<table:table-row table:number-rows-repeated="10000"><table:table-cell table:number-columns-repeated="10000" office:value-type="float" office:value="1"/></table:table-row>"#;
        assert_eq!(laid_out_cells(&sheet(repeated)), 10_000 + 100_000_000);
        // Empty rows between rows with values are laid out too.
        let gap = format!(
            r#"<table:table-row>{VALUE}</table:table-row><table:table-row table:number-rows-repeated="500"/><table:table-row>{VALUE}</table:table-row>"#
        );
        assert_eq!(laid_out_cells(&sheet(&gap)), 2 + 502);
    }

    #[test]
    fn attributes_are_read_only_whole() {
        let tag =
            br#"table:table-row table:number-rows-repeated="12" x:table:number-rows-repeated="99""#;
        assert_eq!(attribute(tag, b"table:number-rows-repeated"), Some(12));
        assert_eq!(
            attribute(b"table:table-row", b"table:number-rows-repeated"),
            None
        );
        assert!(is_element(b"table:table-row x=\"1\"", b"table:table-row"));
        assert!(!is_element(b"table:table-rows", b"table:table-row"));
    }
}
