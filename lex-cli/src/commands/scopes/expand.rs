//! `lex scopes expand SCOPE...`: `include:` scopes replaced by what their permission sets
//! grant (spec section 7), other scopes normalized; `--explain` shows the fate of every
//! permission of every set.

use clap::Args;
use lex_runtime::scope::{expand_explained, IncludeScope, Scope, ScopeSet, ServiceRef};

use super::requests::service_ref;
use super::sets::{SetArgs, Sets};
use super::{split_scopes, Failure};
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex scopes expand` arguments.
#[derive(Debug, Args)]
pub(crate) struct ExpandArgs {
    /// Scope strings (several per argument when separated by spaces); `include:NSID` and
    /// `include:NSID?aud=did:web:x%23svc` are expanded, others pass through normalized.
    #[arg(required = true, value_name = "SCOPE")]
    scopes: Vec<String>,
    /// The service for includes that name none: their `inheritAud` permissions become
    /// `rpc` scopes for it. A DID service reference such as `did:web:api.bsky.app#bsky_appview`.
    #[arg(long, value_name = "DIDREF")]
    aud: Option<String>,
    /// Before the scopes, list every permission of every set: granted (as which scope) or
    /// skipped (and why).
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    sets: SetArgs,
}

/// Runs `lex scopes expand`: 0 on success, 1 for an invalid scope or a lexicon that is
/// not a permission set, 2 when a set cannot be found offline, 3 when resolving fails.
pub(crate) fn run(args: ExpandArgs) -> ExitCode {
    match expand(&args) {
        Ok(()) => ExitCode::Clean,
        Err(f) => f.report(),
    }
}

fn expand(args: &ExpandArgs) -> Result<(), Failure> {
    let mut scopes = Vec::new();
    let mut invalid = Vec::new();
    for s in split_scopes(&args.scopes) {
        match Scope::parse(s) {
            Ok(scope) => scopes.push(scope),
            Err(e) => invalid.push(e.to_string()),
        }
    }
    if !invalid.is_empty() {
        return Err(Failure::findings(invalid.join("\n")));
    }
    let default_aud = args.aud.as_deref().map(service_ref).transpose()?;
    let mut sets = None;
    let mut out = ScopeSet::new();
    for scope in scopes {
        let Scope::Include(include) = &scope else {
            out.insert(scope);
            continue;
        };
        if sets.is_none() {
            sets = Some(Sets::new(&args.sets)?);
        }
        let Some(sets) = sets.as_mut() else { continue };
        let aud = include.aud.clone().or_else(|| default_aud.clone());
        let (set, origin) = sets.get(&include.nsid)?;
        let outcomes = expand_explained(set, &include.nsid, aud.as_ref().map(ServiceRef::as_str));
        if args.explain {
            let shown = IncludeScope {
                nsid: include.nsid.clone(),
                aud: aud.clone(),
            };
            outln!("{shown} ({origin}):");
            if outcomes.is_empty() {
                outln!("  (the set has no permissions)");
            }
            for o in &outcomes {
                let resource = set
                    .permissions
                    .get(o.index)
                    .map_or("", |p| p.resource.as_ref());
                let resource = if resource.is_empty() { "-" } else { resource };
                match &o.granted {
                    Ok(s) => outln!("  [{}] {resource:<8} granted  {s}", o.index),
                    Err(skip) => outln!("  [{}] {resource:<8} skipped  {skip}", o.index),
                }
            }
            outln!();
        }
        let total = outcomes.len();
        let granted: Vec<Scope> = outcomes
            .into_iter()
            .filter_map(|o| o.granted.ok())
            .collect();
        if granted.len() < total && !args.explain {
            let skipped = total - granted.len();
            errln!("note: {include}: {skipped} of {total} permissions skipped (see --explain)");
        }
        out.extend(granted);
    }
    for scope in out.iter() {
        outln!("{scope}");
    }
    Ok(())
}
