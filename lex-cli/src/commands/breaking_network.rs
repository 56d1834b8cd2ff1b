//! The network sources of `lex breaking --against`: the versions pinned in `lexicons.json`
//! (`manifest`) and the versions published now (`published`). Both are fetched and
//! verified the way `lex install` does it, then loaded like any other lexicons.

use std::path::Path;

use lex_compiler::manifest::{parse_record_uri, Manifest};
use lex_compiler::network::batch::{resolve_all_blocking, Lookup};
use lex_compiler::network::install::record_text;
use lex_compiler::network::Step;
use lex_compiler::{LoadOptions, Loaded};

use super::install::NetworkArgs;
use crate::exit::ExitCode;
use crate::output::errln;

/// Fetches every lexicon the manifest pins, from the repository it was pinned in, and
/// insists that the record is still the pinned one: a record that changed since no longer
/// holds the pinned version, and no server keeps old versions.
pub(super) fn load_pinned(
    network: &NetworkArgs,
    manifest: &Path,
    options: &LoadOptions,
) -> Result<Loaded, (ExitCode, String)> {
    let usage = |m: String| (ExitCode::Usage, m);
    let manifest = match Manifest::read(manifest) {
        Ok(Some(m)) => m,
        Ok(None) => {
            return Err(usage(format!(
                "`--against manifest`: {} does not exist (run `lex install` first, or give \
                 `--manifest FILE`)",
                manifest.display()
            )))
        }
        Err(e) => return Err(usage(format!("`--against manifest`: {e}"))),
    };
    let mut lookups = Vec::with_capacity(manifest.resolutions.len());
    for (nsid, pinned) in &manifest.resolutions {
        let (did, _) = parse_record_uri(&pinned.uri).map_err(usage)?;
        lookups.push(Lookup::InRepo {
            nsid: nsid.clone(),
            did,
        });
    }
    let outcomes = resolve_all_blocking(network.config(), lookups);
    let mut sources = Vec::with_capacity(outcomes.len());
    for ((nsid, pinned), outcome) in manifest.resolutions.iter().zip(outcomes) {
        let resolved = outcome.map_err(|e| (ExitCode::Network, e.to_string()))?;
        if resolved.cid != pinned.cid {
            return Err(usage(format!(
                "`{nsid}` was pinned at {} but its repository now holds {}; the pinned \
                 version can no longer be fetched (compare with `--against published` or \
                 `--against git:REV` instead)",
                pinned.cid, resolved.cid
            )));
        }
        sources.push((resolved.uri.clone(), record_text(&resolved.record)));
    }
    Ok(lex_compiler::load_sources_with(sources, options))
}

/// Resolves every lexicon of `new` on the network. One that is not published yet (no
/// `_lexicon` record for its authority, or no record in the authority's repository)
/// counts as new; any other failure is a network error.
pub(super) fn load_published(
    network: &NetworkArgs,
    new: &Loaded,
    options: &LoadOptions,
) -> Result<Loaded, (ExitCode, String)> {
    let nsids: Vec<String> = new
        .catalog
        .documents()
        .map(|d| d.document.id.clone())
        .collect();
    let lookups = nsids.iter().cloned().map(Lookup::Published).collect();
    let mut sources = Vec::new();
    for (nsid, outcome) in nsids
        .iter()
        .zip(resolve_all_blocking(network.config(), lookups))
    {
        match outcome {
            Ok(resolved) => sources.push((resolved.uri.clone(), record_text(&resolved.record))),
            Err(e) if not_published(&e) => {
                errln!(
                    "note: `{nsid}` is not published ({}); it counts as new",
                    e.message
                );
            }
            Err(e) => return Err((ExitCode::Network, e.to_string())),
        }
    }
    Ok(lex_compiler::load_sources_with(sources, options))
}

/// Whether a failed resolution means "never published" rather than "broken": the
/// authority has no `_lexicon` TXT record, or its repository has no such record (the PDS
/// answers `RecordNotFound`, the XRPC error name the sync API defines for it).
fn not_published(e: &lex_compiler::network::ResolveError) -> bool {
    e.step == Step::Dns || (e.step == Step::Pds && e.message.contains("RecordNotFound"))
}
