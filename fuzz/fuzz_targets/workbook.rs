//! Any bytes as a spreadsheet (`.xlsx`, `.ods` or `.xls` by the input's length, so
//! seeds keep their first bytes), through the one way in: the seeds are workbooks,
//! so their mutations reach the workbook reader.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extension = ["xlsx", "ods", "xls"][data.len() % 3];
    let _ =
        tradechart::data::LoadRequest::bytes(data, Path::new(&format!("fuzz.{extension}"))).load();
});
