//! A check of an OLE compound file (the container of an `.xls` workbook) before
//! calamine reads it: calamine follows sector chains without looking for loops, so a
//! damaged file whose chain loops back on itself made it grow one buffer until the
//! machine ran out of memory (found by fuzzing: a 5 kB file, gigabytes of memory).
//!
//! The file allocation table (FAT) links each sector to the next of its stream. In
//! a sound file every chain ends; here the table is rebuilt the way calamine builds
//! it and refused when any chain loops, or when it lists more FAT sectors than the
//! file has sectors.
//!
//! Then the `Workbook` stream's records are read: calamine reserves room for the rows
//! × columns a sheet's `DIMENSIONS` record declares, and lays the sheet out as one
//! grid from its first cell to its last, so a damaged record (rows up to four billion)
//! or two cells far apart made it ask for hundreds of gigabytes and abort. A sheet
//! that declares or spans more than [`super::limits::MAX_SHEET_CELLS`] cells is refused.

use super::problem::Problem;

/// Values at and above this in a sector link are markers, not sector numbers.
const RESERVED: u32 = 0xFFFF_FFFA;
/// A DIFAT entry marking a DIFAT sector, not a FAT sector.
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;

fn damaged(what: &str) -> Problem {
    Problem::whole_file(format!(
        "expected a readable .xls workbook, found a damaged one ({what})"
    ))
}

/// Checks the sector chains of an OLE compound file. Files too short or odd for the
/// check pass it: calamine refuses those itself without harm.
pub fn check(bytes: &[u8]) -> Result<(), Problem> {
    let Some(header) = bytes.get(..512) else {
        return Ok(());
    };
    let sector_size: usize = match read_u32(header, 30).map(|value| value & 0xFFFF) {
        Some(0x0009) => 512,
        Some(0x000C) => 4096,
        _ => return Ok(()),
    };
    // Sector n starts after the header, which fills the first sector.
    let sectors = bytes.get(sector_size..).unwrap_or(&[]);
    let sector_count = bytes.len() / sector_size;
    let sector = |id: u32| -> &[u8] {
        let start = (id as usize).saturating_mul(sector_size);
        let end = start.saturating_add(sector_size).min(sectors.len());
        sectors.get(start..end).unwrap_or(&[])
    };
    // The DIFAT: 109 FAT sector numbers in the header, then a chain of DIFAT sectors
    // whose last entry links to the next.
    let mut difat: Vec<u32> = links(header.get(76..512).unwrap_or(&[])).collect();
    let mut next = read_u32(header, 68).unwrap_or(RESERVED);
    let mut steps = 0;
    while next < RESERVED {
        steps += 1;
        if steps > sector_count + 1 {
            return Err(damaged("its list of table sectors loops"));
        }
        difat.extend(links(sector(next)));
        next = difat.pop().unwrap_or(RESERVED);
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|&id| id < DIFAT_SECTOR).collect();
    if fat_sectors.len() > sector_count + 1 {
        return Err(damaged(
            "it lists more table sectors than the file has sectors",
        ));
    }
    let fat: Vec<u32> = fat_sectors
        .iter()
        .flat_map(|&id| links(sector(id)))
        .collect();
    if chains_loop(&fat) {
        return Err(damaged("a chain of its sectors loops back on itself"));
    }
    let file = CompoundFile {
        header,
        sectors,
        sector_size,
        fat,
    };
    if let Some(workbook) = file.stream(&["workbook", "book"]) {
        check_dimensions(&workbook)?;
    }
    Ok(())
}

