//! `lex status [PATHS]`: per NSID, how the local lexicon compares with what is published:
//! not published, in sync, local changes (compatible or breaking), or DNS not delegated
//! to the publishing account.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use lex_compiler::network::publish::{Account, Client};
use lex_compiler::network::Resolved;
use lex_runtime::Cid;

use super::install::NetworkArgs;
use super::publish::{
    authorities, fetch_published, load_local, plan, txt_dids, Change, Local, Plan,
};
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex status` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = STATUS_HELP)]
pub(crate) struct StatusArgs {
    /// The lexicon files or folders.
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// The publishing account's handle; without it (or --did), each NSID is compared with
    /// what its `_lexicon` record resolves to.
    #[arg(long, value_name = "HANDLE", conflicts_with = "did")]
    handle: Option<String>,
    /// The publishing account's DID.
    #[arg(long, value_name = "DID")]
    did: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    network: NetworkArgs,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// How `lex status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One line per NSID.
    Text,
    /// `{"lexicons": [{"nsid", "status", "local_cid", "published_cid", "did"}]}`.
    Json,
}

const STATUS_HELP: &str = "\
Statuses: `not published`, `in sync`, `local changes (compatible)`, `local changes
(breaking)` (breaking findings as `lex breaking --against published`), and `DNS not
delegated` (the authority's `_lexicon` TXT record names another DID than the publishing
account, or none; see `lex check-dns`). In JSON the statuses are `not-published`,
`in-sync`, `compatible-changes`, `breaking-changes` and `dns-not-delegated`.

Exit codes: 0 everything in sync, 1 something needs action (publishing or DNS), 2 usage
error, 3 network error.";

/// Per NSID: the repository its lexicons are read from, and whether DNS agrees.
type Delegations = BTreeMap<String, (Option<String>, bool)>;

/// One line of the report: NSID, JSON status, text status, local CID, published CID, DID.
type Row = (
    String,
    &'static str,
    &'static str,
    Cid,
    Option<Cid>,
    Option<String>,
);

/// Runs `lex status`.
pub(crate) fn run(args: StatusArgs) -> ExitCode {
    let (loaded, locals) = match load_local(&args.paths, &args.load) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let connected =
        super::account::connect(&args.network, args.handle.as_deref(), args.did.as_deref());
    let (client, account) = match connected {
        Ok(c) => c,
        Err(code) => return code,
    };
    let delegated = match delegations(&client, &locals, account.as_ref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let published = match published(&client, &locals, &delegated) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let plan = match plan(&loaded, &locals, &published) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let rows = rows(&plan, &delegated, account.is_some());
    print(args.format, &rows, &plan.breaks);
    if rows.iter().any(|r| r.1 != "in-sync") {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// Reads each authority's `_lexicon` record: with an account, its lexicons are read from
/// the account's repository and DNS must name it; without one, from the DID DNS names.
fn delegations(
    client: &Client,
    locals: &[Local],
    account: Option<&Account>,
) -> Result<Delegations, ExitCode> {
    let mut delegated = Delegations::new();
    for (authority, nsids) in authorities(locals) {
        let values = match client.lexicon_txt(&authority) {
            Ok(v) => v,
            Err(m) => {
                errln!("error: {m}");
                return Err(ExitCode::Network);
            }
        };
        let dns_did = match txt_dids(&values).as_slice() {
            [did] => Some((*did).to_owned()),
            _ => None,
        };
        let (repo, ok) = match account {
            Some(a) => (
                Some(a.did.clone()),
                dns_did.as_deref() == Some(a.did.as_str()),
            ),
            None => (dns_did.clone(), dns_did.is_some()),
        };
        for nsid in nsids {
            delegated.insert(nsid, (repo.clone(), ok));
        }
    }
    Ok(delegated)
}

/// The published versions of `locals`, read from each one's repository in one request
/// per repository; a failed fetch is a network error.
fn published(
    client: &Client,
    locals: &[Local],
    delegated: &Delegations,
) -> Result<BTreeMap<String, Resolved>, ExitCode> {
    let mut published = BTreeMap::new();
    let mut by_repo: BTreeMap<String, Vec<Local>> = BTreeMap::new();
    for local in locals {
        if let Some((Some(repo), _)) = delegated.get(&local.nsid) {
            by_repo.entry(repo.clone()).or_default().push(local.clone());
        }
    }
    for (repo, group) in &by_repo {
        match fetch_published(client, repo, group) {
            Ok(found) => published.extend(found),
            Err(e) => {
                errln!("error: {e}");
                return Err(ExitCode::Network);
            }
        }
    }
    Ok(published)
}

/// The status of each planned lexicon; DNS that does not delegate outranks the rest
/// (except for a lexicon not published yet when no account was named).
fn rows(plan: &Plan, delegated: &Delegations, has_account: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for (nsid, (local, published_cid, change)) in &plan.entries {
        let (repo, dns_ok) = delegated.get(nsid).cloned().unwrap_or((None, false));
        let (key, text) = match change {
            _ if !dns_ok && (has_account || *change != Change::New) => (
                "dns-not-delegated",
                "DNS not delegated to the publishing account",
            ),
            Change::New => ("not-published", "not published"),
            Change::Unchanged => ("in-sync", "in sync"),
            Change::Compatible => ("compatible-changes", "local changes (compatible)"),
            Change::Breaking => ("breaking-changes", "local changes (breaking)"),
        };
        rows.push((nsid.clone(), key, text, local.cid, *published_cid, repo));
    }
    rows
}

/// Prints the rows as text (breaking findings to stderr) or as one JSON document.
fn print(format: Format, rows: &[Row], breaks: &[String]) {
    match format {
        Format::Text => {
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (nsid, _, text, _, _, _) in rows {
                outln!("{nsid:<width$}  {text}");
            }
            for line in breaks {
                errln!("breaking: {line}");
            }
        }
        Format::Json => {
            let lexicons: Vec<serde_json::Value> = rows
                .iter()
                .map(|(nsid, key, _, local, published, repo)| {
                    serde_json::json!({
                        "nsid": nsid,
                        "status": key,
                        "local_cid": local.to_string(),
                        "published_cid": published.map(|c| c.to_string()),
                        "did": repo,
                    })
                })
                .collect();
            outln!(
                "{:#}",
                serde_json::json!({"lexicons": lexicons, "breaking": breaks})
            );
        }
    }
}
