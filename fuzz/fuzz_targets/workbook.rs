//! Any bytes as a spreadsheet (`.xlsx`, `.ods` or `.xls` by the input's length, so
//! seeds keep their first bytes): the workbook reader directly and the dispatch.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extension = ["xlsx", "ods", "xls"][data.len() % 3];
    let _ = tradechart::data::workbook::load(data, extension);
    let _ = tradechart::data::LoadRequest::bytes(data, Path::new(&format!("fuzz.{extension}"))).load();
});