/// A compound file's header, its sectors and its file allocation table.
struct CompoundFile<'a> {
    header: &'a [u8],
    sectors: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl CompoundFile<'_> {
    /// The bytes of the chain of `size`-byte sectors from `start` in `data`, linked by
    /// `next`, up to `length` bytes. The chains do not loop (checked first), and the
    /// steps are bounded all the same.
    fn chain(data: &[u8], size: usize, next: &[u32], start: u32, length: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut id = start;
        for _ in 0..=next.len() {
            if id >= RESERVED || bytes.len() >= length {
                break;
            }
            let from = (id as usize).saturating_mul(size);
            let Some(sector) = data.get(from..from.saturating_add(size).min(data.len())) else {
                break;
            };
            bytes.extend_from_slice(sector);
            id = next.get(id as usize).copied().unwrap_or(RESERVED);
        }
        bytes.truncate(length);
        bytes
    }

    /// The stream named one of `names` (any case), from the sectors or, when shorter
    /// than 4096 bytes, from the mini stream, as calamine reads it.
    fn stream(&self, names: &[&str]) -> Option<Vec<u8>> {
        let directory_start = read_u32(self.header, 48)?;
        let directory = Self::chain(
            self.sectors,
            self.sector_size,
            &self.fat,
            directory_start,
            usize::MAX,
        );
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        // As calamine reads a name: all 64 bytes as UTF-16, up to the first NUL (the
        // length field is not trusted).
        let entry = entries.iter().find(|entry| {
            let units: Vec<u16> = entry
                .get(..64)
                .unwrap_or(&[])
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            let name = String::from_utf16_lossy(&units);
            let name = name.split('\0').next().unwrap_or("");
            names.iter().any(|wanted| name.eq_ignore_ascii_case(wanted))
        })?;
        let start = read_u32(entry, 116)?;
        let length = read_u32(entry, 120)? as usize;
        if length >= 4096 {
            return Some(Self::chain(
                self.sectors,
                self.sector_size,
                &self.fat,
                start,
                length,
            ));
        }
        // The mini stream: 64-byte sectors inside the root entry's stream, linked by
        // the mini FAT.
        let root = entries.first()?;
        let mini_stream = Self::chain(
            self.sectors,
            self.sector_size,
            &self.fat,
            read_u32(root, 116)?,
            read_u32(root, 120)? as usize,
        );
        let mini_fat_bytes = Self::chain(
            self.sectors,
            self.sector_size,
            &self.fat,
            read_u32(self.header, 60)?,
            (read_u32(self.header, 64)? as usize).saturating_mul(self.sector_size),
        );
        let mini_fat: Vec<u32> = links(&mini_fat_bytes).collect();
        Some(Self::chain(&mini_stream, 64, &mini_fat, start, length))
    }
}

/// Refuses a workbook stream whose sheets declare (in `DIMENSIONS` records) more
/// cells than are read, computed as calamine computes them, or whose cells lie so far
/// apart that calamine's grid from the first to the last would hold more: calamine
/// lays a sheet out as one grid, so a cell at A1 and one at row 65536, column 65536
/// asked for 137 GB (found by fuzzing).
fn check_dimensions(stream: &[u8]) -> Result<(), Problem> {
    // calamine reads each sheet from where its BOUNDSHEET record says it starts, not
    // on from the record before (a damaged record there does not stop it): so here.
    let mut starts = vec![0];
    let mut at = 0;
    while let (Some(kind), Some(length)) = (read_u16(stream, at), read_u16(stream, at + 2)) {
        if kind == 0x0085
            && let Some(start) = read_u32(stream, at + 4)
        {
            starts.push(start as usize);
        }
        at += 4 + usize::from(length);
    }
    starts.sort_unstable();
    starts.dedup();
    // A few hundred sheets at most, so the scans stay cheap whatever the file says.
    starts.truncate(256);
    starts
        .into_iter()
        .try_for_each(|start| check_records_from(stream, start))
}

/// The checks of [`check_dimensions`] on the records from byte `start` on.
fn check_records_from(stream: &[u8], start: usize) -> Result<(), Problem> {
    let mut at = start;
    let mut spread = CellSpread::default();
    while let (Some(kind), Some(length)) = (read_u16(stream, at), read_u16(stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + usize::from(length));
        at += 4 + usize::from(length);
        let Some(data) = data else {
            break;
        };
        match kind {
            // BOF and EOF: a sheet (or a substream inside one) starts or ends.
            0x0809 | 0x000A => {
                spread.check()?;
                spread = CellSpread::default();
            }
            0x0200 => check_declared(data)?,
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row, column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(column)) = (read_u16(data, 0), read_u16(data, 2)) {
                    spread.add(row, column);
                }
            }
            // MulRk: row, first column, …, last column.
            0x00BD => {
                let last = data
                    .len()
                    .checked_sub(2)
                    .and_then(|end| read_u16(data, end));
                if let (Some(row), Some(first), Some(last)) =
                    (read_u16(data, 0), read_u16(data, 2), last)
                {
                    spread.add(row, first);
                    spread.add(row, last);
                }
            }
            _ => {}
        }
    }
    spread.check()
}

