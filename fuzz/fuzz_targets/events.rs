//! Any bytes under an events header, so the fuzzer spends its time in the events
//! reader rather than finding the header; and the bytes alone as `.events.csv`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const HEADER: &[u8] = b"date,title,description,category,end_date,source\n";

fuzz_target!(|data: &[u8]| {
    let mut bytes = HEADER.to_vec();
    bytes.extend_from_slice(data);
    let _ = tradechart::data::LoadRequest::bytes(&bytes, Path::new("fuzz.events.csv")).load();
    let _ = tradechart::data::LoadRequest::bytes(data, Path::new("fuzz.events.csv")).load();
});
