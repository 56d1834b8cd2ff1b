//! `placeholder-description`: text that `lex new` left for the designer to write.

use lex_runtime::schema::{pointer_push, Body, Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;
use crate::template::PLACEHOLDER;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `description` (or a permission set's `title` or `detail`) that still
    /// holds a `lex new` placeholder, the text starting with `TODO(lex new)`.
    /// ## Why is this bad?
    /// The placeholder says what to write, not what the schema means: generated clients,
    /// lexicon browsers and consent screens would show it to users. `lex publish` refuses
    /// documents that still hold one.
    /// ## Example
    /// `"description": "TODO(lex new): what one post record holds, and who writes it."`;
    /// instead `"description": "A blog post written by the account that holds the record."`.
    pub PlaceholderDescription {
        id: "placeholder-description",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl PlaceholderDescription {
    fn check(&self, cx: &mut LintCx<'_>, pointer: &str, field: &str, text: Option<&str>) {
        if !text.is_some_and(|t| t.contains(PLACEHOLDER)) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pointer, field),
            format!("`{field}` is still the `lex new` placeholder"),
        )
        .label("placeholder")
        .help("write what this means for the people who read the schema");
    }

    fn check_body(&self, cx: &mut LintCx<'_>, def: &str, field: &str, body: Option<&Body>) {
        if let Some(body) = body {
            let pointer = pointer_push(def, field);
            self.check(cx, &pointer, "description", body.description.as_deref());
        }
    }
}

impl LintRule for PlaceholderDescription {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        self.check(cx, "", "description", doc.description.as_deref());
        // Bodies, messages and permission-set texts are not schema nodes.
        for (name, def) in &doc.defs {
            let at = pointer_push("/defs", name);
            match def {
                Schema::Query(q) => self.check_body(cx, &at, "output", q.output.as_ref()),
                Schema::Procedure(p) => {
                    self.check_body(cx, &at, "input", p.input.as_ref());
                    self.check_body(cx, &at, "output", p.output.as_ref());
                }
                Schema::Subscription(s) => {
                    let message = s.message.as_ref().and_then(|m| m.description.as_deref());
                    self.check(cx, &pointer_push(&at, "message"), "description", message);
                }
                Schema::PermissionSet(set) => {
                    self.check(cx, &at, "title", set.title.as_deref());
                    self.check(cx, &at, "detail", set.detail.as_deref());
                }
                _ => {}
            }
        }
    }

    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        self.check(cx, node.pointer, "description", node.schema.description());
    }
}
