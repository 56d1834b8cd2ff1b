//! `lex unpublish NSID... --handle HANDLE`: delete `com.atproto.lexicon.schema` records
//! from the account's repository, in one commit.

use std::io::{BufRead, Write as _};

use clap::Args;
use lex_compiler::network::publish::{PublishError, Write};

use super::install::NetworkArgs;
use super::publish::{fail, interactive, publish_error_code};
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex unpublish` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = UNPUBLISH_HELP)]
pub(crate) struct UnpublishArgs {
    /// The NSIDs whose schema records to delete.
    #[arg(value_name = "NSID", required = true)]
    nsids: Vec<String>,
    /// The publishing account's handle.
    #[arg(long, value_name = "HANDLE")]
    handle: String,
    /// Read the account password from the first line of stdin (otherwise `LEX_PASSWORD`).
    #[arg(long)]
    password_stdin: bool,
    /// Do not ask for confirmation (required when stdin is not a terminal).
    #[arg(long)]
    yes: bool,
    #[command(flatten)]
    network: NetworkArgs,
}

const UNPUBLISH_HELP: &str = "\
Installed copies elsewhere keep working (they are pinned by CID in lexicons.json), but
they can no longer be verified afresh or updated, and new installs fail. The records are
deleted in one commit; an NSID the account does not publish is an error and nothing is
deleted.

Exit codes: 0 deleted, 1 refused (wrong password, not published, the PDS refused),
2 usage error or not confirmed, 3 network error.";

/// Runs `lex unpublish`.
pub(crate) fn run(args: UnpublishArgs) -> ExitCode {
    for nsid in &args.nsids {
        if let Err(e) = lex_runtime::Nsid::new(nsid) {
            errln!("error: `{nsid}` is not an NSID: {e}");
            return ExitCode::Usage;
        }
    }
    if !args.yes && (args.password_stdin || !interactive()) {
        errln!("error: confirm with --yes (stdin is not available for a prompt)");
        return ExitCode::Usage;
    }
    let password = match super::publish::read_password(args.password_stdin) {
        Ok(p) => p,
        Err(m) => {
            errln!("error: {m}");
            return ExitCode::Usage;
        }
    };
    let client = match super::account::client(&args.network) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let account = match client.account(Some(&args.handle), None) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    let head = match client.latest_commit(&account) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let mut missing = Vec::new();
    for (nsid, result) in args
        .nsids
        .iter()
        .zip(client.published_in(&account.did, &args.nsids))
    {
        match result {
            Ok(Some(_)) => {}
            Ok(None) => missing.push(nsid.clone()),
            Err(e) => {
                errln!("error: {e}");
                return ExitCode::Network;
            }
        }
    }
    if !missing.is_empty() {
        errln!(
            "error: {} does not publish {}; nothing was deleted",
            account.did,
            missing.join(", ")
        );
        return ExitCode::Findings;
    }
    errln!("warning: installed copies elsewhere keep working but can no longer be verified afresh");
    if !args.yes {
        errln!(
            "delete {} from {}? [y/N]",
            args.nsids.join(", "),
            account.did
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            errln!("nothing was deleted");
            return ExitCode::Usage;
        }
    }
    let mut session = match client.login(&account, &password) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let writes: Vec<Write> = args
        .nsids
        .iter()
        .map(|nsid| Write::Delete { nsid: nsid.clone() })
        .collect();
    match client.apply_writes(&mut session, &writes, Some(head)) {
        Ok(c) => {
            for nsid in &args.nsids {
                outln!("unpublished {nsid}");
            }
            outln!("deleted {} records (commit {})", writes.len(), c.commit);
            ExitCode::Clean
        }
        Err(e) => {
            errln!("error: {e}");
            errln!("nothing was deleted");
            if matches!(e, PublishError::Network(_)) {
                return ExitCode::Network;
            }
            publish_error_code(&e)
        }
    }
}
