//! A resident import file: its encoding (UTF-8 or CP932), the record-length bound, the header
//! check, each record as a row, and the row validated as the import does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mynumber_app::import_file::{self, RecordLimit};

fuzz_target!(|data: &[u8]| {
    // The sniffer sees every file; the bytes are read as UTF-8 and as CP932 (`--encoding`).
    let mut sniffer = import_file::EncodingSniffer::default();
    sniffer.update(data);
    let _ = sniffer.finish();
    rows(data);
    rows(import_file::Cp932Reader::new(data));
});

fn rows(text: impl std::io::Read) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(RecordLimit::new(text, 4096));
    let Ok(header) = reader.headers().cloned() else {
        return;
    };
    // Both layouts: a header naming the carried columns is read as a migration's.
    let layout = if header.iter().any(|h| h.trim() == "individual_number") {
        import_file::Layout::Existing
    } else {
        import_file::Layout::New
    };
    let Ok(index) = import_file::column_index(&header, layout) else {
        return;
    };
    let today = jiff::civil::date(2026, 12, 3);
    let household = mynumber_core::HouseholdId::from_random([1; 16]);
    for record in reader.records().take(64) {
        let Ok(record) = record else {
            return;
        };
        let row = import_file::to_row(|i| record.get(i), &index, 2);
        let _ = mynumber_core::ResidentRecord::validate(&row.input, household, today);
    }
}
