//! `plural-record-name`: a record type named with a plural noun.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::util::{last_word, nsid_name};
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a record lexicon whose name ends in a plural noun (`posts`, `likes`): the
    /// last camelCase word ends in `s`, but not in `ss`, `us` or `is` (`status`, `access`,
    /// `analysis` stay singular).
    /// ## Why is this bad?
    /// A record NSID names one record (`app.bsky.feed.post`); the collection holds many.
    /// The style guide asks for singular nouns, so `at://did/com.example.posts/…` does
    /// not read as a collection of collections.
    /// ## Example
    /// `com.example.blog.posts`; instead `com.example.blog.post`.
    pub PluralRecordName {
        id: "plural-record-name",
        level: Warn,
        status: Status::Preview,
    }
}

impl LintRule for PluralRecordName {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        if !matches!(doc.defs.get("main"), Some(Schema::Record(_))) {
            return;
        }
        let name = nsid_name(&doc.id);
        let word = last_word(name).to_ascii_lowercase();
        let plural = word.len() > 2
            && word.ends_with('s')
            && !["ss", "us", "is"].iter().any(|end| word.ends_with(end));
        if !plural {
            return;
        }
        cx.report(
            &Self::INFO,
            "/id",
            format!("record name `{name}` looks plural"),
        )
        .label("plural noun")
        .help("name records with a singular noun (one record per item)");
    }
}
