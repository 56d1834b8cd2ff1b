//! The numeric limit fields of a schema, shared by the range rules.

use lex_runtime::schema::Schema;

/// One `(min, max)` pair of a schema: field names and values.
pub(crate) struct Pair {
    pub(crate) min_name: &'static str,
    pub(crate) min: Option<i64>,
    pub(crate) max_name: &'static str,
    pub(crate) max: Option<i64>,
    /// Lengths and counts can never be negative; integer bounds can.
    pub(crate) is_length: bool,
}

/// Every `(min, max)` pair of `schema`.
pub(crate) fn pairs(schema: &Schema) -> Vec<Pair> {
    let length = |min, max| Pair {
        min_name: "minLength",
        min,
        max_name: "maxLength",
        max,
        is_length: true,
    };
    match schema {
        Schema::Integer(s) => vec![Pair {
            min_name: "minimum",
            min: s.minimum,
            max_name: "maximum",
            max: s.maximum,
            is_length: false,
        }],
        Schema::String(s) => vec![
            length(s.min_length, s.max_length),
            Pair {
                min_name: "minGraphemes",
                min: s.min_graphemes,
                max_name: "maxGraphemes",
                max: s.max_graphemes,
                is_length: true,
            },
        ],
        Schema::Bytes(s) => vec![length(s.min_length, s.max_length)],
        Schema::Array(s) => vec![length(s.min_length, s.max_length)],
        _ => Vec::new(),
    }
}
