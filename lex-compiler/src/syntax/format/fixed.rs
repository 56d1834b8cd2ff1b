//! The fixed layout of documents `lex` writes from scratch (`lex new`, and the derive's
//! `lexicon_json()`): two-space indent, every non-empty object expanded, arrays on one
//! line when they fit in 80 columns. Prettier leaves this layout unchanged, because an
//! expanded object stays expanded and everything else is laid out by prettier's own
//! rules (the same printer as [`format_json`](super::format_json)).

use super::{format_with, FormatError, ObjectWrap};

/// Lays out JSON text in the fixed layout; keys, order and string escapes are kept.
pub fn fixed_layout(text: &str) -> Result<String, FormatError> {
    format_with(text, ObjectWrap::Expand)
}

/// Serializes `value` with serde (struct fields in declaration order, maps in iteration
/// order) and lays it out in the fixed layout.
pub fn to_fixed_layout<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, FormatError> {
    let compact = serde_json::to_string(value).map_err(|e| FormatError {
        id: "serialize",
        message: e.to_string(),
        offset: 0,
        line: 1,
        column: 1,
    })?;
    fixed_layout(&compact)
}
