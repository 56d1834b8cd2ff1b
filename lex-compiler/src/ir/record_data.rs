//! Which definitions describe data stored in repositories: a question about the reference
//! graph that lint (levels inside and outside record data) and breaking (constraint
//! changes break stored records, spec §10.1) both ask.

use std::collections::BTreeSet;

use lex_runtime::schema::Schema;

use super::{Catalog, DefRef};

impl Catalog {
    /// Definitions whose data is stored in records: every record, and whatever a record
    /// reaches through refs and unions.
    pub fn record_data(&self) -> BTreeSet<DefRef> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<_> = self
            .defs()
            .filter(|d| matches!(d.schema(), Schema::Record(_)))
            .map(|d| d.id())
            .collect();
        while let Some(id) = stack.pop() {
            let Some(def) = self.def(id) else { continue };
            if !seen.insert(def.fq().clone()) {
                continue;
            }
            stack.extend(def.edges().map(|e| e.to));
        }
        seen
    }
}
