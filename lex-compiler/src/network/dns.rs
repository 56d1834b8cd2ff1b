//! `_lexicon.<authority>` TXT lookup -> the authority's DID.
//!
//! Per the lexicon spec: query exactly that name (never walk the tree), join the chunks of
//! each TXT record, keep the values starting with `did=`, and require exactly one.

use lex_runtime::identity::Resolver;

/// Returns (the `did=` TXT value, the DID).
pub(super) async fn lexicon_did(
    identity: &Resolver,
    authority: &str,
) -> Result<(String, String), String> {
    let name = format!("_lexicon.{authority}");
    let values = identity.txt(&name).await.map_err(|e| e.message)?;
    if values.is_empty() {
        return Err(format!(
            "no TXT record at {name} (publish `did=<DID>` there)"
        ));
    }
    let dids: Vec<&String> = values.iter().filter(|v| v.starts_with("did=")).collect();
    match dids.as_slice() {
        [one] => {
            let did = one.get(4..).unwrap_or_default();
            lex_runtime::Did::new(did)
                .map_err(|e| format!("{name}: `{one}` is not a valid DID: {e}"))?;
            Ok(((*one).clone(), did.to_owned()))
        }
        [] => Err(format!("no `did=` TXT record at {name}")),
        many => Err(format!(
            "{name} has {} `did=` TXT records ({}); exactly one is required",
            many.len(),
            many.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
