//! Any bytes as the app's JSON document: through the dispatch (`.json` name) and the
//! JSON reader directly; a dataset read is also written and read back.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tradechart::data::LoadRequest::bytes(data, Path::new("fuzz.json")).load();
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(dataset) = tradechart::data::json::read(text)
    {
        let written = tradechart::data::json::write(&dataset);
        // What the app wrote it must read again.
        assert!(
            tradechart::data::json::read(&written).is_ok(),
            "a dataset read from JSON did not read back after writing: {written}"
        );
    }
});
