//! `title:lang` / `detail:lang` keys are language tags.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::ident::is_language;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a key of `title:lang` or `detail:lang` that is not a valid language tag.
    InvalidLanguage {
        code: "lex::schema::invalid-language",
        severity: Error,
        summary: "`title:lang` and `detail:lang` keys must be language tags",
    }
}

impl SchemaRule for InvalidLanguage {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::PermissionSet(set) = node.schema else {
            return;
        };
        for (field, map) in [
            ("title:lang", &set.title_lang),
            ("detail:lang", &set.detail_lang),
        ] {
            let at = pointer_push(node.pointer, field);
            for tag in map.keys().filter(|tag| !is_language(tag)) {
                cx.report(
                    &Self::INFO,
                    &pointer_push(&at, tag),
                    format!("`{tag}` is not a valid language tag"),
                )
                .key()
                .label("invalid language")
                .help("use a BCP 47 tag such as `fr` or `pt-BR`");
            }
        }
    }
}
