//! `def-name-syntax`: a definition name outside the portable identifier set.

use lex_runtime::schema::{pointer_push, Document};

use crate::check::lint::util::is_identifier;
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports definition names that do not match `^[a-zA-Z][a-zA-Z0-9]{0,255}$`: an
    /// ASCII letter, then up to 255 letters or digits. (Empty names and names with `#` or
    /// `.` are spec errors, reported under `lexicon-schema`.)
    /// ## Why is this bad?
    /// Definition names become type names in every generated language and appear in
    /// `$type` values; `_`, `-` and non-ASCII letters do not survive that everywhere.
    /// ## Example
    /// `"defs": {"reply_ref": ...}`; instead `"defs": {"replyRef": ...}`.
    pub DefNameSyntax {
        id: "def-name-syntax",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for DefNameSyntax {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        for name in doc.defs.keys() {
            if name.is_empty() || name.contains(['#', '.']) || is_identifier(name) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push("/defs", name),
                format!("definition name `{name}` is not a plain identifier"),
            )
            .key()
            .label("unusual name")
            .help("use ASCII letters and digits, starting with a letter, e.g. `replyRef`");
        }
    }
}
