//! "Did you mean": the closest existing definition to an unresolved reference.

use crate::ir::{Catalog, DefRef};
use crate::syntax::ParsedDocument;

/// The best replacement for the reference string `written`, in the form it was written
/// (`#name` stays local), if one is close enough to be a likely typo.
pub(crate) fn closest(
    catalog: &Catalog,
    doc: &ParsedDocument,
    written: &str,
    fq: &DefRef,
) -> Option<String> {
    let local = written.starts_with('#');
    let candidates: Vec<String> = if local {
        doc.document.defs.keys().map(|n| format!("#{n}")).collect()
    } else if let Some(target) = catalog.document(&fq.nsid) {
        target
            .document
            .defs
            .keys()
            .map(|n| DefRef::new(fq.nsid.clone(), n.clone()).to_string())
            .collect()
    } else {
        super::all_refs(catalog).into_keys().collect()
    };
    let limit = (written.len() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(written, &c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}
