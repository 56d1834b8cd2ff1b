//! `known-value-casing`: a `knownValues` entry that is neither kebab-case nor a token.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports `knownValues` and `enum` entries that are neither kebab-case
    /// (`^[a-z0-9]+(-[a-z0-9]+)*$`) nor a reference to a token or lexicon (`nsid#name`,
    /// `nsid`). Values starting with `!` (the label system's reserved values) are allowed.
    /// ## Why is this bad?
    /// The style guide writes open string values in kebab-case; `camelCase` or
    /// `Spaced Words` variants beside kebab ones make values that differ only in spelling.
    /// Code generators turn each value into an enum variant, which needs a predictable shape.
    /// ## Example
    /// `"knownValues": ["inProgress", "Done"]`; instead `["in-progress", "done"]`.
    pub KnownValueCasing {
        id: "known-value-casing",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for KnownValueCasing {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        for (field, values) in [("knownValues", &s.known_values), ("enum", &s.enum_values)] {
            let Some(values) = values else { continue };
            let at = pointer_push(node.pointer, field);
            for (i, v) in values.iter().enumerate() {
                if is_kebab(v) || is_reference(v) || v.starts_with('!') {
                    continue;
                }
                cx.report(&Self::INFO, &pointer_push(&at, &i.to_string()), format!("`{v}` in `{field}` is not kebab-case")).label("not kebab-case").help("write open values in kebab-case (`in-progress`), or reference a token (`nsid#name`)");
            }
        }
    }
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_reference(s: &str) -> bool {
    let nsid = s.split_once('#').map_or(s, |(n, _)| n);
    // `#name` is a (local) reference too; `known-string-local-ref` reports its form.
    nsid.is_empty() || lex_runtime::Nsid::validate(nsid).is_ok()
}
