//! Blob `accept` patterns.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a blob `accept` entry that is not `type/subtype`, `type/*` or `*/*` (a lone
    /// `*` and partial globs like `text/ht*` are not supported).
    InvalidAccept {
        code: "lex::schema::invalid-accept",
        severity: Error,
        summary: "blob `accept` entries must be MIME types or `type/*` / `*/*` globs",
    }
}

fn is_accept_pattern(pattern: &str) -> bool {
    let Some((kind, subtype)) = pattern.split_once('/') else {
        return false;
    };
    let token = |s: &str| {
        !s.is_empty()
            && !s.contains(|c: char| {
                c == '*' || c == '/' || c == ',' || c == ';' || c.is_whitespace() || c.is_control()
            })
    };
    match (kind, subtype) {
        ("*", "*") => true,
        (kind, "*") => token(kind),
        (kind, subtype) => token(kind) && token(subtype),
    }
}

impl SchemaRule for InvalidAccept {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::Blob(b) = node.schema else { return };
        let Some(accept) = &b.accept else { return };
        let at = pointer_push(node.pointer, "accept");
        for (i, pattern) in accept.iter().enumerate() {
            if !is_accept_pattern(pattern) {
                cx.report(
                    &Self::INFO,
                    &pointer_push(&at, &i.to_string()),
                    format!("`{pattern}` is not a MIME type pattern"),
                )
                .label("invalid pattern")
                .help("use `type/subtype`, `type/*` or `*/*`, e.g. `image/png` or `image/*`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns() {
        for ok in ["*/*", "image/*", "image/png", "application/vnd.ipld.car"] {
            assert!(super::is_accept_pattern(ok), "{ok}");
        }
        for bad in [
            "*", "text/ht*", "*/png", "", "image", "image/", "/png", "a/b/c", "a /b",
        ] {
            assert!(!super::is_accept_pattern(bad), "{bad}");
        }
    }
}
