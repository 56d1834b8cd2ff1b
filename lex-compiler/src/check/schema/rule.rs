//! What a schema rule is: metadata as data, plus hooks for the document and every node.
//!
//! Deliberately not [`crate::check::rule::RuleInfo`]: schema rules are the spec, always
//! on and never configured, so they carry a fixed severity and a one-line summary, and
//! no level, status or categories (lint files their findings under its own configurable
//! ids). What is the same idea is shared: reporting goes through
//! [`crate::check::report`], and `HasInfo`/`declare_rule!` mirror the lint and breaking
//! ones.

use lex_runtime::schema::Document;
use miette::Severity;

use super::Cx;

/// A rule's metadata (what `lex explain` prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Diagnostic code, `lex::schema::<id>`.
    pub code: &'static str,
    /// Error (spec violation) or warning.
    pub severity: Severity,
    /// One line saying what the rule flags.
    pub summary: &'static str,
}

impl RuleInfo {
    /// The kebab-case id (the code's last segment).
    pub fn id(&self) -> &'static str {
        self.code.rsplit("::").next().unwrap_or(self.code)
    }
}

pub(crate) use crate::syntax::walk::{Node, Place};

/// Access to a rule's metadata (implemented by `declare_rule!`).
pub(crate) trait HasInfo {
    /// The rule's metadata.
    fn info(&self) -> &'static RuleInfo;
}

/// A schema validity rule.
pub(crate) trait SchemaRule: HasInfo + Sync {
    /// Checks document-level facts.
    fn check_document(&self, _cx: &mut Cx<'_>, _doc: &Document) {}

    /// Checks one schema node.
    fn check_node(&self, _cx: &mut Cx<'_>, _node: &Node<'_>) {}
}

/// Declares a rule struct and its metadata; the doc comment says what it flags and why.
macro_rules! declare_rule {
    ($(#[$doc:meta])* $name:ident { code: $code:literal, severity: $sev:ident, summary: $summary:literal $(,)? }) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl $name {
            pub(crate) const INFO: $crate::check::schema::rule::RuleInfo =
                $crate::check::schema::rule::RuleInfo {
                    code: $code,
                    severity: ::miette::Severity::$sev,
                    summary: $summary,
                };
        }

        impl $crate::check::schema::rule::HasInfo for $name {
            fn info(&self) -> &'static $crate::check::schema::rule::RuleInfo {
                &Self::INFO
            }
        }
    };
}
pub(crate) use declare_rule;
