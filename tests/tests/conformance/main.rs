//! Conformance against the official atproto interop vectors.
//!
//! Reads `$LEX_CONFORMANCE_DIR` (default `../shared/conformance`), runs every case of every
//! file of an area, prints one line per failing case and closes each area with
//! `<area>: N passed, M failed`. Each area is one test function, named after the area.

mod report;
