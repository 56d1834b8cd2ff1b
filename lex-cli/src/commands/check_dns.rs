//! `lex check-dns [PATHS] [--handle HANDLE | --did DID]`: for each NSID authority of the
//! lexicons, the `_lexicon.<domain>` TXT record publishing needs, what DNS answers today,
//! and whether it points at the publishing account.

use std::path::PathBuf;

use clap::Args;

use super::install::NetworkArgs;
use super::publish::{authorities, load_local, txt_dids};
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex check-dns` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = CHECK_DNS_HELP)]
pub(crate) struct CheckDnsArgs {
    /// The lexicon files or folders whose authorities to check.
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// The publishing account's handle (resolved through `_atproto.HANDLE`).
    #[arg(long, value_name = "HANDLE", conflicts_with = "did")]
    handle: Option<String>,
    /// The publishing account's DID.
    #[arg(long, value_name = "DID")]
    did: Option<String>,
    #[command(flatten)]
    network: NetworkArgs,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

const CHECK_DNS_HELP: &str = "\
An NSID's authority is the NSID without its name, reversed: `com.example.feed.post` has
authority `feed.example.com`, and resolvers look up the TXT record
`_lexicon.feed.example.com`, which must hold exactly one `did=DID` value naming the
repository that publishes it. Records are never inherited from parent domains.

Without --handle or --did, check-dns reports what each record holds and whether it is
usable; with one, it also checks that the record names that account.

Exit codes: 0 every record is in place, 1 a record is missing, ambiguous or points
elsewhere (the exact record to create is printed), 2 usage error, 3 network error.

Example:
  lex check-dns lexicons --handle alice.example.com";

/// Runs `lex check-dns`.
pub(crate) fn run(args: CheckDnsArgs) -> ExitCode {
    let (_, locals) = match load_local(&args.paths, &args.load) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let connected =
        super::account::connect(&args.network, args.handle.as_deref(), args.did.as_deref());
    let (client, account) = match connected {
        Ok(c) => c,
        Err(code) => return code,
    };
    let wanted = account.as_ref().map(|a| a.did.as_str());
    let who = match (&account, &args.handle) {
        (Some(a), Some(h)) => format!("{h} ({})", a.did),
        (Some(a), None) => a.did.clone(),
        _ => String::new(),
    };
    let mut problems = 0;
    for (authority, nsids) in authorities(&locals) {
        let name = format!("_lexicon.{authority}");
        let values = match client.lexicon_txt(&authority) {
            Ok(v) => v,
            Err(m) => {
                errln!("error: {m}");
                return ExitCode::Network;
            }
        };
        outln!("{name} (for {})", nsids.join(", "));
        outln!(
            "  needed: TXT \"did={}\"",
            wanted.unwrap_or("<the publishing account's DID>")
        );
        if values.is_empty() {
            outln!("  found:  nothing");
        }
        for v in &values {
            outln!("  found:  TXT {v:?}");
        }
        let create = |problems: &mut usize, why: &str| {
            *problems += 1;
            outln!("  {why}");
            outln!(
                "  fix:    create the record `{name}. TXT \"did={}\"`{}",
                wanted.unwrap_or("<DID>"),
                if values.is_empty() {
                    ""
                } else {
                    " and remove the other `did=` values"
                }
            );
        };
        match (txt_dids(&values).as_slice(), wanted) {
            ([], _) => create(&mut problems, "MISSING: no `did=` value"),
            ([did], Some(w)) if *did == w => outln!("  ok:     points at {who}"),
            ([did], Some(_)) => create(
                &mut problems,
                &format!("WRONG:  points at {did}, not the publishing account {who}"),
            ),
            ([did], None) => match lex_runtime::Did::new(did) {
                Ok(_) => outln!("  ok:     delegated to {did}"),
                Err(e) => create(
                    &mut problems,
                    &format!("INVALID: `{did}` is not a DID: {e}"),
                ),
            },
            (many, _) => create(
                &mut problems,
                &format!(
                    "AMBIGUOUS: {} `did=` values; resolvers require exactly one",
                    many.len()
                ),
            ),
        }
    }
    if problems > 0 {
        errln!("{problems} `_lexicon` records need attention");
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}
