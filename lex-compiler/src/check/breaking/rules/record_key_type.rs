//! `record-key-type`: a record's `key` type changed.

use lex_runtime::schema::Schema;

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a record whose `key` (`tid`, `nsid`, `any`, `literal:…`) changed.
    /// ## Why is this bad?
    /// Existing records were written under keys of the old kind; under the new one their
    /// keys are invalid, or clients build the wrong keys for new records.
    /// ## Example
    /// `"key": "tid"` -> `"key": "literal:self"`; instead keep the key type.
    pub RecordKeyType {
        id: "record-key-type",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for RecordKeyType {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::Record(old), Schema::Record(new)) = (pair.old, pair.new) else {
            return;
        };
        if old.key == new.key {
            return;
        }
        cx.report(
            &Self::INFO,
            &lex_runtime::schema::pointer_push(pair.pointer, "key"),
            format!(
                "record key type changed from `{}` to `{}`",
                old.key.to_name(),
                new.key.to_name()
            ),
        )
        .label("new key type")
        .help("keep the record key type; a different key needs a new record NSID");
    }
}