/// The rows and columns the cells of one sheet span.
#[derive(Default)]
struct CellSpread {
    rows: Option<(u16, u16)>,
    columns: Option<(u16, u16)>,
}

impl CellSpread {
    fn add(&mut self, row: u16, column: u16) {
        let widen = |range: Option<(u16, u16)>, at: u16| {
            Some(range.map_or((at, at), |(low, high)| (low.min(at), high.max(at))))
        };
        self.rows = widen(self.rows, row);
        self.columns = widen(self.columns, column);
    }

    fn check(&self) -> Result<(), Problem> {
        let (Some((top, bottom)), Some((left, right))) = (self.rows, self.columns) else {
            return Ok(());
        };
        let rows = u64::from(bottom - top) + 1;
        let columns = u64::from(right - left) + 1;
        if rows * columns > super::limits::MAX_SHEET_CELLS as u64 {
            return Err(damaged(&format!(
                "its cells spread over {rows} rows × {columns} columns, more than the {} cells read",
                super::limits::MAX_SHEET_CELLS
            )));
        }
        Ok(())
    }
}

/// Refuses a `DIMENSIONS` record that declares more cells than are read.
fn check_declared(data: &[u8]) -> Result<(), Problem> {
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (
            u32::from(read_u16(data, 0).unwrap_or(0)),
            u32::from(read_u16(data, 2).unwrap_or(0)),
            u32::from(read_u16(data, 4).unwrap_or(0)),
            u32::from(read_u16(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            read_u32(data, 0).unwrap_or(0),
            read_u32(data, 4).unwrap_or(0),
            u32::from(read_u16(data, 8).unwrap_or(0)),
            u32::from(read_u16(data, 10).unwrap_or(0)),
        ),
        _ => return Ok(()),
    };
    if 0xFF < first_column || last_column < first_column {
        first_column = 0;
    }
    if last_row == 0 || last_column == 0 {
        return Ok(());
    }
    // calamine: (last - 1) - first + 1, wrapping as it does in a release build.
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let columns = (last_column - 1).wrapping_sub(first_column).wrapping_add(1);
    if u64::from(rows) * u64::from(columns) > super::limits::MAX_SHEET_CELLS as u64 {
        return Err(damaged(&format!(
            "a sheet declares {rows} rows × {columns} columns, more than the {} cells read",
            super::limits::MAX_SHEET_CELLS
        )));
    }
    Ok(())
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let chunk = bytes.get(at..at.checked_add(2)?)?;
    chunk.try_into().ok().map(u16::from_le_bytes)
}

/// Whether following `next[i]` from any sector ever comes back to a sector on the
/// way: each sector is walked once (marked while on the current path, then done).
fn chains_loop(next: &[u32]) -> bool {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; next.len()];
    let mut path = Vec::new();
    for start in 0..next.len() {
        let mut at = start;
        while state.get(at) == Some(&UNSEEN) {
            if let Some(mark) = state.get_mut(at) {
                *mark = ON_PATH;
            }
            path.push(at);
            at = next.get(at).map_or(usize::MAX, |&link| link as usize);
        }
        if state.get(at) == Some(&ON_PATH) {
            return true;
        }
        for visited in path.drain(..) {
            if let Some(mark) = state.get_mut(visited) {
                *mark = DONE;
            }
        }
    }
    false
}

