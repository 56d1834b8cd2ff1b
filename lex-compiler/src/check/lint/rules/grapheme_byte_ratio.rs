//! `grapheme-byte-ratio`: byte and grapheme limits that do not fit together.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `string` whose `maxLength` is less than 10 or more than 20 times its
    /// `maxGraphemes`.
    /// ## Why is this bad?
    /// Below 10 bytes per grapheme, text in scripts with multi-byte characters (or with
    /// emoji) hits the byte limit long before the grapheme limit a UI shows; far above 20
    /// the byte limit bounds little. The style guide recommends 10 to 20. A high ratio is
    /// accepted below 10 graphemes: a single emoji (ZWJ sequences, flags) can take 30
    /// bytes or more, so `maxGraphemes: 1, maxLength: 64` for a reaction is right.
    /// ## Example
    /// `{"maxGraphemes": 300, "maxLength": 300}`; instead `{"maxGraphemes": 300, "maxLength": 3000}`.
    pub GraphemeByteRatio {
        id: "grapheme-byte-ratio",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for GraphemeByteRatio {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let (Some(bytes), Some(graphemes)) = (s.max_length, s.max_graphemes) else {
            return;
        };
        if graphemes <= 0 {
            return;
        }
        let low = graphemes.saturating_mul(10);
        let high = graphemes.saturating_mul(20);
        if bytes >= low && (bytes <= high || graphemes < 10) {
            return;
        }
        cx.report(&Self::INFO, &pointer_push(node.pointer, "maxLength"), format!("`maxLength` {bytes} is not 10-20 bytes per grapheme for `maxGraphemes` {graphemes}")).label("byte limit out of proportion").help(format!("use a `maxLength` between {low} and {high}"));
    }
}
