//! Which reader a file goes to, decided here and nowhere else: a workbook or text by
//! its first bytes; in text, the JSON document, a field download found by the lines
//! above its header, or a table; a table by its columns. (Which kind of workbook,
//! `.xlsx`, `.ods` or `.xls`, the workbook reader tells from the archive's entries.)

use super::format::Format;
use super::table::Table;
use super::{csv_long, csv_wide, events_csv, field};

/// What the bytes of a file hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A zip archive (`.xlsx`, `.ods`) or an OLE compound file (`.xls`).
    Workbook,
    /// Anything else, read as text.
    Text,
}

/// A workbook by its magic number; anything else is text.
pub fn container(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Container::Workbook
    } else {
        Container::Text
    }
}

/// What a decoded text file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextLayout {
    /// Nothing but white space.
    Blank,
    /// The JSON document (or a bare array of events): by content alone, so a CSV
    /// saved with a `.json` name still reads as CSV.
    Json,
    /// A World Bank WDI download, with lines above its header.
    Wdi,
    /// A Census "Trade in Goods with …" table saved from the web page.
    CensusC5700,
    /// A table of cells (CSV, TSV).
    Table,
}

/// The layout of a decoded text file.
pub fn text_layout(text: &str) -> TextLayout {
    match text.trim_start().chars().next() {
        None => TextLayout::Blank,
        Some('{' | '[') => TextLayout::Json,
        Some(_) if field::wdi::find_header(text).is_some() => TextLayout::Wdi,
        Some(_) if field::census_c5700::find_header(text).is_some() => TextLayout::CensusC5700,
        Some(_) => TextLayout::Table,
    }
}

/// A layout from the field recognised in a table (from a CSV file or a sheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldLayout {
    CensusCountry,
    CensusC5700,
    Wdi,
    Comtrade,
}

impl FieldLayout {
    pub fn format(self) -> Format {
        match self {
            FieldLayout::CensusCountry => Format::CensusCountry,
            FieldLayout::CensusC5700 => Format::CensusC5700,
            FieldLayout::Wdi => Format::Wdi,
            FieldLayout::Comtrade => Format::Comtrade,
        }
    }
}

/// The field layout of `table`, if it is one.
pub fn field_layout(table: &Table) -> Option<FieldLayout> {
    if field::census_country::looks_like(table) {
        Some(FieldLayout::CensusCountry)
    } else if field::census_c5700::looks_like(table) {
        Some(FieldLayout::CensusC5700)
    } else if field::wdi::looks_like(table) {
        Some(FieldLayout::Wdi)
    } else if field::comtrade::looks_like(table) {
        Some(FieldLayout::Comtrade)
    } else {
        None
    }
}

/// The layout of a plain table (no field layout), as its columns say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlainLayout {
    /// `date,title[,description]…`: events.
    Events,
    /// One row per (series, period, value).
    Long,
    /// A FRED download.
    Fred,
    /// Periods down the first column, a series per other column.
    Wide,
}

/// The layout of a plain table.
pub fn plain_layout(table: &Table) -> PlainLayout {
    if events_csv::looks_like_events(table) {
        PlainLayout::Events
    } else if csv_long::looks_long(table) {
        PlainLayout::Long
    } else if csv_wide::looks_like_fred(table) {
        PlainLayout::Fred
    } else {
        PlainLayout::Wide
    }
}
