//! Shared by `object-required`, `object-nullable` and `params-required`: what entered
//! and left a list of names.

use std::collections::BTreeSet;

/// Names in `new` but not `old`, and names in `old` but not `new`, each sorted.
pub(crate) fn changed_names<'a>(
    old: &'a [String],
    new: &'a [String],
) -> (Vec<&'a str>, Vec<&'a str>) {
    let o: BTreeSet<&str> = old.iter().map(String::as_str).collect();
    let n: BTreeSet<&str> = new.iter().map(String::as_str).collect();
    (
        n.difference(&o).copied().collect(),
        o.difference(&n).copied().collect(),
    )
}
