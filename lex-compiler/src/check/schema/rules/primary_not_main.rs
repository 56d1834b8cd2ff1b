//! Primary types only as `main`.

use crate::check::schema::rule::{declare_rule, Node, Place, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a `record`, `query`, `procedure`, `subscription` or `permission-set` defined
    /// under a name other than `main`: a document has at most one primary definition.
    PrimaryNotMain {
        code: "lex::schema::primary-not-main",
        severity: Error,
        summary: "primary types must be the `main` definition",
    }
}

impl SchemaRule for PrimaryNotMain {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Place::Def { name } = node.place else {
            return;
        };
        let Some(kind) = node.schema.kind() else {
            return;
        };
        if kind.is_primary() && name != "main" {
            cx.report(
                &Self::INFO,
                node.pointer,
                format!("`{}` definition `{name}` must be named `main`", kind.name()),
            )
            .key()
            .label("primary type not in `main`")
            .help("rename the definition to `main`, or move it to its own lexicon");
        }
    }
}
