//! `unexpected-field`: a key the lexicon language does not define.

use lex_runtime::schema::{pointer_push, Document, Extra, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports keys of a document, schema object, body, message or error entry that the
    /// lexicon language does not define (for example `maxlength`, or `required` on a
    /// `string`). The document-level `$type` of published lexicons is allowed.
    /// ## Why is this bad?
    /// Tools ignore unknown keys, so a misspelt constraint silently does nothing; and a
    /// later language version may give the key a meaning you did not intend.
    /// ## Example
    /// `{"type": "string", "maxlength": 64}`; instead `{"type": "string", "maxLength": 64}`.
    pub UnexpectedField {
        id: "unexpected-field",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnexpectedField {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        report(cx, "", &doc.extra, &["$type"]);
        let main = "/defs/main";
        let (errors, bodies, message) = match doc.defs.get("main") {
            Some(Schema::Query(q)) => (&q.errors, vec![("output", &q.output)], None),
            Some(Schema::Procedure(p)) => (
                &p.errors,
                vec![("input", &p.input), ("output", &p.output)],
                None,
            ),
            Some(Schema::Subscription(s)) => (&s.errors, Vec::new(), s.message.as_ref()),
            _ => return,
        };
        for (name, body) in bodies {
            if let Some(body) = body {
                report(cx, &pointer_push(main, name), &body.extra, &[]);
            }
        }
        if let Some(m) = message {
            report(cx, &pointer_push(main, "message"), &m.extra, &[]);
        }
        let errors_at = pointer_push(main, "errors");
        for (i, e) in errors.iter().enumerate() {
            report(cx, &pointer_push(&errors_at, &i.to_string()), &e.extra, &[]);
        }
    }

    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        if let Some(extra) = extra_of(node.schema) {
            report(cx, node.pointer, extra, &[]);
        }
    }
}

fn report(cx: &mut LintCx<'_>, at: &str, extra: &Extra, allowed: &[&str]) {
    for key in extra.keys().filter(|k| !allowed.contains(&k.as_str())) {
        let what = if at.is_empty() {
            "the document"
        } else {
            "this schema"
        };
        // `revision` was part of the language until February 2025; say so rather than
        // suggest a typo.
        let (label, help) = if at.is_empty() && key == "revision" {
            (
                "retired field",
                "`revision` was removed from the lexicon language in 2025; remove it",
            )
        } else {
            (
                "not a lexicon field",
                "check the spelling against the lexicon spec, or remove the field",
            )
        };
        cx.report(
            &UnexpectedField::INFO,
            &pointer_push(at, key),
            format!("unexpected field `{key}` in {what}"),
        )
        .key()
        .label(label)
        .help(help);
    }
}

/// The unknown fields of a schema node (permissions keep all parameters as data).
fn extra_of(schema: &Schema) -> Option<&Extra> {
    Some(match schema {
        Schema::Boolean(s) => &s.extra,
        Schema::Integer(s) => &s.extra,
        Schema::String(s) => &s.extra,
        Schema::Bytes(s) => &s.extra,
        Schema::CidLink(s) => &s.extra,
        Schema::Blob(s) => &s.extra,
        Schema::Array(s) => &s.extra,
        Schema::Object(s) => &s.extra,
        Schema::Params(s) => &s.extra,
        Schema::Token(s) => &s.extra,
        Schema::Ref(s) => &s.extra,
        Schema::Union(s) => &s.extra,
        Schema::Unknown(s) => &s.extra,
        Schema::Record(s) => &s.extra,
        Schema::Query(s) => &s.extra,
        Schema::Procedure(s) => &s.extra,
        Schema::Subscription(s) => &s.extra,
        Schema::PermissionSet(s) => &s.extra,
        Schema::Permission(_) | Schema::Unsupported(_) => return None,
    })
}
