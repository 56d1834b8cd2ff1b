//! `ref-change`: a `ref` points at another definition.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a `ref` whose target changed (compared fully qualified, so `#x` and
    /// `nsid#x` are the same).
    /// ## Why is this bad?
    /// A different target is a different type unless the definition merely moved with
    /// the same content. Level: `error` in record data (types must not change, §10.1);
    /// `warn` in parameters and outputs, as in `goat lex breaking`, because a move of an
    /// identical view object is common there and the target itself is compared under its
    /// own name.
    /// ## Example
    /// `"ref": "#replyRef"` -> `"ref": "com.example.defs#replyRef"`; fine if the
    /// definition moved unchanged (accept it in lex.toml), breaking otherwise.
    pub RefChange {
        id: "ref-change",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for RefChange {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::Ref(old), Schema::Ref(new)) = (pair.old, pair.new) else {
            return;
        };
        let o = cx
            .old_ref(&old.target)
            .map_or_else(|| old.target.clone(), |f| f.to_string());
        let n = cx
            .new_ref(&new.target)
            .map_or_else(|| new.target.clone(), |f| f.to_string());
        if o == n {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "ref"),
            format!("ref changed from `{o}` to `{n}`"),
        )
        .label("new target")
        .help("keep the old target, or accept the change in lex.toml if the definition only moved")
        .level(pair.constraint_level(&Self::INFO));
    }
}
