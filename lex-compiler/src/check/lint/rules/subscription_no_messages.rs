//! `subscription-no-messages`: a subscription without message types.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::report::At;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a subscription whose `message` is missing, has no `schema`, or whose
    /// message union lists no refs.
    /// ## Why is this bad?
    /// Frames on the stream are typed by the message union's variants; with none, no
    /// client can decode anything the stream sends.
    /// ## Example
    /// `"message": {"schema": {"type": "union", "refs": []}}`; instead list the message
    /// objects: `"refs": ["#commit", "#info"]`.
    pub SubscriptionNoMessages {
        id: "subscription-no-messages",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for SubscriptionNoMessages {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let Some(Schema::Subscription(s)) = doc.defs.get("main") else {
            return;
        };
        let (pointer, what) = match s.message.as_ref().map(|m| m.schema.as_deref()) {
            None => ("/defs/main", "has no `message`"),
            Some(None) => ("/defs/main/message", "has a `message` without a schema"),
            Some(Some(Schema::Union(u))) if u.refs.is_empty() => (
                "/defs/main/message/schema/refs",
                "has an empty message union",
            ),
            Some(Some(_)) => return,
        };
        let at = if pointer == "/defs/main" {
            At::Key
        } else {
            At::Value
        };
        cx.report(
            &Self::INFO,
            pointer,
            format!("the subscription `{}` {what}", doc.id),
        )
        .at(at)
        .label("no message types")
        .help("declare the message objects in `message.schema`, a union of refs");
    }
}
