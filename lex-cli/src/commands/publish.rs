//! `lex publish [PATHS] --handle HANDLE`: check and lint the lexicons, compare them with
//! the versions the account publishes now, refuse breaking changes, and write every new or
//! changed `com.atproto.lexicon.schema` record in one commit.
//!
//! The comparison half (local lexicons, published versions, plan) is shared with
//! `lex status`.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::Args;
use lex_compiler::check::{breaking, lint};
use lex_compiler::network::publish::{
    schema_record, Account, Client, Committed, PublishError, Write,
};
use lex_compiler::network::ResolveError;
use lex_compiler::template::PLACEHOLDER;
use lex_compiler::Loaded;
use lex_runtime::{Cid, Map, Nsid};

use super::install::NetworkArgs;
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex publish` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = PUBLISH_HELP)]
pub(crate) struct PublishArgs {
    /// The lexicon files or folders to publish.
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// The publishing account's handle; its DID and PDS are resolved from it.
    #[arg(long, value_name = "HANDLE")]
    handle: String,
    /// Read the account password from the first line of stdin (otherwise `LEX_PASSWORD`).
    #[arg(long)]
    password_stdin: bool,
    /// Publish even when a lexicon changes incompatibly with its published version.
    #[arg(long)]
    allow_breaking: bool,
    /// Print the plan (new / changed / unchanged / breaking) and write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    network: NetworkArgs,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

const PUBLISH_HELP: &str = "\
Steps: every lexicon must pass `lex check` and have no lint errors (lex.toml applies);
files still holding `lex new` placeholders are refused. The handle is resolved through
its `_atproto.HANDLE` TXT record to a DID, the DID document gives the PDS. Each NSID
authority's `_lexicon.DOMAIN` TXT record must name that DID or be missing (see
`lex check-dns`). The versions the account publishes now are fetched and verified; a
breaking change stops the publish unless `--allow-breaking`. New and changed schemas
are written as `com.atproto.lexicon.schema` records (record key = NSID) in one
`com.atproto.repo.applyWrites` commit, applied only if the repository has not changed
since it was read; unchanged ones (same CID) are skipped. Afterwards each NSID is
resolved through DNS again and a warning names any that does not reach the new CID.

The password never goes on the command line: set LEX_PASSWORD (an app password works)
or pass --password-stdin.

Exit codes: 0 published (or nothing to do), 1 refused (check, lint, placeholders,
breaking changes, DNS delegated elsewhere, wrong password, the PDS refused the write),
2 usage error, 3 network error. Nothing is reported as published unless the PDS
confirmed the commit.

Examples:
  LEX_PASSWORD=... lex publish --handle alice.example.com
  lex publish lexicons/com/example --handle alice.example.com --dry-run
  pass show atproto | lex publish --handle alice.example.com --password-stdin";

/// One local lexicon ready to publish.
#[derive(Debug, Clone)]
pub(super) struct Local {
    pub(super) nsid: String,
    pub(super) file: String,
    pub(super) record: Map,
    pub(super) cid: Cid,
}

/// How a local lexicon compares with its published version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// Not published yet.
    New,
    /// Same CID.
    Unchanged,
    /// Different, compatible.
    Compatible,
    /// Different, with breaking findings.
    Breaking,
}

/// Local lexicons compared with the published ones.
#[derive(Debug)]
pub(super) struct Plan {
    /// NSID -> (local lexicon, published CID, change).
    pub(super) entries: BTreeMap<String, (Local, Option<Cid>, Change)>,
    /// Breaking findings as `NSID: message [rule]` lines.
    pub(super) breaks: Vec<String>,
}

/// Loads `paths`, prints check errors and stops on them (exit 1; 2 for unreadable input).
pub(super) fn load_local(
    paths: &[PathBuf],
    load: &crate::args::LoadArgs,
) -> Result<(Loaded, Vec<Local>), ExitCode> {
    let loaded = super::load::load_with_lex_toml(paths, load)?;
    if let Some(code) = super::load::input_errors(&loaded) {
        return Err(code);
    }
    if loaded.diagnostics.has_errors() {
        crate::report::print_text(&loaded.diagnostics);
        errln!(
            "error: {} errors from `lex check`; nothing was published",
            loaded.diagnostics.error_count()
        );
        return Err(ExitCode::Findings);
    }
    let mut locals = Vec::new();
    for doc in loaded.catalog.documents() {
        let file = doc.source.name().to_owned();
        let (record, cid) = match schema_record(doc.source.inner()) {
            Ok(r) => r,
            Err(e) => {
                errln!("error: {file}: {e}");
                return Err(ExitCode::Findings);
            }
        };
        locals.push(Local {
            nsid: doc.document.id.clone(),
            file,
            record,
            cid,
        });
    }
    if locals.is_empty() {
        errln!("error: no lexicons found in the given paths");
        return Err(ExitCode::Usage);
    }
    Ok((loaded, locals))
}

/// Lint errors and `lex new` placeholders: printed; exit 1 when there is any.
fn refusals(loaded: &Loaded, locals: &[Local]) -> Result<(), ExitCode> {
    let config = super::lint::load_config(None)?;
    let selection = match lex_compiler::check::selection::select(
        &config,
        &config.lint,
        "lint",
        lint::registry(),
        lint::categories(),
    ) {
        Ok(s) => s,
        Err(errors) => return Err(super::lint::config_errors(errors)),
    };
    let mut refused = 0;
    for f in lint::lint(loaded, &selection) {
        if f.level == lex_compiler::check::rule::Level::Error {
            refused += 1;
            let at = f.diagnostic.source_name().unwrap_or("?");
            errln!(
                "error: {at}: {} [lex::lint::{}]",
                f.diagnostic.message(),
                f.rule
            );
        }
    }
    for local in locals {
        let text = lex_runtime::json::to_string(&lex_runtime::Value::Map(local.record.clone()));
        if text.contains(PLACEHOLDER) {
            refused += 1;
            errln!(
                "error: {}: `{}` still holds `{PLACEHOLDER}` placeholders; write the descriptions first",
                local.file,
                local.nsid
            );
        }
    }
    if refused > 0 {
        errln!("error: {refused} problems must be fixed first; nothing was published");
        return Err(ExitCode::Findings);
    }
    Ok(())
}

/// Compares `locals` with `published` (NSID -> verified record, absent when not published).
pub(super) fn plan(
    loaded: &Loaded,
    locals: &[Local],
    published: &BTreeMap<String, lex_compiler::network::Resolved>,
) -> Result<Plan, ExitCode> {
    let config = super::lint::load_config(None)?;
    let selection = match lex_compiler::check::selection::select(
        &config,
        &config.breaking,
        "breaking",
        breaking::registry(),
        breaking::categories(),
    ) {
        Ok(s) => s,
        Err(errors) => return Err(super::lint::config_errors(errors)),
    };
    let old = lex_compiler::load_sources_with(
        published.values().map(|r| {
            (
                r.uri.clone(),
                lex_compiler::network::install::record_text(&r.record),
            )
        }),
        &lex_compiler::LoadOptions::new(),
    );
    let found = breaking::breaking(&old.catalog, &loaded.catalog, &selection);
    let mut breaking_nsids = std::collections::BTreeSet::new();
    let mut breaks = Vec::new();
    for f in &found.findings {
        if f.level != lex_compiler::check::rule::Level::Error {
            continue;
        }
        let nsid = f.nsid.clone().unwrap_or_default();
        breaks.push(format!(
            "{nsid}: {} [lex::breaking::{}]",
            f.diagnostic.message(),
            f.rule
        ));
        breaking_nsids.insert(nsid);
    }
    let mut entries = BTreeMap::new();
    for local in locals {
        let published_cid = published.get(&local.nsid).map(|r| r.cid);
        let change = match published_cid {
            None => Change::New,
            Some(cid) if cid == local.cid => Change::Unchanged,
            Some(_) if breaking_nsids.contains(&local.nsid) => Change::Breaking,
            Some(_) => Change::Compatible,
        };
        entries.insert(local.nsid.clone(), (local.clone(), published_cid, change));
    }
    Ok(Plan { entries, breaks })
}

/// The exit code for a failed network or account step.
pub(super) fn publish_error_code(e: &PublishError) -> ExitCode {
    match e {
        PublishError::Network(_) => ExitCode::Network,
        PublishError::Identity(_) | PublishError::Auth(_) | PublishError::Refused(_) => {
            ExitCode::Findings
        }
    }
}

/// Reports a failed step on one line and returns its exit code.
pub(super) fn fail(e: &PublishError) -> ExitCode {
    errln!("error: {e}");
    publish_error_code(e)
}

/// The distinct authorities of `locals` with their NSIDs.
pub(super) fn authorities(locals: &[Local]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for local in locals {
        if let Ok(nsid) = Nsid::new(&local.nsid) {
            out.entry(nsid.authority_domain())
                .or_default()
                .push(local.nsid.clone());
        }
    }
    out
}

/// The `did=` values among TXT values.
pub(super) fn txt_dids(values: &[String]) -> Vec<&str> {
    values
        .iter()
        .filter_map(|v| v.strip_prefix("did="))
        .collect()
}

/// The versions `account` publishes for `locals`; a failed fetch is a network error.
pub(super) fn fetch_published(
    client: &Client,
    did: &str,
    locals: &[Local],
) -> Result<BTreeMap<String, lex_compiler::network::Resolved>, ResolveError> {
    let nsids: Vec<String> = locals.iter().map(|l| l.nsid.clone()).collect();
    let mut out = BTreeMap::new();
    for (nsid, result) in nsids.iter().zip(client.published_in(did, &nsids)) {
        if let Some(resolved) = result? {
            out.insert(nsid.clone(), resolved);
        }
    }
    Ok(out)
}

pub(super) fn read_password(stdin: bool) -> Result<String, String> {
    if stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
        let password = line.trim_end_matches(['\r', '\n']).to_owned();
        if password.is_empty() {
            return Err("--password-stdin: stdin held no password".to_owned());
        }
        return Ok(password);
    }
    match std::env::var("LEX_PASSWORD") {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => Err(
            "no password: set LEX_PASSWORD or pass --password-stdin (never on the command line)"
                .to_owned(),
        ),
    }
}

/// Runs `lex publish`.
pub(crate) fn run(args: PublishArgs) -> ExitCode {
    // Read first: a missing password should not cost a round of network requests.
    let password = if args.dry_run {
        None
    } else {
        match read_password(args.password_stdin) {
            Ok(p) => Some(p),
            Err(m) => {
                errln!("error: {m}");
                return ExitCode::Usage;
            }
        }
    };
    let (loaded, locals) = match load_local(&args.paths, &args.load) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if let Err(code) = refusals(&loaded, &locals) {
        return code;
    }
    let client = match super::account::client(&args.network) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let account = match client.account(Some(&args.handle), None) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    errln!(
        "publishing as {} ({}) on {}",
        args.handle,
        account.did,
        account.pds
    );
    if let Err(code) = check_delegation(&client, &account, &locals) {
        return code;
    }
    // Read the commit before the records: `swapCommit` then fails if anything changed
    // after the records were compared.
    let head = match client.latest_commit(&account) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let published = match fetch_published(&client, &account.did, &locals) {
        Ok(p) => p,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::Network;
        }
    };
    let plan = match plan(&loaded, &locals, &published) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let writes = print_plan(&plan);
    if let Err(code) = refuse_breaking(&plan, args.allow_breaking) {
        return code;
    }
    if args.dry_run {
        outln!(
            "dry run: {} records would be written; nothing was written",
            writes.len()
        );
        return ExitCode::Clean;
    }
    if writes.is_empty() {
        outln!(
            "nothing to publish: {} lexicons unchanged",
            plan.entries.len()
        );
        return ExitCode::Clean;
    }
    let Some(password) = password else {
        return ExitCode::Usage;
    };
    let committed = match commit(&client, &account, &password, &writes, head) {
        Ok(c) => c,
        Err(code) => return code,
    };
    for write in &writes {
        if let Write::Create { nsid, .. } | Write::Update { nsid, .. } = write {
            if let Some((local, _, _)) = plan.entries.get(nsid) {
                outln!("published {nsid} {}", local.cid);
            }
        }
    }
    outln!(
        "published {} lexicons as {} (commit {}, rev {})",
        writes.len(),
        account.did,
        committed.commit,
        committed.rev
    );
    verify_resolution(&client, &plan, &writes);
    ExitCode::Clean
}

/// Prints the plan, one line a lexicon (the command's output, what `--dry-run` is for), and
/// the breaking changes; returns the writes it needs.
fn print_plan(plan: &Plan) -> Vec<Write> {
    let mut writes = Vec::new();
    for (nsid, (local, _, change)) in &plan.entries {
        let word = match change {
            Change::New => "new",
            Change::Unchanged => "unchanged",
            Change::Compatible => "changed",
            Change::Breaking => "breaking",
        };
        // The plan is the command's output (what `--dry-run` is for); errors go to stderr.
        outln!("{word:>9} {nsid}");
        match change {
            Change::New => writes.push(Write::Create {
                nsid: nsid.clone(),
                record: local.record.clone(),
            }),
            Change::Compatible | Change::Breaking => writes.push(Write::Update {
                nsid: nsid.clone(),
                record: local.record.clone(),
            }),
            Change::Unchanged => {}
        }
    }
    for line in &plan.breaks {
        errln!("breaking: {line}");
    }
    writes
}

/// Refuses a plan with breaking changes unless they are allowed.
fn refuse_breaking(plan: &Plan, allow_breaking: bool) -> Result<(), ExitCode> {
    let breaking = plan
        .entries
        .values()
        .filter(|(_, _, c)| *c == Change::Breaking)
        .count();
    if breaking > 0 && !allow_breaking {
        errln!(
            "error: {breaking} lexicons change incompatibly with their published version; \
             nothing was published (pass --allow-breaking to publish anyway)"
        );
        return Err(ExitCode::Findings);
    }
    Ok(())
}

/// Logs in and applies `writes` in one commit guarded by `head`; on failure says why
/// nothing was published and what to do.
fn commit(
    client: &Client,
    account: &Account,
    password: &str,
    writes: &[Write],
    head: Cid,
) -> Result<Committed, ExitCode> {
    let mut session = client.login(account, password).map_err(|e| fail(&e))?;
    client
        .apply_writes(&mut session, writes, Some(head))
        .map_err(|e| {
            errln!("error: {e}");
            let hint = match &e {
                PublishError::Network(_) => {
                    " (unless the PDS applied the commit without answering: `lex status` shows what it holds)"
                }
                PublishError::Refused(m) if m.contains("InvalidSwap") => {
                    " (the repository changed after it was compared, perhaps a concurrent publish: run `lex publish` again)"
                }
                _ => "",
            };
            errln!("nothing was published{hint}");
            publish_error_code(&e)
        })
}

/// Every authority's `_lexicon` record must name the account, or be missing (then a
/// warning: nobody can resolve the lexicons until it exists).
fn check_delegation(client: &Client, account: &Account, locals: &[Local]) -> Result<(), ExitCode> {
    let mut wrong = false;
    for (authority, nsids) in authorities(locals) {
        let values = match client.lexicon_txt(&authority) {
            Ok(v) => v,
            Err(m) => {
                errln!("error: {m}");
                return Err(ExitCode::Network);
            }
        };
        match txt_dids(&values).as_slice() {
            [did] if *did == account.did => {}
            [] => errln!(
                "warning: _lexicon.{authority} has no `did=` TXT record: {} will not resolve \
                 until you create `_lexicon.{authority} TXT \"did={}\"`",
                nsids.join(", "),
                account.did
            ),
            [did] => {
                wrong = true;
                errln!(
                    "error: _lexicon.{authority} is delegated to {did}, not to {} ({}); \
                     publish with that account or change the TXT record to \"did={}\"",
                    account.did,
                    account
                        .handle
                        .as_deref()
                        .unwrap_or("the publishing account"),
                    account.did
                );
            }
            many => {
                wrong = true;
                errln!(
                    "error: _lexicon.{authority} has {} `did=` TXT records; keep only \"did={}\"",
                    many.len(),
                    account.did
                );
            }
        }
    }
    if wrong {
        errln!("nothing was published");
        return Err(ExitCode::Findings);
    }
    Ok(())
}

/// Resolves each written NSID as an installer would and warns when it does not reach the
/// new CID.
fn verify_resolution(client: &Client, plan: &Plan, writes: &[Write]) {
    for write in writes {
        let (Write::Create { nsid, .. } | Write::Update { nsid, .. }) = write else {
            continue;
        };
        let Some((local, _, _)) = plan.entries.get(nsid) else {
            continue;
        };
        match client.resolve_fresh(nsid) {
            Ok(r) if r.cid == local.cid => {}
            Ok(r) => errln!(
                "warning: {nsid} resolves to {} in {}, not the new {} (does the `_lexicon` TXT \
                 record point at this account? see `lex check-dns`)",
                r.cid,
                r.did,
                local.cid
            ),
            Err(e) => errln!("warning: {nsid} does not resolve yet: {}", e.message),
        }
    }
}

/// Whether stdin is an interactive terminal (for `lex unpublish`'s prompt).
pub(super) fn interactive() -> bool {
    std::io::stdin().is_terminal()
}
