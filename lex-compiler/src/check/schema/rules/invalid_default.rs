//! `default` and `const` values must satisfy the schema's own constraints.

use lex_runtime::schema::{pointer_push, Schema};
use unicode_segmentation::UnicodeSegmentation;

use crate::check::schema::ident::satisfies_format;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a `default` or `const` that the schema itself would reject: outside
    /// `minimum`/`maximum`, not in `enum`, too short or long (bytes or graphemes), or not
    /// matching the string `format`.
    InvalidDefault {
        code: "lex::schema::invalid-default",
        severity: Error,
        summary: "`default` and `const` must satisfy the schema's constraints",
    }
}

impl SchemaRule for InvalidDefault {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        match node.schema {
            Schema::Integer(s) => {
                for (field, value) in [("default", s.default), ("const", s.const_value)] {
                    let Some(v) = value else { continue };
                    let why = if s.minimum.is_some_and(|min| v < min) {
                        Some(format!(
                            "is below `minimum` ({})",
                            s.minimum.unwrap_or_default()
                        ))
                    } else if s.maximum.is_some_and(|max| v > max) {
                        Some(format!(
                            "is above `maximum` ({})",
                            s.maximum.unwrap_or_default()
                        ))
                    } else if s.enum_values.as_ref().is_some_and(|e| !e.contains(&v)) {
                        Some("is not one of `enum`".to_owned())
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        report(
                            cx,
                            node.pointer,
                            field,
                            &format!("`{field}` value {v} {why}"),
                        );
                    }
                }
            }
            Schema::String(s) => {
                for (field, value) in [("default", &s.default), ("const", &s.const_value)] {
                    let Some(v) = value else { continue };
                    let bytes = i64::try_from(v.len()).unwrap_or(i64::MAX);
                    let graphemes = i64::try_from(v.graphemes(true).count()).unwrap_or(i64::MAX);
                    let why = if s.min_length.is_some_and(|n| bytes < n) {
                        Some(format!("is shorter than `minLength` ({bytes} bytes)"))
                    } else if s.max_length.is_some_and(|n| bytes > n) {
                        Some(format!("is longer than `maxLength` ({bytes} bytes)"))
                    } else if s.min_graphemes.is_some_and(|n| graphemes < n) {
                        Some(format!(
                            "is shorter than `minGraphemes` ({graphemes} graphemes)"
                        ))
                    } else if s.max_graphemes.is_some_and(|n| graphemes > n) {
                        Some(format!(
                            "is longer than `maxGraphemes` ({graphemes} graphemes)"
                        ))
                    } else if s.enum_values.as_ref().is_some_and(|e| !e.contains(v)) {
                        Some("is not one of `enum`".to_owned())
                    } else if let Some(f) = &s.format {
                        (satisfies_format(f, v) == Some(false))
                            .then(|| format!("is not a valid `{}`", f.name()))
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        report(
                            cx,
                            node.pointer,
                            field,
                            &format!("`{field}` value {v:?} {why}"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn report(cx: &mut Cx<'_>, pointer: &str, field: &str, message: &str) {
    cx.report(
        &InvalidDefault::INFO,
        &pointer_push(pointer, field),
        message,
    )
    .label("violates the schema's constraints")
    .help(format!("change `{field}` or the constraint it breaks"));
}
