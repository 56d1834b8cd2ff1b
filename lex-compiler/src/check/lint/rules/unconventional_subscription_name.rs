//! `unconventional-subscription-name`: a subscription not named `subscribe<PluralNoun>`.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::util::{first_word, last_word, nsid_name};
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a subscription whose name is not `subscribe` followed by a plural noun
    /// (`subscribeRepos`, `subscribeLabels`).
    /// ## Why is this bad?
    /// The style guide names event streams `subscribe<PluralNoun>`, so the name says it
    /// is a stream and what flows on it.
    /// ## Example
    /// `com.example.blog.postStream`; instead `com.example.blog.subscribePosts`.
    pub UnconventionalSubscriptionName {
        id: "unconventional-subscription-name",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnconventionalSubscriptionName {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        if !matches!(doc.defs.get("main"), Some(Schema::Subscription(_))) {
            return;
        }
        let name = nsid_name(&doc.id);
        let noun = last_word(name);
        if first_word(name) == "subscribe" && noun != name && noun.ends_with('s') {
            return;
        }
        cx.report(
            &Self::INFO,
            "/id",
            format!("subscription name `{name}` is not `subscribe` + a plural noun"),
        )
        .label("unconventional name")
        .help("name subscriptions `subscribe<PluralNoun>`, e.g. `subscribePosts`");
    }
}
