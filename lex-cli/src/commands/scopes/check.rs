//! `lex scopes check`: whether granted scopes (a token's `scope`) allow requests, and
//! which scope allows each; `include:` scopes among them are expanded first.

use std::collections::BTreeMap;

use clap::Args;
use lex_runtime::scope::{expand, Scope, ScopeSet, ServiceRef};

use super::requests::RequestArgs;
use super::sets::{SetArgs, Sets};
use super::Failure;
use crate::exit::ExitCode;
use crate::output::outln;

/// `lex scopes check` arguments.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The granted scopes, separated by spaces (quote them); `include:` scopes are
    /// expanded from the lexicons or the network.
    #[arg(long, value_name = "SCOPES")]
    granted: String,
    #[command(flatten)]
    requests: RequestArgs,
    #[command(flatten)]
    sets: SetArgs,
}

/// Runs `lex scopes check`: 0 when every request is allowed, 1 when one is denied (or a
/// granted scope is invalid), 2 for a bad request, 3 when resolving a set fails.
pub(crate) fn run(args: CheckArgs) -> ExitCode {
    match check(&args) {
        Ok(true) => ExitCode::Clean,
        Ok(false) => ExitCode::Findings,
        Err(f) => f.report(),
    }
}

fn check(args: &CheckArgs) -> Result<bool, Failure> {
    let requests = args.requests.parse()?;
    let parsed =
        ScopeSet::parse(&args.granted).map_err(|e| Failure::findings(format!("--granted: {e}")))?;
    // Which include each expanded scope came from, to say so when it allows a request.
    let mut via: BTreeMap<String, String> = BTreeMap::new();
    let mut granted = ScopeSet::new();
    let mut sets = None;
    for scope in parsed.iter() {
        let Scope::Include(include) = scope else {
            granted.insert(scope.clone());
            continue;
        };
        if sets.is_none() {
            sets = Some(Sets::new(&args.sets)?);
        }
        let Some(sets) = sets.as_mut() else { continue };
        let (set, _) = sets.get(&include.nsid)?;
        let aud = include.aud.as_ref().map(ServiceRef::as_str);
        for s in expand(set, &include.nsid, aud) {
            if !parsed.contains(&s) {
                via.entry(s.to_string())
                    .or_insert_with(|| include.to_string());
            }
            granted.insert(s);
        }
    }
    let mut all = true;
    for d in requests.each() {
        match granted.allowed_by(&d.request) {
            Some(scope) => {
                let text = scope.to_string();
                match via.get(&text) {
                    Some(include) => outln!("allowed  {}  (by {text}, from {include})", d.text),
                    None => outln!("allowed  {}  (by {text})", d.text),
                }
            }
            None => {
                all = false;
                outln!("denied   {}", d.text);
            }
        }
    }
    Ok(all)
}
