//! Any bytes named `.csv` (and `.tsv`) through the format dispatch and the CSV readers
//! (wide, long, FRED): a dataset or problems, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tradechart::data::LoadRequest::bytes(data, Path::new("fuzz.csv")).load();
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = tradechart::data::text::read_csv_table(text);
    }
});
