//! `error-name-casing`: a declared XRPC error name that is not UpperCamelCase.

use lex_runtime::schema::{pointer_push, Document, Schema};

use crate::check::lint::util::is_upper_camel;
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports names in an endpoint's `errors` that are not UpperCamelCase.
    /// ## Why is this bad?
    /// Error names travel in the `error` field of XRPC error responses and clients match
    /// on them; the convention (`InvalidRequest`, `RecordNotFound`) is UpperCamelCase,
    /// and generated error enums take the names as they are.
    /// ## Example
    /// `"errors": [{"name": "not_found"}]`; instead `"errors": [{"name": "NotFound"}]`.
    pub ErrorNameCasing {
        id: "error-name-casing",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for ErrorNameCasing {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let errors = match doc.defs.get("main") {
            Some(Schema::Query(q)) => &q.errors,
            Some(Schema::Procedure(p)) => &p.errors,
            Some(Schema::Subscription(s)) => &s.errors,
            _ => return,
        };
        for (i, e) in errors.iter().enumerate() {
            if e.name.is_empty() || is_upper_camel(&e.name) {
                continue;
            }
            let at = pointer_push(&pointer_push("/defs/main/errors", &i.to_string()), "name");
            cx.report(
                &Self::INFO,
                &at,
                format!("error name `{}` is not UpperCamelCase", e.name),
            )
            .label("not UpperCamelCase")
            .help("name errors in UpperCamelCase, e.g. `NotFound`");
        }
    }
}
