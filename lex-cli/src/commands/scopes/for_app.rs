//! `lex scopes for`: the least-privilege scope string for what an app does, `atproto`
//! first, ready for `scope` in `oauth-client-metadata.json`; `--sets` also lists the
//! permission sets of the lexicons that cover the requests and what they grant beyond.

use clap::Args;
use lex_runtime::scope::{
    expand, Audience, IncludeScope, NsidList, RepoActions, RepoScope, RpcScope, Scope, ScopeSet,
};
use lex_runtime::Nsid;

use super::requests::{Described, RequestArgs, Requests};
use super::sets::{sets_in, LexiconArgs};
use super::Failure;
use crate::exit::ExitCode;
use crate::output::outln;

/// `lex scopes for` arguments.
#[derive(Debug, Args)]
pub(crate) struct ForArgs {
    #[command(flatten)]
    requests: RequestArgs,
    /// Also list the permission sets in the lexicons that cover some of the requests, with
    /// what each grants beyond them.
    #[arg(long)]
    sets: bool,
    #[command(flatten)]
    lexicons: LexiconArgs,
}

/// Runs `lex scopes for`: 0 with the scope string, 2 for a bad request.
pub(crate) fn run(args: ForArgs) -> ExitCode {
    match run_inner(&args) {
        Ok(()) => ExitCode::Clean,
        Err(f) => f.report(),
    }
}

fn run_inner(args: &ForArgs) -> Result<(), Failure> {
    let requests = args.requests.parse()?;
    let granular: ScopeSet = requests.scopes().into_iter().collect();
    // `atproto` leads: authorization servers require it, and readers look for it there.
    let mut line = String::from("atproto");
    for scope in granular.iter().filter(|s| **s != Scope::Atproto) {
        line.push(' ');
        line.push_str(&scope.to_string());
    }
    outln!("{line}");
    if args.sets {
        list_sets(args, &requests)?;
    }
    Ok(())
}

fn list_sets(args: &ForArgs, requests: &Requests) -> Result<(), Failure> {
    let Some(loaded) = args.lexicons.load()? else {
        return Err(Failure::usage(
            "--sets reads permission sets from --lexicons DIR (or ./lexicons), and there is none",
        ));
    };
    let each = requests.each();
    let service = match requests.aud() {
        Some(Audience::Service(s)) => Some(s.clone()),
        _ => None,
    };
    let mut shown = 0;
    for (nsid, set, origin) in sets_in(&loaded.catalog) {
        let inherits = set.permissions.iter().any(|p| p.inherit_aud == Some(true));
        let aud = service.clone().filter(|_| inherits);
        let granted: ScopeSet = expand(&set, &nsid, aud.as_ref().map(|a| a.as_str()))
            .into_iter()
            .collect();
        let (covered, missing): (Vec<&Described<'_>>, Vec<&Described<'_>>) =
            each.iter().partition(|d| granted.allows(&d.request));
        if covered.is_empty() {
            continue;
        }
        if shown == 0 {
            outln!();
            outln!("permission sets in the lexicons that cover these requests:");
        }
        shown += 1;
        let include = IncludeScope { nsid, aud };
        outln!();
        outln!(
            "{include} covers {} of {} requests ({origin})",
            covered.len(),
            each.len()
        );
        for d in &missing {
            outln!("  not covered: {}", d.text);
        }
        let beyond = beyond(&granted, requests);
        if beyond.is_empty() {
            outln!("  grants nothing beyond them");
        }
        for scope in beyond.iter() {
            outln!("  also grants: {scope}");
        }
    }
    if shown == 0 {
        outln!();
        outln!("no permission set in the lexicons covers any of these requests");
    }
    Ok(())
}

/// What `granted` allows that the requests do not ask for, one scope per collection or
/// method.
fn beyond(granted: &ScopeSet, requests: &Requests) -> ScopeSet {
    let actions = requests.actions_by_collection();
    let methods: Vec<&str> = requests.methods().collect();
    let mut out = ScopeSet::new();
    for scope in granted.iter() {
        match scope {
            Scope::Repo(r) => match r.collection() {
                NsidList::All => {
                    out.insert(scope.clone());
                }
                NsidList::Only(list) => {
                    for c in list {
                        let asked = actions.get(c.as_str());
                        let extra = r
                            .action()
                            .iter()
                            .filter(|a| !asked.is_some_and(|x| x.contains(*a)));
                        if let (Some(extra), Some(one)) = (RepoActions::of(extra), one(c)) {
                            out.insert(Scope::Repo(RepoScope::new(one, extra)));
                        }
                    }
                }
            },
            Scope::Rpc(r) => match r.lxm() {
                NsidList::All => {
                    out.insert(scope.clone());
                }
                NsidList::Only(list) => {
                    // A method asked for on one service is granted beyond the request when
                    // the scope names another service or any (`*`).
                    let same_aud = requests.aud() == Some(r.aud());
                    for m in list {
                        if same_aud && methods.contains(&m.as_str()) {
                            continue;
                        }
                        if let Some(s) = one(m).and_then(|l| RpcScope::new(l, r.aud().clone())) {
                            out.insert(Scope::Rpc(s));
                        }
                    }
                }
            },
            other => {
                out.insert(other.clone());
            }
        }
    }
    out
}

fn one(nsid: &Nsid) -> Option<NsidList> {
    NsidList::only([nsid.clone()])
}