/// A sector's little-endian u32 entries.
fn links(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .filter_map(|chunk| chunk.try_into().ok().map(u32::from_le_bytes))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let chunk = bytes.get(at..at.checked_add(4)?)?;
    chunk.try_into().ok().map(u32::from_le_bytes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    const FAT_SECTOR: u32 = 0xFFFF_FFFD;

    /// A compound file of 512-byte sectors: sector 0 is the FAT holding `fat`, then
    /// three more sectors.
    fn compound_file(fat: &[u32]) -> Vec<u8> {
        let mut bytes = vec![0u8; 512 * 5];
        bytes[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        bytes[30..32].copy_from_slice(&9u16.to_le_bytes());
        bytes[32..34].copy_from_slice(&6u16.to_le_bytes());
        bytes[68..72].copy_from_slice(&END.to_le_bytes());
        for entry in 0..109 {
            let at = 76 + entry * 4;
            let id = if entry == 0 { 0 } else { FREE };
            bytes[at..at + 4].copy_from_slice(&id.to_le_bytes());
        }
        let mut table = vec![FREE; 128];
        table[..fat.len()].copy_from_slice(fat);
        for (index, link) in table.iter().enumerate() {
            let at = 512 + index * 4;
            bytes[at..at + 4].copy_from_slice(&link.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn chains_that_end_pass() {
        assert_eq!(check(&compound_file(&[FAT_SECTOR, 2, 3, END])), Ok(()));
    }

    #[test]
    fn a_chain_that_loops_is_refused() {
        let problem = check(&compound_file(&[FAT_SECTOR, 2, 3, 1])).unwrap_err();
        assert_eq!(
            problem.message,
            "expected a readable .xls workbook, found a damaged one (a chain of its sectors loops back on itself)"
        );
        // A sector linking to itself is the shortest loop.
        assert!(check(&compound_file(&[FAT_SECTOR, 1])).is_err());
    }

    #[test]
    fn the_loop_finder_sees_loops_anywhere_and_only_loops() {
        assert!(!chains_loop(&[1, 2, END, FREE, 2]));
        assert!(chains_loop(&[1, 2, 0]));
        assert!(chains_loop(&[END, 2, 3, 4, 2]));
        assert!(!chains_loop(&[]));
    }

    #[test]
    fn declared_dimensions_past_the_cell_cap_are_refused() {
        let record = |first: u32, last: u32, columns: u16| {
            let mut bytes = vec![0x00, 0x02, 14, 0];
            bytes.extend(first.to_le_bytes());
            bytes.extend(last.to_le_bytes());
            bytes.extend(0u16.to_le_bytes());
            bytes.extend(columns.to_le_bytes());
            bytes.extend(0u16.to_le_bytes());
            bytes
        };
        assert_eq!(check_dimensions(&record(0, 1000, 20)), Ok(()));
        assert!(check_dimensions(&record(0, 1_000_000, 256)).is_err());
        // Last before first: calamine's count wraps to billions of rows.
        assert!(check_dimensions(&record(10, 5, 2)).is_err());
        // Cut short: not this check's business.
        assert_eq!(check_dimensions(&[0x00, 0x02, 14, 0, 1]), Ok(()));
    }

    #[test]
    fn cells_spread_too_far_apart_are_refused() {
        let number = |row: u16, column: u16| {
            let mut bytes = vec![0x03, 0x02, 14, 0];
            bytes.extend(row.to_le_bytes());
            bytes.extend(column.to_le_bytes());
            bytes.extend([0u8; 10]);
            bytes
        };
        let near = [number(0, 0), number(999, 9)].concat();
        assert_eq!(check_dimensions(&near), Ok(()));
        let far = [number(0, 0), number(65_535, 65_535)].concat();
        let problem = check_dimensions(&far).unwrap_err();
        assert!(
            problem.message.contains("65536 rows × 65536 columns"),
            "{problem:?}"
        );
        // Each sheet (from one BOF to its EOF) on its own.
        let bof = vec![0x09, 0x08, 0, 0];
        let two_sheets = [number(0, 0), bof, number(65_535, 65_535)].concat();
        assert_eq!(check_dimensions(&two_sheets), Ok(()));
    }

    #[test]
    fn short_or_unknown_files_are_left_to_calamine() {
        assert_eq!(check(b"\xD0\xCF\x11\xE0"), Ok(()));
        let mut odd = compound_file(&[FAT_SECTOR, END]);
        odd[30] = 7;
        assert_eq!(check(&odd), Ok(()));
    }
}
