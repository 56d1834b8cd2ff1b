//! The document `id` must be an NSID.

use lex_runtime::schema::Document;

use crate::check::schema::ident::is_nsid;
use crate::check::schema::rule::{declare_rule, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a document `id` that is not a valid NSID (a fragment `#x` included).
    InvalidNsid {
        code: "lex::schema::invalid-nsid",
        severity: Error,
        summary: "the document `id` must be a valid NSID",
    }
}

impl SchemaRule for InvalidNsid {
    fn check_document(&self, cx: &mut Cx<'_>, doc: &Document) {
        if !is_nsid(&doc.id) {
            cx.report(
                &Self::INFO,
                "/id",
                format!("`{}` is not a valid NSID", doc.id),
            )
            .label("invalid NSID")
            .help("use a reversed domain name plus a name, e.g. `com.example.feed.post`");
        }
    }
}
