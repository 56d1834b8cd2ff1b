//! Shared by the limit rules (`integer-range`, `string-length`, `bytes-length`,
//! `array-length`, `blob-size`): how a bound changed, and the finding that says so.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, Pair};
use crate::check::report::At;
use crate::check::rule::RuleInfo;

/// One bound in both versions.
pub(crate) struct Limit {
    field: &'static str,
    is_min: bool,
    old: Option<i64>,
    new: Option<i64>,
}

impl Limit {
    /// A lower bound (raising it tightens).
    pub(crate) fn min(field: &'static str, old: Option<i64>, new: Option<i64>) -> Limit {
        Limit {
            field,
            is_min: true,
            old,
            new,
        }
    }

    /// An upper bound (lowering it tightens).
    pub(crate) fn max(field: &'static str, old: Option<i64>, new: Option<i64>) -> Limit {
        Limit {
            field,
            is_min: false,
            old,
            new,
        }
    }

    /// Whether old values may now be rejected.
    fn tightened(&self) -> bool {
        match (self.old, self.new) {
            (None, Some(_)) => true,
            (Some(o), Some(n)) => (self.is_min && n > o) || (!self.is_min && n < o),
            _ => false,
        }
    }
}

/// Reports every bound of `limits` that changed.
pub(crate) fn report_limits(
    cx: &mut BreakCx<'_>,
    pair: &Pair<'_>,
    info: &'static RuleInfo,
    limits: &[Limit],
) {
    for l in limits {
        let message = match (l.old, l.new) {
            (a, b) if a == b => continue,
            (None, Some(n)) => format!("`{}` {n} was added (tightened)", l.field),
            (Some(o), None) => format!("`{}` {o} was removed (loosened)", l.field),
            (Some(o), Some(n)) => {
                let how = if l.tightened() {
                    "tightened"
                } else {
                    "loosened"
                };
                format!("`{}` changed from {o} to {n} ({how})", l.field)
            }
            (None, None) => continue,
        };
        let (label, help) = if l.tightened() {
            (
                "tighter limit",
                "old data may no longer validate; keep the old limit",
            )
        } else {
            (
                "looser limit",
                "new data may fail old validators; keep the old limit",
            )
        };
        let at = if l.new.is_some() { At::Value } else { At::Key };
        cx.report(info, &pointer_push(pair.pointer, l.field), message)
            .at(at)
            .label(label)
            .help(help)
            .level(pair.constraint_level(info));
    }
}
