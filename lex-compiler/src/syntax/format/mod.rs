//! Formatting: JSON text -> the same JSON laid out as prettier lays it out
//! (`--parser json`, print width 80), or in the fixed layout of generated documents.
//!
//! Content never changes: keys stay in their order and strings keep their escapes as
//! written; numbers keep their value (prettier only respells some, `1.50` -> `1.5`).
//! Formatting is idempotent. The text must be strict JSON (RFC 8259), checked by the same
//! scanner as `lex check` (nesting at most 128 deep); anything else is a [`FormatError`]
//! with its position, never a panic.
//!
//! ```
//! let text = r#"{"lexicon":1,"id":"com.example.ping","defs":{}}"#;
//! let formatted = lex_compiler::syntax::format::format_json(text)?;
//! assert_eq!(formatted, "{ \"lexicon\": 1, \"id\": \"com.example.ping\", \"defs\": {} }\n");
//! let fixed = lex_compiler::syntax::format::fixed_layout(text)?;
//! assert_eq!(fixed, "{\n  \"lexicon\": 1,\n  \"id\": \"com.example.ping\",\n  \"defs\": {}\n}\n");
//! # Ok::<(), lex_compiler::syntax::format::FormatError>(())
//! ```

mod doc;
mod fixed;
mod layout;
mod number;
mod width;
mod width_table;

pub use fixed::{fixed_layout, to_fixed_layout};

use layout::ObjectWrap;

/// The line width prettier uses by default (`printWidth`).
pub const PRINT_WIDTH: usize = 80;

/// Why a text could not be formatted: it is not strict JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct FormatError {
    /// Kebab-case id of the problem (`unexpected-character`, `too-deep`, ...), the same
    /// as the `lex::parse::<id>` diagnostic `lex check` reports.
    pub id: &'static str,
    /// What is wrong, in lower case.
    pub message: String,
    /// Byte offset of the problem in the text.
    pub offset: usize,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
}

impl FormatError {
    fn at(text: &str, id: &'static str, message: String, offset: usize) -> FormatError {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
        FormatError {
            id,
            message,
            offset,
            line,
            column,
        }
    }
}

/// Formats JSON text byte for byte as prettier 3 does with `--parser json` and its
/// defaults (print width 80, two-space indent, LF line endings, final newline).
pub fn format_json(text: &str) -> Result<String, FormatError> {
    format_with(text, ObjectWrap::Preserve)
}

/// Formats with the given object layout, after checking that the text is strict JSON.
fn format_with(text: &str, wrap: ObjectWrap) -> Result<String, FormatError> {
    let (tree, errors) = super::json::parse(text);
    // Duplicate keys do not stop formatting: the layout pass keeps every member.
    if let Some(e) = errors.into_iter().find(|e| e.id != "duplicate-key") {
        return Err(FormatError::at(text, e.id, e.message, e.span.start));
    }
    let doc = tree
        .and_then(|_| layout::build(text, wrap))
        .ok_or_else(|| FormatError::at(text, "internal", "cannot lay out this JSON".into(), 0))?;
    Ok(doc::print(&doc, PRINT_WIDTH))
}

#[cfg(test)]
mod tests;
