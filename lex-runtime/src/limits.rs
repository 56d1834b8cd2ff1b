//! Record limits from the atproto data-validation guide, applied by every decoder so that
//! hostile input costs bounded time, memory and stack.

/// Largest DAG-CBOR record: 1 MiB.
pub const MAX_CBOR_RECORD_SIZE: usize = 1 << 20;
/// Largest JSON record: 2 MiB.
pub const MAX_JSON_RECORD_SIZE: usize = 2 << 20;
/// Deepest nesting of arrays and maps (the top-level container counts as 1).
pub const MAX_DEPTH: usize = 32;
/// Most elements (or map entries) in one container: 128 Ki.
pub const MAX_CONTAINER_LEN: usize = 128 * 1024;
/// Longest map key, in UTF-8 bytes.
pub const MAX_KEY_LEN: usize = 8192;
/// Longest binary CID.
pub const MAX_CID_BYTES: usize = 100;
/// Largest integer magnitude, `2^53 - 1` (what JavaScript can represent exactly).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The limits a decoder enforces; [`Limits::CBOR_RECORD`] and [`Limits::JSON_RECORD`] are
/// the guide's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input, in bytes.
    pub max_size: usize,
    /// Deepest container nesting.
    pub max_depth: usize,
    /// Most elements in one array or entries in one map.
    pub max_container_len: usize,
    /// Longest map key, in bytes.
    pub max_key_len: usize,
}

impl Limits {
    /// The guide's limits for a DAG-CBOR record.
    pub const CBOR_RECORD: Limits = Limits {
        max_size: MAX_CBOR_RECORD_SIZE,
        max_depth: MAX_DEPTH,
        max_container_len: MAX_CONTAINER_LEN,
        max_key_len: MAX_KEY_LEN,
    };

    /// The guide's limits for a JSON record.
    pub const JSON_RECORD: Limits = Limits {
        max_size: MAX_JSON_RECORD_SIZE,
        ..Limits::CBOR_RECORD
    };

    /// Returns these limits with a different size cap (event-stream frames carry several
    /// records, for example).
    pub const fn max_size(self, max_size: usize) -> Limits {
        Limits { max_size, ..self }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::CBOR_RECORD
    }
}
