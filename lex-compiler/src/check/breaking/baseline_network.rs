//! The network baselines: the versions pinned in `lexicons.json` and the versions
//! published now. Both are fetched and verified the way `lex install` does it, then
//! loaded like any other lexicons.

use std::path::Path;

use super::baseline::{BaselineError, BaselineErrorKind, OldVersion, Unpublished};
use crate::load::{LoadOptions, Loaded};
use crate::manifest::{parse_record_uri, Manifest};
use crate::network::batch::{resolve_all_blocking, Lookup};
use crate::network::install::record_text;
use crate::network::{NetworkConfig, ResolveError, Step};

fn network_error(e: &ResolveError, unpublished: Vec<Unpublished>) -> BaselineError {
    BaselineError {
        kind: BaselineErrorKind::Network,
        message: e.to_string(),
        unpublished,
    }
}

/// Fetches every lexicon the manifest pins, from the repository it was pinned in, and
/// insists that the record is still the pinned one: a record that changed since no longer
/// holds the pinned version, and no server keeps old versions.
pub(super) fn load_pinned(
    network: &NetworkConfig,
    manifest: &Path,
    options: &LoadOptions,
) -> Result<Loaded, BaselineError> {
    let manifest = match Manifest::read(manifest) {
        Ok(Some(m)) => m,
        Ok(None) => {
            return Err(BaselineError::usage(format!(
                "`--against manifest`: {} does not exist (run `lex install` first, or give \
                 `--manifest FILE`)",
                manifest.display()
            )))
        }
        Err(e) => return Err(BaselineError::usage(format!("`--against manifest`: {e}"))),
    };
    let mut lookups = Vec::with_capacity(manifest.resolutions.len());
    for (nsid, pinned) in &manifest.resolutions {
        let (did, _) = parse_record_uri(&pinned.uri).map_err(BaselineError::usage)?;
        lookups.push(Lookup::InRepo {
            nsid: nsid.clone(),
            did,
        });
    }
    let outcomes = resolve_all_blocking(network.clone(), lookups);
    let mut sources = Vec::with_capacity(outcomes.len());
    for ((nsid, pinned), outcome) in manifest.resolutions.iter().zip(outcomes) {
        let resolved = outcome.map_err(|e| network_error(&e, Vec::new()))?;
        if resolved.cid != pinned.cid {
            return Err(BaselineError::usage(format!(
                "`{nsid}` was pinned at {} but its repository now holds {}; the pinned \
                 version can no longer be fetched (compare with `--against published` or \
                 `--against git:REV` instead)",
                pinned.cid, resolved.cid
            )));
        }
        sources.push((resolved.uri.clone(), record_text(&resolved.record)));
    }
    Ok(crate::load::load_sources_with(sources, options))
}

/// Resolves every lexicon of `new` on the network. One that is not published yet (no
/// `_lexicon` record for its authority, or no record in the authority's repository)
/// counts as new; any other failure is a network error.
pub(super) fn load_published(
    network: &NetworkConfig,
    new: &Loaded,
    options: &LoadOptions,
) -> Result<OldVersion, BaselineError> {
    let nsids: Vec<String> = new
        .catalog
        .documents()
        .map(|d| d.document.id.clone())
        .collect();
    let lookups = nsids.iter().cloned().map(Lookup::Published).collect();
    let mut sources = Vec::new();
    let mut unpublished = Vec::new();
    for (nsid, outcome) in nsids
        .iter()
        .zip(resolve_all_blocking(network.clone(), lookups))
    {
        match outcome {
            Ok(resolved) => sources.push((resolved.uri.clone(), record_text(&resolved.record))),
            Err(e) if not_published(&e) => unpublished.push(Unpublished {
                nsid: nsid.clone(),
                reason: e.message,
            }),
            Err(e) => return Err(network_error(&e, unpublished)),
        }
    }
    Ok(OldVersion {
        loaded: crate::load::load_sources_with(sources, options),
        unpublished,
    })
}

/// Whether a failed resolution means "never published" rather than "broken": the
/// authority has no `_lexicon` TXT record, or its repository has no such record (the PDS
/// answers `RecordNotFound`, the XRPC error name the sync API defines for it).
fn not_published(e: &ResolveError) -> bool {
    e.step == Step::Dns || (e.step == Step::Pds && e.message.contains("RecordNotFound"))
}
