//! `body-encoding`: an input or output body changed its MIME type.

use lex_runtime::schema::{pointer_push, Body, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an `input` or `output` whose `encoding` changed.
    /// ## Why is this bad?
    /// The encoding is the wire format: old clients send or expect the old one, and the
    /// server rejects or they misread the new one.
    /// ## Example
    /// `"encoding": "application/json"` -> `"application/cbor"`; instead add an endpoint.
    pub BodyEncoding {
        id: "body-encoding",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for BodyEncoding {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let bodies: [(&str, Option<&Body>, Option<&Body>); 2] = match (pair.old, pair.new) {
            (Schema::Query(o), Schema::Query(n)) => [
                ("output", o.output.as_ref(), n.output.as_ref()),
                ("input", None, None),
            ],
            (Schema::Procedure(o), Schema::Procedure(n)) => [
                ("input", o.input.as_ref(), n.input.as_ref()),
                ("output", o.output.as_ref(), n.output.as_ref()),
            ],
            _ => return,
        };
        for (name, old, new) in bodies {
            let (Some(old), Some(new)) = (old, new) else {
                continue;
            };
            if old.encoding == new.encoding {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push(&pointer_push(pair.pointer, name), "encoding"),
                format!(
                    "`{name}` encoding changed from `{}` to `{}`",
                    old.encoding, new.encoding
                ),
            )
            .label("new encoding")
            .help("keep the encoding; serve the new format from a new endpoint");
        }
    }
}
