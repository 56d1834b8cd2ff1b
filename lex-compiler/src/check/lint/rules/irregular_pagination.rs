//! `irregular-pagination`: a paginated query without the usual `limit` and `cursor`.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::report::At;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// For a query whose output object has a `cursor` property, reports a missing
    /// `cursor` string parameter, or a `limit` parameter that is not an integer with
    /// `minimum`, `maximum` and `default` (or is missing).
    /// ## Why is this bad?
    /// Clients page through every list endpoint the same way: send `limit` and the last
    /// `cursor`, stop when none comes back. The style guide gives this shape; a
    /// different one breaks generic pagination helpers, and an unbounded `limit` lets
    /// one call ask for everything.
    /// ## Example
    /// `"limit": {"type": "integer"}`; instead
    /// `"limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}`.
    pub IrregularPagination {
        id: "irregular-pagination",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for IrregularPagination {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let Some(Schema::Query(q)) = doc.defs.get("main") else {
            return;
        };
        let paginated = q
            .output
            .as_ref()
            .and_then(|o| o.schema.as_deref())
            .is_some_and(|s| matches!(s, Schema::Object(o) if o.properties.contains_key("cursor")));
        if !paginated {
            return;
        }
        let params = match q.parameters.as_deref() {
            Some(Schema::Params(p)) => Some(p),
            _ => None,
        };
        let prop = |name: &str| params.and_then(|p| p.properties.get(name));
        let params_at = if params.is_some() {
            "/defs/main/parameters"
        } else {
            "/defs/main"
        };
        match prop("cursor") {
            Some(Schema::String(_)) => {}
            Some(_) => problem(
                cx,
                "/defs/main/parameters/properties/cursor",
                At::Key,
                "the `cursor` parameter is not a string",
            ),
            None => problem(
                cx,
                params_at,
                At::Key,
                "paginated query has no `cursor` parameter",
            ),
        }
        match prop("limit") {
            Some(Schema::Integer(i))
                if i.minimum.is_some() && i.maximum.is_some() && i.default.is_some() => {}
            Some(Schema::Integer(_)) => problem(
                cx,
                "/defs/main/parameters/properties/limit",
                At::Key,
                "the `limit` parameter lacks `minimum`, `maximum` or `default`",
            ),
            Some(_) => problem(
                cx,
                "/defs/main/parameters/properties/limit",
                At::Key,
                "the `limit` parameter is not an integer",
            ),
            None => problem(
                cx,
                params_at,
                At::Key,
                "paginated query has no `limit` parameter",
            ),
        }
    }
}

fn problem(cx: &mut LintCx<'_>, pointer: &str, at: At, message: &str) {
    cx.report(&IrregularPagination::INFO, pointer, message)
        .at(at)
        .label("pagination parameters")
        .help(
            "page with `limit` (integer, minimum 1, maximum and default set) and `cursor` (string)",
        );
}
