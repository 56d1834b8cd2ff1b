//! `schema-name-casing`: a lexicon or definition name that is not lowerCamelCase.

use lex_runtime::schema::{pointer_push, Document};

use crate::check::lint::util::{is_identifier, is_lower_camel, nsid_name};
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a lexicon whose NSID name segment, or a definition whose name, starts with
    /// an upper-case letter (names are lowerCamelCase: `getPostThread`, `replyRef`).
    /// Names with other characters are `invalid-nsid` and `def-name-syntax`'s.
    /// ## Why is this bad?
    /// Code generators derive type and method names from these (`PostView`,
    /// `get_post_thread`); a consistent lowerCamelCase source keeps them predictable, and
    /// NSIDs differing only in case are confusing.
    /// ## Example
    /// `com.example.feed.GetPosts` or `"defs": {"PostView": ...}`; instead
    /// `com.example.feed.getPosts`, `"postView"`.
    pub SchemaNameCasing {
        id: "schema-name-casing",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for SchemaNameCasing {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let name = nsid_name(&doc.id);
        if is_identifier(name) && !is_lower_camel(name) {
            cx.report(
                &Self::INFO,
                "/id",
                format!("lexicon name `{name}` is not lowerCamelCase"),
            )
            .label("not lowerCamelCase")
            .help("start the NSID's name segment with a lower-case letter");
        }
        for name in doc.defs.keys() {
            if !is_identifier(name) || is_lower_camel(name) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push("/defs", name),
                format!("definition name `{name}` is not lowerCamelCase"),
            )
            .key()
            .label("not lowerCamelCase")
            .help("start definition names with a lower-case letter, e.g. `postView`");
        }
    }
}
