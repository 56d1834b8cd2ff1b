//! `lexicon` must be the integer 1.

use lex_runtime::schema::Document;

use crate::check::schema::rule::{declare_rule, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a document whose `lexicon` version is not 1, the only language version.
    LexiconVersion {
        code: "lex::schema::lexicon-version",
        severity: Error,
        summary: "the `lexicon` field must be the integer 1",
    }
}

impl SchemaRule for LexiconVersion {
    fn check_document(&self, cx: &mut Cx<'_>, doc: &Document) {
        if doc.lexicon != 1 {
            cx.report(
                &Self::INFO,
                "/lexicon",
                format!("unsupported lexicon version {}", doc.lexicon),
            )
            .label("not version 1")
            .help("set `\"lexicon\": 1`");
        }
    }
}
