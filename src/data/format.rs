//! The layouts a file can be read as: one name per reader and field layout.

use std::fmt;

/// The layout a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Period in the first column, one series per other column.
    CsvWide,
    /// One row per (series, period, value).
    CsvLong,
    /// A FRED download (`observation_date,SERIES` or `DATE,VALUE`).
    Fred,
    /// `date,title[,description][,category][,end_date][,source]`.
    EventsCsv,
    /// The app's own JSON document.
    Json,
    Xlsx,
    Ods,
    Xls,
    /// The Census "Trade in Goods with …" table saved from the web page.
    CensusC5700,
    /// The Census `country.xlsx` layout (`year, CTY_CODE, CTYNAME, IJAN … EYR`).
    CensusCountry,
    /// A World Bank World Development Indicators CSV download.
    Wdi,
    /// A UN Comtrade CSV download (legacy or Comtrade+ columns).
    Comtrade,
}

impl Format {
    pub fn name(&self) -> &'static str {
        match self {
            Format::CsvWide => "csv-wide",
            Format::CsvLong => "csv-long",
            Format::Fred => "fred",
            Format::EventsCsv => "events-csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
            Format::Xls => "xls",
            Format::CensusC5700 => "census-c5700",
            Format::CensusCountry => "census-country",
            Format::Wdi => "wdi",
            Format::Comtrade => "comtrade",
        }
    }

    /// True for a layout from the field (Census, WDI): a workbook holding one keeps
    /// this name rather than the workbook's.
    pub fn is_field_layout(&self) -> bool {
        matches!(
            self,
            Format::CensusC5700 | Format::CensusCountry | Format::Wdi | Format::Comtrade
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
